/* net-env.c — a delivery engine in the test's process, watched through its signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-net"

#include "net-env.h"

static void
on_part_changed (LoketDispatcher *dispatcher,
                 LoketPartChange *change,
                 gpointer         user_data)
{
  NetEnv *env = user_data;
  GArray *events = g_hash_table_lookup (env->events, change->part_id);
  NetEvent event = { change->state, g_get_monotonic_time () };
  GPtrArray *reasons = change->reasons;

  if (events == NULL)
    {
      events = g_array_new (FALSE, FALSE, sizeof (NetEvent));
      g_hash_table_insert (env->events, g_strdup (change->part_id), events);
    }
  g_array_append_val (events, event);

  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      LoketAgencyReason *reason = g_ptr_array_index (reasons, i);

      g_ptr_array_add (env->reasons, g_strdup_printf ("%s:%s:%s",
                                                      reason->field ? reason->field : "",
                                                      reason->code, reason->message));
    }
}

NetEnv *
net_env_new (SimFixture *sim)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = g_strdup_printf ("test:%d", (int) getpid ());
  NetEnv *env = g_new0 (NetEnv, 1);

  env->sim = sim;
  env->config = loket_config_load (sim->config_path, &error);
  g_assert_no_error (error);
  env->outbox = loket_outbox_open_for_config (env->config, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  env->events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_array_unref);
  env->reasons = g_ptr_array_new_with_free_func (g_free);

  /* The engine reads LOKET_DELIVERY_TIMING, set by main () before any thread starts. */
  g_assert_cmpstr (g_getenv ("LOKET_DELIVERY_TIMING"), ==, sim->timing);
  env->dispatcher = loket_dispatcher_new (env->config, env->outbox, owner, NULL);
  g_signal_connect (env->dispatcher, "part-changed", G_CALLBACK (on_part_changed), env);
  return env;
}

void
net_env_free (NetEnv *env)
{
  loket_dispatcher_stop (env->dispatcher);
  while (loket_dispatcher_get_n_in_flight (env->dispatcher) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&env->dispatcher);
  g_clear_pointer (&env->outbox, loket_outbox_close);
  g_clear_pointer (&env->config, loket_config_unref);
  g_hash_table_unref (env->events);
  g_ptr_array_unref (env->reasons);
  g_free (env);
}

GArray *
net_env_events (NetEnv     *env,
                const char *part_id)
{
  return g_hash_table_lookup (env->events, part_id);
}

static gboolean
on_deadline (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
net_env_wait_state (NetEnv           *env,
                    const char       *part_id,
                    LoketOutboxState  state,
                    double            seconds)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add ((guint) (seconds * 1000), on_deadline, &expired);

  while (!expired)
    {
      GArray *events = net_env_events (env, part_id);

      if (events != NULL && events->len > 0 &&
          g_array_index (events, NetEvent, events->len - 1).state == state)
        {
          g_source_remove (deadline);
          return TRUE;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  return FALSE;
}

void
net_env_spin (double seconds)
{
  gboolean expired = FALSE;

  g_timeout_add ((guint) (seconds * 1000), on_deadline, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

GPtrArray *
net_env_part_ids (NetEnv     *env,
                  const char *tracking_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOutboxRequest) request = loket_outbox_get_request (env->outbox, tracking_code,
                                                                    &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < request->parts->len; i++)
    g_ptr_array_add (ids, g_strdup (((LoketOutboxPart *) request->parts->pdata[i])->part_id));
  return ids;
}
