/* test-consent.c — the consent page: each agency's summary and items, the answers by legal
 * basis, leaving out, the consent record, submission
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "loket-consent-card.h"
#include "loket-consent-page.h"
#include "outbox/loket-submission.h"
#include "pages-test.h"
#include "sync-gate.h"

static LoketConsentPage *
consent_page (LoketSession *session)
{
  return g_object_new (LOKET_TYPE_CONSENT_PAGE, "session", session, NULL);
}

/* Turns on every answer the agency needs ("I understand", each "Yes, send it"). */
static void
answer_all (LoketConsentPage *page,
            const char       *agency_id)
{
  g_autoptr(GPtrArray) answers = loket_consent_page_get_answers (page, agency_id);

  g_assert_cmpuint (answers->len, >, 0);
  for (guint i = 0; i < answers->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (answers, i), TRUE);
}

/* The summary as the screen shows it: the card's lines, depth first, joined by newlines. */
static void
collect_lines (GtkWidget *widget,
               GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "loket-consent-line"))
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_lines (child, text);
}

static char *
rendered_summary (LoketConsentPage *page,
                  const char       *agency_id)
{
  GString *text = g_string_new (NULL);

  collect_lines (loket_consent_page_get_summary_box (page, agency_id), text);
  return g_string_free (text, FALSE);
}

/* How many times needle occurs in haystack. */
static guint
count_in (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Per agency a short summary by category, each datum once however many of its services
 * receive it; behind "Show every item" the itemised text, every field of every service. */
static void
test_consent_summary_per_agency (void)
{
  /* Stored at most, never delivered from this page: no simulator. */
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  g_autoptr(GPtrArray) agencies = NULL;
  g_auto(GStrv) shown = NULL;
  LoketConsentPage *page;
  GtkWindow *window;

  pages_fill_request (request, "birth", FALSE);
  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  g_assert_cmpstr (loket_page_get_next_label (LOKET_PAGE (page)), ==, _("Submit"));

  /* One card per agency of the chosen services, in the request's order. */
  agencies = loket_request_get_agencies (request);
  shown = loket_consent_page_dup_agencies (page);
  g_assert_cmpuint (g_strv_length (shown), ==, agencies->len);
  g_assert_cmpuint (agencies->len, ==, 2);

  for (guint i = 0; i < agencies->len; i++)
    {
      const LoketAgency *agency = g_ptr_array_index (agencies, i);
      g_autoptr(GPtrArray) services = loket_request_get_consent_fields (request, agency->id);
      g_autoptr(GPtrArray) lines = loket_request_consent_summary (request, agency->id);
      g_autofree char *expected = loket_request_consent_text (request, agency->id);
      g_autofree char *summary = loket_consent_summary_text (lines);
      g_autofree char *rendered = rendered_summary (page, agency->id);
      const char *text = loket_consent_page_get_text (page, agency->id);
      GtkWidget *details = loket_consent_page_get_details_button (page, agency->id);
      guint categories = 0;

      g_assert_cmpstr (shown[i], ==, agency->id);
      /* On the screen, line by line, exactly the summary that is hashed. */
      g_assert_cmpstr (rendered, ==, summary);
      g_assert_cmpstr (loket_consent_page_get_summary (page, agency->id), ==, summary);
      for (guint j = 0; j < lines->len; j++)
        categories += ((LoketConsentLine *) g_ptr_array_index (lines, j))->kind
                      == LOKET_CONSENT_LINE_CATEGORY;
      g_assert_cmpuint (categories, >, 1);

      /* Each datum once, in the summary, though several services receive "Your NIK"; each
       * service named in the itemised text with every datum it receives. */
      g_assert_cmpuint (services->len, >, g_str_equal (agency->id, "dukcapil") ? 2 : 0);
      for (guint j = 0; j < services->len; j++)
        {
          const LoketConsentService *service = g_ptr_array_index (services, j);

          g_assert_nonnull (strstr (text, C_CATALOG (service->service->title)));
          g_assert_cmpuint (service->fields->len, >, 0);
          for (guint k = 0; k < service->fields->len; k++)
            {
              const LoketField *field = g_ptr_array_index (service->fields, k);
              g_autofree char *line = g_strconcat ("• ", C_CATALOG (field->label), NULL);

              g_assert_nonnull (strstr (text, line));
              g_assert_cmpuint (count_in (summary, C_CATALOG (field->label)), ==, 1);
            }
        }
      g_assert_cmpuint (count_in (summary, C_CATALOG (((LoketField *)
        g_ptr_array_index (((LoketConsentService *) g_ptr_array_index (services, 0))->fields,
                           0))->label)), ==, 1);

      /* The itemised text is exactly what is hashed, and waits behind its button. */
      g_assert_cmpstr (text, ==, expected);
      g_assert_nonnull (details);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (details)), ==, _("Show every item"));
      g_assert_false (ui_test_tree_contains (GTK_WIDGET (page), text, NULL)
                      && gtk_widget_get_mapped (ui_test_find_label (GTK_WIDGET (page), text)));
    }

  /* The categories are the form's sections: "About you" for both agencies. */
  g_assert_nonnull (strstr (loket_consent_page_get_summary (page, "dukcapil"),
                            C_CATALOG ("About you")));
  g_assert_nonnull (strstr (loket_consent_page_get_summary (page, "bpjs-kesehatan"),
                            C_CATALOG ("The child")));
  pages_window_destroy (window);
}

/* Where the basis is consent (KIA) a real yes/no; where the law requires the data, "I
 * understand" and nothing to refuse but the whole agency. */
static void
test_consent_bases (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  g_auto(GStrv) dukcapil = NULL;
  g_auto(GStrv) bpjs = NULL;
  LoketConsentPage *page;
  GtkWindow *window;
  GtkWidget *card;

  pages_fill_request (request, "birth", FALSE);
  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));

  /* Dukcapil: KIA asks; the birth certificate and the family card are acknowledged. */
  dukcapil = loket_consent_page_dup_asked_services (page, "dukcapil");
  g_assert_cmpuint (g_strv_length (dukcapil), ==, 1);
  g_assert_cmpstr (dukcapil[0], ==, "kia");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (loket_consent_page_get_yes (page, "kia"))),
                   ==, _("Yes, send it"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (loket_consent_page_get_no (page, "kia"))),
                   ==, _("No, leave this service out"));
  g_assert_nonnull (loket_consent_page_get_acknowledge (page, "dukcapil"));

  /* BPJS: by law only — "I understand", no yes/no, no "agree", nothing to refuse. */
  bpjs = loket_consent_page_dup_asked_services (page, "bpjs-kesehatan");
  g_assert_cmpuint (g_strv_length (bpjs), ==, 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (loket_consent_page_get_acknowledge (page,
                                                                                  "bpjs-kesehatan"))),
                   ==, _("I understand"));
  card = gtk_widget_get_ancestor (loket_consent_page_get_acknowledge (page, "bpjs-kesehatan"),
                                  LOKET_TYPE_CONSENT_CARD);
  g_assert_null (ui_test_find_button (card, _("No, leave this service out")));
  g_assert_null (ui_test_find_button (card, _("Yes, send it")));
  g_assert_false (ui_test_tree_contains (card, _("agree"), NULL));
  g_assert_nonnull (strstr (loket_consent_page_get_summary (page, "bpjs-kesehatan"),
                            "BPJS"));

  /* Acknowledging alone does not give Dukcapil's consent while KIA is unanswered. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (loket_consent_page_get_acknowledge (page,
                                                                                  "dukcapil")),
                                TRUE);
  g_assert_false (loket_request_get_consent (request, "dukcapil"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (loket_consent_page_get_yes (page, "kia")),
                                TRUE);
  g_assert_true (loket_request_get_consent (request, "dukcapil"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (loket_consent_page_get_acknowledge (page,
                                                                                  "bpjs-kesehatan")),
                                TRUE);
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  pages_window_destroy (window);
}

/* "No, leave this service out" leaves out that one service: the agency's others stay, with
 * the answers already given. */
static void
test_consent_refuse_service (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  g_auto(GStrv) asked = NULL;
  g_auto(GStrv) shown = NULL;
  LoketConsentPage *page;
  GtkWindow *window;
  g_autoptr(GError) error = NULL;

  pages_fill_request (request, "birth", FALSE);
  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  answer_all (page, "bpjs-kesehatan");
  g_assert_true (loket_request_get_consent (request, "bpjs-kesehatan"));

  g_signal_emit_by_name (loket_consent_page_get_no (page, "kia"), "clicked");
  UI_TEST_WAIT_UNTIL (loket_consent_page_get_yes (page, "kia") == NULL, 5000);
  g_assert_false (loket_request_has_service (request, "kia"));
  g_assert_true (loket_request_has_service (request, "birth-certificate"));
  g_assert_true (loket_request_has_service (request, "kk-update"));
  g_assert_true (loket_request_has_service (request, "bpjs-newborn"));
  shown = loket_consent_page_dup_agencies (page);
  g_assert_cmpuint (g_strv_length (shown), ==, 2);
  asked = loket_consent_page_dup_asked_services (page, "dukcapil");
  g_assert_cmpuint (g_strv_length (asked), ==, 0);
  /* Said on the page, with the way back. */
  g_assert_nonnull (loket_consent_page_get_notice (page));
  g_assert_nonnull (strstr (loket_consent_page_get_notice (page), C_CATALOG ("Child identity card (KIA)")));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), loket_consent_page_get_notice (page),
                                        NULL));
  /* BPJS's words did not change: its answer stands. */
  g_assert_true (loket_request_get_consent (request, "bpjs-kesehatan"));
  g_assert_true (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (loket_consent_page_get_acknowledge (page, "bpjs-kesehatan"))));

  answer_all (page, "dukcapil");
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  g_assert_true (pages_apply (LOKET_PAGE (page), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < loket_session_get_parts (env->session)->len; i++)
    g_assert_cmpstr (((LoketPart *) g_ptr_array_index (loket_session_get_parts (env->session),
                                                       i))->service, !=, "kia");
  pages_window_destroy (window);
}

static JsonObject *
part_consent (LoketPart  *part,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (part->body, NULL),
                              g_bytes_get_size (part->body), &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "consent");
}

/* Opening "Show every item" is recorded (details_opened), and each part carries the SHA-256
 * of the words on the screen: the summary's lines and the itemised text. */
static void
test_consent_record (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  g_autofree char *dukcapil_summary = NULL, *bpjs_summary = NULL;
  g_autofree char *dukcapil_details = NULL, *bpjs_details = NULL;
  LoketConsentPage *page;
  GtkWindow *window;
  GtkWidget *details, *text;
  GPtrArray *parts;
  g_autoptr(GError) error = NULL;

  pages_fill_request (request, "birth", FALSE);
  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));

  details = loket_consent_page_get_details_button (page, "dukcapil");
  g_assert_false (loket_request_get_consent_details_opened (request, "dukcapil"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (details), TRUE);
  g_assert_true (loket_request_get_consent_details_opened (request, "dukcapil"));
  g_assert_false (loket_request_get_consent_details_opened (request, "bpjs-kesehatan"));
  /* Open: the itemised text is on the screen, and the button closes it again. */
  text = ui_test_find_label (GTK_WIDGET (page), loket_consent_page_get_text (page, "dukcapil"));
  g_assert_nonnull (text);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (text), 5000);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (details)), ==, _("Hide the items"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (details), FALSE);
  /* Closed again, it was opened all the same. */
  g_assert_true (loket_request_get_consent_details_opened (request, "dukcapil"));

  /* What the test reads on the screen, hashed here. */
  {
    g_autofree char *dukcapil = rendered_summary (page, "dukcapil");
    g_autofree char *bpjs = rendered_summary (page, "bpjs-kesehatan");

    dukcapil_summary = g_compute_checksum_for_string (G_CHECKSUM_SHA256, dukcapil, -1);
    bpjs_summary = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bpjs, -1);
    dukcapil_details = g_compute_checksum_for_string (
      G_CHECKSUM_SHA256, gtk_label_get_text (GTK_LABEL (text)), -1);
    bpjs_details = g_compute_checksum_for_string (
      G_CHECKSUM_SHA256, loket_consent_page_get_text (page, "bpjs-kesehatan"), -1);
  }

  answer_all (page, "dukcapil");
  answer_all (page, "bpjs-kesehatan");
  g_assert_true (pages_apply (LOKET_PAGE (page), &error));
  g_assert_no_error (error);

  parts = loket_session_get_parts (env->session);
  g_assert_cmpuint (parts->len, ==, 4);
  for (guint i = 0; i < parts->len; i++)
    {
      LoketPart *part = g_ptr_array_index (parts, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *consent = part_consent (part, parser);
      gboolean dukcapil = g_str_equal (part->agency, "dukcapil");

      g_assert_cmpstr (json_object_get_string_member (consent, "text_sha256"), ==,
                       dukcapil ? dukcapil_summary : bpjs_summary);
      g_assert_cmpstr (json_object_get_string_member (consent, "details_text_sha256"), ==,
                       dukcapil ? dukcapil_details : bpjs_details);
      g_assert_true (json_object_get_boolean_member (consent, "details_opened") == dukcapil);
      g_assert_cmpstr (json_object_get_string_member (consent, "basis"), ==,
                       g_str_equal (part->service, "kia") ? "consent" : "legal_obligation");
    }
  pages_window_destroy (window);
}

static void
test_consent_answers_and_removal (void)
{
  /* Stored at most, never delivered from this page: no simulator. */
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketConsentPage *page;
  GtkWindow *window;
  GtkWidget *remove, *confirm, *keep;
  g_auto(GStrv) shown = NULL;
  g_autoptr(GError) error = NULL;

  pages_fill_request (request, "birth", FALSE);
  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  g_assert_false (loket_page_get_complete (LOKET_PAGE (page)));

  /* Nothing leaves without an answer for every agency. */
  g_assert_false (pages_apply (LOKET_PAGE (page), &error));
  g_assert_error (error, LOKET_CONSENT_PAGE_ERROR, LOKET_CONSENT_PAGE_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_null (loket_session_get_tracking_code (env->session));

  answer_all (page, "dukcapil");
  g_assert_true (loket_request_get_consent (request, "dukcapil"));
  g_assert_false (loket_page_get_complete (LOKET_PAGE (page)));

  /* "Leave … out": a secondary link, then a confirmation in the card that says what it
   * means, which can be declined. */
  remove = loket_consent_page_get_remove_button (page, "bpjs-kesehatan");
  g_assert_true (gtk_widget_has_css_class (remove, "loket-consent-leave"));
  g_signal_emit_by_name (remove, "clicked");
  confirm = loket_consent_page_get_confirm_remove (page, "bpjs-kesehatan");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (confirm))));
  g_assert_true (ui_test_tree_contains (gtk_widget_get_parent (gtk_widget_get_parent (confirm)),
                                        C_CATALOG ("Health insurance for the newborn"), NULL));
  keep = ui_test_find_button (gtk_widget_get_parent (confirm), _("No, keep them"));
  g_assert_nonnull (keep);
  g_signal_emit_by_name (keep, "clicked");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (confirm))));
  g_assert_true (loket_request_has_service (request, "bpjs-newborn"));

  /* Confirmed: the agency's services leave the request, and its card the page. */
  g_signal_emit_by_name (remove, "clicked");
  g_signal_emit_by_name (confirm, "clicked");
  UI_TEST_WAIT_UNTIL (loket_consent_page_get_text (page, "bpjs-kesehatan") == NULL, 5000);
  g_assert_false (loket_request_has_service (request, "bpjs-newborn"));
  g_assert_true (loket_request_has_service (request, "birth-certificate"));
  g_assert_true (loket_request_has_service (request, "kia"));
  shown = loket_consent_page_dup_agencies (page);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "dukcapil");
  g_assert_null (loket_consent_page_get_text (page, "bpjs-kesehatan"));
  g_assert_nonnull (loket_consent_page_get_notice (page));

  /* The consent text of what is left changed: the answer is asked for again. */
  if (!loket_request_get_consent (request, "dukcapil"))
    answer_all (page, "dukcapil");
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));

  /* Submit: stored durably before the flow goes on. */
  g_assert_true (pages_apply (LOKET_PAGE (page), &error));
  g_assert_no_error (error);
  g_assert_nonnull (loket_session_get_tracking_code (env->session));
  {
    g_autoptr(LoketOutboxRequest) stored =
      loket_outbox_get_request (loket_session_get_outbox (env->session),
                                loket_session_get_tracking_code (env->session), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (stored->parts->len, ==, loket_session_get_parts (env->session)->len);
    for (guint i = 0; i < stored->parts->len; i++)
      g_assert_cmpstr (((LoketOutboxPart *) g_ptr_array_index (stored->parts, i))->agency, ==,
                       "dukcapil");
  }
  pages_window_destroy (window);
}

static void
test_consent_refused (void)
{
  /* Stored at most, never delivered from this page: no simulator. */
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketSession) session = NULL;
  g_autoptr(GError) error = NULL;
  LoketConsentPage *page;
  GtkWindow *window;
  const char *refusal = _("This kiosk is not taking requests right now. Please go to the "
                          "counter.");

  /* A kiosk whose key is gone cannot store personal data: it refuses new requests. */
  g_assert_cmpint (g_unlink (env->key_file), ==, 0);
  config = loket_config_load (env->config_path, &error);
  g_assert_no_error (error);
  session = loket_session_new (config, &error);
  g_assert_no_error (error);
  g_assert_false (loket_session_can_submit (session, NULL));

  pages_fill_request (loket_session_get_request (session), "birth", TRUE);
  page = consent_page (session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  /* Said before the citizen presses Submit, and again when they do. */
  g_assert_cmpstr (loket_consent_page_get_problem (page), ==, refusal);
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  /* Staff find the cause in the journal. */
  g_test_expect_message ("loket-consent-page", G_LOG_LEVEL_WARNING,
                         "A request could not be stored: *");
  g_assert_false (pages_apply (LOKET_PAGE (page), &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, LOKET_CONSENT_PAGE_ERROR, LOKET_CONSENT_PAGE_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, refusal);
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), refusal, NULL));
  g_assert_null (loket_session_get_tracking_code (session));
  pages_window_destroy (window);
}

static gboolean
sync_held (gpointer data)
{
  return sync_gate_get_waiting () > 0;
}

static gboolean
session_idle (gpointer data)
{
  return !loket_session_is_submitting (data);
}

static guint
count_requests (LoketSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = loket_outbox_list_requests (loket_session_get_outbox (session),
                                                              NULL, &error);

  g_assert_no_error (error);
  return requests->len;
}

/* Submit with the disk held mid-fsync: the write runs on another thread, the page says it
 * is working, a second Submit stores nothing, and "submitted" waits for the sync. */
static void
test_consent_stored_off_main_thread (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  PagesApply first = { 0 }, second = { 0 };
  LoketConsentPage *page;
  GtkWindow *window;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  g_assert_false (gtk_widget_get_visible (loket_consent_page_get_status (page)));

  sync_gate_reset_counts ();
  sync_gate_close ();
  loket_page_apply_async (LOKET_PAGE (page), NULL, pages_apply_cb, &first);
  g_assert_true (ui_test_wait_until (sync_held, NULL, 10000));

  /* Mid-write: this thread runs (the test itself is the proof), the page shows it works. */
  g_assert_false (first.done);
  g_assert_true (loket_consent_page_get_busy (page));
  g_assert_true (gtk_widget_get_visible (loket_consent_page_get_status (page)));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), _("Saving your request…"), NULL));
  g_assert_false (gtk_widget_is_sensitive (loket_consent_page_get_acknowledge (page, "dukcapil")));
  g_assert_true (loket_session_is_submitting (env->session));
  g_assert_null (loket_session_get_tracking_code (env->session));

  /* A second press while the first is written: refused at once, nothing more stored. */
  loket_page_apply_async (LOKET_PAGE (page), NULL, pages_apply_cb, &second);
  g_assert_true (ui_test_wait_until (pages_apply_done, &second, 10000));
  g_assert_false (second.ok);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&second.error);
  g_assert_false (first.done);

  sync_gate_open ();
  g_assert_true (ui_test_wait_until (pages_apply_done, &first, 10000));
  g_assert_no_error (first.error);
  g_assert_true (first.ok);
  g_assert_false (loket_consent_page_get_busy (page));
  g_assert_false (gtk_widget_get_visible (loket_consent_page_get_status (page)));
  g_assert_true (gtk_widget_is_sensitive (loket_consent_page_get_acknowledge (page, "dukcapil")));
  g_assert_nonnull (loket_session_get_tracking_code (env->session));
  g_assert_cmpuint (count_requests (env->session), ==, 1);

  /* The commit synced, and never on the screens' thread. */
  g_assert_cmpuint (sync_gate_get_syncs (), >, 0);
  g_assert_cmpuint (sync_gate_get_main_syncs (), ==, 0);
  pages_window_destroy (window);
}

/* The idle wipe while the disk is held: the page goes, the session is reset; the write
 * commits whole and stays in the outbox for delivery, but not in the next citizen's
 * session. */
static void
test_consent_wiped_mid_write (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  PagesApply apply = { 0 };
  LoketConsentPage *page;
  GtkWindow *window;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(LoketSubmission) expected = NULL;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  expected = loket_submission_prepare (env->config, loket_session_get_request (env->session),
                                       &error);
  g_assert_no_error (error);
  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));

  sync_gate_close ();
  loket_page_apply_async (LOKET_PAGE (page), NULL, pages_apply_cb, &apply);
  g_assert_true (ui_test_wait_until (sync_held, NULL, 10000));

  /* As loket_window_restart () does: pages reset and destroyed, then the session. */
  loket_page_reset (LOKET_PAGE (page));
  pages_window_destroy (window);
  loket_session_reset (env->session);

  sync_gate_open ();
  g_assert_true (ui_test_wait_until (session_idle, env->session, 10000));
  g_assert_true (ui_test_wait_until (pages_apply_done, &apply, 10000));
  g_assert_error (apply.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&apply.error);

  g_assert_null (loket_session_get_tracking_code (env->session));
  g_assert_null (loket_session_get_parts (env->session));
  requests = loket_outbox_list_requests (loket_session_get_outbox (env->session), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);
  {
    LoketOutboxRequest *stored = g_ptr_array_index (requests, 0);
    g_autoptr(LoketOutboxRequest) full =
      loket_outbox_get_request (loket_session_get_outbox (env->session), stored->tracking_code,
                                &error);

    g_assert_no_error (error);
    /* Whole: every part of the request. */
    g_assert_cmpuint (full->parts->len, ==, loket_submission_get_parts (expected)->len);
    g_assert_cmpuint (full->parts->len, >, 1);
  }
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PagesApply *apply = user_data;
  g_autofree char *code = loket_session_submit_finish (LOKET_SESSION (source), result, NULL,
                                                       &apply->error);

  apply->ok = code != NULL;
  apply->done = TRUE;
}

/* Cancelled before the write began: nothing is stored. A disk that fails the sync: the
 * error reaches the page as the refusal it was before. */
static void
test_consent_cancelled_and_failed (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PagesApply submit = { 0 }, apply = { 0 };
  const char *refusal = _("This kiosk is not taking requests right now. Please go to the "
                          "counter.");
  LoketConsentPage *page;
  GtkWindow *window;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  g_cancellable_cancel (cancellable);
  loket_session_submit_async (env->session, cancellable, submitted_cb, &submit);
  g_assert_true (ui_test_wait_until (pages_apply_done, &submit, 10000));
  g_assert_error (submit.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&submit.error);
  g_assert_false (loket_session_is_submitting (env->session));
  g_assert_cmpuint (count_requests (env->session), ==, 0);

  page = consent_page (env->session);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  loket_session_set_recheck_interval_ms (env->session, 100);
  sync_gate_fail_next ();
  g_test_expect_message ("loket-consent-page", G_LOG_LEVEL_WARNING,
                         "A request could not be stored: *");
  loket_page_apply_async (LOKET_PAGE (page), NULL, pages_apply_cb, &apply);
  g_assert_true (ui_test_wait_until (pages_apply_done, &apply, 10000));
  g_test_assert_expected_messages ();
  g_assert_false (apply.ok);
  g_assert_error (apply.error, LOKET_CONSENT_PAGE_ERROR, LOKET_CONSENT_PAGE_ERROR_REFUSED);
  g_clear_error (&apply.error);
  g_assert_cmpstr (loket_consent_page_get_problem (page), ==, refusal);
  g_assert_false (loket_consent_page_get_busy (page));
  g_assert_null (loket_session_get_tracking_code (env->session));

  /* A disk that failed takes the kiosk out of service until its recheck finds the disk
   * writable again; then the next Submit is stored. */
  g_assert_false (loket_session_can_submit (env->session, NULL));
  UI_TEST_WAIT_UNTIL (loket_session_can_submit (env->session, NULL), 10000);
  apply = (PagesApply) { 0 };
  loket_page_apply_async (LOKET_PAGE (page), NULL, pages_apply_cb, &apply);
  g_assert_true (ui_test_wait_until (pages_apply_done, &apply, 10000));
  g_assert_no_error (apply.error);
  g_assert_true (apply.ok);
  g_assert_null (loket_consent_page_get_problem (page));
  g_assert_nonnull (loket_session_get_tracking_code (env->session));
  pages_window_destroy (window);
}

static void
test_consent_screenshots (void)
{
  /* Stored at most, never delivered from this page: no simulator. */
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  const char *languages[] = { "id", "en" };

  pages_fill_request (loket_session_get_request (env->session), "birth", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      pages_screenshot (env, "consent", languages[i], 1080, 1920, "consent");
      pages_screenshot (env, "consent", languages[i], 1920, 1080, "consent");
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_watch_service_logs ();
  ui_test_init (&argc, &argv);
  /* Before any outbox opens: every connection of these tests goes through the gate. */
  sync_gate_install ();

  g_test_add_func ("/consent/summary-per-agency", test_consent_summary_per_agency);
  g_test_add_func ("/consent/bases", test_consent_bases);
  g_test_add_func ("/consent/refuse-service", test_consent_refuse_service);
  g_test_add_func ("/consent/record", test_consent_record);
  g_test_add_func ("/consent/answers-and-removal", test_consent_answers_and_removal);
  g_test_add_func ("/consent/refused", test_consent_refused);
  g_test_add_func ("/consent/stored-off-main-thread", test_consent_stored_off_main_thread);
  g_test_add_func ("/consent/wiped-mid-write", test_consent_wiped_mid_write);
  g_test_add_func ("/consent/cancelled-and-failed", test_consent_cancelled_and_failed);
  g_test_add_func ("/consent/screenshots", test_consent_screenshots);

  return g_test_run ();
}
