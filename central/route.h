/* SPDX-License-Identifier: EUPL-1.2 */
/* Request paths against the servers' route patterns. */
#ifndef CENTRAL_ROUTE_H
#define CENTRAL_ROUTE_H

#include <stdbool.h>

#define ROUTE_ARGS 2
#define ROUTE_ARG_MAX 80

/* Whether path matches pattern ("/kiosks/{}/content"): each {} is one segment
 * of 1 to 79 of A-Z a-z 0-9 . _ - that does not start with a dot, copied into
 * args in order. Nothing else matches: no slash, no %, no "..". */
bool route_match(const char *pattern, const char *path, char args[ROUTE_ARGS][ROUTE_ARG_MAX]);

#endif
