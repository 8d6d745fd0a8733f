/* loket-config-readers.c — one reader per kind of configuration value, in a table
 *
 * Each key of the configuration names its kind of value (loket-config-parse.c's keys[]); the
 * reader of that kind checks the text after '=' and stores it, or reports why it is not one,
 * with the file, line and key, and leaves the default.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-config-private.h"
#include "loket-config-parser.h"

static const char *
suggest_choice (const Choice *choices,
                const char   *typed)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  for (const Choice *c = choices; c->name != NULL; c++)
    best = config_nearest (typed, c->name, best, &best_distance);

  return best;
}

static char *
choices_to_string (const Choice *choices)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (const Choice *c = choices; c->name != NULL; c++)
    {
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, c->name);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Why value is not a number of spec's kind: not digits, or (out_of_range) not within its
 * bounds. One message per unit, so that each reads whole to its translator. */
static char *
number_problem (const KeySpec *spec,
                const char    *value,
                gboolean       out_of_range)
{
  switch (spec->kind)
    {
    case VALUE_SECONDS:
      return out_of_range
             /* Translators: %s is what the file says; the numbers are the limits. */
             ? g_strdup_printf (_("'%s' is out of range (%u to %u seconds)"), value, spec->min,
                                spec->max)
             /* Translators: %s is what the configuration file says. */
             : g_strdup_printf (_("'%s' is not a whole number of seconds"), value);
    case VALUE_DAYS:
      return out_of_range
             /* Translators: %s is what the file says; the numbers are the limits. */
             ? g_strdup_printf (_("'%s' is out of range (%u to %u days)"), value, spec->min,
                                spec->max)
             /* Translators: %s is what the configuration file says. */
             : g_strdup_printf (_("'%s' is not a whole number of days"), value);
    default:
      return out_of_range
             /* Translators: %s is what the file says; the numbers are the limits. */
             ? g_strdup_printf (_("'%s' is out of range (%u to %u)"), value, spec->min, spec->max)
             /* Translators: %s is what the configuration file says. */
             : g_strdup_printf (_("'%s' is not a whole number"), value);
    }
}

static gboolean
parse_number (Parser        *parser,
              guint          line,
              const KeySpec *spec,
              const char    *value,
              guint         *out)
{
  g_autofree char *problem = NULL;
  guint64 number = 0;
  gboolean digits = *value != '\0';

  for (const char *p = value; *p != '\0'; p++)
    digits = digits && g_ascii_isdigit (*p);

  /* More digits than any range here allows would overflow the conversion. */
  if (digits)
    number = strlen (value) > 9 ? G_MAXUINT64 : g_ascii_strtoull (value, NULL, 10);
  if (!digits || number < spec->min || number > spec->max)
    {
      problem = number_problem (spec, value, digits);
      config_report (parser, line, parser->group_label, spec->name, LOKET_CONFIG_ERROR_BAD_VALUE,
                     "%s", problem);
      return FALSE;
    }

  *out = (guint) number;
  return TRUE;
}

static char **
parse_languages (Parser        *parser,
                 guint          line,
                 const KeySpec *spec,
                 const char    *value)
{
  g_auto(GStrv) items = g_strsplit (value, ";", -1);
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  guint n = g_strv_length (items);

  for (guint i = 0; i < n; i++)
    {
      const char *code = g_strstrip (items[i]);

      /* A list may end with ';', as GKeyFile writes it. */
      if (*code == '\0' && i == n - 1 && i > 0)
        break;

      if (!loket_config_is_language_code (code))
        {
          config_report (parser, line, parser->group_label, spec->name,
                         LOKET_CONFIG_ERROR_BAD_VALUE,
                         /* Translators: %s is what the configuration file says. Keep "_XX". */
                         _("'%s' is not a language code (2 or 3 lower-case letters, "
                           "optionally _XX, as in id or en_US)"), code);
          return NULL;
        }

      for (guint j = 0; j < languages->len; j++)
        if (g_str_equal (g_ptr_array_index (languages, j), code))
          {
            config_report (parser, line, parser->group_label, spec->name,
                           LOKET_CONFIG_ERROR_BAD_VALUE,
                           /* Translators: %s is a language code such as "id". */
                           _("'%s' is listed twice"), code);
            return NULL;
          }

      g_ptr_array_add (languages, g_strdup (code));
    }

  g_ptr_array_add (languages, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&languages), FALSE);
}

static gboolean
parse_tracking_url (Parser        *parser,
                    guint          line,
                    const KeySpec *spec,
                    const char    *value)
{
  g_autoptr(GUri) uri = NULL;

  if (!loket_config_has_space (value))
    uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      config_report (parser, line, parser->group_label, spec->name, LOKET_CONFIG_ERROR_BAD_VALUE,
                     /* Translators: %s is what the configuration file says. */
                     _("'%s' is not an http:// or https:// URL"), value);
      return FALSE;
    }

  if (strstr (value, "{code}") == NULL)
    {
      config_report (parser, line, parser->group_label, spec->name,
                     LOKET_CONFIG_ERROR_BAD_VALUE,
                     /* Translators: %s is a URL; keep {code} as it is, it is written so in the
                      * file. */
                     _("'%s' has no {code}, so the QR code would not name the request"), value);
      return FALSE;
    }

  return TRUE;
}

/* ---- One reader per kind of value ----
 *
 * A string reader gives the string to store, or NULL after reporting why the value is not
 * one (the default stays); the others store what they read into field themselves. */

typedef char *(*StringReader) (Parser *parser, guint line, const KeySpec *spec, const char *value);
typedef void  (*FieldReader)  (Parser *parser, guint line, const KeySpec *spec, const char *value,
                               gpointer field);

#define REPORT_BAD_VALUE(...) \
  config_report (parser, line, parser->group_label, spec->name, LOKET_CONFIG_ERROR_BAD_VALUE, \
                 __VA_ARGS__)

static char *
read_text (Parser        *parser,
                  guint          line,
                  const KeySpec *spec,
                  const char    *value)
{
  return g_strdup (value);
}

static char *
read_kiosk_id (Parser        *parser,
               guint          line,
               const KeySpec *spec,
               const char    *value)
{
  if (loket_config_is_kiosk_id (value))
    return g_strdup (value);

  /* Translators: %s is what the file says; %d the longest id allowed. */
  REPORT_BAD_VALUE (_("'%s' is not a kiosk id (letters, digits, '.', '-' and '_', at most %d)"),
                    value, LOKET_CONFIG_MAX_KIOSK_ID_LENGTH);
  return NULL;
}

static char *
read_language (Parser        *parser,
               guint          line,
               const KeySpec *spec,
               const char    *value)
{
  if (loket_config_is_language_code (value))
    return g_strdup (value);

  /* Translators: %s is what the configuration file says. Keep "_XX". */
  REPORT_BAD_VALUE (_("'%s' is not a language code (2 or 3 lower-case letters, optionally _XX, "
                      "as in id or en_US)"), value);
  return NULL;
}

static char *
read_path (Parser        *parser,
           guint          line,
           const KeySpec *spec,
           const char    *value)
{
  return g_canonicalize_filename (value, parser->base_dir);
}

static char *
read_device (Parser        *parser,
             guint          line,
             const KeySpec *spec,
             const char    *value)
{
  if (g_path_is_absolute (value))
    return g_strdup (value);

  /* Translators: %s is what the configuration file says. */
  REPORT_BAD_VALUE (_("'%s' is not an absolute path (such as /dev/usb/lp0)"), value);
  return NULL;
}

static char *
read_host (Parser        *parser,
           guint          line,
           const KeySpec *spec,
           const char    *value)
{
  if (strstr (value, "://") != NULL)
    {
      /* Translators: %s is what the configuration file says. */
      REPORT_BAD_VALUE (_("'%s' is a URL: give only the printer's host name or address"), value);
      return NULL;
    }
  if (!loket_config_is_host (value))
    {
      /* Translators: %s is what the configuration file says. */
      REPORT_BAD_VALUE (_("'%s' is not a host name or address"), value);
      return NULL;
    }
  return g_strdup (value);
}

/* Whether plain HTTP is allowed depends on allow-plain-http, which may come later in the
 * group: check_agency_url() judges an agency's URL when the file has been read. */
static char *
read_agency_url (Parser        *parser,
                 guint          line,
                 const KeySpec *spec,
                 const char    *value)
{
  return g_strdup (value);
}

static char *
read_tracking_url (Parser        *parser,
                   guint          line,
                   const KeySpec *spec,
                   const char    *value)
{
  return parse_tracking_url (parser, line, spec, value) ? g_strdup (value) : NULL;
}

static char *
read_pinned_key (Parser        *parser,
                 guint          line,
                 const KeySpec *spec,
                 const char    *value)
{
  if (loket_config_is_pinned_key (value))
    return loket_config_normalize_pinned_key (value);

  /* Translators: %s is what the file says; keep sha256//BASE64 as it is. */
  REPORT_BAD_VALUE (_("'%s' is not a public key pin in curl's form sha256//BASE64 "
                      "(the base64 of the key's SHA-256)"), value);
  return NULL;
}

static char *
read_xroad_client (Parser        *parser,
                   guint          line,
                   const KeySpec *spec,
                   const char    *value)
{
  if (loket_config_is_xroad_id (value, 3, 4))
    return g_strdup (value);

  /* Translators: %s is what the file says; keep the upper-case pattern. */
  REPORT_BAD_VALUE (_("'%s' is not an X-Road client id (INSTANCE/CLASS/MEMBER/SUBSYSTEM)"),
                    value);
  return NULL;
}

static char *
read_xroad_service (Parser        *parser,
                    guint          line,
                    const KeySpec *spec,
                    const char    *value)
{
  if (loket_config_is_xroad_id (value, 4, 6))
    return g_strdup (value);

  /* Translators: %s is what the file says; keep the upper-case pattern. */
  REPORT_BAD_VALUE (_("'%s' is not an X-Road service id "
                      "(INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE)"), value);
  return NULL;
}

static char *
read_listen (Parser        *parser,
             guint          line,
             const KeySpec *spec,
             const char    *value)
{
  if (loket_config_is_listen_address (value))
    return g_strdup (value);

  /* Translators: %s is what the file says; keep the examples as they are. */
  REPORT_BAD_VALUE (_("'%s' is not an address and port such as 127.0.0.1:8080 or [::1]:8080"),
                    value);
  return NULL;
}

static char *
read_path_prefix (Parser        *parser,
                  guint          line,
                  const KeySpec *spec,
                  const char    *value)
{
  gboolean ok = value[0] == '/' && g_str_has_suffix (value, "/") && strstr (value, "//") == NULL;

  for (const char *p = value; ok && *p != '\0'; p++)
    ok = g_ascii_isalnum (*p) || strchr ("/-_.~", *p) != NULL;
  if (ok)
    return g_strdup (value);

  /* Translators: %s is what the file says; keep /loket/ as it is: it is an example. */
  REPORT_BAD_VALUE (_("'%s' is not a URL path that begins and ends with '/', such as /loket/"),
                    value);
  return NULL;
}

static void
read_addresses (Parser        *parser,
                guint          line,
                const KeySpec *spec,
                const char    *value,
                gpointer       field)
{
  g_auto(GStrv) items = g_strsplit_set (value, ";,", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);

      if (*item == '\0')
        continue;
      if (!loket_config_is_address_mask (item))
        {
          /* Translators: %s is what the file says; keep the examples as they are. */
          REPORT_BAD_VALUE (_("'%s' is not an IP address or a network such as 10.0.0.0/8"), item);
          return;
        }
      g_ptr_array_add (kept, g_strdup (item));
    }

  g_ptr_array_add (kept, NULL);
  g_strfreev (*(char ***) field);
  *(char ***) field = (char **) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
}

static void
read_languages (Parser        *parser,
                guint          line,
                const KeySpec *spec,
                const char    *value,
                gpointer       field)
{
  char **languages = parse_languages (parser, line, spec, value);

  if (languages == NULL)
    return;
  g_strfreev (*(char ***) field);
  *(char ***) field = languages;
}

static void
read_number (Parser        *parser,
             guint          line,
             const KeySpec *spec,
             const char    *value,
             gpointer       field)
{
  guint number;

  if (parse_number (parser, line, spec, value, &number))
    *(guint *) field = number;
}

static void
read_boolean (Parser        *parser,
              guint          line,
              const KeySpec *spec,
              const char    *value,
              gpointer       field)
{
  if (g_str_equal (value, "true"))
    *(gboolean *) field = TRUE;
  else if (g_str_equal (value, "false"))
    *(gboolean *) field = FALSE;
  else
    /* Translators: %s is what the file says; "true" and "false" are typed so. */
    REPORT_BAD_VALUE (_("'%s' is neither true nor false"), value);
}

static void
read_enum (Parser        *parser,
           guint          line,
           const KeySpec *spec,
           const char    *value,
           gpointer       field)
{
  g_autofree char *list = NULL;
  const char *suggestion;

  for (const Choice *c = spec->choices; c->name != NULL; c++)
    if (g_str_equal (c->name, value))
      {
        *(int *) field = c->value;
        return;
      }

  list = choices_to_string (spec->choices);
  suggestion = suggest_choice (spec->choices, value);
  if (suggestion != NULL)
    /* Translators: the first %s is what the file says, the second the values allowed
     * ("58, 80, a4"), the third the one that was probably meant. */
    REPORT_BAD_VALUE (_("'%s' is not one of %s (did you mean '%s'?)"), value, list, suggestion);
  else
    /* Translators: the first %s is what the file says, the second the values allowed
     * ("58, 80, a4"). */
    REPORT_BAD_VALUE (_("'%s' is not one of %s"), value, list);
}

#undef REPORT_BAD_VALUE

static const struct {
  StringReader read_string;
  FieldReader  read_field;
} value_readers[] = {
  [VALUE_TEXT]          = { read_text, NULL },
  [VALUE_KIOSK_ID]      = { read_kiosk_id, NULL },
  [VALUE_LANGUAGES]     = { NULL, read_languages },
  [VALUE_LANGUAGE]      = { read_language, NULL },
  [VALUE_SECONDS]       = { NULL, read_number },
  [VALUE_DAYS]          = { NULL, read_number },
  [VALUE_PORT]          = { NULL, read_number },
  [VALUE_BOOLEAN]       = { NULL, read_boolean },
  [VALUE_ENUM]          = { NULL, read_enum },
  [VALUE_PATH]          = { read_path, NULL },
  [VALUE_DEVICE]        = { read_device, NULL },
  [VALUE_HOST]          = { read_host, NULL },
  [VALUE_URL]           = { read_agency_url, NULL },
  [VALUE_TRACKING_URL]  = { read_tracking_url, NULL },
  [VALUE_PINNED_KEY]    = { read_pinned_key, NULL },
  [VALUE_XROAD_CLIENT]  = { read_xroad_client, NULL },
  [VALUE_XROAD_SERVICE] = { read_xroad_service, NULL },
  [VALUE_COUNT]         = { NULL, read_number },
  [VALUE_LISTEN]        = { read_listen, NULL },
  [VALUE_PATH_PREFIX]   = { read_path_prefix, NULL },
  [VALUE_ADDRESSES]     = { NULL, read_addresses },
};

G_STATIC_ASSERT (G_N_ELEMENTS (value_readers) == VALUE_ADDRESSES + 1);

void
config_parse_value (Parser        *parser,
                    guint          line,
                    const KeySpec *spec,
                    const char    *value)
{
  guint8 *target = spec->group == GROUP_AGENCY ? (guint8 *) parser->agency
                                               : (guint8 *) parser->config;
  gpointer field = target + spec->offset;
  char *stored;

  if (*value == '\0' && !spec->allow_empty)
    {
      config_report (parser, line, parser->group_label, spec->name, LOKET_CONFIG_ERROR_BAD_VALUE,
                     _("no value after '=' (to keep the default, leave the key out)"));
      return;
    }

  if (value_readers[spec->kind].read_field != NULL)
    {
      value_readers[spec->kind].read_field (parser, line, spec, value, field);
      return;
    }

  stored = value_readers[spec->kind].read_string (parser, line, spec, value);
  if (stored == NULL)
    return;
  g_free (*(char **) field);
  *(char **) field = stored;
}
