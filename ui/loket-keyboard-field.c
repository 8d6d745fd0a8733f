/* loket-keyboard-field.c — the fields typed on the on-screen keyboard: attaching them, the
 * keyboard following the window's focus, staying in view next to the keyboard, and keeping
 * personal data to themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-keyboard"

#include "config.h"

#include "loket-keyboard.h"

/* What Loket knows of a field it types into. The fields are GTK's own widgets (GtkEntry,
 * GtkText, GtkSpinButton, built by pages and group editors), not subclasses of ours, so
 * this rides on the widget as qdata and is freed with it. An entry attached to the
 * keyboard holds its layout; the GtkText that does its editing holds what was taken away
 * from it (the two are one widget when a GtkText is attached itself). */
typedef struct {
  gboolean          attached;     /* loket_keyboard_attach_entry() was called on it */
  LoketKeyboardKind kind;
  gboolean          locked_down;  /* loket_entry_lock_down() */
  gboolean          private;      /* loket_entry_make_private() */
} FieldState;

static GQuark
field_state_quark (void)
{
  return g_quark_from_static_string ("loket-keyboard-field");
}

static FieldState *
field_state_lookup (GtkWidget *widget)
{
  return g_object_get_qdata (G_OBJECT (widget), field_state_quark ());
}

static FieldState *
field_state_ensure (GtkWidget *widget)
{
  FieldState *state = field_state_lookup (widget);

  if (state == NULL)
    {
      state = g_new0 (FieldState, 1);
      g_object_set_qdata_full (G_OBJECT (widget), field_state_quark (), state, g_free);
    }

  return state;
}

static LoketKeyboardKind
entry_kind (GtkWidget *widget)
{
  FieldState *state = field_state_lookup (widget);

  return state != NULL && state->attached ? state->kind : LOKET_KEYBOARD_NONE;
}

static void
entry_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  LoketKeyboard   *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  LoketKeyboardKind kind = entry_kind (entry);

  /* A tap on the field brings the keyboard back after "Hide" (the focus did not move). */
  if (kind == LOKET_KEYBOARD_NONE)
    return;

  loket_keyboard_set_target (self, GTK_EDITABLE (entry));
  loket_keyboard_set_kind (self, kind);
}

/**
 * loket_keyboard_attach_entry:
 * @self: a keyboard
 * @entry: a GtkEntry, GtkText, GtkSpinButton or other editable
 * @kind: the layout it needs (see loket_field_keyboard())
 *
 * Remembers which layout @entry takes; with loket_keyboard_watch_window() the keyboard
 * then follows the focus by itself, and a tap on the entry shows it again after "Hide".
 */
void
loket_keyboard_attach_entry (LoketKeyboard     *self,
                             GtkEditable       *entry,
                             LoketKeyboardKind  kind)
{
  FieldState *state;

  g_return_if_fail (LOKET_IS_KEYBOARD (self));
  g_return_if_fail (GTK_IS_EDITABLE (entry));
  g_return_if_fail (kind >= LOKET_KEYBOARD_NONE && kind <= LOKET_KEYBOARD_PHONE);

  state = field_state_ensure (GTK_WIDGET (entry));
  state->kind = kind;

  /* The first attach adds the tap; later ones only change the layout. */
  if (!state->attached)
    {
      GtkGesture *gesture = gtk_gesture_click_new ();

      state->attached = TRUE;

      /* Capture phase, never claiming: the entry's own gestures still place the caret. */
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture),
                                                  GTK_PHASE_CAPTURE);
      g_signal_connect_object (gesture, "pressed", G_CALLBACK (entry_pressed_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (entry), GTK_EVENT_CONTROLLER (gesture));
    }
}

static void
focus_changed_cb (GtkWindow     *window,
                  GParamSpec    *pspec,
                  LoketKeyboard *self)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  /* An entry's focus sits on its inner GtkText: look up to the attached widget. */
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      FieldState *state = field_state_lookup (w);

      if (w == GTK_WIDGET (self))
        return;

      if (state != NULL && state->attached && GTK_IS_EDITABLE (w))
        {
          LoketKeyboardKind kind = state->kind;

          if (kind == LOKET_KEYBOARD_NONE)
            break;

          loket_keyboard_set_target (self, GTK_EDITABLE (w));
          loket_keyboard_set_kind (self, kind);
          return;
        }
    }

  loket_keyboard_set_target (self, NULL);
  loket_keyboard_set_kind (self, LOKET_KEYBOARD_NONE);
}

/**
 * loket_keyboard_watch_window:
 * @self: a keyboard
 * @window: the window holding the attached entries
 *
 * Follows @window's focus: an attached entry gets the keyboard in its layout, anything
 * else hides it. Call it once; it stops when either goes away.
 */
void
loket_keyboard_watch_window (LoketKeyboard *self,
                             GtkWindow     *window)
{
  g_return_if_fail (LOKET_IS_KEYBOARD (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_signal_connect_object (window, "notify::focus-widget",
                           G_CALLBACK (focus_changed_cb), self, 0);
  focus_changed_cb (window, NULL, self);
}

/* The GtkText that an entry (or spin button) delegates its editing to. */
static GtkText *
find_text (GtkWidget *widget)
{
  GtkEditable *editable;

  if (GTK_IS_TEXT (widget))
    return GTK_TEXT (widget);

  if (!GTK_IS_EDITABLE (widget))
    return NULL;

  editable = GTK_EDITABLE (widget);
  while (editable != NULL && !GTK_IS_TEXT (editable))
    editable = gtk_editable_get_delegate (editable);

  return editable != NULL ? GTK_TEXT (editable) : NULL;
}

/**
 * loket_scroll_to_widget:
 * @scroller: a scrolled window
 * @widget: a descendant of @scroller
 *
 * Scrolls @scroller the least it takes to show @widget whole, with a margin, in the space
 * the scrolled window has now (after the keyboard took its part of the screen).
 */
void
loket_scroll_to_widget (GtkScrolledWindow *scroller,
                        GtkWidget         *widget)
{
  const double margin = 24;
  GtkAdjustment *vadj;
  GtkWidget *child;
  GtkWidget *content;
  graphene_rect_t bounds;
  double value, page, top, bottom;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (gtk_widget_is_ancestor (widget, GTK_WIDGET (scroller)));

  vadj = gtk_scrolled_window_get_vadjustment (scroller);
  value = gtk_adjustment_get_value (vadj);
  page = gtk_adjustment_get_page_size (vadj);
  child = gtk_scrolled_window_get_child (scroller);
  content = GTK_IS_VIEWPORT (child) ? gtk_viewport_get_child (GTK_VIEWPORT (child)) : NULL;

  if (content != NULL && (content == widget || gtk_widget_is_ancestor (widget, content)))
    {
      /* The viewport moves its child by the adjustment, so the child's own coordinates
       * are the adjustment's. */
      if (!gtk_widget_compute_bounds (widget, content, &bounds))
        return;
      top = bounds.origin.y;
    }
  else
    {
      if (!gtk_widget_compute_bounds (widget, child, &bounds))
        return;
      top = bounds.origin.y + value;
    }

  bottom = top + bounds.size.height;

  if (top - margin < value)
    gtk_adjustment_set_value (vadj, top - margin);
  else if (bottom + margin > value + page)
    gtk_adjustment_set_value (vadj, MIN (top - margin, bottom + margin - page));
}

static void
stop_clipboard_cb (GtkText *text,
                   gpointer user_data)
{
  const char *signal_name = user_data;

  g_signal_stop_emission_by_name (text, signal_name);
}

static void
claim_other_buttons_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        gpointer         user_data)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  /* The secondary button opens the context menu (GtkText pops it up itself, whatever its
   * "menu.popup" action says), the middle one pastes the primary selection: a kiosk's field
   * offers neither. */
  if (button != GDK_BUTTON_PRIMARY)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/**
 * loket_entry_lock_down:
 * @entry: a GtkEntry, GtkText or other editable built on GtkText
 *
 * Takes away what GtkText offers beyond typing, which on a kiosk leads out of Loket's
 * screens: its context menu (right click, Shift+F10, the Menu key; "Insert Emoji" and the
 * clipboard items in it), the emoji chooser (Ctrl+. and Ctrl+;) and emoji completion, and
 * any extra menu. Every entry a page attaches to the on-screen keyboard gets it
 * (loket_page_attach_entry), in every mode: none of it has a use at a kiosk.
 */
void
loket_entry_lock_down (GtkWidget *entry)
{
  static const char * const action_names[] = { "menu.popup", "misc.insert-emoji" };
  GtkText *text;
  GtkGesture *gesture;
  FieldState *state;

  g_return_if_fail (GTK_IS_WIDGET (entry));

  text = find_text (entry);
  g_return_if_fail (text != NULL);

  state = field_state_ensure (GTK_WIDGET (text));
  if (state->locked_down)
    return;
  state->locked_down = TRUE;

  gtk_text_set_extra_menu (text, NULL);
  gtk_text_set_enable_emoji_completion (text, FALSE);
  /* GtkText enables "misc.insert-emoji" again whenever its hints change, unless they say
   * NO_EMOJI. */
  gtk_text_set_input_hints (text, gtk_text_get_input_hints (text) | GTK_INPUT_HINT_NO_EMOJI);
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (text), action_names[i], FALSE);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (claim_other_buttons_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (text), GTK_EVENT_CONTROLLER (gesture));
}

/**
 * loket_entry_make_private:
 * @entry: a GtkEntry, GtkText or other editable built on GtkText
 *
 * Makes a field that holds personal data keep it to itself: locked down
 * (loket_entry_lock_down: no context menu), no undo history (which would outlive a wipe of
 * the text), no copy, cut or paste (by keys or actions), and hints that ask input methods
 * not to learn from it.
 */
void
loket_entry_make_private (GtkWidget *entry)
{
  static const char * const signal_names[] = {
    "copy-clipboard", "cut-clipboard", "paste-clipboard",
  };
  static const char * const action_names[] = {
    "clipboard.copy", "clipboard.cut", "clipboard.paste",
  };
  GtkText *text;
  FieldState *state;

  g_return_if_fail (GTK_IS_WIDGET (entry));

  text = find_text (entry);
  g_return_if_fail (text != NULL);

  state = field_state_ensure (GTK_WIDGET (text));
  if (state->private)
    return;
  state->private = TRUE;

  loket_entry_lock_down (entry);
  gtk_editable_set_enable_undo (GTK_EDITABLE (text), FALSE);
  gtk_text_set_input_hints (text, gtk_text_get_input_hints (text) |
                                  GTK_INPUT_HINT_NO_SPELLCHECK |
                                  GTK_INPUT_HINT_PRIVATE);

  /* GtkText enables its clipboard actions again whenever the selection changes, and its
   * key bindings emit the signals directly: stopping the signals covers every way in. */
  for (guint i = 0; i < G_N_ELEMENTS (signal_names); i++)
    g_signal_connect (text, signal_names[i], G_CALLBACK (stop_clipboard_cb),
                      (gpointer) signal_names[i]);
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (text), action_names[i], FALSE);
}

/**
 * loket_clipboard_wipe:
 * @display: the kiosk's display
 *
 * Empties the clipboard and the primary selection, which may still hold what the last
 * citizen selected. The idle wipe calls it.
 */
void
loket_clipboard_wipe (GdkDisplay *display)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));

  /* Claiming the clipboards with nothing in them also displaces another owner's data. */
  gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
  gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);
}
