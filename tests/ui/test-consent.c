/* test-consent.c — the consent page: what each agency receives, the answers, removal, submission
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "loket-consent-page.h"
#include "pages-test.h"

static LoketConsentPage *
consent_page (LoketSession *session)
{
  return g_object_new (LOKET_TYPE_CONSENT_PAGE, "session", session, NULL);
}

static void
test_consent_shows_fields (void)
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
      g_autofree char *expected = loket_request_consent_text (request, agency->id);
      const char *text = loket_consent_page_get_text (page, agency->id);

      g_assert_cmpstr (shown[i], ==, agency->id);
      /* Shown is exactly what is hashed into the parts. */
      g_assert_cmpstr (text, ==, expected);
      g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), text, NULL));

      /* Every field each service receives, by its label, and every service's title. */
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
            }
        }

      /* …and not one datum more: the text's bullet lines are those fields. */
      {
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
        guint bullets = 0, fields = 0;

        for (guint j = 0; lines[j] != NULL; j++)
          bullets += g_str_has_prefix (lines[j], "• ");
        for (guint j = 0; j < services->len; j++)
          fields += ((LoketConsentService *) g_ptr_array_index (services, j))->fields->len;
        g_assert_cmpuint (bullets, ==, fields);
      }
    }

  /* The bases, each explained in one plain line (the birth certificate is a legal duty). */
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page),
                                        _("Because the law requires it: the agency must "
                                          "collect these data to give you this service."),
                                        NULL));
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

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (loket_consent_page_get_toggle (page,
                                                                                  "dukcapil")),
                                TRUE);
  g_assert_true (loket_request_get_consent (request, "dukcapil"));
  g_assert_false (loket_page_get_complete (LOKET_PAGE (page)));

  /* "Do not send": a confirmation in the card, which can be declined. */
  remove = loket_consent_page_get_remove_button (page, "bpjs-kesehatan");
  g_signal_emit_by_name (remove, "clicked");
  confirm = loket_consent_page_get_confirm_remove (page, "bpjs-kesehatan");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (confirm))));
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
  shown = loket_consent_page_dup_agencies (page);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "dukcapil");
  g_assert_null (loket_consent_page_get_text (page, "bpjs-kesehatan"));

  /* The consent text of what is left changed: the answer is asked for again. */
  if (!loket_request_get_consent (request, "dukcapil"))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (loket_consent_page_get_toggle (page,
                                                                                    "dukcapil")),
                                  TRUE);
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
  const char *refusal = _("This kiosk cannot take new requests right now. Please go to the "
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
  ui_test_init (&argc, &argv);

  g_test_add_func ("/consent/shows-fields", test_consent_shows_fields);
  g_test_add_func ("/consent/answers-and-removal", test_consent_answers_and_removal);
  g_test_add_func ("/consent/refused", test_consent_refused);
  g_test_add_func ("/consent/screenshots", test_consent_screenshots);

  return g_test_run ();
}
