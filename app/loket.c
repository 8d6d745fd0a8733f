/* loket.c — the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket"

#include "config.h"

#include <sys/stat.h>

#include "config/loket-file-modes.h"
#include "core/loket-i18n.h"
#include "loket-application.h"
#include "loket-kiosk.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LoketApplication) app = NULL;

  /* First, before any thread exists: the umask is the process's, and what the kiosk creates
   * (outbox, logs of its own) is for its user alone. Files meant for others get their modes
   * explicitly (config/loket-file-modes.h). */
  umask (LOKET_UMASK);

  /* Before anything reads GSettings or starts GTK, which GApplication's own option parsing
   * (handle_local_options) would come too late for. */
  if (loket_kiosk_requested (argc, argv))
    {
      g_autoptr(GError) error = NULL;

      if (!loket_kiosk_prepare_process (&error))
        g_warning ("%s", error->message);
    }

  loket_i18n_init ();

  app = loket_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
