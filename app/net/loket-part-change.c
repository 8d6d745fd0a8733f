/* loket-part-change.c — what the `part-changed` signal carries: one part's new state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-part-change"

#include "config.h"

#include "loket-part-change.h"

G_DEFINE_BOXED_TYPE (LoketPartChange, loket_part_change,
                     loket_part_change_ref, loket_part_change_unref)

LoketPartChange *
loket_part_change_new (const char       *tracking_code,
                       const char       *part_id,
                       const char       *agency,
                       LoketOutboxState  state,
                       const char       *reference,
                       GPtrArray        *reasons)
{
  LoketPartChange *change;

  g_return_val_if_fail (part_id != NULL, NULL);

  change = g_atomic_rc_box_new0 (LoketPartChange);
  change->tracking_code = g_strdup (tracking_code);
  change->part_id = g_strdup (part_id);
  change->agency = g_strdup (agency);
  change->state = state;
  change->reference = g_strdup (reference);
  change->reasons = reasons != NULL ? g_ptr_array_ref (reasons) : NULL;
  return change;
}

LoketPartChange *
loket_part_change_ref (LoketPartChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  return g_atomic_rc_box_acquire (change);
}

static void
part_change_clear (gpointer data)
{
  LoketPartChange *change = data;

  g_free (change->tracking_code);
  g_free (change->part_id);
  g_free (change->agency);
  g_free (change->reference);
  g_clear_pointer (&change->reasons, g_ptr_array_unref);
}

void
loket_part_change_unref (LoketPartChange *change)
{
  g_return_if_fail (change != NULL);

  g_atomic_rc_box_release_full (change, part_change_clear);
}
