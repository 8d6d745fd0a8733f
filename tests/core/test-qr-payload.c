/* test-qr-payload.c — the receipt's QR payload: building, reading, lossless round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"

#define CODE "0000000000Z81"   /* shown as 0000-0000-00Z8-1 */

static void
assert_payload (LoketQrPayload     *payload,
                const char         *code,
                const char * const *agencies)
{
  g_assert_nonnull (payload);
  g_assert_cmpstr (payload->code, ==, code);
  g_assert_nonnull (payload->agencies);
  g_assert_cmpstrv (payload->agencies, agencies);
}

static void
test_build (void)
{
  const char * const two[] = { "dukcapil", "bpjs-kesehatan", NULL };
  const char * const odd[] = { "a,b", "c:d e", NULL };
  const char * const none[] = { NULL };
  const struct {
    const char *url_template;
    const char * const *agencies;
    const char *payload;
  } cases[] = {
    { NULL, two, "LOKET1:" CODE ":dukcapil,bpjs-kesehatan" },
    { "", none, "LOKET1:" CODE ":" },
    { NULL, NULL, "LOKET1:" CODE ":" },
    { NULL, odd, "LOKET1:" CODE ":a%2Cb,c%3Ad%20e" },
    { "https://lacak.example.go.id/t/{code}", two, "https://lacak.example.go.id/t/" CODE },
    { "https://lacak.example.go.id/t/{code}?a={agencies}", two,
      "https://lacak.example.go.id/t/" CODE "?a=dukcapil,bpjs-kesehatan" },
    { "https://lacak.example.go.id/?agencies={agencies}&code={code}", odd,
      "https://lacak.example.go.id/?agencies=a%2Cb,c%3Ad%20e&code=" CODE },
    { "https://lacak.example.go.id/t/{code}?a={agencies}", none,
      "https://lacak.example.go.id/t/" CODE "?a=" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *payload = loket_qr_payload_build (cases[i].url_template, CODE,
                                                         cases[i].agencies);

      g_assert_cmpstr (payload, ==, cases[i].payload);
    }
}

static void
test_template_validity (void)
{
  static const struct {
    const char *url_template;
    gboolean valid;
  } cases[] = {
    { "https://lacak.example.go.id/t/{code}", TRUE },
    { "http://127.0.0.1:8080/{code}/{agencies}", TRUE },
    { "HTTPS://x.example/?c={code}&a={agencies}", TRUE },
    { "https://x.example/t/", FALSE },
    { "https://x.example/{code}/{code}", FALSE },
    { "https://x.example/{code}/{agencies}/{agencies}", FALSE },
    { "https://x.example/{code}{agencies}", FALSE },
    { "https://x.example/{kode}", FALSE },
    { "https://x.example/{code}}", FALSE },
    { "ftp://x.example/{code}", FALSE },
    { "lacak/{code}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = loket_qr_payload_template_is_valid (cases[i].url_template, &error);

      g_assert_cmpint (valid, ==, cases[i].valid);
      if (valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, LOKET_QR_PAYLOAD_ERROR, LOKET_QR_PAYLOAD_ERROR_TEMPLATE);
    }
}

static void
test_parse (void)
{
  const char * const two[] = { "dukcapil", "bpjs-kesehatan", NULL };
  const char * const odd[] = { "a,b", "c:d e", NULL };
  const char * const none[] = { NULL };
  const char *with_agencies = "https://lacak.example.go.id/t/{code}?a={agencies}";
  const struct {
    const char *text;
    gboolean with_template;
    const char * const *agencies;
  } cases[] = {
    { "LOKET1:" CODE ":dukcapil,bpjs-kesehatan", FALSE, two },
    { "loket1:0000-0000-00z8-1:dukcapil,,bpjs-kesehatan,", FALSE, two },
    { "LOKET1:" CODE ":", FALSE, none },
    { "LOKET1:" CODE, FALSE, none },
    { "LOKET1:" CODE ":a%2Cb,c%3Ad%20e", FALSE, odd },
    { "  LOKET1:" CODE ":dukcapil,bpjs-kesehatan\r\n", FALSE, two },
    /* URLs read through the template. */
    { "https://lacak.example.go.id/t/" CODE "?a=dukcapil,bpjs-kesehatan", TRUE, two },
    { "https://lacak.example.go.id/t/" CODE "?a=", TRUE, none },
    /* URLs without a template, or not fitting it: the code alone. */
    { "https://lacak.example.go.id/t/" CODE "?a=dukcapil", FALSE, none },
    { "https://other.example/status/0000-0000-00Z8-1/", TRUE, none },
    { "https://other.example/status?lang=id&code=0000-0000-00Z8-1", FALSE, none },
    { "https://other.example/s/" CODE "#top", FALSE, none },
    /* A bare code in any display form. */
    { CODE, FALSE, none },
    { "0000-0000-00Z8-1", TRUE, none },
    { "oooo oooo ooz8 l", FALSE, none },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LoketQrPayload) payload =
        loket_qr_payload_parse (cases[i].text, cases[i].with_template ? with_agencies : NULL,
                                &error);

      g_assert_no_error (error);
      assert_payload (payload, CODE, cases[i].agencies);
    }
}

static void
test_parse_errors (void)
{
  static const struct {
    const char *text;
    GQuark domain;
    int code;
  } cases[] = {
    { "LOKET1:0000000000Z82:dukcapil", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "LOKET1::dukcapil", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "LOKET1:" CODE ":duk%ZZcapil", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "LOKET1:" CODE ":duk%00capil", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "LOKET1:" CODE ":duk%0Acapil", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "LOKET1:" CODE ":%FF", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "https://lacak.example.go.id/", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "https://lacak.example.go.id/t/hello?code=world", 0, LOKET_QR_PAYLOAD_ERROR_INVALID },
    { "0000-0000-00Z8-2", 1, LOKET_TRACKING_CODE_ERROR_CHECK },
    { "0000-0000-00Z8", 1, LOKET_TRACKING_CODE_ERROR_LENGTH },
    { "", 1, LOKET_TRACKING_CODE_ERROR_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LoketQrPayload) payload = loket_qr_payload_parse (cases[i].text, NULL, &error);
      GQuark domain = cases[i].domain == 0 ? LOKET_QR_PAYLOAD_ERROR : LOKET_TRACKING_CODE_ERROR;

      g_assert_null (payload);
      g_assert_error (error, domain, cases[i].code);
    }
}

/* build then parse gives back exactly the code and the agencies, in every form. */
static void
test_round_trip (void)
{
  const char *templates[] = {
    NULL,
    "https://lacak.example.go.id/t/{code}?a={agencies}",
    "https://lacak.example.go.id/{agencies}/x/{code}",
    "http://127.0.0.1:8080/track?code={code}&agencies={agencies}&v=1",
  };
  const char * const sets[][4] = {
    { NULL },
    { "dukcapil", NULL },
    { "dukcapil", "bpjs-kesehatan", "samsat", NULL },
    { "a,b", "c:d", "é/ü?&=#%", NULL },
  };

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *code = loket_tracking_code_generate ();

      for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
        for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *text = loket_qr_payload_build (templates[t], code, sets[s]);
            g_autoptr(LoketQrPayload) payload = loket_qr_payload_parse (text, templates[t],
                                                                        &error);

            g_assert_no_error (error);
            assert_payload (payload, code, sets[s]);
          }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr-payload/build", test_build);
  g_test_add_func ("/qr-payload/template-validity", test_template_validity);
  g_test_add_func ("/qr-payload/parse", test_parse);
  g_test_add_func ("/qr-payload/parse-errors", test_parse_errors);
  g_test_add_func ("/qr-payload/round-trip", test_round_trip);

  return g_test_run ();
}
