/* loket-admin-login-page.h — behind the gesture: the staff names, then a PIN pad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_ADMIN_LOGIN_PAGE (loket_admin_login_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminLoginPage, loket_admin_login_page, LOKET, ADMIN_LOGIN_PAGE,
                      LoketPage)

/* For tests: what the pad says, how many digits are typed, whether it takes digits now. */
const char *loket_admin_login_page_get_status     (LoketAdminLoginPage *self);
guint       loket_admin_login_page_get_pin_length (LoketAdminLoginPage *self);
gboolean    loket_admin_login_page_is_pad_open    (LoketAdminLoginPage *self);
/* Whether the staff names or the lockout are being read (in a worker thread). */
gboolean    loket_admin_login_page_is_reading     (LoketAdminLoginPage *self);

G_END_DECLS
