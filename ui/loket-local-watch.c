/* loket-local-watch.c — staff's files changed by loketctl reach the running kiosk at Welcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two stat () calls per look, and a read only when a file changed: the files are a few
 * lines each (the fleet's configuration is parsed again with local.conf, as the restart
 * watch does for a changed configuration).
 */
#define G_LOG_DOMAIN "loket"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "core/loket-offer.h"
#include "loket-local-watch.h"
#include "loket-session-offer.h"

struct _LoketLocalWatch
{
  GObject      parent_instance;

  LoketWindow *window;          /* weak */
  guint        check_id;
  guint        reads;
  struct stat  local_seen;      /* local.conf as last read (zeros: none) */
  struct stat  offer_seen;      /* today-offer as last read */
};

G_DEFINE_FINAL_TYPE (LoketLocalWatch, loket_local_watch, G_TYPE_OBJECT)

/* Whether the file at path is not what seen recorded (one gone or come counts); seen gets
 * what it is now. */
static gboolean
file_changed (const char  *path,
              struct stat *seen)
{
  struct stat now;

  if (stat (path, &now) != 0)
    memset (&now, 0, sizeof now);
  if (now.st_dev == seen->st_dev && now.st_ino == seen->st_ino &&
      now.st_size == seen->st_size && now.st_mtim.tv_sec == seen->st_mtim.tv_sec &&
      now.st_mtim.tv_nsec == seen->st_mtim.tv_nsec)
    return FALSE;
  *seen = now;
  return TRUE;
}

/* The fleet's configuration with local.conf, as at start; its staff's values replace the
 * running ones (a key local.conf no longer has goes back to the fleet's value). */
static void
reread_local (LoketConfig *running)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) fresh = NULL;
  const char * const *keys = loket_local_conf_keys ();

  if (running->path == NULL)
    return;
  fresh = loket_config_load (running->path, &error);
  if (fresh == NULL)
    {
      g_message ("local.conf changed, but the configuration does not load; the kiosk keeps "
                 "its settings: %s", error->message);
      return;
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = loket_local_conf_dup_value (fresh, keys[i]);

      if (value != NULL)
        loket_local_conf_use (running, keys[i], value);
    }
  /* Which values are staff's, for admin mode's Settings. */
  g_clear_pointer (&running->local_lines, g_hash_table_unref);
  if (fresh->local_lines != NULL)
    running->local_lines = g_hash_table_ref (fresh->local_lines);
  g_free (running->local_path);
  running->local_path = g_strdup (fresh->local_path);
  g_message ("Staff's settings read again from local.conf");
}

static void
reread_offer (LoketSession *session)
{
  g_autoptr(GError) error = NULL;
  LoketOffer *offer = loket_offer_load (loket_session_get_config (session)->state_dir, &error);

  if (offer == NULL)
    {
      /* The one the kiosk has stays: the file may be mid-way through a hand edit. */
      g_message ("Today's offer changed but does not read; the kiosk keeps its own: %s",
                 error->message);
      return;
    }
  loket_session_set_offer (session, offer);
  g_message ("Today's offer read again");
}

static gboolean
check (gpointer user_data)
{
  LoketLocalWatch *self = user_data;
  LoketSession *session;
  LoketConfig *config;
  g_autofree char *local = NULL;
  g_autofree char *offer = NULL;

  /* Only at Welcome: a citizen's choices and the idle timer are never changed under them. */
  if (self->window == NULL ||
      g_strcmp0 (loket_window_get_page_name (self->window), "welcome") != 0)
    return G_SOURCE_CONTINUE;

  session = loket_window_get_session (self->window);
  config = loket_session_get_config (session);
  if (config->state_dir == NULL)
    return G_SOURCE_CONTINUE;
  local = g_build_filename (config->state_dir, LOKET_LOCAL_CONF_FILE_NAME, NULL);
  offer = g_build_filename (config->state_dir, LOKET_OFFER_FILE_NAME, NULL);
  if (file_changed (local, &self->local_seen))
    {
      reread_local (config);
      self->reads++;
    }
  if (file_changed (offer, &self->offer_seen))
    {
      reread_offer (session);
      self->reads++;
    }
  return G_SOURCE_CONTINUE;
}

static void
loket_local_watch_dispose (GObject *object)
{
  LoketLocalWatch *self = LOKET_LOCAL_WATCH (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (loket_local_watch_parent_class)->dispose (object);
}

static void
loket_local_watch_class_init (LoketLocalWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = loket_local_watch_dispose;
}

static void
loket_local_watch_init (LoketLocalWatch *self)
{
}

LoketLocalWatch *
loket_local_watch_new (LoketWindow *window,
                       guint        interval_ms)
{
  LoketLocalWatch *self;
  LoketConfig *config;

  g_return_val_if_fail (LOKET_IS_WINDOW (window), NULL);
  g_return_val_if_fail (interval_ms > 0, NULL);

  self = g_object_new (LOKET_TYPE_LOCAL_WATCH, NULL);
  g_set_weak_pointer (&self->window, window);

  /* The files as the kiosk read them at start (today's offer is read on its first use,
   * which is later; a change before it is read then anyway). */
  config = loket_session_get_config (loket_window_get_session (window));
  if (config->state_dir != NULL)
    {
      g_autofree char *local = g_build_filename (config->state_dir, LOKET_LOCAL_CONF_FILE_NAME,
                                                 NULL);
      g_autofree char *offer = g_build_filename (config->state_dir, LOKET_OFFER_FILE_NAME,
                                                 NULL);

      file_changed (local, &self->local_seen);
      file_changed (offer, &self->offer_seen);
    }

  self->check_id = g_timeout_add (interval_ms, check, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->check_id),
                            "[loket] local watch");
  return self;
}

guint
loket_local_watch_get_reads (LoketLocalWatch *self)
{
  g_return_val_if_fail (LOKET_IS_LOCAL_WATCH (self), 0);
  return self->reads;
}
