/* SPDX-License-Identifier: EUPL-1.2 */
/* Promise detail, as the loop of the method: what was done most recently, what
 * visitors said (the answers that motivated the promise, from the published
 * results), then the promise itself with who makes it, where and when, and what
 * was done before; a QR code for reading more on a phone. The text column
 * scrolls by dragging when it is longer than the screen. */
#include "screens.h"
#include "common/said.h"
#include "kiosk/ui.h"

#include <stdio.h>
#include <string.h>

enum { ID_BACK = 1, ID_MORE };

static struct {
	struct ui_header header;
	SDL_Rect column, panel, more;
	int content_h, scroll;
	SDL_Texture *qr;
	int qr_size;
	SDL_Rect qr_rect;
	bool title_in_body; /* too long for the header: it opens the column */
} s;

static const struct content_promise *promise(const struct app *app)
{
	return &app->content->promises[app->promise];
}

/* Facts: label above value keeps both readable at any width and direction.
 * Returns the y below them. */
static int facts(struct app *app, int x, int y, int w, bool draw)
{
	const struct theme *th = &app->theme;
	const struct content_promise *p = promise(app);
	char buf[256], from[64], to[64];

	const char *labels[3] = { "label_parties", "label_area", "label_period" };
	char parties[256];
	app_format_parties(app, p, parties, sizeof parties);
	app_format_date(app, &p->from, from, sizeof from);
	app_format_date(app, &p->to, to, sizeof to);
	snprintf(buf, sizeof buf, "%s – %s", from, to);
	const char *values[3] = { parties, p->has_area ? app_tr(app, &p->area) : NULL, buf };
	for (int i = 0; i < 3; i++) {
		if (!values[i])
			continue;
		struct text_opts lo = ui_text(app, TEXT_SMALL, THEME_TEXT_MUTED, w);
		struct text_opts vo = ui_text(app, TEXT_BOLD, THEME_TEXT, w);
		if (draw)
			text_draw(app->text, app_str(app, labels[i]), &lo, x, y);
		y += text_height(app->text, app_str(app, labels[i]), &lo);
		if (draw)
			text_draw(app->text, values[i], &vo, x, y);
		y += text_height(app->text, values[i], &vo) + th->gap / 2;
	}
	return y;
}

/* Updates from index last down to first, newest first: a dot and a line on the
 * start side. Returns the y below them. */
static int timeline(struct app *app, int first, int last, int x, int y, int w, bool draw)
{
	const struct theme *th = &app->theme;
	const struct content_promise *p = promise(app);
	char buf[256];
	int rail = th->gap * 2;
	int tw = w - rail - th->gap;
	int tx = app->rtl ? x : x + rail + th->gap;
	int rail_x = app->rtl ? x + w - rail / 2 : x + rail / 2;

	for (int i = last; i >= first; i--) {
		const struct content_update *u = &p->updates[i];
		struct text_opts d = ui_text(app, TEXT_BOLD, THEME_ACCENT, tw);
		struct text_opts t = ui_text(app, TEXT_BODY, THEME_TEXT, tw);
		app_format_date(app, &u->date, buf, sizeof buf);
		int dh = text_height(app->text, buf, &d);
		int h = dh + text_height(app->text, app_tr(app, &u->text), &t) + th->gap;
		if (draw) {
			int dot = th->gap;
			SDL_Rect line = { rail_x - 1, y + dh / 2, 3, i > first ? h : dh / 2 };
			ui_fill(app, line, THEME_LINE);
			SDL_Rect r = { rail_x - dot / 2, y + dh / 2 - dot / 2, dot, dot };
			ui_round_rect(app, r, dot / 2, THEME_ACCENT);
			text_draw(app->text, buf, &d, tx, y);
			text_draw(app->text, app_tr(app, &u->text), &t, tx, y + dh);
		}
		y += h;
	}
	return y;
}

/* A heading of the column. Returns the y below it. */
static int heading(struct app *app, const char *key, int x, int y, int w, bool draw)
{
	struct text_opts o = ui_text(app, TEXT_HEADING, THEME_TEXT, w);
	if (draw)
		text_draw(app->text, app_str(app, key), &o, x, y);
	return y + text_height(app->text, app_str(app, key), &o) + app->theme.gap / 2;
}

/* "You said": the share who chose the motivating answers, with a bar. Returns
 * the y below it (y itself when nothing is published). */
static int you_said(struct app *app, int x, int y, int w, bool draw)
{
	const struct theme *th = &app->theme;
	struct said said;
	char options[512] = "", pct[16], n[16], line[1024];

	if (!said_for_promise(app->content, promise(app), &said))
		return y;
	for (int o = 0; o < said.question->noptions; o++) {
		if (!(said.options & (1u << o)))
			continue;
		size_t len = strlen(options);
		snprintf(options + len, sizeof options - len, "%s%s", len ? app_str(app, "list_separator") : "",
			 app_option_label(app, said.question, o));
	}
	snprintf(pct, sizeof pct, "%d", said.percent);
	snprintf(n, sizeof n, "%d", said.n);
	const char *const names[] = { "pct", "n", "options" }, *const values[] = { pct, n, options };
	app_format_vars(app, said.at_least ? "you_said_at_least" : "you_said_line", names, values, 3,
			line, sizeof line);
	y = heading(app, "you_said", x, y, w, draw);
	struct text_opts q = ui_text(app, TEXT_SMALL, THEME_TEXT_MUTED, w);
	if (draw)
		text_draw(app->text, app_tr(app, &said.question->text), &q, x, y);
	y += text_height(app->text, app_tr(app, &said.question->text), &q) + th->gap / 2;
	int bar_h = th->gap;
	if (draw) {
		SDL_Rect track = { x, y, w, bar_h };
		int fill = w * said.percent / 100;
		SDL_Rect done = { app->rtl ? x + w - fill : x, y, fill, bar_h };
		ui_round_rect(app, track, bar_h / 2, THEME_TRACK);
		ui_round_rect(app, done, bar_h / 2, THEME_ACCENT);
	}
	y += bar_h + th->gap / 2;
	struct text_opts t = ui_text(app, TEXT_BOLD, THEME_TEXT, w);
	if (draw)
		text_draw(app->text, line, &t, x, y);
	return y + text_height(app->text, line, &t) + th->gap * 2;
}

/* Lays out the scrolling column; draws it too when draw is true. Returns its height. */
static int column(struct app *app, bool draw)
{
	const struct theme *th = &app->theme;
	const struct content_promise *p = promise(app);
	const int w = s.column.w;
	const int x = s.column.x;
	int y = s.column.y - s.scroll + th->gap;

	if (s.title_in_body) {
		struct text_opts t = ui_text(app, TEXT_HEADING, THEME_TEXT, w);
		if (draw)
			text_draw(app->text, app_tr(app, &p->title), &t, x, y);
		y += text_height(app->text, app_tr(app, &p->title), &t) + th->gap;
	}
	int start_x = app->rtl ? x + w : x;
	y += ui_status_chip(app, start_x, y, p->status, !draw).h + th->gap;

	/* The latest update comes first: it is what a visitor comes back for, and it
	 * must be seen without scrolling on the smallest screen. */
	y = heading(app, "we_did", x, y, w, draw);
	if (p->nupdates == 0) {
		struct text_opts o = ui_text(app, TEXT_BODY, THEME_TEXT_MUTED, w);
		if (draw)
			text_draw(app->text, app_str(app, "no_updates"), &o, x, y);
		y += text_height(app->text, app_str(app, "no_updates"), &o);
	}
	if (p->nupdates > 0)
		y = timeline(app, p->nupdates - 1, p->nupdates - 1, x, y, w, draw);
	y += th->gap * (p->nupdates == 0 ? 2 : 1);
	y = you_said(app, x, y, w, draw);

	y = heading(app, "we_promised", x, y, w, draw);
	struct text_opts body = ui_text(app, TEXT_BODY, THEME_TEXT, w);
	if (draw)
		text_draw(app->text, app_tr(app, &p->body), &body, x, y);
	y += text_height(app->text, app_tr(app, &p->body), &body) + th->gap;
	y = facts(app, x, y, w, draw) + th->gap;

	if (p->nupdates > 1) {
		y = heading(app, "earlier_updates", x, y, w, draw);
		y = timeline(app, 0, p->nupdates - 2, x, y, w, draw);
	}
	return y + s.scroll - s.column.y + th->gap;
}

static int max_scroll(void)
{
	int m = s.content_h - s.column.h;
	return m > 0 ? m : 0;
}

/* The panel's texts at width tw: the title, the link's label and the hint. */
static struct text_opts panel_text(const struct app *app, int which, int tw)
{
	static const enum text_style styles[] = { TEXT_BOLD, TEXT_BODY, TEXT_SMALL };
	struct text_opts o =
		ui_text(app, styles[which], which == 2 ? THEME_TEXT_MUTED : THEME_TEXT, tw);
	if (!app->theme.portrait)
		o.align = TEXT_ALIGN_CENTER;
	return o;
}

/* The height of the panel's texts at width tw, with the gaps render_panel puts
 * around them and the code. */
static int panel_text_h(struct app *app, int tw)
{
	const char *texts[] = { app_str(app, "qr_title"), app_tr(app, &promise(app)->link.label),
				app_str(app, "qr_hint") };
	int h = 3 * app->theme.gap;

	for (int i = 0; i < 3; i++) {
		struct text_opts o = panel_text(app, i, tw);
		h += text_height(app->text, texts[i], &o);
	}
	return h;
}

/* The panel with the QR code, taken from body: at its end side, or below the
 * text in portrait, as tall as the code and its texts need. */
static void layout_panel(struct app *app, SDL_Rect *body)
{
	const struct theme *th = &app->theme;
	int max_qr;

	if (th->portrait) {
		max_qr = app->h * 2 / 5 - 2 * th->gap;
		if (max_qr > body->w / 2)
			max_qr = body->w / 2;
	} else {
		int pw = app->w * 2 / 5;
		s.panel = (SDL_Rect){ body->x + body->w - pw, body->y, pw, body->h };
		body->w -= pw + th->gap;
		max_qr = pw - 2 * th->gap;
		if (max_qr > body->h - panel_text_h(app, pw - 2 * th->gap))
			max_qr = body->h - panel_text_h(app, pw - 2 * th->gap);
	}
	ui_qr_make(app, &s.qr, promise(app)->link.url, max_qr, &s.qr_size);
	if (th->portrait) {
		int qr = s.qr ? s.qr_size : 0;
		int ph = qr + 2 * th->gap;
		int text_h = panel_text_h(app, body->w - 2 * th->gap - (qr ? qr + th->gap : 0));
		if (ph < text_h)
			ph = text_h;
		s.panel = (SDL_Rect){ body->x, body->y + body->h - ph, body->w, ph };
		body->h -= ph + th->gap;
	}
	s.panel = app_mirror(app, s.panel, (SDL_Rect){ 0, 0, app->w, app->h });
}

static void enter(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content_promise *p = promise(app);
	SDL_Rect screen = { 0, 0, app->w, app->h };

	app_items_clear(app);
	s.qr = NULL;
	if (app->promise >= app->content->npromises) {
		/* The promise is gone (new content): there is nothing to show here. */
		app_switch(app, &attract_screen);
		return;
	}
	/* A long title may take a third line where the screen is tall; one longer
	 * still is shown whole at the top of the column, and the bar keeps only the
	 * back button. */
	const char *title = app_tr(app, &p->title);
	s.header.title_lines = th->portrait ? 3 : 2;
	s.title_in_body = !ui_header_fits(app, &s.header, title);
	ui_header_layout(app, &s.header, s.title_in_body ? NULL : title, ID_BACK);
	int header_h = s.header.bar.h;

	SDL_Rect body = { th->margin, header_h + th->gap, app->w - 2 * th->margin,
			  app->h - header_h - th->gap - th->margin };
	s.panel = (SDL_Rect){ 0, 0, 0, 0 };
	if (p->has_link)
		layout_panel(app, &body);
	s.column = app_mirror(app, body, screen);
	s.scroll = 0;
	s.content_h = column(app, false);

	int more_h = th->target;
	s.more = (SDL_Rect){ s.column.x, s.column.y + s.column.h - more_h, s.column.w, more_h };

	/* The column is one item: it scrolls inside its window, which stays put. */
	if (s.title_in_body) {
		struct text_opts t = ui_text(app, TEXT_HEADING, THEME_TEXT, s.column.w);
		app_item_add(app,
			     (SDL_Rect){ s.column.x, s.column.y + th->gap, s.column.w,
					 text_height(app->text, title, &t) },
			     APP_ROLE_HEADING, title, APP_NO_ACTION, 0);
	}
	app_item_add(app, s.column, APP_ROLE_TEXT, app_tr(app, &p->body), APP_NO_ACTION, 0);
	if (max_scroll() > 0)
		app_item_add(app, s.more, APP_ROLE_LINK, app_str(app, "scroll_more"), ID_MORE, 0);
	if (p->has_link)
		app_item_add(app, s.panel, APP_ROLE_QR, app_tr(app, &p->link.label), APP_NO_ACTION,
			     0);
}

static void leave(struct app *app)
{
	(void)app;
	ui_texture_free(&s.qr);
}

static void scroll_to(struct app *app, int y)
{
	if (ui_scroll_set(&s.scroll, y, max_scroll()))
		app_invalidate(app);
}

static void event(struct app *app, const struct app_event *ev)
{
	switch (ev->type) {
	case APP_EVENT_TAP: {
		int id = ev->action;
		if (id == ID_BACK)
			app_switch(app, &attract_screen);
		else if (id == ID_MORE && s.scroll < max_scroll())
			scroll_to(app, s.scroll + s.column.h * 2 / 3);
		break;
	}
	case APP_EVENT_DRAG:
		scroll_to(app, s.scroll - ev->dy);
		break;
	case APP_EVENT_SWIPE:
		if (app_back_swipe(app, ev))
			app_switch(app, &attract_screen);
		break;
	default:
		break;
	}
}

static void render_panel(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content_promise *p = promise(app);
	SDL_Rect pn = s.panel;

	ui_round_rect(app, pn, th->radius * 2, THEME_SURFACE);
	int inner = pn.w - 2 * th->gap;
	int tx = pn.x + th->gap, tw = inner;
	int y = pn.y + th->gap;
	if (th->portrait && s.qr) {
		/* Text on the start side, the code on the end side. */
		tw = inner - s.qr_size - th->gap;
		if (app->rtl)
			tx = pn.x + th->gap + s.qr_size + th->gap;
	}
	struct text_opts title = panel_text(app, 0, tw);
	struct text_opts label = panel_text(app, 1, tw);
	struct text_opts hint = panel_text(app, 2, tw);
	y += text_draw(app->text, app_str(app, "qr_title"), &title, tx, y).h;
	y += text_draw(app->text, app_tr(app, &p->link.label), &label, tx, y).h + th->gap;
	if (s.qr) {
		SDL_Rect q;
		if (th->portrait)
			q = (SDL_Rect){ app->rtl ? pn.x + th->gap
						 : pn.x + pn.w - th->gap - s.qr_size,
					pn.y + (pn.h - s.qr_size) / 2, s.qr_size, s.qr_size };
		else
			q = (SDL_Rect){ pn.x + (pn.w - s.qr_size) / 2, y, s.qr_size, s.qr_size };
		SDL_RenderCopy(app->renderer, s.qr, NULL, &q);
		if (!th->portrait)
			y += s.qr_size + th->gap / 2;
	}
	text_draw(app->text, app_str(app, "qr_hint"), &hint, tx, y);
}

static void render(struct app *app)
{
	if (app->promise >= app->content->npromises)
		return;
	const struct content_promise *p = promise(app);

	SDL_RenderSetClipRect(app->renderer, &s.column);
	column(app, true);
	if (s.scroll < max_scroll()) {
		/* There is more below: fade the text out, say so, and offer a tap for
		 * those who do not drag. */
		int fade = s.more.h / 2;
		ui_fade(app, (SDL_Rect){ s.more.x, s.more.y - fade, s.more.w, fade }, true, THEME_BG);
		ui_fill(app, s.more, THEME_BG);
		SDL_Rect edge = { s.more.x, s.more.y, s.more.w, 2 };
		ui_fill(app, edge, THEME_LINE);
		struct text_opts o = ui_text(app, TEXT_BOLD, THEME_ACCENT, s.more.w);
		o.align = TEXT_ALIGN_CENTER;
		o.max_lines = 1;
		int h = text_height(app->text, app_str(app, "scroll_more"), &o);
		text_draw(app->text, app_str(app, "scroll_more"), &o, s.more.x,
			  s.more.y + (s.more.h - h) / 2);
	}
	SDL_RenderSetClipRect(app->renderer, NULL);
	ui_scrollbar(app, s.column, s.content_h, s.scroll);

	ui_header_draw(app, &s.header, s.title_in_body ? NULL : app_tr(app, &p->title));
	ui_items_draw(app);

	if (p->has_link)
		render_panel(app);
}

const struct screen promise_screen = {
	.name = "promise",
	.enter = enter,
	.leave = leave,
	.event = event,
	.render = render,
	.shows_promise = true,
};
