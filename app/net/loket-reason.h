/* loket-reason.h — why a part waits or stopped, or why an agency is held: a stable code with
 * its arguments, put into words only when a person reads it
 *
 * The delivery engine stores reasons with the parts in the outbox, and staff read them later,
 * in their own language (`loketctl outbox show` follows the process's locale). So a reason is
 * never stored as words: it is a code and its arguments, e.g.
 *
 *   {"code":"http-status","status":503}
 *
 * or only the code when it has no arguments ("expired", "held": the outbox's own codes).
 * loket_reason_to_text () says it in the current language. A stored text that is neither
 * (written by an older Loket) is shown as it is. Nothing personal goes into a reason, and a
 * citizen never sees one: citizens' pages say what happens next, chosen by the part's state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _LoketReason LoketReason;

LoketReason *loket_reason_new          (const char        *code);
/* Shorthands: the code with one argument, "status" (an HTTP status) or name = value. */
LoketReason *loket_reason_new_with_status (const char     *code,
                                           guint           status);
LoketReason *loket_reason_new_with_string (const char     *code,
                                           const char     *name,
                                           const char     *value);
/* What an error keeps for the outbox: the reason of a LOKET_HTTP_ERROR or
 * LOKET_OAUTH2_ERROR (extended error domains), else its message as a plain "text" reason. */
LoketReason *loket_reason_from_error   (const GError      *error);
/* "secret-file": a secret file (config/loket-secret-file.h) refused, with what the check
 * found as arguments. kind says which secret it is: "token-file", "client-key",
 * "client-secret" or "outbox-key"; error is a LOKET_SECRET_FILE_ERROR. */
LoketReason *loket_reason_new_secret_file (const GError   *error,
                                           const char     *kind,
                                           const char     *path);
/* Never NULL for a non-NULL stored text: a text that is not a reason becomes the reason
 * "text" that shows it as it is. */
LoketReason *loket_reason_parse        (const char        *stored);
LoketReason *loket_reason_copy         (const LoketReason *reason);
void         loket_reason_free         (LoketReason       *reason);

void         loket_reason_set_int      (LoketReason       *reason,
                                        const char        *name,
                                        gint64             value);
/* A NULL value sets nothing. */
void         loket_reason_set_string   (LoketReason       *reason,
                                        const char        *name,
                                        const char        *value);
void         loket_reason_set_boolean  (LoketReason       *reason,
                                        const char        *name,
                                        gboolean           value);
/* What caused this reason (e.g. the transport failure behind "no token"); copied. */
void         loket_reason_set_cause    (LoketReason       *reason,
                                        const LoketReason *cause);

const char  *loket_reason_get_code     (const LoketReason *reason);
gint64       loket_reason_get_int      (const LoketReason *reason,
                                        const char        *name,
                                        gint64             default_value);
const char  *loket_reason_get_string   (const LoketReason *reason,
                                        const char        *name);
/* The arguments (every member but "code") as a new JSON object node, or NULL if none. */
JsonNode    *loket_reason_get_args     (const LoketReason *reason);

/* The stored form: compact JSON, or the bare code when there are no arguments. */
char        *loket_reason_serialize    (const LoketReason *reason);
/* For staff, in the current language (gettext's): one or two sentences. */
char        *loket_reason_to_text      (const LoketReason *reason);
/* loket_reason_to_text () of a stored reason; NULL for NULL. */
char        *loket_reason_format       (const char        *stored);
/* An error whose message is reason's words in the current language: for errors shown at
 * once (loketctl agencies ping, track), never stored. */
GError      *loket_reason_to_error     (const LoketReason *reason,
                                        GQuark             domain,
                                        int                code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketReason, loket_reason_free)

G_END_DECLS
