/* SPDX-License-Identifier: EUPL-1.2 */
/* Accessibility mode on the screens' items: what is spoken when, the focus that
 * keys and explore by touch move, and activating the focused item as a tap on
 * it would. The screens know nothing of it: they register their items, and a
 * new list of items (another screen, the next question) is spoken anew. */
#include "access.h"
#include "app.h"
#include "common/log.h"
#include "speech.h"
#include "tone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum access_move { MOVE_NEXT, MOVE_PREVIOUS };

bool access_explores(const struct app *app)
{
	return app->access.speech && app->speech && speech_status(app->speech) != SPEECH_MISSING;
}

bool access_active(const struct app *app)
{
	return app->access.speech || app->access.look != THEME_LOOK_PLAIN;
}

/* The items' roles and words, as a hash: a new hash is a new screen to speak. A
 * button's state is left out, so that selecting an option says only it. */
static uint64_t items_hash(const struct app *app)
{
	uint64_t h = 1469598103934665603ull;

	for (int i = 0; i < app->nitems; i++) {
		const struct app_item *it = &app->items[i];
		h = (h ^ (uint64_t)it->role) * 1099511628211ull;
		for (const char *c = it->label ? it->label : ""; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ull;
		h = (h ^ 0xff) * 1099511628211ull;
	}
	return h ? h : 1;
}

static void say(struct app *app, const struct speech_utterance *u, int n)
{
	speech_set_voice(app->speech, app->access.volume, app->access.rate);
	speech_say(app->speech, u, n);
}

/* One line of the kiosk's own words, in the visitor's language. */
static void say_text(struct app *app, const char *text)
{
	static struct speech_utterance u;

	snprintf(u.lang, sizeof u.lang, "%s", app->lang);
	snprintf(u.text, sizeof u.text, "%s", text);
	say(app, &u, 1);
}

/* The whole screen, title first; with announce, "speech on" and how to use it
 * before. */
static void speak_screen(struct app *app)
{
	static const char *const announce[] = { "access_on", "access_touch" };
	static struct speech_utterance u[SPEECH_UTTERANCES_MAX + 2];
	int n = 0;

	for (; app->access.announce && n < 2; n++) {
		snprintf(u[n].lang, sizeof u[n].lang, "%s", app->lang);
		snprintf(u[n].text, sizeof u[n].text, "%s", app_str(app, announce[n]));
	}
	app->access.announce = false;
	n += speech_sequence(app, u + n, SPEECH_UTTERANCES_MAX);
	say(app, u, n);
	app->access.said = items_hash(app);
	app->access.focus = -1;
	app->access.speak_at = 0;
}

static void speak_item(struct app *app, int i)
{
	struct speech_utterance u;

	app->access.focus = i;
	app->dirty = true;
	if (i >= 0 && i < app->nitems && speech_item(app, &app->items[i], &u))
		say(app, &u, 1);
}

void access_start(struct app *app)
{
	if (app->access.speech)
		return;
	app->access.speech = true;
	app->access.focus = -1;
	app->access.announce = true;
	app->access.warning_said = 0;
	app->access.tap_pending = false;
	app->access.said = 0;
	/* The tone first; the speech once it has played and let the card go. */
	app->access.speak_at = app->now + (tone_play(app->tone, app->now) ? TONE_MS + 120 : 0) + 1;
	app->dirty = true;
	log_info("accessibility mode on");
}

void access_end(struct app *app)
{
	if (access_active(app))
		log_info("accessibility ends with the visit");
	speech_stop(app->speech);
	app->access.speech = false;
	app->access.focus = -1;
	app->access.speak_at = 0;
	app->access.tap_pending = false;
	app->access.volume = app->cfg->speech_volume;
	app->access.rate = app->cfg->speech_rate;
	app_set_look(app, THEME_LOOK_PLAIN);
}

/* Whether item i can be spoken (it has words). */
static bool speakable(const struct app *app, int i)
{
	return app->items[i].label && app->items[i].label[0];
}

/* Tells the screen where the focus went, so that one that scrolls can bring
 * the item into view, and then scrolls the page to it. */
static void show(struct app *app, int i)
{
	const struct app_item *it = &app->items[i];
	SDL_Rect r = it->rect;
	if (it->action != APP_NO_ACTION) {
		struct app_event ev = { APP_EVENT_FOCUS, it->rect.x, it->rect.y, 0, 0, 0, NULL,
					it->action };
		app->screen->event(app, &ev);
		const struct app_item *now = app_item_find(app, ev.action);
		if (now)
			r = now->rect;
	}
	app_page_reveal(app, r);
}

static void move(struct app *app, enum access_move m)
{
	int n = app->nitems, i = app->access.focus;

	if (n == 0)
		return;
	for (int tries = 0; tries < n; tries++) {
		if (m == MOVE_NEXT)
			i = i < 0 || i >= n - 1 ? 0 : i + 1;
		else
			i = i <= 0 ? n - 1 : i - 1;
		if (speakable(app, i)) {
			speak_item(app, i);
			show(app, i);
			return;
		}
	}
}

/* Does what a tap on the focused item does (on a text, what a tap there does:
 * on the closed screen, a tap anywhere wakes it); a disabled button, or nothing
 * in focus, is spoken again. */
static void activate(struct app *app)
{
	int i = app->access.focus;

	if (i < 0 || i >= app->nitems) {
		speak_screen(app);
		return;
	}
	const struct app_item *it = &app->items[i];
	if (it->state & APP_ITEM_DISABLED) {
		speak_item(app, i);
		return;
	}
	speech_stop(app->speech);
	struct app_event ev = { APP_EVENT_TAP,
				it->rect.x + it->rect.w / 2,
				it->rect.y + it->rect.h / 2,
				0,
				0,
				0,
				NULL,
				it->action };
	app->access.recheck = true;
	app->screen->event(app, &ev);
	app->dirty = true;
}

/* The item under x, y with words, the last registered on top; -1 for none. */
static int item_under(const struct app *app, int x, int y)
{
	SDL_Point p = { x, y };

	for (int i = app->nitems - 1; i >= 0; i--)
		if (speakable(app, i) && SDL_PointInRect(&p, &app->items[i].rect))
			return i;
	return -1;
}

static void change_voice(struct app *app, int dvolume, int drate)
{
	char buf[200];

	app->access.volume += dvolume;
	app->access.rate += drate;
	app->access.volume = app->access.volume < 20	? 20
			     : app->access.volume > 200 ? 200
							: app->access.volume;
	app->access.rate = app->access.rate < 80    ? 80
			   : app->access.rate > 450 ? 450
						    : app->access.rate;
	if (dvolume)
		app_format(app, "access_volume", app->access.volume / 2, 0, buf, sizeof buf);
	else
		app_format(app, "access_rate", app->access.rate, 0, buf, sizeof buf);
	say_text(app, buf);
}

/* Right and left follow the reading direction: in Arabic, left is next. */
static bool key_moves(const struct app *app, SDL_Keycode k, SDL_Keymod mod, enum access_move *m)
{
	bool forward =
		app->rtl ? k == SDLK_LEFT || k == SDLK_KP_4 : k == SDLK_RIGHT || k == SDLK_KP_6;
	bool back = app->rtl ? k == SDLK_RIGHT || k == SDLK_KP_6 : k == SDLK_LEFT || k == SDLK_KP_4;

	if ((k == SDLK_TAB && !(mod & KMOD_SHIFT)) || k == SDLK_DOWN || k == SDLK_KP_2 || forward) {
		*m = MOVE_NEXT;
		return true;
	}
	if (k == SDLK_TAB || k == SDLK_UP || k == SDLK_KP_8 || back) {
		*m = MOVE_PREVIOUS;
		return true;
	}
	return false;
}

/* The keys of accessibility mode; false for a key it has no use for. */
static bool mode_key(struct app *app, SDL_Keycode k, SDL_Keymod mod)
{
	enum access_move m;

	if (key_moves(app, k, mod, &m))
		move(app, m);
	else if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE || k == SDLK_KP_5)
		activate(app);
	else if (k == SDLK_r || k == SDLK_KP_0)
		speak_screen(app);
	else if (k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS)
		change_voice(app, 20, 0);
	else if (k == SDLK_MINUS || k == SDLK_KP_MINUS)
		change_voice(app, -20, 0);
	else if (k == SDLK_PAGEUP || k == SDLK_KP_9)
		change_voice(app, 0, 25);
	else if (k == SDLK_PAGEDOWN || k == SDLK_KP_3)
		change_voice(app, 0, -25);
	else if (k == SDLK_h || k == SDLK_F1)
		say_text(app, app_str(app, "access_keys"));
	else
		return false;
	return true;
}

bool access_key(struct app *app, const SDL_KeyboardEvent *key)
{
	SDL_Keycode k = key->keysym.sym;
	SDL_Keymod mod = (SDL_Keymod)key->keysym.mod;
	bool quits = k == SDLK_ESCAPE || (k == SDLK_q && (mod & KMOD_CTRL));

	app->last_input = app->now;
	if (quits && !app->kiosk_mode)
		return false;
	/* The same key again too soon is a hand that trembles, not a second press
	 * (EN 301 549 5.8). */
	if (k == app->access.last_key &&
	    app->now - app->access.last_key_at < (uint64_t)app->cfg->double_strike_ms)
		return true;
	app->access.last_key = k;
	app->access.last_key_at = app->now;
	if (app->warning_since) {
		/* Any key answers "are you still there?", and does nothing else. */
		app->warning_since = 0;
		app->access.warning_said = 0;
		app->dirty = true;
		speech_stop(app->speech);
		return true;
	}
	if (app->screen->staff)
		return true;
	if (!app->access.speech) {
		access_start(app);
		return true;
	}
	/* Every key stops what is being said; S, Escape and the keypad's point do
	 * nothing else. */
	speech_stop(app->speech);
	if (!app->access.announce)
		app->access.speak_at = 0;
	mode_key(app, k, mod);
	return true;
}

void access_pointer_down(struct app *app, int x, int y)
{
	(void)x;
	(void)y;
	speech_stop(app->speech);
	if (!app->access.announce)
		app->access.speak_at = 0;
	app->access.focus_down = app->access.focus;
	app->access.rested = false;
}

void access_pointer_move(struct app *app, int x, int y)
{
	/* A quick stroke is a swipe: only a finger that lingers explores. */
	if (app->now < app->ptr.t0 + ACCESS_REST_MS)
		return;
	app->access.rested = true;
	int i = item_under(app, x, y);

	if (i >= 0 && i != app->access.focus)
		speak_item(app, i);
}

void access_pointer_up(struct app *app, int x, int y, uint64_t held_ms)
{
	struct app_pointer *p = &app->ptr;
	int dx = x - p->x0, dy = y - p->y0;
	int reach = app->theme.target;

	bool far = abs(dx) >= reach || abs(dy) >= reach;
	if (app->access.rested || (p->moved && held_ms > ACCESS_SWIPE_MS)) {
		/* The finger explored: what it rests on now is said. */
		access_pointer_move(app, x, y);
		return;
	}
	if (p->moved && far) {
		/* A quick stroke right or down moves on from where the focus was when
		 * it began, left or up goes back. */
		bool next = abs(dx) >= abs(dy) ? dx > 0 : dy > 0;
		app->access.focus = app->access.focus_down;
		move(app, next ? MOVE_NEXT : MOVE_PREVIOUS);
		return;
	}
	/* A quick touch, even one that wobbled a little, is a tap. */
	if (app->access.tap_pending && app->now - app->access.tap_at <= ACCESS_DOUBLE_TAP_MS) {
		app->access.tap_pending = false;
		activate(app);
		return;
	}
	app->access.tap_pending = true;
	app->access.tap_at = app->now;
	app->access.tap_x = x;
	app->access.tap_y = y;
}

void access_audio_added(struct app *app)
{
	if (app->now < ACCESS_AUDIO_SETTLE_MS || !app->speech || app->screen->staff)
		return;
	log_info("a sound card appeared: accessibility mode on");
	app->last_input = app->now;
	access_start(app);
}

/* "Are you still there?" with the seconds left, when it appears and at 10 and 5
 * seconds. */
static void speak_warning(struct app *app)
{
	char buf[SPEECH_TEXT_MAX], count[300];
	int left = (int)((APP_IDLE_WARNING_MS - (app->now - app->warning_since) + 999) / 1000);
	int said = app->access.warning_said;

	if (said && !(left <= 10 && said > 10) && !(left <= 5 && said > 5))
		return;
	app->access.warning_said = left;
	app_format(app, "idle_countdown", left, 0, count, sizeof count);
	snprintf(buf, sizeof buf, "%s %s %s", said ? "" : app_str(app, "idle_title"), count,
		 said ? "" : app_str(app, "access_continue"));
	say_text(app, buf);
}

uint64_t access_tick(struct app *app)
{
	struct app_access *a = &app->access;
	uint64_t next = tone_poll(app->tone, app->now);
	uint64_t poll = speech_poll(app->speech);

	if (poll)
		next = next && next < app->now + poll ? next : app->now + poll;
	if (!a->speech)
		return next;
	/* A finger resting on the glass says what it rests on. */
	const struct app_pointer *p = &app->ptr;
	if (p->active && !p->moved && !p->swallowed && access_explores(app)) {
		uint64_t due = p->t0 + ACCESS_REST_MS;
		if (app->now >= due)
			access_pointer_move(app, p->x0, p->y0);
		else
			next = next && next < due ? next : due;
	}
	if (a->tap_pending) {
		uint64_t due = a->tap_at + ACCESS_DOUBLE_TAP_MS;
		if (app->now >= due) {
			a->tap_pending = false;
			int i = item_under(app, a->tap_x, a->tap_y);
			if (i >= 0)
				speak_item(app, i);
		} else {
			next = next && next < due ? next : due;
		}
	}
	if (app->warning_since)
		speak_warning(app);
	else
		a->warning_said = 0;
	if (a->speak_at && app->now < a->speak_at)
		return next && next < a->speak_at ? next : a->speak_at;
	if (a->speak_at || items_hash(app) != a->said) {
		speak_screen(app);
	} else if (a->recheck && a->focus >= 0) {
		/* The screen stayed: the item says how it is now ("selected"). */
		speak_item(app, a->focus);
	}
	a->recheck = false;
	/* What was just said needs feeding soon. */
	if (speech_poll(app->speech))
		next = app->now + 20;
	return next;
}

void access_render(struct app *app)
{
	int i = app->access.focus;

	if (!app->access.speech || i < 0 || i >= app->nitems)
		return;
	SDL_Rect r = app->items[i].rect;
	if (r.w <= 0 || r.h <= 0)
		return; /* scrolled out of view */
	int t = app->theme.target / 14 > 3 ? app->theme.target / 14 : 3;
	/* Black and yellow together show on any background. */
	static const SDL_Color ring[2] = { { 0, 0, 0, 255 }, { 0xFF, 0xD4, 0x00, 255 } };
	for (int k = 0; k < 2; k++) {
		SDL_SetRenderDrawColor(app->renderer, ring[k].r, ring[k].g, ring[k].b, 255);
		for (int j = 0; j < t; j++) {
			int d = (k == 0 ? 2 * t : t) - j;
			SDL_Rect o = { r.x - d, r.y - d, r.w + 2 * d, r.h + 2 * d };
			SDL_RenderDrawRect(app->renderer, &o);
		}
	}
}
