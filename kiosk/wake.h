/* What wakes the kiosk besides its timers: SIGTERM or SIGINT, a change of the
 * content link kiosk-sync swaps, and input. Signals arrive through a signalfd and
 * changes through inotify, so the loop sleeps with no tick of its own.
 *
 * Where SDL's own wait blocks (the x11 and wayland video drivers) a thread waits on
 * these descriptors and wakes SDL with an event. Where it would poll (SDL 2.26's
 * kmsdrm, offscreen and dummy drivers sleep 1 ms at a time in
 * SDL_WaitEventTimeout), the loop waits here instead, in poll() on the same
 * descriptors and the input devices, and then drains SDL's queue without waiting. */
#ifndef KIOSK_WAKE_H
#define KIOSK_WAKE_H

#include <stdbool.h>

enum wake_reason {
	WAKE_STOP = 1 << 0,    /* SIGTERM or SIGINT */
	WAKE_CONTENT = 1 << 1, /* something changed in the content directory */
	WAKE_INPUT = 1 << 2,   /* an input device has events (wake_wait only) */
};

struct wake;

/* Blocks SIGTERM and SIGINT in the process (call it before any thread starts) and
 * watches content_dir, which must exist. A directory that cannot be watched is
 * logged and wake_watching says so; signals still wake. NULL only when no
 * signalfd can be made (logged). */
struct wake *wake_create(const char *content_dir);

/* Stops the thread if any, unblocks the signals and closes everything. NULL is
 * accepted. */
void wake_destroy(struct wake *w);

/* Whether changes to the content directory wake the loop; if not, the caller
 * has to look now and then. */
bool wake_watching(const struct wake *w);

/* For drivers whose SDL_WaitEventTimeout blocks: a thread waits on the
 * descriptors and pushes an SDL user event of type event_type for each wake.
 * False (logged) when the thread cannot start. */
bool wake_start_thread(struct wake *w, unsigned event_type);

/* For drivers whose wait polls: sleeps in poll() until a signal, a change,
 * input on /dev/input/event* (opened on the first call) or timeout_ms (-1: no
 * limit). The reasons are then ready for wake_take. */
void wake_wait(struct wake *w, int timeout_ms);

/* The reasons gathered since the last call (a mask of enum wake_reason); clears
 * them. */
unsigned wake_take(struct wake *w);

/* Whether SDL's wait blocks with the current video driver. */
bool wake_sdl_blocks(const char *video_driver);

#endif
