/* test-ctl.c — `loketctl receipt render` and `receipt print` as staff and fleet tools run them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "core/loket-i18n.h"
#include "core/loket-tracking-code.h"
#include "print-test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
loketctl (Run        *run,
          const char *config_path,
          ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("LOKET_BUILD_DIR"), "app", "loketctl", NULL));
  g_ptr_array_add (argv, g_strdup ("--config"));
  g_ptr_array_add (argv, g_strdup (config_path));
  va_start (args, config_path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = g_spawn_check_wait_status (wait_status, NULL) ? 0 : 1;
  g_test_message ("loketctl %s: %d %s%s", (char *) argv->pdata[3], run->status, run->out, run->err);
}

static char *
write_config (PrintTestEnv *env,
              const char   *printer_group)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *catalog_dir = g_build_filename (LOKET_TEST_SRCDIR, "print", "catalog", NULL);
  char *path = g_build_filename (env->dir, "loket.conf", NULL);
  g_autofree char *text = g_strdup_printf ("[kiosk]\nid = kiosk-7\nsite = " TEST_SITE "\n"
                                           "catalog = %s\nstate-dir = %s\nkey-file = %s\n"
                                           "[tracking]\nurl = " TEST_URL "\n[printer]\n%s",
                                           catalog_dir, env->dir, env->key_file, printer_group);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static char *
stored_receipt (PrintTestEnv *env)
{
  g_autofree char *path = g_build_filename (env->dir, "outbox.sqlite3", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *outcome = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT receipt FROM requests WHERE tracking_code = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, env->code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return outcome;
}

static void
test_render (void)
{
  PrintTestEnv env;
  g_auto(Run) png = { 0 };
  g_auto(Run) pdf = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) unknown = { 0 };
  g_autofree char *config = NULL, *typed = NULL, *png_path = NULL, *pdf_path = NULL;
  g_autofree char *decoded = NULL, *text = NULL, *display = NULL;

  print_test_env_init (&env);
  config = write_config (&env, "backend = none\n");
  /* As a person types it: lower case, with hyphens. */
  display = loket_tracking_code_format (env.code);
  typed = g_ascii_strdown (display, -1);
  png_path = g_build_filename (env.dir, "ctl.png", NULL);
  pdf_path = g_build_filename (env.dir, "ctl.pdf", NULL);

  loketctl (&png, config, "receipt", "render", typed, "--format", "png", "--width", "80",
            "--out", png_path, NULL);
  g_assert_cmpint (png.status, ==, 0);
  decoded = print_test_decode_qr (png_path);
  g_assert_nonnull (decoded);
  g_assert_nonnull (strstr (decoded, env.code));

  loketctl (&pdf, config, "receipt", "render", env.code, "--format", "pdf", "--width", "58",
            "--out", pdf_path, "--language", "en", NULL);
  g_assert_cmpint (pdf.status, ==, 0);
  text = print_test_pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, display));
  g_assert_nonnull (strstr (text, "Signboard permit"));
  g_assert_null (strstr (text, TEST_NIK));

  /* A mistyped code and an unknown width: exit 1 with one line. */
  display[0] = display[0] == 'A' ? 'B' : 'A';
  loketctl (&bad, config, "receipt", "render", display, "--format", "pdf", "--out", pdf_path, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_nonnull (strchr (bad.err, '\n'));
  g_assert_cmpstr (strchr (bad.err, '\n') + 1, ==, "");

  loketctl (&unknown, config, "receipt", "render", env.code, "--format", "pdf", "--width", "57",
            "--out", pdf_path, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "57"));

  print_test_env_clear (&env);
}

static void
test_print (void)
{
  PrintTestEnv env;
  g_auto(Run) printed = { 0 };
  g_auto(Run) failed = { 0 };
  g_autofree char *config = NULL, *group = NULL, *stored = NULL, *folder = NULL;

  print_test_env_init (&env);
  folder = g_build_filename (env.dir, "receipts", NULL);
  group = g_strdup_printf ("backend = pdf\nfolder = %s\n", folder);
  config = write_config (&env, group);
  /* The outbox is opened again by loketctl. */
  g_clear_pointer (&env.outbox, loket_outbox_close);

  loketctl (&printed, config, "receipt", "print", env.code, NULL);
  g_assert_cmpint (printed.status, ==, 0);
  g_assert_true (g_str_has_prefix (printed.out, folder));
  stored = stored_receipt (&env);
  g_assert_cmpstr (stored, ==, "printed");
  g_clear_pointer (&stored, g_free);

  g_free (config);
  g_free (group);
  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\n",
                           print_test_closed_port ());
  config = write_config (&env, group);
  loketctl (&failed, config, "receipt", "print", env.code, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  g_assert_nonnull (strstr (failed.err, "Printer unavailable"));
  stored = stored_receipt (&env);
  g_assert_cmpstr (stored, ==, "failed:unavailable");

  print_test_env_clear (&env);
}

/* check-config --online says what the printer says of itself, one line per problem. */
static void
test_check_online_printer (void)
{
  PrintTestEnv env;
  g_auto(Run) run = { 0 };
  g_autofree char *group = NULL;
  g_autofree char *config = NULL;
  guint8 bytes[5];
  FakePrinter *fake;

  print_test_env_init (&env);
  fake_printer_status_bytes (bytes, FALSE, TRUE, TRUE, FALSE);
  fake = fake_printer_new (FAKE_TCP, bytes, FALSE, FALSE);
  group = g_strdup_printf ("backend = escpos-tcp\nhost = 127.0.0.1\nport = %u\n",
                           fake_printer_get_port (fake));
  config = write_config (&env, group);

  loketctl (&run, config, "check-config", "--online", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "printer: paper near end\n"));
  g_assert_nonnull (strstr (run.err, "printer: cover open\n"));

  fake_printer_free (fake);
  print_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  loket_i18n_init ();
  loket_i18n_set_language ("en");

  g_test_add_func ("/ctl/receipt-render", test_render);
  g_test_add_func ("/ctl/receipt-print", test_print);
  g_test_add_func ("/ctl/check-config-online-printer", test_check_online_printer);

  return g_test_run ();
}
