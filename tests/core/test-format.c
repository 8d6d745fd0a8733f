/* test-format.c — money, numbers, dates and working days in Indonesian and English
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "core/loket-format.h"
#include "core/loket-i18n.h"

static void
test_money (void)
{
  static const struct {
    const char *language;
    guint64 rupiah;
    const char *text;
  } cases[] = {
    { "id", 50000, "Rp 50.000" },
    { "en", 50000, "Rp 50,000" },
    { "id", 0, "Gratis" },
    { "en", 0, "Free" },
    { "id", 1234567, "Rp 1.234.567" },
    { "en", 999, "Rp 999" },
    { "id", 1000, "Rp 1.000" },
    { "id_ID.UTF-8", 100000, "Rp 100.000" },
    { "id-ID", 0, "Gratis" },
    { "fr", 2500, "Rp 2,500" },   /* a language without a table: English conventions */
    { "en", G_MAXUINT64, "Rp 18,446,744,073,709,551,615" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = loket_format_money (cases[i].language, cases[i].rupiah);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_integer (void)
{
  static const struct {
    const char *language;
    gint64 value;
    const char *text;
  } cases[] = {
    { "id", 0, "0" },
    { "en", 7, "7" },
    { "en", 100, "100" },
    { "en", 1000, "1,000" },
    { "id", 999999, "999.999" },
    { "id", 1000000, "1.000.000" },
    { "id", -1234, "-1.234" },
    { "en", -100, "-100" },
    { "en", G_MININT64, "-9,223,372,036,854,775,808" },
    { "id", G_MAXINT64, "9.223.372.036.854.775.807" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = loket_format_integer (cases[i].language, cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_dates (void)
{
  static const struct {
    guint year, month, day;
    const char *id, *en, *shortened;
  } cases[] = {
    { 2026, 11, 28, "28 November 2026", "28 November 2026", "28/11/2026" },
    { 2026, 8, 17, "17 Agustus 2026", "17 August 2026", "17/08/2026" },
    { 2026, 1, 5, "5 Januari 2026", "5 January 2026", "05/01/2026" },
    { 2024, 2, 29, "29 Februari 2024", "29 February 2024", "29/02/2024" },
    { 1999, 12, 31, "31 Desember 1999", "31 December 1999", "31/12/1999" },
    { 2027, 3, 1, "1 Maret 2027", "1 March 2027", "01/03/2027" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) cases[i].day,
                                              (GDateMonth) cases[i].month,
                                              (GDateYear) cases[i].year);
      g_autofree char *id = loket_format_date ("id", date);
      g_autofree char *en = loket_format_date ("en", date);
      g_autofree char *shortened = loket_format_date_short ("id", date);

      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (shortened, ==, cases[i].shortened);
    }
}

static void
test_names (void)
{
  const char *id_months[] = { "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                              "Agustus", "September", "Oktober", "November", "Desember" };
  const char *en_months[] = { "January", "February", "March", "April", "May", "June", "July",
                              "August", "September", "October", "November", "December" };
  const char *id_days[] = { "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu" };
  const char *en_days[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                            "Saturday", "Sunday" };

  for (guint m = 1; m <= 12; m++)
    {
      g_assert_cmpstr (loket_format_month_name ("id", (GDateMonth) m), ==, id_months[m - 1]);
      g_assert_cmpstr (loket_format_month_name ("en", (GDateMonth) m), ==, en_months[m - 1]);
    }
  for (guint d = 1; d <= 7; d++)
    {
      g_assert_cmpstr (loket_format_weekday_name ("id", (GDateWeekday) d), ==, id_days[d - 1]);
      g_assert_cmpstr (loket_format_weekday_name ("en", (GDateWeekday) d), ==, en_days[d - 1]);
    }
}

static void
test_date_time (void)
{
  g_autoptr(GTimeZone) jakarta = g_time_zone_new_identifier ("+07:00");
  g_autoptr(GDateTime) afternoon = g_date_time_new (jakarta, 2026, 11, 28, 14, 5, 30);
  g_autoptr(GDateTime) morning = g_date_time_new (jakarta, 2026, 1, 2, 8, 0, 0);
  g_autofree char *id = loket_format_date_time ("id", afternoon);
  g_autofree char *en = loket_format_date_time ("en", afternoon);
  g_autofree char *id_morning = loket_format_date_time ("id", morning);
  g_autofree char *time = loket_format_time ("en", morning);

  g_assert_cmpstr (id, ==, "28 November 2026, 14.05");
  g_assert_cmpstr (en, ==, "28 November 2026, 14:05");
  g_assert_cmpstr (id_morning, ==, "2 Januari 2026, 08.00");
  g_assert_cmpstr (time, ==, "08:00");
}

static void
test_working_days (void)
{
  static const struct {
    const char *language;
    guint days;
    const char *text;
  } cases[] = {
    { "en", 1, "1 working day" },
    { "en", 3, "3 working days" },
    { "en", 0, "0 working days" },
    { "id", 1, "1 hari kerja" },
    { "id", 3, "3 hari kerja" },
    { "id", 14, "14 hari kerja" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = loket_format_working_days (cases[i].language, cases[i].days);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_expected_date (void)
{
  static const struct {
    guint from_day, from_month;
    guint working_days;
    guint day, month;
  } cases[] = {
    { 27, 11, 0, 27, 11 },   /* Friday, nothing to wait */
    { 27, 11, 1, 30, 11 },   /* Friday + 1: Monday */
    { 28, 11, 0, 28, 11 },   /* Saturday */
    { 28, 11, 1, 30, 11 },   /* Saturday + 1: Monday */
    { 25, 11, 3, 30, 11 },   /* Wednesday + 3: Thursday, Friday, Monday */
    { 30, 11, 5, 7, 12 },    /* Monday + 5: next Monday */
    { 27, 11, 10, 11, 12 },  /* Friday + 10: the Friday two weeks on */
    { 24, 12, 6, 1, 1 },     /* Thursday 24 December + 6: into the next year */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) from = g_date_new_dmy ((GDateDay) cases[i].from_day,
                                              (GDateMonth) cases[i].from_month, 2026);
      g_autoptr(GDate) expected = loket_format_expected_date (from, cases[i].working_days);

      g_assert_cmpuint (g_date_get_day (expected), ==, cases[i].day);
      g_assert_cmpuint (g_date_get_month (expected), ==, cases[i].month);
      g_assert_cmpuint (g_date_get_year (expected), ==, cases[i].month < cases[i].from_month
                                                        ? 2027 : 2026);
    }
}

/* With Indonesian as the process's language and a po file that lacks these strings (or has
 * them), the result is Indonesian either way; NULL means the current language. */
static void
test_current_language (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (17, G_DATE_AUGUST, 2026);
  g_autofree char *en_date = NULL;
  g_autofree char *en_free = NULL;
  g_autofree char *id_date = NULL;
  g_autofree char *id_free = NULL;
  g_autofree char *id_days = NULL;
  g_autofree char *en_explicit = NULL;

  loket_i18n_set_language ("en");
  en_date = loket_format_date (NULL, date);
  en_free = loket_format_money (NULL, 0);
  g_assert_cmpstr (en_date, ==, "17 August 2026");
  g_assert_cmpstr (en_free, ==, "Free");

  loket_i18n_set_language ("id");
  id_date = loket_format_date (NULL, date);
  id_free = loket_format_money (NULL, 0);
  id_days = loket_format_working_days (NULL, 2);
  en_explicit = loket_format_date ("en", date);
  g_assert_cmpstr (id_date, ==, "17 Agustus 2026");
  g_assert_cmpstr (id_free, ==, "Gratis");
  g_assert_cmpstr (id_days, ==, "2 hari kerja");
  g_assert_cmpstr (en_explicit, ==, "17 August 2026");
  loket_i18n_set_language ("en");
}

int
main (int argc, char **argv)
{
  loket_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money", test_money);
  g_test_add_func ("/format/integer", test_integer);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/names", test_names);
  g_test_add_func ("/format/date-time", test_date_time);
  g_test_add_func ("/format/working-days", test_working_days);
  g_test_add_func ("/format/expected-date", test_expected_date);
  g_test_add_func ("/format/current-language", test_current_language);

  return g_test_run ();
}
