/* loket-speech.h — speech output for the speech mode (espeak-ng, linked directly)
 *
 * One engine a process: espeak-ng keeps its state in globals. Every espeak-ng call happens
 * on the engine's own thread, so the caller (the main loop) never waits for synthesis;
 * something new to say interrupts what is being said. espeak-ng is initialised on that
 * thread when speech is first turned on, not at start-up.
 *
 * Two outputs: espeak-ng's own playback (pcaudiolib: ALSA or PulseAudio/PipeWire, the
 * device of [speech] device), or, for tests and the benchmark, recording: espeak-ng
 * synthesizes for real in its synchronous mode and the samples of each utterance are kept
 * in memory instead of played (loket_speech_set_recording() before the first utterance,
 * or LOKET_SPEECH_OUTPUT=record in the environment).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LOKET_SPEECH_ERROR (loket_speech_error_quark ())

typedef enum {
  LOKET_SPEECH_ERROR_INIT,      /* espeak-ng or its data could not be initialised */
  LOKET_SPEECH_ERROR_VOICE,     /* no voice for the language */
  LOKET_SPEECH_ERROR_AUDIO,     /* the audio device could not be opened */
} LoketSpeechError;

GQuark loket_speech_error_quark (void);

typedef struct {
  guint     rate;        /* words a minute, 80 to 450 */
  guint     volume;      /* 0 to 200, 100 is espeak-ng's normal */
  gboolean  private;     /* headphones: values the citizen typed may be spoken */
  char     *device;      /* pcaudiolib's device name, NULL for the default */
} LoketSpeechSettings;

/* One utterance as the engine handled it (the log and, when recording, the samples). */
typedef struct {
  char     *text;
  char     *language;      /* "id", "en" */
  gint64    queued_us;     /* g_get_monotonic_time () when asked for */
  gint64    first_sample_us; /* when the first sample came out of the synthesizer, 0: none */
  gboolean  finished;      /* synthesized to its end (not interrupted) */
  GArray   *samples;       /* of gint16, mono; NULL unless recording */
  guint     sample_rate;
  gboolean  spelled;       /* text is said symbol by symbol (loket_speech_spell()) */
  guint     rate;          /* the rate and volume it was synthesized at */
  guint     volume;
} LoketUtterance;

#define LOKET_TYPE_SPEECH (loket_speech_get_type ())
G_DECLARE_FINAL_TYPE (LoketSpeech, loket_speech, LOKET, SPEECH, GObject)

LoketSpeech    *loket_speech_new            (const LoketSpeechSettings *settings);

/* Speech on or off (the "enabled" property). Turning it on starts the engine thread and
 * espeak-ng the first time; turning it off silences at once. */
void            loket_speech_set_enabled    (LoketSpeech  *self,
                                             gboolean      enabled);
gboolean        loket_speech_get_enabled    (LoketSpeech  *self);

gboolean        loket_speech_get_private    (LoketSpeech  *self);

/* Instead of playing: synthesize into memory. Only before the first utterance. */
void            loket_speech_set_recording  (LoketSpeech  *self,
                                             gboolean      recording);

/* Says text in language ("id", "en"), interrupting whatever is being said. Nothing when
 * speech is off. */
void            loket_speech_say            (LoketSpeech  *self,
                                             const char   *language,
                                             const char   *text);

/* Says text after what is queued, symbol by symbol ("A7K3": "A", "7", "K", "3"), for a
 * tracking code; without interrupting. */
void            loket_speech_spell          (LoketSpeech  *self,
                                             const char   *language,
                                             const char   *text);

/* Drops what is queued and stops what is being said (the citizen left). */
void            loket_speech_flush          (LoketSpeech  *self);

/* Louder, slower: the next utterance on is synthesized at these (clamped to espeak-ng's
 * range: rate 80 to 450 words a minute, volume 10 to 200). */
void            loket_speech_set_rate       (LoketSpeech  *self,
                                             guint         rate);
guint           loket_speech_get_rate       (LoketSpeech  *self);
void            loket_speech_set_volume     (LoketSpeech  *self,
                                             guint         volume);
guint           loket_speech_get_volume     (LoketSpeech  *self);

/* Says text after what is queued, without interrupting (a page: title, step, question). */
void            loket_speech_queue          (LoketSpeech  *self,
                                             const char   *language,
                                             const char   *text);

/* Like say() for a control whose value the citizen typed: the value is added only when
 * the output is private (headphones). */
void            loket_speech_say_value      (LoketSpeech  *self,
                                             const char   *language,
                                             const char   *label,
                                             const char   *value);

/* The same, queued after what is being said. */
void            loket_speech_queue_value    (LoketSpeech  *self,
                                             const char   *language,
                                             const char   *label,
                                             const char   *value);

/* Waits (up to timeout_ms) until the engine has nothing left to say; for tests and the
 * benchmark. TRUE when idle. */
gboolean        loket_speech_wait_idle      (LoketSpeech  *self,
                                             guint         timeout_ms);

/* The utterances so far, oldest first (a new reference to the log: LoketUtterance*), and
 * forgetting them. */
GPtrArray      *loket_speech_get_log        (LoketSpeech  *self);
void            loket_speech_clear_log      (LoketSpeech  *self);

/* The last error of the engine (initialisation, voice, audio), or NULL. */
GError         *loket_speech_dup_error      (LoketSpeech  *self);

/* Sample measures for tests: the root mean square (0..32767) of samples. */
double          loket_utterance_rms         (const LoketUtterance *utterance);
double          loket_utterance_seconds     (const LoketUtterance *utterance);
gboolean        loket_utterance_write_wav   (const LoketUtterance *utterance,
                                             const char           *path,
                                             GError              **error);

G_END_DECLS
