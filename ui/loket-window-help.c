/* loket-window-help.c — the footer's Help button: a staff member is called, the citizen is
 * told so, and the idle timer waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Help sits in the footer on every page, in the lower half of a portrait screen, within
 * reach from a wheelchair. Pressing it (the window action `help.call`) shows "A staff
 * member is on the way — please stay here" over the page without blocking it, pauses the
 * idle timer for HELP_PAUSE_S, and tells staff through app/net/loket-help.c (journal,
 * counter, and the POST to `[help] url` when set). Only the kind of page travels, never
 * what the citizen chose or typed.
 */
#define G_LOG_DOMAIN "loket-window"

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "net/loket-help.h"
#include "loket-idle.h"
#include "loket-speech-label.h"
#include "loket-window-private.h"

#define HELP_PAUSE_S (5 * 60)

typedef struct {
  GtkWidget    *button;
  GtkWidget    *label;
  GtkWidget    *notice;
  GtkWidget    *notice_label;
  LoketHelp    *help;
  GCancellable *cancellable;
  guint         hide_id;
} Help;

static void
help_free (Help *help)
{
  g_cancellable_cancel (help->cancellable);
  g_clear_object (&help->cancellable);
  g_clear_handle_id (&help->hide_id, g_source_remove);
  g_clear_object (&help->help);
  g_free (help);
}

static Help *
get_help (LoketWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "loket-window-help");
}

static void
hide_notice (Help *help)
{
  g_clear_handle_id (&help->hide_id, g_source_remove);
  gtk_widget_set_visible (help->notice, FALSE);
}

static gboolean
hide_notice_cb (gpointer user_data)
{
  Help *help = user_data;

  help->hide_id = 0;
  hide_notice (help);
  return G_SOURCE_REMOVE;
}

static void
called_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (loket_help_call_finish (LOKET_HELP (source), result, &error))
    return;
  /* Not configured or called a moment ago: the journal entry and the counter stand. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, LOKET_HELP_ERROR, LOKET_HELP_ERROR_NOT_CONFIGURED)
      || g_error_matches (error, LOKET_HELP_ERROR, LOKET_HELP_ERROR_RATE_LIMITED))
    return;
  g_warning ("Staff could not be called over the network: %s", error->message);
}

static void
help_call (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  LoketWindow *self = user_data;
  Help *help = get_help (self);
  const char *name = loket_window_get_page_name (self);
  g_autofree char *kind = g_strndup (name != NULL ? name : "none",
                                     name != NULL ? strcspn (name, ":") : 4);

  loket_idle_pause (LOKET_IDLE (self->idle), HELP_PAUSE_S);
  gtk_widget_set_visible (help->notice, TRUE);
  g_clear_handle_id (&help->hide_id, g_source_remove);
  help->hide_id = g_timeout_add_seconds (HELP_PAUSE_S, hide_notice_cb, help);

  if (help->help == NULL)
    help->help = loket_help_new (loket_session_get_config (self->session),
                                 loket_session_get_http (self->session));
  if (help->cancellable == NULL)
    help->cancellable = g_cancellable_new ();
  loket_help_call_async (help->help, kind, help->cancellable, called_cb, NULL);
}

static void
session_reset_cb (LoketWindow *self)
{
  hide_notice (get_help (self));
}

void
loket_window_help_update_strings (LoketWindow *self)
{
  Help *help = get_help (self);

  if (help == NULL)
    return;
  /* Translators: the footer's button that calls a staff member to the kiosk. */
  gtk_label_set_text (GTK_LABEL (help->label), _("Help"));
  loket_speech_label_set (help->button, _("Help: call a staff member"));
  gtk_label_set_text (GTK_LABEL (help->notice_label),
                      _("A staff member is on the way — please stay here."));
}

void
loket_window_help_setup (LoketWindow *self)
{
  static const GActionEntry entries[] = {
    { "call", help_call, NULL, NULL, NULL },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  Help *help = g_new0 (Help, 1);
  GtkWidget *icon;

  g_object_set_data_full (G_OBJECT (self), "loket-window-help", help,
                          (GDestroyNotify) help_free);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "help", G_ACTION_GROUP (group));

  help->button = gtk_button_new ();
  /* Its label wraps rather than widen the footer in a long language. */
  help->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (help->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (help->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (help->label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (help->label), 10);
  gtk_button_set_child (GTK_BUTTON (help->button), help->label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (help->button), "help.call");
  gtk_widget_add_css_class (help->button, "loket-help");
  gtk_widget_insert_after (help->button, self->footer_aids, NULL);

  /* Over the page, never in its way: touches go through to the page. */
  help->notice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  gtk_widget_add_css_class (help->notice, "loket-card");
  gtk_widget_add_css_class (help->notice, "loket-notice");
  gtk_widget_add_css_class (help->notice, "loket-help-notice");
  gtk_widget_set_halign (help->notice, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (help->notice, GTK_ALIGN_START);
  gtk_widget_set_margin_top (help->notice, 160);
  gtk_widget_set_can_target (help->notice, FALSE);
  icon = gtk_image_new_from_icon_name ("system-users-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_box_append (GTK_BOX (help->notice), icon);
  help->notice_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (help->notice_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (help->notice_label), 40);
  gtk_widget_add_css_class (help->notice_label, "loket-lead");
  gtk_box_append (GTK_BOX (help->notice), help->notice_label);
  gtk_widget_set_visible (help->notice, FALSE);
  gtk_overlay_add_overlay (self->overlay, help->notice);

  g_signal_connect_object (self->session, "reset", G_CALLBACK (session_reset_cb), self,
                           G_CONNECT_SWAPPED);
  loket_window_help_update_strings (self);
}

gboolean
loket_window_help_notice_shown (LoketWindow *self)
{
  Help *help = get_help (self);

  return help != NULL && gtk_widget_get_visible (help->notice);
}
