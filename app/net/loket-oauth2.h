/* loket-oauth2.h — OAuth2 client credentials for one agency (profile `oauth2`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "net/loket-http.h"

G_BEGIN_DECLS

#define LOKET_OAUTH2_ERROR (loket_oauth2_error_quark ())

typedef enum {
  LOKET_OAUTH2_ERROR_SECRET_FILE,   /* the secret file is missing, unreadable or too open:
                                     * staff must fix the kiosk; the agency is held */
  LOKET_OAUTH2_ERROR_CREDENTIALS,   /* the token endpoint refuses the client (invalid_client,
                                     * unauthorized_client, invalid_scope …): held */
  LOKET_OAUTH2_ERROR_TEMPORARY,     /* no answer, 5xx, 429: try again later */
  LOKET_OAUTH2_ERROR_ANSWER,        /* an answer that is not a token: try again later */
  LOKET_OAUTH2_ERROR_CONFIG,        /* token-url or client-id missing or refused: held */
} LoketOAuth2Error;

GQuark loket_oauth2_error_quark (void);

/* A LOKET_OAUTH2_ERROR carries its reason (loket-reason.h): store that, not the message.
 * NULL for an error of another domain. */
const LoketReason *loket_oauth2_error_get_reason (const GError *error);

#define LOKET_TYPE_OAUTH2 (loket_oauth2_get_type ())
G_DECLARE_FINAL_TYPE (LoketOAuth2, loket_oauth2, LOKET, OAUTH2, GObject)

/* The agency's token-url, client-id, client-secret-file, scope and TLS settings are copied. */
LoketOAuth2 *loket_oauth2_new                (LoketHttp               *http,
                                              const LoketAgencyConfig *agency);

/* An access token: the cached one while it is good (its expires_in minus a margin), else a
 * new one from the token endpoint. However many callers ask at once, one token request is in
 * flight; they all get its answer. The token is a secret: never log it. */
void         loket_oauth2_get_token_async    (LoketOAuth2             *self,
                                              GCancellable            *cancellable,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data);
char        *loket_oauth2_get_token_finish   (LoketOAuth2             *self,
                                              GAsyncResult            *result,
                                              GError                 **error);

/* The agency refused this token (401): it is dropped from the cache unless a newer one has
 * replaced it already, so the next get_token asks for a new one. */
void         loket_oauth2_invalidate         (LoketOAuth2             *self,
                                              const char              *token);

/* How many token requests this object has sent (for tests and the health view). */
guint        loket_oauth2_get_n_requests     (LoketOAuth2             *self);

G_END_DECLS
