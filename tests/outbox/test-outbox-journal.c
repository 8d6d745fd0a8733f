/* test-outbox-journal.c — what a part's changes of state tell the journal: the structured
 * fields LOKET_PART, LOKET_CODE_PREFIX, LOKET_AGENCY, LOKET_STATE, LOKET_REASON, captured
 * through a log writer, and never the whole tracking code nor the citizen's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-outbox"

#include <string.h>

#include "outbox-test-util.h"

static GPtrArray *captured;   /* of GHashTable* field → value, while a test captures */

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (captured != NULL)
    {
      GHashTable *record = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (gsize i = 0; i < n_fields; i++)
        if (fields[i].length < 0)
          g_hash_table_insert (record, g_strdup (fields[i].key), g_strdup (fields[i].value));
      g_ptr_array_add (captured, record);
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* The records about part_id in state, in order. */
static GHashTable *
find_record (const char *part_id,
             const char *state)
{
  for (guint i = 0; i < captured->len; i++)
    {
      GHashTable *record = g_ptr_array_index (captured, i);

      if (g_strcmp0 (g_hash_table_lookup (record, "LOKET_PART"), part_id) == 0 &&
          g_strcmp0 (g_hash_table_lookup (record, "LOKET_STATE"), state) == 0)
        return record;
    }
  return NULL;
}

static void
assert_fields (GHashTable *record,
               const char *code,
               const char *agency,
               const char *reason)
{
  g_autofree char *prefix = g_strndup (code, 4);

  g_assert_nonnull (record);
  g_assert_cmpstr (g_hash_table_lookup (record, "LOKET_CODE_PREFIX"), ==, prefix);
  g_assert_cmpstr (g_hash_table_lookup (record, "LOKET_AGENCY"), ==, agency);
  g_assert_cmpstr (g_hash_table_lookup (record, "LOKET_REASON"), ==, reason);
  g_assert_cmpstr (g_hash_table_lookup (record, "GLIB_DOMAIN"), ==, "loket-outbox");
  g_assert_cmpstr (g_hash_table_lookup (record, "PRIORITY"), ==, "6");
}

static void
test_fields (void)
{
  OutboxTestEnv env;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = outbox_test_new_code ();
  g_auto(GStrv) ids = NULL;
  LoketOutboxResult retry = { LOKET_OUTBOX_OUTCOME_RETRY, 503, "http:503", NULL, NULL, NULL,
                              NULL, 0 };
  LoketOutboxResult staff = { LOKET_OUTBOX_OUTCOME_NEEDS_STAFF, 400, "http:400", NULL, NULL,
                              NULL, "agency-refused", 0 };

  outbox_test_env_init (&env);
  outbox = outbox_test_open (&env);
  captured = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  ids = outbox_test_store (outbox, code, 2);
  assert_fields (find_record (ids[0], "queued"), code, "a0", NULL);
  assert_fields (find_record (ids[1], "queued"), code, "a1", NULL);

  claimed = loket_outbox_claim_due (outbox, "engine", 60 * G_USEC_PER_SEC, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 2);
  g_assert_true (loket_outbox_record_outcome (outbox, ids[0], "engine", &retry, &error));
  g_assert_true (loket_outbox_record_outcome (outbox, ids[1], "engine", &staff, &error));
  g_assert_no_error (error);
  assert_fields (find_record (ids[0], "retry"), code, "a0", "http:503");
  assert_fields (find_record (ids[1], "needs-staff"), code, "a1", "agency-refused");

  g_assert_true (loket_outbox_cancel (outbox, ids[1], &error));
  g_assert_no_error (error);
  assert_fields (find_record (ids[1], "cancelled"), code, "a1", "staff");

  /* Nothing captured holds the whole code or the citizen's data, in any field. */
  for (guint i = 0; i < captured->len; i++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, g_ptr_array_index (captured, i));
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_assert_null (strstr (value, code));
          g_assert_null (strstr (value, TEST_NAME));
          g_assert_null (strstr (value, TEST_NIK));
          g_assert_null (strstr (value, TEST_PHONE));
        }
    }

  g_clear_pointer (&captured, g_ptr_array_unref);
  g_clear_pointer (&outbox, loket_outbox_close);
  outbox_test_env_clear (&env);
}

int
main (int    argc,
      char **argv)
{
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/journal/fields", test_fields);
  return g_test_run ();
}
