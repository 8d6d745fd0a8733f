/* loket-flow.c — the citizen flow's page table: which pages, in which order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is a list of page kinds, in the order of the citizen's way, each with its type
 * and what the window must know of it; the form kind expands to one page per visible section
 * of the request, so the order follows the citizen's choices. A new page is its
 * .c/.h/.ui, one line here and its test.
 */
#define G_LOG_DOMAIN "loket-flow"

#include "config.h"

#include <string.h>

#include "loket-flow.h"
#include "loket-admin-login-page.h"
#include "loket-admin-page.h"
#include "loket-choose-page.h"
#include "loket-consent-page.h"
#include "loket-documents-page.h"
#include "loket-form-page.h"
#include "loket-receipt-page.h"
#include "loket-review-page.h"
#include "loket-track-page.h"
#include "loket-welcome-page.h"

typedef struct {
  const char         *kind;
  GType             (*get_type) (void);
  LoketPageKindFlags  flags;
} PageKind;

#define COUNTED     LOKET_PAGE_KIND_COUNTED
#define PER_SECTION LOKET_PAGE_KIND_PER_SECTION

static const PageKind page_kinds[] = {
  { "welcome",    loket_welcome_page_get_type,
    LOKET_PAGE_KIND_NO_IDLE | LOKET_PAGE_KIND_OWN_LISTEN | LOKET_PAGE_KIND_OWN_VISION },
  /* Not counted: what the request holds is not known until a life event is chosen. */
  { "choose",     loket_choose_page_get_type,     0 },
  { "documents",  loket_documents_page_get_type,  COUNTED },
  { "form",       loket_form_page_get_type,       COUNTED | PER_SECTION },
  { "review",     loket_review_page_get_type,     COUNTED },
  { "consent",    loket_consent_page_get_type,    COUNTED },
  /* Counted: the task list's last task, "Send", done when the receipt shows. */
  { "receipt",    loket_receipt_page_get_type,
    COUNTED | LOKET_PAGE_KIND_SHORT_IDLE | LOKET_PAGE_KIND_NEXT_RESTARTS },
  { "track",      loket_track_page_get_type,      LOKET_PAGE_KIND_OFF_FLOW },
  /* Staff admin mode (loket-admin-mode.h): the door, then its screens; Exit restarts. */
  { "admin-login", loket_admin_login_page_get_type,
    LOKET_PAGE_KIND_OFF_FLOW | LOKET_PAGE_KIND_ADMIN },
  { "admin",      loket_admin_page_get_type,
    LOKET_PAGE_KIND_OFF_FLOW | LOKET_PAGE_KIND_ADMIN | LOKET_PAGE_KIND_NEXT_RESTARTS },
};

#undef COUNTED
#undef PER_SECTION

static GHashTable *overrides;   /* kind -> GType, for tests */

struct _LoketFlow
{
  GObject       parent_instance;

  LoketSession *session;
};

G_DEFINE_FINAL_TYPE (LoketFlow, loket_flow, G_TYPE_OBJECT)

static const PageKind *
find_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_kinds); i++)
    if (g_str_equal (page_kinds[i].kind, kind))
      return &page_kinds[i];
  return NULL;
}

static GType
page_type (const char *kind)
{
  const PageKind *entry = find_kind (kind);

  if (entry == NULL)
    return G_TYPE_INVALID;

  if (overrides != NULL && g_hash_table_contains (overrides, kind))
    return (GType) GPOINTER_TO_SIZE (g_hash_table_lookup (overrides, kind));

  return entry->get_type ();
}

/* "form:child" -> "form" */
static char *
name_kind (const char *name)
{
  const char *colon = strchr (name, ':');

  return colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
}

static void
loket_flow_finalize (GObject *object)
{
  LoketFlow *self = LOKET_FLOW (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (loket_flow_parent_class)->finalize (object);
}

static void
loket_flow_class_init (LoketFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_flow_finalize;
}

static void
loket_flow_init (LoketFlow *self)
{
}

LoketFlow *
loket_flow_new (LoketSession *session)
{
  LoketFlow *self;

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  self = g_object_new (LOKET_TYPE_FLOW, NULL);
  self->session = g_object_ref (session);
  return self;
}

LoketSession *
loket_flow_get_session (LoketFlow *self)
{
  g_return_val_if_fail (LOKET_IS_FLOW (self), NULL);
  return self->session;
}

GStrv
loket_flow_dup_names (LoketFlow *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (LOKET_IS_FLOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (page_kinds); i++)
    {
      const PageKind *kind = &page_kinds[i];

      if (kind->flags & LOKET_PAGE_KIND_OFF_FLOW)
        continue;

      if (kind->flags & LOKET_PAGE_KIND_PER_SECTION)
        {
          LoketRequest *request = loket_session_get_request (self->session);
          g_autoptr(GPtrArray) sections = loket_request_get_sections (request);

          for (guint s = 0; sections != NULL && s < sections->len; s++)
            {
              LoketQuestionSection *section = g_ptr_array_index (sections, s);
              g_autofree char *name = g_strconcat (kind->kind, ":", section->section->id, NULL);

              g_strv_builder_add (names, name);
            }
          continue;
        }

      g_strv_builder_add (names, kind->kind);
    }

  return g_strv_builder_end (names);
}

static int
index_of (GStrv       names,
          const char *name)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return i;
  return -1;
}

char *
loket_flow_dup_next (LoketFlow  *self,
                     const char *name)
{
  g_auto(GStrv) names = NULL;
  int i;

  g_return_val_if_fail (LOKET_IS_FLOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (loket_flow_get_page_flags (name) & LOKET_PAGE_KIND_OFF_FLOW)
    return NULL;

  names = loket_flow_dup_names (self);
  i = index_of (names, name);
  if (i < 0)
    {
      /* A form page whose section went away: go on from where its section stood, which
       * is as far as choose's successor in the current table. */
      if (g_str_has_prefix (name, "form:"))
        i = index_of (names, "choose");
      if (i < 0)
        return NULL;
    }

  return g_strdup (names[i + 1]);
}

char *
loket_flow_dup_previous (LoketFlow  *self,
                         const char *name)
{
  g_auto(GStrv) names = NULL;
  int i;

  g_return_val_if_fail (LOKET_IS_FLOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (loket_flow_get_page_flags (name) & LOKET_PAGE_KIND_OFF_FLOW)
    return g_strdup ("welcome");

  names = loket_flow_dup_names (self);
  i = index_of (names, name);
  if (i <= 0)
    return i < 0 && g_str_has_prefix (name, "form:") ? g_strdup ("choose") : NULL;

  return g_strdup (names[i - 1]);
}

/* Whether a section is wanted by the chosen services: asked now, or hidden by an answer.
 * (*asked says which.) */
static gboolean
section_wanted (LoketRequest       *request,
                const LoketSection *section,
                gboolean           *asked)
{
  GPtrArray *fields = loket_catalog_get_fields (loket_request_get_catalog (request));
  gboolean wanted = FALSE;

  *asked = FALSE;
  for (guint i = 0; i < fields->len; i++)
    {
      const LoketField *field = g_ptr_array_index (fields, i);
      LoketFieldState state;

      if (g_strcmp0 (field->section, section->id) != 0)
        continue;
      state = loket_request_get_field_state (request, field->id);
      if (state == LOKET_FIELD_STATE_ASKED)
        {
          *asked = TRUE;
          return TRUE;
        }
      wanted |= state == LOKET_FIELD_STATE_HIDDEN;
    }

  return wanted;
}

static void
add_step (GPtrArray  *steps,
          const char *name,
          gboolean    needed)
{
  LoketFlowStep *step = g_new0 (LoketFlowStep, 1);

  step->name = g_strdup (name);
  step->needed = needed;
  g_ptr_array_add (steps, step);
}

void
loket_flow_step_free (LoketFlowStep *step)
{
  if (step == NULL)
    return;
  g_free (step->name);
  g_free (step);
}

/* The steps are fixed by the chosen services, not by the answers: a section that an answer
 * may still show or hide is a step either way (not needed when hidden), so the count never
 * grows while the citizen answers — it only shrinks when a service is left out. */
GPtrArray *
loket_flow_dup_steps (LoketFlow *self)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_flow_step_free);
  LoketRequest *request;
  g_autoptr(GPtrArray) services = NULL;

  g_return_val_if_fail (LOKET_IS_FLOW (self), steps);

  request = loket_session_get_request (self->session);
  services = loket_request_get_services (request);
  if (services->len == 0)
    return steps;

  for (guint i = 0; i < G_N_ELEMENTS (page_kinds); i++)
    {
      const PageKind *kind = &page_kinds[i];

      if (!(kind->flags & LOKET_PAGE_KIND_COUNTED))
        continue;

      if (kind->flags & LOKET_PAGE_KIND_PER_SECTION)
        {
          GPtrArray *sections = loket_catalog_get_sections (loket_request_get_catalog (request));

          for (guint s = 0; s < sections->len; s++)
            {
              const LoketSection *section = g_ptr_array_index (sections, s);
              g_autofree char *name = g_strconcat (kind->kind, ":", section->id, NULL);
              gboolean asked;

              if (section_wanted (request, section, &asked))
                add_step (steps, name, asked);
            }
          continue;
        }

      add_step (steps, kind->kind, TRUE);
    }

  return steps;
}

gboolean
loket_flow_get_step (LoketFlow  *self,
                     const char *name,
                     guint      *n,
                     guint      *m)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (LOKET_IS_FLOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  steps = loket_flow_dup_steps (self);
  for (guint i = 0; i < steps->len; i++)
    {
      const LoketFlowStep *step = g_ptr_array_index (steps, i);

      if (!g_str_equal (step->name, name))
        continue;
      if (n != NULL)
        *n = i + 1;
      if (m != NULL)
        *m = steps->len;
      return TRUE;
    }

  return FALSE;
}

LoketPage *
loket_flow_create_page (LoketFlow  *self,
                        const char *name)
{
  g_autofree char *kind = NULL;
  GType type;

  g_return_val_if_fail (LOKET_IS_FLOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  kind = name_kind (name);
  type = page_type (kind);
  if (type == G_TYPE_INVALID)
    return NULL;

  if (find_kind (kind)->flags & LOKET_PAGE_KIND_PER_SECTION)
    {
      const char *colon = strchr (name, ':');

      if (colon == NULL || colon[1] == '\0')
        return NULL;
      return g_object_new (type, "session", self->session, "section", colon + 1, NULL);
    }
  if (strchr (name, ':') != NULL)
    return NULL;

  return g_object_new (type, "session", self->session, NULL);
}

void
loket_flow_override_type (const char *kind,
                          GType       type)
{
  g_return_if_fail (find_kind (kind) != NULL);

  if (overrides == NULL)
    overrides = g_hash_table_new (g_str_hash, g_str_equal);

  if (type == G_TYPE_INVALID)
    g_hash_table_remove (overrides, kind);
  else
    g_hash_table_insert (overrides, (gpointer) find_kind (kind)->kind, GSIZE_TO_POINTER (type));
}

LoketPageKindFlags
loket_flow_get_page_flags (const char *name)
{
  g_autofree char *kind = NULL;
  const PageKind *entry;

  g_return_val_if_fail (name != NULL, 0);

  kind = name_kind (name);
  entry = find_kind (kind);
  return entry != NULL ? entry->flags : 0;
}
