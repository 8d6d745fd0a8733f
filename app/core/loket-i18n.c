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

/* GLib decides once per process, at the first g_dgettext() call, whether it translates at
 * all: not when the program's own domain has no translation for the language of that moment
 * (so that an untranslated program does not show half-translated libraries). A kiosk starts
 * in any language and switches with every citizen, and GtkBuilder's templates go through
 * g_dgettext(): make that first call happen while a translation is visible. */
static void
settle_glib_translation_switch (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "id", TRUE);
  setlocale (LC_ALL, "");
  ensure_messages_locale ();
  (void) g_dgettext (GETTEXT_PACKAGE, "");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  ensure_messages_locale ();
}

void
loket_i18n_init (void)
{
  setlocale (LC_ALL, "");
  ensure_messages_locale ();

  bindtextdomain (GETTEXT_PACKAGE, loket_i18n_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  settle_glib_translation_switch ();
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

  /* dgettext, not g_dgettext: the catalog's translations do not depend on GLib's
   * once-per-process decision about the program's own domain. */
  return dgettext (LOKET_CATALOG_DOMAIN, msgid);
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
