/* SPDX-License-Identifier: EUPL-1.2 */
/* The kiosk's wall clock: time(), unless KIOSK_NOW fixes it for a test. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

time_t clock_now(void)
{
	const char *fixed = getenv("KIOSK_NOW");
	struct tm tm = { 0 };
	char *end;

	if (!fixed || !*fixed)
		return time(NULL);
	long long seconds = strtoll(fixed, &end, 10);
	if (*end == '\0')
		return (time_t)seconds;
	if (sscanf(fixed, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) == 6) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		return timegm(&tm);
	}
	return time(NULL);
}

void clock_day(time_t t, struct content_date *day)
{
	struct tm tm;
	localtime_r(&t, &tm);
	day->year = tm.tm_year + 1900;
	day->month = tm.tm_mon + 1;
	day->day = tm.tm_mday;
}
