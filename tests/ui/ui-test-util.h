/* ui-test-util.h — one kiosk for widget tests: simulator, configuration, session, window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the shell's and the pages' widget tests. Typical use:
 *
 *   ui_test_init (&argc, &argv);                      // gtk_test_init, styles, i18n
 *   g_autoptr(UiTestEnv) env = ui_test_env_new (NULL); // sim on port 0, config, session
 *   LoketWindow *window = ui_test_window_new (env, 1080, 1920);
 *   ui_test_activate (window, "flow.next", NULL);
 *   ui_test_wait_for_page (window, "choose");
 *   ui_test_screenshot (GTK_WIDGET (window), "choose-id-portrait");
 *   ui_test_window_destroy (window);
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-session.h"
#include "loket-admin-status.h"
#include "loket-window.h"

G_BEGIN_DECLS

typedef struct {
  char         *dir;          /* a temporary folder holding everything below */
  char         *state_dir;
  char         *key_file;     /* 32 bytes, mode 0600 */
  char         *receipts;     /* the pdf printer's folder */
  char         *config_path;
  GSubprocess  *sim;          /* the agency simulator, or NULL (ui_test_env_new_full) */
  guint         port;
  LoketConfig  *config;
  LoketSession *session;
} UiTestEnv;

/* gtk_test_init, Loket's text domains and style sheet; call first in main(). */
void          ui_test_init            (int          *argc,
                                       char       ***argv);

/* For a test that takes the kiosk out of service, first thing in main(): the kiosk's
 * service-state lines (a WARNING when it goes out) are counted and printed as messages,
 * rather than abort the test under G_DEBUG=fatal-warnings. Sets the log writer (once per
 * process). */
void          ui_test_watch_service_logs (void);
/* How many times, since the test started, the kiosk logged going out of service (one line
 * per reason that came) and coming back in service. */
void          ui_test_service_logs    (guint        *out,
                                       guint        *in);

/* Starts the simulator over the shipped catalog, writes loket.conf (every agency at the
 * simulator, printer pdf into receipts/, idle-timeout 90), loads it and makes a session.
 * extra_config: more lines for the file (keys of groups the file does not have yet, e.g.
 * "[tracking]\nurl = https://lacak.example/{code}\n"), or NULL. Fails the test on error. */
UiTestEnv    *ui_test_env_new         (const char   *extra_config);
/* The same; without_sim leaves the simulator out (agencies then point at a closed port),
 * kiosk_lines replace the default [kiosk] lines after id/catalog/state-dir/key-file. */
UiTestEnv    *ui_test_env_new_full    (gboolean      without_sim,
                                       const char   *kiosk_lines,
                                       const char   *extra_config);
/* The same with these lines as the [printer] group (instead of pdf into env->receipts). */
UiTestEnv    *ui_test_env_new_printer (const char   *printer_lines);
void          ui_test_env_free        (UiTestEnv    *env);

/* A window of the given size on the env's session (not kiosk mode), presented and laid out. */
LoketWindow  *ui_test_window_new      (UiTestEnv    *env,
                                       int           width,
                                       int           height);
/* The same in kiosk mode (kiosk TRUE): undecorated, fullscreen asked for, key guard on. */
LoketWindow  *ui_test_window_new_full (UiTestEnv    *env,
                                       int           width,
                                       int           height,
                                       gboolean      kiosk);
/* Closes and destroys it, and lets GTK finish. */
void          ui_test_window_destroy  (LoketWindow  *window);

/* Runs the default main context until condition (data) holds or timeout_ms pass; returns
 * whether it held. */
gboolean      ui_test_wait_until      (gboolean    (*condition) (gpointer data),
                                       gpointer      data,
                                       guint         timeout_ms);
/* Runs the main context for ms milliseconds. Only for a wait that is really for time (an
 * idle timer's injected timeout, an animation of a known length); say why where it is used.
 * A wait for something to happen is UI_TEST_WAIT_UNTIL or ui_test_wait_frame. */
void          ui_test_pump            (guint         ms);

/* Runs the default main context until expr holds; when timeout_ms pass first, the test fails
 * with the condition's text and where it was awaited (never a silent pass). */
#define UI_TEST_WAIT_UNTIL(expr, timeout_ms) \
  G_STMT_START { \
    UiTestWait ui_test_wait_ = { 0 }; \
    ui_test_wait_begin (&ui_test_wait_, (timeout_ms)); \
    while (!(expr)) \
      if (!ui_test_wait_iterate (&ui_test_wait_) && !(expr)) \
        ui_test_wait_failed (&ui_test_wait_, #expr, __FILE__, __LINE__); \
    ui_test_wait_end (&ui_test_wait_); \
  } G_STMT_END

typedef struct {
  guint    source_id;
  guint    timeout_ms;
  gboolean expired;
} UiTestWait;

void          ui_test_wait_begin      (UiTestWait   *wait,
                                       guint         timeout_ms);
/* One main-context iteration; FALSE once the time is up. */
gboolean      ui_test_wait_iterate    (UiTestWait   *wait);
void          ui_test_wait_end        (UiTestWait   *wait);
G_NORETURN void ui_test_wait_failed   (UiTestWait   *wait,
                                       const char   *condition,
                                       const char   *file,
                                       int           line);

/* Waits (up to 5 s, else fails) until widget's frame clock has drawn a frame that began after
 * the call: what was queued before it (a resize, a style change, a new label) is laid out and
 * painted. A widget that is not mapped has nothing to draw: then the pending events run. */
void          ui_test_wait_frame      (GtkWidget    *widget);
/* Runs what is ready in the default main context (idles, events) until nothing is, at most
 * a bounded number of iterations; it never waits for a timer. */
void          ui_test_drain           (void);
/* Waits (up to 10 s) until the window shows the named page; fails the test otherwise. */
void          ui_test_wait_for_page   (LoketWindow  *window,
                                       const char   *name);

/* gtk_widget_activate_action on the window's current page (so page actions resolve too);
 * format/args as g_variant_new, or NULL for none. Returns what GTK returns. */
gboolean      ui_test_activate        (LoketWindow  *window,
                                       const char   *action,
                                       const char   *format,
                                       ...);

/* Renders widget to $LOKET_TEST_OUTPUT/NAME.png (made if missing); returns the path. */
char         *ui_test_screenshot      (GtkWidget    *widget,
                                       const char   *name);

/* Finding widgets (depth first, visible or not): */
GtkWidget    *ui_test_find_button     (GtkWidget    *root,
                                       const char   *label);     /* by its label */
GtkWidget    *ui_test_find_label      (GtkWidget    *root,
                                       const char   *text);      /* a GtkLabel showing text */
GtkWidget    *ui_test_find_by_type    (GtkWidget    *root,
                                       GType         type);      /* the first of type */
GtkWidget    *ui_test_find_action     (GtkWidget    *root,
                                       const char   *action);    /* an actionable: "flow.back" */
/* Every widget under root, root included (of GtkWidget*, not referenced). */
GPtrArray    *ui_test_collect         (GtkWidget    *root);

/* Types text into editable as a keyboard would (insert at the cursor, changed emitted). */
void          ui_test_type            (GtkWidget    *editable,
                                       const char   *text);

/* Whether text occurs in any editable's text or any label under root; where (if not
 * NULL) gets a description of the first place found. */
gboolean      ui_test_tree_contains   (GtkWidget    *root,
                                       const char   *text,
                                       char        **where);

/* Every GtkLabel under root that is mapped and wider than max_width, or ends outside
 * root's width: "label text (x..x+w)" lines; NULL when none. */
char         *ui_test_find_overflow   (GtkWidget    *root);

/* (ui-test-shot.c) Every button and check button under root that is mapped and got less
 * than its minimum size, or reaches past root's edge (past its bottom only when no
 * scrolled window holds it): one line each; NULL when none. */
char         *ui_test_find_cut_controls (GtkWidget  *root);
/* The citizen screenshots' checks, then the shot: waits for a frame; fails the test unless
 * the window is width×height, no label is cut or off it (ui_test_find_overflow), no control
 * is (ui_test_find_cut_controls) and a shown main action (flow.next) is ≥ 64 px high; saves
 * $LOKET_TEST_OUTPUT/NAME.png. */
void          ui_test_check_shot      (LoketWindow  *window,
                                       int           width,
                                       int           height,
                                       const char   *name);

/* (ui-test-admin.c) Admin mode's status board: signed in and read once; read again. */
LoketAdminStatus *ui_test_admin_open_board (LoketWindow      *window,
                                            const char       *name);
void              ui_test_admin_refresh    (LoketAdminStatus *status);

/* (ui-test-catalog.c) A copy of the shipped catalog, env's catalog folder, to edit. */
char         *ui_test_catalog_copy    (UiTestEnv    *env);
void          ui_test_catalog_edit    (const char   *catalog,
                                       const char   *file,
                                       const char   *old,
                                       const char   *new);
void          ui_test_catalog_remove  (const char   *catalog);

/* (ui-test-shot.c) The citizen's way to large text and high contrast: the worded "Larger
 * text" and "High contrast" toggles on screen, both on or both off; waits until the page is
 * laid out in the new look. */
void          ui_test_set_look        (LoketWindow  *window,
                                       gboolean      large_high_contrast);

/* tests/data/requests/NAME.json read into parser; returns its root object (parser's). */
JsonObject   *ui_test_load_request    (const char   *name,
                                       JsonParser   *parser);
/* The keys a finger presses for an answer of field: a number's digits, a date's digits day
 * first (DDMMYYYY, the date field puts the separators in), anything else as it is. */
char         *ui_test_keys_for        (const LoketField *field,
                                       JsonNode     *value);
/* What zbarimg reads from a PNG (the payload of the one code in it), or NULL (with a test
 * message saying why). */
char         *ui_test_scan_png        (const char   *path);

/* A stub stands in for the form pages (one entry per section, for its first asked field,
 * written into the request as typed); for tests of the shell that must not depend on the
 * real form. ui_test_stub_entry () is the entry of the stub page on screen. */
#define UI_TEST_TYPE_FORM_PAGE (ui_test_form_page_get_type ())
G_DECLARE_FINAL_TYPE (UiTestFormPage, ui_test_form_page, UI_TEST, FORM_PAGE, LoketPage)
void          ui_test_use_stub_form   (void);
GtkWidget    *ui_test_stub_entry      (LoketWindow  *window);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UiTestEnv, ui_test_env_free)

G_END_DECLS
