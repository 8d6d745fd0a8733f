/* loket-config.c — the kiosk's configuration: reading the file, defaults, lookups
 *
 * The scanner is in loket-config-parse.c, the syntax of single values in
 * loket-config-values.c, and the checks of the machine (check-config) in
 * loket-config-check.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-config-private.h"

G_DEFINE_QUARK (loket-config-error-quark, loket_config_error)

void
loket_agency_config_free (LoketAgencyConfig *agency)
{
  g_free (agency->id);
  g_free (agency->url);
  g_free (agency->ca_file);
  g_free (agency->client_cert);
  g_free (agency->client_key);
  g_free (agency->pinned_key);
  g_free (agency->token_file);
  g_free (agency->track_token_file);
  g_free (agency->token_url);
  g_free (agency->client_id);
  g_free (agency->client_secret_file);
  g_free (agency->scope);
  g_free (agency->xroad_client);
  g_free (agency->xroad_service);
  g_free (agency);
}


LoketConfig *
loket_config_load_full (const char  *path,
                        GPtrArray  **problems,
                        GError     **error)
{
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  guint8 buffer[16384];
  FILE *file;
  int saved_errno = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Read at most one byte past the limit, so a huge file (or /dev/zero) costs nothing. */
  file = g_fopen (path, "rb");
  if (file == NULL)
    saved_errno = errno;
  else
    {
      while (contents->len <= LOKET_CONFIG_MAX_FILE_SIZE)
        {
          size_t n = fread (buffer, 1, sizeof buffer, file);

          g_byte_array_append (contents, buffer, (guint) n);
          if (n < sizeof buffer)
            {
              if (ferror (file))
                saved_errno = errno != 0 ? errno : EIO;
              break;
            }
        }
      fclose (file);
    }

  if (saved_errno != 0)
    {
      g_autofree char *what = NULL;
      GError *problem;

      /* Translators: %s is the system's reason, such as "No such file or directory". */
      what = g_strdup_printf (_("cannot read: %s"), g_strerror (saved_errno));
      problem = loket_config_problem_new (path, 0, NULL, NULL, LOKET_CONFIG_ERROR_IO, what);
      g_propagate_error (error, g_error_copy (problem));
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
          g_ptr_array_add (*problems, problem);
        }
      else
        g_error_free (problem);
      return NULL;
    }

  {
    LoketConfig *config = loket_config_load_from_data ((const char *) contents->data,
                                                       contents->len, path, problems, error);

    /* Staff's settings over the fleet's file (loket-local-conf.c). */
    if (config != NULL)
      loket_local_conf_apply (config);
    return config;
  }
}

LoketConfig *
loket_config_load (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return loket_config_load_full (path, NULL, error);
}

LoketConfig *
loket_config_new_default (void)
{
  LoketConfig *self = g_new0 (LoketConfig, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kiosk_id = g_strdup ("kiosk-1");
  self->site = g_strdup ("");
  self->languages = g_strsplit ("id;en", ";", -1);
  self->default_language = g_strdup ("id");
  self->idle_timeout = 90;
  self->catalog_dir = g_strdup (LOKET_DEFAULT_CATALOG);
  self->state_dir = g_strdup ("/var/lib/loket");
  self->key_file = g_strdup ("/etc/loket/outbox.key");
  self->pii_max_days = 14;
  self->retention_days = 90;
  self->printer_backend = LOKET_PRINTER_NONE;
  self->printer_port = 9100;
  self->printer_width = LOKET_PAPER_80MM;
  self->admin_pin_file = g_build_filename (self->state_dir, "staff", NULL);
  self->track_listen = g_strdup ("127.0.0.1:8080");
  self->track_path_prefix = g_strdup ("/");
  self->track_cache_seconds = 30;
  self->track_agency_timeout = 3;
  self->track_rate_limit = 60;
  self->track_rate_burst = 20;
  self->track_max_agency_calls = 512;
  self->track_trusted_proxies = g_new0 (char *, 1);
  self->speech_enabled = TRUE;
  self->speech_rate = 175;
  self->speech_volume = 100;
  self->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_agency_config_free);
  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

LoketConfig *
loket_config_ref (LoketConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
loket_config_unref (LoketConfig *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->path);
  g_free (self->kiosk_id);
  g_free (self->site);
  g_strfreev (self->languages);
  g_free (self->default_language);
  g_free (self->catalog_dir);
  g_free (self->state_dir);
  g_free (self->key_file);
  g_free (self->tracking_url);
  g_free (self->printer_queue);
  g_free (self->printer_device);
  g_free (self->printer_host);
  g_free (self->printer_folder);
  g_free (self->metrics_folder);
  g_free (self->admin_pin_file);
  g_free (self->track_listen);
  g_free (self->track_path_prefix);
  g_strfreev (self->track_trusted_proxies);
  g_free (self->help_url);
  g_free (self->help_token_file);
  g_free (self->speech_device);
  g_ptr_array_unref (self->agencies);
  g_hash_table_unref (self->lines);
  g_free (self->local_path);
  g_clear_pointer (&self->local_lines, g_hash_table_unref);
  g_clear_pointer (&self->local_problems, g_ptr_array_unref);
  g_free (self);
}

const LoketAgencyConfig *
loket_config_get_agency (LoketConfig *self,
                         const char  *agency_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (self->agencies, i);

      if (g_strcmp0 (agency->id, agency_id) == 0)
        return agency;
    }

  return NULL;
}

guint
loket_config_get_line (LoketConfig *self,
                       const char  *group,
                       const char  *key)
{
  g_autofree char *seen_key = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (group != NULL, 0);

  seen_key = loket_config_line_key (group, key);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->lines, seen_key));
}
