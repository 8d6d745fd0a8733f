/* loket-choose-tile.c — a life event's tile: a button bound to choose.event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-choose"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-choose-tile.h"

struct _LoketChooseTile
{
  GtkButton  parent_instance;

  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *description;
  GtkWidget *agencies;
  GtkWidget *mark;

  char      *event_id;
};

G_DEFINE_FINAL_TYPE (LoketChooseTile, loket_choose_tile, GTK_TYPE_BUTTON)

static void
loket_choose_tile_finalize (GObject *object)
{
  LoketChooseTile *self = LOKET_CHOOSE_TILE (object);

  g_free (self->event_id);

  G_OBJECT_CLASS (loket_choose_tile_parent_class)->finalize (object);
}

static void
loket_choose_tile_class_init (LoketChooseTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = loket_choose_tile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-choose-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketChooseTile, icon);
  gtk_widget_class_bind_template_child (widget_class, LoketChooseTile, title);
  gtk_widget_class_bind_template_child (widget_class, LoketChooseTile, description);
  gtk_widget_class_bind_template_child (widget_class, LoketChooseTile, agencies);
  gtk_widget_class_bind_template_child (widget_class, LoketChooseTile, mark);
  /* One life event of several: a radio button to a screen reader, "checked" when chosen. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_RADIO);
}

static void
loket_choose_tile_init (LoketChooseTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: shown on the tile the citizen chose */
  gtk_label_set_text (GTK_LABEL (self->mark), _("✓ Chosen"));
}

GtkWidget *
loket_choose_tile_new (const LoketLifeEvent *event,
                       const char           *agencies_text)
{
  LoketChooseTile *self;
  const char *description;
  g_autofree char *name = NULL;

  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (agencies_text != NULL, NULL);

  self = g_object_new (LOKET_TYPE_CHOOSE_TILE, NULL);
  self->event_id = g_strdup (event->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", event->id);

  if (event->icon != NULL && g_path_is_absolute (event->icon))
    gtk_image_set_from_file (GTK_IMAGE (self->icon), event->icon);
  else
    gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                  event->icon != NULL ? event->icon : "folder-documents");

  description = event->description != NULL ? C_CATALOG (event->description) : "";
  gtk_label_set_text (GTK_LABEL (self->title), C_CATALOG (event->title));
  gtk_label_set_text (GTK_LABEL (self->description), description);
  gtk_widget_set_visible (self->description, event->description != NULL);
  gtk_label_set_text (GTK_LABEL (self->agencies), agencies_text);

  name = g_strdup_printf ("%s. %s. %s", C_CATALOG (event->title), description, agencies_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  loket_choose_tile_set_chosen (self, FALSE);

  return GTK_WIDGET (self);
}

const char *
loket_choose_tile_get_event_id (LoketChooseTile *self)
{
  g_return_val_if_fail (LOKET_IS_CHOOSE_TILE (self), NULL);
  return self->event_id;
}

void
loket_choose_tile_set_chosen (LoketChooseTile *self,
                              gboolean         chosen)
{
  g_return_if_fail (LOKET_IS_CHOOSE_TILE (self));

  if (chosen)
    gtk_widget_add_css_class (GTK_WIDGET (self), "loket-chosen");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "loket-chosen");
  gtk_widget_set_visible (self->mark, chosen);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_CHECKED,
                               chosen ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                      : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
}
