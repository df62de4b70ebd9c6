/* SPDX-License-Identifier: EUPL-1.2 */
/* Attract screen: the current promises, one large card at a time, rotating every
 * few seconds with a short slide. Swipe or the arrows move between them, a tap on
 * the card opens it, and the footer offers every language and the links screen. */
#include "screens.h"
#include "kiosk/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROTATE_MS	      9000
#define ROTATE_AFTER_TOUCH_MS 20000
#define SLIDE_MS	      350
#define FRAME_MS	      16

enum { ID_CARD = 1, ID_PREV, ID_NEXT, ID_LINKS, ID_SURVEY, ID_RESULTS, ID_ACCESS, ID_LANG = 100 };

static struct {
	SDL_Rect header, card, prev, next, links, results, dots, survey, access;
	int title_w, title_h, sub_h;
	bool access_top;	     /* the accessibility button is in the header */
	bool no_sub;		     /* no room for the subtitle: the card needs it */
	enum text_style title_style; /* the header's title: smaller where the card needs it */
	bool compact;		     /* even so too little room: no dots, a narrow padding */
	int nsurveys;		     /* active today */
	SDL_Rect lang[CONTENT_LANGS_MAX];
	int nlang;
	uint64_t next_rotation;
	bool sliding;
	uint64_t slide_start;
	int slide_from; /* the promise sliding out */
	int slide_dir;	/* +1: the new card comes from the end side */
	int prepared;	/* the promise whose neighbours' texts are ready, or -1 */
} s;

/* The header's texts: two lines at most, as many as they take in large text. */
static struct text_opts header_opts(const struct app *app, enum text_style style)
{
	struct text_opts o = ui_text(app, style, THEME_ON_HEADER, s.title_w);
	o.max_lines = app->theme.look & THEME_LOOK_LARGE ? 0 : 2;
	return o;
}

/* The survey button's label: closed when answers cannot be stored. */
static const char *survey_label(const struct app *app)
{
	return app_str(app, app_can_store(app) ? "survey_button" : "survey_closed");
}

static bool survey_open(const struct app *app)
{
	return app_can_store(app) && app->now >= app->cooldown_until;
}

/* The header: the bundle's title and the subtitle, and the call to "have your
 * say" at the end side. */
/* Measures the title and the subtitle at s.title_w; whether the title is whole. */
static bool measure_header(struct app *app)
{
	struct text_opts title = header_opts(app, s.title_style);
	struct text_opts sub = header_opts(app, TEXT_SMALL);
	const struct text_block *b =
		text_layout(app->text, app_tr(app, &app->content->title), &title);

	s.title_h = b ? b->h : 0;
	s.sub_h = s.no_sub ? 0 : text_height(app->text, app_str(app, "attract_subtitle"), &sub);
	return b && !b->truncated && ui_words_fit(app, app_tr(app, &app->content->title), title);
}

static void layout_header(struct app *app)
{
	const struct theme *th = &app->theme;
	int active[CONTENT_SURVEYS_MAX];

	s.nsurveys = app_active_surveys(app, active);
	int sw = s.nsurveys ? ui_button_width(app, survey_label(app)) + th->margin : 0;
	int aw = ui_icon_button_width(app, app_str(app, "access_button"));
	int wide = app->w - 2 * th->margin - (sw ? sw + th->gap : 0);
	/* The accessibility button beside the call to action where the title and the
	 * subtitle stay whole in the lines they take without it, else in the footer. */
	s.title_w = wide;
	measure_header(app);
	int wide_h = s.title_h + s.sub_h;
	s.title_w = wide - aw - th->gap;
	s.access_top =
		s.title_w >= app->w / 3 && measure_header(app) && s.title_h + s.sub_h == wide_h;
	/* Where even the title's words do not fit beside the call to action, the
	 * call stands under the texts. */
	s.title_w = s.access_top ? s.title_w : wide;
	bool stacked = !s.access_top && !measure_header(app) && sw;
	if (stacked) {
		s.title_w = app->w - 2 * th->margin;
		measure_header(app);
	}
	int title_h = s.title_h, cta_h = th->target * 5 / 4;
	if (title_h + s.sub_h < th->target + th->gap && !stacked)
		title_h = th->target + th->gap - s.sub_h;
	s.header = (SDL_Rect){ 0, 0, app->w,
			       title_h + s.sub_h + 2 * th->gap + (stacked ? cta_h + th->gap : 0) };
	s.survey = (SDL_Rect){ 0, 0, 0, 0 };
	if (sw) {
		int y = stacked ? s.header.h - th->gap - cta_h : (s.header.h - cta_h) / 2;
		SDL_Rect r = { app->w - th->margin - sw, y, sw, cta_h };
		s.survey = app_mirror(app, r, (SDL_Rect){ 0, 0, app->w, app->h });
	}
	if (s.access_top) {
		SDL_Rect r = { app->w - th->margin - (sw ? sw + th->gap : 0) - aw,
			       (s.header.h - th->target) / 2, aw, th->target };
		s.access = app_mirror(app, r, (SDL_Rect){ 0, 0, app->w, app->h });
	}
}

/* The buttons at the end side of the footer, in reading order. */
enum { END_ACCESS, END_RESULTS, END_LINKS, END_COUNT };

/* Sets the starts of the end side's buttons first to last (widths w, 0: absent),
 * that together take width, flush with the end side of row. */
static void flush_end(const struct app *app, const int *w, int first, int last, int row, int width,
		      int *rows, int *xs)
{
	int x = app->w - 2 * app->theme.margin - width;

	for (int k = first; k <= last; k++)
		if (w[k]) {
			rows[k] = row;
			xs[k] = x;
			x += w[k] + app->theme.gap;
		}
}

/* Places the end side's buttons of widths w (0: absent) after the languages,
 * which take used of row: on that row as many as fit, the others in rows below,
 * each as full as it can be and flush with the end side. Sets their rows and
 * starts; returns the last row. */
static int place_end(const struct app *app, const int *w, int row, int used, int *rows, int *xs)
{
	int avail = app->w - 2 * app->theme.margin, gap = app->theme.gap;
	int width = 0, first = 0;

	for (int i = 0; i < END_COUNT; i++) {
		if (!w[i])
			continue;
		if ((width > 0 || used > 0) && used + width + w[i] > avail) {
			if (width > 0)
				flush_end(app, w, first, i - 1, row, width - gap, rows, xs);
			row++;
			used = width = 0;
			first = i;
		}
		width += w[i] + gap;
	}
	if (width > 0)
		flush_end(app, w, first, END_COUNT - 1, row, width - gap, rows, xs);
	return row;
}

/* Footer: language buttons from the start side, in as many rows as they need,
 * and the accessibility, results and links buttons at the end side of the last
 * row, or below them. The accessibility button stays away from the bottom
 * corner of the staff's gesture. Returns its height. */
static int layout_footer(struct app *app)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };
	int avail = app->w - 2 * th->margin;
	int row = 0, x = 0;
	int rows_of[CONTENT_LANGS_MAX], x_of[CONTENT_LANGS_MAX], w_of[CONTENT_LANGS_MAX];

	s.nlang = app->content->nlanguages;
	for (int i = 0; i < s.nlang; i++) {
		const char *name = i18n_get(app->i18n, app->content->languages[i], "language_name");
		w_of[i] = ui_button_width(app, name);
		if (x > 0 && x + w_of[i] > avail) {
			row++;
			x = 0;
		}
		rows_of[i] = row;
		x_of[i] = x;
		x += w_of[i] + th->gap;
	}
	int w[END_COUNT] = {
		[END_ACCESS] =
			s.access_top ? 0 : ui_icon_button_width(app, app_str(app, "access_button")),
		[END_RESULTS] = results_available(app->content)
					? ui_button_width(app, app_str(app, "results_button"))
					: 0,
		[END_LINKS] =
			app->content->nlinks > 0 ? ui_button_width(app, app_str(app, "links")) : 0,
	};
	int end_row[END_COUNT], end_x[END_COUNT];
	row = place_end(app, w, row, x, end_row, end_x);
	int step = th->target + th->gap;
	int footer_h = (row + 1) * step + th->gap;
	int footer_y = app->h - footer_h + th->gap;
	for (int i = 0; i < s.nlang; i++) {
		SDL_Rect r = { th->margin + x_of[i], footer_y + rows_of[i] * step, w_of[i],
			       th->target };
		s.lang[i] = app_mirror(app, r, screen);
	}
	SDL_Rect *end[END_COUNT] = { &s.access, &s.results, &s.links };
	for (int i = s.access_top ? END_RESULTS : 0; i < END_COUNT; i++) {
		SDL_Rect r = { th->margin + end_x[i], footer_y + end_row[i] * step, w[i],
			       th->target };
		*end[i] = w[i] ? app_mirror(app, r, screen) : (SDL_Rect){ 0, 0, 0, 0 };
	}
	return footer_h;
}

static void access_item(struct app *app)
{
	app_item_add(app, s.access, APP_ROLE_LINK, app_str(app, "access_button"), ID_ACCESS,
		     APP_ITEM_PLAIN);
}

/* Registers what is on show, in reading order. Again whenever the card or the
 * survey button changes. */
static void items(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content *c = app->content;
	int tx = app->rtl ? app->w - th->margin - s.title_w : th->margin;

	app_items_clear(app);
	app_item_add(app, (SDL_Rect){ tx, th->gap, s.title_w, s.title_h }, APP_ROLE_HEADING,
		     app_tr(app, &c->title), APP_NO_ACTION, 0);
	if (!s.no_sub)
		app_item_add(app, (SDL_Rect){ tx, th->gap + s.title_h, s.title_w, s.sub_h },
			     APP_ROLE_TEXT, app_str(app, "attract_subtitle"), APP_NO_ACTION, 0);
	if (s.access_top)
		access_item(app);
	if (s.nsurveys)
		app_item_add(app, s.survey, APP_ROLE_BUTTON, survey_label(app), ID_SURVEY,
			     survey_open(app) ? APP_ITEM_CTA : APP_ITEM_DISABLED);
	if (c->npromises == 0)
		app_item_add(app, s.card, APP_ROLE_TEXT, app_str(app, "no_promises"), APP_NO_ACTION,
			     0);
	if (c->npromises > 1)
		app_item_add(app, s.prev, APP_ROLE_LINK, app_str(app, "previous"), ID_PREV, 0);
	if (c->npromises > 0)
		app_item_add(app, s.card, APP_ROLE_LINK,
			     app_tr(app, &c->promises[app->promise].title), ID_CARD, 0);
	if (c->npromises > 1)
		app_item_add(app, s.next, APP_ROLE_LINK, app_str(app, "next"), ID_NEXT, 0);
	for (int i = 0; i < s.nlang; i++) {
		const char *code = c->languages[i];
		app_item_add(app, s.lang[i], APP_ROLE_BUTTON,
			     i18n_get(app->i18n, code, "language_name"), ID_LANG + i,
			     !strcmp(code, app->lang) ? APP_ITEM_SELECTED : APP_ITEM_PLAIN);
	}
	if (!s.access_top)
		access_item(app);
	if (s.results.w)
		app_item_add(app, s.results, APP_ROLE_BUTTON, app_str(app, "results_button"),
			     ID_RESULTS, APP_ITEM_PRIMARY);
	if (c->nlinks > 0)
		app_item_add(app, s.links, APP_ROLE_BUTTON, app_str(app, "links"), ID_LINKS,
			     APP_ITEM_PRIMARY);
}

/* The least height of a card: its status, a title of two lines, the row under
 * it and the card's padding. */
static int card_min(struct app *app)
{
	const struct theme *th = &app->theme;
	return 2 * text_line_height(app->text, TEXT_HEADING) +
	       text_line_height(app->text, TEXT_BOLD) + text_line_height(app->text, TEXT_SMALL) +
	       2 * th->margin + 2 * th->gap;
}

/* The header, the footer, and the card with its arrows between them; where the
 * card has too little room (large text on a small screen), without the
 * subtitle. */
static void layout(struct app *app)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };

	layout_header(app);
	int footer_h = layout_footer(app);
	int top = s.header.h + th->gap;
	int dots_h = s.compact ? 0 : th->gap * 2;
	int bottom = app->h - footer_h - dots_h;
	int arrow_w = th->target;
	int arrow_h = bottom - top < 2 * th->target ? bottom - top : 2 * th->target;
	SDL_Rect prev = { th->margin / 2, top + (bottom - top - arrow_h) / 2, arrow_w, arrow_h };
	SDL_Rect next = { app->w - th->margin / 2 - arrow_w, prev.y, arrow_w, arrow_h };
	s.prev = app_mirror(app, prev, screen);
	s.next = app_mirror(app, next, screen);
	s.card = (SDL_Rect){ prev.x + arrow_w + th->gap / 2, top,
			     next.x - prev.x - arrow_w - th->gap, bottom - top };
	s.dots = (SDL_Rect){ s.card.x, bottom, s.card.w, dots_h };
}

static void enter(struct app *app)
{
	/* A title of more than two lines (large text) takes a smaller style; where
	 * the card has too little room, the header gives up its subtitle, then
	 * takes a smaller title. */
	s.no_sub = s.compact = false;
	s.title_style = TEXT_TITLE;
	layout(app);
	if (s.title_h > 2 * text_line_height(app->text, TEXT_TITLE)) {
		s.title_style = TEXT_HEADING;
		layout(app);
	}
	for (int step = 0; step < 2 && s.card.h < card_min(app); step++) {
		s.no_sub = true;
		s.title_style = step ? TEXT_HEADING : s.title_style;
		layout(app);
	}
	if (s.card.h < card_min(app)) {
		s.compact = true;
		layout(app);
	}
	if (app->promise >= app->content->npromises)
		app->promise = 0;
	items(app);
	s.sliding = false;
	s.prepared = -1;
	s.next_rotation = app->now + ROTATE_MS;
}

static void show(struct app *app, int dir, uint64_t pause_ms, bool slide)
{
	int n = app->content->npromises;

	if (n < 2)
		return;
	s.slide_from = app->promise;
	s.slide_dir = dir;
	s.slide_start = app->now;
	s.sliding = slide;
	app->promise = (app->promise + dir + n) % n;
	items(app);
	s.next_rotation = app->now + pause_ms;
	app_invalidate(app);
}

static void event(struct app *app, const struct app_event *ev)
{
	int id;

	switch (ev->type) {
	case APP_EVENT_TAP:
		id = ev->action;
		if (id == ID_CARD) {
			app_switch(app, &promise_screen);
		} else if (id == ID_PREV) {
			show(app, -1, ROTATE_AFTER_TOUCH_MS, true);
		} else if (id == ID_NEXT) {
			show(app, +1, ROTATE_AFTER_TOUCH_MS, true);
		} else if (id == ID_LINKS) {
			app_switch(app, &links_screen);
		} else if (id == ID_ACCESS) {
			app_switch(app, &access_screen);
		} else if (id == ID_RESULTS) {
			app_switch(app, &results_screen);
		} else if (id == ID_SURVEY && survey_open(app)) {
			app->survey.fresh = true;
			app_switch(app, &survey_screen);
		} else if (id >= ID_LANG && id < ID_LANG + app->content->nlanguages) {
			app_set_language(app, app->content->languages[id - ID_LANG]);
		}
		break;
	case APP_EVENT_SWIPE:
		/* Swiping towards the start side brings the next promise. */
		if (abs(ev->dx) > app->theme.target && abs(ev->dx) > abs(ev->dy)) {
			bool towards_start = app->rtl ? ev->dx > 0 : ev->dx < 0;
			show(app, towards_start ? +1 : -1, ROTATE_AFTER_TOUCH_MS, true);
		}
		break;
	default:
		break;
	}
}

/* Draws str at x, y; or, when draw is false, only makes its texture ready. */
static SDL_Rect put(struct app *app, bool draw, const char *str, const struct text_opts *o, int x,
		    int y)
{
	if (draw)
		return text_draw(app->text, str, o, x, y);
	const struct text_block *b = text_layout(app->text, str, o);
	return (SDL_Rect){ x, y, b ? b->w : 0, b ? b->h : 0 };
}

/* The space inside a card's edge: narrower on a compact card. */
static int card_pad(const struct app *app)
{
	return s.compact ? app->theme.gap : app->theme.margin;
}

/* At the bottom of the card: who promises (unless with_parties is false), and
 * the invitation to tap; side by side when both fit, else the parties above.
 * Returns the row's top. */
static int card_bottom(struct app *app, const struct content_promise *p, SDL_Rect card,
		       bool with_parties, bool draw)
{
	const struct theme *th = &app->theme;
	int pad = card_pad(app), inner_w = card.w - 2 * pad;
	char parties[256];

	app_format_parties(app, p, parties, sizeof parties);
	struct text_opts hint = ui_text(app, TEXT_BOLD, THEME_ACCENT, inner_w);
	hint.align = TEXT_ALIGN_END;
	hint.max_lines = 1;
	struct text_opts who = ui_text(app, TEXT_SMALL, THEME_TEXT_MUTED, inner_w);
	who.max_lines = 2;
	const struct text_block *hb = text_layout(app->text, app_str(app, "tap_to_read"), &hint);
	const struct text_block *wb = text_layout(app->text, parties, &who);
	int hint_h = hb ? hb->h : 0;
	int row_y = card.y + card.h - pad - hint_h;
	put(app, draw, app_str(app, "tap_to_read"), &hint, card.x + pad, row_y);
	if (!with_parties)
		return row_y;
	int who_y = row_y + (hint_h - (wb ? wb->h : 0)) / 2;
	if (hb && wb && (wb->lines > 1 || wb->w + hb->w + 2 * th->gap > inner_w))
		who_y = row_y - th->gap / 2 - wb->h;
	put(app, draw, parties, &who, card.x + pad, who_y);
	return who_y < row_y ? who_y : row_y;
}

/* The title in the largest style in which it fits height whole, down to bold;
 * in bold in the lines that fit when even that is too tall. */
static struct text_opts title_opts(struct app *app, const char *title, int width, int height)
{
	static const enum text_style styles[] = { TEXT_TITLE, TEXT_HEADING, TEXT_BOLD };
	struct text_opts o = ui_text(app, TEXT_BOLD, THEME_TEXT, width);

	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
		o = ui_text(app, styles[i], THEME_TEXT, width);
		if (text_height(app->text, title, &o) <= height)
			return o;
	}
	o.max_lines = text_fit_lines(app->text, title, &o, height);
	if (o.max_lines < 1)
		o.max_lines = 1;
	return o;
}

/* The status chip at the top of a card, and the area beside it; returns the
 * row's height. With draw false, only prepares its texts. */
static int chip_row(struct app *app, const struct content_promise *p, SDL_Rect card, bool draw)
{
	const struct theme *th = &app->theme;
	int pad = card_pad(app), inner_w = card.w - 2 * pad, y = card.y + pad;
	int start_x = app->rtl ? card.x + card.w - pad : card.x + pad;
	SDL_Rect chip = ui_status_chip(app, start_x, y, p->status, !draw);
	int row_h = chip.h;

	if (p->has_area) {
		struct text_opts o =
			ui_text(app, TEXT_SMALL, THEME_TEXT_MUTED, inner_w - chip.w - th->gap);
		o.max_lines = th->look & THEME_LOOK_LARGE ? 0 : 2;
		int ax = app->rtl ? card.x + pad : chip.x + chip.w + th->gap;
		SDL_Rect area = put(app, draw, app_tr(app, &p->area), &o, ax, y + th->gap / 4);
		if (area.h + th->gap / 4 > row_h)
			row_h = area.h + th->gap / 4;
	}
	return row_h;
}

/* Draws promise i's card shifted by dx pixels; with draw false, only prepares its
 * texts, so that the card's first frame on screen rasterises nothing. */
static void promise_card(struct app *app, int i, int dx, bool draw)
{
	const struct theme *th = &app->theme;
	const struct content_promise *p = &app->content->promises[i];
	SDL_Rect card = s.card;
	int pad = card_pad(app);
	int inner_w = card.w - 2 * pad;

	card.x += dx;
	if (draw)
		ui_button_face(app, card, th->radius * 2,
			       app->pressed == ID_CARD ? THEME_BUTTON : THEME_SURFACE);
	int top = card.y + pad;
	int y = top + chip_row(app, p, card, false) + th->gap;

	/* The title whole comes first: on a small card, who promises gives way,
	 * then the status and the area, then the invitation to tap (the card is a
	 * button all the same, and the promise's screen shows the rest). */
	const char *t = app_tr(app, &p->title);
	int row_y = card_bottom(app, p, card, true, false);
	int alone_y = card_bottom(app, p, card, false, false);
	struct text_opts title = title_opts(app, t, inner_w, row_y - th->gap - y);
	bool with_parties = title.max_lines == 0, with_chip = true, with_hint = true;
	if (!with_parties)
		title = title_opts(app, t, inner_w, alone_y - th->gap - y);
	if (title.max_lines != 0) {
		struct text_opts alone = title_opts(app, t, inner_w, alone_y - th->gap - top);
		struct text_opts bare = title_opts(app, t, inner_w, card.y + card.h - pad - top);
		with_chip = false;
		with_hint = alone.max_lines == 0;
		title = with_hint ? alone : bare;
		y = top;
	}
	if (with_chip)
		chip_row(app, p, card, draw);
	row_y = with_hint ? card_bottom(app, p, card, with_parties, draw) : card.y + card.h - pad;
	y += put(app, draw, t, &title, card.x + pad, y).h + th->gap;

	/* As much of the body as fits between the title and the bottom row. */
	struct text_opts body = ui_text(app, TEXT_BODY, THEME_TEXT, inner_w);
	body.max_lines =
		text_fit_lines(app->text, app_tr(app, &p->body), &body, row_y - th->gap - y);
	if (body.max_lines > 0)
		put(app, draw, app_tr(app, &p->body), &body, card.x + pad, y);
}

static double ease_out(double t)
{
	return 1 - (1 - t) * (1 - t) * (1 - t);
}

static void render(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content *c = app->content;

	ui_fill(app, s.header, THEME_HEADER);
	struct text_opts o = header_opts(app, s.title_style);
	int y = th->gap;
	int tx = app->rtl ? app->w - th->margin - s.title_w : th->margin;
	y += text_draw(app->text, app_tr(app, &c->title), &o, tx, y).h;
	o = header_opts(app, TEXT_SMALL);
	if (!s.no_sub)
		text_draw(app->text, app_str(app, "attract_subtitle"), &o, tx, y);

	if (c->npromises == 0) {
		struct text_opts m = ui_text(app, TEXT_HEADING, THEME_TEXT, s.card.w);
		m.align = TEXT_ALIGN_CENTER;
		text_draw(app->text, app_str(app, "no_promises"), &m, s.card.x,
			  s.card.y + s.card.h / 3);
	} else {
		SDL_RenderSetClipRect(app->renderer,
				      &(SDL_Rect){ s.card.x, s.card.y - th->gap, s.card.w,
						   s.card.h + 2 * th->gap });
		if (s.sliding) {
			double t = (double)(app->now - s.slide_start) / SLIDE_MS;
			int shift = (int)((s.card.w + th->gap) * ease_out(t > 1 ? 1 : t));
			int dir = app->rtl ? -s.slide_dir : s.slide_dir;
			promise_card(app, s.slide_from, -dir * shift, true);
			promise_card(app, app->promise, dir * (s.card.w + th->gap - shift), true);
		} else {
			promise_card(app, app->promise, 0, true);
		}
		SDL_RenderSetClipRect(app->renderer, NULL);
	}

	if (c->npromises > 1 && !s.compact) {
		/* One dot per promise, the current one filled. */
		int d = th->gap;
		int total = c->npromises * d * 2 - d;
		int x0 = s.dots.x + (s.dots.w - total) / 2;
		for (int i = 0; i < c->npromises; i++) {
			int k = app->rtl ? c->npromises - 1 - i : i;
			SDL_Rect dot = { x0 + k * 2 * d, s.dots.y + (s.dots.h - d) / 2, d, d };
			ui_round_rect(app, dot, d / 2,
				      i == app->promise ? THEME_ACCENT : THEME_TRACK);
		}
	}
	if (c->npromises > 1) {
		ui_button_face(app, s.prev, th->radius,
			       app->pressed == ID_PREV ? THEME_PRESSED : THEME_BUTTON);
		ui_arrow(app, s.prev, false, THEME_ON_BUTTON);
		ui_button_face(app, s.next, th->radius,
			       app->pressed == ID_NEXT ? THEME_PRESSED : THEME_BUTTON);
		ui_arrow(app, s.next, true, THEME_ON_BUTTON);
	}
	ui_items_draw(app);
	const struct app_item *access = app_item_find(app, ID_ACCESS);
	if (access)
		ui_icon_button_draw(app, access);
}

/* Whether frames are drawn by the CPU. There the timed rotation cuts to the next
 * card: a slide redraws the whole screen some twenty times, which would cost an
 * idle kiosk ten times the CPU of drawing each card once. A visitor's swipe still
 * slides. */
static bool software(const struct app *app)
{
	SDL_RendererInfo info;
	return SDL_GetRendererInfo(app->renderer, &info) < 0 ||
	       (info.flags & SDL_RENDERER_SOFTWARE);
}

static uint64_t rotation_tick(struct app *app)
{
	if (s.sliding) {
		if (app->now >= s.slide_start + SLIDE_MS)
			s.sliding = false;
		app_invalidate(app);
		return s.sliding ? app->now + FRAME_MS : s.next_rotation;
	}
	int n = app->content->npromises;
	/* A visitor listening to the screen turns the cards with the arrows: a card
	 * that turned by itself would start the screen's speech over. */
	if (n < 2 || app->access.speech)
		return 0;
	/* Once the card on show is drawn, between frames, the texts of the cards on
	 * either side are made ready: a slide to them then only moves pixels. */
	if (s.prepared != app->promise && !app->dirty) {
		promise_card(app, (app->promise + 1) % n, 0, false);
		promise_card(app, (app->promise + n - 1) % n, 0, false);
		s.prepared = app->promise;
	}
	if (app->now >= s.next_rotation) {
		if (app->ptr.active)
			s.next_rotation = app->now + ROTATE_AFTER_TOUCH_MS;
		else
			show(app, +1, ROTATE_MS, !software(app));
	}
	return s.sliding ? app->now + FRAME_MS : s.next_rotation;
}

static uint64_t tick(struct app *app)
{
	/* The survey button comes back after its rest. */
	uint64_t wake = 0;
	if (app->cooldown_until > app->now)
		wake = app->cooldown_until;
	else if (app->cooldown_until && app->cooldown_until <= app->now) {
		app->cooldown_until = 0;
		items(app);
		app_invalidate(app);
	}
	uint64_t due = rotation_tick(app);
	return wake && (!due || wake < due) ? wake : due;
}

const struct screen attract_screen = {
	.name = "attract",
	.enter = enter,
	.event = event,
	.render = render,
	.tick = tick,
};
