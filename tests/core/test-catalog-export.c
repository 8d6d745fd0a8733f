/* test-catalog-export.c — the catalog as other tools see it: `catalog dump`, the
 * translation template, translations bound at load time, `loketctl catalog …`, and the
 * catalog Loket ships
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "core/loket-catalog.h"
#include "core/loket-i18n.h"
#include "core/loket-json.h"
#include "catalog-test.h"

/* --- dump and pot --- */

static void
test_dump (void)
{
  g_autoptr(LoketCatalog) catalog = catalog_test_load_good ();
  g_autoptr(JsonNode) dump = loket_catalog_dump (catalog, FALSE);
  g_autofree char *text = json_to_string (dump, FALSE);
  const char *expected =
    "{\"agencies\":["
      "{\"id\":\"dukcapil\",\"name\":\"Population and Civil Registration Office\"},"
      "{\"id\":\"bpjs\",\"name\":\"Health insurance agency\"}],"
    "\"fields\":["
      "{\"id\":\"child.name\",\"type\":\"name\",\"label\":\"Child's name\"},"
      "{\"id\":\"child.birth_date\",\"type\":\"date\",\"label\":\"Child's date of birth\"},"
      "{\"id\":\"child.sex\",\"type\":\"choice\",\"label\":\"Child's sex\",\"choices\":["
        "{\"value\":\"female\",\"label\":\"Female\"},{\"value\":\"male\",\"label\":\"Male\"}]},"
      "{\"id\":\"child.is_twin\",\"type\":\"yes-no\",\"label\":\"Is the child a twin?\"},"
      "{\"id\":\"child.twin_order\",\"type\":\"number\",\"label\":\"Born as twin number\",\"min\":1,\"max\":4},"
      "{\"id\":\"child.weight\",\"type\":\"number\",\"label\":\"Birth weight (kg)\",\"min\":0.5,\"max\":6.5},"
      "{\"id\":\"child.nik\",\"type\":\"nik\",\"label\":\"Child's NIK\"},"
      "{\"id\":\"family.members\",\"type\":\"group\",\"label\":\"Family members\",\"min\":1,\"max\":10,\"fields\":["
        "{\"id\":\"nik\",\"type\":\"nik\",\"label\":\"NIK\"},{\"id\":\"name\",\"type\":\"name\",\"label\":\"Name\"}]}],"
    "\"services\":["
      "{\"id\":\"birth-certificate\",\"agency\":\"dukcapil\",\"title\":\"Birth certificate\","
        "\"basis\":\"legal_obligation\",\"verification\":\"counter\",\"fields\":["
          "{\"id\":\"child.name\",\"required\":true},{\"id\":\"child.birth_date\",\"required\":true},"
          "{\"id\":\"child.sex\",\"required\":true},"
          "{\"id\":\"child.twin_order\",\"required\":true,\"when\":{\"field\":\"child.is_twin\",\"in\":[\"true\"]}},"
          "{\"id\":\"child.is_twin\",\"required\":false}],"
        "\"documents\":[{\"id\":\"Birth letter from the hospital\",\"label\":\"Birth letter from the hospital\"},"
          "{\"id\":\"Family card (KK)\",\"label\":\"Family card (KK)\"}],"
        "\"outputs\":[\"child_nik\"]},"
      "{\"id\":\"bpjs-newborn\",\"agency\":\"bpjs\",\"title\":\"Health insurance for the newborn\","
        "\"basis\":\"consent\",\"verification\":\"none\",\"fields\":["
          "{\"id\":\"child.nik\",\"required\":true},{\"id\":\"family.members\",\"required\":false}],"
        "\"documents\":[{\"id\":\"Family card (KK)\",\"label\":\"Family card (KK)\"}],"
        "\"after\":\"birth-certificate\",\"inputs\":{\"child.nik\":\"child_nik\"}}],"
    "\"life_events\":["
      "{\"id\":\"birth\",\"title\":\"A child was born\",\"services\":[\"birth-certificate\"],"
        "\"optional\":[\"bpjs-newborn\"]}]}";

  g_assert_cmpstr (text, ==, expected);
}

static void
test_pot (void)
{
  g_autoptr(LoketCatalog) catalog = catalog_test_load_good ();
  g_autofree char *pot = loket_catalog_to_pot (catalog);
  GPtrArray *strings = loket_catalog_get_strings (catalog);
  const LoketCatalogString *first = g_ptr_array_index (strings, 0);

  g_assert_cmpstr (first->msgid, ==, "Population and Civil Registration Office");
  g_assert_cmpstr (first->file, ==, "base.json");
  g_assert_cmpstr (first->path, ==, "$.agencies[0].name");
  g_assert_cmpstr (first->comment, ==, "Name of agency 'dukcapil'");

  g_assert_true (g_str_has_prefix (pot, "# Translations of a Loket service catalog"));
  g_assert_nonnull (strstr (pot, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Label of field 'child.name'\n"
    "#: base.json:$.fields[0].label\n"
    "msgid \"Child's name\"\n"
    "msgstr \"\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Choice 'female' of field 'child.sex'\n"
    "#: base.json:$.fields[2].choices[0].label\n"
    "msgid \"Female\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Label of sub-field 'nik' of group 'family.members'\n"
    "#: base.json:$.fields[7].fields[0].label\n"
    "msgid \"NIK\"\n"));
  g_assert_nonnull (strstr (pot,
    "\n#. Description of service 'birth-certificate'\n"
    "#: services.json:$.services[0].description\n"
    "msgid \"The child's \\\"akta\\\"\"\n"));
  /* One msgid, two places: the references merge. */
  g_assert_nonnull (strstr (pot,
    "\n#. A document to bring for service 'birth-certificate'\n"
    "#. A document to bring for service 'bpjs-newborn'\n"
    "#: services.json:$.services[0].documents[1]\n"
    "#: services.json:$.services[1].documents[0]\n"
    "msgid \"Family card (KK)\"\n"));
  g_assert_nonnull (strstr (pot, "\n#. Title of life event 'birth'\n"
                                 "#: services.json:$.life_events[0].title\n"
                                 "msgid \"A child was born\"\n"));
  g_assert_nonnull (strstr (pot, "msgid \"The family\"\n"));
  g_assert_nonnull (strstr (pot, "msgid \"As on the birth letter\"\n"));
  g_assert_null (strstr (pot, "msgid \"child_nik\""));
  g_assert_null (strstr (pot, "msgid \"dukcapil\""));
  g_assert_null (strstr (strstr (pot, "msgid \"Family card (KK)\"") + 1,
                         "msgid \"Family card (KK)\""));
}

/* gettext's own tools must accept the template. */
static void
test_pot_msgfmt (void)
{
  g_autoptr(LoketCatalog) catalog = catalog_test_load_good ();
  g_autofree char *pot = loket_catalog_to_pot (catalog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) msgfmt = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("loket-pot-XXXXXX", &error);
  g_autofree char *path = g_build_filename (tmp, "catalog.pot", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, pot, -1, &error));
  msgfmt = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                             "msgfmt", "--check-format", "-o", "/dev/null", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (msgfmt, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (tmp);
}

/* --- translations --- */

static void
test_translations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);
  g_autofree char *po = g_build_filename (tmp, "po", "id.po", NULL);
  g_autofree char *mo = g_build_filename (tmp, "locale", "id", "LC_MESSAGES", "loket-catalog.mo",
                                          NULL);
  g_autofree char *locale_dir = NULL;
  g_autoptr(GSubprocess) msgfmt = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(JsonNode) dump = NULL;
  JsonObject *life_event;

  g_assert_no_error (error);
  /* The environment's override (the build tree's translations) wins when set. */
  g_setenv ("LOKET_CATALOG_LOCALEDIR", "/elsewhere/locale", TRUE);
  locale_dir = loket_catalog_locale_dir (tmp);
  g_assert_cmpstr (locale_dir, ==, "/elsewhere/locale");
  g_clear_pointer (&locale_dir, g_free);
  g_unsetenv ("LOKET_CATALOG_LOCALEDIR");
  locale_dir = loket_catalog_locale_dir (tmp);
  g_assert_true (g_str_has_suffix (locale_dir, "/locale"));

  catalog_test_write_file (tmp, "base.json", catalog_test_base_json);
  catalog_test_write_file (tmp, "services.json", catalog_test_services_json);
  catalog_test_write_file (tmp, "po/id.po",
              "msgid \"\"\n"
              "msgstr \"\"\n"
              "\"Project-Id-Version: test\\n\"\n"
              "\"PO-Revision-Date: 2026-01-01 00:00+0700\\n\"\n"
              "\"Last-Translator: Test <test@example.org>\\n\"\n"
              "\"Language-Team: Indonesian <test@example.org>\\n\"\n"
              "\"Language: id\\n\"\n"
              "\"MIME-Version: 1.0\\n\"\n"
              "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
              "\"Content-Transfer-Encoding: 8bit\\n\"\n"
              "\n"
              "msgid \"A child was born\"\n"
              "msgstr \"Kelahiran anak\"\n"
              "\n"
              "msgid \"Child's name\"\n"
              "msgstr \"Nama anak\"\n");
  catalog_test_write_file (tmp, "locale/id/LC_MESSAGES/.keep", "");
  msgfmt = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "msgfmt", "--check", "-o", mo, po,
                             NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (msgfmt, NULL, &error));
  g_assert_no_error (error);

  catalog = loket_catalog_load (tmp, NULL, &error);
  g_assert_no_error (error);

  loket_i18n_set_language ("id");
  g_assert_cmpstr (C_CATALOG ("A child was born"), ==, "Kelahiran anak");
  g_assert_cmpstr (C_CATALOG (loket_catalog_get_field (catalog, "child.name")->label), ==,
                   "Nama anak");
  /* Not translated yet: English. */
  g_assert_cmpstr (C_CATALOG ("Birth certificate"), ==, "Birth certificate");

  dump = loket_catalog_dump (catalog, TRUE);
  life_event = json_array_get_object_element (json_object_get_array_member (json_node_get_object (dump), "life_events"), 0);
  g_assert_cmpstr (json_object_get_string_member (life_event, "title"), ==, "Kelahiran anak");
  g_clear_pointer (&dump, json_node_unref);
  dump = loket_catalog_dump (catalog, FALSE);
  life_event = json_array_get_object_element (json_object_get_array_member (json_node_get_object (dump), "life_events"), 0);
  g_assert_cmpstr (json_object_get_string_member (life_event, "title"), ==, "A child was born");

  loket_i18n_set_language ("en");
  g_assert_cmpstr (C_CATALOG ("A child was born"), ==, "A child was born");

  catalog_test_remove_tree (tmp);
}

/* `loketctl catalog …` end to end, when the build tree has it. */
static int
run_loketctl (const char  *loketctl,
              char       **out,
              char       **err,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) loketctl);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The build tree's translations would win over the folder's own. */
  g_subprocess_launcher_unsetenv (launcher, "LOKET_CATALOG_LOCALEDIR");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_loketctl (void)
{
  const char *build = g_getenv ("LOKET_BUILD_DIR");
  g_autofree char *loketctl = g_build_filename (build != NULL ? build : "", "app", "loketctl",
                                                NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *pot_path = NULL;
  g_autofree char *pot = NULL;
  g_autofree char *bad = catalog_test_test_data ("several-problems");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  char *out = NULL, *err = NULL;
  JsonObject *life_event;

  if (build == NULL || !g_file_test (loketctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("LOKET_BUILD_DIR/app/loketctl is not built (run under meson test)");
      return;
    }

  tmp = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  catalog_test_write_file (tmp, "base.json", catalog_test_base_json);
  catalog_test_write_file (tmp, "services.json", catalog_test_services_json);
  catalog_test_write_file (tmp, "po/LINGUAS", "# the catalog's languages\nid\n");
  catalog_test_write_file (tmp, "po/id.po",
              "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
              "msgid \"A child was born\"\nmsgstr \"Kelahiran anak\"\n");

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "validate", tmp, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "2 agencies, 2 services, 1 life event, 8 fields\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "compile", tmp, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "compiled 1 language\n");
  mo = g_build_filename (tmp, "locale", "id", "LC_MESSAGES", "loket-catalog.mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "dump", tmp, "--language", "id",
                                 NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  life_event = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "life_events"), 0);
  g_assert_cmpstr (json_object_get_string_member (life_event, "title"), ==, "Kelahiran anak");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "pot", tmp, NULL), ==, 0);
  pot_path = g_build_filename (tmp, "po", "loket-catalog.pot", NULL);
  g_assert_true (g_file_get_contents (pot_path, &pot, NULL, &error));
  g_assert_nonnull (strstr (pot,
                            "#: services.json:$.life_events[0].title\nmsgid \"A child was born\"\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A po file that does not compile: msgfmt's own message, exit 1. */
  catalog_test_write_file (tmp, "po/id.po", "msgid \"A child was born\"\nmsgstr \"Kelahiran\n");
  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "compile", tmp, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "id.po:3: end-of-line within string"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A bad "digits" rule, as staff see it. */
  catalog_test_write_file (tmp, "digits.json",
                           "{\"fields\": [{\"id\": \"family.nib\", \"type\": \"text\","
                           " \"label\": \"NIB\", \"digits\": 13, \"min_length\": 13}]}");
  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "validate", tmp, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "digits.json: $.fields[0].digits: 'digits' fixes the length: "
                                 "leave out min_length and max_length\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_loketctl (loketctl, &out, &err, "catalog", "validate", bad, NULL), ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[6], ==,
                   "2-services.json: $.life_events[0].services[1]: unknown service 'kia'");
  g_assert_cmpstr (lines[7], ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  catalog_test_remove_tree (tmp);
}

/* The catalog Loket ships must load without a single problem. */
static void
test_shipped_catalog (void)
{
  const char *source = g_getenv ("LOKET_SOURCE_DIR");
  g_autofree char *dir = g_build_filename (source != NULL ? source : LOKET_TEST_SRCDIR "/..",
                                           "data", "catalog", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;

  catalog = loket_catalog_load (dir, &problems, &error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (loket_catalog_get_services (catalog)->len, >, 0);
  g_assert_cmpuint (loket_catalog_get_life_events (catalog)->len, >, 0);

  /* Numbers that are not quantities are digits of a fixed count, on the keypad. */
  g_assert_cmpuint (loket_catalog_get_field (catalog, "business.nib")->digits, ==, 13);
  g_assert_cmpuint (loket_catalog_get_field (catalog, "bpjs.card_number")->digits, ==, 13);
  g_assert_cmpuint (loket_catalog_get_field (catalog, "business.kbli")->digits, ==, 5);
  g_assert_cmpint (loket_field_keyboard (loket_catalog_get_field (catalog, "business.kbli")), ==,
                   LOKET_KEYBOARD_DIGITS);
}
int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/dump", test_dump);
  g_test_add_func ("/catalog/pot", test_pot);
  g_test_add_func ("/catalog/pot-msgfmt", test_pot_msgfmt);
  g_test_add_func ("/catalog/shipped", test_shipped_catalog);
  g_test_add_func ("/catalog/loketctl", test_loketctl);
  /* Last: it changes the process's language. */
  g_test_add_func ("/catalog/translations", test_translations);

  return g_test_run ();
}
