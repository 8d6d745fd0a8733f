/* loket-validate-names.c — free text and people's names, as a citizen types them
 *
 * Text is kept as typed, only tidied (white space, Unicode normalisation); a name also
 * has to look like one in any script, without refusing real names with marks or joiners.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-validate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "loket-validate.h"
#include "loket-validate-private.h"

/* Trimmed, runs of white space made one space, NFC. Control characters are refused rather
 * than dropped: the citizen should see what is sent. */
char *
loket_validate_clean_text (const char  *input,
                           GError     **error)
{
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (!g_utf8_validate (input, -1, NULL) ||
      (nfc = g_utf8_normalize (input, -1, G_NORMALIZE_NFC)) == NULL)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("This text contains characters that cannot be read. Please type it again."));

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
          return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                      _("This text contains characters that cannot be read. Please type it again."));
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

  if (loket_validate_is_blank (input))
    return loket_validate_required (error);

  name = loket_validate_clean_text (input, error);
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
        return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                    _("A name may contain only letters, spaces and the signs . , ' -"));
    }

  if (!has_letter)
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("Please type a name with at least one letter."));

  return g_steal_pointer (&name);
}
