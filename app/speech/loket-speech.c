/* loket-speech.c — the speech engine: espeak-ng on a thread of its own
 *
 * The main loop only queues text (under a mutex) and signals the engine's thread; every
 * espeak-ng call is made on that thread. Saying something new bumps a generation counter:
 * when recording, the synthesis callback sees it and stops espeak-ng mid-utterance; when
 * playing, espeak-ng's own queue is cancelled before the new text goes in.
 *
 * espeak-ng keeps its state in globals, so there is one engine a process (the first one
 * created; later ones share nothing and stay silent with an error).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-speech"

#include "config.h"

#include <string.h>
#include <math.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include "loket-speech.h"

G_DEFINE_QUARK (loket-speech-error-quark, loket_speech_error)

struct _LoketSpeech
{
  GObject              parent_instance;

  LoketSpeechSettings  settings;
  gboolean             enabled;          /* main thread only */

  GMutex               lock;             /* guards everything below */
  GCond                changed;
  GThread             *thread;
  gboolean             recording;
  gboolean             quit;
  gboolean             busy;             /* the thread is synthesizing */
  guint                generation;       /* bumped by every interruption; atomic too */
  GQueue               pending;          /* of LoketUtterance*, borrowed from log */
  LoketUtterance      *current;          /* being synthesized (recording) */
  GPtrArray           *log;              /* of LoketUtterance* */
  GError              *error;
  gboolean             owns_espeak;
  gboolean             synchronous;      /* set once by the engine thread before espeak-ng */
  guint                rate;             /* asked for (louder/slower): applied ... */
  guint                volume;
  guint                applied_rate;     /* ... by the engine thread before an utterance */
  guint                applied_volume;
};

G_DEFINE_FINAL_TYPE (LoketSpeech, loket_speech, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* espeak-ng's callback has no user data of its own in synchronous mode that we can rely
 * on for every call: the one engine is kept here. */
static LoketSpeech *the_engine;
G_LOCK_DEFINE_STATIC (the_engine);

/* espeak-ng is initialised once a process and never terminated: Debian 12's 1.51 hangs in
 * espeak_ng_Terminate () in synchronous mode (it waits for an event thread that mode never
 * starts). 0: not yet; else the output mode + 1. Only engine threads touch it, one at a
 * time (the_engine). */
static int espeak_ready_mode;

static void
utterance_free (LoketUtterance *utterance)
{
  g_free (utterance->text);
  g_free (utterance->language);
  g_clear_pointer (&utterance->samples, g_array_unref);
  g_free (utterance);
}

/* Runs on the engine thread, inside espeak_ng_Synthesize (). */
static int
synth_cb (short        *wav,
          int           count,
          espeak_EVENT *events)
{
  LoketSpeech *self = the_engine;
  LoketUtterance *utterance;
  int stop = 0;

  if (self == NULL)
    return 1;

  /* Playing, espeak-ng calls back from its own thread once engine_speak () has queued the
   * text and returned, when current is already gone: only a newer generation (something
   * new to say) or quitting stops what it plays. */
  if (!self->synchronous)
    return g_atomic_int_get (&self->quit) ||
           GPOINTER_TO_UINT (events != NULL ? events->user_data : NULL) !=
           (guint) g_atomic_int_get ((gint *) &self->generation);

  /* Recording (synchronous), espeak-ng calls back on the engine thread, which set current
   * itself and alone touches the utterance until it is idle again: no lock, the generation
   * read atomically. A lock held here would make the main loop wait whenever the scheduler
   * pauses this thread with it. */
  utterance = self->current;
  if (utterance == NULL || g_atomic_int_get (&self->quit) ||
      GPOINTER_TO_UINT (events != NULL ? events->user_data : NULL) !=
      (guint) g_atomic_int_get ((gint *) &self->generation))
    stop = 1;
  else if (wav != NULL && count > 0)
    {
      if (utterance->first_sample_us == 0)
        utterance->first_sample_us = g_get_monotonic_time ();
      if (utterance->samples != NULL)
        g_array_append_vals (utterance->samples, wav, count);
    }

  return stop;
}

static gboolean
engine_init (LoketSpeech *self,
             gboolean     recording,
             GError     **error)
{
  espeak_ng_STATUS status;
  espeak_ng_OUTPUT_MODE mode = recording ? ENOUTPUT_MODE_SYNCHRONOUS : ENOUTPUT_MODE_SPEAK_AUDIO;

  G_LOCK (the_engine);
  if (the_engine != NULL && the_engine != self)
    {
      G_UNLOCK (the_engine);
      g_set_error_literal (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_INIT,
                           "another speech engine runs in this process");
      return FALSE;
    }
  the_engine = self;
  G_UNLOCK (the_engine);

  if (espeak_ready_mode != 0 && espeak_ready_mode != (int) mode + 1)
    {
      g_set_error_literal (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_INIT,
                           "espeak-ng already runs in the other output mode in this process");
      return FALSE;
    }

  if (espeak_ready_mode == 0)
    {
      espeak_ng_InitializePath (NULL);
      status = espeak_ng_Initialize (NULL);
      if (status != ENS_OK)
        {
          g_set_error (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_INIT,
                       "espeak-ng could not start (status 0x%x): is espeak-ng-data installed?",
                       (guint) status);
          return FALSE;
        }

      /* 60 ms buffers: an utterance's first sample comes out after one buffer's worth. */
      status = espeak_ng_InitializeOutput (mode, 60, recording ? NULL : self->settings.device);
      if (status != ENS_OK)
        {
          g_set_error (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO,
                       "the audio output could not be opened (status 0x%x)", (guint) status);
          return FALSE;
        }

      espeak_SetSynthCallback (synth_cb);
      espeak_ready_mode = (int) mode + 1;
    }
  self->owns_espeak = TRUE;
  return TRUE;
}

static void
engine_set_error (LoketSpeech *self,
                  GError      *error)
{
  g_warning ("Speech: %s", error->message);
  g_mutex_lock (&self->lock);
  g_clear_error (&self->error);
  self->error = error;
  g_mutex_unlock (&self->lock);
}

/* The rate and volume asked for last, before an utterance; on the engine thread. */
static void
engine_apply_parameters (LoketSpeech    *self,
                         LoketUtterance *utterance)
{
  guint rate, volume;

  g_mutex_lock (&self->lock);
  rate = self->rate;
  volume = self->volume;
  g_mutex_unlock (&self->lock);

  if (rate != self->applied_rate)
    espeak_ng_SetParameter (espeakRATE, (int) rate, 0);
  if (volume != self->applied_volume)
    espeak_ng_SetParameter (espeakVOLUME, (int) volume, 0);
  self->applied_rate = rate;
  self->applied_volume = volume;

  g_mutex_lock (&self->lock);
  utterance->rate = rate;
  utterance->volume = volume;
  g_mutex_unlock (&self->lock);
}

/* What espeak-ng is given: a spelled text as SSML, each symbol said by its name. */
static char *
synthesis_text (const LoketUtterance *utterance,
                guint                *flags)
{
  g_autofree char *escaped = NULL;

  *flags = espeakCHARS_UTF8;
  if (!utterance->spelled)
    return g_strdup (utterance->text);

  *flags |= espeakSSML;
  escaped = g_markup_escape_text (utterance->text, -1);
  return g_strdup_printf ("<speak><say-as interpret-as=\"characters\">%s</say-as></speak>",
                          escaped);
}

/* Synthesizes one utterance; called with the lock released. */
static void
engine_speak (LoketSpeech    *self,
              LoketUtterance *utterance,
              guint           generation,
              gboolean        recording,
              char          **voice)
{
  espeak_ng_STATUS status;
  g_autofree char *text = NULL;
  guint flags;

  if (g_strcmp0 (*voice, utterance->language) != 0)
    {
      status = espeak_ng_SetVoiceByName (utterance->language);
      if (status != ENS_OK)
        {
          engine_set_error (self, g_error_new (LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_VOICE,
                                               "no espeak-ng voice for '%s'",
                                               utterance->language));
          return;
        }
      g_free (*voice);
      *voice = g_strdup (utterance->language);
    }

  engine_apply_parameters (self, utterance);
  text = synthesis_text (utterance, &flags);
  status = espeak_ng_Synthesize (text, strlen (text) + 1, 0, POS_CHARACTER, 0, flags, NULL,
                                 GUINT_TO_POINTER (generation));

  g_mutex_lock (&self->lock);
  utterance->sample_rate = (guint) espeak_ng_GetSampleRate ();
  /* Playing, espeak-ng's own thread plays it; it counts as said once queued there. */
  utterance->finished = status == ENS_OK;
  g_mutex_unlock (&self->lock);

  if (status != ENS_OK && status != ENS_SPEECH_STOPPED)
    engine_set_error (self, g_error_new (LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO,
                                         "espeak-ng could not speak (status 0x%x)",
                                         (guint) status));
}

static gpointer
engine_thread (gpointer data)
{
  LoketSpeech *self = data;
  g_autofree char *voice = NULL;
  g_autoptr(GError) error = NULL;
  guint cancelled_generation;
  gboolean ready;
  gboolean recording;

  g_mutex_lock (&self->lock);
  recording = self->recording;
  g_mutex_unlock (&self->lock);

  self->synchronous = recording;
  ready = engine_init (self, recording, &error);
  if (!ready)
    engine_set_error (self, g_steal_pointer (&error));

  g_mutex_lock (&self->lock);
  cancelled_generation = self->generation;
  for (;;)
    {
      LoketUtterance *utterance;
      guint generation;

      while (!self->quit && g_queue_is_empty (&self->pending) &&
             cancelled_generation == self->generation)
        g_cond_wait (&self->changed, &self->lock);
      if (self->quit)
        break;

      generation = self->generation;
      if (generation != cancelled_generation && !recording && ready)
        {
          /* Playing: what espeak-ng still holds in its own queue is stale. */
          g_mutex_unlock (&self->lock);
          espeak_ng_Cancel ();
          g_mutex_lock (&self->lock);
        }
      cancelled_generation = generation;

      utterance = g_queue_pop_head (&self->pending);
      if (utterance == NULL)
        continue;

      self->current = utterance;
      self->busy = TRUE;
      g_mutex_unlock (&self->lock);

      if (ready)
        engine_speak (self, utterance, generation, recording, &voice);

      g_mutex_lock (&self->lock);
      self->current = NULL;
      self->busy = FALSE;
      g_cond_broadcast (&self->changed);
    }
  g_mutex_unlock (&self->lock);

  if (self->owns_espeak && !recording)
    espeak_ng_Cancel ();

  G_LOCK (the_engine);
  if (the_engine == self)
    the_engine = NULL;
  G_UNLOCK (the_engine);

  return NULL;
}

static void
loket_speech_finalize (GObject *object)
{
  LoketSpeech *self = LOKET_SPEECH (object);

  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      g_atomic_int_set (&self->quit, TRUE);
      g_atomic_int_inc ((gint *) &self->generation);
      g_cond_broadcast (&self->changed);
      g_mutex_unlock (&self->lock);
      g_thread_join (self->thread);
    }

  g_queue_clear (&self->pending);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self->settings.device);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);

  G_OBJECT_CLASS (loket_speech_parent_class)->finalize (object);
}

static void
loket_speech_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LoketSpeech *self = LOKET_SPEECH (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_speech_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LoketSpeech *self = LOKET_SPEECH (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      loket_speech_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_speech_class_init (LoketSpeechClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_speech_finalize;
  object_class->get_property = loket_speech_get_property;
  object_class->set_property = loket_speech_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
loket_speech_init (LoketSpeech *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  g_queue_init (&self->pending);
  self->log = g_ptr_array_new_with_free_func ((GDestroyNotify) utterance_free);
  self->recording = g_strcmp0 (g_getenv ("LOKET_SPEECH_OUTPUT"), "record") == 0;
}

LoketSpeech *
loket_speech_new (const LoketSpeechSettings *settings)
{
  LoketSpeech *self = g_object_new (LOKET_TYPE_SPEECH, NULL);

  self->settings.rate = 175;
  self->settings.volume = 100;
  if (settings != NULL)
    {
      self->settings.rate = CLAMP (settings->rate, espeakRATE_MINIMUM, espeakRATE_MAXIMUM);
      self->settings.volume = MIN (settings->volume, 200);
      self->settings.private = settings->private;
      self->settings.device = g_strdup (settings->device);
    }
  self->rate = self->settings.rate;
  self->volume = self->settings.volume;

  return self;
}

/* Drops what is queued and stops what is being said; with the lock held. */
static void
interrupt_locked (LoketSpeech *self)
{
  g_queue_clear (&self->pending);
  g_atomic_int_inc ((gint *) &self->generation);
  g_cond_broadcast (&self->changed);
}

void
loket_speech_set_enabled (LoketSpeech *self,
                          gboolean     enabled)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_mutex_lock (&self->lock);
  interrupt_locked (self);
  g_mutex_unlock (&self->lock);

  if (enabled && self->thread == NULL)
    self->thread = g_thread_new ("loket-speech", engine_thread, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
loket_speech_get_enabled (LoketSpeech *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH (self), FALSE);

  return self->enabled;
}

gboolean
loket_speech_get_private (LoketSpeech *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH (self), FALSE);

  return self->settings.private;
}

void
loket_speech_set_recording (LoketSpeech *self,
                            gboolean     recording)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));
  g_return_if_fail (self->thread == NULL);

  self->recording = recording;
}

static void
queue_text (LoketSpeech *self,
            const char  *language,
            const char  *text,
            gboolean     interrupt,
            gboolean     spelled)
{
  LoketUtterance *utterance;

  if (!self->enabled || text == NULL || *text == '\0')
    return;

  utterance = g_new0 (LoketUtterance, 1);
  utterance->text = g_strdup (text);
  utterance->language = g_strdup (language != NULL ? language : "id");
  utterance->queued_us = g_get_monotonic_time ();
  utterance->spelled = spelled;

  g_mutex_lock (&self->lock);
  if (self->recording)
    utterance->samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  if (interrupt)
    interrupt_locked (self);
  g_ptr_array_add (self->log, utterance);
  g_queue_push_tail (&self->pending, utterance);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

void
loket_speech_say (LoketSpeech *self,
                  const char  *language,
                  const char  *text)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  queue_text (self, language, text, TRUE, FALSE);
}

void
loket_speech_queue (LoketSpeech *self,
                    const char  *language,
                    const char  *text)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  queue_text (self, language, text, FALSE, FALSE);
}

static void
queue_value (LoketSpeech *self,
             const char  *language,
             const char  *label,
             const char  *value,
             gboolean     interrupt)
{
  g_autofree char *text = NULL;

  /* On a loudspeaker the hall would hear what the citizen typed: the label only. */
  if (self->settings.private && value != NULL && *value != '\0')
    text = g_strdup_printf ("%s, %s", label != NULL ? label : "", value);
  else
    text = g_strdup (label);

  queue_text (self, language, text, interrupt, FALSE);
}

void
loket_speech_say_value (LoketSpeech *self,
                        const char  *language,
                        const char  *label,
                        const char  *value)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  queue_value (self, language, label, value, TRUE);
}

void
loket_speech_queue_value (LoketSpeech *self,
                          const char  *language,
                          const char  *label,
                          const char  *value)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  queue_value (self, language, label, value, FALSE);
}

void
loket_speech_spell (LoketSpeech *self,
                    const char  *language,
                    const char  *text)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  queue_text (self, language, text, FALSE, TRUE);
}

void
loket_speech_flush (LoketSpeech *self)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  g_mutex_lock (&self->lock);
  interrupt_locked (self);
  g_mutex_unlock (&self->lock);
}

void
loket_speech_set_rate (LoketSpeech *self,
                       guint        rate)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  g_mutex_lock (&self->lock);
  self->rate = CLAMP (rate, espeakRATE_MINIMUM, espeakRATE_MAXIMUM);
  g_mutex_unlock (&self->lock);
}

guint
loket_speech_get_rate (LoketSpeech *self)
{
  guint rate;

  g_return_val_if_fail (LOKET_IS_SPEECH (self), 0);

  g_mutex_lock (&self->lock);
  rate = self->rate;
  g_mutex_unlock (&self->lock);
  return rate;
}

void
loket_speech_set_volume (LoketSpeech *self,
                         guint        volume)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  g_mutex_lock (&self->lock);
  self->volume = CLAMP (volume, 10, 200);
  g_mutex_unlock (&self->lock);
}

guint
loket_speech_get_volume (LoketSpeech *self)
{
  guint volume;

  g_return_val_if_fail (LOKET_IS_SPEECH (self), 0);

  g_mutex_lock (&self->lock);
  volume = self->volume;
  g_mutex_unlock (&self->lock);
  return volume;
}

gboolean
loket_speech_wait_idle (LoketSpeech *self,
                        guint        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean idle;

  g_return_val_if_fail (LOKET_IS_SPEECH (self), FALSE);

  g_mutex_lock (&self->lock);
  while (self->thread != NULL && (self->busy || !g_queue_is_empty (&self->pending)))
    if (!g_cond_wait_until (&self->changed, &self->lock, end))
      break;
  idle = !self->busy && g_queue_is_empty (&self->pending);
  g_mutex_unlock (&self->lock);

  return idle;
}

GPtrArray *
loket_speech_get_log (LoketSpeech *self)
{
  g_return_val_if_fail (LOKET_IS_SPEECH (self), NULL);

  return g_ptr_array_ref (self->log);
}

void
loket_speech_clear_log (LoketSpeech *self)
{
  g_return_if_fail (LOKET_IS_SPEECH (self));

  g_mutex_lock (&self->lock);
  interrupt_locked (self);
  while (self->busy)
    g_cond_wait (&self->changed, &self->lock);
  g_ptr_array_set_size (self->log, 0);
  g_mutex_unlock (&self->lock);
}

GError *
loket_speech_dup_error (LoketSpeech *self)
{
  GError *error;

  g_return_val_if_fail (LOKET_IS_SPEECH (self), NULL);

  g_mutex_lock (&self->lock);
  error = self->error != NULL ? g_error_copy (self->error) : NULL;
  g_mutex_unlock (&self->lock);

  return error;
}

double
loket_utterance_rms (const LoketUtterance *utterance)
{
  double sum = 0;

  if (utterance->samples == NULL || utterance->samples->len == 0)
    return 0;

  for (guint i = 0; i < utterance->samples->len; i++)
    {
      double s = g_array_index (utterance->samples, gint16, i);
      sum += s * s;
    }

  return sqrt (sum / utterance->samples->len);
}

double
loket_utterance_seconds (const LoketUtterance *utterance)
{
  if (utterance->samples == NULL || utterance->sample_rate == 0)
    return 0;

  return (double) utterance->samples->len / utterance->sample_rate;
}

static void
put_le (GByteArray *out,
        guint32     value,
        guint       bytes)
{
  for (guint i = 0; i < bytes; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;
      g_byte_array_append (out, &b, 1);
    }
}

gboolean
loket_utterance_write_wav (const LoketUtterance *utterance,
                           const char           *path,
                           GError              **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 data_bytes;

  g_return_val_if_fail (utterance->samples != NULL, FALSE);

  /* A canonical 44-byte header: PCM, mono, 16 bits. */
  data_bytes = utterance->samples->len * 2;
  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_le (out, 36 + data_bytes, 4);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_le (out, 16, 4);
  put_le (out, 1, 2);
  put_le (out, 1, 2);
  put_le (out, utterance->sample_rate, 4);
  put_le (out, utterance->sample_rate * 2, 4);
  put_le (out, 2, 2);
  put_le (out, 16, 2);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_le (out, data_bytes, 4);
  for (guint i = 0; i < utterance->samples->len; i++)
    put_le (out, (guint16) g_array_index (utterance->samples, gint16, i), 2);

  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}
