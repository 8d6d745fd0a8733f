/* test-receipt.c — the receipt page: the code, a QR a phone can read from the screen, printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"
#include "loket-qr-image.h"
#include "loket-receipt-page.h"
#include "pages-test.h"

/* What zbarimg reads from a PNG (the payload of the one code in it), or NULL. */
static char *
scan_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "zbarimg", "--raw", "-q", path, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("zbarimg %s: %s", path, err);
      return NULL;
    }
  return g_strdup (g_strstrip (out));
}

/* The payload read back from what is scanned is the code the page shows. */
static void
assert_scans_to_code (const char       *path,
                      UiTestEnv        *env,
                      LoketReceiptPage *page)
{
  g_autofree char *scanned = scan_png (path);
  g_autoptr(LoketQrPayload) payload = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (scanned);
  payload = loket_qr_payload_parse (scanned, env->config->tracking_url, &error);
  g_assert_no_error (error);
  shown = loket_tracking_code_format (payload->code);
  g_assert_cmpstr (shown, ==, loket_receipt_page_get_code (page));
  g_assert_cmpstr (payload->code, ==, loket_session_get_tracking_code (env->session));
}

static gboolean
print_done (gpointer data)
{
  return loket_receipt_page_get_print_done (data);
}

static void
check_receipt (const char *extra_config)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (extra_config);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *display = NULL;
  g_autofree char *qr_path = NULL;
  g_autofree char *widget_path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  LoketReceiptPage *page;
  LoketQrImage *qr;
  GtkWindow *window;
  GDir *receipts;
  guint n_files = 0;
  guint n_modules;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);

  page = g_object_new (LOKET_TYPE_RECEIPT_PAGE, "session", env->session, NULL);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  g_assert_cmpstr (loket_page_get_next_label (LOKET_PAGE (page)), ==, _("Finish"));
  g_assert_false (loket_page_get_show_back (LOKET_PAGE (page)));
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));

  /* The code large, in its grouped form. */
  display = loket_tracking_code_format (code);
  g_assert_cmpstr (loket_receipt_page_get_code (page), ==, display);
  g_assert_cmpuint (strlen (display), ==, LOKET_TRACKING_CODE_DISPLAY_LENGTH);
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), display, NULL));

  /* The QR, as drawn on screen, read back by a scanner: the same code. */
  qr = LOKET_QR_IMAGE (loket_receipt_page_get_qr_image (page));
  n_modules = loket_qr_image_get_n_modules (qr);
  g_assert_cmpuint (n_modules, >=, 21 + 8);
  /* Big enough for a phone at arm's length: at least 8 screen pixels a module. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (qr)) / (int) n_modules, >=, 8);
  g_test_message ("QR: %u modules with the quiet zone, %d px wide on screen (%d px a module)",
                  n_modules, gtk_widget_get_width (GTK_WIDGET (qr)),
                  gtk_widget_get_width (GTK_WIDGET (qr)) / (int) n_modules);
  widget_path = ui_test_screenshot (GTK_WIDGET (qr), "receipt-qr-on-screen");
  assert_scans_to_code (widget_path, env, page);

  /* The texture at a few pixels a module too (what the widget draws, unscaled). */
  texture = loket_qr_image_render (qr, 4);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) n_modules * 4);
  dir = g_build_filename (env->dir, "qr", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  qr_path = g_build_filename (dir, "qr.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, qr_path));
  assert_scans_to_code (qr_path, env, page);

  /* Printing (the test kiosk prints PDF files) ends with a word for the citizen. */
  g_assert_true (ui_test_wait_until (print_done, page, 30000));
  g_assert_cmpstr (loket_receipt_page_get_print_text (page), ==,
                   _("Your receipt is printed. Please take it."));
  receipts = g_dir_open (env->receipts, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (receipts) != NULL)
    n_files++;
  g_dir_close (receipts);
  g_assert_cmpuint (n_files, ==, 1);
  pages_window_destroy (window);

  /* The page built again (a language change rebuilds pages) says the same, prints nothing. */
  page = g_object_new (LOKET_TYPE_RECEIPT_PAGE, "session", env->session, NULL);
  window = pages_window (LOKET_PAGE (page), 1920, 1080, NULL);
  loket_page_shown (LOKET_PAGE (page));
  g_assert_true (loket_receipt_page_get_print_done (page));
  g_assert_cmpstr (loket_receipt_page_get_print_text (page), ==,
                   _("Your receipt is printed. Please take it."));
  ui_test_pump (500);
  n_files = 0;
  receipts = g_dir_open (env->receipts, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (receipts) != NULL)
    n_files++;
  g_dir_close (receipts);
  g_assert_cmpuint (n_files, ==, 1);
  pages_window_destroy (window);
}

static void
test_receipt_loket1 (void)
{
  check_receipt (NULL);
}

static void
test_receipt_url (void)
{
  check_receipt ("[tracking]\nurl = https://lacak.example.go.id/t/{code}?a={agencies}\n");
}

static void
test_receipt_screenshots (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  const char *languages[] = { "id", "en" };

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      pages_screenshot (env, "receipt", languages[i], 1080, 1920, "receipt");
      pages_screenshot (env, "receipt", languages[i], 1920, 1080, "receipt");
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/receipt/loket1-payload", test_receipt_loket1);
  g_test_add_func ("/receipt/url-payload", test_receipt_url);
  g_test_add_func ("/receipt/screenshots", test_receipt_screenshots);

  return g_test_run ();
}
