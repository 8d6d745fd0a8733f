/* loket-staff-pin.c — what a PIN and a staff name may be, and the PIN's yescrypt hash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-staff"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-staff.h"

G_DEFINE_QUARK (loket-staff-error-quark, loket_staff_error)

/* All one digit, or each digit one more (or one less) than the one before: 111111,
 * 123456, 654321, 890123 is not a run (0 does not follow 9). */
static gboolean
pin_is_trivial (const char *pin)
{
  gsize length = strlen (pin);
  gboolean same = TRUE, up = TRUE, down = TRUE;

  for (gsize i = 1; i < length; i++)
    {
      int step = pin[i] - pin[i - 1];

      same &= step == 0;
      up &= step == 1;
      down &= step == -1;
    }

  return same || up || down;
}

gboolean
loket_staff_pin_check (const char  *pin,
                       GError     **error)
{
  gsize length;

  g_return_val_if_fail (pin != NULL, FALSE);

  length = strlen (pin);
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      length = 0;

  if (length < LOKET_STAFF_PIN_MIN_DIGITS || length > LOKET_STAFF_PIN_MAX_DIGITS)
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_PIN_FORMAT,
                   /* Translators: %d and %d are the least and most digits of a PIN. */
                   _("a PIN is %d to %d digits, and nothing else"),
                   LOKET_STAFF_PIN_MIN_DIGITS, LOKET_STAFF_PIN_MAX_DIGITS);
      return FALSE;
    }

  if (pin_is_trivial (pin))
    {
      g_set_error_literal (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_PIN_TRIVIAL,
                           _("this PIN is too easy to guess (one digit repeated, or digits "
                             "counting up or down): choose another"));
      return FALSE;
    }

  return TRUE;
}

char *
loket_staff_pin_hash (const char  *pin,
                      GError     **error)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  char *setting;
  char *hash;
  char *result;

  g_return_val_if_fail (pin != NULL, NULL);

  /* NULL entropy: libxcrypt draws the salt from the kernel's random source. */
  setting = crypt_gensalt_ra ("$y$", 0, NULL, 0);
  if (setting == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FAILED,
                   /* Translators: %s is the system's reason. */
                   _("cannot make a yescrypt salt: %s"), g_strerror (saved_errno));
      return NULL;
    }

  hash = crypt_r (pin, setting, data);
  free (setting);
  if (hash == NULL || hash[0] == '*' || !loket_staff_hash_is_valid (hash))
    {
      g_set_error_literal (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FAILED,
                           _("cannot hash the PIN with yescrypt"));
      return NULL;
    }

  result = g_strdup (hash);
  explicit_bzero (data, sizeof *data);
  return result;
}

gboolean
loket_staff_pin_matches (const char *hash,
                         const char *pin)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *computed;
  gsize length;
  guchar difference = 0;

  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (pin != NULL, FALSE);

  if (!loket_staff_hash_is_valid (hash))
    return FALSE;

  computed = crypt_r (pin, hash, data);
  if (computed == NULL || computed[0] == '*')
    return FALSE;

  length = strlen (hash);
  if (strlen (computed) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    difference |= (guchar) (computed[i] ^ hash[i]);

  explicit_bzero (data, sizeof *data);
  return difference == 0;
}

static gboolean
is_hash_alphabet (const char *text,
                  gsize       min_length)
{
  gsize length = 0;

  for (; text[length] != '\0'; length++)
    if (!g_ascii_isalnum (text[length]) && text[length] != '.' && text[length] != '/')
      return FALSE;

  return length >= min_length;
}

gboolean
loket_staff_hash_is_valid (const char *hash)
{
  g_auto(GStrv) fields = NULL;

  if (hash == NULL || !g_str_has_prefix (hash, "$y$"))
    return FALSE;

  /* "", "y", params, salt, hash: yescrypt's hash is 43 symbols of crypt's base 64. */
  fields = g_strsplit (hash, "$", -1);
  return g_strv_length (fields) == 5 && is_hash_alphabet (fields[2], 1) &&
         is_hash_alphabet (fields[3], 1) && is_hash_alphabet (fields[4], 43) &&
         strlen (fields[4]) == 43;
}

gboolean
loket_staff_name_check (const char  *name,
                        GError     **error)
{
  glong length;

  g_return_val_if_fail (name != NULL, FALSE);

  length = g_utf8_validate (name, -1, NULL) ? g_utf8_strlen (name, -1) : -1;
  if (length < 1 || length > LOKET_STAFF_NAME_MAX_CHARS || g_unichar_isspace (g_utf8_get_char (name)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (name + strlen (name)))))
    goto bad;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ':' || g_unichar_iscntrl (c) || !g_unichar_isprint (c))
        goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_NAME,
               /* Translators: %d is the most characters of a staff name. */
               _("a staff name is 1 to %d characters, without a colon or control characters, "
                 "and neither starts nor ends with a space"),
               LOKET_STAFF_NAME_MAX_CHARS);
  return FALSE;
}
