/* loket-receipt.h — what a receipt says: one model for the paper and the kiosk's Receipt page
 *
 * A LoketReceipt is built once, on the caller's thread, from the configuration, the catalog
 * and the outbox's METADATA of one request (never its personal data), with every string
 * already translated into the citizen's language. After that it is immutable, so printer
 * threads may read it while the screens change language.
 *
 * The layout is a flat list of blocks (title, text, small text, the code, the QR, rules and
 * one block per part) that every renderer walks in order: cairo (PDF, PNG), ESC/POS, and the
 * Receipt page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "config/loket-config.h"
#include "core/loket-catalog.h"
#include "core/loket-request.h"
#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

#define LOKET_RECEIPT_ERROR (loket_receipt_error_quark ())

typedef enum {
  LOKET_RECEIPT_ERROR_INVALID,   /* the request cannot make a receipt (no parts, bad code) */
  LOKET_RECEIPT_ERROR_RENDER,    /* drawing or encoding failed (e.g. the QR does not fit) */
} LoketReceiptError;

GQuark loket_receipt_error_quark (void);

typedef enum {
  LOKET_RECEIPT_BLOCK_TITLE,     /* the hall's name: large, bold, centred */
  LOKET_RECEIPT_BLOCK_TEXT,      /* ordinary text, wrapped */
  LOKET_RECEIPT_BLOCK_SMALL,     /* small text, wrapped */
  LOKET_RECEIPT_BLOCK_CODE,      /* the tracking code, large, grouped XXXX-XXXX-XXXX-C */
  LOKET_RECEIPT_BLOCK_QR,        /* text is the QR payload */
  LOKET_RECEIPT_BLOCK_RULE,      /* a separating line */
  LOKET_RECEIPT_BLOCK_PART,      /* text is the service's title, lines what follows it */
} LoketReceiptBlockKind;

typedef struct {
  LoketReceiptBlockKind  kind;
  char                  *text;
  GStrv                  lines;  /* PART only: agency, state, dates, fee, documents, … */
} LoketReceiptBlock;

/* One part as the Receipt page shows it; every string is translated already. */
typedef struct {
  char     *part_id;
  char     *service;           /* the service id */
  char     *title;             /* the service's title */
  char     *agency;            /* the agency's short name */
  char     *state;             /* "received, reference DKP-…", "queued, will be sent …" */
  char     *expected;          /* the expected completion date */
  char     *fee;               /* "Free", "Rp 50.000" */
  GStrv     documents;         /* what to bring; empty when nothing */
  gboolean  show_identity;     /* the service's verification is counter */
  char     *location;          /* where to go in the hall, or NULL */
} LoketReceiptPart;

typedef struct _LoketReceipt LoketReceipt;

/* Builds the receipt of request in language (NULL: the request's own language). reasons maps
 * a part id to the agency's rejection reason, already in the citizen's language; the outbox
 * does not keep them, so without one a rejected part says to ask at the counter. The
 * process-wide gettext language is switched for the duration of the call and restored, so
 * call it from the thread that owns the screens. */
LoketReceipt      *loket_receipt_new              (const LoketConfig        *config,
                                                   LoketCatalog             *catalog,
                                                   const LoketOutboxRequest *request,
                                                   const char               *language,
                                                   GHashTable               *reasons,
                                                   GError                  **error);
/* The same, with the citizen's answers still at hand (the kiosk, right after submitting):
 * the documents then follow them (no "if married" document for a citizen who said they
 * are not). answers may be NULL: conditional documents then say "only if it applies". */
LoketReceipt      *loket_receipt_new_full         (const LoketConfig        *config,
                                                   LoketCatalog             *catalog,
                                                   const LoketOutboxRequest *request,
                                                   const char               *language,
                                                   GHashTable               *reasons,
                                                   LoketRequest             *answers,
                                                   GError                  **error);
/* Staff's test print (admin mode): marked TEST at top and bottom, with the site, the kiosk
 * and the time, a code of zeros and a QR that says TEST; no request behind it. Whoever prints
 * it does not record it in the outbox, so it is never counted as a citizen's receipt
 * (loket_receipts_printed_total). */
LoketReceipt      *loket_receipt_new_test         (const LoketConfig        *config,
                                                   const char               *language);
gboolean           loket_receipt_is_test          (LoketReceipt             *self);
LoketReceipt      *loket_receipt_ref              (LoketReceipt             *self);
void               loket_receipt_unref            (LoketReceipt             *self);

const char        *loket_receipt_get_code         (LoketReceipt             *self);  /* canonical */
const char        *loket_receipt_get_display_code (LoketReceipt             *self);  /* XXXX-XXXX-XXXX-C */
const char        *loket_receipt_get_qr_payload   (LoketReceipt             *self);
const char        *loket_receipt_get_language     (LoketReceipt             *self);
GDateTime         *loket_receipt_get_created_at   (LoketReceipt             *self);
GPtrArray         *loket_receipt_get_parts        (LoketReceipt             *self);  /* of LoketReceiptPart* */
/* Every part's documents in one list, each once: the checklist to show at the counter. */
const char * const *loket_receipt_get_documents   (LoketReceipt             *self);
/* The words under the QR, which follow what it holds: a phone's page, or kiosks only. */
const char        *loket_receipt_get_qr_caption   (LoketReceipt             *self);
/* The tracking page's address (the QR's payload) when [tracking] url is set, else NULL. */
const char        *loket_receipt_get_tracking_url (LoketReceipt             *self);
GPtrArray         *loket_receipt_get_blocks       (LoketReceipt             *self);  /* of LoketReceiptBlock* */

/* Every block's text and lines, one per line, without the QR: what the receipt says, for
 * the Receipt page's accessible description and for tests. */
char              *loket_receipt_to_text          (LoketReceipt             *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketReceipt, loket_receipt_unref)

G_END_DECLS
