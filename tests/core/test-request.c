/* test-request.c — the combined request: merged questions, conditions, prerequisites, life
 * events, validation, warnings, groups and wiping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "request-test.h"

/* "section: field* field" lines for the visible form; * marks a required question. */
static char *
form_of (LoketRequest *request)
{
  g_autoptr(GPtrArray) sections = loket_request_get_sections (request);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sections->len; i++)
    {
      const LoketQuestionSection *section = g_ptr_array_index (sections, i);

      g_string_append_printf (text, "%s:", section->section->id);
      for (guint j = 0; j < section->questions->len; j++)
        {
          const LoketQuestion *question = g_ptr_array_index (section->questions, j);

          g_string_append_printf (text, " %s%s", question->field->id,
                                  question->required ? "*" : "");
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static char *
services_of (LoketRequest *request)
{
  g_autoptr(GPtrArray) services = loket_request_get_services (request);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < services->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            ((const LoketService *) g_ptr_array_index (services, i))->id);

  return g_string_free (text, FALSE);
}

static void
count_emission (gpointer  instance,
                gpointer  user_data)
{
  (*(guint *) user_data)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_merge_fields_once (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autofree char *alone = NULL;
  g_autofree char *both = NULL;

  g_assert_true (loket_request_add_service (request, "birth"));
  alone = form_of (request);
  g_assert_cmpstr (alone, ==,
                   "applicant: applicant.nik* applicant.name* applicant.phone\n"
                   "child: child.name* child.is_twin*\n"
                   "mother: mother.nik*\n"
                   "father: father.nik\n");

  /* The phone is optional for the birth certificate but required by the insurance: asked
   * once, required. The child's NIK comes from the birth certificate: not asked. */
  g_assert_true (loket_request_add_service (request, "insurance"));
  both = form_of (request);
  g_assert_cmpstr (both, ==,
                   "applicant: applicant.nik* applicant.name* applicant.phone*\n"
                   "child: child.name* child.is_twin*\n"
                   "mother: mother.nik*\n"
                   "father: father.nik\n");
  g_assert_cmpint (loket_request_get_field_state (request, "child.nik"), ==,
                   LOKET_FIELD_STATE_FROM_OUTPUTS);
  g_assert_cmpint (loket_request_get_field_state (request, "child.twin_order"), ==,
                   LOKET_FIELD_STATE_HIDDEN);
  g_assert_cmpint (loket_request_get_field_state (request, "applicant.birth_date"), ==,
                   LOKET_FIELD_STATE_NOT_NEEDED);
  g_assert_cmpint (loket_request_get_field_state (request, "no.such_field"), ==,
                   LOKET_FIELD_STATE_NOT_NEEDED);
  g_assert_true (loket_request_is_required (request, "applicant.phone"));
  g_assert_false (loket_request_is_required (request, "father.nik"));

  g_assert_false (loket_request_add_service (request, "no-such-service"));
  g_assert_false (loket_request_remove_service (request, "tax"));
}

static void
test_merge_when (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autofree char *twin_form = NULL;
  g_autofree char *issues = NULL;
  g_autofree char *hidden_issues = NULL;
  guint changed = 0;

  loket_request_add_service (request, "birth");
  g_signal_connect (request, "questions-changed", G_CALLBACK (count_emission), &changed);

  request_test_set_bool (request, "child.is_twin", TRUE);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (loket_request_get_field_state (request, "child.twin_order"), ==,
                   LOKET_FIELD_STATE_ASKED);
  twin_form = form_of (request);
  g_assert_cmpstr (twin_form, ==,
                   "applicant: applicant.nik* applicant.name* applicant.phone\n"
                   "child: child.name* child.is_twin* child.twin_order*\n"
                   "mother: mother.nik*\n"
                   "father: father.nik\n");

  /* Typing does not change the questions. */
  loket_request_set_text (request, "applicant.name", "S");
  loket_request_set_text (request, "applicant.name", "Si");
  loket_request_set_text (request, "child.twin_order", "9");
  g_assert_cmpuint (changed, ==, 1);
  issues = request_test_issues (request, "child");
  g_assert_cmpstr (issues, ==,
                   "child.name E required: Please fill this in.\n"
                   "child.twin_order E range: Please enter a number from 1 to 6.\n");

  /* Hidden again: its value is kept (the citizen may switch back) but not checked. */
  request_test_set_bool (request, "child.is_twin", FALSE);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpint (loket_request_get_field_state (request, "child.twin_order"), ==,
                   LOKET_FIELD_STATE_HIDDEN);
  g_assert_cmpstr (loket_request_get_text (request, "child.twin_order"), ==, "9");
  hidden_issues = request_test_issues (request, "child");
  g_assert_cmpstr (hidden_issues, ==, "child.name E required: Please fill this in.\n");
  g_assert_null (loket_request_dup_wire_value (request, "child.twin_order"));

  /* Typed text for a yes-no question works as well as a JSON boolean. */
  loket_request_set_text (request, "child.is_twin", "ya");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (loket_request_get_field_state (request, "child.twin_order"), ==,
                   LOKET_FIELD_STATE_ASKED);
}

static void
test_merge_required_if_any (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  guint changed = 0;

  /* The school takes the twin order if there is one; the birth certificate requires it. */
  loket_request_add_service (request, "school");
  request_test_set_bool (request, "child.is_twin", TRUE);
  g_assert_cmpint (loket_request_get_field_state (request, "child.twin_order"), ==,
                   LOKET_FIELD_STATE_ASKED);
  g_assert_false (loket_request_is_required (request, "child.twin_order"));
  g_assert_false (loket_request_is_required (request, "child.is_twin"));

  g_signal_connect (request, "questions-changed", G_CALLBACK (count_emission), &changed);
  loket_request_add_service (request, "birth");
  g_assert_true (loket_request_is_required (request, "child.twin_order"));
  g_assert_true (loket_request_is_required (request, "child.is_twin"));
  g_assert_cmpuint (changed, ==, 1);

  /* Only whether it is required changed: the form still changes (its marks do). */
  loket_request_remove_service (request, "birth");
  g_assert_false (loket_request_is_required (request, "child.twin_order"));
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_merge_outputs (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autofree char *form = NULL;
  guint changed = 0;

  loket_request_add_service (request, "birth");
  loket_request_add_service (request, "insurance");
  g_signal_connect (request, "questions-changed", G_CALLBACK (count_emission), &changed);
  g_assert_cmpint (loket_request_get_field_state (request, "child.nik"), ==,
                   LOKET_FIELD_STATE_FROM_OUTPUTS);

  /* Without its prerequisite, the insurance asks the child's NIK of the citizen. */
  g_assert_true (loket_request_remove_service (request, "birth"));
  g_assert_cmpuint (changed, ==, 1);
  form = form_of (request);
  g_assert_cmpstr (form, ==,
                   "applicant: applicant.nik* applicant.name* applicant.phone*\n"
                   "child: child.name* child.nik*\n");

  g_assert_true (loket_request_add_service (request, "birth"));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpint (loket_request_get_field_state (request, "child.nik"), ==,
                   LOKET_FIELD_STATE_FROM_OUTPUTS);

  /* The school wants the NIK as a plain field: it is asked, though the insurance will still
   * take the registry's value (see loket-request.c). */
  g_assert_true (loket_request_add_service (request, "school"));
  g_assert_cmpint (loket_request_get_field_state (request, "child.nik"), ==,
                   LOKET_FIELD_STATE_ASKED);
  g_assert_true (loket_request_is_required (request, "child.nik"));
}

static void
test_merge_life_event (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autoptr(GPtrArray) offered = NULL;
  g_autofree char *preselected = NULL;
  g_autofree char *with_kia = NULL;
  guint services_changed = 0;

  g_signal_connect (request, "services-changed", G_CALLBACK (count_emission), &services_changed);
  loket_request_add_service (request, "tax");
  g_assert_false (loket_request_set_life_event (request, "no-such-event"));
  g_assert_true (loket_request_set_life_event (request, "newborn"));
  g_assert_cmpstr (loket_request_get_life_event (request)->id, ==, "newborn");
  g_assert_cmpuint (services_changed, ==, 2);

  /* The life event's services replace the selection; its optional ones are only offered. */
  preselected = services_of (request);
  g_assert_cmpstr (preselected, ==, "birth insurance");
  offered = loket_request_get_offered_services (request);
  g_assert_cmpuint (offered->len, ==, 1);
  g_assert_cmpstr (((const LoketService *) g_ptr_array_index (offered, 0))->id, ==, "kia");
  g_assert_false (loket_request_has_service (request, "kia"));

  g_assert_true (loket_request_add_service (request, "kia"));
  with_kia = services_of (request);
  g_assert_cmpstr (with_kia, ==, "birth insurance kia");
  g_assert_cmpuint (services_changed, ==, 3);
}

static void
test_validate_errors (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autofree char *empty = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *applicant = NULL;
  guint complete_notified = 0;

  g_assert_false (loket_request_is_complete (request));   /* no service yet */
  loket_request_add_service (request, "birth");
  g_signal_connect (request, "notify::complete", G_CALLBACK (count_notify), &complete_notified);

  empty = request_test_issues (request, NULL);
  g_assert_cmpstr (empty, ==,
                   "applicant.nik E required: Please fill this in.\n"
                   "applicant.name E required: Please fill this in.\n"
                   "child.name E required: Please fill this in.\n"
                   "child.is_twin E required: Please fill this in.\n"
                   "mother.nik E required: Please fill this in.\n");

  /* What was typed stays, with the validator's message, in the citizen's words. */
  loket_request_set_text (request, "applicant.nik", "327301410190000");
  loket_request_set_text (request, "applicant.name", "Siti Aminah");
  loket_request_set_text (request, "applicant.phone", "12");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.nik"), ==, "327301410190000");
  applicant = request_test_issues (request, "applicant");
  g_assert_cmpstr (applicant, ==,
                   "applicant.nik E format: A NIK has 16 digits; you typed 15.\n"
                   "applicant.phone E format: Please type an Indonesian phone number, "
                   "starting with 0 or +62.\n");
  g_assert_false (loket_request_section_is_complete (request, "applicant"));
  g_assert_false (loket_request_section_is_complete (request, "child"));

  loket_request_set_text (request, "applicant.nik", "3273014101900001");
  loket_request_set_text (request, "applicant.phone", "");   /* optional: empty is fine */
  g_assert_true (loket_request_section_is_complete (request, "applicant"));
  g_assert_true (loket_request_section_is_complete (request, "father"));

  loket_request_set_text (request, "child.name", "Budi");
  request_test_set_bool (request, "child.is_twin", FALSE);
  g_assert_cmpuint (complete_notified, ==, 0);
  loket_request_set_text (request, "mother.nik", "3273015203920002");
  g_assert_true (loket_request_is_complete (request));
  g_assert_cmpuint (complete_notified, ==, 1);

  typed = request_test_issues (request, NULL);
  g_assert_cmpstr (typed, ==, "");

  /* An optional field with a wrong answer blocks too: it would be sent. */
  loket_request_set_text (request, "father.nik", "32730");
  g_assert_false (loket_request_is_complete (request));
  g_assert_cmpuint (complete_notified, ==, 2);
}

static void
test_validate_warnings (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autofree char *both = NULL;
  g_autofree char *confirmed = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *matching = NULL;

  loket_request_add_service (request, "tax");
  loket_request_add_group_entry (request, "family.members");
  loket_request_set_group_text (request, "family.members", 0, "nik", "3273010505850003");
  loket_request_set_group_text (request, "family.members", 0, "name", "Agus");

  /* 41 in the NIK's day: a woman born on 1 January (19)90. */
  loket_request_set_text (request, "applicant.nik", "3273014101900001");
  loket_request_set_text (request, "applicant.name", "Siti Aminah");
  loket_request_set_text (request, "applicant.birth_date", "02/01/1990");
  loket_request_set_text (request, "applicant.sex", "male");

  both = request_test_issues (request, NULL);
  g_assert_cmpstr (both, ==,
                   "applicant.nik W nik-birth-date nik-birth-date:applicant: The date of birth "
                   "in this NIK differs from the date of birth entered. Check both; if both are "
                   "right, confirm.\n"
                   "applicant.nik W nik-sex nik-sex:applicant: This NIK does not match the sex "
                   "chosen. Check both; if both are right, confirm.\n");
  g_assert_false (loket_request_is_complete (request));

  g_assert_false (loket_request_confirm_warning (request, "same-nik:applicant.nik"));
  g_assert_true (loket_request_confirm_warning (request, "nik-birth-date:applicant"));
  g_assert_true (loket_request_confirm_warning (request, "nik-sex:applicant"));
  confirmed = request_test_issues (request, "applicant");
  g_assert_cmpstr (confirmed, ==,
                   "applicant.nik W nik-birth-date nik-birth-date:applicant (confirmed): The "
                   "date of birth in this NIK differs from the date of birth entered. Check both; "
                   "if both are right, confirm.\n"
                   "applicant.nik W nik-sex nik-sex:applicant (confirmed): This NIK does not "
                   "match the sex chosen. Check both; if both are right, confirm.\n");
  g_assert_true (loket_request_is_complete (request));

  /* A confirmation holds for the values confirmed, not for the next typo. */
  loket_request_set_text (request, "applicant.birth_date", "1990-01-03");
  changed = request_test_issues (request, "applicant");
  g_assert_cmpstr (changed, ==,
                   "applicant.nik W nik-birth-date nik-birth-date:applicant: The date of birth "
                   "in this NIK differs from the date of birth entered. Check both; if both are "
                   "right, confirm.\n"
                   "applicant.nik W nik-sex nik-sex:applicant (confirmed): This NIK does not "
                   "match the sex chosen. Check both; if both are right, confirm.\n");
  g_assert_false (loket_request_is_complete (request));

  loket_request_set_text (request, "applicant.birth_date", "01-01-1990");
  loket_request_set_text (request, "applicant.sex", "female");
  matching = request_test_issues (request, NULL);
  g_assert_cmpstr (matching, ==, "");
  g_assert_true (loket_request_is_complete (request));
}

static void
test_validate_same_nik (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autofree char *issues = NULL;
  g_autofree char *mother = NULL;

  loket_request_add_service (request, "birth");
  loket_request_set_text (request, "applicant.nik", "3273014101900001");
  loket_request_set_text (request, "applicant.name", "Siti Aminah");
  loket_request_set_text (request, "child.name", "Budi");
  request_test_set_bool (request, "child.is_twin", FALSE);
  loket_request_set_text (request, "mother.nik", "3273 0141 0190 0001");
  loket_request_set_text (request, "father.nik", "3273014101900001");

  issues = request_test_issues (request, NULL);
  g_assert_cmpstr (issues, ==,
                   "mother.nik W same-nik same-nik:mother.nik: This NIK was already entered for "
                   "“Your NIK”. Check it; if it is right, confirm.\n"
                   "father.nik W same-nik same-nik:father.nik: This NIK was already entered for "
                   "“Your NIK”. Check it; if it is right, confirm.\n");

  /* The applicant may well be the mother: confirmed, it stops blocking that section. */
  g_assert_true (loket_request_confirm_warning (request, "same-nik:mother.nik"));
  g_assert_true (loket_request_section_is_complete (request, "mother"));
  g_assert_false (loket_request_section_is_complete (request, "father"));
  loket_request_set_text (request, "father.nik", "3273010505850003");
  g_assert_true (loket_request_is_complete (request));

  mother = request_test_issues (request, "mother");
  g_assert_cmpstr (mother, ==,
                   "mother.nik W same-nik same-nik:mother.nik (confirmed): This NIK was already "
                   "entered for “Your NIK”. Check it; if it is right, confirm.\n");
}

static void
test_groups (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autofree char *none = NULL;
  g_autofree char *four = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *people = NULL;
  g_autoptr(JsonNode) wire = NULL;
  g_autofree char *wire_text = NULL;

  loket_request_add_service (request, "tax");
  loket_request_set_text (request, "applicant.nik", "3273014101900001");
  loket_request_set_text (request, "applicant.name", "Siti Aminah");
  loket_request_set_text (request, "applicant.birth_date", "1990-01-01");

  none = request_test_issues (request, "family");
  g_assert_cmpstr (none, ==, "family.members E required: Add at least 1 entry.\n");

  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (loket_request_add_group_entry (request, "family.members"), ==, i);
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "family.members"), ==, 4);
  loket_request_set_group_text (request, "family.members", 0, "nik", "3273010505850003");
  loket_request_set_group_text (request, "family.members", 0, "name", "Agus");
  loket_request_set_group_text (request, "family.members", 1, "nik", "1234");
  loket_request_set_group_text (request, "family.members", 2, "nik", "3273015203920002");
  loket_request_set_group_text (request, "family.members", 2, "name", "Rina");
  loket_request_set_group_text (request, "family.members", 3, "nik", "3273015203920002");
  loket_request_set_group_text (request, "family.members", 3, "name", "Rini");
  g_assert_false (loket_request_set_group_text (request, "family.members", 4, "nik", "1"));
  g_assert_false (loket_request_set_group_text (request, "family.members", 0, "nope", "1"));
  g_assert_cmpstr (loket_request_get_group_text (request, "family.members", 1, "nik"), ==, "1234");

  four = request_test_issues (request, "family");
  g_assert_cmpstr (four, ==,
                   "family.members E too-many: Remove entries: at most 3 are allowed.\n"
                   "family.members[1].nik E format: A NIK has 16 digits; you typed 4.\n"
                   "family.members[1].name E required: Please fill this in.\n"
                   "family.members[3].nik W same-nik same-nik:family.members[3].nik: This NIK "
                   "was already entered for “NIK (Family members, entry 3)”. Check it; if it is "
                   "right, confirm.\n");

  g_assert_true (loket_request_remove_group_entry (request, "family.members", 1));
  g_assert_false (loket_request_remove_group_entry (request, "family.members", 3));
  g_assert_true (loket_request_remove_group_entry (request, "family.members", 2));
  entries = request_test_issues (request, "family");
  g_assert_cmpstr (entries, ==, "");

  /* One entry is one person: its NIK is checked against its own date of birth and sex. */
  loket_request_set_group_text (request, "family.members", 1, "birth_date", "12/03/1992");
  loket_request_set_group_text (request, "family.members", 1, "sex", "male");
  loket_request_set_group_text (request, "family.members", 0, "birth_date", "05/05/1985");
  people = request_test_issues (request, NULL);
  g_assert_cmpstr (people, ==,
                   "family.members[1].nik W nik-sex nik-sex:family.members[1]: This NIK does "
                   "not match the sex chosen. Check both; if both are right, confirm.\n");
  loket_request_set_group_text (request, "family.members", 1, "sex", "female");
  g_assert_true (loket_request_is_complete (request));

  wire = loket_request_dup_wire_value (request, "family.members");
  wire_text = json_to_string (wire, FALSE);
  g_assert_cmpstr (wire_text, ==,
                   "[{\"nik\":\"3273010505850003\",\"name\":\"Agus\","
                   "\"birth_date\":\"1985-05-05\"},"
                   "{\"nik\":\"3273015203920002\",\"name\":\"Rina\",\"birth_date\":\"1992-03-12\","
                   "\"sex\":\"female\"}]");
}

static void
test_set_value_shapes (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autoptr(JsonNode) members =
    json_from_string ("[{\"nik\":\"3273010505850003\",\"name\":\"Agus\",\"age\":3},\"x\"]", NULL);
  g_autoptr(JsonNode) list = json_from_string ("[1]", NULL);
  g_autoptr(JsonNode) number = json_from_string ("2", NULL);
  g_autoptr(GError) error = NULL;

  loket_request_add_service (request, "tax");
  g_assert_false (loket_request_set_value (request, "family.members", members, &error));
  g_assert_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "family.members[0].age: unknown sub-field.\n"
                   "family.members[1]: must be an object of sub-field values.");
  g_clear_error (&error);
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "family.members"), ==, 2);
  g_assert_cmpstr (loket_request_get_group_text (request, "family.members", 0, "name"), ==, "Agus");

  g_assert_false (loket_request_set_value (request, "applicant.name", list, &error));
  g_assert_cmpstr (error->message, ==,
                   "applicant.name: must be a single value (text, a number or true/false).");
  g_clear_error (&error);

  g_assert_false (loket_request_set_value (request, "no.field", number, &error));
  g_assert_cmpstr (error->message, ==, "no.field: unknown field.");
  g_clear_error (&error);

  /* A number typed elsewhere reads back as text. */
  g_assert_true (loket_request_set_value (request, "child.twin_order", number, &error));
  g_assert_cmpstr (loket_request_get_text (request, "child.twin_order"), ==, "2");
  g_assert_true (loket_request_set_value (request, "child.twin_order", NULL, &error));
  g_assert_null (loket_request_get_text (request, "child.twin_order"));
}

static void
test_clear (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  guint changed = 0;

  loket_request_set_life_event (request, "newborn");
  loket_request_set_text (request, "applicant.name", "Siti Aminah");
  loket_request_add_group_entry (request, "family.members");
  loket_request_set_group_text (request, "family.members", 0, "name", "Agus");
  loket_request_set_consent (request, "civil", TRUE);
  g_signal_connect (request, "questions-changed", G_CALLBACK (count_emission), &changed);

  loket_request_clear (request);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_null (loket_request_get_text (request, "applicant.name"));
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "family.members"), ==, 0);
  g_assert_null (loket_request_get_life_event (request));
  services = loket_request_get_services (request);
  g_assert_cmpuint (services->len, ==, 0);
  sections = loket_request_get_sections (request);
  g_assert_cmpuint (sections->len, ==, 0);
  g_assert_false (loket_request_get_consent (request, "civil"));
  g_assert_false (loket_request_is_complete (request));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/merge/fields-once", test_merge_fields_once);
  g_test_add_func ("/request/merge/when", test_merge_when);
  g_test_add_func ("/request/merge/required-if-any", test_merge_required_if_any);
  g_test_add_func ("/request/merge/outputs", test_merge_outputs);
  g_test_add_func ("/request/merge/life-event", test_merge_life_event);
  g_test_add_func ("/request/validate/errors", test_validate_errors);
  g_test_add_func ("/request/validate/warnings", test_validate_warnings);
  g_test_add_func ("/request/validate/same-nik", test_validate_same_nik);
  g_test_add_func ("/request/groups", test_groups);
  g_test_add_func ("/request/set-value-shapes", test_set_value_shapes);
  g_test_add_func ("/request/clear", test_clear);

  return g_test_run ();
}
