/* loket-staff-lockout.c — the PIN pad's lockout: how long it waits, kept across restarts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The state is four lines in `staff-lockout` (state folder), written beside and renamed over
 * with fsync, under the flock of `staff.lock`:
 *   failures N        wrong PINs in a row
 *   wait-us W         the current wait's length (-1: only an unlock)
 *   since-us S        when it started, on the boot clock (CLOCK_BOOTTIME) of ...
 *   boot-id B         ... this boot
 */
#define G_LOG_DOMAIN "loket-staff"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "core/loket-boot-clock.h"
#include "loket-staff-private.h"


gint64
loket_staff_lockout_wait_s (guint failures)
{
  gint64 wait = LOKET_STAFF_FIRST_WAIT_S;

  if (failures <= LOKET_STAFF_FREE_FAILURES)
    return 0;
  if (failures >= LOKET_STAFF_HARD_FAILURES)
    return -1;

  for (guint i = LOKET_STAFF_FREE_FAILURES + 1; i < failures && wait < LOKET_STAFF_MAX_WAIT_S; i++)
    wait *= 2;
  return MIN (wait, LOKET_STAFF_MAX_WAIT_S);
}

void
loket_staff_read_system_clock (LoketStaffClock *clock,
                               gpointer         unused)
{
  clock->monotonic = loket_boot_clock_now_us ();
  clock->wall = g_get_real_time ();
  g_strlcpy (clock->boot_id, loket_boot_clock_boot_id (), sizeof clock->boot_id);
}

int
loket_staff_lock_state (const char  *state_dir,
                        GError     **error)
{
  g_autofree char *path = g_build_filename (state_dir, LOKET_STAFF_LOCK_FILE, NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0 || flock (fd, LOCK_EX) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_STATE,
                   /* Translators: the first %s is a path, the second the system's reason. */
                   _("cannot lock %s: %s"), path, g_strerror (saved_errno));
      return -1;
    }
  return fd;
}

void
loket_staff_unlock_state (int fd)
{
  if (fd >= 0)
    close (fd);   /* drops the flock */
}

static gboolean
parse_state (const char        *text,
             LoketLockoutState *state)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint seen = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 2);
      char *end = NULL;
      gint64 value;

      if (lines[i][0] == '\0')
        continue;
      if (g_strv_length (words) != 2)
        return FALSE;
      if (g_str_equal (words[0], "boot-id"))
        {
          g_strlcpy (state->boot_id, words[1], sizeof state->boot_id);
          seen |= 1;
          continue;
        }
      value = g_ascii_strtoll (words[1], &end, 10);
      if (end == words[1] || *end != '\0')
        return FALSE;
      if (g_str_equal (words[0], "failures") && value >= 0 && value <= G_MAXINT)
        state->failures = (guint) value, seen |= 2;
      else if (g_str_equal (words[0], "wait-us") && value >= -1)
        state->wait_us = value, seen |= 4;
      else if (g_str_equal (words[0], "since-us"))
        state->since = value, seen |= 8;
      else
        return FALSE;
    }

  return seen == 15;
}

gboolean
loket_lockout_load (const char         *path,
                    LoketLockoutState  *state,
                    GError            **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;

  memset (state, 0, sizeof *state);
  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_STATE,
                   /* Translators: %s is why the lockout state could not be read. */
                   _("cannot read the PIN lockout state: %s"), local->message);
      return FALSE;
    }

  if (!parse_state (text, state))
    {
      g_warning ("%s is not a lockout state: the PIN pad stays closed until "
                 "`loketctl staff unlock`", path);
      memset (state, 0, sizeof *state);
      state->failures = LOKET_STAFF_HARD_FAILURES;
      state->wait_us = -1;
    }
  return TRUE;
}

gboolean
loket_lockout_save (const char               *path,
                    const LoketLockoutState  *state,
                    GError                  **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;

  text = g_strdup_printf ("failures %u\nwait-us %" G_GINT64_FORMAT "\nsince-us %"
                          G_GINT64_FORMAT "\nboot-id %s\n",
                          state->failures, state->wait_us, state->since,
                          state->boot_id[0] != '\0' ? state->boot_id : "-");
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_STATE,
                   /* Translators: %s is why the lockout state could not be written. */
                   _("cannot write the PIN lockout state: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

void
loket_lockout_remaining (LoketLockoutState     *state,
                         const LoketStaffClock *now,
                         LoketStaffLockout     *out,
                         gboolean              *rebased)
{
  *rebased = FALSE;
  memset (out, 0, sizeof *out);
  out->failures = state->failures;

  if (state->wait_us < 0)
    {
      out->hard = TRUE;
      return;
    }
  if (state->wait_us == 0)
    return;

  /* Another boot's clock says nothing of how long ago the wait began: it begins again. */
  if (!g_str_equal (state->boot_id, now->boot_id))
    {
      g_strlcpy (state->boot_id, now->boot_id, sizeof state->boot_id);
      state->since = now->monotonic;
      *rebased = TRUE;
    }

  out->wait_us = MAX (0, state->since + state->wait_us - now->monotonic);
  /* A boot clock that went backwards (it cannot, but a test clock may) never shortens it. */
  out->wait_us = MIN (out->wait_us, state->wait_us);
}
