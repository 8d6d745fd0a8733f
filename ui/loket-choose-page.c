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

  GHashTable *tile_by_event;      /* life event id -> tile button */
  GHashTable *check_by_service;   /* service id -> check button in the list by agency */
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

static void
service_toggled_cb (GtkCheckButton  *check,
                    LoketChoosePage *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "service");
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
  g_object_set_data_full (G_OBJECT (check), "service", g_strdup (service->id), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (service_toggled_cb), self, 0);

  return check;
}

static void
rebuild_optional (LoketChoosePage *self)
{
  LoketRequest *request = get_request (self);
  g_autoptr(GPtrArray) offered = loket_request_get_offered_services (request);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->optional_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->optional_list), child);

  for (guint i = 0; i < offered->len; i++)
    gtk_box_append (GTK_BOX (self->optional_list),
                    service_check_new (self, g_ptr_array_index (offered, i)));

  gtk_widget_set_visible (self->optional_box, offered->len > 0);
}

static void
sync_checks (LoketChoosePage *self,
             GtkWidget       *root)
{
  LoketRequest *request = get_request (self);

  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      const char *id = g_object_get_data (G_OBJECT (w), "service");

      if (GTK_IS_CHECK_BUTTON (w) && id != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (w), loket_request_has_service (request, id));
      else
        sync_checks (self, w);
    }
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
      gboolean chosen = event != NULL && g_str_equal (event->id, id);
      GtkWidget *mark = g_object_get_data (G_OBJECT (tile), "mark");

      /* Chosen shows in three ways: a frame, a tick with a word, and the selected state. */
      if (chosen)
        gtk_widget_add_css_class (tile, "loket-chosen");
      else
        gtk_widget_remove_css_class (tile, "loket-chosen");
      gtk_widget_set_visible (mark, chosen);
      gtk_accessible_update_state (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_STATE_CHECKED,
                                   chosen ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                          : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
    }

  sync_checks (self, self->optional_list);
  sync_checks (self, self->services_list);

  self->syncing = FALSE;

  loket_page_set_complete (LOKET_PAGE (self), services->len > 0);
}

static void
tile_clicked_cb (GtkButton       *tile,
                 LoketChoosePage *self)
{
  LoketRequest *request = get_request (self);

  loket_request_set_life_event (request, g_object_get_data (G_OBJECT (tile), "life-event"));
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
tile_new (LoketChoosePage      *self,
          const LoketLifeEvent *event)
{
  /* One life event of several: a radio button to a screen reader, "checked" when chosen. */
  GtkWidget *tile = g_object_new (GTK_TYPE_BUTTON,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                  NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *description;
  GtkWidget *agencies;
  GtkWidget *mark;
  g_autofree char *agency_names = event_agencies (event);
  /* Translators: on a life event's tile: the offices that take part, e.g. "With: Dukcapil, BPJS Kesehatan" */
  g_autofree char *agencies_text = g_strdup_printf (_("With: %s"), agency_names);
  g_autofree char *name = NULL;

  if (event->icon != NULL && g_path_is_absolute (event->icon))
    icon = gtk_image_new_from_file (event->icon);
  else
    icon = gtk_image_new_from_icon_name (event->icon != NULL ? event->icon : "folder-documents");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 96);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "loket-tile-icon");
  gtk_box_append (GTK_BOX (box), icon);

  title = gtk_label_new (C_CATALOG (event->title));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "loket-tile-title");
  gtk_box_append (GTK_BOX (text), title);

  description = gtk_label_new (event->description != NULL ? C_CATALOG (event->description) : "");
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_widget_set_visible (description, event->description != NULL);
  gtk_box_append (GTK_BOX (text), description);

  agencies = gtk_label_new (agencies_text);
  gtk_label_set_wrap (GTK_LABEL (agencies), TRUE);
  gtk_label_set_xalign (GTK_LABEL (agencies), 0);
  gtk_widget_add_css_class (agencies, "loket-facts");
  gtk_box_append (GTK_BOX (text), agencies);

  /* Translators: shown on the tile the citizen chose */
  mark = gtk_label_new (_("✓ Chosen"));
  gtk_label_set_xalign (GTK_LABEL (mark), 0);
  gtk_widget_add_css_class (mark, "loket-chosen-mark");
  gtk_widget_set_visible (mark, FALSE);
  gtk_box_append (GTK_BOX (text), mark);

  /* Lines of a readable length; on a landscape screen two tiles then sit side by side. */
  for (GtkWidget *label = gtk_widget_get_first_child (text); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    gtk_label_set_max_width_chars (GTK_LABEL (label), 34);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (tile), box);
  gtk_widget_add_css_class (tile, "loket-tile");

  name = g_strdup_printf ("%s. %s. %s", C_CATALOG (event->title),
                          event->description != NULL ? C_CATALOG (event->description) : "",
                          agencies_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data_full (G_OBJECT (tile), "life-event", g_strdup (event->id), g_free);
  g_object_set_data (G_OBJECT (tile), "mark", mark);
  g_signal_connect_object (tile, "clicked", G_CALLBACK (tile_clicked_cb), self, 0);

  return tile;
}

static void
build_services_by_agency (LoketChoosePage *self,
                          LoketCatalog    *catalog)
{
  GPtrArray *agencies = loket_catalog_get_agencies (catalog);
  GPtrArray *services = loket_catalog_get_services (catalog);

  for (guint a = 0; a < agencies->len; a++)
    {
      const LoketAgency *agency = g_ptr_array_index (agencies, a);
      GtkWidget *heading = NULL;

      for (guint s = 0; s < services->len; s++)
        {
          const LoketService *service = g_ptr_array_index (services, s);
          GtkWidget *check;

          if (service->agency != agency)
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
      GtkWidget *tile = tile_new (self, event);

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
