/* loket-agency-sim.c — a loopback HTTP server playing every agency's back end
 *
 * Loket's delivery engine, loketctl, the demo and the integration tests talk to it as to
 * real agencies: protocol v1, OAuth2 tokens, X-Road, TLS and mTLS, and injected faults.
 * README.md beside this file describes the command line and the control API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>

#include "sim.h"

typedef struct {
  char    *catalog;
  char   **agencies;
  int      port;
  char    *port_file;
  char    *tls_cert;
  char    *tls_key;
  int      tls_port;
  char    *tls_port_file;
  char    *client_ca;
  char    *record;
  char   **faults;
  char   **config;
  char   **settings;
  double   status_step;
  int      processing_delay;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->catalog);
  g_strfreev (options->agencies);
  g_free (options->port_file);
  g_free (options->tls_cert);
  g_free (options->tls_key);
  g_free (options->tls_port_file);
  g_free (options->client_ca);
  g_free (options->record);
  g_strfreev (options->faults);
  g_strfreev (options->config);
  g_strfreev (options->settings);
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* Written whole or not at all (a rename), so a reader polling the file never sees half. */
static gboolean
write_port (const char  *path,
            guint        port,
            GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%u\n", port);

  return g_file_set_contents (path, text, -1, error);
}

static guint
listening_port (SoupServer *soup,
                gboolean    https)
{
  GSList *uris = soup_server_get_uris (soup);
  guint port = 0;

  for (GSList *l = uris; l != NULL; l = l->next)
    if (g_str_equal (g_uri_get_scheme (l->data), https ? "https" : "http"))
      port = (guint) g_uri_get_port (l->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

static gboolean
configure (SimServer  *server,
           Options    *options,
           GError    **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (options->catalog != NULL)
    {
      server->services = sim_catalog_read (options->catalog, ids, error);
      if (server->services == NULL)
        return FALSE;
    }
  for (guint i = 0; options->agencies != NULL && options->agencies[i] != NULL; i++)
    g_ptr_array_add (ids, g_strdup (options->agencies[i]));
  if (ids->len == 0)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "no agency to serve: give --catalog DIR or --agency ID");
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      SimAgency *agency = sim_server_add_agency (server, ids->pdata[i]);

      if (agency == NULL)
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID, "'%s' is not an agency id",
                       (char *) ids->pdata[i]);
          return FALSE;
        }
      agency->processing_delay = (guint) options->processing_delay;
    }

  server->status_step = options->status_step;
  for (guint i = 0; options->config != NULL && options->config[i] != NULL; i++)
    if (!sim_server_load_keyfile (server, options->config[i], error))
      return FALSE;

  for (guint i = 0; options->settings != NULL && options->settings[i] != NULL; i++)
    {
      const char *setting = options->settings[i];
      const char *colon = strchr (setting, ':');
      const char *eq = colon != NULL ? strchr (colon, '=') : NULL;
      g_autofree char *agency = NULL;
      g_autofree char *key = NULL;

      if (colon == NULL || eq == NULL || colon == setting || eq == colon + 1)
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "--set '%s': write AGENCY:KEY=VALUE", setting);
          return FALSE;
        }
      agency = g_strndup (setting, (gsize) (colon - setting));
      key = g_strndup (colon + 1, (gsize) (eq - colon - 1));
      if (!sim_server_set (server, agency, key, eq + 1, error))
        {
          g_prefix_error (error, "--set '%s': ", setting);
          return FALSE;
        }
    }

  for (guint i = 0; options->faults != NULL && options->faults[i] != NULL; i++)
    if (!sim_server_add_fault (server, options->faults[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
listen_all (SimServer   *server,
            SoupServer  *soup,
            Options     *options,
            GError     **error)
{
  if (options->tls_cert != NULL || options->tls_key != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;

      if (options->tls_cert == NULL || options->tls_key == NULL)
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "--tls-cert and --tls-key go together");
          return FALSE;
        }
      certificate = g_tls_certificate_new_from_files (options->tls_cert, options->tls_key, error);
      if (certificate == NULL)
        {
          g_prefix_error (error, "%s: ", options->tls_cert);
          return FALSE;
        }
      soup_server_set_tls_certificate (soup, certificate);
    }
  else if (options->client_ca != NULL)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "--client-ca needs --tls-cert and --tls-key");
      return FALSE;
    }

  if (options->client_ca != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (options->client_ca, error);

      if (database == NULL)
        {
          g_prefix_error (error, "%s: ", options->client_ca);
          return FALSE;
        }
      soup_server_set_tls_database (soup, database);
      server->client_ca = g_object_ref (database);
      soup_server_set_tls_auth_mode (soup, G_TLS_AUTHENTICATION_REQUIRED);
    }

  if (!soup_server_listen_local (soup, (guint) options->port, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                 error))
    return FALSE;
  if (options->tls_cert != NULL
      && !soup_server_listen_local (soup, (guint) options->tls_port,
                                    SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                    error))
    return FALSE;

  if (options->port_file != NULL
      && !write_port (options->port_file, listening_port (soup, FALSE), error))
    return FALSE;
  if (options->tls_port_file != NULL
      && !write_port (options->tls_port_file, listening_port (soup, TRUE), error))
    return FALSE;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  Options options = { .port = 0, .tls_port = 0, .status_step = 30 };
  const GOptionEntry entries[] = {
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &options.catalog,
      "Serve the catalog's agencies and check requests against its services", "DIR" },
    { "agency", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.agencies,
      "Serve this agency (repeatable; without a catalog, services are not checked)", "ID" },
    { "port", 0, 0, G_OPTION_ARG_INT, &options.port,
      "HTTP port on 127.0.0.1 (0: a free one; the default)", "PORT" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &options.port_file,
      "Write the HTTP port to FILE once listening", "FILE" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_cert,
      "Also serve HTTPS with this certificate (PEM)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_key,
      "The certificate's private key (PEM)", "FILE" },
    { "tls-port", 0, 0, G_OPTION_ARG_INT, &options.tls_port,
      "HTTPS port on 127.0.0.1 (0: a free one; the default)", "PORT" },
    { "tls-port-file", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_port_file,
      "Write the HTTPS port to FILE once listening", "FILE" },
    { "client-ca", 0, 0, G_OPTION_ARG_FILENAME, &options.client_ca,
      "HTTPS requires a client certificate signed by this CA (mTLS)", "FILE" },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &options.record,
      "Append one JSON line per request received to FILE", "FILE" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.faults,
      "Inject a fault (repeatable), e.g. dukcapil:unavailable:5,count=2", "AGENCY:SPEC" },
    { "faults", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.config,
      "Read agency settings and faults from a keyfile", "FILE" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.config,
      "The same as --faults", "FILE" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.settings,
      "An agency setting (repeatable), e.g. dukcapil:profile=oauth2", "AGENCY:KEY=VALUE" },
    { "status-step", 0, 0, G_OPTION_ARG_DOUBLE, &options.status_step,
      "Seconds between status changes (0: statuses stay; default 30)", "SECONDS" },
    { "processing-delay", 0, 0, G_OPTION_ARG_INT, &options.processing_delay,
      "Milliseconds a first POST stays in progress (a repeat then gets 409)", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(SoupServer) soup = NULL;
  SimServer *server;
  int status = EXIT_SUCCESS;

  /* A client hanging up mid-answer must not end the simulator. */
  signal (SIGPIPE, SIG_IGN);

  context = g_option_context_new ("— agencies' back ends on loopback, for tests and demos");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("loket-agency-sim: %s\n", error->message);
      options_clear (&options);
      return EXIT_FAILURE;
    }
  if (options.port < 0 || options.port > 65535 || options.tls_port < 0
      || options.tls_port > 65535 || options.processing_delay < 0
      || options.processing_delay > 600000 || !(options.status_step >= 0))
    {
      g_printerr ("loket-agency-sim: a port is 0 to 65535, --processing-delay 0 to 600000, "
                  "--status-step not negative\n");
      options_clear (&options);
      return EXIT_FAILURE;
    }

  server = sim_server_new ();
  if (!configure (server, &options, &error))
    goto fail;

  if (options.record != NULL)
    {
      server->record = fopen (options.record, "a");
      if (server->record == NULL)
        {
          g_set_error (&error, SIM_ERROR, SIM_ERROR_IO, "%s: cannot open for writing: %s",
                       options.record, g_strerror (errno));
          goto fail;
        }
    }

  /* tests/docs checks every exchange of the test suite against docs/agency-api.yaml: with
   * this variable set, each simulator the tests start writes its record there as well. */
  if (g_getenv ("LOKET_SIM_RECORD_DIR") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("sim-%d.jsonl", (int) getpid ());
      g_autofree char *path = g_build_filename (g_getenv ("LOKET_SIM_RECORD_DIR"), name, NULL);

      server->wire_record = fopen (path, "a");
      if (server->wire_record == NULL)
        {
          g_set_error (&error, SIM_ERROR, SIM_ERROR_IO, "%s: cannot open for writing: %s",
                       path, g_strerror (errno));
          goto fail;
        }
    }

  soup = soup_server_new ("server-header", "loket-agency-sim ", NULL);
  sim_server_attach (server, soup);
  if (!listen_all (server, soup, &options, &error))
    goto fail;

  g_message ("serving %u agencies on http://127.0.0.1:%u/%s", server->agency_order->len,
             listening_port (soup, FALSE), options.tls_cert != NULL ? " and HTTPS" : "");

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_main_loop_run (loop);

  soup_server_disconnect (soup);
  g_clear_object (&soup);
  /* Closing connections finishes in callbacks: let them run, so nothing is left behind. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  goto out;

fail:
  g_printerr ("loket-agency-sim: %s\n", error->message);
  status = EXIT_FAILURE;
out:
  /* Closes (and so flushes) the record file. */
  sim_server_free (server);
  options_clear (&options);
  return status;
}
