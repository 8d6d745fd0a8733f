/* loket-group-editor.c — a repeating group of the form (family members who move), entry by entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entries live in the LoketRequest; the editor only shows them. Adding or removing an
 * entry rebuilds the editor's rows from the request, so the numbering the citizen sees is
 * always the request's own, and a removed person's answers are gone from both at once.
 */
#define G_LOG_DOMAIN "loket-group-editor"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-group-editor.h"

struct _LoketGroupEditor
{
  GtkWidget          parent_instance;

  LoketRequest      *request;
  const LoketField  *field;

  GtkWidget         *label;
  GtkWidget         *help;
  GtkWidget         *entries_box;
  GtkWidget         *message_box;
  GtkWidget         *message_label;
  GtkWidget         *add_button;
  GPtrArray         *rows;            /* of LoketFieldRow* */
  GPtrArray         *remove_buttons;  /* of GtkButton*, one per entry */

  char              *issue_message;
  gboolean           revealed;
};

G_DEFINE_FINAL_TYPE (LoketGroupEditor, loket_group_editor, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  SIGNAL_ROWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (LoketGroupEditor *self);

static guint
group_min (const LoketField *field)
{
  return field->has_min ? (guint) field->min : 0;
}

static guint
group_max (const LoketField *field)
{
  return field->has_max ? (guint) field->max : G_MAXUINT;
}

static void
row_changed_cb (LoketFieldRow    *row,
                LoketGroupEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Puts the focus in the first field of entry index; FALSE when there is no such entry. */
static gboolean
focus_entry (LoketGroupEditor *self,
             guint             index)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      LoketFieldRow *row = g_ptr_array_index (self->rows, i);

      if (loket_field_row_get_index (row) == index)
        {
          loket_field_row_focus (row);
          return TRUE;
        }
    }

  return FALSE;
}

/* group.remove "u": a person's Remove button. */
static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LoketGroupEditor *self = LOKET_GROUP_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);
  guint n;

  if (!loket_group_editor_remove_entry (self, index))
    return;

  /* The button pressed went with its person, and with it a keyboard's focus: it goes to the
   * person who took that place (or the one before), else to "Add a person". */
  n = loket_request_get_n_group_entries (self->request, self->field->id);
  if (n == 0 || !focus_entry (self, MIN (index, n - 1)))
    gtk_widget_grab_focus (self->add_button);
}

static void
add_clicked_cb (GtkButton        *button,
                LoketGroupEditor *self)
{
  guint n = loket_request_get_n_group_entries (self->request, self->field->id);

  if (!loket_group_editor_add_entry (self))
    return;

  /* The citizen's eyes follow the new person: put the caret in its first field. */
  focus_entry (self, n);
}

static void
update_buttons (LoketGroupEditor *self)
{
  guint n = loket_request_get_n_group_entries (self->request, self->field->id);

  gtk_widget_set_sensitive (self->add_button, n < group_max (self->field));
  for (guint i = 0; i < self->remove_buttons->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->remove_buttons, i),
                              n > group_min (self->field));
}

static void
update_message (LoketGroupEditor *self)
{
  gboolean show = self->revealed && self->issue_message != NULL;

  gtk_label_set_text (GTK_LABEL (self->message_label), show ? self->issue_message : "");
  gtk_widget_set_visible (self->message_box, show);
}

static void
set_strings (LoketGroupEditor *self)
{
  gtk_label_set_text (GTK_LABEL (self->label), C_CATALOG (self->field->label));
  if (self->field->help != NULL)
    gtk_label_set_text (GTK_LABEL (self->help), C_CATALOG (self->field->help));
  /* Translators: the button that adds one more person to a list such as "Family members
   * who move". */
  gtk_button_set_label (GTK_BUTTON (self->add_button), _("Add a person"));
}

static void
rebuild (LoketGroupEditor *self)
{
  guint n = loket_request_get_n_group_entries (self->request, self->field->id);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->entries_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->entries_box), child);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->remove_buttons, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
      GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      g_autofree char *title = NULL;
      g_autofree char *remove = NULL;
      GtkWidget *title_label;
      GtkWidget *remove_button;

      gtk_widget_add_css_class (box, "loket-group-entry");

      /* Translators: the heading of one entry of a list of people, e.g. "Person 2". */
      title = g_strdup_printf (_("Person %u"), i + 1);
      title_label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_widget_set_hexpand (title_label, TRUE);
      gtk_widget_add_css_class (title_label, "loket-group-entry-title");
      gtk_box_append (GTK_BOX (head), title_label);

      /* Translators: removes one person from a list, e.g. "Remove person 2". */
      remove = g_strdup_printf (_("Remove person %u"), i + 1);
      remove_button = gtk_button_new_with_label (remove);
      gtk_widget_add_css_class (remove_button, "loket-remove");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "group.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove_button), "u", i);
      gtk_box_append (GTK_BOX (head), remove_button);
      g_ptr_array_add (self->remove_buttons, remove_button);
      gtk_box_append (GTK_BOX (box), head);

      for (guint j = 0; j < self->field->fields->len; j++)
        {
          const LoketField *sub = g_ptr_array_index (self->field->fields, j);
          GtkWidget *row = loket_field_row_new (self->request, sub, self->field->id, i);

          g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);
          gtk_box_append (GTK_BOX (box), row);
          g_ptr_array_add (self->rows, row);
        }

      gtk_box_append (GTK_BOX (self->entries_box), box);
    }

  update_buttons (self);
  g_signal_emit (self, signals[SIGNAL_ROWS_CHANGED], 0);
}

GtkWidget *
loket_group_editor_new (LoketRequest     *request,
                        const LoketField *field)
{
  LoketGroupEditor *self;
  GtkWidget *icon;

  g_return_val_if_fail (LOKET_IS_REQUEST (request), NULL);
  g_return_val_if_fail (field != NULL && field->type == LOKET_FIELD_TYPE_GROUP, NULL);

  self = g_object_new (LOKET_TYPE_GROUP_EDITOR, NULL);
  self->request = g_object_ref (request);
  self->field = field;

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_widget_add_css_class (self->label, "loket-field-label");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->help = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->help), 0);
  gtk_label_set_wrap (GTK_LABEL (self->help), TRUE);
  gtk_widget_add_css_class (self->help, "loket-field-help");
  gtk_widget_set_visible (self->help, field->help != NULL);
  gtk_widget_set_parent (self->help, GTK_WIDGET (self));

  self->entries_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->entries_box, GTK_WIDGET (self));

  self->message_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->message_box, "loket-field-message");
  gtk_widget_add_css_class (self->message_box, "loket-field-error");
  icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_box_append (GTK_BOX (self->message_box), icon);
  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_box_append (GTK_BOX (self->message_box), self->message_label);
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_widget_set_parent (self->message_box, GTK_WIDGET (self));

  self->add_button = gtk_button_new_with_label ("");
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->add_button, "loket-add");
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_widget_set_parent (self->add_button, GTK_WIDGET (self));

  /* A group that must have someone starts with its first (empty) entries to fill in. */
  while (loket_request_get_n_group_entries (request, field->id) < group_min (field))
    loket_request_add_group_entry (request, field->id);

  set_strings (self);
  rebuild (self);

  return GTK_WIDGET (self);
}

const LoketField *
loket_group_editor_get_field (LoketGroupEditor *self)
{
  g_return_val_if_fail (LOKET_IS_GROUP_EDITOR (self), NULL);
  return self->field;
}

GPtrArray *
loket_group_editor_get_rows (LoketGroupEditor *self)
{
  g_return_val_if_fail (LOKET_IS_GROUP_EDITOR (self), NULL);
  return self->rows;
}

gboolean
loket_group_editor_add_entry (LoketGroupEditor *self)
{
  g_return_val_if_fail (LOKET_IS_GROUP_EDITOR (self), FALSE);

  if (loket_request_get_n_group_entries (self->request, self->field->id) >=
      group_max (self->field))
    return FALSE;

  loket_request_add_group_entry (self->request, self->field->id);
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

gboolean
loket_group_editor_remove_entry (LoketGroupEditor *self,
                                 guint             index)
{
  g_return_val_if_fail (LOKET_IS_GROUP_EDITOR (self), FALSE);

  if (loket_request_get_n_group_entries (self->request, self->field->id) <=
      group_min (self->field))
    return FALSE;
  if (!loket_request_remove_group_entry (self->request, self->field->id, index))
    return FALSE;

  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

void
loket_group_editor_set_issue (LoketGroupEditor *self,
                              const LoketIssue *issue)
{
  g_return_if_fail (LOKET_IS_GROUP_EDITOR (self));

  g_clear_pointer (&self->issue_message, g_free);
  if (issue != NULL && !(issue->severity == LOKET_ISSUE_WARNING && issue->confirmed))
    self->issue_message = g_strdup (issue->message);
  update_message (self);
}

void
loket_group_editor_reveal (LoketGroupEditor *self)
{
  g_return_if_fail (LOKET_IS_GROUP_EDITOR (self));

  self->revealed = TRUE;
  update_message (self);
  for (guint i = 0; i < self->rows->len; i++)
    loket_field_row_reveal (g_ptr_array_index (self->rows, i));
}

const char *
loket_group_editor_get_message (LoketGroupEditor *self)
{
  g_return_val_if_fail (LOKET_IS_GROUP_EDITOR (self), NULL);
  return gtk_widget_get_visible (self->message_box) ? self->issue_message : NULL;
}

void
loket_group_editor_locale_changed (LoketGroupEditor *self)
{
  g_return_if_fail (LOKET_IS_GROUP_EDITOR (self));

  set_strings (self);
  rebuild (self);
}

static void
loket_group_editor_dispose (GObject *object)
{
  LoketGroupEditor *self = LOKET_GROUP_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->remove_buttons, g_ptr_array_unref);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (loket_group_editor_parent_class)->dispose (object);
}

static void
loket_group_editor_finalize (GObject *object)
{
  LoketGroupEditor *self = LOKET_GROUP_EDITOR (object);

  g_free (self->issue_message);

  G_OBJECT_CLASS (loket_group_editor_parent_class)->finalize (object);
}

static void
loket_group_editor_class_init (LoketGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_group_editor_dispose;
  object_class->finalize = loket_group_editor_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[SIGNAL_ROWS_CHANGED] = g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loketgroupeditor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "group.remove", "u", remove_activated);
}

static void
loket_group_editor_init (LoketGroupEditor *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 16);
  self->rows = g_ptr_array_new ();
  self->remove_buttons = g_ptr_array_new ();
}
