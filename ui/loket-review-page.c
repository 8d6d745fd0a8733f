/* loket-review-page.c — every answer of the combined form, to check before consent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from the request each time the page is shown, so it always lists what the request
 * holds now and only what it asks (hidden fields never appear). Each answer is a button:
 * tapping it goes back to its step of the form, where nothing typed has been lost.
 */
#define G_LOG_DOMAIN "loket-review-page"

#include "config.h"

#include "core/loket-format.h"
#include "core/loket-i18n.h"
#include "core/loket-validate.h"
#include "loket-field-row.h"
#include "loket-review-answer.h"
#include "loket-review-page.h"
#include "loket-session.h"

struct _LoketReviewPage
{
  LoketPage   parent_instance;

  GtkWidget  *scroller;
  GtkWidget  *intro;
  GtkWidget  *content;

  GPtrArray  *answers;   /* of LoketReviewAnswer* */
};

G_DEFINE_FINAL_TYPE (LoketReviewPage, loket_review_page, LOKET_TYPE_PAGE)

static char *
format_text (const LoketField *field,
             const char       *text)
{
  if (text == NULL || *text == '\0')
    /* Translators: shown on the review page for an optional answer left empty. */
    return g_strdup (_("Not filled in"));

  return loket_field_display_text (field, text);
}

char *
loket_review_format_answer (LoketRequest     *request,
                            const LoketField *field,
                            const char       *group_id,
                            guint             index)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (request), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (group_id != NULL)
    return format_text (field, loket_request_get_group_text (request, group_id, index,
                                                             field->id));

  if (field->type == LOKET_FIELD_TYPE_GROUP)
    {
      guint n = loket_request_get_n_group_entries (request, field->id);
      GString *out;

      if (n == 0)
        return g_strdup (_("Not filled in"));

      out = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          /* Translators: one person of a list on the review page: "Person 2: …". */
          g_string_append_printf (out, _("Person %u:"), i + 1);
          for (guint j = 0; j < field->fields->len; j++)
            {
              const LoketField *sub = g_ptr_array_index (field->fields, j);
              g_autofree char *value = format_text (sub,
                                                    loket_request_get_group_text (request,
                                                                                  field->id,
                                                                                  i, sub->id));

              g_string_append_printf (out, "%s %s", j == 0 ? "" : ",", value);
            }
        }
      return g_string_free (out, FALSE);
    }

  return format_text (field, loket_request_get_text (request, field->id));
}

static void
rebuild (LoketReviewPage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));
  LoketRequest *request;
  g_autoptr(GPtrArray) sections = NULL;
  GtkWidget *child;

  g_ptr_array_set_size (self->answers, 0);
  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);

  loket_page_set_title (LOKET_PAGE (self), _("Check your answers"));
  gtk_label_set_text (GTK_LABEL (self->intro),
                      _("Is everything correct? Tap an answer to change it."));

  if (session == NULL)
    return;

  request = loket_session_get_request (session);
  sections = loket_request_get_sections (request);
  for (guint i = 0; i < sections->len; i++)
    {
      const LoketQuestionSection *section = g_ptr_array_index (sections, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      GtkWidget *title = gtk_label_new (C_CATALOG (section->section->title));
      GtkWidget *change = gtk_button_new_with_label (_("Change"));
      g_autofree char *target = g_strconcat ("form:", section->section->id, NULL);
      g_autofree char *accessible_name = NULL;

      gtk_widget_add_css_class (box, "loket-review-section");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (title, "loket-section-title");
      gtk_box_append (GTK_BOX (heading), title);
      /* Every section has a "Change": its name says which section it changes. */
      /* Translators: what a screen reader says of a button: its text, then what it is for
       * (an agency, a section of the form), e.g. "Change: Your child". */
      accessible_name = g_strdup_printf (C_("accessible name", "%s: %s"), _("Change"),
                                         C_CATALOG (section->section->title));
      gtk_accessible_update_property (GTK_ACCESSIBLE (change), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "flow.goto");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (change), "s", target);
      gtk_box_append (GTK_BOX (heading), change);
      gtk_box_append (GTK_BOX (box), heading);

      for (guint j = 0; j < section->questions->len; j++)
        {
          const LoketQuestion *question = g_ptr_array_index (section->questions, j);
          g_autofree char *value = loket_review_format_answer (request, question->field,
                                                                NULL, 0);

          GtkWidget *answer = loket_review_answer_new (question->field, section->section->id,
                                                       value);

          g_ptr_array_add (self->answers, answer);
          gtk_box_append (GTK_BOX (box), answer);
        }

      gtk_box_append (GTK_BOX (self->content), box);
    }

  loket_page_set_complete (LOKET_PAGE (self), loket_request_is_complete (request));
}

static void
loket_review_page_shown (LoketPage *page)
{
  LoketReviewPage *self = LOKET_REVIEW_PAGE (page);

  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                            0);
}

static void
loket_review_page_locale_changed (LoketPage *page)
{
  rebuild (LOKET_REVIEW_PAGE (page));
}

static void
loket_review_page_reset (LoketPage *page)
{
  rebuild (LOKET_REVIEW_PAGE (page));
}

static void
loket_review_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (loket_review_page_parent_class)->constructed (object);
  rebuild (LOKET_REVIEW_PAGE (object));
}

static void
loket_review_page_dispose (GObject *object)
{
  LoketReviewPage *self = LOKET_REVIEW_PAGE (object);

  g_clear_pointer (&self->answers, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_REVIEW_PAGE);

  G_OBJECT_CLASS (loket_review_page_parent_class)->dispose (object);
}

static void
loket_review_page_class_init (LoketReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->constructed = loket_review_page_constructed;
  object_class->dispose = loket_review_page_dispose;
  page_class->shown = loket_review_page_shown;
  page_class->locale_changed = loket_review_page_locale_changed;
  page_class->reset = loket_review_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPage, intro);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPage, content);
}

static void
loket_review_page_init (LoketReviewPage *self)
{
  self->answers = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GPtrArray *
loket_review_page_get_answers (LoketReviewPage *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PAGE (self), NULL);
  return self->answers;
}
