/* loket-ctl.h — what the command groups of `loketctl` share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "config/loket-config.h"
#include "outbox/loket-outbox.h"

G_BEGIN_DECLS

typedef struct _LoketCtl LoketCtl;

/* A command runs with argv[0] = its own name and returns the process exit code:
 * 0 on success, 1 with one clear message on stderr (loket_ctl_fail). */
typedef int (*LoketCtlRunFunc) (LoketCtl  *ctl,
                                int        argc,
                                char     **argv);

typedef struct {
  const char      *name;
  const char      *usage;     /* the arguments, untranslated: they are typed as they are */
  const char      *summary;   /* N_() */
  LoketCtlRunFunc  run;
} LoketCtlCommand;

LoketCtl    *loket_ctl_new          (const char  *config_path);
void         loket_ctl_free         (LoketCtl    *ctl);
const char  *loket_ctl_config_path  (LoketCtl    *ctl);
/* Reads the configuration (once); run as root, then becomes the owner of its state folder
 * (loket_ctl_become_state_owner). */
LoketConfig *loket_ctl_get_config   (LoketCtl    *ctl,
                                     GError     **error);
/* Run as root on a state folder owned by another user: becomes that user (groups, gid,
 * uid) for good. Does nothing otherwise. FALSE when the switch fails. */
gboolean     loket_ctl_become_state_owner (LoketConfig  *config,
                                           GError      **error);
/* The configuration's outbox, opened with flags; with need_key, also its key must be usable
 * (to read or write the citizens' data). NULL with *status set (the message printed). */
LoketOutbox *loket_ctl_open_outbox  (LoketCtl              *ctl,
                                     LoketOutboxOpenFlags   flags,
                                     gboolean               need_key,
                                     int                   *status);
int          loket_ctl_fail         (const char  *format,
                                     ...) G_GNUC_PRINTF (1, 2);
int          loket_ctl_fail_error   (const GError *error);
int          loket_ctl_usage        (const LoketCtlCommand *command);
/* Who acts, as an audit line names them: "loketctl (USER)", the sudo user when there is one. */
char        *loket_ctl_actor        (void);
/* text on out from column indent (the caller has written what comes before it), wrapped
 * between words to lines of at most width characters (a longer word stands alone), the next
 * lines indented by indent spaces; ends the line. */
void         loket_ctl_print_wrapped (FILE       *out,
                                      guint       indent,
                                      guint       width,
                                      const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketCtl, loket_ctl_free)

/* Command groups, one file each (app/ctl/ctl-*.c). */
int loket_ctl_check_config (LoketCtl *ctl, int argc, char **argv);
/* check-config --online (ctl-config-online.c): a line per problem appended; their number. */
guint loket_ctl_check_online (LoketConfig *config, GPtrArray *problems);
int loket_ctl_catalog_validate (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_catalog_dump (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_catalog_pot (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_catalog_compile (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_list (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_show (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_retry (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_cancel (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_give_up (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_purge (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_deliver (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_pubkey (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_export (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_outbox_import (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_agencies_ping (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_agencies_release (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_track (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_submit (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_receipt_render (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_receipt_print (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_staff_add (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_staff_remove (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_staff_list (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_staff_unlock (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_audit_verify (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_audit_show (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_offer_list (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_offer_off (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_offer_on (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_settings_show (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_settings_set (LoketCtl *ctl, int argc, char **argv);
int loket_ctl_settings_unset (LoketCtl *ctl, int argc, char **argv);

G_END_DECLS
