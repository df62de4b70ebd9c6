/* Durable commits: stores N survey responses like the demo survey's, one
 * store_submit each (one BEGIN IMMEDIATE transaction, synchronous=FULL, so at least
 * one fsync), into a new database in DIR, and prints the median and 99th
 * percentile of one commit and the responses stored per second.
 * usage: commit DIR [N] */
#include "../../kiosk/log.h"
#include "../../kiosk/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	char path[1024];
	int n = argc > 2 ? atoi(argv[2]) : 200;

	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: commit DIR [N]\n");
		return 2;
	}
	log_set_level(LOG_LEVEL_WARN);
	snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
	struct store *s = store_open(path, NULL);
	if (!s)
		return 1;

	static const char *const problems[] = { "litter", "poor_lighting" };
	const struct store_answer answers[] = {
		{ "safety-evening", STORE_ANSWER_OPTION, "fairly_safe", NULL, 0 },
		{ "problems", STORE_ANSWER_OPTIONS, NULL, problems, 2 },
		{ "change", STORE_ANSWER_OPTION, "same", NULL, 0 },
		{ "age", STORE_ANSWER_SKIPPED, NULL, NULL, 0 },
	};
	struct store_response r = {
		.survey_id = "trygghet-2026",
		.survey_version = 1,
		.content_version = "2026-11-20.1",
		.language = "sv",
		.submitted = time(NULL),
		.clock_synced = true,
		.complete = true,
		.duration_s = 40,
		.answers = answers,
		.nanswers = 4,
	};
	double *ms = calloc((size_t)n, sizeof *ms);
	double start = now_ms();
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		enum store_error err = store_submit(s, &r, NULL);
		ms[i] = now_ms() - t0;
		if (err != STORE_OK) {
			fprintf(stderr, "commit: %s\n", store_strerror(err));
			return 1;
		}
	}
	double total = now_ms() - start;
	store_close(s);
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	printf("commits=%d p50_ms=%.3f p99_ms=%.3f per_s=%.1f\n", n, ms[n / 2],
	       ms[(int)(0.99 * (n - 1) + 0.5)], n / (total / 1e3));
	free(ms);
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/kiosk.db%s", argv[1], suffixes[i]);
		unlink(path);
	}
	return 0;
}
