/* fuzz-track-query.c — libFuzzer target: what a phone sends loket-track
 *
 * Arbitrary bytes go to the path router (then the code parser, as the service does), the
 * query parser, the language and Accept choices and the client-address reading of
 * X-Forwarded-For. Whatever they accept must keep their promises: ids are valid agency ids,
 * a chosen language is one offered, a bucket key is an address or a /64.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "core/loket-tracking-code.h"
#include "loket-track-query.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_route (const char *text,
             const char *prefix)
{
  g_autofree char *code_text = NULL;
  g_autofree char *code = NULL;
  LoketTrackRoute route = loket_track_route (text, prefix, &code_text);

  if (route != LOKET_TRACK_ROUTE_CODE)
    {
      g_assert_null (code_text);
      return;
    }
  g_assert_nonnull (code_text);
  code = loket_tracking_code_parse (code_text, NULL);
  if (code != NULL)
    g_assert_true (loket_tracking_code_is_canonical (code));
}

static void
check_query (const char *text)
{
  LoketTrackQuery query = { 0 };

  if (loket_track_query_parse (text, &query))
    {
      for (guint i = 0; query.agencies != NULL && query.agencies[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (query.agencies[i]), >, 0);
          g_assert_cmpuint (strlen (query.agencies[i]), <=, LOKET_TRACK_MAX_AGENCY_ID);
          g_assert_cmpuint (i, <, LOKET_TRACK_MAX_AGENCIES);
          for (const char *p = query.agencies[i]; *p != '\0'; p++)
            g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_');
        }
    }
  loket_track_query_clear (&query);
}

static void
check_headers (const char *text)
{
  const char * const offered[] = { "id", "en", NULL };
  const char *language = loket_track_pick_language (text, text, offered, "id");
  g_autoptr(GInetAddress) peer = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GPtrArray) trusted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *key = NULL;

  g_assert_true (g_strv_contains (offered, language));
  (void) loket_track_wants_json (text);

  g_ptr_array_add (trusted, g_inet_address_mask_new_from_string ("127.0.0.0/8", NULL));
  key = loket_track_client_key (peer, text, trusted);
  g_assert_nonnull (key);
  g_assert_cmpuint (strlen (key), >, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  if (size > 4096 || memchr (data, '\0', size) != NULL)
    return 0;
  text = g_strndup ((const char *) data, size);

  check_route (text, "/");
  check_route (text, "/loket/");
  check_query (text);
  check_headers (text);
  return 0;
}
