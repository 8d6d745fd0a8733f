/* bench-receipt.c — how long drawing a receipt takes: a 4-part receipt to PNG (58 mm) and to
 * PDF (80 mm), 200 times each, against drawing its QR alone in the same run
 *
 * The goal is under 50 ms a receipt on the kiosk's machine. The ratio to the QR baseline says
 * how much the layout and text cost beyond the QR, whatever the machine's speed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/loket-i18n.h"
#include "core/loket-tracking-code.h"
#include "print/loket-receipt-render.h"

#define ROUNDS 200
#define GOAL_MS 50.0

static const char * const services[][2] = {
  { "birth-certificate", "dukcapil" },
  { "kk-update", "dukcapil" },
  { "bpjs-newborn", "bpjs-kesehatan" },
  { "signboard", "dpmptsp" },
};

static double
ms_per_round (LoketReceipt       *receipt,
              LoketReceiptFormat  format,
              LoketPaperWidth     width,
              gboolean            qr_only)
{
  gint64 started = g_get_monotonic_time ();
  gsize total = 0;

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (qr_only)
        bytes = loket_receipt_render_qr_png (loket_receipt_get_qr_payload (receipt), width, &error);
      else
        bytes = loket_receipt_render (receipt, format, width, &error);
      if (bytes == NULL)
        g_error ("rendering failed: %s", error->message);
      total += g_bytes_get_size (bytes);
    }
  g_assert (total > 0);
  return (g_get_monotonic_time () - started) / 1000.0 / ROUNDS;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *catalog_dir = g_build_filename (LOKET_TEST_SRCDIR, "print", "catalog", NULL);
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(LoketConfig) config = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  const char *conf = "[kiosk]\nid = kiosk-7\nsite = Mal Pelayanan Publik Kota Contoh\n"
                     "[tracking]\nurl = https://track.example.go.id/t/{code}?a={agencies}\n";
  LoketOutboxRequest request = { 0 };
  double qr, png, pdf, escpos;

  loket_i18n_init ();
  catalog = loket_catalog_load (catalog_dir, NULL, &error);
  if (catalog == NULL)
    g_error ("%s", error->message);
  config = loket_config_load_from_data (conf, strlen (conf), "bench.conf", NULL, &error);
  if (config == NULL)
    g_error ("%s", error->message);

  /* Metadata only, as the outbox returns it: no need for a database to draw. */
  request.tracking_code = code;
  request.language = (char *) "en";
  request.created_at = g_get_real_time ();
  request.parts = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_outbox_part_free);
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      LoketOutboxPart *part = g_new0 (LoketOutboxPart, 1);

      part->part_id = g_uuid_string_random ();
      part->tracking_code = g_strdup (code);
      part->service = g_strdup (services[i][0]);
      part->agency = g_strdup (services[i][1]);
      part->state = i == 0 ? LOKET_OUTBOX_STATE_DELIVERED : LOKET_OUTBOX_STATE_QUEUED;
      part->reference = i == 0 ? g_strdup ("DKP-2026-000123") : NULL;
      g_ptr_array_add (request.parts, part);
    }
  receipt = loket_receipt_new (config, catalog, &request, "en", NULL, &error);
  if (receipt == NULL)
    g_error ("%s", error->message);

  qr = ms_per_round (receipt, LOKET_RECEIPT_FORMAT_PNG, LOKET_PAPER_58MM, TRUE);
  png = ms_per_round (receipt, LOKET_RECEIPT_FORMAT_PNG, LOKET_PAPER_58MM, FALSE);
  pdf = ms_per_round (receipt, LOKET_RECEIPT_FORMAT_PDF, LOKET_PAPER_80MM, FALSE);
  escpos = ms_per_round (receipt, LOKET_RECEIPT_FORMAT_ESCPOS, LOKET_PAPER_58MM, FALSE);

  printf ("receipt: %u rounds each, 4 parts\n", ROUNDS);
  printf ("  baseline, QR alone (PNG 58 mm): %.2f ms\n", qr);
  printf ("  PNG 58 mm:                      %.2f ms  (%.1f x baseline)\n", png, png / qr);
  printf ("  PDF 80 mm:                      %.2f ms  (%.1f x baseline)\n", pdf, pdf / qr);
  printf ("  ESC/POS 58 mm (no PNG):         %.2f ms  (%.1f x baseline)\n", escpos, escpos / qr);
  printf ("  goal: < %.0f ms a receipt: %s\n", GOAL_MS,
          png < GOAL_MS && pdf < GOAL_MS ? "met" : "NOT met");

  g_ptr_array_unref (request.parts);
  return 0;
}
