/* SPDX-License-Identifier: EUPL-1.2 */
/* Test fixtures: the real UI running headless on a software renderer, with the
 * demo content, driven by synthetic SDL touch events and a clock the test sets. */
#ifndef KIOSK_TEST_HELPERS_H
#define KIOSK_TEST_HELPERS_H

#include "kiosk/app.h"
#include "common/config.h"

#include <SDL2/SDL.h>
#include <stdbool.h>

struct fixture {
	char dir[64]; /* a temporary data directory */
	struct store *store;
	struct config cfg;
	struct content *content;
	struct i18n *i18n;
	SDL_Surface *surface;
	SDL_Renderer *renderer;
	struct app *app;
	uint64_t now;
	int64_t next_finger;
};

/* A kiosk showing the demo content on a w x h output (before rotation), with a
 * database in a new temporary directory, on 24 November 2026 (KIOSK_NOW) unless
 * the test fixed another day. */
struct fixture *fixture_create(int w, int h, const char *lang, int rotation, double dpi);
void fixture_destroy(struct fixture *f);

/* Shows the screen in look (enum theme_look flags), as a visitor's choice does,
 * and runs the loop once. */
void fixture_set_look(struct fixture *f, unsigned look);

/* Runs the loop once at the current time: timers, then a frame if needed. */
void fixture_step(struct fixture *f);

/* Advances the clock by ms in small steps, running the loop as it goes. */
void fixture_advance(struct fixture *f, uint64_t ms);

/* Touches at logical coordinates (as the screens see them; on a page taller
 * than the screen, fixture_tap first scrolls the page to the point); with
 * _output, at output pixels (as the touch panel sees them, before rotation). */
void fixture_tap(struct fixture *f, int x, int y);
void fixture_tap_output(struct fixture *f, int ox, int oy);
void fixture_swipe(struct fixture *f, int x0, int y0, int x1, int y1);
/* The same from and to output pixels: a finger moving on the glass, whatever
 * the screen under it does. */
void fixture_swipe_output(struct fixture *f, int ox0, int oy0, int ox1, int oy1);

/* Presses and releases a key (a keyboard's or a keypad's) and runs the loop. */
void fixture_key(struct fixture *f, SDL_Keycode sym);

/* Taps the centre of the text containing needle drawn in the last frame. Fails
 * the test if there is none. */
void fixture_tap_text(struct fixture *f, const char *needle);

/* The items of the current screen in reading order; sets *n to their number. */
const struct app_item *fixture_items(const struct fixture *f, int *n);

/* The first item whose label is label, or NULL. */
const struct app_item *fixture_item(const struct fixture *f, const char *label);

/* Taps the middle of the item with an action whose label is label, and runs the
 * loop once. Fails the test if the screen has none. */
void fixture_tap_item(struct fixture *f, const char *label);

/* The same for the item with action id. */
void fixture_tap_action(struct fixture *f, int action);

/* Low-level finger events at output pixels. */
void fixture_finger(struct fixture *f, Uint32 type, int64_t finger, int ox, int oy);

/* The colour shown on the output (after rotation) at logical point x, y. */
SDL_Color fixture_pixel(const struct fixture *f, int x, int y);

/* Whether text containing needle is on screen in the last frame. */
bool fixture_sees(struct fixture *f, const char *needle);

/* The name of the current screen. */
const char *fixture_screen(const struct fixture *f);

/* Reopens nothing: the path of the fixture's database. */
const char *fixture_db(const struct fixture *f);

/* Puts a bundle where kiosk-sync would: data_dir/content/name/content.json, the
 * demo with its version set to version (NULL: a file the parser refuses), then
 * content/current renamed to point at it, as kiosk-sync swaps it. */
void put_synced_bundle(const char *data_dir, const char *name, const char *version);

/* Puts the app in its k-th state of a tour of every screen (each screen, each
 * promise, each stage of the survey screen, each question of the first survey)
 * and runs the loop once; false past the last. */
bool fixture_tour(struct fixture *f, int k);

/* Saves the last frame as PNG. */
bool fixture_save(struct fixture *f, const char *path);

#endif
