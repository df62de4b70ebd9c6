/* SPDX-License-Identifier: EUPL-1.2 */
/* Results, "what you said": the bundle's published results one question at a
 * time, each option a bar with its share of those who answered (or "fewer than
 * min_n" where the count was not published). An option that motivated a
 * promise is marked, with a button to that promise. A line says what the
 * figures are: answers from this group's kiosks since a date, from people who
 * chose to answer, not a random sample. */
#include "screens.h"
#include "common/said.h"
#include "kiosk/ui.h"

#include <stdio.h>
#include <string.h>

enum { ID_BACK = 1, ID_PREV, ID_NEXT, ID_PROMISE };

#define SHOWN_MAX (CONTENT_SURVEYS_MAX * CONTENT_QUESTIONS_MAX)

static struct {
	struct ui_header header;
	/* Every published question, as (survey result, question result) pairs. */
	struct {
		int rs, rq;
	} shown[SHOWN_MAX];
	int nshown, at;
	SDL_Rect body, prev, next, promise_btn;
	/* The question and what the figures are on one side (above in portrait),
	 * the bars on the other. */
	SDL_Rect about, bars;
	/* The part of about the question and its lines take; they scroll in it
	 * when they are taller. */
	SDL_Rect text_view;
	int text_h, scroll;
	/* The bars' height when they need more than their column, and how far
	 * they are scrolled in it. */
	int bars_h, bars_scroll;
	int share_w; /* the shares' column, as wide as the widest share */
	int promise; /* the promise whose because is this question, or -1 */
	char because[300];
	char said[2048]; /* the bars as they are spoken: who answered, every share */
} s;

static const struct content_result_survey *rsurvey(const struct app *app)
{
	return &app->content->results.surveys[s.shown[s.at].rs];
}

static const struct content_result_question *rquestion(const struct app *app)
{
	return &rsurvey(app)->questions[s.shown[s.at].rq];
}

static const struct content_question *question(const struct app *app)
{
	const struct content_survey *sv = &app->content->surveys[rsurvey(app)->survey];
	return &sv->questions[rquestion(app)->question];
}

/* The first promise whose "because" names this question, or -1; its options
 * into *options. */
static int motivated(const struct app *app, unsigned *options)
{
	const struct content *c = app->content;
	*options = 0;
	for (int i = 0; i < c->npromises; i++) {
		const struct content_because *b = &c->promises[i].because;
		if (b->present && b->survey == rsurvey(app)->survey &&
		    b->question == rquestion(app)->question) {
			*options = b->options;
			return i;
		}
	}
	return -1;
}

bool results_available(const struct content *c)
{
	return c->results.present && c->results.nsurveys > 0;
}

/* Lays out the question, how many answered it and what the figures are, from
 * y, in the about column; draws them when draw is true. Returns the height. */
/* What the figures are: "answers from visitors ... since <date>, not a random
 * sample". */
static void caveat(struct app *app, char *buf, size_t size)
{
	char since[64];
	app_format_date(app, &rsurvey(app)->since, since, sizeof since);
	const char *names[] = { "since" }, *values[] = { since };
	app_format_vars(app, "results_caveat", names, values, 1, buf, size);
}

static int about(struct app *app, int y, bool draw)
{
	const struct theme *th = &app->theme;
	char buf[512], n[64];
	int top = y;

	struct text_opts qo = ui_text(app, TEXT_HEADING, THEME_TEXT, s.about.w);
	const char *q = app_tr(app, &question(app)->text);
	if (draw)
		text_draw(app->text, q, &qo, s.about.x, y);
	y += text_height(app->text, q, &qo) + th->gap / 2;
	app_format(app, "results_answered", rquestion(app)->n, 0, buf, sizeof buf);
	if (s.nshown > 1) {
		app_format(app, "results_question", s.at + 1, s.nshown, n, sizeof n);
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, " · %s", n);
	}
	struct text_opts mo = ui_text(app, TEXT_BODY, THEME_TEXT_MUTED, s.about.w);
	if (draw)
		text_draw(app->text, buf, &mo, s.about.x, y);
	y += text_height(app->text, buf, &mo) + th->gap;
	caveat(app, buf, sizeof buf);
	struct text_opts co = ui_text(app, TEXT_SMALL, THEME_TEXT, s.about.w);
	if (draw)
		text_draw(app->text, buf, &co, s.about.x, y);
	return y + text_height(app->text, buf, &co) - top;
}

static int max_scroll(void)
{
	int m = s.text_h - s.text_view.h;
	return m > 0 ? m : 0;
}

/* Option o's share, or "fewer than" where its count was not published. */
static void share(struct app *app, int o, char *value, size_t size)
{
	const struct content_result_question *rq = rquestion(app);
	int count = rq->counts[o];

	if (count == CONTENT_COUNT_HIDDEN) {
		char n[16];
		snprintf(n, sizeof n, "%d", app->content->results.min_n);
		const char *names[] = { "n" }, *values[] = { n };
		app_format_vars(app, "results_fewer", names, values, 1, value, size);
	} else {
		app_format(app, "results_percent", said_percent(count, rq->n), 0, value, size);
	}
}

/* The width of the shares' column: the widest share, a quarter of the bars at
 * least. */
static int share_width(struct app *app)
{
	struct text_opts vo = ui_text(app, TEXT_BOLD, THEME_TEXT, 0);
	int w = s.bars.w / 4;
	char value[64];

	for (int o = 0; o < question(app)->noptions; o++) {
		share(app, o, value, sizeof value);
		const struct text_block *b = text_layout(app->text, value, &vo);
		/* A little more than measured: wrapped at exactly its own width, a
		 * text's rounded advances may not fit. */
		if (b && b->w + app->theme.gap > w)
			w = b->w + app->theme.gap;
	}
	return w;
}

/* Lays out the buttons for the question on show and registers the items. */
static void share(struct app *app, int o, char *value, size_t size);

/* What the bars show, for a visitor who cannot see them: how many answered,
 * each option with its share, and what the figures are. */
static void bars_said(struct app *app)
{
	const struct content_question *q = question(app);
	char buf[512], value[64];
	size_t len;

	app_format(app, "results_answered", rquestion(app)->n, 0, s.said, sizeof s.said);
	for (int o = 0; o < q->noptions; o++) {
		share(app, o, value, sizeof value);
		len = strlen(s.said);
		snprintf(s.said + len, sizeof s.said - len, ". %s: %s", app_option_label(app, q, o),
			 value);
	}
	caveat(app, buf, sizeof buf);
	len = strlen(s.said);
	snprintf(s.said + len, sizeof s.said - len, ". %s", buf);
}

static struct text_opts label_opts(struct app *app, bool mine);

/* Whether every option's label keeps its words whole, in bold, in a bars'
 * column of width w. Leaves the bars' and the shares' widths at w's. */
static bool labels_fit(struct app *app, int w)
{
	s.bars.w = w;
	s.share_w = share_width(app);
	for (int o = 0; o < question(app)->noptions; o++)
		if (!ui_words_fit(app, app_option_label(app, question(app), o),
				  label_opts(app, true)))
			return false;
	return true;
}

/* The height the promise's button and the gap above it take in a column of
 * width w; none without a promise. */
static int promise_height(struct app *app, int w)
{
	return s.promise >= 0 ? ui_button_height_whole(app, s.because, w) + app->theme.gap : 0;
}

static void items(struct app *app)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };
	unsigned options;

	app_items_clear(app);
	ui_header_layout(app, &s.header, app_str(app, "results_title"), ID_BACK);
	s.promise = motivated(app, &options);
	SDL_Rect *row[2] = { &s.prev, &s.next };
	const char *labels[2] = { app_str(app, "results_previous"), app_str(app, "results_next") };
	int row_y = ui_button_row(app, s.body.y + s.body.h, row, labels, 2, 1);
	int h = row_y - th->gap - s.body.y;
	if (s.promise >= 0) {
		const char *names[] = { "title" };
		const char *values[] = { app_tr(app, &app->content->promises[s.promise].title) };
		app_format_vars(app, "results_because", names, values, 1, s.because,
				sizeof s.because);
	}
	if (th->portrait) {
		s.about = (SDL_Rect){ s.body.x, s.body.y, s.body.w, h * 2 / 5 };
		s.bars = (SDL_Rect){ s.body.x, s.body.y + s.about.h + th->gap, s.body.w,
				     h - s.about.h - th->gap };
	} else {
		/* The question's column takes 2/5 of the width, more (up to a half)
		 * where a word of the question would not fit its line or the promise's
		 * button would leave the question less than two lines. */
		int aw = s.body.w * 2 / 5, least = 2 * text_line_height(app->text, TEXT_HEADING);
		const char *q = app_tr(app, &question(app)->text);
		while (aw < s.body.w / 2 &&
		       (!ui_words_fit(app, q, ui_text(app, TEXT_HEADING, THEME_TEXT, aw)) ||
			(h - promise_height(app, aw) < least &&
			 labels_fit(app, s.body.w - aw - 3 * th->gap))))
			aw += th->gap;
		s.about = app_mirror(app, (SDL_Rect){ s.body.x, s.body.y, aw, h }, screen);
		s.bars = app_mirror(app,
				    (SDL_Rect){ s.body.x + aw + th->gap * 2, s.body.y,
						s.body.w - aw - th->gap * 2, h },
				    screen);
	}
	s.share_w = share_width(app);
	s.text_view = s.about;
	if (s.promise >= 0) {
		int bh = ui_button_height_whole(app, s.because, s.about.w);
		s.promise_btn = (SDL_Rect){ s.about.x, s.about.y + s.about.h - bh, s.about.w, bh };
		s.text_view.h -= bh + th->gap;
	}
	s.text_h = about(app, 0, false);
	s.scroll = 0;
	s.bars_scroll = 0;
	/* The texts are one item: they scroll inside their window, which stays put. */
	app_item_add(app, s.text_view, APP_ROLE_HEADING, app_tr(app, &question(app)->text),
		     APP_NO_ACTION, 0);
	if (s.promise >= 0)
		app_item_add(app, s.promise_btn, APP_ROLE_BUTTON, s.because, ID_PROMISE,
			     APP_ITEM_PRIMARY);
	bars_said(app);
	app_item_add(app, s.bars, APP_ROLE_IMAGE, s.said, APP_NO_ACTION, 0);
	if (s.nshown > 1) {
		app_item_add(app, s.prev, APP_ROLE_BUTTON, app_str(app, "results_previous"),
			     ID_PREV, s.at > 0 ? APP_ITEM_PLAIN : APP_ITEM_DISABLED);
		app_item_add(app, s.next, APP_ROLE_BUTTON, app_str(app, "results_next"), ID_NEXT,
			     s.at + 1 < s.nshown ? APP_ITEM_PRIMARY : APP_ITEM_DISABLED);
	}
}

static void enter(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content_results *r = &app->content->results;

	s.nshown = 0;
	for (int i = 0; r->present && i < r->nsurveys; i++)
		for (int k = 0; k < r->surveys[i].nquestions && s.nshown < SHOWN_MAX; k++) {
			s.shown[s.nshown].rs = i;
			s.shown[s.nshown++].rq = k;
		}
	if (s.nshown == 0) {
		/* New content without results: nothing to show here. */
		app_switch(app, &attract_screen);
		return;
	}
	if (s.at >= s.nshown)
		s.at = 0;
	ui_header_layout(app, &s.header, app_str(app, "results_title"), ID_BACK);
	int top = s.header.bar.h + th->gap;
	s.body = (SDL_Rect){ th->margin, top, app->w - 2 * th->margin, app->h - top - th->margin };
	items(app);
}

static void leave(struct app *app)
{
	(void)app;
	s.at = 0;
}

static void event(struct app *app, const struct app_event *ev)
{
	if (ev->type == APP_EVENT_TAP) {
		int id = ev->action;
		int to = id == ID_PREV ? s.at - 1 : id == ID_NEXT ? s.at + 1 : s.at;
		if (id == ID_BACK) {
			app_switch(app, &attract_screen);
		} else if (id == ID_PROMISE && s.promise >= 0) {
			app->promise = s.promise;
			app_switch(app, &promise_screen);
		} else if (to != s.at && to >= 0 && to < s.nshown) {
			s.at = to;
			items(app);
			app_invalidate(app);
		}
	} else if (ev->type == APP_EVENT_DRAG &&
		   SDL_PointInRect(&(SDL_Point){ ev->x, ev->y }, &s.bars)) {
		int most = s.bars_h > s.bars.h ? s.bars_h - s.bars.h : 0;
		if (ui_scroll_set(&s.bars_scroll, s.bars_scroll - ev->dy, most))
			app_invalidate(app);
	} else if (ev->type == APP_EVENT_DRAG) {
		if (ui_scroll_set(&s.scroll, s.scroll - ev->dy, max_scroll()))
			app_invalidate(app);
	} else if (app_back_swipe(app, ev)) {
		app_switch(app, &attract_screen);
	}
}

/* Options for option o's label: bold where it motivated a promise, beside its
 * share, whole (the bars scroll where they need more room). */
static struct text_opts label_opts(struct app *app, bool mine)
{
	int w = s.bars.w - s.share_w - app->theme.gap;
	return ui_text(app, mine ? TEXT_BOLD : TEXT_BODY, THEME_TEXT, w);
}

/* Options for a share: one line, against the column's end side. */
static struct text_opts share_opts(struct app *app)
{
	struct text_opts vo = ui_text(app, TEXT_BOLD, THEME_TEXT, s.share_w);
	vo.max_lines = 1;
	vo.align = TEXT_ALIGN_END;
	return vo;
}

/* One option at y: its label with its share beside it, and below them a bar
 * across the column. Returns the height it took. */
static int bar(struct app *app, int o, unsigned marked, int y, int bar_h)
{
	const struct theme *th = &app->theme;
	const struct content_result_question *rq = rquestion(app);
	int count = rq->counts[o];
	char value[64];
	bool mine = marked & (1u << o);
	int vw = s.share_w;

	share(app, o, value, sizeof value);
	struct text_opts lo = label_opts(app, mine);
	const char *label = app_option_label(app, question(app), o);
	SDL_Rect lr =
		text_draw(app->text, label, &lo, app->rtl ? s.bars.x + vw + th->gap : s.bars.x, y);
	struct text_opts vo = share_opts(app);
	text_draw(app->text, value, &vo, app->rtl ? s.bars.x : s.bars.x + s.bars.w - vw, y);
	int vh = text_height(app->text, value, &vo);
	int by = y + (lr.h > vh ? lr.h : vh) + th->gap / 2;
	ui_round_rect(app, (SDL_Rect){ s.bars.x, by, s.bars.w, bar_h }, bar_h / 3, THEME_TRACK);
	int fill = count > 0 ? s.bars.w * count / rq->n : 0;
	if (fill > 0)
		ui_round_rect(app,
			      (SDL_Rect){ app->rtl ? s.bars.x + s.bars.w - fill : s.bars.x, by,
					  fill, bar_h },
			      bar_h / 3, mine ? THEME_ACCENT : THEME_TEXT_MUTED);
	return by + bar_h + th->gap - y;
}

/* The height option o's label and share take. */
static int label_height(struct app *app, int o, unsigned marked)
{
	char value[64];
	struct text_opts vo = share_opts(app);
	share(app, o, value, sizeof value);
	struct text_opts lo = label_opts(app, marked & (1u << o));
	int lh = text_height(app->text, app_option_label(app, question(app), o), &lo);
	int vh = text_height(app->text, value, &vo);
	return lh > vh ? lh : vh;
}

/* The about texts in their window; where there is more, they fade out at that
 * edge and a bar beside them says how much. */
static void render_about(struct app *app)
{
	SDL_Rect v = s.text_view;
	int fade = app->theme.target / 2;

	SDL_RenderSetClipRect(app->renderer, &v);
	about(app, v.y - s.scroll, true);
	if (s.scroll > 0)
		ui_fade(app, (SDL_Rect){ v.x, v.y, v.w, fade }, false, THEME_BG);
	if (s.scroll < max_scroll())
		ui_fade(app, (SDL_Rect){ v.x, v.y + v.h - fade, v.w, fade }, true, THEME_BG);
	SDL_RenderSetClipRect(app->renderer, NULL);
	ui_scrollbar(app, v, s.text_h, s.scroll);
}

/* The bars in their column. The labels take what they need and the bars share
 * what is left, up to half a target each; where even thin bars do not fit, the
 * column scrolls, fading out at the edge where there is more. */
static void render_bars(struct app *app, unsigned marked)
{
	const struct theme *th = &app->theme;
	const struct content_question *q = question(app);
	int labels = 0, n = q->noptions > 0 ? q->noptions : 1;
	SDL_Rect v = s.bars;
	int fade = th->target / 2;

	for (int o = 0; o < q->noptions; o++)
		labels += label_height(app, o, marked) + th->gap / 2 + th->gap;
	int bar_h = (v.h - labels) / n;
	if (bar_h > th->target / 2)
		bar_h = th->target / 2;
	if (bar_h < th->gap / 2)
		bar_h = th->gap / 2;
	s.bars_h = labels + bar_h * n - th->gap;
	SDL_RenderSetClipRect(app->renderer, &v);
	int y = v.y - s.bars_scroll;
	for (int o = 0; o < q->noptions; o++)
		y += bar(app, o, marked, y, bar_h);
	if (s.bars_scroll > 0)
		ui_fade(app, (SDL_Rect){ v.x, v.y, v.w, fade }, false, THEME_BG);
	if (s.bars_h - s.bars_scroll > v.h)
		ui_fade(app, (SDL_Rect){ v.x, v.y + v.h - fade, v.w, fade }, true, THEME_BG);
	SDL_RenderSetClipRect(app->renderer, NULL);
	ui_scrollbar(app, v, s.bars_h, s.bars_scroll);
}

static void render(struct app *app)
{
	unsigned marked;

	ui_header_draw(app, &s.header, app_str(app, "results_title"));
	motivated(app, &marked);
	render_about(app);
	render_bars(app, marked);
	ui_items_draw(app);
}

const struct screen results_screen = {
	.name = "results",
	.enter = enter,
	.leave = leave,
	.event = event,
	.render = render,
};
