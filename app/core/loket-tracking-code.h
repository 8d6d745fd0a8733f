/* loket-tracking-code.h — the code on a receipt that is the only key to a request's status
 *
 * The contract (docs/agency-protocol.md, "The tracking code"): 12 random symbols of Crockford's
 * base 32 (60 bits from the kernel's cryptographic source) and a check symbol, the 60-bit value
 * modulo 37, always < 32 because codes are drawn again until it is. Canonical form: 13
 * upper-case symbols, no separators. Shown and printed as XXXX-XXXX-XXXX-C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_TRACKING_CODE_LENGTH 13
#define LOKET_TRACKING_CODE_DISPLAY_LENGTH 16

#define LOKET_TRACKING_CODE_ERROR (loket_tracking_code_error_quark ())

typedef enum {
  LOKET_TRACKING_CODE_ERROR_EMPTY,     /* nothing but spaces and hyphens */
  LOKET_TRACKING_CODE_ERROR_SYMBOL,    /* a letter or sign that codes never contain */
  LOKET_TRACKING_CODE_ERROR_LENGTH,    /* not 13 symbols */
  LOKET_TRACKING_CODE_ERROR_CHECK,     /* the check symbol does not match: a typing mistake */
} LoketTrackingCodeError;

GQuark    loket_tracking_code_error_quark     (void);

/* A new canonical code from getrandom(). Never fails: without a cryptographic source the
 * process aborts rather than hand out a guessable code. */
char     *loket_tracking_code_generate        (void);

/* The same, also counting how many drawn values were thrown away because their check
 * value was 32 or more (5 in 37 on average). For tests and statistics. */
char     *loket_tracking_code_generate_counted (guint *n_redraws);

/* The canonical code of a 60-bit value, or NULL when the value is 2^60 or more or its
 * check value is 32 or more (such a value is never a code). */
char     *loket_tracking_code_from_value      (guint64      value);

/* TRUE when code is exactly a canonical code: 13 symbols, upper case, right check symbol. */
gboolean  loket_tracking_code_is_canonical    (const char  *code);

/* XXXX-XXXX-XXXX-C from a canonical code. */
char     *loket_tracking_code_format          (const char  *canonical);

/* The canonical code from what a citizen typed or a scanner read: spaces and hyphens are
 * ignored, letters upper-cased, O read as 0, I and L as 1. */
char     *loket_tracking_code_parse           (const char  *text,
                                               GError     **error);

G_END_DECLS
