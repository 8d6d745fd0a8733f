/* test-tree.c — files and folders for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "test-tree.h"

void
test_tree_remove (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      test_tree_remove (child);
    }
  g_rmdir (path);
}

char *
test_tree_enter_temp (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_chdir (made), ==, 0);
  return g_get_current_dir ();
}

void
test_tree_leave_temp (const char *path)
{
  g_assert_cmpint (g_chdir ("/"), ==, 0);
  test_tree_remove (path);
}

void
test_tree_write (const char *path,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

char *
test_tree_build_path (const char *relative)
{
  const char *build_dir = g_getenv ("LOKET_BUILD_DIR");

  g_assert_nonnull (build_dir);
  return g_build_filename (build_dir, relative, NULL);
}
