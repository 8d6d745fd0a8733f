/* loket-receipt-render.h — drawing a receipt with cairo: PDF, PNG, and the raster for ESC/POS
 *
 * Thermal widths are drawn at 203 dpi on their printable width (58 mm paper: 384 dots, 80 mm:
 * 576 dots); A4 at 150 dpi. The QR uses error correction M, a quiet zone of 4 modules and
 * modules of at least 0.35 mm (3 dots at 203 dpi), snapped to whole dots on raster output.
 * Text is DejaVu Sans through cairo's toy font API and wraps at word boundaries; a word wider
 * than the paper is broken, never cut.
 *
 * Rendering touches nothing shared, so any thread may render a receipt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "config/loket-config.h"
#include "loket-receipt.h"

G_BEGIN_DECLS

typedef enum {
  LOKET_RECEIPT_FORMAT_PDF,
  LOKET_RECEIPT_FORMAT_PNG,
  LOKET_RECEIPT_FORMAT_ESCPOS,
} LoketReceiptFormat;

#define LOKET_RECEIPT_THERMAL_DPI 203
#define LOKET_RECEIPT_A4_DPI 150

/* "pdf", "png", "escpos" / "58", "80", "a4"; FALSE when the text is none of them. */
gboolean         loket_receipt_format_from_string (const char         *text,
                                                   LoketReceiptFormat *format);
gboolean         loket_paper_width_from_string    (const char         *text,
                                                   LoketPaperWidth    *width);

/* The printable width in dots at the paper's resolution (384, 576, 1240 for A4). */
guint            loket_paper_width_dots           (LoketPaperWidth     width);

/* The whole receipt as a file's bytes. ESCPOS: the raster form with the QR as an image
 * (loket-escpos.h has the options). */
GBytes          *loket_receipt_render             (LoketReceipt       *receipt,
                                                   LoketReceiptFormat  format,
                                                   LoketPaperWidth     width,
                                                   GError            **error);
gboolean         loket_receipt_render_to_file     (LoketReceipt       *receipt,
                                                   LoketReceiptFormat  format,
                                                   LoketPaperWidth     width,
                                                   const char         *path,
                                                   GError            **error);

/* Blocks [first, last) drawn on a white CAIRO_FORMAT_RGB24 image of the paper's printable
 * width at its resolution, as tall as they need; for the ESC/POS raster. NULL with error
 * when the QR does not fit the paper. With n_qr_dots, the QR block's module size in dots is
 * stored there (a native QR prints at the same size). */
cairo_surface_t *loket_receipt_render_raster      (LoketReceipt       *receipt,
                                                   LoketPaperWidth     width,
                                                   guint               first,
                                                   guint               last,
                                                   guint              *n_qr_dots,
                                                   GError            **error);

/* Only the QR of the payload as a PNG at the thermal resolution (the benchmark's baseline). */
GBytes          *loket_receipt_render_qr_png      (const char         *payload,
                                                   LoketPaperWidth     width,
                                                   GError            **error);

G_END_DECLS
