/* loket-speech-label.c — accessible names that the speech mode can read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-speech"

#include "config.h"

#include "loket-speech-label.h"

#define LABEL_KEY "loket-speech-label"
#define DESCRIPTION_KEY "loket-speech-description"
#define LINK_KEY "loket-speech-labelled-by"
#define QUESTION_KEY "loket-speech-question"

void
loket_speech_label_set (GtkWidget  *widget,
                        const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, g_strdup (label), g_free);
}

void
loket_speech_label_set_description (GtkWidget  *widget,
                                    const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  g_object_set_data_full (G_OBJECT (widget), DESCRIPTION_KEY, g_strdup (description), g_free);
}

void
loket_speech_label_link (GtkWidget *widget,
                         GtkWidget *label,
                         gboolean   question)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  /* The label is a sibling in the same row: it lives as long as the widget. */
  g_object_set_data (G_OBJECT (widget), LINK_KEY, label);
  g_object_set_data (G_OBJECT (widget), QUESTION_KEY, GINT_TO_POINTER (question));
}

static char *
label_text_within (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      char *text;

      if (!gtk_widget_get_visible (child))
        continue;
      text = label_text_within (child);
      if (text != NULL)
        return text;
    }

  return NULL;
}

char *
loket_speech_label_dup_first_text (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return label_text_within (widget);
}

char *
loket_speech_label_dup_name (GtkWidget *widget)
{
  const char *label;
  GtkWidget *linked;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  label = g_object_get_data (G_OBJECT (widget), LABEL_KEY);
  if (label != NULL && *label != '\0')
    return g_strdup (label);

  linked = g_object_get_data (G_OBJECT (widget), LINK_KEY);
  if (linked != NULL)
    return label_text_within (linked);

  /* Buttons and labels whose visible text is their name, as GTK names them too. */
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_LABEL (widget))
    return label_text_within (widget);

  return NULL;
}

const char *
loket_speech_label_get_description (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return g_object_get_data (G_OBJECT (widget), DESCRIPTION_KEY);
}

gboolean
loket_speech_label_is_question (GtkWidget *widget)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), QUESTION_KEY));
}

GtkWidget *
loket_speech_label_find_question (GtkWidget *root)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (loket_speech_label_is_question (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = loket_speech_label_find_question (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}
