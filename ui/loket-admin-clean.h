/* loket-admin-clean.h — admin mode's Clean the screen: touches ignored for a while
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff wipe the glass: for LOKET_ADMIN_CLEAN_SECONDS every touch, click and key is ignored.
 * A full-window overlay covers the screen and counts the seconds down in large digits, then
 * goes and admin mode is back as it was. The start leaves an audit line ("clean-screen").
 *
 * Action: clean.start.
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-admin-mode.h"

G_BEGIN_DECLS

#define LOKET_ADMIN_CLEAN_SECONDS 30
#define LOKET_AUDIT_CLEAN_SCREEN  "clean-screen"

#define LOKET_TYPE_ADMIN_CLEAN (loket_admin_clean_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminClean, loket_admin_clean, LOKET, ADMIN_CLEAN, GtkBox)

GtkWidget  *loket_admin_clean_new          (LoketAdminMode  *mode);
/* Tests: a shorter time. */
void        loket_admin_clean_set_seconds  (LoketAdminClean *self,
                                            guint            seconds);
/* The overlay while the screen is being cleaned, else NULL. */
GtkWidget  *loket_admin_clean_get_cover    (LoketAdminClean *self);
/* Seconds left on the countdown (0 when not cleaning); events ignored so far. */
guint       loket_admin_clean_get_left     (LoketAdminClean *self);
guint       loket_admin_clean_get_ignored  (LoketAdminClean *self);

G_END_DECLS
