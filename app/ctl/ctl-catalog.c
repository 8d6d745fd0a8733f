/* ctl-catalog.c — `loketctl catalog validate|dump|pot|compile DIR`
 *
 * What a hall's staff and translators need to change a catalog without rebuilding Loket:
 * check it, see what Loket understood, extract the strings, compile the translations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "config/loket-file-modes.h"
#include "core/loket-catalog.h"
#include "core/loket-i18n.h"
#include "loket-ctl.h"

static int
usage (const char *name,
       const char *arguments)
{
  const LoketCtlCommand command = { name, arguments, NULL, NULL };

  return loket_ctl_usage (&command);
}

/* A catalog that loads, or the exit code after saying why not. */
static LoketCatalog *
load_or_report (const char *dir,
                int        *status)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  LoketCatalog *catalog;

  catalog = loket_catalog_load (dir, &problems, &error);
  if (catalog != NULL)
    return catalog;

  if (g_error_matches (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID) && problems != NULL)
    {
      for (guint i = 0; i < problems->len; i++)
        printf ("%s\n", (const char *) g_ptr_array_index (problems, i));
      *status = 1;
    }
  else
    *status = loket_ctl_fail_error (error);

  return NULL;
}

int
loket_ctl_catalog_validate (LoketCtl  *ctl,
                            int        argc,
                            char     **argv)
{
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_agencies, n_services, n_life_events, n_fields;
  int status = 0;

  if (argc != 2)
    return usage (argv[0], "DIR");

  catalog = load_or_report (argv[1], &status);
  if (catalog == NULL)
    return status;

  n_agencies = loket_catalog_get_agencies (catalog)->len;
  n_services = loket_catalog_get_services (catalog)->len;
  n_life_events = loket_catalog_get_life_events (catalog)->len;
  n_fields = loket_catalog_get_fields (catalog)->len;

  /* Translators: the parts of "6 agencies, 12 services, 4 life events, 80 fields". */
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u agency", "%u agencies",
                                                n_agencies), n_agencies);
  g_string_append (summary, ", ");
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services",
                                                n_services), n_services);
  g_string_append (summary, ", ");
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u life event", "%u life events",
                                                n_life_events), n_life_events);
  g_string_append (summary, ", ");
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u field", "%u fields",
                                                n_fields), n_fields);
  printf ("%s\n", summary->str);

  return 0;
}

int
loket_ctl_catalog_dump (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(JsonNode) dump = NULL;
  g_autofree char *text = NULL;
  const char *dir = NULL;
  const char *language = NULL;
  int status = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--language") && i + 1 < argc)
        language = argv[++i];
      else if (g_str_has_prefix (argv[i], "--language="))
        language = argv[i] + strlen ("--language=");
      else if (argv[i][0] != '-' && dir == NULL)
        dir = argv[i];
      else
        return usage (argv[0], "DIR [--language LANG]");
    }
  if (dir == NULL || (language != NULL && *language == '\0'))
    return usage (argv[0], "DIR [--language LANG]");

  catalog = load_or_report (dir, &status);
  if (catalog == NULL)
    return status;

  if (language != NULL)
    loket_i18n_set_language (language);

  dump = loket_catalog_dump (catalog, language != NULL);
  text = json_to_string (dump, TRUE);
  printf ("%s\n", text);
  return 0;
}

int
loket_ctl_catalog_pot (LoketCtl  *ctl,
                       int        argc,
                       char     **argv)
{
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *po_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pot = NULL;
  int status = 0;

  if (argc != 2)
    return usage (argv[0], "DIR");

  catalog = load_or_report (argv[1], &status);
  if (catalog == NULL)
    return status;

  /* The template is for translators, whoever they are: explicit modes, not loketctl's
   * umask (077). */
  po_dir = g_build_filename (argv[1], "po", NULL);
  if (!loket_dir_create_shared (po_dir, 0755, &error))
    /* Translators: the first %s is a folder, the second the system's reason. */
    return loket_ctl_fail (_("cannot create %s: %s"), po_dir, error->message);

  path = g_build_filename (po_dir, "loket-catalog.pot", NULL);
  pot = loket_catalog_to_pot (catalog);
  if (!loket_file_write_shared (path, pot, strlen (pot), 0644, &error))
    /* Translators: the first %s is a file, the second the system's reason. */
    return loket_ctl_fail (_("cannot write %s: %s"), path, error->message);

  /* Translators: %s is the path of the file written. */
  printf (_("wrote %s"), path);
  printf ("\n");
  return 0;
}

/* Language codes become file names: keep them to what gettext uses ("id", "pt_BR", "sr@latin"). */
static gboolean
is_language_code (const char *code)
{
  if (*code == '\0' || *code == '.')
    return FALSE;

  for (const char *c = code; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '@' && *c != '-')
      return FALSE;

  return TRUE;
}

static gboolean
compile_language (const char  *dir,
                  const char  *language,
                  GError     **error)
{
  g_autoptr(GSubprocess) msgfmt = NULL;
  g_autofree char *po = g_strdup_printf ("%s/po/%s.po", dir, language);
  g_autofree char *mo_dir = g_build_filename (dir, "locale", language, "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (mo_dir, "loket-catalog.mo", NULL);
  g_autofree char *tmp = g_strconcat (mo, ".new", NULL);
  g_autofree char *err_text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_test (po, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: the first %s is a language code, the second a file that is missing. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: %s does not exist (LINGUAS names it)"), language, po);
      return FALSE;
    }
  /* The kiosk's user reads the translations: explicit modes, not loketctl's umask (077). */
  if (!loket_dir_create_shared (mo_dir, 0755, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot create %s: %s"), mo_dir, local_error->message);
      return FALSE;
    }

  /* Written beside and renamed, so a kiosk never binds half a file. */
  msgfmt = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             error, "msgfmt", "--check", "-o", tmp, po, NULL);
  if (msgfmt == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (msgfmt, NULL, NULL, NULL, &err_text, error))
    return FALSE;
  if (!g_subprocess_get_if_exited (msgfmt) || g_subprocess_get_exit_status (msgfmt) != 0)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                   g_strstrip (err_text != NULL ? err_text : (char *) ""));
      return FALSE;
    }
  if (!loket_file_set_mode (tmp, 0644, NULL) || g_rename (tmp, mo) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      /* Translators: the first %s is a file, the second the system's reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("cannot write %s: %s"), mo, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

int
loket_ctl_catalog_compile (LoketCtl  *ctl,
                           int        argc,
                           char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *linguas_path = NULL;
  g_autofree char *linguas = NULL;
  g_auto(GStrv) lines = NULL;
  guint compiled = 0;
  int status = 0;

  if (argc != 2)
    return usage (argv[0], "DIR");

  linguas_path = g_build_filename (argv[1], "po", "LINGUAS", NULL);
  if (!g_file_get_contents (linguas_path, &linguas, NULL, &error))
    return loket_ctl_fail_error (error);

  lines = g_strsplit (linguas, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* LINGUAS may hold several codes a line and # comments, as gettext allows. */
      g_auto(GStrv) words = NULL;
      char *hash = strchr (lines[i], '#');

      if (hash != NULL)
        *hash = '\0';
      words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autoptr(GError) language_error = NULL;

          if (*words[w] == '\0')
            continue;
          if (!is_language_code (words[w]))
            {
              /* Translators: the first %s is a file, the second what it holds. */
              status = loket_ctl_fail (_("%s: '%s' is not a language code"), linguas_path,
                                       words[w]);
              continue;
            }
          if (!compile_language (argv[1], words[w], &language_error))
            {
              status = loket_ctl_fail_error (language_error);
              continue;
            }
          compiled++;
        }
    }

  if (status == 0)
    {
      /* Translators: %u is a number of languages. */
      printf (g_dngettext (GETTEXT_PACKAGE, "compiled %u language", "compiled %u languages",
                           compiled),
              compiled);
      printf ("\n");
    }

  return status;
}
