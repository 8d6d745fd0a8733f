/* loket-config-check.c — what only the machine can tell about a configuration
 *
 * Loading a file judges its text; `loketctl check-config` also looks at the files and
 * folders it names, on the machine where it runs: a state-dir that cannot be created is a
 * problem, a key readable by others or a CA file not yet in place is a warning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-config-private.h"

/* Messages of check_files() name the key's line when the file gave it. */
static void
add_note (LoketConfig      *self,
          GPtrArray        *notes,
          gboolean          warning,
          const char       *group,
          const char       *key,
          LoketConfigError  code,
          const char       *what)
{
  guint line = loket_config_get_line (self, group, key);
  g_autofree char *located = NULL;
  GError *note;

  /* Translators: put before a message that does not stop the kiosk from starting. */
  located = warning ? g_strconcat (_("warning:"), " [", group, "] ", key, ": ", what, NULL)
                    : NULL;
  if (warning)
    note = loket_config_problem_new (self->path, line, NULL, NULL, code, located);
  else
    note = loket_config_problem_new (self->path, line, group, key, code, what);
  g_ptr_array_add (notes, note);
}

/* Secrets are for the service user alone. */
static void
check_secret_file (LoketConfig *self,
                   GPtrArray   *warnings,
                   const char  *group,
                   const char  *key,
                   const char  *path,
                   gboolean     secret)
{
  GStatBuf st;
  g_autofree char *what = NULL;

  if (path == NULL)
    return;

  if (g_stat (path, &st) != 0)
    {
      /* Translators: the first %s is a path, the second the system's reason. */
      what = g_strdup_printf (_("cannot use '%s': %s"), path, g_strerror (errno));
      add_note (self, warnings, TRUE, group, key, LOKET_CONFIG_ERROR_IO, what);
      return;
    }

  if (!S_ISREG (st.st_mode))
    {
      /* Translators: %s is a path. */
      what = g_strdup_printf (_("'%s' is not a regular file"), path);
      add_note (self, warnings, TRUE, group, key, LOKET_CONFIG_ERROR_IO, what);
      return;
    }

  if (secret && (st.st_mode & 077) != 0)
    {
      /* Translators: %s is a path; "chmod 600" is a command, keep it as it is. */
      what = g_strdup_printf (_("'%s' can be read by users other than its owner "
                                "(run chmod 600 on it)"), path);
      add_note (self, warnings, TRUE, group, key, LOKET_CONFIG_ERROR_BAD_VALUE, what);
    }
}

static void
check_folder (LoketConfig *self,
              GPtrArray   *warnings,
              const char  *group,
              const char  *key,
              const char  *path)
{
  g_autofree char *what = NULL;

  if (path == NULL || g_file_test (path, G_FILE_TEST_IS_DIR))
    return;

  /* Translators: %s is a path. */
  what = g_strdup_printf (_("the folder '%s' does not exist"), path);
  add_note (self, warnings, TRUE, group, key, LOKET_CONFIG_ERROR_IO, what);
}

gboolean
loket_config_check_files (LoketConfig *self,
                          GPtrArray   *problems,
                          GPtrArray   *warnings)
{
  guint problems_before;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (warnings != NULL, FALSE);

  problems_before = problems->len;

  check_folder (self, warnings, "kiosk", "catalog", self->catalog_dir);

  /* The kiosk creates state-dir itself, but not a whole tree: a missing parent is almost
   * always a typing mistake. */
  if (g_file_test (self->state_dir, G_FILE_TEST_EXISTS))
    {
      if (!g_file_test (self->state_dir, G_FILE_TEST_IS_DIR))
        {
          /* Translators: %s is a path. */
          g_autofree char *what = g_strdup_printf (_("'%s' is not a folder"), self->state_dir);

          add_note (self, problems, FALSE, "kiosk", "state-dir", LOKET_CONFIG_ERROR_BAD_VALUE,
                    what);
        }
    }
  else
    {
      g_autofree char *parent = g_path_get_dirname (self->state_dir);

      if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
        {
          /* Translators: the first %s is a folder, the second the folder it would be in. */
          g_autofree char *what = g_strdup_printf (_("cannot create '%s': the folder '%s' "
                                                     "does not exist"),
                                                   self->state_dir, parent);

          add_note (self, problems, FALSE, "kiosk", "state-dir", LOKET_CONFIG_ERROR_BAD_VALUE,
                    what);
        }
    }

  check_secret_file (self, warnings, "kiosk", "key-file", self->key_file, TRUE);
  if (self->printer_backend == LOKET_PRINTER_PDF)
    check_folder (self, warnings, "printer", "folder", self->printer_folder);

  for (guint i = 0; i < self->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (self->agencies, i);
      g_autofree char *group = g_strconcat ("agency ", agency->id, NULL);

      check_secret_file (self, warnings, group, "ca-file", agency->ca_file, FALSE);
      check_secret_file (self, warnings, group, "client-cert", agency->client_cert, FALSE);
      check_secret_file (self, warnings, group, "client-key", agency->client_key, TRUE);
      check_secret_file (self, warnings, group, "token-file", agency->token_file, TRUE);
      check_secret_file (self, warnings, group, "client-secret-file",
                         agency->client_secret_file, TRUE);
    }

  return problems->len == problems_before;
}

