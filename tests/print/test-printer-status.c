/* test-printer-status.c — the printer's own status, asked apart from a job: the loopback
 * ESC/POS printer's paper-near-end, paper-out and cover-open answers, one that never
 * answers (bounded by the timeout), CUPS without a server; and staff's test print, marked
 * TEST on paper and in the ESC/POS byte stream's raster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "metrics/loket-metrics.h"
#include "print/loket-escpos.h"
#include "print/loket-printer-status.h"
#include "print/loket-receipt-render.h"
#include "print-test-util.h"

static LoketPrinter *
escpos_printer (PrintTestEnv *env,
                FakePrinter  *fake)
{
  g_autofree char *group = NULL;
  g_autoptr(LoketConfig) config = NULL;

  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\nwidth = 80\n",
                           fake_printer_get_port (fake));
  config = print_test_config (env, FALSE, group);
  return loket_printer_new (config);
}

static void
assert_problems (const LoketPrinterStatus *status,
                 const char               *expected)
{
  g_autofree char *text = loket_printer_status_to_text (status);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_escpos_states (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(GBytes) received = NULL;
  guint8 bytes[5];
  FakePrinter *fake;
  EscposParse parse;

  print_test_env_init (&env);
  fake_printer_status_bytes (bytes, FALSE, FALSE, FALSE, FALSE);
  fake = fake_printer_new (FAKE_TCP, bytes, TRUE, FALSE);
  printer = escpos_printer (&env, fake);

  {
    g_autoptr(LoketPrinterStatus) status = loket_printer_read_status (printer, NULL);

    g_assert_true (status->answered);
    g_assert_true (loket_printer_status_is_ready (status));
    assert_problems (status, "ready");
  }

  /* The roll runs low: near end, the gauge follows. */
  fake_printer_status_bytes (bytes, FALSE, FALSE, TRUE, FALSE);
  fake_printer_set_status (fake, bytes);
  {
    g_autoptr(LoketPrinterStatus) status = loket_printer_read_status (printer, NULL);

    g_assert_true (status->paper_near_end);
    g_assert_false (status->paper_out);
    assert_problems (status, "paper near end");
    g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_near_end", NULL), ==, 1);
  }

  /* The cover is open (the printer also says offline: only the cause is told). */
  fake_printer_status_bytes (bytes, FALSE, TRUE, FALSE, FALSE);
  fake_printer_set_status (fake, bytes);
  {
    g_autoptr(LoketPrinterStatus) status = loket_printer_read_status (printer, NULL);

    g_assert_true (status->cover_open);
    assert_problems (status, "cover open");
  }

  fake_printer_status_bytes (bytes, FALSE, FALSE, FALSE, TRUE);
  fake_printer_set_status (fake, bytes);
  {
    g_autoptr(LoketPrinterStatus) status = loket_printer_read_status (printer, NULL);

    g_assert_true (status->paper_out);
    assert_problems (status, "paper out");
    g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_out", NULL), ==, 1);
  }

  /* Four reads, three queries each (DLE EOT 1, 2, 4), and nothing else sent. */
  received = fake_printer_stop (fake);
  escpos_parse (received, &parse);
  g_assert_cmpuint (parse.n_status_queries, ==, 12);
  g_assert_cmpuint (g_bytes_get_size (received), ==, 12 * 3);
  escpos_parse_clear (&parse);

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

static void
test_escpos_silent (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketPrinterStatus) status = NULL;
  guint8 bytes[5];
  FakePrinter *fake;
  gint64 started;

  print_test_env_init (&env);
  fake_printer_status_bytes (bytes, FALSE, FALSE, FALSE, FALSE);
  fake = fake_printer_new (FAKE_TCP, bytes, FALSE, TRUE);
  printer = escpos_printer (&env, fake);

  started = g_get_monotonic_time ();
  status = loket_printer_read_status (printer, NULL);
  g_assert_false (status->answered);
  g_assert_false (loket_printer_status_is_ready (status));
  g_assert_nonnull (strstr (status->problem, "did not answer a status query in time"));
  /* Bounded by the status timeout, not the job's 20 s. */
  g_assert_cmpint (g_get_monotonic_time () - started, <,
                   (LOKET_PRINTER_STATUS_TIMEOUT_MS + 1500) * 1000);

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

static void
test_cups_no_server (void)
{
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketPrinterStatus) status = NULL;
  g_autofree char *text = NULL;
  gint64 started;

  print_test_env_init (&env);
  config = print_test_config (&env, FALSE, "backend = cups\nqueue = receipts\n");
  printer = loket_printer_new (config);

  started = g_get_monotonic_time ();
  status = loket_printer_read_status (printer, NULL);
  g_assert_false (status->answered);
  text = loket_printer_status_to_text (status);
  g_assert_nonnull (strstr (text, "no CUPS server answers at 127.0.0.1"));
  g_assert_cmpint (g_get_monotonic_time () - started, <,
                   (LOKET_PRINTER_STATUS_TIMEOUT_MS + 1500) * 1000);

  print_test_env_clear (&env);
}

static void
test_none_and_pdf (void)
{
  PrintTestEnv env;

  print_test_env_init (&env);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LoketConfig) config = print_test_config (&env, FALSE, i == 0 ? "backend = none\n"
                                                         : "backend = pdf\nfolder = /tmp\n");
      g_autoptr(LoketPrinter) printer = loket_printer_new (config);
      g_autoptr(LoketPrinterStatus) status = loket_printer_read_status (printer, NULL);
      g_autofree char *text = loket_printer_status_to_text (status);

      g_assert_true (loket_printer_status_is_ready (status));
      g_assert_cmpstr (text, ==, i == 0 ? "no printer configured" : "ready");
    }
  print_test_env_clear (&env);
}

/* The test print: TEST at top and bottom, no request's code; in ESC/POS, exactly the raster
 * of that receipt. */
static void
test_test_receipt (void)
{
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) test = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) escpos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *words = NULL;
  EscposParse parse;

  print_test_env_init (&env);
  config = print_test_config (&env, TRUE, "backend = none\n");
  test = loket_receipt_new_test (config, "en");
  g_assert_true (loket_receipt_is_test (test));
  words = loket_receipt_to_text (test);
  g_assert_true (g_str_has_prefix (words, "TEST\n"));
  g_assert_true (g_str_has_suffix (words, "TEST\n"));
  g_assert_nonnull (strstr (words, "this is not a receipt"));
  g_assert_null (strstr (words, TEST_NAME));

  pdf = loket_receipt_render (test, LOKET_RECEIPT_FORMAT_PDF, LOKET_PAPER_80MM, &error);
  g_assert_no_error (error);
  path = print_test_write (&env, "test.pdf", pdf);
  text = print_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "TEST"));
  g_assert_nonnull (strstr (text, TEST_SITE));

  escpos = loket_escpos_encode_receipt (test, LOKET_PAPER_80MM, FALSE, &error);
  g_assert_no_error (error);
  escpos_parse (escpos, &parse);
  g_assert_true (parse.starts_with_init);
  g_assert_true (parse.ends_with_cut);
  escpos_parse_clear (&parse);

  /* In Indonesian too. */
  {
    g_autoptr(LoketReceipt) id = loket_receipt_new_test (config, "id");
    g_autofree char *id_words = loket_receipt_to_text (id);

    g_assert_nonnull (strstr (id_words, "bukan tanda terima"));
  }
  print_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cups_server = NULL;

  g_test_init (&argc, &argv, NULL);
  loket_i18n_init ();
  /* Before any thread starts: CUPS without a server, on a loopback port nobody listens on. */
  cups_server = g_strdup_printf ("127.0.0.1:%u", print_test_closed_port ());
  g_setenv ("CUPS_SERVER", cups_server, TRUE);
  loket_i18n_set_language ("en");

  g_test_add_func ("/printer-status/escpos-states", test_escpos_states);
  g_test_add_func ("/printer-status/never-answers", test_escpos_silent);
  g_test_add_func ("/printer-status/cups-no-server", test_cups_no_server);
  g_test_add_func ("/printer-status/none-and-pdf", test_none_and_pdf);
  g_test_add_func ("/printer-status/test-receipt", test_test_receipt);
  return g_test_run ();
}
