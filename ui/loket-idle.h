/* loket-idle.h — the idle timer and its warning, over the page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The shortest warning a citizen gets before the wipe: time to read, turn, and touch. */
#define LOKET_IDLE_MIN_WARNING_SECONDS 20

#define LOKET_TYPE_IDLE (loket_idle_get_type ())
G_DECLARE_FINAL_TYPE (LoketIdle, loket_idle, LOKET, IDLE, GtkWidget)

/* The warning is an overlay child (it hides itself while nobody is warned); watch() makes
 * every key, touch, click and scroll under root count as activity. Signal: expired (). */
GtkWidget *loket_idle_new              (void);
void       loket_idle_watch            (LoketIdle  *self,
                                        GtkWidget  *root);

/* Idle time before the warning, and the warning's countdown. The kiosk passes seconds
 * (the countdown at least LOKET_IDLE_MIN_WARNING_SECONDS); tests pass shorter times. */
void       loket_idle_set_timeouts_ms  (LoketIdle  *self,
                                        guint       idle_ms,
                                        guint       warning_ms);
guint      loket_idle_get_idle_ms      (LoketIdle  *self);

/* Disabled (e.g. on the welcome page), nothing runs and no warning shows. */
void       loket_idle_set_enabled      (LoketIdle  *self,
                                        gboolean    enabled);
gboolean   loket_idle_get_enabled      (LoketIdle  *self);

/* Activity: the timer starts again and a shown warning goes away. */
void       loket_idle_poke             (LoketIdle  *self);
gboolean   loket_idle_is_warning       (LoketIdle  *self);
guint      loket_idle_get_seconds_left (LoketIdle  *self);

void       loket_idle_locale_changed   (LoketIdle  *self);

/* Help called staff: the timer waits this long before its idle time starts again. */
void       loket_idle_pause            (LoketIdle  *self,
                                        guint       seconds);
/* The receipt page: the warning asks "Have you taken your receipt?", and the timer does not
 * run until loket_idle_receipt_out () (printed, or shown long enough to photograph). */
void       loket_idle_set_receipt      (LoketIdle  *self,
                                        gboolean    receipt);
void       loket_idle_receipt_out      (LoketIdle  *self);
/* Tests: the warning's countdown moves on by ms at once, as if that time had passed. */
void       loket_idle_skip_ms          (LoketIdle  *self,
                                        guint       ms);
/* Whether the timer counts now (or warns). */
gboolean   loket_idle_is_running       (LoketIdle  *self);

G_END_DECLS
