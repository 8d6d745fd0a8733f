/* loket-json-private.h — what the scanner (loket-json-scanner.c) shares with loket-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends ".member", or ["member"] with JSON escapes when it is not a plain word. */
void loket_json_path_append (GString    *path,
                             const char *member);

G_END_DECLS
