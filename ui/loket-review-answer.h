/* loket-review-answer.h — one answer on Review: the question, the answer as the citizen reads
 * it, and a tap that goes back to its step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-catalog.h"

G_BEGIN_DECLS

#define LOKET_TYPE_REVIEW_ANSWER (loket_review_answer_get_type ())
G_DECLARE_FINAL_TYPE (LoketReviewAnswer, loket_review_answer, LOKET, REVIEW_ANSWER, GtkButton)

/* An answer to field, asked in section (its step is "form:<section id>"); value as shown. */
GtkWidget  *loket_review_answer_new            (const LoketField  *field,
                                                const char        *section_id,
                                                const char        *value);

const char *loket_review_answer_get_field_id   (LoketReviewAnswer *self);
const char *loket_review_answer_get_section_id (LoketReviewAnswer *self);
const char *loket_review_answer_get_value      (LoketReviewAnswer *self);

G_END_DECLS
