/* loket-admin-catalog.c — admin mode's Reload the catalog from its folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "core/loket-i18n.h"
#include "loket-admin-catalog.h"
#include "loket-admin-widgets.h"
#include "loket-window.h"

/* How many problems the screen lists; `loketctl catalog validate` lists them all. */
#define MAX_SHOWN 12

/* The copy of the translations bound now (a reload's), removed by the next reload. */
static char *bound_copy;

struct _LoketAdminCatalog
{
  GtkBox          parent_instance;

  LoketSession   *session;
  LoketAdminMode *mode;
  GCancellable   *cancellable;
  guint           busy;
  guint           swaps;
  char           *result;

  GtkLabel       *result_label;
};

G_DEFINE_FINAL_TYPE (LoketAdminCatalog, loket_admin_catalog, GTK_TYPE_BOX)

typedef struct {
  LoketCatalog *catalog;
  char         *locale_copy;   /* NULL when the catalog has no translations */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->catalog, loket_catalog_unref);
  g_free (loaded->locale_copy);
  g_free (loaded);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* LANG/LC_MESSAGES/loket-catalog.mo of from, copied into a new folder. */
static char *
copy_translations (const char  *from,
                   GError     **error)
{
  g_autoptr(GDir) langs = g_dir_open (from, 0, NULL);
  g_autofree char *copy = NULL;
  const char *lang;

  if (langs == NULL)
    return NULL;
  copy = g_dir_make_tmp ("loket-catalog-XXXXXX", error);
  if (copy == NULL)
    return NULL;
  while ((lang = g_dir_read_name (langs)) != NULL)
    {
      g_autofree char *mo = g_build_filename (from, lang, "LC_MESSAGES", "loket-catalog.mo",
                                              NULL);
      g_autofree char *dir = g_build_filename (copy, lang, "LC_MESSAGES", NULL);
      g_autofree char *target = g_build_filename (dir, "loket-catalog.mo", NULL);
      g_autofree char *bytes = NULL;
      gsize length = 0;

      if (!g_file_get_contents (mo, &bytes, &length, NULL))
        continue;
      if (g_mkdir_with_parents (dir, 0755) != 0 ||
          !g_file_set_contents (target, bytes, (gssize) length, error))
        {
          remove_tree (copy);
          return NULL;
        }
    }
  return g_steal_pointer (&copy);
}

static void
reload_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LoketConfig *config = task_data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *locale_dir = NULL;
  Loaded *loaded;

  loaded = g_new0 (Loaded, 1);
  loaded->catalog = loket_catalog_load (config->catalog_dir, &problems, &error);
  if (loaded->catalog == NULL)
    {
      loaded_free (loaded);
      /* Every problem, one a line, each with its file and JSON path. */
      if (problems != NULL && problems->len > 0)
        {
          g_autofree char *all = NULL;

          g_ptr_array_add (problems, NULL);
          all = g_strjoinv ("\n", (char **) problems->pdata);
          g_clear_error (&error);
          error = g_error_new_literal (LOKET_CATALOG_ERROR, LOKET_CATALOG_ERROR_INVALID, all);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  locale_dir = loket_catalog_locale_dir (config->catalog_dir);
  loaded->locale_copy = copy_translations (locale_dir, &error);
  if (error != NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
set_result (LoketAdminCatalog *self,
            const char        *text,
            gboolean           failed)
{
  g_free (self->result);
  self->result = g_strdup (text);
  gtk_label_set_label (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
}

/* The error's message lists the problems one a line ("FILE: JSON-PATH: what"): at most
 * MAX_SHOWN of them on the screen. */
static char *
refusal_text (const GError *error)
{
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
  GString *text = g_string_new (NULL);
  guint n = g_strv_length (lines);

  /* Translators: above the problems of a catalog that was not loaded. */
  g_string_append (text, _("The catalog was not reloaded; the one in use stays. Problems:"));
  for (guint i = 0; i < n && i < MAX_SHOWN; i++)
    g_string_append_printf (text, "\n%s", lines[i]);
  if (n > MAX_SHOWN)
    {
      g_string_append_c (text, '\n');
      /* Translators: %u is how many more problems "loketctl catalog validate" lists. */
      g_string_append_printf (text, _("…and %u more (loketctl catalog validate lists them "
                                      "all)"), n - MAX_SHOWN);
    }
  return g_string_free (text, FALSE);
}

static gboolean
no_citizen (LoketAdminCatalog *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *page = LOKET_IS_WINDOW (root) ? loket_window_get_page_name (LOKET_WINDOW (root))
                                            : NULL;

  return g_strcmp0 (page, "admin") == 0 || g_strcmp0 (page, "welcome") == 0;
}

static void
swap_in (LoketAdminCatalog *self,
         Loaded            *loaded)
{
  if (loaded->locale_copy != NULL)
    {
      loket_i18n_bind_catalog (loaded->locale_copy);
      if (bound_copy != NULL)
        remove_tree (bound_copy);
      g_free (bound_copy);
      bound_copy = g_steal_pointer (&loaded->locale_copy);
    }
  loket_session_set_catalog (self->session, loaded->catalog);
  self->swaps++;
}

static void
reload_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LoketAdminCatalog *self = LOKET_ADMIN_CATALOG (source);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (loaded == NULL)
    {
      g_autofree char *text = refusal_text (error);

      set_result (self, text, TRUE);
      loket_admin_audit_in_thread (self->mode, LOKET_AUDIT_CATALOG_RELOAD, "refused");
      return;
    }
  if (!no_citizen (self))
    {
      /* Staff left meanwhile and a citizen began: their request keeps its catalog. */
      g_message ("A reloaded catalog came after admin mode was left; not swapped in");
      if (loaded->locale_copy != NULL)
        remove_tree (loaded->locale_copy);
      loaded_free (loaded);
      return;
    }
  swap_in (self, loaded);
  loaded_free (loaded);
  /* Translators: after a catalog was reloaded in admin mode. */
  set_result (self, _("The catalog was reloaded. The next citizen sees it."), FALSE);
  loket_admin_audit_in_thread (self->mode, LOKET_AUDIT_CATALOG_RELOAD, "ok");
}

static void
reload_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LoketAdminCatalog *self = LOKET_ADMIN_CATALOG (widget);
  g_autoptr(GTask) task = NULL;

  if (self->busy > 0 || self->mode == NULL || loket_admin_mode_get_name (self->mode) == NULL)
    return;

  self->busy++;
  /* Translators: while the catalog folder is read in admin mode. */
  set_result (self, _("Reading the catalog…"), FALSE);
  task = g_task_new (self, self->cancellable, reload_done, NULL);
  g_task_set_source_tag (task, reload_action);
  g_task_set_task_data (task, loket_config_ref (loket_session_get_config (self->session)),
                        (GDestroyNotify) loket_config_unref);
  g_task_run_in_thread (task, reload_thread);
}

static void
loket_admin_catalog_dispose (GObject *object)
{
  LoketAdminCatalog *self = LOKET_ADMIN_CATALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->mode);

  G_OBJECT_CLASS (loket_admin_catalog_parent_class)->dispose (object);
}

static void
loket_admin_catalog_finalize (GObject *object)
{
  LoketAdminCatalog *self = LOKET_ADMIN_CATALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->result);

  G_OBJECT_CLASS (loket_admin_catalog_parent_class)->finalize (object);
}

static void
loket_admin_catalog_class_init (LoketAdminCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_admin_catalog_dispose;
  object_class->finalize = loket_admin_catalog_finalize;
  gtk_widget_class_install_action (widget_class, "catalog.reload", NULL, reload_action);
}

static void
loket_admin_catalog_init (LoketAdminCatalog *self)
{
  GtkWidget *button;

  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  /* Translators: a heading of admin mode. */
  gtk_box_append (GTK_BOX (self), loket_admin_heading (_("Catalog"), 2));
  /* Translators: a button of admin mode. */
  button = loket_admin_button (_("Reload the catalog from its folder"), NULL, "catalog.reload",
                               NULL);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self), button);
  self->result_label = loket_admin_error_label ();
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->result_label));
}

GtkWidget *
loket_admin_catalog_new (LoketSession   *session,
                         LoketAdminMode *mode)
{
  LoketAdminCatalog *self;
  g_autofree char *where = NULL;

  g_return_val_if_fail (LOKET_IS_SESSION (session), NULL);

  self = g_object_new (LOKET_TYPE_ADMIN_CATALOG, NULL);
  self->session = g_object_ref (session);
  self->mode = mode != NULL ? g_object_ref (mode) : NULL;
  /* Translators: %s is the catalog's folder. */
  where = g_strdup_printf (_("The catalog is read from %s. A catalog with problems is not "
                             "used; the one in use then stays."),
                           loket_session_get_config (session)->catalog_dir);
  gtk_box_insert_child_after (GTK_BOX (self), loket_admin_text_label (where),
                              gtk_widget_get_first_child (GTK_WIDGET (self)));
  return GTK_WIDGET (self);
}

gboolean
loket_admin_catalog_is_busy (LoketAdminCatalog *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_CATALOG (self), FALSE);
  return self->busy > 0;
}

const char *
loket_admin_catalog_get_result (LoketAdminCatalog *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_CATALOG (self), NULL);
  return self->result;
}

guint
loket_admin_catalog_get_swaps (LoketAdminCatalog *self)
{
  g_return_val_if_fail (LOKET_IS_ADMIN_CATALOG (self), 0);
  return self->swaps;
}
