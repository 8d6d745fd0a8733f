/* test-delivery-faults.c — every agency fault ends in the part state protocol v1 prescribes
 *
 * One part (tests/data/requests/stnk-renewal.json, to samsat) meets one simulated fault per
 * case; the engine runs in this process with a shortened retry schedule
 * (LOKET_DELIVERY_TIMING: base 100 ms, cap 400 ms, 3 answers not understood).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"

#include <string.h>

#include <glib/gstdio.h>

#include "core/loket-tracking-code.h"
#include "net-env.h"
#include "net/loket-delivery.h"
#include "net/loket-reason.h"

typedef struct {
  SimFixture *sim;
  NetEnv     *env;
  char       *code;
  char       *part_id;
} Case;

static void
case_begin (Case       *c,
            const char *first_fault,
            ...)
{
  g_autoptr(GPtrArray) ids = NULL;
  va_list args;

  c->sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  sim_fixture_write_config (c->sim, 1, NULL, NULL);

  va_start (args, first_fault);
  for (const char *spec = first_fault; spec != NULL; spec = va_arg (args, const char *))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *body = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "agency");
      json_builder_add_string_value (builder, "samsat");
      json_builder_set_member_name (builder, "faults");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, spec);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "append");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      body = json_to_string (root, FALSE);
      answer = sim_fixture_control (c->sim, "POST", "/_control/faults", body);
    }
  va_end (args);

  c->code = sim_fixture_submit (c->sim, "stnk-renewal");
  c->env = net_env_new (c->sim);
  ids = net_env_part_ids (c->env, c->code);
  g_assert_cmpuint (ids->len, ==, 1);
  c->part_id = g_strdup (ids->pdata[0]);
  loket_dispatcher_start (c->env->dispatcher);
}

static void
case_end (Case *c)
{
  net_env_free (c->env);
  sim_fixture_free (c->sim);
  g_free (c->code);
  g_free (c->part_id);
}

static LoketOutboxPart *
stored_part (Case *c)
{
  g_autoptr(GError) error = NULL;
  LoketOutboxPart *part = loket_outbox_get_part (c->env->outbox, c->part_id, &error);

  g_assert_no_error (error);
  return part;
}

/* How many POSTs of this part the agency saw, and how many it accepted (201). */
static void
count_posts (Case  *c,
             guint *posts,
             guint *accepted,
             guint *replays)
{
  g_autoptr(GPtrArray) records = sim_fixture_read_record (c->sim);

  *posts = *accepted = *replays = 0;
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = json_node_get_object (records->pdata[i]);
      JsonObject *headers = json_object_get_object_member (record, "headers");
      const char *key;

      if (!g_str_equal (json_object_get_string_member (record, "method"), "POST") ||
          !json_object_has_member (headers, "Idempotency-Key"))
        continue;
      key = json_object_get_string_member (headers, "Idempotency-Key");
      if (strstr (key, c->part_id) == NULL)
        continue;
      (*posts)++;
      /* A fault may answer 201 too (with a body that is not an answer): not an acceptance. */
      if (json_object_has_member (record, "fault"))
        continue;
      if (json_object_get_int_member (record, "status") == 201)
        (*accepted)++;
      if (json_object_get_int_member (record, "status") == 200)
        (*replays)++;
    }
}

/* The delay between the engine's "retry" and its next "sending" of the part. */
static double
first_retry_pause (Case *c)
{
  GArray *events = net_env_events (c->env, c->part_id);

  for (guint i = 0; events != NULL && i + 1 < events->len; i++)
    {
      NetEvent *a = &g_array_index (events, NetEvent, i);
      NetEvent *b = &g_array_index (events, NetEvent, i + 1);

      if (a->state == LOKET_OUTBOX_STATE_RETRY && b->state == LOKET_OUTBOX_STATE_SENDING)
        return (double) (b->at - a->at) / G_USEC_PER_SEC;
    }
  g_assert_not_reached ();
}

static void
assert_delivered (Case  *c,
                  guint  expected_posts)
{
  g_autoptr(LoketOutboxPart) part = NULL;
  guint posts, accepted, replays;

  g_assert_true (net_env_wait_state (c->env, c->part_id, LOKET_OUTBOX_STATE_DELIVERED, 20));
  part = stored_part (c);
  g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
  g_assert_true (g_str_has_prefix (part->reference, "SAM-"));
  g_assert_false (part->has_personal_data);

  count_posts (c, &posts, &accepted, &replays);
  g_assert_cmpuint (accepted, ==, 1);
  if (expected_posts > 0)
    {
      g_assert_cmpuint (posts, ==, expected_posts);
      g_assert_cmpuint (part->attempts, ==, expected_posts);
    }
}

/* The part needs staff, with a stored reason of that code whose words mention words_part. */
static void
assert_needs_staff (Case       *c,
                    const char *code,
                    const char *words_part,
                    guint       expected_posts)
{
  g_autoptr(LoketOutboxPart) part = NULL;
  g_autoptr(LoketReason) reason = NULL;
  g_autofree char *words = NULL;
  guint posts, accepted, replays;

  g_assert_true (net_env_wait_state (c->env, c->part_id, LOKET_OUTBOX_STATE_NEEDS_STAFF, 30));
  part = stored_part (c);
  g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
  g_assert_null (part->reference);
  g_assert_nonnull (part->reason);
  /* Stored as a code (with arguments), put into words only when read. */
  reason = loket_reason_parse (part->reason);
  g_assert_cmpstr (loket_reason_get_code (reason), ==, code);
  words = loket_reason_to_text (reason);
  g_test_message ("reason %s: %s", part->reason, words);
  if (strstr (words, words_part) == NULL)
    g_error ("reason '%s' does not mention '%s'", words, words_part);
  /* Staff may still retry it: the personal data stays (encrypted) until it ends. */
  g_assert_true (part->has_personal_data);

  count_posts (c, &posts, &accepted, &replays);
  g_assert_cmpuint (accepted, ==, 0);
  g_assert_cmpuint (posts, ==, expected_posts);
}

static void
test_unavailable_seconds (void)
{
  Case c = { 0 };

  case_begin (&c, "unavailable:1,count=1,method=post", NULL);
  assert_delivered (&c, 2);
  /* The backoff alone would wait at most 100 ms: Retry-After: 1 decides. */
  g_assert_cmpfloat (first_retry_pause (&c), >=, 0.98);
  case_end (&c);
}

static void
test_unavailable_date (void)
{
  Case c = { 0 };

  case_begin (&c, "unavailable-date:2,count=1,method=post", NULL);
  assert_delivered (&c, 2);
  /* An HTTP-date has whole seconds: 2 s ahead is at least 1 s after the answer. */
  g_assert_cmpfloat (first_retry_pause (&c), >=, 0.98);
  case_end (&c);
}

static void
test_too_many (void)
{
  Case c = { 0 };

  case_begin (&c, "too-many:1,count=1,method=post", NULL);
  assert_delivered (&c, 2);
  g_assert_cmpfloat (first_retry_pause (&c), >=, 0.98);
  case_end (&c);
}

static void
test_burst (void)
{
  Case c = { 0 };

  case_begin (&c, "burst:3,method=post", NULL);
  assert_delivered (&c, 4);
  case_end (&c);
}

static void
test_transport_failures (void)
{
  /* No answer at all, or half of one: retried, then accepted once. */
  const char *faults[] = { "drop,count=2,method=post", "truncate,count=2,method=post",
                           "stall,count=1,method=post" };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      Case c = { 0 };

      g_test_message ("fault %s", faults[i]);
      case_begin (&c, faults[i], NULL);
      assert_delivered (&c, 0);
      {
        g_autoptr(LoketOutboxPart) part = stored_part (&c);

        g_assert_cmpuint (part->attempts, >=, 2);
      }
      case_end (&c);
    }
}

static void
test_garbage (void)
{
  /* A 201 that cannot be understood is never "delivered": retried up to the bound (3 here),
   * then staff look at it. */
  const char *faults[] = { "not-json,method=post", "huge:8,method=post",
                           "endless,method=post", "deep,method=post" };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      Case c = { 0 };

      g_test_message ("fault %s", faults[i]);
      case_begin (&c, faults[i], NULL);
      assert_needs_staff (&c, "garbage", "could not be understood", 3);
      case_end (&c);
    }
}

static void
test_bad_request (void)
{
  Case c = { 0 };

  case_begin (&c, "status:400,method=post", NULL);
  assert_needs_staff (&c, "malformed", "HTTP 400", 1);
  case_end (&c);
}

static void
test_rejected (void)
{
  Case c = { 0 };
  g_autoptr(LoketOutboxPart) part = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reasons = NULL;
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  const char *message;
  guint posts, accepted, replays;

  case_begin (&c, "reject:vehicle.plate=B 1234 KJT,method=post", NULL);
  g_assert_true (net_env_wait_state (c.env, c.part_id, LOKET_OUTBOX_STATE_REJECTED, 10));

  /* The reasons reach the screen through the signal, in the citizen's language (id)… */
  g_assert_cmpuint (c.env->reasons->len, ==, 1);
  g_assert_true (g_str_has_prefix (c.env->reasons->pdata[0], "vehicle.plate:rejected:"));
  message = strchr (strchr (c.env->reasons->pdata[0], ':') + 1, ':') + 1;
  g_assert_cmpuint (strlen (message), >, 0);

  /* … but not the disk: the part ended, its personal data and the agency's answer are gone. */
  part = stored_part (&c);
  g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_REJECTED);
  g_assert_false (part->has_personal_data);
  reasons = loket_outbox_decrypt_reasons (c.env->outbox, c.part_id, &error);
  g_assert_null (reasons);
  g_assert_nonnull (error);
  g_assert_true (loket_outbox_checkpoint (c.env->outbox, NULL));
  db = g_build_filename (c.sim->state_dir, "outbox.sqlite3", NULL);
  wal = g_strconcat (db, "-wal", NULL);
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
    g_assert_null (g_strstr_len (contents, (gssize) length, message));
    g_clear_pointer (&contents, g_free);
    if (g_file_get_contents (wal, &contents, &length, NULL))
      g_assert_null (g_strstr_len (contents, (gssize) length, message));
  }

  count_posts (&c, &posts, &accepted, &replays);
  g_assert_cmpuint (posts, ==, 1);
  case_end (&c);
}

static void
test_held (void)
{
  Case c = { 0 };
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gboolean held = FALSE;

  case_begin (&c, "unauthorized,count=1,method=post", NULL);
  /* Held: the part waits, queued, and nothing more is sent to the agency. */
  g_assert_true (net_env_wait_state (c.env, c.part_id, LOKET_OUTBOX_STATE_QUEUED, 10));
  net_env_spin (0.5);
  agencies = loket_outbox_count_by_agency (c.env->outbox, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);

      if (g_str_equal (agency->agency, "samsat"))
        {
          g_autofree char *words = loket_reason_format (agency->held_reason);

          held = agency->held;
          g_assert_nonnull (agency->held_reason);
          g_assert_nonnull (strstr (words, "credentials (HTTP 401)"));
          g_assert_cmpuint (agency->counts[LOKET_OUTBOX_STATE_QUEUED], ==, 1);
        }
    }
  g_assert_true (held);
  g_assert_cmpint (sim_fixture_stat (c.sim, "agencies.samsat.requests"), ==, 1);

  /* Staff release it (the credentials were fixed): the part goes. */
  g_assert_cmpint (sim_fixture_ctl (c.sim, &out, NULL, "agencies", "release", "samsat", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "samsat"));
  loket_dispatcher_kick (c.env->dispatcher);
  assert_delivered (&c, 2);
  case_end (&c);
}

static void
test_processing_conflict (void)
{
  Case c = { 0 };
  guint posts, accepted, replays;
  g_autoptr(JsonNode) answer = NULL;

  /* The first POST takes 2.5 s, longer than the 1 s timeout: the engine asks again while the
   * agency still works on it (409), and later gets the answer replayed (200). */
  {
    g_autoptr(GPtrArray) ids = NULL;

    c.sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                             "--set", "samsat:processing-delay=2500", NULL);
    sim_fixture_write_config (c.sim, 1, NULL, NULL);
    c.code = sim_fixture_submit (c.sim, "stnk-renewal");
    c.env = net_env_new (c.sim);
    ids = net_env_part_ids (c.env, c.code);
    c.part_id = g_strdup (ids->pdata[0]);
    loket_dispatcher_start (c.env->dispatcher);
  }

  g_assert_true (net_env_wait_state (c.env, c.part_id, LOKET_OUTBOX_STATE_DELIVERED, 20));
  count_posts (&c, &posts, &accepted, &replays);
  g_assert_cmpuint (posts, >=, 2);
  /* One submission at the agency, one reference, whatever the number of attempts. */
  g_assert_cmpint (sim_fixture_stat (c.sim, "agencies.samsat.submissions"), ==, 1);
  g_assert_cmpint (sim_fixture_stat (c.sim, "agencies.samsat.statuses.409"), >=, 1);
  answer = sim_fixture_control (c.sim, "GET", "/_control/submissions", NULL);
  {
    g_autoptr(LoketOutboxPart) part = stored_part (&c);
    g_autofree char *text = json_to_string (answer, FALSE);

    g_assert_nonnull (strstr (text, part->reference));
  }
  case_end (&c);
}

static void
test_key_reused (void)
{
  Case c = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LoketOutbox) other = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *body_text = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(LoketOutboxPart) part = NULL;
  JsonObject *sent = NULL;
  LoketOutboxPartSpec spec = { 0 };
  LoketOutboxRequestSpec request = { 0 };
  LoketDispatcher *dispatcher;

  /* A second kiosk sends the same part id with other bytes (a cloned disk, a bug): the
   * agency answers 422 idempotency_key_reused, which staff must look at. */
  case_begin (&c, NULL, NULL);
  assert_delivered (&c, 1);

  records = sim_fixture_read_record (c.sim);
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = json_node_get_object (records->pdata[i]);

      if (g_str_equal (json_object_get_string_member (record, "method"), "POST"))
        sent = json_object_get_object_member (record, "body");
    }
  g_assert_nonnull (sent);
  json_object_set_string_member (json_object_get_object_member (sent, "data"),
                                 "vehicle.plate", "B 9999 ZZZ");
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), sent);

    body_text = json_to_string (node, FALSE);
  }
  body = g_bytes_new (body_text, strlen (body_text));

  other_dir = g_build_filename (c.sim->dir, "other-kiosk", NULL);
  other = loket_outbox_open (other_dir, c.sim->key_file, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  spec.part_id = c.part_id;
  spec.service = "stnk-renewal";
  spec.agency = "samsat";
  spec.body = body;
  request.tracking_code = c.code;
  request.language = "id";
  request.parts = &spec;
  request.n_parts = 1;
  g_assert_true (loket_outbox_store_request (other, &request, &error));
  g_assert_no_error (error);

  dispatcher = loket_dispatcher_new (c.env->config, other, "other-kiosk", NULL);
  loket_dispatcher_start (dispatcher);
  for (guint i = 0; i < 500; i++)
    {
      g_clear_pointer (&part, loket_outbox_part_free);
      part = loket_outbox_get_part (other, c.part_id, &error);
      g_assert_no_error (error);
      if (part->state == LOKET_OUTBOX_STATE_NEEDS_STAFF)
        break;
      net_env_spin (0.02);
    }
  g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
  g_assert_cmpint (part->http_status, ==, 422);
  {
    g_autoptr(LoketReason) reason = loket_reason_parse (part->reason);
    g_autofree char *words = loket_reason_to_text (reason);

    g_assert_cmpstr (loket_reason_get_code (reason), ==, "idempotency-key-reused");
    g_assert_nonnull (strstr (words, "idempotency_key_reused"));
  }
  g_assert_cmpint (sim_fixture_stat (c.sim, "agencies.samsat.submissions"), ==, 1);
  loket_dispatcher_stop (dispatcher);
  while (loket_dispatcher_get_n_in_flight (dispatcher) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (dispatcher);
  case_end (&c);
}

static void
store_parts (LoketOutbox *outbox,
             const char  *agency,
             guint        n,
             GPtrArray   *ids)
{
  g_autofree char *code = loket_tracking_code_generate ();
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree LoketOutboxPartSpec *specs = g_new0 (LoketOutboxPartSpec, n);
  LoketOutboxRequestSpec request = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      char *id = g_uuid_string_random ();

      g_ptr_array_add (ids, id);
      specs[i].part_id = id;
      specs[i].service = "test-service";
      specs[i].agency = agency;
      specs[i].body = sim_fixture_make_body (code, id, "test-service");
      g_ptr_array_add (bodies, (gpointer) specs[i].body);
    }
  request.tracking_code = code;
  request.language = "id";
  request.parts = specs;
  request.n_parts = n;
  g_assert_true (loket_outbox_store_request (outbox, &request, &error));
  g_assert_no_error (error);
}

static void
test_claim_except (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--agency", "samsat", NULL);
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  const char *skip[] = { "samsat", NULL };
  guint per_agency[2] = { 0, 0 };

  outbox = loket_outbox_open (sim->state_dir, sim->key_file, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  store_parts (outbox, "samsat", 10, ids);
  store_parts (outbox, "djp", 3, ids);

  /* samsat passed over: only djp's parts, although samsat's are older. */
  claimed = loket_outbox_claim_due_except (outbox, "e", G_USEC_PER_SEC, 5, 0, skip, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 3);
  for (guint i = 0; i < claimed->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (claimed, i);

      g_assert_cmpstr (part->agency, ==, "djp");
      g_assert_true (loket_outbox_release (outbox, part->part_id, "e", &error));
    }
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* At most 2 of any agency: 2 + 2, although 8 were asked for. */
  claimed = loket_outbox_claim_due_except (outbox, "e", G_USEC_PER_SEC, 8, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 4);
  for (guint i = 0; i < claimed->len; i++)
    per_agency[g_str_equal (((LoketOutboxPart *) claimed->pdata[i])->agency, "djp")]++;
  g_assert_cmpuint (per_agency[0], ==, 2);
  g_assert_cmpuint (per_agency[1], ==, 2);
}

static void
on_delivered (LoketDispatcher *dispatcher,
              LoketPartChange *change,
              gpointer         user_data)
{
  gint64 *when = user_data;

  if (change->state == LOKET_OUTBOX_STATE_DELIVERED && g_str_equal (change->agency, "djp") &&
      *when == 0)
    *when = g_get_monotonic_time ();
}

static void
test_no_starvation (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--agency", "samsat", "--agency", "djp",
                                               "--agency", "dukcapil", "--agency",
                                               "bpjs-kesehatan", "--agency", "oss", "--agency",
                                               "dpmptsp", NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  LoketDispatcherOptions options = { .max_in_flight = 8, .max_per_agency = 4 };
  LoketDispatcher *dispatcher;
  gint64 start, djp_done = 0;

  /* samsat answers in 1 s and has 40 parts waiting, stored first; djp's one part comes last.
   * It must not wait for samsat's backlog (10 rounds of 1 s). */
  sim_fixture_write_config (sim, 5, NULL, NULL);
  sim_fixture_set_faults (sim, "samsat", "latency:1000", NULL);
  config = loket_config_load (sim->config_path, &error);
  g_assert_no_error (error);
  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  store_parts (outbox, "samsat", 40, ids);
  store_parts (outbox, "djp", 1, ids);

  dispatcher = loket_dispatcher_new (config, outbox, "starvation", &options);
  g_signal_connect (dispatcher, "part-changed", G_CALLBACK (on_delivered), &djp_done);
  start = g_get_monotonic_time ();
  loket_dispatcher_start (dispatcher);
  while (djp_done == 0 && g_get_monotonic_time () - start < 15 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (djp_done, !=, 0);
  g_test_message ("djp delivered after %.0f ms", (djp_done - start) / 1000.0);
  g_assert_cmpint (djp_done - start, <, 900 * 1000);

  loket_dispatcher_stop (dispatcher);
  while (loket_dispatcher_get_n_in_flight (dispatcher) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (dispatcher);
}

static void
on_delivery_changed (LoketDelivery   *delivery,
                     LoketPartChange *change,
                     gpointer         user_data)
{
  GThread **thread = user_data;

  if (change->state == LOKET_OUTBOX_STATE_DELIVERED)
    *thread = g_thread_self ();
}

static void
test_worker_thread (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketDelivery) delivery = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  GThread *signalled_in = NULL;
  gboolean delivered = FALSE;

  sim_fixture_write_config (sim, 2, NULL, NULL);
  code = sim_fixture_submit (sim, "stnk-renewal");
  config = loket_config_load (sim->config_path, &error);
  g_assert_no_error (error);
  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  delivery = loket_delivery_new (config);
  g_signal_connect (delivery, "part-changed", G_CALLBACK (on_delivery_changed), &signalled_in);
  g_assert_true (loket_delivery_start (delivery, &error));
  g_assert_no_error (error);
  loket_delivery_kick (delivery);

  /* The main context is not run here (as if the screens were busy): the engine must do
   * everything on its own thread. */
  for (guint i = 0; i < 500 && !delivered; i++)
    {
      g_clear_pointer (&request, loket_outbox_request_free);
      request = loket_outbox_get_request (outbox, code, &error);
      g_assert_no_error (error);
      delivered = ((LoketOutboxPart *) request->parts->pdata[0])->state ==
                  LOKET_OUTBOX_STATE_DELIVERED;
      g_usleep (20 * 1000);
    }
  g_assert_true (delivered);
  g_assert_null (signalled_in);

  /* Its signals come in the main context, in this thread. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (signalled_in == g_thread_self ());
  loket_delivery_stop (delivery);
}

static void
on_change_kept (LoketDelivery   *delivery,
                LoketPartChange *change,
                gpointer         user_data)
{
  g_ptr_array_add (user_data, loket_part_change_ref (change));
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* What the kiosk's screens get from the engine's thread: one LoketPartChange per step of the
 * part, whole (kept by a handler, it stays as it was), with the agency's reasons on the
 * rejection. */
static void
test_part_change (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (
    (GDestroyNotify) loket_part_change_unref);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketDelivery) delivery = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  LoketOutboxPart *part;
  LoketPartChange *first, *last = NULL;
  LoketAgencyReason *reason;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick;

  sim_fixture_write_config (sim, 2, NULL, NULL);
  sim_fixture_set_faults (sim, "samsat", "reject:vehicle.plate=B 1234 KJT,method=post", NULL);
  code = sim_fixture_submit (sim, "stnk-renewal");
  config = loket_config_load (sim->config_path, &error);
  g_assert_no_error (error);
  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  request = loket_outbox_get_request (outbox, code, &error);
  g_assert_no_error (error);
  part = request->parts->pdata[0];

  delivery = loket_delivery_new (config);
  g_signal_connect (delivery, "part-changed", G_CALLBACK (on_change_kept), changes);
  g_assert_true (loket_delivery_start (delivery, &error));
  g_assert_no_error (error);
  loket_delivery_kick (delivery);

  tick = g_timeout_add (50, wake_up, NULL);
  while ((last == NULL || last->state != LOKET_OUTBOX_STATE_REJECTED) &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      last = changes->len > 0 ? changes->pdata[changes->len - 1] : NULL;
    }
  g_source_remove (tick);
  loket_delivery_stop (delivery);

  g_assert_nonnull (last);
  g_assert_cmpint (last->state, ==, LOKET_OUTBOX_STATE_REJECTED);
  g_assert_cmpuint (changes->len, >=, 2);

  first = changes->pdata[0];
  g_assert_cmpint (first->state, ==, LOKET_OUTBOX_STATE_SENDING);
  g_assert_null (first->reasons);
  for (guint i = 0; i < changes->len; i++)
    {
      LoketPartChange *change = changes->pdata[i];

      g_assert_cmpstr (change->tracking_code, ==, code);
      g_assert_cmpstr (change->part_id, ==, part->part_id);
      g_assert_cmpstr (change->agency, ==, "samsat");
      g_assert_null (change->reference);
    }

  g_assert_nonnull (last->reasons);
  g_assert_cmpuint (last->reasons->len, ==, 1);
  reason = last->reasons->pdata[0];
  g_assert_cmpstr (reason->field, ==, "vehicle.plate");
  g_assert_cmpstr (reason->code, ==, "rejected");
}

int
main (int    argc,
      char **argv)
{
  /* Before any thread starts: setenv is not thread-safe. */
  g_setenv ("LOKET_DELIVERY_TIMING", SIM_FIXTURE_TIMING, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/delivery/503-retry-after-seconds", test_unavailable_seconds);
  g_test_add_func ("/delivery/503-retry-after-date", test_unavailable_date);
  g_test_add_func ("/delivery/429", test_too_many);
  g_test_add_func ("/delivery/burst-of-500", test_burst);
  g_test_add_func ("/delivery/drop-truncate-stall", test_transport_failures);
  g_test_add_func ("/delivery/garbage-needs-staff", test_garbage);
  g_test_add_func ("/delivery/400-needs-staff", test_bad_request);
  g_test_add_func ("/delivery/422-rejected", test_rejected);
  g_test_add_func ("/delivery/401-held-released", test_held);
  g_test_add_func ("/delivery/409-processing", test_processing_conflict);
  g_test_add_func ("/delivery/422-key-reused", test_key_reused);
  g_test_add_func ("/delivery/claim-except", test_claim_except);
  g_test_add_func ("/delivery/no-starvation", test_no_starvation);
  g_test_add_func ("/delivery/worker-thread", test_worker_thread);
  g_test_add_func ("/delivery/part-change", test_part_change);

  return g_test_run ();
}
