/* loket-field-type.c — the field types' wire spellings, and the keyboard each one wants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-core"

#include "loket-catalog.h"
#include "loket-field-type.h"

static const char * const spellings[] = {
  [LOKET_FIELD_TYPE_TEXT] = "text",
  [LOKET_FIELD_TYPE_NAME] = "name",
  [LOKET_FIELD_TYPE_NIK] = "nik",
  [LOKET_FIELD_TYPE_KK] = "kk",
  [LOKET_FIELD_TYPE_NPWP] = "npwp",
  [LOKET_FIELD_TYPE_DATE] = "date",
  [LOKET_FIELD_TYPE_PHONE] = "phone",
  [LOKET_FIELD_TYPE_EMAIL] = "email",
  [LOKET_FIELD_TYPE_POSTAL_CODE] = "postal-code",
  [LOKET_FIELD_TYPE_RT] = "rt",
  [LOKET_FIELD_TYPE_RW] = "rw",
  [LOKET_FIELD_TYPE_NUMBER] = "number",
  [LOKET_FIELD_TYPE_CHOICE] = "choice",
  [LOKET_FIELD_TYPE_YES_NO] = "yes-no",
  [LOKET_FIELD_TYPE_GROUP] = "group",
};

LoketFieldType
loket_field_type_from_string (const char *spelling)
{
  if (spelling == NULL)
    return LOKET_FIELD_TYPE_INVALID;

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    if (g_str_equal (spelling, spellings[i]))
      return (LoketFieldType) i;

  return LOKET_FIELD_TYPE_INVALID;
}

const char *
loket_field_type_to_string (LoketFieldType type)
{
  g_return_val_if_fail (type >= 0 && (guint) type < G_N_ELEMENTS (spellings), NULL);

  return spellings[type];
}

LoketKeyboardKind
loket_field_type_keyboard (LoketFieldType type)
{
  switch (type)
    {
    case LOKET_FIELD_TYPE_TEXT:
    case LOKET_FIELD_TYPE_NAME:
      return LOKET_KEYBOARD_TEXT;
    case LOKET_FIELD_TYPE_EMAIL:
      return LOKET_KEYBOARD_EMAIL;
    case LOKET_FIELD_TYPE_NIK:
    case LOKET_FIELD_TYPE_KK:
    case LOKET_FIELD_TYPE_NPWP:
    case LOKET_FIELD_TYPE_DATE:
    case LOKET_FIELD_TYPE_POSTAL_CODE:
    case LOKET_FIELD_TYPE_RT:
    case LOKET_FIELD_TYPE_RW:
    case LOKET_FIELD_TYPE_NUMBER:
      return LOKET_KEYBOARD_DIGITS;
    case LOKET_FIELD_TYPE_PHONE:
      return LOKET_KEYBOARD_PHONE;
    case LOKET_FIELD_TYPE_CHOICE:
    case LOKET_FIELD_TYPE_YES_NO:
    case LOKET_FIELD_TYPE_GROUP:
    case LOKET_FIELD_TYPE_INVALID:
    default:
      return LOKET_KEYBOARD_NONE;
    }
}

LoketKeyboardKind
loket_field_keyboard (const LoketField *field)
{
  g_return_val_if_fail (field != NULL, LOKET_KEYBOARD_NONE);

  if (field->type == LOKET_FIELD_TYPE_TEXT && field->digits > 0)
    return LOKET_KEYBOARD_DIGITS;

  return loket_field_type_keyboard (field->type);
}
