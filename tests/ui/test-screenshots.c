/* test-screenshots.c — every page of the shell, in both languages, portrait and landscape,
 * in the default look and in large text with high contrast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves PNGs into $LOKET_TEST_OUTPUT/ for people to look at, and checks on each that the
 * window kept the screen's size, that no label or control is cut, squeezed or runs off the
 * window, that the main action is big enough for a thumb (ui_test_check_shot) and that
 * Welcome fits its screen. With the keyboard up it is beside the content on
 * a landscape screen and below the footer on a portrait one.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-bands.h"
#include "loket-choose-page.h"
#include "loket-form-page.h"
#include "loket-track-page.h"
#include "pages-test.h"
#include "ui-test-util.h"

typedef struct {
  const char *name;
  int         width;
  int         height;
  gboolean    large_high_contrast;
} Size;

static const Size sizes[] = {
  { "portrait", 1080, 1920, FALSE },
  { "landscape", 1920, 1080, FALSE },
  { "portrait-large-high-contrast", 1080, 1920, TRUE },
  { "landscape-large-high-contrast", 1920, 1080, TRUE },
};

/* Welcome is meant to fit one screen (no scrolling there): its foot (Track, the aids) was
 * cut off on a landscape Welcome in large text once. NULL when all is well. */
static char *
welcome_cut (LoketWindow *window)
{
  LoketPage *page = loket_window_get_page (window);
  GtkWidget *scroller;
  GtkAdjustment *adj;

  if (page == NULL || !g_str_equal (loket_window_get_page_name (window), "welcome"))
    return NULL;
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (gtk_adjustment_get_upper (adj) <= gtk_adjustment_get_page_size (adj) + 0.5)
    return NULL;
  return g_strdup_printf ("Welcome is %.0f px high, its screen %.0f: the foot of it (Track, "
                          "the aids) is cut off", gtk_adjustment_get_upper (adj),
                          gtk_adjustment_get_page_size (adj));
}

/* The shot fails on a label or control cut, squeezed or off the window (ui_test_check_shot),
 * and on a Welcome that needs scrolling. */
static void
check_and_save (LoketWindow *window,
                const char  *page,
                const char  *language,
                const Size  *size)
{
  g_autofree char *name = g_strdup_printf ("shell-%s-%s-%s", page, language, size->name);
  g_autofree char *cut = NULL;

  ui_test_wait_frame (GTK_WIDGET (window));
  cut = welcome_cut (window);
  if (cut != NULL)
    g_error ("%s: %s", name, cut);
  ui_test_check_shot (window, size->width, size->height, name);
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
      ui_test_set_look (window, size->large_high_contrast);
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

        /* The list of services is allocated before it is scrolled to. */
        UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (check), 5000);
        ui_test_wait_frame (GTK_WIDGET (window));
        loket_scroll_to_widget (GTK_SCROLLED_WINDOW (scroller), check);
      }
      check_and_save (window, "choose-services", language, size);

      /* The idle warning over the page. */
      loket_window_set_idle_timeouts_ms (window, 10, 30000);
      UI_TEST_WAIT_UNTIL (loket_idle_is_warning (loket_window_get_idle (window)), 5000);
      check_and_save (window, "idle-warning", language, size);
      loket_idle_poke (loket_window_get_idle (window));
      loket_window_set_idle_timeouts_ms (window, 600000, 30000);

      ui_test_activate (window, "flow.goto", "s", "track");
      ui_test_wait_for_page (window, "track");
      track = LOKET_TRACK_PAGE (loket_window_get_page (window));
      check_and_save (window, "track", language, size);

      /* With the keyboard up, the field stays in view next to it. */
      gtk_widget_grab_focus (loket_track_page_get_entry (track));
      UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (loket_window_get_keyboard (window)) ==
                          GTK_EDITABLE (loket_track_page_get_entry (track)) &&
                          gtk_widget_get_mapped (GTK_WIDGET (loket_window_get_keyboard (window))),
                          5000);
      g_assert_cmpint (loket_bands_get_keyboard_beside (LOKET_BANDS (ui_test_find_by_type (GTK_WIDGET (window),
                                                                                            LOKET_TYPE_BANDS))),
                       ==, size->width > size->height);
      check_and_save (window, "track-keyboard", language, size);

      gtk_editable_set_text (GTK_EDITABLE (loket_track_page_get_entry (track)), "7K3M-9QXA-2RTB-4");
      ui_test_activate (window, "flow.next", NULL);
      UI_TEST_WAIT_UNTIL (loket_track_page_get_problem (track) != NULL, 5000);
      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      check_and_save (window, "track-mistyped", language, size);
    }

  /* Back to Welcome, where the two toggles are, to leave the display's look plain. */
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  ui_test_set_look (window, FALSE);
  ui_test_window_destroy (window);
}

static gboolean
lookup_done (gpointer data)
{
  return !loket_track_page_is_busy (data);
}

static void
show (LoketWindow *window,
      const char  *name)
{
  ui_test_activate (window, "flow.goto", "s", name);
  ui_test_wait_for_page (window, name);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  loket_keyboard_set_target (loket_window_get_keyboard (window), NULL);
}

/* The pages of a request, in each look: a form page with its family-member editor, the
 * review, the consent, the receipt with each part's way, and a tracking result. */
static void
shoot_request (gconstpointer data)
{
  const Size *size = data;
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  LoketWindow *window;
  LoketTrackPage *track;

  loket_session_set_language (env->session, "en");
  pages_fill_request (loket_session_get_request (env->session), "moving", FALSE);
  window = ui_test_window_new (env, size->width, size->height);
  ui_test_wait_for_page (window, "welcome");
  ui_test_set_look (window, size->large_high_contrast);

  show (window, "form:move");
  {
    GtkWidget *editor = loket_form_page_get_field (LOKET_FORM_PAGE (loket_window_get_page (window)),
                                                   "move.members");

    g_assert_nonnull (editor);
    UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (editor), 5000);
    ui_test_wait_frame (GTK_WIDGET (window));
    loket_scroll_to_widget (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (editor,
                                                                          GTK_TYPE_SCROLLED_WINDOW)),
                            editor);
  }
  check_and_save (window, "family-members", "en", size);
  show (window, "review");
  check_and_save (window, "review", "en", size);
  show (window, "consent");
  check_and_save (window, "consent", "en", size);

  pages_fill_request (loket_session_get_request (env->session), "moving", TRUE);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);
  show (window, "receipt");
  check_and_save (window, "receipt", "en", size);

  /* A tracking result: each part on its way, from the kiosk's own outbox. */
  show (window, "track");
  track = LOKET_TRACK_PAGE (loket_window_get_page (window));
  gtk_editable_set_text (GTK_EDITABLE (loket_track_page_get_entry (track)), code);
  ui_test_activate (window, "flow.next", NULL);
  g_assert_true (ui_test_wait_until (lookup_done, track, 20000));
  ui_test_drain ();
  g_assert_null (loket_track_page_get_problem (track));
  g_assert_nonnull (loket_track_page_get_parts (track));
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  loket_keyboard_set_target (loket_window_get_keyboard (window), NULL);
  check_and_save (window, "track-result", "en", size);

  /* Back to Welcome, where the two toggles are, to leave the display's look plain. */
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  ui_test_set_look (window, FALSE);
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
      g_autofree char *request = g_strdup_printf ("/screenshots/request/%s", sizes[i].name);

      g_test_add_data_func (path, &sizes[i], shoot_all);
      g_test_add_data_func (request, &sizes[i], shoot_request);
    }

  return g_test_run ();
}
