/* ctl-offer.c — `loketctl offer list|off|on`: today's offer, as admin mode changes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same function as admin mode's Today's offer (loket_staff_switch_offer), with
 * "loketctl (USER)" in the audit line. The id is checked against the catalog, so a typo
 * switches nothing off in silence.
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "config/loket-file-modes.h"
#include "core/loket-catalog.h"
#include "staff/loket-staff-ops.h"
#include "loket-ctl.h"

int
loket_ctl_offer_list (LoketCtl  *ctl,
                      int        argc,
                      char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOffer) offer = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  LoketConfig *config;
  guint shown = 0;

  if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl offer list"));
  config = loket_ctl_get_config (ctl, &error);
  if (config != NULL)
    catalog = loket_catalog_load (config->catalog_dir, NULL, &error);
  if (catalog != NULL)
    offer = loket_offer_load (config->state_dir, &error);
  if (offer == NULL)
    return loket_ctl_fail_error (error);

  for (LoketOfferKind kind = LOKET_OFFER_SERVICE; kind <= LOKET_OFFER_LIFE_EVENT; kind++)
    {
      GPtrArray *items = kind == LOKET_OFFER_SERVICE ? loket_catalog_get_services (catalog)
                                                     : loket_catalog_get_life_events (catalog);

      for (guint i = 0; i < items->len; i++)
        {
          /* LoketService and LoketLifeEvent both start with their id. */
          const char *id = *(const char * const *) g_ptr_array_index (items, i);
          gboolean until_back = FALSE;

          if (!loket_offer_is_off (offer, kind, id, &until_back))
            continue;
          printf ("%s %s: %s\n", loket_offer_kind_to_string (kind), id,
                  /* Translators: how long a service is switched off (loketctl offer list). */
                  until_back ? _("off until switched back on") : _("off today"));
          shown++;
        }
    }
  if (shown == 0)
    printf ("%s\n", _("Every service and life event of the catalog is offered."));
  return 0;
}

static int
switch_offer (LoketCtl          *ctl,
              const char        *kind_text,
              const char        *id,
              LoketOfferSwitch   how)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  g_autoptr(LoketOffer) offer = NULL;
  g_autofree char *by = loket_ctl_actor ();
  LoketConfig *config;
  LoketOfferKind kind;

  if (!loket_offer_kind_parse (kind_text, &kind))
    /* Translators: %s is what was typed instead of service or life-event. */
    return loket_ctl_fail (_("'%s' is neither service nor life-event"), kind_text);
  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL || !loket_state_dir_prepare (config->state_dir, &error))
    return loket_ctl_fail_error (error);
  catalog = loket_catalog_load (config->catalog_dir, NULL, &error);
  if (catalog == NULL)
    return loket_ctl_fail_error (error);
  if ((kind == LOKET_OFFER_SERVICE && loket_catalog_get_service (catalog, id) == NULL) ||
      (kind == LOKET_OFFER_LIFE_EVENT && loket_catalog_get_life_event (catalog, id) == NULL))
    /* Translators: the first %s is service or life-event, the second an id. */
    return loket_ctl_fail (_("The catalog has no %s '%s'"), kind_text, id);

  staff = loket_staff_new_for_config (config);
  offer = loket_staff_switch_offer (staff, by, config->state_dir, kind, id, how, NULL, NULL,
                                    &error);
  if (offer == NULL)
    return loket_ctl_fail_error (error);
  printf ("%s %s: %s\n", kind_text, id,
          how == LOKET_OFFER_SWITCH_ON ? _("offered again")
          : how == LOKET_OFFER_SWITCH_OFF_TODAY ? _("off today")
          : _("off until switched back on"));
  return 0;
}

int
loket_ctl_offer_off (LoketCtl  *ctl,
                     int        argc,
                     char     **argv)
{
  if (argc == 3)
    return switch_offer (ctl, argv[1], argv[2], LOKET_OFFER_SWITCH_OFF_TODAY);
  if (argc == 4 && g_str_equal (argv[3], "--until-switched-back"))
    return switch_offer (ctl, argv[1], argv[2], LOKET_OFFER_SWITCH_OFF_UNTIL_BACK);
  return loket_ctl_fail (_("usage: loketctl offer off service|life-event ID "
                           "[--until-switched-back]"));
}

int
loket_ctl_offer_on (LoketCtl  *ctl,
                    int        argc,
                    char     **argv)
{
  if (argc != 3)
    return loket_ctl_fail (_("usage: loketctl offer on service|life-event ID"));
  return switch_offer (ctl, argv[1], argv[2], LOKET_OFFER_SWITCH_ON);
}
