/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk: the fullscreen touch UI. main reads the command line and runs one of its
 * modes: the interactive kiosk, screenshots of every screen, or a content check. */
#include "app.h"
#include "bundle.h"
#include "common/config.h"
#include "common/content.h"
#include "common/datadir.h"
#include "i18n.h"
#include "common/log.h"
#include "common/notify.h"
#include "common/paths.h"
#include "common/pin.h"
#include "common/store.h"
#include "common/wake.h"
#include "screens/screens.h"
#include "access.h"
#include "speech.h"
#include "tone.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif

#define DEFAULT_CONFIG "/etc/kiosk/kiosk.conf"

struct options {
	const char *config;
	const char *screenshot_dir;
	const char *content;
	const char *check_content;
	const char *check_config;
	const char *lang;
	int width, height;
	bool windowed;
	bool hash_pin;
	bool demo;     /* no kiosk.conf at all: trying it out */
	unsigned look; /* screenshots: enum theme_look flags */
};

static void usage(FILE *out)
{
	fputs("usage: kiosk [--config FILE] [--windowed] [--size WxH] [--lang CODE]\n"
	      "       kiosk --screenshot DIR [--size WxH] [--lang CODE] [--content FILE]\n"
	      "                          [--large-text] [--high-contrast]\n"
	      "       kiosk --check-content FILE\n"
	      "       kiosk --check-config FILE\n"
	      "       kiosk --hash-pin     (reads a PIN, prints the kiosk.conf line)\n"
	      "       kiosk --version\n",
	      out);
}

static bool parse_args(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKE(field)                                                                                \
	do {                                                                                       \
		if (!v) {                                                                          \
			fprintf(stderr, "kiosk: %s needs a value\n", a);                           \
			return false;                                                              \
		}                                                                                  \
		o->field = v;                                                                      \
		i++;                                                                               \
	} while (0)
		if (!strcmp(a, "--config"))
			TAKE(config);
		else if (!strcmp(a, "--screenshot"))
			TAKE(screenshot_dir);
		else if (!strcmp(a, "--content"))
			TAKE(content);
		else if (!strcmp(a, "--check-content"))
			TAKE(check_content);
		else if (!strcmp(a, "--check-config"))
			TAKE(check_config);
		else if (!strcmp(a, "--lang"))
			TAKE(lang);
		else if (!strcmp(a, "--windowed"))
			o->windowed = true;
		else if (!strcmp(a, "--large-text"))
			o->look |= THEME_LOOK_LARGE;
		else if (!strcmp(a, "--high-contrast"))
			o->look |= THEME_LOOK_CONTRAST;
		else if (!strcmp(a, "--hash-pin"))
			o->hash_pin = true;
		else if (!strcmp(a, "--size")) {
			if (!v || !config_parse_size(v, &o->width, &o->height)) {
				fprintf(stderr, "kiosk: --size wants WxH, e.g. 1280x800\n");
				return false;
			}
			i++;
		} else if (!strcmp(a, "--version")) {
			printf("kiosk %s\n", KIOSK_VERSION);
			exit(0);
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else {
			fprintf(stderr, "kiosk: unknown option %s\n", a);
			usage(stderr);
			return false;
		}
#undef TAKE
	}
	return true;
}

/* Reads one line from in into buf without its newline; false at end of input. */
static bool read_line(FILE *in, char *buf, size_t size)
{
	if (!fgets(buf, (int)size, in))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

/* kiosk --hash-pin: asks for the staff PIN (twice, without echo, on a terminal) and
 * prints the line for kiosk.conf. */
static int hash_pin(void)
{
	char pin[64], again[64], hash[PIN_HASH_MAX];
	bool tty = isatty(STDIN_FILENO);
	struct termios saved, quiet;
	int rc = 1;

	if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	} else {
		tty = false;
	}
	if (tty)
		fprintf(stderr, "staff PIN (%d to %d digits): ", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
	bool ok = read_line(stdin, pin, sizeof pin);
	if (ok && tty) {
		fprintf(stderr, "\nthe same again: ");
		ok = read_line(stdin, again, sizeof again);
		fputc('\n', stderr);
		if (ok && strcmp(pin, again)) {
			fprintf(stderr, "kiosk: the two PINs differ\n");
			ok = false;
		}
	}
	if (tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	if (!ok) {
		if (feof(stdin))
			fprintf(stderr, "kiosk: no PIN given\n");
	} else if (!pin_valid(pin)) {
		fprintf(stderr, "kiosk: a PIN is %d to %d digits\n", PIN_MIN_DIGITS,
			PIN_MAX_DIGITS);
	} else if (pin_hash(pin, hash, sizeof hash)) {
		printf("pin_hash = %s\n", hash);
		rc = 0;
	}
	explicit_bzero(pin, sizeof pin);
	explicit_bzero(again, sizeof again);
	return rc;
}

static int check_content(const char *path)
{
	struct content_diag diag;
	struct content *c = content_load_file(path, &diag);

	content_diag_print(&diag, path, stderr);
	if (!c) {
		fprintf(stderr, "%s: rejected: %d error%s\n", path, diag.nerrors,
			diag.nerrors == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok: version %s, %d promises, %d links, languages", path, c->version,
	       c->npromises, c->nlinks);
	for (int i = 0; i < c->nlanguages; i++)
		printf("%s %s", i ? "," : "", c->languages[i]);
	printf("; %d survey%s", c->nsurveys, c->nsurveys == 1 ? "" : "s");
	for (int i = 0; i < c->nsurveys; i++)
		printf("%s %s (version %d, %d questions)", i ? "," : ":", c->surveys[i].id,
		       c->surveys[i].version, c->surveys[i].nquestions);
	printf("; %s", c->has_hours ? "opening hours" : "open at all hours");
	for (int d = 0; c->has_hours && d < 7; d++) {
		static const char *const days[] = {
			"mon", "tue", "wed", "thu", "fri", "sat", "sun"
		};
		printf("%s %s", d ? "," : ":", days[d]);
		if (c->hours[d].nranges == 0)
			printf(" closed");
		for (int r = 0; r < c->hours[d].nranges; r++)
			printf(" %02d:%02d-%02d:%02d", c->hours[d].ranges[r].open / 60,
			       c->hours[d].ranges[r].open % 60, c->hours[d].ranges[r].close / 60,
			       c->hours[d].ranges[r].close % 60);
	}
	if (c->results.present)
		printf("; results as of %04d-%02d-%02d", c->results.as_of.year,
		       c->results.as_of.month, c->results.as_of.day);
	printf("\n");
	content_destroy(c);
	return 0;
}

static int check_config(const char *path, const struct paths *paths)
{
	struct config cfg;

	config_defaults(&cfg, paths->share);
	if (!config_load(&cfg, path))
		return 1;
	if (cfg.nproblems) {
		fprintf(stderr, "%s: %d problem%s\n", path, cfg.nproblems,
			cfg.nproblems == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok\n", path);
	return 0;
}

/* mkdir -p: creates path and any missing parents. */
static bool make_dirs(const char *path)
{
	char buf[1024];
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return false;
		*p = '/';
	}
	return mkdir(buf, 0755) == 0 || errno == EEXIST;
}

/* The database in data_dir, which is created if missing. NULL (logged) if it
 * cannot be opened. */
static struct store *open_store(const char *data_dir)
{
	char path[CONFIG_PATH_MAX + 16];
	enum store_error err;

	if (!make_dirs(data_dir)) {
		log_error("cannot create the data directory %s: %s; surveys are closed", data_dir,
			  strerror(errno));
		return NULL;
	}
	snprintf(path, sizeof path, "%s/kiosk.db", data_dir);
	struct store *store = store_open(path, &err);
	if (!store)
		log_error("surveys are closed: %s", store_strerror(err));
	return store;
}

/* How many screenshots this run wrote. */
static int shots_written;

/* Writes the screen's items, in their reading order, to path: one a line, "x y w
 * h role label" separated by tabs, for tests and tools that find a button by its
 * label rather than by where it was last drawn. */
static int write_items(const struct app *app, const char *path)
{
	static const char *const roles[] = { "heading", "text", "button", "link", "qr", "image" };
	FILE *f = fopen(path, "w");

	if (!f) {
		log_error("cannot write %s: %s", path, strerror(errno));
		return 1;
	}
	for (int i = 0; i < app->nitems; i++) {
		const struct app_item *it = &app->items[i];
		char label[512];
		snprintf(label, sizeof label, "%s", it->label ? it->label : "");
		for (char *c = label; *c; c++)
			if (*c == '\t' || *c == '\n')
				*c = ' ';
		fprintf(f, "%d\t%d\t%d\t%d\t%s\t%s\n", it->rect.x, it->rect.y, it->rect.w,
			it->rect.h, roles[it->role], label);
	}
	if (fclose(f) != 0) {
		log_error("cannot write %s: %s", path, strerror(errno));
		return 1;
	}
	return 0;
}

/* Where the screen is a page taller than the display (large text on a small
 * one), the whole page as drawn to path; nothing otherwise. */
static int write_page(struct app *app, const char *path)
{
	if (app->h == app->view_h || !app->canvas)
		return 0;
	SDL_Surface *page =
		SDL_CreateRGBSurfaceWithFormat(0, app->w, app->h, 32, SDL_PIXELFORMAT_ARGB8888);
	int rc = 1;
	if (page && SDL_SetRenderTarget(app->renderer, app->canvas) == 0 &&
	    SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, page->pixels,
				 page->pitch) == 0)
		rc = IMG_SavePNG(page, path) < 0;
	if (rc)
		log_error("cannot write %s: %s", path, SDL_GetError());
	SDL_SetRenderTarget(app->renderer, NULL);
	SDL_FreeSurface(page);
	return rc;
}

/* Applies a pending screen switch, draws, and saves DIR/<name><suffix>.png (and
 * the whole page, DIR/<name><suffix>.page.png, where the screen scrolls), the
 * screen's items beside it, DIR/<name><suffix>.items, and what it says to a
 * visitor who cannot see it, DIR/<name><suffix>.speech.txt. */
static int shoot(struct app *app, SDL_Surface *surface, const char *dir, const char *name,
		 const char *suffix)
{
	char path[1200];

	app_tick(app, app->now ? app->now : 1);
	app_render(app);
	snprintf(path, sizeof path, "%s/%s%s.png", dir, name, suffix);
	if (IMG_SavePNG(surface, path) < 0) {
		log_error("cannot write %s: %s", path, IMG_GetError());
		return 1;
	}
	log_debug("wrote %s", path);
	snprintf(path, sizeof path, "%s/%s%s.page.png", dir, name, suffix);
	if (write_page(app, path))
		return 1;
	snprintf(path, sizeof path, "%s/%s%s.items", dir, name, suffix);
	if (write_items(app, path))
		return 1;
	static struct speech_utterance said[SPEECH_UTTERANCES_MAX];
	int nsaid = speech_sequence(app, said, SPEECH_UTTERANCES_MAX);
	snprintf(path, sizeof path, "%s/%s%s.speech.txt", dir, name, suffix);
	if (!speech_write(said, nsaid, path))
		return 1;
	log_debug("wrote %s", path);
	shots_written++;
	return 0;
}

/* Every screen, then every promise (for staff checking a bundle before they
 * publish it), then every question of every survey with the idle warning over the
 * last one. 0 when all were written. */
static int shoot_screens(struct app *app, SDL_Surface *surface, const char *dir)
{
	int rc = 0;

	for (int i = 0; i < screens_count && rc == 0; i++) {
		app->promise = 0;
		app->survey.fresh = true;
		app_switch(app, screens_all[i]);
		rc = shoot(app, surface, dir, screens_all[i]->name, "");
	}
	for (int i = 0; i < app->content->npromises && rc == 0; i++) {
		app->promise = i;
		app_switch(app, &promise_screen);
		rc = shoot(app, surface, dir, "promise-", app->content->promises[i].id);
	}
	return rc;
}

/* Question q of survey i on screen, as after the answers that show it. */
static int shoot_question(struct app *app, SDL_Surface *surface, const char *dir, int i, int q)
{
	const struct content_survey *sv = &app->content->surveys[i];
	char name[160];

	app->survey.index = i;
	app->survey.fresh = false;
	app->survey.stage = SURVEY_QUESTION;
	survey_start(&app->survey.run, sv, 1);
	app->survey.run.current = q;
	int cond = sv->questions[q].show_if_question;
	if (cond >= 0) {
		app->survey.run.answered[cond] = true;
		survey_set(&app->survey.run, cond, __builtin_ctz(sv->questions[q].show_if_options));
	}
	app_switch(app, &survey_screen);
	snprintf(name, sizeof name, "%s-%s", sv->id, sv->questions[q].id);
	return shoot(app, surface, dir, "survey-", name);
}

static int shoot_all(struct app *app, SDL_Surface *surface, const char *dir)
{
	int rc = shoot_screens(app, surface, dir);

	for (int i = 0; i < app->content->nsurveys && rc == 0; i++) {
		for (int q = 0; q < app->content->surveys[i].nquestions && rc == 0; q++)
			rc = shoot_question(app, surface, dir, i, q);
		if (rc == 0) {
			app->warning_since = 1;
			app->now = 1 + 5000;
			app_invalidate(app);
			rc = shoot(app, surface, dir, "idle-warning", "");
			app->warning_since = 0;
		}
	}
	return rc;
}

/* Removes the screenshots' throwaway database and its directory. */
static void remove_preview_db(const char *dir)
{
	static const char *const names[] = { "kiosk.db", "kiosk.db-wal", "kiosk.db-shm" };
	char file[128];

	if (!*dir)
		return;
	for (int i = 0; i < 3; i++) {
		snprintf(file, sizeof file, "%s/%s", dir, names[i]);
		unlink(file);
	}
	rmdir(dir);
}

static int screenshots(const struct options *o, struct config *cfg, const struct paths *paths)
{
	struct store *store = NULL;
	char db_path[64] = "";
	int w = o->width ? o->width : 1280, h = o->height ? o->height : 800;
	struct content_diag diag;
	struct content *content = NULL;
	struct bundle *bundle = NULL;
	char demo[CONFIG_PATH_MAX + 16];
	struct i18n *i18n = NULL;
	SDL_Surface *surface = NULL;
	SDL_Renderer *renderer = NULL;
	struct app *app = NULL;
	int rc = 1;

	if (!make_dirs(o->screenshot_dir)) {
		log_error("cannot create %s: %s", o->screenshot_dir, strerror(errno));
		return 1;
	}
	if (o->content) {
		/* Staff preview a bundle: it must be valid as it stands. */
		content = content_load_file(o->content, &diag);
		content_diag_print(&diag, o->content, stderr);
		if (!content)
			return 1;
	} else {
		snprintf(demo, sizeof demo, "%s/content.json", paths->share);
		struct bundle_sources sources = { NULL, cfg->content, demo };
		if (!(bundle = bundle_create(&sources)))
			return 1;
		content = bundle_content(bundle);
	}
	cfg->rotation = 0;
	if (TTF_Init() < 0) {
		log_error("cannot start SDL_ttf: %s", TTF_GetError());
		goto out;
	}
	if (!(i18n = i18n_create(paths->strings)))
		goto out;
	surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
	if (!renderer) {
		log_error("cannot make a %dx%d software renderer: %s", w, h, SDL_GetError());
		goto out;
	}
	/* The survey screens need a database to open; nothing is written to it. */
	char db_dir[] = "/tmp/kiosk-screenshot-XXXXXX";
	if (mkdtemp(db_dir)) {
		store = open_store(db_dir);
		snprintf(db_path, sizeof db_path, "%s", db_dir);
	}
	struct app_init init = { cfg,	      content, i18n,  paths->fonts,    renderer,
				 NULL,	      false,   store, &attract_screen, &closed_screen,
				 &pin_screen, NULL };
	if (!(app = app_create(&init)))
		goto out;
	app->always_open = true;
	app_set_look(app, o->look);
	rc = shoot_all(app, surface, o->screenshot_dir);
	if (rc == 0)
		log_info("wrote %d screenshots of %s (%dx%d, %s) to %s", shots_written,
			 content->version, w, h, cfg->language, o->screenshot_dir);
out:
	app_destroy(app);
	store_close(store);
	remove_preview_db(db_path);
	if (renderer)
		SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
	i18n_destroy(i18n);
	if (bundle)
		bundle_destroy(bundle);
	else
		content_destroy(content);
	if (TTF_WasInit())
		TTF_Quit();
	return rc;
}

/* Whether r draws through an OpenGL that is itself software (llvmpipe, softpipe,
 * swrast): the GL_RENDERER string of the context r just made current says so. */
static bool gl_in_software(SDL_Renderer *r)
{
	SDL_RendererInfo info;
	const unsigned char *(*get_string)(unsigned int);

	if (SDL_GetRendererInfo(r, &info) < 0 || strncmp(info.name, "opengl", 6))
		return false;
	*(void **)&get_string = SDL_GL_GetProcAddress("glGetString");
	const char *name = get_string ? (const char *)get_string(0x1F01 /* GL_RENDERER */) : NULL;
	log_debug("OpenGL renderer: %s", name ? name : "unknown");
	return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") ||
			strstr(name, "Software Rasterizer") || strstr(name, "swrast"));
}

static SDL_Renderer *make_renderer(SDL_Window *window, enum config_renderer choice)
{
	SDL_Renderer *r = NULL;

	switch (choice) {
	case CONFIG_RENDERER_SOFTWARE:
		return SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
	case CONFIG_RENDERER_OPENGLES2:
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
		break;
	case CONFIG_RENDERER_OPENGL:
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengl");
		break;
	case CONFIG_RENDERER_AUTO:
		break;
	}
	r = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
	if (r && choice == CONFIG_RENDERER_AUTO && gl_in_software(r)) {
		/* OpenGL drawn by the CPU (Mesa's llvmpipe, as under Xvfb or on a PC
		 * without a driver) costs more than SDL's own software renderer. */
		log_info("OpenGL here is drawn by the CPU; using the software renderer");
		SDL_DestroyRenderer(r);
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
		r = NULL;
	} else if (!r) {
		log_warn("no accelerated renderer (%s); using the software renderer",
			 SDL_GetError());
	}
	if (!r)
		r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
	return r;
}

/* SIGTERM from systemd and SIGINT from a terminal stop the kiosk cleanly (through
 * common/wake.c); nothing on the screen or keyboard does in kiosk mode. */
static bool start_sdl(const struct config *cfg, bool kiosk_mode)
{
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (cfg->renderer == CONFIG_RENDERER_SOFTWARE)
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	if (kiosk_mode)
		SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
		log_error("cannot start SDL video: %s", SDL_GetError());
		return false;
	}
	if (TTF_Init() < 0) {
		log_error("cannot start SDL_ttf: %s", TTF_GetError());
		return false;
	}
	return true;
}

/* The speech engine and the tone, when visitors may turn speech on. */
static void start_speech(struct app *app, const struct config *cfg)
{
	if (!cfg->speech) {
		log_info("speech is turned off in the config");
		return;
	}
	struct speech_config sc = { cfg->speech_program, NULL };
	app->speech = speech_create(&sc);
	app->tone = tone_create();
}

/* A headset plugged in turns speech on: its playback device appears, or a jack
 * says so. */
static void watch_sound(struct wake *wake, const struct config *cfg)
{
	if (!cfg->speech)
		return;
	bool card = wake_add_sound(wake, "/dev/snd");
	int jacks = wake_add_jacks(wake, "/dev/input");
	if (!card && !jacks)
		log_warn("a headset plugged in cannot be noticed here");
	else
		log_info("a headset turns speech on: %s%s%s", card ? "a new sound card" : "",
			 card && jacks ? ", or " : "", jacks ? "a plug in the headphone jack" : "");
}

/* The window: the whole display in kiosk mode (in its own mode, or in the one the
 * config's size asks for), else a centred window of the asked size. NULL (logged)
 * on failure. */
static SDL_Window *open_window(const struct options *o, const struct config *cfg, bool kiosk_mode)
{
	int w = cfg->width ? cfg->width : 1280, h = cfg->height ? cfg->height : 800;
	Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
	int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
	SDL_DisplayMode mode;

	if (o->width) {
		w = o->width;
		h = o->height;
	}
	if (kiosk_mode) {
		x = y = 0;
		if (cfg->width) {
			flags |= SDL_WINDOW_FULLSCREEN;
		} else {
			flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
			if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
				w = mode.w;
				h = mode.h;
			}
		}
	}
	SDL_Window *window = SDL_CreateWindow("Medborgarlöften", x, y, w, h, flags);
	if (!window)
		log_error("cannot open a window: %s", SDL_GetError());
	return window;
}

/* Without an inotify watch, content/current is looked at this often. */
#define CONTENT_POLL_MS 5000

/* How long the loop may sleep at now: until due (0: nothing due), the watchdog's
 * next pet (negative: none) or the next look at the content (0: none); -1 for
 * no limit. */
static int wait_ms(uint64_t due, long pet, uint64_t poll_at, uint64_t now)
{
	long wait = -1;

	if (poll_at && (!due || poll_at < due))
		due = poll_at;
	if (due)
		wait = due <= now ? 0 : (long)(due - now);
	if (pet >= 0 && (wait < 0 || pet < wait))
		wait = pet;
	return wait > INT32_MAX ? INT32_MAX : (int)wait;
}

/* What the loop runs: the app, the content it shows and what wakes it. */
struct kiosk {
	struct app *app;
	struct bundle *bundle;
	struct wake *wake;
	bool sdl_blocks;     /* SDL_WaitEventTimeout sleeps (else wake_wait does) */
	unsigned wake_event; /* the SDL event the wake thread pushes */
	SDL_Thread *waker;   /* waits for signals and changes where SDL sleeps */
	SDL_atomic_t stopping;
	uint64_t poll_at; /* the next look at content/current, 0: inotify tells */
	bool started;	  /* the first frame is on screen */
};

/* Said once the first frame is on screen: start-up is over. */
static void first_frame(struct kiosk *k)
{
	SDL_RendererInfo info;
	struct app *app = k->app;

	SDL_GetRendererInfo(app->renderer, &info);
	log_info("kiosk %s: %dx%d, renderer %s, content %s, language %s", KIOSK_VERSION, app->w,
		 app->h, info.name, bundle_content(k->bundle)->version, app->lang);
	notify_ready();
	notify_status("showing content %s", bundle_content(k->bundle)->version);
	k->started = true;
}

/* Sleeps until input, the next timer, a signal or new content, then hands SDL's
 * events to the app. False once the kiosk is to stop. */
static bool sleep_and_handle(struct kiosk *k, int wait)
{
	struct app *app = k->app;
	SDL_Event ev;
	bool got;

	if (k->sdl_blocks) {
		got = SDL_WaitEventTimeout(&ev, wait);
	} else {
		wake_wait(k->wake, wait);
		got = SDL_PollEvent(&ev);
	}
	app->now = SDL_GetTicks64();
	for (; got && !app->quit; got = SDL_PollEvent(&ev))
		if (ev.type != k->wake_event)
			app_handle_sdl(app, &ev);
	unsigned why = wake_take(k->wake);
	if (why & WAKE_CHANGE)
		bundle_changed(k->bundle);
	if (why & WAKE_SOUND)
		access_audio_added(app);
	if (k->poll_at && app->now >= k->poll_at) {
		bundle_changed(k->bundle);
		k->poll_at = app->now + CONTENT_POLL_MS;
	}
	return !(why & WAKE_STOP) && !app->quit;
}

/* The loop sleeps until input, the next timer or a change it is told of; it draws
 * only when something on screen changed. New content from kiosk-sync is taken
 * between visitors only. */
static void loop(struct kiosk *k)
{
	struct app *app = k->app;
	struct bundle_view view = bundle_app_view(app);
#ifdef KIOSK_TESTING
	/* For the watchdog test: once this file exists the loop hangs for good. */
	const char *stall = getenv("KIOSK_TEST_STALL_FILE");
#endif

	long pet;
	uint64_t due;

	app->last_input = SDL_GetTicks64();
	bundle_changed(k->bundle);
	do {
#ifdef KIOSK_TESTING
		while (stall && access(stall, F_OK) == 0)
			pause();
#endif
		pet = notify_watchdog();
		due = app_tick(app, SDL_GetTicks64());
		if (bundle_follow(k->bundle, &view))
			due = app_tick(app, SDL_GetTicks64());
		if (app->dirty) {
			app_render(app);
			if (!k->started)
				first_frame(k);
		}
	} while (sleep_and_handle(k, wait_ms(due, pet, k->poll_at, SDL_GetTicks64())));
}

/* Where SDL's wait blocks, this thread sleeps on the signals and the content
 * directory and wakes SDL with an event. */
static int waker(void *data)
{
	struct kiosk *k = data;

	while (!SDL_AtomicGet(&k->stopping)) {
		wake_wait(k->wake, -1);
		SDL_Event ev = { .type = k->wake_event };
		SDL_PushEvent(&ev);
	}
	return 0;
}

/* SDL 2.26 blocks in SDL_WaitEventTimeout only with the x11 and wayland video
 * drivers; with kmsdrm, offscreen and dummy it sleeps 1 ms at a time. There the
 * loop sleeps in wake_wait on the input devices instead. */
static bool sdl_blocks(const char *driver)
{
	return driver && (!strcmp(driver, "x11") || !strcmp(driver, "wayland"));
}

/* What wakes the loop: signals and the content directory (kiosk-sync's swaps).
 * False (logged) when it cannot be set up. */
static bool start_waking(struct kiosk *k)
{
	k->sdl_blocks = sdl_blocks(SDL_GetCurrentVideoDriver());
	if (k->sdl_blocks) {
		k->wake_event = SDL_RegisterEvents(1);
		if (k->wake_event != (Uint32)-1)
			k->waker = SDL_CreateThread(waker, "kiosk-wake", k);
		if (!k->waker) {
			log_error("cannot start the wake thread: %s", SDL_GetError());
			return false;
		}
	} else {
		wake_add_inputs(k->wake);
	}
	if (!wake_watching(k->wake))
		k->poll_at = 1;
	log_debug("sleeping in %s", k->sdl_blocks ? "SDL_WaitEventTimeout" : "poll()");
	return true;
}

static void stop_waking(struct kiosk *k)
{
	if (!k->waker)
		return;
	SDL_AtomicSet(&k->stopping, 1);
	wake_interrupt(k->wake);
	SDL_WaitThread(k->waker, NULL);
	k->waker = NULL;
}

static int run(const struct options *o, struct config *cfg, const struct paths *paths)
{
	struct kiosk k = { 0 };
	struct store *store = NULL;
	struct i18n *i18n = NULL;
	SDL_Window *window = NULL;
	SDL_Renderer *renderer = NULL;
	char demo[CONFIG_PATH_MAX + 16], content_dir[CONFIG_PATH_MAX + 16];
	int rc = 1;
	bool kiosk_mode = cfg->fullscreen && !o->windowed;

	snprintf(demo, sizeof demo, "%s/content.json", paths->share);
	struct bundle_sources sources = { cfg->data_dir, cfg->content, demo };
	if (!(k.bundle = bundle_create(&sources)))
		return 1;
	if (!(i18n = i18n_create(paths->strings)))
		goto out;
	/* Without its database the kiosk still shows the promises; the survey
	 * button says it is closed. */
	store = open_store(cfg->data_dir);
	if (datadir_content(cfg->data_dir, NULL, content_dir, sizeof content_dir))
		make_dirs(content_dir);
	if (!(k.wake = wake_create(content_dir)))
		goto out;
	if (!start_sdl(cfg, kiosk_mode) || !(window = open_window(o, cfg, kiosk_mode)))
		goto out;
	if (!(renderer = make_renderer(window, cfg->renderer))) {
		log_error("cannot make a renderer: %s", SDL_GetError());
		goto out;
	}
	if (kiosk_mode)
		SDL_ShowCursor(SDL_DISABLE);
	struct app_host host = bundle_app_host(k.bundle);
	struct app_init init = { cfg,
				 bundle_content(k.bundle),
				 i18n,
				 paths->fonts,
				 renderer,
				 window,
				 kiosk_mode,
				 store,
				 &attract_screen,
				 &closed_screen,
				 &pin_screen,
				 &host };
	if (!(k.app = app_create(&init)))
		goto out;
	start_speech(k.app, cfg);
	/* Before the wake thread starts: it reads what is watched. */
	watch_sound(k.wake, cfg);
	if (!start_waking(&k))
		goto out;
	/* Someone trying the kiosk out sees the promises whatever the hour. */
	k.app->always_open = o->demo;
	notify_init();
	loop(&k);
	log_info("kiosk stopping");
	notify_stopping();
	rc = 0;
out:
	stop_waking(&k);
	if (k.app) {
		speech_destroy(k.app->speech);
		tone_destroy(k.app->tone);
	}
	app_destroy(k.app);
	wake_destroy(k.wake);
	if (renderer)
		SDL_DestroyRenderer(renderer);
	if (window)
		SDL_DestroyWindow(window);
	if (TTF_WasInit())
		TTF_Quit();
	SDL_Quit();
	store_close(store);
	i18n_destroy(i18n);
	bundle_destroy(k.bundle);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct config cfg;
	struct paths paths;

	log_init();
	/* Text textures are large and come and go with screens: with a fixed
	 * threshold each gets its own mapping, which goes back to the system when it
	 * is freed, instead of glibc raising the threshold and keeping them in a heap
	 * that does not shrink. */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	if (!parse_args(argc, argv, &o))
		return 2;
	paths_find(&paths);
	if (o.check_content)
		return check_content(o.check_content);
	if (o.check_config)
		return check_config(o.check_config, &paths);
	if (o.hash_pin)
		return hash_pin();

	config_defaults(&cfg, paths.share);
	if (o.config) {
		if (!config_load(&cfg, o.config))
			return 1;
	} else if (access(DEFAULT_CONFIG, F_OK) == 0) {
		config_load(&cfg, DEFAULT_CONFIG);
	} else if (!o.content) {
		log_info("no %s: running the demo content, open at any hour (a kiosk.conf makes "
			 "the bundle's opening hours apply)",
			 DEFAULT_CONFIG);
		o.demo = true;
	}
	if (o.lang)
		snprintf(cfg.language, sizeof cfg.language, "%s", o.lang);
	if (o.windowed)
		cfg.fullscreen = false;

	if (o.screenshot_dir)
		return screenshots(&o, &cfg, &paths);
	return run(&o, &cfg, &paths);
}
