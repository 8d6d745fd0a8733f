/* ctl-config.c — `loketctl check-config`: every problem of a configuration file at once
 *
 * Problems and warnings go to stderr, one a line, each starting with FILE:LINE: as a
 * compiler's do, so editors and fleet tools can jump to them. Warnings (a key file that
 * others can read, a CA file that is not there yet) leave the exit code 0: the file may
 * be checked on a machine that is not the kiosk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "staff/loket-staff.h"
#include "loket-ctl.h"

static void
print_all (GPtrArray *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      const GError *note = g_ptr_array_index (notes, i);

      fprintf (stderr, "%s\n", note->message);
    }
}

/* The staff file through the very reader admin mode uses: unsafe modes or a malformed line
 * are problems. No file is none: a kiosk without staff accounts has no admin mode, which
 * `loketctl staff list` says. */
static void
check_staff_file (LoketConfig *config,
                  GPtrArray   *problems)
{
  g_autoptr(GError) error = NULL;
  guint line = loket_config_get_line (config, "admin", "pin-file");
  g_autofree char *where = NULL;

  if (loket_staff_file_check (config->admin_pin_file, NULL, &error))
    return;

  where = line > 0 ? g_strdup_printf ("%s:%u", config->path, line)
                   : g_strdup (config->path != NULL ? config->path : "-");
  g_ptr_array_add (problems,
                   g_error_new (LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_BAD_VALUE,
                                /* Translators: the configuration file (and line), then what
                                 * is wrong with the staff file. */
                                _("%s: [admin] pin-file: %s"), where, error->message));
}

/* Staff's settings (local.conf in the state folder): where each value comes from, and the
 * values left unused as warnings. */
static void
show_local_conf (LoketConfig *config,
                 GPtrArray   *warnings)
{
  const char * const *keys = loket_local_conf_keys ();

  for (guint i = 0; config->local_problems != NULL && i < config->local_problems->len; i++)
    g_ptr_array_add (warnings, g_error_copy (g_ptr_array_index (config->local_problems, i)));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      guint line = loket_local_conf_get_line (config, keys[i]);
      g_autofree char *value = NULL;

      if (line == 0)
        continue;
      value = loket_local_conf_dup_value (config, keys[i]);
      /* Translators: check-config, a value staff set in admin mode: local.conf:LINE, the
       * key, its value. */
      printf (_("%s:%u: [kiosk] %s = %s (from local.conf: staff's setting, used instead of "
                "the configuration file's)"), config->local_path, line, keys[i], value);
      printf ("\n");
    }
}

int
loket_ctl_check_config (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(GPtrArray) online = g_ptr_array_new_with_free_func (g_free);
  gboolean check_online = FALSE;
  const char *path;

  g_return_val_if_fail (ctl != NULL, 1);

  if (argc == 2 && g_str_equal (argv[1], "--online"))
    check_online = TRUE;
  else if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl check-config [--online]"));

  path = loket_ctl_config_path (ctl);
  config = loket_config_load_full (path, &problems, NULL);
  /* Run as root, the files are judged as the kiosk's user sees them: the state folder's
   * owner (see loket-ctl.c). */
  if (config != NULL && problems->len == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!loket_ctl_become_state_owner (config, &error))
        return loket_ctl_fail_error (error);
    }
  if (config != NULL)
    loket_config_check_files (config, problems, warnings);
  if (config != NULL && problems->len == 0)
    check_staff_file (config, problems);
  if (config != NULL)
    show_local_conf (config, warnings);

  print_all (warnings);
  print_all (problems);
  if (problems->len > 0)
    return 1;

  if (check_online && loket_ctl_check_online (config, online) > 0)
    {
      for (guint i = 0; i < online->len; i++)
        fprintf (stderr, "%s: %s\n", path, (const char *) g_ptr_array_index (online, i));
      return 1;
    }

  /* Translators: %s is the path of the configuration file. */
  printf (_("%s: configuration is valid"), path);
  printf ("\n");
  return 0;
}
