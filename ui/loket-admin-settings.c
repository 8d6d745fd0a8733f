/* loket-admin-settings.c — admin mode's Settings: what staff may change on the spot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "staff/loket-staff-ops.h"
#include "loket-admin-settings.h"
#include "loket-admin-widgets.h"
#include "loket-window.h"

/* The idle timeouts offered, in seconds; only those within the configuration's bounds. */
static const guint idle_choices[] = { 30, 60, 90, 120, 180, 300, 600 };

struct _LoketAdminSettings
{
  GtkBox          parent_instance;

  LoketSession   *session;
  LoketAdminMode *mode;
  GCancellable   *cancellable;
  guint           busy;
  char           *error;
  GHashTable     *staff_keys;    /* keys staff set in this visit */

  GtkWidget      *rows;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (LoketAdminSettings, loket_admin_settings, GTK_TYPE_BOX)

static gboolean
is_staff_value (LoketAdminSettings *self,
                const char         *key)
{
  LoketConfig *config = loket_session_get_config (self->session);

  if (g_hash_table_contains (self->staff_keys, key))
    return GPOINTER_TO_INT (g_hash_table_lookup (self->staff_keys, key));
  return loket_local_conf_get_line (config, key) > 0;
}

static void
add_setting (LoketAdminSettings *self,
             const char         *key,
             const char         *title,
             const char         *value_text,
             GtkWidget          *choices)
{
  g_autofree char *text = NULL;
  g_autofree char *reset_name = NULL;
  gboolean staff = is_staff_value (self, key);

  text = g_strdup_printf ("%s: %s (%s)", title, value_text,
                          /* Translators: where a setting's value comes from (admin mode). */
                          staff ? _("staff setting, in local.conf")
                          /* Translators: where a setting's value comes from (admin mode). */
                          : _("from the fleet's configuration"));
  gtk_box_append (GTK_BOX (self->rows), loket_admin_text_label (text));
  gtk_box_append (GTK_BOX (self->rows), choices);
  if (staff)
    {
      /* Translators: accessible name; %s is a setting (Default language, Idle timeout). */
      reset_name = g_strdup_printf (_("%s: use the fleet's value"), title);
      /* Translators: a button of admin mode's Settings. */
      gtk_box_append (GTK_BOX (self->rows),
                      loket_admin_button (_("Use the fleet's value"), reset_name,
                                          "settings.reset", key));
    }
}

static GtkWidget *
choice_box (void)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 7);
  return box;
}

static GtkWidget *
choice_button (const char *label,
               const char *accessible,
               const char *action,
               const char *target,
               gboolean    current)
{
  GtkWidget *button = loket_admin_button (label, accessible, action, target);

  /* Which one is in use is said in words on the line above, not by the colour alone. */
  if (current)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

void
loket_admin_settings_refresh (LoketAdminSettings *self)
{
  LoketConfig *config;
  GtkWidget *languages, *idle;
  guint min = 0, max = 0;
  g_autofree char *seconds_text = NULL;

  g_return_if_fail (LOKET_IS_ADMIN_SETTINGS (self));

  config = loket_session_get_config (self->session);
  loket_admin_clear_box (self->rows);

  languages = choice_box ();
  for (guint i = 0; config->languages[i] != NULL; i++)
    {
      const char *code = config->languages[i];
      /* Translators: accessible name; %s is a language's name in itself. */
      g_autofree char *spoken = g_strdup_printf (_("Default language: %s"),
                                                 loket_language_endonym (code));

      gtk_flow_box_append (GTK_FLOW_BOX (languages),
                           choice_button (loket_language_endonym (code), spoken,
                                          "settings.language", code,
                                          g_str_equal (code, config->default_language)));
    }
  /* Translators: a setting of admin mode: the language Welcome starts in. */
  add_setting (self, "default-language", _("Default language"),
               loket_language_endonym (config->default_language), languages);

  idle = choice_box ();
  g_assert (loket_config_kiosk_key_bounds ("idle-timeout", &min, &max));
  for (guint i = 0; i < G_N_ELEMENTS (idle_choices); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *spoken = NULL;
      g_autofree char *target = NULL;

      if (idle_choices[i] < min || idle_choices[i] > max)
        continue;
      /* Translators: an idle timeout's value in admin mode; %u is seconds. */
      label = g_strdup_printf (_("%u seconds"), idle_choices[i]);
      /* Translators: accessible name of an idle timeout choice; %u is seconds. */
      spoken = g_strdup_printf (_("Idle timeout: %u seconds"), idle_choices[i]);
      target = g_strdup_printf ("%u", idle_choices[i]);
      gtk_flow_box_append (GTK_FLOW_BOX (idle),
                           choice_button (label, spoken, "settings.idle", target,
                                          idle_choices[i] == config->idle_timeout));
    }
  /* Translators: an idle timeout's value in admin mode; %u is seconds. */
  seconds_text = g_strdup_printf (_("%u seconds"), config->idle_timeout);
  /* Translators: a setting of admin mode: how long an untouched kiosk waits before it wipes
   * the citizen's data (a warning counts down first). */
  add_setting (self, "idle-timeout", _("Idle timeout"), seconds_text, idle);
}

typedef struct {
  LoketStaff  *staff;
  char        *by;
  LoketConfig *config;
  char        *key;
  char        *value;     /* NULL: back to the fleet's */
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->staff);
  g_free (change->by);
  loket_config_unref (change->config);
  g_free (change->key);
  g_free (change->value);
  g_free (change);
}

/* Reads the fleet's own value back, for "Use the fleet's value": the running kiosk's config
 * already holds staff's. */
static void
change_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Change *change = task_data;
  GError *error = NULL;
  g_autoptr(LoketConfig) fleet = NULL;

  if (!loket_staff_set_setting (change->staff, change->by, change->config, change->key,
                                change->value, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (change->value == NULL && change->config->path != NULL &&
      (fleet = loket_config_load (change->config->path, NULL)) != NULL)
    g_task_return_pointer (task, loket_local_conf_dup_value (fleet, change->key), g_free);
  else
    g_task_return_pointer (task, g_strdup (change->value), g_free);
}

static void
set_error (LoketAdminSettings *self,
           const char         *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
change_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LoketAdminSettings *self = LOKET_ADMIN_SETTINGS (source);
  Change *change = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy--;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }
  /* The running kiosk follows: the next reset starts in the new language, the idle timer
   * reads the new time when the next page shows. */
  if (value != NULL)
    loket_local_conf_use (loket_session_get_config (self->session), change->key, value);
  g_hash_table_insert (self->staff_keys, g_strdup (change->key),
                       GINT_TO_POINTER (change->value != NULL));
  loket_admin_settings_refresh (self);
}

static void
on_action (GtkWidget  *widget,
           const char *name,
           GVariant   *param)
{
  LoketAdminSettings *self = LOKET_ADMIN_SETTINGS (widget);
  const char *target = g_variant_get_string (param, NULL);
  const char *who = self->mode != NULL ? loket_admin_mode_get_name (self->mode) : NULL;
  g_autoptr(GTask) task = NULL;
  Change *change;

  if (who == NULL)
    return;

  change = g_new0 (Change, 1);
  change->staff = g_object_ref (loket_admin_mode_get_staff (self->mode));
  change->by = g_strdup (who);
  change->config = loket_config_ref (loket_session_get_config (self->session));
  if (g_str_equal (name, "settings.reset"))
    change->key = g_strdup (target);
  else
    {
      change->key = g_strdup (g_str_equal (name, "settings.language") ? "default-language"
                                                                       : "idle-timeout");
      change->value = g_strdup (target);
    }

  set_error (self, NULL);
  self->busy++;
  task = g_task_new (self, self->cancellable, change_done, NULL);
  g_task_set_source_tag (task, on_action);
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);
  g_task_run_in_thread (task, change_thread);
}

static void
loket_admin_settings_dispose (GObject *object)
{
  LoketAdminSettings *self = LOKET_ADMIN_SETTINGS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->mode);

  G_OBJECT_CLASS (loket_admin_settings_parent_class)->dispose (object);
}

static void
loket_admin_settings_finalize (GObject *object)
{
  LoketAdminSettings *self = LOKET_ADMIN_SETTINGS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->staff_keys, g_hash_table_unref);
  g_free (self->error);

  G_OBJECT_CLASS (loket_admin_settings_parent_class)->finalize (object);
}

static void
loket_admin_settings_class_init (LoketAdminSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_admin_settings_dispose;
  object_class->finalize = loket_admin_settings_finalize;

  gtk_widget_class_install_action (widget_class, "settings.language", "s", on_action);
  gtk_widget_class_install_action (widget_class, "settings.idle", "s", on_action);
  gtk_widget_class_install_action (widget_class, "settings.reset", "s", on_action);
}

static void
loket_admin_settings_init (LoketAdminSettings *self)
{
  self->cancellable = g_cancellable_new ();
  self->staff_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), loket_admin_heading (_("Settings"), 2));
  self->error_label = loket_admin_error_label ();
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error_label));
  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self), self->rows);
}

GtkWidget *
loket_admin_settings_new (LoketSession   *session,
                          LoketAdminMode *mode)
{
  LoketAdminSettings *self;

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  self = g_object_new (LOKET_TYPE_ADMIN_SETTINGS, NULL);
  self->session = g_object_ref (session);
  self->mode = mode != NULL ? g_object_ref (mode) : NULL;
  loket_admin_settings_refresh (self);
  return GTK_WIDGET (self);
}

gboolean
loket_admin_settings_is_busy (LoketAdminSettings *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_SETTINGS (self), FALSE);
  return self->busy > 0;
}

const char *
loket_admin_settings_get_error (LoketAdminSettings *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_SETTINGS (self), NULL);
  return self->error;
}
