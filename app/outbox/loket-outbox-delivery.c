/* loket-outbox-delivery.c — the part state machine: leases and outcomes of delivery attempts
 *
 * queued ──claim──▶ sending ──▶ delivered | retry | rejected | needs-staff | queued (held)
 * retry ──claim──▶ sending;  waiting ──complete──▶ queued;  waiting ──▶ cannot-proceed
 * queued, retry, waiting, needs-staff ──staff──▶ cancelled;  retry, needs-staff ──▶ queued
 *
 * A part ends delivered, rejected, cancelled or cannot-proceed; its encrypted columns are
 * cleared in the same transaction that ends it. Waiting parts: loket-outbox-dependants.c;
 * staff actions and sweeps: loket-outbox-staff.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "loket-outbox-private.h"

void
loket_outbox_log_part (GLogLevelFlags  level,
                       const char     *part_id,
                       const char     *state,
                       const char     *detail)
{
  g_log_structured (G_LOG_DOMAIN, level,
                    "LOKET_PART_ID", part_id,
                    "LOKET_STATE", state,
                    "MESSAGE", "Part %s: %s%s%s", part_id, state,
                    detail != NULL ? ", " : "", detail != NULL ? detail : "");
}

void
loket_outbox_bind_bytes (sqlite3_stmt *stmt,
                         int           index,
                         GBytes       *bytes)
{
  gsize len;
  const void *data;

  if (bytes == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  /* An empty GBytes may have no data pointer, which SQLite would store as NULL. */
  data = g_bytes_get_data (bytes, &len);
  sqlite3_bind_blob64 (stmt, index, len > 0 ? data : "", len, SQLITE_TRANSIENT);
}

gboolean
loket_outbox_not_found (GError     **error,
                        const char  *part_id)
{
  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND,
               /* Translators: %s is a part id (a UUID). */
               _("No part %s in the outbox"), part_id);
  return FALSE;
}

gboolean
loket_outbox_wrong_state (GError          **error,
                          const char       *part_id,
                          LoketOutboxState  state)
{
  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE,
               /* Translators: the first %s is a part id, the second its state
                * ("delivered", …). */
               _("Part %s is %s: not possible in that state"), part_id,
               loket_outbox_state_to_string (state));
  return FALSE;
}

void
loket_outbox_part_row_clear (LoketOutboxPartRow *row)
{
  g_clear_pointer (&row->tracking_code, g_free);
  g_clear_pointer (&row->service, g_free);
  g_clear_pointer (&row->after, g_free);
  g_clear_pointer (&row->lease_owner, g_free);
}

gboolean
loket_outbox_read_part_row (LoketOutbox         *self,
                            const char          *part_id,
                            LoketOutboxPartRow  *row,
                            GError             **error)
{
  g_autoptr(LoketOutboxStmt) stmt = NULL;
  int rc;

  stmt = loket_outbox_statement (self,
                                 "SELECT state, tracking_code, service, after, lease_owner, "
                                 "lease_until, attempts, garbage, body IS NOT NULL "
                                 "FROM parts WHERE part_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return loket_outbox_not_found (error, part_id);
  if (rc != SQLITE_ROW)
    return loket_outbox_fail (self, rc, error);

  if (!loket_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 0), &row->state))
    row->state = LOKET_OUTBOX_STATE_NEEDS_STAFF;
  row->tracking_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->service = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->after = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->lease_owner = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  row->lease_until = sqlite3_column_int64 (stmt, 5);
  row->attempts = (guint) sqlite3_column_int (stmt, 6);
  row->garbage = (guint) sqlite3_column_int (stmt, 7);
  row->has_body = sqlite3_column_int (stmt, 8) != 0;
  return TRUE;
}

static gboolean
check_lease (const LoketOutboxPartRow  *row,
             const char                *part_id,
             const char                *owner,
             GError                   **error)
{
  if (row->state == LOKET_OUTBOX_STATE_SENDING && g_strcmp0 (row->lease_owner, owner) == 0)
    return TRUE;

  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_LEASE,
               /* Translators: %s is a part id. Another delivery engine took it over after
                * this one's lease ran out, or it was never claimed by this one. */
               _("Part %s is not claimed by this delivery engine (any more)"), part_id);
  return FALSE;
}

/* ---- Claiming ---- */

GPtrArray *
loket_outbox_claim_due (LoketOutbox  *self,
                        const char   *owner,
                        gint64        lease,
                        guint         max_parts,
                        GError      **error)
{
  return loket_outbox_claim_due_except (self, owner, lease, max_parts, 0, NULL, error);
}

/* Agencies to pass over, or part ids: the JSON array a statement reads with json_each. */
static char *
skip_list_json (const char * const *skip_agencies)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; skip_agencies != NULL && skip_agencies[i] != NULL; i++)
    json_builder_add_string_value (builder, skip_agencies[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Inside the claim's transaction: leases up to max_parts due parts to owner, adding them to
 * parts. */
static gboolean
claim_rows (LoketOutbox         *self,
            const char          *owner,
            gint64               now,
            gint64               lease,
            guint                max_parts,
            guint                max_per_agency,
            const char * const  *skip_agencies,
            GPtrArray           *parts,
            GError             **error)
{
  g_autofree char *skip = skip_list_json (skip_agencies);
  sqlite3_stmt *stmt;
  int rc;

  /* One statement decides and takes: two engines (threads or processes) serialise on the
   * write lock, and the second sees the first one's leases. An expired lease is a stuck
   * engine (a working one renews its leases); the Idempotency-Key makes sending that part
   * again safe. */
  /* The skipped agencies (full or resting in the engine) and the per-agency bound keep one
   * agency's backlog from filling every claim while the others' parts wait behind it. */
  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET state = 'sending', lease_owner = ?1, "
                                 "lease_until = ?2, updated_at = ?3 "
                                 "WHERE part_id IN (SELECT d.part_id FROM "
                                 "(SELECT p.part_id, p.next_attempt_at, p.created_at, p.seq, "
                                 "row_number () OVER (PARTITION BY p.agency ORDER BY "
                                 "p.next_attempt_at, p.created_at, p.seq) AS turn FROM parts p "
                                 "WHERE ((p.state IN ('queued', 'retry') "
                                 "AND p.next_attempt_at <= ?3) "
                                 "OR (p.state = 'sending' AND p.lease_until <= ?3)) "
                                 "AND p.agency NOT IN (SELECT value FROM json_each (?5)) "
                                 "AND NOT EXISTS (SELECT 1 FROM agencies a "
                                 "WHERE a.agency = p.agency AND a.held)) d "
                                 "WHERE ?6 = 0 OR d.turn <= ?6 "
                                 "ORDER BY d.next_attempt_at, d.created_at, d.seq LIMIT ?4) "
                                 "RETURNING " LOKET_OUTBOX_PART_COLUMNS, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now + lease);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, max_parts);
  sqlite3_bind_text (stmt, 5, skip, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, max_per_agency);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (parts, loket_outbox_part_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return loket_outbox_fail (self, rc, error);
  return TRUE;
}

GPtrArray *
loket_outbox_claim_due_except (LoketOutbox         *self,
                               const char          *owner,
                               gint64               lease,
                               guint                max_parts,
                               guint                max_per_agency,
                               const char * const  *skip_agencies,
                               GError             **error)
{
  g_autoptr(GPtrArray) parts = loket_outbox_parts_new ();
  g_autoptr(GPtrArray) dead = loket_outbox_dead_owners_new ();
  gint64 now;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (owner != NULL && *owner != '\0', NULL);
  g_return_val_if_fail (lease > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Without the key nothing can be sent: leave the parts where they are. */
  if (!loket_outbox_require_key (self, error))
    return NULL;
  if (max_parts == 0)
    return g_steal_pointer (&parts);

  now = loket_outbox_now (self);
  if (!loket_outbox_begin (self, error))
    return NULL;

  /* A dead engine's parts are due at once, whatever their lease says (loket-outbox-owner.c):
   * under the write lock, so two engines do not both take the same dead one over. */
  if (!loket_outbox_take_over_dead_owners (self, now, dead, error))
    goto fail;

  if (!claim_rows (self, owner, now, lease, max_parts, max_per_agency, skip_agencies, parts,
                   error))
    goto fail;

  if (!loket_outbox_commit (self, error))
    {
      loket_outbox_forget_dead_owners (dead, FALSE);
      return NULL;
    }
  loket_outbox_forget_dead_owners (dead, TRUE);

  for (guint i = 0; i < parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (parts, i);

      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,
                        "LOKET_PART_ID", part->part_id,
                        "LOKET_AGENCY", part->agency,
                        "MESSAGE", "Part %s claimed by %s", part->part_id, owner);
    }

  return g_steal_pointer (&parts);

fail:
  loket_outbox_rollback (self);
  loket_outbox_forget_dead_owners (dead, FALSE);
  return NULL;
}

static gboolean
update_leased (LoketOutbox  *self,
               const char   *sql,
               const char   *part_id,
               const char   *owner,
               gint64        value,
               GError      **error)
{
  sqlite3_stmt *stmt = loket_outbox_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, value);
  sqlite3_bind_int64 (stmt, 4, loket_outbox_now (self));
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_auto(LoketOutboxPartRow) row = { 0, };

      if (!loket_outbox_read_part_row (self, part_id, &row, error))
        return FALSE;
      return check_lease (&row, part_id, owner, error);
    }

  return TRUE;
}

gboolean
loket_outbox_renew_lease (LoketOutbox  *self,
                          const char   *part_id,
                          const char   *owner,
                          gint64        lease,
                          GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL && owner != NULL, FALSE);
  g_return_val_if_fail (lease > 0, FALSE);

  return update_leased (self,
                        "UPDATE parts SET lease_until = ?4 + ?3, updated_at = ?4 "
                        "WHERE part_id = ?1 AND state = 'sending' AND lease_owner = ?2",
                        part_id, owner, lease, error);
}

gboolean
loket_outbox_renew_leases (LoketOutbox         *self,
                           const char          *owner,
                           const char * const  *part_ids,
                           gint64               lease,
                           GError             **error)
{
  g_autofree char *ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);
  g_return_val_if_fail (lease > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (part_ids == NULL || part_ids[0] == NULL)
    return TRUE;

  /* updated_at stays: staff read it as the part's last change, and a renewal is none. */
  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET lease_until = ?3 + ?4 "
                                 "WHERE state = 'sending' AND lease_owner = ?1 "
                                 "AND part_id IN (SELECT value FROM json_each (?2))", error);
  if (stmt == NULL)
    return FALSE;
  ids = skip_list_json (part_ids);
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ids, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, loket_outbox_now (self));
  sqlite3_bind_int64 (stmt, 4, lease);
  return loket_outbox_step_done (self, stmt, error);
}

gboolean
loket_outbox_release (LoketOutbox  *self,
                      const char   *part_id,
                      const char   *owner,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL && owner != NULL, FALSE);

  /* Nothing was sent (the engine stops, or the agency got held meanwhile): the part is due
   * again at once, without an attempt counted. */
  return update_leased (self,
                        "UPDATE parts SET state = 'queued', lease_owner = NULL, lease_until = 0, "
                        "next_attempt_at = min (next_attempt_at, ?4 + ?3), updated_at = ?4 "
                        "WHERE part_id = ?1 AND state = 'sending' AND lease_owner = ?2",
                        part_id, owner, 0, error);
}

GBytes *
loket_outbox_decrypt_column (LoketOutbox  *self,
                             sqlite3_stmt *stmt,
                             int           column,
                             const char   *part_id,
                             GError      **error)
{
  return loket_outbox_key_open (self->key, sqlite3_column_blob (stmt, column),
                                (gsize) sqlite3_column_bytes (stmt, column),
                                part_id, self->key_path, error);
}

static gboolean
no_personal_data (GError     **error,
                  const char  *part_id)
{
  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE,
               /* Translators: %s is a part id. Its personal data was deleted (the part
                * ended or expired). */
               _("Part %s holds no personal data any more"), part_id);
  return FALSE;
}

GBytes *
loket_outbox_decrypt_body (LoketOutbox  *self,
                           const char   *part_id,
                           const char   *owner,
                           GError      **error)
{
  g_autoptr(LoketOutboxStmt) stmt = NULL;
  g_auto(LoketOutboxPartRow) row = { 0, };
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (part_id != NULL && owner != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!loket_outbox_require_key (self, error))
    return NULL;

  /* Only the engine that holds the lease reads a body, and only to send it. */
  stmt = loket_outbox_statement (self,
                                 "SELECT body FROM parts WHERE part_id = ?1 "
                                 "AND state = 'sending' AND lease_owner = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          no_personal_data (error, part_id);
          return NULL;
        }
      return loket_outbox_decrypt_column (self, stmt, 0, part_id, error);
    }
  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  if (loket_outbox_read_part_row (self, part_id, &row, error))
    check_lease (&row, part_id, owner, error);
  return NULL;
}

GBytes *
loket_outbox_decrypt_one (LoketOutbox  *self,
                          const char   *sql,
                          const char   *part_id,
                          GError      **error)
{
  g_autoptr(LoketOutboxStmt) stmt = NULL;
  int rc;

  if (!loket_outbox_require_key (self, error))
    return NULL;

  stmt = loket_outbox_statement (self, sql, error);
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
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      no_personal_data (error, part_id);
      return NULL;
    }

  return loket_outbox_decrypt_column (self, stmt, 0, part_id, error);
}

GBytes *
loket_outbox_decrypt_reasons (LoketOutbox  *self,
                              const char   *part_id,
                              GError      **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (part_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return loket_outbox_decrypt_one (self, "SELECT reasons FROM parts WHERE part_id = ?1",
                                   part_id, error);
}

/* ---- Outcomes ---- */

static const char *
outcome_name (LoketOutboxOutcome outcome)
{
  switch (outcome)
    {
    case LOKET_OUTBOX_OUTCOME_DELIVERED: return "delivered";
    case LOKET_OUTBOX_OUTCOME_RETRY: return "retry";
    case LOKET_OUTBOX_OUTCOME_GARBAGE: return "garbage";
    case LOKET_OUTBOX_OUTCOME_REJECTED: return "rejected";
    case LOKET_OUTBOX_OUTCOME_NEEDS_STAFF: return "needs-staff";
    case LOKET_OUTBOX_OUTCOME_HELD: return "held";
    default: return NULL;
    }
}

static gboolean
log_attempt (LoketOutbox              *self,
             const char               *part_id,
             const LoketOutboxResult  *result,
             gint64                    now,
             GError                  **error)
{
  sqlite3_stmt *stmt = loket_outbox_statement (self,
                                               "INSERT INTO attempts (part_id, at, outcome, "
                                               "http_status, error) VALUES (?1, ?2, ?3, ?4, ?5)",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, outcome_name (result->outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, result->http_status);
  if (result->error_text != NULL)
    sqlite3_bind_text (stmt, 5, result->error_text, -1, SQLITE_TRANSIENT);
  return loket_outbox_step_done (self, stmt, error);
}

static gboolean
hold_agency (LoketOutbox  *self,
             const char   *agency,
             const char   *reason,
             gint64        now,
             GError      **error)
{
  sqlite3_stmt *stmt = loket_outbox_statement (self,
                                               "INSERT INTO agencies (agency, held, reason, since, "
                                               "since_boot) VALUES (?1, 1, ?2, ?3, ?4) "
                                               "ON CONFLICT (agency) DO UPDATE SET reason = ?2, "
                                               "since = CASE WHEN held THEN since ELSE ?3 END, "
                                               "since_boot = CASE WHEN held THEN since_boot "
                                               "ELSE ?4 END, held = 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, agency, -1, SQLITE_TRANSIENT);
  if (reason != NULL)
    sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, self->reading.boot_id, -1, SQLITE_TRANSIENT);
  return loket_outbox_step_done (self, stmt, error);
}

static char *
agency_of (LoketOutbox  *self,
           const char   *part_id,
           GError      **error)
{
  g_autoptr(LoketOutboxStmt) stmt = loket_outbox_statement (self,
                                                            "SELECT agency FROM parts "
                                                            "WHERE part_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* What an outcome does to a part: its new state and what is written with it. */
typedef struct {
  LoketOutboxState  state;
  const char       *reason;           /* borrowed from the result, or static; or NULL */
  gint64            next_attempt_at;
  GBytes           *sealed_outputs;   /* or NULL */
  GBytes           *sealed_reasons;   /* or NULL */
} Transition;

static void
transition_clear (Transition *next)
{
  g_clear_pointer (&next->sealed_outputs, g_bytes_unref);
  g_clear_pointer (&next->sealed_reasons, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Transition, transition_clear)

/* docs/agency-protocol.md: never "delivered" without a 2xx and a reference. */
static gboolean
check_result (const LoketOutboxResult  *result,
              GError                  **error)
{
  if (result->outcome == LOKET_OUTBOX_OUTCOME_DELIVERED &&
      (result->reference == NULL || *result->reference == '\0' ||
       result->http_status < 200 || result->http_status > 299))
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID,
                           _("A part is delivered only with a 2xx answer and a reference"));
      return FALSE;
    }
  return TRUE;
}

/* Outputs serve dependent parts only: kept (sealed) while one of them waits. */
static gboolean
keep_outputs (LoketOutbox               *self,
              const char                *part_id,
              const LoketOutboxPartRow  *row,
              const LoketOutboxResult   *result,
              Transition                *next,
              GError                   **error)
{
  int waiting;

  if (result->outputs == NULL)
    return TRUE;

  waiting = loket_outbox_count_waiting_dependants (self, row->tracking_code, row->service,
                                                   error);
  if (waiting < 0)
    return FALSE;
  if (waiting > 0)
    next->sealed_outputs = loket_outbox_key_seal (self->key, result->outputs, part_id);
  return TRUE;
}

/* The agency's credentials were refused: every part of it waits, this one queued again. */
static gboolean
hold_for_agency (LoketOutbox              *self,
                 const char               *part_id,
                 const LoketOutboxResult  *result,
                 gint64                    now,
                 GError                  **error)
{
  g_autofree char *agency = agency_of (self, part_id, error);

  return agency != NULL && hold_agency (self, agency, result->reason, now, error);
}

/* Inside the outcome's transaction: what the outcome makes of the part. */
static gboolean
decide_transition (LoketOutbox               *self,
                   const char                *part_id,
                   const LoketOutboxPartRow  *row,
                   const LoketOutboxResult   *result,
                   gint64                     now,
                   Transition                *next,
                   GError                   **error)
{
  next->next_attempt_at = now;
  switch (result->outcome)
    {
    case LOKET_OUTBOX_OUTCOME_DELIVERED:
      next->state = LOKET_OUTBOX_STATE_DELIVERED;
      return keep_outputs (self, part_id, row, result, next, error);

    case LOKET_OUTBOX_OUTCOME_GARBAGE:
      if (row->garbage + 1 >= self->schedule.max_garbage)
        {
          next->state = LOKET_OUTBOX_STATE_NEEDS_STAFF;
          next->reason = "garbage";
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case LOKET_OUTBOX_OUTCOME_RETRY:
      next->state = LOKET_OUTBOX_STATE_RETRY;
      /* Staff see why it waits (a TLS or connection failure, a status line): without it,
       * `outbox show` of a part that never gets through says nothing they can act on. */
      next->reason = result->error_text;
      next->next_attempt_at = now + loket_outbox_backoff_delay (&self->schedule, row->attempts,
                                                                result->retry_after,
                                                                self->rand);
      return TRUE;

    case LOKET_OUTBOX_OUTCOME_REJECTED:
      next->state = LOKET_OUTBOX_STATE_REJECTED;
      return TRUE;

    case LOKET_OUTBOX_OUTCOME_NEEDS_STAFF:
      next->state = LOKET_OUTBOX_STATE_NEEDS_STAFF;
      next->reason = result->reason != NULL ? result->reason : "agency-refused";
      if (result->reasons != NULL)
        next->sealed_reasons = loket_outbox_key_seal (self->key, result->reasons, part_id);
      return TRUE;

    case LOKET_OUTBOX_OUTCOME_HELD:
      next->state = LOKET_OUTBOX_STATE_QUEUED;
      next->reason = "held";
      return hold_for_agency (self, part_id, result, now, error);

    default:
      g_assert_not_reached ();
    }
}

/* Writes the part's new row; an ended part loses its personal data in the same statement. */
static gboolean
write_transition (LoketOutbox              *self,
                  const char               *part_id,
                  const LoketOutboxResult  *result,
                  const Transition         *next,
                  gint64                    now,
                  GError                  **error)
{
  gboolean ends = loket_outbox_state_is_final (next->state);
  sqlite3_stmt *stmt;

  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET state = ?2, reason = ?3, reference = "
                                 "coalesce (?4, reference), http_status = ?5, "
                                 "attempts = attempts + 1, garbage = garbage + ?6, "
                                 "next_attempt_at = ?7, updated_at = ?8, "
                                 "ended_at = CASE WHEN ?9 THEN ?8 ELSE 0 END, "
                                 "lease_owner = NULL, lease_until = 0, "
                                 "body = CASE WHEN ?9 THEN NULL ELSE body END, "
                                 "consent = CASE WHEN ?9 THEN NULL ELSE consent END, "
                                 "outputs = ?10, reasons = ?11 "
                                 "WHERE part_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, loket_outbox_state_to_string (next->state), -1, SQLITE_STATIC);
  if (next->reason != NULL)
    sqlite3_bind_text (stmt, 3, next->reason, -1, SQLITE_TRANSIENT);
  if (result->outcome == LOKET_OUTBOX_OUTCOME_DELIVERED)
    sqlite3_bind_text (stmt, 4, result->reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, result->http_status);
  sqlite3_bind_int (stmt, 6, result->outcome == LOKET_OUTBOX_OUTCOME_GARBAGE ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, next->next_attempt_at);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_int (stmt, 9, ends);
  loket_outbox_bind_bytes (stmt, 10, next->sealed_outputs);
  loket_outbox_bind_bytes (stmt, 11, next->sealed_reasons);
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;

  if (ends)
    self->wiped = TRUE;
  return TRUE;
}

gboolean
loket_outbox_record_outcome (LoketOutbox              *self,
                             const char               *part_id,
                             const char               *owner,
                             const LoketOutboxResult  *result,
                             GError                  **error)
{
  g_auto(LoketOutboxPartRow) row = { 0, };
  g_auto(Transition) next = { 0, };
  gint64 now;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (part_id != NULL && owner != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (outcome_name (result->outcome) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_result (result, error))
    return FALSE;

  if ((result->outputs != NULL || result->reasons != NULL) &&
      !loket_outbox_require_key (self, error))
    return FALSE;

  now = loket_outbox_now (self);
  if (!loket_outbox_begin (self, error))
    return FALSE;

  if (!loket_outbox_read_part_row (self, part_id, &row, error) ||
      !check_lease (&row, part_id, owner, error) ||
      !decide_transition (self, part_id, &row, result, now, &next, error) ||
      !write_transition (self, part_id, result, &next, now, error) ||
      !log_attempt (self, part_id, result, now, error))
    {
      loket_outbox_rollback (self);
      return FALSE;
    }

  if (!loket_outbox_commit (self, error))
    return FALSE;

  loket_outbox_log_part (G_LOG_LEVEL_INFO, part_id, loket_outbox_state_to_string (next.state),
                         next.reason);
  return TRUE;
}

/* ---- Agencies held on 401/403 ---- */

gboolean
loket_outbox_hold_agency (LoketOutbox  *self,
                          const char   *agency,
                          const char   *reason,
                          GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (agency != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hold_agency (self, agency, reason, loket_outbox_now (self), error))
    return FALSE;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "LOKET_AGENCY", agency,
                    "MESSAGE", "Agency %s held: %s", agency, reason != NULL ? reason : "");
  return TRUE;
}

gboolean
loket_outbox_release_agency (LoketOutbox  *self,
                             const char   *agency,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (agency != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = loket_outbox_statement (self,
                                 "UPDATE agencies SET held = 0, reason = NULL, since = 0 "
                                 "WHERE agency = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, agency, -1, SQLITE_TRANSIENT);
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "LOKET_AGENCY", agency,
                    "MESSAGE", "Agency %s released", agency);
  return TRUE;
}
