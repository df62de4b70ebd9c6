/* SPDX-License-Identifier: EUPL-1.2 */
/* The sd_notify protocol through libsystemd: readiness, status and the watchdog.
 * The watchdog is told at half its interval, as systemd recommends, so one late
 * turn of the loop never gets the program killed. */
#include "notify.h"

#include "log.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <systemd/sd-daemon.h>
#include <time.h>

static uint64_t interval_ms; /* 0: no watchdog */
static uint64_t last_pet_ms;
static int petted;

static uint64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void notify_init(void)
{
	uint64_t usec = 0;

	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		interval_ms = usec / 1000;
		if (interval_ms < 2)
			interval_ms = 2;
		log_debug("systemd watchdog: every %llu ms", (unsigned long long)interval_ms);
	}
}

void notify_ready(void)
{
	sd_notify(0, "READY=1");
}

void notify_status(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	sd_notifyf(0, "STATUS=%s", line);
}

long notify_watchdog(void)
{
	if (!interval_ms)
		return -1;
	uint64_t now = monotonic_ms(), half = interval_ms / 2;
	if (!petted || now - last_pet_ms >= half) {
		sd_notify(0, "WATCHDOG=1");
		last_pet_ms = now;
		petted = 1;
	}
	return (long)(last_pet_ms + half - now);
}

void notify_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}
