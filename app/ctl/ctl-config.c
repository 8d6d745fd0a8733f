/* ctl-config.c — `loketctl check-config`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "loket-ctl.h"

int
loket_ctl_check_config (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  g_autoptr(GError) error = NULL;
  LoketConfig *config;

  if (argc != 1)
    return loket_ctl_fail (_("check-config takes no arguments"));

  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);

  /* Translators: %s is the path of the configuration file. */
  printf (_("%s: configuration is valid"), config->path);
  printf ("\n");
  return 0;
}
