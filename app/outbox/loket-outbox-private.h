/* loket-outbox-private.h — what the outbox's files share, and the hooks its tests use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "loket-outbox.h"

G_BEGIN_DECLS

/* ---- The key (loket-outbox-key.c) ---- */

#define LOKET_OUTBOX_KEY_BYTES 32

typedef struct _LoketOutboxKey LoketOutboxKey;

LoketOutboxKey *loket_outbox_key_load  (const char      *path,
                                        GError         **error);
void            loket_outbox_key_free  (LoketOutboxKey  *key);
/* nonce ‖ ciphertext, with the part id as associated data */
GBytes         *loket_outbox_key_seal  (LoketOutboxKey  *key,
                                        GBytes          *plain,
                                        const char      *part_id);
/* Returns bytes that are wiped when freed. */
GBytes         *loket_outbox_key_open  (LoketOutboxKey  *key,
                                        const void      *sealed,
                                        gsize            sealed_len,
                                        const char      *part_id,
                                        const char      *key_path,
                                        GError         **error);

/* The box keypair (crypto_kdf from the key, then crypto_box_seed_keypair). secret_key, when
 * not NULL, must hold crypto_box_SECRETKEYBYTES in memory from sodium_malloc. */
#define LOKET_OUTBOX_BOX_PUBLIC_BYTES 32
void            loket_outbox_key_box_keypair (LoketOutboxKey *key,
                                              unsigned char   public_key[LOKET_OUTBOX_BOX_PUBLIC_BYTES],
                                              unsigned char  *secret_key);

/* ---- The clock (loket-outbox-clock.c) ---- */

/* One look at the clocks. Stored times are wall times; a part also keeps the boot it was
 * stored in and CLOCK_BOOTTIME then, because the wall clock can be wrong (a kiosk that boots
 * before NTP) and be set (NTP correcting it), while CLOCK_BOOTTIME only runs, suspend
 * included. */
typedef struct {
  gint64 wall;         /* µs since the Unix epoch (CLOCK_REALTIME) */
  gint64 boottime;     /* µs since boot (CLOCK_BOOTTIME) */
  char   boot_id[40];  /* which boot boottime counts in (/proc/sys/kernel/random/boot_id) */
} LoketOutboxClock;

/* A wall clock alone (test hook): wall and boot clock move together, never a jump. */
typedef gint64 (*LoketOutboxClockFunc) (gpointer user_data);
/* The whole clock (test hook): a test sets wall, boottime and boot id as it pleases. */
typedef void   (*LoketOutboxClockReadFunc) (LoketOutboxClock *clock,
                                            gpointer          user_data);

/* The wall clock moving this much more or less than CLOCK_BOOTTIME is a jump (NTP stepping a
 * clock that booted wrong, someone setting it): the times stored in this boot are re-dated. */
#define LOKET_OUTBOX_CLOCK_JUMP (60 * G_USEC_PER_SEC)

/* A part's age, in µs: on CLOCK_BOOTTIME within the boot it was stored in, on the wall clock
 * across a reboot. loket_outbox_bind_clock () binds its parameters, numbered above any other
 * of a statement (a named one would take the next free number, and clash). */
#define LOKET_OUTBOX_PART_AGE \
  "(CASE WHEN boot_id = ?21 THEN ?22 - boottime ELSE ?23 - created_at END)"

/* Whether a part's personal data is due to go: its age has reached ?N µs (pii-max-days), or
 * the deadline it was imported with (loket-outbox-move.c) has passed on the wall clock. */
#define LOKET_OUTBOX_PII_EXPIRED(max_age_param) \
  "(" LOKET_OUTBOX_PART_AGE " >= " max_age_param \
  " OR (pii_deadline > 0 AND ?23 >= pii_deadline))"

/* ---- The connection ---- */

struct _LoketOutbox {
  sqlite3              *db;
  char                 *path;
  char                 *key_path;
  LoketOutboxKey       *key;
  GError               *key_error;
  GHashTable           *statements;   /* static SQL text → sqlite3_stmt*, prepared once */
  LoketOutboxSchedule   schedule;
  GRand                *rand;
  LoketOutboxClockFunc  clock;             /* test hooks, NULL in use */
  gpointer              clock_data;
  LoketOutboxClockReadFunc read_clock;
  gpointer              read_clock_data;
  LoketOutboxClock      reading;           /* the last look at the clocks */
  gint64                dated_offset;      /* wall − boottime the stored times of this boot
                                            * were last found to agree with */
  gboolean              clock_checked;     /* dated_offset holds for reading.boot_id */
  gboolean              wiped;             /* personal data deleted in the open transaction:
                                            * checkpoint (TRUNCATE) after its commit */
  gboolean              read_only;
  int                   fail_after_parts;  /* test hook, -1 when off */
  gboolean              in_batch;          /* loket_outbox_batch_begin (): savepoints inside */
  GHashTable           *claimed_at;        /* part id → monotonic time of its claim, for
                                            * loket_delivery_duration_seconds */
};

/* loket_outbox_now () (public) also fills self->reading, which storing binds. */
void          loket_outbox_bind_clock (LoketOutbox  *self,
                                       sqlite3_stmt *stmt);
/* Once the connection is set up: the temporary triggers that date each row's times. */
gboolean      loket_outbox_clock_prepare (LoketOutbox *self,
                                          GError     **error);
sqlite3_stmt *loket_outbox_statement  (LoketOutbox  *self,
                                       const char   *sql,
                                       GError      **error);
gboolean      loket_outbox_fail       (LoketOutbox  *self,
                                       int           rc,
                                       GError      **error);
gboolean      loket_outbox_exec       (LoketOutbox  *self,
                                       const char   *sql,
                                       GError      **error);
gboolean      loket_outbox_begin      (LoketOutbox  *self,
                                       GError      **error);
gboolean      loket_outbox_commit     (LoketOutbox  *self,
                                       GError      **error);
void          loket_outbox_rollback   (LoketOutbox  *self);
gboolean      loket_outbox_step_done  (LoketOutbox  *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
gboolean      loket_outbox_require_key (LoketOutbox *self,
                                        GError     **error);
LoketOutboxPart *loket_outbox_part_from_row (sqlite3_stmt *stmt);
GPtrArray       *loket_outbox_parts_new     (void);

/* The columns loket_outbox_part_from_row () reads, in this order. */
#define LOKET_OUTBOX_PART_COLUMNS \
  "part_id, tracking_code, service, agency, after, inputs, state, reason, reference, " \
  "http_status, attempts, created_at, updated_at, next_attempt_at, ended_at, " \
  "(body IS NOT NULL OR outputs IS NOT NULL OR reasons IS NOT NULL OR consent IS NOT NULL), " \
  "lease_owner, lease_until"

/* ---- Shared by the state machine's files ---- */

/* A cached statement, reset (not finalised) when the variable goes out of scope, so no read
 * transaction stays open behind the caller's back. */
typedef sqlite3_stmt LoketOutboxStmt;

static inline void
loket_outbox_stmt_reset (LoketOutboxStmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOutboxStmt, loket_outbox_stmt_reset)

#define LOKET_OUTBOX_WIPE_PERSONAL_DATA \
  "body = NULL, outputs = NULL, reasons = NULL, consent = NULL"

/* What the state machine reads of a part, inside the caller's transaction. */
typedef struct {
  LoketOutboxState  state;
  char             *tracking_code;
  char             *service;
  char             *agency;
  char             *after;
  char             *lease_owner;
  gint64            lease_until;
  guint             attempts;
  guint             garbage;
  gboolean          has_body;
} LoketOutboxPartRow;

void     loket_outbox_part_row_clear (LoketOutboxPartRow *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LoketOutboxPartRow, loket_outbox_part_row_clear)

gboolean loket_outbox_read_part_row  (LoketOutbox        *self,
                                      const char         *part_id,
                                      LoketOutboxPartRow *row,
                                      GError            **error);
/* How much of a tracking code the journal gets (LOKET_CODE_PREFIX): enough to tell requests
 * apart in a day's log, far too little to track one (4 of 13 symbols). */
#define LOKET_OUTBOX_CODE_PREFIX 4

/* A part's change of state, to the journal with LOKET_PART, LOKET_CODE_PREFIX,
 * LOKET_AGENCY, LOKET_STATE and, when not NULL, LOKET_REASON (a stored reason code). */
void     loket_outbox_log_part       (GLogLevelFlags      level,
                                      const char         *part_id,
                                      const char         *tracking_code,
                                      const char         *agency,
                                      const char         *state,
                                      const char         *reason);
/* syslog's priority digit for a GLib log level, as g_log_structured () sets PRIORITY. */
const char *loket_log_priority       (GLogLevelFlags      level);
void     loket_outbox_bind_bytes     (sqlite3_stmt       *stmt,
                                      int                 index,
                                      GBytes             *bytes);
gboolean loket_outbox_not_found      (GError            **error,
                                      const char         *part_id);
gboolean loket_outbox_wrong_state    (GError            **error,
                                      const char         *part_id,
                                      LoketOutboxState    state);
GBytes  *loket_outbox_decrypt_column (LoketOutbox        *self,
                                      sqlite3_stmt       *stmt,
                                      int                 column,
                                      const char         *part_id,
                                      GError            **error);
/* Decrypts the one column the statement (with ?1 = part id) selects. */
GBytes  *loket_outbox_decrypt_one    (LoketOutbox        *self,
                                      const char         *sql,
                                      const char         *part_id,
                                      GError            **error);
int      loket_outbox_count_waiting_dependants (LoketOutbox  *self,
                                                const char   *tracking_code,
                                                const char   *service,
                                                GError      **error);
/* Inside a transaction, after a part of service ended without being delivered. */
gboolean loket_outbox_settle_dependants        (LoketOutbox  *self,
                                                const char   *tracking_code,
                                                const char   *service,
                                                gint64        now,
                                                GError      **error);

/* ---- Owners' locks (loket-outbox-owner.c), inside the claim's transaction ---- */

/* Of the dead owners found by take_over_dead_owners: their files, locked by this engine. */
GPtrArray *loket_outbox_dead_owners_new       (void);
/* Puts the parts of every owner whose lock is free back in the queue, due now. */
gboolean   loket_outbox_take_over_dead_owners (LoketOutbox  *self,
                                               gint64        now,
                                               GPtrArray    *dead,
                                               GError      **error);
/* After the commit (their files are removed) or the rollback (they stay). */
void       loket_outbox_forget_dead_owners    (GPtrArray    *dead,
                                               gboolean      committed);

/* ---- Metrics (loket-outbox-metrics.c), counted after the commit ---- */

void     loket_outbox_metrics_claimed    (LoketOutbox  *self,
                                          const char   *part_id);
void     loket_outbox_metrics_released   (LoketOutbox  *self,
                                          const char   *part_id);
void     loket_outbox_metrics_attempt    (LoketOutbox  *self,
                                          const char   *part_id,
                                          const char   *agency,
                                          const char   *result);
void     loket_outbox_metrics_receipt    (const char   *outcome);

/* ---- Test hooks ---- */

void     loket_outbox_set_clock          (LoketOutbox          *self,
                                          LoketOutboxClockFunc  clock,
                                          gpointer              user_data);
void     loket_outbox_set_clock_full     (LoketOutbox              *self,
                                          LoketOutboxClockReadFunc  read_clock,
                                          gpointer                  user_data);
/* The default clock: CLOCK_REALTIME, CLOCK_BOOTTIME and this boot's id. */
void     loket_outbox_read_system_clock  (LoketOutboxClock     *clock,
                                          gpointer              unused);
/* Whether the connection holds a read or write transaction (a statement not reset). */
gboolean loket_outbox_in_transaction     (LoketOutbox          *self);
void     loket_outbox_set_seed           (LoketOutbox          *self,
                                          guint32               seed);
/* The next store fails after inserting this many parts (as a full disk would). */
void     loket_outbox_set_fail_after_parts (LoketOutbox        *self,
                                            int                 n_parts);
/* PRAGMA max_page_count: a full disk without a small file system. */
gboolean loket_outbox_set_max_pages      (LoketOutbox          *self,
                                          guint                 pages,
                                          GError              **error);

G_END_DECLS
