/* loket-theme.c — large text and high contrast, switched at run time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default style sheet (css/loket.css, added by loket_ui_init_styles()) stays; the
 * citizen's accessibility toggles layer css/large-text.css and css/high-contrast.css above
 * it. Each extra sheet sits at a higher priority than the default, so its rules win
 * whatever their selectors, and taking a sheet away gives the default back exactly.
 */
#define G_LOG_DOMAIN "loket-theme"

#include "config.h"

#include "loket-theme.h"

typedef struct {
  GtkCssProvider *large_text;
  GtkCssProvider *high_contrast;
} LoketTheme;

static void
loket_theme_free (gpointer data)
{
  LoketTheme *theme = data;

  g_clear_object (&theme->large_text);
  g_clear_object (&theme->high_contrast);
  g_free (theme);
}

/* The style sheets belong to a display (GDK's object, not ours) and must live as long as
 * it does: they ride on it as qdata, which frees them with it. */
static GQuark
theme_quark (void)
{
  return g_quark_from_static_string ("loket-theme");
}

static LoketTheme *
theme_lookup (GdkDisplay *display)
{
  return g_object_get_qdata (G_OBJECT (display), theme_quark ());
}

static LoketTheme *
theme_for_display (GdkDisplay *display)
{
  LoketTheme *theme = theme_lookup (display);

  if (theme == NULL)
    {
      theme = g_new0 (LoketTheme, 1);
      g_object_set_qdata_full (G_OBJECT (display), theme_quark (), theme,
                               loket_theme_free);
    }

  return theme;
}

static void
toggle_provider (GdkDisplay      *display,
                 GtkCssProvider **provider,
                 gboolean         enabled,
                 const char      *resource,
                 guint            priority)
{
  if (enabled == (*provider != NULL))
    return;

  if (enabled)
    {
      *provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (*provider, resource);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (*provider),
                                                  priority);
    }
  else
    {
      gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (*provider));
      g_clear_object (provider);
    }

  g_debug ("%s %s", resource, enabled ? "on" : "off");
}

/**
 * loket_theme_set:
 * @display: the display whose widgets change
 * @large_text: scale text, paddings and keys by about 1.4
 * @high_contrast: white on black, yellow focus and main actions, thick borders
 *
 * Switches the two accessibility themes on or off; every window restyles at once.
 */
void
loket_theme_set (GdkDisplay *display,
                 gboolean    large_text,
                 gboolean    high_contrast)
{
  LoketTheme *theme;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  theme = theme_for_display (display);
  toggle_provider (display, &theme->large_text, !!large_text,
                   "/org/loket/Kiosk/css/large-text.css",
                   GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  toggle_provider (display, &theme->high_contrast, !!high_contrast,
                   "/org/loket/Kiosk/css/high-contrast.css",
                   GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 2);
}

gboolean
loket_theme_get_large_text (GdkDisplay *display)
{
  LoketTheme *theme;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  theme = theme_lookup (display);
  return theme != NULL && theme->large_text != NULL;
}

gboolean
loket_theme_get_high_contrast (GdkDisplay *display)
{
  LoketTheme *theme;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  theme = theme_lookup (display);
  return theme != NULL && theme->high_contrast != NULL;
}
