/* loket-metrics-file.c — the periodic, atomic write of a process's metrics file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-metrics"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/timex.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "config/loket-file-modes.h"
#include "outbox/loket-outbox.h"
#include "loket-metrics.h"
#include "loket-metrics-file.h"

#define LOCK_FILE_NAME "metrics.lock"

struct _LoketMetricsFile {
  LoketConfig *config;
  char        *path;
  gboolean     outbox_gauges;
  int          lock_fd;        /* holds the metrics lock when >= 0 */
  LoketOutbox *outbox;         /* read-only, opened at the first write that holds the lock */
  gboolean     failed;         /* the last write failed: logged once until one succeeds */

  GThread     *thread;
  GMutex       mutex;
  GCond        cond;
  gboolean     stopping;
  guint        interval_ms;
};

LoketMetricsFile *
loket_metrics_file_new (LoketConfig *config,
                        const char  *file_name,
                        gboolean     outbox_gauges)
{
  LoketMetricsFile *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  if (config->metrics_folder == NULL)
    return NULL;

  self = g_new0 (LoketMetricsFile, 1);
  self->config = loket_config_ref (config);
  self->path = g_build_filename (config->metrics_folder, file_name, NULL);
  self->outbox_gauges = outbox_gauges;
  self->lock_fd = -1;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  return self;
}

const char *
loket_metrics_file_get_path (LoketMetricsFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

gboolean
loket_metrics_file_holds_outbox_lock (LoketMetricsFile *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->lock_fd >= 0;
}

static gboolean
take_lock (LoketMetricsFile *self)
{
  g_autofree char *path = NULL;
  int fd;

  if (self->lock_fd >= 0)
    return TRUE;

  path = g_build_filename (self->config->state_dir, LOCK_FILE_NAME, NULL);
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return FALSE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return FALSE;
    }
  self->lock_fd = fd;
  g_debug ("This process now writes the outbox gauges");
  return TRUE;
}

static void
export_outbox (LoketMetricsFile *self)
{
  g_autoptr(GPtrArray) agencies = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (!take_lock (self))
    return;

  if (self->outbox == NULL)
    self->outbox = loket_outbox_open_for_config (self->config,
                                                 LOKET_OUTBOX_OPEN_READ_ONLY |
                                                 LOKET_OUTBOX_OPEN_QUIET_KEY, &error);
  for (guint i = 0; i < self->config->agencies->len; i++)
    g_ptr_array_add (agencies, ((LoketAgencyConfig *) self->config->agencies->pdata[i])->id);
  g_ptr_array_add (agencies, NULL);

  /* An outbox that cannot be read leaves the last numbers out rather than wrong: the
   * "stale" alert notices the gauges missing, and the kiosk reports the outbox itself. */
  if (self->outbox == NULL ||
      !loket_outbox_export_metrics (self->outbox, (const char * const *) agencies->pdata, &error))
    {
      g_debug ("Outbox gauges not written: %s", error->message);
      loket_metrics_clear ("loket_outbox_parts");
      loket_metrics_clear ("loket_outbox_oldest_pending_age_seconds");
      loket_metrics_clear ("loket_last_successful_delivery_timestamp_seconds");
      g_clear_pointer (&self->outbox, loket_outbox_close);
    }
}

static void
export_clock (void)
{
  struct timex tx = { 0, };
  int state = adjtimex (&tx);

  loket_metrics_set ("loket_clock_synchronized",
                     state >= 0 && state != TIME_ERROR && (tx.status & STA_UNSYNC) == 0,
                     NULL);
}

gboolean
loket_metrics_file_write (LoketMetricsFile  *self,
                          GError           **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->outbox_gauges)
    export_outbox (self);
  export_clock ();

  text = loket_metrics_render ();
  return loket_file_write_shared (self->path, text, strlen (text), 0644, error);
}

static void
write_logged (LoketMetricsFile *self)
{
  g_autoptr(GError) error = NULL;

  if (loket_metrics_file_write (self, &error))
    {
      self->failed = FALSE;
      return;
    }
  if (!self->failed)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "LOKET_METRICS_FILE", self->path,
                      "MESSAGE", "Metrics not written to %s: %s", self->path, error->message);
  self->failed = TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  LoketMetricsFile *self = data;

  g_mutex_lock (&self->mutex);
  while (!self->stopping)
    {
      gint64 until = g_get_monotonic_time () + (gint64) self->interval_ms * 1000;

      g_mutex_unlock (&self->mutex);
      write_logged (self);
      g_mutex_lock (&self->mutex);

      while (!self->stopping && g_cond_wait_until (&self->cond, &self->mutex, until))
        ;
    }
  g_mutex_unlock (&self->mutex);
  return NULL;
}

void
loket_metrics_file_start (LoketMetricsFile *self,
                          guint             interval_ms)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (interval_ms > 0);

  self->interval_ms = interval_ms;
  self->thread = g_thread_new ("loket-metrics", writer_thread, self);
}

void
loket_metrics_file_free (LoketMetricsFile *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_mutex_lock (&self->mutex);
      self->stopping = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->mutex);
      g_thread_join (self->thread);
    }
  /* The last numbers (a deliver --once's whole run, a kiosk's last minutes) count too. */
  write_logged (self);

  g_clear_pointer (&self->outbox, loket_outbox_close);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  loket_config_unref (self->config);
  g_free (self->path);
  g_free (self);
}
