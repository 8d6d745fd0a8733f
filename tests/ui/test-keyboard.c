/* test-keyboard.c — the on-screen keyboard's layouts: typing, shift, backspace, the email
 * and digit layouts, the phone keypad's "+", Done, and the keys' spoken names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the keyboard goes and how big its keys are: test-keyboard-layout.c; following the
 * focus and keeping personal data: test-keyboard-focus.c.
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "core/loket-validate.h"
#include "keyboard-test.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "pages-test.h"

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
  /* Really time: the second tap must come after the (1 ms) double-click time. */
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

  /* The keypad is ten digits and nothing else that types (see loket-keyboard-keys.c on dates),
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

static void
test_keyboard_phone (void)
{
  g_autoptr(GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  g_autoptr(LoketKeyboard) kbd = keyboard_for (entry, LOKET_KEYBOARD_PHONE);
  g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (kbd, LOKET_KEYBOARD_PHONE);
  const LoketFieldType digit_types[] = {
    LOKET_FIELD_TYPE_NIK, LOKET_FIELD_TYPE_KK, LOKET_FIELD_TYPE_NPWP, LOKET_FIELD_TYPE_DATE,
    LOKET_FIELD_TYPE_POSTAL_CODE, LOKET_FIELD_TYPE_RT, LOKET_FIELD_TYPE_RW,
    LOKET_FIELD_TYPE_NUMBER,
  };
  GtkWidget *plus = find_key (kbd, LOKET_KEYBOARD_PHONE, "kbd.type", "+");
  GtkStack *stack = GTK_STACK (gtk_widget_get_last_child (GTK_WIDGET (kbd)));
  guint typing_keys = 0;

  /* A phone field gets the keypad with a "+"; every other digit field the keypad without. */
  g_assert_cmpint (loket_field_type_keyboard (LOKET_FIELD_TYPE_PHONE), ==, LOKET_KEYBOARD_PHONE);
  for (guint i = 0; i < G_N_ELEMENTS (digit_types); i++)
    g_assert_cmpint (loket_field_type_keyboard (digit_types[i]), ==, LOKET_KEYBOARD_DIGITS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "phone");

  /* "+62 812…" as it is written abroad, key by key. */
  g_assert_nonnull (plus);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (plus)), ==, "+");
  g_assert_cmpstr (loket_keyboard_key_get_name (plus), ==, "plus sign");
  tap (kbd, LOKET_KEYBOARD_PHONE, "kbd.type", "+");
  for (const char *p = "6281234567890"; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };

      tap (kbd, LOKET_KEYBOARD_PHONE, "kbd.type", digit);
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "+6281234567890");
  tap (kbd, LOKET_KEYBOARD_PHONE, "kbd.backspace", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "+628123456789");

  /* The keypad's digits, the "+", backspace, hide and done; nothing else types. */
  for (guint i = 0; i < keys->len; i++)
    {
      GtkActionable *key = g_ptr_array_index (keys, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (key), "kbd.type") == 0)
        {
          const char *text = g_variant_get_string (gtk_actionable_get_action_target_value (key),
                                                   NULL);

          g_assert_cmpint (strlen (text), ==, 1);
          g_assert_true (g_ascii_isdigit (text[0]) || text[0] == '+');
          typing_keys++;
        }
    }
  g_assert_cmpuint (typing_keys, ==, 11);
  g_assert_cmpuint (keys->len, ==, 14);
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_PHONE, "kbd.hide", NULL));
  g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_PHONE, "kbd.done", NULL));

  /* The other layouts have no "+": a NIK, a date or a postal code never gets one. */
  g_assert_null (find_key (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", "+"));
  g_assert_null (find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "+"));
  g_assert_null (find_key (kbd, LOKET_KEYBOARD_EMAIL, "kbd.type", "+"));
}

/* The phone field of a real form step: a number typed with its country code is shown in
 * the groups it is read in and stored as one E.164 string; a "+" anywhere but first is not
 * taken, and the NIK field next to it shows no "+" key. */
static void
test_keyboard_phone_field (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  GtkWidget *phone, *nik;
  GtkStack *stack;
  g_autoptr(GError) error = NULL;
  g_autofree char *valid = NULL;

  g_assert_true (loket_request_set_life_event (request, "birth"));
  page = g_object_new (LOKET_TYPE_FORM_PAGE, "session", env->session, "section", "applicant",
                       NULL);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  stack = GTK_STACK (gtk_widget_get_last_child (GTK_WIDGET (kbd)));
  phone = loket_field_row_get_entry (LOKET_FIELD_ROW (loket_form_page_get_field (page,
                                                                              "applicant.phone")));
  nik = loket_field_row_get_entry (LOKET_FIELD_ROW (loket_form_page_get_field (page,
                                                                            "applicant.nik")));

  pages_focus (nik);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_DIGITS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "digits");

  pages_focus (phone);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_PHONE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "phone");
  pages_type (kbd, "+6281234567890");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "+62 812 3456 7890");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.phone"), ==, "+6281234567890");
  valid = loket_validate_phone (loket_request_get_text (request, "applicant.phone"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (valid, ==, "+6281234567890");

  /* A "+" typed in the middle goes nowhere; backspace takes digits, then the "+". */
  gtk_editable_set_position (GTK_EDITABLE (phone), 5);
  pages_type (kbd, "+");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "+62 812 3456 7890");
  gtk_editable_set_text (GTK_EDITABLE (phone), "");
  pages_type (kbd, "+6");
  gtk_editable_set_position (GTK_EDITABLE (phone), -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.backspace", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.backspace", NULL));
  UI_TEST_WAIT_UNTIL (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (phone)), ""), 5000);

  /* The national form still works, in its own groups. */
  pages_type (kbd, "081234567890");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "0812 3456 7890");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.phone"), ==, "081234567890");

  pages_window_destroy (window);
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
    LOKET_KEYBOARD_TEXT, LOKET_KEYBOARD_EMAIL, LOKET_KEYBOARD_DIGITS, LOKET_KEYBOARD_PHONE,
  };
  const guint expected_keys[] = { 47, 46, 13, 14 };

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
                                                          "kbd.done", NULL)), ==, "Next field ↵");
  g_assert_false (gtk_widget_has_css_class (find_key (kbd, LOKET_KEYBOARD_DIGITS, "kbd.done", NULL),
                                            "suggested-action"));
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_EMAIL,
                                                          "kbd.type", "@")), ==, "at sign");
  g_assert_cmpstr (loket_keyboard_key_get_name (find_key (kbd, LOKET_KEYBOARD_EMAIL,
                                                          "kbd.type", ".go.id")), ==, ".go.id");
}

/* The keypad's "Next field ↵" ends the answer: the focus goes on to the next question of
 * the step, and the keyboard follows it with the layout that question needs. */
static void
test_keyboard_next_field (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  GtkWidget *nik, *name, *phone;

  g_assert_true (loket_request_set_life_event (request, "birth"));
  page = g_object_new (LOKET_TYPE_FORM_PAGE, "session", env->session, "section", "applicant",
                       NULL);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  nik = loket_field_row_get_entry (LOKET_FIELD_ROW (loket_form_page_get_field (page,
                                                                            "applicant.nik")));
  name = loket_field_row_get_entry (LOKET_FIELD_ROW (loket_form_page_get_field (page,
                                                                             "applicant.name")));
  phone = loket_field_row_get_entry (LOKET_FIELD_ROW (loket_form_page_get_field (page,
                                                                              "applicant.phone")));

  pages_focus (nik);
  pages_type (kbd, "3273015203920002");
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.done", NULL);
  UI_TEST_WAIT_UNTIL (gtk_widget_has_focus (name) ||
                      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), name),
                      5000);
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_kind (kbd) == LOKET_KEYBOARD_TEXT, 5000);
  g_assert_cmpstr (loket_request_get_text (request, "applicant.nik"), ==, "3273015203920002");

  pages_type (kbd, "Siti Aminah");
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.done", NULL);
  UI_TEST_WAIT_UNTIL (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), phone),
                      5000);
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_kind (kbd) == LOKET_KEYBOARD_PHONE, 5000);
  /* Nothing was left behind in a field on the way. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Siti Aminah");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "");

  pages_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/keyboard/type-address", test_keyboard_type_address);
  g_test_add_func ("/keyboard/shift", test_keyboard_shift);
  g_test_add_func ("/keyboard/backspace", test_keyboard_backspace);
  g_test_add_func ("/keyboard/email", test_keyboard_email);
  g_test_add_func ("/keyboard/digits", test_keyboard_digits);
  g_test_add_func ("/keyboard/phone", test_keyboard_phone);
  g_test_add_func ("/keyboard/done", test_keyboard_done);
  g_test_add_func ("/keyboard/names", test_keyboard_names);
  /* Last: its kiosk session switches the process to the kiosk's language. */
  g_test_add_func ("/keyboard/phone-field", test_keyboard_phone_field);
  g_test_add_func ("/keyboard/next-field", test_keyboard_next_field);

  return g_test_run ();
}
