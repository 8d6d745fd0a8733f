/* ctl-staff.c — `loketctl staff add|remove|list|unlock`: the staff accounts of admin mode
 *
 * The same functions admin mode calls (app/staff/loket-staff.h); each leaves its audit line,
 * with "loketctl (USER)" as the one who acted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "config/loket-file-modes.h"
#include "staff/loket-staff.h"
#include "loket-ctl.h"

/* Who acts, as the audit line names them: read before loketctl becomes the state folder's
 * owner, so root through sudo is the person who typed it. */
char *
loket_ctl_actor (void)
{
  const char *sudo_user = g_getenv ("SUDO_USER");

  if (sudo_user != NULL && *sudo_user != '\0')
    return g_strdup_printf ("loketctl (%s)", sudo_user);
  return g_strdup_printf ("loketctl (%s)", g_get_user_name ());
}

static LoketStaff *
open_staff (LoketCtl  *ctl,
            GError   **error)
{
  LoketConfig *config = loket_ctl_get_config (ctl, error);

  if (config == NULL || !loket_state_dir_prepare (config->state_dir, error))
    return NULL;
  return loket_staff_new_for_config (config);
}

/* One line of standard input without its newline; NULL at its end. */
static char *
read_line (FILE *in)
{
  char buffer[256];
  gsize length;

  if (fgets (buffer, sizeof buffer, in) == NULL)
    return NULL;
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';
  return g_strndup (buffer, length);
}

/* Asks on the terminal with echo off. */
static char *
ask_pin (const char *prompt)
{
  FILE *tty = fopen ("/dev/tty", "r+");
  struct termios saved, quiet;
  char *pin;

  if (tty == NULL)
    return NULL;
  fprintf (tty, "%s ", prompt);
  fflush (tty);
  if (tcgetattr (fileno (tty), &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
    }
  pin = read_line (tty);
  tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fprintf (tty, "\n");
  fclose (tty);
  return pin;
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* A PIN read from the terminal or standard input: wiped when it goes. */
typedef char LoketStaffSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketStaffSecret, wipe_free)

int
loket_ctl_staff_add (LoketCtl  *ctl,
                     int        argc,
                     char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  g_autofree char *by = loket_ctl_actor ();
  g_autoptr(LoketStaffSecret) pin = NULL;
  g_autoptr(LoketStaffSecret) again = NULL;
  gboolean from_stdin = argc == 3 && g_str_equal (argv[2], "--pin-stdin");

  if (argc != 2 && !from_stdin)
    return loket_ctl_fail (_("usage: loketctl staff add NAME [--pin-stdin]"));

  staff = open_staff (ctl, &error);
  if (staff == NULL)
    return loket_ctl_fail_error (error);

  if (from_stdin)
    {
      pin = read_line (stdin);
      again = read_line (stdin);
    }
  else
    {
      pin = ask_pin (_("PIN (6 to 12 digits):"));
      again = pin != NULL ? ask_pin (_("The same PIN again:")) : NULL;
    }
  /* A missing confirmation is a mismatch, refused (and audited) as one. */
  if (pin != NULL && again == NULL)
    again = g_strdup ("");
  if (pin == NULL)
    return loket_ctl_fail (_("no PIN given: type it twice on the terminal, or give it on two "
                             "lines of standard input with --pin-stdin"));

  if (!loket_staff_add (staff, by, argv[1], pin, again, &error))
    return loket_ctl_fail_error (error);

  /* Translators: %s is a staff name. */
  printf (_("%s: added; they can now enter admin mode on this kiosk"), argv[1]);
  printf ("\n");
  return 0;
}

int
loket_ctl_staff_remove (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  g_autofree char *by = loket_ctl_actor ();

  if (argc != 2)
    return loket_ctl_fail (_("usage: loketctl staff remove NAME"));

  staff = open_staff (ctl, &error);
  if (staff == NULL || !loket_staff_remove (staff, by, argv[1], &error))
    return loket_ctl_fail_error (error);

  /* Translators: %s is a staff name. */
  printf (_("%s: removed"), argv[1]);
  printf ("\n");
  return 0;
}

static char *
format_local (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M %z") : g_strdup ("?");
}

int
loket_ctl_staff_list (LoketCtl  *ctl,
                      int        argc,
                      char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  g_autoptr(GHashTable) logins = NULL;
  g_auto(GStrv) names = NULL;

  if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl staff list"));

  staff = open_staff (ctl, &error);
  if (staff == NULL)
    return loket_ctl_fail_error (error);
  names = loket_staff_dup_names (staff, &error);
  if (names == NULL)
    return loket_ctl_fail_error (error);
  logins = loket_staff_dup_last_logins (staff, &error);
  if (logins == NULL)
    return loket_ctl_fail_error (error);

  if (names[0] == NULL)
    {
      printf ("%s\n", _("No staff yet: add one with `loketctl staff add NAME`."));
      return 0;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      const gint64 *last = g_hash_table_lookup (logins, names[i]);
      g_autofree char *when = last != NULL ? format_local (*last) : NULL;

      if (when != NULL)
        /* Translators: a staff name, then when they last entered admin mode. */
        printf (_("%s\tlast logged in %s"), names[i], when);
      else
        /* Translators: %s is a staff name. */
        printf (_("%s\tnever logged in"), names[i]);
      printf ("\n");
    }
  return 0;
}

int
loket_ctl_staff_unlock (LoketCtl  *ctl,
                        int        argc,
                        char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  g_autofree char *by = loket_ctl_actor ();

  if (argc != 1)
    return loket_ctl_fail (_("usage: loketctl staff unlock"));

  staff = open_staff (ctl, &error);
  if (staff == NULL || !loket_staff_unlock (staff, by, &error))
    return loket_ctl_fail_error (error);

  printf ("%s\n", _("The PIN pad is open again; the count of wrong PINs starts from zero."));
  return 0;
}
