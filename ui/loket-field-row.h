/* loket-field-row.h — one question of the combined form: its label, its input, its message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-request.h"
#include "loket-keyboard.h"

G_BEGIN_DECLS

#define LOKET_TYPE_FIELD_ROW (loket_field_row_get_type ())
G_DECLARE_FINAL_TYPE (LoketFieldRow, loket_field_row, LOKET, FIELD_ROW, GtkWidget)

/* A row for a field of the request (group_id NULL, index ignored), or for the sub-field
 * `field` of entry `index` of the group `group_id`. The input suits the field's type:
 * entries with the right keyboard, digit entries that show digits in groups, a date in
 * three boxes (day, month, year), big tiles for a choice, two big buttons for yes-no. What the citizen enters
 * goes straight into the request; the row emits `changed` after each change. */
GtkWidget        *loket_field_row_new              (LoketRequest      *request,
                                                    const LoketField  *field,
                                                    const char        *group_id,
                                                    guint              index);

const LoketField *loket_field_row_get_field        (LoketFieldRow     *self);
const char       *loket_field_row_get_group_id     (LoketFieldRow     *self);
guint             loket_field_row_get_index        (LoketFieldRow     *self);
/* The entry of a typed field (a date's day box), or NULL for tiles and buttons. */
GtkWidget        *loket_field_row_get_entry        (LoketFieldRow     *self);
/* A date's three boxes (LoketDateBoxes), or NULL for another type. */
GtkWidget        *loket_field_row_get_date_boxes   (LoketFieldRow     *self);
/* The row's n-th entry (a date has three, another typed field one), or NULL past the last:
 * each takes the on-screen keyboard. */
GtkWidget        *loket_field_row_get_nth_entry    (LoketFieldRow     *self,
                                                    guint              n);

/* Whether issue concerns this row. */
gboolean          loket_field_row_matches          (LoketFieldRow     *self,
                                                    const LoketIssue  *issue);
/* The row's current problem (NULL: none). It is shown only once the citizen has left the
 * field or pressed Next (loket_field_row_reveal), never while they are still typing. */
void              loket_field_row_set_issue        (LoketFieldRow     *self,
                                                    const LoketIssue  *issue);
gboolean          loket_field_row_has_issue        (LoketFieldRow     *self);
void              loket_field_row_reveal           (LoketFieldRow     *self);
/* The message shown now, or NULL. */
const char       *loket_field_row_get_message      (LoketFieldRow     *self);
/* The "Yes, this is correct" button of a shown warning, or NULL. */
GtkWidget        *loket_field_row_get_confirm_button (LoketFieldRow   *self);

void              loket_field_row_set_required     (LoketFieldRow     *self,
                                                    gboolean           required);
/* Moves the focus to the input. */
void              loket_field_row_focus            (LoketFieldRow     *self);
/* Sets every string again in the current language. */
void              loket_field_row_locale_changed   (LoketFieldRow     *self);

/* The answer one of the row's tiles gives ("true", a choice's value); NULL for another widget. */
const char       *loket_field_row_get_tile_value   (LoketFieldRow     *self,
                                                    GtkWidget         *tile);

G_END_DECLS
