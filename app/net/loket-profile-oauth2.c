/* loket-profile-oauth2.c — profile `oauth2`: a bearer token from an API manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each submission and tracking call carries a token got with the client credentials
 * (loket-oauth2.c keeps it until it expires and asks once however many callers wait). A
 * token the agency refuses (401) is dropped and the call made once more with a new one
 * before the answer counts. A token endpoint that is down or answers nonsense is retried
 * later; a refusal of the client, a missing or too open secret file, a missing setting hold
 * the agency, with the reason staff can act on.
 */
#include "config.h"

#include "loket-agency-answer.h"
#include "loket-agency-profile.h"
#include "loket-oauth2.h"

static gpointer
oauth2_new_state (LoketHttp               *http,
                  const LoketAgencyConfig *agency)
{
  return loket_oauth2_new (http, agency);
}

static gboolean
oauth2_prepare (gpointer                    state,
                const LoketAgencyCallInfo  *info,
                GPtrArray                  *headers,
                LoketReason               **problem)
{
  if (info->token != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("Authorization: Bearer %s", info->token));
  return TRUE;
}

static void
oauth2_get_token_async (gpointer             state,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  loket_oauth2_get_token_async (LOKET_OAUTH2 (state), cancellable, callback, user_data);
}

static char *
oauth2_get_token_finish (gpointer       state,
                         GAsyncResult  *result,
                         GError       **error)
{
  return loket_oauth2_get_token_finish (LOKET_OAUTH2 (state), result, error);
}

static void
oauth2_token_refused (gpointer    state,
                      const char *token)
{
  loket_oauth2_invalidate (LOKET_OAUTH2 (state), token);
}

/* No retry fixes a wrong secret, a file others can read or a missing key: those hold. */
static LoketSubmitResult *
oauth2_token_failed (const GError *error)
{
  gboolean later = g_error_matches (error, LOKET_OAUTH2_ERROR, LOKET_OAUTH2_ERROR_TEMPORARY) ||
                   g_error_matches (error, LOKET_OAUTH2_ERROR, LOKET_OAUTH2_ERROR_ANSWER);

  return loket_agency_answer_new (later ? LOKET_SUBMIT_RETRY : LOKET_SUBMIT_HOLD,
                                  loket_reason_from_error (error));
}

const LoketAgencyProfileOps loket_profile_oauth2 = {
  .profile = LOKET_AGENCY_PROFILE_OAUTH2,
  .new_state = oauth2_new_state,
  .free_state = g_object_unref,
  .prepare = oauth2_prepare,
  .get_token_async = oauth2_get_token_async,
  .get_token_finish = oauth2_get_token_finish,
  .token_refused = oauth2_token_refused,
  .token_failed = oauth2_token_failed,
};
