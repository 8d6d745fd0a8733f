/* loket-staff.h — staff accounts, their PINs, the kiosk's lockout and the way in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff file (`[admin] pin-file`, by default `staff` in the state folder) holds one line
 * per staff member, `NAME:HASH`, HASH a yescrypt hash (libxcrypt); nothing else is stored,
 * never a PIN. It is written atomically with mode 0600 and read through the same check as
 * every secret file (loket-secret-file.h): a file that group or others may read, a link or a
 * malformed line is refused with a message naming the file and line.
 *
 * Every operation here is the one both admin mode and `loketctl staff` call, and each leaves
 * its line in the audit log (loket-audit.h): add (and a refused add), remove, unlock, login,
 * wrong PIN, lockout.
 *
 * Lockout, per kiosk: 5 wrong PINs in a row are free; after that each wrong PIN closes the pad
 * for 15 s, doubling up to 15 min; after 20 in a row only loket_staff_unlock() reopens it. The
 * count and the wait are written (fsynced) to `staff-lockout` in the state folder before the
 * answer is given. Waits are measured on CLOCK_BOOTTIME, which no one can set: within one
 * boot, another process (a restarted kiosk) sees exactly the wait that is left; after a
 * reboot the wait starts again in full. A changed wall clock changes nothing.
 */
#pragma once

#include <gio/gio.h>

#include "config/loket-config.h"
#include "loket-audit.h"

G_BEGIN_DECLS

#define LOKET_STAFF_PIN_MIN_DIGITS 6
#define LOKET_STAFF_PIN_MAX_DIGITS 12
#define LOKET_STAFF_NAME_MAX_CHARS 40

#define LOKET_STAFF_FREE_FAILURES  5      /* wrong PINs in a row without a wait */
#define LOKET_STAFF_HARD_FAILURES  20     /* from here on only an unlock reopens the pad */
#define LOKET_STAFF_FIRST_WAIT_S   15
#define LOKET_STAFF_MAX_WAIT_S     (15 * 60)

#define LOKET_STAFF_ERROR (loket_staff_error_quark ())

typedef enum {
  LOKET_STAFF_ERROR_PIN_FORMAT,    /* not 6 to 12 digits */
  LOKET_STAFF_ERROR_PIN_TRIVIAL,   /* one digit repeated, or an ascending/descending run */
  LOKET_STAFF_ERROR_PIN_MISMATCH,  /* the confirmation differs */
  LOKET_STAFF_ERROR_NAME,          /* a name that cannot be stored */
  LOKET_STAFF_ERROR_EXISTS,        /* a staff member of that name exists */
  LOKET_STAFF_ERROR_UNKNOWN,       /* no staff member of that name */
  LOKET_STAFF_ERROR_FILE,          /* the staff file is unsafe or malformed */
  LOKET_STAFF_ERROR_WRONG_PIN,     /* "Wrong PIN": nothing more is said */
  LOKET_STAFF_ERROR_LOCKED,        /* the pad waits; LoketStaffLockout says how long */
  LOKET_STAFF_ERROR_LOCKED_HARD,   /* only `loketctl staff unlock` reopens the pad */
  LOKET_STAFF_ERROR_STATE,         /* the lockout state cannot be read or written */
  LOKET_STAFF_ERROR_FAILED,
} LoketStaffError;

GQuark loket_staff_error_quark (void);

/* PINs and names (loket-staff-pin.c) */
gboolean  loket_staff_pin_check      (const char  *pin,
                                      GError     **error);
/* A yescrypt hash of pin, with a fresh salt; ~15 ms: not on the main loop. */
char     *loket_staff_pin_hash       (const char  *pin,
                                      GError     **error);
/* Whether pin hashes to hash (in constant time over the hash). */
gboolean  loket_staff_pin_matches    (const char  *hash,
                                      const char  *pin);
/* Whether hash has the shape of a yescrypt hash ("$y$PARAMS$SALT$HASH"). */
gboolean  loket_staff_hash_is_valid  (const char  *hash);
gboolean  loket_staff_name_check     (const char  *name,
                                      GError     **error);

/* The staff file (loket-staff-file.c) */
typedef struct {
  char *name;
  char *hash;
} LoketStaffMember;

void       loket_staff_member_free   (LoketStaffMember *member);
/* The members in file order; an empty array when the file does not exist. */
GPtrArray *loket_staff_file_read     (const char  *path,
                                      GError     **error);
gboolean   loket_staff_file_write    (const char  *path,
                                      GPtrArray   *members,
                                      GError     **error);

/* Clocks: tests inject theirs (loket_staff_set_clock). */
typedef struct {
  gint64 monotonic;    /* µs on CLOCK_BOOTTIME */
  gint64 wall;         /* µs since the epoch: audit times only, never a wait */
  char   boot_id[40];
} LoketStaffClock;

typedef void (*LoketStaffClockFunc) (LoketStaffClock *clock,
                                     gpointer         user_data);

void loket_staff_read_system_clock   (LoketStaffClock *clock,
                                      gpointer         unused);

typedef struct {
  guint    failures;     /* wrong PINs in a row */
  gint64   wait_us;      /* what is left of the wait; 0 when the pad is open */
  gboolean hard;         /* only an unlock reopens the pad */
} LoketStaffLockout;

/* The wait after the n-th wrong PIN in a row, in seconds; -1: only an unlock. */
gint64 loket_staff_lockout_wait_s    (guint failures);

#define LOKET_TYPE_STAFF (loket_staff_get_type ())
G_DECLARE_FINAL_TYPE (LoketStaff, loket_staff, LOKET, STAFF, GObject)

LoketStaff *loket_staff_new           (const char          *staff_file,
                                       const char          *state_dir);
LoketStaff *loket_staff_new_for_config (LoketConfig        *config);
void        loket_staff_set_clock     (LoketStaff          *self,
                                       LoketStaffClockFunc  func,
                                       gpointer             user_data);
const char *loket_staff_get_file      (LoketStaff          *self);
LoketAudit *loket_staff_get_audit     (LoketStaff          *self);

/* Names, in file order. */
GStrv       loket_staff_dup_names     (LoketStaff          *self,
                                       GError             **error);
/* Each name's last login (a gint64*, µs since the epoch), from the audit log. */
GHashTable *loket_staff_dup_last_logins (LoketStaff        *self,
                                         GError           **error);

/* by: who acts (a staff member's name, or "loketctl (USER)"). A refused add leaves its line
 * too (action staff-add-refused). */
gboolean    loket_staff_add           (LoketStaff          *self,
                                       const char          *by,
                                       const char          *name,
                                       const char          *pin,
                                       const char          *confirmation,
                                       GError             **error);
gboolean    loket_staff_remove        (LoketStaff          *self,
                                       const char          *by,
                                       const char          *name,
                                       GError             **error);
gboolean    loket_staff_unlock        (LoketStaff          *self,
                                       const char          *by,
                                       GError             **error);
gboolean    loket_staff_get_lockout   (LoketStaff          *self,
                                       LoketStaffLockout   *lockout,
                                       GError             **error);

/* Checks name's PIN against the lockout and the staff file; blocks for the hash. lockout
 * (may be NULL) is the state after the attempt. LOKET_STAFF_ERROR_WRONG_PIN also for a name
 * not in the file. */
gboolean    loket_staff_login         (LoketStaff          *self,
                                       const char          *name,
                                       const char          *pin,
                                       LoketStaffLockout   *lockout,
                                       GError             **error);
/* The same in a worker thread. */
void        loket_staff_login_async   (LoketStaff          *self,
                                       const char          *name,
                                       const char          *pin,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean    loket_staff_login_finish  (LoketStaff          *self,
                                       GAsyncResult        *result,
                                       LoketStaffLockout   *lockout,
                                       GError             **error);

/* Appends an admin-mode action to the audit log at the staff clock's time. */
gboolean    loket_staff_audit         (LoketStaff          *self,
                                       const char          *by,
                                       const char          *action,
                                       const char          *target,
                                       GError             **error);

/* check-config: the staff file's problems (unsafe modes, malformed lines) as one error;
 * *missing is set when there is no file yet. */
gboolean    loket_staff_file_check    (const char          *path,
                                       gboolean            *missing,
                                       GError             **error);

G_END_DECLS
