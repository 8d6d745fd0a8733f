/* loket-config-parse.c — scans a configuration file line by line
 *
 * GKeyFile gives no line numbers and merges a key or group given twice without a word, so
 * the file is scanned here line by line. Every problem becomes one message
 * "FILE:LINE: [group] key: what is wrong"; scanning goes on after a problem, so that
 * `loketctl check-config` can list them all at once, and the checks that need a whole
 * group (a missing url, a plain-HTTP url that allow-plain-http permits) run at the end,
 * after which the problems are put back in file order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-config-private.h"
#include "loket-config-parser.h"

#define KIOSK(field) G_STRUCT_OFFSET (LoketConfig, field)
#define AGENCY(field) G_STRUCT_OFFSET (LoketAgencyConfig, field)

static const KeySpec keys[] = {
  { GROUP_KIOSK, "id", VALUE_KIOSK_ID, KIOSK (kiosk_id) },
  { GROUP_KIOSK, "site", VALUE_TEXT, KIOSK (site), .allow_empty = TRUE },
  { GROUP_KIOSK, "languages", VALUE_LANGUAGES, KIOSK (languages) },
  { GROUP_KIOSK, "default-language", VALUE_LANGUAGE, KIOSK (default_language) },
  { GROUP_KIOSK, "idle-timeout", VALUE_SECONDS, KIOSK (idle_timeout), 30, 3600 },
  { GROUP_KIOSK, "catalog", VALUE_PATH, KIOSK (catalog_dir) },
  { GROUP_KIOSK, "state-dir", VALUE_PATH, KIOSK (state_dir) },
  { GROUP_KIOSK, "key-file", VALUE_PATH, KIOSK (key_file) },
  { GROUP_KIOSK, "pii-max-days", VALUE_DAYS, KIOSK (pii_max_days), 1, 365 },
  { GROUP_KIOSK, "retention-days", VALUE_DAYS, KIOSK (retention_days), 1, 3650 },

  { GROUP_TRACKING, "url", VALUE_TRACKING_URL, KIOSK (tracking_url) },

  { GROUP_PRINTER, "backend", VALUE_ENUM, KIOSK (printer_backend), 0, 0,
    loket_config_printer_backends },
  { GROUP_PRINTER, "queue", VALUE_TEXT, KIOSK (printer_queue) },
  { GROUP_PRINTER, "device", VALUE_DEVICE, KIOSK (printer_device) },
  { GROUP_PRINTER, "host", VALUE_HOST, KIOSK (printer_host) },
  { GROUP_PRINTER, "port", VALUE_PORT, KIOSK (printer_port), 1, 65535 },
  { GROUP_PRINTER, "width", VALUE_ENUM, KIOSK (printer_width), 0, 0,
    loket_config_paper_widths },
  { GROUP_PRINTER, "folder", VALUE_PATH, KIOSK (printer_folder) },
  { GROUP_PRINTER, "escpos-native-qr", VALUE_BOOLEAN, KIOSK (printer_native_qr) },

  { GROUP_ADMIN, "pin-file", VALUE_PATH, KIOSK (admin_pin_file) },

  { GROUP_TRACK_WEB, "listen", VALUE_LISTEN, KIOSK (track_listen) },
  { GROUP_TRACK_WEB, "path-prefix", VALUE_PATH_PREFIX, KIOSK (track_path_prefix) },
  { GROUP_TRACK_WEB, "cache-seconds", VALUE_SECONDS, KIOSK (track_cache_seconds), 0, 3600 },
  { GROUP_TRACK_WEB, "agency-timeout", VALUE_SECONDS, KIOSK (track_agency_timeout), 1, 60 },
  { GROUP_TRACK_WEB, "rate-limit", VALUE_COUNT, KIOSK (track_rate_limit), 1, 1000000 },
  { GROUP_TRACK_WEB, "rate-burst", VALUE_COUNT, KIOSK (track_rate_burst), 1, 1000000 },
  { GROUP_TRACK_WEB, "max-agency-calls", VALUE_COUNT, KIOSK (track_max_agency_calls), 1, 100000 },
  { GROUP_TRACK_WEB, "trusted-proxies", VALUE_ADDRESSES, KIOSK (track_trusted_proxies),
    .allow_empty = TRUE },
  { GROUP_METRICS, "folder", VALUE_PATH, KIOSK (metrics_folder) },
  { GROUP_HELP, "url", VALUE_TEXT, KIOSK (help_url) },
  { GROUP_HELP, "token-file", VALUE_PATH, KIOSK (help_token_file) },

  { GROUP_SPEECH, "enabled", VALUE_BOOLEAN, KIOSK (speech_enabled) },
  { GROUP_SPEECH, "device", VALUE_TEXT, KIOSK (speech_device) },
  { GROUP_SPEECH, "default-rate", VALUE_COUNT, KIOSK (speech_rate), 80, 450 },
  { GROUP_SPEECH, "volume", VALUE_COUNT, KIOSK (speech_volume), 0, 200 },
  { GROUP_SPEECH, "private", VALUE_BOOLEAN, KIOSK (speech_private) },

  { GROUP_AGENCY, "url", VALUE_URL, AGENCY (url) },
  { GROUP_AGENCY, "profile", VALUE_ENUM, AGENCY (profile), 0, 0,
    loket_config_agency_profiles },
  { GROUP_AGENCY, "ca-file", VALUE_PATH, AGENCY (ca_file) },
  { GROUP_AGENCY, "client-cert", VALUE_PATH, AGENCY (client_cert) },
  { GROUP_AGENCY, "client-key", VALUE_PATH, AGENCY (client_key) },
  { GROUP_AGENCY, "pinned-key", VALUE_PINNED_KEY, AGENCY (pinned_key) },
  { GROUP_AGENCY, "token-file", VALUE_PATH, AGENCY (token_file) },
  { GROUP_AGENCY, "track-token-file", VALUE_PATH, AGENCY (track_token_file) },
  { GROUP_AGENCY, "timeout", VALUE_SECONDS, AGENCY (timeout), 1, 300 },
  { GROUP_AGENCY, "token-url", VALUE_URL, AGENCY (token_url) },
  { GROUP_AGENCY, "client-id", VALUE_TEXT, AGENCY (client_id) },
  { GROUP_AGENCY, "client-secret-file", VALUE_PATH, AGENCY (client_secret_file) },
  { GROUP_AGENCY, "scope", VALUE_TEXT, AGENCY (scope), .allow_empty = TRUE },
  { GROUP_AGENCY, "xroad-client", VALUE_XROAD_CLIENT, AGENCY (xroad_client) },
  { GROUP_AGENCY, "xroad-service", VALUE_XROAD_SERVICE, AGENCY (xroad_service) },
  { GROUP_AGENCY, "allow-plain-http", VALUE_BOOLEAN, AGENCY (allow_plain_http) },
};

#undef KIOSK
#undef AGENCY

gboolean
loket_config_text_is_set (const LoketConfig       *config,
                          const LoketAgencyConfig *agency,
                          const char              *key)
{
  gconstpointer base = agency != NULL ? (gconstpointer) agency : (gconstpointer) config;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeySpec *spec = &keys[i];

      if ((spec->group == GROUP_AGENCY) != (agency != NULL) || !g_str_equal (spec->name, key))
        continue;
      /* Only keys whose value is text (a char *) can be asked about. */
      g_return_val_if_fail (spec->kind != VALUE_ENUM && spec->kind != VALUE_BOOLEAN &&
                            spec->kind != VALUE_SECONDS && spec->kind != VALUE_DAYS &&
                            spec->kind != VALUE_PORT && spec->kind != VALUE_COUNT &&
                            spec->kind != VALUE_LANGUAGES && spec->kind != VALUE_ADDRESSES,
                            FALSE);
      return G_STRUCT_MEMBER (const char *, base, spec->offset) != NULL;
    }
  g_return_val_if_reached (FALSE);
}

static void
problem_clear (LoketConfigProblem *problem)
{
  g_clear_error (&problem->error);
}

void
config_report (Parser           *parser,
               guint             line,
               const char       *group,
               const char       *key,
               LoketConfigError  code,
               const char       *format,
               ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  loket_config_add_problem (parser->problems, parser->path, line, group, key, code, what);
}

const char *
config_nearest (const char *typed,
                const char *candidate,
                const char *best,
                guint      *best_distance)
{
  guint distance = loket_config_edit_distance (typed, candidate);
  guint allowed = strlen (candidate) <= 4 ? 1 : 2;

  if (distance <= allowed && distance < *best_distance)
    {
      *best_distance = distance;
      return candidate;
    }

  return best;
}

static const char *
suggest_key (GroupKind   group,
             const char *typed)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].group == group)
      best = config_nearest (typed, keys[i].name, best, &best_distance);

  return best;
}

static const KeySpec *
find_key (GroupKind   group,
          const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].group == group && g_str_equal (keys[i].name, name))
      return &keys[i];

  return NULL;
}

/* The id of an [agency ID] group, whose label becomes "agency ID" however it was spaced;
 * NULL, reported, when it gives none or a bad one. */
static const char *
read_agency_group (Parser     *parser,
                   guint       line,
                   const char *name)
{
  const char *agency_id = name + strlen ("agency");

  while (g_ascii_isspace (*agency_id))
    agency_id++;

  if (*agency_id == '\0')
    {
      config_report (parser, line, name, NULL, LOKET_CONFIG_ERROR_SYNTAX,
                     /* Translators: keep [agency dukcapil] as it is: it is an example. */
                     _("an agency group needs the agency's id, as in [agency dukcapil]"));
      return NULL;
    }
  if (!loket_config_is_agency_id (agency_id))
    {
      config_report (parser, line, name, NULL, LOKET_CONFIG_ERROR_BAD_VALUE,
                     /* Translators: %s is the agency id the file gives. */
                     _("'%s' is not an agency id (lower-case letters, digits, '-' and '_')"),
                     agency_id);
      return NULL;
    }

  /* One spelling for messages and the table of lines, however it was spaced. */
  g_free (parser->group_label);
  parser->group_label = g_strconcat ("agency ", agency_id, NULL);
  return agency_id;
}

static void
start_group (Parser     *parser,
             guint       line,
             const char *name)
{
  static const struct { const char *name; GroupKind kind; } fixed[] = {
    { "kiosk", GROUP_KIOSK },
    { "tracking", GROUP_TRACKING },
    { "printer", GROUP_PRINTER },
    { "admin", GROUP_ADMIN },
    { "track-web", GROUP_TRACK_WEB },
    { "metrics", GROUP_METRICS },
    { "help", GROUP_HELP },
    { "speech", GROUP_SPEECH },
  };
  g_autofree char *seen_key = NULL;
  GroupKind kind = GROUP_SKIP;
  const char *agency_id = NULL;
  guint first;

  g_clear_pointer (&parser->group_label, g_free);
  parser->group_label = g_strdup (name);
  parser->group = GROUP_SKIP;
  parser->agency = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_str_equal (name, fixed[i].name))
      kind = fixed[i].kind;

  if (g_str_has_prefix (name, "agency") && (name[6] == '\0' || g_ascii_isspace (name[6])))
    {
      agency_id = read_agency_group (parser, line, name);
      if (agency_id == NULL)
        return;
      kind = GROUP_AGENCY;
    }

  if (kind == GROUP_SKIP)
    {
      config_report (parser, line, name, NULL, LOKET_CONFIG_ERROR_UNKNOWN, _("unknown group"));
      return;
    }

  seen_key = loket_config_line_key (parser->group_label, NULL);
  first = GPOINTER_TO_UINT (g_hash_table_lookup (parser->config->lines, seen_key));
  if (first != 0)
    {
      /* Its keys are ignored: merging them, as GKeyFile would, hides which one counts. */
      config_report (parser, line, parser->group_label, NULL, LOKET_CONFIG_ERROR_DUPLICATE,
                     /* Translators: %u is a line number. */
                     _("given twice (first on line %u)"), first);
      return;
    }

  g_hash_table_insert (parser->config->lines, g_steal_pointer (&seen_key),
                       GUINT_TO_POINTER (line));
  parser->group = kind;

  if (kind == GROUP_AGENCY)
    {
      LoketAgencyConfig *agency = g_new0 (LoketAgencyConfig, 1);

      agency->id = g_strdup (agency_id);
      agency->profile = LOKET_AGENCY_PROFILE_PLAIN;
      agency->timeout = 30;
      g_ptr_array_add (parser->config->agencies, agency);
      parser->agency = agency;
    }
}

static void
parse_key_line (Parser     *parser,
                guint       line,
                char       *text)
{
  char *equals = strchr (text, '=');
  g_autofree char *seen_key = NULL;
  const KeySpec *spec;
  const char *key;
  const char *value;
  guint first;

  if (equals == NULL || equals == text)
    {
      config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_SYNTAX,
                     _("expected 'key = value', a [group] or a comment"));
      return;
    }

  *equals = '\0';
  key = g_strstrip (text);
  value = g_strstrip (equals + 1);

  if (*key == '\0')
    {
      config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_SYNTAX,
                     _("expected 'key = value', a [group] or a comment"));
      return;
    }

  if (parser->group == GROUP_NONE)
    {
      config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_SYNTAX,
                     /* Translators: %s is a key such as "idle-timeout". */
                     _("'%s' comes before any [group]"), key);
      return;
    }

  if (parser->group == GROUP_SKIP)
    return;

  spec = find_key (parser->group, key);
  if (spec == NULL)
    {
      const char *suggestion = suggest_key (parser->group, key);

      if (suggestion != NULL)
        config_report (parser, line, parser->group_label, key, LOKET_CONFIG_ERROR_UNKNOWN,
                       /* Translators: %s is the key that was probably meant. */
                       _("unknown key (did you mean '%s'?)"), suggestion);
      else
        config_report (parser, line, parser->group_label, key, LOKET_CONFIG_ERROR_UNKNOWN,
                       _("unknown key"));
      return;
    }

  seen_key = loket_config_line_key (parser->group_label, key);
  first = GPOINTER_TO_UINT (g_hash_table_lookup (parser->config->lines, seen_key));
  if (first != 0)
    {
      config_report (parser, line, parser->group_label, key, LOKET_CONFIG_ERROR_DUPLICATE,
                     /* Translators: %u is a line number. */
                     _("given twice (first on line %u)"), first);
      return;
    }
  g_hash_table_insert (parser->config->lines, g_steal_pointer (&seen_key),
                       GUINT_TO_POINTER (line));

  config_parse_value (parser, line, spec, value);
}

static void
parse_line (Parser *parser,
            guint   line,
            char   *text,
            gsize   length)
{
  const char *end = NULL;

  if (length > LOKET_CONFIG_MAX_LINE_LENGTH)
    {
      config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_SYNTAX,
                     /* Translators: %d is the limit, in bytes. */
                     _("line longer than %d bytes"), LOKET_CONFIG_MAX_LINE_LENGTH);
      return;
    }

  if (memchr (text, '\0', length) != NULL)
    {
      config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_ENCODING,
                     _("contains a NUL byte: is this a text file?"));
      return;
    }

  if (!g_utf8_validate (text, length, &end))
    {
      config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_ENCODING,
                     _("not valid UTF-8 (save the file as UTF-8)"));
      return;
    }

  /* Values are quoted in messages: a terminal escape would reach whoever reads them. */
  for (gsize i = 0; i < length; i++)
    if ((((guchar) text[i] < 0x20) && text[i] != '\t') || text[i] == 0x7f)
      {
        config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_ENCODING,
                       /* Translators: %02X is the character's code in hexadecimal. */
                       _("contains a control character (0x%02X)"), (guint) (guchar) text[i]);
        return;
      }

  text[length] = '\0';
  g_strstrip (text);

  if (*text == '\0' || *text == '#' || *text == ';')
    return;

  if (*text == '[')
    {
      gsize n = strlen (text);

      if (text[n - 1] != ']')
        {
          config_report (parser, line, NULL, NULL, LOKET_CONFIG_ERROR_SYNTAX,
                         _("a [group] line must end with ']'"));
          /* Its keys would land in the group before: skip them. */
          parser->group = GROUP_SKIP;
          return;
        }

      text[n - 1] = '\0';
      start_group (parser, line, text + 1);
      return;
    }

  parse_key_line (parser, line, text);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LoketConfigProblem *pa = a, *pb = b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

/* Problems leave in file order: the checks of whole groups ran after the scan. */
static GPtrArray *
take_problems (Parser *parser)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  /* A stable sort: two problems of one line stay in the order they were found. */
  g_array_sort (parser->problems, compare_problems);
  for (guint i = 0; i < parser->problems->len; i++)
    {
      LoketConfigProblem *problem = &g_array_index (parser->problems, LoketConfigProblem, i);

      g_ptr_array_add (problems, g_steal_pointer (&problem->error));
    }

  return problems;
}

static char *
absolute_dir_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_canonicalize_filename (dir, NULL);
}

static LoketConfig *
finish (Parser      *parser,
        GPtrArray  **problems,
        GError     **error)
{
  g_autoptr(GPtrArray) found = take_problems (parser);

  if (found->len > 0)
    {
      g_propagate_error (error, g_error_copy (g_ptr_array_index (found, 0)));
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return NULL;
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  g_debug ("configuration read: %u agencies", parser->config->agencies->len);
  return loket_config_ref (parser->config);
}

static void
parser_clear (Parser *parser)
{
  g_free (parser->base_dir);
  g_clear_pointer (&parser->config, loket_config_unref);
  g_clear_pointer (&parser->problems, g_array_unref);
  g_free (parser->group_label);
}

static void
parser_init (Parser     *parser,
             const char *path)
{
  memset (parser, 0, sizeof *parser);
  parser->path = path;
  parser->base_dir = absolute_dir_of (path);
  parser->problems = g_array_new (FALSE, FALSE, sizeof (LoketConfigProblem));
  g_array_set_clear_func (parser->problems, (GDestroyNotify) problem_clear);
  parser->config = loket_config_new_default ();
  parser->config->path = g_strdup (path);
}

gboolean
loket_config_kiosk_key_bounds (const char *key,
                               guint      *min,
                               guint      *max)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].group == GROUP_KIOSK && g_str_equal (keys[i].name, key) && keys[i].max > 0)
      {
        *min = keys[i].min;
        *max = keys[i].max;
        return TRUE;
      }
  return FALSE;
}

LoketConfig *
loket_config_load_from_data (const char  *data,
                             gsize        length,
                             const char  *path,
                             GPtrArray  **problems,
                             GError     **error)
{
  Parser parser;
  g_autofree char *line_buffer = NULL;
  gboolean pin_file_given;
  LoketConfig *result;
  gsize start = 0;
  guint line = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser_init (&parser, path);

  if (length > LOKET_CONFIG_MAX_FILE_SIZE)
    {
      config_report (&parser, 0, NULL, NULL, LOKET_CONFIG_ERROR_IO,
                     /* Translators: %d is a size in MiB. */
                     _("larger than %d MiB: is this the right file?"),
                     LOKET_CONFIG_MAX_FILE_SIZE / (1024 * 1024));
      result = finish (&parser, problems, error);
      parser_clear (&parser);
      return result;
    }

  /* Some editors on other systems start a UTF-8 file with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  line_buffer = g_malloc (LOKET_CONFIG_MAX_LINE_LENGTH + 2);
  while (start < length)
    {
      const char *newline = memchr (data + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - data) : length;
      gsize n = end - start;

      line++;
      if (n > 0 && data[end - 1] == '\r')
        n--;

      if (n > LOKET_CONFIG_MAX_LINE_LENGTH)
        parse_line (&parser, line, NULL, n);
      else
        {
          memcpy (line_buffer, data + start, n);
          line_buffer[n] = '\0';
          parse_line (&parser, line, line_buffer, n);
        }

      start = end + 1;
    }

  pin_file_given = loket_config_get_line (parser.config, "admin", "pin-file") != 0;
  if (!pin_file_given && loket_config_get_line (parser.config, "kiosk", "state-dir") != 0)
    {
      g_free (parser.config->admin_pin_file);
      parser.config->admin_pin_file = g_build_filename (parser.config->state_dir,
                                                        "staff", NULL);
    }

  loket_config_check_rules (parser.config, parser.problems);

  result = finish (&parser, problems, error);
  parser_clear (&parser);
  return result;
}

