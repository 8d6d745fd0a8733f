/* test-admin-status.c — admin mode's status board and the parts that need staff: Retry,
 * Cancel and Release change the outbox as loketctl does (the same functions), each with its
 * audit line, and no screen shows a citizen's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "core/loket-tracking-code.h"
#include "loket-admin-mode.h"
#include "loket-admin-page.h"
#include "loket-admin-status.h"
#include "ui-test-util.h"

/* The citizen's data of the seeded parts: neither may show on any admin screen. */
#define CITIZEN_NAME "Wulandari Kusumaningtyas"
#define CITIZEN_NIK  "3174095512880042"

typedef struct {
  UiTestEnv      *env;
  LoketWindow    *window;
  LoketAdminMode *mode;
  LoketStaff     *staff;
  LoketOutbox    *outbox;    /* a connection of the test's own */
  char           *code;
  char           *part_ids[2];
} Fixture;

/* Stores a request of two parts holding the citizen's data; both end in needs-staff after a
 * 422 idempotency_key_reused, as the delivery engine records it. */
static void
seed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  LoketOutboxPartSpec parts[2] = { { 0 }, { 0 } };
  LoketOutboxRequestSpec request = { 0 };
  g_autofree char *text = g_strdup_printf ("{\"name\":\"%s\",\"nik\":\"%s\"}",
                                           CITIZEN_NAME, CITIZEN_NIK);

  body = g_bytes_new (text, strlen (text));
  f->code = loket_tracking_code_generate ();
  for (guint i = 0; i < 2; i++)
    {
      f->part_ids[i] = g_uuid_string_random ();
      parts[i].part_id = f->part_ids[i];
      parts[i].service = i == 0 ? "ktp-address" : "kk-update";
      parts[i].agency = "dukcapil";
      parts[i].body = body;
    }
  request.tracking_code = f->code;
  request.language = "id";
  request.parts = parts;
  request.n_parts = 2;
  g_assert_true (loket_outbox_store_request (f->outbox, &request, &error));
  g_assert_no_error (error);

  claimed = loket_outbox_claim_due (f->outbox, "test", 60 * G_USEC_PER_SEC, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      LoketOutboxResult result = { 0 };

      result.outcome = LOKET_OUTBOX_OUTCOME_NEEDS_STAFF;
      result.http_status = 422;
      result.error_text = "{\"code\":\"idempotency-key-reused\",\"status\":422}";
      result.reason = result.error_text;
      g_assert_true (loket_outbox_record_outcome (f->outbox, f->part_ids[i], "test", &result,
                                                  &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->env = ui_test_env_new (NULL);
  f->staff = loket_staff_new_for_config (f->env->config);
  g_assert_true (loket_staff_add (f->staff, "test", "Budi", "246813", "246813", &error));
  g_assert_no_error (error);
  f->outbox = loket_outbox_open_for_config (f->env->config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  seed (f);

  f->window = ui_test_window_new (f->env, 1080, 1920);
  f->mode = loket_window_get_admin_mode (f->window);
  ui_test_activate (f->window, "flow.language", "s", "en");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_test_window_destroy (f->window);
  g_clear_pointer (&f->outbox, loket_outbox_close);
  g_clear_object (&f->staff);
  g_free (f->code);
  g_free (f->part_ids[0]);
  g_free (f->part_ids[1]);
  ui_test_env_free (f->env);
}

static LoketAdminStatus *
open_board (Fixture *f)
{
  return ui_test_admin_open_board (f->window, "Budi");
}

static void
act (LoketAdminStatus *status,
     const char       *action,
     const char       *target)
{
  guint reads = loket_admin_status_get_reads (status);

  gtk_widget_activate_action (GTK_WIDGET (status), action, "s", target);
  UI_TEST_WAIT_UNTIL (!loket_admin_status_is_busy (status) &&
                      loket_admin_status_get_reads (status) > reads, 10000);
}

static LoketOutboxPart *
stored (Fixture    *f,
        const char *part_id)
{
  g_autoptr(GError) error = NULL;
  LoketOutboxPart *part = loket_outbox_get_part (f->outbox, part_id, &error);

  g_assert_no_error (error);
  return part;
}

static void
assert_no_personal_data (GtkWidget *root)
{
  g_autofree char *where = NULL;

  if (ui_test_tree_contains (root, CITIZEN_NAME, &where) ||
      ui_test_tree_contains (root, CITIZEN_NIK, &where))
    g_error ("A citizen's data is on an admin screen: %s", where);
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  LoketAdminStatus *status = open_board (f);
  g_autofree char *display = loket_tracking_code_format (f->code);
  GtkWidget *window = GTK_WIDGET (f->window);

  /* States in words, not the outbox's spellings. */
  g_assert_true (ui_test_tree_contains (window, "needs staff: 2", NULL));
  g_assert_false (ui_test_tree_contains (window, "needs-staff", NULL));
  g_assert_true (ui_test_tree_contains (window, "Oldest waiting part", NULL));
  g_assert_true (ui_test_tree_contains (window, "test-kiosk", NULL));
  g_assert_true (ui_test_tree_contains (window, "Catalog version", NULL));
  g_assert_true (ui_test_tree_contains (window, "Last successful delivery", NULL));
  g_assert_true (ui_test_tree_contains (window, "Printer", NULL));
  /* Each agency's health from the attempts: the last failure and its reason in words. */
  g_assert_true (ui_test_tree_contains (window, "Last success: never. Last failure: 0 minutes ago.",
                                        NULL));
  g_assert_true (ui_test_tree_contains (window, "Free space", NULL));
  g_assert_true (ui_test_tree_contains (window, "Clock", NULL));
  /* The code grouped as on the receipt, the reason in words. */
  g_assert_true (ui_test_tree_contains (window, display, NULL));
  g_assert_true (ui_test_tree_contains (window, "idempotency_key_reused", NULL));
  g_assert_null (loket_admin_status_get_error (status));
  assert_no_personal_data (window);
}

static void
test_retry_cancel (Fixture       *f,
                   gconstpointer  data)
{
  LoketAdminStatus *status = open_board (f);
  g_autoptr(LoketOutboxPart) retried = NULL;
  g_autoptr(LoketOutboxPart) cancelled = NULL;
  g_autoptr(LoketOutboxPart) kept = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *window = GTK_WIDGET (f->window);

  /* Retry: queued again at once, its reason gone, its data kept (loket_outbox_retry_now). */
  act (status, "status.retry", f->part_ids[0]);
  g_assert_null (loket_admin_status_get_error (status));
  retried = stored (f, f->part_ids[0]);
  g_assert_cmpint (retried->state, ==, LOKET_OUTBOX_STATE_QUEUED);
  g_assert_null (retried->reason);
  g_assert_true (retried->has_personal_data);

  /* Cancel asks first and says what it means for the citizen; Keep it changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (status), "status.cancel", "s", f->part_ids[1]);
  g_assert_true (ui_test_tree_contains (window, "must apply again", NULL));
  assert_no_personal_data (window);
  gtk_widget_activate_action (GTK_WIDGET (status), "status.cancel-keep", "s", f->part_ids[1]);
  g_assert_false (ui_test_tree_contains (window, "must apply again", NULL));
  kept = stored (f, f->part_ids[1]);
  g_assert_cmpint (kept->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);

  /* Confirmed: cancelled by staff, its personal data deleted (loket_outbox_cancel). */
  gtk_widget_activate_action (GTK_WIDGET (status), "status.cancel", "s", f->part_ids[1]);
  act (status, "status.cancel-confirm", f->part_ids[1]);
  cancelled = stored (f, f->part_ids[1]);
  g_assert_cmpint (cancelled->state, ==, LOKET_OUTBOX_STATE_CANCELLED);
  g_assert_cmpstr (cancelled->reason, ==, "staff");
  g_assert_false (cancelled->has_personal_data);
  g_assert_true (ui_test_tree_contains (window, "No part needs staff.", NULL));

  /* A second Retry of a part that no longer needs staff is refused, in words. */
  act (status, "status.retry", f->part_ids[1]);
  g_assert_nonnull (loket_admin_status_get_error (status));

  /* Each action has its audit line: Budi, the action, the part id (never the code). */
  entries = loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);
  g_assert_cmpuint (entries->len, >=, 2);
  {
    LoketAuditEntry *last = entries->pdata[entries->len - 1];
    LoketAuditEntry *before = entries->pdata[entries->len - 2];

    g_assert_cmpstr (before->action, ==, LOKET_AUDIT_PART_RETRY);
    g_assert_cmpstr (before->staff, ==, "Budi");
    g_assert_cmpstr (before->target, ==, f->part_ids[0]);
    g_assert_cmpstr (last->action, ==, LOKET_AUDIT_PART_CANCEL);
    g_assert_cmpstr (last->target, ==, f->part_ids[1]);
  }
  assert_no_personal_data (window);
}

static void
test_release (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  LoketAdminStatus *status;
  GtkWidget *window = GTK_WIDGET (f->window);

  g_assert_true (loket_outbox_hold_agency (f->outbox, "dukcapil",
                                           "{\"code\":\"http-status\",\"status\":401}", &error));
  g_assert_no_error (error);
  status = open_board (f);
  g_assert_true (ui_test_tree_contains (window, "dukcapil: held for", NULL));
  g_assert_nonnull (ui_test_find_button (window, "Release"));

  act (status, "status.release", "dukcapil");
  g_assert_null (loket_admin_status_get_error (status));
  agencies = loket_outbox_count_by_agency (f->outbox, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < agencies->len; i++)
    g_assert_false (((LoketOutboxAgency *) agencies->pdata[i])->held);
  g_assert_false (ui_test_tree_contains (window, "dukcapil: held for", NULL));
}

/* A prerequisite rejected for good while a part of its request waits for it: staff give up
 * the waiting part, as `loketctl outbox give-up PART-ID` does (the same function). */
static void
test_give_up (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(LoketOutboxPart) dependant = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *prerequisite = g_uuid_string_random ();
  g_autofree char *waiting = g_uuid_string_random ();
  LoketOutboxPartSpec parts[2] = { { 0 }, { 0 } };
  LoketOutboxRequestSpec request = { 0 };
  LoketOutboxResult result = { 0 };
  LoketAdminStatus *status;
  GtkWidget *window = GTK_WIDGET (f->window);

  parts[0].part_id = prerequisite;
  parts[0].service = "birth-certificate";
  parts[0].agency = "dukcapil";
  parts[0].body = body;
  parts[1].part_id = waiting;
  parts[1].service = "kk-update";
  parts[1].agency = "dukcapil";
  parts[1].after = "birth-certificate";
  parts[1].inputs = "{\"child.nik\":\"child_nik\"}";
  request.tracking_code = code;
  request.language = "id";
  request.parts = parts;
  request.n_parts = 2;
  g_assert_true (loket_outbox_store_request (f->outbox, &request, &error));
  g_assert_no_error (error);
  claimed = loket_outbox_claim_due (f->outbox, "test", 60 * G_USEC_PER_SEC, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 1);
  result.outcome = LOKET_OUTBOX_OUTCOME_REJECTED;
  result.http_status = 422;
  result.error_text = "{\"code\":\"http-status\",\"status\":422}";
  g_assert_true (loket_outbox_record_outcome (f->outbox, prerequisite, "test", &result, &error));
  g_assert_no_error (error);

  status = open_board (f);
  g_assert_true (ui_test_tree_contains (window, "Other parts of this request wait for it", NULL));
  g_assert_true (ui_test_tree_contains (window, "rejected by the agency", NULL));
  g_assert_nonnull (ui_test_find_button (window, "Give up the parts that wait for it"));

  act (status, "status.give-up", prerequisite);
  g_assert_null (loket_admin_status_get_error (status));
  dependant = stored (f, waiting);
  g_assert_cmpint (dependant->state, ==, LOKET_OUTBOX_STATE_CANNOT_PROCEED);
  g_assert_false (dependant->has_personal_data);
  g_assert_false (ui_test_tree_contains (window, "Other parts of this request wait for it",
                                         NULL));
  entries = loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[entries->len - 1])->action, ==,
                   LOKET_AUDIT_GIVE_UP);
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[entries->len - 1])->target, ==,
                   prerequisite);
  assert_no_personal_data (window);
}

static void
test_out_of_service (Fixture       *f,
                     gconstpointer  data)
{
  LoketAdminStatus *status = open_board (f);
  LoketServiceState *state = loket_session_get_service_state (f->env->session);
  g_autofree char *file = g_build_filename (f->env->state_dir, LOKET_SERVICE_STATE_FILE_NAME,
                                            NULL);
  g_autoptr(LoketSession) restarted = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = GTK_WIDGET (f->window);

  act (status, "status.out-of-service", LOKET_STAFF_REASON_PRINTER);
  g_assert_null (loket_admin_status_get_error (status));
  g_assert_false (loket_service_state_in_service (state));
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  entries = loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[entries->len - 1])->action, ==,
                   LOKET_AUDIT_OUT_OF_SERVICE);
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[entries->len - 1])->target, ==,
                   "printer");

  /* Welcome says it in the citizen's language (a new visit starts in the default, Indonesian),
   * and offers no Start. */
  ui_test_activate (f->window, "flow.next", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  g_assert_true (ui_test_tree_contains (window, "printernya sedang diperbaiki", NULL));
  ui_test_activate (f->window, "flow.language", "s", "en");
  g_assert_true (ui_test_tree_contains (window, "its printer is being fixed", NULL));
  g_assert_false (loket_page_get_show_next (loket_window_get_page (f->window)));

  /* A restart (a new session over the same state dir) is still out, for the same reason. */
  restarted = loket_session_new (f->env->config, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_service_state_get_why (loket_session_get_service_state (restarted),
                                                LOKET_OUT_OF_SERVICE_STAFF), ==, "printer");

  /* Back in service: the file goes. */
  status = open_board (f);
  act (status, "status.out-of-service", "");
  g_assert_true (loket_service_state_in_service (state));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-status/board", test_board);
  ADD ("/admin-status/retry-cancel", test_retry_cancel);
  ADD ("/admin-status/release", test_release);
  ADD ("/admin-status/give-up", test_give_up);
  ADD ("/admin-status/out-of-service", test_out_of_service);
#undef ADD

  return g_test_run ();
}
