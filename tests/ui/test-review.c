/* test-review.c — the review page: every visible answer, as the citizen reads it, and the way back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core/loket-format.h"
#include "loket-review-answer.h"
#include "loket-review-page.h"
#include "pages-test.h"

static GtkWidget *
find_answer (GPtrArray  *answers,
             const char *field_id)
{
  for (guint i = 0; i < answers->len; i++)
    if (g_strcmp0 (loket_review_answer_get_field_id (g_ptr_array_index (answers, i)),
                   field_id) == 0)
      return g_ptr_array_index (answers, i);

  return NULL;
}

static void
test_review_lists_answers (void)
{
  /* Nothing is sent from this page: no simulator. */
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  g_autoptr(GPtrArray) sections = NULL;
  LoketReviewPage *page;
  GtkWindow *window;
  GPtrArray *answers;
  GtkWidget *answer;
  guint n = 0;
  GDate date;
  g_autofree char *birth_date = NULL;

  pages_fill_request (request, "birth", FALSE);
  /* An answer kept for a field that is hidden now (not twins) must not show. */
  loket_request_set_text (request, "child.twin_order", "2");

  page = g_object_new (LOKET_TYPE_REVIEW_PAGE, "session", env->session, NULL);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  UI_TEST_WAIT_UNTIL (loket_review_page_get_answers (page)->len > 0, 5000);
  answers = loket_review_page_get_answers (page);

  /* Exactly the visible questions, section by section, in order. */
  sections = loket_request_get_sections (request);
  for (guint i = 0; i < sections->len; i++)
    {
      const LoketQuestionSection *section = g_ptr_array_index (sections, i);

      g_assert_true (ui_test_tree_contains (GTK_WIDGET (page),
                                            C_CATALOG (section->section->title), NULL));
      for (guint j = 0; j < section->questions->len; j++, n++)
        {
          const LoketQuestion *question = g_ptr_array_index (section->questions, j);
          g_autofree char *value = loket_review_format_answer (request, question->field,
                                                                NULL, 0);

          g_assert_cmpuint (n, <, answers->len);
          answer = g_ptr_array_index (answers, n);
          g_assert_cmpstr (loket_review_answer_get_field_id (LOKET_REVIEW_ANSWER (answer)), ==,
                           question->field->id);
          g_assert_cmpstr (loket_review_answer_get_section_id (LOKET_REVIEW_ANSWER (answer)), ==,
                           section->section->id);
          g_assert_cmpstr (loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer)), ==, value);
          g_assert_true (ui_test_tree_contains (answer, value, NULL));
        }
    }
  g_assert_cmpuint (answers->len, ==, n);
  g_assert_cmpuint (n, >, 10);
  g_assert_null (find_answer (answers, "child.twin_order"));

  /* As the citizen reads them: digits in groups, a choice's label, a date in words. */
  answer = find_answer (answers, "applicant.nik");
  g_assert_cmpstr (loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer)), ==,
                   "3273 0152 0392 0002");
  answer = find_answer (answers, "child.sex");
  g_assert_cmpstr (loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer)), !=, "female");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_NOVEMBER, 2026);
  birth_date = loket_format_date (NULL, &date);
  answer = find_answer (answers, "child.birth_date");
  g_assert_cmpstr (loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer)), ==, birth_date);
  answer = find_answer (answers, "child.is_twin");
  g_assert_cmpstr (loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer)), ==, _("No"));

  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));

  /* Tapping an answer goes back to its step. */
  g_signal_emit_by_name (find_answer (answers, "child.name"), "clicked");
  g_assert_cmpstr (pages_last_action, ==, "goto");
  g_assert_cmpstr (pages_last_target, ==, "form:child");
  g_signal_emit_by_name (find_answer (answers, "mother.nik"), "clicked");
  g_assert_cmpstr (pages_last_target, ==, "form:mother");

  /* Answered "twins" since: shown again, with its order. */
  loket_request_set_text (request, "child.is_twin", "true");
  loket_page_shown (LOKET_PAGE (page));
  answers = loket_review_page_get_answers (page);
  answer = find_answer (answers, "child.twin_order");
  g_assert_nonnull (answer);
  g_assert_cmpstr (loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer)), ==, "2");

  pages_window_destroy (window);
}

static void
test_review_screenshots (void)
{
  /* Nothing is sent from this page: no simulator. */
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  const char *languages[] = { "id", "en" };

  pages_fill_request (loket_session_get_request (env->session), "birth", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      pages_screenshot (env, "review", languages[i], 1080, 1920, "review");
      pages_screenshot (env, "review", languages[i], 1920, 1080, "review");
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/review/lists-answers", test_review_lists_answers);
  g_test_add_func ("/review/screenshots", test_review_screenshots);

  return g_test_run ();
}
