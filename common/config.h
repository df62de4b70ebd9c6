/* SPDX-License-Identifier: EUPL-1.2 */
/* Device configuration: kiosk.conf, an INI file with device-local settings only. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdbool.h>

#define CONFIG_PATH_MAX	    1024
#define CONFIG_PROBLEMS_MAX 16
#define CONFIG_SOURCE_MAX   24 /* characters of qr_source: A-Z a-z 0-9 . _ ~ - */

enum config_renderer {
	CONFIG_RENDERER_AUTO,
	CONFIG_RENDERER_SOFTWARE,
	CONFIG_RENDERER_OPENGLES2,
	CONFIG_RENDERER_OPENGL,
};

struct config {
	/* [kiosk] */
	char id[64];
	char data_dir[CONFIG_PATH_MAX];
	char language[16];
	char content[CONFIG_PATH_MAX];
	char qr_source[CONFIG_SOURCE_MAX + 1]; /* added to QR URLs as source=...; empty: none */

	/* [display] */
	int width, height; /* 0: the display's own size */
	int rotation;	   /* 0, 90, 180 or 270 degrees clockwise */
	bool fullscreen;
	double dpi; /* 0: ask the display */
	enum config_renderer renderer;

	/* [central] */
	char url[CONFIG_PATH_MAX];
	char token_file[CONFIG_PATH_MAX];
	char ca_file[CONFIG_PATH_MAX];
	char client_cert[CONFIG_PATH_MAX];
	char client_key[CONFIG_PATH_MAX];
	char proxy[CONFIG_PATH_MAX];
	int sync_interval_s;
	int status_interval_s;
	int retention_days; /* uploaded answers are deleted locally after this */

	/* [survey] */
	int cooldown_s;	      /* the start button rests this long after a response */
	bool store_abandoned; /* keep part-answered surveys when a visitor walks away */

	/* [staff] */
	char pin_hash[256];

	/* [accessibility] */
	bool speech;			      /* accessibility mode may be turned on */
	char speech_program[CONFIG_PATH_MAX]; /* espeak-ng, or a program that takes its options */
	int speech_volume;		      /* espeak-ng's amplitude, 0..200 */
	int speech_rate;		      /* words per minute */
	/* A key pressed again within this many ms of the same key is ignored
	 * (EN 301 549 5.8, for hands that tremble); 0: never. */
	int double_strike_ms;

	/* What was wrong with the file, as "file:line: message", for the log and the
	 * staff panel. Bad values keep their defaults. */
	char problems[CONFIG_PROBLEMS_MAX][256];
	int nproblems;
};

/* Fills every field with its default. share_dir holds the demo content; the data
 * directory defaults to $XDG_STATE_HOME/kiosk (or ~/.local/state/kiosk). */
void config_defaults(struct config *cfg, const char *share_dir);

/* Reads path over the current values. Returns false only when the file cannot be
 * read; unknown keys and bad values are logged, recorded in cfg->problems, and
 * leave the previous value in place. */
bool config_load(struct config *cfg, const char *path);

/* Parses "WxH" into positive width and height; false on anything else. */
bool config_parse_size(const char *text, int *width, int *height);

#endif
