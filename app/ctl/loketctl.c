/* loketctl.c — the operations command line, for staff, fleet tools and tests
 *
 * loketctl [--config FILE] COMMAND [ARGUMENTS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "config/loket-file-modes.h"
#include "core/loket-i18n.h"
#include "ctl/loket-ctl.h"
#include "loket-version.h"

static const LoketCtlCommand commands[] = {
  { "check-config", "[--online]",
    N_("Check the configuration file and exit; with --online also the agencies, the printer "
       "and the state folder"), loket_ctl_check_config },
  { "catalog validate", "DIR", N_("Check a service catalog and list every problem"),
    loket_ctl_catalog_validate },
  { "catalog dump", "DIR [--language LANG]", N_("Print the catalog as Loket understands it (JSON)"),
    loket_ctl_catalog_dump },
  { "catalog pot", "DIR", N_("Write the catalog's translation template DIR/po/loket-catalog.pot"),
    loket_ctl_catalog_pot },
  { "catalog compile", "DIR", N_("Compile the catalog's po files into DIR/locale"),
    loket_ctl_catalog_compile },
  { "outbox list", "[--state STATE] [--agency ID] [--json]",
    N_("List the parts in the outbox (no personal data)"), loket_ctl_outbox_list },
  { "outbox show", "CODE|PART-ID", N_("Show one request and its parts"), loket_ctl_outbox_show },
  { "outbox retry", "PART-ID", N_("Send a part again now"), loket_ctl_outbox_retry },
  { "outbox cancel", "PART-ID", N_("Cancel a part and delete its personal data"),
    loket_ctl_outbox_cancel },
  { "outbox give-up", "PART-ID",
    N_("End as cannot-proceed the parts waiting for a prerequisite that ended badly"),
    loket_ctl_outbox_give_up },
  { "outbox purge", "CODE", N_("Remove an ended request from the outbox"), loket_ctl_outbox_purge },
  { "outbox deliver", "[--once] [--quiet]",
    N_("Deliver parts until stopped (or, with --once, until nothing is due)"),
    loket_ctl_outbox_deliver },
  { "outbox pubkey", "", N_("Print this kiosk's public key, for moving an outbox to it"),
    loket_ctl_outbox_pubkey },
  { "outbox export", "--to PUBKEY --out FILE",
    N_("Seal every part not yet ended for another kiosk; they are never sent from here again"),
    loket_ctl_outbox_export },
  { "outbox import", "FILE --from PUBKEY",
    N_("Add the parts of a bundle that kiosk PUBKEY exported for this one"),
    loket_ctl_outbox_import },
  { "submit", "REQUEST.json [--wait SECONDS]",
    N_("Store a combined request (JSON) in the outbox and print its tracking code; with "
       "--wait, deliver it until every part has ended or none can move on within SECONDS, "
       "then print each part's state (submit --help says more)"),
    loket_ctl_submit },
  { "track", "CODE [--json]", N_("Show each part's status, from the agencies and the outbox"),
    loket_ctl_track },
  { "agencies ping", "[ID]", N_("Check that the agencies answer"), loket_ctl_agencies_ping },
  { "agencies release", "ID", N_("Release an agency held for its credentials"),
    loket_ctl_agencies_release },
  { "receipt render", "CODE --format pdf|png|escpos --width 58|80|a4 --out FILE [--language LANG]",
    N_("Draw a request's receipt into a file"), loket_ctl_receipt_render },
  { "receipt print", "CODE [--language LANG]", N_("Print a request's receipt on the configured printer"),
    loket_ctl_receipt_print },
  { "staff add", "NAME [--pin-stdin]",
    N_("Add a staff member for admin mode; asks for the PIN twice (with --pin-stdin, reads it "
       "and its confirmation from two lines of standard input)"), loket_ctl_staff_add },
  { "staff remove", "NAME", N_("Remove a staff member"), loket_ctl_staff_remove },
  { "staff list", "", N_("List the staff members and when each last logged in"),
    loket_ctl_staff_list },
  { "staff unlock", "", N_("Reopen the PIN pad after wrong PINs locked it"),
    loket_ctl_staff_unlock },
  { "audit verify", "", N_("Check that the audit log's chain is whole and its tail not cut off"),
    loket_ctl_audit_verify },
  { "audit show", "[--since TIME]", N_("Print the audit log (staff actions)"),
    loket_ctl_audit_show },
  { "offer list", "", N_("List the services and life events switched off (today's offer)"),
    loket_ctl_offer_list },
  { "offer off", "service|life-event ID [--until-switched-back]",
    N_("Switch a service or life event off for today (or until switched back on)"),
    loket_ctl_offer_off },
  { "offer on", "service|life-event ID", N_("Switch a service or life event back on"),
    loket_ctl_offer_on },
  { "settings show", "", N_("Show the settings staff may change, and where each comes from"),
    loket_ctl_settings_show },
  { "settings set", "default-language|idle-timeout VALUE",
    N_("Change a staff setting (written to local.conf in the state folder)"),
    loket_ctl_settings_set },
  { "settings unset", "default-language|idle-timeout",
    N_("Go back to the fleet configuration's value of a staff setting"),
    loket_ctl_settings_unset },
};

/* An audit line's copy (app/staff/loket-audit.h) goes to the journal even when loketctl runs
 * on a terminal, and never to the terminal: it is the evidence kept off the file. */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "LOKET_AUDIT_HASH"))
      {
        g_log_writer_journald (level, fields, n_fields, user_data);
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: loketctl [--config FILE] COMMAND [ARGUMENTS]"));
  fprintf (out, "\n%s\n", _("Operate a Loket kiosk: configuration, catalog, outbox, receipts."));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --config FILE   %s\n", _("Read this configuration instead of the default"));
  fprintf (out, "  --help          %s\n", _("Show this help and exit"));
  fprintf (out, "  --version       %s\n", _("Show the version and exit"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *left = g_strconcat (commands[i].name, *commands[i].usage ? " " : "",
                                           commands[i].usage, NULL);
      /* A long usage gets a line of its own, so the summaries stay in one column; a long
       * summary goes on in that column. */
      if (strlen (left) > 30)
        fprintf (out, "  %s\n  %-30s ", left, "");
      else
        fprintf (out, "  %-30s ", left);
      loket_ctl_print_wrapped (out, 33, 100, _(commands[i].summary));
    }
  /* Translators: %s is the default configuration file's path. */
  fprintf (out, "\n");
  fprintf (out, _("The default configuration is %s."), LOKET_DEFAULT_CONFIG);
  fprintf (out, "\n");
}

static const LoketCtlCommand *
find_command (int    argc,
              char **argv,
              int   *consumed)
{
  /* A command may be one word ("track") or a group and a verb ("outbox list"):
   * the longest name that matches the words wins. */
  const LoketCtlCommand *best = NULL;
  int best_words = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", -1);
      int n = (int) g_strv_length (words);
      gboolean match = n <= argc;

      for (int w = 0; match && w < n; w++)
        match = g_str_equal (words[w], argv[w]);

      if (match && n > best_words)
        {
          best = &commands[i];
          best_words = n;
        }
    }

  *consumed = best_words;
  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LoketCtl) ctl = NULL;
  const char *config_path = NULL;
  const LoketCtlCommand *command;
  g_autofree char *name = NULL;
  int consumed = 0;
  int i;

  /* First, before any thread exists (see app/loket.c): what loketctl creates in the state
   * folder is the kiosk user's alone; the catalog's translations get explicit modes. */
  umask (LOKET_UMASK);
  loket_i18n_init ();
  g_log_set_writer_func (write_log, NULL, NULL);

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          return 0;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("loketctl %s (%s)\n", PACKAGE_VERSION, LOKET_VCS_TAG);
          return 0;
        }
      else if (g_str_equal (argv[i], "--config") && i + 1 < argc)
        config_path = argv[++i];
      else if (g_str_has_prefix (argv[i], "--config="))
        config_path = argv[i] + strlen ("--config=");
      else
        {
          /* Translators: %s is a command-line option the user typed. */
          loket_ctl_fail (_("unknown option '%s' (try --help)"), argv[i]);
          return 1;
        }
    }

  if (i >= argc)
    {
      print_help (stderr);
      return 1;
    }

  command = find_command (argc - i, argv + i, &consumed);
  if (command == NULL)
    {
      /* Translators: %s is the command the user typed. */
      loket_ctl_fail (_("unknown command '%s' (try --help)"), argv[i]);
      return 1;
    }

  ctl = loket_ctl_new (config_path);

  /* The command sees its own name as argv[0], then its arguments. */
  name = g_strdup (command->name);
  argv[i + consumed - 1] = name;
  return command->run (ctl, argc - i - consumed + 1, argv + i + consumed - 1);
}
