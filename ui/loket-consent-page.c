/* loket-consent-page.c — per agency: which data it receives, why, and the citizen's answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each agency's card shows loket_request_consent_summary() line by line, never a
 * paraphrase, and the itemised text behind "Show every item": the SHA-256 of both goes into
 * every part of that agency, with whether the itemised text was opened, so what the citizen
 * read is what the agency can prove they read. A service whose basis is consent gets a real
 * yes/no, and "No" leaves that one service out; what the law requires is acknowledged. The
 * whole agency may be left out, after a confirmation that offers a way back.
 */
#define G_LOG_DOMAIN "loket-consent-page"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-consent-card.h"
#include "loket-consent-page.h"
#include "loket-session.h"

struct _LoketConsentPage
{
  LoketPage   parent_instance;

  GtkWidget  *scroller;
  GtkWidget  *intro;
  GtkWidget  *content;
  GtkWidget  *problem;
  GtkWidget  *notice;   /* what "No" or "Leave … out" took out of the request */
  GtkWidget  *status;   /* "Saving your request…" while the outbox writes */
  GtkWidget  *status_label;
  GtkWidget  *spinner;

  GPtrArray  *cards;   /* of LoketConsentCard*, in the order shown */
  char       *problem_text;
  char       *notice_text;
  gboolean    busy;
};

G_DEFINE_FINAL_TYPE (LoketConsentPage, loket_consent_page, LOKET_TYPE_PAGE)

G_DEFINE_QUARK (loket-consent-page-error-quark, loket_consent_page_error)

static void rebuild (LoketConsentPage *self);

static LoketRequest *
get_request (LoketConsentPage *self)
{
  LoketSession *session = loket_page_get_session (LOKET_PAGE (self));

  return session != NULL ? loket_session_get_request (session) : NULL;
}

static LoketConsentCard *
find_card (LoketConsentPage *self,
           const char       *agency_id)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      LoketConsentCard *card = g_ptr_array_index (self->cards, i);

      if (g_strcmp0 (loket_consent_card_get_agency_id (card), agency_id) == 0)
        return card;
    }

  return NULL;
}

static void
update_complete (LoketConsentPage *self)
{
  LoketRequest *request = get_request (self);
  gboolean complete = request != NULL && self->cards->len > 0 &&
                      loket_request_is_complete (request);

  for (guint i = 0; complete && i < self->cards->len; i++)
    {
      LoketConsentCard *card = g_ptr_array_index (self->cards, i);

      complete = loket_request_get_consent (request, loket_consent_card_get_agency_id (card));
    }

  loket_page_set_complete (LOKET_PAGE (self), complete);
}

/* An answer changed: the agency's consent holds while every answer it needs is given. */
static void
card_answered_cb (LoketConsentCard *card,
                  LoketConsentPage *self)
{
  loket_request_set_consent (get_request (self), loket_consent_card_get_agency_id (card),
                             loket_consent_card_get_answered (card));
  update_complete (self);
}

static void
card_details_opened_cb (LoketConsentCard *card,
                        LoketConsentPage *self)
{
  loket_request_set_consent_details_opened (get_request (self),
                                            loket_consent_card_get_agency_id (card));
}

static void
set_notice (LoketConsentPage *self,
            const char       *notice)
{
  g_free (self->notice_text);
  self->notice_text = g_strdup (notice);
  gtk_label_set_text (GTK_LABEL (self->notice), notice != NULL ? notice : "");
  gtk_widget_set_visible (self->notice, notice != NULL);
}

/* After a rebuild, the keyboard goes on from the agency's card if it is still there, else
 * from the first card. */
static void
focus_card (LoketConsentPage *self,
            const char       *agency_id)
{
  LoketConsentCard *card = agency_id != NULL ? find_card (self, agency_id) : NULL;
  GtkWidget *focus;

  if (card == NULL && self->cards->len > 0)
    card = g_ptr_array_index (self->cards, 0);
  if (card == NULL)
    return;
  focus = loket_consent_card_get_first_answer (card);
  gtk_widget_grab_focus (gtk_widget_get_visible (focus)
                         ? focus : loket_consent_card_get_remove_button (card));
}

/* consent.refuse "s": "No, leave this service out" — that service only, at once: the
 * notice says how to choose it again. */
static void
refuse_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LoketConsentPage *self = LOKET_CONSENT_PAGE (widget);
  LoketRequest *request = get_request (self);
  g_autofree char *service_id = g_variant_dup_string (parameter, NULL);
  const LoketService *service;
  g_autofree char *agency_id = NULL;
  g_autofree char *notice = NULL;

  if (request == NULL)
    return;
  service = loket_catalog_get_service (loket_request_get_catalog (request), service_id);
  if (service == NULL || !loket_request_remove_service (request, service_id))
    return;

  agency_id = g_strdup (service->agency->id);
  /* Translators: shown on the consent page after "No, leave this service out"; %s is the
   * service's title. */
  notice = g_strdup_printf (_("“%s” is left out of your request. To choose it again, press "
                              "Back."), C_CATALOG (service->title));
  set_notice (self, notice);
  rebuild (self);
  focus_card (self, agency_id);
}

/* consent.remove "s": "Do not send to …" asks first, in the card. */
static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LoketConsentCard *card = find_card (LOKET_CONSENT_PAGE (widget),
                                      g_variant_get_string (parameter, NULL));

  if (card != NULL)
    loket_consent_card_set_asking (card, TRUE);
}

/* consent.keep "s": "No, keep them". */
static void
keep_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LoketConsentCard *card = find_card (LOKET_CONSENT_PAGE (widget),
                                      g_variant_get_string (parameter, NULL));

  if (card != NULL)
    loket_consent_card_set_asking (card, FALSE);
}

/* consent.confirm-remove "s": "Yes, remove them". */
static void
confirm_remove_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LoketConsentPage *self = LOKET_CONSENT_PAGE (widget);
  /* A copy: the rebuild below frees the card and the button with their target. */
  g_autofree char *agency_id = g_variant_dup_string (parameter, NULL);

  const LoketAgency *agency = NULL;
  g_autofree char *notice = NULL;

  if (get_request (self) != NULL)
    agency = loket_catalog_get_agency (loket_request_get_catalog (get_request (self)),
                                       agency_id);
  if (agency != NULL)
    /* Translators: shown on the consent page after an agency was left out; %s is its
     * short name. */
    notice = g_strdup_printf (_("%s is left out of your request. To choose its services "
                                "again, press Back."), C_CATALOG (agency->short_name));
  loket_request_remove_agency (get_request (self), agency_id);
  set_notice (self, notice);
  /* Removing services may change what the others ask and say: read it all again. */
  rebuild (self);
  /* The pressed button went with its card: a keyboard goes on from the first card left. */
  focus_card (self, NULL);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
add_card (LoketConsentPage  *self,
          LoketRequest      *request,
          const LoketAgency *agency,
          GHashTable        *saved)
{
  GtkWidget *card = loket_consent_card_new (request, agency);

  /* Answers given before a rebuild stay while the agency's words are the same. */
  loket_consent_card_restore_answers (LOKET_CONSENT_CARD (card),
                                      g_hash_table_lookup (saved, agency->id));
  g_signal_connect_object (card, "answered", G_CALLBACK (card_answered_cb), self, 0);
  g_signal_connect_object (card, "details-opened", G_CALLBACK (card_details_opened_cb), self,
                           0);
  gtk_box_append (GTK_BOX (self->content), card);
  g_ptr_array_add (self->cards, g_object_ref (card));
}

static void
set_problem (LoketConsentPage *self,
             const char       *problem)
{
  g_free (self->problem_text);
  self->problem_text = g_strdup (problem);
  gtk_label_set_text (GTK_LABEL (self->problem), problem != NULL ? problem : "");
  gtk_widget_set_visible (self->problem, problem != NULL);
}

/* While the request is written (a few milliseconds, or seconds on a failing disk) the screen
 * says so and keeps drawing, and the answers cannot change under it. */
static void
set_busy (LoketConsentPage *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_widget_set_visible (self->status, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->content, !busy);
  /* Submit is pressed below the last card: bring the status (and a refusal, if one comes,
   * just above it) into view. */
  if (busy)
    {
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);

      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 0);
    }
}

static void
rebuild (LoketConsentPage *self)
{
  LoketRequest *request = get_request (self);
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GHashTable) saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkWidget *child;

  for (guint i = 0; i < self->cards->len; i++)
    {
      LoketConsentCard *card = g_ptr_array_index (self->cards, i);
      char *answers = loket_consent_card_save_answers (card);

      if (answers != NULL)
        g_hash_table_insert (saved, g_strdup (loket_consent_card_get_agency_id (card)), answers);
    }
  g_ptr_array_set_size (self->cards, 0);
  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);

  /* Translators: shown beside a spinner on the consent page between pressing Submit and
   * the request being safely stored. */
  gtk_label_set_text (GTK_LABEL (self->status_label), _("Saving your request…"));
  loket_page_set_title (LOKET_PAGE (self), _("Who receives your data"));
  loket_page_set_next_label (LOKET_PAGE (self), _("Submit"));
  gtk_label_set_text (GTK_LABEL (self->intro),
                      _("Each agency receives only the data its services need. Here is what "
                        "each one receives, in short; “Show every item” lists it all."));

  if (request == NULL)
    return;

  agencies = loket_request_get_agencies (request);
  for (guint i = 0; i < agencies->len; i++)
    add_card (self, request, g_ptr_array_index (agencies, i), saved);

  if (agencies->len == 0)
    gtk_box_append (GTK_BOX (self->content),
                    label_new (_("No services are left in your request. Press Back to "
                                 "choose services again."), "loket-lead"));

  update_complete (self);
}

static void
refuse (LoketConsentPage *self,
        GTask            *task,
        const GError     *error)
{
  /* For staff in the journal; the citizen gets a way forward, not the cause. */
  g_warning ("A request could not be stored: %s", error != NULL ? error->message : "no session");
  set_problem (self, _("This kiosk is not taking requests right now. Please go to the "
                       "counter."));
  g_task_return_new_error (task, LOKET_CONSENT_PAGE_ERROR, LOKET_CONSENT_PAGE_ERROR_REFUSED,
                           "%s", self->problem_text);
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoketConsentPage *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  code = loket_session_submit_finish (LOKET_SESSION (source), result, NULL, &error);

  /* Reset (idle wipe) or disposed meanwhile: the widgets may be gone, and nobody waits for
   * an answer. A request that was stored is delivered all the same: it is in the outbox. */
  if (g_task_return_error_if_cancelled (task))
    return;

  set_busy (self, FALSE);
  /* A write for a citizen wiped from this page is still finishing: nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (code == NULL)
    {
      refuse (self, task, error);
      return;
    }

  set_problem (self, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
loket_consent_page_apply_async (LoketPage           *page,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  LoketConsentPage *self = LOKET_CONSENT_PAGE (page);
  LoketSession *session = loket_page_get_session (page);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, loket_consent_page_apply_async);

  /* One press, one request: a second Submit while the first is written stores nothing. */
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "the request is being stored already");
      return;
    }

  if (!loket_page_get_complete (page))
    {
      g_task_return_new_error (task, LOKET_CONSENT_PAGE_ERROR,
                               LOKET_CONSENT_PAGE_ERROR_INCOMPLETE,
                               _("Please answer for each agency."));
      return;
    }

  if (session == NULL || !loket_session_can_submit (session, &error))
    {
      refuse (self, task, error);
      return;
    }

  /* Stored durably (committed and synced, off this thread) before anything may say
   * "submitted": the task returns when the outbox has it. */
  set_busy (self, TRUE);
  loket_session_submit_async (session, cancellable, submitted_cb, g_steal_pointer (&task));
}

static gboolean
loket_consent_page_apply_finish (LoketPage     *page,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, page), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
loket_consent_page_shown (LoketPage *page)
{
  LoketConsentPage *self = LOKET_CONSENT_PAGE (page);
  LoketSession *session = loket_page_get_session (page);

  set_notice (self, NULL);
  rebuild (self);
  /* Say it before the citizen reads everything, not after they press Submit. */
  if (session != NULL && !loket_session_can_submit (session, NULL))
    set_problem (self, _("This kiosk is not taking requests right now. Please go to the "
                         "counter."));
  else
    set_problem (self, NULL);
}

static void
loket_consent_page_locale_changed (LoketPage *page)
{
  rebuild (LOKET_CONSENT_PAGE (page));
}

static void
loket_consent_page_reset (LoketPage *page)
{
  /* A write in flight goes on (it commits whole or not at all); its answer is not awaited. */
  set_busy (LOKET_CONSENT_PAGE (page), FALSE);
  set_problem (LOKET_CONSENT_PAGE (page), NULL);
  set_notice (LOKET_CONSENT_PAGE (page), NULL);
  /* Half-given answers go with the citizen. */
  g_ptr_array_set_size (LOKET_CONSENT_PAGE (page)->cards, 0);
  rebuild (LOKET_CONSENT_PAGE (page));
}

static void
loket_consent_page_constructed (GObject *object)
{
  LoketConsentPage *self = LOKET_CONSENT_PAGE (object);

  G_OBJECT_CLASS (loket_consent_page_parent_class)->constructed (object);

  self->problem = label_new (NULL, "loket-problem");
  gtk_widget_set_visible (self->problem, FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->content)), self->problem,
                              self->intro);

  self->notice = label_new (NULL, "loket-notice");
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->content)), self->notice,
                              self->problem);

  self->status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (self->status), self->spinner);
  self->status_label = label_new (NULL, "loket-lead");
  gtk_box_append (GTK_BOX (self->status), self->status_label);
  gtk_widget_set_visible (self->status, FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->content)), self->status,
                              self->problem);
  rebuild (self);
}

static void
loket_consent_page_dispose (GObject *object)
{
  LoketConsentPage *self = LOKET_CONSENT_PAGE (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_CONSENT_PAGE);

  G_OBJECT_CLASS (loket_consent_page_parent_class)->dispose (object);
}

static void
loket_consent_page_finalize (GObject *object)
{
  LoketConsentPage *self = LOKET_CONSENT_PAGE (object);

  g_free (self->problem_text);
  g_free (self->notice_text);

  G_OBJECT_CLASS (loket_consent_page_parent_class)->finalize (object);
}

static void
loket_consent_page_class_init (LoketConsentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LoketPageClass *page_class = LOKET_PAGE_CLASS (klass);

  object_class->constructed = loket_consent_page_constructed;
  object_class->dispose = loket_consent_page_dispose;
  object_class->finalize = loket_consent_page_finalize;
  page_class->apply_async = loket_consent_page_apply_async;
  page_class->apply_finish = loket_consent_page_apply_finish;
  page_class->shown = loket_consent_page_shown;
  page_class->locale_changed = loket_consent_page_locale_changed;
  page_class->reset = loket_consent_page_reset;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/loket/Kiosk/ui/loket-consent-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketConsentPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentPage, intro);
  gtk_widget_class_bind_template_child (widget_class, LoketConsentPage, content);

  gtk_widget_class_install_action (widget_class, "consent.remove", "s", remove_activated);
  gtk_widget_class_install_action (widget_class, "consent.keep", "s", keep_activated);
  gtk_widget_class_install_action (widget_class, "consent.refuse", "s", refuse_activated);
  gtk_widget_class_install_action (widget_class, "consent.confirm-remove", "s",
                                   confirm_remove_activated);
}

static void
loket_consent_page_init (LoketConsentPage *self)
{
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GStrv
loket_consent_page_dup_agencies (LoketConsentPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    g_strv_builder_add (builder,
                        loket_consent_card_get_agency_id (g_ptr_array_index (self->cards, i)));

  return g_strv_builder_end (builder);
}

const char *
loket_consent_page_get_text (LoketConsentPage *self,
                             const char       *agency_id)
{
  LoketConsentCard *card;

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  card = find_card (self, agency_id);
  return card != NULL ? loket_consent_card_get_text (card) : NULL;
}

#define CARD_GETTER(type, name, fallback)                                               \
  type                                                                                  \
  loket_consent_page_get_##name (LoketConsentPage *self,                                \
                                 const char       *agency_id)                           \
  {                                                                                     \
    LoketConsentCard *card;                                                             \
                                                                                        \
    g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), fallback);                      \
    card = find_card (self, agency_id);                                                 \
    return card != NULL ? loket_consent_card_get_##name (card) : fallback;              \
  }

CARD_GETTER (const char *, summary, NULL)
CARD_GETTER (GtkWidget *, summary_box, NULL)
CARD_GETTER (GtkWidget *, acknowledge, NULL)
CARD_GETTER (GtkWidget *, details_button, NULL)

GStrv
loket_consent_page_dup_asked_services (LoketConsentPage *self,
                                       const char       *agency_id)
{
  LoketConsentCard *card;

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  card = find_card (self, agency_id);
  return card != NULL ? loket_consent_card_dup_asked_services (card) : g_new0 (char *, 1);
}

/* The card that asks about the service, or NULL. */
static LoketConsentCard *
find_asking_card (LoketConsentPage *self,
                  const char       *service_id)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      LoketConsentCard *card = g_ptr_array_index (self->cards, i);

      if (loket_consent_card_get_yes (card, service_id) != NULL)
        return card;
    }

  return NULL;
}

GtkWidget *
loket_consent_page_get_yes (LoketConsentPage *self,
                            const char       *service_id)
{
  LoketConsentCard *card;

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  card = find_asking_card (self, service_id);
  return card != NULL ? loket_consent_card_get_yes (card, service_id) : NULL;
}

GtkWidget *
loket_consent_page_get_no (LoketConsentPage *self,
                           const char       *service_id)
{
  LoketConsentCard *card;

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  card = find_asking_card (self, service_id);
  return card != NULL ? loket_consent_card_get_no (card, service_id) : NULL;
}

GPtrArray *
loket_consent_page_get_answers (LoketConsentPage *self,
                                const char       *agency_id)
{
  GPtrArray *answers = g_ptr_array_new ();
  g_auto(GStrv) asked = NULL;
  LoketConsentCard *card;

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), answers);
  card = find_card (self, agency_id);
  if (card == NULL)
    return answers;

  asked = loket_consent_card_dup_asked_services (card);
  for (guint i = 0; asked[i] != NULL; i++)
    g_ptr_array_add (answers, loket_consent_card_get_yes (card, asked[i]));
  if (loket_consent_card_get_acknowledge (card) != NULL)
    g_ptr_array_add (answers, loket_consent_card_get_acknowledge (card));

  return answers;
}

const char *
loket_consent_page_get_notice (LoketConsentPage *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  return self->notice_text;
}

GtkWidget *
loket_consent_page_get_remove_button (LoketConsentPage *self,
                                      const char       *agency_id)
{
  LoketConsentCard *card;

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  card = find_card (self, agency_id);
  return card != NULL ? loket_consent_card_get_remove_button (card) : NULL;
}

GtkWidget *
loket_consent_page_get_confirm_remove (LoketConsentPage *self,
                                       const char       *agency_id)
{
  LoketConsentCard *card;

  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  card = find_card (self, agency_id);
  return card != NULL ? loket_consent_card_get_confirm_remove (card) : NULL;
}

const char *
loket_consent_page_get_problem (LoketConsentPage *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  return self->problem_text;
}

gboolean
loket_consent_page_get_busy (LoketConsentPage *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), FALSE);
  return self->busy;
}

GtkWidget *
loket_consent_page_get_status (LoketConsentPage *self)
{
  g_return_val_if_fail (LOKET_IS_CONSENT_PAGE (self), NULL);
  return self->status;
}
