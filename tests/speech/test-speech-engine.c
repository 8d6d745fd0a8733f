/* test-speech-engine.c — the speech engine synthesizes real speech, off the caller's thread
 *
 * espeak-ng runs for real in recording mode: the samples are checked for sound (RMS), for
 * a duration that fits the text at the rate asked for, and one is written as WAV and read
 * back by soxi.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "speech/loket-speech.h"

/* Speech peaks near 10000 at volume 100; silence and noise of rounding stay under 50. */
#define RMS_FLOOR 300.0

static LoketSpeech *
recording_engine (gboolean private_output)
{
  LoketSpeechSettings settings = { .rate = 175, .volume = 100, .private = private_output };
  LoketSpeech *speech = loket_speech_new (&settings);

  loket_speech_set_recording (speech, TRUE);
  loket_speech_set_enabled (speech, TRUE);
  return speech;
}

static LoketUtterance *
log_entry (LoketSpeech *speech,
           guint        index)
{
  g_autoptr(GPtrArray) log = loket_speech_get_log (speech);

  g_assert_cmpuint (index, <, log->len);
  return g_ptr_array_index (log, index);
}

static void
check_sound (LoketUtterance *utterance,
             guint           words)
{
  double seconds = loket_utterance_seconds (utterance);
  /* At 175 words a minute; espeak-ng adds a pause at the end of a clause. */
  double expected = words * 60.0 / 175;

  g_assert_true (utterance->finished);
  g_assert_cmpuint (utterance->sample_rate, ==, 22050);
  g_assert_cmpfloat (loket_utterance_rms (utterance), >, RMS_FLOOR);
  g_test_message ("'%s' (%s): %.2f s, RMS %.0f", utterance->text, utterance->language,
                  seconds, loket_utterance_rms (utterance));
  g_assert_cmpfloat (seconds, >, expected * 0.5);
  g_assert_cmpfloat (seconds, <, expected * 2.5 + 0.5);
  g_assert_cmpint (utterance->first_sample_us, >=, utterance->queued_us);
}

static void
test_real_synthesis (void)
{
  g_autoptr(LoketSpeech) speech = recording_engine (FALSE);
  g_autoptr(GError) error = NULL;

  loket_speech_say (speech, "id", "Selamat datang di Loket. Silakan pilih layanan.");
  g_assert_true (loket_speech_wait_idle (speech, 20000));
  loket_speech_queue (speech, "en", "Welcome to Loket. Please choose a service.");
  g_assert_true (loket_speech_wait_idle (speech, 20000));

  error = loket_speech_dup_error (speech);
  g_assert_no_error (error);
  check_sound (log_entry (speech, 0), 7);
  check_sound (log_entry (speech, 1), 7);
}

static void
test_wav_opens_in_sox (void)
{
  g_autoptr(LoketSpeech) speech = recording_engine (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-speech-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *length = NULL;
  LoketUtterance *utterance;
  int status;

  g_assert_no_error (error);
  if (*SOXI_PATH == '\0')
    {
      g_test_skip ("soxi is not installed (Debian: sox)");
      return;
    }

  loket_speech_say (speech, "en", "Step two of five: the child's name.");
  g_assert_true (loket_speech_wait_idle (speech, 20000));
  utterance = log_entry (speech, 0);
  path = g_build_filename (dir, "step.wav", NULL);
  g_assert_true (loket_utterance_write_wav (utterance, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char *[]) { SOXI_PATH, "-r", path, NULL }, NULL,
                               G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (g_strstrip (out), ==, "22050");

  g_assert_true (g_spawn_sync (NULL, (char *[]) { SOXI_PATH, "-s", path, NULL }, NULL,
                               G_SPAWN_DEFAULT, NULL, NULL, &length, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_ascii_strtoull (g_strstrip (length), NULL, 10), ==,
                    utterance->samples->len);

  g_unlink (path);
  g_rmdir (dir);
}

/* soxi's answer for one option (-r rate, -s samples, -D seconds) on path. */
static char *
soxi (const char *option,
      const char *path)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char *[]) { SOXI_PATH, (char *) option, (char *) path, NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (out);
}

/* The rate and volume asked for during a session are the ones synthesized: slower is
 * longer, in proportion; louder has more energy; each sample still opens in sox. */
static void
test_rate_and_volume (void)
{
  g_autoptr(LoketSpeech) speech = recording_engine (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-speech-XXXXXX", &error);
  const char *text = "Nomor induk kependudukan ibu, enam belas angka.";
  const guint rates[] = { 100, 175, 300 };
  double seconds[G_N_ELEMENTS (rates)];
  LoketUtterance *quiet, *loud;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      LoketUtterance *utterance;

      loket_speech_set_rate (speech, rates[i]);
      g_assert_cmpuint (loket_speech_get_rate (speech), ==, rates[i]);
      loket_speech_say (speech, "id", text);
      g_assert_true (loket_speech_wait_idle (speech, 20000));
      utterance = log_entry (speech, i);
      g_assert_cmpuint (utterance->rate, ==, rates[i]);
      g_assert_true (utterance->finished);
      g_assert_cmpfloat (loket_utterance_rms (utterance), >, RMS_FLOOR);
      seconds[i] = loket_utterance_seconds (utterance);
      g_test_message ("rate %u: %.2f s", rates[i], seconds[i]);
    }
  /* Seven words: at 100 words a minute about 4 s, at 300 about 1.5 s (pauses included). */
  g_assert_cmpfloat (seconds[0], >, seconds[1] * 1.3);
  g_assert_cmpfloat (seconds[1], >, seconds[2] * 1.3);
  g_assert_cmpfloat (seconds[0], >, 7 * 60.0 / 100 * 0.5);
  g_assert_cmpfloat (seconds[0], <, 7 * 60.0 / 100 * 2.0 + 0.5);
  g_assert_cmpfloat (seconds[2], <, 7 * 60.0 / 300 * 2.5 + 0.5);

  loket_speech_set_rate (speech, 175);
  loket_speech_set_volume (speech, 40);
  loket_speech_say (speech, "en", "Louder");
  g_assert_true (loket_speech_wait_idle (speech, 20000));
  loket_speech_set_volume (speech, 160);
  loket_speech_say (speech, "en", "Louder");
  g_assert_true (loket_speech_wait_idle (speech, 20000));
  quiet = log_entry (speech, 3);
  loud = log_entry (speech, 4);
  g_assert_cmpuint (quiet->volume, ==, 40);
  g_assert_cmpuint (loud->volume, ==, 160);
  g_test_message ("volume 40: RMS %.0f, volume 160: RMS %.0f", loket_utterance_rms (quiet),
                  loket_utterance_rms (loud));
  g_assert_cmpfloat (loket_utterance_rms (loud), >, loket_utterance_rms (quiet) * 2);

  /* Out of espeak-ng's range: kept within it. */
  loket_speech_set_rate (speech, 2000);
  g_assert_cmpuint (loket_speech_get_rate (speech), ==, 450);
  loket_speech_set_volume (speech, 0);
  g_assert_cmpuint (loket_speech_get_volume (speech), ==, 10);

  if (*SOXI_PATH == '\0')
    {
      g_test_message ("soxi is not installed (Debian: sox): the WAV files are not read back");
      g_rmdir (dir);
      return;
    }
  for (guint i = 0; i < 5; i++)
    {
      LoketUtterance *utterance = log_entry (speech, i);
      g_autofree char *name = g_strdup_printf ("%u.wav", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rate = NULL;
      g_autofree char *length = NULL;

      g_assert_true (loket_utterance_write_wav (utterance, path, &error));
      g_assert_no_error (error);
      rate = soxi ("-r", path);
      length = soxi ("-D", path);
      g_assert_cmpstr (rate, ==, "22050");
      g_assert_cmpfloat (ABS (g_ascii_strtod (length, NULL) - loket_utterance_seconds (utterance)),
                         <, 0.01);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A tracking code's group, spelled: every symbol heard, so longer than the group read as a
 * word, and sound all along. */
static void
test_spelled (void)
{
  g_autoptr(LoketSpeech) speech = recording_engine (FALSE);
  LoketUtterance *spelled, *read;

  loket_speech_spell (speech, "id", "7K3Q");
  loket_speech_queue (speech, "id", "7K3Q");
  g_assert_true (loket_speech_wait_idle (speech, 20000));
  spelled = log_entry (speech, 0);
  read = log_entry (speech, 1);
  g_assert_true (spelled->spelled);
  g_assert_false (read->spelled);
  g_assert_cmpstr (spelled->text, ==, "7K3Q");
  g_assert_true (spelled->finished);
  g_assert_cmpfloat (loket_utterance_rms (spelled), >, RMS_FLOOR);
  g_test_message ("'7K3Q' spelled: %.2f s, read: %.2f s", loket_utterance_seconds (spelled),
                  loket_utterance_seconds (read));
  /* Four symbols, each a syllable or more. */
  g_assert_cmpfloat (loket_utterance_seconds (spelled), >, 4 * 0.2);
  g_assert_cmpfloat (loket_utterance_seconds (spelled), <, 6.0);
}

/* The citizen left: what was queued is dropped, nothing more comes out. */
static void
test_flush (void)
{
  g_autoptr(LoketSpeech) speech = recording_engine (FALSE);
  g_autoptr(GString) longer = g_string_new (NULL);
  g_autoptr(GPtrArray) log = NULL;

  for (guint i = 0; i < 20; i++)
    g_string_append (longer, "Nama lengkap anak sesuai akta. ");
  loket_speech_say (speech, "id", longer->str);
  loket_speech_queue (speech, "id", "Siti Aminah Rahayu");
  while (log_entry (speech, 0)->first_sample_us == 0)
    g_usleep (1000);
  loket_speech_flush (speech);
  g_assert_true (loket_speech_wait_idle (speech, 20000));
  log = loket_speech_get_log (speech);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_false (log_entry (speech, 0)->finished);
  /* The queued name was never synthesized. */
  g_assert_cmpint (log_entry (speech, 1)->first_sample_us, ==, 0);
  g_assert_cmpuint (log_entry (speech, 1)->samples->len, ==, 0);
}

static void
test_interrupt (void)
{
  g_autoptr(LoketSpeech) speech = recording_engine (FALSE);
  g_autoptr(GString) longer = g_string_new (NULL);
  LoketUtterance *first;
  LoketUtterance *second;

  for (guint i = 0; i < 40; i++)
    g_string_append (longer, "Nomor induk kependudukan anak, enam belas angka. ");

  loket_speech_say (speech, "id", longer->str);
  /* Wait until it is really speaking, then something new must be said. */
  while (log_entry (speech, 0)->first_sample_us == 0)
    g_usleep (1000);
  loket_speech_say (speech, "id", "Kembali");
  g_assert_true (loket_speech_wait_idle (speech, 20000));

  first = log_entry (speech, 0);
  second = log_entry (speech, 1);
  g_assert_false (first->finished);
  /* Forty sentences last minutes; it was cut after a few buffers. */
  g_assert_cmpfloat (loket_utterance_seconds (first), <, 10.0);
  g_assert_true (second->finished);
  g_assert_cmpfloat (loket_utterance_rms (second), >, RMS_FLOOR);
}

static void
test_off_says_nothing (void)
{
  g_autoptr(LoketSpeech) speech = recording_engine (FALSE);
  g_autoptr(GPtrArray) log = NULL;

  loket_speech_set_enabled (speech, FALSE);
  loket_speech_say (speech, "id", "Selamat datang");
  log = loket_speech_get_log (speech);
  g_assert_cmpuint (log->len, ==, 0);
}

static void
test_private_values (void)
{
  g_autoptr(LoketSpeech) loud = recording_engine (FALSE);
  g_autoptr(LoketSpeech) headphones = NULL;

  loket_speech_say_value (loud, "en", "Child's NIK", "3171 0101 0101 0001");
  g_assert_true (loket_speech_wait_idle (loud, 20000));
  g_assert_cmpstr (log_entry (loud, 0)->text, ==, "Child's NIK");
  g_clear_object (&loud);

  headphones = recording_engine (TRUE);
  loket_speech_say_value (headphones, "en", "Child's NIK", "3171 0101 0101 0001");
  g_assert_true (loket_speech_wait_idle (headphones, 20000));
  g_assert_cmpstr (log_entry (headphones, 0)->text, ==, "Child's NIK, 3171 0101 0101 0001");
  g_assert_cmpfloat (loket_utterance_rms (log_entry (headphones, 0)), >, RMS_FLOOR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech/real-synthesis", test_real_synthesis);
  g_test_add_func ("/speech/wav-opens-in-sox", test_wav_opens_in_sox);
  g_test_add_func ("/speech/interrupt", test_interrupt);
  g_test_add_func ("/speech/off-says-nothing", test_off_says_nothing);
  g_test_add_func ("/speech/private-values", test_private_values);
  g_test_add_func ("/speech/rate-and-volume", test_rate_and_volume);
  g_test_add_func ("/speech/spelled", test_spelled);
  g_test_add_func ("/speech/flush", test_flush);

  return g_test_run ();
}
