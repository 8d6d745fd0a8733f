/* loket-welcome-page.h — the first page: language, what the kiosk does, Start and Track
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_WELCOME_PAGE (loket_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketWelcomePage, loket_welcome_page, LOKET, WELCOME_PAGE, LoketPage)

G_END_DECLS
