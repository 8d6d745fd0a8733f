/* loket-offer.c — today's offer: services and life events staff switched off for a while
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry for a past day is simply no longer off; it is dropped the next time the file is
 * written, so the file never grows.
 */
#define G_LOG_DOMAIN "loket-offer"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "loket-offer.h"

G_DEFINE_QUARK (loket-offer-error-quark, loket_offer_error)

struct _LoketOffer
{
  GHashTable      *entries;    /* "service kia" -> "2026-12-06" or LOKET_OFFER_UNTIL_BACK */
  LoketOfferClock  clock;
  gpointer         clock_data;
};

static const char *const kind_names[] = { "service", "life-event" };

const char *
loket_offer_kind_to_string (LoketOfferKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
loket_offer_kind_parse (const char     *text,
                        LoketOfferKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = (LoketOfferKind) i;
        return TRUE;
      }
  return FALSE;
}

char *
loket_offer_audit_target (LoketOfferKind  kind,
                          const char     *id)
{
  return g_strdup_printf ("%s:%s", loket_offer_kind_to_string (kind), id);
}

static gint64
system_clock (gpointer unused)
{
  return g_get_real_time ();
}

static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
day_is_valid (const char *day)
{
  int y, m, d;

  if (day == NULL || strlen (day) != 10 || sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

LoketOffer *
loket_offer_new (void)
{
  LoketOffer *self = g_new0 (LoketOffer, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->clock = system_clock;
  return self;
}

void
loket_offer_free (LoketOffer *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

LoketOffer *
loket_offer_copy (LoketOffer *self)
{
  LoketOffer *copy = loket_offer_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  copy->clock = self->clock;
  copy->clock_data = self->clock_data;
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->entries, g_strdup (key), g_strdup (value));
  return copy;
}

void
loket_offer_set_clock (LoketOffer      *self,
                       LoketOfferClock  clock,
                       gpointer         user_data)
{
  g_return_if_fail (self != NULL);

  self->clock = clock != NULL ? clock : system_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
}

char *
loket_offer_dup_today (LoketOffer *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  utc = g_date_time_new_from_unix_utc (self->clock (self->clock_data) / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

static char *
entry_key (LoketOfferKind  kind,
           const char     *id)
{
  return g_strdup_printf ("%s %s", loket_offer_kind_to_string (kind), id);
}

void
loket_offer_switch_off (LoketOffer     *self,
                        LoketOfferKind  kind,
                        const char     *id,
                        gboolean        until_back)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (id_is_valid (id));

  g_hash_table_insert (self->entries, entry_key (kind, id),
                       until_back ? g_strdup (LOKET_OFFER_UNTIL_BACK)
                                  : loket_offer_dup_today (self));
}

gboolean
loket_offer_switch_on (LoketOffer     *self,
                       LoketOfferKind  kind,
                       const char     *id)
{
  g_autofree char *key = NULL;
  gboolean was_off;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  was_off = loket_offer_is_off (self, kind, id, NULL);
  key = entry_key (kind, id);
  g_hash_table_remove (self->entries, key);
  return was_off;
}

gboolean
loket_offer_is_off (LoketOffer     *self,
                    LoketOfferKind  kind,
                    const char     *id,
                    gboolean       *until_back)
{
  g_autofree char *key = NULL;
  g_autofree char *today = NULL;
  const char *off;

  g_return_val_if_fail (self != NULL, FALSE);

  if (until_back != NULL)
    *until_back = FALSE;
  if (id == NULL)
    return FALSE;
  key = entry_key (kind, id);
  off = g_hash_table_lookup (self->entries, key);
  if (off == NULL)
    return FALSE;
  if (g_str_equal (off, LOKET_OFFER_UNTIL_BACK))
    {
      if (until_back != NULL)
        *until_back = TRUE;
      return TRUE;
    }
  today = loket_offer_dup_today (self);
  return g_str_equal (off, today);
}

static char *
file_path (const char *state_dir)
{
  return g_build_filename (state_dir, LOKET_OFFER_FILE_NAME, NULL);
}

/* One group of the file; a bad one is an error naming the file and the group. */
static gboolean
read_entry (LoketOffer  *self,
            GKeyFile    *file,
            const char  *path,
            const char  *group,
            GError     **error)
{
  g_autofree char *off = g_key_file_get_string (file, group, "off", NULL);
  g_auto(GStrv) words = g_strsplit (group, " ", 2);
  LoketOfferKind kind;

  if (g_strv_length (words) != 2 || !loket_offer_kind_parse (words[0], &kind) ||
      !id_is_valid (words[1]) || off == NULL ||
      (!g_str_equal (off, LOKET_OFFER_UNTIL_BACK) && !day_is_valid (off)))
    {
      /* Translators: the first %s is a file, the second a group of it ("service kia"). */
      g_set_error (error, LOKET_OFFER_ERROR, LOKET_OFFER_ERROR_INVALID,
                   _("%s: [%s]: not a service or life event with off = a date (YYYY-MM-DD) "
                     "or until-switched-back"), path, group);
      return FALSE;
    }
  g_hash_table_insert (self->entries, entry_key (kind, words[1]), g_steal_pointer (&off));
  return TRUE;
}

LoketOffer *
loket_offer_load (const char  *state_dir,
                  GError     **error)
{
  g_autoptr(LoketOffer) self = loket_offer_new ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (state_dir != NULL, NULL);

  path = file_path (state_dir);
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&self);
      /* Translators: the first %s is a file, the second the reason. */
      g_set_error (error, LOKET_OFFER_ERROR, LOKET_OFFER_ERROR_IO, _("Cannot read %s: %s"),
                   path, local_error->message);
      return NULL;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (!read_entry (self, file, path, groups[i], error))
      return NULL;
  return g_steal_pointer (&self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
loket_offer_save (LoketOffer  *self,
                  const char  *state_dir,
                  GError     **error)
{
  g_autoptr(GString) text = g_string_new ("# Today's offer: what staff switched off "
                                          "(admin mode, loketctl offer).\n");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *today = NULL;
  g_autofree char *path = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (state_dir != NULL, FALSE);

  today = loket_offer_dup_today (self);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (value, LOKET_OFFER_UNTIL_BACK) || strcmp (value, today) >= 0)
      g_ptr_array_add (keys, key);
  /* In a stable order, so the same offer is the same bytes. */
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (text, "[%s]\noff = %s\n", (const char *) keys->pdata[i],
                            (const char *) g_hash_table_lookup (self->entries, keys->pdata[i]));

  path = file_path (state_dir);
  return g_file_set_contents_full (path, text->str, (gssize) text->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}
