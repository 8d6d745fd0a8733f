/* test-consent.c — the consent record: the summary per agency (by section, each datum once,
 * a question where the basis is consent), the SHA-256 of the words shown and of the itemised
 * text in every part, and details_opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "request-test.h"

#define TRACKING_CODE "7K3M9Q2X4W8R5"

/* The birth certificate (by law), the KIA and the insurance (both with consent; they take the
 * child's NIK from the birth certificate's outputs), filled in. */
static LoketRequest *
birth_with_kia (LoketCatalog *catalog)
{
  LoketRequest *request = request_test_new (catalog);

  g_assert_true (loket_request_add_service (request, "birth"));
  g_assert_true (loket_request_add_service (request, "kia"));
  g_assert_true (loket_request_add_service (request, "insurance"));
  loket_request_set_text (request, "applicant.nik", "3273014101900001");
  loket_request_set_text (request, "applicant.name", "Siti Aminah");
  loket_request_set_text (request, "applicant.phone", "0812 3456 7890");
  loket_request_set_text (request, "child.name", "Budi");
  request_test_set_bool (request, "child.is_twin", FALSE);
  loket_request_set_text (request, "mother.nik", "3273015203920002");
  g_assert_true (loket_request_is_complete (request));

  return request;
}

static void
grant_all (LoketRequest *request)
{
  g_autoptr(GPtrArray) agencies = loket_request_get_agencies (request);

  for (guint i = 0; i < agencies->len; i++)
    loket_request_set_consent (request,
                               ((const LoketAgency *) g_ptr_array_index (agencies, i))->id,
                               TRUE);
}

/* What a consent page shows, as it lays it out: one label per line, read back in order. */
static char *
shown_text (LoketRequest *request,
            const char   *agency)
{
  g_autoptr(GPtrArray) lines = loket_request_consent_summary (request, agency);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_assert_nonnull (lines);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (labels, ((LoketConsentLine *) g_ptr_array_index (lines, i))->text);
  g_ptr_array_add (labels, NULL);
  return g_strjoinv ("\n", (char **) labels->pdata);
}

static JsonObject *
consent_of (LoketPart  *part,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (part->body, NULL),
                              g_bytes_get_size (part->body), &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "consent");
}

/* The summary: by section, each datum once though both services receive "Your NIK"; why for
 * the birth certificate; a question for the KIA, whose basis is consent. */
static void
test_consent_summary (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = birth_with_kia (catalog);
  g_autoptr(GPtrArray) lines = loket_request_consent_summary (request, "civil");
  g_autoptr(GPtrArray) health = loket_request_consent_summary (request, "health");
  g_autofree char *summary = loket_consent_summary_text (lines);
  const LoketConsentLine *last = g_ptr_array_index (lines, lines->len - 1);

  g_assert_cmpstr (summary, ==,
                   "Civil receives:\n"
                   "About you: Your NIK, Your name, Your phone number\n"
                   "The child: Child's name, Is the child a twin?, Child's NIK\n"
                   "The mother: Mother's NIK\n"
                   "By law, Civil must collect these data for “Birth certificate”.\n"
                   "“Child identity card” is your choice: it is sent only if you say yes.");
  g_assert_cmpint (((LoketConsentLine *) g_ptr_array_index (lines, 0))->kind, ==,
                   LOKET_CONSENT_LINE_LEAD);
  g_assert_cmpint (last->kind, ==, LOKET_CONSENT_LINE_QUESTION);
  g_assert_cmpstr (last->service->id, ==, "kia");

  /* An agency that receives only with consent: a question, and no basis line to
   * acknowledge. */
  for (guint i = 0; i < health->len; i++)
    g_assert_cmpint (((LoketConsentLine *) g_ptr_array_index (health, i))->kind, !=,
                     LOKET_CONSENT_LINE_BASIS);
  last = g_ptr_array_index (health, health->len - 1);
  g_assert_cmpint (last->kind, ==, LOKET_CONSENT_LINE_QUESTION);
  g_assert_cmpstr (last->service->id, ==, "insurance");
  g_assert_null (loket_request_consent_summary (request, "tax"));
}

/* Each part's text_sha256 is the SHA-256 of the words shown, recomputed here from the
 * summary's lines; details_text_sha256 that of the itemised text; both the same in every part
 * of an agency, and consent void when either would change. */
static void
test_consent_hashes (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = birth_with_kia (catalog);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  guint civil_parts = 0;

  grant_all (request);
  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 3);
  for (guint i = 0; i < parts->len; i++)
    {
      LoketPart *part = g_ptr_array_index (parts, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *consent = consent_of (part, parser);
      g_autofree char *shown = shown_text (request, part->agency);
      g_autofree char *details = loket_request_consent_text (request, part->agency);
      g_autofree char *shown_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, shown,
                                                                     -1);
      g_autofree char *details_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                       details, -1);

      g_assert_cmpstr (json_object_get_string_member (consent, "text_sha256"), ==,
                       shown_sha256);
      g_assert_cmpstr (json_object_get_string_member (consent, "details_text_sha256"), ==,
                       details_sha256);
      g_assert_cmpstr (shown_sha256, !=, details_sha256);
      g_assert_false (json_object_get_boolean_member (consent, "details_opened"));
      civil_parts += g_str_equal (part->agency, "civil");
    }
  g_assert_cmpuint (civil_parts, ==, 2);

  /* A new answer changes what the civil registry would receive (the father's NIK, in the
   * summary and the itemised text): its consent is void, the other agency's stands. */
  loket_request_set_text (request, "father.nik", "3273010505850003");
  g_assert_false (loket_request_get_consent (request, "civil"));
  g_assert_true (loket_request_get_consent (request, "health"));
}

/* details_opened: FALSE until the citizen opens the itemised text, then TRUE in every part of
 * that agency (and only that agency), whatever answers follow; gone with the agency. */
static void
test_consent_details_opened (void)
{
  g_autoptr(LoketCatalog) catalog = request_test_catalog ();
  g_autoptr(LoketRequest) request = birth_with_kia (catalog);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (loket_request_get_consent_details_opened (request, "civil"));
  loket_request_set_consent_details_opened (request, "civil");
  g_assert_true (loket_request_get_consent_details_opened (request, "civil"));
  /* Opening is no answer. */
  g_assert_false (loket_request_get_consent (request, "civil"));
  grant_all (request);
  loket_request_set_consent (request, "civil", FALSE);
  loket_request_set_consent (request, "civil", TRUE);
  g_assert_true (loket_request_get_consent_details_opened (request, "civil"));
  g_assert_false (loket_request_get_consent_details_opened (request, "health"));

  parts = loket_request_split (request, TRACKING_CODE, now, "kiosk-07", "MPP Bandung", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < parts->len; i++)
    {
      LoketPart *part = g_ptr_array_index (parts, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *consent = consent_of (part, parser);

      g_assert_true (json_object_get_boolean_member (consent, "details_opened")
                     == g_str_equal (part->agency, "civil"));
    }

  g_assert_true (loket_request_remove_agency (request, "civil"));
  g_assert_false (loket_request_get_consent_details_opened (request, "civil"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/consent/summary", test_consent_summary);
  g_test_add_func ("/consent/hashes", test_consent_hashes);
  g_test_add_func ("/consent/details-opened", test_consent_details_opened);

  return g_test_run ();
}
