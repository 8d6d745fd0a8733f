/* loket-outbox-staff.c — what staff do to parts and agencies, and the retention sweeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-outbox-private.h"

/* ---- Staff ---- */

gboolean
loket_outbox_retry_now (LoketOutbox  *self,
                        const char   *part_id,
                        GError      **error)
{
  g_auto(LoketOutboxPartRow) row = { 0, };
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = loket_outbox_now (self);
  if (!loket_outbox_begin (self, error))
    return FALSE;
  if (!loket_outbox_read_part_row (self, part_id, &row, error))
    goto fail;

  if (row.state != LOKET_OUTBOX_STATE_QUEUED && row.state != LOKET_OUTBOX_STATE_RETRY &&
      row.state != LOKET_OUTBOX_STATE_NEEDS_STAFF)
    {
      loket_outbox_wrong_state (error, part_id, row.state);
      goto fail;
    }
  if (!row.has_body)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE,
                   /* Translators: %s is a part id. Its personal data expired; the citizen
                    * must come back. */
                   _("Part %s cannot be sent again: its personal data has been deleted"),
                   part_id);
      goto fail;
    }

  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET state = 'queued', reason = NULL, garbage = 0, "
                                 "next_attempt_at = ?2, updated_at = ?2 WHERE part_id = ?1",
                                 error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!loket_outbox_step_done (self, stmt, error) || !loket_outbox_commit (self, error))
    goto fail;

  loket_outbox_log_part (G_LOG_LEVEL_INFO, part_id, row.tracking_code, row.agency, "queued",
                         "staff");
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

gboolean
loket_outbox_cancel (LoketOutbox  *self,
                     const char   *part_id,
                     GError      **error)
{
  g_auto(LoketOutboxPartRow) row = { 0, };
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = loket_outbox_now (self);
  if (!loket_outbox_begin (self, error))
    return FALSE;
  if (!loket_outbox_read_part_row (self, part_id, &row, error))
    goto fail;

  /* A part being sent is left to its engine, unless that engine's lease ran out. */
  if (loket_outbox_state_is_final (row.state) ||
      (row.state == LOKET_OUTBOX_STATE_SENDING && row.lease_until > now))
    {
      loket_outbox_wrong_state (error, part_id, row.state);
      goto fail;
    }

  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET state = 'cancelled', reason = 'staff', "
                                 "ended_at = ?2, updated_at = ?2, lease_owner = NULL, "
                                 "lease_until = 0, " LOKET_OUTBOX_WIPE_PERSONAL_DATA " "
                                 "WHERE part_id = ?1",
                                 error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!loket_outbox_step_done (self, stmt, error))
    goto fail;
  self->wiped = TRUE;

  if (!loket_outbox_settle_dependants (self, row.tracking_code, row.service, now, error))
    goto fail;

  if (!loket_outbox_commit (self, error))
    return FALSE;

  loket_outbox_log_part (G_LOG_LEVEL_INFO, part_id, row.tracking_code, row.agency, "cancelled",
                         "staff");
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

gboolean
loket_outbox_purge (LoketOutbox  *self,
                    const char   *tracking_code,
                    GError      **error)
{
  g_autoptr(LoketOutboxRequest) request = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tracking_code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!loket_outbox_begin (self, error))
    return FALSE;

  request = loket_outbox_get_request (self, tracking_code, error);
  if (request == NULL)
    goto fail;

  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      /* Purging a live part would lose an accepted request without a trace: cancel first. */
      if (!loket_outbox_state_is_final (part->state))
        {
          loket_outbox_wrong_state (error, part->part_id, part->state);
          goto fail;
        }
    }

  stmt = loket_outbox_statement (self, "DELETE FROM requests WHERE tracking_code = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, tracking_code, -1, SQLITE_TRANSIENT);
  if (!loket_outbox_step_done (self, stmt, error))
    goto fail;
  self->wiped = TRUE;
  if (!loket_outbox_commit (self, error))
    goto fail;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "MESSAGE", "A request with %u parts was purged by staff",
                    request->parts->len);
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

/* ---- Retention ---- */

gboolean
loket_outbox_sweep (LoketOutbox            *self,
                    guint                   pii_max_days,
                    guint                   retention_days,
                    LoketOutboxSweepStats  *stats,
                    GError                **error)
{
  LoketOutboxSweepStats counted = { 0, };
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = loket_outbox_now (self);
  if (!loket_outbox_begin (self, error))
    return FALSE;

  /* Personal data goes pii-max-days after the part was stored (or at the deadline an imported
   * part brought, when that comes first), whatever its state, and the
   * part ends there: one that could still have been sent needs staff (the citizen must be
   * asked again). The age is read on the boot clock within the part's boot (loket-outbox-
   * clock.c), so no wall clock correction moves the deadline. A part in the middle of being
   * sent is left to its engine until its lease runs out. */
  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET "
                                 "reason = CASE WHEN state IN ('queued', 'retry', 'sending', "
                                 "'waiting', 'needs-staff') THEN 'expired' ELSE reason END, "
                                 "state = CASE WHEN state IN ('queued', 'retry', 'sending', "
                                 "'waiting', 'needs-staff') THEN 'needs-staff' ELSE state END, "
                                 "ended_at = CASE WHEN ended_at = 0 THEN ?2 ELSE ended_at END, "
                                 "lease_owner = NULL, lease_until = 0, updated_at = ?2, "
                                 LOKET_OUTBOX_WIPE_PERSONAL_DATA " "
                                 "WHERE " LOKET_OUTBOX_PII_EXPIRED ("?1") " "
                                 "AND (body IS NOT NULL OR outputs IS NOT NULL "
                                 "OR reasons IS NOT NULL OR consent IS NOT NULL "
                                 "OR state IN ('queued', 'retry', 'sending', 'waiting')) "
                                 "AND NOT (state = 'sending' AND lease_until > ?2)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, (gint64) pii_max_days * G_TIME_SPAN_DAY);
  sqlite3_bind_int64 (stmt, 2, now);
  loket_outbox_bind_clock (self, stmt);
  if (!loket_outbox_step_done (self, stmt, error))
    goto fail;
  counted.parts_expired = (guint) sqlite3_changes (self->db);
  if (counted.parts_expired > 0)
    self->wiped = TRUE;

  /* Metadata stays for retention-days after the request's last part ended; a request with a
   * part still alive (retrying for weeks, waiting for staff) is never removed. */
  stmt = loket_outbox_statement (self,
                                 "DELETE FROM requests WHERE NOT EXISTS (SELECT 1 FROM parts p "
                                 "WHERE p.tracking_code = requests.tracking_code "
                                 "AND p.ended_at = 0) "
                                 "AND (SELECT max (p.ended_at) FROM parts p "
                                 "WHERE p.tracking_code = requests.tracking_code) <= ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now - (gint64) retention_days * G_TIME_SPAN_DAY);
  if (!loket_outbox_step_done (self, stmt, error))
    goto fail;
  counted.requests_removed = (guint) sqlite3_changes (self->db);
  if (counted.requests_removed > 0)
    self->wiped = TRUE;

  /* The commit checkpoints (TRUNCATE) when something was deleted: a PASSIVE checkpoint would
   * leave the old pages in the -wal file. */
  if (!loket_outbox_commit (self, error))
    return FALSE;

  if (stats != NULL)
    *stats = counted;

  if (counted.parts_expired == 0 && counted.requests_removed == 0)
    return TRUE;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "MESSAGE", "Outbox sweep: personal data of %u parts deleted, "
                    "%u requests past retention removed",
                    counted.parts_expired, counted.requests_removed);
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

gboolean
loket_outbox_part_older_than (LoketOutbox  *self,
                              const char   *part_id,
                              guint         days,
                              gboolean     *older,
                              GError      **error)
{
  g_autoptr(LoketOutboxStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL, FALSE);
  g_return_val_if_fail (older != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  loket_outbox_now (self);
  stmt = loket_outbox_statement (self,
                                 "SELECT " LOKET_OUTBOX_PII_EXPIRED ("?2") " FROM parts "
                                 "WHERE part_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) days * G_TIME_SPAN_DAY);
  loket_outbox_bind_clock (self, stmt);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return loket_outbox_not_found (error, part_id);
  if (rc != SQLITE_ROW)
    return loket_outbox_fail (self, rc, error);
  *older = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
loket_outbox_checkpoint (LoketOutbox  *self,
                         GError      **error)
{
  int log_frames = 0, checkpointed = 0;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only)
    return TRUE;

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                  &log_frames, &checkpointed);
  /* BUSY: another connection is reading; the next checkpoint finishes the job. */
  if (rc == SQLITE_BUSY)
    {
      g_debug ("Outbox checkpoint incomplete (%d of %d frames): a reader is active",
               checkpointed, log_frames);
      return TRUE;
    }
  if (rc != SQLITE_OK)
    return loket_outbox_fail (self, rc, error);

  return TRUE;
}

gboolean
loket_outbox_record_receipt (LoketOutbox  *self,
                             const char   *tracking_code,
                             const char   *outcome,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tracking_code != NULL, FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = loket_outbox_statement (self,
                                 "UPDATE requests SET receipt = ?2, receipt_at = ?3 "
                                 "WHERE tracking_code = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tracking_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, outcome, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, loket_outbox_now (self));
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND,
                   /* Translators: %s is a tracking code. */
                   _("No request %s in the outbox"), tracking_code);
      return FALSE;
    }
  loket_outbox_metrics_receipt (outcome);
  return TRUE;
}
