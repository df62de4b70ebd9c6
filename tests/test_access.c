/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the way to large text, high contrast and reading aloud that needs no
 * speech (EN 301 549 5.1.4): the accessibility button on the attract screen, its
 * screen's toggles, and what each one changes at once. */
#include "helpers.h"
#include "kiosk/text.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static const int sizes[][2] = { { 800, 480 }, { 1280, 800 }, { 1920, 1080 }, { 1080, 1920 } };
static const char *const langs[] = { "sv", "en", "ar" };

/* The fixture on the accessibility screen, reached by its button. */
static struct fixture *open_access(int w, int h, const char *lang, double dpi)
{
	struct fixture *f = fixture_create(w, h, lang, 0, dpi);
	fixture_tap_item(f, app_str(f->app, "access_button"));
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "access");
	return f;
}

/* The button is on the attract screen at every size in every language, a
 * target in its own words, outside both corners of the staff's gesture. */
static void the_button_is_visible_and_off_the_staff_corners(void **state)
{
	(void)state;
	for (int s = 0; s < 4; s++)
		for (int l = 0; l < 3; l++) {
			struct fixture *f =
				fixture_create(sizes[s][0], sizes[s][1], langs[l], 0, 0);
			const struct app_item *it =
				fixture_item(f, app_str(f->app, "access_button"));
			assert_non_null(it);
			assert_int_not_equal(it->action, APP_NO_ACTION);
			int zone = f->app->theme.target * 3 / 2;
			SDL_Rect corners[2] = { { 0, 0, zone, zone },
						{ f->app->w - zone, f->app->h - zone, zone,
						  zone } };
			for (int c = 0; c < 2; c++)
				if (SDL_HasIntersection(&it->rect, &corners[c]))
					fail_msg(
						"%dx%d %s: the accessibility button is in a corner "
						"of the staff's gesture",
						sizes[s][0], sizes[s][1], langs[l]);
			assert_true(it->rect.y + it->rect.h <= f->app->h);
			fixture_destroy(f);
		}
}

/* The screen reads: its title, the hint, then the three toggles in order, each a
 * button that says whether it is on. */
static void the_toggles_are_items_in_reading_order(void **state)
{
	(void)state;
	static const char *const keys[] = { "access_large", "access_contrast", "access_speech" };
	for (int l = 0; l < 3; l++) {
		struct fixture *f = open_access(800, 480, langs[l], 133);
		int n, k = 0;
		const struct app_item *items = fixture_items(f, &n);
		assert_non_null(fixture_item(f, app_str(f->app, "back")));
		assert_int_equal(fixture_item(f, app_str(f->app, "access_title"))->role,
				 APP_ROLE_HEADING);
		for (int i = 0; i < n && k < 3; i++)
			if (!strcmp(items[i].label, app_str(f->app, keys[k]))) {
				assert_int_equal(items[i].role, APP_ROLE_BUTTON);
				assert_int_equal(items[i].state, APP_ITEM_PLAIN);
				k++;
			}
		assert_int_equal(k, 3);
		fixture_destroy(f);
	}
}

/* The height of the text "needle" drawn in the last frame. */
static int drawn_height(struct fixture *f, const char *needle)
{
	SDL_Rect where;
	assert_true(text_find(f->app->text, needle, &where));
	return where.h;
}

/* "Larger text" gives every text capitals of 6.1 mm at the display's DPI and
 * draws the screen's words larger at once; a second tap takes it back. */
static void larger_text_is_6_1_mm_at_once(void **state)
{
	(void)state;
	static const double dpis[] = { 96, 133, 160 };
	for (int d = 0; d < 3; d++) {
		struct fixture *f = open_access(1280, 800, "sv", dpis[d]);
		const char *large = app_str(f->app, "access_large");
		const char *hint = app_str(f->app, "access_hint");
		int before = drawn_height(f, hint);
		fixture_tap_item(f, large);
		fixture_step(f);
		assert_string_equal(fixture_screen(f), "access");
		assert_true(f->app->theme.look & THEME_LOOK_LARGE);
		for (int s = 0; s < TEXT_STYLE_COUNT; s++) {
			double cap_mm =
				(f->app->theme.fonts[s] * THEME_CAP_HEIGHT - 1) * 25.4 / dpis[d];
			if (cap_mm < THEME_LARGE_CAP_MM)
				fail_msg("%.0f dpi: style %d has capitals of %.2f mm", dpis[d], s,
					 cap_mm);
		}
		assert_true(drawn_height(f, hint) >= before * 3 / 2);
		assert_int_equal(fixture_item(f, large)->state, APP_ITEM_SELECTED);
		fixture_tap_item(f, large);
		fixture_step(f);
		assert_false(f->app->theme.look & THEME_LOOK_LARGE);
		assert_int_equal(drawn_height(f, hint), before);
		fixture_destroy(f);
	}
}

static bool same(SDL_Color a, SDL_Color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* "High contrast" turns the background black at once, and stays on through the
 * way back to the attract screen. */
static void high_contrast_shows_at_once(void **state)
{
	(void)state;
	struct fixture *f = open_access(800, 480, "ar", 133);
	const char *contrast = app_str(f->app, "access_contrast");
	int x = 2, y = f->app->h - 2;

	assert_true(same(fixture_pixel(f, x, y), theme_colors[THEME_BG]));
	fixture_tap_item(f, contrast);
	fixture_step(f);
	assert_true(same(fixture_pixel(f, x, y), theme_colors_contrast[THEME_BG]));
	assert_int_equal(fixture_item(f, contrast)->state, APP_ITEM_SELECTED);
	fixture_tap_item(f, app_str(f->app, "back"));
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	assert_true(f->app->theme.look & THEME_LOOK_CONTRAST);
	fixture_destroy(f);
}

/* "Read aloud" turns accessibility mode on and off, and says which. */
static void read_aloud_turns_speech_on_and_off(void **state)
{
	(void)state;
	struct fixture *f = open_access(1080, 1920, "en", 0);
	const char *speech = app_str(f->app, "access_speech");

	fixture_tap_item(f, speech);
	fixture_step(f);
	assert_true(f->app->access.speech);
	assert_int_equal(fixture_item(f, speech)->state, APP_ITEM_SELECTED);
	fixture_tap_item(f, speech);
	fixture_step(f);
	assert_false(f->app->access.speech);
	assert_int_equal(fixture_item(f, speech)->state, APP_ITEM_PLAIN);
	fixture_destroy(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_button_is_visible_and_off_the_staff_corners),
		cmocka_unit_test(the_toggles_are_items_in_reading_order),
		cmocka_unit_test(larger_text_is_6_1_mm_at_once),
		cmocka_unit_test(high_contrast_shows_at_once),
		cmocka_unit_test(read_aloud_turns_speech_on_and_off),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
