/* loket-request-documents.c — what the citizen brings, for exactly the chosen services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document two chosen services need is one document to the citizen (the catalog makes
 * sure the same id has the same label). A document with a `when` is needed while its
 * condition holds; before the form is filled in, the answer it depends on is not known
 * yet, so it is listed as "only if …" rather than guessed either way.
 */
#define G_LOG_DOMAIN "loket-request"

#include "config.h"

#include "loket-request.h"
#include "loket-request-private.h"

void
loket_needed_document_free (LoketNeededDocument *needed)
{
  g_free (needed);
}

LoketDocumentNeed
loket_request_document_need (LoketRequest        *self,
                             const LoketDocument *document)
{
  g_autoptr(JsonNode) wire = NULL;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), LOKET_DOCUMENT_NOT_NEEDED);
  g_return_val_if_fail (document != NULL, LOKET_DOCUMENT_NOT_NEEDED);

  if (document->when == NULL)
    return LOKET_DOCUMENT_NEEDED;
  if (loket_request_get_field_state (self, document->when->field) != LOKET_FIELD_STATE_ASKED)
    return LOKET_DOCUMENT_NOT_NEEDED;
  if (loket_request_condition_holds (self, document->when))
    return LOKET_DOCUMENT_NEEDED;

  /* Not answered (or not validly yet): the answer decides later. */
  wire = loket_request_dup_wire_value (self, document->when->field);
  return wire == NULL ? LOKET_DOCUMENT_MAYBE : LOKET_DOCUMENT_NOT_NEEDED;
}

GPtrArray *
loket_request_get_documents (LoketRequest *self)
{
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *documents = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_needed_document_free);

  g_return_val_if_fail (LOKET_IS_REQUEST (self), documents);

  services = loket_request_get_services (self);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      for (guint j = 0; service->documents != NULL && j < service->documents->len; j++)
        {
          const LoketDocument *document = g_ptr_array_index (service->documents, j);
          LoketDocumentNeed need = loket_request_document_need (self, document);
          LoketNeededDocument *needed;

          if (need == LOKET_DOCUMENT_NOT_NEEDED)
            continue;

          needed = g_hash_table_lookup (by_id, document->id);
          if (needed == NULL)
            {
              needed = g_new0 (LoketNeededDocument, 1);
              needed->document = document;
              needed->need = need;
              needed->instead = document->instead;
              g_ptr_array_add (documents, needed);
              g_hash_table_insert (by_id, document->id, needed);
              continue;
            }
          /* Needed for sure by one service is needed for sure. */
          if (need == LOKET_DOCUMENT_NEEDED)
            needed->need = LOKET_DOCUMENT_NEEDED;
          if (needed->instead == NULL)
            needed->instead = document->instead;
        }
    }

  return documents;
}
