/* loket-flow.c — the citizen flow's page table: which pages, in which order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is a list of page kinds; the form kind expands to one page per visible section
 * of the request, so the order follows the citizen's choices. Pages are looked up by their
 * type's get_type function through weak symbols: a page whose file is not linked into a
 * program is simply skipped, and the shell builds whether or not the pages exist yet.
 */
#define G_LOG_DOMAIN "loket-flow"

#include "config.h"

#include <string.h>

#include "loket-flow.h"

/* The pages' type functions. Weak: NULL when the page's file is not linked in. To switch to
 * direct references once every page exists, include the pages' headers here and drop the
 * weak declarations and the NULL checks in page_type(). */
GType loket_welcome_page_get_type (void) __attribute__ ((weak));
GType loket_choose_page_get_type (void) __attribute__ ((weak));
GType loket_track_page_get_type (void) __attribute__ ((weak));
GType loket_form_page_get_type (void) __attribute__ ((weak));
GType loket_review_page_get_type (void) __attribute__ ((weak));
GType loket_consent_page_get_type (void) __attribute__ ((weak));
GType loket_submitting_page_get_type (void) __attribute__ ((weak));
GType loket_receipt_page_get_type (void) __attribute__ ((weak));

typedef GType (*TypeFunc) (void);

typedef struct {
  const char *kind;
  TypeFunc    get_type;
  const char *type_name;
  gboolean    counted;    /* a numbered step in the header */
} PageKind;

static const PageKind page_kinds[] = {
  { "welcome",    NULL, "LoketWelcomePage",    FALSE },
  { "choose",     NULL, "LoketChoosePage",     TRUE },
  { "form",       NULL, "LoketFormPage",       TRUE },
  { "review",     NULL, "LoketReviewPage",     TRUE },
  { "consent",    NULL, "LoketConsentPage",    TRUE },
  { "submitting", NULL, "LoketSubmittingPage", FALSE },
  { "receipt",    NULL, "LoketReceiptPage",    FALSE },
  { "track",      NULL, "LoketTrackPage",      FALSE },
};

static GHashTable *overrides;   /* kind -> GType, for tests */

struct _LoketFlow
{
  GObject       parent_instance;

  LoketSession *session;
};

G_DEFINE_FINAL_TYPE (LoketFlow, loket_flow, G_TYPE_OBJECT)

static TypeFunc
kind_type_func (const char *kind)
{
  if (g_str_equal (kind, "welcome"))
    return loket_welcome_page_get_type;
  if (g_str_equal (kind, "choose"))
    return loket_choose_page_get_type;
  if (g_str_equal (kind, "track"))
    return loket_track_page_get_type;
  if (g_str_equal (kind, "form"))
    return loket_form_page_get_type;
  if (g_str_equal (kind, "review"))
    return loket_review_page_get_type;
  if (g_str_equal (kind, "consent"))
    return loket_consent_page_get_type;
  if (g_str_equal (kind, "submitting"))
    return loket_submitting_page_get_type;
  if (g_str_equal (kind, "receipt"))
    return loket_receipt_page_get_type;
  return NULL;
}

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
  TypeFunc func;
  GType type;

  if (entry == NULL)
    return G_TYPE_INVALID;

  if (overrides != NULL && g_hash_table_contains (overrides, kind))
    return (GType) GPOINTER_TO_SIZE (g_hash_table_lookup (overrides, kind));

  func = kind_type_func (kind);
  if (func != NULL)
    return func ();

  type = g_type_from_name (entry->type_name);
  if (type != G_TYPE_INVALID && g_type_is_a (type, LOKET_TYPE_PAGE))
    return type;

  return G_TYPE_INVALID;
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

      if (g_str_equal (kind->kind, "track"))
        continue;

      /* A page that cannot be built is left out, so the step count stays true. */
      if (page_type (kind->kind) == G_TYPE_INVALID)
        continue;

      if (g_str_equal (kind->kind, "form"))
        {
          LoketRequest *request = loket_session_get_request (self->session);
          g_autoptr(GPtrArray) sections = loket_request_get_sections (request);

          for (guint s = 0; sections != NULL && s < sections->len; s++)
            {
              LoketQuestionSection *section = g_ptr_array_index (sections, s);
              g_autofree char *name = g_strconcat ("form:", section->section->id, NULL);

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

  if (g_str_equal (name, "track"))
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

  if (g_str_equal (name, "track"))
    return g_strdup ("welcome");

  names = loket_flow_dup_names (self);
  i = index_of (names, name);
  if (i <= 0)
    return i < 0 && g_str_has_prefix (name, "form:") ? g_strdup ("choose") : NULL;

  return g_strdup (names[i - 1]);
}

gboolean
loket_flow_get_step (LoketFlow  *self,
                     const char *name,
                     guint      *n,
                     guint      *m)
{
  g_auto(GStrv) names = NULL;
  guint count = 0;
  guint position = 0;

  g_return_val_if_fail (LOKET_IS_FLOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  names = loket_flow_dup_names (self);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *kind = name_kind (names[i]);
      const PageKind *entry = find_kind (kind);

      if (entry == NULL || !entry->counted)
        continue;
      count++;
      if (g_str_equal (names[i], name))
        position = count;
    }

  if (position == 0)
    return FALSE;

  if (n != NULL)
    *n = position;
  if (m != NULL)
    *m = count;
  return TRUE;
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

  if (g_str_equal (kind, "form"))
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
