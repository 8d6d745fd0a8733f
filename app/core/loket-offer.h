/* loket-offer.h — today's offer: services and life events staff switched off for a while
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When an agency's counter is closed for the day, staff switch its services (or a whole life
 * event) off without touching the catalog. An entry is off either for the day it was switched
 * off (it comes back by itself the next day, at local midnight) or until staff switch it back.
 * Kept in `today-offer` in the state dir, a keyfile written atomically and fsynced:
 *
 *   [service kia]
 *   off = 2026-12-06            (that day only: YYYY-MM-DD, local time)
 *   [life-event birth]
 *   off = until-switched-back
 *
 * "Today" is read from a clock the caller gives (loket_offer_set_clock): the kiosk's wall
 * clock by default, the tests' own in tests. Admin mode and `loketctl offer` both change it
 * through these functions; each change leaves an audit line (their callers write it).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_OFFER_FILE_NAME       "today-offer"
#define LOKET_OFFER_UNTIL_BACK      "until-switched-back"

/* The audit actions (target: "service:ID" or "life-event:ID"). */
#define LOKET_AUDIT_OFFER_OFF_TODAY "offer-off-today"
#define LOKET_AUDIT_OFFER_OFF       "offer-off"
#define LOKET_AUDIT_OFFER_ON        "offer-on"

typedef enum {
  LOKET_OFFER_SERVICE,
  LOKET_OFFER_LIFE_EVENT,
} LoketOfferKind;

#define LOKET_OFFER_ERROR (loket_offer_error_quark ())

typedef enum {
  LOKET_OFFER_ERROR_IO,        /* the file cannot be read or written */
  LOKET_OFFER_ERROR_INVALID,   /* a line that is not an entry, a bad kind or id */
} LoketOfferError;

GQuark loket_offer_error_quark (void);

/* Microseconds since the epoch; the day is taken in the local time zone. */
typedef gint64 (*LoketOfferClock) (gpointer user_data);

typedef struct _LoketOffer LoketOffer;

/* An empty offer (everything on) reading the system's wall clock. */
LoketOffer *loket_offer_new           (void);
/* The offer kept in state_dir; none kept is an empty one. */
LoketOffer *loket_offer_load          (const char      *state_dir,
                                       GError         **error);
/* Writes it to state_dir atomically (fsynced), mode 0644: it names no one. Call it off the
 * main loop. */
gboolean    loket_offer_save          (LoketOffer      *self,
                                       const char      *state_dir,
                                       GError         **error);
LoketOffer *loket_offer_copy          (LoketOffer      *self);
void        loket_offer_free          (LoketOffer      *self);

void        loket_offer_set_clock     (LoketOffer      *self,
                                       LoketOfferClock  clock,
                                       gpointer         user_data);
/* Today's date by the offer's clock, "YYYY-MM-DD". */
char       *loket_offer_dup_today     (LoketOffer      *self);

/* Switches id off for today (until_back FALSE) or until switched back. */
void        loket_offer_switch_off    (LoketOffer      *self,
                                       LoketOfferKind   kind,
                                       const char      *id,
                                       gboolean         until_back);
/* Switches it back on; FALSE when it was not off. */
gboolean    loket_offer_switch_on     (LoketOffer      *self,
                                       LoketOfferKind   kind,
                                       const char      *id);
/* Whether id is off now (by the clock). *until_back (may be NULL) says how. */
gboolean    loket_offer_is_off        (LoketOffer      *self,
                                       LoketOfferKind   kind,
                                       const char      *id,
                                       gboolean        *until_back);

/* "service" / "life-event", and back (FALSE for another word). */
const char *loket_offer_kind_to_string (LoketOfferKind  kind);
gboolean    loket_offer_kind_parse    (const char      *text,
                                       LoketOfferKind  *kind);
/* The audit target of an entry: "service:kia". */
char       *loket_offer_audit_target  (LoketOfferKind   kind,
                                       const char      *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOffer, loket_offer_free)

G_END_DECLS
