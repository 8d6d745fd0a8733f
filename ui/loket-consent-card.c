/* loket-consent-card.c — one agency on the consent page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card shows and asks; the consent page acts. Its buttons carry the agency id as the
 * target of the page's actions, and the page listens to its toggle, so the card holds no
 * state of the request but what it was built from.
 */
#define G_LOG_DOMAIN "loket-consent-page"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-button-row.h"
#include "loket-consent-card.h"

struct _LoketConsentCard
{
  GtkBox     parent_instance;

  GtkWidget *name;
  GtkWidget *text;
  GtkWidget *bases;
  GtkWidget *toggle;
  GtkWidget *remove;
  GtkWidget *confirm_box;
  GtkWidget *question;
  GtkWidget *keep;
  GtkWidget *confirm;

  char      *agency_id;
  char      *consent_text;
};

G_DEFINE_FINAL_TYPE (LoketConsentCard, loket_consent_card, GTK_TYPE_BOX)

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
toggle_toggled_cb (GtkToggleButton *toggle,
                   gpointer         user_data)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (toggle)
                                 ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
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
  g_free (self->consent_text);

  G_OBJECT_CLASS (loket_consent_card_parent_class)->finalize (object);
}

static void
loket_consent_card_class_init (LoketConsentCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_consent_card_dispose;
  object_class->finalize = loket_consent_card_finalize;

  g_type_ensure (LOKET_TYPE_BUTTON_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-consent-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, name);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, text);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, bases);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentCard, toggle);
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

static const char *
basis_explanation (LoketLegalBasis basis)
{
  switch (basis)
    {
    case LOKET_LEGAL_BASIS_CONSENT:
      return _("With your consent: the agency may receive these data only if you agree. "
               "You may say no.");
    case LOKET_LEGAL_BASIS_LEGAL_OBLIGATION:
      return _("Because the law requires it: the agency must collect these data to give "
               "you this service.");
    case LOKET_LEGAL_BASIS_PUBLIC_TASK:
      return _("For the agency's public task: the agency needs these data to do its work "
               "for the public.");
    default:
      g_assert_not_reached ();
    }
}

/* One explanation per legal basis among the services; returns their titles, quoted, for
 * the question, and whether any of them needs the citizen's consent. */
static char *
describe_services (LoketConsentCard *self,
                   GPtrArray        *services,
                   gboolean         *asks_consent)
{
  GString *titles = g_string_new (NULL);
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  *asks_consent = FALSE;
  for (guint i = 0; i < services->len; i++)
    {
      const LoketConsentService *service = g_ptr_array_index (services, i);

      if (titles->len > 0)
        g_string_append (titles, _(", "));
      g_string_append_printf (titles, "“%s”", C_CATALOG (service->service->title));
      *asks_consent |= service->basis == LOKET_LEGAL_BASIS_CONSENT;
      if (!seen[service->basis])
        {
          GtkWidget *label = gtk_label_new (basis_explanation (service->basis));

          seen[service->basis] = TRUE;
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "loket-consent-basis");
          gtk_box_append (GTK_BOX (self->bases), label);
        }
    }

  return g_string_free (titles, FALSE);
}

static void
set_up_toggle (LoketConsentCard  *self,
               const LoketAgency *agency,
               gboolean           asks_consent,
               gboolean           active)
{
  g_autofree char *accessible_name = NULL;

  gtk_button_set_label (GTK_BUTTON (self->toggle),
                        /* Translators: the big toggle of an agency whose services need the
                         * citizen's consent. */
                        asks_consent ? _("Yes, I agree")
                                     /* Translators: the big toggle of an agency that
                                      * receives the data by law: the citizen only
                                      * acknowledges. */
                                     : _("I have read this"));
  /* Every card has this toggle: its name says which agency it answers. */
  /* Translators: what a screen reader says of a button: its text, then what it is for
   * (an agency, a section of the form), e.g. "Change: Your child". */
  accessible_name = g_strdup_printf (C_("accessible name", "%s: %s"),
                                     gtk_button_get_label (GTK_BUTTON (self->toggle)),
                                     C_CATALOG (agency->name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggle), active);
  toggle_toggled_cb (GTK_TOGGLE_BUTTON (self->toggle), NULL);
  g_signal_connect (self->toggle, "toggled", G_CALLBACK (toggle_toggled_cb), NULL);
}

GtkWidget *
loket_consent_card_new (LoketRequest      *request,
                        const LoketAgency *agency)
{
  LoketConsentCard *self;
  g_autoptr(GPtrArray) services = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *question = NULL;
  gboolean asks_consent;

  g_return_val_if_fail (LOKET_IS_REQUEST (request), NULL);
  g_return_val_if_fail (agency != NULL, NULL);

  self = g_object_new (LOKET_TYPE_CONSENT_CARD, NULL);
  self->agency_id = g_strdup (agency->id);
  self->consent_text = loket_request_consent_text (request, agency->id);
  gtk_label_set_text (GTK_LABEL (self->name), C_CATALOG (agency->name));
  gtk_label_set_text (GTK_LABEL (self->text), self->consent_text);

  services = loket_request_get_consent_fields (request, agency->id);
  titles = describe_services (self, services, &asks_consent);
  set_up_toggle (self, agency, asks_consent, loket_request_get_consent (request, agency->id));

  /* Translators: takes an agency's services out of the request; %s: its short name. */
  remove_label = g_strdup_printf (_("Do not send to %s"), C_CATALOG (agency->short_name));
  gtk_button_set_label (GTK_BUTTON (self->remove), remove_label);
  /* Translators: asked before services are taken out of the request; %s: their titles. */
  question = g_strdup_printf (_("Then these services are removed from your request: %s. "
                                "You can choose them again later. Remove them?"), titles);
  gtk_label_set_text (GTK_LABEL (self->question), question);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove), "s", agency->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->keep), "s", agency->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->confirm), "s", agency->id);

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

GtkWidget *
loket_consent_card_get_toggle (LoketConsentCard *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_CARD (self), NULL);
  return self->toggle;
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
