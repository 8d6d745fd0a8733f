/* test-admin-ops.c — what staff do from admin mode besides the status board: today's offer,
 * settings in local.conf, reloading the catalog, cleaning the screen; and no screen of admin
 * mode shows a citizen's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "core/loket-tracking-code.h"
#include "outbox/loket-outbox.h"
#include "loket-admin-catalog.h"
#include "loket-admin-clean.h"
#include "loket-admin-mode.h"
#include "loket-admin-offer.h"
#include "loket-admin-page.h"
#include "loket-admin-settings.h"
#include "loket-admin-tools.h"
#include "loket-choose-page.h"
#include "loket-session-offer.h"
#include "ui-test-util.h"

/* The citizen's data of the seeded parts: neither may show on any admin screen. */
#define CITIZEN_NAME "Wulandari Kusumaningtyas"
#define CITIZEN_NIK  "3174095512880042"

/* 2026-12-06 10:00 in Jakarta (the tests' TZ), and a day later. */
#define DAY_ONE (G_GINT64_CONSTANT (1796526000) * G_USEC_PER_SEC)
#define ONE_DAY (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

typedef struct {
  UiTestEnv      *env;
  LoketWindow    *window;
  LoketAdminMode *mode;
  LoketStaff     *staff;
  gint64          now;
  char           *catalog;    /* a catalog folder of the test's own, or NULL */
} Fixture;

static gint64
test_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->env = ui_test_env_new (NULL);
  f->staff = loket_staff_new_for_config (f->env->config);
  g_assert_true (loket_staff_add (f->staff, "test", "Budi", "246813", "246813", &error));
  g_assert_no_error (error);
  f->now = DAY_ONE;
  loket_session_set_offer_clock (f->env->session, test_clock, f);
  f->window = ui_test_window_new (f->env, 1080, 1920);
  f->mode = loket_window_get_admin_mode (f->window);
  ui_test_activate (f->window, "flow.language", "s", "en");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ui_test_window_destroy (f->window);
  g_clear_object (&f->staff);
  ui_test_env_free (f->env);
  if (f->catalog != NULL)
    ui_test_catalog_remove (f->catalog);
  g_free (f->catalog);
}

/* Signs Budi in (the door itself is test-admin's) and shows admin mode. */
static GtkWidget *
open_admin (Fixture *f,
            GType    section)
{
  LoketAdminPage *page;
  GtkWidget *found;

  /* Admin mode opens only from Welcome. */
  if (g_strcmp0 (loket_window_get_page_name (f->window), "welcome") != 0)
    {
      ui_test_activate (f->window, "flow.restart", NULL);
      ui_test_wait_for_page (f->window, "welcome");
      ui_test_activate (f->window, "flow.language", "s", "en");
    }
  loket_admin_mode_enter (f->mode, "Budi");
  ui_test_activate (f->window, "flow.goto", "s", "admin");
  ui_test_wait_for_page (f->window, "admin");
  page = LOKET_ADMIN_PAGE (loket_window_get_page (f->window));
  found = loket_admin_tools_find (GTK_WIDGET (loket_admin_page_get_content (page)), section);
  g_assert_nonnull (found);
  return found;
}

/* Exit, then the next citizen's choose page in language. */
static LoketChoosePage *
next_citizen_in (Fixture    *f,
                 const char *language)
{
  ui_test_activate (f->window, "flow.restart", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  ui_test_activate (f->window, "flow.language", "s", language);
  ui_test_activate (f->window, "flow.next", NULL);
  ui_test_wait_for_page (f->window, "choose");
  return LOKET_CHOOSE_PAGE (loket_window_get_page (f->window));
}

static LoketChoosePage *
next_citizen (Fixture *f)
{
  return next_citizen_in (f, "en");
}

static char *
last_audit (Fixture *f)
{
  g_autoptr(GPtrArray) entries =
    loket_audit_read (loket_audit_get_path (loket_staff_get_audit (f->staff)), 0, NULL);
  LoketAuditEntry *last = entries->pdata[entries->len - 1];

  return g_strdup_printf ("%s %s %s", last->staff, last->action,
                          last->target != NULL ? last->target : "-");
}

static gboolean
audit_is (Fixture    *f,
          const char *line)
{
  g_autofree char *last = last_audit (f);

  return g_str_equal (last, line);
}

static void
test_offer (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *offer = open_admin (f, LOKET_TYPE_ADMIN_OFFER);
  LoketChoosePage *choose;
  g_autofree char *path = g_build_filename (f->env->state_dir, "today-offer", NULL);
  g_autofree char *audit = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (ui_test_find_button (offer, "Switch off"));
  gtk_widget_activate_action (offer, "offer.off", "s", "life-event:moving");
  UI_TEST_WAIT_UNTIL (!loket_admin_offer_is_busy (LOKET_ADMIN_OFFER (offer)), 10000);
  g_assert_null (loket_admin_offer_get_error (LOKET_ADMIN_OFFER (offer)));
  g_assert_true (ui_test_tree_contains (offer, "I moved house — off today", NULL));
  audit = last_audit (f);
  g_assert_cmpstr (audit, ==, "Budi offer-off-today life-event:moving");

  /* Today the next citizen does not see it; the other life events stay. */
  choose = next_citizen (f);
  g_assert_null (loket_choose_page_get_tile (choose, "moving"));
  g_assert_nonnull (loket_choose_page_get_tile (choose, "birth"));

  /* Tomorrow it is back, by itself. */
  f->now = DAY_ONE + ONE_DAY;
  choose = next_citizen (f);
  g_assert_nonnull (loket_choose_page_get_tile (choose, "moving"));

  /* "Until I switch it back": a service, off the next days too, and across a restart (the
   * file). A life event that preselects it goes with it. */
  offer = open_admin (f, LOKET_TYPE_ADMIN_OFFER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (loket_admin_offer_get_until (LOKET_ADMIN_OFFER (offer))),
                               TRUE);
  gtk_widget_activate_action (offer, "offer.off", "s", "service:kk-update");
  UI_TEST_WAIT_UNTIL (!loket_admin_offer_is_busy (LOKET_ADMIN_OFFER (offer)), 10000);
  f->now = DAY_ONE + 5 * ONE_DAY;
  choose = next_citizen (f);
  g_assert_null (loket_choose_page_get_tile (choose, "birth"));
  loket_choose_page_show_services (choose, TRUE);
  g_assert_null (loket_choose_page_get_service_check (choose, "kk-update"));
  g_assert_nonnull (loket_choose_page_get_service_check (choose, "ktp-address"));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "[service kk-update]\noff = until-switched-back"));
  /* The day-only entry of a past day is gone from the file. */
  g_assert_null (strstr (text, "moving"));

  /* Switched back on. */
  offer = open_admin (f, LOKET_TYPE_ADMIN_OFFER);
  gtk_widget_activate_action (offer, "offer.on", "s", "service:kk-update");
  UI_TEST_WAIT_UNTIL (!loket_admin_offer_is_busy (LOKET_ADMIN_OFFER (offer)), 10000);
  g_free (audit);
  audit = last_audit (f);
  g_assert_cmpstr (audit, ==, "Budi offer-on service:kk-update");
  choose = next_citizen (f);
  g_assert_nonnull (loket_choose_page_get_tile (choose, "birth"));
}

/* loketctl with the test's configuration; returns its standard output. */
static char *
loketctl (Fixture     *f,
          const char  *command,
          int         *status)
{
  g_autofree char *program = g_build_filename (g_getenv ("LOKET_BUILD_DIR"), "app", "loketctl",
                                               NULL);
  g_autofree char *line = g_strdup_printf ("%s --config %s %s", program, f->env->config_path,
                                           command);
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_spawn_command_line_sync (line, &out, NULL, status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *settings = open_admin (f, LOKET_TYPE_ADMIN_SETTINGS);
  LoketConfig *config = f->env->config;
  g_autofree char *fleet_before = NULL;
  g_autofree char *fleet_after = NULL;
  g_autofree char *local = NULL;
  g_autofree char *local_path = g_build_filename (f->env->state_dir, "local.conf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *audit = NULL;
  int status = -1;

  g_assert_true (g_file_get_contents (f->env->config_path, &fleet_before, NULL, NULL));
  g_assert_true (ui_test_tree_contains (settings, "from the fleet's configuration", NULL));
  g_assert_nonnull (ui_test_find_button (settings, "120 seconds"));
  /* Outside the configuration's bounds (30 to 3600 s): not offered. */
  g_assert_null (ui_test_find_button (settings, "10 seconds"));

  gtk_widget_activate_action (settings, "settings.idle", "s", "120");
  UI_TEST_WAIT_UNTIL (!loket_admin_settings_is_busy (LOKET_ADMIN_SETTINGS (settings)), 10000);
  gtk_widget_activate_action (settings, "settings.language", "s", "en");
  UI_TEST_WAIT_UNTIL (!loket_admin_settings_is_busy (LOKET_ADMIN_SETTINGS (settings)), 10000);
  g_assert_null (loket_admin_settings_get_error (LOKET_ADMIN_SETTINGS (settings)));
  audit = last_audit (f);
  g_assert_cmpstr (audit, ==, "Budi setting default-language=en");

  /* In local.conf, the fleet's file untouched, and the running kiosk follows. */
  g_assert_true (g_file_get_contents (local_path, &local, NULL, NULL));
  g_assert_nonnull (strstr (local, "[kiosk]\n"));
  g_assert_nonnull (strstr (local, "idle-timeout = 120\n"));
  g_assert_nonnull (strstr (local, "default-language = en\n"));
  g_assert_true (g_file_get_contents (f->env->config_path, &fleet_after, NULL, NULL));
  g_assert_cmpstr (fleet_before, ==, fleet_after);
  g_assert_cmpuint (config->idle_timeout, ==, 120);
  g_assert_cmpstr (config->default_language, ==, "en");
  g_assert_true (ui_test_tree_contains (settings, "staff setting, in local.conf", NULL));

  /* check-config says which values come from local.conf, and where. */
  out = loketctl (f, "check-config", &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "local.conf:"));
  g_assert_nonnull (strstr (out, "[kiosk] idle-timeout = 120 (from local.conf"));
  g_assert_nonnull (strstr (out, "[kiosk] default-language = en (from local.conf"));

  /* A value out of bounds is refused, by loketctl as by the screen. */
  g_free (out);
  out = loketctl (f, "settings set idle-timeout 5", &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));

  /* The next citizen's Welcome is in English now. */
  ui_test_activate (f->window, "flow.restart", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  g_assert_cmpstr (loket_session_get_language (f->env->session), ==, "en");

  /* Back to the fleet's value. */
  settings = open_admin (f, LOKET_TYPE_ADMIN_SETTINGS);
  gtk_widget_activate_action (settings, "settings.reset", "s", "idle-timeout");
  UI_TEST_WAIT_UNTIL (!loket_admin_settings_is_busy (LOKET_ADMIN_SETTINGS (settings)), 10000);
  g_assert_cmpuint (config->idle_timeout, ==, 90);
  g_free (local);
  g_assert_true (g_file_get_contents (local_path, &local, NULL, NULL));
  g_assert_null (strstr (local, "idle-timeout"));
}

/* A copy of the shipped catalog in a folder of the test's own, which the reload reads. */
static void
copy_catalog (Fixture *f)
{
  f->catalog = ui_test_catalog_copy (f->env);
}

static void
edit_catalog (Fixture    *f,
              const char *file,
              const char *old,
              const char *new)
{
  ui_test_catalog_edit (f->catalog, file, old, new);
}

static LoketAdminCatalog *
reload (Fixture *f)
{
  LoketAdminCatalog *catalog = LOKET_ADMIN_CATALOG (open_admin (f, LOKET_TYPE_ADMIN_CATALOG));

  gtk_widget_activate_action (GTK_WIDGET (catalog), "catalog.reload", NULL);
  UI_TEST_WAIT_UNTIL (!loket_admin_catalog_is_busy (catalog), 20000);
  return catalog;
}

static void
test_catalog_broken (Fixture       *f,
                     gconstpointer  data)
{
  LoketCatalog *before = loket_session_get_catalog (f->env->session);
  LoketAdminCatalog *catalog;
  const char *result;

  copy_catalog (f);
  edit_catalog (f, "fields.json", "\"type\": \"nik\"", "\"type\": \"nikk\"");
  catalog = reload (f);
  result = loket_admin_catalog_get_result (catalog);
  g_test_message ("%s", result);
  g_assert_nonnull (strstr (result, "The catalog was not reloaded"));
  /* What and where. */
  g_assert_nonnull (strstr (result, "nikk"));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (catalog), "nikk", NULL));
  g_assert_cmpuint (loket_admin_catalog_get_swaps (catalog), ==, 0);
  g_assert_true (loket_session_get_catalog (f->env->session) == before);
  g_assert_nonnull (loket_choose_page_get_tile (next_citizen (f), "birth"));
}

/* Compiles po into the catalog's locale/id (msgfmt, as `loketctl catalog compile` runs). */
static void
compile_po (Fixture    *f,
            const char *po)
{
  g_autofree char *po_path = g_build_filename (f->catalog, "id.po", NULL);
  g_autofree char *dir = g_build_filename (f->catalog, "locale", "id", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (dir, "loket-catalog.mo", NULL);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_file_set_contents (po_path, po, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  line = g_strdup_printf ("msgfmt -o %s %s", mo, po_path);
  g_assert_true (g_spawn_command_line_sync (line, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_free (line);
  line = g_build_filename (f->catalog, "locale", NULL);
  g_setenv ("LOKET_CATALOG_LOCALEDIR", line, TRUE);
}

static void
test_catalog_valid (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *old_localedir = g_strdup (g_getenv ("LOKET_CATALOG_LOCALEDIR"));
  LoketAdminCatalog *catalog;
  LoketChoosePage *choose;
  GtkWidget *tile;

  copy_catalog (f);
  edit_catalog (f, "life-events.json", "\"title\": \"I moved house\"",
                "\"title\": \"I moved to a new home\"");
  compile_po (f, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                 "msgid \"I moved to a new home\"\nmsgstr \"Saya pindah ke rumah baru\"\n");
  catalog = reload (f);
  g_test_message ("%s", loket_admin_catalog_get_result (catalog));
  g_assert_cmpuint (loket_admin_catalog_get_swaps (catalog), ==, 1);

  /* The next citizen, in Indonesian: the new string, translated. */
  choose = next_citizen_in (f, "id");
  tile = loket_choose_page_get_tile (choose, "moving");
  g_assert_nonnull (tile);
  g_assert_true (ui_test_tree_contains (tile, "Saya pindah ke rumah baru", NULL));

  /* A second reload with another translation: glibc would keep the first .mo at a path it
   * has bound already; the fresh copy shows the new words. */
  compile_po (f, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                 "msgid \"I moved to a new home\"\nmsgstr \"Saya sudah pindah rumah\"\n");
  ui_test_activate (f->window, "flow.restart", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  catalog = reload (f);
  g_assert_cmpuint (loket_admin_catalog_get_swaps (catalog), >=, 1);
  choose = next_citizen_in (f, "id");
  tile = loket_choose_page_get_tile (choose, "moving");
  g_assert_true (ui_test_tree_contains (tile, "Saya sudah pindah rumah", NULL));
  if (old_localedir != NULL)
    g_setenv ("LOKET_CATALOG_LOCALEDIR", old_localedir, TRUE);
}

static void
test_clean (Fixture       *f,
            gconstpointer  data)
{
  LoketAdminClean *clean = LOKET_ADMIN_CLEAN (open_admin (f, LOKET_TYPE_ADMIN_CLEAN));
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *exit = ui_test_find_button (window, "Exit");
  GtkWidget *picked;
  graphene_point_t centre;

  loket_admin_clean_set_seconds (clean, 3);
  gtk_widget_activate_action (GTK_WIDGET (clean), "clean.start", NULL);
  g_assert_nonnull (loket_admin_clean_get_cover (clean));
  g_assert_cmpuint (loket_admin_clean_get_left (clean), ==, 3);
  /* The countdown shows on the full-window cover. */
  g_assert_true (ui_test_tree_contains (loket_admin_clean_get_cover (clean), "3", NULL));
  /* The cover is laid out before a tap is picked (its screenshot is test-admin-shots'). */
  ui_test_wait_frame (window);

  /* A tap on Exit lands on the cover, not on the button. */
  g_assert_true (gtk_widget_compute_point (exit, window, &GRAPHENE_POINT_INIT (10, 10), &centre));
  picked = gtk_widget_pick (window, centre.x, centre.y, GTK_PICK_DEFAULT);
  g_assert_nonnull (picked);
  g_assert_true (picked == loket_admin_clean_get_cover (clean) ||
                 gtk_widget_is_ancestor (picked, loket_admin_clean_get_cover (clean)));

  /* It counts down, then admin mode is back as it was. */
  UI_TEST_WAIT_UNTIL (loket_admin_clean_get_left (clean) == 2, 5000);
  UI_TEST_WAIT_UNTIL (loket_admin_clean_get_cover (clean) == NULL, 10000);
  g_assert_cmpstr (loket_window_get_page_name (f->window), ==, "admin");
  picked = gtk_widget_pick (window, centre.x, centre.y, GTK_PICK_DEFAULT);
  g_assert_true (picked == exit || gtk_widget_is_ancestor (picked, exit));
  UI_TEST_WAIT_UNTIL (audit_is (f, "Budi clean-screen -"), 10000);
}

/* Pending parts holding the citizen's name and NIK. */
static void
seed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *id0 = g_uuid_string_random ();
  g_autofree char *id1 = g_uuid_string_random ();
  const char *ids[2] = { id0, id1 };
  LoketOutboxPartSpec parts[2] = { { 0 }, { 0 } };
  LoketOutboxRequestSpec request = { 0 };
  g_autofree char *text = g_strdup_printf ("{\"name\":\"%s\",\"nik\":\"%s\"}",
                                           CITIZEN_NAME, CITIZEN_NIK);

  outbox = loket_outbox_open_for_config (f->env->config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  body = g_bytes_new (text, strlen (text));
  for (guint i = 0; i < 2; i++)
    {
      parts[i].part_id = ids[i];
      parts[i].service = i == 0 ? "ktp-address" : "kk-update";
      parts[i].agency = "dukcapil";
      parts[i].body = body;
    }
  request.tracking_code = code;
  request.language = "id";
  request.parts = parts;
  request.n_parts = 2;
  g_assert_true (loket_outbox_store_request (outbox, &request, &error));
  g_assert_no_error (error);
}

static void
assert_no_personal_data (Fixture *f)
{
  g_autoptr(GPtrArray) all = ui_test_collect (GTK_WIDGET (f->window));
  g_autofree char *where = NULL;

  if (ui_test_tree_contains (GTK_WIDGET (f->window), CITIZEN_NAME, &where) ||
      ui_test_tree_contains (GTK_WIDGET (f->window), CITIZEN_NIK, &where))
    g_error ("A citizen's data is on an admin screen: %s", where);
  /* Buttons' labels and tooltips too. */
  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *widget = all->pdata[i];
      const char *texts[] = {
        GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL,
        gtk_widget_get_tooltip_text (widget),
        GTK_IS_CHECK_BUTTON (widget) ? gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))
                                     : NULL,
      };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        g_assert_true (texts[t] == NULL || (strstr (texts[t], CITIZEN_NAME) == NULL &&
                                            strstr (texts[t], CITIZEN_NIK) == NULL));
    }
}

static void
test_no_personal_data (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const langs[] = { "en", "id" };

  seed (f);
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      GtkWidget *offer;
      GtkWidget *catalog;
      LoketAdminClean *clean;

      ui_test_activate (f->window, "flow.restart", NULL);
      ui_test_wait_for_page (f->window, "welcome");
      ui_test_activate (f->window, "flow.language", "s", langs[l]);
      /* The sign-in page (names, then the pad). */
      ui_test_activate (f->window, "flow.goto", "s", "admin-login");
      ui_test_wait_for_page (f->window, "admin-login");
      ui_test_activate (f->window, "admin.choose", "s", "Budi");
      assert_no_personal_data (f);
      /* Every screen of admin mode, each section with its actions' results shown. */
      ui_test_activate (f->window, "flow.restart", NULL);
      ui_test_wait_for_page (f->window, "welcome");
      ui_test_activate (f->window, "flow.language", "s", langs[l]);
      offer = open_admin (f, LOKET_TYPE_ADMIN_OFFER);
      UI_TEST_WAIT_UNTIL (loket_admin_page_get_status (LOKET_ADMIN_PAGE (loket_window_get_page (f->window))) != NULL, 5000);
      gtk_widget_activate_action (offer, "offer.off", "s", "service:kia");
      UI_TEST_WAIT_UNTIL (!loket_admin_offer_is_busy (LOKET_ADMIN_OFFER (offer)), 10000);
      catalog = loket_admin_tools_find (gtk_widget_get_parent (offer), LOKET_TYPE_ADMIN_CATALOG);
      gtk_widget_activate_action (catalog, "catalog.reload", NULL);
      UI_TEST_WAIT_UNTIL (!loket_admin_catalog_is_busy (LOKET_ADMIN_CATALOG (catalog)), 20000);
      ui_test_pump (300);   /* the status board's read, which has no "done" to wait for here */
      assert_no_personal_data (f);
      clean = LOKET_ADMIN_CLEAN (loket_admin_tools_find (gtk_widget_get_parent (offer),
                                                         LOKET_TYPE_ADMIN_CLEAN));
      loket_admin_clean_set_seconds (clean, 1);
      gtk_widget_activate_action (GTK_WIDGET (clean), "clean.start", NULL);
      assert_no_personal_data (f);
      UI_TEST_WAIT_UNTIL (loket_admin_clean_get_cover (clean) == NULL, 10000);
      /* Admin mode back as it was; its screenshots are test-admin-shots'. */
      g_assert_cmpstr (loket_window_get_page_name (f->window), ==, "admin");
    }
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-ops/offer", test_offer);
  ADD ("/admin-ops/settings", test_settings);
  ADD ("/admin-ops/catalog-broken", test_catalog_broken);
  ADD ("/admin-ops/catalog-valid", test_catalog_valid);
  ADD ("/admin-ops/clean", test_clean);
  ADD ("/admin-ops/no-personal-data", test_no_personal_data);
#undef ADD

  return g_test_run ();
}
