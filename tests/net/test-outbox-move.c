/* test-outbox-move.c — a dead kiosk's undelivered parts moved to another kiosk
 *
 * Kiosk A (its own kiosk id) holds parts its agencies refused (503); its outbox is exported
 * to kiosk B's public key and imported there; then the agencies come back. Every part is
 * accepted exactly once, and A never posts again after the export, also when it is started
 * once more. The bundle holds no personal data in clear, and a bundle truncated, edited,
 * meant for another kiosk or not made by the named one is refused whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"
#define _GNU_SOURCE  /* memmem */

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "outbox/loket-outbox.h"
#include "sim-fixture.h"

static const char *agencies[] = { "dukcapil", "bpjs-kesehatan", "samsat", "djp", "oss",
                                  "dpmptsp" };

typedef struct {
  SimFixture *sim;
  char       *config_a;
  char       *config_b;
} Kiosks;

/* loketctl as kiosk a or b (the fixture's configuration swapped for the call). */
#define CTL_AS(kiosks, config, out, err, ...) \
  ({ char *saved_ = (kiosks)->sim->config_path; \
     int status_; \
     (kiosks)->sim->config_path = (char *) (config); \
     status_ = sim_fixture_ctl ((kiosks)->sim, out, err, __VA_ARGS__, NULL); \
     (kiosks)->sim->config_path = saved_; \
     status_; })

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* B: the same agencies, its own id, state folder and key. */
static char *
write_config_b (SimFixture *sim)
{
  g_autofree char *a = read_text (sim->config_path);
  g_autofree char *state_b = g_build_filename (sim->dir, "state-b", NULL);
  g_autofree char *key_b = g_build_filename (sim->dir, "key-b", NULL);
  g_autoptr(GString) b = g_string_new (a);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (sim->dir, "loket-b.conf", NULL);
  guint8 key[32];

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) g_random_int ();
  g_assert_true (g_file_set_contents_full (key_b, (const char *) key, sizeof key,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_assert_no_error (error);
  g_string_replace (b, "id = kiosk-a", "id = kiosk-b", 1);
  g_string_replace (b, sim->state_dir, state_b, 1);
  g_string_replace (b, sim->key_file, key_b, 1);
  g_file_set_contents (path, b->str, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A is the fixture's configuration with its own kiosk id; B has its own id, state and key. */
static void
kiosks_setup (Kiosks *kiosks)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config_a = NULL;
  g_autoptr(GString) a = NULL;

  sim_fixture_write_config (kiosks->sim, 5, NULL, NULL);
  config_a = read_text (kiosks->sim->config_path);
  a = g_string_new (config_a);
  g_string_replace (a, "id = test-kiosk-1", "id = kiosk-a", 1);
  g_file_set_contents (kiosks->sim->config_path, a->str, -1, &error);
  g_assert_no_error (error);
  kiosks->config_a = kiosks->sim->config_path;
  kiosks->config_b = write_config_b (kiosks->sim);
}

static char *
pubkey (Kiosks     *kiosks,
        const char *config)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (CTL_AS (kiosks, config, &out, NULL, "outbox", "pubkey", NULL, NULL, NULL),
                   ==, 0);
  g_strchomp (out);
  /* One base64 line and nothing else. */
  g_assert_cmpuint (strlen (out), ==, 44);
  g_assert_null (strchr (out, '\n'));
  return g_steal_pointer (&out);
}

/* The parts of `outbox list --json` of a kiosk, and how many are in state. */
static guint
count_parts (Kiosks     *kiosks,
             const char *config,
             const char *state)
{
  char *saved = kiosks->sim->config_path;
  g_autoptr(JsonNode) parts = NULL;
  JsonArray *array;
  guint n = 0;

  kiosks->sim->config_path = (char *) config;
  parts = sim_fixture_parts (kiosks->sim);
  kiosks->sim->config_path = saved;
  array = json_node_get_array (parts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (state == NULL ||
        g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i),
                                                    "state"), state))
      n++;
  return n;
}

/* POSTs to /submissions by kiosk, from the record; accepted: those answered 201, 202. */
static guint
count_posts (SimFixture *sim,
             const char *kiosk,
             GHashTable *accepted)
{
  g_autoptr(GPtrArray) record = sim_fixture_read_record (sim);
  guint n = 0;

  for (guint i = 0; i < record->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (record, i));
      JsonObject *headers = json_object_get_object_member (line, "headers");
      gint64 status = json_object_get_int_member (line, "status");

      if (!g_str_equal (json_object_get_string_member (line, "method"), "POST") ||
          !g_str_has_suffix (json_object_get_string_member (line, "path"), "/submissions"))
        continue;
      if (accepted != NULL && (status == 201 || status == 202))
        {
          const char *key = json_object_get_string_member (headers, "Idempotency-Key");
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (accepted, key));

          g_hash_table_replace (accepted, g_strdup (key), GUINT_TO_POINTER (seen + 1));
        }
      if (g_strcmp0 (json_object_get_string_member_with_default (headers, "X-Loket-Kiosk", ""),
                     kiosk) == 0)
        n++;
    }
  return n;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

/* Each string value of the test request's data: none may be in the bundle in clear. */
static void
assert_no_personal_data (GBytes     *bundle,
                         const char *request)
{
  g_autofree char *path = sim_fixture_request_path (request);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *data;
  guint checked = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  data = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "data");
  members = json_object_get_members (data);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (data, l->data);

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
          strlen (json_node_get_string (value)) >= 6)
        {
          g_assert_false (bytes_contain (bundle, json_node_get_string (value)));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 3);
}

static void
assert_refused (Kiosks     *kiosks,
                const char *config,
                const char *file,
                const char *from,
                const char *message)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (CTL_AS (kiosks, config, NULL, &err, "outbox", "import", file, "--from", from),
                   ==, 1);
  g_test_message ("refused: %s", err);
  g_assert_nonnull (strstr (err, message));
}

static void
write_variant (const char *path,
               GBytes     *bundle,
               gsize       length,
               gssize      flip)
{
  g_autofree char *copy = g_memdup2 (g_bytes_get_data (bundle, NULL), length);
  g_autoptr(GError) error = NULL;

  if (flip >= 0)
    copy[flip] ^= 0x01;
  g_file_set_contents (path, copy, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
test_move (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  Kiosks kiosks = { sim, NULL, NULL };
  g_autoptr(GHashTable) accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *key_a = NULL, *key_b = NULL, *out = NULL;
  g_autofree char *bundle_path = g_build_filename (sim->dir, "a-to-b.loketmove", NULL);
  g_autofree char *bad_path = g_build_filename (sim->dir, "bad.loketmove", NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  const char *requests[] = { "four-agencies", "birth", "stnk-renewal" };
  g_autoptr(GError) error = NULL;
  guint n_parts, posts_a;

  kiosks_setup (&kiosks);

  /* A: every agency down; the parts stay with A (retry), dependants wait. */
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    sim_fixture_set_faults (sim, agencies[i], "status:503,method=post", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    g_ptr_array_add (codes, sim_fixture_submit (sim, requests[i]));
  g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_a, NULL, NULL, "outbox", "deliver", "--once",
                           "--quiet", NULL), ==, 0);
  n_parts = count_parts (&kiosks, kiosks.config_a, NULL);
  g_assert_cmpuint (n_parts, >=, 6);
  g_assert_cmpuint (count_parts (&kiosks, kiosks.config_a, "delivered"), ==, 0);
  g_assert_cmpuint (count_parts (&kiosks, kiosks.config_a, "retry") +
                    count_parts (&kiosks, kiosks.config_a, "waiting"), ==, n_parts);

  /* B's public key to A; A exports. */
  key_a = pubkey (&kiosks, kiosks.config_a);
  key_b = pubkey (&kiosks, kiosks.config_b);
  g_assert_cmpstr (key_a, !=, key_b);
  g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_a, &out, NULL, "outbox", "export", "--to",
                           key_b, "--out", bundle_path), ==, 0);
  g_test_message ("export: %s", out);
  g_assert_cmpuint (count_parts (&kiosks, kiosks.config_a, "moved"), ==, n_parts);

  mapped = g_mapped_file_new (bundle_path, FALSE, &error);
  g_assert_no_error (error);
  bundle = g_mapped_file_get_bytes (mapped);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    assert_no_personal_data (bundle, requests[i]);
  for (guint i = 0; i < codes->len; i++)
    g_assert_false (bytes_contain (bundle, g_ptr_array_index (codes, i)));

  /* Refused whole: truncated, edited, meant for another kiosk, not made by the one named. */
  write_variant (bad_path, bundle, g_bytes_get_size (bundle) - 10, -1);
  assert_refused (&kiosks, kiosks.config_b, bad_path, key_a, "truncated");
  write_variant (bad_path, bundle, 40, -1);
  assert_refused (&kiosks, kiosks.config_b, bad_path, key_a, "truncated");
  write_variant (bad_path, bundle, g_bytes_get_size (bundle), (gssize) g_bytes_get_size (bundle) / 2);
  assert_refused (&kiosks, kiosks.config_b, bad_path, key_a, "changed");
  assert_refused (&kiosks, kiosks.config_a, bundle_path, key_a, "another kiosk");
  assert_refused (&kiosks, kiosks.config_b, bundle_path, key_b, "not made by");
  g_assert_cmpuint (count_parts (&kiosks, kiosks.config_b, NULL), ==, 0);

  /* The agencies come back; A, started again, sends nothing. */
  {
    g_autoptr(JsonNode) cleared = sim_fixture_control (sim, "DELETE", "/_control/faults", NULL);

    g_assert_nonnull (cleared);
  }
  posts_a = count_posts (sim, "kiosk-a", NULL);
  g_assert_cmpuint (posts_a, >, 0);
  g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_a, NULL, NULL, "outbox", "deliver", "--once",
                           "--quiet", NULL), ==, 0);
  g_assert_cmpuint (count_posts (sim, "kiosk-a", NULL), ==, posts_a);

  /* B imports (twice: the second adds nothing) and delivers everything. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_b, &out, NULL, "outbox", "import",
                           bundle_path, "--from", key_a), ==, 0);
  g_test_message ("import: %s", out);
  g_assert_cmpuint (count_parts (&kiosks, kiosks.config_b, NULL), ==, n_parts);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_b, &out, NULL, "outbox", "import",
                           bundle_path, "--from", key_a), ==, 0);
  g_assert_nonnull (strstr (out, "0 parts imported"));
  for (guint round = 0; round < 4; round++)
    g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_b, NULL, NULL, "outbox", "deliver",
                             "--once", "--quiet", NULL), ==, 0);
  g_assert_cmpuint (count_parts (&kiosks, kiosks.config_b, "delivered"), ==, n_parts);

  /* A once more: still nothing. Every part accepted exactly once, by B. */
  g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_a, NULL, NULL, "outbox", "deliver", "--once",
                           "--quiet", NULL), ==, 0);
  g_assert_cmpuint (count_posts (sim, "kiosk-a", accepted), ==, posts_a);
  g_assert_cmpuint (g_hash_table_size (accepted), ==, n_parts);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, accepted);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
  }
  g_assert_cmpint (sim_fixture_stat (sim, "submissions"), ==, n_parts);
  g_free (kiosks.config_b);
}

/* ---- A delivered prerequisite whose dependants still wait ---- */

/* The dependants of the test request "birth" (tests/data/requests/birth.json). */
static const char *birth_dependants[] = { "kk-update", "kia", "bpjs-newborn" };

static LoketOutbox *
open_outbox (Kiosks     *kiosks,
             const char *config)
{
  g_autoptr(GError) error = NULL;
  const char *state = config == kiosks->config_a ? kiosks->sim->state_dir : NULL;
  g_autofree char *state_b = g_build_filename (kiosks->sim->dir, "state-b", NULL);
  g_autofree char *key_b = g_build_filename (kiosks->sim->dir, "key-b", NULL);
  LoketOutbox *outbox;

  outbox = loket_outbox_open (state != NULL ? state : state_b,
                              state != NULL ? kiosks->sim->key_file : key_b, 0, &error);
  g_assert_no_error (error);
  return outbox;
}

static LoketOutboxPart *
part_of (Kiosks     *kiosks,
         const char *config,
         const char *code,
         const char *service)
{
  g_autoptr(LoketOutbox) outbox = open_outbox (kiosks, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxRequest) request = loket_outbox_get_request (outbox, code, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      if (g_str_equal (part->service, service))
        return g_ptr_array_steal_index (request->parts, i);
    }
  g_assert_not_reached ();
  return NULL;
}

/* A delivers the prerequisite (the civil registry assigns the child's NIK later: its outputs
 * are not in the answer); the dependants wait. */
static char *
birth_delivered_at_a (Kiosks *kiosks)
{
  char *code = sim_fixture_submit (kiosks->sim, "birth");
  g_autoptr(LoketOutboxPart) birth = NULL;

  g_assert_cmpint (CTL_AS (kiosks, kiosks->config_a, NULL, NULL, "outbox", "deliver", "--once",
                           "--quiet", NULL), ==, 0);
  birth = part_of (kiosks, kiosks->config_a, code, "birth-certificate");
  g_assert_cmpint (birth->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
  g_assert_nonnull (birth->reference);
  for (guint i = 0; i < G_N_ELEMENTS (birth_dependants); i++)
    {
      g_autoptr(LoketOutboxPart) part = part_of (kiosks, kiosks->config_a, code,
                                                 birth_dependants[i]);

      g_assert_cmpint (part->state, ==, LOKET_OUTBOX_STATE_WAITING);
    }
  return code;
}

/* A to B; A keeps its delivered prerequisite, without the outputs it no longer needs. */
static void
export_import (Kiosks     *kiosks,
               const char *code)
{
  g_autofree char *key_a = pubkey (kiosks, kiosks->config_a);
  g_autofree char *key_b = pubkey (kiosks, kiosks->config_b);
  g_autofree char *bundle = g_build_filename (kiosks->sim->dir, "birth.loketmove", NULL);
  g_autoptr(LoketOutboxPart) birth = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (CTL_AS (kiosks, kiosks->config_a, &out, NULL, "outbox", "export", "--to",
                           key_b, "--out", bundle), ==, 0);
  g_assert_nonnull (strstr (out, "3 parts exported"));
  birth = part_of (kiosks, kiosks->config_a, code, "birth-certificate");
  g_assert_cmpint (birth->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
  g_assert_false (birth->has_personal_data);
  g_assert_cmpuint (count_parts (kiosks, kiosks->config_a, "moved"), ==, 3);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (CTL_AS (kiosks, kiosks->config_b, &out, NULL, "outbox", "import", bundle,
                           "--from", key_a), ==, 0);
  g_assert_nonnull (strstr (out, "4 parts imported"));
  g_clear_pointer (&birth, loket_outbox_part_free);
  birth = part_of (kiosks, kiosks->config_b, code, "birth-certificate");
  g_assert_cmpint (birth->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
}

/* Every part accepted exactly once: the prerequisite by A, the dependants by B, carrying nik;
 * A never posted after the export. */
static void
check_accepted_once (Kiosks     *kiosks,
                     const char *code,
                     guint       posts_a,
                     const char *nik)
{
  g_autoptr(GPtrArray) record = sim_fixture_read_record (kiosks->sim);
  g_autoptr(GHashTable) accepted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LoketOutboxPart) birth = part_of (kiosks, kiosks->config_a, code,
                                              "birth-certificate");

  g_assert_cmpuint (count_posts (kiosks->sim, "kiosk-a", NULL), ==, posts_a);
  for (guint i = 0; i < record->len; i++)
    {
      JsonObject *line = json_node_get_object (g_ptr_array_index (record, i));
      JsonObject *headers = json_object_get_object_member (line, "headers");
      JsonObject *body;
      gint64 status = json_object_get_int_member (line, "status");

      if (!g_str_equal (json_object_get_string_member (line, "method"), "POST") ||
          (status != 201 && status != 202))
        continue;
      body = json_object_get_object_member (line, "body");
      g_assert_true (g_hash_table_add (accepted,
                                       (gpointer) json_object_get_string_member (body,
                                                                                 "part_id")));
      if (g_str_equal (json_object_get_string_member (body, "service"), "birth-certificate"))
        {
          g_assert_cmpstr (json_object_get_string_member (body, "part_id"), ==, birth->part_id);
          g_assert_cmpstr (json_object_get_string_member (headers, "X-Loket-Kiosk"), ==,
                           "kiosk-a");
          continue;
        }
      g_assert_cmpstr (json_object_get_string_member (headers, "X-Loket-Kiosk"), ==, "kiosk-b");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body,
                                                                                     "data"),
                                                      "child.nik"), ==, nik);
    }
  g_assert_cmpuint (g_hash_table_size (accepted), ==, 1 + G_N_ELEMENTS (birth_dependants));
  g_assert_cmpint (sim_fixture_stat (kiosks->sim, "submissions"), ==,
                   1 + G_N_ELEMENTS (birth_dependants));
  g_assert_cmpuint (count_parts (kiosks, kiosks->config_b, "delivered"), ==,
                    1 + G_N_ELEMENTS (birth_dependants));
}

/* A had the child's NIK (the answer came, then its board died before the drafts were
 * completed: that state is written with the outbox's own call). B completes the drafts with
 * the NIK that came in the bundle: the registry's status has none to give (it never answers B's
 * status queries here). */
static void
test_move_prerequisite_outputs (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                                               "--set",
                                               "dukcapil:outputs-delay/birth-certificate=3600",
                                               NULL);
  Kiosks kiosks = { sim, NULL, NULL };
  const char *nik = "3273016011260042";
  g_autofree char *code = NULL;
  guint posts_a;

  kiosks_setup (&kiosks);
  code = birth_delivered_at_a (&kiosks);
  {
    g_autoptr(LoketOutbox) outbox = open_outbox (&kiosks, kiosks.config_a);
    g_autoptr(LoketOutboxPart) birth = part_of (&kiosks, kiosks.config_a, code,
                                                "birth-certificate");
    g_autofree char *json = g_strdup_printf ("{\"child_nik\":\"%s\"}", nik);
    g_autoptr(GBytes) outputs = g_bytes_new (json, strlen (json));
    g_autoptr(GError) error = NULL;

    g_assert_true (loket_outbox_store_outputs (outbox, birth->part_id, outputs, &error));
    g_assert_no_error (error);
  }
  posts_a = count_posts (sim, "kiosk-a", NULL);
  export_import (&kiosks, code);

  sim_fixture_set_faults (sim, "dukcapil", "status:503,method=get", NULL);
  for (guint round = 0; round < 3; round++)
    g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_b, NULL, NULL, "outbox", "deliver",
                             "--once", "--quiet", NULL), ==, 0);
  g_assert_cmpint (CTL_AS (&kiosks, kiosks.config_a, NULL, NULL, "outbox", "deliver", "--once",
                           "--quiet", NULL), ==, 0);
  check_accepted_once (&kiosks, code, posts_a, nik);
  g_free (kiosks.config_b);
}

/* The NIK was not known yet when A died: B asks the registry's status for it, with the
 * prerequisite's part id and reference that came in the bundle. */
static void
test_move_prerequisite_later (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                                               "--set",
                                               "dukcapil:outputs-delay/birth-certificate=2",
                                               NULL);
  Kiosks kiosks = { sim, NULL, NULL };
  g_autoptr(GSubprocess) engine = NULL;
  g_autoptr(LoketOutboxPart) bpjs = NULL;
  g_autofree char *code = NULL;
  g_autofree char *timing = g_strconcat (sim->timing, ",poll-base-ms=300,poll-cap-ms=800", NULL);
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  guint posts_a;

  kiosks_setup (&kiosks);
  code = birth_delivered_at_a (&kiosks);
  posts_a = count_posts (sim, "kiosk-a", NULL);
  export_import (&kiosks, code);

  g_free (sim->timing);
  sim->timing = g_steal_pointer (&timing);
  sim->config_path = kiosks.config_b;
  engine = sim_fixture_ctl_spawn (sim, "outbox", "deliver", NULL);
  sim->config_path = (char *) kiosks.config_a;
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (count_parts (&kiosks, kiosks.config_b, "delivered") < 4 &&
         g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  g_subprocess_send_signal (engine, SIGTERM);
  g_subprocess_wait (engine, NULL, &error);
  g_assert_no_error (error);

  bpjs = part_of (&kiosks, kiosks.config_b, code, "bpjs-newborn");
  g_assert_cmpint (bpjs->state, ==, LOKET_OUTBOX_STATE_DELIVERED);
  {
    /* The registry's NIK, which B read from its status: the one it gave the dependants. */
    g_autoptr(GPtrArray) record = sim_fixture_read_record (sim);
    const char *nik = NULL;

    for (guint i = 0; i < record->len && nik == NULL; i++)
      {
        JsonObject *line = json_node_get_object (g_ptr_array_index (record, i));
        JsonObject *body = json_object_get_object_member (line, "body");

        if (g_str_equal (json_object_get_string_member (line, "method"), "POST") &&
            body != NULL && g_str_equal (json_object_get_string_member (body, "service"),
                                         "bpjs-newborn"))
          nik = json_object_get_string_member (json_object_get_object_member (body, "data"),
                                               "child.nik");
      }
    g_assert_nonnull (nik);
    g_assert_cmpuint (strlen (nik), ==, 16);
    check_accepted_once (&kiosks, code, posts_a, nik);
  }
  g_free (kiosks.config_b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/move", test_move);
  g_test_add_func ("/outbox/move/prerequisite-outputs", test_move_prerequisite_outputs);
  g_test_add_func ("/outbox/move/prerequisite-outputs-later", test_move_prerequisite_later);
  return g_test_run ();
}
