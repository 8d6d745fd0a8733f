/* test-accessible-host.c — the kiosk window for the accessibility test, driven from outside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check-accessible.py walks the window's accessible tree through AT-SPI, as a screen reader
 * does, and presses its buttons there; this program only hosts the window: the agency
 * simulator, a configuration and a session (ui-test-util), a 1080×1920 window, delivery
 * started as the application would. It prints "ready PID" when the window is laid out and
 * runs until its standard input closes (the checker's end, or the checker's death). A line
 * "door" on its input makes the admin-mode gesture on the window (five taps in the corner,
 * the last held), which AT-SPI cannot; the staff member "Siti Rahma" has PIN 135792.
 * GTK_A11Y must not be "none" here: the window's accessibles go onto the AT-SPI bus.
 */
#include "config.h"

#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "loket-admin-mode.h"
#include "ui-test-util.h"

static LoketWindow *window;

static void
make_gesture (void)
{
  LoketAdminMode *mode = loket_window_get_admin_mode (window);
  guint32 t = 1000;

  for (guint i = 0; i < LOKET_ADMIN_TAPS; i++, t += 200)
    {
      loket_admin_mode_press (mode, 10, 10, t);
      if (i + 1 < LOKET_ADMIN_TAPS)
        loket_admin_mode_release (mode, t + 50);
    }
  loket_admin_mode_release (mode, t - 200 + LOKET_ADMIN_HOLD_MS);
}

static gboolean
stdin_closed_cb (int          fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  char buffer[64] = { 0 };

  /* "door" makes the gesture, anything else is ignored; end of file (or an error) ends the
   * host. */
  if ((condition & G_IO_IN) != 0 && read (fd, buffer, sizeof buffer - 1) > 0)
    {
      if (strstr (buffer, "door") != NULL)
        make_gesture ();
      return G_SOURCE_CONTINUE;
    }

  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UiTestEnv) env = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketStaff) staff = NULL;
  gboolean done = FALSE;

  ui_test_init (&argc, &argv);
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    g_error ("GTK_A11Y=none: the window would have no accessibles on the AT-SPI bus");

  /* AT-SPI actions are not input events: the idle timer must not wipe the citizen while
   * the checker reads a page. */
  env = ui_test_env_new_full (FALSE,
                              "site = Mal Pelayanan Publik Kota Contoh\n"
                              "idle-timeout = 3600",
                              NULL);
  if (!loket_session_start_delivery (env->session, &error))
    g_error ("delivery: %s", error->message);

  staff = loket_staff_new_for_config (env->config);
  if (!loket_staff_add (staff, "test", "Siti Rahma", "135792", "135792", &error))
    g_error ("staff: %s", error->message);
  window = ui_test_window_new (env, 1080, 1920);
  g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, &done);

  g_print ("ready %d\n", (int) getpid ());
  fflush (stdout);

  while (!done)
    ui_test_wait_until (is_true, &done, 60000);

  ui_test_window_destroy (window);
  return 0;
}
