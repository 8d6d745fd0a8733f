/* loket-task-list.h — the request's sections by name: where am I, what is done, what is left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-flow.h"

G_BEGIN_DECLS

/* What one task is, for the citizen: done (a tick, and a tap goes back to it), the page on
 * screen, not yet reached, or left out by an answer. */
typedef enum {
  LOKET_TASK_TO_DO,
  LOKET_TASK_CURRENT,
  LOKET_TASK_DONE,
  LOKET_TASK_NOT_NEEDED,
} LoketTaskState;

#define LOKET_TYPE_TASK_LIST (loket_task_list_get_type ())

G_DECLARE_FINAL_TYPE (LoketTaskList, loket_task_list, LOKET, TASK_LIST, GtkWidget)

GtkWidget      *loket_task_list_new        (void);

/* Shows the flow's steps (loket_flow_dup_steps) with current the page on screen (a page
 * outside the steps shows them as they were): the pages the citizen has reached are
 * remembered, and a step before the furthest one reached is done. */
void            loket_task_list_update     (LoketTaskList *self,
                                            LoketFlow     *flow,
                                            const char    *current);
/* Items to a row (three by default). */
void            loket_task_list_set_columns (LoketTaskList *self,
                                             guint          columns);
/* A new citizen: nothing is done. */
void            loket_task_list_forget     (LoketTaskList *self);

/* Tests: the number of tasks, a task's state, and its widget (a button when done). */
guint           loket_task_list_get_n_tasks (LoketTaskList *self);
LoketTaskState  loket_task_list_get_state  (LoketTaskList *self,
                                            const char    *name);
GtkWidget      *loket_task_list_get_item   (LoketTaskList *self,
                                            const char    *name);

G_END_DECLS
