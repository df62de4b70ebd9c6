/* SPDX-License-Identifier: EUPL-1.2 */
/* The bidirectional algorithm through GNU FriBiDi: FriBiDi resolves the levels of
 * a paragraph; the visual order (rule L2) is computed here, so that the layout can
 * order pieces of a line (words set in one font) as well as characters. */
#include "bidi.h"

#include <fribidi.h>
#include <stdlib.h>

int bidi_levels(const uint32_t *text, int n, enum bidi_base base, uint8_t *levels)
{
	FriBidiParType dir = base == BIDI_RTL	? FRIBIDI_PAR_RTL
			     : base == BIDI_LTR ? FRIBIDI_PAR_LTR
						: FRIBIDI_PAR_ON;
	if (n <= 0)
		return base == BIDI_RTL;
	FriBidiCharType *types = malloc((size_t)n * sizeof *types);
	FriBidiBracketType *brackets = malloc((size_t)n * sizeof *brackets);
	FriBidiLevel *resolved = malloc((size_t)n * sizeof *resolved);
	int par = -1;

	if (types && brackets && resolved) {
		fribidi_get_bidi_types(text, n, types);
		fribidi_get_bracket_types(text, n, types, brackets);
		if (fribidi_get_par_embedding_levels_ex(types, brackets, n, &dir, resolved)) {
			par = FRIBIDI_DIR_TO_LEVEL(dir);
			for (int i = 0; i < n; i++)
				levels[i] = (uint8_t)resolved[i];
			bidi_line_end(text, n, par, levels);
		}
	}
	free(types);
	free(brackets);
	free(resolved);
	return par;
}

void bidi_line_end(const uint32_t *text, int n, int par_level, uint8_t *levels)
{
	for (int i = n - 1; i >= 0; i--) {
		FriBidiCharType type = fribidi_get_bidi_type(text[i]);
		if (!FRIBIDI_IS_EXPLICIT_OR_BN_OR_WS(type) && !FRIBIDI_IS_ISOLATE(type))
			break;
		levels[i] = (uint8_t)par_level;
	}
}

/* Reverses items from to to - 1 of order. */
static void reverse(int *order, int from, int to)
{
	for (int a = from, b = to - 1; a < b; a++, b--) {
		int tmp = order[a];
		order[a] = order[b];
		order[b] = tmp;
	}
}

void bidi_order(const uint8_t *levels, int n, int *order)
{
	int highest = 0, lowest_odd = 255;

	for (int i = 0; i < n; i++) {
		order[i] = i;
		if (levels[i] > highest)
			highest = levels[i];
		if ((levels[i] & 1) && levels[i] < lowest_odd)
			lowest_odd = levels[i];
	}
	/* From the highest level down to the lowest odd one, every run of items at
	 * that level or higher is reversed. */
	for (int level = highest; level >= lowest_odd; level--) {
		for (int i = 0; i < n;) {
			if (levels[order[i]] < level) {
				i++;
				continue;
			}
			int end = i;
			while (end < n && levels[order[end]] >= level)
				end++;
			reverse(order, i, end);
			i = end;
		}
	}
}

uint32_t bidi_mirror(uint32_t c)
{
	FriBidiChar m;
	return fribidi_get_mirror_char(c, &m) ? m : c;
}

bool bidi_ignored(uint32_t c)
{
	return FRIBIDI_IS_EXPLICIT_OR_BN(fribidi_get_bidi_type(c));
}

const char *bidi_unicode_version(void)
{
	return fribidi_unicode_version;
}
