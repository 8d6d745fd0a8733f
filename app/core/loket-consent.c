/* loket-consent.c — the consent text: which of the citizen's data goes to which agency
 *
 * The text is what the citizen agrees to, so its SHA-256 travels in every part of the
 * agency: an agency can later show which words were on the screen. It is built only from
 * translatable templates and the catalog's strings, never from the citizen's answers, so the
 * hash says nothing about the citizen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-consent"

#include "config.h"

#include "loket-consent.h"
#include "loket-i18n.h"

LoketConsentService *
loket_consent_service_new (const LoketService *service)
{
  LoketConsentService *consent;

  g_return_val_if_fail (service != NULL, NULL);

  consent = g_new0 (LoketConsentService, 1);
  consent->service = service;
  consent->basis = service->basis;
  consent->fields = g_ptr_array_new ();
  consent->from_outputs = g_ptr_array_new ();

  return consent;
}

void
loket_consent_service_free (LoketConsentService *consent)
{
  if (consent == NULL)
    return;

  g_ptr_array_unref (consent->fields);
  g_ptr_array_unref (consent->from_outputs);
  g_free (consent);
}

static const char *
basis_phrase (LoketLegalBasis basis)
{
  switch (basis)
    {
    case LOKET_LEGAL_BASIS_CONSENT:
      /* Translators: why an agency may receive the data; follows a service's title on the
       * consent screen: "Birth certificate — with your consent:" */
      return _("with your consent");
    case LOKET_LEGAL_BASIS_LEGAL_OBLIGATION:
      /* Translators: why an agency may receive the data: the law requires it. */
      return _("because the law requires it");
    case LOKET_LEGAL_BASIS_PUBLIC_TASK:
      /* Translators: why an agency may receive the data: it is the agency's public task. */
      return _("to carry out the agency's public task");
    default:
      g_assert_not_reached ();
    }
}

static void
append_field (GString          *text,
              LoketCatalog     *catalog,
              const LoketField *field,
              const LoketService *prerequisite)
{
  g_autoptr(GString) label = g_string_new (C_CATALOG (field->label));

  /* A group is listed with what each of its entries holds, so nothing goes unsaid. */
  if (field->fields != NULL && field->fields->len > 0)
    {
      g_string_append (label, " (");
      for (guint i = 0; i < field->fields->len; i++)
        {
          const LoketField *sub = g_ptr_array_index (field->fields, i);

          if (i > 0)
            /* Translators: separates the parts of a list of data: "NIK, Name, Relationship" */
            g_string_append (label, _(", "));
          g_string_append (label, C_CATALOG (sub->label));
        }
      g_string_append (label, ")");
    }

  g_string_append (text, "\n• ");
  if (prerequisite != NULL)
    g_string_append_printf (text,
                            /* Translators: a line of the consent text: the first %s is the
                             * datum's name ("Child's NIK"), the second the title of the service
                             * whose result provides it ("Birth certificate"). */
                            _("%s (from the result of “%s”)"),
                            label->str, C_CATALOG (prerequisite->title));
  else
    g_string_append (text, label->str);
}

char *
loket_consent_text_build (LoketCatalog      *catalog,
                          const LoketAgency *agency,
                          GPtrArray         *services)
{
  GString *text;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (agency != NULL, NULL);
  g_return_val_if_fail (services != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text,
                          /* Translators: the first line of the consent text for one agency;
                           * %s is the agency's name. A list of services and data follows. */
                          _("%s will receive these data from you:"),
                          C_CATALOG (agency->name));

  for (guint i = 0; i < services->len; i++)
    {
      const LoketConsentService *consent = g_ptr_array_index (services, i);
      const LoketService *prerequisite = NULL;

      if (consent->from_outputs->len > 0 && consent->service->after != NULL)
        prerequisite = loket_catalog_get_service (catalog, consent->service->after);

      g_string_append (text, "\n\n");
      g_string_append_printf (text,
                              /* Translators: heads the data one service receives: the first %s
                               * is the service's title, the second why the agency may receive
                               * them ("with your consent"). */
                              _("For “%s”, %s:"),
                              C_CATALOG (consent->service->title), basis_phrase (consent->basis));

      for (guint j = 0; j < consent->fields->len; j++)
        {
          const LoketField *field = g_ptr_array_index (consent->fields, j);
          gboolean filled = FALSE;

          for (guint k = 0; k < consent->from_outputs->len; k++)
            filled |= g_ptr_array_index (consent->from_outputs, k) == field;

          append_field (text, catalog, field, filled ? prerequisite : NULL);
        }
    }

  g_string_append (text, "\n\n");
  g_string_append_printf (text,
                          /* Translators: the last line of the consent text; %s is the agency's
                           * name. The citizen agrees to it by pressing a button. */
                          _("I agree that Loket sends these data to %s."),
                          C_CATALOG (agency->name));

  return g_string_free (text, FALSE);
}

char *
loket_consent_text_sha256 (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}
