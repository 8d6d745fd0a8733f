/* loket-page.c — the base class of the citizen flow's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page of the flow (welcome, choose, form steps, review, consent, submit, receipt)
 * derives from LoketPage, so the window can drive them alike: it shows the title in the
 * header, lets "Next" follow `complete`, shows the on-screen keyboard where a page types,
 * asks the page to apply before leaving and to forget the citizen on reset.
 */
#define G_LOG_DOMAIN "loket-page"

#include "config.h"

#include "loket-page.h"

typedef struct
{
  char         *title;
  gboolean      complete;
  gboolean      needs_keyboard;
  char         *next_label;
  gboolean      show_back;
  gboolean      show_next;

  LoketSession *session;

  /* Entries attached before the window gave the page its keyboard (weak: a group's entry
   * may go away first); attached for real in loket_page_set_keyboard(). */
  GSList       *pending_entries;   /* of PendingEntry* */
  GWeakRef      keyboard;

  /* Work the page starts (apply, look-ups) ends with the page, or with the citizen. */
  GCancellable *cancellable;
} LoketPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LoketPage, loket_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_NEEDS_KEYBOARD,
  PROP_SESSION,
  PROP_NEXT_LABEL,
  PROP_SHOW_BACK,
  PROP_SHOW_NEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
loket_page_real_apply_async (LoketPage           *page,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (page, cancellable, callback, user_data);

  g_task_set_source_tag (task, loket_page_real_apply_async);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static gboolean
loket_page_real_apply_finish (LoketPage     *page,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* An entry waiting for the keyboard, and the layout it asked for. */
typedef struct {
  GWeakRef          entry;
  LoketKeyboardKind kind;
} PendingEntry;

static void
pending_entry_free (gpointer data)
{
  PendingEntry *pending = data;

  g_weak_ref_clear (&pending->entry);
  g_free (pending);
}

static void
loket_page_dispose (GObject *object)
{
  LoketPage *self = LOKET_PAGE (object);
  LoketPagePrivate *priv = loket_page_get_instance_private (self);
  GtkWidget *child;

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_slist_free_full (g_steal_pointer (&priv->pending_entries), pending_entry_free);
  g_weak_ref_set (&priv->keyboard, NULL);

  /* Subclasses dispose their templates first; whatever they left is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (loket_page_parent_class)->dispose (object);
}

static void
loket_page_finalize (GObject *object)
{
  LoketPage *self = LOKET_PAGE (object);
  LoketPagePrivate *priv = loket_page_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->next_label, g_free);
  g_clear_object (&priv->session);
  g_weak_ref_clear (&priv->keyboard);

  G_OBJECT_CLASS (loket_page_parent_class)->finalize (object);
}

static void
loket_page_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LoketPage *self = LOKET_PAGE (object);
  LoketPagePrivate *priv = loket_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, priv->complete);
      break;

    case PROP_NEEDS_KEYBOARD:
      g_value_set_boolean (value, priv->needs_keyboard);
      break;

    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;

    case PROP_NEXT_LABEL:
      g_value_set_string (value, priv->next_label);
      break;

    case PROP_SHOW_BACK:
      g_value_set_boolean (value, priv->show_back);
      break;

    case PROP_SHOW_NEXT:
      g_value_set_boolean (value, priv->show_next);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_page_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LoketPage *self = LOKET_PAGE (object);
  LoketPagePrivate *priv = loket_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      loket_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_COMPLETE:
      loket_page_set_complete (self, g_value_get_boolean (value));
      break;

    case PROP_NEEDS_KEYBOARD:
      loket_page_set_needs_keyboard (self, g_value_get_boolean (value));
      break;

    case PROP_SESSION:
      g_assert (priv->session == NULL);
      priv->session = g_value_dup_object (value);
      break;

    case PROP_NEXT_LABEL:
      loket_page_set_next_label (self, g_value_get_string (value));
      break;

    case PROP_SHOW_BACK:
      loket_page_set_show_back (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_NEXT:
      loket_page_set_show_next (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Over 80 lines: mostly the documented properties and signals of the base page. */
static void
loket_page_class_init (LoketPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_page_dispose;
  object_class->finalize = loket_page_finalize;
  object_class->get_property = loket_page_get_property;
  object_class->set_property = loket_page_set_property;

  klass->apply_async = loket_page_real_apply_async;
  klass->apply_finish = loket_page_real_apply_finish;

  /**
   * LoketPage:title:
   *
   * What the page is about, in the citizen's language; the window shows it in the header.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LoketPage:complete:
   *
   * Whether the citizen may go on: the window's "Next" follows it.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LoketPage:needs-keyboard:
   *
   * Whether the page has fields typed on the on-screen keyboard, so the window keeps room
   * for it.
   */
  properties[PROP_NEEDS_KEYBOARD] =
    g_param_spec_boolean ("needs-keyboard", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LoketPage:session:
   *
   * What the pages share: the catalog, the citizen's request, the language.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOKET_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * LoketPage:next-label:
   *
   * The footer's main button, in the citizen's language ("Submit", "Finish"); %NULL for
   * "Next".
   */
  properties[PROP_NEXT_LABEL] =
    g_param_spec_string ("next-label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LoketPage:show-back:
   *
   * Whether the footer offers Back (the receipt has nothing to go back to).
   */
  properties[PROP_SHOW_BACK] =
    g_param_spec_boolean ("show-back", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LoketPage:show-next:
   *
   * Whether the footer shows the main button at all (the welcome page has its own).
   */
  properties[PROP_SHOW_NEXT] =
    g_param_spec_boolean ("show-next", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loketpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
loket_page_init (LoketPage *self)
{
  LoketPagePrivate *priv = loket_page_get_instance_private (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "loket-page");

  priv->cancellable = g_cancellable_new ();
  priv->show_back = TRUE;
  priv->show_next = TRUE;
  g_weak_ref_init (&priv->keyboard, NULL);
}

LoketSession *
loket_page_get_session (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), NULL);

  priv = loket_page_get_instance_private (page);
  return priv->session;
}

const char *
loket_page_get_next_label (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), NULL);

  priv = loket_page_get_instance_private (page);
  return priv->next_label;
}

void
loket_page_set_next_label (LoketPage  *page,
                           const char *next_label)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));

  priv = loket_page_get_instance_private (page);
  if (g_strcmp0 (priv->next_label, next_label) == 0)
    return;

  g_free (priv->next_label);
  priv->next_label = g_strdup (next_label);
  g_object_notify_by_pspec (G_OBJECT (page), properties[PROP_NEXT_LABEL]);
}

/* The boolean properties notify only when their value really changes. */
static void
set_flag (LoketPage *page,
          gboolean  *field,
          gboolean   value,
          guint      prop_id)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (page), properties[prop_id]);
}

gboolean
loket_page_get_show_back (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), FALSE);

  priv = loket_page_get_instance_private (page);
  return priv->show_back;
}

void
loket_page_set_show_back (LoketPage *page,
                          gboolean   show_back)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));

  priv = loket_page_get_instance_private (page);
  set_flag (page, &priv->show_back, show_back, PROP_SHOW_BACK);
}

gboolean
loket_page_get_show_next (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), FALSE);

  priv = loket_page_get_instance_private (page);
  return priv->show_next;
}

void
loket_page_set_show_next (LoketPage *page,
                          gboolean   show_next)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));

  priv = loket_page_get_instance_private (page);
  set_flag (page, &priv->show_next, show_next, PROP_SHOW_NEXT);
}

/**
 * loket_page_attach_entry:
 * @page: a page
 * @entry: an editable inside @page
 * @kind: the keyboard layout it needs
 *
 * Pages build their entries before the window adopts them, so the keyboard may not be
 * known yet: then the entry is remembered and attached when it is.
 */
void
loket_page_attach_entry (LoketPage         *page,
                         GtkEditable       *entry,
                         LoketKeyboardKind  kind)
{
  LoketPagePrivate *priv;
  g_autoptr(LoketKeyboard) keyboard = NULL;
  PendingEntry *pending;

  g_return_if_fail (LOKET_IS_PAGE (page));
  g_return_if_fail (GTK_IS_EDITABLE (entry));

  /* Every field of the flow is typed here, so every one loses GtkText's menus here. */
  loket_entry_lock_down (GTK_WIDGET (entry));

  priv = loket_page_get_instance_private (page);
  keyboard = g_weak_ref_get (&priv->keyboard);
  if (keyboard != NULL)
    {
      loket_keyboard_attach_entry (keyboard, entry, kind);
      return;
    }

  pending = g_new0 (PendingEntry, 1);
  g_weak_ref_init (&pending->entry, entry);
  pending->kind = kind;
  priv->pending_entries = g_slist_prepend (priv->pending_entries, pending);
}

/**
 * loket_page_get_keyboard:
 * @page: a page
 *
 * Returns: (transfer none) (nullable): the window's on-screen keyboard, once the window
 *   has adopted the page
 */
LoketKeyboard *
loket_page_get_keyboard (LoketPage *page)
{
  LoketPagePrivate *priv;
  LoketKeyboard *keyboard;

  g_return_val_if_fail (LOKET_IS_PAGE (page), NULL);

  priv = loket_page_get_instance_private (page);
  keyboard = g_weak_ref_get (&priv->keyboard);
  /* The window holds the keyboard for as long as it holds the page. */
  if (keyboard != NULL)
    g_object_unref (keyboard);

  return keyboard;
}

/**
 * loket_page_set_keyboard:
 * @page: a page
 * @keyboard: (nullable): the window's keyboard
 *
 * The window calls this when it adopts the page; entries attached earlier get the keyboard
 * now.
 */
void
loket_page_set_keyboard (LoketPage     *page,
                         LoketKeyboard *keyboard)
{
  LoketPagePrivate *priv;
  g_autoptr(GSList) pending = NULL;

  g_return_if_fail (LOKET_IS_PAGE (page));
  g_return_if_fail (keyboard == NULL || LOKET_IS_KEYBOARD (keyboard));

  priv = loket_page_get_instance_private (page);
  g_weak_ref_set (&priv->keyboard, keyboard);
  if (keyboard == NULL)
    return;

  pending = g_slist_reverse (g_steal_pointer (&priv->pending_entries));
  for (GSList *l = pending; l != NULL; l = l->next)
    {
      PendingEntry *waiting = l->data;
      g_autoptr(GtkEditable) entry = g_weak_ref_get (&waiting->entry);

      if (entry != NULL)
        loket_keyboard_attach_entry (keyboard, entry, waiting->kind);
      pending_entry_free (waiting);
    }
}

const char *
loket_page_get_title (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), NULL);

  priv = loket_page_get_instance_private (page);
  return priv->title;
}

void
loket_page_set_title (LoketPage  *page,
                      const char *title)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));

  priv = loket_page_get_instance_private (page);
  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (page), properties[PROP_TITLE]);
}

gboolean
loket_page_get_complete (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), FALSE);

  priv = loket_page_get_instance_private (page);
  return priv->complete;
}

/**
 * loket_page_set_complete:
 * @page: a page
 * @complete: whether the citizen may go on
 *
 * Pages call this whenever their fields change; only a real change notifies, so the
 * window's "Next" does not flicker on every key press.
 */
void
loket_page_set_complete (LoketPage *page,
                         gboolean   complete)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));

  priv = loket_page_get_instance_private (page);
  set_flag (page, &priv->complete, complete, PROP_COMPLETE);
}

gboolean
loket_page_get_needs_keyboard (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), FALSE);

  priv = loket_page_get_instance_private (page);
  return priv->needs_keyboard;
}

void
loket_page_set_needs_keyboard (LoketPage *page,
                               gboolean   needs_keyboard)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));

  priv = loket_page_get_instance_private (page);
  set_flag (page, &priv->needs_keyboard, needs_keyboard, PROP_NEEDS_KEYBOARD);
}

/**
 * loket_page_get_cancellable:
 * @page: a page
 *
 * Returns: (transfer none): the page's cancellable; it is cancelled when the page is
 *   disposed or reset (then a fresh one takes its place), so work started for one citizen
 *   never reports to the next.
 */
GCancellable *
loket_page_get_cancellable (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_val_if_fail (LOKET_IS_PAGE (page), NULL);

  priv = loket_page_get_instance_private (page);
  return priv->cancellable;
}

void
loket_page_shown (LoketPage *page)
{
  g_return_if_fail (LOKET_IS_PAGE (page));

  if (LOKET_PAGE_GET_CLASS (page)->shown != NULL)
    LOKET_PAGE_GET_CLASS (page)->shown (page);
}

void
loket_page_locale_changed (LoketPage *page)
{
  g_return_if_fail (LOKET_IS_PAGE (page));

  if (LOKET_PAGE_GET_CLASS (page)->locale_changed != NULL)
    LOKET_PAGE_GET_CLASS (page)->locale_changed (page);
}

/**
 * loket_page_show_problems:
 * @page: a page
 *
 * "Next" was pressed while @page is not `complete`: the page shows what to fix.
 */
void
loket_page_show_problems (LoketPage *page)
{
  g_return_if_fail (LOKET_IS_PAGE (page));

  if (LOKET_PAGE_GET_CLASS (page)->show_problems != NULL)
    LOKET_PAGE_GET_CLASS (page)->show_problems (page);
}

/**
 * loket_page_apply_async:
 * @page: a page
 * @cancellable: (nullable): a cancellable, or %NULL for the page's own
 * @callback: called when the page is done
 * @user_data: data for @callback
 *
 * Asks the page to validate or save what the citizen entered before the flow moves on.
 */
void
loket_page_apply_async (LoketPage           *page,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  priv = loket_page_get_instance_private (page);
  LOKET_PAGE_GET_CLASS (page)->apply_async (page,
                                            cancellable != NULL ? cancellable : priv->cancellable,
                                            callback, user_data);
}

/**
 * loket_page_apply_finish:
 * @page: a page
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the flow may go on; %FALSE with @error otherwise (a cancellation is
 *   %G_IO_ERROR_CANCELLED, which nobody shows to the citizen).
 */
gboolean
loket_page_apply_finish (LoketPage     *page,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (LOKET_IS_PAGE (page), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return LOKET_PAGE_GET_CLASS (page)->apply_finish (page, result, error);
}

/**
 * loket_page_reset:
 * @page: a page
 *
 * Forgets the citizen: cancels the page's pending work and lets the subclass wipe its
 * fields (and set `complete` as it stands for an empty page).
 */
void
loket_page_reset (LoketPage *page)
{
  LoketPagePrivate *priv;

  g_return_if_fail (LOKET_IS_PAGE (page));

  priv = loket_page_get_instance_private (page);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();

  if (LOKET_PAGE_GET_CLASS (page)->reset != NULL)
    LOKET_PAGE_GET_CLASS (page)->reset (page);
}
