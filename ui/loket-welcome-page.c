/* loket-welcome-page.c — the first page: language, what the kiosk does, Start and Track
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page a stranger sees from across the hall: a greeting, one sentence on what the kiosk
 * is for, the languages (each named in itself, so a citizen finds their own without reading
 * the other), Start in the footer and a way to track an earlier request. While the kiosk is
 * out of service (loket-service-state.h) it says so instead of offering Start; Track stays.
 */
#define G_LOG_DOMAIN "loket-welcome"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/loket-i18n.h"
#include "loket-button-row.h"
#include "loket-speech-mode.h"
#include "loket-welcome-page.h"
#include "loket-vision-toggles.h"
#include "loket-window.h"

struct _LoketWelcomePage
{
  LoketPage  parent_instance;

  GtkWidget *content;
  GtkWidget *languages_box;
  GtkWidget *language_label;
  GtkWidget *unavailable_label;
  GtkWidget *track_button;
  GtkWidget *chosen;        /* the current language's button, or NULL */
};

G_DEFINE_FINAL_TYPE (LoketWelcomePage, loket_welcome_page, LOKET_TYPE_PAGE)

static void
build_languages (LoketWelcomePage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));
  LoketConfig *config;
  const char *current;

  if (session == NULL)
    return;

  config = loket_session_get_config (session);
  current = loket_session_get_language (session);
  for (guint i = 0; config->languages[i] != NULL; i++)
    {
      const char *code = config->languages[i];
      /* One language of several: a radio button to a screen reader, "checked" when chosen. */
      GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                        "label", loket_language_endonym (code),
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                        NULL);
      gboolean chosen = g_strcmp0 (code, current) == 0;

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "flow.language");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", code);
      gtk_widget_add_css_class (button, "loket-language-choice");
      /* The chosen one looks chosen (and says so to a screen reader), not by colour only:
       * the style sheet gives it a thick frame too. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                                   chosen ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                          : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
      if (chosen)
        {
          self->chosen = button;
          gtk_widget_add_css_class (button, "loket-chosen");
        }
      loket_button_row_append (LOKET_BUTTON_ROW (self->languages_box), button);
    }

  gtk_widget_set_visible (self->languages_box, config->languages[1] != NULL);
  gtk_widget_set_visible (self->language_label, config->languages[1] != NULL);
}

/* Follows the kiosk's service state: out of service, the page says so in the citizen's
 * language and offers no Start; tracking an earlier request still works. */
static void
update_service (LoketWelcomePage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));
  gboolean in_service = session == NULL ||
                        loket_service_state_in_service (loket_session_get_service_state (session));

  const char *staff = session != NULL
    ? loket_service_state_get_why (loket_session_get_service_state (session),
                                   LOKET_OUT_OF_SERVICE_STAFF)
    : NULL;
  const char *text;

  /* Staff said why (admin mode): the citizen reads it in their language. */
  if (g_strcmp0 (staff, LOKET_STAFF_REASON_PRINTER) == 0)
    /* Translators: Welcome, when staff took the kiosk out of service. */
    text = _("This kiosk is not taking requests: its printer is being fixed. Please use another "
             "kiosk or go to the counter. You can still track a request here.");
  else if (g_strcmp0 (staff, LOKET_STAFF_REASON_NETWORK) == 0)
    /* Translators: Welcome, when staff took the kiosk out of service. */
    text = _("This kiosk is not taking requests: its network connection is being fixed. "
             "Please use another kiosk or go to the counter.");
  else if (staff != NULL)
    /* Translators: Welcome, when staff took the kiosk out of service. */
    text = _("This kiosk is not taking requests: it is under maintenance. Please use another "
             "kiosk or go to the counter. You can still track a request here.");
  else
    text = _("This kiosk is not taking requests right now. Please go to the counter.");
  gtk_label_set_label (GTK_LABEL (self->unavailable_label), text);
  gtk_widget_set_visible (self->unavailable_label, !in_service);
  loket_page_set_show_next (LOKET_PAGE (self), in_service);
}

static void
loket_welcome_page_apply_async (LoketPage           *page,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  LoketWelcomePage *self = LOKET_WELCOME_PAGE (page);
  LoketSession *session = loket_page_get_session (page);
  g_autoptr(GTask) task = g_task_new (page, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, loket_welcome_page_apply_async);

  /* No outbox, no key: a request could not be kept safe. Start is not offered then, but a
   * key may still press the main action: the citizen gets a calm word and the counter;
   * staff found the reason in the log when the kiosk went out of service. */
  if (session != NULL && !loket_session_can_submit (session, &error))
    {
      g_debug ("New requests are refused: %s", error->message);
      gtk_widget_set_visible (self->unavailable_label, TRUE);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "%s", gtk_label_get_label (GTK_LABEL (self->unavailable_label)));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
loket_welcome_page_shown (LoketPage *page)
{
  LoketWelcomePage *self = LOKET_WELCOME_PAGE (page);

  update_service (self);
  /* A physical keyboard starts on the first choice the page offers: the language, on the
   * one already chosen (so Enter keeps it and an arrow key reaches the others). */
  if (self->chosen != NULL && gtk_widget_get_visible (self->languages_box))
    gtk_widget_grab_focus (self->chosen);
}

static void
loket_welcome_page_constructed (GObject *object)
{
  LoketWelcomePage *self = LOKET_WELCOME_PAGE (object);
  LoketSession *session;

  G_OBJECT_CLASS (loket_welcome_page_parent_class)->constructed (object);

  build_languages (self);
  session = loket_page_get_session (LOKET_PAGE (self));
  if (session != NULL)
    g_signal_connect_object (loket_session_get_service_state (session), "notify::in-service",
                             G_CALLBACK (update_service), self, G_CONNECT_SWAPPED);
  update_service (self);
}

static void
loket_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (loket_welcome_page_parent_class)->dispose (object);
}

static void
loket_welcome_page_class_init (LoketWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->constructed = loket_welcome_page_constructed;
  object_class->dispose = loket_welcome_page_dispose;
  page_class->apply_async = loket_welcome_page_apply_async;
  page_class->shown = loket_welcome_page_shown;

  g_type_ensure (LOKET_TYPE_BUTTON_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketWelcomePage, content);
  gtk_widget_class_bind_template_child (widget_class, LoketWelcomePage, languages_box);
  gtk_widget_class_bind_template_child (widget_class, LoketWelcomePage, language_label);
  gtk_widget_class_bind_template_child (widget_class, LoketWelcomePage, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, LoketWelcomePage, track_button);
}

static void
loket_welcome_page_init (LoketWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* At the foot of the page, near the hand: Track, then the aids — Listen, large
   * (loket-speech-mode.c), Larger text and High contrast in words (loket-vision-toggles.c;
   * the footer shows no others here: LOKET_PAGE_KIND_OWN_VISION). All on one line where
   * they fit (a landscape screen, whose height they would not fit one below the other),
   * in two rows of two, or one below the other. */
  {
    GtkWidget *aids = loket_button_row_new ();
    GtkWidget *first = loket_button_row_new ();
    GtkWidget *vision = loket_vision_toggles_new_row (TRUE);

    g_object_ref (self->track_button);
    gtk_box_remove (GTK_BOX (self->content), self->track_button);
    loket_button_row_set_spacing (LOKET_BUTTON_ROW (first), 16);
    loket_button_row_append (LOKET_BUTTON_ROW (first), self->track_button);
    g_object_unref (self->track_button);
    loket_button_row_append (LOKET_BUTTON_ROW (first), loket_speech_mode_new_toggle (TRUE));
    loket_button_row_set_spacing (LOKET_BUTTON_ROW (aids), 16);
    loket_button_row_append (LOKET_BUTTON_ROW (aids), first);
    loket_button_row_append (LOKET_BUTTON_ROW (aids), vision);
    gtk_widget_set_halign (aids, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (self->content), aids);
  }

  loket_page_set_show_back (LOKET_PAGE (self), FALSE);
  /* Translators: the main button on the welcome page */
  loket_page_set_next_label (LOKET_PAGE (self), _("Start"));
  loket_page_set_complete (LOKET_PAGE (self), TRUE);
}
