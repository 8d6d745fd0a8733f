/* loket-field-type.c — the table of field types: how each is spelled, read from the catalog,
 * typed, checked and shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-catalog.h"
#include "loket-catalog-private.h"
#include "loket-field-type.h"
#include "loket-format.h"
#include "loket-i18n.h"
#include "loket-validate-private.h"

const char * const loket_field_rule_members[] = {
  "min_length", "max_length", "digits", "not_future", "not_before", "not_after", "min", "max",
  "integer", "choices", "fields", NULL
};

static char *display_choice (const LoketField *field, const char *text);
static char *display_yes_no (const LoketField *field, const char *text);
static char *display_date   (const LoketField *field, const char *text);

#define RULES_LENGTH (LOKET_FIELD_RULE_MIN_LENGTH | LOKET_FIELD_RULE_MAX_LENGTH)
#define RULES_RANGE  (LOKET_FIELD_RULE_MIN | LOKET_FIELD_RULE_MAX)

/* Indexed by LoketFieldType; the order of the spellings is the order messages list them. */
static const LoketFieldTypeInfo types[] = {
  { LOKET_FIELD_TYPE_TEXT, "text", LOKET_KEYBOARD_TEXT, 0, LOKET_DIGITS_PLAIN, FALSE,
    RULES_LENGTH | LOKET_FIELD_RULE_DIGITS,
    catalog_load_text_rules, loket_validate_normalize_text, NULL },
  { LOKET_FIELD_TYPE_NAME, "name", LOKET_KEYBOARD_TEXT, 0, LOKET_DIGITS_PLAIN, FALSE,
    RULES_LENGTH,
    catalog_load_name_rules, loket_validate_normalize_name, NULL },
  { LOKET_FIELD_TYPE_NIK, "nik", LOKET_KEYBOARD_DIGITS, 16, LOKET_DIGITS_FOURS, TRUE, 0,
    NULL, loket_validate_normalize_nik, NULL },
  { LOKET_FIELD_TYPE_KK, "kk", LOKET_KEYBOARD_DIGITS, 16, LOKET_DIGITS_FOURS, TRUE, 0,
    NULL, loket_validate_normalize_kk, NULL },
  { LOKET_FIELD_TYPE_NPWP, "npwp", LOKET_KEYBOARD_DIGITS, 16, LOKET_DIGITS_FOURS, TRUE, 0,
    NULL, loket_validate_normalize_npwp, NULL },
  { LOKET_FIELD_TYPE_DATE, "date", LOKET_KEYBOARD_DIGITS, 8, LOKET_DIGITS_DATE, FALSE,
    LOKET_FIELD_RULE_NOT_FUTURE | LOKET_FIELD_RULE_NOT_BEFORE | LOKET_FIELD_RULE_NOT_AFTER,
    catalog_load_date_rules, loket_validate_field_date_node, display_date },
  /* 15 digits: E.164's limit. */
  { LOKET_FIELD_TYPE_PHONE, "phone", LOKET_KEYBOARD_PHONE, 15, LOKET_DIGITS_FOURS, TRUE, 0,
    NULL, loket_validate_normalize_phone, NULL },
  { LOKET_FIELD_TYPE_EMAIL, "email", LOKET_KEYBOARD_EMAIL, 0, LOKET_DIGITS_PLAIN, FALSE, 0,
    NULL, loket_validate_normalize_email, NULL },
  { LOKET_FIELD_TYPE_POSTAL_CODE, "postal-code", LOKET_KEYBOARD_DIGITS, 5, LOKET_DIGITS_PLAIN,
    FALSE, 0, NULL, loket_validate_normalize_postal_code, NULL },
  { LOKET_FIELD_TYPE_RT, "rt", LOKET_KEYBOARD_DIGITS, 3, LOKET_DIGITS_PLAIN, FALSE, 0,
    NULL, loket_validate_normalize_rt_rw, NULL },
  { LOKET_FIELD_TYPE_RW, "rw", LOKET_KEYBOARD_DIGITS, 3, LOKET_DIGITS_PLAIN, FALSE, 0,
    NULL, loket_validate_normalize_rt_rw, NULL },
  { LOKET_FIELD_TYPE_NUMBER, "number", LOKET_KEYBOARD_DIGITS, 0, LOKET_DIGITS_PLAIN, FALSE,
    RULES_RANGE | LOKET_FIELD_RULE_INTEGER,
    catalog_load_number_rules, loket_validate_normalize_number_text, NULL },
  { LOKET_FIELD_TYPE_CHOICE, "choice", LOKET_KEYBOARD_NONE, 0, LOKET_DIGITS_PLAIN, FALSE,
    LOKET_FIELD_RULE_CHOICES,
    catalog_load_choice_rules, loket_validate_normalize_choice, display_choice },
  { LOKET_FIELD_TYPE_YES_NO, "yes-no", LOKET_KEYBOARD_NONE, 0, LOKET_DIGITS_PLAIN, FALSE, 0,
    NULL, loket_validate_normalize_yes_no, display_yes_no },
  { LOKET_FIELD_TYPE_GROUP, "group", LOKET_KEYBOARD_NONE, 0, LOKET_DIGITS_PLAIN, FALSE,
    RULES_RANGE | LOKET_FIELD_RULE_FIELDS,
    catalog_load_group_rules, loket_validate_normalize_group, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (types) == LOKET_FIELD_TYPE_GROUP + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (loket_field_rule_members) == 12);

const LoketFieldTypeInfo *
loket_field_type_get_info (LoketFieldType type)
{
  g_return_val_if_fail (type >= 0 && (guint) type < G_N_ELEMENTS (types), NULL);
  g_assert (types[type].type == type);

  return &types[type];
}

LoketFieldType
loket_field_type_from_string (const char *spelling)
{
  if (spelling == NULL)
    return LOKET_FIELD_TYPE_INVALID;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (spelling, types[i].spelling))
      return types[i].type;

  return LOKET_FIELD_TYPE_INVALID;
}

const char *
loket_field_type_to_string (LoketFieldType type)
{
  g_return_val_if_fail (type >= 0 && (guint) type < G_N_ELEMENTS (types), NULL);

  return types[type].spelling;
}

const char *
loket_field_type_spellings (void)
{
  static char *list;

  if (g_once_init_enter (&list))
    {
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", types[i].spelling);
      g_once_init_leave (&list, g_string_free (out, FALSE));
    }

  return list;
}

LoketKeyboardKind
loket_field_type_keyboard (LoketFieldType type)
{
  if (type < 0 || (guint) type >= G_N_ELEMENTS (types))
    return LOKET_KEYBOARD_NONE;

  return types[type].keyboard;
}

LoketKeyboardKind
loket_field_keyboard (const LoketField *field)
{
  g_return_val_if_fail (field != NULL, LOKET_KEYBOARD_NONE);

  if (field->type == LOKET_FIELD_TYPE_TEXT && field->digits > 0)
    return LOKET_KEYBOARD_DIGITS;

  return loket_field_type_keyboard (field->type);
}

/* ---- How answers are shown ---- */

char *
loket_field_format_digits (LoketFieldType  type,
                           const char     *digits)
{
  const LoketFieldTypeInfo *info;
  GString *out;
  gsize n;

  g_return_val_if_fail (digits != NULL, NULL);

  info = loket_field_type_get_info (type);
  out = g_string_new (NULL);

  /* A phone number with its country code, as written abroad: "+62 812 3456 7890". */
  if (info->digits_layout == LOKET_DIGITS_FOURS && digits[0] == '+')
    {
      g_string_append_c (out, '+');
      digits++;
      n = strlen (digits);
      for (gsize i = 0; i < n; i++)
        {
          if (i == 2 || (i >= 5 && (i - 5) % 4 == 0))
            g_string_append_c (out, ' ');
          g_string_append_c (out, digits[i]);
        }
      return g_string_free (out, FALSE);
    }

  n = strlen (digits);
  for (gsize i = 0; i < n; i++)
    {
      /* Separators go in only once a digit follows them, so backspace never meets one. */
      if (info->digits_layout == LOKET_DIGITS_DATE && (i == 2 || i == 4))
        g_string_append_c (out, '-');
      else if (info->digits_layout == LOKET_DIGITS_FOURS && i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
display_choice (const LoketField *field,
                const char       *text)
{
  for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
    {
      const LoketChoice *choice = g_ptr_array_index (field->choices, i);

      if (g_strcmp0 (choice->value, text) == 0)
        return g_strdup (C_CATALOG (choice->label));
    }

  return g_strdup (text);
}

static char *
display_yes_no (const LoketField *field,
                const char       *text)
{
  return g_strdup (g_strcmp0 (text, "true") == 0 ? _("Yes") : _("No"));
}

static char *
display_date (const LoketField *field,
              const char       *text)
{
  GDate date;

  g_date_clear (&date, 1);
  if (loket_date_parse (text, &date, NULL))
    return loket_format_date (NULL, &date);

  return g_strdup (text);
}

char *
loket_field_display_text (const LoketField *field,
                          const char       *text)
{
  const LoketFieldTypeInfo *info;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  info = loket_field_type_get_info (field->type);
  if (info->display != NULL)
    return info->display (field, text);
  if (info->review_grouped)
    return loket_field_format_digits (field->type, text);

  return g_strdup (text);
}
