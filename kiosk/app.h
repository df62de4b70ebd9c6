/* SPDX-License-Identifier: EUPL-1.2 */
/* The UI application: state shared by the screens, the one place where SDL events
 * become the kiosk's own events (tap, drag, swipe, long press), screen switching,
 * the idle reset, and drawing a frame when something changed. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include "common/config.h"
#include "common/content.h"
#include "i18n.h"
#include "common/store.h"
#include "survey.h"
#include "text.h"
#include "theme.h"

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct app;

enum app_event_type {
	APP_EVENT_TAP,	      /* released where it was pressed, without moving; or activated */
	APP_EVENT_DRAG,	      /* moved while pressed: dx, dy since the last drag event */
	APP_EVENT_SWIPE,      /* released after moving: dx, dy from the press */
	APP_EVENT_LONG_PRESS, /* held still for APP_LONG_PRESS_MS */
	APP_EVENT_IDLE,	      /* the visitor has gone: the kiosk is about to reset */
	APP_EVENT_TOUCH,      /* any finger down or moving (screens with all_fingers) */
	APP_EVENT_NOTICE,     /* the program's answer to a request: text says what */
	APP_EVENT_FOCUS,      /* accessibility mode moved to the item with action: a
			       * screen that scrolls brings it into view */
};

struct app_event {
	enum app_event_type type;
	int x, y;
	int dx, dy;
	int finger;	  /* APP_EVENT_TOUCH: a small number per finger on the glass */
	const char *text; /* APP_EVENT_NOTICE: valid during the call */
	/* APP_EVENT_TAP: the action of the item tapped, or activated from a keypad or
	 * by a double tap, APP_NO_ACTION for none. */
	int action;
};

/* What the program around the app does for it. The content's lifecycle lives
 * there (kiosk/bundle.c), not in the UI core. Called between frames only. */
struct app_host {
	void *ctx;
	/* Reads the content again now (the staff panel's reload) and writes what
	 * happened, in the app's language, to msg. */
	void (*reload)(void *ctx, struct app *app, char *msg, size_t size);
	/* Why the last bundle offered was not shown; "" when it was. */
	const char *(*content_problem)(void *ctx);
};

/* One screen. enter lays out and makes textures, leave frees them; event handles
 * the app's events; render only draws; tick advances timers and animations at
 * app->now and returns when it next needs to run (0: not until an event). leave
 * and tick may be NULL. */
struct screen {
	const char *name;
	void (*enter)(struct app *app);
	void (*leave)(struct app *app);
	void (*event)(struct app *app, const struct app_event *ev);
	void (*render)(struct app *app);
	uint64_t (*tick)(struct app *app);
	/* Ask "are you still there?" before the idle reset, and send APP_EVENT_IDLE
	 * before it happens. */
	bool idle_warning;
	/* Seconds without a touch before the screen gives way to the attract screen;
	 * 0: the bundle's idle_timeout_s. */
	int idle_s;
	/* Also receive APP_EVENT_TOUCH for every finger (the touch test). */
	bool all_fingers;
	/* It shows app->promise: new content without that promise sends it home. */
	bool shows_promise;
	/* Staff's, worked by sight: keys do not turn accessibility mode on here. */
	bool staff;
};

#define APP_ITEMS_MAX	    64
#define APP_LONG_PRESS_MS   700
#define APP_IDLE_WARNING_MS 20000
#define APP_STAFF_ARM_MS    5000   /* from the corner long press to the opposite tap */
#define APP_PIN_ATTEMPTS    5	   /* wrong PINs before the pad locks */
#define APP_PIN_LOCK_MS	    300000 /* the first lock; each next one lasts twice as long */
#define APP_PIN_LOCK_MAX_MS (8 * 3600000ull)
#define APP_WAKE_MS	    300000 /* a touch on the closed screen opens it this long */
#define APP_STAFF_IDLE_S    60	   /* the PIN pad and the panel close after this */

/* What a screen shows, as a screen reader, a keypad and the tests see it. */
enum app_role {
	APP_ROLE_HEADING,
	APP_ROLE_TEXT,
	APP_ROLE_BUTTON, /* drawn by ui_item_draw from its item alone */
	APP_ROLE_LINK,	 /* acts like a button, drawn by its screen (a card, an arrow) */
	APP_ROLE_QR,	 /* the label says what the code opens */
	APP_ROLE_IMAGE,
};

/* What a button needs besides its label; drawn as the first that applies of
 * disabled, selected or primary, call to action, plain. */
enum app_item_state {
	APP_ITEM_PLAIN = 0,
	APP_ITEM_PRIMARY = 1 << 0,
	APP_ITEM_SELECTED = 1 << 1,
	APP_ITEM_CTA = 1 << 2,
	APP_ITEM_DISABLED = 1 << 3,
};

#define APP_NO_ACTION (-1)

/* One thing on screen. The label is borrowed: a catalog string, a content string
 * or a buffer of the screen's own that lives as long as the layout that
 * registered it. */
struct app_item {
	SDL_Rect rect;
	enum app_role role;
	const char *label;
	int action; /* the id a tap on it reports, or APP_NO_ACTION */
	unsigned state;
};

struct speech;

/* What a visitor turned on for their visit; the idle reset turns it all off
 * (kiosk/access.h). */
struct app_access {
	/* Accessibility mode: every screen is spoken, a touch speaks what is under
	 * the finger and a double tap activates it, keys move and activate. */
	bool speech;
	unsigned look;	  /* enum theme_look flags: large text, high contrast */
	int focus;	  /* the item spoken last (index into items), -1 for none */
	uint64_t said;	  /* the screen's items as last spoken, as a hash */
	bool recheck;	  /* an item was activated: said again if the screen stays */
	bool tap_pending; /* a single tap waits to see whether a second one comes */
	uint64_t tap_at;
	int tap_x, tap_y;
	uint64_t speak_at;    /* the screen is to be spoken then (after the tone); 0: no */
	bool announce;	      /* say "speech on" before the screen */
	int warning_said;     /* the seconds left the idle warning said last */
	int focus_down;	      /* the focus when the finger went down (a swipe moves on from it) */
	bool rested;	      /* the finger on the glass rested and explored: no tap */
	int volume, rate;     /* espeak-ng's amplitude and words per minute */
	SDL_Keycode last_key; /* the last key taken, and when */
	uint64_t last_key_at;
};

struct app_pointer {
	bool active;
	bool moved;
	bool long_fired;
	bool swallowed;	  /* it dismissed the idle warning */
	int64_t finger;	  /* SDL finger id, or -1 for the mouse */
	int x0, y0, x, y; /* on the page */
	int scroll0, vy;  /* the page's scroll at the press; y on the screen */
	uint64_t t0;
};

struct app {
	const struct config *cfg;
	struct content *content; /* borrowed: the caller swaps it between frames */
	struct i18n *i18n;
	struct text *text;
	struct theme theme;
	SDL_Renderer *renderer;
	SDL_Window *window;  /* NULL when rendering headless */
	SDL_Texture *canvas; /* the logical screen, when it is rotated or paged */
	int w, h;	     /* logical size, as the screens see it: the page */
	/* Large text on a screen too short for the layouts: the screens lay out on
	 * a page taller than the screen (h), of which view_h is seen, from
	 * page_scroll down. Otherwise view_h is h and page_scroll 0. */
	int view_h, page_scroll;
	bool page_top;	  /* a screen was switched to: its page starts at the top */
	bool used;	  /* the screen changed something (app_invalidate) */
	int out_w, out_h; /* renderer output size */
	int rotation;

	char lang[16];
	int lang_index; /* into content->languages */
	bool rtl;

	const struct screen *screen, *pending;
	/* The screens the core goes to by itself (struct app_init). */
	const struct screen *home, *closed, *staff_entry;
	int promise; /* the promise on show, or last on show */

	uint64_t now, last_input;
	bool dirty, quit, kiosk_mode;

	/* The screen's items in reading order, from its last layout. */
	struct app_item items[APP_ITEMS_MAX];
	int nitems;
	int pressed; /* action id under a held finger, or APP_NO_ACTION */
	struct app_pointer ptr;

	struct store *store; /* NULL when the database could not be opened */
	bool store_failed;   /* a write failed: surveys stay closed until restart */
	uint64_t cooldown_until;
	uint64_t warning_since; /* the idle warning is up since then; 0: it is not */
	uint64_t warning_shown; /* whole seconds of the warning on screen */
	struct {
		int index; /* into content->surveys */
		struct survey_run run;
		int stage;  /* the survey screen's own (screens/screens.h); 0 at start */
		bool fresh; /* set by whoever starts a survey; the screen starts over */
	} survey;

	struct {
		uint64_t armed_until; /* the corner was held: a tap in the opposite opens */
		int failures; /* wrong PINs since the last right one, kept in the database */
		uint64_t locked_until;
	} staff;
	uint64_t awake_until; /* a touch woke the closed screen until then */
	bool always_open;     /* ignore opening hours (screenshots of every screen) */
	struct app_host host;
	bool reload_asked; /* app_ask_reload: done at the next tick */
	struct app_access access;
	struct speech *speech; /* NULL: this kiosk does not speak */
	struct tone *tone;     /* NULL: no tone */
};

struct app_init {
	const struct config *cfg;
	struct content *content;
	struct i18n *i18n;
	const char *fonts_ini;
	SDL_Renderer *renderer;
	SDL_Window *window;
	bool kiosk_mode;
	struct store *store; /* may be NULL: surveys are then unavailable */
	/* The screens the core itself goes to: home between visitors and after the
	 * idle reset, closed outside opening hours, and the staff PIN pad that the
	 * hidden corner gesture opens on those two. None may be NULL. */
	const struct screen *home, *closed, *staff_entry;
	/* May be NULL: nothing to reload, no content problems to tell. */
	const struct app_host *host;
};

/* Sets up the first screen (home). NULL on failure (logged). */
struct app *app_create(const struct app_init *init);
void app_destroy(struct app *app);

/* Feeds one SDL event. */
void app_handle_sdl(struct app *app, const SDL_Event *ev);

/* Runs what is due at now (ms): long press, idle reset, the screen's timers, a
 * pending screen switch. Returns the time of the next thing due, 0 for none. */
uint64_t app_tick(struct app *app, uint64_t now);

/* Asks the host to read the content again, between frames; the screen then gets
 * an APP_EVENT_NOTICE saying how it went. */
void app_ask_reload(struct app *app);

/* Why the last bundle offered was not shown (the host's word), or "". */
const char *app_content_problem(const struct app *app);

/* Draws the frame into the renderer and presents it. */
void app_render(struct app *app);

/* Asks for a screen switch; it happens after the current handler returns. */
void app_switch(struct app *app, const struct screen *screen);
void app_invalidate(struct app *app);
void app_set_language(struct app *app, const char *code);

/* For a screen's tick: switches to the home screen once app->now reaches at;
 * returns at until then, 0 after. */
uint64_t app_home_at(struct app *app, uint64_t at);

/* Whether new content may be shown now: on the home or closed screen, with no
 * finger down, i.e. between visitors. */
bool app_at_safe_point(const struct app *app);

/* Replaces the content (a new bundle was loaded) between frames, never inside a
 * handler: the screen on show lays itself out again at once (the attract screen
 * instead, if it showed a promise that is gone). The old content stays the
 * caller's and is no longer used. */
void app_set_content(struct app *app, struct content *content);

/* The items of the current screen. A screen registers them while it lays out,
 * in reading order (top to bottom, then from the start side of the language);
 * every layout starts from app_items_clear and registers the whole list again,
 * so a screen that lays out anew (new values, a selection, a lock) stays one
 * list. The app clears them before a screen's enter. Something that moves on
 * its own keeps one place: a region that scrolls is one item the size of its
 * window, whatever part of it is on show, and a card that slides is at its
 * resting place. Beyond APP_ITEMS_MAX items are dropped (logged). */
void app_items_clear(struct app *app);
void app_item_add(struct app *app, SDL_Rect rect, enum app_role role, const char *label, int action,
		  unsigned state);

/* The registered item with action id, or NULL. */
const struct app_item *app_item_find(const struct app *app, int action);

/* The action of the topmost item with one at x, y, or APP_NO_ACTION. */
int app_item_at(const struct app *app, int x, int y);

/* r mirrored left to right inside frame when the language is right to left. */
SDL_Rect app_mirror(const struct app *app, SDL_Rect r, SDL_Rect frame);

/* The UI string for key, and a content text, in the current language. */
const char *app_str(const struct app *app, const char *key);
const char *app_tr(const struct app *app, const struct content_text *t);
/* Option o of question q in the visitor's language: the bundle's label, or the
 * kiosk's own word for a fixed option (yes, no). */
const char *app_option_label(const struct app *app, const struct content_question *q, int o);

/* "14 mars 2026" in the current language. */
void app_format_date(const struct app *app, const struct content_date *d, char *buf, size_t size);

/* Who makes promise p ("Polisen, Kommunen"), in the current language. */
void app_format_parties(const struct app *app, const struct content_promise *p, char *buf,
			size_t size);

/* Whether ev is a long sideways swipe towards the end side: back, as on phones. */
bool app_back_swipe(const struct app *app, const struct app_event *ev);

/* Indices of the surveys active today into out (room for CONTENT_SURVEYS_MAX).
 * Returns how many. */
int app_active_surveys(const struct app *app, int *out);

/* Whether answers can be stored now. */
bool app_can_store(const struct app *app);

/* v with one decimal, rounded down, and the language's decimal separator:
 * "84,2" in Swedish, "84.2" in English. */
void app_format_decimal(const struct app *app, double v, char *buf, size_t size);

/* The string for key with "{n}" and "{total}" replaced by the numbers. */
void app_format(const struct app *app, const char *key, int n, int total, char *buf, size_t size);

/* Whether the bundle's opening hours say the building is closed at time t. */
bool app_closed_at(const struct app *app, time_t t);

/* Counts a wrong PIN or, with right, clears the count. Every APP_PIN_ATTEMPTS
 * wrong ones in a row lock the pad, each time twice as long (app_pin_lock_ms).
 * The count survives a restart through the database. */
void app_pin_result(struct app *app, bool right);

/* How long the pad stays locked after failures wrong PINs (a multiple of
 * APP_PIN_ATTEMPTS): 5 minutes, then 10, 20... up to 8 hours. */
uint64_t app_pin_lock_ms(int failures);

/* Like app_format, with named string values: "{day}" is replaced by the value
 * whose name is "day". */
void app_format_vars(const struct app *app, const char *key, const char *const *names,
		     const char *const *values, int nvars, char *buf, size_t size);

/* Sets how the screen looks for this visit (enum theme_look flags): the theme and
 * the fonts are made again and the screen lays itself out anew. */
void app_set_look(struct app *app, unsigned look);

/* Turns accessibility mode on (a tone, then the screen is spoken) or off for this
 * visit. On without a speech engine (app->speech NULL) still gives keypad focus
 * and explore by touch, silent. */
void app_set_speech(struct app *app, bool on);

/* Makes the theme for look at the screen's size and DPI, the page the screens
 * lay out on, and the fonts' sizes. */
void app_theme(struct app *app, unsigned look);

/* Scrolls the page so that as much of r as the screen holds is in sight, its
 * top first. */
void app_page_reveal(struct app *app, SDL_Rect r);

/* Maps a point on the output (after rotation) to the logical screen: the page,
 * as far as it is scrolled. */
void app_output_to_logical(const struct app *app, int ox, int oy, int *x, int *y);

#endif
