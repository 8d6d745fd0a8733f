/* loket-config-check.c — what only the machine can tell about a configuration
 *
 * Loading a file judges its text; `loketctl check-config` also looks at the files and
 * folders it names, on the machine where it runs: a state-dir that cannot be created and a
 * secret the kiosk would refuse (readable by others, a link, a FIFO, too large, empty) are
 * problems; a secret or CA file not yet in place is a warning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-config-private.h"
#include "loket-secret-file.h"

/* Messages of check_files() name the key's line when the file gave it. */
static void
add_note (LoketConfig      *self,
          GPtrArray        *notes,
          gboolean          warning,
          const char       *group,
          const char       *key,
          LoketConfigError  code,
          const char       *what)
{
  guint line = loket_config_get_line (self, group, key);
  g_autofree char *located = NULL;
  GError *note;

  /* Translators: put before a message that does not stop the kiosk from starting. */
  located = warning ? g_strconcat (_("warning:"), " [", group, "] ", key, ": ", what, NULL)
                    : NULL;
  if (warning)
    note = loket_config_problem_new (self->path, line, NULL, NULL, code, located);
  else
    note = loket_config_problem_new (self->path, line, group, key, code, what);
  g_ptr_array_add (notes, note);
}

/* A file the kiosk reads but others may see (a CA file, a client certificate): a missing
 * one is a warning, as the file may be checked on a machine that is not the kiosk. */
static void
check_file (LoketConfig *self,
            GPtrArray   *warnings,
            const char  *group,
            const char  *key,
            const char  *path)
{
  GStatBuf st;
  g_autofree char *what = NULL;

  if (path == NULL)
    return;

  if (g_stat (path, &st) != 0)
    {
      /* Translators: the first %s is a path, the second the system's reason. */
      what = g_strdup_printf (_("cannot use '%s': %s"), path, g_strerror (errno));
      add_note (self, warnings, TRUE, group, key, LOKET_CONFIG_ERROR_IO, what);
      return;
    }

  if (!S_ISREG (st.st_mode))
    {
      /* Translators: %s is a path. */
      what = g_strdup_printf (_("'%s' is not a regular file"), path);
      add_note (self, warnings, TRUE, group, key, LOKET_CONFIG_ERROR_IO, what);
    }
}

/* Whether this process runs as the kiosk's user would: as the state folder's owner. */
static gboolean
runs_as_state_owner (LoketConfig *self)
{
  GStatBuf st;

  return self->state_dir != NULL && g_stat (self->state_dir, &st) == 0 &&
         st.st_uid == geteuid ();
}

/* A secret goes through the very check the kiosk makes when it reads it
 * (loket-secret-file.c), so what the kiosk would refuse is a problem here too. Only what
 * cannot be judged from this machine or user is a warning: a file that is not there yet, or
 * one this user may not open when it is not the kiosk's user. */
static void
check_secret (LoketConfig *self,
              GPtrArray   *problems,
              GPtrArray   *warnings,
              const char  *group,
              const char  *key,
              const char  *path,
              const char  *what,
              gsize        min_size,
              gsize        max_size)
{
  g_autoptr(GError) error = NULL;
  gboolean warning;

  if (path == NULL || loket_secret_file_check (path, what, min_size, max_size, &error))
    return;

  warning = g_error_matches (error, LOKET_SECRET_FILE_ERROR, LOKET_SECRET_FILE_ERROR_MISSING) ||
            (g_error_matches (error, LOKET_SECRET_FILE_ERROR, LOKET_SECRET_FILE_ERROR_DENIED) &&
             !runs_as_state_owner (self));
  add_note (self, warning ? warnings : problems, warning, group, key,
            warning ? LOKET_CONFIG_ERROR_IO : LOKET_CONFIG_ERROR_BAD_VALUE, error->message);
}

static void
check_folder (LoketConfig *self,
              GPtrArray   *warnings,
              const char  *group,
              const char  *key,
              const char  *path)
{
  g_autofree char *what = NULL;

  if (path == NULL || g_file_test (path, G_FILE_TEST_IS_DIR))
    return;

  /* Translators: %s is a path. */
  what = g_strdup_printf (_("the folder '%s' does not exist"), path);
  add_note (self, warnings, TRUE, group, key, LOKET_CONFIG_ERROR_IO, what);
}

/* [help] url: the agencies' TLS rules (https, or plain http only to this machine). */
static void
check_help (LoketConfig *self,
            GPtrArray   *problems,
            GPtrArray   *warnings)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  check_secret (self, problems, warnings, "help", "token-file", self->help_token_file,
                _("token file"), 1, LOKET_SECRET_MAX_TOKEN_BYTES);
  if (self->help_url == NULL)
    return;

  uri = g_uri_parse (self->help_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || (g_strcmp0 (scheme, "https") != 0
          && !(g_strcmp0 (scheme, "http") == 0
               && loket_config_is_loopback_host (g_uri_get_host (uri)))))
    {
      /* Translators: %s is a URL. */
      g_autofree char *what = g_strdup_printf (_("'%s' is not an https:// URL (plain http:// "
                                                 "only to this machine)"), self->help_url);

      add_note (self, problems, FALSE, "help", "url", LOKET_CONFIG_ERROR_BAD_VALUE, what);
    }
}

gboolean
loket_config_check_files (LoketConfig *self,
                          GPtrArray   *problems,
                          GPtrArray   *warnings)
{
  guint problems_before;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (warnings != NULL, FALSE);

  problems_before = problems->len;

  check_folder (self, warnings, "kiosk", "catalog", self->catalog_dir);

  /* The kiosk creates state-dir itself, but not a whole tree: a missing parent is almost
   * always a typing mistake. */
  if (g_file_test (self->state_dir, G_FILE_TEST_EXISTS))
    {
      if (!g_file_test (self->state_dir, G_FILE_TEST_IS_DIR))
        {
          /* Translators: %s is a path. */
          g_autofree char *what = g_strdup_printf (_("'%s' is not a folder"), self->state_dir);

          add_note (self, problems, FALSE, "kiosk", "state-dir", LOKET_CONFIG_ERROR_BAD_VALUE,
                    what);
        }
    }
  else
    {
      g_autofree char *parent = g_path_get_dirname (self->state_dir);

      if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
        {
          /* Translators: the first %s is a folder, the second the folder it would be in. */
          g_autofree char *what = g_strdup_printf (_("cannot create '%s': the folder '%s' "
                                                     "does not exist"),
                                                   self->state_dir, parent);

          add_note (self, problems, FALSE, "kiosk", "state-dir", LOKET_CONFIG_ERROR_BAD_VALUE,
                    what);
        }
    }

  check_secret (self, problems, warnings, "kiosk", "key-file", self->key_file, _("outbox key"),
                LOKET_SECRET_OUTBOX_KEY_BYTES, LOKET_SECRET_OUTBOX_KEY_BYTES);
  if (self->printer_backend == LOKET_PRINTER_PDF)
    check_folder (self, warnings, "printer", "folder", self->printer_folder);
  check_folder (self, warnings, "metrics", "folder", self->metrics_folder);

  /* Without it the QR holds LOKET1:…, which kiosks read but a phone cannot use. */
  if (self->tracking_url == NULL)
    add_note (self, warnings, TRUE, "tracking", "url", LOKET_CONFIG_ERROR_BAD_VALUE,
              _("not set: the receipt's QR code can be scanned only at a Loket kiosk, not "
                "with a phone"));
  check_help (self, problems, warnings);

  for (guint i = 0; i < self->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (self->agencies, i);
      g_autofree char *group = g_strconcat ("agency ", agency->id, NULL);

      check_file (self, warnings, group, "ca-file", agency->ca_file);
      check_file (self, warnings, group, "client-cert", agency->client_cert);
      check_secret (self, problems, warnings, group, "client-key", agency->client_key,
                    _("client key"), 1, LOKET_SECRET_MAX_CLIENT_KEY_BYTES);
      check_secret (self, problems, warnings, group, "token-file", agency->token_file,
                    _("token file"), 1, LOKET_SECRET_MAX_TOKEN_BYTES);
      check_secret (self, problems, warnings, group, "track-token-file",
                    agency->track_token_file, _("token file"), 1, LOKET_SECRET_MAX_TOKEN_BYTES);
      check_secret (self, problems, warnings, group, "client-secret-file",
                    agency->client_secret_file, _("client secret"), 1,
                    LOKET_SECRET_MAX_CLIENT_SECRET_BYTES);
    }

  return problems->len == problems_before;
}

