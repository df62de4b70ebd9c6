/* SPDX-License-Identifier: EUPL-1.2 */
/* The Unicode bidirectional algorithm (UAX #9) for the text layout, through GNU
 * FriBiDi: the embedding level of each character of a paragraph, bracket pairs
 * included, and the visual order of a line's pieces from their levels. */
#ifndef KIOSK_BIDI_H
#define KIOSK_BIDI_H

#include <stdbool.h>
#include <stdint.h>

enum bidi_base {
	BIDI_LTR,
	BIDI_RTL,
	BIDI_AUTO, /* from the paragraph's first strong character, else left to right */
};

/* Resolves the levels of the n code points of one paragraph (rules P2 to I2 and
 * L1, the paragraph taken as one line): levels[i]. Returns the paragraph's level,
 * or -1 when out of memory. */
int bidi_levels(const uint32_t *text, int n, enum bidi_base base, uint8_t *levels);

/* Rule L1 for a line that ends at n: the whitespace at its end takes the
 * paragraph's level. */
void bidi_line_end(const uint32_t *text, int n, int par_level, uint8_t *levels);

/* Rule L2: order[k] is the index of the k-th of n items from the left, for items
 * (characters or pieces of a line) at the given levels. */
void bidi_order(const uint8_t *levels, int n, int *order);

/* The character's mirror image, drawn where it stands at an odd (right-to-left)
 * level: "(" for ")", "»" for "«"; the character itself when it has none. */
uint32_t bidi_mirror(uint32_t c);

/* Whether X9 leaves the character out of reordering (format and control
 * characters, such as the explicit embeddings and zero-width joiners). */
bool bidi_ignored(uint32_t c);

/* The version of the Unicode character data the algorithm was built with. */
const char *bidi_unicode_version(void);

#endif
