/* loket-admin-page.h — admin mode's first screen: which kiosk this is, who is in, Exit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reached only through the door (loket-admin-mode.h). Its main action is Exit, which ends
 * the visit and returns to Welcome (the flow's NEXT_RESTARTS). The status board and staff
 * actions of admin mode go into its content box (loket_admin_page_get_content).
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_ADMIN_PAGE (loket_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminPage, loket_admin_page, LOKET, ADMIN_PAGE, LoketPage)

/* The vertical box under the kiosk's identity, for the screens of admin mode. */
GtkBox    *loket_admin_page_get_content (LoketAdminPage *self);
/* The status board (loket-admin-status.h), made when the page is first shown, or NULL. */
GtkWidget *loket_admin_page_get_status  (LoketAdminPage *self);

G_END_DECLS
