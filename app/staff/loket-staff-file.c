/* loket-staff-file.c — the staff file: one `NAME:HASH` line per staff member, mode 0600
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-staff"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "config/loket-secret-file.h"
#include "loket-staff.h"

/* Room for thousands of staff; a bigger file is not a staff file. */
#define STAFF_FILE_MAX_BYTES (1024 * 1024)

void
loket_staff_member_free (LoketStaffMember *member)
{
  if (member == NULL)
    return;
  g_free (member->name);
  g_free (member->hash);
  g_free (member);
}

static gboolean
parse_line (const char  *path,
            guint        number,
            const char  *line,
            GPtrArray   *members,
            GError     **error)
{
  const char *colon = strrchr (line, ':');
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  LoketStaffMember *member;

  if (colon == NULL || !loket_staff_hash_is_valid (colon + 1))
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE,
                   /* Translators: %s:%u is the staff file and a line number. */
                   _("%s:%u: not a staff line (NAME:HASH, a yescrypt hash); the file is refused"),
                   path, number);
      return FALSE;
    }

  name = g_strndup (line, colon - line);
  if (!loket_staff_name_check (name, &local))
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE,
                   /* Translators: %s:%u is the staff file and a line number, the last %s
                    * what is wrong with the name. */
                   _("%s:%u: %s; the file is refused"), path, number, local->message);
      return FALSE;
    }

  for (guint i = 0; i < members->len; i++)
    if (g_str_equal (((LoketStaffMember *) g_ptr_array_index (members, i))->name, name))
      {
        g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE,
                     /* Translators: %s:%u is the staff file and a line number, the last %s
                      * a staff name. */
                     _("%s:%u: '%s' is named twice; the file is refused"), path, number, name);
        return FALSE;
      }

  member = g_new0 (LoketStaffMember, 1);
  member->name = g_steal_pointer (&name);
  member->hash = g_strdup (colon + 1);
  g_ptr_array_add (members, member);
  return TRUE;
}

GPtrArray *
loket_staff_file_read (const char  *path,
                       GError     **error)
{
  g_autoptr(GPtrArray) members =
    g_ptr_array_new_with_free_func ((GDestroyNotify) loket_staff_member_free);
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  gsize size;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = loket_secret_file_read (path, _("staff file"), STAFF_FILE_MAX_BYTES, &local);
  if (bytes == NULL)
    {
      /* No file yet, or every member removed: nobody can log in, which is no error. */
      if (g_error_matches (local, LOKET_SECRET_FILE_ERROR, LOKET_SECRET_FILE_ERROR_MISSING) ||
          g_error_matches (local, LOKET_SECRET_FILE_ERROR, LOKET_SECRET_FILE_ERROR_EMPTY))
        return g_steal_pointer (&members);
      g_set_error_literal (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE, local->message);
      return NULL;
    }

  text = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  if (strlen (text) != size || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE,
                   /* Translators: %s is the staff file. */
                   _("%s: not UTF-8 text; the file is refused"), path);
      return NULL;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* The newline after the last line, and nothing else, may leave an empty one. */
      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break;
      if (!parse_line (path, i + 1, lines[i], members, error))
        return NULL;
    }

  return g_steal_pointer (&members);
}

gboolean
loket_staff_file_write (const char  *path,
                        GPtrArray   *members,
                        GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (members != NULL, FALSE);

  for (guint i = 0; i < members->len; i++)
    {
      LoketStaffMember *member = g_ptr_array_index (members, i);

      g_string_append_printf (text, "%s:%s\n", member->name, member->hash);
    }

  /* Written beside, fsynced, renamed over: a crash leaves the old file or the new one. */
  if (!g_file_set_contents_full (path, text->str, (gssize) text->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_set_error_literal (error, LOKET_STAFF_ERROR, LOKET_STAFF_ERROR_FILE, local->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
loket_staff_file_check (const char  *path,
                        gboolean    *missing,
                        GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (missing != NULL)
    *missing = !g_file_test (path, G_FILE_TEST_EXISTS) &&
               !g_file_test (path, G_FILE_TEST_IS_SYMLINK);
  members = loket_staff_file_read (path, error);
  return members != NULL;
}
