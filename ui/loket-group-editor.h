/* loket-group-editor.h — a repeating group of the form (family members who move), entry by entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-request.h"
#include "loket-field-row.h"

G_BEGIN_DECLS

#define LOKET_TYPE_GROUP_EDITOR (loket_group_editor_get_type ())
G_DECLARE_FINAL_TYPE (LoketGroupEditor, loket_group_editor, LOKET, GROUP_EDITOR, GtkWidget)

/* The entries of the group field `field` of request, each with a row per sub-field and a
 * big "Remove" button, and an "Add" button below; the group's min and max are kept (the
 * buttons go insensitive at the limits). Emits `changed` after any change and
 * `rows-changed` after entries were added or removed (new rows need the keyboard). */
GtkWidget        *loket_group_editor_new          (LoketRequest      *request,
                                                   const LoketField  *field);

const LoketField *loket_group_editor_get_field    (LoketGroupEditor  *self);
/* Of LoketFieldRow*, entry by entry, sub-field by sub-field. */
GPtrArray        *loket_group_editor_get_rows     (LoketGroupEditor  *self);
/* Adds an entry (FALSE at the maximum) / removes entry index (FALSE at the minimum). */
gboolean          loket_group_editor_add_entry    (LoketGroupEditor  *self);
gboolean          loket_group_editor_remove_entry (LoketGroupEditor  *self,
                                                   guint              index);
/* The group's own problem (too few, too many, required), shown above its Add button. */
void              loket_group_editor_set_issue    (LoketGroupEditor  *self,
                                                   const LoketIssue  *issue);
void              loket_group_editor_reveal       (LoketGroupEditor  *self);
const char       *loket_group_editor_get_message  (LoketGroupEditor  *self);
void              loket_group_editor_locale_changed (LoketGroupEditor *self);

G_END_DECLS
