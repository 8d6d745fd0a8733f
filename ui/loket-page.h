/* loket-page.h — the base class of the citizen flow's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-keyboard.h"
#include "loket-session.h"

G_BEGIN_DECLS

#define LOKET_TYPE_PAGE (loket_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (LoketPage, loket_page, LOKET, PAGE, GtkWidget)

/**
 * LoketPageClass:
 * @shown: the page became the visible one (start timers, focus the first field)
 * @locale_changed: the citizen's language changed: set every string again
 * @apply_async: the citizen pressed "Next": validate or save, then call back; the
 *   default succeeds at once
 * @apply_finish: finishes @apply_async; %FALSE keeps the citizen on the page
 * @reset: forget everything the citizen entered (idle wipe, "Finish")
 * @show_problems: the citizen pressed "Next" while the page is not `complete`: say what
 *   stands in the way (an error summary, the first problem focused); Next is never greyed
 *   out, so this is the page's answer to that press. The default does nothing.
 */
struct _LoketPageClass
{
  GtkWidgetClass parent_class;

  void     (*shown)          (LoketPage            *page);
  void     (*locale_changed) (LoketPage            *page);
  void     (*apply_async)    (LoketPage            *page,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gboolean (*apply_finish)   (LoketPage            *page,
                              GAsyncResult         *result,
                              GError              **error);
  void     (*reset)          (LoketPage            *page);
  void     (*show_problems)  (LoketPage            *page);

  gpointer padding[7];
};

const char   *loket_page_get_title          (LoketPage            *page);
void          loket_page_set_title          (LoketPage            *page,
                                             const char           *title);
gboolean      loket_page_get_complete       (LoketPage            *page);
void          loket_page_set_complete       (LoketPage            *page,
                                             gboolean              complete);
void          loket_page_show_problems      (LoketPage            *page);
gboolean      loket_page_get_needs_keyboard (LoketPage            *page);
void          loket_page_set_needs_keyboard (LoketPage            *page,
                                             gboolean              needs_keyboard);
GCancellable *loket_page_get_cancellable    (LoketPage            *page);

/* The flow's shared state; NULL only for pages built outside a flow (tests). */
LoketSession *loket_page_get_session        (LoketPage            *page);

/* The footer: the main button's label (NULL: "Next"), and whether Back and the main button
 * show at all. */
const char   *loket_page_get_next_label     (LoketPage            *page);
void          loket_page_set_next_label     (LoketPage            *page,
                                             const char           *next_label);
gboolean      loket_page_get_show_back      (LoketPage            *page);
void          loket_page_set_show_back      (LoketPage            *page,
                                             gboolean              show_back);
gboolean      loket_page_get_show_next      (LoketPage            *page);
void          loket_page_set_show_next      (LoketPage            *page,
                                             gboolean              show_next);

/* Gives an entry the on-screen keyboard in the layout kind; works before the page is in a
 * window (the window hands the page its keyboard with loket_page_set_keyboard()). */
void          loket_page_attach_entry       (LoketPage            *page,
                                             GtkEditable          *entry,
                                             LoketKeyboardKind     kind);
LoketKeyboard *loket_page_get_keyboard      (LoketPage            *page);
void          loket_page_set_keyboard       (LoketPage            *page,
                                             LoketKeyboard        *keyboard);

void          loket_page_shown              (LoketPage            *page);
void          loket_page_locale_changed     (LoketPage            *page);
void          loket_page_apply_async        (LoketPage            *page,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      loket_page_apply_finish       (LoketPage            *page,
                                             GAsyncResult         *result,
                                             GError              **error);
void          loket_page_reset              (LoketPage            *page);

G_END_DECLS
