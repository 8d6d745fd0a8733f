/* loket-window-header.c — the window's header: title and step, hall, languages, toggles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of LoketWindow (loket-window-private.h). The header is always on screen: the page's
 * title and "Step 2 of 5", the hall's name and one button per language the kiosk offers
 * (each named in itself). Its buttons say to a screen reader what they are: radio buttons,
 * "checked" when on. The larger-text and high-contrast toggles, in words, are in the footer
 * and on Welcome (loket-window-wayfinding.c, loket-vision-toggles.c).
 */
#define G_LOG_DOMAIN "loket-window"

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "loket-theme.h"
#include "loket-vision-toggles.h"
#include "loket-window-private.h"

/* Each language named in itself, as a citizen looks for it; not translated on purpose. */
static const char *
language_endonym (const char *code)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "id", "Bahasa Indonesia" },
    { "en", "English" },
    { "jv", "Basa Jawa" },
    { "su", "Basa Sunda" },
    { "ms", "Bahasa Melayu" },
    { "ar", "العربية" },
    { "zh", "中文" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].code, code) ||
        (g_str_has_prefix (code, names[i].code) && code[strlen (names[i].code)] == '_'))
      return names[i].name;

  return code;
}

const char *
loket_language_endonym (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);
  return language_endonym (code);
}

void
loket_window_header_update (LoketWindow *self)
{
  LoketPage *page = self->current_page;
  const char *title = page != NULL ? loket_page_get_title (page) : NULL;
  guint n, m;

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL && *title != '\0');

  if (self->current != NULL && loket_flow_get_step (self->flow, self->current, &n, &m))
    {
      /* Translators: in the header, e.g. "Step 2 of 5" */
      g_autofree char *step = g_strdup_printf (_("Step %u of %u"), n, m);

      gtk_label_set_label (self->step_label, step);
      gtk_widget_set_visible (GTK_WIDGET (self->step_label), TRUE);
    }
  else
    {
      gtk_label_set_label (self->step_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->step_label), FALSE);
    }

  /* A form page's heading in its body, and the task list below the page. */
  loket_window_wayfinding_update (self);
}

void
loket_window_header_update_strings (LoketWindow *self)
{
  LoketConfig *config = loket_session_get_config (self->session);

  if (config->site != NULL && *config->site != '\0')
    gtk_label_set_label (self->hall_label, config->site);
  else
    gtk_label_set_label (self->hall_label,
                         /* Translators: shown in the header when the configuration names no hall */
                         _("Public Service Hall"));

  loket_window_wayfinding_update_strings (self);
}

/* The language of one of the header's buttons: they stand in the order of [kiosk] languages. */
static const char *
button_language (LoketWindow *self,
                 GtkWidget   *button)
{
  const char * const *languages =
    (const char * const *) loket_session_get_config (self->session)->languages;
  guint i = 0;

  for (GtkWidget *b = gtk_widget_get_first_child (GTK_WIDGET (self->languages_box));
       b != NULL && languages[i] != NULL;
       b = gtk_widget_get_next_sibling (b), i++)
    if (b == button)
      return languages[i];

  return NULL;
}

void
loket_window_header_sync_toggles (LoketWindow *self)
{
  const char *language = loket_session_get_language (self->session);

  loket_vision_toggles_sync (GTK_WIDGET (self));
  self->syncing_toggles = TRUE;
  for (GtkWidget *b = gtk_widget_get_first_child (GTK_WIDGET (self->languages_box));
       b != NULL;
       b = gtk_widget_get_next_sibling (b))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b),
                                  g_strcmp0 (button_language (self, b), language) == 0);
  self->syncing_toggles = FALSE;
}

static void
language_toggled_cb (GtkToggleButton *button,
                     LoketWindow     *self)
{
  if (self->syncing_toggles)
    return;

  if (!gtk_toggle_button_get_active (button))
    {
      /* One language is always chosen: a second tap on it changes nothing. */
      loket_window_header_sync_toggles (self);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "flow.language", "s",
                              button_language (self, GTK_WIDGET (button)));
}

/* GTK 4.8 has no toggle-button role on AT-SPI, and a toggle button's "pressed" is not
 * read out: the header's toggles are a check box and radio buttons, which say "checked". */
static void
toggle_checked_cb (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button) ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                                    : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

void
loket_window_header_build_languages (LoketWindow *self)
{
  LoketConfig *config = loket_session_get_config (self->session);
  GtkToggleButton *group = NULL;

  for (guint i = 0; config->languages[i] != NULL; i++)
    {
      /* One language of several: a radio button to a screen reader. */
      GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                        "label", language_endonym (config->languages[i]),
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                        NULL);

      gtk_widget_add_css_class (button, "loket-header-button");
      gtk_widget_add_css_class (button, "loket-language");
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled", G_CALLBACK (language_toggled_cb), self, 0);
      g_signal_connect (button, "toggled", G_CALLBACK (toggle_checked_cb), NULL);
      toggle_checked_cb (GTK_TOGGLE_BUTTON (button));
      gtk_box_append (self->languages_box, button);
    }

  loket_window_wayfinding_connect (self);

  /* One language needs no choice. */
  gtk_widget_set_visible (GTK_WIDGET (self->languages_box), config->languages[1] != NULL);
}

/* The header's parts made in code: the form page's heading, the task list, the footer's
 * vision toggles (loket-window-wayfinding.c); from init. */
void
loket_window_header_setup (LoketWindow *self)
{
  loket_window_wayfinding_setup (self);
}
