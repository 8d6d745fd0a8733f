/* loket-admin-tools.c — what staff do from admin mode besides the status board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "loket-admin-catalog.h"
#include "loket-admin-clean.h"
#include "loket-admin-offer.h"
#include "loket-admin-settings.h"
#include "loket-admin-tools.h"

GtkWidget *
loket_admin_tools_append (GtkBox         *box,
                          LoketSession   *session,
                          LoketAdminMode *mode)
{
  GtkWidget *first = loket_admin_offer_new (session, mode);

  gtk_box_append (box, first);
  gtk_box_append (box, loket_admin_settings_new (session, mode));
  gtk_box_append (box, loket_admin_catalog_new (session, mode));
  gtk_box_append (box, loket_admin_clean_new (mode));
  return first;
}

GtkWidget *
loket_admin_tools_find (GtkWidget *box,
                        GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      return child;
  return NULL;
}

void
loket_admin_tools_refresh (GtkWidget *box)
{
  GtkWidget *offer = loket_admin_tools_find (box, LOKET_TYPE_ADMIN_OFFER);
  GtkWidget *settings = loket_admin_tools_find (box, LOKET_TYPE_ADMIN_SETTINGS);

  if (offer != NULL)
    loket_admin_offer_refresh (LOKET_ADMIN_OFFER (offer));
  if (settings != NULL)
    loket_admin_settings_refresh (LOKET_ADMIN_SETTINGS (settings));
}
