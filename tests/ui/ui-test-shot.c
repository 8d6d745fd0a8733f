/* ui-test-shot.c — a screenshot that fails when the screen does not fit its window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks of the citizen screenshots (test-screenshots.c: the window kept its size, no
 * label cut or off the window, the main action big enough for a thumb), and the same for
 * every control: no button or check button given less than it needs, none past the
 * window's edge (below it only inside a scrolled window, which scrolls to it).
 */
#include "config.h"

#include "loket-theme.h"
#include "ui-test-util.h"

/* Whether a scrolled window lies between widget and root: what it holds may lie below the
 * window's bottom edge and be scrolled to. */
static gboolean
in_scroller (GtkWidget *widget,
             GtkWidget *root)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && w != root;
       w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      return TRUE;
  return FALSE;
}

char *
ui_test_find_cut_controls (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);
  g_autoptr(GString) out = g_string_new (NULL);
  int width = gtk_widget_get_width (root);
  int height = gtk_widget_get_height (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);
      graphene_rect_t b;
      int min_width, min_height;

      if (!(GTK_IS_BUTTON (w) || GTK_IS_CHECK_BUTTON (w)) || !gtk_widget_get_mapped (w) ||
          !gtk_widget_compute_bounds (w, root, &b))
        continue;
      /* measure () counts the margins, the bounds do not. */
      gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      min_width -= gtk_widget_get_margin_start (w) + gtk_widget_get_margin_end (w);
      gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, (int) b.size.width, &min_height, NULL,
                          NULL, NULL);
      min_height -= gtk_widget_get_margin_top (w) + gtk_widget_get_margin_bottom (w);
      if (b.origin.x < -0.5 || b.origin.x + b.size.width > width + 0.5 ||
          (!in_scroller (w, root) && (b.origin.y < -0.5 ||
                                      b.origin.y + b.size.height > height + 0.5)) ||
          b.size.width + 0.5 < min_width || b.size.height + 0.5 < min_height)
        g_string_append_printf (out,
                                "%s \"%s\" (%.0f,%.0f %.0f×%.0f, needs %d×%d, window %d×%d)\n",
                                G_OBJECT_TYPE_NAME (w),
                                GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) != NULL
                                ? gtk_button_get_label (GTK_BUTTON (w)) : "",
                                b.origin.x, b.origin.y, b.size.width, b.size.height,
                                min_width, min_height, width, height);
    }

  return out->len > 0 ? g_strdup (out->str) : NULL;
}

void
ui_test_check_shot (LoketWindow *window,
                    int          width,
                    int          height,
                    const char  *name)
{
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *next = ui_test_find_action (root, "flow.next");
  g_autofree char *labels = NULL;
  g_autofree char *controls = NULL;
  g_autofree char *path = NULL;

  /* What the last step changed is laid out before it is measured. */
  ui_test_wait_frame (root);
  /* A page wider than the screen would have made the window grow. */
  g_assert_cmpint (gtk_widget_get_width (root), ==, width);
  g_assert_cmpint (gtk_widget_get_height (root), ==, height);

  labels = ui_test_find_overflow (root);
  if (labels != NULL)
    g_error ("%s: labels cut or off the window:\n%s", name, labels);
  controls = ui_test_find_cut_controls (root);
  if (controls != NULL)
    g_error ("%s: controls cut, squeezed or off the window:\n%s", name, controls);
  if (next != NULL && gtk_widget_get_mapped (next))
    g_assert_cmpint (gtk_widget_get_height (next), >=, 64);

  path = ui_test_screenshot (root, name);
  g_test_message ("saved %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* The Larger text (or High contrast) toggle on screen: Welcome's own, or the one every other
 * page shows (below the footer's actions on a portrait screen, in the header on a landscape
 * one), in either language. */
static GtkWidget *
find_vision_toggle (LoketWindow *window,
                    const char  *english,
                    const char  *indonesian)
{
  g_autoptr(GPtrArray) all = ui_test_collect (GTK_WIDGET (window));

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);
      const char *label = GTK_IS_TOGGLE_BUTTON (w) ? gtk_button_get_label (GTK_BUTTON (w)) : NULL;

      if (label != NULL && gtk_widget_is_drawable (w) &&
          (g_str_equal (label, english) || g_str_equal (label, indonesian)))
        return w;
    }
  return NULL;
}

typedef struct {
  GtkWidget *toggle;
  int        height;
} Restyle;

/* A change of style sheets shows in the toggle's own height (larger text, thicker frame). */
static gboolean
restyled (gpointer data)
{
  Restyle *restyle = data;

  return gtk_widget_get_height (restyle->toggle) != restyle->height;
}

void
ui_test_set_look (LoketWindow *window,
                  gboolean     large_high_contrast)
{
  GtkWidget *large = find_vision_toggle (window, "Larger text", "Teks lebih besar");
  GtkWidget *contrast = find_vision_toggle (window, "High contrast", "Kontras tinggi");
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Restyle restyle = { large, large != NULL ? gtk_widget_get_height (large) : 0 };
  gboolean change;

  g_assert_nonnull (large);
  g_assert_nonnull (contrast);
  change = loket_theme_get_large_text (display) != large_high_contrast;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (large), large_high_contrast);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (contrast), large_high_contrast);
  g_assert_cmpint (loket_theme_get_large_text (display), ==, large_high_contrast);
  g_assert_cmpint (loket_theme_get_high_contrast (display), ==, large_high_contrast);
  /* A change of style sheets is laid out in a later frame (slow under a sanitizer). */
  if (change)
    g_assert_true (ui_test_wait_until (restyled, &restyle, 5000));
  ui_test_wait_frame (GTK_WIDGET (window));
}
