/* loket-tracker.h — what became of a request: the agencies' word, merged with the outbox's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "net/loket-http.h"
#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

/* Where a part stands, as a citizen may be told. The agency's own statuses (protocol v1)
 * come first; the others are what the kiosk knows of a part the agency has not seen yet. */
typedef enum {
  LOKET_TRACK_RECEIVED,
  LOKET_TRACK_IN_REVIEW,
  LOKET_TRACK_NEEDS_INFO,
  LOKET_TRACK_APPROVED,
  LOKET_TRACK_REJECTED,
  LOKET_TRACK_COMPLETED,
  LOKET_TRACK_SENDING,          /* stored on a kiosk, not yet acknowledged: being sent */
  LOKET_TRACK_WAITING,          /* waiting for another service (see after) */
  LOKET_TRACK_DELAYED,          /* needs the hall's staff before it can go on */
  LOKET_TRACK_CANCELLED,
  LOKET_TRACK_CANNOT_PROCEED,
  LOKET_TRACK_UNKNOWN,          /* the agency gave a status this kiosk does not know */
} LoketTrackState;

const char *loket_track_state_to_string (LoketTrackState state);

/* Nothing personal: agencies' outputs never reach this struct. */
typedef struct {
  char            *part_id;      /* or NULL when only the agency knows the part */
  char            *service;
  char            *agency;
  LoketTrackState  state;
  char            *reference;    /* or NULL */
  char            *updated_at;   /* RFC 3339, or NULL */
  char            *note;         /* the agency's note, or NULL */
  char            *after;        /* WAITING: the service waited for */
  gboolean         unconfirmed;  /* the agency did not answer: this is the kiosk's own view */
} LoketTrackedPart;

void loket_tracked_part_free (LoketTrackedPart *part);

/* Asks every agency concerned (those named by the QR code, those of the outbox's parts for
 * this code, or else every configured agency) at once, and merges their answers with the
 * outbox (which may be NULL: a phone's view). The result is a GPtrArray of
 * LoketTrackedPart*, in the outbox's order and then the agencies'. Fails only when no agency
 * answered and the outbox knows nothing of the code. */
void       loket_track_async  (LoketHttp            *http,
                               LoketConfig          *config,
                               LoketOutbox          *outbox,
                               const char           *tracking_code,
                               const char * const   *agencies,
                               const char           *language,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
GPtrArray *loket_track_finish (GAsyncResult         *result,
                               GError              **error);

G_END_DECLS
