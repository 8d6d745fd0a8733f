/* loket-service-state.c — whether the kiosk takes requests now, and if not, why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk that cannot keep a request safe (no outbox, no key) stays up and says so to
 * citizens, rather than exit and be restarted in a loop by its service manager. This small
 * model holds the reasons; the session sets the automatic ones, the Welcome page follows
 * them, and staff read the log, where each reason appears once when it comes and once when
 * it goes.
 */
#define G_LOG_DOMAIN "loket-service"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "loket-service-state.h"

G_DEFINE_FLAGS_TYPE (LoketOutOfService, loket_out_of_service,
                     G_DEFINE_ENUM_VALUE (LOKET_OUT_OF_SERVICE_NONE, "none"),
                     G_DEFINE_ENUM_VALUE (LOKET_OUT_OF_SERVICE_OUTBOX, "outbox"),
                     G_DEFINE_ENUM_VALUE (LOKET_OUT_OF_SERVICE_SECRET, "secret"),
                     G_DEFINE_ENUM_VALUE (LOKET_OUT_OF_SERVICE_STAFF, "staff"))

/* One line per reason: its bit, and what staff read when it comes and when it goes. */
typedef struct {
  LoketOutOfService  reason;
  const char        *name;
  const char        *gone;
} ReasonInfo;

static const ReasonInfo reason_table[] = {
  { LOKET_OUT_OF_SERVICE_OUTBOX, "outbox", "the outbox works again" },
  { LOKET_OUT_OF_SERVICE_SECRET, "secret", "the outbox key is usable again" },
  { LOKET_OUT_OF_SERVICE_STAFF,  "staff",  "staff put the kiosk back in service" },
};

#define N_REASONS G_N_ELEMENTS (reason_table)

struct _LoketServiceState
{
  GObject            parent_instance;

  LoketOutOfService  reasons;
  char              *why[N_REASONS];
};

G_DEFINE_FINAL_TYPE (LoketServiceState, loket_service_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REASONS,
  PROP_IN_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
reason_index (LoketOutOfService reason)
{
  for (guint i = 0; i < N_REASONS; i++)
    if (reason_table[i].reason == reason)
      return (int) i;
  return -1;
}

const char *
loket_out_of_service_to_string (LoketOutOfService reason)
{
  int i = reason_index (reason);

  return i >= 0 ? reason_table[i].name : NULL;
}

gboolean
loket_staff_reason_is_valid (const char *reason)
{
  return g_strcmp0 (reason, LOKET_STAFF_REASON_PRINTER) == 0 ||
         g_strcmp0 (reason, LOKET_STAFF_REASON_NETWORK) == 0 ||
         g_strcmp0 (reason, LOKET_STAFF_REASON_MAINTENANCE) == 0;
}

gboolean
loket_service_state_save_staff (const char  *state_dir,
                                const char  *reason,
                                GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (state_dir != NULL, FALSE);
  g_return_val_if_fail (reason == NULL || loket_staff_reason_is_valid (reason), FALSE);

  path = g_build_filename (state_dir, LOKET_SERVICE_STATE_FILE_NAME, NULL);
  if (reason == NULL)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Could not remove %s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  text = g_strconcat (reason, "\n", NULL);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT |
                                   G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

char *
loket_service_state_load_staff (const char *state_dir)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (state_dir != NULL, NULL);

  path = g_build_filename (state_dir, LOKET_SERVICE_STATE_FILE_NAME, NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  g_strstrip (text);
  /* An unknown word (a hand-edited file) still takes the kiosk out: staff meant it. */
  if (!loket_staff_reason_is_valid (text))
    return g_strdup (LOKET_STAFF_REASON_MAINTENANCE);
  return g_steal_pointer (&text);
}

LoketServiceState *
loket_service_state_new (void)
{
  return g_object_new (LOKET_TYPE_SERVICE_STATE, NULL);
}

/* For staff, in the journal: the reason as a field, so a fleet can count kiosks out of
 * service by reason; the sentence names files and causes, never a citizen's data. */
static void
log_change (LoketServiceState *self,
            int                index,
            gboolean           on,
            const char        *why)
{
  const char *name = reason_table[index].name;

  /* Staff's own word is no fault: a message, not a warning. */
  if (on)
    g_log_structured (G_LOG_DOMAIN, reason_table[index].reason == LOKET_OUT_OF_SERVICE_STAFF
                                     ? G_LOG_LEVEL_MESSAGE : G_LOG_LEVEL_WARNING,
                      "LOKET_SERVICE", "out",
                      "LOKET_OUT_OF_SERVICE_REASON", name,
                      "MESSAGE", "Out of service (%s): new requests are refused until this is "
                      "fixed; rechecking: %s", name, why);
  else
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                      "LOKET_SERVICE", self->reasons == 0 ? "in" : "out",
                      "LOKET_OUT_OF_SERVICE_REASON", name,
                      "MESSAGE", "%s (%s): %s", self->reasons == 0 ? "Back in service"
                                                                   : "Still out of service",
                      name, reason_table[index].gone);
}

void
loket_service_state_set (LoketServiceState *self,
                         LoketOutOfService  reason,
                         const char        *why)
{
  int index = reason_index (reason);
  gboolean was_in_service;
  gboolean on = why != NULL;

  g_return_if_fail (LOKET_IS_SERVICE_STATE (self));
  g_return_if_fail (index >= 0);

  /* Kept even when unchanged: staff tools show the latest word. */
  if (on && g_strcmp0 (self->why[index], why) != 0)
    {
      g_free (self->why[index]);
      self->why[index] = g_strdup (why);
    }

  if (((self->reasons & reason) != 0) == on)
    return;

  was_in_service = self->reasons == 0;
  if (on)
    self->reasons |= reason;
  else
    {
      self->reasons &= ~reason;
      g_clear_pointer (&self->why[index], g_free);
    }

  log_change (self, index, on, why);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASONS]);
  if (was_in_service != (self->reasons == 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_SERVICE]);
}

LoketOutOfService
loket_service_state_get_reasons (LoketServiceState *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_STATE (self), LOKET_OUT_OF_SERVICE_NONE);
  return self->reasons;
}

gboolean
loket_service_state_in_service (LoketServiceState *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_STATE (self), FALSE);
  return self->reasons == 0;
}

const char *
loket_service_state_get_why (LoketServiceState *self,
                             LoketOutOfService  reason)
{
  int index = reason_index (reason);

  g_return_val_if_fail (LOKET_IS_SERVICE_STATE (self), NULL);
  g_return_val_if_fail (index >= 0, NULL);
  return self->why[index];
}

static void
loket_service_state_finalize (GObject *object)
{
  LoketServiceState *self = LOKET_SERVICE_STATE (object);

  for (guint i = 0; i < N_REASONS; i++)
    g_free (self->why[i]);

  G_OBJECT_CLASS (loket_service_state_parent_class)->finalize (object);
}

static void
loket_service_state_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LoketServiceState *self = LOKET_SERVICE_STATE (object);

  switch (prop_id)
    {
    case PROP_REASONS:
      g_value_set_flags (value, self->reasons);
      break;

    case PROP_IN_SERVICE:
      g_value_set_boolean (value, self->reasons == 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_service_state_class_init (LoketServiceStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_service_state_finalize;
  object_class->get_property = loket_service_state_get_property;

  properties[PROP_REASONS] =
    g_param_spec_flags ("reasons", NULL, NULL,
                        LOKET_TYPE_OUT_OF_SERVICE, LOKET_OUT_OF_SERVICE_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IN_SERVICE] =
    g_param_spec_boolean ("in-service", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
loket_service_state_init (LoketServiceState *self)
{
}
