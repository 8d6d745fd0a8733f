/* loket-qr-image.h — a QR code on screen, crisp enough for a phone at arm's length
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LOKET_TYPE_QR_IMAGE (loket_qr_image_get_type ())
G_DECLARE_FINAL_TYPE (LoketQrImage, loket_qr_image, LOKET, QR_IMAGE, GtkWidget)

GtkWidget   *loket_qr_image_new          (void);

void         loket_qr_image_set_payload  (LoketQrImage *self,
                                          const char   *payload);
const char  *loket_qr_image_get_payload  (LoketQrImage *self);
/* Modules per side, quiet zone included (0 without a payload or when it does not encode). */
guint        loket_qr_image_get_n_modules (LoketQrImage *self);

/* The code as a texture of module_px pixels per module, black on white, with a quiet zone
 * of 4 modules; NULL without a payload. The widget draws exactly this at the largest whole
 * module size that fits, so no module is ever blurred by scaling. */
GdkTexture  *loket_qr_image_render       (LoketQrImage *self,
                                          guint         module_px);

G_END_DECLS
