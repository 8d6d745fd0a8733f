/* test-local-conf.c — staff's settings in the state dir's local.conf: used over the fleet's
 * file, checked against its languages and bounds, a bad value left unused (and named with
 * its line), written atomically with the other keys kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "config/loket-config.h"

typedef struct {
  char *dir;
  char *fleet;
  char *local;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = NULL;

  f->dir = g_dir_make_tmp ("loket-local-conf-XXXXXX", NULL);
  f->fleet = g_build_filename (f->dir, "loket.conf", NULL);
  f->local = g_build_filename (f->dir, "local.conf", NULL);
  text = g_strdup_printf ("[kiosk]\nid = k1\nstate-dir = %s\nlanguages = id;en\n"
                          "default-language = id\nidle-timeout = 90\n", f->dir);
  g_assert_true (g_file_set_contents (f->fleet, text, -1, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_unlink (f->fleet);
  g_unlink (f->local);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->fleet);
  g_free (f->local);
}

static LoketConfig *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LoketConfig *config = loket_config_load (f->fleet, &error);

  g_assert_no_error (error);
  return config;
}

static void
test_none (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LoketConfig) config = load (f);

  g_assert_cmpuint (config->idle_timeout, ==, 90);
  g_assert_cmpuint (loket_local_conf_get_line (config, "idle-timeout"), ==, 0);
  g_assert_null (config->local_problems);
}

static void
test_used (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LoketConfig) config = NULL;

  g_assert_true (g_file_set_contents (f->local, "# staff\n[kiosk]\nidle-timeout = 300\n"
                                      "default-language = en\n", -1, NULL));
  config = load (f);
  g_assert_cmpuint (config->idle_timeout, ==, 300);
  g_assert_cmpstr (config->default_language, ==, "en");
  g_assert_cmpuint (loket_local_conf_get_line (config, "idle-timeout"), ==, 3);
  g_assert_cmpuint (loket_local_conf_get_line (config, "default-language"), ==, 4);
  g_assert_cmpstr (config->local_path, ==, f->local);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LoketConfig) config = NULL;
  const GError *first, *second, *third;

  /* Outside the fleet's bounds, a language it does not offer, a key staff may not set. */
  g_assert_true (g_file_set_contents (f->local, "[kiosk]\nidle-timeout = 5\n"
                                      "default-language = fr\ncatalog = /tmp\n", -1, NULL));
  config = load (f);
  g_assert_cmpuint (config->idle_timeout, ==, 90);
  g_assert_cmpstr (config->default_language, ==, "id");
  g_assert_nonnull (config->local_problems);
  g_assert_cmpuint (config->local_problems->len, ==, 3);
  first = config->local_problems->pdata[0];
  second = config->local_problems->pdata[1];
  third = config->local_problems->pdata[2];
  g_test_message ("%s\n%s\n%s", first->message, second->message, third->message);
  g_assert_true (g_str_has_prefix (first->message, f->local));
  g_assert_nonnull (strstr (first->message, ":2: [kiosk] idle-timeout"));
  g_assert_nonnull (strstr (second->message, ":3: [kiosk] default-language"));
  g_assert_nonnull (strstr (third->message, ":4: [kiosk] catalog"));
}

static void
test_set (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(LoketConfig) config = load (f);
  g_autoptr(LoketConfig) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fleet_before = NULL;
  g_autofree char *fleet_after = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (f->fleet, &fleet_before, NULL, NULL));
  g_assert_true (loket_local_conf_set (config, "idle-timeout", "120", &error));
  g_assert_no_error (error);
  g_assert_true (loket_local_conf_set (config, "default-language", "en", &error));
  g_assert_true (loket_local_conf_set (config, "idle-timeout", "180", &error));
  g_assert_false (loket_local_conf_set (config, "idle-timeout", "4000", &error));
  g_assert_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (loket_local_conf_set (config, "state-dir", "/tmp", &error));
  g_assert_error (error, LOKET_CONFIG_ERROR, LOKET_CONFIG_ERROR_UNKNOWN);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (f->local, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "[kiosk]\nidle-timeout = 180\ndefault-language = en\n"));
  again = load (f);
  g_assert_cmpuint (again->idle_timeout, ==, 180);
  g_assert_cmpstr (again->default_language, ==, "en");

  /* Removed: the fleet's value again. */
  g_assert_true (loket_local_conf_set (config, "idle-timeout", NULL, &error));
  g_clear_pointer (&again, loket_config_unref);
  again = load (f);
  g_assert_cmpuint (again->idle_timeout, ==, 90);
  g_assert_cmpstr (again->default_language, ==, "en");

  /* The fleet's file is never written. */
  g_assert_true (g_file_get_contents (f->fleet, &fleet_after, NULL, NULL));
  g_assert_cmpstr (fleet_before, ==, fleet_after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/local-conf/none", test_none);
  ADD ("/local-conf/used", test_used);
  ADD ("/local-conf/refused", test_refused);
  ADD ("/local-conf/set", test_set);
#undef ADD
  return g_test_run ();
}
