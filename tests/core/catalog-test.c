/* catalog-test.c — what the catalog tests share: a small good catalog in two files, and
 * helpers to load texts, compare problems and write catalog folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "catalog-test.h"
#include "test-tree.h"

/* Agencies, sections and the field dictionary of a small catalog. */
const char catalog_test_base_json[] =
  "{\n"
  "  \"_comment\": \"the dictionary\",\n"
  "  \"agencies\": [\n"
  "    { \"id\": \"dukcapil\", \"name\": \"Population and Civil Registration Office\",\n"
  "      \"short_name\": \"Dukcapil\", \"location\": \"Counter 3\" },\n"
  "    { \"id\": \"bpjs\", \"name\": \"Health insurance agency\", \"short_name\": \"BPJS\" }\n"
  "  ],\n"
  "  \"sections\": [\n"
  "    { \"id\": \"child\", \"title\": \"The child\" },\n"
  "    { \"id\": \"family\", \"title\": \"The family\" }\n"
  "  ],\n"
  "  \"fields\": [\n"
  "    { \"id\": \"child.name\", \"type\": \"name\", \"label\": \"Child's name\",\n"
  "      \"min_length\": 2, \"max_length\": 60 },\n"
  "    { \"id\": \"child.birth_date\", \"type\": \"date\", \"label\": \"Child's date of birth\",\n"
  "      \"help\": \"As on the birth letter\", \"not_future\": true, \"not_before\": \"-1y\" },\n"
  "    { \"id\": \"child.sex\", \"type\": \"choice\", \"label\": \"Child's sex\", \"choices\": [\n"
  "      { \"value\": \"female\", \"label\": \"Female\" }, { \"value\": \"male\", \"label\": \"Male\" } ] },\n"
  "    { \"id\": \"child.is_twin\", \"type\": \"yes-no\", \"label\": \"Is the child a twin?\" },\n"
  "    { \"id\": \"child.twin_order\", \"type\": \"number\", \"label\": \"Born as twin number\",\n"
  "      \"min\": 1, \"max\": 4, \"integer\": true },\n"
  "    { \"id\": \"child.weight\", \"type\": \"number\", \"label\": \"Birth weight (kg)\",\n"
  "      \"min\": 0.5, \"max\": 6.5 },\n"
  "    { \"id\": \"child.nik\", \"type\": \"nik\", \"label\": \"Child's NIK\" },\n"
  "    { \"id\": \"family.members\", \"type\": \"group\", \"label\": \"Family members\",\n"
  "      \"min\": 1, \"max\": 10, \"fields\": [\n"
  "        { \"id\": \"nik\", \"type\": \"nik\", \"label\": \"NIK\" },\n"
  "        { \"id\": \"name\", \"type\": \"name\", \"label\": \"Name\", \"optional\": true } ] }\n"
  "  ]\n"
  "}\n";

/* Services and a life event, in a second file: references cross files. */
const char catalog_test_services_json[] =
  "{\n"
  "  \"services\": [\n"
  "    { \"id\": \"birth-certificate\", \"agency\": \"dukcapil\", \"title\": \"Birth certificate\",\n"
  "      \"description\": \"The child's \\\"akta\\\"\", \"basis\": \"legal_obligation\",\n"
  "      \"verification\": \"counter\", \"fee\": 0, \"working_days\": 5,\n"
  "      \"documents\": [\"Birth letter from the hospital\", \"Family card (KK)\"],\n"
  "      \"fields\": [\n"
  "        { \"id\": \"child.name\", \"required\": true },\n"
  "        { \"id\": \"child.birth_date\", \"required\": true },\n"
  "        { \"id\": \"child.sex\", \"required\": true },\n"
  "        { \"id\": \"child.twin_order\", \"required\": true,\n"
  "          \"when\": { \"field\": \"child.is_twin\", \"in\": [\"true\"] } },\n"
  "        { \"id\": \"child.is_twin\", \"required\": false }\n"
  "      ],\n"
  "      \"outputs\": [\"child_nik\"] },\n"
  "    { \"id\": \"bpjs-newborn\", \"agency\": \"bpjs\", \"title\": \"Health insurance for the newborn\",\n"
  "      \"basis\": \"consent\", \"fee\": 25000, \"documents\": [\"Family card (KK)\"],\n"
  "      \"fields\": [\n"
  "        { \"id\": \"child.nik\", \"required\": true },\n"
  "        { \"id\": \"family.members\", \"required\": false }\n"
  "      ],\n"
  "      \"after\": \"birth-certificate\", \"inputs\": { \"child.nik\": \"child_nik\" },\n"
  "      \"x-note\": \"ignored\" }\n"
  "  ],\n"
  "  \"life_events\": [\n"
  "    { \"id\": \"birth\", \"title\": \"A child was born\", \"description\": \"Certificate and insurance\",\n"
  "      \"icon\": \"baby-symbolic\", \"services\": [\"birth-certificate\"], \"optional\": [\"bpjs-newborn\"] }\n"
  "  ]\n"
  "}\n";

LoketCatalog *
catalog_test_load_two (const char  *name1,
          const char  *text1,
          const char  *name2,
          const char  *text2,
          GPtrArray  **problems)
{
  const char *names[] = { name1, name2 };
  const char *texts[] = { text1, text2 };
  g_autoptr(GError) error = NULL;
  LoketCatalog *catalog;

  catalog = loket_catalog_load_from_data (names, texts, NULL, text2 != NULL ? 2 : 1, problems,
                                          &error);
  if (catalog == NULL)
    g_assert_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID);
  else
    g_assert_no_error (error);

  return catalog;
}

LoketCatalog *
catalog_test_load_good (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  LoketCatalog *catalog = catalog_test_load_two ("base.json", catalog_test_base_json, "services.json",
                                                 catalog_test_services_json,
                                    &problems);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("unexpected: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_nonnull (catalog);
  g_assert_cmpuint (problems->len, ==, 0);
  return catalog;
}

void
catalog_test_assert_problems (GPtrArray          *problems,
                 const char * const *expected)
{
  guint n_expected = 0;

  while (expected[n_expected] != NULL)
    n_expected++;

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  for (guint i = 0; i < MIN (problems->len, n_expected); i++)
    g_assert_cmpstr (g_ptr_array_index (problems, i), ==, expected[i]);
  g_assert_cmpuint (problems->len, ==, n_expected);
}

char *
catalog_test_test_data (const char *name)
{
  return g_build_filename (LOKET_TEST_SRCDIR, "core", "catalogs", name, NULL);
}

void
catalog_test_write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

void
catalog_test_remove_tree (const char *path)
{
  test_tree_remove (path);
}
