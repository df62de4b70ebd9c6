/* SPDX-License-Identifier: EUPL-1.2 */
/* Thank-you: shown only after the answers are stored. It says what they are for,
 * offers the survey's follow-up form as a QR code, and returns to the attract
 * screen by itself. */
#include "screens.h"
#include "kiosk/ui.h"

#define RETURN_MS 20000

enum { ID_HOME = 1 };

static struct {
	SDL_Rect home, text, panel, code;
	SDL_Texture *qr;
	int qr_size;
	uint64_t entered;
	int title_y;
	bool home_under; /* the way back under the card, not under the thanks */
} s;

static const struct content_survey *survey(const struct app *app)
{
	return &app->content->surveys[app->survey.index];
}

static struct text_opts panel_text(const struct app *app, int panel_w, enum text_style style)
{
	struct text_opts o = ui_text(app, style, THEME_TEXT, panel_w - 2 * app->theme.gap);
	o.align = TEXT_ALIGN_CENTER;
	return o;
}

/* The words above the code in a panel of width panel_w. */
static int panel_text_height(struct app *app, int panel_w)
{
	struct text_opts more = panel_text(app, panel_w, TEXT_BOLD);
	struct text_opts label = panel_text(app, panel_w, TEXT_BODY);
	return text_height(app->text, app_str(app, "thanks_more"), &more) +
	       text_height(app->text, app_tr(app, &survey(app)->followup.label), &label);
}

static struct text_opts thanks_text(const struct app *app, enum text_style style, int width)
{
	struct text_opts o = ui_text(app, style, THEME_TEXT, width);
	o.align = TEXT_ALIGN_CENTER;
	return o;
}

/* The title and the sentence under it, in a column of width w. */
static int thanks_height(struct app *app, int w, int *title_h)
{
	struct text_opts t = thanks_text(app, TEXT_TITLE, w), b = thanks_text(app, TEXT_BODY, w);
	*title_h = text_height(app->text, app_str(app, "thanks_title"), &t);
	return *title_h + app->theme.gap + text_height(app->text, app_str(app, "thanks_text"), &b);
}

/* The thanks, then the code and the way back, in reading order. */
static void items(struct app *app)
{
	const struct theme *th = &app->theme;
	const char *title = app_str(app, "thanks_title"), *text = app_str(app, "thanks_text");
	int title_h, text_h = thanks_height(app, s.text.w, &title_h) - title_h - th->gap;
	bool code_first = survey(app)->has_followup && (th->portrait || s.home_under);

	app_item_add(app, (SDL_Rect){ s.text.x, s.title_y, s.text.w, title_h }, APP_ROLE_HEADING,
		     title, APP_NO_ACTION, 0);
	app_item_add(app, (SDL_Rect){ s.text.x, s.title_y + title_h + th->gap, s.text.w, text_h },
		     APP_ROLE_TEXT, text, APP_NO_ACTION, 0);
	if (code_first)
		app_item_add(app, s.panel, APP_ROLE_QR, app_tr(app, &survey(app)->followup.label),
			     APP_NO_ACTION, 0);
	app_item_add(app, s.home, APP_ROLE_BUTTON, app_str(app, "to_start"), ID_HOME,
		     APP_ITEM_PRIMARY);
	if (survey(app)->has_followup && !code_first)
		app_item_add(app, s.panel, APP_ROLE_QR, app_tr(app, &survey(app)->followup.label),
			     APP_NO_ACTION, 0);
}

/* The code as large as max_px allows, but no more than two thirds of the screen's
 * shorter side: beside it the thanks stay the screen's message. */
static void make_qr(struct app *app, int max_px)
{
	int shorter = app->w < app->h ? app->w : app->h;
	if (max_px > shorter * 2 / 3)
		max_px = shorter * 2 / 3;
	ui_qr_make(app, &s.qr, survey(app)->followup.url, max_px, &s.qr_size);
	if (!s.qr)
		s.qr_size = 0;
}

/* The card: the words, then the code, centred across a panel of width w at x, y. */
static void place_card(struct app *app, int x, int y, int w, int words_h)
{
	const struct theme *th = &app->theme;
	s.panel = (SDL_Rect){ x, y, w, words_h + s.qr_size + th->gap * 5 / 2 };
	s.code = (SDL_Rect){ x + (w - s.qr_size) / 2, y + th->gap + words_h + th->gap / 2,
			     s.qr_size, s.qr_size };
}

/* The thanks and the way back (unless it is under the card), together in the
 * middle of column c. */
static void place_thanks(struct app *app, SDL_Rect c)
{
	const struct theme *th = &app->theme;
	int title_h, thanks_h = thanks_height(app, c.w, &title_h);
	int group = thanks_h + (s.home_under ? 0 : 2 * th->gap + s.home.h);

	s.text = c;
	s.title_y = c.y + (c.h - group) / 2;
	s.home.x = c.x + (c.w - s.home.w) / 2;
	s.home.y = s.title_y + thanks_h + 2 * th->gap;
}

/* Landscape: the thanks and the way back on the start side, the card with the
 * code on the other, each in the middle of its side. */
static void layout_landscape(struct app *app, SDL_Rect body)
{
	const struct theme *th = &app->theme;
	int cw = (body.w - th->gap) / 2;
	/* Wider, up to 3/5 of the body, where a word of the label would not fit. */
	while (cw < body.w * 3 / 5 && !ui_words_fit(app, app_tr(app, &survey(app)->followup.label),
						    panel_text(app, cw, TEXT_BODY)))
		cw += th->gap;
	int words_h = panel_text_height(app, cw), title_h;
	SDL_Rect c = { body.x, body.y, body.w - cw - th->gap, body.h };
	/* Where the thanks and the way back do not fit their column together, the
	 * way back stands under the card. */
	s.home_under = thanks_height(app, c.w, &title_h) + 2 * th->gap + s.home.h > c.h;
	int below = s.home_under ? s.home.h + 2 * th->gap : 0;
	int max_qr = body.h - below - words_h - th->gap * 5 / 2;

	make_qr(app, max_qr < cw - 2 * th->gap ? max_qr : cw - 2 * th->gap);
	place_card(app, body.x + body.w - cw, body.y, cw, words_h);
	int shift = (body.h - s.panel.h - below) / 2;
	s.panel.y += shift;
	s.code.y += shift;
	place_thanks(app, c);
	if (s.home_under) {
		s.home.x = s.panel.x + (cw - s.home.w) / 2;
		s.home.y = s.panel.y + s.panel.h + 2 * th->gap;
	}
}

/* Portrait: the thanks, the card and the way back in a column, the space left
 * shared evenly above, between and below them. */
static void layout_portrait(struct app *app, SDL_Rect body)
{
	const struct theme *th = &app->theme;
	int title_h, thanks_h = thanks_height(app, body.w, &title_h);
	int words_h = panel_text_height(app, body.w);
	int fixed = thanks_h + words_h + th->gap * 5 / 2 + s.home.h + 4 * th->gap;
	int max_qr = body.h - fixed;

	make_qr(app, max_qr < body.w - 2 * th->gap ? max_qr : body.w - 2 * th->gap);
	int slot = (body.h - thanks_h - words_h - s.qr_size - th->gap * 5 / 2 - s.home.h) / 4;
	s.text = body;
	s.title_y = body.y + slot;
	place_card(app, body.x, s.title_y + thanks_h + slot, body.w, words_h);
	s.home.x = body.x + (body.w - s.home.w) / 2;
	s.home.y = s.panel.y + s.panel.h + slot;
}

static void enter(struct app *app)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };

	s.entered = app->now;
	s.qr = NULL;
	if (app->survey.index >= app->content->nsurveys) {
		app_switch(app, &attract_screen);
		return;
	}
	SDL_Rect body = { th->margin, th->margin, app->w - 2 * th->margin,
			  app->h - 2 * th->margin };
	s.home = (SDL_Rect){ 0, 0, ui_button_width(app, app_str(app, "to_start")), th->target };
	s.panel = s.code = (SDL_Rect){ 0, 0, 0, 0 };
	s.home_under = false;
	if (!survey(app)->has_followup)
		place_thanks(app, body);
	else if (th->portrait)
		layout_portrait(app, body);
	else
		layout_landscape(app, body);
	s.text = app_mirror(app, s.text, screen);
	s.panel = app_mirror(app, s.panel, screen);
	s.code = app_mirror(app, s.code, screen);
	s.home = app_mirror(app, s.home, screen);
	items(app);
}

static void leave(struct app *app)
{
	(void)app;
	ui_texture_free(&s.qr);
}

static void event(struct app *app, const struct app_event *ev)
{
	if (ev->type == APP_EVENT_TAP && ev->action == ID_HOME)
		app_switch(app, &attract_screen);
}

static void render(struct app *app)
{
	const struct theme *th = &app->theme;

	if (app->survey.index >= app->content->nsurveys)
		return;
	struct text_opts t = thanks_text(app, TEXT_TITLE, s.text.w);
	struct text_opts b = thanks_text(app, TEXT_BODY, s.text.w);
	int y = s.title_y;
	y += text_draw(app->text, app_str(app, "thanks_title"), &t, s.text.x, y).h + th->gap;
	text_draw(app->text, app_str(app, "thanks_text"), &b, s.text.x, y);

	if (survey(app)->has_followup) {
		SDL_Rect pn = s.panel;
		ui_round_rect(app, pn, th->radius * 2, THEME_SURFACE);
		struct text_opts o = panel_text(app, pn.w, TEXT_BOLD);
		y = pn.y + th->gap;
		y += text_draw(app->text, app_str(app, "thanks_more"), &o, pn.x + th->gap, y).h;
		o = panel_text(app, pn.w, TEXT_BODY);
		text_draw(app->text, app_tr(app, &survey(app)->followup.label), &o, pn.x + th->gap,
			  y);
		if (s.qr)
			SDL_RenderCopy(app->renderer, s.qr, NULL, &s.code);
	}
	ui_items_draw(app);
}

static uint64_t tick(struct app *app)
{
	return app_home_at(app, s.entered + RETURN_MS);
}

const struct screen thanks_screen = {
	.name = "thanks",
	.enter = enter,
	.leave = leave,
	.event = event,
	.render = render,
	.tick = tick,
};
