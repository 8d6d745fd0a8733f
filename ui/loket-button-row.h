/* loket-button-row.h — buttons side by side while they fit, one above the other when not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A row of buttons (the Welcome page's languages, a consent card's answers) that stacks
 * them, each as wide as the row, when their natural widths side by side do not fit the
 * width it is given: a longer language or larger text never makes a page wider than its
 * screen, and no button is squeezed below the width of its text. Decided at each layout
 * from the space given, as GtkBox lays out its children otherwise. Children are added in
 * a .ui file as to any widget, or with loket_button_row_append(). */

#define LOKET_TYPE_BUTTON_ROW (loket_button_row_get_type ())

G_DECLARE_FINAL_TYPE (LoketButtonRow, loket_button_row, LOKET, BUTTON_ROW, GtkWidget)

GtkWidget  *loket_button_row_new             (void);

void        loket_button_row_append          (LoketButtonRow *self,
                                              GtkWidget      *child);

void        loket_button_row_set_spacing     (LoketButtonRow *self,
                                              int             spacing);
int         loket_button_row_get_spacing     (LoketButtonRow *self);
/* Side by side, every child as wide as the widest (stacked, they are all the row's width). */
void        loket_button_row_set_homogeneous (LoketButtonRow *self,
                                              gboolean        homogeneous);
gboolean    loket_button_row_get_homogeneous (LoketButtonRow *self);

/* Whether the last allocation stacked the children. */
gboolean    loket_button_row_get_stacked     (LoketButtonRow *self);

G_END_DECLS
