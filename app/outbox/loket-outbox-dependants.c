/* loket-outbox-dependants.c — parts waiting for another service of their request (`after`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-outbox-private.h"

static int
count_parts (LoketOutbox  *self,
             const char   *sql,
             const char   *tracking_code,
             const char   *service,
             GError      **error)
{
  g_autoptr(LoketOutboxStmt) stmt = loket_outbox_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, tracking_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      loket_outbox_fail (self, rc, error);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

int
loket_outbox_count_waiting_dependants (LoketOutbox  *self,
                                       const char   *tracking_code,
                                       const char   *service,
                                       GError      **error)
{
  return count_parts (self,
                      "SELECT count(*) FROM parts WHERE tracking_code = ?1 AND after = ?2 "
                      "AND state = 'waiting'", tracking_code, service, error);
}

/* Dependants follow the service, not one part: while any part of it may still be delivered
 * (a corrected resend, a retry by staff), they wait. */
static int
count_live_parts_of_service (LoketOutbox  *self,
                             const char   *tracking_code,
                             const char   *service,
                             GError      **error)
{
  return count_parts (self,
                      "SELECT count(*) FROM parts WHERE tracking_code = ?1 AND service = ?2 "
                      "AND state IN ('queued', 'sending', 'retry', 'needs-staff', 'waiting', "
                      "'delivered')", tracking_code, service, error);
}

/* Inside a transaction: the waiting dependants of SERVICE cannot proceed, nor theirs. */
static gboolean
end_dependants (LoketOutbox  *self,
                const char   *tracking_code,
                const char   *service,
                gint64        now,
                GError      **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (pending, g_strdup (service));
  /* Each round ends parts, so a cycle cannot repeat: the loop is bounded by the parts. */
  while (pending->len > 0)
    {
      g_autofree char *prerequisite = g_ptr_array_steal_index (pending, pending->len - 1);
      sqlite3_stmt *stmt;
      int rc;

      stmt = loket_outbox_statement (self,
                                     "UPDATE parts SET state = 'cannot-proceed', "
                                     "reason = 'prerequisite-ended', ended_at = ?3, "
                                     "updated_at = ?3, " LOKET_OUTBOX_WIPE_PERSONAL_DATA " "
                                     "WHERE tracking_code = ?1 AND after = ?2 "
                                     "AND state = 'waiting' RETURNING part_id, service, agency", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, tracking_code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, prerequisite, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          self->wiped = TRUE;
          loket_outbox_log_part (G_LOG_LEVEL_INFO, (const char *) sqlite3_column_text (stmt, 0),
                                 tracking_code, (const char *) sqlite3_column_text (stmt, 2),
                                 "cannot-proceed", "prerequisite-ended");
          g_ptr_array_add (pending, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return loket_outbox_fail (self, rc, error);
    }

  return TRUE;
}

/* Inside a transaction, after a part of SERVICE ended without being delivered. */
gboolean
loket_outbox_settle_dependants (LoketOutbox  *self,
                                const char   *tracking_code,
                                const char   *service,
                                gint64        now,
                                GError      **error)
{
  int live = count_live_parts_of_service (self, tracking_code, service, error);

  if (live < 0)
    return FALSE;
  if (live > 0)
    return TRUE;
  return end_dependants (self, tracking_code, service, now, error);
}

GBytes *
loket_outbox_decrypt_draft (LoketOutbox  *self,
                            const char   *part_id,
                            GError      **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (part_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Only a waiting part's draft, which the engine completes with its prerequisite's outputs. */
  return loket_outbox_decrypt_one (self,
                                   "SELECT CASE state WHEN 'waiting' THEN body END FROM parts "
                                   "WHERE part_id = ?1", part_id, error);
}

gboolean
loket_outbox_store_outputs (LoketOutbox  *self,
                            const char   *part_id,
                            GBytes       *outputs,
                            GError      **error)
{
  g_auto(LoketOutboxPartRow) row = { 0, };
  g_autoptr(GBytes) sealed = NULL;
  sqlite3_stmt *stmt;
  int waiting;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL, FALSE);
  g_return_val_if_fail (outputs != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!loket_outbox_require_key (self, error))
    return FALSE;
  sealed = loket_outbox_key_seal (self->key, outputs, part_id);

  if (!loket_outbox_begin (self, error))
    return FALSE;
  if (!loket_outbox_read_part_row (self, part_id, &row, error))
    goto fail;
  if (row.state != LOKET_OUTBOX_STATE_DELIVERED)
    {
      loket_outbox_wrong_state (error, part_id, row.state);
      goto fail;
    }

  waiting = loket_outbox_count_waiting_dependants (self, row.tracking_code, row.service, error);
  if (waiting < 0)
    goto fail;
  if (waiting > 0)
    {
      stmt = loket_outbox_statement (self, "UPDATE parts SET outputs = ?2 WHERE part_id = ?1",
                                     error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
      loket_outbox_bind_bytes (stmt, 2, sealed);
      if (!loket_outbox_step_done (self, stmt, error))
        goto fail;
    }

  return loket_outbox_commit (self, error);

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

GPtrArray *
loket_outbox_get_dependants (LoketOutbox  *self,
                             const char   *part_id,
                             GBytes      **outputs,
                             GError      **error)
{
  g_autoptr(LoketOutboxStmt) stmt = NULL;
  g_autoptr(GBytes) plain_outputs = NULL;
  g_autofree char *tracking_code = NULL;
  g_autofree char *service = NULL;
  LoketOutboxState state;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (part_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = loket_outbox_statement (self,
                                 "SELECT state, tracking_code, service, outputs FROM parts "
                                 "WHERE part_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      loket_outbox_not_found (error, part_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  if (!loket_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &state) ||
      state != LOKET_OUTBOX_STATE_DELIVERED)
    {
      loket_outbox_wrong_state (error, part_id, state);
      return NULL;
    }
  tracking_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  service = g_strdup ((const char *) sqlite3_column_text (stmt, 2));

  if (outputs != NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      if (!loket_outbox_require_key (self, error))
        return NULL;
      plain_outputs = loket_outbox_decrypt_column (self, stmt, 3, part_id, error);
      if (plain_outputs == NULL)
        return NULL;
    }
  sqlite3_reset (stmt);
  g_clear_pointer (&stmt, loket_outbox_stmt_reset);

  stmt = loket_outbox_statement (self,
                                 "SELECT " LOKET_OUTBOX_PART_COLUMNS " FROM parts "
                                 "WHERE tracking_code = ?1 AND after = ?2 AND state = 'waiting' "
                                 "ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tracking_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service, -1, SQLITE_TRANSIENT);

  {
    g_autoptr(GPtrArray) parts = loket_outbox_parts_new ();

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (parts, loket_outbox_part_from_row (stmt));
    if (rc != SQLITE_DONE)
      {
        loket_outbox_fail (self, rc, error);
        return NULL;
      }

    if (outputs != NULL)
      *outputs = g_steal_pointer (&plain_outputs);
    return g_steal_pointer (&parts);
  }
}

/* Over 80 lines: one transaction (seal, check the row, mark delivered, release dependants)
 * with a single rollback path. */
gboolean
loket_outbox_complete_part (LoketOutbox  *self,
                            const char   *part_id,
                            GBytes       *body,
                            GError      **error)
{
  g_auto(LoketOutboxPartRow) row = { 0, };
  g_autoptr(GBytes) sealed = NULL;
  sqlite3_stmt *stmt;
  gint64 now;
  int delivered, waiting;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!loket_outbox_require_key (self, error))
    return FALSE;
  sealed = loket_outbox_key_seal (self->key, body, part_id);

  now = loket_outbox_now (self);
  if (!loket_outbox_begin (self, error))
    return FALSE;
  if (!loket_outbox_read_part_row (self, part_id, &row, error))
    goto fail;
  if (row.state != LOKET_OUTBOX_STATE_WAITING)
    {
      loket_outbox_wrong_state (error, part_id, row.state);
      goto fail;
    }

  delivered = count_parts (self,
                           "SELECT count(*) FROM parts WHERE tracking_code = ?1 AND service = ?2 "
                           "AND state = 'delivered'", row.tracking_code, row.after, error);
  if (delivered < 0)
    goto fail;
  if (delivered == 0)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE,
                   /* Translators: the first %s is a part id, the second a service id. */
                   _("Part %s still waits for %s to be delivered"), part_id, row.after);
      goto fail;
    }

  /* The completed body is stored once, and from now on sent byte for byte. */
  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET body = ?2, state = 'queued', "
                                 "next_attempt_at = ?3, updated_at = ?3 WHERE part_id = ?1",
                                 error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  loket_outbox_bind_bytes (stmt, 2, sealed);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!loket_outbox_step_done (self, stmt, error))
    goto fail;

  /* The last dependant completed: the prerequisite's outputs have served their purpose. */
  waiting = loket_outbox_count_waiting_dependants (self, row.tracking_code, row.after, error);
  if (waiting < 0)
    goto fail;
  if (waiting == 0)
    {
      stmt = loket_outbox_statement (self,
                                     "UPDATE parts SET outputs = NULL WHERE tracking_code = ?1 "
                                     "AND service = ?2 AND outputs IS NOT NULL", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, row.tracking_code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, row.after, -1, SQLITE_TRANSIENT);
      if (!loket_outbox_step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (self->db) > 0)
        self->wiped = TRUE;
    }

  if (!loket_outbox_commit (self, error))
    return FALSE;

  loket_outbox_log_part (G_LOG_LEVEL_INFO, part_id, row.tracking_code, row.agency, "queued",
                         NULL);
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

gboolean
loket_outbox_give_up_service (LoketOutbox  *self,
                              const char   *tracking_code,
                              const char   *service,
                              GError      **error)
{
  int live;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tracking_code != NULL && service != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!loket_outbox_begin (self, error))
    return FALSE;

  live = count_live_parts_of_service (self, tracking_code, service, error);
  if (live < 0)
    goto fail;
  if (live > 0)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE,
                   /* Translators: %s is a service id. */
                   _("A part of %s may still be delivered: cancel it first"), service);
      goto fail;
    }

  if (!end_dependants (self, tracking_code, service, loket_outbox_now (self), error))
    goto fail;

  return loket_outbox_commit (self, error);

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

/**
 * loket_outbox_give_up_dependants:
 * @part_id: a prerequisite's part that ended badly (rejected or cancelled)
 *
 * Staff's way to stop waiting for a resend: loket_outbox_give_up_service () of the part's
 * request and service (admin mode's "Give up the parts that wait for it" and `loketctl
 * outbox give-up PART-ID`).
 */
gboolean
loket_outbox_give_up_dependants (LoketOutbox  *self,
                                 const char   *part_id,
                                 GError      **error)
{
  g_autoptr(LoketOutboxPart) part = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL, FALSE);

  part = loket_outbox_get_part (self, part_id, error);
  return part != NULL &&
         loket_outbox_give_up_service (self, part->tracking_code, part->service, error);
}
