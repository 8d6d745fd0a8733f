/* fuzz-request.c — arbitrary bytes as a `loketctl submit` request against the test catalog of
 * tests/core: never a crash, a leak or a warning; a request that is accepted always splits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "core/loket-json.h"
#include "core/loket-request.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static LoketCatalog *
test_catalog (void)
{
  static LoketCatalog *catalog;

  /* Loaded once: the catalog is shared read-only, as in the kiosk. */
  if (catalog == NULL)
    {
      g_autoptr(GError) error = NULL;

      catalog = loket_catalog_load (LOKET_TEST_SRCDIR "/core/request-catalogs/family", NULL,
                                    &error);
      g_assert_no_error (error);
    }

  return catalog;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  LoketJsonProblems where = { "request.json", problems };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LoketRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 6, 15, 3, 0, 0);
  g_autoptr(JsonObject) outputs = json_object_new ();
  GDate today;

  root = loket_json_parse (&where, (const char *) data, size, 64 * 1024, LOKET_JSON_MAX_DEPTH);
  if (root == NULL)
    return 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2025);
  request = loket_request_new_from_json (test_catalog (), root, &today, &error);
  if (request == NULL)
    {
      g_assert_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INVALID);
      return 0;
    }

  parts = loket_request_split (request, "7K3M9Q2X4W8R5", now, "kiosk", "site", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, >, 0);

  json_object_set_string_member (outputs, "child_nik", "3273010101250009");
  for (guint i = 0; i < parts->len; i++)
    {
      LoketPart *part = g_ptr_array_index (parts, i);
      g_autoptr(GBytes) body = loket_part_complete_body (part, outputs, &error);

      g_assert_no_error (error);
      g_assert_nonnull (body);
    }

  loket_request_clear (request);
  return 0;
}
