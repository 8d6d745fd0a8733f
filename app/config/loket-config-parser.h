/* loket-config-parser.h — what the line scanner (loket-config-parse.c) and the value readers
 * (loket-config-readers.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "loket-config-private.h"

G_BEGIN_DECLS

typedef enum {
  GROUP_NONE,      /* before the first group */
  GROUP_SKIP,      /* an unknown or repeated group: its keys were not asked for */
  GROUP_KIOSK,
  GROUP_TRACKING,
  GROUP_PRINTER,
  GROUP_ADMIN,
  GROUP_TRACK_WEB,
  GROUP_METRICS,
  GROUP_HELP,
  GROUP_SPEECH,
  GROUP_AGENCY,
} GroupKind;

typedef enum {
  VALUE_TEXT,
  VALUE_KIOSK_ID,
  VALUE_LANGUAGES,
  VALUE_LANGUAGE,
  VALUE_SECONDS,
  VALUE_DAYS,
  VALUE_PORT,
  VALUE_BOOLEAN,
  VALUE_ENUM,
  VALUE_PATH,          /* relative to the file's folder */
  VALUE_DEVICE,        /* an absolute path */
  VALUE_HOST,
  VALUE_URL,           /* an agency's https:// URL: checked with its whole group */
  VALUE_TRACKING_URL,
  VALUE_PINNED_KEY,
  VALUE_XROAD_CLIENT,
  VALUE_XROAD_SERVICE,
  VALUE_COUNT,         /* a whole number within min and max */
  VALUE_LISTEN,        /* ADDRESS:PORT, an IP address ([::1]:8080 for IPv6) */
  VALUE_PATH_PREFIX,   /* a URL path that begins and ends with '/' */
  VALUE_ADDRESSES,     /* ';'-separated IP addresses or ADDRESS/BITS masks */
} ValueKind;

typedef LoketConfigChoice Choice;

typedef struct {
  GroupKind      group;
  const char    *name;
  ValueKind      kind;
  gsize          offset;      /* in LoketConfig, or in LoketAgencyConfig for GROUP_AGENCY */
  guint          min;
  guint          max;
  const Choice  *choices;
  gboolean       allow_empty;
} KeySpec;

typedef struct {
  const char        *path;          /* as given: messages show it so */
  char              *base_dir;      /* absolute: relative paths resolve against it */
  LoketConfig       *config;
  GArray            *problems;      /* of LoketConfigProblem */

  GroupKind          group;
  char              *group_label;   /* "kiosk", "agency dukcapil" */
  LoketAgencyConfig *agency;        /* the current [agency ID], owned by config */
} Parser;

/* Records a problem of the file: "FILE:LINE: [group] key: what". */
void        config_report      (Parser           *parser,
                                guint             line,
                                const char       *group,
                                const char       *key,
                                LoketConfigError  code,
                                const char       *format,
                                ...) G_GNUC_PRINTF (6, 7);

/* candidate when it is close enough to typed to be what was meant and closer than
 * *best_distance (which it then updates), else best. */
const char *config_nearest     (const char       *typed,
                                const char       *candidate,
                                const char       *best,
                                guint            *best_distance);

/* Reads one value into its place; reports and leaves the default on a bad value. */
void        config_parse_value (Parser           *parser,
                                guint             line,
                                const KeySpec    *spec,
                                const char       *value);

G_END_DECLS
