/* loket-application.c — the kiosk program: options, configuration, styles, the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sysexits.h>
#include <glib-unix.h>

#include "core/loket-i18n.h"
#include "metrics/loket-metrics.h"
#include "metrics/loket-metrics-file.h"

#include "loket-application.h"
#include "loket-local-watch.h"
#include "loket-restart-watch.h"
#include "loket-version.h"
#include "loket-watchdog.h"
#include "loket-window.h"

/* How often the kiosk looks whether its program or configuration changed. */
#define RESTART_CHECK_MS 2000

struct _LoketApplication
{
  GtkApplication  parent_instance;

  LoketConfig    *config;
  LoketSession   *session;
  LoketMetricsFile *metrics;
  gboolean        kiosk;

  LoketWatchdog     *watchdog;        /* sd_notify: READY=1, WATCHDOG=1 */
  LoketRestartWatch *restart_watch;   /* --kiosk: restart at Welcome after a change */
  LoketLocalWatch   *local_watch;     /* loketctl's settings and offer, read at Welcome */
};

G_DEFINE_FINAL_TYPE (LoketApplication, loket_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run fullscreen as a kiosk: no decorations, no closing, no pointer"), NULL },
  { "config", 'c', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read this configuration file instead of the default"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static int
loket_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  LoketApplication *self = LOKET_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *config_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      printf ("loket %s (%s)\n", PACKAGE_VERSION, LOKET_VCS_TAG);
      return 0;
    }

  self->kiosk = g_variant_dict_contains (options, "kiosk");

  /* A bad configuration is refused before any window opens: the message names the file,
   * the line and the key, so the person who wrote it can mend it. */
  if (g_variant_dict_lookup (options, "config", "^&ay", &config_path))
    self->config = loket_config_load (config_path, &error);
  else if (g_file_test (LOKET_DEFAULT_CONFIG, G_FILE_TEST_EXISTS))
    self->config = loket_config_load (LOKET_DEFAULT_CONFIG, &error);
  else
    self->config = loket_config_new_default ();

  /* EX_CONFIG (78): a service manager told RestartPreventExitStatus=78 does not restart a
   * kiosk whose file will not parse any better the next time. */
  if (self->config == NULL)
    {
      fprintf (stderr, "loket: %s\n", error->message);
      return EX_CONFIG;
    }

  /* Without a catalog the kiosk cannot ask anything: refuse to start, and say why; the
   * catalog is the configuration's too, so EX_CONFIG again (no restart in a loop). An
   * outbox that does not open, or a key that cannot be read, is not fatal: the kiosk stays
   * up, out of service (Welcome says so, tracking still works), logs it once for staff and
   * rechecks every 30 s (loket_session_check_service). */
  self->session = loket_session_new (self->config, &error);
  if (self->session == NULL)
    {
      fprintf (stderr, "loket: %s\n", error->message);
      return EX_CONFIG;
    }

  return -1;
}

/**
 * loket_ui_init_styles:
 *
 * Adds Loket's style sheet to the default display, once. The kiosk calls it at start-up,
 * and widget tests too, so that what they measure is what a citizen sees.
 */
void
loket_ui_init_styles (void)
{
  static GtkCssProvider *css;

  if (css != NULL)
    return;

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/loket/Kiosk/css/loket.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* systemd stops the kiosk with SIGTERM: quit through shutdown, so the delivery engine stops
 * cleanly and the metrics file gets its last write. */
static gboolean
quit_on_signal (gpointer app)
{
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_CONTINUE;
}

static void
loket_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (loket_application_parent_class)->startup (app);

  g_unix_signal_add (SIGTERM, quit_on_signal, app);
  g_unix_signal_add (SIGINT, quit_on_signal, app);

  loket_ui_init_styles ();
}

static void
service_changed_cb (LoketServiceState *service)
{
  loket_metrics_set ("loket_out_of_service", !loket_service_state_in_service (service), NULL);
}

/* loket-kiosk.prom, every 15 s and at exit (README.md, "Metrics and alerts"). */
static void
start_metrics (LoketApplication *self)
{
  LoketServiceState *service = loket_session_get_service_state (self->session);

  service_changed_cb (service);
  g_signal_connect_object (service, "notify::in-service", G_CALLBACK (service_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->metrics = loket_metrics_file_new (self->config, "loket-kiosk.prom", TRUE);
  if (self->metrics != NULL)
    loket_metrics_file_start (self->metrics, LOKET_METRICS_INTERVAL_MS);
}

static void
loket_application_shutdown (GApplication *app)
{
  LoketApplication *self = LOKET_APPLICATION (app);
  LoketDelivery *delivery = self->session != NULL
                            ? loket_session_get_delivery (self->session) : NULL;

  /* The engine first: an answer it records while stopping is counted in the last write. */
  if (delivery != NULL)
    loket_delivery_stop (delivery);
  g_clear_pointer (&self->metrics, loket_metrics_file_free);
  G_APPLICATION_CLASS (loket_application_parent_class)->shutdown (app);
}

static void
loket_application_activate (GApplication *app)
{
  LoketApplication *self = LOKET_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Before the engine starts: its first attempts count as the kiosk's. */
      loket_metrics_init ("kiosk");
      /* A failure puts the kiosk out of service, logged once by the session, which tries
       * again with its recheck. */
      if (!loket_session_start_delivery (self->session, &error))
        g_debug ("Delivery to the agencies did not start: %s", error->message);
      window = GTK_WINDOW (loket_window_new (self, self->kiosk));
      start_metrics (self);
      self->watchdog = loket_watchdog_new (LOKET_WINDOW (window));
      self->local_watch = loket_local_watch_new (LOKET_WINDOW (window), RESTART_CHECK_MS);
      if (self->kiosk)
        {
          self->restart_watch = loket_restart_watch_new (LOKET_WINDOW (window),
                                                         self->config->path, RESTART_CHECK_MS);
          g_signal_connect_object (self->restart_watch, "restart",
                                   G_CALLBACK (g_application_quit), self, G_CONNECT_SWAPPED);
        }
    }

  gtk_window_present (window);
}

static void
loket_application_finalize (GObject *object)
{
  LoketApplication *self = LOKET_APPLICATION (object);

  g_clear_pointer (&self->metrics, loket_metrics_file_free);
  g_clear_object (&self->watchdog);
  g_clear_object (&self->restart_watch);
  g_clear_object (&self->local_watch);
  g_clear_object (&self->session);
  g_clear_pointer (&self->config, loket_config_unref);

  G_OBJECT_CLASS (loket_application_parent_class)->finalize (object);
}

static void
loket_application_class_init (LoketApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = loket_application_finalize;
  app_class->handle_local_options = loket_application_handle_local_options;
  app_class->startup = loket_application_startup;
  app_class->activate = loket_application_activate;
  app_class->shutdown = loket_application_shutdown;
}

static void
loket_application_init (LoketApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

LoketApplication *
loket_application_new (void)
{
  /* Non-unique: a kiosk runs one instance under its own session, where a session bus may
   * not exist; a second instance for development must not hand over to the first. */
  return g_object_new (LOKET_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

LoketConfig *
loket_application_get_config (LoketApplication *self)
{
  g_return_val_if_fail (LOKET_IS_APPLICATION (self), NULL);

  return self->config;
}

gboolean
loket_application_is_kiosk (LoketApplication *self)
{
  g_return_val_if_fail (LOKET_IS_APPLICATION (self), FALSE);

  return self->kiosk;
}

LoketSession *
loket_application_get_session (LoketApplication *self)
{
  g_return_val_if_fail (LOKET_IS_APPLICATION (self), NULL);

  return self->session;
}
