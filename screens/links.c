/* SPDX-License-Identifier: EUPL-1.2 */
/* Links: the bundle's links (the full survey, a tip form, sign-ups) as a list of
 * buttons, with one large QR code for the chosen link, big enough to scan from
 * half a metre on the smallest screen. */
#include "screens.h"
#include "kiosk/ui.h"

enum { ID_BACK = 1, ID_LINK = 100 };

static struct {
	struct ui_header header;
	SDL_Rect list, panel;
	SDL_Rect items[CONTENT_LINKS_MAX];
	int selected;
	int choose_h; /* the line above the list */
	int panel_y;  /* where the words, the code and the hint start in the panel */
	SDL_Texture *qr;
	int qr_size;
} s;

static struct text_opts panel_text(const struct app *app, enum text_style style,
				   enum theme_color color)
{
	struct text_opts o = ui_text(app, style, color, s.panel.w - 2 * app->theme.gap);
	o.align = TEXT_ALIGN_CENTER;
	return o;
}

/* The chosen link's label in a panel of width pw: bold in two lines at most; in
 * large text regular and whole, so that a long word leaves the list room. */
static struct text_opts label_text(const struct app *app, int pw)
{
	bool large = app->theme.look & THEME_LOOK_LARGE;
	struct text_opts o =
		ui_text(app, large ? TEXT_BODY : TEXT_BOLD, THEME_TEXT, pw - 2 * app->theme.gap);
	o.align = TEXT_ALIGN_CENTER;
	o.max_lines = large ? 0 : 2;
	return o;
}

/* The chosen link's label, its code as large as the panel allows, and the hint
 * under it, together in the middle of the panel. */
static void make_qr(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content *c = app->content;
	struct text_opts label = label_text(app, s.panel.w);
	struct text_opts hint = panel_text(app, TEXT_SMALL, THEME_TEXT_MUTED);
	int text_h = 0, max_qr = s.panel.w - 2 * th->gap;

	ui_texture_free(&s.qr);
	s.qr_size = 0;
	if (s.selected < c->nlinks)
		text_h = text_height(app->text, app_tr(app, &c->links[s.selected].label), &label) +
			 text_height(app->text, app_str(app, "qr_hint"), &hint) + 3 * th->gap;
	if (max_qr > s.panel.h - text_h)
		max_qr = s.panel.h - text_h;
	if (s.selected < c->nlinks)
		ui_qr_make(app, &s.qr, c->links[s.selected].url, max_qr, &s.qr_size);
	if (!s.qr)
		s.qr_size = 0;
	s.panel_y = s.panel.y + (s.panel.h - text_h - s.qr_size) / 2 + th->gap;
}

/* The header, the list and the code for the chosen link. */
static void items(struct app *app)
{
	const struct content *c = app->content;

	app_items_clear(app);
	ui_header_layout(app, &s.header, app_str(app, "links_title"), ID_BACK);
	app_item_add(app, (SDL_Rect){ s.list.x, s.list.y, s.list.w, s.choose_h }, APP_ROLE_TEXT,
		     app_str(app, "links_choose"), APP_NO_ACTION, 0);
	for (int i = 0; i < c->nlinks; i++)
		app_item_add(app, s.items[i], APP_ROLE_BUTTON, app_tr(app, &c->links[i].label),
			     ID_LINK + i, i == s.selected ? APP_ITEM_SELECTED : APP_ITEM_PLAIN);
	if (c->nlinks > 0)
		app_item_add(app, s.panel, APP_ROLE_QR, app_tr(app, &c->links[s.selected].label),
			     APP_NO_ACTION, 0);
}

/* The list's buttons, each as tall as its label needs. In landscape they share
 * the column's height avail, up to twice a target each, or all take the least
 * if their labels do not fit. Returns their height together, gaps included. */
static int button_heights(struct app *app, int lw, int avail, int heights[])
{
	const struct theme *th = &app->theme;
	int n = app->content->nlinks, total = 0;

	for (int i = 0; i < n; i++) {
		heights[i] = ui_button_height(app, app_tr(app, &app->content->links[i].label), lw);
		total += heights[i] + th->gap;
	}
	if (th->portrait || n == 0)
		return total;
	int extra = (avail - total) / n;
	total = 0;
	for (int i = 0; i < n; i++) {
		if (extra < 0)
			heights[i] = th->target;
		else if (heights[i] < 2 * th->target)
			heights[i] = heights[i] + extra < 2 * th->target ? heights[i] + extra
									 : 2 * th->target;
		total += heights[i] + th->gap;
	}
	return total;
}

/* Whether every link's label keeps its words whole in a panel of width pw. */
static bool panel_words_fit(struct app *app, int pw)
{
	for (int i = 0; i < app->content->nlinks; i++) {
		if (!ui_words_fit(app, app_tr(app, &app->content->links[i].label),
				  label_text(app, pw)))
			return false;
	}
	return true;
}

/* The list's buttons' heights at width lw, each label whole in two lines; their
 * height together. */
static int natural_height(struct app *app, int lw)
{
	int total = 0;

	for (int i = 0; i < app->content->nlinks; i++)
		total += ui_button_height(app, app_tr(app, &app->content->links[i].label), lw) +
			 app->theme.gap;
	return total;
}

/* In landscape the list takes 9/20 of the width, more (up to 3/5) where a word
 * of a label would not fit a line of its button, or the buttons the height
 * avail. */
static int list_width(struct app *app, int body_w, int avail)
{
	const struct content *c = app->content;
	int lw = body_w * 9 / 20, gap = app->theme.gap;

	for (int i = 0; i < c->nlinks; i++)
		while (lw < body_w * 3 / 5 && panel_words_fit(app, body_w - lw - 2 * gap) &&
		       !ui_button_words_fit(app, app_tr(app, &c->links[i].label), lw))
			lw += gap;
	while (lw < body_w * 3 / 5 && panel_words_fit(app, body_w - lw - 2 * gap) &&
	       natural_height(app, lw) > avail)
		lw += gap;
	return lw;
}

static void enter(struct app *app)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };
	ui_header_layout(app, &s.header, app_str(app, "links_title"), ID_BACK);
	int header_h = s.header.bar.h;

	SDL_Rect body = { th->margin, header_h + th->gap, app->w - 2 * th->margin,
			  app->h - header_h - th->gap - th->margin };
	int n = app->content->nlinks;
	struct text_opts choose = ui_text(app, TEXT_BODY, THEME_TEXT_MUTED, body.w * 9 / 20);
	int choose_h = text_height(app->text, app_str(app, "links_choose"), &choose) + th->gap;
	int lw = th->portrait ? body.w : list_width(app, body.w, body.h - choose_h + th->gap);
	choose.width = lw;
	choose_h = text_height(app->text, app_str(app, "links_choose"), &choose) + th->gap;
	int heights[CONTENT_LINKS_MAX];
	int total = choose_h + button_heights(app, lw, body.h - choose_h + th->gap, heights);
	SDL_Rect list, panel;
	if (th->portrait) {
		list = (SDL_Rect){ body.x, body.y, body.w, total };
		panel = (SDL_Rect){ body.x, body.y + total + th->gap, body.w,
				    body.h - total - th->gap };
	} else {
		/* The list in the middle of its column, the panel beside it. */
		int top = total - th->gap < body.h ? (body.h - total + th->gap) / 2 : 0;
		list = (SDL_Rect){ body.x, body.y + top, lw, body.h - top };
		panel = (SDL_Rect){ body.x + lw + th->gap, body.y, body.w - lw - th->gap, body.h };
	}
	s.list = app_mirror(app, list, screen);
	s.panel = app_mirror(app, panel, screen);
	s.choose_h = choose_h - th->gap;
	int y = list.y + choose_h;
	for (int i = 0; i < n; i++) {
		SDL_Rect r = { list.x, y, list.w, heights[i] };
		s.items[i] = app_mirror(app, r, screen);
		y += heights[i] + th->gap;
	}
	if (s.selected >= n)
		s.selected = 0;
	items(app);
	make_qr(app);
}

static void leave(struct app *app)
{
	(void)app;
	ui_texture_free(&s.qr);
	s.selected = 0;
}

static void event(struct app *app, const struct app_event *ev)
{
	if (ev->type == APP_EVENT_TAP) {
		int id = ev->action;
		if (id == ID_BACK) {
			app_switch(app, &attract_screen);
		} else if (id >= ID_LINK && id < ID_LINK + app->content->nlinks &&
			   id - ID_LINK != s.selected) {
			s.selected = id - ID_LINK;
			items(app);
			make_qr(app);
			app_invalidate(app);
		}
	} else if (app_back_swipe(app, ev)) {
		app_switch(app, &attract_screen);
	}
}

static void render(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content *c = app->content;

	ui_header_draw(app, &s.header, app_str(app, "links_title"));

	struct text_opts o = ui_text(app, TEXT_BODY, THEME_TEXT_MUTED, s.list.w);
	text_draw(app->text, app_str(app, "links_choose"), &o, s.list.x, s.list.y);
	ui_items_draw(app);

	if (c->nlinks == 0)
		return;
	SDL_Rect pn = s.panel;
	ui_round_rect(app, pn, th->radius * 2, THEME_SURFACE);
	struct text_opts label = label_text(app, s.panel.w);
	int y = s.panel_y;
	y += text_draw(app->text, app_tr(app, &c->links[s.selected].label), &label, pn.x + th->gap,
		       y)
		     .h +
	     th->gap / 2;
	if (s.qr) {
		SDL_Rect q = { pn.x + (pn.w - s.qr_size) / 2, y, s.qr_size, s.qr_size };
		SDL_RenderCopy(app->renderer, s.qr, NULL, &q);
		y += s.qr_size + th->gap / 2;
	}
	struct text_opts hint = panel_text(app, TEXT_SMALL, THEME_TEXT_MUTED);
	text_draw(app->text, app_str(app, "qr_hint"), &hint, pn.x + th->gap, y);
}

const struct screen links_screen = {
	.name = "links",
	.enter = enter,
	.leave = leave,
	.event = event,
	.render = render,
};
