/* test-receipt.c — the receipt's content, and its PDF and PNG at every width: the QR decodes
 * to the core's payload, the text is all there, nothing personal is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"
#include "print/loket-escpos.h"
#include "print/loket-receipt-render.h"
#include "print-test-util.h"

static const LoketPaperWidth widths[] = { LOKET_PAPER_58MM, LOKET_PAPER_80MM, LOKET_PAPER_A4 };

static const char *
part_lines_joined (LoketReceipt *receipt,
                   const char   *title,
                   char        **out)
{
  GPtrArray *blocks = loket_receipt_get_blocks (receipt);

  for (guint i = 0; i < blocks->len; i++)
    {
      LoketReceiptBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == LOKET_RECEIPT_BLOCK_PART && g_str_equal (block->text, title))
        {
          *out = g_strjoinv ("|", block->lines);
          return *out;
        }
    }
  g_assert_not_reached ();
}

static void
test_content (void)
{
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *birth = NULL, *kk = NULL, *bpjs = NULL, *sign = NULL;
  GPtrArray *blocks, *parts;
  LoketReceiptPart *part;

  print_test_env_init (&env);
  config = print_test_config (&env, FALSE, NULL);
  receipt = print_test_receipt (&env, config, env.code, "en");

  g_assert_cmpstr (loket_receipt_get_code (receipt), ==, env.code);
  g_assert_cmpuint (strlen (loket_receipt_get_display_code (receipt)), ==, 16);
  g_assert_cmpstr (loket_receipt_get_language (receipt), ==, "en");

  blocks = loket_receipt_get_blocks (receipt);
  g_assert_cmpint (((LoketReceiptBlock *) g_ptr_array_index (blocks, 0))->kind, ==,
                   LOKET_RECEIPT_BLOCK_TITLE);
  g_assert_cmpstr (((LoketReceiptBlock *) g_ptr_array_index (blocks, 0))->text, ==, TEST_SITE);

  text = loket_receipt_to_text (receipt);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Kiosk kiosk-7\n"));
  g_assert_nonnull (strstr (text, "27 November 2026, 10:00\n"));
  g_assert_nonnull (strstr (text, loket_receipt_get_display_code (receipt)));
  /* No tracking page: the QR serves kiosks only, and the words say so. */
  g_assert_nonnull (strstr (text, "Scan at any Loket kiosk, or type the code there, to follow "
                                  "your request.\n"));
  g_assert_null (strstr (text, "phone"));
  g_assert_null (strstr (text, TEST_NAME));
  g_assert_null (strstr (text, TEST_NIK));

  g_assert_cmpstr (part_lines_joined (receipt, "Birth certificate", &birth), ==,
                   "Agency: Dukcapil|Status: reached Dukcapil, reference " TEST_REFERENCE
                   "|Expected by: 30 November 2026|Fee: Free|Bring:"
                   "|• Birth letter from the hospital|• Family card (KK)"
                   "|• Marriage book (only if it applies)"
                   "|Show your identity card at the counter|Where to go: Counter 3, ground floor");
  g_assert_cmpstr (part_lines_joined (receipt, "Family card with the new child", &kk), ==,
                   "Agency: Dukcapil|Status: will be sent after Birth certificate"
                   "|Expected by: 2 December 2026|Fee: Free|Where to go: Counter 3, ground floor");
  g_assert_cmpstr (part_lines_joined (receipt, "Health insurance for the newborn", &bpjs), ==,
                   "Agency: BPJS Kesehatan|Status: rejected: " TEST_REASON
                   "|Expected by: 1 December 2026|Fee: Free|Bring:|• Family card (KK)"
                   "|Where to go: Counter 4, ground floor");
  g_assert_cmpstr (part_lines_joined (receipt, "Signboard permit", &sign), ==,
                   "Agency: DPMPTSP|Status: queued, will be sent automatically"
                   "|Expected by: 4 December 2026|Fee: Rp 50,000");

  parts = loket_receipt_get_parts (receipt);
  g_assert_cmpuint (parts->len, ==, 4);
  part = g_ptr_array_index (parts, 0);
  g_assert_true (part->show_identity);
  g_assert_cmpstr (part->service, ==, "birth-certificate");
  part = g_ptr_array_index (parts, 3);
  g_assert_false (part->show_identity);
  g_assert_null (part->location);
  g_assert_cmpstr (part->fee, ==, "Rp 50,000");

  print_test_env_clear (&env);
}

static void
test_rejected_without_reason (void)
{
  PrintTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autofree char *expected = NULL;
  LoketReceiptPart *part;

  print_test_env_init (&env);
  config = print_test_config (&env, FALSE, NULL);
  request = loket_outbox_get_request (env.outbox, env.code, &error);
  g_assert_no_error (error);
  receipt = loket_receipt_new (config, env.catalog, request, "id", NULL, &error);
  g_assert_no_error (error);

  /* In the receipt's language, whatever the translation says. */
  loket_i18n_set_language ("id");
  expected = g_strdup (g_dgettext (GETTEXT_PACKAGE, "rejected: please ask at the counter"));
  loket_i18n_set_language ("en");
  part = g_ptr_array_index (loket_receipt_get_parts (receipt), 2);
  g_assert_cmpstr (part->state, ==, expected);
  g_clear_pointer (&receipt, loket_receipt_unref);

  receipt = loket_receipt_new (config, env.catalog, request, "en", NULL, &error);
  g_assert_no_error (error);
  part = g_ptr_array_index (loket_receipt_get_parts (receipt), 2);
  g_assert_cmpstr (part->state, ==, "rejected: please ask at the counter");
  g_clear_pointer (&receipt, loket_receipt_unref);

  receipt = loket_receipt_new (config, env.catalog, request, "id", NULL, &error);
  g_assert_no_error (error);
  /* Money and dates follow the receipt's language, whatever the process's. */
  part = g_ptr_array_index (loket_receipt_get_parts (receipt), 3);
  g_assert_cmpstr (part->fee, ==, "Rp 50.000");
  g_assert_cmpstr (part->expected, ==, "4 Desember 2026");
  g_assert_cmpstr (loket_i18n_get_language (), ==, "en");

  print_test_env_clear (&env);
}

static void
test_invalid_request (void)
{
  PrintTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  LoketOutboxRequest empty = { .tracking_code = NULL, .language = (char *) "en" };
  LoketReceipt *receipt;

  print_test_env_init (&env);
  config = print_test_config (&env, FALSE, NULL);

  empty.tracking_code = env.code;
  empty.parts = g_ptr_array_new ();
  receipt = loket_receipt_new (config, env.catalog, &empty, NULL, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_INVALID);
  g_clear_error (&error);

  empty.tracking_code = (char *) "ABCD";
  receipt = loket_receipt_new (config, env.catalog, &empty, NULL, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_INVALID);
  g_ptr_array_unref (empty.parts);

  print_test_env_clear (&env);
}

static void
check_payload (const char   *decoded,
               const char   *expected,
               const char   *code,
               LoketConfig  *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketQrPayload) payload = NULL;

  g_assert_nonnull (decoded);
  g_assert_cmpstr (decoded, ==, expected);
  payload = loket_qr_payload_parse (decoded, config->tracking_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (payload->code, ==, code);
}

static void
test_qr_decodes (gconstpointer data)
{
  gboolean with_url = GPOINTER_TO_INT (data);
  static const char * const agencies[] = { "dukcapil", "bpjs-kesehatan", "dpmptsp", NULL };
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autofree char *expected = NULL;

  print_test_env_init (&env);
  config = print_test_config (&env, with_url, NULL);
  receipt = print_test_receipt (&env, config, env.code, "en");

  expected = loket_qr_payload_build (config->tracking_url, env.code, agencies);
  g_assert_cmpstr (loket_receipt_get_qr_payload (receipt), ==, expected);
  if (with_url)
    g_assert_true (g_str_has_prefix (expected, "https://track.example.go.id/t/"));
  else
    g_assert_true (g_str_has_prefix (expected, "LOKET1:"));

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = loket_receipt_render (receipt, LOKET_RECEIPT_FORMAT_PNG, widths[w], &error);
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *png_name = g_strdup_printf ("receipt-%s.png", loket_paper_width_to_string (widths[w]));
      g_autofree char *pdf_name = g_strdup_printf ("receipt-%s.pdf", loket_paper_width_to_string (widths[w]));
      g_autofree char *png_path = NULL, *pdf_path = NULL;
      g_autofree char *from_png = NULL, *from_pdf = NULL;
      cairo_surface_t *image;

      g_assert_no_error (error);
      png_path = print_test_write (&env, png_name, png);
      image = cairo_image_surface_create_from_png (png_path);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) loket_paper_width_dots (widths[w]));
      cairo_surface_destroy (image);
      from_png = print_test_decode_qr (png_path);
      check_payload (from_png, expected, env.code, config);

      pdf = loket_receipt_render (receipt, LOKET_RECEIPT_FORMAT_PDF, widths[w], &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
      pdf_path = print_test_write (&env, pdf_name, pdf);
      from_pdf = print_test_decode_pdf_qr (&env, pdf_path);
      check_payload (from_pdf, expected, env.code, config);
    }

  print_test_env_clear (&env);
}

/* The words under the QR follow what it holds, on the receipt model and on paper (PDF). */
static void
test_qr_words (gconstpointer data)
{
  gboolean with_url = GPOINTER_TO_INT (data);
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL, *path = NULL, *pdf_text = NULL, *phone = NULL, *kiosk = NULL;

  print_test_env_init (&env);
  config = print_test_config (&env, with_url, NULL);
  receipt = print_test_receipt (&env, config, env.code, "en");
  text = loket_receipt_to_text (receipt);
  pdf = loket_receipt_render (receipt, LOKET_RECEIPT_FORMAT_PDF, LOKET_PAPER_80MM, &error);
  g_assert_no_error (error);
  path = print_test_write (&env, "words.pdf", pdf);
  pdf_text = print_test_pdf_text (path);
  phone = print_test_squash ("Scan with your phone to follow your request");
  kiosk = print_test_squash ("Scan at any Loket kiosk");

  if (with_url)
    {
      g_autofree char *url = g_strdup (loket_receipt_get_qr_payload (receipt));
      g_autofree char *joined = g_strdup (pdf_text);

      g_assert_cmpstr (loket_receipt_get_tracking_url (receipt), ==,
                       loket_receipt_get_qr_payload (receipt));
      g_assert_nonnull (strstr (text, "Scan with your phone to follow your request"));
      g_assert_nonnull (strstr (text, loket_receipt_get_qr_payload (receipt)));
      g_assert_nonnull (strstr (pdf_text, phone));
      /* A long address wraps on paper: compare it without the breaks. */
      g_strdelimit (joined, " ", '\x01');
      {
        g_autoptr(GString) flat = g_string_new (joined);

        g_string_replace (flat, "\x01", "", 0);
        g_assert_nonnull (strstr (flat->str, url));
      }
    }
  else
    {
      g_assert_null (loket_receipt_get_tracking_url (receipt));
      g_assert_null (strstr (text, "phone"));
      g_assert_nonnull (strstr (pdf_text, kiosk));
      g_assert_null (strstr (pdf_text, phone));
    }

  print_test_env_clear (&env);
}

/* With the answers at hand, a conditional document is listed only when they need it. */
static void
test_documents_follow_answers (void)
{
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxRequest) stored = NULL;
  g_autoptr(LoketRequest) answers = NULL;

  print_test_env_init (&env);
  config = print_test_config (&env, FALSE, NULL);
  stored = loket_outbox_get_request (env.outbox, env.code, &error);
  g_assert_no_error (error);
  answers = loket_request_new (env.catalog);
  g_assert_true (loket_request_add_service (answers, "birth-certificate"));

  for (guint married = 0; married < 2; married++)
    {
      g_autoptr(LoketReceipt) receipt = NULL;
      g_autofree char *text = NULL;
      const char * const *combined;

      loket_request_set_text (answers, "applicant.married", married ? "true" : "false");
      receipt = loket_receipt_new_full (config, env.catalog, stored, "en", NULL, answers,
                                        &error);
      g_assert_no_error (error);
      text = loket_receipt_to_text (receipt);
      g_assert_null (strstr (text, "only if it applies"));
      g_assert_cmpint (strstr (text, "• Marriage book") != NULL, ==, married);
      /* The page's checklist: every part's documents, the family card once. */
      combined = loket_receipt_get_documents (receipt);
      g_assert_cmpstr (combined[0], ==, "Birth letter from the hospital");
      g_assert_cmpstr (combined[1], ==, "Family card (KK)");
      g_assert_cmpstr (combined[2], ==, married ? "Marriage book" : NULL);
    }

  print_test_env_clear (&env);
}

static void
test_pdf_text (void)
{
  PrintTestEnv env;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;

  print_test_env_init (&env);
  config = print_test_config (&env, TRUE, NULL);
  receipt = print_test_receipt (&env, config, env.code, "en");

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = loket_receipt_render (receipt, LOKET_RECEIPT_FORMAT_PDF, widths[w], &error);
      g_autofree char *path = NULL, *text = NULL;
      GPtrArray *parts = loket_receipt_get_parts (receipt);

      g_assert_no_error (error);
      path = print_test_write (&env, "text.pdf", pdf);
      text = print_test_pdf_text (path);
      g_test_message ("%s: %s", loket_paper_width_to_string (widths[w]), text);

      g_assert_nonnull (strstr (text, loket_receipt_get_display_code (receipt)));
      g_assert_nonnull (strstr (text, TEST_SITE));
      for (guint i = 0; i < parts->len; i++)
        {
          LoketReceiptPart *part = g_ptr_array_index (parts, i);
          g_autofree char *state = print_test_squash (part->state);

          g_assert_nonnull (strstr (text, part->title));
          g_assert_nonnull (strstr (text, state));
        }
      g_assert_nonnull (strstr (text, "Show your identity card at the counter"));
      g_assert_nonnull (strstr (text, "Rp 50,000"));
      g_assert_null (strstr (text, TEST_NAME));
      g_assert_null (strstr (text, "Siti"));
      g_assert_null (strstr (text, TEST_NIK));
    }

  print_test_env_clear (&env);
}

static void
test_long_title_wraps (void)
{
  static const char * const services[] = { "vehicle-tax", NULL };
  const LoketService *service;
  PrintTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *code = NULL, *path = NULL, *text = NULL;
  g_auto(GStrv) words = NULL;

  print_test_env_init (&env);
  config = print_test_config (&env, TRUE, NULL);
  code = print_test_store (&env, services);
  receipt = print_test_receipt (&env, config, code, "en");
  service = loket_catalog_get_service (env.catalog, "vehicle-tax");
  g_assert_cmpuint (strlen (service->title), >=, 200);

  pdf = loket_receipt_render (receipt, LOKET_RECEIPT_FORMAT_PDF, LOKET_PAPER_58MM, &error);
  g_assert_no_error (error);
  path = print_test_write (&env, "long.pdf", pdf);
  text = print_test_pdf_text (path);

  /* Every word, in order, and the whole title once the line breaks are spaces. */
  words = g_strsplit (service->title, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    g_assert_nonnull (strstr (text, words[i]));
  g_assert_nonnull (strstr (text, service->title));
  g_assert_nonnull (strstr (text, "Vehicle registration certificate (STNK) issued by the police "
                                  "of the other province"));

  print_test_env_clear (&env);
}

static void
test_long_word_breaks (void)
{
  /* 64 characters without a space, the longest kiosk id: wider than 58 mm paper. */
  const char *kiosk = "kiosk-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuv";
  PrintTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL, *path = NULL, *joined = NULL, *conf = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autofree char *conf_path = NULL;

  print_test_env_init (&env);
  g_assert_cmpuint (strlen (kiosk), ==, 64);
  conf = g_strdup_printf ("[kiosk]\nid = %s\n", kiosk);
  conf_path = g_build_filename (env.dir, "long.conf", NULL);
  config = loket_config_load_from_data (conf, strlen (conf), conf_path, NULL, &error);
  g_assert_no_error (error);
  receipt = print_test_receipt (&env, config, env.code, "en");

  pdf = loket_receipt_render (receipt, LOKET_RECEIPT_FORMAT_PDF, LOKET_PAPER_58MM, &error);
  g_assert_no_error (error);
  path = print_test_write (&env, "word.pdf", pdf);
  text = print_test_pdf_text (path);

  /* Broken over lines (so not found whole), but nothing is lost. */
  g_assert_null (strstr (text, kiosk));
  pieces = g_strsplit (text, " ", -1);
  joined = g_strjoinv ("", pieces);
  g_assert_nonnull (strstr (joined, kiosk));

  print_test_env_clear (&env);
}

static void
test_escpos_bytes (gconstpointer data)
{
  gboolean native = GPOINTER_TO_INT (data);
  PrintTestEnv env;
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  EscposParse parse;

  print_test_env_init (&env);
  config = print_test_config (&env, TRUE, NULL);
  receipt = print_test_receipt (&env, config, env.code, "en");

  for (guint w = 0; w < 2; w++)
    {
      g_autofree char *path = NULL, *decoded = NULL;
      cairo_surface_t *image;

      bytes = loket_escpos_encode_receipt (receipt, widths[w], native, &error);
      g_assert_no_error (error);
      escpos_parse (bytes, &parse);
      g_assert_true (parse.starts_with_init);
      g_assert_true (parse.ends_with_cut);
      g_assert_cmpuint (parse.n_status_queries, ==, 0);
      g_assert_cmpuint (parse.width_bytes * 8, ==, loket_paper_width_dots (widths[w]));

      image = escpos_parse_image (&parse);
      path = g_build_filename (env.dir, "escpos.png", NULL);
      g_assert_cmpint (cairo_surface_write_to_png (image, path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (image);
      decoded = print_test_decode_qr (path);
      if (native)
        {
          /* The QR travels as data for the printer to draw, not in the image. */
          g_assert_null (decoded);
          g_assert_cmpstr (parse.native_qr, ==, loket_receipt_get_qr_payload (receipt));
        }
      else
        {
          g_assert_cmpstr (decoded, ==, loket_receipt_get_qr_payload (receipt));
          g_assert_null (parse.native_qr);
        }
      escpos_parse_clear (&parse);
      g_clear_pointer (&bytes, g_bytes_unref);
    }

  bytes = loket_escpos_encode_receipt (receipt, LOKET_PAPER_A4, native, &error);
  g_assert_null (bytes);
  g_assert_error (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_RENDER);

  print_test_env_clear (&env);
}

static void
test_status_bytes (void)
{
  LoketEscposStatus status = { 0 };

  g_assert_true (loket_escpos_status_byte_is_valid (0x12));
  g_assert_true (loket_escpos_status_byte_is_valid (0x1a));
  g_assert_false (loket_escpos_status_byte_is_valid (0x00));
  g_assert_false (loket_escpos_status_byte_is_valid (0x13));
  g_assert_false (loket_escpos_status_byte_is_valid (0x92));

  loket_escpos_status_apply (&status, LOKET_ESCPOS_STATUS_PRINTER, 0x12);
  loket_escpos_status_apply (&status, LOKET_ESCPOS_STATUS_OFFLINE, 0x12);
  loket_escpos_status_apply (&status, LOKET_ESCPOS_STATUS_PAPER, 0x12);
  g_assert_false (status.offline || status.paper_out || status.cover_open || status.error ||
                  status.paper_near_end);

  loket_escpos_status_apply (&status, LOKET_ESCPOS_STATUS_PAPER, 0x1e);
  g_assert_true (status.paper_near_end);
  g_assert_false (status.paper_out);
  loket_escpos_status_apply (&status, LOKET_ESCPOS_STATUS_PAPER, 0x72);
  g_assert_true (status.paper_out);
  loket_escpos_status_apply (&status, LOKET_ESCPOS_STATUS_OFFLINE, 0x16);
  g_assert_true (status.cover_open);
  loket_escpos_status_apply (&status, LOKET_ESCPOS_STATUS_PRINTER, 0x1a);
  g_assert_true (status.offline);
}

static void
test_format_names (void)
{
  LoketReceiptFormat format;
  LoketPaperWidth width;

  g_assert_true (loket_receipt_format_from_string ("png", &format));
  g_assert_cmpint (format, ==, LOKET_RECEIPT_FORMAT_PNG);
  g_assert_true (loket_receipt_format_from_string ("escpos", &format));
  g_assert_cmpint (format, ==, LOKET_RECEIPT_FORMAT_ESCPOS);
  g_assert_false (loket_receipt_format_from_string ("jpeg", &format));
  g_assert_true (loket_paper_width_from_string ("A4", &width));
  g_assert_cmpint (width, ==, LOKET_PAPER_A4);
  g_assert_true (loket_paper_width_from_string ("58", &width));
  g_assert_cmpint (width, ==, LOKET_PAPER_58MM);
  g_assert_false (loket_paper_width_from_string ("57", &width));
  g_assert_cmpuint (loket_paper_width_dots (LOKET_PAPER_58MM), ==, 384);
  g_assert_cmpuint (loket_paper_width_dots (LOKET_PAPER_80MM), ==, 576);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  loket_i18n_init ();
  loket_i18n_set_language ("en");

  g_test_add_func ("/receipt/content", test_content);
  g_test_add_func ("/receipt/rejected-without-reason", test_rejected_without_reason);
  g_test_add_func ("/receipt/invalid-request", test_invalid_request);
  g_test_add_data_func ("/receipt/qr/loket1", GINT_TO_POINTER (FALSE), test_qr_decodes);
  g_test_add_data_func ("/receipt/qr/url", GINT_TO_POINTER (TRUE), test_qr_decodes);
  g_test_add_func ("/receipt/pdf-text", test_pdf_text);
  g_test_add_data_func ("/receipt/qr-words/kiosk", GINT_TO_POINTER (FALSE), test_qr_words);
  g_test_add_data_func ("/receipt/qr-words/phone", GINT_TO_POINTER (TRUE), test_qr_words);
  g_test_add_func ("/receipt/documents-follow-answers", test_documents_follow_answers);
  g_test_add_func ("/receipt/long-title-wraps", test_long_title_wraps);
  g_test_add_func ("/receipt/long-word-breaks", test_long_word_breaks);
  g_test_add_data_func ("/receipt/escpos/raster-qr", GINT_TO_POINTER (FALSE), test_escpos_bytes);
  g_test_add_data_func ("/receipt/escpos/native-qr", GINT_TO_POINTER (TRUE), test_escpos_bytes);
  g_test_add_func ("/receipt/escpos/status-bytes", test_status_bytes);
  g_test_add_func ("/receipt/format-names", test_format_names);

  return g_test_run ();
}
