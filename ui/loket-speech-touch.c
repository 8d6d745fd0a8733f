/* loket-speech-touch.c — explore by touch: a tap says a control, the next tap presses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GtkGestureDrag in the capture phase of the window sees every touch (and click) before
 * the widget under it. With speech off it denies every sequence, and nothing changes. With
 * speech on it claims the sequences it explores — GTK then hides them from the controls
 * below, so a button's own gesture never clicks it — and presses the control itself when
 * the citizen taps the one just said. Entries are let through: their tap only moves the
 * focus (and brings up the keyboard), which is safe, and the focus change is said by the
 * speech mode like any other.
 *
 * The words are the ones a screen reader gets (loket-speech-label.h) and the keys' own
 * spoken names (loket_keyboard_key_get_name()).
 */
#define G_LOG_DOMAIN "loket-speech"

#include "config.h"

#include <glib/gi18n.h>

#include "loket-keyboard-private.h"
#include "loket-speech-label.h"
#include "loket-speech-touch.h"

typedef enum {
  TARGET_NONE,
  TARGET_CONTROL,   /* a button, toggle, check or radio button, switch or list row */
  TARGET_ENTRY,     /* a field: the tap goes through to it */
  TARGET_KEY,       /* a key of the on-screen keyboard: tap and lift */
  TARGET_TEXT,      /* a label outside any control: said, never pressed */
} TargetKind;

struct _LoketSpeechTouch
{
  GObject           parent_instance;

  GtkWindow        *window;     /* not referenced: it owns the gesture, the mode owns us */
  LoketSpeechMode  *mode;       /* not referenced: it owns us */
  GtkGesture       *gesture;    /* owned by the window */

  GWeakRef          said;       /* the control the last tap said */
  GWeakRef          current;    /* under the finger in this touch */
  TargetKind        kind;       /* what this touch explores */
  gboolean          tracking;   /* this touch was claimed */
  gboolean          press;      /* this touch began on the control said: pressed on release */
};

G_DEFINE_FINAL_TYPE (LoketSpeechTouch, loket_speech_touch, G_TYPE_OBJECT)

static gboolean
is_control (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget));

  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget);
}

/* What a finger at (x, y) of the window explores. Insensitive controls are found too: the
 * citizen hears that they cannot be used now. */
static GtkWidget *
find_target (LoketSpeechTouch *self,
             double            x,
             double            y,
             TargetKind       *kind)
{
  GtkWidget *root = GTK_WIDGET (self->window);
  GtkWidget *picked = gtk_widget_pick (root, x, y, GTK_PICK_INSENSITIVE);
  GtkWidget *label = NULL;

  *kind = TARGET_NONE;
  for (GtkWidget *w = picked; w != NULL && w != root; w = gtk_widget_get_parent (w))
    {
      if (LOKET_IS_KEYBOARD_KEY (w))
        {
          *kind = TARGET_KEY;
          return w;
        }
      if (GTK_IS_EDITABLE (w))
        {
          /* The outermost editable (an entry, not the GtkText within it) holds the name. */
          while (gtk_widget_get_parent (w) != NULL && GTK_IS_EDITABLE (gtk_widget_get_parent (w)))
            w = gtk_widget_get_parent (w);
          *kind = TARGET_ENTRY;
          return w;
        }
      if (is_control (w))
        {
          *kind = TARGET_CONTROL;
          return w;
        }
      if (label == NULL && GTK_IS_LABEL (w))
        label = w;
    }

  if (label != NULL)
    *kind = TARGET_TEXT;
  return label;
}

static gboolean
has_state (GtkWidget *widget,
           gboolean  *active)
{
  if (GTK_IS_TOGGLE_BUTTON (widget))
    *active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    *active = gtk_check_button_get_active (GTK_CHECK_BUTTON (widget));
  else if (GTK_IS_SWITCH (widget))
    *active = gtk_switch_get_active (GTK_SWITCH (widget));
  else
    return FALSE;

  return TRUE;
}

char *
loket_speech_touch_dup_text (GtkWidget *widget,
                             gboolean   private)
{
  g_autofree char *name = NULL;
  gboolean active;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (LOKET_IS_KEYBOARD_KEY (widget))
    return g_strdup (loket_keyboard_key_get_name (widget));

  name = loket_speech_label_dup_name (widget);
  if (name == NULL && !GTK_IS_LABEL (widget))
    name = loket_speech_label_dup_first_text (widget);
  if (name == NULL)
    return NULL;

  if (GTK_IS_EDITABLE (widget))
    {
      const char *value = gtk_editable_get_text (GTK_EDITABLE (widget));

      /* What the citizen typed, only where no one else hears it (as say_value ()). */
      if (private && value != NULL && *value != '\0')
        return g_strdup_printf ("%s, %s", name, value);
      return g_steal_pointer (&name);
    }

  if (!gtk_widget_is_sensitive (widget))
    /* Translators: a control said in speech mode that cannot be used now; %s is its name. */
    return g_strdup_printf (_("%s, unavailable"), name);

  if (has_state (widget, &active))
    return active
      /* Translators: a toggle or check box said in speech mode, chosen; %s is its name. */
      ? g_strdup_printf (_("%s, selected"), name)
      /* Translators: a toggle or check box said in speech mode, not chosen; %s is its name. */
      : g_strdup_printf (_("%s, not selected"), name);

  return g_steal_pointer (&name);
}

static void
say (LoketSpeechTouch *self,
     GtkWidget        *widget)
{
  LoketSpeech *speech = loket_speech_mode_get_speech (self->mode);
  const char *language = loket_speech_mode_get_language (self->mode);
  g_autofree char *text = NULL;

  if (speech == NULL)
    return;

  text = loket_speech_touch_dup_text (widget, loket_speech_get_private (speech));
  loket_speech_say (speech, language, text);
  if (!LOKET_IS_KEYBOARD_KEY (widget))
    loket_speech_queue (speech, language, loket_speech_label_get_description (widget));
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The citizen tapped the control just said: press it as its own tap would have. */
static void
press (LoketSpeechTouch *self,
       GtkWidget        *widget)
{
  gboolean active;

  if (!gtk_widget_is_sensitive (widget))
    {
      say (self, widget);
      return;
    }

  g_object_ref (widget);
  if (GTK_IS_BUTTON (widget))
    g_signal_emit_by_name (widget, "clicked");
  else
    gtk_widget_activate (widget);

  /* A toggle stays where it is: its new state is said. A button that leaves the page is
   * followed by the page's own words. */
  if (has_state (widget, &active) && gtk_widget_get_mapped (widget))
    say (self, widget);
  g_object_unref (widget);
}

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               LoketSpeechTouch *self)
{
  g_autoptr(GtkWidget) said = g_weak_ref_get (&self->said);
  GtkWidget *target;

  self->tracking = FALSE;
  self->press = FALSE;
  g_weak_ref_set (&self->current, NULL);

  if (!loket_speech_mode_get_enabled (self->mode))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  target = find_target (self, x, y, &self->kind);
  if (target == NULL || self->kind == TARGET_ENTRY)
    {
      /* An entry takes the tap itself. When its focus does not move, nothing else says it. */
      if (target != NULL && has_focus_within (target))
        say (self, target);
      g_weak_ref_set (&self->said, target);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->tracking = TRUE;
  g_weak_ref_set (&self->current, target);

  if (self->kind == TARGET_CONTROL && target == said)
    {
      self->press = TRUE;
      return;
    }

  say (self, target);
  if (self->kind != TARGET_KEY)
    g_weak_ref_set (&self->said, target);
}

static GtkWidget *
target_at_offset (LoketSpeechTouch *self,
                  GtkGestureDrag   *gesture,
                  double            dx,
                  double            dy,
                  TargetKind       *kind)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  return find_target (self, x + dx, y + dy, kind);
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                LoketSpeechTouch *self)
{
  g_autoptr(GtkWidget) current = g_weak_ref_get (&self->current);
  TargetKind kind;
  GtkWidget *target;

  if (!self->tracking)
    return;

  target = target_at_offset (self, gesture, dx, dy, &kind);
  if (target == current)
    return;

  /* The finger slid: a key says the key it reached, the rest say the control. Only on the
   * keyboard does a key count; off it the finger types nothing on release. */
  self->press = FALSE;
  if (self->kind == TARGET_KEY ? kind != TARGET_KEY : kind != TARGET_CONTROL && kind != TARGET_TEXT)
    target = NULL;

  g_weak_ref_set (&self->current, target);
  if (target == NULL)
    return;

  say (self, target);
  if (self->kind != TARGET_KEY)
    g_weak_ref_set (&self->said, target);
}

static void
drag_end_cb (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             LoketSpeechTouch *self)
{
  g_autoptr(GtkWidget) current = g_weak_ref_get (&self->current);
  TargetKind kind;
  GtkWidget *target;

  if (!self->tracking)
    return;
  self->tracking = FALSE;
  g_weak_ref_set (&self->current, NULL);

  target = target_at_offset (self, gesture, dx, dy, &kind);
  if (current == NULL || target != current)
    return;

  /* Tap and lift: the key under the finger when it lifts is typed. */
  if (self->kind == TARGET_KEY)
    g_signal_emit_by_name (target, "clicked");
  else if (self->press && kind == TARGET_CONTROL)
    press (self, target);
}

static void
cancel_cb (GtkGesture       *gesture,
           GdkEventSequence *sequence,
           LoketSpeechTouch *self)
{
  self->tracking = FALSE;
  self->press = FALSE;
  g_weak_ref_set (&self->current, NULL);
}

static void
loket_speech_touch_finalize (GObject *object)
{
  LoketSpeechTouch *self = LOKET_SPEECH_TOUCH (object);

  g_weak_ref_clear (&self->said);
  g_weak_ref_clear (&self->current);

  G_OBJECT_CLASS (loket_speech_touch_parent_class)->finalize (object);
}

static void
loket_speech_touch_dispose (GObject *object)
{
  LoketSpeechTouch *self = LOKET_SPEECH_TOUCH (object);

  if (self->gesture != NULL)
    g_signal_handlers_disconnect_by_data (self->gesture, self);
  self->gesture = NULL;

  G_OBJECT_CLASS (loket_speech_touch_parent_class)->dispose (object);
}

static void
loket_speech_touch_class_init (LoketSpeechTouchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_speech_touch_dispose;
  object_class->finalize = loket_speech_touch_finalize;
}

static void
loket_speech_touch_init (LoketSpeechTouch *self)
{
  g_weak_ref_init (&self->said, NULL);
  g_weak_ref_init (&self->current, NULL);
}

LoketSpeechTouch *
loket_speech_touch_new (GtkWindow       *window,
                        LoketSpeechMode *mode)
{
  LoketSpeechTouch *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (LOKET_TYPE_SPEECH_TOUCH, NULL);
  self->window = window;
  self->mode = mode;

  self->gesture = gtk_gesture_drag_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (self->gesture), "loket-speech-touch");
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->gesture),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect (self->gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (self->gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (self->gesture, "cancel", G_CALLBACK (cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (self->gesture));

  return self;
}

void
loket_speech_touch_forget (LoketSpeechTouch *self)
{
  g_return_if_fail (LOKET_IS_SPEECH_TOUCH (self));

  g_weak_ref_set (&self->said, NULL);
}

GtkWidget *
loket_speech_touch_get_said (LoketSpeechTouch *self)
{
  g_autoptr(GtkWidget) said = NULL;

  g_return_val_if_fail (LOKET_IS_SPEECH_TOUCH (self), NULL);

  /* The window's tree holds it; the weak reference only follows it. */
  said = g_weak_ref_get (&self->said);
  return said;
}
