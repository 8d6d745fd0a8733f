/* loket-file-modes.h — who may read what Loket writes
 *
 * The kiosk and loketctl run with umask 077 (set first thing in main(), before any thread
 * exists: the umask is one per process, so setting and restoring it around a file's creation
 * would race every other thread that creates a file). So everything they create is their
 * user's alone, unless it is meant for others: those files and folders get their modes
 * explicitly here (the catalog's translations, the metrics file node_exporter reads: 0644).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Loket's processes create is for their user alone. */
#define LOKET_UMASK 077

/* Creates the state folder (and missing parents) for the running user alone. A folder that
 * exists with permissions for group or others (systemd's StateDirectory= makes it 0755) is
 * set to 0700, with a warning in the log: it holds the outbox, whose tracking codes are
 * the only key to a citizen's requests. That is never a reason to refuse to start: when
 * the mode cannot be changed (another user's folder), the warning says so. FALSE only when
 * the folder cannot be created or is not a folder. */
gboolean loket_state_dir_prepare   (const char  *path,
                                    GError     **error);

/* Creates path (and missing parents), each folder created with mode, whatever the umask. */
gboolean loket_dir_create_shared   (const char  *path,
                                    guint        mode,
                                    GError     **error);

/* Writes a file meant for other users (a metrics file for node_exporter: 0644) with mode,
 * whatever the umask: written beside, flushed, then renamed over path, so a reader never
 * sees half a file. */
gboolean loket_file_write_shared   (const char  *path,
                                    const void  *data,
                                    gsize        length,
                                    guint        mode,
                                    GError     **error);

/* Sets path's mode exactly (an existing file made by another program under our umask). */
gboolean loket_file_set_mode       (const char  *path,
                                    guint        mode,
                                    GError     **error);

G_END_DECLS
