/* loket-date-boxes.c — a date as three boxes, day, month and year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GOV.UK asks for a date in three boxes: nobody has to know which order or which separator
 * a single box wants, and a problem can name the box that is wrong. The boxes take digits
 * (the on-screen digit keypad); the day box also takes "-", "/" and "." so that a whole
 * date typed, pasted or scanned into it is understood: it is spread across the three as
 * soon as it is complete. The request still stores "DD-MM-YYYY" (its wire value,
 * YYYY-MM-DD, is made from that as before).
 */
#define G_LOG_DOMAIN "loket-date-boxes"

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "loket-date-boxes.h"
#include "loket-keyboard.h"
#include "loket-speech-label.h"

struct _LoketDateBoxes
{
  GtkWidget  parent_instance;

  GtkWidget *labels[LOKET_DATE_N_BOXES];
  GtkWidget *entries[LOKET_DATE_N_BOXES];
  gboolean   updating;
};

G_DEFINE_FINAL_TYPE (LoketDateBoxes, loket_date_boxes, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The most characters each box keeps: the day box has room for a whole date. */
static const guint box_limit[LOKET_DATE_N_BOXES] = { 10, 2, 4 };

static const char *
box_name (LoketDateBox box)
{
  switch (box)
    {
    case LOKET_DATE_BOX_DAY:
      /* Translators: the label of the first of a date's three boxes. */
      return _("Day");
    case LOKET_DATE_BOX_MONTH:
      /* Translators: the label of the second of a date's three boxes. */
      return _("Month");
    case LOKET_DATE_BOX_YEAR:
    default:
      /* Translators: the label of the third of a date's three boxes. */
      return _("Year");
    }
}

static const char *
box_text (LoketDateBoxes *self,
          LoketDateBox    box)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->entries[box]));
}

static void
set_box_text (LoketDateBoxes *self,
              LoketDateBox    box,
              const char     *text)
{
  self->updating = TRUE;
  if (g_strcmp0 (text, box_text (self, box)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entries[box]), text);
  self->updating = FALSE;
}

/* Reads up to three runs of digits split by one of "-/. "; the number of runs read. */
static guint
split_runs (const char *text,
            char        runs[3][11],
            char       *separator)
{
  guint n = 0, len = 0;

  *separator = '\0';
  memset (runs, 0, sizeof (char[3][11]));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (len >= 10)
            return 0;
          runs[n][len++] = *p;
        }
      else if (strchr ("-/. ", *p) != NULL && len > 0 && n < 2 &&
               (*separator == '\0' || *separator == *p))
        {
          *separator = *p;
          n++;
          len = 0;
        }
      else
        {
          return 0;
        }
    }

  return len > 0 ? n + 1 : n;
}

static gboolean
valid_dmy (guint day,
           guint month,
           guint year)
{
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1 && year <= 9999 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Whether text is a whole date: day, month and year as strings of digits. */
static gboolean
parse_whole (const char *text,
             char        day[11],
             char        month[11],
             char        year[11])
{
  char runs[3][11];
  char separator;
  guint n = split_runs (text, runs, &separator);

  if (n == 1 && strlen (runs[0]) == 8)
    {
      const char *d = runs[0];

      /* DDMMYYYY, as the keypad types it; YYYYMMDD only where that is no date. */
      guint dd = (guint) (d[0] - '0') * 10 + (guint) (d[1] - '0');
      guint mm = (guint) (d[2] - '0') * 10 + (guint) (d[3] - '0');
      guint yyyy = (guint) g_ascii_strtoull (d + 4, NULL, 10);
      guint iso_year = (guint) (g_ascii_strtoull (d, NULL, 10) / 10000);
      guint iso_month = (guint) (d[4] - '0') * 10 + (guint) (d[5] - '0');
      guint iso_day = (guint) (d[6] - '0') * 10 + (guint) (d[7] - '0');

      if (!valid_dmy (dd, mm, yyyy) && valid_dmy (iso_day, iso_month, iso_year))
        {
          g_snprintf (day, 11, "%.2s", d + 6);
          g_snprintf (month, 11, "%.2s", d + 4);
          g_snprintf (year, 11, "%.4s", d);
          return TRUE;
        }
      g_snprintf (day, 11, "%.2s", d);
      g_snprintf (month, 11, "%.2s", d + 2);
      g_snprintf (year, 11, "%.4s", d + 4);
      return TRUE;
    }
  if (n != 3)
    return FALSE;

  /* YYYY-MM-DD (the wire's), with a two-digit day so that "2024-08-1" waits for its "7". */
  if (strlen (runs[0]) == 4 && strlen (runs[1]) <= 2 && strlen (runs[2]) == 2)
    {
      g_strlcpy (year, runs[0], 11);
      g_strlcpy (month, runs[1], 11);
      g_strlcpy (day, runs[2], 11);
      return TRUE;
    }
  /* D-M-YYYY, DD/MM/YYYY, DD.MM.YYYY. */
  if (strlen (runs[0]) <= 2 && strlen (runs[1]) <= 2 && strlen (runs[2]) == 4)
    {
      g_strlcpy (day, runs[0], 11);
      g_strlcpy (month, runs[1], 11);
      g_strlcpy (year, runs[2], 11);
      return TRUE;
    }

  return FALSE;
}

gboolean
loket_date_boxes_spread (LoketDateBoxes *self,
                         const char     *text)
{
  char day[11], month[11], year[11];

  g_return_val_if_fail (LOKET_IS_DATE_BOXES (self), FALSE);

  if (text == NULL || !parse_whole (text, day, month, year))
    return FALSE;

  set_box_text (self, LOKET_DATE_BOX_DAY, day);
  set_box_text (self, LOKET_DATE_BOX_MONTH, month);
  set_box_text (self, LOKET_DATE_BOX_YEAR, year);
  return TRUE;
}

/* What box keeps of text: digits (and in the day box a date's separators), up to its limit. */
static char *
box_filter (LoketDateBox  box,
            const char   *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && out->len < box_limit[box]; p++)
    if (g_ascii_isdigit (*p) ||
        (box == LOKET_DATE_BOX_DAY && strchr ("-/.", *p) != NULL && out->len > 0))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static LoketDateBox
box_of_text (LoketDateBoxes *self,
             GtkEditable    *text)
{
  for (int i = 0; i < LOKET_DATE_N_BOXES; i++)
    if (GTK_EDITABLE (self->entries[i]) == text ||
        gtk_editable_get_delegate (GTK_EDITABLE (self->entries[i])) == text)
      return (LoketDateBox) i;

  return LOKET_DATE_BOX_NONE;
}

/* Typed, pasted or scanned: the box keeps what it takes; a whole date in the day box is
 * spread, and the caret goes to the end of the year, the date's last box. */
static void
insert_text_cb (GtkEditable    *text,
                const char     *new_text,
                int             length,
                int            *position,
                LoketDateBoxes *self)
{
  LoketDateBox box = box_of_text (self, text);
  const char *current = gtk_editable_get_text (text);
  gsize byte_pos = g_utf8_offset_to_pointer (current, *position) - current;
  g_autofree char *typed = g_strndup (new_text, length < 0 ? strlen (new_text)
                                                           : (gsize) length);
  g_autofree char *all = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *head = NULL;
  g_autofree char *kept_head = NULL;

  if (self->updating || box == LOKET_DATE_BOX_NONE)
    return;

  g_signal_stop_emission_by_name (text, "insert-text");
  head = g_strdup_printf ("%.*s%s", (int) byte_pos, current, typed);
  all = g_strconcat (head, current + byte_pos, NULL);

  if (box == LOKET_DATE_BOX_DAY && loket_date_boxes_spread (self, all))
    {
      GtkWidget *year = self->entries[LOKET_DATE_BOX_YEAR];

      if (gtk_widget_has_focus (self->entries[LOKET_DATE_BOX_DAY]) ||
          gtk_widget_has_focus (GTK_WIDGET (text)))
        gtk_widget_grab_focus (year);
      gtk_editable_set_position (GTK_EDITABLE (year), -1);
      *position = (int) g_utf8_strlen (box_text (self, LOKET_DATE_BOX_DAY), -1);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return;
    }

  kept = box_filter (box, all);
  kept_head = box_filter (box, head);
  set_box_text (self, box, kept);
  *position = (int) MIN (strlen (kept_head), strlen (kept));
  gtk_editable_set_position (text, *position);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
entry_changed_cb (GtkEditable    *editable,
                  LoketDateBoxes *self)
{
  if (self->updating)
    return;
  /* A deletion (insertions come through insert_text_cb). */
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

char *
loket_date_boxes_dup_value (LoketDateBoxes *self)
{
  const char *parts[LOKET_DATE_N_BOXES];
  char padded[2][4];

  g_return_val_if_fail (LOKET_IS_DATE_BOXES (self), NULL);

  for (int i = 0; i < LOKET_DATE_N_BOXES; i++)
    parts[i] = box_text (self, i);
  if (*parts[0] == '\0' && *parts[1] == '\0' && *parts[2] == '\0')
    return NULL;

  /* "7" as "07": the stored answer reads as the single date field stored it. */
  for (int i = 0; i < 2; i++)
    if (strlen (parts[i]) == 1 && g_ascii_isdigit (parts[i][0]))
      {
        g_snprintf (padded[i], sizeof padded[i], "0%s", parts[i]);
        parts[i] = padded[i];
      }

  return g_strdup_printf ("%s-%s-%s", parts[0], parts[1], parts[2]);
}

void
loket_date_boxes_set_value (LoketDateBoxes *self,
                            const char     *value)
{
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (LOKET_IS_DATE_BOXES (self));

  if (value != NULL && loket_date_boxes_spread (self, value))
    return;

  parts = g_strsplit (value != NULL ? value : "", "-", 3);
  for (int i = 0; i < LOKET_DATE_N_BOXES; i++)
    {
      g_autofree char *kept = box_filter (i, i < (int) g_strv_length (parts) ? parts[i] : "");

      set_box_text (self, i, kept);
    }
}

/* A box's number, or -1 when it holds anything but 1 to 4 digits. */
static int
box_number (LoketDateBoxes *self,
            LoketDateBox    box)
{
  const char *text = box_text (self, box);
  gsize len = strlen (text);

  if (len == 0 || len > 4)
    return -1;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return -1;

  return (int) g_ascii_strtoull (text, NULL, 10);
}

static char *
missing_problem (LoketDateBoxes *self,
                 LoketDateBox   *box)
{
  static const LoketDateBox order[] = { LOKET_DATE_BOX_DAY, LOKET_DATE_BOX_MONTH,
                                        LOKET_DATE_BOX_YEAR };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (*box_text (self, order[i]) != '\0')
        continue;
      *box = order[i];
      switch (order[i])
        {
        case LOKET_DATE_BOX_DAY:
          return g_strdup (_("The date must include a day."));
        case LOKET_DATE_BOX_MONTH:
          return g_strdup (_("The date must include a month."));
        default:
          return g_strdup (_("The date must include a year."));
        }
    }

  return NULL;
}

char *
loket_date_boxes_dup_problem (LoketDateBoxes *self,
                              LoketDateBox   *box)
{
  LoketDateBox dummy;
  char *missing;
  int day, month, year;

  g_return_val_if_fail (LOKET_IS_DATE_BOXES (self), NULL);

  if (box == NULL)
    box = &dummy;
  *box = LOKET_DATE_BOX_NONE;
  if (*box_text (self, LOKET_DATE_BOX_DAY) == '\0' &&
      *box_text (self, LOKET_DATE_BOX_MONTH) == '\0' &&
      *box_text (self, LOKET_DATE_BOX_YEAR) == '\0')
    return NULL;
  if ((missing = missing_problem (self, box)) != NULL)
    return missing;

  day = box_number (self, LOKET_DATE_BOX_DAY);
  month = box_number (self, LOKET_DATE_BOX_MONTH);
  year = box_number (self, LOKET_DATE_BOX_YEAR);
  if (day < 1 || day > 31)
    {
      *box = LOKET_DATE_BOX_DAY;
      return g_strdup (_("Day must be between 1 and 31."));
    }
  if (month < 1 || month > 12)
    {
      *box = LOKET_DATE_BOX_MONTH;
      return g_strdup (_("Month must be between 1 and 12."));
    }
  if (year < 1 || strlen (box_text (self, LOKET_DATE_BOX_YEAR)) != 4)
    {
      *box = LOKET_DATE_BOX_YEAR;
      return g_strdup (_("Year must have 4 digits, such as 1990."));
    }
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      *box = LOKET_DATE_BOX_DAY;
      return g_strdup_printf (_("Day must be between 1 and %u in this month."),
                              (guint) g_date_get_days_in_month ((GDateMonth) month,
                                                                (GDateYear) year));
    }

  return NULL;
}

void
loket_date_boxes_set_invalid (LoketDateBoxes *self,
                              LoketDateBox    box)
{
  g_return_if_fail (LOKET_IS_DATE_BOXES (self));

  for (int i = 0; i < LOKET_DATE_N_BOXES; i++)
    {
      GtkWidget *entry = self->entries[i];

      if (i == (int) box)
        gtk_widget_add_css_class (entry, "error");
      else
        gtk_widget_remove_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   i == (int) box ? GTK_ACCESSIBLE_INVALID_TRUE
                                                  : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

GtkWidget *
loket_date_boxes_get_entry (LoketDateBoxes *self,
                            LoketDateBox    box)
{
  g_return_val_if_fail (LOKET_IS_DATE_BOXES (self), NULL);
  g_return_val_if_fail (box >= 0 && box < LOKET_DATE_N_BOXES, NULL);

  return self->entries[box];
}

LoketDateBox
loket_date_boxes_find_box (LoketDateBoxes *self,
                           GtkWidget      *entry)
{
  g_return_val_if_fail (LOKET_IS_DATE_BOXES (self), LOKET_DATE_BOX_NONE);

  for (int i = 0; entry != NULL && i < LOKET_DATE_N_BOXES; i++)
    if (entry == self->entries[i] || gtk_widget_is_ancestor (entry, self->entries[i]))
      return (LoketDateBox) i;

  return LOKET_DATE_BOX_NONE;
}

void
loket_date_boxes_locale_changed (LoketDateBoxes *self)
{
  g_return_if_fail (LOKET_IS_DATE_BOXES (self));

  for (int i = 0; i < LOKET_DATE_N_BOXES; i++)
    gtk_label_set_text (GTK_LABEL (self->labels[i]), box_name (i));
}

static void
loket_date_boxes_dispose (GObject *object)
{
  LoketDateBoxes *self = LOKET_DATE_BOXES (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (loket_date_boxes_parent_class)->dispose (object);
}

static void
loket_date_boxes_class_init (LoketDateBoxesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_date_boxes_dispose;

  /**
   * LoketDateBoxes::changed:
   *
   * A box changed: the date the boxes make may be another.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loketdateboxes");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
loket_date_boxes_init (LoketDateBoxes *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  static const int width_chars[LOKET_DATE_N_BOXES] = { 3, 3, 5 };

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);
  gtk_widget_add_css_class (GTK_WIDGET (self), "loket-date-boxes");

  for (int i = 0; i < LOKET_DATE_N_BOXES; i++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *entry = gtk_entry_new ();

      self->labels[i] = gtk_label_new (box_name (i));
      gtk_label_set_xalign (GTK_LABEL (self->labels[i]), 0);
      gtk_widget_add_css_class (self->labels[i], "loket-date-box-label");
      gtk_box_append (GTK_BOX (column), self->labels[i]);

      self->entries[i] = entry;
      gtk_widget_add_css_class (entry, "loket-field-entry");
      gtk_widget_add_css_class (entry, "loket-date-box");
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars[i]);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width_chars[i]);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
      /* Everything a citizen types here is about them. */
      loket_entry_make_private (entry);
      /* Named by its label ("Day"); the group of the three by the question. */
      loket_speech_label_link (entry, self->labels[i], FALSE);
      g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "insert-text",
                        G_CALLBACK (insert_text_cb), self);
      g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
      gtk_box_append (GTK_BOX (column), entry);
      gtk_widget_set_parent (column, GTK_WIDGET (self));
    }
}

GtkWidget *
loket_date_boxes_new (void)
{
  return g_object_new (LOKET_TYPE_DATE_BOXES, NULL);
}
