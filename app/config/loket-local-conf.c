/* loket-local-conf.c — staff's settings: `local.conf` in the state dir, over the fleet's file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fleet's configuration file belongs to configuration management and is never written
 * by the kiosk. What staff may change on the spot (admin mode's Settings, `loketctl
 * settings`) goes into local.conf, one `[kiosk]` group in the fleet file's syntax. It is
 * scanned line by line like the fleet's file, so check-config can name the line a value
 * came from. A value staff may not set (an unknown key, a language the fleet does not
 * offer, an idle timeout outside the fleet's bounds) is left unused, never fatal: the
 * kiosk starts with the fleet's value and check-config warns.
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-config-private.h"

static const char * const local_keys[] = { "default-language", "idle-timeout", NULL };

const char * const *
loket_local_conf_keys (void)
{
  return local_keys;
}

static char *
local_path (LoketConfig *self)
{
  return g_build_filename (self->state_dir, LOKET_LOCAL_CONF_FILE_NAME, NULL);
}

gboolean
loket_local_conf_check (LoketConfig  *self,
                        const char   *key,
                        const char   *value,
                        GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (g_str_equal (key, "default-language"))
    {
      g_autofree char *offered = NULL;

      if (g_strv_contains ((const char * const *) self->languages, value))
        return TRUE;
      offered = g_strjoinv (", ", self->languages);
      /* Translators: %s is a language code, then the languages the kiosk offers. */
      g_set_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_BAD_VALUE,
                   _("'%s' is not one of the languages this kiosk offers (%s)"), value, offered);
      return FALSE;
    }
  if (g_str_equal (key, "idle-timeout"))
    {
      guint min = 0, max = 0;
      guint64 seconds = 0;

      g_assert (loket_config_kiosk_key_bounds (key, &min, &max));
      if (g_ascii_string_to_unsigned (value, 10, min, max, &seconds, NULL))
        return TRUE;
      /* Translators: %s is what was given, %u and %u the bounds in seconds. */
      g_set_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_BAD_VALUE,
                   _("'%s' is not a number of seconds from %u to %u"), value, min, max);
      return FALSE;
    }
  /* Translators: %s is a key of the configuration. */
  g_set_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_UNKNOWN,
               _("'%s' is not a setting staff may change (only default-language and "
                 "idle-timeout)"), key);
  return FALSE;
}

void
loket_local_conf_use (LoketConfig *self,
                      const char  *key,
                      const char  *value)
{
  g_return_if_fail (self != NULL && key != NULL && value != NULL);

  if (g_str_equal (key, "default-language"))
    {
      char *old = self->default_language;

      self->default_language = g_strdup (value);
      g_free (old);
    }
  else if (g_str_equal (key, "idle-timeout"))
    self->idle_timeout = (guint) g_ascii_strtoull (value, NULL, 10);
}

char *
loket_local_conf_dup_value (LoketConfig *self,
                            const char  *key)
{
  g_return_val_if_fail (self != NULL && key != NULL, NULL);

  if (g_str_equal (key, "default-language"))
    return g_strdup (self->default_language);
  if (g_str_equal (key, "idle-timeout"))
    return g_strdup_printf ("%u", self->idle_timeout);
  return NULL;
}

guint
loket_local_conf_get_line (LoketConfig *self,
                           const char  *key)
{
  g_return_val_if_fail (self != NULL && key != NULL, 0);

  if (self->local_lines == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->local_lines, key));
}

static void
add_problem (LoketConfig *self,
             const char  *path,
             guint        line,
             const char  *key,
             const char  *what)
{
  if (self->local_problems == NULL)
    self->local_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_ptr_array_add (self->local_problems,
                   loket_config_problem_new (path, line, key != NULL ? "kiosk" : NULL, key,
                                             LOKET_CONFIG_ERROR_BAD_VALUE, what));
}

/* One line of local.conf: a comment, "[kiosk]", or "key = value" in it. */
static void
apply_line (LoketConfig *self,
            const char  *path,
            guint        number,
            char        *line,
            gboolean    *in_kiosk,
            GHashTable  *values)
{
  g_autoptr(GError) error = NULL;
  char *equals;
  char *key, *value;

  g_strstrip (line);
  if (*line == '\0' || *line == '#')
    return;
  if (*line == '[')
    {
      *in_kiosk = g_str_equal (line, "[kiosk]");
      if (!*in_kiosk)
        /* Translators: local.conf holds only the [kiosk] group. */
        add_problem (self, path, number, NULL, _("only a [kiosk] group belongs in local.conf"));
      return;
    }
  equals = strchr (line, '=');
  if (!*in_kiosk || equals == NULL)
    {
      if (*in_kiosk)
        /* Translators: a line of local.conf that is not "key = value". */
        add_problem (self, path, number, NULL, _("not a line of the form key = value"));
      return;
    }
  *equals = '\0';
  key = g_strstrip (line);
  value = g_strstrip (equals + 1);
  if (!loket_local_conf_check (self, key, value, &error))
    {
      /* Translators: %s says why a staff setting is not used. */
      g_autofree char *what = g_strdup_printf (_("%s; the fleet's value is used"),
                                               error->message);

      add_problem (self, path, number, key, what);
      return;
    }
  g_hash_table_insert (values, g_strdup (key), g_strdup (value));
  g_hash_table_insert (self->local_lines, g_strdup (key), GUINT_TO_POINTER (number));
}

void
loket_local_conf_apply (LoketConfig *self)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in_kiosk = FALSE;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL);

  if (self->state_dir == NULL)
    return;
  path = local_path (self);
  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        add_problem (self, path, 0, NULL, error->message);
      return;
    }

  self->local_path = g_strdup (path);
  g_clear_pointer (&self->local_lines, g_hash_table_unref);
  self->local_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    apply_line (self, path, i + 1, lines[i], &in_kiosk, values);

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    loket_local_conf_use (self, key, value);
}

gboolean
loket_local_conf_set (LoketConfig  *self,
                      const char   *key,
                      const char   *value,
                      GError      **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *old = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean written = FALSE;

  g_return_val_if_fail (self != NULL && key != NULL, FALSE);

  if (value != NULL && !loket_local_conf_check (self, key, value, error))
    return FALSE;
  if (value == NULL && !g_strv_contains (local_keys, key))
    return loket_local_conf_check (self, key, "", error);

  /* The keys already there stay, in their order; comments and unknown lines too. */
  path = local_path (self);
  if (!g_file_get_contents (path, &old, NULL, NULL))
    old = g_strdup ("# Staff's settings (admin mode, loketctl settings). The fleet's "
                    "configuration file is never written.\n[kiosk]\n");
  lines = g_strsplit (old, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));
      const char *equals = strchr (stripped, '=');
      g_autofree char *line_key = equals != NULL ? g_strstrip (g_strndup (stripped, equals - stripped))
                                                 : NULL;

      if (lines[i + 1] == NULL && *lines[i] == '\0')
        break;
      if (line_key != NULL && g_str_equal (line_key, key))
        {
          if (value != NULL && !written)
            g_string_append_printf (text, "%s = %s\n", key, value);
          written = TRUE;
          continue;
        }
      g_string_append_printf (text, "%s\n", lines[i]);
    }
  if (value != NULL && !written)
    g_string_append_printf (text, "%s = %s\n", key, value);

  return g_file_set_contents_full (path, text->str, (gssize) text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}
