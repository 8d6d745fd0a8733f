/* pages-test.h — what the form, review, consent, submitting and receipt tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only (static functions), so each test of ui-pages compiles it in with no change to
 * the shared test build: a request filled from tests/data/requests, a plain window that
 * holds one page and an on-screen keyboard, the window actions `flow.*` recorded instead
 * of followed, and apply_async driven to its end.
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-i18n.h"
#include "loket-keyboard.h"
#include "loket-page.h"
#include "loket-session.h"
#include "ui-test-util.h"

/* The last flow action activated in a pages_window, and its target ("form:child"). */
static char *pages_last_action;
static char *pages_last_target;

G_GNUC_UNUSED static void
pages_flow_activate_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  g_free (pages_last_action);
  pages_last_action = g_strdup (g_action_get_name (G_ACTION (action)));
  g_free (pages_last_target);
  pages_last_target = parameter != NULL ? g_variant_dup_string (parameter, NULL) : NULL;
}

/* A window as the kiosk's, holding only page and a keyboard below it. */
G_GNUC_UNUSED static GtkWindow *
pages_window (LoketPage      *page,
              int             width,
              int             height,
              LoketKeyboard **keyboard)
{
  static const GActionEntry entries[] = {
    { "next", pages_flow_activate_cb, NULL, NULL, NULL },
    { "back", pages_flow_activate_cb, NULL, NULL, NULL },
    { "restart", pages_flow_activate_cb, NULL, NULL, NULL },
    { "goto", pages_flow_activate_cb, "s", NULL, NULL },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *kbd = loket_keyboard_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "flow", G_ACTION_GROUP (group));
  gtk_widget_add_css_class (GTK_WIDGET (window), "loket");
  gtk_window_set_default_size (window, width, height);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  gtk_box_append (GTK_BOX (box), kbd);
  gtk_window_set_child (window, box);
  loket_page_set_keyboard (page, LOKET_KEYBOARD (kbd));
  loket_keyboard_watch_window (LOKET_KEYBOARD (kbd), window);
  gtk_window_present (window);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), 10000);
  ui_test_wait_frame (GTK_WIDGET (window));

  if (keyboard != NULL)
    *keyboard = LOKET_KEYBOARD (kbd);
  return window;
}

G_GNUC_UNUSED static void
pages_window_destroy (GtkWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  for (guint i = 0; i < 100 && window != NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  if (window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
}

/* Types text key by key through the on-screen keyboard's actions, as a finger would. */
G_GNUC_UNUSED static void
pages_type (LoketKeyboard *keyboard,
            const char    *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char key[8] = { 0 };

      g_utf8_strncpy (key, p, 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keyboard), "kbd.type", "s", key));
    }
  /* What the keys set off (the entry's changed handlers, a message) runs before the test
   * looks. */
  ui_test_drain ();
}

G_GNUC_UNUSED static gboolean
pages_focus_is_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

G_GNUC_UNUSED static void
pages_focus (GtkWidget *widget)
{
  g_assert_true (gtk_widget_grab_focus (widget));
  UI_TEST_WAIT_UNTIL (pages_focus_is_within (widget), 5000);
  ui_test_drain ();
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} PagesApply;

G_GNUC_UNUSED static void
pages_apply_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PagesApply *apply = user_data;

  apply->ok = loket_page_apply_finish (LOKET_PAGE (source), result, &apply->error);
  apply->done = TRUE;
}

G_GNUC_UNUSED static gboolean
pages_apply_done (gpointer data)
{
  return ((PagesApply *) data)->done;
}

/* Presses Next on page: TRUE when the page lets the citizen go on. */
G_GNUC_UNUSED static gboolean
pages_apply (LoketPage  *page,
             GError    **error)
{
  PagesApply apply = { 0 };

  loket_page_apply_async (page, NULL, pages_apply_cb, &apply);
  g_assert_true (ui_test_wait_until (pages_apply_done, &apply, 10000));
  if (apply.error != NULL)
    g_propagate_error (error, apply.error);
  return apply.ok;
}

/* Fills request from tests/data/requests/NAME.json: life event, services, answers, the
 * warnings it confirms and, with consent, its consent. */
G_GNUC_UNUSED static void
pages_fill_request (LoketRequest *request,
                    const char   *name,
                    gboolean      consent)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  JsonObject *root, *data, *agencies;
  JsonArray *services, *warnings;
  g_autoptr(GList) members = NULL;

  root = ui_test_load_request (name, parser);

  g_assert_true (loket_request_set_life_event (request,
                                               json_object_get_string_member (root,
                                                                              "life_event")));
  services = json_object_get_array_member (root, "services");
  chosen = loket_request_get_services (request);
  for (guint i = 0; i < chosen->len; i++)
    loket_request_remove_service (request, ((LoketService *) g_ptr_array_index (chosen, i))->id);
  for (guint i = 0; i < json_array_get_length (services); i++)
    g_assert_true (loket_request_add_service (request,
                                              json_array_get_string_element (services, i)));

  data = json_object_get_object_member (root, "data");
  members = json_object_get_members (data);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_assert_true (loket_request_set_value (request, l->data,
                                              json_object_get_member (data, l->data), &error));
      g_assert_no_error (error);
    }

  if (json_object_has_member (root, "confirmed_warnings"))
    {
      warnings = json_object_get_array_member (root, "confirmed_warnings");
      for (guint i = 0; i < json_array_get_length (warnings); i++)
        loket_request_confirm_warning (request, json_array_get_string_element (warnings, i));
    }
  g_assert_true (loket_request_is_complete (request));

  if (consent)
    {
      g_autoptr(GList) ids = NULL;

      agencies = json_object_get_object_member (root, "consent");
      ids = json_object_get_members (agencies);
      for (GList *l = ids; l != NULL; l = l->next)
        loket_request_set_consent (request, l->data, TRUE);
    }
}

/* A screenshot of page as the kiosk shows it: inside a LoketWindow of the given size,
 * reached through flow.goto, in language; falls back to a plain window when the flow
 * does not show the page. */
G_GNUC_UNUSED static void
pages_screenshot (UiTestEnv  *env,
                  const char *page_name,
                  const char *language,
                  int         width,
                  int         height,
                  const char *file_name)
{
  LoketWindow *window;
  g_autofree char *name = g_strdup_printf ("%s-%s-%s", file_name, language,
                                           width > height ? "landscape" : "portrait");
  g_autofree char *path = NULL;

  loket_session_set_language (env->session, language);
  window = ui_test_window_new (env, width, height);
  {
    /* Not ui_test_activate(): it leaves the floating argument unsunk (a leak under ASan). */
    GtkWidget *target = GTK_WIDGET (loket_window_get_page (window));
    g_autoptr(GVariant) target_name = g_variant_ref_sink (g_variant_new_string (page_name));

    gtk_widget_activate_action_variant (target != NULL ? target : GTK_WIDGET (window),
                                        "flow.goto", target_name);
  }
  ui_test_wait_for_page (window, page_name);
  path = ui_test_screenshot (GTK_WIDGET (window), name);
  g_test_message ("screenshot: %s", path);
  ui_test_window_destroy (window);
}
