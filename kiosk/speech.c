/* SPDX-License-Identifier: EUPL-1.2 */
/* Speech: a screen's items turned into what is said, and espeak-ng, a program of
 * its own (it is never linked in), saying it. The engine runs one process at a
 * time for a run of utterances in one language and writes their text to its
 * standard input without ever blocking; speech_poll does the rest of the work
 * when the caller has time. Stopping kills the process, and a killed process is
 * reaped later, so the caller never waits on one. */
#include "speech.h"
#include "app.h"
#include "common/log.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* What a role adds to its label, as a key of the string catalogs; NULL: the label
 * alone. A link acts like a button, so it is spoken as one. */
static const char *role_key(const struct app_item *it)
{
	bool acts = it->action != APP_NO_ACTION || it->role == APP_ROLE_BUTTON ||
		    it->role == APP_ROLE_LINK;

	if (it->role == APP_ROLE_QR)
		return "speech_qr";
	if (it->role == APP_ROLE_IMAGE)
		return "speech_image";
	if (!acts)
		return NULL;
	if (it->state & APP_ITEM_DISABLED)
		return "speech_button_disabled";
	if (it->state & APP_ITEM_SELECTED)
		return "speech_button_selected";
	return "speech_button";
}

/* Line breaks and tabs become spaces: an utterance is one line of text. */
static void flatten(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\t' || *s == '\r')
			*s = ' ';
}

/* The language a button of the language choice offers, by its label (the
 * language's name in itself), or NULL when label names none but the visitor's. */
static const char *offered_language(const struct app *app, const char *label)
{
	for (int i = 0; i < app->content->nlanguages; i++) {
		const char *code = app->content->languages[i];
		if (strcmp(code, app->lang) != 0 &&
		    !strcmp(label, i18n_get(app->i18n, code, "language_name")))
			return code;
	}
	return NULL;
}

/* The visitor hears an item in their language; the button of another language
 * says its name in that language, so that a visitor who knows only it hears it. */
bool speech_item(const struct app *app, const struct app_item *it, struct speech_utterance *u)
{
	static const char *const names[] = { "label" };
	const char *key = role_key(it);

	if (!it->label || !it->label[0])
		return false;
	const char *other = key ? offered_language(app, it->label) : NULL;
	snprintf(u->lang, sizeof u->lang, "%s", other ? other : app->lang);
	if (key && !other)
		app_format_vars(app, key, names, &it->label, 1, u->text, sizeof u->text);
	else
		snprintf(u->text, sizeof u->text, "%s", it->label);
	flatten(u->text);
	return true;
}

int speech_sequence(const struct app *app, struct speech_utterance *out, int max)
{
	int title = -1, n = 0;

	for (int i = 0; i < app->nitems && title < 0; i++)
		if (app->items[i].role == APP_ROLE_HEADING && app->items[i].label &&
		    app->items[i].label[0])
			title = i;
	if (title >= 0 && n < max && speech_item(app, &app->items[title], &out[n]))
		n++;
	for (int i = 0; i < app->nitems && n < max; i++)
		if (i != title && speech_item(app, &app->items[i], &out[n]))
			n++;
	return n;
}

/* The word for "to" between two numbers, by language; NULL: the dash stays. */
static const char *range_word(const char *lang)
{
	static const char *const words[][2] = {
		{ "sv", "till" },
		{ "en", "to" },
		{ "ar", "\u0625\u0644\u0649" }, /* ila */
		{ "fa", "\u062a\u0627" },	/* ta */
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strncmp(lang, words[i][0], 2))
			return words[i][1];
	return NULL;
}

/* The length of the digit at p (ASCII, Arabic-Indic or Persian), 0 for none. */
static int digit_at(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	if (*u >= '0' && *u <= '9')
		return 1;
	/* U+0660..U+0669 and U+06F0..U+06F9: D9 A0..A9 and DB B0..B9. */
	if ((u[0] == 0xD9 && u[1] >= 0xA0 && u[1] <= 0xA9) ||
	    (u[0] == 0xDB && u[1] >= 0xB0 && u[1] <= 0xB9))
		return 2;
	return 0;
}

/* The length of an en dash at p, with the spaces around it, when a digit comes
 * after; 0 otherwise. */
static int range_dash(const char *p)
{
	int n = 0;
	while (p[n] == ' ')
		n++;
	if (strncmp(p + n, "\u2013", 3) != 0)
		return 0;
	n += 3;
	while (p[n] == ' ')
		n++;
	return digit_at(p + n) ? n : 0;
}

char *speech_spoken_form(const char *lang, const char *text, char *out, size_t size)
{
	const char *to = range_word(lang);
	bool swedish = !strncmp(lang, "sv", 2);
	size_t o = 0;
	bool after_digit = false;

	for (const char *p = text; *p && o + 1 < size;) {
		int n = 0;
		const char *put = NULL;
		if (after_digit && to && (n = range_dash(p))) {
			put = to;
		} else if (after_digit && swedish && *p == ',' && digit_at(p + 1)) {
			n = 1, put = "komma";
		} else if (after_digit && (*p == ':' || *p == '.') && !strncmp(p + 1, "00", 2) &&
			   !digit_at(p + 3)) {
			n = 3, put = ""; /* a whole hour */
		}
		if (put) {
			size_t w = strlen(put) + (*put ? 2 : 0);
			if (o + w >= size)
				break;
			snprintf(out + o, size - o, *put ? " %s " : "%s", put);
			o += w;
			p += n;
			after_digit = !*put; /* "18.00–21" is still after "18" */
			continue;
		}
		int d = digit_at(p);
		unsigned char c = (unsigned char)*p;
		int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		after_digit = d > 0;
		if (o + (size_t)len >= size)
			break;
		for (int k = 0; k < len && *p; k++)
			out[o++] = *p++;
	}
	out[o] = '\0';
	return out;
}

bool speech_write(const struct speech_utterance *u, int n, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		log_error("cannot write %s: %s", path, strerror(errno));
		return false;
	}
	for (int i = 0; i < n; i++)
		fprintf(f, "%s\t%s\n", u[i].lang, u[i].text);
	if (fclose(f) != 0) {
		log_error("cannot write %s: %s", path, strerror(errno));
		return false;
	}
	return true;
}

/* The engine. */

#define SPEECH_DYING_MAX   8
#define SPEECH_EXEC_FAILED 127 /* a spawned child's exit when its program cannot run */
#define SPEECH_VOICES_MAX  65536
#define SPEECH_POLL_MS	   20

struct speech {
	char program[256];
	char wav[512];
	char volume[8], rate[8]; /* espeak-ng's -a and -s */

	/* `program --voices`, read in the background; its output once known. */
	pid_t voices_pid;
	int voices_fd;
	char *voices;
	size_t voices_len;
	bool voices_known;

	/* What is left to say. */
	struct speech_utterance *queue;
	int nqueue, next;
	char voiceless[16]; /* the language of the notice said last, "" for none */

	/* The process speaking now, and what it has still to be given. */
	pid_t pid;
	int fd;
	char *input;
	size_t input_len, input_done;

	pid_t dying[SPEECH_DYING_MAX]; /* killed, not reaped yet */
	enum speech_status status;
	bool told_missing, told_crash;
};

/* Starts argv with a pipe to its standard input (to_child) or from its standard
 * output; the other one is /dev/null. Returns the pid and sets *fd to the kiosk's
 * end of the pipe, which never blocks, or returns 0 (the error in errno). */
static pid_t spawn(char *const argv[], bool to_child, int *fd)
{
	int p[2];
	pid_t pid = 0;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, reset;

	if (pipe(p) < 0)
		return 0;
	int ours = to_child ? p[1] : p[0], theirs = to_child ? p[0] : p[1];
	fcntl(ours, F_SETFL, fcntl(ours, F_GETFL) | O_NONBLOCK);
	fcntl(ours, F_SETFD, FD_CLOEXEC);
	fcntl(theirs, F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, theirs, to_child ? 0 : 1);
	posix_spawn_file_actions_addopen(&fa, to_child ? 1 : 0, "/dev/null", O_RDWR, 0);
	/* The engine starts with the signals as a program expects them, not with
	 * the kiosk's blocked SIGTERM and ignored SIGPIPE. */
	sigemptyset(&none);
	sigemptyset(&reset);
	sigaddset(&reset, SIGPIPE);
	sigaddset(&reset, SIGTERM);
	sigaddset(&reset, SIGINT);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &reset);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	int err = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(theirs);
	if (err) {
		close(ours);
		errno = err;
		return 0;
	}
	*fd = ours;
	return pid;
}

static void tell_missing(struct speech *s)
{
	s->status = SPEECH_MISSING;
	if (!s->told_missing)
		log_error("speech is off: cannot start %s: %s", s->program, strerror(errno));
	s->told_missing = true;
}

struct speech *speech_create(const struct speech_config *cfg)
{
	struct speech *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	signal(SIGPIPE, SIG_IGN);
	snprintf(s->program, sizeof s->program, "%s",
		 cfg && cfg->program ? cfg->program : "espeak-ng");
	if (cfg && cfg->wav)
		snprintf(s->wav, sizeof s->wav, "%s", cfg->wav);
	speech_set_voice(s, 100, 175);
	s->fd = s->voices_fd = -1;
	s->status = SPEECH_READY;
	char *argv[] = { s->program, "--voices", NULL };
	s->voices_pid = spawn(argv, false, &s->voices_fd);
	if (!s->voices_pid)
		tell_missing(s);
	return s;
}

/* Reaps what was killed; with wait, waits for it. */
static void reap_dying(struct speech *s, bool wait)
{
	for (int i = 0; i < SPEECH_DYING_MAX; i++)
		if (s->dying[i] && waitpid(s->dying[i], NULL, wait ? 0 : WNOHANG) != 0)
			s->dying[i] = 0;
}

/* Kills pid and leaves it to be reaped later; waits only when too many are dying
 * at once. */
static void bury(struct speech *s, pid_t pid)
{
	kill(pid, SIGKILL);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < SPEECH_DYING_MAX; i++)
			if (!s->dying[i]) {
				s->dying[i] = pid;
				return;
			}
		reap_dying(s, round > 0);
	}
}

static void end_process(struct speech *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->input);
	s->input = NULL;
	s->pid = 0;
}

void speech_set_voice(struct speech *s, int volume, int rate)
{
	if (!s)
		return;
	snprintf(s->volume, sizeof s->volume, "%d", volume < 0 ? 0 : volume > 200 ? 200 : volume);
	snprintf(s->rate, sizeof s->rate, "%d", rate < 80 ? 80 : rate > 450 ? 450 : rate);
}

void speech_stop(struct speech *s)
{
	if (!s)
		return;
	if (s->pid) {
		bury(s, s->pid);
		end_process(s);
		if (s->status == SPEECH_SPEAKING)
			s->status = SPEECH_READY;
	}
	s->nqueue = s->next = 0;
}

void speech_destroy(struct speech *s)
{
	if (!s)
		return;
	speech_stop(s);
	if (s->voices_pid)
		bury(s, s->voices_pid);
	if (s->voices_fd >= 0)
		close(s->voices_fd);
	reap_dying(s, true);
	free(s->voices);
	free(s->queue);
	free(s);
}

void speech_say(struct speech *s, const struct speech_utterance *u, int n)
{
	if (!s)
		return;
	speech_stop(s);
	s->voiceless[0] = '\0';
	struct speech_utterance *q = realloc(s->queue, (n > 0 ? n : 1) * sizeof *q);
	if (!q)
		return;
	s->queue = q;
	if (n > 0)
		memcpy(q, u, n * sizeof *q);
	s->nqueue = n > 0 ? n : 0;
	speech_poll(s);
}

/* Reads what `--voices` printed so far; at its end, keeps it and reaps it. */
static void read_voices(struct speech *s)
{
	char buf[4096];
	ssize_t r;

	while ((r = read(s->voices_fd, buf, sizeof buf)) > 0) {
		if (s->voices_len + r > SPEECH_VOICES_MAX)
			continue;
		char *v = realloc(s->voices, s->voices_len + r + 1);
		if (!v)
			continue;
		memcpy(v + s->voices_len, buf, r);
		s->voices = v;
		s->voices_len += r;
		v[s->voices_len] = '\0';
	}
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	close(s->voices_fd);
	s->voices_fd = -1;
}

/* Reaps `--voices` once it has exited; its list counts if it exited well. */
static void reap_voices(struct speech *s)
{
	int st = 0;
	pid_t r = waitpid(s->voices_pid, &st, WNOHANG);

	if (r == 0)
		return;
	if (r == s->voices_pid && WIFEXITED(st) && WEXITSTATUS(st) == SPEECH_EXEC_FAILED) {
		/* posix_spawn could not say so itself (under an emulator, say). */
		errno = ENOENT;
		tell_missing(s);
	} else if (r == s->voices_pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 && s->voices)
		s->voices_known = true;
	else
		log_warn("%s did not list its voices: every language is tried", s->program);
	s->voices_pid = 0;
}

bool speech_has_voice(const struct speech *s, const char *lang)
{
	size_t n = strlen(lang);

	if (!s->voices_known)
		return true;
	/* Each line after the header: priority, language, ... */
	for (const char *line = strchr(s->voices, '\n'); line; line = strchr(line + 1, '\n')) {
		char code[32];
		if (sscanf(line + 1, "%*s %31s", code) == 1 && !strncmp(code, lang, n) &&
		    (code[n] == '\0' || code[n] == '-'))
			return true;
	}
	return false;
}

/* The English name of a language the kiosk may be set up in, for the notice. */
static const char *english_name(const char *lang)
{
	static const char *const names[][2] = {
		{ "sv", "Swedish" }, { "en", "English" },   { "ar", "Arabic" },
		{ "fa", "Persian" }, { "so", "Somali" },    { "ti", "Tigrinya" },
		{ "fi", "Finnish" }, { "uk", "Ukrainian" }, { "pl", "Polish" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i][0], lang))
			return names[i][1];
	return NULL;
}

/* The next run of utterances in one language, as the engine's input, from the
 * queue; a run without a voice becomes the notice, in English, or nothing when
 * the notice was just said. Sets lang. NULL when nothing is left. */
static char *next_run(struct speech *s, char *lang, size_t lang_size)
{
	while (s->next < s->nqueue) {
		const struct speech_utterance *first = &s->queue[s->next];
		int end = s->next;
		while (end < s->nqueue && !strcmp(s->queue[end].lang, first->lang))
			end++;
		if (!speech_has_voice(s, first->lang)) {
			bool said = !strcmp(s->voiceless, first->lang);
			snprintf(s->voiceless, sizeof s->voiceless, "%s", first->lang);
			s->next = end;
			if (said)
				continue;
			const char *name = english_name(s->voiceless);
			char *notice = malloc(128);
			if (notice)
				snprintf(notice, 128, "There is no voice for %s%s.",
					 name ? name : "the language ", name ? "" : s->voiceless);
			snprintf(lang, lang_size, "en");
			return notice;
		}
		size_t len = 0;
		for (int i = s->next; i < end; i++)
			len += SPEECH_SPOKEN_GROWTH * strlen(s->queue[i].text) + 3;
		char *text = malloc(len + 1), *p = text;
		for (int i = s->next; i < end && text; i++) {
			size_t room = SPEECH_SPOKEN_GROWTH * strlen(s->queue[i].text) + 1;
			speech_spoken_form(first->lang, s->queue[i].text, p, room);
			p += strlen(p);
			memcpy(p, "\n\n", 3);
			p += 2;
		}
		snprintf(lang, lang_size, "%s", first->lang);
		s->voiceless[0] = '\0';
		s->next = end;
		return text;
	}
	return NULL;
}

/* Starts the engine on the next run of the queue. */
static void start_next(struct speech *s)
{
	char lang[16];
	char *text = next_run(s, lang, sizeof lang);

	if (!text)
		return;
	char *argv[12] = { s->program, "-v", lang, "-a", s->volume, "-s", s->rate, "--stdin" };
	char **a = argv + 8;
	if (s->wav[0]) {
		*a++ = "-w";
		*a++ = s->wav;
	}
	*a = NULL;
	s->pid = spawn(argv, true, &s->fd);
	if (!s->pid) {
		free(text);
		tell_missing(s);
		s->nqueue = s->next = 0;
		return;
	}
	s->input = text;
	s->input_len = strlen(text);
	s->input_done = 0;
	s->status = SPEECH_SPEAKING;
}

/* Gives the engine what the pipe takes now; closes it after the last byte. */
static void feed(struct speech *s)
{
	while (s->fd >= 0 && s->input_done < s->input_len) {
		ssize_t w = write(s->fd, s->input + s->input_done, s->input_len - s->input_done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN)
			return;
		if (w < 0)
			break; /* the engine died: reaping will tell */
		s->input_done += w;
	}
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
}

/* Reaps the engine if it has finished, and says how it went. */
static void reap(struct speech *s)
{
	int st = 0;

	if (waitpid(s->pid, &st, WNOHANG) != s->pid)
		return;
	end_process(s);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		s->status = SPEECH_READY;
		s->told_crash = false;
		return;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == SPEECH_EXEC_FAILED) {
		errno = ENOENT;
		tell_missing(s);
		return;
	}
	s->status = SPEECH_CRASHED;
	if (!s->told_crash) {
		if (WIFSIGNALED(st))
			log_error("%s died of signal %d while speaking", s->program, WTERMSIG(st));
		else
			log_error("%s failed while speaking (exit %d)", s->program,
				  WEXITSTATUS(st));
	}
	s->told_crash = true;
}

uint64_t speech_poll(struct speech *s)
{
	if (!s)
		return 0;
	reap_dying(s, false);
	if (s->voices_fd >= 0)
		read_voices(s);
	if (s->voices_fd < 0 && s->voices_pid)
		reap_voices(s);
	if (s->pid) {
		feed(s);
		reap(s);
	}
	if (!s->pid && !s->voices_pid)
		start_next(s);
	bool dying = false;
	for (int i = 0; i < SPEECH_DYING_MAX; i++)
		dying |= s->dying[i] != 0;
	return s->pid || s->voices_pid || dying || s->next < s->nqueue ? SPEECH_POLL_MS : 0;
}

enum speech_status speech_status(const struct speech *s)
{
	return s ? s->status : SPEECH_MISSING;
}

const char *speech_status_text(enum speech_status status)
{
	static const char *const texts[] = {
		[SPEECH_READY] = "ready",
		[SPEECH_SPEAKING] = "speaking",
		[SPEECH_MISSING] = "the speech engine cannot be started",
		[SPEECH_CRASHED] = "the speech engine stopped while speaking",
	};
	return (unsigned)status < sizeof texts / sizeof texts[0] ? texts[status] : "unknown";
}

int speech_pid(const struct speech *s)
{
	return s ? (int)s->pid : 0;
}
