/* loket-request.c — the combined request: chosen services and the questions they ask
 *
 * Every change (a service chosen, a letter typed) recomputes the plan: for each field of the
 * chosen services, whether it is asked, hidden by a condition or filled from a prerequisite's
 * outputs, and whether it is required. The catalog is small (tens of fields), so recomputing
 * everything is simpler and cheaper than tracking dependencies, and it cannot go stale.
 *
 * A field wanted by one service as a plain field and by another (dependent) service as an
 * input from its chosen prerequisite is asked of the citizen for the first one; the dependent
 * part still takes the prerequisite's output (docs/agency-protocol.md: with both in a request, the
 * inputs come from the outputs), because the agency's value is authoritative: the NIK the
 * registry assigned, not what the citizen believes it to be.
 *
 * Answers are in loket-request-answers.c, validation in loket-request-issues.c, consent and
 * the split into parts in loket-request-split.c, `loketctl submit`'s JSON in
 * loket-request-json.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-request"

#include "config.h"

#include "loket-i18n.h"
#include "loket-request-private.h"

G_DEFINE_QUARK (loket-request-error-quark, loket_request_error)

G_DEFINE_FINAL_TYPE (LoketRequest, loket_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_LANGUAGE,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  QUESTIONS_CHANGED,
  SERVICES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
loket_request_get_today (LoketRequest *self,
                         GDate        *today)
{
  if (self->has_today)
    {
      *today = self->today;
    }
  else
    {
      /* The zone is looked up once: finding the local zone reads /etc/localtime, and this
       * runs for every field on every key press. */
      g_autoptr(GDateTime) now = g_date_time_new_now (self->local_zone);

      g_date_clear (today, 1);
      g_date_set_dmy (today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }
}

/* A wire value as a condition compares it ("true" for yes-no, a choice's value). */
static char *
wire_text (JsonNode *wire)
{
  GType type;

  if (wire == NULL || !JSON_NODE_HOLDS_VALUE (wire))
    return NULL;

  type = json_node_get_value_type (wire);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (wire));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (wire) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (wire));
  else
    {
      double value = json_node_get_double (wire);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      /* Whole numbers as a catalog writes them ("2", not "2.0"); the range check first,
       * since converting a larger double to an integer is undefined. */
      if (value >= -9007199254740992.0 && value <= 9007199254740992.0
          && value == (double) (gint64) value)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
    }
}

/* ---- the plan: which fields are asked ------------------------------------------------- */

typedef struct {
  const LoketService      *service;
  const LoketServiceField *service_field;
  gboolean                 from_outputs;   /* filled by the chosen prerequisite's outputs */
} Need;

typedef enum {
  PLAN_UNKNOWN,
  PLAN_COMPUTING,
  PLAN_DONE,
} PlanMark;

typedef struct {
  PlanMark         mark;
  LoketFieldState  state;
  gboolean         required;
  GPtrArray       *needs;    /* of Need*, owned */
} FieldPlan;

static void
field_plan_free (FieldPlan *plan)
{
  g_ptr_array_unref (plan->needs);
  g_free (plan);
}

const char *
loket_request_input_output (const LoketService *service,
                            const char         *field_id)
{
  if (service->inputs == NULL)
    return NULL;

  for (guint i = 0; i < service->inputs->len; i++)
    {
      const LoketServiceInput *input = g_ptr_array_index (service->inputs, i);

      if (g_str_equal (input->field, field_id))
        return input->output;
    }

  return NULL;
}

gboolean
loket_request_prerequisite_chosen (LoketRequest       *self,
                                   const LoketService *service)
{
  return service->after != NULL && g_hash_table_contains (self->chosen, service->after);
}

/* Who needs which field: rebuilt when the selection changes. */
static void
rebuild_needs (LoketRequest *self)
{
  GPtrArray *services = loket_catalog_get_services (self->catalog);

  g_hash_table_remove_all (self->plan);

  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);
      gboolean prerequisite = loket_request_prerequisite_chosen (self, service);

      if (!g_hash_table_contains (self->chosen, service->id))
        continue;

      for (guint j = 0; j < service->fields->len; j++)
        {
          const LoketServiceField *service_field = g_ptr_array_index (service->fields, j);
          const char *id = service_field->field->id;
          FieldPlan *plan = g_hash_table_lookup (self->plan, id);
          Need *need;

          if (plan == NULL)
            {
              plan = g_new0 (FieldPlan, 1);
              plan->needs = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (self->plan, (gpointer) id, plan);
            }

          need = g_new0 (Need, 1);
          need->service = service;
          need->service_field = service_field;
          need->from_outputs = prerequisite && loket_request_input_output (service, id) != NULL;
          g_ptr_array_add (plan->needs, need);
        }
    }
}

static LoketFieldState plan_state (LoketRequest *self, const char *field_id, gboolean *required);

/* A condition holds while the other field is itself asked and its valid answer is one of
 * the values. A field hidden (or filled from outputs) has no answer a condition can see. */
gboolean
loket_request_condition_holds (LoketRequest         *self,
                               const LoketCondition *when)
{
  g_autoptr(JsonNode) wire = NULL;
  g_autofree char *text = NULL;
  const LoketField *other;

  if (when == NULL)
    return TRUE;

  other = loket_catalog_get_field (self->catalog, when->field);
  if (other == NULL || plan_state (self, when->field, NULL) != LOKET_FIELD_STATE_ASKED)
    return FALSE;

  wire = loket_request_normalize (self, other, g_hash_table_lookup (self->answers, other->id),
                                  NULL);
  text = wire_text (wire);

  return text != NULL && g_strv_contains ((const char * const *) when->values, text);
}

static LoketFieldState
plan_state (LoketRequest *self,
            const char   *field_id,
            gboolean     *required)
{
  FieldPlan *plan = g_hash_table_lookup (self->plan, field_id);
  gboolean wanted = FALSE;
  gboolean from_outputs = FALSE;
  gboolean visible = FALSE;
  gboolean any_required = FALSE;

  if (required != NULL)
    *required = FALSE;
  if (plan == NULL)
    return LOKET_FIELD_STATE_NOT_NEEDED;

  if (plan->mark == PLAN_DONE)
    {
      if (required != NULL)
        *required = plan->required;
      return plan->state;
    }
  /* A cycle of conditions: the catalog validator refuses them; here they simply hide. */
  if (plan->mark == PLAN_COMPUTING)
    return LOKET_FIELD_STATE_HIDDEN;

  plan->mark = PLAN_COMPUTING;
  for (guint i = 0; i < plan->needs->len; i++)
    {
      const Need *need = g_ptr_array_index (plan->needs, i);

      if (need->from_outputs)
        {
          from_outputs = TRUE;
          continue;
        }

      wanted = TRUE;
      if (loket_request_condition_holds (self, need->service_field->when))
        {
          visible = TRUE;
          any_required |= need->service_field->required;
        }
    }

  plan->mark = PLAN_DONE;
  plan->required = visible && any_required;
  if (visible)
    plan->state = LOKET_FIELD_STATE_ASKED;
  else if (wanted)
    plan->state = LOKET_FIELD_STATE_HIDDEN;
  else if (from_outputs)
    plan->state = LOKET_FIELD_STATE_FROM_OUTPUTS;
  else
    plan->state = LOKET_FIELD_STATE_NOT_NEEDED;

  if (required != NULL)
    *required = plan->required;
  return plan->state;
}

/* One string that changes exactly when the visible questions (or their being required) do. */
static char *
questions_signature (LoketRequest *self)
{
  GPtrArray *fields = loket_catalog_get_fields (self->catalog);
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (fields, i);
      gboolean required;

      if (plan_state (self, field->id, &required) == LOKET_FIELD_STATE_ASKED)
        g_string_append_printf (signature, "%s%c\n", field->id, required ? '*' : ' ');
    }

  return g_string_free (signature, FALSE);
}

static void
replan (LoketRequest *self)
{
  GHashTableIter iter;
  FieldPlan *plan;

  g_hash_table_iter_init (&iter, self->plan);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &plan))
    plan->mark = PLAN_UNKNOWN;
}

/* After every change: recompute, then tell whoever shows the form. */
void
loket_request_changed (LoketRequest *self,
                 gboolean      services_changed)
{
  g_autofree char *signature = NULL;
  gboolean complete;

  if (services_changed)
    rebuild_needs (self);
  else
    replan (self);

  signature = questions_signature (self);
  complete = loket_request_is_complete (self);

  if (services_changed)
    g_signal_emit (self, signals[SERVICES_CHANGED], 0);

  if (g_strcmp0 (signature, self->questions_signature) != 0)
    {
      g_free (self->questions_signature);
      self->questions_signature = g_steal_pointer (&signature);
      g_signal_emit (self, signals[QUESTIONS_CHANGED], 0);
    }

  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
consent_record_free (ConsentRecord *record)
{
  g_free (record->text_sha256);
  g_free (record->details_sha256);
  g_clear_pointer (&record->granted_at, g_date_time_unref);
  g_free (record);
}

static void
loket_request_finalize (GObject *object)
{
  LoketRequest *self = LOKET_REQUEST (object);

  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->plan, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->consents, g_hash_table_unref);
  g_clear_pointer (&self->confirmed, g_hash_table_unref);
  g_clear_pointer (&self->questions_signature, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->local_zone, g_time_zone_unref);
  g_clear_pointer (&self->catalog, loket_catalog_unref);

  G_OBJECT_CLASS (loket_request_parent_class)->finalize (object);
}

static void
loket_request_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LoketRequest *self = LOKET_REQUEST (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_pointer (value, self->catalog);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_request_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LoketRequest *self = LOKET_REQUEST (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = loket_catalog_ref (g_value_get_pointer (value));
      break;
    case PROP_LANGUAGE:
      loket_request_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_request_class_init (LoketRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_request_finalize;
  object_class->get_property = loket_request_get_property;
  object_class->set_property = loket_request_set_property;

  /* A LoketCatalog is a plain refcounted struct, not a GType: a pointer property. */
  properties[PROP_CATALOG] =
    g_param_spec_pointer ("catalog", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The set of visible questions, or whether one is required, changed: rebuild the form. */
  signals[QUESTIONS_CHANGED] =
    g_signal_new ("questions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SERVICES_CHANGED] =
    g_signal_new ("services-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
loket_request_init (LoketRequest *self)
{
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) loket_answer_free);
  self->plan = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) field_plan_free);
  self->chosen = g_hash_table_new (g_str_hash, g_str_equal);
  self->consents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) consent_record_free);
  self->confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->language = g_strdup (loket_i18n_get_language ());
  self->local_zone = g_time_zone_new_local ();
  self->questions_signature = g_strdup ("");
}

LoketRequest *
loket_request_new (LoketCatalog *catalog)
{
  g_return_val_if_fail (catalog != NULL, NULL);

  return g_object_new (LOKET_TYPE_REQUEST, "catalog", catalog, NULL);
}

LoketCatalog *
loket_request_get_catalog (LoketRequest *self)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);

  return self->catalog;
}

void
loket_request_set_today (LoketRequest *self,
                         const GDate  *today)
{
  g_return_if_fail (LOKET_IS_REQUEST (self));
  g_return_if_fail (today == NULL || g_date_valid (today));

  self->has_today = today != NULL;
  if (today != NULL)
    self->today = *today;

  loket_request_changed (self, FALSE);
}

void
loket_request_set_language (LoketRequest *self,
                            const char   *language)
{
  g_return_if_fail (LOKET_IS_REQUEST (self));
  g_return_if_fail (language != NULL && *language != '\0');

  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
loket_request_get_language (LoketRequest *self)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);

  return self->language;
}

/* ---- services ------------------------------------------------------------------------ */

gboolean
loket_request_set_life_event (LoketRequest *self,
                              const char   *life_event_id)
{
  const LoketLifeEvent *event = NULL;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);

  if (life_event_id != NULL)
    {
      event = loket_catalog_get_life_event (self->catalog, life_event_id);
      if (event == NULL)
        return FALSE;
    }

  self->life_event = event;
  if (event != NULL)
    {
      g_hash_table_remove_all (self->chosen);
      for (guint i = 0; i < event->services->len; i++)
        {
          const LoketService *service = g_ptr_array_index (event->services, i);

          g_hash_table_add (self->chosen, service->id);
        }
      loket_request_changed (self, TRUE);
    }

  return TRUE;
}

const LoketLifeEvent *
loket_request_get_life_event (LoketRequest *self)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);

  return self->life_event;
}

GPtrArray *
loket_request_get_offered_services (LoketRequest *self)
{
  GPtrArray *offered = g_ptr_array_new ();

  g_return_val_if_fail (LOKET_IS_REQUEST (self), offered);

  if (self->life_event != NULL && self->life_event->optional != NULL)
    for (guint i = 0; i < self->life_event->optional->len; i++)
      g_ptr_array_add (offered, g_ptr_array_index (self->life_event->optional, i));

  return offered;
}

gboolean
loket_request_add_service (LoketRequest *self,
                           const char   *service_id)
{
  const LoketService *service;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);

  service = loket_catalog_get_service (self->catalog, service_id);
  if (service == NULL)
    return FALSE;

  if (g_hash_table_add (self->chosen, service->id))
    loket_request_changed (self, TRUE);

  return TRUE;
}

gboolean
loket_request_remove_service (LoketRequest *self,
                              const char   *service_id)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);

  if (!g_hash_table_remove (self->chosen, service_id))
    return FALSE;

  loket_request_changed (self, TRUE);
  return TRUE;
}

gboolean
loket_request_has_service (LoketRequest *self,
                           const char   *service_id)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);

  return g_hash_table_contains (self->chosen, service_id);
}

GPtrArray *
loket_request_get_services (LoketRequest *self)
{
  GPtrArray *services;
  GPtrArray *chosen = g_ptr_array_new ();

  g_return_val_if_fail (LOKET_IS_REQUEST (self), chosen);

  services = loket_catalog_get_services (self->catalog);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      if (g_hash_table_contains (self->chosen, service->id))
        g_ptr_array_add (chosen, (gpointer) service);
    }

  return chosen;
}

gboolean
loket_request_remove_agency (LoketRequest *self,
                             const char   *agency_id)
{
  g_autoptr(GPtrArray) services = NULL;
  gboolean removed = FALSE;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (agency_id != NULL, FALSE);

  services = loket_request_get_services (self);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      if (g_str_equal (service->agency->id, agency_id))
        removed |= g_hash_table_remove (self->chosen, service->id);
    }

  g_hash_table_remove (self->consents, agency_id);
  if (removed)
    loket_request_changed (self, TRUE);

  return removed;
}

/* ---- the form ------------------------------------------------------------------------ */

static void
question_section_free (LoketQuestionSection *section)
{
  g_ptr_array_unref (section->questions);
  g_free (section);
}

GPtrArray *
loket_request_get_sections (LoketRequest *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) question_section_free);
  GPtrArray *sections;
  GPtrArray *fields;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), result);

  sections = loket_catalog_get_sections (self->catalog);
  fields = loket_catalog_get_fields (self->catalog);
  for (guint i = 0; i < sections->len; i++)
    {
      const LoketSection *section = g_ptr_array_index (sections, i);
      LoketQuestionSection *item = NULL;

      for (guint j = 0; j < fields->len; j++)
        {
          const LoketField *field = g_ptr_array_index (fields, j);
          LoketQuestion *question;
          gboolean required;

          if (g_strcmp0 (field->section, section->id) != 0
              || plan_state (self, field->id, &required) != LOKET_FIELD_STATE_ASKED)
            continue;

          if (item == NULL)
            {
              item = g_new0 (LoketQuestionSection, 1);
              item->section = section;
              item->questions = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (result, item);
            }

          question = g_new0 (LoketQuestion, 1);
          question->field = field;
          question->required = required;
          g_ptr_array_add (item->questions, question);
        }
    }

  return result;
}

LoketFieldState
loket_request_get_field_state (LoketRequest *self,
                               const char   *field_id)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (self), LOKET_FIELD_STATE_NOT_NEEDED);
  g_return_val_if_fail (field_id != NULL, LOKET_FIELD_STATE_NOT_NEEDED);

  return plan_state (self, field_id, NULL);
}

gboolean
loket_request_is_required (LoketRequest *self,
                           const char   *field_id)
{
  gboolean required;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (field_id != NULL, FALSE);

  plan_state (self, field_id, &required);
  return required;
}

/* ---- wiping -------------------------------------------------------------------------- */

void
loket_request_clear (LoketRequest *self)
{
  g_return_if_fail (LOKET_IS_REQUEST (self));

  /* loket_answer_free() overwrites every typed string before it frees it. */
  g_hash_table_remove_all (self->answers);
  g_hash_table_remove_all (self->chosen);
  g_hash_table_remove_all (self->consents);
  g_hash_table_remove_all (self->confirmed);
  self->life_event = NULL;

  loket_request_changed (self, TRUE);
}
