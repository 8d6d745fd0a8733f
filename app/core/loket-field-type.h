/* loket-field-type.h — the field types of the catalog, in their wire spellings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Spellings are a contract (docs/agency-protocol.md, "Values on the wire"): keep them exactly. */
typedef enum {
  LOKET_FIELD_TYPE_INVALID = -1,
  LOKET_FIELD_TYPE_TEXT,
  LOKET_FIELD_TYPE_NAME,
  LOKET_FIELD_TYPE_NIK,
  LOKET_FIELD_TYPE_KK,
  LOKET_FIELD_TYPE_NPWP,
  LOKET_FIELD_TYPE_DATE,
  LOKET_FIELD_TYPE_PHONE,
  LOKET_FIELD_TYPE_EMAIL,
  LOKET_FIELD_TYPE_POSTAL_CODE,
  LOKET_FIELD_TYPE_RT,
  LOKET_FIELD_TYPE_RW,
  LOKET_FIELD_TYPE_NUMBER,
  LOKET_FIELD_TYPE_CHOICE,
  LOKET_FIELD_TYPE_YES_NO,
  LOKET_FIELD_TYPE_GROUP,
} LoketFieldType;

LoketFieldType loket_field_type_from_string (const char     *spelling);
const char    *loket_field_type_to_string   (LoketFieldType  type);

/* Which on-screen keyboard layout suits the type. */
typedef enum {
  LOKET_KEYBOARD_NONE,
  LOKET_KEYBOARD_TEXT,
  LOKET_KEYBOARD_EMAIL,
  LOKET_KEYBOARD_DIGITS,
  LOKET_KEYBOARD_PHONE,     /* the digits and a "+" for the country code */
} LoketKeyboardKind;

LoketKeyboardKind loket_field_type_keyboard (LoketFieldType type);

G_END_DECLS
