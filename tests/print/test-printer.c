/* test-printer.c — the printer back ends: a fake ESC/POS printer over TCP and on a pty, its
 * status answers, a printer that never answers, CUPS without a server, the pdf folder, and
 * the outcome kept in the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "core/loket-i18n.h"
#include "print/loket-printer.h"
#include "print/loket-receipt-render.h"
#include "print-test-util.h"

/* Every status answer says "all is well". */
static const guint8 status_ok[5] = { 0, 0x12, 0x12, 0x12, 0x12 };

typedef struct {
  LoketPrintOutcome *outcome;
  GError            *error;
  gboolean           done;
} Printed;

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Printed *printed = user_data;

  printed->outcome = loket_printer_print_finish (LOKET_PRINTER (source), result, &printed->error);
  printed->done = TRUE;
}

/* Prints and waits on a private main context, so the test reads top to bottom; elapsed is
 * the wall time from the call to the outcome. */
static LoketPrintOutcome *
print_and_wait (LoketPrinter *printer,
                LoketReceipt *receipt,
                GCancellable *cancellable,
                gint64       *elapsed)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gint64 started = g_get_monotonic_time ();
  Printed printed = { 0 };

  g_main_context_push_thread_default (context);
  loket_printer_print_async (printer, receipt, cancellable, on_printed, &printed);
  while (!printed.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  if (elapsed != NULL)
    *elapsed = g_get_monotonic_time () - started;
  if (printed.outcome == NULL)
    {
      g_assert_error (printed.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&printed.error);
    }
  return printed.outcome;
}

static LoketPrinter *
printer_for (PrintTestEnv  *env,
             const char    *group,
             LoketReceipt **receipt)
{
  g_autoptr(LoketConfig) config = print_test_config (env, TRUE, group);

  *receipt = print_test_receipt (env, config, env->code, "en");
  return loket_printer_new (config);
}

static void
check_job (GBytes       *received,
           LoketReceipt *receipt,
           PrintTestEnv *env)
{
  g_autofree char *path = g_build_filename (env->dir, "printed.png", NULL);
  g_autofree char *decoded = NULL;
  cairo_surface_t *image;
  EscposParse parse;

  escpos_parse (received, &parse);
  g_assert_true (parse.starts_with_init);
  g_assert_true (parse.ends_with_cut);
  /* Three queries before the job, three after it. */
  g_assert_cmpuint (parse.n_status_queries, ==, 6);
  g_assert_cmpuint (parse.width_bytes, ==, 48);

  image = escpos_parse_image (&parse);
  g_assert_cmpint (cairo_surface_write_to_png (image, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
  decoded = print_test_decode_qr (path);
  g_assert_cmpstr (decoded, ==, loket_receipt_get_qr_payload (receipt));
  escpos_parse_clear (&parse);
}

static void
test_escpos_tcp (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autofree char *group = NULL;
  FakePrinter *fake;

  print_test_env_init (&env);
  /* The stray byte says "offline": read as an answer, it would fail the job. */
  fake = fake_printer_new (FAKE_TCP, status_ok, TRUE, FALSE);
  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\nwidth = 58\n",
                           fake_printer_get_port (fake));
  printer = printer_for (&env, group, &receipt);
  loket_printer_set_timeout (printer, 10000);

  outcome = print_and_wait (printer, receipt, NULL, NULL);
  if (outcome->error != NULL)
    g_test_message ("%s", outcome->error->message);
  g_assert_cmpint (outcome->status, ==, LOKET_PRINT_PRINTED);
  g_assert_no_error (outcome->error);
  g_assert_cmpstr (loket_print_outcome_to_string (outcome), ==, "printed");
  g_assert_nonnull (outcome->citizen_message);

  received = fake_printer_stop (fake);
  check_job (received, receipt, &env);

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

static void
test_escpos_device (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autofree char *group = NULL;
  FakePrinter *fake;

  print_test_env_init (&env);
  fake = fake_printer_new (FAKE_PTY, status_ok, TRUE, FALSE);
  group = g_strdup_printf ("backend = escpos-device\ndevice = %s\nwidth = 58\n",
                           fake_printer_get_device (fake));
  printer = printer_for (&env, group, &receipt);
  loket_printer_set_timeout (printer, 10000);

  outcome = print_and_wait (printer, receipt, NULL, NULL);
  if (outcome->error != NULL)
    g_test_message ("%s", outcome->error->message);
  g_assert_cmpint (outcome->status, ==, LOKET_PRINT_PRINTED);

  received = fake_printer_stop (fake);
  check_job (received, receipt, &env);

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

typedef struct {
  const char        *name;
  guint8             status[5];
  LoketPrinterError  code;
  const char         *outcome;
} StatusCase;

static const StatusCase status_cases[] = {
  { "paper-out", { 0, 0x12, 0x32, 0x12, 0x72 }, LOKET_PRINTER_ERROR_PAPER_OUT, "failed:paper-out" },
  { "cover-open", { 0, 0x1a, 0x16, 0x12, 0x12 }, LOKET_PRINTER_ERROR_COVER_OPEN, "failed:cover-open" },
  { "offline", { 0, 0x1a, 0x12, 0x12, 0x12 }, LOKET_PRINTER_ERROR_OFFLINE, "failed:offline" },
};

static void
test_escpos_status (gconstpointer data)
{
  const StatusCase *c = data;
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autofree char *group = NULL;
  EscposParse parse;
  FakePrinter *fake;

  print_test_env_init (&env);
  fake = fake_printer_new (FAKE_TCP, c->status, TRUE, FALSE);
  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\nwidth = 80\n",
                           fake_printer_get_port (fake));
  printer = printer_for (&env, group, &receipt);
  loket_printer_set_timeout (printer, 10000);

  outcome = print_and_wait (printer, receipt, NULL, NULL);
  g_assert_cmpint (outcome->status, ==, LOKET_PRINT_FAILED);
  g_assert_error (outcome->error, LOKET_PRINTER_ERROR, (gint) c->code);
  g_test_message ("staff: %s / citizen: %s", outcome->error->message, outcome->citizen_message);
  g_assert_nonnull (strstr (outcome->error->message, "127.0.0.1"));
  g_assert_cmpstr (loket_print_outcome_to_string (outcome), ==, c->outcome);

  /* Nothing but status queries reached a printer that could not print. */
  received = fake_printer_stop (fake);
  escpos_parse (received, &parse);
  g_assert_cmpuint (parse.n_status_queries, ==, 3);
  g_assert_cmpuint (parse.rows, ==, 0);
  g_assert_false (parse.starts_with_init);
  escpos_parse_clear (&parse);

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

static void
test_escpos_silent (void)
{
  const guint timeout_ms = 2000;
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autofree char *group = NULL;
  FakePrinter *fake;
  gint64 elapsed;

  print_test_env_init (&env);
  fake = fake_printer_new (FAKE_TCP, status_ok, FALSE, TRUE);
  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\n",
                           fake_printer_get_port (fake));
  printer = printer_for (&env, group, &receipt);
  loket_printer_set_timeout (printer, timeout_ms);

  outcome = print_and_wait (printer, receipt, NULL, &elapsed);
  g_test_message ("a printer that never answers: outcome after %.3f s (deadline %.1f s): %s",
                  elapsed / 1e6, timeout_ms / 1e3, outcome->error->message);
  g_assert_cmpint (outcome->status, ==, LOKET_PRINT_FAILED);
  g_assert_error (outcome->error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE);
  g_assert_cmpstr (loket_print_outcome_to_string (outcome), ==, "failed:unavailable");
  g_assert_cmpint (elapsed, <, (gint64) (timeout_ms + 1000) * 1000);
  g_assert_cmpint (elapsed, >=, (gint64) (timeout_ms - 100) * 1000);

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

static void
test_escpos_refused (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autofree char *group = NULL;
  gint64 elapsed;

  print_test_env_init (&env);
  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\n",
                           print_test_closed_port ());
  printer = printer_for (&env, group, &receipt);

  outcome = print_and_wait (printer, receipt, NULL, &elapsed);
  g_test_message ("nobody listening: %.3f s: %s", elapsed / 1e6, outcome->error->message);
  g_assert_error (outcome->error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  g_clear_pointer (&outcome, loket_print_outcome_free);
  g_clear_object (&printer);
  g_clear_pointer (&receipt, loket_receipt_unref);

  /* A device that is not there fails as fast. */
  printer = printer_for (&env, "backend = escpos-device\ndevice = /dev/loket-no-such-printer\n",
                         &receipt);
  outcome = print_and_wait (printer, receipt, NULL, &elapsed);
  g_assert_error (outcome->error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (outcome->error->message, "/dev/loket-no-such-printer"));
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);

  print_test_env_clear (&env);
}

static void
test_cancel (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *group = NULL;
  FakePrinter *fake;
  gint64 elapsed;

  print_test_env_init (&env);
  fake = fake_printer_new (FAKE_TCP, status_ok, FALSE, TRUE);
  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\n",
                           fake_printer_get_port (fake));
  printer = printer_for (&env, group, &receipt);
  loket_printer_set_timeout (printer, 20000);

  g_cancellable_cancel (cancellable);
  outcome = print_and_wait (printer, receipt, cancellable, &elapsed);
  g_assert_null (outcome);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

static void
test_cups_no_server (void)
{
  PrintTestEnv env;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  gint64 elapsed;

  print_test_env_init (&env);
  printer = printer_for (&env, "backend = cups\nqueue = Receipts\nwidth = a4\n", &receipt);
  loket_printer_set_timeout (printer, 10000);

  outcome = print_and_wait (printer, receipt, NULL, &elapsed);
  g_test_message ("CUPS without a server: %.3f s: %s", elapsed / 1e6, outcome->error->message);
  g_assert_cmpint (outcome->status, ==, LOKET_PRINT_FAILED);
  g_assert_error (outcome->error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (outcome->error->message, "Printer unavailable: "));
  g_assert_nonnull (strstr (outcome->error->message, g_getenv ("CUPS_SERVER")));
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);

  print_test_env_clear (&env);
}

static char *
stored_receipt_outcome (PrintTestEnv *env,
                        const char   *code)
{
  g_autofree char *path = g_build_filename (env->dir, "outbox.sqlite3", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *outcome = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT receipt, receipt_at FROM requests "
                                           "WHERE tracking_code = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    {
      outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), >, 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return outcome;
}

static void
test_pdf_folder (void)
{
  PrintTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketPrinter) none = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autoptr(LoketPrintOutcome) second = NULL;
  g_autoptr(LoketPrintOutcome) skipped = NULL;
  g_autofree char *group = NULL, *name = NULL, *text = NULL, *stored = NULL;

  print_test_env_init (&env);
  group = g_strdup_printf ("backend = pdf\nfolder = %s/receipts\nwidth = 80\n", env.dir);
  printer = printer_for (&env, group, &receipt);

  outcome = print_and_wait (printer, receipt, NULL, NULL);
  g_assert_cmpint (outcome->status, ==, LOKET_PRINT_PRINTED);
  g_assert_nonnull (outcome->file);
  name = g_path_get_basename (outcome->file);
  g_assert_true (g_str_has_prefix (name, env.code));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  text = print_test_pdf_text (outcome->file);
  g_assert_nonnull (strstr (text, loket_receipt_get_display_code (receipt)));

  /* A reprint in the same second gets its own file. */
  second = print_and_wait (printer, receipt, NULL, NULL);
  g_assert_cmpstr (second->file, !=, outcome->file);
  g_assert_true (g_file_test (second->file, G_FILE_TEST_EXISTS));

  /* The outcome is kept with the request. */
  g_assert_null (stored_receipt_outcome (&env, env.code));
  g_assert_true (loket_outbox_record_receipt (env.outbox, env.code,
                                              loket_print_outcome_to_string (outcome), &error));
  g_assert_no_error (error);
  stored = stored_receipt_outcome (&env, env.code);
  g_assert_cmpstr (stored, ==, "printed");
  g_assert_false (loket_outbox_record_receipt (env.outbox, "0000000000000", "printed", &error));
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND);

  /* backend none prints nothing and says so. */
  {
    g_autoptr(LoketConfig) config = print_test_config (&env, TRUE, "backend = none\n");

    none = loket_printer_new (config);
  }
  skipped = print_and_wait (none, receipt, NULL, NULL);
  g_assert_cmpint (skipped->status, ==, LOKET_PRINT_NO_PRINTER);
  g_assert_cmpstr (loket_print_outcome_to_string (skipped), ==, "no-printer");

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

  g_test_add_func ("/printer/escpos-tcp", test_escpos_tcp);
  g_test_add_func ("/printer/escpos-device", test_escpos_device);
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/printer/status/%s", status_cases[i].name);

      g_test_add_data_func (path, &status_cases[i], test_escpos_status);
    }
  g_test_add_func ("/printer/never-answers", test_escpos_silent);
  g_test_add_func ("/printer/refused", test_escpos_refused);
  g_test_add_func ("/printer/cancel", test_cancel);
  g_test_add_func ("/printer/cups-no-server", test_cups_no_server);
  g_test_add_func ("/printer/pdf-folder", test_pdf_folder);

  return g_test_run ();
}
