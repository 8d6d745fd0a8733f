/* print-test-util.c — a stored request and decoding tools for the receipt tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <glib/gstdio.h>

#include "core/loket-tracking-code.h"
#include "print-test-util.h"
#include "test-tree.h"

static GBytes *
personal_body (const char *service)
{
  return g_bytes_new_take (g_strdup_printf ("{\"service\":\"%s\",\"data\":{\"applicant.name\":\"%s\","
                                            "\"applicant.nik\":\"%s\"}}", service, TEST_NAME,
                                            TEST_NIK), 0);
}

static gint64
test_created_at (void)
{
  g_autoptr(GTimeZone) jakarta = g_time_zone_new_identifier ("Asia/Jakarta");
  g_autoptr(GDateTime) when = g_date_time_new (jakarta, 2026, 11, 27, 10, 0, 0);

  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static const char *
agency_of (const char *service)
{
  if (g_str_equal (service, "bpjs-newborn"))
    return "bpjs-kesehatan";
  if (g_str_equal (service, "signboard"))
    return "dpmptsp";
  if (g_str_equal (service, "vehicle-tax"))
    return "samsat";
  return "dukcapil";
}

char *
print_test_store (PrintTestEnv       *env,
                  const char * const *services)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n = g_strv_length ((GStrv) services);
  g_autofree LoketOutboxPartSpec *parts = g_new0 (LoketOutboxPartSpec, n);
  char *code = loket_tracking_code_generate ();
  LoketOutboxRequestSpec spec = {
    .tracking_code = code,
    .language = "en",
    .created_at = test_created_at (),
    .parts = parts,
    .n_parts = n,
  };

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (ids, g_uuid_string_random ());
      g_ptr_array_add (bodies, personal_body (services[i]));
      parts[i].part_id = g_ptr_array_index (ids, i);
      parts[i].service = services[i];
      parts[i].agency = agency_of (services[i]);
      parts[i].body = g_ptr_array_index (bodies, i);
      if (g_str_equal (services[i], "kk-update") &&
          g_strv_contains (services, "birth-certificate"))
        {
          parts[i].after = "birth-certificate";
          parts[i].inputs = "{\"applicant.nik\":\"child_nik\"}";
        }
    }

  g_assert_true (loket_outbox_store_request (env->outbox, &spec, &error));
  g_assert_no_error (error);
  return code;
}

void
print_test_env_init (PrintTestEnv *env)
{
  static const char * const services[] = {
    "birth-certificate", "kk-update", "bpjs-newborn", "signboard", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(LoketOutboxRequest) request = NULL;
  g_autofree char *catalog_dir = g_build_filename (LOKET_TEST_SRCDIR, "print", "catalog", NULL);
  guint8 key[32];

  memset (env, 0, sizeof *env);
  env->dir = g_dir_make_tmp ("loket-print-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < sizeof key; i++)
    key[i] = (guint8) g_random_int_range (0, 256);
  env->key_file = g_build_filename (env->dir, "outbox.key", NULL);
  g_assert_true (g_file_set_contents_full (env->key_file, (const char *) key, sizeof key,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);

  env->catalog = loket_catalog_load (catalog_dir, NULL, &error);
  g_assert_no_error (error);

  env->outbox = loket_outbox_open (env->dir, env->key_file, 0, &error);
  g_assert_no_error (error);

  env->code = print_test_store (env, services);
  request = loket_outbox_get_request (env->outbox, env->code, &error);
  g_assert_no_error (error);
  env->part_ids = g_new0 (char *, request->parts->len + 1);
  for (guint i = 0; i < request->parts->len; i++)
    env->part_ids[i] = g_strdup (((LoketOutboxPart *) g_ptr_array_index (request->parts, i))->part_id);

  /* Move the parts into the states a receipt must tell apart. */
  claimed = loket_outbox_claim_due (env->outbox, "print-test", 60 * G_USEC_PER_SEC, 10, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < claimed->len; i++)
    {
      LoketOutboxPart *part = g_ptr_array_index (claimed, i);
      LoketOutboxResult result = { 0 };

      if (g_str_equal (part->service, "birth-certificate"))
        {
          result.outcome = LOKET_OUTBOX_OUTCOME_DELIVERED;
          result.http_status = 201;
          result.reference = TEST_REFERENCE;
        }
      else if (g_str_equal (part->service, "bpjs-newborn"))
        {
          result.outcome = LOKET_OUTBOX_OUTCOME_REJECTED;
          result.http_status = 422;
        }
      else
        {
          g_assert_true (loket_outbox_release (env->outbox, part->part_id, "print-test", &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_true (loket_outbox_record_outcome (env->outbox, part->part_id, "print-test",
                                                  &result, &error));
      g_assert_no_error (error);
    }
}

void
print_test_env_clear (PrintTestEnv *env)
{
  g_clear_pointer (&env->outbox, loket_outbox_close);
  g_clear_pointer (&env->catalog, loket_catalog_unref);
  g_clear_pointer (&env->part_ids, g_strfreev);
  g_clear_pointer (&env->code, g_free);
  if (env->dir != NULL)
    test_tree_remove (env->dir);
  g_clear_pointer (&env->dir, g_free);
  g_clear_pointer (&env->key_file, g_free);
}

LoketConfig *
print_test_config (PrintTestEnv *env,
                   gboolean      with_url,
                   const char   *printer_group)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *catalog_dir = g_build_filename (LOKET_TEST_SRCDIR, "print", "catalog", NULL);
  g_autofree char *path = g_build_filename (env->dir, "loket.conf", NULL);
  g_autofree char *text = g_strdup_printf ("[kiosk]\n"
                                           "id = kiosk-7\n"
                                           "site = " TEST_SITE "\n"
                                           "catalog = %s\n"
                                           "state-dir = %s\n"
                                           "key-file = %s\n"
                                           "%s"
                                           "%s%s",
                                           catalog_dir, env->dir, env->key_file,
                                           with_url ? "[tracking]\nurl = " TEST_URL "\n" : "",
                                           printer_group != NULL ? "[printer]\n" : "",
                                           printer_group != NULL ? printer_group : "");
  LoketConfig *config = loket_config_load_from_data (text, strlen (text), path, NULL, &error);

  g_assert_no_error (error);
  return config;
}

LoketReceipt *
print_test_receipt (PrintTestEnv *env,
                    LoketConfig  *config,
                    const char   *code,
                    const char   *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LoketOutboxRequest) request = loket_outbox_get_request (env->outbox, code, &error);
  LoketReceipt *receipt;

  g_assert_no_error (error);
  /* The rejected part of the standard request is the third. */
  if (g_str_equal (code, env->code))
    g_hash_table_insert (reasons, env->part_ids[2], (gpointer) TEST_REASON);
  receipt = loket_receipt_new (config, env->catalog, request, language, reasons, &error);
  g_assert_no_error (error);
  return receipt;
}

char *
print_test_write (PrintTestEnv *env,
                  const char   *name,
                  GBytes       *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (env->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return path;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s: %s", argv[0], err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

char *
print_test_decode_qr (const char *png_path)
{
  const char *argv[] = { "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                         png_path, NULL };
  char *out = run (argv);

  if (out != NULL)
    g_strchomp (out);
  return out;
}

char *
print_test_decode_pdf_qr (PrintTestEnv *env,
                          const char   *pdf_path)
{
  g_autofree char *prefix = g_strconcat (pdf_path, "-page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "300", "-png", "-singlefile", pdf_path, prefix, NULL };
  g_autofree char *out = run (argv);

  g_assert_nonnull (out);
  return print_test_decode_qr (png);
}

char *
print_test_squash (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n\f", -1);
  GString *squashed = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (squashed, "%s%s", squashed->len > 0 ? " " : "", words[i]);
  return g_string_free (squashed, FALSE);
}

char *
print_test_pdf_text (const char *pdf_path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf_path, "-", NULL };
  g_autofree char *out = run (argv);

  g_assert_nonnull (out);
  return print_test_squash (out);
}

/* ---- ESC/POS parsing ---- */

void
escpos_parse (GBytes      *bytes,
              EscposParse *parse)
{
  gsize size;
  const guint8 *d = g_bytes_get_data (bytes, &size);
  gsize i = 0;
  gboolean first = TRUE;

  memset (parse, 0, sizeof *parse);
  parse->raster = g_byte_array_new ();

  while (i < size)
    {
      gsize left = size - i;
      gboolean cut = FALSE;

      if (left >= 3 && d[i] == 0x10 && d[i + 1] == 0x04 && d[i + 2] >= 1 && d[i + 2] <= 4)
        {
          parse->n_status_queries++;
          i += 3;
          continue;
        }

      if (left >= 2 && d[i] == 0x1b && d[i + 1] == '@')
        {
          if (first)
            parse->starts_with_init = TRUE;
          i += 2;
        }
      else if (left >= 3 && d[i] == 0x1b && (d[i + 1] == 'a' || d[i + 1] == 'd'))
        i += 3;
      else if (left >= 8 && d[i] == 0x1d && d[i + 1] == 'v' && d[i + 2] == '0')
        {
          guint x = d[i + 4] | (d[i + 5] << 8);
          guint y = d[i + 6] | (d[i + 7] << 8);

          g_assert_cmpuint (d[i + 3], ==, 0);
          g_assert_cmpuint (left, >=, 8 + (gsize) x * y);
          if (parse->width_bytes == 0)
            parse->width_bytes = x;
          g_assert_cmpuint (x, ==, parse->width_bytes);
          g_byte_array_append (parse->raster, d + i + 8, x * y);
          parse->rows += y;
          i += 8 + (gsize) x * y;
        }
      else if (left >= 5 && d[i] == 0x1d && d[i + 1] == '(' && d[i + 2] == 'k')
        {
          gsize n = d[i + 3] | (d[i + 4] << 8);

          g_assert_cmpuint (left, >=, 5 + n);
          g_assert_cmpuint (n, >=, 3);
          g_assert_cmpuint (d[i + 5], ==, '1');
          if (d[i + 6] == 'P')
            {
              g_free (parse->native_qr);
              parse->native_qr = g_strndup ((const char *) d + i + 8, n - 3);
            }
          i += 5 + n;
        }
      else if (left >= 4 && d[i] == 0x1d && d[i + 1] == 'V' && (d[i + 2] == 65 || d[i + 2] == 66))
        {
          cut = TRUE;
          i += 4;
        }
      else
        {
          g_test_message ("unknown ESC/POS byte 0x%02x at offset %" G_GSIZE_FORMAT, d[i], i);
          g_assert_not_reached ();
        }

      first = FALSE;
      parse->ends_with_cut = cut;
    }
}

void
escpos_parse_clear (EscposParse *parse)
{
  g_clear_pointer (&parse->raster, g_byte_array_unref);
  g_clear_pointer (&parse->native_qr, g_free);
}

cairo_surface_t *
escpos_parse_image (EscposParse *parse)
{
  int width = (int) parse->width_bytes * 8;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, (int) parse->rows);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (guint y = 0; y < parse->rows; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 byte = parse->raster->data[y * parse->width_bytes + (guint) x / 8];
        gboolean black = (byte & (0x80 >> (x % 8))) != 0;

        ((guint32 *) (data + (gsize) y * stride))[x] = black ? 0x000000 : 0xffffff;
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

guint
print_test_closed_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  close (fd);
  return ntohs (address.sin_port);
}
