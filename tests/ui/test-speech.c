/* test-speech.c — the speech mode: what the kiosk says on the first pages of the birth flow
 *
 * espeak-ng synthesizes for real (LOKET_SPEECH_OUTPUT=record: into memory, not a device);
 * the engine's utterance log is compared with what the screen shows, in both languages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-choose-page.h"
#include "loket-speech-label.h"
#include "ui-test-util.h"

#define RMS_FLOOR 300.0

static LoketSpeech *
listen (LoketWindow *window)
{
  LoketSpeechMode *mode = loket_window_get_speech_mode (window);

  g_assert_false (loket_speech_mode_get_enabled (mode));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "speech.listen", NULL));
  g_assert_true (loket_speech_mode_get_enabled (mode));
  return loket_speech_mode_get_speech (mode);
}

/* The texts said since *from, waiting until the engine is done with them. */
static GPtrArray *
said_since (LoketSpeech *speech,
            guint       *from,
            const char  *language)
{
  g_autoptr(GPtrArray) log = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  ui_test_drain ();
  g_assert_true (loket_speech_wait_idle (speech, 30000));
  log = loket_speech_get_log (speech);
  for (guint i = *from; i < log->len; i++)
    {
      LoketUtterance *utterance = g_ptr_array_index (log, i);

      g_assert_cmpstr (utterance->language, ==, language);
      g_test_message ("said (%s): %s", language, utterance->text);
      g_ptr_array_add (texts, g_strdup (utterance->text));
    }
  *from = log->len;
  return texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
walk_birth (const char *language,
            const char *greeting,
            const char *step_word)
{
  g_autofree char *kiosk = g_strdup_printf ("default-language = %s", language);
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, kiosk, NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  g_autoptr(GPtrArray) said = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *question_name = NULL;
  LoketSpeech *speech;
  GtkWidget *question;
  LoketPage *page;
  guint from = 0;

  /* Welcome: turning speech on says the greeting. */
  speech = listen (window);
  said = said_since (speech, &from, language);
  g_assert_cmpuint (said->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, greeting);
  g_clear_pointer (&said, g_ptr_array_unref);

  /* Choose: its title, then its step. */
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  page = loket_window_get_page (window);
  said = said_since (speech, &from, language);
  g_assert_cmpuint (said->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, loket_page_get_title (page));
  g_clear_pointer (&said, g_ptr_array_unref);

  /* The life event chosen, What you will need, then the applicant's form: title, step, the
   * first question and its hint, as on screen. */
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (page), "birth"),
                         "clicked");
  ui_test_activate (window, "flow.next", NULL);
  /* What you will need: its title first, like every page. */
  ui_test_wait_for_page (window, "documents");
  page = loket_window_get_page (window);
  said = said_since (speech, &from, language);
  g_assert_cmpuint (said->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, loket_page_get_title (page));
  g_clear_pointer (&said, g_ptr_array_unref);

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "form:applicant");
  page = loket_window_get_page (window);
  said = said_since (speech, &from, language);
  g_assert_cmpuint (said->len, >=, 3);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, loket_page_get_title (page));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (said, 1), step_word));

  question = loket_speech_label_find_question (GTK_WIDGET (page));
  g_assert_nonnull (question);
  question_name = loket_speech_label_dup_name (question);
  g_assert_nonnull (question_name);
  g_assert_cmpstr (g_ptr_array_index (said, 2), ==, question_name);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), question_name));
  if (loket_speech_label_get_description (question) != NULL &&
      *loket_speech_label_get_description (question) != '\0')
    g_assert_true (has_text (said, loket_speech_label_get_description (question)));

  /* It was real speech. */
  log = loket_speech_get_log (speech);
  for (guint i = 0; i < log->len; i++)
    {
      LoketUtterance *utterance = g_ptr_array_index (log, i);

      if (utterance->finished)
        g_assert_cmpfloat (loket_utterance_rms (utterance), >, RMS_FLOOR);
    }

  ui_test_window_destroy (window);
}

static void
test_walk_en (void)
{
  walk_birth ("en", "Welcome", "Step ");
}

static void
test_walk_id (void)
{
  walk_birth ("id", "Selamat datang", "Langkah ");
}

static void
test_wipe_turns_speech_off (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketSpeechMode *mode = loket_window_get_speech_mode (window);
  g_autoptr(GPtrArray) said = NULL;
  g_autoptr(GPtrArray) after = NULL;
  LoketSpeech *speech;
  guint from = 0;

  speech = listen (window);
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  said = said_since (speech, &from, "en");
  g_assert_cmpuint (said->len, >=, 1);

  /* The idle wipe: the next citizen starts silent, and hears nothing of this one. */
  loket_window_restart (window);
  ui_test_wait_for_page (window, "welcome");
  g_assert_false (loket_speech_mode_get_enabled (mode));
  after = said_since (speech, &from, "en");
  g_assert_cmpuint (after->len, ==, 0);

  ui_test_window_destroy (window);
}

static void
test_not_offered (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en",
                                                   "[speech]\nenabled = false\n");
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketSpeechMode *mode = loket_window_get_speech_mode (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "speech.listen", NULL);
  g_assert_false (loket_speech_mode_get_enabled (mode));
  g_assert_null (loket_speech_mode_get_speech (mode));

  ui_test_window_destroy (window);
}

/* Count the shown Listen toggles whose word is @word (Welcome's and the footer's). */
static guint
count_listen (LoketWindow *window,
              const char  *word)
{
  g_autoptr(GPtrArray) all = ui_test_collect (GTK_WIDGET (window));
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);
      GtkWidget *face;

      if (!GTK_IS_TOGGLE_BUTTON (w) || !gtk_widget_has_css_class (w, "loket-listen"))
        continue;
      face = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (w)));
      n += g_strcmp0 (gtk_label_get_text (GTK_LABEL (face)), word) == 0;
    }
  return n;
}

/* The toggle's word follows the citizen's language, as every other word on screen. */
static void
test_toggle_language (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = id", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);

  ui_test_wait_for_page (window, "welcome");
  g_assert_cmpuint (count_listen (window, "Dengarkan"), >=, 1);
  ui_test_activate (window, "flow.language", "s", "en");
  g_assert_cmpuint (count_listen (window, "Dengarkan"), ==, 0);
  g_assert_cmpuint (count_listen (window, "Listen"), >=, 1);
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_assert_cmpuint (count_listen (window, "Listen"), >=, 1);
  ui_test_activate (window, "flow.language", "s", "id");
  g_assert_cmpuint (count_listen (window, "Listen"), ==, 0);
  g_assert_cmpuint (count_listen (window, "Dengarkan"), >=, 1);

  ui_test_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LOKET_SPEECH_OUTPUT", "record", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add_func ("/speech/walk-en", test_walk_en);
  g_test_add_func ("/speech/walk-id", test_walk_id);
  g_test_add_func ("/speech/wipe-turns-speech-off", test_wipe_turns_speech_off);
  g_test_add_func ("/speech/not-offered", test_not_offered);
  g_test_add_func ("/speech/toggle-language", test_toggle_language);

  return g_test_run ();
}
