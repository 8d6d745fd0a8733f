/* loket-idle.c — the idle timer and its warning, over the page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A citizen who walks away mid-form must not leave their data to the next person, and one
 * who only paused to find a document must not lose it. So the kiosk warns first, with a
 * countdown and one big "Yes, continue", over the page (not a dialog: any touch anywhere
 * counts as an answer), and only then asks the window to wipe.
 */
#define G_LOG_DOMAIN "loket-idle"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-idle.h"

struct _LoketIdle
{
  GtkWidget  parent_instance;

  GtkWidget *card;
  GtkWidget *title;
  GtkWidget *countdown;
  GtkWidget *continue_button;
  GtkWidget *clear_button;

  guint      idle_ms;
  guint      warning_ms;
  gboolean   enabled;
  gboolean   warning;
  gint64     deadline;        /* monotonic µs when the warning ends */
  gint64     paused_until;    /* monotonic µs: Help asked for staff, the timer waits */
  gboolean   receipt;         /* the receipt page: its own question, and held ... */
  gboolean   receipt_out;     /* ... until the receipt was printed or shown long enough */

  guint      idle_id;
  guint      tick_id;

  GtkWidget *focus_before;    /* weak: where the citizen was when the warning came */
};

G_DEFINE_FINAL_TYPE (LoketIdle, loket_idle, GTK_TYPE_WIDGET)

enum {
  SIGNAL_EXPIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stop_warning (LoketIdle *self);

static void
update_countdown (LoketIdle *self)
{
  guint left = loket_idle_get_seconds_left (self);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the idle warning's countdown */
                                       "For your privacy, what you entered will be cleared in %u second.",
                                       "For your privacy, what you entered will be cleared in %u seconds.",
                                       left),
                          left);
  gtk_label_set_label (GTK_LABEL (self->countdown), text);
}

static void
expire (LoketIdle *self)
{
  stop_warning (self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  /* The window decides what comes next (the wipe, then welcome, where idle is off). */
  g_signal_emit (self, signals[SIGNAL_EXPIRED], 0);
}

static gboolean
tick_cb (gpointer user_data)
{
  LoketIdle *self = user_data;

  if (g_get_monotonic_time () >= self->deadline)
    {
      self->tick_id = 0;
      expire (self);
      return G_SOURCE_REMOVE;
    }

  update_countdown (self);
  return G_SOURCE_CONTINUE;
}

static void
start_warning (LoketIdle *self)
{
  self->warning = TRUE;
  self->deadline = g_get_monotonic_time () + (gint64) self->warning_ms * 1000;
  update_countdown (self);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    g_set_weak_pointer (&self->focus_before,
                        gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (self->continue_button);
  /* Four ticks a second keep the shown number within a quarter second of the truth. */
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add (MIN (250, MAX (self->warning_ms / 4, 10)), tick_cb, self);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
stop_warning (LoketIdle *self)
{
  gboolean had_focus;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (!self->warning)
    return;

  self->warning = FALSE;
  had_focus = has_focus_within (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  /* Hiding the warning drops its focus to nothing: a keyboard goes on where it was. */
  if (had_focus && self->focus_before != NULL && gtk_widget_get_mapped (self->focus_before))
    gtk_widget_grab_focus (self->focus_before);
  g_clear_weak_pointer (&self->focus_before);
}

static gboolean
key_is (guint        keyval,
        const guint *keys,
        gsize        n)
{
  for (gsize i = 0; i < n; i++)
    if (keys[i] == keyval)
      return TRUE;
  return FALSE;
}

/* A physical keyboard answers the warning as a finger would: Tab and the arrows move between
 * its two buttons (never to the page hidden under it), Enter and space press the focused one,
 * and Escape or any other key says "I am here". The key stops here: Escape would otherwise
 * also be Back, and a letter would land in a field the citizen cannot see. */
static gboolean
warning_key (LoketIdle *self,
             GdkEvent  *event)
{
  static const guint moves[] = {
    GDK_KEY_Tab, GDK_KEY_ISO_Left_Tab, GDK_KEY_KP_Tab, GDK_KEY_Up, GDK_KEY_Down,
    GDK_KEY_Left, GDK_KEY_Right, GDK_KEY_KP_Up, GDK_KEY_KP_Down, GDK_KEY_KP_Left,
    GDK_KEY_KP_Right,
  };
  static const guint presses[] = {
    GDK_KEY_Return, GDK_KEY_ISO_Enter, GDK_KEY_KP_Enter, GDK_KEY_space, GDK_KEY_KP_Space,
  };
  guint keyval = gdk_key_event_get_keyval (event);

  if (gdk_key_event_is_modifier (event))
    return GDK_EVENT_PROPAGATE;

  if (key_is (keyval, moves, G_N_ELEMENTS (moves)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_widget_grab_focus (gtk_widget_has_focus (self->continue_button) ? self->clear_button
                                                                          : self->continue_button);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
      return GDK_EVENT_STOP;
    }

  if (key_is (keyval, presses, G_N_ELEMENTS (presses)) && has_focus_within (self->card))
    return GDK_EVENT_PROPAGATE;

  loket_idle_poke (self);
  return GDK_EVENT_STOP;
}

static gboolean
idle_cb (gpointer user_data)
{
  LoketIdle *self = user_data;

  self->idle_id = 0;
  start_warning (self);
  return G_SOURCE_REMOVE;
}

static void
restart_timer (LoketIdle *self)
{
  gint64 now = g_get_monotonic_time ();
  guint extra_ms = 0;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (!self->enabled || (self->receipt && !self->receipt_out))
    return;
  /* A pause counts before the idle time: the citizen who waits for staff stays put. */
  if (self->paused_until > now)
    extra_ms = (guint) MIN ((self->paused_until - now) / 1000, G_MAXUINT / 2);
  self->idle_id = g_timeout_add (MAX (self->idle_ms + extra_ms, 1), idle_cb, self);
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          LoketIdle                *self)
{
  if (self->warning && gdk_event_get_event_type (event) == GDK_KEY_PRESS)
    return warning_key (self, event);

  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      loket_idle_poke (self);
      break;

    default:
      break;
    }

  /* Only watching: the touch still does what the citizen meant. */
  return GDK_EVENT_PROPAGATE;
}

static void
continue_clicked_cb (LoketIdle *self)
{
  loket_idle_poke (self);
}

static void
clear_clicked_cb (LoketIdle *self)
{
  expire (self);
}

static void
loket_idle_dispose (GObject *object)
{
  LoketIdle *self = LOKET_IDLE (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_weak_pointer (&self->focus_before);
  g_clear_pointer (&self->card, gtk_widget_unparent);

  G_OBJECT_CLASS (loket_idle_parent_class)->dispose (object);
}

static void
loket_idle_class_init (LoketIdleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_idle_dispose;

  signals[SIGNAL_EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loketidle");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
loket_idle_init (LoketIdle *self)
{
  GtkWidget *buttons;

  self->idle_ms = 90 * 1000;
  self->warning_ms = 25 * 1000;

  self->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_halign (self->card, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->card, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->card, "loket-idle-card");
  gtk_widget_set_parent (self->card, GTK_WIDGET (self));

  self->title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->title, "loket-title");
  gtk_box_append (GTK_BOX (self->card), self->title);

  self->countdown = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->countdown), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->countdown), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (self->countdown), 30);
  gtk_widget_add_css_class (self->countdown, "loket-lead");
  gtk_box_append (GTK_BOX (self->card), self->countdown);

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  gtk_box_append (GTK_BOX (self->card), buttons);

  self->continue_button = gtk_button_new ();
  gtk_widget_add_css_class (self->continue_button, "suggested-action");
  gtk_widget_add_css_class (self->continue_button, "loket-primary");
  gtk_widget_add_css_class (self->continue_button, "loket-idle-continue");
  g_signal_connect_swapped (self->continue_button, "clicked",
                            G_CALLBACK (continue_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->continue_button);

  self->clear_button = gtk_button_new ();
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->clear_button);

  loket_idle_locale_changed (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
loket_idle_new (void)
{
  return g_object_new (LOKET_TYPE_IDLE, NULL);
}

void
loket_idle_watch (LoketIdle *self,
                  GtkWidget *root)
{
  GtkEventController *controller;

  g_return_if_fail (LOKET_IS_IDLE (self));
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* Capture phase on the root: the idle timer hears every input before any widget can
   * claim it. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (event_cb), self, 0);
  gtk_widget_add_controller (root, controller);
}

void
loket_idle_set_timeouts_ms (LoketIdle *self,
                            guint      idle_ms,
                            guint      warning_ms)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  self->idle_ms = idle_ms;
  self->warning_ms = warning_ms;
  if (!self->warning)
    restart_timer (self);
}

guint
loket_idle_get_idle_ms (LoketIdle *self)
{
  g_return_val_if_fail (LOKET_IS_IDLE (self), 0);
  return self->idle_ms;
}

void
loket_idle_set_enabled (LoketIdle *self,
                        gboolean   enabled)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  stop_warning (self);
  restart_timer (self);
}

gboolean
loket_idle_get_enabled (LoketIdle *self)
{
  g_return_val_if_fail (LOKET_IS_IDLE (self), FALSE);
  return self->enabled;
}

void
loket_idle_poke (LoketIdle *self)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  stop_warning (self);
  restart_timer (self);
}

gboolean
loket_idle_is_warning (LoketIdle *self)
{
  g_return_val_if_fail (LOKET_IS_IDLE (self), FALSE);
  return self->warning;
}

guint
loket_idle_get_seconds_left (LoketIdle *self)
{
  gint64 left;

  g_return_val_if_fail (LOKET_IS_IDLE (self), 0);

  if (!self->warning)
    return 0;

  left = self->deadline - g_get_monotonic_time ();
  return left <= 0 ? 0 : (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

void
loket_idle_locale_changed (LoketIdle *self)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  if (self->receipt)
    {
      /* Translators: the idle warning on the receipt page: the paper must not be left behind. */
      gtk_label_set_label (GTK_LABEL (self->title), _("Have you taken your receipt?"));
      gtk_button_set_label (GTK_BUTTON (self->continue_button), _("Not yet, wait"));
      /* Translators: on the receipt page's idle warning; ends the visit at once */
      gtk_button_set_label (GTK_BUTTON (self->clear_button), _("Yes, finish now"));
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->title), _("Do you need more time?"));
      gtk_button_set_label (GTK_BUTTON (self->continue_button), _("Yes, continue"));
      /* Translators: on the idle warning; clears the form at once and goes back to the start */
      gtk_button_set_label (GTK_BUTTON (self->clear_button), _("No, clear my data now"));
    }
  if (self->warning)
    update_countdown (self);
}

void
loket_idle_pause (LoketIdle *self,
                  guint      seconds)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  self->paused_until = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  stop_warning (self);
  restart_timer (self);
}

void
loket_idle_set_receipt (LoketIdle *self,
                        gboolean   receipt)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  receipt = !!receipt;
  if (self->receipt == receipt)
    return;

  self->receipt = receipt;
  self->receipt_out = FALSE;
  loket_idle_locale_changed (self);
  stop_warning (self);
  restart_timer (self);
}

void
loket_idle_receipt_out (LoketIdle *self)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  if (!self->receipt || self->receipt_out)
    return;
  self->receipt_out = TRUE;
  restart_timer (self);
}

gboolean
loket_idle_is_running (LoketIdle *self)
{
  g_return_val_if_fail (LOKET_IS_IDLE (self), FALSE);
  return self->idle_id != 0 || self->warning;
}

void
loket_idle_skip_ms (LoketIdle *self,
                    guint      ms)
{
  g_return_if_fail (LOKET_IS_IDLE (self));

  if (self->warning)
    self->deadline -= (gint64) ms * 1000;
}
