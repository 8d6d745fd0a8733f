/* test-config.c — the configuration file: values, defaults, every kind of problem with its
 * exact message, relative paths and the shipped example (test-config-programs.c: the files
 * it names, and how loketctl and loket react to a bad file)
 *
 * The tests run inside a temporary folder and name files relatively ("loket.conf"), so
 * the expected messages are written out in full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "config/loket-config.h"
#include "config/loket-config-private.h"
#include "test-tree.h"

static char *test_dir;

static char *
source_path (const char *relative)
{
  return g_build_filename (LOKET_TEST_SRCDIR, relative, NULL);
}

static LoketConfig *
load_good (const char *contents)
{
  g_autoptr(GError) error = NULL;
  LoketConfig *config;

  test_tree_write ("loket.conf", contents, -1);
  config = loket_config_load ("loket.conf", &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

/* Long, and kept whole: one assertion per value of config/data/good.conf, in the file's
 * order, so the test reads beside the file. */
static void
test_good (void)
{
  g_autofree char *path = source_path ("config/data/good.conf");
  g_autofree char *dir = source_path ("config/data");
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  const LoketAgencyConfig *agency;
  const char * const languages[] = { "en", "id", "jv", NULL };

  config = loket_config_load_full (path, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_cmpstr (config->path, ==, path);
  g_assert_cmpstr (config->kiosk_id, ==, "kiosk-7.lobby");
  g_assert_cmpstr (config->site, ==, "Mal Pelayanan Publik Kota Contoh");
  g_assert_true (g_strv_equal ((const char * const *) config->languages, languages));
  g_assert_cmpstr (config->default_language, ==, "id");
  g_assert_cmpuint (config->idle_timeout, ==, 120);
  expected = g_build_filename (dir, "catalog", NULL);
  g_assert_cmpstr (config->catalog_dir, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (dir, "state", NULL);
  g_assert_cmpstr (config->state_dir, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpstr (config->key_file, ==, "/run/credentials/loket.service/outbox.key");
  g_assert_cmpuint (config->pii_max_days, ==, 7);
  g_assert_cmpuint (config->retention_days, ==, 3650);

  g_assert_cmpstr (config->tracking_url, ==, "https://lacak.example/t/{code}?a={agencies}");

  g_assert_cmpint (config->printer_backend, ==, LOKET_PRINTER_ESCPOS_TCP);
  g_assert_cmpstr (config->printer_queue, ==, "Receipts");
  g_assert_cmpstr (config->printer_device, ==, "/dev/usb/lp1");
  g_assert_cmpstr (config->printer_host, ==, "192.0.2.40");
  g_assert_cmpuint (config->printer_port, ==, 9101);
  g_assert_cmpint (config->printer_width, ==, LOKET_PAPER_58MM);
  expected = g_build_filename (dir, "pdf", NULL);
  g_assert_cmpstr (config->printer_folder, ==, expected);
  g_clear_pointer (&expected, g_free);

  expected = g_build_filename (dir, "admin", "pin", NULL);
  g_assert_cmpstr (config->admin_pin_file, ==, expected);
  g_clear_pointer (&expected, g_free);

  g_assert_cmpuint (config->agencies->len, ==, 3);

  agency = g_ptr_array_index (config->agencies, 0);
  g_assert_true (agency == loket_config_get_agency (config, "dukcapil"));
  g_assert_cmpstr (agency->id, ==, "dukcapil");
  g_assert_cmpstr (agency->url, ==, "https://dukcapil.example/loket/v1");
  g_assert_cmpint (agency->profile, ==, LOKET_AGENCY_PROFILE_PLAIN);
  expected = g_build_filename (dir, "certs", "ca.pem", NULL);
  g_assert_cmpstr (agency->ca_file, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (dir, "certs", "kiosk.pem", NULL);
  g_assert_cmpstr (agency->client_cert, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (dir, "certs", "kiosk.key", NULL);
  g_assert_cmpstr (agency->client_key, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpstr (agency->pinned_key, ==,
                   "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=;"
                   "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  g_assert_cmpstr (agency->token_file, ==, "/etc/loket/dukcapil.token");
  g_assert_cmpuint (agency->timeout, ==, 300);
  g_assert_null (agency->token_url);
  g_assert_null (agency->client_id);
  g_assert_null (agency->client_secret_file);
  g_assert_null (agency->scope);
  g_assert_null (agency->xroad_client);
  g_assert_null (agency->xroad_service);
  g_assert_false (agency->allow_plain_http);

  agency = loket_config_get_agency (config, "djp");
  g_assert_nonnull (agency);
  g_assert_true (agency == g_ptr_array_index (config->agencies, 1));
  g_assert_cmpint (agency->profile, ==, LOKET_AGENCY_PROFILE_OAUTH2);
  g_assert_cmpstr (agency->url, ==, "http://api.djp.example/v1");
  g_assert_true (agency->allow_plain_http);
  g_assert_cmpstr (agency->token_url, ==, "http://api.djp.example/oauth2/token");
  g_assert_cmpstr (agency->client_id, ==, "loket kiosk 7");
  expected = g_build_filename (dir, "secrets", "djp.secret", NULL);
  g_assert_cmpstr (agency->client_secret_file, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpstr (agency->scope, ==, "");
  g_assert_cmpuint (agency->timeout, ==, 1);

  agency = loket_config_get_agency (config, "bpjs-kesehatan");
  g_assert_nonnull (agency);
  g_assert_cmpint (agency->profile, ==, LOKET_AGENCY_PROFILE_XROAD);
  g_assert_cmpstr (agency->url, ==, "http://[::1]:8443");
  g_assert_cmpstr (agency->xroad_client, ==, "ID/GOV/KOTA-CONTOH/loket");
  g_assert_cmpstr (agency->xroad_service, ==, "ID/GOV/BPJS-KESEHATAN/layanan/loket-agency");
  g_assert_cmpuint (agency->timeout, ==, 30);
  g_assert_false (agency->allow_plain_http);

  g_assert_null (loket_config_get_agency (config, "pajak"));

  /* Where each key was given, for messages written later. */
  g_assert_cmpuint (loket_config_get_line (config, "kiosk", "idle-timeout"), ==, 8);
  g_assert_cmpuint (loket_config_get_line (config, "agency bpjs-kesehatan", "profile"), ==, 52);
  g_assert_cmpuint (loket_config_get_line (config, "agency bpjs-kesehatan", NULL), ==, 50);
  g_assert_cmpuint (loket_config_get_line (config, "agency djp", "ca-file"), ==, 0);
}

static void
assert_defaults (LoketConfig *config)
{
  const char * const languages[] = { "id", "en", NULL };

  g_assert_cmpstr (config->kiosk_id, ==, "kiosk-1");
  g_assert_cmpstr (config->site, ==, "");
  g_assert_true (g_strv_equal ((const char * const *) config->languages, languages));
  g_assert_cmpstr (config->default_language, ==, "id");
  g_assert_cmpuint (config->idle_timeout, ==, 90);
  g_assert_cmpstr (config->catalog_dir, ==, LOKET_DEFAULT_CATALOG);
  g_assert_cmpstr (config->state_dir, ==, "/var/lib/loket");
  g_assert_cmpstr (config->key_file, ==, "/etc/loket/outbox.key");
  g_assert_cmpuint (config->pii_max_days, ==, 14);
  g_assert_cmpuint (config->retention_days, ==, 90);
  g_assert_null (config->tracking_url);
  g_assert_cmpint (config->printer_backend, ==, LOKET_PRINTER_NONE);
  g_assert_null (config->printer_queue);
  g_assert_null (config->printer_device);
  g_assert_null (config->printer_host);
  g_assert_cmpuint (config->printer_port, ==, 9100);
  g_assert_cmpint (config->printer_width, ==, LOKET_PAPER_80MM);
  g_assert_null (config->printer_folder);
  g_assert_cmpstr (config->admin_pin_file, ==, "/var/lib/loket/staff");
  g_assert_cmpuint (config->agencies->len, ==, 0);
}

static void
test_defaults (void)
{
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketConfig) empty = NULL;
  g_autoptr(LoketConfig) groups = NULL;
  g_autoptr(LoketConfig) one_agency = NULL;
  const LoketAgencyConfig *agency;

  config = loket_config_new_default ();
  g_assert_null (config->path);
  assert_defaults (config);

  empty = load_good ("");
  g_assert_cmpstr (empty->path, ==, "loket.conf");
  assert_defaults (empty);

  groups = load_good ("# nothing but groups\n\n[kiosk]\n[tracking]\n[printer]\n[admin]\n");
  assert_defaults (groups);

  one_agency = load_good ("[agency a]\nurl = https://a.example\n");
  agency = loket_config_get_agency (one_agency, "a");
  g_assert_nonnull (agency);
  g_assert_cmpstr (agency->url, ==, "https://a.example");
  g_assert_cmpint (agency->profile, ==, LOKET_AGENCY_PROFILE_PLAIN);
  g_assert_cmpuint (agency->timeout, ==, 30);
  g_assert_null (agency->ca_file);
  g_assert_null (agency->token_file);
  g_assert_false (agency->allow_plain_http);
}

static void
test_small_values (void)
{
  g_autoptr(LoketConfig) first_language = NULL;
  g_autoptr(LoketConfig) state = NULL;
  g_autoptr(LoketConfig) windows = NULL;
  g_autoptr(LoketConfig) loopback = NULL;
  g_autoptr(LoketConfig) track = NULL;
  g_autoptr(LoketConfig) speech = NULL;
  g_autofree char *pin = NULL;

  /* Without default-language, the first language offered. */
  first_language = load_good ("[kiosk]\nlanguages = en_US;ms\n");
  g_assert_cmpstr (first_language->default_language, ==, "en_US");

  /* The PIN lives in state-dir unless it is named. */
  state = load_good ("[kiosk]\nstate-dir = /srv/loket\n");
  g_assert_cmpstr (state->admin_pin_file, ==, "/srv/loket/staff");

  /* A byte order mark and CRLF line ends, as some editors write them. */
  windows = load_good ("\xEF\xBB\xBF[kiosk]\r\nidle-timeout = 45\r\n\r\n[printer]\r\n"
                       "backend = pdf\r\nfolder = /tmp/r\r\nwidth = a4");
  g_assert_cmpuint (windows->idle_timeout, ==, 45);
  g_assert_cmpint (windows->printer_backend, ==, LOKET_PRINTER_PDF);
  g_assert_cmpint (windows->printer_width, ==, LOKET_PAPER_A4);
  g_assert_cmpstr (windows->printer_folder, ==, "/tmp/r");

  loopback = load_good ("[agency a]\nurl = http://localhost:8080/\n"
                        "[agency b]\nurl = http://127.3.2.1///\n"
                        "[agency c]\nurl = http://[::1]/x/\n"
                        "[agency d]\nurl = http://LOCALHOST\n"
                        "[agency e]\nurl = http://10.0.0.5/\nallow-plain-http = true\n"
                        "[agency f]\nurl = https://f.example\nprofile = oauth2\n"
                        "token-url = http://127.0.0.1:9/token\nclient-id = k\n"
                        "client-secret-file = s\n");
  g_assert_cmpstr (loket_config_get_agency (loopback, "a")->url, ==, "http://localhost:8080");
  g_assert_cmpstr (loket_config_get_agency (loopback, "b")->url, ==, "http://127.3.2.1");
  g_assert_cmpstr (loket_config_get_agency (loopback, "c")->url, ==, "http://[::1]/x");
  g_assert_cmpstr (loket_config_get_agency (loopback, "d")->url, ==, "http://LOCALHOST");
  g_assert_cmpstr (loket_config_get_agency (loopback, "e")->url, ==, "http://10.0.0.5");
  g_assert_cmpstr (loket_config_get_agency (loopback, "f")->token_url, ==,
                   "http://127.0.0.1:9/token");
  pin = g_build_filename (test_dir, "s", NULL);
  g_assert_cmpstr (loket_config_get_agency (loopback, "f")->client_secret_file, ==, pin);

  track = load_good ("[track-web]\nlisten = [::1]:8443\npath-prefix = /loket/\n"
                     "cache-seconds = 0\nagency-timeout = 2\nrate-limit = 120\nrate-burst = 5\n"
                     "trusted-proxies = 127.0.0.1; 10.0.0.0/8 ,::1\n"
                     "[agency a]\nurl = https://a.example\ntrack-token-file = t\n");
  g_assert_cmpstr (track->track_listen, ==, "[::1]:8443");
  g_assert_cmpstr (track->track_path_prefix, ==, "/loket/");
  g_assert_cmpuint (track->track_cache_seconds, ==, 0);
  g_assert_cmpuint (track->track_agency_timeout, ==, 2);
  g_assert_cmpuint (track->track_rate_limit, ==, 120);
  g_assert_cmpuint (track->track_rate_burst, ==, 5);
  g_assert_cmpuint (g_strv_length (track->track_trusted_proxies), ==, 3);
  g_assert_cmpstr (track->track_trusted_proxies[1], ==, "10.0.0.0/8");
  g_assert_true (g_str_has_suffix (loket_config_get_agency (track, "a")->track_token_file, "/t"));

  /* The speech mode: offered, at espeak-ng's normal rate and volume, on a loudspeaker. */
  g_assert_true (state->speech_enabled);
  g_assert_cmpuint (state->speech_rate, ==, 175);
  g_assert_cmpuint (state->speech_volume, ==, 100);
  g_assert_false (state->speech_private);
  g_assert_null (state->speech_device);
  speech = load_good ("[speech]\nenabled = false\ndevice = hw:1,0\ndefault-rate = 140\n"
                      "volume = 150\nprivate = true\n");
  g_assert_false (speech->speech_enabled);
  g_assert_cmpstr (speech->speech_device, ==, "hw:1,0");
  g_assert_cmpuint (speech->speech_rate, ==, 140);
  g_assert_cmpuint (speech->speech_volume, ==, 150);
  g_assert_true (speech->speech_private);

  g_assert_cmpstr (loket_agency_profile_to_string (LOKET_AGENCY_PROFILE_OAUTH2), ==, "oauth2");
  g_assert_cmpstr (loket_printer_backend_to_string (LOKET_PRINTER_ESCPOS_DEVICE), ==,
                   "escpos-device");
  g_assert_cmpstr (loket_paper_width_to_string (LOKET_PAPER_A4), ==, "a4");
}

typedef struct {
  const char       *name;
  const char       *contents;
  LoketConfigError  code;
  const char       *message;
} BadFile;

static const BadFile bad_files[] = {
  /* Syntax */
  { "syntax", "[kiosk]\nid = k\nthis line has no equals sign\n", LOKET_CONFIG_ERROR_SYNTAX,
    "loket.conf:3: expected 'key = value', a [group] or a comment" },
  { "syntax-no-key", "[kiosk]\n = 5\n", LOKET_CONFIG_ERROR_SYNTAX,
    "loket.conf:2: expected 'key = value', a [group] or a comment" },
  { "syntax-before-group", "# first\nid = k\n[kiosk]\n", LOKET_CONFIG_ERROR_SYNTAX,
    "loket.conf:2: 'id' comes before any [group]" },
  { "syntax-group-unclosed", "[kiosk\nid = k\n", LOKET_CONFIG_ERROR_SYNTAX,
    "loket.conf:1: a [group] line must end with ']'" },
  { "syntax-agency-without-id", "[agency]\nurl = https://a.example\n", LOKET_CONFIG_ERROR_SYNTAX,
    "loket.conf:1: [agency]: an agency group needs the agency's id, as in [agency dukcapil]" },
  { "bad-agency-id", "\n[agency Dukcapil]\nurl = https://a.example\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [agency Dukcapil]: 'Dukcapil' is not an agency id "
    "(lower-case letters, digits, '-' and '_')" },

  /* Unknown */
  { "unknown-group", "[kiosk]\n\n\n\n\n\n\n\n[printr]\nbackend = pdf\n", LOKET_CONFIG_ERROR_UNKNOWN,
    "loket.conf:9: [printr]: unknown group" },
  { "unknown-key-suggestion", "[kiosk]\n# typo\nidel-timeout = 60\n", LOKET_CONFIG_ERROR_UNKNOWN,
    "loket.conf:3: [kiosk] idel-timeout: unknown key (did you mean 'idle-timeout'?)" },
  { "unknown-key-suggestion-agency", "[agency a]\nurl = https://a.example\ntoken_url = x\n",
    LOKET_CONFIG_ERROR_UNKNOWN,
    "loket.conf:3: [agency a] token_url: unknown key (did you mean 'token-url'?)" },
  { "unknown-key-case", "[kiosk]\nIdle-Timeout = 60\n", LOKET_CONFIG_ERROR_UNKNOWN,
    "loket.conf:2: [kiosk] Idle-Timeout: unknown key (did you mean 'idle-timeout'?)" },
  { "unknown-key", "[printer]\ncolour = red\n", LOKET_CONFIG_ERROR_UNKNOWN,
    "loket.conf:2: [printer] colour: unknown key" },
  { "unknown-key-other-group", "[kiosk]\nurl = https://t.example/{code}\n",
    LOKET_CONFIG_ERROR_UNKNOWN, "loket.conf:2: [kiosk] url: unknown key" },

  /* Duplicates */
  { "duplicate-key", "[kiosk]\nid = a\n\n\nidle-timeout = 60\n\n\n\n\n\n\nid = b\n",
    LOKET_CONFIG_ERROR_DUPLICATE,
    "loket.conf:12: [kiosk] id: given twice (first on line 2)" },
  { "duplicate-group", "[admin]\npin-file = p\n[kiosk]\n[admin]\npin-file = q\n",
    LOKET_CONFIG_ERROR_DUPLICATE, "loket.conf:4: [admin]: given twice (first on line 1)" },
  { "duplicate-agency", "[agency a]\nurl = https://a.example\n[agency  a]\n",
    LOKET_CONFIG_ERROR_DUPLICATE, "loket.conf:3: [agency a]: given twice (first on line 1)" },

  /* Bad values, one of each kind */
  { "seconds-not-number", "[kiosk]\n\n\n\n\n\nidle-timeout = soon\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:7: [kiosk] idle-timeout: 'soon' is not a whole number of seconds" },
  { "seconds-hex", "[kiosk]\nidle-timeout = 0x40\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] idle-timeout: '0x40' is not a whole number of seconds" },
  { "seconds-negative", "[kiosk]\nidle-timeout = -60\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] idle-timeout: '-60' is not a whole number of seconds" },
  { "seconds-low", "[kiosk]\nidle-timeout = 29\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] idle-timeout: '29' is out of range (30 to 3600 seconds)" },
  { "seconds-huge", "[kiosk]\nidle-timeout = 99999999999999999999999\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] idle-timeout: '99999999999999999999999' is out of range "
    "(30 to 3600 seconds)" },
  { "agency-timeout", "[agency a]\nurl = https://a.example\ntimeout = 301\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [agency a] timeout: '301' is out of range (1 to 300 seconds)" },
  { "days-not-number", "[kiosk]\npii-max-days = 2 weeks\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] pii-max-days: '2 weeks' is not a whole number of days" },
  { "days-range", "[kiosk]\nretention-days = 3651\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] retention-days: '3651' is out of range (1 to 3650 days)" },
  { "pii-days-zero", "[kiosk]\npii-max-days = 0\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] pii-max-days: '0' is out of range (1 to 365 days)" },
  { "retention-below-pii", "[kiosk]\nretention-days = 1\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] retention-days: '1' is less than pii-max-days (14): a request must "
    "stay trackable as long as its personal data is kept" },
  { "retention-below-pii-later", "[kiosk]\nretention-days = 10\nsite = Hall\npii-max-days = 30\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] retention-days: '10' is less than pii-max-days (30): a request must "
    "stay trackable as long as its personal data is kept" },
  { "pii-above-default-retention", "[kiosk]\nsite = Hall\npii-max-days = 120\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [kiosk] pii-max-days: '120' is more than retention-days (90, the default): a "
    "request must stay trackable as long as its personal data is kept" },
  { "port-range", "[printer]\nport = 65536\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [printer] port: '65536' is out of range (1 to 65535)" },
  { "port-not-number", "[printer]\nport = http\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [printer] port: 'http' is not a whole number" },
  { "boolean", "[agency a]\nurl = https://a.example\nallow-plain-http = yes\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [agency a] allow-plain-http: 'yes' is neither true nor false" },
  { "enum-suggestion", "[printer]\nbackend = cup\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [printer] backend: 'cup' is not one of cups, escpos-device, escpos-tcp, "
    "pdf, none (did you mean 'cups'?)" },
  { "enum-width", "[printer]\nwidth = 72\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [printer] width: '72' is not one of 58, 80, a4" },
  { "enum-profile", "[agency a]\nurl = https://a.example\nprofile = oath2\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [agency a] profile: 'oath2' is not one of plain, oauth2, xroad "
    "(did you mean 'oauth2'?)" },
  { "language", "[kiosk]\nlanguages = id;en\ndefault-language = Indonesian\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [kiosk] default-language: 'Indonesian' is not a language code "
    "(2 or 3 lower-case letters, optionally _XX, as in id or en_US)" },
  { "languages-item", "[kiosk]\nlanguages = id;EN\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] languages: 'EN' is not a language code "
    "(2 or 3 lower-case letters, optionally _XX, as in id or en_US)" },
  { "languages-empty-item", "[kiosk]\nlanguages = id;;en\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] languages: '' is not a language code "
    "(2 or 3 lower-case letters, optionally _XX, as in id or en_US)" },
  { "languages-twice", "[kiosk]\nlanguages = id;en;id\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] languages: 'id' is listed twice" },
  { "default-language-not-offered", "[kiosk]\nlanguages = id;en\ndefault-language = jv\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [kiosk] default-language: 'jv' is not one of the languages offered "
    "(languages = id;en)" },
  { "kiosk-id", "[kiosk]\nid = kiosk 1\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] id: 'kiosk 1' is not a kiosk id "
    "(letters, digits, '.', '-' and '_', at most 64)" },
  { "empty-value", "[kiosk]\ncatalog =\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [kiosk] catalog: no value after '=' (to keep the default, leave the key out)" },
  { "device-relative", "[printer]\nbackend = escpos-device\ndevice = lp0\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [printer] device: 'lp0' is not an absolute path (such as /dev/usb/lp0)" },
  { "host-url", "[printer]\nbackend = escpos-tcp\nhost = tcp://10.0.0.9\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [printer] host: 'tcp://10.0.0.9' is a URL: give only the printer's host "
    "name or address" },
  { "host", "[printer]\nbackend = escpos-tcp\nhost = printer one\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [printer] host: 'printer one' is not a host name or address" },
  { "tracking-no-code", "[tracking]\nurl = https://lacak.example/t/\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [tracking] url: 'https://lacak.example/t/' has no {code}, so the QR code "
    "would not name the request" },
  { "tracking-scheme", "[tracking]\nurl = ftp://lacak.example/{code}\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [tracking] url: 'ftp://lacak.example/{code}' is not an http:// or https:// URL" },
  { "url", "[agency a]\nurl = dukcapil.example\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [agency a] url: 'dukcapil.example' is not an https:// URL" },
  { "url-query", "[agency a]\nurl = https://a.example/v1?x=1\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [agency a] url: 'https://a.example/v1?x=1' has a query or fragment: give "
    "the base URL of the agency's back end" },
  { "url-password", "[agency a]\nurl = https://me:pw@a.example\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [agency a] url: 'https://me:pw@a.example' carries a user name or password: "
    "give them in the agency's token-file or client-secret-file instead" },
  { "pinned-key", "[agency a]\nurl = https://a.example\npinned-key = sha256/abc\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:3: [agency a] pinned-key: 'sha256/abc' is not a public key pin in curl's form "
    "sha256//BASE64 (the base64 of the key's SHA-256)" },
  { "xroad-client", "[agency a]\nurl = https://ss.example\nprofile = xroad\n"
    "xroad-client = ID/GOV\nxroad-service = ID/GOV/M/S/svc\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:4: [agency a] xroad-client: 'ID/GOV' is not an X-Road client id "
    "(INSTANCE/CLASS/MEMBER/SUBSYSTEM)" },
  { "xroad-service", "[agency a]\nurl = https://ss.example\nprofile = xroad\n"
    "xroad-client = ID/GOV/M/S\nxroad-service = ID//M/S/svc\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:5: [agency a] xroad-service: 'ID//M/S/svc' is not an X-Road service id "
    "(INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE)" },

  /* Plain HTTP: only to this machine, unless the agency allows it */
  { "http-not-loopback", "[agency dukcapil]\nurl = http://dukcapil.example/v1\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [agency dukcapil] url: 'http://dukcapil.example/v1' is plain HTTP to another "
    "machine: use https:// (or set allow-plain-http = true on a network you trust)" },
  { "http-not-loopback-address", "[agency a]\nurl = http://128.0.0.1\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [agency a] url: 'http://128.0.0.1' is plain HTTP to another machine: use "
    "https:// (or set allow-plain-http = true on a network you trust)" },
  { "http-token-url", "[agency a]\nurl = https://a.example\nprofile = oauth2\n"
    "token-url = http://sso.example/token\nclient-id = k\nclient-secret-file = s\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:4: [agency a] token-url: 'http://sso.example/token' is plain HTTP to another "
    "machine: use https:// (or set allow-plain-http = true on a network you trust)" },
  { "http-allowed-elsewhere", "[agency a]\nurl = http://a.example\nallow-plain-http = true\n"
    "[agency b]\nurl = http://b.example\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:5: [agency b] url: 'http://b.example' is plain HTTP to another machine: use "
    "https:// (or set allow-plain-http = true on a network you trust)" },

  /* Missing keys */
  { "agency-without-url", "[kiosk]\n[agency dukcapil]\ntimeout = 10\n",
    LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:2: [agency dukcapil] url: missing (the base URL of the agency's back end)" },
  { "oauth2-without-token-url", "[agency a]\nurl = https://a.example\nprofile = oauth2\n"
    "client-id = k\nclient-secret-file = s\n", LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:1: [agency a] token-url: missing (profile oauth2 needs it)" },
  { "oauth2-without-secret", "[agency a]\nurl = https://a.example\nprofile = oauth2\n"
    "client-id = k\ntoken-url = https://a.example/token\n", LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:1: [agency a] client-secret-file: missing (profile oauth2 needs it)" },
  { "xroad-without-service", "\n[agency a]\nurl = https://ss.example\nprofile = xroad\n"
    "xroad-client = ID/GOV/M/S\n", LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:2: [agency a] xroad-service: missing (profile xroad needs it)" },
  { "client-cert-without-key", "[agency a]\nurl = https://a.example\nclient-cert = c.pem\n",
    LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:3: [agency a] client-cert: given without client-key (mutual TLS needs both)" },
  { "client-key-without-cert", "[agency a]\nurl = https://a.example\nclient-key = c.key\n",
    LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:3: [agency a] client-key: given without client-cert (mutual TLS needs both)" },
  { "escpos-tcp-without-host", "[printer]\nport = 9100\nbackend = escpos-tcp\n",
    LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:3: [printer] host: missing (backend escpos-tcp needs it)" },
  { "escpos-device-without-device", "[printer]\nbackend = escpos-device\n",
    LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:2: [printer] device: missing (backend escpos-device needs it)" },
  { "pdf-without-folder", "[printer]\nbackend = pdf\n", LOKET_CONFIG_ERROR_MISSING,
    "loket.conf:2: [printer] folder: missing (backend pdf needs it)" },

  /* [track-web], loket-track's */
  { "track-listen-host-name", "[track-web]\nlisten = localhost:8080\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [track-web] listen: 'localhost:8080' is not an address and port such as "
    "127.0.0.1:8080 or [::1]:8080" },
  { "track-listen-no-port", "[track-web]\nlisten = 127.0.0.1\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [track-web] listen: '127.0.0.1' is not an address and port such as "
    "127.0.0.1:8080 or [::1]:8080" },
  { "track-path-prefix", "[track-web]\npath-prefix = /loket\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [track-web] path-prefix: '/loket' is not a URL path that begins and ends "
    "with '/', such as /loket/" },
  { "track-trusted-proxies", "[track-web]\ntrusted-proxies = 127.0.0.1; nginx.local\n",
    LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [track-web] trusted-proxies: 'nginx.local' is not an IP address or a network "
    "such as 10.0.0.0/8" },
  { "track-agency-timeout", "[track-web]\nagency-timeout = 0\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [track-web] agency-timeout: '0' is out of range (1 to 60 seconds)" },

  /* [speech] */
  { "speech-rate", "[speech]\ndefault-rate = 50\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [speech] default-rate: '50' is out of range (80 to 450)" },
  { "speech-volume", "[speech]\nvolume = loud\n", LOKET_CONFIG_ERROR_BAD_VALUE,
    "loket.conf:2: [speech] volume: 'loud' is not a whole number" },

  /* Encoding and size */
  { "not-utf8", "[kiosk]\nsite = Mal Pelayanan \xe9\xe9\n", LOKET_CONFIG_ERROR_ENCODING,
    "loket.conf:2: not valid UTF-8 (save the file as UTF-8)" },
  { "control-character", "[kiosk]\nsite = Mal\033[2J\n", LOKET_CONFIG_ERROR_ENCODING,
    "loket.conf:2: contains a control character (0x1B)" },
  { "tab-is-fine-but-bell-is-not", "[kiosk]\n\tid\t=\tk\n# \a\n", LOKET_CONFIG_ERROR_ENCODING,
    "loket.conf:3: contains a control character (0x07)" },
  { "latin1-comment", "# caf\xe9\n[kiosk]\n", LOKET_CONFIG_ERROR_ENCODING,
    "loket.conf:1: not valid UTF-8 (save the file as UTF-8)" },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) plain_error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketConfig) plain = NULL;

  test_tree_write ("loket.conf", bad->contents, -1);

  config = loket_config_load_full ("loket.conf", &problems, &error);
  g_assert_null (config);
  g_assert_error (error, LOKET_CONFIG_ERROR, (int) bad->code);
  g_assert_cmpstr (error->message, ==, bad->message);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((GError *) g_ptr_array_index (problems, 0))->message, ==, bad->message);

  /* What loket itself calls. */
  plain = loket_config_load ("loket.conf", &plain_error);
  g_assert_null (plain);
  g_assert_error (plain_error, LOKET_CONFIG_ERROR, (int) bad->code);
  g_assert_cmpstr (plain_error->message, ==, bad->message);
}

static void
assert_only_problem (const char       *contents,
                     gssize            length,
                     LoketConfigError  code,
                     const char       *message)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;

  test_tree_write ("loket.conf", contents, length);
  config = loket_config_load_full ("loket.conf", &problems, &error);
  g_assert_null (config);
  g_assert_error (error, LOKET_CONFIG_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new ("[kiosk]\nsite = ");
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketConfig) longest = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  char *large;

  /* The longest line allowed is read; one byte more is refused. */
  while (text->len < strlen ("[kiosk]\n") + 4096)
    g_string_append_c (text, 'x');
  g_string_append_c (text, '\n');
  longest = load_good (text->str);
  g_assert_cmpuint (strlen (longest->site), ==, 4096 - strlen ("site = "));

  g_string_insert_c (text, text->len - 1, 'x');
  assert_only_problem (text->str, -1, LOKET_CONFIG_ERROR_SYNTAX,
                       "loket.conf:2: line longer than 4096 bytes");

  assert_only_problem ("[kiosk]\nid = a\0b\n", 17, LOKET_CONFIG_ERROR_ENCODING,
                       "loket.conf:2: contains a NUL byte: is this a text file?");

  /* 1 MiB of comments is a file; one byte more is not. */
  large = g_malloc (1024 * 1024 + 1);
  for (gsize i = 0; i < 1024 * 1024; i += 64)
    {
      memset (large + i, '#', 63);
      large[i + 63] = '\n';
    }
  test_tree_write ("loket.conf", large, 1024 * 1024);
  config = loket_config_load ("loket.conf", &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);

  large[1024 * 1024] = '#';
  assert_only_problem (large, 1024 * 1024 + 1, LOKET_CONFIG_ERROR_IO,
                       "loket.conf: larger than 1 MiB: is this the right file?");

  g_assert_null (loket_config_load_from_data (large, 1024 * 1024 + 1, "mem.conf", &problems,
                                              &error));
  g_assert_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "mem.conf: larger than 1 MiB: is this the right file?");
  g_assert_cmpuint (problems->len, ==, 1);
  g_free (large);
}

static void
test_unreadable (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) dir_error = NULL;
  g_autoptr(LoketConfig) config = NULL;

  config = loket_config_load_full ("missing.conf", &problems, &error);
  g_assert_null (config);
  g_assert_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "missing.conf: cannot read: No such file or directory");
  g_assert_cmpuint (problems->len, ==, 1);

  g_assert_cmpint (g_mkdir_with_parents ("a-folder.conf", 0700), ==, 0);
  config = loket_config_load ("a-folder.conf", &dir_error);
  g_assert_null (config);
  g_assert_error (dir_error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_IO);
  g_assert_cmpstr (dir_error->message, ==, "a-folder.conf: cannot read: Is a directory");
}

static void
test_all_problems (void)
{
  const char *contents =
    "[agency x]\n"                          /* 1: no url (found at the end) */
    "timeout = 0\n"                          /* 2 */
    "[kiosk]\n"                              /* 3 */
    "idle-timeout = soon\n"                  /* 4 */
    "idel-timeout = 60\n"                    /* 5 */
    "idle-timeout = 60\n"                    /* 6 */
    "default-language = fr\n"                /* 7: not offered (found at the end) */
    "[printr]\n"                             /* 8 */
    "backend = pdf\n"                        /* 9: in an unknown group: not reported */
    "what is this\n"                         /* 10 */
    "[agency y]\n"                           /* 11 */
    "url = http://y.example\n"               /* 12: plain HTTP (found at the end) */
    "site = \xff\n";                         /* 13 */
  const char *expected[] = {
    "loket.conf:1: [agency x] url: missing (the base URL of the agency's back end)",
    "loket.conf:2: [agency x] timeout: '0' is out of range (1 to 300 seconds)",
    "loket.conf:4: [kiosk] idle-timeout: 'soon' is not a whole number of seconds",
    "loket.conf:5: [kiosk] idel-timeout: unknown key (did you mean 'idle-timeout'?)",
    "loket.conf:6: [kiosk] idle-timeout: given twice (first on line 4)",
    "loket.conf:7: [kiosk] default-language: 'fr' is not one of the languages offered "
      "(languages = id;en)",
    "loket.conf:8: [printr]: unknown group",
    "loket.conf:10: expected 'key = value', a [group] or a comment",
    "loket.conf:12: [agency y] url: 'http://y.example' is plain HTTP to another machine: use "
      "https:// (or set allow-plain-http = true on a network you trust)",
    "loket.conf:13: not valid UTF-8 (save the file as UTF-8)",
  };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;

  test_tree_write ("loket.conf", contents, -1);
  config = loket_config_load_full ("loket.conf", &problems, &error);
  g_assert_null (config);

  /* The error is the first problem in the file, though it was found last. */
  g_assert_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==, expected[0]);

  for (guint i = 0; i < MIN (problems->len, G_N_ELEMENTS (expected)); i++)
    g_assert_cmpstr (((GError *) g_ptr_array_index (problems, i))->message, ==, expected[i]);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
}

static void
test_relative_paths (void)
{
  g_autofree char *sub = g_build_filename (test_dir, "site", "conf", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;

  g_assert_cmpint (g_mkdir_with_parents ("site/conf", 0700), ==, 0);
  test_tree_write ("site/conf/loket.conf",
              "[kiosk]\n"
              "catalog = catalog\n"
              "state-dir = ../state/./kiosk/\n"
              "key-file = /etc/loket/../loket/outbox.key\n"
              "[printer]\n"
              "folder = out\n"
              "[admin]\n"
              "pin-file = ./pin\n"
              "[agency a]\n"
              "url = https://a.example\n"
              "ca-file = ../certs/ca.pem\n"
              "client-cert = c.pem\n"
              "client-key = c.key\n"
              "token-file = t\n"
              "[agency b]\n"
              "url = https://b.example\n"
              "profile = oauth2\n"
              "token-url = https://b.example/token\n"
              "client-id = k\n"
              "client-secret-file = secret\n", -1);

  /* Given relatively, as on a command line: resolved against the current folder. */
  config = loket_config_load ("site/conf/loket.conf", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (config->path, ==, "site/conf/loket.conf");

  expected = g_build_filename (sub, "catalog", NULL);
  g_assert_cmpstr (config->catalog_dir, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (test_dir, "site", "state", "kiosk", NULL);
  g_assert_cmpstr (config->state_dir, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpstr (config->key_file, ==, "/etc/loket/outbox.key");
  expected = g_build_filename (sub, "out", NULL);
  g_assert_cmpstr (config->printer_folder, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (sub, "pin", NULL);
  g_assert_cmpstr (config->admin_pin_file, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (test_dir, "site", "certs", "ca.pem", NULL);
  g_assert_cmpstr (loket_config_get_agency (config, "a")->ca_file, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (sub, "c.pem", NULL);
  g_assert_cmpstr (loket_config_get_agency (config, "a")->client_cert, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (sub, "c.key", NULL);
  g_assert_cmpstr (loket_config_get_agency (config, "a")->client_key, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (sub, "t", NULL);
  g_assert_cmpstr (loket_config_get_agency (config, "a")->token_file, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_build_filename (sub, "secret", NULL);
  g_assert_cmpstr (loket_config_get_agency (config, "b")->client_secret_file, ==, expected);
}

/* The shipped example must itself be valid, and so must every example in it: the lines
 * "#key = value" and "#[group]" are what a deployer uncomments. */
static void
test_example (void)
{
  g_autofree char *path = source_path ("../data/loket.conf.example");
  g_autofree char *contents = NULL;
  g_autoptr(GString) uncommented = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) example = NULL;
  g_autoptr(LoketConfig) full = NULL;
  guint uncommented_lines = 0;

  example = loket_config_load (path, &error);
  g_assert_no_error (error);
  assert_defaults (example);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '#' && (g_ascii_islower (line[1]) || line[1] == '['))
        {
          line++;
          uncommented_lines++;
        }
      g_string_append_printf (uncommented, "%s\n", line);
    }
  g_assert_cmpuint (uncommented_lines, >, 40);

  test_tree_write ("example.conf", uncommented->str, -1);
  full = loket_config_load ("example.conf", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->agencies->len, ==, 3);
  g_assert_cmpint (((LoketAgencyConfig *) g_ptr_array_index (full->agencies, 0))->profile, ==,
                   LOKET_AGENCY_PROFILE_PLAIN);
  g_assert_cmpint (((LoketAgencyConfig *) g_ptr_array_index (full->agencies, 1))->profile, ==,
                   LOKET_AGENCY_PROFILE_OAUTH2);
  g_assert_cmpint (((LoketAgencyConfig *) g_ptr_array_index (full->agencies, 2))->profile, ==,
                   LOKET_AGENCY_PROFILE_XROAD);
  g_assert_nonnull (full->tracking_url);

  /* Every key the parser knows is documented by an example line. */
  for (const char * const *key = (const char * const[]) {
         "id", "site", "languages", "default-language", "idle-timeout", "catalog",
         "state-dir", "key-file", "pii-max-days", "retention-days", "url", "backend",
         "queue", "device", "host", "port", "width", "folder", "pin-file", "profile",
         "ca-file", "client-cert", "client-key", "pinned-key", "token-file", "timeout",
         "token-url", "client-id", "client-secret-file", "scope", "xroad-client",
         "xroad-service", "allow-plain-http", "track-token-file", "listen", "path-prefix",
         "cache-seconds", "agency-timeout", "rate-limit", "rate-burst", "max-agency-calls",
         "trusted-proxies", NULL };
       *key != NULL; key++)
    {
      g_autofree char *needle = g_strdup_printf ("\n#%s = ", *key);

      if (strstr (contents, needle) == NULL)
        g_error ("data/loket.conf.example has no example line for '%s'", *key);
    }
}

/* curl matches a list of pins only when ';' alone joins them: the spaces a person types
 * around it are taken out when the file is read, so "A; B" pins as "A;B" does. */
static void
test_pinned_key_spaces (void)
{
  g_autoptr(LoketConfig) config = NULL;

  config = load_good ("[agency a]\nurl = https://a.example\n"
                      "pinned-key = sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE= ;  "
                      "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
  g_assert_cmpstr (loket_config_get_agency (config, "a")->pinned_key, ==,
                   "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=;"
                   "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
}

/* Every profile in the table of choices: given alone, each key it needs is reported missing,
 * once, in the table's words; a profile that needs none loads. */
static void
test_profile_needs (void)
{
  for (const LoketConfigChoice *c = loket_config_agency_profiles; c->name != NULL; c++)
    {
      g_autofree char *contents = g_strdup_printf ("[agency a]\nurl = https://a.example\n"
                                                   "profile = %s\n", c->name);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LoketConfig) config = NULL;
      guint n_needs = 0;

      g_test_message ("profile %s", c->name);
      test_tree_write ("loket.conf", contents, -1);
      config = loket_config_load_full ("loket.conf", &problems, &error);
      while (n_needs < G_N_ELEMENTS (c->needs) && c->needs[n_needs] != NULL)
        n_needs++;

      g_assert_cmpstr (loket_agency_profile_to_string (c->value), ==, c->name);
      if (n_needs == 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (config);
          continue;
        }
      g_assert_null (config);
      g_assert_cmpuint (problems->len, ==, n_needs);
      for (guint i = 0; i < n_needs; i++)
        {
          g_autofree char *expected =
            g_strdup_printf ("loket.conf:1: [agency a] %s: missing (profile %s needs it)",
                             c->needs[i], c->name);

          g_assert_cmpstr (((GError *) g_ptr_array_index (problems, i))->message, ==, expected);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);

  test_dir = test_tree_enter_temp ("loket-config-XXXXXX");

  g_test_add_func ("/config/good", test_good);
  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/small-values", test_small_values);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/config/bad/%s", bad_files[i].name);

      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }
  g_test_add_func ("/config/limits", test_limits);
  g_test_add_func ("/config/unreadable", test_unreadable);
  g_test_add_func ("/config/all-problems", test_all_problems);
  g_test_add_func ("/config/relative-paths", test_relative_paths);
  g_test_add_func ("/config/example", test_example);
  g_test_add_func ("/config/pinned-key-spaces", test_pinned_key_spaces);
  g_test_add_func ("/config/profile-needs", test_profile_needs);

  result = g_test_run ();

  test_tree_leave_temp (test_dir);
  g_free (test_dir);
  return result;
}
