/* loket-speech-label.h — one place that names a control for screen readers and for speech
 *
 * GTK 4.8 cannot read an accessible name back, so the speech mode could not say what a
 * screen reader would. These helpers set the accessible property and keep the same string
 * on the widget for the speech mode (ui/loket-speech-mode.c): translators translate once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets the accessible label of widget to label and records it for speech. */
void        loket_speech_label_set          (GtkWidget  *widget,
                                             const char *label);

/* Sets the accessible description (a hint, an error) and records it for speech. */
void        loket_speech_label_set_description (GtkWidget  *widget,
                                                const char *description);

/* widget is named by label (GTK_ACCESSIBLE_RELATION_LABELLED_BY): sets the relation and
 * records it, so speech says label's text as it is then. question: widget is a question of
 * its page (a field), spoken when the page is. */
void        loket_speech_label_link         (GtkWidget  *widget,
                                             GtkWidget  *label,
                                             gboolean    question);

/* What speech says for widget: its recorded label, its linked label's text, or the text
 * of a button or label; NULL when it has none. */
char       *loket_speech_label_dup_name     (GtkWidget  *widget);
/* The text of the first visible label within widget, or NULL. */
char       *loket_speech_label_dup_first_text (GtkWidget *widget);
const char *loket_speech_label_get_description (GtkWidget *widget);
gboolean    loket_speech_label_is_question  (GtkWidget  *widget);

/* The first question of a page (depth first, visible only), or NULL. */
GtkWidget  *loket_speech_label_find_question (GtkWidget *root);

G_END_DECLS
