/* test-process.c — programs a test starts on a free loopback port
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-process.h"

#include <signal.h>
#include <sys/prctl.h>

static guint
read_port (const char *path)
{
  g_autofree char *text = NULL;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  return (guint) g_ascii_strtoull (text, NULL, 10);
}

static void
end_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
test_process_end_with_test (GSubprocessLauncher *launcher)
{
  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
}

GSubprocess *
test_process_spawn_on_port (GSubprocessLauncher *launcher,
                            const char * const  *argv,
                            const char          *port_file,
                            guint               *port,
                            const char          *tls_port_file,
                            guint               *tls_port)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  *port = 0;
  if (tls_port != NULL)
    *tls_port = 0;
  for (guint i = 0; i < 2000; i++)
    {
      *port = read_port (port_file);
      if (tls_port != NULL)
        *tls_port = read_port (tls_port_file);
      if (*port != 0 && (tls_port_file == NULL || *tls_port != 0))
        break;
      /* The identifier goes once the process has ended: it refused to start. */
      g_assert_nonnull (g_subprocess_get_identifier (process));
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (*port, !=, 0);
  g_assert_true (tls_port_file == NULL || *tls_port != 0);
  return process;
}

char *
test_process_sim_program (void)
{
  const char *build = g_getenv ("LOKET_BUILD_DIR");

  if (build != NULL)
    return g_build_filename (build, "tests", "agency-sim", "loket-agency-sim", NULL);
  return g_build_filename (LOKET_TEST_BUILDDIR, "agency-sim", "loket-agency-sim", NULL);
}

void
test_process_sim_sanitizer (GSubprocessLauncher *launcher,
                            gboolean             check_leaks)
{
  g_autofree char *asan = NULL;
  g_autofree char *lsan = NULL;

  if (g_getenv ("ASAN_OPTIONS") == NULL)
    return;
  asan = g_strconcat (g_getenv ("ASAN_OPTIONS"), ":fast_unwind_on_malloc=0",
                      check_leaks ? "" : ":detect_leaks=0", NULL);
  lsan = g_strconcat ("suppressions=", LOKET_TEST_SRCDIR, "/agency-sim/libsoup-leaks.supp"
                      ":print_suppressions=0", NULL);
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan, TRUE);
  g_subprocess_launcher_setenv (launcher, "LSAN_OPTIONS", lsan, TRUE);
}
