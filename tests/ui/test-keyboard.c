/* test-keyboard.c — the on-screen keyboard: layouts, typing, focus, sizes, privacy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "loket-application.h"
#include "loket-keyboard.h"
#include "loket-theme.h"

/* Lets the main loop run for a while, so that frames are laid out and idles have run. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static GtkWindow *
kiosk_window (int width,
              int height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_widget_add_css_class (GTK_WIDGET (window), "loket");
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_resizable (window, FALSE);

  return window;
}

static void
present_and_wait (GtkWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  run_for (200);
}

/* The key of a layout that types @text, or NULL. */
static GtkWidget *
find_key (LoketKeyboard     *kbd,
          LoketKeyboardKind  kind,
          const char        *action,
          const char        *text)
{
  g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (kbd, kind);

  for (guint i = 0; i < keys->len; i++)
    {
      GtkActionable *key = g_ptr_array_index (keys, i);
      GVariant *target = gtk_actionable_get_action_target_value (key);

      if (g_strcmp0 (gtk_actionable_get_action_name (key), action) != 0)
        continue;
      if (text == NULL ||
          (target != NULL && g_str_equal (g_variant_get_string (target, NULL), text)))
        return GTK_WIDGET (key);
    }

  return NULL;
}

/* Presses a key as a finger does: the button, which activates its action. */
static void
tap (LoketKeyboard     *kbd,
     LoketKeyboardKind  kind,
     const char        *action,
     const char        *text)
{
  GtkWidget *key = find_key (kbd, kind, action, text);

  if (key == NULL)
    g_error ("no key %s '%s' in layout %d", action, text ? text : "", kind);
  g_signal_emit_by_name (key, "clicked");
}

/* Types @text with the text layout's keys, through the keyboard's actions: capitals with
 * a one-shot shift, as a citizen would. */
static void
type_with_actions (LoketKeyboard *kbd,
                   const char    *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char lower[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_tolower (c), lower);

      /* Every character typed has its own key in the layout. */
      g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", lower));

      if (g_unichar_isupper (c))
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL));
          g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_ONCE);
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.type", "s", lower));
      g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_OFF);
    }
}

static LoketKeyboard *
keyboard_for (GtkWidget         *entry,
              LoketKeyboardKind  kind)
{
  LoketKeyboard *kbd = LOKET_KEYBOARD (g_object_ref_sink (loket_keyboard_new ()));

  loket_keyboard_set_target (kbd, GTK_EDITABLE (entry));
  loket_keyboard_set_kind (kbd, kind);

  return kbd;
}

static void
test_keyboard_type_address (void)
{
  g_autoptr(GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  g_autoptr(LoketKeyboard) kbd = keyboard_for (entry, LOKET_KEYBOARD_TEXT);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  type_with_actions (kbd, "Jl. Melati No. 12/A, RT 005");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "Jl. Melati No. 12/A, RT 005");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 27);

  /* The rest of a name's punctuation and the space bar are keys of their own. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "o");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "'");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "#");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", " ");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "-");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "o'# -");
}

static void
test_keyboard_shift (void)
{
  g_autoptr(GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  g_autoptr(LoketKeyboard) kbd = keyboard_for (entry, LOKET_KEYBOARD_TEXT);
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *key_a = find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "a");
  GtkWidget *shift = find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.shift", NULL);
  int double_click_time;

  g_object_get (settings, "gtk-double-click-time", &double_click_time, NULL);
  g_assert_cmpint (double_click_time, >=, 100);

  /* One tap: the next letter only is a capital, and the keys show it. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (key_a)), ==, "a");
  g_signal_emit_by_name (shift, "clicked");
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_ONCE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (key_a)), ==, "A");
  g_assert_cmpstr (loket_keyboard_key_get_name (key_a), ==, "capital letter A");
  g_assert_true (gtk_widget_has_css_class (shift, "loket-key-active"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (shift)), ==, "⇧");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "a");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "a");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Aa");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (key_a)), ==, "a");
  g_assert_cmpstr (loket_keyboard_key_get_name (key_a), ==, "letter a");
  g_assert_false (gtk_widget_has_css_class (shift, "loket-key-active"));

  /* Two quick taps lock the capitals until shift is tapped again. */
  g_signal_emit_by_name (shift, "clicked");
  g_signal_emit_by_name (shift, "clicked");
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_LOCKED);
  g_assert_true (gtk_widget_has_css_class (shift, "loket-key-locked"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (shift)), ==, "⇪");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "r");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "t");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "1");
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_LOCKED);
  g_signal_emit_by_name (shift, "clicked");
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_OFF);
  g_assert_false (gtk_widget_has_css_class (shift, "loket-key-locked"));
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "b");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "AaRT1b");

  /* A slow second tap lets go instead of locking. */
  g_object_set (settings, "gtk-double-click-time", 1, NULL);
  g_signal_emit_by_name (shift, "clicked");
  g_usleep (20000);
  g_signal_emit_by_name (shift, "clicked");
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_OFF);
  g_object_set (settings, "gtk-double-click-time", double_click_time, NULL);

  /* A tap, a letter, a tap: two one-shot capitals, never a lock. */
  g_signal_emit_by_name (shift, "clicked");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "c");
  g_signal_emit_by_name (shift, "clicked");
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_ONCE);
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "d");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "AaRT1bCD");

  /* Shift never touches what is not a letter. */
  g_signal_emit_by_name (shift, "clicked");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "/");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "AaRT1bCD/");
}

static void
test_keyboard_backspace (void)
{
  g_autoptr(GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  g_autoptr(LoketKeyboard) kbd = keyboard_for (entry, LOKET_KEYBOARD_TEXT);
  GtkEditable *editable = GTK_EDITABLE (entry);

  type_with_actions (kbd, "Budi");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.backspace", NULL);
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "Bud");

  /* Backspace deletes before the caret, wherever the citizen put it. */
  gtk_editable_set_position (editable, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.backspace", NULL));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "ud");
  g_assert_cmpint (gtk_editable_get_position (editable), ==, 0);

  /* At the start there is nothing to delete. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.backspace", NULL));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "ud");

  /* Typing at the caret inserts there. */
  gtk_editable_set_position (editable, 1);
  type_with_actions (kbd, "n");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "und");

  /* A selection goes as a whole, by backspace or by typing over it. */
  gtk_editable_select_region (editable, 0, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.backspace", NULL));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "d");
  gtk_editable_select_region (editable, 0, -1);
  type_with_actions (kbd, "Siti");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "Siti");

  /* Multi-byte characters are deleted whole. */
  gtk_editable_set_text (editable, "Dé");
  gtk_editable_set_position (editable, -1);
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.backspace", NULL);
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "D");
}

static void
test_keyboard_email (void)
{
  g_autoptr(GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  g_autoptr(LoketKeyboard) kbd = keyboard_for (entry, LOKET_KEYBOARD_EMAIL);
  const char *keys[] = {
    "b", "u", "d", "i", ".", "s", "a", "n", "t", "o", "s", "o", "@", "m", "a", "i", "l",
    ".go.id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    tap (kbd, LOKET_KEYBOARD_EMAIL, "kbd.type", keys[i]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "budi.santoso@mail.go.id");

  /* The other endings and symbols of an address, and no shift: addresses go in lower case. */
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.type", ".co.id"));
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.type", ".com"));
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.type", "_"));
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.type", "-"));
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.backspace", NULL));
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.done", NULL));
  g_assert_null (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.shift", NULL));
  g_assert_null (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.type", " "));

  /* Ending keys type all their characters at once; backspace takes one back. */
  tap (kbd, LOKET_KEYBOARD_EMAIL, "kbd.backspace", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "budi.santoso@mail.go.i");
}

static void
test_keyboard_digits (void)
{
  g_autoptr(GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  g_autoptr(LoketKeyboard) kbd = keyboard_for (entry, LOKET_KEYBOARD_DIGITS);
  g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (kbd, LOKET_KEYBOARD_DIGITS);
  const char *nik = "3174012345670001";
  guint typing_keys = 0;

  for (const char *p = nik; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };

      tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", digit);
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, nik);
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.backspace", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "317401234567000");

  /* The keypad is ten digits and nothing else that types (see loket-keyboard.c on dates),
   * plus backspace, hide and done. */
  for (guint i = 0; i < keys->len; i++)
    {
      GtkActionable *key = g_ptr_array_index (keys, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (key), "kbd.type") == 0)
        {
          const char *text = g_variant_get_string (gtk_actionable_get_action_target_value (key),
                                                   NULL);

          g_assert_cmpint (strlen (text), ==, 1);
          g_assert_true (g_ascii_isdigit (text[0]));
          typing_keys++;
        }
    }
  g_assert_cmpuint (typing_keys, ==, 10);
  g_assert_cmpuint (keys->len, ==, 13);
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_DIGITS, "kbd.hide", NULL));
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_DIGITS, "kbd.done", NULL));
}

/* Key handlers on @widget: the keyboard must add none, so that a physical keyboard or a
 * USB barcode scanner keeps typing into the focused field as before. */
static guint
count_key_controllers (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) || GTK_IS_SHORTCUT_CONTROLLER (controller))
        count++;
    }

  return count;
}

/* The capture-phase tap gesture that loket_keyboard_attach_entry() put on @entry. */
static GtkGesture *
tap_gesture (GtkWidget *entry)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
  GtkGesture *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_assert_null (found);
          found = GTK_GESTURE (controller);
        }
    }

  g_assert_nonnull (found);
  return found;
}

static void
test_keyboard_follows_focus (void)
{
  GtkWindow *window = kiosk_window (1080, 1920);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *name = gtk_entry_new ();
  GtkWidget *email = gtk_entry_new ();
  GtkWidget *nik = gtk_entry_new ();
  GtkWidget *choice = gtk_entry_new ();
  GtkWidget *plain = gtk_entry_new ();
  GtkWidget *button = gtk_button_new_with_label ("Next");
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GtkStack *stack;
  guint window_keys, entry_keys;

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), email);
  gtk_box_append (GTK_BOX (box), nik);
  gtk_box_append (GTK_BOX (box), choice);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  window_keys = count_key_controllers (GTK_WIDGET (window));
  entry_keys = count_key_controllers (name);

  loket_keyboard_attach_entry (kbd, GTK_EDITABLE (name), LOKET_KEYBOARD_TEXT);
  loket_keyboard_attach_entry (kbd, GTK_EDITABLE (email), LOKET_KEYBOARD_EMAIL);
  loket_keyboard_attach_entry (kbd, GTK_EDITABLE (nik), LOKET_KEYBOARD_DIGITS);
  loket_keyboard_attach_entry (kbd, GTK_EDITABLE (choice), LOKET_KEYBOARD_NONE);
  loket_keyboard_watch_window (kbd, window);
  present_and_wait (window);
  g_assert_cmpuint (count_key_controllers (GTK_WIDGET (window)), ==, window_keys);
  g_assert_cmpuint (count_key_controllers (name), ==, entry_keys);
  g_assert_cmpuint (count_key_controllers (GTK_WIDGET (kbd)), ==, 0);

  stack = GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (kbd)));

  gtk_widget_grab_focus (name);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_TEXT);
  g_assert_true (loket_keyboard_get_target (kbd) == GTK_EDITABLE (name));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "text");

  gtk_widget_grab_focus (email);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_EMAIL);
  g_assert_true (loket_keyboard_get_target (kbd) == GTK_EDITABLE (email));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "email");

  gtk_widget_grab_focus (nik);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_DIGITS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "digits");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));

  /* Typing goes to the focused field, which keeps the focus. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.type", "s", "7"));
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", "1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nik)), ==, "71");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), nik));

  /* A field that takes no typing, an unattached one, or a button: no keyboard. */
  gtk_widget_grab_focus (choice);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_NONE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  g_assert_null (loket_keyboard_get_target (kbd));

  gtk_widget_grab_focus (name);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  gtk_widget_grab_focus (plain);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kbd)));

  gtk_widget_grab_focus (email);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  gtk_widget_grab_focus (button);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kbd)));

  /* "Hide" hides it while the field keeps the focus. */
  gtk_widget_grab_focus (name);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.hide", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), name));

  /* A tap on the focused field brings it back (the focus does not move, so only the
   * entry's own tap gesture can tell). */
  g_signal_emit_by_name (tap_gesture (name), "pressed", 1, 10.0, 10.0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_TEXT);

  gtk_window_destroy (window);
}

static void
done_cb (LoketKeyboard *kbd,
         guint         *count)
{
  (*count)++;
}

static void
test_keyboard_done (void)
{
  g_autoptr(GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  g_autoptr(LoketKeyboard) kbd = keyboard_for (entry, LOKET_KEYBOARD_DIGITS);
  guint done = 0;
  guint activated = 0;

  g_signal_connect (kbd, "done", G_CALLBACK (done_cb), &done);
  g_signal_connect (entry, "activate", G_CALLBACK (done_cb), &activated);

  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.done", NULL);
  g_assert_cmpuint (done, ==, 1);
  g_assert_cmpuint (activated, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.done", NULL));
  g_assert_cmpuint (done, ==, 2);
  g_assert_cmpuint (activated, ==, 2);

  /* Without a target, keys do nothing and nothing breaks; a field gone is let go. */
  loket_keyboard_set_target (kbd, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.type", "s", "1"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.backspace", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  loket_keyboard_set_target (kbd, GTK_EDITABLE (entry));
  g_clear_object (&entry);
  g_assert_null (loket_keyboard_get_target (kbd));
}

static void
test_keyboard_names (void)
{
  g_autoptr(LoketKeyboard) kbd = LOKET_KEYBOARD (g_object_ref_sink (loket_keyboard_new ()));
  const LoketKeyboardKind kinds[] = {
    LOKET_KEYBOARD_TEXT, LOKET_KEYBOARD_EMAIL, LOKET_KEYBOARD_DIGITS,
  };
  const guint expected_keys[] = { 47, 46, 13 };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (kbd, kinds[k]);
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (keys->len, ==, expected_keys[k]);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *key = g_ptr_array_index (keys, i);
          const char *label = gtk_button_get_label (GTK_BUTTON (key));
          const char *name = loket_keyboard_key_get_name (key);

          /* A citizen reads a label, a screen reader speaks a name; each key is told
           * apart from the others of its layout. GTK 4.8 cannot read an accessible name
           * back, so the keyboard keeps a copy of the name it hands to
           * gtk_accessible_update_property() in the same place, and that is checked. */
          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          g_assert_nonnull (name);
          g_assert_cmpstr (name, !=, "");
          g_assert_false (g_hash_table_contains (names, name));
          g_hash_table_add (names, (gpointer) name);

          /* Keys never take the focus from the field. */
          g_assert_false (gtk_widget_get_focusable (key));
          g_assert_false (gtk_widget_get_focus_on_click (key));
        }
    }

  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_TEXT,
                                                          "kbd.type", "a")), ==, "letter a");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_TEXT,
                                                          "kbd.type", " ")), ==, "Space");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_TEXT,
                                                          "kbd.type", ".")), ==, "full stop");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_TEXT,
                                                          "kbd.shift", NULL)), ==, "Shift");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_TEXT,
                                                          "kbd.backspace", NULL)), ==,
                   "Backspace");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_TEXT,
                                                          "kbd.hide", NULL)), ==,
                   "Hide keyboard");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_DIGITS,
                                                          "kbd.done", NULL)), ==, "Done");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_EMAIL,
                                                          "kbd.type", "@")), ==, "at sign");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_EMAIL,
                                                          "kbd.type", ".go.id")), ==, ".go.id");
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("LOKET_TEST_OUTPUT");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    {
      g_test_message ("LOKET_TEST_OUTPUT is not set: no screenshot %s", name);
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);

  /* The paintable shows what the widget last drew: after a change of theme, that is
   * only there once a frame has been painted. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint tries = 0; tries < 50; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        break;
      run_for (20);
      g_object_unref (paintable);
      paintable = gtk_widget_paintable_new (widget);
    }
  if (node == NULL)
    g_error ("nothing to render for %s: %d×%d, mapped %d, window %d×%d", name, width, height,
             gtk_widget_get_mapped (widget),
             gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (widget))),
             gtk_widget_get_height (GTK_WIDGET (gtk_widget_get_root (widget))));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);
  g_test_message ("screenshot: %s", path);
}

/* Measures every key of every layout in one theme: none smaller than 64×64, all inside the
 * window. Returns the height of the text layout's "a" key. */
static double
check_key_sizes (GtkWindow     *window,
                 LoketKeyboard *kbd,
                 const char    *theme)
{
  int window_width = gtk_widget_get_width (GTK_WIDGET (window));
  const LoketKeyboardKind kinds[] = {
    LOKET_KEYBOARD_TEXT, LOKET_KEYBOARD_EMAIL, LOKET_KEYBOARD_DIGITS,
  };
  const char *kind_names[] = { "text", "email", "digits" };
  double a_height = 0;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) keys = NULL;
      g_autofree char *png = NULL;
      graphene_rect_t kbd_bounds;

      loket_keyboard_set_kind (kbd, kinds[k]);
      run_for (150);

      /* The keyboard fits a portrait screen: the window did not have to grow. */
      if (gtk_widget_get_width (GTK_WIDGET (window)) != window_width)
        g_error ("%s theme, %s layout: the window grew to %d px wide",
                 theme, kind_names[k], gtk_widget_get_width (GTK_WIDGET (window)));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (kbd), GTK_WIDGET (window),
                                                &kbd_bounds));
      g_assert_cmpfloat (kbd_bounds.origin.x, >=, 0);
      g_assert_cmpfloat (kbd_bounds.origin.x + kbd_bounds.size.width, <=,
                         gtk_widget_get_width (GTK_WIDGET (window)));
      g_assert_cmpint (loket_keyboard_get_height (kbd), ==, (int) kbd_bounds.size.height);

      keys = loket_keyboard_get_keys (kbd, kinds[k]);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *key = g_ptr_array_index (keys, i);
          graphene_rect_t b;

          g_assert_true (gtk_widget_get_mapped (key));
          g_assert_true (gtk_widget_compute_bounds (key, GTK_WIDGET (window), &b));
          if (b.size.width < 64 || b.size.height < 64)
            g_error ("%s theme, %s layout: key '%s' is %.0f×%.0f px",
                     theme, kind_names[k], gtk_button_get_label (GTK_BUTTON (key)),
                     b.size.width, b.size.height);
          g_assert_cmpfloat (b.origin.x, >=, kbd_bounds.origin.x);
          g_assert_cmpfloat (b.origin.x + b.size.width, <=,
                             kbd_bounds.origin.x + kbd_bounds.size.width);
          g_assert_cmpfloat (b.origin.y + b.size.height, <=,
                             kbd_bounds.origin.y + kbd_bounds.size.height);

          if (kinds[k] == LOKET_KEYBOARD_TEXT &&
              g_strcmp0 (gtk_button_get_label (GTK_BUTTON (key)), "a") == 0)
            a_height = b.size.height;
        }

      png = g_strdup_printf ("keyboard-%s-%s.png", kind_names[k], theme);
      save_png (GTK_WIDGET (kbd), png);
    }

  return a_height;
}

static void
test_keyboard_sizes (void)
{
  GtkWindow *window = kiosk_window (1080, 1920);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *filler = gtk_label_new ("Nama lengkap");
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  double normal, large;

  gtk_widget_set_vexpand (filler, TRUE);
  gtk_box_append (GTK_BOX (box), filler);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  present_and_wait (window);

  loket_theme_set (display, FALSE, FALSE);
  normal = check_key_sizes (window, kbd, "default");

  /* Capitals locked: capital labels and a marked shift key. */
  loket_keyboard_set_kind (kbd, LOKET_KEYBOARD_TEXT);
  gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL);
  gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL);
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_LOCKED);
  run_for (100);
  save_png (GTK_WIDGET (kbd), "keyboard-text-caps-lock-default.png");
  gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL);

  loket_theme_set (display, TRUE, FALSE);
  large = check_key_sizes (window, kbd, "large-text");
  g_test_message ("key height: %.0f px default, %.0f px large text", normal, large);
  g_assert_cmpfloat (large / normal, >=, 1.3);
  g_assert_cmpfloat (large / normal, <=, 1.5);

  loket_theme_set (display, FALSE, TRUE);
  check_key_sizes (window, kbd, "high-contrast");

  loket_theme_set (display, TRUE, TRUE);
  check_key_sizes (window, kbd, "large-high-contrast");

  loket_theme_set (display, FALSE, FALSE);
  gtk_window_destroy (window);
}

static void
test_keyboard_landscape (void)
{
  GtkWindow *window = kiosk_window (1920, 1080);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *filler = gtk_label_new ("Nama lengkap");
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GtkWidget *key_q, *key_p;
  graphene_rect_t q, p;

  gtk_widget_set_vexpand (filler, TRUE);
  gtk_box_append (GTK_BOX (box), filler);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  present_and_wait (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 1920);

  check_key_sizes (window, kbd, "landscape-default");

  /* The keys stay together in the middle of a wide screen, within reach of one hand. */
  loket_keyboard_set_kind (kbd, LOKET_KEYBOARD_TEXT);
  run_for (100);
  key_q = find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "q");
  key_p = find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "p");
  g_assert_true (gtk_widget_compute_bounds (key_q, GTK_WIDGET (window), &q));
  g_assert_true (gtk_widget_compute_bounds (key_p, GTK_WIDGET (window), &p));
  g_assert_cmpfloat (p.origin.x + p.size.width - q.origin.x, <=, 1280);
  g_assert_cmpfloat_with_epsilon (q.origin.x, 1920 - (p.origin.x + p.size.width), 2);

  gtk_window_destroy (window);
}

static void
height_changed_cb (LoketKeyboard *kbd,
                   int            height,
                   int           *last)
{
  *last = height;
}

static void
assert_above_keyboard (GtkWindow     *window,
                       GtkWidget     *scroller,
                       GtkWidget     *entry,
                       LoketKeyboard *kbd)
{
  graphene_rect_t e, s, k;

  g_assert_true (gtk_widget_compute_bounds (entry, GTK_WIDGET (window), &e));
  g_assert_true (gtk_widget_compute_bounds (scroller, GTK_WIDGET (window), &s));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (kbd), GTK_WIDGET (window), &k));

  g_test_message ("entry %.0f–%.0f, scroller %.0f–%.0f, keyboard from %.0f",
                  e.origin.y, e.origin.y + e.size.height,
                  s.origin.y, s.origin.y + s.size.height, k.origin.y);

  /* Wholly inside the visible part of the scroller, wholly above the keyboard. */
  g_assert_cmpfloat (e.origin.y, >=, s.origin.y);
  g_assert_cmpfloat (e.origin.y + e.size.height, <=, s.origin.y + s.size.height);
  g_assert_cmpfloat (e.origin.y + e.size.height, <=, k.origin.y);
}

static void
test_keyboard_field_stays_visible (void)
{
  GtkWindow *window = kiosk_window (1080, 1920);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GtkWidget *entries[30];
  int height = -1;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      entries[i] = gtk_entry_new ();
      gtk_box_append (GTK_BOX (form), entries[i]);
      loket_keyboard_attach_entry (kbd, GTK_EDITABLE (entries[i]),
                                   i % 3 == 2 ? LOKET_KEYBOARD_DIGITS : LOKET_KEYBOARD_TEXT);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), form);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  g_signal_connect (kbd, "height-changed", G_CALLBACK (height_changed_cb), &height);
  loket_keyboard_watch_window (kbd, window);
  present_and_wait (window);

  /* The form is taller than the screen, so it must scroll. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (
                       GTK_SCROLLED_WINDOW (scroller))), >, 1920);

  gtk_widget_grab_focus (entries[29]);
  run_for (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  g_assert_cmpint (height, >, 300);
  g_assert_cmpint (height, ==, loket_keyboard_get_height (kbd));
  assert_above_keyboard (window, scroller, entries[29], kbd);

  /* Back to the top, then down to one just below the fold: each is brought into view. */
  gtk_widget_grab_focus (entries[0]);
  run_for (300);
  assert_above_keyboard (window, scroller, entries[0], kbd);

  gtk_widget_grab_focus (entries[20]);
  run_for (300);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_DIGITS);
  assert_above_keyboard (window, scroller, entries[20], kbd);

  /* In large text the keyboard grows; the field still stays above it. */
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (window)), TRUE, FALSE);
  gtk_widget_grab_focus (entries[28]);
  run_for (300);
  assert_above_keyboard (window, scroller, entries[28], kbd);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 1080);
  save_png (GTK_WIDGET (window), "keyboard-form-portrait-large-text.png");
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (window)), FALSE, FALSE);

  /* Hidden, it gives its height back. */
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.hide", NULL);
  run_for (200);
  g_assert_cmpint (height, ==, 0);

  gtk_window_destroy (window);
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result,
                                                         &error);

  *out = g_strdup (text != NULL ? text : "(none)");
}

static char *
read_clipboard (GdkClipboard *clipboard)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);

  return text;
}

static GtkWidget *
open_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
        return child;
    }

  return NULL;
}

static void
test_keyboard_private_entry (void)
{
  GtkWindow *window = kiosk_window (1080, 1920);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *private = gtk_entry_new ();
  GtkWidget *ordinary = gtk_entry_new ();
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GdkClipboard *clipboard = gtk_widget_get_clipboard (private);
  GtkWidget *private_text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (private)));
  GtkWidget *ordinary_text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (ordinary)));
  g_autofree char *copied = NULL;

  g_assert_nonnull (private_text);
  g_assert_nonnull (ordinary_text);
  gtk_box_append (GTK_BOX (box), private);
  gtk_box_append (GTK_BOX (box), ordinary);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  loket_entry_make_private (private);
  present_and_wait (window);

  g_assert_false (gtk_editable_get_enable_undo (GTK_EDITABLE (private)));
  g_assert_true (gtk_entry_get_input_hints (GTK_ENTRY (private)) & GTK_INPUT_HINT_PRIVATE);

  /* Undo: the ordinary field shows that the test can tell; the private one keeps its text. */
  loket_keyboard_set_kind (kbd, LOKET_KEYBOARD_DIGITS);
  loket_keyboard_set_target (kbd, GTK_EDITABLE (ordinary));
  gtk_widget_grab_focus (ordinary);
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", "5");
  run_for (50);
  gtk_widget_activate_action (ordinary_text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ordinary)), ==, "");

  loket_keyboard_set_target (kbd, GTK_EDITABLE (private));
  gtk_widget_grab_focus (private);
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", "3");
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", "1");
  run_for (50);
  gtk_widget_activate_action (private_text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (private)), ==, "31");

  /* Paste: the ordinary field takes it through "paste-clipboard", the signal that Ctrl+V
   * and GtkText's clipboard.paste action both end in; the private one refuses it either
   * way. (Whether GtkText enables its action at a given moment is its own business, so the
   * control case goes through the signal.) */
  gdk_clipboard_set_text (clipboard, "3174012345670001");
  gtk_widget_grab_focus (ordinary);
  run_for (50);
  g_signal_emit_by_name (ordinary_text, "paste-clipboard");
  run_for (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ordinary)), ==, "3174012345670001");

  gtk_widget_grab_focus (private);
  run_for (50);
  gtk_widget_activate_action (private_text, "clipboard.paste", NULL);
  g_signal_emit_by_name (private_text, "paste-clipboard");
  run_for (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (private)), ==, "31");

  /* Copy: selecting the private text and copying leaves the clipboard as it was. */
  gtk_editable_select_region (GTK_EDITABLE (private), 0, -1);
  gtk_widget_activate_action (private_text, "clipboard.copy", NULL);
  g_signal_emit_by_name (private_text, "copy-clipboard");
  g_signal_emit_by_name (private_text, "cut-clipboard");
  run_for (50);
  copied = read_clipboard (clipboard);
  g_assert_cmpstr (copied, ==, "3174012345670001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (private)), ==, "31");

  /* Its context menu (with copy and paste in it) does not open; an ordinary field's does. */
  gtk_widget_activate_action (ordinary_text, "menu.popup", NULL);
  run_for (100);
  g_assert_nonnull (open_popover (ordinary_text));
  gtk_popover_popdown (GTK_POPOVER (open_popover (ordinary_text)));
  run_for (100);
  gtk_widget_activate_action (private_text, "menu.popup", NULL);
  run_for (100);
  g_assert_null (open_popover (private_text));

  gtk_window_destroy (window);
}

static void
assert_offers_nothing (GdkClipboard *clipboard)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  gsize n_types = 0, n_mime_types = 0;

  gdk_content_formats_get_gtypes (formats, &n_types);
  gdk_content_formats_get_mime_types (formats, &n_mime_types);
  g_assert_cmpuint (n_types, ==, 0);
  g_assert_cmpuint (n_mime_types, ==, 0);
}

static void
test_keyboard_clipboard_wipe (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GdkClipboard *clipboard = gdk_display_get_clipboard (display);
  GdkClipboard *primary = gdk_display_get_primary_clipboard (display);
  g_autofree char *before = NULL;

  gdk_clipboard_set_text (clipboard, "Budi Santoso");
  gdk_clipboard_set_text (primary, "3174012345670001");
  before = read_clipboard (clipboard);
  g_assert_cmpstr (before, ==, "Budi Santoso");

  loket_clipboard_wipe (display);
  run_for (50);

  g_assert_null (gdk_clipboard_get_content (clipboard));
  g_assert_null (gdk_clipboard_get_content (primary));
  g_assert_false (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                     G_TYPE_STRING));

  /* Nothing is offered in any format any more. (Reading an empty clipboard is not tried:
   * GTK 4.8 leaks its internal task on that path, which LeakSanitizer would blame on us.) */
  assert_offers_nothing (clipboard);
  assert_offers_nothing (primary);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  loket_ui_init_styles ();

  g_test_add_func ("/keyboard/type-address", test_keyboard_type_address);
  g_test_add_func ("/keyboard/shift", test_keyboard_shift);
  g_test_add_func ("/keyboard/backspace", test_keyboard_backspace);
  g_test_add_func ("/keyboard/email", test_keyboard_email);
  g_test_add_func ("/keyboard/digits", test_keyboard_digits);
  g_test_add_func ("/keyboard/follows-focus", test_keyboard_follows_focus);
  g_test_add_func ("/keyboard/done", test_keyboard_done);
  g_test_add_func ("/keyboard/names", test_keyboard_names);
  g_test_add_func ("/keyboard/sizes", test_keyboard_sizes);
  g_test_add_func ("/keyboard/landscape", test_keyboard_landscape);
  g_test_add_func ("/keyboard/field-stays-visible", test_keyboard_field_stays_visible);
  g_test_add_func ("/keyboard/private-entry", test_keyboard_private_entry);
  g_test_add_func ("/keyboard/clipboard-wipe", test_keyboard_clipboard_wipe);

  return g_test_run ();
}
