/* loket-speech-mode.c — what the kiosk says in speech mode, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words come from the screen itself: the header's title and step as shown, and the
 * names that pages gave their controls through loket-speech-label.h (the same strings a
 * screen reader gets). What the citizen typed is spoken only on a private output
 * (loket_speech_say_value()).
 */
#define G_LOG_DOMAIN "loket-speech"

#include "config.h"

#include <glib/gi18n.h>

#include "loket-page.h"
#include "loket-speech-label.h"
#include "loket-speech-mode.h"
#include "loket-speech-touch.h"

struct _LoketSpeechMode
{
  GObject              parent_instance;

  GtkWindow           *window;        /* not referenced: it owns us */
  LoketSession        *session;       /* not referenced: the window holds it */
  GSimpleActionGroup  *actions;
  GSimpleAction       *listen;
  LoketSpeech         *speech;        /* created when first turned on */
  LoketSpeechTouch    *touch;         /* explore by touch (loket-speech-touch.c) */

  GWeakRef             page;          /* the page shown last */
  char                *title;
  char                *step;
  gboolean             after_page;    /* focus changes queue after the page, not cut it */
  guint                after_page_id;
  GtkWidget           *question;      /* the question said with the page (not referenced) */
};

G_DEFINE_FINAL_TYPE (LoketSpeechMode, loket_speech_mode, G_TYPE_OBJECT)

static const char *
language (LoketSpeechMode *self)
{
  return self->session != NULL ? loket_session_get_language (self->session) : "id";
}

static void
speak_page (LoketSpeechMode *self)
{
  g_autoptr(GtkWidget) page = g_weak_ref_get (&self->page);
  GtkWidget *question;

  if (self->speech == NULL || !loket_speech_get_enabled (self->speech))
    return;

  if (self->title != NULL && *self->title != '\0')
    loket_speech_say (self->speech, language (self), self->title);
  else if (page != NULL)
    {
      /* Welcome has no title in the header: its greeting is the page's first words. */
      g_autofree char *greeting = loket_speech_label_dup_first_text (page);

      loket_speech_say (self->speech, language (self), greeting);
    }
  loket_speech_queue (self->speech, language (self), self->step);
  if (page == NULL)
    return;

  question = loket_speech_label_find_question (page);
  self->question = question;
  if (question != NULL)
    {
      g_autofree char *name = loket_speech_label_dup_name (question);

      loket_speech_queue (self->speech, language (self), name);
      loket_speech_queue (self->speech, language (self),
                          loket_speech_label_get_description (question));
    }
}

/* The widget that names the focus: GTK focuses the text inside an entry, and a button's
 * label inside the button. */
static GtkWidget *
named_focus (GtkWidget *focus)
{
  GtkWidget *widget = focus;

  for (guint depth = 0; widget != NULL && depth < 4; depth++)
    {
      g_autofree char *name = loket_speech_label_dup_name (widget);

      if (name != NULL || loket_speech_label_get_description (widget) != NULL)
        return widget;
      widget = gtk_widget_get_parent (widget);
    }

  return NULL;
}

static void
focus_changed_cb (LoketSpeechMode *self)
{
  GtkWidget *focus = gtk_window_get_focus (self->window);
  GtkWidget *named;
  GtkWidget *page;
  g_autoptr(GtkWidget) shown = NULL;
  g_autofree char *name = NULL;
  const char *description;

  if (self->speech == NULL || !loket_speech_get_enabled (self->speech) || focus == NULL)
    return;

  /* A page the window is still putting on screen: it is said first, when shown. */
  page = gtk_widget_get_ancestor (focus, LOKET_TYPE_PAGE);
  shown = g_weak_ref_get (&self->page);
  if (page != NULL && page != shown)
    return;

  named = named_focus (focus);
  if (named == NULL)
    return;
  /* The page has just said its first question: the focus landing on it says it again. */
  if (self->after_page && named == self->question)
    return;

  name = loket_speech_label_dup_name (named);
  if (name == NULL)
    name = g_strdup ("");
  if (self->after_page)
    loket_speech_queue (self->speech, language (self), name);
  else if (GTK_IS_EDITABLE (focus))
    loket_speech_say_value (self->speech, language (self), name,
                            gtk_editable_get_text (GTK_EDITABLE (focus)));
  else
    loket_speech_say (self->speech, language (self), name);

  description = loket_speech_label_get_description (named);
  loket_speech_queue (self->speech, language (self), description);
}

static void
create_speech (LoketSpeechMode *self)
{
  LoketConfig *config = self->session != NULL ? loket_session_get_config (self->session) : NULL;
  LoketSpeechSettings settings = { .rate = 175, .volume = 100 };

  if (config != NULL)
    {
      settings.rate = config->speech_rate;
      settings.volume = config->speech_volume;
      settings.private = config->speech_private;
      settings.device = config->speech_device;
    }

  self->speech = loket_speech_new (&settings);
}

static void
listen_change_state_cb (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  LoketSpeechMode *self = user_data;

  loket_speech_mode_set_enabled (self, g_variant_get_boolean (state));
}

static void
loket_speech_mode_dispose (GObject *object)
{
  LoketSpeechMode *self = LOKET_SPEECH_MODE (object);

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  self->window = NULL;
  g_clear_handle_id (&self->after_page_id, g_source_remove);
  g_clear_object (&self->touch);
  g_clear_object (&self->speech);
  g_clear_object (&self->listen);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (loket_speech_mode_parent_class)->dispose (object);
}

static void
loket_speech_mode_finalize (GObject *object)
{
  LoketSpeechMode *self = LOKET_SPEECH_MODE (object);

  g_weak_ref_clear (&self->page);
  g_free (self->title);
  g_free (self->step);

  G_OBJECT_CLASS (loket_speech_mode_parent_class)->finalize (object);
}

static void
loket_speech_mode_class_init (LoketSpeechModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_speech_mode_dispose;
  object_class->finalize = loket_speech_mode_finalize;
}

static void
loket_speech_mode_init (LoketSpeechMode *self)
{
  g_weak_ref_init (&self->page, NULL);
}

static gboolean
listen_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  LoketSpeechMode *self = user_data;

  if (!g_action_get_enabled (G_ACTION (self->listen)))
    return FALSE;
  loket_speech_mode_set_enabled (self, !loket_speech_mode_get_enabled (self));
  return TRUE;
}

/* The physical key for a citizen who cannot find the toggle: "*" on a numeric keypad (the
 * tactile USB keypad of an ATM-like kiosk has one) or Ctrl+Alt+S on a keyboard. Caught
 * before any field, where a keypad's "*" is never needed. */
static void
add_listen_key (LoketSpeechMode *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger =
    gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_KP_Multiply, 0),
                                 gtk_keyval_trigger_new (GDK_KEY_s,
                                                         GDK_CONTROL_MASK | GDK_ALT_MASK));

  gtk_event_controller_set_name (keys, "loket-listen-key");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (trigger,
                                                          gtk_callback_action_new (listen_key_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->window), keys);
}

LoketSpeechMode *
loket_speech_mode_new (GtkWindow *window)
{
  LoketSpeechMode *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (LOKET_TYPE_SPEECH_MODE, NULL);
  self->window = window;
  self->actions = g_simple_action_group_new ();
  self->listen = g_simple_action_new_stateful ("listen", NULL,
                                               g_variant_new_boolean (FALSE));
  g_signal_connect (self->listen, "change-state", G_CALLBACK (listen_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (self->listen));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "speech", G_ACTION_GROUP (self->actions));
  g_signal_connect_swapped (window, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self);
  self->touch = loket_speech_touch_new (window, self);
  add_listen_key (self);

  return self;
}

void
loket_speech_mode_set_session (LoketSpeechMode *self,
                               LoketSession    *session)
{
  LoketConfig *config;

  g_return_if_fail (LOKET_IS_SPEECH_MODE (self));

  self->session = session;
  config = session != NULL ? loket_session_get_config (session) : NULL;
  g_simple_action_set_enabled (self->listen, config == NULL || config->speech_enabled);
}

static void
toggle_sensitive_cb (GtkWidget *toggle)
{
  /* A toggle that cannot work is not offered at all (rather than shown greyed out). */
  gtk_widget_set_visible (toggle, gtk_widget_get_sensitive (toggle));
}

GtkWidget *
loket_speech_mode_new_toggle (gboolean large)
{
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("audio-volume-high-symbolic");
  /* Translators: the toggle that makes the kiosk speak (speech mode, for citizens who
   * cannot read the screen). */
  GtkWidget *label = gtk_label_new (_("Listen"));

  gtk_image_set_pixel_size (GTK_IMAGE (icon), large ? 48 : 32);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (toggle), box);
  gtk_widget_set_size_request (toggle, large ? 240 : 64, 64);
  gtk_widget_set_halign (toggle, large ? GTK_ALIGN_CENTER : GTK_ALIGN_START);
  gtk_widget_add_css_class (toggle, "loket-listen");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "speech.listen");
  /* Translators: the accessible name of the Listen toggle. */
  loket_speech_label_set (toggle, _("Listen: read this kiosk aloud"));
  g_signal_connect (toggle, "notify::sensitive", G_CALLBACK (toggle_sensitive_cb), NULL);

  return toggle;
}

static gboolean
after_page_cb (gpointer data)
{
  LoketSpeechMode *self = data;

  self->after_page = FALSE;
  self->after_page_id = 0;
  return G_SOURCE_REMOVE;
}

void
loket_speech_mode_page_shown (LoketSpeechMode *self,
                              GtkWidget       *page,
                              const char      *title,
                              const char      *step)
{
  /* NULL: the window is being disposed. */
  if (self == NULL)
    return;

  g_weak_ref_set (&self->page, page);
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->step);
  self->step = g_strdup (step);

  loket_speech_touch_forget (self->touch);
  speak_page (self);

  /* Where the window puts the focus next (this very iteration) is said after the page. */
  self->after_page = TRUE;
  g_clear_handle_id (&self->after_page_id, g_source_remove);
  self->after_page_id = g_idle_add_full (G_PRIORITY_HIGH, after_page_cb, self, NULL);
}

void
loket_speech_mode_wipe (LoketSpeechMode *self)
{
  if (self == NULL)
    return;

  loket_speech_mode_set_enabled (self, FALSE);
  g_weak_ref_set (&self->page, NULL);
}

gboolean
loket_speech_mode_get_enabled (LoketSpeechMode *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH_MODE (self), FALSE);

  return self->speech != NULL && loket_speech_get_enabled (self->speech);
}

void
loket_speech_mode_set_enabled (LoketSpeechMode *self,
                               gboolean         enabled)
{
  g_return_if_fail (LOKET_IS_SPEECH_MODE (self));

  enabled = !!enabled;
  if (enabled && !g_action_get_enabled (G_ACTION (self->listen)))
    return;

  g_simple_action_set_state (self->listen, g_variant_new_boolean (enabled));
  if (self->speech == NULL && !enabled)
    return;
  if (self->speech == NULL)
    create_speech (self);

  if (loket_speech_get_enabled (self->speech) == enabled)
    return;
  loket_speech_touch_forget (self->touch);
  loket_speech_set_enabled (self->speech, enabled);
  if (enabled)
    speak_page (self);
}

const char *
loket_speech_mode_get_language (LoketSpeechMode *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH_MODE (self), "id");

  return language (self);
}

LoketSpeechTouch *
loket_speech_mode_get_touch (LoketSpeechMode *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH_MODE (self), NULL);

  return self->touch;
}

LoketSpeech *
loket_speech_mode_get_speech (LoketSpeechMode *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH_MODE (self), NULL);

  return self->speech;
}
