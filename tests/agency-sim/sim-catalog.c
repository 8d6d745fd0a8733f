/* sim-catalog.c — the agencies' own reading of a service catalog folder
 *
 * An agency checks what Loket sends against what the catalog declares. The simulator reads
 * the catalog files itself (agencies, and per service its fields, outputs and working days)
 * instead of linking Loket's loader: a test oracle that shared the kiosk's reading would
 * agree with the kiosk's mistakes. Everything else in the files is ignored here;
 * `loketctl catalog validate` is what checks a catalog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim.h"

/* The same limits Loket's loader applies (data/catalog/README.md). */
#define CATALOG_MAX_FILE (4 * 1024 * 1024)
#define CATALOG_MAX_DEPTH 32

/* json_object_get_array_member () warns on a member of another type: a catalog is data. */
static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

void
sim_service_free (SimService *service)
{
  if (service == NULL)
    return;
  g_free (service->id);
  g_free (service->agency);
  g_clear_pointer (&service->fields, g_hash_table_unref);
  g_strfreev (service->outputs);
  g_free (service);
}

static gboolean
read_services (const char  *file,
               JsonArray   *services,
               GHashTable  *table,
               GError     **error)
{
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      JsonObject *object;
      const char *id;
      const char *agency;
      SimService *service;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto bad;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      agency = json_object_get_string_member_with_default (object, "agency", NULL);
      if (id == NULL || agency == NULL)
        goto bad;

      service = g_new0 (SimService, 1);
      service->id = g_strdup (id);
      service->agency = g_strdup (agency);
      service->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      service->working_days = (guint) json_object_get_int_member_with_default (object,
                                                                               "working_days", 0);
      g_hash_table_replace (table, service->id, service);

      if (json_object_has_member (object, "fields"))
        {
          JsonArray *fields = get_array (object, "fields");

          for (guint j = 0; fields != NULL && j < json_array_get_length (fields); j++)
            {
              JsonNode *field = json_array_get_element (fields, j);
              const char *field_id = NULL;

              if (JSON_NODE_HOLDS_OBJECT (field))
                field_id = json_object_get_string_member_with_default (
                  json_node_get_object (field), "id", NULL);
              if (field_id == NULL)
                goto bad;
              g_hash_table_add (service->fields, g_strdup (field_id));
            }
        }

      if (json_object_has_member (object, "outputs"))
        {
          JsonArray *outputs = get_array (object, "outputs");
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; outputs != NULL && j < json_array_get_length (outputs); j++)
            {
              JsonNode *element = json_array_get_element (outputs, j);
              const char *name = JSON_NODE_HOLDS_VALUE (element)
                                 ? json_node_get_string (element) : NULL;

              if (name == NULL)
                goto bad;
              g_strv_builder_add (builder, name);
            }
          service->outputs = g_strv_builder_end (builder);
        }
      continue;

    bad:
      g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                   "%s: $.services[%u]: not a service with an id, an agency and field ids",
                   file, i);
      return FALSE;
    }
  return TRUE;
}

static gboolean
depth_within (const char *text,
              gsize       length,
              guint       max)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

gboolean
sim_json_depth_within (const char *text,
                       gsize       length,
                       guint       max)
{
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  return depth_within (text, length, max);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Reads every *.json file of dir in name order. Adds each agency's id to agency_ids
 * (when not there yet) and returns the services by id. */
GHashTable *
sim_catalog_read (const char  *dir,
                  GPtrArray   *agency_ids,
                  GError     **error)
{
  g_autoptr(GHashTable) services = NULL;
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (agency_ids != NULL, NULL);

  folder = g_dir_open (dir, 0, error);
  if (folder == NULL)
    return NULL;
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  services = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) sim_service_free);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize length = 0;
      JsonNode *root;
      JsonObject *object;

      if (!g_file_get_contents (path, &text, &length, error))
        return NULL;
      if (length > CATALOG_MAX_FILE || !depth_within (text, length, CATALOG_MAX_DEPTH))
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "%s: larger than 4 MiB or nested deeper than 32 levels", path);
          return NULL;
        }
      if (!json_parser_load_from_data (parser, text, (gssize) length, error))
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                       "%s: $: not a JSON object", path);
          return NULL;
        }
      object = json_node_get_object (root);

      if (json_object_has_member (object, "agencies"))
        {
          JsonArray *agencies = get_array (object, "agencies");

          for (guint j = 0; agencies != NULL && j < json_array_get_length (agencies); j++)
            {
              JsonNode *node = json_array_get_element (agencies, j);
              const char *id = NULL;
              gboolean known = FALSE;

              if (JSON_NODE_HOLDS_OBJECT (node))
                id = json_object_get_string_member_with_default (json_node_get_object (node),
                                                                 "id", NULL);
              if (id == NULL)
                {
                  g_set_error (error, SIM_ERROR, SIM_ERROR_INVALID,
                               "%s: $.agencies[%u]: an agency without an id", path, j);
                  return NULL;
                }
              for (guint k = 0; k < agency_ids->len; k++)
                known = known || g_str_equal (agency_ids->pdata[k], id);
              if (!known)
                g_ptr_array_add (agency_ids, g_strdup (id));
            }
        }

      if (json_object_has_member (object, "services"))
        {
          JsonArray *array = get_array (object, "services");

          if (array != NULL && !read_services (path, array, services, error))
            return NULL;
        }
    }

  return g_steal_pointer (&services);
}
