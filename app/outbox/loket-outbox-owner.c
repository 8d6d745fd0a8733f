/* loket-outbox-owner.c — a delivery engine's lock of life, and taking over a dead engine's parts
 *
 * A lease alone cannot tell a dead engine from a slow one, so a part claimed by an engine that
 * was killed waited for the whole lease (the longest agency timeout + 60 s) before anyone sent
 * it again. Each engine therefore holds an flock(2) on a file of its own in STATE_DIR/owners/,
 * named after its lease owner, for as long as it lives; the kernel lets go of the lock when
 * the process dies, however it dies. An engine about to claim tries each owner's lock: a lock
 * it can take belongs to a dead engine, whose parts go back to the queue at once. A lock held
 * means a live engine, whose parts wait for their lease (the engine renews it while it sends).
 *
 * A lock is per open file description, not per process: two engines in one process each hold
 * their own file, and each sees the other alive. A new file is locked under a temporary name
 * and only then linked to its final one, so no engine ever finds an owner's file unlocked
 * while the owner lives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-outbox-private.h"

#define OWNERS_DIR_NAME "owners"
#define LOCK_SUFFIX ".lock"
#define TEMP_PREFIX ".new-"

struct _LoketOutboxOwner {
  char *id;
  char *path;
  int   fd;
};

/* A dead owner's file, locked by this engine until its parts are back in the queue. */
typedef struct {
  char *path;
  int   fd;
} DeadOwner;

static char *
owners_dir (LoketOutbox *outbox)
{
  g_autofree char *state_dir = g_path_get_dirname (loket_outbox_get_path (outbox));

  return g_build_filename (state_dir, OWNERS_DIR_NAME, NULL);
}

static gboolean
owner_failed (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE,
               /* Translators: for staff. The first %s is a file in the state folder, the
                * second why it cannot be made. */
               _("The delivery engine cannot make its lock file %s: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

LoketOutboxOwner *
loket_outbox_owner_new (LoketOutbox  *outbox,
                        const char   *name,
                        GError      **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (outbox != NULL, NULL);
  g_return_val_if_fail (name != NULL && *name != '\0' && strchr (name, '/') == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = owners_dir (outbox);
  /* Only the service user enters, as for the state folder itself. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      owner_failed (error, dir, errno);
      return NULL;
    }

  /* A scan that finds the temporary file unlocked (between mkstemp and flock) removes it, and
   * a random suffix may already be taken: either way, try again with a new name. */
  for (guint tries = 0; tries < 16; tries++)
    {
      g_autofree char *temp = g_build_filename (dir, TEMP_PREFIX "XXXXXX", NULL);
      g_autofree char *id = g_strdup_printf ("%s:%08x", name, g_random_int ());
      g_autofree char *file = g_strconcat (id, LOCK_SUFFIX, NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      LoketOutboxOwner *self;
      int fd, saved_errno;

      fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          owner_failed (error, dir, errno);
          return NULL;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) != 0 || link (temp, path) != 0)
        {
          saved_errno = errno;
          g_unlink (temp);
          close (fd);
          if (saved_errno == EWOULDBLOCK || saved_errno == ENOENT || saved_errno == EEXIST)
            continue;
          owner_failed (error, path, saved_errno);
          return NULL;
        }
      g_unlink (temp);

      self = g_new0 (LoketOutboxOwner, 1);
      self->id = g_steal_pointer (&id);
      self->path = g_steal_pointer (&path);
      self->fd = fd;
      g_debug ("Delivery engine %s holds %s", self->id, self->path);
      return self;
    }

  owner_failed (error, dir, EEXIST);
  return NULL;
}

const char *
loket_outbox_owner_get_id (LoketOutboxOwner *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

void
loket_outbox_owner_free (LoketOutboxOwner *self)
{
  if (self == NULL)
    return;

  /* The file stays: it is free now, so the next engine that claims gives back whatever this
   * one still held (nothing, after a clean stop) and removes it. A clean stop and a crash
   * take the same path. */
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->id);
  g_free (self->path);
  g_free (self);
}

/* ---- Taking over dead owners' parts (inside the claim's transaction) ---- */

static void
dead_owner_free (DeadOwner *dead)
{
  if (dead->fd >= 0)
    close (dead->fd);
  g_free (dead->path);
  g_free (dead);
}

GPtrArray *
loket_outbox_dead_owners_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dead_owner_free);
}

static gboolean
give_back_parts (LoketOutbox  *self,
                 const char   *owner,
                 gint64        now,
                 guint        *n_parts,
                 GError      **error)
{
  /* As a release: due at once, no attempt counted. The dead engine may have sent some of
   * them; the Idempotency-Key makes sending them again safe. */
  sqlite3_stmt *stmt = loket_outbox_statement (self,
                                               "UPDATE parts SET state = 'queued', "
                                               "lease_owner = NULL, lease_until = 0, "
                                               "next_attempt_at = min (next_attempt_at, ?2), "
                                               "updated_at = ?2 "
                                               "WHERE state = 'sending' AND lease_owner = ?1",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;
  *n_parts = (guint) sqlite3_changes (self->db);
  return TRUE;
}

gboolean
loket_outbox_take_over_dead_owners (LoketOutbox  *self,
                                    gint64        now,
                                    GPtrArray    *dead,
                                    GError      **error)
{
  g_autofree char *dir = owners_dir (self);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  /* No folder: no engine with a lock ever ran here, and leases decide alone. */
  if (listing == NULL)
    return TRUE;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *owner = NULL;
      gboolean temporary = g_str_has_prefix (name, TEMP_PREFIX);
      guint n_parts = 0;
      DeadOwner *one;
      int fd;

      if (!temporary && !g_str_has_suffix (name, LOCK_SUFFIX))
        continue;

      path = g_build_filename (dir, name, NULL);
      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;  /* gone meanwhile: another engine took it over */
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);  /* alive (or being taken over by another engine right now) */
          continue;
        }

      /* Free: its engine died (or stopped). Held by this engine until the commit, so no one
       * else takes over the same owner twice; the file goes only once its parts are back. */
      one = g_new0 (DeadOwner, 1);
      one->path = g_steal_pointer (&path);
      one->fd = fd;
      g_ptr_array_add (dead, one);

      if (temporary)
        continue;
      owner = g_strndup (name, strlen (name) - strlen (LOCK_SUFFIX));
      if (!give_back_parts (self, owner, now, &n_parts, error))
        return FALSE;
      if (n_parts > 0)
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                          "LOKET_LEASE_OWNER", owner,
                          "MESSAGE", "Delivery engine %s is gone: its %u parts are due again",
                          owner, n_parts);
    }

  return TRUE;
}

void
loket_outbox_forget_dead_owners (GPtrArray *dead,
                                 gboolean   committed)
{
  /* Removed while still locked by this engine: a scan that opened it before sees it held. */
  for (guint i = 0; committed && i < dead->len; i++)
    g_unlink (((DeadOwner *) g_ptr_array_index (dead, i))->path);
  g_ptr_array_set_size (dead, 0);
}
