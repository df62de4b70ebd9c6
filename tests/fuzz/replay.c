/* SPDX-License-Identifier: EUPL-1.2 */
/* Runs a fuzz target's entry point over files, the way libFuzzer replays a crash:
 * built with gcc and the sanitizers for make test, so every input the fuzzer ever
 * found stays a regression test. Prints one line per file and exits 1 if a file
 * cannot be read; a bug in the target aborts with a sanitizer report. */
#include "fuzz.h"
#include "common/log.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			unsigned char *bigger = realloc(buf, cap ? cap * 2 : 4096);
			if (!bigger) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = bigger;
			cap = cap ? cap * 2 : 4096;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	int rc = 0;

	log_set_level(LOG_LEVEL_ERROR);
	for (int i = 1; i < argc; i++) {
		size_t len = 0;
		unsigned char *data = read_all(argv[i], &len);
		if (!data) {
			fprintf(stderr, "replay: cannot read %s\n", argv[i]);
			rc = 1;
			continue;
		}
		LLVMFuzzerTestOneInput(data, len);
		free(data);
		printf("replayed %s (%zu bytes)\n", argv[i], len);
	}
	return rc;
}
