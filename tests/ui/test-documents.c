/* test-documents.c — "What you will need": the documents of exactly the chosen services,
 * once each, following the answers, with what replaces them; and how to come back later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "loket-documents-page.h"
#include "loket-theme.h"
#include "pages-test.h"

static guint
count_containing (GStrv       shown,
                  const char *text)
{
  guint n = 0;

  for (guint i = 0; shown[i] != NULL; i++)
    if (strstr (shown[i], text) != NULL)
      n++;
  return n;
}

/* Every life event of the shipped catalog: each document of its services is listed exactly
 * once (however many services name it), and nothing else is. */
static void
test_documents_each_life_event (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  GPtrArray *events = loket_catalog_get_life_events (loket_session_get_catalog (env->session));

  loket_session_set_language (env->session, "en");
  for (guint e = 0; e < events->len; e++)
    {
      const LoketLifeEvent *event = g_ptr_array_index (events, e);
      g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) services = NULL;
      g_auto(GStrv) shown = NULL;
      LoketDocumentsPage *page;
      guint n_shared = 0;

      loket_request_clear (request);
      g_assert_true (loket_request_set_life_event (request, event->id));
      services = loket_request_get_services (request);
      for (guint s = 0; s < services->len; s++)
        {
          const LoketService *service = g_ptr_array_index (services, s);

          for (guint d = 0; d < service->documents->len; d++)
            {
              const LoketDocument *document = g_ptr_array_index (service->documents, d);

              if (g_hash_table_contains (labels, document->label))
                n_shared++;
              g_hash_table_add (labels, document->label);
            }
        }

      page = g_object_new (LOKET_TYPE_DOCUMENTS_PAGE, "session", env->session, NULL);
      g_object_ref_sink (page);
      loket_page_shown (LOKET_PAGE (page));
      shown = loket_documents_page_dup_shown (page);
      g_test_message ("%s: %u documents, %u named by more than one service", event->id,
                      g_strv_length (shown), n_shared);
      g_assert_cmpuint (g_strv_length (shown), ==, g_hash_table_size (labels));
      {
        GHashTableIter iter;
        gpointer label;

        g_hash_table_iter_init (&iter, labels);
        while (g_hash_table_iter_next (&iter, &label, NULL))
          {
            guint n = 0;

            /* A label is the start of its entry (after "Only if it applies: "). */
            for (guint i = 0; shown[i] != NULL; i++)
              if (g_str_has_prefix (shown[i], label)
                  || (g_str_has_prefix (shown[i], "Only if it applies: ")
                      && g_str_has_prefix (shown[i] + strlen ("Only if it applies: "), label)))
                n++;
            g_assert_cmpuint (n, ==, 1);
          }
      }
      g_object_unref (page);
    }
}

/* A child was born: `instead` and `when` as the citizen reads them, before and after the
 * answer that decides. */
static void
test_documents_when_and_instead (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketDocumentsPage *page;
  GtkWindow *window;
  g_auto(GStrv) shown = NULL;

  loket_session_set_language (env->session, "en");
  g_assert_true (loket_request_set_life_event (request, "birth"));
  page = g_object_new (LOKET_TYPE_DOCUMENTS_PAGE, "session", env->session, NULL);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  shown = loket_documents_page_dup_shown (page);

  /* Not yet answered: both marriage documents, each as "only if". */
  g_assert_cmpuint (count_containing (shown, "Only if it applies: Marriage book"), ==, 1);
  g_assert_cmpuint (count_containing (shown, "Only if it applies: A signed statement that the "
                                             "parents are husband and wife"), ==, 1);
  /* The birth letter says what replaces it. */
  g_assert_cmpuint (count_containing (shown, "Birth letter from the hospital, health centre or "
                                             "midwife. The letter the hospital, health centre "
                                             "or midwife gave after the birth. If you do not "
                                             "have it: A signed statement that the birth data "
                                             "are true (SPTJM), with two witnesses"), ==, 1);
  /* The family card three services need: once. */
  g_assert_cmpuint (count_containing (shown, "Family card (KK)."), ==, 1);
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), "If you do not have it: A signed "
                                        "statement that the birth data are true (SPTJM), with "
                                        "two witnesses", NULL));
  g_clear_pointer (&shown, g_strfreev);

  /* Back from the form with "not married": neither marriage document. */
  loket_request_set_text (request, "parents.marriage", "not-married");
  loket_page_shown (LOKET_PAGE (page));
  shown = loket_documents_page_dup_shown (page);
  g_assert_cmpuint (count_containing (shown, "Marriage book"), ==, 0);
  g_assert_cmpuint (count_containing (shown, "husband and wife"), ==, 0);
  g_clear_pointer (&shown, g_strfreev);

  /* Registered: the marriage book, for sure. */
  loket_request_set_text (request, "parents.marriage", "registered");
  loket_page_shown (LOKET_PAGE (page));
  shown = loket_documents_page_dup_shown (page);
  g_assert_cmpuint (count_containing (shown, "Only if it applies: Marriage book"), ==, 0);
  g_assert_cmpuint (count_containing (shown, "Marriage book"), ==, 1);
  g_assert_cmpuint (count_containing (shown, "husband and wife"), ==, 0);

  pages_window_destroy (window);
}

/* "I don't have these now" explains the way back; its button restarts. */
static void
test_documents_later (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, "default-language = en", NULL);
  LoketRequest *request = loket_session_get_request (env->session);
  LoketDocumentsPage *page;
  GtkWindow *window;
  GtkWidget *later, *leave, *revealer;

  loket_session_set_language (env->session, "en");
  g_assert_true (loket_request_set_life_event (request, "death"));
  page = g_object_new (LOKET_TYPE_DOCUMENTS_PAGE, "session", env->session, NULL);
  window = pages_window (LOKET_PAGE (page), 1080, 1920, NULL);
  loket_page_shown (LOKET_PAGE (page));
  g_assert_cmpstr (loket_page_get_title (LOKET_PAGE (page)), ==, "What you will need");

  later = ui_test_find_button (GTK_WIDGET (page), "I don't have these now");
  g_assert_nonnull (later);
  revealer = ui_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_REVEALER);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_signal_emit_by_name (later, "clicked");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (ui_test_tree_contains (GTK_WIDGET (page), "keeps nothing", NULL));
  leave = ui_test_find_button (GTK_WIDGET (page), "Stop here and start again later");
  g_assert_nonnull (leave);
  g_signal_emit_by_name (leave, "clicked");
  g_assert_cmpstr (pages_last_action, ==, "restart");

  pages_window_destroy (window);
}

static void
test_documents_screenshots (void)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (TRUE, NULL, NULL);
  const char *languages[] = { "id", "en" };
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (loket_request_set_life_event (loket_session_get_request (env->session),
                                               "birth"));
  for (guint look = 0; look < 2; look++)
    {
      loket_theme_set (display, look == 1, look == 1);
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        {
          const char *name = look == 1 ? "documents-large-contrast" : "documents";

          pages_screenshot (env, "documents", languages[i], 1080, 1920, name);
          pages_screenshot (env, "documents", languages[i], 1920, 1080, name);
        }
    }
  loket_theme_set (display, FALSE, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/documents/each-life-event", test_documents_each_life_event);
  g_test_add_func ("/documents/when-and-instead", test_documents_when_and_instead);
  g_test_add_func ("/documents/later", test_documents_later);
  g_test_add_func ("/documents/screenshots", test_documents_screenshots);

  return g_test_run ();
}
