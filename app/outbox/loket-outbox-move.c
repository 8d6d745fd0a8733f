/* loket-outbox-move.c — moving a dead kiosk's undelivered parts to another kiosk
 *
 * A kiosk whose screen or board died may still hold parts its agencies never received. Its
 * outbox (the disk, and the key) is read on any machine with `loketctl outbox export`, which
 * seals every part that has not ended to the receiving kiosk's public key, and marks them
 * "moved" in the old outbox in the same transaction, after the bundle is on disk: the old
 * kiosk never sends them again, even when it is started once more. The receiving kiosk
 * (`outbox import`) stores them under its own key and sends them: the agencies know each
 * part by its Idempotency-Key (the part id, carried unchanged), so a part that did reach an
 * agency before is answered with a replay, and nothing is sent twice.
 *
 * Each kiosk's box keypair is derived from its outbox key (loket_outbox_key_box_keypair).
 * A bundle is
 *   "LOKET-MOVE-1\n" ‖ sender's public key ‖ receiver's public key ‖ nonce ‖
 *   crypto_box_easy (JSON, nonce, receiver's public key, sender's secret key)
 * so only the receiver can open it, it can tell who made it, and any change or truncation
 * fails its authentication. The JSON inside holds personal data; it only ever exists in
 * memory, and is wiped after use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-outbox"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "config/loket-file-modes.h"
#include "loket-outbox-private.h"

#define MAGIC "LOKET-MOVE-1\n"
#define MAGIC_LEN (sizeof MAGIC - 1)
#define PK_BYTES crypto_box_PUBLICKEYBYTES
#define HEADER_BYTES (MAGIC_LEN + 2 * PK_BYTES + crypto_box_NONCEBYTES)
#define BUNDLE_FORMAT "loket-outbox-move/1"

G_STATIC_ASSERT (PK_BYTES == LOKET_OUTBOX_BOX_PUBLIC_BYTES);

/* The secret half, in guarded memory. */
typedef struct {
  unsigned char  public_key[PK_BYTES];
  unsigned char *secret_key;
} Keypair;

static void
keypair_clear (Keypair *pair)
{
  g_clear_pointer (&pair->secret_key, sodium_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Keypair, keypair_clear)

static void
keypair_load (LoketOutbox *self,
              Keypair     *pair)
{
  pair->secret_key = sodium_malloc (crypto_box_SECRETKEYBYTES);
  g_assert (pair->secret_key != NULL);
  loket_outbox_key_box_keypair (self->key, pair->public_key, pair->secret_key);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
parse_public_key (const char     *text,
                  unsigned char   key[PK_BYTES],
                  GError        **error)
{
  gsize len = 0;
  g_autofree guchar *raw = NULL;

  /* g_base64_decode accepts anything; check the alphabet and length first. */
  if (text == NULL || strlen (text) != 44 || strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                      "abcdefghijklmnopqrstuvwxyz"
                                                      "0123456789+/=") != 44)
    return invalid (error, _("Not a kiosk's public key (one base64 line from "
                             "`loketctl outbox pubkey`)"));
  raw = g_base64_decode (text, &len);
  if (len != PK_BYTES)
    return invalid (error, _("Not a kiosk's public key (one base64 line from "
                             "`loketctl outbox pubkey`)"));
  memcpy (key, raw, PK_BYTES);
  return TRUE;
}

char *
loket_outbox_get_public_key (LoketOutbox  *self,
                             GError      **error)
{
  unsigned char public_key[PK_BYTES];

  g_return_val_if_fail (self != NULL, NULL);

  if (!loket_outbox_require_key (self, error))
    return NULL;
  loket_outbox_key_box_keypair (self->key, public_key, NULL);
  return g_base64_encode (public_key, sizeof public_key);
}

/* ---- Export ---- */

static void
add_sealed (JsonBuilder  *builder,
            const char   *member,
            GBytes       *plain)
{
  g_autofree char *text = NULL;

  if (plain == NULL)
    return;
  text = g_base64_encode (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
  sodium_memzero (text, strlen (text));
}

static void
add_text (JsonBuilder  *builder,
          const char   *member,
          sqlite3_stmt *stmt,
          int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, column));
}

static void
add_int (JsonBuilder  *builder,
         const char   *member,
         gint64        value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* Columns of the export's SELECT, in order. */
enum {
  COL_PART_ID, COL_CODE, COL_SEQ, COL_SERVICE, COL_AGENCY, COL_AFTER, COL_INPUTS, COL_STATE,
  COL_REASON, COL_REFERENCE, COL_CREATED, COL_ENDED, COL_BODY, COL_CONSENT, COL_OUTPUTS,
  COL_LANGUAGE, COL_LIFE_EVENT, COL_REQUEST_CREATED, COL_PREREQUISITE, COL_PII_DEADLINE,
};

/* Every part not ended, and the delivered prerequisites a moved dependant still needs: their
 * part id and reference (the receiver polls the agency's status with them when the outputs
 * are not known yet) and their outputs when they are (the receiver completes the draft).
 * Each part's personal-data deadline as this kiosk counts it (?1: pii-max-days in µs; the
 * age on the boot clock within the part's boot), or the one it was imported with when that
 * comes first: on the wall clock, which is what travels. */
#define EXPORT_SQL \
  "SELECT p.part_id, p.tracking_code, p.seq, p.service, p.agency, p.after, p.inputs, p.state, " \
  "p.reason, p.reference, p.created_at, p.ended_at, p.body, p.consent, p.outputs, r.language, " \
  "r.life_event, r.created_at, p.ended_at != 0, CASE WHEN p.pii_deadline > 0 AND " \
  "p.pii_deadline < ?23 + ?1 - p.age THEN p.pii_deadline ELSE ?23 + ?1 - p.age END " \
  "FROM (SELECT *, " LOKET_OUTBOX_PART_AGE " AS age FROM parts) p JOIN requests r USING " \
  "(tracking_code) WHERE (p.ended_at = 0 AND p.state NOT IN ('delivered', 'rejected', " \
  "'cancelled', 'cannot-proceed', 'moved')) OR (p.state = 'delivered' AND EXISTS (SELECT 1 " \
  "FROM parts w WHERE w.tracking_code = p.tracking_code AND w.after = p.service AND " \
  "w.state = 'waiting')) ORDER BY p.tracking_code, p.seq"

static gboolean
add_part (LoketOutbox   *self,
          JsonBuilder   *builder,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  const char *part_id = (const char *) sqlite3_column_text (stmt, COL_PART_ID);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) consent = NULL;
  g_autoptr(GBytes) outputs = NULL;

  if (sqlite3_column_type (stmt, COL_BODY) != SQLITE_NULL &&
      (body = loket_outbox_decrypt_column (self, stmt, COL_BODY, part_id, error)) == NULL)
    return FALSE;
  if (sqlite3_column_type (stmt, COL_CONSENT) != SQLITE_NULL &&
      (consent = loket_outbox_decrypt_column (self, stmt, COL_CONSENT, part_id, error)) == NULL)
    return FALSE;
  if (sqlite3_column_type (stmt, COL_OUTPUTS) != SQLITE_NULL &&
      (outputs = loket_outbox_decrypt_column (self, stmt, COL_OUTPUTS, part_id, error)) == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  add_text (builder, "part_id", stmt, COL_PART_ID);
  add_int (builder, "seq", sqlite3_column_int64 (stmt, COL_SEQ));
  add_text (builder, "service", stmt, COL_SERVICE);
  add_text (builder, "agency", stmt, COL_AGENCY);
  add_text (builder, "after", stmt, COL_AFTER);
  add_text (builder, "inputs", stmt, COL_INPUTS);
  add_text (builder, "state", stmt, COL_STATE);
  add_text (builder, "reason", stmt, COL_REASON);
  add_text (builder, "reference", stmt, COL_REFERENCE);
  add_int (builder, "created_at", sqlite3_column_int64 (stmt, COL_CREATED));
  add_int (builder, "ended_at", sqlite3_column_int64 (stmt, COL_ENDED));
  add_int (builder, "pii_deadline", sqlite3_column_int64 (stmt, COL_PII_DEADLINE));
  add_sealed (builder, "body", body);
  add_sealed (builder, "consent", consent);
  add_sealed (builder, "outputs", outputs);
  json_builder_end_object (builder);
  return TRUE;
}

/* The bundle's JSON (personal data: the caller wipes it); moved gets, for each part to mark,
 * its id, tracking code and agency. */
static char *
build_bundle (LoketOutbox  *self,
              const char   *to,
              guint         pii_max_days,
              GPtrArray    *moved,
              GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LoketOutboxStmt) stmt = loket_outbox_statement (self, EXPORT_SQL, error);
  g_autofree char *open_code = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (gint64) pii_max_days * G_TIME_SPAN_DAY);
  loket_outbox_now (self);
  loket_outbox_bind_clock (self, stmt);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, BUNDLE_FORMAT);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "requests");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, COL_CODE);

      if (g_strcmp0 (open_code, code) != 0)
        {
          if (open_code != NULL)
            {
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          g_free (open_code);
          open_code = g_strdup (code);
          json_builder_begin_object (builder);
          add_text (builder, "tracking_code", stmt, COL_CODE);
          add_text (builder, "language", stmt, COL_LANGUAGE);
          add_text (builder, "life_event", stmt, COL_LIFE_EVENT);
          add_int (builder, "created_at", sqlite3_column_int64 (stmt, COL_REQUEST_CREATED));
          json_builder_set_member_name (builder, "parts");
          json_builder_begin_array (builder);
        }
      if (!add_part (self, builder, stmt, error))
        return NULL;
      /* Part id, code, agency: for marking and for the journal. */
      if (sqlite3_column_int (stmt, COL_PREREQUISITE) == 0)
        {
          g_ptr_array_add (moved, g_strdup ((const char *) sqlite3_column_text (stmt, COL_PART_ID)));
          g_ptr_array_add (moved, g_strdup (code));
          g_ptr_array_add (moved, g_strdup ((const char *) sqlite3_column_text (stmt, COL_AGENCY)));
        }
    }
  if (rc != SQLITE_DONE)
    {
      loket_outbox_fail (self, rc, error);
      return NULL;
    }
  if (open_code != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static GBytes *
seal_bundle (const Keypair       *from,
             const unsigned char  to[PK_BYTES],
             const char          *json)
{
  gsize len = strlen (json);
  gsize total = HEADER_BYTES + crypto_box_MACBYTES + len;
  guchar *out = g_malloc (total);
  guchar *nonce = out + MAGIC_LEN + 2 * PK_BYTES;

  memcpy (out, MAGIC, MAGIC_LEN);
  memcpy (out + MAGIC_LEN, from->public_key, PK_BYTES);
  memcpy (out + MAGIC_LEN + PK_BYTES, to, PK_BYTES);
  randombytes_buf (nonce, crypto_box_NONCEBYTES);
  if (crypto_box_easy (out + HEADER_BYTES, (const guchar *) json, len, nonce, to,
                       from->secret_key) != 0)
    g_error ("crypto_box_easy failed");
  return g_bytes_new_take (out, total);
}

static gboolean
mark_moved (LoketOutbox  *self,
            GPtrArray    *moved,
            const char   *to,
            GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) ids = NULL;
  g_autofree char *ids_json = NULL;
  sqlite3_stmt *stmt;
  gint64 now = loket_outbox_now (self);

  json_builder_begin_array (builder);
  for (guint i = 0; i < moved->len; i += 3)
    json_builder_add_string_value (builder, g_ptr_array_index (moved, i));
  json_builder_end_array (builder);
  ids = json_builder_get_root (builder);
  ids_json = json_to_string (ids, FALSE);

  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET state = 'moved', moved_to = ?2, reason = NULL, "
                                 "ended_at = ?3, updated_at = ?3, lease_owner = NULL, "
                                 "lease_until = 0, " LOKET_OUTBOX_WIPE_PERSONAL_DATA " "
                                 "WHERE part_id IN (SELECT value FROM json_each (?1))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;

  /* A delivered prerequisite's outputs went with its dependants: none is left here to need
   * them. */
  stmt = loket_outbox_statement (self,
                                 "UPDATE parts SET outputs = NULL WHERE outputs IS NOT NULL "
                                 "AND state = 'delivered' AND NOT EXISTS (SELECT 1 FROM parts w "
                                 "WHERE w.tracking_code = parts.tracking_code AND "
                                 "w.after = parts.service AND w.state = 'waiting')", error);
  if (stmt == NULL || !loket_outbox_step_done (self, stmt, error))
    return FALSE;
  self->wiped = TRUE;
  return TRUE;
}

static gboolean
refuse_live_engine (LoketOutbox  *self,
                    GError      **error)
{
  g_autoptr(LoketOutboxStmt) stmt = loket_outbox_statement (self,
                                                            "SELECT count(*) FROM parts WHERE "
                                                            "state = 'sending' AND "
                                                            "lease_until > ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loket_outbox_now (self));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return loket_outbox_fail (self, sqlite3_errcode (self->db), error);
  if (sqlite3_column_int (stmt, 0) > 0)
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_STATE,
                           _("A delivery engine is sending parts from this outbox: stop the "
                             "kiosk and `outbox deliver` first"));
      return FALSE;
    }
  return TRUE;
}

/**
 * loket_outbox_export:
 * @to: the receiving kiosk's public key (base64)
 * @path: where the bundle is written (mode 0600)
 * @pii_max_days: this kiosk's pii-max-days: each part's deadline travels with it
 *
 * Seals every part that has not ended into a bundle for @to, writes it, and marks those parts
 * moved (their personal data deleted) in the same transaction, committed only once the bundle
 * is on disk. Refused while a live engine is sending from this outbox.
 */
gboolean
loket_outbox_export (LoketOutbox  *self,
                     const char   *to,
                     const char   *path,
                     guint         pii_max_days,
                     guint        *n_parts,
                     GError      **error)
{
  g_auto(Keypair) from = { { 0, }, NULL };
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) sealed = NULL;
  unsigned char to_key[PK_BYTES];
  char *json;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_public_key (to, to_key, error) || !loket_outbox_require_key (self, error))
    return FALSE;
  keypair_load (self, &from);
  if (memcmp (to_key, from.public_key, PK_BYTES) == 0)
    return invalid (error, _("That is this kiosk's own public key"));

  if (!loket_outbox_begin (self, error))
    return FALSE;
  if (!refuse_live_engine (self, error) ||
      (json = build_bundle (self, to, pii_max_days, moved, error)) == NULL)
    goto fail;

  sealed = seal_bundle (&from, to_key, json);
  sodium_memzero (json, strlen (json));
  g_free (json);

  if (!loket_file_write_shared (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                                0600, error))
    goto fail;
  /* Not marked: the bundle must not exist beside parts this kiosk may still send. */
  if (!mark_moved (self, moved, to, error) || !loket_outbox_commit (self, error))
    {
      remove (path);
      goto fail;
    }

  for (guint i = 0; i < moved->len; i += 3)
    loket_outbox_log_part (G_LOG_LEVEL_INFO, g_ptr_array_index (moved, i),
                           g_ptr_array_index (moved, i + 1), g_ptr_array_index (moved, i + 2),
                           "moved", NULL);
  if (n_parts != NULL)
    *n_parts = moved->len / 3;
  return TRUE;

fail:
  loket_outbox_rollback (self);
  return FALSE;
}

/* ---- Import ---- */

static GBytes *
open_bundle (LoketOutbox          *self,
             GBytes               *bundle,
             const unsigned char   from[PK_BYTES],
             GError              **error)
{
  g_auto(Keypair) mine = { { 0, }, NULL };
  gsize size = g_bytes_get_size (bundle);
  const guchar *data = g_bytes_get_data (bundle, NULL);
  gsize plain_len;
  guchar *plain;

  if (size < MAGIC_LEN || memcmp (data, MAGIC, MAGIC_LEN) != 0)
    return invalid (error, _("Not an outbox bundle made by `loketctl outbox export`")), NULL;
  if (size < HEADER_BYTES + crypto_box_MACBYTES)
    return invalid (error, _("The bundle is truncated")), NULL;

  keypair_load (self, &mine);
  if (memcmp (data + MAGIC_LEN + PK_BYTES, mine.public_key, PK_BYTES) != 0)
    return invalid (error, _("The bundle is meant for another kiosk, not this one")), NULL;
  if (memcmp (data + MAGIC_LEN, from, PK_BYTES) != 0)
    return invalid (error, _("The bundle was not made by the kiosk named with --from")), NULL;

  plain_len = size - HEADER_BYTES - crypto_box_MACBYTES;
  plain = sodium_malloc (plain_len + 1);
  g_assert (plain != NULL);
  if (crypto_box_open_easy (plain, data + HEADER_BYTES, size - HEADER_BYTES,
                            data + MAGIC_LEN + 2 * PK_BYTES, from, mine.secret_key) != 0)
    {
      sodium_free (plain);
      return invalid (error, _("The bundle is truncated or was changed after it was made: "
                               "nothing was imported")), NULL;
    }
  plain[plain_len] = '\0';
  /* Wiped and freed with the bytes. */
  return g_bytes_new_with_free_func (plain, plain_len, (GDestroyNotify) sodium_free, plain);
}

/* base64 member → bytes sealed under this kiosk's key for part_id, or NULL when absent. */
static GBytes *
reseal (LoketOutbox *self,
        JsonObject  *part,
        const char  *member,
        const char  *part_id)
{
  const char *text = json_object_get_string_member_with_default (part, member, NULL);
  g_autoptr(GBytes) plain = NULL;
  guchar *raw;
  gsize len = 0;

  if (text == NULL)
    return NULL;
  raw = g_base64_decode (text, &len);
  plain = g_bytes_new_with_free_func (raw, len, (GDestroyNotify) g_free, raw);
  {
    GBytes *sealed = loket_outbox_key_seal (self->key, plain, part_id);

    sodium_memzero (raw, len);
    return sealed;
  }
}

/* One part of the bundle into this outbox, its personal data sealed under this kiosk's key. */
static gboolean
insert_part (LoketOutbox  *self,
             JsonObject   *part,
             const char   *code,
             guint         index,
             const char   *new_state,
             const char   *from,
             GError      **error)
{
  const char *part_id = json_object_get_string_member_with_default (part, "part_id", "");
  gboolean ended = json_object_get_int_member_with_default (part, "ended_at", 0) != 0;
  gint64 now = loket_outbox_now (self);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) consent = NULL;
  g_autoptr(GBytes) outputs = NULL;
  sqlite3_stmt *stmt;

  body = reseal (self, part, "body", part_id);
  consent = reseal (self, part, "consent", part_id);
  outputs = reseal (self, part, "outputs", part_id);

  stmt = loket_outbox_statement (self,
                                 "INSERT INTO parts (part_id, tracking_code, seq, service, "
                                 "agency, after, inputs, state, reason, reference, "
                                 "created_at, updated_at, next_attempt_at, ended_at, body, "
                                 "consent, outputs, moved_from, pii_deadline) VALUES (?1, ?2, "
                                 "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14, "
                                 "?15, ?16, ?17, ?18)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, json_object_get_int_member_with_default (part, "seq", index));
  sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (part, "service",
                                                                          ""),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, json_object_get_string_member_with_default (part, "agency",
                                                                          ""),
                     -1, SQLITE_TRANSIENT);
  if (json_object_has_member (part, "after"))
    sqlite3_bind_text (stmt, 6, json_object_get_string_member (part, "after"), -1,
                       SQLITE_TRANSIENT);
  if (json_object_has_member (part, "inputs"))
    sqlite3_bind_text (stmt, 7, json_object_get_string_member (part, "inputs"), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, new_state, -1, SQLITE_STATIC);
  if (g_str_equal (new_state, "needs-staff") && json_object_has_member (part, "reason"))
    sqlite3_bind_text (stmt, 9, json_object_get_string_member (part, "reason"), -1,
                       SQLITE_TRANSIENT);
  if (json_object_has_member (part, "reference"))
    sqlite3_bind_text (stmt, 10, json_object_get_string_member (part, "reference"), -1,
                       SQLITE_TRANSIENT);
  /* The submission time travels, so pii-max-days counts from the citizen's visit. */
  sqlite3_bind_int64 (stmt, 11, json_object_get_int_member_with_default (part, "created_at",
                                                                         now));
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_int64 (stmt, 13, ended ? now : 0);
  loket_outbox_bind_bytes (stmt, 14, body);
  loket_outbox_bind_bytes (stmt, 15, consent);
  loket_outbox_bind_bytes (stmt, 16, outputs);
  sqlite3_bind_text (stmt, 17, from, -1, SQLITE_TRANSIENT);
  /* The sending kiosk's deadline, not a new one: the sweep keeps whichever comes first, this
   * or this kiosk's pii-max-days from created_at. */
  sqlite3_bind_int64 (stmt, 18, MAX (0, json_object_get_int_member_with_default (part,
                                                                           "pii_deadline", 0)));
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;
  return TRUE;
}

static gboolean
import_request (LoketOutbox  *self,
                JsonObject   *request,
                const char   *from,
                guint        *added,
                guint        *skipped,
                GError      **error)
{
  const char *code = json_object_get_string_member_with_default (request, "tracking_code", "");
  JsonArray *parts = json_object_get_array_member (request, "parts");
  gint64 now = loket_outbox_now (self);
  sqlite3_stmt *stmt;

  stmt = loket_outbox_statement (self,
                                 "INSERT INTO requests (tracking_code, language, life_event, "
                                 "created_at) VALUES (?1, ?2, ?3, ?4) "
                                 "ON CONFLICT (tracking_code) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member_with_default (request, "language",
                                                                          "id"),
                     -1, SQLITE_TRANSIENT);
  if (json_object_has_member (request, "life_event"))
    sqlite3_bind_text (stmt, 3, json_object_get_string_member (request, "life_event"), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, json_object_get_int_member_with_default (request, "created_at",
                                                                        now));
  if (!loket_outbox_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; parts != NULL && i < json_array_get_length (parts); i++)
    {
      JsonObject *part = json_array_get_object_element (parts, i);
      const char *part_id = json_object_get_string_member_with_default (part, "part_id", "");
      const char *state = json_object_get_string_member_with_default (part, "state", "queued");
      gboolean ended = json_object_get_int_member_with_default (part, "ended_at", 0) != 0;
      const char *new_state;

      /* Carried with its own id: a part already here (an import run twice) is left alone. */
      stmt = loket_outbox_statement (self, "SELECT 1 FROM parts WHERE part_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, part_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          (*skipped)++;
          continue;
        }
      sqlite3_reset (stmt);

      /* A delivered prerequisite stays delivered (its outputs serve the moved dependants);
       * a waiting part waits; one that needs staff still does; the rest is due at once. */
      if (ended)
        new_state = "delivered";
      else if (g_str_equal (state, "waiting") || g_str_equal (state, "needs-staff"))
        new_state = state;
      else
        new_state = "queued";

      if (!insert_part (self, part, code, i, new_state, from, error))
        return FALSE;
      loket_outbox_log_part (G_LOG_LEVEL_INFO, part_id, code,
                             json_object_get_string_member_with_default (part, "agency", NULL),
                             new_state, "imported");
      (*added)++;
    }
  return TRUE;
}

/**
 * loket_outbox_import:
 * @bundle: what `outbox export` wrote
 * @from: the sending kiosk's public key (base64)
 *
 * Refuses, whole, a bundle not made by @from, meant for another kiosk, truncated or changed;
 * otherwise stores its parts in one transaction, skipping part ids already here.
 */
gboolean
loket_outbox_import (LoketOutbox  *self,
                     GBytes       *bundle,
                     const char   *from,
                     guint        *n_added,
                     guint        *n_skipped,
                     GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GBytes) plain = NULL;
  unsigned char from_key[PK_BYTES];
  g_autofree char *mine = NULL;
  JsonObject *root;
  JsonArray *requests;
  guint added = 0, skipped = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bundle != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_public_key (from, from_key, error) || !loket_outbox_require_key (self, error))
    return FALSE;
  plain = open_bundle (self, bundle, from_key, error);
  if (plain == NULL)
    return FALSE;

  mine = loket_outbox_get_public_key (self, NULL);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (plain, NULL),
                                   (gssize) g_bytes_get_size (plain), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (root = json_node_get_object (json_parser_get_root (parser)),
       g_strcmp0 (json_object_get_string_member_with_default (root, "format", NULL),
                  BUNDLE_FORMAT) != 0) ||
      g_strcmp0 (json_object_get_string_member_with_default (root, "to", NULL), mine) != 0 ||
      (requests = json_object_get_array_member (root, "requests")) == NULL)
    return invalid (error, _("The bundle's contents are not an outbox this version can read"));

  if (!loket_outbox_begin (self, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (requests); i++)
    if (!import_request (self, json_array_get_object_element (requests, i), from, &added,
                         &skipped, error))
      {
        loket_outbox_rollback (self);
        return FALSE;
      }
  if (!loket_outbox_commit (self, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = added;
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return TRUE;
}
