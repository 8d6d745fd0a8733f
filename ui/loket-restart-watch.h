/* loket-restart-watch.h — an upgraded program or a changed configuration restarts the kiosk
 * at Welcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-window.h"

G_BEGIN_DECLS

#define LOKET_TYPE_RESTART_WATCH (loket_restart_watch_get_type ())
G_DECLARE_FINAL_TYPE (LoketRestartWatch, loket_restart_watch, LOKET, RESTART_WATCH, GObject)

/* Every interval_ms looks at the kiosk's own program file (replaced by a package upgrade)
 * and at config_path (NULL: none), and once either changed, emits `restart` (no arguments)
 * the next time Welcome shows — never in a citizen's session; the application then quits,
 * so that the service manager (Restart=always) starts the new program or reads the new file. A configuration whose new
 * content does not load is logged and ignored: the kiosk keeps the one it has rather than
 * stop (exit 78) over it. Touching the file without changing it restarts nothing. */
LoketRestartWatch *loket_restart_watch_new (LoketWindow *window,
                                            const char  *config_path,
                                            guint        interval_ms);

G_END_DECLS
