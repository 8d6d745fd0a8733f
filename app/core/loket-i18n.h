/* loket-i18n.h — text domains and the citizen's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

/* A string of the service catalog, translated through its own text domain. */
#define C_CATALOG(s) loket_catalog_gettext (s)

void        loket_i18n_init               (void);
const char *loket_i18n_localedir          (void);
void        loket_i18n_bind_catalog       (const char *catalog_localedir);
const char *loket_catalog_gettext         (const char *msgid);

void        loket_i18n_set_language       (const char *language);
const char *loket_i18n_get_language       (void);

G_END_DECLS
