/* loket-watchdog.c — telling systemd the kiosk is up and alive (sd_notify)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The unit (data/systemd/loket-kiosk.service) is Type=notify with WatchdogSec=30: the kiosk
 * counts as started only once a citizen can see Welcome, and is restarted when either of
 * its two loops stops — the GTK main loop (no pings are sent from a blocked one) or the
 * delivery worker's (pings are withheld while it has not checked in).
 */
#define G_LOG_DOMAIN "loket-watchdog"

#include "config.h"

#include <string.h>
#include <systemd/sd-daemon.h>

#include "net/loket-delivery.h"

#include "loket-watchdog.h"

struct _LoketWatchdog
{
  GObject        parent_instance;

  LoketWindow   *window;           /* weak */
  gulong         realize_id;
  gulong         after_paint_id;
  GdkFrameClock *frame_clock;      /* while waiting for the first frame */

  gint64         watchdog_us;      /* WATCHDOG_USEC, 0 without a watchdog */
  guint          ping_id;
  gboolean       withholding;      /* pings withheld for the worker: logged once */

  char          *test_hook;        /* LOKET_WATCHDOG_TEST's action, or NULL */
  guint          test_delay_ms;
  guint          test_id;
};

G_DEFINE_FINAL_TYPE (LoketWatchdog, loket_watchdog, G_TYPE_OBJECT)

static void
notify (const char *state)
{
  int r = sd_notify (0, state);

  if (r < 0)
    g_debug ("sd_notify (%s) failed: %s", state, g_strerror (-r));
}

/* The worker's heartbeat, judged against two thirds of the watchdog time: a worker that does
 * not run (no outbox yet: the kiosk is out of service and the session rechecks) is no hang. */
static gboolean
worker_alive (LoketWatchdog *self)
{
  LoketSession *session;
  LoketDelivery *delivery;
  gint64 checkin, silent;

  if (self->window == NULL)
    return FALSE;
  session = loket_window_get_session (self->window);
  delivery = session != NULL ? loket_session_get_delivery (session) : NULL;
  checkin = delivery != NULL ? loket_delivery_get_checkin_time (delivery) : 0;
  if (checkin == 0)
    return TRUE;

  /* The check-in has a second's precision. */
  silent = g_get_monotonic_time () - checkin - G_USEC_PER_SEC;
  if (silent <= self->watchdog_us * 2 / 3)
    {
      if (self->withholding)
        g_message ("The delivery worker checks in again: watchdog pings resume");
      self->withholding = FALSE;
      return TRUE;
    }

  if (!self->withholding)
    g_message ("The delivery worker has not checked in for %" G_GINT64_FORMAT " s: watchdog "
               "pings withheld, so the service manager restarts the kiosk",
               silent / G_USEC_PER_SEC);
  self->withholding = TRUE;
  return FALSE;
}

static gboolean
ping (gpointer user_data)
{
  LoketWatchdog *self = user_data;

  if (worker_alive (self))
    notify ("WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

static gboolean
run_test_hook (gpointer user_data)
{
  LoketWatchdog *self = user_data;

  self->test_id = 0;
  g_message ("Watchdog test: %s", self->test_hook);
  if (g_str_equal (self->test_hook, "block-main"))
    {
      g_usleep (600 * G_USEC_PER_SEC);
    }
  else if (g_str_equal (self->test_hook, "block-worker") && self->window != NULL)
    {
      LoketDelivery *delivery =
        loket_session_get_delivery (loket_window_get_session (self->window));

      if (delivery != NULL)
        loket_delivery_block_for_test (delivery, 600);
    }
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_frame (LoketWatchdog *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  LoketWatchdog *self = user_data;
  const char *page = self->window != NULL ? loket_window_get_page_name (self->window) : NULL;

  if (g_strcmp0 (page, "welcome") != 0)
    return;

  stop_waiting_for_frame (self);
  notify ("READY=1\nSTATUS=Welcome is showing");
  g_debug ("Ready: Welcome drew its first frame");

  if (self->watchdog_us > 0)
    {
      guint interval_ms = (guint) MAX (self->watchdog_us / 3 / 1000, 1);

      ping (self);
      self->ping_id = g_timeout_add (interval_ms, ping, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->ping_id),
                                "[loket-watchdog] ping");
    }
  if (self->test_hook != NULL)
    self->test_id = g_timeout_add (self->test_delay_ms, run_test_hook, self);
}

static void
wait_for_frame (LoketWatchdog *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));

  if (clock == NULL || self->frame_clock != NULL)
    return;
  self->frame_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint),
                                           self);
  /* A window already drawn draws again only when something changes. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
on_realize (GtkWidget *window,
            gpointer   user_data)
{
  wait_for_frame (user_data);
}

static void
read_test_hook (LoketWatchdog *self)
{
  const char *spec = g_getenv ("LOKET_WATCHDOG_TEST");
  g_auto(GStrv) parts = NULL;
  guint64 delay = 0;

  if (spec == NULL || *spec == '\0')
    return;
  parts = g_strsplit (spec, ":", 2);
  if (g_strv_length (parts) != 2 ||
      !(g_str_equal (parts[0], "block-main") || g_str_equal (parts[0], "block-worker")) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &delay, NULL))
    {
      g_message ("LOKET_WATCHDOG_TEST=%s not understood: ignored", spec);
      return;
    }
  self->test_hook = g_strdup (parts[0]);
  self->test_delay_ms = (guint) delay;
}

static void
loket_watchdog_dispose (GObject *object)
{
  LoketWatchdog *self = LOKET_WATCHDOG (object);

  stop_waiting_for_frame (self);
  g_clear_handle_id (&self->ping_id, g_source_remove);
  g_clear_handle_id (&self->test_id, g_source_remove);
  if (self->window != NULL)
    g_clear_signal_handler (&self->realize_id, self->window);
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (loket_watchdog_parent_class)->dispose (object);
}

static void
loket_watchdog_finalize (GObject *object)
{
  LoketWatchdog *self = LOKET_WATCHDOG (object);

  g_free (self->test_hook);

  G_OBJECT_CLASS (loket_watchdog_parent_class)->finalize (object);
}

static void
loket_watchdog_class_init (LoketWatchdogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_watchdog_dispose;
  object_class->finalize = loket_watchdog_finalize;
}

static void
loket_watchdog_init (LoketWatchdog *self)
{
}

LoketWatchdog *
loket_watchdog_new (LoketWindow *window)
{
  LoketWatchdog *self;
  const char *usec;
  guint64 value = 0;

  g_return_val_if_fail (LOKET_IS_WINDOW (window), NULL);

  self = g_object_new (LOKET_TYPE_WATCHDOG, NULL);
  if (g_getenv ("NOTIFY_SOCKET") == NULL)
    return self;

  usec = g_getenv ("WATCHDOG_USEC");
  if (usec != NULL && g_ascii_string_to_unsigned (usec, 10, 1, G_MAXINT64, &value, NULL))
    self->watchdog_us = (gint64) value;
  else if (usec != NULL)
    g_message ("WATCHDOG_USEC=%s is not a number of microseconds: no watchdog pings", usec);
  read_test_hook (self);

  g_set_weak_pointer (&self->window, window);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    wait_for_frame (self);
  else
    self->realize_id = g_signal_connect (window, "realize", G_CALLBACK (on_realize), self);
  return self;
}
