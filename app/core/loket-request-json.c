/* loket-request-json.c — a combined request from JSON, for `loketctl submit` and fleet tools
 *
 * The JSON goes through the same setters and the same checks as the screens, so a request
 * that the kiosk would refuse is refused here with the same words. Every problem is reported
 * at once, one a line, named by its JSON path, so a tool can fix its input in one go.
 * Warnings the screens let the citizen confirm are errors here unless the request lists their
 * ids in "confirmed_warnings": a tool cannot tap "that is right", so it must say so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-request"

#include "config.h"

#include "loket-format.h"
#include "loket-i18n.h"
#include "loket-request-private.h"

static const char * const request_members[] = {
  "language", "life_event", "services", "data", "consent", "confirmed_warnings", NULL
};

/* Every problem found, one line each (core/loket-format.h); the short name keeps the long
 * lists of checks below readable. */
#define add_problem loket_format_add_line

static gboolean
is_language_code (const char *code)
{
  gsize n = 0;

  /* "id", "en", "jv", "en_US": what LANGUAGE takes and Accept-Language can carry. */
  while (g_ascii_islower (code[n]))
    n++;
  if (n < 2 || n > 3)
    return FALSE;
  if (code[n] == '\0')
    return TRUE;

  return (code[n] == '_' || code[n] == '-')
         && g_ascii_isupper (code[n + 1]) && g_ascii_isupper (code[n + 2]) && code[n + 3] == '\0';
}

static void
read_selection (LoketRequest *self,
                JsonObject   *object,
                GPtrArray    *problems)
{
  JsonNode *node;

  node = json_object_get_member (object, "life_event");
  if (node != NULL)
    {
      const char *id = JSON_NODE_HOLDS_VALUE (node)
                       && json_node_get_value_type (node) == G_TYPE_STRING
                       ? json_node_get_string (node) : NULL;

      if (id == NULL)
        add_problem (problems, "%s", _("life_event: must be a life event's id."));
      else if (!loket_request_set_life_event (self, id))
        /* Translators: %s is what a JSON request named as its life event. */
        add_problem (problems, _("life_event: unknown life event '%s'."), id);
    }

  node = json_object_get_member (object, "services");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (problems, "%s", _("services: must be a list of service ids."));
    }
  else if (node != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      /* The exact selection: a tool may leave out a service the life event preselects. */
      g_hash_table_remove_all (self->chosen);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const LoketService *service;
          const char *id;

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              /* Translators: %u is the position in a JSON list, counted from 0. */
              add_problem (problems, _("services[%u]: must be a service id."), i);
              continue;
            }

          id = json_node_get_string (element);
          service = loket_catalog_get_service (self->catalog, id);
          if (service == NULL)
            /* Translators: %u is the position in a JSON list, %s what it named. */
            add_problem (problems, _("services[%u]: unknown service '%s'."), i, id);
          else
            g_hash_table_add (self->chosen, service->id);
        }
      loket_request_changed (self, TRUE);
    }

  if (g_hash_table_size (self->chosen) == 0)
    add_problem (problems, "%s", _("services: choose at least one service."));
}

static void
read_data (LoketRequest *self,
           JsonObject   *object,
           GPtrArray    *problems)
{
  JsonNode *node = json_object_get_member (object, "data");
  g_autoptr(GPtrArray) given = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (problems, "%s", _("data: must be an object of field values."));
      return;
    }

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const LoketField *field = loket_catalog_get_field (self->catalog, name);
      g_autofree char *path = g_strconcat ("data.", name, NULL);

      if (field == NULL)
        {
          /* Translators: %s is a field's id that the catalog does not define. */
          add_problem (problems, _("data.%s: unknown field."), name);
          continue;
        }

      loket_request_take_json_value (self, field, value, path, problems);
      g_ptr_array_add (given, (gpointer) field);
    }

  /* Conditions read the other answers: judge what is asked only once all are in. */
  loket_request_changed (self, FALSE);

  for (guint i = 0; i < given->len; i++)
    {
      const LoketField *field = g_ptr_array_index (given, i);

      switch (loket_request_get_field_state (self, field->id))
        {
        case LOKET_FIELD_STATE_ASKED:
          break;
        case LOKET_FIELD_STATE_NOT_NEEDED:
          add_problem (problems,
                       /* Translators: %s is a field's id; the request gives a value for it,
                        * but no chosen service needs it (data minimisation). */
                       _("data.%s: none of the chosen services asks for this field."),
                       field->id);
          break;
        case LOKET_FIELD_STATE_HIDDEN:
          add_problem (problems,
                       /* Translators: %s is a field's id, hidden by a condition on another
                        * answer (e.g. "twin order" when the child is not a twin). */
                       _("data.%s: not asked with these answers (a condition hides it); "
                         "leave it out."),
                       field->id);
          break;
        case LOKET_FIELD_STATE_FROM_OUTPUTS:
          add_problem (problems,
                       /* Translators: %s is a field's id that another chosen service's
                        * result fills in (e.g. the newborn's NIK from the birth certificate). */
                       _("data.%s: filled in from the result of another chosen service; "
                         "leave it out."),
                       field->id);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
read_confirmed_warnings (LoketRequest *self,
                         JsonObject   *object,
                         GPtrArray    *problems)
{
  JsonNode *node = json_object_get_member (object, "confirmed_warnings");
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (problems, "%s", _("confirmed_warnings: must be a list of warning ids."));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id = JSON_NODE_HOLDS_VALUE (element)
                       && json_node_get_value_type (element) == G_TYPE_STRING
                       ? json_node_get_string (element) : NULL;

      if (id == NULL)
        add_problem (problems, _("confirmed_warnings[%u]: must be a warning id."), i);
      else if (!loket_request_confirm_warning (self, id))
        /* Translators: %u is the position in a JSON list, %s a warning's id such as
         * "same-nik:father.nik" that the answers do not raise. */
        add_problem (problems, _("confirmed_warnings[%u]: no such warning '%s'."), i, id);
    }
}

static void
report_issues (LoketRequest *self,
               GPtrArray    *problems)
{
  g_autoptr(GPtrArray) issues = loket_request_compute_issues (self, NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const LoketIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *path = NULL;

      if (issue->entry_index >= 0)
        path = g_strdup_printf ("data.%s[%d].%s", issue->field_id, issue->entry_index,
                                issue->sub_field_id);
      else
        path = g_strconcat ("data.", issue->field_id, NULL);

      if (issue->severity == LOKET_ISSUE_ERROR)
        add_problem (problems, "%s: %s", path, issue->message);
      else if (!issue->confirmed)
        add_problem (problems,
                     /* Translators: the first %s is a JSON path, the second a warning's
                      * message, the third its id, which a tool lists to confirm it; keep
                      * "confirmed_warnings" untranslated. */
                     _("%s: %s (warning \"%s\": to confirm it, list it in confirmed_warnings)"),
                     path, issue->message, issue->warning_id);
    }
}

static void
read_consent (LoketRequest *self,
              JsonObject   *object,
              GPtrArray    *problems)
{
  JsonNode *node = json_object_get_member (object, "consent");
  g_autoptr(GPtrArray) agencies = loket_request_get_agencies (self);
  JsonObject *consent = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (problems, "%s", _("consent: must be an object of agency ids and true."));
      return;
    }

  consent = node != NULL ? json_node_get_object (node) : NULL;
  if (consent != NULL)
    {
      json_object_iter_init_ordered (&iter, consent);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          const LoketAgency *agency = loket_catalog_get_agency (self->catalog, name);

          if (agency == NULL)
            /* Translators: %s is an agency id the catalog does not define. */
            add_problem (problems, _("consent.%s: unknown agency."), name);
          else if (!JSON_NODE_HOLDS_VALUE (value)
                   || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            add_problem (problems, _("consent.%s: must be true or false."), name);
          else if (!g_ptr_array_find (agencies, agency, NULL))
            add_problem (problems, _("consent.%s: no chosen service belongs to this agency."),
                         name);
          else if (!json_node_get_boolean (value))
            add_problem (problems,
                         /* Translators: %s is an agency id; the request refuses consent for
                          * it but keeps its services. */
                         _("consent.%s: refused; leave out the services of this agency."), name);
          else
            loket_request_set_consent_full (self, agency->id, TRUE, NULL);
        }
    }

  for (guint i = 0; i < agencies->len; i++)
    {
      const LoketAgency *agency = g_ptr_array_index (agencies, i);

      if (consent == NULL || !json_object_has_member (consent, agency->id))
        add_problem (problems,
                     /* Translators: %s is an agency id. */
                     _("consent.%s: missing; the citizen must consent to what this agency "
                       "receives."),
                     agency->id);
    }
}

LoketRequest *
loket_request_new_from_json (LoketCatalog  *catalog,
                             JsonNode      *root,
                             const GDate   *today,
                             GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LoketRequest) self = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *language;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INVALID,
                           _("A request must be a JSON object."));
      return NULL;
    }

  object = json_node_get_object (root);
  self = loket_request_new (catalog);
  if (today != NULL)
    loket_request_set_today (self, today);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (request_members, l->data))
      add_problem (problems,
                   /* Translators: %s is a member of a JSON request that is not one of these;
                    * keep the member names untranslated. */
                   _("%s: unknown member; a request has language, life_event, services, data, "
                     "consent and confirmed_warnings."),
                   (const char *) l->data);

  language = json_object_get_member (object, "language");
  if (language == NULL)
    add_problem (problems, "%s", _("language: missing; give the citizen's language, e.g. \"id\"."));
  else if (!JSON_NODE_HOLDS_VALUE (language)
           || json_node_get_value_type (language) != G_TYPE_STRING
           || !is_language_code (json_node_get_string (language)))
    add_problem (problems, "%s", _("language: not a language code such as \"id\" or \"en\"."));
  else
    loket_request_set_language (self, json_node_get_string (language));

  read_selection (self, object, problems);
  read_data (self, object, problems);
  read_confirmed_warnings (self, object, problems);
  report_issues (self, problems);
  /* Last: the consent text depends on the answers (conditions, optional fields). */
  read_consent (self, object, problems);

  if (problems->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (problems, NULL);
      message = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INVALID, message);
      return NULL;
    }

  return g_steal_pointer (&self);
}
