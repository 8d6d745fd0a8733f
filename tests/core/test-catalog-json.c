/* test-catalog-json.c — the strict JSON reader under the catalog: size and nesting caps,
 * and paths and typed members on their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "core/loket-catalog.h"
#include "core/loket-i18n.h"
#include "core/loket-json.h"
#include "catalog-test.h"

/* --- caps --- */

static void
test_too_large (void)
{
  gsize size = 5 * 1024 * 1024;
  g_autofree char *text = g_malloc (size + 1);
  g_autofree char *tmp = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) dir_problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(LoketCatalog) dir_catalog = NULL;
  const char *name = "big.json";
  const char *expected[] = { "big.json: $: the file is too large (5242880 bytes; at most 4194304)", NULL };

  /* Valid JSON, only too big: the size alone is the problem. */
  memset (text, ' ', size);
  text[0] = '{';
  text[size - 1] = '}';
  text[size] = '\0';

  catalog = loket_catalog_load_from_data (&name, (const char **) &text, &size, 1, &problems, NULL);
  g_assert_null (catalog);
  catalog_test_assert_problems (problems, expected);

  tmp = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (tmp, "big.json", NULL);
  g_assert_true (g_file_set_contents (file, text, (gssize) size, &error));
  dir_catalog = loket_catalog_load (tmp, &dir_problems, &error);
  g_assert_null (dir_catalog);
  g_assert_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID);
  catalog_test_assert_problems (dir_problems, expected);
  g_unlink (file);
  g_rmdir (tmp);
}

static void
test_too_deep (void)
{
  gsize depth = 100000;
  g_autofree char *text = g_malloc (2 * depth + 1);
  g_autoptr(GString) path = g_string_new ("deep.json: $");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  const char *name = "deep.json";
  const char *expected[2] = { NULL, NULL };

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  text[2 * depth] = '\0';

  for (guint i = 0; i < 32; i++)
    g_string_append (path, "[0]");
  g_string_append (path, ": line 1, column 33: nested deeper than 32 levels");
  expected[0] = path->str;

  catalog = loket_catalog_load_from_data (&name, (const char **) &text, NULL, 1, &problems, NULL);
  g_assert_null (catalog);
  catalog_test_assert_problems (problems, expected);
}

/* Exactly at the cap is fine; one more level is not. */
static void
test_json_depth_edge (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  LoketJsonProblems p = { "edge.json", problems };
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) none = NULL;

  for (guint i = 0; i < 31; i++)
    g_string_append (ok, "{\"a\":");
  g_string_append (ok, "[]");
  for (guint i = 0; i < 31; i++)
    g_string_append_c (ok, '}');
  root = loket_json_parse (&p, ok->str, ok->len, LOKET_JSON_MAX_SIZE, LOKET_JSON_MAX_DEPTH);
  g_assert_nonnull (root);
  g_assert_cmpuint (problems->len, ==, 0);

  g_string_append_printf (deep, "[%s]", ok->str);
  none = loket_json_parse (&p, deep->str, deep->len, LOKET_JSON_MAX_SIZE, LOKET_JSON_MAX_DEPTH);
  g_assert_null (none);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (problems, 0),
                                   ".a.a: line 1, column 157: nested deeper than 32 levels"));
}

/* The generic part on its own: paths and typed members. */
static void
test_json_members (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  LoketJsonProblems p = { "r.json", problems };
  const char *text = "{\"s\": \"x\", \"n\": 7, \"d\": 1.5, \"b\": true, \"a\": [\"p\", 2], \"o\": {}, \"e\": \"\"}";
  g_autoptr(JsonNode) root = loket_json_parse (&p, text, strlen (text), 1024, 4);
  g_autofree char *quoted = loket_json_path_member ("$", "a \"b\"");
  g_autofree char *index = loket_json_path_index ("$.x", 3);
  JsonObject *object = json_node_get_object (root);
  const char *s = NULL;
  gint64 n = 0;
  double d = 0;
  gboolean b = FALSE;
  JsonArray *a = NULL;
  JsonObject *o = NULL;
  GStrv v = NULL;
  const char *expected[] = {
    "r.json: $.n: expected a string, found a whole number",
    "r.json: $: 'missing' is missing",
    "r.json: $.n: must be between 0 and 5 (found 7)",
    "r.json: $.e: must not be empty",
    "r.json: $.a[1]: expected a string, found a whole number",
    "r.json: $.d: expected a whole number, found a number",
    NULL,
  };

  g_assert_cmpstr (quoted, ==, "$[\"a \\\"b\\\"\"]");
  g_assert_cmpstr (index, ==, "$.x[3]");

  g_assert_true (loket_json_get_string (&p, object, "$", "s", LOKET_JSON_REQUIRED, &s));
  g_assert_cmpstr (s, ==, "x");
  g_assert_true (loket_json_get_int (&p, object, "$", "n", 0, 0, 10, &n));
  g_assert_cmpint (n, ==, 7);
  g_assert_true (loket_json_get_double (&p, object, "$", "d", 0, &d));
  g_assert_cmpfloat (d, ==, 1.5);
  g_assert_true (loket_json_get_double (&p, object, "$", "n", 0, &d));
  g_assert_cmpfloat (d, ==, 7.0);
  g_assert_true (loket_json_get_boolean (&p, object, "$", "b", 0, &b));
  g_assert_true (b);
  g_assert_true (loket_json_get_array (&p, object, "$", "a", 0, &a));
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_true (loket_json_get_object (&p, object, "$", "o", 0, &o));
  g_assert_nonnull (o);
  s = "unchanged";
  g_assert_true (loket_json_get_string (&p, object, "$", "absent", 0, &s));
  g_assert_cmpstr (s, ==, "unchanged");
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_false (loket_json_get_string (&p, object, "$", "n", 0, &s));
  g_assert_false (loket_json_get_string (&p, object, "$", "missing", LOKET_JSON_REQUIRED, &s));
  g_assert_false (loket_json_get_int (&p, object, "$", "n", 0, 0, 5, &n));
  g_assert_false (loket_json_get_string (&p, object, "$", "e", LOKET_JSON_NON_EMPTY, &s));
  g_assert_false (loket_json_get_strv (&p, object, "$", "a", 0, &v));
  g_assert_null (v);
  g_assert_false (loket_json_get_int (&p, object, "$", "d", 0, 0, 5, &n));
  catalog_test_assert_problems (problems, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/too-large", test_too_large);
  g_test_add_func ("/catalog/too-deep", test_too_deep);
  g_test_add_func ("/catalog/json-depth-edge", test_json_depth_edge);
  g_test_add_func ("/catalog/json-members", test_json_members);

  return g_test_run ();
}
