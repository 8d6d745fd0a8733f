/* test-delivery-ctl.c — loketctl against the simulator: data minimisation on the wire, TLS,
 * tracking, agency health and what `submit --wait` waits for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"

#include <string.h>
#include <glib/gstdio.h>

#include "sim-fixture.h"

static guint
count_state (SimFixture *sim,
             const char *state)
{
  g_autoptr(JsonNode) parts = sim_fixture_parts (sim);
  JsonArray *array = json_node_get_array (parts);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i),
                                                    "state"), state))
      n++;
  return n;
}

static void
deliver_once (SimFixture *sim)
{
  g_assert_cmpint (sim_fixture_ctl (sim, NULL, NULL, "outbox", "deliver", "--once", "--quiet",
                                    NULL), ==, 0);
}

static void
test_minimisation (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  const char *requests[] = { "birth", "moving", "new-business", "death", "four-agencies" };
  guint delivered;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    g_free (sim_fixture_submit (sim, requests[i]));

  /* Dependent parts go once their prerequisite's outputs are known: a few rounds. */
  for (guint round = 0; round < 4; round++)
    deliver_once (sim);

  delivered = count_state (sim, "delivered");
  g_test_message ("%u parts delivered, %u waiting", delivered, count_state (sim, "waiting"));
  /* Every part of the four life events and of four-agencies.json (18), dependants too. */
  g_assert_cmpuint (count_state (sim, "waiting"), ==, 0);
  g_assert_cmpuint (delivered, ==, 18);
  g_assert_cmpint (sim_fixture_stat (sim, "submissions"), ==, delivered);
  /* The simulator checks each part's data against its service's fields (with --catalog):
   * a field the service does not declare is refused with 400 and counted. */
  g_assert_cmpint (sim_fixture_stat (sim, "minimisation_violations"), ==, 0);
  g_assert_cmpuint (count_state (sim, "needs-staff"), ==, 0);
  g_assert_cmpint (sim_fixture_stat (sim, "agencies.dukcapil.statuses.400"), ==, 0);
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

/* The consent record reaches the agency whole: the summary's and the itemised text's
 * SHA-256 and details_opened, one record per agency, the same in each of its parts. */
static void
test_consent_record (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_agency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  guint posts = 0;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  g_free (sim_fixture_submit (sim, "birth"));
  for (guint round = 0; round < 3; round++)
    deliver_once (sim);

  records = sim_fixture_read_record (sim);
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = json_node_get_object (g_ptr_array_index (records, i));
      JsonObject *consent;
      const char *summary, *details, *agency;
      g_autofree char *both = NULL;

      if (!g_str_equal (json_object_get_string_member (record, "method"), "POST"))
        continue;
      /* Accepted by a simulator that checks the record's members. */
      g_assert_cmpint (json_object_get_int_member (record, "status"), ==, 201);
      consent = json_object_get_object_member (json_object_get_object_member (record, "body"),
                                               "consent");
      summary = json_object_get_string_member (consent, "text_sha256");
      details = json_object_get_string_member (consent, "details_text_sha256");
      g_assert_true (is_sha256 (summary));
      g_assert_true (is_sha256 (details));
      g_assert_cmpstr (summary, !=, details);
      /* loketctl submit shows no screen: nothing was opened. */
      g_assert_true (json_object_has_member (consent, "details_opened"));
      g_assert_false (json_object_get_boolean_member (consent, "details_opened"));

      agency = json_object_get_string_member (record, "agency");
      both = g_strconcat (summary, details, NULL);
      if (g_hash_table_contains (by_agency, agency))
        g_assert_cmpstr (g_hash_table_lookup (by_agency, agency), ==, both);
      else
        g_hash_table_insert (by_agency, g_strdup (agency), g_steal_pointer (&both));
      posts++;
    }
  /* Birth: Dukcapil's three parts (KIA too) and BPJS's one. */
  g_assert_cmpuint (posts, ==, 4);
  g_assert_cmpuint (g_hash_table_size (by_agency), ==, 2);
}

static void
test_track_and_ping (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *out = NULL;
  JsonArray *parts;
  guint seen = 0;

  sim_fixture_write_config (sim, 2, NULL, NULL);
  code = sim_fixture_submit (sim, "four-agencies");

  /* samsat keeps refusing: its part stays with the kiosk. */
  sim_fixture_set_faults (sim, "samsat", "unavailable:30,method=post", NULL);
  deliver_once (sim);
  g_assert_cmpuint (count_state (sim, "delivered"), ==, 3);

  g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "track", code, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  parts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "parts");
  g_assert_cmpuint (json_array_get_length (parts), ==, 4);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonObject *part = json_array_get_object_element (parts, i);
      const char *agency = json_object_get_string_member (part, "agency");
      const char *state = json_object_get_string_member (part, "state");

      if (g_str_equal (agency, "samsat"))
        g_assert_cmpstr (state, ==, "sending");
      else
        {
          /* The agency's own status (statuses do not move on: --status-step=0). */
          g_assert_cmpstr (state, ==, "received");
          g_assert_true (json_object_get_boolean_member (part, "confirmed"));
        }
      seen++;
    }
  g_assert_cmpuint (seen, ==, 4);

  /* agencies ping: all up, then one down (its health check answers 503). */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "agencies", "ping", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "djp: up"));
  g_assert_nonnull (strstr (out, "samsat: up"));
  sim_fixture_set_faults (sim, "djp", "status:503,method=get", NULL);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "agencies", "ping", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "djp: down"));
  g_assert_nonnull (strstr (out, "dukcapil: up"));
}

/* A part waiting after an HTTP 503: `outbox show` says why in the reader's language (the
 * reason is stored as a code and put into words when shown), and --json gives the code. */
static void
test_reason_languages (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(JsonNode) parts = NULL;
  g_autofree char *code = NULL;
  g_autofree char *out_en = NULL;
  g_autofree char *out_id = NULL;
  g_autofree char *list_id = NULL;
  JsonObject *part;
  JsonObject *args;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  code = sim_fixture_submit (sim, "stnk-renewal");
  sim_fixture_set_faults (sim, "samsat", "status:503,method=post", NULL);
  deliver_once (sim);
  g_assert_cmpint (sim_fixture_stat (sim, "agencies.samsat.statuses.503"), >=, 1);

  g_assert_cmpint (sim_fixture_ctl (sim, &out_en, NULL, "outbox", "show", code, NULL), ==, 0);
  g_test_message ("LANGUAGE=en:\n%s", out_en);
  g_assert_nonnull (strstr (out_en, "  reason         The agency answered HTTP 503; the part "
                                    "will be sent again\n"));
  g_assert_nonnull (strstr (out_en, "Tracking code:"));

  g_free (sim->language);
  sim->language = g_strdup ("id");
  g_assert_cmpint (sim_fixture_ctl (sim, &out_id, NULL, "outbox", "show", code, NULL), ==, 0);
  g_test_message ("LANGUAGE=id:\n%s", out_id);
  g_assert_nonnull (strstr (out_id, "  alasan         Instansi menjawab HTTP 503; bagian ini akan "
                                    "dikirim lagi\n"));
  g_assert_nonnull (strstr (out_id, "Kode pelacakan:"));
  g_assert_null (strstr (out_id, "The agency"));
  /* The list says it too, in the reader's language. */
  g_assert_cmpint (sim_fixture_ctl (sim, &list_id, NULL, "outbox", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (list_id, "Instansi menjawab HTTP 503"));

  /* Tools get the stable code and its arguments, whatever the language. */
  parts = sim_fixture_parts (sim);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (parts)), ==, 1);
  part = json_array_get_object_element (json_node_get_array (parts), 0);
  g_assert_cmpstr (json_object_get_string_member (part, "state"), ==, "retry");
  g_assert_cmpstr (json_object_get_string_member (part, "reason"), ==, "http-status");
  args = json_object_get_object_member (part, "reason_args");
  g_assert_cmpint (json_object_get_int_member (args, "status"), ==, 503);
  g_assert_nonnull (strstr (json_object_get_string_member (part, "reason_text"), "HTTP 503"));
}

/* A token file others can read holds its agency before anything is sent, and staff read why;
 * the same file made owner-only is sent. */
static void
test_token_file_mode (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autofree char *token = g_build_filename (sim->dir, "samsat.token", NULL);
  g_autofree char *lines = NULL;
  g_autofree char *code = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (token, "t0ken-for-samsat\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (token, 0644), ==, 0);
  lines = g_strdup_printf ("url = http://127.0.0.1:%u/samsat\ntoken-file = %s\n", sim->port,
                           token);
  sim_fixture_write_config (sim, 5, "samsat", lines);

  code = sim_fixture_submit (sim, "stnk-renewal");
  deliver_once (sim);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "outbox", "show", code, NULL), ==, 0);
  g_test_message ("%s", out);
  expected = g_strdup_printf ("%s (token file): mode 0644: the file must be readable by its "
                              "owner only (chmod 600)", token);
  g_assert_nonnull (strstr (out, expected));
  g_assert_cmpuint (count_state (sim, "delivered"), ==, 0);
  g_assert_cmpint (sim_fixture_stat (sim, "submissions"), ==, 0);

  g_assert_cmpint (g_chmod (token, 0600), ==, 0);
  g_assert_cmpint (sim_fixture_ctl (sim, NULL, NULL, "agencies", "release", "samsat", NULL), ==,
                   0);
  deliver_once (sim);
  g_assert_cmpuint (count_state (sim, "delivered"), ==, 1);
}

typedef enum {
  PIN_ONE,                /* the pin alone */
  PIN_LIST,               /* a wrong pin, then the right one: "W=;R=" */
  PIN_LIST_SPACED,        /* the same as a person may type it: "W=; R=" */
} PinForm;
/* `submit --wait SECONDS`: its output (the code, then PART-ID SERVICE AGENCY STATE
 * [REFERENCE] per part) as service → "STATE" or "STATE REFERENCE", and how long it took. */
static GHashTable *
submit_wait (SimFixture *sim,
             const char *request,
             const char *seconds,
             double     *elapsed)
{
  g_autofree char *path = sim_fixture_request_path (request);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 start = g_get_monotonic_time ();
  int status;

  status = sim_fixture_ctl (sim, &out, &err, "submit", path, "--wait", seconds, NULL);
  *elapsed = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_test_message ("submit %s --wait %s: %.2f s\n%s%s", request, seconds, *elapsed, out, err);
  g_assert_cmpint (status, ==, 0);

  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  g_assert_cmpuint (strlen (lines[0]), ==, 13);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 5);

      /* PART-ID SERVICE AGENCY STATE [REFERENCE], nothing more. */
      g_assert_cmpuint (g_strv_length (words), >=, 4);
      g_assert_cmpuint (g_strv_length (words), <=, 5);
      g_assert_cmpuint (strlen (words[0]), ==, 36);
      g_hash_table_insert (states, g_strdup (words[1]),
                           words[4] != NULL ? g_strdup_printf ("%s %s", words[3], words[4])
                                            : g_strdup (words[3]));
    }

  return states;
}

/* One 503 with Retry-After: 1, then OK: the part is sent again a second later, within the
 * wait, and ends delivered (the wait used to end at once with the part in retry). */
static void
test_wait_retry_within (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GHashTable) states = NULL;
  const char *state;
  double elapsed = 0;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  sim_fixture_set_faults (sim, "samsat", "unavailable:1,count=1,method=post", NULL);
  states = submit_wait (sim, "stnk-renewal", "40", &elapsed);

  state = g_hash_table_lookup (states, "stnk-renewal");
  g_assert_nonnull (state);
  g_assert_true (g_str_has_prefix (state, "delivered SAM-"));
  g_assert_cmpint (sim_fixture_stat (sim, "agencies.samsat.statuses.503"), ==, 1);
  /* Retry-After is honoured (a second at least), and the wait ends with the part. */
  g_assert_cmpfloat (elapsed, >=, 1.0);
  g_assert_cmpfloat (elapsed, <, 20.0);
}

/* A birth request: the three parts after birth-certificate wait for the NIK in its answer,
 * then go; all of them are delivered before the states are printed. */
static void
test_wait_dependants (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GHashTable) states = NULL;
  GHashTableIter iter;
  gpointer key, value;
  double elapsed = 0;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  states = submit_wait (sim, "birth", "40", &elapsed);

  g_assert_cmpuint (g_hash_table_size (states), ==, 4);
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_has_prefix (value, "delivered "))
      g_error ("%s printed as '%s', not delivered", (const char *) key, (const char *) value);
  g_assert_cmpint (sim_fixture_stat (sim, "submissions"), ==, 4);
  g_assert_cmpfloat (elapsed, <, 20.0);
}

/* A retry due after the deadline: nothing can happen before it, so the wait ends at once
 * with the part in retry instead of sitting out its seconds. */
static void
test_wait_retry_after_deadline (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GHashTable) states = NULL;
  double elapsed = 0;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  sim_fixture_set_faults (sim, "samsat", "unavailable:120,method=post", NULL);
  states = submit_wait (sim, "stnk-renewal", "30", &elapsed);

  g_assert_cmpstr (g_hash_table_lookup (states, "stnk-renewal"), ==, "retry");
  g_assert_cmpint (sim_fixture_stat (sim, "agencies.samsat.statuses.503"), ==, 1);
  g_assert_cmpfloat (elapsed, <, 10.0);
}

/* A prerequisite delivered without its outputs, which never come: its dependants may move
 * any moment (the engine asks the agency), so the wait lasts to its deadline, not less. */
static void
test_wait_outputs_never_come (void)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (FALSE, "--catalog", sim_fixture_catalog (),
                                               "--set",
                                               "dukcapil:outputs-delay/birth-certificate=100000",
                                               NULL);
  g_autoptr(GHashTable) states = NULL;
  double elapsed = 0;

  sim_fixture_write_config (sim, 5, NULL, NULL);
  states = submit_wait (sim, "birth", "4", &elapsed);

  g_assert_true (g_str_has_prefix (g_hash_table_lookup (states, "birth-certificate"),
                                   "delivered "));
  g_assert_cmpstr (g_hash_table_lookup (states, "kk-update"), ==, "waiting");
  g_assert_cmpstr (g_hash_table_lookup (states, "kia"), ==, "waiting");
  g_assert_cmpstr (g_hash_table_lookup (states, "bpjs-newborn"), ==, "waiting");
  g_assert_cmpfloat (elapsed, >=, 4.0);
  g_assert_cmpfloat (elapsed, <, 15.0);
}

typedef struct {
  const char *name;
  const char *ca;         /* file in the certs folder, or NULL: the system's CAs */
  gboolean    client;     /* present the client certificate */
  gboolean    right_pin;
  const char *expect;     /* a word of the reason staff see */
  PinForm     pin_form;
  int         key_mode;   /* the client key's mode, 0: as make-test-certs leaves it (0600) */
} TlsCase;

/* Not the server's key: the SHA-256 of nothing. */
#define WRONG_PIN "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="

static void
run_tls_case (const TlsCase *tls)
{
  g_autoptr(SimFixture) sim = sim_fixture_new (TRUE, "--catalog", sim_fixture_catalog (), NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *pin = NULL;
  g_autofree char *pin_file = g_build_filename (sim->certs, "server.pin", NULL);
  g_autofree char *code = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_file_get_contents (pin_file, &pin, NULL, NULL));
  g_strstrip (pin);
  g_string_append_printf (lines, "url = https://127.0.0.1:%u/samsat\n", sim->tls_port);
  if (tls->ca != NULL)
    g_string_append_printf (lines, "ca-file = %s/%s\n", sim->certs, tls->ca);
  if (tls->client)
    g_string_append_printf (lines, "client-cert = %s/client.pem\nclient-key = %s/client.key\n",
                            sim->certs, sim->certs);
  if (tls->key_mode != 0)
    {
      g_autofree char *key = g_build_filename (sim->certs, "client.key", NULL);

      g_assert_cmpint (g_chmod (key, tls->key_mode), ==, 0);
    }
  if (tls->pin_form == PIN_ONE)
    g_string_append_printf (lines, "pinned-key = sha256//%s\n",
                            tls->right_pin ? pin : WRONG_PIN);
  else
    g_string_append_printf (lines, "pinned-key = sha256//%s;%ssha256//%s\n", WRONG_PIN,
                            tls->pin_form == PIN_LIST_SPACED ? " " : "",
                            tls->right_pin ? pin : WRONG_PIN);
  /* A generous timeout: under the sanitizer a TLS handshake can take seconds, and a timeout
   * would hide the certificate failure this test is about. */
  sim_fixture_write_config (sim, 15, "samsat", lines->str);

  code = sim_fixture_submit (sim, "stnk-renewal");
  deliver_once (sim);
  g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "outbox", "show", code, NULL), ==, 0);
  /* On a loaded machine under the sanitizer, loading the system's CAs and the handshake can
   * outlast even that timeout; a timeout says nothing about the certificate, so such an
   * attempt does not count and delivery is tried again (the part is due a second later). */
  for (guint again = 0; again < 3 && strstr (out, "did not answer in time") != NULL; again++)
    {
      g_test_message ("%s: timed out, tried again: %s", tls->name, out);
      g_clear_pointer (&out, g_free);
      g_usleep (2 * G_USEC_PER_SEC);
      deliver_once (sim);
      g_assert_cmpint (sim_fixture_ctl (sim, &out, NULL, "outbox", "show", code, NULL), ==, 0);
    }
  g_test_message ("%s: %s", tls->name, out);

  if (tls->expect == NULL)
    {
      g_assert_cmpuint (count_state (sim, "delivered"), ==, 1);
      g_assert_nonnull (strstr (out, "SAM-"));
      return;
    }

  g_assert_cmpuint (count_state (sim, "delivered"), ==, 0);
  g_assert_cmpint (sim_fixture_stat (sim, "submissions"), ==, 0);
  g_assert_null (strstr (out, "delivered"));
  if (strstr (out, tls->expect) == NULL)
    g_error ("%s: the reason staff see does not mention '%s':\n%s", tls->name, tls->expect, out);
}

static void
test_tls (gconstpointer data)
{
  run_tls_case (data);
}

static const TlsCase tls_cases[] = {
  { "right", "ca.pem", TRUE, TRUE, NULL },
  { "wrong-ca", "other-ca.pem", TRUE, TRUE, "certificate" },
  { "system-cas", NULL, TRUE, TRUE, "certificate" },
  { "wrong-pin", "ca.pem", TRUE, FALSE, "pinned public key" },
  { "no-client-cert", "ca.pem", FALSE, TRUE, "client certificate" },
  /* A list of pins matches when one does, however it is spaced. */
  { "pin-list", "ca.pem", TRUE, TRUE, NULL, PIN_LIST },
  { "pin-list-spaced", "ca.pem", TRUE, TRUE, NULL, PIN_LIST_SPACED },
  { "pin-list-spaced-wrong", "ca.pem", TRUE, FALSE, "pinned public key", PIN_LIST_SPACED },
  /* A client key others can read is never handed to curl: the agency is held, and says so. */
  { "client-key-644", "ca.pem", TRUE, TRUE,
    "client.key (client key): mode 0644: the file must be readable by its owner only "
    "(chmod 600)", PIN_ONE, 0644 },
};

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/delivery/ctl/minimisation", test_minimisation);
  g_test_add_func ("/delivery/ctl/consent-record", test_consent_record);
  g_test_add_func ("/delivery/ctl/track-and-ping", test_track_and_ping);
  g_test_add_func ("/delivery/ctl/reason-languages", test_reason_languages);
  g_test_add_func ("/delivery/ctl/token-file-mode", test_token_file_mode);
  g_test_add_func ("/delivery/ctl/wait/retry-within", test_wait_retry_within);
  g_test_add_func ("/delivery/ctl/wait/dependants", test_wait_dependants);
  g_test_add_func ("/delivery/ctl/wait/retry-after-deadline", test_wait_retry_after_deadline);
  g_test_add_func ("/delivery/ctl/wait/outputs-never-come", test_wait_outputs_never_come);
  for (guint i = 0; i < G_N_ELEMENTS (tls_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/delivery/ctl/tls/%s", tls_cases[i].name);

      g_test_add_data_func (path, &tls_cases[i], test_tls);
    }

  return g_test_run ();
}
