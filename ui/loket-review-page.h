/* loket-review-page.h — every answer of the combined form, to check before consent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-page.h"

G_BEGIN_DECLS

#define LOKET_TYPE_REVIEW_PAGE (loket_review_page_get_type ())
G_DECLARE_FINAL_TYPE (LoketReviewPage, loket_review_page, LOKET, REVIEW_PAGE, LoketPage)

/* The answers shown, in order: LoketReviewAnswer buttons that go back to the answer's form
 * step. */
GPtrArray  *loket_review_page_get_answers (LoketReviewPage *self);

/* An answer as the citizen reads it (a choice's label, a date in words, digits in groups);
 * "Not filled in" when empty. For a group's sub-field, group_id and index name the entry. */
char       *loket_review_format_answer    (LoketRequest     *request,
                                           const LoketField *field,
                                           const char       *group_id,
                                           guint             index);

G_END_DECLS
