/* test-catalog-documents.c — a service's documents: the catalog's format, its checks, its
 * dump, and the list the request makes of them (once each, following the answers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "core/loket-catalog.h"
#include "core/loket-request.h"
#include "catalog-test.h"

/* Two services that share the family card; the birth letter has a replacement; the twin
 * statement is needed only for twins. */
static const char services_json[] =
  "{ \"services\": [\n"
  "  { \"id\": \"birth-certificate\", \"agency\": \"dukcapil\", \"title\": \"Birth certificate\",\n"
  "    \"basis\": \"legal_obligation\",\n"
  "    \"documents\": [\n"
  "      { \"id\": \"birth-letter\", \"label\": \"Birth letter\",\n"
  "        \"hint\": \"From the hospital or midwife\", \"instead\": \"A signed statement (SPTJM)\" },\n"
  "      { \"id\": \"kk\", \"label\": \"Family card (KK)\" },\n"
  "      { \"id\": \"twin-note\", \"label\": \"Twin note\", \"hint\": \"Only for twins\",\n"
  "        \"when\": { \"field\": \"child.is_twin\", \"in\": [\"true\"] } }\n"
  "    ],\n"
  "    \"fields\": [ { \"id\": \"child.name\", \"required\": true },\n"
  "                { \"id\": \"child.is_twin\", \"required\": true } ],\n"
  "    \"outputs\": [\"child_nik\"] },\n"
  "  { \"id\": \"bpjs-newborn\", \"agency\": \"bpjs\", \"title\": \"Insurance\", \"basis\": \"consent\",\n"
  "    \"documents\": [ { \"id\": \"kk\", \"label\": \"Family card (KK)\" }, \"Old style line\" ],\n"
  "    \"fields\": [ { \"id\": \"child.name\", \"required\": true } ] } ],\n"
  "  \"life_events\": [ { \"id\": \"birth\", \"title\": \"Born\",\n"
  "    \"services\": [\"birth-certificate\", \"bpjs-newborn\"] } ] }\n";

static LoketCatalog *
load (const char  *text,
      GPtrArray  **problems)
{
  return catalog_test_load_two ("base.json", catalog_test_base_json, "services.json", text,
                                problems);
}

static void
test_format (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  LoketCatalog *catalog = load (services_json, &problems);
  const LoketService *service;
  const LoketDocument *document;

  g_assert_nonnull (catalog);
  g_assert_cmpuint (problems->len, ==, 0);
  service = loket_catalog_get_service (catalog, "birth-certificate");
  g_assert_cmpuint (service->documents->len, ==, 3);
  document = g_ptr_array_index (service->documents, 0);
  g_assert_cmpstr (document->id, ==, "birth-letter");
  g_assert_cmpstr (document->hint, ==, "From the hospital or midwife");
  g_assert_cmpstr (document->instead, ==, "A signed statement (SPTJM)");
  g_assert_null (document->when);
  document = g_ptr_array_index (service->documents, 2);
  g_assert_cmpstr (document->when->field, ==, "child.is_twin");
  g_assert_cmpstr (document->when->values[0], ==, "true");
  service = loket_catalog_get_service (catalog, "bpjs-newborn");
  document = g_ptr_array_index (service->documents, 1);
  g_assert_cmpstr (document->id, ==, "Old style line");
  g_assert_cmpstr (document->label, ==, "Old style line");

  loket_catalog_unref (catalog);
}

static void
test_problems (void)
{
  static const struct {
    const char *documents;
    const char *problem;
  } cases[] = {
    { "[ { \"label\": \"X\" } ]",
      "services.json: $.services[0].documents[0]: 'id' is missing" },
    { "[ { \"id\": \"x\" } ]",
      "services.json: $.services[0].documents[0]: 'label' is missing" },
    { "[ { \"id\": \"x y\", \"label\": \"X\" } ]",
      "services.json: $.services[0].documents[0].id: 'x y' is not a valid id (use letters, digits, '-' and '_')" },
    { "[ { \"id\": \"x\", \"label\": \"X\", \"colour\": \"red\" } ]",
      "services.json: $.services[0].documents[0].colour: unknown member 'colour'" },
    { "[ { \"id\": \"x\", \"label\": \"X\" }, { \"id\": \"x\", \"label\": \"X\" } ]",
      "services.json: $.services[0].documents[1]: document 'x' is listed twice" },
    { "[ 3 ]",
      "services.json: $.services[0].documents[0]: expected an object with \"id\" and \"label\", found a whole number" },
    { "[ { \"id\": \"x\", \"label\": \"X\", \"when\": { \"field\": \"child.sex\", \"in\": [\"f\"] } } ]",
      "services.json: $.services[0].documents[0].when.field: 'child.sex' is not one of this service's fields" },
    { "[ { \"id\": \"kk\", \"label\": \"The KK\" } ]",
      "services.json: $.services[1].documents[0]: document 'kk' has another label elsewhere (\"The KK\"); the same id is the same document" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{ \"services\": [\n"
        "  { \"id\": \"a\", \"agency\": \"dukcapil\", \"title\": \"A\", \"basis\": \"consent\",\n"
        "    \"documents\": %s, \"fields\": [ { \"id\": \"child.name\", \"required\": true } ] },\n"
        "  { \"id\": \"b\", \"agency\": \"bpjs\", \"title\": \"B\", \"basis\": \"consent\",\n"
        "    \"documents\": [ { \"id\": \"kk\", \"label\": \"Family card (KK)\" } ],\n"
        "    \"fields\": [ { \"id\": \"child.name\", \"required\": true } ] } ] }\n",
        cases[i].documents);
      g_autoptr(GPtrArray) problems = NULL;
      LoketCatalog *catalog = load (text, &problems);
      gboolean found = FALSE;

      g_test_message ("case %u: %s", i, cases[i].documents);
      g_assert_null (catalog);
      for (guint j = 0; j < problems->len; j++)
        {
          g_test_message ("  %s", (char *) g_ptr_array_index (problems, j));
          found |= g_str_equal (g_ptr_array_index (problems, j), cases[i].problem);
        }
      g_assert_true (found);
    }
}

static void
test_dump_and_strings (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  LoketCatalog *catalog = load (services_json, &problems);
  g_autoptr(JsonNode) dump = loket_catalog_dump (catalog, FALSE);
  g_autofree char *text = json_to_string (dump, FALSE);
  g_autofree char *pot = loket_catalog_to_pot (catalog);

  g_assert_nonnull (strstr (text, "\"documents\":[{\"id\":\"birth-letter\",\"label\":\"Birth letter\","
                                  "\"hint\":\"From the hospital or midwife\","
                                  "\"instead\":\"A signed statement (SPTJM)\"},"));
  g_assert_nonnull (strstr (text, "{\"id\":\"twin-note\",\"label\":\"Twin note\",\"hint\":"
                                  "\"Only for twins\",\"when\":{\"field\":\"child.is_twin\","
                                  "\"in\":[\"true\"]}}"));
  /* Translators see every label, hint and replacement. */
  g_assert_nonnull (strstr (pot, "msgid \"From the hospital or midwife\""));
  g_assert_nonnull (strstr (pot, "msgid \"A signed statement (SPTJM)\""));
  g_assert_nonnull (strstr (pot, "#: services.json:$.services[0].documents[2].label"));
  g_assert_nonnull (strstr (pot, "msgid \"Old style line\""));

  loket_catalog_unref (catalog);
}

static char *
needed_text (LoketRequest *request)
{
  g_autoptr(GPtrArray) documents = loket_request_get_documents (request);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < documents->len; i++)
    {
      const LoketNeededDocument *needed = g_ptr_array_index (documents, i);

      g_string_append_printf (out, "%s%s%s%s;", needed->document->id,
                              needed->need == LOKET_DOCUMENT_MAYBE ? "?" : "",
                              needed->instead != NULL ? "/" : "",
                              needed->instead != NULL ? needed->instead : "");
    }
  return g_string_free (out, FALSE);
}

static void
test_request (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  LoketCatalog *catalog = load (services_json, &problems);
  g_autoptr(LoketRequest) request = loket_request_new (catalog);
  char *text;

  /* One service: its documents; the twin note waits for the answer. */
  g_assert_true (loket_request_add_service (request, "birth-certificate"));
  text = needed_text (request);
  g_assert_cmpstr (text, ==, "birth-letter/A signed statement (SPTJM);kk;twin-note?;");
  g_free (text);

  /* The life event: the family card both need is listed once. */
  g_assert_true (loket_request_set_life_event (request, "birth"));
  text = needed_text (request);
  g_assert_cmpstr (text, ==,
                   "birth-letter/A signed statement (SPTJM);kk;twin-note?;Old style line;");
  g_free (text);

  /* The answers decide: not a twin, no twin note; a twin, the note for sure. */
  loket_request_set_text (request, "child.is_twin", "false");
  text = needed_text (request);
  g_assert_cmpstr (text, ==, "birth-letter/A signed statement (SPTJM);kk;Old style line;");
  g_free (text);
  loket_request_set_text (request, "child.is_twin", "true");
  text = needed_text (request);
  g_assert_cmpstr (text, ==,
                   "birth-letter/A signed statement (SPTJM);kk;twin-note;Old style line;");
  g_free (text);

  /* Only the second service: what only the first needs is gone. */
  g_assert_true (loket_request_remove_service (request, "birth-certificate"));
  text = needed_text (request);
  g_assert_cmpstr (text, ==, "kk;Old style line;");
  g_free (text);

  g_clear_object (&request);
  loket_catalog_unref (catalog);
}

/* The shipped catalog names documents for every service, and checks. */
static void
test_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  LoketCatalog *catalog = loket_catalog_load (LOKET_TEST_SRCDIR "/../data/catalog", &problems,
                                              &error);
  GPtrArray *services;

  g_assert_no_error (error);
  services = loket_catalog_get_services (catalog);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      g_test_message ("%s", service->id);
      g_assert_nonnull (service->documents);
      g_assert_cmpuint (service->documents->len, >, 0);
      for (guint j = 0; j < service->documents->len; j++)
        {
          const LoketDocument *document = g_ptr_array_index (service->documents, j);

          /* Ids, not old-style sentences. */
          g_assert_cmpstr (document->id, !=, document->label);
        }
    }
  loket_catalog_unref (catalog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog-documents/format", test_format);
  g_test_add_func ("/catalog-documents/problems", test_problems);
  g_test_add_func ("/catalog-documents/dump-and-strings", test_dump_and_strings);
  g_test_add_func ("/catalog-documents/request", test_request);
  g_test_add_func ("/catalog-documents/shipped", test_shipped);

  return g_test_run ();
}
