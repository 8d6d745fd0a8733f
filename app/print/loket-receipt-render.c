/* loket-receipt-render.c — the receipt's layout drawn with cairo (PDF, PNG, raster for ESC/POS)
 *
 * The layout is computed in two steps: the blocks become rows (a wrapped text line, the QR,
 * a rule, a gap) measured with the target surface's own font metrics, then the rows are
 * placed top to bottom, on pages when the paper has pages (A4). Everything is in device
 * units (dots for raster, points for PDF), so the QR's modules can be snapped to whole dots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-receipt"

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "loket-escpos.h"
#include "loket-receipt-render.h"

#define FONT_FAMILY "DejaVu Sans"
#define MONO_FAMILY "DejaVu Sans Mono"
#define MM_PER_INCH 25.4
#define POINTS_PER_MM (72.0 / MM_PER_INCH)
#define MIN_MODULE_MM 0.35
#define MIN_MODULE_DOTS 3
#define QUIET_MODULES 4

typedef struct {
  double   unit;         /* device units per millimetre */
  double   page_width;   /* device units */
  double   left;         /* the content's left edge */
  double   width;        /* the content's width */
  double   text_scale;   /* A4 is read from further away than a receipt in the hand */
  double   page_height;  /* 0: one page as tall as the content */
  double   top;
  double   bottom;
  gboolean raster;       /* snap the QR to whole dots */
} Geometry;

typedef enum {
  ROW_TEXT,
  ROW_QR,
  ROW_RULE,
  ROW_GAP,
} RowKind;

typedef enum {
  ALIGN_LEFT,
  ALIGN_CENTRE,
} Align;

typedef struct {
  RowKind   kind;
  char     *text;
  gboolean  mono;
  gboolean  bold;
  double    size;        /* font size, device units */
  Align     align;
  double    height;
  double    ascent;
  QRcode   *qr;          /* owned by the row */
  double    module;      /* device units per module */
} Row;

static void
row_clear (Row *row)
{
  g_free (row->text);
  g_clear_pointer (&row->qr, QRcode_free);
}

gboolean
loket_receipt_format_from_string (const char         *text,
                                  LoketReceiptFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (text, "pdf") == 0)
    *format = LOKET_RECEIPT_FORMAT_PDF;
  else if (g_strcmp0 (text, "png") == 0)
    *format = LOKET_RECEIPT_FORMAT_PNG;
  else if (g_strcmp0 (text, "escpos") == 0)
    *format = LOKET_RECEIPT_FORMAT_ESCPOS;
  else
    return FALSE;
  return TRUE;
}

gboolean
loket_paper_width_from_string (const char      *text,
                               LoketPaperWidth *width)
{
  g_return_val_if_fail (width != NULL, FALSE);

  if (g_strcmp0 (text, "58") == 0)
    *width = LOKET_PAPER_58MM;
  else if (g_strcmp0 (text, "80") == 0)
    *width = LOKET_PAPER_80MM;
  else if (g_ascii_strcasecmp (text != NULL ? text : "", "a4") == 0)
    *width = LOKET_PAPER_A4;
  else
    return FALSE;
  return TRUE;
}

guint
loket_paper_width_dots (LoketPaperWidth width)
{
  switch (width)
    {
    case LOKET_PAPER_58MM:
      return 384;
    case LOKET_PAPER_80MM:
      return 576;
    case LOKET_PAPER_A4:
      /* 210 mm at 150 dpi */
      return 1240;
    default:
      g_return_val_if_reached (576);
    }
}

static void
geometry_init (Geometry        *g,
               LoketPaperWidth  width,
               gboolean         raster)
{
  memset (g, 0, sizeof *g);
  g->raster = raster;
  g->text_scale = 1.0;

  if (width == LOKET_PAPER_A4)
    {
      g->unit = raster ? LOKET_RECEIPT_A4_DPI / MM_PER_INCH : POINTS_PER_MM;
      g->page_width = raster ? loket_paper_width_dots (width) : 210 * g->unit;
      g->left = 25 * g->unit;
      g->width = 160 * g->unit;
      g->text_scale = 1.4;
      g->page_height = raster ? 0 : 297 * g->unit;
      g->top = 20 * g->unit;
      g->bottom = 20 * g->unit;
      return;
    }

  g->unit = raster ? LOKET_RECEIPT_THERMAL_DPI / MM_PER_INCH : POINTS_PER_MM;
  if (raster)
    {
      /* The image is exactly the printable width; a little air keeps text off its edges. */
      g->page_width = loket_paper_width_dots (width);
      g->left = 1 * g->unit;
      g->width = g->page_width - 2 * g->left;
      g->top = 2 * g->unit;
      g->bottom = 2 * g->unit;
    }
  else
    {
      double paper = width == LOKET_PAPER_58MM ? 58 : 80;
      double printable = loket_paper_width_dots (width) / (LOKET_RECEIPT_THERMAL_DPI / MM_PER_INCH);

      g->page_width = paper * g->unit;
      g->left = (paper - printable) / 2 * g->unit + 1 * g->unit;
      g->width = (printable - 2) * g->unit;
      g->top = 4 * g->unit;
      g->bottom = 4 * g->unit;
    }
}

static void
select_font (cairo_t  *cr,
             gboolean  mono,
             gboolean  bold,
             double    size)
{
  cairo_select_font_face (cr, mono ? MONO_FAMILY : FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

/* Appends to lines the pieces of one paragraph that fit max_width: greedy word wrap, and a
 * word that alone is too wide is broken between characters rather than cut. */
static void
wrap_paragraph (cairo_t    *cr,
                const char *paragraph,
                double      max_width,
                GPtrArray  *lines)
{
  g_auto(GStrv) words = g_strsplit (paragraph, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      g_autofree char *candidate = NULL;

      if (*word == '\0')
        continue;

      candidate = line->len > 0 ? g_strconcat (line->str, " ", word, NULL) : g_strdup (word);
      if (text_width (cr, candidate) <= max_width)
        {
          g_string_assign (line, candidate);
          continue;
        }

      if (line->len > 0)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
        }

      if (text_width (cr, word) <= max_width)
        {
          g_string_assign (line, word);
          continue;
        }

      for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
        {
          gsize before = line->len;

          g_string_append_len (line, p, g_utf8_next_char (p) - p);
          if (before > 0 && text_width (cr, line->str) > max_width)
            {
              g_string_truncate (line, before);
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_assign (line, "");
              g_string_append_len (line, p, g_utf8_next_char (p) - p);
            }
        }
    }

  if (line->len > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (line->str));
}

static void
add_gap (GArray *rows,
         double  height)
{
  Row row = { .kind = ROW_GAP, .height = height };

  g_array_append_val (rows, row);
}

static void
add_text (GArray         *rows,
          cairo_t        *cr,
          const Geometry *g,
          const char     *text,
          gboolean        mono,
          gboolean        bold,
          double          size_mm,
          double          indent_mm,
          Align           align)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);
  cairo_font_extents_t font;
  double size = size_mm * g->text_scale * g->unit;
  double indent = indent_mm * g->unit;

  select_font (cr, mono, bold, size);
  cairo_font_extents (cr, &font);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    wrap_paragraph (cr, paragraphs[i], g->width - indent, lines);

  for (guint i = 0; i < lines->len; i++)
    {
      Row row = {
        .kind = ROW_TEXT,
        .text = g_strdup (g_ptr_array_index (lines, i)),
        .mono = mono,
        .bold = bold,
        .size = size,
        .align = align,
        .height = MAX (font.height, size * 1.2),
        .ascent = font.ascent,
        .module = indent,
      };

      g_array_append_val (rows, row);
    }
}

static gboolean
add_qr (GArray          *rows,
        const Geometry  *g,
        const char      *payload,
        guint           *n_qr_dots,
        GError         **error)
{
  QRcode *qr = QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  Row row = { .kind = ROW_QR };
  double modules, module_mm, module;

  if (qr == NULL)
    {
      guint length = (guint) strlen (payload);

      g_set_error (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_RENDER,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %u is a number of bytes. */
                                "The tracking link (%u byte) is too long for a QR code: shorten "
                                "[tracking] url.",
                                "The tracking link (%u bytes) is too long for a QR code: shorten "
                                "[tracking] url.", length), length);
      return FALSE;
    }

  /* The QR takes about three quarters of a receipt's width, 40 mm at most: large enough for
   * a worn phone camera, and its modules stay well above the 0.35 mm minimum. */
  modules = qr->width + 2 * QUIET_MODULES;
  module_mm = MAX (MIN_MODULE_MM, MIN (g->width / g->unit * 0.75, 40.0 * g->text_scale) / modules);
  module = module_mm * g->unit;
  if (g->raster)
    module = MAX (MIN_MODULE_DOTS, floor (module));
  if (modules * module > g->width)
    module = g->raster ? floor (g->width / modules) : g->width / modules;
  if (module < (g->raster ? MIN_MODULE_DOTS : MIN_MODULE_MM * g->unit))
    {
      g_set_error (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_RENDER,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %d is the QR code's size in modules. */
                                "The QR code (%d module) does not fit on this paper: shorten "
                                "[tracking] url or use wider paper.",
                                "The QR code (%d modules) does not fit on this paper: shorten "
                                "[tracking] url or use wider paper.", qr->width), qr->width);
      QRcode_free (qr);
      return FALSE;
    }

  if (n_qr_dots != NULL)
    *n_qr_dots = (guint) module;
  row.qr = qr;
  row.module = module;
  row.height = modules * module;
  g_array_append_val (rows, row);
  return TRUE;
}

static GArray *
build_rows (cairo_t         *cr,
            LoketReceipt    *receipt,
            const Geometry  *g,
            guint            first,
            guint            last,
            guint           *n_qr_dots,
            GError         **error)
{
  GPtrArray *blocks = loket_receipt_get_blocks (receipt);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  double gap = 1.2 * g->unit * g->text_scale;

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);

  for (guint i = first; i < MIN (last, blocks->len); i++)
    {
      LoketReceiptBlock *block = g_ptr_array_index (blocks, i);
      double code_mm;

      switch (block->kind)
        {
        case LOKET_RECEIPT_BLOCK_TITLE:
          add_text (rows, cr, g, block->text, FALSE, TRUE, 4.2, 0, ALIGN_CENTRE);
          break;
        case LOKET_RECEIPT_BLOCK_TEXT:
          add_text (rows, cr, g, block->text, FALSE, FALSE, 3.0, 0, ALIGN_CENTRE);
          break;
        case LOKET_RECEIPT_BLOCK_SMALL:
          add_text (rows, cr, g, block->text, FALSE, FALSE, 2.5, 0, ALIGN_CENTRE);
          break;
        case LOKET_RECEIPT_BLOCK_CODE:
          /* 16 monospaced characters at 0.6 em each fill at most 95% of the width. */
          code_mm = MIN (5.5, g->width / g->unit / g->text_scale * 0.95 / (16 * 0.602));
          add_text (rows, cr, g, block->text, TRUE, TRUE, code_mm, 0, ALIGN_CENTRE);
          break;
        case LOKET_RECEIPT_BLOCK_QR:
          add_gap (rows, gap / 2);
          if (!add_qr (rows, g, block->text, n_qr_dots, error))
            return NULL;
          break;
        case LOKET_RECEIPT_BLOCK_RULE:
          {
            Row row = { .kind = ROW_RULE, .height = gap * 2 };

            g_array_append_val (rows, row);
          }
          continue;
        case LOKET_RECEIPT_BLOCK_PART:
          add_text (rows, cr, g, block->text, FALSE, TRUE, 3.2, 0, ALIGN_LEFT);
          for (guint l = 0; block->lines != NULL && block->lines[l] != NULL; l++)
            add_text (rows, cr, g, block->lines[l], FALSE, FALSE, 2.7,
                      g_str_has_prefix (block->lines[l], "• ") ? 2 : 0, ALIGN_LEFT);
          break;
        default:
          g_assert_not_reached ();
        }
      add_gap (rows, gap / 2);
    }

  return g_steal_pointer (&rows);
}

static double
rows_height (GArray *rows)
{
  double height = 0;

  for (guint i = 0; i < rows->len; i++)
    height += g_array_index (rows, Row, i).height;
  return height;
}

static void
draw_row (cairo_t        *cr,
          const Geometry *g,
          const Row      *row,
          double          y)
{
  switch (row->kind)
    {
    case ROW_TEXT:
      {
        double x = g->left + row->module;

        select_font (cr, row->mono, row->bold, row->size);
        if (row->align == ALIGN_CENTRE)
          x = g->left + (g->width - text_width (cr, row->text)) / 2;
        cairo_move_to (cr, x, y + row->ascent);
        cairo_show_text (cr, row->text);
      }
      break;

    case ROW_QR:
      {
        double side = (row->qr->width + 2 * QUIET_MODULES) * row->module;
        double x0 = g->left + (g->width - side) / 2;
        double y0 = y;

        if (g->raster)
          {
            x0 = floor (x0);
            y0 = floor (y0);
          }
        x0 += QUIET_MODULES * row->module;
        y0 += QUIET_MODULES * row->module;
        cairo_save (cr);
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
        for (int qy = 0; qy < row->qr->width; qy++)
          for (int qx = 0; qx < row->qr->width; qx++)
            if (row->qr->data[qy * row->qr->width + qx] & 1)
              cairo_rectangle (cr, x0 + qx * row->module, y0 + qy * row->module,
                               row->module, row->module);
        cairo_fill (cr);
        cairo_restore (cr);
      }
      break;

    case ROW_RULE:
      cairo_save (cr);
      cairo_set_line_width (cr, MAX (1.0, 0.25 * g->unit));
      cairo_move_to (cr, g->left, y + row->height / 2);
      cairo_line_to (cr, g->left + g->width, y + row->height / 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      break;

    case ROW_GAP:
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Places the rows from the top; with pages, a row that does not fit starts a new page. */
static void
draw_rows (cairo_t        *cr,
           const Geometry *g,
           GArray         *rows)
{
  double y = g->top;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      if (g->page_height > 0 && y + row->height > g->page_height - g->bottom && y > g->top)
        {
          cairo_show_page (cr);
          y = g->top;
          if (row->kind == ROW_GAP || row->kind == ROW_RULE)
            continue;
        }
      draw_row (cr, g, row, y);
      y += row->height;
    }
}

static void
paint_white (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_restore (cr);
}

static gboolean
check_cairo (cairo_status_t   status,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_RENDER,
               /* Translators: %s is cairo's own description of the problem. */
               _("The receipt could not be drawn: %s"), cairo_status_to_string (status));
  return FALSE;
}

/* Measures with a scratch surface of the same kind, so that font metrics match. */
static GArray *
measure (LoketReceipt    *receipt,
         const Geometry  *g,
         guint            first,
         guint            last,
         guint           *n_qr_dots,
         GError         **error)
{
  cairo_surface_t *scratch = g->raster ? cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1)
                                        : cairo_pdf_surface_create_for_stream (NULL, NULL, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  GArray *rows = build_rows (cr, receipt, g, first, last, n_qr_dots, error);

  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return rows;
}

cairo_surface_t *
loket_receipt_render_raster (LoketReceipt     *receipt,
                             LoketPaperWidth   width,
                             guint             first,
                             guint             last,
                             guint            *n_qr_dots,
                             GError          **error)
{
  g_autoptr(GArray) rows = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  Geometry g;
  double height;

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  geometry_init (&g, width, TRUE);
  rows = measure (receipt, &g, first, last, n_qr_dots, error);
  if (rows == NULL)
    return NULL;

  height = ceil (g.top + rows_height (rows) + g.bottom);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) g.page_width,
                                        (int) MAX (1, height));
  cr = cairo_create (surface);
  paint_white (cr);
  draw_rows (cr, &g, rows);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (!check_cairo (cairo_surface_status (surface), error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_pdf (LoketReceipt     *receipt,
            LoketPaperWidth   width,
            GError          **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GArray) rows = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Geometry g;
  double height;

  geometry_init (&g, width, FALSE);
  rows = measure (receipt, &g, 0, G_MAXUINT, NULL, error);
  if (rows == NULL)
    return NULL;

  height = g.page_height > 0 ? g.page_height : g.top + rows_height (rows) + g.bottom;
  surface = cairo_pdf_surface_create_for_stream (append_to_array, out, g.page_width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  loket_receipt_get_display_code (receipt));
  cr = cairo_create (surface);
  draw_rows (cr, &g, rows);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_cairo (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A grey PNG instead of the drawing's 32-bit pixels, whose compression took most of a
 * receipt's time (60 ms of 64 on the benchmark). Thermal paper gets black or white only:
 * exactly the dots the printer makes, with the ESC/POS threshold. cairo writes A1 and A8
 * surfaces as grey PNGs whose value is the alpha, so paper is opaque and ink transparent. */
static GBytes *
surface_to_png (cairo_surface_t  *surface,
                gboolean          one_bit,
                GError          **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  cairo_surface_t *grey;
  guint8 *grey_data;
  int grey_stride;
  cairo_status_t status;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  grey = cairo_image_surface_create (one_bit ? CAIRO_FORMAT_A1 : CAIRO_FORMAT_A8, width, height);
  grey_data = cairo_image_surface_get_data (grey);
  grey_stride = cairo_image_surface_get_stride (grey);
  if (grey_data == NULL)
    {
      status = cairo_surface_status (grey);
      cairo_surface_destroy (grey);
      check_cairo (status != CAIRO_STATUS_SUCCESS ? status : CAIRO_STATUS_NO_MEMORY, error);
      return NULL;
    }

  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);
      guint8 *row = grey_data + (gsize) y * grey_stride;

      if (one_bit)
        memset (row, 0, (gsize) grey_stride);
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x];
          guint luma = (299 * ((p >> 16) & 0xff) + 587 * ((p >> 8) & 0xff) + 114 * (p & 0xff)) / 1000;

          if (!one_bit)
            row[x] = (guint8) luma;
          else if (luma >= 128)
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
            ((guint32 *) row)[x >> 5] |= 1u << (x & 31);
#else
            ((guint32 *) row)[x >> 5] |= 1u << (31 - (x & 31));
#endif
        }
    }
  cairo_surface_mark_dirty (grey);

  status = cairo_surface_write_to_png_stream (grey, append_to_array, out);
  cairo_surface_destroy (grey);
  if (!check_cairo (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
loket_receipt_render (LoketReceipt        *receipt,
                      LoketReceiptFormat   format,
                      LoketPaperWidth      width,
                      GError             **error)
{
  cairo_surface_t *surface;
  GBytes *bytes;

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case LOKET_RECEIPT_FORMAT_PDF:
      return render_pdf (receipt, width, error);

    case LOKET_RECEIPT_FORMAT_PNG:
      surface = loket_receipt_render_raster (receipt, width, 0, G_MAXUINT, NULL, error);
      if (surface == NULL)
        return NULL;
      bytes = surface_to_png (surface, width != LOKET_PAPER_A4, error);
      cairo_surface_destroy (surface);
      return bytes;

    case LOKET_RECEIPT_FORMAT_ESCPOS:
      return loket_escpos_encode_receipt (receipt, width, FALSE, error);

    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
loket_receipt_render_to_file (LoketReceipt        *receipt,
                              LoketReceiptFormat   format,
                              LoketPaperWidth      width,
                              const char          *path,
                              GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = loket_receipt_render (receipt, format, width, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_file_set_contents (path, data, (gssize) size, error);
}

GBytes *
loket_receipt_render_qr_png (const char       *payload,
                             LoketPaperWidth   width,
                             GError          **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  Geometry g;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  geometry_init (&g, width, TRUE);
  g.top = g.bottom = 0;
  if (!add_qr (rows, &g, payload, NULL, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) g.page_width,
                                        (int) ceil (rows_height (rows)));
  cr = cairo_create (surface);
  paint_white (cr);
  draw_rows (cr, &g, rows);
  cairo_destroy (cr);
  bytes = surface_to_png (surface, width != LOKET_PAPER_A4, error);
  cairo_surface_destroy (surface);
  return bytes;
}
