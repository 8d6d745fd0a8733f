/* loket-track-server.h — loket-track's HTTP side: routes, limits, headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "core/loket-catalog.h"

G_BEGIN_DECLS

typedef struct _LoketTrackServer LoketTrackServer;

LoketTrackServer *loket_track_server_new    (LoketConfig       *config,
                                             LoketCatalog      *catalog,
                                             GError           **error);
void              loket_track_server_free   (LoketTrackServer  *self);

/* Listens on listen ("ADDRESS:PORT"; port 0: any free one) and returns the port. */
guint             loket_track_server_listen (LoketTrackServer  *self,
                                             const char        *listen,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketTrackServer, loket_track_server_free)

G_END_DECLS
