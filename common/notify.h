/* SPDX-License-Identifier: EUPL-1.2 */
/* Tells systemd how the program is doing: started, still alive (the watchdog),
 * stopping, and a one-line status for `systemctl status`. Outside systemd (no
 * NOTIFY_SOCKET in the environment) every call does nothing. */
#ifndef KIOSK_NOTIFY_H
#define KIOSK_NOTIFY_H

/* Reads the watchdog interval systemd asks for (WatchdogSec=). Call once, before
 * the loop starts. */
void notify_init(void);

/* Start-up is over: systemd counts the service as started from now on. */
void notify_ready(void);

/* Replaces the status line. */
void notify_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Tells the watchdog the loop is alive, when half its interval has passed since
 * the last time; cheap enough to call on every turn of a loop. Returns the
 * milliseconds until it wants calling again, or -1 when there is no watchdog.
 * Call it only from the loop itself: a call from anywhere else would keep a hung
 * loop alive. */
long notify_watchdog(void);

/* The program is shutting down. */
void notify_stopping(void);

#endif
