/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of what the theme promises visitors: readable contrast for every text on
 * its background, and touch targets of at least 10 mm and 48 px on every screen,
 * at every supported size, in both directions. */
#include "helpers.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

static void every_text_colour_has_contrast_4_5(void **state)
{
	(void)state;
	for (int i = 0; i < theme_pair_count; i++) {
		double c = theme_contrast(theme_colors[theme_pairs[i].text],
					  theme_colors[theme_pairs[i].background]);
		if (c < 4.5)
			fail_msg("pair %d: contrast %.2f < 4.5", i, c);
	}
}

static int by_value(const void *a, const void *b)
{
	Uint32 x = *(const Uint32 *)a, y = *(const Uint32 *)b;
	return x < y ? -1 : x > y;
}

/* The colours of a text drawn inside r, a few pixels in from its edge (away
 * from borders and rounded corners): the background, drawn most, and the text's
 * own. False when nothing in r stands out from the background. */
static bool drawn_pair(const struct fixture *f, SDL_Rect r, SDL_Color *text, SDL_Color *bg)
{
	SDL_Rect screen = { 0, 0, f->app->w, f->app->h }, in;
	r = (SDL_Rect){ r.x + 4, r.y + 4, r.w - 8, r.h - 8 };
	if (!SDL_IntersectRect(&r, &screen, &in))
		return false;
	Uint32 *px = malloc(sizeof *px * (size_t)in.w * (size_t)in.h);
	int n = 0;
	assert_non_null(px);
	for (int y = in.y; y < in.y + in.h; y++)
		for (int x = in.x; x < in.x + in.w; x++)
			px[n++] =
				((const Uint32 *)f->surface->pixels)[y * f->surface->pitch / 4 + x];
	qsort(px, (size_t)n, sizeof *px, by_value);
	Uint32 first = 0;
	int nfirst = 0, nsecond = 0, run;
	for (int i = 0; i < n; i += run) {
		for (run = 1; i + run < n && px[i + run] == px[i]; run++)
			;
		if (run > nfirst)
			first = px[i], nfirst = run;
	}
	SDL_GetRGB(first, f->surface->format, &bg->r, &bg->g, &bg->b);
	/* The text's colour is the one furthest from the background that at least
	 * three pixels reach (so a stray pixel does not count): the solid stems of
	 * its glyphs. Smoothed edges, fades and shadows are blends, all nearer the
	 * background. So: the third pixel in order of contrast. */
	double best = 1.0, top[3] = { 0 };
	SDL_Color tops[3];
	for (int i = 0; i < n; i += run) {
		SDL_Color c;
		for (run = 1; i + run < n && px[i + run] == px[i]; run++)
			;
		SDL_GetRGB(px[i], f->surface->format, &c.r, &c.g, &c.b);
		double k = theme_contrast(c, *bg);
		/* Each of its pixels takes a place among the three with most contrast. */
		for (int p = 0; p < run && p < 3; p++) {
			int at = 3;
			while (at > 0 && k > top[at - 1])
				at--;
			if (at == 3)
				break;
			for (int m = 2; m > at; m--) {
				top[m] = top[m - 1];
				tops[m] = tops[m - 1];
			}
			top[at] = k;
			tops[at] = c;
			nsecond++;
		}
	}
	best = top[2];
	*text = tops[2];
	free(px);
	return nsecond >= 3 && best >= 1.5;
}

/* What a visitor reads is what is drawn: every text, heading and button label on
 * every screen, in both directions, against the colour under it. The theme's
 * list of pairs above cannot see a screen that draws another colour. */
static void every_drawn_text_has_contrast_4_5(void **state)
{
	(void)state;
	static const char *const langs[] = { "sv", "ar" };
	int checked = 0;

	for (size_t l = 0; l < 2; l++) {
		struct fixture *f = fixture_create(800, 480, langs[l], 0, 0);
		f->app->always_open = true;
		for (int k = 0; fixture_tour(f, k); k++) {
			int n;
			const struct app_item *items = fixture_items(f, &n);
			for (int i = 0; i < n; i++) {
				enum app_role role = items[i].role;
				SDL_Color text, bg;
				if ((role != APP_ROLE_TEXT && role != APP_ROLE_HEADING &&
				     role != APP_ROLE_BUTTON) ||
				    !items[i].label[0] || !drawn_pair(f, items[i].rect, &text, &bg))
					continue;
				double c = theme_contrast(text, bg);
				if (c < 4.5) {
					fixture_save(f, "build/test/contrast-fail.png");
					fail_msg("%s %s: \"%s\" at %d,%d %dx%d: #%02x%02x%02x on "
						 "#%02x%02x%02x is "
						 "%.2f:1",
						 langs[l], fixture_screen(f), items[i].label,
						 items[i].rect.x, items[i].rect.y, items[i].rect.w,
						 items[i].rect.h, text.r, text.g, text.b, bg.r,
						 bg.g, bg.b, c);
				}
				checked++;
			}
		}
		fixture_destroy(f);
	}
	assert_true(checked > 100);
}

static void contrast_formula_matches_wcag(void **state)
{
	(void)state;
	SDL_Color black = { 0, 0, 0, 255 }, white = { 255, 255, 255, 255 };
	SDL_Color grey = { 0x76, 0x76, 0x76, 255 };
	assert_float_equal(theme_contrast(black, white), 21.0, 0.01);
	assert_float_equal(theme_contrast(white, white), 1.0, 0.001);
	/* #767676 on white is the well-known 4.54:1. */
	assert_float_equal(theme_contrast(grey, white), 4.54, 0.01);
}

static void targets_are_big_enough_everywhere(void **state)
{
	(void)state;
	static const int sizes[][2] = {
		{ 800, 480 }, { 1280, 800 }, { 1920, 1080 }, { 1080, 1920 }
	};
	static const double dpis[] = { 0, 133, 220 };
	static const char *langs[] = { "sv", "ar" };

	for (size_t s = 0; s < 4; s++)
		for (size_t d = 0; d < 3; d++)
			for (size_t l = 0; l < 2; l++) {
				struct fixture *f = fixture_create(sizes[s][0], sizes[s][1],
								   langs[l], 0, dpis[d]);
				int min = theme_mm(&f->app->theme, 10);
				if (min < 48)
					min = 48;
				for (int k = 0; k < screens_count; k++) {
					app_switch(f->app, screens_all[k]);
					fixture_step(f);
					int n, ntargets = 0;
					const struct app_item *items = fixture_items(f, &n);
					for (int t = 0; t < n; t++) {
						if (items[t].action == APP_NO_ACTION)
							continue;
						ntargets++;
						SDL_Rect r = items[t].rect;
						if (r.w < min || r.h < min || r.x < 0 || r.y < 0 ||
						    r.x + r.w > f->app->w || r.y + r.h > f->app->h)
							fail_msg("%dx%d %s dpi %.0f screen %s "
								 "target %d: "
								 "%dx%d at %d,%d (min %d)",
								 sizes[s][0], sizes[s][1], langs[l],
								 dpis[d], screens_all[k]->name,
								 items[t].action, r.w, r.h, r.x,
								 r.y, min);
					}
					assert_true(ntargets > 0);
				}
				fixture_destroy(f);
			}
}

static void targets_do_not_overlap(void **state)
{
	(void)state;
	static const int sizes[][2] = {
		{ 800, 480 }, { 1280, 800 }, { 1920, 1080 }, { 1080, 1920 }
	};
	for (size_t s = 0; s < 8; s++) {
		struct fixture *f =
			fixture_create(sizes[s / 2][0], sizes[s / 2][1], s % 2 ? "ar" : "sv", 0, 0);
		for (int k = 0; k < screens_count; k++) {
			app_switch(f->app, screens_all[k]);
			fixture_step(f);
			int n;
			const struct app_item *items = fixture_items(f, &n);
			for (int a = 0; a < n; a++)
				for (int b = a + 1; b < n; b++)
					if (items[a].action != APP_NO_ACTION &&
					    items[b].action != APP_NO_ACTION &&
					    SDL_HasIntersection(&items[a].rect, &items[b].rect))
						fail_msg("%dx%d screen %s: targets %d and %d "
							 "overlap",
							 sizes[s / 2][0], sizes[s / 2][1],
							 screens_all[k]->name, items[a].action,
							 items[b].action);
		}
		fixture_destroy(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_text_colour_has_contrast_4_5),
		cmocka_unit_test(every_drawn_text_has_contrast_4_5),
		cmocka_unit_test(contrast_formula_matches_wcag),
		cmocka_unit_test(targets_are_big_enough_everywhere),
		cmocka_unit_test(targets_do_not_overlap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
