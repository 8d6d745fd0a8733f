/* test-window.c — the kiosk window opens from its template, in both modes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "core/loket-i18n.h"
#include "loket-application.h"
#include "loket-window.h"
#include "ui-test-util.h"

static UiTestEnv *env;

/* A window on a session of its own; no simulator is needed to open it. */
static LoketWindow *
window_new (gboolean kiosk)
{
  g_clear_pointer (&env, ui_test_env_free);
  env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  return loket_window_new_with_session (NULL, env->session, kiosk);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* Let the first layout happen, so allocations are real. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_button_by_label (GtkWidget  *root,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;

      found = find_button_by_label (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_template (void)
{
  LoketWindow *window = window_new (FALSE);
  GtkWidget *start;
  graphene_rect_t bounds;

  g_assert_true (LOKET_IS_WINDOW (window));
  g_assert_false (loket_window_is_kiosk (window));
  g_assert_true (gtk_window_get_decorated (GTK_WINDOW (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Loket");

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  /* The template's main action is there, and big enough for a thumb. */
  start = find_button_by_label (GTK_WIDGET (window), "Start");
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_compute_bounds (start, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.size.height, >=, 64);
  g_assert_true (gtk_widget_has_css_class (start, "loket-primary"));

  /* Outside kiosk mode, the window can be closed: it goes away. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  for (int i = 0; i < 20 && window != NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window);
}

static void
test_window_kiosk (void)
{
  LoketWindow *window = window_new (TRUE);
  GdkCursor *cursor;

  g_assert_true (loket_window_is_kiosk (window));
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (window)));
  g_assert_false (gtk_window_get_deletable (GTK_WINDOW (window)));

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* The pointer is hidden. */
  cursor = gtk_widget_get_cursor (GTK_WIDGET (window));
  g_assert_nonnull (cursor);
  g_assert_cmpstr (gdk_cursor_get_name (cursor), ==, "none");

  /* A close request is refused: the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_translated (void)
{
  LoketWindow *window;
  GtkWidget *start;

  window = window_new (FALSE);
  loket_session_set_language (env->session, "id");
  start = find_button_by_label (GTK_WIDGET (window), "Mulai");
  g_assert_nonnull (start);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&env, ui_test_env_free);
}

int
main (int    argc,
      char **argv)
{
  loket_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  loket_ui_init_styles ();

  g_test_add_func ("/window/template", test_window_template);
  g_test_add_func ("/window/kiosk", test_window_kiosk);
  g_test_add_func ("/window/translated", test_window_translated);

  {
    int status = g_test_run ();

    g_clear_pointer (&env, ui_test_env_free);
    return status;
  }
}
