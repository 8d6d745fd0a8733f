/* test-staff-ctl.c — `loketctl staff …`, `loketctl audit …` and check-config's staff file,
 * run as a staff member would, from the build tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct {
  char *dir;
  char *state;
  char *config;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;

  f->dir = g_dir_make_tmp ("loket-staff-ctl-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->state = g_build_filename (f->dir, "state", NULL);
  f->config = g_build_filename (f->dir, "loket.conf", NULL);
  text = g_strdup_printf ("[kiosk]\nid = k-1\nsite = Hall\nstate-dir = %s\n", f->state);
  g_assert_true (g_file_set_contents (f->config, text, -1, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) listing = g_dir_open (f->state, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->state, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->state);
  g_unlink (f->config);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->state);
  g_free (f->config);
}

/* loketctl --config CONFIG ARGS…, with input on standard input (NULL: none). */
static void
ctl (Fixture    *f,
     Run        *run,
     const char *input,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *build_dir = g_getenv ("LOKET_BUILD_DIR");
  va_list args;

  g_assert_nonnull (build_dir);
  g_ptr_array_add (argv, g_build_filename (build_dir, "app", "loketctl", NULL));
  g_ptr_array_add (argv, g_strdup ("--config"));
  g_ptr_array_add (argv, g_strdup (f->config));
  va_start (args, input);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No journal here: the audit copies go nowhere, the file is what is checked. */
  g_subprocess_launcher_setenv (launcher, "PATH", "/nonexistent", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  run_clear (run);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &run->out,
                                 &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
test_add_list_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *staff_file = NULL;
  g_autofree char *text = NULL;
  Run run = { 0 };
  GStatBuf st;

  ctl (f, &run, "135792\n135792\n", "staff", "add", "Siti", "--pin-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Siti"));
  ctl (f, &run, "246813\n246813\n", "staff", "add", "Budi Santoso", "--pin-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* The default staff file: `staff` in the state folder, 0600, hashes only. */
  staff_file = g_build_filename (f->state, "staff", NULL);
  g_assert_cmpint (g_stat (staff_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_true (g_file_get_contents (staff_file, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "Siti:$y$"));
  g_assert_null (strstr (text, "135792"));

  ctl (f, &run, NULL, "staff", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Siti\tnever logged in"));
  g_assert_nonnull (strstr (run.out, "Budi Santoso\tnever logged in"));
  g_assert_null (strstr (run.out, "$y$"));

  ctl (f, &run, NULL, "staff", "remove", "Siti", NULL);
  g_assert_cmpint (run.status, ==, 0);
  ctl (f, &run, NULL, "staff", "list", NULL);
  g_assert_null (strstr (run.out, "Siti"));
  ctl (f, &run, NULL, "staff", "remove", "Siti", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no staff member named 'Siti'"));

  ctl (f, &run, NULL, "staff", "unlock", NULL);
  g_assert_cmpint (run.status, ==, 0);

  ctl (f, &run, NULL, "audit", "show", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "staff member added: Budi Santoso"));
  g_assert_nonnull (strstr (run.out, "staff member removed: Siti"));
  g_assert_nonnull (strstr (run.out, "PIN pad unlocked"));
  run_clear (&run);
}

static void
test_add_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GStrv) refusals = NULL;
  Run run = { 0 };

  ctl (f, &run, "135792\n135793\n", "staff", "add", "Siti", "--pin-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "the two PINs differ"));
  ctl (f, &run, "135792\n", "staff", "add", "Siti", "--pin-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  ctl (f, &run, "123456\n123456\n", "staff", "add", "Siti", "--pin-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "too easy"));
  ctl (f, &run, "1357\n1357\n", "staff", "add", "Siti", "--pin-stdin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "6 to 12 digits"));

  ctl (f, &run, NULL, "staff", "list", NULL);
  g_assert_nonnull (strstr (run.out, "No staff yet"));

  /* Each refusal left its line, and the chain holds. */
  ctl (f, &run, NULL, "audit", "show", NULL);
  refusals = g_strsplit (run.out, "staff member not added", -1);
  g_assert_cmpuint (g_strv_length (refusals) - 1, ==, 4);
  ctl (f, &run, NULL, "audit", "verify", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "intact, 4 entries"));
  run_clear (&run);
}

static void
test_verify_names_line (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *log = g_build_filename (f->state, "audit.jsonl", NULL);
  g_autofree char *text = NULL;
  Run run = { 0 };
  char *second;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Staff %u", i);

      ctl (f, &run, "135792\n135792\n", "staff", "add", name, "--pin-stdin", NULL);
      g_assert_cmpint (run.status, ==, 0);
    }
  ctl (f, &run, NULL, "audit", "verify", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "intact, 3 entries"));
  /* Without a journal to compare with, it says a cut tail cannot be seen. */
  g_assert_nonnull (strstr (run.err, "cut-off tail cannot be seen"));

  /* Someone makes "Staff 1" into "Staff 7" in line 2: line 3 no longer follows. */
  g_assert_true (g_file_get_contents (log, &text, NULL, NULL));
  second = strstr (text, "\"target\":\"Staff 1\"");
  g_assert_nonnull (second);
  second[strlen ("\"target\":\"Staff ")] = '7';
  g_assert_true (g_file_set_contents (log, text, -1, NULL));
  ctl (f, &run, NULL, "audit", "verify", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "line 3 breaks the chain"));

  ctl (f, &run, NULL, "audit", "show", "--since", "2000-01-01", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Staff 0"));
  ctl (f, &run, NULL, "audit", "show", "--since", "2999-01-01T00:00:00Z", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  ctl (f, &run, NULL, "audit", "show", "--since", "yesterday", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
}

static void
test_check_config (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *staff_file = g_build_filename (f->state, "staff", NULL);
  Run run = { 0 };

  /* No staff file: no admin mode, and no problem. */
  ctl (f, &run, NULL, "check-config", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "pin-file"));

  ctl (f, &run, "135792\n135792\n", "staff", "add", "Siti", "--pin-stdin", NULL);
  ctl (f, &run, NULL, "check-config", NULL);
  g_assert_null (strstr (run.err, "pin-file"));

  g_assert_cmpint (g_chmod (staff_file, 0644), ==, 0);
  ctl (f, &run, NULL, "check-config", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "[admin] pin-file"));
  g_assert_nonnull (strstr (run.err, "0644"));

  /* A malformed line is refused by line. */
  g_assert_true (g_file_set_contents (staff_file, "Siti:secret\n", -1, NULL));
  g_assert_cmpint (g_chmod (staff_file, 0600), ==, 0);
  ctl (f, &run, NULL, "check-config", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, ":1: not a staff line"));
  ctl (f, &run, NULL, "staff", "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/staff-ctl/add-list-remove", test_add_list_remove);
  ADD ("/staff-ctl/add-refused", test_add_refused);
  ADD ("/staff-ctl/verify-names-line", test_verify_names_line);
  ADD ("/staff-ctl/check-config", test_check_config);
#undef ADD

  return g_test_run ();
}
