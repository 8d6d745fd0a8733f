/* test-pseudo.c — every page of the kiosk in a pseudo-language: nothing hard-coded, nothing cut
 *
 * run-pseudo builds the pseudo-language (build-aux/pseudo-po.py: "[Ŵéļçöɱé ···]", a third
 * longer than English) for both text domains from freshly made templates and starts this
 * test in it. Any text on screen that is not bracketed and accented did not go through
 * gettext: a hard-coded string, or a file missing from po/POTFILES.in. Any label that does
 * not fit its page at 1080×1920 or 1920×1080 is cut off for the citizens of a longer
 * language. Digits, codes and the characters a keyboard key types are not words: they pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "core/loket-catalog.h"
#include "core/loket-format.h"
#include "core/loket-i18n.h"
#include "loket-application.h"
#include "loket-bands.h"
#include "loket-keyboard.h"
#include "loket-page.h"
#include "loket-choose-page.h"
#include "loket-theme.h"
#include "loket-window.h"
#include "ui-test-util.h"

static const char *pseudo_language;
/* Texts that are data, not words of Loket: a language's own name on its button. */
static GPtrArray *data_texts;

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  run_for (200);
}

/* A token that is a code or a number, not a word: "KD7M-2Q9P-XA4T-3", "12/A", "RT005", and
 * the mask of a tracking code, "XXXX-XXXX-XXXX-X". */
static gboolean
is_code (const char *token)
{
  gboolean digit = FALSE;
  gboolean mask = strchr (token, '-') != NULL;

  for (const char *c = token; *c != '\0'; c++)
    {
      if (g_ascii_isdigit (*c))
        digit = TRUE;
      else if (!g_ascii_isupper (*c) && !strchr ("-/.:", *c))
        return FALSE;
      if (*c != 'X' && *c != '-')
        mask = FALSE;
    }

  return digit || mask;
}

/* A short text with a sign in it is a glyph standing for an icon: "A+" on the larger-text
 * button. */
static gboolean
is_glyph (const char *text)
{
  if (g_utf8_strlen (text, -1) > 3)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c))
      return TRUE;
  return FALSE;
}

/* What a key types is not translated: "a", "Q", ".", ".co.id". */
static gboolean
is_typed_characters (const char *text)
{
  if (g_utf8_strlen (text, -1) <= 1)
    return TRUE;
  if (text[0] != '.')
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && *c != '.')
      return FALSE;
  return TRUE;
}

/* The parts of text outside every [bracketed] (pseudo-translated) stretch, nesting allowed:
 * a translated format may hold another translated string. */
static char *
outside_brackets (const char *text,
                  gboolean   *had_brackets)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  *had_brackets = FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '[')
        {
          depth++;
          *had_brackets = TRUE;
        }
      else if (*c == ']' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *c);
    }

  return g_string_free (out, FALSE);
}

/* NULL when text is fine; else why not. */
static char *
untranslated_words (const char *text)
{
  g_autofree char *rest = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GString) words = g_string_new (NULL);
  gboolean had_brackets;

  if (text == NULL || *text == '\0' || is_typed_characters (text) || is_glyph (text))
    return NULL;

  rest = outside_brackets (text, &had_brackets);
  tokens = g_strsplit_set (rest, " \t\n,;()\"'«»“”!?", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gboolean letters = FALSE;

      for (const char *c = tokens[i]; *c != '\0'; c++)
        if (g_ascii_isalpha (*c))
          letters = TRUE;
      /* "Rp" is the rupiah's symbol in every language (loket-format.c). */
      if (letters && !is_code (tokens[i]) && !g_str_equal (tokens[i], "Rp"))
        g_string_append_printf (words, "%s'%s'", words->len > 0 ? ", " : "", tokens[i]);
    }

  if (words->len == 0)
    return NULL;
  return g_strdup_printf ("%s (not translated: %s)", text, words->str);
}

typedef struct {
  GPtrArray *untranslated;   /* of char*: "where: text (…)" */
  GPtrArray *cut;            /* of char* */
  guint      texts;          /* how many texts were looked at */
  GPtrArray *overlaps;       /* of char*: GTK's own "Expect overlapping widgets" reports */
  int        width;          /* the screen's, for a window that grew past it; 0: none */
  int        height;
} Findings;

static void
findings_clear (Findings *f)
{
  g_clear_pointer (&f->untranslated, g_ptr_array_unref);
  g_clear_pointer (&f->cut, g_ptr_array_unref);
  g_clear_pointer (&f->overlaps, g_ptr_array_unref);
}

static void
check_text (Findings   *f,
            const char *where,
            const char *text)
{
  g_autofree char *problem = NULL;

  if (text == NULL || *text == '\0')
    return;
  f->texts++;
  for (guint i = 0; i < data_texts->len; i++)
    if (g_str_equal (text, data_texts->pdata[i]))
      return;
  problem = untranslated_words (text);
  if (problem != NULL)
    g_ptr_array_add (f->untranslated, g_strdup_printf ("%s: %s", where, problem));
}

static void
check_label_fits (Findings  *f,
                  GtkLabel  *label,
                  GtkWidget *page,
                  const char *where)
{
  GtkWidget *widget = GTK_WIDGET (label);
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int page_width = gtk_widget_get_width (page);
  int natural_width, natural_height;
  const char *text = gtk_label_get_text (label);

  if (!gtk_widget_compute_bounds (widget, page, &bounds))
    return;

  if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > page_width + 0.5)
    g_ptr_array_add (f->cut, g_strdup_printf ("%s: '%s' spans x %.0f…%.0f, its page is %d wide",
                                              where, text, bounds.origin.x,
                                              bounds.origin.x + bounds.size.width, page_width));

  if (gtk_label_get_wrap (label))
    {
      /* A wrapping label is cut when it needs more lines than it was given. */
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, NULL, &natural_height,
                          NULL, NULL);
      if (natural_height > height && gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE)
        g_ptr_array_add (f->cut, g_strdup_printf ("%s: '%s' needs %d px of height, has %d",
                                                  where, text, natural_height, height));
    }
  else if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE)
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_width,
                          NULL, NULL);
      if (natural_width > width)
        g_ptr_array_add (f->cut, g_strdup_printf ("%s: '%s' is ellipsized: needs %d px, has %d",
                                                  where, text, natural_width, width));
    }
}

static void
walk (Findings   *f,
      GtkWidget  *widget,
      GtkWidget  *page,
      const char *where)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  /* A page on its way out of a cross-fade is still mapped: only the current one counts. */
  if (LOKET_IS_PAGE (widget) && LOKET_IS_PAGE (page) && widget != page)
    return;

  if (GTK_IS_LABEL (widget))
    {
      /* The header and the footer are measured against the window, the rest against the page. */
      GtkWidget *frame = gtk_widget_is_ancestor (widget, page)
                         ? page : GTK_WIDGET (gtk_widget_get_root (widget));

      check_text (f, where, gtk_label_get_text (GTK_LABEL (widget)));
      check_label_fits (f, GTK_LABEL (widget), frame, where);
    }
  else if (GTK_IS_TEXT (widget) && *gtk_editable_get_text (GTK_EDITABLE (widget)) == '\0')
    {
      check_text (f, where, gtk_text_get_placeholder_text (GTK_TEXT (widget)));
    }

  if (LOKET_IS_PAGE (widget))
    check_text (f, where, loket_page_get_title (LOKET_PAGE (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (f, child, page, where);
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("LOKET_TEST_OUTPUT");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  GskRenderNode *node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    {
      g_test_message ("LOKET_TEST_OUTPUT is not set: no screenshot %s", name);
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);

  /* A widget paintable has nothing to give until a frame has been drawn since it was made. */
  for (guint tries = 0; tries < 50 && node == NULL; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        run_for (20);
    }
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);
  g_test_message ("screenshot: %s", path);
}

static void
report (Findings   *f,
        const char *what)
{
  for (guint i = 0; i < f->untranslated->len; i++)
    g_test_message ("hard-coded? %s", (char *) f->untranslated->pdata[i]);
  for (guint i = 0; i < f->cut->len; i++)
    g_test_message ("cut off: %s", (char *) f->cut->pdata[i]);

  g_test_message ("%s: %u texts looked at, %u not translated, %u cut off", what, f->texts,
                  f->untranslated->len, f->cut->len);
  g_assert_cmpuint (f->texts, >, 0);
  g_assert_cmpuint (f->untranslated->len, ==, 0);
  g_assert_cmpuint (f->cut->len, ==, 0);

  /* GTK's overlap reports ("Expect overlapping widgets") come from a box whose children
   * need more height than it has, and one of them reports less height for no width than
   * for a wide one: text drawn over text. All are shown, then the test fails. */
  if (f->overlaps != NULL)
    {
      for (guint i = 0; i < f->overlaps->len; i++)
        g_test_message ("overlap: %s", (char *) f->overlaps->pdata[i]);
      g_assert_cmpuint (f->overlaps->len, ==, 0);
    }
}

/* GTK reports a box whose children need more height than it asked for ("Expect overlapping
 * widgets"): in a longer language that is text drawn over text. Such a report is kept as a
 * finding of the page, with where the box is, rather than ending the test at the first. */
static GtkWidget *layout_root;
static GPtrArray *layout_problems;

static GtkWidget *
find_by_address (GtkWidget  *widget,
                 const char *message)
{
  g_autofree char *address = g_strdup_printf ("%p ", (gpointer) widget);

  if (strstr (message, address) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_address (child, message);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
describe_widget (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

      g_string_prepend (path, classes[0] != NULL ? classes[0] : "");
      g_string_prepend_c (path, classes[0] != NULL ? '.' : ' ');
      g_string_prepend (path, G_OBJECT_TYPE_NAME (widget));
      if (LOKET_IS_PAGE (widget))
        break;
      g_string_prepend (path, " > ");
    }

  return g_string_free (path, FALSE);
}

/* While a window runs, warnings are not fatal (so that one overlap does not hide the rest),
 * but every one is kept: an overlap as a finding of its page, anything else as a failure. */
static GPtrArray *other_warnings;

static GLogWriterOutput
keep_layout_problems (GLogLevelFlags   log_level,
                      const GLogField *fields,
                      gsize            n_fields,
                      gpointer         user_data)
{
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      message = fields[i].value;

  if (layout_root != NULL && message != NULL &&
      (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    {
      if (strstr (message, "Expect overlapping widgets") != NULL)
        {
          GtkWidget *widget = find_by_address (layout_root, message);
          g_autofree char *where = widget != NULL ? describe_widget (widget) : g_strdup ("?");

          g_ptr_array_add (layout_problems, g_strdup_printf ("%s [%s]", message, where));
          return G_LOG_WRITER_HANDLED;
        }
      g_ptr_array_add (other_warnings, g_strdup (message));
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
take_layout_problems (Findings   *f,
                      const char *where)
{
  for (guint i = 0; i < layout_problems->len; i++)
    {
      if (f->overlaps == NULL)
        f->overlaps = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (f->overlaps, g_strdup_printf ("%s: %s", where,
                                                     (char *) layout_problems->pdata[i]));
    }
  g_ptr_array_set_size (layout_problems, 0);
}

/* A flow action, with a string or no parameter. gtk_widget_activate_action() sinks the
 * parameter it builds; ui_test_activate() leaves a floating one behind (LeakSanitizer). */
static void
go (LoketWindow *window,
    const char  *action,
    const char  *parameter)
{
  gboolean found;

  if (parameter != NULL)
    found = gtk_widget_activate_action (GTK_WIDGET (window), action, "s", parameter);
  else
    found = gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  g_assert_true (found);
}

/* A window that grew past the screen is cut off by the screen: say on which page, and which
 * band asks for the width. */
static void
check_window_size (Findings    *f,
                   LoketWindow *window,
                   const char  *where)
{
  LoketBands *bands = LOKET_BANDS (ui_test_find_by_type (GTK_WIDGET (window), LOKET_TYPE_BANDS));
  GtkWidget *parts[] = {
    loket_bands_get_header (bands), loket_bands_get_content (bands),
    loket_bands_get_footer (bands), loket_bands_get_keyboard (bands),
  };
  const char *names[] = { "header", "content", "footer", "keyboard" };
  g_autoptr(GString) widths = g_string_new (NULL);
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  if (f->width == 0 || (width <= f->width && height <= f->height))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      int minimum = 0;

      if (gtk_widget_get_visible (parts[i]))
        gtk_widget_measure (parts[i], GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                            NULL);
      g_string_append_printf (widths, " %s %d", names[i], minimum);
    }
  g_ptr_array_add (f->cut, g_strdup_printf ("%s: the window grew to %d×%d, the screen is "
                                            "%d×%d (minimum widths:%s)", where, width, height,
                                            f->width, f->height, widths->str));
}

/* Walks one page of the flow: every mapped text in the window, and a screenshot. */
static void
visit (Findings    *f,
       LoketWindow *window,
       const char  *name,
       const char  *orientation)
{
  g_autofree char *where = g_strdup_printf ("%s page '%s'", orientation, name);
  g_autofree char *png = g_strdup_printf ("pseudo-%s-%s", name, orientation);
  g_autofree char *path = NULL;
  GtkWidget *page = GTK_WIDGET (loket_window_get_page (window));

  g_assert_nonnull (page);
  /* The window may lay a new page out over a few frames. */
  ui_test_pump (200);
  walk (f, GTK_WIDGET (window), page, where);
  take_layout_problems (f, where);
  check_window_size (f, window, where);

  /* "form:child" is no file name. */
  g_strdelimit (png, ":", '-');
  path = ui_test_screenshot (GTK_WIDGET (window), png);
  g_test_message ("screenshot: %s", path);
}

/* Visits every page the flow offers, in a request for the life event "birth" (the one with
 * the most form steps), then the Track page: the table grows with the UI, so does the test. */
static void
check_window (int         width,
              int         height,
              const char *orientation,
              gboolean    large_text)
{
  g_autoptr(UiTestEnv) env = ui_test_env_new_full (FALSE,
                                                   "languages = qps;id;en\n"
                                                   "default-language = qps\n"
                                                   "idle-timeout = 600",
                                                   NULL);
  LoketWindow *window = ui_test_window_new (env, width, height);
  Findings f = { g_ptr_array_new_with_free_func (g_free),
                 g_ptr_array_new_with_free_func (g_free), 0, NULL, width, height };
  g_auto(GStrv) names = NULL;
  LoketConfig *config = env->config;
  GLogLevelFlags fatal_mask;
  guint pages = 0;

  /* The language buttons show each language's own name, which is data, not a translation. */
  for (guint i = 0; config->languages[i] != NULL; i++)
    g_ptr_array_add (data_texts, g_strdup (loket_language_endonym (config->languages[i])));

  layout_root = GTK_WIDGET (window);
  fatal_mask = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (window)), large_text, FALSE);
  go (window, "flow.language", pseudo_language);
  ui_test_wait_for_page (window, "welcome");
  check_text (&f, "window title", gtk_window_get_title (GTK_WINDOW (window)));
  visit (&f, window, "welcome", orientation);
  pages++;

  go (window, "flow.next", NULL);
  ui_test_wait_for_page (window, "choose");
  g_signal_emit_by_name (loket_choose_page_get_tile (LOKET_CHOOSE_PAGE (loket_window_get_page (window)),
                                                     "birth"), "clicked");
  ui_test_pump (200);

  names = loket_flow_dup_names (loket_window_get_flow (window));
  for (guint i = 1; names[i] != NULL; i++)
    {
      go (window, "flow.goto", names[i]);
      ui_test_wait_for_page (window, names[i]);
      visit (&f, window, names[i], orientation);
      pages++;
    }

  go (window, "flow.goto", "track");
  ui_test_wait_for_page (window, "track");
  visit (&f, window, "track", orientation);
  pages++;

  /* A window that grew past the screen is cut off by the screen. */
  if (gtk_widget_get_width (GTK_WIDGET (window)) > width ||
      gtk_widget_get_height (GTK_WIDGET (window)) > height)
    g_ptr_array_add (f.cut, g_strdup_printf ("the %s window grew to %d×%d, the screen is %d×%d",
                                             orientation,
                                             gtk_widget_get_width (GTK_WIDGET (window)),
                                             gtk_widget_get_height (GTK_WIDGET (window)),
                                             width, height));

  g_test_message ("%s: %u pages visited", orientation, pages);
  g_assert_cmpuint (pages, >=, 3);
  take_layout_problems (&f, orientation);
  report (&f, orientation);
  findings_clear (&f);
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (window)), FALSE, FALSE);
  ui_test_window_destroy (window);
  layout_root = NULL;
  g_log_set_always_fatal (fatal_mask);
  for (guint i = 0; i < other_warnings->len; i++)
    g_test_message ("warning: %s", (char *) other_warnings->pdata[i]);
  g_assert_cmpuint (other_warnings->len, ==, 0);
}

static void
test_window_portrait (void)
{
  check_window (1080, 1920, "portrait", FALSE);
}

static void
test_window_landscape (void)
{
  check_window (1920, 1080, "landscape", FALSE);
}

/* Large text: everything 1.4 times, a third more words. In landscape the keyboard sits
 * beside the form fields; in portrait rows of buttons that no longer fit side by side (the
 * Welcome page's languages, the consent page's answers) stack instead (LoketButtonRow). */
static void
test_window_landscape_large (void)
{
  check_window (1920, 1080, "landscape-large", TRUE);
}

static void
test_window_portrait_large (void)
{
  check_window (1080, 1920, "portrait-large", TRUE);
}


static void
test_keyboard (void)
{
  static const struct {
    LoketKeyboardKind kind;
    const char *name;
  } layouts[] = {
    { LOKET_KEYBOARD_TEXT, "text" },
    { LOKET_KEYBOARD_EMAIL, "email" },
    { LOKET_KEYBOARD_DIGITS, "digits" },
  };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *kbd = loket_keyboard_new ();
  Findings f = { g_ptr_array_new_with_free_func (g_free),
                 g_ptr_array_new_with_free_func (g_free), 0 };

  gtk_window_set_default_size (window, 1080, 700);
  gtk_window_set_child (window, kbd);
  gtk_window_present (window);
  wait_until_mapped (GTK_WIDGET (window));

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      g_autofree char *where = g_strdup_printf ("keyboard '%s'", layouts[i].name);
      g_autofree char *png = g_strdup_printf ("pseudo-keyboard-%s.png", layouts[i].name);

      loket_keyboard_set_kind (LOKET_KEYBOARD (kbd), layouts[i].kind);
      run_for (150);
      walk (&f, kbd, kbd, where);
      save_png (GTK_WIDGET (window), png);
    }

  report (&f, "keyboard");
  findings_clear (&f);
  gtk_window_destroy (window);
}

/* The catalog's strings come through their own text domain, bound from the catalog's locale
 * folder (here the pseudo one, through LOKET_CATALOG_LOCALEDIR). */
static void
test_catalog (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("LOKET_SOURCE_DIR"), "data", "catalog",
                                           NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketCatalog) catalog = loket_catalog_load (dir, NULL, &error);
  GPtrArray *strings;
  Findings f = { g_ptr_array_new_with_free_func (g_free),
                 g_ptr_array_new_with_free_func (g_free), 0 };

  g_assert_no_error (error);
  strings = loket_catalog_get_strings (catalog);
  g_assert_cmpuint (strings->len, >, 0);
  for (guint i = 0; i < strings->len; i++)
    {
      const LoketCatalogString *s = strings->pdata[i];
      g_autofree char *where = g_strdup_printf ("%s: %s", s->file, s->path);

      check_text (&f, where, C_CATALOG (s->msgid));
    }

  report (&f, "catalog");
  findings_clear (&f);
}

/* Loket's own formatting asks gettext first in the current language, so its words are
 * translatable too; digits and separators are not words. */
static void
test_format (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (17, G_DATE_AUGUST, 2026);
  g_autoptr(GDateTime) datetime = g_date_time_new_local (2026, 8, 17, 9, 5, 0);
  g_autofree char *long_date = loket_format_date (NULL, date);
  g_autofree char *short_date = loket_format_date_short (NULL, date);
  g_autofree char *date_time = loket_format_date_time (NULL, datetime);
  g_autofree char *free_fee = loket_format_money (NULL, 0);
  g_autofree char *fee = loket_format_money (NULL, 50000);
  g_autofree char *one_day = loket_format_working_days (NULL, 1);
  g_autofree char *days = loket_format_working_days (NULL, 3);
  Findings f = { g_ptr_array_new_with_free_func (g_free),
                 g_ptr_array_new_with_free_func (g_free), 0 };

  g_assert_true (g_str_has_prefix (long_date, "17 ["));
  check_text (&f, "date", long_date);
  check_text (&f, "date and time", date_time);
  check_text (&f, "free", free_fee);
  check_text (&f, "fee", fee);
  check_text (&f, "one working day", one_day);
  check_text (&f, "working days", days);
  check_text (&f, "weekday", loket_format_weekday_name (NULL, G_DATE_MONDAY));
  g_assert_cmpstr (short_date, ==, "17/08/2026");
  g_assert_true (g_str_has_prefix (days, "[3 "));
  g_assert_true (g_str_has_prefix (one_day, "[1 "));
  report (&f, "format");
  findings_clear (&f);
}

/* The checker itself must be able to fail. */
static void
test_checker (void)
{
  static const struct {
    const char *text;
    gboolean ok;
  } cases[] = {
    { "[Ŵéļçöɱé ···]", TRUE },
    { "Welcome", FALSE },
    { "[Šŧéþ ·] 2 [öƒ ·] 5", TRUE },
    { "[Çöđé ··]: KD7M-2Q9P-XA4T-3", TRUE },
    { "Rp 50.000", TRUE },
    { "[Ŧöŧåļ ··]: Rp 50.000", TRUE },
    { "Total: Rp 50.000", FALSE },
    { "a", TRUE },
    { ".co.id", TRUE },
    { "12/A", TRUE },
    { "XXXX-XXXX-XXXX-X", TRUE },
    { "A+", TRUE },
    { "DD-MM-YYYY", FALSE },
    { "No", FALSE },
    { "[[Ĵåñ ·] ·] Start", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = untranslated_words (cases[i].text);

      g_test_message ("%s -> %s", cases[i].text, problem != NULL ? problem : "ok");
      g_assert_cmpint (problem == NULL, ==, cases[i].ok);
    }
}

/* The walk finds a hard-coded label and an ellipsized one: the window tests can fail. */
static void
test_walk_fails (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cut = gtk_label_new (_("Apply for several public services at once, and track them with one code."));
  Findings f = { g_ptr_array_new_with_free_func (g_free),
                 g_ptr_array_new_with_free_func (g_free), 0 };

  gtk_label_set_ellipsize (GTK_LABEL (cut), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Start")));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hard-coded words"));
  gtk_box_append (GTK_BOX (box), cut);
  gtk_window_set_default_size (window, 200, 200);
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  wait_until_mapped (GTK_WIDGET (window));

  walk (&f, box, box, "self-test");
  g_assert_cmpuint (f.texts, ==, 3);
  g_assert_cmpuint (f.untranslated->len, ==, 1);
  g_assert_true (strstr (f.untranslated->pdata[0], "'Hard-coded'") != NULL);
  g_assert_cmpuint (f.cut->len, ==, 1);
  g_assert_true (strstr (f.cut->pdata[0], "ellipsized") != NULL);

  findings_clear (&f);
  gtk_window_destroy (window);
}

/* A row of a title beside a framed step, in a column too short for it: GTK reports the
 * overlap, and the test keeps it as a finding (so the window tests can fail on one). The
 * header's way, the step inside a vertical box, gives none (see loket-window.ui). */
static guint
overlaps_of_title_row (gboolean step_in_box)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *title = gtk_label_new (_("Start"));
  GtkWidget *step = gtk_label_new (_("Back"));
  GLogLevelFlags fatal_mask;
  int minimum;
  guint found;

  gtk_widget_add_css_class (GTK_WIDGET (window), "loket");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "loket-page-title");
  gtk_widget_add_css_class (step, "loket-step");
  gtk_widget_set_valign (step, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), title);
  if (step_in_box)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), step);
      gtk_box_append (GTK_BOX (row), box);
    }
  else
    {
      gtk_box_append (GTK_BOX (row), step);
    }
  gtk_box_append (GTK_BOX (column), row);
  gtk_window_set_child (window, column);

  layout_root = GTK_WIDGET (window);
  fatal_mask = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  gtk_window_present (window);
  wait_until_mapped (GTK_WIDGET (window));
  gtk_widget_measure (column, GTK_ORIENTATION_HORIZONTAL, 1, &minimum, NULL, NULL, NULL);
  g_log_set_always_fatal (fatal_mask);
  layout_root = NULL;

  found = layout_problems->len;
  for (guint i = 0; i < layout_problems->len; i++)
    g_test_message ("overlap: %s", (char *) layout_problems->pdata[i]);
  g_ptr_array_set_size (layout_problems, 0);
  gtk_window_destroy (window);

  return found;
}

static void
test_overlap_found (void)
{
  g_assert_cmpuint (overlaps_of_title_row (FALSE), >, 0);
  g_assert_cmpuint (overlaps_of_title_row (TRUE), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  pseudo_language = g_getenv ("LOKET_PSEUDO_LANGUAGE");

  g_log_set_writer_func (keep_layout_problems, NULL, NULL);
  data_texts = g_ptr_array_new_with_free_func (g_free);
  layout_problems = g_ptr_array_new_with_free_func (g_free);
  other_warnings = g_ptr_array_new_with_free_func (g_free);
  ui_test_init (&argc, &argv);

  g_test_add_func ("/pseudo/checker", test_checker);
  if (pseudo_language == NULL)
    {
      g_printerr ("LOKET_PSEUDO_LANGUAGE is not set: run this test through tests/i18n/run-pseudo\n");
      return 1;
    }
  loket_i18n_set_language (pseudo_language);

  g_test_add_func ("/pseudo/walk-fails", test_walk_fails);
  g_test_add_func ("/pseudo/overlap-found", test_overlap_found);
  g_test_add_func ("/pseudo/catalog", test_catalog);
  g_test_add_func ("/pseudo/format", test_format);
  g_test_add_func ("/pseudo/keyboard", test_keyboard);
  g_test_add_func ("/pseudo/window-portrait", test_window_portrait);
  g_test_add_func ("/pseudo/window-landscape", test_window_landscape);
  g_test_add_func ("/pseudo/window-landscape-large", test_window_landscape_large);
  g_test_add_func ("/pseudo/window-portrait-large", test_window_portrait_large);

  return g_test_run ();
}
