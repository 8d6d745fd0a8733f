/* loket-admin-board.c — admin mode's status board: reading it, and its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <sys/timex.h>
#include <glib/gi18n-lib.h>

#include "core/loket-i18n.h"
#include "loket-version.h"
#include "loket-admin-board.h"
#include "loket-admin-widgets.h"
#include "loket-speech-mode.h"

void
loket_admin_snapshot_free (LoketAdminSnapshot *snap)
{
  if (snap == NULL)
    return;
  g_clear_pointer (&snap->agencies, g_ptr_array_unref);
  g_clear_pointer (&snap->attention, g_ptr_array_unref);
  g_clear_pointer (&snap->stranded, g_ptr_array_unref);
  g_clear_pointer (&snap->health, loket_outbox_health_free);
  g_clear_pointer (&snap->printer, loket_printer_status_free);
  g_free (snap->outbox_error);
  g_free (snap->catalog_version);
  g_free (snap);
}

/* ---- Reading, in a worker thread ---- */

static int
read_clock_synced (void)
{
  struct timex tx = { 0, };
  int rc = adjtimex (&tx);

  if (rc < 0)
    return -1;
  return (tx.status & STA_UNSYNC) == 0 && rc != TIME_ERROR ? 1 : 0;
}

/* The latest part of service in the request, if it ended badly: the dependants waiting for
 * it wait for a resend that staff may give up. */
static LoketOutboxPart *
stranded_prerequisite (LoketOutbox  *outbox,
                       const char   *code,
                       const char   *service,
                       GError      **error)
{
  g_autoptr(LoketOutboxRequest) request = loket_outbox_get_request (outbox, code, error);
  int latest = -1;

  if (request == NULL)
    return NULL;
  for (guint i = 0; i < request->parts->len; i++)
    if (g_strcmp0 (((LoketOutboxPart *) request->parts->pdata[i])->service, service) == 0)
      latest = (int) i;
  if (latest < 0)
    return NULL;
  switch (((LoketOutboxPart *) request->parts->pdata[latest])->state)
    {
    case LOKET_OUTBOX_STATE_REJECTED:
    case LOKET_OUTBOX_STATE_CANCELLED:
      return g_ptr_array_steal_index (request->parts, (guint) latest);
    default:
      return NULL;
    }
}

static GPtrArray *
read_stranded (LoketOutbox  *outbox,
               GError      **error)
{
  LoketOutboxFilter filter = { LOKET_OUTBOX_STATE_WAITING, NULL };
  g_autoptr(GPtrArray) waiting = loket_outbox_list_parts (outbox, &filter, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) stranded = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                  loket_outbox_part_free);

  if (waiting == NULL)
    return NULL;
  for (guint i = 0; i < waiting->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (waiting, i);
      LoketOutboxPart *prerequisite;

      if (part->after == NULL ||
          !g_hash_table_add (seen, g_strconcat (part->tracking_code, " ", part->after, NULL)))
        continue;
      prerequisite = stranded_prerequisite (outbox, part->tracking_code, part->after, error);
      if (prerequisite != NULL)
        g_ptr_array_add (stranded, prerequisite);
      else if (error != NULL && *error != NULL)
        return NULL;
    }
  return g_steal_pointer (&stranded);
}

static void
read_outbox (LoketConfig        *config,
             LoketAdminSnapshot *snap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  LoketOutboxFilter filter = { LOKET_OUTBOX_STATE_NEEDS_STAFF, NULL };

  /* A connection of its own, as loketctl's: the kiosk's is the main loop's. */
  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_READ_ONLY |
                                                 LOKET_OUTBOX_OPEN_QUIET_KEY, &error);
  if (outbox != NULL)
    snap->agencies = loket_outbox_count_by_agency (outbox, &error);
  if (snap->agencies != NULL)
    snap->attention = loket_outbox_list_parts (outbox, &filter, &error);
  /* Aggregates only: the oldest waiting part is a min (), not a walk over the parts. */
  if (snap->attention != NULL)
    snap->stranded = read_stranded (outbox, &error);
  if (snap->stranded != NULL)
    snap->health = loket_outbox_read_health (outbox, &error);
  if (error != NULL)
    {
      snap->outbox_error = g_strdup (error->message);
      return;
    }

  for (guint i = 0; i < snap->agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (snap->agencies, i);

      for (guint s = 0; s < LOKET_OUTBOX_N_STATES; s++)
        snap->counts[s] += agency->counts[s];
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The catalog has no version field of its own: its JSON files' SHA-256, shortened, names
 * the one in use (two kiosks with the same fingerprint have the same catalog). */
static char *
read_catalog_version (const char *folder)
{
  g_autoptr(GDir) dir = folder != NULL ? g_dir_open (folder, 0, NULL) : NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      g_checksum_update (sum, (const guchar *) names->pdata[i], -1);
      g_checksum_update (sum, (const guchar *) contents, (gssize) length);
    }
  return names->len > 0 ? g_strndup (g_checksum_get_string (sum), 12) : NULL;
}

LoketAdminSnapshot *
loket_admin_snapshot_read (LoketConfig  *config,
                           GCancellable *cancellable)
{
  g_autoptr(LoketAdminSnapshot) snap = g_new0 (LoketAdminSnapshot, 1);
  g_autoptr(GFile) dir = g_file_new_for_path (config->state_dir);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(LoketPrinter) printer = loket_printer_new (config);

  read_outbox (config, snap);
  snap->printer = loket_printer_read_status (printer, cancellable);
  snap->catalog_version = read_catalog_version (config->catalog_dir);

  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    {
      snap->free_known = TRUE;
      snap->free_bytes = g_file_info_get_attribute_uint64 (info,
                                                           G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
    }
  snap->clock_synced = read_clock_synced ();
  return g_steal_pointer (&snap);
}

/* ---- Words ---- */

char *
loket_admin_format_age (gint64 since_usec)
{
  gint64 seconds = MAX (0, (g_get_real_time () - since_usec) / G_USEC_PER_SEC);
  guint n;

  if (seconds < 3600)
    {
      n = (guint) (seconds / 60);
      /* Translators: an age on admin mode's status board. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", n), n);
    }
  if (seconds < 2 * 86400)
    {
      n = (guint) (seconds / 3600);
      /* Translators: an age on admin mode's status board. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", n), n);
    }
  n = (guint) (seconds / 86400);
  /* Translators: an age on admin mode's status board. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n), n);
}

const char *
loket_admin_state_words (LoketOutboxState state)
{
  switch (state)
    {
    /* Translators: a part's state on admin mode's board (the outbox's "queued"). */
    case LOKET_OUTBOX_STATE_QUEUED: return _("waiting to be sent");
    /* Translators: a part's state on admin mode's board. */
    case LOKET_OUTBOX_STATE_SENDING: return _("being sent");
    /* Translators: a part's state on admin mode's board. */
    case LOKET_OUTBOX_STATE_DELIVERED: return _("delivered");
    /* Translators: a part's state on admin mode's board: it will be tried again later. */
    case LOKET_OUTBOX_STATE_RETRY: return _("will be tried again");
    /* Translators: a part's state on admin mode's board. */
    case LOKET_OUTBOX_STATE_REJECTED: return _("rejected by the agency");
    /* Translators: a part's state on admin mode's board. */
    case LOKET_OUTBOX_STATE_NEEDS_STAFF: return _("needs staff");
    /* Translators: a part's state on admin mode's board. */
    case LOKET_OUTBOX_STATE_CANCELLED: return _("cancelled");
    /* Translators: a part's state on admin mode's board: it waits for another service's
     * result. */
    case LOKET_OUTBOX_STATE_WAITING: return _("waiting for another service");
    /* Translators: a part's state on admin mode's board: its prerequisite ended badly. */
    case LOKET_OUTBOX_STATE_CANNOT_PROCEED: return _("cannot proceed");
    /* Translators: a part's state on admin mode's board: handed to another kiosk. */
    case LOKET_OUTBOX_STATE_MOVED: return _("moved to another kiosk");
    default: return "—";
    }
}

const char *
loket_admin_service_title (LoketSession *session,
                           const char   *service)
{
  LoketCatalog *catalog = loket_session_get_catalog (session);
  const LoketService *found = catalog != NULL ? loket_catalog_get_service (catalog, service)
                                              : NULL;

  return found != NULL && found->title != NULL ? C_CATALOG (found->title) : service;
}

/* ---- The board's rows ---- */

static void
board_row (GtkGrid    *grid,
           int        *row,
           const char *what,
           const char *value)
{
  GtkWidget *name = loket_admin_text_label (what);

  gtk_widget_add_css_class (name, "loket-field-label");
  gtk_grid_attach (grid, name, 0, *row, 1, 1);
  gtk_grid_attach (grid, loket_admin_text_label (value != NULL && *value != '\0' ? value : "—"),
                   1, *row, 1, 1);
  (*row)++;
}

static char *
outbox_counts_text (const LoketAdminSnapshot *snap)
{
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < LOKET_OUTBOX_N_STATES; s++)
    {
      if (snap->counts[s] == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: one state's count on admin mode's outbox row: "needs staff: 2". */
      g_string_append_printf (text, _("%s: %u"), loket_admin_state_words (s), snap->counts[s]);
    }
  if (text->len == 0)
    /* Translators: the outbox row of admin mode's status board when it holds nothing. */
    g_string_append (text, _("empty"));
  return g_string_free (text, FALSE);
}

static void
outbox_rows (GtkGrid                  *grid,
             int                      *row,
             const LoketAdminSnapshot *snap)
{
  g_autofree char *counts = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *last = NULL;

  if (snap->outbox_error != NULL)
    {
      /* Translators: a row of admin mode's status board. */
      board_row (grid, row, _("Outbox"), snap->outbox_error);
      return;
    }
  counts = outbox_counts_text (snap);
  board_row (grid, row, _("Outbox"), counts);
  /* Translators: shown when no part waits to be sent. */
  oldest = snap->health->oldest_waiting > 0 ? loket_admin_format_age (snap->health->oldest_waiting)
                                            : g_strdup (_("none"));
  /* Translators: a row of admin mode's status board: how long the oldest part that is
   * not yet delivered (or ended) has waited. */
  board_row (grid, row, _("Oldest waiting part"), oldest);
  if (snap->health->last_delivery > 0)
    {
      g_autofree char *age = loket_admin_format_age (snap->health->last_delivery);

      /* Translators: when the last part reached its agency: %s is an age ("5 minutes"). */
      last = g_strdup_printf (_("%s ago"), age);
    }
  else
    /* Translators: the last delivery row when nothing was ever delivered. */
    last = g_strdup (_("never"));
  /* Translators: a row of admin mode's status board. */
  board_row (grid, row, _("Last successful delivery"), last);
}

void
loket_admin_board_fill (GtkGrid                  *grid,
                        LoketSession             *session,
                        const LoketAdminSnapshot *snap)
{
  LoketConfig *config = loket_session_get_config (session);
  g_autofree char *version = g_strdup_printf ("%s (%s)", PACKAGE_VERSION, LOKET_VCS_TAG);
  g_autofree char *free_text = NULL;
  g_autofree char *printer = NULL;
  const char *clock;
  int row = 0;

  loket_admin_clear_box (GTK_WIDGET (grid));
  /* Translators: a row of admin mode's status board: this kiosk's id in the fleet. */
  board_row (grid, &row, _("Kiosk"), config->kiosk_id);
  /* Translators: a row of admin mode's status board: the hall the kiosk stands in. */
  board_row (grid, &row, _("Site"), config->site);
  /* Translators: a row of admin mode's status board: Loket's version. */
  board_row (grid, &row, _("Version"), version);
  /* Translators: a row of admin mode's status board: a fingerprint of the service catalog's
   * files (the same on kiosks with the same catalog). */
  board_row (grid, &row, _("Catalog version"), snap->catalog_version);

  outbox_rows (grid, &row, snap);

  printer = loket_printer_status_to_text (snap->printer);
  /* Translators: a row of admin mode's status board: what the printer says of itself. */
  board_row (grid, &row, _("Printer"), printer);

  free_text = snap->free_known ? g_format_size (snap->free_bytes) : NULL;
  /* Translators: a row of admin mode's status board: free disk space for Loket's data. */
  board_row (grid, &row, _("Free space"), free_text);

  if (snap->clock_synced == 1)
    /* Translators: the clock row of admin mode's status board. */
    clock = _("synchronised");
  else if (snap->clock_synced == 0)
    /* Translators: the clock row of admin mode's status board. */
    clock = _("not synchronised: times and ages may be wrong");
  else
    clock = NULL;
  /* Translators: a row of admin mode's status board. */
  board_row (grid, &row, _("Clock"), clock);
  /* Translators: a row of admin mode's status board: the speech mode (Listen), offered or
   * why not; "offered" when it is. */
  board_row (grid, &row, _("Speech"), loket_speech_unavailable_reason () != NULL
                                      ? loket_speech_unavailable_reason () : _("offered"));
}
