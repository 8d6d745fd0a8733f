/* loket-documents-page.c — "What you will need", after choosing and before the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A citizen who learns at the counter that a paper is missing has filled in the form for
 * nothing, so the documents come first: for exactly the chosen services, each once however
 * many services need it (loket_request_get_documents), with its one-line explanation and
 * what to bring without it. A document that depends on an answer not yet given says "only
 * if …" rather than guessing; Back from the form shows it decided. "I don't have these
 * now" tells how to come back later: the kiosk keeps nothing, so it is a fresh start.
 */
#define G_LOG_DOMAIN "loket-documents-page"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-documents-page.h"
#include "loket-session.h"

struct _LoketDocumentsPage
{
  LoketPage   parent_instance;

  GtkWidget  *scroller;
  GtkWidget  *intro;
  GtkWidget  *content;
  GtkWidget  *later_button;
  GtkWidget  *later_revealer;
  GtkWidget  *later_label;
  GtkWidget  *leave_button;

  GPtrArray  *shown;     /* of char*: each document as read */
};

G_DEFINE_FINAL_TYPE (LoketDocumentsPage, loket_documents_page, LOKET_TYPE_PAGE)

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One document: an icon and a word for its state (never colour alone), its label, the
 * hint and the replacement. */
static GtkWidget *
document_new (LoketDocumentsPage        *self,
              const LoketNeededDocument *needed)
{
  const LoketDocument *document = needed->document;
  gboolean maybe = needed->need == LOKET_DOCUMENT_MAYBE;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (maybe ? "dialog-question-symbolic"
                                                        : "emblem-documents-symbolic");
  g_autoptr(GString) read = g_string_new (NULL);

  gtk_widget_add_css_class (row, "loket-card");
  gtk_widget_add_css_class (row, "loket-document");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  maybe ? _("Only if it applies") : _("Needed"), -1);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), text);

  if (maybe)
    {
      /* Translators: before a document on "What you will need" that depends on an answer
       * the citizen gives later in the form. */
      gtk_box_append (GTK_BOX (text), label_new (_("Only if it applies:"), "loket-field-help"));
      g_string_append_printf (read, "%s ", _("Only if it applies:"));
    }
  gtk_box_append (GTK_BOX (text), label_new (C_CATALOG (document->label), "loket-field-label"));
  g_string_append (read, C_CATALOG (document->label));
  if (document->hint != NULL)
    {
      gtk_box_append (GTK_BOX (text), label_new (C_CATALOG (document->hint), "loket-field-help"));
      g_string_append_printf (read, ". %s", C_CATALOG (document->hint));
    }
  if (needed->instead != NULL)
    {
      /* Translators: under a document on "What you will need"; %s is what replaces it. */
      g_autofree char *instead = g_strdup_printf (_("If you do not have it: %s"),
                                                  C_CATALOG (needed->instead));

      gtk_box_append (GTK_BOX (text), label_new (instead, NULL));
      g_string_append_printf (read, ". %s", instead);
    }

  g_ptr_array_add (self->shown, g_strdup (read->str));
  return row;
}

static void
rebuild (LoketDocumentsPage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));
  g_autoptr(GPtrArray) documents = NULL;
  GtkWidget *child;

  g_ptr_array_set_size (self->shown, 0);
  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);

  /* Translators: the title of the page that lists the documents to bring. */
  loket_page_set_title (LOKET_PAGE (self), _("What you will need"));
  gtk_button_set_label (GTK_BUTTON (self->later_button), _("I don't have these now"));
  gtk_label_set_text (GTK_LABEL (self->later_label),
                      _("That is fine. Come back when you have them, on any day, to any Loket "
                        "kiosk. This kiosk keeps nothing of what you typed, so you will start "
                        "again; it takes only a few minutes."));
  gtk_button_set_label (GTK_BUTTON (self->leave_button), _("Stop here and start again later"));
  loket_page_set_next_label (LOKET_PAGE (self), _("Continue"));
  /* Nothing to fill in here: the citizen may go on with or without the documents. */
  loket_page_set_complete (LOKET_PAGE (self), TRUE);

  documents = session != NULL ? loket_request_get_documents (loket_session_get_request (session))
                              : NULL;
  if (documents == NULL || documents->len == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->intro),
                          _("You need no documents for what you chose. You can go on."));
      gtk_widget_set_visible (self->later_button, FALSE);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->later_revealer), FALSE);
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->intro),
                      _("At the counter you show these documents for what you chose. Please "
                        "check that you have them with you before you fill in the form."));
  gtk_widget_set_visible (self->later_button, TRUE);
  for (guint i = 0; i < documents->len; i++)
    gtk_box_append (GTK_BOX (self->content), document_new (self, g_ptr_array_index (documents, i)));
}

static void
later (GtkWidget  *widget,
       const char *action_name,
       GVariant   *parameter)
{
  LoketDocumentsPage *self = LOKET_DOCUMENTS_PAGE (widget);
  GtkRevealer *revealer = GTK_REVEALER (self->later_revealer);

  gtk_revealer_set_reveal_child (revealer, !gtk_revealer_get_reveal_child (revealer));
}

static void
loket_documents_page_shown (LoketPage *page)
{
  LoketDocumentsPage *self = LOKET_DOCUMENTS_PAGE (page);

  rebuild (self);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->later_revealer), FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                            0);
}

static void
loket_documents_page_locale_changed (LoketPage *page)
{
  rebuild (LOKET_DOCUMENTS_PAGE (page));
}

static void
loket_documents_page_reset (LoketPage *page)
{
  LoketDocumentsPage *self = LOKET_DOCUMENTS_PAGE (page);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->later_revealer), FALSE);
  rebuild (self);
}

static void
loket_documents_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (loket_documents_page_parent_class)->constructed (object);
  rebuild (LOKET_DOCUMENTS_PAGE (object));
}

static void
loket_documents_page_dispose (GObject *object)
{
  LoketDocumentsPage *self = LOKET_DOCUMENTS_PAGE (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_DOCUMENTS_PAGE);

  G_OBJECT_CLASS (loket_documents_page_parent_class)->dispose (object);
}

static void
loket_documents_page_class_init (LoketDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->constructed = loket_documents_page_constructed;
  object_class->dispose = loket_documents_page_dispose;
  page_class->shown = loket_documents_page_shown;
  page_class->locale_changed = loket_documents_page_locale_changed;
  page_class->reset = loket_documents_page_reset;

  gtk_widget_class_install_action (widget_class, "documents.later", NULL, later);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketDocumentsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LoketDocumentsPage, intro);
  gtk_widget_class_bind_template_child (widget_class, LoketDocumentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, LoketDocumentsPage, later_button);
  gtk_widget_class_bind_template_child (widget_class, LoketDocumentsPage, later_revealer);
  gtk_widget_class_bind_template_child (widget_class, LoketDocumentsPage, later_label);
  gtk_widget_class_bind_template_child (widget_class, LoketDocumentsPage, leave_button);
}

static void
loket_documents_page_init (LoketDocumentsPage *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GStrv
loket_documents_page_dup_shown (LoketDocumentsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LOKET_IS_DOCUMENTS_PAGE (self), NULL);

  for (guint i = 0; i < self->shown->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->shown, i));
  return g_strv_builder_end (builder);
}
