/* loket-part.h — one service's share of a combined request, as its agency will receive it
 *
 * A part is made once, by loket_request_split(), and then only read: the outbox stores it,
 * the dispatcher sends its body. The body is the agency protocol v1 JSON (docs/agency-protocol.md),
 * serialised once so that every retry sends the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LOKET_TYPE_PART (loket_part_get_type ())
#define LOKET_PART_ERROR (loket_part_error_quark ())

typedef enum {
  LOKET_PART_ERROR_BODY,      /* the body is not a protocol v1 body */
  LOKET_PART_ERROR_OUTPUTS,   /* a prerequisite's output this part needs is missing */
} LoketPartError;

GQuark loket_part_error_quark (void);

typedef struct {
  char        *part_id;     /* a random UUID: the Idempotency-Key */
  char        *service;     /* service id */
  char        *agency;      /* agency id */
  /* The prerequisite service, when it is in the same request; NULL otherwise (then the
   * input fields were asked of the citizen and the body is complete). */
  char        *after;
  /* With after: field id → the prerequisite's output name that fills it; else NULL. */
  JsonObject  *inputs;
  /* The fields this part carries (consent.fields of the body), in the service's order;
   * the inputs among them have no value in the body until loket_part_complete_body(). */
  GStrv        field_ids;
  GBytes      *body;        /* protocol v1 JSON */
} LoketPart;

GType      loket_part_get_type       (void) G_GNUC_CONST;

LoketPart *loket_part_new            (void);
LoketPart *loket_part_ref            (LoketPart   *part);
void       loket_part_unref          (LoketPart   *part);

/* TRUE when the body still waits for a prerequisite's outputs. */
gboolean   loket_part_needs_outputs  (const LoketPart *part);

/* The part's body with the prerequisite's outputs filled into its input fields, data
 * members in the order of consent.fields. outputs: the prerequisite agency's "outputs". */
GBytes    *loket_part_complete_body  (const LoketPart  *part,
                                      JsonObject       *outputs,
                                      GError          **error);

/* The same from what the outbox keeps: the stored body and the part's inputs. */
GBytes    *loket_part_body_fill_inputs (GBytes      *body,
                                        JsonObject  *inputs,
                                        JsonObject  *outputs,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPart, loket_part_unref)

G_END_DECLS
