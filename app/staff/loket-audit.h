/* loket-audit.h — the staff audit log: one JSON line per action, chained by SHA-256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `audit.jsonl` in the state folder, one object a line, members in this order:
 *   {"seq":N,"time":"2026-12-06T07:42:51Z","staff":"…","action":"…","target":"…"|null,
 *    "prev":"<hex SHA-256 of the previous line's bytes, without its newline>"}
 * The first line's prev is 64 zeros. The chain's head is the SHA-256 of the last line. Each
 * append also goes to the log (the journal, under systemd) as structured fields:
 * LOKET_AUDIT_SEQ, LOKET_AUDIT_ACTION, LOKET_AUDIT_STAFF, LOKET_AUDIT_TARGET,
 * LOKET_AUDIT_FILE and LOKET_AUDIT_HASH (the new head), so a copy shipped off the machine
 * shows a tail cut off the file. Targets never hold personal data: a part id, the first
 * four symbols of a tracking code (loket_audit_target_code), a staff name, a wait.
 *
 * What the chain proves and what it does not is in README.md ("Operating a kiosk").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_AUDIT_FILE_NAME "audit.jsonl"
#define LOKET_AUDIT_MAX_LINE  4096

/* The actions of part 1 (admin mode's screens add theirs). */
#define LOKET_AUDIT_STAFF_ADD          "staff-add"
#define LOKET_AUDIT_STAFF_ADD_REFUSED  "staff-add-refused"
#define LOKET_AUDIT_STAFF_REMOVE       "staff-remove"
#define LOKET_AUDIT_STAFF_UNLOCK       "staff-unlock"
#define LOKET_AUDIT_LOGIN              "login"
#define LOKET_AUDIT_WRONG_PIN          "wrong-pin"
#define LOKET_AUDIT_LOCKOUT            "lockout"
#define LOKET_AUDIT_LOGOUT             "logout"

typedef struct _LoketAudit LoketAudit;

typedef struct {
  guint64  seq;
  gint64   time;      /* µs since the epoch */
  char    *staff;
  char    *action;
  char    *target;    /* NULL when none */
  char    *hash;      /* this line's SHA-256, hex */
} LoketAuditEntry;

typedef struct {
  guint64  entries;        /* lines read */
  guint64  broken_line;    /* the first line (1-based) that breaks the chain; 0 when none */
  char    *problem;        /* what is wrong there, or about the tail; NULL when intact */
  gboolean truncated;      /* the journal knows a newer entry than the file's last */
  gboolean journal_read;   /* a journal head was given to compare with */
} LoketAuditReport;

LoketAudit *loket_audit_new            (const char        *path);
void        loket_audit_free           (LoketAudit        *self);
const char *loket_audit_get_path       (LoketAudit        *self);

/* Appends one line (flock'd against other processes, fdatasync'd) and logs it. */
gboolean    loket_audit_append         (LoketAudit        *self,
                                        gint64             time,
                                        const char        *staff,
                                        const char        *action,
                                        const char        *target,
                                        GError           **error);

/* Every entry at or after since (µs; 0 for all), oldest first; lines that do not parse are
 * skipped (verify names them). An absent file has none. */
GPtrArray  *loket_audit_read           (const char        *path,
                                        gint64             since,
                                        GError           **error);
void        loket_audit_entry_free     (LoketAuditEntry   *entry);

/* Walks the chain. journal_hash/journal_seq: the newest entry the journal holds for this
 * file (NULL/0 when the journal cannot be read). FALSE only when the file cannot be read;
 * a broken chain is in the report. */
gboolean    loket_audit_verify         (const char        *path,
                                        const char        *journal_hash,
                                        guint64            journal_seq,
                                        LoketAuditReport  *report,
                                        GError           **error);
void        loket_audit_report_clear   (LoketAuditReport  *report);

/* The newest LOKET_AUDIT_HASH and LOKET_AUDIT_SEQ journalctl shows for path. FALSE when
 * the journal cannot be read (no journalctl, no permission, no entry). */
gboolean    loket_audit_read_journal_head (const char     *path,
                                           char          **hash,
                                           guint64        *seq);

/* A tracking code's first four symbols: what an audit line may say of a code. */
char       *loket_audit_target_code    (const char        *code);

/* An action's words for `audit show`, translated; the action itself when unknown. */
const char *loket_audit_describe_action (const char       *action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAudit, loket_audit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAuditEntry, loket_audit_entry_free)

G_END_DECLS
