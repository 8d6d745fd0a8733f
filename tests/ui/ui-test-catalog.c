/* ui-test-catalog.c — a copy of the shipped catalog a widget test may edit and reload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "ui-test-util.h"

/**
 * ui_test_catalog_copy:
 * @env: the test's environment, whose configuration then reads the copy
 *
 * Copies the shipped catalog's JSON files into a folder of the test's own, its icons
 * linked, and points @env's catalog folder at it (admin mode reloads from there).
 *
 * Returns: (transfer full): the folder; remove it with ui_test_catalog_remove()
 */
char *
ui_test_catalog_copy (UiTestEnv *env)
{
  g_autofree char *from = g_build_filename (g_getenv ("LOKET_SOURCE_DIR"), "data", "catalog",
                                            NULL);
  g_autofree char *icons = g_build_filename (from, "icons", NULL);
  g_autofree char *link = NULL;
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  char *catalog = g_dir_make_tmp ("loket-test-catalog-XXXXXX", NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_nonnull (catalog);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      {
        g_autofree char *src = g_build_filename (from, name, NULL);
        g_autofree char *dst = g_build_filename (catalog, name, NULL);
        g_autofree char *text = NULL;

        g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
        g_assert_true (g_file_set_contents (dst, text, -1, NULL));
      }
  link = g_build_filename (catalog, "icons", NULL);
  g_assert_cmpint (symlink (icons, link), ==, 0);
  g_free (env->config->catalog_dir);
  env->config->catalog_dir = g_strdup (catalog);

  return catalog;
}

/**
 * ui_test_catalog_edit:
 *
 * Replaces @old (which must be there) with @new, once, in @file of @catalog.
 */
void
ui_test_catalog_edit (const char *catalog,
                      const char *file,
                      const char *old,
                      const char *new)
{
  g_autofree char *path = g_build_filename (catalog, file, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, old, new, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
}

/**
 * ui_test_catalog_remove:
 *
 * Removes @catalog and what the test added to it (a compiled translation's folders); the
 * icons' link, not the shipped icons.
 */
void
ui_test_catalog_remove (const char *catalog)
{
  g_autoptr(GDir) dir = g_dir_open (catalog, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (catalog, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        ui_test_catalog_remove (path);
      else
        g_unlink (path);
    }
  g_rmdir (catalog);
}
