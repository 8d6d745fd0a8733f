/* loket-admin-printer.c — admin mode's printer section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/loket-i18n.h"
#include "core/loket-tracking-code.h"
#include "metrics/loket-metrics.h"
#include "print/loket-printer.h"
#include "print/loket-receipt.h"
#include "loket-admin-board.h"
#include "loket-admin-widgets.h"
#include "loket-admin-printer.h"
#include "loket-page.h"

struct _LoketAdminPrinter
{
  GtkBox          parent_instance;

  LoketSession   *session;
  LoketAdminMode *mode;
  LoketPrinter   *printer;
  GCancellable   *cancellable;
  guint           busy;
  gboolean        paper_low;     /* the notice: set by a read, cleared by Paper replaced */
  gboolean        attached;
  char           *message;

  GtkLabel       *state_label;
  GtkLabel       *notice_label;
  GtkLabel       *message_label;
  GtkEntry       *entry;
};

G_DEFINE_FINAL_TYPE (LoketAdminPrinter, loket_admin_printer, GTK_TYPE_BOX)

static void
set_message (LoketAdminPrinter *self,
             const char        *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
show_notice (LoketAdminPrinter *self)
{
  /* Empty as well as hidden, so nothing reads a notice that is not there. */
  gtk_label_set_label (self->notice_label, self->paper_low
                       /* Translators: admin mode's paper-low notice. */
                       ? _("Paper is low: put in a new roll, then tap “Paper replaced”.")
                       : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), self->paper_low);
}

void
loket_admin_printer_show_status (LoketAdminPrinter        *self,
                                 const LoketPrinterStatus *status)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LOKET_IS_ADMIN_PRINTER (self));

  if (status == NULL)
    return;
  text = loket_printer_status_to_text (status);
  gtk_label_set_label (self->state_label, text);
  if (status->paper_near_end || status->paper_out)
    self->paper_low = TRUE;
  show_notice (self);
}

/* ---- Audit lines, in a worker thread ---- */

typedef struct {
  LoketStaff *staff;
  char       *by;
  const char *action;
  char       *target;
} Audit;

static void
audit_free (Audit *audit)
{
  g_clear_object (&audit->staff);
  g_free (audit->by);
  g_free (audit->target);
  g_free (audit);
}

static void
audit_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Audit *audit = task_data;
  g_autoptr(GError) error = NULL;

  if (!loket_staff_audit (audit->staff, audit->by, audit->action, audit->target, &error))
    g_warning ("Could not write the audit line of %s: %s", audit->action, error->message);
  g_task_return_boolean (task, TRUE);
}

static void
audit_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LoketAdminPrinter *self = LOKET_ADMIN_PRINTER (source);

  self->busy--;
}

static void
audit (LoketAdminPrinter *self,
       const char        *action,
       const char        *target)
{
  g_autoptr(GTask) task = NULL;
  Audit *line = g_new0 (Audit, 1);

  line->staff = g_object_ref (loket_admin_mode_get_staff (self->mode));
  line->by = g_strdup (loket_admin_mode_get_name (self->mode));
  line->action = action;
  line->target = g_strdup (target);
  self->busy++;
  task = g_task_new (self, self->cancellable, audit_done, NULL);
  g_task_set_source_tag (task, audit);
  g_task_set_task_data (task, line, (GDestroyNotify) audit_free);
  g_task_run_in_thread (task, audit_thread);
}

/* ---- Printing ---- */

typedef struct {
  gboolean  test;
  char     *part_id;   /* reprint: the audit line's target */
} Job;

static void
job_free (Job *job)
{
  g_free (job->part_id);
  g_free (job);
}

static void
printed (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoketAdminPrinter *self = LOKET_ADMIN_PRINTER (g_task_get_source_object (user_data));
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketPrintOutcome) outcome = loket_printer_print_finish (LOKET_PRINTER (source),
                                                                     result, &error);
  LoketReceipt *receipt = g_object_get_data (G_OBJECT (task), "receipt");
  const char *done;

  self->busy--;
  if (outcome == NULL)
    return;
  done = loket_print_outcome_to_string (outcome);
  if (!job->test)
    {
      g_autoptr(GError) local = NULL;

      /* As loketctl receipt print: the request keeps its receipt's outcome. */
      if (!loket_outbox_record_receipt (loket_session_get_outbox (self->session),
                                        loket_receipt_get_code (receipt), done, &local))
        g_warning ("Reprint outcome not kept: %s", local->message);
    }
  audit (self, job->test ? LOKET_AUDIT_PRINTER_TEST : LOKET_AUDIT_RECEIPT_REPRINT,
         job->test ? done : job->part_id);

  if (outcome->status == LOKET_PRINT_PRINTED)
    set_message (self, job->test
                 /* Translators: admin mode, after a test print. */
                 ? _("The test receipt is printed.")
                 /* Translators: admin mode, after a reprint. */
                 : _("The receipt is printed again."));
  else if (outcome->status == LOKET_PRINT_NO_PRINTER)
    set_message (self, _("no printer configured"));
  else
    set_message (self, outcome->error->message);
  /* Read the printer again: the board shows what it says now. */
  gtk_widget_activate_action (GTK_WIDGET (self), "status.refresh", NULL);
}

static void
print (LoketAdminPrinter *self,
       LoketReceipt      *receipt,
       Job               *job)
{
  GTask *task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_object_set_data_full (G_OBJECT (task), "receipt", loket_receipt_ref (receipt),
                          (GDestroyNotify) loket_receipt_unref);
  set_message (self, NULL);
  self->busy++;
  loket_printer_print_async (self->printer, receipt, self->cancellable, printed, task);
}

static void
test_print (LoketAdminPrinter *self)
{
  g_autoptr(LoketReceipt) receipt = NULL;
  Job *job = g_new0 (Job, 1);

  receipt = loket_receipt_new_test (loket_session_get_config (self->session),
                                    loket_i18n_get_language ());
  job->test = TRUE;
  print (self, receipt, job);
}

static void
reprint (LoketAdminPrinter *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  LoketSession *session = self->session;
  Job *job;

  code = loket_tracking_code_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &error);
  if (code != NULL)
    request = loket_outbox_get_request (loket_session_get_outbox (session), code, &error);
  if (request != NULL)
    receipt = loket_receipt_new (loket_session_get_config (session),
                                 loket_session_get_catalog (session), request, NULL, NULL,
                                 &error);
  if (receipt == NULL)
    {
      set_message (self, error->message);
      return;
    }
  job = g_new0 (Job, 1);
  job->part_id = g_strdup (((LoketOutboxPart *) request->parts->pdata[0])->part_id);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  print (self, receipt, job);
}

static void
paper_replaced (LoketAdminPrinter *self)
{
  self->paper_low = FALSE;
  show_notice (self);
  loket_metrics_set ("loket_printer_paper_near_end", 0, NULL);
  loket_metrics_set ("loket_printer_paper_out", 0, NULL);
  audit (self, LOKET_AUDIT_PAPER_REPLACED, NULL);
  /* Translators: admin mode, after staff said the paper was replaced. */
  set_message (self, _("Noted: the paper was replaced. The printer is read again."));
  gtk_widget_activate_action (GTK_WIDGET (self), "status.refresh", NULL);
}

static void
on_action (GtkWidget  *widget,
           const char *name,
           GVariant   *param)
{
  LoketAdminPrinter *self = LOKET_ADMIN_PRINTER (widget);

  /* Only a staff member who is in acts, and every act has its name in the audit log. */
  if (self->mode == NULL || loket_admin_mode_get_name (self->mode) == NULL)
    return;
  if (g_str_equal (name, "printer.test-print"))
    test_print (self);
  else if (g_str_equal (name, "printer.paper-replaced"))
    paper_replaced (self);
  else if (g_str_equal (name, "printer.reprint"))
    reprint (self);
}

/* ---- The widget ---- */

static void
on_entry_activate (LoketAdminPrinter *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "printer.reprint", NULL);
}

static GtkWidget *
action_button (const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_size_request (button, -1, 64);
  return button;
}

/* The on-screen keyboard for the code, once the section is inside admin mode's page. */
static void
loket_admin_printer_root (GtkWidget *widget)
{
  LoketAdminPrinter *self = LOKET_ADMIN_PRINTER (widget);
  GtkWidget *page;

  GTK_WIDGET_CLASS (loket_admin_printer_parent_class)->root (widget);
  page = gtk_widget_get_ancestor (widget, LOKET_TYPE_PAGE);
  if (page != NULL && !self->attached)
    {
      self->attached = TRUE;
      loket_page_attach_entry (LOKET_PAGE (page), GTK_EDITABLE (self->entry),
                               LOKET_KEYBOARD_TEXT);
    }
}

static void
loket_admin_printer_dispose (GObject *object)
{
  LoketAdminPrinter *self = LOKET_ADMIN_PRINTER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->mode);
  g_clear_object (&self->printer);

  G_OBJECT_CLASS (loket_admin_printer_parent_class)->dispose (object);
}

static void
loket_admin_printer_finalize (GObject *object)
{
  LoketAdminPrinter *self = LOKET_ADMIN_PRINTER (object);

  g_clear_object (&self->cancellable);
  g_free (self->message);

  G_OBJECT_CLASS (loket_admin_printer_parent_class)->finalize (object);
}

static void
loket_admin_printer_class_init (LoketAdminPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_admin_printer_dispose;
  object_class->finalize = loket_admin_printer_finalize;
  widget_class->root = loket_admin_printer_root;

  gtk_widget_class_install_action (widget_class, "printer.test-print", NULL, on_action);
  gtk_widget_class_install_action (widget_class, "printer.paper-replaced", NULL, on_action);
  gtk_widget_class_install_action (widget_class, "printer.reprint", NULL, on_action);
}

static void
loket_admin_printer_init (LoketAdminPrinter *self)
{
  GtkWidget *buttons = gtk_flow_box_new ();
  GtkWidget *reprint_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *reprint_label;

  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);

  /* Translators: the printer's state before the first read. */
  self->state_label = GTK_LABEL (loket_admin_text_label (_("Reading the printer…")));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->state_label));
  self->notice_label = GTK_LABEL (loket_admin_text_label (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->notice_label), "warning");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->notice_label));
  self->message_label = GTK_LABEL (loket_admin_text_label (NULL));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message_label));
  show_notice (self);
  set_message (self, NULL);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  /* Translators: a button of admin mode's printer section. */
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), action_button (_("Print a test receipt"),
                                                              "printer.test-print"));
  /* Translators: a button of admin mode's printer section. */
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), action_button (_("Paper replaced"),
                                                              "printer.paper-replaced"));
  gtk_box_append (GTK_BOX (self), buttons);

  /* Translators: the label of the code entry in admin mode's printer section. */
  reprint_label = loket_admin_text_label (_("Reprint a citizen's receipt: tracking code"));
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reprint a citizen's receipt: tracking code"), -1);
  /* Enter (a scanner ends with it) reprints. */
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  gtk_widget_set_size_request (GTK_WIDGET (self->entry), -1, 64);
  gtk_box_append (GTK_BOX (self), reprint_label);
  gtk_box_append (GTK_BOX (reprint_row), GTK_WIDGET (self->entry));
  /* Translators: a button of admin mode's printer section: print the receipt of the code. */
  gtk_box_append (GTK_BOX (reprint_row), action_button (_("Reprint"), "printer.reprint"));
  gtk_box_append (GTK_BOX (self), reprint_row);
}

GtkWidget *
loket_admin_printer_new (LoketSession   *session,
                         LoketAdminMode *mode)
{
  LoketAdminPrinter *self = g_object_new (LOKET_TYPE_ADMIN_PRINTER, NULL);

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  self->session = g_object_ref (session);
  self->mode = mode != NULL ? g_object_ref (mode) : NULL;
  self->printer = loket_printer_new (loket_session_get_config (session));
  return GTK_WIDGET (self);
}

GtkEditable *
loket_admin_printer_get_entry (LoketAdminPrinter *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_PRINTER (self), NULL);
  return GTK_EDITABLE (self->entry);
}

gboolean
loket_admin_printer_is_busy (LoketAdminPrinter *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_PRINTER (self), FALSE);
  return self->busy > 0;
}

const char *
loket_admin_printer_get_message (LoketAdminPrinter *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_PRINTER (self), NULL);
  return self->message;
}
