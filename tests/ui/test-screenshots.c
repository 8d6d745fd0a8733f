/* test-screenshots.c — every page of the shell, in both languages, portrait and landscape
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves PNGs into $LOKET_TEST_OUTPUT/ for people to look at, and checks on each that no
 * label is cut or runs off the window, and that the main action is big enough for a thumb.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-choose-page.h"
#include "loket-track-page.h"
#include "ui-test-util.h"

typedef struct {
  const char *name;
  int         width;
  int         height;
} Size;

static const Size sizes[] = {
  { "portrait", 1080, 1920 },
  { "landscape", 1920, 1080 },
};

static void
check_and_save (LoketWindow *window,
                const char  *page,
                const char  *language,
                const Size  *size)
{
  g_autofree char *name = g_strdup_printf ("shell-%s-%s-%s", page, language, size->name);
  g_autofree char *path = NULL;
  g_autofree char *overflow = NULL;
  GtkWidget *next = ui_test_find_action (GTK_WIDGET (window), "flow.next");

  ui_test_pump (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, size->width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, size->height);

  overflow = ui_test_find_overflow (GTK_WIDGET (window));
  if (overflow != NULL)
    g_error ("%s: labels cut or off the window:\n%s", name, overflow);

  if (gtk_widget_get_visible (next))
    g_assert_cmpint (gtk_widget_get_height (next), >=, 64);

  path = ui_test_screenshot (GTK_WIDGET (window), name);
  g_test_message ("saved %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
shoot_all (gconstpointer data)
{
  const Size *size = data;
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *languages[] = { "id", "en" };
  LoketWindow *window = ui_test_window_new (env, size->width, size->height);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      const char *language = languages[l];
      LoketTrackPage *track;

      ui_test_activate (window, "flow.restart", NULL);
      ui_test_activate (window, "flow.language", "s", language);
      ui_test_wait_for_page (window, "welcome");
      check_and_save (window, "welcome", language, size);

      ui_test_activate (window, "flow.next", NULL);
      ui_test_wait_for_page (window, "choose");
      check_and_save (window, "choose", language, size);

      g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                         "birth"), "clicked");
      check_and_save (window, "choose-birth", language, size);

      loket_choose_page_show_services (LOKET_CHOOSE_PAGE (loket_window_get_page (window)), TRUE);
      {
        GtkWidget *check = loket_choose_page_get_service_check (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                                "kia");
        GtkWidget *scroller = gtk_widget_get_ancestor (check, GTK_TYPE_SCROLLED_WINDOW);

        ui_test_pump (100);
        loket_scroll_to_widget (GTK_SCROLLED_WINDOW (scroller), check);
      }
      check_and_save (window, "choose-services", language, size);

      /* The idle warning over the page. */
      loket_window_set_idle_timeouts_ms (window, 10, 30000);
      ui_test_pump (300);
      g_assert_true (loket_idle_is_warning (loket_window_get_idle (window)));
      check_and_save (window, "idle-warning", language, size);
      loket_idle_poke (loket_window_get_idle (window));
      loket_window_set_idle_timeouts_ms (window, 600000, 30000);

      ui_test_activate (window, "flow.goto", "s", "track");
      ui_test_wait_for_page (window, "track");
      track = LOKET_TRACK_PAGE (loket_window_get_page (window));
      check_and_save (window, "track", language, size);

      /* With the keyboard up, the field stays in view above it. */
      gtk_widget_grab_focus (loket_track_page_get_entry (track));
      ui_test_pump (500);
      check_and_save (window, "track-keyboard", language, size);

      gtk_editable_set_text (GTK_EDITABLE (loket_track_page_get_entry (track)), "7K3M-9QXA-2RTB-4");
      ui_test_activate (window, "flow.next", NULL);
      ui_test_pump (200);
      g_assert_nonnull (loket_track_page_get_problem (track));
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      check_and_save (window, "track-mistyped", language, size);
    }

  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/screenshots/%s", sizes[i].name);

      g_test_add_data_func (path, &sizes[i], shoot_all);
    }

  return g_test_run ();
}
