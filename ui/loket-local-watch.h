/* loket-local-watch.h — staff's files changed by loketctl reach the running kiosk at Welcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-window.h"

G_BEGIN_DECLS

#define LOKET_TYPE_LOCAL_WATCH (loket_local_watch_get_type ())
G_DECLARE_FINAL_TYPE (LoketLocalWatch, loket_local_watch, LOKET, LOCAL_WATCH, GObject)

/* Every interval_ms, while the window shows Welcome (never in a citizen's session, nor in
 * admin mode), looks at `local.conf` and `today-offer` in the state dir; when one changed
 * since it was last read (`loketctl settings …`, `loketctl offer …`), reads it again: the
 * staff's settings go into the running configuration as admin mode puts them there, today's
 * offer replaces the session's. A `local.conf` whose configuration does not load changes
 * nothing (it is logged, and read again once it changes). */
LoketLocalWatch *loket_local_watch_new    (LoketWindow     *window,
                                           guint            interval_ms);
/* How many times it read a changed file (tests). */
guint            loket_local_watch_get_reads (LoketLocalWatch *self);

G_END_DECLS
