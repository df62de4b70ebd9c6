/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of what the theme promises visitors: readable contrast for every text on
 * its background, capitals tall enough to read at the display's DPI, and touch
 * targets of at least 10 mm and 48 px on every screen, at every supported size,
 * in both directions. */
#include "helpers.h"
#include "kiosk/ui.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <SDL2/SDL_ttf.h>
#include <cmocka.h>

static const int sizes[][2] = { { 800, 480 }, { 1280, 800 }, { 1920, 1080 }, { 1080, 1920 } };

/* Every pair of the everyday palette is at least 4.5:1 (WCAG AA), every pair of
 * the high-contrast one at least 7:1 (AAA). */
static void every_palette_pair_has_its_contrast(void **state)
{
	(void)state;
	static const struct {
		const SDL_Color *colors;
		double min;
	} palettes[] = { { theme_colors, 4.5 }, { theme_colors_contrast, 7.0 } };

	for (size_t p = 0; p < 2; p++) {
		double least = 21;
		for (int i = 0; i < theme_pair_count; i++) {
			double c = theme_contrast(palettes[p].colors[theme_pairs[i].text],
						  palettes[p].colors[theme_pairs[i].background]);
			if (c < palettes[p].min)
				fail_msg("palette %zu pair %d: contrast %.2f < %.1f", p, i, c,
					 palettes[p].min);
			least = c < least ? c : least;
		}
		print_message("palette %zu: the least contrast is %.2f:1\n", p, least);
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
static void drawn_text_has_contrast(unsigned look, double min)
{
	static const char *const langs[] = { "sv", "ar" };
	int checked = 0;

	for (size_t l = 0; l < 2; l++) {
		struct fixture *f = fixture_create(800, 480, langs[l], 0, 0);
		f->app->always_open = true;
		fixture_set_look(f, look);
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
				if (c < min) {
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

static void every_drawn_text_has_contrast_4_5(void **state)
{
	(void)state;
	drawn_text_has_contrast(THEME_LOOK_PLAIN, 4.5);
}

/* In high contrast, what is drawn is 7:1 too: no screen keeps a colour of its
 * own. */
static void every_drawn_text_has_contrast_7_in_high_contrast(void **state)
{
	(void)state;
	drawn_text_has_contrast(THEME_LOOK_CONTRAST, 7.0);
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

/* The Latin font of a style, as fonts/fonts.ini names it ("regular" or "bold"). */
static void latin_font(const char *key, char *path, size_t size)
{
	FILE *ini = fopen(SOURCE_DIR "/fonts/fonts.ini", "r");
	char line[512];
	bool latin = false;

	assert_non_null(ini);
	path[0] = '\0';
	while (!path[0] && fgets(line, sizeof line, ini)) {
		char name[32], value[400];
		if (line[0] == '[')
			latin = !strncmp(line, "[Latn]", 6);
		else if (latin && sscanf(line, " %31[a-z_] = %399s", name, value) == 2 &&
			 !strcmp(name, key))
			snprintf(path, size, "%s", value);
	}
	fclose(ini);
	assert_true(path[0]);
}

/* The height of a capital H as the kiosk draws it at px: hinted as text.c does. */
static int cap_height(const char *path, int px)
{
	TTF_Font *font = TTF_OpenFont(path, px);
	int minx, maxx, miny, maxy, advance;

	assert_non_null(font);
	TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
	assert_int_equal(TTF_GlyphMetrics(font, 'H', &minx, &maxx, &miny, &maxy, &advance), 0);
	TTF_CloseFont(font);
	return maxy;
}

/* Read from half a metre, every text's capitals are at least 2.5 mm tall and body
 * text's and headings' 3 mm, measured in the font the kiosk uses, at the display's
 * DPI; in large text every text's 6.1 mm (EN 301 549 5.1.4) and half as large
 * again as usual. Headings stay larger than body text, small text no larger. */
static void text_is_tall_enough_at_every_dpi(void **state)
{
	(void)state;
	static const double dpis[] = { 0, 96, 160, 220 };
	char regular[400], bold[400];

	latin_font("regular", regular, sizeof regular);
	latin_font("bold", bold, sizeof bold);
	assert_int_equal(TTF_Init(), 0);
	for (size_t s = 0; s < 4; s++)
		for (size_t d = 0; d < 8; d++) {
			struct theme th, plain;
			bool large = d >= 4;
			theme_init(&plain, sizes[s][0], sizes[s][1], dpis[d % 4], THEME_LOOK_PLAIN);
			theme_init(&th, sizes[s][0], sizes[s][1], dpis[d % 4],
				   large ? THEME_LOOK_LARGE : THEME_LOOK_PLAIN);
			const int *px = th.fonts;
			for (int style = 0; style < TEXT_STYLE_COUNT; style++) {
				bool small = style == TEXT_SMALL;
				const char *font = small || style == TEXT_BODY ? regular : bold;
				double floor = large   ? THEME_LARGE_CAP_MM
					       : small ? THEME_CAP_MM
						       : THEME_BODY_CAP_MM;
				int cap = cap_height(font, px[style]);
				double mm = cap * 25.4 / th.dpi;
				if (mm < floor)
					fail_msg("%dx%d at %.0f dpi%s: style %d of %d px has "
						 "capitals of %d px, %.2f mm < %.1f mm",
						 sizes[s][0], sizes[s][1], th.dpi,
						 large ? " large" : "", style, px[style], cap, mm,
						 floor);
				assert_true(px[style] >= plain.fonts[style] * THEME_LARGE_SCALE ||
					    !large);
			}
			assert_true(px[TEXT_SMALL] <= px[TEXT_BODY]);
			assert_int_equal(px[TEXT_BOLD], px[TEXT_BODY]);
			assert_true(px[TEXT_HEADING] > px[TEXT_BODY]);
			assert_true(px[TEXT_TITLE] > px[TEXT_HEADING]);
		}
	TTF_Quit();
}

/* Whether a kiosk could be built with this screen: its shorter side at least
 * 85 mm, as on the smallest display it is made for (the Raspberry Pi's 7-inch
 * touch display, 800x480 on 155 x 86 mm). A smaller one cannot hold the text at
 * its floor. */
static bool physically_supported(int w, int h, double dpi)
{
	int shorter = w < h ? w : h;
	return dpi <= 0 || shorter * 25.4 / dpi >= 85;
}

static void targets_are_big_enough_everywhere(void **state)
{
	(void)state;
	static const double dpis[] = { 0, 133, 220 };
	static const char *langs[] = { "sv", "ar" };

	for (size_t s = 0; s < 4; s++)
		for (size_t d = 0; d < 3; d++)
			for (size_t l = 0; l < 2; l++) {
				if (!physically_supported(sizes[s][0], sizes[s][1], dpis[d]))
					continue;
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

/* The side of the QR code drawn inside r: how far its black modules reach. */
static int drawn_code_side(const struct fixture *f, SDL_Rect r)
{
	int left = r.x + r.w, right = -1, top = r.y + r.h, bottom = -1;

	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++) {
			SDL_Color c = fixture_pixel(f, x, y);
			if (c.r || c.g || c.b)
				continue;
			left = x < left ? x : left;
			right = x > right ? x : right;
			top = y < top ? y : top;
			bottom = y > bottom ? y : bottom;
		}
	if (right < 0)
		return 0;
	return right - left < bottom - top ? right - left + 1 : bottom - top + 1;
}

/* What a phone reads from the frame on screen, by zbarimg, newlines dropped. */
static void scanned(struct fixture *f, char *out, size_t size)
{
	char png[] = "/tmp/kiosk-scan-XXXXXX.png", cmd[96];
	int fd = mkstemps(png, 4);

	assert_true(fd >= 0 && close(fd) == 0 && fixture_save(f, png));
	snprintf(cmd, sizeof cmd, "zbarimg -q --raw %s", png);
	FILE *zbar = popen(cmd, "r");
	assert_non_null(zbar);
	out[fread(out, 1, size - 1, zbar)] = '\0';
	pclose(zbar);
	unlink(png);
	out[strcspn(out, "\n")] = '\0';
}

/* The thank-you screen's code is as large as the space allows (at least 45 % of
 * the shorter side, its quiet zone not counted), scans, and its heading is one
 * line. */
static void the_thanks_code_is_large(void **state)
{
	(void)state;
	for (size_t k = 0; k < 8; k++) {
		struct fixture *f =
			fixture_create(sizes[k / 2][0], sizes[k / 2][1], k % 2 ? "ar" : "sv", 0, 0);
		int shorter = f->app->w < f->app->h ? f->app->w : f->app->h;
		const struct content_link *followup = &f->content->surveys[0].followup;
		app_switch(f->app, &thanks_screen);
		fixture_step(f);
		int n, side = 0;
		const struct app_item *items = fixture_items(f, &n);
		for (int i = 0; i < n; i++)
			if (items[i].role == APP_ROLE_QR)
				side = drawn_code_side(f, items[i].rect);
		if (side < shorter * 45 / 100)
			fail_msg("%dx%d: the code is %d px, < 45 %% of %d", f->app->w, f->app->h,
				 side, shorter);
		char url[1024];
		scanned(f, url, sizeof url);
		assert_string_equal(url, followup->url);
		const struct app_item *title = fixture_item(f, app_str(f->app, "thanks_title"));
		assert_non_null(title);
		assert_true(title->rect.h < 2 * text_line_height(f->app->text, TEXT_TITLE));
		fixture_destroy(f);
	}
}

/* In high contrast, with large text or without, every QR code stays dark on a
 * light quiet zone, and a phone reads it: on the thank-you, links and promise
 * screens, in both directions. */
static void codes_scan_in_high_contrast(void **state)
{
	(void)state;
	static const struct screen *const with_code[] = { &thanks_screen, &links_screen,
							  &promise_screen };
	static const unsigned looks[] = { THEME_LOOK_CONTRAST,
					  THEME_LOOK_CONTRAST | THEME_LOOK_LARGE };
	for (size_t k = 0; k < 4; k++) {
		struct fixture *f = fixture_create(1280, 800, k % 2 ? "ar" : "sv", 0, 0);
		fixture_set_look(f, looks[k / 2]);
		for (size_t i = 0; i < 3; i++) {
			char url[1024];
			app_switch(f->app, with_code[i]);
			fixture_step(f);
			scanned(f, url, sizeof url);
			if (strncmp(url, "https://", 8) != 0)
				fail_msg("%s, look %u: no code scans (\"%s\")", with_code[i]->name,
					 looks[k / 2], url);
		}
		fixture_destroy(f);
	}
}

static bool side_by_side(SDL_Rect a, SDL_Rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w;
}

/* The nearest item above items[i] in its column (overlapping it across), or -1. */
static int above(const struct app_item *items, int n, int i)
{
	int best = -1;
	for (int k = 0; k < n; k++) {
		SDL_Rect r = items[k].rect;
		if (k != i && side_by_side(r, items[i].rect) && r.y + r.h <= items[i].rect.y &&
		    (best < 0 || r.y + r.h > items[best].rect.y + items[best].rect.h))
			best = k;
	}
	return best;
}

static int by_top(const void *a, const void *b)
{
	const SDL_Rect *x = a, *y = b;
	return x->y - y->y;
}

/* The tallest band across the screen with no item in it. */
static int empty_band(const struct app_item *items, int n, int h)
{
	SDL_Rect *r = malloc(sizeof *r * (size_t)n);
	int reached = 0, band = 0;

	assert_non_null(r);
	for (int i = 0; i < n; i++)
		r[i] = items[i].rect;
	qsort(r, (size_t)n, sizeof *r, by_top);
	for (int i = 0; i < n; i++) {
		band = r[i].y - reached > band ? r[i].y - reached : band;
		reached = r[i].y + r[i].h > reached ? r[i].y + r[i].h : reached;
	}
	free(r);
	return h - reached > band ? h - reached : band;
}

/* The most by which a column's space below its last item exceeds the space above
 * its first: how far its content hugs the top. */
static int hug(const struct app_item *items, int n, int h)
{
	int worst = 0;
	for (int i = 0; i < n; i++) {
		bool last = true;
		for (int k = 0; k < n && last; k++)
			last = k == i || !side_by_side(items[k].rect, items[i].rect) ||
			       items[k].rect.y < items[i].rect.y + items[i].rect.h;
		if (!last)
			continue;
		int first = i;
		for (int up = above(items, n, i); up >= 0; up = above(items, n, up))
			first = up;
		int below = h - items[i].rect.y - items[i].rect.h;
		worst = below - items[first].rect.y > worst ? below - items[first].rect.y : worst;
	}
	return worst;
}

/* The screens with room to spare use it: no band across the screen and no column's
 * foot is left empty by more than 15 % of the height, at every size, in both
 * directions, and on the smallest display at its DPI. */
static void screens_leave_no_large_gap(void **state)
{
	(void)state;
	const struct screen *const screens[] = { &thanks_screen, &links_screen, &pin_screen };
	for (size_t k = 0; k < 10; k++) {
		int w = k < 8 ? sizes[k / 2][0] : 800, h = k < 8 ? sizes[k / 2][1] : 480;
		struct fixture *f = fixture_create(w, h, k % 2 ? "ar" : "sv", 0, k < 8 ? 0 : 133);
		for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
			app_switch(f->app, screens[i]);
			fixture_step(f);
			int n;
			const struct app_item *items = fixture_items(f, &n);
			int band = empty_band(items, n, h), foot = hug(items, n, h);
			if (band > h * 15 / 100 || foot > h * 15 / 100)
				fail_msg("%dx%d %s %s: an empty band of %d px, a column's foot "
					 "%d px emptier than its head",
					 w, h, fixture_screen(f), k % 2 ? "ar" : "sv", band, foot);
		}
		fixture_destroy(f);
	}
}

/* The PIN pad's keys hold their labels on one line ("Radera" is not split),
 * also when the floor makes the text larger on the smallest display. */
static void pin_keys_fit_their_labels(void **state)
{
	(void)state;
	static const double dpis[] = { 0, 133 };
	for (size_t k = 0; k < 4; k++) {
		struct fixture *f = fixture_create(800, 480, k % 2 ? "ar" : "sv", 0, dpis[k / 2]);
		app_switch(f->app, &pin_screen);
		fixture_step(f);
		int n;
		const struct app_item *items = fixture_items(f, &n);
		for (int i = 0; i < n; i++) {
			int w = items[i].rect.w - 2 * f->app->theme.gap;
			struct text_opts o = ui_text(f->app, TEXT_BOLD, THEME_ON_BUTTON, w);
			struct text_opts line = ui_text(f->app, TEXT_BOLD, THEME_ON_BUTTON, 10000);
			if (items[i].role == APP_ROLE_BUTTON &&
			    text_height(f->app->text, items[i].label, &o) >
				    text_height(f->app->text, items[i].label, &line))
				fail_msg("%s at %.0f dpi: \"%s\" does not fit %d px",
					 k % 2 ? "ar" : "sv", f->app->theme.dpi, items[i].label, w);
		}
		fixture_destroy(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_palette_pair_has_its_contrast),
		cmocka_unit_test(every_drawn_text_has_contrast_4_5),
		cmocka_unit_test(every_drawn_text_has_contrast_7_in_high_contrast),
		cmocka_unit_test(contrast_formula_matches_wcag),
		cmocka_unit_test(text_is_tall_enough_at_every_dpi),
		cmocka_unit_test(targets_are_big_enough_everywhere),
		cmocka_unit_test(targets_do_not_overlap),
		cmocka_unit_test(the_thanks_code_is_large),
		cmocka_unit_test(codes_scan_in_high_contrast),
		cmocka_unit_test(screens_leave_no_large_gap),
		cmocka_unit_test(pin_keys_fit_their_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
