/* bench-outbox.c — how many durable outbox changes per second this machine makes
 *
 * Every change is a committed, fsync'd transaction (WAL, synchronous=FULL), so the numbers are
 * bounded by the disk's flush latency, not by the CPU. Runs in a temporary folder (or the one
 * given as the first argument, to measure a particular disk).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "outbox/loket-outbox.h"
#include "test-tree.h"

#define REQUESTS 200
#define PARTS 3

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *padding = g_strnfill (1500, 'x');
  guint8 key[32];
  gint64 start, elapsed;
  guint changes = 0;

  dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("loket-bench-XXXXXX", &error);
  g_assert_no_error (error);
  key_file = g_build_filename (dir, "bench.key", NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  randombytes_buf (key, sizeof key);
  g_file_set_contents (key_file, (const char *) key, sizeof key, &error);
  g_assert_no_error (error);
  g_chmod (key_file, 0600);

  outbox = loket_outbox_open (dir, key_file, 0, &error);
  g_assert_no_error (error);

  /* Storing: one transaction per request of three parts, bodies of about 1.5 kB */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < REQUESTS; i++)
    {
      char code[16], ids[PARTS][48];
      g_autofree char *json = g_strdup_printf ("{\"n\":%u,\"pad\":\"%s\"}", i, padding);
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      LoketOutboxPartSpec parts[PARTS];
      LoketOutboxRequestSpec spec = {
        .tracking_code = code, .language = "id", .parts = parts, .n_parts = PARTS,
      };

      g_snprintf (code, sizeof code, "B%012u", i);
      for (guint p = 0; p < PARTS; p++)
        {
          g_snprintf (ids[p], sizeof ids[p], "%s-%u", code, p);
          parts[p] = (LoketOutboxPartSpec) {
            .part_id = ids[p], .service = "s", .agency = "a", .body = body,
          };
        }
      if (!loket_outbox_store_request (outbox, &spec, &error))
        g_error ("%s", error->message);
    }
  elapsed = g_get_monotonic_time () - start;
  printf ("store request (%d parts): %.0f per second (%.2f ms each)\n", PARTS,
          REQUESTS * (double) G_USEC_PER_SEC / (double) elapsed,
          (double) elapsed / REQUESTS / 1000.0);

  /* Delivering: a claim, a decrypt and an outcome per part — two durable changes */
  start = g_get_monotonic_time ();
  for (;;)
    {
      g_autoptr(GPtrArray) claimed = loket_outbox_claim_due (outbox, "bench", G_TIME_SPAN_MINUTE,
                                                             1, &error);
      LoketOutboxResult ok = {
        .outcome = LOKET_OUTBOX_OUTCOME_DELIVERED, .http_status = 201, .reference = "R",
      };
      const char *part_id;
      g_autoptr(GBytes) body = NULL;

      if (claimed == NULL)
        g_error ("%s", error->message);
      if (claimed->len == 0)
        break;
      part_id = ((LoketOutboxPart *) g_ptr_array_index (claimed, 0))->part_id;
      body = loket_outbox_decrypt_body (outbox, part_id, "bench", &error);
      if (body == NULL || !loket_outbox_record_outcome (outbox, part_id, "bench", &ok, &error))
        g_error ("%s", error->message);
      changes += 2;
    }
  elapsed = g_get_monotonic_time () - start;
  printf ("state changes (claim, outcome): %.0f per second (%.2f ms each, %u changes)\n",
          changes * (double) G_USEC_PER_SEC / (double) elapsed,
          (double) elapsed / changes / 1000.0, changes);

  g_clear_pointer (&outbox, loket_outbox_close);
  if (argc <= 1)
    test_tree_remove (dir);
  return 0;
}
