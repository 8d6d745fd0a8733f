/* loket-boot-clock.c — the boot's own clock and which boot it counts in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "loket-boot-clock.h"

#define BOOT_ID_FILE "/proc/sys/kernel/random/boot_id"

gint64
loket_boot_clock_now_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

const char *
loket_boot_clock_boot_id (void)
{
  static char id[40];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (BOOT_ID_FILE, &contents, NULL, NULL) &&
          strlen (g_strstrip (contents)) > 0)
        g_strlcpy (id, contents, sizeof id);
      else
        {
          g_autofree char *uuid = g_uuid_string_random ();

          g_snprintf (id, sizeof id, "p-%s", uuid);
        }
      g_once_init_leave (&initialized, 1);
    }

  return id;
}
