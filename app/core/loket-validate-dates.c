/* loket-validate-dates.c — dates as a citizen types them, and the catalog's date rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-validate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-format.h"
#include "loket-validate.h"
#include "loket-validate-private.h"

void
loket_validate_resolve_today (const GDate *today,
                              GDate       *out)
{
  g_date_clear (out, 1);
  if (today != NULL && g_date_valid (today))
    *out = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }
}

/* Reads a run of 1 to max_digits digits. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             guint       *value,
             guint       *n_digits)
{
  *value = 0;
  *n_digits = 0;
  while (g_ascii_isdigit (**p))
    {
      if (++*n_digits > max_digits)
        return FALSE;
      *value = *value * 10 + (guint) (**p - '0');
      (*p)++;
    }
  return *n_digits > 0;
}

gboolean
loket_date_parse (const char  *input,
                  GDate       *date,
                  GError     **error)
{
  g_autofree char *text = NULL;
  const char *p;
  guint a, b, c, na, nb, nc;
  guint day, month, year;
  char separator;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (loket_validate_is_blank (input))
    {
      loket_validate_required (error);
      return FALSE;
    }

  text = g_strstrip (g_strdup (input));
  p = text;
  g_date_clear (date, 1);

  if (!read_number (&p, 4, &a, &na) || (*p != '-' && *p != '/'))
    goto bad_format;
  separator = *p++;
  if (!read_number (&p, 2, &b, &nb) || *p++ != separator)
    goto bad_format;
  if (!read_number (&p, 4, &c, &nc) || *p != '\0')
    goto bad_format;

  if (na == 4 && separator == '-' && nc <= 2)
    {
      year = a;
      month = b;
      day = c;
    }
  else if (na <= 2 && nc == 4)
    {
      day = a;
      month = b;
      year = c;
    }
  else
    goto bad_format;

  if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This date does not exist. Please check the day and the month."));
      return FALSE;
    }

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;

bad_format:
  g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                       /* Translators: keep the example date in the order day/month/year. */
                       _("Please type the date as day/month/year, such as 28/11/2026."));
  return FALSE;
}

gboolean
loket_date_rule_resolve (const char  *rule,
                         const GDate *today,
                         GDate       *date)
{
  const char *p;
  guint amount, n;
  char sign, unit;

  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (rule[0] != '+' && rule[0] != '-')
    {
      guint y, m, d, ny, nm, nd;

      p = rule;
      if (!read_number (&p, 4, &y, &ny) || ny != 4 || *p++ != '-' ||
          !read_number (&p, 2, &m, &nm) || nm != 2 || *p++ != '-' ||
          !read_number (&p, 2, &d, &nd) || nd != 2 || *p != '\0' ||
          y < 1 || m < 1 || m > 12 || d < 1 || d > 31 ||
          !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        return FALSE;
      g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      return TRUE;
    }

  sign = rule[0];
  p = rule + 1;
  if (!read_number (&p, 5, &amount, &n))
    return FALSE;
  unit = *p;
  if ((unit != 'd' && unit != 'm' && unit != 'y') || p[1] != '\0')
    return FALSE;

  loket_validate_resolve_today (today, date);

  /* g_date_add_* fail on results outside years 1 to 65535: keep well inside. */
  if ((unit == 'y' && amount > 5000) || (unit == 'm' && amount > 60000) ||
      (unit == 'd' && amount > 1800000))
    {
      g_date_clear (date, 1);
      return FALSE;
    }
  if (sign == '-' && ((unit == 'y' && amount >= g_date_get_year (date)) ||
                      (unit == 'm' && amount / 12 + 1 >= g_date_get_year (date)) ||
                      (unit == 'd' && amount >= g_date_get_julian (date))))
    {
      g_date_clear (date, 1);
      return FALSE;
    }

  /* Adding years or months to 29 February or 31 March gives the month's last day. */
  switch (unit)
    {
    case 'y':
      if (sign == '+')
        g_date_add_years (date, amount);
      else
        g_date_subtract_years (date, amount);
      break;
    case 'm':
      if (sign == '+')
        g_date_add_months (date, amount);
      else
        g_date_subtract_months (date, amount);
      break;
    default:
      if (sign == '+')
        g_date_add_days (date, amount);
      else
        g_date_subtract_days (date, amount);
      break;
    }

  return TRUE;
}

static gboolean
resolve_field_rule (const LoketField *field,
                    const char       *rule,
                    const GDate      *today,
                    GDate            *date)
{
  if (rule == NULL || *rule == '\0')
    return FALSE;

  if (!loket_date_rule_resolve (rule, today, date))
    {
      /* The catalog loader refuses such a rule; reaching here is a bug, not the citizen's
       * mistake, so the rule is skipped rather than blocking the form. */
      g_warning ("Field %s: date rule '%s' cannot be read; ignored", field->id, rule);
      return FALSE;
    }

  return TRUE;
}

char *
loket_validate_field_date (const LoketField  *field,
                           const char        *text,
                           const GDate       *today_in,
                           GError           **error)
{
  GDate date, today, limit;

  if (!loket_date_parse (text, &date, error))
    return NULL;

  loket_validate_resolve_today (today_in, &today);

  if (field->not_future && g_date_compare (&date, &today) > 0)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_RANGE,
                                _("Please enter a date that is not in the future."));

  if (resolve_field_rule (field, field->not_before, &today, &limit) &&
      g_date_compare (&date, &limit) < 0)
    {
      g_autofree char *shown = loket_format_date (NULL, &limit);

      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_RANGE,
                                  /* Translators: %s is a date, such as "28 November 2026". */
                                  _("Please enter a date on or after %s."), shown);
    }

  if (resolve_field_rule (field, field->not_after, &today, &limit) &&
      g_date_compare (&date, &limit) > 0)
    {
      g_autofree char *shown = loket_format_date (NULL, &limit);

      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_RANGE,
                                  /* Translators: %s is a date, such as "28 November 2026". */
                                  _("Please enter a date on or before %s."), shown);
    }

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}
