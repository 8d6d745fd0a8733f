/* test-offer.c — today's offer: a day-only entry ends at local midnight, "until switched
 * back" does not, the file round-trips and a bad one is refused with its file and group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "core/loket-offer.h"

static gint64
clock_at (gpointer data)
{
  return *(gint64 *) data;
}

/* Local time (the tests run in Asia/Jakarta, UTC+7; any zone works: times are built here). */
static gint64
local_usec (int y, int m, int d, int h, int min)
{
  g_autoptr(GDateTime) t = g_date_time_new_local (y, m, d, h, min, 0);

  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

static void
test_day_boundary (void)
{
  g_autoptr(LoketOffer) offer = loket_offer_new ();
  gint64 now = local_usec (2026, 12, 6, 8, 0);
  gboolean until_back = TRUE;

  loket_offer_set_clock (offer, clock_at, &now);
  loket_offer_switch_off (offer, LOKET_OFFER_LIFE_EVENT, "birth", FALSE);
  loket_offer_switch_off (offer, LOKET_OFFER_SERVICE, "kia", TRUE);
  g_assert_true (loket_offer_is_off (offer, LOKET_OFFER_LIFE_EVENT, "birth", &until_back));
  g_assert_false (until_back);
  /* Not the service of the same id: kinds are apart. */
  g_assert_false (loket_offer_is_off (offer, LOKET_OFFER_SERVICE, "birth", NULL));

  now = local_usec (2026, 12, 6, 23, 59);
  g_assert_true (loket_offer_is_off (offer, LOKET_OFFER_LIFE_EVENT, "birth", NULL));
  now = local_usec (2026, 12, 7, 0, 0);
  g_assert_false (loket_offer_is_off (offer, LOKET_OFFER_LIFE_EVENT, "birth", NULL));
  g_assert_true (loket_offer_is_off (offer, LOKET_OFFER_SERVICE, "kia", &until_back));
  g_assert_true (until_back);
  now = local_usec (2027, 3, 1, 12, 0);
  g_assert_true (loket_offer_is_off (offer, LOKET_OFFER_SERVICE, "kia", NULL));
  g_assert_true (loket_offer_switch_on (offer, LOKET_OFFER_SERVICE, "kia"));
  g_assert_false (loket_offer_is_off (offer, LOKET_OFFER_SERVICE, "kia", NULL));
  g_assert_false (loket_offer_switch_on (offer, LOKET_OFFER_SERVICE, "kia"));
}

static void
test_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("loket-offer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, LOKET_OFFER_FILE_NAME, NULL);
  g_autoptr(LoketOffer) offer = loket_offer_new ();
  g_autoptr(LoketOffer) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = local_usec (2026, 12, 6, 8, 0);

  /* No file: everything offered. */
  read = loket_offer_load (dir, &error);
  g_assert_no_error (error);
  g_assert_false (loket_offer_is_off (read, LOKET_OFFER_SERVICE, "kia", NULL));
  g_clear_pointer (&read, loket_offer_free);

  loket_offer_set_clock (offer, clock_at, &now);
  loket_offer_switch_off (offer, LOKET_OFFER_LIFE_EVENT, "moving", FALSE);
  loket_offer_switch_off (offer, LOKET_OFFER_SERVICE, "kia", TRUE);
  g_assert_true (loket_offer_save (offer, dir, &error));
  g_assert_no_error (error);

  read = loket_offer_load (dir, &error);
  g_assert_no_error (error);
  loket_offer_set_clock (read, clock_at, &now);
  g_assert_true (loket_offer_is_off (read, LOKET_OFFER_LIFE_EVENT, "moving", NULL));
  g_assert_true (loket_offer_is_off (read, LOKET_OFFER_SERVICE, "kia", NULL));

  /* A bad group is refused, with the file and the group. */
  g_assert_true (g_file_set_contents (path, "[service kia]\noff = someday\n", -1, NULL));
  g_clear_pointer (&read, loket_offer_free);
  read = loket_offer_load (dir, &error);
  g_assert_null (read);
  g_assert_error (error, LOKET_OFFER_ERROR, LOKET_OFFER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "[service kia]"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/offer/day-boundary", test_day_boundary);
  g_test_add_func ("/offer/file", test_file);
  return g_test_run ();
}
