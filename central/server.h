/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk-central's HTTPS server on libmicrohttpd: one thread per connection (a
 * slow or hostile client holds only its own), request bodies read up to a bound
 * and refused beyond it, routes looked up in a table, one answer per request. */
#ifndef CENTRAL_SERVER_H
#define CENTRAL_SERVER_H

#include "central/route.h"

#include <stdbool.h>
#include <stddef.h>

struct server;

/* One request as a handler sees it. */
struct server_request {
	void *conn;	   /* the libmicrohttpd connection */
	const char *method;
	const char *path;  /* below the base path, e.g. /kiosks/k1/content */
	char *body;	   /* POST: the whole body, NUL-terminated; NULL for GET */
	size_t len;
	char arg[ROUTE_ARGS][ROUTE_ARG_MAX]; /* the route's {} parts, in order */
};

/* A handler answers with server_reply* and returns its result. */
typedef int (*server_handler)(void *ctx, struct server_request *r);

struct server_route {
	const char *method;
	const char *pattern; /* "/kiosks/{}/content": {} is one path segment */
	server_handler handle;
	size_t body_max; /* POST: bytes of body at most, else 413 */
};

struct server_tls {
	const char *cert_file, *key_file; /* PEM */
};

/* Starts serving listen ("host:port") with the routes under base_path, calling
 * the handlers with ctx; HTTPS with tls, plain HTTP when tls is NULL. NULL
 * (logged) on failure. */
struct server *server_start(const char *listen, const char *base_path, const struct server_tls *tls,
			    const struct server_route *routes, int nroutes, void *ctx);
void server_stop(struct server *s);

/* Answers: status with a body of type (copied), or JSON text (copied). Headers
 * may be NULL or pairs of name, value, ending with NULL. */
int server_reply(struct server_request *r, unsigned status, const char *type, const void *body,
		 size_t len, const char *const *headers);
int server_reply_json(struct server_request *r, unsigned status, const char *json);
/* {"error": message} with status. */
int server_reply_error(struct server_request *r, unsigned status, const char *message);

/* The request header name, or NULL. */
const char *server_header(struct server_request *r, const char *name);
/* The query argument name, or NULL. */
const char *server_query(struct server_request *r, const char *name);
/* The cookie name, or NULL. */
const char *server_cookie(struct server_request *r, const char *name);
/* The client's IP address as text. */
void server_client_address(struct server_request *r, char *out, size_t size);

#endif
