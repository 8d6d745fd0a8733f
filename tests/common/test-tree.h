/* test-tree.h — files and folders for the tests: a temporary folder to work in, removing a
 * tree, writing a file, and the paths of the build tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes path: a file, a link (never followed) or a folder with all below it. What cannot
 * be removed stays; a path that is not there is no error. */
void   test_tree_remove      (const char  *path);

/* Makes a new temporary folder from tmpl (as g_dir_make_tmp) and makes it the current
 * folder. Returns its real path, whatever links TMPDIR holds, so that paths a test builds
 * from it compare equal to the paths the code under test resolves. */
char  *test_tree_enter_temp  (const char  *tmpl);
/* Leaves the folder of test_tree_enter_temp() (to "/") and removes it. */
void   test_tree_leave_temp  (const char  *path);

/* Writes contents (length -1: up to its NUL) to path, or fails the test. */
void   test_tree_write       (const char  *path,
                              const char  *contents,
                              gssize       length);

/* A path in the build tree ($LOKET_BUILD_DIR, set by the test setup), e.g. "app/loketctl". */
char  *test_tree_build_path  (const char  *relative);

G_END_DECLS
