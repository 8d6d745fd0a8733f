/* loket-secret-file.h — one check for every secret file the kiosk reads
 *
 * The outbox key, an mTLS client key, an OAuth2 client secret and a bearer token file are
 * all opened here, the same way, by the kiosk, by loketctl and by `loketctl check-config`:
 * so check-config refuses exactly what the kiosk would refuse. A secret file must be a
 * regular file (not a symbolic link, folder, FIFO or device), readable by its owner only,
 * owned by the running user or by root, not empty and not larger than its cap. The file is
 * opened with O_NOFOLLOW | O_NONBLOCK (a FIFO cannot hang start-up) and judged with fstat()
 * on the open descriptor, so what is judged is what is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each secret's size limits, shared by its reader and by check-config. */
#define LOKET_SECRET_OUTBOX_KEY_BYTES        32           /* exactly */
#define LOKET_SECRET_MAX_TOKEN_BYTES         8192
#define LOKET_SECRET_MAX_CLIENT_SECRET_BYTES 4096
#define LOKET_SECRET_MAX_CLIENT_KEY_BYTES    (64 * 1024)  /* PEM; RSA 8192 is about 6.5 KiB */

#define LOKET_SECRET_FILE_ERROR (loket_secret_file_error_quark ())

typedef enum {
  LOKET_SECRET_FILE_ERROR_MISSING,      /* nothing at the path */
  LOKET_SECRET_FILE_ERROR_DENIED,       /* the running user may not open it */
  LOKET_SECRET_FILE_ERROR_SYMLINK,      /* a symbolic link: never followed */
  LOKET_SECRET_FILE_ERROR_NOT_REGULAR,  /* a folder, a FIFO, a device or a socket */
  LOKET_SECRET_FILE_ERROR_MODE,         /* group or others have a permission on it */
  LOKET_SECRET_FILE_ERROR_OWNER,        /* owned by neither the running user nor root */
  LOKET_SECRET_FILE_ERROR_EMPTY,        /* no bytes */
  LOKET_SECRET_FILE_ERROR_TOO_LARGE,    /* more bytes than the cap */
  LOKET_SECRET_FILE_ERROR_SIZE,         /* not the exact size required (the outbox key) */
  LOKET_SECRET_FILE_ERROR_FAILED,       /* reading failed otherwise */
} LoketSecretFileError;

GQuark loket_secret_file_error_quark (void);

/* What a LOKET_SECRET_FILE_ERROR found, for callers that store the problem as a code with
 * arguments (net/loket-reason.h) rather than as words. */
typedef struct {
  guint        mode;        /* permission bits (07777), when the file was opened */
  guint        owner;       /* its owner's uid */
  guint        uid;         /* the running user's uid */
  guint64      size;        /* its size in bytes */
  guint64      limit;       /* the cap (or the exact size) it was held to */
  int          errnum;      /* errno, for DENIED and FAILED */
  const char  *type;        /* NOT_REGULAR: "folder", "fifo", "device", "socket", "other" */
} LoketSecretFileFacts;

const LoketSecretFileFacts *loket_secret_file_error_get_facts (const GError *error);

/* Opens path for reading after every check above; the descriptor is the caller's (close
 * it). what names the file for people, already translated ("outbox key"); min_size and
 * max_size bound its size (min_size 0 means 1: an empty secret is refused; equal bounds
 * ask for an exact size). *size is set to its size. -1 and a LOKET_SECRET_FILE_ERROR whose
 * message names the path, what it is for and what is wrong, e.g. "/etc/loket/key (outbox
 * key): mode 0644: the file must be readable by its owner only (chmod 600)". */
int     loket_secret_file_open     (const char  *path,
                                    const char  *what,
                                    gsize        min_size,
                                    gsize        max_size,
                                    gsize       *size,
                                    GError     **error);

/* loket_secret_file_open(), then the whole file; the bytes are wiped when the GBytes is
 * freed. */
GBytes *loket_secret_file_read     (const char  *path,
                                    const char  *what,
                                    gsize        max_size,
                                    GError     **error);

/* loket_secret_file_open() and close: for check-config. */
gboolean loket_secret_file_check   (const char  *path,
                                    const char  *what,
                                    gsize        min_size,
                                    gsize        max_size,
                                    GError     **error);

/* The words of a problem, as loket_secret_file_open() puts them: for a problem stored as a
 * code and read later, in the reader's language. */
char   *loket_secret_file_describe (const char                 *path,
                                    const char                 *what,
                                    LoketSecretFileError        code,
                                    const LoketSecretFileFacts *facts);

/* The code's name as stored ("mode", "symlink", …) and back; -1 for a name not known. */
const char *loket_secret_file_error_to_string   (LoketSecretFileError  code);
int         loket_secret_file_error_from_string (const char           *name);

G_END_DECLS
