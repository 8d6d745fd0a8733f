/* test-delivery-disk.c — no personal data on disk in plain text, deleted blocks included
 *
 * The state folder lives on a fresh ext4 image mounted through a loop device. A request is
 * submitted and delivered to the end, a second one stays (its agency refuses), then the
 * image is unmounted and its RAW bytes are searched for the citizen's name, NIK and phone.
 * A canary file written and deleted on the same image proves the search sees free blocks.
 * Needs root and loop devices; without them it says why and skips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"
#define _GNU_SOURCE  /* memmem */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sim-fixture.h"

/* From tests/data/requests/four-agencies.json. */
static const char *secrets[] = {
  "Dewi Lestari Kusumawardhani",
  "3273014101900001",
  "081377712345",
  "6281377712345",
  "Hadi Kusumo",
  "Jalan Merdeka 17",
};

static const char canary[] = "CANARY Sumarni Wijayakusuma 3171015507770099";

static gboolean
run (const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("%s: %s %s", first, error->message, err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

static guint
count_in_image (const char *image,
                const char *needle)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *data, *end, *p;
  gsize needle_len = strlen (needle);
  guint found = 0;

  file = g_mapped_file_new (image, FALSE, &error);
  g_assert_no_error (error);
  data = g_mapped_file_get_contents (file);
  end = data + g_mapped_file_get_length (file);
  for (p = data; p != NULL && p + needle_len <= end; p++)
    {
      p = memmem (p, (gsize) (end - p), needle, needle_len);
      if (p == NULL)
        break;
      found++;
    }
  return found;
}

static void
test_raw_image (void)
{
  g_autoptr(SimFixture) sim = NULL;
  g_autofree char *image = NULL;
  g_autofree char *mount_point = NULL;
  g_autofree char *canary_path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *out = NULL;
  gboolean mounted;

  if (geteuid () != 0)
    {
      g_test_skip ("mounting a loop image needs root; this test runs as another user");
      return;
    }

  sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  image = g_build_filename (sim->dir, "state.img", NULL);
  mount_point = g_build_filename (sim->dir, "mnt", NULL);
  g_assert_no_errno (g_mkdir (mount_point, 0700));
  g_assert_true (run ("truncate", "-s", "48M", image, NULL));
  g_assert_true (run ("mkfs.ext4", "-q", "-F", image, NULL));
  mounted = run ("mount", "-o", "loop", image, mount_point, NULL);
  if (!mounted)
    {
      g_test_skip ("this environment does not allow mounting a loop device (see the messages)");
      return;
    }

  /* The canary: plain text written, synced and deleted must still be found in the image. */
  /* 1 MiB of it, so that the outbox's own writes cannot reuse every block it freed. */
  canary_path = g_build_filename (mount_point, "canary.txt", NULL);
  {
    g_autoptr(GString) text = g_string_new (NULL);

    while (text->len < 1024 * 1024)
      g_string_append_printf (text, "%s\n", canary);
    g_assert_true (g_file_set_contents (canary_path, text->str, (gssize) text->len, NULL));
  }
  g_assert_true (run ("sync", NULL));
  g_assert_no_errno (g_remove (canary_path));

  g_free (sim->state_dir);
  sim->state_dir = g_build_filename (mount_point, "state", NULL);
  sim_fixture_write_config (sim, 2, NULL, NULL);

  /* One request to the end; one that stays, its agency refusing for now. */
  code = sim_fixture_submit (sim, "four-agencies");
  for (guint round = 0; round < 3; round++)
    g_assert_cmpint (sim_fixture_ctl (sim, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                      NULL), ==, 0);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "outbox", "show", code, NULL), ==, 0);
  g_assert_null (strstr (out, "stored, encrypted"));
  sim_fixture_set_faults (sim, "samsat", "unavailable:60,method=post", NULL);
  kept = sim_fixture_submit (sim, "stnk-renewal");
  g_assert_cmpint (sim_fixture_ctl (sim, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "outbox", "show", kept, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "stored, encrypted"));

  g_assert_true (run ("umount", mount_point, NULL));

  g_assert_cmpuint (count_in_image (image, canary), >=, 1);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      guint found = count_in_image (image, secrets[i]);

      if (found > 0)
        g_test_message ("found '%s' %u times in the raw image", secrets[i], found);
      g_assert_cmpuint (found, ==, 0);
    }
  /* The agency got them: the search finds what is there. */
  g_assert_cmpuint (count_in_image (sim->record, secrets[0]), >=, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/delivery/disk/raw-image", test_raw_image);

  return g_test_run ();
}
