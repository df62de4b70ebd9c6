/* Tests of what the theme promises visitors: readable contrast for every text on
 * its background, and touch targets of at least 10 mm and 48 px on every screen,
 * at every supported size, in both directions. */
#include "helpers.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
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
		cmocka_unit_test(contrast_formula_matches_wcag),
		cmocka_unit_test(targets_are_big_enough_everywhere),
		cmocka_unit_test(targets_do_not_overlap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
