/* fuzz-tracking-code.c — libFuzzer target: tracking code and QR payload parsers
 *
 * Arbitrary bytes go to both parsers; whatever parses must be canonical and must come back
 * unchanged through format/build and parse again. The same bytes also go to the field
 * validators, which take whatever a citizen types: a wire value must validate to itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"
#include "core/loket-validate.h"

#define URL_TEMPLATE "https://lacak.example.go.id/t/{code}?a={agencies}"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_tracking_code (const char *text)
{
  g_autofree char *code = loket_tracking_code_parse (text, NULL);
  g_autofree char *shown = NULL;
  g_autofree char *again = NULL;

  if (code == NULL)
    return;

  g_assert_true (loket_tracking_code_is_canonical (code));
  shown = loket_tracking_code_format (code);
  again = loket_tracking_code_parse (shown, NULL);
  g_assert_cmpstr (again, ==, code);
}

static void
check_qr_payload (const char *text,
                  const char *url_template)
{
  g_autoptr(LoketQrPayload) payload = loket_qr_payload_parse (text, url_template, NULL);
  g_autoptr(LoketQrPayload) again = NULL;
  g_autofree char *built = NULL;

  if (payload == NULL)
    return;

  g_assert_true (loket_tracking_code_is_canonical (payload->code));
  g_assert_nonnull (payload->agencies);

  built = loket_qr_payload_build (url_template, payload->code,
                                  (const char * const *) payload->agencies);
  g_assert_nonnull (built);
  again = loket_qr_payload_parse (built, url_template, NULL);
  g_assert_nonnull (again);
  g_assert_cmpstr (again->code, ==, payload->code);
  g_assert_cmpstrv (again->agencies, payload->agencies);
}

/* Normalising is idempotent: the wire value of a wire value is itself. */
static void
check_validators (const char *text)
{
  static const LoketFieldType types[] = {
    LOKET_FIELD_TYPE_TEXT, LOKET_FIELD_TYPE_NAME, LOKET_FIELD_TYPE_NIK, LOKET_FIELD_TYPE_KK,
    LOKET_FIELD_TYPE_NPWP, LOKET_FIELD_TYPE_DATE, LOKET_FIELD_TYPE_PHONE,
    LOKET_FIELD_TYPE_EMAIL, LOKET_FIELD_TYPE_POSTAL_CODE, LOKET_FIELD_TYPE_RT,
    LOKET_FIELD_TYPE_NUMBER, LOKET_FIELD_TYPE_YES_NO,
  };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, G_DATE_NOVEMBER, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      LoketField field = { .id = (char *) "fuzz", .type = types[i], .not_before = (char *) "-120y",
                           .not_after = (char *) "+1y", .max_length = 100 };
      g_autoptr(JsonNode) node = loket_field_normalize_text (&field, text, &today, NULL);
      g_autoptr(JsonNode) again = NULL;

      if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      again = loket_field_normalize (&field, node, &today, NULL);
      g_assert_nonnull (again);
      g_assert_cmpstr (json_node_get_string (again), ==, json_node_get_string (node));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean initialised;
  g_autofree char *text = NULL;

  if (!initialised)
    {
      /* A critical from a g_return_if_fail is a bug the fuzzer should report. */
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialised = TRUE;
    }

  /* Payloads are short; long inputs only slow the search down. */
  if (size > 4096)
    return 0;

  text = g_strndup ((const char *) data, size);

  check_tracking_code (text);
  check_qr_payload (text, NULL);
  check_qr_payload (text, URL_TEMPLATE);
  check_validators (text);

  return 0;
}
