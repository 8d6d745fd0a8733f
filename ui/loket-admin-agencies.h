/* loket-admin-agencies.h — admin mode's agency lines: held or not, last success, last failure
 * and its reason in words, parts waiting; Release for an agency held for credentials
 * (action status.release on the status widget)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-admin-board.h"

G_BEGIN_DECLS

void loket_admin_agencies_fill (GtkBox                   *box,
                                const LoketAdminSnapshot *snap);

G_END_DECLS
