/* loket-format.h — numbers, money, dates and times as a citizen reads them
 *
 * A kiosk may have no locale data for the citizen's language, and the receipt may be drawn
 * in another language than the screens, so nothing here asks the C library's locale: the
 * language is an argument ("id", "en", "id_ID", …; NULL: the current language).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Rp 50.000" (id), "Rp 50,000" (en); 0: "Gratis" / "Free". */
char        *loket_format_money          (const char    *language,
                                          guint64        rupiah);

/* "1.234.567" (id), "1,234,567" (en), with a leading '-' when negative. */
char        *loket_format_integer        (const char    *language,
                                          gint64         value);

/* "28 November 2026"; month names in the language. */
char        *loket_format_date           (const char    *language,
                                          const GDate   *date);

/* "28/11/2026". */
char        *loket_format_date_short     (const char    *language,
                                          const GDate   *date);

/* "14.05" (id), "14:05" (en), 24-hour clock, in the date-time's own time zone. */
char        *loket_format_time           (const char    *language,
                                          GDateTime     *datetime);

/* "28 November 2026, 14.05" (id), "28 November 2026, 14:05" (en). */
char        *loket_format_date_time      (const char    *language,
                                          GDateTime     *datetime);

/* "3 hari kerja" (id), "1 working day", "3 working days" (en). */
char        *loket_format_working_days   (const char    *language,
                                          guint          days);

/* "Januari" (id), "January" (en). */
const char  *loket_format_month_name     (const char    *language,
                                          GDateMonth     month);

/* "Senin" (id), "Monday" (en). */
const char  *loket_format_weekday_name   (const char    *language,
                                          GDateWeekday   weekday);

/* The day that lies working_days working days (Monday to Friday) after from: 0 gives from
 * itself. Public holidays are not known here; an agency's own expected date wins.
 * Free the result with g_date_free(). */
GDate       *loket_format_expected_date  (const GDate   *from,
                                          guint          working_days);

/* Adds one printf-formatted line to lines (strings freed with g_free): the problems a check
 * collects to report them all at once. */
void         loket_format_add_line       (GPtrArray     *lines,
                                          const char    *format,
                                          ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
