/* test-outbox-failures.c — a read-only, corrupt or full database gives UNAVAILABLE (naming the
 * file and SQLite's error), never a crash, and loses nothing accepted before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <glib/gstdio.h>

#include "outbox-test-util.h"

static void
assert_unavailable (const GError *error,
                    const char   *path_part)
{
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, path_part));
  g_assert_nonnull (strstr (error->message, "SQLITE_"));
  g_test_message ("%s", error->message);
}

/* Every request in codes is in the outbox at dir, with all its parts. */
static void
assert_all_stored (const char *dir,
                   const char *key_file,
                   GPtrArray  *codes,
                   guint       n_parts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = loket_outbox_open (dir, key_file, LOKET_OUTBOX_OPEN_READ_ONLY,
                                                     &error);

  g_assert_no_error (error);
  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(LoketOutboxRequest) request =
        loket_outbox_get_request (outbox, g_ptr_array_index (codes, i), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (request->parts->len, ==, n_parts);
      for (guint p = 0; p < n_parts; p++)
        {
          LoketOutboxPart *part = g_ptr_array_index (request->parts, p);

          g_assert_true (part->has_personal_data);
        }
    }
}

/* Stores requests of three parts with large bodies until the store fails; returns the error
 * and adds the acknowledged tracking codes to codes. */
static GError *
store_until_full (LoketOutbox *outbox,
                  GPtrArray   *codes,
                  guint        limit)
{
  g_autofree char *padding = g_strnfill (6000, 'x');

  for (guint i = 0; i < limit; i++)
    {
      GError *error = NULL;
      g_autofree char *code = outbox_test_new_code ();
      g_autoptr(GBytes) body = NULL;
      char *json;
      char ids[3][40];
      LoketOutboxPartSpec parts[3];
      LoketOutboxRequestSpec spec = {
        .tracking_code = code, .language = "id", .parts = parts, .n_parts = 3,
      };

      json = g_strdup_printf ("{\"pad\":\"%s\",\"name\":\"" TEST_NAME "\",\"n\":%u}", padding, i);
      body = g_bytes_new_take (json, strlen (json));
      for (guint p = 0; p < 3; p++)
        {
          g_snprintf (ids[p], sizeof ids[p], "%s-%u", code, p);
          parts[p] = (LoketOutboxPartSpec) {
            .part_id = ids[p], .service = "s", .agency = "a", .body = body,
          };
        }

      if (!loket_outbox_store_request (outbox, &spec, &error))
        return error;
      g_ptr_array_add (codes, g_steal_pointer (&code));
    }

  return NULL;
}

static void
test_read_only_connection (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;

  outbox_test_env_init (&env);
  {
    g_autoptr(LoketOutbox) writer = outbox_test_open (&env);

    ids = outbox_test_store (writer, code, 2);
    g_ptr_array_add (codes, g_strdup (code));
  }

  /* Root ignores file modes, so the database is made read-only for SQLite itself */
  outbox = loket_outbox_open (env.dir, env.key_file, LOKET_OUTBOX_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  parts = loket_outbox_list_parts (outbox, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 2);

  {
    g_autoptr(GError) store_error = store_until_full (outbox, codes, 1);

    g_assert_nonnull (store_error);
    assert_unavailable (store_error, "outbox.sqlite3");
    g_assert_nonnull (strstr (store_error->message, "SQLITE_READONLY"));
  }
  g_assert_false (loket_outbox_cancel (outbox, ids[0], &error));
  assert_unavailable (error, "outbox.sqlite3");
  g_clear_error (&error);

  g_clear_pointer (&outbox, loket_outbox_close);
  assert_all_stored (env.dir, env.key_file, codes, 2);
  outbox_test_env_clear (&env);
}

static void
test_read_only_mount (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *code = outbox_test_new_code ();
  g_autofree char *state = NULL;
  g_autofree char *view = NULL;
  g_auto(GStrv) ids = NULL;

  outbox_test_env_init (&env);
  state = g_build_filename (env.dir, "state", NULL);
  view = g_build_filename (env.dir, "view", NULL);
  g_assert_cmpint (g_mkdir (view, 0700), ==, 0);
  {
    g_autoptr(LoketOutbox) writer = loket_outbox_open (state, env.key_file, 0, &error);

    g_assert_no_error (error);
    ids = outbox_test_store (writer, code, 2);
    g_ptr_array_add (codes, g_strdup (code));
  }

  /* A read-only bind mount of the state folder: what a failing disk remounted read-only
   * looks like, and what root's file modes cannot fake */
  if (mount (state, view, NULL, MS_BIND, NULL) != 0)
    {
      g_test_skip_printf ("cannot bind-mount (%s): needs root and mount rights",
                          g_strerror (errno));
      outbox_test_env_clear (&env);
      return;
    }
  if (mount (NULL, view, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
    {
      g_test_skip_printf ("cannot remount read-only (%s)", g_strerror (errno));
      umount (view);
      outbox_test_env_clear (&env);
      return;
    }

  {
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (view, env.key_file, 0, &error);

    if (outbox != NULL)
      {
        /* SQLite may open it read-only; then storing must fail cleanly */
        g_autoptr(GError) store_error = store_until_full (outbox, codes, 1);

        g_assert_nonnull (store_error);
        assert_unavailable (store_error, view);
      }
    else
      {
        assert_unavailable (error, view);
        g_clear_error (&error);
      }
  }

  g_assert_cmpint (umount (view), ==, 0);
  assert_all_stored (state, env.key_file, codes, 2);
  outbox_test_env_clear (&env);
}

static void
test_state_dir_uncreatable (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *below_a_file = NULL;

  outbox_test_env_init (&env);
  /* A folder inside a regular file cannot be made, whoever asks */
  below_a_file = g_build_filename (env.key_file, "state", NULL);
  outbox = loket_outbox_open (below_a_file, env.key_file, 0, &error);
  g_assert_null (outbox);
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, below_a_file));
  g_assert_nonnull (strstr (error->message, "Not a directory"));

  outbox_test_env_clear (&env);
}

static void
test_corrupt_garbage (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *path = NULL;
  guint8 garbage[16384];

  outbox_test_env_init (&env);
  path = g_build_filename (env.dir, "outbox.sqlite3", NULL);
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_random_int ();
  g_file_set_contents (path, (const char *) garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  outbox = loket_outbox_open (env.dir, env.key_file, 0, &error);
  g_assert_null (outbox);
  assert_unavailable (error, path);
  g_assert_nonnull (strstr (error->message, "SQLITE_NOTADB"));

  outbox_test_env_clear (&env);
}

static void
test_corrupt_pages (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  gsize len;

  outbox_test_env_init (&env);
  {
    g_autoptr(LoketOutbox) writer = outbox_test_open (&env);
    g_autoptr(GError) none = store_until_full (writer, codes, 20);

    g_assert_no_error (none);
  }

  /* Keep the header page, scribble over every other page */
  path = g_build_filename (env.dir, "outbox.sqlite3", NULL);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 8192);
  for (gsize i = 4096; i < len; i++)
    contents[i] = (char) g_random_int ();
  g_file_set_contents (path, contents, (gssize) len, &error);
  g_assert_no_error (error);

  outbox = loket_outbox_open (env.dir, env.key_file, 0, &error);
  if (outbox == NULL)
    {
      assert_unavailable (error, path);
    }
  else
    {
      g_autoptr(GPtrArray) parts = loket_outbox_list_parts (outbox, NULL, &error);

      g_assert_null (parts);
      assert_unavailable (error, path);
      g_assert_nonnull (strstr (error->message, "SQLITE_CORRUPT"));
    }

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_full_max_pages (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) full = NULL;

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  g_assert_true (loket_outbox_set_max_pages (outbox, 120, &error));
  g_assert_no_error (error);

  full = store_until_full (outbox, codes, 1000);
  g_assert_nonnull (full);
  assert_unavailable (full, "outbox.sqlite3");
  g_assert_nonnull (strstr (full->message, "SQLITE_FULL"));
  g_assert_cmpuint (codes->len, >, 5);
  g_test_message ("%u requests stored before the outbox was full", codes->len);

  /* The failed request left nothing; the outbox still reads, and a part can still end */
  {
    g_autoptr(GPtrArray) parts = loket_outbox_list_parts (outbox, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (parts->len, ==, 3 * codes->len);
  }

  g_clear_pointer (&outbox, loket_outbox_close);
  assert_all_stored (env.dir, env.key_file, codes, 3);
  outbox_test_env_clear (&env);
}

static void
test_full_file_system (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *mnt = NULL;

  outbox_test_env_init (&env);
  mnt = g_build_filename (env.dir, "small", NULL);
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);

  if (mount ("tmpfs", mnt, "tmpfs", MS_NOSUID | MS_NODEV, "size=512k,mode=0700") != 0)
    {
      g_test_skip_printf ("cannot mount a small tmpfs (%s): needs root and mount rights",
                          g_strerror (errno));
      outbox_test_env_clear (&env);
      return;
    }

  {
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (mnt, env.key_file, 0, &error);
    g_autoptr(GError) full = NULL;

    g_assert_no_error (error);
    full = store_until_full (outbox, codes, 10000);
    g_assert_nonnull (full);
    assert_unavailable (full, mnt);
    g_test_message ("%u requests stored before the file system was full", codes->len);
    g_assert_cmpuint (codes->len, >, 3);
  }

  /* Reopened on the still-full file system: everything acknowledged is there */
  assert_all_stored (mnt, env.key_file, codes, 3);

  g_assert_cmpint (umount (mnt), ==, 0);
  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/failures/read-only-connection", test_read_only_connection);
  g_test_add_func ("/outbox/failures/read-only-mount", test_read_only_mount);
  g_test_add_func ("/outbox/failures/state-dir-uncreatable", test_state_dir_uncreatable);
  g_test_add_func ("/outbox/failures/corrupt-garbage", test_corrupt_garbage);
  g_test_add_func ("/outbox/failures/corrupt-pages", test_corrupt_pages);
  g_test_add_func ("/outbox/failures/full-max-pages", test_full_max_pages);
  g_test_add_func ("/outbox/failures/full-file-system", test_full_file_system);

  return g_test_run ();
}
