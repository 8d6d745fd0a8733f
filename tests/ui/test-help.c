/* test-help.c — the footer's Help on every page: the notice, the idle pause, and what goes
 * to staff (the POST's body and its rate) through the agency simulator's /_help; and the
 * receipt page's idle rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "net/loket-help.h"
#include "net/loket-http.h"
#include "loket-idle.h"
#include "loket-receipt-page.h"
#include "pages-test.h"

#define TOKEN "help-token-7f3a"

static GtkWidget *
help_button (LoketWindow *window)
{
  GtkWidget *button = ui_test_find_action (GTK_WIDGET (window), "help.call");

  g_assert_nonnull (button);
  return button;
}

static void
go (LoketWindow *window,
    const char  *name)
{
  GtkWidget *target = GTK_WIDGET (loket_window_get_page (window));
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string (name));

  gtk_widget_activate_action_variant (target != NULL ? target : GTK_WIDGET (window),
                                      "flow.goto", value);
  ui_test_wait_for_page (window, name);
}

/* Help is in the footer of every page, big enough, in the lower half of a portrait screen,
 * named for a screen reader; each press tells staff and shows the notice. */
static void
test_help_every_page (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new ("[tracking]\nurl = https://t.example/{code}");
  g_autoptr(GError) error = NULL;
  static const char * const pages[] = {
    "welcome", "choose", "documents", "form:applicant", "form:child", "review", "consent",
    "receipt", "track",
  };
  LoketWindow *window;
  g_autofree char *code = NULL;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);
  loket_session_set_language (env->session, "en");
  window = ui_test_window_new (env, 1080, 1920);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *button;
      graphene_point_t at;
      guint64 before = loket_help_requests_total ();

      go (window, pages[i]);
      button = help_button (window);
      g_test_message ("%s", pages[i]);
      ui_test_wait_frame (GTK_WIDGET (window));
      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_cmpint (gtk_widget_get_height (button), >=, 64);
      g_assert_true (gtk_widget_compute_point (button, GTK_WIDGET (window),
                                               &GRAPHENE_POINT_INIT (0, 0), &at));
      g_assert_cmpfloat (at.y, >, 1920 / 2);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))),
                       ==, "Help");

      g_assert_true (ui_test_activate (window, "help.call", NULL));
      g_assert_cmpuint (loket_help_requests_total (), ==, before + 1);
      g_assert_true (loket_window_help_notice_shown (window));
      g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window),
                                            "A staff member is on the way — please stay here."));
      /* Still on the same page: the notice traps nobody. */
      g_assert_cmpstr (loket_window_get_page_name (window), ==, pages[i]);
    }

  /* In Indonesian: "Bantuan". */
  loket_session_set_language (env->session, "id");
  UI_TEST_WAIT_UNTIL (g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (help_button (window))))),
                                 "Bantuan") == 0, 5000);
  ui_test_screenshot (GTK_WIDGET (window), "help-notice-id-portrait");

  /* A new citizen sees no notice. */
  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  g_assert_false (loket_window_help_notice_shown (window));
  ui_test_window_destroy (window);
}

typedef struct {
  gboolean           done;
  LoketHttpResponse *response;
} Get;

static void
got_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Get *get = user_data;

  get->response = loket_http_request_finish (LOKET_HTTP (source), result, NULL);
  get->done = TRUE;
}

static gboolean
get_done (gpointer data)
{
  return ((Get *) data)->done;
}

/* The simulator's record of Help calls. */
static JsonArray *
sim_help_calls (UiTestEnv  *env,
                JsonParser *parser)
{
  g_autoptr(LoketHttp) http = loket_http_new (2);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/_control/help", env->port);
  LoketHttpRequest request = { .method = "GET", .url = url };
  Get get = { 0 };
  gsize length = 0;
  const char *data;

  loket_http_request_async (http, &request, NULL, got_cb, &get);
  g_assert_true (ui_test_wait_until (get_done, &get, 10000));
  g_assert_nonnull (get.response);
  g_assert_cmpuint (get.response->status, ==, 200);
  data = g_bytes_get_data (get.response->body, &length);
  g_assert_true (json_parser_load_from_data (parser, data, (gssize) length, NULL));
  loket_http_response_free (get.response);
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "calls");
}

typedef struct {
  UiTestEnv *env;
  guint      n;
} CallsWait;

static gboolean
sim_has_calls (gpointer data)
{
  CallsWait *wait = data;
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_array_get_length (sim_help_calls (wait->env, parser)) >= wait->n;
}

/* What staff receive: the kiosk, the time and the kind of page, with the bearer token; at
 * most once per two minutes; never the life event or an answer. */
static void
test_help_post (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *token_file = g_build_filename (env->dir, "help.token", NULL);
  g_autoptr(GError) error = NULL;
  LoketRequest *request = loket_session_get_request (env->session);
  LoketWindow *window;
  JsonArray *calls;
  JsonObject *call, *body, *kiosk;
  JsonParser *body_parser;
  const char *text;
  guint64 before;

  g_assert_true (g_file_set_contents (token_file, TOKEN "\n", -1, &error));
  g_assert_cmpint (g_chmod (token_file, 0600), ==, 0);
  g_free (env->config->help_url);
  env->config->help_url = g_strdup_printf ("http://127.0.0.1:%u/_help", env->port);
  g_free (env->config->help_token_file);
  env->config->help_token_file = g_strdup (token_file);

  pages_fill_request (request, "birth", FALSE);
  window = ui_test_window_new (env, 1080, 1920);
  go (window, "form:child");

  before = loket_help_requests_total ();
  g_assert_true (ui_test_activate (window, "help.call", NULL));
  g_assert_true (ui_test_wait_until (sim_has_calls, &(CallsWait) { env, 1 }, 10000));

  calls = sim_help_calls (env, parser);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  call = json_array_get_object_element (calls, 0);
  g_assert_cmpstr (json_object_get_string_member (call, "authorization"), ==, "Bearer " TOKEN);
  text = json_object_get_string_member (call, "body");
  g_test_message ("body: %s", text);
  body_parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (body_parser, text, -1, NULL));
  body = json_node_get_object (json_parser_get_root (body_parser));
  g_assert_cmpuint (json_object_get_size (body), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (body, "protocol"), ==, "loket-help/1");
  g_assert_cmpstr (json_object_get_string_member (body, "page"), ==, "form");
  g_assert_nonnull (json_object_get_string_member (body, "time"));
  kiosk = json_object_get_object_member (body, "kiosk");
  g_assert_cmpstr (json_object_get_string_member (kiosk, "id"), ==, "test-kiosk");
  g_assert_cmpstr (json_object_get_string_member (kiosk, "site"), ==,
                   "Mal Pelayanan Publik Kota Contoh");
  /* Nothing of the citizen's request. */
  g_assert_null (strstr (text, "birth"));
  g_assert_null (strstr (text, "child"));
  g_assert_null (strstr (text, loket_request_get_text (request, "applicant.nik")));
  g_assert_null (strstr (text, loket_request_get_text (request, "child.name")));
  g_object_unref (body_parser);

  /* Again at once: counted and shown, but not sent a second time. */
  g_assert_true (ui_test_activate (window, "help.call", NULL));
  g_assert_cmpuint (loket_help_requests_total (), ==, before + 2);
  ui_test_pump (500);
  g_clear_object (&parser);
  parser = json_parser_new ();
  g_assert_cmpuint (json_array_get_length (sim_help_calls (env, parser)), ==, 1);

  ui_test_window_destroy (window);
}

/* Help pauses the idle timer: a citizen waiting for staff is not wiped. */
static void
test_help_pauses_idle (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketWindow *window;
  LoketIdle *idle;

  pages_fill_request (loket_session_get_request (env->session), "birth", FALSE);
  window = ui_test_window_new (env, 1080, 1920);
  go (window, "form:applicant");
  idle = loket_window_get_idle (window);
  loket_window_set_idle_timeouts_ms (window, 200, 30000);
  g_assert_true (ui_test_activate (window, "help.call", NULL));
  ui_test_pump (1000);
  g_assert_false (loket_idle_is_warning (idle));
  g_assert_true (loket_idle_is_running (idle));
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "form:applicant");

  ui_test_window_destroy (window);
}

static gboolean
receipt_printed (gpointer data)
{
  LoketPage *page = loket_window_get_page (data);

  return LOKET_IS_RECEIPT_PAGE (page)
         && loket_receipt_page_get_print_done (LOKET_RECEIPT_PAGE (page));
}

/* The receipt page: no idle time until the receipt is out; then the warning asks whether
 * the citizen took it. */
static void
test_receipt_idle (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(UiTestEnv) no_printer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  LoketWindow *window;
  LoketIdle *idle;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);
  loket_session_set_language (env->session, "en");
  window = ui_test_window_new (env, 1080, 1920);
  idle = loket_window_get_idle (window);
  loket_window_set_idle_timeouts_ms (window, 300, 30000);
  go (window, "receipt");
  g_assert_true (ui_test_wait_until (receipt_printed, window, 30000));
  /* Printed: the timer runs, and its warning asks about the paper. */
  UI_TEST_WAIT_UNTIL (loket_idle_is_warning (idle), 10000);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (idle), "Have you taken your receipt?"));
  ui_test_screenshot (GTK_WIDGET (window), "receipt-idle-warning-en-portrait");
  ui_test_window_destroy (window);

  /* No printer: the page must stay long enough to be photographed. */
  no_printer = ui_test_env_new_full (TRUE, NULL, "");
  g_free (no_printer->config->printer_folder);
  no_printer->config->printer_folder = NULL;
  no_printer->config->printer_backend = LOKET_PRINTER_NONE;
  pages_fill_request (loket_session_get_request (no_printer->session), "birth", TRUE);
  g_clear_pointer (&code, g_free);
  code = loket_session_submit (no_printer->session, NULL, &error);
  g_assert_no_error (error);
  window = ui_test_window_new (no_printer, 1080, 1920);
  idle = loket_window_get_idle (window);
  loket_window_set_idle_timeouts_ms (window, 300, 30000);
  go (window, "receipt");
  ui_test_pump (1500);
  g_assert_false (loket_idle_is_running (idle));
  g_assert_false (loket_idle_is_warning (idle));
  ui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/help/every-page", test_help_every_page);
  g_test_add_func ("/help/post", test_help_post);
  g_test_add_func ("/help/pauses-idle", test_help_pauses_idle);
  g_test_add_func ("/help/receipt-idle", test_receipt_idle);

  return g_test_run ();
}
