/* loket-form-page.c — one section of the combined form, one screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows the questions the request asks now in its section: rows for fields,
 * editors for repeating groups. Rows are kept across changes of the questions (a
 * condition's answer shows or hides a field), so the field the citizen is typing in is
 * never rebuilt under their fingers; only rows that come or go are added or removed.
 */
#define G_LOG_DOMAIN "loket-form-page"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-date-boxes.h"
#include "loket-error-summary.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "loket-group-editor.h"
#include "loket-session.h"

struct _LoketFormPage
{
  LoketPage          parent_instance;

  GtkWidget         *scroller;
  GtkWidget         *summary;
  GtkWidget         *intro;
  GtkWidget         *fields_box;

  char              *section;
  LoketRequest      *request;
  GHashTable        *widgets;   /* field id → LoketFieldRow or LoketGroupEditor */
  GPtrArray         *order;     /* of GtkWidget*, as shown */
  gboolean           summary_asked;  /* Next was pressed: the summary follows the problems */
};

G_DEFINE_FINAL_TYPE (LoketFormPage, loket_form_page, LOKET_TYPE_PAGE)

G_DEFINE_QUARK (loket-form-page-error-quark, loket_form_page_error)

enum {
  PROP_0,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean check_step (LoketFormPage *self);
static void update_summary (LoketFormPage *self);

/* Enter in a field (or the on-screen keyboard's Done, which is Enter) ends that answer: the
 * focus goes on to the next question of the step, a group's next field included; after the
 * step's last question Enter is Next. (A GtkEntry's own Enter does nothing in a window
 * without a default widget, which left a keyboard user stuck in the field.) */
static void
entry_activate_cb (GtkWidget     *entry,
                   LoketFormPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (entry, LOKET_TYPE_FIELD_ROW);
  GtkWidget *dates = gtk_widget_get_ancestor (entry, LOKET_TYPE_DATE_BOXES);
  gboolean found = FALSE;

  /* In a date, the day goes on to the month and the month to the year. */
  if (dates != NULL)
    {
      LoketDateBox box = loket_date_boxes_find_box (LOKET_DATE_BOXES (dates), entry);

      if (box != LOKET_DATE_BOX_NONE && box + 1 < LOKET_DATE_N_BOXES)
        {
          gtk_widget_grab_focus (loket_date_boxes_get_entry (LOKET_DATE_BOXES (dates),
                                                             box + 1));
          return;
        }
    }

  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->order, i);
      GPtrArray *rows = NULL;
      guint n = 1;

      if (LOKET_IS_GROUP_EDITOR (widget))
        {
          rows = loket_group_editor_get_rows (LOKET_GROUP_EDITOR (widget));
          n = rows->len;
        }
      for (guint j = 0; j < n; j++)
        {
          GtkWidget *candidate = rows != NULL ? g_ptr_array_index (rows, j) : widget;

          if (found)
            {
              loket_field_row_focus (LOKET_FIELD_ROW (candidate));
              return;
            }
          found = candidate == row;
        }
    }

  /* After the last question Enter is Next: problems show in the summary, the first focused. */
  if (found && check_step (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "flow.next", NULL);
}

/* Each entry of the row (a date's three boxes each) takes the keyboard its field needs. */
static void
attach_row (LoketFormPage *self,
            LoketFieldRow *row)
{
  GtkWidget *entry;

  for (guint i = 0; (entry = loket_field_row_get_nth_entry (row, i)) != NULL; i++)
    {
      loket_page_attach_entry (LOKET_PAGE (self), GTK_EDITABLE (entry),
                               loket_field_keyboard (loket_field_row_get_field (row)));
      if (g_signal_handler_find (entry, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 entry_activate_cb, self) == 0)
        g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), self);
    }
}

/* The first issue of issues that row shows: errors come before warnings. */
static const LoketIssue *
issue_for (GPtrArray  *issues,
           gboolean  (*matches) (gpointer, const LoketIssue *),
           gpointer    widget)
{
  const LoketIssue *found = NULL;

  for (guint i = 0; i < issues->len; i++)
    {
      const LoketIssue *issue = g_ptr_array_index (issues, i);

      if (!matches (widget, issue))
        continue;
      if (issue->severity == LOKET_ISSUE_ERROR)
        return issue;
      if (found == NULL && !issue->confirmed)
        found = issue;
    }

  return found;
}

static gboolean
row_matches (gpointer          row,
             const LoketIssue *issue)
{
  return loket_field_row_matches (row, issue);
}

static gboolean
group_matches (gpointer          editor,
               const LoketIssue *issue)
{
  const LoketField *field = loket_group_editor_get_field (editor);

  return issue->entry_index < 0 && issue->sub_field_id == NULL &&
         g_strcmp0 (issue->field_id, field->id) == 0;
}

static void
refresh (LoketFormPage *self)
{
  g_autoptr(GPtrArray) issues = NULL;

  if (self->request == NULL)
    return;

  issues = loket_request_get_issues (self->request, self->section);
  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->order, i);

      if (LOKET_IS_FIELD_ROW (widget))
        {
          loket_field_row_set_issue (LOKET_FIELD_ROW (widget),
                                     issue_for (issues, row_matches, widget));
        }
      else
        {
          GPtrArray *rows = loket_group_editor_get_rows (LOKET_GROUP_EDITOR (widget));

          loket_group_editor_set_issue (LOKET_GROUP_EDITOR (widget),
                                        issue_for (issues, group_matches, widget));
          for (guint j = 0; j < rows->len; j++)
            loket_field_row_set_issue (g_ptr_array_index (rows, j),
                                       issue_for (issues, row_matches,
                                                  g_ptr_array_index (rows, j)));
        }
    }

  loket_page_set_complete (LOKET_PAGE (self),
                           loket_request_section_is_complete (self->request, self->section));
  update_summary (self);
}

static void
widget_changed_cb (GtkWidget     *widget,
                   LoketFormPage *self)
{
  refresh (self);
}

static void
group_rows_changed_cb (LoketGroupEditor *editor,
                       LoketFormPage    *self)
{
  GPtrArray *rows = loket_group_editor_get_rows (editor);

  for (guint i = 0; i < rows->len; i++)
    attach_row (self, g_ptr_array_index (rows, i));
}

static GtkWidget *
create_widget (LoketFormPage       *self,
               const LoketQuestion *question)
{
  GtkWidget *widget;

  if (question->field->type == LOKET_FIELD_TYPE_GROUP)
    {
      widget = loket_group_editor_new (self->request, question->field);
      g_signal_connect (widget, "rows-changed", G_CALLBACK (group_rows_changed_cb), self);
      group_rows_changed_cb (LOKET_GROUP_EDITOR (widget), self);
    }
  else
    {
      widget = loket_field_row_new (self->request, question->field, NULL, 0);
      attach_row (self, LOKET_FIELD_ROW (widget));
    }
  g_signal_connect (widget, "changed", G_CALLBACK (widget_changed_cb), self);

  return widget;
}

static const LoketQuestionSection *
find_section (GPtrArray  *sections,
              const char *id)
{
  for (guint i = 0; i < sections->len; i++)
    {
      const LoketQuestionSection *section = g_ptr_array_index (sections, i);

      if (g_strcmp0 (section->section->id, id) == 0)
        return section;
    }

  return NULL;
}

/* Brings the rows in line with the questions the request asks now in the section. */
static void
sync_rows (LoketFormPage *self)
{
  g_autoptr(GPtrArray) sections = loket_request_get_sections (self->request);
  const LoketQuestionSection *section = find_section (sections, self->section);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GHashTableIter iter;
  const char *id;
  GtkWidget *widget;
  GtkWidget *previous = NULL;

  for (guint i = 0; section != NULL && i < section->questions->len; i++)
    {
      const LoketQuestion *question = g_ptr_array_index (section->questions, i);

      widget = g_hash_table_lookup (self->widgets, question->field->id);
      if (widget == NULL)
        {
          widget = create_widget (self, question);
          g_hash_table_insert (self->widgets, question->field->id, widget);
          gtk_box_append (GTK_BOX (self->fields_box), widget);
        }
      else if (LOKET_IS_FIELD_ROW (widget))
        {
          loket_field_row_set_required (LOKET_FIELD_ROW (widget), question->required);
        }
      g_hash_table_add (wanted, question->field->id);
      g_ptr_array_add (order, widget);
    }

  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &widget))
    {
      if (!g_hash_table_contains (wanted, id))
        {
          gtk_box_remove (GTK_BOX (self->fields_box), widget);
          g_hash_table_iter_remove (&iter);
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      widget = g_ptr_array_index (order, i);
      gtk_box_reorder_child_after (GTK_BOX (self->fields_box), widget, previous);
      previous = widget;
    }

  g_ptr_array_set_size (self->order, 0);
  g_ptr_array_extend (self->order, order, NULL, NULL);
  refresh (self);
}

static void
questions_changed_cb (LoketRequest  *request,
                      LoketFormPage *self)
{
  sync_rows (self);
}

static void
set_strings (LoketFormPage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));
  const LoketSection *section = NULL;

  if (session != NULL)
    section = loket_catalog_get_section (loket_session_get_catalog (session), self->section);
  loket_page_set_title (LOKET_PAGE (self), section != NULL ? C_CATALOG (section->title) : NULL);
  gtk_label_set_text (GTK_LABEL (self->intro),
                      _("Please answer the questions below. You can leave a field marked "
                        "“optional” empty."));
}

static void
unbind_request (LoketFormPage *self)
{
  GtkWidget *child;

  if (self->request != NULL)
    g_signal_handlers_disconnect_by_data (self->request, self);
  g_clear_object (&self->request);
  g_hash_table_remove_all (self->widgets);
  g_ptr_array_set_size (self->order, 0);
  while ((child = gtk_widget_get_first_child (self->fields_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->fields_box), child);
}

static void
bind_request (LoketFormPage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));

  unbind_request (self);
  if (session == NULL)
    return;

  self->request = g_object_ref (loket_session_get_request (session));
  g_signal_connect (self->request, "questions-changed", G_CALLBACK (questions_changed_cb),
                    self);
  sync_rows (self);
}

static GtkWidget *
first_problem (LoketFormPage *self)
{
  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->order, i);

      if (LOKET_IS_FIELD_ROW (widget))
        {
          if (loket_field_row_get_message (LOKET_FIELD_ROW (widget)) != NULL)
            return widget;
        }
      else
        {
          GPtrArray *rows = loket_group_editor_get_rows (LOKET_GROUP_EDITOR (widget));

          for (guint j = 0; j < rows->len; j++)
            if (loket_field_row_get_message (g_ptr_array_index (rows, j)) != NULL)
              return g_ptr_array_index (rows, j);
          if (loket_group_editor_get_message (LOKET_GROUP_EDITOR (widget)) != NULL)
            return widget;
        }
    }

  return NULL;
}

static void
add_problem (GPtrArray  *targets,
             GPtrArray  *messages,
             GtkWidget  *widget,
             const char *message)
{
  if (message == NULL)
    return;
  g_ptr_array_add (targets, widget);
  g_ptr_array_add (messages, (gpointer) message);
}

/* Every problem the page shows now, in the order of the page: what the summary lists. */
static void
collect_problems (LoketFormPage *self,
                  GPtrArray     *targets,
                  GPtrArray     *messages)
{
  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->order, i);
      GPtrArray *rows;

      if (LOKET_IS_FIELD_ROW (widget))
        {
          add_problem (targets, messages, widget,
                       loket_field_row_get_message (LOKET_FIELD_ROW (widget)));
          continue;
        }
      add_problem (targets, messages, widget,
                   loket_group_editor_get_message (LOKET_GROUP_EDITOR (widget)));
      rows = loket_group_editor_get_rows (LOKET_GROUP_EDITOR (widget));
      for (guint j = 0; j < rows->len; j++)
        add_problem (targets, messages, g_ptr_array_index (rows, j),
                     loket_field_row_get_message (g_ptr_array_index (rows, j)));
    }
}

/* Once Next was pressed the summary follows the page: a fixed answer leaves it, and it goes
 * when nothing is left. Before that it stays hidden (no shouting before the citizen tried). */
static void
update_summary (LoketFormPage *self)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();

  if (self->summary_asked)
    collect_problems (self, targets, messages);
  loket_error_summary_set_problems (LOKET_ERROR_SUMMARY (self->summary), targets, messages);
}

static void
go_to_problem (LoketFormPage *self,
               GtkWidget     *problem)
{
  if (LOKET_IS_FIELD_ROW (problem))
    loket_field_row_focus (LOKET_FIELD_ROW (problem));
  else
    gtk_widget_child_focus (problem, GTK_DIR_TAB_FORWARD);
  loket_scroll_to_widget (GTK_SCROLLED_WINDOW (self->scroller), problem);
}

static void
summary_go_to_cb (LoketErrorSummary *summary,
                  GtkWidget         *target,
                  LoketFormPage     *self)
{
  go_to_problem (self, target);
}

/* Pressing Next (or Enter after the last question) is the moment to tell about every
 * problem of the section: all are shown, and the first gets the focus. Returns whether the
 * section is complete. */
static gboolean
check_step (LoketFormPage *self)
{
  GtkWidget *problem;

  self->summary_asked = TRUE;
  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->order, i);

      if (LOKET_IS_FIELD_ROW (widget))
        loket_field_row_reveal (LOKET_FIELD_ROW (widget));
      else
        loket_group_editor_reveal (LOKET_GROUP_EDITOR (widget));
    }
  refresh (self);

  if (self->request != NULL && loket_request_section_is_complete (self->request, self->section))
    return TRUE;

  /* The summary at the top says how many and what; the focus goes to the first problem. */
  problem = first_problem (self);
  if (problem != NULL)
    go_to_problem (self, problem);
  loket_scroll_to_widget (GTK_SCROLLED_WINDOW (self->scroller), self->summary);

  return FALSE;
}

static void
loket_form_page_show_problems (LoketPage *page)
{
  check_step (LOKET_FORM_PAGE (page));
}

static void
loket_form_page_apply_async (LoketPage           *page,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  LoketFormPage *self = LOKET_FORM_PAGE (page);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, loket_form_page_apply_async);

  if (check_step (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_new_error (task, LOKET_FORM_PAGE_ERROR, LOKET_FORM_PAGE_ERROR_INCOMPLETE,
                           _("Some answers are missing or need a change. The first one "
                             "is marked on the screen."));
}

static gboolean
loket_form_page_apply_finish (LoketPage     *page,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, page), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
loket_form_page_shown (LoketPage *page)
{
  LoketFormPage *self = LOKET_FORM_PAGE (page);

  /* The first unanswered field, so the citizen can start typing at once. */
  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->order, i);

      if (LOKET_IS_FIELD_ROW (widget) && loket_field_row_get_entry (LOKET_FIELD_ROW (widget)))
        {
          GtkWidget *entry = loket_field_row_get_entry (LOKET_FIELD_ROW (widget));

          if (*gtk_editable_get_text (GTK_EDITABLE (entry)) == '\0')
            {
              gtk_widget_grab_focus (entry);
              return;
            }
        }
    }
}

static void
loket_form_page_locale_changed (LoketPage *page)
{
  LoketFormPage *self = LOKET_FORM_PAGE (page);

  set_strings (self);
  for (guint i = 0; i < self->order->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->order, i);

      if (LOKET_IS_FIELD_ROW (widget))
        loket_field_row_locale_changed (LOKET_FIELD_ROW (widget));
      else
        loket_group_editor_locale_changed (LOKET_GROUP_EDITOR (widget));
    }
  /* The request's messages are in the language they were made in: make them again. */
  refresh (self);
}

static void
loket_form_page_reset (LoketPage *page)
{
  LOKET_FORM_PAGE (page)->summary_asked = FALSE;
  bind_request (LOKET_FORM_PAGE (page));
}

static void
loket_form_page_constructed (GObject *object)
{
  LoketFormPage *self = LOKET_FORM_PAGE (object);

  G_OBJECT_CLASS (loket_form_page_parent_class)->constructed (object);

  loket_page_set_needs_keyboard (LOKET_PAGE (self), TRUE);
  set_strings (self);
  bind_request (self);
}

static void
loket_form_page_dispose (GObject *object)
{
  LoketFormPage *self = LOKET_FORM_PAGE (object);

  if (self->request != NULL)
    g_signal_handlers_disconnect_by_data (self->request, self);
  g_clear_object (&self->request);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_FORM_PAGE);

  G_OBJECT_CLASS (loket_form_page_parent_class)->dispose (object);
}

static void
loket_form_page_finalize (GObject *object)
{
  LoketFormPage *self = LOKET_FORM_PAGE (object);

  g_free (self->section);

  G_OBJECT_CLASS (loket_form_page_parent_class)->finalize (object);
}

static void
loket_form_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LoketFormPage *self = LOKET_FORM_PAGE (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_form_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LoketFormPage *self = LOKET_FORM_PAGE (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_free (self->section);
      self->section = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_form_page_class_init (LoketFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->constructed = loket_form_page_constructed;
  object_class->dispose = loket_form_page_dispose;
  object_class->finalize = loket_form_page_finalize;
  object_class->get_property = loket_form_page_get_property;
  object_class->set_property = loket_form_page_set_property;

  page_class->apply_async = loket_form_page_apply_async;
  page_class->apply_finish = loket_form_page_apply_finish;
  page_class->shown = loket_form_page_shown;
  page_class->locale_changed = loket_form_page_locale_changed;
  page_class->reset = loket_form_page_reset;
  page_class->show_problems = loket_form_page_show_problems;

  /**
   * LoketFormPage:section:
   *
   * The id of the catalog section this page asks.
   */
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOKET_TYPE_ERROR_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-form-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketFormPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LoketFormPage, summary);
  gtk_widget_class_bind_template_child (widget_class, LoketFormPage, intro);
  gtk_widget_class_bind_template_callback (widget_class, summary_go_to_cb);
  gtk_widget_class_bind_template_child (widget_class, LoketFormPage, fields_box);
}

static void
loket_form_page_init (LoketFormPage *self)
{
  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->order = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
loket_form_page_get_section (LoketFormPage *self)
{
  g_return_val_if_fail (LOKET_IS_FORM_PAGE (self), NULL);
  return self->section;
}

GPtrArray *
loket_form_page_get_fields (LoketFormPage *self)
{
  g_return_val_if_fail (LOKET_IS_FORM_PAGE (self), NULL);
  return self->order;
}

GtkWidget *
loket_form_page_get_summary (LoketFormPage *self)
{
  g_return_val_if_fail (LOKET_IS_FORM_PAGE (self), NULL);
  return self->summary;
}

GtkWidget *
loket_form_page_get_field (LoketFormPage *self,
                           const char    *field_id)
{
  g_return_val_if_fail (LOKET_IS_FORM_PAGE (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);
  return g_hash_table_lookup (self->widgets, field_id);
}

/* The window shows the generic intro on the first form page only (loket-window-wayfinding.c). */
void
loket_form_page_set_intro_visible (LoketFormPage *self,
                                   gboolean       visible)
{
  g_return_if_fail (LOKET_IS_FORM_PAGE (self));
  gtk_widget_set_visible (self->intro, visible);
}
