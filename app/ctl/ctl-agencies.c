/* ctl-agencies.c — `loketctl agencies ping [ID]` and `loketctl agencies release ID`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "net/loket-agency-client.h"
#include "outbox/loket-outbox.h"
#include "loket-ctl.h"

typedef struct {
  const char *id;
  gint64      started;
  gboolean    done;
  gboolean    up;
} Ping;

static void
on_health (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Ping *ping = user_data;
  g_autoptr(GError) error = NULL;
  double ms = (g_get_monotonic_time () - ping->started) / 1000.0;

  ping->up = loket_agency_client_health_finish (LOKET_AGENCY_CLIENT (source), result, &error);
  ping->done = TRUE;

  if (ping->up)
    /* Translators: "%s: up (%.0f ms)" — an agency id and how long its health check took. */
    printf (_("%s: up (%.0f ms)"), ping->id, ms);
  else
    /* Translators: an agency id, then why its health check failed. */
    printf (_("%s: down: %s"), ping->id, error->message);
  printf ("\n");
}

int
loket_ctl_agencies_ping (LoketCtl  *ctl,
                         int        argc,
                         char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketHttp) http = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Ping *pings = NULL;
  LoketConfig *config;
  guint n = 0, done;
  gboolean all_up = TRUE;

  if (argc > 2)
    return loket_ctl_fail (_("usage: loketctl agencies ping [ID]"));

  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);

  if (argc == 2 && loket_config_get_agency (config, argv[1]) == NULL)
    /* Translators: %s is an agency id the user typed. */
    return loket_ctl_fail (_("no [agency %s] in the configuration"), argv[1]);

  http = loket_http_new (2);
  pings = g_new0 (Ping, config->agencies->len);

  /* All agencies at once: a dead one costs its timeout, not everyone's. */
  for (guint i = 0; i < config->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (config->agencies, i);
      LoketAgencyClient *client;

      if (argc == 2 && !g_str_equal (agency->id, argv[1]))
        continue;

      client = loket_agency_client_new (http, agency, config->kiosk_id);
      g_ptr_array_add (clients, client);
      pings[n].id = agency->id;
      pings[n].started = g_get_monotonic_time ();
      loket_agency_client_health_async (client, NULL, on_health, &pings[n]);
      n++;
    }

  if (n == 0)
    return loket_ctl_fail (_("the configuration names no agency"));

  do
    {
      g_main_context_iteration (NULL, TRUE);
      done = 0;
      for (guint i = 0; i < n; i++)
        done += pings[i].done;
    }
  while (done < n);

  for (guint i = 0; i < n; i++)
    all_up &= pings[i].up;

  return all_up ? 0 : 1;
}

int
loket_ctl_agencies_release (LoketCtl  *ctl,
                            int        argc,
                            char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  LoketConfig *config;

  if (argc != 2)
    return loket_ctl_fail (_("usage: loketctl agencies release ID"));

  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);

  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  if (outbox == NULL || !loket_outbox_release_agency (outbox, argv[1], &error))
    return loket_ctl_fail_error (error);

  /* Translators: %s is an agency id. */
  printf (_("%s: released; its parts will be sent again"), argv[1]);
  printf ("\n");
  return 0;
}
