/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target for kiosk-central's request paths: any path a client could send
 * is matched against the patterns of both APIs. A part a handler is given is
 * never empty, never starts with a dot and holds only A-Z a-z 0-9 . _ -, so no
 * path separator, escape or parent directory reaches a file name. */
#include "fuzz.h"
#include "central/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const patterns[] = {
	"/kiosks/{}/content", "/kiosks/{}/responses", "/kiosks/{}/status", "/assets/{}",
	"/api/login", "/api/users/{}/role", "/api/groups/{}/draft", "/api/previews/{}/{}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4096], args[ROUTE_ARGS][ROUTE_ARG_MAX];

	if (size >= sizeof path || memchr(data, '\0', size))
		return 0; /* the server is given the path as a C string */
	memcpy(path, data, size);
	path[size] = '\0';
	for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
		memset(args, 'X', sizeof args);
		if (!route_match(patterns[p], path, args))
			continue;
		for (int k = 0; k < ROUTE_ARGS; k++) {
			if (!memchr(args[k], '\0', ROUTE_ARG_MAX))
				continue; /* not filled: the pattern has fewer parts */
			size_t n = strlen(args[k]);
			FUZZ_CHECK(n > 0 && n < ROUTE_ARG_MAX);
			FUZZ_CHECK(args[k][0] != '.');
			FUZZ_CHECK(strspn(args[k], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						   "0123456789._-") == n);
		}
	}
	return 0;
}
