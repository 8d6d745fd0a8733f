/* loket-catalog-export.c — the catalog as other tools see it: `catalog dump` and the .pot
 *
 * The dump's shape is a contract (docs/architecture.md): members only as listed there,
 * in catalog order, so fleet tools can diff two kiosks' catalogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-catalog"

#include "config.h"

#include <libintl.h>
#include <math.h>
#include <string.h>

#include "loket-catalog.h"
#include "loket-i18n.h"

/* dgettext(), not C_CATALOG(): GLib's g_dgettext() decides once per process whether to
 * translate at all, from the program's own domain, and a loketctl without its own .mo for
 * the language would then print the catalog untranslated. */
static const char *
label (const char *msgid,
       gboolean    translate)
{
  if (!translate || msgid == NULL || *msgid == '\0')
    return msgid;

  return dgettext (LOKET_CATALOG_DOMAIN, msgid);
}

/* Whole numbers print as 18, not 18.0: the rules are written that way in the catalog. */
static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
dump_field (JsonBuilder      *builder,
            const LoketField *field,
            gboolean          translate)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, field->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, loket_field_type_to_string (field->type));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, label (field->label, translate));
  if (field->digits > 0)
    {
      json_builder_set_member_name (builder, "digits");
      json_builder_add_int_value (builder, field->digits);
    }

  if (field->choices != NULL)
    {
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; i < field->choices->len; i++)
        {
          const LoketChoice *choice = g_ptr_array_index (field->choices, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, choice->value);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, label (choice->label, translate));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (field->has_min)
    add_number (builder, "min", field->min);
  if (field->has_max)
    add_number (builder, "max", field->max);

  if (field->fields != NULL)
    {
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      for (guint i = 0; i < field->fields->len; i++)
        dump_field (builder, g_ptr_array_index (field->fields, i), translate);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

static void
dump_condition (JsonBuilder          *builder,
                const LoketCondition *when)
{
  if (when == NULL)
    return;

  json_builder_set_member_name (builder, "when");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, when->field);
  json_builder_set_member_name (builder, "in");
  json_builder_begin_array (builder);
  for (guint j = 0; when->values[j] != NULL; j++)
    json_builder_add_string_value (builder, when->values[j]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
dump_documents (JsonBuilder        *builder,
                const LoketService *service,
                gboolean            translate)
{
  if (service->documents == NULL)
    return;

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < service->documents->len; i++)
    {
      const LoketDocument *document = g_ptr_array_index (service->documents, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, document->id);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label (document->label, translate));
      if (document->hint != NULL)
        {
          json_builder_set_member_name (builder, "hint");
          json_builder_add_string_value (builder, label (document->hint, translate));
        }
      dump_condition (builder, document->when);
      if (document->instead != NULL)
        {
          json_builder_set_member_name (builder, "instead");
          json_builder_add_string_value (builder, label (document->instead, translate));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
dump_service (JsonBuilder        *builder,
              const LoketService *service,
              gboolean            translate)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, service->id);
  json_builder_set_member_name (builder, "agency");
  json_builder_add_string_value (builder, service->agency->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, label (service->title, translate));
  json_builder_set_member_name (builder, "basis");
  json_builder_add_string_value (builder, loket_legal_basis_to_string (service->basis));
  json_builder_set_member_name (builder, "verification");
  json_builder_add_string_value (builder, loket_verification_to_string (service->verification));

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < service->fields->len; i++)
    {
      const LoketServiceField *service_field = g_ptr_array_index (service->fields, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, service_field->field->id);
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, service_field->required);
      dump_condition (builder, service_field->when);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  dump_documents (builder, service, translate);

  if (service->outputs != NULL)
    {
      json_builder_set_member_name (builder, "outputs");
      json_builder_begin_array (builder);
      for (guint i = 0; service->outputs[i] != NULL; i++)
        json_builder_add_string_value (builder, service->outputs[i]);
      json_builder_end_array (builder);
    }

  if (service->after != NULL)
    {
      json_builder_set_member_name (builder, "after");
      json_builder_add_string_value (builder, service->after);
    }

  if (service->inputs != NULL)
    {
      json_builder_set_member_name (builder, "inputs");
      json_builder_begin_object (builder);
      for (guint i = 0; i < service->inputs->len; i++)
        {
          const LoketServiceInput *input = g_ptr_array_index (service->inputs, i);

          json_builder_set_member_name (builder, input->field);
          json_builder_add_string_value (builder, input->output);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
}

static void
dump_service_ids (JsonBuilder *builder,
                  const char  *member,
                  GPtrArray   *services)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < services->len; i++)
    json_builder_add_string_value (builder, ((const LoketService *) g_ptr_array_index (services,
                                                                                       i))->id);
  json_builder_end_array (builder);
}

JsonNode *
loket_catalog_dump (LoketCatalog *self,
                    gboolean      translate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *array;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_array (builder);
  array = loket_catalog_get_agencies (self);
  for (guint i = 0; i < array->len; i++)
    {
      const LoketAgency *agency = g_ptr_array_index (array, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, agency->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, label (agency->name, translate));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  array = loket_catalog_get_fields (self);
  for (guint i = 0; i < array->len; i++)
    dump_field (builder, g_ptr_array_index (array, i), translate);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  array = loket_catalog_get_services (self);
  for (guint i = 0; i < array->len; i++)
    dump_service (builder, g_ptr_array_index (array, i), translate);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "life_events");
  json_builder_begin_array (builder);
  array = loket_catalog_get_life_events (self);
  for (guint i = 0; i < array->len; i++)
    {
      const LoketLifeEvent *life_event = g_ptr_array_index (array, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, life_event->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, label (life_event->title, translate));
      dump_service_ids (builder, "services", life_event->services);
      if (life_event->optional->len > 0)
        dump_service_ids (builder, "optional", life_event->optional);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* --- the translation template --- */

/* A po string: quoted, escaped, and split after each newline as gettext's tools write it. */
static void
append_po_string (GString    *out,
                  const char *keyword,
                  const char *text)
{
  g_string_append_printf (out, "%s ", keyword);
  if (strchr (text, '\n') != NULL && strchr (text, '\n')[1] != '\0')
    g_string_append (out, "\"\"\n");

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n':
          g_string_append (out, "\\n");
          if (p[1] != '\0')
            g_string_append (out, "\"\n\"");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\%03o", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append (out, "\"\n");
}

typedef struct {
  const char *msgid;
  GPtrArray  *strings;   /* of LoketCatalogString*: every place the msgid comes from */
} PotEntry;

static void
pot_entry_free (PotEntry *entry)
{
  g_ptr_array_unref (entry->strings);
  g_free (entry);
}

char *
loket_catalog_to_pot (LoketCatalog *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pot_entry_free);
  g_autoptr(GHashTable) by_msgid = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *strings;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  strings = loket_catalog_get_strings (self);
  for (guint i = 0; i < strings->len; i++)
    {
      LoketCatalogString *string = g_ptr_array_index (strings, i);
      PotEntry *entry = g_hash_table_lookup (by_msgid, string->msgid);

      if (entry == NULL)
        {
          entry = g_new0 (PotEntry, 1);
          entry->msgid = string->msgid;
          entry->strings = g_ptr_array_new ();
          g_ptr_array_add (entries, entry);
          g_hash_table_insert (by_msgid, (gpointer) entry->msgid, entry);
        }
      g_ptr_array_add (entry->strings, string);
    }

  /* No creation date: the template changes only when the catalog does. */
  out = g_string_new ("# Translations of a Loket service catalog (text domain \"loket-catalog\").\n"
                      "# Written by `loketctl catalog pot`: edit the catalog, not this file.\n"
                      "#\n"
                      "#, fuzzy\n"
                      "msgid \"\"\n"
                      "msgstr \"\"\n"
                      "\"Project-Id-Version: loket-catalog\\n\"\n"
                      "\"Report-Msgid-Bugs-To: \\n\"\n"
                      "\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n"
                      "\"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n\"\n"
                      "\"Language-Team: LANGUAGE <LL@li.org>\\n\"\n"
                      "\"Language: \\n\"\n"
                      "\"MIME-Version: 1.0\\n\"\n"
                      "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                      "\"Content-Transfer-Encoding: 8bit\\n\"\n");

  for (guint i = 0; i < entries->len; i++)
    {
      PotEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GHashTable) comments = g_hash_table_new (g_str_hash, g_str_equal);

      g_string_append_c (out, '\n');
      for (guint j = 0; j < entry->strings->len; j++)
        {
          LoketCatalogString *string = g_ptr_array_index (entry->strings, j);

          if (g_hash_table_add (comments, (gpointer) string->comment))
            g_string_append_printf (out, "#. %s\n", string->comment);
        }
      for (guint j = 0; j < entry->strings->len; j++)
        {
          LoketCatalogString *string = g_ptr_array_index (entry->strings, j);

          g_string_append_printf (out, "#: %s:%s\n", string->file, string->path);
        }
      append_po_string (out, "msgid", entry->msgid);
      g_string_append (out, "msgstr \"\"\n");
    }

  return g_string_free (out, FALSE);
}
