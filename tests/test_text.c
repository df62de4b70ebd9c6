/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of text layout: wrapping, the ellipsis, right-to-left order and digits in
 * Arabic, brackets paired by the bidirectional algorithm, and the cache. Order is
 * checked on pixels: a word drawn alone must reappear, column for column, where it
 * belongs in the paragraph. */
#include "common/log.h"
#include "kiosk/text.h"

#include <SDL2/SDL_ttf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static struct text *text;

static int setup(void **state)
{
	(void)state;
	static const int sizes[TEXT_STYLE_COUNT] = { 16, 20, 20, 26, 32 };
	log_set_level(LOG_LEVEL_WARN);
	TTF_Init();
	surface = SDL_CreateRGBSurfaceWithFormat(0, 1200, 400, 32, SDL_PIXELFORMAT_ARGB8888);
	renderer = SDL_CreateSoftwareRenderer(surface);
	text = text_create(renderer, SOURCE_DIR "/fonts/fonts.ini", sizes);
	return text ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	text_destroy(text);
	SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
	TTF_Quit();
	return 0;
}

static struct text_opts opts(int width, bool rtl)
{
	struct text_opts o = { TEXT_BODY, { 0, 0, 0, 255 }, width, 0, TEXT_ALIGN_START, rtl };
	return o;
}

/* Ink per column of line `line` (0: every line) of s drawn alone at the origin
 * on white. */
static int *ink_columns_of(const char *s, const struct text_opts *o, int line, int *w)
{
	SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
	SDL_RenderClear(renderer);
	SDL_Rect r = text_draw(text, s, o, 0, 0);
	int step = text_layout(text, s, o)->step;
	int top = line > 0 ? r.y + (line - 1) * step : r.y;
	int bottom = line > 0 ? top + step : r.y + r.h;
	int *cols = calloc((size_t)(r.x + r.w + 1), sizeof *cols);
	for (int x = r.x; x < r.x + r.w; x++)
		for (int y = top; y < bottom && y < r.y + r.h; y++) {
			Uint32 px = ((Uint32 *)surface->pixels)[y * surface->pitch / 4 + x];
			Uint8 red, g, b;
			SDL_GetRGB(px, surface->format, &red, &g, &b);
			cols[x - r.x] += 255 - red;
		}
	*w = r.w;
	return cols;
}

/* Ink per column of s drawn alone at the origin on white. */
static int *ink_columns(const char *s, const struct text_opts *o, int *w)
{
	return ink_columns_of(s, o, 0, w);
}

/* Where the columns of needle appear inside hay (within tolerance), or -1. */
static int find_columns(const int *hay, int hw, const int *needle, int nw)
{
	for (int at = 0; at + nw <= hw; at++) {
		long diff = 0, total = 0;
		for (int i = 0; i < nw; i++) {
			diff += labs((long)hay[at + i] - needle[i]);
			total += needle[i];
		}
		if (total > 0 && diff * 20 < total)
			return at;
	}
	return -1;
}

static void wraps_within_the_width(void **state)
{
	(void)state;
	const char *s = "Polisen patrullerar till fots vid Resecentrum varje fredag och lördag "
			"kväll, och kommunens trygghetsvärdar finns på plats samma kvällar.";
	struct text_opts o = opts(300, false);
	const struct text_block *b = text_layout(text, s, &o);
	assert_non_null(b);
	assert_true(b->lines >= 3);
	assert_true(b->w <= 300);
	assert_false(b->truncated);
	o.width = 2000;
	b = text_layout(text, s, &o);
	assert_int_equal(b->lines, 1);
}

static void a_word_longer_than_the_line_is_cut(void **state)
{
	(void)state;
	struct text_opts o = opts(120, false);
	const struct text_block *b = text_layout(
		text, "https://www.asby.example/trygghet/medborgarloften/resecentrum", &o);
	assert_true(b->lines >= 3);
	assert_true(b->w <= 120);
}

static void headings_and_centred_text_leave_no_lone_last_word(void **state)
{
	(void)state;
	struct text_opts o = opts(2000, false);
	int lw, tw;
	int body_w = text_layout(text, "Medborgarlöften i Åsby", &o)->w;
	o.style = TEXT_HEADING;
	/* Just too narrow for the whole heading: greedy filling would leave "Åsby"
	 * alone on the second line. */
	o.width = text_layout(text, "Medborgarlöften i Åsby", &o)->w - 4;
	int *last = ink_columns("i Åsby", &o, &lw);
	const struct text_block *b = text_layout(text, "Medborgarlöften i Åsby", &o);
	assert_int_equal(b->lines, 2);
	int *t = ink_columns_of("Medborgarlöften i Åsby", &o, 2, &tw);
	assert_true(find_columns(t, tw, last, lw) >= 0);
	free(t);
	free(last);
	/* So does centred text. */
	o.style = TEXT_BODY;
	o.align = TEXT_ALIGN_CENTER;
	o.width = body_w - 4;
	last = ink_columns("i Åsby", &o, &lw);
	t = ink_columns_of("Medborgarlöften i Åsby", &o, 2, &tw);
	assert_true(find_columns(t, tw, last, lw) >= 0);
	free(t);
	free(last);
	/* Body text fills its lines. */
	o.align = TEXT_ALIGN_START;
	last = ink_columns("Åsby", &o, &lw);
	t = ink_columns_of("Medborgarlöften i Åsby", &o, 2, &tw);
	assert_int_equal(find_columns(t, tw, last, lw), 0);
	free(t);
	free(last);
}

static void too_many_lines_end_in_an_ellipsis(void **state)
{
	(void)state;
	const char *s = "Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton "
			"femton sexton sjutton arton nitton tjugo";
	struct text_opts o = opts(200, false);
	int full = text_layout(text, s, &o)->lines;
	o.max_lines = 2;
	const struct text_block *b = text_layout(text, s, &o);
	assert_true(full > 2);
	assert_int_equal(b->lines, 2);
	assert_true(b->truncated);
	assert_true(b->w <= 200);
	/* Text that fits keeps every word and no ellipsis. */
	o.max_lines = full;
	assert_false(text_layout(text, s, &o)->truncated);
}

static void newlines_start_new_lines(void **state)
{
	(void)state;
	struct text_opts o = opts(1000, false);
	assert_int_equal(text_layout(text, "Ett\nTvå\nTre", &o)->lines, 3);
}

static void right_to_left_puts_the_first_word_on_the_right(void **state)
{
	(void)state;
	struct text_opts o = opts(1000, true);
	int aw, bw, cw;
	/* An Arabic word, then a Swedish name, in an Arabic sentence. */
	int *a = ink_columns("الشرطة", &o, &aw);
	int *b = ink_columns("Åsby", &o, &bw);
	int *c = ink_columns("الشرطة Åsby", &o, &cw);
	int at_a = find_columns(c, cw, a, aw);
	int at_b = find_columns(c, cw, b, bw);
	assert_true(at_a >= 0);
	assert_true(at_b >= 0);
	assert_true(at_a > at_b);
	free(c);
	/* The same words in a left-to-right paragraph read the other way. */
	o.rtl = false;
	c = ink_columns("الشرطة Åsby", &o, &cw);
	at_a = find_columns(c, cw, a, aw);
	at_b = find_columns(c, cw, b, bw);
	assert_true(at_a >= 0);
	assert_true(at_b >= 0);
	assert_true(at_a < at_b);
	free(a);
	free(b);
	free(c);
}

static void numbers_in_arabic_keep_their_digit_order(void **state)
{
	(void)state;
	struct text_opts o = opts(1000, true);
	int nw, rw, cw;
	int *n = ink_columns("23", &o, &nw);
	int *r = ink_columns("32", &o, &rw);
	/* "from 18 until 23," with an Arabic comma glued to the number. */
	int *c = ink_columns("من 18 حتى 23،", &o, &cw);
	assert_true(find_columns(c, cw, n, nw) >= 0);
	assert_true(find_columns(c, cw, r, rw) < 0);
	free(n);
	free(r);
	free(c);
}

static void latin_brackets_inside_arabic_are_drawn(void **state)
{
	(void)state;
	struct text_opts o = opts(1000, true);
	int pw, cw;
	/* The Arabic font has no brackets: they must come from the Latin font, and
	 * the paragraph still opens with "(" on its right side. */
	struct text_opts ltr = opts(1000, false);
	int *p = ink_columns(")", &ltr, &pw);
	int *c = ink_columns("(مركز)", &o, &cw);
	int at = find_columns(c, cw, p, pw);
	assert_true(at >= 0);
	assert_true(at > cw / 2);
	free(p);
	free(c);
}

static void brackets_and_full_stops_in_arabic_take_their_places(void **state)
{
	(void)state;
	struct text_opts o = opts(1000, true);
	struct text_opts ltr = opts(1000, false);
	int ow, cw, vw, tw;
	int *open = ink_columns("(", &ltr, &ow);
	int *close = ink_columns(")", &ltr, &cw);
	int *vastra = ink_columns("Västra", &ltr, &vw);
	/* "Västra Åsby (west Åsby)" reads right to left: (Åsby غرب) Västra Åsby. */
	int *t = ink_columns("Västra Åsby (غرب Åsby)", &o, &tw);
	int at_open = find_columns(t, tw, open, ow);
	int at_close = find_columns(t, tw, close, cw);
	int at_vastra = find_columns(t, tw, vastra, vw);
	assert_true(at_open >= 0 && at_close >= 0 && at_vastra >= 0);
	assert_true(at_open < at_close);
	assert_true(at_close < at_vastra);
	free(t);
	/* A full stop after the closing bracket ends the sentence: on the far left. */
	t = ink_columns("(مكتبة).", &o, &tw);
	at_open = find_columns(t, tw, open, ow);
	assert_true(at_open > 2);
	free(t);
	free(open);
	free(close);
	free(vastra);
}

static void a_command_in_brackets_inside_arabic_reads_left_to_right(void **state)
{
	(void)state;
	struct text_opts ltr = opts(1100, false);
	int cw, rw, dw, tw;
	/* "Add pin_hash to kiosk.conf (kiosk --hash-pin)." The brackets pair up
	 * around left-to-right text after left-to-right text, so the command keeps
	 * its order, brackets included, and the full stop ends the sentence on the
	 * left: also when the line breaks inside the brackets. */
	const char *s = "أضف pin_hash إلى kiosk.conf (kiosk --hash-pin).";
	int *command = ink_columns("kiosk.conf (kiosk --hash-pin)", &ltr, &cw);
	int *tail = ink_columns("--hash-pin)", &ltr, &rw);
	int *dot = ink_columns(".", &ltr, &dw);
	struct text_opts o = opts(1100, true);
	int *t = ink_columns(s, &o, &tw);
	int at_command = find_columns(t, tw, command, cw);
	int at_dot = find_columns(t, tw, dot, dw);
	assert_true(at_command >= 0);
	assert_true(at_dot >= 0 && at_dot < at_command);
	free(t);
	/* As wide as the sentence up to "(kiosk", with a little room for rounding:
	 * the rest goes on a second line, which starts inside the brackets. */
	o.width = text_layout(text, "أضف pin_hash إلى kiosk.conf (kiosk", &o)->w + 12;
	assert_int_equal(text_layout(text, s, &o)->lines, 2);
	t = ink_columns_of(s, &o, 2, &tw);
	int at_tail = find_columns(t, tw, tail, rw);
	at_dot = find_columns(t, tw, dot, dw);
	assert_true(at_tail >= 0);
	assert_true(at_dot >= 0 && at_dot < at_tail);
	free(command);
	free(tail);
	free(dot);
	free(t);
}

static void times_in_arabic_read_left_to_right(void **state)
{
	(void)state;
	struct text_opts o = opts(1000, true);
	struct text_opts ltr = opts(1000, false);
	int aw, bw, tw;
	int *time = ink_columns("08:30", &ltr, &aw);
	int *backwards = ink_columns("30:08", &ltr, &bw);
	int *t = ink_columns("من 08:30 إلى 20:00", &o, &tw);
	assert_true(find_columns(t, tw, time, aw) >= 0);
	assert_true(find_columns(t, tw, backwards, bw) < 0);
	free(time);
	free(backwards);
	free(t);
}

static void fit_lines_matches_the_drawn_height(void **state)
{
	(void)state;
	const char *s = "تقوم الشرطة بدوريات راجلة عند Resecentrum كل يوم جمعة وسبت من الساعة "
			"18 حتى 23، ويوجد مضيفو الأمان التابعون للبلدية في المكان في الأمسيات.";
	struct text_opts o = opts(300, true);
	for (int h = 10; h < 600; h += 23) {
		o.max_lines = 0;
		int n = text_fit_lines(text, s, &o, h);
		if (n == 0)
			continue;
		o.max_lines = n;
		assert_true(text_height(text, s, &o) <= h);
		/* And no more than a line's height is left over. */
		struct text_opts all = o;
		all.max_lines = 0;
		const struct text_block *b = text_layout(text, s, &all);
		o.max_lines = n + 1;
		if (n < b->lines)
			assert_true(text_height(text, s, &o) > h - b->last);
	}
}

static void the_cache_rasterises_each_text_once(void **state)
{
	(void)state;
	struct text_opts o = opts(500, false);
	text_frame_begin(text);
	text_draw(text, "Tryck för att läsa mer", &o, 0, 0);
	unsigned long first = text_get_stats(text).rasterized;
	for (int i = 0; i < 10; i++) {
		text_frame_begin(text);
		text_draw(text, "Tryck för att läsa mer", &o, 0, 0);
	}
	assert_int_equal(text_get_stats(text).rasterized, first);
	assert_true(text_on_screen(text, "läsa mer"));
	text_frame_begin(text);
	assert_false(text_on_screen(text, "läsa mer"));
	/* Another colour is another texture. */
	o.color.r = 200;
	text_draw(text, "Tryck för att läsa mer", &o, 0, 0);
	assert_true(text_get_stats(text).rasterized > first);
}

static void the_cache_stays_within_its_budget(void **state)
{
	(void)state;
	struct text_opts o = opts(500, false);
	char s[64];
	for (int i = 0; i < 3000; i++) {
		text_frame_begin(text);
		snprintf(s, sizeof s, "Löfte nummer %d", i);
		assert_non_null(text_layout(text, s, &o));
	}
	assert_true(text_get_stats(text).entries <= 512);
}

static void empty_and_invalid_text_do_not_crash(void **state)
{
	(void)state;
	struct text_opts o = opts(300, false);
	const struct text_block *b = text_layout(text, "", &o);
	assert_non_null(b);
	assert_null(b->texture);
	assert_non_null(text_layout(text, "   \n  ", &o));
	assert_non_null(text_layout(text, "trasig \xC3 utf-8 \xF0\x9F", &o));
	o.max_lines = 1;
	o.width = 5;
	assert_non_null(text_layout(text, "Åsby", &o));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wraps_within_the_width),
		cmocka_unit_test(a_word_longer_than_the_line_is_cut),
		cmocka_unit_test(headings_and_centred_text_leave_no_lone_last_word),
		cmocka_unit_test(too_many_lines_end_in_an_ellipsis),
		cmocka_unit_test(newlines_start_new_lines),
		cmocka_unit_test(right_to_left_puts_the_first_word_on_the_right),
		cmocka_unit_test(numbers_in_arabic_keep_their_digit_order),
		cmocka_unit_test(latin_brackets_inside_arabic_are_drawn),
		cmocka_unit_test(brackets_and_full_stops_in_arabic_take_their_places),
		cmocka_unit_test(a_command_in_brackets_inside_arabic_reads_left_to_right),
		cmocka_unit_test(times_in_arabic_read_left_to_right),
		cmocka_unit_test(fit_lines_matches_the_drawn_height),
		cmocka_unit_test(the_cache_rasterises_each_text_once),
		cmocka_unit_test(the_cache_stays_within_its_budget),
		cmocka_unit_test(empty_and_invalid_text_do_not_crash),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
