/* key-walk.h — a citizen's physical keyboard for widget tests: real key events through X
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are sent with XTest to the X server, which hands them to the kiosk's window as a
 * keyboard's would; each call returns once GTK has handled the key. The rest reads where the
 * focus is and whether its ring is on screen, as a citizen's eyes would.
 */
#pragma once

#include <gtk/gtk.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

#include "ui-test-util.h"

G_BEGIN_DECLS

typedef struct {
  UiTestEnv   *env;
  LoketWindow *window;
  Display     *dpy;
  KeyCode      shift;
  GtkWidget   *next_button;   /* the footer's main action */
  guint        n_keys;        /* keys pressed, Shift not counted */
  guint        n_events;      /* X key events sent: presses and releases, Shift's too */
  guint        n_sent;        /* key releases sent */
  guint        n_seen;        /* key releases GTK delivered to the window */
  gint64       key_usec;      /* spent sending keys until GTK had handled them */
  gint64       ring_usec;     /* spent reading focus rings back from the screen */
} Walk;

/* A window of the kiosk (1080x1920) on env's session, with the X server's keyboard focus;
 * walk->dpy is NULL (and the test skipped) where real key events cannot be sent. */
Walk       *walk_new                 (UiTestEnv     *env);
/* The same for a window of env's session made by the test (a kiosk's, for one). */
Walk       *walk_new_for_window      (UiTestEnv     *env,
                                      LoketWindow   *window);
void        walk_free                (Walk          *walk);

/* One key (Shift held around it if asked), or text key by key (ASCII, Shift where the
 * character is on a key's shifted level); they return once GTK has handled every key. */
void        walk_press               (Walk          *walk,
                                      KeySym         keysym,
                                      gboolean       shift);
void        walk_type                (Walk          *walk,
                                      const char    *text);
/* One key with Control, Shift and Alt held as modifiers ask (GDK_*_MASK); FALSE when the
 * window did not get every key's release (something else took the keyboard). */
gboolean    walk_press_chord         (Walk          *walk,
                                      KeySym         keysym,
                                      GdkModifierType modifiers);
/* A key that must leave the page shown (within 30 s). */
void        walk_press_leaving       (Walk          *walk,
                                      KeySym         keysym,
                                      gboolean       shift);

GtkWidget  *walk_focus               (Walk          *walk);
/* The entry whose text has the focus, or NULL. */
GtkWidget  *walk_focused_entry       (Walk          *walk);
/* "GtkButton “Start” in LoketWelcomePage", for messages. */
char       *walk_describe            (GtkWidget     *widget);

/* The focus is on something of the page (or the footer's main action), on screen and in
 * sight, with its ring drawn; never on nothing, the header or the on-screen keyboard.
 * expect (or NULL): a part of walk_describe () of the focus. */
void        walk_assert_focus        (Walk          *walk,
                                      const char    *expect);
/* Waits for the page (30 s), then walk_assert_focus (). */
void        walk_arrive              (Walk          *walk,
                                      const char    *name,
                                      const char    *expect_focus);

typedef struct {
  Walk       *walk;
  const char *name;
} PageWait;

/* "What you will need", after choose: waits for it, Tab to its main button, Enter. */
void        walk_pass_documents      (Walk          *walk);
gboolean    walk_page_is             (gpointer       page_wait);
gboolean    walk_page_is_not         (gpointer       page_wait);

typedef gboolean (*FocusMatch) (GtkWidget *focus, gconstpointer data);

/* Tab (Shift+Tab if backward) until match holds for the focus; fails when Tab never gets
 * there or goes into the on-screen keyboard. Returns the keys it took. */
guint       walk_tab_to              (Walk          *walk,
                                      gboolean       backward,
                                      FocusMatch     match,
                                      gconstpointer  data,
                                      const char    *what);
gboolean    walk_is_widget           (GtkWidget     *focus,
                                      gconstpointer  widget);
/* A button showing the label (a tile: any of its labels). */
gboolean    walk_is_button_labelled  (GtkWidget     *focus,
                                      gconstpointer  label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Walk, walk_free)

G_END_DECLS
