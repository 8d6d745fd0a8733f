/* loket-json-scanner.c — a strict scanner in front of json-glib: loket_json_parse ()
 *
 * The scanner is a recursive-descent checker of RFC 8259 whose recursion is bounded by the
 * nesting cap, so hostile input can neither crash json-glib nor us. It keeps the JSON path
 * of where it is, so every problem names its place. Only a text that passed it goes to
 * json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-json.h"
#include "loket-json-private.h"

typedef struct {
  LoketJsonProblems *problems;
  const char        *text;
  gsize              length;
  gsize              pos;
  guint              line;
  gsize              line_start;
  guint              depth;
  guint              max_depth;
  GString           *path;
  gboolean           stopped;      /* a syntax error: nothing after it can be trusted */
  gboolean           dirty;        /* a problem that still lets scanning go on */
} Scanner;

static guint
scanner_column (Scanner *s)
{
  guint column = 1;

  /* Characters, not bytes: counting UTF-8 lead bytes only. */
  for (gsize i = s->line_start; i < s->pos && i < s->length; i++)
    if (((guchar) s->text[i] & 0xC0) != 0x80)
      column++;

  return column;
}

static void scanner_fail (Scanner    *s,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

static void
scanner_fail (Scanner    *s,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (s->stopped)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the place of a syntax error in a JSON file; the last %s says what is wrong. */
  loket_json_problem (s->problems, s->path->str, _("line %u, column %u: %s"),
                      s->line, scanner_column (s), message);
  s->stopped = TRUE;
}

static int
scanner_peek (Scanner *s)
{
  return s->pos < s->length ? (guchar) s->text[s->pos] : -1;
}

static void
scanner_skip_space (Scanner *s)
{
  while (s->pos < s->length)
    {
      char c = s->text[s->pos];

      if (c == '\n')
        {
          s->line++;
          s->line_start = s->pos + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
      s->pos++;
    }
}

static void
scanner_unexpected (Scanner    *s,
                    const char *expected)
{
  int c = scanner_peek (s);

  if (c < 0)
    /* Translators: %s says what was expected, e.g. "',' or '}'". */
    scanner_fail (s, _("the file ends where %s was expected"), expected);
  else if (c == '\'')
    scanner_fail (s, _("single quotes are not JSON: use double quotes"));
  else if (c == '/')
    scanner_fail (s, _("comments are not JSON"));
  else if (c >= 0x20 && c < 0x7f)
    /* Translators: the first %c is the character found, %s what was expected. */
    scanner_fail (s, _("unexpected '%c' where %s was expected"), c, expected);
  else
    /* Translators: %s says what was expected, e.g. "a value". */
    scanner_fail (s, _("unexpected byte 0x%02X where %s was expected"), (guint) c, expected);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
scanner_hex4 (Scanner  *s,
              gunichar *out)
{
  gunichar value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int h = s->pos < s->length ? hex_value (s->text[s->pos]) : -1;

      if (h < 0)
        {
          scanner_fail (s, _("\\u must be followed by four hexadecimal digits"));
          return FALSE;
        }
      value = value * 16 + (gunichar) h;
      s->pos++;
    }

  *out = value;
  return TRUE;
}

/* Scans a string at the opening quote; decodes it into out when out is not NULL. */
/* Over 80 lines: one loop over the characters with every escape inline: the scanner's hot
 * path, kept whole. */
static gboolean
scanner_string (Scanner *s,
                GString *out)
{
  g_assert (scanner_peek (s) == '"');
  s->pos++;

  while (s->pos < s->length)
    {
      guchar c = (guchar) s->text[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      else if (c < 0x20)
        {
          scanner_fail (s, _("a control character inside a string must be escaped"));
          return FALSE;
        }
      else if (c == '\\')
        {
          char e;
          gunichar u;

          s->pos++;
          e = s->pos < s->length ? s->text[s->pos] : '\0';
          s->pos++;
          switch (e)
            {
            case '"': u = '"'; break;
            case '\\': u = '\\'; break;
            case '/': u = '/'; break;
            case 'b': u = '\b'; break;
            case 'f': u = '\f'; break;
            case 'n': u = '\n'; break;
            case 'r': u = '\r'; break;
            case 't': u = '\t'; break;
            case 'u':
              if (!scanner_hex4 (s, &u))
                return FALSE;
              if (u >= 0xDC00 && u <= 0xDFFF)
                {
                  scanner_fail (s,
                                _("a \\u escape holds half of a character (a lone low surrogate)"));
                  return FALSE;
                }
              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  gunichar low;

                  if (s->pos + 1 >= s->length || s->text[s->pos] != '\\'
                      || s->text[s->pos + 1] != 'u')
                    {
                      scanner_fail (s,
                                    _("a \\u escape holds half of a character (a lone high surrogate)"));
                      return FALSE;
                    }
                  s->pos += 2;
                  if (!scanner_hex4 (s, &low))
                    return FALSE;
                  if (low < 0xDC00 || low > 0xDFFF)
                    {
                      scanner_fail (s,
                                    _("a \\u escape holds half of a character (a lone high surrogate)"));
                      return FALSE;
                    }
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                }
              if (u == 0)
                {
                  /* Our strings are C strings: \u0000 would cut them short silently. */
                  scanner_fail (s, _("a string may not contain \\u0000"));
                  return FALSE;
                }
              break;
            default:
              s->pos--;
              scanner_fail (s,
                            _("unknown escape in a string (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)"));
              return FALSE;
            }
          if (out != NULL)
            g_string_append_unichar (out, u);
        }
      else if (c < 0x80)
        {
          if (out != NULL)
            g_string_append_c (out, (char) c);
          s->pos++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (s->text + s->pos, (gssize) (s->length - s->pos));
          const char *next;

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              scanner_fail (s, _("the text is not valid UTF-8"));
              return FALSE;
            }
          next = g_utf8_next_char (s->text + s->pos);
          if (out != NULL)
            g_string_append_len (out, s->text + s->pos, next - (s->text + s->pos));
          s->pos = next - s->text;
        }
    }

  scanner_fail (s, _("a string is not closed"));
  return FALSE;
}

static gboolean
scanner_digits (Scanner *s)
{
  gsize start = s->pos;

  while (s->pos < s->length && g_ascii_isdigit (s->text[s->pos]))
    s->pos++;

  return s->pos > start;
}

static gboolean
scanner_number (Scanner *s)
{
  gsize start = s->pos;
  gboolean integer = TRUE;
  g_autofree char *copy = NULL;

  if (scanner_peek (s) == '-')
    s->pos++;

  if (scanner_peek (s) == '0')
    {
      s->pos++;
      if (scanner_peek (s) == 'x' || scanner_peek (s) == 'X')
        {
          scanner_fail (s, _("hexadecimal numbers are not JSON"));
          return FALSE;
        }
      if (g_ascii_isdigit (scanner_peek (s)))
        {
          scanner_fail (s, _("a number may not start with 0"));
          return FALSE;
        }
    }
  else if (!scanner_digits (s))
    {
      scanner_unexpected (s, _("a digit"));
      return FALSE;
    }

  if (scanner_peek (s) == '.')
    {
      integer = FALSE;
      s->pos++;
      if (!scanner_digits (s))
        {
          scanner_unexpected (s, _("a digit"));
          return FALSE;
        }
    }

  if (scanner_peek (s) == 'e' || scanner_peek (s) == 'E')
    {
      integer = FALSE;
      s->pos++;
      if (scanner_peek (s) == '+' || scanner_peek (s) == '-')
        s->pos++;
      if (!scanner_digits (s))
        {
          scanner_unexpected (s, _("a digit"));
          return FALSE;
        }
    }

  copy = g_strndup (s->text + start, s->pos - start);
  errno = 0;
  if (integer)
    {
      g_ascii_strtoll (copy, NULL, 10);
      if (errno == ERANGE)
        {
          /* Translators: %s is a number as written in the file. */
          loket_json_problem (s->problems, s->path->str, _("the whole number %s is too large"),
                              copy);
          s->dirty = TRUE;
        }
    }
  else
    {
      double d = g_ascii_strtod (copy, NULL);

      if (isinf (d) || isnan (d))
        {
          /* Translators: %s is a number as written in the file. */
          loket_json_problem (s->problems, s->path->str, _("the number %s is too large"), copy);
          s->dirty = TRUE;
        }
    }

  return TRUE;
}

static gboolean
scanner_literal (Scanner    *s,
                 const char *word)
{
  gsize n = strlen (word);

  if (s->length - s->pos >= n && memcmp (s->text + s->pos, word, n) == 0)
    {
      s->pos += n;
      return TRUE;
    }

  scanner_unexpected (s, _("a value"));
  return FALSE;
}

static gboolean scanner_value (Scanner *s);

static gboolean
scanner_enter (Scanner *s)
{
  if (s->depth >= s->max_depth)
    {
      /* Translators: %u is the largest number of nested arrays and objects allowed. */
      scanner_fail (s, _("nested deeper than %u levels"), s->max_depth);
      return FALSE;
    }

  s->depth++;
  s->pos++;
  return TRUE;
}

/* After white space: the container's closing bracket leaves it (TRUE); anything else is
 * left for the caller. */
static gboolean
scanner_leave (Scanner *s,
               int      close)
{
  scanner_skip_space (s);
  if (scanner_peek (s) != close)
    return FALSE;

  s->pos++;
  s->depth--;
  return TRUE;
}

static gboolean
scanner_object (Scanner *s)
{
  g_autoptr(GHashTable) seen = NULL;
  gsize path_length = s->path->len;
  guint n = 0;

  if (!scanner_enter (s))
    return FALSE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (scanner_leave (s, '}'))
    return TRUE;

  for (;;)
    {
      g_autoptr(GString) name = g_string_new (NULL);

      scanner_skip_space (s);
      if (scanner_peek (s) != '"')
        {
          if (n > 0 && scanner_peek (s) == '}')
            scanner_fail (s, _("a comma before '}' is not JSON"));
          else
            scanner_unexpected (s, _("a member name in double quotes"));
          return FALSE;
        }
      if (!scanner_string (s, name))
        return FALSE;

      loket_json_path_append (s->path, name->str);
      if (g_hash_table_contains (seen, name->str))
        {
          /* Translators: %s is the name of a member of a JSON object. */
          loket_json_problem (s->problems, s->path->str,
                              _("member '%s' appears twice in the same object"), name->str);
          s->dirty = TRUE;
        }
      else
        g_hash_table_add (seen, g_strdup (name->str));

      scanner_skip_space (s);
      if (scanner_peek (s) != ':')
        {
          scanner_unexpected (s, "':'");
          return FALSE;
        }
      s->pos++;
      scanner_skip_space (s);
      if (!scanner_value (s))
        return FALSE;
      g_string_truncate (s->path, path_length);
      n++;

      if (scanner_leave (s, '}'))
        return TRUE;
      if (scanner_peek (s) != ',')
        {
          scanner_unexpected (s, _("',' or '}'"));
          return FALSE;
        }
      s->pos++;
    }
}

static gboolean
scanner_array (Scanner *s)
{
  gsize path_length = s->path->len;
  guint index = 0;

  if (!scanner_enter (s))
    return FALSE;
  if (scanner_leave (s, ']'))
    return TRUE;

  for (;;)
    {
      g_string_append_printf (s->path, "[%u]", index);
      scanner_skip_space (s);
      if (index > 0 && scanner_peek (s) == ']')
        {
          scanner_fail (s, _("a comma before ']' is not JSON"));
          return FALSE;
        }
      if (!scanner_value (s))
        return FALSE;
      g_string_truncate (s->path, path_length);
      index++;

      if (scanner_leave (s, ']'))
        return TRUE;
      if (scanner_peek (s) != ',')
        {
          scanner_unexpected (s, _("',' or ']'"));
          return FALSE;
        }
      s->pos++;
    }
}

static gboolean
scanner_value (Scanner *s)
{
  switch (scanner_peek (s))
    {
    case '{':
      return scanner_object (s);
    case '[':
      return scanner_array (s);
    case '"':
      return scanner_string (s, NULL);
    case 't':
      return scanner_literal (s, "true");
    case 'f':
      return scanner_literal (s, "false");
    case 'n':
      return scanner_literal (s, "null");
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scanner_number (s);
    default:
      scanner_unexpected (s, _("a value"));
      return FALSE;
    }
}

JsonNode *
loket_json_parse (LoketJsonProblems *problems,
                  const char        *text,
                  gsize              length,
                  gsize              max_size,
                  guint              max_depth)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) path = NULL;
  Scanner s = { 0, };

  g_return_val_if_fail (problems != NULL && problems->problems != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0, NULL);

  if (length > max_size)
    {
      /* Numbers go in as text: xgettext cannot see through G_GSIZE_FORMAT. */
      g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_size);

      /* Translators: both %s are sizes in bytes. */
      loket_json_problem (problems, "$", _("the file is too large (%s bytes; at most %s)"), size,
                          limit);
      return NULL;
    }

  path = g_string_new ("$");
  s.problems = problems;
  s.text = text;
  s.length = length;
  s.line = 1;
  s.max_depth = max_depth;
  s.path = path;

  scanner_skip_space (&s);
  if (s.pos >= s.length)
    {
      loket_json_problem (problems, "$", _("the file is empty"));
      return NULL;
    }
  if (scanner_value (&s))
    {
      scanner_skip_space (&s);
      if (s.pos < s.length)
        scanner_fail (&s, _("there is more text after the end of the JSON value"));
    }
  if (s.stopped || s.dirty)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) length, &error))
    {
      /* The scanner is stricter than json-glib, so this should not happen; if it does,
       * json-glib's message carries the line and column. */
      loket_json_problem (problems, "$", "%s", error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      loket_json_problem (problems, "$", _("the file is empty"));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}
