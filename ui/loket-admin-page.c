/* loket-admin-page.c — admin mode's first screen: who is in, the status board (which kiosk
 * this is, its site and version among its rows), staff's tools, Exit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-admin-mode.h"
#include "loket-admin-page.h"
#include "loket-admin-status.h"
#include "loket-admin-tools.h"
#include "loket-window.h"

struct _LoketAdminPage
{
  LoketPage  parent_instance;

  /* template children */
  GtkWidget *content;
  GtkLabel  *staff_label;
  GtkBox    *screens_box;
  GtkWidget *status;
  GtkWidget *tools;      /* the first of loket-admin-tools.h's sections */
};

G_DEFINE_FINAL_TYPE (LoketAdminPage, loket_admin_page, LOKET_TYPE_PAGE)

static void
update_strings (LoketAdminPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LoketAdminMode *mode = LOKET_IS_WINDOW (root) ? loket_window_get_admin_mode (LOKET_WINDOW (root))
                                                : NULL;
  const char *name = mode != NULL ? loket_admin_mode_get_name (mode) : NULL;
  g_autofree char *who = NULL;

  /* Translators: the title of admin mode's first screen. */
  loket_page_set_title (LOKET_PAGE (self), _("Admin mode"));
  /* Translators: the main button of admin mode: back to the citizens' Welcome. */
  loket_page_set_next_label (LOKET_PAGE (self), _("Exit"));
  /* Translators: %s is the staff member's name. */
  who = g_strdup_printf (_("Signed in: %s"), name != NULL ? name : "—");
  gtk_label_set_label (self->staff_label, who);
}

static void
loket_admin_page_shown (LoketPage *page)
{
  LoketAdminPage *self = LOKET_ADMIN_PAGE (page);
  LoketSession *session = loket_page_get_session (page);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  update_strings (self);
  /* The status board, read afresh on every visit. */
  if (self->status == NULL && session != NULL && LOKET_IS_WINDOW (root))
    {
      self->status = loket_admin_status_new (session,
                                             loket_window_get_admin_mode (LOKET_WINDOW (root)));
      gtk_box_prepend (self->screens_box, self->status);
    }
  if (self->status != NULL)
    loket_admin_status_refresh (LOKET_ADMIN_STATUS (self->status));
  /* Today's offer, Settings, the catalog's reload and Clean the screen. */
  if (self->tools == NULL && session != NULL && LOKET_IS_WINDOW (root))
    self->tools = loket_admin_tools_append (self->screens_box, session,
                                            loket_window_get_admin_mode (LOKET_WINDOW (root)));
  else if (self->tools != NULL)
    loket_admin_tools_refresh (GTK_WIDGET (self->screens_box));
}

static void
loket_admin_page_locale_changed (LoketPage *page)
{
  update_strings (LOKET_ADMIN_PAGE (page));
}

static void
loket_admin_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_ADMIN_PAGE);

  G_OBJECT_CLASS (loket_admin_page_parent_class)->dispose (object);
}

static void
loket_admin_page_class_init (LoketAdminPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->dispose = loket_admin_page_dispose;
  page_class->shown = loket_admin_page_shown;
  page_class->locale_changed = loket_admin_page_locale_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-admin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketAdminPage, content);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminPage, staff_label);
  gtk_widget_class_bind_template_child (widget_class, LoketAdminPage, screens_box);
}

static void
loket_admin_page_init (LoketAdminPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  loket_page_set_show_back (LOKET_PAGE (self), FALSE);
  loket_page_set_complete (LOKET_PAGE (self), TRUE);
  update_strings (self);
}

GtkWidget *
loket_admin_page_get_status (LoketAdminPage *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_PAGE (self), NULL);
  return self->status;
}

GtkBox *
loket_admin_page_get_content (LoketAdminPage *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_PAGE (self), NULL);
  return self->screens_box;
}
