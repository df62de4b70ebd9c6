/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk.conf parsing with inih. Every key is checked against a table of known keys
 * and its value against the key's type; problems name file:line and keep the
 * default, so a typo never stops the kiosk from starting. */
#include "config.h"
#include "log.h"
#include "pin.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum key_type {
	KEY_STRING,
	KEY_INT,
	KEY_BOOL,
	KEY_SIZE,
	KEY_ROTATION,
	KEY_DPI,
	KEY_RENDERER,
	KEY_SOURCE,
	KEY_PIN_HASH,
};

struct key {
	const char *section;
	const char *name;
	enum key_type type;
	size_t offset;
	size_t size; /* KEY_STRING: buffer size; KEY_INT: unused */
	int min, max;
};

#define STR(sec, key, field)                                                                       \
	{                                                                                          \
		sec, key, KEY_STRING, offsetof(struct config, field),                              \
			sizeof(((struct config *)0)->field), 0, 0                                  \
	}
#define INT(sec, key, field, lo, hi)                                                               \
	{                                                                                          \
		sec, key, KEY_INT, offsetof(struct config, field), 0, lo, hi                       \
	}

static const struct key keys[] = {
	STR("kiosk", "id", id),
	STR("kiosk", "data_dir", data_dir),
	STR("kiosk", "language", language),
	STR("kiosk", "content", content),
	{ "kiosk", "qr_source", KEY_SOURCE, offsetof(struct config, qr_source),
	  sizeof(((struct config *)0)->qr_source), 0, 0 },
	{ "display", "size", KEY_SIZE, 0, 0, 0, 0 },
	{ "display", "rotation", KEY_ROTATION, offsetof(struct config, rotation), 0, 0, 0 },
	{ "display", "fullscreen", KEY_BOOL, offsetof(struct config, fullscreen), 0, 0, 0 },
	{ "display", "dpi", KEY_DPI, offsetof(struct config, dpi), 0, 0, 0 },
	{ "display", "renderer", KEY_RENDERER, offsetof(struct config, renderer), 0, 0, 0 },
	STR("central", "url", url),
	STR("central", "token_file", token_file),
	STR("central", "ca_file", ca_file),
	STR("central", "client_cert", client_cert),
	STR("central", "client_key", client_key),
	STR("central", "proxy", proxy),
	INT("central", "sync_interval_s", sync_interval_s, 5, 86400),
	INT("central", "status_interval_s", status_interval_s, 10, 86400),
	INT("central", "retention_days", retention_days, 1, 3650),
	INT("survey", "cooldown_s", cooldown_s, 0, 600),
	{ "survey", "store_abandoned", KEY_BOOL, offsetof(struct config, store_abandoned), 0, 0,
	  0 },
	{ "staff", "pin_hash", KEY_PIN_HASH, offsetof(struct config, pin_hash),
	  sizeof(((struct config *)0)->pin_hash), 0, 0 },
	{ "accessibility", "speech", KEY_BOOL, offsetof(struct config, speech), 0, 0, 0 },
	STR("accessibility", "speech_program", speech_program),
	INT("accessibility", "speech_volume", speech_volume, 10, 200),
	INT("accessibility", "speech_rate", speech_rate, 80, 450),
	INT("accessibility", "double_strike_ms", double_strike_ms, 0, 2000),
};

void config_defaults(struct config *cfg, const char *share_dir)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->id, sizeof cfg->id, "demo");
	if (state && *state)
		snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/kiosk", state);
	else if (home && *home)
		snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/.local/state/kiosk", home);
	else
		snprintf(cfg->data_dir, sizeof cfg->data_dir, "/var/lib/kiosk");
	snprintf(cfg->language, sizeof cfg->language, "sv");
	snprintf(cfg->content, sizeof cfg->content, "%s/content.json", share_dir);
	cfg->fullscreen = true;
	cfg->renderer = CONFIG_RENDERER_AUTO;
	snprintf(cfg->token_file, sizeof cfg->token_file, "/etc/kiosk/token");
	cfg->sync_interval_s = 60;
	cfg->status_interval_s = 300;
	cfg->retention_days = 30;
	cfg->cooldown_s = 5;
	cfg->store_abandoned = true;
	cfg->speech = true;
	snprintf(cfg->speech_program, sizeof cfg->speech_program, "espeak-ng");
	cfg->speech_volume = 100;
	cfg->speech_rate = 175;
}

bool config_parse_size(const char *text, int *width, int *height)
{
	int w, h;
	char extra;

	if (sscanf(text, "%dx%d%c", &w, &h, &extra) != 2)
		return false;
	if (w < 320 || h < 240 || w > 16384 || h > 16384)
		return false;
	*width = w;
	*height = h;
	return true;
}

static bool parse_int(const char *text, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(text, &end, 10);
	return end != text && *end == '\0' && errno == 0;
}

struct reader {
	FILE *file;
	const char *path;
	int line;
	struct config *cfg;
};

static void problem(struct reader *rd, const char *fmt, const char *a, const char *b)
{
	struct config *cfg = rd->cfg;
	char msg[200];

	snprintf(msg, sizeof msg, fmt, a, b);
	log_warn("%s:%d: %s", rd->path, rd->line, msg);
	if (cfg->nproblems < CONFIG_PROBLEMS_MAX)
		snprintf(cfg->problems[cfg->nproblems++], sizeof cfg->problems[0], "%s:%d: %s",
			 rd->path, rd->line, msg);
}

/* inih calls this once per line it reads, which gives the handler its line number. */
static char *read_line(char *buf, int size, void *stream)
{
	struct reader *rd = stream;
	size_t len;

	if (!fgets(buf, size, rd->file))
		return NULL;
	rd->line++;
	len = strlen(buf);
	if (len == (size_t)size - 1 && buf[len - 1] != '\n' && !feof(rd->file)) {
		int c;
		problem(rd, "line too long (at most %s characters); ignored%s", "198", "");
		while ((c = fgetc(rd->file)) != EOF && c != '\n')
			;
		buf[0] = '\n';
		buf[1] = '\0';
	}
	return buf;
}

static bool set_value(struct config *cfg, const struct key *k, const char *value)
{
	char *field = (char *)cfg + k->offset;
	long n;

	switch (k->type) {
	case KEY_SOURCE:
		/* Goes into URLs as it is: only characters that need no escaping. */
		if (strspn(value,
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-") !=
		    strlen(value))
			return false;
		/* fall through */
	case KEY_STRING:
		if (strlen(value) >= k->size)
			return false;
		memcpy(field, value, strlen(value) + 1);
		return true;
	case KEY_INT:
		if (!parse_int(value, &n) || n < k->min || n > k->max)
			return false;
		*(int *)field = (int)n;
		return true;
	case KEY_BOOL:
		if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1"))
			*(bool *)field = true;
		else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0"))
			*(bool *)field = false;
		else
			return false;
		return true;
	case KEY_SIZE:
		if (!strcmp(value, "auto")) {
			cfg->width = cfg->height = 0;
			return true;
		}
		return config_parse_size(value, &cfg->width, &cfg->height);
	case KEY_ROTATION:
		if (!parse_int(value, &n) || (n != 0 && n != 90 && n != 180 && n != 270))
			return false;
		cfg->rotation = (int)n;
		return true;
	case KEY_DPI: {
		char *end;
		double d;
		if (!strcmp(value, "auto")) {
			cfg->dpi = 0;
			return true;
		}
		d = strtod(value, &end);
		if (end == value || *end || d < 50 || d > 1000)
			return false;
		cfg->dpi = d;
		return true;
	}
	case KEY_PIN_HASH:
		if (*value && !pin_hash_usable(value))
			return false;
		snprintf(cfg->pin_hash, sizeof cfg->pin_hash, "%s", value);
		return true;
	case KEY_RENDERER:
		if (!strcmp(value, "auto"))
			cfg->renderer = CONFIG_RENDERER_AUTO;
		else if (!strcmp(value, "software"))
			cfg->renderer = CONFIG_RENDERER_SOFTWARE;
		else if (!strcmp(value, "opengles2"))
			cfg->renderer = CONFIG_RENDERER_OPENGLES2;
		else if (!strcmp(value, "opengl"))
			cfg->renderer = CONFIG_RENDERER_OPENGL;
		else
			return false;
		return true;
	}
	return false;
}

static const char *expected(const struct key *k)
{
	switch (k->type) {
	case KEY_STRING:
		return "a shorter value";
	case KEY_INT:
		return "a whole number in range";
	case KEY_BOOL:
		return "true or false";
	case KEY_SIZE:
		return "auto or WxH, e.g. 1280x800";
	case KEY_ROTATION:
		return "0, 90, 180 or 270";
	case KEY_DPI:
		return "auto or a number from 50 to 1000";
	case KEY_RENDERER:
		return "auto, software, opengles2 or opengl";
	case KEY_PIN_HASH:
		return "the line kiosk --hash-pin prints";
	case KEY_SOURCE:
		return "at most 24 of A-Z, a-z, 0-9, '.', '_', '~' and '-'";
	}
	return "";
}

static int handle(void *user, const char *section, const char *name, const char *value)
{
	struct reader *rd = user;
	char what[160];

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const struct key *k = &keys[i];
		if (strcmp(k->section, section) || strcmp(k->name, name))
			continue;
		if (!set_value(rd->cfg, k, value)) {
			snprintf(what, sizeof what, "[%s] %s", section, name);
			problem(rd, "bad value for %s: expected %s", what, expected(k));
		}
		return 1;
	}
	snprintf(what, sizeof what, "[%s] %s", section, name);
	problem(rd, "unknown key %s%s; ignored", what, "");
	return 1;
}

bool config_load(struct config *cfg, const char *path)
{
	struct reader rd = { .path = path, .cfg = cfg };
	int rc;

	rd.file = fopen(path, "r");
	if (!rd.file) {
		log_error("cannot read config %s: %s", path, strerror(errno));
		return false;
	}
	rc = ini_parse_stream(read_line, &rd, handle, &rd);
	fclose(rd.file);
	/* inih reports lines it could not parse (no '=' or an unclosed section) by
	 * number only; the handler has already reported everything else. */
	if (rc > 0) {
		rd.line = rc;
		problem(&rd, "cannot parse this line (expected key = value or [section])%s%s", "",
			"");
	}
	return true;
}
