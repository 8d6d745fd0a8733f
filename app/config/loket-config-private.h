/* loket-config-private.h — what the files of app/config share, and nobody else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "loket-config.h"

G_BEGIN_DECLS

#define LOKET_CONFIG_MAX_FILE_SIZE (1024 * 1024)
#define LOKET_CONFIG_MAX_LINE_LENGTH 4096
#define LOKET_CONFIG_MAX_KIOSK_ID_LENGTH 64

/* Separates a group from a key in the table of lines: it cannot occur in either. */
#define LOKET_CONFIG_LINE_KEY_SEPARATOR "\037"

/* A problem and the line it is on, so that problems found at the end of the file can be
 * put back in file order. */
typedef struct {
  guint   line;
  GError *error;
} LoketConfigProblem;

/* One value of a key that picks a variant (loket-config-choices.c). */
typedef struct {
  const char *name;        /* its spelling in the file */
  int         value;       /* its enum value */
  const char *needs[4];    /* the keys of the same group it needs, up to a NULL */
} LoketConfigChoice;

/* Each ends with a line whose name is NULL. */
extern const LoketConfigChoice loket_config_printer_backends[];
extern const LoketConfigChoice loket_config_paper_widths[];
extern const LoketConfigChoice loket_config_agency_profiles[];

/* The line of choices for value, or NULL. */
const LoketConfigChoice *loket_config_choice_find (const LoketConfigChoice *choices,
                                                   int                      value);

/* Whether the text key of the group (an agency's when agency is not NULL, else the
 * kiosk's) has a value, given in the file or by default (loket-config-parse.c). */
gboolean  loket_config_text_is_set       (const LoketConfig       *config,
                                          const LoketAgencyConfig *agency,
                                          const char              *key);

void      loket_agency_config_free        (LoketAgencyConfig *agency);

/* Appends a LoketConfigProblem whose message is built by loket_config_problem_new(). */
void      loket_config_add_problem        (GArray            *problems,
                                           const char        *path,
                                           guint              line,
                                           const char        *group,
                                           const char        *key,
                                           LoketConfigError   code,
                                           const char        *what);

/* The rules that need the whole file (loket-config-rules.c). */
void      loket_config_check_rules        (LoketConfig       *config,
                                           GArray            *problems);

/* The key of LoketConfig.lines: the group alone, or the group and a key. */
char     *loket_config_line_key           (const char        *group,
                                           const char        *key);

/* "FILE:LINE: [group] key: what"; line 0, group NULL and key NULL leave their part out. */
GError   *loket_config_problem_new        (const char        *path,
                                           guint              line,
                                           const char        *group,
                                           const char        *key,
                                           LoketConfigError   code,
                                           const char        *what);

guint     loket_config_edit_distance      (const char        *a,
                                           const char        *b);

gboolean  loket_config_is_agency_id       (const char        *id);
gboolean  loket_config_is_language_code   (const char        *code);
gboolean  loket_config_is_kiosk_id        (const char        *id);
gboolean  loket_config_is_host            (const char        *host);
gboolean  loket_config_has_space          (const char        *text);
gboolean  loket_config_is_pinned_key      (const char        *value);
char     *loket_config_normalize_pinned_key (const char      *value);
gboolean  loket_config_is_xroad_id        (const char        *value,
                                           guint              min_parts,
                                           guint              max_parts);
gboolean  loket_config_is_loopback_host   (const char        *host);
gboolean  loket_config_is_listen_address  (const char        *value);
gboolean  loket_config_is_address_mask    (const char        *value);

G_END_DECLS
