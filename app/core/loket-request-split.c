/* loket-request-split.c — consent per agency, the split into parts, and `loketctl submit`'s JSON
 *
 * A part carries exactly the fields its service declares that apply: asked, shown by the
 * service's own conditions, and answered (data minimisation). Inputs that a chosen
 * prerequisite's outputs fill are listed in consent.fields but have no value in the body until
 * loket_part_complete_body().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-request"

#include "config.h"

#include <string.h>

#include "loket-i18n.h"
#include "loket-request-private.h"

#define PROTOCOL "loket-agency/1"

LoketConsentService *
loket_request_part_fields (LoketRequest       *self,
                           const LoketService *service)
{
  LoketConsentService *consent = loket_consent_service_new (service);
  gboolean prerequisite = loket_request_prerequisite_chosen (self, service);

  for (guint i = 0; i < service->fields->len; i++)
    {
      const LoketServiceField *service_field = g_ptr_array_index (service->fields, i);
      const LoketField *field = service_field->field;
      g_autoptr(JsonNode) wire = NULL;

      if (prerequisite && loket_request_input_output (service, field->id) != NULL)
        {
          g_ptr_array_add (consent->fields, (gpointer) field);
          g_ptr_array_add (consent->from_outputs, (gpointer) field);
          continue;
        }

      /* The field may be asked for another service while this one's condition is false:
       * then this part does not get it. */
      if (loket_request_get_field_state (self, field->id) != LOKET_FIELD_STATE_ASKED
          || !loket_request_condition_holds (self, service_field->when))
        continue;

      wire = loket_request_wire_value (self, field);
      if (wire != NULL)
        g_ptr_array_add (consent->fields, (gpointer) field);
    }

  return consent;
}

GPtrArray *
loket_request_get_agencies (LoketRequest *self)
{
  g_autoptr(GPtrArray) services = NULL;
  GPtrArray *agencies = g_ptr_array_new ();

  g_return_val_if_fail (LOKET_IS_REQUEST (self), agencies);

  services = loket_request_get_services (self);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      if (!g_ptr_array_find (agencies, service->agency, NULL))
        g_ptr_array_add (agencies, (gpointer) service->agency);
    }

  return agencies;
}

GPtrArray *
loket_request_get_consent_fields (LoketRequest *self,
                                  const char   *agency_id)
{
  g_autoptr(GPtrArray) services = NULL;
  GPtrArray *result =
    g_ptr_array_new_with_free_func ((GDestroyNotify) loket_consent_service_free);

  g_return_val_if_fail (LOKET_IS_REQUEST (self), result);
  g_return_val_if_fail (agency_id != NULL, result);

  services = loket_request_get_services (self);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      if (g_str_equal (service->agency->id, agency_id))
        g_ptr_array_add (result, loket_request_part_fields (self, service));
    }

  return result;
}

/* What an agency's consent texts are made of: the agency, and the services of this request
 * that send it data (NULL when there is nothing to consent to). */
static GPtrArray *
consent_inputs (LoketRequest       *self,
                const char         *agency_id,
                const LoketAgency **agency)
{
  g_autoptr(GPtrArray) services = NULL;

  *agency = loket_catalog_get_agency (self->catalog, agency_id);
  services = loket_request_get_consent_fields (self, agency_id);
  if (*agency == NULL || services->len == 0)
    return NULL;
  return g_steal_pointer (&services);
}

char *
loket_request_consent_text (LoketRequest *self,
                            const char   *agency_id)
{
  g_autoptr(GPtrArray) services = NULL;
  const LoketAgency *agency;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  services = consent_inputs (self, agency_id, &agency);
  return services != NULL ? loket_consent_text_build (self->catalog, agency, services) : NULL;
}

GPtrArray *
loket_request_consent_summary (LoketRequest *self,
                               const char   *agency_id)
{
  g_autoptr(GPtrArray) services = NULL;
  const LoketAgency *agency;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  services = consent_inputs (self, agency_id, &agency);
  return services != NULL ? loket_consent_summary_build (self->catalog, agency, services) : NULL;
}

/* The SHA-256 of the summary and of the itemised text as they are now; FALSE when the
 * agency has no chosen service. */
static gboolean
consent_sha256 (LoketRequest  *self,
                const char    *agency_id,
                char         **summary_sha256,
                char         **details_sha256)
{
  g_autoptr(GPtrArray) lines = loket_request_consent_summary (self, agency_id);
  g_autofree char *summary = lines != NULL ? loket_consent_summary_text (lines) : NULL;
  g_autofree char *details = loket_request_consent_text (self, agency_id);

  if (summary == NULL || details == NULL)
    return FALSE;
  *summary_sha256 = loket_consent_text_sha256 (summary);
  *details_sha256 = loket_consent_text_sha256 (details);
  return TRUE;
}

/* The agency's record, made (not granted) when there is none yet. */
static ConsentRecord *
ensure_record (LoketRequest      *self,
               const LoketAgency *agency)
{
  ConsentRecord *record = g_hash_table_lookup (self->consents, agency->id);

  if (record == NULL)
    {
      record = g_new0 (ConsentRecord, 1);
      g_hash_table_insert (self->consents, agency->id, record);
    }
  return record;
}

void
loket_request_set_consent_full (LoketRequest *self,
                                const char   *agency_id,
                                gboolean      granted,
                                GDateTime    *granted_at)
{
  const LoketAgency *agency;
  ConsentRecord *record;
  gboolean opened;

  g_return_if_fail (LOKET_IS_REQUEST (self));
  g_return_if_fail (agency_id != NULL);

  agency = loket_catalog_get_agency (self->catalog, agency_id);
  g_return_if_fail (agency != NULL);

  /* A new answer, but the itemised text stays opened if it was. */
  opened = ensure_record (self, agency)->details_opened;
  record = g_new0 (ConsentRecord, 1);
  record->granted = granted;
  record->details_opened = opened;
  if (granted && !consent_sha256 (self, agency_id, &record->text_sha256,
                                  &record->details_sha256))
    record->granted = FALSE;
  record->granted_at = granted_at != NULL ? g_date_time_ref (granted_at) : NULL;
  g_hash_table_replace (self->consents, agency->id, record);
}

void
loket_request_set_consent (LoketRequest *self,
                           const char   *agency_id,
                           gboolean      granted)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (LOKET_IS_REQUEST (self));
  g_return_if_fail (agency_id != NULL);

  loket_request_set_consent_full (self, agency_id, granted, now);
}

gboolean
loket_request_get_consent (LoketRequest *self,
                           const char   *agency_id)
{
  g_autofree char *summary_sha256 = NULL;
  g_autofree char *details_sha256 = NULL;
  ConsentRecord *record;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (agency_id != NULL, FALSE);

  record = g_hash_table_lookup (self->consents, agency_id);
  if (record == NULL || !record->granted || record->text_sha256 == NULL)
    return FALSE;

  /* Consent covers the words the citizen had: if what is sent changed since, it is void. */
  if (!consent_sha256 (self, agency_id, &summary_sha256, &details_sha256))
    return FALSE;
  return g_strcmp0 (summary_sha256, record->text_sha256) == 0
         && g_strcmp0 (details_sha256, record->details_sha256) == 0;
}

void
loket_request_set_consent_details_opened (LoketRequest *self,
                                          const char   *agency_id)
{
  const LoketAgency *agency;

  g_return_if_fail (LOKET_IS_REQUEST (self));
  g_return_if_fail (agency_id != NULL);

  agency = loket_catalog_get_agency (self->catalog, agency_id);
  g_return_if_fail (agency != NULL);

  ensure_record (self, agency)->details_opened = TRUE;
}

gboolean
loket_request_get_consent_details_opened (LoketRequest *self,
                                          const char   *agency_id)
{
  ConsentRecord *record;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (agency_id != NULL, FALSE);

  record = g_hash_table_lookup (self->consents, agency_id);
  return record != NULL && record->details_opened;
}

/* ---- parts ----------------------------------------------------------------------------- */

static char *
format_time (GDateTime *time)
{
  /* RFC 3339 with the offset, as the protocol wants it. */
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Over 80 lines: builds one part's JSON body member by member, in the protocol's order, so it
 * reads as the document. */
static LoketPart *
make_part (LoketRequest       *self,
           const LoketService *service,
           const char         *tracking_code,
           GDateTime          *now,
           const char         *kiosk_id,
           const char         *site)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LoketConsentService) consent = loket_request_part_fields (self, service);
  g_autofree char *submitted_at = format_time (now);
  g_autofree char *granted_at = NULL;
  g_autoptr(GStrvBuilder) field_ids = g_strv_builder_new ();
  ConsentRecord *record = g_hash_table_lookup (self->consents, service->agency->id);
  LoketPart *part = loket_part_new ();
  gsize length = 0;
  char *body;

  g_assert (record != NULL && record->granted);
  granted_at = format_time (record->granted_at != NULL ? record->granted_at : now);

  part->part_id = g_uuid_string_random ();
  part->service = g_strdup (service->id);
  part->agency = g_strdup (service->agency->id);
  if (consent->from_outputs->len > 0)
    {
      part->after = g_strdup (service->after);
      part->inputs = json_object_new ();
      for (guint i = 0; i < consent->from_outputs->len; i++)
        {
          const LoketField *field = g_ptr_array_index (consent->from_outputs, i);

          json_object_set_string_member (part->inputs, field->id,
                                         loket_request_input_output (service, field->id));
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, PROTOCOL);
  json_builder_set_member_name (builder, "tracking_code");
  json_builder_add_string_value (builder, tracking_code);
  json_builder_set_member_name (builder, "part_id");
  json_builder_add_string_value (builder, part->part_id);
  json_builder_set_member_name (builder, "service");
  json_builder_add_string_value (builder, service->id);
  json_builder_set_member_name (builder, "submitted_at");
  json_builder_add_string_value (builder, submitted_at);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, self->language);

  json_builder_set_member_name (builder, "kiosk");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, kiosk_id);
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, site);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "verification");
  json_builder_add_string_value (builder, service->verification == LOKET_VERIFICATION_COUNTER
                                          ? "pending" : "none");

  json_builder_set_member_name (builder, "consent");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "basis");
  json_builder_add_string_value (builder, loket_legal_basis_to_string (service->basis));
  json_builder_set_member_name (builder, "granted_at");
  json_builder_add_string_value (builder, granted_at);
  json_builder_set_member_name (builder, "text_sha256");
  json_builder_add_string_value (builder, record->text_sha256);
  json_builder_set_member_name (builder, "details_text_sha256");
  json_builder_add_string_value (builder, record->details_sha256);
  json_builder_set_member_name (builder, "details_opened");
  json_builder_add_boolean_value (builder, record->details_opened);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < consent->fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (consent->fields, i);

      json_builder_add_string_value (builder, field->id);
      g_strv_builder_add (field_ids, field->id);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  for (guint i = 0; i < consent->fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (consent->fields, i);

      if (g_ptr_array_find (consent->from_outputs, field, NULL))
        continue;
      json_builder_set_member_name (builder, field->id);
      json_builder_add_value (builder, loket_request_wire_value (self, field));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  part->field_ids = g_strv_builder_end (field_ids);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &length);
  part->body = g_bytes_new_take (body, length);

  return part;
}

GPtrArray *
loket_request_split (LoketRequest  *self,
                     const char    *tracking_code,
                     GDateTime     *now,
                     const char    *kiosk_id,
                     const char    *site,
                     GError       **error)
{
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) services = NULL;
  GPtrArray *parts;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);
  g_return_val_if_fail (tracking_code != NULL && *tracking_code != '\0', NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (kiosk_id != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!loket_request_is_complete (self))
    {
      g_set_error_literal (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INCOMPLETE,
                           _("The request is not complete: some answers are missing or need "
                             "checking."));
      return NULL;
    }

  agencies = loket_request_get_agencies (self);
  for (guint i = 0; i < agencies->len; i++)
    {
      const LoketAgency *agency = g_ptr_array_index (agencies, i);

      if (!loket_request_get_consent (self, agency->id))
        {
          g_set_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_CONSENT,
                       /* Translators: %s is an agency's short name, e.g. "Dukcapil". */
                       _("%s has no consent for the data it would receive: ask for consent "
                         "again, or remove its services."),
                       C_CATALOG (agency->short_name));
          return NULL;
        }
    }

  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_part_unref);
  services = loket_request_get_services (self);
  for (guint i = 0; i < services->len; i++)
    g_ptr_array_add (parts, make_part (self, g_ptr_array_index (services, i), tracking_code,
                                       now, kiosk_id, site));

  g_debug ("Split a request into %u parts", parts->len);
  return parts;
}
