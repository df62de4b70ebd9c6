/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of what a visitor can read at every size and in every direction: whole
 * promise titles, scales in one row or one column in their order, option grids
 * that keep their columns through a survey, the staff panel's labels beside
 * their values, and on every screen no text cut short, no word cut in two and
 * nothing on top of something else. The program links with the text module's
 * drawing functions wrapped (Makefile: TEST_LDFLAGS_layout), so that it sees
 * every text drawn, with its options, its place and its clip. */
#include "helpers.h"
#include "kiosk/survey.h"
#include "kiosk/text.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const int sizes[][2] = { { 800, 480 }, { 1280, 800 }, { 1920, 1080 }, { 1080, 1920 } };
static const char *const langs[] = { "sv", "en", "ar" };
#define NSIZES (int)(sizeof sizes / sizeof sizes[0])
#define NLANGS (int)(sizeof langs / sizeof langs[0])

static void show(struct fixture *f, const struct screen *screen)
{
	app_switch(f->app, screen);
	fixture_step(f);
}

static bool inside(SDL_Rect r, SDL_Rect frame)
{
	return r.x >= frame.x && r.y >= frame.y && r.x + r.w <= frame.x + frame.w &&
	       r.y + r.h <= frame.y + frame.h;
}

/* Whether s is drawn whole at where, where a visitor can see it: inside a
 * heading or a text's window (a scrolling column draws beyond its window,
 * clipped), and laid out in one of the styles at that item's width with no line
 * left out, the same size. A block cut short with an ellipsis needs more lines
 * whole. */
static bool drawn_whole(struct fixture *f, const char *s, SDL_Rect where)
{
	int n;
	const struct app_item *items = fixture_items(f, &n);

	for (int i = 0; i < n; i++) {
		if ((items[i].role != APP_ROLE_HEADING && items[i].role != APP_ROLE_TEXT) ||
		    !inside(where, items[i].rect))
			continue;
		for (int style = 0; style < TEXT_STYLE_COUNT; style++) {
			struct text_opts o = { .style = style,
					       .width = items[i].rect.w,
					       .rtl = f->app->rtl };
			const struct text_block *b = text_layout(f->app->text, s, &o);
			if (b && b->w == where.w && b->h == where.h)
				return true;
		}
	}
	return false;
}

static void every_promise_title_can_be_read_whole(void **state)
{
	(void)state;
	for (int s = 0; s < NSIZES; s++)
		for (int l = 0; l < NLANGS; l++) {
			struct fixture *f =
				fixture_create(sizes[s][0], sizes[s][1], langs[l], 0, 0);
			f->app->always_open = true;
			for (int p = 0; p < f->app->content->npromises; p++) {
				f->app->promise = p;
				show(f, &promise_screen);
				const char *title =
					app_tr(f->app, &f->app->content->promises[p].title);
				SDL_Rect where;
				if (!text_find(f->app->text, title, &where))
					fail_msg("%dx%d %s: promise %d's title is not on screen",
						 sizes[s][0], sizes[s][1], langs[l], p + 1);
				if (!drawn_whole(f, title, where))
					fail_msg("%dx%d %s: promise %d's title \"%s\" is not shown "
						 "whole "
						 "(%d,%d %dx%d)",
						 sizes[s][0], sizes[s][1], langs[l], p + 1, title,
						 where.x, where.y, where.w, where.h);
			}
			fixture_destroy(f);
		}
}

/* A title too long for the header's lines (as long as a bundle allows, in long
 * words) opens the text column, whole, and is still the screen's heading. */
static void a_title_too_long_for_the_header_opens_the_column(void **state)
{
	(void)state;
	static const char *const langs_checked[] = { "sv", "ar" };
	static const char title[] = "Trygghetsvandringar, kameraövervakning och ljusare "
				    "gångvägar kring Östra Åsbys centrumtorg";

	for (int s = 0; s < NSIZES; s++)
		for (int l = 0; l < 2; l++) {
			struct fixture *f =
				fixture_create(sizes[s][0], sizes[s][1], langs_checked[l], 0, 0);
			struct content_text *t = &f->content->promises[0].title;
			const char *kept = t->text[f->app->lang_index];
			t->text[f->app->lang_index] = title;
			f->app->promise = 0;
			show(f, &promise_screen);
			SDL_Rect where;
			assert_true(text_find(f->app->text, title, &where));
			if (!drawn_whole(f, title, where))
				fail_msg("%dx%d %s: a long title is not shown whole", sizes[s][0],
					 sizes[s][1], langs_checked[l]);
			const struct app_item *heading = fixture_item(f, title);
			assert_non_null(heading);
			assert_int_equal(heading->role, APP_ROLE_HEADING);
			t->text[f->app->lang_index] = kept;
			fixture_destroy(f);
		}
}

/* Shows question q of the first survey as a visitor reaches it. */
static void show_question(struct fixture *f, int q)
{
	struct app *app = f->app;
	app->survey.index = 0;
	app->survey.stage = SURVEY_QUESTION;
	survey_start(&app->survey.run, &app->content->surveys[0], 1);
	app->survey.run.current = q;
	show(f, &survey_screen);
}

/* The rectangles of question q's option buttons, in the options' order. */
static void option_rects(struct fixture *f, const struct content_question *q, SDL_Rect *out)
{
	for (int o = 0; o < q->noptions; o++) {
		const char *label = app_option_label(f->app, q, o);
		const struct app_item *it = fixture_item(f, label);
		if (!it || it->role != APP_ROLE_BUTTON)
			fail_msg("%dx%d %s: option \"%s\" is not on screen", f->app->w, f->app->h,
				 f->app->lang, label);
		out[o] = it->rect;
	}
}

/* The number of columns of a grid: the different starts of its rectangles. */
static int columns(const SDL_Rect *r, int n)
{
	int count = 0;
	for (int i = 0; i < n; i++) {
		int seen = 0;
		for (int j = 0; j < i; j++)
			seen |= r[j].x == r[i].x;
		count += !seen;
	}
	return count;
}

/* Options in one row, from the start side, or in one column from the top; and
 * every option above the buttons along the bottom. */
static void check_scale(struct fixture *f, const struct content_question *q, const SDL_Rect *r)
{
	bool row = true, column = true;
	const struct app_item *cancel = fixture_item(f, app_str(f->app, "cancel"));

	assert_non_null(cancel);
	for (int o = 1; o < q->noptions; o++) {
		bool after = f->app->rtl ? r[o].x + r[o].w <= r[o - 1].x
					 : r[o].x >= r[o - 1].x + r[o - 1].w;
		row &= r[o].y == r[0].y && after;
		column &= r[o].x == r[0].x && r[o].y >= r[o - 1].y + r[o - 1].h;
	}
	for (int o = 0; o < q->noptions; o++)
		if (r[o].y + r[o].h > cancel->rect.y)
			fail_msg("%dx%d %s: option %d of %s runs into the buttons below", f->app->w,
				 f->app->h, f->app->lang, o + 1, q->id);
	if (!row && !column)
		fail_msg("%dx%d %s: the scale %s is neither one row nor one column in order",
			 f->app->w, f->app->h, f->app->lang, q->id);
}

/* A scale is one row or one column in its order; the other questions of the
 * survey keep one number of columns. */
static void scales_keep_their_order_and_grids_their_columns(void **state)
{
	(void)state;
	for (int s = 0; s < NSIZES; s++)
		for (int l = 0; l < NLANGS; l++) {
			struct fixture *f =
				fixture_create(sizes[s][0], sizes[s][1], langs[l], 0, 0);
			const struct content_survey *sv = &f->app->content->surveys[0];
			int grid_cols = 0, scales = 0;
			f->app->always_open = true;
			for (int q = 0; q < sv->nquestions; q++) {
				const struct content_question *cq = &sv->questions[q];
				SDL_Rect r[CONTENT_OPTIONS_MAX];
				show_question(f, q);
				option_rects(f, cq, r);
				if (!strcmp(cq->type->name, "scale")) {
					check_scale(f, cq, r);
					scales++;
					continue;
				}
				int cols = columns(r, cq->noptions);
				if (grid_cols && cols != grid_cols)
					fail_msg(
						"%dx%d %s: %s has %d columns, the questions before "
						"it %d",
						sizes[s][0], sizes[s][1], langs[l], cq->id, cols,
						grid_cols);
				grid_cols = cols;
			}
			assert_true(scales > 0);
			fixture_destroy(f);
		}
}

/* Whether the pixel at x, y is darker than the background: ink of a text. */
static bool ink_at(const struct fixture *f, int x, int y, SDL_Color bg)
{
	SDL_Color c = fixture_pixel(f, x, y);
	return c.r + c.g + c.b + 150 < bg.r + bg.g + bg.b;
}

/* The box around the ink inside r. */
static SDL_Rect ink_box(const struct fixture *f, SDL_Rect r)
{
	SDL_Color bg = fixture_pixel(f, 1, f->app->h - 2);
	int x0 = r.x + r.w, x1 = -1, y0 = r.y + r.h, y1 = -1;

	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			if (ink_at(f, x, y, bg)) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0;
				y1 = y > y1 ? y : y1;
			}
	return (SDL_Rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

/* The lowest ink in column x of box (above its top when there is none). */
static int ink_bottom(const struct fixture *f, SDL_Rect box, int x)
{
	SDL_Color bg = fixture_pixel(f, 1, f->app->h - 2);
	for (int y = box.y + box.h - 1; y >= box.y; y--)
		if (ink_at(f, x, y, bg))
			return y;
	return -1;
}

/* The staff panel's row keyed label: its label and value items. */
static void staff_row(struct fixture *f, const char *key, const struct app_item **label,
		      const struct app_item **value)
{
	int n;
	const struct app_item *items = fixture_items(f, &n);
	*label = fixture_item(f, app_str(f->app, key));
	assert_non_null(*label);
	assert_true(*label - items + 1 < n);
	*value = *label + 1;
}

/* Each label of the staff panel has its value beside it on its end side, on the
 * same line; the display's size, DPI and rotation read left to right in Arabic
 * too, ending in the degree sign at the right. */
static void staff_values_stand_beside_their_labels(void **state)
{
	(void)state;
	static const char *const keys[] = { "staff_kiosk", "staff_version", "staff_content",
					    "staff_disk",  "staff_display", "staff_problems" };
	for (int s = 0; s < NSIZES; s++)
		for (int l = 0; l < NLANGS; l++) {
			struct fixture *f =
				fixture_create(sizes[s][0], sizes[s][1], langs[l], 0, 0);
			const struct app_item *label, *value;
			show(f, &staff_screen);
			for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
				staff_row(f, keys[k], &label, &value);
				SDL_Rect lr = label->rect, vr = value->rect;
				bool beside =
					f->app->rtl ? vr.x + vr.w <= lr.x : vr.x >= lr.x + lr.w;
				if (!beside || vr.y >= lr.y + lr.h || lr.y >= vr.y + vr.h)
					fail_msg("%dx%d %s: \"%s\" is not beside its label \"%s\"",
						 sizes[s][0], sizes[s][1], langs[l], value->label,
						 label->label);
			}
			/* "Kiosk" and "demo" have nothing below the line in either script:
			 * the bottoms of their ink stand on one baseline. */
			staff_row(f, "staff_kiosk", &label, &value);
			SDL_Rect li = ink_box(f, label->rect), vi = ink_box(f, value->rect);
			if (abs((li.y + li.h) - (vi.y + vi.h)) > 2)
				fail_msg("%dx%d %s: the kiosk's id stands %d px off its label's "
					 "line",
					 sizes[s][0], sizes[s][1], langs[l],
					 (vi.y + vi.h) - (li.y + li.h));
			staff_row(f, "staff_display", &label, &value);
			vi = ink_box(f, value->rect);
			bool degree_last = true;
			for (int x = vi.x + vi.w - 1 - vi.h / 5; x < vi.x + vi.w; x++)
				degree_last &= ink_bottom(f, vi, x) < vi.y + vi.h / 2;
			if (!degree_last)
				fail_msg("%dx%d %s: \"%s\" does not end in its degree sign on the "
					 "right",
					 sizes[s][0], sizes[s][1], langs[l], value->label);
			fixture_destroy(f);
		}
}

/* Every text drawn in the last frame, as the wrapped text module saw it. */
struct drawn {
	char s[512];
	struct text_opts o;
	SDL_Rect r;	/* where it shows: its block, inside the clip of the moment */
	bool truncated; /* cut short with an ellipsis */
};

#define DRAWN_MAX 256
#define LAID_MAX  256

static struct drawn drawn[DRAWN_MAX];
static int ndrawn;
/* The last blocks laid out, to know which text a block drawn alone is. */
static struct {
	const struct text_block *b;
	char s[512];
	struct text_opts o;
} laid[LAID_MAX];
static int nlaid;
static SDL_Renderer *watched; /* the renderer whose clip applies */

void __real_text_frame_begin(struct text *t);
const struct text_block *__real_text_layout(struct text *t, const char *s,
					    const struct text_opts *o);
void __real_text_draw_block(struct text *t, const struct text_block *b, int x, int y);
SDL_Rect __real_text_draw(struct text *t, const char *s, const struct text_opts *o, int x, int y);
void __wrap_text_frame_begin(struct text *t);
const struct text_block *__wrap_text_layout(struct text *t, const char *s,
					    const struct text_opts *o);
void __wrap_text_draw_block(struct text *t, const struct text_block *b, int x, int y);
SDL_Rect __wrap_text_draw(struct text *t, const char *s, const struct text_opts *o, int x, int y);

void __wrap_text_frame_begin(struct text *t)
{
	ndrawn = nlaid = 0;
	__real_text_frame_begin(t);
}

const struct text_block *__wrap_text_layout(struct text *t, const char *s,
					    const struct text_opts *o)
{
	const struct text_block *b = __real_text_layout(t, s, o);
	int i = nlaid++ % LAID_MAX;
	laid[i].b = b;
	snprintf(laid[i].s, sizeof laid[i].s, "%s", s);
	laid[i].o = *o;
	return b;
}

/* Notes block b of s, laid out with o, drawn at r. */
static void note(const char *s, const struct text_opts *o, const struct text_block *b, SDL_Rect r)
{
	SDL_Rect clip;
	if (ndrawn == DRAWN_MAX || !b || r.w == 0)
		return;
	struct drawn *d = &drawn[ndrawn++];
	snprintf(d->s, sizeof d->s, "%s", s);
	d->o = *o;
	d->truncated = b->truncated;
	d->r = r;
	SDL_RenderGetClipRect(watched, &clip);
	if (!SDL_RectEmpty(&clip) && !SDL_IntersectRect(&r, &clip, &d->r))
		d->r = (SDL_Rect){ 0, 0, 0, 0 };
}

SDL_Rect __wrap_text_draw(struct text *t, const char *s, const struct text_opts *o, int x, int y)
{
	SDL_Rect r = __real_text_draw(t, s, o, x, y);
	note(s, o, __real_text_layout(t, s, o), r);
	return r;
}

void __wrap_text_draw_block(struct text *t, const struct text_block *b, int x, int y)
{
	__real_text_draw_block(t, b, x, y);
	for (int k = nlaid - 1; k >= 0 && k >= nlaid - LAID_MAX; k--) {
		int i = k % LAID_MAX;
		SDL_Rect where, r = { x, y, b ? b->w : 0, b ? b->h : 0 };
		if (laid[i].b != b)
			continue;
		/* The block still holds that text: it is drawn where it was put. */
		if (text_find(t, laid[i].s, &where) && SDL_RectEquals(&where, &r))
			note(laid[i].s, &laid[i].o, b, r);
		return;
	}
}

/* Whether a word of d is wider than its lines, so that the text module had to
 * cut it in two. */
static bool word_cut(struct text *t, const struct drawn *d)
{
	char buf[sizeof d->s];
	struct text_opts one = d->o;

	if (d->o.width <= 0)
		return false;
	one.width = 0;
	one.max_lines = 0;
	snprintf(buf, sizeof buf, "%s", d->s);
	for (char *save = NULL, *w = strtok_r(buf, " \n", &save); w;
	     w = strtok_r(NULL, " \n", &save)) {
		const struct text_block *b = __real_text_layout(t, w, &one);
		if (b && b->w > d->o.width)
			return true;
	}
	return false;
}

static bool overlap(SDL_Rect a, SDL_Rect b)
{
	return !SDL_RectEmpty(&a) && !SDL_RectEmpty(&b) && SDL_HasIntersection(&a, &b);
}

/* Texts that may be cut short or lie over others: the start of a promise on
 * its card, and the hint over a column that scrolls. */
static bool may_be_cut(struct fixture *f, const char *s)
{
	if (!strcmp(s, app_str(f->app, "scroll_more")))
		return true;
	for (int p = 0; p < f->app->content->npromises; p++)
		if (!strncmp(s, app_tr(f->app, &f->app->content->promises[p].body),
			     sizeof drawn[0].s - 1) &&
		    !strcmp(f->app->screen->name, "attract"))
			return true;
	return false;
}

/* What the frame on show does wrong, written to why; false when nothing. */
static bool frame_fault(struct fixture *f, char *why, size_t size)
{
	int n;
	const struct app_item *items = fixture_items(f, &n);
	SDL_Rect screen = { 0, 0, f->app->w, f->app->h };

	for (int i = 0; i < n; i++) {
		SDL_Rect a = items[i].rect;
		if (!SDL_RectEmpty(&a) && !inside(a, screen))
			return snprintf(why, size, "item \"%s\" is off the screen", items[i].label);
		for (int j = i + 1; j < n; j++) {
			SDL_Rect b = items[j].rect;
			if (overlap(a, b) && !inside(a, b) && !inside(b, a))
				return snprintf(why, size, "items \"%s\" and \"%s\" overlap",
						items[i].label, items[j].label);
		}
	}
	for (int i = 0; i < ndrawn; i++) {
		const struct drawn *d = &drawn[i];
		if (may_be_cut(f, d->s))
			continue;
		if (d->truncated)
			return snprintf(why, size, "\"%s\" is cut short", d->s);
		if (word_cut(f->app->text, d))
			return snprintf(why, size, "a word of \"%s\" is cut in two", d->s);
		if (!SDL_RectEmpty(&d->r) && !inside(d->r, screen))
			return snprintf(why, size, "\"%s\" is off the screen", d->s);
		for (int j = i + 1; j < ndrawn; j++)
			if (overlap(d->r, drawn[j].r) && !may_be_cut(f, drawn[j].s))
				return snprintf(why, size, "\"%s\" lies over \"%s\"", d->s,
						drawn[j].s);
		for (int k = 0; k < n; k++) {
			bool target =
				items[k].role == APP_ROLE_BUTTON || items[k].role == APP_ROLE_LINK;
			if (target && overlap(d->r, items[k].rect) &&
			    !inside(d->r, items[k].rect) && !may_be_cut(f, items[k].label))
				return snprintf(why, size, "\"%s\" runs under \"%s\"", d->s,
						items[k].label);
		}
	}
	return false;
}

/* The sizes of the screens the kiosk runs on, with their DPI: the official
 * Raspberry Pi 7-inch display, a 10-inch panel, and the defaults at 96. (Screens
 * under 85 mm on the shorter side, such as 800x480 at 160 dpi, are smaller than
 * the layouts are made for: see the README.) */
static const struct {
	int w, h;
	double dpi;
} displays[] = { { 800, 480, 133 }, { 1280, 800, 160 }, { 800, 480, 96 },
		 { 1280, 800, 96 }, { 1920, 1080, 96 }, { 1080, 1920, 96 } };
#define NDISPLAYS (int)(sizeof displays / sizeof displays[0])

/* The visible part of the promise screen's text column: the column's item, down
 * to the "read more" link where it has one. */
static SDL_Rect column_view(const struct fixture *f)
{
	int n;
	const struct app_item *items = fixture_items(f, &n);
	SDL_Rect view = { 0, 0, 0, 0 };

	for (int i = 0; i < n; i++)
		if (items[i].role == APP_ROLE_TEXT && view.h == 0)
			view = items[i].rect;
	for (int i = 0; i < n; i++)
		if (items[i].role == APP_ROLE_LINK && items[i].rect.y > view.y &&
		    items[i].rect.y < view.y + view.h)
			view.h = items[i].rect.y - view.y;
	return view;
}

/* What was done most recently is what a visitor comes back for: on every
 * promise, at every display, in every language, its first line is in sight
 * before any scrolling. */
static void the_latest_update_is_seen_without_scrolling(void **state)
{
	(void)state;
	for (size_t s = 0; s < sizeof displays / sizeof displays[0]; s++)
		for (int l = 0; l < NLANGS; l++) {
			struct fixture *f = fixture_create(displays[s].w, displays[s].h, langs[l],
							   0, displays[s].dpi);
			f->app->always_open = true;
			int line = text_line_height(f->app->text, TEXT_BODY);
			for (int p = 0; p < f->app->content->npromises; p++) {
				const struct content_promise *pr = &f->app->content->promises[p];
				if (pr->nupdates == 0)
					continue;
				f->app->promise = p;
				show(f, &promise_screen);
				const char *latest =
					app_tr(f->app, &pr->updates[pr->nupdates - 1].text);
				SDL_Rect where, view = column_view(f);
				bool seen = text_find(f->app->text, latest, &where) &&
					    where.y >= view.y && where.y + line <= view.y + view.h;
				if (!seen)
					fail_msg("%dx%d@%.0f %s: promise %d's latest update is out "
						 "of "
						 "sight (at y %d, the column shows %d to %d)",
						 displays[s].w, displays[s].h, displays[s].dpi,
						 langs[l], p + 1, where.y, view.y, view.y + view.h);
			}
			fixture_destroy(f);
		}
}

/* The faults of a tour of every screen at display d in look, printed; their
 * number. */
static int tour_faults(int d, unsigned look)
{
	static const char *const looks[] = { "", " large", " contrast", " large contrast" };
	int faults = 0;

	for (int l = 0; l < NLANGS; l++) {
		struct fixture *f =
			fixture_create(displays[d].w, displays[d].h, langs[l], 0, displays[d].dpi);
		char why[1200];
		watched = f->app->renderer;
		f->app->always_open = true;
		fixture_set_look(f, look);
		for (int k = 0; fixture_tour(f, k); k++)
			if (frame_fault(f, why, sizeof why)) {
				print_message("%dx%d@%.0f%s %s %s (%d): %s\n", displays[d].w,
					      displays[d].h, displays[d].dpi, looks[look & 3],
					      langs[l], fixture_screen(f), k, why);
				faults++;
			}
		fixture_destroy(f);
	}
	return faults;
}

/* Every screen, every promise, every stage of the survey and each of its
 * questions: nothing cut, nothing on top of something else, nothing off the
 * screen, at every display in every direction. */
static void every_screen_shows_everything_whole_and_apart(void **state)
{
	(void)state;
	int faults = 0;
	for (int d = 0; d < NDISPLAYS; d++)
		faults += tour_faults(d, THEME_LOOK_PLAIN);
	assert_int_equal(faults, 0);
}

/* The same in large text (EN 301 549 5.1.4), alone and with high contrast, at
 * every display: where the screen holds too few lines, on a page taller than
 * the screen, which the visitor scrolls. */
static void large_text_shows_everything_whole_and_apart(void **state)
{
	(void)state;
	int faults = 0;
	for (int d = 0; d < NDISPLAYS; d++) {
		faults += tour_faults(d, THEME_LOOK_LARGE);
		faults += tour_faults(d, THEME_LOOK_LARGE | THEME_LOOK_CONTRAST);
	}
	assert_int_equal(faults, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_promise_title_can_be_read_whole),
		cmocka_unit_test(a_title_too_long_for_the_header_opens_the_column),
		cmocka_unit_test(scales_keep_their_order_and_grids_their_columns),
		cmocka_unit_test(staff_values_stand_beside_their_labels),
		cmocka_unit_test(every_screen_shows_everything_whole_and_apart),
		cmocka_unit_test(the_latest_update_is_seen_without_scrolling),
		cmocka_unit_test(large_text_shows_everything_whole_and_apart),
	};
	/* LAYOUT_TEST=large* runs only the tests whose names match. */
	if (getenv("LAYOUT_TEST"))
		cmocka_set_test_filter(getenv("LAYOUT_TEST"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
