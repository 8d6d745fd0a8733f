/* loket-escpos.h — the ESC/POS bytes of a receipt, and reading a thermal printer's status
 *
 * The receipt travels as raster images (GS v 0), so every character of every language
 * prints exactly as on screen and no code page is needed. With native_qr the QR is sent as
 * GS ( k commands instead, for printers known to support them: the text stays raster.
 * The job starts with ESC @ and ends with a feed and a cut (GS V 66).
 *
 * Status is read with DLE EOT n (n = 1..4). Each answer is one byte whose bits 1 and 4 are
 * set and bits 0 and 7 clear, which is how an answer is told from stray bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "config/loket-config.h"
#include "loket-receipt.h"

G_BEGIN_DECLS

#define LOKET_ESCPOS_DLE 0x10
#define LOKET_ESCPOS_EOT 0x04
#define LOKET_ESCPOS_ESC 0x1b
#define LOKET_ESCPOS_GS  0x1d

/* Rows per GS v 0 command: small bands keep within the receive buffer of cheap printers. */
#define LOKET_ESCPOS_BAND_ROWS 128

typedef enum {
  LOKET_ESCPOS_STATUS_PRINTER = 1,   /* bit 3: offline */
  LOKET_ESCPOS_STATUS_OFFLINE = 2,   /* bit 2: cover open, bit 5: stopped by paper end,
                                      * bit 6: an error */
  LOKET_ESCPOS_STATUS_ERROR   = 3,   /* bit 3: cutter, bit 5: unrecoverable, bit 6: auto-recoverable */
  LOKET_ESCPOS_STATUS_PAPER   = 4,   /* bits 2-3: near end, bits 5-6: paper end */
} LoketEscposStatusKind;

typedef struct {
  gboolean offline;
  gboolean cover_open;
  gboolean paper_out;
  gboolean paper_near_end;
  gboolean error;            /* cutter, mechanism or other error */
} LoketEscposStatus;

/* The whole job. width is 58 or 80 mm; a4 is refused. */
GBytes   *loket_escpos_encode_receipt  (LoketReceipt       *receipt,
                                        LoketPaperWidth     width,
                                        gboolean            native_qr,
                                        GError            **error);

/* Appends GS v 0 commands (in bands) of surface (RGB24 or ARGB32): a pixel darker than
 * middle grey prints. */
void      loket_escpos_append_raster   (GByteArray         *out,
                                        cairo_surface_t    *surface);

/* Appends the GS ( k commands that store and print payload as a model 2 QR, error
 * correction M, module_dots (1..16) dots a module. */
void      loket_escpos_append_qr       (GByteArray         *out,
                                        const char         *payload,
                                        guint               module_dots);

/* TRUE when byte has the fixed bits of a status answer. */
gboolean  loket_escpos_status_byte_is_valid (guint8          byte);
/* Reads the answer to DLE EOT kind into status. */
void      loket_escpos_status_apply    (LoketEscposStatus    *status,
                                        LoketEscposStatusKind kind,
                                        guint8                byte);

G_END_DECLS
