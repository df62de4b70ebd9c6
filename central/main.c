/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk-central: the municipality's side. With no command it serves the kiosk
 * API; the commands enrol and revoke kiosks, add staff, publish bundles, export
 * the answers and list the fleet. */
#include "central/config.h"
#include "central/db.h"
#include "central/export.h"
#include "central/kiosk_api.h"
#include "central/publish.h"
#include "central/server.h"
#include "central/staff_api.h"
#include "central/token.h"
#include "common/log.h"
#include "common/notify.h"
#include "common/wake.h"

#include <crypt.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif

#define DEFAULT_CONFIG "/etc/kiosk/central.conf"
/* sysexits' EX_CONFIG: the config cannot work, so systemd does not restart
 * kiosk-central (RestartPreventExitStatus=) until someone fixes it. */
#define EXIT_CONFIG 78

static void usage(FILE *out)
{
	fputs("usage: kiosk-central [--config FILE]          serve the kiosk API and the staff API\n"
	      "       kiosk-central [--config FILE] add-kiosk ID --group NAME\n"
	      "       kiosk-central [--config FILE] revoke-kiosk ID\n"
	      "       kiosk-central [--config FILE] add-staff USER --role admin|editor|viewer\n"
	      "       kiosk-central [--config FILE] publish BUNDLE.json --group NAME [--assets DIR]\n"
	      "       kiosk-central [--config FILE] export [--survey ID] [--format jsonl|csv]\n"
	      "       kiosk-central [--config FILE] kiosks [--json]\n"
	      "       kiosk-central --version\n",
	      out);
}

/* A name for a kiosk or a group: 1 to 63 of A-Z a-z 0-9 . _ -, not starting
 * with a dot (it becomes part of a URL path). */
static bool good_name(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n < 64 && s[0] != '.' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* The value after flag among argv[from..], or NULL. */
static const char *option(int argc, char **argv, int from, const char *flag)
{
	for (int i = from; i + 1 < argc; i++)
		if (!strcmp(argv[i], flag))
			return argv[i + 1];
	return NULL;
}

static int add_kiosk(struct db *db, const char *id, const char *group)
{
	char token[TOKEN_HEX], hash[TOKEN_HEX];

	if (!id || !group || !good_name(id) || !good_name(group)) {
		fprintf(stderr, "kiosk-central: add-kiosk ID --group NAME: both 1 to 63 of "
				"A-Z a-z 0-9 . _ -\n");
		return 2;
	}
	if (!token_new(token)) {
		fprintf(stderr, "kiosk-central: no randomness for a token\n");
		return 1;
	}
	token_sha256_hex(token, strlen(token), hash);
	enum db_result r = db_kiosk_add(db, id, group, hash);
	if (r == DB_EXISTS)
		fprintf(stderr, "kiosk-central: a kiosk %s exists already (revoke-kiosk ends it)\n", id);
	if (r != DB_OK)
		return 1;
	fprintf(stderr, "kiosk %s added to group %s. Its token, shown only now; put it in the "
			"kiosk's token_file (/etc/kiosk/token, mode 0640):\n",
		id, group);
	printf("%s\n", token);
	explicit_bzero(token, sizeof token);
	return 0;
}

static int revoke_kiosk(struct db *db, const char *id)
{
	enum db_result r = id ? db_kiosk_revoke(db, id) : DB_NOT_FOUND;
	if (r == DB_NOT_FOUND)
		fprintf(stderr, "kiosk-central: no kiosk %s\n", id ? id : "given");
	else if (r == DB_OK)
		printf("kiosk %s revoked: its token is refused from now on\n", id);
	return r == DB_OK ? 0 : 1;
}

/* One line from the terminal without echo, or from stdin. */
static bool read_password(char *buf, size_t size)
{
	struct termios saved, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;

	if (tty) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		fprintf(stderr, "password: ");
	}
	bool ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return ok;
}

static int add_staff(struct db *db, const char *user, const char *role)
{
	char password[256];
	struct crypt_data cd = { 0 };

	if (!user || !good_name(user) || !role ||
	    (strcmp(role, "admin") && strcmp(role, "editor") && strcmp(role, "viewer"))) {
		fprintf(stderr, "kiosk-central: add-staff USER --role admin|editor|viewer\n");
		return 2;
	}
	if (!read_password(password, sizeof password) || strlen(password) < 12) {
		fprintf(stderr, "kiosk-central: a password of at least 12 characters is needed\n");
		explicit_bzero(password, sizeof password);
		return 1;
	}
	const char *salt = crypt_gensalt_rn("$y$", 0, NULL, 0, cd.setting, sizeof cd.setting);
	const char *hash = salt ? crypt_r(password, salt, &cd) : NULL;
	explicit_bzero(password, sizeof password);
	if (!hash || hash[0] == '*') {
		fprintf(stderr, "kiosk-central: cannot hash the password\n");
		return 1;
	}
	enum db_result r = db_staff_add(db, user, role, hash);
	explicit_bzero(&cd, sizeof cd);
	if (r == DB_EXISTS)
		fprintf(stderr, "kiosk-central: a user %s exists already\n", user);
	else if (r == DB_OK)
		printf("staff user %s added as %s\n", user, role);
	return r == DB_OK ? 0 : 1;
}

/* The staff API on staff_listen: HTTPS with staff_tls_cert, else plain HTTP,
 * which is for loopback or behind the municipality's reverse proxy. */
static struct server *serve_staff(const struct central_config *cfg, struct staff_api *staff)
{
	struct server_tls tls = { cfg->staff_tls_cert, cfg->staff_tls_key };
	struct server *srv = server_start(cfg->staff_listen, "", cfg->staff_tls_cert[0] ? &tls : NULL,
					  staff_api_routes, staff_api_nroutes, staff);
	if (srv)
		log_info("the staff API on %s://%s/api/", cfg->staff_tls_cert[0] ? "https" : "http",
			 cfg->staff_listen);
	return srv;
}

/* Whether the certificate and key the config names for kiosks can be read;
 * says what is wrong when not. */
static bool tls_readable(const struct central_config *cfg)
{
	if (!cfg->tls_cert[0] || !cfg->tls_key[0]) {
		log_error("kiosks speak HTTPS only: set tls_cert and tls_key in the config");
		return false;
	}
	const char *files[] = { cfg->tls_cert, cfg->tls_key };
	for (int i = 0; i < 2; i++)
		if (access(files[i], R_OK) < 0) {
			log_error("cannot read %s (%s in the config): %s", files[i],
				  i ? "tls_key" : "tls_cert", strerror(errno));
			return false;
		}
	return true;
}

/* Serves until SIGTERM or SIGINT, petting systemd's watchdog. Returns
 * EXIT_CONFIG when the config cannot work, which systemd does not restart. */
static int serve(const struct central_config *cfg, struct db *db)
{
	if (!tls_readable(cfg))
		return EXIT_CONFIG;

	struct server_tls tls = { cfg->tls_cert, cfg->tls_key };
	struct kiosk_api *api = kiosk_api_create(cfg, db);
	struct staff_api *staff = api ? staff_api_create(cfg, db) : NULL;
	struct wake *wake = staff ? wake_create(cfg->data_dir) : NULL;
	struct server *srv = NULL, *staff_srv = NULL;

	if (wake && (srv = server_start(cfg->kiosk_listen, cfg->base_path, &tls,
					     kiosk_api_routes, kiosk_api_nroutes, api)) &&
		 cfg->staff_listen[0] && !(staff_srv = serve_staff(cfg, staff))) {
		server_stop(srv);
		srv = NULL;
	}
	if (srv) {
		notify_init();
		log_info("kiosk-central %s: the kiosk API on https://%s%s, data in %s", KIOSK_VERSION,
			 cfg->kiosk_listen, cfg->base_path, cfg->data_dir);
		notify_ready();
		notify_status("serving kiosks on %s, staff on %s", cfg->kiosk_listen,
			      cfg->staff_listen);
		unsigned why = 0;
		while (!(why & WAKE_STOP)) {
			long pet = notify_watchdog();
			wake_wait(wake, pet >= 0 ? (int)pet : -1);
			why = wake_take(wake);
		}
		log_info("kiosk-central stopping");
		notify_stopping();
	}
	server_stop(staff_srv);
	server_stop(srv);
	wake_destroy(wake);
	staff_api_destroy(staff);
	kiosk_api_destroy(api);
	return srv ? 0 : 1;
}

/* The config and the database, as every command needs them; *bad_config tells
 * a config that cannot be read from a database that cannot be opened. */
static struct db *open_all(const char *config_path, struct central_config *cfg, bool *bad_config)
{
	char path[CENTRAL_PATH_MAX + 16];

	central_config_defaults(cfg);
	*bad_config = true;
	if (config_path && !central_config_load(cfg, config_path))
		return NULL;
	if (!config_path && access(DEFAULT_CONFIG, F_OK) == 0 &&
	    !central_config_load(cfg, DEFAULT_CONFIG))
		return NULL;
	*bad_config = false;
	snprintf(path, sizeof path, "%s", cfg->data_dir);
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	if (mkdir(cfg->data_dir, 0700) < 0 && errno != EEXIST) {
		log_error("cannot create the data directory %s: %s", cfg->data_dir, strerror(errno));
		return NULL;
	}
	snprintf(path, sizeof path, "%s/central.db", cfg->data_dir);
	return db_open(path);
}

static int command(struct db *db, const struct central_config *cfg, int argc, char **argv, int i)
{
	const char *cmd = argv[i], *arg = i + 1 < argc ? argv[i + 1] : NULL;

	if (!strcmp(cmd, "add-kiosk"))
		return add_kiosk(db, arg, option(argc, argv, i + 2, "--group"));
	if (!strcmp(cmd, "revoke-kiosk"))
		return revoke_kiosk(db, arg);
	if (!strcmp(cmd, "add-staff"))
		return add_staff(db, arg, option(argc, argv, i + 2, "--role"));
	if (!strcmp(cmd, "publish")) {
		const char *group = option(argc, argv, i + 2, "--group");
		if (!arg || !group || !good_name(group)) {
			fprintf(stderr, "kiosk-central: publish BUNDLE.json --group NAME [--assets DIR]\n");
			return 2;
		}
		return publish_bundle(cfg, db, arg, group, option(argc, argv, i + 2, "--assets"),
				      stderr);
	}
	if (!strcmp(cmd, "export")) {
		const char *format = option(argc, argv, i + 1, "--format");
		if (format && strcmp(format, "jsonl") && strcmp(format, "csv")) {
			fprintf(stderr, "kiosk-central: export --format jsonl or csv\n");
			return 2;
		}
		struct export_filter f = { option(argc, argv, i + 1, "--survey"), NULL, NULL, NULL,
					   NULL, NULL };
		return export_responses(db, &f,
					format && !strcmp(format, "csv") ? EXPORT_CSV : EXPORT_JSONL,
					stdout);
	}
	if (!strcmp(cmd, "kiosks"))
		return export_kiosks(db, cfg->status_interval_s, arg && !strcmp(arg, "--json"), stdout);
	fprintf(stderr, "kiosk-central: unknown command %s\n", cmd);
	usage(stderr);
	return 2;
}

int main(int argc, char **argv)
{
	const char *config_path = NULL;
	struct central_config cfg;
	int i = 1;

	log_init();
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("kiosk-central %s\n", KIOSK_VERSION);
		return 0;
	}
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "--config")) {
		config_path = argv[2];
		i = 3;
	}
	bool bad_config;
	struct db *db = open_all(config_path, &cfg, &bad_config);
	if (!db)
		return bad_config ? EXIT_CONFIG : 1;
	int rc = i < argc ? command(db, &cfg, argc, argv, i) : serve(&cfg, db);
	db_close(db);
	return rc;
}
