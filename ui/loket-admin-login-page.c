/* loket-admin-login-page.c — behind the gesture: the staff names, then a PIN pad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pad is Loket's own (digits, at least 64 px a key); the PIN shows as dots and is never
 * in a widget's text. A physical keyboard's digits, Backspace and Enter work too. A wrong PIN
 * says only "Wrong PIN"; while the kiosk's lockout runs (app/staff/loket-staff.h) the pad is
 * closed and says how long it waits. The hash is checked, and the staff file and the lockout
 * are read, in worker threads: the main loop never waits for the disk.
 *
 * Actions: admin.choose s (a staff name), admin.key s ("0"…"9", "back", "enter"),
 * admin.other-name.
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-admin-login-page.h"
#include "loket-admin-mode.h"
#include "loket-window.h"

/* A key: wider than the 64 px of a primary button, for a thumb. */
#define KEY_PX 112

struct _LoketAdminLoginPage
{
  LoketPage   parent_instance;

  GString    *pin;
  char       *name;
  gboolean    checking;
  guint       reading;         /* names or lockout being read in a worker thread */
  GCancellable *cancellable;
  gint64      locked_until;    /* g_get_monotonic_time; 0 when open; G_MAXINT64: unlock only */
  guint       countdown_id;

  /* template children */
  GtkStack   *stack;
  GtkWidget  *names_box;
  GtkWidget  *no_staff_label;
  GtkLabel   *name_label;
  GtkLabel   *dots_label;
  GtkLabel   *status_label;
  GtkGrid    *keypad;
};

G_DEFINE_FINAL_TYPE (LoketAdminLoginPage, loket_admin_login_page, LOKET_TYPE_PAGE)

static LoketAdminMode *
admin_mode (LoketAdminLoginPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return LOKET_IS_WINDOW (root) ? loket_window_get_admin_mode (LOKET_WINDOW (root)) : NULL;
}

static void
clear_pin (LoketAdminLoginPage *self)
{
  memset (self->pin->str, 0, self->pin->len);
  g_string_truncate (self->pin, 0);
}

static void
update_dots (LoketAdminLoginPage *self)
{
  g_autoptr(GString) dots = g_string_new (NULL);
  g_autofree char *spoken = NULL;

  for (gsize i = 0; i < self->pin->len; i++)
    g_string_append (dots, i == 0 ? "●" : " ●");
  gtk_label_set_label (self->dots_label, self->pin->len > 0 ? dots->str : " ");
  /* Translators: what a screen reader says of the PIN field; %u is how many digits. */
  spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "PIN, %u digit typed",
                                         "PIN, %u digits typed", self->pin->len),
                            (guint) self->pin->len);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dots_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static gboolean
is_locked (LoketAdminLoginPage *self)
{
  return self->locked_until > g_get_monotonic_time ();
}

static void
update_pad (LoketAdminLoginPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad),
                            !self->checking && self->reading == 0 && !is_locked (self));
}

static gboolean
countdown_cb (gpointer user_data)
{
  LoketAdminLoginPage *self = user_data;
  gint64 left = self->locked_until - g_get_monotonic_time ();
  g_autofree char *text = NULL;

  if (self->locked_until == G_MAXINT64)
    {
      gtk_label_set_label (self->status_label,
                           _("The PIN pad is locked after too many wrong PINs. It opens "
                             "again only with “loketctl staff unlock”."));
      self->countdown_id = 0;
      update_pad (self);
      return G_SOURCE_REMOVE;
    }
  if (left <= 0)
    {
      self->locked_until = 0;
      self->countdown_id = 0;
      gtk_label_set_label (self->status_label, "");
      update_pad (self);
      return G_SOURCE_REMOVE;
    }

  left = (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
  /* Translators: the PIN pad waits after wrong PINs; %d:%02d is minutes and seconds. */
  text = g_strdup_printf (_("Too many wrong PINs. Try again in %d:%02d."), (int) (left / 60),
                          (int) (left % 60));
  gtk_label_set_label (self->status_label, text);
  update_pad (self);
  return G_SOURCE_CONTINUE;
}

static void
show_lockout (LoketAdminLoginPage     *self,
              const LoketStaffLockout *lockout)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (lockout->hard)
    self->locked_until = G_MAXINT64;
  else if (lockout->wait_us > 0)
    self->locked_until = g_get_monotonic_time () + lockout->wait_us;
  else
    {
      self->locked_until = 0;
      update_pad (self);
      return;
    }

  if (countdown_cb (self))
    self->countdown_id = g_timeout_add_seconds (1, countdown_cb, self);
}

static void
login_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LoketAdminLoginPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoketStaffLockout lockout = { 0 };
  LoketAdminMode *mode;
  gboolean ok;

  ok = loket_staff_login_finish (LOKET_STAFF (source), result, &lockout, &error);
  self->checking = FALSE;
  clear_pin (self);
  update_dots (self);
  update_pad (self);
  mode = admin_mode (self);
  /* The page was left meanwhile (the idle timer): the attempt counted, nothing opens. */
  if (mode == NULL || self->name == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (ok)
    {
      loket_admin_mode_enter (mode, self->name);
      gtk_widget_activate_action (GTK_WIDGET (self), "flow.goto", "s", "admin");
      return;
    }

  if (g_error_matches (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN) ||
      g_error_matches (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_LOCKED) ||
      g_error_matches (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_LOCKED_HARD))
    {
      /* Never how many tries are left. */
      gtk_label_set_label (self->status_label,
                           g_error_matches (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN)
                           ? _("Wrong PIN") : "");
      show_lockout (self, &lockout);
      if (g_error_matches (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN) &&
          lockout.wait_us > 0)
        {
          /* The wait's words follow the two that matter most. */
          g_autofree char *both = g_strconcat (_("Wrong PIN"), "\n",
                                               gtk_label_get_label (self->status_label), NULL);

          gtk_label_set_label (self->status_label, both);
        }
      return;
    }

  g_message ("Admin sign-in failed: %s", error->message);
  gtk_label_set_label (self->status_label,
                       _("Admin mode cannot be used now: the staff file or the kiosk's state "
                         "cannot be read. Check the kiosk with “loketctl check-config”."));
}

static void
submit (LoketAdminLoginPage *self)
{
  LoketAdminMode *mode = admin_mode (self);

  if (mode == NULL || self->name == NULL || self->checking || is_locked (self) ||
      self->pin->len < LOKET_STAFF_PIN_MIN_DIGITS)
    return;

  self->checking = TRUE;
  update_pad (self);
  gtk_label_set_label (self->status_label, _("Checking…"));
  loket_staff_login_async (loket_admin_mode_get_staff (mode), self->name, self->pin->str,
                           NULL, login_done, g_object_ref (self));
}

static void
press_key (LoketAdminLoginPage *self,
           const char          *key)
{
  if (self->checking || self->reading > 0 || is_locked (self) || self->name == NULL)
    return;

  if (g_str_equal (key, "enter"))
    {
      submit (self);
      return;
    }
  if (g_str_equal (key, "back"))
    {
      if (self->pin->len > 0)
        {
          self->pin->str[self->pin->len - 1] = '\0';
          g_string_truncate (self->pin, self->pin->len - 1);
        }
    }
  else if (strlen (key) == 1 && g_ascii_isdigit (key[0]) &&
           self->pin->len < LOKET_STAFF_PIN_MAX_DIGITS)
    g_string_append_c (self->pin, key[0]);

  if (*gtk_label_get_label (self->status_label) != '\0' && !self->checking)
    gtk_label_set_label (self->status_label, "");
  update_dots (self);
}

static void
key_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  press_key (LOKET_ADMIN_LOGIN_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* The lockout's state is a file (fsynced when written): read in a worker thread, the pad
 * closed until it is known. */
static void
lockout_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoketStaffLockout *lockout = g_new0 (LoketStaffLockout, 1);
  GError *error = NULL;

  if (!loket_staff_get_lockout (task_data, lockout, &error))
    {
      g_free (lockout);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, lockout, g_free);
}

static void
lockout_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoketAdminLoginPage) self = user_data;
  g_autofree LoketStaffLockout *lockout = g_task_propagate_pointer (G_TASK (result), NULL);

  self->reading--;
  if (self->name == NULL)
    return;
  if (lockout != NULL)
    show_lockout (self, lockout);
  update_pad (self);
  gtk_widget_child_focus (GTK_WIDGET (self->keypad), GTK_DIR_TAB_FORWARD);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LoketAdminLoginPage *self = LOKET_ADMIN_LOGIN_PAGE (widget);
  g_autofree char *text = NULL;
  LoketAdminMode *mode = admin_mode (self);

  g_free (self->name);
  self->name = g_strdup (g_variant_get_string (parameter, NULL));
  clear_pin (self);
  update_dots (self);
  gtk_label_set_label (self->status_label, "");
  /* Translators: above the PIN pad; %s is the staff member's name. */
  text = g_strdup_printf (_("%s, type your PIN"), self->name);
  gtk_label_set_label (self->name_label, text);
  gtk_stack_set_visible_child_name (self->stack, "pin");

  if (mode != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, lockout_done,
                                          g_object_ref (self));

      self->reading++;
      g_task_set_source_tag (task, choose_action);
      g_task_set_task_data (task, g_object_ref (loket_admin_mode_get_staff (mode)),
                            g_object_unref);
      g_task_run_in_thread (task, lockout_thread);
    }
  update_pad (self);
}

static void
other_name_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LoketAdminLoginPage *self = LOKET_ADMIN_LOGIN_PAGE (widget);

  g_clear_pointer (&self->name, g_free);
  clear_pin (self);
  update_dots (self);
  gtk_stack_set_visible_child_name (self->stack, "names");
  gtk_widget_child_focus (self->names_box, GTK_DIR_TAB_FORWARD);
}

/* Physical keys while the pad is up: digits (the keypad's too), Backspace, Enter. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LoketAdminLoginPage   *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char digit[2] = { 0 };

  if (self->name == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_BackSpace)
    press_key (self, "back");
  else if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    press_key (self, "enter");
  else if (c >= '0' && c <= '9')
    {
      digit[0] = (char) c;
      press_key (self, digit);
    }
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

static GtkWidget *
make_key (const char *label,
          const char *key,
          const char *spoken)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_size_request (button, KEY_PX, KEY_PX - 24);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "admin.key");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", key);
  gtk_widget_add_css_class (gtk_button_get_child (GTK_BUTTON (button)), "loket-lead");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken != NULL ? spoken : label, -1);
  return button;
}

static void
build_keypad (LoketAdminLoginPage *self)
{
  static const char * const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
  GtkWidget *enter;

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    gtk_grid_attach (self->keypad, make_key (digits[i], digits[i], NULL), i % 3, i / 3, 1, 1);
  /* Translators: the PIN pad's key that deletes the last digit (what a screen reader says). */
  gtk_grid_attach (self->keypad, make_key ("⌫", "back", _("Delete the last digit")), 0, 3, 1, 1);
  gtk_grid_attach (self->keypad, make_key ("0", "0", NULL), 1, 3, 1, 1);
  /* Translators: the PIN pad's key that checks the PIN (a screen reader says it as shown). */
  enter = make_key (_("OK"), "enter", NULL);
  gtk_widget_add_css_class (enter, "suggested-action");
  gtk_grid_attach (self->keypad, enter, 2, 3, 1, 1);
}

static void
names_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  GStrv names = loket_staff_dup_names (task_data, &error);

  if (names == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, names, (GDestroyNotify) g_strfreev);
}

static void
names_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LoketAdminLoginPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_task_propagate_pointer (G_TASK (result), &error);

  self->reading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_message ("No staff names to show: %s", error->message);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (names[i]);

      gtk_widget_set_size_request (button, -1, 64);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "admin.choose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", names[i]);
      gtk_box_append (GTK_BOX (self->names_box), button);
    }
  gtk_widget_set_visible (self->no_staff_label, names == NULL || names[0] == NULL);
  if (self->name == NULL)
    gtk_widget_child_focus (self->names_box, GTK_DIR_TAB_FORWARD);
}

/* The staff file is read in a worker thread; the names appear when it is read. */
static void
build_names (LoketAdminLoginPage *self)
{
  LoketAdminMode *mode = admin_mode (self);
  g_autoptr(GTask) task = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->names_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->names_box), child);
  gtk_widget_set_visible (self->no_staff_label, FALSE);
  if (mode == NULL)
    return;

  self->reading++;
  task = g_task_new (NULL, self->cancellable, names_done, g_object_ref (self));
  g_task_set_source_tag (task, build_names);
  g_task_set_task_data (task, g_object_ref (loket_admin_mode_get_staff (mode)), g_object_unref);
  g_task_run_in_thread (task, names_thread);
}

static void
loket_admin_login_page_shown (LoketPage *page)
{
  LoketAdminLoginPage *self = LOKET_ADMIN_LOGIN_PAGE (page);

  if (self->name == NULL)
    build_names (self);
}

static void
loket_admin_login_page_reset (LoketPage *page)
{
  LoketAdminLoginPage *self = LOKET_ADMIN_LOGIN_PAGE (page);

  g_clear_pointer (&self->name, g_free);
  clear_pin (self);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
}

static void
loket_admin_login_page_dispose (GObject *object)
{
  LoketAdminLoginPage *self = LOKET_ADMIN_LOGIN_PAGE (object);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_ADMIN_LOGIN_PAGE);

  G_OBJECT_CLASS (loket_admin_login_page_parent_class)->dispose (object);
}

static void
loket_admin_login_page_finalize (GObject *object)
{
  LoketAdminLoginPage *self = LOKET_ADMIN_LOGIN_PAGE (object);

  clear_pin (self);
  g_string_free (self->pin, TRUE);
  g_clear_object (&self->cancellable);
  g_free (self->name);

  G_OBJECT_CLASS (loket_admin_login_page_parent_class)->finalize (object);
}

static void
loket_admin_login_page_class_init (LoketAdminLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->dispose = loket_admin_login_page_dispose;
  object_class->finalize = loket_admin_login_page_finalize;
  page_class->shown = loket_admin_login_page_shown;
  page_class->reset = loket_admin_login_page_reset;

  gtk_widget_class_install_action (widget_class, "admin.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "admin.key", "s", key_action);
  gtk_widget_class_install_action (widget_class, "admin.other-name", NULL, other_name_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-admin-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketAdminLoginPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminLoginPage, names_box);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminLoginPage, no_staff_label);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminLoginPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminLoginPage, dots_label);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminLoginPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminLoginPage, keypad);
}

static void
loket_admin_login_page_init (LoketAdminLoginPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pin = g_string_sized_new (LOKET_STAFF_PIN_MAX_DIGITS + 1);
  self->cancellable = g_cancellable_new ();

  /* Translators: the title of the page where staff pick their name and type their PIN. */
  loket_page_set_title (LOKET_PAGE (self), _("Staff sign-in"));
  loket_page_set_show_next (LOKET_PAGE (self), FALSE);
  loket_page_set_complete (LOKET_PAGE (self), FALSE);
  build_keypad (self);
  update_dots (self);

  /* Capture: a focused key of the pad would take Enter itself, and the PIN is typed here. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* The names and the pad, for tests. */
const char *
loket_admin_login_page_get_status (LoketAdminLoginPage *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_LOGIN_PAGE (self), NULL);
  return gtk_label_get_label (self->status_label);
}

guint
loket_admin_login_page_get_pin_length (LoketAdminLoginPage *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_LOGIN_PAGE (self), 0);
  return (guint) self->pin->len;
}

/* Whether the staff file or the lockout is being read (tests wait for FALSE). */
gboolean
loket_admin_login_page_is_reading (LoketAdminLoginPage *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_LOGIN_PAGE (self), FALSE);
  return self->reading > 0;
}

gboolean
loket_admin_login_page_is_pad_open (LoketAdminLoginPage *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_LOGIN_PAGE (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "pin") == 0 &&
         gtk_widget_get_sensitive (GTK_WIDGET (self->keypad));
}
