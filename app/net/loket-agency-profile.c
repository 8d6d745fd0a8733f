/* loket-agency-profile.c — the table of agency profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new profile is its file (loket-profile-NAME.c, defining loket_profile_NAME), one line
 * below, its line in meson.build and its tests; in app/config, its enum value
 * (loket-config.h) and one line giving its spelling and the keys it needs
 * (loket-config-choices.c).
 */
#include "config.h"

#include "loket-agency-profile.h"

extern const LoketAgencyProfileOps loket_profile_plain;
extern const LoketAgencyProfileOps loket_profile_oauth2;
extern const LoketAgencyProfileOps loket_profile_xroad;

static const LoketAgencyProfileOps * const profiles[] = {
  [LOKET_AGENCY_PROFILE_PLAIN] = &loket_profile_plain,
  [LOKET_AGENCY_PROFILE_OAUTH2] = &loket_profile_oauth2,
  [LOKET_AGENCY_PROFILE_XROAD] = &loket_profile_xroad,
};

const LoketAgencyProfileOps *
loket_agency_profile_get (LoketAgencyProfile profile)
{
  if ((guint) profile >= G_N_ELEMENTS (profiles))
    return NULL;
  return profiles[profile];
}

const LoketAgencyProfileOps * const *
loket_agency_profile_list (guint *n_profiles)
{
  g_return_val_if_fail (n_profiles != NULL, NULL);

  *n_profiles = G_N_ELEMENTS (profiles);
  return profiles;
}
