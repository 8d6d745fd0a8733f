/* loket-outbox.h — the durable store of requests and their parts (SQLite, personal data sealed)
 *
 * The outbox keeps every part of every request until its agency has acknowledged it. A request
 * and all its parts are committed in one transaction, durably (WAL, synchronous=FULL), before the
 * kiosk tells the citizen "submitted". Personal data (bodies, the agency's outputs and answers,
 * consent records) is encrypted before it is written and deleted when a part ends; tracking
 * metadata stays until the retention sweep.
 *
 * Threads: a LoketOutbox is one SQLite connection with its own statement cache. Use it from one
 * thread at a time; a worker thread (the delivery engine) opens its own LoketOutbox on the same
 * state folder. Any number of connections and processes may share one database: writes are
 * serialised by SQLite, and parts being sent are claimed with a lease (owner + expiry), which
 * a dead owner loses at once (LoketOutboxOwner).
 *
 * Times are microseconds since the Unix epoch (g_get_real_time ()). Each part also keeps the
 * boot it was stored in and CLOCK_BOOTTIME then: within that boot its age comes from the boot
 * clock, and when the wall clock jumps (NTP correcting a clock that booted wrong) the times
 * stored in this boot are re-dated to match (loket-outbox-clock.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "config/loket-config.h"

G_BEGIN_DECLS

#define LOKET_OUTBOX_ERROR (loket_outbox_error_quark ())

typedef enum {
  LOKET_OUTBOX_ERROR_UNAVAILABLE, /* the database cannot be read or written (full disk,
                                   * read-only, corrupt, cannot open): send the citizen to the
                                   * counter; what was accepted before is kept */
  LOKET_OUTBOX_ERROR_KEY,         /* no usable key: new requests are refused, metadata is listed */
  LOKET_OUTBOX_ERROR_DECRYPT,     /* stored data does not decrypt with this key */
  LOKET_OUTBOX_ERROR_NOT_FOUND,   /* no such request or part */
  LOKET_OUTBOX_ERROR_STATE,       /* the part's state does not allow this */
  LOKET_OUTBOX_ERROR_LEASE,       /* the caller does not hold the part's lease (any more) */
  LOKET_OUTBOX_ERROR_INVALID,     /* the request given to store is malformed */
  LOKET_OUTBOX_ERROR_DUPLICATE,   /* the tracking code or a part id is already stored */
} LoketOutboxError;

GQuark loket_outbox_error_quark (void);

/* The stored spellings ("queued", "sending", …) are stable: loketctl prints them. */
typedef enum {
  LOKET_OUTBOX_STATE_QUEUED,
  LOKET_OUTBOX_STATE_SENDING,
  LOKET_OUTBOX_STATE_DELIVERED,
  LOKET_OUTBOX_STATE_RETRY,          /* waiting to retry at next_attempt_at */
  LOKET_OUTBOX_STATE_REJECTED,       /* 422: the agency refused the content */
  LOKET_OUTBOX_STATE_NEEDS_STAFF,    /* see the part's reason */
  LOKET_OUTBOX_STATE_CANCELLED,      /* by staff */
  LOKET_OUTBOX_STATE_WAITING,        /* waiting for the service named by `after` */
  LOKET_OUTBOX_STATE_CANNOT_PROCEED, /* its prerequisite ended without being delivered */
  LOKET_OUTBOX_STATE_MOVED,          /* exported to another kiosk (loketctl outbox export):
                                      * never sent from here again */
} LoketOutboxState;

#define LOKET_OUTBOX_N_STATES (LOKET_OUTBOX_STATE_MOVED + 1)

const char *loket_outbox_state_to_string   (LoketOutboxState  state);
gboolean    loket_outbox_state_from_string (const char       *string,
                                            LoketOutboxState *state);
gboolean    loket_outbox_state_is_final    (LoketOutboxState  state);

/* ---- Storing a request: borrowed pointers, nothing is kept after the call ---- */

typedef struct {
  const char *part_id;   /* a UUID, also the Idempotency-Key */
  const char *service;
  const char *agency;
  const char *after;     /* the service this part waits for (in the same request), or NULL */
  const char *inputs;    /* JSON object {"<field id>": "<output name>"} when after is set */
  GBytes     *body;      /* serialised once; re-sent byte for byte. With after: a draft the
                          * delivery engine completes (loket_outbox_complete_part), or NULL */
  GBytes     *consent;   /* a consent record that carries personal data, or NULL */
} LoketOutboxPartSpec;

typedef struct {
  const char                *tracking_code; /* canonical form */
  const char                *language;
  const char                *life_event;    /* or NULL */
  gint64                     created_at;    /* 0: now */
  const LoketOutboxPartSpec *parts;
  guint                      n_parts;
} LoketOutboxRequestSpec;

/* ---- What the outbox tells about parts: metadata only, never personal data ---- */

typedef struct {
  char             *part_id;
  char             *tracking_code;
  char             *service;
  char             *agency;
  char             *after;
  char             *inputs;
  LoketOutboxState  state;
  char             *reason;            /* a stored reason (net/loket-reason.h): a bare code,
                                        * e.g. "expired", "held", or a code with arguments;
                                        * loket_reason_format () puts it into words */
  char             *reference;         /* the agency's, once delivered */
  int               http_status;       /* of the last attempt, 0 when there was no answer */
  guint             attempts;
  gint64            created_at;
  gint64            updated_at;
  gint64            next_attempt_at;
  gint64            ended_at;          /* 0 while the part has not ended: delivered,
                                        * rejected, cancelled, cannot-proceed, or its
                                        * personal data expired (pii-max-days) */
  gboolean          has_personal_data; /* any encrypted column is still set */
  char             *lease_owner;
  gint64            lease_until;
} LoketOutboxPart;

typedef struct {
  char      *tracking_code;
  char      *language;
  char      *life_event;
  gint64     created_at;
  GPtrArray *parts;                    /* of LoketOutboxPart*, in the order stored */
} LoketOutboxRequest;

typedef struct {
  int               state;             /* a LoketOutboxState, or -1 for any */
  const char       *agency;            /* or NULL for any */
} LoketOutboxFilter;

typedef struct {
  char     *agency;
  guint     counts[LOKET_OUTBOX_N_STATES];
  gboolean  held;
  char     *held_reason;  /* a stored reason, as LoketOutboxPart's */
  gint64    held_since;
} LoketOutboxAgency;

void loket_outbox_part_free    (LoketOutboxPart    *part);
void loket_outbox_request_free (LoketOutboxRequest *request);
void loket_outbox_agency_free  (LoketOutboxAgency  *agency);

/* ---- What the delivery engine reports after an attempt ---- */

typedef enum {
  LOKET_OUTBOX_OUTCOME_DELIVERED,   /* 2xx with a reference */
  LOKET_OUTBOX_OUTCOME_RETRY,       /* 408, 409, 425, 429, 5xx, timeouts, transport failures */
  LOKET_OUTBOX_OUTCOME_GARBAGE,     /* an answer not understood: retried a bounded number of
                                     * times, then needs staff */
  LOKET_OUTBOX_OUTCOME_REJECTED,    /* 422 with the agency's reasons: the part ends */
  LOKET_OUTBOX_OUTCOME_NEEDS_STAFF, /* 400, 422 idempotency_key_reused */
  LOKET_OUTBOX_OUTCOME_HELD,        /* 401/403, X-Road Client.*: the agency is held */
} LoketOutboxOutcome;

typedef struct {
  LoketOutboxOutcome  outcome;
  int                 http_status;  /* 0 when no answer came */
  const char         *error_text;   /* for the attempt log: a stored reason (net/loket-
                                     * reason.h), not words; never personal data */
  const char         *reference;    /* DELIVERED: required */
  GBytes             *outputs;      /* DELIVERED: the agency's outputs (JSON), or NULL */
  GBytes             *reasons;      /* NEEDS_STAFF: the agency's answer, kept encrypted for
                                     * staff tools; REJECTED: not kept (the part ends) */
  const char         *reason;       /* NEEDS_STAFF, HELD: a stored reason (a code with its
                                     * arguments, put into words when read), without
                                     * personal data */
  gint64              retry_after;  /* RETRY, GARBAGE: the delay the agency asked for (µs), 0 */
} LoketOutboxResult;

/* ---- Retry schedule ---- */

typedef struct {
  gint64 base;         /* µs: the first retry waits up to this */
  gint64 cap;          /* µs: no exponential delay beyond this */
  guint  max_garbage;  /* answers not understood before the part needs staff */
} LoketOutboxSchedule;

/* Full jitter: uniform in [0, min (cap, base × 2^attempt)], then at least retry_after. */
gint64   loket_outbox_backoff_delay     (const LoketOutboxSchedule *schedule,
                                         guint                      attempt,
                                         gint64                     retry_after,
                                         GRand                     *rand);
/* A Retry-After header: delay-seconds or an IMF-fixdate. FALSE when it is neither. */
gboolean loket_outbox_parse_retry_after (const char                *value,
                                         gint64                     now,
                                         gint64                    *delay);

/* ---- The outbox ---- */

typedef struct _LoketOutbox LoketOutbox;

typedef enum {
  LOKET_OUTBOX_OPEN_DEFAULT   = 0,
  LOKET_OUTBOX_OPEN_READ_ONLY = 1 << 0,  /* staff tools that only list */
  LOKET_OUTBOX_OPEN_QUIET_KEY = 1 << 1,  /* the caller reports a key problem itself (the
                                            kiosk's service state, once per change) */
} LoketOutboxOpenFlags;

/* Opens (creating it on first use) STATE_DIR/outbox.sqlite3. A key problem does not fail the
 * open: see loket_outbox_get_key_error (). A database problem does (UNAVAILABLE). */
LoketOutbox  *loket_outbox_open             (const char              *state_dir,
                                             const char              *key_file,
                                             LoketOutboxOpenFlags     flags,
                                             GError                 **error);
LoketOutbox  *loket_outbox_open_for_config  (const LoketConfig       *config,
                                             LoketOutboxOpenFlags     flags,
                                             GError                 **error);
void          loket_outbox_close            (LoketOutbox             *self);

const char   *loket_outbox_get_path         (LoketOutbox             *self);
/* NULL when the key is usable; else why new requests are refused. */
const GError *loket_outbox_get_key_error    (LoketOutbox             *self);
void          loket_outbox_set_schedule     (LoketOutbox             *self,
                                             const LoketOutboxSchedule *schedule);

gboolean      loket_outbox_store_request    (LoketOutbox                  *self,
                                             const LoketOutboxRequestSpec *spec,
                                             GError                      **error);
/* A corrected part resent for a request already stored (the old one was rejected); parts
 * waiting for its service now wait for this one. */
gboolean      loket_outbox_add_part         (LoketOutbox                  *self,
                                             const char                   *tracking_code,
                                             const LoketOutboxPartSpec    *part,
                                             GError                      **error);

/* Queries (metadata only) */
GPtrArray          *loket_outbox_list_parts    (LoketOutbox             *self,
                                                const LoketOutboxFilter *filter,
                                                GError                 **error);
GPtrArray          *loket_outbox_list_requests (LoketOutbox             *self,
                                                const LoketOutboxFilter *filter,
                                                GError                 **error);
LoketOutboxRequest *loket_outbox_get_request   (LoketOutbox             *self,
                                                const char              *tracking_code,
                                                GError                 **error);
LoketOutboxPart    *loket_outbox_get_part      (LoketOutbox             *self,
                                                const char              *part_id,
                                                GError                 **error);
GPtrArray          *loket_outbox_count_by_agency (LoketOutbox           *self,
                                                  GError               **error);
/* FALSE without an error when nothing is waiting to be sent. */
gboolean            loket_outbox_next_due      (LoketOutbox             *self,
                                                gint64                  *when,
                                                GError                 **error);

/* Delivery. claim_due leases up to max_parts due parts (queued or retry and due, or sending
 * with an expired lease or a dead owner: see LoketOutboxOwner; not of a held agency) to owner
 * for lease µs, in one UPDATE: two engines never get the same part. Only the lease holder may decrypt the body (to send it),
 * renew, release (back to queued, no attempt counted) or record the outcome. Every outcome is
 * logged in the attempts table; a part that ends loses its personal data in the same
 * transaction. */
GPtrArray *loket_outbox_claim_due      (LoketOutbox              *self,
                                        const char               *owner,
                                        gint64                    lease,
                                        guint                     max_parts,
                                        GError                  **error);
/* As claim_due, but passes over the parts of skip_agencies (NULL-terminated, or NULL) and
 * takes at most max_per_agency parts of any one agency (0: no bound), so that an engine whose
 * agency is full or resting still gets the other agencies' parts. */
GPtrArray *loket_outbox_claim_due_except (LoketOutbox         *self,
                                          const char          *owner,
                                          gint64               lease,
                                          guint                max_parts,
                                          guint                max_per_agency,
                                          const char * const  *skip_agencies,
                                          GError             **error);
gboolean   loket_outbox_renew_lease    (LoketOutbox              *self,
                                        const char               *part_id,
                                        const char               *owner,
                                        gint64                    lease,
                                        GError                  **error);
gboolean   loket_outbox_release        (LoketOutbox              *self,
                                        const char               *part_id,
                                        const char               *owner,
                                        GError                  **error);
GBytes    *loket_outbox_decrypt_body   (LoketOutbox              *self,
                                        const char               *part_id,
                                        const char               *owner,
                                        GError                  **error);
gboolean   loket_outbox_record_outcome (LoketOutbox              *self,
                                        const char               *part_id,
                                        const char               *owner,
                                        const LoketOutboxResult  *result,
                                        GError                  **error);
/* Renews the leases of the parts (a NULL-terminated list) this owner still holds, in one
 * transaction; a part another engine took over meanwhile is left alone (its outcome will be
 * refused). The delivery engine renews what it has in flight, so a lease only runs out when
 * its engine stopped working on the part. */
gboolean   loket_outbox_renew_leases   (LoketOutbox              *self,
                                        const char               *owner,
                                        const char * const       *part_ids,
                                        gint64                    lease,
                                        GError                  **error);

/* A delivery engine's lock of life: STATE_DIR/owners/ID.lock, flock'd while the engine lives
 * and let go by the kernel when it dies. Its id (name + a random suffix) is the engine's lease
 * owner. Every claim first gives back, due at once, the parts of owners whose lock is free
 * (dead, or stopped without releasing), so a restarted engine resumes at once instead of
 * waiting for the leases; a live owner's parts wait for their lease. Owners without a lock
 * file (any other owner string) have leases alone. name must not contain '/'. */
typedef struct _LoketOutboxOwner LoketOutboxOwner;

LoketOutboxOwner *loket_outbox_owner_new    (LoketOutbox       *outbox,
                                             const char        *name,
                                             GError           **error);
const char       *loket_outbox_owner_get_id (LoketOutboxOwner  *self);
/* Lets go of the lock (as a crash would); the next claim by any engine removes the file. */
void              loket_outbox_owner_free   (LoketOutboxOwner  *self);

/* Group commit: the state changes made between batch_begin and batch_commit (each still
 * all-or-nothing on its own) become durable together, with one fsync. Nothing of them may be
 * reported as done before batch_commit returns TRUE; if it fails, none of them happened.
 * A batch that ended parts checkpoints (TRUNCATE) after its commit, so the ciphertext of
 * their personal data leaves the files with it. Not for purge, sweep or checkpoint. */
gboolean   loket_outbox_batch_begin    (LoketOutbox              *self,
                                        GError                  **error);
gboolean   loket_outbox_batch_commit   (LoketOutbox              *self,
                                        GError                  **error);
GBytes    *loket_outbox_decrypt_reasons (LoketOutbox             *self,
                                         const char              *part_id,
                                         GError                 **error);

/* Parts waiting for other parts. When a part is delivered with outputs, get_dependants returns
 * the parts of its request that wait for its service, and the outputs (decrypted); the engine
 * fills each draft (decrypt_draft) and stores the completed body once (complete_part: waiting →
 * queued). Outputs are kept, sealed, only while a dependant waits. A rejected prerequisite
 * leaves its dependants waiting for a resend (add_part); give_up_service, or staff cancelling
 * the last live part of the service, ends them as cannot-proceed. */
gboolean   loket_outbox_store_outputs   (LoketOutbox             *self,
                                         const char              *part_id,
                                         GBytes                  *outputs,
                                         GError                 **error);
GPtrArray *loket_outbox_get_dependants  (LoketOutbox             *self,
                                         const char              *part_id,
                                         GBytes                 **outputs,
                                         GError                 **error);
GBytes    *loket_outbox_decrypt_draft   (LoketOutbox             *self,
                                         const char              *part_id,
                                         GError                 **error);
gboolean   loket_outbox_complete_part   (LoketOutbox             *self,
                                         const char              *part_id,
                                         GBytes                  *body,
                                         GError                 **error);
gboolean   loket_outbox_give_up_service (LoketOutbox             *self,
                                         const char              *tracking_code,
                                         const char              *service,
                                         GError                 **error);
/* give_up_service of the part's request and service (staff: admin mode, loketctl). */
gboolean   loket_outbox_give_up_dependants (LoketOutbox          *self,
                                            const char           *part_id,
                                            GError              **error);

/* Staff. retry_now: retry or needs-staff → queued, due now (refused once the personal data is
 * gone). cancel: any part not ended and not being sent → cancelled. purge: removes a request
 * whose parts all ended, then checkpoints. Holding an agency keeps all its parts waiting. */
gboolean   loket_outbox_retry_now       (LoketOutbox             *self,
                                         const char              *part_id,
                                         GError                 **error);
gboolean   loket_outbox_cancel          (LoketOutbox             *self,
                                         const char              *part_id,
                                         GError                 **error);
gboolean   loket_outbox_purge           (LoketOutbox             *self,
                                         const char              *tracking_code,
                                         GError                 **error);
gboolean   loket_outbox_hold_agency     (LoketOutbox             *self,
                                         const char              *agency,
                                         const char              *reason,
                                         GError                 **error);
gboolean   loket_outbox_release_agency  (LoketOutbox             *self,
                                         const char              *agency,
                                         GError                 **error);

/* The receipt's print outcome for staff ("printed", "failed:paper-out", …, see
 * loket_print_outcome_to_string ()), kept with the request with the time; the latest wins.
 * NOT_FOUND when the request is not stored. */
gboolean   loket_outbox_record_receipt  (LoketOutbox             *self,
                                         const char              *tracking_code,
                                         const char              *outcome,
                                         GError                 **error);

/* Moving a dead kiosk's outbox (loket-outbox-move.c). Each kiosk's box keypair is derived
 * from its outbox key; get_public_key gives its public half, base64. export seals every part
 * not ended to the kiosk `to` (base64) into the file path, and marks them moved (never sent
 * from here again, their personal data deleted) once the file is written; each part carries
 * its personal-data deadline (pii_max_days after it was stored, as this kiosk counts it).
 * import refuses, whole, a bundle not made by `from`, meant for another kiosk, truncated or
 * changed; otherwise it adds the parts (due at once) with the deadlines they came with,
 * skipping part ids already present. */
char      *loket_outbox_get_public_key  (LoketOutbox             *self,
                                         GError                 **error);
gboolean   loket_outbox_export          (LoketOutbox             *self,
                                         const char              *to,
                                         const char              *path,
                                         guint                    pii_max_days,
                                         guint                   *n_parts,
                                         GError                 **error);
gboolean   loket_outbox_import          (LoketOutbox             *self,
                                         GBytes                  *bundle,
                                         const char              *from,
                                         guint                   *n_added,
                                         guint                   *n_skipped,
                                         GError                 **error);

/* Metrics (loket-outbox-metrics.c): sets the outbox gauges afresh from the database
 * (parts by agency and state, the oldest part still to be sent, the last delivery); each of
 * agencies (NULL-terminated, or NULL) appears even with nothing stored. Only the process that
 * holds the metrics lock calls it (metrics/loket-metrics-file.h). */
gboolean   loket_outbox_export_metrics  (LoketOutbox             *self,
                                         const char * const      *agencies,
                                         GError                 **error);

/* Retention */
typedef struct {
  guint parts_expired;     /* personal data deleted after pii-max-days */
  guint requests_removed;  /* metadata deleted after retention-days */
} LoketOutboxSweepStats;

/* Deletes personal data of parts older than pii_max_days, and ends them there (a part that
 * could still be sent then needs staff, reason "expired"; one being sent under a live lease is
 * left to its engine), and removes requests whose every part ended at least retention_days
 * ago; a request with a part not ended stays. Ages follow the clock rules above. */
gboolean   loket_outbox_sweep           (LoketOutbox             *self,
                                         guint                    pii_max_days,
                                         guint                    retention_days,
                                         LoketOutboxSweepStats   *stats,
                                         GError                 **error);
/* TRUNCATE: every frame into the database file and the -wal file emptied. Every commit that
 * deleted personal data (a part ended, a sweep, a purge; a batch once, at its commit) does it
 * already. A reader of another connection makes it incomplete (not an error); the next one
 * finishes it. */
gboolean   loket_outbox_checkpoint      (LoketOutbox             *self,
                                         GError                 **error);

/* The outbox's clock: the wall time now (µs since the Unix epoch), after re-dating the times
 * stored in this boot if the wall clock jumped since the last look. */
gint64     loket_outbox_now             (LoketOutbox             *self);
/* Whether the part was stored at least DAYS ago, counted as the sweep counts pii-max-days. */
gboolean   loket_outbox_part_older_than (LoketOutbox             *self,
                                         const char              *part_id,
                                         guint                    days,
                                         gboolean                *older,
                                         GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOutbox, loket_outbox_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOutboxPart, loket_outbox_part_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOutboxRequest, loket_outbox_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOutboxAgency, loket_outbox_agency_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOutboxOwner, loket_outbox_owner_free)

G_END_DECLS
