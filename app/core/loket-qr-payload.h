/* loket-qr-payload.h — what the receipt's QR code says, and reading it back
 *
 * docs/architecture.md, "QR payload": with a tracking URL template (`{code}` and optionally
 * `{agencies}`) the payload is that URL; without one it is
 * `LOKET1:<canonical code>:<agency ids, comma-separated>`. The Track page reads either, or
 * a bare code in any form a citizen may type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_QR_PAYLOAD_ERROR (loket_qr_payload_error_quark ())

typedef enum {
  LOKET_QR_PAYLOAD_ERROR_TEMPLATE,   /* the URL template is not usable */
  LOKET_QR_PAYLOAD_ERROR_INVALID,    /* looks like a payload but is damaged */
} LoketQrPayloadError;

GQuark          loket_qr_payload_error_quark     (void);

typedef struct {
  char  *code;       /* canonical tracking code */
  GStrv  agencies;   /* agency ids, never NULL; empty when the payload names none */
} LoketQrPayload;

/* TRUE when template is an http(s) URL with exactly one `{code}`, at most one
 * `{agencies}` and no other `{`…`}`. For the configuration's check. */
gboolean        loket_qr_payload_template_is_valid (const char   *url_template,
                                                    GError      **error);

/* The payload for a canonical code and the agencies of its parts (NULL or empty: none).
 * url_template NULL or empty: the LOKET1 form. Agency ids are URL-escaped in both forms. */
char           *loket_qr_payload_build           (const char          *url_template,
                                                  const char          *code,
                                                  const char * const  *agencies);

/* Reads a payload: the LOKET1 text, a URL (matched against url_template when given and it
 * fits; otherwise the code is a `code=` query parameter or the last path segment), or a bare
 * code. On failure error is the tracking code's own error when the text was a code. */
LoketQrPayload *loket_qr_payload_parse           (const char   *text,
                                                  const char   *url_template,
                                                  GError      **error);

void            loket_qr_payload_free            (LoketQrPayload *payload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketQrPayload, loket_qr_payload_free)

G_END_DECLS
