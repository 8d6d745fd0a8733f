/* test-admin.c — the way into staff admin mode: the gesture, the names, the PIN pad, the
 * lockout it shows, the shell behind it and how admin mode always ends at Welcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "loket-admin-login-page.h"
#include "loket-admin-mode.h"
#include "loket-admin-page.h"
#include "loket-speech-label.h"
#include "ui-test-util.h"

typedef struct {
  UiTestEnv      *env;
  LoketWindow    *window;
  LoketAdminMode *mode;
  LoketStaff     *staff;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->env = ui_test_env_new (NULL);
  f->staff = loket_staff_new_for_config (f->env->config);
  g_assert_true (loket_staff_add (f->staff, "test", "Siti Rahma", "135792", "135792", &error));
  g_assert_no_error (error);
  g_assert_true (loket_staff_add (f->staff, "test", "Budi", "246813", "246813", &error));
  f->window = ui_test_window_new (f->env, 1080, 1920);
  f->mode = loket_window_get_admin_mode (f->window);
  g_assert_nonnull (f->mode);
  /* The kiosk starts in Indonesian; these tests read the English words. */
  ui_test_activate (f->window, "flow.language", "s", "en");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_test_window_destroy (f->window);
  g_clear_object (&f->staff);
  ui_test_env_free (f->env);
}

static const char *
page_name (Fixture *f)
{
  return loket_window_get_page_name (f->window);
}

/* Taps at (x, y) at the given times (ms, from a base of their own, so no sequence runs into
 * the one before), the last released release_after ms after it was pressed (0: held). */
static void
taps (Fixture       *f,
      double         x,
      double         y,
      const guint32 *times,
      guint          n,
      guint32        release_after)
{
  static guint32 base = 100000;

  base += 100000;
  for (guint i = 0; i < n; i++)
    {
      loket_admin_mode_press (f->mode, x, y, base + times[i]);
      if (i + 1 < n)
        loket_admin_mode_release (f->mode, base + times[i] + 60);
    }
  if (release_after != 0)
    loket_admin_mode_release (f->mode, base + times[n - 1] + release_after);
}

/* How many labels under root show exactly text. */
static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    if (GTK_IS_LABEL (all->pdata[i]) &&
        g_strcmp0 (gtk_label_get_text (all->pdata[i]), text) == 0)
      n++;
  return n;
}

/* The hold is timed by a real 1 s timer: nothing may open within a while after it. */
static void
assert_stays (Fixture    *f,
              const char *page)
{
  ui_test_pump (LOKET_ADMIN_HOLD_MS + 500);
  g_assert_cmpstr (page_name (f), ==, page);
}

static const guint32 quick[] = { 1000, 1300, 1600, 1900, 2200 };

static void
test_gesture_opens (Fixture       *f,
                    gconstpointer  data)
{
  LoketPage *page;

  g_assert_cmpstr (page_name (f), ==, "welcome");
  taps (f, 20, 30, quick, 5, 0);
  UI_TEST_WAIT_UNTIL (g_strcmp0 (page_name (f), "admin-login") == 0, 5000);
  page = loket_window_get_page (f->window);
  /* The staff file is read in a worker thread: the names come when it is read. */
  UI_TEST_WAIT_UNTIL (ui_test_find_button (GTK_WIDGET (page), "Budi") != NULL, 10000);
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (page), "Siti Rahma"));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (page), "Budi"));

  /* Released after the hold, before the timer ran (a busy main loop): it opens too. */
  ui_test_activate (f->window, "flow.back", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  taps (f, 95, 95, quick, 5, LOKET_ADMIN_HOLD_MS);
  g_assert_cmpstr (page_name (f), ==, "admin-login");
}

static void
test_gesture_refused (Fixture       *f,
                      gconstpointer  data)
{
  static const guint32 slow[] = { 1000, 2000, 3000, 4000, 4500 };

  /* Too slow: five taps over 3.5 s. */
  taps (f, 20, 30, slow, 5, 0);
  assert_stays (f, "welcome");
  /* Too few. */
  taps (f, 20, 30, quick, 4, 0);
  assert_stays (f, "welcome");
  /* The last one not held. */
  taps (f, 20, 30, quick, 5, 300);
  assert_stays (f, "welcome");
  /* Outside the corner, to the right and below; and one tap of five outside. */
  taps (f, 96, 30, quick, 5, 0);
  assert_stays (f, "welcome");
  taps (f, 20, 96, quick, 5, 0);
  assert_stays (f, "welcome");
  loket_admin_mode_press (f->mode, 20, 20, 10000);
  loket_admin_mode_press (f->mode, 20, 20, 10200);
  loket_admin_mode_press (f->mode, 500, 20, 10400);
  loket_admin_mode_press (f->mode, 20, 20, 10600);
  loket_admin_mode_press (f->mode, 20, 20, 10800);
  assert_stays (f, "welcome");
}

static void
test_not_mid_flow (Fixture       *f,
                   gconstpointer  data)
{
  ui_test_activate (f->window, "flow.next", NULL);
  ui_test_wait_for_page (f->window, "choose");

  taps (f, 20, 30, quick, 5, 0);
  assert_stays (f, "choose");
  /* Nor any other way. */
  ui_test_activate (f->window, "flow.goto", "s", "admin-login");
  g_assert_cmpstr (page_name (f), ==, "choose");
  ui_test_activate (f->window, "flow.goto", "s", "admin");
  g_assert_cmpstr (page_name (f), ==, "choose");

  /* On Welcome, the shell still needs someone signed in. */
  ui_test_activate (f->window, "flow.restart", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  ui_test_activate (f->window, "flow.goto", "s", "admin");
  g_assert_cmpstr (page_name (f), ==, "welcome");
}

static LoketAdminLoginPage *login_page (Fixture *f);

/* The sign-out's audit line is written (and synced) in a worker thread: tests wait for it. */
static guint
audit_lines (Fixture *f)
{
  g_autoptr(GPtrArray) entries =
    loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);

  return entries != NULL ? entries->len : 0;
}

static gboolean
last_is_logout (Fixture *f)
{
  g_autoptr(GPtrArray) entries =
    loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);

  return entries != NULL && entries->len > 0 &&
         g_str_equal (((LoketAuditEntry *) entries->pdata[entries->len - 1])->action, "logout");
}

static void
open_pad (Fixture    *f,
          const char *name)
{
  taps (f, 10, 10, quick, 5, LOKET_ADMIN_HOLD_MS);
  ui_test_wait_for_page (f->window, "admin-login");
  ui_test_activate (f->window, "admin.choose", "s", name);
  /* The lockout is read in a worker thread; the pad opens when it is known. */
  UI_TEST_WAIT_UNTIL (!loket_admin_login_page_is_reading (login_page (f)), 10000);
}

static void
type_pin (Fixture    *f,
          const char *pin)
{
  for (const char *p = pin; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };

      ui_test_activate (f->window, "admin.key", "s", key);
    }
  ui_test_activate (f->window, "admin.key", "s", "enter");
}

static LoketAdminLoginPage *
login_page (Fixture *f)
{
  return LOKET_ADMIN_LOGIN_PAGE (loket_window_get_page (f->window));
}

static void
test_pin_pad (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  LoketAdminLoginPage *page;
  GtkWidget *shell;

  open_pad (f, "Siti Rahma");
  page = login_page (f);
  g_assert_true (loket_admin_login_page_is_pad_open (page));

  /* Digits show as dots, Backspace takes one back. */
  ui_test_activate (f->window, "admin.key", "s", "1");
  ui_test_activate (f->window, "admin.key", "s", "3");
  ui_test_activate (f->window, "admin.key", "s", "back");
  g_assert_cmpuint (loket_admin_login_page_get_pin_length (page), ==, 1);
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), "●", NULL));
  ui_test_activate (f->window, "admin.key", "s", "back");

  /* Budi's PIN is not Siti's: "Wrong PIN", nothing more. */
  type_pin (f, "246813");
  UI_TEST_WAIT_UNTIL (!g_str_equal (loket_admin_login_page_get_status (page), "Checking…"), 10000);
  g_assert_cmpstr (loket_admin_login_page_get_status (page), ==, "Wrong PIN");
  g_assert_cmpuint (loket_admin_login_page_get_pin_length (page), ==, 0);
  g_assert_cmpstr (page_name (f), ==, "admin-login");

  type_pin (f, "135792");
  ui_test_wait_for_page (f->window, "admin");
  g_assert_cmpstr (loket_admin_mode_get_name (f->mode), ==, "Siti Rahma");
  shell = GTK_WIDGET (loket_window_get_page (f->window));
  /* The kiosk's id and version are rows of the status board (once, after its first read). */
  UI_TEST_WAIT_UNTIL (ui_test_tree_contains (shell, f->env->config->kiosk_id, NULL), 10000);
  g_assert_true (ui_test_tree_contains (shell, PACKAGE_VERSION, NULL));
  g_assert_cmpuint (count_labels (shell, "Kiosk"), ==, 1);
  g_assert_cmpuint (count_labels (shell, "Version"), ==, 1);
  g_assert_true (ui_test_tree_contains (shell, "Siti Rahma", NULL));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (f->window), "Exit"));

  /* Exit: Welcome, nobody in, and the audit log says it all. */
  ui_test_activate (f->window, "flow.next", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  g_assert_null (loket_admin_mode_get_name (f->mode));
  /* The sign-out's line is written (and synced) in a worker thread. */
  UI_TEST_WAIT_UNTIL (audit_lines (f) == 5, 10000);
  entries = loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[2])->action, ==, "wrong-pin");
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[3])->action, ==, "login");
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[4])->action, ==, "logout");
  g_assert_cmpstr (((LoketAuditEntry *) entries->pdata[4])->staff, ==, "Siti Rahma");
}

/* A boot clock that stands still: a lockout's wait stays as it was. */
static void
frozen_clock (LoketStaffClock *clock,
              gpointer         user_data)
{
  *clock = *(const LoketStaffClock *) user_data;
}

static void
test_lockout_shown (Fixture       *f,
                    gconstpointer  data)
{
  LoketAdminLoginPage *page;
  LoketStaffClock frozen;

  /* Five free wrong PINs elsewhere (loketctl would count the same), then the pad's own. */
  for (guint i = 0; i < LOKET_STAFF_FREE_FAILURES; i++)
    g_assert_false (loket_staff_login (f->staff, "Budi", "975310", NULL, NULL));

  open_pad (f, "Budi");
  page = login_page (f);
  g_assert_true (loket_admin_login_page_is_pad_open (page));
  type_pin (f, "975310");
  UI_TEST_WAIT_UNTIL (strstr (loket_admin_login_page_get_status (page), "Try again in 0:1") != NULL,
                      10000);
  g_assert_true (g_str_has_prefix (loket_admin_login_page_get_status (page), "Wrong PIN"));
  g_assert_false (loket_admin_login_page_is_pad_open (page));
  loket_staff_read_system_clock (&frozen, NULL);
  ui_test_check_shot (f->window, 1080, 1920, "admin-pad-locked-en-portrait");

  /* The right PIN is not taken while the pad waits. */
  type_pin (f, "246813");
  g_assert_cmpuint (loket_admin_login_page_get_pin_length (page), ==, 0);
  g_assert_cmpstr (page_name (f), ==, "admin-login");

  /* Another name sees the same wait: the lockout is the kiosk's. */
  ui_test_activate (f->window, "admin.other-name", NULL);
  ui_test_activate (f->window, "admin.choose", "s", "Siti Rahma");
  UI_TEST_WAIT_UNTIL (!loket_admin_login_page_is_reading (page), 10000);
  g_assert_false (loket_admin_login_page_is_pad_open (page));
  g_assert_nonnull (strstr (loket_admin_login_page_get_status (page), "Try again in"));

  /* The same wait on a landscape screen, in both languages; its kiosk's clock stopped when
   * the pad closed, so the wait is still on however slow the machine. */
  ui_test_window_destroy (f->window);
  f->window = ui_test_window_new (f->env, 1920, 1080);
  f->mode = loket_window_get_admin_mode (f->window);
  loket_staff_set_clock (loket_admin_mode_get_staff (f->mode), frozen_clock, &frozen);
  ui_test_activate (f->window, "flow.language", "s", "en");
  open_pad (f, "Budi");
  g_assert_false (loket_admin_login_page_is_pad_open (login_page (f)));
  g_assert_nonnull (strstr (loket_admin_login_page_get_status (login_page (f)), "Try again in"));
  ui_test_check_shot (f->window, 1920, 1080, "admin-pad-locked-en-landscape");
  /* Another language shows the names again. */
  ui_test_activate (f->window, "flow.language", "s", "id");
  ui_test_activate (f->window, "admin.choose", "s", "Budi");
  UI_TEST_WAIT_UNTIL (!loket_admin_login_page_is_reading (login_page (f)), 10000);
  g_assert_false (loket_admin_login_page_is_pad_open (login_page (f)));
  ui_test_check_shot (f->window, 1920, 1080, "admin-pad-locked-id-landscape");
}

static void
sign_in (Fixture *f)
{
  open_pad (f, "Budi");
  type_pin (f, "246813");
  ui_test_wait_for_page (f->window, "admin");
}

static void
test_idle_exit (Fixture       *f,
                gconstpointer  data)
{
  LoketIdle *idle = loket_window_get_idle (f->window);

  /* The kiosk's own times first: a minute untouched, the warning included. */
  sign_in (f);
  g_assert_cmpuint (loket_idle_get_idle_ms (idle), ==,
                    (LOKET_ADMIN_IDLE_SECONDS - LOKET_IDLE_MIN_WARNING_SECONDS) * 1000);
  g_assert_true (loket_idle_get_enabled (idle));
  ui_test_activate (f->window, "flow.next", NULL);
  ui_test_wait_for_page (f->window, "welcome");

  /* Then shortened: a warning with its countdown, then Welcome. */
  loket_window_set_idle_timeouts_ms (f->window, 300, 1500);
  sign_in (f);
  UI_TEST_WAIT_UNTIL (loket_idle_is_warning (idle), 5000);
  g_assert_cmpstr (page_name (f), ==, "admin");
  UI_TEST_WAIT_UNTIL (g_strcmp0 (page_name (f), "welcome") == 0, 5000);
  g_assert_null (loket_admin_mode_get_name (f->mode));

  /* The name list alone times out too. */
  taps (f, 10, 10, quick, 5, LOKET_ADMIN_HOLD_MS);
  ui_test_wait_for_page (f->window, "admin-login");
  UI_TEST_WAIT_UNTIL (g_strcmp0 (page_name (f), "welcome") == 0, 5000);
}

static void
test_longest_visit (Fixture       *f,
                    gconstpointer  data)
{
  loket_admin_mode_set_max_ms (f->mode, 800);
  sign_in (f);
  /* However busy staff are: the cap ends it. */
  UI_TEST_WAIT_UNTIL (g_strcmp0 (page_name (f), "welcome") == 0, 5000);
  g_assert_null (loket_admin_mode_get_name (f->mode));
  UI_TEST_WAIT_UNTIL (last_is_logout (f), 10000);
}

/* Every control of these screens says what it is: a label, or an accessible one. */
static void
assert_named (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *widget = all->pdata[i];

      if (GTK_IS_BUTTON (widget))
        {
          /* Its own label, or (a button holding an icon and a label, as Listen does) the
           * accessible name set through loket_speech_label_set(). */
          g_autofree char *label = g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));

          if (label == NULL)
            label = loket_speech_label_dup_name (widget);
          g_assert_true (label != NULL && *label != '\0');
        }
    }
}

/* The door's screens, checked as the citizen screenshots are (ui_test_check_shot). */
static void
screenshots (Fixture    *f,
             const char *orientation,
             const char *language)
{
  g_autofree char *names = g_strdup_printf ("admin-names-%s-%s", language, orientation);
  g_autofree char *pad = g_strdup_printf ("admin-pad-%s-%s", language, orientation);
  g_autofree char *shell = g_strdup_printf ("admin-shell-%s-%s", language, orientation);
  GtkWidget *window = GTK_WIDGET (f->window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  taps (f, 10, 10, quick, 5, LOKET_ADMIN_HOLD_MS);
  ui_test_wait_for_page (f->window, "admin-login");
  UI_TEST_WAIT_UNTIL (!loket_admin_login_page_is_reading (login_page (f)), 10000);
  assert_named (GTK_WIDGET (loket_window_get_page (f->window)));
  ui_test_check_shot (f->window, width, height, names);

  ui_test_activate (f->window, "admin.choose", "s", "Siti Rahma");
  UI_TEST_WAIT_UNTIL (!loket_admin_login_page_is_reading (login_page (f)), 10000);
  ui_test_activate (f->window, "admin.key", "s", "1");
  ui_test_activate (f->window, "admin.key", "s", "3");
  ui_test_check_shot (f->window, width, height, pad);

  ui_test_activate (f->window, "admin.key", "s", "back");
  ui_test_activate (f->window, "admin.key", "s", "back");
  type_pin (f, "135792");
  ui_test_wait_for_page (f->window, "admin");
  if (g_str_equal (language, "id"))
    g_assert_nonnull (ui_test_find_label (window, "Mode admin"));
  assert_named (window);
  ui_test_check_shot (f->window, width, height, shell);
  ui_test_activate (f->window, "flow.next", NULL);
  ui_test_wait_for_page (f->window, "welcome");
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  screenshots (f, "portrait", "en");
  ui_test_activate (f->window, "flow.language", "s", "id");
  screenshots (f, "portrait", "id");

  ui_test_activate (f->window, "flow.language", "s", "en");
  ui_test_window_destroy (f->window);
  f->window = ui_test_window_new (f->env, 1920, 1080);
  f->mode = loket_window_get_admin_mode (f->window);
  ui_test_activate (f->window, "flow.language", "s", "id");
  screenshots (f, "landscape", "id");
  ui_test_activate (f->window, "flow.language", "s", "en");
  screenshots (f, "landscape", "en");
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin/gesture/opens", test_gesture_opens);
  ADD ("/admin/gesture/refused", test_gesture_refused);
  ADD ("/admin/gesture/not-mid-flow", test_not_mid_flow);
  ADD ("/admin/pin-pad", test_pin_pad);
  ADD ("/admin/lockout-shown", test_lockout_shown);
  ADD ("/admin/idle-exit", test_idle_exit);
  ADD ("/admin/longest-visit", test_longest_visit);
  ADD ("/admin/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
