/* test-reason.c — reasons are stored as codes with arguments and put into words when read,
 * in the reader's language; what an older Loket stored as words stays readable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "net/loket-reason.h"

/* One reason of every code Loket stores, with typical arguments (as JSON). */
static const char * const every_reason[] = {
  "{\"code\":\"http-status\",\"status\":503}",
  "{\"code\":\"answer-status\",\"status\":503}",
  "{\"code\":\"busy\",\"status\":409}",
  "{\"code\":\"unexpected-status\",\"status\":302}",
  "{\"code\":\"accepted\",\"status\":201}",
  "{\"code\":\"accepted\",\"status\":200,\"replay\":true}",
  "{\"code\":\"no-reference\",\"status\":201,\"body\":\"empty\"}",
  "{\"code\":\"no-reference\",\"status\":201,\"body\":\"not-json\"}",
  "{\"code\":\"no-reference\",\"status\":201,\"body\":\"not-object\"}",
  "{\"code\":\"no-reference\",\"status\":202,\"body\":\"no-reference\"}",
  "{\"code\":\"unreadable-reasons\",\"status\":422,\"body\":\"no-errors\"}",
  "{\"code\":\"idempotency-key-reused\",\"status\":422}",
  "{\"code\":\"rejected\",\"status\":422,\"count\":1}",
  "{\"code\":\"rejected\",\"status\":422,\"count\":3}",
  "{\"code\":\"malformed\",\"status\":400}",
  "{\"code\":\"credentials\",\"status\":401}",
  "{\"code\":\"xroad-server\",\"status\":500,\"xroad_error\":\"Server.ServerProxy.NetworkError\"}",
  "{\"code\":\"xroad-client\",\"status\":400,\"xroad_error\":\"Client.AccessDenied\"}",
  "{\"code\":\"track-answer\",\"body\":\"no-submissions\"}",
  "{\"code\":\"transport\",\"kind\":\"connect\",\"curl\":7,\"text\":\"Connection refused\"}",
  "{\"code\":\"transport\",\"kind\":\"timeout\",\"curl\":28}",
  "{\"code\":\"transport\",\"kind\":\"tls\",\"curl\":60}",
  "{\"code\":\"transport\",\"kind\":\"tls\",\"curl\":90}",
  "{\"code\":\"transport\",\"kind\":\"tls\",\"curl\":58}",
  "{\"code\":\"transport\",\"kind\":\"tls\",\"curl\":35}",
  "{\"code\":\"transport\",\"kind\":\"connect\",\"curl\":56,\"client_cert\":true}",
  "{\"code\":\"transport\",\"kind\":\"too-large\",\"limit\":1048576}",
  "{\"code\":\"transport\",\"kind\":\"protocol\",\"curl\":18}",
  "{\"code\":\"transport\",\"kind\":\"refused\",\"curl\":1}",
  "{\"code\":\"transport\",\"kind\":\"failed\"}",
  "{\"code\":\"url-invalid\",\"url\":\"htp:/x\"}",
  "{\"code\":\"url-scheme\",\"url\":\"ftp://x\"}",
  "{\"code\":\"url-plain-http\",\"host\":\"agency.example\"}",
  "{\"code\":\"token-file\",\"file\":\"/etc/loket/djp.token\",\"file_error\":4}",
  "{\"code\":\"token-file\",\"file\":\"/etc/loket/djp.token\",\"file_error\":0}",
  "{\"code\":\"token-file\",\"file\":\"/etc/loket/djp.token\",\"file_error\":2}",
  "{\"code\":\"token-file\",\"file\":\"/etc/loket/djp.token\",\"file_error\":24}",
  "{\"code\":\"token-too-large\",\"file\":\"/etc/loket/djp.token\",\"limit\":8192}",
  "{\"code\":\"secret-file\",\"file\":\"/etc/loket/djp.token\",\"kind\":\"token-file\","
    "\"problem\":\"mode\",\"mode\":420}",
  "{\"code\":\"secret-file\",\"file\":\"/etc/loket/c.key\",\"kind\":\"client-key\","
    "\"problem\":\"symlink\"}",
  "{\"code\":\"secret-file\",\"file\":\"/etc/loket/c.key\",\"kind\":\"client-key\","
    "\"problem\":\"not-regular\",\"type\":\"fifo\"}",
  "{\"code\":\"secret-file\",\"file\":\"/etc/loket/c.key\",\"kind\":\"client-key\","
    "\"problem\":\"not-regular\",\"type\":\"folder\"}",
  "{\"code\":\"secret-file\",\"file\":\"/etc/loket/c.key\",\"kind\":\"client-key\","
    "\"problem\":\"not-regular\",\"type\":\"device\"}",
  "{\"code\":\"secret-file\",\"file\":\"/etc/loket/c.key\",\"kind\":\"client-key\","
    "\"problem\":\"not-regular\",\"type\":\"socket\"}",
  "{\"code\":\"secret-file\",\"file\":\"/etc/loket/djp.token\",\"kind\":\"token-file\","
    "\"problem\":\"too-large\",\"limit\":8192}",
  "{\"code\":\"secret-file\",\"file\":\"/s\",\"kind\":\"client-secret\",\"agency\":\"samsat\","
    "\"problem\":\"empty\"}",
  "{\"code\":\"secret-file\",\"file\":\"/s\",\"kind\":\"client-secret\",\"agency\":\"samsat\","
    "\"problem\":\"missing\"}",
  "{\"code\":\"secret-file\",\"file\":\"/s\",\"kind\":\"client-secret\",\"agency\":\"samsat\","
    "\"problem\":\"denied\",\"uid\":999}",
  "{\"code\":\"secret-file\",\"file\":\"/s\",\"kind\":\"client-secret\",\"agency\":\"samsat\","
    "\"problem\":\"owner\",\"owner\":1000,\"uid\":999}",
  "{\"code\":\"secret-file\",\"file\":\"/k\",\"kind\":\"outbox-key\",\"problem\":\"size\","
    "\"size\":31,\"limit\":32}",
  "{\"code\":\"secret-file\",\"file\":\"/k\",\"kind\":\"client-key\",\"problem\":\"failed\","
    "\"errno\":5}",
  "{\"code\":\"oauth2-no-secret-file\",\"agency\":\"samsat\"}",
  "{\"code\":\"oauth2-secret-unreadable\",\"agency\":\"samsat\",\"file\":\"/s\",\"file_error\":4}",
  "{\"code\":\"oauth2-secret-open\",\"agency\":\"samsat\",\"file\":\"/s\",\"mode\":420}",
  "{\"code\":\"oauth2-secret-not-text\",\"agency\":\"samsat\",\"file\":\"/s\"}",
  "{\"code\":\"oauth2-secret-empty\",\"agency\":\"samsat\",\"file\":\"/s\"}",
  "{\"code\":\"oauth2-answer-not-json\",\"agency\":\"samsat\"}",
  "{\"code\":\"oauth2-no-access-token\",\"agency\":\"samsat\"}",
  "{\"code\":\"oauth2-token-type\",\"agency\":\"samsat\",\"type\":\"mac\"}",
  "{\"code\":\"oauth2-unreachable\",\"agency\":\"samsat\",\"cause\":"
    "{\"code\":\"transport\",\"kind\":\"connect\",\"curl\":7}}",
  "{\"code\":\"oauth2-refused\",\"agency\":\"samsat\",\"status\":401,\"error\":\"invalid_client\","
    "\"file\":\"/s\"}",
  "{\"code\":\"oauth2-refused\",\"agency\":\"samsat\",\"status\":400,\"file\":\"/s\"}",
  "{\"code\":\"oauth2-status\",\"agency\":\"samsat\",\"status\":502}",
  "{\"code\":\"oauth2-config\",\"agency\":\"samsat\"}",
  "{\"code\":\"oauth2-url\",\"agency\":\"samsat\"}",
  "{\"code\":\"no-agency-config\",\"agency\":\"bpjs\"}",
  "undecryptable",
  "expired",
  "garbage",
  "held",
  "staff",
  "prerequisite-ended",
  "agency-refused",
};

static char *
words_in (const char *language,
          const char *stored)
{
  loket_i18n_set_language (language);
  return loket_reason_format (stored);
}

static void
test_round_trip (void)
{
  g_autoptr(LoketReason) reason = loket_reason_new ("http-status");
  g_autoptr(LoketReason) parsed = NULL;
  g_autoptr(LoketReason) bare = loket_reason_new ("expired");
  g_autoptr(JsonNode) args = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *bare_stored = NULL;

  loket_reason_set_int (reason, "status", 503);
  loket_reason_set_string (reason, "ignored", NULL);
  stored = loket_reason_serialize (reason);
  g_assert_cmpstr (stored, ==, "{\"code\":\"http-status\",\"status\":503}");

  parsed = loket_reason_parse (stored);
  g_assert_cmpstr (loket_reason_get_code (parsed), ==, "http-status");
  g_assert_cmpint (loket_reason_get_int (parsed, "status", 0), ==, 503);
  g_assert_cmpint (loket_reason_get_int (parsed, "missing", -1), ==, -1);
  g_assert_null (loket_reason_get_string (parsed, "status"));

  args = loket_reason_get_args (parsed);
  g_assert_nonnull (args);
  g_assert_cmpint (json_object_get_size (json_node_get_object (args)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (args), "status"), ==, 503);

  /* A code without arguments is stored bare, as the outbox's own codes are. */
  bare_stored = loket_reason_serialize (bare);
  g_assert_cmpstr (bare_stored, ==, "expired");
  g_assert_null (loket_reason_get_args (bare));
}

/* Rows stored before reasons were codes hold English words: they are shown as they are. */
static void
test_old_rows (void)
{
  const char * const old[] = {
    "HTTP 503",
    "credentials refused (401)",
    "the configuration has no [agency bpjs] group",
    "{not json at all",
    "{\"no\":\"code\"}",
    "{\"code\":\"Not A Code\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_autoptr(LoketReason) reason = loket_reason_parse (old[i]);
      g_autofree char *en = words_in ("en", old[i]);
      g_autofree char *id = words_in ("id", old[i]);

      g_assert_cmpstr (loket_reason_get_code (reason), ==, "text");
      g_assert_cmpstr (en, ==, old[i]);
      g_assert_cmpstr (id, ==, old[i]);
    }

  g_assert_null (loket_reason_format (NULL));
}

/* A code this Loket has no words for (from a newer one) still says what is stored. */
static void
test_unknown_code (void)
{
  g_autofree char *en = words_in ("en", "{\"code\":\"quantum-flux\",\"level\":3}");
  g_autofree char *bare = words_in ("en", "quantum-flux");

  g_assert_nonnull (strstr (en, "quantum-flux"));
  g_assert_nonnull (strstr (en, "3"));
  g_assert_nonnull (strstr (bare, "quantum-flux"));
}

/* Every code has its words in English and in Indonesian, and they differ: a reason is put
 * into words in the reader's language, whatever the language when it was stored. */
static void
test_every_code_in_both_languages (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (every_reason); i++)
    {
      g_autoptr(LoketReason) reason = loket_reason_parse (every_reason[i]);
      g_autofree char *en = words_in ("en", every_reason[i]);
      g_autofree char *id = words_in ("id", every_reason[i]);

      g_test_message ("%s\n  en: %s\n  id: %s", every_reason[i], en, id);
      g_assert_cmpstr (loket_reason_get_code (reason), !=, "text");
      g_assert_cmpstr (en, !=, id);
      /* Never a stored form in the words, never a fallback. */
      g_assert_null (strchr (en, '{'));
      g_assert_null (strchr (id, '{'));
      g_assert_false (g_str_has_prefix (en, "Reason "));
    }
}

static void
test_words (void)
{
  g_autofree char *en = words_in ("en", "{\"code\":\"http-status\",\"status\":503}");
  g_autofree char *id = words_in ("id", "{\"code\":\"http-status\",\"status\":503}");
  g_autofree char *en_one = words_in ("en", "{\"code\":\"rejected\",\"status\":422,\"count\":1}");
  g_autofree char *en_two = words_in ("en", "{\"code\":\"rejected\",\"status\":422,\"count\":2}");
  g_autofree char *mode = words_in ("en", "{\"code\":\"oauth2-secret-open\",\"file\":\"/s\","
                                          "\"mode\":420}");
  g_autofree char *secret = words_in ("en", "{\"code\":\"secret-file\",\"file\":"
                                            "\"/etc/loket/djp.token\",\"kind\":\"token-file\","
                                            "\"problem\":\"mode\",\"mode\":420}");
  g_autofree char *cause = words_in ("id", "{\"code\":\"oauth2-unreachable\",\"agency\":"
                                           "\"samsat\",\"cause\":{\"code\":\"transport\","
                                           "\"kind\":\"timeout\",\"curl\":28}}");
  g_autofree char *curl = words_in ("id", "{\"code\":\"transport\",\"kind\":\"connect\","
                                          "\"curl\":7,\"text\":\"Connection refused\"}");

  g_assert_cmpstr (en, ==, "The agency answered HTTP 503; the part will be sent again");
  g_assert_nonnull (strstr (id, "HTTP 503"));
  g_assert_nonnull (strstr (id, "Instansi"));
  /* Counts use the plural forms of the language. */
  g_assert_nonnull (strstr (en_one, "with 1 reason "));
  g_assert_nonnull (strstr (en_two, "with 2 reasons "));
  g_assert_nonnull (strstr (mode, "mode 0644"));
  g_assert_cmpstr (secret, ==, "/etc/loket/djp.token (token file): mode 0644: the file must be "
                               "readable by its owner only (chmod 600)");
  /* A cause is said in the same language as the reason. */
  g_assert_nonnull (strstr (cause, "samsat"));
  g_assert_nonnull (strstr (cause, "tepat waktu"));
  /* libcurl's own words stay as libcurl wrote them, after ours. */
  g_assert_true (g_str_has_suffix (curl, "(curl: Connection refused)"));
  g_assert_false (g_str_has_prefix (curl, "Cannot"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  loket_i18n_init ();

  g_test_add_func ("/reason/round-trip", test_round_trip);
  g_test_add_func ("/reason/old-rows", test_old_rows);
  g_test_add_func ("/reason/unknown-code", test_unknown_code);
  g_test_add_func ("/reason/every-code-in-both-languages", test_every_code_in_both_languages);
  g_test_add_func ("/reason/words", test_words);

  return g_test_run ();
}
