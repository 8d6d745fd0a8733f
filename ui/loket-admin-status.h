/* loket-admin-status.h — admin mode's status board and the parts that need staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown in the admin page's content box. What it reads (the outbox, the state dir's free
 * space, the clock's state) is read off the main loop, from a connection of its own, as
 * `loketctl outbox list` does. Its actions call the same outbox functions as `loketctl
 * outbox retry|cancel` and `loketctl agencies release`, also off the main loop, and each
 * leaves an audit line (part id or agency id as target). Nothing it shows is personal data:
 * codes, services, agencies, states, reasons in words, counts and ages.
 *
 * Actions (on this widget): status.refresh, status.retry (s: part id), status.cancel (s: asks
 * to confirm), status.cancel-confirm (s), status.cancel-keep (s), status.release (s: agency),
 * status.give-up (s: a prerequisite part that ended badly: its waiting dependants end as
 * cannot-proceed, as `loketctl outbox give-up PART-ID`),
 * status.out-of-service (s: printer, network, maintenance; "" puts it back in service).
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-admin-mode.h"
#include "loket-session.h"

G_BEGIN_DECLS

#define LOKET_AUDIT_PART_RETRY      "part-retry"
#define LOKET_AUDIT_PART_CANCEL     "part-cancel"
#define LOKET_AUDIT_AGENCY_RELEASE  "agency-release"
#define LOKET_AUDIT_OUT_OF_SERVICE  "out-of-service"   /* target: the reason, or in-service */
#define LOKET_AUDIT_GIVE_UP         "dependants-give-up" /* target: the prerequisite part */

#define LOKET_TYPE_ADMIN_STATUS (loket_admin_status_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminStatus, loket_admin_status, LOKET, ADMIN_STATUS, GtkBox)

GtkWidget  *loket_admin_status_new      (LoketSession     *session,
                                         LoketAdminMode   *mode);
/* Reads everything again (off the main loop); the board redraws when it is read. */
void        loket_admin_status_refresh  (LoketAdminStatus *self);
/* TRUE while a read or an action is under way (tests wait for FALSE). */
gboolean    loket_admin_status_is_busy  (LoketAdminStatus *self);
/* How many reads finished since the widget was made (tests). */
guint       loket_admin_status_get_reads (LoketAdminStatus *self);
/* The last action's error in words, or NULL. */
const char *loket_admin_status_get_error (LoketAdminStatus *self);

G_END_DECLS
