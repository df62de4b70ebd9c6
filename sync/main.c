/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk-sync: the kiosk's network side. It uploads answers, fetches new content
 * and reports status to the central service, each on its own timer, backing off
 * with full jitter when the network or the server fails. --once does one round. */
#include "common/config.h"
#include "common/log.h"
#include "common/notify.h"
#include "common/paths.h"
#include "common/store.h"
#include "common/wake.h"
#include "sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_CONFIG "/etc/kiosk/kiosk.conf"
#define BACKOFF_CAP_S  3600
/* sysexits' EX_CONFIG: the config cannot work, so systemd does not restart
 * kiosk-sync (RestartPreventExitStatus=) until someone fixes it. */
#define EXIT_CONFIG 78

static bool make_dir(const char *path)
{
	return mkdir(path, 0755) == 0 || errno == EEXIST;
}

/* One round, printing what it did. 0 only if every step succeeded. */
static int once(struct sync *s)
{
	bool changed = false;
	int up = 0, rej = 0, rc = 0;
	enum sync_result r;

	r = sync_content(s, &changed);
	printf("content: %s\n",
	       r == SYNC_OK ? (changed ? "updated" : "unchanged") : sync_last_error(s));
	rc |= r != SYNC_OK;
	r = sync_upload(s, &up, &rej);
	if (r == SYNC_OK)
		printf("responses: %d uploaded, %d rejected\n", up, rej);
	else
		printf("responses: %d uploaded, %d rejected, then: %s\n", up, rej,
		       sync_last_error(s));
	rc |= r != SYNC_OK;
	r = sync_status(s);
	printf("status: %s\n", r == SYNC_OK ? "sent" : sync_last_error(s));
	rc |= r != SYNC_OK;
	return rc;
}

/* A task of the loop: when it next runs and how often it failed in a row. */
struct task {
	const char *name;
	enum sync_result (*run)(struct sync *s);
	int interval_s;
	int failures;
	time_t due;
};

static enum sync_result run_content(struct sync *s)
{
	return sync_content(s, NULL);
}

static enum sync_result run_upload(struct sync *s)
{
	return sync_upload(s, NULL, NULL);
}

/* The wait after a failure: full jitter over an exponential bound, never less
 * than what the server asked for; a refusal of this kiosk waits the longest. */
static long backoff(const struct task *t, enum sync_result r, long retry_after)
{
	long bound = 5;
	unsigned int rnd = 0;

	if (r == SYNC_CONFIG)
		return BACKOFF_CAP_S;
	for (int i = 1; i < t->failures && bound < BACKOFF_CAP_S; i++)
		bound *= 2;
	if (bound > BACKOFF_CAP_S)
		bound = BACKOFF_CAP_S;
	if (getrandom(&rnd, sizeof rnd, 0) != sizeof rnd)
		rnd = (unsigned int)rand();
	long wait = 1 + (long)(rnd % (unsigned long)bound);
	return wait < retry_after ? retry_after : wait;
}

/* Before each request: a long round still tells the watchdog it moves on. */
static void pet(void)
{
	notify_watchdog();
}

/* Records when the last round of task went well, for the staff panel. */
static void record_success(struct store *store)
{
	char when[32];
	snprintf(when, sizeof when, "%lld", (long long)time(NULL));
	store_set_status(store, "last_success", when);
}

/* Whether staff asked for a sync on the kiosk's panel, which leaves a file named
 * sync-now in the data directory; taking the request removes the file. */
static bool sync_asked(const struct config *cfg)
{
	char path[CONFIG_PATH_MAX + 16];

	snprintf(path, sizeof path, "%s/sync-now", cfg->data_dir);
	if (unlink(path) < 0)
		return false;
	log_info("a sync was asked for on the staff panel");
	return true;
}

/* Adds what woke since the last look to *why, without waiting; true once a
 * signal asks kiosk-sync to stop. */
static bool stop_asked(struct wake *wake, unsigned *why)
{
	wake_wait(wake, 0);
	*why |= wake_take(wake);
	return *why & WAKE_STOP;
}

/* Runs each task that is due at now, stopping early when a signal comes (*why
 * gathers what woke meanwhile); returns when the next one is due. */
static time_t run_due(struct sync *s, struct store *store, struct task *tasks, int n, time_t now,
		      struct wake *wake, unsigned *why)
{
	time_t next = now + BACKOFF_CAP_S;

	for (int i = 0; i < n; i++) {
		struct task *t = &tasks[i];
		if (now >= t->due && !stop_asked(wake, why)) {
			enum sync_result r = t->run(s);
			if (r == SYNC_OK) {
				record_success(store);
				t->failures = 0;
				t->due = time(NULL) + t->interval_s;
			} else {
				t->failures++;
				long wait = backoff(t, r, sync_retry_after(s));
				log_warn("%s failed (%s); next try in %ld s", t->name, sync_strerror(r),
					 wait);
				notify_status("%s failed (%s); next try in %ld s", t->name,
					      sync_strerror(r), wait);
				t->due = time(NULL) + wait;
			}
		}
		if (t->due < next)
			next = t->due;
	}
	return next;
}

/* How long to sleep until next, or the watchdog's next pet if sooner. */
static int wait_ms(time_t next, long pet)
{
	time_t now = time(NULL);
	long wait = next > now ? (long)(next - now) * 1000 : 0;

	if (pet >= 0 && pet < wait)
		wait = pet;
	return (int)wait;
}

/* Sleeps in poll() until the next task, the watchdog's pet, a signal or a change
 * in the data directory (the staff panel's sync-now); there is no tick. */
static int loop(struct sync *s, const struct config *cfg, struct store *store,
		struct wake *wake)
{
	struct task tasks[] = {
		{ "content", run_content, cfg->sync_interval_s, 0, 0 },
		{ "upload", run_upload, cfg->sync_interval_s, 0, 0 },
		{ "status", sync_status, cfg->status_interval_s, 0, 0 },
	};
	const int n = sizeof tasks / sizeof tasks[0];
	unsigned why = 0;
	time_t next = 0;

	notify_ready();
	while (!(why & WAKE_STOP)) {
		long pet = notify_watchdog();
		why = 0;
		if (time(NULL) >= next) {
			next = run_due(s, store, tasks, n, time(NULL), wake, &why);
			if (why & WAKE_STOP)
				break;
			if (tasks[0].failures + tasks[1].failures + tasks[2].failures == 0)
				notify_status("in step with the central service");
		}
		/* Without a watch on the directory, a request is looked for every
		 * few seconds. */
		int wait = wait_ms(next, pet);
		if (!wake_watching(wake) && wait > 5000)
			wait = 5000;
		wake_wait(wake, wait);
		why |= wake_take(wake);
		if (!(why & WAKE_STOP) && sync_asked(cfg)) {
			/* Now, whatever the backoff: staff may just have fixed what
			 * failed. */
			for (int i = 0; i < n; i++)
				tasks[i].due = 0;
			next = 0;
		}
	}
	log_info("kiosk-sync stopping");
	notify_stopping();
	return 0;
}

int main(int argc, char **argv)
{
	const char *config_path = DEFAULT_CONFIG;
	bool run_once = false;
	struct config cfg;
	struct paths paths;
	char db[CONFIG_PATH_MAX + 16];

	log_init();
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc) {
			config_path = argv[++i];
		} else if (!strcmp(argv[i], "--once")) {
			run_once = true;
		} else {
			fprintf(stderr, "usage: kiosk-sync [--config FILE] [--once]\n");
			return 2;
		}
	}
	paths_find(&paths);
	config_defaults(&cfg, paths.share);
	if (!config_load(&cfg, config_path))
		return EXIT_CONFIG;
	if (!make_dir(cfg.data_dir)) {
		log_error("cannot create the data directory %s: %s", cfg.data_dir, strerror(errno));
		return 1;
	}
	snprintf(db, sizeof db, "%s/kiosk.db", cfg.data_dir);
	struct store *store = store_open(db, NULL);
	if (!store)
		return 1;
	struct sync *s = sync_create(&cfg, store);
	if (!s) {
		store_close(store);
		return EXIT_CONFIG;
	}
	notify_init();
	sync_on_request(s, pet);
	struct wake *wake = run_once ? NULL : wake_create(cfg.data_dir);
	int rc = 1;
	if (run_once)
		rc = once(s);
	else if (wake)
		rc = loop(s, &cfg, store, wake);
	if (rc == 0 && run_once)
		record_success(store);
	wake_destroy(wake);
	sync_destroy(s);
	store_close(store);
	return rc;
}
