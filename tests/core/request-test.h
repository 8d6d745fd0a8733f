/* request-test.h — what tests/core/test-request.c and test-split.c share: the test catalog,
 * a fixed day, and the issues of a request as one comparable string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core/loket-catalog.h"
#include "core/loket-request.h"

static inline LoketCatalog *
request_test_catalog (void)
{
  g_autofree char *dir = g_build_filename (LOKET_TEST_SRCDIR, "core", "request-catalogs",
                                           "family", NULL);
  g_autoptr(GError) error = NULL;
  LoketCatalog *catalog = loket_catalog_load (dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

/* Every request in these tests lives on 15 June 2025, so date rules give fixed answers. */
static inline LoketRequest *
request_test_new (LoketCatalog *catalog)
{
  LoketRequest *request = loket_request_new (catalog);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2025);
  loket_request_set_today (request, &today);
  loket_request_set_language (request, "id");
  return request;
}

/* One line per issue: "place severity code [warning id]: message". */
static inline char *
request_test_issues (LoketRequest *request,
                     const char   *section)
{
  g_autoptr(GPtrArray) issues = loket_request_get_issues (request, section);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const LoketIssue *issue = g_ptr_array_index (issues, i);

      g_string_append (text, issue->field_id);
      if (issue->entry_index >= 0)
        g_string_append_printf (text, "[%d].%s", issue->entry_index, issue->sub_field_id);
      g_string_append_printf (text, " %s %s", issue->severity == LOKET_ISSUE_ERROR ? "E" : "W",
                              issue->code);
      if (issue->warning_id != NULL)
        g_string_append_printf (text, " %s%s", issue->warning_id,
                                issue->confirmed ? " (confirmed)" : "");
      g_string_append_printf (text, ": %s\n", issue->message);
    }

  return g_string_free (text, FALSE);
}

static inline void
request_test_set_bool (LoketRequest *request,
                       const char   *field_id,
                       gboolean      value)
{
  g_autoptr(JsonNode) node = json_node_init_boolean (json_node_alloc (), value);
  g_autoptr(GError) error = NULL;

  g_assert_true (loket_request_set_value (request, field_id, node, &error));
  g_assert_no_error (error);
}
