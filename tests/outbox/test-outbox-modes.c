/* test-outbox-modes.c — the state folder and the outbox's files are the service user's alone,
 * whatever the folder's mode before (systemd's StateDirectory= makes it 0755) and whatever
 * the caller's umask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "config/loket-file-modes.h"
#include "outbox-test-util.h"

/* What the state folder's check logged, one message a line. */
static GString *state_log;

static GLogWriterOutput
record_writer (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  gboolean about_state_dir = FALSE;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "LOKET_STATE_DIR"))
        about_state_dir = TRUE;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  if (about_state_dir && message != NULL)
    {
      g_string_append_printf (state_log, "%s\n", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
assert_outbox_files_private (const char *state_dir)
{
  static const char * const names[] = { "outbox.sqlite3", "outbox.sqlite3-wal",
                                        "outbox.sqlite3-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (state_dir, names[i], NULL);

      g_test_message ("%s: %04o", names[i], mode_of (path));
      g_assert_cmpuint (mode_of (path), ==, 0600);
    }
}

/* An open folder is closed, with a warning that names it and its mode; nothing refused. */
static void
test_open_state_dir (void)
{
  OutboxTestEnv env;
  g_autofree char *state_dir = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;

  outbox_test_env_init (&env);
  state_dir = g_build_filename (env.dir, "state", NULL);
  g_assert_cmpint (g_mkdir (state_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (state_dir, 0755), ==, 0);
  g_string_truncate (state_log, 0);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (state_dir, env.key_file, 0, &error);

    g_assert_no_error (error);
    g_assert_nonnull (outbox);
    ids = outbox_test_store (outbox, code, 2);
    /* While it is open: the -wal and -shm files exist. */
    g_assert_cmpuint (mode_of (state_dir), ==, 0700);
    assert_outbox_files_private (state_dir);
  }

  expected = g_strdup_printf ("The state folder %s was open to other users (mode 0755): set to "
                              "0700, as it holds the outbox\n", state_dir);
  g_assert_cmpstr (state_log->str, ==, expected);

  /* Once closed, nothing more to say. */
  g_string_truncate (state_log, 0);
  {
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (state_dir, env.key_file, 0, NULL);

    g_assert_nonnull (outbox);
  }
  g_assert_cmpstr (state_log->str, ==, "");

  outbox_test_env_clear (&env);
}

/* A folder the outbox creates itself: 0700 from the start, and no warning. */
static void
test_new_state_dir (void)
{
  OutboxTestEnv env;
  g_autofree char *state_dir = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;

  outbox_test_env_init (&env);
  state_dir = g_build_filename (env.dir, "new", "state", NULL);
  g_string_truncate (state_log, 0);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (state_dir, env.key_file, 0, &error);

    g_assert_no_error (error);
    ids = outbox_test_store (outbox, code, 1);
    g_assert_cmpuint (mode_of (state_dir), ==, 0700);
    assert_outbox_files_private (state_dir);
  }
  g_assert_cmpstr (state_log->str, ==, "");

  outbox_test_env_clear (&env);
}

/* Files meant for others (node_exporter's metrics file, the catalog's translations) get
 * their modes explicitly, whatever the umask: Loket's own is 077. */
static void
test_shared_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-shared-XXXXXX", &error);
  g_autofree char *parent = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  mode_t old_umask;

  g_assert_no_error (error);
  parent = g_build_filename (dir, "a", NULL);
  folder = g_build_filename (parent, "b", NULL);
  file = g_build_filename (folder, "loket.prom", NULL);

  old_umask = umask (LOKET_UMASK);
  g_assert_true (loket_dir_create_shared (folder, 0755, &error));
  g_assert_no_error (error);
  g_assert_true (loket_file_write_shared (file, "loket_up 1\n", 11, 0644, &error));
  g_assert_no_error (error);
  /* Written again: replaced whole, the mode kept. */
  g_assert_true (loket_file_write_shared (file, "loket_up 0\n", 11, 0644, &error));
  g_assert_no_error (error);
  umask (old_umask);

  g_assert_cmpuint (mode_of (folder), ==, 0755);
  g_assert_cmpuint (mode_of (parent), ==, 0755);
  g_assert_cmpuint (mode_of (file), ==, 0644);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "loket_up 0\n");

  outbox_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  /* The umask of a caller that does not set Loket's own (LOKET_UMASK): the outbox's files
   * must come out private anyway. */
  umask (022);
  state_log = g_string_new (NULL);
  g_log_set_writer_func (record_writer, NULL, NULL);

  g_test_add_func ("/outbox/modes/open-state-dir", test_open_state_dir);
  g_test_add_func ("/outbox/modes/new-state-dir", test_new_state_dir);
  g_test_add_func ("/outbox/modes/shared-files", test_shared_files);

  result = g_test_run ();
  g_string_free (state_log, TRUE);
  return result;
}
