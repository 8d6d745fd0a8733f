/* loket-profile-plain.c — profile `plain`: the agency protocol as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paths hang from the configured url, and nothing is added to a call: the optional
 * bearer token from `token-file` is read by loket-agency-client.c for every profile, so a
 * renewed file counts at the next request whatever the profile.
 */
#include "config.h"

#include "loket-agency-profile.h"

const LoketAgencyProfileOps loket_profile_plain = {
  .profile = LOKET_AGENCY_PROFILE_PLAIN,
};
