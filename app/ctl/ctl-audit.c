/* ctl-audit.c — `loketctl audit verify` and `loketctl audit show [--since TIME]`
 *
 * verify walks the SHA-256 chain of audit.jsonl and, where the journal is readable, compares
 * the file's tail with the newest entry the journal holds (loket-audit.h). It exits 1 when
 * the chain is broken or the tail was cut off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "staff/loket-audit.h"
#include "loket-ctl.h"

static char *
audit_path (LoketCtl  *ctl,
            GError   **error)
{
  LoketConfig *config = loket_ctl_get_config (ctl, error);

  return config != NULL ? g_build_filename (config->state_dir, LOKET_AUDIT_FILE_NAME, NULL)
                        : NULL;
}

int
loket_ctl_audit_verify (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *journal_hash = NULL;
  guint64 journal_seq = 0;
  LoketAuditReport report = { 0 };
  int status = 0;

  if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl audit verify"));

  path = audit_path (ctl, &error);
  if (path == NULL)
    return loket_ctl_fail_error (error);

  if (!loket_audit_read_journal_head (path, &journal_hash, &journal_seq))
    fprintf (stderr, "%s\n",
             _("loketctl: the journal holds no copy of this audit log that can be read here "
               "(run as root or in group systemd-journal): a cut-off tail cannot be seen"));

  if (!loket_audit_verify (path, journal_hash, journal_seq, &report, &error))
    return loket_ctl_fail_error (error);

  if (report.broken_line != 0)
    {
      /* Translators: the file, the number of the line that breaks the chain, and why. */
      fprintf (stderr, _("%s: line %u breaks the chain: %s"), path,
               (guint) report.broken_line, report.problem);
      fprintf (stderr, "\n");
      status = 1;
    }
  else if (report.truncated)
    {
      /* Translators: the file, then what is wrong with its tail. */
      fprintf (stderr, _("%s: truncated: %s"), path, report.problem);
      fprintf (stderr, "\n");
      status = 1;
    }
  else
    {
      /* Translators: the file, then how many entries it holds. */
      printf (g_dngettext (GETTEXT_PACKAGE, "%s: intact, %u entry", "%s: intact, %u entries",
                           (gulong) report.entries),
              path, (guint) report.entries);
      printf ("\n");
    }

  loket_audit_report_clear (&report);
  return status;
}

/* A date (midnight, local time) or a date and time (ISO 8601; local time without a zone). */
static gboolean
parse_since (const char *text,
             gint64     *since)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, local);

  if (when == NULL)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);

      when = g_date_time_new_from_iso8601 (midnight, local);
    }
  if (when == NULL)
    return FALSE;
  *since = g_date_time_to_unix (when) * G_USEC_PER_SEC;
  return TRUE;
}

int
loket_ctl_audit_show (LoketCtl  *ctl,
                      int        argc,
                      char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *path = NULL;
  gint64 since = 0;

  if (argc == 3 && g_str_equal (argv[1], "--since"))
    {
      if (!parse_since (argv[2], &since))
        /* Translators: %s is what the user typed after --since. */
        return loket_ctl_fail (_("--since %s: not a date (2026-12-06) or a date and time "
                                 "(2026-12-06T08:00, 2026-12-06T01:00:00Z)"), argv[2]);
    }
  else if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl audit show [--since TIME]"));

  path = audit_path (ctl, &error);
  if (path == NULL)
    return loket_ctl_fail_error (error);
  entries = loket_audit_read (path, since, &error);
  if (entries == NULL)
    return loket_ctl_fail_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      LoketAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->time / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S %z");

      printf ("%" G_GUINT64_FORMAT "\t%s\t%s\t%s%s%s\n", entry->seq, when, entry->staff,
              loket_audit_describe_action (entry->action), entry->target != NULL ? ": " : "",
              entry->target != NULL ? entry->target : "");
    }
  return 0;
}
