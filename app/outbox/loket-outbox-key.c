/* loket-outbox-key.c — the outbox's key: loaded into locked memory, used to seal personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "loket-outbox-private.h"

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES

G_STATIC_ASSERT (LOKET_OUTBOX_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

struct _LoketOutboxKey {
  unsigned char *bytes;   /* sodium_malloc'd: guard pages, never swapped, wiped on free */
};

static void
key_error (GError     **error,
           const char  *path,
           const char  *why)
{
  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY,
               /* Translators: the first %s is the key file's path, the second why it
                * cannot be used. Staff read this. */
               _("Outbox key %s: %s; new requests are refused until it is fixed"), path, why);
}

LoketOutboxKey *
loket_outbox_key_load (const char  *path,
                       GError     **error)
{
  LoketOutboxKey *key;
  unsigned char extra;
  struct stat st;
  gsize got = 0;
  int fd;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY,
                           _("No outbox key configured ([kiosk] key-file); new requests are "
                             "refused until one is set"));
      return NULL;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      key_error (error, path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      key_error (error, path, _("not a regular file"));
      return NULL;
    }

  /* A key that others can read is a key others may have copied. */
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_autofree char *why = NULL;

      close (fd);
      /* Translators: %o is the file's permission bits in octal, e.g. 644. */
      why = g_strdup_printf (_("readable by group or others (mode %o); run chmod 600 on it"),
                             (unsigned) (st.st_mode & 0777));
      key_error (error, path, why);
      return NULL;
    }

  key = g_new0 (LoketOutboxKey, 1);
  key->bytes = sodium_malloc (LOKET_OUTBOX_KEY_BYTES);
  if (key->bytes == NULL)
    {
      close (fd);
      g_free (key);
      key_error (error, path, _("no memory to hold it"));
      return NULL;
    }
  /* sodium_malloc locks where it can; locking again makes the intent explicit, and a low
   * RLIMIT_MEMLOCK only costs swap protection, not the key. */
  if (sodium_mlock (key->bytes, LOKET_OUTBOX_KEY_BYTES) != 0)
    g_debug ("The outbox key could not be locked in memory");

  /* Read straight into the locked buffer, never through an ordinary heap copy. */
  while (got < LOKET_OUTBOX_KEY_BYTES)
    {
      ssize_t n = read (fd, key->bytes + got, LOKET_OUTBOX_KEY_BYTES - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }

  if (got < LOKET_OUTBOX_KEY_BYTES || read (fd, &extra, 1) != 0)
    {
      g_autofree char *why = NULL;

      close (fd);
      loket_outbox_key_free (key);
      /* Translators: %d is 32, the size of the key in bytes. */
      why = g_strdup_printf (_("it must hold exactly %d bytes (head -c %d /dev/urandom)"),
                             LOKET_OUTBOX_KEY_BYTES, LOKET_OUTBOX_KEY_BYTES);
      key_error (error, path, why);
      return NULL;
    }

  close (fd);
  sodium_mprotect_readonly (key->bytes);
  return key;
}

void
loket_outbox_key_free (LoketOutboxKey *key)
{
  if (key == NULL)
    return;

  /* sodium_free wipes the buffer before it unlocks and releases it. */
  sodium_mprotect_readwrite (key->bytes);
  sodium_munlock (key->bytes, LOKET_OUTBOX_KEY_BYTES);
  sodium_free (key->bytes);
  g_free (key);
}

GBytes *
loket_outbox_key_seal (LoketOutboxKey *key,
                       GBytes         *plain,
                       const char     *part_id)
{
  gsize plain_len;
  const unsigned char *plain_data = g_bytes_get_data (plain, &plain_len);
  gsize sealed_len = NONCE_BYTES + plain_len + TAG_BYTES;
  unsigned char *sealed = g_malloc (sealed_len);
  unsigned long long cipher_len = 0;

  g_assert (key != NULL);

  /* A fresh random nonce per write: XChaCha's 192-bit nonces make collisions negligible. */
  randombytes_buf (sealed, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed + NONCE_BYTES, &cipher_len,
                                              plain_data, plain_len,
                                              (const unsigned char *) part_id, strlen (part_id),
                                              NULL, sealed, key->bytes);
  g_assert (cipher_len == plain_len + TAG_BYTES);

  return g_bytes_new_take (sealed, sealed_len);
}

typedef struct {
  unsigned char *data;
  gsize          len;
} Secret;

static void
secret_free (gpointer user_data)
{
  Secret *secret = user_data;

  sodium_memzero (secret->data, secret->len);
  g_free (secret->data);
  g_free (secret);
}

GBytes *
loket_outbox_key_open (LoketOutboxKey  *key,
                       const void      *sealed,
                       gsize            sealed_len,
                       const char      *part_id,
                       const char      *key_path,
                       GError         **error)
{
  const unsigned char *in = sealed;
  Secret *secret;
  unsigned long long plain_len = 0;

  g_assert (key != NULL);

  if (sealed_len < NONCE_BYTES + TAG_BYTES)
    goto fail;

  secret = g_new0 (Secret, 1);
  secret->data = g_malloc (MAX (sealed_len - NONCE_BYTES - TAG_BYTES, 1));
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (secret->data, &plain_len, NULL,
                                                  in + NONCE_BYTES, sealed_len - NONCE_BYTES,
                                                  (const unsigned char *) part_id,
                                                  strlen (part_id), in, key->bytes) != 0)
    {
      g_free (secret->data);
      g_free (secret);
      goto fail;
    }
  secret->len = plain_len;

  return g_bytes_new_with_free_func (secret->data, secret->len, secret_free, secret);

fail:
  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DECRYPT,
               /* Translators: %s is a part id (a UUID), the second %s the key file's path. */
               _("The stored data of part %s does not decrypt with the key in %s: "
                 "the key was changed, or the data is damaged"), part_id, key_path);
  return NULL;
}
