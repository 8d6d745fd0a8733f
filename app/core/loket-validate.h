/* loket-validate.h — what a citizen typed, checked and turned into its wire value
 *
 * Every message is for the citizen, in their language (gettext domain "loket"): it says
 * what is wrong and how to fix it, never an internal name. docs/agency-protocol.md, "Values on
 * the wire", says what each type becomes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "loket-catalog.h"

G_BEGIN_DECLS

#define LOKET_VALIDATION_ERROR (loket_validation_error_quark ())

typedef enum {
  LOKET_VALIDATION_ERROR_REQUIRED,  /* empty, and the field is required */
  LOKET_VALIDATION_ERROR_FORMAT,    /* not the right shape: letters in a NIK, 15 digits */
  LOKET_VALIDATION_ERROR_CHECK,     /* the right shape but impossible: 31 February, province 00 */
  LOKET_VALIDATION_ERROR_RANGE,     /* outside the field's rules: a birth date in the future */
} LoketValidationError;

GQuark    loket_validation_error_quark (void);

/* The wire value of a scalar field (every type but group) from the citizen's input.
 * input is what the screens or `loketctl submit` give: a JSON string for every type, or
 * the wire type itself (a number, a boolean). today is the day rules are checked against
 * (NULL: today in local time). An empty or blank string gives REQUIRED: whether that
 * matters is the caller's decision. */
JsonNode *loket_field_normalize        (const LoketField  *field,
                                        JsonNode          *input,
                                        const GDate       *today,
                                        GError           **error);

/* The same for text typed on the screen. */
JsonNode *loket_field_normalize_text   (const LoketField  *field,
                                        const char        *text,
                                        const GDate       *today,
                                        GError           **error);

/* Per type: the normalised text (see docs/agency-protocol.md), or NULL with error. */
char     *loket_validate_nik           (const char *input, GError **error);
char     *loket_validate_kk            (const char *input, GError **error);
char     *loket_validate_npwp          (const char *input, GError **error);
char     *loket_validate_phone         (const char *input, GError **error);
char     *loket_validate_email         (const char *input, GError **error);
char     *loket_validate_postal_code   (const char *input, GError **error);
char     *loket_validate_rt_rw         (const char *input, GError **error);
char     *loket_validate_name          (const char *input, GError **error);

/* A number of exactly n_digits digits, as a text field with "digits" asks (a NIB, a BPJS
 * card number, a KBLI code): spaces, dots and hyphens between them are dropped, leading
 * zeros kept. label names the field in the messages, already in the citizen's language:
 * "Business number (NIB) has 13 digits; you typed 12." */
char     *loket_validate_digits        (const char  *input,
                                        guint        n_digits,
                                        const char  *label,
                                        GError     **error);

/* What a NIK itself says about its holder: region, date of birth (day + 40 for women). */
typedef struct {
  char     province[3];       /* "32" */
  char     region[7];         /* "327301": province, regency/city, district */
  GDate    birth_date;        /* the century is guessed: the latest not after today */
  gboolean female;
  guint    serial;            /* 1..9999 */
} LoketNikInfo;

gboolean  loket_nik_decode             (const char    *nik,
                                        const GDate   *today,
                                        LoketNikInfo  *info);

/* A province code that exists (11 Aceh … 96 Papua Barat Daya; in Papua every code of 91 to
 * 97 is on someone's card: loket-validate-ids.c says why). */
gboolean  loket_province_code_is_valid (const char *two_digits);

/* A date rule of the catalog (not_before, not_after): "YYYY-MM-DD", or relative to today
 * ("-18y", "-6m", "+30d"; NULL today: today in local time). FALSE when the rule is not
 * written in one of these forms; the catalog loader uses this to check rules. */
gboolean  loket_date_rule_resolve      (const char    *rule,
                                        const GDate   *today,
                                        GDate         *date);

/* A date as a citizen types it: YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY; a real calendar date.
 * FORMAT or CHECK error otherwise. */
gboolean  loket_date_parse             (const char    *input,
                                        GDate         *date,
                                        GError       **error);

G_END_DECLS
