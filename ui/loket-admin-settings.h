/* loket-admin-settings.h — admin mode's Settings: what staff may change on the spot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default language (one of the languages the fleet's configuration offers) and the idle
 * timeout (choices within the bounds the configuration allows). A tap saves the value into
 * local.conf in the state dir through loket_staff_set_setting () — `loketctl settings set`'s
 * — in a worker thread, with its audit line; the running kiosk then uses it (the next
 * citizen's Welcome is in the new language, the idle timer counts the new time). The fleet's
 * configuration file is never written. Each value says whether it is staff's or the fleet's.
 *
 * Actions: settings.language (s), settings.idle (s: seconds), settings.reset (s: key).
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-admin-mode.h"
#include "loket-session.h"

G_BEGIN_DECLS

#define LOKET_TYPE_ADMIN_SETTINGS (loket_admin_settings_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminSettings, loket_admin_settings, LOKET, ADMIN_SETTINGS, GtkBox)

GtkWidget  *loket_admin_settings_new       (LoketSession       *session,
                                            LoketAdminMode     *mode);
void        loket_admin_settings_refresh   (LoketAdminSettings *self);
gboolean    loket_admin_settings_is_busy   (LoketAdminSettings *self);
const char *loket_admin_settings_get_error (LoketAdminSettings *self);

G_END_DECLS
