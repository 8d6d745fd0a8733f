/* loket-admin-offer.c — admin mode's Today's offer: services and life events switched off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/loket-i18n.h"
#include "staff/loket-staff-ops.h"
#include "loket-admin-offer.h"
#include "loket-admin-widgets.h"
#include "loket-session-offer.h"

struct _LoketAdminOffer
{
  GtkBox          parent_instance;

  LoketSession   *session;
  LoketAdminMode *mode;
  GCancellable   *cancellable;
  guint           busy;
  char           *error;

  GtkWidget      *until;
  GtkWidget      *list;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (LoketAdminOffer, loket_admin_offer, GTK_TYPE_BOX)

static void
add_row (LoketAdminOffer *self,
         LoketOfferKind   kind,
         const char      *id,
         const char      *title)
{
  LoketOffer *offer = loket_session_get_offer (self->session);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *button;
  gboolean until_back = FALSE;
  gboolean off = loket_offer_is_off (offer, kind, id, &until_back);
  g_autofree char *target = loket_offer_audit_target (kind, id);
  g_autofree char *text = NULL;
  g_autofree char *spoken = NULL;

  text = g_strdup_printf ("%s — %s", title,
                          /* Translators: a service's state in admin mode's Today's offer. */
                          !off ? _("offered")
                          /* Translators: a service's state in admin mode's Today's offer. */
                          : until_back ? _("off until switched back on")
                          /* Translators: a service's state in admin mode's Today's offer. */
                          : _("off today"));
  gtk_box_append (GTK_BOX (row), loket_admin_text_label (text));
  gtk_widget_set_hexpand (gtk_widget_get_first_child (row), TRUE);
  if (off)
    /* Translators: accessible name of a button; %s is a service or life event. */
    spoken = g_strdup_printf (_("Switch back on: %s"), title);
  else
    /* Translators: accessible name of a button; %s is a service or life event. */
    spoken = g_strdup_printf (_("Switch off: %s"), title);
  /* Translators: buttons of admin mode's Today's offer. */
  button = loket_admin_button (off ? _("Switch back on") : _("Switch off"), spoken,
                               off ? "offer.on" : "offer.off", target);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (self->list), row);
}

void
loket_admin_offer_refresh (LoketAdminOffer *self)
{
  LoketCatalog *catalog;
  GPtrArray *items;

  g_return_if_fail (LOKET_IS_ADMIN_OFFER (self));

  catalog = loket_session_get_catalog (self->session);
  loket_admin_clear_box (self->list);
  /* Translators: a sub-heading of admin mode's Today's offer. */
  gtk_box_append (GTK_BOX (self->list), loket_admin_heading (_("Life events"), 3));
  items = loket_catalog_get_life_events (catalog);
  for (guint i = 0; i < items->len; i++)
    {
      const LoketLifeEvent *event = g_ptr_array_index (items, i);

      add_row (self, LOKET_OFFER_LIFE_EVENT, event->id, C_CATALOG (event->title));
    }
  /* Translators: a sub-heading of admin mode's Today's offer. */
  gtk_box_append (GTK_BOX (self->list), loket_admin_heading (_("Services"), 3));
  items = loket_catalog_get_services (catalog);
  for (guint i = 0; i < items->len; i++)
    {
      const LoketService *service = g_ptr_array_index (items, i);

      add_row (self, LOKET_OFFER_SERVICE, service->id, C_CATALOG (service->title));
    }
}

typedef struct {
  LoketStaff       *staff;
  char             *by;
  char             *state_dir;
  LoketOfferKind    kind;
  char             *id;
  LoketOfferSwitch  how;
  LoketOfferClock   clock;
  gpointer          clock_data;
} Switch;

static void
switch_free (Switch *sw)
{
  g_clear_object (&sw->staff);
  g_free (sw->by);
  g_free (sw->state_dir);
  g_free (sw->id);
  g_free (sw);
}

static void
switch_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Switch *sw = task_data;
  GError *error = NULL;
  LoketOffer *offer;

  offer = loket_staff_switch_offer (sw->staff, sw->by, sw->state_dir, sw->kind, sw->id, sw->how,
                                    sw->clock, sw->clock_data, &error);
  if (offer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, offer, (GDestroyNotify) loket_offer_free);
}

static void
set_error (LoketAdminOffer *self,
           const char      *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
switch_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LoketAdminOffer *self = LOKET_ADMIN_OFFER (source);
  g_autoptr(GError) error = NULL;
  LoketOffer *offer = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy--;
  if (offer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }
  loket_session_set_offer (self->session, offer);
  loket_admin_offer_refresh (self);
}

static void
on_action (GtkWidget  *widget,
           const char *name,
           GVariant   *param)
{
  LoketAdminOffer *self = LOKET_ADMIN_OFFER (widget);
  const char *target = g_variant_get_string (param, NULL);
  const char *who = self->mode != NULL ? loket_admin_mode_get_name (self->mode) : NULL;
  g_auto(GStrv) parts = g_strsplit (target, ":", 2);
  g_autoptr(GTask) task = NULL;
  LoketOfferKind kind;
  Switch *sw;

  if (who == NULL || g_strv_length (parts) != 2 || !loket_offer_kind_parse (parts[0], &kind))
    return;

  sw = g_new0 (Switch, 1);
  sw->staff = g_object_ref (loket_admin_mode_get_staff (self->mode));
  sw->by = g_strdup (who);
  sw->state_dir = g_strdup (loket_session_get_config (self->session)->state_dir);
  sw->kind = kind;
  sw->id = g_strdup (parts[1]);
  sw->how = g_str_equal (name, "offer.on") ? LOKET_OFFER_SWITCH_ON
            : gtk_check_button_get_active (GTK_CHECK_BUTTON (self->until))
            ? LOKET_OFFER_SWITCH_OFF_UNTIL_BACK : LOKET_OFFER_SWITCH_OFF_TODAY;
  loket_session_get_offer_clock (self->session, &sw->clock, &sw->clock_data);

  set_error (self, NULL);
  self->busy++;
  task = g_task_new (self, self->cancellable, switch_done, NULL);
  g_task_set_source_tag (task, on_action);
  g_task_set_task_data (task, sw, (GDestroyNotify) switch_free);
  g_task_run_in_thread (task, switch_thread);
}

static void
loket_admin_offer_dispose (GObject *object)
{
  LoketAdminOffer *self = LOKET_ADMIN_OFFER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->mode);

  G_OBJECT_CLASS (loket_admin_offer_parent_class)->dispose (object);
}

static void
loket_admin_offer_finalize (GObject *object)
{
  LoketAdminOffer *self = LOKET_ADMIN_OFFER (object);

  g_clear_object (&self->cancellable);
  g_free (self->error);

  G_OBJECT_CLASS (loket_admin_offer_parent_class)->finalize (object);
}

static void
loket_admin_offer_class_init (LoketAdminOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_admin_offer_dispose;
  object_class->finalize = loket_admin_offer_finalize;

  gtk_widget_class_install_action (widget_class, "offer.off", "s", on_action);
  gtk_widget_class_install_action (widget_class, "offer.on", "s", on_action);
}

static void
loket_admin_offer_init (LoketAdminOffer *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), loket_admin_heading (_("Today's offer"), 2));
  /* Translators: explains admin mode's Today's offer. */
  gtk_box_append (GTK_BOX (self),
                  loket_admin_text_label (_("Switch off what cannot be served today, for "
                                            "example when an agency's counter is closed. The "
                                            "catalog is not changed; it is offered again "
                                            "tomorrow.")));
  /* Translators: a check box of admin mode's Today's offer. */
  self->until = gtk_check_button_new_with_label (_("Until I switch it back"));
  gtk_widget_set_size_request (self->until, -1, 64);
  gtk_box_append (GTK_BOX (self), self->until);
  self->error_label = loket_admin_error_label ();
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error_label));
  self->list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (self), self->list);
}

GtkWidget *
loket_admin_offer_new (LoketSession   *session,
                       LoketAdminMode *mode)
{
  LoketAdminOffer *self;

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  self = g_object_new (LOKET_TYPE_ADMIN_OFFER, NULL);
  self->session = g_object_ref (session);
  self->mode = mode != NULL ? g_object_ref (mode) : NULL;
  loket_admin_offer_refresh (self);
  return GTK_WIDGET (self);
}

gboolean
loket_admin_offer_is_busy (LoketAdminOffer *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_OFFER (self), FALSE);
  return self->busy > 0;
}

const char *
loket_admin_offer_get_error (LoketAdminOffer *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_OFFER (self), NULL);
  return self->error;
}

GtkWidget *
loket_admin_offer_get_until (LoketAdminOffer *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_OFFER (self), NULL);
  return self->until;
}
