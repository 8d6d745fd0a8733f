/* loket-ctl.c — state and helpers shared by the command groups of `loketctl`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "loket-ctl.h"

struct _LoketCtl {
  char        *config_path;
  LoketConfig *config;
};

LoketCtl *
loket_ctl_new (const char *config_path)
{
  LoketCtl *ctl = g_new0 (LoketCtl, 1);

  ctl->config_path = g_strdup (config_path != NULL ? config_path : LOKET_DEFAULT_CONFIG);
  return ctl;
}

void
loket_ctl_free (LoketCtl *ctl)
{
  g_clear_pointer (&ctl->config, loket_config_unref);
  g_free (ctl->config_path);
  g_free (ctl);
}

const char *
loket_ctl_config_path (LoketCtl *ctl)
{
  return ctl->config_path;
}

/* Root on a state folder that another user owns (the kiosk's service user) becomes that
 * user, so that what loketctl writes there — the outbox, its -wal and -shm files — is the
 * kiosk's to open, as it would not be if root made them. The configuration has been read
 * by then (it may be root's alone); the secrets are read after, as the kiosk's user: the
 * outbox key or a token file that user cannot read would fail the kiosk too, and loketctl
 * says so rather than work where the kiosk cannot. */
gboolean
loket_ctl_become_state_owner (LoketConfig  *config,
                              GError      **error)
{
  struct passwd *owner;
  struct stat st;
  gid_t gid;
  int failed;

  g_return_val_if_fail (config != NULL, FALSE);

  if (geteuid () != 0 || config->state_dir == NULL || stat (config->state_dir, &st) != 0 ||
      st.st_uid == 0)
    return TRUE;

  /* A uid without a name keeps the folder's group and no other. */
  owner = getpwuid (st.st_uid);
  gid = owner != NULL ? owner->pw_gid : st.st_gid;
  failed = owner != NULL ? initgroups (owner->pw_name, gid) : setgroups (0, NULL);
  if (failed == 0)
    failed = setgid (gid);
  if (failed == 0)
    failed = setuid (st.st_uid);
  /* Root must be gone for good: a process that could take it back has not left it. */
  if (failed != 0 || setuid (0) == 0 || geteuid () != st.st_uid)
    {
      int saved_errno = failed != 0 ? errno : EPERM;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, %u its owner's user id, the last
                    * %s the system's reason. */
                   _("cannot become the owner of the state folder %s (uid %u): %s"),
                   config->state_dir, (guint) st.st_uid, g_strerror (saved_errno));
      return FALSE;
    }

  g_debug ("Running as uid %u, the owner of the state folder", (guint) st.st_uid);
  return TRUE;
}

/* The configuration is read on first use, so commands that need none (catalog validate,
 * --help) work on a machine without /etc/loket. */
LoketConfig *
loket_ctl_get_config (LoketCtl  *ctl,
                      GError   **error)
{
  g_autoptr(LoketConfig) config = NULL;

  if (ctl->config != NULL)
    return ctl->config;

  config = loket_config_load (ctl->config_path, error);
  if (config == NULL || !loket_ctl_become_state_owner (config, error))
    return NULL;

  ctl->config = g_steal_pointer (&config);
  return ctl->config;
}

int
loket_ctl_fail (const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "loketctl: %s\n", message);
  return 1;
}

int
loket_ctl_fail_error (const GError *error)
{
  return loket_ctl_fail ("%s", error->message);
}

int
loket_ctl_usage (const LoketCtlCommand *command)
{
  /* Translators: the first %s is a command such as "outbox retry", the second its
   * arguments such as "PART-ID". */
  return loket_ctl_fail (_("usage: loketctl %s %s"), command->name, command->usage);
}

void
loket_ctl_print_wrapped (FILE       *out,
                         guint       indent,
                         guint       width,
                         const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint column = indent;

  /* Counted in characters, so an Indonesian or pseudo-language line wraps where it should. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint length = (guint) g_utf8_strlen (words[i], -1);

      if (length == 0)
        continue;
      if (column > indent && column + 1 + length > width)
        {
          fprintf (out, "\n%*s", (int) indent, "");
          column = indent;
        }
      else if (column > indent)
        {
          fputc (' ', out);
          column++;
        }
      fputs (words[i], out);
      column += length;
    }
  fputc ('\n', out);
}
