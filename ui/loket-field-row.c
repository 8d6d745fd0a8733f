/* loket-field-row.c — one question of the combined form: its label, its input, its message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row writes every change straight into the LoketRequest, so what the citizen typed is
 * never lost by pressing Back, and the request (not the screen) decides what is valid. The
 * row only decides WHEN to say so: a problem shows once the citizen leaves the field or
 * presses Next, and while they type again a shown message may disappear (fixed) but never
 * changes into a new complaint under their fingers.
 */
#define G_LOG_DOMAIN "loket-field-row"

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "loket-field-row.h"
#include "loket-button-row.h"
#include "loket-date-boxes.h"
#include "loket-speech-label.h"

struct _LoketFieldRow
{
  GtkWidget          parent_instance;

  LoketRequest      *request;
  const LoketField  *field;
  char              *group_id;
  guint              index;

  GtkWidget         *label;
  GtkWidget         *help;
  GtkWidget         *entry;          /* typed fields; a date's day box */
  GtkWidget         *dates;          /* a date's three boxes (LoketDateBoxes) */
  GtkWidget         *tiles;          /* choice, yes-no */
  GPtrArray         *toggles;        /* of GtkToggleButton*, tiles' buttons */
  GtkWidget         *message_box;
  GtkWidget         *message_icon;
  GtkWidget         *message_label;
  GtkWidget         *confirm_button;

  gboolean           required;
  gboolean           revealed;
  gboolean           updating;

  /* The problem as the request says it now, and the one on screen. */
  char              *issue_message;
  char              *issue_warning_id;
  LoketIssueSeverity issue_severity;
  LoketDateBox       issue_box;      /* the date box the problem names */
  char              *shown_message;
};

G_DEFINE_FINAL_TYPE (LoketFieldRow, loket_field_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How many digits the field's entry takes (a phone's leading "+" aside); 0: not digits only. */
static guint
entry_digits (LoketFieldType type)
{
  return loket_field_type_get_info (type)->entry_digits;
}

static gboolean
is_date (const LoketField *field)
{
  return loket_field_type_get_info (field->type)->digits_layout == LOKET_DIGITS_DATE;
}

static char *
only_digits (const char *text,
             gssize      length,
             guint       limit)
{
  GString *out = g_string_new (NULL);

  if (length < 0)
    length = strlen (text);
  for (gssize i = 0; i < length && out->len < limit; i++)
    if (g_ascii_isdigit (text[i]))
      g_string_append_c (out, text[i]);

  return g_string_free (out, FALSE);
}

/* What a digits field keeps of text: its digits, up to limit, and for a phone number a "+"
 * that comes first (the country code follows it: "+62…"). */
static char *
field_digits (LoketFieldType  type,
              const char     *text,
              gssize          length,
              guint           limit)
{
  g_autofree char *digits = NULL;

  if (length < 0)
    length = strlen (text);
  if (loket_field_type_get_info (type)->keyboard != LOKET_KEYBOARD_PHONE || length == 0 ||
      text[0] != '+')
    return only_digits (text, length, limit);

  digits = only_digits (text + 1, length - 1, limit);
  return g_strconcat ("+", digits, NULL);
}

/* The position in formatted text just after its n-th digit (a phone number's leading "+"
 * counts as one). */
static int
position_after_digits (const char *formatted,
                       guint       n)
{
  guint seen = 0;
  int i;

  if (n == 0)
    return 0;
  for (i = 0; formatted[i] != '\0'; i++)
    if ((g_ascii_isdigit (formatted[i]) || formatted[i] == '+') && ++seen == n)
      return i + 1;

  return i;
}

static const char *
get_value (LoketFieldRow *self)
{
  if (self->group_id != NULL)
    return loket_request_get_group_text (self->request, self->group_id, self->index,
                                         self->field->id);
  return loket_request_get_text (self->request, self->field->id);
}

static void
store_value (LoketFieldRow *self,
             const char    *text)
{
  if (g_strcmp0 (text, get_value (self)) == 0)
    return;

  if (self->group_id != NULL)
    loket_request_set_group_text (self->request, self->group_id, self->index,
                                  self->field->id, text);
  else
    loket_request_set_text (self->request, self->field->id, text);

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* What the entry stores for its digits: the bare digits (a date has its own boxes). */
static void
store_digits (LoketFieldRow *self,
              const char    *digits)
{
  store_value (self, *digits != '\0' ? digits : NULL);
}

static void
set_entry_digits (LoketFieldRow *self,
                  const char    *digits,
                  guint          digits_before_cursor)
{
  g_autofree char *formatted = loket_field_format_digits (self->field->type, digits);

  self->updating = TRUE;
  if (g_strcmp0 (formatted, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), formatted);
  gtk_editable_set_position (GTK_EDITABLE (self->entry),
                             position_after_digits (formatted, digits_before_cursor));
  self->updating = FALSE;
}

/* Digits typed (on the keypad, a physical keyboard or pasted by a scanner) are merged into
 * the digits already there and shown in groups; *position then lies after the new digits,
 * where the keypad puts the caret. */
static void
digits_insert_text_cb (GtkEditable   *text,
                       const char    *new_text,
                       int            length,
                       int           *position,
                       LoketFieldRow *self)
{
  const char *current;
  g_autofree char *typed = NULL;
  g_autofree char *head = NULL;
  g_autofree char *all = NULL;
  g_autofree char *before = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *formatted = NULL;
  LoketFieldType type = self->field->type;
  guint n_before;
  gsize byte_pos;

  if (self->updating)
    return;

  g_signal_stop_emission_by_name (text, "insert-text");

  /* What the field would read with the insertion, and up to the caret after it. */
  current = gtk_editable_get_text (text);
  byte_pos = g_utf8_offset_to_pointer (current, *position) - current;
  typed = g_strndup (new_text, length < 0 ? strlen (new_text) : (gsize) length);
  head = g_strdup_printf ("%.*s%s", (int) byte_pos, current, typed);
  all = g_strconcat (head, current + byte_pos, NULL);
  digits = field_digits (type, all, -1, entry_digits (type));
  before = field_digits (type, head, -1, G_MAXUINT);
  n_before = MIN (strlen (before), strlen (digits));

  formatted = loket_field_format_digits (self->field->type, digits);
  self->updating = TRUE;
  gtk_editable_set_text (text, formatted);
  self->updating = FALSE;
  *position = position_after_digits (formatted, n_before);
  gtk_editable_set_position (text, *position);

  store_digits (self, digits);
}

static void
entry_changed_cb (GtkEditable   *editable,
                  LoketFieldRow *self)
{
  const char *text;

  if (self->updating)
    return;

  text = gtk_editable_get_text (editable);
  if (entry_digits (self->field->type) > 0)
    {
      /* A deletion: what is left is shown in groups again, the caret after the same digit. */
      int position = gtk_editable_get_position (editable);
      const char *end = g_utf8_offset_to_pointer (text, MAX (position, 0));
      g_autofree char *head = field_digits (self->field->type, text, end - text, G_MAXUINT);
      g_autofree char *digits = field_digits (self->field->type, text, -1,
                                              entry_digits (self->field->type));

      set_entry_digits (self, digits, strlen (head));
      store_digits (self, digits);
      return;
    }

  store_value (self, *text != '\0' ? text : NULL);
}

/* What a screen reader says after the field's name: its hint, then its problem if one
 * shows. GTK 4.8 does not turn DESCRIBED_BY into a description on AT-SPI: say it here. */
static void
update_description (LoketFieldRow *self)
{
  GtkWidget *input = self->dates != NULL ? self->dates
                    : self->entry != NULL ? self->entry : self->tiles;
  g_autoptr(GString) text = g_string_new (NULL);

  if (input == NULL)
    return;
  if (self->field->help != NULL)
    g_string_append (text, gtk_label_get_text (GTK_LABEL (self->help)));
  if (self->shown_message != NULL)
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, self->shown_message);
    }
  loket_speech_label_set_description (input, text->str);
  /* Each of a date's boxes says it too: a screen reader in the month box hears its problem. */
  for (guint i = 0; self->dates != NULL && i < LOKET_DATE_N_BOXES; i++)
    loket_speech_label_set_description (loket_field_row_get_nth_entry (self, i), text->str);
}

static void
update_message (LoketFieldRow *self)
{
  gboolean show = self->revealed && self->issue_message != NULL;
  gboolean warning = show && self->issue_severity == LOKET_ISSUE_WARNING;

  g_free (self->shown_message);
  self->shown_message = show ? g_strdup (self->issue_message) : NULL;

  gtk_widget_set_visible (self->message_box, show);
  gtk_label_set_text (GTK_LABEL (self->message_label), show ? self->issue_message : "");
  gtk_image_set_from_icon_name (GTK_IMAGE (self->message_icon),
                                warning ? "dialog-warning-symbolic" : "dialog-error-symbolic");
  gtk_widget_set_visible (self->confirm_button, warning && self->issue_warning_id != NULL);
  update_description (self);

  if (show)
    {
      gtk_widget_add_css_class (self->message_box, warning ? "loket-field-warning"
                                                           : "loket-field-error");
      gtk_widget_remove_css_class (self->message_box, warning ? "loket-field-error"
                                                              : "loket-field-warning");
    }

  if (self->dates != NULL)
    {
      /* The box the message names; a problem of the whole date (in the future) marks the day. */
      LoketDateBox box = self->issue_box != LOKET_DATE_BOX_NONE ? self->issue_box
                                                                : LOKET_DATE_BOX_DAY;

      loket_date_boxes_set_invalid (LOKET_DATE_BOXES (self->dates),
                                    show && !warning ? box : LOKET_DATE_BOX_NONE);
    }
  else if (self->entry != NULL)
    {
      if (show && !warning)
        gtk_widget_add_css_class (self->entry, "error");
      else
        gtk_widget_remove_css_class (self->entry, "error");

      gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   show && !warning ? GTK_ACCESSIBLE_INVALID_TRUE
                                                    : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

static gboolean
entry_has_focus (LoketFieldRow *self)
{
  GtkRoot *root;
  GtkWidget *focus;
  GtkWidget *input = self->dates != NULL ? self->dates : self->entry;

  if (input == NULL || (root = gtk_widget_get_root (GTK_WIDGET (self))) == NULL)
    return FALSE;

  focus = gtk_root_get_focus (root);
  return focus != NULL && (focus == input || gtk_widget_is_ancestor (focus, input));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                LoketFieldRow           *self)
{
  loket_field_row_reveal (self);
}

static void
confirm_clicked_cb (GtkButton     *button,
                    LoketFieldRow *self)
{
  if (self->issue_warning_id == NULL)
    return;

  loket_request_confirm_warning (self->request, self->issue_warning_id);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* A tile is one answer of several: a radio button, which says "checked" (GTK 4.8 says
 * "pressed" of a toggle button, which a screen reader does not read for a radio button). */
static void
tile_checked_cb (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button) ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                                    : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

/* The answer a tile gives: the tiles stand in the order of the answers (Yes, No; or the
 * field's choices). */
static const char *
tile_value (LoketFieldRow *self,
            GtkWidget     *tile)
{
  guint index;

  if (!g_ptr_array_find (self->toggles, tile, &index))
    return NULL;
  if (self->field->type == LOKET_FIELD_TYPE_YES_NO)
    return index == 0 ? "true" : "false";
  return ((const LoketChoice *) g_ptr_array_index (self->field->choices, index))->value;
}

static void
tile_toggled_cb (GtkToggleButton *button,
                 LoketFieldRow   *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  /* A tap is the whole answer: its problems (if any) may show at once. */
  self->revealed = TRUE;
  store_value (self, tile_value (self, GTK_WIDGET (button)));
  update_message (self);
}

static GtkWidget *
add_tile (LoketFieldRow *self,
          const char    *label,
          GtkWidget     *group_with)
{
  GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                    "label", label,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                    NULL);
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (button, "loket-tile");
  gtk_widget_set_hexpand (button, TRUE);
  if (group_with != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group_with));
  g_signal_connect (button, "toggled", G_CALLBACK (tile_toggled_cb), self);
  g_signal_connect (button, "toggled", G_CALLBACK (tile_checked_cb), NULL);
  tile_checked_cb (GTK_TOGGLE_BUTTON (button));
  g_ptr_array_add (self->toggles, button);

  return button;
}

static void
build_tiles (LoketFieldRow *self)
{
  const LoketField *field = self->field;
  GtkWidget *first = NULL;
  guint n = field->type == LOKET_FIELD_TYPE_YES_NO ? 2 : field->choices->len;

  /* The tiles are a radio group, named by the field's label (LABELLED_BY below). Up to three
   * sit in one row that stacks them when their words do not fit side by side (a long answer,
   * large text, a longer language), rather than wrapping each into a narrow column; a longer
   * list reads best two tiles a row. */
  if (n <= 3)
    {
      self->tiles = g_object_new (LOKET_TYPE_BUTTON_ROW,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                                  NULL);
      loket_button_row_set_spacing (LOKET_BUTTON_ROW (self->tiles), 16);
      loket_button_row_set_homogeneous (LOKET_BUTTON_ROW (self->tiles), TRUE);
    }
  else
    {
      self->tiles = g_object_new (GTK_TYPE_GRID,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO_GROUP,
                                  NULL);
      gtk_grid_set_column_spacing (GTK_GRID (self->tiles), 16);
      gtk_grid_set_row_spacing (GTK_GRID (self->tiles), 16);
      gtk_grid_set_column_homogeneous (GTK_GRID (self->tiles), TRUE);
    }
  gtk_widget_add_css_class (self->tiles, "loket-tiles");

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *tile;

      if (field->type == LOKET_FIELD_TYPE_YES_NO)
        tile = i == 0 ? add_tile (self, _("Yes"), NULL)
                      : add_tile (self, _("No"), first);
      else
        {
          const LoketChoice *choice = g_ptr_array_index (field->choices, i);

          tile = add_tile (self, C_CATALOG (choice->label), first);
        }
      if (first == NULL)
        first = tile;
      if (LOKET_IS_BUTTON_ROW (self->tiles))
        loket_button_row_append (LOKET_BUTTON_ROW (self->tiles), tile);
      else
        gtk_grid_attach (GTK_GRID (self->tiles), tile, i % 2, i / 2, 1, 1);
    }
}

static void
sync_tiles (LoketFieldRow *self)
{
  const char *value = get_value (self);

  self->updating = TRUE;
  for (guint i = 0; i < self->toggles->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->toggles, i);

      gtk_toggle_button_set_active (button,
                                    g_strcmp0 (value, tile_value (self, GTK_WIDGET (button))) == 0);
    }
  self->updating = FALSE;
}

static void
build_entry (LoketFieldRow *self)
{
  const LoketField *field = self->field;
  const char *value = get_value (self);
  GtkEventController *focus;

  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_widget_add_css_class (self->entry, "loket-field-entry");
  /* Everything a citizen types here is about them. */
  loket_entry_make_private (self->entry);

  if (entry_digits (field->type) > 0)
    {
      g_autofree char *digits = NULL;

      gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_DIGITS);
      digits = field_digits (field->type, value != NULL ? value : "", -1,
                             entry_digits (field->type));
      set_entry_digits (self, digits, strlen (digits));
      g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)), "insert-text",
                        G_CALLBACK (digits_insert_text_cb), self);
    }
  else
    {
      if (field->type == LOKET_FIELD_TYPE_EMAIL)
        gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_EMAIL);
      else if (field->type == LOKET_FIELD_TYPE_NAME)
        gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_NAME);
      else if (field->type == LOKET_FIELD_TYPE_NUMBER)
        gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_NUMBER);
      /* A fixed count of digits (NIB, BPJS card, KBLI): the entry stops at that count. */
      if (field->digits > 0)
        {
          gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_DIGITS);
          gtk_entry_set_max_length (GTK_ENTRY (self->entry), field->digits);
        }
      else if (field->max_length > 0)
        gtk_entry_set_max_length (GTK_ENTRY (self->entry), field->max_length);
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry), value != NULL ? value : "");
      self->updating = FALSE;
    }

  g_signal_connect (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->entry, focus);
}

static void
dates_changed_cb (LoketDateBoxes *dates,
                  LoketFieldRow  *self)
{
  g_autofree char *value = loket_date_boxes_dup_value (dates);

  store_value (self, value);
}

/* A date: three boxes, day, month and year (loket-date-boxes.c). The problem shows once
 * the focus leaves all three, not on the way from the day to the month. */
static void
build_date_boxes (LoketFieldRow *self)
{
  GtkEventController *focus;

  self->dates = loket_date_boxes_new ();
  loket_date_boxes_set_value (LOKET_DATE_BOXES (self->dates), get_value (self));
  self->entry = loket_date_boxes_get_entry (LOKET_DATE_BOXES (self->dates), LOKET_DATE_BOX_DAY);
  g_signal_connect (self->dates, "changed", G_CALLBACK (dates_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (self->dates, focus);
}

static void
set_label_text (LoketFieldRow *self)
{
  const char *label = C_CATALOG (self->field->label);

  if (self->required)
    {
      gtk_label_set_text (GTK_LABEL (self->label), label);
    }
  else
    {
      /* Translators: the label of a field the citizen may leave empty. */
      g_autofree char *text = g_strdup_printf (_("%s (optional)"), label);

      gtk_label_set_text (GTK_LABEL (self->label), text);
    }
}

void
loket_field_row_locale_changed (LoketFieldRow *self)
{
  g_return_if_fail (LOKET_IS_FIELD_ROW (self));

  set_label_text (self);
  if (self->field->help != NULL)
    gtk_label_set_text (GTK_LABEL (self->help), C_CATALOG (self->field->help));
  update_description (self);
  gtk_button_set_label (GTK_BUTTON (self->confirm_button), _("Yes, this is correct"));
  if (self->dates != NULL)
    loket_date_boxes_locale_changed (LOKET_DATE_BOXES (self->dates));
  if (self->field->type == LOKET_FIELD_TYPE_YES_NO && self->toggles->len == 2)
    {
      gtk_button_set_label (g_ptr_array_index (self->toggles, 0), _("Yes"));
      gtk_button_set_label (g_ptr_array_index (self->toggles, 1), _("No"));
    }
  else if (self->field->type == LOKET_FIELD_TYPE_CHOICE)
    {
      for (guint i = 0; i < self->toggles->len; i++)
        {
          const LoketChoice *choice = g_ptr_array_index (self->field->choices, i);

          gtk_button_set_label (g_ptr_array_index (self->toggles, i),
                                C_CATALOG (choice->label));
        }
    }
}

GtkWidget *
loket_field_row_new (LoketRequest     *request,
                     const LoketField *field,
                     const char       *group_id,
                     guint             index)
{
  LoketFieldRow *self;
  GtkWidget *input;

  g_return_val_if_fail (LOKET_IS_REQUEST (request), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (field->type != LOKET_FIELD_TYPE_GROUP, NULL);

  self = g_object_new (LOKET_TYPE_FIELD_ROW, NULL);
  self->request = g_object_ref (request);
  self->field = field;
  self->group_id = g_strdup (group_id);
  self->index = index;
  self->required = group_id != NULL ? !field->optional
                                    : loket_request_is_required (request, field->id);

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_widget_add_css_class (self->label, "loket-field-label");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  self->help = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->help), 0);
  gtk_label_set_wrap (GTK_LABEL (self->help), TRUE);
  gtk_widget_add_css_class (self->help, "loket-field-help");
  gtk_widget_set_visible (self->help, field->help != NULL);
  gtk_widget_set_parent (self->help, GTK_WIDGET (self));

  if (field->type == LOKET_FIELD_TYPE_CHOICE || field->type == LOKET_FIELD_TYPE_YES_NO)
    {
      build_tiles (self);
      sync_tiles (self);
      input = self->tiles;
    }
  else if (is_date (field))
    {
      build_date_boxes (self);
      input = self->dates;
    }
  else
    {
      build_entry (self);
      input = self->entry;
    }
  gtk_widget_set_parent (input, GTK_WIDGET (self));
  /* Named by the question, for a screen reader and for the speech mode alike. */
  loket_speech_label_link (input, self->label, TRUE);

  self->message_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->message_box, "loket-field-message");
  self->message_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_image_set_icon_size (GTK_IMAGE (self->message_icon), GTK_ICON_SIZE_LARGE);
  gtk_box_append (GTK_BOX (self->message_box), self->message_icon);
  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_widget_set_hexpand (self->message_label, TRUE);
  gtk_box_append (GTK_BOX (self->message_box), self->message_label);
  self->confirm_button = gtk_button_new_with_label ("");
  gtk_widget_set_valign (self->confirm_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->confirm_button, "loket-confirm-warning");
  g_signal_connect (self->confirm_button, "clicked", G_CALLBACK (confirm_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->message_box), self->confirm_button);
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_widget_set_parent (self->message_box, GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->help,
                                  self->message_label, NULL, -1);
  for (guint i = 0; self->dates != NULL && i < LOKET_DATE_N_BOXES; i++)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (loket_field_row_get_nth_entry (self, i)),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->help,
                                    self->message_label, NULL, -1);

  loket_field_row_locale_changed (self);

  return GTK_WIDGET (self);
}

const LoketField *
loket_field_row_get_field (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);
  return self->field;
}

const char *
loket_field_row_get_group_id (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);
  return self->group_id;
}

guint
loket_field_row_get_index (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), 0);
  return self->index;
}

GtkWidget *
loket_field_row_get_entry (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);
  return self->entry;
}

GtkWidget *
loket_field_row_get_date_boxes (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);
  return self->dates;
}

GtkWidget *
loket_field_row_get_nth_entry (LoketFieldRow *self,
                               guint          n)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);

  if (self->dates != NULL)
    return n < LOKET_DATE_N_BOXES
           ? loket_date_boxes_get_entry (LOKET_DATE_BOXES (self->dates), (LoketDateBox) n)
           : NULL;
  return n == 0 ? self->entry : NULL;
}

gboolean
loket_field_row_matches (LoketFieldRow    *self,
                         const LoketIssue *issue)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), FALSE);
  g_return_val_if_fail (issue != NULL, FALSE);

  if (self->group_id == NULL)
    return issue->sub_field_id == NULL && g_strcmp0 (issue->field_id, self->field->id) == 0;

  return g_strcmp0 (issue->field_id, self->group_id) == 0 &&
         issue->entry_index == (int) self->index &&
         g_strcmp0 (issue->sub_field_id, self->field->id) == 0;
}

/* An empty field that must be filled says what to do in its own words ("Type the child's
 * full name."), not a "Please fill this in." that could stand under any field. The label
 * is lower-cased at its start unless its first word is an abbreviation (NIK, KK). */
static char *
required_message (const LoketField *field)
{
  const char *label = C_CATALOG (field->label);
  g_autofree char *phrase = NULL;
  gunichar first = g_utf8_get_char (label);
  const char *rest = g_utf8_next_char (label);

  if (*rest != '\0' && g_unichar_isupper (first) && !g_unichar_isupper (g_utf8_get_char (rest)))
    {
      char buf[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_tolower (first), buf);
      phrase = g_strconcat (buf, rest, NULL);
    }
  else
    {
      phrase = g_strdup (label);
    }

  switch (field->type)
    {
    case LOKET_FIELD_TYPE_YES_NO:
      /* Translators: under an unanswered yes-or-no question; %s is the question. */
      return g_strdup_printf (_("Answer “%s”: choose Yes or No."), label);
    case LOKET_FIELD_TYPE_CHOICE:
      /* Translators: under an unanswered choice; %s is its label, lower-cased ("the child's
       * sex"). */
      return g_strdup_printf (_("Choose the %s."), phrase);
    case LOKET_FIELD_TYPE_DATE:
      /* Translators: under an empty date; %s is its label ("the child's date of birth"). */
      return g_strdup_printf (_("Enter the %s."), phrase);
    default:
      /* Translators: under an empty field; %s is its label ("the child's full name"). */
      return g_strdup_printf (_("Type the %s."), phrase);
    }
}

void
loket_field_row_set_issue (LoketFieldRow    *self,
                           const LoketIssue *issue)
{
  g_return_if_fail (LOKET_IS_FIELD_ROW (self));

  /* A confirmed warning no longer needs the citizen. */
  if (issue != NULL && issue->severity == LOKET_ISSUE_WARNING && issue->confirmed)
    issue = NULL;

  g_clear_pointer (&self->issue_message, g_free);
  g_clear_pointer (&self->issue_warning_id, g_free);
  self->issue_box = LOKET_DATE_BOX_NONE;
  if (issue != NULL)
    {
      /* A date's boxes name the box that is wrong ("Month must be between 1 and 12."). */
      if (self->dates != NULL)
        self->issue_message = loket_date_boxes_dup_problem (LOKET_DATE_BOXES (self->dates),
                                                            &self->issue_box);
      if (self->issue_message == NULL)
        self->issue_message = g_strcmp0 (issue->code, "required") == 0
                              ? required_message (self->field)
                              : g_strdup (issue->message);
      self->issue_warning_id = g_strdup (issue->warning_id);
      self->issue_severity = issue->severity;
    }

  /* Mid-typing a shown message may go away (fixed) but does not turn into another. */
  if (entry_has_focus (self) && issue != NULL && self->shown_message != NULL)
    return;
  if (entry_has_focus (self) && self->shown_message == NULL)
    return;

  update_message (self);
}

gboolean
loket_field_row_has_issue (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), FALSE);
  return self->issue_message != NULL;
}

void
loket_field_row_reveal (LoketFieldRow *self)
{
  g_return_if_fail (LOKET_IS_FIELD_ROW (self));

  self->revealed = TRUE;
  update_message (self);
}

const char *
loket_field_row_get_message (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);
  return self->shown_message;
}

GtkWidget *
loket_field_row_get_confirm_button (LoketFieldRow *self)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);
  return gtk_widget_get_visible (self->confirm_button) ? self->confirm_button : NULL;
}

void
loket_field_row_set_required (LoketFieldRow *self,
                              gboolean       required)
{
  g_return_if_fail (LOKET_IS_FIELD_ROW (self));

  if (self->required == !!required)
    return;
  self->required = !!required;
  set_label_text (self);
}

void
loket_field_row_focus (LoketFieldRow *self)
{
  g_return_if_fail (LOKET_IS_FIELD_ROW (self));

  /* A date's problem is in the box it names. */
  if (self->dates != NULL && self->shown_message != NULL &&
      self->issue_box != LOKET_DATE_BOX_NONE)
    {
      gtk_widget_grab_focus (loket_date_boxes_get_entry (LOKET_DATE_BOXES (self->dates),
                                                         self->issue_box));
      return;
    }
  if (self->entry != NULL)
    {
      gtk_widget_grab_focus (self->entry);
      return;
    }

  /* A choice already made is where the keyboard resumes, as with radio buttons. */
  for (guint i = 0; i < self->toggles->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->toggles, i)))
      {
        gtk_widget_grab_focus (g_ptr_array_index (self->toggles, i));
        return;
      }
  if (self->toggles->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->toggles, 0));
}

static void
loket_field_row_dispose (GObject *object)
{
  LoketFieldRow *self = LOKET_FIELD_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->toggles, g_ptr_array_unref);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (loket_field_row_parent_class)->dispose (object);
}

static void
loket_field_row_finalize (GObject *object)
{
  LoketFieldRow *self = LOKET_FIELD_ROW (object);

  g_free (self->group_id);
  g_free (self->issue_message);
  g_free (self->issue_warning_id);
  g_free (self->shown_message);

  G_OBJECT_CLASS (loket_field_row_parent_class)->finalize (object);
}

static void
loket_field_row_class_init (LoketFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_field_row_dispose;
  object_class->finalize = loket_field_row_finalize;

  /**
   * LoketFieldRow::changed:
   *
   * The citizen changed the answer (or confirmed a warning): the page checks again.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loketfieldrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
loket_field_row_init (LoketFieldRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);
  self->toggles = g_ptr_array_new ();
  self->issue_box = LOKET_DATE_BOX_NONE;
}

/**
 * loket_field_row_get_tile_value:
 * @tile: one of the row's answer tiles (a choice's, Yes or No)
 *
 * Returns: the answer @tile gives, as stored ("true", a choice's value), or NULL when @tile
 * is not one of the row's tiles.
 */
const char *
loket_field_row_get_tile_value (LoketFieldRow *self,
                                GtkWidget     *tile)
{
  g_return_val_if_fail (LOKET_IS_FIELD_ROW (self), NULL);

  return tile_value (self, tile);
}
