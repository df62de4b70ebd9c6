/* SPDX-License-Identifier: EUPL-1.2 */
/* The bidirectional algorithm against the Unicode conformance file
 * BidiCharacterTest.txt (Debian's unicode-data): for each paragraph, the resolved
 * paragraph level, every character's level and the visual order must be those the
 * file gives. Lines that use characters newer than the Unicode version FriBiDi was
 * built with are counted apart (DerivedAge.txt tells a character's version). */
#include "kiosk/bidi.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define UNICODE_DIR "/usr/share/unicode/"
#define MAX_CHARS   256

/* A range of code points and the Unicode version that assigned them. */
struct age {
	uint32_t first, last;
	int major, minor;
};

static struct age *ages;
static int nages;

static int version_cmp(int major, int minor, int other_major, int other_minor)
{
	return major != other_major ? major - other_major : minor - other_minor;
}

static void read_ages(void)
{
	FILE *f = fopen(UNICODE_DIR "DerivedAge.txt", "r");
	char line[512];
	int cap = 0;

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		unsigned first, last;
		int major, minor;
		if (sscanf(line, "%x..%x ; %d.%d", &first, &last, &major, &minor) != 4) {
			if (sscanf(line, "%x ; %d.%d", &first, &major, &minor) != 3)
				continue;
			last = first;
		}
		if (nages == cap) {
			cap = cap ? cap * 2 : 1024;
			ages = realloc(ages, (size_t)cap * sizeof *ages);
			assert_non_null(ages);
		}
		ages[nages++] = (struct age){ first, last, major, minor };
	}
	fclose(f);
	assert_true(nages > 1000);
}

/* Whether every character was assigned by the given Unicode version. */
static bool known_by(const uint32_t *text, int n, int major, int minor)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < nages; k++)
			if (text[i] >= ages[k].first && text[i] <= ages[k].last &&
			    version_cmp(ages[k].major, ages[k].minor, major, minor) > 0)
				return false;
	return true;
}

struct conformance_case {
	uint32_t text[MAX_CHARS];
	int n;
	enum bidi_base base;
	int par_level;
	int levels[MAX_CHARS]; /* -1: removed by rule X9 ("x") */
	int order[MAX_CHARS];
	int norder;
};

/* Reads one line of the file: code points; direction; paragraph level; levels;
 * visual order. False for comments and blank lines. */
static bool parse_case(char *line, struct conformance_case *c)
{
	char *fields[5];
	char *save = NULL;
	int dir;

	if (!isxdigit((unsigned char)line[0]))
		return false;
	for (int i = 0; i < 5; i++) {
		fields[i] = strtok_r(i ? NULL : line, ";", &save);
		assert_non_null(fields[i]);
	}
	c->n = 0;
	for (char *p = fields[0], *end; c->n < MAX_CHARS; p = end) {
		unsigned long v = strtoul(p, &end, 16);
		if (end == p)
			break;
		c->text[c->n++] = (uint32_t)v;
	}
	dir = atoi(fields[1]);
	c->base = dir == 0 ? BIDI_LTR : dir == 1 ? BIDI_RTL : BIDI_AUTO;
	c->par_level = atoi(fields[2]);
	char *p = fields[3];
	for (int i = 0; i < c->n; i++) {
		while (*p == ' ')
			p++;
		c->levels[i] = *p == 'x' ? -1 : (int)strtol(p, &p, 10);
		if (c->levels[i] < 0)
			p++;
	}
	c->norder = 0;
	for (char *q = fields[4], *end; c->norder < MAX_CHARS; q = end) {
		long v = strtol(q, &end, 10);
		if (end == q)
			break;
		c->order[c->norder++] = (int)v;
	}
	return true;
}

/* Runs the algorithm on one case; true when it gives what the file says. */
static bool passes(const struct conformance_case *c)
{
	uint8_t levels[MAX_CHARS], kept_levels[MAX_CHARS];
	int kept[MAX_CHARS], order[MAX_CHARS], nkept = 0;

	if (bidi_levels(c->text, c->n, c->base, levels) != c->par_level)
		return false;
	for (int i = 0; i < c->n; i++) {
		if (c->levels[i] < 0)
			continue;
		if (levels[i] != c->levels[i])
			return false;
		/* Characters that X9 removes take no part in reordering. */
		kept[nkept] = i;
		kept_levels[nkept++] = levels[i];
	}
	bidi_order(kept_levels, nkept, order);
	if (nkept != c->norder)
		return false;
	for (int k = 0; k < nkept; k++)
		if (kept[order[k]] != c->order[k])
			return false;
	return true;
}

static void the_conformance_file_passes(void **state)
{
	(void)state;
	int major = 0, minor = 0, tested = 0, newer = 0, failed = 0;
	char line[4096], copy[4096];
	static struct conformance_case c;

	assert_int_equal(sscanf(bidi_unicode_version(), "%d.%d", &major, &minor), 2);
	read_ages();
	FILE *f = fopen(UNICODE_DIR "BidiCharacterTest.txt", "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		memcpy(copy, line, sizeof copy);
		if (!parse_case(line, &c))
			continue;
		if (!known_by(c.text, c.n, major, minor)) {
			newer++;
			continue;
		}
		tested++;
		if (!passes(&c) && failed++ < 5)
			printf("# differs: %s", copy);
	}
	fclose(f);
	printf("# BidiCharacterTest.txt: %d paragraphs pass of %d, %d with characters newer "
	       "than Unicode %s left out\n",
	       tested - failed, tested, newer, bidi_unicode_version());
	assert_int_equal(failed, 0);
	assert_true(tested > 80000);
	free(ages);
}

static void order_reverses_right_to_left_runs(void **state)
{
	(void)state;
	/* "ab (CD) ef" in a left-to-right paragraph, CD right to left. */
	const uint8_t levels[] = { 0, 0, 0, 1, 1, 1, 1, 0, 0, 0 };
	int order[10];
	bidi_order(levels, 10, order);
	const int want[] = { 0, 1, 2, 6, 5, 4, 3, 7, 8, 9 };
	assert_memory_equal(order, want, sizeof want);
	/* A number (level 2) inside right-to-left text keeps its digits in order. */
	const uint8_t nested[] = { 1, 1, 2, 2, 1 };
	int order2[5];
	bidi_order(nested, 5, order2);
	const int want2[] = { 4, 2, 3, 1, 0 };
	assert_memory_equal(order2, want2, sizeof want2);
}

static void brackets_are_mirrored(void **state)
{
	(void)state;
	assert_int_equal(bidi_mirror('('), ')');
	assert_int_equal(bidi_mirror(']'), '[');
	assert_int_equal(bidi_mirror(0xAB), 0xBB); /* « » */
	assert_int_equal(bidi_mirror('a'), 'a');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_conformance_file_passes),
		cmocka_unit_test(order_reverses_right_to_left_runs),
		cmocka_unit_test(brackets_are_mirrored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
