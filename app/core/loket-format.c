/* loket-format.c — numbers, money, dates and times in the citizen's language
 *
 * How names get translated: month and weekday names, "Free" and "working days" are marked
 * for the po files like every other string, with contexts, so a translator can translate
 * them. But gettext answers only in the process's current language, and a receipt may be
 * drawn in another one, and a po file may not have them yet. So each function asks gettext
 * only when the language asked for is the current one and gettext has a translation; else
 * it uses the fixed table below (Indonesian), else the English msgid. The separators are
 * conventions, not words: they come from the table alone (English's for languages it lacks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "loket-format.h"
#include "loket-i18n.h"

typedef struct {
  const char *english;      /* the msgid */
  const char *indonesian;
} Name;

#define MONTH_CONTEXT "month name"
#define WEEKDAY_CONTEXT "weekday name"

static const Name month_names[] = {
  { NC_("month name", "January"), "Januari" },
  { NC_("month name", "February"), "Februari" },
  { NC_("month name", "March"), "Maret" },
  { NC_("month name", "April"), "April" },
  { NC_("month name", "May"), "Mei" },
  { NC_("month name", "June"), "Juni" },
  { NC_("month name", "July"), "Juli" },
  { NC_("month name", "August"), "Agustus" },
  { NC_("month name", "September"), "September" },
  { NC_("month name", "October"), "Oktober" },
  { NC_("month name", "November"), "November" },
  { NC_("month name", "December"), "Desember" },
};

/* In GDateWeekday order: Monday is 1. */
static const Name weekday_names[] = {
  { NC_("weekday name", "Monday"), "Senin" },
  { NC_("weekday name", "Tuesday"), "Selasa" },
  { NC_("weekday name", "Wednesday"), "Rabu" },
  { NC_("weekday name", "Thursday"), "Kamis" },
  { NC_("weekday name", "Friday"), "Jumat" },
  { NC_("weekday name", "Saturday"), "Sabtu" },
  { NC_("weekday name", "Sunday"), "Minggu" },
};

/* "id_ID.UTF-8", "id-ID" and "id" are all Indonesian. */
static gboolean
language_is (const char *language,
             const char *code)
{
  gsize n = strlen (code);

  return g_ascii_strncasecmp (language, code, n) == 0 &&
         (language[n] == '\0' || language[n] == '_' || language[n] == '-' || language[n] == '.');
}

static const char *
resolve_language (const char *language)
{
  return (language != NULL && *language != '\0') ? language : loket_i18n_get_language ();
}

static gboolean
language_is_current (const char *language)
{
  const char *current = loket_i18n_get_language ();
  gsize n = strcspn (current, "_-.");
  g_autofree char *primary = g_strndup (current, n);

  return language_is (language, primary);
}

static gboolean
is_indonesian (const char *language)
{
  return language_is (language, "id");
}

/* gettext returns the msgid itself (the same pointer) when it has no translation. */
static const char *
translate_name (const char *language,
                const char *context,
                const Name *name)
{
  if (language_is_current (language))
    {
      const char *translated = g_dpgettext2 (GETTEXT_PACKAGE, context, name->english);

      if (translated != name->english)
        return translated;
    }

  return is_indonesian (language) ? name->indonesian : name->english;
}

static char
thousands_separator (const char *language)
{
  return is_indonesian (language) ? '.' : ',';
}

static char
time_separator (const char *language)
{
  return is_indonesian (language) ? '.' : ':';
}

static char *
group_digits (const char *language,
              guint64     magnitude,
              gboolean    negative)
{
  char digits[24];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  GString *out = g_string_sized_new (32);
  char separator = thousands_separator (language);

  if (negative)
    g_string_append_c (out, '-');
  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, separator);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

char *
loket_format_integer (const char *language,
                      gint64      value)
{
  /* Negating in unsigned arithmetic is defined for G_MININT64 too. */
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  return group_digits (resolve_language (language), magnitude, value < 0);
}

char *
loket_format_money (const char *language,
                    guint64     rupiah)
{
  g_autofree char *amount = NULL;

  language = resolve_language (language);

  if (rupiah == 0)
    {
      /* Translators: the fee of a service that costs nothing. */
      const char *free_msgid = N_("Free");

      if (language_is_current (language))
        {
          const char *translated = g_dgettext (GETTEXT_PACKAGE, free_msgid);

          if (translated != free_msgid)
            return g_strdup (translated);
        }
      return g_strdup (is_indonesian (language) ? "Gratis" : free_msgid);
    }

  amount = group_digits (language, rupiah, FALSE);

  /* "Rp" is the currency's own symbol in every language, with a space before the amount. */
  return g_strconcat ("Rp ", amount, NULL);
}

const char *
loket_format_month_name (const char *language,
                         GDateMonth  month)
{
  g_return_val_if_fail (month >= G_DATE_JANUARY && month <= G_DATE_DECEMBER, NULL);

  return translate_name (resolve_language (language), MONTH_CONTEXT, &month_names[month - 1]);
}

const char *
loket_format_weekday_name (const char   *language,
                           GDateWeekday  weekday)
{
  g_return_val_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY, NULL);

  return translate_name (resolve_language (language), WEEKDAY_CONTEXT,
                         &weekday_names[weekday - 1]);
}

static char *
format_dmy (const char *language,
            guint       day,
            GDateMonth  month,
            guint       year)
{
  return g_strdup_printf ("%u %s %u", day, loket_format_month_name (language, month), year);
}

char *
loket_format_date (const char  *language,
                   const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return format_dmy (resolve_language (language), g_date_get_day (date),
                     g_date_get_month (date), g_date_get_year (date));
}

char *
loket_format_date_short (const char  *language,
                         const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u", (guint) g_date_get_day (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_year (date));
}

char *
loket_format_time (const char *language,
                   GDateTime  *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  return g_strdup_printf ("%02d%c%02d", g_date_time_get_hour (datetime),
                          time_separator (resolve_language (language)),
                          g_date_time_get_minute (datetime));
}

char *
loket_format_date_time (const char *language,
                        GDateTime  *datetime)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  int year, month, day;

  g_return_val_if_fail (datetime != NULL, NULL);

  language = resolve_language (language);
  g_date_time_get_ymd (datetime, &year, &month, &day);
  date = format_dmy (language, (guint) day, (GDateMonth) month, (guint) year);
  time = loket_format_time (language, datetime);

  return g_strconcat (date, ", ", time, NULL);
}

/* A translated format is not a literal, so the number goes in without printf. */
static char *
substitute_count (const char *pattern,
                  guint       count)
{
  const char *at = strstr (pattern, "%u");
  char number[16];

  if (at == NULL)
    return g_strdup (pattern);

  g_snprintf (number, sizeof number, "%u", count);

  return g_strdup_printf ("%.*s%s%s", (int) (at - pattern), pattern, number, at + 2);
}

char *
loket_format_working_days (const char *language,
                           guint       days)
{
  const char *singular = "%u working day";
  const char *plural = "%u working days";

  language = resolve_language (language);

  if (language_is_current (language))
    {
      /* Translators: how long a service takes; %u is a number of days, Monday to Friday. */
      const char *translated = g_dngettext (GETTEXT_PACKAGE, "%u working day",
                                            "%u working days", days);

      if (strcmp (translated, singular) != 0 && strcmp (translated, plural) != 0)
        return substitute_count (translated, days);
    }

  if (is_indonesian (language))
    return substitute_count ("%u hari kerja", days);

  return substitute_count (days == 1 ? singular : plural, days);
}

GDate *
loket_format_expected_date (const GDate *from,
                            guint        working_days)
{
  GDate *date;

  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);

  date = g_date_copy (from);
  while (working_days > 0)
    {
      GDateWeekday weekday;

      g_date_add_days (date, 1);
      weekday = g_date_get_weekday (date);
      if (weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY)
        working_days--;
    }

  return date;
}

void
loket_format_add_line (GPtrArray  *lines,
                       const char *format,
                       ...)
{
  va_list args;

  g_return_if_fail (lines != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  g_ptr_array_add (lines, g_strdup_vprintf (format, args));
  va_end (args);
}
