/* loket-receipt-page.c — the end of the visit: what to do now, the tracking code, its QR,
 * and each part on its way, live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page comes as soon as the request is stored durably, and printing starts then, with
 * no further tap. It leads with what to do now (where to go, one checklist of the documents
 * to show), then the code and the QR; on a landscape screen those two stand side by side
 * (a LoketButtonRow: side by side while they fit, stacked otherwise). Below, each part's
 * way to its agency updates live (a LoketSubmittingPage inside this page, which keeps the
 * corrections and "Send again" of a rejected part).
 *
 * The page shows the same LoketReceipt the printer prints (app/print), so paper and screen
 * never disagree; the receipt is built with the citizen's answers still at hand, so its
 * documents follow them. Printing runs off the main loop with a deadline; whatever its
 * outcome, the page says it calmly, and when there is no paper receipt it asks the citizen
 * to photograph the screen, which carries everything the paper would.
 *
 * The idle timer waits until the receipt is printed, or shown for RECEIPT_SHOWN_S seconds
 * (loket_idle_receipt_out), and then asks "Have you taken your receipt?".
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
#include "loket-button-row.h"
#include "loket-idle.h"
#include "loket-qr-image.h"
#include "loket-receipt-page.h"
#include "loket-session.h"
#include "loket-submitting-page.h"
#include "loket-window.h"

/* Long enough to photograph the screen when nothing prints. */
#define RECEIPT_SHOWN_S 60

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
  GtkWidget     *now_title;
  GtkWidget     *where_label;
  GtkWidget     *checklist;
  GtkWidget     *qr_caption;
  GtkWidget     *qr_url;
  GtkWidget     *live;          /* LoketSubmittingPage */
  guint          shown_id;

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
      gtk_box_append (GTK_BOX (self->parts_box), box);
    }
}

/* A line of the next steps: no wider than about 40 characters, so that on a landscape
 * screen they fit beside the code and the QR (LoketButtonRow stacks what does not fit). */
static GtkWidget *
step_new (const char *text,
          const char *css_class)
{
  GtkWidget *label = label_new (text, css_class);

  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  return label;
}

/* What to do now: where to go (each place once), the identity card when a service needs
 * it, and one checklist of every part's documents. */
static void
show_next_steps (LoketReceiptPage *self)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  gboolean identity = FALSE;
  GPtrArray *parts;
  const char * const *documents;

  gtk_label_set_text (GTK_LABEL (self->now_title), _("What to do now"));
  clear_box (self->checklist);
  gtk_label_set_text (GTK_LABEL (self->where_label), "");
  if (self->receipt == NULL)
    return;

  parts = loket_receipt_get_parts (self->receipt);
  for (guint i = 0; i < parts->len; i++)
    {
      const LoketReceiptPart *part = g_ptr_array_index (parts, i);

      identity |= part->show_identity;
      if (part->location != NULL
          && !g_ptr_array_find_with_equal_func (places, part->location, g_str_equal, NULL))
        g_ptr_array_add (places, part->location);
    }
  g_ptr_array_add (places, NULL);
  if (places->len > 1)
    {
      g_autofree char *joined = g_strjoinv (_("; "), (char **) places->pdata);
      /* Translators: the first line of the receipt page; %s is where in the hall ("Counters
       * 1 to 3, ground floor"), several places separated by "; ". */
      g_autofree char *text = g_strdup_printf (_("Now go to %s."), joined);

      gtk_label_set_text (GTK_LABEL (self->where_label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->where_label), _("Now go to the service counters."));

  documents = loket_receipt_get_documents (self->receipt);
  if (identity || (documents != NULL && documents[0] != NULL))
    gtk_box_append (GTK_BOX (self->checklist),
                    step_new (_("Show these there:"), "loket-field-label"));
  if (identity)
    gtk_box_append (GTK_BOX (self->checklist),
                    step_new (_("☐ Your identity card (KTP-el)"), NULL));
  for (guint i = 0; documents != NULL && documents[i] != NULL; i++)
    {
      /* Translators: one line of the checklist on the receipt page; %s is a document. */
      g_autofree char *line = g_strdup_printf (_("☐ %s"), documents[i]);

      gtk_box_append (GTK_BOX (self->checklist), step_new (line, NULL));
    }
}

static LoketIdle *
find_idle (LoketReceiptPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), LOKET_TYPE_WINDOW);

  return window != NULL ? loket_window_get_idle (LOKET_WINDOW (window)) : NULL;
}

/* The receipt is out (printed, or shown long enough): the idle timer may run. */
static gboolean
receipt_out_cb (gpointer user_data)
{
  LoketReceiptPage *self = user_data;
  LoketIdle *idle = find_idle (self);

  self->shown_id = 0;
  if (idle != NULL)
    loket_idle_receipt_out (idle);
  return G_SOURCE_REMOVE;
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
  if (g_str_equal (outcome_name, "printed"))
    {
      g_clear_handle_id (&self->shown_id, g_source_remove);
      receipt_out_cb (self);
    }
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
  if (self->code != NULL)
    {
      /* Translators: the top of the receipt page; %s is the tracking code. */
      g_autofree char *intro = g_strdup_printf (_("Your request is stored safely. Your "
                                                  "tracking code is %s."), self->code);

      gtk_label_set_text (GTK_LABEL (self->intro), intro);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->intro), "");
  gtk_label_set_text (GTK_LABEL (self->qr_caption),
                      self->receipt != NULL ? loket_receipt_get_qr_caption (self->receipt) : "");
  gtk_label_set_text (GTK_LABEL (self->qr_url),
                      self->receipt != NULL && loket_receipt_get_tracking_url (self->receipt)
                      ? loket_receipt_get_tracking_url (self->receipt) : "");
  gtk_widget_set_visible (self->qr_url, self->receipt != NULL
                                        && loket_receipt_get_tracking_url (self->receipt));
}

static void
rebuild (LoketReceiptPage *self,
         gboolean          print)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));
  const char *code = session != NULL ? loket_session_get_tracking_code (session) : NULL;
  g_autoptr(LoketOutboxRequest) stored = NULL;
  g_autoptr(GError) error = NULL;

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
      set_strings (self);
      show_next_steps (self);
      return;
    }

  if (loket_session_get_outbox (session) != NULL)
    stored = loket_outbox_get_request (loket_session_get_outbox (session), code, &error);
  if (stored != NULL)
    self->receipt = loket_receipt_new_full (loket_session_get_config (session),
                                            loket_session_get_catalog (session), stored,
                                            loket_session_get_language (session), NULL,
                                            loket_session_get_request (session), &error);
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
  set_strings (self);
  show_next_steps (self);
  show_parts (self);

  if (print)
    start_printing (self, session);
}

static void
loket_receipt_page_shown (LoketPage *page)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (page);

  rebuild (self, TRUE);
  loket_page_shown (LOKET_PAGE (self->live));
  /* Printed already (the page was built again), or to be photographed: the idle timer
   * waits for either, after the window has set it up for this page. */
  g_clear_handle_id (&self->shown_id, g_source_remove);
  if (g_strcmp0 (self->print_outcome, "printed") == 0)
    self->shown_id = g_idle_add (receipt_out_cb, self);
  else
    self->shown_id = g_timeout_add_seconds (RECEIPT_SHOWN_S, receipt_out_cb, self);
}

static void
loket_receipt_page_locale_changed (LoketPage *page)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (page);

  /* Everything again in the new language; the paper is not printed twice, but what is said
   * about it is said again. */
  rebuild (self, FALSE);
  update_print_text (self);
  if (self->live != NULL)
    loket_page_locale_changed (LOKET_PAGE (self->live));
}

static void
loket_receipt_page_reset (LoketPage *page)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (page);

  g_cancellable_cancel (self->print_cancellable);
  g_clear_handle_id (&self->shown_id, g_source_remove);
  rebuild (self, FALSE);
}

static GtkWidget *
build_now (LoketReceiptPage *self)
{
  GtkWidget *now = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);

  gtk_widget_add_css_class (now, "loket-card");
  gtk_widget_add_css_class (now, "loket-receipt-now");
  self->print_label = label_new (NULL, "loket-lead");
  gtk_widget_add_css_class (self->print_label, "loket-print-status");
  gtk_box_append (GTK_BOX (now), self->print_label);
  self->now_title = step_new (NULL, "loket-section-title");
  gtk_box_append (GTK_BOX (now), self->now_title);
  self->where_label = label_new (NULL, "loket-lead");
  gtk_widget_add_css_class (self->where_label, "loket-receipt-where");
  gtk_box_append (GTK_BOX (now), self->where_label);
  self->checklist = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (now), self->checklist);
  return now;
}

static GtkWidget *
build_code (LoketReceiptPage *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);

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
  /* 360 px: a phone reads it from arm's length (~11 px a module at version 3), and on a
   * 1920×1080 landscape screen the words under it stay above the fold. */
  gtk_widget_set_size_request (self->qr, 360, 360);
  gtk_widget_set_halign (self->qr, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), self->qr);
  self->qr_caption = label_new (NULL, NULL);
  gtk_label_set_xalign (GTK_LABEL (self->qr_caption), 0.5);
  gtk_label_set_justify (GTK_LABEL (self->qr_caption), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (self->qr_caption), 36);
  gtk_box_append (GTK_BOX (top), self->qr_caption);
  self->qr_url = label_new (NULL, "loket-field-help");
  gtk_label_set_xalign (GTK_LABEL (self->qr_url), 0.5);
  gtk_label_set_max_width_chars (GTK_LABEL (self->qr_url), 36);
  gtk_box_append (GTK_BOX (top), self->qr_url);
  return top;
}

/* The nested page's own scroller gives way to this page's: it shows all its rows. */
static void
embed_live (LoketReceiptPage *self,
            LoketSession     *session)
{
  GtkWidget *scroller;

  self->live = g_object_new (LOKET_TYPE_SUBMITTING_PAGE, "session", session, NULL);
  scroller = gtk_widget_get_first_child (self->live);
  if (GTK_IS_SCROLLED_WINDOW (scroller))
    {
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_NEVER);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    }
  gtk_widget_add_css_class (self->live, "loket-receipt-live");
  gtk_box_append (GTK_BOX (self->content), self->live);
}

static void
loket_receipt_page_constructed (GObject *object)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (object);
  GtkWidget *row;
  GtkWidget *now;

  G_OBJECT_CLASS (loket_receipt_page_parent_class)->constructed (object);

  /* What to do now first; the code and the QR beside it on a landscape screen, below it
   * on a portrait one. */
  row = loket_button_row_new ();
  loket_button_row_set_spacing (LOKET_BUTTON_ROW (row), 48);
  now = build_now (self);
  gtk_label_set_max_width_chars (GTK_LABEL (self->print_label), 40);
  gtk_label_set_max_width_chars (GTK_LABEL (self->where_label), 40);
  gtk_widget_set_hexpand (now, TRUE);
  loket_button_row_append (LOKET_BUTTON_ROW (row), now);
  loket_button_row_append (LOKET_BUTTON_ROW (row), build_code (self));
  gtk_box_append (GTK_BOX (self->content), row);

  if (loket_page_get_session (LOKET_PAGE (self)) != NULL)
    embed_live (self, loket_page_get_session (LOKET_PAGE (self)));

  self->parts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (self->content), self->parts_box);

  rebuild (self, FALSE);
}

static void
loket_receipt_page_dispose (GObject *object)
{
  LoketReceiptPage *self = LOKET_RECEIPT_PAGE (object);

  g_clear_handle_id (&self->shown_id, g_source_remove);
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

const char *
loket_receipt_page_get_where (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->where_label));
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

LoketSubmittingPage *
loket_receipt_page_get_live (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), NULL);
  return LOKET_SUBMITTING_PAGE (self->live);
}

LoketReceipt *
loket_receipt_page_get_receipt (LoketReceiptPage *self)
{
  g_return_val_if_fail (LOKET_IS_RECEIPT_PAGE (self), NULL);
  return self->receipt;
}
