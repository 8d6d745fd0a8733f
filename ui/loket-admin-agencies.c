/* loket-admin-agencies.c — admin mode's agency lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "net/loket-reason.h"
#include "loket-admin-agencies.h"
#include "loket-admin-widgets.h"

static char *
ago (gint64 when)
{
  g_autofree char *age = NULL;

  if (when <= 0)
    /* Translators: an agency's last success or failure when there was none. */
    return g_strdup (_("never"));
  age = loket_admin_format_age (when);
  return g_strdup_printf (_("%s ago"), age);
}

/* Held or not, with why; then the last success and the last failure, in words. */
static char *
agency_text (const LoketOutboxAgency       *agency,
             const LoketOutboxAgencyHealth *health)
{
  GString *text = g_string_new (NULL);
  g_autofree char *success = ago (health != NULL ? health->last_success : 0);
  g_autofree char *failure = ago (health != NULL ? health->last_failure : 0);

  if (agency->held)
    {
      g_autofree char *why = loket_reason_format (agency->held_reason);
      g_autofree char *age = loket_admin_format_age (agency->held_since);

      /* Translators: an agency's line on admin mode's status board: %s its id, then
       * why it is held (a sentence), then for how long. */
      g_string_append_printf (text, _("%s: held for %s. %s"), agency->agency, age,
                              why != NULL ? why : "");
    }
  else
    {
      guint waiting = agency->counts[LOKET_OUTBOX_STATE_QUEUED] +
                      agency->counts[LOKET_OUTBOX_STATE_RETRY] +
                      agency->counts[LOKET_OUTBOX_STATE_WAITING];

      /* Translators: an agency's line on admin mode's status board. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: not held, %u part waiting",
                                                 "%s: not held, %u parts waiting", waiting),
                              agency->agency, waiting);
    }
  g_string_append_c (text, '\n');
  /* Translators: an agency's health on admin mode's board; %s is "5 minutes ago" or
   * "never". */
  g_string_append_printf (text, _("Last success: %s. Last failure: %s."), success, failure);
  if (health != NULL && health->last_failure > 0 && health->last_failure_reason != NULL)
    {
      g_autofree char *why = loket_reason_format (health->last_failure_reason);

      g_string_append_printf (text, " %s", why);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
release_button (const char *agency)
{
  /* Translators: a button of admin mode: send an agency's parts again after its
   * credentials were fixed. */
  GtkWidget *button = gtk_button_new_with_label (_("Release"));
  g_autofree char *name = NULL;

  /* Translators: the accessible name of the Release button; %s is an agency id. */
  name = g_strdup_printf (_("Release %s"), agency);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", agency);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "status.release");
  gtk_widget_set_size_request (button, -1, 64);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  return button;
}

void
loket_admin_agencies_fill (GtkBox                   *box,
                           const LoketAdminSnapshot *snap)
{
  GPtrArray *agencies = snap->agencies;

  loket_admin_clear_box (GTK_WIDGET (box));
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);
      const LoketOutboxAgencyHealth *health =
        snap->health != NULL ? loket_outbox_health_find (snap->health, agency->agency) : NULL;
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      g_autofree char *text = agency_text (agency, health);
      GtkWidget *label = loket_admin_text_label (text);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      if (agency->held)
        gtk_box_append (GTK_BOX (row), release_button (agency->agency));
      gtk_box_append (box, row);
    }
}
