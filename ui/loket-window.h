/* loket-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-application.h"

G_BEGIN_DECLS

#define LOKET_TYPE_WINDOW (loket_window_get_type ())

G_DECLARE_FINAL_TYPE (LoketWindow, loket_window, LOKET, WINDOW, GtkApplicationWindow)

LoketWindow *loket_window_new       (LoketApplication *application,
                                     gboolean          kiosk);
gboolean     loket_window_is_kiosk  (LoketWindow      *self);

G_END_DECLS
