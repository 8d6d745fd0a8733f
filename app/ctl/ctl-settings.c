/* ctl-settings.c — `loketctl settings show|set|unset`: staff's settings in local.conf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same function as admin mode's Settings (loket_staff_set_setting), with "loketctl
 * (USER)" in the audit line. The fleet's configuration file is never written.
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "config/loket-file-modes.h"
#include "staff/loket-staff-ops.h"
#include "loket-ctl.h"

int
loket_ctl_settings_show (LoketCtl  *ctl,
                         int        argc,
                         char     **argv)
{
  g_autoptr(GError) error = NULL;
  const char * const *keys = loket_local_conf_keys ();
  LoketConfig *config;

  if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl settings show"));
  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = loket_local_conf_dup_value (config, keys[i]);
      guint line = loket_local_conf_get_line (config, keys[i]);

      if (line > 0)
        /* Translators: a staff setting's origin: local.conf and its line. */
        printf (_("%s = %s (staff setting, %s:%u)"), keys[i], value, config->local_path, line);
      else
        /* Translators: a setting that comes from the fleet's configuration file. */
        printf (_("%s = %s (fleet configuration, %s)"), keys[i], value,
                config->path != NULL ? config->path : "-");
      printf ("\n");
    }
  return 0;
}

static int
set_setting (LoketCtl   *ctl,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  g_autofree char *by = loket_ctl_actor ();
  LoketConfig *config = loket_ctl_get_config (ctl, &error);

  if (config == NULL || !loket_state_dir_prepare (config->state_dir, &error))
    return loket_ctl_fail_error (error);
  staff = loket_staff_new_for_config (config);
  if (!loket_staff_set_setting (staff, by, config, key, value, &error))
    return loket_ctl_fail ("%s: %s", key, error->message);
  if (value != NULL)
    printf ("%s = %s\n", key, value);
  else
    /* Translators: %s is a setting's key. */
    printf (_("%s: the fleet configuration's value is used again"), key);
  if (value == NULL)
    printf ("\n");
  /* Translators: after a setting was changed with loketctl. */
  printf ("%s\n", _("A running kiosk uses it after its next restart."));
  return 0;
}

int
loket_ctl_settings_set (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  if (argc != 3)
    return loket_ctl_fail (_("usage: loketctl settings set default-language|idle-timeout VALUE"));
  return set_setting (ctl, argv[1], argv[2]);
}

int
loket_ctl_settings_unset (LoketCtl  *ctl,
                          int        argc,
                          char     **argv)
{
  if (argc != 2)
    return loket_ctl_fail (_("usage: loketctl settings unset default-language|idle-timeout"));
  return set_setting (ctl, argv[1], NULL);
}
