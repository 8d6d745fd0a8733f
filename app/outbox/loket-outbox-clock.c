/* loket-outbox-clock.c — what time the outbox stores, and what it does when the wall clock jumps
 *
 * Stored times are wall times (µs since the Unix epoch), so that they mean something across a
 * reboot and to the agencies. But a kiosk may boot with its clock a year behind and have NTP
 * correct it minutes later, and staff may set a clock back: every time stored before the
 * correction is then off by the jump, and a request stored before NTP would look a year old
 * to the next sweep. CLOCK_BOOTTIME cannot be set and runs through suspend, so the difference
 * wall − boottime only changes when the wall clock is set. The outbox keeps, per boot, the
 * difference its stored times agree with (table clock); when a look at the clocks finds it
 * moved by more than LOKET_OUTBOX_CLOCK_JUMP, every time written in this boot is shifted by
 * the jump, in one transaction, and the jump is logged. Times written in an earlier boot are
 * left alone: their boot's clock is not this one's. Within its boot, a part's age for
 * pii-max-days is read on CLOCK_BOOTTIME itself (LOKET_OUTBOX_PART_AGE), so a jump the outbox
 * has not seen yet cannot end it early nor keep its data late.
 *
 * Which boot wrote a row's times: requests.boot_id and parts.boot_id (created_at, set once),
 * parts.dated_boot (updated_at, next_attempt_at, lease_until), parts.ended_boot (ended_at),
 * agencies.since_boot. dated_boot and ended_boot are kept by temporary triggers of each
 * connection, so no statement that writes those times has to remember them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <string.h>
#include <time.h>

#include "core/loket-boot-clock.h"
#include "loket-outbox-private.h"


/* The simple test clock's boot: never this machine's, so its rows are not re-dated by a
 * connection on the system clock, nor aged on the wrong boot clock. */
#define WALL_ONLY_BOOT_ID "wall-clock-only"

void
loket_outbox_read_system_clock (LoketOutboxClock *clock,
                                gpointer          unused)
{
  clock->wall = g_get_real_time ();
  clock->boottime = loket_boot_clock_now_us ();
  g_strlcpy (clock->boot_id, loket_boot_clock_boot_id (), sizeof clock->boot_id);
}

static void
read_clocks (LoketOutbox      *self,
             LoketOutboxClock *clock)
{
  memset (clock, 0, sizeof *clock);
  if (self->read_clock != NULL)
    self->read_clock (clock, self->read_clock_data);
  else if (self->clock != NULL)
    {
      clock->wall = self->clock (self->clock_data);
      clock->boottime = clock->wall;
      g_strlcpy (clock->boot_id, WALL_ONLY_BOOT_ID, sizeof clock->boot_id);
    }
  else
    loket_outbox_read_system_clock (clock, NULL);
}

gboolean
loket_outbox_clock_prepare (LoketOutbox  *self,
                            GError      **error)
{
  if (self->read_only)
    return TRUE;

  /* Temporary: they live and die with this connection, other tools that open the file see
   * plain tables. loket_clock holds the boot this connection's clock runs in. */
  return loket_outbox_exec (self,
                            "CREATE TEMP TABLE loket_clock (boot_id TEXT);"
                            "INSERT INTO temp.loket_clock VALUES (NULL);"
                            "CREATE TEMP TRIGGER parts_dated AFTER UPDATE OF updated_at "
                            "ON main.parts BEGIN UPDATE parts SET dated_boot = "
                            "(SELECT boot_id FROM temp.loket_clock) WHERE rowid = new.rowid; "
                            "END;"
                            "CREATE TEMP TRIGGER parts_ended AFTER UPDATE OF ended_at "
                            "ON main.parts WHEN new.ended_at IS NOT old.ended_at BEGIN "
                            "UPDATE parts SET ended_boot = (SELECT boot_id FROM "
                            "temp.loket_clock) WHERE rowid = new.rowid; END;",
                            error);
}

/* Inside the transaction: every time written in boot by the wall clock, shifted by delta. */
static gboolean
redate (LoketOutbox  *self,
        const char   *boot,
        gint64        delta,
        guint        *n_parts,
        GError      **error)
{
  static const char * const statements[] = {
    "UPDATE requests SET created_at = created_at + ?2 WHERE boot_id = ?1",
    "UPDATE parts SET created_at = created_at + ?2 WHERE boot_id = ?1",
    "UPDATE parts SET updated_at = updated_at + ?2, next_attempt_at = next_attempt_at + ?2, "
    "lease_until = CASE WHEN lease_until > 0 THEN lease_until + ?2 ELSE 0 END "
    "WHERE dated_boot = ?1",
    "UPDATE parts SET ended_at = ended_at + ?2 WHERE ended_boot = ?1 AND ended_at > 0",
    "UPDATE agencies SET since = since + ?2 WHERE since_boot = ?1 AND since > 0",
  };

  *n_parts = 0;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = loket_outbox_statement (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, boot, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, delta);
      if (!loket_outbox_step_done (self, stmt, error))
        return FALSE;
      if (i == 1)
        *n_parts = (guint) sqlite3_changes (self->db);
    }

  return TRUE;
}

/* Compares the clocks with what this boot's stored times agree with; on a jump, re-dates them.
 * Idempotent across connections: the first to see a jump re-dates and stores the new offset,
 * the others then find nothing to do. */
/* Over 80 lines: one transaction (read, compare, re-date, store) with a single rollback path.
 * */
static gboolean
check_clock (LoketOutbox             *self,
             const LoketOutboxClock  *now,
             GError                 **error)
{
  g_autoptr(LoketOutboxStmt) select = NULL;
  gint64 offset = now->wall - now->boottime;
  gint64 stored = 0, delta = 0;
  gboolean found = FALSE, jumped = FALSE;
  guint n_parts = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!loket_outbox_begin (self, error))
    return FALSE;

  stmt = loket_outbox_statement (self, "UPDATE temp.loket_clock SET boot_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, now->boot_id, -1, SQLITE_TRANSIENT);
  if (!loket_outbox_step_done (self, stmt, error))
    goto fail;

  select = loket_outbox_statement (self, "SELECT offset FROM clock WHERE boot_id = ?1", error);
  if (select == NULL)
    goto fail;
  sqlite3_bind_text (select, 1, now->boot_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (select);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      stored = sqlite3_column_int64 (select, 0);
    }
  else if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      goto fail;
    }
  sqlite3_reset (select);

  if (!found)
    {
      /* The first look in this boot. Earlier boots' offsets serve nothing any more (their
       * times are never re-dated); a few are kept, so that a connection on another clock
       * (a test's) does not lose the offset of the boot it runs in. */
      stmt = loket_outbox_statement (self,
                                     "DELETE FROM clock WHERE rowid NOT IN (SELECT rowid "
                                     "FROM clock ORDER BY rowid DESC LIMIT 15)", error);
      if (stmt == NULL || !loket_outbox_step_done (self, stmt, error))
        goto fail;
      stored = offset;
    }
  else if (ABS (offset - stored) > LOKET_OUTBOX_CLOCK_JUMP)
    {
      delta = offset - stored;
      if (!redate (self, now->boot_id, delta, &n_parts, error))
        goto fail;
      jumped = TRUE;
      stored = offset;
    }

  if (!found || jumped)
    {
      stmt = loket_outbox_statement (self,
                                     "INSERT INTO clock (boot_id, offset) VALUES (?1, ?2) "
                                     "ON CONFLICT (boot_id) DO UPDATE SET offset = ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, now->boot_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, stored);
      if (!loket_outbox_step_done (self, stmt, error))
        goto fail;
    }

  if (!loket_outbox_commit (self, error))
    return FALSE;

  self->dated_offset = stored;
  self->clock_checked = TRUE;

  if (jumped)
    {
      gint64 jump_s = delta / G_USEC_PER_SEC;
      g_autofree char *jump_field = g_strdup_printf ("%" G_GINT64_FORMAT, jump_s);

      /* Structured, so that a fleet sees which kiosks boot with a wrong clock. */
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                        "LOKET_OUTBOX_FILE", self->path,
                        "LOKET_CLOCK_JUMP_S", jump_field,
                        "MESSAGE", "The wall clock jumped by %+" G_GINT64_FORMAT " s against the "
                        "boot clock: the times stored in this boot were re-dated (%u parts)",
                        jump_s, n_parts);
    }
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

gint64
loket_outbox_now (LoketOutbox *self)
{
  LoketOutboxClock now;

  read_clocks (self, &now);

  /* Checked between transactions only (a look inside one waits for the next), and never on a
   * read-only connection, which cannot re-date; it still ages parts on the boot clock. */
  if (!self->read_only && self->db != NULL && sqlite3_get_autocommit (self->db) &&
      (!self->clock_checked || strcmp (now.boot_id, self->reading.boot_id) != 0 ||
       ABS ((now.wall - now.boottime) - self->dated_offset) > LOKET_OUTBOX_CLOCK_JUMP))
    {
      g_autoptr(GError) error = NULL;

      /* The temporary triggers date rows with the boot set here. */
      self->reading = now;
      if (!check_clock (self, &now, &error))
        {
          self->clock_checked = FALSE;
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                            "LOKET_OUTBOX_FILE", self->path,
                            "MESSAGE", "Outbox: cannot compare the clocks, tried again at the "
                            "next look: %s", error->message);
        }
    }

  self->reading = now;
  return now.wall;
}

void
loket_outbox_bind_clock (LoketOutbox  *self,
                         sqlite3_stmt *stmt)
{
  sqlite3_bind_text (stmt, 21, self->reading.boot_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 22, self->reading.boottime);
  sqlite3_bind_int64 (stmt, 23, self->reading.wall);
}

/* ---- Test hooks ---- */

void
loket_outbox_set_clock (LoketOutbox          *self,
                        LoketOutboxClockFunc  clock,
                        gpointer              user_data)
{
  g_return_if_fail (self != NULL);

  self->clock = clock;
  self->clock_data = user_data;
  self->read_clock = NULL;
  self->clock_checked = FALSE;
}

void
loket_outbox_set_clock_full (LoketOutbox              *self,
                             LoketOutboxClockReadFunc  read_clock,
                             gpointer                  user_data)
{
  g_return_if_fail (self != NULL);

  self->read_clock = read_clock;
  self->read_clock_data = user_data;
  self->clock = NULL;
  self->clock_checked = FALSE;
}
