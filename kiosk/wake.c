/* The kiosk's sleep: a signalfd for SIGTERM and SIGINT, an inotify watch on the
 * content directory and, where SDL cannot block, the input devices, waited on in
 * poll(). The reasons are gathered in an atomic mask that the loop takes. */
#define _GNU_SOURCE /* pipe2 */
#include "wake.h"

#include "common/log.h"

#include <SDL2/SDL.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#define INPUTS_MAX 16

struct wake {
	int signal_fd;
	int inotify_fd; /* -1: not watching */
	int stop_pipe[2]; /* wakes the thread to end it */
	int inputs[INPUTS_MAX];
	int ninputs;
	bool inputs_opened;
	sigset_t mask;
	atomic_uint reasons;
	SDL_Thread *thread;
	unsigned event_type;
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

struct wake *wake_create(const char *content_dir)
{
	struct wake *w = calloc(1, sizeof *w);

	if (!w)
		return NULL;
	w->inotify_fd = w->stop_pipe[0] = w->stop_pipe[1] = -1;
	sigemptyset(&w->mask);
	sigaddset(&w->mask, SIGTERM);
	sigaddset(&w->mask, SIGINT);
	if (sigprocmask(SIG_BLOCK, &w->mask, NULL) < 0 ||
	    (w->signal_fd = signalfd(-1, &w->mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
		log_error("cannot wait for signals: %s", strerror(errno));
		sigprocmask(SIG_UNBLOCK, &w->mask, NULL);
		free(w);
		return NULL;
	}
	w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	/* kiosk-sync swaps content/current by renaming a new link over it. */
	if (w->inotify_fd < 0 ||
	    inotify_add_watch(w->inotify_fd, content_dir,
			      IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_DELETE_SELF) < 0) {
		log_warn("cannot watch %s for new content (%s); looking every few seconds",
			 content_dir, strerror(errno));
		close_fd(&w->inotify_fd);
	}
	return w;
}

bool wake_watching(const struct wake *w)
{
	return w->inotify_fd >= 0;
}

/* Reads what is waiting on each ready descriptor and notes why. */
static void drain(struct wake *w, const struct pollfd *p, int n)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

	for (int i = 0; i < n; i++) {
		if (!p[i].revents)
			continue;
		unsigned why = p[i].fd == w->signal_fd	? WAKE_STOP
			       : p[i].fd == w->inotify_fd ? WAKE_CONTENT
			       : p[i].fd == w->stop_pipe[0] ? 0
							    : WAKE_INPUT;
		while (read(p[i].fd, buf, sizeof buf) > 0)
			;
		if (why == WAKE_INPUT && (p[i].revents & (POLLERR | POLLHUP))) {
			/* A device unplugged: stop listening to it. */
			for (int k = 0; k < w->ninputs; k++)
				if (w->inputs[k] == p[i].fd)
					w->inputs[k] = -1;
			close(p[i].fd);
		}
		atomic_fetch_or(&w->reasons, why);
	}
}

/* The descriptors to wait on, into p (room for 3 + INPUTS_MAX). */
static int gather(const struct wake *w, struct pollfd *p, bool with_inputs)
{
	int n = 0;

	p[n++] = (struct pollfd){ .fd = w->signal_fd, .events = POLLIN };
	if (w->inotify_fd >= 0)
		p[n++] = (struct pollfd){ .fd = w->inotify_fd, .events = POLLIN };
	if (w->stop_pipe[0] >= 0)
		p[n++] = (struct pollfd){ .fd = w->stop_pipe[0], .events = POLLIN };
	for (int i = 0; with_inputs && i < w->ninputs; i++)
		if (w->inputs[i] >= 0)
			p[n++] = (struct pollfd){ .fd = w->inputs[i], .events = POLLIN };
	return n;
}

static int watch(void *data)
{
	struct wake *w = data;
	struct pollfd p[3 + INPUTS_MAX];

	for (;;) {
		int n = gather(w, p, false);
		if (poll(p, (nfds_t)n, -1) < 0 && errno != EINTR)
			return 1;
		drain(w, p, n);
		if (p[n - 1].fd == w->stop_pipe[0] && p[n - 1].revents)
			return 0;
		SDL_Event ev = { .type = w->event_type };
		SDL_PushEvent(&ev);
	}
}

bool wake_start_thread(struct wake *w, unsigned event_type)
{
	w->event_type = event_type;
	if (pipe2(w->stop_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		log_error("cannot make a pipe: %s", strerror(errno));
		return false;
	}
	w->thread = SDL_CreateThread(watch, "kiosk-wake", w);
	if (!w->thread)
		log_error("cannot start the wake thread: %s", SDL_GetError());
	return w->thread != NULL;
}

/* Opens the touch screens, keyboards and mice under /dev/input, to wait on. */
static void open_inputs(struct wake *w)
{
	DIR *d = opendir("/dev/input");
	struct dirent *e;
	char path[300];

	w->inputs_opened = true;
	while (d && (e = readdir(d)) && w->ninputs < INPUTS_MAX) {
		if (strncmp(e->d_name, "event", 5))
			continue;
		snprintf(path, sizeof path, "/dev/input/%s", e->d_name);
		int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0)
			w->inputs[w->ninputs++] = fd;
	}
	if (d)
		closedir(d);
	log_info("waiting on %d input device%s", w->ninputs, w->ninputs == 1 ? "" : "s");
}

void wake_wait(struct wake *w, int timeout_ms)
{
	struct pollfd p[3 + INPUTS_MAX];

	if (!w->inputs_opened)
		open_inputs(w);
	int n = gather(w, p, true);
	if (poll(p, (nfds_t)n, timeout_ms) > 0)
		drain(w, p, n);
}

unsigned wake_take(struct wake *w)
{
	return atomic_exchange(&w->reasons, 0);
}

bool wake_sdl_blocks(const char *video_driver)
{
	return video_driver &&
	       (!strcmp(video_driver, "x11") || !strcmp(video_driver, "wayland"));
}

void wake_destroy(struct wake *w)
{
	if (!w)
		return;
	if (w->thread) {
		if (write(w->stop_pipe[1], "x", 1) < 0)
			log_debug("cannot stop the wake thread: %s", strerror(errno));
		SDL_WaitThread(w->thread, NULL);
	}
	close_fd(&w->stop_pipe[0]);
	close_fd(&w->stop_pipe[1]);
	for (int i = 0; i < w->ninputs; i++)
		close_fd(&w->inputs[i]);
	close_fd(&w->inotify_fd);
	close_fd(&w->signal_fd);
	sigprocmask(SIG_UNBLOCK, &w->mask, NULL);
	free(w);
}
