/* loket-keyboard.h — Loket's own on-screen keyboard and keypad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-field-type.h"

G_BEGIN_DECLS

/* How a window uses it: put one keyboard below the scrolled content (the window's
 * LoketBands puts it below the footer or beside the content, and tells it which side faces
 * the rest with loket_keyboard_set_edge()), call loket_keyboard_watch_window() once, and let
 * every page attach its entries with loket_keyboard_attach_entry (kbd, entry,
 * loket_field_type_keyboard (type)). The keyboard then shows the right layout for the
 * focused entry, hides for anything else, and scrolls the entry into view in what is left
 * of its scroller (loket_scroll_to_widget()). Every attached entry is locked down
 * (loket_entry_lock_down(): no context menu, no emoji chooser); fields holding personal data
 * also get loket_entry_make_private(); the idle wipe calls loket_clipboard_wipe(). */

#define LOKET_TYPE_KEYBOARD (loket_keyboard_get_type ())

G_DECLARE_FINAL_TYPE (LoketKeyboard, loket_keyboard, LOKET, KEYBOARD, GtkWidget)

/* The state of the shift key: one-shot after one tap, caps lock after a double tap. */
typedef enum {
  LOKET_KEYBOARD_SHIFT_OFF,
  LOKET_KEYBOARD_SHIFT_ONCE,
  LOKET_KEYBOARD_SHIFT_LOCKED,
} LoketKeyboardShift;

GtkWidget          *loket_keyboard_new                (void);

void                loket_keyboard_set_target         (LoketKeyboard      *self,
                                                       GtkEditable        *target);
GtkEditable        *loket_keyboard_get_target         (LoketKeyboard      *self);
void                loket_keyboard_set_kind           (LoketKeyboard      *self,
                                                       LoketKeyboardKind   kind);
LoketKeyboardKind   loket_keyboard_get_kind           (LoketKeyboard      *self);
LoketKeyboardShift  loket_keyboard_get_shift          (LoketKeyboard      *self);
int                 loket_keyboard_get_height         (LoketKeyboard      *self);
void                loket_keyboard_set_edge           (LoketKeyboard      *self,
                                                       GtkPositionType     edge);

void                loket_keyboard_attach_entry       (LoketKeyboard      *self,
                                                       GtkEditable        *entry,
                                                       LoketKeyboardKind   kind);
void                loket_keyboard_watch_window       (LoketKeyboard      *self,
                                                       GtkWindow          *window);

void                loket_keyboard_locale_changed     (LoketKeyboard      *self);

GPtrArray          *loket_keyboard_get_keys           (LoketKeyboard      *self,
                                                       LoketKeyboardKind   kind);
const char         *loket_keyboard_key_get_name       (GtkWidget          *key);

void                loket_scroll_to_widget            (GtkScrolledWindow  *scroller,
                                                       GtkWidget          *widget);

void                loket_entry_lock_down             (GtkWidget          *entry);
void                loket_entry_make_private          (GtkWidget          *entry);
void                loket_clipboard_wipe              (GdkDisplay         *display);

G_END_DECLS
