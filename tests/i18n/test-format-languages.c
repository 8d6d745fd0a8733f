/* test-format-languages.c — dates, times, money and counts read the same in both languages,
 * whether the words come from po/id.po (the screens' language) or from loket-format.c's own
 * table (a receipt drawn in another language than the screens)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "core/loket-format.h"
#include "core/loket-i18n.h"

static const char *const months_id[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
  "Oktober", "November", "Desember",
};
static const char *const months_en[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};
static const char *const weekdays_id[] = {
  "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
};

/* With Indonesian current, the names come through gettext from the build tree's id.po; with
 * English current, loket_format_*("id", …) falls back to the table. Both must agree. */
static void
test_names_agree (void)
{
  for (guint m = 0; m < 12; m++)
    {
      loket_i18n_set_language ("id");
      g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "month name", months_en[m]), ==,
                       months_id[m]);
      g_assert_cmpstr (loket_format_month_name (NULL, m + 1), ==, months_id[m]);
      g_assert_cmpstr (loket_format_month_name ("en", m + 1), ==, months_en[m]);

      loket_i18n_set_language ("en");
      g_assert_cmpstr (loket_format_month_name ("id", m + 1), ==, months_id[m]);
      g_assert_cmpstr (loket_format_month_name (NULL, m + 1), ==, months_en[m]);
    }

  for (guint d = 0; d < 7; d++)
    {
      loket_i18n_set_language ("id");
      g_assert_cmpstr (loket_format_weekday_name (NULL, d + 1), ==, weekdays_id[d]);
      loket_i18n_set_language ("en");
      g_assert_cmpstr (loket_format_weekday_name ("id", d + 1), ==, weekdays_id[d]);
    }
}

static void
test_both_languages (void)
{
  static const char *const languages[] = { "id", "en" };
  g_autoptr(GTimeZone) jakarta = g_time_zone_new_identifier ("Asia/Jakarta");
  g_autoptr(GDateTime) submitted = NULL;
  g_autoptr(GDate) date = g_date_new_dmy (3, G_DATE_DECEMBER, 2026);

  g_assert_nonnull (jakarta);
  submitted = g_date_time_new (jakarta, 2026, 11, 28, 14, 5, 0);

  /* The screens' language and the receipt's may differ: every pair is checked. */
  for (guint current = 0; current < G_N_ELEMENTS (languages); current++)
    {
      g_autofree char *id_money = NULL, *en_money = NULL, *id_free = NULL, *en_free = NULL;
      g_autofree char *id_when = NULL, *en_when = NULL, *id_date = NULL, *en_date = NULL;
      g_autofree char *id_days = NULL, *en_day = NULL, *en_days = NULL, *id_count = NULL;
      g_autofree char *en_count = NULL, *id_short = NULL;

      loket_i18n_set_language (languages[current]);

      id_money = loket_format_money ("id", 50000);
      en_money = loket_format_money ("en", 50000);
      id_free = loket_format_money ("id", 0);
      en_free = loket_format_money ("en", 0);
      id_when = loket_format_date_time ("id", submitted);
      en_when = loket_format_date_time ("en", submitted);
      id_date = loket_format_date ("id", date);
      en_date = loket_format_date ("en", date);
      id_short = loket_format_date_short ("id", date);
      id_days = loket_format_working_days ("id", 3);
      en_day = loket_format_working_days ("en", 1);
      en_days = loket_format_working_days ("en", 3);
      id_count = loket_format_integer ("id", 1234567);
      en_count = loket_format_integer ("en", 1234567);

      g_assert_cmpstr (id_money, ==, "Rp 50.000");
      g_assert_cmpstr (en_money, ==, "Rp 50,000");
      g_assert_cmpstr (id_free, ==, "Gratis");
      g_assert_cmpstr (en_free, ==, "Free");
      g_assert_cmpstr (id_when, ==, "28 November 2026, 14.05");
      g_assert_cmpstr (en_when, ==, "28 November 2026, 14:05");
      g_assert_cmpstr (id_date, ==, "3 Desember 2026");
      g_assert_cmpstr (en_date, ==, "3 December 2026");
      g_assert_cmpstr (id_short, ==, "03/12/2026");
      g_assert_cmpstr (id_days, ==, "3 hari kerja");
      g_assert_cmpstr (en_day, ==, "1 working day");
      g_assert_cmpstr (en_days, ==, "3 working days");
      g_assert_cmpstr (id_count, ==, "1.234.567");
      g_assert_cmpstr (en_count, ==, "1,234,567");
    }
  loket_i18n_set_language ("en");
}

/* The po file's word for "Free" and the count of days are what gettext gives when
 * Indonesian is current: a translator's change shows on screen. */
static void
test_po_is_used (void)
{
  loket_i18n_set_language ("id");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Free"), ==, "Gratis");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u working day", "%u working days", 5), ==,
                   "%u hari kerja");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Start"), ==, "Mulai");
  loket_i18n_set_language ("en");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Start"), ==, "Start");
}

int
main (int    argc,
      char **argv)
{
  /* The po files as they are now, not as the last full build left them (meson.build). */
  g_setenv ("LOKET_LOCALEDIR", LOKET_I18N_TEST_LOCALEDIR, TRUE);
  loket_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-languages/po-is-used", test_po_is_used);
  g_test_add_func ("/format-languages/names-agree", test_names_agree);
  g_test_add_func ("/format-languages/both-languages", test_both_languages);

  return g_test_run ();
}
