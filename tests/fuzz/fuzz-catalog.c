/* fuzz-catalog.c — arbitrary bytes as one catalog file: never a crash, a leak or a hang
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stddef.h>
#include <stdint.h>

#include "core/loket-catalog.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *names[] = { "fuzz.json" };
  const char *texts[] = { (const char *) data };
  gsize lengths[] = { size };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;

  /* The text is not NUL-terminated: the loader must go by the length alone. */
  catalog = loket_catalog_load_from_data (names, texts, lengths, 1, &problems, &error);
  if (catalog != NULL)
    {
      g_autoptr(JsonNode) dump = loket_catalog_dump (catalog, FALSE);
      g_autofree char *pot = loket_catalog_to_pot (catalog);

      g_assert_nonnull (dump);
      g_assert_nonnull (pot);
      g_assert_cmpuint (problems->len, ==, 0);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (problems->len, >, 0);
    }

  return 0;
}
