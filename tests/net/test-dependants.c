/* test-dependants.c — parts that wait for another service's outputs, end to end
 *
 * The birth of a child (shipped catalog): the civil registry assigns the newborn's NIK, and
 * the family card and BPJS parts wait for it. loketctl delivers against the simulator; the
 * outbox is read directly to see states, and the simulator's record shows what was sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-dependants"

#include <signal.h>
#include <string.h>

#include "net/loket-dependants.h"
#include "outbox/loket-outbox.h"
#include "sim-fixture.h"

#define BIRTH_REQUEST \
  "{\"language\":\"id\",\"life_event\":\"birth\"," \
  "\"services\":[\"birth-certificate\",\"kk-update\",\"bpjs-newborn\"]," \
  "\"data\":{\"applicant.nik\":\"3273014101900001\",\"applicant.name\":\"Dewi Lestari\"," \
  "\"family.kk\":\"3273010101150003\",\"family.head_name\":\"Budi Santoso\"," \
  "\"child.name\":\"Putri Ayu\",\"child.sex\":\"female\",\"child.birth_date\":\"2026-11-20\"," \
  "\"child.birth_place\":\"Bandung\",\"child.birth_weight\":3200,\"child.is_twin\":false," \
  "\"parents.marriage\":\"registered\",\"parents.marriage_number\":\"123/45/XI/2020\"," \
  "\"mother.nik\":\"3273014101900001\",\"mother.name\":\"Dewi Lestari\"," \
  "\"father.nik\":\"3273011203880004\",\"father.name\":\"Budi Santoso\"}," \
  "\"consent\":{\"dukcapil\":true,\"bpjs-kesehatan\":true}," \
  "\"confirmed_warnings\":[\"same-nik:mother.nik\"]}"

static void
use_fast_polls (SimFixture *fixture)
{
  g_autofree char *timing = g_strconcat (fixture->timing, ",poll-base-ms=300,poll-cap-ms=800",
                                         NULL);

  g_free (fixture->timing);
  fixture->timing = g_steal_pointer (&timing);
}

static char *
submit_birth (SimFixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "birth.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_file_set_contents (path, BIRTH_REQUEST, -1, &error);
  g_assert_no_error (error);
  status = sim_fixture_ctl (fixture, &out, &err, "submit", path, NULL);
  if (status != 0)
    g_test_message ("loketctl submit: %s", err);
  g_assert_cmpint (status, ==, 0);
  g_strstrip (out);
  g_assert_cmpuint (strlen (out), ==, 13);
  return g_steal_pointer (&out);
}

static LoketOutboxRequest *
read_request (SimFixture *fixture,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = loket_outbox_open (fixture->state_dir, fixture->key_file,
                                                     LOKET_OUTBOX_OPEN_READ_ONLY, &error);
  LoketOutboxRequest *request;

  g_assert_no_error (error);
  request = loket_outbox_get_request (outbox, code, &error);
  g_assert_no_error (error);
  return request;
}

static const LoketOutboxPart *
part_of (LoketOutboxRequest *request,
         const char         *service)
{
  for (guint i = 0; i < request->parts->len; i++)
    {
      const LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      if (g_str_equal (part->service, service))
        return part;
    }
  g_assert_not_reached ();
  return NULL;
}

static LoketOutboxState
state_of (SimFixture *fixture,
          const char *code,
          const char *service)
{
  g_autoptr(LoketOutboxRequest) request = read_request (fixture, code);

  return part_of (request, service)->state;
}

/* Polls the outbox until every part of the request is in state, or seconds pass. */
static gboolean
wait_all (SimFixture       *fixture,
          const char       *code,
          LoketOutboxState  state,
          double            seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(LoketOutboxRequest) request = read_request (fixture, code);
      gboolean all = TRUE;

      for (guint i = 0; i < request->parts->len; i++)
        all &= ((LoketOutboxPart *) request->parts->pdata[i])->state == state;
      if (all)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

static gboolean
wait_part (SimFixture       *fixture,
           const char       *code,
           const char       *service,
           LoketOutboxState  state,
           double            seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < deadline)
    {
      if (state_of (fixture, code, service) == state)
        return TRUE;
      g_usleep (20 * 1000);
    }
  return FALSE;
}

static void
stop_engine (GSubprocess *engine,
             int          signal_number)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (engine, signal_number);
  g_subprocess_wait (engine, NULL, &error);
  g_assert_no_error (error);
  if (signal_number == SIGTERM)
    g_assert_true (g_subprocess_get_successful (engine));
  else
    g_assert_true (g_subprocess_get_if_signaled (engine));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* The POSTs the simulator answered with 201, by part id: each must be there exactly once. */
static GHashTable *
accepted_posts (SimFixture *fixture)
{
  g_autoptr(GPtrArray) lines = sim_fixture_read_record (fixture);
  GHashTable *posts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) json_object_unref);

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (lines, i));
      JsonNode *body = json_object_get_member (line, "body");
      const char *part_id;

      if (g_strcmp0 (member_string (line, "method"), "POST") != 0 ||
          json_object_get_int_member (line, "status") != 201 || !JSON_NODE_HOLDS_OBJECT (body))
        continue;
      part_id = member_string (json_node_get_object (body), "part_id");
      g_assert_nonnull (part_id);
      /* Accepted twice would mean sent twice. */
      g_assert_false (g_hash_table_contains (posts, part_id));
      g_hash_table_insert (posts, g_strdup (part_id),
                           json_object_ref (json_node_get_object (body)));
    }

  return posts;
}

static guint
count_requests (SimFixture *fixture,
                const char *method,
                const char *path)
{
  g_autoptr(GPtrArray) lines = sim_fixture_read_record (fixture);
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (lines, i));

      if (g_strcmp0 (member_string (line, "method"), method) == 0 &&
          g_strcmp0 (member_string (line, "path"), path) == 0)
        n++;
    }
  return n;
}

/* Both dependants carry the NIK the civil registry assigned, and nothing went twice. */
static void
check_birth_delivered (SimFixture *fixture,
                       const char *code)
{
  g_autoptr(LoketOutboxRequest) request = read_request (fixture, code);
  g_autoptr(GHashTable) posts = accepted_posts (fixture);
  const LoketOutboxPart *birth = part_of (request, "birth-certificate");
  const LoketOutboxPart *kk = part_of (request, "kk-update");
  const LoketOutboxPart *bpjs = part_of (request, "bpjs-newborn");
  JsonObject *kk_body, *bpjs_body;
  const char *nik;

  g_assert_cmpuint (g_hash_table_size (posts), ==, 3);
  g_assert_true (g_hash_table_contains (posts, birth->part_id));
  kk_body = g_hash_table_lookup (posts, kk->part_id);
  bpjs_body = g_hash_table_lookup (posts, bpjs->part_id);
  g_assert_nonnull (kk_body);
  g_assert_nonnull (bpjs_body);

  nik = member_string (json_object_get_object_member (bpjs_body, "data"), "child.nik");
  g_assert_nonnull (nik);
  g_assert_cmpuint (strlen (nik), ==, 16);
  /* The sim's NIK: the mother's region (327301), the birth date with 40 added to the day for
   * a girl (20 → 60), then 11 26 and a serial. */
  g_assert_true (g_str_has_prefix (nik, "327301601126"));
  g_assert_cmpstr (member_string (json_object_get_object_member (kk_body, "data"), "child.nik"),
                   ==, nik);
  /* The completed fields were consented to with the rest. */
  g_assert_cmpstr (member_string (bpjs_body, "part_id"), ==, bpjs->part_id);

  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.dukcapil.submissions"), ==, 2);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.bpjs-kesehatan.submissions"), ==, 1);

  /* Delivered parts keep no personal data, and the outputs went with the last dependant. */
  for (guint i = 0; i < request->parts->len; i++)
    g_assert_false (((LoketOutboxPart *) request->parts->pdata[i])->has_personal_data);
}

static void
test_birth_outputs_in_answer (void)
{
  g_autoptr(SimFixture) fixture =
    sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GSubprocess) engine = NULL;
  g_autofree char *code = NULL;

  sim_fixture_write_config (fixture, 10, NULL, NULL);
  code = submit_birth (fixture);

  g_assert_cmpint (state_of (fixture, code, "birth-certificate"), ==, LOKET_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (state_of (fixture, code, "kk-update"), ==, LOKET_OUTBOX_STATE_WAITING);
  g_assert_cmpint (state_of (fixture, code, "bpjs-newborn"), ==, LOKET_OUTBOX_STATE_WAITING);

  engine = sim_fixture_ctl_spawn (fixture, "outbox", "deliver", NULL);
  g_assert_true (wait_all (fixture, code, LOKET_OUTBOX_STATE_DELIVERED, 20));
  stop_engine (engine, SIGTERM);

  check_birth_delivered (fixture, code);
  /* The NIK came in the 201: nobody had to ask for it. */
  g_assert_cmpuint (count_requests (fixture, "GET", "/dukcapil/submissions"), ==, 0);
}

static void
test_birth_outputs_later_with_kills (void)
{
  g_autoptr(SimFixture) fixture =
    sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                     "--set", "dukcapil:outputs-delay/birth-certificate=4", NULL);
  g_autoptr(GSubprocess) engine = NULL;
  g_autofree char *code = NULL;

  use_fast_polls (fixture);
  sim_fixture_write_config (fixture, 10, NULL, NULL);
  code = submit_birth (fixture);

  /* Killed as soon as the prerequisite is delivered: its dependants wait on disk. */
  engine = sim_fixture_ctl_spawn (fixture, "outbox", "deliver", NULL);
  g_assert_true (wait_part (fixture, code, "birth-certificate", LOKET_OUTBOX_STATE_DELIVERED, 20));
  stop_engine (engine, SIGKILL);
  g_clear_object (&engine);

  {
    g_autoptr(LoketOutboxRequest) request = read_request (fixture, code);

    for (guint i = 0; i < request->parts->len; i++)
      {
        LoketOutboxPart *part = request->parts->pdata[i];

        if (g_str_equal (part->service, "birth-certificate"))
          continue;
        g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_WAITING);
        g_assert_cmpstr (part->after, ==, "birth-certificate");
        g_assert_true (part->has_personal_data);
      }
  }

  /* Killed again while it polls; the third engine finds the NIK through the status. */
  engine = sim_fixture_ctl_spawn (fixture, "outbox", "deliver", NULL);
  g_usleep (G_USEC_PER_SEC);
  stop_engine (engine, SIGKILL);
  g_clear_object (&engine);
  g_assert_cmpint (state_of (fixture, code, "bpjs-newborn"), ==, LOKET_OUTBOX_STATE_WAITING);

  engine = sim_fixture_ctl_spawn (fixture, "outbox", "deliver", NULL);
  g_assert_true (wait_all (fixture, code, LOKET_OUTBOX_STATE_DELIVERED, 30));
  stop_engine (engine, SIGTERM);

  check_birth_delivered (fixture, code);
  g_assert_cmpuint (count_requests (fixture, "GET", "/dukcapil/submissions"), >=, 1);
}

static void
check_ended (SimFixture       *fixture,
             const char       *code,
             LoketOutboxState  prerequisite_state)
{
  g_autoptr(LoketOutboxRequest) request = read_request (fixture, code);

  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = request->parts->pdata[i];

      if (g_str_equal (part->service, "birth-certificate"))
        g_assert_cmpint (part->state, ==, prerequisite_state);
      else
        {
          g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_CANNOT_PROCEED);
          g_assert_cmpstr (part->reason, ==, "prerequisite-ended");
        }
      g_assert_false (part->has_personal_data);
      g_assert_cmpuint (part->ended_at, >, 0);
    }
}

/* Needs staff (400), then staff cancel it: the dependants cannot proceed. */
static void
test_prerequisite_cancelled (void)
{
  g_autoptr(SimFixture) fixture =
    sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                     "--fault", "dukcapil:status:400,method=post", NULL);
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autofree char *code = NULL;
  g_autofree char *birth_id = NULL;

  sim_fixture_write_config (fixture, 10, NULL, NULL);
  code = submit_birth (fixture);
  g_assert_cmpint (sim_fixture_ctl (fixture, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);

  request = read_request (fixture, code);
  birth_id = g_strdup (part_of (request, "birth-certificate")->part_id);
  g_assert_cmpint (part_of (request, "birth-certificate")->state, ==,
                   LOKET_OUTBOX_STATE_NEEDS_STAFF);
  g_assert_cmpint (part_of (request, "kk-update")->state, ==, LOKET_OUTBOX_STATE_WAITING);
  g_assert_cmpint (part_of (request, "bpjs-newborn")->state, ==, LOKET_OUTBOX_STATE_WAITING);

  g_assert_cmpint (sim_fixture_ctl (fixture, NULL, NULL, "outbox", "cancel", birth_id, NULL),
                   ==, 0);
  check_ended (fixture, code, LOKET_OUTBOX_STATE_CANCELLED);
  /* Nothing of theirs reached the BPJS. */
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.bpjs-kesehatan.requests"), ==, 0);
}

/* Rejected, and staff do not wait for a resend: `loketctl outbox give-up` (admin mode's
 * "Give up the parts that wait for it" calls the same function). */
static void
test_prerequisite_given_up (void)
{
  g_autoptr(SimFixture) fixture =
    sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                     "--fault", "dukcapil:reject:child.name=Putri Ayu", NULL);
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autofree char *code = NULL;
  g_autofree char *birth_id = NULL;
  g_autofree char *err = NULL;

  sim_fixture_write_config (fixture, 10, NULL, NULL);
  code = submit_birth (fixture);
  g_assert_cmpint (sim_fixture_ctl (fixture, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);
  request = read_request (fixture, code);
  birth_id = g_strdup (part_of (request, "birth-certificate")->part_id);
  g_assert_cmpint (part_of (request, "birth-certificate")->state, ==,
                   LOKET_OUTBOX_STATE_REJECTED);
  g_assert_cmpint (part_of (request, "kk-update")->state, ==, LOKET_OUTBOX_STATE_WAITING);

  /* A part id that is not stored: one clear message, exit 1. */
  g_assert_cmpint (sim_fixture_ctl (fixture, NULL, &err, "outbox", "give-up",
                                    "00000000-0000-4000-8000-000000000000", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "loketctl: "));

  g_assert_cmpint (sim_fixture_ctl (fixture, NULL, NULL, "outbox", "give-up", birth_id, NULL),
                   ==, 0);
  check_ended (fixture, code, LOKET_OUTBOX_STATE_REJECTED);
}

static void
on_changed (const char *part_id,
            gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (part_id));
}

/* Rejected: the dependants wait for a resend for the request's whole life, then end. */
static void
test_prerequisite_rejected_for_good (void)
{
  g_autoptr(SimFixture) fixture =
    sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                     "--fault", "dukcapil:reject:child.name=Putri Ayu", NULL);
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketDependants) dependants = NULL;
  g_autoptr(GHashTable) clients = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  sim_fixture_write_config (fixture, 10, NULL, NULL);
  code = submit_birth (fixture);
  g_assert_cmpint (sim_fixture_ctl (fixture, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);
  g_assert_cmpint (state_of (fixture, code, "birth-certificate"), ==, LOKET_OUTBOX_STATE_REJECTED);

  /* A rejection is not the end: the citizen may correct and resend. */
  outbox = loket_outbox_open (fixture->state_dir, fixture->key_file, LOKET_OUTBOX_OPEN_DEFAULT,
                              &error);
  g_assert_no_error (error);
  dependants = loket_dependants_new (outbox, clients, NULL, on_changed, changed);
  g_assert_cmpuint (loket_dependants_expire (dependants, 14), ==, 0);
  g_assert_cmpint (state_of (fixture, code, "kk-update"), ==, LOKET_OUTBOX_STATE_WAITING);
  g_assert_cmpint (state_of (fixture, code, "bpjs-newborn"), ==, LOKET_OUTBOX_STATE_WAITING);
  g_assert_cmpuint (changed->len, ==, 0);

  /* Once the request's life (pii-max-days) is over, they cannot proceed. */
  g_assert_cmpuint (loket_dependants_expire (dependants, 0), ==, 1);
  g_assert_cmpuint (changed->len, ==, 2);
  check_ended (fixture, code, LOKET_OUTBOX_STATE_REJECTED);
  g_assert_cmpint (sim_fixture_stat (fixture, "agencies.bpjs-kesehatan.requests"), ==, 0);
}

/* Delivered, but its agency never gives the outputs: expire leaves the dependants alone (the
 * prerequisite did not fail), and after pii-max-days the outbox's sweep hands them to staff. */
static void
test_outputs_never_come (void)
{
  g_autoptr(SimFixture) fixture =
    sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                     "--set", "dukcapil:outputs-delay/birth-certificate=100000", NULL);
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketDependants) dependants = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(GHashTable) clients = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  LoketOutboxSweepStats stats = { 0 };
  g_autofree char *code = NULL;

  sim_fixture_write_config (fixture, 10, NULL, NULL);
  code = submit_birth (fixture);
  g_assert_cmpint (sim_fixture_ctl (fixture, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);
  g_assert_cmpint (state_of (fixture, code, "birth-certificate"), ==,
                   LOKET_OUTBOX_STATE_DELIVERED);
  g_assert_cmpint (state_of (fixture, code, "bpjs-newborn"), ==, LOKET_OUTBOX_STATE_WAITING);

  outbox = loket_outbox_open (fixture->state_dir, fixture->key_file, LOKET_OUTBOX_OPEN_DEFAULT,
                              &error);
  g_assert_no_error (error);
  dependants = loket_dependants_new (outbox, clients, NULL, NULL, NULL);
  g_assert_cmpuint (loket_dependants_expire (dependants, 0), ==, 0);
  g_assert_cmpint (state_of (fixture, code, "kk-update"), ==, LOKET_OUTBOX_STATE_WAITING);

  g_assert_true (loket_outbox_sweep (outbox, 0, 90, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.parts_expired, ==, 2);

  request = read_request (fixture, code);
  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = request->parts->pdata[i];

      g_assert_false (part->has_personal_data);
      if (g_str_equal (part->service, "birth-certificate"))
        continue;
      g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_NEEDS_STAFF);
      g_assert_cmpstr (part->reason, ==, "expired");
    }
}

/* Runs argv (searched in PATH) in English; *output: its stdout and stderr together. */
static void
run (const char **argv,
     int         *status,
     char       **output)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", "en", TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, status,
                &error);
  g_assert_no_error (error);
  if (output != NULL)
    *output = g_strconcat (out, err, NULL);
}

/* A catalog whose services wait for each other cannot load: loketctl says where and why. */
static void
test_cycle_refused (void)
{
  g_autoptr(SimFixture) fixture =
    sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autofree char *catalog = g_build_filename (fixture->dir, "cyclic", NULL);
  g_autofree char *services = g_build_filename (catalog, "services-1-dukcapil.json", NULL);
  g_autofree char *loketctl = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  const char *build = g_getenv ("LOKET_BUILD_DIR");
  JsonArray *list;
  int status = -1;

  {
    const char *cp[] = { "cp", "-r", sim_fixture_catalog (), catalog, NULL };

    run (cp, &status, NULL);
    g_assert_cmpint (status, ==, 0);
  }

  /* The family card now also gives a number that the birth certificate waits for. */
  json_parser_load_from_file (parser, services, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "services");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *service = json_array_get_object_element (list, i);
      const char *id = json_object_get_string_member (service, "id");

      if (g_str_equal (id, "kk-update"))
        {
          JsonArray *outputs = json_array_new ();

          json_array_add_string_element (outputs, "new_kk");
          json_object_set_array_member (service, "outputs", outputs);
        }
      else if (g_str_equal (id, "birth-certificate"))
        {
          JsonObject *inputs = json_object_new ();

          json_object_set_string_member (inputs, "family.kk", "new_kk");
          json_object_set_string_member (service, "after", "kk-update");
          json_object_set_object_member (service, "inputs", inputs);
        }
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, services, &error);
  g_assert_no_error (error);

  loketctl = g_build_filename (build != NULL ? build : LOKET_TEST_BUILDDIR "/..", "app",
                               "loketctl", NULL);
  {
    const char *validate[] = { loketctl, "catalog", "validate", catalog, NULL };

    run (validate, &status, &err);
  }
  g_test_message ("catalog validate: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL) == FALSE);
  g_assert_nonnull (strstr (err, "services-1-dukcapil.json: $.services[0].after"));
  g_assert_nonnull (strstr (err, "cycle"));
  g_assert_nonnull (strstr (err, "birth-certificate -> kk-update -> birth-certificate"));

  /* The shipped catalog itself validates. */
  {
    const char *validate[] = { loketctl, "catalog", "validate", sim_fixture_catalog (), NULL };

    g_clear_pointer (&err, g_free);
    run (validate, &status, &err);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dependants/birth/outputs-in-answer", test_birth_outputs_in_answer);
  g_test_add_func ("/dependants/birth/outputs-later-with-kills",
                   test_birth_outputs_later_with_kills);
  g_test_add_func ("/dependants/prerequisite/cancelled", test_prerequisite_cancelled);
  g_test_add_func ("/dependants/prerequisite/given-up", test_prerequisite_given_up);
  g_test_add_func ("/dependants/prerequisite/rejected-for-good",
                   test_prerequisite_rejected_for_good);
  g_test_add_func ("/dependants/prerequisite/outputs-never-come", test_outputs_never_come);
  g_test_add_func ("/dependants/catalog/cycle-refused", test_cycle_refused);

  return g_test_run ();
}
