/* loket-window.h — the kiosk's one window: header, pages of the flow, footer, keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-application.h"
#include "loket-flow.h"
#include "loket-idle.h"
#include "loket-keyboard.h"
#include "loket-page.h"
#include "loket-session.h"
#include "loket-speech-mode.h"

G_BEGIN_DECLS

#define LOKET_TYPE_WINDOW (loket_window_get_type ())

G_DECLARE_FINAL_TYPE (LoketWindow, loket_window, LOKET, WINDOW, GtkApplicationWindow)

/* The application's session. */
LoketWindow   *loket_window_new                  (LoketApplication *application,
                                                  gboolean          kiosk);
LoketWindow   *loket_window_new_with_session     (LoketApplication *application,
                                                  LoketSession     *session,
                                                  gboolean          kiosk);
gboolean       loket_window_is_kiosk             (LoketWindow      *self);
LoketSession  *loket_window_get_session          (LoketWindow      *self);
LoketFlow     *loket_window_get_flow             (LoketWindow      *self);

/* The page on screen and its name in the flow ("welcome", "form:child", …). */
const char    *loket_window_get_page_name        (LoketWindow      *self);
LoketPage     *loket_window_get_page             (LoketWindow      *self);
/* A page built earlier and kept (Back finds it), or NULL. */
LoketPage     *loket_window_lookup_page          (LoketWindow      *self,
                                                  const char       *name);
LoketKeyboard *loket_window_get_keyboard         (LoketWindow      *self);
LoketIdle     *loket_window_get_idle             (LoketWindow      *self);
/* The door to staff admin mode (loket-admin-mode.h). */
typedef struct _LoketAdminMode LoketAdminMode;
LoketAdminMode *loket_window_get_admin_mode      (LoketWindow      *self);

/* The idle wipe: every page reset and destroyed, clipboard and request wiped, welcome. */
void           loket_window_restart              (LoketWindow      *self);

/* Tests: idle times shorter than the configuration allows. */
void           loket_window_set_idle_timeouts_ms (LoketWindow      *self,
                                                  guint             idle_ms,
                                                  guint             warning_ms);

/* The speech mode (Listen): its engine's log is what tests read. */
LoketSpeechMode *loket_window_get_speech_mode    (LoketWindow      *self);

/* A language's name in itself ("Bahasa Indonesia", "English"), or the code. */
const char    *loket_language_endonym            (const char       *code);

/* The task list below the page (loket-task-list.h), and a form page's heading above it. */
GtkWidget     *loket_window_get_task_list        (LoketWindow      *self);
GtkWidget     *loket_window_get_page_heading     (LoketWindow      *self);

/* Whether the Help notice ("A staff member is on the way") shows now. */
gboolean       loket_window_help_notice_shown    (LoketWindow      *self);

G_END_DECLS
