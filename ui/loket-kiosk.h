/* loket-kiosk.h — no way out of the kiosk: GTK's own dialogs and menus kept from citizens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether the command line asks for --kiosk (options after "--" do not count). main() needs
 * to know before GTK starts, long before GApplication parses the options. */
gboolean  loket_kiosk_requested             (int          argc,
                                             char       **argv);

/* Before GTK starts, in kiosk mode: keeps GSettings in memory, with GTK's inspector shortcut
 * switched off there (GTK reads that switch from GSettings, not from GtkSettings), and
 * clears the environment variables that would open the inspector (GTK_DEBUG=interactive)
 * or bring in an input method with windows of its own. FALSE, with the reason, when GTK's
 * settings schema is missing, so the switch could not be set: the window's own guard
 * (loket_kiosk_guard_window) is then the only line. */
gboolean  loket_kiosk_prepare_process       (GError     **error);

/* What GTK will read when Ctrl+Shift+I or Ctrl+Shift+D is pressed: whether the inspector's
 * shortcut is on (TRUE when the schema is missing: GTK's default). */
gboolean  loket_kiosk_inspector_shortcut_enabled (void);

/* The second line, on the kiosk's window: a key controller that runs before every widget
 * and swallows the chords of GTK's built-in inspector, emoji chooser, context menus and
 * menu bar. */
void      loket_kiosk_guard_window          (GtkWindow   *window);

G_END_DECLS
