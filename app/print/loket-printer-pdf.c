/* loket-printer-pdf.c — the pdf back end: one PDF file a receipt, in [printer] folder (the
 * demo's and the tests' printer, and a hall's archive)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-printer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-printer-private.h"
#include "loket-receipt-render.h"

gboolean
loket_printer_pdf_print (LoketPrintJob  *job,
                         GCancellable   *cancellable,
                         GError        **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  const char *code = loket_receipt_get_code (job->receipt);
  g_autoptr(GError) local = NULL;

  if (job->settings->folder == NULL || g_mkdir_with_parents (job->settings->folder, 0750) != 0)
    {
      int saved = errno;

      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s is a folder, the second %s why it cannot be made. */
                   _("The receipt folder %s cannot be created: %s. Check [printer] folder."),
                   /* Translators: in place of a folder when [printer] folder is not set. */
                   job->settings->folder != NULL ? job->settings->folder : _("(none)"), g_strerror (saved));
      return FALSE;
    }

  pdf = loket_receipt_render (job->receipt, LOKET_RECEIPT_FORMAT_PDF, job->settings->width, &local);
  if (pdf == NULL)
    {
      g_set_error_literal (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_FAILED, local->message);
      return FALSE;
    }

  for (guint n = 1; job->file == NULL || g_file_test (job->file, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s.pdf", code, stamp)
                                     : g_strdup_printf ("%s-%s-%u.pdf", code, stamp, n);

      g_free (job->file);
      job->file = g_build_filename (job->settings->folder, name, NULL);
    }

  if (!g_file_set_contents_full (job->file, g_bytes_get_data (pdf, NULL),
                                 (gssize) g_bytes_get_size (pdf),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0640, &local))
    {
      g_set_error (error, LOKET_PRINTER_ERROR, LOKET_PRINTER_ERROR_UNAVAILABLE,
                   /* Translators: %s says why the file could not be written. */
                   _("The receipt could not be written: %s. Check [printer] folder."),
                   local->message);
      g_clear_pointer (&job->file, g_free);
      return FALSE;
    }
  return TRUE;
}
