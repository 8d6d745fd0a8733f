/* test-speech-device.c — is there an audio output to offer Listen with?
 *
 * The environment decides in tests (recording: yes; none: no, with a reason the status
 * board shows); otherwise pcaudiolib is asked for real and the answer only logged, since it
 * depends on the machine (a CI container has no sound card).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "speech/loket-speech.h"
#include "speech/loket-speech-device.h"

static void
test_recording (void)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("LOKET_SPEECH_OUTPUT", "record", TRUE);
  g_assert_true (loket_speech_probe_output (NULL, &error));
  g_assert_no_error (error);
}

static void
test_none (void)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("LOKET_SPEECH_OUTPUT", "none", TRUE);
  g_assert_false (loket_speech_probe_output (NULL, &error));
  g_assert_error (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO);
  g_assert_nonnull (strstr (error->message, "LOKET_SPEECH_OUTPUT=none"));
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;
  gboolean found = loket_speech_probe_output_finish (result, error);

  g_assert_true (found == (*error == NULL));
  if (*error == NULL)
    /* Not NULL any more: the wait below ends. */
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "found");
}

/* The machine's own answer, off the calling thread: an output opens, or a reason. */
static void
test_real (void)
{
  GError *error = NULL;
  g_autoptr(GError) named = NULL;
  gint64 start = g_get_monotonic_time ();

  g_unsetenv ("LOKET_SPEECH_OUTPUT");
  loket_speech_probe_output_async (NULL, NULL, done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("this machine: %s after %.0f ms",
                  g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) ? "an output opens"
                                                                        : error->message,
                  (g_get_monotonic_time () - start) / 1000.0);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_assert_error (error, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO);
  g_clear_error (&error);

  /* A device that no system has: never opens. */
  g_assert_false (loket_speech_probe_output ("loket-no-such-device", &named));
  g_assert_error (named, LOKET_SPEECH_ERROR, LOKET_SPEECH_ERROR_AUDIO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech-device/recording", test_recording);
  g_test_add_func ("/speech-device/none", test_none);
  g_test_add_func ("/speech-device/real", test_real);

  return g_test_run ();
}
