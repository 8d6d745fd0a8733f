/* sim-request.h — one request on its way through the simulator, shared by its handlers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sim.h"

G_BEGIN_DECLS

#define SIM_PROTOCOL "loket-agency/1"
/* An agency refuses bodies it will not parse: json-glib crashes on very deep nesting. */
#define MAX_BODY (1024 * 1024)
#define MAX_DEPTH 64

typedef struct {
  SimServer         *server;
  SoupServerMessage *msg;
  GHashTable        *query;
  SimAgency         *agency;
  char              *path;
  const char        *method;
  const char        *endpoint;   /* inside path: "submissions", "health", … */
  GBytes            *body;
  gboolean           xroad;
  gboolean           paused;
  guint              next_fault;
  SimSubmission     *waiting;    /* a first POST kept "being processed" */
} SimRequest;

/* sim-server.c */
void      sim_request_dispatch            (SimRequest *req);

/* sim-faults.c: answers req by its agency's faults, or goes on to sim_request_dispatch (). */
void      sim_faults_run                  (SimRequest *req);

/* sim-respond.c: each of these answers, records and frees req; body is consumed. */
void      sim_request_respond             (SimRequest *req,
                                           guint       status,
                                           JsonNode   *body,
                                           const char *reference,
                                           const char *fault);
void      sim_request_respond_text        (SimRequest *req,
                                           guint       status,
                                           char       *text,
                                           const char *fault);
void      sim_request_respond_raw         (SimRequest     *req,
                                           const SimFault *fault);
void      sim_request_respond_error       (SimRequest *req,
                                           guint       status,
                                           const char *field,
                                           const char *code,
                                           const char *message);
void      sim_request_respond_xroad_error (SimRequest *req,
                                           const char *type,
                                           const char *message,
                                           const char *fault);
void      sim_request_pause               (SimRequest *req);
JsonNode *sim_error_body                  (const char *field,
                                           const char *code,
                                           const char *message);

/* sim-auth.c: sim_auth_check () answers (401) and frees req when it returns FALSE. */
gboolean  sim_auth_check                  (SimRequest    *req);
void      sim_auth_token                  (SimRequest    *req);

/* sim-submissions.c */
void      sim_submission_free             (SimSubmission *sub);
void      sim_submissions_post            (SimRequest    *req);
void      sim_submissions_query           (SimRequest    *req);

G_END_DECLS
