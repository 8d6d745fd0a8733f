/* loket-speech-readout.h — what speech mode says of a field, a page's content, a receipt
 *
 * The words are the screen's own: the names pages gave their controls through
 * loket-speech-label.h, the labels shown, and the strings the screen translates. What the
 * citizen typed is said only on a private output (loket_speech_queue_value()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-session.h"
#include "speech/loket-speech.h"

G_BEGIN_DECLS

/* "3 1 7 1, 0 1 0 1, …": the digits of value one by one, in groups of group (a NIK is read
 * in groups of four); what is not a digit is dropped. */
char   *loket_speech_readout_digits     (const char  *value,
                                         guint        group);

/* The tracking code's groups as printed (loket_tracking_code_format(): XXXX-XXXX-XXXX-C),
 * from a canonical or a printed code; NULL when it is neither. */
GStrv   loket_speech_readout_code_groups (const char *code);

/* The tracking code: "Your tracking code", then each group spelled symbol by symbol
 * (interrupting what is being said when interrupt). */
void    loket_speech_readout_code       (LoketSpeech *speech,
                                         const char  *language,
                                         const char  *code,
                                         gboolean     interrupt);

/* What a page has to say after its title, step and first question: each answer on Review,
 * each agency's summary on Consent, the code and where to go on the receipt. Queued. */
void    loket_speech_readout_page       (LoketSpeech  *speech,
                                         const char   *language,
                                         GtkWidget    *page,
                                         LoketSession *session);

/* A control in focus (named: the widget that carries its name): its name, the value typed
 * (a field), then its hint and error. Queued after what is said when queue, else it
 * interrupts. */
void    loket_speech_readout_control    (LoketSpeech *speech,
                                         const char  *language,
                                         GtkWidget   *named,
                                         GtkWidget   *focus,
                                         gboolean     queue);

/* Next was refused: the field in focus and its error (interrupting). */
void    loket_speech_readout_refused    (LoketSpeech *speech,
                                         const char  *language,
                                         GtkWidget   *focus);

/* The idle warning's countdown in words, as the warning writes it. */
char   *loket_speech_readout_countdown  (guint        seconds);

/* The texts of the visible labels within root, in order, buttons left out. */
GPtrArray *loket_speech_readout_texts   (GtkWidget   *root);

G_END_DECLS
