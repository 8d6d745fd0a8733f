/* test-outbox-ctl-user.c — loketctl run as root on a state folder another user owns (the
 * kiosk's service user) becomes that user before it touches the folder: every file it
 * leaves there (outbox, -wal, -shm) is that user's, so the kiosk can open them
 *
 * Needs root and an existing unprivileged user ("nobody"); it skips, saying why, otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "outbox-test-util.h"

static int
run_loketctl (const char  *config,
              char       **err,
              const char  *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *build_dir = g_getenv ("LOKET_BUILD_DIR");
  va_list args;
  int status = -1;

  g_assert_nonnull (build_dir);
  g_ptr_array_add (argv, g_build_filename (build_dir, "app", "loketctl", NULL));
  g_ptr_array_add (argv, g_strdup ("--config"));
  g_ptr_array_add (argv, g_strdup (config));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync ("/", (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_root_becomes_state_owner (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *key = NULL;
  g_autofree char *config = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GDir) listing = NULL;
  struct passwd *nobody;
  const char *name;
  guint files = 0;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root: it runs loketctl as root on a folder another user owns");
      return;
    }
  nobody = getpwnam ("nobody");
  if (nobody == NULL || nobody->pw_uid == 0)
    {
      g_test_skip ("this machine has no unprivileged user 'nobody' to own the state folder");
      return;
    }

  dir = outbox_test_nobody_dir ("nobody", &state_dir);
  if (dir == NULL)
    return;

  /* The kiosk's folder and key are nobody's; the configuration is root's alone, and is read
   * before loketctl leaves root. */
  key = outbox_test_write_key (dir, "outbox.key", 32, 0600);
  g_assert_cmpint (chown (key, nobody->pw_uid, nobody->pw_gid), ==, 0);
  config = g_build_filename (dir, "loket.conf", NULL);
  text = g_strdup_printf ("[kiosk]\nstate-dir = %s\nkey-file = %s\ncatalog = %s\n"
                          "[tracking]\nurl = https://track.example/{code}\n", state_dir,
                          key, dir);
  g_file_set_contents (config, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (config, 0600), ==, 0);

  /* Delivery writes: it creates the outbox, and leaves -wal and -shm while it runs. */
  g_assert_cmpint (run_loketctl (config, &err, "outbox", "deliver", "--once", "--quiet", NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  /* check-config judges the key as that user reads it. */
  g_assert_cmpint (run_loketctl (config, &err, "check-config", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  listing = g_dir_open (state_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (state_dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_lstat (path, &st), ==, 0);
      g_test_message ("%s: uid %u, mode %04o", name, (guint) st.st_uid,
                      (guint) (st.st_mode & 07777));
      g_assert_cmpuint (st.st_uid, ==, nobody->pw_uid);
      g_assert_cmpuint (st.st_mode & 077, ==, 0);
      files++;
    }
  g_assert_cmpuint (files, >=, 1);

  outbox_test_remove_tree (dir);
}

/* A key only root may read is one the kiosk cannot read: loketctl, now the kiosk's user,
 * says so rather than carry on as root. */
static void
test_root_only_key_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *key = NULL;
  g_autofree char *config = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  struct passwd *nobody;

  if (geteuid () != 0 || (nobody = getpwnam ("nobody")) == NULL || nobody->pw_uid == 0)
    {
      g_test_skip ("needs root and an unprivileged user 'nobody'");
      return;
    }
  dir = outbox_test_nobody_dir ("nobody", &state_dir);
  if (dir == NULL)
    return;

  key = outbox_test_write_key (dir, "outbox.key", 32, 0600);   /* root's */
  config = g_build_filename (dir, "loket.conf", NULL);
  text = g_strdup_printf ("[kiosk]\nstate-dir = %s\nkey-file = %s\ncatalog = %s\n"
                          "[tracking]\nurl = https://track.example/{code}\n", state_dir,
                          key, dir);
  g_file_set_contents (config, text, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_loketctl (config, &err, "check-config", NULL), ==, 1);
  expected = g_strdup_printf ("%s:3: [kiosk] key-file: %s (outbox key): permission denied: the "
                              "user running Loket (uid %u) cannot read it\n", config, key,
                              (guint) nobody->pw_uid);
  g_assert_cmpstr (err, ==, expected);

  outbox_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/ctl-user/root-becomes-state-owner", test_root_becomes_state_owner);
  g_test_add_func ("/outbox/ctl-user/root-only-key-refused", test_root_only_key_refused);

  return g_test_run ();
}
