/* loket-keyboard.c — Loket's own on-screen keyboard and keypad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk runs under cage, which hosts no on-screen keyboard, so Loket brings its own.
 * It types into one target editable and never takes the focus from it: its keys are
 * buttons that cannot be focused, so the field keeps its caret, and a physical keyboard
 * or a USB barcode scanner keeps typing into the focused field as usual (nothing here
 * grabs a key). Every key is an action of the keyboard (`kbd.type`, `kbd.backspace`,
 * `kbd.shift`, `kbd.done`, `kbd.hide`), so tests press keys as a finger would.
 *
 * Layouts, chosen by the field's LoketKeyboardKind:
 *  - text: digits row, QWERTY, shift, space, and the punctuation of names and addresses
 *    (. , - ' / #): enough for "Jl. Melati No. 12/A, RT 005";
 *  - email: no shift (addresses are sent in lower case), @ . _ - and keys for the endings
 *    most typed in Indonesia (.co.id, .go.id, .com);
 *  - digits: a big keypad, 0–9 and backspace only. Dates are typed as digits too: the date
 *    field puts the separators in itself, so the keypad needs no "-" or "/" key that a
 *    citizen could put in the wrong place (or into a NIK).
 */
#define G_LOG_DOMAIN "loket-keyboard"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "loket-keyboard.h"

typedef enum {
  KEY_END,
  KEY_CHAR,
  KEY_SHIFT,
  KEY_BACKSPACE,
  KEY_SPACE,
  KEY_DONE,
  KEY_HIDE,
} KeyKind;

typedef struct {
  KeyKind     kind;
  const char *text;
  guint       span;  /* in grid columns; a plain key spans two */
} KeyDef;

#define K(t)        { KEY_CHAR, t, 2 }
#define KW(t, n)    { KEY_CHAR, t, n }
#define KS(kind, n) { kind, NULL, n }
#define ROW_END     { KEY_END, NULL, 0 }

static const KeyDef text_rows[][12] = {
  { K ("1"), K ("2"), K ("3"), K ("4"), K ("5"), K ("6"), K ("7"), K ("8"), K ("9"), K ("0"),
    KS (KEY_BACKSPACE, 2), ROW_END },
  { K ("q"), K ("w"), K ("e"), K ("r"), K ("t"), K ("y"), K ("u"), K ("i"), K ("o"), K ("p"),
    ROW_END },
  { K ("a"), K ("s"), K ("d"), K ("f"), K ("g"), K ("h"), K ("j"), K ("k"), K ("l"), K ("'"),
    ROW_END },
  { KS (KEY_SHIFT, 2), K ("z"), K ("x"), K ("c"), K ("v"), K ("b"), K ("n"), K ("m"), K (","),
    K ("."), K ("-"), ROW_END },
  { K ("/"), K ("#"), KS (KEY_SPACE, 10), KS (KEY_HIDE, 4), KS (KEY_DONE, 4), ROW_END },
};

static const KeyDef email_rows[][12] = {
  { K ("1"), K ("2"), K ("3"), K ("4"), K ("5"), K ("6"), K ("7"), K ("8"), K ("9"), K ("0"),
    KS (KEY_BACKSPACE, 2), ROW_END },
  { K ("q"), K ("w"), K ("e"), K ("r"), K ("t"), K ("y"), K ("u"), K ("i"), K ("o"), K ("p"),
    ROW_END },
  { K ("a"), K ("s"), K ("d"), K ("f"), K ("g"), K ("h"), K ("j"), K ("k"), K ("l"), K ("@"),
    ROW_END },
  { K ("z"), K ("x"), K ("c"), K ("v"), K ("b"), K ("n"), K ("m"), K ("."), K ("_"), K ("-"),
    ROW_END },
  { KW (".co.id", 4), KW (".go.id", 4), KW (".com", 4), KS (KEY_HIDE, 4), KS (KEY_DONE, 4),
    ROW_END },
};

static const KeyDef digits_rows[][12] = {
  { K ("1"), K ("2"), K ("3"), ROW_END },
  { K ("4"), K ("5"), K ("6"), ROW_END },
  { K ("7"), K ("8"), K ("9"), ROW_END },
  { KS (KEY_HIDE, 2), K ("0"), KS (KEY_BACKSPACE, 2), ROW_END },
  { KS (KEY_DONE, 6), ROW_END },
};

typedef struct {
  const char    *name;
  const KeyDef (*rows)[12];
  guint          n_rows;
  guint          columns;
} LayoutDef;

/* Indexed by LoketKeyboardKind; NONE has no layout. */
static const LayoutDef layouts[] = {
  [LOKET_KEYBOARD_NONE] = { NULL, NULL, 0, 0 },
  [LOKET_KEYBOARD_TEXT] = { "text", text_rows, G_N_ELEMENTS (text_rows), 22 },
  [LOKET_KEYBOARD_EMAIL] = { "email", email_rows, G_N_ELEMENTS (email_rows), 22 },
  [LOKET_KEYBOARD_DIGITS] = { "digits", digits_rows, G_N_ELEMENTS (digits_rows), 6 },
};

struct _LoketKeyboard
{
  GtkWidget           parent_instance;

  GtkEditable        *target;  /* weak */
  LoketKeyboardKind   kind;
  LoketKeyboardShift  shift;
  gint64              last_shift_usec;
  int                 height;
  guint               settle_id;
  guint               tick_id;
  gint64              settle_until;

  /* The buttons of each layout, owned by their grids. */
  GPtrArray          *keys[G_N_ELEMENTS (layouts)];

  /* template children */
  GtkStack           *stack;
  GtkGrid            *text_grid;
  GtkGrid            *email_grid;
  GtkGrid            *digits_grid;
};

G_DEFINE_FINAL_TYPE (LoketKeyboard, loket_keyboard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TARGET,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DONE,
  SIGNAL_HEIGHT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_KEYS_WIDTH 1280

#define KEY_DEF_KEY "loket-key-def"
#define KEY_NAME_KEY "loket-key-name"
#define ENTRY_KIND_KEY "loket-keyboard-kind"
#define ENTRY_GESTURE_KEY "loket-keyboard-gesture"

static gboolean
key_is_letter (const char *text)
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

/* The label a citizen reads on the key, and the name a screen reader speaks. */
static void
key_describe (const KeyDef        *def,
              LoketKeyboardShift   shift,
              char               **label,
              char               **name)
{
  gboolean upper = shift != LOKET_KEYBOARD_SHIFT_OFF;

  switch (def->kind)
    {
    case KEY_CHAR:
      if (key_is_letter (def->text))
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

    case KEY_SHIFT:
      /* Locked capitals show the caps lock arrow, so the two states differ in shape too. */
      *label = g_strdup (shift == LOKET_KEYBOARD_SHIFT_LOCKED ? "⇪" : "⇧");
      /* Translators: the key that types the next letter as a capital. */
      *name = g_strdup (_("Shift"));
      break;

    case KEY_BACKSPACE:
      *label = g_strdup ("⌫");
      /* Translators: the key that deletes the character before the cursor. */
      *name = g_strdup (_("Backspace"));
      break;

    case KEY_SPACE:
      /* Translators: the label of the space bar. */
      *label = g_strdup (_("Space"));
      *name = g_strdup (*label);
      break;

    case KEY_DONE:
      /* Translators: the key that ends typing into a field and moves on. */
      *label = g_strdup (_("Done"));
      *name = g_strdup (*label);
      break;

    case KEY_HIDE:
      /* Translators: the short label of the key that hides the on-screen keyboard. */
      *label = g_strdup (_("Hide"));
      *name = g_strdup (_("Hide keyboard"));
      break;

    case KEY_END:
    default:
      g_assert_not_reached ();
    }
}

static void
key_update (LoketKeyboard *self,
            GtkWidget     *button)
{
  const KeyDef *def = g_object_get_data (G_OBJECT (button), KEY_DEF_KEY);
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  key_describe (def, self->shift, &label, &name);
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  /* GTK 4.8 cannot read an accessible name back: keep our own copy for tests. */
  g_object_set_data_full (G_OBJECT (button), KEY_NAME_KEY, g_steal_pointer (&name), g_free);

  if (def->kind == KEY_SHIFT)
    {
      if (self->shift == LOKET_KEYBOARD_SHIFT_OFF)
        gtk_widget_remove_css_class (button, "loket-key-active");
      else
        gtk_widget_add_css_class (button, "loket-key-active");

      if (self->shift == LOKET_KEYBOARD_SHIFT_LOCKED)
        gtk_widget_add_css_class (button, "loket-key-locked");
      else
        gtk_widget_remove_css_class (button, "loket-key-locked");

      gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                                   GTK_ACCESSIBLE_STATE_PRESSED,
                                   self->shift == LOKET_KEYBOARD_SHIFT_OFF
                                     ? GTK_ACCESSIBLE_TRISTATE_FALSE
                                     : GTK_ACCESSIBLE_TRISTATE_TRUE,
                                   -1);
    }
}

static void
update_letters (LoketKeyboard *self)
{
  for (guint l = 0; l < G_N_ELEMENTS (self->keys); l++)
    {
      if (self->keys[l] == NULL)
        continue;

      for (guint i = 0; i < self->keys[l]->len; i++)
        {
          GtkWidget *button = g_ptr_array_index (self->keys[l], i);
          const KeyDef *def = g_object_get_data (G_OBJECT (button), KEY_DEF_KEY);

          if (def->kind == KEY_SHIFT || (def->kind == KEY_CHAR && key_is_letter (def->text)))
            key_update (self, button);
        }
    }
}

static void
set_shift (LoketKeyboard      *self,
           LoketKeyboardShift  shift)
{
  if (self->shift == shift)
    return;

  self->shift = shift;
  update_letters (self);
}

static GtkWidget *
key_new (LoketKeyboard *self,
         const KeyDef  *def)
{
  GtkWidget *button = gtk_button_new ();

  /* The field being typed into keeps the focus and its caret. */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "loket-key");
  g_object_set_data (G_OBJECT (button), KEY_DEF_KEY, (gpointer) def);

  switch (def->kind)
    {
    case KEY_CHAR:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.type");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", def->text);
      if (!key_is_letter (def->text) && !g_ascii_isdigit (def->text[0]) && def->span > 2)
        gtk_widget_add_css_class (button, "loket-key-ending");
      break;

    case KEY_SPACE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.type");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", " ");
      gtk_widget_add_css_class (button, "loket-key-space");
      break;

    case KEY_SHIFT:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.shift");
      gtk_widget_add_css_class (button, "loket-key-function");
      break;

    case KEY_BACKSPACE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.backspace");
      gtk_widget_add_css_class (button, "loket-key-function");
      break;

    case KEY_HIDE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.hide");
      gtk_widget_add_css_class (button, "loket-key-function");
      break;

    case KEY_DONE:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kbd.done");
      gtk_widget_add_css_class (button, "loket-key-done");
      gtk_widget_add_css_class (button, "suggested-action");
      break;

    case KEY_END:
    default:
      g_assert_not_reached ();
    }

  key_update (self, button);

  return button;
}

static void
build_layout (LoketKeyboard     *self,
              LoketKeyboardKind  kind,
              GtkGrid           *grid)
{
  const LayoutDef *layout = &layouts[kind];

  self->keys[kind] = g_ptr_array_new ();

  for (guint r = 0; r < layout->n_rows; r++)
    {
      const KeyDef *row = layout->rows[r];
      guint width = 0;
      guint column;

      for (guint k = 0; row[k].kind != KEY_END; k++)
        width += row[k].span;

      g_assert (width <= layout->columns);

      /* Shorter rows sit in the middle, as on a real keyboard. */
      column = (layout->columns - width) / 2;
      for (guint k = 0; row[k].kind != KEY_END; k++)
        {
          GtkWidget *button = key_new (self, &row[k]);

          gtk_grid_attach (grid, button, column, r, row[k].span, 1);
          g_ptr_array_add (self->keys[kind], button);
          column += row[k].span;
        }
    }
}

static void
settle (LoketKeyboard *self)
{
  GtkWidget *scroller;

  if (self->target == NULL)
    return;

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->target), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller != NULL && gtk_widget_get_mapped (scroller))
    loket_scroll_to_widget (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->target));
}

static gboolean
settle_cb (gpointer user_data)
{
  LoketKeyboard *self = user_data;

  self->settle_id = 0;
  g_signal_emit (self, signals[SIGNAL_HEIGHT_CHANGED], 0, self->height);
  settle (self);

  return G_SOURCE_REMOVE;
}

static gboolean
settle_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);

  settle (self);
  if (g_get_monotonic_time () < self->settle_until)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* After the keyboard appears, disappears or changes its size, the window has laid out
 * again: only then is it known where the field ended up, so scroll it into view later.
 * A viewport also scrolls to a newly focused child by itself, animated, towards where the
 * field was before the keyboard changed; so keep the field in view for the next few frames
 * too, until that has played out. */
static void
queue_settle (LoketKeyboard *self)
{
  if (self->settle_id == 0)
    self->settle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, settle_cb, self, NULL);

  self->settle_until = g_get_monotonic_time () + 400 * 1000;
  if (self->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), settle_tick, NULL, NULL);
}

static void
set_height (LoketKeyboard *self,
            int            height)
{
  if (self->height == height)
    return;

  self->height = height;
  queue_settle (self);
}

static void
loket_keyboard_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
loket_keyboard_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);

  graphene_rect_t bounds;
  int child_width = width;
  int minimum;

  /* On a landscape screen, keys stretched over 1920 px would be far apart for one hand:
   * keep the keys together in the middle. */
  if (width > MAX_KEYS_WIDTH)
    {
      gtk_widget_measure (GTK_WIDGET (self->stack), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      child_width = MIN (width, MAX (minimum, MAX_KEYS_WIDTH));
    }

  gtk_widget_allocate (GTK_WIDGET (self->stack), child_width, height, baseline,
                       gsk_transform_translate (NULL,
                                                &GRAPHENE_POINT_INIT ((width - child_width) / 2,
                                                                      0)));

  /* What the window loses to the keyboard is its whole box, padding and border too. */
  if (gtk_widget_compute_bounds (widget, widget, &bounds))
    set_height (self, (int) ceilf (bounds.size.height));
}

static void
loket_keyboard_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (loket_keyboard_parent_class)->map (widget);
  queue_settle (LOKET_KEYBOARD (widget));
}

static void
loket_keyboard_unmap (GtkWidget *widget)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
    }

  GTK_WIDGET_CLASS (loket_keyboard_parent_class)->unmap (widget);
  set_height (self, 0);
}

static void
target_weak_notify (gpointer  data,
                    GObject  *where_the_object_was)
{
  LoketKeyboard *self = data;

  self->target = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

static void
action_type (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);
  const char *text = g_variant_get_string (parameter, NULL);
  g_autofree char *typed = NULL;
  int position;

  if (self->target == NULL || !gtk_editable_get_editable (self->target))
    return;

  if (self->shift != LOKET_KEYBOARD_SHIFT_OFF && key_is_letter (text))
    typed = g_utf8_strup (text, -1);
  else
    typed = g_strdup (text);

  /* Like a physical keyboard, typing replaces the selection. */
  gtk_editable_delete_selection (self->target);
  position = gtk_editable_get_position (self->target);
  gtk_editable_insert_text (self->target, typed, -1, &position);
  gtk_editable_set_position (self->target, position);

  self->last_shift_usec = 0;
  if (self->shift == LOKET_KEYBOARD_SHIFT_ONCE)
    set_shift (self, LOKET_KEYBOARD_SHIFT_OFF);
}

static void
action_backspace (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);
  int start, end;

  if (self->target == NULL || !gtk_editable_get_editable (self->target))
    return;

  self->last_shift_usec = 0;

  if (gtk_editable_get_selection_bounds (self->target, &start, &end))
    {
      gtk_editable_delete_selection (self->target);
      return;
    }

  end = gtk_editable_get_position (self->target);
  if (end > 0)
    gtk_editable_delete_text (self->target, end - 1, end);
}

static void
action_shift (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);
  gint64 now = g_get_monotonic_time ();
  gint64 last = self->last_shift_usec;
  int double_tap_ms = 400;
  GtkSettings *settings = gtk_widget_get_settings (widget);

  if (settings != NULL)
    g_object_get (settings, "gtk-double-click-time", &double_tap_ms, NULL);

  self->last_shift_usec = now;

  switch (self->shift)
    {
    case LOKET_KEYBOARD_SHIFT_OFF:
      set_shift (self, LOKET_KEYBOARD_SHIFT_ONCE);
      break;

    case LOKET_KEYBOARD_SHIFT_ONCE:
      /* A second tap soon after the first locks the capitals; a slow one lets go. */
      if (last != 0 && now - last <= (gint64) double_tap_ms * 1000)
        set_shift (self, LOKET_KEYBOARD_SHIFT_LOCKED);
      else
        set_shift (self, LOKET_KEYBOARD_SHIFT_OFF);
      self->last_shift_usec = 0;
      break;

    case LOKET_KEYBOARD_SHIFT_LOCKED:
    default:
      set_shift (self, LOKET_KEYBOARD_SHIFT_OFF);
      self->last_shift_usec = 0;
      break;
    }
}

static void
action_done (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);
  g_autoptr(GtkEditable) target = self->target ? g_object_ref (self->target) : NULL;

  g_signal_emit (self, signals[SIGNAL_DONE], 0);

  /* Like Enter on a physical keyboard: the field's "activate" (an entry that activates the
   * window's default goes on). */
  for (GtkEditable *e = target; e != NULL; e = gtk_editable_get_delegate (e))
    {
      if (GTK_IS_TEXT (e))
        {
          g_signal_emit_by_name (e, "activate");
          break;
        }
    }
}

static void
action_hide (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_set_visible (widget, FALSE);
}

static void
loket_keyboard_dispose (GObject *object)
{
  LoketKeyboard *self = LOKET_KEYBOARD (object);

  loket_keyboard_set_target (self, NULL);
  g_clear_handle_id (&self->settle_id, g_source_remove);

  for (guint l = 0; l < G_N_ELEMENTS (self->keys); l++)
    g_clear_pointer (&self->keys[l], g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_KEYBOARD);

  G_OBJECT_CLASS (loket_keyboard_parent_class)->dispose (object);
}

static void
loket_keyboard_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LoketKeyboard *self = LOKET_KEYBOARD (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_keyboard_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LoketKeyboard *self = LOKET_KEYBOARD (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      loket_keyboard_set_target (self, g_value_get_object (value));
      break;

    case PROP_KIND:
      loket_keyboard_set_kind (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_keyboard_class_init (LoketKeyboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_keyboard_dispose;
  object_class->get_property = loket_keyboard_get_property;
  object_class->set_property = loket_keyboard_set_property;
  widget_class->measure = loket_keyboard_measure;
  widget_class->size_allocate = loket_keyboard_size_allocate;
  widget_class->map = loket_keyboard_map;
  widget_class->unmap = loket_keyboard_unmap;

  /**
   * LoketKeyboard:target:
   *
   * The editable the keys type into (not owned).
   */
  properties[PROP_TARGET] =
    g_param_spec_object ("target", NULL, NULL,
                         GTK_TYPE_EDITABLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LoketKeyboard:kind:
   *
   * The layout shown, a LoketKeyboardKind; %LOKET_KEYBOARD_NONE hides the keyboard.
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      LOKET_KEYBOARD_NONE, LOKET_KEYBOARD_DIGITS, LOKET_KEYBOARD_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LoketKeyboard::done:
   *
   * The citizen pressed "Done": the page may move to the next field. Afterwards an entry
   * target is activated, as Enter would.
   */
  signals[SIGNAL_DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * LoketKeyboard::height-changed:
   * @height: the keyboard's height in pixels, 0 when hidden
   *
   * Emitted after a layout in which the keyboard appeared, disappeared or changed size.
   * By then the field being typed into has already been scrolled into view above it.
   */
  signals[SIGNAL_HEIGHT_CHANGED] =
    g_signal_new ("height-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "kbd.type", "s", action_type);
  gtk_widget_class_install_action (widget_class, "kbd.backspace", NULL, action_backspace);
  gtk_widget_class_install_action (widget_class, "kbd.shift", NULL, action_shift);
  gtk_widget_class_install_action (widget_class, "kbd.done", NULL, action_done);
  gtk_widget_class_install_action (widget_class, "kbd.hide", NULL, action_hide);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-keyboard.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, text_grid);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, email_grid);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, digits_grid);

  gtk_widget_class_set_css_name (widget_class, "loketkeyboard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
loket_keyboard_init (LoketKeyboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_layout (self, LOKET_KEYBOARD_TEXT, self->text_grid);
  build_layout (self, LOKET_KEYBOARD_EMAIL, self->email_grid);
  build_layout (self, LOKET_KEYBOARD_DIGITS, self->digits_grid);
}

/**
 * loket_keyboard_new:
 *
 * Returns: (transfer floating): a hidden keyboard; put it below the page's content.
 */
GtkWidget *
loket_keyboard_new (void)
{
  return g_object_new (LOKET_TYPE_KEYBOARD, NULL);
}

/**
 * loket_keyboard_set_target:
 * @self: a keyboard
 * @target: (nullable): the editable to type into
 *
 * The keyboard holds no reference: it lets go when the target goes away.
 */
void
loket_keyboard_set_target (LoketKeyboard *self,
                           GtkEditable   *target)
{
  g_return_if_fail (LOKET_IS_KEYBOARD (self));
  g_return_if_fail (target == NULL || GTK_IS_EDITABLE (target));

  if (self->target == target)
    return;

  if (self->target != NULL)
    g_object_weak_unref (G_OBJECT (self->target), target_weak_notify, self);

  self->target = target;
  self->last_shift_usec = 0;
  set_shift (self, LOKET_KEYBOARD_SHIFT_OFF);

  if (self->target != NULL)
    {
      g_object_weak_ref (G_OBJECT (self->target), target_weak_notify, self);
      queue_settle (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

GtkEditable *
loket_keyboard_get_target (LoketKeyboard *self)
{
  g_return_val_if_fail (LOKET_IS_KEYBOARD (self), NULL);

  return self->target;
}

/**
 * loket_keyboard_set_kind:
 * @self: a keyboard
 * @kind: the layout for the field being typed into
 *
 * Shows the layout for @kind, or hides the keyboard for %LOKET_KEYBOARD_NONE.
 */
void
loket_keyboard_set_kind (LoketKeyboard     *self,
                         LoketKeyboardKind  kind)
{
  g_return_if_fail (LOKET_IS_KEYBOARD (self));
  g_return_if_fail (kind >= LOKET_KEYBOARD_NONE && kind <= LOKET_KEYBOARD_DIGITS);

  if (kind != LOKET_KEYBOARD_NONE)
    gtk_stack_set_visible_child_name (self->stack, layouts[kind].name);
  gtk_widget_set_visible (GTK_WIDGET (self), kind != LOKET_KEYBOARD_NONE);

  if (self->kind == kind)
    return;

  self->kind = kind;
  self->last_shift_usec = 0;
  set_shift (self, LOKET_KEYBOARD_SHIFT_OFF);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

LoketKeyboardKind
loket_keyboard_get_kind (LoketKeyboard *self)
{
  g_return_val_if_fail (LOKET_IS_KEYBOARD (self), LOKET_KEYBOARD_NONE);

  return self->kind;
}

LoketKeyboardShift
loket_keyboard_get_shift (LoketKeyboard *self)
{
  g_return_val_if_fail (LOKET_IS_KEYBOARD (self), LOKET_KEYBOARD_SHIFT_OFF);

  return self->shift;
}

/**
 * loket_keyboard_get_height:
 * @self: a keyboard
 *
 * Returns: the height the keyboard took in the last layout, 0 while hidden
 */
int
loket_keyboard_get_height (LoketKeyboard *self)
{
  g_return_val_if_fail (LOKET_IS_KEYBOARD (self), 0);

  return self->height;
}

static LoketKeyboardKind
entry_kind (GtkWidget *widget)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), ENTRY_KIND_KEY)) - 1;
}

static void
entry_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  LoketKeyboard   *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  LoketKeyboardKind kind = entry_kind (entry);

  /* A tap on the field brings the keyboard back after "Hide" (the focus did not move). */
  if (kind == LOKET_KEYBOARD_NONE)
    return;

  loket_keyboard_set_target (self, GTK_EDITABLE (entry));
  loket_keyboard_set_kind (self, kind);
}

/**
 * loket_keyboard_attach_entry:
 * @self: a keyboard
 * @entry: a GtkEntry, GtkText, GtkSpinButton or other editable
 * @kind: the layout it needs (see loket_field_type_keyboard())
 *
 * Remembers which layout @entry takes; with loket_keyboard_watch_window() the keyboard
 * then follows the focus by itself, and a tap on the entry shows it again after "Hide".
 */
void
loket_keyboard_attach_entry (LoketKeyboard     *self,
                             GtkEditable       *entry,
                             LoketKeyboardKind  kind)
{
  g_return_if_fail (LOKET_IS_KEYBOARD (self));
  g_return_if_fail (GTK_IS_EDITABLE (entry));
  g_return_if_fail (kind >= LOKET_KEYBOARD_NONE && kind <= LOKET_KEYBOARD_DIGITS);

  g_object_set_data (G_OBJECT (entry), ENTRY_KIND_KEY, GINT_TO_POINTER (kind + 1));

  if (g_object_get_data (G_OBJECT (entry), ENTRY_GESTURE_KEY) == NULL)
    {
      GtkGesture *gesture = gtk_gesture_click_new ();

      /* Capture phase, never claiming: the entry's own gestures still place the caret. */
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture),
                                                  GTK_PHASE_CAPTURE);
      g_signal_connect_object (gesture, "pressed", G_CALLBACK (entry_pressed_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (entry), GTK_EVENT_CONTROLLER (gesture));
      g_object_set_data (G_OBJECT (entry), ENTRY_GESTURE_KEY, gesture);
    }
}

static void
focus_changed_cb (GtkWindow     *window,
                  GParamSpec    *pspec,
                  LoketKeyboard *self)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  /* An entry's focus sits on its inner GtkText: look up to the attached widget. */
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (w == GTK_WIDGET (self))
        return;

      if (g_object_get_data (G_OBJECT (w), ENTRY_KIND_KEY) != NULL && GTK_IS_EDITABLE (w))
        {
          LoketKeyboardKind kind = entry_kind (w);

          if (kind == LOKET_KEYBOARD_NONE)
            break;

          loket_keyboard_set_target (self, GTK_EDITABLE (w));
          loket_keyboard_set_kind (self, kind);
          return;
        }
    }

  loket_keyboard_set_target (self, NULL);
  loket_keyboard_set_kind (self, LOKET_KEYBOARD_NONE);
}

/**
 * loket_keyboard_watch_window:
 * @self: a keyboard
 * @window: the window holding the attached entries
 *
 * Follows @window's focus: an attached entry gets the keyboard in its layout, anything
 * else hides it. Call it once; it stops when either goes away.
 */
void
loket_keyboard_watch_window (LoketKeyboard *self,
                             GtkWindow     *window)
{
  g_return_if_fail (LOKET_IS_KEYBOARD (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_signal_connect_object (window, "notify::focus-widget",
                           G_CALLBACK (focus_changed_cb), self, 0);
  focus_changed_cb (window, NULL, self);
}

/**
 * loket_keyboard_get_keys:
 * @self: a keyboard
 * @kind: a layout
 *
 * Returns: (transfer container) (element-type GtkButton): the key buttons of a layout, in
 *   reading order; empty for %LOKET_KEYBOARD_NONE
 */
GPtrArray *
loket_keyboard_get_keys (LoketKeyboard     *self,
                         LoketKeyboardKind  kind)
{
  GPtrArray *keys;

  g_return_val_if_fail (LOKET_IS_KEYBOARD (self), NULL);
  g_return_val_if_fail (kind >= LOKET_KEYBOARD_NONE && kind <= LOKET_KEYBOARD_DIGITS, NULL);

  keys = g_ptr_array_new ();
  if (self->keys[kind] != NULL)
    g_ptr_array_extend (keys, self->keys[kind], NULL, NULL);

  return keys;
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
  g_return_val_if_fail (GTK_IS_BUTTON (key), NULL);

  return g_object_get_data (G_OBJECT (key), KEY_NAME_KEY);
}

/**
 * loket_keyboard_locale_changed:
 * @self: a keyboard
 *
 * Sets every label and spoken name again in the citizen's new language.
 */
void
loket_keyboard_locale_changed (LoketKeyboard *self)
{
  g_return_if_fail (LOKET_IS_KEYBOARD (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("On-screen keyboard"),
                                  -1);

  for (guint l = 0; l < G_N_ELEMENTS (self->keys); l++)
    {
      if (self->keys[l] == NULL)
        continue;

      for (guint i = 0; i < self->keys[l]->len; i++)
        key_update (self, g_ptr_array_index (self->keys[l], i));
    }
}
