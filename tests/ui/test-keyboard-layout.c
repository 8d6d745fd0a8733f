/* test-keyboard-layout.c — where the on-screen keyboard goes and how big its keys are: keys
 * of at least 64 px in every theme, below the footer on a portrait screen and beside the
 * content on a landscape one (LoketBands), the focused field never under the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "keyboard-test.h"
#include "loket-bands.h"
#include "loket-theme.h"
#include "ui-test-util.h"

/* Measures every key of every layout in one theme: none smaller than 64×64, all inside the
 * window. Returns the height of the text layout's "a" key. */
static double
check_key_sizes (GtkWindow     *window,
                 LoketKeyboard *kbd,
                 const char    *theme)
{
  int window_width = gtk_widget_get_width (GTK_WIDGET (window));
  const LoketKeyboardKind kinds[] = {
    LOKET_KEYBOARD_TEXT, LOKET_KEYBOARD_EMAIL, LOKET_KEYBOARD_DIGITS, LOKET_KEYBOARD_PHONE,
  };
  const char *kind_names[] = { "text", "email", "digits", "phone" };
  double a_height = 0;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) keys = NULL;
      g_autofree char *png = NULL;
      graphene_rect_t kbd_bounds;

      loket_keyboard_set_kind (kbd, kinds[k]);
      /* The new layout's keys are allocated. */
      ui_test_wait_frame (GTK_WIDGET (window));

      /* The keyboard fits a portrait screen: the window did not have to grow. */
      if (gtk_widget_get_width (GTK_WIDGET (window)) != window_width)
        g_error ("%s theme, %s layout: the window grew to %d px wide",
                 theme, kind_names[k], gtk_widget_get_width (GTK_WIDGET (window)));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (kbd), GTK_WIDGET (window),
                                                &kbd_bounds));
      g_assert_cmpfloat (kbd_bounds.origin.x, >=, 0);
      g_assert_cmpfloat (kbd_bounds.origin.x + kbd_bounds.size.width, <=,
                         gtk_widget_get_width (GTK_WIDGET (window)));
      g_assert_cmpint (loket_keyboard_get_height (kbd), ==, (int) kbd_bounds.size.height);

      keys = loket_keyboard_get_keys (kbd, kinds[k]);
      for (guint i = 0; i < keys->len; i++)
        {
          GtkWidget *key = g_ptr_array_index (keys, i);
          graphene_rect_t b;

          g_assert_true (gtk_widget_get_mapped (key));
          g_assert_true (gtk_widget_compute_bounds (key, GTK_WIDGET (window), &b));
          if (b.size.width < 64 || b.size.height < 64)
            g_error ("%s theme, %s layout: key '%s' is %.0f×%.0f px",
                     theme, kind_names[k], gtk_button_get_label (GTK_BUTTON (key)),
                     b.size.width, b.size.height);
          g_assert_cmpfloat (b.origin.x, >=, kbd_bounds.origin.x);
          g_assert_cmpfloat (b.origin.x + b.size.width, <=,
                             kbd_bounds.origin.x + kbd_bounds.size.width);
          g_assert_cmpfloat (b.origin.y + b.size.height, <=,
                             kbd_bounds.origin.y + kbd_bounds.size.height);

          if (kinds[k] == LOKET_KEYBOARD_TEXT &&
              g_strcmp0 (gtk_button_get_label (GTK_BUTTON (key)), "a") == 0)
            a_height = b.size.height;
        }

      png = g_strdup_printf ("keyboard-%s-%s.png", kind_names[k], theme);
      save_png (GTK_WIDGET (kbd), png);
    }

  return a_height;
}

static void
test_keyboard_sizes (void)
{
  GtkWindow *window = kiosk_window (1080, 1920);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *filler = gtk_label_new ("Nama lengkap");
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  double normal, large;

  gtk_widget_set_vexpand (filler, TRUE);
  gtk_box_append (GTK_BOX (box), filler);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  present_and_wait (window);

  loket_theme_set (display, FALSE, FALSE);
  normal = check_key_sizes (window, kbd, "default");

  /* Capitals locked: capital labels and a marked shift key. */
  loket_keyboard_set_kind (kbd, LOKET_KEYBOARD_TEXT);
  gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL);
  gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL);
  g_assert_cmpint (loket_keyboard_get_shift (kbd), ==, LOKET_KEYBOARD_SHIFT_LOCKED);
  ui_test_wait_frame (GTK_WIDGET (kbd));
  save_png (GTK_WIDGET (kbd), "keyboard-text-caps-lock-default.png");
  gtk_widget_activate_action (GTK_WIDGET (kbd), "kbd.shift", NULL);

  loket_theme_set (display, TRUE, FALSE);
  large = check_key_sizes (window, kbd, "large-text");
  g_test_message ("key height: %.0f px default, %.0f px large text", normal, large);
  g_assert_cmpfloat (large / normal, >=, 1.3);
  g_assert_cmpfloat (large / normal, <=, 1.5);

  loket_theme_set (display, FALSE, TRUE);
  check_key_sizes (window, kbd, "high-contrast");

  loket_theme_set (display, TRUE, TRUE);
  check_key_sizes (window, kbd, "large-high-contrast");

  loket_theme_set (display, FALSE, FALSE);
  gtk_window_destroy (window);
}

static void
test_keyboard_landscape (void)
{
  GtkWindow *window = kiosk_window (1920, 1080);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *filler = gtk_label_new ("Nama lengkap");
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GtkWidget *key_q, *key_p;
  graphene_rect_t q, p;

  gtk_widget_set_vexpand (filler, TRUE);
  gtk_box_append (GTK_BOX (box), filler);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  present_and_wait (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 1920);

  check_key_sizes (window, kbd, "landscape-default");

  /* The keys stay together in the middle of a wide screen, within reach of one hand. */
  loket_keyboard_set_kind (kbd, LOKET_KEYBOARD_TEXT);
  ui_test_wait_frame (GTK_WIDGET (window));
  key_q = find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "q");
  key_p = find_key (kbd, LOKET_KEYBOARD_TEXT, "kbd.type", "p");
  g_assert_true (gtk_widget_compute_bounds (key_q, GTK_WIDGET (window), &q));
  g_assert_true (gtk_widget_compute_bounds (key_p, GTK_WIDGET (window), &p));
  g_assert_cmpfloat (p.origin.x + p.size.width - q.origin.x, <=, 1280);
  g_assert_cmpfloat_with_epsilon (q.origin.x, 1920 - (p.origin.x + p.size.width), 2);

  gtk_window_destroy (window);
}

static void
height_changed_cb (LoketKeyboard *kbd,
                   int            height,
                   int           *last)
{
  *last = height;
}

static void
assert_above_keyboard (GtkWindow     *window,
                       GtkWidget     *scroller,
                       GtkWidget     *entry,
                       LoketKeyboard *kbd)
{
  graphene_rect_t e, s, k;

  g_assert_true (gtk_widget_compute_bounds (entry, GTK_WIDGET (window), &e));
  g_assert_true (gtk_widget_compute_bounds (scroller, GTK_WIDGET (window), &s));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (kbd), GTK_WIDGET (window), &k));

  g_test_message ("entry %.0f–%.0f, scroller %.0f–%.0f, keyboard from %.0f",
                  e.origin.y, e.origin.y + e.size.height,
                  s.origin.y, s.origin.y + s.size.height, k.origin.y);

  /* Wholly inside the visible part of the scroller, wholly above the keyboard. */
  g_assert_cmpfloat (e.origin.y, >=, s.origin.y);
  g_assert_cmpfloat (e.origin.y + e.size.height, <=, s.origin.y + s.size.height);
  g_assert_cmpfloat (e.origin.y + e.size.height, <=, k.origin.y);
}

static void
test_keyboard_field_stays_visible (void)
{
  GtkWindow *window = kiosk_window (1080, 1920);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  LoketKeyboard *kbd = LOKET_KEYBOARD (loket_keyboard_new ());
  GtkWidget *entries[30];
  int height = -1;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      entries[i] = gtk_entry_new ();
      gtk_box_append (GTK_BOX (form), entries[i]);
      loket_keyboard_attach_entry (kbd, GTK_EDITABLE (entries[i]),
                                   i % 3 == 2 ? LOKET_KEYBOARD_DIGITS : LOKET_KEYBOARD_TEXT);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), form);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (kbd));
  gtk_window_set_child (window, box);
  g_signal_connect (kbd, "height-changed", G_CALLBACK (height_changed_cb), &height);
  loket_keyboard_watch_window (kbd, window);
  present_and_wait (window);

  /* The form is taller than the screen, so it must scroll. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (
                       GTK_SCROLLED_WINDOW (scroller))), >, 1920);

  gtk_widget_grab_focus (entries[29]);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (kbd)) && height > 0, 5000);
  keyboard_test_wait_still (GTK_WIDGET (window), entries[29]);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  g_assert_cmpint (height, >, 300);
  g_assert_cmpint (height, ==, loket_keyboard_get_height (kbd));
  assert_above_keyboard (window, scroller, entries[29], kbd);

  /* Back to the top, then down to one just below the fold: each is brought into view. */
  gtk_widget_grab_focus (entries[0]);
  keyboard_test_wait_still (GTK_WIDGET (window), entries[0]);
  assert_above_keyboard (window, scroller, entries[0], kbd);

  gtk_widget_grab_focus (entries[20]);
  UI_TEST_WAIT_UNTIL (loket_keyboard_get_kind (kbd) == LOKET_KEYBOARD_DIGITS, 5000);
  keyboard_test_wait_still (GTK_WIDGET (window), entries[20]);
  g_assert_cmpint (loket_keyboard_get_kind (kbd), ==, LOKET_KEYBOARD_DIGITS);
  assert_above_keyboard (window, scroller, entries[20], kbd);

  /* In large text the keyboard grows; the field still stays above it. */
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (window)), TRUE, FALSE);
  gtk_widget_grab_focus (entries[28]);
  keyboard_test_wait_still (GTK_WIDGET (window), entries[28]);
  assert_above_keyboard (window, scroller, entries[28], kbd);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 1080);
  save_png (GTK_WIDGET (window), "keyboard-form-portrait-large-text.png");
  loket_theme_set (gtk_widget_get_display (GTK_WIDGET (window)), FALSE, FALSE);

  /* Hidden, it gives its height back. */
  tap (kbd, LOKET_KEYBOARD_TEXT, "kbd.hide", NULL);
  UI_TEST_WAIT_UNTIL (height == 0, 5000);

  gtk_window_destroy (window);
}

/* A window laid out as the kiosk's, in LoketBands: a header, a scrolled form of 30 fields,
 * a footer with Back and Next, and the keyboard. */
typedef struct {
  GtkWindow     *window;
  LoketBands    *bands;
  GtkWidget     *header;
  GtkWidget     *scroller;
  GtkWidget     *footer;
  GtkWidget     *next;
  LoketKeyboard *kbd;
  GtkWidget     *entries[30];
} Bands;

static void
bands_window (Bands *b,
              int    width,
              int    height)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *title = gtk_label_new ("Data Anak");
  GtkWidget *back = gtk_button_new_with_label ("Kembali");

  b->window = kiosk_window (width, height);
  b->bands = LOKET_BANDS (loket_bands_new ());
  b->kbd = LOKET_KEYBOARD (loket_keyboard_new ());

  b->header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (b->header, "loket-header");
  gtk_widget_add_css_class (title, "loket-page-title");
  gtk_box_append (GTK_BOX (b->header), gtk_label_new ("Mal Pelayanan Publik"));
  gtk_box_append (GTK_BOX (b->header), title);

  for (guint i = 0; i < G_N_ELEMENTS (b->entries); i++)
    {
      b->entries[i] = gtk_entry_new ();
      gtk_box_append (GTK_BOX (form), b->entries[i]);
      loket_keyboard_attach_entry (b->kbd, GTK_EDITABLE (b->entries[i]),
                                   i % 3 == 2 ? LOKET_KEYBOARD_DIGITS : LOKET_KEYBOARD_TEXT);
    }
  b->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (b->scroller), form);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (b->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  b->footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_add_css_class (b->footer, "loket-footer");
  b->next = gtk_button_new_with_label ("Lanjut");
  gtk_widget_set_hexpand (back, TRUE);
  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (b->footer), back);
  gtk_box_append (GTK_BOX (b->footer), b->next);

  loket_bands_set_header (b->bands, b->header);
  loket_bands_set_content (b->bands, b->scroller);
  loket_bands_set_footer (b->bands, b->footer);
  loket_bands_set_keyboard (b->bands, GTK_WIDGET (b->kbd));
  gtk_window_set_child (b->window, GTK_WIDGET (b->bands));
  loket_keyboard_watch_window (b->kbd, b->window);
  present_and_wait (b->window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (b->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (b->window)), ==, height);
}

static graphene_rect_t
bounds_of (GtkWidget *widget)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (gtk_widget_get_root (widget)),
                                            &r));
  return r;
}

static gboolean
overlap (const graphene_rect_t *a,
         const graphene_rect_t *b)
{
  return graphene_rect_intersection (a, b, NULL);
}

/* With entry focused and the keyboard up: the entry is whole in what the scroller shows and
 * apart from the keyboard, the Next button shows whole and apart from the keyboard, and the
 * keys of the layout on screen are at least 64 px high and inside the window. Also where
 * the keyboard is: beside the content between header and footer, or below the footer. */
static void
assert_bands (GtkWidget     *window,
              GtkWidget     *scroller,
              GtkWidget     *entry,
              GtkWidget     *next,
              LoketBands    *bands,
              LoketKeyboard *kbd,
              gboolean       beside,
              const char    *what)
{
  graphene_rect_t w = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                          gtk_widget_get_height (window));
  graphene_rect_t e = bounds_of (entry);
  graphene_rect_t s = bounds_of (scroller);
  graphene_rect_t k = bounds_of (GTK_WIDGET (kbd));
  graphene_rect_t n = bounds_of (next);
  graphene_rect_t h = bounds_of (loket_bands_get_header (bands));
  graphene_rect_t f = bounds_of (loket_bands_get_footer (bands));
  g_autoptr(GPtrArray) keys = loket_keyboard_get_keys (kbd, loket_keyboard_get_kind (kbd));

  g_test_message ("%s: entry %.0f,%.0f %.0f×%.0f; content %.0f,%.0f %.0f×%.0f; "
                  "keyboard %.0f,%.0f %.0f×%.0f; next %.0f,%.0f", what,
                  e.origin.x, e.origin.y, e.size.width, e.size.height,
                  s.origin.x, s.origin.y, s.size.width, s.size.height,
                  k.origin.x, k.origin.y, k.size.width, k.size.height, n.origin.x, n.origin.y);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kbd)));
  if (loket_bands_get_keyboard_beside (bands) != beside)
    g_error ("%s: the keyboard is %s, expected %s", what,
             beside ? "below the footer" : "beside the content",
             beside ? "beside the content" : "below the footer");

  /* The field: whole inside what its scroller shows, apart from the keyboard. */
  if (!graphene_rect_contains_rect (&s, &e) || overlap (&e, &k))
    g_error ("%s: the focused field is hidden or under the keyboard", what);

  /* Next: shown whole in the window, apart from the keyboard and the content. */
  g_assert_true (gtk_widget_get_visible (next));
  if (!graphene_rect_contains_rect (&w, &n) || overlap (&n, &k) || overlap (&n, &s))
    g_error ("%s: the Next button is covered or off the window", what);
  g_assert_false (overlap (&h, &k));
  g_assert_false (overlap (&f, &k));
  g_assert_true (graphene_rect_contains_rect (&w, &k));

  if (beside)
    {
      /* Right of the content, between header and footer; the footer stays at the foot. */
      g_assert_cmpfloat (k.origin.x, >=, s.origin.x + s.size.width - 0.5);
      g_assert_cmpfloat (k.origin.x + k.size.width, >=, w.size.width - 0.5);
      g_assert_cmpfloat (k.origin.y, >=, h.origin.y + h.size.height - 0.5);
      g_assert_cmpfloat (k.origin.y + k.size.height, <=, f.origin.y + 0.5);
      g_assert_cmpfloat_with_epsilon (f.origin.y + f.size.height, w.size.height, 0.5);
    }
  else
    {
      g_assert_cmpfloat (k.origin.y, >=, f.origin.y + f.size.height - 0.5);
      g_assert_cmpfloat_with_epsilon (k.origin.y + k.size.height, w.size.height, 0.5);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      graphene_rect_t key = bounds_of (g_ptr_array_index (keys, i));

      if (key.size.height < 64 || key.size.width < 64 || !graphene_rect_contains_rect (&k, &key))
        g_error ("%s: key '%s' is %.0f×%.0f px at %.0f,%.0f", what,
                 gtk_button_get_label (GTK_BUTTON (g_ptr_array_index (keys, i))),
                 key.size.width, key.size.height, key.origin.x, key.origin.y);
    }
}

static void
check_bands (Bands      *b,
             guint       entry,
             gboolean    beside,
             const char *what)
{
  gtk_widget_grab_focus (b->entries[entry]);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (b->kbd)), 5000);
  keyboard_test_wait_still (GTK_WIDGET (b->window), b->entries[entry]);
  assert_bands (GTK_WIDGET (b->window), b->scroller, b->entries[entry], b->next, b->bands,
                b->kbd, beside, what);
}

static void
test_keyboard_bands_landscape (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  Bands b;
  graphene_rect_t s;

  bands_window (&b, 1920, 1080);

  /* No field focused: no keyboard, and the content has the whole width. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (b.kbd)));
  g_assert_false (loket_bands_get_keyboard_beside (b.bands));
  g_assert_cmpint (gtk_widget_get_width (b.scroller), ==, 1920);

  check_bands (&b, 29, TRUE, "landscape, last field");
  check_bands (&b, 0, TRUE, "landscape, first field");
  check_bands (&b, 20, TRUE, "landscape, keypad");
  g_assert_cmpint (loket_keyboard_get_kind (b.kbd), ==, LOKET_KEYBOARD_DIGITS);
  s = bounds_of (b.scroller);
  g_assert_cmpfloat (s.size.width, >=, 1920 / 2);
  save_png (GTK_WIDGET (b.window), "keyboard-bands-landscape-default.png");

  loket_theme_set (display, TRUE, FALSE);
  check_bands (&b, 28, TRUE, "landscape, large text");
  save_png (GTK_WIDGET (b.window), "keyboard-bands-landscape-large-text.png");
  loket_theme_set (display, TRUE, TRUE);
  check_bands (&b, 1, TRUE, "landscape, large text, high contrast");
  save_png (GTK_WIDGET (b.window), "keyboard-bands-landscape-large-high-contrast.png");
  loket_theme_set (display, FALSE, FALSE);

  /* Hidden, it gives the width back. */
  tap (b.kbd, LOKET_KEYBOARD_TEXT, "kbd.hide", NULL);
  UI_TEST_WAIT_UNTIL (!loket_bands_get_keyboard_beside (b.bands), 5000);
  keyboard_test_wait_still (GTK_WIDGET (b.window), b.scroller);
  g_assert_cmpint (gtk_widget_get_width (b.scroller), ==, 1920);

  gtk_window_destroy (b.window);
}

static void
test_keyboard_bands_portrait (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  Bands b;

  bands_window (&b, 1080, 1920);
  check_bands (&b, 29, FALSE, "portrait, last field");
  check_bands (&b, 0, FALSE, "portrait, first field");
  check_bands (&b, 20, FALSE, "portrait, keypad");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (b.kbd)), ==, 1080);

  loket_theme_set (display, TRUE, TRUE);
  check_bands (&b, 28, FALSE, "portrait, large text, high contrast");
  save_png (GTK_WIDGET (b.window), "keyboard-bands-portrait-large-high-contrast.png");
  loket_theme_set (display, FALSE, FALSE);

  gtk_window_destroy (b.window);
}

/* Wider than tall, but too narrow for the content beside the keyboard: below the footer.
 * Taller than wide, but too short for the keyboard below the footer: beside. */
static void
test_keyboard_bands_fallback (void)
{
  Bands b;
  int keyboard_width, header, footer, keyboard_height, width, height;

  bands_window (&b, 1000, 900);
  gtk_widget_set_size_request (b.scroller, 400, -1);
  gtk_widget_grab_focus (b.entries[0]);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (b.kbd)), 5000);
  keyboard_test_wait_still (GTK_WIDGET (b.window), b.entries[0]);
  gtk_widget_measure (GTK_WIDGET (b.kbd), GTK_ORIENTATION_HORIZONTAL, -1, &keyboard_width,
                      NULL, NULL, NULL);
  g_assert_cmpint (keyboard_width + 400, >, 1000);
  assert_bands (GTK_WIDGET (b.window), b.scroller, b.entries[0], b.next, b.bands, b.kbd,
                FALSE, "wide but narrow");
  header = gtk_widget_get_height (b.header);
  footer = gtk_widget_get_height (b.footer);
  keyboard_height = gtk_widget_get_height (GTK_WIDGET (b.kbd));
  gtk_window_destroy (b.window);

  /* Room beside the keyboard for a content 250 px wide; the content asks for more height
   * than is left below the keyboard, but not more than the middle band has. */
  width = keyboard_width + 250;
  height = width + 100;
  bands_window (&b, width, height);
  gtk_widget_set_size_request (b.scroller, 200, height - header - footer - keyboard_height / 2);
  gtk_widget_grab_focus (b.entries[0]);
  UI_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (b.kbd)), 5000);
  keyboard_test_wait_still (GTK_WIDGET (b.window), b.entries[0]);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (b.window)), ==, height);
  assert_bands (GTK_WIDGET (b.window), b.scroller, b.entries[0], b.next, b.bands, b.kbd,
                TRUE, "tall but short");
  gtk_window_destroy (b.window);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/keyboard/sizes", test_keyboard_sizes);
  g_test_add_func ("/keyboard/landscape", test_keyboard_landscape);
  g_test_add_func ("/keyboard/field-stays-visible", test_keyboard_field_stays_visible);
  g_test_add_func ("/keyboard/bands-landscape", test_keyboard_bands_landscape);
  g_test_add_func ("/keyboard/bands-portrait", test_keyboard_bands_portrait);
  g_test_add_func ("/keyboard/bands-fallback", test_keyboard_bands_fallback);

  return g_test_run ();
}
