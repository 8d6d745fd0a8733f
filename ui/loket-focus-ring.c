/* loket-focus-ring.c — the focus ring stays for as long as the keyboard is in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 draws the focus ring (:focus-visible) after a key press and takes it away three
 * seconds later (gtkwindow.c, VISIBLE_FOCUS_DURATION), whether or not the keyboard is
 * still in use. A citizen who reads slowly, or cannot see well, and works the kiosk with a
 * keypad or a keyboard would lose where they are while reading a page. The ring is kept
 * while the last thing used was a key: before GTK's three seconds are up, the window is
 * told again that the focus is visible (which also starts GTK's count again). A touch or a
 * click ends it, and the ring goes as GTK means it to. Someone who turns the ring off (a
 * test comparing the ring drawn and not) is left alone: only a ring still shown is kept.
 */
#define G_LOG_DOMAIN "loket-focus-ring"

#include "config.h"

#include "loket-focus-ring.h"

/* Well inside GTK's three seconds, so a busy main loop still renews it in time. */
#define RENEW_MS 2000

typedef struct
{
  GtkWindow *window;        /* unowned: this lives as the window's data */
  gboolean   keyboard;      /* the last input was a key */
  guint      renew_id;
} FocusRing;

static void
focus_ring_free (gpointer data)
{
  FocusRing *ring = data;

  g_clear_handle_id (&ring->renew_id, g_source_remove);
  g_free (ring);
}

static gboolean
renew_cb (gpointer user_data)
{
  FocusRing *ring = user_data;

  if (!ring->keyboard || !gtk_window_get_focus_visible (ring->window))
    {
      ring->renew_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_window_set_focus_visible (ring->window, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
focus_visible_cb (GtkWindow  *window,
                  GParamSpec *pspec,
                  FocusRing  *ring)
{
  if (ring->renew_id == 0 && ring->keyboard && gtk_window_get_focus_visible (window))
    ring->renew_id = g_timeout_add (RENEW_MS, renew_cb, ring);
}

static gboolean
input_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          FocusRing                *ring)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
      /* GTK shows the ring for the key after this handler (its notify starts the renewal);
       * a ring already shown is renewed from now. */
      ring->keyboard = TRUE;
      focus_visible_cb (ring->window, NULL, ring);
      break;
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      ring->keyboard = FALSE;
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/**
 * loket_focus_ring_keep:
 * @window: the kiosk's window
 *
 * Keeps @window's focus ring shown while its keyboard is in use (see above).
 */
void
loket_focus_ring_keep (GtkWindow *window)
{
  FocusRing *ring = g_new0 (FocusRing, 1);
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  g_return_if_fail (GTK_IS_WINDOW (window));

  ring->window = window;
  g_object_set_data_full (G_OBJECT (window), "loket-focus-ring", ring, focus_ring_free);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (input_cb), ring);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
  g_signal_connect (window, "notify::focus-visible", G_CALLBACK (focus_visible_cb), ring);
  focus_visible_cb (window, NULL, ring);
}
