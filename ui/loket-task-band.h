/* loket-task-band.h — where the task list sits: below the page, or beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOKET_TYPE_TASK_BAND (loket_task_band_get_type ())

G_DECLARE_FINAL_TYPE (LoketTaskBand, loket_task_band, LOKET, TASK_BAND, GtkWidget)

GtkWidget *loket_task_band_new        (GtkWidget     *task_list);
void       loket_task_band_set_beside (LoketTaskBand *self,
                                       gboolean       beside);
gboolean   loket_task_band_get_beside (LoketTaskBand *self);
void       loket_task_band_show_current (LoketTaskBand *self,
                                         const char    *current);

G_END_DECLS
