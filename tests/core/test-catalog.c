/* test-catalog.c — the catalog loader: good catalogs become the structs, every kind of
 * problem gives its exact message, caps hold, dump/pot/translations work
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

/* Agencies, sections and the field dictionary of a small catalog. */
static const char base_json[] =
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
static const char services_json[] =
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

static LoketCatalog *
load_two (const char  *name1,
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

static LoketCatalog *
load_good (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  LoketCatalog *catalog = load_two ("base.json", base_json, "services.json", services_json,
                                    &problems);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("unexpected: %s", (char *) g_ptr_array_index (problems, i));
  g_assert_nonnull (catalog);
  g_assert_cmpuint (problems->len, ==, 0);
  return catalog;
}

static void
test_good (void)
{
  g_autoptr(LoketCatalog) catalog = load_good ();
  const LoketAgency *agency;
  const LoketField *field, *sub;
  const LoketChoice *choice;
  const LoketService *service;
  const LoketServiceField *service_field;
  const LoketServiceInput *input;
  const LoketLifeEvent *life_event;
  const LoketSection *section;

  g_assert_null (loket_catalog_get_dir (catalog));
  g_assert_cmpuint (loket_catalog_get_agencies (catalog)->len, ==, 2);
  g_assert_cmpuint (loket_catalog_get_sections (catalog)->len, ==, 2);
  g_assert_cmpuint (loket_catalog_get_fields (catalog)->len, ==, 8);
  g_assert_cmpuint (loket_catalog_get_services (catalog)->len, ==, 2);
  g_assert_cmpuint (loket_catalog_get_life_events (catalog)->len, ==, 1);

  agency = loket_catalog_get_agency (catalog, "dukcapil");
  g_assert_true (agency == g_ptr_array_index (loket_catalog_get_agencies (catalog), 0));
  g_assert_cmpstr (agency->id, ==, "dukcapil");
  g_assert_cmpstr (agency->name, ==, "Population and Civil Registration Office");
  g_assert_cmpstr (agency->short_name, ==, "Dukcapil");
  g_assert_cmpstr (agency->location, ==, "Counter 3");
  g_assert_null (loket_catalog_get_agency (catalog, "bpjs")->location);
  g_assert_null (loket_catalog_get_agency (catalog, "nope"));

  section = loket_catalog_get_section (catalog, "family");
  g_assert_cmpstr (section->title, ==, "The family");
  g_assert_true (section == g_ptr_array_index (loket_catalog_get_sections (catalog), 1));

  field = loket_catalog_get_field (catalog, "child.name");
  g_assert_cmpint (field->type, ==, LOKET_FIELD_TYPE_NAME);
  g_assert_cmpstr (field->label, ==, "Child's name");
  g_assert_null (field->help);
  g_assert_cmpstr (field->section, ==, "child");
  g_assert_cmpuint (field->min_length, ==, 2);
  g_assert_cmpuint (field->max_length, ==, 60);
  g_assert_null (field->choices);
  g_assert_null (field->fields);

  field = loket_catalog_get_field (catalog, "child.birth_date");
  g_assert_cmpint (field->type, ==, LOKET_FIELD_TYPE_DATE);
  g_assert_cmpstr (field->help, ==, "As on the birth letter");
  g_assert_true (field->not_future);
  g_assert_cmpstr (field->not_before, ==, "-1y");
  g_assert_null (field->not_after);

  field = loket_catalog_get_field (catalog, "child.sex");
  g_assert_cmpint (field->type, ==, LOKET_FIELD_TYPE_CHOICE);
  g_assert_cmpuint (field->choices->len, ==, 2);
  choice = g_ptr_array_index (field->choices, 1);
  g_assert_cmpstr (choice->value, ==, "male");
  g_assert_cmpstr (choice->label, ==, "Male");

  field = loket_catalog_get_field (catalog, "child.twin_order");
  g_assert_cmpint (field->type, ==, LOKET_FIELD_TYPE_NUMBER);
  g_assert_true (field->has_min && field->has_max && field->integer);
  g_assert_cmpfloat (field->min, ==, 1.0);
  g_assert_cmpfloat (field->max, ==, 4.0);
  field = loket_catalog_get_field (catalog, "child.weight");
  g_assert_cmpfloat (field->min, ==, 0.5);
  g_assert_cmpfloat (field->max, ==, 6.5);
  g_assert_false (field->integer);
  g_assert_false (loket_catalog_get_field (catalog, "child.nik")->has_min);

  field = loket_catalog_get_field (catalog, "family.members");
  g_assert_cmpint (field->type, ==, LOKET_FIELD_TYPE_GROUP);
  g_assert_cmpfloat (field->min, ==, 1.0);
  g_assert_cmpfloat (field->max, ==, 10.0);
  g_assert_cmpuint (field->fields->len, ==, 2);
  sub = g_ptr_array_index (field->fields, 0);
  g_assert_cmpstr (sub->id, ==, "nik");
  g_assert_cmpint (sub->type, ==, LOKET_FIELD_TYPE_NIK);
  g_assert_cmpstr (sub->section, ==, "family");
  g_assert_false (sub->optional);
  sub = g_ptr_array_index (field->fields, 1);
  g_assert_cmpstr (sub->id, ==, "name");
  g_assert_true (sub->optional);
  /* Sub-fields are not in the dictionary of their own. */
  g_assert_null (loket_catalog_get_field (catalog, "nik"));

  service = loket_catalog_get_service (catalog, "birth-certificate");
  g_assert_true (service->agency == loket_catalog_get_agency (catalog, "dukcapil"));
  g_assert_cmpstr (service->title, ==, "Birth certificate");
  g_assert_cmpstr (service->description, ==, "The child's \"akta\"");
  g_assert_cmpint (service->basis, ==, LOKET_LEGAL_BASIS_LEGAL_OBLIGATION);
  g_assert_cmpint (service->verification, ==, LOKET_VERIFICATION_COUNTER);
  g_assert_cmpuint (service->fee, ==, 0);
  g_assert_cmpuint (service->working_days, ==, 5);
  g_assert_cmpuint (g_strv_length (service->documents), ==, 2);
  g_assert_cmpstr (service->documents[0], ==, "Birth letter from the hospital");
  g_assert_cmpuint (service->fields->len, ==, 5);
  service_field = g_ptr_array_index (service->fields, 3);
  g_assert_true (service_field->field == loket_catalog_get_field (catalog, "child.twin_order"));
  g_assert_true (service_field->required);
  g_assert_cmpstr (service_field->when->field, ==, "child.is_twin");
  g_assert_cmpuint (g_strv_length (service_field->when->values), ==, 1);
  g_assert_cmpstr (service_field->when->values[0], ==, "true");
  service_field = g_ptr_array_index (service->fields, 4);
  g_assert_false (service_field->required);
  g_assert_null (service_field->when);
  g_assert_cmpuint (g_strv_length (service->outputs), ==, 1);
  g_assert_cmpstr (service->outputs[0], ==, "child_nik");
  g_assert_null (service->after);
  g_assert_null (service->inputs);

  service = loket_catalog_get_service (catalog, "bpjs-newborn");
  g_assert_cmpint (service->basis, ==, LOKET_LEGAL_BASIS_CONSENT);
  g_assert_cmpint (service->verification, ==, LOKET_VERIFICATION_NONE);
  g_assert_null (service->description);
  g_assert_cmpuint (service->fee, ==, 25000);
  g_assert_null (service->outputs);
  g_assert_cmpstr (service->after, ==, "birth-certificate");
  g_assert_cmpuint (service->inputs->len, ==, 1);
  input = g_ptr_array_index (service->inputs, 0);
  g_assert_cmpstr (input->field, ==, "child.nik");
  g_assert_cmpstr (input->output, ==, "child_nik");

  life_event = loket_catalog_get_life_event (catalog, "birth");
  g_assert_cmpstr (life_event->title, ==, "A child was born");
  g_assert_cmpstr (life_event->description, ==, "Certificate and insurance");
  g_assert_cmpstr (life_event->icon, ==, "baby-symbolic");
  g_assert_cmpuint (life_event->services->len, ==, 1);
  g_assert_true (g_ptr_array_index (life_event->services, 0) == loket_catalog_get_service (catalog,
                                                                                           "birth-certificate"));
  g_assert_cmpuint (life_event->optional->len, ==, 1);
  g_assert_true (g_ptr_array_index (life_event->optional, 0) == service);

  g_assert_cmpstr (loket_legal_basis_to_string (LOKET_LEGAL_BASIS_PUBLIC_TASK), ==, "public_task");
  g_assert_cmpstr (loket_verification_to_string (LOKET_VERIFICATION_COUNTER), ==, "counter");

  /* Shared by reference. */
  loket_catalog_unref (loket_catalog_ref (catalog));
}

/* --- problems --- */

typedef struct {
  const char *text;                 /* bad.json, loaded after base.json + services.json */
  const char *problems[8];          /* NULL-terminated */
} ProblemCase;

static const ProblemCase problem_cases[] = {
  /* broken JSON, with line and column */
  { "{\"services\": [}",
    { "bad.json: $.services[0]: line 1, column 15: unexpected '}' where a value was expected" } },
  { "{\n  \"agencies\": [\n    nul\n  ]\n}",
    { "bad.json: $.agencies[0]: line 3, column 5: unexpected 'n' where a value was expected" } },
  { "",
    { "bad.json: $: the file is empty" } },
  { "[]",
    { "bad.json: $: expected an object, found an array" } },
  /* what json-glib accepts but JSON does not */
  { "{'agencies': []}",
    { "bad.json: $: line 1, column 2: single quotes are not JSON: use double quotes" } },
  { "{\"services\": [{\"fee\": 0x10}]}",
    { "bad.json: $.services[0].fee: line 1, column 24: hexadecimal numbers are not JSON" } },
  { "{\"services\": [{\"fee\": 12345678901234567890}]}",
    { "bad.json: $.services[0].fee: the whole number 12345678901234567890 is too large" } },
  { "{\"agencies\": [],}",
    { "bad.json: $: line 1, column 17: a comma before '}' is not JSON" } },
  { "{\"agencies\": [] /* none */}",
    { "bad.json: $: line 1, column 17: comments are not JSON" } },
  { "{\"agencies\": [\"\xff\"]}",
    { "bad.json: $.agencies[0]: line 1, column 16: the text is not valid UTF-8" } },
  { "{\"agencies\": [\"\\ud800\"]}",
    { "bad.json: $.agencies[0]: line 1, column 22: a \\u escape holds half of a character (a lone high surrogate)" } },
  /* duplicate members, decoded before comparing */
  { "{\"agencies\": [{\"id\": \"a\", \"\\u0069d\": \"b\", \"name\": \"A\", \"short_name\": \"A\"}]}",
    { "bad.json: $.agencies[0].id: member 'id' appears twice in the same object" } },
  /* duplicate ids */
  { "{\"agencies\": [{\"id\": \"dukcapil\", \"name\": \"X\", \"short_name\": \"X\"}]}",
    { "bad.json: $.agencies[0].id: duplicate id 'dukcapil' (first defined at base.json: $.agencies[0])" } },
  /* unknown, missing and mistyped members */
  { "{\"agencies\": [{\"id\": \"x\", \"name\": \"X\", \"short_name\": \"X\", \"adress\": \"?\","
    " \"x-note\": 1, \"_comment\": \"fine\"}], \"service\": []}",
    { "bad.json: $.service: unknown member 'service'",
      "bad.json: $.agencies[0].adress: unknown member 'adress'" } },
  { "{\"services\": [{\"id\": \"s\", \"agency\": \"dukcapil\", \"basis\": \"consent\", \"fee\": \"free\","
    " \"fields\": [{\"id\": \"child.name\"}]}]}",
    { "bad.json: $.services[0]: 'title' is missing",
      "bad.json: $.services[0].fee: expected a whole number, found a string",
      "bad.json: $.services[0].fields[0]: 'required' is missing" } },
  { "{\"agencies\": [{\"id\": \"bad id\", \"name\": \" \", \"short_name\": \"X\"}]}",
    { "bad.json: $.agencies[0].name: must not be empty",
      "bad.json: $.agencies[0].id: 'bad id' is not a valid id (use letters, digits, '-' and '_')" } },
  /* field types and rules */
  { "{\"fields\": [{\"id\": \"child.photo\", \"type\": \"picture\", \"label\": \"Photo\"}]}",
    { "bad.json: $.fields[0].type: unknown type 'picture' (one of text, name, nik, kk, npwp, date, "
      "phone, email, postal-code, rt, rw, number, choice, yes-no, group)" } },
  { "{\"fields\": [{\"id\": \"child.w\", \"type\": \"date\", \"label\": \"W\", \"max_length\": 3}]}",
    { "bad.json: $.fields[0].max_length: 'max_length' does not apply to a field of type 'date'" } },
  { "{\"fields\": [{\"id\": \"child.a\", \"type\": \"number\", \"label\": \"A\", \"min\": 5, \"max\": 1},"
    " {\"id\": \"child.b\", \"type\": \"text\", \"label\": \"B\", \"min_length\": 9, \"max_length\": 3}]}",
    { "bad.json: $.fields[0]: min (5) is greater than max (1)",
      "bad.json: $.fields[1]: min_length (9) is greater than max_length (3)" } },
  { "{\"fields\": [{\"id\": \"child.c\", \"type\": \"date\", \"label\": \"C\", \"not_before\": \"-18x\","
    " \"not_after\": \"2024-02-30\"}, {\"id\": \"child.d\", \"type\": \"date\", \"label\": \"D\","
    " \"not_before\": \"2024-05-01\", \"not_after\": \"2024-01-01\"}]}",
    { "bad.json: $.fields[0].not_before: '-18x' is neither a date (YYYY-MM-DD) nor relative to today (-18y, -6m, +30d)",
      "bad.json: $.fields[0].not_after: '2024-02-30' is neither a date (YYYY-MM-DD) nor relative to today (-18y, -6m, +30d)",
      "bad.json: $.fields[1]: not_before (2024-05-01) is later than not_after (2024-01-01)" } },
  { "{\"fields\": [{\"id\": \"child.d\", \"type\": \"choice\", \"label\": \"D\", \"choices\": [{\"value\": \"a\", \"label\": \"A\"}]},"
    " {\"id\": \"child.e\", \"type\": \"choice\", \"label\": \"E\", \"choices\": [{\"value\": \"a\", \"label\": \"A\"},"
    " {\"value\": \"a\", \"label\": \"B\"}]}]}",
    { "bad.json: $.fields[0].choices: a choice field needs at least 2 choices",
      "bad.json: $.fields[1].choices[1].value: choice value 'a' appears twice (first at $.fields[1].choices[0])" } },
  { "{\"fields\": [{\"id\": \"family.a\", \"type\": \"group\", \"label\": \"A\", \"fields\": []},"
    " {\"id\": \"family.b\", \"type\": \"group\", \"label\": \"B\", \"fields\": ["
    "{\"id\": \"x.nik\", \"type\": \"nik\", \"label\": \"NIK\"},"
    " {\"id\": \"inner\", \"type\": \"group\", \"label\": \"I\", \"fields\": [{\"id\": \"n\", \"type\": \"nik\", \"label\": \"N\"}]}]}]}",
    { "bad.json: $.fields[0].fields: a group needs at least one sub-field",
      "bad.json: $.fields[1].fields[0].id: a sub-field's id may not contain '.' (it is already inside group 'family.b')",
      "bad.json: $.fields[1].fields[1].type: a group may not contain another group" } },
  { "{\"fields\": [{\"id\": \"pet.name\", \"type\": \"name\", \"label\": \"Pet\"},"
    " {\"id\": \"solo\", \"type\": \"text\", \"label\": \"Solo\"}]}",
    { "bad.json: $.fields[0].id: section 'pet' has no entry in 'sections'",
      "bad.json: $.fields[1].id: section 'solo' has no entry in 'sections'" } },
  /* services */
  { "{\"services\": [{\"id\": \"s\", \"agency\": \"nope\", \"title\": \"S\", \"basis\": \"duty\", \"fields\": ["
    "{\"id\": \"child.name\", \"required\": true}, {\"id\": \"child.nikk\", \"required\": true},"
    " {\"id\": \"child.name\", \"required\": false}]}]}",
    { "bad.json: $.services[0].basis: unknown basis 'duty' (one of consent, legal_obligation, public_task)",
      "bad.json: $.services[0].agency: unknown agency 'nope'",
      "bad.json: $.services[0].fields[1].id: unknown field 'child.nikk'",
      "bad.json: $.services[0].fields[2].id: field 'child.name' is listed twice (first at $.services[0].fields[0])" } },
  { "{\"services\": [{\"id\": \"s\", \"agency\": \"dukcapil\", \"title\": \"S\", \"basis\": \"consent\", \"fields\": ["
    "{\"id\": \"child.sex\", \"required\": true}, {\"id\": \"child.is_twin\", \"required\": true},"
    " {\"id\": \"child.name\", \"required\": true, \"when\": {\"field\": \"child.birth_date\", \"in\": [\"x\"]}},"
    " {\"id\": \"child.nik\", \"required\": true, \"when\": {\"field\": \"child.is_twin\", \"in\": [\"yes\"]}},"
    " {\"id\": \"child.twin_order\", \"required\": true, \"when\": {\"field\": \"child.sex\", \"in\": [\"female\", \"other\"]}},"
    " {\"id\": \"child.weight\", \"required\": true, \"when\": {\"field\": \"child.weight\", \"in\": [\"3\"]}}]}]}",
    { "bad.json: $.services[0].fields[2].when.field: 'child.birth_date' is not one of this service's fields",
      "bad.json: $.services[0].fields[3].when.in[0]: 'yes' cannot be a value of yes-no field 'child.is_twin' (use \"true\" or \"false\")",
      "bad.json: $.services[0].fields[4].when.in[1]: 'other' is not one of the choices of field 'child.sex'",
      "bad.json: $.services[0].fields[5].when.field: a field's condition may not depend on the field itself" } },
  { "{\"services\": [{\"id\": \"s\", \"agency\": \"dukcapil\", \"title\": \"S\", \"basis\": \"consent\", \"fields\": ["
    "{\"id\": \"child.nik\", \"required\": true}], \"after\": \"birth-certificate\","
    " \"inputs\": {\"child.nik\": \"nik\", \"child.name\": \"child_name\"}},"
    " {\"id\": \"t\", \"agency\": \"dukcapil\", \"title\": \"T\", \"basis\": \"consent\", \"fields\": ["
    "{\"id\": \"child.nik\", \"required\": true}], \"inputs\": {\"child.nik\": \"child_nik\"}}]}",
    { "bad.json: $.services[0].inputs[\"child.name\"]: 'child.name' is not one of this service's fields",
      "bad.json: $.services[1].inputs: 'inputs' needs 'after' (the service whose outputs they are)",
      "bad.json: $.services[0].inputs[\"child.nik\"]: service 'birth-certificate' has no output 'nik'" } },
  { "{\"services\": [{\"id\": \"s\", \"agency\": \"dukcapil\", \"title\": \"S\", \"basis\": \"consent\", \"fields\": ["
    "{\"id\": \"child.nik\", \"required\": true}], \"after\": \"nope\"},"
    " {\"id\": \"t\", \"agency\": \"dukcapil\", \"title\": \"T\", \"basis\": \"consent\", \"fields\": ["
    "{\"id\": \"child.nik\", \"required\": true}], \"after\": \"t\"}]}",
    { "bad.json: $.services[0].after: unknown service 'nope'",
      "bad.json: $.services[1].after: a service cannot come after itself" } },
  { "{\"services\": ["
    "{\"id\": \"v\", \"agency\": \"dukcapil\", \"title\": \"V\", \"basis\": \"consent\", \"fields\": [{\"id\": \"child.nik\", \"required\": true}], \"after\": \"s\"},"
    " {\"id\": \"s\", \"agency\": \"dukcapil\", \"title\": \"S\", \"basis\": \"consent\", \"fields\": [{\"id\": \"child.nik\", \"required\": true}], \"after\": \"t\"},"
    " {\"id\": \"t\", \"agency\": \"dukcapil\", \"title\": \"T\", \"basis\": \"consent\", \"fields\": [{\"id\": \"child.nik\", \"required\": true}], \"after\": \"u\"},"
    " {\"id\": \"u\", \"agency\": \"dukcapil\", \"title\": \"U\", \"basis\": \"consent\", \"fields\": [{\"id\": \"child.nik\", \"required\": true}], \"after\": \"s\"}]}",
    { "bad.json: $.services[1].after: the services depend on each other in a cycle: s -> t -> u -> s" } },
  /* life events */
  { "{\"life_events\": [{\"id\": \"e1\", \"title\": \"E1\", \"services\": []},"
    " {\"id\": \"e2\", \"title\": \"E2\", \"services\": [\"birth-certificate\", \"nope\", \"birth-certificate\"],"
    " \"optional\": [\"birth-certificate\"]}]}",
    { "bad.json: $.life_events[0].services: a life event needs at least one service",
      "bad.json: $.life_events[1].services[1]: unknown service 'nope'",
      "bad.json: $.life_events[1].services[2]: service 'birth-certificate' is listed twice (first at $.life_events[1].services[0])",
      "bad.json: $.life_events[1].optional[0]: service 'birth-certificate' is listed twice (first at $.life_events[1].services[0])" } },
  { "{\"life_events\": [{\"id\": \"e\", \"title\": \"E\", \"services\": [\"birth-certificate\"], \"icon\": \"../x.svg\"}]}",
    { "bad.json: $.life_events[0].icon: icon '../x.svg' must be a file inside the catalog folder" } },
};

static void
assert_problems (GPtrArray          *problems,
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

static void
test_problems (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_cases); i++)
    {
      const char *names[] = { "base.json", "services.json", "bad.json" };
      const char *texts[] = { base_json, services_json, problem_cases[i].text };
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LoketCatalog) catalog = NULL;

      g_autofree char *shown = g_strescape (problem_cases[i].text, NULL);

      g_test_message ("case %u: %s", i, shown);
      catalog = loket_catalog_load_from_data (names, texts, NULL, 3, &problems, &error);
      g_assert_null (catalog);
      g_assert_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID);
      /* The error lists the problems too, after a count. */
      g_assert_nonnull (strstr (error->message, problem_cases[i].problems[0]));
      assert_problems (problems, problem_cases[i].problems);
    }
}

/* A file that does not parse hides what it held: the others are not told their references
 * are unknown. */
static void
test_unreadable_file (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  const char *expected[] = {
    "base.json: $: line 1, column 2: the file ends where a member name in double quotes was expected",
    "services.json: $.services[1].fee: expected a whole number, found true or false",
    NULL,
  };
  g_autofree char *services = g_strdup (services_json);
  char *fee = strstr (services, "\"fee\": 25000");

  memcpy (fee, "\"fee\": false", strlen ("\"fee\": false"));
  memset (fee + strlen ("\"fee\": false"), ' ',
          strlen ("\"fee\": 25000") - strlen ("\"fee\": false"));
  catalog = load_two ("base.json", "{", "services.json", services, &problems);
  g_assert_null (catalog);
  assert_problems (problems, expected);
}

static char *
test_data (const char *name)
{
  return g_build_filename (LOKET_TEST_SRCDIR, "core", "catalogs", name, NULL);
}

/* Problems in two files, of several kinds, are all reported, in catalog order. */
static void
test_several_problems (void)
{
  g_autofree char *dir = test_data ("several-problems");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  const char *expected[] = {
    "1-agencies.json: $.agencies[1].id: duplicate id 'dukcapil' (first defined at 1-agencies.json: $.agencies[0])",
    "1-agencies.json: $.fields[0].max_length: must be between 1 and 100000 (found 0)",
    "1-agencies.json: $.fields[1].min: 'min' does not apply to a field of type 'date'",
    "2-services.json: $.services[0].basis: unknown basis 'duty' (one of consent, legal_obligation, public_task)",
    "2-services.json: $.services[0].fields[0].required: expected true or false, found a string",
    "2-services.json: $.services[0].fields[1].id: unknown field 'mother.name'",
    "2-services.json: $.life_events[0].services[1]: unknown service 'kia'",
    NULL,
  };

  catalog = loket_catalog_load (dir, &problems, &error);
  g_assert_null (catalog);
  g_assert_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The catalog has 7 problems:\n1-agencies.json: "));
  assert_problems (problems, expected);
}

static void
test_icons (void)
{
  g_autofree char *dir = test_data ("icons");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  const char *expected[] = {
    "catalog.json: $.life_events[2].icon: icon file 'icons/death.svg' does not exist",
    "catalog.json: $.life_events[3].icon: icon '../icons/birth.svg' must be a file inside the catalog folder",
    "catalog.json: $.life_events[4].icon: icon '/usr/share/pixmaps/debian-logo.png' must be a file inside the catalog folder",
    NULL,
  };
  const char *good_names[] = { "catalog.json" };
  g_autofree char *path = g_build_filename (dir, "catalog.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) good = NULL;
  char *cut;

  catalog = loket_catalog_load (dir, &problems, NULL);
  g_assert_null (catalog);
  assert_problems (problems, expected);

  /* Without the three bad ones, a file becomes an absolute path and a name stays a name. */
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  cut = strstr (text, ",\n    { \"id\": \"missing\"");
  g_assert_nonnull (cut);
  strcpy (cut, "\n  ]\n}\n");
  good = loket_catalog_load_from_data (good_names, (const char **) &text, NULL, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_catalog_get_life_event (good, "file")->icon, ==, "icons/birth.svg");
  g_assert_cmpstr (loket_catalog_get_life_event (good, "name")->icon, ==, "baby-symbolic");

  {
    g_autofree char *tmp = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);
    g_autofree char *file = g_build_filename (tmp, "catalog.json", NULL);
    g_autofree char *icons = g_build_filename (tmp, "icons", NULL);
    g_autofree char *icon = g_build_filename (icons, "birth.svg", NULL);
    g_autoptr(LoketCatalog) from_dir = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (g_mkdir (icons, 0700), ==, 0);
    g_assert_true (g_file_set_contents (file, text, -1, &error));
    g_assert_true (g_file_set_contents (icon, "<svg/>", -1, &error));
    from_dir = loket_catalog_load (tmp, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (loket_catalog_get_dir (from_dir), ==, tmp);
    g_assert_cmpstr (loket_catalog_get_life_event (from_dir, "file")->icon, ==, icon);
    g_assert_cmpstr (loket_catalog_get_life_event (from_dir, "name")->icon, ==, "baby-symbolic");
    g_unlink (icon);
    g_rmdir (icons);
    g_unlink (file);
    g_rmdir (tmp);
  }
}

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
  assert_problems (problems, expected);

  tmp = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (tmp, "big.json", NULL);
  g_assert_true (g_file_set_contents (file, text, (gssize) size, &error));
  dir_catalog = loket_catalog_load (tmp, &dir_problems, &error);
  g_assert_null (dir_catalog);
  g_assert_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID);
  assert_problems (dir_problems, expected);
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
  assert_problems (problems, expected);
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
  assert_problems (problems, expected);
}

/* --- dump and pot --- */

static void
test_dump (void)
{
  g_autoptr(LoketCatalog) catalog = load_good ();
  g_autoptr(JsonNode) dump = loket_catalog_dump (catalog, FALSE);
  g_autofree char *text = json_to_string (dump, FALSE);
  const char *expected =
    "{\"agencies\":["
      "{\"id\":\"dukcapil\",\"name\":\"Population and Civil Registration Office\"},"
      "{\"id\":\"bpjs\",\"name\":\"Health insurance agency\"}],"
    "\"fields\":["
      "{\"id\":\"child.name\",\"type\":\"name\",\"label\":\"Child's name\"},"
      "{\"id\":\"child.birth_date\",\"type\":\"date\",\"label\":\"Child's date of birth\"},"
      "{\"id\":\"child.sex\",\"type\":\"choice\",\"label\":\"Child's sex\",\"choices\":["
        "{\"value\":\"female\",\"label\":\"Female\"},{\"value\":\"male\",\"label\":\"Male\"}]},"
      "{\"id\":\"child.is_twin\",\"type\":\"yes-no\",\"label\":\"Is the child a twin?\"},"
      "{\"id\":\"child.twin_order\",\"type\":\"number\",\"label\":\"Born as twin number\",\"min\":1,\"max\":4},"
      "{\"id\":\"child.weight\",\"type\":\"number\",\"label\":\"Birth weight (kg)\",\"min\":0.5,\"max\":6.5},"
      "{\"id\":\"child.nik\",\"type\":\"nik\",\"label\":\"Child's NIK\"},"
      "{\"id\":\"family.members\",\"type\":\"group\",\"label\":\"Family members\",\"min\":1,\"max\":10,\"fields\":["
        "{\"id\":\"nik\",\"type\":\"nik\",\"label\":\"NIK\"},{\"id\":\"name\",\"type\":\"name\",\"label\":\"Name\"}]}],"
    "\"services\":["
      "{\"id\":\"birth-certificate\",\"agency\":\"dukcapil\",\"title\":\"Birth certificate\","
        "\"basis\":\"legal_obligation\",\"verification\":\"counter\",\"fields\":["
          "{\"id\":\"child.name\",\"required\":true},{\"id\":\"child.birth_date\",\"required\":true},"
          "{\"id\":\"child.sex\",\"required\":true},"
          "{\"id\":\"child.twin_order\",\"required\":true,\"when\":{\"field\":\"child.is_twin\",\"in\":[\"true\"]}},"
          "{\"id\":\"child.is_twin\",\"required\":false}],"
        "\"outputs\":[\"child_nik\"]},"
      "{\"id\":\"bpjs-newborn\",\"agency\":\"bpjs\",\"title\":\"Health insurance for the newborn\","
        "\"basis\":\"consent\",\"verification\":\"none\",\"fields\":["
          "{\"id\":\"child.nik\",\"required\":true},{\"id\":\"family.members\",\"required\":false}],"
        "\"after\":\"birth-certificate\",\"inputs\":{\"child.nik\":\"child_nik\"}}],"
    "\"life_events\":["
      "{\"id\":\"birth\",\"title\":\"A child was born\",\"services\":[\"birth-certificate\"],"
        "\"optional\":[\"bpjs-newborn\"]}]}";

  g_assert_cmpstr (text, ==, expected);
}

static void
test_pot (void)
{
  g_autoptr(LoketCatalog) catalog = load_good ();
  g_autofree char *pot = loket_catalog_to_pot (catalog);
  GPtrArray *strings = loket_catalog_get_strings (catalog);
  const LoketCatalogString *first = g_ptr_array_index (strings, 0);

  g_assert_cmpstr (first->msgid, ==, "Population and Civil Registration Office");
  g_assert_cmpstr (first->file, ==, "base.json");
  g_assert_cmpstr (first->path, ==, "$.agencies[0].name");
  g_assert_cmpstr (first->comment, ==, "Name of agency 'dukcapil'");

  g_assert_true (g_str_has_prefix (pot, "# Translations of a Loket service catalog"));
  g_assert_nonnull (strstr (pot, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Label of field 'child.name'\n"
    "#: base.json:$.fields[0].label\n"
    "msgid \"Child's name\"\n"
    "msgstr \"\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Choice 'female' of field 'child.sex'\n"
    "#: base.json:$.fields[2].choices[0].label\n"
    "msgid \"Female\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Label of sub-field 'nik' of group 'family.members'\n"
    "#: base.json:$.fields[7].fields[0].label\n"
    "msgid \"NIK\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Description of service 'birth-certificate'\n"
    "#: services.json:$.services[0].description\n"
    "msgid \"The child's \\\"akta\\\"\"\n"));
  /* One msgid, two places: the references merge. */
  g_assert_nonnull (strstr (pot,
    "\n#. A document to bring for service 'birth-certificate'\n"
    "#. A document to bring for service 'bpjs-newborn'\n"
    "#: services.json:$.services[0].documents[1]\n"
    "#: services.json:$.services[1].documents[0]\n"
    "msgid \"Family card (KK)\"\n"));
  g_assert_nonnull (strstr (pot, "\n#. Title of life event 'birth'\n"
                                 "#: services.json:$.life_events[0].title\n"
                                 "msgid \"A child was born\"\n"));
  g_assert_nonnull (strstr (pot, "msgid \"The family\"\n"));
  g_assert_nonnull (strstr (pot, "msgid \"As on the birth letter\"\n"));
  g_assert_null (strstr (pot, "msgid \"child_nik\""));
  g_assert_null (strstr (pot, "msgid \"dukcapil\""));
  g_assert_null (strstr (strstr (pot, "msgid \"Family card (KK)\"") + 1,
                         "msgid \"Family card (KK)\""));
}

/* gettext's own tools must accept the template. */
static void
test_pot_msgfmt (void)
{
  g_autoptr(LoketCatalog) catalog = load_good ();
  g_autofree char *pot = loket_catalog_to_pot (catalog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) msgfmt = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("loket-pot-XXXXXX", &error);
  g_autofree char *path = g_build_filename (tmp, "catalog.pot", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, pot, -1, &error));
  msgfmt = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                             "msgfmt", "--check-format", "-o", "/dev/null", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (msgfmt, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (tmp);
}

/* --- translations --- */

static void
write_file (const char *dir,
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

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
test_translations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);
  g_autofree char *po = g_build_filename (tmp, "po", "id.po", NULL);
  g_autofree char *mo = g_build_filename (tmp, "locale", "id", "LC_MESSAGES", "loket-catalog.mo",
                                          NULL);
  g_autofree char *locale_dir = NULL;
  g_autoptr(GSubprocess) msgfmt = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(JsonNode) dump = NULL;
  JsonObject *life_event;

  g_assert_no_error (error);
  /* The environment's override (the build tree's translations) wins when set. */
  g_setenv ("LOKET_CATALOG_LOCALEDIR", "/elsewhere/locale", TRUE);
  locale_dir = loket_catalog_locale_dir (tmp);
  g_assert_cmpstr (locale_dir, ==, "/elsewhere/locale");
  g_clear_pointer (&locale_dir, g_free);
  g_unsetenv ("LOKET_CATALOG_LOCALEDIR");
  locale_dir = loket_catalog_locale_dir (tmp);
  g_assert_true (g_str_has_suffix (locale_dir, "/locale"));

  write_file (tmp, "base.json", base_json);
  write_file (tmp, "services.json", services_json);
  write_file (tmp, "po/id.po",
              "msgid \"\"\n"
              "msgstr \"\"\n"
              "\"Project-Id-Version: test\\n\"\n"
              "\"PO-Revision-Date: 2026-01-01 00:00+0700\\n\"\n"
              "\"Last-Translator: Test <test@example.org>\\n\"\n"
              "\"Language-Team: Indonesian <test@example.org>\\n\"\n"
              "\"Language: id\\n\"\n"
              "\"MIME-Version: 1.0\\n\"\n"
              "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
              "\"Content-Transfer-Encoding: 8bit\\n\"\n"
              "\n"
              "msgid \"A child was born\"\n"
              "msgstr \"Kelahiran anak\"\n"
              "\n"
              "msgid \"Child's name\"\n"
              "msgstr \"Nama anak\"\n");
  write_file (tmp, "locale/id/LC_MESSAGES/.keep", "");
  msgfmt = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "msgfmt", "--check", "-o", mo, po,
                             NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (msgfmt, NULL, &error));
  g_assert_no_error (error);

  catalog = loket_catalog_load (tmp, NULL, &error);
  g_assert_no_error (error);

  loket_i18n_set_language ("id");
  g_assert_cmpstr (C_CATALOG ("A child was born"), ==, "Kelahiran anak");
  g_assert_cmpstr (C_CATALOG (loket_catalog_get_field (catalog, "child.name")->label), ==,
                   "Nama anak");
  /* Not translated yet: English. */
  g_assert_cmpstr (C_CATALOG ("Birth certificate"), ==, "Birth certificate");

  dump = loket_catalog_dump (catalog, TRUE);
  life_event = json_array_get_object_element (json_object_get_array_member (json_node_get_object (dump), "life_events"), 0);
  g_assert_cmpstr (json_object_get_string_member (life_event, "title"), ==, "Kelahiran anak");
  g_clear_pointer (&dump, json_node_unref);
  dump = loket_catalog_dump (catalog, FALSE);
  life_event = json_array_get_object_element (json_object_get_array_member (json_node_get_object (dump), "life_events"), 0);
  g_assert_cmpstr (json_object_get_string_member (life_event, "title"), ==, "A child was born");

  loket_i18n_set_language ("en");
  g_assert_cmpstr (C_CATALOG ("A child was born"), ==, "A child was born");

  remove_tree (tmp);
}

/* `loketctl catalog …` end to end, when the build tree has it. */
static int
run_loketctl (const char  *loketctl,
              char       **out,
              char       **err,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) loketctl);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The build tree's translations would win over the folder's own. */
  g_subprocess_launcher_unsetenv (launcher, "LOKET_CATALOG_LOCALEDIR");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_loketctl (void)
{
  const char *build = g_getenv ("LOKET_BUILD_DIR");
  g_autofree char *loketctl = g_build_filename (build != NULL ? build : "", "app", "loketctl",
                                                NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *pot_path = NULL;
  g_autofree char *pot = NULL;
  g_autofree char *bad = test_data ("several-problems");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  char *out = NULL, *err = NULL;
  JsonObject *life_event;

  if (build == NULL || !g_file_test (loketctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("LOKET_BUILD_DIR/app/loketctl is not built (run under meson test)");
      return;
    }

  tmp = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  write_file (tmp, "base.json", base_json);
  write_file (tmp, "services.json", services_json);
  write_file (tmp, "po/LINGUAS", "# the catalog's languages\nid\n");
  write_file (tmp, "po/id.po",
              "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
              "msgid \"A child was born\"\nmsgstr \"Kelahiran anak\"\n");

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "validate", tmp, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "2 agencies, 2 services, 1 life event, 8 fields\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "compile", tmp, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "compiled 1 language\n");
  mo = g_build_filename (tmp, "locale", "id", "LC_MESSAGES", "loket-catalog.mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "dump", tmp, "--language", "id",
                                 NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  life_event = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "life_events"), 0);
  g_assert_cmpstr (json_object_get_string_member (life_event, "title"), ==, "Kelahiran anak");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "pot", tmp, NULL), ==, 0);
  pot_path = g_build_filename (tmp, "po", "loket-catalog.pot", NULL);
  g_assert_true (g_file_get_contents (pot_path, &pot, NULL, &error));
  g_assert_nonnull (strstr (pot,
                            "#: services.json:$.life_events[0].title\nmsgid \"A child was born\"\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A po file that does not compile: msgfmt's own message, exit 1. */
  write_file (tmp, "po/id.po", "msgid \"A child was born\"\nmsgstr \"Kelahiran\n");
  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "compile", tmp, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "id.po:3: end-of-line within string"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "validate", bad, NULL), ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[6], ==,
                   "2-services.json: $.life_events[0].services[1]: unknown service 'kia'");
  g_assert_cmpstr (lines[7], ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  remove_tree (tmp);
}

/* The catalog Loket ships must load without a single problem. */
static void
test_shipped_catalog (void)
{
  const char *source = g_getenv ("LOKET_SOURCE_DIR");
  g_autofree char *dir = g_build_filename (source != NULL ? source : LOKET_TEST_SRCDIR "/..",
                                           "data", "catalog", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;

  catalog = loket_catalog_load (dir, &problems, &error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (loket_catalog_get_services (catalog)->len, >, 0);
  g_assert_cmpuint (loket_catalog_get_life_events (catalog)->len, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/good", test_good);
  g_test_add_func ("/catalog/problems", test_problems);
  g_test_add_func ("/catalog/unreadable-file", test_unreadable_file);
  g_test_add_func ("/catalog/several-problems", test_several_problems);
  g_test_add_func ("/catalog/icons", test_icons);
  g_test_add_func ("/catalog/too-large", test_too_large);
  g_test_add_func ("/catalog/too-deep", test_too_deep);
  g_test_add_func ("/catalog/json-depth-edge", test_json_depth_edge);
  g_test_add_func ("/catalog/json-members", test_json_members);
  g_test_add_func ("/catalog/dump", test_dump);
  g_test_add_func ("/catalog/pot", test_pot);
  g_test_add_func ("/catalog/pot-msgfmt", test_pot_msgfmt);
  g_test_add_func ("/catalog/shipped", test_shipped_catalog);
  g_test_add_func ("/catalog/loketctl", test_loketctl);
  /* Last: it changes the process's language. */
  g_test_add_func ("/catalog/translations", test_translations);

  return g_test_run ();
}
