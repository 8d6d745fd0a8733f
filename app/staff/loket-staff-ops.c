/* loket-staff-ops.c — what staff change on a kiosk, as admin mode and loketctl both do it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-staff"

#include "config.h"

#include "loket-staff-ops.h"

LoketOffer *
loket_staff_switch_offer (LoketStaff        *staff,
                          const char        *by,
                          const char        *state_dir,
                          LoketOfferKind     kind,
                          const char        *id,
                          LoketOfferSwitch   how,
                          LoketOfferClock    clock,
                          gpointer           clock_data,
                          GError           **error)
{
  static const char *const actions[] = {
    LOKET_AUDIT_OFFER_OFF_TODAY, LOKET_AUDIT_OFFER_OFF, LOKET_AUDIT_OFFER_ON,
  };
  g_autoptr(LoketOffer) offer = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (LOKET_IS_STAFF (staff), NULL);
  g_return_val_if_fail (by != NULL && state_dir != NULL && id != NULL, NULL);
  g_return_val_if_fail ((guint) how < G_N_ELEMENTS (actions), NULL);

  offer = loket_offer_load (state_dir, error);
  if (offer == NULL)
    return NULL;
  loket_offer_set_clock (offer, clock, clock_data);
  if (how == LOKET_OFFER_SWITCH_ON)
    loket_offer_switch_on (offer, kind, id);
  else
    loket_offer_switch_off (offer, kind, id, how == LOKET_OFFER_SWITCH_OFF_UNTIL_BACK);
  if (!loket_offer_save (offer, state_dir, error))
    return NULL;

  target = loket_offer_audit_target (kind, id);
  if (!loket_staff_audit (staff, by, actions[how], target, error))
    return NULL;
  return g_steal_pointer (&offer);
}

gboolean
loket_staff_set_setting (LoketStaff   *staff,
                         const char   *by,
                         LoketConfig  *config,
                         const char   *key,
                         const char   *value,
                         GError      **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (LOKET_IS_STAFF (staff), FALSE);
  g_return_val_if_fail (by != NULL && config != NULL && key != NULL, FALSE);

  if (!loket_local_conf_set (config, key, value, error))
    return FALSE;
  target = value != NULL ? g_strdup_printf ("%s=%s", key, value) : g_strdup (key);
  return loket_staff_audit (staff, by, LOKET_AUDIT_SETTING, target, error);
}
