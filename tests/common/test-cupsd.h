/* test-cupsd.h — a private CUPS scheduler for tests: cupsd in a temporary folder, listening on
 * a free loopback port, with raw queues whose device is a small test backend that keeps every
 * job's bytes and reports the printer states the test asks for ("STATE: +media-low" …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TestCupsd TestCupsd;

/* Starts cupsd (Debian's cups-daemon) in the foreground on its own configuration, state and
 * spool folders, and waits until it answers. NULL, with why set (for g_test_skip), when
 * cupsd cannot run here: not installed, or it ended before it answered. */
TestCupsd  *test_cupsd_start          (char       **why);
/* "127.0.0.1:PORT", for CUPS_SERVER and lpadmin -h. */
const char *test_cupsd_get_server     (TestCupsd   *cupsd);
/* Stops cupsd and removes its folder. */
void        test_cupsd_stop           (TestCupsd   *cupsd);

/* Adds an enabled raw queue (no driver) whose device is the test backend. */
void        test_cupsd_add_queue      (TestCupsd   *cupsd,
                                       const char  *queue);
/* The backend's next job on queue first reports each of states as "STATE: <state>" on its
 * standard error ("+media-low-report", "-cover-open", "none"), as a printer's backend does
 * when it learns the printer's state; with hold, it then keeps the job until
 * test_cupsd_release () (a printer that does not take the job). */
void        test_cupsd_set_states     (TestCupsd          *cupsd,
                                       const char         *queue,
                                       const char * const *states,
                                       gboolean            hold);
void        test_cupsd_release        (TestCupsd   *cupsd,
                                       const char  *queue);
/* Waits (up to 20 s, else the test fails) until the backend has taken a job on queue that the
 * test has not taken yet, and returns its bytes, and its title when title is not NULL. */
GBytes     *test_cupsd_take_job       (TestCupsd   *cupsd,
                                       const char  *queue,
                                       char       **title);
/* Prints a small page of the test's own on queue, with states (as test_cupsd_set_states,
 * without hold), and waits until CUPS has finished it: the queue then shows those states. */
void        test_cupsd_report_states  (TestCupsd          *cupsd,
                                       const char         *queue,
                                       const char * const *states);
/* Waits (up to 20 s) until queue has no job left that is not completed: every STATE line of
 * the backend has then been taken in by cupsd. */
void        test_cupsd_wait_jobs_done (TestCupsd   *cupsd,
                                       const char  *queue);
/* Runs a CUPS command (cupsdisable, cupsenable, lp, …) against this cupsd; fails the test when
 * it fails. */
void        test_cupsd_run            (TestCupsd          *cupsd,
                                       const char * const *argv);
/* The same, and returns its standard output. */
char       *test_cupsd_output         (TestCupsd          *cupsd,
                                       const char * const *argv);

G_END_DECLS
