/* loket-error-summary.h — "2 answers need attention" at the top of a page, each problem a
 * button that takes the citizen to its field (GOV.UK's error summary pattern)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOKET_TYPE_ERROR_SUMMARY (loket_error_summary_get_type ())
G_DECLARE_FINAL_TYPE (LoketErrorSummary, loket_error_summary, LOKET, ERROR_SUMMARY, GtkWidget)

GtkWidget  *loket_error_summary_new          (void);

/* Shows one link per problem: targets[i] (a widget of the page) with messages[i] (the words
 * the field shows). No problems hides the summary. A link's press emits `go-to` with its
 * target. */
void        loket_error_summary_set_problems (LoketErrorSummary *self,
                                              GPtrArray         *targets,
                                              GPtrArray         *messages);
guint       loket_error_summary_get_n_problems (LoketErrorSummary *self);
/* The heading ("2 answers need attention") and the link of problem i. */
GtkWidget  *loket_error_summary_get_heading  (LoketErrorSummary *self);
GtkWidget  *loket_error_summary_get_link     (LoketErrorSummary *self,
                                              guint              i);
GtkWidget  *loket_error_summary_get_target   (LoketErrorSummary *self,
                                              guint              i);

G_END_DECLS
