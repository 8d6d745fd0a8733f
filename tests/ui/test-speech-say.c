/* test-speech-say.c — what speech mode says through a whole request, and its controls
 *
 * The birth flow in speech mode, in Indonesian (a loudspeaker: labels only) and English
 * (headphones: [speech] private = true, values too): every page's title, step, first
 * question and hint; a field's error after a refused Next; a NIK read digit by digit in
 * groups of four; Review's answers; Consent's agencies; the receipt's code spelled symbol
 * by symbol, as printed, and again on request. Then the idle warning and its countdown, the
 * wipe after it, louder and slower, and a kiosk without an audio output. espeak-ng
 * synthesizes every utterance for real (LOKET_SPEECH_OUTPUT=record: into memory).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "core/loket-i18n.h"
#include "loket-choose-page.h"
#include "loket-consent-card.h"
#include "loket-consent-page.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "loket-keyboard.h"
#include "loket-receipt-page.h"
#include "loket-review-answer.h"
#include "loket-speech-bar.h"
#include "loket-speech-label.h"
#include "loket-speech-readout.h"
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

/* The texts said since *from, once the engine is done with them. */
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
      g_test_message ("said (%s)%s: %s", language, utterance->spelled ? " spelled" : "",
                      utterance->text);
      g_ptr_array_add (texts, g_strdup (utterance->text));
    }
  *from = log->len;
  return texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

static guint
index_of (GPtrArray  *texts,
          const char *text)
{
  guint index = G_MAXUINT;

  g_assert_true (g_ptr_array_find_with_equal_func (texts, text, g_str_equal, &index));
  return index;
}

/* Title, step, the first question and its hint: as the screen shows them. */
static void
assert_page_said (LoketWindow *window,
                  GPtrArray   *said,
                  const char  *step_word)
{
  GtkWidget *page = GTK_WIDGET (loket_window_get_page (window));
  GtkWidget *question = loket_speech_label_find_question (page);
  const char *hint;

  gboolean has_step;
  guint at;

  g_assert_cmpuint (said->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, loket_page_get_title (LOKET_PAGE (page)));
  /* The step, where the header shows one (Choose has none: the request is not known yet). */
  has_step = said->len >= 2 && g_str_has_prefix (g_ptr_array_index (said, 1), step_word);
  if (has_step)
    /* The step as the header shows it. */
    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), g_ptr_array_index (said, 1)));
  at = has_step ? 2 : 1;
  if (question == NULL)
    return;

  {
    g_autofree char *name = loket_speech_label_dup_name (question);

    g_assert_cmpuint (said->len, >=, at + 1);
    g_assert_cmpstr (g_ptr_array_index (said, at), ==, name);
    g_assert_nonnull (ui_test_find_label (page, name));
  }
  hint = loket_speech_label_get_description (question);
  if (hint != NULL && *hint != '\0')
    g_assert_cmpstr (g_ptr_array_index (said, at + 1), ==, hint);
}

static void
type_keys (LoketWindow *window,
           const char  *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char key[8] = { 0 };

      g_utf8_strncpy (key, p, 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (loket_window_get_keyboard (window)),
                                                 "kbd.type", "s", key));
    }
  ui_test_drain ();
}

static void
fill_row (LoketWindow   *window,
          LoketFieldRow *row,
          JsonNode      *value)
{
  const LoketField *field = loket_field_row_get_field (row);
  GtkWidget *entry = loket_field_row_get_entry (row);
  GtkWidget *tile = NULL;

  if (entry != NULL)
    {
      g_autofree char *keys = ui_test_keys_for (field, value);

      g_assert_true (gtk_widget_grab_focus (entry));
      UI_TEST_WAIT_UNTIL (loket_keyboard_get_target (loket_window_get_keyboard (window)) ==
                          GTK_EDITABLE (entry), 5000);
      type_keys (window, keys);
      return;
    }

  if (field->type == LOKET_FIELD_TYPE_YES_NO)
    tile = ui_test_find_button (GTK_WIDGET (row), json_node_get_boolean (value) ? _("Yes")
                                                                               : _("No"));
  else
    for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
      {
        const LoketChoice *choice = g_ptr_array_index (field->choices, i);

        if (g_strcmp0 (choice->value, json_node_get_string (value)) == 0)
          tile = ui_test_find_button (GTK_WIDGET (row), C_CATALOG (choice->label));
      }
  g_assert_nonnull (tile);
  g_signal_emit_by_name (tile, "clicked");
  ui_test_drain ();
}

/* Every question the step shows (again after each answer: conditions add questions). */
static void
fill_form_page (LoketWindow *window,
                JsonObject  *data)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean progress = TRUE;

  while (progress)
    {
      GPtrArray *fields = loket_form_page_get_fields (LOKET_FORM_PAGE (loket_window_get_page (window)));

      progress = FALSE;
      for (guint i = 0; i < fields->len && !progress; i++)
        {
          GtkWidget *widget = g_ptr_array_index (fields, i);
          const char *id;

          g_assert_true (LOKET_IS_FIELD_ROW (widget));   /* birth has no groups */
          id = loket_field_row_get_field (LOKET_FIELD_ROW (widget))->id;
          if (g_hash_table_contains (done, id) || !json_object_has_member (data, id))
            continue;
          g_hash_table_add (done, (gpointer) id);
          fill_row (window, LOKET_FIELD_ROW (widget), json_object_get_member (data, id));
          progress = TRUE;
        }
    }
}

static void
confirm_warnings (LoketWindow *window)
{
  g_autoptr(GPtrArray) all = ui_test_collect (GTK_WIDGET (loket_window_get_page (window)));

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *button;

      if (!LOKET_IS_FIELD_ROW (g_ptr_array_index (all, i)))
        continue;
      button = loket_field_row_get_confirm_button (g_ptr_array_index (all, i));
      if (button != NULL && gtk_widget_is_visible (button))
        {
          g_signal_emit_by_name (button, "clicked");
          UI_TEST_WAIT_UNTIL (loket_field_row_get_message (g_ptr_array_index (all, i)) == NULL,
                              5000);
        }
    }
}

/* Enter after the step's last question (Next, from a keyboard) with nothing answered: the
 * focused question and its error, as the row shows it. */
static void
assert_refused_said (LoketWindow *window,
                     LoketSpeech *speech,
                     guint       *from,
                     const char  *language)
{
  g_autoptr(GPtrArray) said = NULL;
  GtkWidget *focus;
  GtkWidget *row;
  g_autofree char *name = NULL;
  const char *message;
  guint at;

  GPtrArray *fields = loket_form_page_get_fields (LOKET_FORM_PAGE (loket_window_get_page (window)));
  GtkWidget *last = NULL;

  for (guint i = 0; i < fields->len; i++)
    if (loket_field_row_get_entry (g_ptr_array_index (fields, i)) != NULL)
      last = loket_field_row_get_entry (g_ptr_array_index (fields, i));
  g_assert_nonnull (last);
  /* Next is off while the step is incomplete; Enter in its last field is the way. */
  g_assert_true (gtk_widget_grab_focus (last));
  ui_test_drain ();
  g_signal_emit_by_name (last, "activate");
  UI_TEST_WAIT_UNTIL ((focus = gtk_window_get_focus (GTK_WINDOW (window))) != NULL &&
                      (row = gtk_widget_get_ancestor (focus, LOKET_TYPE_FIELD_ROW)) != NULL &&
                      loket_field_row_get_message (LOKET_FIELD_ROW (row)) != NULL, 5000);
  said = said_since (speech, from, language);
  message = loket_field_row_get_message (LOKET_FIELD_ROW (row));
  name = loket_speech_label_dup_name (loket_speech_label_find_question (row));
  g_assert_nonnull (name);
  /* The last two: the question, then its error. */
  g_assert_cmpuint (said->len, >=, 2);
  at = index_of (said, message);
  g_assert_cmpuint (at, ==, said->len - 1);
  g_assert_cmpstr (g_ptr_array_index (said, at - 1), ==, name);
}

/* The NIK the citizen typed: on headphones digit by digit in fours, on a loudspeaker not. */
static void
assert_nik_said (LoketWindow *window,
                 LoketSpeech *speech,
                 guint       *from,
                 const char  *language,
                 gboolean     private_output)
{
  GPtrArray *fields = loket_form_page_get_fields (LOKET_FORM_PAGE (loket_window_get_page (window)));
  g_autoptr(GPtrArray) said = NULL;
  GtkWidget *nik = NULL, *other = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < fields->len; i++)
    {
      LoketFieldRow *row = g_ptr_array_index (fields, i);

      if (loket_field_row_get_field (row)->type == LOKET_FIELD_TYPE_NIK)
        nik = loket_field_row_get_entry (row);
      else if (loket_field_row_get_entry (row) != NULL)
        other = loket_field_row_get_entry (row);
    }
  g_assert_nonnull (nik);
  g_assert_nonnull (other);

  gtk_widget_grab_focus (other);
  ui_test_drain ();
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, from, language);
  g_clear_pointer (&said, g_ptr_array_unref);
  gtk_widget_grab_focus (nik);
  said = said_since (speech, from, language);

  name = loket_speech_label_dup_name (nik);
  if (private_output)
    {
      g_autofree char *digits = loket_speech_readout_digits (gtk_editable_get_text (GTK_EDITABLE (nik)), 4);

      g_assert_cmpuint (strlen (digits), ==, 16 * 2 - 1 + 3);   /* "3 2 7 3, 0 1 5 2, …" */
      expected = g_strdup_printf ("%s, %s", name, digits);
    }
  else
    expected = g_strdup (name);
  g_assert_cmpuint (said->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, expected);
}

static void
assert_review_said (LoketWindow *window,
                    GPtrArray   *said,
                    gboolean     private_output)
{
  g_autoptr(GPtrArray) all = ui_test_collect (GTK_WIDGET (loket_window_get_page (window)));
  guint n = 0, n_nik = 0;

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *answer = g_ptr_array_index (all, i);
      g_autofree char *question = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *digits = NULL;
      const char *value;

      if (!LOKET_IS_REVIEW_ANSWER (answer) || !gtk_widget_is_visible (answer))
        continue;
      question = loket_speech_label_dup_first_text (answer);
      value = loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer));
      /* A number typed (a NIK, a phone number) as in its field: digit by digit, in fours. */
      if (strspn (value, "0123456789 ") == strlen (value) && strlen (value) >= 8)
        value = digits = loket_speech_readout_digits (value, 4);
      if (g_str_equal (value, "3 2 7 3, 0 1 5 2, 0 3 9 2, 0 0 0 2"))
        n_nik++;
      expected = private_output ? g_strdup_printf ("%s, %s", question, value)
                                : g_strdup (question);
      g_assert_true (has_text (said, expected));
      n++;
    }
  g_assert_cmpuint (n, >=, 10);
  /* The applicant's and the mother's. */
  g_assert_cmpuint (n_nik, ==, 2);
  if (!private_output)
    /* A loudspeaker: the hall hears no name the citizen typed. */
    for (guint i = 0; i < said->len; i++)
      g_assert_null (strstr (g_ptr_array_index (said, i), "Siti Aminah"));
}

static void
assert_consent_said (LoketWindow *window,
                     GPtrArray   *said)
{
  g_autoptr(GPtrArray) all = ui_test_collect (GTK_WIDGET (loket_window_get_page (window)));
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (all, i);
      g_autofree char *summary = NULL;

      if (!LOKET_IS_CONSENT_CARD (card))
        continue;
      summary = loket_speech_label_dup_name (card);
      if (summary == NULL)
        summary = loket_speech_label_dup_first_text (card);
      g_assert_true (has_text (said, summary));
      n++;
    }
  g_assert_cmpuint (n, >=, 1);
}

/* "Your tracking code", then its groups as printed, symbol by symbol. */
static void
assert_code_said (LoketSpeech *speech,
                  guint        first,
                  GPtrArray   *said,
                  const char  *printed)
{
  g_auto(GStrv) groups = g_strsplit (printed, "-", -1);
  g_autoptr(GPtrArray) log = loket_speech_get_log (speech);
  guint at = index_of (said, _("Your tracking code"));

  g_assert_cmpuint (g_strv_length (groups), ==, 4);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      LoketUtterance *utterance = g_ptr_array_index (log, first + at + 1 + i);

      g_assert_true (utterance->spelled);
      g_assert_cmpuint (strlen (utterance->text), ==, strlen (groups[i]));
      for (guint c = 0; groups[i][c] != '\0'; c++)
        g_assert_cmpint (utterance->text[c], ==, groups[i][c]);
      /* Every symbol is heard: a spelled group is real sound, longer than a syllable a
       * symbol. */
      g_assert_true (utterance->finished);
      g_assert_cmpfloat (loket_utterance_rms (utterance), >, RMS_FLOOR);
      g_assert_cmpfloat (loket_utterance_seconds (utterance), >, 0.15 * strlen (groups[i]));
    }
}

/* Every form step: title, step, first question and hint; on the first, a refused Enter;
 * on the applicant's, the NIK typed. */
static void
walk_forms (LoketWindow *window,
            LoketSpeech *speech,
            guint       *from_out,
            JsonObject  *data,
            const char  *language,
            const char  *step_word,
            gboolean     private_output)
{
  g_autoptr(GPtrArray) said = NULL;
  gboolean refused = FALSE, nik_checked = FALSE;
  guint from = *from_out;

  while (TRUE)
    {
      g_autofree char *name = NULL;

      UI_TEST_WAIT_UNTIL (!g_str_equal (loket_window_get_page_name (window), "documents"), 10000);
      name = g_strdup (loket_window_get_page_name (window));
      if (!g_str_has_prefix (name, "form:"))
        break;
      ui_test_wait_for_page (window, name);
      g_clear_pointer (&said, g_ptr_array_unref);
      said = said_since (speech, &from, language);
      assert_page_said (window, said, step_word);

      if (!refused)
        {
          assert_refused_said (window, speech, &from, language);
          refused = TRUE;
        }
      fill_form_page (window, data);
      if (!nik_checked && g_str_equal (name, "form:applicant"))
        {
          assert_nik_said (window, speech, &from, language, private_output);
          nik_checked = TRUE;
        }
      g_clear_pointer (&said, g_ptr_array_unref);
      said = said_since (speech, &from, language);
      for (guint attempt = 0; attempt < 3 &&
           g_str_equal (loket_window_get_page_name (window), name); attempt++)
        {
          confirm_warnings (window);
          ui_test_activate (window, "flow.next", NULL);
          ui_test_drain ();
          ui_test_pump (200);
        }
      g_assert_cmpstr (loket_window_get_page_name (window), !=, name);
    }
  g_assert_true (refused);
  g_assert_true (nik_checked);
  *from_out = from;
}

/* The receipt: the code as printed, then where to go; again on "Repeat the code". */
static void
walk_receipt (LoketWindow *window,
              LoketSpeech *speech,
              guint        from,
              const char  *language)
{
  g_autoptr(GPtrArray) said = NULL;
  LoketReceiptPage *receipt;
  guint before = from;

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "receipt");
  receipt = LOKET_RECEIPT_PAGE (loket_window_get_page (window));
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, language);
  g_assert_nonnull (loket_receipt_page_get_code (receipt));
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, loket_page_get_title (LOKET_PAGE (receipt)));
  assert_code_said (speech, before, said, loket_receipt_page_get_code (receipt));
  g_assert_cmpuint (index_of (said, loket_receipt_page_get_where (receipt)), >,
                    index_of (said, _("Your tracking code")));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (
    loket_speech_bar_get_button (loket_speech_mode_get_bar (loket_window_get_speech_mode (window)),
                                 "speech.repeat-code"))));

  before = from;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "speech.repeat-code", NULL));
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, language);
  g_assert_cmpuint (said->len, ==, 5);
  assert_code_said (speech, before, said, loket_receipt_page_get_code (receipt));

}

static void
walk_birth (const char *language,
            const char *step_word,
            gboolean    private_output)
{
  g_autofree char *kiosk = g_strdup_printf ("default-language = %s", language);
  g_autofree char *speech_config = g_strdup_printf ("[speech]\nprivate = %s\n",
                                                    private_output ? "true" : "false");
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (FALSE, kiosk, speech_config);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = ui_test_load_request ("birth", parser);
  JsonObject *data = json_object_get_object_member (root, "data");
  JsonArray *services = json_object_get_array_member (root, "services");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) said = NULL;
  g_auto(GStrv) agencies = NULL;
  LoketWindow *window;
  LoketRequest *request;
  LoketSpeech *speech;
  guint from = 0;

  g_assert_true (loket_session_start_delivery (env->session, &error));
  g_assert_no_error (error);
  window = ui_test_window_new (env, 1080, 1920);
  request = loket_session_get_request (env->session);
  speech = listen (window);
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, language);

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, language);
  assert_page_said (window, said, step_word);

  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     "birth"), "clicked");
  UI_TEST_WAIT_UNTIL (loket_request_get_life_event (request) != NULL, 5000);
  chosen = loket_request_get_services (request);
  for (guint i = 0; i < chosen->len; i++)
    loket_request_remove_service (request, ((LoketService *) g_ptr_array_index (chosen, i))->id);
  for (guint i = 0; i < json_array_get_length (services); i++)
    g_assert_true (loket_request_add_service (request, json_array_get_string_element (services, i)));
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "documents");
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, language);
  assert_page_said (window, said, step_word);
  ui_test_activate (window, "flow.next", NULL);

  walk_forms (window, speech, &from, data, language, step_word, private_output);

  ui_test_wait_for_page (window, "review");
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, language);
  assert_page_said (window, said, step_word);
  assert_review_said (window, said, private_output);

  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "consent");
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, language);
  assert_page_said (window, said, step_word);
  assert_consent_said (window, said);
  agencies = loket_consent_page_dup_agencies (LOKET_CONSENT_PAGE (loket_window_get_page (window)));
  for (guint i = 0; agencies[i] != NULL; i++)
    {
      /* Every answer the agency needs: "I understand", and "Yes, send it" where it asks. */
      g_autoptr(GPtrArray) answers =
        loket_consent_page_get_answers (LOKET_CONSENT_PAGE (loket_window_get_page (window)),
                                        agencies[i]);

      for (guint j = 0; j < answers->len; j++)
        gtk_toggle_button_set_active (g_ptr_array_index (answers, j), TRUE);
      UI_TEST_WAIT_UNTIL (loket_request_get_consent (request, agencies[i]), 5000);
    }

  walk_receipt (window, speech, from, language);
  ui_test_window_destroy (window);
}

static void
test_birth_en (void)
{
  walk_birth ("en", "Step ", TRUE);
}

static void
test_birth_id (void)
{
  walk_birth ("id", "Langkah ", FALSE);
}

static gboolean
logged_since (LoketSpeech *speech,
              guint        from,
              const char  *text)
{
  g_autoptr(GPtrArray) log = loket_speech_get_log (speech);

  for (guint i = from; i < log->len; i++)
    if (g_strcmp0 (((LoketUtterance *) g_ptr_array_index (log, i))->text, text) == 0)
      return TRUE;
  return FALSE;
}

/* The idle warning is said when it comes, its countdown at 20 and at 10 seconds; the wipe
 * after it silences speech and says nothing more of this citizen. */
static void
test_idle_countdown (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketSpeechMode *mode = loket_window_get_speech_mode (window);
  LoketIdle *idle = loket_window_get_idle (window);
  g_autoptr(GPtrArray) said = NULL;
  g_autofree char *at20 = loket_speech_readout_countdown (20);
  g_autofree char *at10 = loket_speech_readout_countdown (10);
  LoketSpeech *speech;
  guint from = 0;

  speech = listen (window);
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");

  /* Louder and slower for this citizen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "speech.louder", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "speech.slower", NULL));
  g_assert_cmpuint (loket_speech_get_volume (speech), ==, 120);
  g_assert_cmpuint (loket_speech_get_rate (speech), ==, 150);
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");

  loket_window_set_idle_timeouts_ms (window, 200, 25000);
  UI_TEST_WAIT_UNTIL (loket_idle_is_warning (idle), 10000);
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");
  {
    g_autoptr(GPtrArray) shown = loket_speech_readout_texts (GTK_WIDGET (idle));

    /* The warning's words, as it shows them, first. */
    g_assert_cmpuint (shown->len, >=, 2);
    g_assert_cmpuint (said->len, >=, shown->len);
    for (guint i = 0; i < shown->len; i++)
      g_assert_cmpstr (g_ptr_array_index (said, i), ==, g_ptr_array_index (shown, i));
    g_assert_false (has_text (said, at20));
  }

  loket_idle_skip_ms (idle, 5200);
  UI_TEST_WAIT_UNTIL (logged_since (speech, from, at20), 5000);
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");
  g_assert_cmpuint (said->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, at20);

  loket_idle_skip_ms (idle, 10000);
  UI_TEST_WAIT_UNTIL (logged_since (speech, from, at10), 5000);
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");
  g_assert_cmpuint (said->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, at10);

  /* The wipe: speech off, this citizen's louder and slower gone, nothing more said. */
  loket_idle_skip_ms (idle, 10000);
  ui_test_wait_for_page (window, "welcome");
  g_assert_false (loket_speech_mode_get_enabled (mode));
  g_assert_false (gtk_widget_get_visible (loket_speech_mode_get_bar (mode)));
  g_assert_cmpuint (loket_speech_get_volume (speech), ==, 100);
  g_assert_cmpuint (loket_speech_get_rate (speech), ==, 175);
  ui_test_pump (300);
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");
  g_assert_cmpuint (said->len, ==, 0);

  ui_test_window_destroy (window);
}

static LoketUtterance *
last_said (LoketSpeech *speech,
           const char  *text)
{
  g_autoptr(GPtrArray) log = loket_speech_get_log (speech);

  for (guint i = log->len; i > 0; i--)
    {
      LoketUtterance *utterance = g_ptr_array_index (log, i - 1);

      if (g_strcmp0 (utterance->text, text) == 0)
        return utterance;
    }
  g_assert_not_reached ();
}

/* Repeat, quieter, louder, slower, faster: shown, named, at least 64 px; Repeat the code
 * only on the receipt. */
static void
assert_controls_shown (GtkWidget *bar)
{
  const char *actions[] = { "speech.repeat", "speech.quieter", "speech.louder",
                            "speech.slower", "speech.faster" };

  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (loket_speech_bar_get_button (bar, "speech.repeat-code"))));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = loket_speech_bar_get_button (bar, actions[i]);
      g_autofree char *name = loket_speech_label_dup_name (button);

      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_cmpint (gtk_widget_get_width (button), >=, 64);
      g_assert_cmpint (gtk_widget_get_height (button), >=, 64);
      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (name), >, 3);
    }
}

/* The controls: only in speech mode, named, 64 px at least; slower is longer, louder is
 * louder, in the samples espeak-ng made. */
static void
test_controls (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window = ui_test_window_new (env, 1080, 1920);
  LoketSpeechMode *mode = loket_window_get_speech_mode (window);
  GtkWidget *bar = loket_speech_mode_get_bar (mode);
  g_autoptr(GPtrArray) said = NULL;
  LoketUtterance *normal, *slow, *loud;
  double normal_seconds, normal_rms;
  const char *title;
  LoketSpeech *speech;
  guint from = 0;

  g_assert_false (gtk_widget_get_visible (bar));
  speech = listen (window);
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  ui_test_wait_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (bar));
  assert_controls_shown (bar);

  title = loket_page_get_title (loket_window_get_page (window));
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");
  normal = last_said (speech, title);
  g_assert_cmpuint (normal->rate, ==, 175);
  normal_seconds = loket_utterance_seconds (normal);
  normal_rms = loket_utterance_rms (normal);

  g_signal_emit_by_name (loket_speech_bar_get_button (bar, "speech.slower"), "clicked");
  g_signal_emit_by_name (loket_speech_bar_get_button (bar, "speech.slower"), "clicked");
  g_signal_emit_by_name (loket_speech_bar_get_button (bar, "speech.repeat"), "clicked");
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");
  g_assert_cmpstr (g_ptr_array_index (said, 0), ==, _("Slower"));
  g_assert_true (has_text (said, title));
  slow = last_said (speech, title);
  g_assert_cmpuint (slow->rate, ==, 125);
  g_test_message ("'%s' at 175: %.2f s, at 125: %.2f s", title, normal_seconds,
                  loket_utterance_seconds (slow));
  g_assert_cmpfloat (loket_utterance_seconds (slow), >, normal_seconds * 1.15);

  for (guint i = 0; i < 3; i++)
    g_signal_emit_by_name (loket_speech_bar_get_button (bar, "speech.louder"), "clicked");
  g_signal_emit_by_name (loket_speech_bar_get_button (bar, "speech.repeat"), "clicked");
  g_clear_pointer (&said, g_ptr_array_unref);
  said = said_since (speech, &from, "en");
  loud = last_said (speech, title);
  g_assert_cmpuint (loud->volume, ==, 160);
  g_test_message ("'%s' at volume 100: RMS %.0f, at 160: RMS %.0f", title, normal_rms,
                  loket_utterance_rms (loud));
  g_assert_cmpfloat (loket_utterance_rms (loud), >, normal_rms * 1.2);

  /* Quieter and faster go back; within espeak-ng's range. */
  for (guint i = 0; i < 20; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "speech.quieter", NULL));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "speech.faster", NULL));
    }
  g_assert_cmpuint (loket_speech_get_volume (speech), ==, 10);
  g_assert_cmpuint (loket_speech_get_rate (speech), ==, 450);

  /* Speech off: the controls go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "speech.listen", NULL));
  g_assert_false (loket_speech_mode_get_enabled (mode));
  g_assert_false (gtk_widget_get_visible (bar));

  ui_test_window_destroy (window);
}

static gboolean
listen_shown (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (all, i);

      if (GTK_IS_ACTIONABLE (widget) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "speech.listen") == 0 &&
          gtk_widget_is_visible (widget))
        return TRUE;
    }
  return FALSE;
}

/* No audio output: Listen is not offered, on Welcome nor in the footer, and the status
 * board can say why. */
static void
test_no_device (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketWindow *window;
  LoketSpeechMode *mode;

  /* First with one: both toggles are there. */
  window = ui_test_window_new (env, 1080, 1920);
  g_assert_true (listen_shown (GTK_WIDGET (window)));
  g_assert_null (loket_speech_mode_get_unavailable_reason (loket_window_get_speech_mode (window)));
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_assert_true (listen_shown (GTK_WIDGET (window)));
  ui_test_window_destroy (window);

  g_setenv ("LOKET_SPEECH_OUTPUT", "none", TRUE);
  window = ui_test_window_new (env, 1080, 1920);
  mode = loket_window_get_speech_mode (window);
  g_assert_false (listen_shown (GTK_WIDGET (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "speech.listen", NULL);
  g_assert_false (loket_speech_mode_get_enabled (mode));
  g_assert_null (loket_speech_mode_get_speech (mode));
  ui_test_activate (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_assert_false (listen_shown (GTK_WIDGET (window)));
  g_assert_nonnull (loket_speech_mode_get_unavailable_reason (mode));
  g_assert_nonnull (strstr (loket_speech_mode_get_unavailable_reason (mode), "LOKET_SPEECH_OUTPUT=none"));
  g_assert_cmpstr (loket_speech_unavailable_reason (), ==, loket_speech_mode_get_unavailable_reason (mode));
  g_test_message ("status board: %s", loket_speech_unavailable_reason ());
  ui_test_window_destroy (window);
  g_setenv ("LOKET_SPEECH_OUTPUT", "record", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LOKET_SPEECH_OUTPUT", "record", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add_func ("/speech-say/birth-en", test_birth_en);
  g_test_add_func ("/speech-say/birth-id", test_birth_id);
  g_test_add_func ("/speech-say/idle-countdown", test_idle_countdown);
  g_test_add_func ("/speech-say/controls", test_controls);
  g_test_add_func ("/speech-say/no-device", test_no_device);

  return g_test_run ();
}
