/* loket-vision-toggles.h — "Larger text" and "High contrast", in words, wherever they stand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  LOKET_VISION_LARGE_TEXT,
  LOKET_VISION_HIGH_CONTRAST,
} LoketVisionAid;

/* A toggle that switches one aid of the display's theme (loket-theme.h); large: Welcome's
 * big one rather than the footer's compact one. Every toggle of a window follows the
 * theme, whichever of them was pressed. */
GtkWidget *loket_vision_toggle_new        (LoketVisionAid  aid,
                                           gboolean        large);
/* Both, side by side while they fit (a LoketButtonRow). */
GtkWidget *loket_vision_toggles_new_row   (gboolean        large);
/* Every toggle under root as the theme is now. */
void       loket_vision_toggles_sync      (GtkWidget      *root);
/* Every toggle under root in the current language. */
void       loket_vision_toggles_update_strings (GtkWidget *root);

G_END_DECLS
