/* SPDX-License-Identifier: EUPL-1.2 */
/* Logging to stderr, one line per event. Under systemd each line starts with the
 * syslog priority in angle brackets so the journal files it at the right level. */
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum log_level max_level = LOG_LEVEL_INFO;
static bool with_priority;

void log_init(void)
{
	const char *level = getenv("KIOSK_LOG_LEVEL");
	if (level) {
		if (!strcmp(level, "error"))
			max_level = LOG_LEVEL_ERROR;
		else if (!strcmp(level, "warn"))
			max_level = LOG_LEVEL_WARN;
		else if (!strcmp(level, "debug"))
			max_level = LOG_LEVEL_DEBUG;
		else
			max_level = LOG_LEVEL_INFO;
	}
	/* systemd sets JOURNAL_STREAM when stderr is connected to the journal. */
	with_priority = getenv("JOURNAL_STREAM") != NULL;
}

void log_set_level(enum log_level level)
{
	max_level = level;
}

static void log_line(enum log_level level, const char *fmt, va_list ap)
{
	static const char *const names[] = {
		[LOG_LEVEL_ERROR] = "error: ",
		[LOG_LEVEL_WARN] = "warning: ",
		[LOG_LEVEL_INFO] = "",
		[LOG_LEVEL_DEBUG] = "debug: ",
	};
	char line[1024];

	if (level > max_level)
		return;
	vsnprintf(line, sizeof line, fmt, ap);
	if (with_priority)
		fprintf(stderr, "<%d>%s\n", (int)level, line);
	else
		fprintf(stderr, "%s%s\n", names[level], line);
}

#define LOG_FUNCTION(name, level)                                                                  \
	void name(const char *fmt, ...)                                                            \
	{                                                                                          \
		va_list ap;                                                                        \
		va_start(ap, fmt);                                                                 \
		log_line(level, fmt, ap);                                                          \
		va_end(ap);                                                                        \
	}

LOG_FUNCTION(log_error, LOG_LEVEL_ERROR)
LOG_FUNCTION(log_warn, LOG_LEVEL_WARN)
LOG_FUNCTION(log_info, LOG_LEVEL_INFO)
LOG_FUNCTION(log_debug, LOG_LEVEL_DEBUG)
