/* loket-theme.h — large text and high contrast, switched at run time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     loket_theme_set               (GdkDisplay *display,
                                        gboolean    large_text,
                                        gboolean    high_contrast);
gboolean loket_theme_get_large_text    (GdkDisplay *display);
gboolean loket_theme_get_high_contrast (GdkDisplay *display);

G_END_DECLS
