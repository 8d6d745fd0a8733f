/* loket-part.c — one service's share of a combined request, and filling in its inputs later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-part"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-part.h"

G_DEFINE_QUARK (loket-part-error-quark, loket_part_error)

G_DEFINE_BOXED_TYPE (LoketPart, loket_part, loket_part_ref, loket_part_unref)

LoketPart *
loket_part_new (void)
{
  return g_atomic_rc_box_new0 (LoketPart);
}

LoketPart *
loket_part_ref (LoketPart *part)
{
  g_return_val_if_fail (part != NULL, NULL);

  return g_atomic_rc_box_acquire (part);
}

static void
loket_part_clear (gpointer data)
{
  LoketPart *part = data;

  g_free (part->part_id);
  g_free (part->service);
  g_free (part->agency);
  g_free (part->after);
  g_clear_pointer (&part->inputs, json_object_unref);
  g_strfreev (part->field_ids);
  g_clear_pointer (&part->body, g_bytes_unref);
}

void
loket_part_unref (LoketPart *part)
{
  g_return_if_fail (part != NULL);

  g_atomic_rc_box_release_full (part, loket_part_clear);
}

gboolean
loket_part_needs_outputs (const LoketPart *part)
{
  g_return_val_if_fail (part != NULL, FALSE);

  return part->inputs != NULL && json_object_get_size (part->inputs) > 0;
}

GBytes *
loket_part_complete_body (const LoketPart  *part,
                          JsonObject       *outputs,
                          GError          **error)
{
  g_return_val_if_fail (part != NULL, NULL);
  g_return_val_if_fail (part->body != NULL, NULL);
  g_return_val_if_fail (outputs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (part->inputs == NULL)
    return g_bytes_ref (part->body);

  return loket_part_body_fill_inputs (part->body, part->inputs, outputs, error);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static GBytes *
body_error (GError **error)
{
  /* The body is ours, written by loket_request_split(): if it does not read back, the stored
   * copy is damaged, and staff must look at the part. No byte of it goes into the message. */
  g_set_error_literal (error, LOKET_PART_ERROR, LOKET_PART_ERROR_BODY,
                       _("The stored body of this part is not a Loket agency protocol body."));
  return NULL;
}

/* Over 80 lines: one walk through a part's parsed body, filling its inputs in place; the steps
 * share the tree. */
GBytes *
loket_part_body_fill_inputs (GBytes      *body,
                             JsonObject  *inputs,
                             JsonObject  *outputs,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonObject) data = NULL;
  JsonNode *root_node;
  JsonObject *root;
  JsonObject *old_data;
  JsonObject *consent;
  JsonArray *fields;
  gsize length = 0;
  const char *text;
  char *out;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (inputs != NULL, NULL);
  g_return_val_if_fail (outputs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (body, &length);
  if (text == NULL || !json_parser_load_from_data (parser, text, length, NULL))
    return body_error (error);

  root_node = json_parser_get_root (parser);
  root = root_node != NULL && JSON_NODE_HOLDS_OBJECT (root_node)
         ? json_node_get_object (root_node) : NULL;
  consent = object_member (root, "consent");
  fields = consent != NULL && json_object_has_member (consent, "fields")
           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (consent, "fields"))
           ? json_object_get_array_member (consent, "fields") : NULL;
  old_data = object_member (root, "data");
  if (fields == NULL || old_data == NULL)
    return body_error (error);

  /* The body is immutable once parsed; the new one is a copy with a new data object whose
   * members follow consent.fields, so the same outputs always give the same bytes. */
  root = json_object_ref (root);
  data = json_object_new ();
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      const char *field = string_node (json_array_get_element (fields, i));
      const char *output;
      JsonNode *value;

      if (field == NULL)
        {
          json_object_unref (root);
          return body_error (error);
        }

      if (json_object_has_member (old_data, field))
        {
          json_object_set_member (data, field,
                                  json_node_copy (json_object_get_member (old_data, field)));
          continue;
        }

      output = string_node (json_object_get_member (inputs, field));
      if (output == NULL)
        continue;   /* an optional field the citizen left empty */

      value = json_object_get_member (outputs, output);
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        {
          json_object_unref (root);
          g_set_error (error, LOKET_PART_ERROR, LOKET_PART_ERROR_OUTPUTS,
                       /* Translators: %s is the name of a value an agency returns, e.g.
                        * "child_nik"; staff see this message. */
                       _("The prerequisite's answer lacks the output '%s' this part needs."),
                       output);
          return NULL;
        }
      json_object_set_member (data, field, json_node_copy (value));
    }

  {
    g_autoptr(JsonObject) copy = json_object_new ();
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autoptr(GList) members = json_object_get_members (root);

    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *name = l->data;

        if (g_str_equal (name, "data"))
          json_object_set_object_member (copy, name, json_object_ref (data));
        else
          json_object_set_member (copy, name, json_node_copy (json_object_get_member (root, name)));
      }
    json_object_unref (root);

    json_node_set_object (node, copy);
    generator = json_generator_new ();
    json_generator_set_root (generator, node);
    out = json_generator_to_data (generator, &length);
  }

  return g_bytes_new_take (out, length);
}
