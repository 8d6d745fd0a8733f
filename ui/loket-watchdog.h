/* loket-watchdog.h — telling systemd the kiosk is up and alive (sd_notify)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-window.h"

G_BEGIN_DECLS

#define LOKET_TYPE_WATCHDOG (loket_watchdog_get_type ())
G_DECLARE_FINAL_TYPE (LoketWatchdog, loket_watchdog, LOKET, WATCHDOG, GObject)

/* Under a service manager (NOTIFY_SOCKET set), sends READY=1 once the window has drawn a
 * frame while Welcome shows, then, when WATCHDOG_USEC is set, WATCHDOG=1 every third of it
 * (10 s for WatchdogSec=30) from the GTK main loop — only while the delivery worker, when it
 * runs, checked in within two thirds of it (20 s). A hung screen or a hung worker therefore
 * both let the watchdog fire. Without NOTIFY_SOCKET it does nothing.
 *
 * WATCHDOG_USEC is read here even when WATCHDOG_PID names another process: under cage the
 * service's main process is cage, so sd_watchdog_enabled () would say no (the unit needs
 * NotifyAccess=all).
 *
 * LOKET_WATCHDOG_TEST (tests only) = block-main:MS or block-worker:MS blocks the main loop
 * or the delivery worker's loop MS milliseconds after READY=1, as a hang would. */
LoketWatchdog *loket_watchdog_new (LoketWindow *window);

G_END_DECLS
