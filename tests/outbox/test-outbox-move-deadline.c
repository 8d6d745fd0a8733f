/* test-outbox-move-deadline.c — a moved part keeps the personal-data deadline of its kiosk
 *
 * Kiosk A (pii-max-days 14) stores a request; ten days later its outbox is exported to B, which
 * imports it a day after that. The parts' personal data must go 14 days after the citizen's
 * visit at A, whatever B's own pii-max-days (longer here): the deadline travels in the bundle,
 * and is not restarted by the import nor lengthened by B's configuration, nor by a second move.
 * A pii-max-days of B's that is shorter still applies (the submission time travels too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-outbox"

#include <glib/gstdio.h>

#include "outbox-test-util.h"

#define T0 ((gint64) 1798761600 * G_USEC_PER_SEC)  /* 2027-01-01, a wall clock by hand */
#define DAYS(n) ((gint64) (n) * G_TIME_SPAN_DAY)

typedef struct {
  OutboxTestEnv env;
  LoketOutbox  *outbox;
  gint64        now;
  char         *public_key;
} Kiosk;

static void
kiosk_init (Kiosk  *kiosk,
            gint64  now)
{
  g_autoptr(GError) error = NULL;

  outbox_test_env_init (&kiosk->env);
  kiosk->outbox = outbox_test_open (&kiosk->env);
  kiosk->now = now;
  loket_outbox_set_clock (kiosk->outbox, outbox_test_clock, &kiosk->now);
  kiosk->public_key = loket_outbox_get_public_key (kiosk->outbox, &error);
  g_assert_no_error (error);
}

static void
kiosk_clear (Kiosk *kiosk)
{
  g_clear_pointer (&kiosk->outbox, loket_outbox_close);
  g_clear_pointer (&kiosk->public_key, g_free);
  outbox_test_env_clear (&kiosk->env);
}

/* from exports everything (its own pii-max-days) to to, which imports it: n parts. */
static void
move (Kiosk *from,
      guint  from_pii_max_days,
      Kiosk *to,
      guint  n)
{
  g_autofree char *path = g_build_filename (from->env.dir, "moved.loketmove", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bundle = NULL;
  guint exported = 0, added = 0, skipped = 0;

  g_assert_true (loket_outbox_export (from->outbox, to->public_key, path, from_pii_max_days,
                                      &exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exported, ==, n);

  file = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  bundle = g_mapped_file_get_bytes (file);
  g_assert_true (loket_outbox_import (to->outbox, bundle, from->public_key, &added, &skipped,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, n);
  g_assert_cmpuint (skipped, ==, 0);
}

static guint
sweep (Kiosk *kiosk,
       guint  pii_max_days)
{
  LoketOutboxSweepStats stats = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (loket_outbox_sweep (kiosk->outbox, pii_max_days, 90, &stats, &error));
  g_assert_no_error (error);
  return stats.parts_expired;
}

static void
assert_part (Kiosk            *kiosk,
             const char       *part_id,
             LoketOutboxState  state,
             gboolean          personal_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxPart) part = loket_outbox_get_part (kiosk->outbox, part_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (part->state, ==, state);
  g_assert_cmpint (part->has_personal_data, ==, personal_data);
  if (state == LOKET_OUTBOX_STATE_NEEDS_STAFF)
    g_assert_cmpstr (part->reason, ==, "expired");
}

static gboolean
older_than (Kiosk      *kiosk,
            const char *part_id,
            guint       days)
{
  g_autoptr(GError) error = NULL;
  gboolean older = FALSE;

  g_assert_true (loket_outbox_part_older_than (kiosk->outbox, part_id, days, &older, &error));
  g_assert_no_error (error);
  return older;
}

/* B keeps its data longer (30 days) than A (14): A's deadline holds, through two moves. */
static void
test_deadline_kept (void)
{
  Kiosk a = { 0, }, b = { 0, }, c = { 0, };
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;

  kiosk_init (&a, T0);
  ids = outbox_test_store (a.outbox, code, 2);

  a.now = T0 + DAYS (10);
  kiosk_init (&b, T0 + DAYS (11));
  move (&a, 14, &b, 2);
  assert_part (&a, ids[0], LOKET_OUTBOX_STATE_MOVED, FALSE);
  assert_part (&b, ids[0], LOKET_OUTBOX_STATE_QUEUED, TRUE);

  /* The import did not restart the clock: not yet at 14 days, and B's 30 would be far off. */
  g_assert_cmpuint (sweep (&b, 30), ==, 0);
  b.now = T0 + DAYS (14) - G_USEC_PER_SEC;
  g_assert_cmpuint (sweep (&b, 30), ==, 0);
  g_assert_false (older_than (&b, ids[1], 30));
  assert_part (&b, ids[1], LOKET_OUTBOX_STATE_QUEUED, TRUE);

  /* B dies too, a day before the deadline; C (also 30 days) gets A's deadline, not B's. */
  b.now = T0 + DAYS (13);
  kiosk_init (&c, T0 + DAYS (13));
  move (&b, 30, &c, 2);
  g_assert_cmpuint (sweep (&c, 30), ==, 0);

  c.now = T0 + DAYS (14);
  g_assert_true (older_than (&c, ids[1], 30));
  g_assert_cmpuint (sweep (&c, 30), ==, 2);
  for (guint i = 0; ids[i] != NULL; i++)
    assert_part (&c, ids[i], LOKET_OUTBOX_STATE_NEEDS_STAFF, FALSE);
  g_assert_false (outbox_test_files_contain (c.env.dir, TEST_NAME));

  kiosk_clear (&a);
  kiosk_clear (&b);
  kiosk_clear (&c);
}

/* B's own pii-max-days, shorter than A's, still counts from the citizen's visit at A. */
static void
test_shorter_here (void)
{
  Kiosk a = { 0, }, b = { 0, };
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;

  kiosk_init (&a, T0);
  ids = outbox_test_store (a.outbox, code, 1);
  a.now = T0 + DAYS (5);
  kiosk_init (&b, T0 + DAYS (5));
  move (&a, 14, &b, 1);

  g_assert_cmpuint (sweep (&b, 7), ==, 0);
  b.now = T0 + DAYS (7);
  g_assert_cmpuint (sweep (&b, 7), ==, 1);
  assert_part (&b, ids[0], LOKET_OUTBOX_STATE_NEEDS_STAFF, FALSE);

  kiosk_clear (&a);
  kiosk_clear (&b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/move/deadline-kept", test_deadline_kept);
  g_test_add_func ("/outbox/move/shorter-here", test_shorter_here);
  return g_test_run ();
}
