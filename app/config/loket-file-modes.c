/* loket-file-modes.c — who may read what Loket writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-file-modes.h"

/* Messages are the system's words: callers put them in their own sentence. */
static gboolean
fail_errno (GError **error,
            int      saved_errno)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

gboolean
loket_state_dir_prepare (const char  *path,
                         GError     **error)
{
  struct stat st;
  guint mode;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_mkdir_with_parents (path, 0700) != 0)
    return fail_errno (error, errno);

  /* g_mkdir_with_parents() leaves an existing folder as it is. */
  if (stat (path, &st) != 0)
    return fail_errno (error, errno);
  if (!S_ISDIR (st.st_mode))
    return fail_errno (error, ENOTDIR);

  mode = st.st_mode & 07777;
  if ((mode & 077) == 0)
    return TRUE;

  /* A warning for people, at the level of a notice for GLib: G_DEBUG=fatal-warnings would
   * make a folder's mode, which Loket fixes itself, stop the kiosk. */
  if (chmod (path, 0700) == 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                      "LOKET_STATE_DIR", path,
                      "MESSAGE", "The state folder %s was open to other users (mode %04o): "
                      "set to 0700, as it holds the outbox", path, mode);
  else
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                      "LOKET_STATE_DIR", path,
                      "MESSAGE", "The state folder %s is open to other users (mode %04o) and "
                      "cannot be set to 0700 (%s): run chmod 700 on it", path, mode,
                      g_strerror (errno));
  return TRUE;
}

gboolean
loket_dir_create_shared (const char  *path,
                         guint        mode,
                         GError     **error)
{
  g_autofree char *parent = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;

  parent = g_path_get_dirname (path);
  if (!g_str_equal (parent, path) && !loket_dir_create_shared (parent, mode, error))
    return FALSE;

  if (g_mkdir (path, (int) mode) != 0 && errno != EEXIST)
    return fail_errno (error, errno);
  /* The umask took bits away from what mkdir() was asked for. */
  return loket_file_set_mode (path, mode, error);
}

gboolean
loket_file_set_mode (const char  *path,
                     guint        mode,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_chmod (path, (int) mode) != 0)
    return fail_errno (error, errno);
  return TRUE;
}

gboolean
loket_file_write_shared (const char  *path,
                         const void  *data,
                         gsize        length,
                         guint        mode,
                         GError     **error)
{
  g_autofree char *tmp = NULL;
  const char *p = data;
  gsize written = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail_errno (error, errno);

  while (written < length)
    {
      ssize_t n = write (fd, p + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto fail;
      written += (gsize) n;
    }
  /* fchmod, not the umask, decides who reads it; fsync before the rename makes it whole. */
  if (fchmod (fd, (mode_t) mode) != 0 || fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    goto fail;
  return TRUE;

fail:
  {
    int saved_errno = errno;

    if (fd >= 0)
      close (fd);
    g_unlink (tmp);
    return fail_errno (error, saved_errno);
  }
}
