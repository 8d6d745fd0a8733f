/* loket-task-list.c — the request's sections by name: where am I, what is done, what is left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GOV.UK's task list, for a kiosk: once a life event is chosen, every step of the request
 * is named in order ("What you need ✓, About you ✓, The child, The parents, Check, Agree,
 * Send"), each with its state in a word as well as a mark, so colour carries nothing
 * alone. A done step is a button back to it (flow.goto); the others are text, not targets.
 * The window shows the list in the lower part of the content, the part of a portrait screen
 * a short form leaves empty (loket-window-wayfinding.c).
 */
#define G_LOG_DOMAIN "loket-task-list"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-task-list.h"

struct _LoketTaskList
{
  GtkWidget    parent_instance;

  GtkWidget   *heading;
  GtkWidget   *grid;
  guint        columns;   /* items to a row: fewer on a portrait screen than a landscape one */
  GHashTable  *reached;   /* page names the citizen has been on */
  GHashTable  *items;     /* page name -> its widget in the grid */
  GPtrArray   *order;     /* the items in the steps' order (the grid holds them) */
  GHashTable  *states;    /* page name -> LoketTaskState */
  guint        n_tasks;
  char        *shown;     /* what the items say now: rebuilt only when it changes */
};

G_DEFINE_FINAL_TYPE (LoketTaskList, loket_task_list, GTK_TYPE_WIDGET)

/* The short name of a step, as the task list says it. */
static char *
step_title (LoketFlow  *flow,
            const char *name)
{
  if (g_str_has_prefix (name, "form:"))
    {
      LoketCatalog *catalog = loket_session_get_catalog (loket_flow_get_session (flow));
      const LoketSection *section = loket_catalog_get_section (catalog, name + 5);

      return g_strdup (section != NULL ? C_CATALOG (section->title) : name + 5);
    }
  if (g_str_equal (name, "documents"))
    /* Translators: a task in the task list: the page of what to bring */
    return g_strdup (_("What you need"));
  if (g_str_equal (name, "review"))
    /* Translators: a task in the task list: check your answers */
    return g_strdup (_("Check"));
  if (g_str_equal (name, "consent"))
    /* Translators: a task in the task list: agree to share your data */
    return g_strdup (_("Agree"));
  if (g_str_equal (name, "receipt"))
    /* Translators: a task in the task list: send the request */
    return g_strdup (_("Send"));
  return g_strdup (name);
}

/* The state in words, shown under the task's name and said by a screen reader. */
static const char *
state_word (LoketTaskState state)
{
  switch (state)
    {
    case LOKET_TASK_DONE:
      /* Translators: a task's state in the task list */
      return _("✓ Done");
    case LOKET_TASK_CURRENT:
      /* Translators: a task's state in the task list: the page on screen */
      return _("▶ You are here");
    case LOKET_TASK_NOT_NEEDED:
      /* Translators: a task's state in the task list: an answer left this part out */
      return _("Not needed");
    case LOKET_TASK_TO_DO:
    default:
      /* Translators: a task's state in the task list: not reached yet */
      return _("Not yet");
    }
}

static GtkWidget *
item_new (const char     *name,
          const char     *title,
          LoketTaskState  state)
{
  g_autofree char *accessible = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *state_label = gtk_label_new (state_word (state));
  const char *classes[] = {
    [LOKET_TASK_TO_DO] = "loket-task-to-do",
    [LOKET_TASK_CURRENT] = "loket-task-current",
    [LOKET_TASK_DONE] = "loket-task-done",
    [LOKET_TASK_NOT_NEEDED] = "loket-task-not-needed",
  };
  GtkWidget *item;

  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "loket-task-title");
  /* Both wrap: six to a row on a landscape screen leave each little width in large text. */
  gtk_label_set_wrap (GTK_LABEL (state_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (state_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (state_label), 0);
  gtk_widget_add_css_class (state_label, "loket-task-state");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), state_label);

  /* Translators: a task list item as a screen reader says it, e.g. "About you: ✓ Done" */
  accessible = g_strdup_printf (C_("accessible name", "%s: %s"), title, state_word (state));
  if (state == LOKET_TASK_DONE)
    {
      item = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (item), box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (item), "flow.goto");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (item), "s", name);
    }
  else
    {
      item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (item), box);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_add_css_class (item, "loket-task");
  gtk_widget_add_css_class (item, classes[state]);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  return item;
}

static void
clear_items (LoketTaskList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_hash_table_remove_all (self->items);
  g_ptr_array_set_size (self->order, 0);
  g_hash_table_remove_all (self->states);
  self->n_tasks = 0;
}

/* The furthest step reached, as an index into steps; -1 for none. */
static int
furthest_reached (LoketTaskList *self,
                  GPtrArray     *steps)
{
  int furthest = -1;

  for (guint i = 0; i < steps->len; i++)
    {
      const LoketFlowStep *step = g_ptr_array_index (steps, i);

      if (g_hash_table_contains (self->reached, step->name))
        furthest = i;
    }

  return furthest;
}

static LoketTaskState
step_state (LoketTaskList       *self,
            const LoketFlowStep *step,
            guint                index,
            int                  furthest,
            const char          *current)
{
  if (!step->needed)
    return LOKET_TASK_NOT_NEEDED;
  if (g_strcmp0 (step->name, current) == 0)
    return LOKET_TASK_CURRENT;
  /* Done: the citizen went on from it with Next (a page after it was reached). The receipt
   * is the request sent: reaching it is doing it. */
  if ((int) index < furthest && g_hash_table_contains (self->reached, step->name))
    return LOKET_TASK_DONE;
  return LOKET_TASK_TO_DO;
}

void
loket_task_list_update (LoketTaskList *self,
                        LoketFlow     *flow,
                        const char    *current)
{
  g_autoptr(GPtrArray) steps = NULL;
  int furthest;

  g_return_if_fail (LOKET_IS_TASK_LIST (self));
  g_return_if_fail (LOKET_IS_FLOW (flow));

  steps = loket_flow_dup_steps (flow);
  if (current != NULL)
    for (guint i = 0; i < steps->len; i++)
      if (g_str_equal (((LoketFlowStep *) g_ptr_array_index (steps, i))->name, current))
        g_hash_table_add (self->reached, g_strdup (current));
  furthest = furthest_reached (self, steps);

  /* The window asks on every page shown and every change of the questions: the items are
   * built anew only when what they say changed (a screen reader keeps its place). */
  {
    g_autoptr(GString) shown = g_string_new (_("Your request"));

    for (guint i = 0; i < steps->len; i++)
      {
        const LoketFlowStep *step = g_ptr_array_index (steps, i);
        g_autofree char *title = step_title (flow, step->name);

        g_string_append_printf (shown, "\n%s\t%s\t%d", step->name, title,
                                step_state (self, step, i, furthest, current));
      }
    if (g_strcmp0 (shown->str, self->shown) == 0)
      return;
    g_free (self->shown);
    self->shown = g_string_free (g_steal_pointer (&shown), FALSE);
  }

  clear_items (self);
  for (guint i = 0; i < steps->len; i++)
    {
      const LoketFlowStep *step = g_ptr_array_index (steps, i);
      LoketTaskState state = step_state (self, step, i, furthest, current);
      g_autofree char *title = step_title (flow, step->name);
      GtkWidget *item = item_new (step->name, title, state);

      gtk_grid_attach (GTK_GRID (self->grid), item, i % self->columns, i / self->columns, 1, 1);
      g_ptr_array_add (self->order, item);
      g_hash_table_insert (self->items, g_strdup (step->name), item);
      g_hash_table_insert (self->states, g_strdup (step->name), GINT_TO_POINTER (state));
    }
  self->n_tasks = steps->len;

  /* Translators: the task list's heading, above the request's parts */
  gtk_label_set_text (GTK_LABEL (self->heading), _("Your request"));
}

void
loket_task_list_forget (LoketTaskList *self)
{
  g_return_if_fail (LOKET_IS_TASK_LIST (self));

  g_hash_table_remove_all (self->reached);
  g_clear_pointer (&self->shown, g_free);
  clear_items (self);
}

/**
 * loket_task_list_set_columns:
 * @columns: items to a row (three on a portrait screen, six on a landscape one)
 */
void
loket_task_list_set_columns (LoketTaskList *self,
                             guint          columns)
{
  g_return_if_fail (LOKET_IS_TASK_LIST (self));
  g_return_if_fail (columns > 0);

  if (columns == self->columns)
    return;
  self->columns = columns;
  /* The same items, in the same order, laid out anew. */
  for (guint i = 0; i < self->order->len; i++)
    {
      g_autoptr(GtkWidget) item = g_object_ref (g_ptr_array_index (self->order, i));

      gtk_grid_remove (GTK_GRID (self->grid), item);
      gtk_grid_attach (GTK_GRID (self->grid), item, i % columns, i / columns, 1, 1);
    }
}

guint
loket_task_list_get_n_tasks (LoketTaskList *self)
{
  g_return_val_if_fail (LOKET_IS_TASK_LIST (self), 0);
  return self->n_tasks;
}

LoketTaskState
loket_task_list_get_state (LoketTaskList *self,
                           const char    *name)
{
  g_return_val_if_fail (LOKET_IS_TASK_LIST (self), LOKET_TASK_TO_DO);
  g_return_val_if_fail (name != NULL, LOKET_TASK_TO_DO);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->states, name));
}

GtkWidget *
loket_task_list_get_item (LoketTaskList *self,
                          const char    *name)
{
  g_return_val_if_fail (LOKET_IS_TASK_LIST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->items, name);
}

static void
loket_task_list_dispose (GObject *object)
{
  LoketTaskList *self = LOKET_TASK_LIST (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->heading = NULL;
  self->grid = NULL;

  G_OBJECT_CLASS (loket_task_list_parent_class)->dispose (object);
}

static void
loket_task_list_finalize (GObject *object)
{
  LoketTaskList *self = LOKET_TASK_LIST (object);

  g_clear_pointer (&self->reached, g_hash_table_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (loket_task_list_parent_class)->finalize (object);
}

static void
loket_task_list_class_init (LoketTaskListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_task_list_dispose;
  object_class->finalize = loket_task_list_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lokettasklist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
loket_task_list_init (LoketTaskList *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);

  self->reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new ();
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "loket-task-heading");
  gtk_widget_set_parent (self->heading, GTK_WIDGET (self));

  /* A grid, not a flow box: GTK 4.8's flow box asks for the height of its fewest items to a
   * line, and its Tab stops dead on an item that takes no focus (a step not yet done).
   * The items keep their order left to right, top to bottom, as they are read. */
  self->columns = 3;
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 12);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));
}

GtkWidget *
loket_task_list_new (void)
{
  return g_object_new (LOKET_TYPE_TASK_LIST, NULL);
}
