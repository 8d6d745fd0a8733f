/* loket-validate-contact.c — how to reach a citizen and where they live: phone numbers,
 * e-mail addresses, postal codes, RT and RW
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

  if (loket_validate_is_blank (input))
    return loket_validate_required (error);

  for (p = input; g_ascii_isspace (*p); p++)
    ;
  plus = *p == '+';
  digits = loket_validate_collect_digits (plus ? p + 1 : p, " -().");
  if (digits == NULL || *digits == '\0')
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("A phone number has only digits, such as 0812 3456 7890."));

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
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("Please type an Indonesian phone number, starting with 0 or +62."));

  /* national is now without its 0: the length of the national form is one more. */
  length = strlen (national) + 1;
  if (national[0] == '8' && national[1] != '0' && national[1] != '\0')
    {
      if (length < 10 || length > 13)
        return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                    /* Translators: %u is how many digits the citizen typed. */
                                    _("A mobile number has 10 to 13 digits, starting with 08; you typed %u."),
                                    (guint) length);
    }
  else if (strchr ("2345679", national[0]) != NULL && national[0] != '\0')
    {
      if (length < 9 || length > 12)
        return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                    /* Translators: %u is how many digits the citizen typed. */
                                    _("A telephone number with its area code, such as 021, has 9 to 12 digits; you typed %u."),
                                    (guint) length);
    }
  else
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                _("This is not a mobile number (08…) or a telephone number with an area code (such as 021…). Please check it."));

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

  if (loket_validate_is_blank (input))
    return loket_validate_required (error);

  if (!g_utf8_validate (input, -1, NULL))
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("Please type the e-mail address again: it contains characters that cannot be read."));

  trimmed = g_strstrip (g_strdup (input));
  lower = g_utf8_strdown (trimmed, -1);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                    _("An e-mail address has no spaces. Please check it."));
    }

  at = strchr (lower, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL || at == lower)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("An e-mail address has one @ with a name before it, such as nama@contoh.id."));

  if (!domain_is_valid (at + 1))
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("After the @, an e-mail address has a domain with a dot, such as contoh.id. Please check it."));

  /* 64 bytes before the @ and 254 in all are the limits of the mail standards. */
  if (strlen (lower) > 254 || (gsize) (at - lower) > 64)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("This e-mail address is too long. Please check it."));

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

  digits = loket_validate_digits_only (input, " ",
                                       _("A postal code has only digits, such as 40115."),
                                       error);
  if (digits == NULL)
    return NULL;

  length = strlen (digits);
  if (length != 5)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                /* Translators: %u is how many digits the citizen typed. */
                                _("A postal code has 5 digits; you typed %u."), (guint) length);

  if (digits[0] == '0')
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                _("A postal code does not start with 0. Please check it."));

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

  if (loket_validate_is_blank (input))
    return loket_validate_required (error);

  digits = loket_validate_collect_digits (input, " ");
  length = digits != NULL ? strlen (digits) : 0;
  if (digits == NULL || length > 3)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("Please type 1 to 3 digits, such as 7 or 007."));

  if (strspn (digits, "0") == length)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_CHECK,
                                _("This number cannot be 0. Please check it."));

  return g_strdup_printf ("%03d", atoi (digits));
}
