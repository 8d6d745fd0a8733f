/* test-config-programs.c — what the configuration file names on disk (check_files), and how
 * loketctl check-config and loket itself react to a good or a bad file (test-config.c: the
 * file's values and problems)
 *
 * The tests run inside a temporary folder and name files relatively ("ctl-good.conf"), so
 * the expected messages are written out in full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "config/loket-config.h"
#include "test-tree.h"

static char *test_dir;

static void
test_check_files (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketConfig) bad_state = NULL;
  g_autofree char *key = g_build_filename (test_dir, "files", "outbox.key", NULL);
  g_autofree char *message = NULL;

  g_assert_cmpint (g_mkdir_with_parents ("files/catalog", 0700), ==, 0);
  test_tree_write ("files/outbox.key", "0123456789abcdef0123456789abcdef", 32);
  g_assert_cmpint (g_chmod ("files/outbox.key", 0600), ==, 0);

  /* Without a tracking URL the receipt's QR serves kiosks only: a warning. */
  test_tree_write ("files/loket.conf",
                   "[kiosk]\ncatalog = catalog\nstate-dir = state\nkey-file = outbox.key\n", -1);
  config = loket_config_load ("files/loket.conf", NULL);
  g_assert_nonnull (config);
  g_assert_true (loket_config_check_files (config, problems, warnings));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (warnings, 0))->message,
                            "warning: [tracking] url: not set"));
  g_ptr_array_set_size (warnings, 0);
  g_clear_pointer (&config, loket_config_unref);

  /* A help URL is held to the agencies' TLS rules. */
  test_tree_write ("files/loket.conf",
                   "[kiosk]\ncatalog = catalog\nstate-dir = state\nkey-file = outbox.key\n"
                   "[tracking]\nurl = https://track.example/{code}\n"
                   "[help]\nurl = http://staff.example/help\n", -1);
  config = loket_config_load ("files/loket.conf", NULL);
  g_assert_nonnull (config);
  g_assert_false (loket_config_check_files (config, problems, warnings));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (problems, 0))->message,
                            "[help] url: 'http://staff.example/help' is not an https:// URL"));
  g_ptr_array_set_size (problems, 0);
  g_clear_pointer (&config, loket_config_unref);

  test_tree_write ("files/loket.conf",
                   "[kiosk]\ncatalog = catalog\nstate-dir = state\nkey-file = outbox.key\n"
                   "[tracking]\nurl = https://track.example/{code}\n"
                   "[help]\nurl = https://staff.example/help\n", -1);
  config = loket_config_load ("files/loket.conf", NULL);
  g_assert_nonnull (config);
  g_assert_cmpstr (config->help_url, ==, "https://staff.example/help");
  g_assert_true (loket_config_check_files (config, problems, warnings));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (warnings->len, ==, 0);

  /* A key others can read is refused, as the kiosk refuses it (test-config-secrets.c
   * has every other shape). */
  g_assert_cmpint (g_chmod ("files/outbox.key", 0640), ==, 0);
  g_assert_false (loket_config_check_files (config, problems, warnings));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (warnings->len, ==, 0);
  message = g_strdup_printf ("files/loket.conf:4: [kiosk] key-file: %s (outbox key): mode 0640: "
                             "the file must be readable by its owner only (chmod 600)", key);
  g_assert_cmpstr (((GError *) g_ptr_array_index (problems, 0))->message, ==, message);
  g_ptr_array_set_size (problems, 0);

  test_tree_write ("files/bad.conf", "[kiosk]\nstate-dir = /nonexistent-loket/state\n", -1);
  bad_state = loket_config_load ("files/bad.conf", NULL);
  g_assert_nonnull (bad_state);
  g_assert_false (loket_config_check_files (bad_state, problems, warnings));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((GError *) g_ptr_array_index (problems, 0))->message, ==,
                   "files/bad.conf:2: [kiosk] state-dir: cannot create '/nonexistent-loket/state': "
                   "the folder '/nonexistent-loket' does not exist");
}

/* Runs a built program with no display, in the test folder. */
static int
run (const char * const  *argv,
     char               **out,
     char               **err)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  g_spawn_sync (test_dir, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_loketctl (void)
{
  g_autofree char *loketctl = test_tree_build_path ("app/loketctl");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_autofree char *warning = NULL;

  test_tree_write ("ctl-good.conf", "[kiosk]\ncatalog = .\nkey-file = none.key\n", -1);
  g_assert_cmpint (run ((const char *[]) { loketctl, "--config", "ctl-good.conf",
                                           "check-config", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "ctl-good.conf: configuration is valid\n");
  warning = g_strdup_printf ("ctl-good.conf:3: warning: [kiosk] key-file: %s/none.key "
                             "(outbox key): it does not exist\n"
                             "ctl-good.conf: warning: [tracking] url: not set: the receipt's "
                             "QR code can be scanned only at a Loket kiosk, not with a phone\n",
                             test_dir);
  g_assert_cmpstr (err, ==, warning);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  test_tree_write ("ctl-bad.conf",
              "[kiosk]\nidle-timeout = soon\n[printr]\n[agency a]\nurl = http://a.example\n", -1);
  g_assert_cmpint (run ((const char *[]) { loketctl, "--config", "ctl-bad.conf",
                                           "check-config", NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==,
                   "ctl-bad.conf:2: [kiosk] idle-timeout: 'soon' is not a whole number of seconds\n"
                   "ctl-bad.conf:3: [printr]: unknown group\n"
                   "ctl-bad.conf:5: [agency a] url: 'http://a.example' is plain HTTP to another "
                   "machine: use https:// (or set allow-plain-http = true on a network you "
                   "trust)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { loketctl, "--config", "nowhere.conf",
                                           "check-config", NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "nowhere.conf: cannot read: No such file or directory\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { loketctl, "--config", "ctl-good.conf",
                                           "check-config", "extra", NULL }, &out, &err), ==, 1);
  g_assert_cmpstr (err, ==, "loketctl: usage: loketctl check-config [--online]\n");
}

static void
assert_only_warnings (const char *err,
                      const char *path)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autofree char *prefix = g_strconcat (path, ":", NULL);

      g_assert_true (g_str_has_prefix (lines[i], prefix));
      g_assert_nonnull (strstr (lines[i], ": warning: ["));
    }
}

/* The shipped example passes check-config as it is, and with its examples uncommented
 * (the files they name do not exist here: warnings only). */
static void
test_loketctl_example (void)
{
  g_autofree char *loketctl = test_tree_build_path ("app/loketctl");
  g_autofree char *example = g_build_filename (LOKET_TEST_SRCDIR, "..", "data",
                                               "loket.conf.example", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) uncomment = NULL;
  g_autofree char *uncommented = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_file_get_contents (example, &contents, NULL, &error);
  g_assert_no_error (error);
  test_tree_write ("shipped.conf", contents, -1);
  g_assert_cmpint (run ((const char *[]) { loketctl, "--config", "shipped.conf",
                                           "check-config", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "shipped.conf: configuration is valid\n");
  assert_only_warnings (err, "shipped.conf");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  uncomment = g_regex_new ("^#(?=[a-z[])", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  uncommented = g_regex_replace_literal (uncomment, contents, -1, 0, "", 0, &error);
  g_assert_no_error (error);
  test_tree_write ("uncommented.conf", uncommented, -1);
  g_assert_cmpint (run ((const char *[]) { loketctl, "--config", "uncommented.conf",
                                           "check-config", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "uncommented.conf: configuration is valid\n");
  assert_only_warnings (err, "uncommented.conf");
}

static void
test_loket_refuses_bad_config (void)
{
  g_autofree char *loket = test_tree_build_path ("loket");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* EX_CONFIG (78), so a service manager can be told not to restart it
   * (RestartPreventExitStatus=78): the file will not parse any better next time. */
  test_tree_write ("kiosk-bad.conf", "[kiosk]\n\nidle-timeout = 5\n", -1);
  g_assert_cmpint (run ((const char *[]) { loket, "--config", "kiosk-bad.conf", NULL },
                        &out, &err), ==, 78);
  g_assert_cmpstr (err, ==,
                   "loket: kiosk-bad.conf:3: [kiosk] idle-timeout: '5' is out of range "
                   "(30 to 3600 seconds)\n");
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same in kiosk mode (main () prepares the process first), and for a file that is
   * not there at all. */
  g_assert_cmpint (run ((const char *[]) { loket, "--kiosk", "--config", "kiosk-bad.conf",
                                           NULL }, &out, &err), ==, 78);
  g_assert_cmpstr (err, ==,
                   "loket: kiosk-bad.conf:3: [kiosk] idle-timeout: '5' is out of range "
                   "(30 to 3600 seconds)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run ((const char *[]) { loket, "--config", "nowhere.conf", NULL },
                        &out, &err), ==, 78);
  g_assert_cmpstr (err, ==, "loket: nowhere.conf: cannot read: No such file or directory\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A catalog that does not load is configuration too (78, EX_CONFIG): systemd must not
   * restart the kiosk in a loop over it (RestartPreventExitStatus=78). */
  g_assert_cmpint (g_mkdir_with_parents ("empty-catalog", 0700), ==, 0);
  test_tree_write ("kiosk-no-catalog.conf", "[kiosk]\ncatalog = empty-catalog\n"
                                       "state-dir = kiosk-state\n", -1);
  g_assert_cmpint (run ((const char *[]) { loket, "--config", "kiosk-no-catalog.conf", NULL },
                        &out, &err), ==, 78);
  g_assert_nonnull (strstr (err, "empty-catalog has no *.json files"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { loket, "--version", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "loket "));
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);

  test_dir = test_tree_enter_temp ("loket-config-XXXXXX");

  g_test_add_func ("/config/check-files", test_check_files);
  g_test_add_func ("/config/loketctl", test_loketctl);
  g_test_add_func ("/config/loketctl-example", test_loketctl_example);
  g_test_add_func ("/config/loket-refuses-bad-config", test_loket_refuses_bad_config);

  result = g_test_run ();

  test_tree_leave_temp (test_dir);
  g_free (test_dir);
  return result;
}
