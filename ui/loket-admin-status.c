/* loket-admin-status.c — admin mode's status board and the parts that need staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/loket-tracking-code.h"
#include "net/loket-reason.h"
#include "outbox/loket-outbox.h"
#include "staff/loket-audit.h"
#include "loket-admin-agencies.h"
#include "loket-admin-board.h"
#include "loket-admin-widgets.h"
#include "loket-admin-printer.h"
#include "loket-admin-status.h"

struct _LoketAdminStatus
{
  GtkBox          parent_instance;

  LoketSession   *session;
  LoketAdminMode *mode;
  GCancellable   *cancellable;
  LoketAdminSnapshot *snap;
  char           *confirming;   /* the part whose Cancel asks to confirm, or NULL */
  char           *error;
  guint           busy;
  guint           reads;

  GtkGrid        *board;
  GtkBox         *agencies_box;
  GtkBox         *attention_box;
  GtkBox         *service_box;
  GtkWidget      *printer;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (LoketAdminStatus, loket_admin_status, GTK_TYPE_BOX)

/* ---- Reading, in a worker thread ---- */

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, loket_admin_snapshot_read (task_data, cancellable),
                         (GDestroyNotify) loket_admin_snapshot_free);
}

/* ---- Showing ---- */

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
      /* The question above its answers, the whole width to itself. */
      GtkWidget *question = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

      /* Translators: asked before staff cancel a part from admin mode. */
      gtk_box_append (GTK_BOX (question),
                      loket_admin_text_label (_("Cancel this part? The agency will never receive "
                                                "it, its personal data is deleted now, and the "
                                                "citizen must apply again for this service.")));
      /* Translators: confirms cancelling a part in admin mode. */
      gtk_box_append (GTK_BOX (buttons), loket_admin_button (_("Yes, cancel it"), cancel,
                                                             "status.cancel-confirm",
                                                             part->part_id));
      /* Translators: keeps a part after Cancel was tapped in admin mode. */
      gtk_box_append (GTK_BOX (buttons), loket_admin_button (_("Keep it"), NULL,
                                                             "status.cancel-keep",
                                                             part->part_id));
      gtk_box_append (GTK_BOX (question), buttons);
      return question;
    }

  /* Translators: a button of admin mode: send a part that needs staff again. */
  gtk_box_append (GTK_BOX (buttons), loket_admin_button (_("Retry"), retry, "status.retry",
                                                         part->part_id));
  /* Translators: a button of admin mode: end a part that needs staff (asks to confirm). */
  gtk_box_append (GTK_BOX (buttons), loket_admin_button (_("Cancel part"), cancel,
                                                         "status.cancel", part->part_id));
  return buttons;
}

/* One part: the code grouped as on the receipt, the service's title, the agency, the
 * state and the reason in words, attempts and age; then its buttons. */
static GtkWidget *
part_row (LoketAdminStatus *self,
          LoketOutboxPart  *part,
          gboolean          stranded)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *code = loket_tracking_code_format (part->tracking_code);
  g_autofree char *reason = loket_reason_format (part->reason);
  g_autofree char *age = loket_admin_format_age (part->created_at);
  g_autofree char *line = NULL;
  const char *shown = code != NULL ? code : part->tracking_code;

  /* Translators: a part on admin mode's list: tracking code, service, agency, state,
   * attempts and age. */
  line = g_strdup_printf (_("%s · %s · %s · %s · %u attempts · %s"), shown,
                          loket_admin_service_title (self->session, part->service),
                          part->agency, loket_admin_state_words (part->state),
                          part->attempts, age);
  gtk_box_append (GTK_BOX (row), loket_admin_text_label (line));
  if (reason != NULL)
    gtk_box_append (GTK_BOX (row), loket_admin_text_label (reason));
  if (stranded)
    {
      g_autofree char *name = NULL;
      GtkWidget *give_up;

      /* Translators: under a prerequisite that ended badly, in admin mode. */
      gtk_box_append (GTK_BOX (row), loket_admin_text_label (
        _("Other parts of this request wait for it. Giving them up ends them as “cannot "
          "proceed” and deletes their personal data; the citizen must apply again for "
          "them.")));
      /* Translators: the accessible name of Give up; %s is a tracking code. */
      name = g_strdup_printf (_("Give up the parts that wait for %s"), shown);
      /* Translators: a button of admin mode (see the sentence above it). */
      give_up = loket_admin_button (_("Give up the parts that wait for it"), name,
                                    "status.give-up", part->part_id);
      gtk_widget_set_halign (give_up, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (row), give_up);
    }
  else
    gtk_box_append (GTK_BOX (row), part_buttons (self, part, shown));
  gtk_widget_add_css_class (row, "loket-admin-part");
  return row;
}

static void
show_attention (LoketAdminStatus *self)
{
  GPtrArray *parts = self->snap->attention;
  GPtrArray *stranded = self->snap->stranded;

  loket_admin_clear_box (GTK_WIDGET (self->attention_box));
  if ((parts == NULL || parts->len == 0) && (stranded == NULL || stranded->len == 0))
    {
      /* Translators: admin mode, when no part needs staff. */
      gtk_box_append (self->attention_box, loket_admin_text_label (_("No part needs staff.")));
      return;
    }
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    gtk_box_append (self->attention_box, part_row (self, parts->pdata[i], FALSE));
  for (guint i = 0; stranded != NULL && i < stranded->len; i++)
    gtk_box_append (self->attention_box, part_row (self, stranded->pdata[i], TRUE));
}

static void
show_service (LoketAdminStatus *self)
{
  LoketServiceState *state = loket_session_get_service_state (self->session);
  const char *staff = loket_service_state_get_why (state, LOKET_OUT_OF_SERVICE_STAFF);
  GtkWidget *buttons = gtk_flow_box_new ();
  g_autofree char *text = NULL;

  loket_admin_clear_box (GTK_WIDGET (self->service_box));
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
  gtk_box_append (self->service_box, loket_admin_text_label (text));

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  if (staff == NULL)
    {
      /* Translators: admin mode's buttons: take the kiosk out of service, and why. */
      gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                           loket_admin_button (_("Out of service: printer"), NULL,
                                               "status.out-of-service",
                                               LOKET_STAFF_REASON_PRINTER));
      gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                           loket_admin_button (_("Out of service: network"), NULL,
                                               "status.out-of-service",
                                               LOKET_STAFF_REASON_NETWORK));
      gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                           loket_admin_button (_("Out of service: maintenance"), NULL,
                                               "status.out-of-service",
                                               LOKET_STAFF_REASON_MAINTENANCE));
    }
  else
    /* Translators: admin mode's button: end the staff's out of service. */
    gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                         loket_admin_button (_("Back in service"), NULL,
                                             "status.out-of-service", ""));
  gtk_box_append (self->service_box, buttons);
}

static void
show_snapshot (LoketAdminStatus *self)
{
  show_service (self);
  if (self->snap == NULL)
    return;
  loket_admin_board_fill (self->board, self->session, self->snap);
  loket_admin_agencies_fill (self->agencies_box, self->snap);
  if (self->printer != NULL)
    loket_admin_printer_show_status (LOKET_ADMIN_PRINTER (self->printer), self->snap->printer);
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
  LoketAdminSnapshot *snap = g_task_propagate_pointer (G_TASK (result), NULL);

  self->busy--;
  if (snap == NULL)
    return;
  g_clear_pointer (&self->snap, loket_admin_snapshot_free);
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

typedef enum { ACT_RETRY, ACT_CANCEL, ACT_RELEASE, ACT_SERVICE, ACT_GIVE_UP } Act;

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
    LOKET_AUDIT_OUT_OF_SERVICE, LOKET_AUDIT_GIVE_UP,
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
      else if (action->act == ACT_GIVE_UP)
        ok = loket_outbox_give_up_dependants (outbox, action->target, &error);
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
  else if (g_str_equal (name, "status.give-up"))
    run_action (self, ACT_GIVE_UP, target);
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
  GtkWidget *label = loket_admin_text_label (text);

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
  g_clear_pointer (&self->snap, loket_admin_snapshot_free);
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
  gtk_widget_class_install_action (widget_class, "status.give-up", "s", on_action);
  gtk_widget_class_install_action (widget_class, "status.out-of-service", "s", on_action);
}

static void
loket_admin_status_init (LoketAdminStatus *self)
{
  GtkWidget *refresh;

  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  self->error_label = GTK_LABEL (loket_admin_text_label (NULL));
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
  GtkWidget *heading_widget;

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  self->session = g_object_ref (session);
  self->mode = mode != NULL ? g_object_ref (mode) : NULL;

  /* Translators: a heading of admin mode. */
  heading_widget = heading (_("Printer"));
  gtk_box_insert_child_after (GTK_BOX (self), heading_widget, GTK_WIDGET (self->agencies_box));
  self->printer = loket_admin_printer_new (session, mode);
  gtk_box_insert_child_after (GTK_BOX (self), self->printer, heading_widget);
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
