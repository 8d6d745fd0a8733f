/* ui-test-admin.c — admin mode's status board, for the widget tests past its door
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "loket-admin-mode.h"
#include "loket-admin-page.h"
#include "loket-admin-status.h"
#include "ui-test-util.h"

/**
 * ui_test_admin_open_board:
 * @name: a staff member the test added (the door itself is test-admin's)
 *
 * Signs @name in, opens admin mode from Welcome and waits for the board's first read.
 *
 * Returns: (transfer none): the status board
 */
LoketAdminStatus *
ui_test_admin_open_board (LoketWindow *window,
                          const char  *name)
{
  LoketAdminStatus *status;
  LoketAdminPage *page;

  loket_admin_mode_enter (loket_window_get_admin_mode (window), name);
  ui_test_activate (window, "flow.goto", "s", "admin");
  ui_test_wait_for_page (window, "admin");
  page = LOKET_ADMIN_PAGE (loket_window_get_page (window));
  status = LOKET_ADMIN_STATUS (loket_admin_page_get_status (page));
  g_assert_nonnull (status);
  UI_TEST_WAIT_UNTIL (!loket_admin_status_is_busy (status) &&
                      loket_admin_status_get_reads (status) > 0, 10000);
  return status;
}

/* The board reads the kiosk's state again, as its Refresh does; returns once it has. */
void
ui_test_admin_refresh (LoketAdminStatus *status)
{
  guint reads = loket_admin_status_get_reads (status);

  gtk_widget_activate_action (GTK_WIDGET (status), "status.refresh", NULL);
  UI_TEST_WAIT_UNTIL (!loket_admin_status_is_busy (status) &&
                      loket_admin_status_get_reads (status) > reads, 10000);
}
