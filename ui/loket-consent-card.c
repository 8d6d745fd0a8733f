/* loket-consent-card.c — one agency on the consent page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A layered notice (the summary first, "Show every item" for the rest). The card shows the
 * summary line by line, each line one label, exactly loket_request_consent_summary(): the
 * SHA-256 of those words joined is what the agency receives as consent.text_sha256. It asks
 * a real yes/no only of a service whose basis is consent; what the law requires is
 * acknowledged ("I understand"), never "agreed" to, and cannot be refused one datum at a
 * time — only the whole agency left out, a secondary link behind a question.
 *
 * The card shows and asks; the consent page acts. Its buttons carry the agency or service
 * id as the target of the page's actions, and it says when an answer changed, so the card
 * holds no state of the request but what it was built from.
 */
#define G_LOG_DOMAIN "loket-consent-page"

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "loket-button-row.h"
#include "loket-consent-card.h"
#include "loket-speech-label.h"

typedef struct {
  char      *service_id;
  GtkWidget *yes;
  GtkWidget *no;
} Asked;

struct _LoketConsentCard
{
  GtkBox     parent_instance;

  GtkWidget *name;
  GtkWidget *summary;
  GtkWidget *questions;
  GtkWidget *bases;
  GtkWidget *details_button;
  GtkWidget *text;
  GtkWidget *acknowledge;
  GtkWidget *remove;
  GtkWidget *confirm_box;
  GtkWidget *question;
  GtkWidget *keep;
  GtkWidget *confirm;

  char      *agency_id;
  char      *agency_name;     /* translated, for accessible names */
  char      *consent_text;
  char      *summary_text;
  char      *summary_sha256;
  GPtrArray *asked;           /* of Asked*, in the summary's order */
  gboolean   details_seen;
};

G_DEFINE_FINAL_TYPE (LoketConsentCard, loket_consent_card, GTK_TYPE_BOX)

enum {
  ANSWERED,
  DETAILS_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
asked_free (Asked *asked)
{
  g_free (asked->service_id);
  g_free (asked);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   keep)
{
  /* At once: gtk_widget_activate () would wait for a key release on "No, keep them". */
  g_signal_emit_by_name (keep, "clicked");
  return TRUE;
}

static void
update_checked (GtkToggleButton *toggle)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (toggle)
                                 ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

/* A button's accessible name says what it answers: "Yes, send it: Child ID card (KIA)". */
static void
name_control (GtkWidget  *widget,
              const char *what)
{
  g_autofree char *name =
    /* Translators: what a screen reader says of a button: its text, then what it is for
     * (an agency, a section of the form), e.g. "Change: Your child". */
    g_strdup_printf (C_("accessible name", "%s: %s"),
                     gtk_button_get_label (GTK_BUTTON (widget)), what);

  loket_speech_label_set (widget, name);
}

/* A button's words wrap rather than widen the page (long agency names, large text, a
 * longer language). */
static void
wrap_label (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    }
}

static void
answer_toggled_cb (GtkToggleButton  *toggle,
                   LoketConsentCard *self)
{
  update_checked (toggle);
  g_signal_emit (self, signals[ANSWERED], 0);
}

static void
details_toggled_cb (GtkToggleButton  *button,
                    LoketConsentCard *self)
{
  gboolean open = gtk_toggle_button_get_active (button);

  gtk_widget_set_visible (self->text, open);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_EXPANDED, open, -1);
  gtk_button_set_label (GTK_BUTTON (button),
                        /* Translators: closes the itemised consent text again. */
                        open ? _("Hide the items")
                             /* Translators: opens the exact, itemised list of what goes to
                              * which agency, below its short summary. */
                             : _("Show every item"));
  wrap_label (GTK_WIDGET (button));
  if (self->agency_name != NULL)
    name_control (GTK_WIDGET (button), self->agency_name);
  if (open && !self->details_seen)
    {
      self->details_seen = TRUE;
      g_signal_emit (self, signals[DETAILS_OPENED], 0);
    }
}

static void
loket_consent_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_CONSENT_CARD);

  G_OBJECT_CLASS (loket_consent_card_parent_class)->dispose (object);
}

static void
loket_consent_card_finalize (GObject *object)
{
  LoketConsentCard *self = LOKET_CONSENT_CARD (object);

  g_free (self->agency_id);
  g_free (self->agency_name);
  g_free (self->consent_text);
  g_free (self->summary_text);
  g_free (self->summary_sha256);
  g_ptr_array_unref (self->asked);

  G_OBJECT_CLASS (loket_consent_card_parent_class)->finalize (object);
}

static void
loket_consent_card_class_init (LoketConsentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_consent_card_dispose;
  object_class->finalize = loket_consent_card_finalize;

  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DETAILS_OPENED] = g_signal_new ("details-opened", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  g_type_ensure (LOKET_TYPE_BUTTON_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-consent-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, name);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, summary);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, questions);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, bases);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, details_button);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, text);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, acknowledge);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, remove);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, confirm_box);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, question);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, keep);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, confirm);
}

static void
loket_consent_card_init (LoketConsentCard *self)
{
  GtkEventController *escape;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->asked = g_ptr_array_new_with_free_func ((GDestroyNotify) asked_free);

  /* Escape answers the question as "No, keep them" does, rather than leave the page (it is
   * Back elsewhere). */
  escape = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (escape),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape,
                                                                                  0),
                                                          gtk_callback_action_new (escape_cb,
                                                                                   self->keep,
                                                                                   NULL)));
  gtk_widget_add_controller (self->confirm_box, escape);
}

static GtkWidget *
line_label_new (const LoketConsentLine *line)
{
  static const char * const classes[] = {
    [LOKET_CONSENT_LINE_LEAD] = "loket-consent-lead",
    [LOKET_CONSENT_LINE_CATEGORY] = "loket-consent-category",
    [LOKET_CONSENT_LINE_BASIS] = "loket-consent-basis",
    [LOKET_CONSENT_LINE_QUESTION] = "loket-consent-question",
  };
  GtkWidget *label = gtk_label_new (line->text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Every line of the summary carries this class: they are the words that are hashed. */
  gtk_widget_add_css_class (label, "loket-consent-line");
  gtk_widget_add_css_class (label, classes[line->kind]);

  return label;
}

/* A service that needs consent: its line, then "Yes, send it" and "No, leave this service
 * out" side by side while they fit. */
static void
add_question (LoketConsentCard       *self,
              const LoketConsentLine *line,
              gboolean                granted)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = loket_button_row_new ();
  const char *title = C_CATALOG (line->service->title);
  Asked *asked = g_new0 (Asked, 1);

  asked->service_id = g_strdup (line->service->id);
  /* Translators: the answer to a service that needs consent: its data are sent. */
  asked->yes = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                             "label", _("Yes, send it"),
                             /* On or off: GTK 4.8 has no toggle-button role on AT-SPI. */
                             "accessible-role", GTK_ACCESSIBLE_ROLE_CHECKBOX,
                             NULL);
  gtk_widget_set_hexpand (asked->yes, TRUE);
  gtk_widget_add_css_class (asked->yes, "loket-consent-toggle");
  name_control (asked->yes, title);
  loket_speech_label_set_description (asked->yes, line->text);
  /* Translators: the other answer: this one service is taken out of the request. */
  asked->no = gtk_button_new_with_label (_("No, leave this service out"));
  gtk_widget_set_hexpand (asked->no, TRUE);
  name_control (asked->no, title);
  wrap_label (asked->yes);
  wrap_label (asked->no);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (asked->no), "consent.refuse");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (asked->no), "s", line->service->id);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (asked->yes), granted);
  update_checked (GTK_TOGGLE_BUTTON (asked->yes));
  g_signal_connect (asked->yes, "toggled", G_CALLBACK (answer_toggled_cb), self);

  loket_button_row_set_spacing (LOKET_BUTTON_ROW (row), 16);
  loket_button_row_append (LOKET_BUTTON_ROW (row), asked->yes);
  loket_button_row_append (LOKET_BUTTON_ROW (row), asked->no);
  gtk_box_append (GTK_BOX (box), line_label_new (line));
  gtk_box_append (GTK_BOX (box), row);
  gtk_widget_add_css_class (box, "loket-consent-ask");
  gtk_box_append (GTK_BOX (self->questions), box);
  g_ptr_array_add (self->asked, asked);
}

/* Builds the summary's labels; TRUE when a line asks for no consent, so something is
 * acknowledged. */
static gboolean
build_summary (LoketConsentCard *self,
               GPtrArray        *lines,
               gboolean          granted)
{
  gboolean acknowledged = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const LoketConsentLine *line = g_ptr_array_index (lines, i);

      /* The lines come lead, categories, bases, questions (loket_consent_summary_build ()),
       * so the screen's order top to bottom is theirs. */
      if (line->kind == LOKET_CONSENT_LINE_QUESTION)
        add_question (self, line, granted);
      else if (line->kind == LOKET_CONSENT_LINE_BASIS)
        gtk_box_append (GTK_BOX (self->bases), line_label_new (line));
      else
        gtk_box_append (GTK_BOX (self->summary), line_label_new (line));
      acknowledged |= line->kind == LOKET_CONSENT_LINE_BASIS;
    }

  return acknowledged;
}

static void
set_up_acknowledge (LoketConsentCard  *self,
                    const LoketAgency *agency,
                    gboolean           granted)
{
  gtk_widget_set_visible (self->acknowledge, TRUE);
  /* Translators: the big toggle under data an agency receives by law: the citizen
   * acknowledges, there is nothing to agree to. */
  gtk_button_set_label (GTK_BUTTON (self->acknowledge), _("I understand"));
  wrap_label (self->acknowledge);
  name_control (self->acknowledge, C_CATALOG (agency->name));
  /* Speech says the summary when the focus reaches the agency's answer. */
  loket_speech_label_set_description (self->acknowledge, self->summary_text);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->acknowledge), granted);
  update_checked (GTK_TOGGLE_BUTTON (self->acknowledge));
  g_signal_connect (self->acknowledge, "toggled", G_CALLBACK (answer_toggled_cb), self);
}

static void
set_up_leaving (LoketConsentCard  *self,
                LoketRequest      *request,
                const LoketAgency *agency)
{
  g_autoptr(GPtrArray) services = loket_request_get_consent_fields (request, agency->id);
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autofree char *remove_label = NULL;
  g_autofree char *question = NULL;

  for (guint i = 0; i < services->len; i++)
    {
      const LoketConsentService *service = g_ptr_array_index (services, i);

      if (titles->len > 0)
        g_string_append (titles, _(", "));
      g_string_append_printf (titles, "“%s”", C_CATALOG (service->service->title));
    }

  /* Translators: a secondary link that takes an agency and all its services out of the
   * request; %s: its short name. */
  remove_label = g_strdup_printf (_("Leave %s out of my request"), C_CATALOG (agency->short_name));
  gtk_button_set_label (GTK_BUTTON (self->remove), remove_label);
  wrap_label (self->remove);
  loket_speech_label_set (self->remove, remove_label);

  /* Translators: asked before an agency is left out; the first %s is its short name, the
   * second the quoted titles of its services. "No, keep them" and "Yes, leave it out"
   * follow. */
  question = g_strdup_printf (_("Then %s receives nothing and these services are not "
                                "requested: %s. You can choose them again later with Back."),
                              C_CATALOG (agency->short_name), titles->str);
  gtk_label_set_text (GTK_LABEL (self->question), question);

  name_control (self->keep, C_CATALOG (agency->name));
  name_control (self->confirm, C_CATALOG (agency->name));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove), "s", agency->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->keep), "s", agency->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->confirm), "s", agency->id);
}

GtkWidget *
loket_consent_card_new (LoketRequest      *request,
                        const LoketAgency *agency)
{
  LoketConsentCard *self;
  g_autoptr(GPtrArray) lines = NULL;
  gboolean granted;

  g_return_val_if_fail (LOKET_IS_REQUEST (request), NULL);
  g_return_val_if_fail (agency != NULL, NULL);

  self = g_object_new (LOKET_TYPE_CONSENT_CARD, NULL);
  self->agency_id = g_strdup (agency->id);
  self->consent_text = loket_request_consent_text (request, agency->id);
  lines = loket_request_consent_summary (request, agency->id);
  if (lines == NULL)
    lines = g_ptr_array_new ();
  self->summary_text = loket_consent_summary_text (lines);
  self->summary_sha256 = loket_consent_text_sha256 (self->summary_text);
  granted = loket_request_get_consent (request, agency->id);

  gtk_label_set_text (GTK_LABEL (self->name), C_CATALOG (agency->name));
  gtk_label_set_text (GTK_LABEL (self->text), self->consent_text);

  if (build_summary (self, lines, granted))
    set_up_acknowledge (self, agency, granted);
  else if (self->asked->len > 0)
    /* Speech says the summary when the focus reaches the agency's first answer. */
    loket_speech_label_set_description (((Asked *) g_ptr_array_index (self->asked, 0))->yes,
                                        self->summary_text);

  self->agency_name = g_strdup (C_CATALOG (agency->name));
  details_toggled_cb (GTK_TOGGLE_BUTTON (self->details_button), self);
  /* The card's first control: the focus reaching the card says its summary in speech. */
  loket_speech_label_set_description (self->details_button, self->summary_text);
  self->details_seen = loket_request_get_consent_details_opened (request, agency->id);
  g_signal_connect (self->details_button, "toggled", G_CALLBACK (details_toggled_cb), self);

  set_up_leaving (self, request, agency);

  return GTK_WIDGET (self);
}

const char *
loket_consent_card_get_agency_id (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return self->agency_id;
}

const char *
loket_consent_card_get_text (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return self->consent_text;
}

const char *
loket_consent_card_get_summary (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return self->summary_text;
}

GtkWidget *
loket_consent_card_get_summary_box (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  /* The questions sit below "Show every item": the whole card holds the lines. */
  return GTK_WIDGET (self);
}

gboolean
loket_consent_card_get_answered (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), FALSE);

  if (gtk_widget_get_visible (self->acknowledge)
      && !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->acknowledge)))
    return FALSE;
  for (guint i = 0; i < self->asked->len; i++)
    {
      Asked *asked = g_ptr_array_index (self->asked, i);

      if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (asked->yes)))
        return FALSE;
    }
  /* An agency with nothing to answer (no service left) is never answered. */
  return gtk_widget_get_visible (self->acknowledge) || self->asked->len > 0;
}

GtkWidget *
loket_consent_card_get_acknowledge (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return gtk_widget_get_visible (self->acknowledge) ? self->acknowledge : NULL;
}

GStrv
loket_consent_card_dup_asked_services (LoketConsentCard *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);

  for (guint i = 0; i < self->asked->len; i++)
    g_strv_builder_add (builder, ((Asked *) g_ptr_array_index (self->asked, i))->service_id);

  return g_strv_builder_end (builder);
}

static Asked *
find_asked (LoketConsentCard *self,
            const char       *service_id)
{
  for (guint i = 0; i < self->asked->len; i++)
    {
      Asked *asked = g_ptr_array_index (self->asked, i);

      if (g_strcmp0 (asked->service_id, service_id) == 0)
        return asked;
    }

  return NULL;
}

GtkWidget *
loket_consent_card_get_yes (LoketConsentCard *self,
                            const char       *service_id)
{
  Asked *asked;

  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  asked = find_asked (self, service_id);
  return asked != NULL ? asked->yes : NULL;
}

GtkWidget *
loket_consent_card_get_no (LoketConsentCard *self,
                           const char       *service_id)
{
  Asked *asked;

  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  asked = find_asked (self, service_id);
  return asked != NULL ? asked->no : NULL;
}

GtkWidget *
loket_consent_card_get_details_button (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return self->details_button;
}

GtkWidget *
loket_consent_card_get_remove_button (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return self->remove;
}

GtkWidget *
loket_consent_card_get_confirm_remove (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return self->confirm;
}

GtkWidget *
loket_consent_card_get_first_answer (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);

  if (self->asked->len > 0)
    return ((Asked *) g_ptr_array_index (self->asked, 0))->yes;
  return self->acknowledge;
}

/* The saved form: the summary's SHA-256, then one word per answer given ("understood",
 * "yes:SERVICE"), separated by spaces. */
char *
loket_consent_card_save_answers (LoketConsentCard *self)
{
  GString *saved;

  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);

  saved = g_string_new (self->summary_sha256);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->acknowledge)))
    g_string_append (saved, " understood");
  for (guint i = 0; i < self->asked->len; i++)
    {
      Asked *asked = g_ptr_array_index (self->asked, i);

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (asked->yes)))
        g_string_append_printf (saved, " yes:%s", asked->service_id);
    }

  if (saved->len == strlen (self->summary_sha256))
    {
      g_string_free (saved, TRUE);
      return NULL;
    }
  return g_string_free (saved, FALSE);
}

void
loket_consent_card_restore_answers (LoketConsentCard *self,
                                    const char       *saved)
{
  g_auto(GStrv) words = NULL;

  g_return_if_fail (LOKET_IS_CONSENT_CARD (self));

  if (saved == NULL)
    return;
  words = g_strsplit (saved, " ", -1);
  /* Answers to other words are no answers to these. */
  if (g_strcmp0 (words[0], self->summary_sha256) != 0)
    return;

  for (guint i = 1; words[i] != NULL; i++)
    {
      GtkWidget *toggle = NULL;

      if (g_str_equal (words[i], "understood"))
        toggle = loket_consent_card_get_acknowledge (self);
      else if (g_str_has_prefix (words[i], "yes:"))
        toggle = loket_consent_card_get_yes (self, words[i] + strlen ("yes:"));
      if (toggle != NULL)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    }
}

void
loket_consent_card_set_asking (LoketConsentCard *self,
                               gboolean          asking)
{
  g_return_if_fail (LOKET_IS_CONSENT_CARD (self));

  if (asking)
    {
      gtk_widget_set_visible (self->confirm_box, TRUE);
      gtk_widget_set_visible (self->remove, FALSE);
      gtk_widget_grab_focus (self->confirm);
    }
  else
    {
      gtk_widget_set_visible (self->remove, TRUE);
      /* The focused "No, keep them" goes out of sight: the focus goes back where it came
       * from. */
      gtk_widget_grab_focus (self->remove);
      gtk_widget_set_visible (self->confirm_box, FALSE);
    }
}
