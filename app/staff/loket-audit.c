/* loket-audit.c — the staff audit log: appending, reading and walking the SHA-256 chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-audit"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "loket-audit.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

struct _LoketAudit {
  char *path;
};

static const struct {
  const char *action;
  const char *words;
} actions[] = {
  { LOKET_AUDIT_STAFF_ADD, N_("staff member added") },
  { LOKET_AUDIT_STAFF_ADD_REFUSED, N_("staff member not added (PIN refused)") },
  { LOKET_AUDIT_STAFF_REMOVE, N_("staff member removed") },
  { LOKET_AUDIT_STAFF_UNLOCK, N_("PIN pad unlocked") },
  { LOKET_AUDIT_LOGIN, N_("logged in to admin mode") },
  { LOKET_AUDIT_WRONG_PIN, N_("wrong PIN") },
  { LOKET_AUDIT_LOCKOUT, N_("PIN pad locked") },
  { LOKET_AUDIT_LOGOUT, N_("left admin mode") },
};

const char *
loket_audit_describe_action (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].action, action))
      return _(actions[i].words);
  return action;
}

LoketAudit *
loket_audit_new (const char *path)
{
  LoketAudit *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (LoketAudit, 1);
  self->path = g_strdup (path);
  return self;
}

void
loket_audit_free (LoketAudit *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self);
}

const char *
loket_audit_get_path (LoketAudit *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

void
loket_audit_entry_free (LoketAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->staff);
  g_free (entry->action);
  g_free (entry->target);
  g_free (entry->hash);
  g_free (entry);
}

void
loket_audit_report_clear (LoketAuditReport *report)
{
  g_clear_pointer (&report->problem, g_free);
  memset (report, 0, sizeof *report);
}

static char *
hash_bytes (const char *data,
            gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

char *
loket_audit_target_code (const char *code)
{
  g_autoptr(GString) head = g_string_new (NULL);

  g_return_val_if_fail (code != NULL, NULL);

  for (const char *p = code; *p != '\0' && head->len < 4; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (head, g_ascii_toupper (*p));
  return g_string_free (g_steal_pointer (&head), FALSE);
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static char *
build_line (guint64     seq,
            gint64      time,
            const char *staff,
            const char *action,
            const char *target,
            const char *prev)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *when = format_time (time);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, (gint64) seq);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "staff");
  json_builder_add_string_value (builder, staff);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action);
  json_builder_set_member_name (builder, "target");
  if (target != NULL)
    json_builder_add_string_value (builder, target);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "prev");
  json_builder_add_string_value (builder, prev);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* One line of the log, parsed; NULL with why in *problem when it is not an entry. */
static LoketAuditEntry *
parse_line (const char  *line,
            gsize        length,
            char       **prev,
            char       **problem)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LoketAuditEntry) entry = g_new0 (LoketAuditEntry, 1);
  g_autoptr(GDateTime) when = NULL;
  JsonObject *object;
  JsonNode *target;
  const char *text;

  if (length == 0 || !json_parser_load_from_data (parser, line, (gssize) length, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *problem = g_strdup (_("not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  target = json_object_get_member (object, "target");
  if (json_object_get_size (object) != 6 ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "seq")) ||
      json_object_get_int_member_with_default (object, "seq", 0) <= 0 ||
      json_object_get_string_member_with_default (object, "staff", NULL) == NULL ||
      json_object_get_string_member_with_default (object, "action", NULL) == NULL ||
      json_object_get_string_member_with_default (object, "prev", NULL) == NULL ||
      target == NULL || (!JSON_NODE_HOLDS_NULL (target) &&
                         json_node_get_value_type (target) != G_TYPE_STRING))
    {
      *problem = g_strdup (_("not an audit entry (seq, time, staff, action, target, prev)"));
      return NULL;
    }

  text = json_object_get_string_member_with_default (object, "time", "");
  when = g_date_time_new_from_iso8601 (text, NULL);
  if (when == NULL)
    {
      *problem = g_strdup (_("its time is not a date and time"));
      return NULL;
    }

  entry->seq = (guint64) json_object_get_int_member (object, "seq");
  entry->time = g_date_time_to_unix (when) * G_USEC_PER_SEC;
  entry->staff = g_strdup (json_object_get_string_member (object, "staff"));
  entry->action = g_strdup (json_object_get_string_member (object, "action"));
  entry->target = JSON_NODE_HOLDS_NULL (target) ? NULL : g_strdup (json_node_get_string (target));
  entry->hash = hash_bytes (line, length);
  if (prev != NULL)
    *prev = g_strdup (json_object_get_string_member (object, "prev"));
  return g_steal_pointer (&entry);
}

/* The file's last line (without its newline) from the open descriptor; "" for an empty
 * file. *torn: the file does not end with a newline (an append cut short). */
static char *
read_last_line (int       fd,
                gboolean *torn,
                GError  **error)
{
  struct stat st;
  gsize chunk;
  g_autofree char *buffer = NULL;
  gssize got;
  char *start, *end;

  *torn = FALSE;
  if (fstat (fd, &st) != 0)
    goto fail;
  if (st.st_size == 0)
    return g_strdup ("");

  chunk = (gsize) MIN (st.st_size, 2 * LOKET_AUDIT_MAX_LINE);
  buffer = g_malloc0 (chunk + 1);
  got = pread (fd, buffer, chunk, st.st_size - (off_t) chunk);
  if (got != (gssize) chunk)
    goto fail;

  end = buffer + chunk;
  if (end[-1] == '\n')
    end--;
  else
    *torn = TRUE;
  *end = '\0';
  start = g_strrstr (buffer, "\n");
  return g_strdup (start != NULL ? start + 1 : buffer);

fail:
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
               /* Translators: %s is the system's reason. */
               _("cannot read the audit log: %s"), g_strerror (errno));
  return NULL;
}

/* The journal's copy of the entry (or stderr's, outside systemd). */
static void
log_entry (LoketAudit *self,
           guint64     seq,
           const char *staff,
           const char *action,
           const char *target,
           const char *head)
{
  g_autofree char *seq_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);
  g_autofree char *message = g_strdup_printf ("Audit %s: %s by %s", seq_text, action, staff);
  const GLogField fields[] = {
    { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
    { "PRIORITY", "5", -1 },
    { "MESSAGE", message, -1 },
    { "LOKET_AUDIT_SEQ", seq_text, -1 },
    { "LOKET_AUDIT_ACTION", action, -1 },
    { "LOKET_AUDIT_STAFF", staff, -1 },
    { "LOKET_AUDIT_TARGET", target != NULL ? target : "", -1 },
    { "LOKET_AUDIT_FILE", self->path, -1 },
    { "LOKET_AUDIT_HASH", head, -1 },
  };

  g_log_structured_array (G_LOG_LEVEL_MESSAGE, fields, G_N_ELEMENTS (fields));
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static guint64
next_seq (const char *last_line)
{
  g_autofree char *problem = NULL;
  g_autoptr(LoketAuditEntry) entry = NULL;

  if (*last_line == '\0')
    return 1;
  entry = parse_line (last_line, strlen (last_line), NULL, &problem);
  /* A broken last line keeps its place in the count: verify names it. */
  return entry != NULL ? entry->seq + 1 : 0;
}

gboolean
loket_audit_append (LoketAudit  *self,
                    gint64       time,
                    const char  *staff,
                    const char  *action,
                    const char  *target,
                    GError     **error)
{
  g_autofree char *last = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *line = NULL;
  g_autofree char *head = NULL;
  g_autofree char *record = NULL;
  gboolean torn = FALSE;
  guint64 seq;
  int fd, saved_errno = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (staff != NULL && action != NULL, FALSE);

  fd = open (self->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a path, the second the system's reason. */
                   _("cannot open the audit log %s: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  /* Processes (the kiosk, loketctl) append in turn: each reads the head it chains to. */
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  last = read_last_line (fd, &torn, error);
  if (last == NULL)
    {
      close (fd);
      return FALSE;
    }

  prev = *last != '\0' ? hash_bytes (last, strlen (last)) : g_strdup (ZERO_HASH);
  seq = next_seq (last);
  if (seq == 0)
    {
      g_autofree char *all = NULL;
      gsize length = 0;

      if (g_file_get_contents (self->path, &all, &length, NULL))
        for (gsize i = 0; i < length; i++)
          seq += all[i] == '\n';
      seq += 1 + torn;
    }

  line = build_line (seq, time, staff, action, target, prev);
  head = hash_bytes (line, strlen (line));
  record = g_strconcat (torn ? "\n" : "", line, "\n", NULL);
  if (!write_all (fd, record, strlen (record)) || fdatasync (fd) != 0)
    saved_errno = errno != 0 ? errno : EIO;
  close (fd);

  if (saved_errno != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a path, the second the system's reason. */
                   _("cannot write the audit log %s: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }

  log_entry (self, seq, staff, action, target, head);
  return TRUE;
}

GPtrArray *
loket_audit_read (const char  *path,
                  gint64       since,
                  GError     **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) loket_audit_entry_free);
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *problem = NULL;
      LoketAuditEntry *entry;

      if (lines[i][0] == '\0')
        continue;
      entry = parse_line (lines[i], strlen (lines[i]), NULL, &problem);
      if (entry == NULL)
        continue;
      if (entry->time < since)
        loket_audit_entry_free (entry);
      else
        g_ptr_array_add (entries, entry);
    }

  return g_steal_pointer (&entries);
}

/* The chain over the lines; the first break goes in the report. Returns the last line's
 * hash (the head), or NULL for an empty log. */
static char *
walk_chain (GStrv             lines,
            guint             n_lines,
            GPtrArray        *hashes,
            LoketAuditReport *report)
{
  g_autofree char *expected = g_strdup (ZERO_HASH);

  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *problem = NULL;
      g_autofree char *prev = NULL;
      g_autoptr(LoketAuditEntry) entry = parse_line (lines[i], strlen (lines[i]), &prev,
                                                     &problem);

      g_ptr_array_add (hashes, hash_bytes (lines[i], strlen (lines[i])));
      if (report->broken_line != 0)
        continue;

      if (entry != NULL && entry->seq != i + 1)
        /* Translators: %u is a number; a line removed or added before it shifts it. */
        problem = g_strdup_printf (_("its number is %u, not %u: a line was removed or added "
                                     "before it"), (guint) entry->seq, i + 1);
      else if (entry != NULL && !g_str_equal (prev, expected))
        problem = g_strdup (i == 0 ? _("the first line does not start the chain: lines were "
                                       "removed before it")
                                   : _("it does not carry the previous line's hash: the line "
                                       "before it was changed, or lines were removed"));
      if (problem != NULL)
        {
          report->broken_line = i + 1;
          report->problem = g_steal_pointer (&problem);
        }
      g_free (expected);
      expected = g_strdup (g_ptr_array_index (hashes, i));
    }

  return n_lines > 0 ? g_steal_pointer (&expected) : NULL;
}

gboolean
loket_audit_verify (const char        *path,
                    const char        *journal_hash,
                    guint64            journal_seq,
                    LoketAuditReport  *report,
                    GError           **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  guint n_lines;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (!g_file_get_contents (path, &contents, &length, &local) &&
      !g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  lines = g_strsplit (contents != NULL ? contents : "", "\n", -1);
  n_lines = g_strv_length (lines);
  /* The newline that ends the last line leaves an empty string after it. */
  if (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    n_lines--;

  head = walk_chain (lines, n_lines, hashes, report);
  report->entries = n_lines;
  report->journal_read = journal_hash != NULL;
  if (report->broken_line != 0 || journal_hash == NULL || journal_seq == 0)
    return TRUE;

  if (journal_seq > n_lines)
    {
      report->truncated = TRUE;
      report->problem = g_strdup_printf (
        /* Translators: the numbers of the journal's newest entry and of the file's last. */
        _("the journal holds entry %u but the file ends at %u: its tail was cut off"),
        (guint) journal_seq, n_lines);
    }
  else if (!g_str_equal (g_ptr_array_index (hashes, journal_seq - 1), journal_hash))
    {
      report->broken_line = journal_seq;
      report->problem = g_strdup (_("it differs from the journal's copy of this entry"));
    }

  return TRUE;
}

gboolean
loket_audit_read_journal_head (const char  *path,
                               char       **hash,
                               guint64     *seq)
{
  g_autofree char *match = g_strconcat ("LOKET_AUDIT_FILE=", path, NULL);
  const char *argv[] = { "journalctl", "--no-pager", "--quiet", "-o", "json", "-n", "1",
                         match, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  int status = -1;

  g_return_val_if_fail (path != NULL && hash != NULL && seq != NULL, FALSE);

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL) || out == NULL || *g_strstrip (out) == '\0')
    return FALSE;

  if (!json_parser_load_from_data (parser, out, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;

  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_string_member_with_default (object, "LOKET_AUDIT_HASH", NULL) == NULL ||
      json_object_get_string_member_with_default (object, "LOKET_AUDIT_SEQ", NULL) == NULL)
    return FALSE;

  *hash = g_strdup (json_object_get_string_member (object, "LOKET_AUDIT_HASH"));
  *seq = g_ascii_strtoull (json_object_get_string_member (object, "LOKET_AUDIT_SEQ"), NULL, 10);
  return *seq > 0;
}
