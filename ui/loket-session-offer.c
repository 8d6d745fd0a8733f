/* loket-session-offer.c — the kiosk's today's offer, kept with its session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket"

#include "config.h"

#include "loket-session-offer.h"

#define OFFER_KEY "loket-offer"
#define CLOCK_KEY "loket-offer-clock"
#define CLOCK_DATA_KEY "loket-offer-clock-data"

LoketOffer *
loket_session_get_offer (LoketSession *session)
{
  LoketOffer *offer;

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  offer = g_object_get_data (G_OBJECT (session), OFFER_KEY);
  if (offer == NULL)
    {
      g_autoptr(GError) error = NULL;

      offer = loket_offer_load (loket_session_get_config (session)->state_dir, &error);
      if (offer == NULL)
        {
          /* Everything offered rather than nothing: the file is staff's, not the citizen's. */
          g_warning ("Today's offer not read, everything is offered: %s", error->message);
          offer = loket_offer_new ();
        }
      loket_session_set_offer (session, offer);
    }
  return offer;
}

void
loket_session_set_offer (LoketSession *session,
                         LoketOffer   *offer)
{
  LoketOfferClock clock = NULL;
  gpointer data = NULL;

  g_return_if_fail (LOKET_IS_SESSION (session));
  g_return_if_fail (offer != NULL);

  loket_session_get_offer_clock (session, &clock, &data);
  loket_offer_set_clock (offer, clock, data);
  g_object_set_data_full (G_OBJECT (session), OFFER_KEY, offer,
                          (GDestroyNotify) loket_offer_free);
}

void
loket_session_set_offer_clock (LoketSession    *session,
                               LoketOfferClock  clock,
                               gpointer         user_data)
{
  g_return_if_fail (LOKET_IS_SESSION (session));

  g_object_set_data (G_OBJECT (session), CLOCK_KEY, (gpointer) clock);
  g_object_set_data (G_OBJECT (session), CLOCK_DATA_KEY, user_data);
  loket_offer_set_clock (loket_session_get_offer (session), clock, user_data);
}

void
loket_session_get_offer_clock (LoketSession    *session,
                               LoketOfferClock *clock,
                               gpointer        *user_data)
{
  g_return_if_fail (LOKET_IS_SESSION (session));

  *clock = (LoketOfferClock) g_object_get_data (G_OBJECT (session), CLOCK_KEY);
  *user_data = g_object_get_data (G_OBJECT (session), CLOCK_DATA_KEY);
}

gboolean
loket_session_offers_service (LoketSession       *session,
                              const LoketService *service)
{
  return !loket_offer_is_off (loket_session_get_offer (session), LOKET_OFFER_SERVICE,
                              service->id, NULL);
}

gboolean
loket_session_offers_event (LoketSession         *session,
                            const LoketLifeEvent *event)
{
  LoketOffer *offer = loket_session_get_offer (session);

  if (loket_offer_is_off (offer, LOKET_OFFER_LIFE_EVENT, event->id, NULL))
    return FALSE;
  /* A closed counter's service would leave the life event's request half made. */
  for (guint i = 0; event->services != NULL && i < event->services->len; i++)
    if (!loket_session_offers_service (session, g_ptr_array_index (event->services, i)))
      return FALSE;
  return TRUE;
}
