/* bench-delivery-env.c — what the delivery benchmarks share: slow agencies and made-up parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench"

#include "core/loket-tracking-code.h"
#include "bench-delivery-env.h"

void
bench_delivery_slow_agencies (SimFixture         *sim,
                              const char * const *agencies,
                              guint               n_agencies,
                              guint               latency_ms)
{
  g_autofree char *latency = g_strdup_printf ("latency:%u", latency_ms);

  for (guint i = 0; i < n_agencies; i++)
    sim_fixture_set_faults (sim, agencies[i], latency, NULL);
}

char *
bench_delivery_store_request (LoketOutbox        *outbox,
                              const char * const *agencies,
                              guint               n_agencies,
                              guint               first,
                              guint               n_parts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = loket_tracking_code_generate ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree LoketOutboxPartSpec *specs = g_new0 (LoketOutboxPartSpec, n_parts);
  LoketOutboxRequestSpec request = { 0 };

  for (guint p = 0; p < n_parts; p++)
    {
      char *id = g_uuid_string_random ();

      g_ptr_array_add (keep, id);
      specs[p].part_id = id;
      specs[p].service = "bench-service";
      specs[p].agency = agencies[(first + p) % n_agencies];
      specs[p].body = sim_fixture_make_body (code, id, "bench-service");
      g_ptr_array_add (bodies, (gpointer) specs[p].body);
    }
  request.tracking_code = code;
  request.language = "id";
  request.parts = specs;
  request.n_parts = n_parts;
  g_assert_true (loket_outbox_store_request (outbox, &request, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&code);
}

void
bench_delivery_prepare (SimFixture         *sim,
                        const char * const *agencies,
                        guint               n_agencies,
                        guint               latency_ms,
                        guint               n_parts)
{
  g_autoptr(LoketOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  sim_fixture_write_config (sim, 10, NULL, NULL);
  bench_delivery_slow_agencies (sim, agencies, n_agencies, latency_ms);

  outbox = loket_outbox_open (sim->state_dir, sim->key_file, LOKET_OUTBOX_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  code = bench_delivery_store_request (outbox, agencies, n_agencies, 0, n_parts);
}
