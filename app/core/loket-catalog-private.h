/* loket-catalog-private.h — what the parts of the catalog share: its struct, and the
 * loader's state while it reads a folder
 *
 * loket-catalog.c owns the object and its lookups; loket-catalog-load.c reads the files
 * (the first pass: agencies, sections, the field dictionary); loket-catalog-fields.c reads
 * one field; loket-catalog-services.c builds services and life events (the second pass).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "loket-catalog.h"
#include "loket-json.h"

G_BEGIN_DECLS

struct _LoketCatalog {
  gatomicrefcount  ref_count;
  char            *dir;

  GPtrArray       *agencies;
  GPtrArray       *sections;
  GPtrArray       *fields;
  GPtrArray       *services;
  GPtrArray       *life_events;
  GPtrArray       *strings;

  GHashTable      *agency_by_id;
  GHashTable      *section_by_id;
  GHashTable      *field_by_id;
  GHashTable      *service_by_id;
  GHashTable      *life_event_by_id;

  /* File names, paths and comments of the strings, stored once. */
  GStringChunk    *chunk;
};

/* A service or life event waiting for the second pass; also where a field or service was
 * defined (object NULL), for problems found after it was built. */
typedef struct {
  const char *file;
  char       *path;
  JsonObject *object;
} Pending;

typedef struct _LoketCatalogLoader {
  LoketCatalog *catalog;
  GPtrArray    *problems;
  GPtrArray    *roots;             /* JsonNode*: keep the pending objects alive */
  GPtrArray    *pending_services;
  GPtrArray    *pending_life_events;
  GHashTable   *origins;           /* "kind\x1fid" -> "FILE: PATH" of the first definition */
  GHashTable   *field_origins;     /* LoketField* -> Pending* (file, path) */
  GHashTable   *service_origins;   /* LoketService* -> Pending* */
  gboolean      unreadable;        /* a file did not parse: cross-references are not checked */
} Loader;

/* loket-catalog.c */
LoketCatalog *catalog_new             (const char        *dir);
void        catalog_field_free        (LoketField        *field);
void        catalog_condition_free    (LoketCondition    *condition);
void        catalog_service_field_free (LoketServiceField *service_field);
void        catalog_service_input_free (LoketServiceInput *input);
void        catalog_service_free      (LoketService      *service);
void        catalog_life_event_free   (LoketLifeEvent    *life_event);

/* loket-catalog-load.c */
Pending    *catalog_pending_new       (const char        *file,
                                       const char        *path,
                                       JsonObject        *object);
void        catalog_pending_free      (Pending           *pending);
/* Records a translatable string of the catalog; takes comment. */
void        catalog_add_string        (Loader            *loader,
                                       const char        *file,
                                       const char        *path,
                                       const char        *member,
                                       const char        *msgid,
                                       char              *comment);
gboolean    catalog_check_id          (LoketJsonProblems *p,
                                       const char        *path,
                                       const char        *id,
                                       gboolean           dots);
gboolean    catalog_claim_id          (Loader            *loader,
                                       LoketJsonProblems *p,
                                       const char        *kind,
                                       const char        *path,
                                       const char        *id);
/* The id of a new agency, section, service or life event: present, well formed and not
 * yet defined (problems recorded otherwise). */
gboolean    catalog_new_id            (Loader            *loader,
                                       LoketJsonProblems *p,
                                       const char        *kind,
                                       const char        *path,
                                       const char        *id);
JsonObject *catalog_element_object    (LoketJsonProblems *p,
                                       JsonArray         *array,
                                       guint              index,
                                       const char        *path);

/* loket-catalog-fields.c: a field of the dictionary, or (group != NULL) a sub-field of a
 * group; NULL when it has no usable id. A field with other problems is returned too (they
 * are recorded). */
LoketField *catalog_load_field        (Loader            *loader,
                                       LoketJsonProblems *p,
                                       JsonObject        *object,
                                       const char        *path,
                                       const LoketField  *group);

/* loket-catalog-services.c: the second pass, once every file's first pass is done. */
void        catalog_load_service      (Loader            *loader,
                                       Pending           *pending);
void        catalog_load_life_event   (Loader            *loader,
                                       Pending           *pending,
                                       const char        *dir);
/* after and inputs, once every service is known. */
void        catalog_check_dependencies (Loader           *loader);
/* A `when` member of object (at path): a condition on one of service_fields, not on owner. */
LoketCondition *catalog_load_condition (LoketJsonProblems *p,
                                        JsonObject        *object,
                                        const char        *path,
                                        const LoketField  *owner,
                                        GHashTable        *service_fields);

/* loket-catalog-documents.c: a service's "documents". */
void        catalog_document_free     (LoketDocument     *document);
gboolean    catalog_load_service_documents (Loader            *loader,
                                            LoketJsonProblems *p,
                                            JsonObject        *object,
                                            const char        *path,
                                            LoketService      *service,
                                            GHashTable        *service_fields);
void        catalog_add_document_strings (Loader             *loader,
                                          const char         *file,
                                          const char         *path,
                                          const LoketService *service);
/* The same document id means the same document (label) in every service. */
void        catalog_check_documents   (Loader            *loader);

/* loket-catalog-fields.c: the rules of each field type (loket-field-type.c's table). */
#define CATALOG_DECLARE_RULES(name) \
  gboolean name (Loader *loader, LoketJsonProblems *p, JsonObject *object, const char *path, \
                 LoketField *field, const LoketField *group)

CATALOG_DECLARE_RULES (catalog_load_text_rules);
CATALOG_DECLARE_RULES (catalog_load_name_rules);
CATALOG_DECLARE_RULES (catalog_load_date_rules);
CATALOG_DECLARE_RULES (catalog_load_number_rules);
CATALOG_DECLARE_RULES (catalog_load_group_rules);
CATALOG_DECLARE_RULES (catalog_load_choice_rules);

G_END_DECLS
