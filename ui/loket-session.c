/* loket-session.c — what the screens share: the kiosk's services and one citizen's request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-session"

#include "config.h"

#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include <glib/gstdio.h>

#include "core/loket-i18n.h"
#include "metrics/loket-metrics.h"
#include "outbox/loket-submission.h"
#include "loket-session.h"

struct _LoketSession
{
  GObject         parent_instance;

  LoketConfig    *config;
  LoketCatalog   *catalog;
  LoketHttp      *http;
  LoketOutbox    *outbox;          /* NULL when unavailable */
  GError         *outbox_error;
  LoketDelivery  *delivery;
  gboolean        delivery_wanted; /* loket_session_start_delivery () was called */

  LoketServiceState *service;
  guint           recheck_ms;
  guint           recheck_id;

  /* submit_async's own connection, opened and used only by its worker thread, under
   * writer_lock (one connection per thread at a time). Not the delivery worker's: it may not
   * run, and a commit queued behind its network work (or its fsyncs behind ours) would stall
   * one for the other; this one waits for nothing but SQLite's write lock. */
  GMutex          writer_lock;
  LoketOutbox    *writer;
  gboolean        submitting;
  /* Bumped by every reset: a submission finishing after one belongs to a citizen gone. */
  guint           generation;
  gboolean        idle_wipe;      /* the next reset is the idle timer's */

  char           *language;
  LoketRequest   *request;
  char           *tracking_code;
  GPtrArray      *parts;

  /* The receipt sent to the printer, how it went (NULL while printing): printed once. */
  char           *printed_code;
  char           *printed_outcome;
};

G_DEFINE_FINAL_TYPE (LoketSession, loket_session, G_TYPE_OBJECT)

enum {
  RESET,
  LANGUAGE_CHANGED,
  PART_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_part_changed (LoketDelivery   *delivery,
                 LoketPartChange *change,
                 gpointer         user_data)
{
  LoketSession *self = user_data;

  g_signal_emit (self, signals[PART_CHANGED], 0, change);
}

static void
new_request (LoketSession *self)
{
  self->request = loket_request_new (self->catalog);
  loket_request_set_language (self->request, self->language);
}

LoketSession *
loket_session_new (LoketConfig  *config,
                   GError      **error)
{
  g_autoptr(LoketSession) self = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (LOKET_TYPE_SESSION, NULL);
  self->config = loket_config_ref (config);

  self->catalog = loket_catalog_load (config->catalog_dir, NULL, error);
  if (self->catalog == NULL)
    return NULL;

  self->http = loket_http_new (4);
  self->language = g_strdup (config->default_language);
  loket_i18n_set_language (self->language);
  new_request (self);

  /* An outbox that does not open, or opens without its key, keeps the kiosk up and out of
   * service (tracking still works); the session rechecks until it is fixed. */
  loket_session_check_service (self);
  /* Out of service by staff's word survives a restart (admin mode's status board). */
  {
    g_autofree char *staff_reason = loket_service_state_load_staff (config->state_dir);

    if (staff_reason != NULL)
      loket_service_state_set (self->service, LOKET_OUT_OF_SERVICE_STAFF, staff_reason);
  }

  return g_steal_pointer (&self);
}

LoketConfig *
loket_session_get_config (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->config;
}

void
loket_session_set_catalog (LoketSession *self,
                           LoketCatalog *catalog)
{
  g_return_if_fail (LOKET_IS_SESSION (self) && catalog != NULL);
  g_clear_pointer (&self->catalog, loket_catalog_unref);
  self->catalog = loket_catalog_ref (catalog);
  loket_request_clear (self->request);
  g_clear_object (&self->request);
  new_request (self);
}

LoketCatalog *
loket_session_get_catalog (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->catalog;
}

LoketHttp *
loket_session_get_http (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->http;
}

LoketOutbox *
loket_session_get_outbox (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->outbox;
}

static gboolean
start_delivery_now (LoketSession  *self,
                    GError       **error)
{
  if (self->delivery == NULL)
    {
      self->delivery = loket_delivery_new (self->config);
      g_signal_connect_object (self->delivery, "part-changed", G_CALLBACK (on_part_changed),
                               self, 0);
    }

  return loket_delivery_start (self->delivery, error);
}

static gboolean
recheck_cb (gpointer user_data)
{
  LoketSession *self = user_data;

  self->recheck_id = 0;
  loket_session_check_service (self);
  return G_SOURCE_REMOVE;
}

/* While a problem of the kiosk's own holds, look again after a while: a staff member who
 * mends the key or the folder sees the kiosk back in service without a restart. */
static void
schedule_recheck (LoketSession *self)
{
  LoketOutOfService reasons = loket_service_state_get_reasons (self->service);

  if ((reasons & LOKET_OUT_OF_SERVICE_AUTOMATIC) == 0)
    g_clear_handle_id (&self->recheck_id, g_source_remove);
  else if (self->recheck_id == 0)
    self->recheck_id = g_timeout_add (self->recheck_ms, recheck_cb, self);
}

static void
outbox_failed (LoketSession *self,
               const GError *error)
{
  g_clear_error (&self->outbox_error);
  self->outbox_error = g_error_copy (error);
  loket_service_state_set (self->service, LOKET_OUT_OF_SERVICE_OUTBOX, error->message);
  schedule_recheck (self);
}

/* A store that failed for the outbox's sake (not for the request's) takes the kiosk out of
 * service until the recheck finds it working again. */
static void
note_store_failure (LoketSession *self,
                    const GError *error)
{
  if (g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE))
    outbox_failed (self, error);
  else if (g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_KEY))
    {
      loket_service_state_set (self->service, LOKET_OUT_OF_SERVICE_SECRET, error->message);
      schedule_recheck (self);
    }
}

/* Opening the database is no proof that a request can be written (SQLite opens a database
 * on a read-only file system, or in a folder the service user cannot write, read-only):
 * write and remove a few bytes where the outbox lives. Not synced: the kiosk's start is not
 * made to wait for the disk. */
static gboolean
probe_state_dir (const char  *state_dir,
                 GError     **error)
{
  g_autofree char *probe = g_build_filename (state_dir, ".loket-write-check", NULL);

  if (!g_file_set_contents_full (probe, "ok\n", 3, G_FILE_SET_CONTENTS_NONE, 0600, error))
    return FALSE;
  g_unlink (probe);
  return TRUE;
}

/**
 * loket_session_check_service:
 * Checks what the kiosk needs to keep a request safe: the outbox opens on a state folder it
 * can write, with a usable key, and delivery runs (once loket_session_start_delivery () was
 * called). Sets the service state's automatic reasons to match; while one holds, checks
 * again every recheck interval (30 s). A connection that opens is the session's from then
 * on, so a key that was mended is read anew; delivery restarts to read it too.
 *
 * Returns: whether the kiosk's own checks pass
 */
gboolean
loket_session_check_service (LoketSession *self)
{
  g_autoptr(GError) error = NULL;
  LoketOutbox *outbox;
  const GError *key_error;
  gboolean had_secret;

  g_return_val_if_fail (LOKET_IS_SESSION (self), FALSE);

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  had_secret = (loket_service_state_get_reasons (self->service) &
                LOKET_OUT_OF_SERVICE_SECRET) != 0;

  outbox = loket_outbox_open_for_config (self->config, LOKET_OUTBOX_OPEN_QUIET_KEY, &error);
  if (outbox != NULL && !probe_state_dir (self->config->state_dir, &error))
    g_clear_pointer (&outbox, loket_outbox_close);
  if (outbox == NULL)
    {
      /* A connection already open stays: tracking and receipts may still read from it. */
      outbox_failed (self, error);
      return FALSE;
    }

  /* Every user of the session's outbox takes it for one synchronous call (track, receipt,
   * the parts' rows), so it can be replaced here on the main thread. */
  g_clear_pointer (&self->outbox, loket_outbox_close);
  self->outbox = outbox;
  g_clear_error (&self->outbox_error);

  key_error = loket_outbox_get_key_error (self->outbox);
  loket_service_state_set (self->service, LOKET_OUT_OF_SERVICE_SECRET,
                           key_error != NULL ? key_error->message : NULL);

  if (self->delivery_wanted)
    {
      /* The worker's own connection read the key when it started. */
      if (had_secret && key_error == NULL && self->delivery != NULL)
        loket_delivery_stop (self->delivery);
      if (!start_delivery_now (self, &error))
        {
          outbox_failed (self, error);
          return FALSE;
        }
    }

  loket_service_state_set (self->service, LOKET_OUT_OF_SERVICE_OUTBOX, NULL);
  schedule_recheck (self);

  return key_error == NULL;
}

LoketServiceState *
loket_session_get_service_state (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->service;
}

void
loket_session_set_recheck_interval_ms (LoketSession *self,
                                       guint         interval_ms)
{
  g_return_if_fail (LOKET_IS_SESSION (self));
  g_return_if_fail (interval_ms > 0);

  self->recheck_ms = interval_ms;
  if (self->recheck_id != 0)
    {
      g_clear_handle_id (&self->recheck_id, g_source_remove);
      schedule_recheck (self);
    }
}

gboolean
loket_session_start_delivery (LoketSession  *self,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LOKET_IS_SESSION (self), FALSE);

  self->delivery_wanted = TRUE;
  if (start_delivery_now (self, &local_error))
    return TRUE;

  outbox_failed (self, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

LoketDelivery *
loket_session_get_delivery (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->delivery;
}

gboolean
loket_session_can_submit (LoketSession  *self,
                          GError       **error)
{
  LoketOutOfService reasons;

  g_return_val_if_fail (LOKET_IS_SESSION (self), FALSE);

  reasons = loket_service_state_get_reasons (self->service);
  if (self->outbox == NULL || (reasons & LOKET_OUT_OF_SERVICE_OUTBOX) != 0)
    {
      g_propagate_error (error, g_error_copy (self->outbox_error));
      return FALSE;
    }
  if (loket_outbox_get_key_error (self->outbox) != NULL)
    {
      g_propagate_error (error, g_error_copy (loket_outbox_get_key_error (self->outbox)));
      return FALSE;
    }
  if (reasons != LOKET_OUT_OF_SERVICE_NONE)
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE,
                           "the kiosk is out of service");
      return FALSE;
    }

  return TRUE;
}

void
loket_session_set_language (LoketSession *self,
                            const char   *language)
{
  g_return_if_fail (LOKET_IS_SESSION (self));
  g_return_if_fail (language != NULL);

  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  loket_i18n_set_language (language);
  loket_request_set_language (self->request, language);
  g_signal_emit (self, signals[LANGUAGE_CHANGED], 0);
}

const char *
loket_session_get_language (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->language;
}

LoketRequest *
loket_session_get_request (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->request;
}

static void
adopt_submission (LoketSession *self,
                  const char   *code,
                  GPtrArray    *parts)
{
  g_free (self->tracking_code);
  self->tracking_code = g_strdup (code);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  self->parts = g_ptr_array_ref (parts);
}

char *
loket_session_submit (LoketSession  *self,
                      GPtrArray    **parts,
                      GError       **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  char *code;

  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);

  if (self->submitting)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           "a request is being stored already");
      return NULL;
    }
  if (!loket_session_can_submit (self, error))
    return NULL;

  code = loket_submission_store (self->outbox, self->config, self->request, &stored,
                                 &local_error);
  if (code == NULL)
    {
      note_store_failure (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  adopt_submission (self, code, stored);
  if (parts != NULL)
    *parts = g_steal_pointer (&stored);

  if (self->delivery != NULL)
    loket_delivery_kick (self->delivery);

  return code;
}

typedef struct {
  LoketSession    *session;      /* not a reference: the outer task holds one */
  LoketSubmission *submission;
  GCancellable    *cancellable;  /* the caller's: looked at before the write begins */
  guint            generation;
  guint            draws;
} SubmitJob;

static void
submit_job_free (SubmitJob *job)
{
  g_clear_pointer (&job->submission, loket_submission_free);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static void
store_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *unused)
{
  SubmitJob *job = task_data;
  LoketSession *self = job->session;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->writer_lock);
  GError *error = NULL;

  /* Cancelled before it began (the citizen was wiped, the page went): nothing is stored.
   * Past this point the transaction commits whole or not at all, whoever still waits. */
  if (g_cancellable_set_error_if_cancelled (job->cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->writer == NULL)
    self->writer = loket_outbox_open_for_config (self->config, LOKET_OUTBOX_OPEN_DEFAULT,
                                                 &error);
  if (self->writer == NULL || !loket_submission_commit (job->submission, self->writer, &error))
    {
      /* A connection that failed (full disk, read-only, corrupt) is opened afresh next time. */
      if (!g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE))
        g_clear_pointer (&self->writer, loket_outbox_close);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data);

/* Splits under a new tracking code here (the split reads the screens' language), then
 * hands the copies to a worker thread. */
static gboolean
start_store (LoketSession  *self,
             GTask         *outer,
             GError       **error)
{
  SubmitJob *job = g_task_get_task_data (outer);
  g_autoptr(GTask) inner = NULL;

  g_clear_pointer (&job->submission, loket_submission_free);
  job->submission = loket_submission_prepare (self->config, self->request, error);
  if (job->submission == NULL)
    return FALSE;

  /* No cancellable: a write once begun is not abandoned (store_in_thread looks at the
   * caller's before it begins). No source object either: the worker may drop the last
   * reference to this task, and the session must not be finalized there; outer keeps the
   * session (and so the writer) alive until stored_cb, in this thread. */
  inner = g_task_new (NULL, NULL, stored_cb, g_object_ref (outer));
  g_task_set_source_tag (inner, start_store);
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, store_in_thread);
  return TRUE;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  LoketSession *self = g_task_get_source_object (outer);
  SubmitJob *job = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The new code was taken (1 in 2^60): draw again, unless the citizen went. */
      if (g_error_matches (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_DUPLICATE))
        {
          g_clear_error (&error);
          if (++job->draws >= LOKET_SUBMISSION_MAX_CODE_DRAWS)
            loket_submission_set_no_code_error (&error);
          else if (job->generation != self->generation)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "the session was reset");
          else if (start_store (self, outer, &error))
            return;
        }

      self->submitting = FALSE;
      note_store_failure (self, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  self->submitting = FALSE;

  /* Stored: delivery sends it whatever became of the screen that asked. */
  if (self->delivery != NULL)
    loket_delivery_kick (self->delivery);

  if (job->generation == self->generation)
    adopt_submission (self, loket_submission_get_tracking_code (job->submission),
                      loket_submission_get_parts (job->submission));

  g_task_return_pointer (outer, g_strdup (loket_submission_get_tracking_code (job->submission)),
                         g_free);
}

void
loket_session_submit_async (LoketSession        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SubmitJob *job;

  g_return_if_fail (LOKET_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_session_submit_async);

  if (self->submitting)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "a request is being stored already");
      return;
    }
  if (!loket_session_can_submit (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (SubmitJob, 1);
  job->session = self;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->generation = self->generation;
  g_task_set_task_data (task, job, (GDestroyNotify) submit_job_free);

  if (!start_store (self, task, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->submitting = TRUE;
}

char *
loket_session_submit_finish (LoketSession  *self,
                             GAsyncResult  *result,
                             GPtrArray    **parts,
                             GError       **error)
{
  char *code;

  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, loket_session_submit_async), NULL);

  code = g_task_propagate_pointer (G_TASK (result), error);
  if (code != NULL && parts != NULL)
    {
      SubmitJob *job = g_task_get_task_data (G_TASK (result));

      *parts = g_ptr_array_ref (loket_submission_get_parts (job->submission));
    }

  return code;
}

gboolean
loket_session_is_submitting (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), FALSE);
  return self->submitting;
}

const char *
loket_session_get_tracking_code (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->tracking_code;
}

GPtrArray *
loket_session_get_parts (LoketSession *self)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);
  return self->parts;
}

typedef struct {
  LoketSession *session;        /* not a reference: the outer task holds one */
  char         *tracking_code;
  char         *service_id;
  LoketPart    *part;
  char         *inputs;         /* the part's inputs as JSON, or NULL */
  guint         generation;
} ResendJob;

static void
resend_job_free (ResendJob *job)
{
  g_free (job->tracking_code);
  g_free (job->service_id);
  g_clear_pointer (&job->part, loket_part_unref);
  g_free (job->inputs);
  g_free (job);
}

/* The corrected part, split as the first submission was (the same data minimisation, the
 * same consent hash; only the corrected answers differ): on the main thread, since the split
 * reads the screens' language. */
static ResendJob *
prepare_resend (LoketSession  *self,
                const char    *service_id,
                GError       **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  ResendJob *job;
  LoketPart *part = NULL;

  if (self->tracking_code == NULL)
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND,
                           "nothing was submitted yet, so nothing can be sent again");
      return NULL;
    }
  if (self->submitting)
    {
      g_set_error_literal (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_UNAVAILABLE,
                           "a request is being stored already");
      return NULL;
    }
  if (!loket_session_can_submit (self, error))
    return NULL;

  now = g_date_time_new_now_local ();
  parts = loket_request_split (self->request, self->tracking_code, now,
                               self->config->kiosk_id, self->config->site, error);
  if (parts == NULL)
    return NULL;

  for (guint i = 0; i < parts->len && part == NULL; i++)
    if (g_strcmp0 (((LoketPart *) g_ptr_array_index (parts, i))->service, service_id) == 0)
      part = g_ptr_array_index (parts, i);
  if (part == NULL)
    {
      g_set_error (error, LOKET_OUTBOX_ERROR, LOKET_OUTBOX_ERROR_NOT_FOUND,
                   "service '%s' is not in the request any more", service_id);
      return NULL;
    }

  job = g_new0 (ResendJob, 1);
  job->session = self;
  job->tracking_code = g_strdup (self->tracking_code);
  job->service_id = g_strdup (service_id);
  job->part = loket_part_ref (part);
  job->generation = self->generation;
  if (part->inputs != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), part->inputs);

      job->inputs = json_to_string (node, FALSE);
    }
  return job;
}

/* The worker: one transaction on the session's own writing connection, as Submit's. */
static void
resend_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *unused)
{
  ResendJob *job = task_data;
  LoketSession *self = job->session;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->writer_lock);
  LoketOutboxPartSpec spec = { 0 };
  GError *error = NULL;

  spec.part_id = job->part->part_id;
  spec.service = job->part->service;
  spec.agency = job->part->agency;
  spec.after = job->part->after;
  spec.inputs = job->inputs;
  spec.body = job->part->body;

  if (self->writer == NULL)
    self->writer = loket_outbox_open_for_config (self->config, LOKET_OUTBOX_OPEN_DEFAULT,
                                                 &error);
  if (self->writer == NULL ||
      !loket_outbox_add_part (self->writer, job->tracking_code, &spec, &error))
    {
      g_clear_pointer (&self->writer, loket_outbox_close);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
resent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  LoketSession *self = g_task_get_source_object (outer);
  ResendJob *job = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;

  self->submitting = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      note_store_failure (self, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  /* Stored: delivery sends it whatever became of the screen that asked. */
  if (self->delivery != NULL)
    loket_delivery_kick (self->delivery);

  if (job->generation == self->generation)
    for (guint i = 0; self->parts != NULL && i < self->parts->len; i++)
      if (g_strcmp0 (((LoketPart *) g_ptr_array_index (self->parts, i))->service,
                     job->service_id) == 0)
        {
          loket_part_unref (g_ptr_array_index (self->parts, i));
          g_ptr_array_index (self->parts, i) = loket_part_ref (job->part);
        }

  g_task_return_pointer (outer, loket_part_ref (job->part), (GDestroyNotify) loket_part_unref);
}

void
loket_session_resend_service_async (LoketSession        *self,
                                    const char          *service_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;
  ResendJob *job;

  g_return_if_fail (LOKET_IS_SESSION (self));
  g_return_if_fail (service_id != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, loket_session_resend_service_async);

  job = prepare_resend (self, service_id, &error);
  if (job == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  g_task_set_task_data (outer, job, (GDestroyNotify) resend_job_free);
  self->submitting = TRUE;

  /* As Submit's store: no cancellable (a write once begun is not abandoned) and no source
   * object (the worker must not finalize the session); outer keeps the session alive. */
  inner = g_task_new (NULL, NULL, resent_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, loket_session_resend_service_async);
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, resend_in_thread);
}

LoketPart *
loket_session_resend_service_finish (LoketSession  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        loket_session_resend_service_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
loket_session_mark_idle (LoketSession *self)
{
  g_return_if_fail (LOKET_IS_SESSION (self));

  self->idle_wipe = TRUE;
}

void
loket_session_reset (LoketSession *self)
{
  g_return_if_fail (LOKET_IS_SESSION (self));

  self->generation++;
  {
    g_autoptr(GPtrArray) chosen = loket_request_get_services (self->request);

    /* loket_sessions_total: a reset ends a session that chose a service or submitted. */
    if (self->tracking_code != NULL || chosen->len > 0)
      loket_metrics_count_session (self->tracking_code != NULL ? "submitted"
                                   : self->idle_wipe ? "idle" : "abandoned");
    self->idle_wipe = FALSE;
  }
  /* The request overwrites what the citizen typed before it frees it. */
  loket_request_clear (self->request);
  g_clear_object (&self->request);
  g_clear_pointer (&self->tracking_code, g_free);
  g_clear_pointer (&self->parts, g_ptr_array_unref);

  if (g_strcmp0 (self->language, self->config->default_language) != 0)
    {
      g_free (self->language);
      self->language = g_strdup (self->config->default_language);
      loket_i18n_set_language (self->language);
      new_request (self);
      g_signal_emit (self, signals[LANGUAGE_CHANGED], 0);
    }
  else
    {
      new_request (self);
    }

  g_signal_emit (self, signals[RESET], 0);

#ifdef HAVE_MALLOC_TRIM
  /* Between two citizens the kiosk is idle: hand the freed pages of the last session back to
   * the system, so a kiosk that serves thousands of people does not keep growing. */
  malloc_trim (0);
#endif
}

static void
loket_session_dispose (GObject *object)
{
  LoketSession *self = LOKET_SESSION (object);

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->delivery != NULL)
    loket_delivery_stop (self->delivery);
  g_clear_object (&self->delivery);
  if (self->request != NULL)
    loket_request_clear (self->request);
  g_clear_object (&self->request);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (loket_session_parent_class)->dispose (object);
}

static void
loket_session_finalize (GObject *object)
{
  LoketSession *self = LOKET_SESSION (object);

  g_clear_pointer (&self->outbox, loket_outbox_close);
  /* No store can be running: each holds a reference on the session until it is done. */
  g_clear_pointer (&self->writer, loket_outbox_close);
  g_mutex_clear (&self->writer_lock);
  g_clear_error (&self->outbox_error);
  g_clear_object (&self->service);
  g_clear_pointer (&self->catalog, loket_catalog_unref);
  g_clear_pointer (&self->config, loket_config_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_free (self->tracking_code);
  g_free (self->printed_code);
  g_free (self->printed_outcome);
  g_free (self->language);

  G_OBJECT_CLASS (loket_session_parent_class)->finalize (object);
}

static void
loket_session_class_init (LoketSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_session_dispose;
  object_class->finalize = loket_session_finalize;

  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LANGUAGE_CHANGED] = g_signal_new ("language-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  signals[PART_CHANGED] = g_signal_new ("part-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, LOKET_TYPE_PART_CHANGE);
}

static void
loket_session_init (LoketSession *self)
{
  g_mutex_init (&self->writer_lock);
  self->service = loket_service_state_new ();
  self->recheck_ms = LOKET_SESSION_RECHECK_MS;
}

const char *
loket_session_get_printed_receipt (LoketSession  *self,
                                   const char   **outcome)
{
  g_return_val_if_fail (LOKET_IS_SESSION (self), NULL);

  if (outcome != NULL)
    *outcome = self->printed_outcome;
  return self->printed_code;
}

void
loket_session_set_printed_receipt (LoketSession *self,
                                   const char   *code,
                                   const char   *outcome)
{
  g_return_if_fail (LOKET_IS_SESSION (self));

  if (code != self->printed_code)
    {
      g_free (self->printed_code);
      self->printed_code = g_strdup (code);
    }
  g_free (self->printed_outcome);
  self->printed_outcome = g_strdup (outcome);
}
