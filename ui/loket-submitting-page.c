/* loket-submitting-page.c — each agency's part on its way, live, after the request is stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request is already stored durably when this page shows, so nothing here can lose it;
 * the page only tells, service by service, where each part stands, in words and with an
 * icon and a bar (never a bare spinner). A part the agency rejects shows the agency's reason
 * and, when it names fields, those fields to correct in place and a button that sends the
 * part again as a new part under the same tracking code.
 */
#define G_LOG_DOMAIN "loket-submitting-page"

#include "config.h"

#include <string.h>

#include "core/loket-i18n.h"
#include "net/loket-agency-client.h"
#include "loket-field-row.h"
#include "loket-session.h"
#include "loket-submitting-page.h"

typedef struct {
  char      *service_id;
  char      *part_id;
  int        state;
  char      *reference;
  char      *reasons;      /* the agency's messages, one a line; in memory only */
  GPtrArray *agency_reasons; /* of LoketAgencyReason*, as the agency gave them, or NULL */
  char      *text;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *state_label;
  GtkWidget *bar;
  GtkWidget *correction;   /* box, or NULL */
  GPtrArray *rows;         /* of LoketFieldRow*, or NULL */
  GtkWidget *resend;
  GtkWidget *resend_error;
} PartRow;

struct _LoketSubmittingPage
{
  LoketPage   parent_instance;

  GtkWidget  *scroller;
  GtkWidget  *intro;
  GtkWidget  *content;

  GPtrArray  *rows;        /* of PartRow* */
  guint       patience_id;
};

G_DEFINE_FINAL_TYPE (LoketSubmittingPage, loket_submitting_page, LOKET_TYPE_PAGE)

static void
part_row_free (PartRow *row)
{
  g_free (row->service_id);
  g_free (row->part_id);
  g_free (row->reference);
  if (row->reasons != NULL)
    memset (row->reasons, 0, strlen (row->reasons));
  g_free (row->reasons);
  g_free (row->text);
  g_clear_pointer (&row->rows, g_ptr_array_unref);
  g_clear_pointer (&row->agency_reasons, g_ptr_array_unref);
  g_free (row);
}

static LoketSession *
get_session (LoketSubmittingPage *self)
{
  return loket_page_get_session (LOKET_PAGE (self));
}

static PartRow *
find_row (LoketSubmittingPage *self,
          const char          *service_id,
          const char          *part_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      PartRow *row = g_ptr_array_index (self->rows, i);

      if ((service_id != NULL && g_strcmp0 (row->service_id, service_id) == 0) ||
          (part_id != NULL && g_strcmp0 (row->part_id, part_id) == 0))
        return row;
    }

  return NULL;
}

static const char *
service_title (LoketSubmittingPage *self,
               const char          *service_id)
{
  const LoketService *service =
    loket_catalog_get_service (loket_session_get_catalog (get_session (self)), service_id);

  return service != NULL ? C_CATALOG (service->title) : service_id;
}

static gboolean
in_flight (int state)
{
  return state == LOKET_OUTBOX_STATE_QUEUED || state == LOKET_OUTBOX_STATE_SENDING;
}

static void
update_complete (LoketSubmittingPage *self)
{
  gboolean settled = self->rows->len > 0;

  for (guint i = 0; settled && i < self->rows->len; i++)
    settled = !in_flight (((PartRow *) g_ptr_array_index (self->rows, i))->state);

  if (settled || self->patience_id == 0)
    {
      loket_page_set_show_next (LOKET_PAGE (self), TRUE);
      loket_page_set_complete (LOKET_PAGE (self), TRUE);
    }
}

/* Over 80 lines: one switch over a row's states setting its text, icon, style and progress
 * together. */
static void
show_state (LoketSubmittingPage *self,
            PartRow             *row)
{
  const char *icon = "content-loading-symbolic";
  const char *css = "state-waiting";
  double fraction = 0.1;
  g_autofree char *text = NULL;

  switch (row->state)
    {
    case LOKET_OUTBOX_STATE_QUEUED:
      text = g_strdup (_("Ready to send"));
      break;
    case LOKET_OUTBOX_STATE_SENDING:
      text = g_strdup (_("Sending…"));
      icon = "document-send-symbolic";
      fraction = 0.5;
      break;
    case LOKET_OUTBOX_STATE_DELIVERED:
      {
        /* "Reached", never "accepted" (which reads as approved): it arrived, no more. */
        const LoketService *service =
          loket_catalog_get_service (loket_session_get_catalog (get_session (self)),
                                     row->service_id);
        const char *agency = service != NULL ? C_CATALOG (service->agency->short_name) : "";

        text = row->reference != NULL
               /* Translators: the first %s is the agency's short name, the second its
                * reference number for the request. */
               ? g_strdup_printf (_("Reached %s. Reference: %s"), agency, row->reference)
               /* Translators: %s is the agency's short name: the part arrived there. */
               : g_strdup_printf (_("Reached %s"), agency);
      }
      icon = "emblem-ok-symbolic";
      css = "state-ok";
      fraction = 1.0;
      break;
    case LOKET_OUTBOX_STATE_RETRY:
      text = g_strdup (_("The agency cannot be reached right now. Your request is kept "
                         "safely and will be sent automatically later."));
      icon = "alarm-symbolic";
      fraction = 0.3;
      break;
    case LOKET_OUTBOX_STATE_NEEDS_STAFF:
      text = g_strdup (_("Your request is kept safely. Staff will send it; you do not need "
                         "to do anything."));
      icon = "alarm-symbolic";
      fraction = 0.3;
      break;
    case LOKET_OUTBOX_STATE_WAITING:
      {
        LoketCatalog *catalog = loket_session_get_catalog (get_session (self));
        const LoketService *service = loket_catalog_get_service (catalog, row->service_id);

        /* Translators: %s is the title of the service whose result this one needs. */
        text = g_strdup_printf (_("Waiting for “%s” first; it will then be sent "
                                  "automatically."),
                                service != NULL && service->after != NULL
                                ? service_title (self, service->after) : "");
        icon = "alarm-symbolic";
        fraction = 0.3;
      }
      break;
    case LOKET_OUTBOX_STATE_REJECTED:
      text = row->reasons != NULL
             ? g_strdup_printf (_("The agency could not accept it: %s"), row->reasons)
             : g_strdup (_("The agency could not accept it. Please ask at the counter."));
      icon = "dialog-error-symbolic";
      css = "state-error";
      fraction = 1.0;
      break;
    case LOKET_OUTBOX_STATE_CANCELLED:
      text = g_strdup (_("Cancelled by staff."));
      icon = "dialog-error-symbolic";
      css = "state-error";
      fraction = 1.0;
      break;
    case LOKET_OUTBOX_STATE_CANNOT_PROCEED:
    default:
      text = g_strdup (_("This cannot go on because the service it needs was not accepted. "
                         "Please ask at the counter."));
      icon = "dialog-error-symbolic";
      css = "state-error";
      fraction = 1.0;
      break;
    }

  g_free (row->text);
  row->text = g_strdup (text);
  gtk_label_set_text (GTK_LABEL (row->state_label), text);
  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), icon);
  gtk_widget_remove_css_class (row->state_label, "state-ok");
  gtk_widget_remove_css_class (row->state_label, "state-waiting");
  gtk_widget_remove_css_class (row->state_label, "state-error");
  gtk_widget_add_css_class (row->state_label, css);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (row->bar), fraction);
}

static void
clear_correction (PartRow *row)
{
  if (row->correction != NULL)
    gtk_box_remove (GTK_BOX (row->box), row->correction);
  row->correction = NULL;
  row->resend = NULL;
  row->resend_error = NULL;
  g_clear_pointer (&row->rows, g_ptr_array_unref);
}

typedef struct {
  LoketSubmittingPage *page;
  char                *service_id;
} Resend;

static void
resent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Resend *resend = user_data;
  LoketSubmittingPage *self = resend->page;
  g_autoptr(LoketPart) part = NULL;
  g_autoptr(GError) error = NULL;
  /* NULL when the page was reset meanwhile (the idle wipe): a stored part is delivered all
   * the same, and nobody is left to tell. */
  PartRow *row = find_row (self, resend->service_id, NULL);

  part = loket_session_resend_service_finish (LOKET_SESSION (source), result, &error);
  if (part == NULL)
    g_warning ("A corrected part could not be stored: %s", error->message);

  if (row != NULL && row->resend != NULL)
    gtk_widget_set_sensitive (row->resend, TRUE);
  if (row != NULL && part == NULL && row->resend_error != NULL)
    {
      gtk_label_set_text (GTK_LABEL (row->resend_error),
                          g_error_matches (error, LOKET_REQUEST_ERROR,
                                           LOKET_REQUEST_ERROR_INCOMPLETE)
                          ? _("Please correct the answers marked above first.")
                          : _("This kiosk cannot send it again right now. Please go to the "
                              "counter."));
      gtk_widget_set_visible (row->resend_error, TRUE);
    }
  else if (row != NULL && part != NULL)
    {
      g_free (row->part_id);
      row->part_id = g_strdup (part->part_id);
      row->state = part->after != NULL ? LOKET_OUTBOX_STATE_WAITING : LOKET_OUTBOX_STATE_QUEUED;
      g_clear_pointer (&row->reference, g_free);
      g_clear_pointer (&row->reasons, g_free);
      clear_correction (row);
      show_state (self, row);
      update_complete (self);
    }

  g_object_unref (resend->page);
  g_free (resend->service_id);
  g_free (resend);
}

/* submitting.resend "s": "Send again" under a rejected service's corrected answers. Stored
 * off the screens' thread; the button waits meanwhile, so it is not pressed twice. */
static void
resend_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LoketSubmittingPage *self = LOKET_SUBMITTING_PAGE (widget);
  PartRow *row = find_row (self, g_variant_get_string (parameter, NULL), NULL);
  Resend *resend;

  if (row == NULL || row->resend == NULL)
    return;

  for (guint i = 0; i < row->rows->len; i++)
    loket_field_row_reveal (g_ptr_array_index (row->rows, i));

  gtk_widget_set_sensitive (row->resend, FALSE);
  gtk_widget_set_visible (row->resend_error, FALSE);
  resend = g_new0 (Resend, 1);
  resend->page = g_object_ref (self);
  resend->service_id = g_strdup (row->service_id);
  loket_session_resend_service_async (get_session (self), row->service_id, NULL, resent_cb,
                                      resend);
}

static void
correction_row_changed_cb (LoketFieldRow       *field_row,
                           LoketSubmittingPage *self)
{
  LoketRequest *request = loket_session_get_request (get_session (self));
  g_autoptr(GPtrArray) issues = loket_request_get_issues (request, NULL);
  const LoketIssue *found = NULL;

  for (guint i = 0; i < issues->len && found == NULL; i++)
    if (loket_field_row_matches (field_row, g_ptr_array_index (issues, i)))
      found = g_ptr_array_index (issues, i);
  loket_field_row_set_issue (field_row, found);
}

/* The fields the agency named, as rows of the form, so the citizen corrects just those. */
static void
build_correction (LoketSubmittingPage *self,
                  PartRow             *row,
                  GPtrArray           *reasons)
{
  LoketRequest *request = loket_session_get_request (get_session (self));
  LoketCatalog *catalog = loket_session_get_catalog (get_session (self));
  GtkWidget *title;

  clear_correction (row);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      const LoketAgencyReason *reason = g_ptr_array_index (reasons, i);
      const LoketField *field = reason->field != NULL
                                ? loket_catalog_get_field (catalog, reason->field) : NULL;
      GtkWidget *field_row;

      if (field == NULL || field->type == LOKET_FIELD_TYPE_GROUP ||
          loket_request_get_field_state (request, field->id) != LOKET_FIELD_STATE_ASKED)
        continue;

      if (row->correction == NULL)
        {
          row->correction = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
          gtk_widget_add_css_class (row->correction, "loket-correction");
          title = gtk_label_new (_("Correct these answers, then send it again:"));
          gtk_label_set_xalign (GTK_LABEL (title), 0);
          gtk_label_set_wrap (GTK_LABEL (title), TRUE);
          gtk_box_append (GTK_BOX (row->correction), title);
          row->rows = g_ptr_array_new ();
        }

      field_row = loket_field_row_new (request, field, NULL, 0);
      g_signal_connect (field_row, "changed", G_CALLBACK (correction_row_changed_cb), self);
      /* A date has three boxes, each with the keypad. */
      for (guint n = 0; ; n++)
        {
          GtkWidget *entry = loket_field_row_get_nth_entry (LOKET_FIELD_ROW (field_row), n);

          if (entry == NULL)
            break;
          loket_page_attach_entry (LOKET_PAGE (self), GTK_EDITABLE (entry),
                                   loket_field_keyboard (field));
        }
      gtk_box_append (GTK_BOX (row->correction), field_row);
      g_ptr_array_add (row->rows, field_row);
    }

  if (row->correction == NULL)
    return;

  row->resend_error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->resend_error), 0);
  gtk_label_set_wrap (GTK_LABEL (row->resend_error), TRUE);
  gtk_widget_add_css_class (row->resend_error, "loket-field-error");
  gtk_widget_set_visible (row->resend_error, FALSE);
  gtk_box_append (GTK_BOX (row->correction), row->resend_error);

  row->resend = gtk_button_new_with_label (_("Send again"));
  gtk_widget_add_css_class (row->resend, "loket-primary");
  gtk_widget_set_halign (row->resend, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row->resend), "submitting.resend");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row->resend), "s", row->service_id);
  gtk_box_append (GTK_BOX (row->correction), row->resend);
  gtk_box_append (GTK_BOX (row->box), row->correction);
  loket_page_set_needs_keyboard (LOKET_PAGE (self), TRUE);
}

static void
apply_rejection (LoketSubmittingPage *self,
                 PartRow             *row,
                 GPtrArray           *reasons)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < reasons->len; i++)
    {
      const LoketAgencyReason *reason = g_ptr_array_index (reasons, i);

      if (reason->message == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, reason->message);
    }
  g_free (row->reasons);
  row->reasons = text->len > 0 ? g_string_free (text, FALSE)
                               : (g_string_free (text, TRUE), NULL);
  if (row->agency_reasons != reasons)
    {
      g_clear_pointer (&row->agency_reasons, g_ptr_array_unref);
      row->agency_reasons = g_ptr_array_ref (reasons);
    }
  build_correction (self, row, reasons);
}

static void
part_changed_cb (LoketSession        *session,
                 LoketPartChange     *change,
                 LoketSubmittingPage *self)
{
  PartRow *row;

  if (g_strcmp0 (change->tracking_code, loket_session_get_tracking_code (session)) != 0)
    return;
  row = find_row (self, NULL, change->part_id);
  if (row == NULL)
    return;

  row->state = change->state;
  if (change->reference != NULL)
    {
      g_free (row->reference);
      row->reference = g_strdup (change->reference);
    }

  /* The same rejection may be told again without its reasons (the outbox does not keep
   * them): what the agency said first stays on screen. */
  if (change->state == LOKET_OUTBOX_STATE_REJECTED && change->reasons != NULL &&
      change->reasons->len > 0)
    apply_rejection (self, row, change->reasons);

  show_state (self, row);
  update_complete (self);
}

static void
add_part_row (LoketSubmittingPage *self,
              LoketPart           *part,
              LoketOutbox         *outbox)
{
  PartRow *row = g_new0 (PartRow, 1);
  LoketCatalog *catalog = loket_session_get_catalog (get_session (self));
  const LoketAgency *agency = loket_catalog_get_agency (catalog, part->agency);
  g_autoptr(LoketOutboxPart) stored = NULL;
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title, *agency_label;

  row->service_id = g_strdup (part->service);
  row->part_id = g_strdup (part->part_id);
  row->state = part->after != NULL ? LOKET_OUTBOX_STATE_WAITING : LOKET_OUTBOX_STATE_QUEUED;

  /* Delivery may have moved on before the page showed: start from what the outbox knows. */
  if (outbox != NULL && (stored = loket_outbox_get_part (outbox, part->part_id, NULL)) != NULL)
    {
      row->state = stored->state;
      row->reference = g_strdup (stored->reference);
    }

  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (row->box, "loket-part-card");
  row->icon = gtk_image_new ();
  gtk_image_set_icon_size (GTK_IMAGE (row->icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_set_valign (row->icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (head), row->icon);
  title = gtk_label_new (service_title (self, part->service));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "loket-section-title");
  gtk_box_append (GTK_BOX (titles), title);
  agency_label = gtk_label_new (agency != NULL ? C_CATALOG (agency->name) : part->agency);
  gtk_label_set_xalign (GTK_LABEL (agency_label), 0);
  gtk_label_set_wrap (GTK_LABEL (agency_label), TRUE);
  gtk_box_append (GTK_BOX (titles), agency_label);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (head), titles);
  gtk_box_append (GTK_BOX (row->box), head);

  row->bar = gtk_progress_bar_new ();
  gtk_box_append (GTK_BOX (row->box), row->bar);
  row->state_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->state_label), 0);
  gtk_label_set_wrap (GTK_LABEL (row->state_label), TRUE);
  gtk_box_append (GTK_BOX (row->box), row->state_label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row->bar),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row->state_label, NULL,
                                  -1);

  g_ptr_array_add (self->rows, row);
  gtk_box_append (GTK_BOX (self->content), row->box);
  show_state (self, row);
}

static gboolean
patience_cb (gpointer user_data)
{
  LoketSubmittingPage *self = user_data;

  self->patience_id = 0;
  update_complete (self);
  return G_SOURCE_REMOVE;
}

static void
set_strings (LoketSubmittingPage *self)
{
  loket_page_set_title (LOKET_PAGE (self), _("Sending your request"));
  loket_page_set_next_label (LOKET_PAGE (self), _("See my receipt"));
  gtk_label_set_text (GTK_LABEL (self->intro),
                      _("Your request is saved on this kiosk. It is now sent to each agency; "
                        "you can see each one below."));
}

static void
rebuild (LoketSubmittingPage *self)
{
  LoketSession *session = get_session (self);
  GPtrArray *parts = session != NULL ? loket_session_get_parts (session) : NULL;
  g_autoptr(GHashTable) said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  GtkWidget *child;

  /* What agencies said lives only here (never stored): keep it across a rebuild. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      PartRow *row = g_ptr_array_index (self->rows, i);

      if (row->agency_reasons != NULL)
        g_hash_table_insert (said, g_strdup (row->part_id),
                             g_ptr_array_ref (row->agency_reasons));
    }
  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);

  set_strings (self);
  loket_page_set_show_back (LOKET_PAGE (self), FALSE);
  loket_page_set_show_next (LOKET_PAGE (self), FALSE);
  loket_page_set_complete (LOKET_PAGE (self), FALSE);
  loket_page_set_needs_keyboard (LOKET_PAGE (self), FALSE);

  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      PartRow *row;
      GPtrArray *reasons;

      add_part_row (self, g_ptr_array_index (parts, i), loket_session_get_outbox (session));
      row = g_ptr_array_index (self->rows, self->rows->len - 1);
      reasons = g_hash_table_lookup (said, row->part_id);
      if (reasons != NULL && row->state == LOKET_OUTBOX_STATE_REJECTED)
        {
          apply_rejection (self, row, reasons);
          show_state (self, row);
        }
    }
}

static void
loket_submitting_page_shown (LoketPage *page)
{
  LoketSubmittingPage *self = LOKET_SUBMITTING_PAGE (page);

  rebuild (self);
  g_clear_handle_id (&self->patience_id, g_source_remove);
  self->patience_id = g_timeout_add_seconds (LOKET_SUBMITTING_PATIENCE_S, patience_cb, self);
  update_complete (self);
}

static void
loket_submitting_page_locale_changed (LoketPage *page)
{
  LoketSubmittingPage *self = LOKET_SUBMITTING_PAGE (page);

  set_strings (self);
  for (guint i = 0; i < self->rows->len; i++)
    show_state (self, g_ptr_array_index (self->rows, i));
}

static void
loket_submitting_page_reset (LoketPage *page)
{
  LoketSubmittingPage *self = LOKET_SUBMITTING_PAGE (page);

  g_clear_handle_id (&self->patience_id, g_source_remove);
  /* The next citizen inherits nothing, not even what an agency said. */
  g_ptr_array_set_size (self->rows, 0);
  rebuild (self);
}

static void
loket_submitting_page_constructed (GObject *object)
{
  LoketSubmittingPage *self = LOKET_SUBMITTING_PAGE (object);
  LoketSession *session = get_session (self);

  G_OBJECT_CLASS (loket_submitting_page_parent_class)->constructed (object);

  if (session != NULL)
    g_signal_connect_object (session, "part-changed", G_CALLBACK (part_changed_cb), self, 0);
  rebuild (self);
}

static void
loket_submitting_page_dispose (GObject *object)
{
  LoketSubmittingPage *self = LOKET_SUBMITTING_PAGE (object);

  g_clear_handle_id (&self->patience_id, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_SUBMITTING_PAGE);

  G_OBJECT_CLASS (loket_submitting_page_parent_class)->dispose (object);
}

static void
loket_submitting_page_class_init (LoketSubmittingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->constructed = loket_submitting_page_constructed;
  object_class->dispose = loket_submitting_page_dispose;
  page_class->shown = loket_submitting_page_shown;
  page_class->locale_changed = loket_submitting_page_locale_changed;
  page_class->reset = loket_submitting_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-submitting-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketSubmittingPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LoketSubmittingPage, intro);
  gtk_widget_class_bind_template_child (widget_class, LoketSubmittingPage, content);

  gtk_widget_class_install_action (widget_class, "submitting.resend", "s", resend_activated);
}

static void
loket_submitting_page_init (LoketSubmittingPage *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) part_row_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GStrv
loket_submitting_page_dup_services (LoketSubmittingPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LOKET_IS_SUBMITTING_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, ((PartRow *) g_ptr_array_index (self->rows, i))->service_id);

  return g_strv_builder_end (builder);
}

gboolean
loket_submitting_page_get_part (LoketSubmittingPage  *self,
                                const char           *service_id,
                                const char          **part_id,
                                int                  *state,
                                const char          **text)
{
  PartRow *row;

  g_return_val_if_fail (LOKET_IS_SUBMITTING_PAGE (self), FALSE);
  g_return_val_if_fail (service_id != NULL, FALSE);

  row = find_row (self, service_id, NULL);
  if (row == NULL)
    return FALSE;
  if (part_id != NULL)
    *part_id = row->part_id;
  if (state != NULL)
    *state = row->state;
  if (text != NULL)
    *text = row->text;
  return TRUE;
}

GPtrArray *
loket_submitting_page_get_correction (LoketSubmittingPage *self,
                                      const char          *service_id)
{
  PartRow *row;

  g_return_val_if_fail (LOKET_IS_SUBMITTING_PAGE (self), NULL);
  row = find_row (self, service_id, NULL);
  return row != NULL ? row->rows : NULL;
}

GtkWidget *
loket_submitting_page_get_resend_button (LoketSubmittingPage *self,
                                         const char          *service_id)
{
  PartRow *row;

  g_return_val_if_fail (LOKET_IS_SUBMITTING_PAGE (self), NULL);
  row = find_row (self, service_id, NULL);
  return row != NULL ? row->resend : NULL;
}
