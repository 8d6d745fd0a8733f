/* loket-catalog.h — the service catalog: agencies, fields, services, life events
 *
 * The catalog is data, loaded from a folder of JSON files (data/catalog/README.md says how
 * they are written). Once loaded it never changes, so it is shared by reference, between
 * threads too. Every string in it is an English msgid of the text domain "loket-catalog":
 * show them through C_CATALOG() (core/loket-i18n.h), never directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "loket-field-type.h"

G_BEGIN_DECLS

#define LOKET_CATALOG_ERROR (loket_catalog_error_quark ())

typedef enum {
  LOKET_CATALOG_ERROR_IO,        /* a file or the folder cannot be read */
  LOKET_CATALOG_ERROR_INVALID,   /* one or more problems; the message lists them */
} LoketCatalogError;

GQuark loket_catalog_error_quark (void);

typedef enum {
  LOKET_LEGAL_BASIS_CONSENT,
  LOKET_LEGAL_BASIS_LEGAL_OBLIGATION,
  LOKET_LEGAL_BASIS_PUBLIC_TASK,
} LoketLegalBasis;

typedef enum {
  LOKET_VERIFICATION_NONE,
  LOKET_VERIFICATION_COUNTER,
} LoketVerification;

typedef struct {
  char *id;
  char *name;           /* msgid: "Population and Civil Registration Office" */
  char *short_name;     /* msgid: "Dukcapil" */
  char *location;       /* msgid: where in the hall to go, e.g. "Counter 3, ground floor"; may be NULL */
} LoketAgency;

typedef struct {
  char *id;
  char *title;          /* msgid */
} LoketSection;

typedef struct {
  char *value;          /* the wire value */
  char *label;          /* msgid */
} LoketChoice;

typedef struct _LoketField LoketField;

struct _LoketField {
  char           *id;            /* "child.birth_date"; inside a group: the sub-field's own id */
  LoketFieldType  type;
  char           *label;         /* msgid */
  char           *help;          /* msgid or NULL */
  char           *section;       /* section id: the part of the id before the first '.' */

  /* text, name */
  guint           min_length;    /* in characters; 0 = no limit */
  guint           max_length;    /* 0 = no limit */
  /* text: exactly this many digits, such as a NIB's 13 (separators typed between them are
   * dropped; the wire value is the digits alone, leading zeros kept); 0 = any text */
  guint           digits;

  /* date: "YYYY-MM-DD", or relative to today: "-18y", "+30d", "-6m"; NULL = no limit */
  gboolean        not_future;
  char           *not_before;
  char           *not_after;

  /* number: the value; group: the number of entries */
  gboolean        has_min;
  gboolean        has_max;
  double          min;
  double          max;
  gboolean        integer;       /* number: whole numbers only */

  GPtrArray      *choices;       /* choice: of LoketChoice*, else NULL */
  GPtrArray      *fields;        /* group: its sub-fields, of LoketField*, else NULL */
  gboolean        optional;      /* a group's sub-field that may stay empty (others are required) */
};

/* A service's field is shown (and required, and sent) only while the condition holds:
 * the other field's wire value, as text ("true"/"false" for yes-no), is one of values. */
typedef struct {
  char  *field;
  GStrv  values;
} LoketCondition;

typedef struct {
  const LoketField *field;
  gboolean          required;
  LoketCondition   *when;        /* NULL: always */
} LoketServiceField;

/* A document the citizen shows at the counter for a service. Two services that name the same
 * id mean the same document: the citizen is told of it once. */
typedef struct {
  char           *id;
  char           *label;     /* msgid: "Family card (KK)" */
  char           *hint;      /* msgid: one line that explains it, or NULL */
  LoketCondition *when;      /* needed only while it holds (as a field's `when`); NULL: always */
  char           *instead;   /* msgid: what the citizen brings without it, or NULL */
} LoketDocument;

/* A field of this service filled from the prerequisite's outputs when both are requested. */
typedef struct {
  char *field;
  char *output;
} LoketServiceInput;

typedef struct {
  char               *id;
  const LoketAgency  *agency;
  char               *title;          /* msgid */
  char               *description;    /* msgid, or NULL */
  LoketLegalBasis     basis;
  LoketVerification   verification;
  guint               fee;            /* rupiah; 0 = free */
  guint               working_days;   /* expected, after submission */
  GPtrArray          *documents;      /* of LoketDocument*: what to bring, or NULL */
  GPtrArray          *fields;         /* of LoketServiceField*, in catalog order */
  GStrv               outputs;        /* names of values the agency returns, or NULL */
  char               *after;          /* the prerequisite service's id, or NULL */
  GPtrArray          *inputs;         /* of LoketServiceInput*, or NULL */
} LoketService;

typedef struct {
  char       *id;
  char       *title;          /* msgid */
  char       *description;    /* msgid: one line, or NULL */
  char       *icon;           /* absolute path of a file in the catalog folder, an icon name or NULL */
  GPtrArray  *services;       /* of const LoketService*: preselected */
  GPtrArray  *optional;       /* of const LoketService*: offered, not preselected */
} LoketLifeEvent;

/* Which on-screen keyboard suits the field: its type's (loket_field_type_keyboard ()), or
 * the digits for a text field with "digits". */
LoketKeyboardKind      loket_field_keyboard          (const LoketField *field);

typedef struct _LoketCatalog LoketCatalog;

/* Loads every *.json file of the folder and binds the folder's compiled translations
 * (DIR/locale/LANG/LC_MESSAGES/loket-catalog.mo). On failure, error says what is wrong
 * and where; problems (if not NULL) receives every problem, one string each, in the form
 * "FILE: JSON-PATH: what is wrong". */
LoketCatalog          *loket_catalog_load            (const char    *dir,
                                                      GPtrArray    **problems,
                                                      GError       **error);
/* The same from JSON texts in memory: names[i] is how problems refer to texts[i]. */
LoketCatalog          *loket_catalog_load_from_data  (const char   **names,
                                                      const char   **texts,
                                                      gsize         *lengths,
                                                      guint          n_texts,
                                                      GPtrArray    **problems,
                                                      GError       **error);

LoketCatalog          *loket_catalog_ref             (LoketCatalog  *self);
void                   loket_catalog_unref           (LoketCatalog  *self);

const char            *loket_catalog_get_dir         (LoketCatalog  *self);
GPtrArray             *loket_catalog_get_agencies    (LoketCatalog  *self);   /* of LoketAgency* */
GPtrArray             *loket_catalog_get_sections    (LoketCatalog  *self);   /* of LoketSection*, in order */
GPtrArray             *loket_catalog_get_fields      (LoketCatalog  *self);   /* of LoketField* */
GPtrArray             *loket_catalog_get_services    (LoketCatalog  *self);   /* of LoketService* */
GPtrArray             *loket_catalog_get_life_events (LoketCatalog  *self);   /* of LoketLifeEvent* */

const LoketAgency     *loket_catalog_get_agency      (LoketCatalog  *self,
                                                      const char    *id);
const LoketSection    *loket_catalog_get_section     (LoketCatalog  *self,
                                                      const char    *id);
const LoketField      *loket_catalog_get_field       (LoketCatalog  *self,
                                                      const char    *id);
const LoketService    *loket_catalog_get_service     (LoketCatalog  *self,
                                                      const char    *id);
const LoketLifeEvent  *loket_catalog_get_life_event  (LoketCatalog  *self,
                                                      const char    *id);

/* Every translatable string as written in the catalog, in catalog order (a msgid may come
 * more than once): what `loketctl catalog pot` writes for translators. */
typedef struct {
  const char *msgid;
  const char *file;       /* relative to the catalog folder: "services.json" */
  const char *path;       /* JSON path: "$.services[2].title" */
  const char *comment;    /* for translators, in English: "Title of service 'kia'" */
} LoketCatalogString;

GPtrArray             *loket_catalog_get_strings     (LoketCatalog  *self);   /* of LoketCatalogString* */

/* The resolved catalog in the shape of docs/architecture.md ("catalog dump"); with translate, every
 * label is translated through the text domain "loket-catalog" in the current language. */
JsonNode              *loket_catalog_dump            (LoketCatalog  *self,
                                                      gboolean       translate);
/* The translation template (text domain "loket-catalog"): unique msgids, each with its
 * references and a comment for translators. */
char                  *loket_catalog_to_pot          (LoketCatalog  *self);

/* The folder whose LANG/LC_MESSAGES/loket-catalog.mo translate the catalog in dir:
 * $LOKET_CATALOG_LOCALEDIR when set (tests and the demo run the source catalog with the
 * build tree's translations), else dir/locale. */
char                  *loket_catalog_locale_dir      (const char    *dir);

const char            *loket_legal_basis_to_string   (LoketLegalBasis    basis);
const char            *loket_verification_to_string  (LoketVerification  verification);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketCatalog, loket_catalog_unref)

G_END_DECLS
