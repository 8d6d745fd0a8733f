/* loket-agency-profile.h — agency profiles: one table of operations (private to app/net)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile (config `profile`: plain, oauth2, xroad) is how one agency's back end wants the
 * protocol's calls carried: where its paths hang from, which headers and credentials go with
 * a call, and which of its own errors an answer may carry before its HTTP status. What the
 * protocol itself says (paths, the idempotency key, what a status means) is the same for
 * every profile and stays in loket-agency-client.c and loket-agency-answer.c; each profile's
 * knowledge is in its own file, loket-profile-NAME.c, and one line of the table in
 * loket-agency-profile.c.
 */
#pragma once

#include "net/loket-agency-client.h"

G_BEGIN_DECLS

/* The protocol's calls, as a profile sees them. */
typedef enum {
  LOKET_AGENCY_CALL_SUBMIT,     /* POST /submissions */
  LOKET_AGENCY_CALL_TRACK,      /* GET /submissions?tracking_code= */
  LOKET_AGENCY_CALL_HEALTH,     /* GET /health */
} LoketAgencyCall;

typedef struct {
  LoketAgencyCall  call;
  const char      *part_id;         /* submit, else NULL */
  const char      *tracking_code;   /* submit and track, else NULL */
  const char      *token;           /* the token get_token gave this attempt, or NULL */
} LoketAgencyCallInfo;

typedef struct _LoketAgencyProfileOps LoketAgencyProfileOps;

/* Every operation may be NULL: the profile adds nothing there. */
struct _LoketAgencyProfileOps
{
  LoketAgencyProfile  profile;     /* its value in LoketAgencyConfig; its spelling and the
                                    * keys it needs are in app/config (loket-config-choices.c) */

  /* What the profile keeps for one agency (a token cache, an X-Road client id), made when
   * the agency's client is; NULL: nothing. */
  gpointer            (*new_state)        (LoketHttp                  *http,
                                           const LoketAgencyConfig    *agency);
  GDestroyNotify        free_state;

  /* Prepare: the URL the protocol's paths hang from, given the configured url without its
   * trailing '/'; NULL: that url. */
  char               *(*base_url)         (const LoketAgencyConfig    *agency,
                                           const char                 *url);
  /* Prepare: adds the profile's headers ("Name: value") for a call. FALSE with *problem
   * when the call cannot be made as configured (the agency is then held). */
  gboolean            (*prepare)          (gpointer                    state,
                                           const LoketAgencyCallInfo  *info,
                                           GPtrArray                  *headers,
                                           LoketReason               **problem);

  /* Authorise: a token fetched before each submission and tracking call (health never
   * needs one), handed to prepare. After a 401 to it, token_refused drops it and the call
   * is made once more with a new one. */
  void                (*get_token_async)  (gpointer                    state,
                                           GCancellable               *cancellable,
                                           GAsyncReadyCallback         callback,
                                           gpointer                    user_data);
  char               *(*get_token_finish) (gpointer                    state,
                                           GAsyncResult               *result,
                                           GError                    **error);
  void                (*token_refused)    (gpointer                    state,
                                           const char                 *token);

  /* Map errors: what the delivery engine does with a part when get_token failed; NULL:
   * the agency is held with the error's reason. */
  LoketSubmitResult  *(*token_failed)     (const GError               *error);
  /* Read the answer: the profile's own error, which speaks before the HTTP status (an
   * X-Road security server's X-Road-Error). NULL when there is none; else its reason, and
   * *outcome says what becomes of a submission. */
  LoketReason        *(*read_error)       (const LoketHttpResponse    *response,
                                           LoketSubmitOutcome         *outcome);
};

/* The profile's operations; NULL for a value that names none. */
const LoketAgencyProfileOps *loket_agency_profile_get  (LoketAgencyProfile  profile);
/* The whole table, in the configuration's order; *n_profiles its length. */
const LoketAgencyProfileOps * const *
                             loket_agency_profile_list (guint              *n_profiles);

G_END_DECLS
