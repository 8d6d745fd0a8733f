/* loket-track-page.c — the tracking page, as HTML for a phone and as JSON
 *
 * The page is for a cheap phone on a slow connection: one small HTML document, no script,
 * no font, no image, one inline style allowed by its hash, large text, a single column.
 * It shows only the code, the services, the agencies, the states, the agencies'
 * references and notes, and times: nothing personal is ever in an agency's tracking answer,
 * and what is (outputs) is dropped before it gets here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "core/loket-format.h"
#include "core/loket-i18n.h"
#include "core/loket-tracking-code.h"
#include "net/loket-tracker.h"
#include "loket-track-fanout.h"
#include "loket-track-page.h"

#define N_STATES (LOKET_TRACK_UNKNOWN + 1)

/* One language's words, translated when the service starts. */
typedef struct {
  char       *language;
  char       *html_lang;
  char       *title;
  char       *code_label;
  char       *checked;          /* %s: date and time */
  char       *unavailable;      /* %s: the agency */
  char       *nothing_yet;
  char       *none_checked;
  char       *reference;        /* %s */
  char       *updated;          /* %s */
  char       *after;            /* %s: a service */
  char       *waiting_part;     /* %s: an agency */
  char       *usual_time;       /* %s: "3 working days" */
  char       *reload;
  char       *no_personal;
  char       *switch_label;     /* the name of this language, in itself */
  char       *states[N_STATES];
  char       *notice_titles[LOKET_TRACK_N_NOTICES];
  char       *notice_texts[LOKET_TRACK_N_NOTICES];
  GHashTable *services;         /* id -> title */
  GHashTable *service_days;     /* id -> "3 working days" */
  GHashTable *agencies;         /* id -> name */
} Words;

struct _LoketTrackPages {
  GPtrArray    *words;          /* of Words*, offered languages; the first is the default */
  GStrv         languages;
  char         *csp;
  LoketCatalog *catalog;        /* or NULL */
};

/* Text colours reach 7:1 against their backgrounds (WCAG AAA); nothing is only colour. */
static const char style[] =
  "body{margin:0;background:#fff;color:#111;font:1.2rem/1.5 sans-serif}"
  "main{max-width:40rem;margin:0 auto;padding:1rem}"
  "h1{font-size:1.6rem;margin:0 0 .5rem}"
  ".code{font:700 1.5rem/1.3 monospace;letter-spacing:.05em;margin:0 0 1rem}"
  "ul{list-style:none;margin:0;padding:0}"
  "li{border:2px solid #555;border-radius:.5rem;padding:.75rem;margin:0 0 1rem}"
  "h2{font-size:1.3rem;margin:0}"
  ".agency,.small{color:#333;font-size:1rem;margin:.25rem 0}"
  ".state{display:inline-block;font-weight:700;border:2px solid currentColor;"
  "border-radius:.4rem;padding:.1rem .5rem;margin:.5rem 0}"
  ".ok{color:#0a4f1c}.wait{color:#143d73}.bad{color:#8a1111}"
  ".note{border-left:4px solid #555;padding-left:.5rem}"
  ".warn{background:#fff4cc;border:2px solid #6b4e00;border-radius:.5rem;padding:.75rem}"
  "a{color:#0b3a8f;font-size:1.1rem}"
  "nav{margin:1rem 0}";

static void
words_free (Words *words)
{
  g_free (words->language);
  g_free (words->html_lang);
  g_free (words->title);
  g_free (words->code_label);
  g_free (words->checked);
  g_free (words->unavailable);
  g_free (words->nothing_yet);
  g_free (words->none_checked);
  g_free (words->reference);
  g_free (words->updated);
  g_free (words->after);
  g_free (words->waiting_part);
  g_free (words->usual_time);
  g_free (words->reload);
  g_free (words->no_personal);
  g_free (words->switch_label);
  for (guint i = 0; i < N_STATES; i++)
    g_free (words->states[i]);
  for (guint i = 0; i < LOKET_TRACK_N_NOTICES; i++)
    {
      g_free (words->notice_titles[i]);
      g_free (words->notice_texts[i]);
    }
  g_hash_table_unref (words->services);
  g_hash_table_unref (words->service_days);
  g_hash_table_unref (words->agencies);
  g_free (words);
}

/* The same words as the kiosk's Track page (ui/loket-track-page.c), so one translation
 * serves both. */
static void
translate_states (Words *words)
{
  words->states[LOKET_TRACK_RECEIVED] = g_strdup (_("Received by the office"));
  words->states[LOKET_TRACK_IN_REVIEW] = g_strdup (_("Being reviewed"));
  words->states[LOKET_TRACK_NEEDS_INFO] = g_strdup (_("The office needs more information"));
  words->states[LOKET_TRACK_APPROVED] = g_strdup (_("Approved"));
  words->states[LOKET_TRACK_REJECTED] = g_strdup (_("Rejected"));
  words->states[LOKET_TRACK_COMPLETED] = g_strdup (_("Completed"));
  words->states[LOKET_TRACK_SENDING] = g_strdup (_("Being sent to the office"));
  words->states[LOKET_TRACK_WAITING] = g_strdup (_("Waiting for another service"));
  words->states[LOKET_TRACK_DELAYED] = g_strdup (_("Delayed: please ask at the counter"));
  words->states[LOKET_TRACK_CANCELLED] = g_strdup (_("Cancelled"));
  words->states[LOKET_TRACK_CANNOT_PROCEED] = g_strdup (_("Cannot go on: please ask at the counter"));
  words->states[LOKET_TRACK_UNKNOWN] = g_strdup (_("Status not known yet"));
}

static void
translate_notices (Words *words)
{
  words->notice_titles[LOKET_TRACK_NOTICE_BAD_CODE] = g_strdup (_("This code is not right"));
  words->notice_texts[LOKET_TRACK_NOTICE_BAD_CODE] =
    g_strdup (_("A tracking code has 13 letters and digits, as printed on your receipt "
                "(XXXX-XXXX-XXXX-X). One of them may have been mistyped: check it and try "
                "again, or scan the receipt's QR code."));
  words->notice_titles[LOKET_TRACK_NOTICE_NOT_FOUND] = g_strdup (_("Page not found"));
  words->notice_texts[LOKET_TRACK_NOTICE_NOT_FOUND] =
    g_strdup (_("Scan the QR code on your receipt to open the page of your request."));
  words->notice_titles[LOKET_TRACK_NOTICE_RATE_LIMITED] = g_strdup (_("Too many requests"));
  words->notice_texts[LOKET_TRACK_NOTICE_RATE_LIMITED] =
    g_strdup (_("Many pages were asked for from your network just now. Please wait a minute, "
                "then try again."));
  words->notice_titles[LOKET_TRACK_NOTICE_BAD_REQUEST] = g_strdup (_("This request cannot be answered"));
  words->notice_texts[LOKET_TRACK_NOTICE_BAD_REQUEST] =
    g_strdup (_("Scan the QR code on your receipt to open the page of your request."));
}

static void
translate_catalog (Words        *words,
                   LoketCatalog *catalog)
{
  GPtrArray *services = catalog != NULL ? loket_catalog_get_services (catalog) : NULL;
  GPtrArray *agencies = catalog != NULL ? loket_catalog_get_agencies (catalog) : NULL;

  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      const LoketService *service = g_ptr_array_index (services, i);

      g_hash_table_insert (words->services, g_strdup (service->id),
                           g_strdup (C_CATALOG (service->title)));
      if (service->working_days > 0)
        g_hash_table_insert (words->service_days, g_strdup (service->id),
                             loket_format_working_days (words->language, service->working_days));
    }
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      const LoketAgency *agency = g_ptr_array_index (agencies, i);

      g_hash_table_insert (words->agencies, g_strdup (agency->id),
                           g_strdup (C_CATALOG (agency->name)));
    }
}

static Words *
translate (const char   *language,
           LoketCatalog *catalog)
{
  Words *words = g_new0 (Words, 1);

  loket_i18n_set_language (language);
  words->language = g_strdup (language);
  words->html_lang = g_strdelimit (g_strdup (language), "_", '-');
  words->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  words->service_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  words->agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Translators: the title of the tracking page a citizen opens on a phone */
  words->title = g_strdup (_("Status of your request"));
  words->code_label = g_strdup (_("Tracking code"));
  /* Translators: %s is a date and time, e.g. "28 November 2026, 14.05" */
  words->checked = g_strdup (_("Checked with the offices on %s."));
  /* Translators: %s is an office's name */
  words->unavailable = g_strdup (_("%s could not be checked just now — try again later."));
  words->nothing_yet = g_strdup (_("No office knows this code yet. If you submitted your request "
                                   "just now, try again in a few minutes."));
  words->none_checked = g_strdup (_("The offices could not be checked just now — try again later."));
  /* Translators: the office's own number for the part, e.g. "Reference: DUK-2026-000001" */
  words->reference = g_strdup (_("Reference: %s"));
  /* Translators: when the state last changed, e.g. "Updated: 28 November 2026, 14.05" */
  words->updated = g_strdup (_("Updated: %s"));
  /* Translators: a part that goes to its office once another service is done */
  words->after = g_strdup (_("Will be sent after %s"));
  /* Translators: %s is an office's name; its part of the request waits for another part */
  words->waiting_part = g_strdup (_("A part for %s"));
  /* Translators: %s is a duration, e.g. "3 working days" */
  words->usual_time = g_strdup (_("Usually takes %s."));
  words->reload = g_strdup (_("Check again"));
  words->no_personal = g_strdup (_("This page never shows personal data."));
  /* Translators: the name of this language in itself, on the link that switches to it */
  words->switch_label = g_strdup (C_("the name of this language, in itself", "English"));
  translate_states (words);
  translate_notices (words);
  translate_catalog (words, catalog);
  return words;
}

static char *
style_hash (void)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autofree char *base64 = NULL;

  g_checksum_update (checksum, (const guchar *) style, strlen (style));
  g_checksum_get_digest (checksum, digest, &length);
  base64 = g_base64_encode (digest, length);
  return g_strdup_printf ("'sha256-%s'", base64);
}

LoketTrackPages *
loket_track_pages_new (LoketConfig  *config,
                       LoketCatalog *catalog)
{
  LoketTrackPages *self = g_new0 (LoketTrackPages, 1);
  g_autoptr(GStrvBuilder) languages = g_strv_builder_new ();
  g_autofree char *hash = style_hash ();
  g_autofree char *saved = g_strdup (loket_i18n_get_language ());

  self->catalog = catalog != NULL ? loket_catalog_ref (catalog) : NULL;
  self->words = g_ptr_array_new_with_free_func ((GDestroyNotify) words_free);

  /* Indonesian first, whatever the kiosks' order: a phone that says nothing gets it. */
  if (g_strv_contains ((const char * const *) config->languages, "id"))
    g_strv_builder_add (languages, "id");
  for (guint i = 0; config->languages[i] != NULL; i++)
    if (!g_str_equal (config->languages[i], "id"))
      g_strv_builder_add (languages, config->languages[i]);
  self->languages = g_strv_builder_end (languages);

  for (guint i = 0; self->languages[i] != NULL; i++)
    g_ptr_array_add (self->words, translate (self->languages[i], catalog));
  loket_i18n_set_language (saved);

  self->csp = g_strdup_printf ("default-src 'none'; style-src %s; base-uri 'none'; "
                               "form-action 'none'; frame-ancestors 'none'", hash);
  return self;
}

void
loket_track_pages_free (LoketTrackPages *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->words);
  g_strfreev (self->languages);
  g_free (self->csp);
  g_clear_pointer (&self->catalog, loket_catalog_unref);
  g_free (self);
}

const char * const *
loket_track_pages_languages (LoketTrackPages *self)
{
  return (const char * const *) self->languages;
}

const char *
loket_track_pages_default_language (LoketTrackPages *self)
{
  return self->languages[0];
}

const char *
loket_track_pages_csp (LoketTrackPages *self)
{
  return self->csp;
}

static Words *
words_for (LoketTrackPages *self,
           const char      *language)
{
  for (guint i = 0; i < self->words->len; i++)
    {
      Words *words = g_ptr_array_index (self->words, i);

      if (g_strcmp0 (words->language, language) == 0)
        return words;
    }
  return g_ptr_array_index (self->words, 0);
}

static const char *
service_title (Words      *words,
               const char *id)
{
  const char *title = id != NULL ? g_hash_table_lookup (words->services, id) : NULL;

  return title != NULL ? title : (id != NULL ? id : "");
}

static const char *
agency_name (Words      *words,
             const char *id)
{
  const char *name = id != NULL ? g_hash_table_lookup (words->agencies, id) : NULL;

  return name != NULL ? name : (id != NULL ? id : "");
}

static char *
format_time (const char *language,
             const char *rfc3339)
{
  g_autoptr(GDateTime) utc = rfc3339 != NULL ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  return loket_format_date_time (language, local);
}

/* The parts to show: every agency's, then, when the URL named the agencies, one waiting part
 * for each named agency that answered with none although one of its services waits for a
 * service that is here (its part is kept on the kiosk until then). */
static GPtrArray *
collect_parts (LoketTrackPages *self,
               GPtrArray       *answers,
               gboolean         asked,
               GPtrArray       *owned)
{
  GPtrArray *parts = g_ptr_array_new ();
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *services = self->catalog != NULL ? loket_catalog_get_services (self->catalog) : NULL;

  for (guint i = 0; i < answers->len; i++)
    {
      LoketTrackAgencyAnswer *answer = g_ptr_array_index (answers, i);

      for (guint j = 0; answer->parts != NULL && j < answer->parts->len; j++)
        {
          LoketTrackedPart *part = g_ptr_array_index (answer->parts, j);

          g_ptr_array_add (parts, part);
          if (part->service != NULL)
            g_hash_table_add (present, part->service);
        }
    }

  for (guint i = 0; asked && services != NULL && i < answers->len; i++)
    {
      LoketTrackAgencyAnswer *answer = g_ptr_array_index (answers, i);
      const LoketService *candidate = NULL;
      guint n_candidates = 0;
      LoketTrackedPart *waiting;

      if (!answer->answered || answer->parts->len > 0)
        continue;
      for (guint j = 0; j < services->len; j++)
        {
          const LoketService *service = g_ptr_array_index (services, j);

          if (service->after != NULL && g_str_equal (service->agency->id, answer->agency) &&
              g_hash_table_contains (present, service->after))
            {
              candidate = candidate != NULL ? candidate : service;
              n_candidates++;
            }
        }
      if (candidate == NULL)
        continue;

      waiting = g_new0 (LoketTrackedPart, 1);
      waiting->service = n_candidates == 1 ? g_strdup (candidate->id) : NULL;
      waiting->agency = g_strdup (answer->agency);
      waiting->state = LOKET_TRACK_WAITING;
      waiting->after = g_strdup (candidate->after);
      g_ptr_array_add (owned, waiting);
      g_ptr_array_add (parts, waiting);
    }

  return parts;
}

static const char *
state_class (LoketTrackState state)
{
  switch (state)
    {
    case LOKET_TRACK_APPROVED:
    case LOKET_TRACK_COMPLETED:
      return "ok";
    case LOKET_TRACK_NEEDS_INFO:
    case LOKET_TRACK_REJECTED:
    case LOKET_TRACK_DELAYED:
    case LOKET_TRACK_CANCELLED:
    case LOKET_TRACK_CANNOT_PROCEED:
      return "bad";
    case LOKET_TRACK_RECEIVED:
    case LOKET_TRACK_IN_REVIEW:
    case LOKET_TRACK_SENDING:
    case LOKET_TRACK_WAITING:
    case LOKET_TRACK_UNKNOWN:
    default:
      return "wait";
    }
}

/* G_GNUC_PRINTF is not possible for translated formats: each has exactly one %s. */
static void
append_escaped (GString    *out,
                const char *format,
                const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value != NULL ? value : "", -1);
  g_autofree char *text = NULL;

  if (format == NULL)
    {
      g_string_append (out, escaped);
      return;
    }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  text = g_strdup_printf (format, escaped);
#pragma GCC diagnostic pop
  g_string_append (out, text);
}

static char *
printf_one (const char *format,
            const char *value)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, value);
#pragma GCC diagnostic pop
}

static void
append_head (GString    *out,
             Words      *words,
             const char *title)
{
  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                          "<meta name=\"robots\" content=\"noindex\">"
                          "<meta name=\"referrer\" content=\"no-referrer\"><title>",
                          words->html_lang);
  append_escaped (out, NULL, title);
  g_string_append_printf (out, "</title><style>%s</style></head><body><main>", style);
}

/* Links to the page in each other language, keeping the agencies. */
static void
append_language_links (LoketTrackPages *self,
                       GString         *out,
                       Words           *current,
                       const char      *query_agencies)
{
  g_string_append (out, "<nav>");
  for (guint i = 0; i < self->words->len; i++)
    {
      Words *words = g_ptr_array_index (self->words, i);
      g_autofree char *agencies = NULL;

      if (words == current)
        continue;
      if (query_agencies != NULL)
        agencies = g_uri_escape_string (query_agencies, ",", FALSE);
      g_string_append_printf (out, "<a href=\"?%s%s%slang=%s\" hreflang=\"%s\" lang=\"%s\">",
                              agencies != NULL ? "agencies=" : "", agencies != NULL ? agencies : "",
                              agencies != NULL ? "&amp;" : "", words->language, words->html_lang,
                              words->html_lang);
      append_escaped (out, NULL, words->switch_label);
      g_string_append (out, "</a> ");
    }
  g_string_append (out, "</nav>");
}

static void
append_part (GString                *out,
             Words                  *words,
             const LoketTrackedPart *part)
{
  g_autofree char *updated = format_time (words->language, part->updated_at);
  const char *days = part->service != NULL ? g_hash_table_lookup (words->service_days, part->service) : NULL;

  g_string_append (out, "<li><h2>");
  if (part->service != NULL)
    append_escaped (out, NULL, service_title (words, part->service));
  else
    append_escaped (out, words->waiting_part, agency_name (words, part->agency));
  g_string_append (out, "</h2><p class=\"agency\">");
  append_escaped (out, NULL, agency_name (words, part->agency));
  g_string_append_printf (out, "</p><p class=\"state %s\">", state_class (part->state));
  append_escaped (out, NULL, words->states[part->state]);
  g_string_append (out, "</p>");

  if (part->state == LOKET_TRACK_WAITING && part->after != NULL)
    {
      g_string_append (out, "<p>");
      append_escaped (out, words->after, service_title (words, part->after));
      g_string_append (out, "</p>");
    }
  if (part->reference != NULL)
    {
      g_string_append (out, "<p>");
      append_escaped (out, words->reference, part->reference);
      g_string_append (out, "</p>");
    }
  if (days != NULL && part->state != LOKET_TRACK_COMPLETED && part->state != LOKET_TRACK_REJECTED)
    {
      g_string_append (out, "<p class=\"small\">");
      append_escaped (out, words->usual_time, days);
      g_string_append (out, "</p>");
    }
  if (updated != NULL)
    {
      g_string_append (out, "<p class=\"small\">");
      append_escaped (out, words->updated, updated);
      g_string_append (out, "</p>");
    }
  if (part->note != NULL && *part->note != '\0')
    {
      g_string_append (out, "<p class=\"note\">");
      append_escaped (out, NULL, part->note);
      g_string_append (out, "</p>");
    }
  g_string_append (out, "</li>");
}

static char *
render_html (LoketTrackPages *self,
             Words           *words,
             const char      *code,
             GPtrArray       *answers,
             GPtrArray       *parts,
             const char      *query_agencies)
{
  GString *out = g_string_sized_new (8192);
  g_autofree char *display = loket_tracking_code_format (code);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = loket_format_date_time (words->language, now);
  guint answered = 0;

  append_head (out, words, words->title);
  g_string_append (out, "<h1>");
  append_escaped (out, NULL, words->title);
  g_string_append (out, "</h1><p class=\"small\">");
  append_escaped (out, NULL, words->code_label);
  g_string_append_printf (out, "</p><p class=\"code\">%s</p>", display);

  for (guint i = 0; i < answers->len; i++)
    {
      LoketTrackAgencyAnswer *answer = g_ptr_array_index (answers, i);

      if (answer->answered)
        {
          answered++;
          continue;
        }
      g_string_append (out, "<p class=\"warn\">");
      append_escaped (out, words->unavailable, agency_name (words, answer->agency));
      g_string_append (out, "</p>");
    }

  if (parts->len == 0)
    {
      g_string_append (out, "<p>");
      append_escaped (out, NULL, answered > 0 ? words->nothing_yet : words->none_checked);
      g_string_append (out, "</p>");
    }

  g_string_append (out, "<ul>");
  for (guint i = 0; i < parts->len; i++)
    append_part (out, words, g_ptr_array_index (parts, i));
  g_string_append (out, "</ul><p class=\"small\">");
  append_escaped (out, words->checked, now_text);
  g_string_append (out, "</p><p class=\"small\">");
  append_escaped (out, NULL, words->no_personal);
  g_string_append_printf (out, "</p><nav><a href=\"?%s%s%slang=%s\">",
                          query_agencies != NULL ? "agencies=" : "",
                          query_agencies != NULL ? query_agencies : "",
                          query_agencies != NULL ? "&amp;" : "", words->language);
  append_escaped (out, NULL, words->reload);
  g_string_append (out, "</a></nav>");
  append_language_links (self, out, words, query_agencies);
  g_string_append (out, "</main></body></html>\n");
  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_json_part (JsonBuilder            *builder,
               Words                  *words,
               const LoketTrackedPart *part)
{
  json_builder_begin_object (builder);
  add_string (builder, "service", part->service);
  add_string (builder, "service_title", part->service != NULL ? service_title (words, part->service) : NULL);
  add_string (builder, "agency", part->agency);
  add_string (builder, "agency_name", agency_name (words, part->agency));
  add_string (builder, "state", loket_track_state_to_string (part->state));
  add_string (builder, "state_text", words->states[part->state]);
  add_string (builder, "reference", part->reference);
  add_string (builder, "updated_at", part->updated_at);
  add_string (builder, "note", part->note);
  add_string (builder, "waiting_for", part->state == LOKET_TRACK_WAITING ? part->after : NULL);
  add_string (builder, "usual_time", part->service != NULL ?
              g_hash_table_lookup (words->service_days, part->service) : NULL);
  json_builder_end_object (builder);
}

static char *
builder_to_text (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *out;

  json_generator_set_root (generator, root);
  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static char *
render_json (Words      *words,
             const char *code,
             GPtrArray  *answers,
             GPtrArray  *parts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *display = loket_tracking_code_format (code);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  add_string (builder, "tracking_code", code);
  add_string (builder, "display_code", display);
  add_string (builder, "language", words->language);
  add_string (builder, "checked_at", now_text);
  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < answers->len; i++)
    {
      LoketTrackAgencyAnswer *answer = g_ptr_array_index (answers, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", answer->agency);
      add_string (builder, "name", agency_name (words, answer->agency));
      json_builder_set_member_name (builder, "answered");
      json_builder_add_boolean_value (builder, answer->answered);
      if (!answer->answered)
        {
          g_autofree char *message = printf_one (words->unavailable,
                                                 agency_name (words, answer->agency));

          add_string (builder, "message", message);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < parts->len; i++)
    add_json_part (builder, words, g_ptr_array_index (parts, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_to_text (builder);
}

char *
loket_track_pages_render (LoketTrackPages *self,
                          const char      *language,
                          gboolean         json,
                          const char      *code,
                          GPtrArray       *answers,
                          gboolean         asked,
                          const char      *query_agencies,
                          guint           *status)
{
  Words *words = words_for (self, language);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_tracked_part_free);
  g_autoptr(GPtrArray) parts = collect_parts (self, answers, asked, owned);
  guint answered = 0;

  for (guint i = 0; i < answers->len; i++)
    answered += ((LoketTrackAgencyAnswer *) g_ptr_array_index (answers, i))->answered;

  if (parts->len > 0)
    *status = 200;
  else if (answered > 0 || answers->len == 0)
    *status = 404;
  else
    *status = 503;

  if (json)
    return render_json (words, code, answers, parts);
  return render_html (self, words, code, answers, parts, query_agencies);
}

static const char * const notice_ids[] = {
  [LOKET_TRACK_NOTICE_BAD_CODE] = "bad_code",
  [LOKET_TRACK_NOTICE_NOT_FOUND] = "not_found",
  [LOKET_TRACK_NOTICE_RATE_LIMITED] = "rate_limited",
  [LOKET_TRACK_NOTICE_BAD_REQUEST] = "bad_request",
};

char *
loket_track_pages_render_notice (LoketTrackPages  *self,
                                 const char       *language,
                                 gboolean          json,
                                 LoketTrackNotice  notice)
{
  Words *words = words_for (self, language);
  GString *out;

  g_return_val_if_fail (notice < LOKET_TRACK_N_NOTICES, NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string (builder, "error", notice_ids[notice]);
      add_string (builder, "title", words->notice_titles[notice]);
      add_string (builder, "message", words->notice_texts[notice]);
      json_builder_end_object (builder);
      return builder_to_text (builder);
    }

  out = g_string_sized_new (2048);
  append_head (out, words, words->notice_titles[notice]);
  g_string_append (out, "<h1>");
  append_escaped (out, NULL, words->notice_titles[notice]);
  g_string_append (out, "</h1><p>");
  append_escaped (out, NULL, words->notice_texts[notice]);
  g_string_append (out, "</p>");
  append_language_links (self, out, words, NULL);
  g_string_append (out, "</main></body></html>\n");
  return g_string_free (out, FALSE);
}
