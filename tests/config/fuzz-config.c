/* fuzz-config.c — libFuzzer target: the configuration file parser
 *
 * Arbitrary bytes are read as a configuration. Whatever the input, loading either gives a
 * configuration that keeps the file's promises (every agency has a url, the default
 * language is offered, numbers are in range) or fails with problems that each name the
 * file, the first of which is the error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "config/loket-config.h"
#include "config/loket-config-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_config (LoketConfig *config)
{
  g_assert (config->languages != NULL && config->languages[0] != NULL);
  g_assert (g_strv_contains ((const char * const *) config->languages,
                             config->default_language));
  g_assert (config->idle_timeout >= 30 && config->idle_timeout <= 3600);
  g_assert (config->pii_max_days >= 1 && config->pii_max_days <= 365);
  g_assert (config->retention_days >= 1 && config->retention_days <= 3650);
  g_assert (config->printer_port >= 1 && config->printer_port <= 65535);
  g_assert (config->tracking_url == NULL || strstr (config->tracking_url, "{code}") != NULL);
  g_assert (g_path_is_absolute (config->catalog_dir));
  g_assert (g_path_is_absolute (config->state_dir));

  for (guint i = 0; i < config->agencies->len; i++)
    {
      const LoketAgencyConfig *agency = g_ptr_array_index (config->agencies, i);
      const LoketConfigChoice *choice;

      g_assert (agency->url != NULL);
      g_assert (g_str_has_prefix (agency->url, "https://") ||
                g_str_has_prefix (agency->url, "http://"));
      g_assert (agency->timeout >= 1 && agency->timeout <= 300);
      g_assert (loket_config_get_agency (config, agency->id) == agency);
      g_assert ((agency->client_cert == NULL) == (agency->client_key == NULL));
      /* The keys its profile needs, as the table of profiles says. */
      choice = loket_config_choice_find (loket_config_agency_profiles, agency->profile);
      g_assert (choice != NULL);
      for (guint j = 0; j < G_N_ELEMENTS (choice->needs) && choice->needs[j] != NULL; j++)
        g_assert (loket_config_text_is_set (config, agency, choice->needs[j]));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;

  config = loket_config_load_from_data ((const char *) data, size, "/fuzz/loket.conf",
                                        &problems, &error);
  g_assert (problems != NULL);

  if (config != NULL)
    {
      g_assert (error == NULL && problems->len == 0);
      check_config (config);
      return 0;
    }

  g_assert (error != NULL && error->domain == LOKET_CONFIG_ERROR && problems->len > 0);
  g_assert (g_str_equal (error->message, ((GError *) g_ptr_array_index (problems, 0))->message));
  for (guint i = 0; i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);

      g_assert (g_str_has_prefix (problem->message, "/fuzz/loket.conf"));
      /* Lines that are not UTF-8 are refused before any of their text is quoted. */
      g_assert (g_utf8_validate (problem->message, -1, NULL));
      for (const char *c = problem->message; *c != '\0'; c++)
        g_assert ((guchar) *c >= 0x20 || *c == '\t');
    }

  return 0;
}
