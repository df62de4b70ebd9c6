/* SPDX-License-Identifier: EUPL-1.2 */
/* central.conf: defaults, then the file's keys, each checked; a wrong line is
 * logged with its file and line number and leaves the default in place. */
#include "config.h"

#include "common/content.h"

#ifndef KIOSK_BIN_DIR
#define KIOSK_BIN_DIR "/usr/local/bin"
#endif
#ifndef KIOSK_SHARE_DIR
#define KIOSK_SHARE_DIR "/usr/local/share/kiosk"
#endif

#include "common/log.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void central_config_defaults(struct central_config *cfg)
{
	const char *state = getenv("STATE_DIRECTORY"), *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	memset(cfg, 0, sizeof *cfg);
	if (state && *state)
		snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s", state);
	else if (xdg && *xdg)
		snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/kiosk-central", xdg);
	else
		snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/.local/state/kiosk-central",
			 home && *home ? home : "/tmp");
	snprintf(cfg->kiosk_listen, sizeof cfg->kiosk_listen, "127.0.0.1:8443");
	snprintf(cfg->base_path, sizeof cfg->base_path, "/api/v1");
	snprintf(cfg->staff_listen, sizeof cfg->staff_listen, "127.0.0.1:8080");
	snprintf(cfg->kiosk_binary, sizeof cfg->kiosk_binary, "%s/kiosk", KIOSK_BIN_DIR);
	cfg->status_interval_s = 300;
	cfg->min_n = 10;
	snprintf(cfg->web_dir, sizeof cfg->web_dir, "%s/web", KIOSK_SHARE_DIR);
	cfg->staff_idle_s = 30 * 60;
	cfg->preview_timeout_s = 30;
	cfg->preview_memory_mb = 1024;
}

bool central_config_address(const char *listen, char *host, int size, int *port)
{
	const char *colon = strrchr(listen, ':');
	char *end;

	if (!colon || colon == listen)
		return false;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p < 0 || p > 65535 || colon[1] == '\0')
		return false;
	const char *h = listen;
	int n = (int)(colon - listen);
	if (h[0] == '[' && colon[-1] == ']') {
		h++;
		n -= 2;
	}
	if (n <= 0 || n >= size)
		return false;
	memcpy(host, h, (size_t)n);
	host[n] = '\0';
	*port = (int)p;
	return true;
}

struct reading {
	struct central_config *cfg;
	const char *path;
	FILE *f;
	int line; /* of the line inih handles now */
};

/* inih reads line by line through this, which gives the handler its number. */
static char *read_line(char *buf, int size, void *data)
{
	struct reading *r = data;
	char *got = fgets(buf, size, r->f);
	if (got)
		r->line++;
	return got;
}

static bool set_text(char *dst, size_t size, const char *value)
{
	return snprintf(dst, size, "%s", value) < (int)size;
}

static bool set_int(int *dst, const char *value, int lo, int hi)
{
	char *end;
	long v = strtol(value, &end, 10);
	if (!*value || *end || v < lo || v > hi)
		return false;
	*dst = (int)v;
	return true;
}

static bool set_listen(char *dst, size_t size, const char *value)
{
	char host[128];
	int port;
	return central_config_address(value, host, sizeof host, &port) && set_text(dst, size, value);
}

/* Sets one key; 0: unknown key, -1: bad value, 1: set. */
static int set_key(struct central_config *c, const char *section, const char *key, const char *v)
{
#define TEXT(s, k, field)                                                                          \
	if (!strcmp(section, s) && !strcmp(key, k))                                                \
		return set_text(c->field, sizeof c->field, v) ? 1 : -1;
	TEXT("central", "data_dir", data_dir)
	TEXT("central", "tls_cert", tls_cert)
	TEXT("central", "tls_key", tls_key)
	TEXT("central", "kiosk_binary", kiosk_binary)
	TEXT("central", "web_dir", web_dir)
	TEXT("central", "staff_tls_cert", staff_tls_cert)
	TEXT("central", "staff_tls_key", staff_tls_key)
#undef TEXT
	if (!strcmp(section, "central") && !strcmp(key, "kiosk_listen"))
		return set_listen(c->kiosk_listen, sizeof c->kiosk_listen, v) ? 1 : -1;
	if (!strcmp(section, "central") && !strcmp(key, "staff_listen") && !v[0]) {
		c->staff_listen[0] = '\0'; /* no staff API */
		return 1;
	}
	if (!strcmp(section, "central") && !strcmp(key, "staff_listen"))
		return set_listen(c->staff_listen, sizeof c->staff_listen, v) ? 1 : -1;
	if (!strcmp(section, "central") && !strcmp(key, "base_path")) {
		size_t n = strlen(v);
		if (v[0] != '/' || (n > 1 && v[n - 1] == '/') || strchr(v, '?') || strstr(v, ".."))
			return -1;
		return set_text(c->base_path, sizeof c->base_path, n == 1 ? "" : v) ? 1 : -1;
	}
	if (!strcmp(section, "central") && !strcmp(key, "status_interval_s"))
		return set_int(&c->status_interval_s, v, 10, 86400) ? 1 : -1;
	if (!strcmp(section, "central") && !strcmp(key, "staff_idle_s"))
		return set_int(&c->staff_idle_s, v, 1, 86400) ? 1 : -1;
	if (!strcmp(section, "central") && !strcmp(key, "preview_memory_mb"))
		return set_int(&c->preview_memory_mb, v, 0, 65536) ? 1 : -1;
	if (!strcmp(section, "central") && !strcmp(key, "preview_timeout_s"))
		return set_int(&c->preview_timeout_s, v, 1, 600) ? 1 : -1;
	if (!strcmp(section, "results") && !strcmp(key, "min_n"))
		return set_int(&c->min_n, v, CONTENT_MIN_N, 1000000) ? 1 : -1;
	return 0;
}

static int on_key(void *data, const char *section, const char *key, const char *value)
{
	struct reading *r = data;
	int rc = set_key(r->cfg, section, key, value);

	if (rc == 0)
		log_warn("%s:%d: unknown key [%s] %s", r->path, r->line, section, key);
	else if (rc < 0)
		log_warn("%s:%d: bad value for [%s] %s: %s", r->path, r->line, section, key, value);
	if (rc <= 0)
		r->cfg->nproblems++;
	return 1;
}

bool central_config_load(struct central_config *cfg, const char *path)
{
	struct reading r = { cfg, path, fopen(path, "r"), 0 };

	if (!r.f) {
		log_error("cannot read %s", path);
		return false;
	}
	int line = ini_parse_stream(read_line, &r, on_key, &r);
	fclose(r.f);
	if (line > 0) {
		log_warn("%s:%d: not a key = value line", path, line);
		cfg->nproblems++;
	}
	return true;
}
