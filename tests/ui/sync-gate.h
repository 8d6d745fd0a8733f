/* sync-gate.h — a slow or held disk for tests and benchmarks: a SQLite VFS whose fsync waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync_gate_install () registers, as SQLite's default, a VFS that passes everything to the
 * default one but makes each xSync first wait: for a set delay (a slow disk, for benchmarks)
 * and, while the gate is closed, until a test opens it (a write held mid-fsync, for tests
 * that look at the screen meanwhile without depending on timing; the installing thread's own
 * syncs pass the gate, since only that thread could open it). It counts the syncs, and those
 * made on the thread that installed it. Connections opened before the install keep
 * the VFS they had. Test builds only: nothing in app/ or ui/ knows of it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Installs once per process; later calls do nothing. The calling thread is the "main" one. */
void  sync_gate_install          (void);

void  sync_gate_set_delay_ms     (guint ms);
/* While closed, every xSync waits; opening lets them all go on. */
void  sync_gate_close            (void);
void  sync_gate_open             (void);
/* The next xSync fails with SQLITE_IOERR_FSYNC (once), as a failing disk's would. */
void  sync_gate_fail_next        (void);

/* xSyncs waiting at the closed gate now. */
guint sync_gate_get_waiting      (void);
/* xSyncs since the last reset, all of them and those on the installing thread. */
guint sync_gate_get_syncs        (void);
guint sync_gate_get_main_syncs   (void);
void  sync_gate_reset_counts     (void);

G_END_DECLS
