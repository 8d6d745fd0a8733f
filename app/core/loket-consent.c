/* loket-consent.c — which of the citizen's data goes to which agency, in two layers
 *
 * A layered notice: per agency a short summary by category (the catalog's sections), each
 * datum once however many services receive it, and behind "Show every item" the itemised
 * text, service by service. The SHA-256 of both travels in every part of the agency
 * (consent.text_sha256 of the summary, which was on the screen; consent.details_text_sha256
 * of the itemised text), so an agency can later show which words the citizen had. Both are
 * built only from translatable templates and the catalog's strings, never from the
 * citizen's answers, so the hashes say nothing about the citizen.
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

  return g_string_free (text, FALSE);
}

void
loket_consent_line_free (LoketConsentLine *line)
{
  if (line == NULL)
    return;

  g_free (line->text);
  g_free (line);
}

static void
add_line (GPtrArray            *lines,
          LoketConsentLineKind  kind,
          const LoketService   *service,
          char                 *text)
{
  LoketConsentLine *line = g_new0 (LoketConsentLine, 1);

  line->kind = kind;
  line->service = service;
  line->text = text;
  g_ptr_array_add (lines, line);
}

/* The labels of the agency's data in one section (NULL: every field whose section the
 * catalog does not name), each once, in the order the services list them; NULL if none. */
static char *
section_items (LoketCatalog *catalog,
               const char   *section,
               GPtrArray    *services)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *items = g_string_new (NULL);

  for (guint i = 0; i < services->len; i++)
    {
      const LoketConsentService *consent = g_ptr_array_index (services, i);

      for (guint j = 0; j < consent->fields->len; j++)
        {
          const LoketField *field = g_ptr_array_index (consent->fields, j);
          gboolean here = section != NULL
                          ? g_strcmp0 (field->section, section) == 0
                          : field->section == NULL
                            || loket_catalog_get_section (catalog, field->section) == NULL;

          if (!here || g_ptr_array_find (seen, field, NULL))
            continue;
          g_ptr_array_add (seen, (gpointer) field);
          if (items->len > 0)
            g_string_append (items, _(", "));
          g_string_append (items, C_CATALOG (field->label));
        }
    }

  if (items->len == 0)
    {
      g_string_free (items, TRUE);
      return NULL;
    }
  return g_string_free (items, FALSE);
}

static void
add_category (GPtrArray  *lines,
              const char *title,
              char       *items)
{
  if (items == NULL)
    return;
  add_line (lines, LOKET_CONSENT_LINE_CATEGORY, NULL,
            /* Translators: one line of an agency's consent summary: a category of data (a
             * section of the form, "About you") and its data ("Your NIK, Your full name"). */
            g_strdup_printf (C_("consent summary", "%s: %s"), title, items));
  g_free (items);
}

/* The quoted titles of the services with this basis, or NULL. */
static char *
titles_with_basis (GPtrArray       *services,
                   LoketLegalBasis  basis)
{
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < services->len; i++)
    {
      const LoketConsentService *consent = g_ptr_array_index (services, i);

      if (consent->basis != basis)
        continue;
      if (titles->len > 0)
        g_string_append (titles, _(", "));
      g_string_append_printf (titles, "“%s”", C_CATALOG (consent->service->title));
    }

  if (titles->len == 0)
    {
      g_string_free (titles, TRUE);
      return NULL;
    }
  return g_string_free (titles, FALSE);
}

static void
add_bases (GPtrArray         *lines,
           const LoketAgency *agency,
           GPtrArray         *services)
{
  g_autofree char *legal = titles_with_basis (services, LOKET_LEGAL_BASIS_LEGAL_OBLIGATION);
  g_autofree char *task = titles_with_basis (services, LOKET_LEGAL_BASIS_PUBLIC_TASK);

  if (legal != NULL)
    add_line (lines, LOKET_CONSENT_LINE_BASIS, NULL,
              /* Translators: why an agency receives data the citizen cannot refuse; the first
               * %s is the agency's short name, the second the services' quoted titles. */
              g_strdup_printf (_("By law, %s must collect these data for %s."),
                               C_CATALOG (agency->short_name), legal));
  if (task != NULL)
    add_line (lines, LOKET_CONSENT_LINE_BASIS, NULL,
              /* Translators: why an agency receives data the citizen cannot refuse; the first
               * %s is the agency's short name, the second the services' quoted titles. */
              g_strdup_printf (_("%s needs these data to do its public task: %s."),
                               C_CATALOG (agency->short_name), task));

  for (guint i = 0; i < services->len; i++)
    {
      const LoketConsentService *consent = g_ptr_array_index (services, i);

      if (consent->basis == LOKET_LEGAL_BASIS_CONSENT)
        add_line (lines, LOKET_CONSENT_LINE_QUESTION, consent->service,
                  /* Translators: asked of a service that needs the citizen's consent; %s is
                   * its title. "Yes, send it" and "No, leave this service out" follow. */
                  g_strdup_printf (_("“%s” is your choice: it is sent only if you say yes."),
                                   C_CATALOG (consent->service->title)));
    }
}

GPtrArray *
loket_consent_summary_build (LoketCatalog      *catalog,
                             const LoketAgency *agency,
                             GPtrArray         *services)
{
  GPtrArray *lines;
  GPtrArray *sections;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (agency != NULL, NULL);
  g_return_val_if_fail (services != NULL, NULL);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_consent_line_free);
  add_line (lines, LOKET_CONSENT_LINE_LEAD, NULL,
            /* Translators: the first line of an agency's consent summary; %s is its short
             * name. The data it receives follow, by category. */
            g_strdup_printf (_("%s receives:"), C_CATALOG (agency->short_name)));

  sections = loket_catalog_get_sections (catalog);
  for (guint i = 0; i < sections->len; i++)
    {
      const LoketSection *section = g_ptr_array_index (sections, i);

      add_category (lines, C_CATALOG (section->title),
                    section_items (catalog, section->id, services));
    }
  /* Translators: the category of data that belong to no section of the form. */
  add_category (lines, _("Other data"), section_items (catalog, NULL, services));

  add_bases (lines, agency, services);

  return lines;
}

char *
loket_consent_summary_text (GPtrArray *lines)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (lines != NULL, NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const LoketConsentLine *line = g_ptr_array_index (lines, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line->text);
    }

  return g_string_free (text, FALSE);
}

char *
loket_consent_text_sha256 (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}
