/* sim-settings.c — an agency's settings: from --set, --fault, a keyfile or the control API
 *
 * Every way of setting something goes through sim_server_set (), so the keys and their
 * checks are the same whichever way a test chooses (README.md lists them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim.h"

static const char * const known_statuses[] = {
  "received", "in_review", "needs_info", "approved", "rejected", "completed", NULL
};

/* GLib 2.74 has no g_set_str (). */
static void
set_str (char       **place,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*place);
  *place = copy;
}

static gboolean
parse_seconds (const char  *key,
               const char  *value,
               double      *out,
               GError     **error)
{
  char *end = NULL;
  double seconds = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !(seconds >= 0) || seconds > 1e7)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "%s: '%s' is not a number of seconds", key, value);
      return FALSE;
    }
  *out = seconds;
  return TRUE;
}

static gboolean
parse_uint (const char  *key,
            const char  *value,
            guint64      min,
            guint64      max,
            guint       *out,
            GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "%s: '%s' is not a whole number from %" G_GUINT64_FORMAT
                   " to %" G_GUINT64_FORMAT, key, value, min, max);
      return FALSE;
    }
  *out = (guint) number;
  return TRUE;
}

/* One agency setting, from the keyfile, --set or POST /_control/agencies. */
gboolean
sim_server_set (SimServer   *server,
                const char  *agency_id,
                const char  *key,
                const char  *value,
                GError     **error)
{
  SimAgency *agency;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (agency_id != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  agency = g_hash_table_lookup (server->agencies, agency_id);
  if (agency == NULL)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "no agency '%s' is served (give it with --agency or in the catalog)",
                   agency_id);
      return FALSE;
    }

  if (g_str_equal (key, "prefix"))
    set_str (&agency->prefix, value);
  else if (g_str_equal (key, "profile"))
    {
      if (g_str_equal (value, "plain"))
        agency->profile = SIM_PROFILE_PLAIN;
      else if (g_str_equal (value, "oauth2"))
        agency->profile = SIM_PROFILE_OAUTH2;
      else if (g_str_equal (value, "xroad"))
        agency->profile = SIM_PROFILE_XROAD;
      else
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "profile: '%s' is not plain, oauth2 or xroad", value);
          return FALSE;
        }
    }
  else if (g_str_equal (key, "token"))
    set_str (&agency->token, *value != '\0' ? value : NULL);
  else if (g_str_equal (key, "client-id"))
    set_str (&agency->client_id, value);
  else if (g_str_equal (key, "client-secret"))
    set_str (&agency->client_secret, value);
  else if (g_str_equal (key, "token-lifetime"))
    return parse_uint (key, value, 1, 86400 * 365, &agency->token_lifetime, error);
  else if (g_str_equal (key, "xroad-service"))
    {
      if (*value == '\0' || *value == '/' || g_str_has_suffix (value, "/"))
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "xroad-service: '%s' is not INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE",
                       value);
          return FALSE;
        }
      set_str (&agency->xroad_service, value);
    }
  else if (g_str_equal (key, "processing-delay"))
    return parse_uint (key, value, 0, 600000, &agency->processing_delay, error);
  else if (g_str_equal (key, "outputs-delay"))
    return parse_seconds (key, value, &agency->outputs_delay, error);
  else if (g_str_has_prefix (key, "outputs-delay/") && key[strlen ("outputs-delay/")] != '\0')
    {
      double seconds;

      if (!parse_seconds (key, value, &seconds, error))
        return FALSE;
      g_hash_table_replace (agency->service_outputs_delay,
                            g_strdup (key + strlen ("outputs-delay/")),
                            g_memdup2 (&seconds, sizeof seconds));
    }
  else if (g_str_equal (key, "statuses"))
    {
      g_auto(GStrv) statuses = g_strsplit (value, ";", -1);

      for (guint i = 0; statuses[i] != NULL; i++)
        if (!g_strv_contains (known_statuses, g_strstrip (statuses[i])))
          {
            g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                         "statuses: '%s' is not a protocol status (received, in_review, "
                         "needs_info, approved, rejected, completed)", statuses[i]);
            return FALSE;
          }
      if (statuses[0] == NULL)
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID, "statuses: the list is empty");
          return FALSE;
        }
      g_strfreev (agency->statuses);
      agency->statuses = g_steal_pointer (&statuses);
    }
  else if (g_str_equal (key, "fault"))
    {
      SimFault *fault = sim_fault_parse (value, error);

      if (fault == NULL)
        return FALSE;
      g_ptr_array_add (agency->faults, fault);
    }
  else
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "unknown setting '%s' (see the simulator's README.md)", key);
      return FALSE;
    }
  return TRUE;
}

/* AGENCY:SPEC, from --fault. */
gboolean
sim_server_add_fault (SimServer   *server,
                      const char  *agency_fault,
                      GError     **error)
{
  const char *colon;
  g_autofree char *agency = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (agency_fault != NULL, FALSE);

  colon = strchr (agency_fault, ':');
  if (colon == NULL || colon == agency_fault)
    {
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "--fault '%s': write AGENCY:SPEC, e.g. dukcapil:unavailable:5,count=2",
                   agency_fault);
      return FALSE;
    }
  agency = g_strndup (agency_fault, (gsize) (colon - agency_fault));
  return sim_server_set (server, agency, "fault", colon + 1, error);
}

/* [agency ID] groups with the settings' keys; "fault" may be a list (separated by ';').
 * [simulator] status-step sets the pace of statuses. */
gboolean
sim_server_load_keyfile (SimServer   *server,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (file, groups[i], NULL, NULL);
      const char *agency;

      if (g_str_equal (groups[i], "simulator"))
        {
          for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
            {
              g_autofree char *value = g_key_file_get_string (file, groups[i], keys[k], NULL);

              if (!g_str_equal (keys[k], "status-step"))
                {
                  g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                               "%s: [simulator] %s: unknown key", path, keys[k]);
                  return FALSE;
                }
              if (!parse_seconds (keys[k], value != NULL ? value : "", &server->status_step,
                                  error))
                {
                  g_prefix_error (error, "%s: [simulator] ", path);
                  return FALSE;
                }
            }
          continue;
        }
      if (!g_str_has_prefix (groups[i], "agency "))
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "%s: [%s]: groups are [simulator] and [agency ID]", path, groups[i]);
          return FALSE;
        }
      agency = groups[i] + strlen ("agency ");
      if (g_hash_table_lookup (server->agencies, agency) == NULL)
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "%s: [%s]: no agency '%s' is served", path, groups[i], agency);
          return FALSE;
        }
      for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
        {
          g_auto(GStrv) values = NULL;

          if (g_str_equal (keys[k], "fault"))
            values = g_key_file_get_string_list (file, groups[i], keys[k], NULL, NULL);
          else
            {
              char *value = g_key_file_get_string (file, groups[i], keys[k], NULL);

              values = g_new0 (char *, 2);
              values[0] = value != NULL ? value : g_strdup ("");
            }
          for (guint v = 0; values != NULL && values[v] != NULL; v++)
            if (!sim_server_set (server, agency, keys[k], values[v], error))
              {
                g_prefix_error (error, "%s: [%s] ", path, groups[i]);
                return FALSE;
              }
        }
    }
  return TRUE;
}
