/* test-config-secrets.c — every secret file goes through one check; check-config refuses
 * (exit 1) exactly what the kiosk would refuse, with the file, line, key, path and problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "config/loket-config.h"
#include "config/loket-secret-file.h"
#include "test-tree.h"

static char *test_dir;

static void
write_file (const char *path,
            const char *contents,
            gssize      length,
            int         mode)
{
  test_tree_write (path, contents, length);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
write_sized (const char *path,
             gsize       size,
             int         mode)
{
  g_autofree char *bytes = g_malloc (MAX (size, 1));

  memset (bytes, 'k', size);
  write_file (path, bytes, (gssize) size, mode);
}

/* Which secret a case puts in the wrong shape, and where its key sits in the file. */
typedef struct {
  const char *kind;        /* the file name's stem, and how the messages call it */
  const char *what;
  const char *group;
  const char *key;
  guint       line;
  gsize       good_size;
  gsize       max_size;
} Secret;

static const Secret secrets[] = {
  { "outbox-key", "outbox key", "kiosk", "key-file", 4, 32, 32 },
  { "token-file", "token file", "agency a", "token-file", 7, 40, 8192 },
  { "client-key", "client key", "agency a", "client-key", 8, 200, 64 * 1024 },
};

typedef enum {
  SHAPE_MODE_644,
  SHAPE_SYMLINK,
  SHAPE_FIFO,
  SHAPE_FOLDER,
  SHAPE_OVERSIZED,
  SHAPE_EMPTY,
} Shape;

static const char * const shape_names[] = {
  "mode-644", "symlink", "fifo", "folder", "oversized", "empty",
};

/* Makes path in the shape; returns the problem's words as the kiosk puts them. */
static char *
make_shape (const Secret *secret,
            Shape         shape,
            const char   *path)
{
  switch (shape)
    {
    case SHAPE_MODE_644:
      write_sized (path, secret->good_size, 0644);
      return g_strdup ("mode 0644: the file must be readable by its owner only (chmod 600)");
    case SHAPE_SYMLINK:
      {
        g_autofree char *target = g_strconcat (path, ".target", NULL);

        write_sized (target, secret->good_size, 0600);
        g_assert_cmpint (symlink (target, path), ==, 0);
        return g_strdup ("a symbolic link: give the path of the file itself");
      }
    case SHAPE_FIFO:
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      return g_strdup ("a FIFO (named pipe), not a regular file");
    case SHAPE_FOLDER:
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      return g_strdup ("a folder, not a regular file");
    case SHAPE_OVERSIZED:
      write_sized (path, secret->max_size + 1, 0600);
      if (secret->good_size == secret->max_size)
        return g_strdup_printf ("%zu bytes: it must hold exactly %zu bytes "
                                "(head -c %zu /dev/urandom)", secret->max_size + 1,
                                secret->max_size, secret->max_size);
      return g_strdup_printf ("larger than %zu bytes", secret->max_size);
    case SHAPE_EMPTY:
      write_sized (path, 0, 0600);
      return g_strdup ("the file is empty");
    default:
      g_assert_not_reached ();
    }
}

/* A configuration whose secrets are all good, but for `kind`, which is at `path`. */
static char *
write_config (const char *folder,
              const char *kind,
              const char *path)
{
  g_autofree char *conf = g_build_filename (folder, "loket.conf", NULL);
  g_autofree char *text = NULL;
  char *paths[G_N_ELEMENTS (secrets)] = { NULL };
  g_autofree char *cert = g_build_filename (folder, "client.pem", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      if (g_str_equal (secrets[i].kind, kind))
        {
          paths[i] = g_strdup (path);
          continue;
        }
      paths[i] = g_strdup_printf ("%s/good-%s", folder, secrets[i].kind);
      write_sized (paths[i], secrets[i].good_size, 0600);
    }
  write_file (cert, "not read by check-config\n", -1, 0644);

  text = g_strdup_printf ("[kiosk]\n"
                          "catalog = .\n"
                          "state-dir = state\n"
                          "key-file = %s\n"
                          "[agency a]\n"
                          "url = https://a.example\n"
                          "token-file = %s\n"
                          "client-key = %s\n"
                          "client-cert = client.pem\n"
                          "[tracking]\n"
                          "url = https://track.example/{code}\n",
                          paths[0], paths[1], paths[2]);
  write_file (conf, text, -1, 0644);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_free (paths[i]);
  return g_steal_pointer (&conf);
}

/* loketctl check-config under `timeout 10`: a check that blocks (a FIFO opened without
 * O_NONBLOCK) ends as exit status 124 instead of hanging the test. */
static int
check_config (const char  *conf,
              char       **err)
{
  g_autofree char *loketctl = test_tree_build_path ("app/loketctl");
  const char *argv[] = { "timeout", "10", loketctl, "--config", conf, "check-config", NULL };
  g_autoptr(GError) error = NULL;
  /* Read and dropped: "configuration is valid" on the test's own output breaks its TAP. */
  g_autofree char *out = NULL;
  int status = -1;

  g_spawn_sync (test_dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

typedef struct {
  const Secret *secret;
  Shape         shape;
} Case;

static void
test_refused (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autofree char *name = g_strdup_printf ("%s-%s", c->secret->kind, shape_names[c->shape]);
  g_autofree char *folder = g_build_filename (test_dir, name, NULL);
  g_autofree char *path = g_build_filename (folder, c->secret->kind, NULL);
  g_autofree char *words = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected_err = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  words = make_shape (c->secret, c->shape, path);
  conf = write_config (folder, c->secret->kind, path);
  expected = g_strdup_printf ("%s:%u: [%s] %s: %s (%s): %s", conf, c->secret->line,
                              c->secret->group, c->secret->key, path, c->secret->what, words);

  /* loketctl first, under a time limit: it proves the check does not block before this
   * process makes the same check itself. */
  g_assert_cmpint (check_config (conf, &err), ==, 1);
  expected_err = g_strconcat (expected, "\n", NULL);
  g_assert_cmpstr (err, ==, expected_err);

  config = loket_config_load (conf, &error);
  g_assert_no_error (error);
  g_assert_false (loket_config_check_files (config, problems, warnings));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_error ((GError *) g_ptr_array_index (problems, 0), LOKET_CONFIG_ERROR,
                  LOKET_CONFIG_ERROR_BAD_VALUE);
  g_assert_cmpstr (((GError *) g_ptr_array_index (problems, 0))->message, ==, expected);
}

/* The same files, all good: valid, no warning. */
static void
test_all_good (void)
{
  g_autofree char *folder = g_build_filename (test_dir, "all-good", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  conf = write_config (folder, "none", NULL);
  g_assert_cmpint (check_config (conf, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* A secret not there yet may be checked on a machine that is not the kiosk: a warning. */
static void
test_missing_is_a_warning (void)
{
  g_autofree char *folder = g_build_filename (test_dir, "missing", NULL);
  g_autofree char *path = g_build_filename (folder, "token-file", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  conf = write_config (folder, "token-file", path);
  g_assert_cmpint (check_config (conf, &err), ==, 0);
  expected = g_strdup_printf ("%s:7: warning: [agency a] token-file: %s (token file): it does "
                              "not exist\n", conf, path);
  g_assert_cmpstr (err, ==, expected);
}

/* The reader gives back the bytes, and the facts of a refusal travel with its error. */
static void
test_read (void)
{
  g_autofree char *path = g_build_filename (test_dir, "read.secret", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const LoketSecretFileFacts *facts;

  write_file (path, "s3cret\n", -1, 0600);
  bytes = loket_secret_file_read (path, "test secret", 16, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "s3cret\n", 7);

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_null (loket_secret_file_read (path, "test secret", 16, &error));
  g_assert_error (error, LOKET_SECRET_FILE_ERROR, LOKET_SECRET_FILE_ERROR_MODE);
  facts = loket_secret_file_error_get_facts (error);
  g_assert_nonnull (facts);
  g_assert_cmpuint (facts->mode, ==, 0640);
  g_assert_cmpstr (loket_secret_file_error_to_string (error->code), ==, "mode");
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_null (loket_secret_file_read (path, "test secret", 6, &error));
  g_assert_error (error, LOKET_SECRET_FILE_ERROR, LOKET_SECRET_FILE_ERROR_TOO_LARGE);
  g_assert_cmpuint (loket_secret_file_error_get_facts (error)->limit, ==, 6);
}

/* Owned by another user (not root): refused, since that user can change it at any time. */
static void
test_owner (void)
{
  g_autofree char *path = g_build_filename (test_dir, "owned.secret", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  struct passwd *nobody;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to give a file to another user (chown)");
      return;
    }
  nobody = getpwnam ("nobody");
  if (nobody == NULL)
    {
      g_test_skip ("this machine has no user 'nobody' to give a file to");
      return;
    }

  write_file (path, "s3cret\n", -1, 0600);
  g_assert_cmpint (chown (path, nobody->pw_uid, nobody->pw_gid), ==, 0);
  g_assert_false (loket_secret_file_check (path, "test secret", 1, 16, &error));
  g_assert_error (error, LOKET_SECRET_FILE_ERROR, LOKET_SECRET_FILE_ERROR_OWNER);
  expected = g_strdup_printf ("%s (test secret): owned by uid %u: a secret must belong to the "
                              "user running Loket (uid 0) or to root", path,
                              (guint) nobody->pw_uid);
  g_assert_cmpstr (error->message, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int result;

  g_test_init (&argc, &argv, NULL);

  test_dir = test_tree_enter_temp ("loket-secrets-XXXXXX");

  g_test_add_func ("/config/secrets/all-good", test_all_good);
  g_test_add_func ("/config/secrets/missing-is-a-warning", test_missing_is_a_warning);
  for (guint s = 0; s < G_N_ELEMENTS (secrets); s++)
    for (guint shape = 0; shape < G_N_ELEMENTS (shape_names); shape++)
      {
        Case *c = g_new0 (Case, 1);
        g_autofree char *name = g_strdup_printf ("/config/secrets/%s/%s", secrets[s].kind,
                                                 shape_names[shape]);

        c->secret = &secrets[s];
        c->shape = shape;
        g_ptr_array_add (cases, c);
        g_test_add_data_func (name, c, test_refused);
      }
  g_test_add_func ("/config/secrets/read", test_read);
  g_test_add_func ("/config/secrets/owner", test_owner);

  result = g_test_run ();

  test_tree_leave_temp (test_dir);
  g_free (test_dir);
  return result;
}
