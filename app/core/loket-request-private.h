/* loket-request-private.h — what the files of LoketRequest share (not for other modules)
 *
 * loket-request.c: services and the plan; loket-request-answers.c: answers;
 * loket-request-issues.c: validation and warnings; loket-request-split.c: consent and parts;
 * loket-request-json.c: the JSON request of `loketctl submit`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-request.h"

G_BEGIN_DECLS

typedef struct {
  char      *text;      /* as typed, or the text form of a JSON value; NULL: no answer */
  JsonNode  *input;     /* a JSON value (set_value), our own copy; NULL: text is the input */
  GPtrArray *entries;   /* group: of GHashTable (sub-field id → Answer*) */
} Answer;

typedef struct {
  gboolean   granted;
  char      *text_sha256;      /* of the summary the citizen saw */
  char      *details_sha256;   /* of the itemised text behind "Show every item" */
  gboolean   details_opened;   /* the citizen opened the itemised text (kept across answers) */
  GDateTime *granted_at;       /* NULL: at submission */
} ConsentRecord;

struct _LoketRequest
{
  GObject               parent_instance;

  LoketCatalog         *catalog;
  char                 *language;
  gboolean              has_today;
  GDate                 today;
  GTimeZone            *local_zone;

  const LoketLifeEvent *life_event;
  GHashTable           *chosen;      /* service id (the catalog's string) set */
  GHashTable           *answers;     /* field id → Answer* */
  GHashTable           *plan;        /* field id (the catalog's string) → FieldPlan* */
  GHashTable           *consents;    /* agency id (the catalog's string) → ConsentRecord* */
  GHashTable           *confirmed;   /* warning id → fingerprint of the values it compared */

  char                 *questions_signature;
  gboolean              complete;
};

void        loket_answer_free                 (Answer                *answer);

/* After every change: recompute the plan, emit questions-changed and notify::complete. */
void        loket_request_changed             (LoketRequest          *self,
                                               gboolean               services_changed);
void        loket_request_get_today           (LoketRequest          *self,
                                               GDate                 *today);
JsonNode   *loket_request_normalize           (LoketRequest          *self,
                                               const LoketField      *field,
                                               const Answer          *answer,
                                               GError               **error);
JsonNode   *loket_request_wire_value          (LoketRequest          *self,
                                               const LoketField      *field);
gboolean    loket_request_condition_holds     (LoketRequest          *self,
                                               const LoketCondition  *when);
gboolean    loket_request_prerequisite_chosen (LoketRequest          *self,
                                               const LoketService    *service);
const char *loket_request_input_output        (const LoketService    *service,
                                               const char            *field_id);
gboolean    loket_request_take_json_value     (LoketRequest          *self,
                                               const LoketField      *field,
                                               JsonNode              *value,
                                               const char            *path,
                                               GPtrArray             *problems);

/* Every issue of the asked fields, in catalog order; warnings carry their fingerprint. */
GPtrArray  *loket_request_compute_issues      (LoketRequest          *self,
                                               GPtrArray            **fingerprints);

/* What the service's part carries (of LoketConsentService, with fields and from_outputs). */
LoketConsentService *loket_request_part_fields (LoketRequest         *self,
                                               const LoketService    *service);

G_END_DECLS
