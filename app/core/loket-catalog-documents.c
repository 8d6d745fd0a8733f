/* loket-catalog-documents.c — a service's documents: what the citizen brings to the counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry is { "id", "label", "hint"?, "when"?, "instead"? } (data/catalog/README.md);
 * a plain string, as catalogs before documents had ids wrote it, is read as a document
 * whose id and label are that string. A document named by two services is one document to
 * the citizen, so the same id must have the same label everywhere
 * (catalog_check_documents), else the list that merges them would depend on the order of
 * the choices.
 */
#define G_LOG_DOMAIN "loket-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-catalog.h"
#include "loket-catalog-private.h"
#include "loket-json.h"

void
catalog_document_free (LoketDocument *document)
{
  g_free (document->id);
  g_free (document->label);
  g_free (document->hint);
  g_clear_pointer (&document->when, catalog_condition_free);
  g_free (document->instead);
  g_free (document);
}

static LoketDocument *
load_document_object (Loader            *loader,
                      LoketJsonProblems *p,
                      JsonObject        *object,
                      const char        *path,
                      GHashTable        *service_fields,
                      gboolean          *ok)
{
  static const char * const known[] = { "id", "label", "hint", "when", "instead", NULL };
  const char *id = NULL, *label = NULL, *hint = NULL, *instead = NULL;
  gboolean good = TRUE;
  LoketDocument *document;

  good &= loket_json_check_members (p, object, path, known);
  good &= loket_json_get_string (p, object, path, "id",
                                 LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &id);
  good &= loket_json_get_string (p, object, path, "label",
                                 LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &label);
  good &= loket_json_get_string (p, object, path, "hint", LOKET_JSON_NON_EMPTY, &hint);
  good &= loket_json_get_string (p, object, path, "instead", LOKET_JSON_NON_EMPTY, &instead);
  if (id != NULL)
    good &= catalog_check_id (p, path, id, FALSE);
  if (id == NULL || label == NULL)
    {
      *ok = FALSE;
      return NULL;
    }

  document = g_new0 (LoketDocument, 1);
  document->id = g_strdup (id);
  document->label = g_strdup (label);
  document->hint = g_strdup (hint);
  document->instead = g_strdup (instead);
  if (json_object_has_member (object, "when"))
    {
      document->when = catalog_load_condition (p, object, path, NULL, service_fields);
      if (document->when == NULL)
        good = FALSE;
    }
  *ok &= good;
  return document;
}

gboolean
catalog_load_service_documents (Loader            *loader,
                                LoketJsonProblems *p,
                                JsonObject        *object,
                                const char        *path,
                                LoketService      *service,
                                GHashTable        *service_fields)
{
  g_autofree char *documents_path = loket_json_path_member (path, "documents");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = NULL;
  gboolean ok = TRUE;

  if (!loket_json_get_array (p, object, path, "documents", 0, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  service->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_document_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = loket_json_path_index (documents_path, i);
      JsonNode *node = json_array_get_element (array, i);
      LoketDocument *document = NULL;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && *json_node_get_string (node) != '\0')
        {
          document = g_new0 (LoketDocument, 1);
          document->id = g_strdup (json_node_get_string (node));
          document->label = g_strdup (document->id);
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        document = load_document_object (loader, p, json_node_get_object (node), item_path,
                                         service_fields, &ok);
      else
        {
          loket_json_problem (p, item_path, _("expected %s, found %s"),
                              _("an object with \"id\" and \"label\""),
                              loket_json_node_kind (node));
          ok = FALSE;
        }
      if (document == NULL)
        continue;

      if (g_hash_table_contains (seen, document->id))
        {
          /* Translators: %s is a document's id as written in the catalog. */
          loket_json_problem (p, item_path, _("document '%s' is listed twice"), document->id);
          ok = FALSE;
        }
      g_hash_table_add (seen, document->id);
      g_ptr_array_add (service->documents, document);
    }

  return ok;
}

void
catalog_add_document_strings (Loader             *loader,
                              const char         *file,
                              const char         *path,
                              const LoketService *service)
{
  g_autofree char *documents_path = loket_json_path_member (path, "documents");

  for (guint i = 0; service->documents != NULL && i < service->documents->len; i++)
    {
      const LoketDocument *document = g_ptr_array_index (service->documents, i);
      g_autofree char *item_path = loket_json_path_index (documents_path, i);
      gboolean plain = g_str_equal (document->id, document->label) && document->hint == NULL
                       && document->when == NULL && document->instead == NULL;

      catalog_add_string (loader, file, item_path, plain ? NULL : "label", document->label,
                          g_strdup_printf ("A document to bring for service '%s'",
                                           service->id));
      catalog_add_string (loader, file, item_path, "hint", document->hint,
                          g_strdup_printf ("What document '%s' is, in one line",
                                           document->id));
      catalog_add_string (loader, file, item_path, "instead", document->instead,
                          g_strdup_printf ("What to bring instead of document '%s'",
                                           document->id));
    }
}

/* The same document id must mean the same document in every service. */
void
catalog_check_documents (Loader *loader)
{
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *services = loader->catalog->services;

  for (guint i = 0; i < services->len; i++)
    {
      LoketService *service = g_ptr_array_index (services, i);
      Pending *origin = g_hash_table_lookup (loader->service_origins, service);

      for (guint j = 0; service->documents != NULL && j < service->documents->len; j++)
        {
          LoketDocument *document = g_ptr_array_index (service->documents, j);
          LoketDocument *earlier = g_hash_table_lookup (first, document->id);

          if (earlier == NULL)
            {
              g_hash_table_insert (first, document->id, document);
              continue;
            }
          if (!g_str_equal (earlier->label, document->label) && origin != NULL)
            {
              LoketJsonProblems p = { origin->file, loader->problems };
              g_autofree char *documents_path = loket_json_path_member (origin->path,
                                                                        "documents");
              g_autofree char *item_path = loket_json_path_index (documents_path, j);

              /* Translators: the first %s is a document id, the second its other label. */
              loket_json_problem (&p, item_path,
                                  _("document '%s' has another label elsewhere (\"%s\"); the "
                                    "same id is the same document"),
                                  document->id, earlier->label);
            }
        }
    }
}
