/* loket-request.h — the combined request: chosen services, one form, validation, consent, split
 *
 * A LoketRequest is what one citizen asks for at the kiosk. It merges the fields of the
 * chosen services (each asked once), follows conditions as answers change, validates every
 * answer (errors block; likely typos are warnings the citizen may confirm), records consent
 * per agency, and finally splits into one LoketPart per service. The screens and
 * `loketctl submit` (loket_request_new_from_json) go through the same code, so they give the
 * same messages. Messages are in the process's current language (loket_i18n_set_language()).
 *
 * Cross-field checks follow a naming convention of the catalog's field ids: a person's
 * fields share a prefix, `<person>.nik`, `<person>.birth_date` (a date) and `<person>.sex`
 * (a choice with values `male` and `female`), e.g. `mother.nik` and `mother.birth_date`; in
 * a group, one entry is one person with sub-fields `nik`, `birth_date` and `sex`.
 * Warning ids name what they compare, so `loketctl submit` can confirm them:
 * "nik-birth-date:<person>" and "nik-sex:<person>" (person: "mother", "move.members[1]"),
 * "same-nik:<place of the later NIK>" ("father.nik", "move.members[2].nik").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "loket-catalog.h"
#include "loket-consent.h"
#include "loket-part.h"

G_BEGIN_DECLS

#define LOKET_TYPE_REQUEST (loket_request_get_type ())
G_DECLARE_FINAL_TYPE (LoketRequest, loket_request, LOKET, REQUEST, GObject)

#define LOKET_REQUEST_ERROR (loket_request_error_quark ())

typedef enum {
  LOKET_REQUEST_ERROR_INVALID,     /* a JSON request is wrong; the message lists every problem */
  LOKET_REQUEST_ERROR_INCOMPLETE,  /* split: answers are missing or wrong */
  LOKET_REQUEST_ERROR_CONSENT,     /* split: an agency has no (current) consent */
} LoketRequestError;

GQuark loket_request_error_quark (void);

/* Where a field stands for the chosen services. */
typedef enum {
  LOKET_FIELD_STATE_NOT_NEEDED,    /* no chosen service declares it */
  LOKET_FIELD_STATE_ASKED,         /* shown on the form */
  LOKET_FIELD_STATE_HIDDEN,        /* wanted, but every `when` that shows it is false */
  LOKET_FIELD_STATE_FROM_OUTPUTS,  /* every service wanting it gets it from a chosen prerequisite */
} LoketFieldState;

typedef struct {
  const LoketField *field;
  gboolean          required;
} LoketQuestion;

typedef struct {
  const LoketSection *section;
  GPtrArray          *questions;   /* of LoketQuestion*, in catalog order */
} LoketQuestionSection;

typedef enum {
  LOKET_ISSUE_ERROR,
  LOKET_ISSUE_WARNING,
} LoketIssueSeverity;

typedef struct {
  char               *field_id;
  int                 entry_index;    /* a group's entry, or -1 */
  char               *sub_field_id;  /* a group's sub-field, or NULL */
  LoketIssueSeverity  severity;
  /* errors: "required", "format", "check", "range", "too-few", "too-many";
   * warnings: "nik-birth-date", "nik-sex", "same-nik" */
  char               *code;
  char               *message;        /* for the citizen, in the current language */
  char               *warning_id;     /* warnings: what loket_request_confirm_warning() takes */
  gboolean            confirmed;      /* a warning the citizen confirmed: it does not block */
} LoketIssue;

void        loket_issue_free (LoketIssue *issue);

LoketRequest       *loket_request_new               (LoketCatalog  *catalog);
LoketCatalog       *loket_request_get_catalog       (LoketRequest  *self);

/* The day date rules are checked against; NULL (the default) is today in local time. */
void                loket_request_set_today         (LoketRequest  *self,
                                                     const GDate   *today);
/* The citizen's language, as sent to the agencies (default: loket_i18n_get_language()). */
void                loket_request_set_language      (LoketRequest  *self,
                                                     const char    *language);
const char         *loket_request_get_language      (LoketRequest  *self);

/* Chooses a life event: its services become the selection; its optional ones are offered.
 * FALSE for an unknown id. NULL forgets the life event and keeps the selection. */
gboolean            loket_request_set_life_event    (LoketRequest  *self,
                                                     const char    *life_event_id);
const LoketLifeEvent *loket_request_get_life_event  (LoketRequest  *self);
/* The life event's optional services, chosen or not (of const LoketService*). */
GPtrArray          *loket_request_get_offered_services (LoketRequest *self);

gboolean            loket_request_add_service       (LoketRequest  *self,
                                                     const char    *service_id);
gboolean            loket_request_remove_service    (LoketRequest  *self,
                                                     const char    *service_id);
gboolean            loket_request_has_service       (LoketRequest  *self,
                                                     const char    *service_id);
/* The chosen services in catalog order (of const LoketService*). */
GPtrArray          *loket_request_get_services      (LoketRequest  *self);
/* Removes every chosen service of the agency (the citizen refused it at consent). */
gboolean            loket_request_remove_agency     (LoketRequest  *self,
                                                     const char    *agency_id);

/* The form: visible sections in the catalog's order, each with its visible questions. */
GPtrArray          *loket_request_get_sections      (LoketRequest  *self);
LoketFieldState     loket_request_get_field_state   (LoketRequest  *self,
                                                     const char    *field_id);
gboolean            loket_request_is_required       (LoketRequest  *self,
                                                     const char    *field_id);

/* Answers. Values are kept as typed, valid or not, and kept while their field is hidden;
 * only what is asked is validated, counted and sent. */
void                loket_request_set_text          (LoketRequest  *self,
                                                     const char    *field_id,
                                                     const char    *text);
const char         *loket_request_get_text          (LoketRequest  *self,
                                                     const char    *field_id);
/* A JSON value: what `loketctl submit` gives (a string, number or boolean; for a group an
 * array of objects of sub-field values); NULL or a JSON null forgets the answer. */
gboolean            loket_request_set_value         (LoketRequest  *self,
                                                     const char    *field_id,
                                                     JsonNode      *value,
                                                     GError       **error);
/* The wire value of an asked field with a valid answer, else NULL. */
JsonNode           *loket_request_dup_wire_value    (LoketRequest  *self,
                                                     const char    *field_id);

guint               loket_request_add_group_entry   (LoketRequest  *self,
                                                     const char    *field_id);
gboolean            loket_request_remove_group_entry (LoketRequest *self,
                                                     const char    *field_id,
                                                     guint          index);
guint               loket_request_get_n_group_entries (LoketRequest *self,
                                                     const char    *field_id);
gboolean            loket_request_set_group_text    (LoketRequest  *self,
                                                     const char    *field_id,
                                                     guint          index,
                                                     const char    *sub_field_id,
                                                     const char    *text);
const char         *loket_request_get_group_text    (LoketRequest  *self,
                                                     const char    *field_id,
                                                     guint          index,
                                                     const char    *sub_field_id);

/* Problems of the asked fields (of LoketIssue*), of one section or of all (NULL). */
GPtrArray          *loket_request_get_issues        (LoketRequest  *self,
                                                     const char    *section_id);
/* FALSE when no such warning stands now. A confirmation holds until one of the values the
 * warning compares changes. */
gboolean            loket_request_confirm_warning   (LoketRequest  *self,
                                                     const char    *warning_id);
gboolean            loket_request_section_is_complete (LoketRequest *self,
                                                     const char    *section_id);
/* At least one service, no error and no unconfirmed warning. */
gboolean            loket_request_is_complete       (LoketRequest  *self);

/* Documents to bring (the catalog's service `documents`), for the chosen services. */
typedef enum {
  LOKET_DOCUMENT_NOT_NEEDED,       /* its `when` is false with these answers */
  LOKET_DOCUMENT_NEEDED,
  LOKET_DOCUMENT_MAYBE,            /* its `when` waits for an answer not given yet */
} LoketDocumentNeed;

typedef struct {
  const LoketDocument *document;   /* as the first chosen service that needs it names it */
  LoketDocumentNeed    need;       /* NEEDED as soon as one service needs it for sure */
  const char          *instead;    /* msgid: what replaces it, from any service; or NULL */
} LoketNeededDocument;

void        loket_needed_document_free (LoketNeededDocument *needed);

/* Whether one document of a chosen service is needed with the answers given so far. */
LoketDocumentNeed   loket_request_document_need     (LoketRequest        *self,
                                                     const LoketDocument *document);
/* The documents of the chosen services (of LoketNeededDocument*), each once however many
 * services name it, in the order of the services and then of their lists; those not
 * needed with the answers given are left out. */
GPtrArray          *loket_request_get_documents     (LoketRequest  *self);

/* Consent, per agency of the chosen services (of const LoketAgency*, in service order). */
GPtrArray          *loket_request_get_agencies      (LoketRequest  *self);
/* Of LoketConsentService*, one per chosen service of the agency, in catalog order. */
GPtrArray          *loket_request_get_consent_fields (LoketRequest *self,
                                                     const char    *agency_id);
/* The itemised text for the agency ("Show every item"), in the current language; its
 * SHA-256 goes into every part of the agency (consent.details_text_sha256). */
char               *loket_request_consent_text      (LoketRequest  *self,
                                                     const char    *agency_id);
/* The summary shown for the agency (of LoketConsentLine*, NULL when it has no chosen
 * service); the SHA-256 of loket_consent_summary_text() of it is consent.text_sha256. */
GPtrArray          *loket_request_consent_summary   (LoketRequest  *self,
                                                     const char    *agency_id);
/* The citizen opened the agency's itemised text (consent.details_opened); it stays so
 * until the agency's services leave the request or the request is cleared. */
void                loket_request_set_consent_details_opened (LoketRequest *self,
                                                     const char    *agency_id);
gboolean            loket_request_get_consent_details_opened (LoketRequest *self,
                                                     const char    *agency_id);
/* Records the citizen's answer now; consent holds only while the summary and the itemised
 * text stay the same (a changed answer that changes what is sent asks for consent again). */
void                loket_request_set_consent       (LoketRequest  *self,
                                                     const char    *agency_id,
                                                     gboolean       granted);
/* The same at a given time; granted_at NULL means "at submission" (split's now). */
void                loket_request_set_consent_full  (LoketRequest  *self,
                                                     const char    *agency_id,
                                                     gboolean       granted,
                                                     GDateTime     *granted_at);
gboolean            loket_request_get_consent       (LoketRequest  *self,
                                                     const char    *agency_id);

/* Forgets every answer, choice and consent; typed text is overwritten before it is freed. */
void                loket_request_clear             (LoketRequest  *self);

/* One part per chosen service (of LoketPart*), in catalog order. Fails unless the request
 * is complete and every agency of the chosen services has current consent: the services of
 * an agency the citizen refused must be removed first (loket_request_remove_agency()), since
 * that may change what other services ask. */
GPtrArray          *loket_request_split             (LoketRequest  *self,
                                                     const char    *tracking_code,
                                                     GDateTime     *now,
                                                     const char    *kiosk_id,
                                                     const char    *site,
                                                     GError       **error);

/* A request from JSON (`loketctl submit`; the shape is in docs/architecture.md):
 *   {"language": "id", "life_event"?: ID, "services"?: [IDs], "data": {FIELD: value},
 *    "consent": {AGENCY: true}, "confirmed_warnings"?: [warning ids]}
 * "services" is the exact selection; without it, the life event's preselection. Warnings
 * are confirmed only by listing their ids in "confirmed_warnings", else they are errors.
 * On failure the error (LOKET_REQUEST_ERROR_INVALID) lists every problem, one a line, each
 * named by its JSON path: "data.applicant.nik: A NIK has 16 digits; you typed 15." */
LoketRequest       *loket_request_new_from_json     (LoketCatalog  *catalog,
                                                     JsonNode      *root,
                                                     const GDate   *today,
                                                     GError       **error);

G_END_DECLS
