/* test-outbox-key.c — the key file: refused with a clear reason when unusable, while what is
 * stored stays listable; a different key cannot decrypt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "outbox-test-util.h"

typedef enum {
  KEY_FILE,
  KEY_MISSING,
  KEY_SYMLINK,   /* to a good key */
  KEY_FIFO,      /* opened without O_NONBLOCK, it would hang start-up for ever */
  KEY_FOLDER,
} KeyShape;

typedef struct {
  const char *name;
  gsize       len;
  int         mode;
  KeyShape    shape;
  const char *expected;   /* a phrase the message must carry */
} BadKey;

static char *
make_bad_key (const char   *dir,
              const BadKey *bad)
{
  g_autofree char *target = NULL;
  char *path;

  if (bad->shape == KEY_FILE)
    return outbox_test_write_key (dir, bad->name, bad->len, bad->mode);

  path = g_build_filename (dir, bad->name, NULL);
  switch (bad->shape)
    {
    case KEY_SYMLINK:
      target = outbox_test_write_key (dir, "link-target.key", 32, 0600);
      g_assert_cmpint (symlink (target, path), ==, 0);
      break;
    case KEY_FIFO:
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      break;
    case KEY_FOLDER:
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      break;
    case KEY_MISSING:
    case KEY_FILE:
    default:
      break;
    }
  return path;
}

static void
test_bad_keys (void)
{
  static const BadKey cases[] = {
    { "missing.key", 32, 0600, KEY_MISSING, "(outbox key): it does not exist" },
    { "short.key", 31, 0600, KEY_FILE, "31 bytes: it must hold exactly 32 bytes" },
    { "long.key", 33, 0600, KEY_FILE, "33 bytes: it must hold exactly 32 bytes" },
    { "empty.key", 0, 0600, KEY_FILE, "(outbox key): the file is empty" },
    { "world.key", 32, 0644, KEY_FILE, "mode 0644: the file must be readable by its owner only" },
    { "group.key", 32, 0640, KEY_FILE, "mode 0640: the file must be readable by its owner only" },
    { "link.key", 32, 0600, KEY_SYMLINK, "(outbox key): a symbolic link" },
    { "fifo.key", 32, 0600, KEY_FIFO, "(outbox key): a FIFO (named pipe), not a regular file" },
    { "folder.key", 32, 0700, KEY_FOLDER, "(outbox key): a folder, not a regular file" },
  };
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;

  outbox_test_env_init (&env);

  /* Something stored with the good key first */
  {
    g_autoptr(LoketOutbox) outbox = outbox_test_open (&env);

    ids = outbox_test_store (outbox, code, 2);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(LoketOutbox) outbox = NULL;
      g_autoptr(LoketOutboxRequest) request = NULL;
      g_autoptr(GPtrArray) claimed = NULL;
      g_auto(GStrv) more = NULL;
      const GError *key_error;
      g_autoptr(GBytes) body = outbox_test_body ("k-0", "s");
      LoketOutboxPartSpec part = { .part_id = "k-0", .service = "s", .agency = "a", .body = body };
      LoketOutboxRequestSpec spec = {
        .tracking_code = "KKKKKKKKKKKKK", .language = "id", .parts = &part, .n_parts = 1,
      };

      g_test_message ("key file: %s", cases[i].name);
      path = make_bad_key (env.dir, &cases[i]);

      /* The outbox opens; the key problem is reported, naming the file and the cause */
      outbox = loket_outbox_open (env.dir, path, 0, &error);
      g_assert_no_error (error);
      key_error = loket_outbox_get_key_error (outbox);
      g_assert_nonnull (key_error);
      g_assert_error (key_error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY);
      g_assert_nonnull (strstr (key_error->message, path));
      g_assert_nonnull (strstr (key_error->message, cases[i].expected));
      g_assert_nonnull (strstr (key_error->message, "new requests are refused"));

      /* New requests are refused with that reason */
      g_assert_false (loket_outbox_store_request (outbox, &spec, &error));
      g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY);
      g_assert_cmpstr (error->message, ==, key_error->message);
      g_clear_error (&error);

      /* Nothing is claimed for sending */
      claimed = loket_outbox_claim_due (outbox, "e", G_USEC_PER_SEC, 10, &error);
      g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY);
      g_assert_null (claimed);
      g_clear_error (&error);

      /* What was stored is still there and listable */
      request = loket_outbox_get_request (outbox, code, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (request->parts->len, ==, 2);
      {
        LoketOutboxPart *stored = g_ptr_array_index (request->parts, 1);

        g_assert_cmpstr (stored->part_id, ==, ids[1]);
        g_assert_true (stored->has_personal_data);
      }
    }

  /* The good key still opens everything */
  {
    g_autoptr(LoketOutbox) outbox = outbox_test_open (&env);
    g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "e", G_USEC_PER_SEC, 10,
                                                           &error);
    g_autoptr(GBytes) body = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 2);
    body = loket_outbox_decrypt_body (outbox, ids[0], "e", &error);
    g_assert_no_error (error);
    g_assert_true (outbox_test_bytes_contain (body, TEST_NAME));
  }

  outbox_test_env_clear (&env);
}

static void
test_no_key_configured (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  const GError *key_error;

  outbox_test_env_init (&env);
  outbox = loket_outbox_open (env.dir, NULL, 0, &error);
  g_assert_no_error (error);
  key_error = loket_outbox_get_key_error (outbox);
  g_assert_error (key_error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY);
  g_assert_nonnull (strstr (key_error->message, "key-file"));

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

static void
test_wrong_key (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_autofree char *other_key = NULL;
  g_auto(GStrv) ids = NULL;

  outbox_test_env_init (&env);
  {
    g_autoptr(LoketOutbox) outbox = outbox_test_open (&env);

    ids = outbox_test_store (outbox, code, 1);
  }

  /* A valid key, but not the one the data was sealed with */
  other_key = outbox_test_write_key (env.dir, "other.key", 32, 0600);
  {
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (env.dir, other_key, 0, &error);
    g_autoptr(GPtrArray) claimed = NULL;
    g_autoptr(GBytes) body = NULL;

    g_assert_no_error (error);
    g_assert_null (loket_outbox_get_key_error (outbox));
    claimed = loket_outbox_claim_due (outbox, "e", G_USEC_PER_SEC, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 1);

    body = loket_outbox_decrypt_body (outbox, ids[0], "e", &error);
    g_assert_null (body);
    g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DECRYPT);
    g_assert_nonnull (strstr (error->message, ids[0]));
    g_assert_nonnull (strstr (error->message, other_key));
    g_assert_nonnull (strstr (error->message, "the key was changed"));
  }

  outbox_test_env_clear (&env);
}

static void
test_bound_to_part (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GBytes) body = NULL;
  sqlite3 *db = NULL;

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  ids = outbox_test_store (outbox, code, 2);

  /* Swapping two sealed bodies is detected: the part id is the associated data */
  path = g_build_filename (env.dir, "outbox.sqlite3", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE parts SET body = (SELECT body FROM parts "
                                     "WHERE seq = 1) WHERE seq = 0", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  claimed = loket_outbox_claim_due (outbox, "e", G_USEC_PER_SEC, 10, &error);
  g_assert_no_error (error);
  body = loket_outbox_decrypt_body (outbox, ids[0], "e", &error);
  g_assert_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DECRYPT);
  g_clear_error (&error);
  g_clear_pointer (&body, g_bytes_unref);
  body = loket_outbox_decrypt_body (outbox, ids[1], "e", &error);
  g_assert_no_error (error);

  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/key/bad-files", test_bad_keys);
  g_test_add_func ("/outbox/key/none-configured", test_no_key_configured);
  g_test_add_func ("/outbox/key/wrong-key", test_wrong_key);
  g_test_add_func ("/outbox/key/bound-to-part", test_bound_to_part);

  return g_test_run ();
}
