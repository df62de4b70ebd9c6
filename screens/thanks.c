/* SPDX-License-Identifier: EUPL-1.2 */
/* Thank-you: shown only after the answers are stored. It says what they are for,
 * offers the survey's follow-up form as a QR code, and returns to the attract
 * screen by itself. */
#include "screens.h"
#include "kiosk/ui.h"

#define RETURN_MS 20000

enum { ID_HOME = 1 };

static struct {
	SDL_Rect home, text, panel;
	SDL_Texture *qr;
	int qr_size;
	uint64_t entered;
	int title_y;
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

static struct text_opts thanks_text(const struct app *app, enum text_style style)
{
	struct text_opts o = ui_text(app, style, THEME_TEXT, s.text.w);
	o.align = TEXT_ALIGN_CENTER;
	return o;
}

/* The thanks, centred in their space, then the code and the way back. */
static void items(struct app *app)
{
	const struct theme *th = &app->theme;
	struct text_opts t = thanks_text(app, TEXT_TITLE), b = thanks_text(app, TEXT_BODY);
	const char *title = app_str(app, "thanks_title"), *text = app_str(app, "thanks_text");
	int title_h = text_height(app->text, title, &t), text_h = text_height(app->text, text, &b);

	s.title_y = s.text.y + (s.text.h - (title_h + th->gap + text_h)) / 2;
	app_item_add(app, (SDL_Rect){ s.text.x, s.title_y, s.text.w, title_h }, APP_ROLE_HEADING,
		     title, APP_NO_ACTION, 0);
	app_item_add(app, (SDL_Rect){ s.text.x, s.title_y + title_h + th->gap, s.text.w, text_h },
		     APP_ROLE_TEXT, text, APP_NO_ACTION, 0);
	if (survey(app)->has_followup)
		app_item_add(app, s.panel, APP_ROLE_QR, app_tr(app, &survey(app)->followup.label),
			     APP_NO_ACTION, 0);
	app_item_add(app, s.home, APP_ROLE_BUTTON, app_str(app, "to_start"), ID_HOME,
		     APP_ITEM_PRIMARY);
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
	int bw = ui_button_width(app, app_str(app, "to_start"));
	s.home = (SDL_Rect){ (app->w - bw) / 2, app->h - th->margin - th->target, bw, th->target };
	SDL_Rect body = { th->margin, th->margin, app->w - 2 * th->margin,
			  s.home.y - 2 * th->margin };
	s.text = body;
	s.panel = (SDL_Rect){ 0, 0, 0, 0 };
	if (survey(app)->has_followup) {
		int pw = th->portrait ? body.w : body.w * 2 / 5;
		int text_h = panel_text_height(app, pw) + th->gap * 5 / 2;
		int max_qr = pw - 2 * th->gap;
		if (th->portrait) {
			/* Below the thanks, as tall as the code and its words need. */
			if (max_qr > body.w / 2)
				max_qr = body.w / 2;
			if (max_qr > body.h / 2)
				max_qr = body.h / 2;
			int ph = text_h + max_qr;
			s.panel = (SDL_Rect){ body.x, body.y + body.h - ph, body.w, ph };
			s.text.h = body.h - ph - th->gap;
		} else {
			s.panel = (SDL_Rect){ body.x + body.w - pw, body.y, pw, body.h };
			s.text.w = body.w - pw - th->gap;
			if (max_qr > s.panel.h - text_h)
				max_qr = s.panel.h - text_h;
		}
		s.panel = app_mirror(app, s.panel, screen);
		s.text = app_mirror(app, s.text, screen);
		ui_qr_make(app, &s.qr, survey(app)->followup.url, max_qr, &s.qr_size);
	}
	items(app);
}

static void leave(struct app *app)
{
	(void)app;
	ui_texture_free(&s.qr);
}

static void event(struct app *app, const struct app_event *ev)
{
	if (ev->type == APP_EVENT_TAP && app_item_at(app, ev->x, ev->y) == ID_HOME)
		app_switch(app, &attract_screen);
}

static void render(struct app *app)
{
	const struct theme *th = &app->theme;

	if (app->survey.index >= app->content->nsurveys)
		return;
	struct text_opts t = thanks_text(app, TEXT_TITLE), b = thanks_text(app, TEXT_BODY);
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
		y += text_draw(app->text, app_tr(app, &survey(app)->followup.label), &o,
			       pn.x + th->gap, y)
			     .h +
		     th->gap / 2;
		if (s.qr)
			SDL_RenderCopy(app->renderer, s.qr, NULL,
				       &(SDL_Rect){ pn.x + (pn.w - s.qr_size) / 2, y, s.qr_size,
						    s.qr_size });
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
