/* SPDX-License-Identifier: EUPL-1.2 */
/* Durable commits: stores N survey responses like the demo survey's, one
 * store_submit each (one BEGIN IMMEDIATE transaction, synchronous=FULL, so at least
 * one fsync), into a new database in DIR, and prints the median and 99th
 * percentile of one commit and the responses stored per second.
 * usage: commit DIR [N] */
#include "bench.h"
#include "common/log.h"
#include "common/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

	const struct store_answer answers[] = {
		{ "safety-evening", "{\"option\":\"fairly_safe\"}" },
		{ "problems", "{\"options\":[\"litter\",\"poor_lighting\"]}" },
		{ "change", "{\"option\":\"same\"}" },
		{ "age", "{\"skipped\":true}" },
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
	double start = bench_now_ms();
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_ms();
		enum store_error err = store_submit(s, &r, NULL);
		ms[i] = bench_now_ms() - t0;
		if (err != STORE_OK) {
			fprintf(stderr, "commit: %s\n", store_strerror(err));
			return 1;
		}
	}
	double total = bench_now_ms() - start;
	store_close(s);
	double p50 = bench_percentile(ms, n, 0.50), p99 = bench_percentile(ms, n, 0.99);
	printf("commits=%d p50_ms=%.3f p99_ms=%.3f per_s=%.1f\n", n, p50, p99, n / (total / 1e3));
	free(ms);
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/kiosk.db%s", argv[1], suffixes[i]);
		unlink(path);
	}
	return 0;
}
