/* loket-submitting-page.h — each agency's part on its way, live, after the request is stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SUBMITTING_PAGE (loket_submitting_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketSubmittingPage, loket_submitting_page, LOKET, SUBMITTING_PAGE,
                      LoketPage)

/* After this long the citizen may go on to the receipt even if a part is still sending. */
#define LOKET_SUBMITTING_PATIENCE_S 20

/* The services shown, in order. */
GStrv        loket_submitting_page_dup_services      (LoketSubmittingPage *self);
/* A service's part now: its id, its LoketOutboxState, and the text shown for it
 * ("Received. Reference: DKP-…"). FALSE for a service not shown. */
gboolean     loket_submitting_page_get_part          (LoketSubmittingPage *self,
                                                      const char          *service_id,
                                                      const char         **part_id,
                                                      int                 *state,
                                                      const char         **text);
/* For a rejected part whose agency named fields: the rows to correct them (of
 * LoketFieldRow*), and the button that sends the part again; NULL otherwise. */
GPtrArray   *loket_submitting_page_get_correction    (LoketSubmittingPage *self,
                                                      const char          *service_id);
GtkWidget   *loket_submitting_page_get_resend_button (LoketSubmittingPage *self,
                                                      const char          *service_id);

G_END_DECLS
