/* loket-application.h — the kiosk program: options, configuration, session, styles, window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "config/loket-config.h"
#include "loket-session.h"

G_BEGIN_DECLS

#define LOKET_TYPE_APPLICATION (loket_application_get_type ())

G_DECLARE_FINAL_TYPE (LoketApplication, loket_application, LOKET, APPLICATION, GtkApplication)

LoketApplication *loket_application_new        (void);
LoketConfig      *loket_application_get_config (LoketApplication *self);
gboolean          loket_application_is_kiosk   (LoketApplication *self);
/* The kiosk's session, made from the configuration before any window opens. */
LoketSession     *loket_application_get_session (LoketApplication *self);

void              loket_ui_init_styles         (void);

G_END_DECLS
