/* loket-admin-clean.c — admin mode's Clean the screen: touches ignored for a while
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cover goes on the window's overlay, above everything, so no tap reaches a widget
 * under it; a capture-phase controller on the window also takes every key, so a physical
 * keyboard cannot press the focused button behind the cover either.
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-admin-clean.h"
#include "loket-admin-widgets.h"
#include "loket-window-private.h"

struct _LoketAdminClean
{
  GtkBox              parent_instance;

  LoketAdminMode     *mode;
  guint               seconds;
  guint               left;
  guint               ignored;
  guint               tick_id;
  LoketWindow        *window;      /* weak, while cleaning */
  GtkWidget          *cover;
  GtkLabel           *count_label;
  GtkEventController *guard;
};

G_DEFINE_FINAL_TYPE (LoketAdminClean, loket_admin_clean, GTK_TYPE_BOX)

static void
stop (LoketAdminClean *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->window != NULL)
    {
      if (self->cover != NULL)
        gtk_overlay_remove_overlay (self->window->overlay, self->cover);
      if (self->guard != NULL)
        gtk_widget_remove_controller (GTK_WIDGET (self->window), self->guard);
      /* The wait counts as staff's presence: admin mode's idle time starts afresh. */
      loket_idle_poke (LOKET_IDLE (self->window->idle));
    }
  self->cover = NULL;
  self->count_label = NULL;
  self->guard = NULL;
  self->left = 0;
  g_clear_weak_pointer (&self->window);
}

static void
show_left (LoketAdminClean *self)
{
  g_autofree char *count = g_strdup_printf ("%u", self->left);
  g_autofree char *spoken = NULL;

  gtk_label_set_label (self->count_label, count);
  /* Translators: what a screen reader says of the clean-screen countdown; %u is seconds. */
  spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Touches are ignored for %u more second",
                                         "Touches are ignored for %u more seconds", self->left),
                            self->left);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static gboolean
tick_cb (gpointer user_data)
{
  LoketAdminClean *self = user_data;

  if (self->left <= 1)
    {
      self->tick_id = 0;
      stop (self);
      return G_SOURCE_REMOVE;
    }
  self->left--;
  show_left (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
guard_cb (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          LoketAdminClean          *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_KEY_PRESS:
      self->ignored++;
      return GDK_EVENT_STOP;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static GtkWidget *
make_cover (LoketAdminClean *self)
{
  GtkWidget *cover = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *label;

  gtk_widget_set_halign (cover, GTK_ALIGN_FILL);
  gtk_widget_set_valign (cover, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (cover, "loket-idle-warning");
  gtk_widget_add_css_class (cover, "background");
  /* Translators: on the cover while staff clean the screen. */
  label = gtk_label_new (_("Cleaning the screen: touches are ignored"));
  gtk_widget_add_css_class (label, "loket-title");
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (cover), label);
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "loket-title");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "loket-countdown");
  gtk_widget_set_vexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->count_label), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (cover), GTK_WIDGET (self->count_label));
  return cover;
}

static void
start_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  LoketAdminClean *self = LOKET_ADMIN_CLEAN (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->window != NULL || !LOKET_IS_WINDOW (root))
    return;

  g_set_weak_pointer (&self->window, LOKET_WINDOW (root));
  self->left = self->seconds;
  self->ignored = 0;
  self->cover = make_cover (self);
  gtk_overlay_add_overlay (self->window->overlay, self->cover);
  show_left (self);
  self->guard = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->guard, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (self->guard, "loket-clean-screen");
  g_signal_connect_object (self->guard, "event", G_CALLBACK (guard_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->window), self->guard);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  if (self->mode != NULL)
    loket_admin_audit_in_thread (self->mode, LOKET_AUDIT_CLEAN_SCREEN, NULL);
}

static void
loket_admin_clean_dispose (GObject *object)
{
  LoketAdminClean *self = LOKET_ADMIN_CLEAN (object);

  stop (self);
  g_clear_object (&self->mode);

  G_OBJECT_CLASS (loket_admin_clean_parent_class)->dispose (object);
}

static void
loket_admin_clean_class_init (LoketAdminCleanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_admin_clean_dispose;
  gtk_widget_class_install_action (widget_class, "clean.start", NULL, start_action);
}

static void
loket_admin_clean_init (LoketAdminClean *self)
{
  GtkWidget *button;
  g_autofree char *text = NULL;

  self->seconds = LOKET_ADMIN_CLEAN_SECONDS;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), loket_admin_heading (_("Clean the screen"), 2));
  /* Translators: %d is seconds. */
  text = g_strdup_printf (_("Touches are ignored for %d seconds, so the screen can be wiped. "
                            "Admin mode comes back by itself."), LOKET_ADMIN_CLEAN_SECONDS);
  gtk_box_append (GTK_BOX (self), loket_admin_text_label (text));
  /* Translators: a button of admin mode. */
  button = loket_admin_button (_("Clean the screen"), NULL, "clean.start", NULL);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self), button);
}

GtkWidget *
loket_admin_clean_new (LoketAdminMode *mode)
{
  LoketAdminClean *self = g_object_new (LOKET_TYPE_ADMIN_CLEAN, NULL);

  self->mode = mode != NULL ? g_object_ref (mode) : NULL;
  return GTK_WIDGET (self);
}

void
loket_admin_clean_set_seconds (LoketAdminClean *self,
                               guint            seconds)
{
  g_return_if_fail (LOKET_IS_ADMIN_CLEAN (self));
  self->seconds = MAX (seconds, 1);
}

GtkWidget *
loket_admin_clean_get_cover (LoketAdminClean *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_CLEAN (self), NULL);
  return self->cover;
}

guint
loket_admin_clean_get_left (LoketAdminClean *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_CLEAN (self), 0);
  return self->left;
}

guint
loket_admin_clean_get_ignored (LoketAdminClean *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_CLEAN (self), 0);
  return self->ignored;
}
