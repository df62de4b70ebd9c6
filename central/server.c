/* SPDX-License-Identifier: EUPL-1.2 */
/* The HTTP side of kiosk-central. libmicrohttpd calls access() several times per
 * request: first with the headers (the route is found then, and a body declared
 * too large is refused before it is read), then with pieces of the body, which
 * are gathered up to the route's bound, and last with nothing, when the handler
 * runs. */
#include "server.h"

#include "central/config.h"
#include "central/route.h"
#include "common/log.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct server {
	struct MHD_Daemon *daemon;
	char base[128];
	const struct server_route *routes;
	int nroutes;
	void *ctx;
	char *cert, *key;
};

/* What is known of a request between the calls. */
struct pending {
	const struct server_route *route;
	struct server_request req;
	size_t cap;
	bool too_big;
};

static const struct server_route *route(const struct server *s, const char *method,
					const char *path, char args[ROUTE_ARGS][ROUTE_ARG_MAX], bool *other_method)
{
	*other_method = false;
	for (int i = 0; i < s->nroutes; i++) {
		if (!route_match(s->routes[i].pattern, path, args))
			continue;
		if (!strcmp(s->routes[i].method, method))
			return &s->routes[i];
		*other_method = true;
	}
	return NULL;
}

static bool has_header(const char *const *headers, const char *name)
{
	for (int i = 0; headers && headers[i]; i += 2)
		if (!strcasecmp(headers[i], name))
			return true;
	return false;
}

int server_reply(struct server_request *r, unsigned status, const char *type, const void *body,
		 size_t len, const char *const *headers)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	if (type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* Nothing served here is meant to be framed, sniffed or cached. */
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (!has_header(headers, "Content-Security-Policy"))
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'none'; frame-ancestors 'none'");
	for (int i = 0; headers && headers[i]; i += 2)
		MHD_add_response_header(resp, headers[i], headers[i + 1]);
	int rc = MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	return rc;
}

int server_reply_json(struct server_request *r, unsigned status, const char *json)
{
	return server_reply(r, status, "application/json", json, strlen(json), NULL);
}

int server_reply_error(struct server_request *r, unsigned status, const char *message)
{
	char body[300], safe[200];
	size_t n = 0;

	/* The message is the server's own words; quotes and controls are left out. */
	for (const char *p = message; *p && n < sizeof safe - 1; p++)
		if (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			safe[n++] = *p;
	safe[n] = '\0';
	snprintf(body, sizeof body, "{\"error\":\"%s\"}", safe);
	return server_reply_json(r, status, body);
}

const char *server_header(struct server_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *server_query(struct server_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *server_cookie(struct server_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

void server_client_address(struct server_request *r, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  (socklen_t)size);
}

/* The first call: find the route; refuse what cannot be served. */
static enum MHD_Result begin(struct server *s, struct MHD_Connection *conn, const char *url,
			     const char *method, void **con_cls)
{
	struct pending *p = calloc(1, sizeof *p);
	size_t nbase = strlen(s->base);
	bool other_method = false;

	if (!p)
		return MHD_NO;
	*con_cls = p;
	p->req.conn = conn;
	p->req.method = method;
	if (strncmp(url, s->base, nbase) || (url[nbase] != '/'))
		return server_reply_error(&p->req, 404, "no such path");
	p->req.path = url + nbase;
	p->route = route(s, method, p->req.path, p->req.arg, &other_method);
	if (!p->route)
		return server_reply_error(&p->req, other_method ? 405 : 404,
					  other_method ? "method not allowed" : "no such path");
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (length && strtoull(length, NULL, 10) > p->route->body_max)
		return server_reply_error(&p->req, 413, "request body too large");
	return MHD_YES;
}

/* Gathers a piece of the body, up to the route's bound. */
static void gather(struct pending *p, const char *data, size_t size)
{
	if (p->too_big || p->req.len + size > p->route->body_max) {
		p->too_big = true;
		return;
	}
	if (p->req.len + size + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		while (cap < p->req.len + size + 1)
			cap *= 2;
		char *b = realloc(p->req.body, cap);
		if (!b) {
			p->too_big = true;
			return;
		}
		p->req.body = b;
		p->cap = cap;
	}
	memcpy(p->req.body + p->req.len, data, size);
	p->req.len += size;
	p->req.body[p->req.len] = '\0';
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
				      const char *method, const char *version,
				      const char *upload_data, size_t *upload_data_size,
				      void **con_cls)
{
	struct server *s = cls;
	struct pending *p = *con_cls;

	if (!p)
		return begin(s, conn, url, method, con_cls);
	if (!p->route)
		return MHD_YES; /* answered at the first call */
	if (*upload_data_size) {
		gather(p, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (p->too_big)
		return server_reply_error(&p->req, 413, "request body too large");
	if (!strcmp(method, "POST") && !p->req.body) {
		p->req.body = calloc(1, 1);
		if (!p->req.body)
			return MHD_NO;
	}
	return (enum MHD_Result)p->route->handle(s->ctx, &p->req);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode why)
{
	struct pending *p = *con_cls;
	if (p) {
		free(p->req.body);
		free(p);
	}
	*con_cls = NULL;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < (1 << 20) &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = calloc(1, (size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static bool address(const char *listen, struct sockaddr_storage *ss)
{
	char host[128];
	int port;
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (!central_config_address(listen, host, sizeof host, &port))
		return false;
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		return true;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return true;
	}
	return false;
}

static struct MHD_Daemon *start_daemon(struct server *s, const struct sockaddr_storage *ss)
{
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
			 MHD_USE_ERROR_LOG | (s->cert ? MHD_USE_TLS : 0) |
			 (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);

	if (!s->cert)
		return MHD_start_daemon(flags, 0, NULL, NULL, access_handler, s,
					MHD_OPTION_SOCK_ADDR, ss, MHD_OPTION_NOTIFY_COMPLETED,
					completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
					MHD_OPTION_CONNECTION_LIMIT, (unsigned)2000,
					MHD_OPTION_THREAD_STACK_SIZE, (size_t)(256 * 1024),
					MHD_OPTION_END);
	return MHD_start_daemon(flags, 0, NULL, NULL, access_handler, s, MHD_OPTION_SOCK_ADDR, ss,
				MHD_OPTION_HTTPS_MEM_CERT, s->cert, MHD_OPTION_HTTPS_MEM_KEY,
				s->key, MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)2000,
				MHD_OPTION_THREAD_STACK_SIZE, (size_t)(256 * 1024), MHD_OPTION_END);
}

struct server *server_start(const char *listen, const char *base_path, const struct server_tls *tls,
			    const struct server_route *routes, int nroutes, void *ctx)
{
	struct server *s = calloc(1, sizeof *s);
	struct sockaddr_storage ss;

	if (!s)
		return NULL;
	snprintf(s->base, sizeof s->base, "%s", base_path);
	s->routes = routes;
	s->nroutes = nroutes;
	s->ctx = ctx;
	if (!address(listen, &ss)) {
		log_error("cannot listen on %s: not an address and port", listen);
	} else if (tls && (!(s->cert = read_file(tls->cert_file)) ||
			   !(s->key = read_file(tls->key_file)))) {
		log_error("cannot read the TLS certificate %s or its key %s", tls->cert_file,
			  tls->key_file);
	} else if (!(s->daemon = start_daemon(s, &ss))) {
		log_error("cannot serve %s on %s (is the port taken%s?)", tls ? "HTTPS" : "HTTP",
			  listen, tls ? ", or the key not the certificate's" : "");
	}
	if (!s->daemon) {
		server_stop(s);
		return NULL;
	}
	return s;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	if (s->key)
		explicit_bzero(s->key, strlen(s->key));
	free(s->key);
	free(s->cert);
	free(s);
}
