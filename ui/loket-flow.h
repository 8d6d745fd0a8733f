/* loket-flow.h — the citizen flow's page table, and the contract every page keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * THE CONTRACT BETWEEN THE WINDOW (ui-shell) AND THE PAGES (ui-pages)
 *
 * Pages
 *  - Every page is a LoketPage subclass, created by the flow with
 *      g_object_new (TYPE, "session", session, NULL)
 *    and, for the form's steps, with "section", "<section id>" too (a construct-only string
 *    property the form page declares). `session` is a construct-only LoketSession* property
 *    of the base class: read it with loket_page_get_session() (never NULL in the flow).
 *  - The page kinds, their types and what the window must know of each (a counted step,
 *    one page per section, the idle timer's rule, Next restarting) are one table in
 *    loket-flow.c: "welcome", "choose", "documents", "form:<section id>", "review",
 *    "consent", "receipt" (which shows each part's way live), and "track" (off the citizen's way, reached from Welcome).
 *  - Base-class properties a page sets to shape the footer:
 *      title          the header's title ("Data of the child");
 *      complete       gates the footer's main button (Next / the page's next-label);
 *      next-label     NULL → "Next"; e.g. _("Submit"), _("Finish");
 *      show-back      default TRUE (the receipt and submitting pages hide it);
 *      show-next      default TRUE (the submitting page hides it until done);
 *      needs-keyboard the page types: the window keeps the on-screen keyboard for it.
 *  - Virtual functions: shown (the page became visible: focus the first field), apply_async
 *    (on Next: validate, store into the LoketRequest; FALSE keeps the citizen on the page and
 *    the page shows why next to the field), locale_changed (set every string again, catalog
 *    strings too), reset (forget everything typed; also called on the idle wipe).
 *  - Everything the citizen typed lives in the session's LoketRequest, written as they type
 *    (or at the latest in apply): the window may destroy and rebuild any page at any time
 *    (language change, idle wipe, sections changed) and the page must show the request's
 *    values again when it is built.
 *  - The window puts every page into a vertical GtkScrolledWindow of its own (the keyboard
 *    scrolls the focused entry into view through it): pages do not scroll themselves.
 *  - Language change: a page class that implements locale_changed gets it called (it must
 *    set every string again, catalog strings too); any other page is destroyed and built
 *    anew from the request.
 *  - Entries: loket_page_attach_entry (page, editable, kind) gives an entry the on-screen
 *    keyboard (layout from loket_field_type_keyboard()); it works before the page is in the
 *    window. Personal fields also call loket_entry_make_private().
 *
 * Navigation (window actions, installed with gtk_widget_class_install_action on
 * LoketWindow; any widget inside the window activates them)
 *  - flow.next     apply_async the current page; on success go to the next page of the table
 *  - flow.back     go to the previous page (nothing is applied, nothing is lost)
 *  - flow.restart  loket_session_reset(), rebuild every page, show welcome
 *  - flow.goto  s  a page name: "choose", "review", "consent", "receipt",
 *                  "track", "welcome" or "form:<section id>"; e.g. from the review page
 *                    gtk_widget_activate_action (button, "flow.goto", "s", "form:child");
 *                  the target page is shown without applying the current one.
 *  - flow.language s  the citizen picked a language ("id", "en").
 *  Consent's Submit stores the request durably, then the flow goes on to the receipt, which
 *  prints at once; the receipt's "Finish" is its next-label, and flow.next from it restarts.
 *
 * The table
 *   welcome → choose → documents → form:<section>… → review → consent → receipt
 *   (track is reached from welcome, and goes back to it). One form page per visible section
 *   of the request (loket_request_get_sections()), recomputed whenever the flow moves.
 *
 * Header: the page's title and "Step N of M", counted over the request's steps
 * (loket_flow_dup_steps): from "What you need" to the receipt, once a service is chosen.
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-page.h"
#include "loket-session.h"

G_BEGIN_DECLS

/* What the window must know of a kind of page. */
typedef enum {
  LOKET_PAGE_KIND_COUNTED       = 1 << 0,   /* a numbered step in the header */
  LOKET_PAGE_KIND_PER_SECTION   = 1 << 1,   /* one page per visible section: "form:<id>" */
  LOKET_PAGE_KIND_OFF_FLOW      = 1 << 2,   /* reached from Welcome, not on the way (Track) */
  LOKET_PAGE_KIND_NO_IDLE       = 1 << 3,   /* no idle timer: nothing of a citizen's shows */
  LOKET_PAGE_KIND_SHORT_IDLE    = 1 << 4,   /* the receipt's shorter idle time */
  LOKET_PAGE_KIND_NEXT_RESTARTS = 1 << 5,   /* Next ends the visit (the receipt's Finish) */
  LOKET_PAGE_KIND_ADMIN         = 1 << 6,   /* admin mode: only from Welcome, its own idle */
  LOKET_PAGE_KIND_OWN_LISTEN    = 1 << 7,   /* its own large Listen toggle: none in the footer */
  LOKET_PAGE_KIND_OWN_VISION    = 1 << 8,   /* its own Larger text and High contrast, ditto */
} LoketPageKindFlags;

#define LOKET_TYPE_FLOW (loket_flow_get_type ())
G_DECLARE_FINAL_TYPE (LoketFlow, loket_flow, LOKET, FLOW, GObject)

LoketFlow  *loket_flow_new            (LoketSession *session);
LoketSession *loket_flow_get_session  (LoketFlow    *self);

/* The page names of the citizen's way through, in order, as the request now stands
 * ("welcome", "choose", "form:child", …, "receipt"); "track" is not among them. */
GStrv       loket_flow_dup_names      (LoketFlow    *self);

/* The page after (or before) name, or NULL at either end; "track" goes back to "welcome". */
char       *loket_flow_dup_next       (LoketFlow    *self,
                                       const char   *name);
char       *loket_flow_dup_previous   (LoketFlow    *self,
                                       const char   *name);

/* One step of the request, for the header's count and the task list. */
typedef struct {
  char     *name;     /* the page's name: "documents", "form:child", "review", … */
  gboolean  needed;   /* FALSE: a section the answers given so far leave out (skipped) */
} LoketFlowStep;

void        loket_flow_step_free      (LoketFlowStep *step);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketFlowStep, loket_flow_step_free)

/* The request's steps in order (of LoketFlowStep*): "documents", every section the chosen
 * services want (asked now or hidden by an answer), "review", "consent", "receipt"; empty
 * while no service is chosen. Answers change a step's `needed`, never the list. */
GPtrArray  *loket_flow_dup_steps      (LoketFlow    *self);

/* Step n of m for the header, over loket_flow_dup_steps(); FALSE for pages outside the
 * steps (welcome, choose, track, admin) and before a service is chosen. */
gboolean    loket_flow_get_step       (LoketFlow    *self,
                                       const char   *name,
                                       guint        *n,
                                       guint        *m);

/* A new page for name, or NULL when no page applies (an unknown name, or a page type not
 * linked into this program). Returns a floating reference, as widgets are. */
LoketPage  *loket_flow_create_page    (LoketFlow    *self,
                                       const char   *name);

/* The table's flags for a page name ("form:child" has the form kind's); 0 when unknown. */
LoketPageKindFlags loket_flow_get_page_flags (const char *name);

/* Test hook: the type to build for a page kind ("form", "review", ...), instead of the
 * one found by name; G_TYPE_INVALID restores the lookup. */
void        loket_flow_override_type  (const char   *kind,
                                       GType         type);

G_END_DECLS
