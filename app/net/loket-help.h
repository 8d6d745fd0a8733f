/* loket-help.h — the Help button's call for staff: a counter, a journal entry, and, when
 * `[help] url` is set, an HTTP POST off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "net/loket-http.h"

G_BEGIN_DECLS

/* At most one POST per this many seconds: a citizen who taps Help again is not a second
 * emergency, and a stuck finger must not flood the staff's channel. */
#define LOKET_HELP_MIN_INTERVAL_S 120

#define LOKET_HELP_ERROR (loket_help_error_quark ())

typedef enum {
  LOKET_HELP_ERROR_NOT_CONFIGURED,  /* no [help] url: counted and logged only */
  LOKET_HELP_ERROR_RATE_LIMITED,    /* a POST went out less than the interval ago */
  LOKET_HELP_ERROR_REFUSED,         /* the URL breaks the agencies' TLS rules, or no token */
  LOKET_HELP_ERROR_FAILED,          /* the transfer failed or the answer was not 2xx */
} LoketHelpError;

GQuark   loket_help_error_quark      (void);

/* Every call for staff since the process started, POSTed or not: the metrics module exports
 * it as loket_help_requests_total. Safe from any thread. */
guint64  loket_help_requests_total   (void);

#define LOKET_TYPE_HELP (loket_help_get_type ())
G_DECLARE_FINAL_TYPE (LoketHelp, loket_help, LOKET, HELP, GObject)

LoketHelp *loket_help_new            (LoketConfig         *config,
                                      LoketHttp           *http);

/* The POST's body, as README.md describes it ("Help"): the kiosk, the time and the kind of page
 * ("form", "receipt"), never the life event, a service or any answer. */
char      *loket_help_build_body     (const LoketConfig   *config,
                                      const char          *page_kind,
                                      GDateTime           *now);

/* Counts the call, writes a journal entry and, when configured and not rate-limited,
 * POSTs the body (bearer token from `[help] token-file`). Finishes TRUE once the staff's
 * end answered 2xx; FALSE with a LOKET_HELP_ERROR otherwise (the call is still counted and
 * logged: staff in the hall see the kiosk's own message). */
void       loket_help_call_async     (LoketHelp           *self,
                                      const char          *page_kind,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean   loket_help_call_finish    (LoketHelp           *self,
                                      GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
