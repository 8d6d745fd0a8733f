/* loket-keyboard.c — Loket's own on-screen keyboard and keypad: the widget
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
 * The layouts and the words on the keys are in loket-keyboard-layouts.c; attaching fields
 * and following the window's focus in loket-keyboard-field.c.
 */
#define G_LOG_DOMAIN "loket-keyboard"

#include "config.h"

#include <math.h>

#include "core/loket-i18n.h"
#include "loket-keyboard-private.h"

struct _LoketKeyboard
{
  GtkWidget           parent_instance;

  GtkEditable        *target;  /* weak */
  LoketKeyboardKind   kind;
  LoketKeyboardShift  shift;
  gint64              last_shift_usec;
  int                 width;
  int                 height;
  GtkPositionType     edge;
  guint               settle_id;
  guint               tick_id;
  gint64              settle_until;

  /* The buttons of each layout, owned by their grids. */
  GPtrArray          *keys[LOKET_KEYBOARD_N_LAYOUTS];

  /* template children */
  GtkWidget          *separator;
  GtkStack           *stack;
  GtkGrid            *text_grid;
  GtkGrid            *email_grid;
  GtkGrid            *digits_grid;
  GtkGrid            *phone_grid;
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

          if (loket_keyboard_key_shows_shift (button))
            loket_keyboard_key_update (button, self->shift);
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

/* The keyboard's place changed: the content beside or above it was laid out anew. */
static void
set_size (LoketKeyboard *self,
          int            width,
          int            height)
{
  if (self->width == width && self->height == height)
    return;

  self->width = width;
  self->height = height;
  queue_settle (self);
}

/* The thickness of the line on the keyboard's edge, across orientation (0 for the other
 * orientation's line). */
static int
separator_size (LoketKeyboard  *self,
                GtkOrientation  orientation)
{
  int minimum = 0;

  gtk_widget_measure (self->separator, orientation, -1, &minimum, NULL, NULL, NULL);
  return minimum;
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
  GtkOrientation other = orientation == GTK_ORIENTATION_HORIZONTAL ? GTK_ORIENTATION_VERTICAL
                                                                   : GTK_ORIENTATION_HORIZONTAL;
  int line = separator_size (self, orientation);

  /* Room for the line on either edge, top or left, whichever the container picks: the
   * size must not depend on it. */
  if (for_size >= 0)
    for_size = MAX (0, for_size - separator_size (self, other));
  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, NULL, NULL);
  *minimum += line;
  *natural += line;
}

static void
loket_keyboard_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LoketKeyboard *self = LOKET_KEYBOARD (widget);
  graphene_rect_t bounds;
  int x = 0, y = 0;
  int keys_width, keys_height;
  int minimum, natural;

  if (self->edge == GTK_POS_LEFT)
    {
      x = separator_size (self, GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_size_allocate (self->separator, &(GtkAllocation) { 0, 0, x, height }, -1);
    }
  else
    {
      y = separator_size (self, GTK_ORIENTATION_VERTICAL);
      gtk_widget_size_allocate (self->separator, &(GtkAllocation) { 0, 0, width, y }, -1);
    }
  width -= x;
  height -= y;

  /* Across a wide window (below the footer of a landscape screen with no room beside the
   * content), keys stretched over 1920 px would be far apart for one hand: keep them
   * together in the middle. */
  keys_width = width;
  if (width > MAX_KEYS_WIDTH)
    {
      gtk_widget_measure (GTK_WIDGET (self->stack), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      keys_width = MIN (width, MAX (minimum, MAX_KEYS_WIDTH));
    }

  /* Beside the content the keyboard is taller than its keys: they sit at its foot, next
   * to the footer's buttons, where the hand is. */
  gtk_widget_measure (GTK_WIDGET (self->stack), GTK_ORIENTATION_VERTICAL, keys_width,
                      &minimum, &natural, NULL, NULL);
  keys_height = MIN (height, MAX (minimum, natural));

  gtk_widget_size_allocate (GTK_WIDGET (self->stack),
                            &(GtkAllocation) { x + (width - keys_width) / 2,
                                               y + height - keys_height,
                                               keys_width, keys_height },
                            -1);

  /* What the window gives the keyboard is its whole box, padding and border too. */
  if (gtk_widget_compute_bounds (widget, widget, &bounds))
    set_size (self, (int) ceilf (bounds.size.width), (int) ceilf (bounds.size.height));
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
  set_size (self, 0, 0);
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

  if (self->shift != LOKET_KEYBOARD_SHIFT_OFF && loket_keyboard_key_is_letter (text))
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
                      LOKET_KEYBOARD_NONE, LOKET_KEYBOARD_PHONE, LOKET_KEYBOARD_NONE,
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
   * Emitted after a layout in which the keyboard appeared, disappeared, changed size or
   * moved between below the footer and beside the content. Then the field being typed
   * into is scrolled into view, clear of the keyboard.
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
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, separator);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, text_grid);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, email_grid);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, digits_grid);
  gtk_widget_class_bind_template_child (widget_class, LoketKeyboard, phone_grid);

  gtk_widget_class_set_css_name (widget_class, "loketkeyboard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
loket_keyboard_init (LoketKeyboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->keys[LOKET_KEYBOARD_TEXT] = loket_keyboard_build_layout (LOKET_KEYBOARD_TEXT,
                                                                 self->text_grid);
  self->keys[LOKET_KEYBOARD_EMAIL] = loket_keyboard_build_layout (LOKET_KEYBOARD_EMAIL,
                                                                  self->email_grid);
  self->keys[LOKET_KEYBOARD_DIGITS] = loket_keyboard_build_layout (LOKET_KEYBOARD_DIGITS,
                                                                   self->digits_grid);
  self->keys[LOKET_KEYBOARD_PHONE] = loket_keyboard_build_layout (LOKET_KEYBOARD_PHONE,
                                                                  self->phone_grid);
  self->edge = GTK_POS_TOP;
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
  g_return_if_fail (kind >= LOKET_KEYBOARD_NONE && kind <= LOKET_KEYBOARD_PHONE);

  if (kind != LOKET_KEYBOARD_NONE)
    {
      GtkWidget *shown;

      gtk_stack_set_visible_child_name (self->stack, loket_keyboard_layouts[kind].name);
      /* GTK 4.8 keeps the layouts the stack does not show in the accessible tree, where a
       * screen reader would offer their keys (which do nothing): take them out. */
      shown = gtk_stack_get_visible_child (self->stack);
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                     child != shown, -1);
    }
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

/**
 * loket_keyboard_set_edge:
 * @self: a keyboard
 * @edge: the side that faces the rest of the window: %GTK_POS_TOP below the footer,
 *   %GTK_POS_LEFT beside the content
 *
 * Where the keyboard draws the line that sets it apart. Its container calls this in its
 * own size_allocate, before it allocates the keyboard: it changes no size (room for the
 * line is kept on both sides), only where things go, and a keyboard that changes sides
 * always gets a new size too, so it is allocated anew.
 */
void
loket_keyboard_set_edge (LoketKeyboard   *self,
                         GtkPositionType  edge)
{
  g_return_if_fail (LOKET_IS_KEYBOARD (self));
  g_return_if_fail (edge == GTK_POS_TOP || edge == GTK_POS_LEFT);

  self->edge = edge;
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
  g_return_val_if_fail (kind >= LOKET_KEYBOARD_NONE && kind <= LOKET_KEYBOARD_PHONE, NULL);

  keys = g_ptr_array_new ();
  if (self->keys[kind] != NULL)
    g_ptr_array_extend (keys, self->keys[kind], NULL, NULL);

  return keys;
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
        loket_keyboard_key_update (g_ptr_array_index (self->keys[l], i), self->shift);
    }
}
