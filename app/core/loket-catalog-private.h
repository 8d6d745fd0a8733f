/* loket-catalog-private.h — what the parts of the catalog loader share while loading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "loket-catalog.h"
#include "loket-json.h"

G_BEGIN_DECLS

/* A service or life event waiting for the second pass. */
typedef struct {
  const char *file;
  char       *path;
  JsonObject *object;
} Pending;

typedef struct {
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

/* Records a translatable string of the catalog; takes comment. */
void        catalog_add_string      (Loader            *loader,
                                     const char        *file,
                                     const char        *path,
                                     const char        *member,
                                     const char        *msgid,
                                     char              *comment);
gboolean    catalog_check_id        (LoketJsonProblems *p,
                                     const char        *path,
                                     const char        *id,
                                     gboolean           dots);
gboolean    catalog_claim_id        (Loader            *loader,
                                     LoketJsonProblems *p,
                                     const char        *kind,
                                     const char        *path,
                                     const char        *id);
JsonObject *catalog_element_object  (LoketJsonProblems *p,
                                     JsonArray         *array,
                                     guint              index,
                                     const char        *path);
void        catalog_field_free      (LoketField        *field);

/* A field of the dictionary, or (group != NULL) a sub-field of a group; NULL when it has
 * no usable id. A field with other problems is returned too (they are recorded). */
LoketField *catalog_load_field      (Loader            *loader,
                                     LoketJsonProblems *p,
                                     JsonObject        *object,
                                     const char        *path,
                                     const LoketField  *group);

G_END_DECLS
