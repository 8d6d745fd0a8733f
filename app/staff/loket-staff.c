/* loket-staff.c — the staff operations both admin mode and `loketctl staff` call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-staff"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-staff-private.h"

struct _LoketStaff
{
  GObject              parent_instance;

  char                *file;
  char                *state_dir;
  char                *lockout_file;
  LoketAudit          *audit;
  LoketStaffClockFunc  clock;
  gpointer             clock_data;
};

G_DEFINE_FINAL_TYPE (LoketStaff, loket_staff, G_TYPE_OBJECT)

static void
loket_staff_finalize (GObject *object)
{
  LoketStaff *self = LOKET_STAFF (object);

  g_free (self->file);
  g_free (self->state_dir);
  g_free (self->lockout_file);
  loket_audit_free (self->audit);

  G_OBJECT_CLASS (loket_staff_parent_class)->finalize (object);
}

static void
loket_staff_class_init (LoketStaffClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_staff_finalize;
}

static void
loket_staff_init (LoketStaff *self)
{
  self->clock = loket_staff_read_system_clock;
}

LoketStaff *
loket_staff_new (const char *staff_file,
                 const char *state_dir)
{
  LoketStaff *self;
  g_autofree char *audit_path = NULL;

  g_return_val_if_fail (staff_file != NULL, NULL);
  g_return_val_if_fail (state_dir != NULL, NULL);

  self = g_object_new (LOKET_TYPE_STAFF, NULL);
  self->file = g_strdup (staff_file);
  self->state_dir = g_strdup (state_dir);
  self->lockout_file = g_build_filename (state_dir, LOKET_STAFF_LOCKOUT_FILE, NULL);
  audit_path = g_build_filename (state_dir, LOKET_AUDIT_FILE_NAME, NULL);
  self->audit = loket_audit_new (audit_path);
  return self;
}

LoketStaff *
loket_staff_new_for_config (LoketConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);
  return loket_staff_new (config->admin_pin_file, config->state_dir);
}

void
loket_staff_set_clock (LoketStaff          *self,
                       LoketStaffClockFunc  func,
                       gpointer             user_data)
{
  g_return_if_fail (LOKET_IS_STAFF (self));

  self->clock = func != NULL ? func : loket_staff_read_system_clock;
  self->clock_data = func != NULL ? user_data : NULL;
}

const char *
loket_staff_get_file (LoketStaff *self)
{
  g_return_val_if_fail (LOKET_IS_STAFF (self), NULL);
  return self->file;
}

LoketAudit *
loket_staff_get_audit (LoketStaff *self)
{
  g_return_val_if_fail (LOKET_IS_STAFF (self), NULL);
  return self->audit;
}

static void
read_clock (LoketStaff      *self,
            LoketStaffClock *clock)
{
  memset (clock, 0, sizeof *clock);
  self->clock (clock, self->clock_data);
}

gboolean
loket_staff_audit (LoketStaff  *self,
                   const char  *by,
                   const char  *action,
                   const char  *target,
                   GError     **error)
{
  LoketStaffClock now;

  g_return_val_if_fail (LOKET_IS_STAFF (self), FALSE);

  read_clock (self, &now);
  return loket_audit_append (self->audit, now.wall, by, action, target, error);
}

/* An audit line that cannot be written after the deed is done is logged, not the caller's
 * failure: the deed stands. */
static void
audit_or_warn (LoketStaff *self,
               const char *by,
               const char *action,
               const char *target)
{
  g_autoptr(GError) error = NULL;

  if (!loket_staff_audit (self, by, action, target, &error))
    g_warning ("Audit line %s not written: %s", action, error->message);
}

GStrv
loket_staff_dup_names (LoketStaff  *self,
                       GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (LOKET_IS_STAFF (self), NULL);

  members = loket_staff_file_read (self->file, error);
  if (members == NULL)
    return NULL;
  for (guint i = 0; i < members->len; i++)
    g_strv_builder_add (names, ((LoketStaffMember *) g_ptr_array_index (members, i))->name);
  return g_strv_builder_end (names);
}

GHashTable *
loket_staff_dup_last_logins (LoketStaff  *self,
                             GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  GHashTable *logins;

  g_return_val_if_fail (LOKET_IS_STAFF (self), NULL);

  entries = loket_audit_read (loket_audit_get_path (self->audit), 0, error);
  if (entries == NULL)
    return NULL;

  logins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      LoketAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->action, LOKET_AUDIT_LOGIN))
        g_hash_table_insert (logins, g_strdup (entry->staff),
                             g_memdup2 (&entry->time, sizeof entry->time));
    }
  return logins;
}

static LoketStaffMember *
find_member (GPtrArray  *members,
             const char *name,
             guint      *index)
{
  for (guint i = 0; i < members->len; i++)
    {
      LoketStaffMember *member = g_ptr_array_index (members, i);

      if (g_str_equal (member->name, name))
        {
          if (index != NULL)
            *index = i;
          return member;
        }
    }
  return NULL;
}

/* The checks of an add that need no file: name, confirmation, PIN rules. */
static gboolean
check_new_member (const char  *name,
                  const char  *pin,
                  const char  *confirmation,
                  GError     **error)
{
  if (!loket_staff_name_check (name, error))
    return FALSE;
  if (confirmation != NULL && !g_str_equal (pin, confirmation))
    {
      g_set_error_literal (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_PIN_MISMATCH,
                           _("the two PINs differ; nothing was stored"));
      return FALSE;
    }
  return loket_staff_pin_check (pin, error);
}

static gboolean
add_member (LoketStaff  *self,
            const char  *name,
            const char  *pin,
            GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *hash = NULL;
  LoketStaffMember *member;
  gboolean ok;
  int lock;

  hash = loket_staff_pin_hash (pin, error);
  if (hash == NULL)
    return FALSE;

  lock = loket_staff_lock_state (self->state_dir, error);
  if (lock < 0)
    return FALSE;

  members = loket_staff_file_read (self->file, error);
  ok = members != NULL;
  if (ok && find_member (members, name, NULL) != NULL)
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_EXISTS,
                   /* Translators: %s is a staff name. */
                   _("there is already a staff member named '%s'"), name);
      ok = FALSE;
    }
  if (ok)
    {
      member = g_new0 (LoketStaffMember, 1);
      member->name = g_strdup (name);
      member->hash = g_steal_pointer (&hash);
      g_ptr_array_add (members, member);
      ok = loket_staff_file_write (self->file, members, error);
    }

  loket_staff_unlock_state (lock);
  return ok;
}

gboolean
loket_staff_add (LoketStaff  *self,
                 const char  *by,
                 const char  *name,
                 const char  *pin,
                 const char  *confirmation,
                 GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (LOKET_IS_STAFF (self), FALSE);
  g_return_val_if_fail (by != NULL && name != NULL && pin != NULL, FALSE);

  if (!check_new_member (name, pin, confirmation, &local) ||
      !add_member (self, name, pin, &local))
    {
      /* The name only when it is one: a refused name may be anything typed. */
      gboolean name_ok = !g_error_matches (local, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_NAME);

      audit_or_warn (self, by, LOKET_AUDIT_STAFF_ADD_REFUSED, name_ok ? name : NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  audit_or_warn (self, by, LOKET_AUDIT_STAFF_ADD, name);
  return TRUE;
}

gboolean
loket_staff_remove (LoketStaff  *self,
                    const char  *by,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;
  gboolean ok;
  guint index;
  int lock;

  g_return_val_if_fail (LOKET_IS_STAFF (self), FALSE);
  g_return_val_if_fail (by != NULL && name != NULL, FALSE);

  lock = loket_staff_lock_state (self->state_dir, error);
  if (lock < 0)
    return FALSE;

  members = loket_staff_file_read (self->file, error);
  ok = members != NULL;
  if (ok && find_member (members, name, &index) == NULL)
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_UNKNOWN,
                   /* Translators: %s is a staff name. */
                   _("there is no staff member named '%s'"), name);
      ok = FALSE;
    }
  if (ok)
    {
      g_ptr_array_remove_index (members, index);
      ok = loket_staff_file_write (self->file, members, error);
    }
  loket_staff_unlock_state (lock);

  if (ok)
    audit_or_warn (self, by, LOKET_AUDIT_STAFF_REMOVE, name);
  return ok;
}

gboolean
loket_staff_unlock (LoketStaff  *self,
                    const char  *by,
                    GError     **error)
{
  LoketLockoutState state = { 0 };
  gboolean ok;
  int lock;

  g_return_val_if_fail (LOKET_IS_STAFF (self), FALSE);
  g_return_val_if_fail (by != NULL, FALSE);

  lock = loket_staff_lock_state (self->state_dir, error);
  if (lock < 0)
    return FALSE;
  ok = loket_lockout_save (self->lockout_file, &state, error);
  loket_staff_unlock_state (lock);

  if (ok)
    audit_or_warn (self, by, LOKET_AUDIT_STAFF_UNLOCK, NULL);
  return ok;
}

/* Under the lock: the state as it stands now, a state of another boot rebased and saved. */
static gboolean
current_lockout (LoketStaff         *self,
                 LoketLockoutState  *state,
                 LoketStaffClock    *now,
                 LoketStaffLockout  *lockout,
                 GError            **error)
{
  gboolean rebased;

  read_clock (self, now);
  if (!loket_lockout_load (self->lockout_file, state, error))
    return FALSE;
  loket_lockout_remaining (state, now, lockout, &rebased);
  return !rebased || loket_lockout_save (self->lockout_file, state, error);
}

gboolean
loket_staff_get_lockout (LoketStaff         *self,
                         LoketStaffLockout  *lockout,
                         GError            **error)
{
  LoketLockoutState state;
  LoketStaffClock now;
  gboolean ok;
  int lock;

  g_return_val_if_fail (LOKET_IS_STAFF (self), FALSE);
  g_return_val_if_fail (lockout != NULL, FALSE);

  lock = loket_staff_lock_state (self->state_dir, error);
  if (lock < 0)
    return FALSE;
  ok = current_lockout (self, &state, &now, lockout, error);
  loket_staff_unlock_state (lock);
  return ok;
}

static gboolean
refuse_locked (const LoketStaffLockout  *lockout,
               GError                  **error)
{
  if (lockout->hard)
    {
      g_set_error_literal (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_LOCKED_HARD,
                           _("the PIN pad is locked: only `loketctl staff unlock` reopens it"));
      return TRUE;
    }
  if (lockout->wait_us > 0)
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_LOCKED,
                   /* Translators: %d is a number of seconds. */
                   _("the PIN pad is locked for %d more seconds"),
                   (int) ((lockout->wait_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
      return TRUE;
    }
  return FALSE;
}

/* Under the lock: one more wrong PIN, its wait started now and saved before anyone is told. */
static gboolean
count_failure (LoketStaff         *self,
               LoketLockoutState  *state,
               const LoketStaffClock *now,
               LoketStaffLockout  *lockout,
               GError            **error)
{
  gint64 wait_s;

  state->failures = MIN (state->failures + 1, (guint) G_MAXINT);
  wait_s = loket_staff_lockout_wait_s (state->failures);
  state->wait_us = wait_s < 0 ? -1 : wait_s * G_USEC_PER_SEC;
  state->since = now->monotonic;
  g_strlcpy (state->boot_id, now->boot_id, sizeof state->boot_id);

  lockout->failures = state->failures;
  lockout->hard = wait_s < 0;
  lockout->wait_us = MAX (0, state->wait_us);
  return loket_lockout_save (self->lockout_file, state, error);
}

static void
audit_attempt (LoketStaff              *self,
               const char              *name,
               gboolean                 right,
               const LoketStaffLockout *lockout)
{
  g_autofree char *wait = NULL;

  if (right)
    {
      audit_or_warn (self, name, LOKET_AUDIT_LOGIN, NULL);
      return;
    }

  audit_or_warn (self, name, LOKET_AUDIT_WRONG_PIN, NULL);
  if (lockout->hard)
    audit_or_warn (self, name, LOKET_AUDIT_LOCKOUT, "until-unlock");
  else if (lockout->wait_us > 0)
    {
      wait = g_strdup_printf ("%" G_GINT64_FORMAT "s", lockout->wait_us / G_USEC_PER_SEC);
      audit_or_warn (self, name, LOKET_AUDIT_LOCKOUT, wait);
    }
}

gboolean
loket_staff_login (LoketStaff         *self,
                   const char         *name,
                   const char         *pin,
                   LoketStaffLockout  *lockout,
                   GError            **error)
{
  g_autoptr(GPtrArray) members = NULL;
  LoketStaffLockout local_lockout;
  LoketLockoutState state;
  LoketStaffClock now;
  LoketStaffMember *member;
  gboolean right, ok;
  int lock;

  g_return_val_if_fail (LOKET_IS_STAFF (self), FALSE);
  g_return_val_if_fail (name != NULL && pin != NULL, FALSE);

  if (lockout == NULL)
    lockout = &local_lockout;
  memset (lockout, 0, sizeof *lockout);

  /* The lock is held through the hash, so attempts in parallel are counted one by one. */
  lock = loket_staff_lock_state (self->state_dir, error);
  if (lock < 0)
    return FALSE;
  if (!current_lockout (self, &state, &now, lockout, error) || refuse_locked (lockout, error))
    {
      loket_staff_unlock_state (lock);
      return FALSE;
    }

  members = loket_staff_file_read (self->file, error);
  if (members == NULL)
    {
      loket_staff_unlock_state (lock);
      return FALSE;
    }
  member = find_member (members, name, NULL);
  right = member != NULL && loket_staff_pin_matches (member->hash, pin);

  if (right)
    {
      LoketLockoutState clear = { 0 };

      ok = state.failures == 0 || loket_lockout_save (self->lockout_file, &clear, error);
      memset (lockout, 0, sizeof *lockout);
    }
  else
    ok = count_failure (self, &state, &now, lockout, error);
  loket_staff_unlock_state (lock);

  if (!ok)
    return FALSE;
  audit_attempt (self, name, right, lockout);
  if (!right)
    g_set_error_literal (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_WRONG_PIN, _("Wrong PIN"));
  return right;
}

typedef struct {
  char              *name;
  char              *pin;
  LoketStaffLockout  lockout;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_free (data->name);
  if (data->pin != NULL)
    explicit_bzero (data->pin, strlen (data->pin));
  g_free (data->pin);
  g_free (data);
}

static void
login_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoginData *data = task_data;
  GError *error = NULL;

  if (loket_staff_login (LOKET_STAFF (source), data->name, data->pin, &data->lockout, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
loket_staff_login_async (LoketStaff          *self,
                         const char          *name,
                         const char          *pin,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoginData *data;

  g_return_if_fail (LOKET_IS_STAFF (self));
  g_return_if_fail (name != NULL && pin != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_staff_login_async);
  /* An attempt once started is counted whatever happens to the screen that made it. */
  g_task_set_return_on_cancel (task, FALSE);
  data = g_new0 (LoginData, 1);
  data->name = g_strdup (name);
  data->pin = g_strdup (pin);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);
  g_task_run_in_thread (task, login_thread);
}

gboolean
loket_staff_login_finish (LoketStaff         *self,
                          GAsyncResult       *result,
                          LoketStaffLockout  *lockout,
                          GError            **error)
{
  LoginData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_staff_login_async,
                        FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (lockout != NULL)
    *lockout = data->lockout;
  return g_task_propagate_boolean (G_TASK (result), error);
}
