/* test-admin-cups.c — admin mode's printer rows for a CUPS queue on a real scheduler (a
 * private cupsd, tests/common/test-cupsd.h): what the queue's backend reported (paper near
 * end, paper out, cover open) and a stopped queue show on the board in words, in English and
 * Indonesian; staff's test print goes through CUPS to the printer's backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "loket-admin-mode.h"
#include "loket-admin-page.h"
#include "loket-admin-printer.h"
#include "loket-admin-status.h"
#include "test-cupsd.h"
#include "ui-test-util.h"

#define QUEUE "board"

/* One scheduler for the program; NULL when it cannot run here (why in skip_reason). */
static TestCupsd *cupsd;
static char *skip_reason;

typedef struct {
  UiTestEnv      *env;
  LoketWindow    *window;
  LoketAdminMode *mode;
  LoketStaff     *staff;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (cupsd == NULL)
    return;
  f->env = ui_test_env_new_printer ("backend = cups\nqueue = " QUEUE "\nwidth = 80");
  f->staff = loket_staff_new_for_config (f->env->config);
  g_assert_true (loket_staff_add (f->staff, "test", "Budi", "246813", "246813", &error));
  g_assert_no_error (error);

  f->window = ui_test_window_new (f->env, 1080, 1920);
  f->mode = loket_window_get_admin_mode (f->window);
  ui_test_activate (f->window, "flow.language", "s", "en");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    ui_test_window_destroy (f->window);
  g_clear_object (&f->staff);
  g_clear_pointer (&f->env, ui_test_env_free);
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

static void
assert_shows (Fixture    *f,
              const char *text)
{
  g_autofree char *where = NULL;

  if (!ui_test_tree_contains (GTK_WIDGET (f->window), text, &where))
    g_error ("the board does not show \"%s\"", text);
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  LoketAdminStatus *status;

  if (cupsd == NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  /* The roll ran low during the last receipt: the board says so, with the notice. */
  test_cupsd_report_states (cupsd, QUEUE, (const char *[]) { "+media-low-report", NULL });
  status = open_board (f);
  assert_shows (f, "paper near end");
  assert_shows (f, "Paper is low");

  test_cupsd_report_states (cupsd, QUEUE,
                            (const char *[]) { "-media-low-report", "+media-empty-error", NULL });
  refresh (status);
  assert_shows (f, "paper out");

  /* A new roll, the cover left open. */
  test_cupsd_report_states (cupsd, QUEUE, (const char *[]) { "none", "+cover-open-report", NULL });
  refresh (status);
  assert_shows (f, "cover open");
  g_assert_false (ui_test_tree_contains (GTK_WIDGET (f->window), "paper out", NULL));

  /* Closed, but someone stopped the queue. */
  test_cupsd_report_states (cupsd, QUEUE, (const char *[]) { "none", NULL });
  test_cupsd_run (cupsd, (const char *[]) { "cupsdisable", QUEUE, NULL });
  refresh (status);
  assert_shows (f, "in error (switch it off and on, or check the queue)");

  /* In Indonesian too. */
  ui_test_activate (f->window, "flow.language", "s", "id");
  refresh (status);
  assert_shows (f, "galat (matikan lalu nyalakan lagi, atau periksa antreannya)");
  ui_test_activate (f->window, "flow.language", "s", "en");

  test_cupsd_run (cupsd, (const char *[]) { "cupsenable", QUEUE, NULL });
  refresh (status);
  assert_shows (f, "ready");
}

static void
test_test_print (Fixture       *f,
                 gconstpointer  data)
{
  LoketAdminStatus *status;
  LoketAdminPrinter *printer;
  g_autoptr(GBytes) job = NULL;
  g_autofree char *title = NULL;
  guint reads;

  if (cupsd == NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  status = open_board (f);
  printer = LOKET_ADMIN_PRINTER (ui_test_find_by_type (GTK_WIDGET (f->window),
                                                       LOKET_TYPE_ADMIN_PRINTER));
  reads = loket_admin_status_get_reads (status);
  gtk_widget_activate_action (GTK_WIDGET (printer), "printer.test-print", NULL);
  UI_TEST_WAIT_UNTIL (!loket_admin_printer_is_busy (printer) &&
                      !loket_admin_status_is_busy (status) &&
                      loket_admin_status_get_reads (status) > reads, 30000);
  g_assert_cmpstr (loket_admin_printer_get_message (printer), ==,
                   "The test receipt is printed.");

  /* The test receipt reached the printer's backend as a PDF, named in the queue as Loket's. */
  job = test_cupsd_take_job (cupsd, QUEUE, &title);
  g_assert_cmpuint (g_bytes_get_size (job), >, 5);
  g_assert_cmpmem (g_bytes_get_data (job, NULL), 5, "%PDF-", 5);
  g_assert_true (g_str_has_prefix (title, "Loket "));
  test_cupsd_wait_jobs_done (cupsd, QUEUE);
}

int
main (int    argc,
      char **argv)
{
  int result;

  /* Before any thread starts: libcups reads CUPS_SERVER once per thread. */
  cupsd = test_cupsd_start (&skip_reason);
  if (cupsd != NULL)
    {
      g_setenv ("CUPS_SERVER", test_cupsd_get_server (cupsd), TRUE);
      test_cupsd_add_queue (cupsd, QUEUE);
    }
  ui_test_init (&argc, &argv);
  if (cupsd == NULL)
    g_test_message ("skipping: %s", skip_reason);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-cups/states", test_states);
  ADD ("/admin-cups/test-print", test_test_print);
#undef ADD

  result = g_test_run ();
  test_cupsd_stop (cupsd);
  g_free (skip_reason);
  return result;
}
