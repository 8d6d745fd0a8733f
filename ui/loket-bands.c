/* loket-bands.c — the window's bands: header, content, footer, and the on-screen keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A container of four fixed children that lays them out in one of two arrangements:
 *
 *   stacked (portrait)            beside (landscape)
 *   +--------------------+        +-----------------------------+
 *   | header             |        | header                      |
 *   +--------------------+        +---------------+-------------+
 *   | content            |        | content       |             |
 *   |                    |        |               |  keyboard   |
 *   +--------------------+        +---------------+-------------+
 *   | footer             |        | footer                      |
 *   +--------------------+        +-----------------------------+
 *   | keyboard           |
 *   +--------------------+
 *
 * The children never move between parents: only their geometry changes, so the choice can
 * be made where it belongs, at allocation, from the space given. It is beside when the
 * bands are wider than tall and both arrangements would fit, and whichever fits when only
 * one does. Without the keyboard on screen the content takes the whole middle band.
 *
 * The minimum height reported is the one with the keyboard beside the content, whatever
 * the width: GTK gives a window one minimum size, its minimum height at its minimum width,
 * where nothing fits beside the keyboard; measured stacked there, a landscape window with
 * the keypad in large text would be made taller than its screen. Allocated a height that
 * only beside fits at a width too narrow for it (a window smaller than any kiosk screen),
 * the content gives up its minimum (it scrolls) — never the keys, the header or the footer.
 */
#define G_LOG_DOMAIN "loket-bands"

#include "config.h"

#include <string.h>

#include "loket-bands.h"
#include "loket-keyboard.h"

/* The keyboard's share of a landscape screen's width: keys about as wide as tall, and more
 * than half the screen left for the fields. Never less than the keyboard needs. */
#define KEYBOARD_SHARE 0.45

struct _LoketBands
{
  GtkWidget  parent_instance;

  GtkWidget *header;
  GtkWidget *content;
  GtkWidget *footer;
  GtkWidget *keyboard;

  gboolean   beside;   /* in the last allocation */
};

G_DEFINE_FINAL_TYPE (LoketBands, loket_bands, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HEADER,
  PROP_CONTENT,
  PROP_FOOTER,
  PROP_KEYBOARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the bands need at one width, in both arrangements. */
typedef struct {
  int      header_min, header_nat;
  int      footer_min, footer_nat;
  int      content_min;               /* stacked, at the full width */
  int      keyboard_min, keyboard_nat; /* stacked, at the full width; 0 when hidden */
  int      stacked_min, stacked_nat;  /* the middle band, stacked */
  gboolean can_beside;                /* the width is enough for beside */
  int      content_width;             /* beside: the split of the width */
  int      keyboard_width;
  int      beside_min, beside_nat;    /* the middle band, beside (at the least wide it can
                                       * be, when the width is not enough) */
} Plan;

static gboolean
shown (GtkWidget *band)
{
  return band != NULL && gtk_widget_should_layout (band);
}

static void
measure_band (GtkWidget      *band,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural)
{
  *minimum = *natural = 0;
  if (shown (band))
    gtk_widget_measure (band, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
make_plan (LoketBands *self,
           int         width,
           int         footer_width,
           Plan       *plan)
{
  int content_nat, min, nat, keyboard_min, content_min;

  memset (plan, 0, sizeof *plan);

  measure_band (self->header, GTK_ORIENTATION_VERTICAL, width, &plan->header_min,
                &plan->header_nat);
  measure_band (self->footer, GTK_ORIENTATION_VERTICAL, footer_width, &plan->footer_min,
                &plan->footer_nat);
  measure_band (self->content, GTK_ORIENTATION_VERTICAL, width, &plan->content_min,
                &content_nat);
  measure_band (self->keyboard, GTK_ORIENTATION_VERTICAL, width, &plan->keyboard_min,
                &plan->keyboard_nat);

  plan->stacked_min = plan->content_min + plan->keyboard_min;
  plan->stacked_nat = content_nat + plan->keyboard_nat;

  plan->beside_min = plan->stacked_min;
  plan->beside_nat = plan->stacked_nat;
  if (!shown (self->keyboard))
    return;

  /* Beside: the keyboard takes its share of the width, the content the rest, if that is
   * at least what each needs. */
  measure_band (self->keyboard, GTK_ORIENTATION_HORIZONTAL, -1, &keyboard_min, &nat);
  measure_band (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, &nat);
  plan->keyboard_width = MAX (keyboard_min, (int) (width * KEYBOARD_SHARE));
  plan->content_width = width - plan->keyboard_width;
  plan->can_beside = plan->content_width >= MAX (content_min, 1);

  /* Too narrow: what beside would need at the least wide it can be (see above). */
  measure_band (self->content, GTK_ORIENTATION_VERTICAL,
                plan->can_beside ? plan->content_width : content_min, &min, &nat);
  plan->beside_min = min;
  plan->beside_nat = nat;
  measure_band (self->keyboard, GTK_ORIENTATION_VERTICAL,
                plan->can_beside ? plan->keyboard_width : keyboard_min, &min, &nat);
  plan->beside_min = MAX (plan->beside_min, min);
  plan->beside_nat = MAX (plan->beside_nat, nat);
}

static void
loket_bands_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  LoketBands *self = LOKET_BANDS (widget);
  GtkWidget *bands[] = { self->header, self->content, self->footer, self->keyboard };
  Plan plan;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As wide as the widest band, stacked: beside needs more, and is only used where
       * the width allows it. The height does not change what the bands need in width. */
      *minimum = *natural = 0;
      for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
        {
          int min, nat;

          measure_band (bands[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat);
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      return;
    }

  if (for_size < 0)
    {
      int ignored;

      loket_bands_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &for_size, &ignored,
                           NULL, NULL);
    }

  /* The footer as it is at its natural width: its rows of buttons stack (and grow taller)
   * only on a screen narrower than that, where allocation measures it again at the real
   * width and the content gives up the height. Measured at the window's least width, it
   * would make every landscape window in large text taller than its screen. */
  {
    int footer_min_w, footer_nat_w;

    measure_band (self->footer, GTK_ORIENTATION_HORIZONTAL, -1, &footer_min_w, &footer_nat_w);
    make_plan (self, for_size, MAX (for_size, footer_nat_w), &plan);
  }
  *minimum = plan.header_min + plan.footer_min + MIN (plan.stacked_min, plan.beside_min);
  *natural = plan.header_nat + plan.footer_nat +
             (plan.can_beside ? MIN (plan.stacked_nat, plan.beside_nat) : plan.stacked_nat);
  *natural = MAX (*natural, *minimum);
}

static GtkSizeRequestMode
loket_bands_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
allocate_band (GtkWidget *band,
               int        x,
               int        y,
               int        width,
               int        height)
{
  if (shown (band))
    gtk_widget_size_allocate (band, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
loket_bands_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  LoketBands *self = LOKET_BANDS (widget);
  int header, footer, middle, least;
  gboolean stacked_fits, beside_fits;
  Plan plan;

  make_plan (self, width, width, &plan);

  /* Header and footer get what they ask for; only when the middle band would get less
   * than its minimum do they give up the rest of their natural height. */
  least = MIN (plan.stacked_min, plan.beside_min);
  header = plan.header_nat;
  footer = plan.footer_nat;
  if (header + footer + least > height)
    {
      header = plan.header_min;
      footer = plan.footer_min;
    }
  middle = MAX (0, height - header - footer);

  stacked_fits = middle >= plan.stacked_min;
  beside_fits = plan.can_beside && middle >= plan.beside_min;
  self->beside = beside_fits && (width > height || !stacked_fits);

  allocate_band (self->header, 0, 0, width, header);

  if (self->beside)
    {
      if (LOKET_IS_KEYBOARD (self->keyboard))
        loket_keyboard_set_edge (LOKET_KEYBOARD (self->keyboard), GTK_POS_LEFT);
      allocate_band (self->content, 0, header, plan.content_width, middle);
      allocate_band (self->keyboard, plan.content_width, header, plan.keyboard_width, middle);
      allocate_band (self->footer, 0, header + middle, width, footer);
    }
  else
    {
      /* The keyboard below the footer, as tall as it likes while the content keeps its
       * minimum; the content gives it up first when the height is short. */
      int keyboard = shown (self->keyboard)
                     ? MAX (plan.keyboard_min, MIN (plan.keyboard_nat, middle - plan.content_min))
                     : 0;
      int content = MAX (0, middle - keyboard);

      if (LOKET_IS_KEYBOARD (self->keyboard))
        loket_keyboard_set_edge (LOKET_KEYBOARD (self->keyboard), GTK_POS_TOP);
      allocate_band (self->content, 0, header, width, content);
      allocate_band (self->footer, 0, header + content, width, footer);
      allocate_band (self->keyboard, 0, header + content + footer, width, keyboard);
    }
}

/* The children in reading order, whatever order they were set in. */
static void
sort_children (LoketBands *self)
{
  GtkWidget *bands[] = { self->header, self->content, self->footer, self->keyboard };
  GtkWidget *previous = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    {
      if (bands[i] == NULL)
        continue;
      gtk_widget_insert_after (bands[i], GTK_WIDGET (self), previous);
      previous = bands[i];
    }
}

static void
set_band (LoketBands  *self,
          GtkWidget  **slot,
          GtkWidget   *band,
          guint        prop_id)
{
  g_return_if_fail (band == NULL || GTK_IS_WIDGET (band));
  g_return_if_fail (band == NULL || gtk_widget_get_parent (band) == NULL);

  if (*slot == band)
    return;

  if (*slot != NULL)
    gtk_widget_unparent (*slot);
  *slot = band;
  if (band != NULL)
    {
      gtk_widget_set_parent (band, GTK_WIDGET (self));
      sort_children (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
loket_bands_dispose (GObject *object)
{
  LoketBands *self = LOKET_BANDS (object);

  g_clear_pointer (&self->header, gtk_widget_unparent);
  g_clear_pointer (&self->content, gtk_widget_unparent);
  g_clear_pointer (&self->footer, gtk_widget_unparent);
  g_clear_pointer (&self->keyboard, gtk_widget_unparent);

  G_OBJECT_CLASS (loket_bands_parent_class)->dispose (object);
}

static void
loket_bands_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LoketBands *self = LOKET_BANDS (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      g_value_set_object (value, self->header);
      break;

    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;

    case PROP_FOOTER:
      g_value_set_object (value, self->footer);
      break;

    case PROP_KEYBOARD:
      g_value_set_object (value, self->keyboard);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_bands_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LoketBands *self = LOKET_BANDS (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      loket_bands_set_header (self, g_value_get_object (value));
      break;

    case PROP_CONTENT:
      loket_bands_set_content (self, g_value_get_object (value));
      break;

    case PROP_FOOTER:
      loket_bands_set_footer (self, g_value_get_object (value));
      break;

    case PROP_KEYBOARD:
      loket_bands_set_keyboard (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_bands_class_init (LoketBandsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_bands_dispose;
  object_class->get_property = loket_bands_get_property;
  object_class->set_property = loket_bands_set_property;
  widget_class->measure = loket_bands_measure;
  widget_class->size_allocate = loket_bands_size_allocate;
  widget_class->get_request_mode = loket_bands_get_request_mode;

  properties[PROP_HEADER] =
    g_param_spec_object ("header", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOOTER] =
    g_param_spec_object ("footer", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYBOARD] =
    g_param_spec_object ("keyboard", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "loketbands");
}

static void
loket_bands_init (LoketBands *self)
{
}

GtkWidget *
loket_bands_new (void)
{
  return g_object_new (LOKET_TYPE_BANDS, NULL);
}

void
loket_bands_set_header (LoketBands *self,
                        GtkWidget  *header)
{
  g_return_if_fail (LOKET_IS_BANDS (self));
  set_band (self, &self->header, header, PROP_HEADER);
}

GtkWidget *
loket_bands_get_header (LoketBands *self)
{
  g_return_val_if_fail (LOKET_IS_BANDS (self), NULL);
  return self->header;
}

void
loket_bands_set_content (LoketBands *self,
                         GtkWidget  *content)
{
  g_return_if_fail (LOKET_IS_BANDS (self));
  set_band (self, &self->content, content, PROP_CONTENT);
}

GtkWidget *
loket_bands_get_content (LoketBands *self)
{
  g_return_val_if_fail (LOKET_IS_BANDS (self), NULL);
  return self->content;
}

void
loket_bands_set_footer (LoketBands *self,
                        GtkWidget  *footer)
{
  g_return_if_fail (LOKET_IS_BANDS (self));
  set_band (self, &self->footer, footer, PROP_FOOTER);
}

GtkWidget *
loket_bands_get_footer (LoketBands *self)
{
  g_return_val_if_fail (LOKET_IS_BANDS (self), NULL);
  return self->footer;
}

/**
 * loket_bands_set_keyboard:
 * @self: the bands
 * @keyboard: (nullable): the on-screen keyboard; its visibility says whether it is up
 */
void
loket_bands_set_keyboard (LoketBands *self,
                          GtkWidget  *keyboard)
{
  g_return_if_fail (LOKET_IS_BANDS (self));
  set_band (self, &self->keyboard, keyboard, PROP_KEYBOARD);
}

GtkWidget *
loket_bands_get_keyboard (LoketBands *self)
{
  g_return_val_if_fail (LOKET_IS_BANDS (self), NULL);
  return self->keyboard;
}

/**
 * loket_bands_get_keyboard_beside:
 * @self: the bands
 *
 * Returns: whether the last layout put the keyboard to the right of the content (rather
 *   than below the footer); FALSE while the keyboard is hidden
 */
gboolean
loket_bands_get_keyboard_beside (LoketBands *self)
{
  g_return_val_if_fail (LOKET_IS_BANDS (self), FALSE);
  return self->beside && shown (self->keyboard);
}
