/* loket-json.c — problems, JSON paths and typed member access (loket-json.h)
 *
 * The strict scanner and loket_json_parse () are in loket-json-scanner.c. Here: what the
 * readers of a parsed text use to name places and to take members of the kind they expect,
 * each problem recorded where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-json"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-json.h"
#include "loket-json-private.h"

void
loket_json_problem (LoketJsonProblems *problems,
                    const char        *path,
                    const char        *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (problems != NULL && problems->problems != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems->problems,
                   g_strdup_printf ("%s: %s: %s", problems->file != NULL ? problems->file : "-",
                                    path != NULL ? path : "$", message));
}

static gboolean
is_plain_name (const char *name)
{
  if (*name == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

void
loket_json_path_append (GString    *path,
                        const char *member)
{
  if (is_plain_name (member))
    {
      g_string_append_c (path, '.');
      g_string_append (path, member);
      return;
    }

  /* Quoted with JSON's own escapes, so a name with quotes or newlines stays one line. */
  g_string_append (path, "[\"");
  for (const char *p = member; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (path, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (path, "\\u%04x", c);
      else
        g_string_append_c (path, (char) c);
    }
  g_string_append (path, "\"]");
}

char *
loket_json_path_member (const char *path,
                        const char *member)
{
  GString *s;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);

  s = g_string_new (path);
  loket_json_path_append (s, member);
  return g_string_free (s, FALSE);
}

char *
loket_json_path_index (const char *path,
                       guint       index)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strdup_printf ("%s[%u]", path, index);
}

/* --- typed access --- */

const char *
loket_json_node_kind (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        case G_TYPE_INT64:
          return _("a whole number");
        case G_TYPE_DOUBLE:
        default:
          return _("a number");
        }
    }
}

/* Records a problem at path.member; gives FALSE. */
static gboolean member_problem (LoketJsonProblems *problems,
                                const char        *path,
                                const char        *member,
                                const char        *format,
                                ...) G_GNUC_PRINTF (4, 5);

static gboolean
member_problem (LoketJsonProblems *problems,
                const char        *path,
                const char        *member,
                const char        *format,
                ...)
{
  g_autofree char *member_path = loket_json_path_member (path, member);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  loket_json_problem (problems, member_path, "%s", message);
  return FALSE;
}

gboolean
loket_json_check_members (LoketJsonProblems  *problems,
                          JsonObject         *object,
                          const char         *path,
                          const char * const *known)
{
  JsonObjectIter iter;
  const char *name;
  gboolean ok = TRUE;

  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (known != NULL, FALSE);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, NULL))
    {
      if (g_strv_contains (known, name) || g_str_has_prefix (name, "x-")
          || g_str_has_prefix (name, "_comment"))
        continue;

      /* Translators: %s is the name of a member of a JSON object. */
      ok = member_problem (problems, path, name, _("unknown member '%s'"), name);
    }

  return ok;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static gboolean
is_value_of (JsonNode *node,
             GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The kinds of node a member may have to be, with how messages name them. */
typedef enum {
  KIND_STRING,
  KIND_BOOLEAN,
  KIND_INTEGER,
  KIND_NUMBER,
  KIND_ARRAY,
  KIND_OBJECT,
} Kind;

static gboolean
is_kind (JsonNode *node,
         Kind      kind)
{
  switch (kind)
    {
    case KIND_STRING:
      return is_value_of (node, G_TYPE_STRING);
    case KIND_BOOLEAN:
      return is_value_of (node, G_TYPE_BOOLEAN);
    case KIND_INTEGER:
      return is_value_of (node, G_TYPE_INT64);
    case KIND_NUMBER:
      return is_value_of (node, G_TYPE_INT64) || is_value_of (node, G_TYPE_DOUBLE);
    case KIND_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case KIND_OBJECT:
    default:
      return JSON_NODE_HOLDS_OBJECT (node);
    }
}

static const char *
kind_name (Kind kind)
{
  switch (kind)
    {
    case KIND_STRING:
      return _("a string");
    case KIND_BOOLEAN:
      return _("true or false");
    case KIND_INTEGER:
      return _("a whole number");
    case KIND_NUMBER:
      return _("a number");
    case KIND_ARRAY:
      return _("an array");
    case KIND_OBJECT:
    default:
      return _("an object");
    }
}

/* The member's node when it is there and of the kind asked for. NULL otherwise: *ok is
 * FALSE after a problem (absent though required, or of another kind), TRUE when an
 * optional member is absent. */
static JsonNode *
lookup (LoketJsonProblems *problems,
        JsonObject        *object,
        const char        *path,
        const char        *member,
        LoketJsonFlags     flags,
        Kind               kind,
        gboolean          *ok)
{
  JsonNode *node = json_object_get_member (object, member);

  *ok = TRUE;
  if (node == NULL)
    {
      if (flags & LOKET_JSON_REQUIRED)
        {
          /* Translators: %s is the name of a member of a JSON object. */
          loket_json_problem (problems, path, _("'%s' is missing"), member);
          *ok = FALSE;
        }
      return NULL;
    }
  if (!is_kind (node, kind))
    {
      /* Translators: "expected a string, found an array". */
      *ok = member_problem (problems, path, member, _("expected %s, found %s"), kind_name (kind),
                            loket_json_node_kind (node));
      return NULL;
    }

  return node;
}

/* The preconditions every getter shares. */
#define CHECK_GETTER_ARGS() \
  g_return_val_if_fail (problems != NULL && object != NULL && path != NULL, FALSE); \
  g_return_val_if_fail (member != NULL && value != NULL, FALSE)

gboolean
loket_json_get_string (LoketJsonProblems  *problems,
                       JsonObject         *object,
                       const char         *path,
                       const char         *member,
                       LoketJsonFlags      flags,
                       const char        **value)
{
  gboolean ok;
  JsonNode *node;

  CHECK_GETTER_ARGS ();

  node = lookup (problems, object, path, member, flags, KIND_STRING, &ok);
  if (node == NULL)
    return ok;
  if ((flags & LOKET_JSON_NON_EMPTY) && is_blank (json_node_get_string (node)))
    return member_problem (problems, path, member, _("must not be empty"));

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
loket_json_get_boolean (LoketJsonProblems *problems,
                        JsonObject        *object,
                        const char        *path,
                        const char        *member,
                        LoketJsonFlags     flags,
                        gboolean          *value)
{
  gboolean ok;
  JsonNode *node;

  CHECK_GETTER_ARGS ();

  node = lookup (problems, object, path, member, flags, KIND_BOOLEAN, &ok);
  if (node == NULL)
    return ok;

  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
loket_json_get_int (LoketJsonProblems *problems,
                    JsonObject        *object,
                    const char        *path,
                    const char        *member,
                    LoketJsonFlags     flags,
                    gint64             min,
                    gint64             max,
                    gint64            *value)
{
  gboolean ok;
  JsonNode *node;
  gint64 v;

  CHECK_GETTER_ARGS ();

  node = lookup (problems, object, path, member, flags, KIND_INTEGER, &ok);
  if (node == NULL)
    return ok;

  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, v);

      /* Translators: "must be between 0 and 100 (found 250)". */
      return member_problem (problems, path, member, _("must be between %s and %s (found %s)"),
                             min_text, max_text, found);
    }

  *value = v;
  return TRUE;
}

gboolean
loket_json_get_double (LoketJsonProblems *problems,
                       JsonObject        *object,
                       const char        *path,
                       const char        *member,
                       LoketJsonFlags     flags,
                       double            *value)
{
  gboolean ok;
  JsonNode *node;

  CHECK_GETTER_ARGS ();

  node = lookup (problems, object, path, member, flags, KIND_NUMBER, &ok);
  if (node == NULL)
    return ok;

  if (is_value_of (node, G_TYPE_INT64))
    *value = (double) json_node_get_int (node);
  else
    *value = json_node_get_double (node);
  return TRUE;
}

gboolean
loket_json_get_array (LoketJsonProblems  *problems,
                      JsonObject         *object,
                      const char         *path,
                      const char         *member,
                      LoketJsonFlags      flags,
                      JsonArray         **value)
{
  gboolean ok;
  JsonNode *node;

  CHECK_GETTER_ARGS ();

  node = lookup (problems, object, path, member, flags, KIND_ARRAY, &ok);
  if (node == NULL)
    return ok;
  if ((flags & LOKET_JSON_NON_EMPTY) && json_array_get_length (json_node_get_array (node)) == 0)
    return member_problem (problems, path, member, _("must not be empty"));

  *value = json_node_get_array (node);
  return TRUE;
}

gboolean
loket_json_get_object (LoketJsonProblems  *problems,
                       JsonObject         *object,
                       const char         *path,
                       const char         *member,
                       LoketJsonFlags      flags,
                       JsonObject        **value)
{
  gboolean ok;
  JsonNode *node;

  CHECK_GETTER_ARGS ();

  node = lookup (problems, object, path, member, flags, KIND_OBJECT, &ok);
  if (node == NULL)
    return ok;

  *value = json_node_get_object (node);
  return TRUE;
}

gboolean
loket_json_get_strv (LoketJsonProblems  *problems,
                     JsonObject         *object,
                     const char         *path,
                     const char         *member,
                     LoketJsonFlags      flags,
                     GStrv              *value)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *member_path = NULL;
  JsonArray *array = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (value != NULL, FALSE);

  if (!loket_json_get_array (problems, object, path, member, flags, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  member_path = loket_json_path_member (path, member);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = loket_json_path_index (member_path, i);

      if (!is_value_of (node, G_TYPE_STRING))
        {
          loket_json_problem (problems, item_path, _("expected %s, found %s"), _("a string"),
                              loket_json_node_kind (node));
          ok = FALSE;
        }
      else if (is_blank (json_node_get_string (node)))
        {
          loket_json_problem (problems, item_path, _("must not be empty"));
          ok = FALSE;
        }
      else
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  if (!ok)
    return FALSE;

  *value = g_strv_builder_end (builder);
  return TRUE;
}
