/* SPDX-License-Identifier: EUPL-1.2 */
/* Test fixtures shared by the UI tests: see helpers.h. */
#include "helpers.h"
#include "screens/screens.h"
#include "common/content.h"
#include "kiosk/i18n.h"
#include "kiosk/speech.h"
#include "kiosk/tone.h"
#include "common/log.h"
#include "common/store.h"

#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

struct fixture *fixture_create(int w, int h, const char *lang, int rotation, double dpi)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct content_diag diag;

	assert_non_null(f);
	log_set_level(LOG_LEVEL_WARN);
	if (!TTF_WasInit())
		assert_int_equal(TTF_Init(), 0);
	config_defaults(&f->cfg, SOURCE_DIR "/config");
	snprintf(f->cfg.language, sizeof f->cfg.language, "%s", lang);
	f->cfg.rotation = rotation;
	f->cfg.dpi = dpi;
	f->content = content_load_file(SOURCE_DIR "/config/content.json", &diag);
	assert_non_null(f->content);
	f->i18n = i18n_create(SOURCE_DIR "/config/strings");
	assert_non_null(f->i18n);
	f->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(f->surface);
	f->renderer = SDL_CreateSoftwareRenderer(f->surface);
	assert_non_null(f->renderer);
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 0);
	/* Opening hours are local time: the tests' local time is UTC. */
	setenv("TZ", "UTC", 1);
	tzset();
	snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->cfg.data_dir, sizeof f->cfg.data_dir, "%s", f->dir);
	f->store = store_open(fixture_db(f), NULL);
	assert_non_null(f->store);
	struct app_init init = {
		&f->cfg,	 f->content,	 f->i18n,     SOURCE_DIR "/fonts/fonts.ini",
		f->renderer,	 NULL,		 true,	      f->store,
		&attract_screen, &closed_screen, &pin_screen, NULL
	};
	f->app = app_create(&init);
	assert_non_null(f->app);
	f->now = 1000;
	f->app->last_input = f->now;
	f->next_finger = 1;
	fixture_step(f);
	return f;
}

const char *fixture_db(const struct fixture *f)
{
	static char path[96];
	snprintf(path, sizeof path, "%s/kiosk.db", f->dir);
	return path;
}

void fixture_destroy(struct fixture *f)
{
	char cmd[128];
	speech_destroy(f->app->speech);
	tone_destroy(f->app->tone);
	app_destroy(f->app);
	store_close(f->store);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		print_error("cannot remove %s\n", f->dir);
	SDL_DestroyRenderer(f->renderer);
	SDL_FreeSurface(f->surface);
	i18n_destroy(f->i18n);
	content_destroy(f->content);
	free(f);
}

void fixture_step(struct fixture *f)
{
	app_tick(f->app, f->now);
	if (f->app->dirty)
		app_render(f->app);
}

void fixture_set_look(struct fixture *f, unsigned look)
{
	app_set_look(f->app, look);
	fixture_step(f);
}

void fixture_advance(struct fixture *f, uint64_t ms)
{
	uint64_t end = f->now + ms;
	while (f->now < end) {
		uint64_t step = end - f->now < 50 ? end - f->now : 50;
		f->now += step;
		fixture_step(f);
	}
}

void fixture_finger(struct fixture *f, Uint32 type, int64_t finger, int ox, int oy)
{
	SDL_Event ev = { 0 };
	ev.type = type;
	ev.tfinger.fingerId = finger;
	ev.tfinger.x = ((float)ox + 0.5f) / (float)f->app->out_w;
	ev.tfinger.y = ((float)oy + 0.5f) / (float)f->app->out_h;
	f->app->now = f->now;
	app_handle_sdl(f->app, &ev);
}

/* Logical to output coordinates: the inverse of app_output_to_logical. */
static void to_output(const struct fixture *f, int x, int y, int *ox, int *oy)
{
	const struct app *a = f->app;
	y -= a->page_scroll;
	switch (a->rotation) {
	case 90:
		*ox = a->out_w - 1 - y;
		*oy = x;
		break;
	case 180:
		*ox = a->out_w - 1 - x;
		*oy = a->out_h - 1 - y;
		break;
	case 270:
		*ox = y;
		*oy = a->out_h - 1 - x;
		break;
	default:
		*ox = x;
		*oy = y;
	}
}

void fixture_tap_output(struct fixture *f, int ox, int oy)
{
	int64_t id = f->next_finger++;
	fixture_finger(f, SDL_FINGERDOWN, id, ox, oy);
	f->now += 80;
	fixture_step(f);
	fixture_finger(f, SDL_FINGERUP, id, ox, oy);
	fixture_step(f);
}

void fixture_tap(struct fixture *f, int x, int y)
{
	int ox, oy;
	/* On a page taller than the screen, the visitor first scrolls to it. */
	app_page_reveal(f->app, (SDL_Rect){ x, y, 1, 1 });
	to_output(f, x, y, &ox, &oy);
	fixture_tap_output(f, ox, oy);
}

void fixture_swipe(struct fixture *f, int x0, int y0, int x1, int y1)
{
	int64_t id = f->next_finger++;
	int ox, oy;
	to_output(f, x0, y0, &ox, &oy);
	fixture_finger(f, SDL_FINGERDOWN, id, ox, oy);
	for (int i = 1; i <= 10; i++) {
		f->now += 16;
		to_output(f, x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10, &ox, &oy);
		fixture_finger(f, SDL_FINGERMOTION, id, ox, oy);
		fixture_step(f);
	}
	fixture_finger(f, SDL_FINGERUP, id, ox, oy);
	fixture_step(f);
}

void fixture_swipe_output(struct fixture *f, int ox0, int oy0, int ox1, int oy1)
{
	int64_t id = f->next_finger++;
	fixture_finger(f, SDL_FINGERDOWN, id, ox0, oy0);
	for (int i = 1; i <= 10; i++) {
		f->now += 16;
		fixture_finger(f, SDL_FINGERMOTION, id, ox0 + (ox1 - ox0) * i / 10,
			       oy0 + (oy1 - oy0) * i / 10);
		fixture_step(f);
	}
	fixture_finger(f, SDL_FINGERUP, id, ox1, oy1);
	fixture_step(f);
}

void fixture_key(struct fixture *f, SDL_Keycode sym)
{
	SDL_Event ev = { 0 };
	ev.type = SDL_KEYDOWN;
	ev.key.keysym.sym = sym;
	f->app->now = f->now;
	app_handle_sdl(f->app, &ev);
	ev.type = SDL_KEYUP;
	app_handle_sdl(f->app, &ev);
	fixture_step(f);
}

void fixture_tap_text(struct fixture *f, const char *needle)
{
	SDL_Rect r;
	if (!text_find(f->app->text, needle, &r))
		fail_msg("no text \"%s\" on screen %s", needle, fixture_screen(f));
	fixture_tap(f, r.x + r.w / 2, r.y + r.h / 2);
}

const struct app_item *fixture_items(const struct fixture *f, int *n)
{
	*n = f->app->nitems;
	return f->app->items;
}

const struct app_item *fixture_item(const struct fixture *f, const char *label)
{
	for (int i = 0; i < f->app->nitems; i++)
		if (!strcmp(f->app->items[i].label, label))
			return &f->app->items[i];
	return NULL;
}

static void tap_item(struct fixture *f, const struct app_item *item)
{
	SDL_Rect r = item->rect;
	fixture_tap(f, r.x + r.w / 2, r.y + r.h / 2);
	fixture_step(f);
}

void fixture_tap_item(struct fixture *f, const char *label)
{
	for (int i = 0; i < f->app->nitems; i++)
		if (f->app->items[i].action != APP_NO_ACTION &&
		    !strcmp(f->app->items[i].label, label)) {
			tap_item(f, &f->app->items[i]);
			return;
		}
	fail_msg("no item \"%s\" to tap on screen %s", label, fixture_screen(f));
}

void fixture_tap_action(struct fixture *f, int action)
{
	const struct app_item *item = app_item_find(f->app, action);
	if (!item || action == APP_NO_ACTION)
		fail_msg("no item with action %d on screen %s", action, fixture_screen(f));
	tap_item(f, item);
}

bool fixture_sees(struct fixture *f, const char *needle)
{
	return text_on_screen(f->app->text, needle);
}

const char *fixture_screen(const struct fixture *f)
{
	return f->app->screen->name;
}

bool fixture_save(struct fixture *f, const char *path)
{
	return IMG_SavePNG(f->surface, path) == 0;
}

SDL_Color fixture_pixel(const struct fixture *f, int x, int y)
{
	int ox, oy;
	SDL_Color c;
	to_output(f, x, y, &ox, &oy);
	Uint32 px = ((Uint32 *)f->surface->pixels)[oy * f->surface->pitch / 4 + ox];
	SDL_GetRGBA(px, f->surface->format, &c.r, &c.g, &c.b, &c.a);
	return c;
}

void put_synced_bundle(const char *data_dir, const char *name, const char *version)
{
	char dir[300], path[400], link[300], tmp[300];
	char *demo = NULL;
	size_t len = 0;
	FILE *in = fopen(SOURCE_DIR "/config/content.json", "r");
	FILE *out = NULL;

	assert_non_null(in);
	snprintf(dir, sizeof dir, "%s/content", data_dir);
	mkdir(dir, 0755);
	snprintf(dir, sizeof dir, "%s/content/%s", data_dir, name);
	assert_true(mkdir(dir, 0755) == 0 || errno == EEXIST);
	snprintf(path, sizeof path, "%s/content.json", dir);
	assert_non_null(out = fopen(path, "w"));
	if (!version) {
		fputs("{\"format\": 1, \"version\": ", out);
	} else {
		demo = malloc(1 << 20);
		assert_non_null(demo);
		len = fread(demo, 1, (1 << 20) - 1, in);
		demo[len] = '\0';
		char *v = strstr(demo, "\"version\": \"");
		assert_non_null(v);
		v += strlen("\"version\": \"");
		fwrite(demo, 1, (size_t)(v - demo), out);
		fputs(version, out);
		fputs(strchr(v, '"'), out);
	}
	fclose(out);
	fclose(in);
	free(demo);
	snprintf(link, sizeof link, "%s/content/current", data_dir);
	snprintf(tmp, sizeof tmp, "%s/content/.current.new", data_dir);
	unlink(tmp);
	assert_int_equal(symlink(name, tmp), 0);
	assert_int_equal(rename(tmp, link), 0);
}

static void tour_show(struct fixture *f, const struct screen *screen)
{
	app_switch(f->app, screen);
	fixture_step(f);
}

bool fixture_tour(struct fixture *f, int k)
{
	struct app *app = f->app;
	const struct content_survey *sv = &app->content->surveys[0];
	static const int stages[] = { SURVEY_CHOOSE, SURVEY_INTRO, SURVEY_FAILED };
	const int nstages = sizeof stages / sizeof stages[0];

	app->promise = 0;
	if (k < screens_count) {
		tour_show(f, screens_all[k]);
		return true;
	}
	k -= screens_count;
	if (k < app->content->npromises) {
		app->promise = k;
		tour_show(f, &promise_screen);
		return true;
	}
	k -= app->content->npromises;
	app->survey.index = 0;
	if (k < nstages) {
		app->survey.stage = stages[k];
		tour_show(f, &survey_screen);
		return true;
	}
	k -= nstages;
	if (k >= sv->nquestions)
		return false;
	app->survey.stage = SURVEY_QUESTION;
	survey_start(&app->survey.run, sv, 1);
	app->survey.run.current = k;
	tour_show(f, &survey_screen);
	return true;
}
