/* test-form.c — the form's steps: typing on the keyboard, messages, conditions, groups, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "loket-bands.h"
#include "loket-date-boxes.h"
#include "loket-error-summary.h"
#include "loket-field-row.h"
#include "loket-form-page.h"
#include "loket-group-editor.h"
#include "loket-speech-label.h"
#include "pages-test.h"

static LoketFormPage *
form_page (UiTestEnv  *env,
           const char *section)
{
  return g_object_new (LOKET_TYPE_FORM_PAGE, "session", env->session, "section", section, NULL);
}

static gboolean
focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static LoketFieldRow *
row_of (LoketFormPage *page,
        const char    *field_id)
{
  GtkWidget *row = loket_form_page_get_field (page, field_id);

  g_assert_nonnull (row);
  g_assert_true (LOKET_IS_FIELD_ROW (row));
  return LOKET_FIELD_ROW (row);
}

static const char *
entry_text (LoketFieldRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (loket_field_row_get_entry (row)));
}

/* Every question of the section has its widget, in the request's order, and nothing more. */
static void
assert_rows_match_questions (LoketFormPage *page,
                             LoketRequest  *request,
                             const char    *section_id)
{
  g_autoptr(GPtrArray) sections = loket_request_get_sections (request);
  GPtrArray *shown = loket_form_page_get_fields (page);

  for (guint i = 0; i < sections->len; i++)
    {
      const LoketQuestionSection *section = g_ptr_array_index (sections, i);

      if (g_strcmp0 (section->section->id, section_id) != 0)
        continue;

      g_assert_cmpuint (shown->len, ==, section->questions->len);
      for (guint j = 0; j < section->questions->len; j++)
        {
          const LoketQuestion *question = g_ptr_array_index (section->questions, j);

          g_assert_true (loket_form_page_get_field (page, question->field->id) ==
                         g_ptr_array_index (shown, j));
        }
      return;
    }
  g_assert_not_reached ();
}

static void
test_form_typing (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  LoketFieldRow *nik, *name, *phone;
  g_autoptr(GError) error = NULL;

  g_assert_true (loket_request_set_life_event (request, "birth"));
  page = form_page (env, "applicant");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  assert_rows_match_questions (page, request, "applicant");
  g_assert_true (loket_page_get_needs_keyboard (LOKET_PAGE (page)));
  g_assert_nonnull (loket_page_get_title (LOKET_PAGE (page)));

  nik = row_of (page, "applicant.nik");
  name = row_of (page, "applicant.name");
  phone = row_of (page, "applicant.phone");
  g_assert_false (loket_page_get_complete (LOKET_PAGE (page)));

  /* Next on an empty step: refused, and the first field says why and has the focus. */
  g_assert_false (pages_apply (LOKET_PAGE (page), &error));
  g_assert_error (error, LOKET_FORM_PAGE_ERROR, LOKET_FORM_PAGE_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_nonnull (loket_field_row_get_message (nik));
  UI_TEST_WAIT_UNTIL (focus_within (loket_field_row_get_entry (nik)), 5000);

  /* A NIK typed on the keypad shows in groups of four and is stored as digits. */
  pages_focus (loket_field_row_get_entry (nik));
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_DIGITS);
  pages_type (kbd, "3273015203920");
  g_assert_cmpstr (entry_text (nik), ==, "3273 0152 0392 0");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.nik"), ==, "3273015203920");

  /* Leaving the field with 13 digits: the message shows next to it, the digits stay. */
  pages_focus (loket_field_row_get_entry (name));
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_TEXT);
  g_assert_nonnull (loket_field_row_get_message (nik));
  g_assert_true (gtk_widget_has_css_class (loket_field_row_get_entry (nik), "error"));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (nik), loket_field_row_get_message (nik),
                                        NULL));
  g_assert_cmpstr (entry_text (nik), ==, "3273 0152 0392 0");
  g_assert_false (loket_page_get_complete (LOKET_PAGE (page)));

  pages_type (kbd, "Siti Aminah");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.name"), ==, "Siti Aminah");

  /* Back in the NIK: a backspace takes the last digit (not a separator), and once the
   * number is right the message goes away while typing. */
  pages_focus (loket_field_row_get_entry (nik));
  gtk_editable_set_position (GTK_EDITABLE (loket_field_row_get_entry (nik)), -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.backspace", NULL));
  UI_TEST_WAIT_UNTIL (g_str_equal (entry_text (nik), "3273 0152 0392"), 5000);
  g_assert_cmpstr (entry_text (nik), ==, "3273 0152 0392");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.nik"), ==, "327301520392");
  g_assert_nonnull (loket_field_row_get_message (nik));
  pages_type (kbd, "0002");
  g_assert_cmpstr (entry_text (nik), ==, "3273 0152 0392 0002");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.nik"), ==, "3273015203920002");
  g_assert_null (loket_field_row_get_message (nik));
  /* The keypad cannot overfill it. */
  pages_type (kbd, "9");
  g_assert_cmpstr (entry_text (nik), ==, "3273 0152 0392 0002");

  pages_focus (loket_field_row_get_entry (phone));
  pages_type (kbd, "081234567890");
  g_assert_cmpstr (entry_text (phone), ==, "0812 3456 7890");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.phone"), ==, "081234567890");

  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  g_assert_true (pages_apply (LOKET_PAGE (page), &error));
  g_assert_no_error (error);

  /* A page built again (language change, idle) shows what the request holds. */
  pages_window_destroy (window);
  page = form_page (env, "applicant");
  window = pages_window (LOKET_PAGE (page), 1920, 1080, NULL);
  g_assert_cmpstr (entry_text (row_of (page, "applicant.nik")), ==, "3273 0152 0392 0002");
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  pages_window_destroy (window);
}

/* Next on a step with problems: a summary at the top counts them, one link per problem in
 * the field's own words, the focus on the first; a link takes the focus to its field, and
 * the summary follows the answers as they are fixed. */
static void
test_form_error_summary (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  LoketErrorSummary *summary;
  LoketFieldRow *name;
  g_autofree char *heading = NULL;
  guint n;

  g_assert_true (loket_request_set_life_event (request, "birth"));
  page = form_page (env, "child");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  summary = LOKET_ERROR_SUMMARY (loket_form_page_get_summary (page));
  name = row_of (page, "child.name");

  /* Nothing shouts before the citizen tried. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (summary)));
  g_assert_false (loket_page_get_complete (LOKET_PAGE (page)));

  loket_page_show_problems (LOKET_PAGE (page));
  n = loket_error_summary_get_n_problems (summary);
  g_assert_cmpuint (n, >=, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (summary)));
  heading = g_strdup_printf ("%u answers need attention", n);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (loket_error_summary_get_heading (summary))),
                   ==, heading);
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (summary)) ==
                 GTK_ACCESSIBLE_ROLE_ALERT);

  /* The field says specifically what is wrong, and the link says the same. */
  g_assert_cmpstr (loket_field_row_get_message (name), ==, "Type the child's full name.");
  g_assert_true (loket_error_summary_get_target (summary, 0) == GTK_WIDGET (name));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (loket_error_summary_get_link (summary, 0))),
                   ==, "Type the child's full name.");
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *target = loket_error_summary_get_target (summary, i);

      g_assert_nonnull (loket_error_summary_get_link (summary, i));
      g_assert_true (LOKET_IS_FIELD_ROW (target));
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (loket_error_summary_get_link (summary, i))),
                       ==, loket_field_row_get_message (LOKET_FIELD_ROW (target)));
      g_assert_false (g_str_equal (loket_field_row_get_message (LOKET_FIELD_ROW (target)),
                                   "Please fill this in."));
    }

  /* The focus is on the first problem. */
  UI_TEST_WAIT_UNTIL (focus_within (GTK_WIDGET (name)), 5000);

  /* The second link takes the focus to its field. */
  g_signal_emit_by_name (loket_error_summary_get_link (summary, 1), "clicked");
  UI_TEST_WAIT_UNTIL (focus_within (loket_error_summary_get_target (summary, 1)), 5000);

  /* Fixing the name takes it off the summary. */
  pages_focus (loket_field_row_get_entry (name));
  pages_type (kbd, "Budi Santoso");
  g_assert_cmpstr (loket_request_get_text (request, "child.name"), ==, "Budi Santoso");
  UI_TEST_WAIT_UNTIL (loket_error_summary_get_n_problems (summary) == n - 1, 5000);
  g_assert_false (loket_error_summary_get_target (summary, 0) == GTK_WIDGET (name));

  pages_window_destroy (window);
}

static const char *
box_text (LoketFieldRow *row,
          LoketDateBox   box)
{
  GtkWidget *dates = loket_field_row_get_date_boxes (row);

  return gtk_editable_get_text (GTK_EDITABLE (loket_date_boxes_get_entry (LOKET_DATE_BOXES (dates),
                                                                          box)));
}

static GtkWidget *
box_entry (LoketFieldRow *row,
           LoketDateBox   box)
{
  return loket_date_boxes_get_entry (LOKET_DATE_BOXES (loket_field_row_get_date_boxes (row)), box);
}

static char *
wire_date (LoketRequest *request,
           const char   *field_id)
{
  g_autoptr(JsonNode) node = loket_request_dup_wire_value (request, field_id);

  return node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
}

/* A date in three boxes, day, month and year, each with the digit keypad and its own name;
 * the keyboard's "Next field ↵" goes from box to box and then to the next question. */
static void
test_form_date (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  LoketFieldRow *date;
  g_autofree char *wire = NULL;

  g_assert_true (loket_request_set_life_event (request, "new-business"));
  page = form_page (env, "applicant");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  date = row_of (page, "applicant.birth_date");
  g_assert_nonnull (loket_field_row_get_date_boxes (date));
  g_assert_true (loket_field_row_get_entry (date) == box_entry (date, LOKET_DATE_BOX_DAY));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (date), "Day", NULL));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (date), "Month", NULL));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (date), "Year", NULL));
  for (int i = 0; i < LOKET_DATE_N_BOXES; i++)
    {
      g_autofree char *name = loket_speech_label_dup_name (box_entry (date, i));

      g_assert_cmpstr (name, ==, i == 0 ? "Day" : i == 1 ? "Month" : "Year");
    }

  /* Typed box by box on the keypad, "Next field ↵" between them. */
  pages_focus (box_entry (date, LOKET_DATE_BOX_DAY));
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_DIGITS);
  pages_type (kbd, "4");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.done", NULL));
  UI_TEST_WAIT_UNTIL (focus_within (box_entry (date, LOKET_DATE_BOX_MONTH)), 5000);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_DIGITS);
  pages_type (kbd, "07");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.done", NULL));
  UI_TEST_WAIT_UNTIL (focus_within (box_entry (date, LOKET_DATE_BOX_YEAR)), 5000);
  pages_type (kbd, "19931");
  g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_YEAR), ==, "1993");
  /* The stored answer is as before: DD-MM-YYYY, sent as YYYY-MM-DD. */
  g_assert_cmpstr (loket_request_get_text (request, "applicant.birth_date"), ==, "04-07-1993");
  wire = wire_date (request, "applicant.birth_date");
  g_assert_cmpstr (wire, ==, "1993-07-04");
  g_assert_null (loket_field_row_get_message (date));
  /* From the year, "Next field ↵" goes on to the next question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.done", NULL));
  UI_TEST_WAIT_UNTIL (!focus_within (loket_field_row_get_date_boxes (date)), 5000);

  /* A whole date typed on the keypad into the day box is spread across the three. */
  pages_focus (box_entry (date, LOKET_DATE_BOX_DAY));
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_DAY)), "");
  pages_type (kbd, "17082024");
  g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_DAY), ==, "17");
  g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_MONTH), ==, "08");
  g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_YEAR), ==, "2024");
  g_assert_cmpstr (loket_request_get_text (request, "applicant.birth_date"), ==, "17-08-2024");

  /* Pasted or scanned in one piece, in each way a date is written. */
  {
    static const struct { const char *pasted, *day, *month, *year, *stored; } dates[] = {
      { "17/08/2024", "17", "08", "2024", "17-08-2024" },
      { "5-1-1990",   "5",  "1",  "1990", "05-01-1990" },
      { "1985-11-30", "30", "11", "1985", "30-11-1985" },
      { "19851130",   "30", "11", "1985", "30-11-1985" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      {
        GtkEditable *day = GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_DAY));
        int position = 0;

        gtk_editable_set_text (day, "");
        gtk_editable_insert_text (day, dates[i].pasted, -1, &position);
        g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_DAY), ==, dates[i].day);
        g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_MONTH), ==, dates[i].month);
        g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_YEAR), ==, dates[i].year);
        g_assert_cmpstr (loket_request_get_text (request, "applicant.birth_date"), ==,
                         dates[i].stored);
      }
  }

  pages_window_destroy (window);
}

/* A problem in a date names the box that is wrong; that box is marked and gets the focus. */
static void
test_form_date_messages (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  LoketFieldRow *date;
  LoketErrorSummary *summary;
  GtkWidget *link = NULL;

  g_assert_true (loket_request_set_life_event (request, "new-business"));
  page = form_page (env, "applicant");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  date = row_of (page, "applicant.birth_date");

  /* A month of 13, typed on the keypad: said once the citizen leaves the date. */
  pages_focus (box_entry (date, LOKET_DATE_BOX_DAY));
  pages_type (kbd, "30");
  pages_focus (box_entry (date, LOKET_DATE_BOX_MONTH));
  pages_type (kbd, "13");
  pages_focus (box_entry (date, LOKET_DATE_BOX_YEAR));
  pages_type (kbd, "1985");
  g_assert_null (loket_field_row_get_message (date));
  pages_focus (loket_field_row_get_entry (row_of (page, "applicant.name")));
  g_assert_cmpstr (loket_field_row_get_message (date), ==, "Month must be between 1 and 12.");
  g_assert_true (gtk_widget_has_css_class (box_entry (date, LOKET_DATE_BOX_MONTH), "error"));
  g_assert_false (gtk_widget_has_css_class (box_entry (date, LOKET_DATE_BOX_DAY), "error"));
  /* A screen reader in the month box hears the problem. */
  g_assert_nonnull (strstr (loket_speech_label_get_description (box_entry (date,
                                                                           LOKET_DATE_BOX_MONTH)),
                            "Month must be between 1 and 12."));
  loket_field_row_focus (date);
  UI_TEST_WAIT_UNTIL (focus_within (box_entry (date, LOKET_DATE_BOX_MONTH)), 5000);
  /* Its link in the error summary says the same and goes to the month box too. */
  pages_focus (loket_field_row_get_entry (row_of (page, "applicant.name")));
  loket_page_show_problems (LOKET_PAGE (page));
  summary = LOKET_ERROR_SUMMARY (loket_form_page_get_summary (page));
  for (guint i = 0; i < loket_error_summary_get_n_problems (summary); i++)
    if (loket_error_summary_get_target (summary, i) == GTK_WIDGET (date))
      link = loket_error_summary_get_link (summary, i);
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (link)), ==, "Month must be between 1 and 12.");
  g_signal_emit_by_name (link, "clicked");
  UI_TEST_WAIT_UNTIL (focus_within (box_entry (date, LOKET_DATE_BOX_MONTH)), 5000);

  /* 31 February is no date: the day box says how many days the month has. */
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_MONTH)), "02");
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_DAY)), "31");
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_YEAR)), "1993");
  pages_focus (loket_field_row_get_entry (row_of (page, "applicant.name")));
  g_assert_cmpstr (loket_field_row_get_message (date), ==,
                   "Day must be between 1 and 28 in this month.");
  g_assert_true (gtk_widget_has_css_class (box_entry (date, LOKET_DATE_BOX_DAY), "error"));

  /* A box left empty says which. */
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_DAY)), "");
  g_assert_cmpstr (loket_field_row_get_message (date), ==, "The date must include a day.");
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_DAY)), "12");
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_YEAR)), "93");
  g_assert_cmpstr (loket_field_row_get_message (date), ==,
                   "Year must have 4 digits, such as 1990.");
  g_assert_true (gtk_widget_has_css_class (box_entry (date, LOKET_DATE_BOX_YEAR), "error"));
  gtk_editable_set_text (GTK_EDITABLE (box_entry (date, LOKET_DATE_BOX_YEAR)), "1993");
  g_assert_null (loket_field_row_get_message (date));
  g_assert_cmpstr (loket_request_get_text (request, "applicant.birth_date"), ==, "12-02-1993");

  /* A page built again shows the answer in its boxes. */
  pages_window_destroy (window);
  page = form_page (env, "applicant");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  date = row_of (page, "applicant.birth_date");
  g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_DAY), ==, "12");
  g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_MONTH), ==, "02");
  g_assert_cmpstr (box_text (date, LOKET_DATE_BOX_YEAR), ==, "1993");
  pages_window_destroy (window);
}

static LoketFieldRow *
find_row (LoketFormPage *page,
          const char    *field_id)
{
  GtkWidget *row = loket_form_page_get_field (page, field_id);

  return row != NULL ? LOKET_FIELD_ROW (row) : NULL;
}

static void
test_form_condition (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  GtkWindow *window;
  LoketFieldRow *twin;
  GtkWidget *yes, *no;

  g_assert_true (loket_request_set_life_event (request, "birth"));
  page = form_page (env, "child");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);

  g_assert_null (find_row (page, "child.twin_order"));
  twin = row_of (page, "child.is_twin");
  g_assert_null (loket_field_row_get_entry (twin));
  yes = ui_test_find_button (GTK_WIDGET (twin), _("Yes"));
  no = ui_test_find_button (GTK_WIDGET (twin), _("No"));
  g_assert_nonnull (yes);
  g_assert_nonnull (no);

  /* "Yes, twins": the order of birth is asked, right after the question. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yes), TRUE);
  UI_TEST_WAIT_UNTIL (find_row (page, "child.twin_order") != NULL, 5000);
  g_assert_cmpstr (loket_request_get_text (request, "child.is_twin"), ==, "true");
  g_assert_nonnull (find_row (page, "child.twin_order"));
  assert_rows_match_questions (page, request, "child");

  /* "No": it goes again; the tiles behave as radio buttons. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (no), TRUE);
  UI_TEST_WAIT_UNTIL (find_row (page, "child.twin_order") == NULL, 5000);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yes)));
  g_assert_cmpstr (loket_request_get_text (request, "child.is_twin"), ==, "false");
  g_assert_null (find_row (page, "child.twin_order"));
  assert_rows_match_questions (page, request, "child");
  pages_window_destroy (window);
}

static void
test_form_group (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  LoketGroupEditor *editor;
  const LoketField *field;
  GPtrArray *rows;
  GtkWidget *add, *remove;
  g_autofree char *remove_label = NULL;

  g_assert_true (loket_request_set_life_event (request, "moving"));
  page = form_page (env, "move");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  editor = LOKET_GROUP_EDITOR (loket_form_page_get_field (page, "move.members"));
  g_assert_true (LOKET_IS_GROUP_EDITOR (editor));
  field = loket_group_editor_get_field (editor);

  /* At least one person: the first entry is there to fill in, and cannot be removed. */
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "move.members"), ==, 1);
  rows = loket_group_editor_get_rows (editor);
  g_assert_cmpuint (rows->len, ==, field->fields->len);
  g_assert_false (loket_group_editor_remove_entry (editor, 0));

  /* Typed into the first person's NIK through the keyboard: stored in entry 0. */
  pages_focus (loket_field_row_get_entry (g_ptr_array_index (rows, 0)));
  pages_type (kbd, "3273011708890006");
  g_assert_cmpstr (loket_request_get_group_text (request, "move.members", 0, "nik"), ==,
                   "3273011708890006");

  /* Add a person with the big button: a second entry, its rows, the caret in its NIK. */
  add = ui_test_find_button (GTK_WIDGET (editor), _("Add a person"));
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  /* The new person's NIK takes the caret (the keys below go there). */
  UI_TEST_WAIT_UNTIL (loket_group_editor_get_rows (editor)->len == 2 * field->fields->len &&
                      focus_within (loket_field_row_get_entry (
                        g_ptr_array_index (loket_group_editor_get_rows (editor),
                                           field->fields->len))), 5000);
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "move.members"), ==, 2);
  rows = loket_group_editor_get_rows (editor);
  g_assert_cmpuint (rows->len, ==, 2 * field->fields->len);
  g_assert_cmpuint (loket_field_row_get_index (g_ptr_array_index (rows, field->fields->len)),
                    ==, 1);
  pages_type (kbd, "3273015203920002");
  g_assert_cmpstr (loket_request_get_group_text (request, "move.members", 1, "nik"), ==,
                   "3273015203920002");

  /* Remove the first: the second becomes person 1, its answers kept. */
  remove_label = g_strdup_printf (_("Remove person %u"), 1);
  remove = ui_test_find_button (GTK_WIDGET (editor), remove_label);
  g_assert_nonnull (remove);
  g_assert_true (gtk_widget_get_sensitive (remove));
  g_signal_emit_by_name (remove, "clicked");
  UI_TEST_WAIT_UNTIL (loket_group_editor_get_rows (editor)->len == field->fields->len, 5000);
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "move.members"), ==, 1);
  g_assert_cmpuint (loket_group_editor_get_rows (editor)->len, ==, field->fields->len);
  g_assert_cmpstr (loket_request_get_group_text (request, "move.members", 0, "nik"), ==,
                   "3273015203920002");

  /* Up to the maximum, then the Add button gives up. */
  while (loket_group_editor_add_entry (editor))
    ;
  g_assert_cmpuint (loket_request_get_n_group_entries (request, "move.members"), ==,
                    (guint) field->max);
  g_assert_false (gtk_widget_get_sensitive (add));
  pages_window_destroy (window);
}

static void
test_form_warning (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketFormPage *page;
  LoketKeyboard *kbd;
  GtkWindow *window;
  LoketFieldRow *nik, *name;
  GtkWidget *confirm;

  g_assert_true (loket_request_set_life_event (request, "birth"));
  loket_request_set_text (request, "applicant.nik", "3273011708890006");
  page = form_page (env, "mother");
  window = pages_window (LOKET_PAGE (page), 1080, 1920, &kbd);
  nik = row_of (page, "mother.nik");
  name = row_of (page, "mother.name");

  /* The mother's NIK typed the same as the applicant's: often right (the mother applies),
   * sometimes a slip, so a warning the citizen may confirm. */
  pages_focus (loket_field_row_get_entry (name));
  pages_type (kbd, "Siti Aminah");
  pages_focus (loket_field_row_get_entry (nik));
  pages_type (kbd, "3273011708890006");
  pages_focus (loket_field_row_get_entry (name));
  g_assert_nonnull (loket_field_row_get_message (nik));
  confirm = loket_field_row_get_confirm_button (nik);
  g_assert_nonnull (confirm);
  g_assert_false (loket_page_get_complete (LOKET_PAGE (page)));

  /* "Yes, this is correct": the warning is confirmed and no longer blocks. */
  g_signal_emit_by_name (confirm, "clicked");
  UI_TEST_WAIT_UNTIL (loket_field_row_get_message (nik) == NULL, 5000);
  g_assert_null (loket_field_row_get_message (nik));
  g_assert_true (loket_page_get_complete (LOKET_PAGE (page)));
  g_assert_cmpstr (entry_text (nik), ==, "3273 0117 0889 0006");
  pages_window_destroy (window);
}

/* The step in the kiosk's window (header, footer and keyboard, as LoketBands lays them out),
 * its first empty field focused: the keyboard is up, beside the step on a landscape screen
 * and below the footer on a portrait one, and the window keeps the screen's size. */
static void
window_screenshot (UiTestEnv  *env,
                   const char *section,
                   const char *language,
                   int         width,
                   int         height)
{
  g_autofree char *page_name = g_strconcat ("form:", section, NULL);
  g_autofree char *name = g_strdup_printf ("form-%s-%s-%s", section, language,
                                           width > height ? "landscape" : "portrait");
  g_autofree char *path = NULL;
  g_autofree char *overflow = NULL;
  LoketWindow *window;
  LoketBands *bands;

  loket_session_set_language (env->session, language);
  window = ui_test_window_new (env, width, height);
  /* gtk_widget_activate_action () sinks its parameter; ui_test_activate () would leak it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "flow.goto", "s", page_name));
  ui_test_wait_for_page (window, page_name);
  /* The first empty field takes the focus and brings the keyboard up. */
  UI_TEST_WAIT_UNTIL (gtk_widget_get_visible (loket_bands_get_keyboard (
                        LOKET_BANDS (ui_test_find_by_type (GTK_WIDGET (window),
                                                           LOKET_TYPE_BANDS)))), 5000);
  ui_test_wait_frame (GTK_WIDGET (window));

  bands = LOKET_BANDS (ui_test_find_by_type (GTK_WIDGET (window), LOKET_TYPE_BANDS));
  g_assert_true (gtk_widget_get_visible (loket_bands_get_keyboard (bands)));
  g_assert_cmpint (loket_bands_get_keyboard_beside (bands), ==, width > height);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
  overflow = ui_test_find_overflow (GTK_WIDGET (window));
  if (overflow != NULL)
    g_error ("%s: labels cut or off the window:\n%s", name, overflow);

  path = ui_test_screenshot (GTK_WIDGET (window), name);
  g_test_message ("screenshot: %s", path);
  ui_test_window_destroy (window);
}

static void
test_form_screenshots (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  const char *languages[] = { "id", "en" };

  g_assert_true (loket_request_set_life_event (request, "birth"));
  loket_request_set_text (request, "applicant.nik", "32730152039");
  loket_request_set_text (request, "applicant.name", "Siti Aminah Rahayu");
  loket_request_set_text (request, "child.is_twin", "true");
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      /* Widget tests make GTK's criticals fatal: a landscape step whose header asked for
       * more height than it reported (GTK's "Expect overlapping widgets", gone since the
       * window's bands lay header, content and keyboard out) fails here too. */
      window_screenshot (env, "applicant", languages[i], 1080, 1920);
      window_screenshot (env, "child", languages[i], 1080, 1920);
      window_screenshot (env, "applicant", languages[i], 1920, 1080);
      window_screenshot (env, "child", languages[i], 1920, 1080);
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/form/typing", test_form_typing);
  g_test_add_func ("/form/error-summary", test_form_error_summary);
  g_test_add_func ("/form/date", test_form_date);
  g_test_add_func ("/form/date-messages", test_form_date_messages);
  g_test_add_func ("/form/condition", test_form_condition);
  g_test_add_func ("/form/group", test_form_group);
  g_test_add_func ("/form/warning", test_form_warning);
  g_test_add_func ("/form/screenshots", test_form_screenshots);

  return g_test_run ();
}
