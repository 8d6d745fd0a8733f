/* loket-config.c — PROVISIONAL: replaced by the full parser (line numbers, validation).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-config.h"

G_DEFINE_QUARK (loket-config-error-quark, loket_config_error)

static void
agency_config_free (LoketAgencyConfig *agency)
{
  g_free (agency->id);
  g_free (agency->url);
  g_free (agency->ca_file);
  g_free (agency->client_cert);
  g_free (agency->client_key);
  g_free (agency->pinned_key);
  g_free (agency->token_file);
  g_free (agency->token_url);
  g_free (agency->client_id);
  g_free (agency->client_secret_file);
  g_free (agency->scope);
  g_free (agency->xroad_client);
  g_free (agency->xroad_service);
  g_free (agency);
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
  self->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_config_free);

  return self;
}

LoketConfig *
loket_config_load (const char  *path,
                   GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(LoketConfig) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, error))
    return NULL;

  self = loket_config_new_default ();
  self->path = g_strdup (path);

  return g_steal_pointer (&self);
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
  g_free (self->admin_pin_file);
  g_ptr_array_unref (self->agencies);
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

const char *
loket_agency_profile_to_string (LoketAgencyProfile profile)
{
  static const char * const names[] = { "plain", "oauth2", "xroad" };

  g_return_val_if_fail ((guint) profile < G_N_ELEMENTS (names), NULL);
  return names[profile];
}

const char *
loket_printer_backend_to_string (LoketPrinterBackend backend)
{
  static const char * const names[] = { "none", "pdf", "cups", "escpos-device", "escpos-tcp" };

  g_return_val_if_fail ((guint) backend < G_N_ELEMENTS (names), NULL);
  return names[backend];
}
