/* SPDX-License-Identifier: EUPL-1.2 */
/* Accessibility: what the attract screen's accessibility button opens. Three
 * toggles for this visit, larger text, high contrast and reading aloud, each
 * showing whether it is on; a change of look shows at once. */
#include "screens.h"
#include "kiosk/ui.h"

enum { ID_BACK = 1, ID_LARGE, ID_CONTRAST, ID_SPEECH };

#define TOGGLES 3

static const char *const toggle_keys[TOGGLES] = { "access_large", "access_contrast",
						  "access_speech" };

static struct {
	struct ui_header header;
	SDL_Rect hint;
	SDL_Rect toggles[TOGGLES];
} s;

static bool toggle_on(const struct app *app, int i)
{
	if (i == 0)
		return app->access.look & THEME_LOOK_LARGE;
	if (i == 1)
		return app->access.look & THEME_LOOK_CONTRAST;
	return app->access.speech;
}

static void items(struct app *app)
{
	app_items_clear(app);
	ui_header_layout(app, &s.header, app_str(app, "access_title"), ID_BACK);
	if (s.hint.h)
		app_item_add(app, s.hint, APP_ROLE_TEXT, app_str(app, "access_hint"), APP_NO_ACTION,
			     0);
	for (int i = 0; i < TOGGLES; i++)
		app_item_add(app, s.toggles[i], APP_ROLE_BUTTON, app_str(app, toggle_keys[i]),
			     ID_LARGE + i, toggle_on(app, i) ? APP_ITEM_SELECTED : APP_ITEM_PLAIN);
}

/* A toggle's height at width w: a little more than a target, so that the three
 * stand out as the screen's purpose. */
static int toggle_height(struct app *app, int i, int w)
{
	int h = ui_button_height_whole(app, app_str(app, toggle_keys[i]), w);
	int least = app->theme.target * 5 / 4;
	return h > least ? h : least;
}

/* The toggles one under another in a column of width w from y; their height
 * together. */
static int column(struct app *app, int x, int y, int w)
{
	const struct theme *th = &app->theme;
	int top = y;

	for (int i = 0; i < TOGGLES; i++) {
		int h = toggle_height(app, i, w);
		s.toggles[i] = (SDL_Rect){ x, y, w, h };
		y += h + th->gap;
	}
	return y - th->gap - top;
}

/* The toggles side by side in a row of width w from y, in reading order. */
static void row(struct app *app, int x, int y, int w)
{
	const struct theme *th = &app->theme;
	int bw = (w - (TOGGLES - 1) * th->gap) / TOGGLES, h = 0;
	SDL_Rect frame = { x, y, w, 0 };

	for (int i = 0; i < TOGGLES; i++) {
		int need = toggle_height(app, i, bw);
		h = need > h ? need : h;
	}
	for (int i = 0; i < TOGGLES; i++)
		s.toggles[i] =
			app_mirror(app, (SDL_Rect){ x + i * (bw + th->gap), y, bw, h }, frame);
}

/* A column as wide as the longest label needs, under the hint; without the hint
 * where there is no room for both; a row where even the column has none. */
static void enter(struct app *app)
{
	const struct theme *th = &app->theme;
	ui_header_layout(app, &s.header, app_str(app, "access_title"), ID_BACK);
	SDL_Rect body = { th->margin, s.header.bar.h + th->gap, app->w - 2 * th->margin,
			  app->h - s.header.bar.h - th->gap - th->margin };
	struct text_opts hint = ui_text(app, TEXT_BODY, THEME_TEXT, body.w);
	int hint_h = text_height(app->text, app_str(app, "access_hint"), &hint);
	int w = 0;

	for (int i = 0; i < TOGGLES; i++) {
		int need = ui_button_width(app, app_str(app, toggle_keys[i])) + 2 * th->margin;
		w = need > w ? need : w;
	}
	w = w < body.w ? w : body.w;
	int x = body.x + (body.w - w) / 2;
	int h = column(app, x, body.y, w);
	s.hint = (SDL_Rect){ body.x, body.y, body.w, hint_h };
	if (hint_h + th->gap + h <= body.h)
		column(app, x, body.y + hint_h + th->gap, w);
	else if (h <= body.h)
		s.hint.h = 0;
	else
		row(app, body.x, body.y + hint_h + th->gap, body.w);
	items(app);
}

static void event(struct app *app, const struct app_event *ev)
{
	if (app_back_swipe(app, ev)) {
		app_switch(app, app->home);
		return;
	}
	if (ev->type != APP_EVENT_TAP)
		return;
	switch (app_item_at(app, ev->x, ev->y)) {
	case ID_BACK:
		app_switch(app, app->home);
		break;
	case ID_LARGE:
		app_set_look(app, app->access.look ^ THEME_LOOK_LARGE);
		break;
	case ID_CONTRAST:
		app_set_look(app, app->access.look ^ THEME_LOOK_CONTRAST);
		break;
	case ID_SPEECH:
		app_set_speech(app, !app->access.speech);
		items(app);
		app_invalidate(app);
		break;
	default:
		break;
	}
}

static void render(struct app *app)
{
	ui_header_draw(app, &s.header, app_str(app, "access_title"));
	if (s.hint.h) {
		struct text_opts hint = ui_text(app, TEXT_BODY, THEME_TEXT, s.hint.w);
		text_draw(app->text, app_str(app, "access_hint"), &hint, s.hint.x, s.hint.y);
	}
	ui_items_draw(app);
}

const struct screen access_screen = {
	.name = "access",
	.enter = enter,
	.event = event,
	.render = render,
};
