/* loket-catalog.c — loading and checking the service catalog (data/catalog/README.md)
 *
 * Loading runs in two passes. The first reads each file on its own: agencies, sections and
 * the field dictionary are complete after it. Services and life events refer to things
 * that may live in any file, so they are built in the second pass, once everything is known.
 * Every problem is collected, never just the first: the hall's staff fix a catalog in one go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-catalog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-catalog.h"
#include "loket-i18n.h"
#include "loket-json.h"
#include "loket-catalog-private.h"

G_DEFINE_QUARK (loket-catalog-error-quark, loket_catalog_error)

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

static const char * const basis_names[] = {
  [LOKET_LEGAL_BASIS_CONSENT] = "consent",
  [LOKET_LEGAL_BASIS_LEGAL_OBLIGATION] = "legal_obligation",
  [LOKET_LEGAL_BASIS_PUBLIC_TASK] = "public_task",
};

static const char * const verification_names[] = {
  [LOKET_VERIFICATION_NONE] = "none",
  [LOKET_VERIFICATION_COUNTER] = "counter",
};

const char *
loket_legal_basis_to_string (LoketLegalBasis basis)
{
  g_return_val_if_fail ((guint) basis < G_N_ELEMENTS (basis_names), NULL);

  return basis_names[basis];
}

const char *
loket_verification_to_string (LoketVerification verification)
{
  g_return_val_if_fail ((guint) verification < G_N_ELEMENTS (verification_names), NULL);

  return verification_names[verification];
}

/* --- freeing --- */

static void
agency_free (LoketAgency *agency)
{
  g_free (agency->id);
  g_free (agency->name);
  g_free (agency->short_name);
  g_free (agency->location);
  g_free (agency);
}

static void
section_free (LoketSection *section)
{
  g_free (section->id);
  g_free (section->title);
  g_free (section);
}

void
catalog_field_free (LoketField *field)
{
  g_free (field->id);
  g_free (field->label);
  g_free (field->help);
  g_free (field->section);
  g_free (field->not_before);
  g_free (field->not_after);
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_clear_pointer (&field->fields, g_ptr_array_unref);
  g_free (field);
}

static void
condition_free (LoketCondition *condition)
{
  g_free (condition->field);
  g_strfreev (condition->values);
  g_free (condition);
}

static void
service_field_free (LoketServiceField *service_field)
{
  g_clear_pointer (&service_field->when, condition_free);
  g_free (service_field);
}

static void
service_input_free (LoketServiceInput *input)
{
  g_free (input->field);
  g_free (input->output);
  g_free (input);
}

static void
service_free (LoketService *service)
{
  g_free (service->id);
  g_free (service->title);
  g_free (service->description);
  g_strfreev (service->documents);
  g_clear_pointer (&service->fields, g_ptr_array_unref);
  g_strfreev (service->outputs);
  g_free (service->after);
  g_clear_pointer (&service->inputs, g_ptr_array_unref);
  g_free (service);
}

static void
life_event_free (LoketLifeEvent *life_event)
{
  g_free (life_event->id);
  g_free (life_event->title);
  g_free (life_event->description);
  g_free (life_event->icon);
  g_clear_pointer (&life_event->services, g_ptr_array_unref);
  g_clear_pointer (&life_event->optional, g_ptr_array_unref);
  g_free (life_event);
}

static void
pending_free (Pending *pending)
{
  g_free (pending->path);
  g_free (pending);
}

static LoketCatalog *
catalog_new (const char *dir)
{
  LoketCatalog *self = g_new0 (LoketCatalog, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dir = g_strdup (dir);
  self->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_field_free);
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify) service_free);
  self->life_events = g_ptr_array_new_with_free_func ((GDestroyNotify) life_event_free);
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->agency_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->section_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->field_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->service_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->life_event_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->chunk = g_string_chunk_new (4096);

  return self;
}

LoketCatalog *
loket_catalog_ref (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
loket_catalog_unref (LoketCatalog *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* The tables point into the arrays: they go first. */
  g_hash_table_unref (self->agency_by_id);
  g_hash_table_unref (self->section_by_id);
  g_hash_table_unref (self->field_by_id);
  g_hash_table_unref (self->service_by_id);
  g_hash_table_unref (self->life_event_by_id);
  g_ptr_array_unref (self->life_events);
  g_ptr_array_unref (self->services);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->agencies);
  g_ptr_array_unref (self->strings);
  g_string_chunk_free (self->chunk);
  g_free (self->dir);
  g_free (self);
}

/* --- helpers of the first pass --- */

void
catalog_add_string (Loader     *loader,
                    const char *file,
                    const char *path,
                    const char *member,
                    const char *msgid,
                    char       *comment)   /* taken */
{
  LoketCatalog *catalog = loader->catalog;
  LoketCatalogString *string;
  g_autofree char *member_path = NULL;

  if (msgid == NULL || *msgid == '\0')
    {
      g_free (comment);
      return;
    }

  member_path = member != NULL ? loket_json_path_member (path, member) : g_strdup (path);
  string = g_new0 (LoketCatalogString, 1);
  string->msgid = g_string_chunk_insert_const (catalog->chunk, msgid);
  string->file = g_string_chunk_insert_const (catalog->chunk, file);
  string->path = g_string_chunk_insert (catalog->chunk, member_path);
  string->comment = g_string_chunk_insert (catalog->chunk, comment);
  g_ptr_array_add (catalog->strings, string);
  g_free (comment);
}

/* Ids are typed by people and end up in config group names and file paths: keep them to
 * letters, digits, '-' and '_' (fields: also '.' between parts). */
gboolean
catalog_check_id (LoketJsonProblems *p,
                  const char        *path,
                  const char        *id,
                  gboolean           dots)
{
  g_autofree char *id_path = loket_json_path_member (path, "id");
  gboolean ok = TRUE;

  for (const char *c = id; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c) || *c == '-' || *c == '_')
        continue;
      if (dots && *c == '.' && c != id && c[1] != '\0' && c[1] != '.')
        continue;
      ok = FALSE;
    }

  if (!ok && dots)
    /* Translators: %s is an id as written in the catalog. */
    loket_json_problem (p, id_path,
                        _("'%s' is not a valid id (use letters, digits, '-', '_' and '.' between parts)"), id);
  else if (!ok)
    /* Translators: %s is an id as written in the catalog. */
    loket_json_problem (p, id_path, _("'%s' is not a valid id (use letters, digits, '-' and '_')"),
                        id);

  return ok;
}

/* Records the first definition of an id of a kind; a second one is a problem that names
 * the first. */
gboolean
catalog_claim_id (Loader            *loader,
                  LoketJsonProblems *p,
                  const char        *kind,
                  const char        *path,
                  const char        *id)
{
  g_autofree char *key = g_strconcat (kind, "\x1f", id, NULL);
  const char *first = g_hash_table_lookup (loader->origins, key);

  if (first != NULL)
    {
      g_autofree char *id_path = loket_json_path_member (path, "id");

      /* Translators: the first %s is an id, the second where it was first defined,
       * e.g. "agencies.json: $.agencies[0]". */
      loket_json_problem (p, id_path, _("duplicate id '%s' (first defined at %s)"), id, first);
      return FALSE;
    }

  g_hash_table_insert (loader->origins, g_steal_pointer (&key),
                       g_strdup_printf ("%s: %s", p->file, path));
  return TRUE;
}

JsonObject *
catalog_element_object (LoketJsonProblems *p,
                        JsonArray         *array,
                        guint              index,
                        const char        *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      loket_json_problem (p, path, _("expected %s, found %s"), _("an object"),
                          loket_json_node_kind (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* --- agencies and sections --- */

static void
load_agency (Loader            *loader,
             LoketJsonProblems *p,
             JsonObject        *object,
             const char        *path)
{
  static const char * const known[] = { "id", "name", "short_name", "location", NULL };
  const char *id = NULL, *name = NULL, *short_name = NULL, *location = NULL;
  gboolean ok = TRUE;
  LoketAgency *agency;

  loket_json_check_members (p, object, path, known);
  ok &= loket_json_get_string (p, object, path, "id", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &id);
  ok &= loket_json_get_string (p, object, path, "name", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &name);
  ok &= loket_json_get_string (p, object, path, "short_name",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &short_name);
  ok &= loket_json_get_string (p, object, path, "location", LOKET_JSON_NON_EMPTY, &location);
  if (id == NULL || !catalog_check_id (p, path, id, FALSE)
                                       || !catalog_claim_id (loader, p, "agency", path, id))
    return;

  agency = g_new0 (LoketAgency, 1);
  agency->id = g_strdup (id);
  agency->name = g_strdup (name);
  agency->short_name = g_strdup (short_name);
  agency->location = g_strdup (location);
  g_ptr_array_add (loader->catalog->agencies, agency);
  g_hash_table_insert (loader->catalog->agency_by_id, agency->id, agency);

  /* Kept even with problems, so services that name it are not told it is unknown. */
  if (!ok)
    return;
  catalog_add_string (loader, p->file, path, "name", name,
                      g_strdup_printf ("Name of agency '%s'", id));
  catalog_add_string (loader, p->file, path, "short_name", short_name,
                      g_strdup_printf ("Short name of agency '%s'", id));
  catalog_add_string (loader, p->file, path, "location", location,
                      g_strdup_printf ("Where in the hall to find agency '%s'", id));
}

static void
load_section (Loader            *loader,
              LoketJsonProblems *p,
              JsonObject        *object,
              const char        *path)
{
  static const char * const known[] = { "id", "title", NULL };
  const char *id = NULL, *title = NULL;
  gboolean ok = TRUE;
  LoketSection *section;

  loket_json_check_members (p, object, path, known);
  ok &= loket_json_get_string (p, object, path, "id", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &id);
  ok &= loket_json_get_string (p, object, path, "title",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &title);
  if (id == NULL || !catalog_check_id (p, path, id, FALSE)
                                       || !catalog_claim_id (loader, p, "section", path, id))
    return;

  section = g_new0 (LoketSection, 1);
  section->id = g_strdup (id);
  section->title = g_strdup (title);
  g_ptr_array_add (loader->catalog->sections, section);
  g_hash_table_insert (loader->catalog->section_by_id, section->id, section);
  if (!ok)
    return;

  catalog_add_string (loader, p->file, path, "title", title,
                      g_strdup_printf ("Title of the form step (section) '%s'", id));
}

/* --- the first pass: one file --- */

typedef void (*LoadFunc) (Loader *, LoketJsonProblems *, JsonObject *, const char *);

static void
load_dictionary_field (Loader            *loader,
                       LoketJsonProblems *p,
                       JsonObject        *object,
                       const char        *path)
{
  LoketField *field = catalog_load_field (loader, p, object, path, NULL);
  Pending *origin;

  if (field == NULL)
    return;

  g_ptr_array_add (loader->catalog->fields, field);
  g_hash_table_insert (loader->catalog->field_by_id, field->id, field);
  origin = g_new0 (Pending, 1);
  origin->file = p->file;
  origin->path = g_strdup (path);
  g_hash_table_insert (loader->field_origins, field, origin);
}

static void
defer_service (Loader            *loader,
               LoketJsonProblems *p,
               JsonObject        *object,
               const char        *path)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->file = p->file;
  pending->path = g_strdup (path);
  pending->object = object;
  g_ptr_array_add (loader->pending_services, pending);
}

static void
defer_life_event (Loader            *loader,
                  LoketJsonProblems *p,
                  JsonObject        *object,
                  const char        *path)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->file = p->file;
  pending->path = g_strdup (path);
  pending->object = object;
  g_ptr_array_add (loader->pending_life_events, pending);
}

static void
load_file (Loader     *loader,
           const char *file,       /* kept alive by the caller for the whole load */
           const char *text,
           gsize       length)
{
  static const char * const known[] = {
    "agencies", "sections", "fields", "services", "life_events", NULL
  };
  static const struct {
    const char *member;
    LoadFunc    load;
  } parts[] = {
    { "agencies", load_agency },
    { "sections", load_section },
    { "fields", load_dictionary_field },
    { "services", defer_service },
    { "life_events", defer_life_event },
  };
  LoketJsonProblems p = { file, loader->problems };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  root = loket_json_parse (&p, text, length, LOKET_JSON_MAX_SIZE, LOKET_JSON_MAX_DEPTH);
  if (root == NULL)
    {
      loader->unreadable = TRUE;
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      loket_json_problem (&p, "$", _("expected %s, found %s"), _("an object"),
                          loket_json_node_kind (root));
      loader->unreadable = TRUE;
      return;
    }

  object = json_node_get_object (root);
  loket_json_check_members (&p, object, "$", known);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *path = loket_json_path_member ("$", parts[i].member);
      JsonArray *array = NULL;

      if (!loket_json_get_array (&p, object, "$", parts[i].member, 0, &array) || array == NULL)
        continue;

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          g_autofree char *item_path = loket_json_path_index (path, j);
          JsonObject *item = catalog_element_object (&p, array, j, item_path);

          if (item != NULL)
            parts[i].load (loader, &p, item, item_path);
        }
    }

  g_ptr_array_add (loader->roots, g_steal_pointer (&root));
}

/* --- the second pass: services --- */

static gboolean
condition_value_fits (const LoketField *field,
                      const char       *value)
{
  switch (field->type)
    {
    case LOKET_FIELD_TYPE_YES_NO:
      return g_str_equal (value, "true") || g_str_equal (value, "false");
    case LOKET_FIELD_TYPE_CHOICE:
      for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
        if (g_str_equal (((LoketChoice *) g_ptr_array_index (field->choices, i))->value, value))
          return TRUE;
      return FALSE;
    default:
      return TRUE;
    }
}

static LoketCondition *
load_condition (LoketJsonProblems *p,
                JsonObject        *object,
                const char        *path,
                const LoketField  *owner,
                GHashTable        *service_fields)
{
  static const char * const known[] = { "field", "in", NULL };
  g_autoptr(GPtrArray) owner_array =
    g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);
  g_autofree char *when_path = loket_json_path_member (path, "when");
  g_autofree char *field_path = loket_json_path_member (when_path, "field");
  g_autofree char *in_path = loket_json_path_member (when_path, "in");
  JsonObject *when = NULL;
  const char *field_id = NULL;
  g_auto(GStrv) values = NULL;
  const LoketField *other;
  gboolean ok = TRUE;
  LoketCondition *condition;

  if (!loket_json_get_object (p, object, path, "when", 0, &when) || when == NULL)
    return NULL;

  ok &= loket_json_check_members (p, when, when_path, known);
  ok &= loket_json_get_string (p, when, when_path, "field",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &field_id);
  ok &= loket_json_get_strv (p, when, when_path, "in", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                             &values);
  if (!ok || field_id == NULL)
    return NULL;

  if (owner != NULL && g_str_equal (field_id, owner->id))
    {
      loket_json_problem (p, field_path,
                          _("a field's condition may not depend on the field itself"));
      return NULL;
    }
  other = g_hash_table_lookup (service_fields, field_id);
  if (other == NULL)
    {
      /* Translators: %s is a field id. */
      loket_json_problem (p, field_path, _("'%s' is not one of this service's fields"), field_id);
      return NULL;
    }
  if (other->type == LOKET_FIELD_TYPE_GROUP)
    {
      /* Translators: %s is a field id. */
      loket_json_problem (p, field_path, _("a condition cannot depend on group field '%s'"),
                          field_id);
      return NULL;
    }

  for (guint i = 0; values[i] != NULL; i++)
    if (!condition_value_fits (other, values[i]))
      {
        g_autofree char *value_path = loket_json_path_index (in_path, i);

        if (other->type == LOKET_FIELD_TYPE_YES_NO)
          /* Translators: the first %s is a value, the second a field id. */
          loket_json_problem (p, value_path,
                              _("'%s' cannot be a value of yes-no field '%s' (use \"true\" or \"false\")"),
                              values[i], field_id);
        else
          /* Translators: the first %s is a value, the second a field id. */
          loket_json_problem (p, value_path, _("'%s' is not one of the choices of field '%s'"),
                              values[i], field_id);
        ok = FALSE;
      }
  if (!ok)
    return NULL;

  condition = g_new0 (LoketCondition, 1);
  condition->field = g_strdup (field_id);
  condition->values = g_steal_pointer (&values);
  g_ptr_array_add (owner_array, condition);
  return g_ptr_array_steal_index (owner_array, 0);
}

static gboolean
load_service_fields (Loader            *loader,
                     LoketJsonProblems *p,
                     JsonObject        *object,
                     const char        *path,
                     LoketService      *service,
                     GHashTable        *service_fields)
{
  static const char * const known[] = { "id", "required", "when", NULL };
  g_autofree char *fields_path = loket_json_path_member (path, "fields");
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  JsonArray *array = NULL;
  gboolean ok = TRUE;

  if (!loket_json_get_array (p, object, path, "fields", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                             &array))
    return FALSE;

  service->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) service_field_free);

  /* Conditions may name a field listed later: resolve ids first, conditions after. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = loket_json_path_index (fields_path, i);
      JsonObject *item = catalog_element_object (p, array, i, item_path);
      const char *id = NULL;
      gboolean required = FALSE;
      gboolean item_ok = TRUE;
      const LoketField *field;
      LoketServiceField *service_field;

      g_ptr_array_add (objects, NULL);
      if (item == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= loket_json_check_members (p, item, item_path, known);
      item_ok &= loket_json_get_string (p, item, item_path, "id",
                                        LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &id);
      item_ok &= loket_json_get_boolean (p, item, item_path, "required", LOKET_JSON_REQUIRED,
                                         &required);
      if (id == NULL)
        {
          ok = FALSE;
          continue;
        }

      field = g_hash_table_lookup (loader->catalog->field_by_id, id);
      if (field == NULL && loader->unreadable)
        {
          ok = FALSE;
          continue;
        }
      if (field == NULL)
        {
          g_autofree char *id_path = loket_json_path_member (item_path, "id");

          /* Translators: %s is a field id as written in the catalog. */
          loket_json_problem (p, id_path, _("unknown field '%s'"), id);
          ok = FALSE;
          continue;
        }
      if (g_hash_table_contains (first, id))
        {
          g_autofree char *id_path = loket_json_path_member (item_path, "id");

          /* Translators: the first %s is a field id, the second a JSON path. */
          loket_json_problem (p, id_path, _("field '%s' is listed twice (first at %s)"), id,
                              (char *) g_hash_table_lookup (first, id));
          ok = FALSE;
          continue;
        }
      g_hash_table_insert (first, (gpointer) id, g_strdup (item_path));
      g_hash_table_insert (service_fields, (gpointer) field->id, (gpointer) field);
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      service_field = g_new0 (LoketServiceField, 1);
      service_field->field = field;
      service_field->required = required;
      g_ptr_array_add (service->fields, service_field);
      objects->pdata[i] = item;
    }

  if (!ok)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = loket_json_path_index (fields_path, i);
      LoketServiceField *service_field = g_ptr_array_index (service->fields, i);

      if (!json_object_has_member (g_ptr_array_index (objects, i), "when"))
        continue;
      service_field->when = load_condition (p, g_ptr_array_index (objects, i), item_path,
                                            service_field->field, service_fields);
      if (service_field->when == NULL)
        ok = FALSE;
    }

  return ok;
}

static gboolean
parse_enum (LoketJsonProblems  *p,
            JsonObject         *object,
            const char         *path,
            const char         *member,
            LoketJsonFlags      flags,
            const char * const *names,
            guint               n_names,
            guint              *value)
{
  const char *text = NULL;
  g_autofree char *member_path = NULL;
  g_autofree char *list = NULL;

  if (!loket_json_get_string (p, object, path, member, flags, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (text, names[i]))
      {
        *value = i;
        return TRUE;
      }

  member_path = loket_json_path_member (path, member);
  list = g_strjoinv (", ", (GStrv) names);
  /* Translators: the first %s is a member name such as "basis", the second the value found,
   * the third the values allowed. */
  loket_json_problem (p, member_path, _("unknown %s '%s' (one of %s)"), member, text, list);
  return FALSE;
}

static void
load_service (Loader  *loader,
              Pending *pending)
{
  static const char * const known[] = {
    "id", "agency", "title", "description", "basis", "verification", "fee", "working_days",
    "documents", "fields", "outputs", "after", "inputs", NULL
  };
  static const char * const basis_list[] = { "consent", "legal_obligation", "public_task", NULL };
  static const char * const verification_list[] = { "none", "counter", NULL };
  LoketJsonProblems p = { pending->file, loader->problems };
  JsonObject *object = pending->object;
  const char *path = pending->path;
  g_autoptr(GHashTable) service_fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func ((GDestroyNotify) service_free);
  const char *id = NULL, *agency_id = NULL, *title = NULL, *description = NULL, *after = NULL;
  guint basis = 0, verification = 0;
  gint64 fee = 0, working_days = 0;
  JsonObject *inputs = NULL;
  gboolean ok = TRUE;
  LoketService *service;

  ok &= loket_json_check_members (&p, object, path, known);
  ok &= loket_json_get_string (&p, object, path, "id", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &id);
  ok &= loket_json_get_string (&p, object, path, "agency",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &agency_id);
  ok &= loket_json_get_string (&p, object, path, "title",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &title);
  ok &= loket_json_get_string (&p, object, path, "description", LOKET_JSON_NON_EMPTY, &description);
  ok &= parse_enum (&p, object, path, "basis", LOKET_JSON_REQUIRED, basis_list, 3, &basis);
  ok &= parse_enum (&p, object, path, "verification", 0, verification_list, 2, &verification);
  ok &= loket_json_get_int (&p, object, path, "fee", 0, 0, G_MAXUINT32, &fee);
  ok &= loket_json_get_int (&p, object, path, "working_days", 0, 0, 3650, &working_days);
  ok &= loket_json_get_string (&p, object, path, "after", LOKET_JSON_NON_EMPTY, &after);
  ok &= loket_json_get_object (&p, object, path, "inputs", 0, &inputs);
  if (id == NULL || !catalog_check_id (&p, path, id, FALSE)
                                       || !catalog_claim_id (loader, &p, "service", path, id))
    return;

  service = g_new0 (LoketService, 1);
  g_ptr_array_add (owner, service);
  service->id = g_strdup (id);
  service->title = g_strdup (title);
  service->description = g_strdup (description);
  service->basis = basis;
  service->verification = verification;
  service->fee = (guint) fee;
  service->working_days = (guint) working_days;
  service->after = g_strdup (after);
  ok &= loket_json_get_strv (&p, object, path, "documents", 0, &service->documents);
  ok &= loket_json_get_strv (&p, object, path, "outputs", LOKET_JSON_NON_EMPTY, &service->outputs);

  if (agency_id != NULL)
    {
      service->agency = g_hash_table_lookup (loader->catalog->agency_by_id, agency_id);
      if (service->agency == NULL && !loader->unreadable)
        {
          g_autofree char *agency_path = loket_json_path_member (path, "agency");

          /* Translators: %s is an agency id as written in the catalog. */
          loket_json_problem (&p, agency_path, _("unknown agency '%s'"), agency_id);
          ok = FALSE;
        }
    }

  if (service->outputs != NULL)
    {
      g_autofree char *outputs_path = loket_json_path_member (path, "outputs");

      for (guint i = 0; service->outputs[i] != NULL; i++)
        for (guint j = 0; j < i; j++)
          if (g_str_equal (service->outputs[i], service->outputs[j]))
            {
              g_autofree char *item_path = loket_json_path_index (outputs_path, i);

              /* Translators: %s is the name of an output of a service. */
              loket_json_problem (&p, item_path, _("output '%s' is listed twice"),
                                  service->outputs[i]);
              ok = FALSE;
              break;
            }
    }

  ok &= load_service_fields (loader, &p, object, path, service, service_fields);

  if (inputs != NULL)
    {
      g_autofree char *inputs_path = loket_json_path_member (path, "inputs");
      JsonObjectIter iter;
      const char *field_id;
      JsonNode *node;

      if (after == NULL)
        {
          loket_json_problem (&p, inputs_path,
                              _("'inputs' needs 'after' (the service whose outputs they are)"));
          ok = FALSE;
        }
      service->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) service_input_free);
      json_object_iter_init_ordered (&iter, inputs);
      while (json_object_iter_next_ordered (&iter, &field_id, &node))
        {
          g_autofree char *input_path = loket_json_path_member (inputs_path, field_id);
          LoketServiceInput *input;

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
              || *json_node_get_string (node) == '\0')
            {
              loket_json_problem (&p, input_path, _("expected %s, found %s"),
                                  _("the name of an output"), loket_json_node_kind (node));
              ok = FALSE;
              continue;
            }
          if (!g_hash_table_contains (service_fields, field_id))
            {
              if (!loader->unreadable)
                /* Translators: %s is a field id. */
                loket_json_problem (&p, input_path, _("'%s' is not one of this service's fields"),
                                    field_id);
              ok = FALSE;
              continue;
            }
          input = g_new0 (LoketServiceInput, 1);
          input->field = g_strdup (field_id);
          input->output = g_strdup (json_node_get_string (node));
          g_ptr_array_add (service->inputs, input);
        }
    }

  /* Registered even with problems, so life events and dependants that name it are not told
   * it is unknown: the catalog is refused anyway. */
  g_ptr_array_add (loader->catalog->services, g_ptr_array_steal_index (owner, 0));
  g_hash_table_insert (loader->catalog->service_by_id, service->id, service);
  g_hash_table_insert (loader->service_origins, service, pending);
  if (!ok)
    return;

  catalog_add_string (loader, p.file, path, "title", title,
                      g_strdup_printf ("Title of service '%s'", id));
  catalog_add_string (loader, p.file, path, "description", description,
                      g_strdup_printf ("Description of service '%s'", id));
  if (service->documents != NULL)
    {
      g_autofree char *documents_path = loket_json_path_member (path, "documents");

      for (guint i = 0; service->documents[i] != NULL; i++)
        {
          g_autofree char *item_path = loket_json_path_index (documents_path, i);

          catalog_add_string (loader, p.file, item_path, NULL, service->documents[i],
                              g_strdup_printf ("A document to bring for service '%s'", id));
        }
    }
}

/* after and inputs, once every service is known. */
static void
check_dependencies (Loader *loader)
{
  GPtrArray *services = loader->catalog->services;

  for (guint i = 0; i < services->len; i++)
    {
      LoketService *service = g_ptr_array_index (services, i);
      Pending *origin = g_hash_table_lookup (loader->service_origins, service);
      LoketJsonProblems p = { origin->file, loader->problems };
      g_autofree char *after_path = loket_json_path_member (origin->path, "after");
      const LoketService *prerequisite;

      if (service->after == NULL)
        continue;

      if (g_str_equal (service->after, service->id))
        {
          loket_json_problem (&p, after_path, _("a service cannot come after itself"));
          continue;
        }
      prerequisite = g_hash_table_lookup (loader->catalog->service_by_id, service->after);
      if (prerequisite == NULL)
        {
          /* Translators: %s is a service id as written in the catalog. */
          loket_json_problem (&p, after_path, _("unknown service '%s'"), service->after);
          continue;
        }

      for (guint j = 0; service->inputs != NULL && j < service->inputs->len; j++)
        {
          LoketServiceInput *input = g_ptr_array_index (service->inputs, j);

          if (prerequisite->outputs == NULL
              || !g_strv_contains ((const char * const *) prerequisite->outputs, input->output))
            {
              g_autofree char *inputs_path = loket_json_path_member (origin->path, "inputs");
              g_autofree char *input_path = loket_json_path_member (inputs_path, input->field);

              /* Translators: the first %s is a service id, the second an output name. */
              loket_json_problem (&p, input_path, _("service '%s' has no output '%s'"),
                                  prerequisite->id, input->output);
            }
        }
    }

  /* Each service has at most one prerequisite, so a cycle is found by following the chain;
   * it is reported once, at the cycle's first service in catalog order. */
  for (guint i = 0; i < services->len; i++)
    {
      LoketService *start = g_ptr_array_index (services, i);
      g_autoptr(GString) chain = g_string_new (start->id);
      const LoketService *s = start;
      gboolean first_in_cycle = TRUE;
      guint steps = 0;

      while (s != NULL && s->after != NULL && steps <= services->len)
        {
          s = g_hash_table_lookup (loader->catalog->service_by_id, s->after);
          steps++;
          if (s == NULL || s == start || g_str_equal (s->id, s->after != NULL ? s->after : ""))
            break;
          g_string_append_printf (chain, " -> %s", s->id);
        }

      if (s != start || steps < 2)
        continue;

      /* Only report from the member that comes first in the catalog. */
      s = start;
      for (guint k = 0; k < steps; k++)
        {
          guint index;

          s = g_hash_table_lookup (loader->catalog->service_by_id, s->after);
          if (g_ptr_array_find (services, s, &index) && index < i)
            first_in_cycle = FALSE;
        }
      if (first_in_cycle)
        {
          Pending *origin = g_hash_table_lookup (loader->service_origins, start);
          LoketJsonProblems p = { origin->file, loader->problems };
          g_autofree char *after_path = loket_json_path_member (origin->path, "after");

          g_string_append_printf (chain, " -> %s", start->id);
          /* Translators: %s is a chain of service ids such as "a -> b -> a". */
          loket_json_problem (&p, after_path,
                              _("the services depend on each other in a cycle: %s"), chain->str);
        }
    }
}

/* --- the second pass: life events --- */

static GPtrArray *
resolve_services (Loader            *loader,
                  LoketJsonProblems *p,
                  const char        *path,
                  const char        *member,
                  GStrv              ids,
                  GHashTable        *seen,
                  gboolean          *ok)
{
  g_autofree char *list_path = loket_json_path_member (path, member);
  GPtrArray *services = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *item_path = loket_json_path_index (list_path, i);
      const LoketService *service = g_hash_table_lookup (loader->catalog->service_by_id, ids[i]);

      if (g_hash_table_contains (seen, ids[i]))
        {
          /* Translators: the first %s is a service id, the second a JSON path. */
          loket_json_problem (p, item_path, _("service '%s' is listed twice (first at %s)"), ids[i],
                              (char *) g_hash_table_lookup (seen, ids[i]));
          *ok = FALSE;
          continue;
        }
      g_hash_table_insert (seen, ids[i], g_strdup (item_path));
      if (service == NULL)
        {
          if (!loader->unreadable)
            /* Translators: %s is a service id as written in the catalog. */
            loket_json_problem (p, item_path, _("unknown service '%s'"), ids[i]);
          *ok = FALSE;
          continue;
        }
      g_ptr_array_add (services, (gpointer) service);
    }

  return services;
}

static gboolean
is_icon_file (const char *icon)
{
  return strchr (icon, '/') != NULL || strchr (icon, '.') != NULL;
}

static void
load_life_event (Loader     *loader,
                 Pending    *pending,
                 const char *dir)
{
  static const char * const known[] = {
    "id", "title", "description", "icon", "services", "optional", NULL
  };
  LoketJsonProblems p = { pending->file, loader->problems };
  JsonObject *object = pending->object;
  const char *path = pending->path;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func ((GDestroyNotify) life_event_free);
  const char *id = NULL, *title = NULL, *description = NULL, *icon = NULL;
  g_auto(GStrv) services = NULL;
  g_auto(GStrv) optional = NULL;
  JsonArray *services_array = NULL;
  gboolean ok = TRUE;
  LoketLifeEvent *life_event;

  ok &= loket_json_check_members (&p, object, path, known);
  ok &= loket_json_get_string (&p, object, path, "id", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &id);
  ok &= loket_json_get_string (&p, object, path, "title",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &title);
  ok &= loket_json_get_string (&p, object, path, "description", LOKET_JSON_NON_EMPTY, &description);
  ok &= loket_json_get_string (&p, object, path, "icon", LOKET_JSON_NON_EMPTY, &icon);
  if (loket_json_get_array (&p, object, path, "services", LOKET_JSON_REQUIRED, &services_array)
      && services_array != NULL && json_array_get_length (services_array) == 0)
    {
      g_autofree char *services_path = loket_json_path_member (path, "services");

      loket_json_problem (&p, services_path, _("a life event needs at least one service"));
      ok = FALSE;
    }
  else
    ok &= loket_json_get_strv (&p, object, path, "services", LOKET_JSON_REQUIRED, &services);
  ok &= loket_json_get_strv (&p, object, path, "optional", 0, &optional);
  if (id == NULL || !catalog_check_id (&p, path, id, FALSE)
                                       || !catalog_claim_id (loader, &p, "life event", path, id))
    return;

  life_event = g_new0 (LoketLifeEvent, 1);
  g_ptr_array_add (owner, life_event);
  life_event->id = g_strdup (id);
  life_event->title = g_strdup (title);
  life_event->description = g_strdup (description);
  life_event->services = resolve_services (loader, &p, path, "services", services, seen, &ok);
  life_event->optional = resolve_services (loader, &p, path, "optional", optional, seen, &ok);

  if (icon != NULL && is_icon_file (icon))
    {
      g_autofree char *icon_path = loket_json_path_member (path, "icon");
      g_auto(GStrv) parts = g_strsplit (icon, "/", -1);
      gboolean inside = !g_path_is_absolute (icon)
                        && !g_strv_contains ((const char * const *) parts, "..");

      if (!inside)
        {
          /* Translators: %s is a file name as written in the catalog. */
          loket_json_problem (&p, icon_path,
                              _("icon '%s' must be a file inside the catalog folder"), icon);
          ok = FALSE;
        }
      else if (dir != NULL)
        {
          g_autofree char *file = g_build_filename (dir, icon, NULL);

          if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
            {
              /* Translators: %s is a file name as written in the catalog. */
              loket_json_problem (&p, icon_path, _("icon file '%s' does not exist"), icon);
              ok = FALSE;
            }
          life_event->icon = g_steal_pointer (&file);
        }
    }
  if (life_event->icon == NULL)
    life_event->icon = g_strdup (icon);

  g_ptr_array_add (loader->catalog->life_events, g_ptr_array_steal_index (owner, 0));
  g_hash_table_insert (loader->catalog->life_event_by_id, life_event->id, life_event);
  if (!ok)
    return;

  catalog_add_string (loader, p.file, path, "title", title,
                      g_strdup_printf ("Title of life event '%s'", id));
  catalog_add_string (loader, p.file, path, "description", description,
                      g_strdup_printf ("Description of life event '%s'", id));
}

static void
check_sections (Loader *loader)
{
  GPtrArray *fields = loader->catalog->fields;

  for (guint i = 0; i < fields->len; i++)
    {
      LoketField *field = g_ptr_array_index (fields, i);

      if (!g_hash_table_contains (loader->catalog->section_by_id, field->section))
        {
          Pending *origin = g_hash_table_lookup (loader->field_origins, field);
          LoketJsonProblems p = { origin->file, loader->problems };
          g_autofree char *id_path = loket_json_path_member (origin->path, "id");

          /* Translators: %s is a section id, the part of a field's id before the first dot. */
          loket_json_problem (&p, id_path, _("section '%s' has no entry in 'sections'"),
                              field->section);
        }
    }
}

/* --- loading --- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static LoketCatalog *
load_texts (const char   *dir,
            const char  **names,
            const char  **texts,
            gsize        *lengths,
            guint         n_texts,
            GPtrArray   **problems_out,
            GError      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LoketCatalog) catalog = catalog_new (dir);
  Loader loader = { 0, };

  loader.catalog = catalog;
  loader.problems = problems;
  loader.roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  loader.pending_services = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  loader.pending_life_events = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  loader.origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  loader.field_origins = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pending_free);
  loader.service_origins = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_texts; i++)
    load_file (&loader, names[i], texts[i], lengths != NULL ? lengths[i] : strlen (texts[i]));

  for (guint i = 0; i < loader.pending_services->len; i++)
    load_service (&loader, g_ptr_array_index (loader.pending_services, i));
  for (guint i = 0; i < loader.pending_life_events->len; i++)
    load_life_event (&loader, g_ptr_array_index (loader.pending_life_events, i), dir);

  /* What a broken file held is missing: "unknown" references and checks across files
   * would only add noise, so they wait until it parses. */
  if (!loader.unreadable)
    {
      check_dependencies (&loader);
      check_sections (&loader);
    }

  g_ptr_array_unref (loader.roots);
  g_hash_table_unref (loader.origins);
  g_hash_table_unref (loader.field_origins);
  g_hash_table_unref (loader.service_origins);
  g_ptr_array_unref (loader.pending_services);
  g_ptr_array_unref (loader.pending_life_events);

  if (problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message,
                              /* Translators: %u is a number of problems; a list follows. */
                              g_dngettext (GETTEXT_PACKAGE, "The catalog has %u problem:",
                                           "The catalog has %u problems:", problems->len),
                              problems->len);
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (message, "\n%s", (char *) g_ptr_array_index (problems, i));
      g_set_error_literal (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID, message->str);
      if (problems_out != NULL)
        *problems_out = g_steal_pointer (&problems);
      return NULL;
    }

  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
  return g_steal_pointer (&catalog);
}

LoketCatalog *
loket_catalog_load_from_data (const char **names,
                              const char **texts,
                              gsize       *lengths,
                              guint        n_texts,
                              GPtrArray  **problems,
                              GError     **error)
{
  g_return_val_if_fail (n_texts == 0 || (names != NULL && texts != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_texts (NULL, names, texts, lengths, n_texts, problems, error);
}

char *
loket_catalog_locale_dir (const char *dir)
{
  const char *override = g_getenv ("LOKET_CATALOG_LOCALEDIR");
  g_autofree char *locale_dir = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  /* gettext looks the folder up at every lookup: a relative one would follow the cwd. */
  locale_dir = g_build_filename (dir, "locale", NULL);
  return g_canonicalize_filename (locale_dir, NULL);
}

LoketCatalog *
loket_catalog_load (const char  *dir,
                    GPtrArray  **problems,
                    GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GDir) folder = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *locale_dir = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = g_dir_open (dir, 0, &local_error);
  if (folder == NULL)
    {
      /* Translators: the first %s is a folder, the second the system's reason. */
      g_set_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_IO,
                   _("Cannot read the catalog folder %s: %s"), dir, local_error->message);
      return NULL;
    }

  /* Hidden files are editors' backups and locks, not part of the catalog. */
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  if (names->len == 0)
    {
      /* Translators: %s is a folder. */
      g_set_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_IO,
                   _("The catalog folder %s has no *.json files"), dir);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) read_error = NULL;
      char *text = NULL;
      gsize length = 0;
      GStatBuf st;

      /* Checked before reading, so a huge file never reaches memory: loket_json_parse()
       * looks at the length before the text, so an empty text with the file's size
       * gives the same problem as the whole file would. */
      if (g_stat (path, &st) == 0 && (gsize) st.st_size > LOKET_JSON_MAX_SIZE)
        {
          text = g_strdup ("");
          length = (gsize) st.st_size;
        }
      else if (!g_file_get_contents (path, &text, &length, &read_error))
        {
          /* Translators: the first %s is a file, the second the system's reason. */
          g_set_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_IO,
                       _("Cannot read the catalog file %s: %s"), path, read_error->message);
          return NULL;
        }
      g_ptr_array_add (texts, text);
      g_array_append_val (lengths, length);
    }

  catalog = load_texts (dir, (const char **) names->pdata, (const char **) texts->pdata,
                        (gsize *) (void *) lengths->data, names->len, problems, &local_error);

  if (catalog == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  locale_dir = loket_catalog_locale_dir (dir);
  loket_i18n_bind_catalog (locale_dir);

  return g_steal_pointer (&catalog);
}

/* --- access --- */

const char *
loket_catalog_get_dir (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dir;
}

GPtrArray *
loket_catalog_get_agencies (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->agencies;
}

GPtrArray *
loket_catalog_get_sections (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sections;
}

GPtrArray *
loket_catalog_get_fields (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fields;
}

GPtrArray *
loket_catalog_get_services (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->services;
}

GPtrArray *
loket_catalog_get_life_events (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->life_events;
}

GPtrArray *
loket_catalog_get_strings (LoketCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->strings;
}

const LoketAgency *
loket_catalog_get_agency (LoketCatalog *self,
                          const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->agency_by_id, id);
}

const LoketSection *
loket_catalog_get_section (LoketCatalog *self,
                           const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->section_by_id, id);
}

const LoketField *
loket_catalog_get_field (LoketCatalog *self,
                         const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->field_by_id, id);
}

const LoketService *
loket_catalog_get_service (LoketCatalog *self,
                           const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->service_by_id, id);
}

const LoketLifeEvent *
loket_catalog_get_life_event (LoketCatalog *self,
                              const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->life_event_by_id, id);
}
