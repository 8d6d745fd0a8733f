/* loket-reason.c — why a part waits or stopped, as a code with arguments; its words for staff
 *
 * Every code the delivery engine, the agency client and the outbox store is put into words
 * here, and only here, when a person reads it: the words follow the reader's language, not
 * the language of whoever was at the kiosk when the reason was stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-reason"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "config/loket-secret-file.h"
#include "loket-http.h"
#include "loket-oauth2.h"
#include "loket-reason.h"

struct _LoketReason
{
  JsonObject *object;   /* "code" and the arguments */
};

/* A stored reason is short; anything longer was never written by Loket. */
#define MAX_STORED_BYTES 4096

LoketReason *
loket_reason_new (const char *code)
{
  LoketReason *reason;

  g_return_val_if_fail (code != NULL && *code != '\0', NULL);

  reason = g_new0 (LoketReason, 1);
  reason->object = json_object_new ();
  json_object_set_string_member (reason->object, "code", code);
  return reason;
}

LoketReason *
loket_reason_new_with_status (const char *code,
                              guint       status)
{
  LoketReason *reason = loket_reason_new (code);

  loket_reason_set_int (reason, "status", status);
  return reason;
}

LoketReason *
loket_reason_new_with_string (const char *code,
                              const char *name,
                              const char *value)
{
  LoketReason *reason = loket_reason_new (code);

  loket_reason_set_string (reason, name, value);
  return reason;
}

LoketReason *
loket_reason_from_error (const GError *error)
{
  const LoketReason *reason;

  g_return_val_if_fail (error != NULL, NULL);

  reason = loket_http_error_get_reason (error);
  if (reason == NULL)
    reason = loket_oauth2_error_get_reason (error);
  if (reason != NULL)
    return loket_reason_copy (reason);
  /* Words of the moment, but better than nothing. */
  return loket_reason_new_with_string ("text", "text", error->message);
}

LoketReason *
loket_reason_new_secret_file (const GError *error,
                              const char   *kind,
                              const char   *path)
{
  const LoketSecretFileFacts *facts;
  LoketReason *reason;

  g_return_val_if_fail (error != NULL && kind != NULL && path != NULL, NULL);

  reason = loket_reason_new_with_string ("secret-file", "file", path);
  loket_reason_set_string (reason, "kind", kind);
  facts = loket_secret_file_error_get_facts (error);
  if (facts == NULL)
    {
      /* Not the secret check's error: its words of the moment are better than nothing. */
      loket_reason_set_string (reason, "problem", "failed");
      loket_reason_set_string (reason, "text", error->message);
      return reason;
    }

  loket_reason_set_string (reason, "problem", loket_secret_file_error_to_string (error->code));
  /* Only the facts that the problem's words use. */
  switch ((LoketSecretFileError) error->code)
    {
    case LOKET_SECRET_FILE_ERROR_MODE:
      loket_reason_set_int (reason, "mode", facts->mode);
      break;
    case LOKET_SECRET_FILE_ERROR_OWNER:
      loket_reason_set_int (reason, "owner", facts->owner);
      loket_reason_set_int (reason, "uid", facts->uid);
      break;
    case LOKET_SECRET_FILE_ERROR_DENIED:
      loket_reason_set_int (reason, "uid", facts->uid);
      break;
    case LOKET_SECRET_FILE_ERROR_NOT_REGULAR:
      loket_reason_set_string (reason, "type", facts->type);
      break;
    case LOKET_SECRET_FILE_ERROR_TOO_LARGE:
      loket_reason_set_int (reason, "limit", (gint64) facts->limit);
      break;
    case LOKET_SECRET_FILE_ERROR_SIZE:
      loket_reason_set_int (reason, "size", (gint64) facts->size);
      loket_reason_set_int (reason, "limit", (gint64) facts->limit);
      break;
    case LOKET_SECRET_FILE_ERROR_FAILED:
      loket_reason_set_int (reason, "errno", facts->errnum);
      break;
    case LOKET_SECRET_FILE_ERROR_MISSING:
    case LOKET_SECRET_FILE_ERROR_SYMLINK:
    case LOKET_SECRET_FILE_ERROR_EMPTY:
    default:
      break;
    }
  return reason;
}

static gboolean
is_bare_code (const char *text)
{
  if (!g_ascii_islower (*text))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static LoketReason *
plain_text (const char *stored)
{
  LoketReason *reason = loket_reason_new ("text");

  loket_reason_set_string (reason, "text", stored);
  return reason;
}

LoketReason *
loket_reason_parse (const char *stored)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonNode *code;
  LoketReason *reason;

  g_return_val_if_fail (stored != NULL, NULL);

  if (is_bare_code (stored))
    return loket_reason_new (stored);

  /* Reasons are Loket's own compact JSON: a small object, one level (two with a cause). */
  if (stored[0] != '{' || strlen (stored) > MAX_STORED_BYTES)
    return plain_text (stored);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, stored, -1, NULL))
    return plain_text (stored);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return plain_text (stored);
  code = json_object_get_member (json_node_get_object (root), "code");
  if (code == NULL || json_node_get_value_type (code) != G_TYPE_STRING ||
      !is_bare_code (json_node_get_string (code)))
    return plain_text (stored);

  reason = g_new0 (LoketReason, 1);
  reason->object = json_object_ref (json_node_get_object (root));
  return reason;
}

LoketReason *
loket_reason_copy (const LoketReason *reason)
{
  g_autofree char *stored = NULL;

  g_return_val_if_fail (reason != NULL, NULL);

  stored = loket_reason_serialize (reason);
  return loket_reason_parse (stored);
}

void
loket_reason_free (LoketReason *reason)
{
  if (reason == NULL)
    return;

  json_object_unref (reason->object);
  g_free (reason);
}

void
loket_reason_set_int (LoketReason *reason,
                      const char  *name,
                      gint64       value)
{
  g_return_if_fail (reason != NULL && name != NULL);

  json_object_set_int_member (reason->object, name, value);
}

void
loket_reason_set_string (LoketReason *reason,
                         const char  *name,
                         const char  *value)
{
  g_return_if_fail (reason != NULL && name != NULL);

  if (value != NULL)
    json_object_set_string_member (reason->object, name, value);
}

void
loket_reason_set_boolean (LoketReason *reason,
                          const char  *name,
                          gboolean     value)
{
  g_return_if_fail (reason != NULL && name != NULL);

  json_object_set_boolean_member (reason->object, name, value);
}

void
loket_reason_set_cause (LoketReason       *reason,
                        const LoketReason *cause)
{
  g_return_if_fail (reason != NULL && cause != NULL);

  json_object_set_object_member (reason->object, "cause", json_object_ref (cause->object));
}

const char *
loket_reason_get_code (const LoketReason *reason)
{
  g_return_val_if_fail (reason != NULL, NULL);

  return json_object_get_string_member (reason->object, "code");
}

gint64
loket_reason_get_int (const LoketReason *reason,
                      const char        *name,
                      gint64             default_value)
{
  JsonNode *node;

  g_return_val_if_fail (reason != NULL && name != NULL, default_value);

  node = json_object_get_member (reason->object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return default_value;
}

const char *
loket_reason_get_string (const LoketReason *reason,
                         const char        *name)
{
  JsonNode *node;

  g_return_val_if_fail (reason != NULL && name != NULL, NULL);

  node = json_object_get_member (reason->object, name);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static LoketReason *
get_cause (const LoketReason *reason)
{
  JsonNode *node = json_object_get_member (reason->object, "cause");
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *stored = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  copy = json_node_copy (node);
  stored = json_to_string (copy, FALSE);
  return loket_reason_parse (stored);
}

JsonNode *
loket_reason_get_args (const LoketReason *reason)
{
  g_autoptr(GList) members = NULL;
  JsonObject *args;
  JsonNode *node;

  g_return_val_if_fail (reason != NULL, NULL);

  if (json_object_get_size (reason->object) <= 1)
    return NULL;

  args = json_object_new ();
  members = json_object_get_members (reason->object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "code"))
      json_object_set_member (args, l->data,
                              json_node_copy (json_object_get_member (reason->object, l->data)));

  node = json_node_init_object (json_node_alloc (), args);
  json_object_unref (args);   /* the node holds its own reference */
  return node;
}

char *
loket_reason_serialize (const LoketReason *reason)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (reason != NULL, NULL);

  if (json_object_get_size (reason->object) == 1)
    return g_strdup (loket_reason_get_code (reason));

  node = json_node_init_object (json_node_alloc (), reason->object);
  return json_to_string (node, FALSE);
}

/* ---- Words ---- */

static guint
arg_uint (const LoketReason *reason,
          const char        *name)
{
  return (guint) CLAMP (loket_reason_get_int (reason, name, 0), 0, G_MAXUINT);
}

static const char *
arg_string (const LoketReason *reason,
            const char        *name)
{
  const char *value = loket_reason_get_string (reason, name);

  return value != NULL ? value : "?";
}

/* A GFileError code (why a file could not be read) in words. */
static const char *
file_error_words (const LoketReason *reason)
{
  switch ((GFileError) loket_reason_get_int (reason, "file_error", G_FILE_ERROR_FAILED))
    {
    case G_FILE_ERROR_NOENT:
      /* Translators: why a file cannot be read. */
      return _("it does not exist");
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
      /* Translators: why a file cannot be read. */
      return _("permission denied");
    case G_FILE_ERROR_ISDIR:
      /* Translators: why a file cannot be read. */
      return _("it is a folder");
    default:
      /* Translators: why a file cannot be read, when the system gives no better reason. */
      return _("it cannot be read");
    }
}

/* What was wrong with an agency's answer body ("body": empty, not-json, not-object, …). */
static const char *
body_words (const LoketReason *reason)
{
  const char *body = arg_string (reason, "body");

  if (g_str_equal (body, "empty"))
    /* Translators: what was wrong with an agency's answer. */
    return _("an empty answer");
  if (g_str_equal (body, "not-json"))
    /* Translators: what was wrong with an agency's answer. */
    return _("the answer is not JSON");
  if (g_str_equal (body, "not-object"))
    /* Translators: what was wrong with an agency's answer. */
    return _("the answer is not a JSON object");
  if (g_str_equal (body, "no-reference"))
    /* Translators: what was wrong with an agency's answer; "reference" is a protocol word. */
    return _("it has no “reference”");
  if (g_str_equal (body, "no-errors"))
    /* Translators: what was wrong with an agency's answer; "errors" is a protocol word. */
    return _("it has no “errors” list");
  if (g_str_equal (body, "no-submissions"))
    /* Translators: what was wrong with an agency's answer; "submissions" is a protocol word. */
    return _("it has no “submissions” list");
  /* Translators: what was wrong with an agency's answer, when nothing more is known. */
  return _("it cannot be read");
}

/* A transport failure: no usable answer came. */
static char *
transport_words (const LoketReason *reason)
{
  const char *kind = arg_string (reason, "kind");
  const char *text = loket_reason_get_string (reason, "text");
  gint64 curl = loket_reason_get_int (reason, "curl", 0);
  g_autofree char *words = NULL;

  /* libcurl's numbers (curl/curl.h), stable since long: 58 a bad client certificate,
   * 60 a server certificate not trusted, 90 a public key that is not the pinned one. */
  if (loket_reason_get_int (reason, "client_cert", FALSE))
    words = g_strdup (_("The secure connection failed; the agency may require a client "
                        "certificate: set client-cert and client-key"));
  else if (g_str_equal (kind, "connect"))
    words = g_strdup (_("Cannot connect to the agency"));
  else if (g_str_equal (kind, "timeout"))
    words = g_strdup (_("The agency did not answer in time"));
  else if (g_str_equal (kind, "tls") && curl == 60)
    words = g_strdup (_("The agency's certificate is not trusted: check ca-file"));
  else if (g_str_equal (kind, "tls") && curl == 90)
    words = g_strdup (_("The agency's public key is not the pinned one: check pinned-key"));
  else if (g_str_equal (kind, "tls") && curl == 58)
    words = g_strdup (_("The kiosk's client certificate cannot be used: check client-cert and "
                        "client-key"));
  else if (g_str_equal (kind, "tls"))
    words = g_strdup (_("The secure connection (TLS) to the agency failed"));
  else if (g_str_equal (kind, "too-large"))
    {
      guint limit = arg_uint (reason, "limit");

      words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %u is a number of bytes (the
                                             * limit on an answer's size). */
                                            "The agency's answer is larger than %u byte",
                                            "The agency's answer is larger than %u bytes", limit),
                               limit);
    }
  else if (g_str_equal (kind, "protocol"))
    words = g_strdup (_("The agency's answer was cut off or is not valid HTTP"));
  else if (g_str_equal (kind, "refused"))
    words = g_strdup (_("The agency's URL cannot be used"));
  else
    words = g_strdup (_("The transfer to the agency failed"));

  /* The network library's own words (English) help whoever fixes the network. */
  if (text != NULL && *text != '\0')
    /* Translators: a reason, then the network library's own description (in English) of
     * what failed, e.g. "Cannot connect to the agency (curl: Connection refused)". */
    return g_strdup_printf (_("%s (curl: %s)"), words, text);
  return g_steal_pointer (&words);
}

static char *
oauth2_words (const LoketReason *reason,
              const char        *code)
{
  const char *agency = arg_string (reason, "agency");

  if (g_str_equal (code, "oauth2-no-secret-file"))
    /* Translators: %s is an agency id; client-secret-file is a config key. */
    return g_strdup_printf (_("Agency %s: profile oauth2 needs client-secret-file"), agency);
  if (g_str_equal (code, "oauth2-secret-unreadable"))
    /* Translators: the first %s is a file, the second why it cannot be read. */
    return g_strdup_printf (_("Cannot read the client secret %s: %s"), arg_string (reason, "file"),
                            file_error_words (reason));
  if (g_str_equal (code, "oauth2-secret-open"))
    /* Translators: %s is a file, %04o its permissions (e.g. 0644). */
    return g_strdup_printf (_("The client secret %s is open to group or others (mode %04o): "
                              "run chmod 600 on it"), arg_string (reason, "file"),
                            arg_uint (reason, "mode"));
  if (g_str_equal (code, "oauth2-secret-not-text"))
    /* Translators: %s is a file. */
    return g_strdup_printf (_("The client secret %s is not one line of text"),
                            arg_string (reason, "file"));
  if (g_str_equal (code, "oauth2-secret-empty"))
    /* Translators: %s is a file. */
    return g_strdup_printf (_("The client secret %s is empty"), arg_string (reason, "file"));
  if (g_str_equal (code, "oauth2-answer-not-json"))
    /* Translators: %s is an agency id. */
    return g_strdup_printf (_("Agency %s: the token endpoint's answer is not a JSON object"),
                            agency);
  if (g_str_equal (code, "oauth2-no-access-token"))
    /* Translators: %s is an agency id; access_token is a protocol word. */
    return g_strdup_printf (_("Agency %s: the token endpoint's answer has no access_token"),
                            agency);
  if (g_str_equal (code, "oauth2-token-type"))
    /* Translators: the first %s is an agency id, the second a token type. */
    return g_strdup_printf (_("Agency %s: the token endpoint gives tokens of type '%s', not "
                              "Bearer"), agency, arg_string (reason, "type"));
  if (g_str_equal (code, "oauth2-unreachable"))
    {
      g_autoptr(LoketReason) cause = get_cause (reason);
      g_autofree char *why = cause != NULL ? loket_reason_to_text (cause) : g_strdup ("?");

      /* Translators: the first %s is an agency id, the second a network failure. */
      return g_strdup_printf (_("Agency %s: no answer from the token endpoint: %s"), agency, why);
    }
  if (g_str_equal (code, "oauth2-refused"))
    {
      const char *word = loket_reason_get_string (reason, "error");

      /* Translators: the first %s is an agency id, %u an HTTP status, the next %s an OAuth2
       * error word (e.g. invalid_client), the last a file or config key. */
      return g_strdup_printf (_("Agency %s: the token endpoint refuses the kiosk (HTTP %u, %s): "
                                "check client-id and the secret in %s"), agency,
                              arg_uint (reason, "status"),
                              /* Translators: in place of an OAuth2 error word, when the
                               * token endpoint gave none. */
                              word != NULL ? word : _("no error code"),
                              arg_string (reason, "file"));
    }
  if (g_str_equal (code, "oauth2-status"))
    /* Translators: %s is an agency id, %u an HTTP status. */
    return g_strdup_printf (_("Agency %s: the token endpoint answers HTTP %u"), agency,
                            arg_uint (reason, "status"));
  if (g_str_equal (code, "oauth2-config"))
    /* Translators: %s is an agency id; the rest are config keys. */
    return g_strdup_printf (_("Agency %s: profile oauth2 needs token-url and client-id"), agency);
  if (g_str_equal (code, "oauth2-url"))
    /* Translators: %s is an agency id; token-url is a config key. */
    return g_strdup_printf (_("Agency %s: the token-url must be https:// (plain http:// only to "
                              "this machine)"), agency);
  return NULL;
}

/* An agency's answer to a submission or a query. */
static char *
answer_words (const LoketReason *reason,
              const char        *code)
{
  guint status = arg_uint (reason, "status");

  if (g_str_equal (code, "http-status"))
    /* Translators: %u is an HTTP status (408, 429, 503 …) that means "try again later". */
    return g_strdup_printf (_("The agency answered HTTP %u; the part will be sent again"),
                            status);
  if (g_str_equal (code, "answer-status"))
    /* Translators: %u is an HTTP status. */
    return g_strdup_printf (_("The agency answered HTTP %u"), status);
  if (g_str_equal (code, "busy"))
    return g_strdup (_("The agency is still processing this part (HTTP 409); it will be "
                       "asked again"));
  if (g_str_equal (code, "unexpected-status"))
    /* Translators: %u is an HTTP status the protocol does not foresee. */
    return g_strdup_printf (_("The agency gave an answer Loket does not expect (HTTP %u)"),
                            status);
  if (g_str_equal (code, "accepted"))
    return loket_reason_get_int (reason, "replay", FALSE)
           /* Translators: %u is an HTTP status (200). */
           ? g_strdup_printf (_("Accepted by the agency earlier (HTTP %u, a replay)"), status)
           /* Translators: %u is an HTTP status (201 or 202). */
           : g_strdup_printf (_("Accepted by the agency (HTTP %u)"), status);
  if (g_str_equal (code, "no-reference"))
    /* Translators: %u is an HTTP status; %s what was wrong with the answer. The part is not
     * counted as delivered. */
    return g_strdup_printf (_("The agency answered HTTP %u without a reference: %s"), status,
                            body_words (reason));
  if (g_str_equal (code, "unreadable-reasons"))
    /* Translators: %s is what was wrong with the answer. */
    return g_strdup_printf (_("The agency refused the part (HTTP 422) without reasons Loket "
                              "can read: %s"), body_words (reason));
  if (g_str_equal (code, "idempotency-key-reused"))
    return g_strdup (_("The agency holds different data under this part's key (HTTP 422, "
                       "idempotency_key_reused): check with the agency"));
  if (g_str_equal (code, "rejected"))
    {
      guint count = arg_uint (reason, "count");

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %u is how many reasons the
                                            * agency gave. */
                                           "The agency rejected the part with %u reason "
                                           "(HTTP 422)",
                                           "The agency rejected the part with %u reasons "
                                           "(HTTP 422)", count), count);
    }
  if (g_str_equal (code, "malformed"))
    return g_strdup (_("The agency calls the request malformed (HTTP 400): check with the "
                       "agency"));
  if (g_str_equal (code, "credentials"))
    /* Translators: %u is 401 or 403. */
    return g_strdup_printf (_("The agency refuses the kiosk's credentials (HTTP %u)"), status);
  if (g_str_equal (code, "xroad-server"))
    /* Translators: %s is an X-Road error code (Server.…), %u an HTTP status. */
    return g_strdup_printf (_("The X-Road security server reports %s (HTTP %u); the part will "
                              "be sent again"), arg_string (reason, "xroad_error"), status);
  if (g_str_equal (code, "xroad-client"))
    /* Translators: %s is an X-Road error code (Client.…), %u an HTTP status; xroad-client
     * and xroad-service are config keys. */
    return g_strdup_printf (_("The X-Road security server refuses the request: %s (HTTP %u); "
                              "check xroad-client, xroad-service and the access rights"),
                            arg_string (reason, "xroad_error"), status);
  if (g_str_equal (code, "track-answer"))
    /* Translators: %s is what was wrong with the answer. */
    return g_strdup_printf (_("The agency's answer to a tracking query cannot be used: %s"),
                            body_words (reason));
  return NULL;
}

/* What a secret file is for, in words (the kind is stored). */
static const char *
secret_kind_words (const char *kind)
{
  if (g_str_equal (kind, "token-file"))
    return _("token file");
  if (g_str_equal (kind, "client-key"))
    return _("client key");
  if (g_str_equal (kind, "client-secret"))
    return _("client secret");
  if (g_str_equal (kind, "outbox-key"))
    return _("outbox key");
  /* Translators: what a secret file is for, when the stored kind is not known. */
  return _("secret file");
}

/* The secret check's own words (config/loket-secret-file.c), from the stored facts. */
static char *
secret_file_words (const LoketReason *reason)
{
  int problem = loket_secret_file_error_from_string (loket_reason_get_string (reason, "problem"));
  const char *text = loket_reason_get_string (reason, "text");
  LoketSecretFileFacts facts = {
    .mode = arg_uint (reason, "mode"),
    .owner = arg_uint (reason, "owner"),
    .uid = arg_uint (reason, "uid"),
    .size = (guint64) MAX (loket_reason_get_int (reason, "size", 0), 0),
    .limit = (guint64) MAX (loket_reason_get_int (reason, "limit", 0), 0),
    .errnum = (int) loket_reason_get_int (reason, "errno", 0),
    .type = loket_reason_get_string (reason, "type"),
  };

  if (problem < 0 || (problem == LOKET_SECRET_FILE_ERROR_FAILED && text != NULL))
    return g_strdup (text != NULL ? text : "?");
  return loket_secret_file_describe (arg_string (reason, "file"),
                                     secret_kind_words (arg_string (reason, "kind")),
                                     (LoketSecretFileError) problem, &facts);
}

/* The kiosk's own configuration or state stands in the way. */
static char *
kiosk_words (const LoketReason *reason,
             const char        *code)
{
  if (g_str_equal (code, "url-invalid"))
    /* Translators: %s is a URL from the configuration. */
    return g_strdup_printf (_("The agency URL “%s” is not a valid URL"),
                            arg_string (reason, "url"));
  if (g_str_equal (code, "url-scheme"))
    /* Translators: %s is a URL from the configuration. */
    return g_strdup_printf (_("The agency URL “%s” is neither https:// nor http://"),
                            arg_string (reason, "url"));
  if (g_str_equal (code, "url-plain-http"))
    /* Translators: %s is a host name; allow-plain-http is a config key. */
    return g_strdup_printf (_("Plain http:// to “%s” is refused: use https://, or set "
                              "allow-plain-http = true for this agency"),
                            arg_string (reason, "host"));
  if (g_str_equal (code, "token-file"))
    /* Translators: the first %s is a file, the second why it cannot be read. */
    return g_strdup_printf (_("Cannot read the token file %s: %s"), arg_string (reason, "file"),
                            file_error_words (reason));
  if (g_str_equal (code, "secret-file"))
    return secret_file_words (reason);
  if (g_str_equal (code, "token-too-large"))
    {
      guint limit = arg_uint (reason, "limit");

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a file, %u a number of
                                            * bytes. */
                                           "The token file %s holds more than %u byte",
                                           "The token file %s holds more than %u bytes", limit),
                              arg_string (reason, "file"), limit);
    }
  if (g_str_equal (code, "no-agency-config"))
    /* Translators: %s is an agency id: the configuration lacks its group. */
    return g_strdup_printf (_("The configuration has no [agency %s] group"),
                            arg_string (reason, "agency"));
  if (g_str_equal (code, "undecryptable"))
    return g_strdup (_("The stored part does not decrypt with this kiosk's key: the key was "
                       "changed, or the data is damaged"));
  return NULL;
}

/* The outbox's own codes: short words, no arguments. */
static char *
outbox_words (const char *code)
{
  if (g_str_equal (code, "expired"))
    return g_strdup (_("Its personal data was deleted after pii-max-days: the citizen must "
                       "submit it again"));
  if (g_str_equal (code, "garbage"))
    return g_strdup (_("The agency's answers could not be understood, several times in a row"));
  if (g_str_equal (code, "held"))
    return g_strdup (_("Its agency is held: every part for it waits"));
  if (g_str_equal (code, "staff"))
    return g_strdup (_("Cancelled by staff"));
  if (g_str_equal (code, "prerequisite-ended"))
    return g_strdup (_("The service it needed ended without being delivered"));
  if (g_str_equal (code, "agency-refused"))
    return g_strdup (_("The agency refused it: check with the agency"));
  return NULL;
}

char *
loket_reason_to_text (const LoketReason *reason)
{
  const char *code;
  char *words;

  g_return_val_if_fail (reason != NULL, NULL);

  code = loket_reason_get_code (reason);
  if (g_str_equal (code, "text"))
    return g_strdup (arg_string (reason, "text"));
  if (g_str_equal (code, "transport"))
    return transport_words (reason);

  if ((words = answer_words (reason, code)) != NULL ||
      (words = oauth2_words (reason, code)) != NULL ||
      (words = kiosk_words (reason, code)) != NULL ||
      (words = outbox_words (code)) != NULL)
    return words;

  /* A code from a newer Loket, or one stored by hand: show it as stored. */
  {
    g_autofree char *stored = loket_reason_serialize (reason);

    /* Translators: a reason this version of Loket has no words for; %s is how it is stored. */
    return g_strdup_printf (_("Reason %s"), stored);
  }
}

GError *
loket_reason_to_error (const LoketReason *reason,
                       GQuark             domain,
                       int                code)
{
  g_autofree char *words = NULL;

  g_return_val_if_fail (reason != NULL, NULL);

  words = loket_reason_to_text (reason);
  return g_error_new_literal (domain, code, words);
}

char *
loket_reason_format (const char *stored)
{
  g_autoptr(LoketReason) reason = NULL;

  if (stored == NULL)
    return NULL;

  reason = loket_reason_parse (stored);
  return loket_reason_to_text (reason);
}
