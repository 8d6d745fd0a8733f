/* test-outbox-schedule.c — exponential backoff with full jitter, and Retry-After
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "outbox-test-util.h"

#define SAMPLES 20000

static const LoketOutboxSchedule schedule = {
  .base = 2 * G_USEC_PER_SEC,
  .cap = 300 * G_USEC_PER_SEC,
  .max_garbage = 5,
};

static void
test_backoff_bounds (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);

  for (guint attempt = 0; attempt < 40; attempt++)
    {
      /* The window doubles from base until it reaches the cap */
      gint64 window = attempt < 8 ? schedule.base << attempt : schedule.cap;
      double sum = 0, mean;
      gint64 lowest = G_MAXINT64, highest = 0;
      guint below_tenth = 0, above_nine_tenths = 0;

      window = MIN (window, schedule.cap);
      for (guint i = 0; i < SAMPLES; i++)
        {
          gint64 delay = loket_outbox_backoff_delay (&schedule, attempt, 0, rand);

          g_assert_cmpint (delay, >=, 0);
          g_assert_cmpint (delay, <=, window);
          sum += (double) delay;
          lowest = MIN (lowest, delay);
          highest = MAX (highest, delay);
          if (delay < window / 10)
            below_tenth++;
          if (delay > window / 10 * 9)
            above_nine_tenths++;
        }

      /* Full jitter is uniform over the window: mean near the middle (the standard error of
       * the mean is window/sqrt(12·SAMPLES) ≈ 0.2% of the window; 2% is ten of them), and
       * both ends of the window are used. */
      mean = sum / SAMPLES;
      g_assert_cmpfloat (mean, >, 0.48 * (double) window);
      g_assert_cmpfloat (mean, <, 0.52 * (double) window);
      g_assert_cmpint (lowest, <, window / 100);
      g_assert_cmpint (highest, >, window / 100 * 99);
      g_assert_cmpuint (below_tenth, >, SAMPLES / 10 * 8 / 10);
      g_assert_cmpuint (below_tenth, <, SAMPLES / 10 * 12 / 10);
      g_assert_cmpuint (above_nine_tenths, >, SAMPLES / 10 * 8 / 10);
      g_assert_cmpuint (above_nine_tenths, <, SAMPLES / 10 * 12 / 10);
    }
}

static void
test_backoff_seeded (void)
{
  g_autoptr(GRand) a = g_rand_new_with_seed (7);
  g_autoptr(GRand) b = g_rand_new_with_seed (7);

  /* The same seed gives the same schedule, so a failing run can be replayed */
  for (guint i = 0; i < 100; i++)
    g_assert_cmpint (loket_outbox_backoff_delay (&schedule, i % 10, 0, a), ==,
                     loket_outbox_backoff_delay (&schedule, i % 10, 0, b));
}

static void
test_retry_after_honoured (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < 1000; i++)
    {
      /* Longer than the window: the agency's word wins */
      g_assert_cmpint (loket_outbox_backoff_delay (&schedule, 0, 120 * G_USEC_PER_SEC, rand),
                       ==, 120 * G_USEC_PER_SEC);
      /* Beyond the cap too */
      g_assert_cmpint (loket_outbox_backoff_delay (&schedule, 3, G_TIME_SPAN_HOUR, rand),
                       ==, G_TIME_SPAN_HOUR);
      /* Shorter than the jitter drew: never earlier than asked */
      g_assert_cmpint (loket_outbox_backoff_delay (&schedule, 7, G_USEC_PER_SEC, rand),
                       >=, G_USEC_PER_SEC);
    }

  /* An absurd Retry-After is capped at one day */
  g_assert_cmpint (loket_outbox_backoff_delay (&schedule, 0, 400 * G_TIME_SPAN_DAY, rand),
                   ==, G_TIME_SPAN_DAY);
}

static void
test_retry_after_parse (void)
{
  /* Sun, 06 Nov 1994 08:49:37 GMT */
  gint64 date = G_GINT64_CONSTANT (784111777) * G_USEC_PER_SEC;
  gint64 delay = -1;

  g_assert_true (loket_outbox_parse_retry_after ("120", 0, &delay));
  g_assert_cmpint (delay, ==, 120 * G_USEC_PER_SEC);
  g_assert_true (loket_outbox_parse_retry_after (" 0 ", 0, &delay));
  g_assert_cmpint (delay, ==, 0);
  g_assert_true (loket_outbox_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 GMT",
                                                 date - 90 * G_USEC_PER_SEC, &delay));
  g_assert_cmpint (delay, ==, 90 * G_USEC_PER_SEC);
  /* A date in the past: retry now */
  g_assert_true (loket_outbox_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 GMT",
                                                 date + G_USEC_PER_SEC, &delay));
  g_assert_cmpint (delay, ==, 0);

  g_assert_false (loket_outbox_parse_retry_after ("", 0, &delay));
  g_assert_false (loket_outbox_parse_retry_after ("-5", 0, &delay));
  g_assert_false (loket_outbox_parse_retry_after ("1.5", 0, &delay));
  g_assert_false (loket_outbox_parse_retry_after ("soon", 0, &delay));
  g_assert_false (loket_outbox_parse_retry_after ("Sunday, 06-Nov-94 08:49:37 GMT", 0, &delay));
  g_assert_false (loket_outbox_parse_retry_after ("Sun, 06 Foo 1994 08:49:37 GMT", 0, &delay));
  g_assert_false (loket_outbox_parse_retry_after ("Sun, 31 Feb 1994 08:49:37 GMT", 0, &delay));
  g_assert_false (loket_outbox_parse_retry_after ("Sun, 06 Nov 1994 08:49:37 UTC", 0, &delay));
}

/* The outbox uses the schedule: a 503 with Retry-After is not due before it */
static void
test_outcome_honours_retry_after (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  gint64 now = G_GINT64_CONSTANT (1750000000) * G_USEC_PER_SEC;
  gint64 when;
  LoketOutboxResult busy = {
    .outcome = LOKET_OUTBOX_OUTCOME_RETRY, .http_status = 503,
    .retry_after = 600 * G_USEC_PER_SEC,
  };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  loket_outbox_set_clock (outbox, outbox_test_clock, &now);
  loket_outbox_set_schedule (outbox, &schedule);
  loket_outbox_set_seed (outbox, 42);
  ids = outbox_test_store (outbox, code, 1);

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", G_USEC_PER_SEC, 1,
                                                             &error);
      g_autoptr(GPtrArray) early = NULL;
      g_autoptr(LoketOutboxPart) part = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (claimed->len, ==, 1);
      g_assert_true (loket_outbox_record_outcome (outbox, ids[0], "e", &busy, &error));
      g_assert_no_error (error);

      part = loket_outbox_get_part (outbox, ids[0], &error);
      g_assert_no_error (error);
      g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_RETRY);
      g_assert_cmpint (part->next_attempt_at, ==, now + busy.retry_after);
      g_assert_true (loket_outbox_next_due (outbox, &when, &error));
      g_assert_cmpint (when, ==, now + busy.retry_after);

      /* Not due a microsecond before */
      now += busy.retry_after - 1;
      early = loket_outbox_claim_due (outbox, "e", G_USEC_PER_SEC, 1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (early->len, ==, 0);
      now += 1;
    }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/schedule/backoff-bounds", test_backoff_bounds);
  g_test_add_func ("/outbox/schedule/backoff-seeded", test_backoff_seeded);
  g_test_add_func ("/outbox/schedule/retry-after-honoured", test_retry_after_honoured);
  g_test_add_func ("/outbox/schedule/retry-after-parse", test_retry_after_parse);
  g_test_add_func ("/outbox/schedule/outcome-honours-retry-after",
                   test_outcome_honours_retry_after);

  return g_test_run ();
}
