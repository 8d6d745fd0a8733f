/* loket-kiosk.c — no way out of the kiosk: GTK's own dialogs and menus kept from citizens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A USB keyboard on a kiosk reaches whatever GTK binds by itself. In GTK 4.8 Ctrl+Shift+I
 * and Ctrl+Shift+D open the inspector (from whose CSS tab a file chooser browses the whole
 * disk), GTK_DEBUG=interactive opens it at start, Ctrl+. and Ctrl+; open the emoji
 * chooser in an entry, and Shift+F10, the Menu key or a right click open the entry's
 * context menu. The entries themselves are locked down where they are made
 * (loket_entry_lock_down); this file keeps the process and the window closed.
 */
#define G_LOG_DOMAIN "loket-kiosk"

#include "config.h"

#include <string.h>

#include "loket-kiosk.h"

#define DEBUG_SCHEMA "org.gtk.gtk4.Settings.Debug"
#define INSPECTOR_KEY "enable-inspector-keybinding"

gboolean
loket_kiosk_requested (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--kiosk") == 0)
        return TRUE;
    }

  return FALSE;
}

static GSettingsSchema *
lookup_debug_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source == NULL)
    return NULL;
  return g_settings_schema_source_lookup (source, DEBUG_SCHEMA, TRUE);
}

gboolean
loket_kiosk_prepare_process (GError **error)
{
  static const char * const cleared[] = {
    /* "interactive" opens the inspector as GTK starts. */
    "GTK_DEBUG",
    /* Only matter once the inspector is open; nothing of the kiosk needs them. */
    "GTK_INSPECTOR_DISPLAY",
    "GTK_INSPECTOR_RENDERER",
  };
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cleared); i++)
    g_unsetenv (cleared[i]);

  /* The simple input method lives in this process: an input method framework's own windows
   * (candidate lists, its emoji picker) would be a way out of reach of this file. */
  g_setenv ("GTK_IM_MODULE", "gtk-im-context-simple", TRUE);

  /* GSettings picks its backend once, on first use: from now on everything the kiosk's
   * process reads and writes there stays in memory, so the switch below holds whatever the
   * machine's dconf says, and nothing a session changes outlives it. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  schema = lookup_debug_schema ();
  if (schema == NULL || !g_settings_schema_has_key (schema, INSPECTOR_KEY))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "GTK's settings schema %s (key %s) is not installed, so its inspector "
                   "shortcut cannot be switched off; the window's own guard still swallows it",
                   DEBUG_SCHEMA, INSPECTOR_KEY);
      return FALSE;
    }

  /* The memory backend keeps the value for the life of the process (GIO holds the default
   * backend), after this GSettings object is gone. */
  settings = g_settings_new_full (schema, NULL, NULL);
  if (!g_settings_set_boolean (settings, INSPECTOR_KEY, FALSE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   "GTK's inspector shortcut (%s %s) could not be switched off",
                   DEBUG_SCHEMA, INSPECTOR_KEY);
      return FALSE;
    }

  return TRUE;
}

gboolean
loket_kiosk_inspector_shortcut_enabled (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_debug_schema ();
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, INSPECTOR_KEY))
    return TRUE;

  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_boolean (settings, INSPECTOR_KEY);
}

/* The chords of GTK 4.8's built-in ways out: the modifiers listed must be held (others may
 * be too); the key is compared in lower case. */
typedef struct {
  guint            keyval;
  GdkModifierType  modifiers;
} Chord;

static const Chord blocked_chords[] = {
  /* GtkWindow: the inspector, and its "toggle" variant. */
  { GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  /* GtkText: the emoji chooser. */
  { GDK_KEY_period, GDK_CONTROL_MASK },
  { GDK_KEY_semicolon, GDK_CONTROL_MASK },
  /* Context menus (Shift+F10) and menu bars (F10), and the Menu key. */
  { GDK_KEY_F10, 0 },
  { GDK_KEY_Menu, 0 },
};

/* Presses only: a swallowed press must not swallow its release too (GtkEventControllerKey
 * would), which the widgets that saw the modifiers go down still expect. */
static gboolean
guard_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                gpointer                  user_data)
{
  GdkModifierType state;
  guint key;

  if (gdk_event_get_event_type (event) != GDK_KEY_PRESS)
    return GDK_EVENT_PROPAGATE;

  key = gdk_keyval_to_lower (gdk_key_event_get_keyval (event));
  state = gdk_event_get_modifier_state (event);
  for (guint i = 0; i < G_N_ELEMENTS (blocked_chords); i++)
    if (blocked_chords[i].keyval == key &&
        (state & blocked_chords[i].modifiers) == blocked_chords[i].modifiers)
      {
        g_debug ("A key chord of GTK's own menus and dialogs was swallowed");
        return GDK_EVENT_STOP;
      }

  return GDK_EVENT_PROPAGATE;
}

#define GUARD_NAME "loket-kiosk-guard"

/* The guard is known by its controller's name: the window needs no mark of its own. */
static gboolean
has_guard (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), GUARD_NAME) == 0)
        return TRUE;
    }

  return FALSE;
}

void
loket_kiosk_guard_window (GtkWindow *window)
{
  GtkEventController *guard;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (has_guard (GTK_WIDGET (window)))
    return;

  /* Capture phase on the window: before the focused entry's bindings and the window's own
   * shortcuts see the key. */
  guard = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (guard, GUARD_NAME);
  gtk_event_controller_set_propagation_phase (guard, GTK_PHASE_CAPTURE);
  g_signal_connect (guard, "event", G_CALLBACK (guard_event_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (window), guard);
}
