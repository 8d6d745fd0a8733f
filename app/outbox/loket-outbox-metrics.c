/* loket-outbox-metrics.c — what the outbox tells Prometheus, and what it counts
 *
 * The outbox gauges (parts by agency and state, the oldest part still to be sent, the last
 * delivery) are read from the database, so any process could write them; only the one that
 * holds the metrics lock does (loket-metrics-file.c), so two files never carry the same
 * series. The counters are counted where the outcome is stored, by the process that stored
 * it: an attempt's result and duration (claim to outcome), a request stored, a receipt's
 * print outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include "metrics/loket-metrics.h"
#include "loket-outbox-private.h"

/* The states whose age says the outbox is stuck: waiting for another service's outputs may
 * take days, and needs-staff has an alert of its own. */
#define PENDING_STATES "('queued', 'sending', 'retry')"

static gboolean
export_counts (LoketOutbox         *self,
               const char * const  *agencies,
               GError             **error)
{
  g_autoptr(GPtrArray) counts = loket_outbox_count_by_agency (self, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (counts == NULL)
    return FALSE;

  loket_metrics_clear ("loket_outbox_parts");
  for (guint i = 0; i < counts->len; i++)
    {
      const LoketOutboxAgency *agency = g_ptr_array_index (counts, i);

      g_hash_table_add (seen, agency->agency);
      for (guint s = 0; s < LOKET_OUTBOX_N_STATES; s++)
        loket_metrics_set ("loket_outbox_parts", agency->counts[s], agency->agency,
                           loket_outbox_state_to_string (s), NULL);
    }
  /* An agency with nothing stored yet reads 0 in every state, not "no data". */
  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    if (!g_hash_table_contains (seen, agencies[i]))
      for (guint s = 0; s < LOKET_OUTBOX_N_STATES; s++)
        loket_metrics_set ("loket_outbox_parts", 0, agencies[i],
                           loket_outbox_state_to_string (s), NULL);
  return TRUE;
}

static gboolean
export_times (LoketOutbox         *self,
              const char * const  *agencies,
              gint64               now,
              GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  loket_metrics_clear ("loket_outbox_oldest_pending_age_seconds");
  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    loket_metrics_set ("loket_outbox_oldest_pending_age_seconds", 0, agencies[i], NULL);

  stmt = loket_outbox_statement (self,
                                 "SELECT agency, min (created_at) FROM parts WHERE state IN "
                                 PENDING_STATES " GROUP BY agency", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 age = now - sqlite3_column_int64 (stmt, 1);

      loket_metrics_set ("loket_outbox_oldest_pending_age_seconds",
                         (double) MAX (age, 0) / G_USEC_PER_SEC,
                         (const char *) sqlite3_column_text (stmt, 0), NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return loket_outbox_fail (self, rc, error);

  loket_metrics_clear ("loket_last_successful_delivery_timestamp_seconds");
  stmt = loket_outbox_statement (self,
                                 "SELECT agency, max (ended_at) FROM parts "
                                 "WHERE state = 'delivered' GROUP BY agency", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    loket_metrics_set ("loket_last_successful_delivery_timestamp_seconds",
                       (double) (sqlite3_column_int64 (stmt, 1) / G_USEC_PER_SEC),
                       (const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return loket_outbox_fail (self, rc, error);
  return TRUE;
}

/**
 * loket_outbox_export_metrics:
 * @agencies: (nullable): the configured agencies, each shown even with no part stored
 *
 * Sets loket_outbox_parts, loket_outbox_oldest_pending_age_seconds and
 * loket_last_successful_delivery_timestamp_seconds afresh from the database.
 */
gboolean
loket_outbox_export_metrics (LoketOutbox         *self,
                             const char * const  *agencies,
                             GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_counts (self, agencies, error) &&
         export_times (self, agencies, loket_outbox_now (self), error);
}

/* ---- Counted where outcomes are stored ---- */

void
loket_outbox_metrics_claimed (LoketOutbox *self,
                              const char  *part_id)
{
  if (self->claimed_at == NULL)
    self->claimed_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->claimed_at, g_strdup (part_id),
                       g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)));
}

void
loket_outbox_metrics_attempt (LoketOutbox *self,
                              const char  *part_id,
                              const char  *agency,
                              const char  *result)
{
  gint64 *claimed = self->claimed_at != NULL ? g_hash_table_lookup (self->claimed_at, part_id)
                                             : NULL;

  loket_metrics_add ("loket_delivery_attempts_total", 1, agency, result, NULL);
  if (claimed != NULL)
    {
      loket_metrics_observe ("loket_delivery_duration_seconds",
                             (double) (g_get_monotonic_time () - *claimed) / G_USEC_PER_SEC,
                             agency, NULL);
      g_hash_table_remove (self->claimed_at, part_id);
    }
}

void
loket_outbox_metrics_released (LoketOutbox *self,
                               const char  *part_id)
{
  if (self->claimed_at != NULL)
    g_hash_table_remove (self->claimed_at, part_id);
}

void
loket_outbox_metrics_receipt (const char *outcome)
{
  if (g_str_equal (outcome, "printed"))
    {
      loket_metrics_add ("loket_receipts_printed_total", 1, NULL);
      loket_metrics_set ("loket_printer_paper_out", 0, NULL);
    }
  else if (g_str_has_prefix (outcome, "failed:"))
    {
      const char *reason = outcome + strlen ("failed:");

      loket_metrics_add ("loket_print_failures_total", 1, reason, NULL);
      if (g_str_equal (reason, "paper-out"))
        loket_metrics_set ("loket_printer_paper_out", 1, NULL);
    }
}
