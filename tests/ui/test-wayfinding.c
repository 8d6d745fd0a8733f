/* test-wayfinding.c — where am I: the step counter, the task list, a form page's heading,
 * and the footer's larger-text and high-contrast toggles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stub form page (ui-test-util) stands in for the form, so these tests check the shell.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-choose-page.h"
#include "loket-flow.h"
#include "loket-task-band.h"
#include "loket-task-list.h"
#include "loket-theme.h"
#include "ui-test-util.h"

static LoketTaskList *
task_list (LoketWindow *window)
{
  return LOKET_TASK_LIST (loket_window_get_task_list (window));
}

/* Welcome, then choose, then the life event's tile. */
static void
choose_event (LoketWindow *window,
              const char  *event)
{
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     event), "clicked");
}

static gboolean
page_changed (gpointer data)
{
  LoketWindow *window = ((gpointer *) data)[0];
  const char *before = ((gpointer *) data)[1];

  return g_strcmp0 (loket_window_get_page_name (window), before) != 0;
}

static void
press_next (LoketWindow *window)
{
  g_autofree char *before = g_strdup (loket_window_get_page_name (window));
  gpointer data[] = { window, before };

  ui_test_activate (window, "flow.next", NULL);
  g_assert_true (ui_test_wait_until (page_changed, data, 10000));
}

/* Choosing a life event does not make the count jump ("1 of 3", then "1 of 9"): choose has
 * no step, and from "What you need" to the review page the total never grows, whatever the
 * answers show or hide on the way, and each Next moves on by at least one. */
static void
test_steps_never_jump_up (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketFlow *flow = loket_window_get_flow (window);
  const char *events[] = { "birth", "moving", "new-business", "death" };

  for (guint e = 0; e < G_N_ELEMENTS (events); e++)
    {
      LoketRequest *request;
      guint n = 0, m = 0, last_n = 0, last_m = G_MAXUINT;
      guint pages = 0;

      ui_test_activate (window, "flow.restart", NULL);
      ui_test_wait_for_page (window, "welcome");
      ui_test_activate (window, "flow.next", NULL);
      ui_test_wait_for_page (window, "choose");
      /* Before and after the choice: no count on choose. */
      g_assert_false (loket_flow_get_step (flow, "choose", NULL, NULL));
      g_assert_null (ui_test_find_label (GTK_WIDGET (window), "Step 1 of 3"));
      choose_event (window, events[e]);
      g_assert_false (loket_flow_get_step (flow, "choose", NULL, NULL));
      request = loket_session_get_request (env->session);

      press_next (window);
      g_assert_cmpstr (loket_window_get_page_name (window), ==, "documents");
      while (!g_str_equal (loket_window_get_page_name (window), "review"))
        {
          const char *name = loket_window_get_page_name (window);
          g_autofree char *label = NULL;

          g_assert_true (loket_flow_get_step (flow, name, &n, &m));
          g_test_message ("%s: %s is step %u of %u", events[e], name, n, m);
          g_assert_cmpuint (m, <=, last_m);
          g_assert_cmpuint (n, >, last_n);
          label = g_strdup_printf ("Step %u of %u", n, m);
          g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), label));
          last_n = n;
          last_m = m;

          /* Answers that show a section (the father, a business at home's address). */
          if (g_str_equal (name, "form:parents"))
            loket_request_set_text (request, "parents.marriage", "registered");
          if (g_str_equal (name, "form:business"))
            loket_request_set_text (request, "business.at_home", "true");
          g_assert_true (loket_flow_get_step (flow, name, NULL, &m));
          g_assert_cmpuint (m, <=, last_m);

          press_next (window);
          g_assert_cmpuint (++pages, <, 30);
        }

      /* Check, Agree and Send are the last three steps. */
      g_assert_true (loket_flow_get_step (flow, "review", &n, &m));
      g_assert_cmpuint (m, <=, last_m);
      g_assert_cmpuint (n, ==, m - 2);
      g_assert_true (loket_flow_get_step (flow, "receipt", &n, NULL));
      g_assert_cmpuint (n, ==, m);
    }

  ui_test_window_destroy (window);
}

/* The sections by name, a tick on those done; a done one is a button back to it, the
 * others are not targets at all. */
static void
test_task_list (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketFlow *flow = loket_window_get_flow (window);
  LoketTaskList *tasks = task_list (window);
  LoketRequest *request;
  g_autoptr(GPtrArray) steps = NULL;
  GtkWidget *item;
  GtkWidget *heading;
  g_autofree char *third = NULL;

  choose_event (window, "birth");
  request = loket_session_get_request (env->session);
  /* Not on choose: nothing of the request is known there. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (tasks)));

  press_next (window);
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "documents");
  ui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (tasks)));
  steps = loket_flow_dup_steps (flow);
  g_assert_cmpuint (loket_task_list_get_n_tasks (tasks), ==, steps->len);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (tasks), "About you"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (tasks), "The child"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (tasks), "Check"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (tasks), "Agree"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (tasks), "Send"));
  g_assert_cmpint (loket_task_list_get_state (tasks, "documents"), ==, LOKET_TASK_CURRENT);
  g_assert_cmpint (loket_task_list_get_state (tasks, "form:applicant"), ==, LOKET_TASK_TO_DO);
  /* The father is asked only once the parents' marriage is known. */
  g_assert_cmpint (loket_task_list_get_state (tasks, "form:father"), ==, LOKET_TASK_NOT_NEEDED);
  loket_request_set_text (request, "parents.marriage", "registered");
  g_assert_cmpint (loket_task_list_get_state (tasks, "form:father"), ==, LOKET_TASK_TO_DO);

  /* Not yet done: text, not a target. */
  item = loket_task_list_get_item (tasks, "form:applicant");
  g_assert_false (GTK_IS_BUTTON (item));
  g_assert_false (gtk_widget_get_focusable (item));

  press_next (window);
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "form:applicant");
  press_next (window);
  third = g_strdup (loket_window_get_page_name (window));
  g_assert_true (g_str_has_prefix (third, "form:"));
  g_assert_cmpint (loket_task_list_get_state (tasks, "documents"), ==, LOKET_TASK_DONE);
  g_assert_cmpint (loket_task_list_get_state (tasks, "form:applicant"), ==, LOKET_TASK_DONE);
  g_assert_cmpint (loket_task_list_get_state (tasks, third), ==, LOKET_TASK_CURRENT);
  g_assert_cmpint (loket_task_list_get_state (tasks, "review"), ==, LOKET_TASK_TO_DO);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (tasks), "✓ Done"));

  /* A form page's heading stands in its body, large; the header says it quietly. */
  heading = loket_window_get_page_heading (window);
  g_assert_true (gtk_widget_get_visible (heading));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==,
                   loket_page_get_title (loket_window_get_page (window)));
  g_assert_true (gtk_widget_has_css_class (heading, "loket-title"));

  /* The keys need the lower half: the list steps aside while they are up. */
  gtk_widget_grab_focus (ui_test_stub_entry (window));
  UI_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (loket_window_get_keyboard (window))), 5000);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (tasks)));
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  loket_keyboard_set_target (loket_window_get_keyboard (window), NULL);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (tasks)), 5000);

  /* A done one is a thumb-sized button back to its page. */
  item = loket_task_list_get_item (tasks, "form:applicant");
  g_assert_true (GTK_IS_BUTTON (item));
  ui_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_height (item), >=, 48);
  g_assert_cmpint (gtk_widget_get_width (item), >=, 48);
  g_signal_emit_by_name (item, "clicked");
  ui_test_wait_for_page (window, "form:applicant");
  /* The page left is still done-or-reached: the one after it is a button now, the furthest
   * reached is not (it was never finished with Next). */
  g_assert_cmpint (loket_task_list_get_state (tasks, "form:applicant"), ==, LOKET_TASK_CURRENT);
  g_assert_cmpint (loket_task_list_get_state (tasks, "documents"), ==, LOKET_TASK_DONE);
  g_assert_cmpint (loket_task_list_get_state (tasks, third), ==, LOKET_TASK_TO_DO);
  g_assert_false (GTK_IS_BUTTON (loket_task_list_get_item (tasks, third)));


  /* A new citizen starts with nothing done. */
  choose_event (window, "birth");
  press_next (window);
  g_assert_cmpint (loket_task_list_get_state (tasks, "form:applicant"), ==, LOKET_TASK_TO_DO);
  g_assert_cmpint (loket_task_list_get_state (tasks, "documents"), ==, LOKET_TASK_CURRENT);

  ui_test_window_destroy (window);
}

/* "Larger text" and "High contrast" in words: on Welcome (and not twice there), and in the
 * footer of the other pages; every toggle says what the theme is. */
static void
test_vision_toggles (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  g_autoptr(GPtrArray) all = NULL;
  GtkWidget *welcome_large = NULL;
  GtkWidget *footer_large = NULL;
  guint shown = 0;

  ui_test_wait_for_page (window, "welcome");
  all = ui_test_collect (GTK_WIDGET (window));
  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);

      if (!GTK_IS_TOGGLE_BUTTON (w) ||
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "Larger text") != 0)
        continue;
      if (gtk_widget_is_ancestor (w, GTK_WIDGET (loket_window_get_page (window))))
        welcome_large = w;
      else
        footer_large = w;
      shown += gtk_widget_is_drawable (w);
    }
  g_assert_nonnull (welcome_large);
  g_assert_nonnull (footer_large);
  g_assert_cmpuint (shown, ==, 1);
  g_assert_true (gtk_widget_is_drawable (welcome_large));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (window), "High contrast"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (welcome_large), TRUE);
  g_assert_true (loket_theme_get_large_text (display));
  g_assert_false (loket_theme_get_high_contrast (display));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (footer_large)));

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  ui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_drawable (footer_large));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (footer_large), FALSE);
  g_assert_false (loket_theme_get_large_text (display));

  /* The idle wipe gives the next citizen the kiosk's own look, toggles included. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (footer_large), TRUE);
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  g_assert_false (loket_theme_get_large_text (display));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (footer_large)));

  ui_test_window_destroy (window);
}

/* Where the task list sits: below the page on a portrait screen, leaving the page most of
 * the height; a column beside it on a landscape one, leaving the page most of the width.
 * Either way the page keeps the larger part (a landscape review once showed one line of its
 * page above a list of empty space). */
static void
test_task_band_place (void)
{
  static const int sizes[][2] = { { 1080, 1920 }, { 1920, 1080 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
      LoketWindow *window = ui_test_window_new (env, sizes[i][0], sizes[i][1]);
      gboolean landscape = sizes[i][0] > sizes[i][1];
      GtkWidget *band;
      GtkWidget *pages;
      graphene_rect_t b, p;

      choose_event (window, "birth");
      press_next (window);
      g_assert_cmpstr (loket_window_get_page_name (window), ==, "documents");
      band = gtk_widget_get_ancestor (loket_window_get_task_list (window), LOKET_TYPE_TASK_BAND);
      g_assert_nonnull (band);
      UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (band) && gtk_widget_get_height (band) > 0, 5000);
      ui_test_wait_frame (GTK_WIDGET (window));
      g_assert_true (loket_task_band_get_beside (LOKET_TASK_BAND (band)) == landscape);
      pages = gtk_widget_get_ancestor (GTK_WIDGET (loket_window_get_page (window)), GTK_TYPE_STACK);
      g_assert_true (gtk_widget_compute_bounds (band, GTK_WIDGET (window), &b));
      g_assert_true (gtk_widget_compute_bounds (pages, GTK_WIDGET (window), &p));
      g_test_message ("%dx%d: pages %.0f,%.0f %.0fx%.0f; task list %.0f,%.0f %.0fx%.0f",
                      sizes[i][0], sizes[i][1], p.origin.x, p.origin.y, p.size.width,
                      p.size.height, b.origin.x, b.origin.y, b.size.width, b.size.height);
      if (landscape)
        {
          g_assert_cmpfloat (b.origin.x, >=, p.origin.x + p.size.width - 0.5);
          g_assert_cmpfloat (b.size.width, <=, sizes[i][0] * 0.25 + 0.5);
          g_assert_cmpfloat (p.size.width, >, 2 * b.size.width);
          g_assert_cmpfloat (ABS (b.size.height - p.size.height), <, 1);
        }
      else
        {
          g_assert_cmpfloat (b.origin.y, >=, p.origin.y + p.size.height - 0.5);
          g_assert_cmpfloat (b.size.height, <=, sizes[i][1] * 0.36 + 0.5);
          g_assert_cmpfloat (p.size.height, >, b.size.height);
          g_assert_cmpfloat (ABS (b.size.width - p.size.width), <, 1);
        }
      ui_test_window_destroy (window);
    }
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  ui_test_use_stub_form ();

  g_test_add_func ("/wayfinding/steps-never-jump-up", test_steps_never_jump_up);
  g_test_add_func ("/wayfinding/task-list", test_task_list);
  g_test_add_func ("/wayfinding/task-band-place", test_task_band_place);
  g_test_add_func ("/wayfinding/vision-toggles", test_vision_toggles);

  return g_test_run ();
}
