/* loket-track-page.h — the tracking page, as HTML for a phone and as JSON
 *
 * Every word is translated once per offered language when the service starts (gettext's
 * language is process-wide), so rendering a page switches nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "config/loket-config.h"
#include "core/loket-catalog.h"

G_BEGIN_DECLS

typedef enum {
  LOKET_TRACK_NOTICE_BAD_CODE,      /* 400 */
  LOKET_TRACK_NOTICE_NOT_FOUND,     /* 404: no page here */
  LOKET_TRACK_NOTICE_RATE_LIMITED,  /* 429 */
  LOKET_TRACK_NOTICE_BAD_REQUEST,   /* 400, 405, 414, 431 */
  LOKET_TRACK_N_NOTICES
} LoketTrackNotice;

typedef struct _LoketTrackPages LoketTrackPages;

/* catalog may be NULL: services and agencies are then shown by id. */
LoketTrackPages *loket_track_pages_new            (LoketConfig        *config,
                                                   LoketCatalog       *catalog);
void             loket_track_pages_free           (LoketTrackPages    *self);

const char * const *loket_track_pages_languages   (LoketTrackPages    *self);
const char      *loket_track_pages_default_language (LoketTrackPages  *self);

/* The Content-Security-Policy: nothing but the page's own style, by its hash. */
const char      *loket_track_pages_csp            (LoketTrackPages    *self);

/* answers: of LoketTrackAgencyAnswer* (loket-track-fanout.h); asked: whether the URL named
 * the agencies (then an agency without parts has them waiting). query_agencies: the
 * agencies= value to keep in the language link, or NULL. *status is set to the HTTP status. */
char            *loket_track_pages_render         (LoketTrackPages    *self,
                                                   const char         *language,
                                                   gboolean            json,
                                                   const char         *code,
                                                   GPtrArray          *answers,
                                                   gboolean            asked,
                                                   const char         *query_agencies,
                                                   guint              *status);

char            *loket_track_pages_render_notice  (LoketTrackPages    *self,
                                                   const char         *language,
                                                   gboolean            json,
                                                   LoketTrackNotice    notice);

G_END_DECLS
