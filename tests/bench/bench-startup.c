/* bench-startup.c — how fast the kiosk shows Welcome, and whether citizen sessions leak
 *
 * (1) Start-up: the program re-executes itself (/proc/self/exe --child …) so that every
 *     start is a fresh process. Measured from the parent's clock just before it spawns the
 *     child (so exec, linking and gtk_init count) to the first frame clock "after-paint" of
 *     the mapped window: a LoketWindow on Welcome (configuration loaded, session made,
 *     window built in the child) against a bare GtkWindow with one label, the same size,
 *     alternated, one warm-up start each, then ROUNDS each. The child also reports the time
 *     from just before it loads the configuration / makes the session / builds the window
 *     (after gtk_init; a bare window: just before creating it), printed as a second line.
 *     Goal: median loket / median bare <= 1.3.
 * (2) Memory: VmRSS of this process after 1 citizen session and after 50 (a session: choose
 *     the "birth" life event, go to the first form page, type into its first fields, then
 *     flow.restart — the idle wipe). Goal: growth < 3 MB.
 *
 * Needs a display: meson runs it through tests/with-display, GSK_RENDERER=cairo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench"

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>

#include "core/loket-i18n.h"
#include "loket-choose-page.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "../ui/ui-test-util.h"

#define ROUNDS 7
#define SESSIONS 50
#define WIDTH 1080
#define HEIGHT 1920

/* ---- the child: one start ---------------------------------------------------------- */

typedef struct {
  GtkWidget *window;
  gboolean   loket;
  gint64     painted;
} Child;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  Child *child = user_data;

  if (child->painted != 0 || !gtk_widget_get_mapped (child->window))
    return;
  if (child->loket &&
      g_strcmp0 (loket_window_get_page_name (LOKET_WINDOW (child->window)), "welcome") != 0)
    return;
  child->painted = g_get_monotonic_time ();
}

static int
child_main (const char *kind,
            const char *config_path)
{
  gint64 created;
  Child child = { 0 };
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GdkFrameClock *clock;
  gint64 deadline;

  child.loket = g_str_equal (kind, "loket");
  if (child.loket)
    {
      /* What the kiosk does before its window: app/loket.c and the application's startup. */
      loket_i18n_init ();
      gtk_init ();
      loket_ui_init_styles ();
      created = g_get_monotonic_time ();
      config = loket_config_load (config_path, &error);
      g_assert_no_error (error);
      session = loket_session_new (config, &error);
      g_assert_no_error (error);
      child.window = GTK_WIDGET (loket_window_new_with_session (NULL, session, FALSE));
    }
  else
    {
      gtk_init ();
      created = g_get_monotonic_time ();
      child.window = gtk_window_new ();
      gtk_window_set_child (GTK_WINDOW (child.window), gtk_label_new ("Selamat datang"));
    }

  gtk_window_set_default_size (GTK_WINDOW (child.window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (child.window));
  clock = gtk_widget_get_frame_clock (child.window);
  g_assert_nonnull (clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &child);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (child.painted == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (child.painted, !=, 0);

  printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", created, child.painted);
  fflush (stdout);
  g_signal_handlers_disconnect_by_data (clock, &child);
  gtk_window_destroy (GTK_WINDOW (child.window));
  return 0;
}

/* ---- the parent ------------------------------------------------------------------ */

/* Seconds from spawn to first frame (total) and from just before creation (create). */
static void
start_once (const char *kind,
            const char *config_path,
            double     *total,
            double     *create)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "/proc/self/exe", "--child", kind, config_path, NULL };
  gint64 spawned, created = 0, painted = 0;

  spawned = g_get_monotonic_time ();
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_cmpint (sscanf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &created, &painted),
                   ==, 2);
  *total = (painted - spawned) / (double) G_USEC_PER_SEC;
  *create = (painted - created) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
bench_startup (const char *config_path)
{
  double bare_total[ROUNDS], bare_create[ROUNDS], loket_total[ROUNDS], loket_create[ROUNDS];
  double ignored, ignored2, bare, loket, bare_c, loket_c;

  /* Warm-up: the first start pays for the page cache and the X server's first client. */
  start_once ("bare", config_path, &ignored, &ignored2);
  start_once ("loket", config_path, &ignored, &ignored2);
  for (guint i = 0; i < ROUNDS; i++)
    {
      start_once ("bare", config_path, &bare_total[i], &bare_create[i]);
      start_once ("loket", config_path, &loket_total[i], &loket_create[i]);
    }
  bare = median (bare_total, ROUNDS);
  loket = median (loket_total, ROUNDS);
  bare_c = median (bare_create, ROUNDS);
  loket_c = median (loket_create, ROUNDS);
  printf ("startup: bare %.3f s, loket %.3f s, ratio %.2f (goal <= 1.3) "
          "[process spawn to first after-paint, median of %d starts each, %dx%d]\n",
          bare, loket, loket / bare, ROUNDS, WIDTH, HEIGHT);
  printf ("startup (from just before window / config+session+window creation, after "
          "gtk_init): bare %.3f s, loket %.3f s, ratio %.2f\n",
          bare_c, loket_c, loket_c / bare_c);
  fflush (stdout);
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10) / 1024.0;
}

static void
one_session (LoketWindow *window)
{
  static const char *values[] = { "3273015203920002", "Siti Aminah", "081234567890" };
  LoketPage *page;
  GPtrArray *fields;
  guint typed = 0;

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  page = loket_window_get_page (window);
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (page), "birth"), "clicked");
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "form:applicant");
  page = loket_window_get_page (window);
  g_assert_true (LOKET_IS_FORM_PAGE (page));

  fields = loket_form_page_get_fields (LOKET_FORM_PAGE (page));
  for (guint i = 0; i < fields->len && typed < G_N_ELEMENTS (values); i++)
    {
      GtkWidget *row = g_ptr_array_index (fields, i);
      GtkWidget *entry;

      if (!LOKET_IS_FIELD_ROW (row))
        continue;
      entry = loket_field_row_get_entry (LOKET_FIELD_ROW (row));
      if (entry == NULL || !GTK_IS_EDITABLE (entry))
        continue;
      ui_test_type (entry, values[typed++]);
    }
  g_assert_cmpuint (typed, >, 0);
  ui_test_pump (20);

  ui_test_activate (window, "flow.restart", NULL);
  ui_test_wait_for_page (window, "welcome");
  ui_test_pump (20);
}

static void
bench_sessions (UiTestEnv *env)
{
  LoketWindow *window = ui_test_window_new (env, WIDTH, HEIGHT);
  double after_one, after_all, heap_one, heap_all;

  one_session (window);
  ui_test_pump (200);
  after_one = rss_mb ();
  heap_one = mallinfo2 ().uordblks / (1024.0 * 1024.0);
  for (guint i = 1; i < SESSIONS; i++)
    one_session (window);
  ui_test_pump (200);
  after_all = rss_mb ();
  heap_all = mallinfo2 ().uordblks / (1024.0 * 1024.0);
  printf ("rss: after 1 session %.1f MB, after %d sessions %.1f MB, growth %.1f MB "
          "(goal < 3 MB)\n", after_one, SESSIONS, after_all, after_all - after_one);
  /* Diagnosis, after the measurement: live malloc bytes (a leak grows them), and RSS once
   * free memory is handed back (what is left of the growth is not fragmentation). */
  malloc_trim (0);
  printf ("rss detail: malloc in use after 1 session %.1f MB, after %d %.1f MB (growth %.1f MB); "
          "RSS after malloc_trim %.1f MB\n", heap_one, SESSIONS, heap_all, heap_all - heap_one,
          rss_mb ());
  fflush (stdout);
  ui_test_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(UiTestEnv) env = NULL;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  ui_test_init (&argc, &argv);
  /* Configuration and session without the simulator: nothing here sends anything. The
   * parent's session is dropped while the children open the same outbox. */
  env = ui_test_env_new_full (TRUE, NULL, NULL);
  g_clear_object (&env->session);
  bench_startup (env->config_path);

  env->session = loket_session_new (env->config, NULL);
  g_assert_nonnull (env->session);
  bench_sessions (env);
  return 0;
}
