/* loket-speech-bar.c — speech mode's own controls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-speech"

#include "config.h"

#include <glib/gi18n.h>

#include "loket-speech-bar.h"
#include "loket-speech-label.h"

typedef struct {
  const char *action;
  const char *icon;
} Control;

static const Control controls[] = {
  { "speech.repeat", "view-refresh-symbolic" },
  { "speech.repeat-code", "view-refresh-symbolic" },
  { "speech.quieter", "audio-volume-low-symbolic" },
  { "speech.louder", "audio-volume-high-symbolic" },
  { "speech.slower", "media-seek-backward-symbolic" },
  { "speech.faster", "media-seek-forward-symbolic" },
};

/* The word on the button, and what a screen reader (and speech) says of it. */
static void
control_strings (const char  *action,
                 const char **word,
                 const char **name)
{
  if (g_str_equal (action, "speech.repeat"))
    {
      /* Translators: speech mode's button that says the page again. */
      *word = _("Repeat");
      /* Translators: accessible name of speech mode's Repeat button. */
      *name = _("Repeat: say this page again");
    }
  else if (g_str_equal (action, "speech.repeat-code"))
    {
      /* Translators: speech mode's button on the receipt page: spells the tracking code
       * again. */
      *word = _("Repeat the code");
      *name = _("Repeat the code: spell the tracking code again");
    }
  else if (g_str_equal (action, "speech.quieter"))
    {
      /* Translators: speech mode's button: speak more quietly. */
      *word = _("Quieter");
      *name = _("Quieter: lower the speech volume");
    }
  else if (g_str_equal (action, "speech.louder"))
    {
      /* Translators: speech mode's button: speak louder. */
      *word = _("Louder");
      *name = _("Louder: raise the speech volume");
    }
  else if (g_str_equal (action, "speech.slower"))
    {
      /* Translators: speech mode's button: speak more slowly. */
      *word = _("Slower");
      *name = _("Slower: speak more slowly");
    }
  else
    {
      /* Translators: speech mode's button: speak faster. */
      *word = _("Faster");
      *name = _("Faster: speak more quickly");
    }
}

static void
set_strings (GtkWidget *button)
{
  const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (button));
  GtkWidget *label = g_object_get_data (G_OBJECT (button), "loket-speech-bar-label");
  const char *word;
  const char *name;

  control_strings (action, &word, &name);
  gtk_label_set_text (GTK_LABEL (label), word);
  loket_speech_label_set (button, name);
}

static GtkWidget *
control_new (const Control *control)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (control->icon);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_size_request (button, 64, 64);
  gtk_widget_add_css_class (button, "loket-speech-control");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), control->action);
  g_object_set_data (G_OBJECT (button), "loket-speech-bar-label", label);
  set_strings (button);

  return button;
}

GtkWidget *
loket_speech_bar_new (void)
{
  GtkWidget *bar = gtk_flow_box_new ();

  /* A flow box: the six wrap into two rows on a narrow portrait footer, large text too. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (bar), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (bar), FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (bar), G_N_ELEMENTS (controls));
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (bar), 16);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (bar), 8);
  gtk_widget_add_css_class (bar, "loket-speech-bar");
  gtk_widget_set_visible (bar, FALSE);
  /* Translators: accessible name of the row of speech mode's controls. */
  loket_speech_label_set (bar, _("Speech controls"));

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkWidget *button = control_new (&controls[i]);

      gtk_flow_box_append (GTK_FLOW_BOX (bar), button);
      /* The flow box's own child takes no focus: the button does. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  loket_speech_bar_set_code_shown (bar, FALSE);

  return bar;
}

GtkWidget *
loket_speech_bar_get_button (GtkWidget  *bar,
                             const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (bar);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) == 0)
        return button;
    }

  return NULL;
}

void
loket_speech_bar_set_code_shown (GtkWidget *bar,
                                 gboolean   shown)
{
  GtkWidget *button = loket_speech_bar_get_button (bar, "speech.repeat-code");

  gtk_widget_set_visible (gtk_widget_get_parent (button), shown);
}

void
loket_speech_bar_update_strings (GtkWidget *bar)
{
  for (GtkWidget *child = gtk_widget_get_first_child (bar);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_strings (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));
}
