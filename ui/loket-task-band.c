/* loket-task-band.c — where the task list sits: below the page, or beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page comes first; the task list takes the room the page leaves. On a portrait screen
 * it sits below the page, in the part a short form leaves empty, three items to a row; on
 * a landscape screen, which has width to spare and no height, it is a column beside the
 * page. Either way it scrolls rather than push the page aside or grow the window.
 *
 * The band measures the list itself. GTK 4.8's scrolled window asks its child for the
 * height it needs at no particular width (gtkscrolledwindow.c measures with -1): a list of
 * wrapping labels then asks for the height of its narrowest layout, many times what it
 * needs at the width it gets, and a box gives it that before the page.
 */
#define G_LOG_DOMAIN "loket-task-band"

#include "config.h"

#include "loket-keyboard.h"
#include "loket-task-band.h"
#include "loket-task-list.h"

/* Below the page, the list takes at most this share of the window's height; beside it, at
 * most this share of its width. */
#define BELOW_HEIGHT_SHARE 0.36
#define BESIDE_WIDTH_SHARE 0.25

struct _LoketTaskBand
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *task_list;
  gboolean   beside;
  char      *current;       /* the step on screen: its item is scrolled into sight */
  guint      reveal_tick;
  guint      reveal_frames;
};

G_DEFINE_FINAL_TYPE (LoketTaskBand, loket_task_band, GTK_TYPE_WIDGET)

/* The window's size once laid out, else 0 (no cap before the first layout). */
static int
root_size (LoketTaskBand  *self,
           GtkOrientation  orientation)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root == NULL)
    return 0;
  return orientation == GTK_ORIENTATION_HORIZONTAL ? gtk_widget_get_width (GTK_WIDGET (root))
                                                   : gtk_widget_get_height (GTK_WIDGET (root));
}

static void
loket_task_band_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  LoketTaskBand *self = LOKET_TASK_BAND (widget);
  int list_min = 0, list_nat = 0;
  int room = root_size (self, orientation);

  /* The list as it would be laid out at the width (or height) it is offered. */
  gtk_widget_measure (self->task_list, orientation, for_size, &list_min, &list_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* Nothing it must have: it gives way, and scrolls. Below the page, no more than its
       * share of the height. */
      *minimum = 0;
      *natural = list_nat;
      if (!self->beside && room > 0)
        *natural = MIN (*natural, (int) (room * BELOW_HEIGHT_SHARE));
    }
  else
    {
      *minimum = list_min;
      *natural = list_nat;
      if (self->beside && room > 0)
        *natural = MAX (list_min, MIN (list_nat, (int) (room * BESIDE_WIDTH_SHARE)));
    }
}

static void
loket_task_band_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  LoketTaskBand *self = LOKET_TASK_BAND (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
}

static GtkSizeRequestMode
loket_task_band_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
loket_task_band_dispose (GObject *object)
{
  LoketTaskBand *self = LOKET_TASK_BAND (object);

  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->current, g_free);
  self->task_list = NULL;

  G_OBJECT_CLASS (loket_task_band_parent_class)->dispose (object);
}

static void
loket_task_band_class_init (LoketTaskBandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_task_band_dispose;
  widget_class->measure = loket_task_band_measure;
  widget_class->size_allocate = loket_task_band_size_allocate;
  widget_class->get_request_mode = loket_task_band_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "lokettaskband");
}

static void
loket_task_band_init (LoketTaskBand *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

/**
 * loket_task_band_new:
 * @task_list: the #LoketTaskList the band holds
 */
GtkWidget *
loket_task_band_new (GtkWidget *task_list)
{
  LoketTaskBand *self = g_object_new (LOKET_TYPE_TASK_BAND, NULL);

  g_return_val_if_fail (LOKET_IS_TASK_LIST (task_list), NULL);

  self->task_list = task_list;
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), task_list);
  return GTK_WIDGET (self);
}

/**
 * loket_task_band_set_beside:
 * @beside: a column beside the page (a landscape screen), or rows below it
 */
void
loket_task_band_set_beside (LoketTaskBand *self,
                            gboolean       beside)
{
  g_return_if_fail (LOKET_IS_TASK_BAND (self));

  self->beside = beside;
  loket_task_list_set_columns (LOKET_TASK_LIST (self->task_list), beside ? 1 : 3);
  if (beside)
    gtk_widget_add_css_class (GTK_WIDGET (self), "beside");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "beside");
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  LoketTaskBand *self = LOKET_TASK_BAND (widget);
  GtkWidget *item = self->current != NULL
                    ? loket_task_list_get_item (LOKET_TASK_LIST (self->task_list), self->current)
                    : NULL;

  /* Once the item is laid out (a list just rebuilt has no size yet). */
  if ((item == NULL || gtk_widget_get_height (item) == 0) && ++self->reveal_frames < 10)
    return G_SOURCE_CONTINUE;
  self->reveal_tick = 0;
  if (item != NULL && gtk_widget_get_height (item) > 0)
    loket_scroll_to_widget (GTK_SCROLLED_WINDOW (self->scroller), item);
  return G_SOURCE_REMOVE;
}

/**
 * loket_task_band_show_current:
 * @current: (nullable): the step on screen
 *
 * Brings the step on screen into sight in the band: a column beside the page is taller than
 * a landscape screen in large text, and "You are here" must not be below its fold.
 */
void
loket_task_band_show_current (LoketTaskBand *self,
                              const char    *current)
{
  g_return_if_fail (LOKET_IS_TASK_BAND (self));

  g_free (self->current);
  self->current = g_strdup (current);
  self->reveal_frames = 0;
  if (self->reveal_tick == 0 && current != NULL)
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb,
                                                      NULL, NULL);
}

gboolean
loket_task_band_get_beside (LoketTaskBand *self)
{
  g_return_val_if_fail (LOKET_IS_TASK_BAND (self), FALSE);
  return self->beside;
}
