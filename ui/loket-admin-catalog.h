/* loket-admin-catalog.h — admin mode's Reload the catalog from its folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog folder (`[kiosk] catalog`) is read and validated in a worker thread, as
 * `loketctl catalog validate` does. Only a valid catalog is swapped in, and only while no
 * citizen is at the kiosk (admin mode, reached from Welcome; Exit then shows the new one).
 * Otherwise the old one stays and every problem is shown, each with its file and JSON path.
 *
 * Translations: glibc never reads a .mo file again at a path it has already bound, so the
 * new catalog's compiled translations are copied into a fresh folder (one per reload, under
 * the temporary folder) and the catalog's text domain is bound there; the copy of the
 * reload before is removed.
 *
 * Action: catalog.reload. Audit line: "catalog-reload", target "ok" or "refused".
 */
#pragma once

#include <gtk/gtk.h>

#include "loket-admin-mode.h"
#include "loket-session.h"

G_BEGIN_DECLS

#define LOKET_AUDIT_CATALOG_RELOAD "catalog-reload"

#define LOKET_TYPE_ADMIN_CATALOG (loket_admin_catalog_get_type ())
G_DECLARE_FINAL_TYPE (LoketAdminCatalog, loket_admin_catalog, LOKET, ADMIN_CATALOG, GtkBox)

GtkWidget  *loket_admin_catalog_new        (LoketSession      *session,
                                            LoketAdminMode    *mode);
gboolean    loket_admin_catalog_is_busy    (LoketAdminCatalog *self);
/* What the last reload said (a success, or the problems), or NULL. */
const char *loket_admin_catalog_get_result (LoketAdminCatalog *self);
/* How many reloads were swapped in. */
guint       loket_admin_catalog_get_swaps  (LoketAdminCatalog *self);

G_END_DECLS
