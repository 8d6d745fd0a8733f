/* loket-admin-tools.h — what staff do from admin mode besides the status board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today's offer, Settings, Reload the catalog and Clean the screen, one section each, put
 * into the admin page's content box below the status board (loket-admin-page.c).
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-admin-mode.h"
#include "loket-session.h"

G_BEGIN_DECLS

/* Appends the sections to box; returns the first one. */
GtkWidget *loket_admin_tools_append  (GtkBox         *box,
                                      LoketSession   *session,
                                      LoketAdminMode *mode);
/* Every section of type under box (tests), or NULL. */
GtkWidget *loket_admin_tools_find    (GtkWidget      *box,
                                      GType           type);
/* Reads what may have changed since the last visit. */
void       loket_admin_tools_refresh (GtkWidget      *box);

G_END_DECLS
