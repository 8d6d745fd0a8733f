/* loket-tracking-code.c — generating, printing and reading tracking codes
 *
 * Why modulo 37: 37 is a prime larger than the alphabet, and no power of 32 is a multiple of
 * it, so changing one symbol (by 1 to 31 times a power of 32) or swapping two different
 * neighbours (by (a - b) * 31 * 32^k) always changes the value modulo 37. A swap of the last
 * data symbol x with the check symbol c gives the check 2c - x, which equals x only if c = x.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-tracking-code"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>

#include "loket-tracking-code.h"

#define N_DATA_SYMBOLS 12
#define VALUE_BITS (5 * N_DATA_SYMBOLS)
#define VALUE_MASK ((G_GUINT64_CONSTANT (1) << VALUE_BITS) - 1)
#define CHECK_MODULUS 37

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

G_DEFINE_QUARK (loket-tracking-code-error-quark, loket_tracking_code_error)

/* The value of a symbol as a citizen may type it, or -1. O, I and L are read as the digits
 * they look like; U is not in Crockford's alphabet at all. */
static int
symbol_value (char c)
{
  const char *found;

  c = g_ascii_toupper (c);
  switch (c)
    {
    case 'O':
      return 0;
    case 'I':
    case 'L':
      return 1;
    case '\0':
      return -1;
    default:
      found = strchr (alphabet, c);
      return found != NULL ? (int) (found - alphabet) : -1;
    }
}

static gboolean
is_ignored (char c)
{
  return c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r';
}

static guint64
draw_value (void)
{
  guint64 value = 0;
  guint8 *buffer = (guint8 *) &value;
  gsize filled = 0;

  /* getrandom() without flags blocks until the kernel's pool is seeded and only then reads
   * from it; a signal may cut it short, so read until the buffer is full. Any other
   * failure means there is no cryptographic source: a guessable code would give anyone
   * the status of a stranger's request, so stop instead of falling back. */
  while (filled < sizeof value)
    {
      ssize_t n = getrandom (buffer + filled, sizeof value - filled, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed (%s): no cryptographic source for tracking codes",
                   g_strerror (errno));
        }
      filled += (gsize) n;
    }

  return value & VALUE_MASK;
}

char *
loket_tracking_code_from_value (guint64 value)
{
  char *code;
  guint check;

  if (value > VALUE_MASK)
    return NULL;

  check = (guint) (value % CHECK_MODULUS);
  if (check >= 32)
    return NULL;

  code = g_new (char, LOKET_TRACKING_CODE_LENGTH + 1);
  for (int i = N_DATA_SYMBOLS - 1; i >= 0; i--)
    {
      code[i] = alphabet[value & 31];
      value >>= 5;
    }
  code[N_DATA_SYMBOLS] = alphabet[check];
  code[LOKET_TRACKING_CODE_LENGTH] = '\0';

  return code;
}

char *
loket_tracking_code_generate_counted (guint *n_redraws)
{
  guint redraws = 0;
  char *code;

  while ((code = loket_tracking_code_from_value (draw_value ())) == NULL)
    redraws++;

  if (n_redraws != NULL)
    *n_redraws = redraws;

  return code;
}

char *
loket_tracking_code_generate (void)
{
  return loket_tracking_code_generate_counted (NULL);
}

/* Reads 13 symbol values from text, skipping what parsing ignores. */
static gboolean
read_symbols (const char  *text,
              int          values[LOKET_TRACKING_CODE_LENGTH],
              GError     **error)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      int value;

      if (is_ignored (*p))
        continue;

      value = symbol_value (*p);
      if (value < 0)
        {
          if (g_ascii_isgraph (*p))
            g_set_error (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_SYMBOL,
                         /* Translators: %c is the letter or sign the citizen typed. */
                         _("Tracking codes do not contain “%c”: please check the code on your receipt."),
                         g_ascii_toupper (*p));
          else
            g_set_error_literal (error, LOKET_TRACKING_CODE_ERROR,
                                 LOKET_TRACKING_CODE_ERROR_SYMBOL,
                                 _("Tracking codes contain only the letters and digits printed on your receipt."));
          return FALSE;
        }

      if (n < LOKET_TRACKING_CODE_LENGTH)
        values[n] = value;
      n++;
    }

  if (n == 0)
    {
      g_set_error_literal (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_EMPTY,
                           _("Please type the tracking code printed on your receipt."));
      return FALSE;
    }

  if (n != LOKET_TRACKING_CODE_LENGTH)
    {
      g_set_error (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_LENGTH,
                   /* Translators: %u is how many letters and digits the citizen typed. */
                   _("A tracking code has 13 letters and digits; this one has %u."), n);
      return FALSE;
    }

  return TRUE;
}

char *
loket_tracking_code_parse (const char  *text,
                           GError     **error)
{
  int values[LOKET_TRACKING_CODE_LENGTH];
  guint64 value = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_symbols (text, values, error))
    return NULL;

  for (guint i = 0; i < N_DATA_SYMBOLS; i++)
    value = (value << 5) | (guint64) values[i];

  if (value % CHECK_MODULUS != (guint64) values[N_DATA_SYMBOLS])
    {
      g_set_error_literal (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_CHECK,
                           _("This code has a typing mistake: please check it against your receipt."));
      return NULL;
    }

  return loket_tracking_code_from_value (value);
}

gboolean
loket_tracking_code_is_canonical (const char *code)
{
  g_autofree char *parsed = NULL;

  g_return_val_if_fail (code != NULL, FALSE);

  if (strlen (code) != LOKET_TRACKING_CODE_LENGTH)
    return FALSE;

  parsed = loket_tracking_code_parse (code, NULL);

  return parsed != NULL && strcmp (parsed, code) == 0;
}

char *
loket_tracking_code_format (const char *canonical)
{
  g_return_val_if_fail (canonical != NULL, NULL);
  g_return_val_if_fail (loket_tracking_code_is_canonical (canonical), NULL);

  return g_strdup_printf ("%.4s-%.4s-%.4s-%c",
                          canonical, canonical + 4, canonical + 8, canonical[12]);
}
