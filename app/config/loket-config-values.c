/* loket-config-values.c — the syntax of single configuration values, and messages
 *
 * Small checks that need no parser state: what a language code, an agency id or a key
 * pin looks like, whether a host is this machine, how far a typo is from a known key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-config"

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "loket-config-private.h"

gboolean
loket_config_is_agency_id (const char *id)
{
  if (*id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_'))
      return FALSE;

  return TRUE;
}

gboolean
loket_config_is_language_code (const char *code)
{
  gsize letters = 0;

  while (g_ascii_islower (code[letters]))
    letters++;
  if (letters < 2 || letters > 3)
    return FALSE;
  if (code[letters] == '\0')
    return TRUE;

  return code[letters] == '_' &&
         g_ascii_isupper (code[letters + 1]) &&
         g_ascii_isupper (code[letters + 2]) &&
         code[letters + 3] == '\0';
}

gboolean
loket_config_is_kiosk_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > LOKET_CONFIG_MAX_KIOSK_ID_LENGTH)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;

  return TRUE;
}

gboolean
loket_config_is_host (const char *host)
{
  if (*host == '\0')
    return FALSE;

  /* Names, IPv4, and IPv6 with or without brackets. */
  for (const char *p = host; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || strchr (".-:[]", *p) != NULL))
      return FALSE;

  return TRUE;
}

gboolean
loket_config_has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

/* curl's form: "sha256//" and the base64 of a 32-byte SHA-256, several joined by ';'. */
gboolean
loket_config_is_pinned_key (const char *value)
{
  g_auto(GStrv) pins = g_strsplit (value, ";", -1);

  if (pins[0] == NULL)
    return FALSE;

  for (guint i = 0; pins[i] != NULL; i++)
    {
      const char *pin = g_strstrip (pins[i]);
      const char *b64;

      if (!g_str_has_prefix (pin, "sha256//"))
        return FALSE;

      b64 = pin + strlen ("sha256//");
      if (strlen (b64) != 44 || b64[43] != '=')
        return FALSE;
      for (guint j = 0; j < 43; j++)
        if (!(g_ascii_isalnum (b64[j]) || b64[j] == '+' || b64[j] == '/'))
          return FALSE;
    }

  return TRUE;
}

/* curl matches the list only when the pins are joined by ';' alone: "sha256//A=; sha256//B="
 * would never match (error 90 on every attempt), so the list is stored without the spaces
 * a person may type around the ';'. */
char *
loket_config_normalize_pinned_key (const char *value)
{
  g_auto(GStrv) pins = g_strsplit (value, ";", -1);

  for (guint i = 0; pins[i] != NULL; i++)
    g_strstrip (pins[i]);
  return g_strjoinv (";", pins);
}

/* X-Road identifiers: INSTANCE/CLASS/MEMBER[/SUBSYSTEM] for a client, and the same with
 * the service code (and optionally its version) for a service. */
gboolean
loket_config_is_xroad_id (const char *value,
             guint       min_parts,
             guint       max_parts)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (loket_config_has_space (value))
    return FALSE;

  parts = g_strsplit (value, "/", -1);
  n = g_strv_length (parts);
  if (n < min_parts || n > max_parts)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      return FALSE;

  return TRUE;
}

gboolean
loket_config_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* loket-track's listen: an IP address and a port, IPv6 in brackets. A host name is not
 * accepted: what it resolves to could change under a running service. */
gboolean
loket_config_is_listen_address (const char *value)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *colon = strrchr (value, ':');
  const char *port = colon != NULL ? colon + 1 : NULL;
  guint64 number = 0;

  if (port == NULL || *port == '\0' || strlen (port) > 5)
    return FALSE;
  for (const char *p = port; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  number = g_ascii_strtoull (port, NULL, 10);
  if (number > 65535)
    return FALSE;

  if (value[0] == '[')
    {
      if (colon == value || colon[-1] != ']')
        return FALSE;
      host = g_strndup (value + 1, colon - value - 2);
      address = g_inet_address_new_from_string (host);
      return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
    }

  host = g_strndup (value, colon - value);
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4;
}

gboolean
loket_config_is_address_mask (const char *value)
{
  g_autoptr(GInetAddressMask) mask = g_inet_address_mask_new_from_string (value, NULL);

  return mask != NULL;
}

char *
loket_config_line_key (const char *group,
          const char *key)
{
  return g_strconcat (group, key != NULL ? LOKET_CONFIG_LINE_KEY_SEPARATOR : NULL, key, NULL);
}

/* Builds the message; line 0 is the whole file, and group and key are left out when
 * the problem has none (a syntax error). The location is not translated: editors and
 * fleet tools read it. */
GError *
loket_config_problem_new (const char       *path,
                   guint             line,
                   const char       *group,
                   const char       *key,
                   LoketConfigError  code,
                   const char       *what)
{
  g_autoptr(GString) message = g_string_new (path);

  if (line > 0)
    g_string_append_printf (message, ":%u", line);
  g_string_append (message, ": ");
  if (group != NULL)
    {
      g_string_append_printf (message, "[%s]", group);
      if (key != NULL)
        g_string_append_printf (message, " %s", key);
      g_string_append (message, ": ");
    }
  g_string_append (message, what);

  return g_error_new_literal (LOKET_CONFIG_ERROR, code, message->str);
}

/* Damerau–Levenshtein (optimal string alignment) distance, so that a swap of two
 * neighbouring letters ("idel") counts as one mistake. */
guint
loket_config_edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *d = NULL;
  guint result;

  if (la > 64 || lb > 64)
    return G_MAXUINT;

  d = g_new (guint, (la + 1) * (lb + 1));
#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = j;

  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
        guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);

        best = MIN (best, D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 &&
            g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 2]) &&
            g_ascii_tolower (a[i - 2]) == g_ascii_tolower (b[j - 1]))
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }

  result = D (la, lb);
#undef D
  return result;
}


void
loket_config_add_problem (GArray           *problems,
                          const char       *path,
                          guint             line,
                          const char       *group,
                          const char       *key,
                          LoketConfigError  code,
                          const char       *what)
{
  LoketConfigProblem problem;

  problem.line = line;
  problem.error = loket_config_problem_new (path, line, group, key, code, what);
  g_array_append_val (problems, problem);
}
