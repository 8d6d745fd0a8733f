/* test-audit.c — every staff action leaves its line; any edit, deletion or cut is caught
 *
 * The journal's copy is what a test log writer keeps of the LOKET_AUDIT_* fields, exactly
 * the fields the journal receives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "staff/loket-staff.h"

static char    *journal_hash;    /* the newest LOKET_AUDIT_HASH logged */
static guint64  journal_seq;
static guint    journal_entries;

static GLogWriterOutput
journal_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *hash = NULL, *seq = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "LOKET_AUDIT_HASH"))
      hash = fields[i].value;
    else if (g_str_equal (fields[i].key, "LOKET_AUDIT_SEQ"))
      seq = fields[i].value;

  if (hash == NULL)
    return g_log_writer_default (level, fields, n_fields, user_data);

  g_assert_nonnull (seq);
  g_free (journal_hash);
  journal_hash = g_strdup (hash);
  journal_seq = g_ascii_strtoull (seq, NULL, 10);
  journal_entries++;
  return G_LOG_WRITER_HANDLED;
}

typedef struct {
  char       *dir;
  char       *log;
  LoketStaff *staff;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *file = NULL;

  f->dir = g_dir_make_tmp ("loket-audit-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  file = g_build_filename (f->dir, "staff", NULL);
  f->staff = loket_staff_new (file, f->dir);
  f->log = g_build_filename (f->dir, LOKET_AUDIT_FILE_NAME, NULL);
  journal_entries = 0;
  journal_seq = 0;
  g_clear_pointer (&journal_hash, g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *names[] = { "staff", "staff.lock", "staff-lockout", LOKET_AUDIT_FILE_NAME,
                          "copy" };

  g_clear_object (&f->staff);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->log);
}

/* Six lines: add, refused add, login, wrong PIN, an admin-mode action, remove. */
static void
write_six (Fixture *f)
{
  g_assert_true (loket_staff_add (f->staff, "loketctl (root)", "Siti", "135792", "135792", NULL));
  g_assert_false (loket_staff_add (f->staff, "loketctl (root)", "Budi", "123456", "123456", NULL));
  g_assert_true (loket_staff_login (f->staff, "Siti", "135792", NULL, NULL));
  g_assert_false (loket_staff_login (f->staff, "Siti", "999999", NULL, NULL));
  g_assert_true (loket_staff_audit (f->staff, "Siti", "part-retry",
                                    "0b6f2c1e-3f0a-4a57-9d0c-7b1d2f7a9e10", NULL));
  g_assert_true (loket_staff_remove (f->staff, "loketctl (root)", "Siti", NULL));
}

static void
test_every_action (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const expected[][3] = {
    { "loketctl (root)", "staff-add", "Siti" },
    { "loketctl (root)", "staff-add-refused", "Budi" },
    { "Siti", "login", NULL },
    { "Siti", "wrong-pin", NULL },
    { "Siti", "part-retry", "0b6f2c1e-3f0a-4a57-9d0c-7b1d2f7a9e10" },
    { "loketctl (root)", "staff-remove", "Siti" },
    { "loketctl (root)", "staff-add", "Ani" },
    { "Ani", "wrong-pin", NULL },
    { "Ani", "wrong-pin", NULL },
    { "Ani", "wrong-pin", NULL },
    { "Ani", "wrong-pin", NULL },
    { "Ani", "wrong-pin", NULL },
    { "Ani", "lockout", "15s" },
    { "loketctl (root)", "staff-unlock", NULL },
  };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = loket_audit_target_code ("7K3M-9QXZ-2B4N-H");
  LoketAuditReport report;

  write_six (f);
  g_assert_true (loket_staff_add (f->staff, "loketctl (root)", "Ani", "246813", "246813", NULL));
  /* The kiosk's count goes on from Siti's wrong PIN: Ani's 5th is the 6th in a row. */
  for (guint i = 0; i < 5; i++)
    g_assert_false (loket_staff_login (f->staff, "Ani", "000001", NULL, NULL));
  g_assert_true (loket_staff_unlock (f->staff, "loketctl (root)", NULL));

  entries = loket_audit_read (f->log, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < entries->len; i++)
    {
      LoketAuditEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpuint (entry->seq, ==, i + 1);
      g_assert_cmpstr (entry->staff, ==, expected[i][0]);
      g_assert_cmpstr (entry->action, ==, expected[i][1]);
      g_assert_cmpstr (entry->target, ==, expected[i][2]);
    }
  /* Every line went to the journal too, the last with the chain's head. */
  g_assert_cmpuint (journal_entries, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (journal_seq, ==, G_N_ELEMENTS (expected));
  g_assert_cmpstr (journal_hash, ==,
                   ((LoketAuditEntry *) g_ptr_array_index (entries, entries->len - 1))->hash);

  g_assert_true (loket_audit_verify (f->log, journal_hash, journal_seq, &report, &error));
  g_assert_cmpuint (report.entries, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (report.broken_line, ==, 0);
  g_assert_false (report.truncated);
  g_assert_null (report.problem);
  loket_audit_report_clear (&report);

  /* Of a tracking code only its first four symbols. */
  g_assert_cmpstr (code, ==, "7K3M");
}

static GStrv
read_lines (const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_suffix (text, "\n"));
  text[strlen (text) - 1] = '\0';
  return g_strsplit (text, "\n", -1);
}

static char *
write_copy (Fixture     *f,
            GStrv        lines,
            int          skip,
            int          edit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char *copy = g_build_filename (f->dir, "copy", NULL);

  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup (lines[i]);

      if (i == skip)
        continue;
      if (i == edit)
        {
          /* One byte: the second staff name's letter, or a digit of the time. */
          char *at = strstr (line, "\"time\":\"2");

          g_assert_nonnull (at);
          at[strlen ("\"time\":\"2") + 2] ^= 1;
        }
      g_string_append_printf (text, "%s\n", line);
    }
  g_assert_true (g_file_set_contents (copy, text->str, -1, NULL));
  return copy;
}

static void
test_edit_each_position (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  write_six (f);
  lines = read_lines (f->log);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, ==, 6);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *copy = write_copy (f, lines, -1, (int) k);
      LoketAuditReport report;

      g_test_message ("line %u edited", k + 1);
      g_assert_true (loket_audit_verify (copy, journal_hash, journal_seq, &report, NULL));
      /* A changed line breaks the next one's link; the last one differs from the journal. */
      g_assert_cmpuint (report.broken_line, ==, k + 1 < n ? k + 2 : n);
      g_assert_nonnull (report.problem);
      loket_audit_report_clear (&report);

      /* Without the journal, the last line's edit cannot be seen: what the README says. */
      g_assert_true (loket_audit_verify (copy, NULL, 0, &report, NULL));
      g_assert_cmpuint (report.broken_line, ==, k + 1 < n ? k + 2 : 0);
      loket_audit_report_clear (&report);
    }
}

static void
test_delete_each_position (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  write_six (f);
  lines = read_lines (f->log);
  n = g_strv_length (lines);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *copy = write_copy (f, lines, (int) k, -1);
      LoketAuditReport report;

      g_test_message ("line %u deleted", k + 1);
      g_assert_true (loket_audit_verify (copy, journal_hash, journal_seq, &report, NULL));
      g_assert_nonnull (report.problem);
      if (k + 1 < n)
        {
          /* The line that took its place does not follow on. */
          g_assert_cmpuint (report.broken_line, ==, k + 1);
          g_assert_false (report.truncated);
        }
      else
        {
          g_assert_cmpuint (report.broken_line, ==, 0);
          g_assert_true (report.truncated);
        }
      g_assert_cmpuint (report.entries, ==, n - 1);
      loket_audit_report_clear (&report);
    }
}

static void
test_cut_tail (Fixture       *f,
               gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy", NULL);
  LoketAuditReport report;

  write_six (f);
  lines = read_lines (f->log);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (text, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (copy, text->str, -1, NULL));

  /* The chain in the file alone is whole: only the journal's copy shows the cut. */
  g_assert_true (loket_audit_verify (copy, NULL, 0, &report, NULL));
  g_assert_cmpuint (report.broken_line, ==, 0);
  g_assert_false (report.truncated);
  g_assert_cmpuint (report.entries, ==, 3);
  loket_audit_report_clear (&report);

  g_assert_true (loket_audit_verify (copy, journal_hash, journal_seq, &report, NULL));
  g_assert_true (report.truncated);
  g_assert_true (report.journal_read);
  g_assert_nonnull (strstr (report.problem, "6"));
  loket_audit_report_clear (&report);

  /* The whole file gone is a cut too. */
  g_assert_cmpint (g_unlink (copy), ==, 0);
  g_assert_true (loket_audit_verify (copy, journal_hash, journal_seq, &report, NULL));
  g_assert_true (report.truncated);
  g_assert_cmpuint (report.entries, ==, 0);
  loket_audit_report_clear (&report);
}

static void
test_since (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LoketAudit) audit = loket_audit_new (f->log);
  g_autoptr(GPtrArray) entries = NULL;
  gint64 base = G_GINT64_CONSTANT (1796000000) * G_USEC_PER_SEC;

  for (guint i = 0; i < 4; i++)
    g_assert_true (loket_audit_append (audit, base + i * (gint64) 3600 * G_USEC_PER_SEC, "Siti",
                                       "login", NULL, NULL));
  entries = loket_audit_read (f->log, base + 2 * (gint64) 3600 * G_USEC_PER_SEC, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (((LoketAuditEntry *) g_ptr_array_index (entries, 0))->seq, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (journal_writer, NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit/every-action", test_every_action);
  ADD ("/audit/edit-each-position", test_edit_each_position);
  ADD ("/audit/delete-each-position", test_delete_each_position);
  ADD ("/audit/cut-tail", test_cut_tail);
  ADD ("/audit/since", test_since);
#undef ADD

  return g_test_run ();
}
