/* loket-bands.h — the window's bands: header, content, footer, and the on-screen keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* On a portrait screen the keyboard lies below the footer, across the lower part of the
 * screen where the hand is; on a landscape screen it stands to the right of the content,
 * between header and footer, so the fields keep the height they need and the footer stays
 * where it always is. Which one is decided by the space the bands are given, at each
 * layout: no configuration, no breakpoint. */

#define LOKET_TYPE_BANDS (loket_bands_get_type ())

G_DECLARE_FINAL_TYPE (LoketBands, loket_bands, LOKET, BANDS, GtkWidget)

GtkWidget  *loket_bands_new                 (void);

void        loket_bands_set_header          (LoketBands *self,
                                             GtkWidget  *header);
GtkWidget  *loket_bands_get_header          (LoketBands *self);
void        loket_bands_set_content         (LoketBands *self,
                                             GtkWidget  *content);
GtkWidget  *loket_bands_get_content         (LoketBands *self);
void        loket_bands_set_footer          (LoketBands *self,
                                             GtkWidget  *footer);
GtkWidget  *loket_bands_get_footer          (LoketBands *self);
void        loket_bands_set_keyboard        (LoketBands *self,
                                             GtkWidget  *keyboard);
GtkWidget  *loket_bands_get_keyboard        (LoketBands *self);

gboolean    loket_bands_get_keyboard_beside (LoketBands *self);

G_END_DECLS
