/* test-kiosk-escape.c — no way out of --kiosk: GTK's own dialogs and menus stay shut
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The process is prepared as `loket --kiosk` prepares it (loket_kiosk_prepare_process,
 * before GTK starts, here with GTK_DEBUG=interactive in the environment), then a kiosk
 * window gets real key and pointer events through the X server (XTest): every chord that
 * reaches one of GTK 4.8's built-in dialogs or menus (the inspector, the emoji chooser,
 * context menus, the menu bar, closing), and a right click and a long press on every kind
 * of entry the kiosk has. After each, no new toplevel exists, nothing pops up inside the
 * window, and the keyboard focus is still in the kiosk's window.
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "core/loket-i18n.h"
#include "key-walk.h"
#include "loket-field-row.h"
#include "loket-kiosk.h"
#include "loket-track-page.h"

/* Longer than GTK's long-press time (gtk-long-press-time, 500 ms). */
#define LONG_PRESS_MS 1200

typedef struct {
  KeySym           keysym;
  GdkModifierType  modifiers;
  const char      *name;
} Chord;

/* Everywhere: the inspector, the menu bar, closing and the window's own shortcuts. */
static const Chord window_chords[] = {
  { XK_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "Ctrl+Shift+I" },
  { XK_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "Ctrl+Shift+D" },
  { XK_F10, 0, "F10" },
  { XK_F10, GDK_SHIFT_MASK, "Shift+F10" },
  { XK_Menu, 0, "Menu" },
  { XK_q, GDK_CONTROL_MASK, "Ctrl+Q" },
  { XK_w, GDK_CONTROL_MASK, "Ctrl+W" },
  { XK_F4, GDK_ALT_MASK, "Alt+F4" },
  { XK_space, GDK_ALT_MASK, "Alt+Space" },
};

/* In an entry: the emoji chooser and the context menu, and the inspector again. */
static const Chord entry_chords[] = {
  { XK_period, GDK_CONTROL_MASK, "Ctrl+." },
  { XK_semicolon, GDK_CONTROL_MASK, "Ctrl+;" },
  { XK_F10, GDK_SHIFT_MASK, "Shift+F10" },
  { XK_Menu, 0, "Menu" },
  { XK_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "Ctrl+Shift+I" },
};

static guint n_button_releases;

static gboolean
button_counter_cb (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   gpointer                  user_data)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE)
    n_button_releases++;
  return GDK_EVENT_PROPAGATE;
}

static guint
n_toplevels (void)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ());
}

/* What a citizen could have reached: a new toplevel (the inspector, its "Do you want to use
 * GTK Inspector?" question, a file chooser), a popover shown inside the window (a context
 * menu, the emoji chooser, a touch selection bubble), or the keyboard focus gone from the
 * kiosk's window. */
static void
assert_contained (Walk       *walk,
                  guint       toplevels,
                  const char *after)
{
  g_autoptr(GPtrArray) widgets = NULL;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (walk->window));
  Window focus;
  int revert;

  if (n_toplevels () != toplevels)
    {
      GListModel *list = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (list, i);

          g_test_message ("toplevel %u: %s “%s”", i, G_OBJECT_TYPE_NAME (window),
                          gtk_window_get_title (window));
        }
      g_error ("after %s: %u toplevels, the kiosk had %u", after, n_toplevels (), toplevels);
    }

  widgets = ui_test_collect (GTK_WIDGET (walk->window));
  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);

      if (widget != GTK_WIDGET (walk->window) && GTK_IS_NATIVE (widget) &&
          gtk_widget_get_mapped (widget))
        g_error ("after %s: a %s popped up in the kiosk's window", after,
                 G_OBJECT_TYPE_NAME (widget));
    }

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (walk->window)));
  if (!gtk_window_is_active (GTK_WINDOW (walk->window)))
    g_error ("after %s: the kiosk's window lost the keyboard focus", after);
  XGetInputFocus (walk->dpy, &focus, &revert);
  if (focus != gdk_x11_surface_get_xid (surface))
    g_error ("after %s: the X server's keyboard focus is on 0x%lx, not the kiosk's window",
             after, focus);
}

static void
press_chords (Walk        *walk,
              const Chord *chords,
              guint        n_chords,
              guint        toplevels,
              const char  *where)
{
  for (guint i = 0; i < n_chords; i++)
    {
      g_autofree char *after = g_strdup_printf ("%s in %s", chords[i].name, where);

      gboolean seen = walk_press_chord (walk, chords[i].keysym, chords[i].modifiers);

      /* Whatever a chord opens is made and mapped within a few main-loop turns. */
      ui_test_pump (60);
      assert_contained (walk, toplevels, after);
      if (!seen)
        g_error ("after %s: the kiosk's window did not get every key", after);
    }
}

static gboolean
releases_seen (gpointer data)
{
  return n_button_releases >= GPOINTER_TO_UINT (data);
}

/* The pointer to the middle of widget, as the X server places it. */
static void
pointer_to (Walk      *walk,
            GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                 gtk_widget_get_height (widget) / 2.f);
  graphene_point_t point;
  GtkWidget *picked;
  Window child;
  double dx, dy;
  int x, y;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));
  /* What a click there reaches is the widget itself, not something over it. */
  picked = gtk_widget_pick (GTK_WIDGET (native), point.x, point.y, GTK_PICK_DEFAULT);
  g_assert_true (picked == widget || gtk_widget_is_ancestor (picked, widget));

  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (walk->dpy, xid, DefaultRootWindow (walk->dpy),
                         (int) (point.x + dx), (int) (point.y + dy), &x, &y, &child);
  XTestFakeMotionEvent (walk->dpy, -1, x, y, CurrentTime);
  XFlush (walk->dpy);
  ui_test_pump (30);
}

/* A press of button, held for hold_ms, then its release; then checks what a citizen could
 * have reached, and that the kiosk's window had the release (a popup that grabbed the
 * pointer would take it). */
static void
click (Walk       *walk,
       guint       button,
       guint       hold_ms,
       guint       toplevels,
       const char *after)
{
  guint expected = n_button_releases + 1;
  gboolean seen;

  XTestFakeButtonEvent (walk->dpy, button, True, CurrentTime);
  XFlush (walk->dpy);
  ui_test_pump (hold_ms);
  XTestFakeButtonEvent (walk->dpy, button, False, CurrentTime);
  XFlush (walk->dpy);
  seen = ui_test_wait_until (releases_seen, GUINT_TO_POINTER (expected), 5000);
  ui_test_pump (60);
  assert_contained (walk, toplevels, after);
  if (!seen)
    g_error ("after %s: the kiosk's window did not get the button's release", after);
  n_button_releases = expected;
}

/* The on-screen scroller holding widget, scrolled so that widget is in sight. */
static void
bring_into_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  if (scroller != NULL)
    loket_scroll_to_widget (GTK_SCROLLED_WINDOW (scroller), widget);
  ui_test_pump (60);
}

/* Every way into GtkText's own menus, on one entry (text: its GtkText). */
static void
try_entry (Walk       *walk,
           GtkWidget  *text,
           guint       toplevels,
           const char *what)
{
  g_autofree char *tap = g_strdup_printf ("a click on %s", what);
  g_autofree char *right = g_strdup_printf ("a right click on %s", what);
  g_autofree char *middle = g_strdup_printf ("a middle click on %s", what);
  g_autofree char *held = g_strdup_printf ("a long press on %s", what);

  g_test_message ("entry: %s", what);
  bring_into_view (text);
  pointer_to (walk, text);
  click (walk, 1, 0, toplevels, tap);
  g_assert_true (gtk_widget_has_focus (text));

  press_chords (walk, entry_chords, G_N_ELEMENTS (entry_chords), toplevels, what);

  pointer_to (walk, text);
  click (walk, 3, 0, toplevels, right);
  click (walk, 2, 0, toplevels, middle);
  click (walk, 1, LONG_PRESS_MS, toplevels, held);
  g_assert_true (gtk_widget_has_focus (text));
}

/* "nik", or "group:nik" for a field inside a group's entry. */
static char *
entry_kind (GtkWidget *text)
{
  GtkWidget *row = gtk_widget_get_ancestor (text, LOKET_TYPE_FIELD_ROW);
  const LoketField *field;

  if (row == NULL)
    return NULL;
  field = loket_field_row_get_field (LOKET_FIELD_ROW (row));
  return g_strdup_printf ("%s%s", loket_field_row_get_group_id (LOKET_FIELD_ROW (row)) != NULL
                                  ? "group:" : "",
                          loket_field_type_to_string (field->type));
}

/* Every page of the form for every service of the catalog, or for one service alone (its
 * prerequisite's answer then does not fill its inputs: they are asked): one entry of each
 * kind not tried yet (each field type, and a field of a group's entry) gets every way in. */
static void
try_form_entries (Walk       *walk,
                  const char *only,
                  guint       toplevels,
                  GHashTable *tried)
{
  LoketSession *session = walk->env->session;
  GPtrArray *services = loket_catalog_get_services (loket_session_get_catalog (session));
  g_auto(GStrv) names = NULL;
  LoketRequest *request;

  /* A new citizen: the form's pages are built anew for the new choice. */
  ui_test_activate (walk->window, "flow.restart", NULL);
  ui_test_wait_for_page (walk->window, "welcome");
  request = loket_session_get_request (session);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      if (only == NULL || g_str_equal (service->id, only))
        loket_request_add_service (request, service->id);
      else
        loket_request_remove_service (request, service->id);
    }

  names = loket_flow_dup_names (loket_window_get_flow (walk->window));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) widgets = NULL;
      GtkWidget *add;

      if (!g_str_has_prefix (names[i], "form:"))
        continue;
      ui_test_activate (walk->window, "flow.goto", "s", names[i]);
      ui_test_wait_for_page (walk->window, names[i]);

      /* A group's fields show once it has an entry. */
      add = ui_test_find_button (GTK_WIDGET (loket_window_get_page (walk->window)),
                                 _("Add a person"));
      if (add != NULL && gtk_widget_is_sensitive (add))
        {
          g_signal_emit_by_name (add, "clicked");
          ui_test_pump (100);
        }

      widgets = ui_test_collect (GTK_WIDGET (loket_window_get_page (walk->window)));
      for (guint j = 0; j < widgets->len; j++)
        {
          GtkWidget *text = g_ptr_array_index (widgets, j);
          g_autofree char *kind = NULL;
          g_autofree char *what = NULL;

          if (!GTK_IS_TEXT (text) || !gtk_widget_get_mapped (text))
            continue;
          kind = entry_kind (text);
          g_assert_nonnull (kind);
          if (g_hash_table_contains (tried, kind))
            continue;
          what = g_strdup_printf ("the %s entry of %s", kind, names[i]);
          try_entry (walk, text, toplevels, what);
          g_hash_table_add (tried, g_steal_pointer (&kind));
        }
    }
}

static void
test_kiosk_no_way_out (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  g_autoptr(Walk) walk = NULL;
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) typed = g_hash_table_new (g_str_hash, g_str_equal);
  GtkEventController *counter;
  LoketTrackPage *track;
  GtkWidget *track_entry;
  LoketCatalog *catalog;
  GPtrArray *services;
  GPtrArray *fields;
  GHashTableIter iter;
  gpointer kind;
  guint toplevels;

  walk = walk_new_for_window (env, ui_test_window_new_full (env, 1080, 1920, TRUE));
  if (walk->dpy == NULL)
    return;
  g_assert_true (loket_window_is_kiosk (walk->window));
  toplevels = n_toplevels ();
  g_assert_cmpuint (toplevels, ==, 1);
  assert_contained (walk, toplevels, "the start");

  counter = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (counter, GTK_PHASE_CAPTURE);
  g_signal_connect (counter, "event", G_CALLBACK (button_counter_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (walk->window), counter);

  /* Welcome: the focus on a button. */
  press_chords (walk, window_chords, G_N_ELEMENTS (window_chords), toplevels, "Welcome");
  press_chords (walk, entry_chords, G_N_ELEMENTS (entry_chords), toplevels, "Welcome");

  /* Track's entry (a code, a scanned QR): no personal data, the same lock. */
  ui_test_activate (walk->window, "flow.goto", "s", "track");
  ui_test_wait_for_page (walk->window, "track");
  track = LOKET_TRACK_PAGE (loket_window_get_page (walk->window));
  track_entry = loket_track_page_get_entry (track);
  try_entry (walk, ui_test_find_by_type (track_entry, GTK_TYPE_TEXT), toplevels,
             "Track's entry");
  press_chords (walk, window_chords, G_N_ELEMENTS (window_chords), toplevels, "Track's entry");

  /* Every kind of the form's entries. */
  try_form_entries (walk, NULL, toplevels, tried);
  catalog = loket_session_get_catalog (env->session);
  services = loket_catalog_get_services (catalog);
  for (guint i = 0; i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);
      gboolean untried = FALSE;

      for (guint j = 0; service->inputs != NULL && j < service->inputs->len; j++)
        {
          const LoketServiceInput *input = g_ptr_array_index (service->inputs, j);
          const LoketField *field = loket_catalog_get_field (catalog, input->field);

          untried |= !g_hash_table_contains (tried, loket_field_type_to_string (field->type));
        }
      if (untried)
        try_form_entries (walk, service->id, toplevels, tried);
    }

  /* Every field type typed in an entry was tried, and a field of a group. */
  fields = loket_catalog_get_fields (catalog);
  for (guint i = 0; i < fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (fields, i);

      if (loket_field_type_keyboard (field->type) != LOKET_KEYBOARD_NONE)
        g_hash_table_add (typed, (gpointer) loket_field_type_to_string (field->type));
    }
  g_assert_cmpuint (g_hash_table_size (typed), >=, 10);
  g_hash_table_iter_init (&iter, typed);
  while (g_hash_table_iter_next (&iter, &kind, NULL))
    if (!g_hash_table_contains (tried, kind))
      g_error ("no %s entry was tried", (const char *) kind);
  g_assert_true (g_hash_table_size (tried) > g_hash_table_size (typed));

  g_test_message ("%u keys, %u entries", walk->n_keys, g_hash_table_size (tried) + 1);
}

/* The first line alone, on a window without the kiosk's key guard: GTK reads the inspector
 * switch from GSettings at the key press, and finds it off. */
static void
test_kiosk_settings_alone (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  g_autoptr(Walk) walk = NULL;
  gboolean seen;

  g_assert_false (loket_kiosk_inspector_shortcut_enabled ());

  walk = walk_new_for_window (env, ui_test_window_new_full (env, 1080, 1920, FALSE));
  if (walk->dpy == NULL)
    return;
  g_assert_false (loket_window_is_kiosk (walk->window));
  seen = walk_press_chord (walk, XK_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  seen &= walk_press_chord (walk, XK_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  ui_test_pump (100);
  assert_contained (walk, 1, "Ctrl+Shift+I and Ctrl+Shift+D in a window without the guard");
  g_assert_true (seen);
}

/* The other lines alone: with the GSettings switch turned back on, the kiosk's window still
 * opens no inspector. */
static void
test_kiosk_guard_alone (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  g_autoptr(GSettings) debug = g_settings_new ("org.gtk.gtk4.Settings.Debug");
  g_autoptr(Walk) walk = NULL;

  g_settings_set_boolean (debug, "enable-inspector-keybinding", TRUE);
  g_assert_true (loket_kiosk_inspector_shortcut_enabled ());

  walk = walk_new_for_window (env, ui_test_window_new_full (env, 1080, 1920, TRUE));
  if (walk->dpy != NULL)
    {
      gboolean seen = walk_press_chord (walk, XK_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK);

      seen &= walk_press_chord (walk, XK_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
      ui_test_pump (100);
      assert_contained (walk, 1, "Ctrl+Shift+I and Ctrl+Shift+D with the switch on");
      g_assert_true (seen);
      /* And the signal itself, however it is emitted. */
      g_signal_emit_by_name (walk->window, "enable-debugging", FALSE, &(gboolean) { FALSE });
      ui_test_pump (100);
      assert_contained (walk, 1, "enable-debugging emitted with the switch on");
    }

  g_settings_set_boolean (debug, "enable-inspector-keybinding", FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  /* As `loket --kiosk` does in main(), before GTK starts; GTK_DEBUG=interactive would open
   * the inspector as gtk_init () runs. */
  g_setenv ("GTK_DEBUG", "interactive", TRUE);
  g_assert_true (loket_kiosk_requested (3, (char *[]) { "loket", "--kiosk", "--", NULL }));
  g_assert_false (loket_kiosk_requested (3, (char *[]) { "loket", "--", "--kiosk", NULL }));
  if (!loket_kiosk_prepare_process (&error))
    g_error ("%s", error->message);
  g_assert_null (g_getenv ("GTK_DEBUG"));
  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");

  ui_test_init (&argc, &argv);

  g_test_add_func ("/kiosk/no-way-out", test_kiosk_no_way_out);
  g_test_add_func ("/kiosk/settings-alone", test_kiosk_settings_alone);
  g_test_add_func ("/kiosk/guard-alone", test_kiosk_guard_alone);

  return g_test_run ();
}
