/* test-printer-cupsd.c — the cups back end against a real CUPS scheduler (a private cupsd on
 * loopback, tests/common/test-cupsd.h): the receipt reaches the printer's backend byte for
 * byte; the states a backend reports (media-low, media-empty, cover-open, door-open,
 * offline-report, media-jam-error) read as paper near end, paper out, cover open, offline
 * and in error, and all but the first keep the receipt from being handed to CUPS; so does a
 * stopped queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "metrics/loket-metrics.h"
#include "print/loket-printer.h"
#include "print/loket-printer-status.h"
#include "print/loket-receipt-render.h"
#include "print-test-util.h"
#include "test-cupsd.h"

/* One scheduler for the whole program; NULL when it cannot run here (why in skip_reason). */
static TestCupsd *cupsd;
static char *skip_reason;

typedef struct {
  LoketPrintOutcome *outcome;
  GError            *error;
  gboolean           done;
} Printed;

static gboolean
have_cupsd (void)
{
  if (cupsd != NULL)
    return TRUE;
  g_test_skip (skip_reason);
  return FALSE;
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Printed *printed = user_data;

  printed->outcome = loket_printer_print_finish (LOKET_PRINTER (source), result, &printed->error);
  g_assert_no_error (printed->error);
  printed->done = TRUE;
}

static LoketPrintOutcome *
print_and_wait (LoketPrinter *printer,
                LoketReceipt *receipt)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Printed printed = { 0 };

  g_main_context_push_thread_default (context);
  loket_printer_print_async (printer, receipt, NULL, on_printed, &printed);
  while (!printed.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return printed.outcome;
}

/* A new queue of that name on the scheduler, and a kiosk that prints to it. */
static LoketPrinter *
cups_printer (PrintTestEnv  *env,
              const char    *queue,
              LoketReceipt **receipt)
{
  g_autofree char *group = g_strdup_printf ("backend = cups\nqueue = %s\nwidth = 80\n", queue);
  g_autoptr(LoketConfig) config = print_test_config (env, TRUE, group);
  LoketPrinter *printer;

  test_cupsd_add_queue (cupsd, queue);
  *receipt = print_test_receipt (env, config, env->code, "en");
  printer = loket_printer_new (config);
  loket_printer_set_timeout (printer, 10000);
  return printer;
}

/* Prints, and waits until the backend has the job and CUPS has finished it. */
static void
print_through (LoketPrinter *printer,
               LoketReceipt *receipt,
               const char   *queue)
{
  g_autoptr(LoketPrintOutcome) outcome = print_and_wait (printer, receipt);
  g_autoptr(GBytes) job = NULL;

  if (outcome->error != NULL)
    g_test_message ("%s", outcome->error->message);
  g_assert_cmpstr (loket_print_outcome_to_string (outcome), ==, "printed");
  job = test_cupsd_take_job (cupsd, queue, NULL);
  g_assert_cmpuint (g_bytes_get_size (job), >, 0);
  test_cupsd_wait_jobs_done (cupsd, queue);
}

static LoketPrinterStatus *
read_status (LoketPrinter *printer,
             const char   *expected)
{
  LoketPrinterStatus *status = loket_printer_read_status (printer, NULL);
  g_autofree char *text = loket_printer_status_to_text (status);

  if (!status->answered)
    g_test_message ("no answer: %s", status->problem);
  g_assert_true (status->answered);
  g_assert_cmpstr (text, ==, expected);
  return status;
}

static void
expect_text (LoketPrinter *printer,
             const char   *expected)
{
  loket_printer_status_free (read_status (printer, expected));
}

/* The outcome of a receipt that must not reach CUPS: code, and no new job on the queue. */
static void
assert_refused (LoketPrinter *printer,
                LoketReceipt *receipt,
                const char   *queue,
                const char   *expected)
{
  const char *lpstat[] = { "lpstat", "-W", "all", "-o", queue, NULL };
  g_autofree char *before = test_cupsd_output (cupsd, lpstat);
  g_autofree char *after = NULL;
  g_autoptr(LoketPrintOutcome) outcome = print_and_wait (printer, receipt);

  g_assert_cmpstr (loket_print_outcome_to_string (outcome), ==, expected);
  g_test_message ("refused: %s", outcome->error->message);
  after = test_cupsd_output (cupsd, lpstat);
  g_assert_cmpstr (after, ==, before);
}

/* Cairo dates the PDF: the same receipt drawn twice differs only in /CreationDate. */
static GBytes *
undated (GBytes *pdf)
{
  gsize length = g_bytes_get_size (pdf);
  char *bytes = g_memdup2 (g_bytes_get_data (pdf, NULL), length);
  char *date = memmem (bytes, length, "/CreationDate (", 15);

  g_assert_nonnull (date);
  for (char *p = date + 15; p < bytes + length && *p != ')'; p++)
    *p = 'x';
  return g_bytes_new_take (bytes, length);
}

static void
test_receipt (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autoptr(GBytes) job = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) job_undated = NULL;
  g_autoptr(GBytes) expected_undated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *want_title = NULL, *path = NULL, *text = NULL;
  g_autofree char *decoded = NULL;

  if (!have_cupsd ())
    return;
  print_test_env_init (&env);
  printer = cups_printer (&env, "receipts", &receipt);

  outcome = print_and_wait (printer, receipt);
  if (outcome->error != NULL)
    g_test_message ("%s", outcome->error->message);
  g_assert_cmpint (outcome->status, ==, LOKET_PRINT_PRINTED);

  /* What the printer's backend got is the receipt's PDF as Loket draws it: a raw queue
   * changes nothing, and the title staff see in the queue is the code, nothing personal. */
  job = test_cupsd_take_job (cupsd, "receipts", &title);
  want_title = g_strdup_printf ("Loket %s", loket_receipt_get_display_code (receipt));
  g_assert_cmpstr (title, ==, want_title);
  expected = loket_receipt_render (receipt, LOKET_RECEIPT_FORMAT_PDF, LOKET_PAPER_80MM, &error);
  g_assert_no_error (error);
  job_undated = undated (job);
  expected_undated = undated (expected);
  g_assert_cmpuint (g_bytes_get_size (job), ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (job_undated, expected_undated));

  /* And it is the receipt: its code in words and in the QR, no name, no NIK. */
  path = print_test_write (&env, "from-cups.pdf", job);
  text = print_test_pdf_text (path);
  g_assert_nonnull (strstr (text, loket_receipt_get_display_code (receipt)));
  g_assert_null (strstr (text, TEST_NAME));
  g_assert_null (strstr (text, TEST_NIK));
  decoded = print_test_decode_pdf_qr (&env, path);
  g_assert_cmpstr (decoded, ==, loket_receipt_get_qr_payload (receipt));

  test_cupsd_wait_jobs_done (cupsd, "receipts");
  print_test_env_clear (&env);
}

static void
test_states (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;

  if (!have_cupsd ())
    return;
  print_test_env_init (&env);
  printer = cups_printer (&env, "states", &receipt);
  expect_text (printer, "ready");

  /* The roll runs low during a receipt: CUPS keeps what the backend said after the job. */
  test_cupsd_set_states (cupsd, "states", (const char *[]) { "+media-low-report", NULL }, FALSE);
  print_through (printer, receipt, "states");
  {
    g_autoptr(LoketPrinterStatus) status = read_status (printer, "paper near end");

    g_assert_true (status->paper_near_end);
    g_assert_cmpstr (status->cups_reasons, ==, "media-low-report");
    g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_near_end", NULL), ==, 1);
  }

  /* A low roll still prints; the next receipt empties it. */
  test_cupsd_set_states (cupsd, "states",
                         (const char *[]) { "-media-low-report", "+media-empty-error", NULL },
                         FALSE);
  print_through (printer, receipt, "states");
  {
    g_autoptr(LoketPrinterStatus) status = read_status (printer, "paper out");

    g_assert_true (status->paper_out);
    g_assert_false (status->paper_near_end);
    g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_near_end", NULL), ==, 0);
    g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_out", NULL), ==, 1);
  }
  /* Out of paper, CUPS would keep the receipt until someone changes the roll, long after the
   * citizen has gone: Loket says so now instead, as with an ESC/POS printer. */
  assert_refused (printer, receipt, "states", "failed:paper-out");

  /* A new roll, but the cover is left open (the printer's own word, no suffix). */
  test_cupsd_report_states (cupsd, "states", (const char *[]) { "none", "+cover-open", NULL });
  expect_text (printer, "cover open");
  g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_out", NULL), ==, 0);
  assert_refused (printer, receipt, "states", "failed:cover-open");

  /* Some printers call it a door. */
  test_cupsd_report_states (cupsd, "states",
                 (const char *[]) { "-cover-open", "+door-open-warning", NULL });
  expect_text (printer, "cover open");

  /* Closed, and the paper jams: any reason at error severity keeps the receipt back. */
  test_cupsd_report_states (cupsd, "states",
                            (const char *[]) { "-door-open-warning", "+media-jam-error", NULL });
  expect_text (printer, "in error (switch it off and on, or check the queue)");
  assert_refused (printer, receipt, "states", "failed:offline");

  /* Cleared: ready, and receipts print again. */
  test_cupsd_report_states (cupsd, "states", (const char *[]) { "-media-jam-error", NULL });
  expect_text (printer, "ready");
  print_through (printer, receipt, "states");

  print_test_env_clear (&env);
}

static void
test_offline (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(GBytes) page = g_bytes_new_static ("test page\n", 10);
  g_autofree char *path = NULL;
  gint64 until;

  if (!have_cupsd ())
    return;
  print_test_env_init (&env);
  printer = cups_printer (&env, "offline", &receipt);
  path = print_test_write (&env, "page.txt", page);

  /* The printer does not take a job: its backend says offline-report and waits, as CUPS's
   * usb and socket backends do. */
  test_cupsd_set_states (cupsd, "offline", (const char *[]) { "+offline-report", NULL }, TRUE);
  test_cupsd_run (cupsd, (const char *[]) { "lp", "-d", "offline", "--", path, NULL });
  until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(LoketPrinterStatus) status = loket_printer_read_status (printer, NULL);

      if (status->offline)
        {
          g_autofree char *text = loket_printer_status_to_text (status);

          g_assert_cmpstr (text, ==, "offline");
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_usleep (20 * 1000);
    }
  assert_refused (printer, receipt, "offline", "failed:offline");

  /* The printer takes the job: CUPS itself drops offline-report when the job ends. */
  test_cupsd_release (cupsd, "offline");
  g_bytes_unref (test_cupsd_take_job (cupsd, "offline", NULL));
  test_cupsd_wait_jobs_done (cupsd, "offline");
  expect_text (printer, "ready");

  print_test_env_clear (&env);
}

static void
test_stopped (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;

  if (!have_cupsd ())
    return;
  print_test_env_init (&env);
  printer = cups_printer (&env, "stopped", &receipt);

  /* Staff (or CUPS, after a failed job) stop the queue: it would still accept receipts. */
  test_cupsd_run (cupsd, (const char *[]) { "cupsdisable", "stopped", NULL });
  {
    g_autoptr(LoketPrinterStatus) status =
      read_status (printer, "in error (switch it off and on, or check the queue)");

    g_assert_true (status->error);
    g_assert_false (loket_printer_status_is_ready (status));
    g_assert_cmpstr (status->cups_reasons, ==, "paused");
  }
  assert_refused (printer, receipt, "stopped", "failed:unavailable");

  test_cupsd_run (cupsd, (const char *[]) { "cupsenable", "stopped", NULL });
  expect_text (printer, "ready");
  print_through (printer, receipt, "stopped");

  print_test_env_clear (&env);
}

static void
test_no_queue (void)
{
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrinterStatus) status = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;

  if (!have_cupsd ())
    return;
  print_test_env_init (&env);
  config = print_test_config (&env, TRUE, "backend = cups\nqueue = nosuch\nwidth = 80\n");
  printer = loket_printer_new (config);
  receipt = print_test_receipt (&env, config, env.code, "en");

  /* The scheduler answers, the queue is not there: the problem names it. */
  status = loket_printer_read_status (printer, NULL);
  g_assert_false (status->answered);
  g_test_message ("%s", status->problem);
  g_assert_nonnull (strstr (status->problem, "nosuch"));

  outcome = print_and_wait (printer, receipt);
  g_assert_cmpstr (loket_print_outcome_to_string (outcome), ==, "failed:unavailable");
  g_test_message ("%s", outcome->error->message);
  g_assert_nonnull (strstr (outcome->error->message, "nosuch"));

  print_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  loket_i18n_init ();
  /* Before any thread starts: libcups reads CUPS_SERVER once per thread. */
  cupsd = test_cupsd_start (&skip_reason);
  if (cupsd != NULL)
    g_setenv ("CUPS_SERVER", test_cupsd_get_server (cupsd), TRUE);
  else
    g_test_message ("skipping: %s", skip_reason);

  g_test_add_func ("/printer-cupsd/receipt", test_receipt);
  g_test_add_func ("/printer-cupsd/states", test_states);
  g_test_add_func ("/printer-cupsd/offline", test_offline);
  g_test_add_func ("/printer-cupsd/stopped", test_stopped);
  g_test_add_func ("/printer-cupsd/no-queue", test_no_queue);
  result = g_test_run ();

  test_cupsd_stop (cupsd);
  g_free (skip_reason);
  return result;
}
