/* loket-json.h — reading JSON that nobody vouches for: catalogs, agency answers, requests
 *
 * json-glib 1.6 keeps the last of duplicate members, accepts single quotes and hex numbers,
 * wraps integers that do not fit and crashes on very deep nesting (DEBIAN12.md). So every
 * text first goes through a strict scanner of our own (size and nesting caps, RFC 8259
 * grammar, duplicate members, integer range); json-glib only parses what passed it.
 *
 * Problems are collected, not thrown: each is one string "FILE: JSON-PATH: what is wrong",
 * so a person can fix them all in one go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LOKET_JSON_MAX_SIZE  (4 * 1024 * 1024)
#define LOKET_JSON_MAX_DEPTH 32

/* Where problems go. Callers keep one on the stack per text they read. */
typedef struct _LoketJsonProblems {
  const char *file;       /* how problems name the text, e.g. "services.json" */
  GPtrArray  *problems;   /* of char*, owned by the caller (g_free) */
} LoketJsonProblems;

typedef enum {
  LOKET_JSON_OPTIONAL  = 0,
  LOKET_JSON_REQUIRED  = 1 << 0,   /* absent is a problem */
  LOKET_JSON_NON_EMPTY = 1 << 1,   /* strings, arrays: "" or [] is a problem */
} LoketJsonFlags;

void        loket_json_problem            (LoketJsonProblems  *problems,
                                           const char         *path,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (3, 4);

/* Checks text (size, nesting, strict grammar, duplicate members, integer range) and parses
 * it. Returns the root, or NULL when a problem was recorded; duplicate members and integers
 * out of range are recorded too, and then the text is not parsed either. */
JsonNode   *loket_json_parse              (LoketJsonProblems  *problems,
                                           const char         *text,
                                           gsize               length,
                                           gsize               max_size,
                                           guint               max_depth);

/* "$.services" + "id" -> "$.services.id"; names that are not plain words are quoted. */
char       *loket_json_path_member        (const char         *path,
                                           const char         *member);
/* "$.services" + 3 -> "$.services[3]" */
char       *loket_json_path_index         (const char         *path,
                                           guint               index);

/* A short English description of what a node is, for messages: "a string", "an array". */
const char *loket_json_node_kind          (JsonNode           *node);

/* Records every member of object not in known (NULL-terminated) as unknown, except
 * members starting with "x-" or "_comment". Returns TRUE when there was none. */
gboolean    loket_json_check_members      (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char * const *known);

/* Typed members. Each returns FALSE after recording a problem when the member is of the
 * wrong type (or absent with LOKET_JSON_REQUIRED, or empty with LOKET_JSON_NON_EMPTY);
 * an absent optional member leaves *value untouched and returns TRUE. */
gboolean    loket_json_get_string         (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char         *member,
                                           LoketJsonFlags      flags,
                                           const char        **value);
gboolean    loket_json_get_boolean        (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char         *member,
                                           LoketJsonFlags      flags,
                                           gboolean           *value);
/* A whole number within [min, max]. */
gboolean    loket_json_get_int            (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char         *member,
                                           LoketJsonFlags      flags,
                                           gint64              min,
                                           gint64              max,
                                           gint64             *value);
gboolean    loket_json_get_double         (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char         *member,
                                           LoketJsonFlags      flags,
                                           double             *value);
gboolean    loket_json_get_array          (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char         *member,
                                           LoketJsonFlags      flags,
                                           JsonArray         **value);
gboolean    loket_json_get_object         (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char         *member,
                                           LoketJsonFlags      flags,
                                           JsonObject        **value);
/* An array of non-empty strings; *value is a new GStrv (NULL when absent). */
gboolean    loket_json_get_strv           (LoketJsonProblems  *problems,
                                           JsonObject         *object,
                                           const char         *path,
                                           const char         *member,
                                           LoketJsonFlags      flags,
                                           GStrv              *value);

G_END_DECLS
