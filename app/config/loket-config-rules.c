/* loket-config-rules.c — the rules that need a whole group, checked after the scan
 *
 * Whether an agency's http:// url is allowed depends on allow-plain-http, which may come
 * after it; whether a key is missing is known only at the end of its group; the default
 * language must be one of the languages whichever comes first. These rules run once the
 * whole file has been read, and name the line of the key they judge (or of the group,
 * for a key that is missing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-config-private.h"

typedef struct {
  LoketConfig *config;
  GArray      *problems;      /* of LoketConfigProblem */
} Rules;

static void report (Rules            *rules,
                    guint             line,
                    const char       *group,
                    const char       *key,
                    LoketConfigError  code,
                    const char       *format,
                    ...) G_GNUC_PRINTF (6, 7);

static void
report (Rules            *rules,
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

  loket_config_add_problem (rules->problems, rules->config->path, line, group, key, code,
                            what);
}

static void
check_agency_url (Rules             *rules,
                  LoketAgencyConfig *agency,
                  const char        *group,
                  const char        *key,
                  char             **url,
                  gboolean           base)
{
  g_autofree char *seen_key = loket_config_line_key (group, key);
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (rules->config->lines, seen_key));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (*url == NULL)
    return;

  if (!loket_config_has_space (*url))
    uri = g_uri_parse (*url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      report (rules, line, group, key, LOKET_CONFIG_ERROR_BAD_VALUE,
              /* Translators: %s is what the configuration file says. */
              _("'%s' is not an https:// URL"), *url);
      goto bad;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      report (rules, line, group, key, LOKET_CONFIG_ERROR_BAD_VALUE,
              /* Translators: %s is a URL. */
              _("'%s' carries a user name or password: give them in the agency's "
                "token-file or client-secret-file instead"), *url);
      goto bad;
    }

  if (base && (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL))
    {
      report (rules, line, group, key, LOKET_CONFIG_ERROR_BAD_VALUE,
              /* Translators: %s is a URL. */
              _("'%s' has a query or fragment: give the base URL of the agency's back end"),
              *url);
      goto bad;
    }

  if (g_str_equal (scheme, "http") && !loket_config_is_loopback_host (host) && !agency->allow_plain_http)
    {
      report (rules, line, group, key, LOKET_CONFIG_ERROR_BAD_VALUE,
              /* Translators: %s is a URL; keep "allow-plain-http = true" as it is. */
              _("'%s' is plain HTTP to another machine: use https:// "
                "(or set allow-plain-http = true on a network you trust)"), *url);
      goto bad;
    }

  if (base)
    {
      gsize n = strlen (*url);

      /* Paths are appended to it ("/submissions"). */
      while (n > 0 && (*url)[n - 1] == '/')
        (*url)[--n] = '\0';
    }
  return;

bad:
  g_clear_pointer (url, g_free);
}

static void
report_missing (Rules     *rules,
                guint       line,
                const char *group,
                const char *key,
                const char *why)
{
  report (rules, line, group, key, LOKET_CONFIG_ERROR_MISSING,
          /* Translators: %s says why the key is needed, e.g. "profile oauth2 needs it". */
          _("missing (%s)"), why);
}

/* Reports each key the chosen variant needs that is neither in the file nor defaulted. */
static void
check_needs (Rules                   *rules,
             guint                    line,
             const char              *group,
             const LoketAgencyConfig *agency,
             const LoketConfigChoice *choice,
             const char              *why)
{
  for (guint i = 0; i < G_N_ELEMENTS (choice->needs) && choice->needs[i] != NULL; i++)
    {
      const char *key = choice->needs[i];
      g_autofree char *seen_key = loket_config_line_key (group, key);

      if (!loket_config_text_is_set (rules->config, agency, key) &&
          !g_hash_table_contains (rules->config->lines, seen_key))
        report_missing (rules, line, group, key, why);
    }
}

static void
check_agency (Rules             *rules,
              LoketAgencyConfig *agency)
{
  g_autofree char *group = g_strconcat ("agency ", agency->id, NULL);
  g_autofree char *group_key = loket_config_line_key (group, NULL);
  g_autofree char *cert_key = loket_config_line_key (group, "client-cert");
  g_autofree char *key_key = loket_config_line_key (group, "client-key");
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (rules->config->lines, group_key));
  const LoketConfigChoice *profile = loket_config_choice_find (loket_config_agency_profiles,
                                                               agency->profile);
  /* Translators: %s is a profile's name (oauth2); keep "profile" as it is. */
  g_autofree char *why = g_strdup_printf (_("profile %s needs it"), profile->name);
  gboolean url_given;

  url_given = agency->url != NULL;
  check_agency_url (rules, agency, group, "url", &agency->url, TRUE);
  check_agency_url (rules, agency, group, "token-url", &agency->token_url, FALSE);

  /* A bad url was reported already: "missing" would only confuse. */
  if (!url_given)
    report_missing (rules, line, group, "url", _("the base URL of the agency's back end"));

  check_needs (rules, line, group, agency, profile, why);

  if (agency->client_cert != NULL && agency->client_key == NULL &&
      !g_hash_table_contains (rules->config->lines, key_key))
    report (rules, GPOINTER_TO_UINT (g_hash_table_lookup (rules->config->lines, cert_key)),
            group, "client-cert", LOKET_CONFIG_ERROR_MISSING,
            _("given without client-key (mutual TLS needs both)"));
  if (agency->client_key != NULL && agency->client_cert == NULL &&
      !g_hash_table_contains (rules->config->lines, cert_key))
    report (rules, GPOINTER_TO_UINT (g_hash_table_lookup (rules->config->lines, key_key)),
            group, "client-key", LOKET_CONFIG_ERROR_MISSING,
            _("given without client-cert (mutual TLS needs both)"));
}

static void
check_printer (Rules *rules)
{
  LoketConfig *config = rules->config;
  guint line = loket_config_get_line (config, "printer", "backend");
  const LoketConfigChoice *backend = loket_config_choice_find (loket_config_printer_backends,
                                                               config->printer_backend);
  /* Translators: %s is a printer back end's name (escpos-tcp); keep "backend" as it is. */
  g_autofree char *why = g_strdup_printf (_("backend %s needs it"), backend->name);

  check_needs (rules, line, "printer", NULL, backend, why);
}

static void
check_languages (Rules *rules)
{
  LoketConfig *config = rules->config;
  guint line = loket_config_get_line (config, "kiosk", "default-language");

  if (line == 0)
    {
      /* Unless it is named, the kiosk starts in the first language it offers. */
      if (!g_strv_contains ((const char * const *) config->languages, config->default_language))
        {
          g_free (config->default_language);
          config->default_language = g_strdup (config->languages[0]);
        }
      return;
    }

  if (!g_strv_contains ((const char * const *) config->languages, config->default_language))
    {
      g_autofree char *list = g_strjoinv (";", config->languages);

      report (rules, line, "kiosk", "default-language", LOKET_CONFIG_ERROR_BAD_VALUE,
              /* Translators: the first %s is a language code, the second the list of
               * languages the file offers ("id;en"); keep "languages" as it is. */
              _("'%s' is not one of the languages offered (languages = %s)"),
              config->default_language, list);
    }
}

static void
check_retention (Rules *rules)
{
  LoketConfig *config = rules->config;
  guint retention_line = loket_config_get_line (config, "kiosk", "retention-days");
  guint pii_line = loket_config_get_line (config, "kiosk", "pii-max-days");

  if (config->retention_days >= config->pii_max_days)
    return;

  /* The tracking metadata of a request must outlive its personal data: a request forgotten
   * first would leave parts no one can find, still holding a citizen's data. */
  if (retention_line != 0)
    report (rules, retention_line, "kiosk", "retention-days", LOKET_CONFIG_ERROR_BAD_VALUE,
            /* Translators: %u are numbers of days; keep "pii-max-days" as it is. */
            _("'%u' is less than pii-max-days (%u): a request must stay trackable as long "
              "as its personal data is kept"), config->retention_days, config->pii_max_days);
  else
    report (rules, pii_line, "kiosk", "pii-max-days", LOKET_CONFIG_ERROR_BAD_VALUE,
            /* Translators: %u are numbers of days; keep "retention-days" as it is. */
            _("'%u' is more than retention-days (%u, the default): a request must stay "
              "trackable as long as its personal data is kept"),
            config->pii_max_days, config->retention_days);
}

void
loket_config_check_rules (LoketConfig *config,
                          GArray      *problems)
{
  Rules rules = { config, problems };

  check_languages (&rules);
  check_retention (&rules);
  check_printer (&rules);
  for (guint i = 0; i < config->agencies->len; i++)
    check_agency (&rules, g_ptr_array_index (config->agencies, i));
}
