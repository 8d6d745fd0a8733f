/* loket-admin-mode.h — the door to staff admin mode: the gesture, who is in, how long
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One per window. It watches the window for the way in — five taps within 3 s in the
 * top-left 96×96 px (header included), the last held for 1 s; a mouse's primary button counts
 * as a tap; or Ctrl+Alt+A — and only while Welcome is on screen, where no citizen's data can
 * be. Then it emits open-requested and the window shows "admin-login" (name list, PIN pad).
 * Once a staff member is in (loket_admin_mode_enter), it holds their name for the admin
 * screens' audit lines and a cap: after LOKET_ADMIN_MAX_SECONDS at most it emits expired and
 * the window returns to Welcome. Leaving by any way (Exit, the idle timer, the cap) ends the
 * visit with an audit line (loket_admin_mode_leave).
 */
#pragma once

#include <gtk/gtk.h>

#include "staff/loket-staff.h"

G_BEGIN_DECLS

#define LOKET_ADMIN_CORNER_PX       96
#define LOKET_ADMIN_TAPS            5
#define LOKET_ADMIN_TAPS_WITHIN_MS  3000
#define LOKET_ADMIN_HOLD_MS         1000
#define LOKET_ADMIN_IDLE_SECONDS    60      /* untouched, warning included */
#define LOKET_ADMIN_MAX_SECONDS     (15 * 60)

#define LOKET_TYPE_ADMIN_MODE (loket_admin_mode_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminMode, loket_admin_mode, LOKET, ADMIN_MODE, GObject)

/* Watches window (a LoketWindow) for the gesture and the chord. Signals:
 * open-requested (), expired (). */
LoketAdminMode *loket_admin_mode_new          (GtkWindow      *window,
                                               LoketStaff     *staff);
LoketStaff     *loket_admin_mode_get_staff    (LoketAdminMode *self);

/* The gesture's steps, as the window's events give them (window coordinates, event time
 * in ms); tests call them with times of their own. */
void            loket_admin_mode_press        (LoketAdminMode *self,
                                               double          x,
                                               double          y,
                                               guint32         time_ms);
void            loket_admin_mode_release      (LoketAdminMode *self,
                                               guint32         time_ms);

/* A staff member is in: the cap starts. */
void            loket_admin_mode_enter        (LoketAdminMode *self,
                                               const char     *name);
/* Who is in, or NULL. */
const char     *loket_admin_mode_get_name     (LoketAdminMode *self);
/* Whoever was in leaves (audit line "logout"); nothing when nobody was. */
void            loket_admin_mode_leave        (LoketAdminMode *self);

/* Tests: a shorter cap. */
void            loket_admin_mode_set_max_ms   (LoketAdminMode *self,
                                               guint           max_ms);

G_END_DECLS
