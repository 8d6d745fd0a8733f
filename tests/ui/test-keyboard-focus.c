/* test-keyboard-focus.c — the on-screen keyboard follows the focus, and fields keep personal
 * data to themselves: no undo, no clipboard, a clipboard wiped after each citizen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "keyboard-test.h"
#include "ui-test-util.h"

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

  stack = GTK_STACK (gtk_widget_get_last_child (GTK_WIDGET (kbd)));

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
  UI_TEST_WAIT_UNTIL (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (ordinary)), "5"), 5000);
  gtk_widget_activate_action (ordinary_text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ordinary)), ==, "");

  loket_keyboard_set_target (kbd, GTK_EDITABLE (private));
  gtk_widget_grab_focus (private);
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", "3");
  tap (kbd, LOKET_KEYBOARD_DIGITS, "kbd.type", "1");
  UI_TEST_WAIT_UNTIL (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (private)), "31"), 5000);
  gtk_widget_activate_action (private_text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (private)), ==, "31");

  /* Paste: the ordinary field takes it through "paste-clipboard", the signal that Ctrl+V
   * and GtkText's clipboard.paste action both end in; the private one refuses it either
   * way. (Whether GtkText enables its action at a given moment is its own business, so the
   * control case goes through the signal.) */
  gdk_clipboard_set_text (clipboard, "3174012345670001");
  gtk_widget_grab_focus (ordinary);
  UI_TEST_WAIT_UNTIL (gtk_widget_has_focus (ordinary_text), 5000);
  g_signal_emit_by_name (ordinary_text, "paste-clipboard");
  /* The paste reads the clipboard asynchronously. */
  UI_TEST_WAIT_UNTIL (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (ordinary)),
                                   "3174012345670001"), 5000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ordinary)), ==, "3174012345670001");

  gtk_widget_grab_focus (private);
  UI_TEST_WAIT_UNTIL (gtk_widget_has_focus (private_text), 5000);
  gtk_widget_activate_action (private_text, "clipboard.paste", NULL);
  g_signal_emit_by_name (private_text, "paste-clipboard");
  /* Really time: a refused paste shows as nothing happening, and the clipboard is read
   * asynchronously; the accepted paste above arrives well within this. */
  ui_test_pump (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (private)), ==, "31");

  /* Copy: selecting the private text and copying leaves the clipboard as it was. */
  gtk_editable_select_region (GTK_EDITABLE (private), 0, -1);
  gtk_widget_activate_action (private_text, "clipboard.copy", NULL);
  g_signal_emit_by_name (private_text, "copy-clipboard");
  g_signal_emit_by_name (private_text, "cut-clipboard");
  /* A copy would set the (local) clipboard at once: what the signals set off has run. */
  ui_test_drain ();
  copied = read_clipboard (clipboard);
  g_assert_cmpstr (copied, ==, "3174012345670001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (private)), ==, "31");

  /* Its context menu (with copy and paste in it) does not open; an ordinary field's does. */
  gtk_widget_activate_action (ordinary_text, "menu.popup", NULL);
  UI_TEST_WAIT_UNTIL (open_popover (ordinary_text) != NULL, 5000);
  gtk_popover_popdown (GTK_POPOVER (open_popover (ordinary_text)));
  UI_TEST_WAIT_UNTIL (open_popover (ordinary_text) == NULL, 5000);
  gtk_widget_activate_action (private_text, "menu.popup", NULL);
  /* The ordinary field's menu opened within the action: what this one set off has run. */
  ui_test_drain ();
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
  UI_TEST_WAIT_UNTIL (gdk_clipboard_get_content (clipboard) == NULL &&
                      gdk_clipboard_get_content (primary) == NULL, 5000);

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
  ui_test_init (&argc, &argv);

  g_test_add_func ("/keyboard/follows-focus", test_keyboard_follows_focus);
  g_test_add_func ("/keyboard/private-entry", test_keyboard_private_entry);
  g_test_add_func ("/keyboard/clipboard-wipe", test_keyboard_clipboard_wipe);

  return g_test_run ();
}
