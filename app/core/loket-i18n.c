/* loket-i18n.c — text domains and the citizen's language
 *
 * The language of a kiosk changes with every citizen, so it is set through LANGUAGE and
 * gettext's cache is flushed by calling setlocale() again (DEBIAN12.md). The messages
 * locale must not be plain "C", where gettext ignores LANGUAGE: then C.UTF-8 is used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-i18n"

#include "config.h"

#include <locale.h>
#include <libintl.h>

#include "loket-i18n.h"

static char *current_language;

const char *
loket_i18n_localedir (void)
{
  /* Tests and the demo run from the build tree: they point at its compiled catalogs. */
  const char *dir = g_getenv ("LOKET_LOCALEDIR");

  return (dir != NULL && *dir != '\0') ? dir : LOCALEDIR;
}

static void
ensure_messages_locale (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
}

void
loket_i18n_init (void)
{
  setlocale (LC_ALL, "");
  ensure_messages_locale ();

  bindtextdomain (GETTEXT_PACKAGE, loket_i18n_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
loket_i18n_bind_catalog (const char *catalog_localedir)
{
  g_return_if_fail (catalog_localedir != NULL);

  bindtextdomain (LOKET_CATALOG_DOMAIN, catalog_localedir);
  bind_textdomain_codeset (LOKET_CATALOG_DOMAIN, "UTF-8");
}

const char *
loket_catalog_gettext (const char *msgid)
{
  if (msgid == NULL || *msgid == '\0')
    return msgid;

  return g_dgettext (LOKET_CATALOG_DOMAIN, msgid);
}

void
loket_i18n_set_language (const char *language)
{
  g_return_if_fail (language != NULL && *language != '\0');

  if (g_strcmp0 (current_language, language) == 0)
    return;

  g_free (current_language);
  current_language = g_strdup (language);

  g_setenv ("LANGUAGE", language, TRUE);
  /* Flushes gettext's cache of translations, so the new language takes effect now. */
  setlocale (LC_ALL, "");
  ensure_messages_locale ();
}

const char *
loket_i18n_get_language (void)
{
  return current_language != NULL ? current_language : "en";
}
