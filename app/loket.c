/* loket.c — the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LoketApplication) app = NULL;

  loket_i18n_init ();

  app = loket_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
