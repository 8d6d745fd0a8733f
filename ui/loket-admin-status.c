/* loket-admin-status.c — admin mode's status board and the parts that need staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <sys/timex.h>
#include <glib/gi18n-lib.h>

#include "core/loket-tracking-code.h"
#include "net/loket-reason.h"
#include "outbox/loket-outbox.h"
#include "staff/loket-audit.h"
#include "loket-admin-status.h"
#include "loket-speech-mode.h"

/* What one read found: metadata only. */
typedef struct {
  guint      counts[LOKET_OUTBOX_N_STATES];
  gint64     oldest_waiting;   /* created_at (µs) of the oldest part not yet ended, or 0 */
  GPtrArray *agencies;         /* of LoketOutboxAgency* */
  GPtrArray *attention;        /* of LoketOutboxPart*: needs-staff */
  char      *outbox_error;     /* the outbox could not be read, in words */
  gboolean   free_known;
  guint64    free_bytes;
  int        clock_synced;     /* 1 yes, 0 no, -1 unknown */
} Snapshot;

static void
snapshot_free (Snapshot *snap)
{
  g_clear_pointer (&snap->agencies, g_ptr_array_unref);
  g_clear_pointer (&snap->attention, g_ptr_array_unref);
  g_free (snap->outbox_error);
  g_free (snap);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

struct _LoketAdminStatus
{
  GtkBox          parent_instance;

  LoketSession   *session;
  LoketAdminMode *mode;
  GCancellable   *cancellable;
  Snapshot       *snap;
  char           *confirming;   /* the part whose Cancel asks to confirm, or NULL */
  char           *error;
  guint           busy;
  guint           reads;

  GtkGrid        *board;
  GtkBox         *agencies_box;
  GtkBox         *attention_box;
  GtkBox         *service_box;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (LoketAdminStatus, loket_admin_status, GTK_TYPE_BOX)

/* ---- Reading, in a worker thread ---- */

static int
read_clock_synced (void)
{
  struct timex tx = { 0, };
  int rc = adjtimex (&tx);

  if (rc < 0)
    return -1;
  return (tx.status & STA_UNSYNC) == 0 && rc != TIME_ERROR ? 1 : 0;
}

static void
read_outbox (LoketConfig *config,
             Snapshot    *snap)
{
  static const LoketOutboxState waiting[] = {
    LOKET_OUTBOX_STATE_QUEUED, LOKET_OUTBOX_STATE_RETRY, LOKET_OUTBOX_STATE_SENDING,
    LOKET_OUTBOX_STATE_WAITING, LOKET_OUTBOX_STATE_NEEDS_STAFF,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  LoketOutboxFilter filter = { LOKET_OUTBOX_STATE_NEEDS_STAFF, NULL };

  /* A connection of its own, as loketctl's: the kiosk's is the main loop's. */
  outbox = loket_outbox_open_for_config (config, LOKET_OUTBOX_OPEN_READ_ONLY |
                                                 LOKET_OUTBOX_OPEN_QUIET_KEY, &error);
  if (outbox != NULL)
    snap->agencies = loket_outbox_count_by_agency (outbox, &error);
  if (snap->agencies != NULL)
    snap->attention = loket_outbox_list_parts (outbox, &filter, &error);
  for (guint i = 0; snap->attention != NULL && i < G_N_ELEMENTS (waiting); i++)
    {
      g_autoptr(GPtrArray) parts = NULL;

      filter.state = (int) waiting[i];
      parts = loket_outbox_list_parts (outbox, &filter, &error);
      if (parts == NULL)
        break;
      for (guint j = 0; j < parts->len; j++)
        {
          LoketOutboxPart *part = g_ptr_array_index (parts, j);

          if (snap->oldest_waiting == 0 || part->created_at < snap->oldest_waiting)
            snap->oldest_waiting = part->created_at;
        }
    }
  if (error != NULL)
    {
      snap->outbox_error = g_strdup (error->message);
      return;
    }

  for (guint i = 0; i < snap->agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (snap->agencies, i);

      for (guint s = 0; s < LOKET_OUTBOX_N_STATES; s++)
        snap->counts[s] += agency->counts[s];
    }
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoketConfig *config = task_data;
  g_autoptr(Snapshot) snap = g_new0 (Snapshot, 1);
  g_autoptr(GFile) dir = g_file_new_for_path (config->state_dir);
  g_autoptr(GFileInfo) info = NULL;

  read_outbox (config, snap);

  info = g_file_query_filesystem_info (dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    {
      snap->free_known = TRUE;
      snap->free_bytes = g_file_info_get_attribute_uint64 (info,
                                                           G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
    }
  snap->clock_synced = read_clock_synced ();

  g_task_return_pointer (task, g_steal_pointer (&snap), (GDestroyNotify) snapshot_free);
}

/* ---- Showing ---- */

static char *
format_age (gint64 since_usec)
{
  gint64 seconds = MAX (0, (g_get_real_time () - since_usec) / G_USEC_PER_SEC);
  guint n;

  if (seconds < 3600)
    {
      n = (guint) (seconds / 60);
      /* Translators: an age on admin mode's status board. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", n), n);
    }
  if (seconds < 2 * 86400)
    {
      n = (guint) (seconds / 3600);
      /* Translators: an age on admin mode's status board. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", n), n);
    }
  n = (guint) (seconds / 86400);
  /* Translators: an age on admin mode's status board. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", n), n);
}

static GtkWidget *
text_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
board_row (LoketAdminStatus *self,
           int               row,
           const char       *what,
           const char       *value)
{
  GtkWidget *name = text_label (what);

  gtk_widget_add_css_class (name, "loket-field-label");
  gtk_grid_attach (self->board, name, 0, row, 1, 1);
  gtk_grid_attach (self->board, text_label (value), 1, row, 1, 1);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static char *
outbox_counts_text (const Snapshot *snap)
{
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < LOKET_OUTBOX_N_STATES; s++)
    {
      if (snap->counts[s] == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s %u", loket_outbox_state_to_string (s), snap->counts[s]);
    }
  if (text->len == 0)
    /* Translators: the outbox row of admin mode's status board when it holds nothing. */
    g_string_append (text, _("empty"));
  return g_string_free (text, FALSE);
}

static void
show_board (LoketAdminStatus *self)
{
  const Snapshot *snap = self->snap;
  g_autofree char *counts = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *free_text = NULL;
  const char *clock;
  int row = 0;

  clear_box (GTK_WIDGET (self->board));
  if (snap->outbox_error != NULL)
    /* Translators: a row of admin mode's status board. */
    board_row (self, row++, _("Outbox"), snap->outbox_error);
  else
    {
      counts = outbox_counts_text (snap);
      board_row (self, row++, _("Outbox"), counts);
      /* Translators: shown when no part waits to be sent. */
      oldest = snap->oldest_waiting > 0 ? format_age (snap->oldest_waiting) : g_strdup (_("none"));
      /* Translators: a row of admin mode's status board: how long the oldest part that is
       * not yet delivered (or ended) has waited. */
      board_row (self, row++, _("Oldest waiting part"), oldest);
    }

  free_text = snap->free_known ? g_format_size (snap->free_bytes) : g_strdup ("—");
  /* Translators: a row of admin mode's status board: free disk space for Loket's data. */
  board_row (self, row++, _("Free space"), free_text);

  if (snap->clock_synced == 1)
    /* Translators: the clock row of admin mode's status board. */
    clock = _("synchronised");
  else if (snap->clock_synced == 0)
    /* Translators: the clock row of admin mode's status board. */
    clock = _("not synchronised: times and ages may be wrong");
  else
    clock = "—";
  /* Translators: a row of admin mode's status board. */
  board_row (self, row++, _("Clock"), clock);
  /* Translators: a row of admin mode's status board: the speech mode (Listen), offered or
   * why not; "offered" when it is. */
  board_row (self, row++, _("Speech"), loket_speech_unavailable_reason () != NULL
                                       ? loket_speech_unavailable_reason () : _("offered"));
}

static void
show_agencies (LoketAdminStatus *self)
{
  GPtrArray *agencies = self->snap->agencies;

  clear_box (GTK_WIDGET (self->agencies_box));
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      LoketOutboxAgency *agency = g_ptr_array_index (agencies, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      g_autofree char *text = NULL;

      if (agency->held)
        {
          g_autofree char *why = loket_reason_format (agency->held_reason);
          g_autofree char *age = format_age (agency->held_since);

          /* Translators: an agency's line on admin mode's status board: %s its id, then
           * why it is held (a sentence), then for how long. */
          text = g_strdup_printf (_("%s: held for %s. %s"), agency->agency, age,
                                  why != NULL ? why : "");
        }
      else
        {
          guint waiting = agency->counts[LOKET_OUTBOX_STATE_QUEUED] +
                          agency->counts[LOKET_OUTBOX_STATE_RETRY] +
                          agency->counts[LOKET_OUTBOX_STATE_WAITING];

          /* Translators: an agency's line on admin mode's status board. */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: not held, %u part waiting",
                                               "%s: not held, %u parts waiting", waiting),
                                  agency->agency, waiting);
        }
      gtk_box_append (GTK_BOX (row), text_label (text));
      gtk_widget_set_hexpand (gtk_widget_get_first_child (row), TRUE);
      if (agency->held)
        {
          /* Translators: a button of admin mode: send an agency's parts again after its
           * credentials were fixed. */
          GtkWidget *button = gtk_button_new_with_label (_("Release"));
          g_autofree char *name = NULL;

          /* Translators: the accessible name of the Release button; %s is an agency id. */
          name = g_strdup_printf (_("Release %s"), agency->agency);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", agency->agency);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "status.release");
          gtk_widget_set_size_request (button, -1, 64);
          gtk_box_append (GTK_BOX (row), button);
        }
      gtk_box_append (self->agencies_box, row);
    }
}

static GtkWidget *
part_button (const char *label,
             const char *accessible,
             const char *action,
             const char *part_id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", part_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_size_request (button, -1, 64);
  return button;
}

static GtkWidget *
part_buttons (LoketAdminStatus *self,
              LoketOutboxPart  *part,
              const char       *code)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *retry = NULL;
  g_autofree char *cancel = NULL;

  /* Translators: accessible names of admin mode's buttons; %s is a tracking code and a
   * service. */
  retry = g_strdup_printf (_("Retry %s"), code);
  cancel = g_strdup_printf (_("Cancel %s"), code);

  if (g_strcmp0 (self->confirming, part->part_id) == 0)
    {
      /* Translators: asked before staff cancel a part from admin mode. */
      gtk_box_append (GTK_BOX (buttons),
                      text_label (_("Cancel this part? The agency will never receive it, its "
                                    "personal data is deleted now, and the citizen must apply "
                                    "again for this service.")));
      /* Translators: confirms cancelling a part in admin mode. */
      gtk_box_append (GTK_BOX (buttons), part_button (_("Yes, cancel it"), cancel,
                                                      "status.cancel-confirm", part->part_id));
      /* Translators: keeps a part after Cancel was tapped in admin mode. */
      gtk_box_append (GTK_BOX (buttons), part_button (_("Keep it"), _("Keep it"),
                                                      "status.cancel-keep", part->part_id));
      return buttons;
    }

  /* Translators: a button of admin mode: send a part that needs staff again. */
  gtk_box_append (GTK_BOX (buttons), part_button (_("Retry"), retry, "status.retry",
                                                  part->part_id));
  /* Translators: a button of admin mode: end a part that needs staff (asks to confirm). */
  gtk_box_append (GTK_BOX (buttons), part_button (_("Cancel part"), cancel, "status.cancel",
                                                  part->part_id));
  return buttons;
}

static void
show_attention (LoketAdminStatus *self)
{
  GPtrArray *parts = self->snap->attention;

  clear_box (GTK_WIDGET (self->attention_box));
  if (parts == NULL || parts->len == 0)
    {
      /* Translators: admin mode, when no part needs staff. */
      gtk_box_append (self->attention_box, text_label (_("No part needs staff.")));
      return;
    }

  for (guint i = 0; i < parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (parts, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_autofree char *code = loket_tracking_code_format (part->tracking_code);
      g_autofree char *reason = loket_reason_format (part->reason);
      g_autofree char *age = format_age (part->created_at);
      g_autofree char *line = NULL;

      /* Translators: a part on admin mode's list: tracking code, service, agency, state,
       * attempts and age. */
      line = g_strdup_printf (_("%s · %s · %s · %s · %u attempts · %s"),
                              code != NULL ? code : part->tracking_code, part->service,
                              part->agency, loket_outbox_state_to_string (part->state),
                              part->attempts, age);
      gtk_box_append (GTK_BOX (row), text_label (line));
      if (reason != NULL)
        gtk_box_append (GTK_BOX (row), text_label (reason));
      gtk_box_append (GTK_BOX (row), part_buttons (self, part, code != NULL ? code
                                                                            : part->tracking_code));
      gtk_widget_add_css_class (row, "loket-admin-part");
      gtk_box_append (self->attention_box, row);
    }
}

static void
show_service (LoketAdminStatus *self)
{
  LoketServiceState *state = loket_session_get_service_state (self->session);
  const char *staff = loket_service_state_get_why (state, LOKET_OUT_OF_SERVICE_STAFF);
  GtkWidget *buttons = gtk_flow_box_new ();
  g_autofree char *text = NULL;

  clear_box (GTK_WIDGET (self->service_box));
  if (loket_service_state_in_service (state))
    /* Translators: admin mode's service line. */
    text = g_strdup (_("In service: citizens can make requests."));
  else if (staff != NULL)
    /* Translators: admin mode's service line; %s is printer, network or maintenance. */
    text = g_strdup_printf (_("Out of service, set by staff: %s"),
                            g_str_equal (staff, LOKET_STAFF_REASON_PRINTER)
                            /* Translators: why staff took the kiosk out of service. */
                            ? _("printer")
                            : g_str_equal (staff, LOKET_STAFF_REASON_NETWORK)
                            /* Translators: why staff took the kiosk out of service. */
                            ? _("network")
                            /* Translators: why staff took the kiosk out of service. */
                            : _("maintenance"));
  else
    /* Translators: admin mode's service line, when the kiosk took itself out. */
    text = g_strdup (_("Out of service by itself: the outbox or its key cannot be used."));
  gtk_box_append (self->service_box, text_label (text));

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  if (staff == NULL)
    {
      /* Translators: admin mode's buttons: take the kiosk out of service, and why. */
      gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                           part_button (_("Out of service: printer"), _("Out of service: printer"),
                                        "status.out-of-service", LOKET_STAFF_REASON_PRINTER));
      gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                           part_button (_("Out of service: network"), _("Out of service: network"),
                                        "status.out-of-service", LOKET_STAFF_REASON_NETWORK));
      gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                           part_button (_("Out of service: maintenance"),
                                        _("Out of service: maintenance"),
                                        "status.out-of-service",
                                        LOKET_STAFF_REASON_MAINTENANCE));
    }
  else
    /* Translators: admin mode's button: end the staff's out of service. */
    gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                         part_button (_("Back in service"), _("Back in service"),
                                      "status.out-of-service", ""));
  gtk_box_append (self->service_box, buttons);
}

static void
show_snapshot (LoketAdminStatus *self)
{
  show_service (self);
  if (self->snap == NULL)
    return;
  show_board (self);
  show_agencies (self);
  show_attention (self);
}

static void
set_error (LoketAdminStatus *self,
           const char       *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoketAdminStatus *self = LOKET_ADMIN_STATUS (source);
  Snapshot *snap = g_task_propagate_pointer (G_TASK (result), NULL);

  self->busy--;
  if (snap == NULL)
    return;
  g_clear_pointer (&self->snap, snapshot_free);
  self->snap = snap;
  self->reads++;
  show_snapshot (self);
}

void
loket_admin_status_refresh (LoketAdminStatus *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LOKET_IS_ADMIN_STATUS (self));

  self->busy++;
  task = g_task_new (self, self->cancellable, read_done, NULL);
  g_task_set_source_tag (task, loket_admin_status_refresh);
  g_task_set_task_data (task, loket_config_ref (loket_session_get_config (self->session)),
                        (GDestroyNotify) loket_config_unref);
  g_task_run_in_thread (task, read_thread);
}

/* ---- Actions, in a worker thread: the outbox functions loketctl calls ---- */

typedef enum { ACT_RETRY, ACT_CANCEL, ACT_RELEASE, ACT_SERVICE } Act;

typedef struct {
  Act          act;
  char        *target;
  char        *staff_name;
  LoketConfig *config;
  LoketStaff  *staff;
} Action;

static void
action_free (Action *action)
{
  g_free (action->target);
  g_free (action->staff_name);
  loket_config_unref (action->config);
  g_clear_object (&action->staff);
  g_free (action);
}

static void
action_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  static const char *const audit_names[] = {
    LOKET_AUDIT_PART_RETRY, LOKET_AUDIT_PART_CANCEL, LOKET_AUDIT_AGENCY_RELEASE,
    LOKET_AUDIT_OUT_OF_SERVICE,
  };
  Action *action = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  gboolean ok = FALSE;

  if (action->act == ACT_SERVICE)
    ok = loket_service_state_save_staff (action->config->state_dir,
                                         *action->target != '\0' ? action->target : NULL,
                                         &error);
  else
    outbox = loket_outbox_open_for_config (action->config, LOKET_OUTBOX_OPEN_QUIET_KEY,
                                           &error);
  if (outbox != NULL)
    {
      if (action->act == ACT_RETRY)
        ok = loket_outbox_retry_now (outbox, action->target, &error);
      else if (action->act == ACT_CANCEL)
        ok = loket_outbox_cancel (outbox, action->target, &error);
      else
        ok = loket_outbox_release_agency (outbox, action->target, &error);
    }
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Back in service: the target is "in-service". */
  if (!loket_staff_audit (action->staff, action->staff_name, audit_names[action->act],
                          *action->target != '\0' ? action->target : "in-service", &error))
    g_warning ("Could not write the audit line of %s: %s", audit_names[action->act],
               error->message);
  g_task_return_boolean (task, TRUE);
}

static void
action_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LoketAdminStatus *self = LOKET_ADMIN_STATUS (source);
  g_autoptr(GError) error = NULL;
  Action *action = g_task_get_task_data (G_TASK (result));
  LoketDelivery *delivery;

  self->busy--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_error (self, error->message);
    }
  else if (action->act == ACT_SERVICE)
    /* The same state the kiosk enters by itself; Welcome follows it. */
    loket_service_state_set (loket_session_get_service_state (self->session),
                             LOKET_OUT_OF_SERVICE_STAFF,
                             *action->target != '\0' ? action->target : NULL);
  else if (action->act != ACT_CANCEL &&
           (delivery = loket_session_get_delivery (self->session)) != NULL)
    /* The kiosk's delivery engine may sleep until the next part it knew was due. */
    loket_delivery_kick (delivery);

  loket_admin_status_refresh (self);
}

static void
run_action (LoketAdminStatus *self,
            Act               act,
            const char       *target)
{
  g_autoptr(GTask) task = NULL;
  Action *action;
  const char *name = self->mode != NULL ? loket_admin_mode_get_name (self->mode) : NULL;

  /* Only a staff member who is in acts, and every act has its name in the audit log. */
  if (name == NULL)
    return;

  action = g_new0 (Action, 1);
  action->act = act;
  action->target = g_strdup (target);
  action->staff_name = g_strdup (name);
  action->config = loket_config_ref (loket_session_get_config (self->session));
  action->staff = g_object_ref (loket_admin_mode_get_staff (self->mode));

  set_error (self, NULL);
  g_clear_pointer (&self->confirming, g_free);
  self->busy++;
  task = g_task_new (self, self->cancellable, action_done, NULL);
  g_task_set_source_tag (task, run_action);
  g_task_set_task_data (task, action, (GDestroyNotify) action_free);
  g_task_run_in_thread (task, action_thread);
}

static void
on_action (GtkWidget  *widget,
           const char *name,
           GVariant   *param)
{
  LoketAdminStatus *self = LOKET_ADMIN_STATUS (widget);
  const char *target = param != NULL ? g_variant_get_string (param, NULL) : NULL;

  if (g_str_equal (name, "status.refresh"))
    loket_admin_status_refresh (self);
  else if (g_str_equal (name, "status.retry"))
    run_action (self, ACT_RETRY, target);
  else if (g_str_equal (name, "status.cancel-confirm"))
    run_action (self, ACT_CANCEL, target);
  else if (g_str_equal (name, "status.release"))
    run_action (self, ACT_RELEASE, target);
  else if (g_str_equal (name, "status.out-of-service") &&
           (*target == '\0' || loket_staff_reason_is_valid (target)))
    run_action (self, ACT_SERVICE, target);
  else if (g_str_equal (name, "status.cancel"))
    {
      g_free (self->confirming);
      self->confirming = g_strdup (target);
      show_snapshot (self);
    }
  else if (g_str_equal (name, "status.cancel-keep"))
    {
      g_clear_pointer (&self->confirming, g_free);
      show_snapshot (self);
    }
}

/* ---- The widget ---- */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = text_label (text);

  gtk_widget_add_css_class (label, "loket-lead");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  return label;
}

static void
loket_admin_status_dispose (GObject *object)
{
  LoketAdminStatus *self = LOKET_ADMIN_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->mode);

  G_OBJECT_CLASS (loket_admin_status_parent_class)->dispose (object);
}

static void
loket_admin_status_finalize (GObject *object)
{
  LoketAdminStatus *self = LOKET_ADMIN_STATUS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->snap, snapshot_free);
  g_free (self->confirming);
  g_free (self->error);

  G_OBJECT_CLASS (loket_admin_status_parent_class)->finalize (object);
}

static void
loket_admin_status_class_init (LoketAdminStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_admin_status_dispose;
  object_class->finalize = loket_admin_status_finalize;

  gtk_widget_class_install_action (widget_class, "status.refresh", NULL, on_action);
  gtk_widget_class_install_action (widget_class, "status.retry", "s", on_action);
  gtk_widget_class_install_action (widget_class, "status.cancel", "s", on_action);
  gtk_widget_class_install_action (widget_class, "status.cancel-confirm", "s", on_action);
  gtk_widget_class_install_action (widget_class, "status.cancel-keep", "s", on_action);
  gtk_widget_class_install_action (widget_class, "status.release", "s", on_action);
  gtk_widget_class_install_action (widget_class, "status.out-of-service", "s", on_action);
}

static void
loket_admin_status_init (LoketAdminStatus *self)
{
  GtkWidget *refresh;

  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  self->error_label = GTK_LABEL (text_label (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  self->board = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->board, 8);
  gtk_grid_set_column_spacing (self->board, 24);
  self->agencies_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  self->attention_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 16));

  self->service_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), heading (_("Service")));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->service_box));
  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), heading (_("Status")));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->board));
  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), heading (_("Agencies")));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->agencies_box));
  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), heading (_("Parts needing staff")));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->attention_box));

  /* Translators: a button of admin mode: read the status again. */
  refresh = gtk_button_new_with_label (_("Refresh"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (refresh), "status.refresh");
  gtk_widget_set_size_request (refresh, -1, 64);
  gtk_widget_set_halign (refresh, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self), refresh);
}

GtkWidget *
loket_admin_status_new (LoketSession   *session,
                        LoketAdminMode *mode)
{
  LoketAdminStatus *self = g_object_new (LOKET_TYPE_ADMIN_STATUS, NULL);

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  self->session = g_object_ref (session);
  self->mode = mode != NULL ? g_object_ref (mode) : NULL;
  return GTK_WIDGET (self);
}

gboolean
loket_admin_status_is_busy (LoketAdminStatus *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_STATUS (self), FALSE);
  return self->busy > 0;
}

guint
loket_admin_status_get_reads (LoketAdminStatus *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_STATUS (self), 0);
  return self->reads;
}

const char *
loket_admin_status_get_error (LoketAdminStatus *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_STATUS (self), NULL);
  return self->error;
}
