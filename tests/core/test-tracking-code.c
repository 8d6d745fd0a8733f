/* test-tracking-code.c — tracking codes: generation, check symbol, forgiving parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "core/loket-tracking-code.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Check symbols computed by hand:
 *   0            -> 0 mod 37 = 0                                  "0000000000000"
 *   1            -> 1                                             "0000000000011"
 *   37 = 1*32+5  -> 0                                             "0000000000150"
 *   1000 = 31*32+8, 1000 = 27*37 + 1 -> 1                         "0000000000Z81"
 *   2^59: 2^36 = 1 mod 37 (Fermat), 2^5 = 32 = -5, 2^10 = 25,
 *         2^20 = 625 = 16*37 + 33 = -4, 2^23 = -32 = 5 -> 5       "G000000000005"
 *   2^60 - 1: 2^60 = 2^24 = -4*16 = -64 = 10 mod 37, minus 1 -> 9 "ZZZZZZZZZZZZ9"
 *   36   -> 36 >= 32: never a code; 2^60: more than 60 bits: never a code. */
static void
test_fixed_values (void)
{
  static const struct {
    guint64 value;
    const char *code;
  } cases[] = {
    { 0, "0000000000000" },
    { 1, "0000000000011" },
    { 37, "0000000000150" },
    { 1000, "0000000000Z81" },
    { G_GUINT64_CONSTANT (1) << 59, "G000000000005" },
    { (G_GUINT64_CONSTANT (1) << 60) - 1, "ZZZZZZZZZZZZ9" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = loket_tracking_code_from_value (cases[i].value);
      g_autofree char *parsed = NULL;

      g_assert_cmpstr (code, ==, cases[i].code);
      g_assert_true (loket_tracking_code_is_canonical (code));
      parsed = loket_tracking_code_parse (code, NULL);
      g_assert_cmpstr (parsed, ==, cases[i].code);
    }

  g_assert_null (loket_tracking_code_from_value (36));
  g_assert_null (loket_tracking_code_from_value (G_GUINT64_CONSTANT (1) << 60));
}

static void
test_format (void)
{
  g_autofree char *shown = loket_tracking_code_format ("0000000000Z81");
  g_autofree char *shown2 = loket_tracking_code_format ("ZZZZZZZZZZZZ9");

  g_assert_cmpstr (shown, ==, "0000-0000-00Z8-1");
  g_assert_cmpstr (shown2, ==, "ZZZZ-ZZZZ-ZZZZ-9");
  g_assert_cmpuint (strlen (shown), ==, LOKET_TRACKING_CODE_DISPLAY_LENGTH);
}

static void
test_round_trip (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *code = loket_tracking_code_generate ();
      g_autofree char *shown = NULL;
      g_autofree char *parsed = NULL;
      g_autofree char *lower = NULL;
      g_autofree char *parsed_lower = NULL;

      g_assert_cmpuint (strlen (code), ==, LOKET_TRACKING_CODE_LENGTH);
      g_assert_cmpuint (strspn (code, alphabet), ==, LOKET_TRACKING_CODE_LENGTH);
      g_assert_true (loket_tracking_code_is_canonical (code));

      shown = loket_tracking_code_format (code);
      parsed = loket_tracking_code_parse (shown, NULL);
      g_assert_cmpstr (parsed, ==, code);

      lower = g_ascii_strdown (shown, -1);
      parsed_lower = loket_tracking_code_parse (lower, NULL);
      g_assert_cmpstr (parsed_lower, ==, code);

      g_assert_true (g_hash_table_add (seen, g_steal_pointer (&code)));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);
}

static void
assert_check_error (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parsed = loket_tracking_code_parse (text, &error);

  if (parsed != NULL)
    g_error ("'%s' was accepted as '%s'", text, parsed);
  g_assert_error (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_CHECK);
}

/* Every single wrong symbol at every position, and every swap of two different neighbours,
 * for 2,000 codes: 2000 * 13 * 31 substitutions and up to 2000 * 12 swaps. */
static void
test_detects_every_typo (void)
{
  guint substitutions = 0, swaps = 0;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *code = loket_tracking_code_generate ();
      char typo[LOKET_TRACKING_CODE_LENGTH + 1];

      for (guint position = 0; position < LOKET_TRACKING_CODE_LENGTH; position++)
        for (guint s = 0; s < 32; s++)
          {
            if (alphabet[s] == code[position])
              continue;
            memcpy (typo, code, sizeof typo);
            typo[position] = alphabet[s];
            assert_check_error (typo);
            substitutions++;
          }

      for (guint position = 0; position + 1 < LOKET_TRACKING_CODE_LENGTH; position++)
        {
          if (code[position] == code[position + 1])
            continue;
          memcpy (typo, code, sizeof typo);
          typo[position] = code[position + 1];
          typo[position + 1] = code[position];
          assert_check_error (typo);
          swaps++;
        }
    }

  g_assert_cmpuint (substitutions, ==, 2000 * 13 * 31);
  g_test_message ("%u substitutions and %u swaps rejected", substitutions, swaps);
  /* Neighbours are equal 1 time in 32: far fewer than half the swaps can be skipped. */
  g_assert_cmpuint (swaps, >, 2000 * 12 / 2);
}

static void
test_forgiving_parse (void)
{
  static const struct {
    const char *text;
    const char *code;
  } cases[] = {
    { "0000000000Z81", "0000000000Z81" },
    { "0000-0000-00Z8-1", "0000000000Z81" },
    { "  0000 0000 00z8 1\n", "0000000000Z81" },
    { "oooo-OOOO-ooz8-l", "0000000000Z81" },
    { "OOOO OOOO OOZ8 I", "0000000000Z81" },
    { "zzzz-zzzz-zzzz-9", "ZZZZZZZZZZZZ9" },
    { "g000-0000-0000-5", "G000000000005" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *parsed = loket_tracking_code_parse (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (parsed, ==, cases[i].code);
    }

  g_assert_false (loket_tracking_code_is_canonical ("0000-0000-00Z8-1"));
  g_assert_false (loket_tracking_code_is_canonical ("0000000000z81"));
  g_assert_false (loket_tracking_code_is_canonical ("OOOOOOOOOOZ81"));
}

static void
test_errors (void)
{
  static const struct {
    const char *text;
    int code;
    const char *message;
  } cases[] = {
    { "", LOKET_TRACKING_CODE_ERROR_EMPTY,
      "Please type the tracking code printed on your receipt." },
    { " - -", LOKET_TRACKING_CODE_ERROR_EMPTY,
      "Please type the tracking code printed on your receipt." },
    { "0000-0000-00Z8", LOKET_TRACKING_CODE_ERROR_LENGTH,
      "A tracking code has 13 letters and digits; this one has 12." },
    { "0000-0000-00Z8-11", LOKET_TRACKING_CODE_ERROR_LENGTH,
      "A tracking code has 13 letters and digits; this one has 14." },
    { "0000-0000-00Z8-2", LOKET_TRACKING_CODE_ERROR_CHECK,
      "This code has a typing mistake: please check it against your receipt." },
    { "0000-0000-00Z8-U", LOKET_TRACKING_CODE_ERROR_SYMBOL,
      "Tracking codes do not contain “U”: please check the code on your receipt." },
    { "0000_0000_00Z8_1", LOKET_TRACKING_CODE_ERROR_SYMBOL,
      "Tracking codes do not contain “_”: please check the code on your receipt." },
    { "0000\3010000", LOKET_TRACKING_CODE_ERROR_SYMBOL,
      "Tracking codes contain only the letters and digits printed on your receipt." },
    /* 36 in 60 bits: the check value 36 has no symbol, so no check symbol can match. */
    { "000000000014Z", LOKET_TRACKING_CODE_ERROR_CHECK,
      "This code has a typing mistake: please check it against your receipt." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *parsed = loket_tracking_code_parse (cases[i].text, &error);

      g_assert_null (parsed);
      g_assert_error (error, LOKET_TRACKING_CODE_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* A value is drawn again when its check value is 32 to 36: 5 of 37 draws. */
static void
test_redraw_fraction (void)
{
  guint64 draws = 0, redraws = 0;
  double fraction;

  for (guint i = 0; i < 40000; i++)
    {
      guint n = 0;
      g_autofree char *code = loket_tracking_code_generate_counted (&n);

      redraws += n;
      draws += n + 1;
    }

  fraction = (double) redraws / (double) draws;
  g_test_message ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " draws redrawn: %.4f "
                  "(expected 5/37 = %.4f)", redraws, draws, fraction, 5.0 / 37.0);
  /* The standard deviation is about 0.0016 here: 0.01 is six of them. */
  g_assert_cmpfloat_with_epsilon (fraction, 5.0 / 37.0, 0.01);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tracking-code/fixed-values", test_fixed_values);
  g_test_add_func ("/tracking-code/format", test_format);
  g_test_add_func ("/tracking-code/round-trip", test_round_trip);
  g_test_add_func ("/tracking-code/detects-every-typo", test_detects_every_typo);
  g_test_add_func ("/tracking-code/forgiving-parse", test_forgiving_parse);
  g_test_add_func ("/tracking-code/errors", test_errors);
  g_test_add_func ("/tracking-code/redraw-fraction", test_redraw_fraction);

  return g_test_run ();
}
