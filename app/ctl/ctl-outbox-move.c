/* ctl-outbox-move.c — `loketctl outbox pubkey|export|import`: moving a dead kiosk's parts
 *
 * On the receiving kiosk: `outbox pubkey` prints its public key. With the dead kiosk's disk
 * and key (its configuration pointing at them): `outbox export --to PUBKEY --out FILE`. On
 * the receiving kiosk: `outbox import FILE --from PUBKEY`, the dead kiosk's public key
 * (`outbox pubkey` with its configuration). README.md, "Moving a dead kiosk's outbox".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "outbox/loket-outbox.h"
#include "loket-ctl.h"

int
loket_ctl_outbox_pubkey (LoketCtl  *ctl,
                         int        argc,
                         char     **argv)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  int status = 1;

  if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl outbox pubkey"));
  outbox = loket_ctl_open_outbox (ctl, LOKET_OUTBOX_OPEN_DEFAULT, TRUE, &status);
  if (outbox == NULL)
    return status;
  key = loket_outbox_get_public_key (outbox, &error);
  if (key == NULL)
    return loket_ctl_fail_error (error);
  printf ("%s\n", key);
  return 0;
}

int
loket_ctl_outbox_export (LoketCtl  *ctl,
                         int        argc,
                         char     **argv)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  const char *to = NULL, *out = NULL;
  guint n = 0;
  int status = 1;

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--to"))
        to = argv[i + 1];
      else if (g_str_equal (argv[i], "--out"))
        out = argv[i + 1];
    }
  if (argc != 5 || to == NULL || out == NULL)
    return loket_ctl_fail (_("usage: loketctl outbox export --to PUBKEY --out FILE"));

  outbox = loket_ctl_open_outbox (ctl, LOKET_OUTBOX_OPEN_DEFAULT, TRUE, &status);
  if (outbox == NULL)
    return status;
  /* Opened above: the configuration is read already. */
  if (!loket_outbox_export (outbox, to, out, loket_ctl_get_config (ctl, NULL)->pii_max_days, &n,
                            &error))
    return loket_ctl_fail_error (error);

  /* Translators: %u is a number of parts, %s a file. */
  printf (g_dngettext (GETTEXT_PACKAGE, "%u part exported to %s; it will not be sent from "
                       "here again", "%u parts exported to %s; they will not be sent from here "
                       "again", n), n, out);
  printf ("\n");
  return 0;
}

int
loket_ctl_outbox_import (LoketCtl  *ctl,
                         int        argc,
                         char     **argv)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bundle = NULL;
  guint added = 0, skipped = 0;
  int status = 1;

  if (argc != 4 || !g_str_equal (argv[2], "--from"))
    return loket_ctl_fail (_("usage: loketctl outbox import FILE --from PUBKEY"));

  file = g_mapped_file_new (argv[1], FALSE, &error);
  if (file == NULL)
    return loket_ctl_fail_error (error);
  bundle = g_mapped_file_get_bytes (file);

  outbox = loket_ctl_open_outbox (ctl, LOKET_OUTBOX_OPEN_DEFAULT, TRUE, &status);
  if (outbox == NULL)
    return status;
  if (!loket_outbox_import (outbox, bundle, argv[3], &added, &skipped, &error))
    return loket_ctl_fail_error (error);

  /* Translators: two numbers of parts. */
  printf (_("%u parts imported, %u already here"), added, skipped);
  printf ("\n");
  return 0;
}
