/* loket-admin-board.h — what admin mode's status board reads and how it says it
 *
 * Private to the admin screens (loket-admin-status.c, loket-admin-agencies.c,
 * loket-admin-printer.c). A snapshot is read in a worker thread, from connections of its
 * own (the outbox, the printer, the file system), and holds metadata only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "outbox/loket-outbox-health.h"
#include "print/loket-printer-status.h"
#include "loket-session.h"

G_BEGIN_DECLS

typedef struct {
  guint               counts[LOKET_OUTBOX_N_STATES];
  GPtrArray          *agencies;         /* of LoketOutboxAgency* */
  GPtrArray          *attention;        /* of LoketOutboxPart*: needs-staff */
  GPtrArray          *stranded;         /* of LoketOutboxPart*: a prerequisite that ended
                                         * badly (rejected, cancelled) while parts of its
                                         * request still wait for its service */
  LoketOutboxHealth  *health;           /* oldest waiting, last delivery, per agency */
  char               *outbox_error;     /* the outbox could not be read, in words */
  LoketPrinterStatus *printer;
  char               *catalog_version;  /* a fingerprint of the catalog's files, or NULL */
  gboolean            free_known;
  guint64             free_bytes;
  int                 clock_synced;     /* 1 yes, 0 no, -1 unknown */
} LoketAdminSnapshot;

void        loket_admin_snapshot_free  (LoketAdminSnapshot *snap);
/* Blocks (the printer's status read is bounded): call it in a worker thread. */
LoketAdminSnapshot *loket_admin_snapshot_read (LoketConfig *config,
                                               GCancellable *cancellable);

/* "5 minutes", "3 hours", "2 days" since a time (µs), in the current language. */
char       *loket_admin_format_age     (gint64              since_usec);
/* An outbox state in words, in the current language (never the wire spelling). */
const char *loket_admin_state_words    (LoketOutboxState    state);
/* The status board's rows: the kiosk, the outbox, the printer, disk, clock, last delivery. */
void        loket_admin_board_fill     (GtkGrid            *grid,
                                        LoketSession       *session,
                                        const LoketAdminSnapshot *snap);
/* A service's title (the catalog's words), or its id when the catalog does not know it. */
const char *loket_admin_service_title  (LoketSession       *session,
                                        const char         *service);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAdminSnapshot, loket_admin_snapshot_free)

G_END_DECLS
