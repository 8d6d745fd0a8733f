/* loket-speech-bar.h — speech mode's own controls: repeat, louder, quieter, slower, faster
 *
 * Shown only while speech is on (the sighted citizen never sees them), above the footer
 * on every page. Each button is at least 64 px, has an accessible name, and runs an action
 * of the `speech` group (loket-speech-mode.c): repeat, repeat-code, louder, quieter,
 * slower, faster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget  *loket_speech_bar_new            (void);

/* "Repeat the code": only on the receipt page. */
void        loket_speech_bar_set_code_shown (GtkWidget *bar,
                                             gboolean   shown);

/* The buttons' words and names again, in the current language. */
void        loket_speech_bar_update_strings (GtkWidget *bar);

/* The button for action (e.g. "speech.louder"), for tests. */
GtkWidget  *loket_speech_bar_get_button     (GtkWidget  *bar,
                                             const char *action);

G_END_DECLS
