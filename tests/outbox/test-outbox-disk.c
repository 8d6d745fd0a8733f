/* test-outbox-disk.c — the test citizen's data is nowhere on the raw disk, deleted blocks
 * included: the outbox lives on a loop-mounted ext4 image, and the image is searched
 *
 * DEBIAN12.md: deleted rows stay in the file system's free blocks, so grepping the database
 * files proves little; only encryption before writing keeps personal data off the disk. And
 * the ciphertext of ended parts leaves the database and -wal files with the delivery batch
 * that ended them, while the kiosk's own connection is open too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "outbox-test-util.h"

#define CONTROL_NAME "Bambang Kontrol Pamungkas"

/* A failed assertion aborts: detach the image then, so no mount outlives the test. */
static char mounted_at[4096];

static void
detach_on_abort (int signum)
{
  if (mounted_at[0] != '\0')
    umount2 (mounted_at, MNT_DETACH);
  signal (signum, SIG_DFL);
  raise (signum);
}

static gboolean
run (GError **error,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               error);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s",
                   (const char *) argv->pdata[0], err != NULL ? g_strstrip (err) : "");
      return FALSE;
    }
  return TRUE;
}

/* The kiosk's screens and its delivery engine each hold a connection to the outbox. */
typedef struct {
  LoketOutbox *kiosk;
  LoketOutbox *engine;
} Connections;

#define NONCE_BYTES 24
#define CIPHERTEXT_SAMPLE 32

/* part id → 32 bytes of its body's ciphertext (after the nonce), read from the file itself. */
static GHashTable *
read_ciphertexts (const char *state)
{
  g_autofree char *path = g_build_filename (state, "outbox.sqlite3", NULL);
  GHashTable *ciphertexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_bytes_unref);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT part_id, body FROM parts "
                                       "WHERE body IS NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *body = sqlite3_column_blob (stmt, 1);

      g_assert_cmpint (sqlite3_column_bytes (stmt, 1), >, NONCE_BYTES + CIPHERTEXT_SAMPLE);
      g_hash_table_insert (ciphertexts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_bytes_new (body + NONCE_BYTES, CIPHERTEXT_SAMPLE));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ciphertexts;
}

/* In the database file or its -wal file. */
static gboolean
files_hold (const char *state,
            GBytes     *needle)
{
  static const char * const names[] = { "outbox.sqlite3", "outbox.sqlite3-wal" };
  gsize needle_len;
  const void *needle_data = g_bytes_get_data (needle, &needle_len);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (state, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &contents, &len, NULL) &&
          memmem (contents, len, needle_data, needle_len) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* One delivery batch of the claimed parts (every 7th is left claimed, for staff to cancel
 * later), while the kiosk's connection reads now and then as its screens do. Right after the
 * batch's commit, the ciphertext of the parts it ended is in neither file. */
static void
deliver_one_batch (Connections *c,
                   const char  *state,
                   guint        n_parts)
{
  g_autoptr(GHashTable) ciphertexts = read_ciphertexts (state);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  guint ended = 0, kept = 0;

  claimed = loket_outbox_claim_due (c->engine, "e", G_TIME_SPAN_MINUTE, n_parts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, n_parts);

  g_assert_true (loket_outbox_batch_begin (c->engine, &error));
  for (guint i = 0; i < claimed->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (claimed, i);
      g_autoptr(GBytes) body = loket_outbox_decrypt_body (c->engine, part->part_id, "e", &error);
      LoketOutboxResult result = {
        .outcome = i % 3 == 0 ? LOKET_OUTBOX_OUTCOME_REJECTED : LOKET_OUTBOX_OUTCOME_DELIVERED,
        .http_status = i % 3 == 0 ? 422 : 201, .reference = "R",
      };

      g_assert_no_error (error);
      if (i % 7 != 0)
        g_assert_true (loket_outbox_record_outcome (c->engine, part->part_id, "e", &result,
                                                    &error));
      g_assert_no_error (error);

      if (i % 10 == 0)
        {
          g_autoptr(LoketOutboxRequest) request =
            loket_outbox_get_request (c->kiosk, part->tracking_code, &error);
          g_autoptr(GPtrArray) all = loket_outbox_list_parts (c->kiosk, NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (request);
          g_assert_nonnull (all);
        }
    }
  g_assert_true (loket_outbox_batch_commit (c->engine, &error));
  g_assert_no_error (error);

  /* A read transaction left open would make the checkpoint incomplete */
  g_assert_false (loket_outbox_in_transaction (c->kiosk));

  for (guint i = 0; i < claimed->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (claimed, i);
      GBytes *ciphertext = g_hash_table_lookup (ciphertexts, part->part_id);

      g_assert_nonnull (ciphertext);
      if (i % 7 != 0)
        {
          g_assert_false (files_hold (state, ciphertext));
          ended++;
        }
      else
        {
          /* The control: a part not ended keeps its ciphertext, and the search finds it */
          g_assert_true (files_hold (state, ciphertext));
          kept++;
        }
    }
  g_test_message ("%u parts ended in one batch, their ciphertext gone; %u kept theirs",
                  ended, kept);

  /* Staff cancel the others: each cancel's commit takes their ciphertext too */
  for (guint i = 0; i < claimed->len; i += 7)
    {
      LoketOutboxPart *part = g_ptr_array_index (claimed, i);

      g_assert_true (loket_outbox_release (c->engine, part->part_id, "e", &error));
      g_assert_no_error (error);
      g_assert_true (loket_outbox_cancel (c->kiosk, part->part_id, &error));
      g_assert_no_error (error);
      g_assert_false (files_hold (state, g_hash_table_lookup (ciphertexts, part->part_id)));
    }
}

/* The same, on an ordinary folder: runs without root. */
static void
test_ended_ciphertext (void)
{
  OutboxTestEnv env;
  Connections c;

  outbox_test_env_init (&env);
  c.kiosk = outbox_test_open (&env);
  c.engine = outbox_test_open (&env);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *code = outbox_test_new_code ();
      g_auto(GStrv) ids = outbox_test_store (c.kiosk, code, 2);
    }
  deliver_one_batch (&c, env.dir, 30);

  loket_outbox_close (c.engine);
  loket_outbox_close (c.kiosk);
  outbox_test_env_clear (&env);
}

static void
test_raw_image (void)
{
  OutboxTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autofree char *image = NULL;
  g_autofree char *mnt = NULL;
  g_autofree char *state = NULL;
  g_autofree char *control = NULL;
  const char *needles[] = { TEST_NAME, TEST_NIK, TEST_PHONE };

  outbox_test_env_init (&env);
  image = g_build_filename (env.dir, "disk.img", NULL);
  mnt = g_build_filename (env.dir, "mnt", NULL);
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);

  if (!run (&error, "truncate", "-s", "16M", image, NULL) ||
      !run (&error, "mkfs.ext4", "-q", "-F", image, NULL) ||
      !run (&error, "mount", "-o", "loop", image, mnt, NULL))
    {
      /* Needs root, mkfs.ext4 (e2fsprogs) and a free loop device */
      g_test_skip_printf ("cannot loop-mount an ext4 image: %s", error->message);
      outbox_test_env_clear (&env);
      return;
    }

  g_strlcpy (mounted_at, mnt, sizeof mounted_at);
  signal (SIGABRT, detach_on_abort);

  state = g_build_filename (mnt, "state", NULL);
  {
    Connections c;
    LoketOutboxSweepStats stats;
    gint64 now = g_get_real_time ();

    c.kiosk = loket_outbox_open (state, env.key_file, 0, &error);
    g_assert_no_error (error);
    c.engine = loket_outbox_open (state, env.key_file, 0, &error);
    g_assert_no_error (error);
    loket_outbox_set_clock (c.kiosk, outbox_test_clock, &now);
    loket_outbox_set_clock (c.engine, outbox_test_clock, &now);

    /* 50 requests of two parts, stored by the kiosk; the engine delivers or rejects some,
     * staff cancel others, the rest stay queued until the pii-max-days sweep deletes their
     * data */
    for (guint i = 0; i < 50; i++)
      {
        g_autofree char *code = outbox_test_new_code ();
        g_auto(GStrv) ids = outbox_test_store (c.kiosk, code, 2);
      }
    deliver_one_batch (&c, state, 60);

    now += 15 * G_TIME_SPAN_DAY;
    g_assert_true (loket_outbox_sweep (c.engine, 14, 90, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.parts_expired, ==, 40);

    loket_outbox_close (c.engine);
    loket_outbox_close (c.kiosk);
  }

  /* The control: a plain file with a name, deleted. Its bytes stay in the free blocks, so
   * the search below can find deleted data — which makes "not found" mean something. */
  control = g_build_filename (mnt, "control.txt", NULL);
  g_file_set_contents (control, CONTROL_NAME "\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (run (&error, "sync", NULL));
  g_assert_cmpint (g_remove (control), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_false (outbox_test_files_contain (state, needles[i]));

  g_assert_true (run (&error, "umount", mnt, NULL));
  g_assert_no_error (error);
  mounted_at[0] = '\0';

  g_assert_true (outbox_test_file_contains (image, CONTROL_NAME));
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_test_message ("searching the raw image for %s", needles[i]);
      g_assert_false (outbox_test_file_contains (image, needles[i]));
    }

  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/disk/ended-ciphertext", test_ended_ciphertext);
  g_test_add_func ("/outbox/disk/raw-image", test_raw_image);

  return g_test_run ();
}
