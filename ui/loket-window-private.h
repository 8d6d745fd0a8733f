/* loket-window-private.h — LoketWindow's insides, shared by the files that make it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * loket-window.c drives the flow (pages, footer, focus, idle wipe); loket-window-header.c
 * keeps the header: the page's title and step, the hall's name, the language choice and
 * the larger-text and high-contrast toggles. Nothing outside those two files includes this.
 */
#pragma once

#include "loket-admin-mode.h"
#include "loket-bands.h"
#include "loket-speech-mode.h"
#include "loket-window.h"

G_BEGIN_DECLS

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

  /* template children */
  GtkOverlay           *overlay;
  LoketBands           *bands;
  GtkLabel             *hall_label;
  GtkBox               *languages_box;
  GtkToggleButton      *large_text_button;
  GtkToggleButton      *contrast_button;
  GtkLabel             *title_label;
  GtkLabel             *step_label;
  GtkStack             *stack;
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

/* loket-window-help.c: the footer's Help button and its notice (once the session is known). */
void loket_window_help_setup             (LoketWindow *self);
void loket_window_help_update_strings    (LoketWindow *self);

G_END_DECLS
