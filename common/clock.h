/* SPDX-License-Identifier: EUPL-1.2 */
/* Wall-clock time for what depends on the date (which surveys are active). Tests
 * fix it with KIOSK_NOW, as "2026-11-24T14:05:00Z" or seconds since the epoch. */
#ifndef KIOSK_CLOCK_H
#define KIOSK_CLOCK_H

#include "content.h"

#include <time.h>

time_t clock_now(void);

/* The local calendar day of t. */
void clock_day(time_t t, struct content_date *day);

#endif
