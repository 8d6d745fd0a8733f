/* test-outbox-clock.c — the wall clock jumps, the boot clock does not: no part ends early, none
 * keeps its personal data past its deadline, no retry freezes (an injected clock: wall time,
 * CLOCK_BOOTTIME and boot id set by hand); and an outbox of schema 2 opens and migrates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "outbox-test-util.h"

#define DAY G_TIME_SPAN_DAY
#define HOUR G_TIME_SPAN_HOUR
#define SECOND G_USEC_PER_SEC
#define START (G_GINT64_CONSTANT (1780000000) * G_USEC_PER_SEC)

typedef struct {
  gint64      wall;
  gint64      boottime;
  const char *boot;
} TestClock;

static void
read_test_clock (LoketOutboxClock *clock,
                 gpointer          user_data)
{
  TestClock *test = user_data;

  clock->wall = test->wall;
  clock->boottime = test->boottime;
  g_strlcpy (clock->boot_id, test->boot, sizeof clock->boot_id);
}

/* Real time passes: both clocks move. */
static void
pass (TestClock *clock,
      gint64     us)
{
  clock->wall += us;
  clock->boottime += us;
}

/* The LOKET_CLOCK_JUMP_S field of every jump logged, as text. */
static GPtrArray *jumps;

static GLogWriterOutput
capture_jumps (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "LOKET_CLOCK_JUMP_S"))
      g_ptr_array_add (jumps, fields[i].length < 0
                              ? g_strdup (fields[i].value)
                              : g_strndup (fields[i].value, (gsize) fields[i].length));
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static LoketOutbox *
open_with_clock (OutboxTestEnv *env,
                 TestClock     *clock)
{
  LoketOutbox *outbox = outbox_test_open (env);

  loket_outbox_set_clock_full (outbox, read_test_clock, clock);
  return outbox;
}

static guint
sweep (LoketOutbox *outbox)
{
  g_autoptr(GError) error = NULL;
  LoketOutboxSweepStats stats = { 0 };

  g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
  g_assert_no_error (error);
  return stats.parts_expired;
}

static void
fail_once (LoketOutbox *outbox,
           const char  *part_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", HOUR, 1, &error);
  LoketOutboxResult retry = { .outcome = LOKET_OUTBOX_OUTCOME_RETRY, .http_status = 503 };

  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpstr (((LoketOutboxPart *) claimed->pdata[0])->part_id, ==, part_id);
  g_assert_true (loket_outbox_record_outcome (outbox, part_id, "e", &retry, &error));
  g_assert_no_error (error);
}

static void
assert_jumps (guint       n,
              const char *last)
{
  g_assert_cmpuint (jumps->len, ==, n);
  if (n > 0)
    g_assert_cmpstr (g_ptr_array_index (jumps, n - 1), ==, last);
}

/* The clock jumps a day ahead on day 13: with wall-clock ages, the part would lose its data
 * then, a day early. */
static void
test_jump_forward (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  TestClock clock = { START, 1000 * SECOND, "boot-forward" };

  g_ptr_array_set_size (jumps, 0);
  outbox_test_env_init (&env);
  outbox = open_with_clock (&env, &clock);
  ids = outbox_test_store (outbox, code, 1);
  fail_once (outbox, ids[0]);

  pass (&clock, 13 * DAY);
  clock.wall += DAY;
  g_assert_cmpuint (sweep (outbox), ==, 0);
  assert_jumps (1, "86400");
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[0]);
    g_autoptr(LoketOutboxRequest) request = loket_outbox_get_request (outbox, code, NULL);

    /* Re-dated to the corrected clock: stored a day "later" */
    g_assert_cmpint (part->created_at, ==, START + DAY);
    g_assert_cmpint (request->created_at, ==, START + DAY);
    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_RETRY);
    g_assert_true (part->has_personal_data);
  }

  /* The deadline is 14 days of real time after storing, to the second */
  pass (&clock, DAY - SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 0);
  pass (&clock, SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 1);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[0]);

    g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
    g_assert_false (part->has_personal_data);
  }
  assert_jumps (1, "86400");

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

/* The clock is set back a day: the retry due in the next hour must not wait a day, and the
 * data must not stay a day longer. */
static void
test_jump_back (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  TestClock clock = { START, 1000 * SECOND, "boot-back" };
  LoketOutboxSchedule hourly = { .base = HOUR, .cap = HOUR, .max_garbage = 5 };

  g_ptr_array_set_size (jumps, 0);
  outbox_test_env_init (&env);
  outbox = open_with_clock (&env, &clock);
  loket_outbox_set_schedule (outbox, &hourly);
  ids = outbox_test_store (outbox, code, 1);
  fail_once (outbox, ids[0]);

  pass (&clock, 2 * HOUR);
  clock.wall -= DAY;
  {
    /* Due: its retry time moved back with the clock */
    g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", HOUR, 1, &error);
    gint64 when = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 1);
    assert_jumps (1, "-86400");
    g_assert_true (loket_outbox_release (outbox, ids[0], "e", &error));
    g_assert_no_error (error);
    g_assert_true (loket_outbox_next_due (outbox, &when, &error));
    g_assert_cmpint (when, <=, clock.wall);
  }
  fail_once (outbox, ids[0]);

  pass (&clock, 14 * DAY - 2 * HOUR - SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 0);
  pass (&clock, SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 1);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (outbox, ids[0]);

    g_assert_cmpstr (part->reason, ==, "expired");
    g_assert_false (part->has_personal_data);
  }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

/* A request stored on day 0 with a right clock; a reboot on day 1 into a clock a year behind
 * (a dead RTC, NTP not there yet); a request stored then, Loket stopped, NTP corrects the
 * clock, Loket starts again. Neither ends early, each loses its data on its own deadline, and
 * only the second request's times are re-dated. */
static void
test_boot_a_year_behind (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *early_code = outbox_test_new_code ();
  g_autofree char *late_code = outbox_test_new_code ();
  g_auto(GStrv) early = NULL;
  g_auto(GStrv) late = NULL;
  TestClock clock = { START, 1000 * SECOND, "boot-one" };
  gint64 late_stored_wrong;

  g_ptr_array_set_size (jumps, 0);
  outbox_test_env_init (&env);
  outbox = open_with_clock (&env, &clock);
  early = outbox_test_store (outbox, early_code, 1);
  pass (&clock, DAY);
  g_clear_pointer (&outbox, loket_outbox_close);

  /* Reboot: a minute later, with the clock a year behind */
  clock = (TestClock) { START + DAY + 60 * SECOND - 365 * DAY, 20 * SECOND, "boot-two" };
  outbox = open_with_clock (&env, &clock);
  late = outbox_test_store (outbox, late_code, 1);
  late_stored_wrong = clock.wall;
  g_assert_cmpuint (sweep (outbox), ==, 0);
  g_clear_pointer (&outbox, loket_outbox_close);

  /* NTP, while Loket is stopped; ten minutes later Loket starts and sees the jump */
  clock.wall += 365 * DAY;
  pass (&clock, 10 * 60 * SECOND);
  outbox = open_with_clock (&env, &clock);
  g_assert_cmpuint (sweep (outbox), ==, 0);
  assert_jumps (1, "31536000");
  {
    g_autoptr(LoketOutboxPart) early_part = outbox_test_get_part (outbox, early[0]);
    g_autoptr(LoketOutboxPart) late_part = outbox_test_get_part (outbox, late[0]);

    g_assert_cmpint (early_part->created_at, ==, START);
    g_assert_cmpint (late_part->created_at, ==, late_stored_wrong + 365 * DAY);
    g_assert_cmpint (late_part->created_at, ==, START + DAY + 60 * SECOND);
    g_assert_true (late_part->has_personal_data);
  }

  /* The early request's deadline: START + 14 days */
  clock.wall = START + 14 * DAY - SECOND;
  clock.boottime = 20 * SECOND + (clock.wall - (START + DAY + 60 * SECOND));
  g_assert_cmpuint (sweep (outbox), ==, 0);
  pass (&clock, SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 1);
  {
    g_autoptr(LoketOutboxPart) early_part = outbox_test_get_part (outbox, early[0]);

    g_assert_false (early_part->has_personal_data);
  }

  /* The late one's: a day and a minute later */
  pass (&clock, DAY + 60 * SECOND - SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 0);
  pass (&clock, SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 1);
  {
    g_autoptr(LoketOutboxPart) late_part = outbox_test_get_part (outbox, late[0]);

    g_assert_false (late_part->has_personal_data);
  }
  assert_jumps (1, "31536000");

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

/* The kiosk and its engine each have a connection: the first to look re-dates, the other
 * finds nothing left to do (a second shift would make the part a day younger again). */
static void
test_jump_seen_once (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) kiosk = NULL;
  g_autoptr(LoketOutbox) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  TestClock clock = { START, 1000 * SECOND, "boot-shared" };

  g_ptr_array_set_size (jumps, 0);
  outbox_test_env_init (&env);
  kiosk = open_with_clock (&env, &clock);
  engine = open_with_clock (&env, &clock);
  ids = outbox_test_store (kiosk, code, 1);

  pass (&clock, HOUR);
  clock.wall += DAY;
  g_assert_cmpuint (sweep (engine), ==, 0);
  {
    g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (kiosk, "k", HOUR, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 1);
  }
  g_assert_cmpuint (sweep (kiosk), ==, 0);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (kiosk, ids[0]);

    g_assert_cmpint (part->created_at, ==, START + DAY);
    g_assert_cmpint (part->lease_until, ==, clock.wall + HOUR);
  }
  assert_jumps (1, "86400");

  /* Less than a minute is no jump: nothing moves */
  clock.wall += 50 * SECOND;
  g_assert_cmpuint (sweep (engine), ==, 0);
  {
    g_autoptr(LoketOutboxPart) part = outbox_test_get_part (kiosk, ids[0]);

    g_assert_cmpint (part->created_at, ==, START + DAY);
  }
  assert_jumps (1, "86400");

  g_clear_pointer (&kiosk, loket_outbox_close);
  g_clear_pointer (&engine, loket_outbox_close);
  outbox_test_env_clear (&env);
}

/* A step of less than a minute is no jump (nothing is re-dated), yet it moves no deadline:
 * within its boot, a part's age is read on the boot clock. */
static void
test_small_step (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  TestClock clock = { START, 1000 * SECOND, "boot-step" };

  g_ptr_array_set_size (jumps, 0);
  outbox_test_env_init (&env);
  outbox = open_with_clock (&env, &clock);
  ids = outbox_test_store (outbox, code, 1);

  pass (&clock, 14 * DAY - 30 * SECOND);
  clock.wall += 50 * SECOND;
  g_assert_cmpuint (sweep (outbox), ==, 0);
  pass (&clock, 30 * SECOND);
  g_assert_cmpuint (sweep (outbox), ==, 1);
  assert_jumps (0, NULL);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

/* Dependent parts give up after pii-max-days by the same count as the sweep. */
static void
test_part_age (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  TestClock clock = { START, 1000 * SECOND, "boot-age" };
  gboolean older = TRUE;

  outbox_test_env_init (&env);
  outbox = open_with_clock (&env, &clock);
  ids = outbox_test_store (outbox, code, 1);

  /* The wall clock alone says 14 days; the boot clock says 13 */
  pass (&clock, 13 * DAY);
  clock.wall += DAY;
  g_assert_true (loket_outbox_part_older_than (outbox, ids[0], 14, &older, &error));
  g_assert_no_error (error);
  g_assert_false (older);
  pass (&clock, DAY);
  g_assert_true (loket_outbox_part_older_than (outbox, ids[0], 14, &older, &error));
  g_assert_no_error (error);
  g_assert_true (older);

  g_assert_false (loket_outbox_part_older_than (outbox, "no-such-part", 14, &older, &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

/* ---- Migration ---- */

/* What main's Loket wrote before the clock columns (schema 2), verbatim. */
static const char schema_2[] =
  "CREATE TABLE requests (tracking_code TEXT PRIMARY KEY NOT NULL, language TEXT NOT NULL, "
  "life_event TEXT, created_at INTEGER NOT NULL);"
  "CREATE TABLE parts (part_id TEXT PRIMARY KEY NOT NULL, tracking_code TEXT NOT NULL "
  "REFERENCES requests (tracking_code) ON DELETE CASCADE, seq INTEGER NOT NULL, service TEXT "
  "NOT NULL, agency TEXT NOT NULL, after TEXT, inputs TEXT, state TEXT NOT NULL, reason TEXT, "
  "reference TEXT, http_status INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, "
  "garbage INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, "
  "next_attempt_at INTEGER NOT NULL, ended_at INTEGER NOT NULL DEFAULT 0, lease_owner TEXT, "
  "lease_until INTEGER NOT NULL DEFAULT 0, body BLOB, outputs BLOB, reasons BLOB, consent BLOB);"
  "CREATE INDEX parts_by_request ON parts (tracking_code, seq);"
  "CREATE INDEX parts_by_due ON parts (state, next_attempt_at);"
  "CREATE INDEX parts_by_agency ON parts (agency, state);"
  "CREATE TABLE attempts (id INTEGER PRIMARY KEY, part_id TEXT NOT NULL REFERENCES parts "
  "(part_id) ON DELETE CASCADE, at INTEGER NOT NULL, outcome TEXT NOT NULL, http_status INTEGER "
  "NOT NULL DEFAULT 0, error TEXT);"
  "CREATE INDEX attempts_by_part ON attempts (part_id);"
  "CREATE TABLE agencies (agency TEXT PRIMARY KEY NOT NULL, held INTEGER NOT NULL DEFAULT 0, "
  "reason TEXT, since INTEGER NOT NULL DEFAULT 0);"
  "ALTER TABLE requests ADD COLUMN receipt TEXT;"
  "ALTER TABLE requests ADD COLUMN receipt_at INTEGER NOT NULL DEFAULT 0;"
  "PRAGMA user_version = 2;";

static void
test_migrate_from_schema_2 (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 t0 = START;
  TestClock clock = { START + 20 * DAY, 1000 * SECOND, "boot-after-upgrade" };

  g_ptr_array_set_size (jumps, 0);
  outbox_test_env_init (&env);
  path = g_build_filename (env.dir, "outbox.sqlite3", NULL);

  /* Two parts of one request, as schema 2 kept them: delivered (ended_at set), and expired
   * by the old sweep on day 14 (needs staff, no data, ended_at 0); its agency held. */
  sql = g_strdup_printf ("PRAGMA journal_mode = WAL; %s"
                         "INSERT INTO requests VALUES ('%s', 'id', NULL, %" G_GINT64_FORMAT
                         ", NULL, 0);"
                         "INSERT INTO parts (part_id, tracking_code, seq, service, agency, state, "
                         "reference, created_at, updated_at, next_attempt_at, ended_at) VALUES "
                         "('p0', '%s', 0, 's0', 'a0', 'delivered', 'R', %" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
                         "INSERT INTO parts (part_id, tracking_code, seq, service, agency, state, "
                         "reason, created_at, updated_at, next_attempt_at) VALUES "
                         "('p1', '%s', 1, 's1', 'a1', 'needs-staff', 'expired', %" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
                         "INSERT INTO agencies VALUES ('a1', 1, 'http-status:401', %"
                         G_GINT64_FORMAT ");",
                         schema_2, code, t0,
                         code, t0, t0, t0, t0 + HOUR,
                         code, t0, t0 + 14 * DAY, t0,
                         t0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  outbox = open_with_clock (&env, &clock);
  {
    g_autoptr(LoketOutboxRequest) request = loket_outbox_get_request (outbox, code, &error);
    LoketOutboxPart *expired;

    g_assert_no_error (error);
    g_assert_cmpuint (request->parts->len, ==, 2);
    g_assert_cmpint (request->created_at, ==, t0);
    expired = g_ptr_array_index (request->parts, 1);
    /* The old sweep ended it without saying when: now it ended when it expired */
    g_assert_cmpint (expired->ended_at, ==, t0 + 14 * DAY);
  }

  /* The new columns are there, and a new request stores and sweeps */
  ids = outbox_test_store (outbox, "NEWREQUEST000", 1);
  g_assert_cmpuint (sweep (outbox), ==, 0);

  /* Rows from before the upgrade belong to no known boot: a jump leaves them alone */
  clock.wall += DAY;
  g_assert_cmpuint (sweep (outbox), ==, 0);
  assert_jumps (1, "86400");
  {
    g_autoptr(LoketOutboxRequest) old = loket_outbox_get_request (outbox, code, &error);
    g_autoptr(LoketOutboxPart) fresh = outbox_test_get_part (outbox, ids[0]);

    g_assert_no_error (error);
    g_assert_cmpint (old->created_at, ==, t0);
    g_assert_cmpint (fresh->created_at, ==, t0 + 21 * DAY);
  }

  /* Retention from the end of the last part: day 14 + 90 */
  pass (&clock, 83 * DAY - SECOND);
  {
    LoketOutboxSweepStats stats = { 0 };

    g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.parts_expired, ==, 1);  /* the new one's */
    g_assert_cmpuint (stats.requests_removed, ==, 0);
    pass (&clock, SECOND);
    g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.requests_removed, ==, 1);
  }
  {
    g_autoptr(LoketOutboxRequest) old = loket_outbox_get_request (outbox, code, &error);

    g_assert_null (old);
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_clear_pointer (&outbox, loket_outbox_close);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 5);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT since, since_boot FROM agencies", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, t0);
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  jumps = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_jumps, NULL, NULL);

  g_test_add_func ("/outbox/clock/jump-forward-a-day", test_jump_forward);
  g_test_add_func ("/outbox/clock/jump-back-a-day", test_jump_back);
  g_test_add_func ("/outbox/clock/boot-a-year-behind", test_boot_a_year_behind);
  g_test_add_func ("/outbox/clock/jump-seen-once", test_jump_seen_once);
  g_test_add_func ("/outbox/clock/small-step", test_small_step);
  g_test_add_func ("/outbox/clock/part-age", test_part_age);
  g_test_add_func ("/outbox/clock/migrate-from-schema-2", test_migrate_from_schema_2);

  {
    int status = g_test_run ();

    g_ptr_array_unref (jumps);
    return status;
  }
}
