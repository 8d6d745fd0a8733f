/* loket-restart-watch.c — an upgraded program or a changed configuration restarts the kiosk
 * at Welcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A package upgrade replaces /usr/bin/loket by a rename (a new inode), and configuration
 * management rewrites /etc/loket/loket.conf; neither may cut a citizen short. The kiosk
 * notices both with a stat every few seconds and leaves, for the service manager to start
 * it again, only while Welcome shows.
 */
#define G_LOG_DOMAIN "loket"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "loket-restart-watch.h"

struct _LoketRestartWatch
{
  GObject      parent_instance;

  LoketWindow *window;            /* weak */
  guint        check_id;

  char        *program_path;      /* the running program's file, as it was at start */
  char        *config_path;
  char        *config_sum;        /* SHA-256 of the configuration's bytes at start */
  struct stat  config_seen;       /* the file as last looked at */

  const char  *reason;            /* why to restart, once something changed */
};

G_DEFINE_FINAL_TYPE (LoketRestartWatch, loket_restart_watch, G_TYPE_OBJECT)

enum {
  RESTART,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
same_file (const struct stat *a,
           const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static char *
file_sum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* /proc/self/exe stays the running image's inode even once the path names another file. */
static gboolean
program_replaced (LoketRestartWatch *self)
{
  struct stat running, on_disk;

  if (self->program_path == NULL || stat ("/proc/self/exe", &running) != 0 ||
      stat (self->program_path, &on_disk) != 0)
    return FALSE;   /* gone for a moment, mid-upgrade: look again later */
  return running.st_dev != on_disk.st_dev || running.st_ino != on_disk.st_ino;
}

static gboolean
config_changed (LoketRestartWatch *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sum = NULL;
  g_autoptr(LoketConfig) config = NULL;
  struct stat st;

  if (self->config_path == NULL || stat (self->config_path, &st) != 0 ||
      same_file (&st, &self->config_seen))
    return FALSE;
  self->config_seen = st;

  sum = file_sum (self->config_path);
  if (sum == NULL || g_strcmp0 (sum, self->config_sum) == 0)
    return FALSE;

  config = loket_config_load (self->config_path, &error);
  if (config == NULL)
    {
      g_message ("The configuration changed but does not load, so the kiosk keeps the one it "
                 "started with: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check (gpointer user_data)
{
  LoketRestartWatch *self = user_data;

  if (self->reason == NULL && program_replaced (self))
    self->reason = "its program was replaced";
  if (self->reason == NULL && config_changed (self))
    self->reason = "its configuration changed";

  if (self->reason == NULL || self->window == NULL ||
      g_strcmp0 (loket_window_get_page_name (self->window), "welcome") != 0)
    return G_SOURCE_CONTINUE;

  g_message ("Restarting the kiosk at Welcome: %s", self->reason);
  self->check_id = 0;
  g_signal_emit (self, signals[RESTART], 0);
  return G_SOURCE_REMOVE;
}

static void
loket_restart_watch_dispose (GObject *object)
{
  LoketRestartWatch *self = LOKET_RESTART_WATCH (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (loket_restart_watch_parent_class)->dispose (object);
}

static void
loket_restart_watch_finalize (GObject *object)
{
  LoketRestartWatch *self = LOKET_RESTART_WATCH (object);

  g_free (self->program_path);
  g_free (self->config_path);
  g_free (self->config_sum);

  G_OBJECT_CLASS (loket_restart_watch_parent_class)->finalize (object);
}

static void
loket_restart_watch_class_init (LoketRestartWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_restart_watch_dispose;
  object_class->finalize = loket_restart_watch_finalize;

  signals[RESTART] =
    g_signal_new ("restart",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
loket_restart_watch_init (LoketRestartWatch *self)
{
}

LoketRestartWatch *
loket_restart_watch_new (LoketWindow *window,
                         const char  *config_path,
                         guint        interval_ms)
{
  LoketRestartWatch *self;

  g_return_val_if_fail (LOKET_IS_WINDOW (window), NULL);
  g_return_val_if_fail (interval_ms > 0, NULL);

  self = g_object_new (LOKET_TYPE_RESTART_WATCH, NULL);
  g_set_weak_pointer (&self->window, window);

  self->program_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self->program_path != NULL && g_str_has_suffix (self->program_path, " (deleted)"))
    g_clear_pointer (&self->program_path, g_free);   /* replaced before we looked */

  if (config_path != NULL)
    {
      self->config_path = g_strdup (config_path);
      self->config_sum = file_sum (config_path);
      if (stat (config_path, &self->config_seen) != 0)
        memset (&self->config_seen, 0, sizeof self->config_seen);
    }

  self->check_id = g_timeout_add (interval_ms, check, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->check_id),
                            "[loket] restart watch");
  return self;
}
