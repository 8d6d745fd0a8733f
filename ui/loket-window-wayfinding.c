/* loket-window-wayfinding.c — where am I: the page's heading, the task list, the aids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of LoketWindow (loket-window-private.h). Once a life event is chosen, the header
 * counts the request's steps (loket_flow_get_step), and below the page the task list names
 * them, the done ones a tap away (loket-task-list.c): on a portrait screen that is the lower
 * half a short form leaves empty. While the on-screen keyboard is up the keys need that
 * room, and the list steps aside. A form page's heading — the section's name — stands large
 * in the body, above its questions; the header says it quietly beside the step.
 * The footer carries "Larger text" and "High contrast" on every page but Welcome, which has
 * large ones of its own (loket-vision-toggles.c).
 */
#define G_LOG_DOMAIN "loket-window"

#include "config.h"

#include "core/loket-i18n.h"
#include "loket-focus-ring.h"
#include "loket-form-page.h"
#include "loket-keyboard.h"
#include "loket-task-band.h"
#include "loket-task-list.h"
#include "loket-vision-toggles.h"
#include "loket-window-private.h"

struct _LoketWayfinding
{
  GtkWidget    *heading;        /* a form page's heading, above the page */
  GtkWidget    *task_list;      /* below the page */
  GtkWidget    *task_band;      /* holds the task list: below the page, or beside it */
  GtkWidget    *body;           /* the pages and the task band, one above or beside the other */
  GtkWidget    *footer_vision;  /* Larger text and High contrast: the footer's (portrait) */
  GtkWidget    *header_vision;  /* … and the header's (landscape, where the top is in reach) */
  gboolean      landscape;
  guint         reveal_tick;    /* bringing the focus into sight at the next frame */
  LoketRequest *request;        /* watched for answers that show or hide a section */
};

static void
wayfinding_free (gpointer data)
{
  LoketWayfinding *way = data;

  g_clear_object (&way->request);
  g_free (way);
}

static void
window_layout_cb (GdkSurface  *surface,
                  int          width,
                  int          height,
                  LoketWindow *self)
{
  gboolean landscape = width > height;

  if (landscape == self->wayfinding->landscape)
    return;
  self->wayfinding->landscape = landscape;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->wayfinding->body),
                                  landscape ? GTK_ORIENTATION_HORIZONTAL
                                            : GTK_ORIENTATION_VERTICAL);
  loket_task_band_set_beside (LOKET_TASK_BAND (self->wayfinding->task_band), landscape);
  loket_window_wayfinding_update (self);
}

static void
window_realize_cb (LoketWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  int width = 0, height = 0;

  /* Decide the orientation before the first frame, from the size the window asks for or
   * else its monitor: deciding it only at the first layout shows the portrait footer's
   * toggles for one frame, and an X11 window that grew for that frame stays grown. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width <= 0 || height <= 0)
    {
      GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (self)),
                                                                surface);
      GdkRectangle area = { 0 };

      if (monitor != NULL)
        gdk_monitor_get_geometry (monitor, &area);
      width = area.width;
      height = area.height;
    }
  if (width > 0 && height > 0)
    window_layout_cb (surface, width, height, self);
  g_signal_connect_object (surface, "layout", G_CALLBACK (window_layout_cb), self, 0);
}

/* The focus's widget once laid out: each scroller around it brings it (or the scroller
 * within) into sight. Tries a few frames, as a page just built has no size before its first
 * layout. */
static gboolean
reveal_focus_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  LoketWindow *self = LOKET_WINDOW (widget);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkWidget *target = focus;
  guint *frames = user_data;

  if (self->wayfinding == NULL)
    return G_SOURCE_REMOVE;
  if ((focus == NULL || !gtk_widget_get_mapped (focus) || gtk_widget_get_height (focus) == 0) &&
      ++*frames < 10)
    return G_SOURCE_CONTINUE;
  self->wayfinding->reveal_tick = 0;
  if (focus == NULL || !gtk_widget_get_mapped (focus))
    return G_SOURCE_REMOVE;

  for (GtkWidget *up = gtk_widget_get_parent (focus); up != NULL; up = gtk_widget_get_parent (up))
    if (GTK_IS_SCROLLED_WINDOW (up))
      {
        loket_scroll_to_widget (GTK_SCROLLED_WINDOW (up), target);
        target = up;
      }
  return G_SOURCE_REMOVE;
}

/* Where the focus goes must be in sight. GTK 4.8's scrollers follow the focus only as far as
 * their own child (the page's box, not the button in it), and a page just built takes the
 * focus before it is laid out; with the task list below the page, the button reached by Tab
 * may sit under the fold. Only for someone who sees the focus (a keyboard's): a touch keeps
 * the page where the citizen put it, its intro in view. */
static void
focus_widget_cb (LoketWindow *self)
{
  LoketWayfinding *way = self->wayfinding;

  if (way == NULL || way->reveal_tick != 0 ||
      !gtk_window_get_focus_visible (GTK_WINDOW (self)) ||
      gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
    return;
  way->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_focus_tick_cb,
                                                   g_new0 (guint, 1), g_free);
}

void
loket_window_wayfinding_setup (LoketWindow *self)
{
  LoketWayfinding *way = g_new0 (LoketWayfinding, 1);

  g_object_set_data_full (G_OBJECT (self), "loket-wayfinding", way, wayfinding_free);
  self->wayfinding = way;

  way->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (way->heading), 0);
  gtk_label_set_wrap (GTK_LABEL (way->heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (way->heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (way->heading, "loket-title");
  gtk_widget_add_css_class (way->heading, "loket-page-heading");
  gtk_widget_set_visible (way->heading, FALSE);
  gtk_box_prepend (GTK_BOX (self->content_box), way->heading);

  /* The pages and the task list in a box of their own: the list below the pages on a
   * portrait screen, beside them on a landscape one (window_layout_cb). The band asks for
   * no least height: the page keeps what it needs, and a short window never grows for it. */
  way->body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_vexpand (way->body, TRUE);
  gtk_widget_set_hexpand (way->body, TRUE);
  g_object_ref (self->stack);
  gtk_box_remove (GTK_BOX (self->content_box), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (way->body), GTK_WIDGET (self->stack));
  g_object_unref (self->stack);
  gtk_widget_set_hexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self->content_box), way->body);

  way->task_list = loket_task_list_new ();
  way->task_band = loket_task_band_new (way->task_list);
  gtk_widget_set_vexpand (way->task_band, FALSE);
  gtk_widget_set_hexpand (way->task_band, FALSE);
  gtk_widget_set_visible (way->task_band, FALSE);
  gtk_box_append (GTK_BOX (way->body), way->task_band);

  /* A portrait screen's top is out of reach: the toggles go below the footer's actions.
   * A landscape screen has no height to spare but width and a top in reach: the header,
   * beside the languages. One of the two shows (window_layout_cb). */
  way->footer_vision = loket_vision_toggles_new_row (FALSE);
  gtk_widget_set_halign (way->footer_vision, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->footer_band), way->footer_vision);
  /* A plain box there: a button row asks for its stacked height at the window's least width,
   * and a landscape header has the width for both side by side anyway. */
  way->header_vision = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (way->header_vision),
                  loket_vision_toggle_new (LOKET_VISION_LARGE_TEXT, FALSE));
  gtk_box_append (GTK_BOX (way->header_vision),
                  loket_vision_toggle_new (LOKET_VISION_HIGH_CONTRAST, FALSE));
  gtk_widget_set_visible (way->header_vision, FALSE);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->languages_box))),
                  way->header_vision);
  g_signal_connect (self, "realize", G_CALLBACK (window_realize_cb), NULL);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_cb), NULL);
  loket_focus_ring_keep (GTK_WINDOW (self));
}

static void
forget_cb (LoketWindow *self)
{
  loket_task_list_forget (LOKET_TASK_LIST (self->wayfinding->task_list));
}

static void
keyboard_visible_cb (LoketWindow *self)
{
  loket_window_wayfinding_update (self);
}

/* Once the session and the keyboard are there (the window's constructed). */
void
loket_window_wayfinding_connect (LoketWindow *self)
{
  g_signal_connect_object (self->session, "reset", G_CALLBACK (forget_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keyboard, "notify::visible", G_CALLBACK (keyboard_visible_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
watch_request (LoketWindow *self)
{
  LoketWayfinding *way = self->wayfinding;
  LoketRequest *request = loket_session_get_request (self->session);

  if (request == way->request)
    return;
  if (way->request != NULL)
    g_signal_handlers_disconnect_by_data (way->request, self);
  g_set_object (&way->request, request);
  if (request != NULL)
    {
      g_signal_connect_swapped (request, "questions-changed",
                                G_CALLBACK (loket_window_wayfinding_update), self);
      g_signal_connect_swapped (request, "services-changed",
                                G_CALLBACK (loket_window_wayfinding_update), self);
    }
}

/* The intro ("Please answer the questions below…") is said once, on the first form page. */
static void
update_intro (LoketWindow *self)
{
  g_autoptr(GPtrArray) steps = NULL;

  if (self->current_page == NULL || !LOKET_IS_FORM_PAGE (self->current_page))
    return;

  steps = loket_flow_dup_steps (self->flow);
  for (guint i = 0; i < steps->len; i++)
    {
      const LoketFlowStep *step = g_ptr_array_index (steps, i);

      if (step->needed && g_str_has_prefix (step->name, "form:"))
        {
          loket_form_page_set_intro_visible (LOKET_FORM_PAGE (self->current_page),
                                             g_strcmp0 (step->name, self->current) == 0);
          return;
        }
    }
}

void
loket_window_wayfinding_update (LoketWindow *self)
{
  LoketWayfinding *way = self->wayfinding;
  LoketPageKindFlags flags = self->current != NULL ? loket_flow_get_page_flags (self->current) : 0;
  gboolean per_section = (flags & LOKET_PAGE_KIND_PER_SECTION) != 0;
  const char *title = self->current_page != NULL ? loket_page_get_title (self->current_page)
                                                 : NULL;
  gboolean step;

  if (way == NULL || self->flow == NULL)
    return;

  watch_request (self);
  step = self->current != NULL && loket_flow_get_step (self->flow, self->current, NULL, NULL);

  /* One large heading per form page, in its body; the header's title stays beside the
   * step in small, quiet type (a screen reader finds the page's name there, next to the
   * step, as on every other page). */
  gtk_label_set_text (GTK_LABEL (way->heading), per_section && title != NULL ? title : "");
  /* On a landscape screen with the keys beside the fields, the height is the fields': the
   * header's title names the page there. */
  gtk_widget_set_visible (way->heading, per_section && title != NULL && *title != '\0' &&
                          !(way->landscape && gtk_widget_get_visible (self->keyboard)));
  if (per_section)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "loket-page-title-quiet");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "loket-page-title-quiet");
  update_intro (self);

  loket_task_list_update (LOKET_TASK_LIST (way->task_list), self->flow, self->current);
  gtk_widget_set_visible (way->task_band,
                          step && !(flags & LOKET_PAGE_KIND_NEXT_RESTARTS) &&
                          !gtk_widget_get_visible (self->keyboard));
  if (gtk_widget_get_visible (way->task_band))
    loket_task_band_show_current (LOKET_TASK_BAND (way->task_band), self->current);

  gtk_widget_set_visible (way->footer_vision,
                          !way->landscape && !(flags & LOKET_PAGE_KIND_OWN_VISION));
  /* Not while the keys are up on a landscape screen: beside the languages in large text they
   * wrap the hall's name onto more lines, and the keys need every pixel of the height. */
  gtk_widget_set_visible (way->header_vision,
                          way->landscape && !(flags & LOKET_PAGE_KIND_OWN_VISION) &&
                          !gtk_widget_get_visible (self->keyboard));
}

void
loket_window_wayfinding_update_strings (LoketWindow *self)
{
  loket_vision_toggles_update_strings (GTK_WIDGET (self));
  loket_window_wayfinding_update (self);
}

GtkWidget *
loket_window_get_task_list (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->wayfinding != NULL ? self->wayfinding->task_list : NULL;
}

GtkWidget *
loket_window_get_page_heading (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->wayfinding != NULL ? self->wayfinding->heading : NULL;
}
