/* ui-test-util.c — one kiosk for widget tests: simulator, configuration, session, window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "core/loket-i18n.h"
#include "loket-application.h"
#include "loket-page.h"
#include "loket-flow.h"
#include "ui-test-util.h"
#include "test-process.h"
#include "test-tree.h"

/* A stub form page: one entry for its section's first asked field, kept in the request as
 * it is typed (as the contract in loket-flow.h asks of every page). */

struct _UiTestFormPage
{
  LoketPage  parent_instance;

  char      *section;
  char      *field;      /* the section's first asked field */
  GtkWidget *entry;
};

G_DEFINE_FINAL_TYPE (UiTestFormPage, ui_test_form_page, LOKET_TYPE_PAGE)

static void
stub_changed_cb (UiTestFormPage *self)
{
  LoketRequest *request = loket_session_get_request (loket_page_get_session (LOKET_PAGE (self)));

  loket_request_set_text (request, self->field, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
ui_test_form_page_constructed (GObject *object)
{
  UiTestFormPage *self = UI_TEST_FORM_PAGE (object);
  LoketRequest *request;
  g_autoptr(GPtrArray) sections = NULL;
  const char *text;

  G_OBJECT_CLASS (ui_test_form_page_parent_class)->constructed (object);

  request = loket_session_get_request (loket_page_get_session (LOKET_PAGE (self)));
  sections = loket_request_get_sections (request);
  for (guint i = 0; i < sections->len; i++)
    {
      LoketQuestionSection *section = g_ptr_array_index (sections, i);

      if (g_str_equal (section->section->id, self->section))
        {
          LoketQuestion *question = g_ptr_array_index (section->questions, 0);

          self->field = g_strdup (question->field->id);
          loket_page_set_title (LOKET_PAGE (self), section->section->title);
        }
    }
  g_assert_nonnull (self->field);

  self->entry = gtk_entry_new ();
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  text = loket_request_get_text (request, self->field);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (stub_changed_cb), self);
  loket_page_attach_entry (LOKET_PAGE (self), GTK_EDITABLE (self->entry), LOKET_KEYBOARD_TEXT);
  loket_entry_make_private (self->entry);
  loket_page_set_complete (LOKET_PAGE (self), TRUE);
}

static void
ui_test_form_page_finalize (GObject *object)
{
  UiTestFormPage *self = UI_TEST_FORM_PAGE (object);

  g_free (self->section);
  g_free (self->field);
  G_OBJECT_CLASS (ui_test_form_page_parent_class)->finalize (object);
}

static void
ui_test_form_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  UI_TEST_FORM_PAGE (object)->section = g_value_dup_string (value);
}

static void
ui_test_form_page_class_init (UiTestFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ui_test_form_page_constructed;
  object_class->finalize = ui_test_form_page_finalize;
  object_class->set_property = ui_test_form_page_set_property;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_string ("section", NULL, NULL, NULL,
                                                        G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                                                        G_PARAM_STATIC_STRINGS));
}

static void
ui_test_form_page_init (UiTestFormPage *self)
{
}

GtkWidget *
ui_test_stub_entry (LoketWindow *window)
{
  LoketPage *page = loket_window_get_page (window);

  g_assert_true (UI_TEST_IS_FORM_PAGE (page));
  return UI_TEST_FORM_PAGE (page)->entry;
}

void
ui_test_use_stub_form (void)
{
  loket_flow_override_type ("form", UI_TEST_TYPE_FORM_PAGE);
}

/* The kiosk's service-state lines (loket-service-state.c) are for staff, at WARNING when the
 * kiosk goes out of service. Under G_DEBUG=fatal-warnings GLib's own writer would abort on
 * them, and g_test_expect_message () does not see structured logs: tests that take the kiosk
 * out of service count them instead (ui_test_watch_service_logs) and print them as
 * messages. */
static guint service_logs_out;
static guint service_logs_in;

static GLogWriterOutput
service_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *service = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "LOKET_SERVICE") == 0 && fields[i].length < 0)
      service = fields[i].value;

  if (service == NULL)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  if ((log_level & G_LOG_LEVEL_WARNING) != 0)
    service_logs_out++;
  else if (g_str_equal (service, "in"))
    service_logs_in++;
  return g_log_writer_default (G_LOG_LEVEL_MESSAGE, fields, n_fields, user_data);
}

void
ui_test_watch_service_logs (void)
{
  g_log_set_writer_func (service_log_writer, NULL, NULL);
}

void
ui_test_service_logs (guint *out,
                      guint *in)
{
  *out = service_logs_out;
  *in = service_logs_in;
}

void
ui_test_init (int    *argc,
              char ***argv)
{
  /* Speech synthesizes into memory: whether Listen is offered does not depend on the test
   * machine's sound card (a test that wants none sets LOKET_SPEECH_OUTPUT=none). */
  g_setenv ("LOKET_SPEECH_OUTPUT", "record", FALSE);
  gtk_test_init (argc, argv, NULL);
  loket_i18n_init ();
  loket_ui_init_styles ();
}

static const char *
source_dir (void)
{
  const char *dir = g_getenv ("LOKET_SOURCE_DIR");

  return dir != NULL ? dir : LOKET_TEST_SRCDIR "/../..";
}

static void
start_sim (UiTestEnv  *env,
           const char *catalog)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = test_process_sim_program ();
  g_autofree char *port_file = g_build_filename (env->dir, "sim-port", NULL);
  g_autofree char *port_arg = g_strconcat ("--port-file=", port_file, NULL);
  g_autofree char *catalog_arg = g_strconcat ("--catalog=", catalog, NULL);
  /* Statuses stay where they are, so a test reads the same words every time. */
  const char *argv[] = { program, "--port=0", port_arg, catalog_arg, "--status-step=0", NULL };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  test_process_sim_sanitizer (launcher, TRUE);
  env->sim = test_process_spawn_on_port (launcher, argv, port_file, &env->port, NULL, NULL);
}

static void
write_key (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint8 key[32];
  int fd;

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) g_random_int_range (0, 256);

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, key, sizeof key), ==, (gssize) sizeof key);
  g_assert_no_errno (g_close (fd, NULL) ? 0 : -1);
}

static UiTestEnv *
env_new (gboolean    without_sim,
         const char *kiosk_lines,
         const char *printer_lines,
         const char *extra_config)
{
  g_autoptr(UiTestEnv) env = g_new0 (UiTestEnv, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *catalog = g_build_filename (source_dir (), "data", "catalog", NULL);
  LoketCatalog *loaded;
  GPtrArray *agencies;

  env->dir = g_dir_make_tmp ("loket-ui-XXXXXX", &error);
  g_assert_no_error (error);
  env->state_dir = g_build_filename (env->dir, "state", NULL);
  env->key_file = g_build_filename (env->dir, "outbox.key", NULL);
  env->receipts = g_build_filename (env->dir, "receipts", NULL);
  env->config_path = g_build_filename (env->dir, "loket.conf", NULL);
  g_assert_no_errno (g_mkdir (env->receipts, 0700));
  write_key (env->key_file);

  if (!without_sim)
    start_sim (env, catalog);

  g_string_append_printf (text,
                          "[kiosk]\n"
                          "id = test-kiosk\n"
                          "catalog = %s\n"
                          "state-dir = %s\n"
                          "key-file = %s\n"
                          "%s\n"
                          "[printer]\n",
                          catalog, env->state_dir, env->key_file,
                          kiosk_lines != NULL ? kiosk_lines
                                              : "site = Mal Pelayanan Publik Kota Contoh\n"
                                                "idle-timeout = 90");
  if (printer_lines != NULL)
    g_string_append_printf (text, "%s\n", printer_lines);
  else
    g_string_append_printf (text, "backend = pdf\nfolder = %s\n", env->receipts);

  /* One group per agency of the catalog, as the configuration requires. */
  loaded = loket_catalog_load (catalog, NULL, &error);
  g_assert_no_error (error);
  agencies = loket_catalog_get_agencies (loaded);
  for (guint i = 0; i < agencies->len; i++)
    {
      const LoketAgency *agency = g_ptr_array_index (agencies, i);

      g_string_append_printf (text, "\n[agency %s]\nurl = http://127.0.0.1:%u/%s\ntimeout = 5\n",
                              agency->id, without_sim ? 9 : env->port, agency->id);
    }
  loket_catalog_unref (loaded);

  if (extra_config != NULL)
    g_string_append_printf (text, "\n%s\n", extra_config);

  g_file_set_contents (env->config_path, text->str, -1, &error);
  g_assert_no_error (error);

  env->config = loket_config_load (env->config_path, &error);
  g_assert_no_error (error);
  env->session = loket_session_new (env->config, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&env);
}

UiTestEnv *
ui_test_env_new_full (gboolean    without_sim,
                      const char *kiosk_lines,
                      const char *extra_config)
{
  return env_new (without_sim, kiosk_lines, NULL, extra_config);
}

UiTestEnv *
ui_test_env_new_printer (const char *printer_lines)
{
  return env_new (FALSE, NULL, printer_lines, NULL);
}

UiTestEnv *
ui_test_env_new (const char *extra_config)
{
  return ui_test_env_new_full (FALSE, NULL, extra_config);
}

void
ui_test_env_free (UiTestEnv *env)
{
  if (env == NULL)
    return;

  g_clear_object (&env->session);
  g_clear_pointer (&env->config, loket_config_unref);

  if (env->sim != NULL)
    {
      g_subprocess_send_signal (env->sim, SIGTERM);
      g_subprocess_wait (env->sim, NULL, NULL);
      g_clear_object (&env->sim);
    }

  if (env->dir != NULL)
    test_tree_remove (env->dir);

  g_free (env->dir);
  g_free (env->state_dir);
  g_free (env->key_file);
  g_free (env->receipts);
  g_free (env->config_path);
  g_free (env);
}

static gboolean
window_is_laid_out (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0;
}

LoketWindow *
ui_test_window_new (UiTestEnv *env,
                    int        width,
                    int        height)
{
  return ui_test_window_new_full (env, width, height, FALSE);
}

LoketWindow *
ui_test_window_new_full (UiTestEnv *env,
                         int        width,
                         int        height,
                         gboolean   kiosk)
{
  LoketWindow *window;

  g_assert_nonnull (env);
  window = loket_window_new_with_session (NULL, env->session, kiosk);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (window_is_laid_out, window, 10000));
  ui_test_wait_frame (GTK_WIDGET (window));

  return window;
}

void
ui_test_window_destroy (LoketWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 100 && window != NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  if (window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ui_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return condition (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
ui_test_pump (guint ms)
{
  ui_test_wait_until (never, NULL, ms);
}

static gboolean
wait_expired_cb (gpointer data)
{
  UiTestWait *wait = data;

  wait->expired = TRUE;
  wait->source_id = 0;
  return G_SOURCE_REMOVE;
}

void
ui_test_wait_begin (UiTestWait *wait,
                    guint       timeout_ms)
{
  wait->timeout_ms = timeout_ms;
  wait->expired = FALSE;
  /* Also what wakes a blocking iteration when nothing else happens. */
  wait->source_id = g_timeout_add (timeout_ms, wait_expired_cb, wait);
}

gboolean
ui_test_wait_iterate (UiTestWait *wait)
{
  if (!wait->expired)
    g_main_context_iteration (NULL, TRUE);
  return !wait->expired;
}

void
ui_test_wait_end (UiTestWait *wait)
{
  g_clear_handle_id (&wait->source_id, g_source_remove);
}

void
ui_test_wait_failed (UiTestWait *wait,
                     const char *condition,
                     const char *file,
                     int         line)
{
  ui_test_wait_end (wait);
  g_error ("%s:%d: waited %u ms for %s, in vain", file, line, wait->timeout_ms, condition);
}

void
ui_test_drain (void)
{
  /* Bounded: a repeating idle (an animation) would keep it busy for ever. */
  for (guint i = 0; i < 1000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  (*(guint *) data)++;
}

void
ui_test_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gulong handler;

  ui_test_drain ();
  clock = gtk_widget_get_mapped (widget) ? gtk_widget_get_frame_clock (widget) : NULL;
  if (clock == NULL)
    return;

  g_object_ref (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  /* Two frames: a resize queued while one is laid out (a label that wraps once it knows its
   * width) is done in the next. */
  gtk_widget_queue_draw (widget);
  UI_TEST_WAIT_UNTIL (painted >= 1, 5000);
  gtk_widget_queue_draw (widget);
  UI_TEST_WAIT_UNTIL (painted >= 2, 5000);
  g_signal_handler_disconnect (clock, handler);
  g_object_unref (clock);
  ui_test_drain ();
}

typedef struct {
  LoketWindow *window;
  const char  *name;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (loket_window_get_page_name (wait->window), wait->name) == 0;
}

static gboolean
page_in_transition (LoketWindow *window)
{
  LoketPage *page = loket_window_get_page (window);
  GtkWidget *stack = page != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_STACK)
                                  : NULL;

  return stack != NULL && gtk_stack_get_transition_running (GTK_STACK (stack));
}

void
ui_test_wait_for_page (LoketWindow *window,
                       const char  *name)
{
  PageWait wait = { window, name };

  if (!ui_test_wait_until (page_is, &wait, 10000))
    g_error ("expected page '%s', the window shows '%s'", name,
             loket_window_get_page_name (window));
  /* The crossfade between pages (150 ms) has ended and the page is drawn. */
  UI_TEST_WAIT_UNTIL (!page_in_transition (window), 5000);
  ui_test_wait_frame (GTK_WIDGET (window));
}

gboolean
ui_test_activate (LoketWindow *window,
                  const char  *action,
                  const char  *format,
                  ...)
{
  GtkWidget *target = GTK_WIDGET (loket_window_get_page (window));
  GVariant *args = NULL;
  va_list ap;

  g_assert_true (LOKET_IS_WINDOW (window));
  if (target == NULL)
    target = GTK_WIDGET (window);

  if (format != NULL)
    {
      va_start (ap, format);
      args = g_variant_new_va (format, NULL, &ap);
      va_end (ap);
    }

  {
    gboolean found;

    /* GTK 4.8 does not sink a floating parameter: hold it ourselves. */
    if (args != NULL)
      g_variant_ref_sink (args);
    found = gtk_widget_activate_action_variant (target, action, args);
    g_clear_pointer (&args, g_variant_unref);
    return found;
  }
}

char *
ui_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  const char *output = g_getenv ("LOKET_TEST_OUTPUT");
  g_autofree char *dir = g_strdup (output != NULL ? output : "test-output");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* What changed last (a label, a style) is laid out before the picture is taken. */
  ui_test_wait_frame (widget);

  /* A widget paintable renders the widget as it now stands, its window's background
   * included when the widget is the window. */
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  return g_steal_pointer (&path);
}

static void
collect (GtkWidget *widget,
         GPtrArray *out)
{
  g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

GPtrArray *
ui_test_collect (GtkWidget *root)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (root, out);
  return out;
}

GtkWidget *
ui_test_find_button (GtkWidget  *root,
                     const char *label)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        return w;

      /* A button whose child is a box of labels (tiles): match any of its labels. */
      if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) == NULL &&
          ui_test_find_label (w, label) != NULL)
        return w;
    }

  return NULL;
}

GtkWidget *
ui_test_find_label (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);

      if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), text) == 0)
        return w;
    }

  return NULL;
}

GtkWidget *
ui_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);

  for (guint i = 0; i < all->len; i++)
    if (g_type_is_a (G_OBJECT_TYPE (g_ptr_array_index (all, i)), type))
      return g_ptr_array_index (all, i);

  return NULL;
}

GtkWidget *
ui_test_find_action (GtkWidget  *root,
                     const char *action)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);

      if (GTK_IS_ACTIONABLE (w) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0)
        return w;
    }

  return NULL;
}

void
ui_test_type (GtkWidget  *editable,
              const char *text)
{
  int position;

  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_widget_grab_focus (editable);
  position = gtk_editable_get_position (GTK_EDITABLE (editable));
  gtk_editable_insert_text (GTK_EDITABLE (editable), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (editable), position);
}

gboolean
ui_test_tree_contains (GtkWidget   *root,
                       const char  *text,
                       char       **where)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);
      const char *found = NULL;

      if (GTK_IS_EDITABLE (w))
        found = gtk_editable_get_text (GTK_EDITABLE (w));
      else if (GTK_IS_LABEL (w))
        found = gtk_label_get_label (GTK_LABEL (w));
      else if (GTK_IS_BUTTON (w))
        found = gtk_button_get_label (GTK_BUTTON (w));

      if (found == NULL || strstr (found, text) == NULL)
        {
          const char *tooltip = gtk_widget_get_tooltip_text (w);

          if (tooltip == NULL || strstr (tooltip, text) == NULL)
            continue;
          found = tooltip;
        }

      if (where != NULL)
        *where = g_strdup_printf ("%s %p: \"%s\"", G_OBJECT_TYPE_NAME (w), w, found);
      return TRUE;
    }

  return FALSE;
}

char *
ui_test_find_overflow (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = ui_test_collect (root);
  g_autoptr(GString) out = g_string_new (NULL);
  int width = gtk_widget_get_width (root);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (all, i);
      graphene_rect_t bounds;
      int minimum;

      if (!GTK_IS_LABEL (w) || !gtk_widget_get_mapped (w))
        continue;
      if (!gtk_widget_compute_bounds (w, root, &bounds))
        continue;

      /* A label that got less than it needs is cut (unless it ellipsizes by design), and
       * one reaching past the root's edge is off screen. */
      gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      /* measure () counts the margins, the bounds do not. */
      minimum -= gtk_widget_get_margin_start (w) + gtk_widget_get_margin_end (w);
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > width + 0.5 ||
          (gtk_label_get_ellipsize (GTK_LABEL (w)) == PANGO_ELLIPSIZE_NONE &&
           bounds.size.width + 0.5 < minimum))
        g_string_append_printf (out, "\"%s\" (x %.0f, width %.0f, needs %d, page %d)\n",
                                gtk_label_get_text (GTK_LABEL (w)), bounds.origin.x,
                                bounds.size.width, minimum, width);
    }

  return out->len > 0 ? g_strdup (out->str) : NULL;
}

JsonObject *
ui_test_load_request (const char *name,
                      JsonParser *parser)
{
  const char *source = g_getenv ("LOKET_SOURCE_DIR");
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (source != NULL ? source : LOKET_TEST_SRCDIR "/..",
                                            "tests", "data", "requests", file, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

char *
ui_test_keys_for (const LoketField *field,
                  JsonNode         *value)
{
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  if (field->type == LOKET_FIELD_TYPE_DATE)
    {
      g_auto(GStrv) ymd = g_strsplit (json_node_get_string (value), "-", 3);

      g_assert_cmpuint (g_strv_length (ymd), ==, 3);
      return g_strconcat (ymd[2], ymd[1], ymd[0], NULL);
    }
  return g_strdup (json_node_get_string (value));
}

char *
ui_test_scan_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "zbarimg", "--raw", "-q", path, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("zbarimg %s: %s", path, err);
      return NULL;
    }
  return g_strdup (g_strstrip (out));
}
