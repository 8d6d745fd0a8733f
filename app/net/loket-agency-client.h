/* loket-agency-client.h — one agency's back end, spoken to in agency protocol v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "config/loket-config.h"
#include "net/loket-http.h"
#include "net/loket-reason.h"

G_BEGIN_DECLS

/* What the delivery engine does with a part after an attempt (docs/agency-protocol.md). */
typedef enum {
  LOKET_SUBMIT_ACCEPTED,     /* 201/202 with a reference, or a 200 replay of the same bytes */
  LOKET_SUBMIT_REJECTED,     /* 422 with the agency's reasons: the citizen may correct */
  LOKET_SUBMIT_RETRY,        /* 408, 409, 425, 429, 5xx, transport failures, X-Road Server.* */
  LOKET_SUBMIT_NEEDS_STAFF,  /* 400, 422 idempotency_key_reused, a refused configuration */
  LOKET_SUBMIT_GARBAGE,      /* any other answer, or one that does not parse: bounded retries */
  LOKET_SUBMIT_HOLD,         /* 401/403, X-Road Client.*: every part of the agency waits */
} LoketSubmitOutcome;

const char *loket_submit_outcome_to_string (LoketSubmitOutcome outcome);

/* A reason the agency gave; message in the citizen's language when the agency has one. */
typedef struct {
  char *field;     /* or NULL */
  char *code;
  char *message;   /* may echo personal data: store it encrypted, never log it */
} LoketAgencyReason;

typedef struct {
  LoketSubmitOutcome  outcome;
  guint               http_status;          /* 0 when no answer came */
  gint64              retry_after_s;        /* -1: none given */
  char               *reference;            /* accepted only */
  char               *status;               /* the agency's status word, if any */
  char               *expected_completion;  /* as the agency gave it, if any */
  JsonObject         *outputs;              /* personal data: never shown, printed or logged */
  GPtrArray          *reasons;              /* of LoketAgencyReason*; rejected */
  LoketReason        *detail;               /* for staff and the attempt log, stored as a
                                             * code with arguments; nothing personal */
} LoketSubmitResult;

void loket_submit_result_free (LoketSubmitResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSubmitResult, loket_submit_result_free)

/* One entry of GET /submissions?tracking_code=. */
typedef struct {
  char       *part_id;
  char       *service;
  char       *reference;
  char       *status;       /* received, in_review, needs_info, approved, rejected, completed */
  char       *updated_at;
  char       *note;         /* or NULL */
  JsonObject *outputs;      /* or NULL; personal data */
} LoketAgencySubmission;

void loket_agency_submission_free (LoketAgencySubmission *submission);

#define LOKET_TYPE_AGENCY_CLIENT (loket_agency_client_get_type ())
G_DECLARE_FINAL_TYPE (LoketAgencyClient, loket_agency_client, LOKET, AGENCY_CLIENT, GObject)

LoketAgencyClient *loket_agency_client_new           (LoketHttp                *http,
                                                      const LoketAgencyConfig  *agency,
                                                      const char               *kiosk_id);
const char        *loket_agency_client_get_id        (LoketAgencyClient        *self);

/* body: the bytes stored with the part, sent as they are on every attempt. */
void               loket_agency_client_submit_async  (LoketAgencyClient        *self,
                                                      const char               *part_id,
                                                      const char               *tracking_code,
                                                      const char               *language,
                                                      GBytes                   *body,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
LoketSubmitResult *loket_agency_client_submit_finish (LoketAgencyClient        *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

/* Returns a GPtrArray of LoketAgencySubmission*, or NULL with error. */
void               loket_agency_client_track_async   (LoketAgencyClient        *self,
                                                      const char               *tracking_code,
                                                      const char               *language,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
GPtrArray         *loket_agency_client_track_finish  (LoketAgencyClient        *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

void               loket_agency_client_health_async  (LoketAgencyClient        *self,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data);
gboolean           loket_agency_client_health_finish (LoketAgencyClient        *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

G_END_DECLS
