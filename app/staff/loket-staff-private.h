/* loket-staff-private.h — the lockout state file, shared by loket-staff.c and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-staff.h"

G_BEGIN_DECLS

#define LOKET_STAFF_LOCKOUT_FILE "staff-lockout"
#define LOKET_STAFF_LOCK_FILE    "staff.lock"

/* What `staff-lockout` holds: the count and the current wait, started at since on the
 * boot clock of boot_id. wait_us -1: only an unlock. */
typedef struct {
  guint   failures;
  gint64  wait_us;
  gint64  since;
  char    boot_id[40];
} LoketLockoutState;

/* An flock'd descriptor on the state folder's staff.lock: staff file and lockout state
 * change under it. -1 with error. */
int      loket_staff_lock_state    (const char               *state_dir,
                                    GError                  **error);
void     loket_staff_unlock_state  (int                       fd);

/* A missing file is a clear state; a malformed one reads as closed until an unlock (a wait
 * must never be shortened by a torn or edited file). */
gboolean loket_lockout_load        (const char               *path,
                                    LoketLockoutState        *state,
                                    GError                  **error);
gboolean loket_lockout_save        (const char               *path,
                                    const LoketLockoutState  *state,
                                    GError                  **error);
/* What is left of the wait at now. A state written in another boot starts its wait again
 * in full from now: *rebased is set and the state changed, for the caller to save. */
void     loket_lockout_remaining   (LoketLockoutState        *state,
                                    const LoketStaffClock    *now,
                                    LoketStaffLockout        *out,
                                    gboolean                 *rebased);

G_END_DECLS
