/* loket-qr-payload.c — building and reading the receipt's QR payload
 *
 * The Track page must read every receipt a hall has ever printed: a kiosk whose template
 * changed since still reads old URLs by falling back from the template to the `code=`
 * parameter and the last path segment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-qr-payload"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "loket-qr-payload.h"
#include "loket-tracking-code.h"

#define LOKET1_PREFIX "LOKET1:"
#define CODE_PLACEHOLDER "{code}"
#define AGENCIES_PLACEHOLDER "{agencies}"

G_DEFINE_QUARK (loket-qr-payload-error-quark, loket_qr_payload_error)

void
loket_qr_payload_free (LoketQrPayload *payload)
{
  if (payload == NULL)
    return;

  g_free (payload->code);
  g_strfreev (payload->agencies);
  g_free (payload);
}

static gboolean
has_prefix_ascii_nocase (const char *text,
                         const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

gboolean
loket_qr_payload_template_is_valid (const char  *url_template,
                                    GError     **error)
{
  guint n_code = 0;
  guint n_agencies = 0;
  gboolean after_placeholder = FALSE;

  g_return_val_if_fail (url_template != NULL, FALSE);

  if (!has_prefix_ascii_nocase (url_template, "https://") &&
      !has_prefix_ascii_nocase (url_template, "http://"))
    {
      g_set_error_literal (error, LOKET_QR_PAYLOAD_ERROR, LOKET_QR_PAYLOAD_ERROR_TEMPLATE,
                           _("The tracking URL must start with https:// or http://."));
      return FALSE;
    }

  for (const char *p = url_template; *p != '\0';)
    {
      gboolean placeholder = FALSE;

      if (g_str_has_prefix (p, CODE_PLACEHOLDER))
        {
          n_code++;
          p += strlen (CODE_PLACEHOLDER);
          placeholder = TRUE;
        }
      else if (g_str_has_prefix (p, AGENCIES_PLACEHOLDER))
        {
          n_agencies++;
          p += strlen (AGENCIES_PLACEHOLDER);
          placeholder = TRUE;
        }
      else if (*p == '{' || *p == '}')
        {
          g_set_error_literal (error, LOKET_QR_PAYLOAD_ERROR, LOKET_QR_PAYLOAD_ERROR_TEMPLATE,
                               /* Translators: {code} and {agencies} are typed as they are. */
                               _("The tracking URL may contain only {code} and {agencies} in braces."));
          return FALSE;
        }
      else
        p++;

      /* Two placeholders side by side could not be told apart when the URL is read. */
      if (placeholder && after_placeholder)
        {
          g_set_error_literal (error, LOKET_QR_PAYLOAD_ERROR, LOKET_QR_PAYLOAD_ERROR_TEMPLATE,
                               /* Translators: {code} and {agencies} are typed as they are. */
                               _("In the tracking URL, {code} and {agencies} must be separated by other text."));
          return FALSE;
        }
      after_placeholder = placeholder;
    }

  if (n_code != 1 || n_agencies > 1)
    {
      g_set_error_literal (error, LOKET_QR_PAYLOAD_ERROR, LOKET_QR_PAYLOAD_ERROR_TEMPLATE,
                           /* Translators: {code} and {agencies} are typed as they are. */
                           _("The tracking URL must contain {code} exactly once and {agencies} at most once."));
      return FALSE;
    }

  return TRUE;
}

static char *
join_agencies (const char * const *agencies)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (agencies[i], NULL, FALSE);

      if (i > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, escaped);
    }

  return g_string_free (joined, FALSE);
}

char *
loket_qr_payload_build (const char         *url_template,
                        const char         *code,
                        const char * const *agencies)
{
  g_autofree char *joined = NULL;
  GString *url;

  g_return_val_if_fail (code != NULL && loket_tracking_code_is_canonical (code), NULL);
  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    g_return_val_if_fail (*agencies[i] != '\0', NULL);

  joined = join_agencies (agencies);

  if (url_template == NULL || *url_template == '\0')
    return g_strconcat (LOKET1_PREFIX, code, ":", joined, NULL);

  g_return_val_if_fail (loket_qr_payload_template_is_valid (url_template, NULL), NULL);

  url = g_string_new (NULL);
  for (const char *p = url_template; *p != '\0';)
    {
      if (g_str_has_prefix (p, CODE_PLACEHOLDER))
        {
          g_string_append (url, code);
          p += strlen (CODE_PLACEHOLDER);
        }
      else if (g_str_has_prefix (p, AGENCIES_PLACEHOLDER))
        {
          g_string_append (url, joined);
          p += strlen (AGENCIES_PLACEHOLDER);
        }
      else
        g_string_append_c (url, *p++);
    }

  return g_string_free (url, FALSE);
}

static gboolean
set_damaged (GError **error)
{
  g_set_error_literal (error, LOKET_QR_PAYLOAD_ERROR, LOKET_QR_PAYLOAD_ERROR_INVALID,
                       _("This QR code cannot be read: it is damaged or not from a Loket receipt."));
  return FALSE;
}

/* Comma-separated, URL-escaped agency ids; empty entries are skipped. */
static GStrv
split_agencies (const char  *text,
                gsize        length,
                GError     **error)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) parts = g_strsplit (copy, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *id = NULL;

      if (*parts[i] == '\0')
        continue;

      id = g_uri_unescape_string (parts[i], NULL);
      if (id == NULL || *id == '\0' || !g_utf8_validate (id, -1, NULL))
        {
          set_damaged (error);
          return NULL;
        }
      for (const char *p = id; *p != '\0'; p++)
        if (g_ascii_iscntrl (*p))
          {
            set_damaged (error);
            return NULL;
          }

      g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static LoketQrPayload *
payload_new (const char  *code_text,
             gsize        code_length,
             const char  *agencies_text,
             gsize        agencies_length,
             GError     **error)
{
  g_autoptr(LoketQrPayload) payload = g_new0 (LoketQrPayload, 1);
  g_autofree char *code_copy = g_strndup (code_text, code_length);

  payload->code = loket_tracking_code_parse (code_copy, NULL);
  if (payload->code == NULL)
    {
      set_damaged (error);
      return NULL;
    }

  payload->agencies = split_agencies (agencies_text, agencies_length, error);
  if (payload->agencies == NULL)
    return NULL;

  return g_steal_pointer (&payload);
}

static LoketQrPayload *
parse_loket1 (const char  *text,
              GError     **error)
{
  const char *code = text + strlen (LOKET1_PREFIX);
  const char *colon = strchr (code, ':');

  if (colon == NULL)
    return payload_new (code, strlen (code), "", 0, error);

  return payload_new (code, (gsize) (colon - code), colon + 1, strlen (colon + 1), error);
}

/* Finds the values of {code} and {agencies} by walking the template's literal pieces
 * through the text. */
static LoketQrPayload *
match_template (const char *text,
                const char *url_template)
{
  const char *t = url_template;
  const char *p = text;
  const char *code = NULL, *agencies = "";
  gsize code_length = 0, agencies_length = 0;

  while (*t != '\0')
    {
      gboolean is_code = g_str_has_prefix (t, CODE_PLACEHOLDER);
      gboolean is_agencies = g_str_has_prefix (t, AGENCIES_PLACEHOLDER);

      if (is_code || is_agencies)
        {
          const char *literal;
          gsize literal_length;
          const char *end;

          t += strlen (is_code ? CODE_PLACEHOLDER : AGENCIES_PLACEHOLDER);
          literal = t;
          literal_length = strcspn (literal, "{");

          if (literal_length == 0)
            end = p + strlen (p);
          else
            {
              g_autofree char *piece = g_strndup (literal, literal_length);

              end = strstr (p, piece);
              if (end == NULL)
                return NULL;
            }

          if (is_code)
            {
              code = p;
              code_length = (gsize) (end - p);
            }
          else
            {
              agencies = p;
              agencies_length = (gsize) (end - p);
            }
          p = end;
        }
      else
        {
          if (g_ascii_tolower (*t) != g_ascii_tolower (*p))
            return NULL;
          t++;
          p++;
        }
    }

  if (*p != '\0' || code == NULL)
    return NULL;

  return payload_new (code, code_length, agencies, agencies_length, NULL);
}

static LoketQrPayload *
parse_url (const char  *text,
           const char  *url_template,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(LoketQrPayload) payload = NULL;
  g_autofree char *trimmed_path = NULL;
  const char *query;
  const char *path;
  const char *last;

  if (url_template != NULL && *url_template != '\0' &&
      loket_qr_payload_template_is_valid (url_template, NULL))
    {
      payload = match_template (text, url_template);
      if (payload != NULL)
        return g_steal_pointer (&payload);
    }

  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      set_damaged (error);
      return NULL;
    }

  query = g_uri_get_query (uri);
  if (query != NULL)
    {
      g_autoptr(GHashTable) params = g_uri_parse_params (query, -1, "&;", G_URI_PARAMS_NONE,
                                                         NULL);
      const char *code = params != NULL ? g_hash_table_lookup (params, "code") : NULL;

      if (code != NULL)
        payload = payload_new (code, strlen (code), "", 0, NULL);
      if (payload != NULL)
        return g_steal_pointer (&payload);
    }

  /* "…/status/CODE/" names the code too: trailing slashes do not make a segment. */
  path = g_uri_get_path (uri);
  trimmed_path = g_strdup (path);
  for (gsize length = strlen (trimmed_path); length > 0 && trimmed_path[length - 1] == '/';)
    trimmed_path[--length] = '\0';
  last = strrchr (trimmed_path, '/');
  last = last != NULL ? last + 1 : trimmed_path;
  if (*last != '\0')
    {
      g_autofree char *segment = g_uri_unescape_string (last, NULL);

      if (segment != NULL)
        payload = payload_new (segment, strlen (segment), "", 0, NULL);
      if (payload != NULL)
        return g_steal_pointer (&payload);
    }

  set_damaged (error);
  return NULL;
}

LoketQrPayload *
loket_qr_payload_parse (const char  *text,
                        const char  *url_template,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(LoketQrPayload) payload = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));

  if (has_prefix_ascii_nocase (trimmed, LOKET1_PREFIX))
    return parse_loket1 (trimmed, error);

  if (strstr (trimmed, "://") != NULL)
    return parse_url (trimmed, url_template, error);

  payload = g_new0 (LoketQrPayload, 1);
  payload->code = loket_tracking_code_parse (trimmed, error);
  if (payload->code == NULL)
    return NULL;
  payload->agencies = g_new0 (char *, 1);

  return g_steal_pointer (&payload);
}
