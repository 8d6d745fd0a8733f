/* loket-agency-answer.c — what an agency's answer means, in agency protocol v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The other half of loket-agency-client.c: that file sends, this one reads. Every answer to
 * a submission becomes one of a few outcomes the delivery engine acts on, by the protocol's
 * rules (docs/agency-protocol.md): the HTTP status decides, never the transport's success
 * alone, nothing counts as delivered without a 2xx and a reference, and the profile's own
 * error (an X-Road security server's, say: loket-profile-xroad.c) speaks before the status.
 * A tracking answer becomes its list of parts.
 * Bodies are parsed with a cap on size and depth (loket-json.h), and what the agency says
 * of a part's data is kept, never logged.
 */
#define G_LOG_DOMAIN "loket-agency"

#include "config.h"

#include "core/loket-json.h"
#include "loket-agency-answer.h"
#include "loket-agency-profile.h"

#define MAX_ANSWER_DEPTH 32

const char *
loket_submit_outcome_to_string (LoketSubmitOutcome outcome)
{
  static const char * const names[] = {
    "accepted", "rejected", "retry", "needs-staff", "garbage", "hold",
  };

  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (names), NULL);
  return names[outcome];
}

static void
reason_free (LoketAgencyReason *reason)
{
  g_free (reason->field);
  g_free (reason->code);
  g_free (reason->message);
  g_free (reason);
}

void
loket_submit_result_free (LoketSubmitResult *result)
{
  if (result == NULL)
    return;

  g_free (result->reference);
  g_free (result->status);
  g_free (result->expected_completion);
  g_clear_pointer (&result->outputs, json_object_unref);
  g_clear_pointer (&result->reasons, g_ptr_array_unref);
  g_clear_pointer (&result->detail, loket_reason_free);
  g_free (result);
}

void
loket_agency_submission_free (LoketAgencySubmission *submission)
{
  if (submission == NULL)
    return;

  g_free (submission->part_id);
  g_free (submission->service);
  g_free (submission->reference);
  g_free (submission->status);
  g_free (submission->updated_at);
  g_free (submission->note);
  g_clear_pointer (&submission->outputs, json_object_unref);
  g_free (submission);
}

/* Parses an answer's body as a JSON object; NULL with *problem set when it is not one: a word
 * for a reason's "body" (loket-reason.c): empty, not-json, not-object. */
static JsonObject *
parse_answer (GBytes      *body,
              const char **problem)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  LoketJsonProblems where = { "answer", problems };
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  const char *text = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  if (length == 0)
    {
      *problem = "empty";
      return NULL;
    }

  root = loket_json_parse (&where, text, length, LOKET_AGENCY_MAX_ANSWER_BYTES, MAX_ANSWER_DEPTH);
  if (root == NULL)
    {
      *problem = "not-json";
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      *problem = "not-object";
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static char *
dup_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static JsonObject *
dup_object_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_ref (json_node_get_object (node));
}

/* Reads {"errors":[{"field","code","message"}]}; FALSE when the shape is wrong. */
static gboolean
read_reasons (JsonObject *answer,
              GPtrArray  *reasons)
{
  JsonNode *node = json_object_get_member (answer, "errors");
  JsonArray *errors;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  errors = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *element = json_array_get_element (errors, i);
      LoketAgencyReason *reason;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return FALSE;

      object = json_node_get_object (element);
      reason = g_new0 (LoketAgencyReason, 1);
      reason->field = dup_string_member (object, "field");
      reason->code = dup_string_member (object, "code");
      reason->message = dup_string_member (object, "message");
      g_ptr_array_add (reasons, reason);
    }

  return TRUE;
}

static gboolean
reasons_have_code (GPtrArray  *reasons,
                   const char *code)
{
  for (guint i = 0; i < reasons->len; i++)
    {
      LoketAgencyReason *reason = g_ptr_array_index (reasons, i);

      if (g_strcmp0 (reason->code, code) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The profile's own error, if the answer carries one: its reason, and *outcome. */
static LoketReason *
profile_error (const LoketAgencyProfileOps *profile,
               const LoketHttpResponse     *response,
               LoketSubmitOutcome          *outcome)
{
  if (profile == NULL || profile->read_error == NULL)
    return NULL;
  return profile->read_error (response, outcome);
}

/* 200, 201, 202: delivered, when the answer holds a reference. */
static void
read_accepted (LoketSubmitResult       *result,
               const LoketHttpResponse *response)
{
  g_autoptr(JsonObject) answer = NULL;
  const char *problem = NULL;
  guint status = response->status;

  answer = parse_answer (response->body, &problem);
  if (answer != NULL)
    result->reference = dup_string_member (answer, "reference");
  if (result->reference == NULL || *result->reference == '\0')
    {
      result->outcome = LOKET_SUBMIT_GARBAGE;
      result->detail = loket_reason_new_with_status ("no-reference", status);
      loket_reason_set_string (result->detail, "body",
                               problem != NULL ? problem : "no-reference");
      g_clear_pointer (&result->reference, g_free);
      return;
    }
  result->outcome = LOKET_SUBMIT_ACCEPTED;
  result->status = dup_string_member (answer, "status");
  result->expected_completion = dup_string_member (answer, "expected_completion");
  result->outputs = dup_object_member (answer, "outputs");
  result->detail = loket_reason_new_with_status ("accepted", status);
  if (status == 200)
    loket_reason_set_boolean (result->detail, "replay", TRUE);
}

/* 422: the agency's reasons, or a key reused with other bytes. */
static void
read_rejected (LoketSubmitResult       *result,
               const LoketHttpResponse *response)
{
  g_autoptr(JsonObject) answer = NULL;
  const char *problem = NULL;
  guint status = response->status;

  answer = parse_answer (response->body, &problem);
  if (answer == NULL || !read_reasons (answer, result->reasons))
    {
      result->outcome = LOKET_SUBMIT_GARBAGE;
      result->detail = loket_reason_new_with_status ("unreadable-reasons", status);
      loket_reason_set_string (result->detail, "body", problem != NULL ? problem : "no-errors");
      return;
    }
  if (reasons_have_code (result->reasons, "idempotency_key_reused"))
    {
      result->outcome = LOKET_SUBMIT_NEEDS_STAFF;
      result->detail = loket_reason_new_with_status ("idempotency-key-reused", status);
    }
  else
    {
      result->outcome = LOKET_SUBMIT_REJECTED;
      result->detail = loket_reason_new_with_status ("rejected", status);
      loket_reason_set_int (result->detail, "count", result->reasons->len);
    }
}

/* Any other status: what it says alone. */
static void
read_status (LoketSubmitResult *result,
             guint              status)
{
  switch (status)
    {
    case 400:
      result->outcome = LOKET_SUBMIT_NEEDS_STAFF;
      result->detail = loket_reason_new_with_status ("malformed", status);
      break;

    case 401:
    case 403:
      result->outcome = LOKET_SUBMIT_HOLD;
      result->detail = loket_reason_new_with_status ("credentials", status);
      break;

    case 408:
    case 409:
    case 425:
    case 429:
      result->outcome = LOKET_SUBMIT_RETRY;
      result->detail = loket_reason_new_with_status (status == 409 ? "busy" : "http-status",
                                                     status);
      break;

    default:
      if (status >= 500 && status <= 599)
        {
          result->outcome = LOKET_SUBMIT_RETRY;
          result->detail = loket_reason_new_with_status ("http-status", status);
        }
      else
        {
          result->outcome = LOKET_SUBMIT_GARBAGE;
          result->detail = loket_reason_new_with_status ("unexpected-status", status);
        }
      break;
    }
}

LoketSubmitResult *
loket_agency_answer_classify (const LoketAgencyProfileOps *profile,
                              const LoketHttpResponse     *response)
{
  g_autoptr(LoketSubmitResult) result = g_new0 (LoketSubmitResult, 1);

  result->http_status = response->status;
  result->retry_after_s = response->retry_after_s;
  result->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);

  /* The profile's own error speaks for itself (X-Road: Server.* is a transport failure,
   * Client.* holds the agency). */
  result->detail = profile_error (profile, response, &result->outcome);
  if (result->detail != NULL)
    return g_steal_pointer (&result);

  if (response->status >= 200 && response->status <= 202)
    read_accepted (result, response);
  else if (response->status == 422)
    read_rejected (result, response);
  else
    read_status (result, response->status);

  return g_steal_pointer (&result);
}

LoketSubmitResult *
loket_agency_answer_classify_error (const GError *error)
{
  LoketSubmitResult *result = g_new0 (LoketSubmitResult, 1);

  result->retry_after_s = -1;
  result->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  result->detail = loket_reason_from_error (error);

  if (g_error_matches (error, LOKET_HTTP_ERROR, LOKET_HTTP_ERROR_TOO_LARGE))
    result->outcome = LOKET_SUBMIT_GARBAGE;
  else if (g_error_matches (error, LOKET_HTTP_ERROR, LOKET_HTTP_ERROR_REFUSED))
    result->outcome = LOKET_SUBMIT_HOLD;
  else
    result->outcome = LOKET_SUBMIT_RETRY;

  return result;
}

LoketSubmitResult *
loket_agency_answer_new (LoketSubmitOutcome  outcome,
                         LoketReason        *detail)
{
  LoketSubmitResult *result = g_new0 (LoketSubmitResult, 1);

  result->outcome = outcome;
  result->retry_after_s = -1;
  result->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  result->detail = detail;
  return result;
}

LoketSubmitResult *
loket_agency_answer_held (LoketReason *detail)
{
  return loket_agency_answer_new (LOKET_SUBMIT_HOLD, detail);
}

static GPtrArray *
read_submissions (JsonObject  *answer,
                  GError     **error)
{
  g_autoptr(GPtrArray) submissions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) loket_agency_submission_free);
  JsonNode *node = json_object_get_member (answer, "submissions");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(LoketReason) reason = loket_reason_new_with_string ("track-answer", "body",
                                                                    "no-submissions");

      g_propagate_error (error, loket_reason_to_error (reason, G_IO_ERROR,
                                                       G_IO_ERROR_INVALID_DATA));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      LoketAgencySubmission *submission;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      object = json_node_get_object (element);
      submission = g_new0 (LoketAgencySubmission, 1);
      submission->part_id = dup_string_member (object, "part_id");
      submission->service = dup_string_member (object, "service");
      submission->reference = dup_string_member (object, "reference");
      submission->status = dup_string_member (object, "status");
      submission->updated_at = dup_string_member (object, "updated_at");
      submission->note = dup_string_member (object, "note");
      submission->outputs = dup_object_member (object, "outputs");
      g_ptr_array_add (submissions, submission);
    }

  return g_steal_pointer (&submissions);
}

/* A GET's answer (tracking, health) is read only when it is a 200; otherwise the error says
 * why, as a reason: the profile's own error (an X-Road security server's), or the status. */
gboolean
loket_agency_answer_check_get (const LoketAgencyProfileOps  *profile,
                               const LoketHttpResponse      *response,
                               GError                      **error)
{
  g_autoptr(LoketReason) reason = NULL;
  LoketSubmitOutcome outcome;

  if (response->status == 200)
    return TRUE;

  reason = profile_error (profile, response, &outcome);
  if (reason == NULL)
    reason = loket_reason_new_with_status ("answer-status", response->status);
  g_propagate_error (error, loket_reason_to_error (reason, G_IO_ERROR, G_IO_ERROR_FAILED));
  return FALSE;
}

GPtrArray *
loket_agency_answer_read_track (const LoketHttpResponse  *response,
                                GError                  **error)
{
  g_autoptr(JsonObject) answer = NULL;
  const char *problem = NULL;

  answer = parse_answer (response->body, &problem);
  if (answer == NULL)
    {
      g_autoptr(LoketReason) reason = loket_reason_new_with_string ("track-answer", "body",
                                                                    problem);

      g_propagate_error (error, loket_reason_to_error (reason, G_IO_ERROR,
                                                       G_IO_ERROR_INVALID_DATA));
      return NULL;
    }

  return read_submissions (answer, error);
}
