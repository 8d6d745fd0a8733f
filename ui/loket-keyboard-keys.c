/* loket-keyboard-keys.c — the keyboard's keys: the layouts, the words on and for each key,
 * and the buttons built from them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layouts, chosen by the field's LoketKeyboardKind:
 *  - text: digits row, QWERTY, shift, space, and the punctuation of names and addresses
 *    (. , - ' / #): enough for "Jl. Melati No. 12/A, RT 005";
 *  - email: no shift (addresses are sent in lower case), @ . _ - and keys for the endings
 *    most typed in Indonesia (.co.id, .go.id, .com);
 *  - digits: a big keypad, 0–9 and backspace only. Dates are typed as digits too: the date
 *    field puts the separators in itself, so the keypad needs no "-" or "/" key that a
 *    citizen could put in the wrong place (or into a NIK);
 *  - phone: the keypad and a "+", so a number can be typed as it is written abroad,
 *    "+62 812 3456 7890", as well as "0812 3456 7890". Only phone fields have it.
 */
#define G_LOG_DOMAIN "loket-keyboard"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-keyboard-private.h"

/* A key: a button that knows which key of the layout it is, and the name it was last given
 * (GTK 4.8 cannot read an accessible name back, and tests ask for it). */
struct _LoketKeyboardKey
{
  GtkButton          parent_instance;

  const LoketKeyDef *def;
  char              *name;
};

G_DEFINE_FINAL_TYPE (LoketKeyboardKey, loket_keyboard_key, GTK_TYPE_BUTTON)

static void
loket_keyboard_key_finalize (GObject *object)
{
  LoketKeyboardKey *self = LOKET_KEYBOARD_KEY (object);

  g_free (self->name);

  G_OBJECT_CLASS (loket_keyboard_key_parent_class)->finalize (object);
}

static void
loket_keyboard_key_class_init (LoketKeyboardKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_keyboard_key_finalize;
}

static void
loket_keyboard_key_init (LoketKeyboardKey *self)
{
}

#define K(t)        { LOKET_KEY_CHAR, t, 2 }
#define KW(t, n)    { LOKET_KEY_CHAR, t, n }
#define KS(kind, n) { LOKET_KEY_ ## kind, NULL, n }
#define ROW_END     { LOKET_KEY_END, NULL, 0 }

static const LoketKeyDef text_rows[][LOKET_KEYBOARD_MAX_ROW] = {
  { K ("1"), K ("2"), K ("3"), K ("4"), K ("5"), K ("6"), K ("7"), K ("8"), K ("9"), K ("0"),
    KS (BACKSPACE, 2), ROW_END },
  { K ("q"), K ("w"), K ("e"), K ("r"), K ("t"), K ("y"), K ("u"), K ("i"), K ("o"), K ("p"),
    ROW_END },
  { K ("a"), K ("s"), K ("d"), K ("f"), K ("g"), K ("h"), K ("j"), K ("k"), K ("l"), K ("'"),
    ROW_END },
  { KS (SHIFT, 2), K ("z"), K ("x"), K ("c"), K ("v"), K ("b"), K ("n"), K ("m"), K (","),
    K ("."), K ("-"), ROW_END },
  { K ("/"), K ("#"), KS (SPACE, 10), KS (HIDE, 4), KS (DONE, 4), ROW_END },
};

static const LoketKeyDef email_rows[][LOKET_KEYBOARD_MAX_ROW] = {
  { K ("1"), K ("2"), K ("3"), K ("4"), K ("5"), K ("6"), K ("7"), K ("8"), K ("9"), K ("0"),
    KS (BACKSPACE, 2), ROW_END },
  { K ("q"), K ("w"), K ("e"), K ("r"), K ("t"), K ("y"), K ("u"), K ("i"), K ("o"), K ("p"),
    ROW_END },
  { K ("a"), K ("s"), K ("d"), K ("f"), K ("g"), K ("h"), K ("j"), K ("k"), K ("l"), K ("@"),
    ROW_END },
  { K ("z"), K ("x"), K ("c"), K ("v"), K ("b"), K ("n"), K ("m"), K ("."), K ("_"), K ("-"),
    ROW_END },
  { KW (".co.id", 4), KW (".go.id", 4), KW (".com", 4), KS (HIDE, 4), KS (DONE, 4),
    ROW_END },
};

static const LoketKeyDef digits_rows[][LOKET_KEYBOARD_MAX_ROW] = {
  { K ("1"), K ("2"), K ("3"), ROW_END },
  { K ("4"), K ("5"), K ("6"), ROW_END },
  { K ("7"), K ("8"), K ("9"), ROW_END },
  { KS (HIDE, 2), K ("0"), KS (BACKSPACE, 2), ROW_END },
  { KS (DONE, 6), ROW_END },
};

/* The "+" sits where phones put it, left of the 0 (a long press there on a phone); Hide
 * moves down beside Done. */
static const LoketKeyDef phone_rows[][LOKET_KEYBOARD_MAX_ROW] = {
  { K ("1"), K ("2"), K ("3"), ROW_END },
  { K ("4"), K ("5"), K ("6"), ROW_END },
  { K ("7"), K ("8"), K ("9"), ROW_END },
  { K ("+"), K ("0"), KS (BACKSPACE, 2), ROW_END },
  { KS (HIDE, 2), KS (DONE, 4), ROW_END },
};

const LoketKeyboardLayout loket_keyboard_layouts[LOKET_KEYBOARD_N_LAYOUTS] = {
  [LOKET_KEYBOARD_NONE] = { NULL, NULL, 0, 0 },
  [LOKET_KEYBOARD_TEXT] = { "text", text_rows, G_N_ELEMENTS (text_rows), 22 },
  [LOKET_KEYBOARD_EMAIL] = { "email", email_rows, G_N_ELEMENTS (email_rows), 22 },
  [LOKET_KEYBOARD_DIGITS] = { "digits", digits_rows, G_N_ELEMENTS (digits_rows), 6 },
  [LOKET_KEYBOARD_PHONE] = { "phone", phone_rows, G_N_ELEMENTS (phone_rows), 6 },
};

gboolean
loket_keyboard_key_is_letter (const char *text)
{
  return text != NULL &&
         g_utf8_strlen (text, -1) == 1 &&
         g_unichar_isalpha (g_utf8_get_char (text));
}

/* The names a screen reader speaks for the punctuation keys; digits and endings such as
 * ".co.id" are spoken as they are written. */
static const struct {
  const char *name;
  const char *text;
} punctuation_names[] = {
  /* Translators: the spoken name of the "." key. */
  { NC_("key", "full stop"), "." },
  /* Translators: the spoken name of the "," key. */
  { NC_("key", "comma"), "," },
  /* Translators: the spoken name of the "-" key. */
  { NC_("key", "hyphen"), "-" },
  /* Translators: the spoken name of the "'" key. */
  { NC_("key", "apostrophe"), "'" },
  /* Translators: the spoken name of the "/" key. */
  { NC_("key", "slash"), "/" },
  /* Translators: the spoken name of the "#" key. */
  { NC_("key", "number sign"), "#" },
  /* Translators: the spoken name of the "@" key. */
  { NC_("key", "at sign"), "@" },
  /* Translators: the spoken name of the "_" key. */
  { NC_("key", "underscore"), "_" },
  /* Translators: the spoken name of the "+" key of the phone keypad, which starts a
   * number with its country code, as in +62. */
  { NC_("key", "plus sign"), "+" },
};

static const char *
punctuation_name (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (punctuation_names); i++)
    {
      if (g_str_equal (text, punctuation_names[i].text))
        return g_dpgettext2 (GETTEXT_PACKAGE, "key", punctuation_names[i].name);
    }

  return NULL;
}

/**
 * loket_keyboard_key_describe:
 * @def: a key
 * @shift: the state of the shift key
 * @label: (out): the label a citizen reads on the key
 * @name: (out): the name a screen reader speaks
 */
void
loket_keyboard_key_describe (const LoketKeyDef   *def,
                             LoketKeyboardShift   shift,
                             char               **label,
                             char               **name)
{
  gboolean upper = shift != LOKET_KEYBOARD_SHIFT_OFF;

  switch (def->kind)
    {
    case LOKET_KEY_CHAR:
      if (loket_keyboard_key_is_letter (def->text))
        {
          g_autofree char *shown = upper ? g_utf8_strup (def->text, -1) : g_strdup (def->text);

          if (upper)
            /* Translators: the spoken name of a letter key while shift is on; %s is it. */
            *name = g_strdup_printf (_("capital letter %s"), shown);
          else
            /* Translators: the spoken name of a letter key; %s is the letter. */
            *name = g_strdup_printf (_("letter %s"), shown);
          *label = g_steal_pointer (&shown);
        }
      else
        {
          const char *spoken = punctuation_name (def->text);

          *label = g_strdup (def->text);
          *name = g_strdup (spoken != NULL ? spoken : def->text);
        }
      break;

    case LOKET_KEY_SHIFT:
      /* Locked capitals show the caps lock arrow, so the two states differ in shape too. */
      *label = g_strdup (shift == LOKET_KEYBOARD_SHIFT_LOCKED ? "⇪" : "⇧");
      /* Translators: the key that types the next letter as a capital. */
      *name = g_strdup (_("Shift"));
      break;

    case LOKET_KEY_BACKSPACE:
      *label = g_strdup ("⌫");
      /* Translators: the key that deletes the character before the cursor. */
      *name = g_strdup (_("Backspace"));
      break;

    case LOKET_KEY_SPACE:
      /* Translators: the label of the space bar. */
      *label = g_strdup (_("Space"));
      *name = g_strdup (*label);
      break;

    case LOKET_KEY_DONE:
      /* Translators: the on-screen keyboard's Enter key: it ends typing into a field and
       * goes to the next question. Its own word, not the receipt's "Finish" nor a part's
       * "Completed"; the arrow is the Enter sign. */
      *label = g_strdup (_("Next field ↵"));
      *name = g_strdup (*label);
      break;

    case LOKET_KEY_HIDE:
      /* Translators: the short label of the key that hides the on-screen keyboard. */
      *label = g_strdup (_("Hide"));
      *name = g_strdup (_("Hide keyboard"));
      break;

    case LOKET_KEY_END:
    default:
      g_assert_not_reached ();
    }
}

/**
 * loket_keyboard_key_update:
 * @button: a key of loket_keyboard_build_layout()
 * @shift: the state of the shift key
 *
 * Sets the key's label and its spoken name (again), and shows the state of a shift key.
 */
void
loket_keyboard_key_update (GtkWidget          *button,
                           LoketKeyboardShift  shift)
{
  LoketKeyboardKey *key = LOKET_KEYBOARD_KEY (button);
  const LoketKeyDef *def = key->def;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  loket_keyboard_key_describe (def, shift, &label, &name);
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  /* GTK 4.8 cannot read an accessible name back: keep our own copy for tests. */
  g_free (key->name);
  key->name = g_steal_pointer (&name);

  /* "Next field ↵" is words: in a longer language (or large text) they go onto two lines
   * rather than widen the keyboard past the screen. */
  if (def->kind == LOKET_KEY_DONE && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (button))))
    {
      GtkLabel *child = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

      gtk_label_set_wrap (child, TRUE);
      gtk_label_set_justify (child, GTK_JUSTIFY_CENTER);
    }

  if (def->kind == LOKET_KEY_SHIFT)
    {
      if (shift == LOKET_KEYBOARD_SHIFT_OFF)
        gtk_widget_remove_css_class (button, "loket-key-active");
      else
        gtk_widget_add_css_class (button, "loket-key-active");

      if (shift == LOKET_KEYBOARD_SHIFT_LOCKED)
        gtk_widget_add_css_class (button, "loket-key-locked");
      else
        gtk_widget_remove_css_class (button, "loket-key-locked");

      gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                                   GTK_ACCESSIBLE_STATE_PRESSED,
                                   shift == LOKET_KEYBOARD_SHIFT_OFF
                                     ? GTK_ACCESSIBLE_TRISTATE_FALSE
                                     : GTK_ACCESSIBLE_TRISTATE_TRUE,
                                   -1);
    }
}

static GtkWidget *
key_new (const LoketKeyDef *def)
{
  LoketKeyboardKey *key = g_object_new (LOKET_TYPE_KEYBOARD_KEY, NULL);
  GtkWidget *button = GTK_WIDGET (key);

  key->def = def;
  /* The field being typed into keeps the focus and its caret. */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "loket-key");

  switch (def->kind)
    {
    case LOKET_KEY_CHAR:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.type");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", def->text);
      if (!loket_keyboard_key_is_letter (def->text) && !g_ascii_isdigit (def->text[0]) &&
          def->span > 2)
        gtk_widget_add_css_class (button, "loket-key-ending");
      break;

    case LOKET_KEY_SPACE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.type");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", " ");
      gtk_widget_add_css_class (button, "loket-key-space");
      break;

    case LOKET_KEY_SHIFT:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.shift");
      gtk_widget_add_css_class (button, "loket-key-function");
      break;

    case LOKET_KEY_BACKSPACE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.backspace");
      gtk_widget_add_css_class (button, "loket-key-function");
      break;

    case LOKET_KEY_HIDE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.hide");
      gtk_widget_add_css_class (button, "loket-key-function");
      break;

    case LOKET_KEY_DONE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.done");
      /* Secondary: the footer's Next is the page's one primary action. */
      gtk_widget_add_css_class (button, "loket-key-done");
      break;

    case LOKET_KEY_END:
    default:
      g_assert_not_reached ();
    }

  loket_keyboard_key_update (button, LOKET_KEYBOARD_SHIFT_OFF);

  return button;
}

/**
 * loket_keyboard_build_layout:
 * @kind: a layout
 * @grid: the (empty) grid of its stack page
 *
 * Returns: (transfer container): the keys put into @grid, in reading order
 */
GPtrArray *
loket_keyboard_build_layout (LoketKeyboardKind  kind,
                             GtkGrid           *grid)
{
  const LoketKeyboardLayout *layout = &loket_keyboard_layouts[kind];
  GPtrArray *keys = g_ptr_array_new ();

  for (guint r = 0; r < layout->n_rows; r++)
    {
      const LoketKeyDef *row = layout->rows[r];
      guint width = 0;
      guint column;

      for (guint k = 0; row[k].kind != LOKET_KEY_END; k++)
        width += row[k].span;

      g_assert (width <= layout->columns);

      /* Shorter rows sit in the middle, as on a real keyboard. */
      column = (layout->columns - width) / 2;
      for (guint k = 0; row[k].kind != LOKET_KEY_END; k++)
        {
          GtkWidget *button = key_new (&row[k]);

          gtk_grid_attach (grid, button, column, r, row[k].span, 1);
          g_ptr_array_add (keys, button);
          column += row[k].span;
        }
    }

  return keys;
}

/**
 * loket_keyboard_key_shows_shift:
 * @button: a key of loket_keyboard_build_layout()
 *
 * Returns: whether the key looks different with shift on: a letter, or shift itself
 */
gboolean
loket_keyboard_key_shows_shift (GtkWidget *button)
{
  const LoketKeyDef *def = LOKET_KEYBOARD_KEY (button)->def;

  return def->kind == LOKET_KEY_SHIFT ||
         (def->kind == LOKET_KEY_CHAR && loket_keyboard_key_is_letter (def->text));
}

/**
 * loket_keyboard_key_get_name:
 * @key: a key button from loket_keyboard_get_keys()
 *
 * Returns: the accessible label last given to @key, as a screen reader speaks it
 */
const char *
loket_keyboard_key_get_name (GtkWidget *key)
{
  g_return_val_if_fail (LOKET_IS_KEYBOARD_KEY (key), NULL);

  return LOKET_KEYBOARD_KEY (key)->name;
}
