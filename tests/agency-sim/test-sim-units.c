/* test-sim-units.c — the simulator's parts that need no server: NIKs, codes, fault specs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-agency-sim"

#include <string.h>

#include "sim.h"

static JsonObject *
object_from (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static void
test_nik (void)
{
  static const struct {
    const char *data;
    guint       serial;
    const char *nik;
  } cases[] = {
    /* The mother's region, the birth date, +40 for a girl. */
    { "{\"mother.nik\":\"3201014505900003\",\"child.birth_date\":\"2026-01-15\","
      "\"child.sex\":\"female\"}", 1, "3201015501260001" },
    { "{\"mother.nik\":\"3201014505900003\",\"child.birth_date\":\"2026-01-15\","
      "\"child.sex\":\"male\"}", 27, "3201011501260027" },
    /* Without the mother's NIK, the applicant's region. */
    { "{\"applicant.nik\":\"5171010101800001\",\"child.birth_date\":\"2024-02-29\","
      "\"child.sex\":\"P\"}", 9999, "5171016902249999" },
    /* Neither: the default region; a mother's NIK that is not valid does not count. */
    { "{\"mother.nik\":\"0000000000000000\",\"child.birth_date\":\"2025-07-04\"}", 12,
      "3171010407250012" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) data = object_from (cases[i].data);
      g_autofree char *nik = sim_nik_for_child (data, cases[i].serial);

      g_assert_cmpstr (nik, ==, cases[i].nik);
      g_assert_true (sim_nik_is_valid (nik));
    }
}

static gboolean
digits (const char *text,
        gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static void
test_outputs (void)
{
  static const char * const names[] = {
    "child_nik", "new_kk", "npwp", "nib", "member_number", NULL
  };
  SimAgency agency = { .prefix = (char *) "DUK" };
  SimService service = { .outputs = (GStrv) names };
  g_autoptr(JsonObject) data = object_from ("{\"mother.nik\":\"3201014505900003\","
                                            "\"child.birth_date\":\"2026-01-15\","
                                            "\"child.sex\":\"male\"}");
  g_autoptr(JsonObject) outputs = sim_outputs_make (&agency, &service, data);
  const char *kk = json_object_get_string_member (outputs, "new_kk");
  const char *member = json_object_get_string_member (outputs, "member_number");

  g_assert_cmpuint (json_object_get_size (outputs), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (outputs, "child_nik"), ==, "3201011501260001");
  /* The family's region, then a date and the next serial. */
  g_assert_true (digits (kk, 16));
  g_assert_true (g_str_has_prefix (kk, "320101"));
  g_assert_true (g_str_has_suffix (kk, "0002"));
  g_assert_true (digits (json_object_get_string_member (outputs, "npwp"), 16));
  g_assert_true (digits (json_object_get_string_member (outputs, "nib"), 13));
  g_assert_true (g_str_has_prefix (member, "DUK-MEMBER_NUMBER-"));
  g_assert_true (digits (member + strlen ("DUK-MEMBER_NUMBER-"), 8));

  /* A service without outputs returns none. */
  service.outputs = NULL;
  g_assert_null (sim_outputs_make (&agency, &service, data));
}

static void
test_nik_valid (void)
{
  g_assert_true (sim_nik_is_valid ("3201014505900003"));
  g_assert_true (sim_nik_is_valid ("3201016902240001"));   /* 29 Feb, a woman */
  g_assert_false (sim_nik_is_valid (NULL));
  g_assert_false (sim_nik_is_valid ("320101450590000"));   /* 15 digits */
  g_assert_false (sim_nik_is_valid ("32010145059000031")); /* 17 digits */
  g_assert_false (sim_nik_is_valid ("320101450590000A"));
  g_assert_false (sim_nik_is_valid ("0001014505900003"));  /* province 00 */
  g_assert_false (sim_nik_is_valid ("3201013202900003"));  /* 32 February */
  g_assert_false (sim_nik_is_valid ("3201017205900003"));  /* 32 + 40 */
  g_assert_false (sim_nik_is_valid ("3201011513900003"));  /* month 13 */
  g_assert_false (sim_nik_is_valid ("3201014505900000"));  /* serial 0000 */
}

static void
test_tracking_code (void)
{
  /* "000000000000" is 0, check 0; "000000000001" is 1, check 1 (1 mod 37). */
  g_assert_true (sim_tracking_code_is_valid ("0000000000000"));
  g_assert_true (sim_tracking_code_is_valid ("0000000000011"));
  g_assert_false (sim_tracking_code_is_valid ("0000000000012"));
  /* 31 mod 37 = 31, the symbol Z; 32 needs a redraw, so no code ends in it. */
  g_assert_true (sim_tracking_code_is_valid ("00000000000ZZ"));
  g_assert_false (sim_tracking_code_is_valid ("000000000010*"));
  g_assert_false (sim_tracking_code_is_valid ("000000000000"));
  g_assert_false (sim_tracking_code_is_valid ("0000-0000-0000-0"));
  g_assert_false (sim_tracking_code_is_valid ("000000000000U"));   /* U is not in the alphabet */
  g_assert_false (sim_tracking_code_is_valid ("00000000000z" "z"));
}

static void
test_fault_specs (void)
{
  static const struct {
    const char   *spec;
    SimFaultKind  kind;
    gint64        number;
    gint64        remaining;
    SimMethod     method;
  } good[] = {
    { "latency:250", SIM_FAULT_LATENCY, 250, -1, SIM_METHOD_ANY },
    { "unavailable:5,count=2", SIM_FAULT_UNAVAILABLE, 5, 2, SIM_METHOD_ANY },
    { "unavailable-date", SIM_FAULT_UNAVAILABLE_DATE, 2, -1, SIM_METHOD_ANY },
    { "burst:3", SIM_FAULT_BURST, 3, 3, SIM_METHOD_ANY },
    { "burst:3,always", SIM_FAULT_BURST, 3, -1, SIM_METHOD_ANY },
    { "status:403,method=GET", SIM_FAULT_STATUS, 403, -1, SIM_METHOD_GET },
    { " drop , count=1 , method=post ", SIM_FAULT_DROP, 0, 1, SIM_METHOD_POST },
    { "huge", SIM_FAULT_HUGE, 50, -1, SIM_METHOD_ANY },
    { "deep", SIM_FAULT_DEEP, 100000, -1, SIM_METHOD_ANY },
  };
  static const struct {
    const char *spec;
    const char *message;
  } bad[] = {
    { "", "fault '': unknown kind '' (see the simulator's README.md)" },
    { "latency", "fault 'latency': 'latency' needs an argument after ':'" },
    { "latency:soon", "fault 'latency:soon': 'soon' is not a whole number from 0 to 1000000000" },
    { "drop:3", "fault 'drop:3': 'drop' takes no argument" },
    { "status:99", "fault 'status:99': a status is from 200 to 599" },
    { "reject:child.name", "fault 'reject:child.name': write reject:FIELD=VALUE" },
    { "xroad-error:Oops", "fault 'xroad-error:Oops': an X-Road error code starts with Server. "
                          "or Client." },
    { "stall,count=-1", "fault 'stall,count=-1': '-1' is not a whole number from 0 to 2147483647" },
    { "stall,method=PUT", "fault 'stall,method=PUT': unknown option 'method=PUT' "
                          "(count=N, always, method=post|get|any)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SimFault) fault = sim_fault_parse (good[i].spec, &error);

      g_assert_no_error (error);
      g_assert_cmpint (fault->kind, ==, good[i].kind);
      g_assert_cmpint (fault->number, ==, good[i].number);
      g_assert_cmpint (fault->remaining, ==, good[i].remaining);
      g_assert_cmpint (fault->method, ==, good[i].method);
    }
  {
    g_autoptr(SimFault) fault = sim_fault_parse ("reject:child.name=Budi Santoso", NULL);

    g_assert_cmpstr (fault->field, ==, "child.name");
    g_assert_cmpstr (fault->value, ==, "Budi Santoso");
    g_assert_true (sim_fault_applies (fault, "POST"));
    fault->method = SIM_METHOD_GET;
    g_assert_false (sim_fault_applies (fault, "POST"));
    g_assert_true (sim_fault_applies (fault, "GET"));
    fault->remaining = 0;
    g_assert_false (sim_fault_applies (fault, "GET"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SimFault) fault = sim_fault_parse (bad[i].spec, &error);

      g_assert_null (fault);
      g_assert_error (error, SIM_ERROR, SIM_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_deep_json (void)
{
  g_autofree char *text = sim_deep_json (100000);
  gsize opening = 0;

  for (const char *p = text; *p != '\0'; p++)
    opening += *p == '[';
  g_assert_cmpuint (opening, ==, 100000);
  g_assert_false (sim_json_depth_within (text, strlen (text), 64));
  g_assert_true (sim_json_depth_within ("{\"a\":\"[[[[\"}", 12, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agency-sim/nik/for-child", test_nik);
  g_test_add_func ("/agency-sim/nik/valid", test_nik_valid);
  g_test_add_func ("/agency-sim/outputs", test_outputs);
  g_test_add_func ("/agency-sim/tracking-code", test_tracking_code);
  g_test_add_func ("/agency-sim/fault-specs", test_fault_specs);
  g_test_add_func ("/agency-sim/deep-json", test_deep_json);

  return g_test_run ();
}
