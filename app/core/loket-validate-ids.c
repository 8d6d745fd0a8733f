/* loket-validate-ids.c — identity numbers: NIK, KK, NPWP, and the catalog's other numbers
 * of a fixed count of digits
 *
 * A NIK and a KK number carry their own structure (region, a date, a serial), which is
 * checked as far as it can be relied on; an NPWP is either an old 15-digit number or,
 * since 2024, a NIK or 0 and the old number. Other numbers (a NIB, a BPJS card number, a
 * KBLI code) are text fields with "digits" in the catalog: only their length is known.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-validate"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "loket-validate.h"
#include "loket-validate-private.h"

/* Province codes of Kemendagri (Permendagri on the codes of administrative areas). The
 * first two digits of a NIK or KK are those of the province that issued it, and a number
 * keeps them when provinces are split or renumbered. In Papua the codes moved: before 2022
 * NIKs carry 91 (Papua) and 92 (Papua Barat) in Kemendagri's numbering, and the statistics
 * bureau's numbering (91 Papua Barat, 94 Papua) is widely used too; the 2022 provinces are
 * 93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya (Kemendagri)
 * or 92, 95, 96, 97 (statistics bureau). Every code of 91 to 97 is in use on some card, so
 * all are accepted: refusing a citizen's real NIK is worse than missing a typo there. */
static const guint8 province_codes[] = {
  11, /* Aceh */
  12, /* Sumatera Utara */
  13, /* Sumatera Barat */
  14, /* Riau */
  15, /* Jambi */
  16, /* Sumatera Selatan */
  17, /* Bengkulu */
  18, /* Lampung */
  19, /* Kepulauan Bangka Belitung */
  21, /* Kepulauan Riau */
  31, /* DKI Jakarta */
  32, /* Jawa Barat */
  33, /* Jawa Tengah */
  34, /* DI Yogyakarta */
  35, /* Jawa Timur */
  36, /* Banten */
  51, /* Bali */
  52, /* Nusa Tenggara Barat */
  53, /* Nusa Tenggara Timur */
  61, /* Kalimantan Barat */
  62, /* Kalimantan Tengah */
  63, /* Kalimantan Selatan */
  64, /* Kalimantan Timur */
  65, /* Kalimantan Utara */
  71, /* Sulawesi Utara */
  72, /* Sulawesi Tengah */
  73, /* Sulawesi Selatan */
  74, /* Sulawesi Tenggara */
  75, /* Gorontalo */
  76, /* Sulawesi Barat */
  81, /* Maluku */
  82, /* Maluku Utara */
  91, /* Papua (Kemendagri, before 2022) / Papua Barat (statistics bureau) */
  92, /* Papua Barat (Kemendagri) / Papua Barat Daya (statistics bureau) */
  93, /* Papua Selatan (Kemendagri, 2022) */
  94, /* Papua (statistics bureau) / Papua Tengah (Kemendagri, 2022) */
  95, /* Papua Pegunungan (Kemendagri, 2022) / Papua Selatan (statistics bureau) */
  96, /* Papua Barat Daya (Kemendagri, 2022) / Papua Tengah (statistics bureau) */
  97, /* Papua Pegunungan (statistics bureau) */
};

static guint
two_digits (const char *p)
{
  return (guint) (p[0] - '0') * 10 + (guint) (p[1] - '0');
}

static gboolean
all_digits (const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return text[length] == '\0';
}

static gboolean
province_is_valid (guint code)
{
  for (guint i = 0; i < G_N_ELEMENTS (province_codes); i++)
    if (province_codes[i] == code)
      return TRUE;
  return FALSE;
}

gboolean
loket_province_code_is_valid (const char *two_digits_text)
{
  g_return_val_if_fail (two_digits_text != NULL, FALSE);

  return all_digits (two_digits_text, 2) && province_is_valid (two_digits (two_digits_text));
}

/* DDMMYY: the latest century in which the date exists and is not after today. */
static gboolean
date_from_ddmmyy (guint        day,
                  guint        month,
                  guint        yy,
                  const GDate *today,
                  GDate       *out)
{
  guint century = g_date_get_year (today) / 100 * 100;

  if (day < 1 || day > 31 || month < 1 || month > 12)
    return FALSE;

  for (guint back = 0; back <= 100; back += 100)
    {
      guint year = century + yy - back;

      if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        continue;
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      if (g_date_compare (out, today) <= 0)
        return TRUE;
    }

  return FALSE;
}

/* The parts of a NIK or KK number that can be impossible, in the order a citizen reads them. */
typedef enum {
  PART_NONE,
  PART_PROVINCE,   /* digits 1 and 2 */
  PART_REGENCY,    /* digits 3 and 4 */
  PART_DATE,       /* digits 7 to 12: DDMMYY */
  PART_SERIAL,     /* digits 13 to 16 */
} Part;

/* The first impossible part of 16 digits built as region, date and serial. A NIK's day of
 * birth has 40 added for women (with_sex); a KK's date of issue never has. date receives
 * the date when it is real. */
static Part
impossible_part (const char  *digits,
                 gboolean     with_sex,
                 const GDate *today,
                 GDate       *date)
{
  guint dd = two_digits (digits + 6);

  if (!province_is_valid (two_digits (digits)))
    return PART_PROVINCE;
  if (two_digits (digits + 2) == 0)
    return PART_REGENCY;
  if (with_sex && dd > 40)
    dd -= 40;
  if (!date_from_ddmmyy (dd, two_digits (digits + 8), two_digits (digits + 10), today, date))
    return PART_DATE;
  if (strcmp (digits + 12, "0000") == 0)
    return PART_SERIAL;
  return PART_NONE;
}

gboolean
loket_nik_decode (const char    *nik,
                  const GDate   *today,
                  LoketNikInfo  *info)
{
  GDate day;

  g_return_val_if_fail (nik != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  g_date_clear (&info->birth_date, 1);

  if (!all_digits (nik, 16))
    return FALSE;
  loket_validate_resolve_today (today, &day);
  if (impossible_part (nik, TRUE, &day, &info->birth_date) != PART_NONE)
    {
      g_date_clear (&info->birth_date, 1);
      return FALSE;
    }

  info->female = two_digits (nik + 6) > 40;
  memcpy (info->province, nik, 2);
  memcpy (info->region, nik, 6);
  info->serial = (guint) atoi (nik + 12);

  return TRUE;
}

char *
loket_validate_nik (const char  *input,
                    GError     **error)
{
  g_autofree char *digits = NULL;
  GDate today, birth;
  gsize length;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  digits = loket_validate_digits_only (input, " .-",
                                       _("A NIK has only digits. Please type the 16 digits on your KTP."),
                                       error);
  if (digits == NULL)
    return NULL;

  length = strlen (digits);
  if (length != 16)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                /* Translators: %u is how many digits the citizen typed. */
                                _("A NIK has 16 digits; you typed %u."), (guint) length);

  loket_validate_resolve_today (NULL, &today);
  switch (impossible_part (digits, TRUE, &today, &birth))
    {
    case PART_PROVINCE:
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                  _("This NIK does not start with a real province code (digits 1 and 2). Please check the number on your KTP."));
    case PART_REGENCY:
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                  _("This NIK's regency or city code (digits 3 and 4) cannot be 00. Please check the number on your KTP."));
    case PART_DATE:
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                  _("This NIK's date of birth (digits 7 to 12) is not a real date. Please check the number on your KTP."));
    case PART_SERIAL:
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                  _("This NIK's last four digits cannot be 0000. Please check the number on your KTP."));
    case PART_NONE:
    default:
      return g_steal_pointer (&digits);
    }
}

/* A KK number is built like a NIK: the issuing office's region (province, regency or city,
 * district), then the date of issue as DDMMYY (never with 40 added: a family has no sex),
 * then a serial. What is relied on: a real province code, a regency that is not 00, a date
 * that exists and whose latest possible century is not after today, a serial that is not
 * 0000. Not relied on: the district (digits 5 and 6) or any range of years, since old cards
 * stay valid. */
char *
loket_validate_kk (const char  *input,
                   GError     **error)
{
  g_autofree char *digits = NULL;
  GDate today, issued;
  gsize length;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  digits = loket_validate_digits_only (input, " .-",
                                       /* Translators: KK is the family card, Kartu Keluarga. */
                                       _("A KK number has only digits. Please type the 16 digits on your family card."),
                                       error);
  if (digits == NULL)
    return NULL;

  length = strlen (digits);
  if (length != 16)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                /* Translators: KK is the family card; %u is how many digits were typed. */
                                _("A KK number has 16 digits; you typed %u."), (guint) length);

  loket_validate_resolve_today (NULL, &today);
  switch (impossible_part (digits, FALSE, &today, &issued))
    {
    case PART_PROVINCE:
    case PART_REGENCY:
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                  _("This KK number does not start with a real region code (digits 1 to 4). Please check the number on your family card."));
    case PART_DATE:
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                  _("This KK number's date of issue (digits 7 to 12) is not a real date. Please check the number on your family card."));
    case PART_SERIAL:
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                  _("This KK number's last four digits cannot be 0000. Please check the number on your family card."));
    case PART_NONE:
    default:
      return g_steal_pointer (&digits);
    }
}

/* Old NPWPs have 15 digits (two for the kind of tax payer, six serial, a check digit whose
 * rule is not published, three for the tax office, three for the branch); since 2024 they
 * are written with a leading 0, and a person's NPWP is their NIK. */
char *
loket_validate_npwp (const char  *input,
                     GError     **error)
{
  g_autofree char *digits = NULL;
  gsize length;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  digits = loket_validate_digits_only (input, " .-",
                                       _("An NPWP has only digits. Please type the 15 or 16 digits on your NPWP card."),
                                       error);
  if (digits == NULL)
    return NULL;

  length = strlen (digits);
  if (length != 15 && length != 16)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                /* Translators: %u is how many digits the citizen typed. */
                                _("An NPWP has 15 or 16 digits; you typed %u."), (guint) length);

  if (strspn (digits, "0") == length)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                _("This NPWP is all zeros. Please type your own NPWP, or leave it empty if you have none."));

  if (length == 15)
    return g_strconcat ("0", digits, NULL);

  if (digits[0] != '0')
    {
      g_autofree char *nik = loket_validate_nik (digits, NULL);

      if (nik == NULL)
        return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                    _("A 16-digit NPWP is either your NIK or 0 followed by the 15 digits of an older NPWP; this number is neither. Please check it."));
    }

  return g_steal_pointer (&digits);
}

char *
loket_validate_digits (const char  *input,
                       guint        n_digits,
                       const char  *label,
                       GError     **error)
{
  g_autofree char *digits = NULL;
  gsize length;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (n_digits > 0, NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (loket_validate_is_blank (input))
    return loket_validate_required (error);

  digits = loket_validate_collect_digits (input, " .-");
  if (digits == NULL)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                /* Translators: %s is the field's label, such as "Business
                                 * number (NIB)"; %u is how many digits it has. */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%s has only digits. Please type its %u digit.",
                                             "%s has only digits. Please type its %u digits.",
                                             n_digits),
                                label, n_digits);

  length = strlen (digits);
  if (length != n_digits)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                /* Translators: %s is the field's label, such as "Business
                                 * number (NIB)"; the first %u is how many digits it has, the
                                 * second how many the citizen typed. */
                                g_dngettext (GETTEXT_PACKAGE, "%s has %u digit; you typed %u.",
                                             "%s has %u digits; you typed %u.", n_digits),
                                label, n_digits, (guint) length);

  return g_steal_pointer (&digits);
}
