/* loket-speech-touch.h — explore by touch, for the speech mode
 *
 * As phone screen readers do: while speech is on, one tap on a control says it and does not
 * press it; a tap on the control just said (so a double tap too) presses it. A finger
 * sliding over the screen says each control it reaches. Entries take the tap as usual (the
 * focus moves there and the keyboard comes up; the field's name, hint and — on a private
 * output — its value are said). On the on-screen keyboard a key is said on touch and typed
 * on release ("tap and lift"); sliding to another key says that one, and lifting the finger
 * off the keyboard types nothing.
 *
 * It is one gesture in the capture phase of the window: the controls below never see the
 * taps it takes, so their "clicked" is emitted only when the gesture presses them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-speech-mode.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SPEECH_TOUCH (loket_speech_touch_get_type ())
G_DECLARE_FINAL_TYPE (LoketSpeechTouch, loket_speech_touch, LOKET, SPEECH_TOUCH, GObject)

/* Watches window's touches (window not referenced; mode not referenced, it owns us). */
LoketSpeechTouch *loket_speech_touch_new      (GtkWindow        *window,
                                               LoketSpeechMode  *mode);

/* A new page, or speech turned on or off: no control counts as said any more. */
void              loket_speech_touch_forget   (LoketSpeechTouch *self);

/* The control the last tap said (the next tap on it presses it), or NULL. */
GtkWidget        *loket_speech_touch_get_said (LoketSpeechTouch *self);

/* What one tap on widget (a control, or a label) says, as the tap would say it; NULL when
 * it is nothing a tap explores. For tests. */
char             *loket_speech_touch_dup_text (GtkWidget        *widget,
                                               gboolean          private);

G_END_DECLS
