/* test-page.c — the flow pages' base class: properties, virtual functions, apply, reset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "loket-page.h"

/* A page as the flow's pages are: it counts what the base class asks of it. */
#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, LoketPage)

struct _TestPage
{
  LoketPage  parent_instance;

  GtkWidget *entry;
  guint      shown;
  guint      locale_changed;
  guint      reset;
  gboolean   refuse;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, LOKET_TYPE_PAGE)

static void
test_page_shown (LoketPage *page)
{
  TEST_PAGE (page)->shown++;
}

static void
test_page_locale_changed (LoketPage *page)
{
  TEST_PAGE (page)->locale_changed++;
  loket_page_set_title (page, "Title again");
}

static void
test_page_reset (LoketPage *page)
{
  TestPage *self = TEST_PAGE (page);

  self->reset++;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  loket_page_set_complete (page, FALSE);
}

static void
test_page_apply_async (LoketPage           *page,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TestPage *self = TEST_PAGE (page);
  g_autoptr(GTask) task = g_task_new (page, cancellable, callback, user_data);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->refuse)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "The NIK must have 16 digits");
  else
    g_task_return_boolean (task, TRUE);
}

static void
test_page_class_init (TestPageClass *klass)
{
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  page_class->shown = test_page_shown;
  page_class->locale_changed = test_page_locale_changed;
  page_class->reset = test_page_reset;
  page_class->apply_async = test_page_apply_async;
}

static void
test_page_init (TestPage *self)
{
  self->entry = gtk_entry_new ();
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_page_complete_notifies_on_change (void)
{
  g_autoptr(LoketPage) page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  guint complete_notes = 0;
  guint title_notes = 0;
  guint keyboard_notes = 0;

  g_signal_connect (page, "notify::complete", G_CALLBACK (count_notify), &complete_notes);
  g_signal_connect (page, "notify::title", G_CALLBACK (count_notify), &title_notes);
  g_signal_connect (page, "notify::needs-keyboard", G_CALLBACK (count_notify),
                    &keyboard_notes);

  g_assert_false (loket_page_get_complete (page));
  loket_page_set_complete (page, FALSE);
  g_assert_cmpuint (complete_notes, ==, 0);
  loket_page_set_complete (page, TRUE);
  g_assert_cmpuint (complete_notes, ==, 1);
  loket_page_set_complete (page, TRUE);
  g_object_set (page, "complete", TRUE, NULL);
  g_assert_cmpuint (complete_notes, ==, 1);
  loket_page_set_complete (page, FALSE);
  g_assert_cmpuint (complete_notes, ==, 2);
  g_assert_false (loket_page_get_complete (page));

  loket_page_set_title (page, "Your child");
  loket_page_set_title (page, "Your child");
  g_assert_cmpuint (title_notes, ==, 1);
  g_assert_cmpstr (loket_page_get_title (page), ==, "Your child");

  g_object_set (page, "needs-keyboard", TRUE, NULL);
  loket_page_set_needs_keyboard (page, TRUE);
  g_assert_cmpuint (keyboard_notes, ==, 1);
  g_assert_true (loket_page_get_needs_keyboard (page));

  /* The page lays its children out vertically, like a box. */
  g_assert_true (GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (page))));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page), "loket-page"));
}

static void
test_page_virtuals (void)
{
  g_autoptr(LoketPage) page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  TestPage *self = TEST_PAGE (page);
  GCancellable *before;

  loket_page_shown (page);
  g_assert_cmpuint (self->shown, ==, 1);

  loket_page_locale_changed (page);
  g_assert_cmpuint (self->locale_changed, ==, 1);
  g_assert_cmpstr (loket_page_get_title (page), ==, "Title again");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "Budi Santoso");
  loket_page_set_complete (page, TRUE);
  before = g_object_ref (loket_page_get_cancellable (page));

  loket_page_reset (page);
  g_assert_cmpuint (self->reset, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (self->entry)), ==, "");
  g_assert_false (loket_page_get_complete (page));

  /* Work started for the last citizen is cancelled; the next one gets a fresh cancellable. */
  g_assert_true (g_cancellable_is_cancelled (before));
  g_assert_true (loket_page_get_cancellable (page) != before);
  g_assert_false (g_cancellable_is_cancelled (loket_page_get_cancellable (page)));
  g_object_unref (before);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
test_page_apply (void)
{
  g_autoptr(LoketPage) page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  g_autoptr(LoketPage) plain = g_object_ref_sink (g_object_new (LOKET_TYPE_PAGE, NULL));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  /* The base class lets the flow go on. */
  loket_page_apply_async (plain, NULL, store_result, &result);
  g_assert_true (loket_page_apply_finish (plain, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A page may refuse, with a message the citizen can act on. */
  TEST_PAGE (page)->refuse = TRUE;
  loket_page_apply_async (page, NULL, store_result, &result);
  g_assert_false (loket_page_apply_finish (page, wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "The NIK must have 16 digits");
  g_clear_error (&error);
  g_clear_object (&result);

  /* A cancelled apply says so, and only so. */
  TEST_PAGE (page)->refuse = FALSE;
  g_cancellable_cancel (cancellable);
  loket_page_apply_async (page, cancellable, store_result, &result);
  g_assert_false (loket_page_apply_finish (page, wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Without a cancellable of its own, an apply follows the page's: a reset cancels it. */
  loket_page_reset (page);
  loket_page_apply_async (page, NULL, store_result, &result);
  g_assert_true (loket_page_apply_finish (page, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
}

static void
test_page_dispose (void)
{
  LoketPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  GtkWidget *entry = TEST_PAGE (page)->entry;
  GCancellable *cancellable = g_object_ref (loket_page_get_cancellable (page));

  g_object_add_weak_pointer (G_OBJECT (entry), (gpointer *) &entry);
  g_object_unref (page);

  /* The page's children and its pending work go with it. */
  g_assert_null (entry);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_object_unref (cancellable);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page/complete-notifies-on-change", test_page_complete_notifies_on_change);
  g_test_add_func ("/page/virtuals", test_page_virtuals);
  g_test_add_func ("/page/apply", test_page_apply);
  g_test_add_func ("/page/dispose", test_page_dispose);

  return g_test_run ();
}
