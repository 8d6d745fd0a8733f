/* test-button-row.c — a row of buttons side by side while they fit, stacked when not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LoketButtonRow in a window of a given width: where its buttons go, how wide it asks to
 * be (never wider than its widest button, so a page does not grow for it), that no width
 * needs more height than it reports for none (GTK's "Expect overlapping widgets", fatal in
 * widget tests), and that Tab walks the buttons in the order they are seen.
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "loket-button-row.h"
#include "ui-test-util.h"

typedef struct {
  GtkWindow *window;
  GtkWidget *row;
  GtkWidget *buttons[3];
  guint      n_buttons;
} Fixture;

static void
fixture_open (Fixture            *f,
              int                 width,
              gboolean            homogeneous,
              const char * const *labels)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  memset (f, 0, sizeof *f);
  f->window = GTK_WINDOW (gtk_window_new ());
  f->row = loket_button_row_new ();
  loket_button_row_set_spacing (LOKET_BUTTON_ROW (f->row), 16);
  loket_button_row_set_homogeneous (LOKET_BUTTON_ROW (f->row), homogeneous);
  for (; labels[f->n_buttons] != NULL; f->n_buttons++)
    {
      f->buttons[f->n_buttons] = gtk_button_new_with_label (labels[f->n_buttons]);
      loket_button_row_append (LOKET_BUTTON_ROW (f->row), f->buttons[f->n_buttons]);
    }
  /* The row's column is as wide as the window, as a page's content is. */
  gtk_box_append (GTK_BOX (column), f->row);
  gtk_window_set_child (f->window, column);
  gtk_window_set_default_size (f->window, width, 400);
  gtk_window_present (f->window);

  while (!gtk_widget_get_mapped (f->buttons[0]) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (f->buttons[0]));
  /* Allocated at the window's width, as the tests measure it. */
  ui_test_wait_frame (GTK_WIDGET (f->window));
}

static void
fixture_close (Fixture *f)
{
  GtkWindow *window = f->window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  UI_TEST_WAIT_UNTIL (window == NULL, 5000);
}

static graphene_rect_t
bounds_in_row (Fixture *f,
               guint    i)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (f->buttons[i], f->row, &bounds));
  return bounds;
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* Tab from before the row reaches its buttons in the order given. */
static void
assert_tab_order (Fixture *f)
{
  gtk_window_set_focus (f->window, NULL);
  for (guint i = 0; i < f->n_buttons; i++)
    {
      g_assert_true (gtk_widget_child_focus (f->row, GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_window_get_focus (f->window) == f->buttons[i]);
    }
  g_assert_false (gtk_widget_child_focus (f->row, GTK_DIR_TAB_FORWARD));
}

static void
test_side_by_side (void)
{
  const char *labels[] = { "Yes, I agree", "Do not send", NULL };
  Fixture f;

  fixture_open (&f, 800, FALSE, labels);

  g_assert_false (loket_button_row_get_stacked (LOKET_BUTTON_ROW (f.row)));
  {
    graphene_rect_t a = bounds_in_row (&f, 0), b = bounds_in_row (&f, 1);

    g_assert_cmpfloat (a.origin.y, ==, b.origin.y);
    g_assert_cmpfloat (a.size.height, ==, b.size.height);
    g_assert_cmpfloat (a.origin.x + a.size.width + 16, <=, b.origin.x + 0.5);
    /* Each at its natural width: no button is stretched or squeezed. */
    g_assert_cmpint ((int) a.size.width, ==, natural_width (f.buttons[0]));
    g_assert_cmpint ((int) b.size.width, ==, natural_width (f.buttons[1]));
  }
  assert_tab_order (&f);

  fixture_close (&f);
}

static void
test_homogeneous (void)
{
  const char *labels[] = { "qps", "Bahasa Indonesia", "English", NULL };
  Fixture f;

  fixture_open (&f, 1000, TRUE, labels);

  g_assert_false (loket_button_row_get_stacked (LOKET_BUTTON_ROW (f.row)));
  for (guint i = 1; i < f.n_buttons; i++)
    {
      graphene_rect_t first = bounds_in_row (&f, 0), other = bounds_in_row (&f, i);

      /* Equal, but for the pixel a width that does not divide leaves over. */
      g_assert_cmpfloat (ABS (other.size.width - first.size.width), <=, 1);
      g_assert_cmpfloat (other.origin.y, ==, first.origin.y);
    }
  g_assert_cmpfloat (bounds_in_row (&f, 0).size.width, >=, natural_width (f.buttons[1]));

  fixture_close (&f);
}

/* Too narrow for both: one below the other, each the row's width, and the window keeps
 * its width. */
static void
test_stacked (void)
{
  const char *labels[] = { "[Ì ħåṽé ŕéåđ ŧħîš ·····]", "[Đö ñöŧ šéñđ ŧö [Đûķçåþîļ ···] ····]", NULL };
  Fixture f;
  int minimum, natural, widest = 0;

  fixture_open (&f, 420, FALSE, labels);
  for (guint i = 0; i < f.n_buttons; i++)
    widest = MAX (widest, natural_width (f.buttons[i]));
  /* The case is real: side by side they would not fit, one by one they do. */
  g_assert_cmpint (natural_width (f.buttons[0]) + 16 + natural_width (f.buttons[1]), >, 420);
  g_assert_cmpint (widest, <=, 420);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f.window)), ==, 420);
  g_assert_true (loket_button_row_get_stacked (LOKET_BUTTON_ROW (f.row)));
  {
    graphene_rect_t a = bounds_in_row (&f, 0), b = bounds_in_row (&f, 1);
    int row_width = gtk_widget_get_width (f.row);

    g_assert_cmpfloat (a.origin.x, ==, 0);
    g_assert_cmpfloat (b.origin.x, ==, 0);
    g_assert_cmpint ((int) a.size.width, ==, row_width);
    g_assert_cmpint ((int) b.size.width, ==, row_width);
    g_assert_cmpfloat (a.origin.y + a.size.height + 16, <=, b.origin.y + 0.5);
    g_assert_cmpint (gtk_widget_get_height (f.row), >=, (int) (b.origin.y + b.size.height));
  }

  /* It asks for no more width than its widest button, and for the whole row at best. */
  gtk_widget_measure (f.row, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, widest);
  g_assert_cmpint (natural, ==, natural_width (f.buttons[0]) + 16 + natural_width (f.buttons[1]));

  assert_tab_order (&f);
  fixture_close (&f);
}

/* The height for no given width is the most any width needs (the stacked one), so a box
 * around the row never finds a width that needs more. */
static void
test_heights (void)
{
  const char *labels[] = { "Yes, I agree", "Do not send to BPJS Kesehatan", NULL };
  Fixture f;
  int unknown, wide, narrow, side, stacked;

  fixture_open (&f, 800, FALSE, labels);

  gtk_widget_measure (f.row, GTK_ORIENTATION_VERTICAL, -1, &unknown, NULL, NULL, NULL);
  gtk_widget_measure (f.row, GTK_ORIENTATION_VERTICAL, 1048576, &wide, NULL, NULL, NULL);
  gtk_widget_measure (f.row, GTK_ORIENTATION_HORIZONTAL, -1, &narrow, NULL, NULL, NULL);
  gtk_widget_measure (f.row, GTK_ORIENTATION_VERTICAL, narrow, &stacked, NULL, NULL, NULL);
  gtk_widget_measure (f.row, GTK_ORIENTATION_VERTICAL, 800, &side, NULL, NULL, NULL);

  g_assert_cmpint (unknown, >=, wide);
  g_assert_cmpint (unknown, >=, stacked);
  g_assert_cmpint (stacked, >, side);
  g_assert_cmpint (wide, ==, side);

  /* A hidden button takes no place: one button left is never "stacked". */
  gtk_widget_set_visible (f.buttons[1], FALSE);
  ui_test_wait_frame (GTK_WIDGET (f.window));
  g_assert_false (loket_button_row_get_stacked (LOKET_BUTTON_ROW (f.row)));
  g_assert_cmpint (gtk_widget_get_height (f.row), ==, (int) bounds_in_row (&f, 0).size.height);

  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/button-row/side-by-side", test_side_by_side);
  g_test_add_func ("/button-row/homogeneous", test_homogeneous);
  g_test_add_func ("/button-row/stacked", test_stacked);
  g_test_add_func ("/button-row/heights", test_heights);

  return g_test_run ();
}
