/* test-flow.c — the flow's page table and the window's navigation: next, back, goto, steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stub form page (ui-test-util) stands in for the form, so these tests check the shell
 * whatever state the real pages are in.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-choose-page.h"
#include "loket-flow.h"
#include "ui-test-util.h"

static void
test_flow_table (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  g_autoptr(LoketFlow) flow = loket_flow_new (env->session);
  LoketRequest *request = loket_session_get_request (env->session);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_autofree char *next = NULL;
  g_autofree char *previous = NULL;
  guint n = 0, m = 0;

  /* Nothing chosen: no form pages. */
  before = loket_flow_dup_names (flow);
  g_assert_cmpstr (before[0], ==, "welcome");
  g_assert_cmpstr (before[1], ==, "choose");
  g_assert_false (g_str_has_prefix (before[2] != NULL ? before[2] : "", "form:"));
  g_assert_false (g_strv_contains ((const char * const *) before, "track"));

  /* A child was born: one form page per visible section, in the catalog's order. */
  g_assert_true (loket_request_set_life_event (request, "birth"));
  after = loket_flow_dup_names (flow);
  g_assert_cmpstr (after[2], ==, "documents");
  g_assert_cmpstr (after[3], ==, "form:applicant");
  g_assert_true (g_strv_contains ((const char * const *) after, "form:child"));
  g_assert_true (g_strv_contains ((const char * const *) after, "form:mother"));
  g_assert_false (g_strv_contains ((const char * const *) after, "form:deceased"));

  next = loket_flow_dup_next (flow, "choose");
  g_assert_cmpstr (next, ==, "documents");
  g_clear_pointer (&next, g_free);
  next = loket_flow_dup_next (flow, "documents");
  g_assert_cmpstr (next, ==, "form:applicant");
  previous = loket_flow_dup_previous (flow, "form:applicant");
  g_assert_cmpstr (previous, ==, "documents");
  g_clear_pointer (&previous, g_free);
  previous = loket_flow_dup_previous (flow, "documents");
  g_assert_cmpstr (previous, ==, "choose");
  g_clear_pointer (&previous, g_free);
  previous = loket_flow_dup_previous (flow, "track");
  g_assert_cmpstr (previous, ==, "welcome");
  g_clear_pointer (&next, g_free);
  next = loket_flow_dup_next (flow, "track");
  g_assert_null (next);

  /* Steps count the request's, from "What you need"; welcome and choose have none. */
  g_assert_false (loket_flow_get_step (flow, "choose", &n, &m));
  g_assert_true (loket_flow_get_step (flow, "documents", &n, NULL));
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (loket_flow_get_step (flow, "form:applicant", &n, NULL));
  g_assert_cmpuint (n, ==, 2);
  g_assert_false (loket_flow_get_step (flow, "welcome", NULL, NULL));
  g_assert_false (loket_flow_get_step (flow, "track", NULL, NULL));

  /* Unknown names build nothing. */
  g_assert_null (loket_flow_create_page (flow, "nonsense"));
  g_assert_null (loket_flow_create_page (flow, "form"));
  g_assert_null (loket_flow_create_page (flow, "choose:extra"));
}

static void
test_flow_next_back (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketRequest *request = loket_session_get_request (env->session);
  GtkWidget *choose;
  GtkWidget *step;
  g_autofree char *expected_step = NULL;
  LoketPage *old_page;
  guint m = 0;

  g_assert_cmpstr (loket_window_get_page_name (window), ==, "welcome");

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  choose = GTK_WIDGET (loket_window_get_page (window));

  /* Nothing chosen yet: Next is never greyed out, but a press does not go on. */
  g_assert_false (loket_page_get_complete (LOKET_PAGE (choose)));
  g_assert_true (gtk_widget_get_sensitive (ui_test_find_action (GTK_WIDGET (window), "flow.next")));
  ui_test_activate (window, "flow.next", NULL);
  /* Nothing is to happen: once all that the press set off has run, choose is still there. */
  ui_test_drain ();
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "choose");

  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (choose), "birth"), "clicked");
  g_assert_true (loket_page_get_complete (LOKET_PAGE (choose)));
  g_assert_false (loket_flow_get_step (loket_window_get_flow (window), "choose", NULL, &m));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "What do you need?"));

  /* What you will need, before the form: the request's first step. */
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "documents");
  g_assert_true (loket_flow_get_step (loket_window_get_flow (window), "documents", NULL, &m));
  expected_step = g_strdup_printf ("Step 1 of %u", m);
  step = ui_test_find_label (GTK_WIDGET (window), expected_step);
  g_assert_nonnull (step);
  g_assert_true (gtk_widget_get_visible (step));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "What you will need"));
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "form:applicant");
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "About you"));

  /* Typed, then Back, then Next: the text is still there, and in the request. */
  ui_test_type (ui_test_stub_entry (window), "3273015203920002");
  ui_test_activate (window, "flow.back", NULL);
  ui_test_wait_for_page (window, "documents");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.nik"), ==, "3273015203920002");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "form:applicant");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_stub_entry (window))), ==,
                   "3273015203920002");

  /* A language change rebuilds the page from the request: the text stays. (The old page is
   * held, so that the new one cannot take its address.) */
  old_page = g_object_ref (loket_window_get_page (window));
  ui_test_activate (window, "flow.language", "s", "id");
  UI_TEST_WAIT_UNTIL (loket_window_get_page (window) != NULL &&
                      loket_window_get_page (window) != old_page, 5000);
  g_clear_object (&old_page);
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "form:applicant");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_stub_entry (window))), ==,
                   "3273015203920002");
  old_page = g_object_ref (loket_window_get_page (window));
  ui_test_activate (window, "flow.language", "s", "en");
  UI_TEST_WAIT_UNTIL (loket_window_get_page (window) != NULL &&
                      loket_window_get_page (window) != old_page, 5000);
  g_clear_object (&old_page);

  /* Back to choose, which was rebuilt too: the chosen tile still shows as chosen. */
  ui_test_activate (window, "flow.back", NULL);
  ui_test_wait_for_page (window, "documents");
  ui_test_activate (window, "flow.back", NULL);
  ui_test_wait_for_page (window, "choose");
  choose = GTK_WIDGET (loket_window_get_page (window));
  g_assert_true (gtk_widget_has_css_class (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (choose),
                                                                       "birth"),
                                           "loket-chosen"));

  /* goto jumps without applying; form pages of sections no longer asked go away. */
  ui_test_activate (window, "flow.goto", "s", "form:child");
  ui_test_wait_for_page (window, "form:child");
  ui_test_activate (window, "flow.goto", "s", "choose");
  ui_test_wait_for_page (window, "choose");
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     "new-business"), "clicked");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "documents");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "form:applicant");
  g_assert_null (loket_window_lookup_page (window, "form:child"));

  /* Restart forgets everything and shows welcome. */
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  request = loket_session_get_request (env->session);
  g_assert_null (loket_request_get_text (request, "applicant.nik"));
  g_assert_null (loket_window_lookup_page (window, "form:applicant"));

  ui_test_window_destroy (window);
}

static void
test_flow_keyboard_tab (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketKeyboard *keyboard = loket_window_get_keyboard (window);

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     "birth"), "clicked");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "documents");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "form:applicant");

  /* An entry attached before the page was in the window gets the keyboard on focus. */
  gtk_widget_grab_focus (ui_test_stub_entry (window));
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (keyboard) ==
                      GTK_EDITABLE (ui_test_stub_entry (window)), 5000);
  g_assert_true (loket_keyboard_get_target (keyboard) == GTK_EDITABLE (ui_test_stub_entry (window)));
  g_assert_cmpint (loket_keyboard_get_kind (keyboard), ==, LOKET_KEYBOARD_TEXT);
  g_assert_true (loket_page_get_keyboard (loket_window_get_page (window)) == keyboard);

  /* Escape on a physical keyboard is Back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "flow.back", NULL);
  ui_test_wait_for_page (window, "documents");

  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  ui_test_use_stub_form ();

  g_test_add_func ("/flow/table", test_flow_table);
  g_test_add_func ("/flow/next-back", test_flow_next_back);
  g_test_add_func ("/flow/keyboard", test_flow_keyboard_tab);

  return g_test_run ();
}
