/* loket-outbox.c — opening the outbox database, its schema, and storing requests durably
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "config/loket-file-modes.h"
#include "metrics/loket-metrics.h"
#include "loket-outbox-private.h"

G_DEFINE_QUARK (loket-outbox-error-quark, loket_outbox_error)

#define OUTBOX_FILE_NAME "outbox.sqlite3"

/* A writer holds the lock for milliseconds (one fsync'd transaction); waiting this long means
 * something is wrong, and the caller then gets UNAVAILABLE instead of hanging the kiosk. */
#define BUSY_TIMEOUT_MS 10000

static const char * const state_names[LOKET_OUTBOX_N_STATES] = {
  [LOKET_OUTBOX_STATE_QUEUED] = "queued",
  [LOKET_OUTBOX_STATE_SENDING] = "sending",
  [LOKET_OUTBOX_STATE_DELIVERED] = "delivered",
  [LOKET_OUTBOX_STATE_RETRY] = "retry",
  [LOKET_OUTBOX_STATE_REJECTED] = "rejected",
  [LOKET_OUTBOX_STATE_NEEDS_STAFF] = "needs-staff",
  [LOKET_OUTBOX_STATE_CANCELLED] = "cancelled",
  [LOKET_OUTBOX_STATE_WAITING] = "waiting",
  [LOKET_OUTBOX_STATE_CANNOT_PROCEED] = "cannot-proceed",
  [LOKET_OUTBOX_STATE_MOVED] = "moved",
};

const char *
loket_outbox_state_to_string (LoketOutboxState state)
{
  g_return_val_if_fail (state < LOKET_OUTBOX_N_STATES, NULL);

  return state_names[state];
}

gboolean
loket_outbox_state_from_string (const char       *string,
                                LoketOutboxState *state)
{
  g_return_val_if_fail (string != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; i < LOKET_OUTBOX_N_STATES; i++)
    if (g_str_equal (string, state_names[i]))
      {
        *state = (LoketOutboxState) i;
        return TRUE;
      }

  return FALSE;
}

gboolean
loket_outbox_state_is_final (LoketOutboxState state)
{
  return state == LOKET_OUTBOX_STATE_DELIVERED ||
         state == LOKET_OUTBOX_STATE_REJECTED ||
         state == LOKET_OUTBOX_STATE_CANCELLED ||
         state == LOKET_OUTBOX_STATE_CANNOT_PROCEED ||
         state == LOKET_OUTBOX_STATE_MOVED;
}

/* ---- Schema ---- */

/* Personal data lives only in the BLOB columns body, outputs, reasons and consent, each sealed
 * with the key (nonce ‖ XChaCha20-Poly1305 ciphertext, the part id as associated data).
 * Everything else is tracking metadata. */
static const char * const migrations[] = {
  /* 1 */
  "CREATE TABLE requests ("
  "  tracking_code TEXT PRIMARY KEY NOT NULL,"
  "  language TEXT NOT NULL,"
  "  life_event TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE parts ("
  "  part_id TEXT PRIMARY KEY NOT NULL,"
  "  tracking_code TEXT NOT NULL REFERENCES requests (tracking_code) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  service TEXT NOT NULL,"
  "  agency TEXT NOT NULL,"
  "  after TEXT,"
  "  inputs TEXT,"
  "  state TEXT NOT NULL,"
  "  reason TEXT,"
  "  reference TEXT,"
  "  http_status INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  garbage INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  ended_at INTEGER NOT NULL DEFAULT 0,"
  "  lease_owner TEXT,"
  "  lease_until INTEGER NOT NULL DEFAULT 0,"
  "  body BLOB,"
  "  outputs BLOB,"
  "  reasons BLOB,"
  "  consent BLOB"
  ");"
  "CREATE INDEX parts_by_request ON parts (tracking_code, seq);"
  "CREATE INDEX parts_by_due ON parts (state, next_attempt_at);"
  "CREATE INDEX parts_by_agency ON parts (agency, state);"
  "CREATE TABLE attempts ("
  "  id INTEGER PRIMARY KEY,"
  "  part_id TEXT NOT NULL REFERENCES parts (part_id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  http_status INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT"
  ");"
  "CREATE INDEX attempts_by_part ON attempts (part_id);"
  "CREATE TABLE agencies ("
  "  agency TEXT PRIMARY KEY NOT NULL,"
  "  held INTEGER NOT NULL DEFAULT 0,"
  "  reason TEXT,"
  "  since INTEGER NOT NULL DEFAULT 0"
  ");",
  /* 2: whether the receipt was printed (loket_outbox_record_receipt); not personal */
  "ALTER TABLE requests ADD COLUMN receipt TEXT;"
  "ALTER TABLE requests ADD COLUMN receipt_at INTEGER NOT NULL DEFAULT 0;",
  /* 3: clocks (loket-outbox-clock.c). The boot a row's times were written in, so that a wall
   * clock corrected in this boot re-dates exactly the times it wrote; NULL: written before
   * this schema, in an unknown boot, never re-dated. boottime: CLOCK_BOOTTIME at storing, a
   * part's age within its boot. A part ended by pii-max-days ends there (ended_at): retention
   * counts from the end of a request's last part. */
  "ALTER TABLE requests ADD COLUMN boot_id TEXT;"
  "ALTER TABLE parts ADD COLUMN boot_id TEXT;"
  "ALTER TABLE parts ADD COLUMN boottime INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE parts ADD COLUMN dated_boot TEXT;"
  "ALTER TABLE parts ADD COLUMN ended_boot TEXT;"
  "ALTER TABLE agencies ADD COLUMN since_boot TEXT;"
  "CREATE TABLE clock ("
  "  boot_id TEXT PRIMARY KEY NOT NULL,"
  "  offset INTEGER NOT NULL"
  ");"
  "UPDATE parts SET ended_at = updated_at WHERE ended_at = 0 AND (state IN ('delivered', "
  "'rejected', 'cancelled', 'cannot-proceed') OR (state = 'needs-staff' AND reason = 'expired' "
  "AND body IS NULL AND outputs IS NULL AND reasons IS NULL AND consent IS NULL));",
  /* 4: moving a dead kiosk's outbox (loket-outbox-move.c). moved_to: on the old kiosk, the
   * receiving kiosk's public key of a part exported there (state 'moved', ended, its personal
   * data deleted); moved_from: on the receiving kiosk, the sender's public key of an imported
   * part. Not personal. */
  "ALTER TABLE parts ADD COLUMN moved_to TEXT;"
  "ALTER TABLE parts ADD COLUMN moved_from TEXT;",
  /* 5: an imported part's personal-data deadline, as the kiosk it came from counted it (µs on
   * the wall clock; 0: none, only this kiosk's pii-max-days from created_at). The sweep ends
   * the part at whichever comes first, so a move never gives its data a longer life. */
  "ALTER TABLE parts ADD COLUMN pii_deadline INTEGER NOT NULL DEFAULT 0;",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* ---- Errors ---- */

static const char *
sqlite_code_name (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL: return "SQLITE_FULL";
    case SQLITE_READONLY: return "SQLITE_READONLY";
    case SQLITE_CORRUPT: return "SQLITE_CORRUPT";
    case SQLITE_NOTADB: return "SQLITE_NOTADB";
    case SQLITE_CANTOPEN: return "SQLITE_CANTOPEN";
    case SQLITE_IOERR: return "SQLITE_IOERR";
    case SQLITE_BUSY: return "SQLITE_BUSY";
    case SQLITE_LOCKED: return "SQLITE_LOCKED";
    case SQLITE_PERM: return "SQLITE_PERM";
    case SQLITE_NOMEM: return "SQLITE_NOMEM";
    case SQLITE_CONSTRAINT: return "SQLITE_CONSTRAINT";
    default: return "SQLITE_ERROR";
    }
}

/* Always returns FALSE, so callers can `return loket_outbox_fail (…)`. */
gboolean
loket_outbox_fail (LoketOutbox  *self,
                   int           rc,
                   GError      **error)
{
  /* The connection's message is more precise, but only when it describes this very error. */
  const char *detail = self->db != NULL && sqlite3_extended_errcode (self->db) == rc
                       ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE,
                   /* Translators: %s is SQLite's description of the clash (table and
                    * column names). */
                   _("Already in the outbox: %s"), detail);
      return FALSE;
    }

  /* SQLite's messages name tables and columns, never values: safe to log. */
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "LOKET_OUTBOX_FILE", self->path,
                    "LOKET_SQLITE_CODE", sqlite_code_name (rc),
                    "MESSAGE", "Outbox %s unavailable: %s (%s)",
                    self->path, detail, sqlite_code_name (rc));

  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE,
               /* Translators: for staff. The first %s is the database file, the second
                * SQLite's message, the third SQLite's error name (e.g. SQLITE_FULL). */
               _("The outbox %s cannot be used: %s (%s)"),
               self->path, detail, sqlite_code_name (rc));
  return FALSE;
}

gboolean
loket_outbox_require_key (LoketOutbox  *self,
                          GError      **error)
{
  if (self->key != NULL)
    return TRUE;

  g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY,
                       self->key_error->message);
  return FALSE;
}

/* ---- Statements and transactions ---- */

sqlite3_stmt *
loket_outbox_statement (LoketOutbox  *self,
                        const char   *sql,
                        GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
loket_outbox_step_done (LoketOutbox   *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return loket_outbox_fail (self, rc, error);
  return TRUE;
}

gboolean
loket_outbox_exec (LoketOutbox  *self,
                   const char   *sql,
                   GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return loket_outbox_fail (self, rc, error);
  return TRUE;
}

gboolean
loket_outbox_begin (LoketOutbox  *self,
                    GError      **error)
{
  /* IMMEDIATE takes the write lock now, so a transaction never fails half-way because another
   * connection wrote first. Inside a batch, each operation is a savepoint: it succeeds or
   * fails alone, and the batch's one COMMIT makes them all durable. */
  sqlite3_stmt *stmt = loket_outbox_statement (self, self->in_batch ? "SAVEPOINT loket_op"
                                                                    : "BEGIN IMMEDIATE", error);

  return stmt != NULL && loket_outbox_step_done (self, stmt, error);
}

gboolean
loket_outbox_commit (LoketOutbox  *self,
                     GError      **error)
{
  sqlite3_stmt *stmt = loket_outbox_statement (self, self->in_batch ? "RELEASE loket_op"
                                                                    : "COMMIT", error);

  if (stmt != NULL && loket_outbox_step_done (self, stmt, error))
    {
      g_autoptr(GError) checkpoint_error = NULL;

      if (self->in_batch || !self->wiped)
        return TRUE;

      /* Personal data was deleted: without a TRUNCATE checkpoint its ciphertext would stay in
       * the -wal file, and the old pages in the database file, until some later checkpoint. The
       * deletion itself is durable now, whatever the checkpoint says. */
      self->wiped = FALSE;
      if (!loket_outbox_checkpoint (self, &checkpoint_error))
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                          "LOKET_OUTBOX_FILE", self->path,
                          "MESSAGE", "Outbox checkpoint after deleting personal data failed: %s",
                          checkpoint_error->message);
      return TRUE;
    }

  loket_outbox_rollback (self);
  return FALSE;
}

void
loket_outbox_rollback (LoketOutbox *self)
{
  if (!self->in_batch)
    self->wiped = FALSE;
  if (sqlite3_get_autocommit (self->db))
    return;

  if (self->in_batch)
    sqlite3_exec (self->db, "ROLLBACK TO loket_op; RELEASE loket_op", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
loket_outbox_batch_begin (LoketOutbox  *self,
                          GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!loket_outbox_begin (self, error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

gboolean
loket_outbox_batch_commit (LoketOutbox  *self,
                           GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->in_batch = FALSE;
  return loket_outbox_commit (self, error);
}

gboolean
loket_outbox_in_transaction (LoketOutbox *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!sqlite3_get_autocommit (self->db))
    return TRUE;
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (self->db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (self->db, stmt))
    if (sqlite3_stmt_busy (stmt))
      return TRUE;
  return FALSE;
}

/* ---- Opening ---- */

static int
read_user_version (LoketOutbox *self,
                   GError     **error)
{
  sqlite3_stmt *stmt = loket_outbox_statement (self, "PRAGMA user_version", error);
  int rc, version;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  version = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    loket_outbox_fail (self, rc, error);

  return version;
}

static gboolean
migrate (LoketOutbox  *self,
         GError      **error)
{
  int version = read_user_version (self, error);

  if (version < 0)
    return FALSE;

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE,
                   /* Translators: %s is the database file; %d the schema versions found
                    * and known. */
                   _("The outbox %s was written by a newer Loket (schema %d, this one knows "
                     "up to %d)"), self->path, version, SCHEMA_VERSION);
      return FALSE;
    }

  if (version == SCHEMA_VERSION)
    return TRUE;

  if (self->read_only)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE,
                   /* Translators: %s is the database file. */
                   _("The outbox %s has not been set up yet, and it is opened read-only"),
                   self->path);
      return FALSE;
    }

  if (!loket_outbox_begin (self, error))
    return FALSE;

  /* Another process may have migrated while this one waited for the lock. */
  version = read_user_version (self, error);
  if (version < 0)
    goto fail;

  for (int v = version; v < SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      if (!loket_outbox_exec (self, migrations[v], error))
        goto fail;
      /* PRAGMA takes no bound values; the number is ours. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!loket_outbox_exec (self, set_version, error))
        goto fail;
    }

  if (!loket_outbox_commit (self, error))
    return FALSE;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "LOKET_OUTBOX_FILE", self->path,
                    "MESSAGE", "Outbox %s migrated from schema %d to %d",
                    self->path, version, SCHEMA_VERSION);
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

static gboolean
configure_connection (LoketOutbox  *self,
                      GError      **error)
{
  /* These hold per connection (only journal_mode is kept in the file), so every open sets
   * them: FULL makes each commit durable before the citizen is told "submitted". */
  if (!self->read_only && !loket_outbox_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  /* journal_size_limit: when the -wal file starts over, it is cut to nothing, so the frames
   * of deleted personal data do not wait in its tail for being overwritten. */
  return loket_outbox_exec (self,
                            "PRAGMA synchronous = FULL;"
                            "PRAGMA secure_delete = ON;"
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA trusted_schema = OFF;"
                            "PRAGMA journal_size_limit = 0;",
                            error) &&
         (!self->read_only || loket_outbox_exec (self, "PRAGMA query_only = ON", error));
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

LoketOutbox *
loket_outbox_open (const char            *state_dir,
                   const char            *key_file,
                   LoketOutboxOpenFlags   flags,
                   GError               **error)
{
  g_autoptr(LoketOutbox) self = NULL;
  int open_flags;
  int rc;

  g_return_val_if_fail (state_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY,
                           _("The encryption library could not start"));
      return NULL;
    }

  self = g_new0 (LoketOutbox, 1);
  self->path = g_build_filename (state_dir, OUTBOX_FILE_NAME, NULL);
  self->key_path = g_strdup (key_file != NULL ? key_file : "");
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->schedule = (LoketOutboxSchedule) {
    .base = 2 * G_USEC_PER_SEC,
    .cap = 15 * G_TIME_SPAN_MINUTE,
    .max_garbage = 5,
  };
  self->rand = g_rand_new ();
  self->read_only = (flags & LOKET_OUTBOX_OPEN_READ_ONLY) != 0;
  self->fail_after_parts = -1;

  /* The folder holds personal data (encrypted, but still) and the tracking codes: only the
   * service user enters, even when it was made open (0755) before Loket ran. The database
   * is created 0600 whatever the caller's umask, and SQLite gives its -wal and -shm files
   * the database's mode. */
  if (!self->read_only)
    {
      g_autoptr(GError) local_error = NULL;
      int fd;

      if (!loket_state_dir_prepare (state_dir, &local_error))
        {
          g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE,
                       /* Translators: the first %s is a folder, the second why it cannot be
                        * created. */
                       _("The outbox folder %s cannot be created: %s"),
                       state_dir, local_error->message);
          return NULL;
        }
      fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd >= 0)
        close (fd);   /* a failure is SQLite's to report, in its own words, just below */
    }

  open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
               (self->read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  rc = sqlite3_open_v2 (self->path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!configure_connection (self, error) || !migrate (self, error) ||
      !loket_outbox_clock_prepare (self, error))
    return NULL;

  /* A clock corrected while no Loket ran is a jump too: re-date before anything is read. */
  loket_outbox_now (self);

  /* A key problem must not lose what is stored: open anyway, list metadata, refuse to add. */
  self->key = loket_outbox_key_load (key_file, &self->key_error);
  if (self->key == NULL && (flags & LOKET_OUTBOX_OPEN_QUIET_KEY) == 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                      "LOKET_OUTBOX_FILE", self->path,
                      "MESSAGE", "%s", self->key_error->message);

  return g_steal_pointer (&self);
}

LoketOutbox *
loket_outbox_open_for_config (const LoketConfig     *config,
                              LoketOutboxOpenFlags   flags,
                              GError               **error)
{
  g_return_val_if_fail (config != NULL, NULL);

  return loket_outbox_open (config->state_dir, config->key_file, flags, error);
}

void
loket_outbox_close (LoketOutbox *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->key, loket_outbox_key_free);
  g_clear_error (&self->key_error);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->claimed_at, g_hash_table_unref);
  g_free (self->path);
  g_free (self->key_path);
  g_free (self);
}

const char *
loket_outbox_get_path (LoketOutbox *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const GError *
loket_outbox_get_key_error (LoketOutbox *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->key_error;
}

void
loket_outbox_set_schedule (LoketOutbox               *self,
                           const LoketOutboxSchedule *schedule)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (schedule != NULL);
  g_return_if_fail (schedule->base > 0 && schedule->cap >= schedule->base);

  self->schedule = *schedule;
}

/* ---- Storing a request ---- */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_spec (const LoketOutboxRequestSpec  *spec,
            GError                       **error)
{
  if (spec->tracking_code == NULL || *spec->tracking_code == '\0')
    return invalid (error, _("A request needs a tracking code"));
  if (spec->language == NULL || *spec->language == '\0')
    return invalid (error, _("A request needs a language"));
  if (spec->n_parts == 0 || spec->parts == NULL)
    return invalid (error, _("A request needs at least one part"));

  for (guint i = 0; i < spec->n_parts; i++)
    {
      const LoketOutboxPartSpec *part = &spec->parts[i];
      gboolean prerequisite_found = FALSE;

      if (part->part_id == NULL || *part->part_id == '\0' ||
          part->service == NULL || *part->service == '\0' ||
          part->agency == NULL || *part->agency == '\0')
        return invalid (error, _("Every part needs a part id, a service and an agency"));

      if (part->after == NULL && part->body == NULL)
        return invalid (error, _("A part that waits for no other needs its body"));

      for (guint j = 0; j < spec->n_parts; j++)
        {
          if (j != i && g_str_equal (spec->parts[j].part_id, part->part_id))
            return invalid (error, _("Two parts of the request have the same part id"));
          if (j != i && part->after != NULL && g_strcmp0 (spec->parts[j].service, part->after) == 0)
            prerequisite_found = TRUE;
        }

      /* Without its prerequisite in the request, the citizen was asked the fields instead
       * (docs/agency-protocol.md): such a part must not wait for anything. */
      if (part->after != NULL && !prerequisite_found)
        return invalid (error, _("A part waits for a service that is not in the request"));
    }

  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Over 80 lines: one transaction (seal, then every insert under one write lock) with a single
 * rollback path. */
gboolean
loket_outbox_store_request (LoketOutbox                   *self,
                            const LoketOutboxRequestSpec  *spec,
                            GError                       **error)
{
  g_autoptr(GPtrArray) sealed_bodies = NULL;
  g_autoptr(GPtrArray) sealed_consents = NULL;
  sqlite3_stmt *stmt;
  gint64 now, created_at, boottime;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!loket_outbox_require_key (self, error) || !check_spec (spec, error))
    return FALSE;

  /* Seal before taking the write lock: the lock is held only for the inserts. */
  sealed_bodies = g_ptr_array_new_full (spec->n_parts, (GDestroyNotify) g_bytes_unref);
  sealed_consents = g_ptr_array_new_full (spec->n_parts, (GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < spec->n_parts; i++)
    {
      const LoketOutboxPartSpec *part = &spec->parts[i];

      g_ptr_array_add (sealed_bodies, part->body != NULL
                       ? loket_outbox_key_seal (self->key, part->body, part->part_id) : NULL);
      g_ptr_array_add (sealed_consents, part->consent != NULL
                       ? loket_outbox_key_seal (self->key, part->consent, part->part_id) : NULL);
    }

  now = loket_outbox_now (self);
  created_at = spec->created_at != 0 ? spec->created_at : now;
  /* The boot clock at the time the request says it was made, so that its age is the same on
   * either clock. */
  boottime = self->reading.boottime - (now - created_at);

  if (!loket_outbox_begin (self, error))
    return FALSE;

  stmt = loket_outbox_statement (self,
                                 "INSERT INTO requests (tracking_code, language, life_event, "
                                 "created_at, boot_id) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, spec->tracking_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, spec->language, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, spec->life_event);
  sqlite3_bind_int64 (stmt, 4, created_at);
  sqlite3_bind_text (stmt, 5, self->reading.boot_id, -1, SQLITE_TRANSIENT);
  if (!loket_outbox_step_done (self, stmt, error))
    goto fail;

  for (guint i = 0; i < spec->n_parts; i++)
    {
      const LoketOutboxPartSpec *part = &spec->parts[i];
      LoketOutboxState state = part->after != NULL ? LOKET_OUTBOX_STATE_WAITING
                                                   : LOKET_OUTBOX_STATE_QUEUED;

      if (self->fail_after_parts >= 0 && i == (guint) self->fail_after_parts)
        {
          self->fail_after_parts = -1;
          loket_outbox_fail (self, SQLITE_FULL, error);
          goto fail;
        }

      stmt = loket_outbox_statement (self,
                                     "INSERT INTO parts (part_id, tracking_code, seq, service, "
                                     "agency, after, inputs, state, created_at, updated_at, "
                                     "next_attempt_at, body, consent, boot_id, boottime, "
                                     "dated_boot) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?11, "
                                     "?12, ?13, ?14, ?13)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, part->part_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, spec->tracking_code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int) i);
      sqlite3_bind_text (stmt, 4, part->service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, part->agency, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 6, part->after);
      bind_text_or_null (stmt, 7, part->inputs);
      sqlite3_bind_text (stmt, 8, loket_outbox_state_to_string (state), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, created_at);
      sqlite3_bind_int64 (stmt, 10, now);
      loket_outbox_bind_bytes (stmt, 11, g_ptr_array_index (sealed_bodies, i));
      loket_outbox_bind_bytes (stmt, 12, g_ptr_array_index (sealed_consents, i));
      sqlite3_bind_text (stmt, 13, self->reading.boot_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 14, boottime);
      if (!loket_outbox_step_done (self, stmt, error))
        goto fail;
    }

  if (!loket_outbox_commit (self, error))
    return FALSE;

  loket_metrics_add ("loket_submissions_total", 1, NULL);
  for (guint i = 0; i < spec->n_parts; i++)
    loket_outbox_log_part (G_LOG_LEVEL_INFO, spec->parts[i].part_id, spec->tracking_code,
                           spec->parts[i].agency,
                           spec->parts[i].after != NULL ? "waiting" : "queued", NULL);
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

gboolean
loket_outbox_add_part (LoketOutbox                *self,
                       const char                 *tracking_code,
                       const LoketOutboxPartSpec  *part,
                       GError                    **error)
{
  g_autoptr(GBytes) sealed_body = NULL;
  g_autoptr(GBytes) sealed_consent = NULL;
  sqlite3_stmt *stmt;
  gint64 now;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tracking_code != NULL, FALSE);
  g_return_val_if_fail (part != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!loket_outbox_require_key (self, error))
    return FALSE;
  if (part->part_id == NULL || *part->part_id == '\0' ||
      part->service == NULL || *part->service == '\0' ||
      part->agency == NULL || *part->agency == '\0' || part->body == NULL)
    return invalid (error, _("A resent part needs a part id, a service, an agency and its body"));
  if (part->after != NULL)
    return invalid (error, _("A resent part cannot wait for another part"));

  sealed_body = loket_outbox_key_seal (self->key, part->body, part->part_id);
  if (part->consent != NULL)
    sealed_consent = loket_outbox_key_seal (self->key, part->consent, part->part_id);

  now = loket_outbox_now (self);
  if (!loket_outbox_begin (self, error))
    return FALSE;

  /* A new part: its own id (Idempotency-Key), its own pii-max-days from now. */
  stmt = loket_outbox_statement (self,
                                 "INSERT INTO parts (part_id, tracking_code, seq, service, agency, "
                                 "inputs, state, created_at, updated_at, next_attempt_at, body, "
                                 "consent, boot_id, boottime, dated_boot) "
                                 "SELECT ?1, ?2, coalesce (max (seq), -1) + 1, ?3, ?4, "
                                 "?5, 'queued', ?6, ?6, ?6, ?7, ?8, ?9, ?10, ?9 FROM parts "
                                 "WHERE tracking_code = ?2 HAVING count(*) > 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, part->part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tracking_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, part->service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, part->agency, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, part->inputs);
  sqlite3_bind_int64 (stmt, 6, now);
  loket_outbox_bind_bytes (stmt, 7, sealed_body);
  loket_outbox_bind_bytes (stmt, 8, sealed_consent);
  sqlite3_bind_text (stmt, 9, self->reading.boot_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, self->reading.boottime);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND,
                   /* Translators: %s is a tracking code. */
                   _("No request %s in the outbox"), tracking_code);
      goto fail;
    }

  if (!loket_outbox_commit (self, error))
    return FALSE;

  loket_outbox_log_part (G_LOG_LEVEL_INFO, part->part_id, tracking_code, part->agency, "queued",
                         "resent");
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

/* ---- Test hooks ---- */

void
loket_outbox_set_seed (LoketOutbox *self,
                       guint32      seed)
{
  g_return_if_fail (self != NULL);

  g_rand_set_seed (self->rand, seed);
}

void
loket_outbox_set_fail_after_parts (LoketOutbox *self,
                                   int          n_parts)
{
  g_return_if_fail (self != NULL);

  self->fail_after_parts = n_parts;
}

gboolean
loket_outbox_set_max_pages (LoketOutbox  *self,
                            guint         pages,
                            GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  sql = g_strdup_printf ("PRAGMA max_page_count = %u", pages);
  return loket_outbox_exec (self, sql, error);
}
