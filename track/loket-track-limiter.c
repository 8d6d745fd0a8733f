/* loket-track-limiter.c — a token bucket per client, kept in a bounded LRU
 *
 * A hall's guest Wi-Fi is one address, so the burst is generous; an attacker with many
 * addresses only pushes old buckets out, which gives them back a full bucket, never more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include <math.h>

#include "loket-track-limiter.h"

typedef struct {
  char   *key;
  double  tokens;
  gint64  last_us;
  GList   link;       /* in recent: data is the bucket itself */
} Bucket;

struct _LoketTrackLimiter {
  double      per_us;
  double      burst;
  guint       capacity;
  GHashTable *buckets;   /* key -> Bucket* (owned) */
  GQueue      recent;    /* most recent first */
};

static void
bucket_free (Bucket *bucket)
{
  g_free (bucket->key);
  g_free (bucket);
}

LoketTrackLimiter *
loket_track_limiter_new (guint per_minute,
                         guint burst,
                         guint capacity)
{
  LoketTrackLimiter *self = g_new0 (LoketTrackLimiter, 1);

  g_return_val_if_fail (per_minute > 0 && burst > 0 && capacity > 0, NULL);

  self->per_us = per_minute / (60.0 * G_USEC_PER_SEC);
  self->burst = burst;
  self->capacity = capacity;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) bucket_free);
  g_queue_init (&self->recent);
  return self;
}

void
loket_track_limiter_free (LoketTrackLimiter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

gboolean
loket_track_limiter_take (LoketTrackLimiter *self,
                          const char        *key,
                          gint64             now_us,
                          guint             *retry_after_s)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, key);

  if (bucket == NULL)
    {
      if (g_hash_table_size (self->buckets) >= self->capacity)
        {
          Bucket *oldest = g_queue_peek_tail (&self->recent);

          g_queue_unlink (&self->recent, &oldest->link);
          g_hash_table_remove (self->buckets, oldest->key);
        }
      bucket = g_new0 (Bucket, 1);
      bucket->key = g_strdup (key);
      bucket->tokens = self->burst;
      bucket->last_us = now_us;
      bucket->link.data = bucket;
      g_hash_table_insert (self->buckets, bucket->key, bucket);
    }
  else
    {
      g_queue_unlink (&self->recent, &bucket->link);
      if (now_us > bucket->last_us)
        bucket->tokens = MIN (self->burst, bucket->tokens + (now_us - bucket->last_us) * self->per_us);
      bucket->last_us = MAX (now_us, bucket->last_us);
    }
  g_queue_push_head_link (&self->recent, &bucket->link);

  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }

  if (retry_after_s != NULL)
    *retry_after_s = (guint) ceil ((1.0 - bucket->tokens) / self->per_us / G_USEC_PER_SEC);
  return FALSE;
}

guint
loket_track_limiter_get_size (LoketTrackLimiter *self)
{
  return g_hash_table_size (self->buckets);
}
