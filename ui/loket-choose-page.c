/* loket-choose-page.c — what the citizen came for: a life event, or services one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most citizens know what happened to them ("my child was born"), not which offices deal
 * with it; so the page leads with big tiles of life events, each naming the offices that
 * take part, and keeps the services one by one (grouped by office, with fee and time) for
 * those who know exactly what they want. Every choice goes straight into the request, so
 * the page can be rebuilt at any time and shows what was chosen.
 */
#define G_LOG_DOMAIN "loket-choose"

#include "config.h"

#include "core/loket-format.h"
#include "core/loket-i18n.h"
#include "loket-choose-page.h"
#include "loket-choose-tile.h"
#include "loket-session-offer.h"

struct _LoketChoosePage
{
  LoketPage   parent_instance;

  GtkWidget  *content;
  GtkWidget  *tiles;
  GtkWidget  *optional_box;
  GtkWidget  *optional_list;
  GtkWidget  *services_toggle;
  GtkWidget  *services_revealer;
  GtkWidget  *services_list;

  GHashTable *tile_by_event;      /* life event id -> LoketChooseTile */
  GHashTable *check_by_service;   /* service id -> check button in the list by agency */
  GHashTable *optional_by_service;  /* service id -> check button among the event's extras */
  gboolean    syncing;
};

G_DEFINE_FINAL_TYPE (LoketChoosePage, loket_choose_page, LOKET_TYPE_PAGE)

static LoketRequest *
get_request (LoketChoosePage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));

  return session != NULL ? loket_session_get_request (session) : NULL;
}

/* "Rp 50.000 · 3 hari kerja" */
static char *
service_facts (LoketChoosePage    *self,
               const LoketService *service)
{
  const char *language = loket_session_get_language (loket_page_get_session (LOKET_PAGE (self)));
  g_autofree char *fee = loket_format_money (language, service->fee);

  if (service->working_days == 0)
    return g_steal_pointer (&fee);

  {
    g_autofree char *days = loket_format_working_days (language, service->working_days);

    return g_strdup_printf ("%s · %s", fee, days);
  }
}

static void sync_from_request (LoketChoosePage *self);

/* A check button's service id travels with its handler, not on the widget. */
static void
service_toggled_cb (GtkCheckButton *check,
                    const char     *id)
{
  LoketChoosePage *self = LOKET_CHOOSE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (check),
                                                                      LOKET_TYPE_CHOOSE_PAGE));
  LoketRequest *request = get_request (self);

  if (self->syncing)
    return;

  if (gtk_check_button_get_active (check))
    loket_request_add_service (request, id);
  else
    loket_request_remove_service (request, id);

  sync_from_request (self);
}

static GtkWidget *
service_check_new (LoketChoosePage    *self,
                   const LoketService *service)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (C_CATALOG (service->title));
  g_autofree char *facts_text = service_facts (self, service);
  GtkWidget *facts = gtk_label_new (facts_text);
  g_autofree char *name = g_strdup_printf ("%s, %s", C_CATALOG (service->title), facts_text);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (facts), TRUE);
  gtk_label_set_xalign (GTK_LABEL (facts), 0);
  gtk_widget_add_css_class (facts, "loket-facts");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), facts);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_add_css_class (check, "loket-service-check");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_data (check, "toggled", G_CALLBACK (service_toggled_cb),
                         g_strdup (service->id), (GClosureNotify) G_CALLBACK (g_free), 0);

  return check;
}

static void
rebuild_optional (LoketChoosePage *self)
{
  LoketRequest *request = get_request (self);
  g_autoptr(GPtrArray) offered = loket_request_get_offered_services (request);
  GtkWidget *child;

  g_hash_table_remove_all (self->optional_by_service);
  while ((child = gtk_widget_get_first_child (self->optional_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->optional_list), child);

  for (guint i = 0; i < offered->len; i++)
    {
      const LoketService *service = g_ptr_array_index (offered, i);
      GtkWidget *check;

      /* Switched off by staff for today (admin mode's Today's offer). */
      if (!loket_session_offers_service (loket_page_get_session (LOKET_PAGE (self)), service))
        continue;
      check = service_check_new (self, service);
      g_hash_table_insert (self->optional_by_service, g_strdup (service->id), check);
      gtk_box_append (GTK_BOX (self->optional_list), check);
    }

  gtk_widget_set_visible (self->optional_box, g_hash_table_size (self->optional_by_service) > 0);
}

static void
sync_checks (LoketChoosePage *self,
             GHashTable      *check_by_service)
{
  LoketRequest *request = get_request (self);
  GHashTableIter iter;
  gpointer id, check;

  g_hash_table_iter_init (&iter, check_by_service);
  while (g_hash_table_iter_next (&iter, &id, &check))
    gtk_check_button_set_active (check, loket_request_has_service (request, id));
}

static void
sync_from_request (LoketChoosePage *self)
{
  LoketRequest *request = get_request (self);
  const LoketLifeEvent *event = loket_request_get_life_event (request);
  g_autoptr(GPtrArray) services = loket_request_get_services (request);
  GHashTableIter iter;
  gpointer id, tile;

  self->syncing = TRUE;

  g_hash_table_iter_init (&iter, self->tile_by_event);
  while (g_hash_table_iter_next (&iter, &id, &tile))
    {
      loket_choose_tile_set_chosen (tile, event != NULL && g_str_equal (event->id, id));
    }

  sync_checks (self, self->optional_by_service);
  sync_checks (self, self->check_by_service);

  self->syncing = FALSE;

  loket_page_set_complete (LOKET_PAGE (self), services->len > 0);
}

/* choose.event "s": a tile was tapped. */
static void
choose_event_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LoketChoosePage *self = LOKET_CHOOSE_PAGE (widget);
  LoketRequest *request = get_request (self);

  if (request == NULL)
    return;
  loket_request_set_life_event (request, g_variant_get_string (parameter, NULL));
  rebuild_optional (self);
  sync_from_request (self);
}

/* The offices taking part, by their short names: "Dukcapil, BPJS Kesehatan". */
static char *
event_agencies (const LoketLifeEvent *event)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *lists[] = { event->services, event->optional };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const LoketService *service = g_ptr_array_index (lists[l], i);

        if (g_hash_table_add (seen, service->agency->id))
          g_ptr_array_add (names, (gpointer) C_CATALOG (service->agency->short_name != NULL
                                                          ? service->agency->short_name
                                                          : service->agency->name));
      }
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

static GtkWidget *
tile_new (const LoketLifeEvent *event)
{
  g_autofree char *agency_names = event_agencies (event);
  /* Translators: on a life event's tile: the offices that take part, e.g. "With: Dukcapil, BPJS Kesehatan" */
  g_autofree char *agencies_text = g_strdup_printf (_("With: %s"), agency_names);

  return loket_choose_tile_new (event, agencies_text);
}

static void
build_services_by_agency (LoketChoosePage *self,
                          LoketCatalog    *catalog)
{
  GPtrArray *agencies = loket_catalog_get_agencies (catalog);
  GPtrArray *services = loket_catalog_get_services (catalog);
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));

  for (guint a = 0; a < agencies->len; a++)
    {
      const LoketAgency *agency = g_ptr_array_index (agencies, a);
      GtkWidget *heading = NULL;

      for (guint s = 0; s < services->len; s++)
        {
          const LoketService *service = g_ptr_array_index (services, s);
          GtkWidget *check;

          if (service->agency != agency || !loket_session_offers_service (session, service))
            continue;

          if (heading == NULL)
            {
              heading = gtk_label_new (C_CATALOG (agency->name));
              gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
              gtk_label_set_xalign (GTK_LABEL (heading), 0);
              gtk_widget_add_css_class (heading, "loket-agency-heading");
              gtk_box_append (GTK_BOX (self->services_list), heading);
            }

          check = service_check_new (self, service);
          g_hash_table_insert (self->check_by_service, g_strdup (service->id), check);
          gtk_box_append (GTK_BOX (self->services_list), check);
        }
    }
}

static void
loket_choose_page_constructed (GObject *object)
{
  LoketChoosePage *self = LOKET_CHOOSE_PAGE (object);
  LoketSession *session;
  LoketCatalog *catalog;
  GPtrArray *events;

  G_OBJECT_CLASS (loket_choose_page_parent_class)->constructed (object);

  session = loket_page_get_session (LOKET_PAGE (self));
  if (session == NULL)
    return;

  catalog = loket_session_get_catalog (session);
  events = loket_catalog_get_life_events (catalog);
  for (guint i = 0; i < events->len; i++)
    {
      const LoketLifeEvent *event = g_ptr_array_index (events, i);
      GtkWidget *tile;

      if (!loket_session_offers_event (session, event))
        continue;
      tile = tile_new (event);
      g_hash_table_insert (self->tile_by_event, g_strdup (event->id), tile);
      gtk_flow_box_append (GTK_FLOW_BOX (self->tiles), tile);
      /* The flow box's own child would take the focus first: leave it to the tile. */
      gtk_widget_set_focusable (gtk_widget_get_parent (tile), FALSE);
    }

  build_services_by_agency (self, catalog);
  rebuild_optional (self);
  sync_from_request (self);

  /* A citizen who came back to change single services finds the list open. */
  if (loket_request_get_life_event (loket_session_get_request (session)) == NULL &&
      g_hash_table_size (self->check_by_service) > 0)
    {
      g_autoptr(GPtrArray) chosen = loket_request_get_services (loket_session_get_request (session));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->services_toggle), chosen->len > 0);
    }
}

static void
loket_choose_page_dispose (GObject *object)
{
  LoketChoosePage *self = LOKET_CHOOSE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_CHOOSE_PAGE);
  g_clear_pointer (&self->tile_by_event, g_hash_table_unref);
  g_clear_pointer (&self->check_by_service, g_hash_table_unref);
  g_clear_pointer (&self->optional_by_service, g_hash_table_unref);

  G_OBJECT_CLASS (loket_choose_page_parent_class)->dispose (object);
}

static void
loket_choose_page_class_init (LoketChoosePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = loket_choose_page_constructed;
  object_class->dispose = loket_choose_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-choose-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketChoosePage, content);
  gtk_widget_class_bind_template_child (widget_class, LoketChoosePage, tiles);
  gtk_widget_class_bind_template_child (widget_class, LoketChoosePage, optional_box);
  gtk_widget_class_bind_template_child (widget_class, LoketChoosePage, optional_list);
  gtk_widget_class_bind_template_child (widget_class, LoketChoosePage, services_toggle);
  gtk_widget_class_bind_template_child (widget_class, LoketChoosePage, services_revealer);
  gtk_widget_class_bind_template_child (widget_class, LoketChoosePage, services_list);

  gtk_widget_class_install_action (widget_class, "choose.event", "s", choose_event_activated);
}

/* "Choose services one by one" is an on/off check box to a screen reader (GTK 4.8 has no
 * toggle-button role); and the list it folds away must leave the accessible tree too, which
 * a closed GtkRevealer does not do by itself in GTK 4.8. */
static void
services_toggled_cb (LoketChoosePage *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->services_toggle));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->services_toggle),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               active ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->services_list),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !active, -1);
}

static void
loket_choose_page_init (LoketChoosePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->services_toggle, "toggled",
                            G_CALLBACK (services_toggled_cb), self);
  services_toggled_cb (self);

  self->tile_by_event = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->check_by_service = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->optional_by_service = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Translators: the title of the page where the citizen picks a life event or services */
  loket_page_set_title (LOKET_PAGE (self), _("What do you need?"));
}

GtkWidget *
loket_choose_page_get_tile (LoketChoosePage *self,
                            const char      *life_event_id)
{
  g_return_val_if_fail (LOKET_IS_CHOOSE_PAGE (self), NULL);
  g_return_val_if_fail (life_event_id != NULL, NULL);

  return g_hash_table_lookup (self->tile_by_event, life_event_id);
}

GtkWidget *
loket_choose_page_get_service_check (LoketChoosePage *self,
                                     const char      *service_id)
{
  g_return_val_if_fail (LOKET_IS_CHOOSE_PAGE (self), NULL);
  g_return_val_if_fail (service_id != NULL, NULL);

  return g_hash_table_lookup (self->check_by_service, service_id);
}

void
loket_choose_page_show_services (LoketChoosePage *self,
                                 gboolean         show)
{
  g_return_if_fail (LOKET_IS_CHOOSE_PAGE (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->services_toggle), show);
}
