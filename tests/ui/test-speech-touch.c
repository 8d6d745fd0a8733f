/* test-speech-touch.c — explore by touch in speech mode, with real pointer events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taps are real: XTest presses and releases the X server's pointer over a widget, as a
 * touchscreen's driver would (Xvfb has no touch device; GTK's gesture takes both alike).
 * espeak-ng synthesizes for real into memory (LOKET_SPEECH_OUTPUT=record); the engine's
 * utterance log says what the citizen heard. One tap says a control and leaves it alone, a
 * second tap presses it; on the on-screen keyboard a key is said on touch and typed on
 * release, a slide says the key reached and a lift off the keyboard types nothing; every
 * control of every page of the birth flow (up to Consent) says a name in the page's
 * language, and a field's typed value only on a private output.
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include <string.h>

#include "key-walk.h"
#include "loket-choose-page.h"
#include "loket-keyboard.h"
#include "loket-speech-label.h"
#include "loket-speech-touch.h"
#include "pages-test.h"

static guint n_releases;

static gboolean
release_counter_cb (GtkEventControllerLegacy *controller,
                    GdkEvent                 *event,
                    gpointer                  user_data)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE)
    n_releases++;
  return GDK_EVENT_PROPAGATE;
}

static Walk *
touch_walk_new (UiTestEnv *env)
{
  Walk *walk = walk_new (env);
  GtkEventController *counter;

  if (walk->dpy == NULL)
    return walk;

  counter = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (counter, GTK_PHASE_CAPTURE);
  g_signal_connect (counter, "event", G_CALLBACK (release_counter_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (walk->window), counter);
  return walk;
}

static LoketSpeech *
listen (Walk *walk)
{
  LoketSpeechMode *mode = loket_window_get_speech_mode (walk->window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (walk->window), "speech.listen", NULL));
  g_assert_true (loket_speech_mode_get_enabled (mode));
  return loket_speech_mode_get_speech (mode);
}

static guint
n_said (LoketSpeech *speech)
{
  g_autoptr(GPtrArray) log = loket_speech_get_log (speech);

  return log->len;
}

/* The utterance number i of the log (its text), or NULL. */
static const LoketUtterance *
utterance_at (LoketSpeech *speech,
              guint        i)
{
  g_autoptr(GPtrArray) log = loket_speech_get_log (speech);

  /* The log keeps every utterance until cleared: the pointer outlives the reference. */
  return i < log->len ? g_ptr_array_index (log, i) : NULL;
}

/* The middle of widget (or the point at fx, fy of its size) in the X root window; FALSE
 * when a tap there would reach something else (covered, or out of sight). */
static gboolean
root_point (Walk      *walk,
            GtkWidget *widget,
            double     fx,
            double     fy,
            int       *x,
            int       *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  graphene_point_t inside = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) * fx,
                                                 gtk_widget_get_height (widget) * fy);
  graphene_point_t point;
  GtkWidget *picked;
  Window child;
  double dx, dy;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (native), &inside, &point))
    return FALSE;
  picked = gtk_widget_pick (GTK_WIDGET (native), point.x, point.y, GTK_PICK_INSENSITIVE);
  if (picked == NULL || (picked != widget && !gtk_widget_is_ancestor (picked, widget)))
    return FALSE;

  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (walk->dpy, xid, DefaultRootWindow (walk->dpy),
                         (int) (point.x + dx), (int) (point.y + dy), x, y, &child);
  return TRUE;
}

static void
pointer_to (Walk      *walk,
            GtkWidget *widget)
{
  int x, y;

  g_assert_true (root_point (walk, widget, 0.5, 0.5, &x, &y));
  XTestFakeMotionEvent (walk->dpy, -1, x, y, CurrentTime);
  XFlush (walk->dpy);
}

static void
finger_down (Walk *walk)
{
  XTestFakeButtonEvent (walk->dpy, 1, True, CurrentTime);
  XFlush (walk->dpy);
}

static void
finger_up (Walk *walk)
{
  guint expected = n_releases + 1;

  XTestFakeButtonEvent (walk->dpy, 1, False, CurrentTime);
  XFlush (walk->dpy);
  UI_TEST_WAIT_UNTIL (n_releases >= expected, 5000);
  n_releases = expected;
}

/* A tap on widget; returns once GTK has had its release. */
static void
tap (Walk      *walk,
     GtkWidget *widget)
{
  pointer_to (walk, widget);
  ui_test_pump (20);
  finger_down (walk);
  ui_test_pump (30);
  finger_up (walk);
}

static gboolean
has_focus_within_entry (GtkWidget *entry)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (entry));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static guint n_clicked;

static void
clicked_cb (GtkButton *button)
{
  n_clicked++;
}

static const char *
last_said (LoketSpeech *speech)
{
  guint n = n_said (speech);

  return n > 0 ? utterance_at (speech, n - 1)->text : NULL;
}

/* One tap says the button and does not press it; the next tap presses it, and a quick
 * double tap does both; with speech off a tap presses at once. A keypad's "*" turns speech
 * on and off. */
static void
test_tap_says_then_presses (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  g_autoptr(Walk) walk = touch_walk_new (env);
  LoketSpeechMode *mode;
  LoketSpeech *speech;
  GtkWidget *start, *back;
  g_autofree char *name = NULL;
  g_autofree char *back_name = NULL;
  guint before;

  if (walk->dpy == NULL)
    return;
  mode = loket_window_get_speech_mode (walk->window);

  /* The keypad's key for the Listen toggle. */
  walk_press (walk, XK_KP_Multiply, FALSE);
  g_assert_true (loket_speech_mode_get_enabled (mode));
  walk_press (walk, XK_KP_Multiply, FALSE);
  g_assert_false (loket_speech_mode_get_enabled (mode));
  /* And the keyboard's. */
  g_assert_true (walk_press_chord (walk, XK_s, GDK_CONTROL_MASK | GDK_ALT_MASK));
  g_assert_true (loket_speech_mode_get_enabled (mode));
  g_assert_true (walk_press_chord (walk, XK_s, GDK_CONTROL_MASK | GDK_ALT_MASK));
  g_assert_false (loket_speech_mode_get_enabled (mode));
  speech = listen (walk);
  g_assert_true (loket_speech_wait_idle (speech, 30000));

  /* Welcome's Start: the footer's main action. */
  start = walk->next_button;
  g_assert_nonnull (start);
  g_signal_connect (start, "clicked", G_CALLBACK (clicked_cb), NULL);
  name = loket_speech_touch_dup_text (start, FALSE);
  g_assert_nonnull (name);

  /* One tap: said, not pressed. */
  before = n_said (speech);
  tap (walk, start);
  UI_TEST_WAIT_UNTIL (n_said (speech) > before, 5000);
  g_assert_cmpstr (utterance_at (speech, before)->text, ==, name);
  g_assert_cmpstr (utterance_at (speech, before)->language, ==, "en");
  ui_test_pump (100);
  g_assert_cmpuint (n_clicked, ==, 0);
  g_assert_cmpstr (loket_window_get_page_name (walk->window), ==, "welcome");
  g_assert_true (loket_speech_touch_get_said (loket_speech_mode_get_touch (mode)) == start);

  /* A tap on the control just said presses it. */
  tap (walk, start);
  ui_test_wait_for_page (walk->window, "choose");
  g_assert_cmpuint (n_clicked, ==, 1);

  /* A new page: nothing counts as said. A quick double tap on Back says it, then presses. */
  g_assert_null (loket_speech_touch_get_said (loket_speech_mode_get_touch (mode)));
  back = ui_test_find_action (GTK_WIDGET (walk->window), "flow.back");
  g_assert_nonnull (back);
  g_signal_connect (back, "clicked", G_CALLBACK (clicked_cb), NULL);
  back_name = loket_speech_touch_dup_text (back, FALSE);
  n_clicked = 0;
  pointer_to (walk, back);
  ui_test_pump (20);
  before = n_said (speech);
  finger_down (walk);
  finger_up (walk);
  finger_down (walk);
  finger_up (walk);
  ui_test_wait_for_page (walk->window, "welcome");
  g_assert_cmpuint (n_clicked, ==, 1);
  g_assert_cmpuint (n_said (speech), >, before);
  g_assert_cmpstr (utterance_at (speech, before)->text, ==, back_name);

  /* Speech off: the first tap presses, as always. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (walk->window), "speech.listen", NULL));
  g_assert_false (loket_speech_mode_get_enabled (mode));
  n_clicked = 0;
  tap (walk, start);
  ui_test_wait_for_page (walk->window, "choose");
  g_assert_cmpuint (n_clicked, ==, 1);
}

static GtkWidget *
key_named (LoketKeyboard     *keyboard,
           LoketKeyboardKind  kind,
           const char        *name)
{
  g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (keyboard, kind);

  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (loket_keyboard_key_get_name (g_ptr_array_index (keys, i)), name) == 0)
      return g_ptr_array_index (keys, i);
  g_error ("no key named %s", name);
}

/* Presses the finger on from, waits until the key is said, then slides through over (if
 * any) to to (a key, or any widget off the keyboard) and lifts it there. */
static void
key_stroke (Walk        *walk,
            LoketSpeech *speech,
            GtkWidget   *from,
            GtkWidget   *to)
{
  guint before = n_said (speech);
  int x, y;

  pointer_to (walk, from);
  ui_test_pump (20);
  finger_down (walk);
  UI_TEST_WAIT_UNTIL (n_said (speech) > before, 5000);
  g_assert_cmpstr (last_said (speech), ==, loket_keyboard_key_get_name (from));

  if (to != from)
    {
      before = n_said (speech);
      /* Two steps, as a finger moves: half way, then there. */
      g_assert_true (root_point (walk, to, 0.5, 0.5, &x, &y));
      XTestFakeMotionEvent (walk->dpy, -1, x, y, CurrentTime);
      XFlush (walk->dpy);
      ui_test_pump (60);
      if (LOKET_IS_KEYBOARD (gtk_widget_get_ancestor (to, LOKET_TYPE_KEYBOARD)))
        {
          UI_TEST_WAIT_UNTIL (n_said (speech) > before, 5000);
          g_assert_cmpstr (last_said (speech), ==, loket_keyboard_key_get_name (to));
        }
    }
  finger_up (walk);
  ui_test_pump (30);
}

static void
test_keyboard_tap_and_lift (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = id", NULL);
  g_autoptr(Walk) walk = touch_walk_new (env);
  LoketKeyboard *keyboard;
  LoketSpeech *speech;
  GtkWidget *entry, *title;
  GtkEditable *target;
  guint before;

  if (walk->dpy == NULL)
    return;
  keyboard = loket_window_get_keyboard (walk->window);

  ui_test_activate (walk->window, "flow.next", NULL);
  ui_test_wait_for_page (walk->window, "choose");
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (walk->window)),
                                                     "birth"), "clicked");
  ui_test_activate (walk->window, "flow.next", NULL);
  ui_test_wait_for_page (walk->window, "documents");
  ui_test_activate (walk->window, "flow.next", NULL);
  ui_test_wait_for_page (walk->window, "form:applicant");
  speech = listen (walk);
  g_assert_true (loket_speech_wait_idle (speech, 30000));

  /* A tap on the first field goes through to it: focus, keyboard, its name said. */
  entry = loket_speech_label_find_question (GTK_WIDGET (loket_window_get_page (walk->window)));
  g_assert_true (GTK_IS_EDITABLE (entry));
  before = n_said (speech);
  tap (walk, entry);
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (keyboard) != NULL &&
                      gtk_widget_get_mapped (GTK_WIDGET (keyboard)), 5000);
  ui_test_wait_frame (GTK_WIDGET (keyboard));
  target = loket_keyboard_get_target (keyboard);
  UI_TEST_WAIT_UNTIL (n_said (speech) > before, 5000);
  {
    g_autofree char *name = loket_speech_label_dup_name (entry);

    g_assert_true (g_str_has_prefix (utterance_at (speech, before)->text, name));
  }
  g_assert_cmpint (loket_keyboard_get_kind (keyboard), ==, LOKET_KEYBOARD_DIGITS);
  gtk_editable_set_text (target, "");

  /* Touch says the key, release types it. */
  key_stroke (walk, speech, key_named (keyboard, LOKET_KEYBOARD_DIGITS, "1"),
              key_named (keyboard, LOKET_KEYBOARD_DIGITS, "1"));
  g_assert_cmpstr (gtk_editable_get_text (target), ==, "1");

  /* A slide says each key reached; the one under the finger when it lifts is typed. */
  key_stroke (walk, speech, key_named (keyboard, LOKET_KEYBOARD_DIGITS, "2"),
              key_named (keyboard, LOKET_KEYBOARD_DIGITS, "6"));
  g_assert_cmpstr (gtk_editable_get_text (target), ==, "16");

  /* Lifted off the keyboard: nothing typed. */
  title = ui_test_find_label (GTK_WIDGET (walk->window),
                              loket_page_get_title (loket_window_get_page (walk->window)));
  g_assert_nonnull (title);
  key_stroke (walk, speech, key_named (keyboard, LOKET_KEYBOARD_DIGITS, "7"), title);
  g_assert_cmpstr (gtk_editable_get_text (target), ==, "16");

  /* A key is typed on every tap, the second as the first (no "said, then pressed"). */
  key_stroke (walk, speech, key_named (keyboard, LOKET_KEYBOARD_DIGITS, "7"),
              key_named (keyboard, LOKET_KEYBOARD_DIGITS, "7"));
  key_stroke (walk, speech, key_named (keyboard, LOKET_KEYBOARD_DIGITS, "7"),
              key_named (keyboard, LOKET_KEYBOARD_DIGITS, "7"));
  g_assert_cmpstr (gtk_editable_get_text (target), ==, "1677");
}

/* Headphones ([speech] private = true): a tap on a field says what was typed in it too,
 * whether the focus moves there or is there already. */
static void
test_private_value (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en",
                                                   "[speech]\nprivate = true\n");
  g_autoptr(Walk) walk = touch_walk_new (env);
  LoketSpeech *speech;
  GtkWidget *entry;
  const char *value;
  guint before;

  if (walk->dpy == NULL)
    return;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  ui_test_activate (walk->window, "flow.next", NULL);
  ui_test_wait_for_page (walk->window, "choose");
  ui_test_activate (walk->window, "flow.next", NULL);
  ui_test_wait_for_page (walk->window, "documents");
  ui_test_activate (walk->window, "flow.next", NULL);
  ui_test_wait_for_page (walk->window, "form:applicant");
  speech = listen (walk);
  g_assert_true (loket_speech_get_private (speech));
  g_assert_true (loket_speech_wait_idle (speech, 30000));

  entry = loket_speech_label_find_question (GTK_WIDGET (loket_window_get_page (walk->window)));
  value = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_assert_cmpuint (strlen (value), >, 1);
  for (guint i = 0; i < 2; i++)
    {
      before = n_said (speech);
      tap (walk, entry);
      UI_TEST_WAIT_UNTIL (n_said (speech) > before, 5000);
      g_assert_true (has_focus_within_entry (entry));
      g_assert_nonnull (strstr (utterance_at (speech, before)->text, value));
    }
}

static gboolean
is_explored (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (gtk_widget_get_parent (widget)))
    return FALSE;
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget));
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_EDITABLE (widget);
}

/* Under Indonesian, an English string of Loket or of the catalog would translate. */
static void
assert_in_language (const char *text,
                    const char *language)
{
  g_auto(GStrv) parts = NULL;

  if (g_strcmp0 (language, "id") != 0)
    return;

  parts = g_strsplit (text, ", ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, parts[i]), parts[i]) != 0 ||
          g_strcmp0 (loket_catalog_gettext (parts[i]), parts[i]) != 0)
        g_error ("said in English on an Indonesian page: “%s”", text);
    }
}

static guint
count_letters (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    n += g_unichar_isalpha (g_utf8_get_char (p)) ? 1 : 0;
  return n;
}

/* Taps every control of the window shown now (not the keyboard's keys) once: each says a
 * non-empty name in language. Returns how many were reached. */
static guint
explore_page (Walk        *walk,
              LoketSpeech *speech,
              const char  *language,
              gboolean     private)
{
  g_autoptr(GPtrArray) widgets = ui_test_collect (GTK_WIDGET (walk->window));
  LoketKeyboard *keyboard = loket_window_get_keyboard (walk->window);
  const char *page = loket_window_get_page_name (walk->window);
  guint reached = 0;

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);
      g_autofree char *what = NULL;
      const LoketUtterance *said;
      const char *value = NULL;
      GtkWidget *scroller;
      guint before;
      int x, y;

      if (!is_explored (widget) || !gtk_widget_is_drawable (widget) ||
          gtk_widget_is_ancestor (widget, GTK_WIDGET (keyboard)))
        continue;

      gtk_widget_set_visible (GTK_WIDGET (keyboard), FALSE);
      scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
      if (scroller != NULL)
        loket_scroll_to_widget (GTK_SCROLLED_WINDOW (scroller), widget);
      ui_test_pump (40);
      what = walk_describe (widget);
      if (!root_point (walk, widget, 0.5, 0.5, &x, &y))
        {
          g_test_message ("%s: %s out of reach, not tapped", page, what);
          continue;
        }
      if (GTK_IS_EDITABLE (widget))
        value = gtk_editable_get_text (GTK_EDITABLE (widget));

      before = n_said (speech);
      tap (walk, widget);
      UI_TEST_WAIT_UNTIL (n_said (speech) > before, 5000);
      said = utterance_at (speech, before);
      g_test_message ("%s: %s says “%s”", page, what, said->text);
      g_assert_cmpstr (said->language, ==, language);
      g_assert_true (said->text != NULL && *said->text != '\0');
      assert_in_language (said->text, language);
      /* A name in words, not a button's face ("A+", "◐"). */
      if (count_letters (said->text) < 2)
        g_error ("%s: %s says only “%s”", page, what, said->text);
      /* What the citizen typed is heard only on a private output. */
      if (value != NULL && strlen (value) > 1 && !private)
        g_assert_null (strstr (said->text, value));
      reached++;
    }

  return reached;
}

static void
explore_birth (gconstpointer data)
{
  const char *language = data;
  g_autofree char *kiosk = g_strdup_printf ("default-language = %s", language);
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, kiosk, NULL);
  g_autoptr(Walk) walk = touch_walk_new (env);
  LoketSpeech *speech;
  guint pages = 0;

  if (walk->dpy == NULL)
    return;

  /* The answers of a birth filled in beforehand: Next goes through every page. */
  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  speech = listen (walk);

  for (;;)
    {
      g_autofree char *name = g_strdup (loket_window_get_page_name (walk->window));
      guint reached;

      ui_test_wait_frame (GTK_WIDGET (walk->window));
      g_assert_true (loket_speech_wait_idle (speech, 30000));
      reached = explore_page (walk, speech, language, FALSE);
      g_test_message ("%s: %u controls said their names", name, reached);
      g_assert_cmpuint (reached, >=, 2);
      pages++;
      if (g_str_equal (name, "consent"))
        break;

      ui_test_activate (walk->window, "flow.next", NULL);
      UI_TEST_WAIT_UNTIL (g_strcmp0 (loket_window_get_page_name (walk->window), name) != 0,
                          30000);
    }
  g_assert_cmpuint (pages, >=, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LOKET_SPEECH_OUTPUT", "record", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add_func ("/speech-touch/tap-says-then-presses", test_tap_says_then_presses);
  g_test_add_func ("/speech-touch/keyboard-tap-and-lift", test_keyboard_tap_and_lift);
  g_test_add_func ("/speech-touch/private-value", test_private_value);
  g_test_add_data_func ("/speech-touch/birth-en", "en", explore_birth);
  g_test_add_data_func ("/speech-touch/birth-id", "id", explore_birth);

  return g_test_run ();
}
