/* ctl-receipt.c — `loketctl receipt render` and `receipt print`: any receipt the outbox knows
 *
 * The receipt is rebuilt from the outbox's metadata and the catalog, so a reprint shows each
 * part's state as it is now. CODE may be written in any form a person types it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loketctl"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "core/loket-catalog.h"
#include "core/loket-tracking-code.h"
#include "outbox/loket-outbox.h"
#include "print/loket-printer.h"
#include "print/loket-receipt-render.h"
#include "print/loket-receipt.h"
#include "loket-ctl.h"

static LoketReceipt *
load_receipt (LoketConfig           *config,
              const char            *text,
              const char            *language,
              LoketOutboxOpenFlags   flags,
              LoketOutbox          **outbox_out,
              GError               **error)
{
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autofree char *code = NULL;
  LoketReceipt *receipt;

  code = loket_tracking_code_parse (text, error);
  if (code == NULL)
    return NULL;

  catalog = loket_catalog_load (config->catalog_dir, NULL, error);
  if (catalog == NULL)
    return NULL;

  outbox = loket_outbox_open_for_config (config, flags, error);
  if (outbox == NULL)
    return NULL;

  request = loket_outbox_get_request (outbox, code, error);
  if (request == NULL)
    return NULL;

  receipt = loket_receipt_new (config, catalog, request, language, NULL, error);
  if (receipt != NULL && outbox_out != NULL)
    *outbox_out = g_steal_pointer (&outbox);
  return receipt;
}

int
loket_ctl_receipt_render (LoketCtl  *ctl,
                          int        argc,
                          char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  LoketReceiptFormat format = LOKET_RECEIPT_FORMAT_PDF;
  LoketPaperWidth width;
  const char *code = NULL, *out = NULL, *language = NULL;
  gboolean have_format = FALSE, have_width = FALSE;
  LoketConfig *config;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--format") && i + 1 < argc)
        {
          if (!loket_receipt_format_from_string (argv[++i], &format))
            /* Translators: %s is what the user typed; keep pdf, png and escpos as they are. */
            return loket_ctl_fail (_("unknown format '%s': use pdf, png or escpos"), argv[i]);
          have_format = TRUE;
        }
      else if (g_str_equal (argv[i], "--width") && i + 1 < argc)
        {
          if (!loket_paper_width_from_string (argv[++i], &width))
            /* Translators: %s is what the user typed; keep 58, 80 and a4 as they are. */
            return loket_ctl_fail (_("unknown width '%s': use 58, 80 or a4"), argv[i]);
          have_width = TRUE;
        }
      else if (g_str_equal (argv[i], "--out") && i + 1 < argc)
        out = argv[++i];
      else if (g_str_equal (argv[i], "--language") && i + 1 < argc)
        language = argv[++i];
      else if (code == NULL && argv[i][0] != '-')
        code = argv[i];
      else
        return loket_ctl_fail (_("usage: loketctl receipt render CODE --format pdf|png|escpos "
                                 "--width 58|80|a4 --out FILE [--language LANG]"));
    }
  if (code == NULL || out == NULL || !have_format)
    return loket_ctl_fail (_("usage: loketctl receipt render CODE --format pdf|png|escpos "
                             "--width 58|80|a4 --out FILE [--language LANG]"));

  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);
  if (!have_width)
    width = config->printer_width;

  receipt = load_receipt (config, code, language, LOKET_OUTBOX_OPEN_READ_ONLY, NULL, &error);
  if (receipt == NULL)
    return loket_ctl_fail_error (error);

  if (!loket_receipt_render_to_file (receipt, format, width, out, &error))
    return loket_ctl_fail_error (error);

  return 0;
}

typedef struct {
  LoketPrintOutcome *outcome;
  GError            *error;
  gboolean           done;
} PrintResult;

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PrintResult *r = user_data;

  r->outcome = loket_printer_print_finish (LOKET_PRINTER (source), result, &r->error);
  r->done = TRUE;
}

int
loket_ctl_receipt_print (LoketCtl  *ctl,
                         int        argc,
                         char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketReceipt) receipt = NULL;
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(LoketPrinter) printer = NULL;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  PrintResult r = { 0 };
  const char *code = NULL, *language = NULL;
  LoketConfig *config;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--language") && i + 1 < argc)
        language = argv[++i];
      else if (code == NULL && argv[i][0] != '-')
        code = argv[i];
      else
        return loket_ctl_fail (_("usage: loketctl receipt print CODE [--language LANG]"));
    }
  if (code == NULL)
    return loket_ctl_fail (_("usage: loketctl receipt print CODE [--language LANG]"));

  config = loket_ctl_get_config (ctl, &error);
  if (config == NULL)
    return loket_ctl_fail_error (error);

  receipt = load_receipt (config, code, language, LOKET_OUTBOX_OPEN_DEFAULT, &outbox, &error);
  if (receipt == NULL)
    return loket_ctl_fail_error (error);

  printer = loket_printer_new (config);
  loket_printer_print_async (printer, receipt, NULL, on_printed, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  if (r.outcome == NULL)
    {
      int status = loket_ctl_fail_error (r.error);

      g_clear_error (&r.error);
      return status;
    }
  outcome = r.outcome;

  /* Staff see in the outbox whether the citizen got paper; failing to note it is not fatal. */
  if (!loket_outbox_record_receipt (outbox, loket_receipt_get_code (receipt),
                                    loket_print_outcome_to_string (outcome), &error))
    {
      fprintf (stderr, "loketctl: %s\n", error->message);
      g_clear_error (&error);
    }

  if (outcome->status == LOKET_PRINT_FAILED)
    return loket_ctl_fail_error (outcome->error);
  if (outcome->status == LOKET_PRINT_NO_PRINTER)
    return loket_ctl_fail (_("no printer is configured ([printer] backend = none)"));

  if (outcome->file != NULL)
    printf ("%s\n", outcome->file);
  return 0;
}
