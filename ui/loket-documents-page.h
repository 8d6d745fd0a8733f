/* loket-documents-page.h — "What you will need": the documents for the chosen services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_DOCUMENTS_PAGE (loket_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketDocumentsPage, loket_documents_page, LOKET, DOCUMENTS_PAGE, LoketPage)

/* The documents listed now, as the citizen reads them (label, hint, "if you do not have
 * it" line), one string per document: for tests. */
GStrv       loket_documents_page_dup_shown (LoketDocumentsPage *self);

G_END_DECLS
