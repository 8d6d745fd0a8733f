/* loket-outbox-health.c — the admin board's aggregates, one query each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include "loket-outbox-health.h"
#include "loket-outbox-private.h"

/* Not ended: what may still reach its agency. */
#define NOT_ENDED "('queued', 'sending', 'retry', 'waiting', 'needs-staff')"

static void
agency_health_free (LoketOutboxAgencyHealth *agency)
{
  g_free (agency->agency);
  g_free (agency->last_failure_reason);
  g_free (agency);
}

void
loket_outbox_health_free (LoketOutboxHealth *health)
{
  if (health == NULL)
    return;
  g_clear_pointer (&health->agencies, g_ptr_array_unref);
  g_free (health);
}

/* One row, one integer column; 0 for NULL. */
static gboolean
read_int64 (LoketOutbox  *self,
            const char   *sql,
            gint64       *value,
            GError      **error)
{
  sqlite3_stmt *stmt = loket_outbox_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return loket_outbox_fail (self, rc, error);
  return TRUE;
}

/* The last failed attempt's reason and status for each agency that has one. */
static gboolean
read_failures (LoketOutbox        *self,
               LoketOutboxHealth  *health,
               GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = loket_outbox_statement (self,
                                 "SELECT a.error, a.http_status FROM attempts a "
                                 "JOIN parts p ON p.part_id = a.part_id "
                                 "WHERE p.agency = ?1 AND a.outcome <> 'delivered' "
                                 "ORDER BY a.at DESC, a.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < health->agencies->len; i++)
    {
      LoketOutboxAgencyHealth *agency = g_ptr_array_index (health->agencies, i);

      if (agency->last_failure == 0)
        continue;
      sqlite3_bind_text (stmt, 1, agency->agency, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          agency->last_failure_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          agency->last_failure_status = sqlite3_column_int (stmt, 1);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return loket_outbox_fail (self, rc, error);
    }
  return TRUE;
}

LoketOutboxHealth *
loket_outbox_read_health (LoketOutbox  *self,
                          GError      **error)
{
  g_autoptr(LoketOutboxHealth) health = g_new0 (LoketOutboxHealth, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  health->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_health_free);
  if (!read_int64 (self, "SELECT min (created_at) FROM parts WHERE state IN " NOT_ENDED,
                   &health->oldest_waiting, error) ||
      !read_int64 (self, "SELECT max (ended_at) FROM parts WHERE state = 'delivered'",
                   &health->last_delivery, error))
    return NULL;

  stmt = loket_outbox_statement (self,
                                 "SELECT p.agency, "
                                 "max (CASE WHEN a.outcome = 'delivered' THEN a.at END), "
                                 "max (CASE WHEN a.outcome <> 'delivered' THEN a.at END) "
                                 "FROM attempts a JOIN parts p ON p.part_id = a.part_id "
                                 "GROUP BY p.agency ORDER BY p.agency", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LoketOutboxAgencyHealth *agency = g_new0 (LoketOutboxAgencyHealth, 1);

      agency->agency = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      agency->last_success = sqlite3_column_int64 (stmt, 1);
      agency->last_failure = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (health->agencies, agency);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }
  if (!read_failures (self, health, error))
    return NULL;
  return g_steal_pointer (&health);
}

const LoketOutboxAgencyHealth *
loket_outbox_health_find (const LoketOutboxHealth *health,
                          const char              *agency)
{
  g_return_val_if_fail (health != NULL, NULL);

  for (guint i = 0; i < health->agencies->len; i++)
    {
      const LoketOutboxAgencyHealth *entry = g_ptr_array_index (health->agencies, i);

      if (g_str_equal (entry->agency, agency))
        return entry;
    }
  return NULL;
}
