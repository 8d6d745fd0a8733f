/* loket-outbox-key.c — the outbox's key: loaded into locked memory, used to seal personal data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "config/loket-secret-file.h"
#include "loket-outbox-private.h"

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES

G_STATIC_ASSERT (LOKET_OUTBOX_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
G_STATIC_ASSERT (LOKET_OUTBOX_KEY_BYTES == LOKET_SECRET_OUTBOX_KEY_BYTES);

struct _LoketOutboxKey {
  unsigned char *bytes;   /* sodium_malloc'd: guard pages, never swapped, wiped on free */
};

/* Wraps a secret file's own message: "/etc/loket/key (outbox key): mode 0644: …". */
static void
key_error (GError     **error,
           const char  *why)
{
  g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY,
               /* Translators: %s names the key file and why it cannot be used. Staff read
                * this. */
               _("%s; new requests are refused until it is fixed"), why);
}

LoketOutboxKey *
loket_outbox_key_load (const char  *path,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LoketOutboxKey *key;
  unsigned char extra;
  gsize got = 0;
  int fd;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY,
                           _("No outbox key configured ([kiosk] key-file); new requests are "
                             "refused until one is set"));
      return NULL;
    }

  /* The same check as every secret's, and as check-config's: exactly the key's size. */
  fd = loket_secret_file_open (path, _("outbox key"), LOKET_OUTBOX_KEY_BYTES,
                               LOKET_OUTBOX_KEY_BYTES, NULL, &local_error);
  if (fd < 0)
    {
      key_error (error, local_error->message);
      return NULL;
    }

  key = g_new0 (LoketOutboxKey, 1);
  key->bytes = sodium_malloc (LOKET_OUTBOX_KEY_BYTES);
  if (key->bytes == NULL)
    {
      g_autofree char *why = NULL;

      close (fd);
      g_free (key);
      /* Translators: the first %s is the key file's path. */
      why = g_strdup_printf (_("%s: no memory to hold it"), path);
      key_error (error, why);
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

  /* The file may have changed since it was checked. */
  if (got < LOKET_OUTBOX_KEY_BYTES || read (fd, &extra, 1) != 0)
    {
      g_autofree char *why = NULL;
      LoketSecretFileFacts facts = { .size = got, .limit = LOKET_OUTBOX_KEY_BYTES };

      close (fd);
      loket_outbox_key_free (key);
      why = loket_secret_file_describe (path, _("outbox key"), LOKET_SECRET_FILE_ERROR_SIZE,
                                        &facts);
      key_error (error, why);
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

/* The kiosk's box keypair for moving an outbox (loket-outbox-move.c): derived from the outbox
 * key, so it needs no file of its own and is the same after every restart. The KDF's context
 * keeps it apart from anything else ever derived from the same key. */
#define BOX_KDF_CONTEXT "LoketBox"
#define BOX_KDF_ID 1

G_STATIC_ASSERT (sizeof BOX_KDF_CONTEXT - 1 == crypto_kdf_CONTEXTBYTES);
G_STATIC_ASSERT (crypto_kdf_KEYBYTES == LOKET_OUTBOX_KEY_BYTES);
G_STATIC_ASSERT (crypto_box_SEEDBYTES == 32);

void
loket_outbox_key_box_keypair (LoketOutboxKey *key,
                              unsigned char   public_key[LOKET_OUTBOX_BOX_PUBLIC_BYTES],
                              unsigned char  *secret_key)
{
  unsigned char *seed = sodium_malloc (crypto_box_SEEDBYTES);
  unsigned char scratch[crypto_box_SECRETKEYBYTES];

  g_assert (seed != NULL);
  crypto_kdf_derive_from_key (seed, crypto_box_SEEDBYTES, BOX_KDF_ID, BOX_KDF_CONTEXT,
                              key->bytes);
  crypto_box_seed_keypair (public_key, secret_key != NULL ? secret_key : scratch, seed);
  sodium_memzero (scratch, sizeof scratch);
  sodium_free (seed);
}
