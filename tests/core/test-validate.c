/* test-validate.c — validators and wire values of every scalar field type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "core/loket-i18n.h"
#include "core/loket-validate.h"

/* Rules are checked against a fixed day: Saturday 28 November 2026. */
static GDate today;

typedef char *(*Validator) (const char *input, GError **error);

typedef struct {
  const char *input;
  const char *output;   /* NULL: rejected with code */
  int code;
} Case;

static void
run_cases (const char *what,
           Validator   validate,
           const Case *cases,
           guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *output = validate (cases[i].input, &error);

      if (cases[i].output != NULL)
        {
          if (error != NULL)
            g_error ("%s '%s': %s", what, cases[i].input, error->message);
          g_assert_cmpstr (output, ==, cases[i].output);
        }
      else
        {
          if (output != NULL)
            g_error ("%s '%s' was accepted as '%s'", what, cases[i].input, output);
          g_assert_error (error, LOKET_VALIDATION_ERROR, cases[i].code);
        }
    }
}

static void
assert_message (Validator   validate,
                const char *input,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = validate (input, &error);

  g_assert_null (output);
  g_assert_error (error, LOKET_VALIDATION_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

#define FORMAT LOKET_VALIDATION_ERROR_FORMAT
#define CHECK LOKET_VALIDATION_ERROR_CHECK
#define REQUIRED LOKET_VALIDATION_ERROR_REQUIRED
#define RANGE LOKET_VALIDATION_ERROR_RANGE

static void
test_nik (void)
{
  static const Case cases[] = {
    { "3273011508900001", "3273011508900001" },
    { "3273 0115 0890 0001", "3273011508900001" },
    { "32.73.01-150890-0001", "3273011508900001" },
    { "3273015508900002", "3273015508900002" },   /* a woman: day + 40 */
    { "3273012902000001", "3273012902000001" },   /* 29 February 2000 */
    { "3273016902960001", "3273016902960001" },   /* a woman born 29 February 1996 */
    { "1101014101010001", "1101014101010001" },   /* Aceh, 1 January, a woman */
    { "9671017112999999", "9671017112999999" },   /* Papua Barat Daya, 31 December */
    { "", NULL, REQUIRED },
    { "   ", NULL, REQUIRED },
    { "327301150890000", NULL, FORMAT },
    { "32730115089000011", NULL, FORMAT },
    { "32730115089O0001", NULL, FORMAT },
    { "3273/0115/0890/0001", NULL, FORMAT },
    { "2073011508900001", NULL, CHECK },          /* province 20 does not exist */
    { "0073011508900001", NULL, CHECK },
    { "9873011508900001", NULL, CHECK },
    { "3200011508900001", NULL, CHECK },          /* regency 00 */
    { "3273013102900001", NULL, CHECK },          /* 31 February */
    { "3273017102900001", NULL, CHECK },          /* 31 February, a woman */
    { "3273012902010001", NULL, CHECK },          /* 29 February 2001 */
    { "3273010008900001", NULL, CHECK },          /* day 0 */
    { "3273014008900001", NULL, CHECK },          /* day 40: neither 1-31 nor 41-71 */
    { "3273017208900001", NULL, CHECK },          /* day 72 */
    { "3273011513900001", NULL, CHECK },          /* month 13 */
    { "3273011500900001", NULL, CHECK },          /* month 0 */
    { "3273011508900000", NULL, CHECK },          /* serial 0000 */
  };

  run_cases ("NIK", loket_validate_nik, cases, G_N_ELEMENTS (cases));

  assert_message (loket_validate_nik, "327301150890000", FORMAT,
                  "A NIK has 16 digits; you typed 15.");
  assert_message (loket_validate_nik, "3273013102900001", CHECK,
                  "This NIK's date of birth (digits 7 to 12) is not a real date. "
                  "Please check the number on your KTP.");
  assert_message (loket_validate_nik, "2073011508900001", CHECK,
                  "This NIK does not start with a real province code (digits 1 and 2). "
                  "Please check the number on your KTP.");
  assert_message (loket_validate_nik, "", REQUIRED, "Please fill this in.");
}

static void
test_nik_decode (void)
{
  LoketNikInfo info;

  g_assert_true (loket_nik_decode ("3273015508900002", &today, &info));
  g_assert_cmpstr (info.province, ==, "32");
  g_assert_cmpstr (info.region, ==, "327301");
  g_assert_true (info.female);
  g_assert_cmpuint (info.serial, ==, 2);
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 1990);
  g_assert_cmpuint (g_date_get_month (&info.birth_date), ==, 8);
  g_assert_cmpuint (g_date_get_day (&info.birth_date), ==, 15);

  g_assert_true (loket_nik_decode ("3273011508900001", &today, &info));
  g_assert_false (info.female);
  g_assert_cmpuint (info.serial, ==, 1);

  /* The century: the latest in which the date is not after today. */
  g_assert_true (loket_nik_decode ("3273012811269999", &today, &info));
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 2026);
  g_assert_cmpuint (info.serial, ==, 9999);
  g_assert_true (loket_nik_decode ("3273012911260001", &today, &info));
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 1926);
  g_assert_true (loket_nik_decode ("3273010101300001", &today, &info));
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 1930);
  g_assert_true (loket_nik_decode ("3273012902000001", &today, &info));
  g_assert_cmpuint (g_date_get_year (&info.birth_date), ==, 2000);

  g_assert_false (loket_nik_decode ("3273013102900001", &today, &info));
  g_assert_false (g_date_valid (&info.birth_date));
  g_assert_false (loket_nik_decode ("3273 0115 0890 0001", &today, &info));
  g_assert_false (loket_nik_decode ("2073011508900001", &today, &info));
  g_assert_false (loket_nik_decode ("3273011508900000", &today, &info));
}

static void
test_province_codes (void)
{
  const char *valid[] = { "11", "19", "21", "31", "36", "51", "53", "61", "65", "71", "76",
                          "81", "82", "91", "92", "93", "94", "95", "96", "97" };
  const char *invalid[] = { "00", "10", "20", "22", "30", "37", "50", "54", "60", "66", "70",
                            "77", "80", "83", "90", "98", "99", "1", "111", "1a", "" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (loket_province_code_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (loket_province_code_is_valid (invalid[i]));
}

static void
test_kk (void)
{
  static const Case cases[] = {
    { "3273012008150003", "3273012008150003" },
    { "3273 0120 0815 0003", "3273012008150003" },
    { "1101010101700001", "1101010101700001" },
    { "", NULL, REQUIRED },
    { "327301200815000", NULL, FORMAT },
    { "3273O12008150003", NULL, FORMAT },
    { "9973012008150003", NULL, CHECK },    /* no such province */
    { "3200012008150003", NULL, CHECK },    /* regency 00 */
    { "3273016008150003", NULL, CHECK },    /* day 60: a KK's date has no 40 added */
    { "3273013102150003", NULL, CHECK },    /* 31 February */
    { "3273012008150000", NULL, CHECK },    /* serial 0000 */
  };

  run_cases ("KK", loket_validate_kk, cases, G_N_ELEMENTS (cases));
  assert_message (loket_validate_kk, "327301200815000", FORMAT,
                  "A KK number has 16 digits; you typed 15.");
}

static void
test_npwp (void)
{
  static const Case cases[] = {
    { "01.234.567.8-901.000", "0012345678901000" },
    { "012345678901000", "0012345678901000" },
    { "0012345678901000", "0012345678901000" },
    { "3273011508900001", "3273011508900001" },   /* a NIK is an NPWP since 2024 */
    { "3273 0115 0890 0001", "3273011508900001" },
    { "", NULL, REQUIRED },
    { "01.234.567.8-901.00", NULL, FORMAT },
    { "01.234.567.8-901.000.00", NULL, FORMAT },
    { "01.234.567.8/901.000", NULL, FORMAT },
    { "000000000000000", NULL, CHECK },
    { "2073011508900001", NULL, CHECK },          /* 16 digits, neither a NIK nor 0 + NPWP */
  };

  run_cases ("NPWP", loket_validate_npwp, cases, G_N_ELEMENTS (cases));
  assert_message (loket_validate_npwp, "01234567890100", FORMAT,
                  "An NPWP has 15 or 16 digits; you typed 14.");
}

static void
test_phone (void)
{
  static const Case cases[] = {
    { "081234567890", "+6281234567890" },
    { "0812-3456-7890", "+6281234567890" },
    { "+62 812 3456 7890", "+6281234567890" },
    { "62 812 3456 7890", "+6281234567890" },
    { "+62 (0)812 3456 7890", "+6281234567890" },
    { "0812 345 678", "+62812345678" },          /* 10 digits */
    { "0812 3456 7890 1", "+62812345678901" },     /* 13 digits */
    { "(021) 5550 1234", "+622155501234" },
    { "022 420 1234", "+62224201234" },
    { "+62 21 5550 1234", "+622155501234" },
    { "0361 22 33 44", "+62361223344" },
    { "", NULL, REQUIRED },
    { "0812 345 67", NULL, FORMAT },             /* 9 digits: too short for a mobile */
    { "0812 3456 7890 12", NULL, FORMAT },        /* 14 digits */
    { "021 123", NULL, FORMAT },
    { "+1 202 555 0100", NULL, FORMAT },
    { "812 3456 7890", NULL, FORMAT },
    { "0812-3456-789O", NULL, FORMAT },
    { "+", NULL, FORMAT },
    { "0800 123 4567", NULL, CHECK },
    { "0012 3456 7890", NULL, CHECK },
  };

  run_cases ("phone", loket_validate_phone, cases, G_N_ELEMENTS (cases));
  assert_message (loket_validate_phone, "0812 345 67", FORMAT,
                  "A mobile number has 10 to 13 digits, starting with 08; you typed 9.");
}

static void
test_email (void)
{
  g_autofree char *long_local = g_strnfill (65, 'a');
  g_autofree char *label = g_strnfill (60, 'b');
  g_autofree char *fits = g_strdup_printf ("%.60s@%s.%s.%s.id", long_local, label, label, label);
  g_autofree char *too_long = g_strdup_printf ("%.60s@%s.%s.%s.%s.id", long_local, label, label,
                                               label, label);
  g_autofree char *local_too_long = g_strdup_printf ("%s@contoh.id", long_local);
  const Case cases[] = {
    { "  Siti.Aminah@Example.CO.ID ", "siti.aminah@example.co.id" },
    { "budi+loket@mail.contoh.id", "budi+loket@mail.contoh.id" },
    { fits, fits },
    { "", NULL, REQUIRED },
    { "budi", NULL, FORMAT },
    { "budi@contoh", NULL, FORMAT },
    { "budi @contoh.id", NULL, FORMAT },
    { "budi@@contoh.id", NULL, FORMAT },
    { "budi@a@contoh.id", NULL, FORMAT },
    { "@contoh.id", NULL, FORMAT },
    { "budi@contoh..id", NULL, FORMAT },
    { "budi@.contoh.id", NULL, FORMAT },
    { "budi@contoh.id.", NULL, FORMAT },
    { "budi@-contoh.id", NULL, FORMAT },
    { "budi@contoh_x.id", NULL, FORMAT },
    { "budi@contoh.1", NULL, FORMAT },
    { too_long, NULL, FORMAT },
    { local_too_long, NULL, FORMAT },
  };

  g_assert_cmpuint (strlen (fits), ==, 246);
  g_assert_cmpuint (strlen (too_long), >, 254);
  run_cases ("e-mail", loket_validate_email, cases, G_N_ELEMENTS (cases));
}

static void
test_postal_code (void)
{
  static const Case cases[] = {
    { "40115", "40115" },
    { " 40115 ", "40115" },
    { "99351", "99351" },
    { "", NULL, REQUIRED },
    { "4011", NULL, FORMAT },
    { "401155", NULL, FORMAT },
    { "4O115", NULL, FORMAT },
    { "40-115", NULL, FORMAT },
    { "04011", NULL, CHECK },
  };

  run_cases ("postal code", loket_validate_postal_code, cases, G_N_ELEMENTS (cases));
  assert_message (loket_validate_postal_code, "4011", FORMAT,
                  "A postal code has 5 digits; you typed 4.");
}

static void
test_rt_rw (void)
{
  static const Case cases[] = {
    { "7", "007" },
    { "07", "007" },
    { "007", "007" },
    { " 12 ", "012" },
    { "123", "123" },
    { "", NULL, REQUIRED },
    { "0", NULL, CHECK },
    { "000", NULL, CHECK },
    { "1234", NULL, FORMAT },
    { "0007", NULL, FORMAT },
    { "1a", NULL, FORMAT },
    { "-1", NULL, FORMAT },
  };

  run_cases ("RT/RW", loket_validate_rt_rw, cases, G_N_ELEMENTS (cases));
}

static void
test_name (void)
{
  static const Case cases[] = {
    { "  siti   aminah ", "siti aminah" },
    { "Siti\tAminah", "Siti Aminah" },
    { "O'Brien-Smith, Jr.", "O'Brien-Smith, Jr." },
    { "Nguyễn Văn A", "Nguyễn Văn A" },
    { "Nguye\xcc\x82\xcc\x83n", "Nguyễn" },                 /* combining marks become NFC */
    { "محمد عبد الله", "محمد عبد الله" },
    { "李小龙", "李小龙" },
    { "I Gusti Ngurah Rai", "I Gusti Ngurah Rai" },
    { "", NULL, REQUIRED },
    { " \t ", NULL, REQUIRED },
    { "Budi2", NULL, FORMAT },
    { "Budi_Santoso", NULL, FORMAT },
    { "Budi (Ahmad)", NULL, FORMAT },
    { "...", NULL, FORMAT },
    { "- ' ,", NULL, FORMAT },
    { "Bu\x01" "di", NULL, FORMAT },
    { "Bu\xff" "di", NULL, FORMAT },
  };

  run_cases ("name", loket_validate_name, cases, G_N_ELEMENTS (cases));
}

/* Field-level normalisation: the wire value as JSON text, or the error code. */
typedef struct {
  const char *input;
  const char *json;     /* NULL: rejected with code */
  int code;
  const char *message;  /* checked when not NULL */
} FieldCase;

static void
run_field_cases (const LoketField *field,
                 const FieldCase  *cases,
                 guint             n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = loket_field_normalize_text (field, cases[i].input, &today,
                                                             &error);

      if (cases[i].json != NULL)
        {
          g_autofree char *json = NULL;

          if (error != NULL)
            g_error ("%s '%s': %s", field->id, cases[i].input, error->message);
          json = json_to_string (node, FALSE);
          g_assert_cmpstr (json, ==, cases[i].json);
        }
      else
        {
          if (node != NULL)
            g_error ("%s '%s' was accepted", field->id, cases[i].input);
          g_assert_error (error, LOKET_VALIDATION_ERROR, cases[i].code);
          if (cases[i].message != NULL)
            g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

static void
test_date (void)
{
  LoketField plain = { .id = (char *) "date", .type = LOKET_FIELD_TYPE_DATE };
  LoketField birth = { .id = (char *) "birth", .type = LOKET_FIELD_TYPE_DATE,
                       .not_future = TRUE, .not_before = (char *) "1900-01-01" };
  LoketField adult = { .id = (char *) "adult", .type = LOKET_FIELD_TYPE_DATE,
                       .not_after = (char *) "-18y" };
  LoketField appointment = { .id = (char *) "appointment", .type = LOKET_FIELD_TYPE_DATE,
                             .not_before = (char *) "+1d", .not_after = (char *) "+30d" };
  LoketField recent = { .id = (char *) "recent", .type = LOKET_FIELD_TYPE_DATE,
                        .not_before = (char *) "-6m" };
  static const FieldCase plain_cases[] = {
    { "2026-11-28", "\"2026-11-28\"" },
    { "28-11-2026", "\"2026-11-28\"" },
    { "28/11/2026", "\"2026-11-28\"" },
    { " 1/2/2020 ", "\"2020-02-01\"" },
    { "2020-2-1", "\"2020-02-01\"" },
    { "29/02/2024", "\"2024-02-29\"" },
    { "29/02/2000", "\"2000-02-29\"" },
    { "31/12/2999", "\"2999-12-31\"" },
    { "", NULL, REQUIRED },
    { "29/02/2023", NULL, CHECK,
      "This date does not exist. Please check the day and the month." },
    { "29/02/1900", NULL, CHECK },
    { "31-04-2026", NULL, CHECK },
    { "00/01/2026", NULL, CHECK },
    { "2026-13-01", NULL, CHECK },
    { "2026/11/28", NULL, FORMAT },
    { "28.11.2026", NULL, FORMAT },
    { "28/11-2026", NULL, FORMAT },
    { "28/11/26", NULL, FORMAT,
      "Please type the date as day/month/year, such as 28/11/2026." },
    { "281/11/2026", NULL, FORMAT },
    { "28/11/2026/1", NULL, FORMAT },
    { "kemarin", NULL, FORMAT },
  };
  static const FieldCase birth_cases[] = {
    { "28/11/2026", "\"2026-11-28\"" },
    { "01/01/1900", "\"1900-01-01\"" },
    { "29/11/2026", NULL, RANGE, "Please enter a date that is not in the future." },
    { "31/12/1899", NULL, RANGE, "Please enter a date on or after 1 January 1900." },
  };
  static const FieldCase adult_cases[] = {
    { "2008-11-28", "\"2008-11-28\"" },
    { "2008-11-29", NULL, RANGE, "Please enter a date on or before 28 November 2008." },
  };
  static const FieldCase appointment_cases[] = {
    { "29/11/2026", "\"2026-11-29\"" },
    { "28/12/2026", "\"2026-12-28\"" },
    { "28/11/2026", NULL, RANGE, "Please enter a date on or after 29 November 2026." },
    { "29/12/2026", NULL, RANGE, "Please enter a date on or before 28 December 2026." },
  };
  static const FieldCase recent_cases[] = {
    { "28/05/2026", "\"2026-05-28\"" },
    { "27/05/2026", NULL, RANGE },
  };

  run_field_cases (&plain, plain_cases, G_N_ELEMENTS (plain_cases));
  run_field_cases (&birth, birth_cases, G_N_ELEMENTS (birth_cases));
  run_field_cases (&adult, adult_cases, G_N_ELEMENTS (adult_cases));
  run_field_cases (&appointment, appointment_cases, G_N_ELEMENTS (appointment_cases));
  run_field_cases (&recent, recent_cases, G_N_ELEMENTS (recent_cases));
}

static void
test_date_rules (void)
{
  static const struct {
    const char *rule;
    guint year, month, day;   /* 0: not a rule */
  } cases[] = {
    { "2020-01-01", 2020, 1, 1 },
    { "-18y", 2008, 11, 28 },
    { "+30d", 2026, 12, 28 },
    { "-6m", 2026, 5, 28 },
    { "+3m", 2027, 2, 28 },
    { "-0d", 2026, 11, 28 },
    { "2020-1-1", 0 },
    { "2023-02-29", 0 },
    { "-18", 0 },
    { "18y", 0 },
    { "-18x", 0 },
    { "-y", 0 },
    { "+1yy", 0 },
    { "-99999y", 0 },
    { "", 0 },
  };
  GDate leap_day, date;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ok = loket_date_rule_resolve (cases[i].rule, &today, &date);

      g_assert_cmpint (ok, ==, cases[i].year != 0);
      if (!ok)
        continue;
      g_assert_cmpuint (g_date_get_year (&date), ==, cases[i].year);
      g_assert_cmpuint (g_date_get_month (&date), ==, cases[i].month);
      g_assert_cmpuint (g_date_get_day (&date), ==, cases[i].day);
    }

  /* 18 years before 29 February 2024 is the last day of February 2006. */
  g_date_clear (&leap_day, 1);
  g_date_set_dmy (&leap_day, 29, G_DATE_FEBRUARY, 2024);
  g_assert_true (loket_date_rule_resolve ("-18y", &leap_day, &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 28);
  g_assert_cmpuint (g_date_get_month (&date), ==, 2);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2006);
}

static void
test_text (void)
{
  LoketField text = { .id = (char *) "address", .type = LOKET_FIELD_TYPE_TEXT };
  LoketField limited = { .id = (char *) "short", .type = LOKET_FIELD_TYPE_TEXT,
                         .min_length = 3, .max_length = 5 };
  LoketField one = { .id = (char *) "one", .type = LOKET_FIELD_TYPE_TEXT, .max_length = 1 };
  LoketField name = { .id = (char *) "name", .type = LOKET_FIELD_TYPE_NAME, .max_length = 4 };
  static const FieldCase text_cases[] = {
    { "  Jalan   Merdeka\t No. 5\n ", "\"Jalan Merdeka No. 5\"" },
    { "Cafe\xcc\x81", "\"Caf\xc3\xa9\"" },
    { "Gg. Mawar #3 (belakang masjid)", "\"Gg. Mawar #3 (belakang masjid)\"" },
    { "a\xc2\xa0" "b", "\"a b\"" },               /* no-break space */
    { "", NULL, REQUIRED },
    { "\n\t ", NULL, REQUIRED },
    { "a\x01" "b", NULL, FORMAT },
    { "a\xc3" "b", NULL, FORMAT },
  };
  static const FieldCase limited_cases[] = {
    { "abc", "\"abc\"" },
    { "Ñiño", "\"Ñiño\"" },                    /* 4 characters in 6 bytes */
    { " a   b ", "\"a b\"" },
    { "ab", NULL, RANGE, "Please type at least 3 characters." },
    { "abcdef", NULL, RANGE, "Please type at most 5 characters." },
  };
  static const FieldCase one_cases[] = {
    { "ab", NULL, RANGE, "Please type at most 1 character." },
  };
  static const FieldCase name_cases[] = {
    { " Budi ", "\"Budi\"" },
    { "Budiman", NULL, RANGE },
    { "Bud1", NULL, FORMAT, "A name may contain only letters, spaces and the signs . , ' -" },
    { "..", NULL, FORMAT, "Please type a name with at least one letter." },
  };

  run_field_cases (&text, text_cases, G_N_ELEMENTS (text_cases));
  run_field_cases (&limited, limited_cases, G_N_ELEMENTS (limited_cases));
  run_field_cases (&one, one_cases, G_N_ELEMENTS (one_cases));
  run_field_cases (&name, name_cases, G_N_ELEMENTS (name_cases));
}

static void
test_number (void)
{
  LoketField count = { .id = (char *) "count", .type = LOKET_FIELD_TYPE_NUMBER,
                       .has_min = TRUE, .min = 0, .has_max = TRUE, .max = 10, .integer = TRUE };
  LoketField weight = { .id = (char *) "weight", .type = LOKET_FIELD_TYPE_NUMBER };
  LoketField age = { .id = (char *) "age", .type = LOKET_FIELD_TYPE_NUMBER,
                     .has_min = TRUE, .min = 18 };
  LoketField income = { .id = (char *) "income", .type = LOKET_FIELD_TYPE_NUMBER,
                        .has_max = TRUE, .max = 1000000 };
  static const FieldCase count_cases[] = {
    { "5", "5" },
    { " 0 ", "0" },
    { "10", "10" },
    { "+3", "3" },
    { "3,0", "3" },
    { "", NULL, REQUIRED },
    { "-1", NULL, RANGE, "Please enter a number from 0 to 10." },
    { "11", NULL, RANGE },
    { "2,5", NULL, RANGE, "Please enter a whole number." },
    { "abc", NULL, FORMAT, "Please type a number using digits only, such as 12 or 2,5." },
    { "1e3", NULL, FORMAT },
    { "1.000", NULL, FORMAT,
      "Please type the number without a thousands separator, such as 1500." },
    { "1,2,3", NULL, FORMAT },
    { "5.", NULL, FORMAT },
    { ",5", NULL, FORMAT },
    { "-", NULL, FORMAT },
  };
  static const FieldCase weight_cases[] = {
    { "2,5", "2.5" },
    { "2.5", "2.5" },
    { "-0.25", "-0.25" },
    { "3200", "3200" },
    { "12,34", "12.34" },
  };
  static const FieldCase age_cases[] = {
    { "17", NULL, RANGE, "Please enter a number of at least 18." },
  };
  static const FieldCase income_cases[] = {
    { "1000001", NULL, RANGE, "Please enter a number of at most 1,000,000." },
  };

  run_field_cases (&count, count_cases, G_N_ELEMENTS (count_cases));
  run_field_cases (&weight, weight_cases, G_N_ELEMENTS (weight_cases));
  run_field_cases (&age, age_cases, G_N_ELEMENTS (age_cases));
  run_field_cases (&income, income_cases, G_N_ELEMENTS (income_cases));
}

static void
test_choice_and_yes_no (void)
{
  LoketChoice married = { (char *) "kawin", (char *) "Married" };
  LoketChoice single = { (char *) "belum_kawin", (char *) "Not married" };
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();
  LoketField status = { .id = (char *) "status", .type = LOKET_FIELD_TYPE_CHOICE };
  LoketField empty = { .id = (char *) "empty", .type = LOKET_FIELD_TYPE_CHOICE };
  LoketField agree = { .id = (char *) "agree", .type = LOKET_FIELD_TYPE_YES_NO };
  static const FieldCase status_cases[] = {
    { "kawin", "\"kawin\"" },
    { "belum_kawin", "\"belum_kawin\"" },
    { "", NULL, REQUIRED },
    { "Kawin", NULL, FORMAT, "Please choose one of the options shown." },
    { "Married", NULL, FORMAT },
  };
  static const FieldCase empty_cases[] = {
    { "kawin", NULL, FORMAT },
  };
  static const FieldCase agree_cases[] = {
    { "true", "true" },
    { "Ya", "true" },
    { " YES ", "true" },
    { "false", "false" },
    { "tidak", "false" },
    { "No", "false" },
    { "", NULL, REQUIRED },
    { "mungkin", NULL, FORMAT, "Please answer yes or no." },
    { "1", NULL, FORMAT },
  };

  g_ptr_array_add (choices, &married);
  g_ptr_array_add (choices, &single);
  status.choices = choices;

  run_field_cases (&status, status_cases, G_N_ELEMENTS (status_cases));
  run_field_cases (&empty, empty_cases, G_N_ELEMENTS (empty_cases));
  run_field_cases (&agree, agree_cases, G_N_ELEMENTS (agree_cases));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));

  return json_node_copy (json_parser_get_root (parser));
}

/* loket_field_normalize takes JSON: strings for every type, or the wire type itself. */
static void
test_json_input (void)
{
  LoketField nik = { .id = (char *) "nik", .type = LOKET_FIELD_TYPE_NIK };
  LoketField count = { .id = (char *) "count", .type = LOKET_FIELD_TYPE_NUMBER,
                       .has_max = TRUE, .max = 10, .integer = TRUE };
  LoketField weight = { .id = (char *) "weight", .type = LOKET_FIELD_TYPE_NUMBER };
  LoketField agree = { .id = (char *) "agree", .type = LOKET_FIELD_TYPE_YES_NO };
  LoketField rt = { .id = (char *) "rt", .type = LOKET_FIELD_TYPE_RT };
  LoketField phone = { .id = (char *) "phone", .type = LOKET_FIELD_TYPE_PHONE };
  const struct {
    const LoketField *field;
    const char *input;
    const char *json;
    int code;
  } cases[] = {
    { &nik, "\"3273 0115 0890 0001\"", "\"3273011508900001\"" },
    { &nik, "3273011508900001", NULL, FORMAT },
    { &nik, "null", NULL, REQUIRED },
    { &nik, "\"\"", NULL, REQUIRED },
    { &count, "7", "7" },
    { &count, "7.0", "7" },
    { &count, "\"7\"", "7" },
    { &count, "11", NULL, RANGE },
    { &count, "7.5", NULL, RANGE },
    { &count, "true", NULL, FORMAT },
    { &count, "[7]", NULL, FORMAT },
    { &weight, "2.5", "2.5" },
    { &weight, "12345678901234567", "12345678901234567" },
    { &agree, "true", "true" },
    { &agree, "false", "false" },
    { &agree, "\"ya\"", "true" },
    { &agree, "1", NULL, FORMAT },
    { &agree, "{}", NULL, FORMAT },
    { &rt, "\"5\"", "\"005\"" },
    { &rt, "5", NULL, FORMAT },
    { &phone, "\"0812 3456 7890\"", "\"+6281234567890\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) input = parse_json (cases[i].input);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = loket_field_normalize (cases[i].field, input, &today, &error);

      if (cases[i].json != NULL)
        {
          g_autofree char *json = NULL;

          g_assert_no_error (error);
          json = json_to_string (node, FALSE);
          g_assert_cmpstr (json, ==, cases[i].json);
        }
      else
        {
          g_assert_null (node);
          g_assert_error (error, LOKET_VALIDATION_ERROR, cases[i].code);
        }
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = loket_field_normalize (&nik, NULL, &today, &error);

    g_assert_null (node);
    g_assert_error (error, LOKET_VALIDATION_ERROR, REQUIRED);
  }
}

/* A text field with "digits" (a NIB, a KBLI code): exactly that many, leading zeros kept,
 * and the field's label in the message. */
static void
test_digits (void)
{
  LoketField nib = { .id = (char *) "business.nib", .type = LOKET_FIELD_TYPE_TEXT,
                     .label = (char *) "Business number (NIB)", .digits = 13 };
  LoketField kbli = { .id = (char *) "business.kbli", .type = LOKET_FIELD_TYPE_TEXT,
                      .digits = 5 };
  LoketField check = { .id = (char *) "check", .type = LOKET_FIELD_TYPE_TEXT,
                       .label = (char *) "Check digit", .digits = 1 };
  LoketField text = { .id = (char *) "address", .type = LOKET_FIELD_TYPE_TEXT };
  LoketField nik = { .id = (char *) "nik", .type = LOKET_FIELD_TYPE_NIK };
  LoketField choice = { .id = (char *) "sex", .type = LOKET_FIELD_TYPE_CHOICE };
  static const FieldCase nib_cases[] = {
    { "9120001234567", "\"9120001234567\"" },
    { " 912 0001 234-567 ", "\"9120001234567\"" },
    { "912.0001.234567", "\"9120001234567\"" },
    { "0000000000000", "\"0000000000000\"" },       /* only the length is known */
    { "  ", NULL, REQUIRED, "Please fill this in." },
    { "912000123456", NULL, FORMAT, "Business number (NIB) has 13 digits; you typed 12." },
    { "91200012345678", NULL, FORMAT, "Business number (NIB) has 13 digits; you typed 14." },
    { "912000123456O", NULL, FORMAT,
      "Business number (NIB) has only digits. Please type its 13 digits." },
    { "912/0001/234567", NULL, FORMAT },
    { "\xef\xbc\x99" "120001234567", NULL, FORMAT },   /* a full-width 9 */
  };
  static const FieldCase kbli_cases[] = {
    { "01111", "\"01111\"" },
    /* Without a label (not from a catalog), the id names the field. */
    { "0111", NULL, FORMAT, "business.kbli has 5 digits; you typed 4." },
  };
  static const FieldCase check_cases[] = {
    { "7", "\"7\"" },
    { "17", NULL, FORMAT, "Check digit has 1 digit; you typed 2." },
    { "x", NULL, FORMAT, "Check digit has only digits. Please type its 1 digit." },
  };
  g_autoptr(JsonNode) number = parse_json ("9120001234567");
  g_autoptr(JsonNode) wire = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *direct = NULL;

  run_field_cases (&nib, nib_cases, G_N_ELEMENTS (nib_cases));
  run_field_cases (&kbli, kbli_cases, G_N_ELEMENTS (kbli_cases));
  run_field_cases (&check, check_cases, G_N_ELEMENTS (check_cases));

  /* A JSON number would have lost a KBLI code's leading zero: such a value is a string. */
  wire = loket_field_normalize (&nib, number, &today, &error);
  g_assert_null (wire);
  g_assert_error (error, LOKET_VALIDATION_ERROR, FORMAT);
  g_clear_error (&error);

  direct = loket_validate_digits ("0001", 4, "PIN", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (direct, ==, "0001");

  /* The keypad for digits; other text keeps the letters. */
  g_assert_cmpint (loket_field_keyboard (&nib), ==, LOKET_KEYBOARD_DIGITS);
  g_assert_cmpint (loket_field_keyboard (&text), ==, LOKET_KEYBOARD_TEXT);
  g_assert_cmpint (loket_field_keyboard (&nik), ==, LOKET_KEYBOARD_DIGITS);
  g_assert_cmpint (loket_field_keyboard (&choice), ==, LOKET_KEYBOARD_NONE);

  /* In Indonesian (the label here is not from a catalog, so it stays as it is). */
  loket_i18n_set_language ("id");
  {
    g_autoptr(GError) id_error = NULL;
    g_autoptr(GError) id_letters = NULL;
    g_autoptr(JsonNode) short_node = loket_field_normalize_text (&nib, "912000123456", &today,
                                                                 &id_error);
    g_autoptr(JsonNode) letter_node = loket_field_normalize_text (&nib, "NIB", &today,
                                                                  &id_letters);

    g_assert_null (short_node);
    g_assert_cmpstr (id_error->message, ==,
                     "Business number (NIB) terdiri dari 13 angka; Anda mengetik 12.");
    g_assert_null (letter_node);
    g_assert_cmpstr (id_letters->message, ==,
                     "Business number (NIB) hanya berisi angka. Silakan ketik 13 angkanya.");
  }
  loket_i18n_set_language ("en");
}

static void
test_group (void)
{
  LoketField group = { .id = (char *) "movers", .type = LOKET_FIELD_TYPE_GROUP };
  g_autoptr(JsonNode) input = parse_json ("[]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) text_error = NULL;
  g_autoptr(JsonNode) node = loket_field_normalize (&group, input, &today, &error);
  g_autoptr(JsonNode) text_node = loket_field_normalize_text (&group, "x", &today, &text_error);

  g_assert_null (node);
  g_assert_error (error, LOKET_VALIDATION_ERROR, FORMAT);
  g_assert_nonnull (strstr (error->message, "normalised by the request"));
  g_assert_null (text_node);
  g_assert_error (text_error, LOKET_VALIDATION_ERROR, FORMAT);
}

/* Every scalar type refuses a blank answer with REQUIRED and the same message. */
static void
test_required_everywhere (void)
{
  for (int type = LOKET_FIELD_TYPE_TEXT; type < LOKET_FIELD_TYPE_GROUP; type++)
    {
      LoketField field = { .id = (char *) "f", .type = (LoketFieldType) type };
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = loket_field_normalize_text (&field, " \t", &today, &error);

      g_assert_null (node);
      g_assert_error (error, LOKET_VALIDATION_ERROR, REQUIRED);
      g_assert_cmpstr (error->message, ==, "Please fill this in.");
    }
}

int
main (int argc, char **argv)
{
  loket_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, G_DATE_NOVEMBER, 2026);

  g_test_add_func ("/validate/nik", test_nik);
  g_test_add_func ("/validate/nik-decode", test_nik_decode);
  g_test_add_func ("/validate/province-codes", test_province_codes);
  g_test_add_func ("/validate/kk", test_kk);
  g_test_add_func ("/validate/npwp", test_npwp);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/postal-code", test_postal_code);
  g_test_add_func ("/validate/rt-rw", test_rt_rw);
  g_test_add_func ("/validate/name", test_name);
  g_test_add_func ("/validate/date", test_date);
  g_test_add_func ("/validate/date-rules", test_date_rules);
  g_test_add_func ("/validate/text", test_text);
  g_test_add_func ("/validate/digits", test_digits);
  g_test_add_func ("/validate/number", test_number);
  g_test_add_func ("/validate/choice-and-yes-no", test_choice_and_yes_no);
  g_test_add_func ("/validate/json-input", test_json_input);
  g_test_add_func ("/validate/group", test_group);
  g_test_add_func ("/validate/required-everywhere", test_required_everywhere);

  return g_test_run ();
}
