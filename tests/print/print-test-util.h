/* print-test-util.h — what the receipt tests share: a stored request, decoding tools, and
 * (from tests/common/fake-printer.h) the loopback ESC/POS printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "config/loket-config.h"
#include "core/loket-catalog.h"
#include "outbox/loket-outbox.h"
#include "print/loket-receipt.h"
#include "fake-printer.h"

G_BEGIN_DECLS

/* The test citizen: stored in the parts' bodies, never on a receipt. */
#define TEST_NAME "Siti Nurhaliza Wulandari"
#define TEST_NIK  "3171234567890123"

#define TEST_SITE "Mal Pelayanan Publik Kota Contoh"
#define TEST_URL  "https://track.example.go.id/t/{code}?a={agencies}"
#define TEST_REFERENCE "DKP-2026-000123"
#define TEST_REASON "The birth letter is not readable"

typedef struct {
  char          *dir;          /* a fresh temporary folder */
  char          *key_file;
  LoketCatalog  *catalog;      /* tests/print/catalog */
  LoketOutbox   *outbox;
  char          *code;         /* the stored request's canonical code */
  GStrv          part_ids;     /* in the order stored */
} PrintTestEnv;

/* A temporary folder, the test catalog, an outbox holding one request of four parts in
 * four states: birth-certificate delivered (TEST_REFERENCE), kk-update waiting for it,
 * bpjs-newborn rejected, signboard queued; created 2026-11-27 10:00 in Jakarta. */
void           print_test_env_init     (PrintTestEnv  *env);
void           print_test_env_clear    (PrintTestEnv  *env);

/* Stores a request of the given services (all queued) and returns its code. */
char          *print_test_store        (PrintTestEnv        *env,
                                        const char * const  *services);

/* A configuration for env: [tracking] url when with_url, [printer] from printer_group
 * (the lines after "[printer]", or NULL for none). */
LoketConfig   *print_test_config       (PrintTestEnv  *env,
                                        gboolean       with_url,
                                        const char    *printer_group);

LoketReceipt  *print_test_receipt      (PrintTestEnv  *env,
                                        LoketConfig   *config,
                                        const char    *code,
                                        const char    *language);

/* Writes bytes to env->dir/name and returns the path. */
char          *print_test_write        (PrintTestEnv  *env,
                                        const char    *name,
                                        GBytes        *bytes);

/* zbarimg's reading of the QR codes in a PNG (one payload, trailing newline removed), or
 * NULL when it found none. */
char          *print_test_decode_qr    (const char    *png_path);
/* pdftoppm -r 300 of the PDF's first page, then zbarimg. */
char          *print_test_decode_pdf_qr (PrintTestEnv *env,
                                         const char   *pdf_path);
/* pdftotext of the PDF, every run of white space made one space. */
char          *print_test_pdf_text     (const char    *pdf_path);
/* text with every run of white space made one space. */
char          *print_test_squash       (const char    *text);

/* ---- ESC/POS ---- */

typedef struct {
  GByteArray *raster;        /* the GS v 0 bands, stacked */
  guint       width_bytes;
  guint       rows;
  char       *native_qr;     /* the payload stored by GS ( k, or NULL */
  guint       n_status_queries;
  gboolean    starts_with_init;
  gboolean    ends_with_cut;
} EscposParse;

/* Walks the bytes command by command; fails the test at a byte that starts no known command. */
void             escpos_parse          (GBytes          *bytes,
                                        EscposParse     *parse);
void             escpos_parse_clear    (EscposParse     *parse);
/* The raster as a picture (black dots on white). */
cairo_surface_t *escpos_parse_image    (EscposParse     *parse);

/* A loopback TCP port that nothing listens on. */
guint          print_test_closed_port  (void);

G_END_DECLS
