/* loket-validate-private.h — what the families of validators share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "loket-catalog.h"
#include "loket-validate.h"

G_BEGIN_DECLS

/* Sets a LOKET_VALIDATION_ERROR with code and gives NULL, so a check fails in one statement. */
gpointer  loket_validate_fail           (GError               **error,
                                         LoketValidationError   code,
                                         const char            *format,
                                         ...) G_GNUC_PRINTF (3, 4);
/* The REQUIRED error ("Please fill this in."); gives NULL. */
gpointer  loket_validate_required       (GError               **error);

gboolean  loket_validate_is_blank       (const char            *text);

/* The digits of input without the separators a citizen may type; NULL when something else
 * is there. */
char     *loket_validate_collect_digits (const char            *input,
                                         const char            *ignored);
/* The same, failing with REQUIRED when input is blank and with FORMAT and the message
 * not_digits (translated) when something else is there. */
char     *loket_validate_digits_only    (const char            *input,
                                         const char            *separators,
                                         const char            *not_digits,
                                         GError               **error);

/* today when given and valid, else today in local time. */
void      loket_validate_resolve_today  (const GDate           *today,
                                         GDate                 *out);

/* Trimmed, runs of white space made one space, NFC; FORMAT error on what cannot be read. */
char     *loket_validate_clean_text     (const char            *input,
                                         GError               **error);

/* A date field's value: a date the citizen typed, within the field's rules. */
char     *loket_validate_field_date     (const LoketField      *field,
                                         const char            *text,
                                         const GDate           *today,
                                         GError               **error);

/* The normalisers of the field types' table (loket-field-type.c): text is not blank. */
#define LOKET_DECLARE_NORMALIZER(name) \
  JsonNode *name (const LoketField *field, const char *text, const GDate *today, \
                  GError **error)

LOKET_DECLARE_NORMALIZER (loket_validate_normalize_text);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_name);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_nik);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_kk);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_npwp);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_phone);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_email);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_postal_code);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_rt_rw);
LOKET_DECLARE_NORMALIZER (loket_validate_field_date_node);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_number_text);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_choice);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_yes_no);
LOKET_DECLARE_NORMALIZER (loket_validate_normalize_group);

G_END_DECLS
