/* test-keyboard-walk.c — the whole citizen flow with a physical keyboard alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A citizen with a physical keyboard (or a USB scanner, which types like one) and nothing
 * else. Every step is a real key event sent through the X server with XTest, as a keyboard's
 * would arrive: Tab, Shift+Tab, the arrows, space, Enter, Escape and typed characters (with
 * Shift where the character needs it). Nothing is clicked, activated or emitted by the test;
 * it only reads the widgets to know where the focus is and what the screen shows, the way
 * the citizen's eyes would.
 *
 * Birth: Welcome (English with an arrow and Enter; Tab to Start) → Choose (Tab to the tile
 * "A child was born", Enter; space on the optional KIA) → every form step (answers typed;
 * choices with Tab and space; a warning confirmed with Enter) → Review (Escape is Back and
 * loses nothing) → Consent (space on each agency's toggle) → Submit → Submitting → Receipt
 * (its tracking code) → Finish → Welcome. Then Track: Tab to "Track my request", the code
 * typed as printed, Enter, each part's state, Escape → Welcome. And the idle warning,
 * answered with keys.
 *
 * On every page the focus lands inside the page (or on its main action), never in the header
 * nor on nothing, and shows its focus ring (:focus-visible, and a ring really drawn). The
 * on-screen keyboard's keys are never in the Tab chain.
 */
#include "config.h"

#include <string.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include <json-glib/json-glib.h>

#include "core/loket-i18n.h"
#include "core/loket-tracking-code.h"
#include "loket-choose-page.h"
#include "loket-consent-page.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "loket-group-editor.h"
#include "loket-idle.h"
#include "loket-keyboard.h"
#include "loket-receipt-page.h"
#include "loket-submitting-page.h"
#include "loket-track-page.h"
#include "key-walk.h"
#include "ui-test-util.h"

/* The value a choice or yes-no answer has in the request ("female", "false"). */
static char *
value_for (JsonNode *value)
{
  if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "true" : "false");
  return g_strdup (json_node_get_string (value));
}

static LoketFieldRow *
row_of (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, LOKET_TYPE_FIELD_ROW);

  return row != NULL ? LOKET_FIELD_ROW (row) : NULL;
}

static gboolean
is_tile_with_value (GtkWidget     *focus,
                    gconstpointer  data)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, LOKET_TYPE_FIELD_ROW);

  return GTK_IS_TOGGLE_BUTTON (focus) && row != NULL &&
         g_strcmp0 (loket_field_row_get_tile_value (LOKET_FIELD_ROW (row), focus), data) == 0;
}

typedef struct {
  PageWait      *page;
  LoketFieldRow *row;
} RowWait;

/* The step was left, or the focus went on to another question, or back to the same one
 * to show a problem of its answer. */
static gboolean
focus_left_row (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *focus = walk_focus (wait->page->walk);
  LoketFieldRow *row = focus != NULL ? row_of (focus) : NULL;

  if (!walk_page_is (wait->page))
    return TRUE;
  return row != NULL && (row != wait->row || loket_field_row_get_message (row) != NULL);
}

/* One form step, as a keyboard user goes through it: from the question the page focused,
 * every question in Tab order; answers typed and ended with Enter (on to the next question,
 * or after the last one on to the next step), choices reached with Tab and taken with
 * space, a warning's "Yes, this is correct" taken with Enter; Tab to Next and Enter where
 * the step ends on a choice. The step must be left within three tries of Next (a warning
 * shows once its field is left). */
static guint
fill_form_step (Walk       *walk,
                JsonObject *data)
{
  g_autofree char *name = g_strdup (loket_window_get_page_name (walk->window));
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PageWait wait = { walk, name };
  RowWait moved = { &wait, NULL };
  guint tries = 0;

  for (guint guard = 0; guard < 400; guard++)
    {
      GtkWidget *focus = walk_focus (walk);
      LoketFieldRow *row = focus != NULL ? row_of (focus) : NULL;
      const LoketField *field = row != NULL ? loket_field_row_get_field (row) : NULL;
      GtkWidget *entry = walk_focused_entry (walk);

      if (!walk_page_is (&wait))
        return g_hash_table_size (done);
      g_assert_nonnull (focus);

      if (focus == walk->next_button)
        {
          if (++tries > 3)
            g_error ("%s: Next does not leave the step", name);
          walk_press (walk, XK_Return, FALSE);
          if (ui_test_wait_until (walk_page_is_not, &wait, 3000))
            return g_hash_table_size (done);
          /* The step kept the citizen: the focus is on the answer to look at. */
          walk_assert_focus (walk, NULL);
          continue;
        }

      if (row != NULL && focus == loket_field_row_get_confirm_button (row))
        {
          walk_press (walk, XK_Return, FALSE);
          g_assert_null (loket_field_row_get_confirm_button (row));
          continue;
        }

      if (field != NULL && json_object_has_member (data, field->id) &&
          !g_hash_table_contains (done, field->id))
        {
          JsonNode *value = json_object_get_member (data, field->id);

          if (entry != NULL)
            {
              g_autofree char *keys = ui_test_keys_for (field, value);

              g_assert_true (entry == loket_field_row_get_entry (row));
              /* The keyboard on screen follows the focus; it is not what types here. */
              g_assert_true (loket_keyboard_get_target (loket_window_get_keyboard (walk->window)) ==
                             GTK_EDITABLE (entry));
              walk_type (walk, keys);
              g_hash_table_add (done, g_strdup (field->id));
              /* Enter ends the answer: on to the next question, or after the last one on
               * to the next step. */
              walk_press (walk, XK_Return, FALSE);
              moved.row = row;
              if (!ui_test_wait_until (focus_left_row, &moved, 3000))
                {
                  g_autofree char *where = walk_describe (walk_focus (walk));

                  g_error ("%s: Enter in %s did not go on (the focus is on %s)", name,
                           field->id, where);
                }
              continue;
            }

          {
            g_autofree char *wanted = value_for (value);

            walk_tab_to (walk, FALSE, is_tile_with_value, wanted, wanted);
            walk_press (walk, XK_space, FALSE);
            g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (walk_focus (walk))));
            g_hash_table_add (done, g_strdup (field->id));
          }
        }

      walk_press (walk, XK_Tab, FALSE);
    }

  g_error ("%s: the step never ends", name);
  return 0;
}

static void
assert_answers (LoketRequest *request,
                JsonObject   *data)
{
  g_autoptr(GList) members = json_object_get_members (data);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (data, l->data);
      const char *stored = loket_request_get_text (request, l->data);
      g_autofree char *expected = NULL;

      if (json_node_get_value_type (value) == G_TYPE_INT64)
        expected = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        expected = value_for (value);
      else if (strlen (json_node_get_string (value)) == 10 &&
               json_node_get_string (value)[4] == '-')
        {
          const char *ymd = json_node_get_string (value);

          expected = g_strdup_printf ("%.2s-%.2s-%.4s", ymd + 8, ymd + 5, ymd);
        }
      else
        expected = g_strdup (json_node_get_string (value));
      g_assert_cmpstr (stored, ==, expected);
    }
}

static gboolean
page_complete (gpointer data)
{
  Walk *walk = data;

  return loket_page_get_complete (loket_window_get_page (walk->window)) &&
         gtk_widget_get_visible (walk->next_button) &&
         gtk_widget_is_sensitive (walk->next_button);
}

static gboolean
focus_on_next (gpointer data)
{
  Walk *walk = data;

  return walk_focus (walk) == walk->next_button;
}

static gboolean
track_done (gpointer data)
{
  Walk *walk = data;
  LoketTrackPage *page = LOKET_TRACK_PAGE (loket_window_get_page (walk->window));

  return !loket_track_page_is_busy (page) && loket_track_page_get_parts (page) != NULL;
}

static gboolean
print_done (gpointer data)
{
  return loket_receipt_page_get_print_done (data);
}

static void
test_keyboard_walk_birth (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = ui_test_load_request ("birth", parser);
  JsonObject *data = json_object_get_object_member (root, "data");
  g_autoptr(Walk) walk = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) agencies = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shown_code = NULL;
  LoketRequest *request;
  LoketConsentPage *consent;
  LoketReceiptPage *receipt;
  LoketTrackPage *track;
  GtkWidget *tile;
  GtkWidget *kia;
  guint n_answers = 0, n_steps = 0, n_parts, keys_flow, events_flow;
  gint64 start;
  double seconds;

  g_assert_true (loket_session_start_delivery (env->session, &error));
  g_assert_no_error (error);
  walk = walk_new (env);
  if (walk->dpy == NULL)
    return;
  request = loket_session_get_request (env->session);
  start = g_get_monotonic_time ();

  /* Welcome: the focus starts on the language already chosen; Right reaches English,
   * Enter takes it; the page, rebuilt in English, keeps the focus on the language. */
  g_assert_cmpstr (loket_window_get_page_name (walk->window), ==, "welcome");
  g_assert_true (walk_is_button_labelled (walk_focus (walk), "Bahasa Indonesia"));
  walk_press (walk, XK_Right, FALSE);
  walk_assert_focus (walk, "“English” in LoketWelcomePage");
  walk_press (walk, XK_Return, FALSE);
  g_assert_cmpstr (loket_session_get_language (env->session), ==, "en");
  walk_assert_focus (walk, "“English” in LoketWelcomePage");
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Start");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (walk->next_button)), ==, "Start");
  walk_press_leaving (walk, XK_Return, FALSE);

  /* Choose: the first tile has the focus; Tab to the birth tile, Enter chooses it; space
   * adds the optional KIA; Tab to Next, Enter. */
  walk_arrive (walk, "choose", "in LoketChoosePage");
  tile = loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (walk->window)),
                                     "birth");
  walk_tab_to (walk, FALSE, walk_is_widget, tile, "the tile “A child was born”");
  walk_press (walk, XK_Return, FALSE);
  g_assert_nonnull (loket_request_get_life_event (request));
  g_assert_cmpstr (loket_request_get_life_event (request)->id, ==, "birth");
  kia = ui_test_find_label (GTK_WIDGET (loket_window_get_page (walk->window)),
                            "Child identity card (KIA)");
  g_assert_nonnull (kia);
  kia = gtk_widget_get_ancestor (kia, GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (kia);
  walk_tab_to (walk, FALSE, walk_is_widget, kia, "the optional KIA");
  walk_press (walk, XK_space, FALSE);
  g_assert_true (loket_request_has_service (request, "kia"));
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Next");
  walk_press_leaving (walk, XK_Return, FALSE);

  /* What you will need: "I don't have these now" opens its explanation; then on. */
  walk_arrive (walk, "documents", NULL);
  walk_tab_to (walk, FALSE, walk_is_button_labelled, "I don't have these now",
               "I don't have these now");
  walk_press (walk, XK_Return, FALSE);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (walk->window),
                                        "Stop here and start again later"));
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Continue");
  walk_press_leaving (walk, XK_Return, FALSE);

  /* Every form step. */
  while (g_str_has_prefix (loket_window_get_page_name (walk->window), "form:"))
    {
      /* The focus waits in the step's first question. */
      walk_arrive (walk, loket_window_get_page_name (walk->window), "in LoketFieldRow");
      n_answers += fill_form_step (walk, data);
      n_steps++;
    }
  g_test_message ("birth: %u form steps, %u answers typed or chosen", n_steps, n_answers);
  g_assert_cmpuint (n_answers, ==, json_object_get_size (data));
  assert_answers (request, data);

  /* Review; Escape is Back: the last step, every answer still there; forward again. */
  walk_arrive (walk, "review", NULL);
  walk_press_leaving (walk, XK_Escape, FALSE);
  g_assert_true (g_str_has_prefix (loket_window_get_page_name (walk->window), "form:"));
  walk_assert_focus (walk, NULL);
  assert_answers (request, data);
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Next");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_arrive (walk, "review", NULL);
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Next");
  walk_press_leaving (walk, XK_Return, FALSE);

  /* Consent: the first card's "Show every item" has the focus; space on each answer, then
   * Submit. */
  walk_arrive (walk, "consent", "“Show every item” in LoketConsentPage");
  consent = LOKET_CONSENT_PAGE (loket_window_get_page (walk->window));
  agencies = loket_consent_page_dup_agencies (consent);
  g_assert_cmpuint (g_strv_length (agencies), ==, 2);
  /* "Leave … out of my request" asks first, in the card: Enter on it puts the focus on "Yes,
   * leave it out". Escape closes the question (and stays on the page); so does Shift+Tab,
   * Enter on "No, keep them". The focus is back on "Leave … out", every card still there. */
  {
    GtkWidget *remove = loket_consent_page_get_remove_button (consent, agencies[1]);
    GtkWidget *confirm = loket_consent_page_get_confirm_remove (consent, agencies[1]);

    walk_tab_to (walk, FALSE, walk_is_widget, remove, "Leave … out of my request");
    walk_press (walk, XK_Return, FALSE);
    g_assert_true (walk_focus (walk) == confirm);
    walk_press (walk, XK_Escape, FALSE);
    g_assert_cmpstr (loket_window_get_page_name (walk->window), ==, "consent");
    g_assert_false (gtk_widget_is_visible (confirm));
    g_assert_true (walk_focus (walk) == remove);
    walk_press (walk, XK_Return, FALSE);
    g_assert_true (walk_focus (walk) == confirm);
    walk_press (walk, XK_Tab, TRUE);
    g_assert_true (walk_is_button_labelled (walk_focus (walk), "No, keep them"));
    walk_press (walk, XK_Return, FALSE);
    walk_assert_focus (walk, NULL);
    g_assert_true (walk_focus (walk) == remove);
    g_assert_false (gtk_widget_is_visible (confirm));
  }
  for (guint i = 0; agencies[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) answers = loket_consent_page_get_answers (consent, agencies[i]);

      for (guint j = 0; j < answers->len; j++)
        {
          GtkWidget *toggle = g_ptr_array_index (answers, j);

          walk_tab_to (walk, FALSE, walk_is_widget, toggle, agencies[i]);
          walk_press (walk, XK_space, FALSE);
          g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
        }
    }
  g_assert_true (page_complete (walk));
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Submit");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (walk->next_button)), ==, "Submit");
  walk_press_leaving (walk, XK_Return, FALSE);

  /* The hand-over, one page, with no key to press before it prints: the code, large, each
   * part live, and the focus on Finish. */
  g_assert_true (ui_test_wait_until (walk_page_is, &(PageWait) { walk, "receipt" }, 10000));
  code = g_strdup (loket_session_get_tracking_code (env->session));
  g_assert_nonnull (code);
  {
    LoketReceiptPage *page = LOKET_RECEIPT_PAGE (loket_window_get_page (walk->window));
    g_auto(GStrv) parts = loket_submitting_page_dup_services (loket_receipt_page_get_live (page));

    n_parts = g_strv_length (parts);
    g_assert_cmpuint (n_parts, ==, 4);
  }
  if (!ui_test_wait_until (focus_on_next, walk, 5000))
    {
      g_autofree char *what = walk_describe (walk_focus (walk));

      g_error ("receipt: the focus is on %s, not on “Finish”", what);
    }
  walk_arrive (walk, "receipt", "“Finish”");
  shown_code = loket_tracking_code_format (code);
  receipt = LOKET_RECEIPT_PAGE (loket_window_get_page (walk->window));
  g_assert_cmpstr (loket_receipt_page_get_code (receipt), ==, shown_code);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (receipt), shown_code));
  g_assert_true (ui_test_wait_until (print_done, loket_window_get_page (walk->window), 30000));
  walk_press_leaving (walk, XK_Return, FALSE);

  /* Welcome again, for the next citizen, in the kiosk's language. */
  walk_arrive (walk, "welcome", "“Bahasa Indonesia” in LoketWelcomePage");
  keys_flow = walk->n_keys;
  events_flow = walk->n_events;
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("birth with a keyboard alone: %u keys (%u X key events, Shift included) "
                  "in %.1f s: %.1f s sending keys until GTK handled them, %.1f s reading "
                  "focus rings back from the screen, the rest page changes and delivery",
                  keys_flow, events_flow, seconds, walk->key_usec / 1e6,
                  walk->ring_usec / 1e6);

  /* Track, as a citizen back with the receipt: Tab to "Lacak permohonan saya", Enter; the
   * focus is in the code's field; the code typed as printed (capitals with Shift), Enter. */
  walk_tab_to (walk, FALSE, walk_is_button_labelled, _("Track my request"), "Track my request");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_arrive (walk, "track", "(of an entry) in LoketTrackPage");
  walk_type (walk, shown_code);
  walk_press (walk, XK_Return, FALSE);
  g_assert_true (ui_test_wait_until (track_done, walk, 30000));
  track = LOKET_TRACK_PAGE (loket_window_get_page (walk->window));
  g_assert_cmpuint (loket_track_page_get_parts (track)->len, ==, n_parts);
  /* After the look-up the focus is still (or again) in the field, for the next code. */
  walk_assert_focus (walk, "(of an entry) in LoketTrackPage");
  walk_press_leaving (walk, XK_Escape, FALSE);
  walk_arrive (walk, "welcome", "“Bahasa Indonesia” in LoketWelcomePage");
}

/* The on-screen keyboard is for fingers: none of its keys can take the focus, so Tab never
 * walks through them, yet every key still takes a tap. And a whole Tab round over a form
 * step, the keyboard shown, never lands in it. */
static void
test_keyboard_walk_no_keys_in_tab_chain (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autoptr(Walk) walk = walk_new (env);
  LoketKeyboard *keyboard;
  GtkWidget *first;
  guint n_keys = 0, round = 0;

  if (walk->dpy == NULL)
    return;
  keyboard = loket_window_get_keyboard (walk->window);

  for (LoketKeyboardKind kind = LOKET_KEYBOARD_TEXT; kind <= LOKET_KEYBOARD_DIGITS; kind++)
    {
      g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (keyboard, kind);

      g_assert_cmpuint (keys->len, >, 0);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *key = g_ptr_array_index (keys, i);

          g_assert_false (gtk_widget_get_focusable (key));
          g_assert_false (gtk_widget_get_focus_on_click (key));
          g_assert_true (gtk_widget_get_can_target (key));
          n_keys++;
        }
    }
  g_test_message ("%u on-screen keys, none focusable", n_keys);

  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Start");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_arrive (walk, "choose", NULL);
  walk_tab_to (walk, FALSE, walk_is_widget,
               loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (walk->window)),
                                           "birth"),
               "the birth tile");
  walk_press (walk, XK_space, FALSE);
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Next");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_pass_documents (walk);
  walk_arrive (walk, "form:applicant", "(of an entry) in LoketFieldRow");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (keyboard)));

  /* Once round the window with Tab, then once back with Shift+Tab. */
  first = walk_focus (walk);
  for (guint backward = 0; backward < 2; backward++)
    {
      do
        {
          GtkWidget *focus;

          walk_press (walk, XK_Tab, backward);
          focus = walk_focus (walk);
          g_assert_nonnull (focus);
          g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (keyboard)));
          g_assert_cmpuint (++round, <, 80);
        }
      while (walk_focus (walk) != first);
    }
  g_test_message ("a Tab round and back: %u keys", round);
}

static gboolean
is_entry_of (GtkWidget     *focus,
             gconstpointer  row)
{
  return GTK_IS_TEXT (focus) &&
         gtk_widget_get_parent (focus) == loket_field_row_get_entry ((LoketFieldRow *) row);
}

/* The group row of person index (from 0) for sub-field sub. */
static LoketFieldRow *
group_row (LoketGroupEditor *editor,
           guint             index,
           const char       *sub)
{
  GPtrArray *rows = loket_group_editor_get_rows (editor);

  for (guint i = 0; i < rows->len; i++)
    {
      LoketFieldRow *row = g_ptr_array_index (rows, i);

      if (loket_field_row_get_index (row) == index &&
          g_str_equal (loket_field_row_get_field (row)->id, sub))
        return row;
    }
  g_error ("no row %s of person %u", sub, index + 1);
  return NULL;
}

/* A repeating group (the family members who move) with keys: Enter on "Add a person" puts
 * the caret in the new person's first field, Enter goes from field to field across the
 * person, a choice is taken with Tab and space; Enter on "Remove person 2" leaves the focus
 * with the person before, not on nothing. The steps before are answered through the
 * request (the birth walk types them); only the group is walked. */
static void
test_keyboard_walk_group (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *data = json_object_get_object_member (ui_test_load_request ("moving", parser),
                                                     "data");
  LoketRequest *request = loket_session_get_request (env->session);
  g_autoptr(GList) members = json_object_get_members (data);
  g_autoptr(JsonNode) spouse = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Walk) walk = NULL;
  LoketGroupEditor *editor;
  LoketFieldRow *row;
  GtkWidget *page;

  g_assert_true (loket_request_set_life_event (request, "moving"));
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "move.members") && !g_str_has_prefix (l->data, "vehicle."))
      {
        g_assert_true (loket_request_set_value (request, l->data,
                                                json_object_get_member (data, l->data), &error));
        g_assert_no_error (error);
      }
  spouse = json_from_string ("[{\"nik\":\"3578016003880009\",\"name\":\"Rina Wulandari\","
                             "\"relationship\":\"spouse\"}]", &error);
  g_assert_no_error (error);
  g_assert_true (loket_request_set_value (request, "move.members", spouse, &error));

  walk = walk_new (env);
  if (walk->dpy == NULL)
    return;
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Start");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_arrive (walk, "choose", NULL);
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Next");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_pass_documents (walk);
  while (!g_str_equal (loket_window_get_page_name (walk->window), "form:move"))
    {
      walk_arrive (walk, loket_window_get_page_name (walk->window), "in LoketFieldRow");
      walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Next");
      walk_press_leaving (walk, XK_Return, FALSE);
    }
  walk_arrive (walk, "form:move", "in LoketFieldRow");
  page = GTK_WIDGET (loket_window_get_page (walk->window));
  editor = LOKET_GROUP_EDITOR (ui_test_find_by_type (page, LOKET_TYPE_GROUP_EDITOR));

  walk_tab_to (walk, FALSE, walk_is_button_labelled, "Add a person", "Add a person");
  walk_press (walk, XK_Return, FALSE);
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "move.members"), ==, 2);
  walk_assert_focus (walk, "(of an entry) in LoketFieldRow");
  g_assert_true (is_entry_of (walk_focus (walk), group_row (editor, 1, "nik")));
  walk_type (walk, "3578011203150010");
  walk_press (walk, XK_Return, FALSE);
  g_assert_true (is_entry_of (walk_focus (walk), group_row (editor, 1, "name")));
  walk_type (walk, "Putra Prasetyo");
  walk_press (walk, XK_Return, FALSE);
  row = group_row (editor, 1, "relationship");
  g_assert_true (gtk_widget_is_ancestor (walk_focus (walk), GTK_WIDGET (row)));
  walk_tab_to (walk, FALSE, is_tile_with_value, "child", "the tile “Child”");
  walk_press (walk, XK_space, FALSE);
  g_assert_cmpstr (loket_request_get_group_text (request, "move.members", 1, "nik"), ==,
                   "3578011203150010");
  g_assert_cmpstr (loket_request_get_group_text (request, "move.members", 1, "name"), ==,
                   "Putra Prasetyo");
  g_assert_cmpstr (loket_request_get_group_text (request, "move.members", 1, "relationship"),
                   ==, "child");

  walk_tab_to (walk, FALSE, walk_is_button_labelled, "Remove person 2", "Remove person 2");
  walk_press (walk, XK_Return, FALSE);
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "move.members"), ==, 1);
  walk_assert_focus (walk, "(of an entry) in LoketFieldRow");
  g_assert_true (is_entry_of (walk_focus (walk), group_row (editor, 0, "nik")));
}

static gboolean
idle_warning (gpointer data)
{
  return loket_idle_is_warning (data);
}

static gboolean
idle_quiet (gpointer data)
{
  return !loket_idle_is_warning (data);
}

/* The idle warning, answered with keys: it takes the focus; Escape says "continue" (and is
 * not Back too), the focus goes back to the field the citizen was typing in, with what they
 * typed; Tab reaches "No, clear my data now" and never the page under the warning; Enter
 * there clears at once. */
static void
test_keyboard_walk_idle_warning (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autoptr(Walk) walk = walk_new (env);
  LoketIdle *idle;
  GtkWidget *entry;
  GtkWidget *continue_button;
  GtkWidget *clear_button;

  if (walk->dpy == NULL)
    return;
  idle = loket_window_get_idle (walk->window);
  continue_button = ui_test_find_button (GTK_WIDGET (idle), "Yes, continue");
  clear_button = ui_test_find_button (GTK_WIDGET (idle), "No, clear my data now");
  g_assert_nonnull (continue_button);
  g_assert_nonnull (clear_button);

  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Start");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_arrive (walk, "choose", NULL);
  walk_tab_to (walk, FALSE, walk_is_widget,
               loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (walk->window)),
                                           "birth"),
               "the birth tile");
  walk_press (walk, XK_Return, FALSE);
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "Next");
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_pass_documents (walk);
  walk_arrive (walk, "form:applicant", "(of an entry) in LoketFieldRow");
  entry = walk_focused_entry (walk);
  walk_type (walk, "3273");

  /* The warning comes back this long after each "continue": long enough that a loaded
   * machine still sees the quiet time between the two. */
  loket_window_set_idle_timeouts_ms (walk->window, 1500, 20000);
  g_assert_true (ui_test_wait_until (idle_warning, idle, 5000));
  /* The warning takes the focus (on "Yes, continue") as it shows. */
  UI_TEST_WAIT_UNTIL (walk_focus (walk) == continue_button, 5000);
  g_assert_true (walk_focus (walk) == continue_button);

  /* Tab and the arrows stay on the warning's two buttons. */
  walk_press (walk, XK_Tab, FALSE);
  g_assert_true (loket_idle_is_warning (idle));
  g_assert_true (walk_focus (walk) == clear_button);
  g_assert_true (gtk_widget_has_visible_focus (clear_button));
  walk_press (walk, XK_Tab, FALSE);
  g_assert_true (walk_focus (walk) == continue_button);
  walk_press (walk, XK_Down, FALSE);
  g_assert_true (walk_focus (walk) == clear_button);
  walk_press (walk, XK_Tab, TRUE);
  g_assert_true (walk_focus (walk) == continue_button);

  /* Escape: continue, on the same page, in the same field, with the same digits. */
  walk_press (walk, XK_Escape, FALSE);
  g_assert_true (ui_test_wait_until (idle_quiet, idle, 2000));
  g_assert_cmpstr (loket_window_get_page_name (walk->window), ==, "form:applicant");
  g_assert_true (walk_focused_entry (walk) == entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "3273");

  /* Enter on "Yes, continue" does the same. */
  g_assert_true (ui_test_wait_until (idle_warning, idle, 5000));
  /* The warning takes the focus (on "Yes, continue") as it shows. */
  UI_TEST_WAIT_UNTIL (walk_focus (walk) == continue_button, 5000);
  walk_press (walk, XK_Return, FALSE);
  g_assert_true (ui_test_wait_until (idle_quiet, idle, 2000));
  g_assert_cmpstr (loket_window_get_page_name (walk->window), ==, "form:applicant");
  g_assert_true (walk_focused_entry (walk) == entry);

  /* Tab to "No, clear my data now", Enter: everything goes, Welcome comes. */
  g_assert_true (ui_test_wait_until (idle_warning, idle, 5000));
  /* The warning takes the focus (on "Yes, continue") as it shows. */
  UI_TEST_WAIT_UNTIL (walk_focus (walk) == continue_button, 5000);
  walk_press (walk, XK_Tab, FALSE);
  g_assert_true (walk_focus (walk) == clear_button);
  walk_press_leaving (walk, XK_Return, FALSE);
  walk_arrive (walk, "welcome", "in LoketWelcomePage");
  g_assert_null (loket_request_get_text (loket_session_get_request (env->session),
                                         "applicant.nik"));
}

static gboolean
focus_not_visible (gpointer data)
{
  return !gtk_window_get_focus_visible (data);
}

/* The focus ring stays while the keyboard is in use: GTK 4.8 alone takes it away three
 * seconds after a key (a citizen reading the page would lose their place); a touch or a
 * click ends it. Really time: GTK's own three-second timer is what is tested. */
static void
test_keyboard_walk_ring_stays (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autoptr(Walk) walk = walk_new (env);
  GtkNative *native;
  GdkSurface *surface;
  graphene_point_t point;
  Window child;
  double dx, dy;
  int x, y;
  gint64 start;

  if (walk->dpy == NULL)
    return;
  walk_press (walk, XK_Tab, FALSE);
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (walk->window)));
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 4500 * G_TIME_SPAN_MILLISECOND)
    {
      ui_test_pump (100);
      g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (walk->window)));
    }
  g_assert_true (gtk_widget_has_visible_focus (walk_focus (walk)));

  /* A click on the page's ground (no button there): the ring goes within GTK's time. */
  native = GTK_NATIVE (walk->window);
  surface = gtk_native_get_surface (native);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (loket_window_get_page (walk->window)),
                                           GTK_WIDGET (native), &GRAPHENE_POINT_INIT (4, 4),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (walk->dpy, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (walk->dpy), (int) (point.x + dx),
                         (int) (point.y + dy), &x, &y, &child);
  XTestFakeMotionEvent (walk->dpy, -1, x, y, CurrentTime);
  XTestFakeButtonEvent (walk->dpy, 1, True, CurrentTime);
  XTestFakeButtonEvent (walk->dpy, 1, False, CurrentTime);
  XFlush (walk->dpy);
  g_assert_true (ui_test_wait_until (focus_not_visible, walk->window, 8000));
  g_assert_cmpstr (loket_window_get_page_name (walk->window), ==, "welcome");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/keyboard-walk/birth", test_keyboard_walk_birth);
  g_test_add_func ("/keyboard-walk/no-keys-in-tab-chain", test_keyboard_walk_no_keys_in_tab_chain);
  g_test_add_func ("/keyboard-walk/group", test_keyboard_walk_group);
  g_test_add_func ("/keyboard-walk/idle-warning", test_keyboard_walk_idle_warning);
  g_test_add_func ("/keyboard-walk/ring-stays", test_keyboard_walk_ring_stays);

  return g_test_run ();
}
