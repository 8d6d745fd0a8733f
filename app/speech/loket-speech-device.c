/* loket-speech-device.c — is there an audio output for the speech mode?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-speech"

#include "config.h"

#include <string.h>
#if HAVE_PCAUDIO
#include <pcaudiolib/audio.h>
#endif

#include "loket-speech.h"
#include "loket-speech-device.h"

/* espeak-ng's voices speak at this rate, mono, 16 bits: the format it would open. */
#define PROBE_RATE 22050

#if HAVE_PCAUDIO
static gboolean
probe_pcaudio (const char  *device,
               GError     **error)
{
  struct audio_object *object;
  int status;

  object = create_audio_device_object (device, "loket", "Loket speech mode (probe)");
  if (object == NULL)
    {
      g_set_error (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO,
                   "no audio output found (pcaudiolib: neither PulseAudio/PipeWire nor ALSA "
                   "answered%s%s)", device != NULL ? " for device " : "",
                   device != NULL ? device : "");
      return FALSE;
    }

  status = audio_object_open (object, AUDIO_OBJECT_FORMAT_S16LE, PROBE_RATE, 1);
  if (status != 0)
    {
      g_set_error (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO,
                   "the audio output %s does not open: %s",
                   device != NULL ? device : "(default)",
                   audio_object_strerror (object, status));
      audio_object_destroy (object);
      return FALSE;
    }

  audio_object_close (object);
  audio_object_destroy (object);
  return TRUE;
}
#else
static gboolean
probe_files (const char  *device,
             GError     **error)
{
  g_autofree char *cards = NULL;
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  if (runtime != NULL)
    {
      g_autofree char *pulse = g_build_filename (runtime, "pulse", "native", NULL);
      g_autofree char *pipewire = g_build_filename (runtime, "pipewire-0", NULL);

      if (g_file_test (pulse, G_FILE_TEST_EXISTS) || g_file_test (pipewire, G_FILE_TEST_EXISTS))
        return TRUE;
    }

  if (g_file_get_contents ("/proc/asound/cards", &cards, NULL, NULL) &&
      strstr (cards, "no soundcards") == NULL && *g_strstrip (cards) != '\0')
    return TRUE;

  g_set_error_literal (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO,
                       "no sound card (/proc/asound/cards) and no PulseAudio or PipeWire "
                       "socket");
  return FALSE;
}
#endif

gboolean
loket_speech_probe_output (const char  *device,
                           GError     **error)
{
  const char *output = g_getenv ("LOKET_SPEECH_OUTPUT");

  if (device != NULL && *device == '\0')
    device = NULL;

  if (g_strcmp0 (output, "record") == 0)
    return TRUE;
  if (g_strcmp0 (output, "none") == 0)
    {
      g_set_error_literal (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO,
                           "no audio output (LOKET_SPEECH_OUTPUT=none)");
      return FALSE;
    }

#if HAVE_PCAUDIO
  return probe_pcaudio (device, error);
#else
  return probe_files (device, error);
#endif
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (loket_speech_probe_output (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
loket_speech_probe_output_async (const char          *device,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, loket_speech_probe_output_async);
  g_task_set_task_data (task, g_strdup (device), g_free);
  g_task_run_in_thread (task, probe_thread);
}

gboolean
loket_speech_probe_output_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
