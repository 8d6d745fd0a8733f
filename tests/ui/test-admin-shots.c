/* test-admin-shots.c — every screen of admin mode past its door, in both languages, portrait
 * and landscape, in the default look and in large text with high contrast: each saved as a
 * PNG and failed when it does not fit its window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Admin mode is one page that scrolls: each section is scrolled to the top and shot with
 * ui_test_check_shot (the citizen screenshots' checks, and no control cut, squeezed or off
 * the window). The status board, the agencies, the printer, the parts needing staff and the
 * Cancel's question, out of service (admin mode and the Welcome it leaves), today's offer
 * with a life event switched off, the settings, the catalog's reload refused for a broken
 * catalog with its list of problems, and the countdown of Clean the screen. Parts holding a
 * citizen's name and NIK are in the outbox: neither shows on any of them. The door (names,
 * PIN pad, lockout) is shot by test-admin.
 */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "core/loket-tracking-code.h"
#include "outbox/loket-outbox.h"
#include "loket-admin-catalog.h"
#include "loket-admin-clean.h"
#include "loket-admin-mode.h"
#include "loket-admin-offer.h"
#include "loket-admin-page.h"
#include "loket-admin-settings.h"
#include "loket-admin-status.h"
#include "loket-admin-tools.h"
#include "ui-test-util.h"

#define CITIZEN_NAME "Wulandari Kusumaningtyas"
#define CITIZEN_NIK  "3174095512880042"

typedef struct {
  const char *name;
  int         width;
  int         height;
  gboolean    large_high_contrast;
} Size;

typedef struct {
  const Size     *size;
  const char     *language;
  UiTestEnv      *env;
  LoketWindow    *window;
  LoketAdminMode *mode;
  LoketStaff     *staff;
  char           *part_id;    /* the first part needing staff */
  char           *catalog;    /* a broken copy of the shipped catalog */
} Fixture;

/* A request of two parts holding the citizen's data, both needing staff after a 422, as the
 * delivery engine records it. */
static void
seed (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autofree char *second = g_uuid_string_random ();
  LoketOutboxPartSpec parts[2] = { { 0 }, { 0 } };
  LoketOutboxRequestSpec request = { 0 };
  g_autofree char *text = g_strdup_printf ("{\"name\":\"%s\",\"nik\":\"%s\"}",
                                           CITIZEN_NAME, CITIZEN_NIK);

  outbox = loket_outbox_open_for_config (f->env->config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  body = g_bytes_new (text, strlen (text));
  f->part_id = g_uuid_string_random ();
  for (guint i = 0; i < 2; i++)
    {
      parts[i].part_id = i == 0 ? f->part_id : second;
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

  claimed = loket_outbox_claim_due (outbox, "test", 60 * G_USEC_PER_SEC, 10, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < claimed->len; i++)
    {
      LoketOutboxResult result = { 0 };

      result.outcome = LOKET_OUTBOX_OUTCOME_NEEDS_STAFF;
      result.http_status = 422;
      result.error_text = "{\"code\":\"idempotency-key-reused\",\"status\":422}";
      result.reason = result.error_text;
      g_assert_true (loket_outbox_record_outcome (outbox, i == 0 ? f->part_id : second, "test",
                                                  &result, &error));
      g_assert_no_error (error);
    }
}

/* A copy of the shipped catalog with a field of a type that does not exist and a service
 * without its agency: the reload refuses it and lists both, with their files and paths. */
static void
break_catalog (Fixture *f)
{
  f->catalog = ui_test_catalog_copy (f->env);
  ui_test_catalog_edit (f->catalog, "fields.json", "\"type\": \"nik\"", "\"type\": \"nikk\"");
  ui_test_catalog_edit (f->catalog, "services-1-dukcapil.json", "\"agency\": \"dukcapil\"",
                        "\"agency\": \"dukcapil-lama\"");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->size = data;
  f->env = ui_test_env_new (NULL);
  f->staff = loket_staff_new_for_config (f->env->config);
  g_assert_true (loket_staff_add (f->staff, "test", "Budi", "246813", "246813", &error));
  g_assert_no_error (error);
  seed (f);
  f->window = ui_test_window_new (f->env, f->size->width, f->size->height);
  f->mode = loket_window_get_admin_mode (f->window);
  /* No idle warning over a shot, however slow the machine. */
  loket_window_set_idle_timeouts_ms (f->window, 600000, 30000);
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
  g_free (f->part_id);
}

static LoketAdminPage *
admin_page (Fixture *f)
{
  return LOKET_ADMIN_PAGE (loket_window_get_page (f->window));
}

static LoketAdminStatus *
status_of (Fixture *f)
{
  return LOKET_ADMIN_STATUS (loket_admin_page_get_status (admin_page (f)));
}

static GtkWidget *
section (Fixture *f,
         GType    type)
{
  GtkWidget *content = GTK_WIDGET (loket_admin_page_get_content (admin_page (f)));
  GtkWidget *found = loket_admin_tools_find (content, type);

  g_assert_nonnull (found);
  return found;
}

/* From Welcome in the fixture's language, Budi in (the door is test-admin's), the board read. */
static void
open_admin (Fixture *f)
{
  LoketAdminStatus *status;

  ui_test_activate (f->window, "flow.restart", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  ui_test_activate (f->window, "flow.language", "s", f->language);
  loket_admin_mode_enter (f->mode, "Budi");
  ui_test_activate (f->window, "flow.goto", "s", "admin");
  ui_test_wait_for_page (f->window, "admin");
  /* Welcome took the look back to the default; staff may want it too. */
  if (f->size->large_high_contrast)
    ui_test_set_look (f->window, TRUE);
  status = status_of (f);
  g_assert_nonnull (status);
  UI_TEST_WAIT_UNTIL (!loket_admin_status_is_busy (status) &&
                      loket_admin_status_get_reads (status) > 0, 10000);
}

/* Scrolls admin mode's page so that widget's top is at the top (or the page at its end). */
static void
scroll_to (Fixture   *f,
           GtkWidget *widget)
{
  GtkWidget *page = GTK_WIDGET (loket_window_get_page (f->window));
  GtkWidget *scroller = gtk_widget_get_ancestor (page, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds;

  /* What the last step changed is laid out before it is measured. */
  ui_test_wait_frame (GTK_WIDGET (f->window));
  if (widget == NULL)
    bounds.origin.y = 0;
  else
    g_assert_true (gtk_widget_compute_bounds (widget, page, &bounds));
  gtk_adjustment_set_value (adjustment, MAX (0, bounds.origin.y - 24));
}

/* The status board's nth heading: Service, Status, Agencies, Printer, Parts needing staff. */
static GtkWidget *
board_heading (Fixture *f,
               guint    n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (status_of (f)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "loket-lead") && n-- == 0)
      return child;
  g_assert_not_reached ();
}

static void
shoot (Fixture    *f,
       const char *what)
{
  g_autofree char *name = g_strdup_printf ("admin-%s-%s-%s", what, f->language, f->size->name);
  g_autofree char *where = NULL;

  if (ui_test_tree_contains (GTK_WIDGET (f->window), CITIZEN_NAME, &where) ||
      ui_test_tree_contains (GTK_WIDGET (f->window), CITIZEN_NIK, &where))
    g_error ("%s: a citizen's data is on an admin screen: %s", name, where);
  ui_test_check_shot (f->window, f->size->width, f->size->height, name);
}

/* Runs a status board action and waits for it and the board's read after it. */
static void
act (Fixture    *f,
     const char *action,
     const char *target)
{
  LoketAdminStatus *status = status_of (f);
  guint reads = loket_admin_status_get_reads (status);

  gtk_widget_activate_action (GTK_WIDGET (status), action, "s", target);
  UI_TEST_WAIT_UNTIL (!loket_admin_status_is_busy (status) &&
                      loket_admin_status_get_reads (status) > reads, 10000);
  g_assert_null (loket_admin_status_get_error (status));
}

static void
shoot_board (Fixture *f)
{
  LoketServiceState *state = loket_session_get_service_state (f->env->session);

  open_admin (f);
  /* In the fixture's language. */
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->window),
                                        g_str_equal (f->language, "id") ? "Keadaan" : "Status"));
  scroll_to (f, NULL);
  shoot (f, "status");
  scroll_to (f, board_heading (f, 2));
  shoot (f, "agencies");
  scroll_to (f, board_heading (f, 3));
  shoot (f, "printer");
  scroll_to (f, board_heading (f, 4));
  shoot (f, "parts");

  /* Cancel asks first, with what it means for the citizen. */
  gtk_widget_activate_action (GTK_WIDGET (status_of (f)), "status.cancel", "s", f->part_id);
  scroll_to (f, board_heading (f, 4));
  shoot (f, "parts-cancel");
  gtk_widget_activate_action (GTK_WIDGET (status_of (f)), "status.cancel-keep", "s", f->part_id);

  /* Out of service: admin mode's line and button, and the Welcome citizens see. */
  act (f, "status.out-of-service", "maintenance");
  g_assert_false (loket_service_state_in_service (state));
  scroll_to (f, NULL);
  shoot (f, "out-of-service");
  ui_test_activate (f->window, "flow.next", NULL);
  ui_test_wait_for_page (f->window, "welcome");
  if (f->size->large_high_contrast)
    ui_test_set_look (f->window, TRUE);
  shoot (f, "out-of-service-welcome");
  open_admin (f);
  act (f, "status.out-of-service", "");
  g_assert_true (loket_service_state_in_service (state));
}

static void
shoot_tools (Fixture *f)
{
  GtkWidget *offer = section (f, LOKET_TYPE_ADMIN_OFFER);
  GtkWidget *catalog = section (f, LOKET_TYPE_ADMIN_CATALOG);
  GtkWidget *clean = section (f, LOKET_TYPE_ADMIN_CLEAN);

  /* Today's offer, a life event off today. */
  gtk_widget_activate_action (offer, "offer.off", "s", "life-event:moving");
  UI_TEST_WAIT_UNTIL (!loket_admin_offer_is_busy (LOKET_ADMIN_OFFER (offer)), 10000);
  g_assert_null (loket_admin_offer_get_error (LOKET_ADMIN_OFFER (offer)));
  scroll_to (f, offer);
  shoot (f, "offer");
  gtk_widget_activate_action (offer, "offer.on", "s", "life-event:moving");
  UI_TEST_WAIT_UNTIL (!loket_admin_offer_is_busy (LOKET_ADMIN_OFFER (offer)), 10000);

  scroll_to (f, section (f, LOKET_TYPE_ADMIN_SETTINGS));
  shoot (f, "settings");

  /* The broken catalog refused, its problems listed. */
  gtk_widget_activate_action (catalog, "catalog.reload", NULL);
  UI_TEST_WAIT_UNTIL (!loket_admin_catalog_is_busy (LOKET_ADMIN_CATALOG (catalog)), 20000);
  g_assert_cmpuint (loket_admin_catalog_get_swaps (LOKET_ADMIN_CATALOG (catalog)), ==, 0);
  g_assert_true (ui_test_tree_contains (catalog, "nikk", NULL));
  scroll_to (f, catalog);
  shoot (f, "catalog-broken");

  /* The countdown's cover over the whole window (long enough for the shot to be taken). */
  loket_admin_clean_set_seconds (LOKET_ADMIN_CLEAN (clean), 4);
  gtk_widget_activate_action (clean, "clean.start", NULL);
  g_assert_nonnull (loket_admin_clean_get_cover (LOKET_ADMIN_CLEAN (clean)));
  shoot (f, "clean");
  g_assert_nonnull (loket_admin_clean_get_cover (LOKET_ADMIN_CLEAN (clean)));
  UI_TEST_WAIT_UNTIL (loket_admin_clean_get_cover (LOKET_ADMIN_CLEAN (clean)) == NULL, 15000);
}

static void
test_shots (Fixture       *f,
            gconstpointer  data)
{
  static const char *const languages[] = { "en", "id" };

  break_catalog (f);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      f->language = languages[l];
      shoot_board (f);
      shoot_tools (f);
      ui_test_activate (f->window, "flow.next", NULL);
      ui_test_wait_for_page (f->window, "welcome");
    }
}

/* The check itself, on controls that do not make their window grow: a button clipped at
 * the right edge (in a scroller that does not scroll sideways) and one laid over the bottom
 * edge are reported; one below the bottom inside a scrolled window, or one that fits, not. */
static void
test_check_fails (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *wide = gtk_scrolled_window_new ();
  GtkWidget *row = gtk_fixed_new ();
  GtkWidget *tall = gtk_scrolled_window_new ();
  GtkWidget *column = gtk_fixed_new ();
  GtkWidget *bottom = gtk_button_new_with_label ("Bottom edge");
  g_autofree char *found = NULL;

  gtk_fixed_put (GTK_FIXED (row), gtk_button_new_with_label ("Fits"), 10, 10);
  gtk_fixed_put (GTK_FIXED (row), gtk_button_new_with_label ("Right edge"), 350, 10);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (wide), GTK_POLICY_EXTERNAL,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (wide), row);
  gtk_fixed_put (GTK_FIXED (column), gtk_button_new_with_label ("Scrolled to"), 10, 400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (tall), column);
  gtk_widget_set_size_request (tall, -1, 150);
  gtk_box_append (GTK_BOX (box), wide);
  gtk_box_append (GTK_BOX (box), tall);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), box);
  gtk_widget_set_halign (bottom, GTK_ALIGN_START);
  gtk_widget_set_valign (bottom, GTK_ALIGN_START);
  /* An overlay's size is its main child's: this one reaches past it. */
  gtk_widget_set_margin_top (bottom, 280);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), bottom);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_present (GTK_WINDOW (window));
  UI_TEST_WAIT_UNTIL (gtk_widget_get_mapped (column), 5000);
  ui_test_wait_frame (window);
  g_test_message ("window %d×%d", gtk_widget_get_width (window), gtk_widget_get_height (window));
  g_assert_cmpint (gtk_widget_get_width (window), ==, 400);

  found = ui_test_find_cut_controls (window);
  g_test_message ("%s", found);
  g_assert_nonnull (found);
  g_assert_nonnull (strstr (found, "\"Right edge\""));
  g_assert_nonnull (strstr (found, "\"Bottom edge\""));
  g_assert_null (strstr (found, "\"Fits\""));
  g_assert_null (strstr (found, "\"Scrolled to\""));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  static const Size sizes[] = {
    { "portrait", 1080, 1920, FALSE },
    { "landscape", 1920, 1080, FALSE },
    { "portrait-large-high-contrast", 1080, 1920, TRUE },
    { "landscape-large-high-contrast", 1920, 1080, TRUE },
  };

  ui_test_init (&argc, &argv);

  g_test_add_func ("/admin-shots/check-fails", test_check_fails);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/admin-shots/%s", sizes[i].name);

      g_test_add (path, Fixture, &sizes[i], fixture_set_up, test_shots, fixture_tear_down);
    }

  return g_test_run ();
}
