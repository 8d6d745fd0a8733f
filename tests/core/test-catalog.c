/* test-catalog.c — the catalog loader: good catalogs become the structs, and every kind of
 * problem gives its exact message (caps and JSON: test-catalog-json.c; dump, pot and
 * translations: test-catalog-export.c)
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
#include "core/loket-validate.h"
#include "catalog-test.h"

static void
test_good (void)
{
  g_autoptr(LoketCatalog) catalog = catalog_test_load_good ();
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
  /* A plain string is a document whose id and label are that string. */
  g_assert_cmpuint (service->documents->len, ==, 2);
  g_assert_cmpstr (((LoketDocument *) g_ptr_array_index (service->documents, 0))->label, ==,
                   "Birth letter from the hospital");
  g_assert_cmpstr (((LoketDocument *) g_ptr_array_index (service->documents, 0))->id, ==,
                   "Birth letter from the hospital");
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
  { "{\"fields\": [{\"id\": \"child.a\", \"type\": \"text\", \"label\": \"A\", \"digits\": 0},"
    " {\"id\": \"child.b\", \"type\": \"name\", \"label\": \"B\", \"digits\": 13},"
    " {\"id\": \"child.c\", \"type\": \"text\", \"label\": \"C\", \"digits\": 13, \"max_length\": 13},"
    " {\"id\": \"child.d\", \"type\": \"text\", \"label\": \"D\", \"digits\": \"13\"},"
    " {\"id\": \"child.e\", \"type\": \"text\", \"label\": \"E\", \"digits\": 65}]}",
    { "bad.json: $.fields[0].digits: must be between 1 and 64 (found 0)",
      "bad.json: $.fields[1].digits: 'digits' does not apply to a field of type 'name'",
      "bad.json: $.fields[2].digits: 'digits' fixes the length: leave out min_length and max_length",
      "bad.json: $.fields[3].digits: expected a whole number, found a string",
      "bad.json: $.fields[4].digits: must be between 1 and 64 (found 65)" } },
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
test_problems (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_cases); i++)
    {
      const char *names[] = { "base.json", "services.json", "bad.json" };
      const char *texts[] = { catalog_test_base_json, catalog_test_services_json, problem_cases[i].text };
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
      catalog_test_assert_problems (problems, problem_cases[i].problems);
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
  g_autofree char *services = g_strdup (catalog_test_services_json);
  char *fee = strstr (services, "\"fee\": 25000");

  memcpy (fee, "\"fee\": false", strlen ("\"fee\": false"));
  memset (fee + strlen ("\"fee\": false"), ' ',
          strlen ("\"fee\": 25000") - strlen ("\"fee\": false"));
  catalog = catalog_test_load_two ("base.json", "{", "services.json", services, &problems);
  g_assert_null (catalog);
  catalog_test_assert_problems (problems, expected);
}

/* Problems in two files, of several kinds, are all reported, in catalog order. */
static void
test_several_problems (void)
{
  g_autofree char *dir = catalog_test_test_data ("several-problems");
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
  catalog_test_assert_problems (problems, expected);
}

static void
test_icons (void)
{
  g_autofree char *dir = catalog_test_test_data ("icons");
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
  catalog_test_assert_problems (problems, expected);

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

/* A text field with "digits": loaded, on the keypad, checked with its label, dumped. */
static void
test_digits (void)
{
  const char *text =
    "{\"fields\": ["
    " {\"id\": \"family.nib\", \"type\": \"text\", \"label\": \"Business number (NIB)\", \"digits\": 13},"
    " {\"id\": \"family.note\", \"type\": \"text\", \"label\": \"Note\", \"max_length\": 20}]}";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) wire = NULL;
  g_autoptr(JsonNode) dump = NULL;
  g_autofree char *nib_json = NULL;
  g_autofree char *note_json = NULL;
  const char *names[] = { "base.json", "services.json", "digits.json" };
  const char *texts[] = { catalog_test_base_json, catalog_test_services_json, text };
  const LoketField *nib, *note;
  JsonArray *fields;

  catalog = loket_catalog_load_from_data (names, texts, NULL, 3, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  nib = loket_catalog_get_field (catalog, "family.nib");
  note = loket_catalog_get_field (catalog, "family.note");
  g_assert_cmpuint (nib->digits, ==, 13);
  g_assert_cmpuint (nib->max_length, ==, 0);
  g_assert_cmpuint (note->digits, ==, 0);
  g_assert_cmpint (loket_field_keyboard (nib), ==, LOKET_KEYBOARD_DIGITS);
  g_assert_cmpint (loket_field_keyboard (note), ==, LOKET_KEYBOARD_TEXT);

  wire = loket_field_normalize_text (nib, "912 0001 234567", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (wire), ==, "9120001234567");
  g_clear_pointer (&wire, json_node_unref);
  wire = loket_field_normalize_text (nib, "912000123456", NULL, &error);
  g_assert_null (wire);
  g_assert_error (error, LOKET_VALIDATION_ERROR, LOKET_VALIDATION_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "Business number (NIB) has 13 digits; you typed 12.");

  /* "digits" in the dump, only where it is set. */
  dump = loket_catalog_dump (catalog, FALSE);
  fields = json_object_get_array_member (json_node_get_object (dump), "fields");
  nib_json = json_to_string (json_array_get_element (fields, 8), FALSE);
  note_json = json_to_string (json_array_get_element (fields, 9), FALSE);
  g_assert_cmpstr (nib_json, ==,
                   "{\"id\":\"family.nib\",\"type\":\"text\",\"label\":\"Business number (NIB)\","
                   "\"digits\":13}");
  g_assert_cmpstr (note_json, ==, "{\"id\":\"family.note\",\"type\":\"text\",\"label\":\"Note\"}");
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
  g_test_add_func ("/catalog/digits", test_digits);

  return g_test_run ();
}
