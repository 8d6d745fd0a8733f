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

G_END_DECLS
