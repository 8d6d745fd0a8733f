/* loket-track-query.c — reading what a phone asks loket-track
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-track"

#include "config.h"

#include <string.h>

#include "loket-track-query.h"

/* A decoded path segment or query value: %XX and '+' (a space, in a query) read, no NUL. */
static char *
decode (const char *text,
        gsize       length,
        gboolean    plus_is_space)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '%')
        {
          int high, low;

          if (i + 2 >= length)
            goto bad;
          high = g_ascii_xdigit_value (text[i + 1]);
          low = g_ascii_xdigit_value (text[i + 2]);
          if (high < 0 || low < 0 || (high == 0 && low == 0))
            goto bad;
          g_string_append_c (out, (char) (high * 16 + low));
          i += 2;
        }
      else if (c == '+' && plus_is_space)
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, c);
    }

  return g_string_free (out, FALSE);

bad:
  g_string_free (out, TRUE);
  return NULL;
}

LoketTrackRoute
loket_track_route (const char  *path,
                   const char  *prefix,
                   char       **code_text)
{
  gsize prefix_length;
  const char *rest;

  g_return_val_if_fail (code_text != NULL && *code_text == NULL, LOKET_TRACK_ROUTE_NOT_FOUND);

  if (path == NULL || prefix == NULL || strlen (path) > LOKET_TRACK_MAX_PATH)
    return LOKET_TRACK_ROUTE_NOT_FOUND;

  /* Probes from the load balancer come without the prefix. */
  if (g_str_equal (path, "/healthz"))
    return LOKET_TRACK_ROUTE_HEALTHZ;
  if (g_str_equal (path, "/metrics"))
    return LOKET_TRACK_ROUTE_METRICS;

  prefix_length = strlen (prefix);
  if (strncmp (path, prefix, prefix_length) != 0)
    return LOKET_TRACK_ROUTE_NOT_FOUND;
  rest = path + prefix_length;
  if (g_str_equal (rest, "healthz"))
    return LOKET_TRACK_ROUTE_HEALTHZ;
  if (g_str_equal (rest, "metrics"))
    return LOKET_TRACK_ROUTE_METRICS;
  if (*rest == '\0' || strchr (rest, '/') != NULL)
    return LOKET_TRACK_ROUTE_NOT_FOUND;

  *code_text = decode (rest, strlen (rest), FALSE);
  return *code_text != NULL ? LOKET_TRACK_ROUTE_CODE : LOKET_TRACK_ROUTE_NOT_FOUND;
}

void
loket_track_query_clear (LoketTrackQuery *query)
{
  g_clear_pointer (&query->agencies, g_strfreev);
  g_clear_pointer (&query->language, g_free);
}

static gboolean
is_agency_id (const char *id)
{
  gsize n = strlen (id);

  if (n == 0 || n > LOKET_TRACK_MAX_AGENCY_ID)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return TRUE;
}

static gboolean
is_language (const char *text)
{
  gsize n = strlen (text);

  if (n < 2 || n > 8)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!(g_ascii_isalpha (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static GStrv
read_agencies (const char *value)
{
  g_auto(GStrv) items = g_strsplit (value, ",", LOKET_TRACK_MAX_AGENCIES + 1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; items[i] != NULL && i < LOKET_TRACK_MAX_AGENCIES; i++)
    {
      gboolean seen = FALSE;
      char *id = g_strstrip (items[i]);

      /* Unknown or malformed ids are ignored, as an unknown agency is. */
      if (!is_agency_id (id))
        continue;
      for (guint j = 0; j < kept->len && !seen; j++)
        seen = g_str_equal (kept->pdata[j], id);
      if (!seen)
        g_ptr_array_add (kept, g_strdup (id));
    }

  g_ptr_array_add (kept, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
}

gboolean
loket_track_query_parse (const char      *raw,
                         LoketTrackQuery *query)
{
  g_auto(GStrv) pairs = NULL;

  g_return_val_if_fail (query != NULL, FALSE);

  if (raw == NULL || *raw == '\0')
    return TRUE;
  if (strlen (raw) > LOKET_TRACK_MAX_QUERY)
    return FALSE;

  pairs = g_strsplit (raw, "&", 64);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (eq == NULL)
        continue;
      key = decode (pairs[i], eq - pairs[i], TRUE);
      value = decode (eq + 1, strlen (eq + 1), TRUE);
      if (key == NULL || value == NULL)
        return FALSE;

      if (g_str_equal (key, "agencies") && query->agencies == NULL)
        query->agencies = read_agencies (value);
      else if (g_str_equal (key, "lang") && query->language == NULL && is_language (value))
        query->language = g_ascii_strdown (value, -1);
    }

  return TRUE;
}

/* "en-US" and "en_US" are offered as "en" when only the language matches. */
static const char *
match_offered (const char          *tag,
               const char * const  *offered)
{
  g_autofree char *lower = g_ascii_strdown (tag, -1);
  gsize base = strcspn (lower, "-_");

  g_strdelimit (lower, "-", '_');
  for (guint i = 0; offered[i] != NULL; i++)
    if (g_str_equal (offered[i], lower))
      return offered[i];
  for (guint i = 0; offered[i] != NULL; i++)
    if (strlen (offered[i]) == base && strncmp (offered[i], lower, base) == 0)
      return offered[i];
  return NULL;
}

static double
read_q (const char *params)
{
  const char *q = params != NULL ? strstr (params, "q=") : NULL;
  double value;

  if (q == NULL)
    return 1.0;
  value = g_ascii_strtod (q + 2, NULL);
  return value >= 0.0 && value <= 1.0 ? value : 0.0;
}

const char *
loket_track_pick_language (const char          *query_language,
                           const char          *accept_language,
                           const char * const  *offered,
                           const char          *fallback)
{
  g_auto(GStrv) ranges = NULL;
  const char *best = NULL;
  double best_q = 0.0;

  g_return_val_if_fail (offered != NULL, fallback);

  if (query_language != NULL && match_offered (query_language, offered) != NULL)
    return match_offered (query_language, offered);
  if (accept_language == NULL || strlen (accept_language) > 1024)
    return fallback;

  ranges = g_strsplit (accept_language, ",", 32);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      char *params = strchr (ranges[i], ';');
      const char *match;
      double q;

      if (params != NULL)
        *params++ = '\0';
      q = read_q (params);
      match = match_offered (g_strstrip (ranges[i]), offered);
      if (match != NULL && q > best_q)
        {
          best = match;
          best_q = q;
        }
    }

  return best != NULL ? best : fallback;
}

gboolean
loket_track_wants_json (const char *accept)
{
  g_auto(GStrv) ranges = NULL;
  double json_q = -1.0;
  double html_q = -1.0;

  if (accept == NULL || strlen (accept) > 1024)
    return FALSE;

  ranges = g_strsplit (accept, ",", 32);
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      char *params = strchr (ranges[i], ';');
      const char *type;

      if (params != NULL)
        *params++ = '\0';
      type = g_strstrip (ranges[i]);
      if (g_ascii_strcasecmp (type, "application/json") == 0)
        json_q = MAX (json_q, read_q (params));
      else if (g_ascii_strcasecmp (type, "text/html") == 0)
        html_q = MAX (html_q, read_q (params));
    }

  return json_q > 0.0 && json_q > html_q;
}

static gboolean
is_trusted (GInetAddress *address,
            GPtrArray    *trusted)
{
  for (guint i = 0; trusted != NULL && i < trusted->len; i++)
    if (g_inet_address_mask_matches (g_ptr_array_index (trusted, i), address))
      return TRUE;
  return FALSE;
}

static char *
bucket_key (GInetAddress *address)
{
  const guint8 *bytes;
  g_autoptr(GInetAddress) prefix = NULL;
  guint8 masked[16] = { 0 };
  g_autofree char *text = NULL;

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return g_inet_address_to_string (address);

  bytes = g_inet_address_to_bytes (address);
  /* An IPv4-mapped IPv6 address is the IPv4 client it maps. */
  if (memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    return g_strdup_printf ("%u.%u.%u.%u", bytes[12], bytes[13], bytes[14], bytes[15]);

  /* One household or phone gets a whole /64. */
  memcpy (masked, bytes, 8);
  prefix = g_inet_address_new_from_bytes (masked, G_SOCKET_FAMILY_IPV6);
  text = g_inet_address_to_string (prefix);
  return g_strconcat (text, "/64", NULL);
}

char *
loket_track_client_key (GInetAddress *peer,
                        const char   *forwarded_for,
                        GPtrArray    *trusted)
{
  g_auto(GStrv) hops = NULL;
  guint n;

  g_return_val_if_fail (G_IS_INET_ADDRESS (peer), NULL);

  if (forwarded_for == NULL || !is_trusted (peer, trusted) || strlen (forwarded_for) > 2048)
    return bucket_key (peer);

  /* Right to left: each hop was added by the one after it, and only a trusted proxy's word
   * about the hop before it counts. */
  hops = g_strsplit (forwarded_for, ",", 64);
  n = g_strv_length (hops);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GInetAddress) hop = g_inet_address_new_from_string (g_strstrip (hops[i - 1]));

      if (hop == NULL)
        break;
      if (!is_trusted (hop, trusted))
        return bucket_key (hop);
    }

  return bucket_key (peer);
}

char *
loket_track_code_for_log (const char *code)
{
  if (code == NULL)
    return g_strdup ("-");
  return g_strdup_printf ("%.4s…", code);
}
