/* SPDX-License-Identifier: EUPL-1.2 */
/* Timing helpers shared by the benchmark programs. */
#ifndef KIOSK_BENCH_H
#define KIOSK_BENCH_H

#include <stdlib.h>
#include <time.h>

/* Monotonic time in milliseconds. */
static inline double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The p-th percentile (0 to 1, nearest rank) of n values; sorts v in place. */
static inline double bench_percentile(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	return v[(int)(p * (n - 1) + 0.5)];
}

#endif
