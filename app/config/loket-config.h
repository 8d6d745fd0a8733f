/* loket-config.h — the kiosk's configuration file (every key: data/loket.conf.example)
 *
 * The file is scanned line by line (not with GKeyFile) so that every problem names the
 * file, the line, the group and the key: "loket.conf:7: [kiosk] idle-timeout: 'soon' is
 * not a whole number of seconds". data/loket.conf.example documents every key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_CONFIG_ERROR (loket_config_error_quark ())

typedef enum {
  LOKET_CONFIG_ERROR_IO,          /* the file cannot be read */
  LOKET_CONFIG_ERROR_SYNTAX,      /* a line that is neither a group, a key = value, nor a comment */
  LOKET_CONFIG_ERROR_UNKNOWN,     /* an unknown group or key */
  LOKET_CONFIG_ERROR_DUPLICATE,   /* a group or key given twice */
  LOKET_CONFIG_ERROR_BAD_VALUE,   /* a value of the wrong kind or out of range */
  LOKET_CONFIG_ERROR_MISSING,     /* a required key is absent */
  LOKET_CONFIG_ERROR_ENCODING,    /* a line that is not UTF-8 */
} LoketConfigError;

GQuark loket_config_error_quark (void);

typedef enum {
  LOKET_AGENCY_PROFILE_PLAIN,
  LOKET_AGENCY_PROFILE_OAUTH2,
  LOKET_AGENCY_PROFILE_XROAD,
} LoketAgencyProfile;

typedef enum {
  LOKET_PRINTER_NONE,
  LOKET_PRINTER_PDF,
  LOKET_PRINTER_CUPS,
  LOKET_PRINTER_ESCPOS_DEVICE,
  LOKET_PRINTER_ESCPOS_TCP,
} LoketPrinterBackend;

typedef enum {
  LOKET_PAPER_58MM,
  LOKET_PAPER_80MM,
  LOKET_PAPER_A4,
} LoketPaperWidth;

/* One [agency ID] group. Paths are absolute (resolved against the file's folder). */
typedef struct {
  char               *id;
  char               *url;                 /* the base URL, without a trailing slash */
  LoketAgencyProfile  profile;
  char               *ca_file;
  char               *client_cert;
  char               *client_key;
  char               *pinned_key;          /* curl's "sha256//base64" form */
  char               *token_file;
  char               *track_token_file;    /* loket-track's read-only token, or NULL */
  guint               timeout;             /* seconds, for a whole request */
  char               *token_url;
  char               *client_id;
  char               *client_secret_file;
  char               *scope;
  char               *xroad_client;
  char               *xroad_service;
  gboolean            allow_plain_http;    /* http:// to a host that is not loopback */
} LoketAgencyConfig;

/* Read-only after loading; shared by reference. Paths are absolute. */
typedef struct {
  char                *path;               /* the file it came from, NULL for defaults */

  /* [kiosk] */
  char                *kiosk_id;
  char                *site;
  char               **languages;          /* NULL-terminated, at least one */
  char                *default_language;
  guint                idle_timeout;       /* seconds */
  char                *catalog_dir;
  char                *state_dir;
  char                *key_file;
  guint                pii_max_days;
  guint                retention_days;

  /* [tracking] */
  char                *tracking_url;       /* template with {code}, or NULL */

  /* [printer] */
  LoketPrinterBackend  printer_backend;
  char                *printer_queue;
  char                *printer_device;
  char                *printer_host;
  guint                printer_port;
  LoketPaperWidth      printer_width;
  char                *printer_folder;
  gboolean             printer_native_qr;   /* escpos-*: the printer draws the QR (GS ( k) */

  /* [admin] */
  char                *admin_pin_file;

  /* [track-web]: loket-track, the tracking page for phones */
  char                *track_listen;          /* ADDRESS:PORT */
  char                *track_path_prefix;     /* "/" or "/loket/": begins and ends with '/' */
  guint                track_cache_seconds;
  guint                track_agency_timeout;  /* seconds */
  guint                track_rate_limit;      /* requests a minute per client */
  guint                track_rate_burst;
  guint                track_max_agency_calls; /* at once, over all requests */
  char               **track_trusted_proxies; /* addresses or ADDRESS/BITS, NULL-terminated */
  /* [metrics] */
  char                *metrics_folder;     /* node_exporter's textfile folder, or NULL */
  /* [help]: where the Help button calls staff (app/net/loket-help.h), or NULL */
  char                *help_url;
  char                *help_token_file;

  /* [speech]: the speech mode (espeak-ng) */
  gboolean             speech_enabled;      /* the Listen toggle is offered */
  char                *speech_device;       /* pcaudiolib's device, NULL: the default */
  guint                speech_rate;         /* words a minute, 80 to 450 */
  guint                speech_volume;       /* 0 to 200, 100 normal */
  gboolean             speech_private;      /* headphones: typed values may be spoken */

  /* [agency ID], in file order */
  GPtrArray           *agencies;           /* of LoketAgencyConfig* */

  /*< private >*/
  gatomicrefcount      ref_count;
  GHashTable          *lines;              /* "group\037key" -> line, for later messages */
  char                *local_path;         /* the state dir's local.conf, when it was read */
  GHashTable          *local_lines;        /* "group\037key" -> its line in local.conf */
  GPtrArray           *local_problems;     /* of GError*: local.conf's values left unused */
} LoketConfig;

LoketConfig             *loket_config_new_default (void);
LoketConfig             *loket_config_load        (const char   *path,
                                                   GError      **error);
LoketConfig             *loket_config_ref         (LoketConfig  *self);
void                     loket_config_unref       (LoketConfig  *self);
const LoketAgencyConfig *loket_config_get_agency  (LoketConfig  *self,
                                                   const char   *agency_id);

/* Like loket_config_load(), and when problems is not NULL it is set to every problem
 * found, in file order (a GPtrArray of GError*, empty when the file is good); error
 * carries the first. */
LoketConfig             *loket_config_load_full   (const char   *path,
                                                   GPtrArray   **problems,
                                                   GError      **error);

/* The same for a file already in memory. path names it in messages, and relative paths
 * resolve against its folder. */
LoketConfig             *loket_config_load_from_data (const char   *data,
                                                      gsize         length,
                                                      const char   *path,
                                                      GPtrArray   **problems,
                                                      GError      **error);

/* What only the machine can tell (for `loketctl check-config`): appends to problems a
 * state-dir that cannot be created, and to warnings a key, secret or referenced file that
 * is missing or readable by other users. Both are GPtrArrays of GError*; messages name
 * the file and line as loading does. Returns FALSE when it appended a problem. */
gboolean                 loket_config_check_files (LoketConfig  *self,
                                                   GPtrArray    *problems,
                                                   GPtrArray    *warnings);

/* The line of the file where group ("kiosk", "agency dukcapil") set key, or 0 when the
 * key took its default. */
guint                    loket_config_get_line    (LoketConfig  *self,
                                                   const char   *group,
                                                   const char   *key);

/* Staff's settings (loket-local-conf.c): `local.conf` in the state dir, written by admin mode
 * and `loketctl settings`, never the fleet's file. Only these keys of [kiosk] may be there:
 * default-language (one of the languages offered) and idle-timeout (within the bounds the
 * fleet's file has). loket_config_load_full () reads it after the fleet's file; a value that
 * is not allowed is left unused and kept in local_problems (check-config warns of it). */
#define LOKET_LOCAL_CONF_FILE_NAME "local.conf"

/* The [kiosk] keys staff may set, NULL-terminated. */
const char * const      *loket_local_conf_keys    (void);
/* Whether value may be staff's setting of key for this configuration; error says why not. */
gboolean                 loket_local_conf_check   (LoketConfig  *self,
                                                   const char   *key,
                                                   const char   *value,
                                                   GError      **error);
/* Writes key = value (value NULL: removes the key) into state_dir's local.conf, keeping its
 * other keys, atomically and fsynced. Checks the value first. File I/O: off the main loop. */
gboolean                 loket_local_conf_set     (LoketConfig  *self,
                                                   const char   *key,
                                                   const char   *value,
                                                   GError      **error);
/* Reads local.conf into self (at load time, before self is shared). */
void                     loket_local_conf_apply   (LoketConfig  *self);
/* Puts a checked value into self in memory, so the running kiosk follows it (value NULL: the
 * fleet's value, given as fleet_value). Only default-language and idle-timeout, which only the
 * main thread reads: call it there. */
void                     loket_local_conf_use     (LoketConfig  *self,
                                                   const char   *key,
                                                   const char   *value);
/* The line of local.conf that set [kiosk] key, or 0 when the value is not staff's. */
guint                    loket_local_conf_get_line (LoketConfig *self,
                                                    const char  *key);
/* What the value of [kiosk] key is now, as text ("90", "id"). */
char                    *loket_local_conf_dup_value (LoketConfig *self,
                                                     const char  *key);
/* The bounds of a number key of [kiosk] (idle-timeout), from the table of keys. */
gboolean                 loket_config_kiosk_key_bounds (const char *key,
                                                        guint      *min,
                                                        guint      *max);

const char              *loket_agency_profile_to_string  (LoketAgencyProfile  profile);
const char              *loket_printer_backend_to_string (LoketPrinterBackend backend);
const char              *loket_paper_width_to_string     (LoketPaperWidth     width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketConfig, loket_config_unref)

G_END_DECLS
