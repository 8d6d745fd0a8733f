/* loket-receipt.c — the receipt's content and layout, built from metadata in the citizen's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-receipt"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/loket-format.h"
#include "core/loket-i18n.h"
#include "core/loket-qr-payload.h"
#include "core/loket-tracking-code.h"
#include "loket-receipt.h"

struct _LoketReceipt {
  gatomicrefcount  ref_count;
  char            *code;
  char            *display_code;
  char            *qr_payload;
  char            *language;
  GDateTime       *created_at;
  GPtrArray       *parts;
  GPtrArray       *blocks;
  GStrv            documents;     /* every part's, once each */
  char            *qr_caption;
  char            *tracking_url;  /* the QR's URL, or NULL when it holds LOKET1:… */
  gboolean         test;          /* staff's test print: no request behind it */
};

G_DEFINE_QUARK (loket-receipt-error-quark, loket_receipt_error)

static void
receipt_part_free (LoketReceiptPart *part)
{
  g_free (part->part_id);
  g_free (part->service);
  g_free (part->title);
  g_free (part->agency);
  g_free (part->state);
  g_free (part->expected);
  g_free (part->fee);
  g_strfreev (part->documents);
  g_free (part->location);
  g_free (part);
}

static void
receipt_block_free (LoketReceiptBlock *block)
{
  g_free (block->text);
  g_strfreev (block->lines);
  g_free (block);
}

static void
add_block (LoketReceipt          *self,
           LoketReceiptBlockKind  kind,
           const char            *text,
           GStrv                  lines)
{
  LoketReceiptBlock *block = g_new0 (LoketReceiptBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  block->lines = lines;
  g_ptr_array_add (self->blocks, block);
}

static const char *
service_title (LoketCatalog *catalog,
               const char   *service_id)
{
  const LoketService *service = loket_catalog_get_service (catalog, service_id);

  /* A catalog edited after the request was stored may lack the service: its id still tells
   * the counter what it was. */
  return service != NULL ? C_CATALOG (service->title) : service_id;
}

static char *
part_state_text (LoketCatalog          *catalog,
                 const LoketOutboxPart *part,
                 const LoketAgency     *agency,
                 GHashTable            *reasons)
{
  const char *name = agency != NULL ? C_CATALOG (agency->short_name) : part->agency;
  const char *reason;

  switch (part->state)
    {
    case LOKET_OUTBOX_STATE_DELIVERED:
      /* "Reached", never "accepted": it arrived, nobody has approved anything yet. */
      if (part->reference != NULL && *part->reference != '\0')
        /* Translators: a part's state on the receipt: it arrived at the agency (not "accepted",
         * which reads as approved); the first %s is the agency, the second its reference. */
        return g_strdup_printf (_("reached %s, reference %s"), name, part->reference);
      /* Translators: a part's state on the receipt: it arrived at the agency %s. */
      return g_strdup_printf (_("reached %s"), name);

    case LOKET_OUTBOX_STATE_QUEUED:
    case LOKET_OUTBOX_STATE_SENDING:
    case LOKET_OUTBOX_STATE_MOVED:     /* another kiosk sends it */
    case LOKET_OUTBOX_STATE_RETRY:
      /* Translators: a part's state on the receipt: the kiosk keeps trying by itself. */
      return g_strdup (_("queued, will be sent automatically"));

    case LOKET_OUTBOX_STATE_WAITING:
      /* Translators: a part's state on the receipt; %s is another service's title. */
      return g_strdup_printf (_("will be sent after %s"),
                              part->after != NULL ? service_title (catalog, part->after) : "…");

    case LOKET_OUTBOX_STATE_REJECTED:
      reason = reasons != NULL ? g_hash_table_lookup (reasons, part->part_id) : NULL;
      if (reason != NULL && *reason != '\0')
        /* Translators: a part's state on the receipt; %s is the agency's reason. */
        return g_strdup_printf (_("rejected: %s"), reason);
      /* Translators: a part's state on the receipt, when the reason is not known here. */
      return g_strdup (_("rejected: please ask at the counter"));

    case LOKET_OUTBOX_STATE_NEEDS_STAFF:
      /* Translators: a part's state on the receipt: staff must look at it. */
      return g_strdup (_("delayed: please ask at the counter"));

    case LOKET_OUTBOX_STATE_CANCELLED:
      /* Translators: a part's state on the receipt. */
      return g_strdup (_("cancelled"));

    case LOKET_OUTBOX_STATE_CANNOT_PROCEED:
      /* Translators: a part's state on the receipt: the service it needed did not go through. */
      return g_strdup (_("cannot proceed: please ask at the counter"));

    default:
      g_assert_not_reached ();
    }
}

/* One document as the receipt lists it: conditional ones say so when the answers that
 * decide them are not at hand (a reprint, long after the request was wiped). */
static char *
document_text (const LoketDocument *document,
               LoketDocumentNeed    need)
{
  g_autofree char *label = NULL;

  if (need == LOKET_DOCUMENT_MAYBE && document->hint != NULL)
    /* Translators: a document on the receipt that depends on the case; the first %s is the
     * document, the second when it is needed ("if the parents are married"). */
    label = g_strdup_printf (_("%s (%s)"), C_CATALOG (document->label),
                             C_CATALOG (document->hint));
  else if (need == LOKET_DOCUMENT_MAYBE)
    /* Translators: a document on the receipt that is needed only in some cases. */
    label = g_strdup_printf (_("%s (only if it applies)"), C_CATALOG (document->label));
  else
    label = g_strdup (C_CATALOG (document->label));

  if (document->instead == NULL)
    return g_steal_pointer (&label);
  /* Translators: a document on the receipt and what to bring without it: "Birth letter; if
   * you do not have it: a signed statement (SPTJM)". */
  return g_strdup_printf (_("%s; if you do not have it: %s"), label,
                          C_CATALOG (document->instead));
}

static GStrv
part_documents (const LoketService *service,
                LoketRequest       *answers,
                GHashTable         *seen,
                GStrvBuilder       *combined)
{
  g_autoptr(GStrvBuilder) documents = g_strv_builder_new ();

  for (guint i = 0; service->documents != NULL && i < service->documents->len; i++)
    {
      const LoketDocument *document = g_ptr_array_index (service->documents, i);
      LoketDocumentNeed need = LOKET_DOCUMENT_NEEDED;
      g_autofree char *text = NULL;

      if (answers != NULL)
        need = loket_request_document_need (answers, document);
      else if (document->when != NULL)
        need = LOKET_DOCUMENT_MAYBE;
      if (need == LOKET_DOCUMENT_NOT_NEEDED)
        continue;

      text = document_text (document, need);
      g_strv_builder_add (documents, text);
      if (!g_hash_table_contains (seen, document->id))
        {
          g_hash_table_add (seen, document->id);
          g_strv_builder_add (combined, text);
        }
    }

  return g_strv_builder_end (documents);
}

static LoketReceiptPart *
build_part (LoketCatalog          *catalog,
            const LoketOutboxPart *opart,
            const GDate           *submitted,
            const char            *language,
            GHashTable            *reasons,
            LoketRequest          *answers,
            GHashTable            *seen,
            GStrvBuilder          *combined)
{
  const LoketService *service = loket_catalog_get_service (catalog, opart->service);
  const LoketAgency *agency = service != NULL ? service->agency
                                              : loket_catalog_get_agency (catalog, opart->agency);
  LoketReceiptPart *part = g_new0 (LoketReceiptPart, 1);

  part->part_id = g_strdup (opart->part_id);
  part->service = g_strdup (opart->service);
  part->title = g_strdup (service_title (catalog, opart->service));
  part->agency = g_strdup (agency != NULL ? C_CATALOG (agency->short_name) : opart->agency);
  part->state = part_state_text (catalog, opart, agency, reasons);
  if (agency != NULL && agency->location != NULL)
    part->location = g_strdup (C_CATALOG (agency->location));

  if (service != NULL)
    {
      GDate *expected = loket_format_expected_date (submitted, service->working_days);

      part->expected = loket_format_date (language, expected);
      g_date_free (expected);
      part->fee = loket_format_money (language, service->fee);
      part->show_identity = service->verification == LOKET_VERIFICATION_COUNTER;
      part->documents = part_documents (service, answers, seen, combined);
    }
  else
    part->documents = g_new0 (char *, 1);

  return part;
}

/* g_strv_builder_take () is newer than Debian 12's GLib. */
static void
builder_take (GStrvBuilder *builder,
              char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static GStrv
part_lines (const LoketReceiptPart *part)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  /* Translators: a line of a part on the receipt; %s is the agency's short name. */
  builder_take (lines, g_strdup_printf (_("Agency: %s"), part->agency));
  /* Translators: a line of a part on the receipt; %s is its state, e.g. "received, …". */
  builder_take (lines, g_strdup_printf (_("Status: %s"), part->state));
  if (part->expected != NULL)
    /* Translators: a line of a part on the receipt; %s is a date ("3 December 2026"). */
    builder_take (lines, g_strdup_printf (_("Expected by: %s"), part->expected));
  if (part->fee != NULL)
    /* Translators: a line of a part on the receipt; %s is "Free" or an amount ("Rp 50.000"). */
    builder_take (lines, g_strdup_printf (_("Fee: %s"), part->fee));
  if (part->documents[0] != NULL)
    {
      /* Translators: heading of the list of documents the citizen brings to the counter. */
      g_strv_builder_add (lines, _("Bring:"));
      for (guint i = 0; part->documents[i] != NULL; i++)
        builder_take (lines, g_strdup_printf ("• %s", part->documents[i]));
    }
  if (part->show_identity)
    g_strv_builder_add (lines, _("Show your identity card at the counter"));
  if (part->location != NULL)
    /* Translators: a line of a part on the receipt; %s is a place in the hall ("Counter 3"). */
    builder_take (lines, g_strdup_printf (_("Where to go: %s"), part->location));

  return g_strv_builder_end (lines);
}

static void
build_blocks (LoketReceipt      *self,
              const LoketConfig *config)
{
  g_autofree char *when = loket_format_date_time (self->language, self->created_at);
  g_autofree char *kiosk = NULL;

  add_block (self, LOKET_RECEIPT_BLOCK_TITLE,
             config->site != NULL && *config->site != '\0' ? config->site : "Loket", NULL);
  /* Translators: under the hall's name on the receipt; %s is the kiosk's id ("kiosk-1"). */
  kiosk = g_strdup_printf (_("Kiosk %s"), config->kiosk_id != NULL ? config->kiosk_id : "");
  add_block (self, LOKET_RECEIPT_BLOCK_SMALL, kiosk, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_SMALL, when, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_RULE, NULL, NULL);
  /* Translators: heading above the tracking code on the receipt. */
  add_block (self, LOKET_RECEIPT_BLOCK_TEXT, _("Your tracking code"), NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_CODE, self->display_code, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_QR, self->qr_payload, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_SMALL, self->qr_caption, NULL);
  if (self->tracking_url != NULL)
    add_block (self, LOKET_RECEIPT_BLOCK_SMALL, self->tracking_url, NULL);

  for (guint i = 0; i < self->parts->len; i++)
    {
      LoketReceiptPart *part = g_ptr_array_index (self->parts, i);

      add_block (self, LOKET_RECEIPT_BLOCK_RULE, NULL, NULL);
      add_block (self, LOKET_RECEIPT_BLOCK_PART, part->title, part_lines (part));
    }
  add_block (self, LOKET_RECEIPT_BLOCK_RULE, NULL, NULL);
  /* Translators: the last line of the receipt. */
  add_block (self, LOKET_RECEIPT_BLOCK_SMALL, _("Keep this receipt until every service is done."),
             NULL);
}

LoketReceipt *
loket_receipt_new (const LoketConfig        *config,
                   LoketCatalog             *catalog,
                   const LoketOutboxRequest *request,
                   const char               *language,
                   GHashTable               *reasons,
                   GError                  **error)
{
  return loket_receipt_new_full (config, catalog, request, language, reasons, NULL, error);
}

/* What the words under the QR say follows what it holds: a phone can only use a URL. */
static char *
qr_caption (const LoketConfig *config)
{
  if (config->tracking_url != NULL && *config->tracking_url != '\0')
    /* Translators: under the receipt's QR when it holds the tracking page's address. */
    return g_strdup (_("Scan with your phone to follow your request, or type the code at any "
                       "Loket kiosk."));
  /* Translators: under the receipt's QR when only kiosks can read it (no tracking page). */
  return g_strdup (_("Scan at any Loket kiosk, or type the code there, to follow your request."));
}

LoketReceipt *
loket_receipt_new_full (const LoketConfig        *config,
                        LoketCatalog             *catalog,
                        const LoketOutboxRequest *request,
                        const char               *language,
                        GHashTable               *reasons,
                        LoketRequest             *answers,
                        GError                  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) combined = g_strv_builder_new ();
  g_autoptr(LoketReceipt) self = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GDate submitted;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!loket_tracking_code_is_canonical (request->tracking_code))
    {
      g_set_error_literal (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_INVALID,
                           _("The request's tracking code is damaged; no receipt can be made."));
      return NULL;
    }
  if (request->parts == NULL || request->parts->len == 0)
    {
      g_set_error_literal (error, LOKET_RECEIPT_ERROR, LOKET_RECEIPT_ERROR_INVALID,
                           _("The request has no parts; no receipt can be made."));
      return NULL;
    }

  self = g_new0 (LoketReceipt, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->code = g_strdup (request->tracking_code);
  self->display_code = loket_tracking_code_format (self->code);
  self->language = g_strdup (language != NULL ? language
                             : request->language != NULL ? request->language : "id");
  utc = g_date_time_new_from_unix_utc (request->created_at / G_USEC_PER_SEC);
  self->created_at = g_date_time_to_local (utc);
  g_date_clear (&submitted, 1);
  g_date_set_dmy (&submitted, g_date_time_get_day_of_month (self->created_at),
                  g_date_time_get_month (self->created_at),
                  g_date_time_get_year (self->created_at));

  agencies = g_ptr_array_new ();
  for (guint i = 0; i < request->parts->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (request->parts, i);

      if (!g_ptr_array_find_with_equal_func (agencies, part->agency, g_str_equal, NULL))
        g_ptr_array_add (agencies, part->agency);
    }
  g_ptr_array_add (agencies, NULL);
  self->qr_payload = loket_qr_payload_build (config->tracking_url, self->code,
                                             (const char * const *) agencies->pdata);

  /* gettext's language is the process's: switch only while the strings are made. */
  if (!g_str_equal (loket_i18n_get_language (), self->language))
    {
      previous = g_strdup (loket_i18n_get_language ());
      loket_i18n_set_language (self->language);
    }

  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) receipt_part_free);
  for (guint i = 0; i < request->parts->len; i++)
    g_ptr_array_add (self->parts, build_part (catalog, g_ptr_array_index (request->parts, i),
                                              &submitted, self->language, reasons, answers,
                                              seen, combined));
  self->documents = g_strv_builder_end (combined);
  self->qr_caption = qr_caption (config);
  if (config->tracking_url != NULL && *config->tracking_url != '\0')
    self->tracking_url = g_strdup (self->qr_payload);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) receipt_block_free);
  build_blocks (self, config);

  if (previous != NULL)
    loket_i18n_set_language (previous);

  return g_steal_pointer (&self);
}

LoketReceipt *
loket_receipt_ref (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
loket_receipt_unref (LoketReceipt *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->code);
  g_free (self->display_code);
  g_free (self->qr_payload);
  g_free (self->language);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_strfreev (self->documents);
  g_free (self->qr_caption);
  g_free (self->tracking_url);
  g_free (self);
}

const char *
loket_receipt_get_code (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->code;
}

const char *
loket_receipt_get_display_code (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_code;
}

const char *
loket_receipt_get_qr_payload (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->qr_payload;
}

const char *
loket_receipt_get_language (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

GDateTime *
loket_receipt_get_created_at (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->created_at;
}

GPtrArray *
loket_receipt_get_parts (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->parts;
}

const char * const *
loket_receipt_get_documents (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->documents;
}

const char *
loket_receipt_get_qr_caption (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->qr_caption;
}

const char *
loket_receipt_get_tracking_url (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tracking_url;
}

GPtrArray *
loket_receipt_get_blocks (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->blocks;
}

char *
loket_receipt_to_text (LoketReceipt *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      LoketReceiptBlock *block = g_ptr_array_index (self->blocks, i);

      /* A screen reader has no use for the QR's link; the code is read out instead. */
      if (block->kind == LOKET_RECEIPT_BLOCK_QR)
        continue;
      if (block->kind == LOKET_RECEIPT_BLOCK_RULE)
        g_string_append (text, "----\n");
      else if (block->text != NULL)
        g_string_append_printf (text, "%s\n", block->text);
      for (guint l = 0; block->lines != NULL && block->lines[l] != NULL; l++)
        g_string_append_printf (text, "  %s\n", block->lines[l]);
    }
  return g_string_free (text, FALSE);
}

/* Not the code of any request: all zeros, whose check symbol is 0. */
#define TEST_CODE "0000000000000"

LoketReceipt *
loket_receipt_new_test (const LoketConfig *config,
                        const char        *language)
{
  LoketReceipt *self;
  g_autofree char *previous = NULL;
  g_autofree char *when = NULL;
  g_autofree char *kiosk = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_new0 (LoketReceipt, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->test = TRUE;
  self->code = g_strdup (TEST_CODE);
  self->display_code = loket_tracking_code_format (self->code);
  /* A QR that no kiosk or phone takes for a request. */
  self->qr_payload = g_strdup ("TEST");
  self->language = g_strdup (language != NULL ? language : "id");
  self->created_at = g_date_time_new_now_local ();
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) receipt_part_free);
  self->documents = g_new0 (char *, 1);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) receipt_block_free);

  if (!g_str_equal (loket_i18n_get_language (), self->language))
    {
      previous = g_strdup (loket_i18n_get_language ());
      loket_i18n_set_language (self->language);
    }
  when = loket_format_date_time (self->language, self->created_at);
  kiosk = g_strdup_printf (_("Kiosk %s"), config->kiosk_id != NULL ? config->kiosk_id : "");
  /* Translators: the big word at the top and bottom of staff's test print; keep it short. */
  self->qr_caption = g_strdup (_("TEST"));
  add_block (self, LOKET_RECEIPT_BLOCK_TITLE, self->qr_caption, NULL);
  /* Translators: on staff's test print (admin mode). */
  add_block (self, LOKET_RECEIPT_BLOCK_TEXT, _("Test print: this is not a receipt. Nothing "
                                               "was submitted."), NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_SMALL,
             config->site != NULL && *config->site != '\0' ? config->site : "Loket", NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_SMALL, kiosk, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_SMALL, when, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_RULE, NULL, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_CODE, self->display_code, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_QR, self->qr_payload, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_RULE, NULL, NULL);
  add_block (self, LOKET_RECEIPT_BLOCK_TITLE, self->qr_caption, NULL);

  if (previous != NULL)
    loket_i18n_set_language (previous);
  return self;
}

gboolean
loket_receipt_is_test (LoketReceipt *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->test;
}
