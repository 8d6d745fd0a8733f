/* sync-gate.c — a slow or held disk for tests and benchmarks: a SQLite VFS whose fsync waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "sync-gate.h"

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;   /* the default VFS's file, allocated right after this struct */
} GateFile;

static struct {
  GMutex        lock;
  GCond         cond;
  GThread      *main_thread;
  sqlite3_vfs  *real;
  sqlite3_vfs   vfs;
  gboolean      closed;
  gboolean      fail_next;
  guint         waiting;
  guint         syncs;
  guint         main_syncs;
  gulong        delay_us;
} gate;

#define REAL(file) (((GateFile *) (file))->real)

static int
gate_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
gate_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
gate_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
gate_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
gate_sync (sqlite3_file *file, int flags)
{
  gboolean main_thread = g_thread_self () == gate.main_thread;
  gulong delay;
  gboolean fail;

  g_mutex_lock (&gate.lock);
  gate.syncs++;
  /* The installing thread never waits at the gate: only it could open it. A test that
   * expects the sync elsewhere then fails on its count, instead of hanging. */
  if (main_thread)
    gate.main_syncs++;
  else
    {
      gate.waiting++;
      g_cond_broadcast (&gate.cond);
      while (gate.closed)
        g_cond_wait (&gate.cond, &gate.lock);
      gate.waiting--;
    }
  delay = gate.delay_us;
  fail = gate.fail_next;
  gate.fail_next = FALSE;
  g_mutex_unlock (&gate.lock);

  if (delay > 0)
    g_usleep (delay);
  if (fail)
    return SQLITE_IOERR_FSYNC;
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
gate_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
gate_lock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
gate_unlock (sqlite3_file *file, int level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
gate_check_reserved_lock (sqlite3_file *file, int *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
gate_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
gate_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
gate_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
gate_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, size, extend, out);
}

static int
gate_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
gate_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
gate_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
gate_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
gate_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *pointer)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, pointer);
}

/* One table per iVersion the real file may have: SQLite looks at iVersion before it calls
 * the shared-memory (2) and memory-map (3) methods, so ours must not promise more. */
#define GATE_IO_METHODS(version) {                                                  \
    version, gate_close, gate_read, gate_write, gate_truncate, gate_sync,           \
    gate_file_size, gate_lock, gate_unlock, gate_check_reserved_lock,               \
    gate_file_control, gate_sector_size, gate_device_characteristics,               \
    gate_shm_map, gate_shm_lock, gate_shm_barrier, gate_shm_unmap,                  \
    gate_fetch, gate_unfetch }

static const sqlite3_io_methods gate_io_methods[] = {
  GATE_IO_METHODS (1), GATE_IO_METHODS (2), GATE_IO_METHODS (3),
};

static int
gate_open (sqlite3_vfs  *vfs,
           const char   *name,
           sqlite3_file *file,
           int           flags,
           int          *out_flags)
{
  GateFile *gate_file = (GateFile *) file;
  int rc;

  gate_file->real = (sqlite3_file *) &gate_file[1];
  rc = gate.real->xOpen (gate.real, name, gate_file->real, flags, out_flags);
  if (gate_file->real->pMethods == NULL)
    gate_file->base.pMethods = NULL;
  else
    gate_file->base.pMethods =
      &gate_io_methods[CLAMP (gate_file->real->pMethods->iVersion, 1, 3) - 1];
  return rc;
}

void
sync_gate_install (void)
{
  if (gate.real != NULL)
    return;

  gate.real = sqlite3_vfs_find (NULL);
  g_assert_nonnull (gate.real);
  gate.main_thread = g_thread_self ();

  /* Every other method is the default VFS's own, called with the same pAppData and limits;
   * only opening (to wrap the file) differs. */
  gate.vfs = *gate.real;
  gate.vfs.pNext = NULL;
  gate.vfs.zName = "loket-sync-gate";
  gate.vfs.szOsFile = sizeof (GateFile) + gate.real->szOsFile;
  gate.vfs.xOpen = gate_open;
  g_assert_cmpint (sqlite3_vfs_register (&gate.vfs, 1), ==, SQLITE_OK);
}

void
sync_gate_set_delay_ms (guint ms)
{
  g_mutex_lock (&gate.lock);
  gate.delay_us = ms * 1000UL;
  g_mutex_unlock (&gate.lock);
}

void
sync_gate_close (void)
{
  g_mutex_lock (&gate.lock);
  gate.closed = TRUE;
  g_mutex_unlock (&gate.lock);
}

void
sync_gate_open (void)
{
  g_mutex_lock (&gate.lock);
  gate.closed = FALSE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
}

void
sync_gate_fail_next (void)
{
  g_mutex_lock (&gate.lock);
  gate.fail_next = TRUE;
  g_mutex_unlock (&gate.lock);
}

guint
sync_gate_get_waiting (void)
{
  guint waiting;

  g_mutex_lock (&gate.lock);
  waiting = gate.waiting;
  g_mutex_unlock (&gate.lock);
  return waiting;
}

guint
sync_gate_get_syncs (void)
{
  guint syncs;

  g_mutex_lock (&gate.lock);
  syncs = gate.syncs;
  g_mutex_unlock (&gate.lock);
  return syncs;
}

guint
sync_gate_get_main_syncs (void)
{
  guint syncs;

  g_mutex_lock (&gate.lock);
  syncs = gate.main_syncs;
  g_mutex_unlock (&gate.lock);
  return syncs;
}

void
sync_gate_reset_counts (void)
{
  g_mutex_lock (&gate.lock);
  gate.syncs = 0;
  gate.main_syncs = 0;
  g_mutex_unlock (&gate.lock);
}
