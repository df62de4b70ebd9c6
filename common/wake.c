/* SPDX-License-Identifier: EUPL-1.2 */
/* A loop's sleep: a signalfd for SIGTERM and SIGINT, an inotify watch on one
 * directory, a pipe to interrupt it and, for the kiosk, the input devices, all
 * waited on in one poll(). The reasons are gathered in an atomic mask. */
#define _GNU_SOURCE /* pipe2 */
#include "wake.h"

#include "log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/input.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

#define INPUTS_MAX 16
#define JACKS_MAX  4

struct wake {
	int signal_fd;
	int inotify_fd; /* -1: not watching */
	int dir_wd;	/* the watched directory's watch */
	int sound_wd;	/* the sound devices' directory, or -1 */
	int parent_wd;	/* its parent while it does not exist, or -1 */
	char sound_dir[128];
	int pipe[2]; /* wake_interrupt */
	int inputs[INPUTS_MAX];
	int ninputs;
	int jacks[JACKS_MAX]; /* input devices with a jack's switch */
	int njacks;
	sigset_t mask;
	atomic_uint reasons;
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

struct wake *wake_create(const char *dir)
{
	struct wake *w = calloc(1, sizeof *w);

	if (!w)
		return NULL;
	w->signal_fd = w->inotify_fd = w->pipe[0] = w->pipe[1] = -1;
	w->sound_wd = w->parent_wd = -1;
	sigemptyset(&w->mask);
	sigaddset(&w->mask, SIGTERM);
	sigaddset(&w->mask, SIGINT);
	if (sigprocmask(SIG_BLOCK, &w->mask, NULL) < 0 ||
	    (w->signal_fd = signalfd(-1, &w->mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0 ||
	    pipe2(w->pipe, O_NONBLOCK | O_CLOEXEC) < 0) {
		log_error("cannot wait for signals: %s", strerror(errno));
		wake_destroy(w);
		return NULL;
	}
	w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	/* kiosk-sync swaps content/current by renaming a new link over it; the
	 * staff panel writes sync-now. */
	if (w->inotify_fd < 0 ||
	    (w->dir_wd = inotify_add_watch(w->inotify_fd, dir,
					   IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE)) <
		    0) {
		log_warn("cannot watch %s for changes (%s); looking every few seconds", dir,
			 strerror(errno));
		close_fd(&w->inotify_fd);
	}
	return w;
}

bool wake_watching(const struct wake *w)
{
	return w->inotify_fd >= 0;
}

void wake_add_inputs(struct wake *w)
{
	DIR *d = opendir("/dev/input");
	struct dirent *e;
	char path[300];

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

/* Whether input device fd has a switch for a headphone or a jack. */
static bool has_jack_switch(int fd)
{
	unsigned long sw[(SW_MAX + 1 + 8 * sizeof(long) - 1) / (8 * sizeof(long))] = { 0 };
	size_t bits = 8 * sizeof sw[0];

	if (ioctl(fd, EVIOCGBIT(EV_SW, sizeof sw), sw) < 0)
		return false;
	return (sw[SW_HEADPHONE_INSERT / bits] >> (SW_HEADPHONE_INSERT % bits) & 1) ||
	       (sw[SW_JACK_PHYSICAL_INSERT / bits] >> (SW_JACK_PHYSICAL_INSERT % bits) & 1);
}

int wake_add_jacks(struct wake *w, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[300];

	while (d && (e = readdir(d)) && w->njacks < JACKS_MAX) {
		if (strncmp(e->d_name, "event", 5))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0 && has_jack_switch(fd))
			w->jacks[w->njacks++] = fd;
		else if (fd >= 0)
			close(fd);
	}
	if (d)
		closedir(d);
	return w->njacks;
}

bool wake_jack_plugged(const void *buf, size_t len)
{
	struct input_event ev;

	for (size_t off = 0; off + sizeof ev <= len; off += sizeof ev) {
		memcpy(&ev, (const char *)buf + off, sizeof ev);
		if (ev.type == EV_SW && ev.value == 1 &&
		    (ev.code == SW_HEADPHONE_INSERT || ev.code == SW_JACK_PHYSICAL_INSERT))
			return true;
	}
	return false;
}

/* Watches w->sound_dir, or its parent for it to appear. */
static bool watch_sound_dir(struct wake *w)
{
	char parent[128];

	w->sound_wd = inotify_add_watch(w->inotify_fd, w->sound_dir, IN_CREATE);
	if (w->sound_wd >= 0)
		return true;
	if (w->parent_wd >= 0)
		return true;
	snprintf(parent, sizeof parent, "%s", w->sound_dir);
	char *slash = strrchr(parent, '/');
	if (slash && slash != parent)
		*slash = '\0';
	w->parent_wd = inotify_add_watch(w->inotify_fd, parent, IN_CREATE);
	if (w->parent_wd < 0)
		log_warn("cannot watch %s for a headset: %s", w->sound_dir, strerror(errno));
	return w->parent_wd >= 0;
}

bool wake_add_sound(struct wake *w, const char *dir)
{
	if (w->inotify_fd < 0)
		return false;
	snprintf(w->sound_dir, sizeof w->sound_dir, "%s", dir);
	return watch_sound_dir(w);
}

/* Whether name is an ALSA playback device: "pcmC1D0p". */
static bool playback(const char *name)
{
	size_t n = strlen(name);
	return !strncmp(name, "pcmC", 4) && n > 4 && name[n - 1] == 'p';
}

/* The reasons in the inotify events in buf. */
static unsigned changes(struct wake *w, const char *buf, ssize_t len)
{
	unsigned why = 0;
	const char *base = strrchr(w->sound_dir, '/');

	for (ssize_t off = 0; off < len;) {
		const struct inotify_event *e = (const struct inotify_event *)(buf + off);
		off += (ssize_t)sizeof *e + e->len;
		if (e->wd == w->dir_wd || (e->mask & IN_Q_OVERFLOW)) {
			why |= WAKE_CHANGE;
		} else if (e->wd == w->sound_wd && (e->mask & IN_IGNORED)) {
			/* The directory went (the last sound card with it): watch for
			 * it to come back. */
			w->sound_wd = -1;
			watch_sound_dir(w);
		} else if (e->wd == w->sound_wd && e->len && playback(e->name)) {
			why |= WAKE_SOUND;
		} else if (e->wd == w->parent_wd && e->len && base && !strcmp(e->name, base + 1)) {
			/* The directory came with a sound card: watch it from now on. */
			w->sound_wd = inotify_add_watch(w->inotify_fd, w->sound_dir, IN_CREATE);
			why |= WAKE_SOUND;
		}
	}
	return why;
}

/* Whether fd is one of the jacks' devices. */
static bool is_jack(const struct wake *w, int fd)
{
	for (int i = 0; i < w->njacks; i++)
		if (w->jacks[i] == fd)
			return true;
	return false;
}

/* Why descriptor fd (neither the inotify one nor a jack's) woke the poll,
 * before what it says is read. */
static unsigned reason(const struct wake *w, int fd)
{
	if (fd == w->signal_fd)
		return WAKE_STOP;
	if (fd == w->inotify_fd)
		return WAKE_CHANGE;
	return fd == w->pipe[0] ? 0 : WAKE_INPUT;
}

/* Reads what is waiting on each ready descriptor and notes why. */
static void drain(struct wake *w, const struct pollfd *p, int n)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

	for (int i = 0; i < n; i++) {
		if (!p[i].revents)
			continue;
		bool watch = p[i].fd == w->inotify_fd, jack = is_jack(w, p[i].fd);
		unsigned why = watch || jack ? 0 : reason(w, p[i].fd);
		ssize_t len;
		while ((len = read(p[i].fd, buf, sizeof buf)) > 0)
			if (watch)
				why |= changes(w, buf, len);
			else if (jack && wake_jack_plugged(buf, (size_t)len))
				why |= WAKE_SOUND;
		if ((why == WAKE_INPUT || jack) &&
		    (p[i].revents & (POLLERR | POLLHUP | POLLNVAL))) {
			/* A device unplugged: stop listening to it. */
			for (int k = 0; k < w->ninputs; k++)
				if (w->inputs[k] == p[i].fd)
					close_fd(&w->inputs[k]);
			for (int k = 0; k < w->njacks; k++)
				if (w->jacks[k] == p[i].fd)
					close_fd(&w->jacks[k]);
		}
		atomic_fetch_or(&w->reasons, why);
	}
}

void wake_wait(struct wake *w, int timeout_ms)
{
	struct pollfd p[3 + INPUTS_MAX + JACKS_MAX];
	int n = 0;

	p[n++] = (struct pollfd){ .fd = w->signal_fd, .events = POLLIN };
	p[n++] = (struct pollfd){ .fd = w->pipe[0], .events = POLLIN };
	if (w->inotify_fd >= 0)
		p[n++] = (struct pollfd){ .fd = w->inotify_fd, .events = POLLIN };
	for (int i = 0; i < w->ninputs; i++)
		if (w->inputs[i] >= 0)
			p[n++] = (struct pollfd){ .fd = w->inputs[i], .events = POLLIN };
	for (int i = 0; i < w->njacks; i++)
		if (w->jacks[i] >= 0)
			p[n++] = (struct pollfd){ .fd = w->jacks[i], .events = POLLIN };
	if (poll(p, (nfds_t)n, timeout_ms) > 0)
		drain(w, p, n);
}

void wake_interrupt(struct wake *w)
{
	if (write(w->pipe[1], "x", 1) < 0 && errno != EAGAIN)
		log_debug("cannot interrupt the wait: %s", strerror(errno));
}

unsigned wake_take(struct wake *w)
{
	return atomic_exchange(&w->reasons, 0);
}

void wake_destroy(struct wake *w)
{
	if (!w)
		return;
	close_fd(&w->pipe[0]);
	close_fd(&w->pipe[1]);
	for (int i = 0; i < w->ninputs; i++)
		close_fd(&w->inputs[i]);
	for (int i = 0; i < w->njacks; i++)
		close_fd(&w->jacks[i]);
	close_fd(&w->inotify_fd);
	close_fd(&w->signal_fd);
	sigprocmask(SIG_UNBLOCK, &w->mask, NULL);
	free(w);
}
