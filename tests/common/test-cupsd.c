/* test-cupsd.c — a private CUPS scheduler for tests
 *
 * Debian 12's cupsd (CUPS 2.4.2) runs in the foreground (-f) on a cupsd.conf and a
 * cups-files.conf of our own (-c, -s) that put everything it writes in a temporary folder:
 * ServerRoot (printers.conf, ppd/), RequestRoot, TempDir, CacheDir, StateDir and the logs.
 * What bit, checked here:
 * - cupsd starts every filter and backend through ServerBin/daemon/cups-exec, so a private
 *   ServerBin holding only backend/testbackend must also link daemon/cups-exec; without it
 *   the error_log blames the backend ("Unable to fork …/testbackend - No such file").
 * - Run as root, cupsd refuses a backend (and its folder) that is not root's or that others
 *   may write, and runs one of mode 0700 as root (else as lp, who could not write our
 *   folder). cupsd also runs as an ordinary user; it then runs everything as that user.
 * - `lpadmin -p Q -E -v URI` with neither -m nor -P makes a raw queue without a word;
 *   `-m raw` still works but warns that raw queues are deprecated. -E after -p enables the
 *   queue and accepts jobs (before -p it means encryption).
 * - A raw queue hands the backend the spool file as argv[6] (not on standard input).
 * - The scheduler drops offline-report from printer-state-reasons when a job ends (its
 *   backends report it while they wait for the printer); every other reason a backend sets
 *   stays until a backend removes it ("STATE: -reason") or clears all ("STATE: none").
 * - cups-daemon ships an AppArmor profile for /usr/sbin/cupsd that would not let it run a
 *   backend from a temporary folder where AppArmor is enforced; a copy of the program is not
 *   confined (profiles attach by path), so the test runs one. (The machine this was written
 *   on runs without AppArmor: the copy is checked to work, the confinement is not.)
 * - When its Listen port is taken, cupsd logs "Unable to open listen socket" and runs on
 *   without it, even with FatalErrors listen: read the error_log, not just the port.
 * - Without JobPrivateAccess and friends in the policy it warns once, harmlessly; a missing
 *   /usr/share/cups/banners (cups-filters is not installed) is logged as an error, harmlessly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-cupsd.h"
#include "test-process.h"
#include "test-tree.h"

#define TEST_CUPSD_WAIT_US (20 * G_USEC_PER_SEC)
#define CUPS_EXEC "/usr/lib/cups/daemon/cups-exec"

struct _TestCupsd {
  char        *dir;
  char        *server;
  GSubprocess *process;
  GHashTable  *taken;     /* queue → the last job id taken (GUINT_TO_POINTER) */
};

/* Reports the states the test asked for, then keeps the job's bytes and title in the queue's
 * folder (DEVICE_URI testbackend:FOLDER). With no arguments it lists its device, as backends
 * must for cups-deviced. */
static const char backend_script[] =
  "#!/bin/sh\n"
  "# The test backend of Loket's tests/common/test-cupsd.c.\n"
  "if [ $# -eq 0 ]; then\n"
  "  echo 'direct testbackend \"Unknown\" \"Loket test backend\"'\n"
  "  exit 0\n"
  "fi\n"
  "out=${DEVICE_URI#testbackend:}\n"
  "if [ -f \"$out/states\" ]; then\n"
  "  mv \"$out/states\" \"$out/$1.states\"\n"
  "  while IFS= read -r state; do\n"
  "    if [ \"$state\" = @hold ]; then\n"
  "      while [ ! -f \"$out/release\" ]; do sleep 0.05; done\n"
  "      rm -f \"$out/release\"\n"
  "    else\n"
  "      echo \"STATE: $state\" >&2\n"
  "    fi\n"
  "  done < \"$out/$1.states\"\n"
  "fi\n"
  "printf '%s' \"$3\" > \"$out/$1.title\"\n"
  "if [ -n \"$6\" ]; then cat -- \"$6\"; else cat; fi > \"$out/$1.part\" || exit 1\n"
  "mv \"$out/$1.part\" \"$out/$1.job\"\n";

/* A CUPS program: on PATH, else where Debian puts the administrator's ones. */
static char *
find_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    path = g_build_filename ("/usr/sbin", name, NULL);
  return path;
}

static guint
free_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  close (fd);
  return ntohs (address.sin_port);
}

static char *
path_in (TestCupsd  *cupsd,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, cupsd->dir);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static void
make_folder (TestCupsd  *cupsd,
             const char *relative,
             int         mode)
{
  g_autofree char *path = g_build_filename (cupsd->dir, relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, mode), ==, 0);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
write_configuration (TestCupsd *cupsd,
                     guint      port)
{
  g_autofree char *conf = NULL, *files = NULL, *conf_path = NULL, *files_path = NULL;
  g_autofree char *backend = NULL, *exec_link = NULL;

  /* Only this user's processes reach a loopback port of a test machine: no authentication. */
  conf = g_strdup_printf (
    "# A private scheduler for Loket's tests (tests/common/test-cupsd.c).\n"
    "Listen 127.0.0.1:%u\n"
    "Browsing No\n"
    "WebInterface No\n"
    "LogLevel info\n"
    "FatalErrors config\n"
    "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
    "<Policy default>\n"
    "  JobPrivateAccess all\n  JobPrivateValues none\n"
    "  SubscriptionPrivateAccess all\n  SubscriptionPrivateValues none\n"
    "  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n"
    "</Policy>\n", port);
  files = g_strdup_printf (
    "ServerRoot %1$s/etc\n"
    "ServerBin %1$s/lib\n"
    "RequestRoot %1$s/spool\n"
    "TempDir %1$s/spool/tmp\n"
    "CacheDir %1$s/cache\n"
    "StateDir %1$s/run\n"
    "AccessLog %1$s/log/access_log\n"
    "ErrorLog %1$s/log/error_log\n"
    "PageLog %1$s/log/page_log\n", cupsd->dir);
  conf_path = path_in (cupsd, "cupsd.conf", NULL);
  files_path = path_in (cupsd, "cups-files.conf", NULL);
  test_tree_write (conf_path, conf, -1);
  test_tree_write (files_path, files, -1);

  backend = path_in (cupsd, "lib", "backend", "testbackend", NULL);
  if (!g_file_test (backend, G_FILE_TEST_EXISTS))
    {
      test_tree_write (backend, backend_script, -1);
      g_assert_cmpint (g_chmod (backend, 0700), ==, 0);
      exec_link = path_in (cupsd, "lib", "daemon", "cups-exec", NULL);
      g_assert_cmpint (symlink (CUPS_EXEC, exec_link), ==, 0);
    }
}

/* Runs a CUPS client program against this cupsd, untranslated; its standard output in out. */
static gboolean
run_tool (TestCupsd          *cupsd,
          const char * const *argv,
          char              **out,
          char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = find_tool (argv[0]);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, program);
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "CUPS_SERVER", cupsd->server, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_successful (process);
}

typedef enum {
  CUPSD_ANSWERS,
  CUPSD_PORT_TAKEN,   /* between free_port () and cupsd's bind: try another */
  CUPSD_ENDED,
  CUPSD_SILENT,       /* no answer in 20 s */
} CupsdStart;

static gboolean
error_log_has (TestCupsd  *cupsd,
               const char *text)
{
  g_autofree char *path = path_in (cupsd, "log", "error_log", NULL);
  g_autofree char *log = NULL;

  return g_file_get_contents (path, &log, NULL, NULL) && strstr (log, text) != NULL;
}

/* cupsd keeps running when it cannot bind its port (FatalErrors listen does not end it), and
 * another test's cupsd may hold that port and answer: ours answers once its own error_log
 * says it listens. */
static CupsdStart
wait_answers (TestCupsd *cupsd)
{
  const char *lpstat[] = { "lpstat", "-r", NULL };
  g_autofree char *listening = g_strdup_printf ("Listening to %s ", cupsd->server);
  gint64 until = g_get_monotonic_time () + TEST_CUPSD_WAIT_US;

  while (g_get_monotonic_time () < until)
    {
      g_autofree char *out = NULL, *err = NULL;

      /* The identifier goes once the process has ended. */
      if (g_subprocess_get_identifier (cupsd->process) == NULL)
        return CUPSD_ENDED;
      if (error_log_has (cupsd, "Unable to open listen socket"))
        return CUPSD_PORT_TAKEN;
      if (error_log_has (cupsd, listening) && run_tool (cupsd, lpstat, &out, &err) &&
          strstr (out, "scheduler is running") != NULL)
        return CUPSD_ANSWERS;
      g_usleep (20 * 1000);
    }
  return CUPSD_SILENT;
}

static char *
error_log_tail (TestCupsd *cupsd)
{
  g_autofree char *path = path_in (cupsd, "log", "error_log", NULL);
  g_autofree char *log = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &log, &length, NULL))
    return g_strdup ("(no error_log)");
  return g_strdup (length > 600 ? log + length - 600 : log);
}

static void
stop_process (TestCupsd *cupsd)
{
  if (cupsd->process == NULL)
    return;
  g_subprocess_send_signal (cupsd->process, SIGTERM);
  g_subprocess_wait (cupsd->process, NULL, NULL);
  g_clear_object (&cupsd->process);
}

/* Debian's AppArmor profile for /usr/sbin/cupsd (enforced where AppArmor is on) lets it
 * execute backends only from its own folders, not from a temporary one. Profiles attach by
 * the program's path: a copy of cupsd runs unconfined, as a test's scheduler may. */
static char *
copy_program (TestCupsd  *cupsd,
              const char *program)
{
  g_autoptr(GFile) from = g_file_new_for_path (program);
  g_autoptr(GError) error = NULL;
  char *copy = path_in (cupsd, "sbin", "cupsd", NULL);
  g_autoptr(GFile) to = g_file_new_for_path (copy);

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (copy, 0755), ==, 0);
  return copy;
}

TestCupsd *
test_cupsd_start (char **why)
{
  static const char * const folders[] = {
    "etc", "sbin", "lib/backend", "lib/daemon", "spool/tmp", "cache", "run", "log", "queues",
  };
  const char *exec = CUPS_EXEC;
  g_autofree char *program = find_tool ("cupsd");
  g_autofree char *copy = NULL;
  TestCupsd *cupsd;
  g_autoptr(GError) error = NULL;
  CupsdStart started = CUPSD_ENDED;

  g_return_val_if_fail (why != NULL, NULL);

  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (exec, G_FILE_TEST_IS_EXECUTABLE))
    {
      *why = g_strdup_printf ("no CUPS scheduler here (%s or %s missing): install the Debian "
                              "package cups-daemon", program, exec);
      return NULL;
    }

  cupsd = g_new0 (TestCupsd, 1);
  cupsd->dir = g_dir_make_tmp ("loket-cupsd-XXXXXX", &error);
  g_assert_no_error (error);
  cupsd->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    make_folder (cupsd, folders[i], 0755);
  copy = copy_program (cupsd, program);

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autofree char *conf = path_in (cupsd, "cupsd.conf", NULL);
      g_autofree char *files = path_in (cupsd, "cups-files.conf", NULL);
      g_autofree char *output = path_in (cupsd, "log", "cupsd.out", NULL);
      g_autofree char *log = path_in (cupsd, "log", "error_log", NULL);
      guint port = free_port ();
      const char *argv[] = { copy, "-f", "-c", conf, "-s", files, NULL };

      g_remove (log);
      write_configuration (cupsd, port);
      g_free (cupsd->server);
      cupsd->server = g_strdup_printf ("127.0.0.1:%u", port);
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_subprocess_launcher_set_stdout_file_path (launcher, output);
      g_subprocess_launcher_set_stderr_file_path (launcher, output);
      test_process_end_with_test (launcher);
      cupsd->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      started = wait_answers (cupsd);
      if (started == CUPSD_ANSWERS)
        break;
      stop_process (cupsd);
      if (started != CUPSD_PORT_TAKEN)
        break;
    }

  if (cupsd->process == NULL)
    {
      g_autofree char *tail = error_log_tail (cupsd);

      *why = g_strdup_printf ("cupsd %s (user %u): the end of its error_log: %s",
                              started == CUPSD_SILENT ? "did not answer in 20 s"
                              : started == CUPSD_PORT_TAKEN ? "found its port taken 3 times"
                              : "ended at start", (guint) getuid (), tail);
      test_cupsd_stop (cupsd);
      return NULL;
    }
  return cupsd;
}

const char *
test_cupsd_get_server (TestCupsd *cupsd)
{
  return cupsd->server;
}

void
test_cupsd_stop (TestCupsd *cupsd)
{
  if (cupsd == NULL)
    return;
  stop_process (cupsd);
  test_tree_remove (cupsd->dir);
  g_hash_table_unref (cupsd->taken);
  g_free (cupsd->server);
  g_free (cupsd->dir);
  g_free (cupsd);
}

void
test_cupsd_run (TestCupsd          *cupsd,
                const char * const *argv)
{
  g_autofree char *out = NULL, *err = NULL;

  if (!run_tool (cupsd, argv, &out, &err))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

char *
test_cupsd_output (TestCupsd          *cupsd,
                   const char * const *argv)
{
  g_autofree char *out = NULL, *err = NULL;

  if (!run_tool (cupsd, argv, &out, &err))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return g_steal_pointer (&out);
}

void
test_cupsd_add_queue (TestCupsd  *cupsd,
                      const char *queue)
{
  g_autofree char *folder = path_in (cupsd, "queues", queue, NULL);
  g_autofree char *uri = g_strconcat ("testbackend:", folder, NULL);
  const char *lpadmin[] = { "lpadmin", "-p", queue, "-E", "-v", uri, NULL };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  test_cupsd_run (cupsd, lpadmin);
}

void
test_cupsd_set_states (TestCupsd          *cupsd,
                       const char         *queue,
                       const char * const *states,
                       gboolean            hold)
{
  g_autofree char *path = path_in (cupsd, "queues", queue, "states", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; states != NULL && states[i] != NULL; i++)
    g_string_append_printf (lines, "%s\n", states[i]);
  if (hold)
    g_string_append (lines, "@hold\n");
  test_tree_write (path, lines->str, -1);
}

void
test_cupsd_release (TestCupsd  *cupsd,
                    const char *queue)
{
  g_autofree char *path = path_in (cupsd, "queues", queue, "release", NULL);

  test_tree_write (path, "", 0);
}

/* The smallest job id above after whose bytes the backend has kept, or 0. */
static guint
next_job (const char *folder,
          guint       after)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint found = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      guint id;

      if (!g_str_has_suffix (name, ".job"))
        continue;
      id = (guint) g_ascii_strtoull (name, NULL, 10);
      if (id > after && (found == 0 || id < found))
        found = id;
    }
  return found;
}

GBytes *
test_cupsd_take_job (TestCupsd   *cupsd,
                     const char  *queue,
                     char       **title)
{
  g_autofree char *folder = path_in (cupsd, "queues", queue, NULL);
  g_autofree char *job = NULL, *title_path = NULL;
  g_autoptr(GError) error = NULL;
  guint after = GPOINTER_TO_UINT (g_hash_table_lookup (cupsd->taken, queue));
  gint64 until = g_get_monotonic_time () + TEST_CUPSD_WAIT_US;
  char *contents = NULL;
  gsize length = 0;
  guint id;

  while ((id = next_job (folder, after)) == 0)
    {
      if (g_get_monotonic_time () > until)
        g_error ("no job reached the test backend of %s in 20 s", queue);
      g_usleep (20 * 1000);
    }
  g_hash_table_insert (cupsd->taken, g_strdup (queue), GUINT_TO_POINTER (id));

  job = g_strdup_printf ("%s/%u.job", folder, id);
  g_file_get_contents (job, &contents, &length, &error);
  g_assert_no_error (error);
  if (title != NULL)
    {
      title_path = g_strdup_printf ("%s/%u.title", folder, id);
      g_file_get_contents (title_path, title, NULL, &error);
      g_assert_no_error (error);
    }
  return g_bytes_new_take (contents, length);
}

void
test_cupsd_wait_jobs_done (TestCupsd  *cupsd,
                           const char *queue)
{
  const char *lpstat[] = { "lpstat", "-o", queue, NULL };
  gint64 until = g_get_monotonic_time () + TEST_CUPSD_WAIT_US;

  for (;;)
    {
      g_autofree char *out = NULL, *err = NULL;

      /* lpstat -o lists the jobs not completed yet. */
      if (!run_tool (cupsd, lpstat, &out, &err))
        g_error ("lpstat -o %s failed: %s", queue, err);
      if (*g_strstrip (out) == '\0')
        return;
      if (g_get_monotonic_time () > until)
        g_error ("jobs on %s not done in 20 s: %s", queue, out);
      g_usleep (20 * 1000);
    }
}

void
test_cupsd_report_states (TestCupsd          *cupsd,
                          const char         *queue,
                          const char * const *states)
{
  static const char page[] = "test page\n";
  g_autofree char *path = path_in (cupsd, "page.txt", NULL);
  const char *lp[] = { "lp", "-d", queue, "--", path, NULL };
  g_autoptr(GBytes) job = NULL;

  test_tree_write (path, page, -1);
  test_cupsd_set_states (cupsd, queue, states, FALSE);
  test_cupsd_run (cupsd, lp);
  job = test_cupsd_take_job (cupsd, queue, NULL);
  g_assert_cmpmem (g_bytes_get_data (job, NULL), g_bytes_get_size (job), page, strlen (page));
  test_cupsd_wait_jobs_done (cupsd, queue);
}
