/* key-walk.c — a citizen's physical keyboard for widget tests: real key events through X
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

#include "key-walk.h"
#include "loket-button-row.h"
#include "loket-consent-card.h"

/* What a widget is, for a failure message: "GtkButton “Start” in LoketWelcomePage". */
char *
walk_describe (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  if (widget == NULL)
    return g_string_free (out, FALSE);

  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  if (GTK_IS_TEXT (widget) && GTK_IS_ENTRY (gtk_widget_get_parent (widget)))
    g_string_append (out, " (of an entry)");
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, " “%s”", gtk_button_get_label (GTK_BUTTON (widget)));
  /* The nearest of Loket's widgets that is a place (a page, the keyboard, a field's row),
   * not a layout or a card that only groups a page's buttons. */
  for (GtkWidget *p = gtk_widget_get_parent (widget); p != NULL; p = gtk_widget_get_parent (p))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (p), "Loket") && !LOKET_IS_BUTTON_ROW (p) &&
        !LOKET_IS_CONSENT_CARD (p))
      {
        g_string_append_printf (out, " in %s", G_OBJECT_TYPE_NAME (p));
        break;
      }

  return g_string_free (out, FALSE);
}

GtkWidget *
walk_focus (Walk *walk)
{
  return gtk_root_get_focus (GTK_ROOT (walk->window));
}

/* The entry whose text has the focus, or NULL. */
GtkWidget *
walk_focused_entry (Walk *walk)
{
  GtkWidget *focus = walk_focus (walk);

  if (focus != NULL && GTK_IS_TEXT (focus) && GTK_IS_ENTRY (gtk_widget_get_parent (focus)))
    return gtk_widget_get_parent (focus);
  return NULL;
}

static gboolean
key_event_cb (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              Walk                     *walk)
{
  if (gdk_event_get_event_type (event) == GDK_KEY_RELEASE)
    walk->n_seen++;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
all_seen (gpointer data)
{
  Walk *walk = data;

  return walk->n_seen >= walk->n_sent;
}

/* Presses and releases one key (Shift held around it if asked), through the X server as a
 * keyboard would, and runs the main loop until GTK has handled it. */
void
walk_press (Walk    *walk,
            KeySym   keysym,
            gboolean shift)
{
  KeyCode code = XKeysymToKeycode (walk->dpy, keysym);
  gint64 start = g_get_monotonic_time ();

  if (code == 0)
    g_error ("the X server's keymap has no key for keysym 0x%lx", keysym);

  if (shift)
    XTestFakeKeyEvent (walk->dpy, walk->shift, True, CurrentTime);
  XTestFakeKeyEvent (walk->dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (walk->dpy, code, False, CurrentTime);
  if (shift)
    XTestFakeKeyEvent (walk->dpy, walk->shift, False, CurrentTime);
  XFlush (walk->dpy);

  walk->n_keys++;
  walk->n_events += shift ? 4 : 2;
  walk->n_sent += shift ? 2 : 1;
  if (!ui_test_wait_until (all_seen, walk, 5000))
    g_error ("GTK did not get key 0x%lx within 5 s (%u of %u releases seen)", keysym,
             walk->n_seen, walk->n_sent);
  /* What the key started (a focus move, a changed answer) settles. */
  for (guint i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  walk->key_usec += g_get_monotonic_time () - start;
}

/* A chord: Control, Shift and Alt (as in modifiers) held around one key, pressed in that
 * order and let go in the other, as a hand does. FALSE when the window did not get every
 * release within 5 s (something else took the keyboard): the caller says what. */
gboolean
walk_press_chord (Walk            *walk,
                  KeySym           keysym,
                  GdkModifierType  modifiers)
{
  static const struct {
    GdkModifierType mask;
    KeySym          keysym;
  } held[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
    { GDK_ALT_MASK, XK_Alt_L },
  };
  KeyCode code = XKeysymToKeycode (walk->dpy, keysym);
  gint64 start = g_get_monotonic_time ();
  guint n_held = 0;

  if (code == 0)
    g_error ("the X server's keymap has no key for keysym 0x%lx", keysym);

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    if ((modifiers & held[i].mask) != 0)
      {
        XTestFakeKeyEvent (walk->dpy, XKeysymToKeycode (walk->dpy, held[i].keysym), True,
                           CurrentTime);
        n_held++;
      }
  XTestFakeKeyEvent (walk->dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (walk->dpy, code, False, CurrentTime);
  for (guint i = G_N_ELEMENTS (held); i-- > 0;)
    if ((modifiers & held[i].mask) != 0)
      XTestFakeKeyEvent (walk->dpy, XKeysymToKeycode (walk->dpy, held[i].keysym), False,
                         CurrentTime);
  XFlush (walk->dpy);

  walk->n_keys++;
  walk->n_events += 2 + 2 * n_held;
  walk->n_sent += 1 + n_held;
  if (!ui_test_wait_until (all_seen, walk, 5000))
    {
      g_test_message ("the window did not get chord 0x%lx (modifiers 0x%x) within 5 s (%u of "
                      "%u releases seen)", keysym, modifiers, walk->n_seen, walk->n_sent);
      walk->n_seen = walk->n_sent;
      return FALSE;
    }
  for (guint i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  walk->key_usec += g_get_monotonic_time () - start;
  return TRUE;
}

/* Types text character by character: the key that makes each character, with Shift when
 * the character is on the key's shifted level (capitals, '#', ':'). ASCII only: Latin-1
 * keysyms are the characters' own code points. */
void
walk_type (Walk       *walk,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      KeySym keysym = (KeySym) (guchar) *p;
      KeyCode code = XKeysymToKeycode (walk->dpy, keysym);
      gboolean shift;

      g_assert_true (g_ascii_isprint (*p));
      if (code == 0)
        g_error ("no key types '%c' in the X server's keymap", *p);
      shift = XkbKeycodeToKeysym (walk->dpy, code, 0, 0) != keysym;
      if (shift)
        g_assert_cmpuint (XkbKeycodeToKeysym (walk->dpy, code, 0, 1), ==, keysym);
      walk_press (walk, keysym, shift);
    }
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

/* The kiosk's window, with the X server's keyboard focus. Under Xvfb there is no window
 * manager to give it: gtk_window_present () asks GDK to focus the toplevel, which, without
 * a window manager (no _NET_ACTIVE_WINDOW), calls XSetInputFocus on it itself. The test
 * checks that it did, and otherwise calls XSetInputFocus too, rather than rely on the X
 * server's default PointerRoot focus (keys then go to whatever lies under the pointer, which
 * depends on where the pointer happens to be). Key events reach a toplevel only with the
 * focus, and GTK draws focus rings only in an active window. */
Walk *
walk_new (UiTestEnv *env)
{
  return walk_new_for_window (env, ui_test_window_new (env, 1080, 1920));
}

Walk *
walk_new_for_window (UiTestEnv   *env,
                     LoketWindow *window)
{
  Walk *walk = g_new0 (Walk, 1);
  GdkDisplay *display;
  GdkSurface *surface;
  GtkEventController *counter;
  Window xid, focus;
  int revert, event_base, error_base, major, minor;

  walk->env = env;
  walk->window = window;
  display = gtk_widget_get_display (GTK_WIDGET (walk->window));
  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("real key events need an X11 display (GDK_BACKEND=x11 under Xvfb)");
      return walk;
    }
  walk->dpy = gdk_x11_display_get_xdisplay (display);
  if (!XTestQueryExtension (walk->dpy, &event_base, &error_base, &major, &minor))
    {
      g_test_skip ("the X server has no XTEST extension to send key events with");
      walk->dpy = NULL;
      return walk;
    }
  walk->shift = XKeysymToKeycode (walk->dpy, XK_Shift_L);
  g_assert_cmpuint (walk->shift, !=, 0);

  surface = gtk_native_get_surface (GTK_NATIVE (walk->window));
  xid = gdk_x11_surface_get_xid (surface);
  XGetInputFocus (walk->dpy, &focus, &revert);
  if (focus != xid)
    {
      g_test_message ("X focus on 0x%lx, not the kiosk's 0x%lx: setting it", focus, xid);
      XSetInputFocus (walk->dpy, xid, RevertToParent, CurrentTime);
      XSync (walk->dpy, False);
    }
  g_assert_true (ui_test_wait_until (window_is_active, walk->window, 5000));

  counter = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (counter, GTK_PHASE_CAPTURE);
  g_signal_connect (counter, "event", G_CALLBACK (key_event_cb), walk);
  gtk_widget_add_controller (GTK_WIDGET (walk->window), counter);

  walk->next_button = ui_test_find_action (GTK_WIDGET (walk->window), "flow.next");
  g_assert_nonnull (walk->next_button);

  return walk;
}

void
walk_free (Walk *walk)
{
  ui_test_window_destroy (walk->window);
  g_free (walk);
}

/* The pixels of the window where a ring around bounds (in the window's coordinates) sits:
 * from a little outside the widget's edge to a little inside it (a field is ringed as a
 * whole, inside its edge), as the X server has them on screen. Only that band: a text caret
 * blinking inside a field must not count as a ring. */
static GBytes *
ring_band (Walk                  *walk,
           const graphene_rect_t *bounds)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (walk->window));
  Window xid = gdk_x11_surface_get_xid (surface);
  GByteArray *band = g_byte_array_new ();
  graphene_rect_t outer, inner;
  XWindowAttributes attributes;
  XImage *image;
  double dx, dy;
  int x0, y0, x1, y1;

  /* The window's widgets start at an offset inside its X window (client-side decorations). */
  gtk_native_get_surface_transform (GTK_NATIVE (walk->window), &dx, &dy);
  graphene_rect_inset_r (bounds, -8, -8, &outer);
  graphene_rect_offset (&outer, dx, dy);
  graphene_rect_inset_r (bounds, 4, 4, &inner);
  graphene_rect_offset (&inner, dx, dy);

  g_assert_true (XGetWindowAttributes (walk->dpy, xid, &attributes));
  x0 = MAX (0, (int) outer.origin.x);
  y0 = MAX (0, (int) outer.origin.y);
  x1 = MIN (attributes.width, (int) (outer.origin.x + outer.size.width));
  y1 = MIN (attributes.height, (int) (outer.origin.y + outer.size.height));
  g_assert_cmpint (x1, >, x0);
  g_assert_cmpint (y1, >, y0);
  image = XGetImage (walk->dpy, xid, x0, y0, x1 - x0, y1 - y0, AllPlanes, ZPixmap);
  g_assert_nonnull (image);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (!graphene_rect_contains_point (&inner, &GRAPHENE_POINT_INIT (x + 0.5f, y + 0.5f)))
        {
          guint32 pixel = (guint32) XGetPixel (image, x - x0, y - y0);

          g_byte_array_append (band, (guint8 *) &pixel, sizeof pixel);
        }
  XDestroyImage (image);

  return g_byte_array_free_to_bytes (band);
}

/* The band once it no longer changes (the same four times over 300 ms): the theme fades a
 * ring in and out (200 ms), and a machine under load draws late. */
static GBytes *
settled_band (Walk                  *walk,
              const graphene_rect_t *bounds)
{
  g_autoptr(GBytes) last = ring_band (walk, bounds);
  guint same = 0;

  for (guint i = 0; i < 100 && same < 3; i++)
    {
      g_autoptr(GBytes) now = NULL;

      /* Really time: these are pixels read back from the X server, which no GTK frame
       * tells of; four equal samples 100 ms apart outlast the ring's 200 ms fade. */
      ui_test_pump (100);
      now = ring_band (walk, bounds);
      same = g_bytes_equal (now, last) ? same + 1 : 0;
      g_bytes_unref (last);
      last = g_steal_pointer (&now);
    }
  if (same < 3)
    g_error ("the screen keeps changing around the focus");
  return g_steal_pointer (&last);
}

/* Whether the focus ring is really drawn: the band around the focused widget differs
 * between the window drawn with focus-visible and without. */
static gboolean
ring_is_drawn (Walk      *walk,
               GtkWidget *focus)
{
  GtkWidget *widget = GTK_IS_TEXT (focus) ? gtk_widget_get_parent (focus) : focus;
  g_autoptr(GBytes) with_ring = NULL;
  g_autoptr(GBytes) without = NULL;
  graphene_rect_t bounds;
  const guchar *a, *b;
  guint differ = 0;
  int height;

  /* Where the widget is once a scroller brought it into sight (scrolling is animated). */
  for (guint i = 0; i < 50; i++)
    {
      graphene_rect_t now;

      g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (walk->window), &now));
      if (i > 0 && graphene_rect_equal (&now, &bounds))
        break;
      bounds = now;
      /* An animated scroll moves once a frame: the same place two frames running is its
       * end. */
      ui_test_wait_frame (GTK_WIDGET (walk->window));
    }
  height = gtk_widget_get_height (GTK_WIDGET (walk->window));
  if (bounds.origin.y < 0 || bounds.origin.y + bounds.size.height > height)
    {
      g_autofree char *what = walk_describe (focus);

      g_error ("%s: the focus is on %s, out of sight (%g..%g of %d)",
               loket_window_get_page_name (walk->window), what, bounds.origin.y,
               bounds.origin.y + bounds.size.height, height);
    }
  /* Nor hidden by a scroller around it, scrolled elsewhere (GTK 4.8's scrollers do not
   * follow the focus down to a button inside their box by themselves). */
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      graphene_rect_t view;

      if (!GTK_IS_SCROLLED_WINDOW (up) ||
          !gtk_widget_compute_bounds (up, GTK_WIDGET (walk->window), &view))
        continue;
      if (bounds.origin.y < view.origin.y ||
          bounds.origin.y + bounds.size.height > view.origin.y + view.size.height)
        {
          g_autofree char *what = walk_describe (focus);

          g_error ("%s: the focus is on %s, scrolled out of sight (%g..%g, its scroller shows "
                   "%g..%g)", loket_window_get_page_name (walk->window), what, bounds.origin.y,
                   bounds.origin.y + bounds.size.height, view.origin.y,
                   view.origin.y + view.size.height);
        }
    }
  with_ring = settled_band (walk, &bounds);
  gtk_window_set_focus_visible (GTK_WINDOW (walk->window), FALSE);
  without = settled_band (walk, &bounds);
  gtk_window_set_focus_visible (GTK_WINDOW (walk->window), TRUE);

  a = g_bytes_get_data (with_ring, NULL);
  b = g_bytes_get_data (without, NULL);
  g_assert_cmpuint (g_bytes_get_size (with_ring), ==, g_bytes_get_size (without));
  for (gsize i = 0; i < g_bytes_get_size (without); i += 4)
    differ += memcmp (a + i, b + i, 4) != 0;

  g_test_message ("ring round %s: %u pixels", G_OBJECT_TYPE_NAME (widget), differ);
  /* A ring all round even a small button is well over a hundred pixels. */
  return differ > 100;
}

/* Where the focus is when a page is reached: on something of the page (or its main action),
 * visibly, and never on the header's buttons, the on-screen keyboard or nothing. */
void
walk_assert_focus (Walk       *walk,
                   const char *expect)
{
  GtkWidget *focus = walk_focus (walk);
  GtkWidget *page = GTK_WIDGET (loket_window_get_page (walk->window));
  const char *name = loket_window_get_page_name (walk->window);
  g_autofree char *what = walk_describe (focus);
  gint64 ring_start;
  gboolean drawn;

  if (focus == NULL)
    g_error ("%s: nothing has the focus", name);
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (loket_window_get_keyboard (walk->window))))
    g_error ("%s: the focus is on the on-screen keyboard: %s", name, what);
  if (!gtk_widget_is_ancestor (focus, page) && focus != walk->next_button)
    g_error ("%s: the focus is outside the page, on %s", name, what);
  if (!gtk_widget_get_mapped (focus))
    g_error ("%s: the focus is on %s, which is not on screen", name, what);
  if (!gtk_widget_has_visible_focus (focus))
    g_error ("%s: %s has the focus but shows no focus ring", name, what);
  ring_start = g_get_monotonic_time ();
  drawn = ring_is_drawn (walk, focus);
  walk->ring_usec += g_get_monotonic_time () - ring_start;
  if (!drawn)
    g_error ("%s: %s has :focus-visible but nothing draws its ring", name, what);
  if (expect != NULL && strstr (what, expect) == NULL)
    g_error ("%s: the focus is on %s, expected %s", name, what, expect);
  g_test_message ("%s: focus on %s", name, what);
}


gboolean
walk_page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (loket_window_get_page_name (wait->walk->window), wait->name) == 0;
}

gboolean
walk_page_is_not (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (loket_window_get_page_name (wait->walk->window), wait->name) != 0;
}

/* Waits for the page, its transition and its focus. */
void
walk_arrive (Walk       *walk,
             const char *name,
             const char *expect_focus)
{
  PageWait wait = { walk, name };

  if (!ui_test_wait_until (walk_page_is, &wait, 30000))
    g_error ("expected page '%s', the window shows '%s'", name,
             loket_window_get_page_name (walk->window));
  /* Its crossfade over and the page drawn. */
  ui_test_wait_for_page (walk->window, name);
  walk_assert_focus (walk, expect_focus);
}

void
walk_pass_documents (Walk *walk)
{
  walk_arrive (walk, "documents", NULL);
  walk_tab_to (walk, FALSE, walk_is_widget, walk->next_button, "the documents page's Next");
  walk_press_leaving (walk, XK_Return, FALSE);
}

gboolean
walk_is_widget (GtkWidget     *focus,
                gconstpointer  data)
{
  return focus == data;
}

/* Tab (or Shift+Tab) until the focus is where match says, as a citizen looking at the
 * screen would; fails when it never gets there (an unreachable widget). Returns the
 * number of keys it took. */
guint
walk_tab_to (Walk          *walk,
             gboolean       backward,
             FocusMatch     match,
             gconstpointer  data,
             const char    *what)
{
  for (guint n = 0; n < 120; n++)
    {
      GtkWidget *focus = walk_focus (walk);

      if (focus != NULL && match (focus, data))
        return n;
      if (focus != NULL &&
          gtk_widget_is_ancestor (focus, GTK_WIDGET (loket_window_get_keyboard (walk->window))))
        {
          g_autofree char *where = walk_describe (focus);

          g_error ("Tab went into the on-screen keyboard: %s", where);
        }
      walk_press (walk, XK_Tab, backward);
    }
  g_error ("%s: Tab never reaches %s", loket_window_get_page_name (walk->window), what);
  return 0;
}

/* The focused button shows label (a tile: any of its labels). */
gboolean
walk_is_button_labelled (GtkWidget     *focus,
                         gconstpointer  data)
{
  return GTK_IS_BUTTON (focus) &&
         (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (focus)), data) == 0 ||
          ui_test_find_label (focus, data) != NULL);
}

/* Presses a key and waits for the page to change from the one shown. */
void
walk_press_leaving (Walk    *walk,
                    KeySym   keysym,
                    gboolean shift)
{
  g_autofree char *name = g_strdup (loket_window_get_page_name (walk->window));
  PageWait wait = { walk, name };

  walk_press (walk, keysym, shift);
  if (!ui_test_wait_until (walk_page_is_not, &wait, 30000))
    g_error ("%s: the key did not leave the page", name);
}

