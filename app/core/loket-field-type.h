/* loket-field-type.h — the field types of the catalog, in their wire spellings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

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

/* How an entry that takes digits only shows them while they are typed, and Review after. */
typedef enum {
  LOKET_DIGITS_PLAIN,       /* "40115" */
  LOKET_DIGITS_FOURS,       /* "3273 0101 0101 0001"; a phone's "+": "+62 812 3456 7890" */
  LOKET_DIGITS_DATE,        /* "17-08-2026": stored with its hyphens, day first */
} LoketDigitsLayout;

/* The catalog members that set a field's rules, one bit each. */
typedef enum {
  LOKET_FIELD_RULE_MIN_LENGTH = 1 << 0,
  LOKET_FIELD_RULE_MAX_LENGTH = 1 << 1,
  LOKET_FIELD_RULE_DIGITS     = 1 << 2,
  LOKET_FIELD_RULE_NOT_FUTURE = 1 << 3,
  LOKET_FIELD_RULE_NOT_BEFORE = 1 << 4,
  LOKET_FIELD_RULE_NOT_AFTER  = 1 << 5,
  LOKET_FIELD_RULE_MIN        = 1 << 6,
  LOKET_FIELD_RULE_MAX        = 1 << 7,
  LOKET_FIELD_RULE_INTEGER    = 1 << 8,
  LOKET_FIELD_RULE_CHOICES    = 1 << 9,
  LOKET_FIELD_RULE_FIELDS     = 1 << 10,
} LoketFieldRules;

/* The catalog member of each rule bit, in bit order, NULL-terminated. */
extern const char * const loket_field_rule_members[];

typedef struct _LoketField LoketField;
typedef struct _LoketCatalogLoader LoketCatalogLoader;
typedef struct _LoketJsonProblems LoketJsonProblems;

/* Everything Loket knows of one field type, in one place: the catalog loader, the
 * validators, the form's entries and Review all read it from here. A new type is one entry
 * of the table in loket-field-type.c, plus the file with its functions. */
typedef struct {
  LoketFieldType     type;
  const char        *spelling;       /* the catalog's and the wire's (DESIGN.md) */
  LoketKeyboardKind  keyboard;
  /* > 0: the entry takes digits only (and a phone's leading "+"), at most this many. */
  guint              entry_digits;
  LoketDigitsLayout  digits_layout;
  /* Review shows the stored answer in the entry's groups of digits. */
  gboolean           review_grouped;
  guint              rules;          /* LoketFieldRules the catalog may set on it */

  /* Reads and checks the type's rules from its catalog object into field (a sub-field of
   * group, or group NULL); FALSE after recording problems. NULL: no rules of its own. */
  gboolean  (*load_rules) (LoketCatalogLoader *loader,
                           LoketJsonProblems  *p,
                           JsonObject         *object,
                           const char         *path,
                           LoketField         *field,
                           const LoketField   *group);
  /* A typed answer (never blank) as its wire value, or NULL with a citizen's message. */
  JsonNode *(*normalize)  (const LoketField   *field,
                           const char         *text,
                           const GDate        *today,
                           GError            **error);
  /* A stored answer (never empty) as a citizen reads it on Review; NULL: as stored. */
  char     *(*display)    (const LoketField   *field,
                           const char         *text);
} LoketFieldTypeInfo;

const LoketFieldTypeInfo *loket_field_type_get_info   (LoketFieldType   type);
/* "text, name, nik, …": the spellings, for messages about an unknown type. */
const char               *loket_field_type_spellings  (void);

/* A stored answer (not empty) as a citizen reads it on Review. */
char                     *loket_field_display_text    (const LoketField *field,
                                                       const char      *text);

/* digits (and a phone's leading "+") laid out as the type's entry shows them. */
char                     *loket_field_format_digits   (LoketFieldType   type,
                                                       const char      *digits);

G_END_DECLS
