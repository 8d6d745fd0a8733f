/* loket-agency-answer.h — what an agency's answer means (private to app/net)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by loket-agency-client.c alone: it sends, loket-agency-answer.c reads.
 */
#pragma once

#include "net/loket-agency-client.h"
#include "net/loket-agency-profile.h"

G_BEGIN_DECLS

/* The most an agency's answer may hold, whatever its kind. */
#define LOKET_AGENCY_MAX_ANSWER_BYTES (1024 * 1024)

/* An answer to POST /submissions: its outcome, reference, reasons and detail; the agency's
 * profile may read its own error first (loket-agency-profile.h). */
LoketSubmitResult *loket_agency_answer_classify       (const LoketAgencyProfileOps  *profile,
                                                       const LoketHttpResponse      *response);
/* No answer came (a connection, TLS or size error). */
LoketSubmitResult *loket_agency_answer_classify_error (const GError                 *error);
/* A result with outcome and detail (taken), no reasons, no Retry-After: for what is
 * decided before an answer (a profile's token failure). */
LoketSubmitResult *loket_agency_answer_new            (LoketSubmitOutcome            outcome,
                                                       LoketReason                  *detail);
/* The agency is held for detail (taken) before anything was sent. */
LoketSubmitResult *loket_agency_answer_held           (LoketReason                  *detail);

/* A GET's answer: TRUE on 200, else FALSE with the reason as the error (the profile's own
 * error, or the status). */
gboolean           loket_agency_answer_check_get      (const LoketAgencyProfileOps  *profile,
                                                       const LoketHttpResponse      *response,
                                                       GError                      **error);
/* The 200 answer to GET /submissions?tracking_code=: a GPtrArray of LoketAgencySubmission*. */
GPtrArray         *loket_agency_answer_read_track     (const LoketHttpResponse      *response,
                                                       GError                      **error);

G_END_DECLS
