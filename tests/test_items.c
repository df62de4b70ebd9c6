/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of what every screen says it shows: its items come in reading order for
 * the language's direction, every button has words to speak, every target lies
 * on the screen, and a visitor's tap by label does what the label says. */
#include "helpers.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Whether b may follow a in reading order: b lies wholly on a's end side (the
 * next thing on the line, or the top of the next column); or, on the same line,
 * it starts no nearer the start side (it may lie inside a); or it lies below. */
static bool follows(const struct app_item *a, const struct app_item *b, bool rtl)
{
	SDL_Rect ra = a->rect, rb = b->rect;
	int a_end = ra.x + ra.w, b_end = rb.x + rb.w;

	if (rtl ? b_end <= ra.x : rb.x >= a_end)
		return true;
	if (rb.y < ra.y + ra.h && ra.y < rb.y + rb.h)
		return rtl ? b_end <= a_end : rb.x >= ra.x;
	return rb.y >= ra.y + ra.h;
}

static void check_items(const struct fixture *f, const char *where)
{
	const struct app *app = f->app;
	int n;
	const struct app_item *items = fixture_items(f, &n);

	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		const struct app_item *it = &items[i];
		SDL_Rect r = it->rect;
		bool speaks = it->role == APP_ROLE_BUTTON || it->role == APP_ROLE_LINK ||
			      it->role == APP_ROLE_QR || it->action != APP_NO_ACTION;
		if (speaks && !it->label[0])
			fail_msg("%s: item %d (action %d) has no label", where, i, it->action);
		if (it->action != APP_NO_ACTION &&
		    (r.x < 0 || r.y < 0 || r.x + r.w > app->w || r.y + r.h > app->h))
			fail_msg("%s: \"%s\" at %d,%d %dx%d is off the %dx%d screen", where,
				 it->label, r.x, r.y, r.w, r.h, app->w, app->h);
		if (i > 0 && !follows(&items[i - 1], it, app->rtl))
			fail_msg("%s: \"%s\" (%d,%d) comes before \"%s\" (%d,%d) in reading order",
				 where, items[i - 1].label, items[i - 1].rect.x,
				 items[i - 1].rect.y, it->label, r.x, r.y);
	}
}

static void show(struct fixture *f, const struct screen *screen)
{
	app_switch(f->app, screen);
	fixture_step(f);
}

static void check_screen(struct fixture *f, const char *size, const char *lang)
{
	char where[160];
	snprintf(where, sizeof where, "%s %s %s", size, lang, fixture_screen(f));
	check_items(f, where);
}

/* Every stage of the survey screen, every question of the first survey among them. */
static void check_survey(struct fixture *f, const char *size, const char *lang)
{
	struct app *app = f->app;
	const struct content_survey *sv = &app->content->surveys[0];
	static const int stages[] = { SURVEY_CHOOSE, SURVEY_INTRO, SURVEY_FAILED };

	for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
		app->survey.index = 0;
		app->survey.stage = stages[i];
		show(f, &survey_screen);
		check_screen(f, size, lang);
	}
	for (int q = 0; q < sv->nquestions; q++) {
		app->survey.index = 0;
		app->survey.stage = SURVEY_QUESTION;
		survey_start(&app->survey.run, sv, 1);
		app->survey.run.current = q;
		show(f, &survey_screen);
		check_screen(f, size, lang);
	}
}

static void every_screen_lists_its_items_in_reading_order(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 800, 480 }, { 1080, 1920 } };
	static const char *const langs[] = { "sv", "ar" };

	for (size_t s = 0; s < 2; s++)
		for (size_t l = 0; l < 2; l++) {
			char size[32];
			snprintf(size, sizeof size, "%dx%d", sizes[s][0], sizes[s][1]);
			struct fixture *f =
				fixture_create(sizes[s][0], sizes[s][1], langs[l], 0, 0);
			f->app->always_open = true;
			for (int k = 0; k < screens_count; k++) {
				show(f, screens_all[k]);
				check_screen(f, size, langs[l]);
			}
			for (int p = 0; p < f->app->content->npromises; p++) {
				f->app->promise = p;
				show(f, &promise_screen);
				check_screen(f, size, langs[l]);
			}
			check_survey(f, size, langs[l]);
			fixture_destroy(f);
		}
}

static void a_tap_by_label_does_what_it_says(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);

	fixture_tap_item(f, app_str(f->app, "links"));
	assert_string_equal(fixture_screen(f), "links");
	const struct app_item *heading = fixture_item(f, app_str(f->app, "links_title"));
	assert_non_null(heading);
	assert_int_equal(heading->role, APP_ROLE_HEADING);
	/* Choosing a link selects it and shows its code. */
	const char *second = app_tr(f->app, &f->app->content->links[1].label);
	fixture_tap_item(f, second);
	fixture_step(f);
	int n, qr = 0;
	const struct app_item *items = fixture_items(f, &n);
	for (int i = 0; i < n; i++) {
		if (items[i].role == APP_ROLE_QR) {
			assert_string_equal(items[i].label, second);
			qr++;
		}
		if (items[i].role == APP_ROLE_BUTTON && !strcmp(items[i].label, second))
			assert_true(items[i].state & APP_ITEM_SELECTED);
	}
	assert_int_equal(qr, 1);
	fixture_tap_item(f, app_str(f->app, "back"));
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

/* The card says which promise it opens, also after the carousel moved on. */
static void the_card_follows_the_promise_on_show(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	const struct content *c = f->app->content;

	assert_non_null(fixture_item(f, app_tr(f->app, &c->promises[0].title)));
	fixture_tap_item(f, app_str(f->app, "next"));
	fixture_advance(f, 1000);
	const struct app_item *card = fixture_item(f, app_tr(f->app, &c->promises[1].title));
	assert_non_null(card);
	assert_int_equal(card->role, APP_ROLE_LINK);
	assert_null(fixture_item(f, app_tr(f->app, &c->promises[0].title)));
	fixture_tap_item(f, card->label);
	assert_string_equal(fixture_screen(f), "promise");
	assert_int_equal(f->app->promise, 1);
	fixture_destroy(f);
}

/* Scrolling moves the text inside its window: the items stay where they are. */
static void scrolling_leaves_the_items_in_place(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	struct app_item before[APP_ITEMS_MAX];
	int n, m;

	show(f, &promise_screen);
	memcpy(before, fixture_items(f, &n), sizeof before);
	const struct app_item *more = fixture_item(f, app_str(f->app, "scroll_more"));
	assert_non_null(more);
	SDL_Rect col = f->app->items[2].rect;
	fixture_swipe(f, col.x + col.w / 2, col.y + col.h * 2 / 3, col.x + col.w / 2,
		      col.y + col.h / 3);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "promise");
	const struct app_item *after = fixture_items(f, &m);
	assert_int_equal(n, m);
	for (int i = 0; i < n; i++) {
		assert_memory_equal(&before[i].rect, &after[i].rect, sizeof(SDL_Rect));
		assert_string_equal(before[i].label, after[i].label);
	}
	fixture_destroy(f);
}

/* Which third of the width a rectangle's middle lies in: -1 start... */
static int third(SDL_Rect r, int w)
{
	int mid = r.x + r.w / 2;
	return mid < w / 3 ? -1 : mid >= w - w / 3 ? 1 : 0;
}

/* In Arabic every screen is its Swedish layout mirrored: each thing a visitor can
 * tap is at the other side. */
static void right_to_left_mirrors_every_screen(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 800, 480 }, { 1080, 1920 } };
	struct app_item ltr[APP_ITEMS_MAX];

	for (size_t s = 0; s < 2; s++) {
		struct fixture *f = fixture_create(sizes[s][0], sizes[s][1], "sv", 0, 0);
		int w = f->app->w, checked = 0, sides = 0, k;
		f->app->always_open = true;
		for (k = 0; fixture_tour(f, k); k++) {
			int n, m;
			app_set_language(f->app, "sv");
			fixture_tour(f, k);
			memcpy(ltr, fixture_items(f, &n), sizeof ltr);
			app_set_language(f->app, "ar");
			fixture_tour(f, k);
			const struct app_item *rtl = fixture_items(f, &m);
			for (int i = 0; i < n; i++) {
				if (ltr[i].action == APP_NO_ACTION)
					continue;
				const struct app_item *it = NULL;
				for (int j = 0; j < m && !it; j++)
					if (rtl[j].action == ltr[i].action)
						it = &rtl[j];
				if (!it)
					fail_msg("%dx%d %s: action %d (\"%s\") is gone in Arabic", w,
						 f->app->h, fixture_screen(f), ltr[i].action,
						 ltr[i].label);
				/* The PIN pad keeps its layout in every language, as
				 * phone keypads do. */
				if (!strcmp(fixture_screen(f), "pin"))
					continue;
				/* Options whose Arabic labels are shorter may fit more columns:
				 * another grid, not a mirror. */
				if (abs(it->rect.w - ltr[i].rect.w) * 3 > ltr[i].rect.w)
					continue;
				/* Only across: texts wrap differently in Arabic, so rows may
				 * move up or down. */
				if (third(it->rect, w) != -third(ltr[i].rect, w))
					fail_msg("%dx%d %s: \"%s\" at %d,%d w %d is not the mirror of "
						 "\"%s\" at %d,%d w %d",
						 w, f->app->h, fixture_screen(f), it->label, it->rect.x,
						 it->rect.y, it->rect.w, ltr[i].label, ltr[i].rect.x, ltr[i].rect.y, ltr[i].rect.w);
				checked++;
				sides += third(ltr[i].rect, w) != 0;
			}
		}
		/* The tour went everywhere, and there was something to mirror. */
		assert_true(k > screens_count + 3);
		assert_true(checked > 40);
		assert_true(sides > 10);
		fixture_destroy(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_screen_lists_its_items_in_reading_order),
		cmocka_unit_test(a_tap_by_label_does_what_it_says),
		cmocka_unit_test(the_card_follows_the_promise_on_show),
		cmocka_unit_test(scrolling_leaves_the_items_in_place),
		cmocka_unit_test(right_to_left_mirrors_every_screen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
