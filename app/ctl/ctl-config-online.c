/* ctl-config-online.c — `loketctl check-config --online`: what only the live kiosk can tell
 *
 * Beyond the file: every agency's /health with the configured TLS and credentials (the
 * same client the delivery engine uses), what the printer says of itself (paper near end,
 * cover open, …: loket-printer-status.h) or why it cannot be asked, free space in
 * the state folder, and that the state folder and the outbox key belong to the kiosk's user
 * (the user check-config runs as, once it has become the state folder's owner). One line
 * per problem on stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "core/loket-format.h"
#include "net/loket-agency-client.h"
#include "print/loket-printer-status.h"
#include "loket-ctl.h"

/* Below this, an outbox that grows by a day's requests and its WAL may not fit. */
#define MIN_FREE_BYTES (64 * 1024 * 1024)

typedef struct {
  const char *id;
  GPtrArray  *problems;
  guint      *pending;
} Health;

/* Every problem found, one line each (core/loket-format.h); the short name keeps the long
 * lists of checks below readable. */
#define add_problem loket_format_add_line

static void
on_health (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Health *health = user_data;
  g_autoptr(GError) error = NULL;

  if (!loket_agency_client_health_finish (LOKET_AGENCY_CLIENT (source), result, &error))
    /* Translators: an agency id, then why its health check failed. */
    add_problem (health->problems, _("agency %s: /health: %s"), health->id, error->message);
  (*health->pending)--;
}

static void
check_agencies (LoketConfig *config,
                GPtrArray   *problems)
{
  g_autoptr(LoketHttp) http = loket_http_new (2);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Health *checks = g_new0 (Health, MAX (config->agencies->len, 1));
  guint pending = config->agencies->len;

  for (guint i = 0; i < config->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (config->agencies, i);
      LoketAgencyClient *client = loket_agency_client_new (http, agency, config->kiosk_id);

      g_ptr_array_add (clients, client);
      checks[i] = (Health) { agency->id, problems, &pending };
      loket_agency_client_health_async (client, NULL, on_health, &checks[i]);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
check_printer (LoketConfig *config,
               GPtrArray   *problems)
{
  switch (config->printer_backend)
    {
    case LOKET_PRINTER_ESCPOS_TCP:
    case LOKET_PRINTER_ESCPOS_DEVICE:
    case LOKET_PRINTER_CUPS:
      {
        /* What the printer says of itself (DLE EOT, or CUPS's printer-state-reasons), as
         * admin mode's board reads it; bounded by its timeout. */
        g_autoptr(LoketPrinter) printer = loket_printer_new (config);
        g_autoptr(LoketPrinterStatus) status = loket_printer_read_status (printer, NULL);
        g_auto(GStrv) list = loket_printer_status_problems (status);

        for (guint i = 0; list[i] != NULL; i++)
          /* Translators: one printer problem ("paper near end", "cover open", or why the
           * printer cannot be asked). */
          add_problem (problems, _("printer: %s"), list[i]);
      }
      break;

    case LOKET_PRINTER_PDF:
      if (config->printer_folder == NULL || g_access (config->printer_folder, W_OK) != 0)
        /* Translators: %s is a folder. */
        add_problem (problems, _("printer: cannot write into %s"),
                     config->printer_folder != NULL ? config->printer_folder : "?");
      break;

    case LOKET_PRINTER_NONE:
    default:
      break;
    }
}

static void
check_owner (GPtrArray  *problems,
             const char *key,
             const char *path)
{
  struct stat st;

  if (path == NULL)
    return;
  if (g_stat (path, &st) != 0)
    /* Translators: a configuration key, then a path. */
    add_problem (problems, _("%s: %s does not exist"), key, path);
  else if (st.st_uid != geteuid ())
    /* Translators: a configuration key, a path, then two numeric user ids. */
    add_problem (problems, _("%s: %s belongs to user %u, not to the kiosk's user (%u)"), key,
                 path, (guint) st.st_uid, (guint) geteuid ());
}

static void
check_state_dir (LoketConfig *config,
                 GPtrArray   *problems)
{
  struct statvfs fs;

  check_owner (problems, "state-dir", config->state_dir);
  check_owner (problems, "key-file", config->key_file);

  if (statvfs (config->state_dir, &fs) == 0 &&
      (guint64) fs.f_bavail * fs.f_frsize < MIN_FREE_BYTES)
    /* Translators: a folder, then megabytes free and the minimum. */
    add_problem (problems, _("state-dir: %s has %u MiB free (at least %u MiB wanted)"),
                 config->state_dir, (guint) ((guint64) fs.f_bavail * fs.f_frsize / (1024 * 1024)),
                 (guint) (MIN_FREE_BYTES / (1024 * 1024)));
}

/* Appends a line per problem; returns how many. */
guint
loket_ctl_check_online (LoketConfig *config,
                        GPtrArray   *problems)
{
  guint before = problems->len;

  check_state_dir (config, problems);
  check_printer (config, problems);
  check_agencies (config, problems);
  return problems->len - before;
}
