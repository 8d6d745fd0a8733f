/* track-ceiling.c — the ceiling for any libsoup service: a minimal SoupServer answering a
 * fixed body, for bench-track to compare loket-track against in the same run
 *
 * track-ceiling BYTES PORT-FILE: serves BYTES bytes of HTML on a free loopback port, written
 * to PORT-FILE, until SIGTERM.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>
#include <glib-unix.h>
#include <libsoup/soup.h>

static GBytes *body;

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *port = NULL;
  gsize size;

  if (argc != 3)
    return EXIT_FAILURE;
  size = g_ascii_strtoull (argv[1], NULL, 10);
  body = g_bytes_new_take (g_strnfill (size, 'x'), size);

  server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);
  port = g_strdup_printf ("%d\n", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  if (!g_file_set_contents (argv[2], port, -1, &error))
    g_error ("%s", error->message);

  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);
  g_bytes_unref (body);
  return EXIT_SUCCESS;
}
