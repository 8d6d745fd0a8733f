/* loket-outbox-query.c — what the rest of Loket may read from the outbox: metadata, never PII
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-outbox-private.h"

void
loket_outbox_part_free (LoketOutboxPart *part)
{
  if (part == NULL)
    return;

  g_free (part->part_id);
  g_free (part->tracking_code);
  g_free (part->service);
  g_free (part->agency);
  g_free (part->after);
  g_free (part->inputs);
  g_free (part->reason);
  g_free (part->reference);
  g_free (part->lease_owner);
  g_free (part);
}

void
loket_outbox_request_free (LoketOutboxRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->tracking_code);
  g_free (request->language);
  g_free (request->life_event);
  g_clear_pointer (&request->parts, g_ptr_array_unref);
  g_free (request);
}

void
loket_outbox_agency_free (LoketOutboxAgency *agency)
{
  if (agency == NULL)
    return;

  g_free (agency->agency);
  g_free (agency->held_reason);
  g_free (agency);
}

GPtrArray *
loket_outbox_parts_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) loket_outbox_part_free);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

LoketOutboxPart *
loket_outbox_part_from_row (sqlite3_stmt *stmt)
{
  LoketOutboxPart *part = g_new0 (LoketOutboxPart, 1);
  const char *state = (const char *) sqlite3_column_text (stmt, 6);

  part->part_id = column_text (stmt, 0);
  part->tracking_code = column_text (stmt, 1);
  part->service = column_text (stmt, 2);
  part->agency = column_text (stmt, 3);
  part->after = column_text (stmt, 4);
  part->inputs = column_text (stmt, 5);
  if (state == NULL || !loket_outbox_state_from_string (state, &part->state))
    part->state = LOKET_OUTBOX_STATE_NEEDS_STAFF;
  part->reason = column_text (stmt, 7);
  part->reference = column_text (stmt, 8);
  part->http_status = sqlite3_column_int (stmt, 9);
  part->attempts = (guint) sqlite3_column_int (stmt, 10);
  part->created_at = sqlite3_column_int64 (stmt, 11);
  part->updated_at = sqlite3_column_int64 (stmt, 12);
  part->next_attempt_at = sqlite3_column_int64 (stmt, 13);
  part->ended_at = sqlite3_column_int64 (stmt, 14);
  part->has_personal_data = sqlite3_column_int (stmt, 15) != 0;
  part->lease_owner = column_text (stmt, 16);
  part->lease_until = sqlite3_column_int64 (stmt, 17);

  return part;
}

static GPtrArray *
collect_parts (LoketOutbox   *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) parts = loket_outbox_parts_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (parts, loket_outbox_part_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&parts);
}

static void
bind_filter (sqlite3_stmt            *stmt,
             const LoketOutboxFilter *filter)
{
  if (filter != NULL && filter->state >= 0 && filter->state < LOKET_OUTBOX_N_STATES)
    sqlite3_bind_text (stmt, 1, loket_outbox_state_to_string (filter->state), -1, SQLITE_STATIC);
  if (filter != NULL && filter->agency != NULL)
    sqlite3_bind_text (stmt, 2, filter->agency, -1, SQLITE_TRANSIENT);
}

GPtrArray *
loket_outbox_list_parts (LoketOutbox              *self,
                         const LoketOutboxFilter  *filter,
                         GError                  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = loket_outbox_statement (self,
                                 "SELECT " LOKET_OUTBOX_PART_COLUMNS " FROM parts "
                                 "WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR agency = ?2) "
                                 "ORDER BY created_at, tracking_code, seq", error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);

  return collect_parts (self, stmt, error);
}

static GPtrArray *
parts_of_request (LoketOutbox  *self,
                  const char   *tracking_code,
                  GError      **error)
{
  sqlite3_stmt *stmt = loket_outbox_statement (self,
                                               "SELECT " LOKET_OUTBOX_PART_COLUMNS " FROM parts "
                                               "WHERE tracking_code = ?1 ORDER BY seq", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tracking_code, -1, SQLITE_TRANSIENT);

  return collect_parts (self, stmt, error);
}

static LoketOutboxRequest *
request_from_row (sqlite3_stmt *stmt)
{
  LoketOutboxRequest *request = g_new0 (LoketOutboxRequest, 1);

  request->tracking_code = column_text (stmt, 0);
  request->language = column_text (stmt, 1);
  request->life_event = column_text (stmt, 2);
  request->created_at = sqlite3_column_int64 (stmt, 3);

  return request;
}

GPtrArray *
loket_outbox_list_requests (LoketOutbox              *self,
                            const LoketOutboxFilter  *filter,
                            GError                  **error)
{
  g_autoptr(GPtrArray) requests = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = loket_outbox_statement (self,
                                 "SELECT tracking_code, language, life_event, created_at "
                                 "FROM requests r WHERE EXISTS (SELECT 1 FROM parts p "
                                 "WHERE p.tracking_code = r.tracking_code "
                                 "AND (?1 IS NULL OR p.state = ?1) "
                                 "AND (?2 IS NULL OR p.agency = ?2)) "
                                 "ORDER BY created_at, tracking_code", error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);

  /* Read the requests first, then their parts: one statement at a time keeps every read in
   * one short implicit transaction each. */
  requests = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_outbox_request_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (requests, request_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < requests->len; i++)
    {
      LoketOutboxRequest *request = g_ptr_array_index (requests, i);

      request->parts = parts_of_request (self, request->tracking_code, error);
      if (request->parts == NULL)
        return NULL;
    }

  return g_steal_pointer (&requests);
}

LoketOutboxRequest *
loket_outbox_get_request (LoketOutbox  *self,
                          const char   *tracking_code,
                          GError      **error)
{
  g_autoptr(LoketOutboxRequest) request = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (tracking_code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = loket_outbox_statement (self,
                                 "SELECT tracking_code, language, life_event, created_at "
                                 "FROM requests WHERE tracking_code = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tracking_code, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    request = request_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND,
                   /* Translators: %s is a tracking code. */
                   _("No request %s in the outbox"), tracking_code);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  request->parts = parts_of_request (self, tracking_code, error);
  if (request->parts == NULL)
    return NULL;

  return g_steal_pointer (&request);
}

LoketOutboxPart *
loket_outbox_get_part (LoketOutbox  *self,
                       const char   *part_id,
                       GError      **error)
{
  LoketOutboxPart *part = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (part_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = loket_outbox_statement (self,
                                 "SELECT " LOKET_OUTBOX_PART_COLUMNS " FROM parts "
                                 "WHERE part_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    part = loket_outbox_part_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND,
                   /* Translators: %s is a part id (a UUID). */
                   _("No part %s in the outbox"), part_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  return part;
}

static LoketOutboxAgency *
agency_entry (GHashTable *agencies,
              const char *name)
{
  LoketOutboxAgency *agency = g_hash_table_lookup (agencies, name);

  if (agency == NULL)
    {
      agency = g_new0 (LoketOutboxAgency, 1);
      agency->agency = g_strdup (name);
      g_hash_table_insert (agencies, agency->agency, agency);
    }

  return agency;
}

static int
compare_agencies (gconstpointer a,
                  gconstpointer b)
{
  const LoketOutboxAgency *x = *(LoketOutboxAgency * const *) a;
  const LoketOutboxAgency *y = *(LoketOutboxAgency * const *) b;

  return g_strcmp0 (x->agency, y->agency);
}

GPtrArray *
loket_outbox_count_by_agency (LoketOutbox  *self,
                              GError      **error)
{
  g_autoptr(GHashTable) agencies = NULL;
  g_autoptr(GPtrArray) result = NULL;
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  agencies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) loket_outbox_agency_free);
  stmt = loket_outbox_statement (self,
                                 "SELECT agency, state, count(*) FROM parts "
                                 "GROUP BY agency, state", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LoketOutboxAgency *agency = agency_entry (agencies,
                                                (const char *) sqlite3_column_text (stmt, 0));
      LoketOutboxState state;

      if (loket_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 1), &state))
        agency->counts[state] += (guint) sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  stmt = loket_outbox_statement (self,
                                 "SELECT agency, reason, since FROM agencies WHERE held",
                                 error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LoketOutboxAgency *agency = agency_entry (agencies,
                                                (const char *) sqlite3_column_text (stmt, 0));

      agency->held = TRUE;
      agency->held_reason = column_text (stmt, 1);
      agency->held_since = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_outbox_agency_free);
  g_hash_table_iter_init (&iter, agencies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (result, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (result, compare_agencies);

  return g_steal_pointer (&result);
}

gboolean
loket_outbox_next_due (LoketOutbox  *self,
                       gint64       *when,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A part being sent becomes due again when its lease runs out (its engine may have died). */
  stmt = loket_outbox_statement (self,
                                 "SELECT min (CASE state WHEN 'sending' THEN lease_until "
                                 "ELSE next_attempt_at END) FROM parts p "
                                 "WHERE state IN ('queued', 'retry', 'sending') "
                                 "AND NOT EXISTS (SELECT 1 FROM agencies a "
                                 "WHERE a.agency = p.agency AND a.held)", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  if (found)
    *when = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return loket_outbox_fail (self, rc, error);

  return found;
}
