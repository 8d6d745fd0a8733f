/* loket-speech-mode.h — the speech mode of the kiosk's window
 *
 * Owns the speech engine (app/speech) and the `speech.listen` action (a boolean state) that
 * the Listen toggles on Welcome and in the footer share. While it is on it speaks each page
 * as it is shown (title, step, first question and its hint) and every keyboard focus
 * change; the window's wipe turns it off, so the next citizen starts silent. Touches are
 * explored (loket-speech-touch.h), and "*" on a numeric keypad or Ctrl+Alt+S turns it on
 * and off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-bands.h"
#include "loket-idle.h"
#include "loket-session.h"
#include "speech/loket-speech.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SPEECH_MODE (loket_speech_mode_get_type ())
G_DECLARE_FINAL_TYPE (LoketSpeechMode, loket_speech_mode, LOKET, SPEECH_MODE, GObject)

/* Installs the `speech` action group on window (not referenced). */
LoketSpeechMode *loket_speech_mode_new          (GtkWindow       *window);

/* The kiosk's configuration and language come from the session ([speech] enabled decides
 * whether the toggles are offered). */
void             loket_speech_mode_set_session  (LoketSpeechMode *self,
                                                 LoketSession    *session);

/* Puts speech mode's controls (repeat, louder…) above the footer of bands, and says the
 * idle warning and its countdown. Once, from the window. */
void             loket_speech_mode_attach       (LoketSpeechMode *self,
                                                 LoketBands      *bands,
                                                 LoketIdle       *idle);

/* Next was refused: says the answer to fix (the focus) and its error. */
void             loket_speech_mode_next_refused (LoketSpeechMode *self);

/* Why Listen is not offered ([speech] enabled = false, no audio output), translated; NULL
 * while it is (or not yet known). */
const char      *loket_speech_mode_get_unavailable_reason (LoketSpeechMode *self);
/* The same for the kiosk's window, for the admin status board. */
const char      *loket_speech_unavailable_reason (void);

/* The controls' bar (a GtkFlowBox of buttons), for tests. */
GtkWidget       *loket_speech_mode_get_bar      (LoketSpeechMode *self);

/* A "Listen" toggle (word and icon) bound to `speech.listen`; hidden while the action is
 * not offered. */
GtkWidget       *loket_speech_mode_new_toggle   (gboolean         large);

/* The window showed a new page: speaks it when speech is on. */
void             loket_speech_mode_page_shown   (LoketSpeechMode *self,
                                                 GtkWidget       *page,
                                                 const char      *title,
                                                 const char      *step);

/* The citizen left: speech off, nothing queued. */
void             loket_speech_mode_wipe         (LoketSpeechMode *self);

gboolean         loket_speech_mode_get_enabled  (LoketSpeechMode *self);
void             loket_speech_mode_set_enabled  (LoketSpeechMode *self,
                                                 gboolean         enabled);

/* The citizen's language ("id", "en"): what speech is said in. */
const char      *loket_speech_mode_get_language (LoketSpeechMode *self);

/* Explore by touch (loket-speech-touch.h). */
typedef struct _LoketSpeechTouch LoketSpeechTouch;
LoketSpeechTouch *loket_speech_mode_get_touch   (LoketSpeechMode *self);

/* The engine, once speech was first turned on (NULL before): tests read its log. */
LoketSpeech     *loket_speech_mode_get_speech   (LoketSpeechMode *self);

G_END_DECLS
