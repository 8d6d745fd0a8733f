/* loket-button-row.c — buttons side by side while they fit, one above the other when not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   wide enough                         too narrow
 *   +--------------+ +-------------+    +-------------------------------+
 *   | Yes, I agree | | Do not send |    | Yes, I agree                  |
 *   +--------------+ +-------------+    +-------------------------------+
 *                                       +-------------------------------+
 *                                       | Do not send to BPJS Kesehatan |
 *                                       +-------------------------------+
 *
 * The row is side by side when the children's natural widths (each the widest one's, when
 * homogeneous) and the spacing fit the width given; otherwise every child gets the whole
 * width, one below the other. A button's label does not wrap, so squeezing a row below its
 * natural width would only cut words off: stacking is the one honest answer.
 *
 * Its minimum width is the widest child's, so a page never grows for a row. Its minimum
 * height for an unknown width (-1) is the stacked one: GTK takes that as the height at the
 * least width, and a box checks that no width needs more (gtksizerequest's "Expect
 * overlapping widgets"). Focus and its order are GtkWidget's own: geometric, so Tab and
 * the arrows go left to right along a row and top to bottom down a stack, as they look.
 */
#define G_LOG_DOMAIN "loket-button-row"

#include "config.h"

#include "loket-button-row.h"

struct _LoketButtonRow
{
  GtkWidget  parent_instance;

  int        spacing;
  gboolean   homogeneous;
  gboolean   stacked;   /* in the last allocation */
};

G_DEFINE_FINAL_TYPE (LoketButtonRow, loket_button_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_HOMOGENEOUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count_shown (LoketButtonRow *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      n++;

  return n;
}

/* The width the children need side by side, each at its natural width. */
static int
row_natural_width (LoketButtonRow *self)
{
  int sum = 0, widest = 0;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int natural;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      sum += natural;
      widest = MAX (widest, natural);
      n++;
    }

  if (n == 0)
    return 0;
  return (self->homogeneous ? widest * (int) n : sum) + self->spacing * (int) (n - 1);
}

static gboolean
fits_side_by_side (LoketButtonRow *self,
                   int             width)
{
  return count_shown (self) <= 1 || row_natural_width (self) <= width;
}

/* Side by side in width (which fits): each shown child's width, in order. Homogeneous
 * children share the width equally; otherwise each has its natural width and what is left
 * goes to those that expand. */
static int *
row_widths (LoketButtonRow *self,
            int             width,
            guint          *n_out)
{
  guint n = count_shown (self);
  int *widths = g_new0 (int, MAX (n, 1));
  int available = width - self->spacing * (int) (n > 0 ? n - 1 : 0);
  int used = 0;
  guint n_expand = 0, i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &widths[i], NULL, NULL);
      used += widths[i];
      if (gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
        n_expand++;
      i++;
    }

  if (n > 0 && self->homogeneous)
    {
      for (i = 0; i < n; i++)
        widths[i] = available / (int) n + ((int) i < available % (int) n ? 1 : 0);
    }
  else if (n_expand > 0 && available > used)
    {
      int extra = available - used;
      guint k = 0;

      i = 0;
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (!gtk_widget_should_layout (child))
            continue;
          if (gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
            {
              widths[i] += extra / (int) n_expand + ((int) k < extra % (int) n_expand ? 1 : 0);
              k++;
            }
          i++;
        }
    }

  *n_out = n;
  return widths;
}

static void
loket_button_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  LoketButtonRow *self = LOKET_BUTTON_ROW (widget);
  guint n = count_shown (self);

  *minimum = *natural = 0;
  if (n == 0)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Stacked at the least, side by side at best. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL,
                              NULL);
          *minimum = MAX (*minimum, child_min);
        }
      *natural = MAX (*minimum, row_natural_width (self));
      return;
    }

  if (for_size >= 0 && fits_side_by_side (self, for_size))
    {
      g_autofree int *widths = row_widths (self, for_size, &n);
      guint i = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, widths[i++], &child_min,
                              &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      return;
    }

  /* Stacked: at the width given, or at each child's own least width (-1). */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, for_size, &child_min, &child_nat,
                          NULL, NULL);
      *minimum += child_min;
      *natural += child_nat;
    }
  *minimum += self->spacing * (int) (n - 1);
  *natural += self->spacing * (int) (n - 1);
}

static void
allocate_side_by_side (LoketButtonRow *self,
                       int             width,
                       int             height)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  guint n;
  g_autofree int *widths = row_widths (self, width, &n);
  int x = 0;
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation allocation;

      if (!gtk_widget_should_layout (child))
        continue;
      allocation.x = rtl ? width - x - widths[i] : x;
      allocation.y = 0;
      allocation.width = widths[i];
      allocation.height = height;
      gtk_widget_size_allocate (child, &allocation, -1);
      x += widths[i] + self->spacing;
      i++;
    }
}

static void
allocate_stacked (LoketButtonRow *self,
                  int             width,
                  int             height)
{
  guint n = count_shown (self);
  g_autofree GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, n);
  int extra = height - self->spacing * (int) (n - 1);
  int y = 0;
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      sizes[i].data = child;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &sizes[i].minimum_size,
                          &sizes[i].natural_size, NULL, NULL);
      extra -= sizes[i].minimum_size;
      i++;
    }

  /* Each its natural height while the height lasts; what is left stays below. */
  gtk_distribute_natural_allocation (MAX (extra, 0), n, sizes);

  for (i = 0; i < n; i++)
    {
      GtkAllocation allocation = { 0, y, width, sizes[i].minimum_size };

      gtk_widget_size_allocate (sizes[i].data, &allocation, -1);
      y += sizes[i].minimum_size + self->spacing;
    }
}

static void
loket_button_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  LoketButtonRow *self = LOKET_BUTTON_ROW (widget);

  if (count_shown (self) == 0)
    return;

  self->stacked = !fits_side_by_side (self, width);
  if (self->stacked)
    allocate_stacked (self, width, height);
  else
    allocate_side_by_side (self, width, height);
}

static GtkSizeRequestMode
loket_button_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
loket_button_row_compute_expand (GtkWidget *widget,
                                 gboolean  *hexpand,
                                 gboolean  *vexpand)
{
  *hexpand = *vexpand = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      *hexpand |= gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      *vexpand |= gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
    }
}

static void
loket_button_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (loket_button_row_parent_class)->dispose (object);
}

static void
loket_button_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LoketButtonRow *self = LOKET_BUTTON_ROW (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    case PROP_HOMOGENEOUS:
      g_value_set_boolean (value, self->homogeneous);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_button_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LoketButtonRow *self = LOKET_BUTTON_ROW (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      loket_button_row_set_spacing (self, g_value_get_int (value));
      break;

    case PROP_HOMOGENEOUS:
      loket_button_row_set_homogeneous (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_button_row_class_init (LoketButtonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_button_row_dispose;
  object_class->get_property = loket_button_row_get_property;
  object_class->set_property = loket_button_row_set_property;
  widget_class->measure = loket_button_row_measure;
  widget_class->size_allocate = loket_button_row_size_allocate;
  widget_class->get_request_mode = loket_button_row_get_request_mode;
  widget_class->compute_expand = loket_button_row_compute_expand;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOMOGENEOUS] =
    g_param_spec_boolean ("homogeneous", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "loketbuttonrow");
  /* What a GtkBox of buttons was to a screen reader: a group. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
loket_button_row_init (LoketButtonRow *self)
{
}

GtkWidget *
loket_button_row_new (void)
{
  return g_object_new (LOKET_TYPE_BUTTON_ROW, NULL);
}

void
loket_button_row_append (LoketButtonRow *self,
                         GtkWidget      *child)
{
  g_return_if_fail (LOKET_IS_BUTTON_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

void
loket_button_row_set_spacing (LoketButtonRow *self,
                              int             spacing)
{
  g_return_if_fail (LOKET_IS_BUTTON_ROW (self));
  g_return_if_fail (spacing >= 0);

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

int
loket_button_row_get_spacing (LoketButtonRow *self)
{
  g_return_val_if_fail (LOKET_IS_BUTTON_ROW (self), 0);
  return self->spacing;
}

void
loket_button_row_set_homogeneous (LoketButtonRow *self,
                                  gboolean        homogeneous)
{
  g_return_if_fail (LOKET_IS_BUTTON_ROW (self));

  homogeneous = !!homogeneous;
  if (self->homogeneous == homogeneous)
    return;

  self->homogeneous = homogeneous;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOMOGENEOUS]);
}

gboolean
loket_button_row_get_homogeneous (LoketButtonRow *self)
{
  g_return_val_if_fail (LOKET_IS_BUTTON_ROW (self), FALSE);
  return self->homogeneous;
}

gboolean
loket_button_row_get_stacked (LoketButtonRow *self)
{
  g_return_val_if_fail (LOKET_IS_BUTTON_ROW (self), FALSE);
  return self->stacked;
}
