/* SPDX-License-Identifier: EUPL-1.2 */
/* Accessibility mode, for a visitor who cannot see the screen: every screen is
 * spoken, a touch speaks what is under the finger and a double tap activates
 * what was spoken last, a one-finger swipe moves to the next or previous item,
 * and keys of a keypad or keyboard move, activate, repeat, stop and change the
 * voice. It works on the items each screen registers; app.c hands it the input
 * first while the mode is on. */
#ifndef KIOSK_ACCESS_H
#define KIOSK_ACCESS_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct app;

#define ACCESS_HOLD_MS	       3000 /* a hold this long on the home screen turns the mode on */
#define ACCESS_DOUBLE_TAP_MS   400  /* the second tap of a double tap ends within this */
#define ACCESS_SWIPE_MS	       400  /* a stroke this quick is a swipe; a slower one explores */
#define ACCESS_REST_MS	       250  /* a finger resting this long explores, it is no tap */
#define ACCESS_IDLE_FACTOR     3    /* speech users get three times the idle time */
#define ACCESS_AUDIO_SETTLE_MS 5000 /* sound cards seen before this are the kiosk's own */

/* Whether anything of accessibility is on for this visit (speech, large text or
 * high contrast): the home screen then resets when the visitor has gone. */
bool access_active(const struct app *app);

/* Whether touches explore (accessibility mode is on and there is a voice to
 * hear): otherwise they act as always, also while keys move a silent focus. */
bool access_explores(const struct app *app);

/* Turns accessibility mode on: a tone, then "speech on" and the screen. */
void access_start(struct app *app);

/* Ends everything the visitor turned on (the idle reset). */
void access_end(struct app *app);

/* A key was pressed. Turns the mode on if it was off; else moves, activates,
 * repeats, stops or changes the voice. Returns false for a key it leaves to
 * the app (closing the window while developing). */
bool access_key(struct app *app, const SDL_KeyboardEvent *key);

/* A finger or the mouse went down at x, y (the mode is on): speech stops. */
void access_pointer_down(struct app *app, int x, int y);

/* The finger moved (past the slop) to x, y: the item under it is spoken. */
void access_pointer_move(struct app *app, int x, int y);

/* The finger came up: a tap waits to see whether a second one makes a double
 * tap; a quick sideways swipe moves to the next or previous item. */
void access_pointer_up(struct app *app, int x, int y, uint64_t held_ms);

/* A sound card appeared (a headset was plugged in): the mode turns on, unless it
 * is one of the cards there at start. */
void access_audio_added(struct app *app);

/* Runs what is due: a single tap's exploring once no second tap came, speaking a
 * screen that changed, the spoken idle warning, the tone. Returns when it wants
 * to run again, 0 for not until an event. */
uint64_t access_tick(struct app *app);

/* Draws the focus ring around the item spoken last. */
void access_render(struct app *app);

#endif
