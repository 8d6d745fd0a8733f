/* loket-track.c — `loket-track --config FILE`: the tracking page for phones
 *
 * A stateless web service: it asks the agencies named in the receipt's QR URL (or every
 * configured agency) for one tracking code's parts and shows their progress. It keeps no
 * database, so any number of instances can serve behind one load balancer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "config/loket-config.h"
#include "core/loket-catalog.h"
#include "core/loket-i18n.h"
#include "loket-version.h"
#include "loket-track-server.h"

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
write_port_file (const char  *path,
                 guint        port,
                 GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%u\n", port);

  return g_file_set_contents (path, text, -1, error);
}

static int
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "loket-track: %s%s%s\n", what, error != NULL ? ": " : "",
           error != NULL ? error->message : "");
  return EXIT_FAILURE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config_path = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *listen = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, "The configuration file", "FILE" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Listen here instead ([track-web] listen)",
      "ADDRESS:PORT" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file,
      "Write the port listened on into FILE once listening", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the tracking page for phones");
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(LoketTrackServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint port;

  loket_i18n_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail ("bad arguments", error);
  if (version)
    {
      printf ("loket-track %s (%s)\n", PACKAGE_VERSION, LOKET_VCS_TAG);
      return EXIT_SUCCESS;
    }

  config = loket_config_load (config_path != NULL ? config_path : LOKET_DEFAULT_CONFIG, &error);
  if (config == NULL)
    return fail ("cannot start", error);
  catalog = loket_catalog_load (config->catalog_dir, NULL, &error);
  if (catalog == NULL)
    return fail ("cannot read the catalog", error);

  server = loket_track_server_new (config, catalog, &error);
  if (server == NULL)
    return fail ("cannot start", error);
  port = loket_track_server_listen (server, listen != NULL ? listen : config->track_listen, &error);
  if (port == 0)
    return fail ("cannot listen", error);
  if (port_file != NULL && !write_port_file (port_file, port, &error))
    return fail ("cannot write the port file", error);
  g_message ("Serving the tracking page on port %u", port);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_main_loop_run (loop);

  g_message ("Stopping");
  return EXIT_SUCCESS;
}
