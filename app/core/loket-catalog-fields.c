/* loket-catalog-fields.c — the field dictionary of the catalog: types, rules, choices, groups
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

static void
choice_free (LoketChoice *choice)
{
  g_free (choice->value);
  g_free (choice->label);
  g_free (choice);
}

/* --- fields --- */

/* "YYYY-MM-DD" or relative to today: a sign, a count and d, m or y. Gives an approximate
 * number of days from the epoch (absolute) or from today (relative), to compare bounds. */
static gboolean
parse_date_rule (const char *text,
                 gboolean   *relative,
                 double     *days)
{
  gsize n = strlen (text);

  if ((text[0] == '+' || text[0] == '-') && n >= 3 && n <= 6
      && strchr ("dmy", text[n - 1]) != NULL)
    {
      guint64 count;

      for (gsize i = 1; i < n - 1; i++)
        if (!g_ascii_isdigit (text[i]))
          return FALSE;
      count = g_ascii_strtoull (text + 1, NULL, 10);
      *relative = TRUE;
      *days = (double) count * (text[n - 1] == 'y' ? 365.25 : text[n - 1] == 'm' ? 30.44 : 1.0);
      if (text[0] == '-')
        *days = -*days;
      return TRUE;
    }

  if (n == 10 && text[4] == '-' && text[7] == '-')
    {
      guint y, m, d;
      GDate date;

      for (gsize i = 0; i < n; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
          return FALSE;
      y = (guint) g_ascii_strtoull (text, NULL, 10);
      m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
      d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
      if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        return FALSE;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      *relative = FALSE;
      *days = (double) g_date_get_julian (&date);
      return TRUE;
    }

  return FALSE;
}

static gboolean
load_choices (Loader            *loader,
              LoketJsonProblems *p,
              JsonObject        *object,
              const char        *path,
              LoketField        *field,
              const char        *comment_id)
{
  static const char * const known[] = { "value", "label", NULL };
  g_autofree char *choices_path = loket_json_path_member (path, "choices");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  JsonArray *array = NULL;
  gboolean ok = TRUE;

  if (!loket_json_get_array (p, object, path, "choices", LOKET_JSON_REQUIRED, &array))
    return FALSE;

  field->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = loket_json_path_index (choices_path, i);
      JsonObject *item = catalog_element_object (p, array, i, item_path);
      const char *value = NULL, *label = NULL;
      gboolean item_ok = TRUE;
      LoketChoice *choice;

      if (item == NULL)
        {
          ok = FALSE;
          continue;
        }
      item_ok &= loket_json_check_members (p, item, item_path, known);
      item_ok &= loket_json_get_string (p, item, item_path, "value",
                                        LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &value);
      item_ok &= loket_json_get_string (p, item, item_path, "label",
                                        LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &label);
      if (value != NULL && g_hash_table_contains (seen, value))
        {
          g_autofree char *value_path = loket_json_path_member (item_path, "value");

          /* Translators: the first %s is a choice's value, the second a JSON path. */
          loket_json_problem (p, value_path, _("choice value '%s' appears twice (first at %s)"),
                              value, (char *) g_hash_table_lookup (seen, value));
          item_ok = FALSE;
        }
      else if (value != NULL)
        g_hash_table_insert (seen, (gpointer) value, g_strdup (item_path));
      if (!item_ok)
        {
          ok = FALSE;
          continue;
        }

      choice = g_new0 (LoketChoice, 1);
      choice->value = g_strdup (value);
      choice->label = g_strdup (label);
      g_ptr_array_add (field->choices, choice);
      catalog_add_string (loader, p->file, item_path, "label", label,
                          g_strdup_printf ("Choice '%s' of field '%s'", value, comment_id));
    }

  if (json_array_get_length (array) < 2)
    {
      loket_json_problem (p, choices_path, _("a choice field needs at least 2 choices"));
      ok = FALSE;
    }

  return ok;
}

static gboolean
load_group_fields (Loader            *loader,
                   LoketJsonProblems *p,
                   JsonObject        *object,
                   const char        *path,
                   LoketField        *field)
{
  g_autofree char *fields_path = loket_json_path_member (path, "fields");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  JsonArray *array = NULL;
  gboolean ok = TRUE;

  if (!loket_json_get_array (p, object, path, "fields", LOKET_JSON_REQUIRED, &array))
    return FALSE;
  if (json_array_get_length (array) == 0)
    {
      loket_json_problem (p, fields_path, _("a group needs at least one sub-field"));
      return FALSE;
    }

  field->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_field_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = loket_json_path_index (fields_path, i);
      JsonObject *item = catalog_element_object (p, array, i, item_path);
      LoketField *sub;

      if (item == NULL)
        {
          ok = FALSE;
          continue;
        }
      sub = catalog_load_field (loader, p, item, item_path, field);
      if (sub == NULL)
        {
          ok = FALSE;
          continue;
        }
      if (g_hash_table_contains (seen, sub->id))
        {
          g_autofree char *id_path = loket_json_path_member (item_path, "id");

          /* Translators: the first %s is a sub-field's id, the second a JSON path. */
          loket_json_problem (p, id_path, _("duplicate id '%s' (first defined at %s)"),
                              sub->id, (char *) g_hash_table_lookup (seen, sub->id));
          catalog_field_free (sub);
          ok = FALSE;
          continue;
        }
      g_hash_table_insert (seen, sub->id, g_strdup_printf ("%s: %s", p->file, item_path));
      g_ptr_array_add (field->fields, sub);
    }

  return ok;
}

/* ---- The rules of each type (loket-field-type.c's table) ---- */

static gboolean
load_length_rules (LoketJsonProblems *p,
                   JsonObject        *object,
                   const char        *path,
                   LoketField        *field)
{
  gint64 min_length = 0, max_length = 0;
  gboolean ok = TRUE;

  ok &= loket_json_get_int (p, object, path, "min_length", 0, 0, 100000, &min_length);
  ok &= loket_json_get_int (p, object, path, "max_length", 0, 1, 100000, &max_length);
  if (ok && max_length > 0 && min_length > max_length)
    {
      /* Translators: both %d are numbers of characters. */
      loket_json_problem (p, path, _("min_length (%d) is greater than max_length (%d)"),
                          (int) min_length, (int) max_length);
      ok = FALSE;
    }
  field->min_length = (guint) min_length;
  field->max_length = (guint) max_length;

  return ok;
}

gboolean
catalog_load_name_rules (Loader            *loader,
                         LoketJsonProblems *p,
                         JsonObject        *object,
                         const char        *path,
                         LoketField        *field,
                         const LoketField  *group)
{
  return load_length_rules (p, object, path, field);
}

gboolean
catalog_load_text_rules (Loader            *loader,
                         LoketJsonProblems *p,
                         JsonObject        *object,
                         const char        *path,
                         LoketField        *field,
                         const LoketField  *group)
{
  gint64 digits = 0;
  gboolean ok = load_length_rules (p, object, path, field);

  ok &= loket_json_get_int (p, object, path, "digits", 0, 1, 64, &digits);
  if (digits > 0 && (json_object_has_member (object, "min_length")
                     || json_object_has_member (object, "max_length")))
    {
      g_autofree char *digits_path = loket_json_path_member (path, "digits");

      loket_json_problem (p, digits_path,
                          _("'digits' fixes the length: leave out min_length and max_length"));
      ok = FALSE;
    }
  field->digits = (guint) digits;

  return ok;
}

gboolean
catalog_load_date_rules (Loader            *loader,
                         LoketJsonProblems *p,
                         JsonObject        *object,
                         const char        *path,
                         LoketField        *field,
                         const LoketField  *group)
{
  const char *not_before = NULL, *not_after = NULL;
  gboolean relative[2] = { FALSE, FALSE };
  double days[2] = { 0, 0 };
  gboolean valid[2] = { FALSE, FALSE };
  gboolean ok = TRUE;

  ok &= loket_json_get_boolean (p, object, path, "not_future", 0, &field->not_future);
  ok &= loket_json_get_string (p, object, path, "not_before", 0, &not_before);
  ok &= loket_json_get_string (p, object, path, "not_after", 0, &not_after);

  for (guint b = 0; b < 2; b++)
    {
      const char *member = b == 0 ? "not_before" : "not_after";
      const char *bound = b == 0 ? not_before : not_after;

      if (bound == NULL)
        continue;
      valid[b] = parse_date_rule (bound, &relative[b], &days[b]);
      if (!valid[b])
        {
          g_autofree char *rule_path = loket_json_path_member (path, member);

          /* Translators: %s is a date rule as written in the catalog. */
          loket_json_problem (p, rule_path,
                              _("'%s' is neither a date (YYYY-MM-DD) nor relative to today (-18y, -6m, +30d)"),
                              bound);
          ok = FALSE;
        }
    }
  if (valid[0] && valid[1] && relative[0] == relative[1] && days[0] > days[1])
    {
      /* Translators: both %s are date rules as written in the catalog. */
      loket_json_problem (p, path, _("not_before (%s) is later than not_after (%s)"),
                          not_before, not_after);
      ok = FALSE;
    }
  field->not_before = g_strdup (not_before);
  field->not_after = g_strdup (not_after);

  return ok;
}

gboolean
catalog_load_number_rules (Loader            *loader,
                           LoketJsonProblems *p,
                           JsonObject        *object,
                           const char        *path,
                           LoketField        *field,
                         const LoketField  *group)
{
  gboolean ok = TRUE;

  field->has_min = json_object_has_member (object, "min");
  field->has_max = json_object_has_member (object, "max");
  ok &= loket_json_get_double (p, object, path, "min", 0, &field->min);
  ok &= loket_json_get_double (p, object, path, "max", 0, &field->max);
  ok &= loket_json_get_boolean (p, object, path, "integer", 0, &field->integer);
  if (ok && field->has_min && field->has_max && field->min > field->max)
    {
      /* Translators: both %g are numbers. */
      loket_json_problem (p, path, _("min (%g) is greater than max (%g)"), field->min,
                          field->max);
      ok = FALSE;
    }

  return ok;
}

gboolean
catalog_load_group_rules (Loader            *loader,
                          LoketJsonProblems *p,
                          JsonObject        *object,
                          const char        *path,
                          LoketField        *field,
                         const LoketField  *group)
{
  gint64 min = 0, max = 0;
  gboolean ok = TRUE;

  field->has_min = json_object_has_member (object, "min");
  field->has_max = json_object_has_member (object, "max");
  ok &= loket_json_get_int (p, object, path, "min", 0, 0, 1000, &min);
  ok &= loket_json_get_int (p, object, path, "max", 0, 1, 1000, &max);
  if (ok && field->has_min && field->has_max && min > max)
    {
      /* Translators: both %d are numbers of entries of a group. */
      loket_json_problem (p, path, _("min (%d) is greater than max (%d)"), (int) min,
                          (int) max);
      ok = FALSE;
    }
  field->min = (double) min;
  field->max = (double) max;

  return load_group_fields (loader, p, object, path, field) && ok;
}

gboolean
catalog_load_choice_rules (Loader            *loader,
                           LoketJsonProblems *p,
                           JsonObject        *object,
                           const char        *path,
                           LoketField        *field,
                         const LoketField  *group)
{
  g_autofree char *comment_id = group != NULL ? g_strdup_printf ("%s' > '%s", group->id, field->id)
                                              : g_strdup (field->id);

  return load_choices (loader, p, object, path, field, comment_id);
}

/* ---- A field ---- */

/* The members a field's object may have: its own, and every type's rules. */
static const char * const *
known_members (gboolean sub_field)
{
  static const char **known[2];

  if (g_once_init_enter (&known[sub_field]))
    {
      static const char * const own[] = { "id", "type", "label", "help" };
      GPtrArray *members = g_ptr_array_new ();

      for (guint i = 0; i < G_N_ELEMENTS (own); i++)
        g_ptr_array_add (members, (gpointer) own[i]);
      for (guint i = 0; loket_field_rule_members[i] != NULL; i++)
        g_ptr_array_add (members, (gpointer) loket_field_rule_members[i]);
      if (sub_field)
        g_ptr_array_add (members, (gpointer) "optional");
      g_ptr_array_add (members, NULL);
      g_once_init_leave (&known[sub_field], (const char **) g_ptr_array_free (members, FALSE));
    }

  return known[sub_field];
}

/* Each rule the catalog sets on a type it does not belong to is a problem of its own. */
static gboolean
check_rule_members (LoketJsonProblems        *p,
                    JsonObject               *object,
                    const char               *path,
                    const LoketFieldTypeInfo *info)
{
  gboolean ok = TRUE;

  for (guint i = 0; loket_field_rule_members[i] != NULL; i++)
    if (json_object_has_member (object, loket_field_rule_members[i])
        && (info->rules & (1u << i)) == 0)
      {
        g_autofree char *rule_path = loket_json_path_member (path, loket_field_rule_members[i]);

        /* Translators: the first %s is a rule such as "max_length", the second a field type
         * such as "date"; both are written as in the catalog. */
        loket_json_problem (p, rule_path, _("'%s' does not apply to a field of type '%s'"),
                            loket_field_rule_members[i], info->spelling);
        ok = FALSE;
      }

  return ok;
}

/* A field of the dictionary, or (group != NULL) a sub-field of a group. NULL when broken. */
/* Over 80 lines: reads a field's members in the catalog's order, each with its own check and
 * message. */
LoketField *
catalog_load_field (Loader            *loader,
                    LoketJsonProblems *p,
                    JsonObject        *object,
                    const char        *path,
                    const LoketField  *group)
{
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_field_free);
  const char *id = NULL, *type = NULL, *label = NULL, *help = NULL;
  const LoketFieldTypeInfo *info;
  gboolean ok = TRUE;
  LoketField *field;

  ok &= loket_json_check_members (p, object, path, known_members (group != NULL));
  ok &= loket_json_get_string (p, object, path, "id", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &id);
  ok &= loket_json_get_string (p, object, path, "type", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &type);
  ok &= loket_json_get_string (p, object, path, "label",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &label);
  ok &= loket_json_get_string (p, object, path, "help", LOKET_JSON_NON_EMPTY, &help);
  if (id == NULL)
    return NULL;

  if (group != NULL && strchr (id, '.') != NULL)
    {
      g_autofree char *id_path = loket_json_path_member (path, "id");

      /* Translators: %s is a field id such as "move.members". */
      loket_json_problem (p, id_path,
                          _("a sub-field's id may not contain '.' (it is already inside group '%s')"),
                          group->id);
      return NULL;
    }
  if (!catalog_check_id (p, path, id, group == NULL))
    return NULL;
  if (group == NULL && !catalog_claim_id (loader, p, "field", path, id))
    return NULL;

  field = g_new0 (LoketField, 1);
  g_ptr_array_add (owner, field);
  field->id = g_strdup (id);
  field->type = loket_field_type_from_string (type);
  field->label = g_strdup (label);
  field->help = g_strdup (help);
  field->section = group != NULL ? g_strdup (group->section) : g_strndup (id, strcspn (id, "."));

  if (type != NULL && field->type == LOKET_FIELD_TYPE_INVALID)
    {
      g_autofree char *type_path = loket_json_path_member (path, "type");

      /* Translators: the first %s is a field type as written in the catalog; the second the
       * list of the spellings Loket knows, which are not translated. */
      loket_json_problem (p, type_path, _("unknown type '%s' (one of %s)"), type,
                          loket_field_type_spellings ());
      ok = FALSE;
      goto done;
    }
  if (type == NULL)
    {
      ok = FALSE;
      goto done;
    }

  if (group != NULL && field->type == LOKET_FIELD_TYPE_GROUP)
    {
      g_autofree char *type_path = loket_json_path_member (path, "type");

      loket_json_problem (p, type_path, _("a group may not contain another group"));
      ok = FALSE;
      goto done;
    }

  info = loket_field_type_get_info (field->type);
  ok &= check_rule_members (p, object, path, info);
  if (info->load_rules != NULL)
    ok &= info->load_rules (loader, p, object, path, field, group);

  if (group != NULL)
    ok &= loket_json_get_boolean (p, object, path, "optional", 0, &field->optional);

  /* A field with problems stays in the dictionary, so services that name it are not told
   * it is unknown: the catalog is refused anyway. */
done:
  if (ok && group != NULL)
    {
      catalog_add_string (loader, p->file, path, "label", label,
                          g_strdup_printf ("Label of sub-field '%s' of group '%s'", id, group->id));
      catalog_add_string (loader, p->file, path, "help", help,
                          g_strdup_printf ("Help text of sub-field '%s' of group '%s'", id, group->id));
    }
  else if (ok)
    {
      catalog_add_string (loader, p->file, path, "label", label,
                          g_strdup_printf ("Label of field '%s'", id));
      catalog_add_string (loader, p->file, path, "help", help,
                          g_strdup_printf ("Help text of field '%s'", id));
    }

  return g_ptr_array_steal_index (owner, 0);
}

