/* loket-vision-toggles.c — "Larger text" and "High contrast", in words, wherever they stand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A citizen who cannot read small grey text must find the switch that helps: a word on a
 * button ("Larger text"), not a glyph (A+, ◐), on Welcome and in every page's footer, near
 * the hand, not only at the top of a tall screen. A screen reader hears a check box that
 * says "checked" (GTK 4.8 has no toggle-button role on AT-SPI).
 */
#define G_LOG_DOMAIN "loket-vision"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-button-row.h"
#include "loket-theme.h"
#include "loket-vision-toggles.h"

#define AID_KEY "loket-vision-aid"
#define SYNCING_KEY "loket-vision-syncing"

static const char *
aid_label (LoketVisionAid aid)
{
  /* Translators: a toggle that makes every text on the kiosk larger */
  return aid == LOKET_VISION_LARGE_TEXT ? _("Larger text")
  /* Translators: a toggle that shows the kiosk in white and yellow on black */
                                        : _("High contrast");
}

static gboolean
aid_on (GdkDisplay     *display,
        LoketVisionAid  aid)
{
  return aid == LOKET_VISION_LARGE_TEXT ? loket_theme_get_large_text (display)
                                        : loket_theme_get_high_contrast (display);
}

static gboolean
is_vision_toggle (GtkWidget *widget)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_has_css_class (widget, "loket-vision");
}

static void
set_checked (GtkWidget *toggle)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle));

  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_CHECKED,
                               active ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                      : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
sync_one (GtkWidget *toggle)
{
  LoketVisionAid aid = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), AID_KEY));

  g_object_set_data (G_OBJECT (toggle), SYNCING_KEY, GINT_TO_POINTER (TRUE));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                aid_on (gtk_widget_get_display (toggle), aid));
  g_object_set_data (G_OBJECT (toggle), SYNCING_KEY, NULL);
  set_checked (toggle);
}

static void
walk (GtkWidget *widget,
      void     (*func) (GtkWidget *toggle))
{
  if (is_vision_toggle (widget))
    {
      func (widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, func);
}

void
loket_vision_toggles_sync (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  walk (root, sync_one);
}

static void
set_strings (GtkWidget *toggle)
{
  LoketVisionAid aid = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), AID_KEY));

  gtk_button_set_label (GTK_BUTTON (toggle), aid_label (aid));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  aid_label (aid), -1);
}

void
loket_vision_toggles_update_strings (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  walk (root, set_strings);
}

static void
toggled_cb (GtkToggleButton *toggle)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (toggle));
  LoketVisionAid aid = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), AID_KEY));
  gboolean active = gtk_toggle_button_get_active (toggle);
  GtkWidget *root;

  set_checked (GTK_WIDGET (toggle));
  if (g_object_get_data (G_OBJECT (toggle), SYNCING_KEY) != NULL)
    return;

  loket_theme_set (display,
                   aid == LOKET_VISION_LARGE_TEXT ? active : loket_theme_get_large_text (display),
                   aid == LOKET_VISION_HIGH_CONTRAST ? active
                                                     : loket_theme_get_high_contrast (display));
  /* The window's other toggles for the same aid (footer, Welcome) say the same. */
  root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (toggle)));
  if (root != NULL)
    loket_vision_toggles_sync (root);
}

GtkWidget *
loket_vision_toggle_new (LoketVisionAid aid,
                         gboolean       large)
{
  GtkWidget *toggle = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_CHECKBOX,
                                    NULL);

  g_object_set_data (G_OBJECT (toggle), AID_KEY, GINT_TO_POINTER (aid));
  gtk_widget_add_css_class (toggle, "loket-vision");
  gtk_widget_add_css_class (toggle, large ? "loket-vision-large" : "loket-vision-compact");
  set_strings (toggle);
  g_signal_connect (toggle, "toggled", G_CALLBACK (toggled_cb), NULL);
  /* Built while the theme is already on (a language change rebuilds Welcome): say so. */
  g_signal_connect (toggle, "realize", G_CALLBACK (sync_one), NULL);
  set_checked (toggle);

  return toggle;
}

GtkWidget *
loket_vision_toggles_new_row (gboolean large)
{
  GtkWidget *row = loket_button_row_new ();

  loket_button_row_set_spacing (LOKET_BUTTON_ROW (row), large ? 16 : 12);
  loket_button_row_append (LOKET_BUTTON_ROW (row),
                           loket_vision_toggle_new (LOKET_VISION_LARGE_TEXT, large));
  loket_button_row_append (LOKET_BUTTON_ROW (row),
                           loket_vision_toggle_new (LOKET_VISION_HIGH_CONTRAST, large));
  gtk_widget_add_css_class (row, "loket-vision-row");

  return row;
}
