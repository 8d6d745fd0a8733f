/* sim-outputs.c — values an agency returns (a newborn's NIK, numbers), and code checks
 *
 * A NIK is PPKKCC DDMMYY SSSS: the region (province, regency, district) where it is
 * registered, the birth date with 40 added to the day for women, and a serial that keeps
 * the same region and date apart. The simulator assigns a newborn the region of the
 * mother's (or the applicant's) NIK, as the civil registry does for a child registered
 * in the family's district.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-agency-sim"

#include <string.h>

#include "sim.h"

/* Gambir, Central Jakarta: the region when the request names none. */
#define DEFAULT_REGION "317101"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static gboolean
all_digits (const char *text,
            gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static const char *
string_member (JsonObject *data,
               const char *member)
{
  JsonNode *node = json_object_get_member (data, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
region_source (JsonObject *data)
{
  static const char * const preferred[] = { "mother.nik", "applicant.nik", "father.nik" };
  g_autoptr(GList) members = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    {
      const char *nik = string_member (data, preferred[i]);

      if (sim_nik_is_valid (nik))
        return nik;
    }

  members = json_object_get_members (data);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const char *nik;

      if (!g_str_has_suffix (name, "nik") || g_str_has_prefix (name, "child."))
        continue;
      nik = string_member (data, name);
      if (sim_nik_is_valid (nik))
        return nik;
    }
  return NULL;
}

static gboolean
is_female (const char *value)
{
  static const char * const female[] = { "female", "f", "p", "perempuan", "woman", "girl", "2" };

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (female); i++)
    if (g_ascii_strcasecmp (value, female[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A valid NIK for the child the request describes; serial 1..9999. */
char *
sim_nik_for_child (JsonObject *data,
                   guint       serial)
{
  const char *source;
  const char *birth;
  const char *sex;
  int year = 0, month = 0, day = 0;
  char region[7];

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (serial >= 1 && serial <= 9999, NULL);

  source = region_source (data);
  memcpy (region, source != NULL ? source : DEFAULT_REGION, 6);
  region[6] = '\0';

  birth = string_member (data, "child.birth_date");
  if (birth == NULL || sscanf (birth, "%4d-%2d-%2d", &year, &month, &day) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      year = g_date_time_get_year (now);
      month = g_date_time_get_month (now);
      day = g_date_time_get_day_of_month (now);
    }

  sex = string_member (data, "child.sex");
  if (sex == NULL)
    sex = string_member (data, "child.gender");
  if (is_female (sex))
    day += 40;

  return g_strdup_printf ("%s%02d%02d%02d%04u", region, day, month, year % 100, serial);
}

gboolean
sim_nik_is_valid (const char *nik)
{
  int day, month, year;

  if (!all_digits (nik, 16))
    return FALSE;
  if (strncmp (nik, "00", 2) == 0 || strncmp (nik + 2, "00", 2) == 0
      || strncmp (nik + 4, "00", 2) == 0 || strcmp (nik + 12, "0000") == 0)
    return FALSE;

  day = (nik[6] - '0') * 10 + (nik[7] - '0');
  month = (nik[8] - '0') * 10 + (nik[9] - '0');
  year = (nik[10] - '0') * 10 + (nik[11] - '0');
  if (day > 40)
    day -= 40;
  /* The century is not in the NIK: a date valid in a leap century year is enough. */
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) (2000 + year));
}

/* The outputs service declares, made from the request's data. */
JsonObject *
sim_outputs_make (SimAgency        *agency,
                  const SimService *service,
                  JsonObject       *data)
{
  JsonObject *outputs;

  g_return_val_if_fail (agency != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (service->outputs == NULL || service->outputs[0] == NULL)
    return NULL;

  outputs = json_object_new ();
  for (guint i = 0; service->outputs[i] != NULL; i++)
    {
      const char *name = service->outputs[i];

      if (g_str_has_suffix (name, "nik"))
        {
          g_autofree char *nik = NULL;

          agency->next_nik_serial = agency->next_nik_serial % 9999 + 1;
          nik = sim_nik_for_child (data, agency->next_nik_serial);
          json_object_set_string_member (outputs, name, nik);
        }
      else if (g_str_equal (name, "kk") || g_str_has_suffix (name, "_kk"))
        {
          /* A family card number: the family's region, today's date, a serial. */
          g_autofree char *kk = NULL;
          const char *source = region_source (data);
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *today = g_date_time_format (now, "%d%m%y");

          agency->next_nik_serial = agency->next_nik_serial % 9999 + 1;
          kk = g_strdup_printf ("%.6s%s%04u", source != NULL ? source : DEFAULT_REGION, today,
                                agency->next_nik_serial);
          json_object_set_string_member (outputs, name, kk);
        }
      else if (g_str_equal (name, "npwp") || g_str_equal (name, "nib"))
        {
          /* 16 digits for a taxpayer number (docs/agency-protocol.md), 13 for a business number. */
          guint length = g_str_equal (name, "npwp") ? 16 : 13;
          GString *number = g_string_new (g_str_equal (name, "npwp") ? "0" : "9");

          while (number->len < length)
            g_string_append_c (number, (char) ('0' + g_random_int_range (0, 10)));
          json_object_set_string_member (outputs, name, number->str);
          g_string_free (number, TRUE);
        }
      else
        {
          g_autofree char *upper = g_ascii_strup (name, -1);
          g_autofree char *value = g_strdup_printf ("%s-%s-%08d", agency->prefix, upper,
                                                    g_random_int_range (1, 100000000));

          json_object_set_string_member (outputs, name, value);
        }
    }
  return outputs;
}

/* docs/agency-protocol.md, "The tracking code": 12 Crockford symbols and a check symbol. */
gboolean
sim_tracking_code_is_valid (const char *code)
{
  guint64 value = 0;
  const char *check;

  if (code == NULL || strlen (code) != 13)
    return FALSE;
  for (guint i = 0; i < 12; i++)
    {
      const char *p = code[i] != '\0' ? strchr (crockford, code[i]) : NULL;

      if (p == NULL)
        return FALSE;
      value = value * 32 + (guint64) (p - crockford);
    }
  if (value % 37 >= 32)
    return FALSE;
  check = strchr (crockford, code[12]);
  return code[12] != '\0' && check != NULL && (guint64) (check - crockford) == value % 37;
}
