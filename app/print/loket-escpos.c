/* loket-escpos.c — encoding a receipt as ESC/POS commands; decoding status bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-escpos"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-escpos.h"
#include "loket-receipt-render.h"

static void
append (GByteArray *out,
        const char *bytes,
        gsize       length)
{
  g_byte_array_append (out, (const guint8 *) bytes, (guint) length);
}

#define APPEND(out, literal) append ((out), (literal), sizeof (literal) - 1)

void
loket_escpos_append_raster (GByteArray      *out,
                            cairo_surface_t *surface)
{
  int width, height, stride, width_bytes;
  const guint8 *data;

  g_return_if_fail (out != NULL);
  g_return_if_fail (surface != NULL);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  width_bytes = (width + 7) / 8;

  for (int top = 0; top < height; top += LOKET_ESCPOS_BAND_ROWS)
    {
      int rows = MIN (LOKET_ESCPOS_BAND_ROWS, height - top);
      guint8 header[8] = {
        LOKET_ESCPOS_GS, 'v', '0', 0,
        width_bytes & 0xff, (width_bytes >> 8) & 0xff,
        rows & 0xff, (rows >> 8) & 0xff,
      };

      g_byte_array_append (out, header, sizeof header);
      for (int y = top; y < top + rows; y++)
        {
          const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);

          for (int xb = 0; xb < width_bytes; xb++)
            {
              guint8 byte = 0;

              for (int bit = 0; bit < 8; bit++)
                {
                  int x = xb * 8 + bit;
                  guint32 p;
                  guint luma;

                  if (x >= width)
                    continue;
                  p = pixels[x];
                  /* Rec. 601 weights, in integers. */
                  luma = (299 * ((p >> 16) & 0xff) + 587 * ((p >> 8) & 0xff) + 114 * (p & 0xff)) / 1000;
                  if (luma < 128)
                    byte |= 0x80 >> bit;
                }
              g_byte_array_append (out, &byte, 1);
            }
        }
    }
}

void
loket_escpos_append_qr (GByteArray *out,
                        const char *payload,
                        guint       module_dots)
{
  gsize length;
  guint store;

  g_return_if_fail (out != NULL);
  g_return_if_fail (payload != NULL);

  length = strlen (payload);
  store = (guint) length + 3;
  module_dots = CLAMP (module_dots, 1, 16);

  /* Model 2 */
  APPEND (out, "\x1d(k\x04\x00" "1A2\x00");
  /* Module size */
  APPEND (out, "\x1d(k\x03\x00" "1C");
  {
    guint8 size = (guint8) module_dots;

    g_byte_array_append (out, &size, 1);
  }
  /* Error correction M */
  APPEND (out, "\x1d(k\x03\x00" "1E1");
  /* Store the data */
  {
    guint8 header[8] = { LOKET_ESCPOS_GS, '(', 'k', store & 0xff, (store >> 8) & 0xff, '1', 'P', '0' };

    g_byte_array_append (out, header, sizeof header);
    append (out, payload, length);
  }
  /* Print it */
  APPEND (out, "\x1d(k\x03\x00" "1Q0");
}

GBytes *
loket_escpos_encode_receipt (LoketReceipt     *receipt,
                             LoketPaperWidth   width,
                             gboolean          native_qr,
                             GError          **error)
{
  g_autoptr(GByteArray) out = NULL;
  GPtrArray *blocks;
  guint qr_index = G_MAXUINT;
  guint module_dots = 0;

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (width == LOKET_PAPER_A4)
    {
      g_set_error_literal (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_RENDER,
                           _("ESC/POS printers take 58 or 80 mm paper, not A4: set "
                             "[printer] width to 58 or 80."));
      return NULL;
    }

  blocks = loket_receipt_get_blocks (receipt);
  for (guint i = 0; native_qr && i < blocks->len; i++)
    if (((LoketReceiptBlock *) g_ptr_array_index (blocks, i))->kind == LOKET_RECEIPT_BLOCK_QR)
      qr_index = i;

  out = g_byte_array_new ();
  /* ESC @: a clean state whatever the last job left (code page, alignment, sizes). */
  APPEND (out, "\x1b@");

  if (qr_index == G_MAXUINT)
    {
      cairo_surface_t *image = loket_receipt_render_raster (receipt, width, 0, G_MAXUINT,
                                                            NULL, error);

      if (image == NULL)
        return NULL;
      loket_escpos_append_raster (out, image);
      cairo_surface_destroy (image);
    }
  else
    {
      cairo_surface_t *before = NULL, *qr = NULL, *after = NULL;
      LoketReceiptBlock *block = g_ptr_array_index (blocks, qr_index);

      /* The QR is measured as the raster would draw it, so both print at the same size. */
      before = loket_receipt_render_raster (receipt, width, 0, qr_index, NULL, error);
      if (before != NULL)
        qr = loket_receipt_render_raster (receipt, width, qr_index, qr_index + 1, &module_dots,
                                          error);
      if (qr != NULL)
        after = loket_receipt_render_raster (receipt, width, qr_index + 1, G_MAXUINT, NULL, error);
      if (after == NULL)
        {
          g_clear_pointer (&before, cairo_surface_destroy);
          g_clear_pointer (&qr, cairo_surface_destroy);
          return NULL;
        }
      loket_escpos_append_raster (out, before);
      /* ESC a 1: centre the QR, then back to the left. */
      APPEND (out, "\x1b" "a\x01");
      loket_escpos_append_qr (out, block->text, module_dots);
      APPEND (out, "\x1b" "a\x00");
      loket_escpos_append_raster (out, after);
      cairo_surface_destroy (before);
      cairo_surface_destroy (qr);
      cairo_surface_destroy (after);
    }

  /* ESC d 3: feed past the cutter; GS V 66 0: feed to the cut position and cut (partial). */
  APPEND (out, "\x1b" "d\x03");
  APPEND (out, "\x1dV\x42\x00");

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
loket_escpos_status_byte_is_valid (guint8 byte)
{
  return (byte & 0x93) == 0x12;
}

void
loket_escpos_status_apply (LoketEscposStatus     *status,
                           LoketEscposStatusKind  kind,
                           guint8                 byte)
{
  g_return_if_fail (status != NULL);

  switch (kind)
    {
    case LOKET_ESCPOS_STATUS_PRINTER:
      status->offline = status->offline || (byte & 0x08) != 0;
      break;
    case LOKET_ESCPOS_STATUS_OFFLINE:
      status->cover_open = status->cover_open || (byte & 0x04) != 0;
      status->paper_out = status->paper_out || (byte & 0x20) != 0;
      status->error = status->error || (byte & 0x40) != 0;
      break;
    case LOKET_ESCPOS_STATUS_ERROR:
      status->error = status->error || (byte & 0x68) != 0;
      break;
    case LOKET_ESCPOS_STATUS_PAPER:
      status->paper_near_end = status->paper_near_end || (byte & 0x0c) != 0;
      status->paper_out = status->paper_out || (byte & 0x60) != 0;
      break;
    default:
      g_return_if_reached ();
    }
}
