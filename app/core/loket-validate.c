/* loket-validate.c — what a citizen typed, checked and turned into its wire value
 *
 * This file takes a field's input to the validator of its type and holds what the families
 * of validators share; the validators themselves are in loket-validate-ids.c (NIK, KK,
 * NPWP), -contact.c (phone, e-mail, postal code, RT/RW), -names.c (text, names) and
 * -dates.c. Numbers, choices and yes-no answers, which need no more than a few lines, are
 * here.
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
#include "loket-validate-private.h"

G_DEFINE_QUARK (loket-validation-error-quark, loket_validation_error)

gpointer
loket_validate_fail (GError               **error,
                     LoketValidationError   code,
                     const char            *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (LOKET_VALIDATION_ERROR, (gint) code, format,
                                                args));
  va_end (args);

  return NULL;
}

gpointer
loket_validate_required (GError **error)
{
  g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_REQUIRED,
                       _("Please fill this in."));
  return NULL;
}

gboolean
loket_validate_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
loket_validate_collect_digits (const char *input,
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

char *
loket_validate_digits_only (const char  *input,
                            const char  *separators,
                            const char  *not_digits,
                            GError     **error)
{
  char *digits;

  if (loket_validate_is_blank (input))
    return loket_validate_required (error);

  digits = loket_validate_collect_digits (input, separators);
  if (digits == NULL)
    g_set_error_literal (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT, not_digits);

  return digits;
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
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                                _("Please type a number using digits only, such as 12 or 2,5."));

  if (field->integer && value != floor (value))
    return loket_validate_fail (error, LOKET_VALIDATION_ERROR_RANGE,
                                _("Please enter a whole number."));

  if ((field->has_min && value < field->min) || (field->has_max && value > field->max))
    {
      g_autofree char *min = format_bound (field->min);
      g_autofree char *max = format_bound (field->max);

      if (field->has_min && field->has_max)
        return loket_validate_fail (error, LOKET_VALIDATION_ERROR_RANGE,
                                    /* Translators: the two %s are numbers, the smallest and the largest. */
                                    _("Please enter a number from %s to %s."), min, max);
      if (field->has_min)
        return loket_validate_fail (error, LOKET_VALIDATION_ERROR_RANGE,
                                    /* Translators: %s is the smallest number allowed. */
                                    _("Please enter a number of at least %s."), min);
      return loket_validate_fail (error, LOKET_VALIDATION_ERROR_RANGE,
                                    /* Translators: %s is the largest number allowed. */
                                    _("Please enter a number of at most %s."), max);
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

  return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                              _("Please choose one of the options shown."));
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

  return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                              _("Please answer yes or no."));
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
  return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                              "Groups are normalised by the request (LoketRequest), not field by field");
}

/* ---- The field types' normalisers (loket-field-type.c's table) ---- */

JsonNode *
loket_validate_normalize_text (const LoketField  *field,
                               const char        *text,
                               const GDate       *today,
                               GError           **error)
{
  g_autofree char *clean = NULL;

  if (field->digits > 0)
    return string_node (loket_validate_digits (text, field->digits,
                                               field->label != NULL ? C_CATALOG (field->label)
                                                                    : field->id,
                                               error));

  clean = loket_validate_clean_text (text, error);
  if (clean == NULL || !check_length (field, clean, error))
    return NULL;
  return string_node (g_steal_pointer (&clean));
}

JsonNode *
loket_validate_normalize_name (const LoketField  *field,
                               const char        *text,
                               const GDate       *today,
                               GError           **error)
{
  g_autofree char *clean = loket_validate_name (text, error);

  if (clean == NULL || !check_length (field, clean, error))
    return NULL;
  return string_node (g_steal_pointer (&clean));
}

/* The types whose validator needs nothing of the field but the text. */
#define TEXT_ONLY_NORMALIZER(name, validator) \
  JsonNode * \
  loket_validate_normalize_ ## name (const LoketField  *field, \
                                     const char        *text, \
                                     const GDate       *today, \
                                     GError           **error) \
  { \
    return string_node (validator (text, error)); \
  }

TEXT_ONLY_NORMALIZER (nik, loket_validate_nik)
TEXT_ONLY_NORMALIZER (kk, loket_validate_kk)
TEXT_ONLY_NORMALIZER (npwp, loket_validate_npwp)
TEXT_ONLY_NORMALIZER (phone, loket_validate_phone)
TEXT_ONLY_NORMALIZER (email, loket_validate_email)
TEXT_ONLY_NORMALIZER (postal_code, loket_validate_postal_code)
TEXT_ONLY_NORMALIZER (rt_rw, loket_validate_rt_rw)

JsonNode *
loket_validate_field_date_node (const LoketField  *field,
                                const char        *text,
                                const GDate       *today,
                                GError           **error)
{
  return string_node (loket_validate_field_date (field, text, today, error));
}

JsonNode *
loket_validate_normalize_number_text (const LoketField  *field,
                                      const char        *text,
                                      const GDate       *today,
                                      GError           **error)
{
  double number;

  if (!parse_number_text (text, &number, error))
    return NULL;
  return normalize_number (field, number, error);
}

JsonNode *
loket_validate_normalize_choice (const LoketField  *field,
                                 const char        *text,
                                 const GDate       *today,
                                 GError           **error)
{
  return normalize_choice (field, text, error);
}

JsonNode *
loket_validate_normalize_yes_no (const LoketField  *field,
                                 const char        *text,
                                 const GDate       *today,
                                 GError           **error)
{
  return normalize_yes_no (text, error);
}

JsonNode *
loket_validate_normalize_group (const LoketField  *field,
                                const char        *text,
                                const GDate       *today,
                                GError           **error)
{
  return group_error (error);
}

static JsonNode *
normalize_string (const LoketField  *field,
                  const char        *text,
                  const GDate       *today,
                  GError           **error)
{
  if (loket_validate_is_blank (text))
    return loket_validate_required (error);

  return loket_field_type_get_info (field->type)->normalize (field, text, today, error);
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
    return loket_validate_required (error);

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
    return loket_validate_required (error);

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
  return loket_validate_fail (error, LOKET_VALIDATION_ERROR_FORMAT,
                              _("This answer is of the wrong kind. Please type it again."));
}
