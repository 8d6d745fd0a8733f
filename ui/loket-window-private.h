/* loket-window-private.h — LoketWindow's insides, shared by the files that make it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * loket-window.c drives the flow (pages, footer, focus, idle wipe); loket-window-header.c
 * keeps the header: the page's title and step, the hall's name, the language choice;
 * loket-window-wayfinding.c the form page's heading, the task list and the footer's
 * larger-text and high-contrast toggles; loket-window-help.c the footer's Help.
 */
#pragma once

#include "loket-admin-mode.h"
#include "loket-bands.h"
#include "loket-speech-mode.h"
#include "loket-window.h"

G_BEGIN_DECLS

typedef struct _LoketWayfinding LoketWayfinding;

struct _LoketWindow
{
  GtkApplicationWindow  parent_instance;

  gboolean              kiosk;
  LoketSession         *session;
  LoketFlow            *flow;

  GHashTable           *pages;          /* name -> LoketPage*, owned by the stack */
  char                 *current;        /* the shown page's name */
  LoketPage            *current_page;   /* not referenced: the stack holds it */
  GSignalGroup         *page_signals;
  gboolean              applying;
  gboolean              resetting;
  gboolean              syncing_toggles;

  GtkWidget            *keyboard;
  GtkWidget            *idle;
  gboolean              test_timeouts;   /* a test set the idle times: keep them */
  LoketAdminMode       *admin;          /* the door to staff admin mode */
  LoketSpeechMode      *speech_mode;    /* loket-speech-mode.c */
  LoketWayfinding      *wayfinding;     /* loket-window-wayfinding.c */

  /* template children */
  GtkOverlay           *overlay;
  LoketBands           *bands;
  GtkLabel             *hall_label;
  GtkBox               *languages_box;
  GtkLabel             *title_label;
  GtkLabel             *step_label;
  GtkWidget            *content_box;   /* heading, the pages, the task list */
  GtkStack             *stack;
  GtkWidget            *footer_band;   /* the footer's row, then the vision toggles */
  GtkBox               *footer;
  GtkButton            *back_button;
  GtkWidget            *footer_aids;   /* Help and Listen (a LoketButtonRow) */
  GtkWidget            *footer_listen;
  GtkButton            *next_button;
};

/* loket-window-header.c */
/* Connects the template's toggles (from init). */
void loket_window_header_setup           (LoketWindow *self);
/* One button per offered language (once, when the session is known). */
void loket_window_header_build_languages (LoketWindow *self);
/* The current page's title and step. */
void loket_window_header_update          (LoketWindow *self);
/* The hall's name and the toggles' names, in the current language. */
void loket_window_header_update_strings  (LoketWindow *self);
/* The toggles as the theme and the session's language are. */
void loket_window_header_sync_toggles    (LoketWindow *self);

/* loket-window-wayfinding.c: the form page's heading, the task list, the footer's toggles. */
void loket_window_wayfinding_setup         (LoketWindow *self);
void loket_window_wayfinding_connect       (LoketWindow *self);
void loket_window_wayfinding_update        (LoketWindow *self);
void loket_window_wayfinding_update_strings (LoketWindow *self);

/* loket-window-help.c: the footer's Help button and its notice (once the session is known). */
void loket_window_help_setup             (LoketWindow *self);
void loket_window_help_update_strings    (LoketWindow *self);

G_END_DECLS
