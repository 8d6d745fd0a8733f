/* loket-choose-tile.h — a life event's tile on the Choose page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "core/loket-catalog.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CHOOSE_TILE (loket_choose_tile_get_type ())
G_DECLARE_FINAL_TYPE (LoketChooseTile, loket_choose_tile, LOKET, CHOOSE_TILE, GtkButton)

/* A tile that activates choose.event with the event's id; agencies_text names the offices. */
GtkWidget  *loket_choose_tile_new            (const LoketLifeEvent *event,
                                              const char           *agencies_text);

const char *loket_choose_tile_get_event_id   (LoketChooseTile      *self);
/* Chosen shows in three ways: a frame, a tick with a word, and the checked state. */
void        loket_choose_tile_set_chosen     (LoketChooseTile      *self,
                                              gboolean              chosen);

G_END_DECLS
