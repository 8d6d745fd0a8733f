/* keyboard-test.h — what the on-screen keyboard's tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only (static functions), as pages-test.h: windows of a kiosk's size, pressing keys
 * as a finger does, and screenshots.
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-keyboard.h"
#include "ui-test-util.h"

/* Lets the main loop run for a while, so that frames are laid out and idles have run. */
G_GNUC_UNUSED static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

G_GNUC_UNUSED static GtkWindow *
kiosk_window (int width,
              int height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_widget_add_css_class (GTK_WIDGET (window), "loket");
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_resizable (window, FALSE);

  return window;
}

G_GNUC_UNUSED static void
present_and_wait (GtkWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  ui_test_wait_frame (GTK_WIDGET (window));
}

/* Waits until widget is in the same place two frames running: the keyboard has taken (or
 * given back) its part of the window and a scroller has brought the focused field into
 * view. Fails when it keeps moving. */
G_GNUC_UNUSED static void
keyboard_test_wait_still (GtkWidget *window,
                          GtkWidget *widget)
{
  graphene_rect_t before = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  for (guint i = 0; i < 50; i++)
    {
      graphene_rect_t now = GRAPHENE_RECT_INIT (0, 0, 0, 0);

      ui_test_wait_frame (window);
      if (gtk_widget_get_mapped (widget))
        g_assert_true (gtk_widget_compute_bounds (widget, window, &now));
      if (i > 0 && graphene_rect_equal (&now, &before))
        return;
      before = now;
    }
  g_error ("a widget keeps moving on the screen");
}

/* The key of a layout that types @text, or NULL. */
G_GNUC_UNUSED static GtkWidget *
find_key (LoketKeyboard     *kbd,
          LoketKeyboardKind  kind,
          const char        *action,
          const char        *text)
{
  g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (kbd, kind);

  for (guint i = 0; i < keys->len; i++)
    {
      GtkActionable *key = g_ptr_array_index (keys, i);
      GVariant *target = gtk_actionable_get_action_target_value (key);

      if (g_strcmp0 (gtk_actionable_get_action_name (key), action) != 0)
        continue;
      if (text == NULL ||
          (target != NULL && g_str_equal (g_variant_get_string (target, NULL), text)))
        return GTK_WIDGET (key);
    }

  return NULL;
}

/* Presses a key as a finger does: the button, which activates its action. */
G_GNUC_UNUSED static void
tap (LoketKeyboard     *kbd,
     LoketKeyboardKind  kind,
     const char        *action,
     const char        *text)
{
  GtkWidget *key = find_key (kbd, kind, action, text);

  if (key == NULL)
    g_error ("no key %s '%s' in layout %d", action, text ? text : "", kind);
  g_signal_emit_by_name (key, "clicked");
}

/* Types @text with the text layout's keys, through the keyboard's actions: capitals with
 * a one-shot shift, as a citizen would. */
G_GNUC_UNUSED static void
type_with_actions (LoketKeyboard *kbd,
                   const char    *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char lower[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_tolower (c), lower);

      /* Every character typed has its own key in the layout. */
      g_assert_nonnull (find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", lower));

      if (g_unichar_isupper (c))
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL));
          g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_ONCE);
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.type", "s", lower));
      g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_OFF);
    }
}

G_GNUC_UNUSED static LoketKeyboard *
keyboard_for (GtkWidget         *entry,
              LoketKeyboardKind  kind)
{
  LoketKeyboard *kbd = LOKET_KEYBOARD (g_object_ref_sink (loket_keyboard_new ()));

  loket_keyboard_set_target (kbd, GTK_EDITABLE (entry));
  loket_keyboard_set_kind (kbd, kind);

  return kbd;
}

/* Saves what widget shows as $LOKET_TEST_OUTPUT/name. */
G_GNUC_UNUSED static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("LOKET_TEST_OUTPUT");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    {
      g_test_message ("LOKET_TEST_OUTPUT is not set: no screenshot %s", name);
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);

  /* The paintable shows what the widget last drew: after a change of theme, that is
   * only there once a frame has been painted. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint tries = 0; tries < 50; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        break;
      ui_test_wait_frame (widget);
      g_object_unref (paintable);
      paintable = gtk_widget_paintable_new (widget);
    }
  if (node == NULL)
    g_error ("nothing to render for %s: %d×%d, mapped %d, window %d×%d", name, width, height,
             gtk_widget_get_mapped (widget),
             gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (widget))),
             gtk_widget_get_height (GTK_WIDGET (gtk_widget_get_root (widget))));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);
  g_test_message ("screenshot: %s", path);
}

