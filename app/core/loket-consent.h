/* loket-consent.h — what an agency receives: the summary the citizen reads and the itemised
 * text behind "Show every item"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "loket-catalog.h"

G_BEGIN_DECLS

/* What one service of an agency receives, and on which basis (for the consent screen). */
typedef struct {
  const LoketService *service;
  LoketLegalBasis     basis;
  GPtrArray          *fields;        /* of const LoketField*: exactly what its part carries */
  GPtrArray          *from_outputs;  /* of const LoketField*: those among fields that the
                                        prerequisite's answer fills, not the citizen */
} LoketConsentService;

LoketConsentService *loket_consent_service_new    (const LoketService  *service);
void                 loket_consent_service_free   (LoketConsentService *consent);

/* The itemised text for one agency ("Show every item"): every datum of every service, per
 * service, with why the agency may receive it; in the current language, from translatable
 * templates and the catalog's translated strings. services: of LoketConsentService*, in
 * catalog order. Its SHA-256 is the part's consent.details_text_sha256. */
char                *loket_consent_text_build     (LoketCatalog        *catalog,
                                                   const LoketAgency   *agency,
                                                   GPtrArray           *services);

typedef enum {
  LOKET_CONSENT_LINE_LEAD,       /* "Dukcapil receives:" */
  LOKET_CONSENT_LINE_CATEGORY,   /* "About you: Your NIK, Your full name" */
  LOKET_CONSENT_LINE_BASIS,      /* why, for the services the citizen cannot refuse */
  LOKET_CONSENT_LINE_QUESTION,   /* one service that needs consent: a yes/no follows it */
} LoketConsentLineKind;

/* One line of an agency's summary: one label on the screen. */
typedef struct {
  LoketConsentLineKind  kind;
  char                 *text;
  const LoketService   *service;   /* QUESTION: the service asked about; else NULL */
} LoketConsentLine;

void                 loket_consent_line_free      (LoketConsentLine    *line);

/* The summary shown for one agency (of LoketConsentLine*, in the order shown): the data by
 * category — the catalog's sections, in its order — each datum once however many of the
 * agency's services receive it; then, per legal basis, why. A question line per service
 * whose basis is consent. */
GPtrArray           *loket_consent_summary_build  (LoketCatalog        *catalog,
                                                   const LoketAgency   *agency,
                                                   GPtrArray           *services);
/* The text whose SHA-256 is the part's consent.text_sha256: the lines' texts, in order,
 * joined by "\n" (no newline at the end). */
char                *loket_consent_summary_text   (GPtrArray           *lines);

/* Lower-case hex SHA-256 of the text's UTF-8 bytes. */
char                *loket_consent_text_sha256    (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketConsentService, loket_consent_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketConsentLine, loket_consent_line_free)

G_END_DECLS
