/* loket-keyboard-private.h — what the keyboard's files share: the layouts and their keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-keyboard.h"

G_BEGIN_DECLS

typedef enum {
  LOKET_KEY_END,
  LOKET_KEY_CHAR,
  LOKET_KEY_SHIFT,
  LOKET_KEY_BACKSPACE,
  LOKET_KEY_SPACE,
  LOKET_KEY_DONE,
  LOKET_KEY_HIDE,
} LoketKeyKind;

typedef struct {
  LoketKeyKind  kind;
  const char   *text;
  guint         span;  /* in grid columns; a plain key spans two */
} LoketKeyDef;

#define LOKET_KEYBOARD_MAX_ROW 12

typedef struct {
  const char         *name;   /* the keyboard's stack page; NULL for NONE */
  const LoketKeyDef (*rows)[LOKET_KEYBOARD_MAX_ROW];
  guint               n_rows;
  guint               columns;
} LoketKeyboardLayout;

#define LOKET_KEYBOARD_N_LAYOUTS (LOKET_KEYBOARD_PHONE + 1)

/* Indexed by LoketKeyboardKind. */
extern const LoketKeyboardLayout loket_keyboard_layouts[LOKET_KEYBOARD_N_LAYOUTS];

gboolean  loket_keyboard_key_is_letter (const char          *text);
void      loket_keyboard_key_describe  (const LoketKeyDef   *def,
                                        LoketKeyboardShift   shift,
                                        char               **label,
                                        char               **name);

/* A key button of a layout (loket-keyboard-keys.c). */
#define LOKET_TYPE_KEYBOARD_KEY (loket_keyboard_key_get_type ())
G_DECLARE_FINAL_TYPE (LoketKeyboardKey, loket_keyboard_key, LOKET, KEYBOARD_KEY, GtkButton)

GPtrArray *loket_keyboard_build_layout    (LoketKeyboardKind   kind,
                                           GtkGrid            *grid);
void       loket_keyboard_key_update      (GtkWidget          *button,
                                           LoketKeyboardShift  shift);
gboolean   loket_keyboard_key_shows_shift (GtkWidget          *button);

G_END_DECLS
