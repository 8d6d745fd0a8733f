/* test-sim-util.h — start the built agency simulator and talk to it, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *dir;          /* a temporary folder: port files, the record, certificates */
  char        *record;
  guint        port;
  guint        tls_port;     /* 0 without --tls-cert */
} TestSim;

typedef struct {
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GError             *error;  /* the transport failed: no status */
} TestResponse;

/* The test catalog's folder. */
const char   *test_sim_catalog        (void);
/* make-test-certs into a new temporary folder (removed by test_sim_remove_dir). */
char         *test_sim_make_certs     (void);
void          test_sim_remove_dir     (const char *dir);

/* Starts the simulator with --port 0 --port-file --record and these arguments (NULL-ended),
 * adding --tls-port-file when --tls-cert is among them, and waits until it listens. */
TestSim      *test_sim_start          (const char *first_arg,
                                       ...) G_GNUC_NULL_TERMINATED;
/* SIGTERM, then checks that it exits 0. */
void          test_sim_stop           (TestSim    *sim);
char         *test_sim_url            (TestSim    *sim,
                                       const char *path);
GPtrArray    *test_sim_record_lines   (TestSim    *sim);   /* of JsonNode* */

/* A session that uses no proxy (whatever the environment says) and gives up after
 * timeout seconds (0: never). */
SoupSession  *test_session_new        (guint       timeout);

/* A request; extra headers as name, value pairs, NULL-ended. body may be NULL. */
TestResponse *test_request            (SoupSession *session,
                                       const char  *method,
                                       const char  *url,
                                       const char  *content_type,
                                       const char  *body,
                                       ...) G_GNUC_NULL_TERMINATED;
TestResponse *test_request_message    (SoupSession *session,
                                       SoupMessage *msg);
void          test_response_free      (TestResponse *response);
/* The body parsed; fails the test when it is not JSON. */
JsonNode     *test_response_json      (TestResponse *response);
const char   *test_response_text      (TestResponse *response);

/* Reads a JSON path ("$.errors[0].code" style, written as "errors.0.code") as a string,
 * number or boolean text; NULL when absent. */
char         *test_json_get           (JsonNode   *node,
                                       const char *path);

/* A valid canonical tracking code made from n. */
char         *test_tracking_code      (guint64     n);
/* A protocol v1 body for key (also the part id), with data as JSON text. */
char         *test_submission         (const char *key,
                                       const char *tracking_code,
                                       const char *service,
                                       const char *data_json);
/* POSTs test_submission () with the usual headers to PATH (e.g. "/djp/submissions"). */
TestResponse *test_submit             (SoupSession *session,
                                       TestSim     *sim,
                                       const char  *path,
                                       const char  *key,
                                       const char  *tracking_code,
                                       const char  *service,
                                       const char  *data_json);
/* POSTs JSON to /_control/WHAT and checks it answers 200. */
void          test_control            (SoupSession *session,
                                       TestSim     *sim,
                                       const char  *what,
                                       const char  *json);
/* GET /_control/stats, then a path in it ("agencies.djp.statuses.201"); NULL if absent. */
char         *test_stat               (SoupSession *session,
                                       TestSim     *sim,
                                       const char  *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestResponse, test_response_free)

G_END_DECLS
