/* loket-focus-ring.h — the focus ring stays for as long as the keyboard is in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void loket_focus_ring_keep (GtkWindow *window);

G_END_DECLS
