/* loket-validate.c — what a citizen typed, checked and turned into its wire value
 *
 * Messages speak to the citizen: what is wrong, where to look, how to fix it. They never
 * carry the value itself, so they can be logged without personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-validate"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "loket-format.h"
#include "loket-i18n.h"
#include "loket-validate.h"

G_DEFINE_QUARK (loket-validation-error-quark, loket_validation_error)

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

static gboolean
set_required (GError **error)
{
  g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_REQUIRED,
                       _("Please fill this in."));
  return FALSE;
}

static gpointer
required_null (GError **error)
{
  set_required (error);
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The digits of input without the separators a citizen may type; NULL when something else
 * is there. */
static char *
collect_digits (const char *input,
                const char *ignored)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = input; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr (ignored, *p) == NULL)
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }

  return g_string_free (digits, FALSE);
}

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

static void
resolve_today (const GDate *today,
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

gboolean
loket_nik_decode (const char    *nik,
                  const GDate   *today,
                  LoketNikInfo  *info)
{
  GDate day;
  guint dd;

  g_return_val_if_fail (nik != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  g_date_clear (&info->birth_date, 1);

  if (!all_digits (nik, 16) || !province_is_valid (two_digits (nik)) ||
      two_digits (nik + 2) == 0 || strcmp (nik + 12, "0000") == 0)
    return FALSE;

  resolve_today (today, &day);
  dd = two_digits (nik + 6);
  info->female = dd > 40;
  if (info->female)
    dd -= 40;
  if (!date_from_ddmmyy (dd, two_digits (nik + 8), two_digits (nik + 10), &day,
                         &info->birth_date))
    {
      g_date_clear (&info->birth_date, 1);
      return FALSE;
    }

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
  LoketNikInfo info;
  GDate today;
  gsize length;
  guint dd;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    return required_null (error);

  digits = collect_digits (input, " .-");
  if (digits == NULL)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("A NIK has only digits. Please type the 16 digits on your KTP."));
      return NULL;
    }

  length = strlen (digits);
  if (length != 16)
    {
      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                   /* Translators: %u is how many digits the citizen typed. */
                   _("A NIK has 16 digits; you typed %u."), (guint) length);
      return NULL;
    }

  if (!province_is_valid (two_digits (digits)))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This NIK does not start with a real province code (digits 1 and 2). Please check the number on your KTP."));
      return NULL;
    }

  if (two_digits (digits + 2) == 0)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This NIK's regency or city code (digits 3 and 4) cannot be 00. Please check the number on your KTP."));
      return NULL;
    }

  resolve_today (NULL, &today);
  dd = two_digits (digits + 6);
  if (!date_from_ddmmyy (dd > 40 ? dd - 40 : dd, two_digits (digits + 8),
                         two_digits (digits + 10), &today, &info.birth_date))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This NIK's date of birth (digits 7 to 12) is not a real date. Please check the number on your KTP."));
      return NULL;
    }

  if (strcmp (digits + 12, "0000") == 0)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This NIK's last four digits cannot be 0000. Please check the number on your KTP."));
      return NULL;
    }

  return g_steal_pointer (&digits);
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

  if (is_blank (input))
    return required_null (error);

  digits = collect_digits (input, " .-");
  if (digits == NULL)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           /* Translators: KK is the family card, Kartu Keluarga. */
                           _("A KK number has only digits. Please type the 16 digits on your family card."));
      return NULL;
    }

  length = strlen (digits);
  if (length != 16)
    {
      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                   /* Translators: KK is the family card; %u is how many digits were typed. */
                   _("A KK number has 16 digits; you typed %u."), (guint) length);
      return NULL;
    }

  if (!province_is_valid (two_digits (digits)) || two_digits (digits + 2) == 0)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This KK number does not start with a real region code (digits 1 to 4). Please check the number on your family card."));
      return NULL;
    }

  resolve_today (NULL, &today);
  if (!date_from_ddmmyy (two_digits (digits + 6), two_digits (digits + 8),
                         two_digits (digits + 10), &today, &issued))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This KK number's date of issue (digits 7 to 12) is not a real date. Please check the number on your family card."));
      return NULL;
    }

  if (strcmp (digits + 12, "0000") == 0)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This KK number's last four digits cannot be 0000. Please check the number on your family card."));
      return NULL;
    }

  return g_steal_pointer (&digits);
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

  if (is_blank (input))
    return required_null (error);

  digits = collect_digits (input, " .-");
  if (digits == NULL)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("An NPWP has only digits. Please type the 15 or 16 digits on your NPWP card."));
      return NULL;
    }

  length = strlen (digits);
  if (length != 15 && length != 16)
    {
      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                   /* Translators: %u is how many digits the citizen typed. */
                   _("An NPWP has 15 or 16 digits; you typed %u."), (guint) length);
      return NULL;
    }

  if (strspn (digits, "0") == length)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This NPWP is all zeros. Please type your own NPWP, or leave it empty if you have none."));
      return NULL;
    }

  if (length == 15)
    return g_strconcat ("0", digits, NULL);

  if (digits[0] != '0')
    {
      g_autofree char *nik = loket_validate_nik (digits, NULL);

      if (nik == NULL)
        {
          g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                               _("A 16-digit NPWP is either your NIK or 0 followed by the 15 digits of an older NPWP; this number is neither. Please check it."));
          return NULL;
        }
    }

  return g_steal_pointer (&digits);
}

/* Indonesian numbers in national form start with 0: mobiles with 08 and 10 to 13 digits in
 * all; fixed lines with an area code of 2 to 4 digits after the 0 (02x Java, 03x East Java
 * to Nusa Tenggara, 04x Sulawesi, 05x Kalimantan, 06x and 07x Sumatra, 09x Maluku and
 * Papua) and 9 to 12 digits in all. 001, 007, 008 (international) and 0800 / 0809 (free and
 * premium services) are not a citizen's number. */
char *
loket_validate_phone (const char  *input,
                      GError     **error)
{
  g_autofree char *digits = NULL;
  const char *national;
  const char *p;
  gboolean plus;
  gsize length;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    return required_null (error);

  for (p = input; g_ascii_isspace (*p); p++)
    ;
  plus = *p == '+';
  digits = collect_digits (plus ? p + 1 : p, " -().");
  if (digits == NULL || *digits == '\0')
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("A phone number has only digits, such as 0812 3456 7890."));
      return NULL;
    }

  if (g_str_has_prefix (digits, "62"))
    {
      /* "+62 0812…": the 0 of the national form typed after the country code. */
      national = digits + 2;
      if (*national == '0')
        national++;
    }
  else if (!plus && digits[0] == '0')
    national = digits + 1;
  else
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("Please type an Indonesian phone number, starting with 0 or +62."));
      return NULL;
    }

  /* national is now without its 0: the length of the national form is one more. */
  length = strlen (national) + 1;
  if (national[0] == '8' && national[1] != '0' && national[1] != '\0')
    {
      if (length < 10 || length > 13)
        {
          g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                       /* Translators: %u is how many digits the citizen typed. */
                       _("A mobile number has 10 to 13 digits, starting with 08; you typed %u."),
                       (guint) length);
          return NULL;
        }
    }
  else if (strchr ("2345679", national[0]) != NULL && national[0] != '\0')
    {
      if (length < 9 || length > 12)
        {
          g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                       /* Translators: %u is how many digits the citizen typed. */
                       _("A telephone number with its area code, such as 021, has 9 to 12 digits; you typed %u."),
                       (guint) length);
          return NULL;
        }
    }
  else
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This is not a mobile number (08…) or a telephone number with an area code (such as 021…). Please check it."));
      return NULL;
    }

  return g_strconcat ("+62", national, NULL);
}

static gboolean
domain_is_valid (const char *domain)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (*domain == '\0' || strchr (domain, '.') == NULL)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  for (guint i = 0; i < n; i++)
    {
      gsize length = strlen (labels[i]);

      if (length == 0 || length > 63 || labels[i][0] == '-' || labels[i][length - 1] == '-')
        return FALSE;
      for (const char *p = labels[i]; *p != '\0'; p++)
        if ((guchar) *p < 0x80 && !g_ascii_isalnum (*p) && *p != '-')
          return FALSE;
    }

  /* A top-level domain is never made of digits only, and has at least two letters. */
  return strlen (labels[n - 1]) >= 2 && strspn (labels[n - 1], "0123456789") < strlen (labels[n - 1]);
}

char *
loket_validate_email (const char  *input,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  const char *at;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    return required_null (error);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("Please type the e-mail address again: it contains characters that cannot be read."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (input));
  lower = g_utf8_strdown (trimmed, -1);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                               _("An e-mail address has no spaces. Please check it."));
          return NULL;
        }
    }

  at = strchr (lower, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL || at == lower)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("An e-mail address has one @ with a name before it, such as nama@contoh.id."));
      return NULL;
    }

  if (!domain_is_valid (at + 1))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("After the @, an e-mail address has a domain with a dot, such as contoh.id. Please check it."));
      return NULL;
    }

  /* 64 bytes before the @ and 254 in all are the limits of the mail standards. */
  if (strlen (lower) > 254 || (gsize) (at - lower) > 64)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("This e-mail address is too long. Please check it."));
      return NULL;
    }

  return g_steal_pointer (&lower);
}

char *
loket_validate_postal_code (const char  *input,
                            GError     **error)
{
  g_autofree char *digits = NULL;
  gsize length;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    return required_null (error);

  digits = collect_digits (input, " ");
  if (digits == NULL)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("A postal code has only digits, such as 40115."));
      return NULL;
    }

  length = strlen (digits);
  if (length != 5)
    {
      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                   /* Translators: %u is how many digits the citizen typed. */
                   _("A postal code has 5 digits; you typed %u."), (guint) length);
      return NULL;
    }

  if (digits[0] == '0')
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("A postal code does not start with 0. Please check it."));
      return NULL;
    }

  return g_steal_pointer (&digits);
}

char *
loket_validate_rt_rw (const char  *input,
                      GError     **error)
{
  g_autofree char *digits = NULL;
  gsize length;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    return required_null (error);

  digits = collect_digits (input, " ");
  length = digits != NULL ? strlen (digits) : 0;
  if (digits == NULL || length > 3)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("Please type 1 to 3 digits, such as 7 or 007."));
      return NULL;
    }

  if (strspn (digits, "0") == length)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_CHECK,
                           _("This number cannot be 0. Please check it."));
      return NULL;
    }

  return g_strdup_printf ("%03d", atoi (digits));
}

/* Trimmed, runs of white space made one space, NFC. Control characters are refused rather
 * than dropped: the citizen should see what is sent. */
static char *
clean_text (const char  *input,
            GError     **error)
{
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (!g_utf8_validate (input, -1, NULL) ||
      (nfc = g_utf8_normalize (input, -1, G_NORMALIZE_NFC)) == NULL)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("This text contains characters that cannot be read. Please type it again."));
      return NULL;
    }

  out = g_string_sized_new (strlen (nfc));
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c))
        {
          g_string_free (out, TRUE);
          g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                               _("This text contains characters that cannot be read. Please type it again."));
          return NULL;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

char *
loket_validate_name (const char  *input,
                     GError     **error)
{
  g_autofree char *name = NULL;
  gboolean has_letter = FALSE;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (input))
    return required_null (error);

  name = clean_text (input, error);
  if (name == NULL)
    return NULL;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        has_letter = TRUE;
      /* Marks complete the letters of many scripts; a joiner shapes some of them. */
      else if (!(g_unichar_ismark (c) || c == ' ' || c == '.' || c == ',' || c == '\'' ||
                 c == '-' || c == 0x200C || c == 0x200D))
        {
          g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                               _("A name may contain only letters, spaces and the signs . , ' -"));
          return NULL;
        }
    }

  if (!has_letter)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("Please type a name with at least one letter."));
      return NULL;
    }

  return g_steal_pointer (&name);
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

  if (is_blank (input))
    return set_required (error);

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

  resolve_today (today, date);

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

static char *
normalize_date (const LoketField  *field,
                const char        *text,
                const GDate       *today_in,
                GError           **error)
{
  GDate date, today, limit;

  if (!loket_date_parse (text, &date, error))
    return NULL;

  resolve_today (today_in, &today);

  if (field->not_future && g_date_compare (&date, &today) > 0)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                           _("Please enter a date that is not in the future."));
      return NULL;
    }

  if (resolve_field_rule (field, field->not_before, &today, &limit) &&
      g_date_compare (&date, &limit) < 0)
    {
      g_autofree char *shown = loket_format_date (NULL, &limit);

      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                   /* Translators: %s is a date, such as "28 November 2026". */
                   _("Please enter a date on or after %s."), shown);
      return NULL;
    }

  if (resolve_field_rule (field, field->not_after, &today, &limit) &&
      g_date_compare (&date, &limit) > 0)
    {
      g_autofree char *shown = loket_format_date (NULL, &limit);

      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                   /* Translators: %s is a date, such as "28 November 2026". */
                   _("Please enter a date on or before %s."), shown);
      return NULL;
    }

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

static gboolean
check_length (const LoketField  *field,
              const char        *text,
              GError           **error)
{
  glong length = g_utf8_strlen (text, -1);

  if (field->min_length > 0 && length < (glong) field->min_length)
    {
      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                   g_dngettext (GETTEXT_PACKAGE, "Please type at least %u character.",
                                "Please type at least %u characters.", field->min_length),
                   field->min_length);
      return FALSE;
    }

  if (field->max_length > 0 && length > (glong) field->max_length)
    {
      g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                   g_dngettext (GETTEXT_PACKAGE, "Please type at most %u character.",
                                "Please type at most %u characters.", field->max_length),
                   field->max_length);
      return FALSE;
    }

  return TRUE;
}

/* A number as shown in a message, in the current language. */
static char *
format_bound (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 9.0e15)
    return loket_format_integer (NULL, (gint64) value);

  g_ascii_formatd (buffer, sizeof buffer, "%.6g", value);
  if (g_str_has_prefix (loket_i18n_get_language (), "id"))
    g_strdelimit (buffer, ".", ',');

  return g_strdup (buffer);
}

/* "12", "-3", "2,5", "2.5". A separator followed by exactly three digits is refused:
 * "1.000" is one thousand to an Indonesian reader and one to an English one. */
static gboolean
parse_number_text (const char  *input,
                   double      *value,
                   GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (input));
  const char *p = text;
  const char *separator = NULL;
  guint n_int = 0, n_frac = 0;

  if (*p == '-' || *p == '+')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (separator == NULL)
            n_int++;
          else
            n_frac++;
        }
      else if ((*p == ',' || *p == '.') && separator == NULL)
        separator = p;
      else
        break;
    }

  if (*p != '\0' || n_int == 0 || (separator != NULL && n_frac == 0) || n_int + n_frac > 30)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("Please type a number using digits only, such as 12 or 2,5."));
      return FALSE;
    }

  if (n_frac == 3)
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("Please type the number without a thousands separator, such as 1500."));
      return FALSE;
    }

  if (separator != NULL)
    text[separator - text] = '.';
  *value = g_ascii_strtod (text, NULL);

  return TRUE;
}

static JsonNode *
normalize_number (const LoketField  *field,
                  double             value,
                  GError           **error)
{
  if (!isfinite (value))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                           _("Please type a number using digits only, such as 12 or 2,5."));
      return NULL;
    }

  if (field->integer && value != floor (value))
    {
      g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                           _("Please enter a whole number."));
      return NULL;
    }

  if ((field->has_min && value < field->min) || (field->has_max && value > field->max))
    {
      g_autofree char *min = format_bound (field->min);
      g_autofree char *max = format_bound (field->max);

      if (field->has_min && field->has_max)
        g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                     /* Translators: the two %s are numbers, the smallest and the largest. */
                     _("Please enter a number from %s to %s."), min, max);
      else if (field->has_min)
        g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                     /* Translators: %s is the smallest number allowed. */
                     _("Please enter a number of at least %s."), min);
      else
        g_set_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_RANGE,
                     /* Translators: %s is the largest number allowed. */
                     _("Please enter a number of at most %s."), max);
      return NULL;
    }

  /* Whole numbers go on the wire as JSON integers while a double holds them exactly. */
  if (value == floor (value) && fabs (value) <= 9007199254740992.0)
    return json_node_init_int (json_node_alloc (), (gint64) value);

  return json_node_init_double (json_node_alloc (), value);
}

static JsonNode *
normalize_choice (const LoketField  *field,
                  const char        *text,
                  GError           **error)
{
  for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
    {
      const LoketChoice *choice = g_ptr_array_index (field->choices, i);

      if (g_strcmp0 (choice->value, text) == 0)
        return json_node_init_string (json_node_alloc (), choice->value);
    }

  g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                       _("Please choose one of the options shown."));
  return NULL;
}

static JsonNode *
normalize_yes_no (const char  *input,
                  GError     **error)
{
  static const char * const yes[] = { "true", "yes", "ya" };
  static const char * const no[] = { "false", "no", "tidak" };
  g_autofree char *text = g_strstrip (g_strdup (input));

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        return json_node_init_boolean (json_node_alloc (), TRUE);
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        return json_node_init_boolean (json_node_alloc (), FALSE);
    }

  g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                       _("Please answer yes or no."));
  return NULL;
}

static JsonNode *
string_node (char *text)
{
  JsonNode *node;

  if (text == NULL)
    return NULL;

  node = json_node_init_string (json_node_alloc (), text);
  g_free (text);

  return node;
}

static JsonNode *
group_error (GError **error)
{
  /* Not for citizens: a caller passed a group, which only the request can normalise. */
  g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                       "Groups are normalised by the request (LoketRequest), not field by field");
  return NULL;
}

static JsonNode *
normalize_string (const LoketField  *field,
                  const char        *text,
                  const GDate       *today,
                  GError           **error)
{
  double number;

  if (is_blank (text))
    return required_null (error);

  switch (field->type)
    {
    case LOKET_FIELD_TYPE_TEXT:
    case LOKET_FIELD_TYPE_NAME:
      {
        g_autofree char *clean = field->type == LOKET_FIELD_TYPE_NAME
                                 ? loket_validate_name (text, error)
                                 : clean_text (text, error);

        if (clean == NULL || !check_length (field, clean, error))
          return NULL;
        return string_node (g_steal_pointer (&clean));
      }
    case LOKET_FIELD_TYPE_NIK:
      return string_node (loket_validate_nik (text, error));
    case LOKET_FIELD_TYPE_KK:
      return string_node (loket_validate_kk (text, error));
    case LOKET_FIELD_TYPE_NPWP:
      return string_node (loket_validate_npwp (text, error));
    case LOKET_FIELD_TYPE_PHONE:
      return string_node (loket_validate_phone (text, error));
    case LOKET_FIELD_TYPE_EMAIL:
      return string_node (loket_validate_email (text, error));
    case LOKET_FIELD_TYPE_POSTAL_CODE:
      return string_node (loket_validate_postal_code (text, error));
    case LOKET_FIELD_TYPE_RT:
    case LOKET_FIELD_TYPE_RW:
      return string_node (loket_validate_rt_rw (text, error));
    case LOKET_FIELD_TYPE_DATE:
      return string_node (normalize_date (field, text, today, error));
    case LOKET_FIELD_TYPE_NUMBER:
      if (!parse_number_text (text, &number, error))
        return NULL;
      return normalize_number (field, number, error);
    case LOKET_FIELD_TYPE_CHOICE:
      return normalize_choice (field, text, error);
    case LOKET_FIELD_TYPE_YES_NO:
      return normalize_yes_no (text, error);
    case LOKET_FIELD_TYPE_GROUP:
      return group_error (error);
    case LOKET_FIELD_TYPE_INVALID:
    default:
      g_return_val_if_reached (NULL);
    }
}

JsonNode *
loket_field_normalize_text (const LoketField  *field,
                            const char        *text,
                            const GDate       *today,
                            GError           **error)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (field->type == LOKET_FIELD_TYPE_GROUP)
    return group_error (error);

  if (text == NULL)
    return required_null (error);

  return normalize_string (field, text, today, error);
}

JsonNode *
loket_field_normalize (const LoketField  *field,
                       JsonNode          *input,
                       const GDate       *today,
                       GError           **error)
{
  GType value_type;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (field->type == LOKET_FIELD_TYPE_GROUP)
    return group_error (error);

  if (input == NULL || JSON_NODE_HOLDS_NULL (input))
    return required_null (error);

  if (!JSON_NODE_HOLDS_VALUE (input))
    goto wrong_kind;

  value_type = json_node_get_value_type (input);
  if (value_type == G_TYPE_STRING)
    return normalize_string (field, json_node_get_string (input), today, error);

  if (field->type == LOKET_FIELD_TYPE_NUMBER &&
      (value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE))
    {
      if (value_type == G_TYPE_INT64)
        {
          gint64 whole = json_node_get_int (input);

          /* Beyond 2^53 a double would round it: keep the integer as it came. */
          if (!field->has_min && !field->has_max &&
              (whole > 9007199254740992 || whole < -9007199254740992))
            return json_node_init_int (json_node_alloc (), whole);
          return normalize_number (field, (double) whole, error);
        }
      return normalize_number (field, json_node_get_double (input), error);
    }

  if (field->type == LOKET_FIELD_TYPE_YES_NO && value_type == G_TYPE_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (input));

wrong_kind:
  g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT,
                       _("This answer is of the wrong kind. Please type it again."));
  return NULL;
}
