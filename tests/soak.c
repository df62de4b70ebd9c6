/* SPDX-License-Identifier: EUPL-1.2 */
/* The monkey: drives the real UI, headless, with seeded random input (taps biased
 * toward the screen's touch targets, swipes, long presses, several fingers at
 * once, mouse buttons, keys, window events, quit requests) while content is
 * swapped and the disk under the database goes away and comes back. It checks
 * after every step that the kiosk is on a known screen and has not been asked to
 * quit, and at the end that every survey it saw thanked for is in the database
 * exactly once and that memory stayed flat. The first line is the seed, which
 * replays the run exactly: soak --seed S --events N. */
#include "helpers.h"
#include "common/content.h"
#include "common/pin.h"
#include "common/store.h"
#include "screens/screens.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SOAK_W	    800
#define SOAK_H	    480
#define FINGERS_MAX 5
/* Growth allowed from warm-up to the end: the caches and the allocator's
 * slack, and the page a visitor's large text may first be drawn on after the
 * warm-up (800x918x4 bytes, 2.9 MB, and its shadow under ASan). The heap bound
 * below is the exact measure of memory kept. */
#define RSS_BOUND  (12 << 20)
#define HEAP_BOUND (4 << 20) /* the same for memory allocated and not freed */
#define VARIANTS   3

/* From AddressSanitizer's allocator: bytes the program holds now. */
size_t __sanitizer_get_current_allocated_bytes(void);

/* A smaller quarantine than the default 256 MiB, and free memory handed back to
 * the system promptly, so that resident memory says something about the program
 * rather than about AddressSanitizer. */
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=4:allocator_release_to_os_interval_ms=100:detect_leaks=1";
}

/* A disk that can go away: a VFS in front of SQLite's own which, while fault is
 * set, fails every open, read, write, sync and truncate with an I/O error, as an
 * unplugged or dying SD card does. */
static struct {
	sqlite3_vfs vfs;
	sqlite3_vfs *real;
	bool fault;
	long failures;
} disk;

struct disk_file {
	sqlite3_file base;
	sqlite3_file *real; /* right after this struct, in the same allocation */
};

#define REAL(f) (((struct disk_file *)(f))->real)

static int disk_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int disk_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	if (disk.fault) {
		disk.failures++;
		return SQLITE_IOERR_READ;
	}
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int disk_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (disk.fault) {
		disk.failures++;
		return SQLITE_IOERR_WRITE;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int disk_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (disk.fault) {
		disk.failures++;
		return SQLITE_IOERR_TRUNCATE;
	}
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int disk_sync(sqlite3_file *f, int flags)
{
	if (disk.fault) {
		disk.failures++;
		return SQLITE_IOERR_FSYNC;
	}
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int disk_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int disk_lock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int disk_unlock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int disk_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int disk_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int disk_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int disk_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int disk_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), page, size, extend, p);
}

static int disk_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void disk_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int disk_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), delete_flag);
}

static const sqlite3_io_methods disk_methods = {
	.iVersion = 2,
	.xClose = disk_close,
	.xRead = disk_read,
	.xWrite = disk_write,
	.xTruncate = disk_truncate,
	.xSync = disk_sync,
	.xFileSize = disk_size,
	.xLock = disk_lock,
	.xUnlock = disk_unlock,
	.xCheckReservedLock = disk_reserved,
	.xFileControl = disk_control,
	.xSectorSize = disk_sector,
	.xDeviceCharacteristics = disk_device,
	.xShmMap = disk_shm_map,
	.xShmLock = disk_shm_lock,
	.xShmBarrier = disk_shm_barrier,
	.xShmUnmap = disk_shm_unmap,
};

static int disk_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct disk_file *df = (struct disk_file *)f;

	(void)vfs;
	f->pMethods = NULL;
	if (disk.fault) {
		disk.failures++;
		return SQLITE_CANTOPEN;
	}
	df->real = (sqlite3_file *)(df + 1);
	int rc = disk.real->xOpen(disk.real, name, df->real, flags, out);
	if (df->real->pMethods)
		f->pMethods = &disk_methods;
	return rc;
}

static int disk_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return disk.real->xDelete(disk.real, name, sync_dir);
}

static int disk_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return disk.real->xAccess(disk.real, name, flags, out);
}

static int disk_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return disk.real->xFullPathname(disk.real, name, n, out);
}

static int disk_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return disk.real->xRandomness(disk.real, n, out);
}

static int disk_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return disk.real->xSleep(disk.real, us);
}

static int disk_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return disk.real->xCurrentTime(disk.real, out);
}

static int disk_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return disk.real->xGetLastError(disk.real, n, out);
}

static void disk_install(void)
{
	disk.real = sqlite3_vfs_find(NULL);
	disk.vfs = (sqlite3_vfs){
		.iVersion = 1,
		.szOsFile = (int)sizeof(struct disk_file) + disk.real->szOsFile,
		.mxPathname = disk.real->mxPathname,
		.zName = "soak-disk",
		.xOpen = disk_open,
		.xDelete = disk_delete,
		.xAccess = disk_access,
		.xFullPathname = disk_full_path,
		.xDlOpen = NULL,
		.xRandomness = disk_randomness,
		.xSleep = disk_sleep,
		.xCurrentTime = disk_time,
		.xGetLastError = disk_last_error,
	};
	sqlite3_vfs_register(&disk.vfs, 1);
}

/* The run: its random numbers, the fingers it holds down, and what it counted. */
struct monkey {
	uint64_t rng;
	uint64_t seed;
	long events, limit;
	struct fixture *f;
	struct {
		bool down;
		int64_t id;
		float x, y;
	} fingers[FINGERS_MAX];
	int64_t next_finger;
	const struct screen *last;
	char *bundles[VARIANTS];
	/* counts */
	long thanks, swaps, swaps_wanted, outages, restarts, steps;
	long taps, target_taps, swipes, long_presses, multi, mice, keys, windows, quits, pauses;
	bool swap_pending;
	bool mouse_held; /* a button went down and its release was lost */
	SDL_Event mouse_up;
	long visits[16]; /* entries into screens_all[i] */
	long refused;	 /* "your answer could not be saved" shown */
	long staff_visits, closings;
	bool was_refused;
};

static struct monkey *running; /* for the exit check */
static bool finished;

static void fail(struct monkey *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct monkey *m, const char *fmt, ...)
{
	va_list ap;

	printf("soak: FAIL after %ld events: ", m->events);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\nsoak: replay with --seed %llu --events %ld\n", (unsigned long long)m->seed,
	       m->limit);
	fflush(stdout);
	finished = true;
	exit(1);
}

/* Nothing may end the program but the end of the run. */
static void exit_check(void)
{
	if (finished || !running)
		return;
	printf("soak: FAIL after %ld events: the program exited during the run\n"
	       "soak: replay with --seed %llu --events %ld\n",
	       running->events, (unsigned long long)running->seed, running->limit);
	fflush(stdout);
	_exit(1);
}

static uint64_t next(struct monkey *m)
{
	/* splitmix64 */
	uint64_t z = (m->rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int below(struct monkey *m, int n)
{
	return n > 0 ? (int)(next(m) % (uint64_t)n) : 0;
}

static bool chance(struct monkey *m, int percent)
{
	return below(m, 100) < percent;
}

static long rss_bytes(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * sysconf(_SC_PAGESIZE);
}

/* Resident memory between visitors, with the text cache emptied first: a cache
 * that fills up to its budget is not growth, and a restart empties it. */
static long measure(struct monkey *m, size_t *heap)
{
	struct app *app = m->f->app;

	text_flush(app->text);
	app_invalidate(app);
	app_render(app);
	/* AddressSanitizer hands free memory back at most every 100 ms, on an
	 * allocation. */
	usleep(250000);
	app_invalidate(app);
	app_render(app);
	*heap = __sanitizer_get_current_allocated_bytes();
	return rss_bytes();
}

static bool known_screen(const struct screen *s)
{
	for (int i = 0; i < screens_count; i++)
		if (screens_all[i] == s)
			return true;
	return false;
}

/* What must hold after every step. */
static void check(struct monkey *m)
{
	struct app *app = m->f->app;

	if (!known_screen(app->screen))
		fail(m, "the screen is not one of the known screens");
	if (app->pending && !known_screen(app->pending))
		fail(m, "a switch to an unknown screen is pending");
	if (app->quit)
		fail(m, "the kiosk was asked to quit (screen %s)", app->screen->name);
	if (app->screen == &thanks_screen && m->last != &thanks_screen)
		m->thanks++;
	for (int i = 0; i < screens_count && i < 16; i++)
		m->visits[i] += app->screen != m->last && app->screen == screens_all[i];
	bool refused = app->screen == &survey_screen && app->survey.stage == SURVEY_FAILED;
	m->refused += refused && !m->was_refused;
	m->was_refused = refused;
	m->last = app->screen;
}

/* The real loop's turn: timers, a pending switch, a frame if anything changed;
 * then content kiosk-sync left is taken if the kiosk is between visitors. */
static uint64_t step(struct monkey *m)
{
	struct fixture *f = m->f;
	uint64_t due = app_tick(f->app, f->now);

	if (f->app->dirty)
		app_render(f->app);
	m->steps++;
	check(m);
	if (m->swap_pending && app_at_safe_point(f->app)) {
		struct content_diag diag;
		int v = (int)(m->swaps % VARIANTS);
		struct content *c =
			content_load_buffer(m->bundles[v], strlen(m->bundles[v]), &diag);
		if (!c)
			fail(m, "content variant %d was rejected", v);
		app_set_content(f->app, c);
		content_destroy(f->content);
		f->content = c;
		m->swaps++;
		m->swap_pending = false;
	}
	return due;
}

/* Lets ms pass the way the loop does: asleep until the next timer. */
static void pass(struct monkey *m, uint64_t ms)
{
	struct fixture *f = m->f;
	uint64_t end = f->now + ms;

	for (;;) {
		uint64_t due = step(m);
		if (f->now >= end)
			break;
		uint64_t to = due && due < end ? due : end;
		f->now = to > f->now ? to : f->now + 1;
	}
}

static void feed(struct monkey *m, SDL_Event *ev)
{
	struct app *app = m->f->app;

	ev->common.timestamp = (Uint32)m->f->now;
	app->now = m->f->now;
	app_handle_sdl(app, ev);
	m->events++;
	step(m);
}

static void finger(struct monkey *m, Uint32 type, int64_t id, float x, float y)
{
	SDL_Event ev = { 0 };
	ev.type = type;
	ev.tfinger.touchId = 1;
	ev.tfinger.fingerId = id;
	ev.tfinger.x = x;
	ev.tfinger.y = y;
	ev.tfinger.pressure = 1;
	feed(m, &ev);
}

/* A point on the glass, normalised: most of the time inside a touch target of the
 * screen on show, so that the monkey gets somewhere. */
static void pick_point(struct monkey *m, float *x, float *y, bool *on_target)
{
	const struct app *app = m->f->app;

	int targets[APP_ITEMS_MAX], ntargets = 0;
	for (int i = 0; i < app->nitems; i++)
		if (app->items[i].action != APP_NO_ACTION)
			targets[ntargets++] = i;
	*on_target = ntargets > 0 && chance(m, 80);
	if (*on_target) {
		SDL_Rect r = app->items[targets[below(m, ntargets)]].rect;
		int px = r.x + (r.w > 2 ? 1 + below(m, r.w - 2) : 0);
		int py = r.y + (r.h > 2 ? 1 + below(m, r.h - 2) : 0);
		*x = ((float)px + 0.5f) / (float)app->out_w;
		*y = ((float)py + 0.5f) / (float)app->out_h;
	} else {
		/* Anywhere, edges included. */
		*x = (float)below(m, 1001) / 1000.0f;
		*y = (float)below(m, 1001) / 1000.0f;
	}
}

static void tap(struct monkey *m)
{
	float x, y;
	bool on_target;
	int64_t id = m->next_finger++;

	pick_point(m, &x, &y, &on_target);
	m->taps++;
	m->target_taps += on_target;
	finger(m, SDL_FINGERDOWN, id, x, y);
	pass(m, 20 + (uint64_t)below(m, 200));
	if (chance(m, 10)) /* a finger that wobbles a little */
		finger(m, SDL_FINGERMOTION, id, x + 0.002f, y);
	finger(m, SDL_FINGERUP, id, x, y);
}

static void swipe(struct monkey *m)
{
	float x, y, dx = (float)(below(m, 1201) - 600) / 1000.0f,
		    dy = (float)(below(m, 1201) - 600) / 1000.0f;
	bool on_target;
	int64_t id = m->next_finger++;
	int n = 2 + below(m, 14);

	pick_point(m, &x, &y, &on_target);
	m->swipes++;
	finger(m, SDL_FINGERDOWN, id, x, y);
	for (int i = 1; i <= n; i++) {
		pass(m, 8 + (uint64_t)below(m, 30));
		finger(m, SDL_FINGERMOTION, id, x + dx * (float)i / (float)n,
		       y + dy * (float)i / (float)n);
	}
	finger(m, SDL_FINGERUP, id, x + dx, y + dy);
}

static void long_press(struct monkey *m)
{
	float x, y;
	bool on_target;
	int64_t id = m->next_finger++;

	pick_point(m, &x, &y, &on_target);
	if (chance(m, 30)) { /* a corner */
		x = chance(m, 50) ? 0.01f : 0.99f;
		y = chance(m, 50) ? 0.01f : 0.99f;
	}
	m->long_presses++;
	finger(m, SDL_FINGERDOWN, id, x, y);
	pass(m, APP_LONG_PRESS_MS - 100 + (uint64_t)below(m, 1500));
	finger(m, SDL_FINGERUP, id, x, y);
}

#define SOAK_PIN "1357"

/* Taps the middle of the touch target with id, if the screen has one. */
static void tap_target(struct monkey *m, int id)
{
	const struct app *app = m->f->app;
	const struct app_item *item = app_item_find(app, id);

	if (!item || id == APP_NO_ACTION)
		return;
	SDL_Rect r = item->rect;
	int64_t finger_id = m->next_finger++;
	float x = ((float)r.x + (float)r.w / 2) / (float)app->out_w;
	float y = ((float)r.y + (float)r.h / 2) / (float)app->out_h;
	finger(m, SDL_FINGERDOWN, finger_id, x, y);
	finger(m, SDL_FINGERUP, finger_id, x, y);
}

/* Staff come by: the hidden gesture, then the right PIN or a wrong one (the monkey
 * then goes on tapping the pad and the panel like anything else). */
static void staff(struct monkey *m)
{
	int64_t id = m->next_finger++;

	m->staff_visits++;
	finger(m, SDL_FINGERDOWN, id, 0.005f, 0.005f);
	pass(m, APP_LONG_PRESS_MS + 100);
	finger(m, SDL_FINGERUP, id, 0.005f, 0.005f);
	id = m->next_finger++;
	finger(m, SDL_FINGERDOWN, id, 0.995f, 0.995f);
	finger(m, SDL_FINGERUP, id, 0.995f, 0.995f);
	if (m->f->app->screen != &pin_screen || chance(m, 30))
		return;
	for (const char *p = chance(m, 70) ? SOAK_PIN : "0000"; *p; p++)
		tap_target(m, 10 + (*p - '0')); /* the pad's digits */
	tap_target(m, 3);			/* OK */
	pass(m, 300);
}

/* Several fingers at once: down, moving and up in any order, with ids reused and
 * some fingers left down for a later round. */
static void fingers(struct monkey *m)
{
	int rounds = 3 + below(m, 20);

	m->multi++;
	for (int r = 0; r < rounds; r++) {
		int i = below(m, FINGERS_MAX);
		if (!m->fingers[i].down) {
			bool on_target;
			m->fingers[i].down = true;
			m->fingers[i].id = chance(m, 20) ? i + 1 : m->next_finger++;
			pick_point(m, &m->fingers[i].x, &m->fingers[i].y, &on_target);
			finger(m, SDL_FINGERDOWN, m->fingers[i].id, m->fingers[i].x,
			       m->fingers[i].y);
		} else if (chance(m, 60)) {
			m->fingers[i].x += (float)(below(m, 201) - 100) / 1000.0f;
			m->fingers[i].y += (float)(below(m, 201) - 100) / 1000.0f;
			finger(m, SDL_FINGERMOTION, m->fingers[i].id, m->fingers[i].x,
			       m->fingers[i].y);
		} else {
			m->fingers[i].down = false;
			finger(m, SDL_FINGERUP, m->fingers[i].id, m->fingers[i].x, m->fingers[i].y);
		}
		if (chance(m, 30))
			pass(m, (uint64_t)below(m, 400));
	}
	if (chance(m, 5)) /* an up for a finger nobody put down */
		finger(m, SDL_FINGERUP, 999999, 0.5f, 0.5f);
	if (chance(m, 70)) /* usually everyone lets go */
		for (int i = 0; i < FINGERS_MAX; i++)
			if (m->fingers[i].down) {
				m->fingers[i].down = false;
				finger(m, SDL_FINGERUP, m->fingers[i].id, m->fingers[i].x,
				       m->fingers[i].y);
			}
}

static void mouse(struct monkey *m)
{
	static const Uint8 buttons[] = { SDL_BUTTON_LEFT, SDL_BUTTON_LEFT, SDL_BUTTON_RIGHT,
					 SDL_BUTTON_MIDDLE };
	SDL_Event ev = { 0 };
	float x, y;
	bool on_target;

	pick_point(m, &x, &y, &on_target);
	m->mice++;
	ev.button.which = chance(m, 30) ? SDL_TOUCH_MOUSEID : 0;
	ev.button.button = buttons[below(m, 4)];
	ev.button.x = (Sint32)(x * SOAK_W);
	ev.button.y = (Sint32)(y * SOAK_H);
	ev.button.clicks = 1;
	ev.type = SDL_MOUSEBUTTONDOWN;
	ev.button.state = SDL_PRESSED;
	feed(m, &ev);
	for (int i = below(m, 4); i > 0; i--) {
		SDL_Event mv = { 0 };
		mv.type = SDL_MOUSEMOTION;
		mv.motion.which = ev.button.which;
		mv.motion.x = ev.button.x + below(m, 200) - 100;
		mv.motion.y = ev.button.y + below(m, 200) - 100;
		mv.motion.state = SDL_BUTTON_LMASK;
		feed(m, &mv);
	}
	pass(m, (uint64_t)below(m, 300));
	ev.type = SDL_MOUSEBUTTONUP;
	ev.button.state = SDL_RELEASED;
	if (chance(m, 90))
		feed(m, &ev);
	else if (ev.button.button == SDL_BUTTON_LEFT && ev.button.which != SDL_TOUCH_MOUSEID) {
		m->mouse_held = true;
		m->mouse_up = ev;
	}
}

static void key(struct monkey *m)
{
	static const struct {
		SDL_Keycode sym;
		SDL_Scancode scan;
		Uint16 mod;
	} keys[] = {
		{ SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, 0 },
		{ SDLK_F4, SDL_SCANCODE_F4, KMOD_LALT },
		{ SDLK_c, SDL_SCANCODE_C, KMOD_LCTRL },
		{ SDLK_q, SDL_SCANCODE_Q, KMOD_LCTRL },
		{ SDLK_w, SDL_SCANCODE_W, KMOD_LCTRL },
		{ SDLK_RETURN, SDL_SCANCODE_RETURN, 0 },
		{ SDLK_TAB, SDL_SCANCODE_TAB, KMOD_LALT },
		{ SDLK_SPACE, SDL_SCANCODE_SPACE, 0 },
		{ SDLK_a, SDL_SCANCODE_A, 0 },
		{ SDLK_BACKSPACE, SDL_SCANCODE_BACKSPACE, 0 },
		{ SDLK_F11, SDL_SCANCODE_F11, 0 },
		{ SDLK_DELETE, SDL_SCANCODE_DELETE, KMOD_LCTRL | KMOD_LALT },
	};
	int k = below(m, (int)(sizeof keys / sizeof keys[0]));
	SDL_Event ev = { 0 };

	m->keys++;
	ev.type = SDL_KEYDOWN;
	ev.key.state = SDL_PRESSED;
	ev.key.repeat = chance(m, 10);
	ev.key.keysym.sym = keys[k].sym;
	ev.key.keysym.scancode = keys[k].scan;
	ev.key.keysym.mod = keys[k].mod;
	feed(m, &ev);
	ev.type = SDL_KEYUP;
	ev.key.state = SDL_RELEASED;
	feed(m, &ev);
}

static void window(struct monkey *m)
{
	static const Uint8 kinds[] = {
		SDL_WINDOWEVENT_SIZE_CHANGED, SDL_WINDOWEVENT_RESIZED,	 SDL_WINDOWEVENT_FOCUS_LOST,
		SDL_WINDOWEVENT_FOCUS_GAINED, SDL_WINDOWEVENT_LEAVE,	 SDL_WINDOWEVENT_ENTER,
		SDL_WINDOWEVENT_EXPOSED,      SDL_WINDOWEVENT_MINIMIZED, SDL_WINDOWEVENT_RESTORED,
		SDL_WINDOWEVENT_HIDDEN,	      SDL_WINDOWEVENT_SHOWN,	 SDL_WINDOWEVENT_CLOSE,
	};
	SDL_Event ev = { 0 };

	m->windows++;
	switch (below(m, 10)) {
	case 0:
		ev.type = SDL_RENDER_TARGETS_RESET;
		break;
	case 1:
		ev.type = SDL_QUIT;
		m->quits++;
		break;
	default:
		ev.type = SDL_WINDOWEVENT;
		ev.window.event = kinds[below(m, (int)(sizeof kinds / sizeof kinds[0]))];
		ev.window.data1 = SOAK_W;
		ev.window.data2 = SOAK_H;
		break;
	}
	feed(m, &ev);
}

/* The kiosk started again (by systemd, or staff), with whatever database it can
 * open now. */
static void restart(struct monkey *m)
{
	struct fixture *f = m->f;

	app_destroy(f->app);
	store_close(f->store);
	f->store = store_open(fixture_db(f), NULL);
	if (!disk.fault && !f->store)
		fail(m, "the database cannot be opened again after the disk came back");
	struct app_init init = {
		&f->cfg,	 f->content,	 f->i18n,     SOURCE_DIR "/fonts/fonts.ini",
		f->renderer,	 NULL,		 true,	      f->store,
		&attract_screen, &closed_screen, &pin_screen, NULL
	};
	f->app = app_create(&init);
	if (!f->app)
		fail(m, "the kiosk did not start again");
	f->app->last_input = f->now;
	for (int i = 0; i < FINGERS_MAX; i++)
		m->fingers[i].down = false;
	m->last = f->app->screen;
	m->restarts++;
	step(m);
}

/* The demo bundle, and versions of it as kiosk-sync might bring: one promise
 * fewer, or the promises in another order and one language fewer. */
static void make_variants(struct monkey *m)
{
	for (int v = 0; v < VARIANTS; v++) {
		json_error_t err;
		json_t *root = json_load_file(SOURCE_DIR "/config/content.json", 0, &err);
		if (!root)
			fail(m, "cannot read the demo bundle: %s", err.text);
		json_t *promises = json_object_get(root, "promises");
		char version[64];
		snprintf(version, sizeof version, "%s-soak%d",
			 json_string_value(json_object_get(root, "version")), v);
		json_object_set_new(root, "version", json_string(version));
		if (v == 1) {
			json_array_remove(promises, 1);
		} else if (v == 2) {
			json_t *first = json_incref(json_array_get(promises, 0));
			json_array_remove(promises, 0);
			json_array_append_new(promises, first);
			json_t *langs = json_object_get(root, "languages");
			json_array_remove(langs, json_array_size(langs) - 1);
		}
		m->bundles[v] = json_dumps(root, JSON_COMPACT);
		json_decref(root);
		if (!m->bundles[v])
			fail(m, "cannot write content variant %d", v);
	}
}

/* Responses in the database: complete ones, abandoned ones, and distinct ids. */
static void count_rows(struct monkey *m, long *complete, long *abandoned, long *rows, long *ids)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	const char *sql = "SELECT"
			  " sum(json_extract(document, '$.status') = 'complete'),"
			  " sum(json_extract(document, '$.status') = 'abandoned'),"
			  " count(*), count(DISTINCT id),"
			  " count(DISTINCT json_extract(document, '$.id'))"
			  " FROM responses";

	if (sqlite3_open_v2(fixture_db(m->f), &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail(m, "cannot read the database: %s", sqlite3_errmsg(db));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail(m, "cannot count responses: %s", sqlite3_errmsg(db));
	*complete = sqlite3_column_int64(st, 0);
	*abandoned = sqlite3_column_int64(st, 1);
	*rows = sqlite3_column_int64(st, 2);
	*ids = sqlite3_column_int64(st, 3);
	if (sqlite3_column_int64(st, 4) != *rows)
		fail(m, "%lld distinct response ids in %ld documents",
		     (long long)sqlite3_column_int64(st, 4), *rows);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static double seconds_since(const struct timeval *t0)
{
	struct timeval t;
	gettimeofday(&t, NULL);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_usec - t0->tv_usec) / 1e6;
}

static void usage(void)
{
	fputs("usage: soak [--seed N] [--events N]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static struct monkey mk;
	struct monkey *m = &mk;
	struct timeval t0;
	long warm_at, warm_events = 0, rss_warm = 0;
	size_t heap_warm = 0;
	bool seeded = false;

	m->limit = 200000;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			m->seed = strtoull(argv[++i], NULL, 10);
			seeded = true;
		} else if (!strcmp(argv[i], "--events") && i + 1 < argc) {
			m->limit = strtol(argv[++i], NULL, 10);
		} else {
			usage();
		}
	}
	if (m->limit < 100)
		usage();
	gettimeofday(&t0, NULL);
	if (!seeded)
		m->seed = ((uint64_t)t0.tv_sec * 1000003u) ^ (uint64_t)t0.tv_usec ^
			  ((uint64_t)getpid() << 20);
	m->rng = m->seed;
	printf("soak: seed %llu, %ld events\n", (unsigned long long)m->seed, m->limit);
	fflush(stdout);

	running = m;
	atexit(exit_check);
	disk_install();
	make_variants(m);
	m->f = fixture_create(SOAK_W, SOAK_H, "sv", 0, 0);
	if (!pin_hash(SOAK_PIN, m->f->cfg.pin_hash, sizeof m->f->cfg.pin_hash))
		fail(m, "cannot hash the staff PIN");
	m->next_finger = 100;
	m->last = m->f->app->screen;

	/* The faults come round a few times a run, at seeded moments. */
	long swap_every = m->limit / 12 > 200 ? m->limit / 12 : 200;
	long outage_every = m->limit / 6 > 800 ? m->limit / 6 : 800;
	long next_swap = swap_every / 2 + below(m, (int)swap_every);
	long next_outage = outage_every / 2 + below(m, (int)outage_every);
	long outage_end = 0, outage_restart = 0;
	/* The building closes for a while a few times a run (the demo content's
	 * hours; the fixture's time zone is UTC). */
	long closing_every = m->limit / 8 > 400 ? m->limit / 8 : 400;
	long next_closing = closing_every / 2 + below(m, (int)closing_every), reopening = 0;
	warm_at = m->limit / 5 > 1000 ? m->limit / 5 : 1000;
	if (warm_at > m->limit / 2)
		warm_at = m->limit / 2;

	while (m->events < m->limit) {
		/* Measured between visitors, as at the end. */
		if (!rss_warm && m->events >= warm_at && app_at_safe_point(m->f->app)) {
			rss_warm = measure(m, &heap_warm);
			warm_events = m->events;
		}
		if (m->events >= next_swap) {
			m->swap_pending = true;
			m->swaps_wanted++;
			next_swap += swap_every / 2 + below(m, (int)swap_every);
		}
		if (!disk.fault && m->events >= next_outage) {
			disk.fault = true;
			m->outages++;
			outage_restart =
				m->events + outage_every / 8 + below(m, (int)outage_every / 8);
			outage_end = outage_restart + outage_every / 8;
		} else if (disk.fault && outage_restart && m->events >= outage_restart) {
			restart(m); /* started while the disk is gone: no database */
			if (m->f->store)
				fail(m, "the database opened while the disk was gone");
			outage_restart = 0;
		} else if (disk.fault && m->events >= outage_end) {
			disk.fault = false;
			restart(m);
			next_outage = m->events + outage_every / 2 + below(m, (int)outage_every);
		}
		if (!reopening && m->events >= next_closing) {
			setenv("KIOSK_NOW", "2026-11-24T21:30:00Z", 1);
			m->closings++;
			reopening =
				m->events + closing_every / 6 + below(m, (int)closing_every / 6);
		} else if (reopening && m->events >= reopening) {
			setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 1);
			reopening = 0;
			next_closing = m->events + closing_every / 2 + below(m, (int)closing_every);
		}
		/* A visitor in a survey mostly taps: that is how surveys get finished. */
		int r = below(m, 100);
		if (m->f->app->screen == &survey_screen && chance(m, 70))
			r = 0;
		if (r < 50)
			tap(m);
		else if (r < 60)
			swipe(m);
		else if (r < 64)
			long_press(m);
		else if (r < 70)
			fingers(m);
		else if (r < 77)
			mouse(m);
		else if (r < 83)
			key(m);
		else if (r < 87)
			window(m);
		else if (r < 88)
			staff(m);
		else {
			/* A pause: mostly short, sometimes long enough for the idle
			 * warning, the reset, or the next card. */
			uint64_t ms = chance(m, 85)   ? (uint64_t)below(m, 3000)
				      : chance(m, 60) ? 5000 + (uint64_t)below(m, 60000)
						      : 60000 + (uint64_t)below(m, 40000);
			m->pauses++;
			pass(m, ms);
		}
	}
	/* The building is open, the disk is back and the kiosk settles, even with
	 * presses whose release never came. */
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 1);
	if (disk.fault) {
		disk.fault = false;
		restart(m);
	}
	pass(m, 200000);
	if (m->f->app->screen != &attract_screen)
		fail(m, "not back on the attract screen after 200 s without a touch (on %s%s)",
		     m->f->app->screen->name,
		     m->f->app->ptr.active ? ", with a press still held" : "");

	size_t heap_end;
	long rss_end = measure(m, &heap_end);
	long complete, abandoned, rows, ids;
	count_rows(m, &complete, &abandoned, &rows, &ids);

	printf("soak: %ld events in %.0f s: %ld taps (%ld on targets), %ld swipes, %ld long "
	       "presses, %ld multi-finger rounds, %ld mouse, %ld keys, %ld window/quit, %ld "
	       "pauses\n",
	       m->events, seconds_since(&t0), m->taps, m->target_taps, m->swipes, m->long_presses,
	       m->multi, m->mice, m->keys, m->windows, m->pauses);
	printf("soak: %ld content swaps (%ld asked for), %ld disk outages (%ld failed disk "
	       "calls), %ld restarts\n",
	       m->swaps, m->swaps_wanted, m->outages, disk.failures, m->restarts);
	printf("soak: %ld surveys refused while the disk was gone\n", m->refused);
	printf("soak: %ld surveys thanked for; in the database %ld complete, %ld abandoned, %ld "
	       "rows, %ld distinct ids\n",
	       m->thanks, complete, abandoned, rows, ids);
	printf("soak: RSS %.1f MiB after warm-up (event %ld), %.1f MiB at the end (%+.1f MiB); "
	       "heap %.1f MiB, %.1f MiB\n",
	       rss_warm / 1048576.0, warm_events, rss_end / 1048576.0,
	       (rss_end - rss_warm) / 1048576.0, heap_warm / 1048576.0, heap_end / 1048576.0);
	printf("soak: %ld staff gestures, %ld closing times\n", m->staff_visits, m->closings);
	printf("soak: screens entered:");
	for (int i = 0; i < screens_count && i < 16; i++)
		printf(" %s %ld", screens_all[i]->name, m->visits[i]);
	printf("\n");
	if (complete != m->thanks)
		fail(m, "%ld surveys thanked for, but %ld complete responses stored", m->thanks,
		     complete);
	if (ids != rows)
		fail(m, "%ld responses with only %ld distinct ids", rows, ids);
	if (rss_end - rss_warm > RSS_BOUND)
		fail(m, "resident memory grew by %.1f MiB (at most %d allowed)",
		     (rss_end - rss_warm) / 1048576.0, RSS_BOUND >> 20);
	if ((long)(heap_end - heap_warm) > HEAP_BOUND)
		fail(m, "the heap grew by %.1f MiB (at most %d allowed)",
		     ((long)(heap_end - heap_warm)) / 1048576.0, HEAP_BOUND >> 20);
	if (m->swaps == 0 || m->outages == 0)
		fail(m, "the run was too short for a content swap and a disk outage");

	fixture_destroy(m->f);
	for (int v = 0; v < VARIANTS; v++)
		free(m->bundles[v]);
	finished = true;
	printf("soak: ok\n");
	return 0;
}
