/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk-central's configuration: central.conf, an INI file (DESIGN: [central] and
 * [results]). With no file it serves on loopback with a data directory under the
 * user's state directory. */
#ifndef CENTRAL_CONFIG_H
#define CENTRAL_CONFIG_H

#include <stdbool.h>

#define CENTRAL_PATH_MAX 1024

struct central_config {
	char data_dir[CENTRAL_PATH_MAX];
	char kiosk_listen[128]; /* address:port of the kiosk API (HTTPS) */
	char base_path[128];	/* e.g. /api/v1, no trailing slash */
	char tls_cert[CENTRAL_PATH_MAX];
	char tls_key[CENTRAL_PATH_MAX];
	char staff_listen[128]; /* address:port of the staff web UI and its API */
	char staff_tls_cert[CENTRAL_PATH_MAX]; /* empty: plain HTTP, for loopback or a proxy */
	char staff_tls_key[CENTRAL_PATH_MAX];
	int staff_idle_s;      /* a staff session ends after this long unused */
	int preview_timeout_s; /* a preview's kiosk --screenshot is killed after this */
	int preview_memory_mb; /* and may map this much memory (0: no limit) */
	char kiosk_binary[CENTRAL_PATH_MAX];
	char web_dir[CENTRAL_PATH_MAX]; /* the staff web UI's files */
	int status_interval_s; /* what kiosks are told to keep; quiet after 3 missed */
	int min_n;	       /* [results]: no count below this is published */
	int nproblems;	       /* lines of the file that were logged as wrong */
};

/* Every field at its default: loopback, a data directory under $STATE_DIRECTORY
 * (systemd's), else $XDG_STATE_HOME/kiosk-central, else
 * ~/.local/state/kiosk-central. */
void central_config_defaults(struct central_config *cfg);

/* Reads path over the defaults. Each unknown key or bad value is logged with
 * file:line and counted in nproblems; false only when the file cannot be read. */
bool central_config_load(struct central_config *cfg, const char *path);

/* Splits "host:port" ("[::1]:8443" for IPv6) into host (size bytes) and port;
 * false when it is not such an address. */
bool central_config_address(const char *listen, char *host, int size, int *port);

#endif
