/* SPDX-License-Identifier: EUPL-1.2 */
/* Closed: outside the bundle's opening hours the kiosk shows a dark, still screen
 * saying when it opens again. It redraws only when that sentence changes (checked
 * once a minute), and a touch brings the promises back for a few minutes. */
#include "screens.h"
#include "common/clock.h"
#include "kiosk/ui.h"

#include <stdio.h>
#include <string.h>

static struct {
	char reopens[256];
	SDL_Rect card;
	uint64_t next_check; /* the start of the next minute of the wall clock */
} s;

/* "We open again tomorrow at 10:00." for time t, or "" when no day has hours. */
static void describe_reopening(const struct app *app, time_t t, char *buf, size_t size)
{
	const struct content *c = app->content;
	struct tm tm;

	buf[0] = '\0';
	localtime_r(&t, &tm);
	int today = (tm.tm_wday + 6) % 7, minute = tm.tm_hour * 60 + tm.tm_min;
	for (int d = 0; d < 8; d++) {
		const struct content_day *day = &c->hours[(today + d) % 7];
		int best = -1;
		for (int i = 0; i < day->nranges; i++) {
			int open = day->ranges[i].open;
			if ((d > 0 || open > minute) && (best < 0 || open < best))
				best = open;
		}
		if (best < 0)
			continue;
		char time_text[16], day_key[16];
		snprintf(time_text, sizeof time_text, "%02d:%02d", best / 60, best % 60);
		snprintf(day_key, sizeof day_key, "day_%d", (today + d) % 7 + 1);
		const char *const names[] = { "time", "day" };
		const char *const values[] = { time_text, app_str(app, day_key) };
		const char *key = d == 0   ? "closed_today"
				  : d == 1 ? "closed_tomorrow"
					   : "closed_day";
		app_format_vars(app, key, names, values, 2, buf, size);
		return;
	}
}

static void layout(struct app *app)
{
	const struct theme *th = &app->theme;
	int w = app->w - 4 * th->margin;
	struct text_opts title = ui_text(app, TEXT_TITLE, THEME_ON_NIGHT, w);
	struct text_opts body = ui_text(app, TEXT_HEADING, THEME_ON_NIGHT, w);
	struct text_opts hint = ui_text(app, TEXT_BODY, THEME_NIGHT_MUTED, w);
	int title_h = text_height(app->text, app_str(app, "closed_title"), &title);
	int body_h = s.reopens[0] ? text_height(app->text, s.reopens, &body) : 0;
	int hint_h = text_height(app->text, app_str(app, "closed_touch"), &hint);
	int h = title_h + th->gap + (s.reopens[0] ? body_h + th->gap : 0) + th->gap + hint_h;
	/* In the middle of what is seen, where the screen is a taller page. */
	int mid = app->view_h > h ? (app->view_h - h) / 2 : 0;
	s.card = (SDL_Rect){ 2 * th->margin, mid, w, h };

	int y = s.card.y;
	app_items_clear(app);
	app_item_add(app, (SDL_Rect){ s.card.x, y, w, title_h }, APP_ROLE_HEADING,
		     app_str(app, "closed_title"), APP_NO_ACTION, 0);
	y += title_h + th->gap;
	if (s.reopens[0]) {
		app_item_add(app, (SDL_Rect){ s.card.x, y, w, body_h }, APP_ROLE_TEXT, s.reopens,
			     APP_NO_ACTION, 0);
		y += body_h + th->gap;
	}
	app_item_add(app, (SDL_Rect){ s.card.x, y + th->gap, w, hint_h }, APP_ROLE_TEXT,
		     app_str(app, "closed_touch"), APP_NO_ACTION, 0);
}

static void enter(struct app *app)
{
	s.next_check = 0;
	describe_reopening(app, clock_now(), s.reopens, sizeof s.reopens);
	layout(app);
}

static void event(struct app *app, const struct app_event *ev)
{
	/* A long press is left alone: it may be the start of the staff gesture. */
	if (ev->type == APP_EVENT_TAP || ev->type == APP_EVENT_SWIPE) {
		app->awake_until = app->now + APP_WAKE_MS;
		app_switch(app, &attract_screen);
	}
}

static uint64_t tick(struct app *app)
{
	if (app->now < s.next_check)
		return s.next_check;
	time_t t = clock_now();
	char now_text[sizeof s.reopens];

	if (!app_closed_at(app, t)) {
		app_switch(app, &attract_screen);
		return 0;
	}
	describe_reopening(app, t, now_text, sizeof now_text);
	if (strcmp(now_text, s.reopens)) {
		memcpy(s.reopens, now_text, sizeof s.reopens);
		layout(app);
		app_invalidate(app);
	}
	/* Again at the start of the next minute of the wall clock. */
	s.next_check = app->now + (uint64_t)(60 - t % 60) * 1000;
	return s.next_check;
}

static void render(struct app *app)
{
	const struct theme *th = &app->theme;
	struct text_opts title = ui_text(app, TEXT_TITLE, THEME_ON_NIGHT, s.card.w);
	struct text_opts body = ui_text(app, TEXT_HEADING, THEME_ON_NIGHT, s.card.w);
	struct text_opts hint = ui_text(app, TEXT_BODY, THEME_NIGHT_MUTED, s.card.w);
	title.align = body.align = hint.align = TEXT_ALIGN_CENTER;

	ui_fill(app, (SDL_Rect){ 0, 0, app->w, app->h }, THEME_NIGHT);
	int y = s.card.y;
	y += text_draw(app->text, app_str(app, "closed_title"), &title, s.card.x, y).h + th->gap;
	if (s.reopens[0])
		y += text_draw(app->text, s.reopens, &body, s.card.x, y).h + th->gap;
	text_draw(app->text, app_str(app, "closed_touch"), &hint, s.card.x, y + th->gap);
}

const struct screen closed_screen = {
	.name = "closed",
	.enter = enter,
	.event = event,
	.render = render,
	.tick = tick,
};
