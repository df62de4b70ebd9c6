/* SPDX-License-Identifier: EUPL-1.2 */
/* The application core. SDL events arrive in app_handle_sdl, the only function that
 * sees them; it turns touches and mouse clicks into taps, drags, swipes and long
 * presses for the current screen, following one finger at a time so that several
 * fingers or a touch with its emulated mouse click are never handled twice. */
#include "app.h"
#include "access.h"
#include "common/clock.h"
#include "common/log.h"
#include "speech.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Large text on a screen that holds fewer lines of body text than
 * APP_PAGE_MIN_LINES: the layouts were made for more, so the screens lay out on
 * a page of APP_PAGE_LINES lines (at least the screen's height), which the
 * visitor scrolls. Every screen's layout is whole on such a page. */
#define APP_PAGE_MIN_LINES 16
#define APP_PAGE_LINES	   27

static double display_dpi(const struct app *app)
{
	double dpi = app->cfg->dpi;
	if (dpi <= 0 && app->window) {
		float ddpi;
		int display = SDL_GetWindowDisplayIndex(app->window);
		if (display >= 0 && SDL_GetDisplayDPI(display, &ddpi, NULL, NULL) == 0 && ddpi > 50)
			dpi = ddpi;
	}
	return dpi;
}

/* The canvas the screens draw on, where the output cannot be drawn on directly:
 * a rotated screen, a page taller than the screen. */
static void make_canvas(struct app *app)
{
	if (app->canvas) {
		SDL_DestroyTexture(app->canvas);
		app->canvas = NULL;
	}
	if (!app->rotation && app->h == app->view_h)
		return;
	app->canvas = SDL_CreateTexture(app->renderer, SDL_PIXELFORMAT_ARGB8888,
					SDL_TEXTUREACCESS_TARGET, app->w, app->h);
	if (!app->canvas)
		log_error("cannot make a %dx%d canvas: %s; the screen is shown unrotated and "
			  "without scrolling",
			  app->w, app->h, SDL_GetError());
}

void app_theme(struct app *app, unsigned look)
{
	struct theme *th = &app->theme;

	theme_init(th, app->w, app->view_h, display_dpi(app), look);
	int body = th->fonts[TEXT_BODY], page = app->view_h;
	if ((look & THEME_LOOK_LARGE) && app->view_h < APP_PAGE_MIN_LINES * body) {
		page = APP_PAGE_LINES * body;
		/* The sizes stay the screen's: only the room to lay out in grows. */
		th->h = page;
		th->portrait = page > app->w;
	}
	if (page != app->h) {
		app->h = page;
		make_canvas(app);
		if (!app->canvas && (app->rotation || page != app->view_h)) {
			app->rotation = 0;
			app->w = app->out_w;
			app->h = app->view_h = app->out_h;
			theme_init(th, app->w, app->h, display_dpi(app), look);
		}
	}
	ui_scroll_set(&app->page_scroll, app->page_scroll, app->h - app->view_h);
	if (app->text)
		text_set_sizes(app->text, th->fonts);
}

static void layout(struct app *app)
{
	SDL_GetRendererOutputSize(app->renderer, &app->out_w, &app->out_h);
	if (app->rotation == 90 || app->rotation == 270) {
		app->w = app->out_h;
		app->view_h = app->out_w;
	} else {
		app->w = app->out_w;
		app->view_h = app->out_h;
	}
	app->h = 0; /* the canvas is made anew */
	app_theme(app, app->access.look);
}

void app_set_look(struct app *app, unsigned look)
{
	if (look == app->access.look)
		return;
	app->access.look = look;
	app_theme(app, look);
	app->pending = app->screen;
	app->dirty = true;
}

void app_set_speech(struct app *app, bool on)
{
	if (on) {
		access_start(app);
		return;
	}
	speech_stop(app->speech);
	if (app->access.speech)
		log_info("accessibility mode off");
	app->access.speech = false;
	app->access.focus = -1;
	app->dirty = true;
}

static bool make_text(struct app *app, const char *fonts_ini)
{
	text_destroy(app->text);
	app->text = text_create(app->renderer, fonts_ini, app->theme.fonts);
	return app->text != NULL;
}

/* Said once per bundle, not each time a visitor picks a language. */
static void check_catalogs(const struct app *app)
{
	for (int i = 0; i < app->content->nlanguages; i++)
		if (!i18n_has(app->i18n, app->content->languages[i]))
			log_warn("the bundle's language \"%s\" has no string catalog: its buttons "
				 "show English",
				 app->content->languages[i]);
}

struct app *app_create(const struct app_init *init)
{
	struct app *app = calloc(1, sizeof *app);

	if (!app)
		return NULL;
	app->cfg = init->cfg;
	app->content = init->content;
	app->i18n = init->i18n;
	app->renderer = init->renderer;
	app->window = init->window;
	app->kiosk_mode = init->kiosk_mode;
	app->store = init->store;
	app->rotation = init->cfg->rotation;
	app->home = init->home;
	app->closed = init->closed;
	app->staff_entry = init->staff_entry;
	if (init->host)
		app->host = *init->host;
	app->pressed = APP_NO_ACTION;
	app->access.focus = -1;
	app->access.volume = init->cfg->speech_volume;
	app->access.rate = init->cfg->speech_rate;
	char failures[16];
	if (app->store &&
	    store_get_status(app->store, "staff_pin_failures", failures, sizeof failures))
		app->staff.failures = atoi(failures);
	/* A lock before a restart: the pad is locked after it too, from the start. */
	app->staff.locked_until =
		app->staff.failures > 0 && app->staff.failures % APP_PIN_ATTEMPTS == 0 ? UINT64_MAX
										       : 0;
	layout(app);
	if (!make_text(app, init->fonts_ini)) {
		free(app);
		return NULL;
	}
	check_catalogs(app);
	app_set_language(app, init->cfg->language);
	app->screen = app->home;
	app->screen->enter(app);
	app->dirty = true;
	return app;
}

void app_destroy(struct app *app)
{
	if (!app)
		return;
	if (app->screen && app->screen->leave)
		app->screen->leave(app);
	text_destroy(app->text);
	if (app->canvas)
		SDL_DestroyTexture(app->canvas);
	free(app);
}

void app_switch(struct app *app, const struct screen *screen)
{
	app->pending = screen;
	app->page_top = true;
}

void app_page_reveal(struct app *app, SDL_Rect r)
{
	int top = app->page_scroll;

	if (r.y + r.h > top + app->view_h)
		top = r.y + r.h - app->view_h;
	if (r.y < top)
		top = r.y;
	if (ui_scroll_set(&app->page_scroll, top, app->h - app->view_h))
		app->dirty = true;
}

void app_invalidate(struct app *app)
{
	app->dirty = true;
	app->used = true;
}

uint64_t app_home_at(struct app *app, uint64_t at)
{
	if (app->now < at)
		return at;
	app_switch(app, app->home);
	return 0;
}

static void set_language(struct app *app, const char *code)
{
	snprintf(app->lang, sizeof app->lang, "%s", code);
	app->lang_index = content_lang_index(app->content, code);
	app->rtl = i18n_rtl(app->i18n, code);
}

void app_set_language(struct app *app, const char *code)
{
	set_language(app, code);
	/* Re-enter the screen so that it lays itself out for the new direction. */
	if (app->screen && !app->pending)
		app->pending = app->screen;
	app->dirty = true;
}

bool app_at_safe_point(const struct app *app)
{
	return (app->screen == app->home || app->screen == app->closed) && !app->ptr.active &&
	       !app->pending && !app->warning_since;
}

bool app_closed_at(const struct app *app, time_t t)
{
	const struct content *c = app->content;
	struct tm tm;

	if (!c->has_hours)
		return false;
	localtime_r(&t, &tm);
	const struct content_day *day = &c->hours[(tm.tm_wday + 6) % 7];
	int minute = tm.tm_hour * 60 + tm.tm_min;
	for (int i = 0; i < day->nranges; i++)
		if (minute >= day->ranges[i].open && minute < day->ranges[i].close)
			return false;
	return true;
}

uint64_t app_pin_lock_ms(int failures)
{
	uint64_t ms = APP_PIN_LOCK_MS;
	for (int round = APP_PIN_ATTEMPTS; round < failures && ms < APP_PIN_LOCK_MAX_MS;
	     round += APP_PIN_ATTEMPTS)
		ms *= 2;
	return ms < APP_PIN_LOCK_MAX_MS ? ms : APP_PIN_LOCK_MAX_MS;
}

void app_pin_result(struct app *app, bool right)
{
	char value[16];

	if (right) {
		app->staff.failures = 0;
		app->staff.locked_until = 0;
	} else if (++app->staff.failures % APP_PIN_ATTEMPTS == 0) {
		uint64_t ms = app_pin_lock_ms(app->staff.failures);
		app->staff.locked_until = app->now + ms;
		log_warn("staff PIN: %d wrong in a row; the pad is locked for %llu minutes",
			 app->staff.failures, (unsigned long long)(ms / 60000));
	} else {
		log_info("staff PIN: a wrong one (%d in a row)", app->staff.failures);
	}
	snprintf(value, sizeof value, "%d", app->staff.failures);
	if (app->store)
		store_set_status(app->store, "staff_pin_failures", value);
}

static void apply_switch(struct app *app);

void app_set_content(struct app *app, struct content *content)
{
	const struct content *before = app->content;
	const char *id =
		app->promise < before->npromises ? before->promises[app->promise].id : NULL;
	int found = -1;

	/* The promise on show is followed by its id; if it is gone, so is its screen. */
	for (int i = 0; id && i < content->npromises; i++)
		if (!strcmp(content->promises[i].id, id))
			found = i;
	app->content = content;
	check_catalogs(app);
	app->lang_index = content_lang_index(content, app->lang);
	app->promise = found >= 0 ? found : 0;
	app->pending = found < 0 && app->screen->shows_promise ? app->home : app->screen;
	/* At once: a frame drawn before the next tick must not use the old layout,
	 * whose texts and counts belonged to the old content. */
	apply_switch(app);
	app->dirty = true;
}

void app_items_clear(struct app *app)
{
	app->nitems = 0;
}

void app_item_add(struct app *app, SDL_Rect rect, enum app_role role, const char *label, int action,
		  unsigned state)
{
	if (app->nitems < APP_ITEMS_MAX)
		app->items[app->nitems++] =
			(struct app_item){ rect, role, label ? label : "", action, state };
	else
		log_warn("too many items on screen %s", app->screen->name);
}

const struct app_item *app_item_find(const struct app *app, int action)
{
	for (int i = 0; i < app->nitems; i++)
		if (app->items[i].action == action)
			return &app->items[i];
	return NULL;
}

int app_item_at(const struct app *app, int x, int y)
{
	SDL_Point p = { x, y };
	/* Later items lie on top of earlier ones. */
	for (int i = app->nitems - 1; i >= 0; i--)
		if (app->items[i].action != APP_NO_ACTION &&
		    SDL_PointInRect(&p, &app->items[i].rect))
			return app->items[i].action;
	return APP_NO_ACTION;
}

SDL_Rect app_mirror(const struct app *app, SDL_Rect r, SDL_Rect frame)
{
	if (app->rtl)
		r.x = frame.x + frame.w - (r.x - frame.x) - r.w;
	return r;
}

const char *app_str(const struct app *app, const char *key)
{
	return i18n_get(app->i18n, app->lang, key);
}

const char *app_tr(const struct app *app, const struct content_text *t)
{
	return t->text[app->lang_index];
}

const char *app_option_label(const struct app *app, const struct content_question *q, int o)
{
	if (!q->type->listed_options)
		return app_str(app, q->options[o].id);
	return app_tr(app, &q->options[o].label);
}

void app_format_date(const struct app *app, const struct content_date *d, char *buf, size_t size)
{
	char key[16];

	snprintf(key, sizeof key, "month_%d", d->month);
	snprintf(buf, size, "%d %s %d", d->day, app_str(app, key), d->year);
}

void app_format_parties(const struct app *app, const struct content_promise *p, char *buf,
			size_t size)
{
	buf[0] = '\0';
	for (int k = 0; k < p->nparties; k++) {
		char key[48];
		size_t len = strlen(buf);
		snprintf(key, sizeof key, "party_%s", p->parties[k]);
		snprintf(buf + len, size - len, "%s%s", k ? app_str(app, "list_separator") : "",
			 app_str(app, key));
	}
}

bool app_back_swipe(const struct app *app, const struct app_event *ev)
{
	return ev->type == APP_EVENT_SWIPE && abs(ev->dx) > 3 * app->theme.target &&
	       abs(ev->dx) > 2 * abs(ev->dy) && (app->rtl ? ev->dx < 0 : ev->dx > 0);
}

void app_output_to_logical(const struct app *app, int ox, int oy, int *x, int *y)
{
	switch (app->rotation) {
	case 90:
		*x = oy;
		*y = app->out_w - 1 - ox;
		break;
	case 180:
		*x = app->out_w - 1 - ox;
		*y = app->out_h - 1 - oy;
		break;
	case 270:
		*x = app->out_h - 1 - oy;
		*y = ox;
		break;
	default:
		*x = ox;
		*y = oy;
	}
	*y += app->page_scroll;
}

int app_active_surveys(const struct app *app, int *out)
{
	struct content_date today;
	int n = 0;

	clock_day(clock_now(), &today);
	for (int i = 0; i < app->content->nsurveys; i++)
		if (content_survey_active(&app->content->surveys[i], &today))
			out[n++] = i;
	return n;
}

bool app_can_store(const struct app *app)
{
	return app->store && !app->store_failed;
}

void app_format_vars(const struct app *app, const char *key, const char *const *names,
		     const char *const *values, int nvars, char *buf, size_t size)
{
	size_t len = 0;

	/* Catalogs are data, not format strings: only the named {fields} are replaced. */
	for (const char *s = app_str(app, key); *s && len + 1 < size;) {
		int var = -1;
		for (int i = 0; *s == '{' && i < nvars; i++) {
			size_t n = strlen(names[i]);
			if (!strncmp(s + 1, names[i], n) && s[1 + n] == '}')
				var = i;
		}
		if (var >= 0) {
			size_t n = strlen(values[var]);
			if (n > size - 1 - len)
				n = size - 1 - len;
			memcpy(buf + len, values[var], n);
			len += n;
			s += strlen(names[var]) + 2;
		} else {
			buf[len++] = *s++;
		}
	}
	buf[len] = '\0';
}

void app_format_decimal(const struct app *app, double v, char *buf, size_t size)
{
	long tenths = (long)(v * 10 + 1e-9);
	snprintf(buf, size, "%ld%s%ld", tenths / 10, app_str(app, "decimal_separator"),
		 tenths % 10);
}

void app_format(const struct app *app, const char *key, int n, int total, char *buf, size_t size)
{
	char a[24], b[24];
	snprintf(a, sizeof a, "%d", n);
	snprintf(b, sizeof b, "%d", total);
	const char *const names[] = { "n", "total" }, *const values[] = { a, b };
	app_format_vars(app, key, names, values, 2, buf, size);
}

static void dispatch(struct app *app, enum app_event_type type, int dx, int dy)
{
	/* A touch that took the idle warning away does nothing else. */
	if (app->ptr.swallowed && type != APP_EVENT_IDLE)
		return;
	struct app_event ev = { type, app->ptr.x, app->ptr.y, dx, dy, 0, NULL, APP_NO_ACTION };
	if (type == APP_EVENT_TAP)
		ev.action = app_item_at(app, ev.x, ev.y);
	app->screen->event(app, &ev);
}

/* The hidden way to the staff panel: hold the top left corner, then tap the bottom
 * right one, as the screen is seen (not mirrored for right-to-left). Only between
 * visitors (the attract and closed screens) and only off every button, so that a
 * visitor holding Back in a survey never opens it by accident. */
static bool in_corner(const struct app *app, int x, int y, bool top_left)
{
	int zone = app->theme.target * 3 / 2;
	if (app->screen != app->home && app->screen != app->closed)
		return false;
	if (app_item_at(app, x, y) != APP_NO_ACTION)
		return false;
	y -= app->page_scroll;
	if (top_left)
		return x < zone && y < zone;
	return x >= app->w - zone && y >= app->view_h - zone;
}

static void touch_event(struct app *app, int finger, int x, int y)
{
	if (!app->screen->all_fingers)
		return;
	struct app_event ev = { APP_EVENT_TOUCH, x, y, 0, 0, finger, NULL, APP_NO_ACTION };
	app->screen->event(app, &ev);
}

static void pointer_down(struct app *app, int64_t finger, int x, int y)
{
	struct app_pointer *p = &app->ptr;

	app->last_input = app->now;
	if (p->active)
		return; /* a second finger: only the first one counts */
	*p = (struct app_pointer){ .active = true,
				   .finger = finger,
				   .x0 = x,
				   .y0 = y,
				   .x = x,
				   .y = y,
				   .scroll0 = app->page_scroll,
				   .vy = y - app->page_scroll,
				   .t0 = app->now };
	if (app->warning_since) {
		/* One touch anywhere on the idle warning continues. */
		app->warning_since = 0;
		p->swallowed = true;
		app->dirty = true;
		return;
	}
	if (access_explores(app)) {
		/* Explore by touch: nothing is pressed, the finger only asks. */
		access_pointer_down(app, x, y);
		return;
	}
	app->pressed = app_item_at(app, x, y);
	app->dirty = true;
}

/* A drag up and down a page taller than the screen: reading on moves the page
 * first, then what scrolls inside it; going back the other way round, so that
 * a window that scrolls is in sight whole before its content moves. Whether the
 * drag was the page's. */
static bool page_drag(struct app *app, int dx, int dy)
{
	int max = app->h - app->view_h;

	if (max <= 0 || abs(dy) < abs(dx) || dy == 0)
		return false;
	if (dy < 0 && app->page_scroll < max) {
		ui_scroll_set(&app->page_scroll, app->page_scroll - dy, max);
		app->dirty = true;
		return true;
	}
	if (dy < 0)
		return false;
	app->used = false;
	dispatch(app, APP_EVENT_DRAG, dx, dy);
	if (!app->used && ui_scroll_set(&app->page_scroll, app->page_scroll - dy, max))
		app->dirty = true;
	return true;
}

static void pointer_move(struct app *app, int64_t finger, int x, int y)
{
	struct app_pointer *p = &app->ptr;
	int slop = app->theme.target / 4;

	if (!p->active || p->finger != finger)
		return;
	app->last_input = app->now;
	if (!p->moved && !p->long_fired && (abs(x - p->x0) > slop || abs(y - p->y0) > slop)) {
		p->moved = true;
		app->pressed = APP_NO_ACTION;
		app->dirty = true;
	}
	if (p->moved && access_explores(app) && !p->swallowed) {
		access_pointer_move(app, x, y);
	} else if (p->moved && !p->swallowed) {
		/* How far the finger moved on the glass, whatever the page did. */
		int dx = x - p->x, dy = y - app->page_scroll - p->vy;
		p->x = x;
		p->y = y;
		p->vy = y - app->page_scroll;
		if (!page_drag(app, dx, dy))
			dispatch(app, APP_EVENT_DRAG, dx, dy);
	}
}

static void pointer_up(struct app *app, int64_t finger, int x, int y)
{
	struct app_pointer *p = &app->ptr;

	if (!p->active || p->finger != finger)
		return;
	app->last_input = app->now;
	p->active = false;
	app->pressed = APP_NO_ACTION;
	app->dirty = true;
	if (p->long_fired)
		return;
	bool staff = app->staff.armed_until && app->now <= app->staff.armed_until && !p->moved &&
		     in_corner(app, p->x0, p->y0, false) && !p->swallowed;
	if (access_explores(app)) {
		/* No long press is made and the staff corner never arms here. */
		if (!p->swallowed)
			access_pointer_up(app, x, y, app->now - p->t0);
		return;
	}
	if (p->moved) {
		p->x = x;
		p->y = y;
		dispatch(app, APP_EVENT_SWIPE, x - p->x0,
			 y - app->page_scroll - (p->y0 - p->scroll0));
	} else if (staff) {
		app->staff.armed_until = 0;
		log_info("staff: the PIN pad was opened");
		/* Staff work the pad by sight: a visitor's speech and look end here. */
		access_end(app);
		/* Staff read the pad and the panel in the kiosk's own language. */
		set_language(app, app->cfg->language);
		app_switch(app, app->staff_entry);
	} else {
		app->staff.armed_until = 0;
		/* A tap lands where the finger went down: a slight slide off a small
		 * target on release still presses it. */
		p->x = p->x0;
		p->y = p->y0;
		dispatch(app, APP_EVENT_TAP, 0, 0);
	}
}

static void cancel_pointer(struct app *app)
{
	app->ptr.active = false;
	app->pressed = APP_NO_ACTION;
	app->dirty = true;
}

/* Window coordinates (mouse) to output pixels, then to the logical screen. */
static void window_to_logical(const struct app *app, float wx, float wy, int *x, int *y)
{
	int ww = app->out_w, wh = app->out_h;
	if (app->window)
		SDL_GetWindowSize(app->window, &ww, &wh);
	int ox = (int)(wx * app->out_w / (ww > 0 ? ww : 1));
	int oy = (int)(wy * app->out_h / (wh > 0 ? wh : 1));
	app_output_to_logical(app, ox, oy, x, y);
}

static void handle_key(struct app *app, const SDL_KeyboardEvent *key)
{
	/* A key turns accessibility mode on, and then moves and activates; it never
	 * closes the kiosk. While developing, Escape and Ctrl+Q close the window. */
	if (key->repeat || access_key(app, key))
		return;
	if (key->keysym.sym == SDLK_ESCAPE ||
	    (key->keysym.sym == SDLK_q && (key->keysym.mod & KMOD_CTRL)))
		app->quit = true;
}

static void finger_event(struct app *app, const SDL_TouchFingerEvent *ev)
{
	int x, y, ww = app->out_w, wh = app->out_h;

	/* Finger positions are normalised to the window. */
	if (app->window)
		SDL_GetWindowSize(app->window, &ww, &wh);
	window_to_logical(app, ev->x * (float)ww, ev->y * (float)wh, &x, &y);
	if (ev->type != SDL_FINGERUP)
		touch_event(app, (int)((uint64_t)ev->fingerId % 8), x, y);
	if (ev->type == SDL_FINGERDOWN)
		pointer_down(app, (int64_t)ev->fingerId, x, y);
	else if (ev->type == SDL_FINGERMOTION)
		pointer_move(app, (int64_t)ev->fingerId, x, y);
	else
		pointer_up(app, (int64_t)ev->fingerId, x, y);
}

static void window_event(struct app *app, const SDL_WindowEvent *ev)
{
	switch (ev->event) {
	case SDL_WINDOWEVENT_SIZE_CHANGED:
		/* Fonts follow the new size: the text module starts over. */
		layout(app);
		text_flush(app->text);
		app->pending = app->screen;
		break;
	case SDL_WINDOWEVENT_FOCUS_LOST:
		cancel_pointer(app);
		break;
	default:
		break;
	}
	app->dirty = true;
}

void app_handle_sdl(struct app *app, const SDL_Event *ev)
{
	int x, y;

	switch (ev->type) {
	case SDL_FINGERDOWN:
	case SDL_FINGERMOTION:
	case SDL_FINGERUP:
		finger_event(app, &ev->tfinger);
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		/* Touches also arrive as emulated mouse events; the finger events count. */
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			break;
		window_to_logical(app, (float)ev->button.x, (float)ev->button.y, &x, &y);
		if (ev->type == SDL_MOUSEBUTTONDOWN) {
			touch_event(app, 0, x, y);
			pointer_down(app, -1, x, y);
		} else {
			pointer_up(app, -1, x, y);
		}
		break;
	case SDL_MOUSEMOTION:
		if (ev->motion.which == SDL_TOUCH_MOUSEID)
			break;
		window_to_logical(app, (float)ev->motion.x, (float)ev->motion.y, &x, &y);
		if (ev->motion.state & SDL_BUTTON_LMASK)
			touch_event(app, 0, x, y);
		pointer_move(app, -1, x, y);
		break;
	case SDL_KEYDOWN:
		handle_key(app, &ev->key);
		break;
	case SDL_QUIT:
		if (app->kiosk_mode)
			log_info("ignoring a request to close the window (kiosk mode)");
		else
			app->quit = true;
		break;
	case SDL_WINDOWEVENT:
		window_event(app, &ev->window);
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		/* Every texture is gone: lay out again, which remakes them. */
		text_flush(app->text);
		layout(app);
		app->pending = app->screen;
		app->dirty = true;
		break;
	default:
		break;
	}
}

static void apply_switch(struct app *app)
{
	if (app->pending && app->pending != app->screen)
		app->warning_since = 0;
	while (app->pending) {
		const struct screen *next = app->pending;
		app->pending = NULL;
		if (app->screen->leave)
			app->screen->leave(app);
		app_items_clear(app);
		cancel_pointer(app);
		app->screen = next;
		if (app->page_top || next != app->screen)
			app->page_scroll = 0;
		app->page_top = false;
		app->screen->enter(app);
		app->dirty = true;
	}
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

/* Nobody has touched the screen for a while: the next visitor starts afresh.
 * Screens with a visitor's work on them ask first and get the last word. Returns
 * when to look again, 0 for no need. */
static uint64_t idle_tick(struct app *app, uint64_t now, uint64_t idle_ms)
{
	uint64_t reset = app->last_input + idle_ms;

	if (app->screen->idle_warning)
		reset += APP_IDLE_WARNING_MS;
	if (app->screen->idle_warning && now >= app->last_input + idle_ms && now < reset) {
		if (!app->warning_since) {
			app->warning_since = app->last_input + idle_ms;
			app->dirty = true;
		}
		/* Redraw the countdown once a second. */
		uint64_t shown = (now - app->warning_since) / 1000;
		app->dirty |= shown != app->warning_shown;
		app->warning_shown = shown;
		return app->warning_since + (shown + 1) * 1000;
	}
	if (now >= reset) {
		app->warning_since = 0;
		if (app->screen->idle_warning) {
			struct app_event ev = { .type = APP_EVENT_IDLE };
			app->screen->event(app, &ev);
		}
		app->promise = 0;
		set_language(app, app->cfg->language);
		access_end(app);
		app->pending = app->home;
		app->dirty = true;
		return 0;
	}
	return app->screen->idle_warning ? app->last_input + idle_ms : reset;
}

void app_ask_reload(struct app *app)
{
	app->reload_asked = true;
}

const char *app_content_problem(const struct app *app)
{
	return app->host.content_problem ? app->host.content_problem(app->host.ctx) : "";
}

/* A reload staff asked for, done between frames; the screen is told the result. */
static void reload(struct app *app)
{
	char msg[600] = "";
	const struct screen *asking = app->screen;

	app->reload_asked = false;
	if (!app->host.reload)
		return;
	app->host.reload(app->host.ctx, app, msg, sizeof msg);
	struct app_event ev = { APP_EVENT_NOTICE, 0, 0, 0, 0, 0, msg, APP_NO_ACTION };
	if (app->screen == asking)
		app->screen->event(app, &ev);
}

/* A finger held still for ACCESS_HOLD_MS on the home screen turns accessibility
 * mode on: longer than the staff corner's hold, which it disarms. */
static uint64_t hold(struct app *app, uint64_t now)
{
	const struct app_pointer *p = &app->ptr;

	if (!p->active || p->moved || p->swallowed || app->access.speech ||
	    app->screen != app->home || !app->speech ||
	    speech_status(app->speech) == SPEECH_MISSING)
		return 0;
	if (now < p->t0 + ACCESS_HOLD_MS)
		return p->t0 + ACCESS_HOLD_MS;
	app->staff.armed_until = 0;
	app->ptr.swallowed = true;
	access_start(app);
	return 0;
}

uint64_t app_tick(struct app *app, uint64_t now)
{
	uint64_t next = 0;

	app->now = now;
	if (app->reload_asked)
		reload(app);
	if (app->staff.locked_until == UINT64_MAX)
		app->staff.locked_until = now + app_pin_lock_ms(app->staff.failures);
	apply_switch(app);
	uint64_t idle_ms = (uint64_t)(app->screen->idle_s ? app->screen->idle_s
							  : app->content->idle_timeout_s) *
			   1000;
	if (app->access.speech)
		idle_ms *= ACCESS_IDLE_FACTOR;
	bool home = (app->screen == app->home || app->screen == app->closed) &&
		    !strcmp(app->lang, app->cfg->language) && !access_active(app);
	if (app->ptr.active && !app->ptr.moved && !app->ptr.long_fired && !access_explores(app)) {
		uint64_t due = app->ptr.t0 + APP_LONG_PRESS_MS;
		if (now >= due) {
			app->ptr.long_fired = true;
			app->pressed = APP_NO_ACTION;
			app->dirty = true;
			if (in_corner(app, app->ptr.x0, app->ptr.y0, true))
				app->staff.armed_until = now + APP_STAFF_ARM_MS;
			dispatch(app, APP_EVENT_LONG_PRESS, 0, 0);
		} else {
			next = due;
		}
	}
	next = earliest(next, hold(app, now));
	/* A release that never came (a touch driver lost it, a mouse button stuck)
	 * must not keep the kiosk from resetting: a press held without a single event
	 * for the whole idle time is let go. */
	if (app->ptr.active && now >= app->last_input + idle_ms)
		cancel_pointer(app);
	if (!home && !app->ptr.active)
		next = earliest(next, idle_tick(app, now, idle_ms));
	apply_switch(app);
	/* Outside opening hours, between visitors, the screen goes dark. */
	time_t wall = clock_now();
	if (app->screen == app->home && !app->always_open && app_at_safe_point(app) &&
	    now >= app->awake_until && app_closed_at(app, wall)) {
		set_language(app, app->cfg->language);
		app->promise = 0;
		app->pending = app->closed;
		log_info("outside opening hours: the closed screen");
	}
	/* Opening hours are in whole minutes: look again when the next one starts. */
	if (app->screen == app->home && !app->always_open && app->content->has_hours)
		next = earliest(next, now + (uint64_t)(60 - wall % 60) * 1000);
	apply_switch(app);
	if (app->screen->tick)
		next = earliest(next, app->screen->tick(app));
	apply_switch(app);
	return earliest(next, access_tick(app));
}

/* "Are you still there?" over the screen, with the seconds left. */
static void render_warning(struct app *app)
{
	const struct theme *th = &app->theme;
	char buf[200];
	int left = (int)((APP_IDLE_WARNING_MS - (app->now - app->warning_since) + 999) / 1000);

	if (left < 0)
		left = 0;
	SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(app->renderer, 0, 0, 0, 170);
	SDL_RenderFillRect(app->renderer, NULL);
	SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_NONE);
	int w = app->w * 3 / 4, pad = th->margin;
	struct text_opts title = ui_text(app, TEXT_TITLE, THEME_TEXT, w - 2 * pad);
	struct text_opts body = ui_text(app, TEXT_BODY, THEME_TEXT, w - 2 * pad);
	title.align = body.align = TEXT_ALIGN_CENTER;
	app_format(app, "idle_countdown", left, 0, buf, sizeof buf);
	int th1 = text_height(app->text, app_str(app, "idle_title"), &title);
	int th2 = text_height(app->text, buf, &body);
	int h = pad + th1 + th->gap + th2 + th->gap * 2 + th->target + pad;
	SDL_Rect card = { (app->w - w) / 2, app->page_scroll + (app->view_h - h) / 2, w, h };
	ui_round_rect(app, card, th->radius * 2, THEME_SURFACE);
	int y = card.y + pad;
	text_draw(app->text, app_str(app, "idle_title"), &title, card.x + pad, y);
	y += th1 + th->gap;
	text_draw(app->text, buf, &body, card.x + pad, y);
	y += th2 + th->gap * 2;
	int bw = ui_button_width(app, app_str(app, "idle_continue"));
	/* Not an item of the screen: a touch anywhere on the warning continues. */
	struct app_item button = { { card.x + (w - bw) / 2, y, bw, th->target },
				   APP_ROLE_BUTTON,
				   app_str(app, "idle_continue"),
				   APP_NO_ACTION,
				   APP_ITEM_PRIMARY };
	ui_item_draw(app, &button);
}

/* Where the screen is on a page taller than itself: a thumb at the end side. */
static void render_page_bar(struct app *app)
{
	const struct theme *th = &app->theme;
	int max = app->h - app->view_h;

	if (max <= 0)
		return;
	SDL_Rect view = { 0, app->page_scroll, app->w, app->view_h };
	int thumb = view.h * view.h / app->h, w = th->margin / 2 > 6 ? th->margin / 2 : 6;
	int x = app->rtl ? 2 : app->w - w - 2;
	SDL_Rect bar = { x, view.y + (view.h - thumb) * app->page_scroll / max, w, thumb };
	ui_round_rect(app, (SDL_Rect){ bar.x - 2, bar.y, w + 4, thumb }, w / 2 + 2, THEME_BG);
	ui_round_rect(app, bar, w / 2, THEME_ACCENT);
}

void app_render(struct app *app)
{
	SDL_Renderer *r = app->renderer;

	text_frame_begin(app->text);
	if (app->canvas)
		SDL_SetRenderTarget(r, app->canvas);
	SDL_Color bg = app->theme.colors[THEME_BG];
	SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
	SDL_RenderClear(r);
	app->screen->render(app);
	access_render(app);
	render_page_bar(app);
	if (app->warning_since)
		render_warning(app);
	if (app->canvas) {
		SDL_SetRenderTarget(r, NULL);
		SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
		SDL_RenderClear(r);
		SDL_Rect src = { 0, app->page_scroll, app->w, app->view_h };
		SDL_Rect dst = { (app->out_w - app->w) / 2, (app->out_h - app->view_h) / 2, app->w,
				 app->view_h };
		SDL_RenderCopyEx(r, app->canvas, &src, &dst, app->rotation, NULL, SDL_FLIP_NONE);
	}
	SDL_RenderPresent(r);
	app->dirty = false;
}
