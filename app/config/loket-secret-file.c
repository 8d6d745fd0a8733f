/* loket-secret-file.c — one check for every secret file the kiosk reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-secret-file.h"

/* An extended error domain (GLib 2.68): the facts travel with the error, so the network
 * code stores them as a reason's arguments rather than as words of the moment. */
typedef struct {
  LoketSecretFileFacts facts;
} LoketSecretFileErrorPrivate;

static void
loket_secret_file_error_private_init (LoketSecretFileErrorPrivate *priv)
{
  memset (&priv->facts, 0, sizeof priv->facts);
}

static void
loket_secret_file_error_private_copy (const LoketSecretFileErrorPrivate *src,
                                      LoketSecretFileErrorPrivate       *dest)
{
  dest->facts = src->facts;   /* type is a static string */
}

static void
loket_secret_file_error_private_clear (LoketSecretFileErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (LoketSecretFileError, loket_secret_file_error)

const LoketSecretFileFacts *
loket_secret_file_error_get_facts (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != LOKET_SECRET_FILE_ERROR)
    return NULL;
  return &loket_secret_file_error_get_private (error)->facts;
}

static const char * const code_names[] = {
  [LOKET_SECRET_FILE_ERROR_MISSING] = "missing",
  [LOKET_SECRET_FILE_ERROR_DENIED] = "denied",
  [LOKET_SECRET_FILE_ERROR_SYMLINK] = "symlink",
  [LOKET_SECRET_FILE_ERROR_NOT_REGULAR] = "not-regular",
  [LOKET_SECRET_FILE_ERROR_MODE] = "mode",
  [LOKET_SECRET_FILE_ERROR_OWNER] = "owner",
  [LOKET_SECRET_FILE_ERROR_EMPTY] = "empty",
  [LOKET_SECRET_FILE_ERROR_TOO_LARGE] = "too-large",
  [LOKET_SECRET_FILE_ERROR_SIZE] = "size",
  [LOKET_SECRET_FILE_ERROR_FAILED] = "failed",
};

const char *
loket_secret_file_error_to_string (LoketSecretFileError code)
{
  if ((guint) code >= G_N_ELEMENTS (code_names))
    return "failed";
  return code_names[code];
}

int
loket_secret_file_error_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (code_names); i++)
    if (g_str_equal (code_names[i], name))
      return (int) i;
  return -1;
}

static const char *
type_words (const char *type)
{
  if (g_strcmp0 (type, "folder") == 0)
    /* Translators: what a secret file's path names instead of a file. */
    return _("a folder");
  if (g_strcmp0 (type, "fifo") == 0)
    /* Translators: what a secret file's path names instead of a file. */
    return _("a FIFO (named pipe)");
  if (g_strcmp0 (type, "device") == 0)
    /* Translators: what a secret file's path names instead of a file. */
    return _("a device");
  if (g_strcmp0 (type, "socket") == 0)
    /* Translators: what a secret file's path names instead of a file. */
    return _("a socket");
  /* Translators: what a secret file's path names instead of a file. */
  return _("not a regular file");
}

static char *
problem_words (LoketSecretFileError        code,
               const LoketSecretFileFacts *facts)
{
  switch (code)
    {
    case LOKET_SECRET_FILE_ERROR_MISSING:
      return g_strdup (_("it does not exist"));
    case LOKET_SECRET_FILE_ERROR_DENIED:
      /* Translators: %u is a user id (a number). */
      return g_strdup_printf (_("permission denied: the user running Loket (uid %u) cannot "
                                "read it"), facts->uid);
    case LOKET_SECRET_FILE_ERROR_SYMLINK:
      return g_strdup (_("a symbolic link: give the path of the file itself"));
    case LOKET_SECRET_FILE_ERROR_NOT_REGULAR:
      /* Translators: %s is what the path names: "a folder", "a FIFO (named pipe)", … */
      return g_strdup_printf (_("%s, not a regular file"), type_words (facts->type));
    case LOKET_SECRET_FILE_ERROR_MODE:
      /* Translators: %04o is the file's permissions in octal (0644); keep "chmod 600". */
      return g_strdup_printf (_("mode %04o: the file must be readable by its owner only "
                                "(chmod 600)"), facts->mode);
    case LOKET_SECRET_FILE_ERROR_OWNER:
      /* Translators: the first %u is the file owner's user id, the second the running
       * user's. */
      return g_strdup_printf (_("owned by uid %u: a secret must belong to the user running "
                                "Loket (uid %u) or to root"), facts->owner, facts->uid);
    case LOKET_SECRET_FILE_ERROR_EMPTY:
      return g_strdup (_("the file is empty"));
    case LOKET_SECRET_FILE_ERROR_TOO_LARGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %lu is a number of bytes. */
                                           "larger than %lu byte",
                                           "larger than %lu bytes", (gulong) facts->limit),
                              (gulong) facts->limit);
    case LOKET_SECRET_FILE_ERROR_SIZE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: the first %lu is the file's size in
                                            * bytes, the next two the size it must have. */
                                           "%lu bytes: it must hold exactly %lu byte "
                                           "(head -c %lu /dev/urandom)",
                                           "%lu bytes: it must hold exactly %lu bytes "
                                           "(head -c %lu /dev/urandom)", (gulong) facts->limit),
                              (gulong) facts->size, (gulong) facts->limit, (gulong) facts->limit);
    case LOKET_SECRET_FILE_ERROR_FAILED:
    default:
      return g_strdup (facts->errnum != 0 ? g_strerror (facts->errnum)
                                          /* Translators: why a secret file cannot be read,
                                           * when the system gives no reason. */
                                          : _("it cannot be read"));
    }
}

char *
loket_secret_file_describe (const char                 *path,
                            const char                 *what,
                            LoketSecretFileError        code,
                            const LoketSecretFileFacts *facts)
{
  g_autofree char *problem = NULL;
  LoketSecretFileFacts none = { 0 };

  g_return_val_if_fail (path != NULL && what != NULL, NULL);

  problem = problem_words (code, facts != NULL ? facts : &none);
  /* Translators: the first %s is a path, the second what the file is for ("outbox key"),
   * the third what is wrong with it. */
  return g_strdup_printf (_("%s (%s): %s"), path, what, problem);
}

static void
fail (GError                     **error,
      const char                  *path,
      const char                  *what,
      LoketSecretFileError         code,
      const LoketSecretFileFacts  *facts)
{
  g_autofree char *message = NULL;
  GError *new_error;

  if (error == NULL)
    return;

  message = loket_secret_file_describe (path, what, code, facts);
  new_error = g_error_new_literal (LOKET_SECRET_FILE_ERROR, code, message);
  loket_secret_file_error_get_private (new_error)->facts = *facts;
  g_propagate_error (error, new_error);
}

static const char *
type_of (mode_t mode)
{
  if (S_ISDIR (mode))
    return "folder";
  if (S_ISFIFO (mode))
    return "fifo";
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return "device";
  if (S_ISSOCK (mode))
    return "socket";
  return "other";
}

/* Over 80 lines: checks on one open descriptor in turn, each with its own message; split, they
 * would pass the descriptor and stat around. */
int
loket_secret_file_open (const char  *path,
                        const char  *what,
                        gsize        min_size,
                        gsize        max_size,
                        gsize       *size,
                        GError     **error)
{
  LoketSecretFileFacts facts = { .uid = geteuid (), .limit = max_size };
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL && what != NULL, -1);
  g_return_val_if_fail (max_size > 0 && min_size <= max_size, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
   * O_NOFOLLOW: a link's target may be anyone's file; O_NOCTTY: a terminal stays out. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      facts.errnum = errno;
      switch (facts.errnum)
        {
        case ENOENT:
        case ENOTDIR:
          fail (error, path, what, LOKET_SECRET_FILE_ERROR_MISSING, &facts);
          break;
        case ELOOP:
          fail (error, path, what, LOKET_SECRET_FILE_ERROR_SYMLINK, &facts);
          break;
        case EACCES:
        case EPERM:
          fail (error, path, what, LOKET_SECRET_FILE_ERROR_DENIED, &facts);
          break;
        case ENXIO:   /* a socket, which cannot be opened */
          facts.type = "socket";
          fail (error, path, what, LOKET_SECRET_FILE_ERROR_NOT_REGULAR, &facts);
          break;
        default:
          fail (error, path, what, LOKET_SECRET_FILE_ERROR_FAILED, &facts);
        }
      return -1;
    }

  if (fstat (fd, &st) != 0)
    {
      facts.errnum = errno;
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_FAILED, &facts);
      return -1;
    }

  facts.mode = st.st_mode & 07777;
  facts.owner = st.st_uid;
  facts.size = (guint64) st.st_size;

  if (!S_ISREG (st.st_mode))
    {
      facts.type = type_of (st.st_mode);
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_NOT_REGULAR, &facts);
      return -1;
    }
  /* A secret that others can read is a secret others may have copied. */
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_MODE, &facts);
      return -1;
    }
  /* Another user who owns it can change it, or open it up, at any time. */
  if (st.st_uid != facts.uid && st.st_uid != 0)
    {
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_OWNER, &facts);
      return -1;
    }
  if (st.st_size == 0)
    {
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_EMPTY, &facts);
      return -1;
    }
  if (min_size == max_size && (guint64) st.st_size != max_size)
    {
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_SIZE, &facts);
      return -1;
    }
  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_TOO_LARGE, &facts);
      return -1;
    }
  if ((guint64) st.st_size < MAX (min_size, 1))
    {
      facts.limit = MAX (min_size, 1);
      close (fd);
      fail (error, path, what, LOKET_SECRET_FILE_ERROR_SIZE, &facts);
      return -1;
    }

  if (size != NULL)
    *size = (gsize) st.st_size;
  return fd;
}

gboolean
loket_secret_file_check (const char  *path,
                         const char  *what,
                         gsize        min_size,
                         gsize        max_size,
                         GError     **error)
{
  int fd = loket_secret_file_open (path, what, min_size, max_size, NULL, error);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

typedef struct {
  char  *data;
  gsize  len;
} Secret;

static void
secret_free (gpointer user_data)
{
  Secret *secret = user_data;

  /* volatile: the wipe of a buffer about to be freed must not be optimised away. */
  for (volatile char *p = secret->data; p < secret->data + secret->len; p++)
    *p = 0;
  g_free (secret->data);
  g_free (secret);
}

GBytes *
loket_secret_file_read (const char  *path,
                        const char  *what,
                        gsize        max_size,
                        GError     **error)
{
  LoketSecretFileFacts facts = { .uid = geteuid (), .limit = max_size };
  Secret *secret;
  gsize size = 0;
  gsize got = 0;
  int fd;

  fd = loket_secret_file_open (path, what, 1, max_size, &size, error);
  if (fd < 0)
    return NULL;

  /* One byte more than the cap: a file that grew since fstat() is caught, never read whole. */
  secret = g_new0 (Secret, 1);
  secret->len = max_size + 1;
  secret->data = g_malloc0 (secret->len);
  while (got < secret->len)
    {
      ssize_t n = read (fd, secret->data + got, secret->len - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          facts.errnum = errno;
          close (fd);
          secret_free (secret);
          fail (error, path, what, LOKET_SECRET_FILE_ERROR_FAILED, &facts);
          return NULL;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  close (fd);

  facts.size = got;
  if (got == 0 || got > max_size)
    {
      secret_free (secret);
      fail (error, path, what,
            got == 0 ? LOKET_SECRET_FILE_ERROR_EMPTY : LOKET_SECRET_FILE_ERROR_TOO_LARGE,
            &facts);
      return NULL;
    }

  /* The length is what was read; the buffer is wiped whole when freed. */
  return g_bytes_new_with_free_func (secret->data, got, secret_free, secret);
}
