/* SPDX-License-Identifier: EUPL-1.2 */
/* A preview is drawn into a directory of its own, then renamed into place, so
 * that a preview directory is either whole or absent. The child gets its limits
 * before exec: RLIMIT_AS for memory, and a wait bounded in time, after which it
 * is killed. */
#include "preview.h"

#include "central/token.h"
#include "common/log.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

bool preview_args_ok(const char *lang, const char *size)
{
	static const char *const sizes[] = { "800x480", "480x800", "1080x1920", "1920x1080" };
	size_t n = lang ? strlen(lang) : 0;
	bool size_ok = false;

	for (size_t i = 0; size && i < sizeof sizes / sizeof sizes[0]; i++)
		size_ok |= !strcmp(size, sizes[i]);
	return size_ok && n >= 2 && n <= 3 && strspn(lang, "abcdefghijklmnopqrstuvwxyz") == n;
}

static bool write_all(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;
	if (fd >= 0)
		close(fd);
	return ok;
}

/* Removes dir and the files in it (a preview directory holds no others). */
static void remove_dir(const char *dir)
{
	pid_t pid = fork();
	if (pid == 0) {
		execlp("rm", "rm", "-rf", "--", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* Runs argv with the limits; its output to log_path. 0 when it exited with 0,
 * else a negative signal number or its exit status. */
static int run_limited(const struct central_config *cfg, char *const argv[], const char *log_path)
{
	int out = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit mem = { (rlim_t)cfg->preview_memory_mb << 20,
				      (rlim_t)cfg->preview_memory_mb << 20 };
		if (cfg->preview_memory_mb > 0)
			setrlimit(RLIMIT_AS, &mem);
		if (out >= 0) {
			dup2(out, STDOUT_FILENO);
			dup2(out, STDERR_FILENO);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	if (out >= 0)
		close(out);
	if (pid < 0)
		return 127;
	int status = 0;
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	long waited_ms = 0;
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (waited_ms >= cfg->preview_timeout_s * 1000L) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -SIGKILL;
		}
		nanosleep(&tick, NULL);
		waited_ms += 20;
	}
	if (WIFSIGNALED(status))
		return -WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* Says why a preview failed, from the child's end and its last log line. */
static void explain(const struct central_config *cfg, int rc, const char *log_path, char *why,
		    size_t size)
{
	char line[300] = "", last[300] = "";
	FILE *f = fopen(log_path, "r");
	while (f && fgets(line, sizeof line, f))
		if (line[0] != '\n')
			snprintf(last, sizeof last, "%s", line);
	if (f)
		fclose(f);
	last[strcspn(last, "\n")] = '\0';
	if (rc == -SIGKILL)
		snprintf(why, size, "the preview took over %d s and was stopped",
			 cfg->preview_timeout_s);
	else if (rc == 127)
		snprintf(why, size, "cannot run the kiosk program %s", cfg->kiosk_binary);
	else if (rc < 0)
		snprintf(why, size, "the kiosk program died drawing the preview (signal %d)%s%s",
			 -rc, last[0] ? ": " : "", last);
	else
		snprintf(why, size, "the kiosk program could not draw the preview%s%s",
			 last[0] ? ": " : "", last);
}

/* Draws into a fresh directory beside final, then renames it into place. */
static bool draw(const struct central_config *cfg, const char *text, size_t len, const char *lang,
		 const char *size, const char *final, char *why, size_t why_size)
{
	char work[CENTRAL_PATH_MAX + 200], bundle[CENTRAL_PATH_MAX + 240],
		shots[CENTRAL_PATH_MAX + 240], log_path[CENTRAL_PATH_MAX + 240];

	snprintf(work, sizeof work, "%s.work-%ld-%ld", final, (long)getpid(), (long)time(NULL));
	snprintf(bundle, sizeof bundle, "%s/content.json", work);
	snprintf(shots, sizeof shots, "%s/shots", work);
	snprintf(log_path, sizeof log_path, "%s/kiosk.log", work);
	if (mkdir(work, 0700) < 0 || !write_all(bundle, text, len)) {
		snprintf(why, why_size, "cannot write in %s: %s", work, strerror(errno));
		remove_dir(work);
		return false;
	}
	char *const argv[] = { (char *)cfg->kiosk_binary, "--screenshot", shots, "--content", bundle,
			       "--size", (char *)size, "--lang", (char *)lang, NULL };
	int rc = run_limited(cfg, argv, log_path);
	if (rc != 0) {
		explain(cfg, rc, log_path, why, why_size);
		log_warn("preview %s: %s", final, why);
		remove_dir(work);
		return false;
	}
	if (rename(work, final) < 0 && errno != ENOTEMPTY && errno != EEXIST) {
		snprintf(why, why_size, "cannot keep the preview: %s", strerror(errno));
		remove_dir(work);
		return false;
	}
	remove_dir(work); /* another request drew the same preview first */
	return true;
}

bool preview_render(const struct central_config *cfg, const char *text, size_t len,
		    const char *lang, const char *size, char *name, char *why, size_t why_size)
{
	char hash[TOKEN_HEX], dir[CENTRAL_PATH_MAX + 16], final[CENTRAL_PATH_MAX + 100];
	struct stat st;

	if (!preview_args_ok(lang, size)) {
		snprintf(why, why_size, "a preview is drawn in a language code at 800x480, "
					"480x800, 1080x1920 or 1920x1080");
		return false;
	}
	token_sha256_hex(text, len, hash);
	snprintf(name, PREVIEW_NAME_MAX, "%.24s-%s-%s", hash, lang, size);
	snprintf(dir, sizeof dir, "%s/previews", cfg->data_dir);
	snprintf(final, sizeof final, "%s/%s", dir, name);
	if (stat(final, &st) == 0)
		return true;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		snprintf(why, why_size, "cannot create %s: %s", dir, strerror(errno));
		return false;
	}
	return draw(cfg, text, len, lang, size, final, why, why_size);
}
