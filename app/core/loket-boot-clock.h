/* loket-boot-clock.h — the boot's own clock and which boot it counts in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CLOCK_BOOTTIME cannot be set and runs through suspend, so a span measured on it means the
 * same whatever the wall clock does; it counts from this boot only, so what is stored with it
 * carries the boot id. The outbox's clock (re-dating after a jump) and the staff lockout
 * (waits a restart never shortens) both read it here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Microseconds since boot (CLOCK_BOOTTIME), or 0 when the clock cannot be read. */
gint64       loket_boot_clock_now_us  (void);

/* This boot's id (/proc/sys/kernel/random/boot_id, at most 39 characters). Without one,
 * "p-" and a random UUID, the same for this process's whole life: the process is then a
 * boot of its own, and times stored with it are never compared with another process's. */
const char  *loket_boot_clock_boot_id (void);

G_END_DECLS
