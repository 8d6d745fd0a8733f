/* loket-ctl.c — state and helpers shared by the command groups of `loketctl`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
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

/* The configuration is read on first use, so commands that need none (catalog validate,
 * --help) work on a machine without /etc/loket. */
LoketConfig *
loket_ctl_get_config (LoketCtl  *ctl,
                      GError   **error)
{
  if (ctl->config == NULL)
    ctl->config = loket_config_load (ctl->config_path, error);

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
