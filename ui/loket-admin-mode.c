/* loket-admin-mode.c — the door to staff admin mode: the gesture, who is in, how long
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gesture is watched with a legacy controller in the capture phase on the window, so it
 * sees every press before any widget (and takes none: the header's label under the corner
 * gets its events as before). Nothing on screen shows it is there.
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <string.h>

#include "loket-admin-mode.h"
#include "loket-admin-widgets.h"
#include "loket-window.h"

struct _LoketAdminMode
{
  GObject     parent_instance;

  GtkWindow  *window;          /* weak: the window owns this */
  LoketStaff *staff;

  guint32     taps[LOKET_ADMIN_TAPS];
  guint       n_taps;
  gboolean    holding;
  guint32     hold_started;
  guint       hold_id;

  char       *name;            /* who is in */
  guint       max_ms;
  guint       max_id;
};

G_DEFINE_FINAL_TYPE (LoketAdminMode, loket_admin_mode, G_TYPE_OBJECT)

enum {
  OPEN_REQUESTED,
  EXPIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Only Welcome opens the door: no citizen's data can be on screen there. */
static gboolean
on_welcome (LoketAdminMode *self)
{
  return self->window != NULL && LOKET_IS_WINDOW (self->window) &&
         g_strcmp0 (loket_window_get_page_name (LOKET_WINDOW (self->window)), "welcome") == 0;
}

static void
forget_taps (LoketAdminMode *self)
{
  self->n_taps = 0;
  self->holding = FALSE;
  g_clear_handle_id (&self->hold_id, g_source_remove);
}

static void
open_door (LoketAdminMode *self)
{
  forget_taps (self);
  if (!on_welcome (self))
    return;
  g_info ("The way into admin mode was used");
  g_signal_emit (self, signals[OPEN_REQUESTED], 0);
}

static gboolean
held_cb (gpointer user_data)
{
  LoketAdminMode *self = user_data;

  self->hold_id = 0;
  open_door (self);
  return G_SOURCE_REMOVE;
}

void
loket_admin_mode_press (LoketAdminMode *self,
                        double          x,
                        double          y,
                        guint32         time_ms)
{
  guint kept = 0;

  g_return_if_fail (LOKET_IS_ADMIN_MODE (self));

  if (!on_welcome (self) || x < 0 || y < 0 || x >= LOKET_ADMIN_CORNER_PX ||
      y >= LOKET_ADMIN_CORNER_PX)
    {
      forget_taps (self);
      return;
    }

  /* The last taps within the window of time, this one included. */
  if (self->n_taps == LOKET_ADMIN_TAPS)
    {
      memmove (self->taps, self->taps + 1, sizeof self->taps[0] * (LOKET_ADMIN_TAPS - 1));
      self->n_taps--;
    }
  self->taps[self->n_taps++] = time_ms;
  for (guint i = 0; i < self->n_taps; i++)
    if ((guint32) (time_ms - self->taps[i]) <= LOKET_ADMIN_TAPS_WITHIN_MS)
      self->taps[kept++] = self->taps[i];
  self->n_taps = kept;

  if (self->n_taps == LOKET_ADMIN_TAPS)
    {
      self->holding = TRUE;
      self->hold_started = time_ms;
      g_clear_handle_id (&self->hold_id, g_source_remove);
      self->hold_id = g_timeout_add (LOKET_ADMIN_HOLD_MS, held_cb, self);
    }
}

void
loket_admin_mode_release (LoketAdminMode *self,
                          guint32         time_ms)
{
  g_return_if_fail (LOKET_IS_ADMIN_MODE (self));

  if (!self->holding)
    return;

  /* Released before the timer ran: the event's own time still says how long it was held
   * (a main loop slowed down must not refuse a hold that was long enough). */
  if ((guint32) (time_ms - self->hold_started) >= LOKET_ADMIN_HOLD_MS)
    open_door (self);
  else
    forget_taps (self);
}

static gboolean
event_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          LoketAdminMode           *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x = 0, y = 0, dx = 0, dy = 0;

  switch (type)
    {
    case GDK_KEY_PRESS:
      {
        GdkModifierType state = gdk_event_get_modifier_state (event);

        if (gdk_keyval_to_lower (gdk_key_event_get_keyval (event)) == GDK_KEY_a &&
            (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == (GDK_CONTROL_MASK | GDK_ALT_MASK) &&
            on_welcome (self))
          {
            open_door (self);
            return GDK_EVENT_STOP;
          }
        return GDK_EVENT_PROPAGATE;
      }

    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      if (type == GDK_BUTTON_PRESS && gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
        return GDK_EVENT_PROPAGATE;
      /* Surface coordinates; the window's own start inside its surface (a shadow). */
      gdk_event_get_position (event, &x, &y);
      gtk_native_get_surface_transform (GTK_NATIVE (self->window), &dx, &dy);
      loket_admin_mode_press (self, x - dx, y - dy, gdk_event_get_time (event));
      return GDK_EVENT_PROPAGATE;

    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      if (type == GDK_TOUCH_CANCEL)
        forget_taps (self);
      else
        loket_admin_mode_release (self, gdk_event_get_time (event));
      return GDK_EVENT_PROPAGATE;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
max_cb (gpointer user_data)
{
  LoketAdminMode *self = user_data;

  self->max_id = 0;
  g_info ("Admin mode reached its longest visit");
  g_signal_emit (self, signals[EXPIRED], 0);
  return G_SOURCE_REMOVE;
}

void
loket_admin_mode_enter (LoketAdminMode *self,
                        const char     *name)
{
  g_return_if_fail (LOKET_IS_ADMIN_MODE (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
  g_clear_handle_id (&self->max_id, g_source_remove);
  self->max_id = g_timeout_add (self->max_ms, max_cb, self);
}

const char *
loket_admin_mode_get_name (LoketAdminMode *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_MODE (self), NULL);
  return self->name;
}

void
loket_admin_mode_leave (LoketAdminMode *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (LOKET_IS_ADMIN_MODE (self));

  forget_taps (self);
  g_clear_handle_id (&self->max_id, g_source_remove);
  name = g_steal_pointer (&self->name);
  /* The line is fdatasynced: in a worker thread, so Welcome shows at once. */
  if (name != NULL)
    loket_staff_audit_in_thread (self->staff, name, LOKET_AUDIT_LOGOUT, NULL);
}

void
loket_admin_mode_set_max_ms (LoketAdminMode *self,
                             guint           max_ms)
{
  g_return_if_fail (LOKET_IS_ADMIN_MODE (self));
  self->max_ms = max_ms;
}

LoketStaff *
loket_admin_mode_get_staff (LoketAdminMode *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_MODE (self), NULL);
  return self->staff;
}

static void
loket_admin_mode_dispose (GObject *object)
{
  LoketAdminMode *self = LOKET_ADMIN_MODE (object);

  forget_taps (self);
  g_clear_handle_id (&self->max_id, g_source_remove);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (loket_admin_mode_parent_class)->dispose (object);
}

static void
loket_admin_mode_finalize (GObject *object)
{
  LoketAdminMode *self = LOKET_ADMIN_MODE (object);

  g_clear_object (&self->staff);
  g_free (self->name);

  G_OBJECT_CLASS (loket_admin_mode_parent_class)->finalize (object);
}

static void
loket_admin_mode_class_init (LoketAdminModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_admin_mode_dispose;
  object_class->finalize = loket_admin_mode_finalize;

  signals[OPEN_REQUESTED] = g_signal_new ("open-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
loket_admin_mode_init (LoketAdminMode *self)
{
  self->max_ms = LOKET_ADMIN_MAX_SECONDS * 1000;
}

LoketAdminMode *
loket_admin_mode_new (GtkWindow  *window,
                      LoketStaff *staff)
{
  LoketAdminMode *self;
  GtkEventController *watch;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (LOKET_IS_STAFF (staff), NULL);

  self = g_object_new (LOKET_TYPE_ADMIN_MODE, NULL);
  g_set_weak_pointer (&self->window, window);
  self->staff = g_object_ref (staff);

  /* Capture phase: before the kiosk's key guard lets the rest through, and before any
   * widget under the corner; it takes nothing but the chord. */
  watch = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (watch, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (watch, "loket-admin-door");
  g_signal_connect_object (watch, "event", G_CALLBACK (event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), watch);

  return self;
}
