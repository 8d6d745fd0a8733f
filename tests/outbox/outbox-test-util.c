/* outbox-test-util.c — temporary state folders, keys and the test citizen for the outbox tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem */
#define _GNU_SOURCE

#include "config.h"

#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "outbox-test-util.h"
#include "test-tree.h"

char *
outbox_test_write_key (const char *dir,
                       const char *name,
                       gsize       len,
                       int         mode)
{
  g_autofree guint8 *bytes = g_malloc (MAX (len, 1));
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (sodium_init (), >=, 0);
  randombytes_buf (bytes, len);
  g_file_set_contents (path, (const char *) bytes, (gssize) len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);

  return path;
}

void
outbox_test_env_init (OutboxTestEnv *env)
{
  g_autoptr(GError) error = NULL;

  env->dir = g_dir_make_tmp ("loket-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  env->key_file = outbox_test_write_key (env->dir, "outbox.key", 32, 0600);
}

void
outbox_test_remove_tree (const char *path)
{
  test_tree_remove (path);
}

void
outbox_test_env_clear (OutboxTestEnv *env)
{
  outbox_test_remove_tree (env->dir);
  g_clear_pointer (&env->dir, g_free);
  g_clear_pointer (&env->key_file, g_free);
}

LoketOutbox *
outbox_test_open (OutboxTestEnv *env)
{
  g_autoptr(GError) error = NULL;
  LoketOutbox *outbox = loket_outbox_open (env->dir, env->key_file, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outbox);
  g_assert_null (loket_outbox_get_key_error (outbox));
  return outbox;
}

GBytes *
outbox_test_body (const char *part_id,
                  const char *service)
{
  char *json = g_strdup_printf ("{\"protocol\":\"loket-agency/1\",\"part_id\":\"%s\","
                                "\"service\":\"%s\",\"data\":{\"name\":\"" TEST_NAME "\","
                                "\"nik\":\"" TEST_NIK "\",\"phone\":\"" TEST_PHONE "\"}}",
                                part_id, service);

  return g_bytes_new_take (json, strlen (json));
}

char *
outbox_test_new_code (void)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  char code[14];

  for (int i = 0; i < 13; i++)
    code[i] = alphabet[g_random_int_range (0, 32)];
  code[13] = '\0';
  return g_strdup (code);
}

GStrv
outbox_test_store (LoketOutbox *outbox,
                   const char  *tracking_code,
                   guint        n_parts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree LoketOutboxPartSpec *parts = g_new0 (LoketOutboxPartSpec, n_parts);
  LoketOutboxRequestSpec spec = {
    .tracking_code = tracking_code,
    .language = "id",
    .life_event = "birth",
    .parts = parts,
    .n_parts = n_parts,
  };

  for (guint i = 0; i < n_parts; i++)
    {
      char *part_id = g_uuid_string_random ();
      char *service = g_strdup_printf ("s%u", i);
      char *agency = g_strdup_printf ("a%u", i);
      GBytes *body = outbox_test_body (part_id, service);

      g_ptr_array_add (keep, part_id);
      g_ptr_array_add (keep, service);
      g_ptr_array_add (keep, agency);
      g_ptr_array_add (bodies, body);
      parts[i] = (LoketOutboxPartSpec) {
        .part_id = part_id, .service = service, .agency = agency, .body = body,
      };
      g_strv_builder_add (ids, part_id);
    }

  loket_outbox_store_request (outbox, &spec, &error);
  g_assert_no_error (error);

  return g_strv_builder_end (ids);
}

gboolean
outbox_test_bytes_contain (GBytes     *bytes,
                           const char *needle)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

gboolean
outbox_test_file_contains (const char *path,
                           const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

gboolean
outbox_test_files_contain (const char *dir,
                           const char *needle)
{
  static const char * const names[] = {
    "outbox.sqlite3", "outbox.sqlite3-wal", "outbox.sqlite3-shm", "outbox.sqlite3-journal",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (outbox_test_file_contains (path, needle))
        return TRUE;
    }
  return FALSE;
}

gint64
outbox_test_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

LoketOutboxPart *
outbox_test_get_part (LoketOutbox *outbox,
                      const char  *part_id)
{
  g_autoptr(GError) error = NULL;
  LoketOutboxPart *part = loket_outbox_get_part (outbox, part_id, &error);

  g_assert_no_error (error);
  return part;
}

/* Whether user may walk down to path: every folder above it lets others through. */
static gboolean
others_can_reach (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  while (TRUE)
    {
      GStatBuf st;
      g_autofree char *parent = NULL;

      if (g_stat (folder, &st) != 0 || (st.st_mode & S_IXOTH) == 0)
        return FALSE;
      parent = g_path_get_dirname (folder);
      if (g_str_equal (parent, folder))
        return TRUE;
      g_free (folder);
      folder = g_steal_pointer (&parent);
    }
}

char *
outbox_test_nobody_dir (const char  *nobody_name,
                        char       **state_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-ctl-user-XXXXXX", &error);
  struct passwd *nobody = getpwnam (nobody_name);

  g_assert_no_error (error);
  g_assert_nonnull (nobody);
  if (!others_can_reach (dir))
    {
      outbox_test_remove_tree (dir);
      g_test_skip ("user 'nobody' cannot reach the temporary folder (set TMPDIR elsewhere)");
      return NULL;
    }
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  *state_dir = g_build_filename (dir, "state", NULL);
  g_assert_cmpint (g_mkdir (*state_dir, 0700), ==, 0);
  g_assert_cmpint (chown (*state_dir, nobody->pw_uid, nobody->pw_gid), ==, 0);
  return g_steal_pointer (&dir);
}
