/* loket-catalog-services.c — the catalog's second pass: services and life events
 *
 * Services name fields, agencies and other services; life events name services. Both are
 * built once every file's first pass is done (loket-catalog-load.c), so a reference may
 * point into any file. A service or life event with problems is still registered, so that
 * what names it is not told it is unknown: the catalog is refused anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-catalog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-catalog.h"
#include "loket-catalog-private.h"
#include "loket-json.h"

/* --- services --- */

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

LoketCondition *
catalog_load_condition (LoketJsonProblems *p,
                JsonObject        *object,
                const char        *path,
                const LoketField  *owner,
                GHashTable        *service_fields)
{
  static const char * const known[] = { "field", "in", NULL };
  g_autoptr(GPtrArray) owner_array =
    g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_condition_free);
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

/* Over 80 lines: two passes over the same array (ids first, then conditions that may name
 * later fields) sharing their locals. */
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

  service->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_service_field_free);

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
      service_field->when = catalog_load_condition (p, g_ptr_array_index (objects, i), item_path,
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

static gboolean
resolve_service_agency (Loader            *loader,
                        LoketJsonProblems *p,
                        const char        *path,
                        LoketService      *service,
                        const char        *agency_id)
{
  g_autofree char *agency_path = NULL;

  if (agency_id == NULL)
    return TRUE;

  service->agency = g_hash_table_lookup (loader->catalog->agency_by_id, agency_id);
  if (service->agency != NULL || loader->unreadable)
    return TRUE;

  agency_path = loket_json_path_member (path, "agency");
  /* Translators: %s is an agency id as written in the catalog. */
  loket_json_problem (p, agency_path, _("unknown agency '%s'"), agency_id);
  return FALSE;
}

static gboolean
check_service_outputs (LoketJsonProblems  *p,
                       const char         *path,
                       const LoketService *service)
{
  g_autofree char *outputs_path = NULL;
  gboolean ok = TRUE;

  if (service->outputs == NULL)
    return TRUE;

  outputs_path = loket_json_path_member (path, "outputs");
  for (guint i = 0; service->outputs[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (g_str_equal (service->outputs[i], service->outputs[j]))
        {
          g_autofree char *item_path = loket_json_path_index (outputs_path, i);

          /* Translators: %s is the name of an output of a service. */
          loket_json_problem (p, item_path, _("output '%s' is listed twice"),
                              service->outputs[i]);
          ok = FALSE;
          break;
        }

  return ok;
}

/* "inputs": which of the service's fields take which output of the service it comes after. */
static gboolean
load_service_inputs (Loader            *loader,
                     LoketJsonProblems *p,
                     const char        *path,
                     LoketService      *service,
                     JsonObject        *inputs,
                     GHashTable        *service_fields)
{
  g_autofree char *inputs_path = loket_json_path_member (path, "inputs");
  JsonObjectIter iter;
  const char *field_id;
  JsonNode *node;
  gboolean ok = TRUE;

  if (service->after == NULL)
    {
      loket_json_problem (p, inputs_path,
                          _("'inputs' needs 'after' (the service whose outputs they are)"));
      ok = FALSE;
    }
  service->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_service_input_free);
  json_object_iter_init_ordered (&iter, inputs);
  while (json_object_iter_next_ordered (&iter, &field_id, &node))
    {
      g_autofree char *input_path = loket_json_path_member (inputs_path, field_id);
      LoketServiceInput *input;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || *json_node_get_string (node) == '\0')
        {
          loket_json_problem (p, input_path, _("expected %s, found %s"),
                              _("the name of an output"), loket_json_node_kind (node));
          ok = FALSE;
          continue;
        }
      if (!g_hash_table_contains (service_fields, field_id))
        {
          if (!loader->unreadable)
            /* Translators: %s is a field id. */
            loket_json_problem (p, input_path, _("'%s' is not one of this service's fields"),
                                field_id);
          ok = FALSE;
          continue;
        }
      input = g_new0 (LoketServiceInput, 1);
      input->field = g_strdup (field_id);
      input->output = g_strdup (json_node_get_string (node));
      g_ptr_array_add (service->inputs, input);
    }

  return ok;
}

/* The service's strings for translators, with comments that say whose they are. */
static void
add_service_strings (Loader             *loader,
                     const char         *file,
                     const char         *path,
                     const LoketService *service)
{
  catalog_add_string (loader, file, path, "title", service->title,
                      g_strdup_printf ("Title of service '%s'", service->id));
  catalog_add_string (loader, file, path, "description", service->description,
                      g_strdup_printf ("Description of service '%s'", service->id));
  catalog_add_document_strings (loader, file, path, service);
}

void
catalog_load_service (Loader  *loader,
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
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_service_free);
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
  if (!catalog_new_id (loader, &p, "service", path, id))
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
  ok &= loket_json_get_strv (&p, object, path, "outputs", LOKET_JSON_NON_EMPTY, &service->outputs);

  ok &= resolve_service_agency (loader, &p, path, service, agency_id);
  ok &= check_service_outputs (&p, path, service);
  ok &= load_service_fields (loader, &p, object, path, service, service_fields);
  ok &= catalog_load_service_documents (loader, &p, object, path, service, service_fields);
  if (inputs != NULL)
    ok &= load_service_inputs (loader, &p, path, service, inputs, service_fields);

  /* Registered even with problems, so life events and dependants that name it are not told
   * it is unknown: the catalog is refused anyway. */
  g_ptr_array_add (loader->catalog->services, g_ptr_array_steal_index (owner, 0));
  g_hash_table_insert (loader->catalog->service_by_id, service->id, service);
  g_hash_table_insert (loader->service_origins, service, pending);
  if (!ok)
    return;

  add_service_strings (loader, p.file, path, service);
}

/* after and inputs, once every service is known. */
/* Over 80 lines: two passes over the services (each link checked, then chains followed for
 * cycles). */
void
catalog_check_dependencies (Loader *loader)
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

/* --- life events --- */

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

/* Over 80 lines: reads an event's members in the catalog's order, each with its own check and
 * message. */
void
catalog_load_life_event (Loader     *loader,
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
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_life_event_free);
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
  if (!catalog_new_id (loader, &p, "life event", path, id))
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
