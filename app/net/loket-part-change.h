/* loket-part-change.h — what the `part-changed` signal carries: one part's new state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

#define LOKET_TYPE_PART_CHANGE (loket_part_change_get_type ())

/* One part's state as the delivery engine last saw it, emitted by LoketDispatcher,
 * LoketDelivery and LoketSession as `part-changed (LoketPartChange *change)`.
 *
 * Reference counted (atomically) and never changed once made, so the same change can travel
 * from the delivery thread to the main context without a copy; a handler that keeps one
 * takes a reference. */
typedef struct {
  char             *tracking_code;
  char             *part_id;
  char             *agency;
  LoketOutboxState  state;
  char             *reference;   /* the agency's reference, or NULL */
  /* Of LoketAgencyReason * (loket-agency-client.h), or NULL: the agency's reasons for a
   * rejection, for the citizen's screen only; never stored or logged. */
  GPtrArray        *reasons;
} LoketPartChange;

GType            loket_part_change_get_type (void) G_GNUC_CONST;

/* Copies the strings; takes a reference on reasons (may be NULL). */
LoketPartChange *loket_part_change_new      (const char       *tracking_code,
                                             const char       *part_id,
                                             const char       *agency,
                                             LoketOutboxState  state,
                                             const char       *reference,
                                             GPtrArray        *reasons);
LoketPartChange *loket_part_change_ref      (LoketPartChange  *change);
void             loket_part_change_unref    (LoketPartChange  *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPartChange, loket_part_change_unref)

G_END_DECLS
