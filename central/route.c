/* SPDX-License-Identifier: EUPL-1.2 */
/* A segment's characters are checked as they are matched: a name never
 * carries a path separator, an escape or a parent directory into the handler. */
#include "route.h"

#include <string.h>

bool route_match(const char *pattern, const char *path, char args[ROUTE_ARGS][ROUTE_ARG_MAX])
{
	int k = 0;

	while (*pattern && *path) {
		if (pattern[0] == '{' && pattern[1] == '}') {
			size_t n = strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						"0123456789._-");
			if (n == 0 || n >= ROUTE_ARG_MAX || path[0] == '.' || k == ROUTE_ARGS)
				return false;
			memcpy(args[k], path, n);
			args[k++][n] = '\0';
			path += n;
			pattern += 2;
		} else if (*pattern++ != *path++) {
			return false;
		}
	}
	return !*pattern && !*path;
}
