/* loket-window.c — the kiosk's one window: header, pages of the flow, footer, keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window drives the citizen flow (loket-flow.h describes the contract with the pages):
 * it builds pages when they are first needed, shows the current page's title and step in
 * the header and its main action in the footer, moves on through the `flow.*` actions, keeps
 * the on-screen keyboard below the footer or beside the content (LoketBands decides which,
 * from the window's shape), and wipes everything when the citizen leaves. The header's own
 * widgets (languages, toggles, title and step) are kept by loket-window-header.c.
 */
#define G_LOG_DOMAIN "loket-window"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-bands.h"
#include "loket-flow.h"
#include "loket-idle.h"
#include "loket-keyboard.h"
#include "loket-kiosk.h"
#include "loket-theme.h"
#include "loket-button-row.h"
#include "loket-window-private.h"

/* How long the receipt stays for a citizen who has what they came for. */
#define RECEIPT_IDLE_SECONDS 60

G_DEFINE_FINAL_TYPE (LoketWindow, loket_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_KIOSK,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_page (LoketWindow *self, const char *name);

static void
update_footer (LoketWindow *self)
{
  LoketPage *page = self->current_page;
  const char *next_label = page != NULL ? loket_page_get_next_label (page) : NULL;

  gtk_button_set_label (self->next_button, next_label != NULL ? next_label : _("Next"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          page != NULL && loket_page_get_show_next (page));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          page != NULL && loket_page_get_show_back (page));
  /* One Listen per page: Welcome has its own, large one. */
  if (self->footer_listen != NULL)
    gtk_widget_set_visible (self->footer_listen,
                            gtk_widget_get_sensitive (self->footer_listen) &&
                            !(self->current != NULL &&
                              (loket_flow_get_page_flags (self->current) &
                               LOKET_PAGE_KIND_OWN_LISTEN)));
  /* Never greyed out for the page's problems (a press shows them, flow_next): only while
   * the page applies what was entered. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.next", !self->applying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.back", !self->applying);
}

/* The fixed words of header and footer, in the current language. */
static void
update_strings (LoketWindow *self)
{
  loket_window_header_update_strings (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  gtk_button_set_label (self->back_button, _("Back"));
  loket_window_help_update_strings (self);
}

static GtkWidget *
page_scroller (LoketPage *page)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW);
}

static LoketPage *
adopt_page (LoketWindow *self,
            const char  *name)
{
  LoketPage *page = g_hash_table_lookup (self->pages, name);
  GtkWidget *scroller;

  if (page != NULL)
    return page;

  page = loket_flow_create_page (self->flow, name);
  if (page == NULL)
    return NULL;

  loket_page_set_keyboard (page, LOKET_KEYBOARD (self->keyboard));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (page));
  gtk_stack_add_named (self->stack, scroller, name);
  /* Out of the accessible tree until it is shown (show_page). */
  gtk_accessible_update_state (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_hash_table_insert (self->pages, g_strdup (name), page);

  return page;
}

static void
drop_page (LoketWindow *self,
           const char  *name)
{
  LoketPage *page = g_hash_table_lookup (self->pages, name);

  if (page == NULL)
    return;

  if (page == self->current_page)
    {
      g_signal_group_set_target (self->page_signals, NULL);
      self->current_page = NULL;
    }

  /* GTK 4.8 keeps the window's focus on a widget taken out of it, and every key after that
   * goes nowhere (choosing a language with Enter left the keyboard dead): let go first. */
  if (gtk_window_get_focus (GTK_WINDOW (self)) != NULL &&
      gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (self)), GTK_WIDGET (page)))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  /* The stack holds the only reference: the page and its entries go now. */
  gtk_stack_remove (self->stack, page_scroller (page));
  g_hash_table_remove (self->pages, name);
}

/* The built pages' names, copied: dropping pages changes the table. */
static GPtrArray *
dup_page_names (LoketWindow *self)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, g_strdup (name));

  return names;
}

static void
drop_all_pages (LoketWindow *self)
{
  g_autoptr(GPtrArray) names = dup_page_names (self);

  for (guint i = 0; i < names->len; i++)
    drop_page (self, g_ptr_array_index (names, i));
}

/* Form pages of sections the request no longer has go, except the one on screen. */
static void
drop_stale_pages (LoketWindow *self)
{
  g_auto(GStrv) names = loket_flow_dup_names (self->flow);
  g_autoptr(GPtrArray) built = dup_page_names (self);

  for (guint i = 0; i < built->len; i++)
    {
      const char *name = g_ptr_array_index (built, i);

      if (g_str_has_prefix (name, "form:") && !g_strv_contains ((const char * const *) names, name) &&
          g_strcmp0 (name, self->current) != 0)
        drop_page (self, name);
    }
}

static void
update_idle (LoketWindow *self)
{
  LoketConfig *config = loket_session_get_config (self->session);
  LoketIdle *idle = LOKET_IDLE (self->idle);
  LoketPageKindFlags flags = self->current != NULL ? loket_flow_get_page_flags (self->current) : 0;
  gboolean on = self->current != NULL && !(flags & LOKET_PAGE_KIND_NO_IDLE);
  guint warning = MAX (LOKET_IDLE_MIN_WARNING_SECONDS, 25);

  /* Tests shorten the timer through loket_idle_set_timeouts_ms (); the kiosk's own come
   * from the configuration. */
  if (!self->test_timeouts)
    {
      guint seconds = config->idle_timeout;

      if (flags & LOKET_PAGE_KIND_SHORT_IDLE)
        seconds = MIN (seconds, RECEIPT_IDLE_SECONDS);
      /* Admin mode: a minute untouched, the warning's countdown included. */
      if (flags & LOKET_PAGE_KIND_ADMIN)
        {
          warning = LOKET_IDLE_MIN_WARNING_SECONDS;
          seconds = LOKET_ADMIN_IDLE_SECONDS - warning;
        }
      loket_idle_set_timeouts_ms (idle, seconds * 1000, warning * 1000);
    }

  loket_idle_set_receipt (idle, (flags & LOKET_PAGE_KIND_SHORT_IDLE) != 0);
  loket_idle_set_enabled (idle, on);
  loket_idle_poke (idle);
}

/* GTK gives a scrolled window the focus itself only when nothing inside can take it. */
static gboolean
focus_is_placeholder (GtkWidget *focus)
{
  return focus == NULL || GTK_IS_SCROLLED_WINDOW (focus);
}

/* Where a physical keyboard (and a screen reader) starts on a page: where the page's `shown`
 * put the focus (the first empty field, the chosen language), else the page's first
 * focusable widget, else the footer's main action (or Back). Left alone, GTK would keep the
 * focus on the footer button just pressed, or drop it to nothing when that button turns
 * insensitive or hidden or its page is rebuilt; Tab would then start in the header.
 * moved: a new page; otherwise (the same page again, in another language; a footer that
 * changed) a focus the citizen put somewhere still on screen stays where it is. */
static void
focus_page (LoketWindow *self,
            gboolean     moved)
{
  GtkWidget *page = GTK_WIDGET (self->current_page);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (page == NULL)
    return;
  if (!focus_is_placeholder (focus) && gtk_widget_is_ancestor (focus, page))
    return;
  if (!moved && !focus_is_placeholder (focus) && gtk_widget_get_mapped (focus))
    return;

  if (gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD) &&
      !focus_is_placeholder (gtk_window_get_focus (GTK_WINDOW (self))))
    return;
  /* A page with nothing to press (the receipt, parts being sent) starts on its main action;
   * failing that the scroller keeps the focus, and the arrows still scroll it. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->next_button)) &&
      gtk_widget_is_sensitive (GTK_WIDGET (self->next_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  else if (gtk_widget_get_visible (GTK_WIDGET (self->back_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

static void
show_page (LoketWindow *self,
           const char  *name)
{
  LoketPage *page;
  gboolean moved = g_strcmp0 (self->current, name) != 0;

  /* Admin mode only from Welcome (or within it), its screens only for someone signed in. */
  if ((loket_flow_get_page_flags (name) & LOKET_PAGE_KIND_ADMIN) &&
      (self->current == NULL ||
       (!g_str_equal (self->current, "welcome") &&
        !(loket_flow_get_page_flags (self->current) & LOKET_PAGE_KIND_ADMIN)) ||
       (g_str_equal (name, "admin") && loket_admin_mode_get_name (self->admin) == NULL)))
    {
      g_message ("Admin mode opens only from Welcome; staying on '%s'",
                 self->current != NULL ? self->current : "(none)");
      return;
    }

  page = adopt_page (self, name);
  if (page == NULL)
    {
      g_message ("No page '%s' in this kiosk; staying on '%s'", name,
                 self->current != NULL ? self->current : "(none)");
      return;
    }

  g_free (self->current);
  self->current = g_strdup (name);
  self->current_page = page;
  g_signal_group_set_target (self->page_signals, page);

  gtk_stack_set_visible_child (self->stack, page_scroller (page));
  /* GTK 4.8 keeps the pages the stack does not show in the accessible tree, where a screen
   * reader would read them as if they were on screen. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != page_scroller (page), -1);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page_scroller (page))), 0);

  drop_stale_pages (self);
  loket_window_header_update (self);
  update_footer (self);
  update_idle (self);

  /* Speech says the page, then where the focus lands (shown and focus_page put it). */
  loket_speech_mode_page_shown (self->speech_mode, GTK_WIDGET (page),
                                gtk_label_get_text (self->title_label),
                                gtk_label_get_text (self->step_label));
  loket_page_shown (page);
  focus_page (self, moved);
}

/* The next (or previous) page that can be built, skipping those that do not apply. */
static char *
find_neighbour (LoketWindow *self,
                const char  *from,
                gboolean     forward)
{
  g_autofree char *name = g_strdup (from);

  for (guint guard = 0; guard < 64; guard++)
    {
      char *next = forward ? loket_flow_dup_next (self->flow, name)
                           : loket_flow_dup_previous (self->flow, name);

      g_free (name);
      name = next;
      if (name == NULL)
        return NULL;
      if (adopt_page (self, name) != NULL)
        return g_steal_pointer (&name);
    }

  return NULL;
}

static void
wipe (LoketWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GHashTableIter iter;
  gpointer page;

  /* Silent first: nothing of this citizen is said while their pages go. */
  loket_speech_mode_wipe (self->speech_mode);
  loket_keyboard_set_target (LOKET_KEYBOARD (self->keyboard), NULL);
  loket_keyboard_set_kind (LOKET_KEYBOARD (self->keyboard), LOKET_KEYBOARD_NONE);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    loket_page_reset (page);
  drop_all_pages (self);
  g_clear_pointer (&self->current, g_free);

  loket_clipboard_wipe (display);
  loket_admin_mode_leave (self->admin);
  /* The next citizen starts from the kiosk's own look. */
  loket_theme_set (display, FALSE, FALSE);
  loket_window_header_sync_toggles (self);
}

/**
 * loket_window_restart:
 * @self: a window
 *
 * Forgets the citizen: every page is reset and destroyed, the clipboard cleared, the
 * request wiped (loket_session_reset()), and the welcome page shown in the default
 * language.
 */
void
loket_window_restart (LoketWindow *self)
{
  g_return_if_fail (LOKET_IS_WINDOW (self));

  self->resetting = TRUE;
  wipe (self);
  loket_session_reset (self->session);
  self->resetting = FALSE;

  update_strings (self);
  loket_window_header_sync_toggles (self);
  show_page (self, "welcome");
}

static void
session_reset_cb (LoketWindow *self)
{
  /* A page (the receipt's Finish) reset the session itself: follow it. */
  if (self->resetting)
    return;

  wipe (self);
  update_strings (self);
  show_page (self, "welcome");
}

static void
language_changed_cb (LoketWindow *self)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *current = g_strdup (self->current);

  update_strings (self);
  loket_window_header_sync_toggles (self);
  loket_idle_locale_changed (LOKET_IDLE (self->idle));
  loket_keyboard_locale_changed (LOKET_KEYBOARD (self->keyboard));

  if (self->resetting)
    return;

  /* Pages that can re-read their strings do; the others are built anew from the request,
   * so what the citizen typed stays. */
  names = dup_page_names (self);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      LoketPage *page = g_hash_table_lookup (self->pages, name);

      if (LOKET_PAGE_GET_CLASS (page)->locale_changed != NULL)
        loket_page_locale_changed (page);
      else
        drop_page (self, name);
    }

  if (current != NULL)
    show_page (self, current);
}

static void
page_notify_cb (LoketWindow *self)
{
  loket_window_header_update (self);
  update_footer (self);
  /* The main action appeared on a page with nothing else to focus (submitting). */
  if (focus_is_placeholder (gtk_window_get_focus (GTK_WINDOW (self))))
    focus_page (self, FALSE);
}

static void
next_applied_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LoketWindow) self = user_data;
  LoketPage *page = LOKET_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  gboolean ok;

  ok = loket_page_apply_finish (page, result, &error);
  self->applying = FALSE;
  /* Next and Back come back, on this page or on the one the citizen is on now. */
  update_footer (self);

  /* The citizen may have left meanwhile (idle wipe, language): nothing more to do. */
  if (page != self->current_page)
    return;

  if (!ok)
    {
      /* "Next" was insensitive while the page applied and lost the focus to nothing; the
       * page may have put it on the answer to fix. */
      if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
        focus_page (self, FALSE);
      loket_speech_mode_next_refused (self->speech_mode);
      /* The page says why next to its fields; a cancellation is nobody's error. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Page '%s' keeps the citizen: %s", self->current, error->message);
      return;
    }

  if (loket_flow_get_page_flags (self->current) & LOKET_PAGE_KIND_NEXT_RESTARTS)
    {
      loket_window_restart (self);
      return;
    }

  next = find_neighbour (self, self->current, TRUE);
  if (next != NULL)
    show_page (self, next);
  else if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
    /* A page that stays where it is (Track's look-up) gets its focus back too. */
    focus_page (self, FALSE);
}

static void
flow_next (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  LoketWindow *self = LOKET_WINDOW (widget);

  if (self->current_page == NULL || self->applying)
    return;

  if (!loket_page_get_complete (self->current_page))
    {
      loket_page_show_problems (self->current_page);
      return;
    }

  self->applying = TRUE;
  update_footer (self);
  loket_page_apply_async (self->current_page, NULL, next_applied_cb, g_object_ref (self));
}

static void
flow_back (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  LoketWindow *self = LOKET_WINDOW (widget);
  g_autofree char *previous = NULL;

  if (self->current == NULL)
    return;

  previous = find_neighbour (self, self->current, FALSE);
  if (previous != NULL)
    show_page (self, previous);
}

static void
flow_restart (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  loket_window_restart (LOKET_WINDOW (widget));
}

static void
flow_goto (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  show_page (LOKET_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
flow_language (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LoketWindow *self = LOKET_WINDOW (widget);
  const char *language = g_variant_get_string (parameter, NULL);
  LoketConfig *config = loket_session_get_config (self->session);

  if (!g_strv_contains ((const char * const *) config->languages, language))
    {
      g_warning ("Language '%s' is not offered by this kiosk", language);
      return;
    }

  loket_session_set_language (self->session, language);
}

static gboolean
loket_window_close_request (GtkWindow *window)
{
  LoketWindow *self = LOKET_WINDOW (window);

  /* A kiosk cannot be closed from its window: only the session that runs it stops it. */
  if (self->kiosk)
    return TRUE;

  return GTK_WINDOW_CLASS (loket_window_parent_class)->close_request (window);
}

static gboolean
loket_window_enable_debugging (GtkWindow *window,
                               gboolean   toggle)
{
  LoketWindow *self = LOKET_WINDOW (window);

  /* The third line after the GSettings switch and the key guard (loket-kiosk.c): whatever
   * emits the signal, a kiosk opens no inspector. */
  if (self->kiosk)
    return TRUE;

  return GTK_WINDOW_CLASS (loket_window_parent_class)->enable_debugging (window, toggle);
}

static void
loket_window_realize (GtkWidget *widget)
{
  LoketWindow *self = LOKET_WINDOW (widget);

  GTK_WIDGET_CLASS (loket_window_parent_class)->realize (widget);

  if (self->kiosk)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

      /* Keep the compositor's own shortcuts (switching, closing) from the citizen. */
      if (GDK_IS_TOPLEVEL (surface))
        gdk_toplevel_inhibit_system_shortcuts (GDK_TOPLEVEL (surface), NULL);
    }
}

static void
loket_window_apply_kiosk (LoketWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);

  gtk_window_set_decorated (window, !self->kiosk);
  gtk_window_set_deletable (window, !self->kiosk);

  if (self->kiosk)
    {
      gtk_window_fullscreen (window);
      /* No key reaches GTK's inspector, emoji chooser or context menus. */
      loket_kiosk_guard_window (window);
      /* A touchscreen has no pointer to show. */
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
      gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
    }
  else
    {
      gtk_window_set_default_size (window, 1080, 1920);
    }
}

static void
idle_expired_cb (LoketWindow *self)
{
  g_info ("The citizen left the kiosk idle; their data is wiped");
  loket_session_mark_idle (self->session);
  loket_window_restart (self);
}

static void
admin_open_cb (LoketWindow *self)
{
  show_page (self, "admin-login");
}

static void
loket_window_constructed (GObject *object)
{
  LoketWindow *self = LOKET_WINDOW (object);

  G_OBJECT_CLASS (loket_window_parent_class)->constructed (object);

  g_assert (LOKET_IS_SESSION (self->session));
  self->flow = loket_flow_new (self->session);
  loket_speech_mode_set_session (self->speech_mode, self->session);

  loket_window_apply_kiosk (self);

  /* The keyboard lives below the footer on a portrait screen, where the main action and
   * the keys share the lower half, near the hand; on a landscape one beside the content,
   * which keeps its height. */
  self->keyboard = loket_keyboard_new ();
  loket_bands_set_keyboard (self->bands, self->keyboard);
  loket_keyboard_watch_window (LOKET_KEYBOARD (self->keyboard), GTK_WINDOW (self));

  self->idle = loket_idle_new ();
  gtk_overlay_add_overlay (self->overlay, self->idle);
  loket_idle_watch (LOKET_IDLE (self->idle), GTK_WIDGET (self));
  g_signal_connect_object (self->idle, "expired", G_CALLBACK (idle_expired_cb), self,
                           G_CONNECT_SWAPPED);
  loket_speech_mode_attach (self->speech_mode, self->bands, LOKET_IDLE (self->idle));

  g_signal_connect_object (self->session, "reset", G_CALLBACK (session_reset_cb), self,
                           G_CONNECT_SWAPPED);

  {
    g_autoptr(LoketStaff) staff =
      loket_staff_new_for_config (loket_session_get_config (self->session));

    self->admin = loket_admin_mode_new (GTK_WINDOW (self), staff);
    g_signal_connect_object (self->admin, "open-requested", G_CALLBACK (admin_open_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (self->admin, "expired", G_CALLBACK (idle_expired_cb), self,
                             G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->session, "language-changed",
                           G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);

  loket_window_header_build_languages (self);
  loket_window_help_setup (self);
  update_strings (self);
  loket_window_header_sync_toggles (self);
  show_page (self, "welcome");
}

static void
loket_window_dispose (GObject *object)
{
  LoketWindow *self = LOKET_WINDOW (object);

  if (self->page_signals != NULL)
    g_signal_group_set_target (self->page_signals, NULL);
  self->current_page = NULL;
  g_clear_object (&self->speech_mode);

  G_OBJECT_CLASS (loket_window_parent_class)->dispose (object);
}

static void
loket_window_finalize (GObject *object)
{
  LoketWindow *self = LOKET_WINDOW (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->page_signals);
  g_clear_object (&self->flow);
  g_clear_object (&self->admin);
  g_clear_object (&self->session);
  g_free (self->current);

  G_OBJECT_CLASS (loket_window_parent_class)->finalize (object);
}

static void
loket_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LoketWindow *self = LOKET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_KIOSK:
      g_value_set_boolean (value, self->kiosk);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LoketWindow *self = LOKET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_KIOSK:
      self->kiosk = g_value_get_boolean (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_window_class_init (LoketWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = loket_window_constructed;
  object_class->dispose = loket_window_dispose;
  object_class->finalize = loket_window_finalize;
  object_class->get_property = loket_window_get_property;
  object_class->set_property = loket_window_set_property;
  widget_class->realize = loket_window_realize;
  window_class->close_request = loket_window_close_request;
  window_class->enable_debugging = loket_window_enable_debugging;

  properties[PROP_KIOSK] =
    g_param_spec_boolean ("kiosk", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOKET_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "flow.next", NULL, flow_next);
  gtk_widget_class_install_action (widget_class, "flow.back", NULL, flow_back);
  gtk_widget_class_install_action (widget_class, "flow.restart", NULL, flow_restart);
  gtk_widget_class_install_action (widget_class, "flow.goto", "s", flow_goto);
  gtk_widget_class_install_action (widget_class, "flow.language", "s", flow_language);

  /* Enter on a focused button presses it anyway; Escape is Back, for a physical keyboard. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "flow.back", NULL);

  g_type_ensure (LOKET_TYPE_BANDS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/loket/Kiosk/ui/loket-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, bands);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, hall_label);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, languages_box);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, step_label);
  gtk_widget_class_bind_template_child_full (widget_class, "pages", FALSE,
                                             G_STRUCT_OFFSET (LoketWindow, stack));
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, footer_band);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, footer);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, next_button);
}

static void
loket_window_init (LoketWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->page_signals = g_signal_group_new (LOKET_TYPE_PAGE);
  g_signal_group_connect_swapped (self->page_signals, "notify::title",
                                  G_CALLBACK (page_notify_cb), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::complete",
                                  G_CALLBACK (page_notify_cb), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::next-label",
                                  G_CALLBACK (page_notify_cb), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::show-back",
                                  G_CALLBACK (page_notify_cb), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::show-next",
                                  G_CALLBACK (page_notify_cb), self);

  loket_window_header_setup (self);

  /* Help and Listen sit beside Back, the same place on every page: side by side while the
   * footer has room, one above the other when not (large text, a long language), so the
   * footer never widens a portrait window. Help puts itself first (loket-window-help.c). */
  self->footer_aids = loket_button_row_new ();
  loket_button_row_set_spacing (LOKET_BUTTON_ROW (self->footer_aids), 16);
  gtk_widget_set_valign (self->footer_aids, GTK_ALIGN_CENTER);
  gtk_box_insert_child_after (self->footer, self->footer_aids, GTK_WIDGET (self->back_button));
  self->speech_mode = loket_speech_mode_new (GTK_WINDOW (self));
  self->footer_listen = loket_speech_mode_new_toggle (FALSE);
  loket_button_row_append (LOKET_BUTTON_ROW (self->footer_aids), self->footer_listen);
}

/**
 * loket_window_new_with_session:
 * @application: (nullable): the application
 * @session: the kiosk's session
 * @kiosk: fullscreen, not closable, no pointer
 *
 * Returns: (transfer none): a new window showing the welcome page
 */
LoketWindow *
loket_window_new_with_session (LoketApplication *application,
                               LoketSession     *session,
                               gboolean          kiosk)
{
  g_return_val_if_fail (application == NULL || LOKET_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  return g_object_new (LOKET_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       "kiosk", kiosk,
                       NULL);
}

LoketWindow *
loket_window_new (LoketApplication *application,
                  gboolean          kiosk)
{
  g_return_val_if_fail (LOKET_IS_APPLICATION (application), NULL);

  return loket_window_new_with_session (application,
                                        loket_application_get_session (application),
                                        kiosk);
}

gboolean
loket_window_is_kiosk (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), FALSE);
  return self->kiosk;
}

LoketSession *
loket_window_get_session (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->session;
}

LoketFlow *
loket_window_get_flow (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->flow;
}

const char *
loket_window_get_page_name (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->current;
}

LoketPage *
loket_window_get_page (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->current_page;
}

LoketPage *
loket_window_lookup_page (LoketWindow *self,
                          const char  *name)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->pages, name);
}

LoketKeyboard *
loket_window_get_keyboard (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return LOKET_KEYBOARD (self->keyboard);
}

LoketAdminMode *
loket_window_get_admin_mode (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->admin;
}

LoketIdle *
loket_window_get_idle (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return LOKET_IDLE (self->idle);
}

/**
 * loket_window_set_idle_timeouts_ms:
 * @self: a window
 * @idle_ms: idle time before the warning
 * @warning_ms: the warning's countdown
 *
 * A test hook: shorter times than the configuration allows, kept on every page.
 */
void
loket_window_set_idle_timeouts_ms (LoketWindow *self,
                                   guint        idle_ms,
                                   guint        warning_ms)
{
  g_return_if_fail (LOKET_IS_WINDOW (self));

  self->test_timeouts = TRUE;
  loket_idle_set_timeouts_ms (LOKET_IDLE (self->idle), idle_ms, warning_ms);
}

/**
 * loket_window_get_speech_mode:
 * @self: a window
 *
 * Returns: (transfer none): the window's speech mode
 */
LoketSpeechMode *
loket_window_get_speech_mode (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return self->speech_mode;
}
