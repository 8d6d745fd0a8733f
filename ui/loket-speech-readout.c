/* loket-speech-readout.c — what speech mode says of a field, a page's content, a receipt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "loket-speech"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "core/loket-tracking-code.h"
#include "loket-consent-card.h"
#include "loket-field-row.h"
#include "loket-group-editor.h"
#include "loket-receipt-page.h"
#include "loket-review-answer.h"
#include "loket-speech-label.h"
#include "loket-speech-readout.h"

char *
loket_speech_readout_digits (const char *value,
                             guint       group)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (value != NULL, NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      if (n > 0)
        g_string_append (out, group > 0 && n % group == 0 ? ", " : " ");
      g_string_append_c (out, *p);
      n++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

GStrv
loket_speech_readout_code_groups (const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *printed = NULL;

  if (code == NULL)
    return NULL;

  /* The receipt's own grouping: the same function formats the printed code. */
  canonical = loket_tracking_code_parse (code, &error);
  if (canonical == NULL)
    return NULL;
  printed = loket_tracking_code_format (canonical);
  return g_strsplit (printed, "-", -1);
}

void
loket_speech_readout_code (LoketSpeech *speech,
                           const char  *language,
                           const char  *code,
                           gboolean     interrupt)
{
  g_auto(GStrv) groups = loket_speech_readout_code_groups (code);

  if (groups == NULL)
    return;

  if (interrupt)
    loket_speech_say (speech, language, _("Your tracking code"));
  else
    loket_speech_queue (speech, language, _("Your tracking code"));
  for (guint i = 0; groups[i] != NULL; i++)
    loket_speech_spell (speech, language, groups[i]);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget) || GTK_IS_BUTTON (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        g_ptr_array_add (texts, g_strdup (text));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

GPtrArray *
loket_speech_readout_texts (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GTK_IS_WIDGET (root), texts);

  collect_texts (root, texts);
  return texts;
}

/* The visible widgets of type under root, depth first. */
static void
find_all (GtkWidget *root,
          GType      type,
          GPtrArray *found)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      g_ptr_array_add (found, root);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, type, found);
}

/* A number the citizen typed (a NIK, a phone number: digits and spaces, eight or more) is
 * read digit by digit in groups of four, as in the field; anything else as written. */
static char *
review_value (const char *value)
{
  guint digits = 0;

  if (value == NULL)
    return NULL;
  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ')
        return g_strdup (value);
    }

  return digits >= 8 ? loket_speech_readout_digits (value, 4) : g_strdup (value);
}

static void
readout_review (LoketSpeech *speech,
                const char  *language,
                GtkWidget   *page)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new ();

  find_all (page, LOKET_TYPE_REVIEW_ANSWER, answers);
  for (guint i = 0; i < answers->len; i++)
    {
      GtkWidget *answer = g_ptr_array_index (answers, i);
      g_autofree char *question = loket_speech_label_dup_first_text (answer);
      g_autofree char *value =
        review_value (loket_review_answer_get_value (LOKET_REVIEW_ANSWER (answer)));

      /* The question, and the answer only on headphones. */
      loket_speech_queue_value (speech, language, question, value);
    }
}

static void
readout_consent (LoketSpeech *speech,
                 const char  *language,
                 GtkWidget   *page)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  find_all (page, LOKET_TYPE_CONSENT_CARD, cards);
  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (cards, i);
      g_autofree char *name = loket_speech_label_dup_name (card);
      const char *description = loket_speech_label_get_description (card);

      /* What the consent page gave the card to say (loket_speech_label_set()), or else
       * what the card shows: the agency, what it receives and why. */
      if (name != NULL)
        {
          loket_speech_queue (speech, language, name);
          loket_speech_queue (speech, language, description);
        }
      else
        {
          g_autoptr(GPtrArray) texts = loket_speech_readout_texts (card);

          for (guint j = 0; j < texts->len; j++)
            loket_speech_queue (speech, language, g_ptr_array_index (texts, j));
        }
    }
}

static void
readout_receipt (LoketSpeech  *speech,
                 const char   *language,
                 GtkWidget    *page,
                 LoketSession *session)
{
  const char *code = session != NULL ? loket_session_get_tracking_code (session) : NULL;

  if (code == NULL)
    code = loket_receipt_page_get_code (LOKET_RECEIPT_PAGE (page));
  loket_speech_readout_code (speech, language, code, FALSE);
  loket_speech_queue (speech, language,
                      loket_receipt_page_get_where (LOKET_RECEIPT_PAGE (page)));
}

void
loket_speech_readout_page (LoketSpeech  *speech,
                           const char   *language,
                           GtkWidget    *page,
                           LoketSession *session)
{
  g_return_if_fail (LOKET_IS_SPEECH (speech));
  g_return_if_fail (GTK_IS_WIDGET (page));

  /* Review shows answers, Consent a card per agency: whichever the page holds. */
  if (LOKET_IS_RECEIPT_PAGE (page))
    readout_receipt (speech, language, page, session);
  readout_review (speech, language, page);
  readout_consent (speech, language, page);
}

/* What the citizen typed, as it is best heard: a NIK digit by digit in groups of four. */
static char *
spoken_value (GtkWidget *focus)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, LOKET_TYPE_FIELD_ROW);
  const char *text;

  if (!GTK_IS_EDITABLE (focus))
    return NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (focus));
  if (text == NULL || *text == '\0')
    return NULL;

  if (row != NULL)
    switch ((int) loket_field_row_get_field (LOKET_FIELD_ROW (row))->type)
      {
      case LOKET_FIELD_TYPE_NIK:
      case LOKET_FIELD_TYPE_KK:
      case LOKET_FIELD_TYPE_NPWP:
      case LOKET_FIELD_TYPE_PHONE:
        return loket_speech_readout_digits (text, 4);
      default:
        break;
      }

  return g_strdup (text);
}

void
loket_speech_readout_control (LoketSpeech *speech,
                              const char  *language,
                              GtkWidget   *named,
                              GtkWidget   *focus,
                              gboolean     queue)
{
  g_autofree char *name = loket_speech_label_dup_name (named);
  g_autofree char *value = spoken_value (focus);

  if (name == NULL)
    name = g_strdup ("");
  if (!queue)
    /* Something new: what was being said stops. */
    loket_speech_flush (speech);
  loket_speech_queue_value (speech, language, name, value);
  loket_speech_queue (speech, language, loket_speech_label_get_description (named));
}

void
loket_speech_readout_refused (LoketSpeech *speech,
                              const char  *language,
                              GtkWidget   *focus)
{
  GtkWidget *row;
  GtkWidget *editor;
  GtkWidget *named = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  const char *message = NULL;

  if (focus == NULL)
    return;

  row = gtk_widget_get_ancestor (focus, LOKET_TYPE_FIELD_ROW);
  editor = gtk_widget_get_ancestor (focus, LOKET_TYPE_GROUP_EDITOR);
  if (row != NULL)
    message = loket_field_row_get_message (LOKET_FIELD_ROW (row));
  else if (editor != NULL)
    message = loket_group_editor_get_message (LOKET_GROUP_EDITOR (editor));

  /* The question (an entry, or the tiles of a choice), not the tile in focus. */
  for (GtkWidget *widget = focus; widget != NULL && named == NULL;
       widget = gtk_widget_get_parent (widget))
    if (loket_speech_label_is_question (widget))
      named = widget;
  name = named != NULL ? loket_speech_label_dup_name (named)
                       : loket_speech_label_dup_name (focus);
  value = spoken_value (focus);

  loket_speech_flush (speech);
  loket_speech_queue_value (speech, language, name != NULL ? name : "", value);
  loket_speech_queue (speech, language, message);
}

char *
loket_speech_readout_countdown (guint seconds)
{
  /* The same words as the warning on screen (loket-idle.c): translated once. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the idle warning's countdown */
                                       "For your privacy, what you entered will be cleared in %u second.",
                                       "For your privacy, what you entered will be cleared in %u seconds.",
                                       seconds),
                          seconds);
}
