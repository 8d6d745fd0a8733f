/* loket-admin-widgets.h — the small widgets admin mode's screens of part 2 share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-admin-mode.h"

G_BEGIN_DECLS

/* A wrapping, left-aligned label. */
GtkWidget *loket_admin_text_label  (const char *text);
/* A heading of the given level (2, 3) for screen readers. */
GtkWidget *loket_admin_heading     (const char *text,
                                    int         level);
/* A 64 px button with an accessible name, bound to action with a string target (or none). */
GtkWidget *loket_admin_button      (const char *label,
                                    const char *accessible,
                                    const char *action,
                                    const char *target);
/* A hidden error label (role alert) that says an action's failure. */
GtkLabel  *loket_admin_error_label (void);
void       loket_admin_clear_box   (GtkWidget  *box);

/* Writes an audit line for whoever is in (nothing when nobody is) in a worker thread: the
 * line is fdatasynced, which the screen must not wait for. A failure is logged. */
void       loket_admin_audit_in_thread (LoketAdminMode *mode,
                                        const char     *action,
                                        const char     *target);
/* The same for a given staff member (the sign-out, once the name is gone from the mode). */
void       loket_staff_audit_in_thread (LoketStaff     *staff,
                                        const char     *by,
                                        const char     *action,
                                        const char     *target);

G_END_DECLS
