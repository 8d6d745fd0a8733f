/* loket-track-limiter.h — a token bucket per client, kept in a bounded LRU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LoketTrackLimiter LoketTrackLimiter;

/* per_minute tokens flow back each minute, up to burst; at most capacity clients are
 * remembered (the least recently seen is forgotten first: it starts again full). */
LoketTrackLimiter *loket_track_limiter_new      (guint              per_minute,
                                                 guint              burst,
                                                 guint              capacity);
void               loket_track_limiter_free     (LoketTrackLimiter *self);

/* Takes a token for key at now_us (monotonic); FALSE when the bucket is empty, with the
 * whole seconds until the next token in *retry_after_s. */
gboolean           loket_track_limiter_take     (LoketTrackLimiter *self,
                                                 const char        *key,
                                                 gint64             now_us,
                                                 guint             *retry_after_s);
guint              loket_track_limiter_get_size (LoketTrackLimiter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketTrackLimiter, loket_track_limiter_free)

G_END_DECLS
