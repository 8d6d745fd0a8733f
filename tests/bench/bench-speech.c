/* bench-speech.c — from asking for an utterance to its first synthesized sample
 *
 * 200 utterances, each cutting off the one before (as a tap does in speech mode), through
 * the speech engine with real espeak-ng synthesis into memory; the time is taken in the
 * synthesis callback. Prints the median and the worst; the goal (issue 22) is < 100 ms.
 * It starts at the engine's say(), not at a touch event: the window's part is not counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "speech/loket-speech.h"

#define ROUNDS 200

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  static const char *texts[] = {
    "Berikutnya", "Kembali", "NIK anak", "Nama lengkap anak", "Tanggal lahir",
    "Next", "Back", "Child's NIK", "Child's full name", "Date of birth",
  };
  LoketSpeechSettings settings = { .rate = 175, .volume = 100 };
  g_autoptr(LoketSpeech) speech = loket_speech_new (&settings);
  g_autoptr(GPtrArray) log = NULL;
  gint64 delays[ROUNDS];
  guint n = 0;

  loket_speech_set_recording (speech, TRUE);
  loket_speech_set_enabled (speech, TRUE);
  /* espeak-ng's start (voice data) is not part of a tap: one utterance warms it. */
  loket_speech_say (speech, "id", "Dengarkan");
  loket_speech_wait_idle (speech, 30000);
  loket_speech_clear_log (speech);

  for (guint i = 0; i < ROUNDS; i++)
    {
      const char *text = texts[i % G_N_ELEMENTS (texts)];

      loket_speech_say (speech, i % 10 < 5 ? "id" : "en", text);
      /* A citizen taps again about every 150 ms while the last one still speaks. */
      g_usleep (150 * 1000);
    }
  loket_speech_wait_idle (speech, 30000);

  log = loket_speech_get_log (speech);
  for (guint i = 0; i < log->len; i++)
    {
      LoketUtterance *utterance = g_ptr_array_index (log, i);

      if (utterance->first_sample_us != 0)
        delays[n++] = utterance->first_sample_us - utterance->queued_us;
    }
  if (n == 0)
    {
      g_printerr ("no utterance was synthesized\n");
      return 1;
    }

  qsort (delays, n, sizeof delays[0], compare_gint64);
  g_print ("speech: say() to first sample over %u utterances: median %.1f ms, worst %.1f ms "
           "(goal < 100 ms)\n", n, delays[n / 2] / 1000.0, delays[n - 1] / 1000.0);
  return n == ROUNDS ? 0 : 1;
}
