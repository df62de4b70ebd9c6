/* SPDX-License-Identifier: EUPL-1.2 */
/* What wakes a program of the kiosk besides its timers: SIGTERM or SIGINT, a
 * change in a directory it watches (kiosk-sync's swap of content/current for the
 * kiosk, the staff panel's sync-now for kiosk-sync), and, for the kiosk where
 * SDL cannot block, input. Signals arrive through a signalfd and changes through
 * inotify, so a loop sleeps in poll() with no tick of its own. */
#ifndef KIOSK_WAKE_H
#define KIOSK_WAKE_H

#include <stdbool.h>
#include <stddef.h>

enum wake_reason {
	WAKE_STOP = 1 << 0,   /* SIGTERM or SIGINT */
	WAKE_CHANGE = 1 << 1, /* something was created, renamed or written in the directory */
	WAKE_INPUT = 1 << 2,  /* an input device has events (after wake_add_inputs) */
	WAKE_SOUND = 1 << 3,  /* a headset: a sound card's playback device appeared
			       * (wake_add_sound), or a jack reported a plug (wake_add_jacks) */
};

struct wake;

/* Blocks SIGTERM and SIGINT in the process (call it before any thread starts) and
 * watches dir, which must exist. A directory that cannot be watched is logged and
 * wake_watching says so; signals still wake. NULL only when no signalfd can be
 * made (logged). */
struct wake *wake_create(const char *dir);

/* Unblocks the signals and closes everything. NULL is accepted. */
void wake_destroy(struct wake *w);

/* Whether changes in the directory wake the loop; if not, the caller has to look
 * now and then. */
bool wake_watching(const struct wake *w);

/* Also wakes on input from the devices under /dev/input that can be opened. */
void wake_add_inputs(struct wake *w);

/* Also wakes when a playback device appears in dir ("/dev/snd"): a headset or a
 * USB sound card plugged in. If dir does not exist yet, its parent is watched for
 * it. False (logged) when neither can be watched. */
bool wake_add_sound(struct wake *w, const char *dir);

/* Also wakes when a headset or headphones are plugged into a jack that reports
 * it: the input devices under dir ("/dev/input") with a headphone or jack switch,
 * as ALSA's jack detection makes them (HDA codecs, many sound boards). Returns
 * how many such devices there are. */
int wake_add_jacks(struct wake *w, const char *dir);

/* Whether the input events in buf (len bytes of struct input_event) say that
 * something was plugged into a jack. */
bool wake_jack_plugged(const void *buf, size_t len);

/* Sleeps in poll() until a signal, a change, input, wake_interrupt or timeout_ms
 * (-1: no limit). The reasons are then ready for wake_take. Safe to call from one
 * thread while another takes. */
void wake_wait(struct wake *w, int timeout_ms);

/* Ends a wake_wait in another thread at once. */
void wake_interrupt(struct wake *w);

/* The reasons gathered since the last call (a mask of enum wake_reason); clears
 * them. */
unsigned wake_take(struct wake *w);

#endif
