/* loket-form-page.h — one section of the combined form, one screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_FORM_PAGE (loket_form_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketFormPage, loket_form_page, LOKET, FORM_PAGE, LoketPage)

#define LOKET_FORM_PAGE_ERROR (loket_form_page_error_quark ())

typedef enum {
  LOKET_FORM_PAGE_ERROR_INCOMPLETE,  /* an answer is missing or wrong; the page shows where */
} LoketFormPageError;

GQuark       loket_form_page_error_quark    (void);

/* Built by the flow: g_object_new (LOKET_TYPE_FORM_PAGE, "session", s, "section", id, NULL). */
const char  *loket_form_page_get_section    (LoketFormPage *self);
/* The rows and group editors shown now, in order (for tests and the flow). */
GPtrArray   *loket_form_page_get_fields     (LoketFormPage *self);
/* The row of a field (or a group's editor) shown now, or NULL. */
/* The LoketErrorSummary at the top of the page. */
GtkWidget   *loket_form_page_get_summary    (LoketFormPage *self);
GtkWidget   *loket_form_page_get_field      (LoketFormPage *self,
                                             const char    *field_id);
/* The generic intro shows on the first form page only (the window says which). */
void         loket_form_page_set_intro_visible (LoketFormPage *self,
                                                gboolean       visible);

G_END_DECLS
