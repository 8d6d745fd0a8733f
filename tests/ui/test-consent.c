/* test-consent.c — the consent page: what each agency receives, the answers, removal, submission
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "loket-consent-page.h"
#include "outbox/loket-submission.h"
#include "pages-test.h"
#include "sync-gate.h"

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
  g_assert_false (gtk_widget_is_sensitive (loket_consent_page_get_toggle (page, "dukcapil")));
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
  g_assert_true (gtk_widget_is_sensitive (loket_consent_page_get_toggle (page, "dukcapil")));
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

  g_test_add_func ("/consent/shows-fields", test_consent_shows_fields);
  g_test_add_func ("/consent/answers-and-removal", test_consent_answers_and_removal);
  g_test_add_func ("/consent/refused", test_consent_refused);
  g_test_add_func ("/consent/stored-off-main-thread", test_consent_stored_off_main_thread);
  g_test_add_func ("/consent/wiped-mid-write", test_consent_wiped_mid_write);
  g_test_add_func ("/consent/cancelled-and-failed", test_consent_cancelled_and_failed);
  g_test_add_func ("/consent/screenshots", test_consent_screenshots);

  return g_test_run ();
}
