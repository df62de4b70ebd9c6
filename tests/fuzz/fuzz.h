/* SPDX-License-Identifier: EUPL-1.2 */
/* The one entry point every fuzz target defines: libFuzzer calls it with each
 * input it makes up, and tests/fuzz/replay.c with each saved regression file. It
 * returns 0; a bug shows up as a sanitizer report or an abort. */
#ifndef KIOSK_FUZZ_H
#define KIOSK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when a property the target checks does not hold. */
#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
