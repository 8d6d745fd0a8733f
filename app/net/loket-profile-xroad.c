/* loket-profile-xroad.c — profile `xroad`: through an X-Road security server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The security server carries the protocol over X-Road's REST interface: the paths hang from
 * {url}/r1/{xroad-service}, every call names this kiosk's X-Road client, a submission names
 * its part (X-Road-Id) and a submission or tracking call its tracking code (X-Road-Issue).
 * The security server's own errors come in the X-Road-Error header and speak before the
 * HTTP status: one of the Server.* family is a transport failure and is retried, one of the
 * Client.* family (access denied, unknown client or service) holds the agency.
 */
#include "config.h"

#include "loket-agency-profile.h"

static gpointer
xroad_new_state (LoketHttp               *http,
                 const LoketAgencyConfig *agency)
{
  return g_strdup (agency->xroad_client);
}

static char *
xroad_base_url (const LoketAgencyConfig *agency,
                const char              *url)
{
  return g_strdup_printf ("%s/r1/%s", url,
                          agency->xroad_service != NULL ? agency->xroad_service : "");
}

static gboolean
xroad_prepare (gpointer                    state,
               const LoketAgencyCallInfo  *info,
               GPtrArray                  *headers,
               LoketReason               **problem)
{
  const char *client = state;

  if (client != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("X-Road-Client: %s", client));
  if (info->part_id != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("X-Road-Id: %s", info->part_id));
  if (info->tracking_code != NULL)
    g_ptr_array_add (headers, g_strdup_printf ("X-Road-Issue: %s", info->tracking_code));
  return TRUE;
}

static LoketReason *
xroad_read_error (const LoketHttpResponse *response,
                  LoketSubmitOutcome      *outcome)
{
  const char *code = loket_http_response_get_header (response, "X-Road-Error");
  gboolean server;
  LoketReason *reason;

  if (code == NULL)
    return NULL;

  server = g_str_has_prefix (code, "Server.");
  *outcome = server ? LOKET_SUBMIT_RETRY : LOKET_SUBMIT_HOLD;
  reason = loket_reason_new_with_status (server ? "xroad-server" : "xroad-client",
                                         response->status);
  loket_reason_set_string (reason, "xroad_error", code);
  return reason;
}

const LoketAgencyProfileOps loket_profile_xroad = {
  .profile = LOKET_AGENCY_PROFILE_XROAD,
  .new_state = xroad_new_state,
  .free_state = g_free,
  .base_url = xroad_base_url,
  .prepare = xroad_prepare,
  .read_error = xroad_read_error,
};
