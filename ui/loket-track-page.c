/* loket-track-page.c — what became of a request: scan or type its code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A USB barcode scanner types the receipt's QR text like a keyboard and ends with Enter, so
 * the one entry takes a scanned payload (LOKET1:…, a tracking URL) as well as a code typed
 * on the keypad. A mistyped code is caught by its check symbol before any office is asked,
 * and said so in plain words. What the offices answer is shown per part with an icon and a
 * word (never colour alone), and nothing personal: service, office, state, reference, time.
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include "core/loket-format.h"
#include "core/loket-i18n.h"
#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"
#include "net/loket-tracker.h"
#include "loket-track-page.h"

struct _LoketTrackPage
{
  LoketPage  parent_instance;

  GtkWidget *content;
  GtkWidget *lead_label;
  GtkWidget *code_label;
  GtkWidget *entry;
  GtkWidget *problem_box;
  GtkWidget *problem_label;
  GtkWidget *busy_box;
  GtkWidget *spinner;
  GtkWidget *busy_label;
  GtkWidget *result_heading;
  GtkWidget *results;

  char      *code;          /* canonical, of the parts shown */
  GPtrArray *parts;         /* of LoketTrackedPart* */
  gboolean   busy;
};

G_DEFINE_FINAL_TYPE (LoketTrackPage, loket_track_page, LOKET_TYPE_PAGE)

typedef enum {
  LOOK_OK,
  LOOK_WAITING,
  LOOK_ERROR,
} Look;

static const char *
state_word (LoketTrackState state,
            Look           *look)
{
  *look = LOOK_WAITING;
  switch (state)
    {
    case LOKET_TRACK_RECEIVED:
      return _("Received by the office");
    case LOKET_TRACK_IN_REVIEW:
      return _("Being reviewed");
    case LOKET_TRACK_NEEDS_INFO:
      *look = LOOK_ERROR;
      return _("The office needs more information");
    case LOKET_TRACK_APPROVED:
      *look = LOOK_OK;
      return _("Approved");
    case LOKET_TRACK_REJECTED:
      *look = LOOK_ERROR;
      return _("Rejected");
    case LOKET_TRACK_COMPLETED:
      *look = LOOK_OK;
      /* Translators: a part's state on the kiosk's tracking page; its own word, not the
       * receipt's "Finish" nor the keyboard's "Next field". */
      return C_("part state", "Completed");
    case LOKET_TRACK_SENDING:
      return _("Being sent to the office");
    case LOKET_TRACK_WAITING:
      return _("Waiting for another service");
    case LOKET_TRACK_DELAYED:
      *look = LOOK_ERROR;
      return _("Delayed: please ask at the counter");
    case LOKET_TRACK_CANCELLED:
      *look = LOOK_ERROR;
      return _("Cancelled");
    case LOKET_TRACK_CANNOT_PROCEED:
      *look = LOOK_ERROR;
      return _("Cannot go on: please ask at the counter");
    case LOKET_TRACK_UNKNOWN:
    default:
      return _("Status not known yet");
    }
}

static LoketSession *
get_session (LoketTrackPage *self)
{
  return loket_page_get_session (LOKET_PAGE (self));
}

static const char *
service_title (LoketTrackPage *self,
               const char     *id)
{
  const LoketService *service = NULL;

  if (id != NULL)
    service = loket_catalog_get_service (loket_session_get_catalog (get_session (self)), id);

  return service != NULL ? C_CATALOG (service->title) : id;
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
part_card (LoketTrackPage         *self,
           const LoketTrackedPart *part)
{
  const char *language = loket_session_get_language (get_session (self));
  LoketCatalog *catalog = loket_session_get_catalog (get_session (self));
  const LoketAgency *agency = part->agency != NULL ? loket_catalog_get_agency (catalog, part->agency) : NULL;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *state_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon;
  GtkWidget *word;
  Look look;
  const char *state_text = state_word (part->state, &look);
  static const char *icons[] = { "emblem-ok-symbolic", "content-loading-symbolic",
                                 "dialog-warning-symbolic" };
  static const char *classes[] = { "state-ok", "state-waiting", "state-error" };
  g_autofree char *name = NULL;

  gtk_widget_add_css_class (card, "loket-card");
  gtk_widget_add_css_class (card, "loket-track-part");

  gtk_box_append (GTK_BOX (card), wrapped_label (service_title (self, part->service),
                                                 "loket-tile-title"));
  if (agency != NULL)
    gtk_box_append (GTK_BOX (card), wrapped_label (C_CATALOG (agency->name), "loket-facts"));

  icon = gtk_image_new_from_icon_name (icons[look]);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  word = gtk_label_new (state_text);
  gtk_label_set_wrap (GTK_LABEL (word), TRUE);
  gtk_box_append (GTK_BOX (state_row), icon);
  gtk_box_append (GTK_BOX (state_row), word);
  gtk_widget_add_css_class (state_row, classes[look]);
  gtk_widget_set_halign (state_row, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (card), state_row);

  if (part->state == LOKET_TRACK_WAITING && part->after != NULL)
    {
      /* Translators: a part that goes to its office once another service is done */
      g_autofree char *text = g_strdup_printf (_("Will be sent after %s"),
                                               service_title (self, part->after));

      gtk_box_append (GTK_BOX (card), wrapped_label (text, "loket-track-after"));
    }

  if (part->reference != NULL)
    {
      /* Translators: the office's own number for the part, e.g. "Reference: DUK-2026-000001" */
      g_autofree char *text = g_strdup_printf (_("Reference: %s"), part->reference);

      gtk_box_append (GTK_BOX (card), wrapped_label (text, NULL));
    }

  if (part->updated_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (part->updated_at, NULL);

      if (utc != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (utc);
          g_autofree char *when = loket_format_date_time (language, local);
          /* Translators: when the state last changed, e.g. "Updated: 28 November 2026, 14.05" */
          g_autofree char *text = g_strdup_printf (_("Updated: %s"), when);

          gtk_box_append (GTK_BOX (card), wrapped_label (text, "loket-facts"));
        }
    }

  if (part->note != NULL && *part->note != '\0')
    gtk_box_append (GTK_BOX (card), wrapped_label (part->note, "loket-track-note"));

  if (part->unconfirmed)
    gtk_box_append (GTK_BOX (card),
                    wrapped_label (_("The office has not answered yet: this is what this kiosk knows."),
                                   "loket-facts"));

  name = g_strdup_printf ("%s: %s", service_title (self, part->service), state_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return card;
}

static void
clear_results (LoketTrackPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->results)) != NULL)
    gtk_box_remove (GTK_BOX (self->results), child);
  gtk_widget_set_visible (self->result_heading, FALSE);
}

static void
render_results (LoketTrackPage *self)
{
  clear_results (self);
  if (self->parts == NULL || self->code == NULL)
    return;

  {
    g_autofree char *shown = loket_tracking_code_format (self->code);
    /* Translators: above the parts of a request, e.g. "Request 7K3M-9QXA-2RTB-5" */
    g_autofree char *heading = g_strdup_printf (_("Request %s"), shown);

    gtk_label_set_label (GTK_LABEL (self->result_heading), heading);
    gtk_widget_set_visible (self->result_heading, TRUE);
  }

  for (guint i = 0; i < self->parts->len; i++)
    gtk_box_append (GTK_BOX (self->results), part_card (self, g_ptr_array_index (self->parts, i)));
}

static void
show_problem (LoketTrackPage *self,
              const char     *text)
{
  gtk_label_set_label (GTK_LABEL (self->problem_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->problem_box, text != NULL);
  if (text != NULL)
    gtk_widget_add_css_class (self->entry, "error");
  else
    gtk_widget_remove_css_class (self->entry, "error");
}

static void
set_busy (LoketTrackPage *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->busy_box, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static const char *
code_problem (const GError *error)
{
  if (g_error_matches (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_CHECK))
    return _("One letter or digit of this code is wrong. Please compare it with your receipt, sign by sign.");
  if (g_error_matches (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_LENGTH))
    return _("A tracking code has 13 letters and digits, like 7K3M-9QXA-2RTB-5. Please check that none is missing or extra.");
  if (g_error_matches (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_EMPTY))
    return _("Please type the code from your receipt, or scan its QR code.");
  if (g_error_matches (error, LOKET_TRACKING_CODE_ERROR, LOKET_TRACKING_CODE_ERROR_SYMBOL))
    return _("This code has a sign that tracking codes never contain. Please compare it with your receipt.");
  return _("This is not a Loket receipt code. Please scan the QR code on your receipt, or type the code printed under it.");
}

static void
track_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoketTrackPage *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = loket_track_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_busy (self, FALSE);
  if (parts == NULL)
    {
      show_problem (self, _("No request with this code is known yet. If you sent it just now, try again in a minute; otherwise please ask at the counter."));
      g_clear_pointer (&self->parts, g_ptr_array_unref);
      clear_results (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_clear_pointer (&self->parts, g_ptr_array_unref);
  self->parts = g_steal_pointer (&parts);
  render_results (self);
  g_task_return_boolean (task, TRUE);
}

static void
loket_track_page_apply_async (LoketPage           *page,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  LoketTrackPage *self = LOKET_TRACK_PAGE (page);
  LoketSession *session = get_session (self);
  LoketConfig *config = loket_session_get_config (session);
  g_autoptr(GTask) task = g_task_new (page, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketQrPayload) payload = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  g_task_set_source_tag (task, loket_track_page_apply_async);

  payload = loket_qr_payload_parse (text, config->tracking_url, &error);
  if (payload == NULL)
    {
      show_problem (self, code_problem (error));
      clear_results (self);
      g_clear_pointer (&self->parts, g_ptr_array_unref);
      /* The page stays; the message is already next to the field. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               gtk_label_get_label (GTK_LABEL (self->problem_label)));
      return;
    }

  /* A scanned payload becomes the code as a citizen reads it. */
  g_free (self->code);
  self->code = g_strdup (payload->code);
  {
    g_autofree char *shown = loket_tracking_code_format (payload->code);

    gtk_editable_set_text (GTK_EDITABLE (self->entry), shown);
    gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  }

  show_problem (self, NULL);
  set_busy (self, TRUE);
  loket_track_async (loket_session_get_http (session), config, loket_session_get_outbox (session),
                     payload->code, (const char * const *) payload->agencies,
                     loket_session_get_language (session), cancellable,
                     track_done_cb, g_steal_pointer (&task));
}

static void
entry_changed_cb (LoketTrackPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  loket_page_set_complete (LOKET_PAGE (self), text[0] != '\0');
}

static void
entry_activate_cb (LoketTrackPage *self)
{
  /* Enter, as a scanner ends its text: look up at once. */
  gtk_widget_activate_action (GTK_WIDGET (self), "flow.next", NULL);
}

static void
set_strings (LoketTrackPage *self)
{
  /* Translators: the title of the page where a citizen checks an earlier request */
  loket_page_set_title (LOKET_PAGE (self), _("Track my request"));
  /* Translators: the main button on the tracking page */
  loket_page_set_next_label (LOKET_PAGE (self), _("Look up"));
  gtk_label_set_label (GTK_LABEL (self->lead_label),
                       _("Hold the QR code of your receipt under the scanner, or type the code printed under it."));
  gtk_label_set_label (GTK_LABEL (self->code_label), _("Tracking code"));
  gtk_label_set_label (GTK_LABEL (self->busy_label), _("Asking the offices…"));
  /* The entry's name comes from code_label (its mnemonic widget): a label property as well
   * would make GTK 4.8 say "Tracking code Tracking code". */
}

static void
loket_track_page_locale_changed (LoketPage *page)
{
  LoketTrackPage *self = LOKET_TRACK_PAGE (page);

  set_strings (self);
  if (gtk_widget_get_visible (self->problem_box))
    show_problem (self, NULL);
  render_results (self);
}

static void
loket_track_page_reset (LoketPage *page)
{
  LoketTrackPage *self = LOKET_TRACK_PAGE (page);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  show_problem (self, NULL);
  set_busy (self, FALSE);
  clear_results (self);
}

static void
loket_track_page_shown (LoketPage *page)
{
  LoketTrackPage *self = LOKET_TRACK_PAGE (page);

  /* The scanner types into whatever has the focus: make that the code's field. */
  gtk_widget_grab_focus (self->entry);
}

static void
loket_track_page_dispose (GObject *object)
{
  LoketTrackPage *self = LOKET_TRACK_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_TRACK_PAGE);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (loket_track_page_parent_class)->dispose (object);
}

static void
loket_track_page_class_init (LoketTrackPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->dispose = loket_track_page_dispose;
  page_class->apply_async = loket_track_page_apply_async;
  page_class->locale_changed = loket_track_page_locale_changed;
  page_class->reset = loket_track_page_reset;
  page_class->shown = loket_track_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-track-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, content);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, lead_label);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, entry);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, result_heading);
  gtk_widget_class_bind_template_child (widget_class, LoketTrackPage, results);
}

static void
loket_track_page_init (LoketTrackPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_strings (self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (entry_activate_cb), self);
  loket_page_attach_entry (LOKET_PAGE (self), GTK_EDITABLE (self->entry), LOKET_KEYBOARD_TEXT);
}

GtkWidget *
loket_track_page_get_entry (LoketTrackPage *self)
{
  g_return_val_if_fail (LOKET_IS_TRACK_PAGE (self), NULL);
  return self->entry;
}

const char *
loket_track_page_get_problem (LoketTrackPage *self)
{
  g_return_val_if_fail (LOKET_IS_TRACK_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->problem_box))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->problem_label));
}

gboolean
loket_track_page_is_busy (LoketTrackPage *self)
{
  g_return_val_if_fail (LOKET_IS_TRACK_PAGE (self), FALSE);
  return self->busy;
}

GPtrArray *
loket_track_page_get_parts (LoketTrackPage *self)
{
  g_return_val_if_fail (LOKET_IS_TRACK_PAGE (self), NULL);
  return self->parts;
}
