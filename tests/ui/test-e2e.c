/* test-e2e.c — the whole citizen flow in the kiosk window, for every life event of the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Welcome → Start → the life event's tile → every form step → Review → Consent → Submit →
 * Submitting → Receipt, in a LoketWindow on a session against the agency simulator. Every
 * answer of tests/data/requests/<event>.json is entered through the page widgets: typed
 * fields are focused and typed key by key through the on-screen keyboard's `kbd.type`
 * action; choice and yes-no fields by clicking their tiles; groups grow with their editor.
 * Warnings the request file confirms are confirmed with the row's "Yes, this is correct".
 * Not through the widgets: the services of the request (the choose page's defaults are
 * replaced by the file's list through loket_request_add/remove_service), and delivery is
 * started with loket_session_start_delivery (the application does that, not the window).
 * The receipt's QR widget is rendered to PNG and read back with zbarimg.
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "core/loket-i18n.h"
#include "core/loket-qr-payload.h"
#include "loket-choose-page.h"
#include "loket-consent-page.h"
#include "loket-documents-page.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "loket-group-editor.h"
#include "loket-keyboard.h"
#include "loket-qr-image.h"
#include "loket-receipt-page.h"
#include "loket-submitting-page.h"
#include "loket-task-list.h"
#include "ui-test-util.h"

static void
type_keys (LoketKeyboard *keyboard,
           const char    *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char key[8] = { 0 };

      g_utf8_strncpy (key, p, 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (keyboard), "kbd.type", "s", key));
    }
  /* What the keys set off (the entry's handlers, a message) has run. */
  ui_test_drain ();
}

/* Enters value into row as the citizen would. */
static void
fill_row (LoketWindow   *window,
          LoketFieldRow *row,
          JsonNode      *value)
{
  const LoketField *field = loket_field_row_get_field (row);
  GtkWidget *entry = loket_field_row_get_entry (row);
  GtkWidget *tile = NULL;

  if (entry != NULL)
    {
      g_autofree char *keys = ui_test_keys_for (field, value);

      g_assert_true (gtk_widget_grab_focus (entry));
      UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (loket_window_get_keyboard (window)) ==
                          GTK_EDITABLE (entry), 5000);
      type_keys (loket_window_get_keyboard (window), keys);
      return;
    }

  if (field->type == LOKET_FIELD_TYPE_YES_NO)
    tile = ui_test_find_button (GTK_WIDGET (row), json_node_get_boolean (value) ? _("Yes")
                                                                               : _("No"));
  else
    for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
      {
        const LoketChoice *choice = g_ptr_array_index (field->choices, i);

        if (g_strcmp0 (choice->value, json_node_get_string (value)) == 0)
          tile = ui_test_find_button (GTK_WIDGET (row), C_CATALOG (choice->label));
      }
  g_assert_nonnull (tile);
  g_signal_emit_by_name (tile, "clicked");
  /* What the answer set off (a question shown or hidden) has run. */
  ui_test_drain ();
}

/* Fills every question the form step shows (again after each answer: conditions may add
 * questions), from data; returns how many answers were entered. */
static guint
fill_form_page (LoketWindow *window,
                JsonObject  *data)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean progress = TRUE;

  while (progress)
    {
      LoketFormPage *page = LOKET_FORM_PAGE (loket_window_get_page (window));
      GPtrArray *fields = loket_form_page_get_fields (page);

      progress = FALSE;
      for (guint i = 0; i < fields->len && !progress; i++)
        {
          GtkWidget *widget = g_ptr_array_index (fields, i);

          if (LOKET_IS_FIELD_ROW (widget))
            {
              const char *id = loket_field_row_get_field (LOKET_FIELD_ROW (widget))->id;

              if (g_hash_table_contains (done, id) || !json_object_has_member (data, id))
                continue;
              g_hash_table_add (done, g_strdup (id));
              fill_row (window, LOKET_FIELD_ROW (widget), json_object_get_member (data, id));
              progress = TRUE;
            }
          else if (LOKET_IS_GROUP_EDITOR (widget))
            {
              LoketGroupEditor *editor = LOKET_GROUP_EDITOR (widget);
              const char *id = loket_group_editor_get_field (editor)->id;
              JsonArray *entries;
              GPtrArray *rows;

              if (g_hash_table_contains (done, id) || !json_object_has_member (data, id))
                continue;
              g_hash_table_add (done, g_strdup (id));
              entries = json_object_get_array_member (data, id);
              /* One entry is there from the start; "Add a person" for the others. */
              for (guint n = 1; n < json_array_get_length (entries); n++)
                {
                  GtkWidget *add = ui_test_find_button (widget, _("Add a person"));

                  g_assert_nonnull (add);
                  g_signal_emit_by_name (add, "clicked");
                  UI_TEST_WAIT_UNTIL (loket_group_editor_get_rows (editor)->len ==
                                      (n + 1) * loket_group_editor_get_field (editor)->fields->len,
                                      5000);
                }
              rows = loket_group_editor_get_rows (editor);
              for (guint r = 0; r < rows->len; r++)
                {
                  LoketFieldRow *row = g_ptr_array_index (rows, r);
                  guint index = loket_field_row_get_index (row);
                  JsonObject *entry = json_array_get_object_element (entries, index);
                  const char *sub = loket_field_row_get_field (row)->id;

                  if (json_object_has_member (entry, sub))
                    fill_row (window, row, json_object_get_member (entry, sub));
                }
              progress = TRUE;
            }
        }
    }
  return g_hash_table_size (done);
}

/* Confirms every warning shown on the step (the request file confirms them). */
static guint
confirm_warnings (LoketWindow *window)
{
  g_autoptr(GPtrArray) all = ui_test_collect (GTK_WIDGET (loket_window_get_page (window)));
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *button;

      if (!LOKET_IS_FIELD_ROW (g_ptr_array_index (all, i)))
        continue;
      button = loket_field_row_get_confirm_button (g_ptr_array_index (all, i));
      if (button != NULL && gtk_widget_is_visible (button))
        {
          g_signal_emit_by_name (button, "clicked");
          UI_TEST_WAIT_UNTIL (loket_field_row_get_message (g_ptr_array_index (all, i)) == NULL,
                              5000);
          n++;
        }
    }
  return n;
}

/* What the request holds for one answer is what the file says (dates as typed, DD-MM-YYYY). */
static void
assert_text_matches (const char *id,
                     const char *stored,
                     JsonNode   *value)
{
  g_autofree char *expected = NULL;

  if (json_node_get_value_type (value) == G_TYPE_INT64)
    expected = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    expected = g_strdup (json_node_get_boolean (value) ? "true" : "false");
  else
    {
      const char *text = json_node_get_string (value);

      if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
        /* A date: the form keeps it as the citizen typed it, DD-MM-YYYY. */
        expected = g_strdup_printf ("%.2s-%.2s-%.4s", text + 8, text + 5, text);
      else
        expected = g_strdup (text);
    }
  g_assert_cmpstr (stored, ==, expected);
}

static void
assert_request_matches (LoketRequest *request,
                        JsonObject   *data)
{
  g_autoptr(GList) members = json_object_get_members (data);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (data, l->data);

      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *entries = json_node_get_array (value);

          g_assert_cmpuint (loket_request_get_n_group_entries (request, l->data), ==,
                            json_array_get_length (entries));
          for (guint i = 0; i < json_array_get_length (entries); i++)
            {
              JsonObject *entry = json_array_get_object_element (entries, i);
              g_autoptr(GList) subs = json_object_get_members (entry);

              for (GList *s = subs; s != NULL; s = s->next)
                assert_text_matches (s->data,
                                     loket_request_get_group_text (request, l->data, i, s->data),
                                     json_object_get_member (entry, s->data));
            }
        }
      else
        assert_text_matches (l->data, loket_request_get_text (request, l->data), value);
    }
}

typedef struct {
  LoketWindow *window;
  const char  *name;
} PageWait;

static gboolean
page_is_not (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (loket_window_get_page_name (wait->window), wait->name) != 0;
}

typedef struct {
  LoketSubmittingPage *page;
  const char          *service;
  gboolean             all_up;
} PartWait;

/* The part left "ready to send" and "sending"; with every agency up, also "waiting": a
 * dependant waits only until its prerequisite's outputs arrive, which takes longer on a
 * loaded machine than the prerequisite's own delivery. */
static gboolean
part_settled (gpointer data)
{
  PartWait *wait = data;
  int state = -1;

  loket_submitting_page_get_part (wait->page, wait->service, NULL, &state, NULL);
  if (wait->all_up && state == LOKET_OUTBOX_STATE_WAITING)
    return FALSE;
  return state != LOKET_OUTBOX_STATE_QUEUED && state != LOKET_OUTBOX_STATE_SENDING;
}

static gboolean
print_done (gpointer data)
{
  return loket_receipt_page_get_print_done (data);
}

/* On the review, after every form step: the task list says each step before it done (or
 * not needed, left out by an answer), the review the page on screen, agreeing and sending
 * still ahead; as many steps done or not needed as the walk went through, plus "What you
 * need". */
static void
assert_task_list_at_review (LoketWindow *window,
                            guint        n_form_steps)
{
  LoketTaskList *list = LOKET_TASK_LIST (loket_window_get_task_list (window));
  g_autoptr(GPtrArray) steps = loket_flow_dup_steps (loket_window_get_flow (window));
  guint n_done = 0, n_not_needed = 0;

  g_assert_cmpuint (loket_task_list_get_n_tasks (list), ==, steps->len);
  for (guint i = 0; i < steps->len; i++)
    {
      const LoketFlowStep *step = g_ptr_array_index (steps, i);
      LoketTaskState state = loket_task_list_get_state (list, step->name);

      if (g_str_equal (step->name, "review"))
        g_assert_cmpint (state, ==, LOKET_TASK_CURRENT);
      else if (g_str_equal (step->name, "consent") || g_str_equal (step->name, "receipt"))
        g_assert_cmpint (state, ==, LOKET_TASK_TO_DO);
      else if (state == LOKET_TASK_NOT_NEEDED)
        n_not_needed++;
      else
        {
          g_assert_cmpint (state, ==, LOKET_TASK_DONE);
          /* A step done is a button back to it. */
          g_assert_true (GTK_IS_BUTTON (loket_task_list_get_item (list, step->name)));
          n_done++;
        }
    }
  g_assert_cmpuint (n_done, ==, n_form_steps + 1);
  g_test_message ("task list at the review: %u done, %u not needed", n_done, n_not_needed);
}

/* Runs the whole flow for event; down_agency (or NULL) does not answer at submit time. */
static void
run_flow (const char *event,
          const char *down_agency)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = ui_test_load_request (event, parser);
  JsonObject *data = json_object_get_object_member (root, "data");
  JsonArray *services = json_object_get_array_member (root, "services");
  LoketRequest *request;
  LoketWindow *window;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) agencies = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *screenshot_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scanned = NULL;
  g_autoptr(LoketQrPayload) payload = NULL;
  LoketReceiptPage *receipt;
  LoketSubmittingPage *live;
  guint n_answers = 0, n_steps = 0, n_retry = 0;
  gint64 start = g_get_monotonic_time ();

  if (down_agency != NULL)
    {
      /* Through the simulator's control API: the agency answers 503 (Retry-After 600)
       * to every request, always. */
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;
      g_autofree char *json = g_strdup_printf ("{\"agency\":\"%s\",\"faults\":"
                                               "[\"unavailable:600,always\"]}", down_agency);
      g_autofree char *http = g_strdup_printf ("POST /_control/faults HTTP/1.1\r\n"
                                               "Host: 127.0.0.1\r\n"
                                               "Content-Type: application/json\r\n"
                                               "Content-Length: %zu\r\nConnection: close\r\n"
                                               "\r\n%s", strlen (json), json);
      g_autoptr(GDataInputStream) in = NULL;
      g_autofree char *status = NULL;

      connection = g_socket_client_connect_to_host (client, "127.0.0.1", env->port, NULL,
                                                    &error);
      g_assert_no_error (error);
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                 http, strlen (http), NULL, NULL, &error);
      g_assert_no_error (error);
      in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
      status = g_data_input_stream_read_line (in, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (status, "HTTP/1.1 200"));
    }

  g_assert_true (loket_session_start_delivery (env->session, &error));
  g_assert_no_error (error);
  window = ui_test_window_new (env, 1080, 1920);
  request = loket_session_get_request (env->session);

  /* Welcome → Start. */
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "welcome");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");

  /* The life event's tile. */
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     event), "clicked");
  UI_TEST_WAIT_UNTIL (loket_request_get_life_event (request) != NULL, 5000);
  g_assert_cmpstr (loket_request_get_life_event (request)->id, ==, event);
  /* The services of the request file (through the request, not the page). */
  chosen = loket_request_get_services (request);
  for (guint i = 0; i < chosen->len; i++)
    loket_request_remove_service (request, ((LoketService *) g_ptr_array_index (chosen, i))->id);
  for (guint i = 0; i < json_array_get_length (services); i++)
    g_assert_true (loket_request_add_service (request, json_array_get_string_element (services, i)));
  g_assert_true (loket_page_get_complete (loket_window_get_page (window)));
  ui_test_activate (window, "flow.next", NULL);
  g_assert_true (ui_test_wait_until (page_is_not, &(PageWait) { window, "choose" }, 10000));

  /* What you will need: at least one document for every life event, then on. */
  ui_test_wait_for_page (window, "documents");
  {
    g_auto(GStrv) shown =
      loket_documents_page_dup_shown (LOKET_DOCUMENTS_PAGE (loket_window_get_page (window)));

    g_assert_cmpuint (g_strv_length (shown), >, 0);
  }
  ui_test_activate (window, "flow.next", NULL);
  g_assert_true (ui_test_wait_until (page_is_not, &(PageWait) { window, "documents" }, 10000));

  /* Every form step, answered through its widgets. */
  while (g_str_has_prefix (loket_window_get_page_name (window), "form:"))
    {
      g_autofree char *name = g_strdup (loket_window_get_page_name (window));
      PageWait wait = { window, name };

      ui_test_wait_for_page (window, name);
      n_answers += fill_form_page (window, data);
      n_steps++;
      for (guint attempt = 0; attempt < 3; attempt++)
        {
          /* Warnings show once a field is left or Next is pressed: confirm, then Next. */
          confirm_warnings (window);
          ui_test_activate (window, "flow.next", NULL);
          if (ui_test_wait_until (page_is_not, &wait, 3000))
            break;
        }
      if (g_strcmp0 (loket_window_get_page_name (window), name) == 0)
        {
          GPtrArray *fields = loket_form_page_get_fields (LOKET_FORM_PAGE (loket_window_get_page (window)));

          for (guint i = 0; i < fields->len; i++)
            if (LOKET_IS_FIELD_ROW (g_ptr_array_index (fields, i)) &&
                loket_field_row_get_message (g_ptr_array_index (fields, i)) != NULL)
              g_test_message ("%s: %s", loket_field_row_get_field (g_ptr_array_index (fields, i))->id,
                              loket_field_row_get_message (g_ptr_array_index (fields, i)));
          g_error ("%s: stuck on %s", event, name);
        }
    }
  g_test_message ("%s: %u form steps, %u answers entered", event, n_steps, n_answers);
  assert_request_matches (request, data);
  g_assert_cmpuint (n_steps, >, 0);
  g_assert_true (loket_request_is_complete (request));

  /* Review → Consent: every agency answered. */
  ui_test_wait_for_page (window, "review");
  assert_task_list_at_review (window, n_steps);
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "consent");
  agencies = loket_consent_page_dup_agencies (LOKET_CONSENT_PAGE (loket_window_get_page (window)));
  g_assert_cmpuint (g_strv_length (agencies), >, 0);
  for (guint i = 0; agencies[i] != NULL; i++)
    {
      /* Every answer the agency needs: "I understand", and "Yes, send it" where it asks. */
      g_autoptr(GPtrArray) answers =
        loket_consent_page_get_answers (LOKET_CONSENT_PAGE (loket_window_get_page (window)),
                                        agencies[i]);

      g_assert_cmpuint (answers->len, >, 0);
      for (guint j = 0; j < answers->len; j++)
        gtk_toggle_button_set_active (g_ptr_array_index (answers, j), TRUE);
      UI_TEST_WAIT_UNTIL (loket_request_get_consent (request, agencies[i]), 5000);
    }
  g_assert_true (loket_page_get_complete (loket_window_get_page (window)));

  /* Submit → the hand-over, one page: stored, printing at once with no further tap, and
   * every part settles on the same page (reached its agency, or kept to send later). */
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "receipt");
  g_assert_nonnull (loket_session_get_tracking_code (env->session));
  receipt = LOKET_RECEIPT_PAGE (loket_window_get_page (window));
  g_assert_true (ui_test_wait_until (print_done, receipt, 30000));
  g_assert_cmpstr (loket_window_get_page_name (window), ==, "receipt");
  live = loket_receipt_page_get_live (receipt);
  parts = loket_submitting_page_dup_services (live);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *text = NULL;
      int state = -1;
      PartWait wait = { live, parts[i], down_agency == NULL };

      g_assert_true (ui_test_wait_until (part_settled, &wait, 30000));
      loket_submitting_page_get_part (live, parts[i], NULL, &state, &text);
      g_test_message ("%s: %s: %s", event, parts[i], text);
      if (state == LOKET_OUTBOX_STATE_RETRY)
        {
          /* "… will be sent automatically later", in the citizen's language. */
          g_assert_cmpstr (text, ==, _("The agency cannot be reached right now. Your request "
                                       "is kept safely and will be sent automatically later."));
          n_retry++;
        }
      else if (down_agency == NULL)
        g_assert_cmpint (state, ==, LOKET_OUTBOX_STATE_DELIVERED);
    }
  if (down_agency != NULL)
    g_assert_cmpuint (n_retry, >, 0);
  else
    g_assert_cmpuint (n_retry, ==, 0);
  /* The page is drawn as it stands now, its crossfade long over. */
  ui_test_wait_for_page (window, "receipt");
  screenshot_name = g_strdup_printf ("e2e-%s%s-handover", event, down_agency ? "-down" : "");
  g_free (ui_test_screenshot (GTK_WIDGET (window), screenshot_name));

  /* Its QR, drawn and scanned, is the session's tracking code. */
  UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (loket_receipt_page_get_qr_image (receipt)) &&
                      gtk_widget_get_width (loket_receipt_page_get_qr_image (receipt)) > 0, 5000);
  g_free (screenshot_name);
  screenshot_name = g_strdup_printf ("e2e-%s%s-receipt-qr", event, down_agency ? "-down" : "");
  path = ui_test_screenshot (loket_receipt_page_get_qr_image (receipt), screenshot_name);
  scanned = ui_test_scan_png (path);
  g_assert_nonnull (scanned);
  payload = loket_qr_payload_parse (scanned, env->config->tracking_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (payload->code, ==, loket_session_get_tracking_code (env->session));
  /* Let the (PDF) printing end before the window goes. */
  g_assert_true (ui_test_wait_until (print_done, receipt, 30000));

  g_test_message ("%s%s: whole flow in %.1f s", event, down_agency ? " (agency down)" : "",
                  (g_get_monotonic_time () - start) / 1e6);
  ui_test_window_destroy (window);
}

static void
test_e2e_event (gconstpointer data)
{
  run_flow (data, NULL);
}

static void
test_e2e_agency_down (void)
{
  run_flow ("birth", "bpjs-kesehatan");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_data_func ("/e2e/birth", "birth", test_e2e_event);
  g_test_add_data_func ("/e2e/moving", "moving", test_e2e_event);
  g_test_add_data_func ("/e2e/new-business", "new-business", test_e2e_event);
  g_test_add_data_func ("/e2e/death", "death", test_e2e_event);
  g_test_add_func ("/e2e/agency-down", test_e2e_agency_down);

  return g_test_run ();
}
