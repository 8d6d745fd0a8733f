/* test-split.c — a combined request split into parts: data minimisation, conditions, consent,
 * verification, prerequisites' outputs, `loketctl submit`'s JSON, and every service of the
 * shipped catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "core/loket-validate.h"
#include "request-test.h"

#define TRACKING_CODE "7K3M9Q2X4W8R5"

static GDateTime *
at (int hour,
    int minute)
{
  g_autoptr(GTimeZone) jakarta = g_time_zone_new_identifier ("+07:00");

  return g_date_time_new (jakarta, 2025, 6, 15, hour, minute, 0);
}

/* The SHA-256 of what the consent page shows for the agency, recomputed here from the
 * summary's lines as the page lays them out (one label each, joined by newlines). */
static char *
consent_sha256 (LoketRequest *request,
                const char   *agency)
{
  g_autoptr(GPtrArray) lines = loket_request_consent_summary (request, agency);
  g_autoptr(GString) shown = g_string_new (NULL);

  g_assert_nonnull (lines);
  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (shown, '\n');
      g_string_append (shown, ((LoketConsentLine *) g_ptr_array_index (lines, i))->text);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, shown->str, -1);
}

/* The SHA-256 of the itemised text ("Show every item"). */
static char *
details_sha256 (LoketRequest *request,
                const char   *agency)
{
  g_autofree char *text = loket_request_consent_text (request, agency);

  g_assert_nonnull (text);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The body with its random part id and its consent hash checked, then replaced by "@", so
 * the rest compares as exact text. */
static char *
body_of (LoketRequest *request,
         LoketPart    *part,
         GBytes       *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = consent_sha256 (request, part->agency);
  g_autofree char *details = details_sha256 (request, part->agency);
  JsonObject *root;
  JsonObject *consent;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  g_assert_true (json_parser_load_from_data (parser, data, length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "part_id"), ==, part->part_id);
  g_assert_true (g_uuid_string_is_valid (part->part_id));
  consent = json_object_get_object_member (root, "consent");
  g_assert_cmpstr (json_object_get_string_member (consent, "text_sha256"), ==, sha256);
  g_assert_cmpstr (json_object_get_string_member (consent, "details_text_sha256"), ==, details);
  g_assert_cmpstr (sha256, !=, details);

  json_object_set_string_member (root, "part_id", "@");
  json_object_set_string_member (consent, "text_sha256", "@");
  json_object_set_string_member (consent, "details_text_sha256", "@");
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static char *
field_ids_of (LoketPart *part)
{
  return g_strjoinv (" ", part->field_ids);
}

/* Birth certificate, insurance (which takes the child's NIK from the birth certificate) and
 * school enrolment (which asks it), filled in on the screens. */
static LoketRequest *
three_services (LoketCatalog *catalog)
{
  LoketRequest *request = request_test_new (catalog);

  loket_request_add_service (request, "birth");
  loket_request_add_service (request, "insurance");
  loket_request_add_service (request, "school");
  loket_request_set_text (request, "applicant.nik", "3273014101900001");
  loket_request_set_text (request, "applicant.name", " Siti  Aminah ");
  loket_request_set_text (request, "applicant.phone", "0812 3456 7890");
  loket_request_set_text (request, "child.name", "Budi");
  request_test_set_bool (request, "child.is_twin", TRUE);
  loket_request_set_text (request, "child.twin_order", "2");
  request_test_set_bool (request, "child.is_twin", FALSE);   /* twin_order: hidden, kept */
  loket_request_set_text (request, "child.nik", "3273010101250003");
  loket_request_set_text (request, "mother.nik", "3273015203920002");
  g_assert_true (loket_request_is_complete (request));

  return request;
}

static void
grant_all (LoketRequest *request)
{
  g_autoptr(GPtrArray) agencies = loket_request_get_agencies (request);
  g_autoptr(GDateTime) granted = at (10, 0);

  for (guint i = 0; i < agencies->len; i++)
    loket_request_set_consent_full (request,
                                    ((const LoketAgency *) g_ptr_array_index (agencies, i))->id,
                                    TRUE, granted);
}

static void
test_split_minimisation (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = three_services (catalog);
  g_autoptr(GDateTime) now = at (10, 5);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *insurance = NULL;
  g_autofree char *school = NULL;
  g_autofree char *insurance_fields = NULL;
  LoketPart *part;

  grant_all (request);
  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 3);

  /* A counter service: verification pending; no prerequisite; twin order hidden, the
   * father's NIK empty: neither is sent. */
  part = g_ptr_array_index (parts, 0);
  g_assert_cmpstr (part->service, ==, "birth");
  g_assert_cmpstr (part->agency, ==, "civil");
  g_assert_null (part->after);
  g_assert_null (part->inputs);
  g_assert_false (loket_part_needs_outputs (part));
  birth = body_of (request, part, part->body);
  g_assert_cmpstr (birth, ==,
                   "{\"protocol\":\"loket-agency/1\",\"tracking_code\":\"7K3M9Q2X4W8R5\","
                   "\"part_id\":\"@\",\"service\":\"birth\","
                   "\"submitted_at\":\"2025-06-15T10:05:00+07:00\",\"language\":\"id\","
                   "\"kiosk\":{\"id\":\"kiosk-07\",\"site\":\"MPP Bandung\"},"
                   "\"verification\":\"pending\","
                   "\"consent\":{\"basis\":\"legal_obligation\","
                   "\"granted_at\":\"2025-06-15T10:00:00+07:00\",\"text_sha256\":\"@\",\"details_text_sha256\":\"@\",\"details_opened\":false,"
                   "\"fields\":[\"applicant.nik\",\"applicant.name\",\"applicant.phone\","
                   "\"child.name\",\"child.is_twin\",\"mother.nik\"]},"
                   "\"data\":{\"applicant.nik\":\"3273014101900001\","
                   "\"applicant.name\":\"Siti Aminah\",\"applicant.phone\":\"+6281234567890\","
                   "\"child.name\":\"Budi\",\"child.is_twin\":false,"
                   "\"mother.nik\":\"3273015203920002\"}}");

  /* The dependant: the child's NIK is listed, but comes from the birth certificate's answer,
   * even though the school asked the citizen for it. */
  part = g_ptr_array_index (parts, 1);
  g_assert_cmpstr (part->service, ==, "insurance");
  g_assert_cmpstr (part->after, ==, "birth");
  g_assert_true (loket_part_needs_outputs (part));
  g_assert_cmpstr (json_object_get_string_member (part->inputs, "child.nik"), ==, "child_nik");
  g_assert_cmpuint (json_object_get_size (part->inputs), ==, 1);
  insurance_fields = field_ids_of (part);
  g_assert_cmpstr (insurance_fields, ==,
                   "applicant.nik applicant.name applicant.phone child.nik child.name");
  insurance = body_of (request, part, part->body);
  g_assert_cmpstr (insurance, ==,
                   "{\"protocol\":\"loket-agency/1\",\"tracking_code\":\"7K3M9Q2X4W8R5\","
                   "\"part_id\":\"@\",\"service\":\"insurance\","
                   "\"submitted_at\":\"2025-06-15T10:05:00+07:00\",\"language\":\"id\","
                   "\"kiosk\":{\"id\":\"kiosk-07\",\"site\":\"MPP Bandung\"},"
                   "\"verification\":\"none\","
                   "\"consent\":{\"basis\":\"consent\","
                   "\"granted_at\":\"2025-06-15T10:00:00+07:00\",\"text_sha256\":\"@\",\"details_text_sha256\":\"@\",\"details_opened\":false,"
                   "\"fields\":[\"applicant.nik\",\"applicant.name\",\"applicant.phone\","
                   "\"child.nik\",\"child.name\"]},"
                   "\"data\":{\"applicant.nik\":\"3273014101900001\","
                   "\"applicant.name\":\"Siti Aminah\",\"applicant.phone\":\"+6281234567890\","
                   "\"child.name\":\"Budi\"}}");

  /* Its own fields only: no NIK of the applicant, no mother, no phone. */
  part = g_ptr_array_index (parts, 2);
  g_assert_cmpstr (part->service, ==, "school");
  school = body_of (request, part, part->body);
  g_assert_cmpstr (school, ==,
                   "{\"protocol\":\"loket-agency/1\",\"tracking_code\":\"7K3M9Q2X4W8R5\","
                   "\"part_id\":\"@\",\"service\":\"school\","
                   "\"submitted_at\":\"2025-06-15T10:05:00+07:00\",\"language\":\"id\","
                   "\"kiosk\":{\"id\":\"kiosk-07\",\"site\":\"MPP Bandung\"},"
                   "\"verification\":\"none\","
                   "\"consent\":{\"basis\":\"public_task\","
                   "\"granted_at\":\"2025-06-15T10:00:00+07:00\",\"text_sha256\":\"@\",\"details_text_sha256\":\"@\",\"details_opened\":false,"
                   "\"fields\":[\"applicant.name\",\"child.nik\",\"child.name\","
                   "\"child.is_twin\"]},"
                   "\"data\":{\"applicant.name\":\"Siti Aminah\","
                   "\"child.nik\":\"3273010101250003\","
                   "\"child.name\":\"Budi\",\"child.is_twin\":false}}");

  /* Every part its own idempotency key. */
  g_assert_cmpstr (((LoketPart *) g_ptr_array_index (parts, 0))->part_id, !=,
                   ((LoketPart *) g_ptr_array_index (parts, 1))->part_id);
}

static void
test_split_conditional_shown (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = three_services (catalog);
  g_autoptr(GDateTime) now = at (10, 5);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *school = NULL;

  /* Switched back: the kept answer counts again, for both services that declare it. */
  request_test_set_bool (request, "child.is_twin", TRUE);
  g_assert_cmpstr (loket_request_get_text (request, "child.twin_order"), ==, "2");
  grant_all (request);
  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_no_error (error);

  birth = field_ids_of (g_ptr_array_index (parts, 0));
  g_assert_cmpstr (birth, ==, "applicant.nik applicant.name applicant.phone child.name "
                              "child.is_twin child.twin_order mother.nik");
  school = field_ids_of (g_ptr_array_index (parts, 2));
  g_assert_cmpstr (school, ==,
                   "applicant.name child.nik child.name child.is_twin child.twin_order");
}

static void
test_complete_body (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = three_services (catalog);
  g_autoptr(GDateTime) now = at (10, 5);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) outputs = json_object_new ();
  g_autoptr(JsonObject) wrong = json_object_new ();
  g_autoptr(GBytes) completed = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) same = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("{\"data\":", 8);
  static const char * const damaged[] = {
    "", "[]", "{}", "{\"consent\":[],\"data\":{}}", "{\"consent\":{\"fields\":{}},\"data\":{}}",
    "{\"consent\":{\"fields\":[1]},\"data\":{}}", "{\"consent\":{\"fields\":[]},\"data\":3}",
  };
  g_autoptr(GBytes) broken = NULL;
  g_autofree char *text = NULL;
  LoketPart *insurance;
  LoketPart *birth;

  grant_all (request);
  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_no_error (error);
  birth = g_ptr_array_index (parts, 0);
  insurance = g_ptr_array_index (parts, 1);

  json_object_set_string_member (outputs, "child_nik", "3273010101250009");
  json_object_set_string_member (outputs, "certificate", "AL.123");
  completed = loket_part_complete_body (insurance, outputs, &error);
  g_assert_no_error (error);
  text = body_of (request, insurance, completed);
  g_assert_cmpstr (text, ==,
                   "{\"protocol\":\"loket-agency/1\",\"tracking_code\":\"7K3M9Q2X4W8R5\","
                   "\"part_id\":\"@\",\"service\":\"insurance\","
                   "\"submitted_at\":\"2025-06-15T10:05:00+07:00\",\"language\":\"id\","
                   "\"kiosk\":{\"id\":\"kiosk-07\",\"site\":\"MPP Bandung\"},"
                   "\"verification\":\"none\","
                   "\"consent\":{\"basis\":\"consent\","
                   "\"granted_at\":\"2025-06-15T10:00:00+07:00\",\"text_sha256\":\"@\",\"details_text_sha256\":\"@\",\"details_opened\":false,"
                   "\"fields\":[\"applicant.nik\",\"applicant.name\",\"applicant.phone\","
                   "\"child.nik\",\"child.name\"]},"
                   "\"data\":{\"applicant.nik\":\"3273014101900001\","
                   "\"applicant.name\":\"Siti Aminah\",\"applicant.phone\":\"+6281234567890\","
                   "\"child.nik\":\"3273010101250009\",\"child.name\":\"Budi\"}}");

  /* The outbox keeps body and inputs, not the part: the same bytes from those. */
  again = loket_part_body_fill_inputs (insurance->body, insurance->inputs, outputs, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (again, completed));

  /* A part that waits for nothing keeps its bytes. */
  same = loket_part_complete_body (birth, outputs, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (same, birth->body));

  json_object_set_string_member (wrong, "nib", "x");
  missing = loket_part_complete_body (insurance, wrong, &error);
  g_assert_null (missing);
  g_assert_error (error, LOKET_PART_ERROR, LOKET_PART_ERROR_OUTPUTS);
  g_assert_cmpstr (error->message, ==,
                   "The prerequisite's answer lacks the output 'child_nik' this part needs.");
  g_clear_error (&error);

  broken = loket_part_body_fill_inputs (garbage, insurance->inputs, outputs, &error);
  g_assert_null (broken);
  g_assert_error (error, LOKET_PART_ERROR, LOKET_PART_ERROR_BODY);
  g_assert_cmpstr (error->message, ==,
                   "The stored body of this part is not a Loket agency protocol body.");
  g_clear_error (&error);

  /* Damaged in other ways: refused the same, without a warning on the way. */
  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (damaged[i], strlen (damaged[i]));
      g_autoptr(GBytes) none = loket_part_body_fill_inputs (bytes, insurance->inputs, outputs,
                                                            &error);

      g_assert_null (none);
      g_assert_error (error, LOKET_PART_ERROR, LOKET_PART_ERROR_BODY);
      g_clear_error (&error);
    }
}

static void
test_consent (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = three_services (catalog);
  g_autoptr(GDateTime) now = at (10, 5);
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) civil = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) after_removal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sha256 = NULL;
  const LoketConsentService *kia;

  g_assert_true (loket_request_add_service (request, "kia"));
  agencies = loket_request_get_agencies (request);
  g_assert_cmpuint (agencies->len, ==, 3);
  g_assert_cmpstr (((const LoketAgency *) g_ptr_array_index (agencies, 0))->id, ==, "civil");
  g_assert_cmpstr (((const LoketAgency *) g_ptr_array_index (agencies, 1))->id, ==, "health");
  g_assert_cmpstr (((const LoketAgency *) g_ptr_array_index (agencies, 2))->id, ==, "school");

  civil = loket_request_get_consent_fields (request, "civil");
  g_assert_cmpuint (civil->len, ==, 2);
  kia = g_ptr_array_index (civil, 1);
  g_assert_cmpstr (kia->service->id, ==, "kia");
  g_assert_cmpint (kia->basis, ==, LOKET_LEGAL_BASIS_CONSENT);
  g_assert_cmpuint (kia->fields->len, ==, 3);
  g_assert_cmpuint (kia->from_outputs->len, ==, 1);
  g_assert_cmpstr (((const LoketField *) g_ptr_array_index (kia->from_outputs, 0))->id, ==,
                   "child.nik");

  text = loket_request_consent_text (request, "civil");
  g_assert_cmpstr (text, ==,
                   "Civil Registry will receive these data from you:\n"
                   "\n"
                   "For “Birth certificate”, because the law requires it:\n"
                   "• Your NIK\n"
                   "• Your name\n"
                   "• Your phone number\n"
                   "• Child's name\n"
                   "• Is the child a twin?\n"
                   "• Mother's NIK\n"
                   "\n"
                   "For “Child identity card”, with your consent:\n"
                   "• Your NIK\n"
                   "• Child's NIK (from the result of “Birth certificate”)\n"
                   "• Child's name");
  g_assert_null (loket_request_consent_text (request, "tax"));

  grant_all (request);
  g_assert_true (loket_request_get_consent (request, "civil"));

  /* What the citizen agreed to no longer matches what would be sent: ask again. */
  loket_request_set_text (request, "father.nik", "3273010505850003");
  g_assert_false (loket_request_get_consent (request, "civil"));
  g_assert_true (loket_request_get_consent (request, "health"));
  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_null (parts);
  g_assert_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_CONSENT);
  g_assert_cmpstr (error->message, ==,
                   "Civil has no consent for the data it would receive: ask for consent again, "
                   "or remove its services.");
  g_clear_error (&error);

  loket_request_set_consent (request, "civil", TRUE);
  g_assert_true (loket_request_get_consent (request, "civil"));
  loket_request_set_consent (request, "civil", FALSE);
  g_assert_false (loket_request_get_consent (request, "civil"));

  /* Refused: its services go, and the insurance then asks... nothing new: the school already
   * asked the child's NIK, so the form does not change; the birth certificate is gone. */
  g_assert_true (loket_request_remove_agency (request, "civil"));
  g_assert_false (loket_request_has_service (request, "birth"));
  g_assert_false (loket_request_has_service (request, "kia"));
  after_removal = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung",
                                       &error);
  g_assert_null (after_removal);
  /* The insurance's consent text changed (the NIK is now the citizen's answer). */
  g_assert_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_CONSENT);
  g_clear_error (&error);
  grant_all (request);
  g_clear_pointer (&after_removal, g_ptr_array_unref);
  after_removal = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung",
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_removal->len, ==, 2);
  g_assert_null (((LoketPart *) g_ptr_array_index (after_removal, 0))->after);
  sha256 = field_ids_of (g_ptr_array_index (after_removal, 0));
  g_assert_cmpstr (sha256, ==, "applicant.nik applicant.name applicant.phone child.nik child.name");
}

static void
test_split_refused (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autoptr(GDateTime) now = at (10, 5);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;

  loket_request_add_service (request, "birth");
  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_null (parts);
  g_assert_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==,
                   "The request is not complete: some answers are missing or need checking.");
}

static void
test_split_group (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = request_test_new (catalog);
  g_autoptr(GDateTime) now = at (10, 5);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tax = NULL;

  loket_request_add_service (request, "tax");
  loket_request_set_text (request, "applicant.nik", "3273014101900001");
  loket_request_set_text (request, "applicant.name", "Siti Aminah");
  loket_request_set_text (request, "applicant.birth_date", "1990-01-01");
  loket_request_add_group_entry (request, "family.members");
  loket_request_set_group_text (request, "family.members", 0, "nik", "3273010505850003");
  loket_request_set_group_text (request, "family.members", 0, "name", "Agus");
  loket_request_set_group_text (request, "family.members", 0, "sex", "male");
  grant_all (request);

  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "", &error);
  g_assert_no_error (error);
  tax = body_of (request, g_ptr_array_index (parts, 0),
                 ((LoketPart *) g_ptr_array_index (parts, 0))->body);
  g_assert_cmpstr (tax, ==,
                   "{\"protocol\":\"loket-agency/1\",\"tracking_code\":\"7K3M9Q2X4W8R5\","
                   "\"part_id\":\"@\",\"service\":\"tax\","
                   "\"submitted_at\":\"2025-06-15T10:05:00+07:00\",\"language\":\"id\","
                   "\"kiosk\":{\"id\":\"kiosk-07\",\"site\":\"\"},"
                   "\"verification\":\"none\","
                   "\"consent\":{\"basis\":\"public_task\","
                   "\"granted_at\":\"2025-06-15T10:00:00+07:00\",\"text_sha256\":\"@\",\"details_text_sha256\":\"@\",\"details_opened\":false,"
                   "\"fields\":[\"applicant.nik\",\"applicant.name\",\"applicant.birth_date\","
                   "\"family.members\"]},"
                   "\"data\":{\"applicant.nik\":\"3273014101900001\","
                   "\"applicant.name\":\"Siti Aminah\",\"applicant.birth_date\":\"1990-01-01\","
                   "\"family.members\":[{\"nik\":\"3273010505850003\",\"name\":\"Agus\","
                   "\"sex\":\"male\"}]}}");
}

/* ---- loketctl submit's JSON ------------------------------------------------------------ */

static LoketRequest *
from_json (LoketCatalog  *catalog,
           const char    *json,
           GError       **error)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  GDate today;

  g_assert_nonnull (root);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JUNE, 2025);
  return loket_request_new_from_json (catalog, root, &today, error);
}

#define GOOD_DATA \
  "\"applicant.nik\":\"3273014101900001\",\"applicant.name\":\"Siti Aminah\"," \
  "\"applicant.phone\":\"081234567890\",\"child.name\":\"Budi\",\"child.is_twin\":false"

static void
test_json_good (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = NULL;
  g_autoptr(LoketRequest) preselected = NULL;
  g_autoptr(GDateTime) now = at (11, 30);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *insurance = NULL;

  request = from_json (catalog,
                       "{\"language\":\"en\",\"life_event\":\"newborn\","
                       "\"services\":[\"birth\",\"insurance\"],"
                       "\"data\":{" GOOD_DATA ",\"mother.nik\":\"3273014101900001\"},"
                       "\"consent\":{\"civil\":true,\"health\":true},"
                       "\"confirmed_warnings\":[\"same-nik:mother.nik\"]}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_assert_true (loket_request_is_complete (request));
  g_assert_cmpstr (loket_request_get_language (request), ==, "en");
  g_assert_cmpstr (loket_request_get_life_event (request)->id, ==, "newborn");

  /* Consent given in the JSON is given at submission. */
  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 2);
  insurance = body_of (request, g_ptr_array_index (parts, 1),
                       ((LoketPart *) g_ptr_array_index (parts, 1))->body);
  g_assert_cmpstr (insurance, ==,
                   "{\"protocol\":\"loket-agency/1\",\"tracking_code\":\"7K3M9Q2X4W8R5\","
                   "\"part_id\":\"@\",\"service\":\"insurance\","
                   "\"submitted_at\":\"2025-06-15T11:30:00+07:00\",\"language\":\"en\","
                   "\"kiosk\":{\"id\":\"kiosk-07\",\"site\":\"MPP Bandung\"},"
                   "\"verification\":\"none\","
                   "\"consent\":{\"basis\":\"consent\","
                   "\"granted_at\":\"2025-06-15T11:30:00+07:00\",\"text_sha256\":\"@\",\"details_text_sha256\":\"@\",\"details_opened\":false,"
                   "\"fields\":[\"applicant.nik\",\"applicant.name\",\"applicant.phone\","
                   "\"child.nik\",\"child.name\"]},"
                   "\"data\":{\"applicant.nik\":\"3273014101900001\","
                   "\"applicant.name\":\"Siti Aminah\",\"applicant.phone\":\"+6281234567890\","
                   "\"child.name\":\"Budi\"}}");

  /* Without "services", the life event's preselection. */
  preselected = from_json (catalog,
                           "{\"language\":\"id\",\"life_event\":\"newborn\","
                           "\"data\":{" GOOD_DATA ",\"mother.nik\":\"3273015203920002\"},"
                           "\"consent\":{\"civil\":true,\"health\":true}}", &error);
  g_assert_no_error (error);
  g_assert_true (loket_request_has_service (preselected, "birth"));
  g_assert_true (loket_request_has_service (preselected, "insurance"));
  g_assert_false (loket_request_has_service (preselected, "kia"));
}

static void
assert_json_error (LoketCatalog *catalog,
                   const char   *json,
                   const char   *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketRequest) request = from_json (catalog, json, &error);

  g_assert_null (request);
  g_assert_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_json_errors (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();

  assert_json_error (catalog, "[1]", "A request must be a JSON object.");
  assert_json_error (catalog, "{\"data\":[]}",
                     "language: missing; give the citizen's language, e.g. \"id\".\n"
                     "services: choose at least one service.\n"
                     "data: must be an object of field values.");
  assert_json_error (catalog, "{\"language\":\"id\",\"life_event\":\"wedding\",\"services\":{}}",
                     "life_event: unknown life event 'wedding'.\n"
                     "services: must be a list of service ids.\n"
                     "services: choose at least one service.");

  /* Structure, unknown names, data not asked, a validator's message by JSON path, consent
   * for the wrong agencies: all at once. */
  assert_json_error (catalog,
                     "{\"language\":\"xx!\",\"services\":[\"birth\",\"nope\",3],\"extra\":1,"
                     "\"data\":{\"applicant.nik\":\"327301410190000\",\"child.twin_order\":2,"
                     "\"child.nik\":\"3273010101250003\",\"tax.thing\":\"x\","
                     "\"family.members\":[{\"nik\":\"1\"}],\"applicant.name\":\"Siti Aminah\","
                     "\"child.name\":\"Budi\",\"child.is_twin\":false,"
                     "\"mother.nik\":\"3273015203920002\"},"
                     "\"consent\":{\"civil\":true,\"health\":true,\"nowhere\":true},"
                     "\"confirmed_warnings\":[\"nik-sex:applicant\"]}",
                     "extra: unknown member; a request has language, life_event, services, data, "
                     "consent and confirmed_warnings.\n"
                     "language: not a language code such as \"id\" or \"en\".\n"
                     "services[1]: unknown service 'nope'.\n"
                     "services[2]: must be a service id.\n"
                     "data.tax.thing: unknown field.\n"
                     "data.child.twin_order: not asked with these answers (a condition hides it); "
                     "leave it out.\n"
                     "data.child.nik: none of the chosen services asks for this field.\n"
                     "data.family.members: none of the chosen services asks for this field.\n"
                     "confirmed_warnings[0]: no such warning 'nik-sex:applicant'.\n"
                     "data.applicant.nik: A NIK has 16 digits; you typed 15.\n"
                     "consent.health: no chosen service belongs to this agency.\n"
                     "consent.nowhere: unknown agency.");

  /* Outputs fill it; a warning not confirmed; a missing required field; consent refused
   * and missing. */
  assert_json_error (catalog,
                     "{\"language\":\"id\",\"services\":[\"birth\",\"insurance\"],"
                     "\"data\":{\"applicant.nik\":\"3273014101900001\","
                     "\"applicant.phone\":\"081234567890\",\"child.name\":\"Budi\","
                     "\"child.is_twin\":false,\"child.nik\":\"3273010101250003\","
                     "\"mother.nik\":\"3273014101900001\"},"
                     "\"consent\":{\"civil\":false}}",
                     "data.child.nik: filled in from the result of another chosen service; "
                     "leave it out.\n"
                     "data.applicant.name: Please fill this in.\n"
                     "data.mother.nik: This NIK was already entered for “Your NIK”. Check it; if "
                     "it is right, confirm. (warning \"same-nik:mother.nik\": to confirm it, list "
                     "it in confirmed_warnings)\n"
                     "consent.civil: refused; leave out the services of this agency.\n"
                     "consent.health: missing; the citizen must consent to what this agency "
                     "receives.");

  /* Groups: shapes and sub-fields by entry. */
  assert_json_error (catalog,
                     "{\"language\":\"id\",\"services\":[\"tax\"],"
                     "\"data\":{\"applicant.nik\":\"3273014101900001\","
                     "\"applicant.name\":\"Siti Aminah\",\"applicant.birth_date\":\"1990-01-01\","
                     "\"applicant.sex\":[\"female\"],"
                     "\"family.members\":[{\"nik\":\"1234\",\"name\":\"Agus\",\"age\":4},"
                     "{\"nik\":\"3273010505850003\",\"name\":\"Agus\"},{},{}]},"
                     "\"consent\":{\"tax\":\"yes\"}}",
                     "data.applicant.sex: must be a single value (text, a number or true/false).\n"
                     "data.family.members[0].age: unknown sub-field.\n"
                     "data.family.members: Remove entries: at most 3 are allowed.\n"
                     "data.family.members[0].nik: A NIK has 16 digits; you typed 4.\n"
                     "data.family.members[2].nik: Please fill this in.\n"
                     "data.family.members[2].name: Please fill this in.\n"
                     "data.family.members[3].nik: Please fill this in.\n"
                     "data.family.members[3].name: Please fill this in.\n"
                     "consent.tax: must be true or false.");
}

/* ---- every service of the shipped catalog, alone ---------------------------------------- */

static const char * const *
candidates_for (const LoketField *field)
{
  static const char * const text[] = { "Jalan Merdeka 10", "ABCDEFGHIJKLM", "12345",
                                       "9120001234567", NULL };
  static const char * const name[] = { "Siti Aminah", NULL };
  static const char * const nik[] = { "3273014101900001", NULL };
  static const char * const kk[] = { "3273010101200001", NULL };
  static const char * const npwp[] = { "012345678901234", NULL };
  static const char * const date[] = { "2025-06-10", "2025-06-20", "2025-01-15", "2020-03-01",
                                       "1990-01-01", NULL };
  static const char * const phone[] = { "081234567890", NULL };
  static const char * const email[] = { "warga@contoh.id", NULL };
  static const char * const postal[] = { "40111", NULL };
  static const char * const rt[] = { "1", NULL };
  static const char * const number[] = { "1", "12", "300", "3000", "1000000", NULL };
  static const char * const yes_no[] = { "true", NULL };

  switch (field->type)
    {
    case LOKET_FIELD_TYPE_TEXT:
      return text;
    case LOKET_FIELD_TYPE_NAME:
      return name;
    case LOKET_FIELD_TYPE_NIK:
      return nik;
    case LOKET_FIELD_TYPE_KK:
      return kk;
    case LOKET_FIELD_TYPE_NPWP:
      return npwp;
    case LOKET_FIELD_TYPE_DATE:
      return date;
    case LOKET_FIELD_TYPE_PHONE:
      return phone;
    case LOKET_FIELD_TYPE_EMAIL:
      return email;
    case LOKET_FIELD_TYPE_POSTAL_CODE:
      return postal;
    case LOKET_FIELD_TYPE_RT:
    case LOKET_FIELD_TYPE_RW:
      return rt;
    case LOKET_FIELD_TYPE_NUMBER:
      return number;
    case LOKET_FIELD_TYPE_YES_NO:
      return yes_no;
    default:
      return NULL;
    }
}

/* A valid answer for a field, found by trying: the catalog's rules decide, not this test. */
static char *
valid_text (const LoketField *field,
            const GDate      *today,
            const char       *yes_no)
{
  const char * const *candidates = candidates_for (field);

  if (field->type == LOKET_FIELD_TYPE_CHOICE)
    return g_strdup (((const LoketChoice *) g_ptr_array_index (field->choices, 0))->value);
  if (field->type == LOKET_FIELD_TYPE_YES_NO)
    return g_strdup (yes_no);

  for (guint i = 0; candidates != NULL && candidates[i] != NULL; i++)
    {
      g_autoptr(JsonNode) wire = loket_field_normalize_text (field, candidates[i], today, NULL);

      if (wire != NULL)
        return g_strdup (candidates[i]);
    }

  g_error ("No test value for field '%s' of type %s", field->id,
           loket_field_type_to_string (field->type));
}

static void
fill_asked (LoketRequest *request,
            const GDate  *today,
            const char   *yes_no,
            GHashTable   *filled)
{
  LoketCatalog *catalog = loket_request_get_catalog (request);
  GPtrArray *fields = loket_catalog_get_fields (catalog);

  /* Answers may reveal more questions: fill until nothing new is asked. */
  for (guint round = 0; round < 8; round++)
    {
      gboolean more = FALSE;

      for (guint i = 0; i < fields->len; i++)
        {
          const LoketField *field = g_ptr_array_index (fields, i);
          char *text;

          if (g_hash_table_contains (filled, field->id)
              || loket_request_get_field_state (request, field->id) != LOKET_FIELD_STATE_ASKED)
            continue;

          more = TRUE;
          if (field->type == LOKET_FIELD_TYPE_GROUP)
            {
              guint n = field->has_min && field->min > 1 ? (guint) field->min : 1;

              for (guint e = 0; e < n; e++)
                {
                  loket_request_add_group_entry (request, field->id);
                  for (guint k = 0; k < field->fields->len; k++)
                    {
                      const LoketField *sub = g_ptr_array_index (field->fields, k);
                      g_autofree char *sub_text = valid_text (sub, today, yes_no);

                      loket_request_set_group_text (request, field->id, e, sub->id, sub_text);
                    }
                }
              text = g_strdup ("(group)");
            }
          else
            {
              text = valid_text (field, today, yes_no);
              loket_request_set_text (request, field->id, text);
            }
          g_hash_table_insert (filled, g_strdup (field->id), text);
        }

      if (!more)
        break;
    }
}

/* What the service declares that applies with these answers, computed from the catalog
 * alone: every field whose condition holds on the text the test typed. */
static char *
expected_fields (const LoketService *service,
                 LoketRequest       *request)
{
  GString *expected = g_string_new (NULL);

  for (guint i = 0; i < service->fields->len; i++)
    {
      const LoketServiceField *service_field = g_ptr_array_index (service->fields, i);
      g_autoptr(JsonNode) wire = NULL;
      g_autofree char *value = NULL;

      if (service_field->when != NULL)
        {
          wire = loket_request_dup_wire_value (request, service_field->when->field);
          if (wire == NULL)
            continue;
          value = JSON_NODE_HOLDS_VALUE (wire) && json_node_get_value_type (wire) == G_TYPE_BOOLEAN
                  ? g_strdup (json_node_get_boolean (wire) ? "true" : "false")
                  : g_strdup (json_node_get_string (wire));
          if (!g_strv_contains ((const char * const *) service_field->when->values, value))
            continue;
        }

      g_string_append_printf (expected, "%s%s", expected->len > 0 ? " " : "",
                              service_field->field->id);
    }

  return g_string_free (expected, FALSE);
}

static void
test_shipped_catalog (void)
{
  const char *source = g_getenv ("LOKET_SOURCE_DIR");
  g_autofree char *dir = g_build_filename (source != NULL ? source : LOKET_TEST_SRCDIR "/..",
                                           "data", "catalog", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = loket_catalog_load (dir, NULL, &error);
  g_autoptr(GDateTime) now = at (9, 0);
  GPtrArray *services;
  guint checked = 0;

  g_assert_no_error (error);
  services = loket_catalog_get_services (catalog);
  g_assert_cmpuint (services->len, >, 0);

  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);
      static const char * const yes_no[] = { "true", "false" };

      /* Both answers to every yes-no question, so both sides of conditions are sent once. */
      for (guint variant = 0; variant < G_N_ELEMENTS (yes_no); variant++)
        {
          g_autoptr(LoketRequest) request = request_test_new (catalog);
          g_autoptr(GHashTable) filled = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, g_free);
          g_autoptr(GPtrArray) issues = NULL;
          g_autoptr(GPtrArray) parts = NULL;
          g_autofree char *expected = NULL;
          g_autofree char *actual = NULL;
          g_autofree char *data_keys = NULL;
          GDate today;
          LoketPart *part;
          JsonObject *data;
          g_autoptr(JsonNode) body = NULL;
          g_autoptr(GList) members = NULL;
          GString *keys = g_string_new (NULL);

          g_test_message ("service %s, yes-no answers %s", service->id, yes_no[variant]);
          g_date_clear (&today, 1);
          g_date_set_dmy (&today, 15, G_DATE_JUNE, 2025);
          g_assert_true (loket_request_add_service (request, service->id));
          fill_asked (request, &today, yes_no[variant], filled);

          issues = loket_request_get_issues (request, NULL);
          for (guint k = 0; k < issues->len; k++)
            {
              const LoketIssue *issue = g_ptr_array_index (issues, k);

              if (issue->severity == LOKET_ISSUE_ERROR)
                g_error ("%s: %s: %s", service->id, issue->field_id, issue->message);
              g_assert_true (loket_request_confirm_warning (request, issue->warning_id));
            }
          g_assert_true (loket_request_is_complete (request));
          loket_request_set_consent (request, service->agency->id, TRUE);

          parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-01", "Test", &error);
          g_assert_no_error (error);
          g_assert_cmpuint (parts->len, ==, 1);
          part = g_ptr_array_index (parts, 0);
          g_assert_null (part->after);   /* alone: inputs were asked like any field */

          expected = expected_fields (service, request);
          actual = field_ids_of (part);
          g_assert_cmpstr (actual, ==, expected);

          body = json_from_string (g_bytes_get_data (part->body, NULL), &error);
          g_assert_no_error (error);
          data = json_object_get_object_member (json_node_get_object (body), "data");
          members = json_object_get_members (data);
          for (GList *l = members; l != NULL; l = l->next)
            g_string_append_printf (keys, "%s%s", keys->len > 0 ? " " : "", (char *) l->data);
          data_keys = g_string_free (keys, FALSE);
          g_assert_cmpstr (data_keys, ==, expected);
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body),
                                                          "verification"), ==,
                           service->verification == LOKET_VERIFICATION_COUNTER
                           ? "pending" : "none");
          checked++;
        }
    }

  g_test_message ("%u services of the shipped catalog, each alone, twice", checked / 2);
}

/* The consent text is in the citizen's language, catalog strings included: the hash is of
 * exactly what was on the screen. */
static void
test_consent_translated (void)
{
  const char *source = g_getenv ("LOKET_SOURCE_DIR");
  g_autofree char *dir = g_build_filename (source != NULL ? source : LOKET_TEST_SRCDIR "/..",
                                           "data", "catalog", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(LoketRequest) request = NULL;
  g_autofree char *english = NULL;
  g_autofree char *indonesian = NULL;
  const LoketService *kia;
  const char *agency_id;
  const char *name_id;
  const char *title_id;

  if (g_getenv ("LOKET_CATALOG_LOCALEDIR") == NULL)
    {
      g_test_skip ("LOKET_CATALOG_LOCALEDIR is not set: run under meson test, which compiles "
                   "the shipped catalog's translations");
      return;
    }

  catalog = loket_catalog_load (dir, NULL, &error);
  g_assert_no_error (error);
  request = request_test_new (catalog);
  kia = loket_catalog_get_service (catalog, "kia");
  g_assert_nonnull (kia);
  agency_id = kia->agency->id;
  loket_request_add_service (request, "kia");

  loket_i18n_set_language ("en");
  english = loket_request_consent_text (request, agency_id);
  loket_i18n_set_language ("id");
  indonesian = loket_request_consent_text (request, agency_id);
  name_id = g_dgettext (LOKET_CATALOG_DOMAIN, kia->agency->name);
  title_id = g_dgettext (LOKET_CATALOG_DOMAIN, kia->title);
  loket_i18n_set_language ("en");

  g_assert_true (g_str_has_prefix (english, kia->agency->name));
  g_assert_cmpstr (name_id, !=, kia->agency->name);
  g_assert_cmpstr (title_id, !=, kia->title);
  g_assert_true (g_str_has_prefix (indonesian, name_id));
  g_assert_nonnull (strstr (indonesian, title_id));
  g_assert_null (strstr (indonesian, kia->agency->name));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/split/minimisation", test_split_minimisation);
  g_test_add_func ("/split/conditional-shown", test_split_conditional_shown);
  g_test_add_func ("/split/complete-body", test_complete_body);
  g_test_add_func ("/split/consent", test_consent);
  g_test_add_func ("/split/consent-translated", test_consent_translated);
  g_test_add_func ("/split/refused", test_split_refused);
  g_test_add_func ("/split/group", test_split_group);
  g_test_add_func ("/split/json/good", test_json_good);
  g_test_add_func ("/split/json/errors", test_json_errors);
  g_test_add_func ("/split/shipped-catalog", test_shipped_catalog);

  return g_test_run ();
}
