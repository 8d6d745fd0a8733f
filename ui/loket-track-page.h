/* loket-track-page.h — what became of a request: scan or type its code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_TRACK_PAGE (loket_track_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketTrackPage, loket_track_page, LOKET, TRACK_PAGE, LoketPage)

GtkWidget  *loket_track_page_get_entry    (LoketTrackPage *self);
/* The message under the code when it cannot be read, or NULL. */
const char *loket_track_page_get_problem  (LoketTrackPage *self);
/* Whether a look-up is under way. */
gboolean    loket_track_page_is_busy      (LoketTrackPage *self);
/* The parts shown (of LoketTrackedPart*), or NULL before a look-up succeeded. */
GPtrArray  *loket_track_page_get_parts    (LoketTrackPage *self);

G_END_DECLS
