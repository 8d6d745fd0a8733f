/* test-outbox-disk.c — the test citizen's data is nowhere on the raw disk, deleted blocks
 * included: the outbox lives on a loop-mounted ext4 image, and the image is searched
 *
 * DEBIAN12.md: deleted rows stay in the file system's free blocks, so grepping the database
 * files proves little; only encryption before writing keeps personal data off the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
    g_autoptr(LoketOutbox) outbox = loket_outbox_open (state, env.key_file, 0, &error);
    g_autoptr(GPtrArray) claimed = NULL;
    g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
    LoketOutboxSweepStats stats;
    gint64 now = g_get_real_time ();

    g_assert_no_error (error);
    loket_outbox_set_clock (outbox, outbox_test_clock, &now);

    /* 50 requests of two parts; some delivered, some rejected, some cancelled, the rest left
     * queued until the pii-max-days sweep deletes their data */
    for (guint i = 0; i < 50; i++)
      {
        g_autofree char *code = outbox_test_new_code ();
        g_auto(GStrv) ids = outbox_test_store (outbox, code, 2);
      }

    claimed = loket_outbox_claim_due (outbox, "e", G_TIME_SPAN_MINUTE, 60, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 60);
    for (guint i = 0; i < claimed->len; i++)
      {
        const char *part_id = ((LoketOutboxPart *) g_ptr_array_index (claimed, i))->part_id;
        g_autoptr(GBytes) body = loket_outbox_decrypt_body (outbox, part_id, "e", &error);
        LoketOutboxResult result = {
          .outcome = i % 3 == 0 ? LOKET_OUTBOX_OUTCOME_REJECTED
                                : LOKET_OUTBOX_OUTCOME_DELIVERED,
          .http_status = i % 3 == 0 ? 422 : 201, .reference = "R",
        };

        g_assert_no_error (error);
        if (i % 7 == 0)
          {
            g_assert_true (loket_outbox_release (outbox, part_id, "e", &error));
            g_assert_no_error (error);
            g_assert_true (loket_outbox_cancel (outbox, part_id, &error));
          }
        else
          g_assert_true (loket_outbox_record_outcome (outbox, part_id, "e", &result, &error));
        g_assert_no_error (error);
      }

    now += 15 * G_TIME_SPAN_DAY;
    g_assert_true (loket_outbox_sweep (outbox, 14, 90, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.parts_expired, ==, 40);
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

  g_test_add_func ("/outbox/disk/raw-image", test_raw_image);

  return g_test_run ();
}
