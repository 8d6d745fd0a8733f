/* loket-receipt-page.c — the end of the visit: the tracking code, its QR, what happens next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows the same LoketReceipt the printer prints (app/print), so paper and screen
 * never disagree. Printing runs off the main loop with a deadline; whatever its outcome,
 * the page says it calmly, and when there is no paper receipt it asks the citizen to
 * photograph the screen, which carries everything the paper would.
 *
 * A language change rebuilds it all at once in the new language: the receipt (parts, dates,
 * fees, documents), the captions, and what is said about printing, which is kept as the
 * print outcome, not as words.
 */
#define G_LOG_DOMAIN "loket-receipt-page"

#include "config.h"

#include "core/loket-i18n.h"
#include "core/loket-tracking-code.h"
#include "print/loket-printer.h"
#include "print/loket-receipt.h"
#include "loket-qr-image.h"
#include "loket-receipt-page.h"
#include "loket-session.h"

struct _LoketReceiptPage
{
  LoketPage      parent_instance;

  GtkWidget     *scroller;
  GtkWidget     *intro;
  GtkWidget     *content;

  GtkWidget     *caption;
  GtkWidget     *code_label;
  GtkWidget     *qr;
  GtkWidget     *print_label;
  GtkWidget     *parts_box;

  char          *code;          /* as shown */
  char          *print_text;
  char          *print_outcome; /* as loket_print_outcome_to_string () spells it, or NULL */
  gboolean       printing;      /* a print job went out for this request */
  gboolean       print_unavailable;
  gboolean       print_done;
  LoketReceipt  *receipt;
  LoketPrinter  *printer;
  GCancellable  *print_cancellable;
};

G_DEFINE_FINAL_TYPE (LoketReceiptPage, loket_receipt_page, LOKET_TYPE_PAGE)

/* The page may be built again for the same request (a language change rebuilds pages): the
 * session remembers which request's receipt was printed, and how that ended, so a citizen
 * never gets a second paper for one visit. */

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
set_print_text (LoketReceiptPage *self,
                const char       *text)
{
  g_free (self->print_text);
  self->print_text = g_strdup (text);
  gtk_label_set_text (GTK_LABEL (self->print_label), text);
}

/* What is said about printing, in the current language. */
static void
update_print_text (LoketReceiptPage *self)
{
  g_autofree char *text = NULL;

  if (self->print_unavailable)
    text = g_strdup (_("Printing is not available at this kiosk. Please photograph this "
                       "screen."));
  else if (g_strcmp0 (self->print_outcome, "printed") == 0)
    text = g_strdup (_("Your receipt is printed. Please take it."));
  else if (self->print_outcome != NULL)
    {
      g_autofree char *why = loket_print_outcome_citizen_message (self->print_outcome);

      /* Translators: %s says why there is no paper receipt (from the printer module). */
      text = g_strdup_printf (_("%s Please photograph this screen: it shows everything your "
                                "receipt would."), why);
    }
  else if (self->printing)
    text = g_strdup (_("Printing your receipt…"));
  else
    text = g_strdup ("");

  set_print_text (self, g_strstrip (text));
}

static void
set_print_outcome (LoketReceiptPage *self,
                   const char       *outcome)
{
  g_free (self->print_outcome);
  self->print_outcome = g_strdup (outcome);
  update_print_text (self);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
show_parts (LoketReceiptPage *self)
{
  GPtrArray *parts;

  clear_box (self->parts_box);
  if (self->receipt == NULL)
    return;

  parts = loket_receipt_get_parts (self->receipt);
  for (guint i = 0; i < parts->len; i++)
    {
      const LoketReceiptPart *part = g_ptr_array_index (parts, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      g_autofree char *agency = NULL;

      gtk_widget_add_css_class (box, "loket-part-card");
      gtk_box_append (GTK_BOX (box), label_new (part->title, "loket-section-title"));
      agency = g_strdup_printf ("%s — %s", part->agency, part->state);
      gtk_box_append (GTK_BOX (box), label_new (agency, NULL));
      if (part->expected != NULL)
        {
          /* Translators: %s is a date, e.g. "3 December 2026". */
          g_autofree char *expected = g_strdup_printf (_("Expected ready: %s"), part->expected);

          gtk_box_append (GTK_BOX (box), label_new (expected, NULL));
        }
      if (part->fee != NULL)
        {
          /* Translators: %s is an amount ("Rp 50.000") or "Free". */
          g_autofree char *fee = g_strdup_printf (_("Fee: %s"), part->fee);

          gtk_box_append (GTK_BOX (box), label_new (fee, NULL));
        }
      if (part->documents != NULL && part->documents[0] != NULL)
        {
          g_autofree char *list = g_strjoinv ("\n• ", part->documents);
          g_autofree char *documents = g_strdup_printf ("%s\n• %s", _("Please bring:"), list);

          gtk_box_append (GTK_BOX (box), label_new (documents, NULL));
        }
      if (part->show_identity)
        gtk_box_append (GTK_BOX (box),
                        label_new (_("Show your identity card (KTP-el) at the counter."), NULL));
      if (part->location != NULL)
        {
          /* Translators: %s is a place in the hall, e.g. "Counter 3, ground floor". */
          g_autofree char *where = g_strdup_printf (_("Where to go: %s"), part->location);

          gtk_box_append (GTK_BOX (box), label_new (where, "loket-receipt-where"));
        }
      gtk_box_append (GTK_BOX (self->parts_box), box);
    }
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LoketReceiptPage) self = user_data;
  g_autoptr(LoketPrintOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  LoketSession *session;
  const char *outcome_name;

  outcome = loket_printer_print_finish (LOKET_PRINTER (source), result, &error);
  if (outcome == NULL)
    return;   /* cancelled: the citizen has gone, nobody is told */

  session = loket_page_get_session (LOKET_PAGE (self));
  outcome_name = loket_print_outcome_to_string (outcome);
  if (session != NULL && loket_session_get_outbox (session) != NULL && self->receipt != NULL)
    {
      g_autoptr(GError) record_error = NULL;

      if (!loket_outbox_record_receipt (loket_session_get_outbox (session),
                                        loket_receipt_get_code (self->receipt),
                                        outcome_name, &record_error))
        g_warning ("The receipt's print outcome was not recorded: %s", record_error->message);
    }

  self->print_done = TRUE;
  set_print_outcome (self, outcome_name);
  if (session != NULL)
    loket_session_set_printed_receipt (session,
                                       loket_session_get_printed_receipt (session, NULL),
                                       outcome_name);
}

static void
start_printing (LoketReceiptPage *self,
                LoketSession     *session)
{
  const char *code = loket_session_get_tracking_code (session);
  const char *printed_outcome = NULL;

  if (g_strcmp0 (loket_session_get_printed_receipt (session, &printed_outcome), code) == 0)
    {
      self->print_done = TRUE;
      self->printing = TRUE;
      /* NULL: the first page went before the printer answered; it may still print. */
      set_print_outcome (self, printed_outcome);
      return;
    }
  loket_session_set_printed_receipt (session, code, NULL);

  g_cancellable_cancel (self->print_cancellable);
  g_clear_object (&self->print_cancellable);
  self->print_done = FALSE;
  self->printing = TRUE;
  g_clear_pointer (&self->print_outcome, g_free);

  if (self->receipt == NULL)
    {
      self->print_done = TRUE;
      self->print_unavailable = TRUE;
      update_print_text (self);
      return;
    }

  if (self->printer == NULL)
    self->printer = loket_printer_new (loket_session_get_config (session));
  self->print_cancellable = g_cancellable_new ();
  update_print_text (self);
  loket_printer_print_async (self->printer, self->receipt, self->print_cancellable,
                             print_done_cb, g_object_ref (self));
}

static void
set_strings (LoketReceiptPage *self)
{
  loket_page_set_title (LOKET_PAGE (self), _("Your request is submitted"));
  loket_page_set_next_label (LOKET_PAGE (self), _("Finish"));
  gtk_label_set_text (GTK_LABEL (self->caption), _("Your tracking code"));
  gtk_label_set_text (GTK_LABEL (self->intro),
                      _("Keep this code. With it you can follow your request at any kiosk, "
                        "or by scanning the QR code with your phone."));
}

static void
rebuild (LoketReceiptPage *self,
         gboolean          print)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));
  const char *code = session != NULL ? loket_session_get_tracking_code (session) : NULL;
  g_autoptr(LoketOutboxRequest) stored = NULL;
  g_autoptr(GError) error = NULL;

  set_strings (self);
  loket_page_set_show_back (LOKET_PAGE (self), FALSE);
  loket_page_set_complete (LOKET_PAGE (self), TRUE);
  g_clear_pointer (&self->receipt, loket_receipt_unref);
  g_clear_pointer (&self->code, g_free);

  if (code == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->code_label), "");
      loket_qr_image_set_payload (LOKET_QR_IMAGE (self->qr), NULL);
      clear_box (self->parts_box);
      self->printing = FALSE;
      self->print_unavailable = FALSE;
      set_print_outcome (self, NULL);
      return;
    }

  if (loket_session_get_outbox (session) != NULL)
    stored = loket_outbox_get_request (loket_session_get_outbox (session), code, &error);
  if (stored != NULL)
    self->receipt = loket_receipt_new (loket_session_get_config (session),
                                       loket_session_get_catalog (session), stored,
                                       loket_session_get_language (session), NULL, &error);
  if (self->receipt == NULL)
    g_warning ("The receipt could not be made: %s", error != NULL ? error->message : "");

  if (self->receipt != NULL)
    {
      self->code = g_strdup (loket_receipt_get_display_code (self->receipt));
      loket_qr_image_set_payload (LOKET_QR_IMAGE (self->qr),
                                  loket_receipt_get_qr_payload (self->receipt));
    }
  else
    {
      self->code = loket_tracking_code_format (code);
      loket_qr_image_set_payload (LOKET_QR_IMAGE (self->qr), code);
    }
  gtk_label_set_text (GTK_LABEL (self->code_label), self->code);
  show_parts (self);

  if (print)
    start_printing (self, session);
}

static void
loket_receipt_page_shown (LoketPage *page)
{
  rebuild (LOKET_RECEIPT_PAGE (page), TRUE);
}

static void
loket_receipt_page_locale_changed (LoketPage *page)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (page);

  /* Everything again in the new language; the paper is not printed twice, but what is said
   * about it is said again. */
  rebuild (self, FALSE);
  update_print_text (self);
}

static void
loket_receipt_page_reset (LoketPage *page)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (page);

  g_cancellable_cancel (self->print_cancellable);
  rebuild (self, FALSE);
}

static void
loket_receipt_page_constructed (GObject *object)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (object);
  GtkWidget *top;

  G_OBJECT_CLASS (loket_receipt_page_parent_class)->constructed (object);

  /* The code and the QR first and centred: the two things the citizen must take away. */
  top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_halign (top, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (top, "loket-receipt-top");
  self->caption = label_new (_("Your tracking code"), "loket-receipt-caption");
  gtk_label_set_xalign (GTK_LABEL (self->caption), 0.5);
  gtk_box_append (GTK_BOX (top), self->caption);
  self->code_label = gtk_label_new (NULL);
  gtk_label_set_selectable (GTK_LABEL (self->code_label), FALSE);
  gtk_widget_add_css_class (self->code_label, "loket-tracking-code");
  gtk_box_append (GTK_BOX (top), self->code_label);
  self->qr = loket_qr_image_new ();
  gtk_widget_set_size_request (self->qr, 520, 520);
  gtk_widget_set_halign (self->qr, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), self->qr);
  gtk_box_append (GTK_BOX (self->content), top);

  self->print_label = label_new (NULL, "loket-lead");
  gtk_widget_add_css_class (self->print_label, "loket-print-status");
  gtk_box_append (GTK_BOX (self->content), self->print_label);

  self->parts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (self->content), self->parts_box);

  rebuild (self, FALSE);
}

static void
loket_receipt_page_dispose (GObject *object)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (object);

  g_cancellable_cancel (self->print_cancellable);
  g_clear_object (&self->print_cancellable);
  g_clear_object (&self->printer);
  g_clear_pointer (&self->receipt, loket_receipt_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_RECEIPT_PAGE);

  G_OBJECT_CLASS (loket_receipt_page_parent_class)->dispose (object);
}

static void
loket_receipt_page_finalize (GObject *object)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (object);

  g_free (self->code);
  g_free (self->print_text);
  g_free (self->print_outcome);

  G_OBJECT_CLASS (loket_receipt_page_parent_class)->finalize (object);
}

static void
loket_receipt_page_class_init (LoketReceiptPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->constructed = loket_receipt_page_constructed;
  object_class->dispose = loket_receipt_page_dispose;
  object_class->finalize = loket_receipt_page_finalize;
  page_class->shown = loket_receipt_page_shown;
  page_class->locale_changed = loket_receipt_page_locale_changed;
  page_class->reset = loket_receipt_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-receipt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketReceiptPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LoketReceiptPage, intro);
  gtk_widget_class_bind_template_child (widget_class, LoketReceiptPage, content);
}

static void
loket_receipt_page_init (LoketReceiptPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
loket_receipt_page_get_code (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), NULL);
  return self->code;
}

GtkWidget *
loket_receipt_page_get_qr_image (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), NULL);
  return self->qr;
}

const char *
loket_receipt_page_get_print_text (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), NULL);
  return self->print_text;
}

gboolean
loket_receipt_page_get_print_done (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), FALSE);
  return self->print_done;
}

LoketReceipt *
loket_receipt_page_get_receipt (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), NULL);
  return self->receipt;
}
