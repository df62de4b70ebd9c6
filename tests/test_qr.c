/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the QR codes visitors scan: each one on screen, decoded from a
 * screenshot by zbarimg, opens exactly its link with the kiosk's source tag. */
#include "helpers.h"
#include "kiosk/qr.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static void url_with_source(void **state)
{
	(void)state;
	static const struct {
		const char *url, *source, *expected;
	} cases[] = {
		{ "https://a.example/x", "", "https://a.example/x" },
		{ "https://a.example/x", "bibl-1", "https://a.example/x?source=bibl-1" },
		{ "https://a.example/x?y=1", "bibl-1", "https://a.example/x?y=1&source=bibl-1" },
		{ "https://a.example/x#top", "bibl-1", "https://a.example/x?source=bibl-1#top" },
		{ "https://a.example/x?y=1#t", "k", "https://a.example/x?y=1&source=k#t" },
		{ "https://a.example/", "Stads bibl/ö",
		  "https://a.example/?source=Stads%20bibl%2F%C3%B6" },
	};
	char out[256];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_true(qr_url_with_source(cases[i].url, cases[i].source, out, sizeof out));
		assert_string_equal(out, cases[i].expected);
	}
	assert_false(qr_url_with_source("https://a.example/x", "bibl", out, 10));
}

static void modules_are_whole_pixels(void **state)
{
	(void)state;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
	const char *url = "https://www.asby.example/trygghet/medborgarloften";
	int modules = qr_modules(url), size = 0;
	for (int max = 50; max < 700; max += 37) {
		SDL_Texture *t = qr_create_texture(r, url, max, &size);
		if (max / modules < 2) {
			assert_null(t);
			continue;
		}
		assert_non_null(t);
		assert_int_equal(size % modules, 0);
		assert_true(size <= max);
		assert_true(size > max - modules);
		SDL_DestroyTexture(t);
	}
	/* The longest URL a bundle may hold, with the longest source tag, stays at
	 * version 10 or below (57 + 8 modules). */
	char longest[CONTENT_URL_MAX + 64];
	memset(longest, 'a', sizeof longest);
	memcpy(longest, "https://", 8);
	longest[CONTENT_URL_MAX] = '\0';
	strcat(longest, "?source=");
	strcat(longest, "stadsbiblioteket-nr-1234");
	assert_int_equal(strlen("stadsbiblioteket-nr-1234"), CONFIG_SOURCE_MAX);
	assert_true(qr_modules(longest) <= 57 + 2 * QR_QUIET_ZONE);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
}

/* Decodes the one QR code in the current frame. */
static char *decode(struct fixture *f)
{
	static char out[1024];
	char path[] = "/tmp/kiosk-qr-XXXXXX.png";
	int fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	close(fd);
	assert_true(fixture_save(f, path));
	char cmd[256];
	snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s' 2>/dev/null", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = fread(out, 1, sizeof out - 1, p);
	pclose(p);
	unlink(path);
	out[n] = '\0';
	while (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	return out;
}

static void promise_qr_opens_its_link(void **state)
{
	(void)state;
	static const int sizes[][2] = {
		{ 800, 480 }, { 1280, 800 }, { 1920, 1080 }, { 1080, 1920 }
	};
	for (size_t s = 0; s < 4; s++) {
		struct fixture *f =
			fixture_create(sizes[s][0], sizes[s][1], s == 3 ? "ar" : "sv", 0, 0);
		snprintf(f->cfg.qr_source, sizeof f->cfg.qr_source, "stadsbiblioteket-1");
		assert_true(f->content->npromises > 0);
		for (int i = 0; i < f->content->npromises; i++) {
			char expected[512];
			f->app->promise = i;
			app_switch(f->app, &promise_screen);
			fixture_step(f);
			snprintf(expected, sizeof expected, "%s?source=stadsbiblioteket-1",
				 f->content->promises[i].link.url);
			assert_string_equal(decode(f), expected);
		}
		fixture_destroy(f);
	}
}

static void links_screen_shows_each_link(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "en", 0, 0);
	app_switch(f->app, &links_screen);
	fixture_step(f);
	assert_true(f->content->nlinks > 0);
	for (int i = 0; i < f->content->nlinks; i++) {
		fixture_tap_text(f, f->content->links[i].label.text[1]);
		assert_string_equal(decode(f), f->content->links[i].url);
	}
	fixture_destroy(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_with_source),
		cmocka_unit_test(modules_are_whole_pixels),
		cmocka_unit_test(promise_qr_opens_its_link),
		cmocka_unit_test(links_screen_shows_each_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
