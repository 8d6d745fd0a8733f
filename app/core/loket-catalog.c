/* loket-catalog.c — the catalog object: its lifetime, its lookups, the spellings of its enums
 *
 * Loading lives in loket-catalog-load.c (with -fields.c and -services.c); once loaded, a
 * catalog never changes, so everything here only reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-catalog"

#include "config.h"

#include "loket-catalog.h"
#include "loket-catalog-private.h"

G_DEFINE_QUARK (loket-catalog-error-quark, loket_catalog_error)

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

void
catalog_condition_free (LoketCondition *condition)
{
  g_free (condition->field);
  g_strfreev (condition->values);
  g_free (condition);
}

void
catalog_service_field_free (LoketServiceField *service_field)
{
  g_clear_pointer (&service_field->when, catalog_condition_free);
  g_free (service_field);
}

void
catalog_service_input_free (LoketServiceInput *input)
{
  g_free (input->field);
  g_free (input->output);
  g_free (input);
}

void
catalog_service_free (LoketService *service)
{
  g_free (service->id);
  g_free (service->title);
  g_free (service->description);
  g_clear_pointer (&service->documents, g_ptr_array_unref);
  g_clear_pointer (&service->fields, g_ptr_array_unref);
  g_strfreev (service->outputs);
  g_free (service->after);
  g_clear_pointer (&service->inputs, g_ptr_array_unref);
  g_free (service);
}

void
catalog_life_event_free (LoketLifeEvent *life_event)
{
  g_free (life_event->id);
  g_free (life_event->title);
  g_free (life_event->description);
  g_free (life_event->icon);
  g_clear_pointer (&life_event->services, g_ptr_array_unref);
  g_clear_pointer (&life_event->optional, g_ptr_array_unref);
  g_free (life_event);
}

LoketCatalog *
catalog_new (const char *dir)
{
  LoketCatalog *self = g_new0 (LoketCatalog, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dir = g_strdup (dir);
  self->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_field_free);
  self->services = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_service_free);
  self->life_events = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_life_event_free);
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
