/* loket-consent.h — what an agency receives, and the consent text the citizen agrees to
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

/* The text shown for one agency, in the current language, from translatable templates and
 * the catalog's translated strings. services: of LoketConsentService*, in catalog order. */
char                *loket_consent_text_build     (LoketCatalog        *catalog,
                                                   const LoketAgency   *agency,
                                                   GPtrArray           *services);

/* Lower-case hex SHA-256 of the text's UTF-8 bytes: the part's consent.text_sha256. */
char                *loket_consent_text_sha256    (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketConsentService, loket_consent_service_free)

G_END_DECLS
