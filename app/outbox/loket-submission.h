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

/* A fresh code colliding with a stored one is a 1 in 2^60 event per stored request; a few
 * draws make it impossible in practice, and a loop that never ends impossible in fact. */
#define LOKET_SUBMISSION_MAX_CODE_DRAWS 4

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

/* The same in two steps, for a caller that keeps the disk off its own thread (the kiosk's
 * screens: ui/loket-session.c). prepare splits the request under a new tracking code on the
 * thread that owns the request (the split reads the process-wide language for the consent
 * texts, so it cannot move); the result holds copies only, so the request may be wiped
 * afterwards. commit stores it in one transaction through outbox, from any one thread that
 * owns that connection (app/outbox's rule: one connection per thread). A DUPLICATE error
 * from commit means the code was taken: prepare again, up to LOKET_SUBMISSION_MAX_CODE_DRAWS
 * times, then loket_submission_set_no_code_error (). */
typedef struct _LoketSubmission LoketSubmission;

LoketSubmission *loket_submission_prepare           (LoketConfig      *config,
                                                     LoketRequest     *request,
                                                     GError          **error);
gboolean         loket_submission_commit            (LoketSubmission  *self,
                                                     LoketOutbox      *outbox,
                                                     GError          **error);
const char      *loket_submission_get_tracking_code (LoketSubmission  *self);
/* Of LoketPart*, in the order stored. */
GPtrArray       *loket_submission_get_parts         (LoketSubmission  *self);
void             loket_submission_free              (LoketSubmission  *self);
void             loket_submission_set_no_code_error (GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSubmission, loket_submission_free)

G_END_DECLS
