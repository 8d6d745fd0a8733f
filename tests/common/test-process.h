/* test-process.h — programs a test starts on a free loopback port: the agency simulator,
 * loket-track
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Spawns argv with launcher, the child ending with the test (a failed assertion ends the
 * test without its cleanup: the program goes too). The program writes its port into
 * port_file (and, when tls_port_file is not NULL, its TLS port there); waits up to 20 s (a
 * sanitizer build starts slowly) for them, failing the test when the program ends first. */
GSubprocess *test_process_spawn_on_port (GSubprocessLauncher *launcher,
                                         const char * const  *argv,
                                         const char          *port_file,
                                         guint               *port,
                                         const char          *tls_port_file,
                                         guint               *tls_port);

/* The child that launcher spawns ends with the test. */
void         test_process_end_with_test (GSubprocessLauncher *launcher);

/* The agency simulator of this build (tests/agency-sim/loket-agency-sim). */
char        *test_process_sim_program   (void);

/* The agency simulator under the sanitizer: whole stacks, so that libsoup's own leaks are
 * suppressed (tests/agency-sim/libsoup-leaks.supp); check_leaks FALSE turns LeakSanitizer
 * off (after a TLS handshake its tracer crashes at exit on Debian 12). Does nothing outside
 * a sanitizer run. */
void         test_process_sim_sanitizer (GSubprocessLauncher *launcher,
                                         gboolean             check_leaks);

G_END_DECLS
