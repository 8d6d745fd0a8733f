/* outbox-test-util.h — what the outbox tests share: temporary state folders, keys, a test
 * citizen whose data must never reach the disk in plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "outbox/loket-outbox.h"
#include "outbox/loket-outbox-private.h"

G_BEGIN_DECLS

/* The test citizen. Each string is distinctive enough that finding it in a file means it
 * leaked; none of them occurs in the outbox's own metadata. */
#define TEST_NAME  "Siti Nurhaliza Wulandari"
#define TEST_NIK   "3171234567890123"
#define TEST_PHONE "+6281298765432"

typedef struct {
  char *dir;       /* a fresh temporary state folder */
  char *key_file;  /* a valid 32-byte key, mode 0600, inside dir */
} OutboxTestEnv;

void         outbox_test_env_init    (OutboxTestEnv *env);
void         outbox_test_env_clear   (OutboxTestEnv *env);
LoketOutbox *outbox_test_open        (OutboxTestEnv *env);

char        *outbox_test_write_key   (const char    *dir,
                                      const char    *name,
                                      gsize          len,
                                      int            mode);
void         outbox_test_remove_tree (const char    *path);

/* A part body in the agency protocol's shape, carrying the test citizen. */
GBytes      *outbox_test_body        (const char    *part_id,
                                      const char    *service);
char        *outbox_test_new_code    (void);

/* Stores a request of n_parts independent parts (services s0, s1, …; agencies a0, a1, …)
 * and returns the part ids (NULL-terminated). */
GStrv        outbox_test_store       (LoketOutbox   *outbox,
                                      const char    *tracking_code,
                                      guint          n_parts);

gboolean     outbox_test_bytes_contain (GBytes      *bytes,
                                        const char  *needle);
gboolean     outbox_test_file_contains (const char  *path,
                                        const char  *needle);
/* Any of the outbox's files (db, -wal, -shm) in dir contains needle. */
gboolean     outbox_test_files_contain (const char  *dir,
                                        const char  *needle);

/* The part, or fails the test. */
LoketOutboxPart *outbox_test_get_part (LoketOutbox  *outbox,
                                       const char   *part_id);

/* A temporary folder (mode 0755) the user nobody can reach, holding STATE, a state folder
 * (0700) that belongs to nobody; NULL, the test skipped with the reason, when this machine
 * cannot give one. */
char        *outbox_test_nobody_dir  (const char    *nobody_name,
                                      char         **state_dir);

/* A clock the test moves by hand. */
gint64       outbox_test_clock       (gpointer       user_data);

G_END_DECLS
