/* loket-window.c — the kiosk's one window: header, content, footer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-window"

#include "config.h"

#include <glib/gi18n.h>

#include "loket-window.h"

struct _LoketWindow
{
  GtkApplicationWindow  parent_instance;

  gboolean              kiosk;

  /* template children */
  GtkLabel             *hall_label;
  GtkStack             *pages;
  GtkButton            *start_button;
  GtkButton            *track_button;
};

G_DEFINE_FINAL_TYPE (LoketWindow, loket_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_KIOSK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
loket_window_close_request (GtkWindow *window)
{
  LoketWindow *self = LOKET_WINDOW (window);

  /* A kiosk cannot be closed from its window: only the session that runs it stops it. */
  if (self->kiosk)
    return TRUE;

  return GTK_WINDOW_CLASS (loket_window_parent_class)->close_request (window);
}

static void
loket_window_realize (GtkWidget *widget)
{
  LoketWindow *self = LOKET_WINDOW (widget);

  GTK_WIDGET_CLASS (loket_window_parent_class)->realize (widget);

  if (self->kiosk)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

      /* Keep the compositor's own shortcuts (switching, closing) from the citizen. */
      if (GDK_IS_TOPLEVEL (surface))
        gdk_toplevel_inhibit_system_shortcuts (GDK_TOPLEVEL (surface), NULL);
    }
}

static void
loket_window_apply_kiosk (LoketWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);

  gtk_window_set_decorated (window, !self->kiosk);
  gtk_window_set_deletable (window, !self->kiosk);

  if (self->kiosk)
    {
      gtk_window_fullscreen (window);
      /* A touchscreen has no pointer to show. */
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
      gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
    }
  else
    {
      gtk_window_set_default_size (window, 1080, 1920);
    }
}

static void
loket_window_constructed (GObject *object)
{
  LoketWindow *self = LOKET_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (loket_window_parent_class)->constructed (object);

  loket_window_apply_kiosk (self);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (LOKET_IS_APPLICATION (app))
    {
      LoketConfig *config = loket_application_get_config (LOKET_APPLICATION (app));

      if (config != NULL && config->site != NULL && *config->site != '\0')
        gtk_label_set_label (self->hall_label, config->site);
    }
}

static void
loket_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LoketWindow *self = LOKET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_KIOSK:
      g_value_set_boolean (value, self->kiosk);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LoketWindow *self = LOKET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_KIOSK:
      self->kiosk = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_window_class_init (LoketWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = loket_window_constructed;
  object_class->get_property = loket_window_get_property;
  object_class->set_property = loket_window_set_property;
  widget_class->realize = loket_window_realize;
  window_class->close_request = loket_window_close_request;

  properties[PROP_KIOSK] =
    g_param_spec_boolean ("kiosk", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/loket/Kiosk/ui/loket-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, hall_label);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, track_button);
}

static void
loket_window_init (LoketWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LoketWindow *
loket_window_new (LoketApplication *application,
                  gboolean          kiosk)
{
  return g_object_new (LOKET_TYPE_WINDOW,
                       "application", application,
                       "kiosk", kiosk,
                       NULL);
}

gboolean
loket_window_is_kiosk (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), FALSE);

  return self->kiosk;
}
