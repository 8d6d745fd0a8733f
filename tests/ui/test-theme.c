/* test-theme.c — large text and high contrast switched at run time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-application.h"
#include "loket-theme.h"
#include "ui-test-util.h"

typedef struct {
  GtkWindow *window;
  GtkWidget *body;
  GtkWidget *title;
  GtkWidget *primary;
  GtkWidget *states[3];
} Sample;

/* A page as the flow builds them: a title, body text, states, and the main action. */
static void
sample_init (Sample *s)
{
  const char *state_classes[] = { "state-ok", "state-waiting", "state-error" };
  const char *state_words[] = { "✔ Delivered", "… Waiting", "✖ Rejected" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  s->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (s->window), "loket");
  gtk_window_set_default_size (s->window, 1080, 1200);

  gtk_widget_add_css_class (box, "loket-page");
  s->title = gtk_label_new ("Your child's birth");
  gtk_widget_add_css_class (s->title, "loket-title");
  s->body = gtk_label_new ("Fill in the child's details as on the birth certificate.");
  s->primary = gtk_button_new_with_label ("Next");
  gtk_widget_add_css_class (s->primary, "suggested-action");
  gtk_widget_set_halign (s->primary, GTK_ALIGN_END);

  gtk_box_append (GTK_BOX (box), s->title);
  gtk_box_append (GTK_BOX (box), s->body);
  for (guint i = 0; i < G_N_ELEMENTS (s->states); i++)
    {
      s->states[i] = gtk_label_new (state_words[i]);
      gtk_widget_set_halign (s->states[i], GTK_ALIGN_START);
      gtk_widget_add_css_class (s->states[i], state_classes[i]);
      gtk_box_append (GTK_BOX (box), s->states[i]);
    }
  gtk_box_append (GTK_BOX (box), gtk_entry_new ());
  gtk_box_append (GTK_BOX (box), s->primary);
  gtk_window_set_child (s->window, box);

  gtk_window_present (s->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (s->window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (s->window)));
  ui_test_wait_frame (GTK_WIDGET (s->window));
}

static void
sample_clear (Sample *s)
{
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (s->window)), FALSE, FALSE);
  gtk_window_destroy (s->window);
}

static void
set_theme (Sample   *s,
           gboolean  large_text,
           gboolean  high_contrast)
{
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (s->window)), large_text, high_contrast);
  /* A change of style sheets is applied in the next frame. */
  ui_test_wait_frame (GTK_WIDGET (s->window));
}

/* The font size the widget's text is laid out with, in points. */
static double
font_points (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);

  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  /* GTK hands Pango the CSS size in pixels (at 96 dpi, 4 px for every 3 pt). */
  if (pango_font_description_get_size_is_absolute (font))
    size = size * 72 / 96;

  return size;
}

static double
height_of (GtkWidget *widget)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static void
assert_color (GtkWidget *widget,
              guint32    rgb)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_assert_cmpint ((int) (color.red * 255 + 0.5), ==, (rgb >> 16) & 0xff);
  g_assert_cmpint ((int) (color.green * 255 + 0.5), ==, (rgb >> 8) & 0xff);
  g_assert_cmpint ((int) (color.blue * 255 + 0.5), ==, rgb & 0xff);
  g_assert_cmpfloat (color.alpha, ==, 1.0);
}

/* Renders @widget's window as the screen shows it; optionally saves it for a person. */
static cairo_surface_t *
render (Sample     *s,
        const char *png)
{
  GtkWidget *widget = GTK_WIDGET (s->window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *dir = g_getenv ("LOKET_TEST_OUTPUT");

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  gsk_render_node_unref (node);

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, png, NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("screenshot: %s", path);
    }
  else
    {
      g_test_message ("LOKET_TEST_OUTPUT is not set: no screenshot %s", png);
    }

  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  unsigned char *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  return *(guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4) & 0xffffff;
}

/* A point inside @widget, @inset pixels from its left edge, in window coordinates. */
static void
point_in (Sample    *s,
          GtkWidget *widget,
          int        inset,
          int       *x,
          int       *y)
{
  graphene_rect_t b;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (s->window), &b));
  *x = (int) b.origin.x + inset;
  *y = (int) (b.origin.y + b.size.height / 2);
}

static void
test_theme_large_text (void)
{
  Sample s;
  double body, title, button_height, entry_font;

  sample_init (&s);
  g_assert_false (loket_theme_get_large_text (gtk_widget_get_display (s.body)));

  body = font_points (s.body);
  title = font_points (s.title);
  button_height = height_of (s.primary);
  g_assert_cmpfloat_with_epsilon (body, 18, 0.01);
  g_assert_cmpfloat (title, >, body);
  g_assert_cmpfloat (button_height, >=, 64);
  entry_font = font_points (gtk_widget_get_next_sibling (s.states[2]));
  g_assert_cmpfloat (entry_font, >=, 18);
  cairo_surface_destroy (render (&s, "theme-default.png"));

  set_theme (&s, TRUE, FALSE);
  g_assert_true (loket_theme_get_large_text (gtk_widget_get_display (s.body)));
  g_test_message ("body %.1f → %.1f pt, title %.1f → %.1f pt, button %.0f → %.0f px",
                  body, font_points (s.body), title, font_points (s.title),
                  button_height, height_of (s.primary));
  g_assert_cmpfloat_with_epsilon (font_points (s.body) / body, 1.4, 0.05);
  g_assert_cmpfloat_with_epsilon (font_points (s.title) / title, 1.4, 0.05);
  g_assert_cmpfloat_with_epsilon (height_of (s.primary) / button_height, 1.4, 0.1);
  g_assert_cmpfloat_with_epsilon (font_points (gtk_widget_get_next_sibling (s.states[2])) /
                                  entry_font, 1.4, 0.05);
  cairo_surface_destroy (render (&s, "theme-large-text.png"));

  /* Switched off, everything is as it was. */
  set_theme (&s, FALSE, FALSE);
  g_assert_cmpfloat (font_points (s.body), ==, body);
  g_assert_cmpfloat (font_points (s.title), ==, title);
  g_assert_cmpfloat (height_of (s.primary), ==, button_height);

  sample_clear (&s);
}

static void
test_theme_high_contrast (void)
{
  Sample s;
  cairo_surface_t *surface;
  int x, y;

  sample_init (&s);

  /* The default theme: dark text on a calm light background, a blue main action. */
  assert_color (s.body, 0x1f1f1f);
  assert_color (s.primary, 0xffffff);
  surface = render (&s, "theme-default-states.png");
  g_assert_cmphex (pixel_at (surface, 4, 4), ==, 0xf6f5f2);
  point_in (&s, s.primary, 8, &x, &y);
  g_assert_cmphex (pixel_at (surface, x, y), ==, 0x1a5fb4);
  cairo_surface_destroy (surface);

  /* High contrast: white on black, the main action yellow with black text. */
  set_theme (&s, FALSE, TRUE);
  g_assert_true (loket_theme_get_high_contrast (gtk_widget_get_display (s.body)));
  assert_color (s.body, 0xffffff);
  assert_color (s.title, 0xffffff);
  assert_color (s.primary, 0x000000);
  assert_color (s.states[0], 0xffffff);
  assert_color (s.states[2], 0xffff00);
  surface = render (&s, "theme-high-contrast.png");
  g_assert_cmphex (pixel_at (surface, 4, 4), ==, 0x000000);
  point_in (&s, s.primary, 8, &x, &y);
  g_assert_cmphex (pixel_at (surface, x, y), ==, 0xffff00);
  cairo_surface_destroy (surface);

  /* Both at once: the colours of one, the sizes of the other. */
  set_theme (&s, TRUE, TRUE);
  assert_color (s.body, 0xffffff);
  g_assert_cmpfloat_with_epsilon (font_points (s.body), 25, 0.01);
  cairo_surface_destroy (render (&s, "theme-large-high-contrast.png"));

  set_theme (&s, FALSE, FALSE);
  g_assert_false (loket_theme_get_high_contrast (gtk_widget_get_display (s.body)));
  assert_color (s.body, 0x1f1f1f);

  sample_clear (&s);
}

static void
test_theme_states_have_shapes (void)
{
  Sample s;
  int plain_width, widths[3];
  GtkWidget *plain;

  sample_init (&s);
  plain = gtk_label_new ("✔ Delivered");
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (s.body)), plain);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (plain), 5000);
  ui_test_wait_frame (GTK_WIDGET (s.window));

  /* Each state is framed, not only coloured: the frame adds to the width of the word,
   * and the three frames differ (see loket.css: pill, dashed, double). */
  gtk_widget_measure (plain, GTK_ORIENTATION_HORIZONTAL, -1, &plain_width, NULL, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    gtk_widget_measure (s.states[i], GTK_ORIENTATION_HORIZONTAL, -1, &widths[i],
                        NULL, NULL, NULL);
  g_assert_cmpint (widths[0], >=, plain_width + 2 * (16 + 3));

  gtk_label_set_label (GTK_LABEL (plain), "✖ Rejected");
  gtk_widget_measure (plain, GTK_ORIENTATION_HORIZONTAL, -1, &plain_width, NULL, NULL, NULL);
  g_assert_cmpint (widths[2], >=, plain_width + 2 * (16 + 6));

  sample_clear (&s);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  loket_ui_init_styles ();

  g_test_add_func ("/theme/large-text", test_theme_large_text);
  g_test_add_func ("/theme/high-contrast", test_theme_high_contrast);
  g_test_add_func ("/theme/states-have-shapes", test_theme_states_have_shapes);

  return g_test_run ();
}
