/* test-keyboard-window.c — the kiosk's window with the keyboard up, on a landscape and a
 * portrait screen, in every theme: the keyboard beside the content or below the footer,
 * the focused field and the Next button never under it, keys of at least 64 px
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field of two form steps is focused in turn. The widget tests run with GTK's
 * criticals fatal, so a size request the window's bands cannot keep (GTK's "Expect
 * overlapping widgets") fails them too.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "keyboard-test.h"
#include "loket-bands.h"
#include "loket-choose-page.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "loket-theme.h"
#include "ui-test-util.h"

typedef struct {
  const char *name;
  int         width;
  int         height;
} Size;

static const Size sizes[] = {
  { "landscape", 1920, 1080 },
  { "portrait", 1080, 1920 },
};

static const struct {
  const char *name;
  gboolean    large_text;
  gboolean    high_contrast;
} themes[] = {
  { "default", FALSE, FALSE },
  { "large-text", TRUE, FALSE },
  { "high-contrast", FALSE, TRUE },
  { "large-high-contrast", TRUE, TRUE },
};

static gboolean
overlap (const graphene_rect_t *a,
         const graphene_rect_t *b)
{
  return graphene_rect_intersection (a, b, NULL);
}

static graphene_rect_t
bounds_of (GtkWidget *widget)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (gtk_widget_get_root (widget)),
                                            &r));
  return r;
}

/* The entries of the form step on screen, in order. */
static GPtrArray *
form_entries (LoketWindow *window)
{
  LoketFormPage *page = LOKET_FORM_PAGE (loket_window_get_page (window));
  GPtrArray *rows = loket_form_page_get_fields (page);
  GPtrArray *entries = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *entry = LOKET_IS_FIELD_ROW (row)
                         ? loket_field_row_get_entry (LOKET_FIELD_ROW (row)) : NULL;

      if (entry != NULL && gtk_widget_get_mapped (entry))
        g_ptr_array_add (entries, entry);
    }

  return entries;
}

/* Waits until widget is in the same place two frames running: the keyboard has taken its
 * part of the screen and the scroller has brought the field into view. */
static void
wait_for_place (GtkWidget *window,
                GtkWidget *widget)
{
  graphene_rect_t before = bounds_of (widget);

  for (guint i = 0; i < 50; i++)
    {
      graphene_rect_t now;

      ui_test_wait_frame (window);
      now = bounds_of (widget);
      if (graphene_rect_equal (&now, &before))
        return;
      before = now;
    }
  g_error ("a field keeps moving after it took the focus");
}

static void
check_entry (LoketWindow *window,
             const Size  *size,
             GtkWidget   *entry,
             gboolean     beside,
             const char  *what)
{
  LoketKeyboard *kbd = loket_window_get_keyboard (window);
  LoketBands *bands = LOKET_BANDS (ui_test_find_by_type (GTK_WIDGET (window), LOKET_TYPE_BANDS));
  GtkWidget *scroller = gtk_widget_get_ancestor (entry, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *next = ui_test_find_action (GTK_WIDGET (window), "flow.next");
  GtkWidget *back = ui_test_find_action (GTK_WIDGET (window), "flow.back");
  graphene_rect_t w = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (window)),
                                          gtk_widget_get_height (GTK_WIDGET (window)));
  graphene_rect_t e, s, k, n, b, h, f;
  g_autoptr(GPtrArray) keys = NULL;

  gtk_widget_grab_focus (entry);
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (kbd) == GTK_EDITABLE (entry) &&
                      gtk_widget_get_mapped (GTK_WIDGET (kbd)), 5000);
  wait_for_place (GTK_WIDGET (window), entry);

  /* The window did not grow past the screen. */
  if (w.size.width != size->width || w.size.height != size->height)
    g_error ("%s: the window grew to %.0f×%.0f", what, w.size.width, w.size.height);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  if (loket_bands_get_keyboard_beside (bands) != beside)
    g_error ("%s: the keyboard is %s", what,
             beside ? "below the footer, not beside the content" : "beside the content");

  e = bounds_of (entry);
  s = bounds_of (scroller);
  k = bounds_of (GTK_WIDGET (kbd));
  n = bounds_of (next);
  b = bounds_of (back);
  h = bounds_of (loket_bands_get_header (bands));
  f = bounds_of (loket_bands_get_footer (bands));
  g_test_message ("%s: field %.0f,%.0f %.0f×%.0f, keyboard %.0f,%.0f %.0f×%.0f, next %.0f,%.0f",
                  what, e.origin.x, e.origin.y, e.size.width, e.size.height,
                  k.origin.x, k.origin.y, k.size.width, k.size.height, n.origin.x, n.origin.y);


  /* The focused field: whole in what its scroller shows, never under the keyboard. */
  if (!graphene_rect_contains_rect (&s, &e) || overlap (&e, &k))
    g_error ("%s: the focused field is hidden or under the keyboard", what);

  /* Back and Next: whole on the window, never under the keyboard. */
  g_assert_true (gtk_widget_get_visible (next));
  if (!graphene_rect_contains_rect (&w, &n) || overlap (&n, &k) ||
      !graphene_rect_contains_rect (&w, &b) || overlap (&b, &k))
    g_error ("%s: Back or Next is covered or off the window", what);
  g_assert_cmpfloat (n.size.height, >=, 64);

  /* The bands: header above, footer at the foot (landscape) or above the keyboard. */
  g_assert_false (overlap (&h, &k));
  g_assert_false (overlap (&f, &k));
  g_assert_true (graphene_rect_contains_rect (&w, &k));
  if (beside)
    {
      g_assert_cmpfloat (k.origin.x, >=, s.origin.x + s.size.width - 0.5);
      g_assert_cmpfloat_with_epsilon (f.origin.y + f.size.height, w.size.height, 0.5);
    }
  else
    {
      g_assert_cmpfloat (k.origin.y, >=, f.origin.y + f.size.height - 0.5);
    }

  keys = loket_keyboard_get_keys (kbd, loket_keyboard_get_kind (kbd));
  for (guint i = 0; i < keys->len; i++)
    {
      graphene_rect_t key = bounds_of (g_ptr_array_index (keys, i));

      if (key.size.height < 64 || key.size.width < 64 || !graphene_rect_contains_rect (&k, &key))
        g_error ("%s: key '%s' is %.0f×%.0f px", what,
                 gtk_button_get_label (GTK_BUTTON (g_ptr_array_index (keys, i))),
                 key.size.width, key.size.height);
    }
}

static void
check_step (LoketWindow *window,
            const char  *step,
            const Size  *size,
            const char  *theme)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *png = NULL;
  g_autofree char *path = NULL;
  gboolean beside = size->width > size->height;

  gtk_widget_activate_action (GTK_WIDGET (window), "flow.goto", "s", step);
  ui_test_wait_for_page (window, step);
  /* As the step shows: its first field takes the focus and the keyboard comes up. */
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (loket_window_get_keyboard (window)) != NULL &&
                      gtk_widget_get_mapped (GTK_WIDGET (loket_window_get_keyboard (window))),
                      5000);
  ui_test_wait_frame (GTK_WIDGET (window));
  entries = form_entries (window);
  g_assert_cmpuint (entries->len, >, 0);

  /* As the citizen first sees the step: its first field focused, the keyboard up. */
  png = g_strdup_printf ("keyboard-window-%s-%s-%s", g_strrstr (step, ":") + 1, size->name,
                         theme);
  path = ui_test_screenshot (GTK_WIDGET (window), png);
  g_test_message ("screenshot: %s", path);

  /* Last to first: the scroller has to bring each back into view. */
  for (guint i = entries->len; i > 0; i--)
    {
      g_autofree char *what = g_strdup_printf ("%s %s %s, field %u", size->name, theme, step,
                                               i - 1);

      check_entry (window, size, g_ptr_array_index (entries, i - 1), beside, what);
    }
}

static void
test_window (gconstpointer data)
{
  const Size *size = data;
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketWindow *window = ui_test_window_new (env, size->width, size->height);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     "birth"), "clicked");
  UI_TEST_WAIT_UNTIL (loket_page_get_complete (loket_window_get_page (window)), 5000);

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      loket_theme_set (display, themes[t].large_text, themes[t].high_contrast);
      check_step (window, "form:applicant", size, themes[t].name);
      check_step (window, "form:child", size, themes[t].name);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, size->width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, size->height);
    }

  loket_theme_set (display, FALSE, FALSE);
  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keyboard-window/%s", sizes[i].name);

      g_test_add_data_func (path, &sizes[i], test_window);
    }

  return g_test_run ();
}
