/* loket-qr-image.c — a QR code on screen, crisp enough for a phone at arm's length
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A phone camera reads a QR from a screen when the modules are sharp squares with strong
 * contrast and a white margin around them. So the widget never scales a bitmap: it draws a
 * texture made at a whole number of pixels per module, the largest that fits, centred on
 * white, with the 4-module quiet zone the standard asks for. Error correction M, as on the
 * printed receipt.
 */
#define G_LOG_DOMAIN "loket-qr-image"

#include "config.h"

#include <math.h>
#include <string.h>

#include <qrencode.h>

#include "loket-qr-image.h"

#define QUIET_ZONE 4

struct _LoketQrImage
{
  GtkWidget    parent_instance;

  char        *payload;
  QRcode      *code;
  GdkTexture  *texture;       /* at texture_px pixels per module */
  guint        texture_px;
};

G_DEFINE_FINAL_TYPE (LoketQrImage, loket_qr_image, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAYLOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
loket_qr_image_new (void)
{
  return g_object_new (LOKET_TYPE_QR_IMAGE, NULL);
}

guint
loket_qr_image_get_n_modules (LoketQrImage *self)
{
  g_return_val_if_fail (LOKET_IS_QR_IMAGE (self), 0);

  return self->code != NULL ? (guint) self->code->width + 2 * QUIET_ZONE : 0;
}

GdkTexture *
loket_qr_image_render (LoketQrImage *self,
                       guint         module_px)
{
  g_autoptr(GBytes) bytes = NULL;
  guint n, side, stride;
  guchar *pixels;

  g_return_val_if_fail (LOKET_IS_QR_IMAGE (self), NULL);
  g_return_val_if_fail (module_px > 0 && module_px <= 64, NULL);

  if (self->code == NULL)
    return NULL;

  n = loket_qr_image_get_n_modules (self);
  side = n * module_px;
  stride = side * 3;   /* RGB, one byte each */
  pixels = g_malloc (side * side * 3);
  memset (pixels, 0xff, side * side * 3);

  for (int y = 0; y < self->code->width; y++)
    for (int x = 0; x < self->code->width; x++)
      {
        /* libqrencode: bit 0 of each byte is the module's colour (1 = dark). */
        if ((self->code->data[y * self->code->width + x] & 1) == 0)
          continue;

        for (guint dy = 0; dy < module_px; dy++)
          {
            guint row = (y + QUIET_ZONE) * module_px + dy;
            guchar *p = pixels + row * stride + (x + QUIET_ZONE) * module_px * 3;

            memset (p, 0, module_px * 3);
          }
      }

  bytes = g_bytes_new_take (pixels, side * side * 3);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, bytes, stride);
}

static void
loket_qr_image_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LoketQrImage *self = LOKET_QR_IMAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n = loket_qr_image_get_n_modules (self);
  guint module_px, side;
  int scale = gtk_widget_get_scale_factor (widget);
  float x, y;

  if (n == 0)
    return;

  /* Whole device pixels per module: a fractional size would blur every edge. */
  module_px = MAX (1, (guint) (MIN (width, height) * scale) / n);
  module_px = MIN (module_px, 64);
  if (self->texture == NULL || self->texture_px != module_px)
    {
      g_clear_object (&self->texture);
      self->texture = loket_qr_image_render (self, module_px);
      self->texture_px = module_px;
    }

  side = n * module_px;
  /* Centre on whole pixels, so the texture maps 1:1 onto the screen's pixels. */
  x = floorf ((width * scale - (int) side) / 2.0f) / scale;
  y = floorf ((height * scale - (int) side) / 2.0f) / scale;
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (x, y, (float) side / scale,
                                                    (float) side / scale));
}

static void
loket_qr_image_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  LoketQrImage *self = LOKET_QR_IMAGE (widget);
  guint n = loket_qr_image_get_n_modules (self);

  /* At least 4 px a module; about 8 px a module is what a phone reads from a step away. */
  *minimum = n * 4;
  *natural = n * 8;
}

void
loket_qr_image_set_payload (LoketQrImage *self,
                            const char   *payload)
{
  g_return_if_fail (LOKET_IS_QR_IMAGE (self));

  if (g_strcmp0 (self->payload, payload) == 0)
    return;

  g_free (self->payload);
  self->payload = g_strdup (payload);
  g_clear_pointer (&self->code, QRcode_free);
  g_clear_object (&self->texture);
  if (payload != NULL && *payload != '\0')
    {
      self->code = QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (self->code == NULL)
        g_warning ("The tracking QR could not be encoded (%zu bytes)", strlen (payload));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  payload != NULL ? payload : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYLOAD]);
}

const char *
loket_qr_image_get_payload (LoketQrImage *self)
{
  g_return_val_if_fail (LOKET_IS_QR_IMAGE (self), NULL);
  return self->payload;
}

static void
loket_qr_image_finalize (GObject *object)
{
  LoketQrImage *self = LOKET_QR_IMAGE (object);

  g_clear_pointer (&self->code, QRcode_free);
  g_clear_object (&self->texture);
  g_free (self->payload);

  G_OBJECT_CLASS (loket_qr_image_parent_class)->finalize (object);
}

static void
loket_qr_image_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PAYLOAD:
      g_value_set_string (value, LOKET_QR_IMAGE (object)->payload);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_qr_image_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PAYLOAD:
      loket_qr_image_set_payload (LOKET_QR_IMAGE (object), g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_qr_image_class_init (LoketQrImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = loket_qr_image_finalize;
  object_class->get_property = loket_qr_image_get_property;
  object_class->set_property = loket_qr_image_set_property;
  widget_class->snapshot = loket_qr_image_snapshot;
  widget_class->measure = loket_qr_image_measure;

  properties[PROP_PAYLOAD] =
    g_param_spec_string ("payload", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "loketqrimage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
loket_qr_image_init (LoketQrImage *self)
{
}
