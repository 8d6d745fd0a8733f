/* loket-choose-page.h — what the citizen came for: a life event, or services one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CHOOSE_PAGE (loket_choose_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketChoosePage, loket_choose_page, LOKET, CHOOSE_PAGE, LoketPage)

/* The tile of a life event, and the check button of a service (tests press them). */
GtkWidget *loket_choose_page_get_tile           (LoketChoosePage *self,
                                                 const char      *life_event_id);
GtkWidget *loket_choose_page_get_service_check  (LoketChoosePage *self,
                                                 const char      *service_id);
/* Opens or closes the list of services by agency. */
void       loket_choose_page_show_services      (LoketChoosePage *self,
                                                 gboolean         show);

G_END_DECLS
