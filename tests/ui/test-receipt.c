/* test-receipt.c — the receipt page: the code, a QR a phone can read from the screen, printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "core/loket-format.h"
#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"
#include "print/loket-printer.h"
#include "loket-qr-image.h"
#include "loket-receipt-page.h"
#include "loket-theme.h"
#include "pages-test.h"

/* The payload read back from what is scanned is the code the page shows. */
static void
assert_scans_to_code (const char       *path,
                      UiTestEnv        *env,
                      LoketReceiptPage *page)
{
  g_autofree char *scanned = ui_test_scan_png (path);
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
  /* A page prints when it is shown: had it begun again, print_done would be FALSE now.
   * What the showing set off has run once nothing is left to do. */
  ui_test_drain ();
  g_assert_true (loket_receipt_page_get_print_done (page));
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

/* Every label under root that is mapped, one a line: what the page shows. */
static char *
shown_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (all, i);

      if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
    }
  return g_string_free (text, FALSE);
}

static void
assert_shows (const char *shown,
              const char *text)
{
  if (strstr (shown, text) == NULL)
    g_error ("the page does not show “%s”; it shows:\n%s", text, shown);
}

static void
assert_does_not_show (const char *shown,
                      const char *text)
{
  if (strstr (shown, text) != NULL)
    g_error ("the page still shows “%s”:\n%s", text, shown);
}

/* The window shows a page (not between two) with this title. */
static gboolean
page_title_is (LoketWindow *window,
               const char  *title)
{
  LoketPage *page = loket_window_get_page (window);

  return page != NULL && g_strcmp0 (loket_page_get_title (page), title) == 0;
}

static LoketReceiptPage *
current_receipt_page (LoketWindow *window)
{
  LoketPage *page = loket_window_get_page (window);

  g_assert_true (LOKET_IS_RECEIPT_PAGE (page));
  return LOKET_RECEIPT_PAGE (page);
}

typedef struct {
  LoketPrintOutcome *outcome;
  gboolean           done;
} Printed;

static void
printed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Printed *printed = user_data;

  printed->outcome = loket_printer_print_finish (LOKET_PRINTER (source), result, NULL);
  printed->done = TRUE;
}

static gboolean
printed_done (gpointer data)
{
  return ((Printed *) data)->done;
}

/* pdftotext of a PDF, runs of white space made one space. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) words = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  words = g_strsplit_set (out, " \t\n\f", -1);
  return g_strjoinv (" ", (char **) words);
}

/* One receipt part, as the page must show it: its lines in the page's own phrasing. */
static void
assert_part_shown (const char             *shown,
                   const LoketReceiptPart *part)
{
  assert_shows (shown, part->title);
  assert_shows (shown, part->state);
  if (part->expected != NULL)
    assert_shows (shown, part->expected);
  if (part->fee != NULL)
    assert_shows (shown, part->fee);
}

/* The checklist at the top: every part's documents, each once. */
static void
assert_checklist_shown (const char   *shown,
                        LoketReceipt *receipt)
{
  const char * const *documents = loket_receipt_get_documents (receipt);

  g_assert_nonnull (documents[0]);
  for (guint i = 0; documents[i] != NULL; i++)
    assert_shows (shown, documents[i]);
}

/* Issue 8: a language switch on the Receipt page (the header's language button, which
 * activates flow.language) re-renders everything at once: the captions, each part's state
 * words, the documents, the dates and fees in the new language's format, what is said about
 * printing; and a receipt printed afterwards is in the new language. Nothing is printed
 * twice. */
static void
test_receipt_language_switch (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxRequest) stored = NULL;
  g_autoptr(LoketReceipt) direct_en = NULL;
  g_autoptr(LoketReceipt) direct_id = NULL;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *code = NULL;
  g_autofree char *shown_id = NULL;
  g_autofree char *shown_en = NULL;
  g_autofree char *text_en = NULL;
  g_autofree char *text_page = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *when_en = NULL;
  g_autofree char *when_id = NULL;
  g_autofree char *intro_id = NULL;
  g_autofree char *printed_id = NULL;
  Printed printed = { 0 };
  LoketReceiptPage *page;
  LoketReceipt *receipt;
  LoketWindow *window;
  GtkWidget *english;
  GPtrArray *parts_en;
  GPtrArray *parts_id;
  GDir *receipts;
  guint n_files = 0;

  pages_fill_request (loket_session_get_request (env->session), "birth", TRUE);
  code = loket_session_submit (env->session, NULL, &error);
  g_assert_no_error (error);
  stored = loket_outbox_get_request (loket_session_get_outbox (env->session), code, &error);
  g_assert_no_error (error);

  /* The citizen is on the Receipt page in Indonesian, and the receipt has been printed. */
  loket_session_set_language (env->session, "id");
  window = ui_test_window_new (env, 1080, 1920);
  target = g_variant_ref_sink (g_variant_new_string ("receipt"));
  gtk_widget_activate_action_variant (GTK_WIDGET (loket_window_get_page (window)), "flow.goto",
                                      target);
  ui_test_wait_for_page (window, "receipt");
  page = current_receipt_page (window);
  g_assert_true (ui_test_wait_until (print_done, page, 30000));
  UI_TEST_WAIT_UNTIL (g_strcmp0 (loket_receipt_page_get_print_text (page),
                                 _("Your receipt is printed. Please take it.")) == 0, 5000);

  direct_id = loket_receipt_new_full (env->config, loket_session_get_catalog (env->session),
                                      stored, "id", NULL,
                                      loket_session_get_request (env->session), &error);
  g_assert_no_error (error);
  shown_id = shown_text (GTK_WIDGET (page));
  intro_id = g_strdup_printf (_("Your request is stored safely. Your tracking code is %s."),
                              loket_receipt_page_get_code (page));
  printed_id = g_strdup (_("Your receipt is printed. Please take it."));
  assert_shows (shown_id, intro_id);
  assert_shows (shown_id, _("Your tracking code"));
  g_assert_cmpstr (loket_receipt_page_get_print_text (page), ==, printed_id);
  parts_id = loket_receipt_get_parts (direct_id);
  for (guint i = 0; i < parts_id->len; i++)
    assert_part_shown (shown_id, g_ptr_array_index (parts_id, i));
  assert_checklist_shown (shown_id, direct_id);

  /* The citizen taps "English" in the header. */
  english = ui_test_find_button (GTK_WIDGET (window), "English");
  g_assert_nonnull (english);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (english));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (english), TRUE);
  /* The page is built again in English. */
  UI_TEST_WAIT_UNTIL (page_title_is (window, "Your request is submitted"), 5000);
  g_assert_cmpstr (loket_session_get_language (env->session), ==, "en");
  ui_test_wait_for_page (window, "receipt");
  page = current_receipt_page (window);
  shown_en = shown_text (GTK_WIDGET (page));
  ui_test_screenshot (GTK_WIDGET (window), "receipt-switched-to-en-portrait");

  /* The page's own words… */
  g_assert_cmpstr (loket_page_get_title (LOKET_PAGE (page)), ==, "Your request is submitted");
  assert_shows (shown_en, "Your tracking code");
  {
    g_autofree char *intro_en = g_strdup_printf ("Your request is stored safely. Your tracking "
                                                 "code is %s.",
                                                 loket_receipt_page_get_code (page));

    assert_shows (shown_en, intro_en);
    assert_shows (shown_en, "What to do now");
  }
  assert_does_not_show (shown_en, intro_id);
  g_assert_cmpstr (loket_receipt_page_get_print_text (page), ==,
                   "Your receipt is printed. Please take it.");
  assert_shows (shown_en, "Your receipt is printed. Please take it.");
  assert_does_not_show (shown_en, printed_id);
  g_assert_cmpstr (loket_page_get_next_label (LOKET_PAGE (page)), ==, "Finish");

  /* …and the receipt's: every part as an English receipt of the same request says it
   * (state words, documents, the expected date and the fee in English formats), and
   * nothing of the Indonesian one that English says otherwise. */
  receipt = loket_receipt_page_get_receipt (page);
  g_assert_nonnull (receipt);
  g_assert_cmpstr (loket_receipt_get_language (receipt), ==, "en");
  direct_en = loket_receipt_new_full (env->config, loket_session_get_catalog (env->session),
                                      stored, "en", NULL,
                                      loket_session_get_request (env->session), &error);
  g_assert_no_error (error);
  assert_checklist_shown (shown_en, direct_en);
  parts_en = loket_receipt_get_parts (direct_en);
  g_assert_cmpuint (parts_en->len, ==, parts_id->len);
  for (guint i = 0; i < parts_en->len; i++)
    {
      const LoketReceiptPart *en = g_ptr_array_index (parts_en, i);
      const LoketReceiptPart *id = g_ptr_array_index (parts_id, i);

      assert_part_shown (shown_en, en);
      g_assert_cmpstr (en->state, !=, id->state);
      assert_does_not_show (shown_en, id->state);
      if (g_strcmp0 (en->fee, id->fee) != 0)
        assert_does_not_show (shown_en, id->fee);
      if (g_strcmp0 (en->expected, id->expected) != 0)
        assert_does_not_show (shown_en, id->expected);
      for (guint d = 0; id->documents[d] != NULL; d++)
        if (!g_strv_contains ((const char * const *) en->documents, id->documents[d]))
          assert_does_not_show (shown_en, id->documents[d]);
    }
  text_en = loket_receipt_to_text (direct_en);
  text_page = loket_receipt_to_text (receipt);
  g_assert_cmpstr (text_page, ==, text_en);

  /* The paper is not printed again by the switch (a print would begin as the page is shown,
   * and print_done be FALSE until it ends). */
  ui_test_drain ();
  g_assert_true (loket_receipt_page_get_print_done (page));
  receipts = g_dir_open (env->receipts, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (receipts) != NULL)
    n_files++;
  g_dir_close (receipts);
  g_assert_cmpuint (n_files, ==, 1);

  /* A reprint of what the page shows (as staff would make it) is in English, its date and
   * time in the English format. */
  printer = loket_printer_new (env->config);
  loket_printer_print_async (printer, receipt, NULL, printed_cb, &printed);
  g_assert_true (ui_test_wait_until (printed_done, &printed, 30000));
  g_assert_nonnull (printed.outcome);
  g_assert_cmpint (printed.outcome->status, ==, LOKET_PRINT_PRINTED);
  printed_text = pdf_text (printed.outcome->file);
  g_test_message ("reprint: %s", printed_text);
  g_assert_nonnull (strstr (printed_text, "Your tracking code"));
  g_assert_nonnull (strstr (printed_text, "Keep this receipt until every service is done."));
  when_en = loket_format_date_time ("en", loket_receipt_get_created_at (receipt));
  when_id = loket_format_date_time ("id", loket_receipt_get_created_at (receipt));
  g_assert_cmpstr (when_en, !=, when_id);
  g_assert_nonnull (strstr (printed_text, when_en));
  g_assert_null (strstr (printed_text, when_id));
  loket_print_outcome_free (printed.outcome);

  /* And back: Bahasa Indonesia again, all of it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ui_test_find_button (GTK_WIDGET (window),
                                                                        "Bahasa Indonesia")),
                                TRUE);
  UI_TEST_WAIT_UNTIL (g_strcmp0 (loket_session_get_language (env->session), "id") == 0 &&
                      page_title_is (window, _("Your request is submitted")), 5000);
  ui_test_wait_for_page (window, "receipt");
  page = current_receipt_page (window);
  g_clear_pointer (&shown_en, g_free);
  shown_en = shown_text (GTK_WIDGET (page));
  assert_shows (shown_en, intro_id);
  g_assert_cmpstr (loket_receipt_page_get_print_text (page), ==, printed_id);
  for (guint i = 0; i < parts_id->len; i++)
    assert_part_shown (shown_en, g_ptr_array_index (parts_id, i));

  ui_test_window_destroy (window);
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
  for (guint look = 0; look < 2; look++)
    {
      loket_theme_set (gdk_display_get_default (), look == 1, look == 1);
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        {
          const char *name = look == 1 ? "receipt-large-contrast" : "receipt";

          pages_screenshot (env, "receipt", languages[i], 1080, 1920, name);
          pages_screenshot (env, "receipt", languages[i], 1920, 1080, name);
        }
    }
  loket_theme_set (gdk_display_get_default (), FALSE, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/receipt/loket1-payload", test_receipt_loket1);
  g_test_add_func ("/receipt/url-payload", test_receipt_url);
  g_test_add_func ("/receipt/language-switch", test_receipt_language_switch);
  g_test_add_func ("/receipt/screenshots", test_receipt_screenshots);

  return g_test_run ();
}
