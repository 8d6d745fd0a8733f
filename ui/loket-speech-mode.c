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

#include "speech/loket-speech-device.h"
#include "loket-field-row.h"
#include "loket-idle.h"
#include "loket-page.h"
#include "loket-receipt-page.h"
#include "loket-speech-bar.h"
#include "loket-speech-label.h"
#include "loket-speech-mode.h"
#include "loket-speech-touch.h"
#include "loket-speech-readout.h"

/* Louder, quieter, slower, faster: one step a tap. */
#define VOLUME_STEP 20
#define RATE_STEP 25
/* The idle warning's countdown is spoken when this many seconds are left. */
static const guint countdown_marks[] = { 20, 10 };

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

  GtkWidget           *bar;           /* repeat, louder…: shown while speech is on */
  LoketIdle           *idle;          /* not referenced: the window holds it */
  guint                countdown_id;  /* while the idle warning shows */
  guint                countdown_said; /* the last mark said (seconds), G_MAXUINT: none */
  guint                warning_end_id; /* the warning has just gone: the focus waits */
  GCancellable        *probe;         /* looking for an audio output */
  char                *unavailable;   /* why Listen is not offered, or NULL */
};

/* The kiosk has one window: what its speech mode found, for the admin status board. */
static char *last_unavailable_reason;
/* Every Listen toggle made (Welcome's, the footer's): their words follow the language. */
static GPtrArray *listen_toggles;

G_DEFINE_FINAL_TYPE (LoketSpeechMode, loket_speech_mode, G_TYPE_OBJECT)

static gboolean after_page_cb (gpointer data);

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
  /* Review's answers, Consent's agencies, the receipt's code and where to go. */
  loket_speech_readout_page (self->speech, language (self), page, self->session);
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

/* Enter after a step's last answer is Next: when the step is refused, the page puts the
 * focus on the first answer to fix, which may be where it already was. */
static void
entry_activated_cb (LoketSpeechMode *self)
{
  GtkWidget *focus;
  GtkWidget *row;

  if (!loket_speech_mode_get_enabled (self))
    return;
  focus = gtk_window_get_focus (self->window);
  row = focus != NULL ? gtk_widget_get_ancestor (focus, LOKET_TYPE_FIELD_ROW) : NULL;
  if (row != NULL && loket_field_row_get_message (LOKET_FIELD_ROW (row)) != NULL)
    loket_speech_mode_next_refused (self);
}

static void
watch_entry (LoketSpeechMode *self,
             GtkWidget       *focus)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, LOKET_TYPE_FIELD_ROW);
  GtkWidget *entry = row != NULL ? loket_field_row_get_entry (LOKET_FIELD_ROW (row)) : NULL;

  if (entry == NULL ||
      g_signal_handler_find (entry, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             entry_activated_cb, self) != 0)
    return;
  /* After the page's own handler has checked the step. */
  g_signal_connect_object (entry, "activate", G_CALLBACK (entry_activated_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
focus_changed_cb (LoketSpeechMode *self)
{
  GtkWidget *focus = gtk_window_get_focus (self->window);
  GtkWidget *named;
  GtkWidget *page;
  g_autoptr(GtkWidget) shown = NULL;

  if (self->speech == NULL || !loket_speech_get_enabled (self->speech) || focus == NULL)
    return;
  /* The idle warning went and gave the focus back: said once the window has decided
   * whether the citizen stays (or is wiped: then nothing is said). */
  if (self->warning_end_id != 0)
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

  watch_entry (self, focus);
  /* Its name, what was typed (on headphones), its hint and error. */
  loket_speech_readout_control (self->speech, language (self), named, focus, self->after_page);
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


/* Louder, quieter, slower, faster: for this citizen only (the wipe goes back to the
 * configuration's), each said at its new setting. */
static void
adjust_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  LoketSpeechMode *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  const char *said;

  if (!loket_speech_mode_get_enabled (self))
    return;

  if (g_str_equal (name, "louder"))
    {
      loket_speech_set_volume (self->speech, loket_speech_get_volume (self->speech) + VOLUME_STEP);
      /* Translators: said by speech mode at its new volume, after Louder. */
      said = _("Louder");
    }
  else if (g_str_equal (name, "quieter"))
    {
      loket_speech_set_volume (self->speech,
                               MAX (loket_speech_get_volume (self->speech), VOLUME_STEP) - VOLUME_STEP);
      said = _("Quieter");
    }
  else if (g_str_equal (name, "slower"))
    {
      loket_speech_set_rate (self->speech,
                             MAX (loket_speech_get_rate (self->speech), RATE_STEP) - RATE_STEP);
      said = _("Slower");
    }
  else
    {
      loket_speech_set_rate (self->speech, loket_speech_get_rate (self->speech) + RATE_STEP);
      said = _("Faster");
    }

  loket_speech_say (self->speech, language (self), said);
}

static void
repeat_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  LoketSpeechMode *self = user_data;

  if (loket_speech_mode_get_enabled (self))
    speak_page (self);
}

static void
repeat_code_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LoketSpeechMode *self = user_data;
  g_autoptr(GtkWidget) page = g_weak_ref_get (&self->page);
  const char *code = self->session != NULL ? loket_session_get_tracking_code (self->session)
                                           : NULL;

  if (!loket_speech_mode_get_enabled (self))
    return;
  if (code == NULL && page != NULL && LOKET_IS_RECEIPT_PAGE (page))
    code = loket_receipt_page_get_code (LOKET_RECEIPT_PAGE (page));
  loket_speech_readout_code (self->speech, language (self), code, TRUE);
}

static void
add_actions (LoketSpeechMode *self)
{
  static const GActionEntry entries[] = {
    { .name = "repeat", .activate = repeat_cb },
    { .name = "repeat-code", .activate = repeat_code_cb },
    { .name = "louder", .activate = adjust_cb },
    { .name = "quieter", .activate = adjust_cb },
    { .name = "slower", .activate = adjust_cb },
    { .name = "faster", .activate = adjust_cb },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);
}

/* The idle warning: said when it comes (its title and countdown), then at 20 and at 10
 * seconds left. */
static gboolean
countdown_cb (gpointer data)
{
  LoketSpeechMode *self = data;
  guint left;

  if (!loket_idle_is_warning (self->idle) || !loket_speech_mode_get_enabled (self))
    {
      self->countdown_id = 0;
      return G_SOURCE_REMOVE;
    }

  left = loket_idle_get_seconds_left (self->idle);
  for (guint i = 0; i < G_N_ELEMENTS (countdown_marks); i++)
    if (left <= countdown_marks[i] && countdown_marks[i] < self->countdown_said)
      {
        g_autofree char *text = loket_speech_readout_countdown (countdown_marks[i]);

        self->countdown_said = countdown_marks[i];
        loket_speech_say (self->speech, language (self), text);
      }

  return G_SOURCE_CONTINUE;
}

static gboolean
warning_ended_cb (gpointer data)
{
  LoketSpeechMode *self = data;

  self->warning_end_id = 0;
  focus_changed_cb (self);
  return G_SOURCE_REMOVE;
}

static void
idle_visible_cb (LoketSpeechMode *self)
{
  g_autoptr(GPtrArray) texts = NULL;

  if (!loket_idle_is_warning (self->idle))
    {
      g_clear_handle_id (&self->countdown_id, g_source_remove);
      g_clear_handle_id (&self->warning_end_id, g_source_remove);
      self->warning_end_id = g_idle_add (warning_ended_cb, self);
      return;
    }
  if (!loket_speech_mode_get_enabled (self))
    return;

  /* What the warning shows: its question and countdown. The marks already passed (a
   * warning shorter than 20 s) are not said again. */
  texts = loket_speech_readout_texts (GTK_WIDGET (self->idle));
  for (guint i = 0; i < texts->len; i++)
    if (i == 0)
      loket_speech_say (self->speech, language (self), g_ptr_array_index (texts, i));
    else
      loket_speech_queue (self->speech, language (self), g_ptr_array_index (texts, i));
  self->countdown_said = loket_idle_get_seconds_left (self->idle);
  /* The button the warning focuses is said after it. */
  self->after_page = TRUE;
  g_clear_handle_id (&self->after_page_id, g_source_remove);
  self->after_page_id = g_idle_add_full (G_PRIORITY_HIGH, after_page_cb, self, NULL);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  self->countdown_id = g_timeout_add (100, countdown_cb, self);
}

static void
set_output_found (LoketSpeechMode *self,
                  const GError    *error)
{
  if (error == NULL)
    {
      g_simple_action_set_enabled (self->listen, TRUE);
      return;
    }

  g_message ("Speech mode is not offered: %s", error->message);
  g_free (self->unavailable);
  /* Translators: admin mode's status board, the Speech row; %s: why, as the audio system
   * said it (in English, for the technician), e.g. "no audio output found". */
  self->unavailable = g_strdup_printf (_("not offered: %s"), error->message);
  g_free (last_unavailable_reason);
  last_unavailable_reason = g_strdup (self->unavailable);
}

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LoketSpeechMode) self = user_data;
  g_autoptr(GError) error = NULL;

  loket_speech_probe_output_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->probe);
  set_output_found (self, error);
}

/* Listen is offered once an audio output is known to open; in tests (recording, or
 * LOKET_SPEECH_OUTPUT=none) the answer is known at once. */
static void
probe_output (LoketSpeechMode *self,
              LoketConfig     *config)
{
  const char *device = config != NULL ? config->speech_device : NULL;

  g_simple_action_set_enabled (self->listen, FALSE);
  g_cancellable_cancel (self->probe);
  g_clear_object (&self->probe);
  if (g_getenv ("LOKET_SPEECH_OUTPUT") != NULL)
    {
      g_autoptr(GError) error = NULL;

      loket_speech_probe_output (device, &error);
      set_output_found (self, error);
      return;
    }

  self->probe = g_cancellable_new ();
  loket_speech_probe_output_async (device, self->probe, probe_done_cb, g_object_ref (self));
}

static void
toggle_update_strings (GtkWidget *toggle)
{
  /* Its face: an icon, then the word (loket_speech_mode_new_toggle ()). */
  GtkLabel *label = GTK_LABEL (gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (toggle))));

  /* Translators: the toggle that makes the kiosk speak (speech mode, for citizens who
   * cannot read the screen). */
  gtk_label_set_text (label, _("Listen"));
  /* Translators: the accessible name of the Listen toggle. */
  loket_speech_label_set (toggle, _("Listen: read this kiosk aloud"));
}

static void
toggle_gone_cb (gpointer  data,
                GObject  *where)
{
  g_ptr_array_remove_fast (listen_toggles, where);
}

static void
language_changed_cb (LoketSpeechMode *self)
{
  if (self->bar != NULL)
    loket_speech_bar_update_strings (self->bar);
  for (guint i = 0; listen_toggles != NULL && i < listen_toggles->len; i++)
    toggle_update_strings (g_ptr_array_index (listen_toggles, i));
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
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_handle_id (&self->warning_end_id, g_source_remove);
  if (self->idle != NULL)
    g_signal_handlers_disconnect_by_data (self->idle, self);
  self->idle = NULL;
  g_cancellable_cancel (self->probe);
  g_clear_object (&self->probe);
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
  g_free (self->unavailable);

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
  add_actions (self);
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
  g_clear_pointer (&self->unavailable, g_free);
  if (config != NULL && !config->speech_enabled)
    {
      g_simple_action_set_enabled (self->listen, FALSE);
      /* Translators: admin mode's status board, the Speech row. */
      self->unavailable = g_strdup (_("not offered: turned off in the configuration "
                                      "([speech] enabled = false)"));
    }
  else
    probe_output (self, config);
  g_free (last_unavailable_reason);
  last_unavailable_reason = g_strdup (self->unavailable);

  if (session != NULL)
    g_signal_connect_object (session, "language-changed", G_CALLBACK (language_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

void
loket_speech_mode_attach (LoketSpeechMode *self,
                          LoketBands      *bands,
                          LoketIdle       *idle)
{
  g_autoptr(GtkWidget) footer = NULL;
  GtkWidget *box;

  g_return_if_fail (LOKET_IS_SPEECH_MODE (self));

  /* The controls sit just above the footer, in its band: they come and go with speech. */
  footer = g_object_ref (loket_bands_get_footer (bands));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  loket_bands_set_footer (bands, box);
  self->bar = loket_speech_bar_new ();
  gtk_box_append (GTK_BOX (box), self->bar);
  gtk_box_append (GTK_BOX (box), footer);

  self->idle = idle;
  g_signal_connect_swapped (idle, "notify::visible", G_CALLBACK (idle_visible_cb), self);
}

void
loket_speech_mode_next_refused (LoketSpeechMode *self)
{
  if (self == NULL || !loket_speech_mode_get_enabled (self))
    return;

  /* The page put the focus on the first answer to fix: its name and its error. */
  loket_speech_readout_refused (self->speech, language (self),
                                gtk_window_get_focus (self->window));
}

const char *
loket_speech_mode_get_unavailable_reason (LoketSpeechMode *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH_MODE (self), NULL);

  return self->unavailable;
}

const char *
loket_speech_unavailable_reason (void)
{
  return last_unavailable_reason;
}

GtkWidget *
loket_speech_mode_get_bar (LoketSpeechMode *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH_MODE (self), NULL);

  return self->bar;
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
  GtkWidget *label = gtk_label_new (NULL);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), large ? 48 : 32);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (toggle), box);
  gtk_widget_set_size_request (toggle, large ? 240 : 64, 64);
  gtk_widget_set_halign (toggle, large ? GTK_ALIGN_CENTER : GTK_ALIGN_START);
  gtk_widget_add_css_class (toggle, "loket-listen");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "speech.listen");
  toggle_update_strings (toggle);
  if (listen_toggles == NULL)
    listen_toggles = g_ptr_array_new ();
  g_ptr_array_add (listen_toggles, toggle);
  g_object_weak_ref (G_OBJECT (toggle), toggle_gone_cb, NULL);
  g_signal_connect (toggle, "notify::sensitive", G_CALLBACK (toggle_sensitive_cb), NULL);
  /* Setting the action made it insensitive already when the action is not there yet. */
  toggle_sensitive_cb (toggle);

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
  if (self->bar != NULL)
    loket_speech_bar_set_code_shown (self->bar, page != NULL && LOKET_IS_RECEIPT_PAGE (page));

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
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->speech != NULL)
    {
      LoketConfig *config = self->session != NULL ? loket_session_get_config (self->session)
                                                  : NULL;

      /* Nothing of this citizen is said to the next; their louder or slower goes too. */
      loket_speech_flush (self->speech);
      loket_speech_set_rate (self->speech, config != NULL ? config->speech_rate : 175);
      loket_speech_set_volume (self->speech, config != NULL ? config->speech_volume : 100);
    }
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
  if (self->bar != NULL)
    gtk_widget_set_visible (self->bar, enabled);
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
