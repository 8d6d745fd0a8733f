/* loket-date-boxes.h — a date as three boxes, day, month and year (GOV.UK's date input)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  LOKET_DATE_BOX_NONE = -1,
  LOKET_DATE_BOX_DAY,
  LOKET_DATE_BOX_MONTH,
  LOKET_DATE_BOX_YEAR,
  LOKET_DATE_N_BOXES
} LoketDateBox;

#define LOKET_TYPE_DATE_BOXES (loket_date_boxes_get_type ())
G_DECLARE_FINAL_TYPE (LoketDateBoxes, loket_date_boxes, LOKET, DATE_BOXES, GtkWidget)

/* Three labelled entries ("Day", "Month", "Year") that take digits. A whole date typed,
 * pasted or scanned into the day box ("17082024", "17-08-2024", "17/08/2024",
 * "2024-08-17") is spread across the three. Emits `changed` after each change. */
GtkWidget   *loket_date_boxes_new            (void);

GtkWidget   *loket_date_boxes_get_entry      (LoketDateBoxes *self,
                                              LoketDateBox    box);
/* The box holding entry (one of the three or inside one), or LOKET_DATE_BOX_NONE. */
LoketDateBox loket_date_boxes_find_box       (LoketDateBoxes *self,
                                              GtkWidget      *entry);

/* The answer as the request stores it: "DD-MM-YYYY" (a box left empty stays empty between
 * its hyphens, so the request sees an incomplete date); NULL when all three are empty. */
char        *loket_date_boxes_dup_value      (LoketDateBoxes *self);
/* Fills the boxes from a stored answer: "DD-MM-YYYY", "YYYY-MM-DD" or a part of one. */
void         loket_date_boxes_set_value      (LoketDateBoxes *self,
                                              const char     *value);
/* Spreads a whole date (see above) across the boxes; FALSE, boxes unchanged, when text is
 * not one. */
gboolean     loket_date_boxes_spread         (LoketDateBoxes *self,
                                              const char     *text);

/* What is wrong with one box, in words that name it ("Month must be between 1 and 12."),
 * and which (box may be NULL); NULL when the boxes are all empty or make a date. */
char        *loket_date_boxes_dup_problem    (LoketDateBoxes *self,
                                              LoketDateBox   *box);
/* Marks box as wrong (red border, "invalid" for a screen reader); NONE: none is. */
void         loket_date_boxes_set_invalid    (LoketDateBoxes *self,
                                              LoketDateBox    box);

/* Sets the boxes' labels again in the current language. */
void         loket_date_boxes_locale_changed (LoketDateBoxes *self);

G_END_DECLS
