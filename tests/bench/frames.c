/* SPDX-License-Identifier: EUPL-1.2 */
/* Render time per frame: the real UI on the demo content, headless on SDL's
 * software renderer, draws every screen in every language of the bundle, the
 * first question of the survey and a slide of the attract screen, a number of
 * times each with nothing changed but the frame marked dirty. It prints one line
 * per screen with the median and 99th percentile of the frame times over all
 * languages, and how many runs of glyphs were rasterised on those unchanged
 * frames (the text cache should make that 0). Under callgrind the frames, and
 * only they, are instrumented, and each screen's count is dumped under its name.
 * With --dpi and --large, at that DPI and in large text (on a small display, a
 * page taller than the screen).
 * usage: frames [--size WxH] [--frames N] [--dpi D] [--large] */
#include "kiosk/app.h"
#include "common/config.h"
#include "common/content.h"
#include "kiosk/i18n.h"
#include "bench.h"
#include "common/log.h"
#include "common/store.h"
#include "screens/screens.h"

#include <SDL2/SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#define LANGS_MAX CONTENT_LANGS_MAX

struct sample {
	const char *name;
	double *ms;
	int n;
	unsigned long rasterized;
};

/* Draws the current screen frames times with nothing changed, into s. */
static void measure(struct app *app, struct sample *s, int frames)
{
	unsigned long before = text_get_stats(app->text).rasterized;

	CALLGRIND_ZERO_STATS;
	CALLGRIND_START_INSTRUMENTATION;
	for (int i = 0; i < frames; i++) {
		app_invalidate(app);
		double t0 = bench_now_ms();
		app_render(app);
		s->ms[s->n++] = bench_now_ms() - t0;
	}
	CALLGRIND_STOP_INSTRUMENTATION;
	char dump[64];
	snprintf(dump, sizeof dump, "%s/%d", s->name, frames);
	CALLGRIND_DUMP_STATS_AT(dump);
	s->rasterized += text_get_stats(app->text).rasterized - before;
}

/* Clicks the attract screen's "next" arrow (action 3), as a visitor would. */
static void next_card(struct app *app)
{
	const struct app_item *next = app_item_find(app, 3);
	if (next) {
		SDL_Rect r = next->rect;
		SDL_Event ev = { .type = SDL_MOUSEBUTTONDOWN };
		ev.button.button = SDL_BUTTON_LEFT;
		ev.button.x = r.x + r.w / 2;
		ev.button.y = r.y + r.h / 2;
		app_handle_sdl(app, &ev);
		ev.type = SDL_MOUSEBUTTONUP;
		app_handle_sdl(app, &ev);
	}
}

/* Shows screen in language lang, as the screenshots do, with its first frame
 * drawn (that one may rasterise its texts). */
static void show(struct app *app, const struct screen *screen, const char *lang, uint64_t *now)
{
	app->promise = 0;
	app->survey.fresh = true;
	app->warning_since = 0;
	app_switch(app, screen);
	app_set_language(app, lang);
	app->last_input = *now;
	app_tick(app, *now);
	app_render(app);
}

int main(int argc, char **argv)
{
	int w = 1920, h = 1080, frames = 60;
	double dpi = 0;
	unsigned look = THEME_LOOK_PLAIN;
	struct content_diag diag;
	struct config cfg;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--large")) {
			look = THEME_LOOK_LARGE;
			continue;
		}
		if (i + 1 < argc && !strcmp(argv[i], "--size") &&
		    config_parse_size(argv[i + 1], &w, &h)) {
			i++;
			continue;
		}
		if (i + 1 < argc && !strcmp(argv[i], "--frames") &&
		    (frames = atoi(argv[i + 1])) > 0) {
			i++;
			continue;
		}
		if (i + 1 < argc && !strcmp(argv[i], "--dpi") && (dpi = atof(argv[i + 1])) > 0) {
			i++;
			continue;
		}
		fprintf(stderr, "usage: frames [--size WxH] [--frames N] [--dpi D] [--large]\n");
		return 2;
	}
	log_set_level(LOG_LEVEL_WARN);
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 0);
	if (TTF_Init() < 0)
		return 1;
	config_defaults(&cfg, SOURCE_DIR "/config");
	cfg.dpi = dpi;
	struct content *content = content_load_file(SOURCE_DIR "/config/content.json", &diag);
	struct i18n *i18n = i18n_create(SOURCE_DIR "/config/strings");
	SDL_Surface *surface =
		SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
	char dir[] = "/tmp/kiosk-bench-XXXXXX", db[64];
	if (!content || !i18n || !renderer || !mkdtemp(dir)) {
		fprintf(stderr, "frames: cannot set up the UI\n");
		return 1;
	}
	snprintf(db, sizeof db, "%s/kiosk.db", dir);
	struct store *store = store_open(db, NULL);
	struct app_init init = { &cfg,
				 content,
				 i18n,
				 SOURCE_DIR "/fonts/fonts.ini",
				 renderer,
				 NULL,
				 true,
				 store,
				 &attract_screen,
				 &closed_screen,
				 &pin_screen,
				 NULL };
	struct app *app = app_create(&init);
	if (!app)
		return 1;
	app_set_look(app, look);

	int nlang = content->nlanguages;
	struct sample samples[16];
	int nsamples = 0;
	const size_t per = (size_t)frames * (size_t)nlang;
	uint64_t now = 1000;

	/* Every screen in every language. */
	for (int i = 0; i < screens_count && nsamples < 14; i++) {
		struct sample *s = &samples[nsamples++];
		*s = (struct sample){ screens_all[i]->name, calloc(per, sizeof(double)), 0, 0 };
		for (int l = 0; l < nlang; l++) {
			show(app, screens_all[i], content->languages[l], &now);
			measure(app, s, frames);
		}
	}
	/* A survey question, as after "Start". */
	if (content->nsurveys > 0) {
		struct sample *s = &samples[nsamples++];
		*s = (struct sample){ "question", calloc(per, sizeof(double)), 0, 0 };
		for (int l = 0; l < nlang; l++) {
			show(app, &survey_screen, content->languages[l], &now);
			app->survey.index = 0;
			app->survey.fresh = false;
			app->survey.stage = SURVEY_QUESTION;
			survey_start(&app->survey.run, &content->surveys[0], 1);
			app_switch(app, &survey_screen);
			app_tick(app, now);
			app_render(app);
			measure(app, s, frames);
		}
	}
	/* The attract screen sliding to the next card after a tap on its arrow: frames
	 * of the animation, which change, so only their time counts. */
	struct sample *slide = &samples[nsamples++];
	*slide = (struct sample){ "attract slide", calloc(per, sizeof(double)), 0, 0 };
	show(app, &attract_screen, cfg.language, &now);
	CALLGRIND_ZERO_STATS;
	while ((size_t)slide->n < per) {
		uint64_t due = app_tick(app, now);
		if (app->dirty) {
			CALLGRIND_START_INSTRUMENTATION;
			double t0 = bench_now_ms();
			app_render(app);
			slide->ms[slide->n++] = bench_now_ms() - t0;
			CALLGRIND_STOP_INSTRUMENTATION;
			now += 16;
		} else {
			now = due && due < now + 1000 ? due : now + 1000;
			next_card(app);
		}
	}
	char dump[64];
	snprintf(dump, sizeof dump, "%s/%d", slide->name, slide->n);
	CALLGRIND_DUMP_STATS_AT(dump);

	for (int i = 0; i < nsamples; i++) {
		struct sample *s = &samples[i];
		printf("screen=%s frames=%d p50_ms=%.3f p99_ms=%.3f", s->name, s->n,
		       bench_percentile(s->ms, s->n, 0.50), bench_percentile(s->ms, s->n, 0.99));
		if (s != slide)
			printf(" rasterized=%lu", s->rasterized);
		printf("\n");
		free(s->ms);
	}
	app_destroy(app);
	store_close(store);
	unlink(db);
	snprintf(db, sizeof db, "%s/kiosk.db-wal", dir);
	unlink(db);
	snprintf(db, sizeof db, "%s/kiosk.db-shm", dir);
	unlink(db);
	rmdir(dir);
	SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
	i18n_destroy(i18n);
	content_destroy(content);
	TTF_Quit();
	return 0;
}
