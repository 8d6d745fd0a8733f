/* loket-outbox-schedule.c — when to try a part again: backoff with full jitter, Retry-After
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <string.h>

#include "loket-outbox.h"

/* An agency may ask for a long pause, but a typo in its Retry-After must not park a citizen's
 * part for a year: staff see the part waiting and can retry it now. */
#define MAX_RETRY_AFTER (G_TIME_SPAN_DAY)

gint64
loket_outbox_backoff_delay (const LoketOutboxSchedule *schedule,
                            guint                      attempt,
                            gint64                     retry_after,
                            GRand                     *rand)
{
  gint64 ceiling;
  gint64 delay;
  double r;

  g_return_val_if_fail (schedule != NULL, 0);
  g_return_val_if_fail (schedule->base > 0 && schedule->cap >= schedule->base, 0);

  ceiling = schedule->base;
  for (guint i = 0; i < attempt && ceiling < schedule->cap; i++)
    ceiling = ceiling > schedule->cap / 2 ? schedule->cap : ceiling * 2;
  ceiling = MIN (ceiling, schedule->cap);

  /* Full jitter (uniform over the whole window) spreads the retries of many kiosks that lost
   * the same agency at the same moment, so its recovery is not met by a thundering herd. */
  r = rand != NULL ? g_rand_double (rand) : g_random_double ();
  delay = (gint64) (r * (double) ceiling);

  if (retry_after > 0)
    delay = MAX (delay, MIN (retry_after, MAX_RETRY_AFTER));

  return delay;
}

static int
month_index (const char *name)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

  for (int i = 0; i < 12; i++)
    if (strncmp (months + 3 * i, name, 3) == 0)
      return i + 1;
  return 0;
}

static gboolean
read_digits (const char **p,
             guint        n,
             int         *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *value = *value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  return TRUE;
}

static gboolean
expect (const char **p,
        const char  *text)
{
  gsize len = strlen (text);

  if (strncmp (*p, text, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

/* IMF-fixdate only ("Sun, 06 Nov 1994 08:49:37 GMT"): the obsolete forms are not sent by
 * anything current, and an unparsable header only means the normal backoff applies. */
static gboolean
parse_http_date (const char *value,
                 gint64     *when)
{
  const char *p = value;
  g_autoptr(GDateTime) date = NULL;
  int day, month, year, hour, minute, second;

  if (strlen (p) != 29 || p[3] != ',')
    return FALSE;
  p += 4;
  if (!expect (&p, " ") || !read_digits (&p, 2, &day) || !expect (&p, " "))
    return FALSE;
  month = month_index (p);
  if (month == 0)
    return FALSE;
  p += 3;
  if (!expect (&p, " ") || !read_digits (&p, 4, &year) || !expect (&p, " ") ||
      !read_digits (&p, 2, &hour) || !expect (&p, ":") ||
      !read_digits (&p, 2, &minute) || !expect (&p, ":") ||
      !read_digits (&p, 2, &second) || !expect (&p, " GMT"))
    return FALSE;

  date = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (date == NULL)
    return FALSE;

  *when = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  return TRUE;
}

gboolean
loket_outbox_parse_retry_after (const char *value,
                                gint64      now,
                                gint64     *delay)
{
  g_autofree char *trimmed = NULL;
  gint64 when;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (delay != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (value));

  if (*trimmed != '\0' && strspn (trimmed, "0123456789") == strlen (trimmed))
    {
      guint64 seconds;

      /* Ten digits are over 300 years: anything longer is capped like any long pause. */
      if (strlen (trimmed) > 10)
        seconds = G_MAXUINT32;
      else
        seconds = g_ascii_strtoull (trimmed, NULL, 10);
      *delay = (gint64) seconds * G_USEC_PER_SEC;
      return TRUE;
    }

  if (parse_http_date (trimmed, &when))
    {
      *delay = MAX (when - now, 0);
      return TRUE;
    }

  return FALSE;
}
