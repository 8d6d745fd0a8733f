/* loket-speech-device.h — is there an audio output for the speech mode to speak through?
 *
 * Asked once, when the kiosk starts (off the main loop), before Listen is offered: a toggle
 * that would stay silent is worse than none. The answer is what espeak-ng's own output
 * would find: pcaudiolib opens the device of [speech] device (or its default: PulseAudio or
 * PipeWire, then ALSA) and closes it again. Without pcaudiolib at build time, an ALSA card
 * in /proc/asound or a PulseAudio/PipeWire socket counts.
 *
 * The environment decides for tests: LOKET_SPEECH_OUTPUT=record (speech is synthesized into
 * memory) has an output; LOKET_SPEECH_OUTPUT=none has none, as a kiosk without a sound card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE when an output opens; else FALSE with LOKET_SPEECH_ERROR_AUDIO saying what was
 * tried (for the admin status board, not for citizens). Blocks for as long as the audio
 * system takes to answer: call it from a thread, or use the _async () form. */
gboolean  loket_speech_probe_output        (const char           *device,
                                            GError              **error);

void      loket_speech_probe_output_async  (const char           *device,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  loket_speech_probe_output_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
