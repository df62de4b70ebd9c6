/* SPDX-License-Identifier: EUPL-1.2 */
/* One line per event on stderr; journald adds the time. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

enum log_level {
	LOG_LEVEL_ERROR = 3,
	LOG_LEVEL_WARN = 4,
	LOG_LEVEL_INFO = 6,
	LOG_LEVEL_DEBUG = 7,
};

/* Reads KIOSK_LOG_LEVEL (error, warn, info, debug) and whether stderr goes to the
 * journal (then every line gets a "<N>" priority prefix). Safe to skip: the
 * defaults are info and no prefix. */
void log_init(void);
void log_set_level(enum log_level level);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
