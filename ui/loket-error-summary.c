/* loket-error-summary.c — "2 answers need attention" at the top of a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A press of Next on a page with problems no longer meets a greyed-out button: the page
 * shows this summary at its top, one link per problem in the field's own words, and puts
 * the focus on the first problem. A link's press emits `go-to`; the page moves the focus
 * and scrolls there. The summary is an alert, so a screen reader says it when it appears.
 */
#define G_LOG_DOMAIN "loket-error-summary"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-error-summary.h"
#include "loket-speech-label.h"

struct _LoketErrorSummary
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *links_box;
  GPtrArray *links;     /* of GtkButton */
  GPtrArray *targets;   /* of GtkWidget, ref'd */
};

G_DEFINE_FINAL_TYPE (LoketErrorSummary, loket_error_summary, GTK_TYPE_WIDGET)

enum {
  SIGNAL_GO_TO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
link_clicked_cb (GtkButton         *button,
                 LoketErrorSummary *self)
{
  guint index;

  if (g_ptr_array_find (self->links, button, &index))
    g_signal_emit (self, signals[SIGNAL_GO_TO], 0, g_ptr_array_index (self->targets, index));
}

void
loket_error_summary_set_problems (LoketErrorSummary *self,
                                  GPtrArray         *targets,
                                  GPtrArray         *messages)
{
  g_autofree char *heading = NULL;
  guint n;

  g_return_if_fail (LOKET_IS_ERROR_SUMMARY (self));
  g_return_if_fail (targets->len == messages->len);

  n = targets->len;
  for (guint i = 0; i < self->links->len; i++)
    gtk_box_remove (GTK_BOX (self->links_box), g_ptr_array_index (self->links, i));
  g_ptr_array_set_size (self->links, 0);
  g_ptr_array_set_size (self->targets, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *link = gtk_button_new_with_label (g_ptr_array_index (messages, i));
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (link));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (link, "loket-error-link");
      gtk_widget_add_css_class (link, "flat");
      gtk_widget_set_halign (link, GTK_ALIGN_FILL);
      g_signal_connect (link, "clicked", G_CALLBACK (link_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->links_box), link);
      g_ptr_array_add (self->links, link);
      g_ptr_array_add (self->targets, g_object_ref (g_ptr_array_index (targets, i)));
    }

  /* Translators: the heading of the list of problems at the top of a form page. */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer needs attention",
                                          "%u answers need attention", n), n);
  gtk_label_set_text (GTK_LABEL (self->heading), heading);
  /* The alert's name, for a screen reader and for the speech mode's reading of the page. */
  loket_speech_label_set (GTK_WIDGET (self), heading);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

guint
loket_error_summary_get_n_problems (LoketErrorSummary *self)
{
  g_return_val_if_fail (LOKET_IS_ERROR_SUMMARY (self), 0);
  return self->links->len;
}

GtkWidget *
loket_error_summary_get_heading (LoketErrorSummary *self)
{
  g_return_val_if_fail (LOKET_IS_ERROR_SUMMARY (self), NULL);
  return self->heading;
}

GtkWidget *
loket_error_summary_get_link (LoketErrorSummary *self,
                              guint              i)
{
  g_return_val_if_fail (LOKET_IS_ERROR_SUMMARY (self), NULL);
  return i < self->links->len ? g_ptr_array_index (self->links, i) : NULL;
}

GtkWidget *
loket_error_summary_get_target (LoketErrorSummary *self,
                                guint              i)
{
  g_return_val_if_fail (LOKET_IS_ERROR_SUMMARY (self), NULL);
  return i < self->targets->len ? g_ptr_array_index (self->targets, i) : NULL;
}

static void
loket_error_summary_dispose (GObject *object)
{
  LoketErrorSummary *self = LOKET_ERROR_SUMMARY (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);

  G_OBJECT_CLASS (loket_error_summary_parent_class)->dispose (object);
}

static void
loket_error_summary_class_init (LoketErrorSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_error_summary_dispose;

  /**
   * LoketErrorSummary::go-to:
   * @target: the widget of the problem
   *
   * The citizen pressed a problem's link.
   */
  signals[SIGNAL_GO_TO] =
    g_signal_new ("go-to", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GTK_TYPE_WIDGET);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loket-error-summary");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
loket_error_summary_init (LoketErrorSummary *self)
{
  self->links = g_ptr_array_new ();
  self->targets = g_ptr_array_new_with_free_func (g_object_unref);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (self->box, "loket-error-summary");
  self->heading = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "loket-error-summary-heading");
  gtk_box_append (GTK_BOX (self->box), self->heading);
  self->links_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self->box), self->links_box);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
loket_error_summary_new (void)
{
  return g_object_new (LOKET_TYPE_ERROR_SUMMARY, NULL);
}
