/* loket-review-answer.c — one answer on Review, a button that goes back to its step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-review"

#include "config.h"


#include "core/loket-i18n.h"
#include "loket-review-answer.h"

struct _LoketReviewAnswer
{
  GtkButton  parent_instance;

  GtkWidget *question;
  GtkWidget *answer;

  char      *field_id;
  char      *section_id;
  char      *value;
};

G_DEFINE_FINAL_TYPE (LoketReviewAnswer, loket_review_answer, GTK_TYPE_BUTTON)

static void
loket_review_answer_finalize (GObject *object)
{
  LoketReviewAnswer *self = LOKET_REVIEW_ANSWER (object);

  g_free (self->field_id);
  g_free (self->section_id);
  g_free (self->value);

  G_OBJECT_CLASS (loket_review_answer_parent_class)->finalize (object);
}

static void
loket_review_answer_class_init (LoketReviewAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = loket_review_answer_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-review-answer.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketReviewAnswer, question);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewAnswer, answer);
}

static void
loket_review_answer_init (LoketReviewAnswer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
loket_review_answer_new (const LoketField *field,
                         const char       *section_id,
                         const char       *value)
{
  LoketReviewAnswer *self;
  g_autofree char *target = NULL;
  g_autofree char *accessible_name = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (section_id != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  self = g_object_new (LOKET_TYPE_REVIEW_ANSWER, NULL);
  self->field_id = g_strdup (field->id);
  self->section_id = g_strdup (section_id);
  self->value = g_strdup (value);

  gtk_label_set_text (GTK_LABEL (self->question), C_CATALOG (field->label));
  gtk_label_set_text (GTK_LABEL (self->answer), value);
  /* A tap goes back to the answer's step (the window's flow.goto). */
  target = g_strconcat ("form:", section_id, NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", target);

  /* GTK 4.8 names a button after its label only: say the question and the answer. */
  accessible_name = g_strdup_printf (C_("accessible name", "%s: %s"), C_CATALOG (field->label),
                                     value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);

  return GTK_WIDGET (self);
}

const char *
loket_review_answer_get_field_id (LoketReviewAnswer *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_ANSWER (self), NULL);
  return self->field_id;
}

const char *
loket_review_answer_get_section_id (LoketReviewAnswer *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_ANSWER (self), NULL);
  return self->section_id;
}

const char *
loket_review_answer_get_value (LoketReviewAnswer *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_ANSWER (self), NULL);
  return self->value;
}
