/* loket-submission.h — a citizen's combined request, split and stored durably
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "config/loket-config.h"
#include "core/loket-request.h"
#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

/* Splits request into its parts (one per consented service), gives it a new tracking code
 * and commits the request and every part to the outbox in one transaction. Only when this
 * returns may the citizen be told "submitted". Returns the canonical tracking code; parts
 * (if not NULL) receives the LoketPart*s stored. The kiosk and `loketctl submit` both come
 * through here. */
char *loket_submission_store (LoketOutbox   *outbox,
                              LoketConfig   *config,
                              LoketRequest  *request,
                              GPtrArray    **parts,
                              GError       **error);

G_END_DECLS
