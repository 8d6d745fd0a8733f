/* loket-admin-widgets.c — the small widgets admin mode's screens of part 2 share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "loket-admin-widgets.h"
#include "staff/loket-staff.h"

GtkWidget *
loket_admin_text_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

GtkWidget *
loket_admin_heading (const char *text,
                     int         level)
{
  GtkWidget *label = loket_admin_text_label (text);

  gtk_widget_add_css_class (label, "loket-lead");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  -1);
  return label;
}

GtkWidget *
loket_admin_button (const char *label,
                    const char *accessible,
                    const char *action,
                    const char *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : label, -1);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_size_request (button, -1, 64);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

GtkLabel *
loket_admin_error_label (void)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                   "xalign", 0.0f, "wrap", TRUE, NULL);

  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

void
loket_admin_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

typedef struct {
  LoketStaff *staff;
  char       *by;
  char       *action;
  char       *target;
} AuditLine;

static void
audit_line_free (AuditLine *line)
{
  g_clear_object (&line->staff);
  g_free (line->by);
  g_free (line->action);
  g_free (line->target);
  g_free (line);
}

static void
audit_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AuditLine *line = task_data;
  g_autoptr(GError) error = NULL;

  if (!loket_staff_audit (line->staff, line->by, line->action, line->target, &error))
    g_warning ("Audit line %s not written: %s", line->action, error->message);
  g_task_return_boolean (task, TRUE);
}

void
loket_admin_audit_in_thread (LoketAdminMode *mode,
                             const char     *action,
                             const char     *target)
{
  const char *who;

  g_return_if_fail (LOKET_IS_ADMIN_MODE (mode));

  who = loket_admin_mode_get_name (mode);
  if (who != NULL)
    loket_staff_audit_in_thread (loket_admin_mode_get_staff (mode), who, action, target);
}

void
loket_staff_audit_in_thread (LoketStaff *staff,
                             const char *by,
                             const char *action,
                             const char *target)
{
  g_autoptr(GTask) task = NULL;
  AuditLine *line;

  g_return_if_fail (LOKET_IS_STAFF (staff));

  line = g_new0 (AuditLine, 1);
  line->staff = g_object_ref (staff);
  line->by = g_strdup (by);
  line->action = g_strdup (action);
  line->target = g_strdup (target);
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, loket_admin_audit_in_thread);
  g_task_set_task_data (task, line, (GDestroyNotify) audit_line_free);
  g_task_run_in_thread (task, audit_thread);
}
