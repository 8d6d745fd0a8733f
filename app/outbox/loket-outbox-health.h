/* loket-outbox-health.h — what staff read at a glance: each agency's last success and last
 * failure (from the attempts log), the oldest part not yet ended, the last delivery
 *
 * Computed with aggregate queries (min, max, GROUP BY), never by listing parts, so a full
 * outbox costs the board no more than an empty one. Metadata only: times, stored reasons
 * (net/loket-reason.h: put into words by loket_reason_format ()) and HTTP statuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-outbox.h"

G_BEGIN_DECLS

typedef struct {
  char   *agency;
  gint64  last_success;         /* the last attempt that delivered, or 0 */
  gint64  last_failure;         /* the last attempt that did not, or 0 */
  char   *last_failure_reason;  /* its stored reason, or NULL */
  int     last_failure_status;  /* its HTTP status, 0 when no answer came */
} LoketOutboxAgencyHealth;

typedef struct {
  gint64     oldest_waiting;    /* created_at of the oldest part not ended (queued, sending,
                                 * retry, waiting, needs-staff), or 0 */
  gint64     last_delivery;     /* when the last part was delivered, or 0 */
  GPtrArray *agencies;          /* of LoketOutboxAgencyHealth*, by agency id; only agencies
                                 * with an attempt */
} LoketOutboxHealth;

void               loket_outbox_health_free (LoketOutboxHealth *health);
LoketOutboxHealth *loket_outbox_read_health (LoketOutbox       *self,
                                             GError           **error);
/* The entry of agency, or NULL. */
const LoketOutboxAgencyHealth *
                   loket_outbox_health_find (const LoketOutboxHealth *health,
                                             const char              *agency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOutboxHealth, loket_outbox_health_free)

G_END_DECLS
