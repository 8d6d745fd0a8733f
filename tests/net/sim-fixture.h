/* sim-fixture.h — the agency simulator, a kiosk configuration and loketctl, for delivery tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The engine's timing in these tests (see loket-dispatcher.h): quick retries, 3 answers not
 * understood before staff, a lease of 4 s. */
#define SIM_FIXTURE_TIMING "retry-base-ms=100,retry-cap-ms=400,max-garbage=3,lease-ms=4000"

typedef struct {
  char        *dir;          /* a temporary folder holding everything below */
  char        *state_dir;
  char        *key_file;
  char        *config_path;
  char        *record;       /* the simulator's record file (JSON lines) */
  char        *certs;        /* test certificates (make-test-certs), or NULL */
  GSubprocess *sim;
  guint        port;
  guint        tls_port;     /* 0 without TLS */
  char        *timing;       /* LOKET_DELIVERY_TIMING for loketctl */
  char        *language;     /* LANGUAGE for loketctl: "en" unless a test sets another */
} SimFixture;

/* The folder of the shipped catalog and of the test requests. */
const char *sim_fixture_catalog      (void);
char       *sim_fixture_request_path (const char *name);

/* Starts the simulator (port 0, a record file) with extra arguments (NULL-terminated);
 * with_tls also makes test certificates and serves HTTPS with them. */
SimFixture *sim_fixture_new          (gboolean     with_tls,
                                      const char  *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
void        sim_fixture_free         (SimFixture  *fixture);

/* Writes loket.conf: every agency of the shipped catalog at the simulator's HTTP URL with
 * timeout seconds; agency_lines, if not NULL, replaces the lines of agency `special`. */
void        sim_fixture_write_config (SimFixture  *fixture,
                                      guint        timeout,
                                      const char  *special,
                                      const char  *agency_lines);

/* Runs loketctl --config … ARGS…; returns its exit status, stdout and stderr in out/err. */
int         sim_fixture_ctl          (SimFixture  *fixture,
                                      char       **out,
                                      char       **err,
                                      const char  *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Starts loketctl without waiting (stdout and stderr silenced). */
GSubprocess *sim_fixture_ctl_spawn   (SimFixture  *fixture,
                                      const char  *first_arg,
                                      ...) G_GNUC_NULL_TERMINATED;
/* submit NAME.json from tests/data/requests; returns the tracking code. */
char       *sim_fixture_submit       (SimFixture  *fixture,
                                      const char  *request);

/* The control API: method, path and a JSON body or NULL; returns the parsed answer. */
JsonNode   *sim_fixture_control      (SimFixture  *fixture,
                                      const char  *method,
                                      const char  *path,
                                      const char  *body);
void        sim_fixture_set_faults   (SimFixture  *fixture,
                                      const char  *agency,
                                      const char  *first_spec,
                                      ...) G_GNUC_NULL_TERMINATED;
/* A number from GET /_control/stats, by a path like "agencies.samsat.submissions". */
gint64      sim_fixture_stat         (SimFixture  *fixture,
                                      const char  *path);

/* The record file, one JsonObject per line (a GPtrArray of JsonNode*). */
GPtrArray  *sim_fixture_read_record  (SimFixture  *fixture);

/* `outbox list --json` as an array of part objects (a JsonNode holding the array). */
JsonNode   *sim_fixture_parts        (SimFixture  *fixture);
/* The state of one part, from `outbox list --json`; NULL if not found. */
char       *sim_fixture_part_field   (SimFixture  *fixture,
                                      const char  *part_id,
                                      const char  *member);

/* A protocol v1 body for a part stored straight into the outbox (benchmarks, key tests):
 * service stnk-renewal-like data without a catalog check. */
GBytes     *sim_fixture_make_body    (const char  *tracking_code,
                                      const char  *part_id,
                                      const char  *service);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimFixture, sim_fixture_free)

G_END_DECLS
