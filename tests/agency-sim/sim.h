/* sim.h — the agency simulator's shared model: agencies, services, faults, submissions
 *
 * The simulator plays the agencies' side of agency protocol v1 (docs/agency-protocol.md).
 * Everything runs on one main loop, so the model needs no locks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define SIM_ERROR (sim_error_quark ())

typedef enum {
  SIM_ERROR_INVALID,   /* a command-line value, fault spec, setting or catalog is wrong */
  SIM_ERROR_IO,        /* a file cannot be read or written */
} SimError;

GQuark sim_error_quark (void);

/* One service as the agency reads it from the catalog: only what it checks. */
typedef struct {
  char       *id;
  char       *agency;
  GHashTable *fields;        /* field id → itself: what the service declares */
  GStrv       outputs;       /* or NULL */
  guint       working_days;
} SimService;

typedef enum {
  SIM_PROFILE_PLAIN,
  SIM_PROFILE_OAUTH2,
  SIM_PROFILE_XROAD,
} SimProfile;

typedef enum {
  SIM_FAULT_LATENCY,           /* latency:MS — then the request goes on */
  SIM_FAULT_STATUS,            /* status:CODE — an empty JSON error with that status */
  SIM_FAULT_BURST,             /* burst:N — N times 500, then success */
  SIM_FAULT_UNAVAILABLE,       /* unavailable:SECONDS — 503, Retry-After in seconds */
  SIM_FAULT_UNAVAILABLE_DATE,  /* unavailable-date:SECONDS — 503, Retry-After as HTTP-date */
  SIM_FAULT_TOO_MANY,          /* too-many:SECONDS — 429, Retry-After in seconds */
  SIM_FAULT_UNAUTHORIZED,      /* unauthorized — 401 */
  SIM_FAULT_REJECT,            /* reject:FIELD=VALUE — 422 with a field error */
  SIM_FAULT_DROP,              /* drop — close the connection without an answer */
  SIM_FAULT_TRUNCATE,          /* truncate — Content-Length larger than what is sent */
  SIM_FAULT_STALL,             /* stall — never answer */
  SIM_FAULT_NOT_JSON,          /* not-json — 201 whose body is not JSON */
  SIM_FAULT_HUGE,              /* huge:MIB — 201 with a body of MIB mebibytes */
  SIM_FAULT_ENDLESS,           /* endless — 201, chunked, never ends */
  SIM_FAULT_DEEP,              /* deep:LEVELS — 201 with JSON nested LEVELS deep */
  SIM_FAULT_XROAD_ERROR,       /* xroad-error:CODE — X-Road-Error: CODE */
} SimFaultKind;

typedef enum {
  SIM_METHOD_ANY,
  SIM_METHOD_POST,
  SIM_METHOD_GET,
} SimMethod;

typedef struct {
  char         *spec;        /* as written, for GET /_control/faults */
  SimFaultKind  kind;
  gint64        number;      /* milliseconds, status, seconds, MiB, levels, burst size */
  char         *field;       /* reject: the data member; xroad-error: the code */
  char         *value;       /* reject: the value that is refused */
  gint64        remaining;   /* requests it still applies to; -1: always */
  SimMethod     method;
  guint         fired;
} SimFault;

typedef struct {
  char       *id;
  char       *prefix;               /* of references: "DKP" */
  SimProfile  profile;
  char       *token;                /* plain: a bearer token required, or NULL */
  char       *client_id;            /* oauth2 */
  char       *client_secret;
  guint       token_lifetime;       /* seconds */
  char       *xroad_service;        /* xroad: "INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE" */
  guint       processing_delay;     /* ms a first POST stays "being processed" */
  double      outputs_delay;        /* seconds until outputs show; 0: in the 201 answer */
  GHashTable *service_outputs_delay;  /* service id → double*, overrides outputs_delay */
  GStrv       statuses;             /* the path a submission walks over time */
  GPtrArray  *faults;               /* of SimFault* */

  guint       next_reference;
  guint       next_nik_serial;

  /* Counts for GET /_control/stats. */
  guint       requests;
  GHashTable *status_counts;        /* "201" → GUINT_TO_POINTER (count) */
  guint       submissions;
  guint       violations;
  guint       tokens_issued;
  guint       faults_fired;
} SimAgency;

typedef struct {
  SimAgency  *agency;
  char       *key;             /* the Idempotency-Key without quotes */
  GBytes     *body;
  char       *tracking_code;
  char       *part_id;
  char       *service;
  char       *reference;
  char       *expected_completion;
  gint64      created;         /* monotonic µs, for the status walk */
  GDateTime  *created_at;      /* wall clock, for updated_at */
  gboolean    processing;      /* answered 409 to a repeat until this is FALSE */
  JsonObject *outputs;         /* or NULL */
} SimSubmission;

typedef struct {
  char      *agency;
  gint64     expires;          /* monotonic µs */
} SimToken;

typedef struct {
  GHashTable *agencies;        /* id → SimAgency* */
  GPtrArray  *agency_order;    /* of SimAgency*, as configured */
  GHashTable *services;        /* id → SimService*, or NULL without a catalog */
  GHashTable *submissions;     /* "agency\nkey" → SimSubmission* */
  GPtrArray  *submission_list; /* of SimSubmission*, owning, in arrival order */
  GHashTable *tokens;          /* access token → SimToken* */
  GPtrArray  *held;            /* of GIOStream*: stalled connections, kept open */
  double      status_step;     /* seconds per status; <= 0: statuses never move */
  FILE       *record;
  FILE       *wire_record;     /* $LOKET_SIM_RECORD_DIR: the same lines, for tests/docs */
  guint       requests;
  guint       control_requests;
  GTlsDatabase *client_ca;     /* mTLS: client certificates must chain to it, or NULL */
  GPtrArray  *help_calls;      /* sim-help.c: the kiosk's Help calls, or NULL */
} SimServer;

/* sim-help.c: POST /_help (the kiosk's Help button) and GET /_control/help */
void        sim_help_handle           (SimServer         *server,
                                       SoupServerMessage *msg);
void        sim_help_list             (SimServer         *server,
                                       SoupServerMessage *msg);

/* sim-catalog.c */
GHashTable *sim_catalog_read          (const char  *dir,
                                       GPtrArray   *agency_ids,
                                       GError     **error);
void        sim_service_free          (SimService  *service);

gboolean    sim_json_depth_within     (const char  *text,
                                       gsize        length,
                                       guint        max);

/* sim-faults.c */
SimFault   *sim_fault_parse           (const char  *spec,
                                       GError     **error);
void        sim_fault_free            (SimFault    *fault);
gboolean    sim_fault_applies         (const SimFault *fault,
                                       const char     *method);
const char *sim_fault_kind_to_string  (SimFaultKind kind);
void        sim_fault_write_raw       (SimServer         *server,
                                       const SimFault    *fault,
                                       SoupServerMessage *msg);
char       *sim_deep_json             (guint        levels);

/* sim-outputs.c */
char       *sim_nik_for_child         (JsonObject  *data,
                                       guint        serial);
gboolean    sim_nik_is_valid          (const char  *nik);
JsonObject *sim_outputs_make          (SimAgency   *agency,
                                       const SimService *service,
                                       JsonObject  *data);
gboolean    sim_tracking_code_is_valid (const char *code);

/* sim-server.c */
SimServer  *sim_server_new            (void);
void        sim_server_free           (SimServer   *server);
SimAgency  *sim_server_add_agency     (SimServer   *server,
                                       const char  *id);
void        sim_server_reset          (SimServer   *server);
void        sim_server_attach         (SimServer   *server,
                                       SoupServer  *soup);

/* sim-settings.c */
gboolean    sim_server_set            (SimServer   *server,
                                       const char  *agency_id,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
gboolean    sim_server_load_keyfile   (SimServer   *server,
                                       const char  *path,
                                       GError     **error);
gboolean    sim_server_add_fault      (SimServer   *server,
                                       const char  *agency_fault,
                                       GError     **error);

/* sim-respond.c */
void        sim_respond_json          (SoupServerMessage *msg,
                                       guint              status,
                                       JsonNode          *body);

/* sim-control.c */
void        sim_control_handle        (SimServer         *server,
                                       SoupServerMessage *msg,
                                       const char        *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimFault, sim_fault_free)

G_END_DECLS
