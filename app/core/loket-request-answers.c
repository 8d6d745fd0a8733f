/* loket-request-answers.c — what the citizen answered: kept as typed, wiped when forgotten
 *
 * Answers are kept exactly as typed, valid or not, because the screens show them back with
 * their message; they are normalised (loket-validate.h) whenever their wire value is needed.
 * Every string that held an answer is overwritten before it is freed: the kiosk forgets a
 * citizen who walked away, and freed memory is not forgotten memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-request"

#include "config.h"

#include <string.h>

#include "loket-i18n.h"
#include "loket-request-private.h"
#include "loket-validate.h"

/* ---- one answer ---------------------------------------------------------------------- */

static void
wipe_string (char *s)
{
  if (s != NULL)
    explicit_bzero (s, strlen (s));
}

/* Our own JSON nodes only (see answer_take_value): never ones shared with a caller. */
static void
wipe_node (JsonNode *node)
{
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    wipe_string ((char *) json_node_get_string (node));
}

void
loket_answer_free (Answer *answer)
{
  if (answer == NULL)
    return;

  wipe_string (answer->text);
  g_free (answer->text);
  wipe_node (answer->input);
  g_clear_pointer (&answer->input, json_node_unref);
  g_clear_pointer (&answer->entries, g_ptr_array_unref);
  g_free (answer);
}

static GHashTable *
entry_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) loket_answer_free);
}

static void
answer_set_text (Answer     *answer,
                 const char *text)
{
  wipe_string (answer->text);
  g_free (answer->text);
  wipe_node (answer->input);
  g_clear_pointer (&answer->input, json_node_unref);
  answer->text = g_strdup (text);
}

/* A fresh node, so that wiping it later cannot touch the caller's strings (json_node_copy()
 * shares scalar values). */
static void
answer_take_value (Answer   *answer,
                   JsonNode *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  GType type = json_node_get_value_type (value);
  char *text;

  if (type == G_TYPE_STRING)
    {
      json_node_set_string (node, json_node_get_string (value));
      text = g_strdup (json_node_get_string (value));
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      json_node_set_boolean (node, json_node_get_boolean (value));
      text = g_strdup (json_node_get_boolean (value) ? "true" : "false");
    }
  else if (type == G_TYPE_INT64)
    {
      json_node_set_int (node, json_node_get_int (value));
      text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    }
  else
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      json_node_set_double (node, json_node_get_double (value));
      text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (value)));
    }

  answer_set_text (answer, NULL);
  answer->text = text;
  answer->input = node;
}

static gboolean
answer_is_empty (const Answer *answer)
{
  const char *text;

  if (answer == NULL)
    return TRUE;
  if (answer->entries != NULL)
    return answer->entries->len == 0;
  if (answer->input != NULL && json_node_get_value_type (answer->input) != G_TYPE_STRING)
    return FALSE;

  text = answer->text;
  if (text == NULL)
    return TRUE;
  while (g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);

  return *text == '\0';
}

/* The wire value of one answer, or NULL with the validator's error. */
JsonNode *
loket_request_normalize (LoketRequest      *self,
                         const LoketField  *field,
                         const Answer      *answer,
                         GError           **error)
{
  GDate today;

  loket_request_get_today (self, &today);
  if (answer != NULL && answer->input != NULL)
    return loket_field_normalize (field, answer->input, &today, error);

  return loket_field_normalize_text (field, answer != NULL && answer->text != NULL
                                            ? answer->text : "", &today, error);
}

/* ---- the public setters and getters ---------------------------------------------------- */

static Answer *
ensure_answer (LoketRequest *self,
               const char   *field_id)
{
  Answer *answer = g_hash_table_lookup (self->answers, field_id);

  if (answer == NULL)
    {
      answer = g_new0 (Answer, 1);
      g_hash_table_insert (self->answers, g_strdup (field_id), answer);
    }

  return answer;
}

void
loket_request_set_text (LoketRequest *self,
                        const char   *field_id,
                        const char   *text)
{
  const LoketField *field;

  g_return_if_fail (LOKET_IS_REQUEST (self));
  g_return_if_fail (field_id != NULL);

  field = loket_catalog_get_field (self->catalog, field_id);
  g_return_if_fail (field != NULL && field->type != LOKET_FIELD_TYPE_GROUP);

  answer_set_text (ensure_answer (self, field_id), text);
  loket_request_changed (self, FALSE);
}

const char *
loket_request_get_text (LoketRequest *self,
                        const char   *field_id)
{
  Answer *answer;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  answer = g_hash_table_lookup (self->answers, field_id);
  return answer != NULL ? answer->text : NULL;
}

static gboolean
is_scalar (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node);
}

/* Over 80 lines: what one JSON value may be for a field, each case with its own message. */
gboolean
loket_request_take_json_value (LoketRequest      *self,
                               const LoketField  *field,
                               JsonNode          *value,
                               const char        *path,
                               GPtrArray         *problems)
{
  Answer *answer;
  JsonArray *array;
  guint n_problems = problems->len;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      g_hash_table_remove (self->answers, field->id);
      return TRUE;
    }

  if (field->type != LOKET_FIELD_TYPE_GROUP)
    {
      if (!is_scalar (value))
        {
          g_ptr_array_add (problems, g_strdup_printf (
                           /* Translators: %s names a place in a JSON request, e.g.
                            * "data.child.name"; staff and fleet tools read this. */
                           _("%s: must be a single value (text, a number or true/false)."),
                           path));
          return FALSE;
        }
      answer_take_value (ensure_answer (self, field->id), value);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      g_ptr_array_add (problems, g_strdup_printf (
                       /* Translators: %s names a place in a JSON request. */
                       _("%s: must be a list of entries, each an object of sub-field values."),
                       path));
      return FALSE;
    }

  array = json_node_get_array (value);
  answer = ensure_answer (self, field->id);
  answer_set_text (answer, NULL);
  g_clear_pointer (&answer->entries, g_ptr_array_unref);
  answer->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GHashTable *entry = entry_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      g_ptr_array_add (answer->entries, entry);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_ptr_array_add (problems, g_strdup_printf (
                           /* Translators: the first %s names a place in a JSON request, %u is
                            * the number of an entry of a list, counted from 0. */
                           _("%s[%u]: must be an object of sub-field values."), path, i));
          continue;
        }

      json_object_iter_init_ordered (&iter, json_node_get_object (element));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          const LoketField *sub = NULL;
          Answer *sub_answer;

          for (guint k = 0; field->fields != NULL && k < field->fields->len; k++)
            if (g_str_equal (((const LoketField *) g_ptr_array_index (field->fields, k))->id, name))
              sub = g_ptr_array_index (field->fields, k);

          if (sub == NULL)
            {
              g_ptr_array_add (problems, g_strdup_printf (
                               /* Translators: a JSON request names a part of a group's entry
                                * that the catalog does not define; "%s[%u].%s" is its place,
                                * e.g. "data.family.members[0].nik". */
                               _("%s[%u].%s: unknown sub-field."), path, i, name));
              continue;
            }
          if (JSON_NODE_HOLDS_NULL (member))
            continue;
          if (!is_scalar (member))
            {
              g_ptr_array_add (problems, g_strdup_printf (
                               /* Translators: "%s[%u].%s" is a place in a JSON request. */
                               _("%s[%u].%s: must be a single value (text, a number or "
                                 "true/false)."), path, i, name));
              continue;
            }

          sub_answer = g_new0 (Answer, 1);
          answer_take_value (sub_answer, member);
          g_hash_table_insert (entry, g_strdup (sub->id), sub_answer);
        }
    }

  return problems->len == n_problems;
}

gboolean
loket_request_set_value (LoketRequest  *self,
                         const char    *field_id,
                         JsonNode      *value,
                         GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const LoketField *field;
  gboolean ok;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (field_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  field = loket_catalog_get_field (self->catalog, field_id);
  if (field == NULL)
    {
      g_set_error (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INVALID,
                   /* Translators: %s is a field's id in the service catalog. */
                   _("%s: unknown field."), field_id);
      return FALSE;
    }

  ok = loket_request_take_json_value (self, field, value, field_id, problems);
  loket_request_changed (self, FALSE);

  if (!ok)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (problems, NULL);
      message = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, LOKET_REQUEST_ERROR, LOKET_REQUEST_ERROR_INVALID, message);
    }

  return ok;
}

JsonNode *
loket_request_dup_wire_value (LoketRequest *self,
                              const char   *field_id)
{
  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  if (loket_request_get_field_state (self, field_id) != LOKET_FIELD_STATE_ASKED)
    return NULL;

  return loket_request_wire_value (self, loket_catalog_get_field (self->catalog, field_id));
}

/* A group's wire value: every entry an object of its non-empty sub-fields, in the catalog's
 * order; NULL if anything in it is invalid. */
JsonNode *
loket_request_wire_value (LoketRequest     *self,
                          const LoketField *field)
{
  Answer *answer = g_hash_table_lookup (self->answers, field->id);
  g_autoptr(JsonArray) array = NULL;
  JsonNode *node;

  if (answer_is_empty (answer))
    return NULL;
  if (field->type != LOKET_FIELD_TYPE_GROUP)
    return loket_request_normalize (self, field, answer, NULL);

  array = json_array_new ();
  for (guint i = 0; i < answer->entries->len; i++)
    {
      GHashTable *entry = g_ptr_array_index (answer->entries, i);
      JsonObject *object = json_object_new ();

      json_array_add_object_element (array, object);
      for (guint k = 0; field->fields != NULL && k < field->fields->len; k++)
        {
          const LoketField *sub = g_ptr_array_index (field->fields, k);
          Answer *sub_answer = g_hash_table_lookup (entry, sub->id);
          JsonNode *wire;

          if (answer_is_empty (sub_answer))
            continue;
          wire = loket_request_normalize (self, sub, sub_answer, NULL);
          if (wire == NULL)
            return NULL;
          json_object_set_member (object, sub->id, wire);
        }
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static GPtrArray *
group_entries (LoketRequest     *self,
               const LoketField *field,
               gboolean          create)
{
  Answer *answer;

  g_return_val_if_fail (field != NULL && field->type == LOKET_FIELD_TYPE_GROUP, NULL);

  answer = create ? ensure_answer (self, field->id)
                  : g_hash_table_lookup (self->answers, field->id);
  if (answer == NULL)
    return NULL;
  if (answer->entries == NULL)
    answer->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  return answer->entries;
}

guint
loket_request_add_group_entry (LoketRequest *self,
                               const char   *field_id)
{
  GPtrArray *entries;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), 0);
  g_return_val_if_fail (field_id != NULL, 0);

  entries = group_entries (self, loket_catalog_get_field (self->catalog, field_id), TRUE);
  g_return_val_if_fail (entries != NULL, 0);

  g_ptr_array_add (entries, entry_new ());
  loket_request_changed (self, FALSE);

  return entries->len - 1;
}

gboolean
loket_request_remove_group_entry (LoketRequest *self,
                                  const char   *field_id,
                                  guint         index)
{
  GPtrArray *entries;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (field_id != NULL, FALSE);

  entries = group_entries (self, loket_catalog_get_field (self->catalog, field_id), FALSE);
  if (entries == NULL || index >= entries->len)
    return FALSE;

  g_ptr_array_remove_index (entries, index);
  loket_request_changed (self, FALSE);

  return TRUE;
}

guint
loket_request_get_n_group_entries (LoketRequest *self,
                                   const char   *field_id)
{
  Answer *answer;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), 0);
  g_return_val_if_fail (field_id != NULL, 0);

  answer = g_hash_table_lookup (self->answers, field_id);
  return answer != NULL && answer->entries != NULL ? answer->entries->len : 0;
}

static const LoketField *
sub_field (const LoketField *field,
           const char       *sub_field_id)
{
  for (guint k = 0; field != NULL && field->fields != NULL && k < field->fields->len; k++)
    {
      const LoketField *sub = g_ptr_array_index (field->fields, k);

      if (g_str_equal (sub->id, sub_field_id))
        return sub;
    }

  return NULL;
}

gboolean
loket_request_set_group_text (LoketRequest *self,
                              const char   *field_id,
                              guint         index,
                              const char   *sub_field_id,
                              const char   *text)
{
  const LoketField *field;
  GPtrArray *entries;
  GHashTable *entry;
  Answer *answer;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (field_id != NULL, FALSE);
  g_return_val_if_fail (sub_field_id != NULL, FALSE);

  field = loket_catalog_get_field (self->catalog, field_id);
  if (sub_field (field, sub_field_id) == NULL)
    return FALSE;

  entries = group_entries (self, field, FALSE);
  if (entries == NULL || index >= entries->len)
    return FALSE;

  entry = g_ptr_array_index (entries, index);
  answer = g_hash_table_lookup (entry, sub_field_id);
  if (answer == NULL)
    {
      answer = g_new0 (Answer, 1);
      g_hash_table_insert (entry, g_strdup (sub_field_id), answer);
    }
  answer_set_text (answer, text);
  loket_request_changed (self, FALSE);

  return TRUE;
}

const char *
loket_request_get_group_text (LoketRequest *self,
                              const char   *field_id,
                              guint         index,
                              const char   *sub_field_id)
{
  Answer *answer;
  GHashTable *entry;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);
  g_return_val_if_fail (sub_field_id != NULL, NULL);

  answer = g_hash_table_lookup (self->answers, field_id);
  if (answer == NULL || answer->entries == NULL || index >= answer->entries->len)
    return NULL;

  entry = g_ptr_array_index (answer->entries, index);
  answer = g_hash_table_lookup (entry, sub_field_id);
  return answer != NULL ? answer->text : NULL;
}

