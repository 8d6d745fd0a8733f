/* test-admin-printer.c — admin mode's printer section against the loopback ESC/POS printer:
 * its paper-near-end and cover-open answers show on the board, "Paper replaced" clears the
 * notice, a test print is the TEST receipt's bytes and is never counted as a citizen's
 * receipt, a reprint by the code typed is counted as loketctl counts it; each leaves its
 * audit line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "core/loket-tracking-code.h"
#include "metrics/loket-metrics.h"
#include "print/loket-escpos.h"
#include "fake-printer.h"
#include "loket-admin-mode.h"
#include "loket-admin-page.h"
#include "loket-admin-printer.h"
#include "loket-admin-status.h"
#include "ui-test-util.h"

typedef struct {
  UiTestEnv      *env;
  FakePrinter    *fake;
  LoketWindow    *window;
  LoketAdminMode *mode;
  LoketStaff     *staff;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *printer = NULL;
  guint8 bytes[5];

  fake_printer_status_bytes (bytes, FALSE, FALSE, FALSE, FALSE);
  f->fake = fake_printer_new (FAKE_TCP, bytes, FALSE, FALSE);
  printer = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\nwidth = 80",
                             fake_printer_get_port (f->fake));
  f->env = ui_test_env_new_printer (printer);
  f->staff = loket_staff_new_for_config (f->env->config);
  g_assert_true (loket_staff_add (f->staff, "test", "Budi", "246813", "246813", &error));
  g_assert_no_error (error);
  loket_metrics_reset ();

  f->window = ui_test_window_new (f->env, 1080, 1920);
  f->mode = loket_window_get_admin_mode (f->window);
  ui_test_activate (f->window, "flow.language", "s", "en");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_test_window_destroy (f->window);
  g_clear_object (&f->staff);
  g_clear_pointer (&f->fake, fake_printer_free);
  ui_test_env_free (f->env);
}

static LoketAdminStatus *
open_board (Fixture *f)
{
  return ui_test_admin_open_board (f->window, "Budi");
}

static void
refresh (LoketAdminStatus *status)
{
  ui_test_admin_refresh (status);
}

static LoketAdminPrinter *
printer_section (Fixture *f)
{
  GtkWidget *found = ui_test_find_by_type (GTK_WIDGET (f->window), LOKET_TYPE_ADMIN_PRINTER);

  g_assert_nonnull (found);
  return LOKET_ADMIN_PRINTER (found);
}

/* Runs a printer action and waits for it and for the board's read after it. */
static void
press (Fixture          *f,
       LoketAdminStatus *status,
       const char       *action)
{
  LoketAdminPrinter *printer = printer_section (f);
  guint reads = loket_admin_status_get_reads (status);

  gtk_widget_activate_action (GTK_WIDGET (printer), action, NULL);
  UI_TEST_WAIT_UNTIL (!loket_admin_printer_is_busy (printer) &&
                      !loket_admin_status_is_busy (status) &&
                      loket_admin_status_get_reads (status) > reads, 30000);
}

static const char *
last_audit_action (Fixture *f)
{
  static char action[64];
  g_autoptr(GPtrArray) entries = NULL;

  entries = loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);
  g_assert_cmpuint (entries->len, >, 0);
  g_strlcpy (action, ((LoketAuditEntry *) entries->pdata[entries->len - 1])->action,
             sizeof action);
  return action;
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  LoketAdminStatus *status;
  guint8 bytes[5];

  /* The roll runs low before staff come: the board says so, with the notice. */
  fake_printer_status_bytes (bytes, FALSE, FALSE, TRUE, FALSE);
  fake_printer_set_status (f->fake, bytes);
  status = open_board (f);
  g_assert_true (ui_test_tree_contains (window, "paper near end", NULL));
  g_assert_true (ui_test_tree_contains (window, "Paper is low", NULL));
  g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_near_end", NULL), ==, 1);

  /* Someone opens the cover. */
  fake_printer_status_bytes (bytes, FALSE, TRUE, TRUE, FALSE);
  fake_printer_set_status (f->fake, bytes);
  refresh (status);
  g_assert_true (ui_test_tree_contains (window, "paper near end, cover open", NULL));

  /* A new roll, the cover closed: Paper replaced clears the notice, and the printer read
   * again says ready. */
  fake_printer_status_bytes (bytes, FALSE, FALSE, FALSE, FALSE);
  fake_printer_set_status (f->fake, bytes);
  press (f, status, "printer.paper-replaced");
  g_assert_false (ui_test_tree_contains (window, "Paper is low", NULL));
  g_assert_true (ui_test_tree_contains (window, "ready", NULL));
  g_assert_cmpfloat (loket_metrics_get ("loket_printer_paper_near_end", NULL), ==, 0);
  g_assert_cmpstr (last_audit_action (f), ==, LOKET_AUDIT_PAPER_REPLACED);

  /* In Indonesian too. */
  fake_printer_status_bytes (bytes, FALSE, TRUE, FALSE, FALSE);
  fake_printer_set_status (f->fake, bytes);
  ui_test_activate (f->window, "flow.language", "s", "id");
  refresh (status);
  g_assert_true (ui_test_tree_contains (window, "penutup terbuka", NULL));
}

static gboolean
bytes_contain (GBytes *haystack,
               GBytes *needle)
{
  return memmem (g_bytes_get_data (haystack, NULL), g_bytes_get_size (haystack),
                 g_bytes_get_data (needle, NULL), g_bytes_get_size (needle)) != NULL;
}

static GBytes *
test_receipt_bytes (Fixture *f)
{
  g_autoptr(LoketReceipt) receipt = loket_receipt_new_test (f->env->config, "en");
  g_autoptr(GError) error = NULL;
  GBytes *bytes = loket_escpos_encode_receipt (receipt, LOKET_PAPER_80MM, FALSE, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
test_test_print (Fixture       *f,
                 gconstpointer  data)
{
  LoketAdminStatus *status = open_board (f);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) received = NULL;
  double printed = loket_metrics_get ("loket_receipts_printed_total", NULL);

  before = test_receipt_bytes (f);
  press (f, status, "printer.test-print");
  after = test_receipt_bytes (f);
  g_assert_cmpstr (loket_admin_printer_get_message (printer_section (f)), ==,
                   "The test receipt is printed.");
  g_assert_cmpstr (last_audit_action (f), ==, LOKET_AUDIT_PRINTER_TEST);

  /* The printer got exactly the TEST receipt's job (made within the same minute as one of
   * these two), and no citizen's receipt was counted. */
  received = fake_printer_stop (f->fake);
  g_assert_true (bytes_contain (received, before) || bytes_contain (received, after));
  g_assert_cmpfloat (loket_metrics_get ("loket_receipts_printed_total", NULL), ==, printed);
}

static void
test_reprint (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) received = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *display = loket_tracking_code_format (code);
  LoketOutbox *outbox = loket_session_get_outbox (f->env->session);
  LoketOutboxPartSpec part = { 0 };
  LoketOutboxRequestSpec spec = { 0 };
  LoketAdminStatus *status;
  LoketAdminPrinter *printer;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

  part.part_id = "9b2f3c1e-1111-4a5b-8c9d-000000000001";
  part.service = "ktp-address";
  part.agency = "dukcapil";
  part.body = body;
  spec.tracking_code = code;
  spec.language = "en";
  spec.parts = &part;
  spec.n_parts = 1;
  g_assert_true (loket_outbox_store_request (outbox, &spec, &error));
  g_assert_no_error (error);

  status = open_board (f);
  printer = printer_section (f);

  /* A code that is not stored: said in words, nothing printed. */
  gtk_editable_set_text (loket_admin_printer_get_entry (printer), "0000-0000-0000-0");
  gtk_widget_activate_action (GTK_WIDGET (printer), "printer.reprint", NULL);
  g_assert_nonnull (loket_admin_printer_get_message (printer));

  /* Typed as on the receipt: printed, and counted as loketctl counts it. */
  gtk_editable_set_text (loket_admin_printer_get_entry (printer), display);
  press (f, status, "printer.reprint");
  g_assert_cmpstr (loket_admin_printer_get_message (printer), ==, "The receipt is printed again.");
  g_assert_cmpstr (last_audit_action (f), ==, LOKET_AUDIT_RECEIPT_REPRINT);
  g_assert_cmpfloat (loket_metrics_get ("loket_receipts_printed_total", NULL), ==, 1);

  request = loket_outbox_get_request (outbox, code, &error);
  g_assert_no_error (error);
  receipt = loket_receipt_new (f->env->config, loket_session_get_catalog (f->env->session),
                               request, NULL, NULL, &error);
  g_assert_no_error (error);
  expected = loket_escpos_encode_receipt (receipt, LOKET_PAPER_80MM, FALSE, &error);
  g_assert_no_error (error);
  received = fake_printer_stop (f->fake);
  g_assert_true (bytes_contain (received, expected));
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-printer/states", test_states);
  ADD ("/admin-printer/test-print", test_test_print);
  ADD ("/admin-printer/reprint", test_reprint);
#undef ADD

  return g_test_run ();
}
