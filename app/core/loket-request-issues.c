/* loket-request-issues.c — what is wrong with the answers: errors, and warnings to confirm
 *
 * Errors come from the validators (loket-validate.h) and from the counts of groups.
 * Warnings are cross-field checks where a mismatch is most likely a typo, but may be right:
 * a NIK whose encoded birth date or sex differs from what was entered for the same person
 * (the naming convention is in loket-request.h), and one NIK entered for two people. A
 * warning stops blocking once confirmed, until one of the values it compared changes: the
 * confirmation is bound to a fingerprint (a hash) of those values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-request"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "loket-i18n.h"
#include "loket-request-private.h"
#include "loket-validate.h"

void
loket_issue_free (LoketIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->field_id);
  g_free (issue->sub_field_id);
  g_free (issue->code);
  g_free (issue->message);
  g_free (issue->warning_id);
  g_free (issue);
}

typedef struct {
  LoketRequest *self;
  GPtrArray    *issues;        /* of LoketIssue* */
  GPtrArray    *fingerprints;  /* parallel: char* or NULL */
  GDate         today;
} Check;

static LoketIssue *
add_issue (Check              *check,
           const char         *field_id,
           int                 entry_index,
           const char         *sub_field_id,
           LoketIssueSeverity  severity,
           const char         *code,
           const char         *message)
{
  LoketIssue *issue = g_new0 (LoketIssue, 1);

  issue->field_id = g_strdup (field_id);
  issue->entry_index = entry_index;
  issue->sub_field_id = g_strdup (sub_field_id);
  issue->severity = severity;
  issue->code = g_strdup (code);
  issue->message = g_strdup (message);
  g_ptr_array_add (check->issues, issue);
  g_ptr_array_add (check->fingerprints, NULL);

  return issue;
}

static void
add_warning (Check      *check,
             const char *field_id,
             int         entry_index,
             const char *sub_field_id,
             const char *code,
             const char *warning_id,
             const char *message,
             const char *compared)
{
  LoketIssue *issue = add_issue (check, field_id, entry_index, sub_field_id,
                                 LOKET_ISSUE_WARNING, code, message);
  char *fingerprint = g_compute_checksum_for_string (G_CHECKSUM_SHA256, compared, -1);
  const char *confirmed = g_hash_table_lookup (check->self->confirmed, warning_id);

  issue->warning_id = g_strdup (warning_id);
  issue->confirmed = g_strcmp0 (confirmed, fingerprint) == 0;
  g_free (g_ptr_array_index (check->fingerprints, check->fingerprints->len - 1));
  check->fingerprints->pdata[check->fingerprints->len - 1] = fingerprint;
}

static const char *
error_code (const GError *error)
{
  if (error->domain == LOKET_VALIDATION_ERROR)
    switch ((LoketValidationError) error->code)
      {
      case LOKET_VALIDATION_ERROR_REQUIRED:
        return "required";
      case LOKET_VALIDATION_ERROR_FORMAT:
        return "format";
      case LOKET_VALIDATION_ERROR_CHECK:
        return "check";
      case LOKET_VALIDATION_ERROR_RANGE:
        return "range";
      default:
        break;
      }

  return "format";
}

/* The validators' own word for an empty required field, so screens and `loketctl submit`
 * say the same thing. */
static void
add_required (Check            *check,
              const LoketField *field,
              const char       *field_id,
              int               entry_index,
              const char       *sub_field_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) wire = NULL;

  if (field->type != LOKET_FIELD_TYPE_GROUP)
    wire = loket_field_normalize_text (field, "", &check->today, &error);

  if (error != NULL && g_error_matches (error, LOKET_VALIDATION_ERROR,
                                        LOKET_VALIDATION_ERROR_REQUIRED))
    add_issue (check, field_id, entry_index, sub_field_id, LOKET_ISSUE_ERROR, "required",
               error->message);
  else
    add_issue (check, field_id, entry_index, sub_field_id, LOKET_ISSUE_ERROR, "required",
               /* Translators: shown under a field the citizen left empty but must fill in. */
               _("Please fill this in."));
}

static void
check_value (Check            *check,
             const LoketField *field,
             const Answer     *answer,
             gboolean          required,
             const char       *field_id,
             int               entry_index,
             const char       *sub_field_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) wire = NULL;
  const char *text = answer != NULL ? answer->text : NULL;
  gboolean empty = TRUE;

  /* A blank text is no answer at all (what answer_is_empty() says, without the Answer API). */
  if (answer != NULL && answer->input != NULL
      && json_node_get_value_type (answer->input) != G_TYPE_STRING)
    empty = FALSE;
  for (; empty && text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    empty = g_unichar_isspace (g_utf8_get_char (text));

  if (empty)
    {
      if (required)
        add_required (check, field, field_id, entry_index, sub_field_id);
      return;
    }

  wire = loket_request_normalize (check->self, field, answer, &error);
  if (wire == NULL)
    add_issue (check, field_id, entry_index, sub_field_id, LOKET_ISSUE_ERROR,
               error_code (error), error->message);
}

static void
check_group (Check            *check,
             const LoketField *field,
             const Answer     *answer,
             gboolean          required)
{
  guint n = answer != NULL && answer->entries != NULL ? answer->entries->len : 0;
  guint min = field->has_min ? (guint) field->min : 0;

  if (required && min < 1)
    min = 1;

  if (n == 0 && required)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: a list of people or things the citizen
                                       * must fill in has too few entries. */
                                      "Add at least %u entry.", "Add at least %u entries.",
                                      min), min);
      add_issue (check, field->id, -1, NULL, LOKET_ISSUE_ERROR, "required", message);
    }
  else if (n > 0 && n < min)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Add at least %u entry.", "Add at least %u entries.",
                                      min), min);
      add_issue (check, field->id, -1, NULL, LOKET_ISSUE_ERROR, "too-few", message);
    }
  else if (field->has_max && n > (guint) field->max)
    {
      guint max = (guint) field->max;
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: a list has more entries than allowed. */
                                      "Remove entries: at most %u is allowed.",
                                      "Remove entries: at most %u are allowed.",
                                      max), max);
      add_issue (check, field->id, -1, NULL, LOKET_ISSUE_ERROR, "too-many", message);
    }

  for (guint i = 0; i < n; i++)
    {
      GHashTable *entry = g_ptr_array_index (answer->entries, i);

      for (guint k = 0; field->fields != NULL && k < field->fields->len; k++)
        {
          const LoketField *sub = g_ptr_array_index (field->fields, k);

          check_value (check, sub, g_hash_table_lookup (entry, sub->id), !sub->optional,
                       field->id, (int) i, sub->id);
        }
    }
}

/* ---- warnings ------------------------------------------------------------------------ */

/* One person's NIK, birth date and sex, wherever they were entered. */
typedef struct {
  const char       *field_id;      /* the NIK's field, or the group */
  int               entry_index;   /* in the group, or -1 */
  const char       *sub_field_id;  /* "nik" in a group, else NULL */
  char             *person;        /* "mother", "family.members[1]" */
  char             *place;         /* "mother.nik", "family.members[1].nik" */
  char             *label;         /* what the citizen sees, for the same-NIK message */
  char             *nik;
  char             *birth_date;    /* wire value or NULL */
  char             *sex;           /* wire value or NULL */
} Person;

static void
person_free (Person *person)
{
  g_free (person->person);
  g_free (person->place);
  g_free (person->label);
  g_free (person->nik);
  g_free (person->birth_date);
  g_free (person->sex);
  g_free (person);
}

static char *
valid_string (Check            *check,
              const LoketField *field,
              const Answer     *answer,
              LoketFieldType    type)
{
  g_autoptr(JsonNode) wire = NULL;

  if (field == NULL || field->type != type || answer == NULL)
    return NULL;

  wire = loket_request_normalize (check->self, field, answer, NULL);
  if (wire == NULL || json_node_get_value_type (wire) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (wire));
}

static void
collect_scalar_people (Check     *check,
                       GPtrArray *people)
{
  LoketRequest *self = check->self;
  GPtrArray *fields = loket_catalog_get_fields (self->catalog);

  for (guint i = 0; i < fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (fields, i);
      Person *person;
      char *nik;

      if (field->type != LOKET_FIELD_TYPE_NIK
          || loket_request_get_field_state (self, field->id) != LOKET_FIELD_STATE_ASKED)
        continue;

      nik = valid_string (check, field, g_hash_table_lookup (self->answers, field->id),
                          LOKET_FIELD_TYPE_NIK);
      if (nik == NULL)
        continue;

      person = g_new0 (Person, 1);
      person->field_id = field->id;
      person->entry_index = -1;
      person->place = g_strdup (field->id);
      person->label = g_strdup (C_CATALOG (field->label));
      person->nik = nik;
      g_ptr_array_add (people, person);

      if (g_str_has_suffix (field->id, ".nik"))
        {
          g_autofree char *birth_id = NULL;
          g_autofree char *sex_id = NULL;

          person->person = g_strndup (field->id, strlen (field->id) - strlen (".nik"));
          birth_id = g_strconcat (person->person, ".birth_date", NULL);
          sex_id = g_strconcat (person->person, ".sex", NULL);

          if (loket_request_get_field_state (self, birth_id) == LOKET_FIELD_STATE_ASKED)
            person->birth_date = valid_string (check,
                                               loket_catalog_get_field (self->catalog, birth_id),
                                               g_hash_table_lookup (self->answers, birth_id),
                                               LOKET_FIELD_TYPE_DATE);
          if (loket_request_get_field_state (self, sex_id) == LOKET_FIELD_STATE_ASKED)
            person->sex = valid_string (check, loket_catalog_get_field (self->catalog, sex_id),
                                        g_hash_table_lookup (self->answers, sex_id),
                                        LOKET_FIELD_TYPE_CHOICE);
        }
    }
}

static const LoketField *
find_sub (const LoketField *group,
          const char       *id)
{
  for (guint k = 0; group->fields != NULL && k < group->fields->len; k++)
    {
      const LoketField *sub = g_ptr_array_index (group->fields, k);

      if (g_str_equal (sub->id, id))
        return sub;
    }

  return NULL;
}

static void
collect_group_people (Check     *check,
                      GPtrArray *people)
{
  LoketRequest *self = check->self;
  GPtrArray *fields = loket_catalog_get_fields (self->catalog);

  for (guint i = 0; i < fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (fields, i);
      Answer *answer = g_hash_table_lookup (self->answers, field->id);

      if (field->type != LOKET_FIELD_TYPE_GROUP || answer == NULL || answer->entries == NULL
          || loket_request_get_field_state (self, field->id) != LOKET_FIELD_STATE_ASKED)
        continue;

      for (guint e = 0; e < answer->entries->len; e++)
        {
          GHashTable *entry = g_ptr_array_index (answer->entries, e);

          for (guint k = 0; field->fields != NULL && k < field->fields->len; k++)
            {
              const LoketField *sub = g_ptr_array_index (field->fields, k);
              Person *person;
              char *nik;

              if (sub->type != LOKET_FIELD_TYPE_NIK)
                continue;
              nik = valid_string (check, sub, g_hash_table_lookup (entry, sub->id),
                                  LOKET_FIELD_TYPE_NIK);
              if (nik == NULL)
                continue;

              person = g_new0 (Person, 1);
              person->field_id = field->id;
              person->entry_index = (int) e;
              person->sub_field_id = sub->id;
              person->place = g_strdup_printf ("%s[%u].%s", field->id, e, sub->id);
              person->label = g_strdup_printf (
                                /* Translators: names one entry of a list for a message, e.g.
                                 * "NIK (Family members who move, entry 2)". */
                                _("%s (%s, entry %u)"), C_CATALOG (sub->label),
                                C_CATALOG (field->label), e + 1);
              person->nik = nik;
              g_ptr_array_add (people, person);

              /* The convention holds inside an entry: one entry is one person. */
              if (g_str_equal (sub->id, "nik"))
                {
                  person->person = g_strdup_printf ("%s[%u]", field->id, e);
                  person->birth_date = valid_string (check, find_sub (field, "birth_date"),
                                                     g_hash_table_lookup (entry, "birth_date"),
                                                     LOKET_FIELD_TYPE_DATE);
                  person->sex = valid_string (check, find_sub (field, "sex"),
                                              g_hash_table_lookup (entry, "sex"),
                                              LOKET_FIELD_TYPE_CHOICE);
                }
            }
        }
    }
}

static void
check_person (Check        *check,
              const Person *person)
{
  LoketNikInfo info;
  guint year, month, day;

  if (person->person == NULL || !loket_nik_decode (person->nik, &check->today, &info))
    return;

  /* The NIK holds the year's last two digits only: compare those. */
  if (person->birth_date != NULL
      && sscanf (person->birth_date, "%4u-%2u-%2u", &year, &month, &day) == 3
      && g_date_valid (&info.birth_date)
      && (g_date_get_day (&info.birth_date) != day
          || (guint) g_date_get_month (&info.birth_date) != month
          || g_date_get_year (&info.birth_date) % 100 != year % 100))
    {
      g_autofree char *id = g_strconcat ("nik-birth-date:", person->person, NULL);
      g_autofree char *compared = g_strjoin ("\x1f", "nik-birth-date", person->nik,
                                             person->birth_date, NULL);

      add_warning (check, person->field_id, person->entry_index, person->sub_field_id,
                   "nik-birth-date", id,
                   /* Translators: a NIK encodes its holder's date of birth; this warning says
                    * the two differ, which is usually a typo in one of them. */
                   _("The date of birth in this NIK differs from the date of birth entered. "
                     "Check both; if both are right, confirm."),
                   compared);
    }

  if (person->sex != NULL
      && (g_str_equal (person->sex, "male") || g_str_equal (person->sex, "female"))
      && info.female != g_str_equal (person->sex, "female"))
    {
      g_autofree char *id = g_strconcat ("nik-sex:", person->person, NULL);
      g_autofree char *compared = g_strjoin ("\x1f", "nik-sex", person->nik, person->sex, NULL);

      add_warning (check, person->field_id, person->entry_index, person->sub_field_id,
                   "nik-sex", id,
                   /* Translators: a NIK encodes whether its holder is a woman; this warning
                    * says it differs from the sex chosen. */
                   _("This NIK does not match the sex chosen. Check both; if both are right, "
                     "confirm."),
                   compared);
    }
}

static void
check_people (Check *check)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);

  collect_scalar_people (check, people);
  collect_group_people (check, people);

  for (guint i = 0; i < people->len; i++)
    check_person (check, g_ptr_array_index (people, i));

  for (guint i = 0; i < people->len; i++)
    {
      const Person *later = g_ptr_array_index (people, i);

      for (guint j = 0; j < i; j++)
        {
          const Person *earlier = g_ptr_array_index (people, j);
          g_autofree char *id = NULL;
          g_autofree char *compared = NULL;
          g_autofree char *message = NULL;

          if (!g_str_equal (earlier->nik, later->nik))
            continue;

          id = g_strconcat ("same-nik:", later->place, NULL);
          compared = g_strjoin ("\x1f", "same-nik", earlier->place, later->nik, NULL);
          message = g_strdup_printf (
                      /* Translators: %s is where the same NIK was entered before, e.g.
                       * "Mother's NIK". Each person has their own NIK, so this is usually a
                       * mistake, but an applicant may also be the mother. */
                      _("This NIK was already entered for “%s”. Check it; if it is right, "
                        "confirm."), earlier->label);
          add_warning (check, later->field_id, later->entry_index, later->sub_field_id,
                       "same-nik", id, message, compared);
          break;
        }
    }
}

GPtrArray *
loket_request_compute_issues (LoketRequest  *self,
                              GPtrArray    **fingerprints)
{
  GPtrArray *fields = loket_catalog_get_fields (self->catalog);
  Check check = { self, NULL, NULL, { 0, } };

  check.issues = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_issue_free);
  check.fingerprints = g_ptr_array_new_with_free_func (g_free);
  loket_request_get_today (self, &check.today);

  for (guint i = 0; i < fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (fields, i);
      Answer *answer = g_hash_table_lookup (self->answers, field->id);
      gboolean required;

      if (loket_request_get_field_state (self, field->id) != LOKET_FIELD_STATE_ASKED)
        continue;

      required = loket_request_is_required (self, field->id);
      if (field->type == LOKET_FIELD_TYPE_GROUP)
        check_group (&check, field, answer, required);
      else
        check_value (&check, field, answer, required, field->id, -1, NULL);
    }

  check_people (&check);

  if (fingerprints != NULL)
    *fingerprints = check.fingerprints;
  else
    g_ptr_array_unref (check.fingerprints);

  return check.issues;
}

static gboolean
issue_in_section (LoketRequest     *self,
                  const LoketIssue *issue,
                  const char       *section_id)
{
  const LoketField *field;

  if (section_id == NULL)
    return TRUE;

  field = loket_catalog_get_field (self->catalog, issue->field_id);
  return field != NULL && g_strcmp0 (field->section, section_id) == 0;
}

GPtrArray *
loket_request_get_issues (LoketRequest *self,
                          const char   *section_id)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *issues;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), NULL);

  all = loket_request_compute_issues (self, NULL);
  if (section_id == NULL)
    return g_steal_pointer (&all);

  issues = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_issue_free);
  for (guint i = 0; i < all->len; i++)
    if (issue_in_section (self, g_ptr_array_index (all, i), section_id))
      g_ptr_array_add (issues, g_ptr_array_steal_index (all, i--));

  return issues;
}

gboolean
loket_request_confirm_warning (LoketRequest *self,
                               const char   *warning_id)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) fingerprints = NULL;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (warning_id != NULL, FALSE);

  issues = loket_request_compute_issues (self, &fingerprints);
  for (guint i = 0; i < issues->len; i++)
    {
      const LoketIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->warning_id, warning_id) != 0)
        continue;

      g_hash_table_insert (self->confirmed, g_strdup (warning_id),
                           g_strdup (g_ptr_array_index (fingerprints, i)));
      loket_request_changed (self, FALSE);
      return TRUE;
    }

  return FALSE;
}

static gboolean
blocks (const LoketIssue *issue)
{
  return issue->severity == LOKET_ISSUE_ERROR || !issue->confirmed;
}

gboolean
loket_request_section_is_complete (LoketRequest *self,
                                   const char   *section_id)
{
  g_autoptr(GPtrArray) issues = NULL;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);
  g_return_val_if_fail (section_id != NULL, FALSE);

  issues = loket_request_get_issues (self, section_id);
  for (guint i = 0; i < issues->len; i++)
    if (blocks (g_ptr_array_index (issues, i)))
      return FALSE;

  return TRUE;
}

gboolean
loket_request_is_complete (LoketRequest *self)
{
  g_autoptr(GPtrArray) issues = NULL;

  g_return_val_if_fail (LOKET_IS_REQUEST (self), FALSE);

  if (g_hash_table_size (self->chosen) == 0)
    return FALSE;

  issues = loket_request_compute_issues (self, NULL);
  for (guint i = 0; i < issues->len; i++)
    if (blocks (g_ptr_array_index (issues, i)))
      return FALSE;

  return TRUE;
}
