/* loket-catalog-load.c — reading a catalog folder (data/catalog/README.md)
 *
 * Loading runs in two passes. The first reads each file on its own: agencies, sections and
 * the field dictionary (loket-catalog-fields.c) are complete after it. Services and life
 * events refer to things that may live in any file, so they are built in the second pass
 * (loket-catalog-services.c), once everything is known. Every problem is collected, never
 * just the first: the hall's staff fix a catalog in one go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-catalog"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "loket-catalog.h"
#include "loket-catalog-private.h"
#include "loket-i18n.h"
#include "loket-json.h"

Pending *
catalog_pending_new (const char *file,
                     const char *path,
                     JsonObject *object)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->file = file;
  pending->path = g_strdup (path);
  pending->object = object;
  return pending;
}

void
catalog_pending_free (Pending *pending)
{
  g_free (pending->path);
  g_free (pending);
}

/* --- helpers of both passes --- */

void
catalog_add_string (Loader     *loader,
                    const char *file,
                    const char *path,
                    const char *member,
                    const char *msgid,
                    char       *comment)   /* taken */
{
  LoketCatalog *catalog = loader->catalog;
  LoketCatalogString *string;
  g_autofree char *member_path = NULL;

  if (msgid == NULL || *msgid == '\0')
    {
      g_free (comment);
      return;
    }

  member_path = member != NULL ? loket_json_path_member (path, member) : g_strdup (path);
  string = g_new0 (LoketCatalogString, 1);
  string->msgid = g_string_chunk_insert_const (catalog->chunk, msgid);
  string->file = g_string_chunk_insert_const (catalog->chunk, file);
  string->path = g_string_chunk_insert (catalog->chunk, member_path);
  string->comment = g_string_chunk_insert (catalog->chunk, comment);
  g_ptr_array_add (catalog->strings, string);
  g_free (comment);
}

/* Ids are typed by people and end up in config group names and file paths: keep them to
 * letters, digits, '-' and '_' (fields: also '.' between parts). */
gboolean
catalog_check_id (LoketJsonProblems *p,
                  const char        *path,
                  const char        *id,
                  gboolean           dots)
{
  g_autofree char *id_path = loket_json_path_member (path, "id");
  gboolean ok = TRUE;

  for (const char *c = id; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c) || *c == '-' || *c == '_')
        continue;
      if (dots && *c == '.' && c != id && c[1] != '\0' && c[1] != '.')
        continue;
      ok = FALSE;
    }

  if (!ok && dots)
    /* Translators: %s is an id as written in the catalog. */
    loket_json_problem (p, id_path,
                        _("'%s' is not a valid id (use letters, digits, '-', '_' and '.' between parts)"), id);
  else if (!ok)
    /* Translators: %s is an id as written in the catalog. */
    loket_json_problem (p, id_path, _("'%s' is not a valid id (use letters, digits, '-' and '_')"),
                        id);

  return ok;
}

/* Records the first definition of an id of a kind; a second one is a problem that names
 * the first. */
gboolean
catalog_claim_id (Loader            *loader,
                  LoketJsonProblems *p,
                  const char        *kind,
                  const char        *path,
                  const char        *id)
{
  g_autofree char *key = g_strconcat (kind, "\x1f", id, NULL);
  const char *first = g_hash_table_lookup (loader->origins, key);

  if (first != NULL)
    {
      g_autofree char *id_path = loket_json_path_member (path, "id");

      /* Translators: the first %s is an id, the second where it was first defined,
       * e.g. "agencies.json: $.agencies[0]". */
      loket_json_problem (p, id_path, _("duplicate id '%s' (first defined at %s)"), id, first);
      return FALSE;
    }

  g_hash_table_insert (loader->origins, g_steal_pointer (&key),
                       g_strdup_printf ("%s: %s", p->file, path));
  return TRUE;
}

gboolean
catalog_new_id (Loader            *loader,
                LoketJsonProblems *p,
                const char        *kind,
                const char        *path,
                const char        *id)
{
  return id != NULL && catalog_check_id (p, path, id, FALSE)
         && catalog_claim_id (loader, p, kind, path, id);
}

JsonObject *
catalog_element_object (LoketJsonProblems *p,
                        JsonArray         *array,
                        guint              index,
                        const char        *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      loket_json_problem (p, path, _("expected %s, found %s"), _("an object"),
                          loket_json_node_kind (node));
      return NULL;
    }

  return json_node_get_object (node);
}

/* --- agencies and sections --- */

static void
load_agency (Loader            *loader,
             LoketJsonProblems *p,
             JsonObject        *object,
             const char        *path)
{
  static const char * const known[] = { "id", "name", "short_name", "location", NULL };
  const char *id = NULL, *name = NULL, *short_name = NULL, *location = NULL;
  gboolean ok = TRUE;
  LoketAgency *agency;

  loket_json_check_members (p, object, path, known);
  ok &= loket_json_get_string (p, object, path, "id", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &id);
  ok &= loket_json_get_string (p, object, path, "name", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &name);
  ok &= loket_json_get_string (p, object, path, "short_name",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &short_name);
  ok &= loket_json_get_string (p, object, path, "location", LOKET_JSON_NON_EMPTY, &location);
  if (!catalog_new_id (loader, p, "agency", path, id))
    return;

  agency = g_new0 (LoketAgency, 1);
  agency->id = g_strdup (id);
  agency->name = g_strdup (name);
  agency->short_name = g_strdup (short_name);
  agency->location = g_strdup (location);
  g_ptr_array_add (loader->catalog->agencies, agency);
  g_hash_table_insert (loader->catalog->agency_by_id, agency->id, agency);

  /* Kept even with problems, so services that name it are not told it is unknown. */
  if (!ok)
    return;
  catalog_add_string (loader, p->file, path, "name", name,
                      g_strdup_printf ("Name of agency '%s'", id));
  catalog_add_string (loader, p->file, path, "short_name", short_name,
                      g_strdup_printf ("Short name of agency '%s'", id));
  catalog_add_string (loader, p->file, path, "location", location,
                      g_strdup_printf ("Where in the hall to find agency '%s'", id));
}

static void
load_section (Loader            *loader,
              LoketJsonProblems *p,
              JsonObject        *object,
              const char        *path)
{
  static const char * const known[] = { "id", "title", NULL };
  const char *id = NULL, *title = NULL;
  gboolean ok = TRUE;
  LoketSection *section;

  loket_json_check_members (p, object, path, known);
  ok &= loket_json_get_string (p, object, path, "id", LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY,
                               &id);
  ok &= loket_json_get_string (p, object, path, "title",
                               LOKET_JSON_REQUIRED | LOKET_JSON_NON_EMPTY, &title);
  if (!catalog_new_id (loader, p, "section", path, id))
    return;

  section = g_new0 (LoketSection, 1);
  section->id = g_strdup (id);
  section->title = g_strdup (title);
  g_ptr_array_add (loader->catalog->sections, section);
  g_hash_table_insert (loader->catalog->section_by_id, section->id, section);
  if (!ok)
    return;

  catalog_add_string (loader, p->file, path, "title", title,
                      g_strdup_printf ("Title of the form step (section) '%s'", id));
}

/* --- the first pass: one file --- */

typedef void (*LoadFunc) (Loader *, LoketJsonProblems *, JsonObject *, const char *);

static void
load_dictionary_field (Loader            *loader,
                       LoketJsonProblems *p,
                       JsonObject        *object,
                       const char        *path)
{
  LoketField *field = catalog_load_field (loader, p, object, path, NULL);

  if (field == NULL)
    return;

  g_ptr_array_add (loader->catalog->fields, field);
  g_hash_table_insert (loader->catalog->field_by_id, field->id, field);
  g_hash_table_insert (loader->field_origins, field, catalog_pending_new (p->file, path, NULL));
}

static void
defer_service (Loader            *loader,
               LoketJsonProblems *p,
               JsonObject        *object,
               const char        *path)
{
  g_ptr_array_add (loader->pending_services, catalog_pending_new (p->file, path, object));
}

static void
defer_life_event (Loader            *loader,
                  LoketJsonProblems *p,
                  JsonObject        *object,
                  const char        *path)
{
  g_ptr_array_add (loader->pending_life_events, catalog_pending_new (p->file, path, object));
}

static void
load_file (Loader     *loader,
           const char *file,       /* kept alive by the caller for the whole load */
           const char *text,
           gsize       length)
{
  static const char * const known[] = {
    "agencies", "sections", "fields", "services", "life_events", NULL
  };
  static const struct {
    const char *member;
    LoadFunc    load;
  } parts[] = {
    { "agencies", load_agency },
    { "sections", load_section },
    { "fields", load_dictionary_field },
    { "services", defer_service },
    { "life_events", defer_life_event },
  };
  LoketJsonProblems p = { file, loader->problems };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  root = loket_json_parse (&p, text, length, LOKET_JSON_MAX_SIZE, LOKET_JSON_MAX_DEPTH);
  if (root == NULL)
    {
      loader->unreadable = TRUE;
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      loket_json_problem (&p, "$", _("expected %s, found %s"), _("an object"),
                          loket_json_node_kind (root));
      loader->unreadable = TRUE;
      return;
    }

  object = json_node_get_object (root);
  loket_json_check_members (&p, object, "$", known);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *path = loket_json_path_member ("$", parts[i].member);
      JsonArray *array = NULL;

      if (!loket_json_get_array (&p, object, "$", parts[i].member, 0, &array) || array == NULL)
        continue;

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          g_autofree char *item_path = loket_json_path_index (path, j);
          JsonObject *item = catalog_element_object (&p, array, j, item_path);

          if (item != NULL)
            parts[i].load (loader, &p, item, item_path);
        }
    }

  g_ptr_array_add (loader->roots, g_steal_pointer (&root));
}

static void
check_sections (Loader *loader)
{
  GPtrArray *fields = loader->catalog->fields;

  for (guint i = 0; i < fields->len; i++)
    {
      LoketField *field = g_ptr_array_index (fields, i);

      if (!g_hash_table_contains (loader->catalog->section_by_id, field->section))
        {
          Pending *origin = g_hash_table_lookup (loader->field_origins, field);
          LoketJsonProblems p = { origin->file, loader->problems };
          g_autofree char *id_path = loket_json_path_member (origin->path, "id");

          /* Translators: %s is a section id, the part of a field's id before the first dot. */
          loket_json_problem (&p, id_path, _("section '%s' has no entry in 'sections'"),
                              field->section);
        }
    }
}

/* --- loading --- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static LoketCatalog *
load_texts (const char   *dir,
            const char  **names,
            const char  **texts,
            gsize        *lengths,
            guint         n_texts,
            GPtrArray   **problems_out,
            GError      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LoketCatalog) catalog = catalog_new (dir);
  Loader loader = { 0, };

  loader.catalog = catalog;
  loader.problems = problems;
  loader.roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  loader.pending_services = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_pending_free);
  loader.pending_life_events = g_ptr_array_new_with_free_func ((GDestroyNotify) catalog_pending_free);
  loader.origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  loader.field_origins = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) catalog_pending_free);
  loader.service_origins = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_texts; i++)
    load_file (&loader, names[i], texts[i], lengths != NULL ? lengths[i] : strlen (texts[i]));

  for (guint i = 0; i < loader.pending_services->len; i++)
    catalog_load_service (&loader, g_ptr_array_index (loader.pending_services, i));
  for (guint i = 0; i < loader.pending_life_events->len; i++)
    catalog_load_life_event (&loader, g_ptr_array_index (loader.pending_life_events, i), dir);

  /* What a broken file held is missing: "unknown" references and checks across files
   * would only add noise, so they wait until it parses. */
  if (!loader.unreadable)
    {
      catalog_check_dependencies (&loader);
      catalog_check_documents (&loader);
      check_sections (&loader);
    }

  g_ptr_array_unref (loader.roots);
  g_hash_table_unref (loader.origins);
  g_hash_table_unref (loader.field_origins);
  g_hash_table_unref (loader.service_origins);
  g_ptr_array_unref (loader.pending_services);
  g_ptr_array_unref (loader.pending_life_events);

  if (problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message,
                              /* Translators: %u is a number of problems; a list follows. */
                              g_dngettext (GETTEXT_PACKAGE, "The catalog has %u problem:",
                                           "The catalog has %u problems:", problems->len),
                              problems->len);
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (message, "\n%s", (char *) g_ptr_array_index (problems, i));
      g_set_error_literal (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID, message->str);
      if (problems_out != NULL)
        *problems_out = g_steal_pointer (&problems);
      return NULL;
    }

  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
  return g_steal_pointer (&catalog);
}

LoketCatalog *
loket_catalog_load_from_data (const char **names,
                              const char **texts,
                              gsize       *lengths,
                              guint        n_texts,
                              GPtrArray  **problems,
                              GError     **error)
{
  g_return_val_if_fail (n_texts == 0 || (names != NULL && texts != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_texts (NULL, names, texts, lengths, n_texts, problems, error);
}

char *
loket_catalog_locale_dir (const char *dir)
{
  const char *override = g_getenv ("LOKET_CATALOG_LOCALEDIR");
  g_autofree char *locale_dir = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  /* gettext looks the folder up at every lookup: a relative one would follow the cwd. */
  locale_dir = g_build_filename (dir, "locale", NULL);
  return g_canonicalize_filename (locale_dir, NULL);
}

LoketCatalog *
loket_catalog_load (const char  *dir,
                    GPtrArray  **problems,
                    GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GDir) folder = NULL;
  g_autoptr(LoketCatalog) catalog = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *locale_dir = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = g_dir_open (dir, 0, &local_error);
  if (folder == NULL)
    {
      /* Translators: the first %s is a folder, the second the system's reason. */
      g_set_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_IO,
                   _("Cannot read the catalog folder %s: %s"), dir, local_error->message);
      return NULL;
    }

  /* Hidden files are editors' backups and locks, not part of the catalog. */
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  if (names->len == 0)
    {
      /* Translators: %s is a folder. */
      g_set_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_IO,
                   _("The catalog folder %s has no *.json files"), dir);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) read_error = NULL;
      char *text = NULL;
      gsize length = 0;
      GStatBuf st;

      /* Checked before reading, so a huge file never reaches memory: loket_json_parse()
       * looks at the length before the text, so an empty text with the file's size
       * gives the same problem as the whole file would. */
      if (g_stat (path, &st) == 0 && (gsize) st.st_size > LOKET_JSON_MAX_SIZE)
        {
          text = g_strdup ("");
          length = (gsize) st.st_size;
        }
      else if (!g_file_get_contents (path, &text, &length, &read_error))
        {
          /* Translators: the first %s is a file, the second the system's reason. */
          g_set_error (error, LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_IO,
                       _("Cannot read the catalog file %s: %s"), path, read_error->message);
          return NULL;
        }
      g_ptr_array_add (texts, text);
      g_array_append_val (lengths, length);
    }

  catalog = load_texts (dir, (const char **) names->pdata, (const char **) texts->pdata,
                        (gsize *) (void *) lengths->data, names->len, problems, &local_error);

  if (catalog == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  locale_dir = loket_catalog_locale_dir (dir);
  loket_i18n_bind_catalog (locale_dir);

  return g_steal_pointer (&catalog);
}
