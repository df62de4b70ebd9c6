/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk-central's own modules without the network: central.conf, tokens and the
 * storage (kiosks and their tokens, publishing, a response stored once). */
#include "central/config.h"
#include "central/db.h"
#include "central/staff_auth.h"
#include "central/token.h"
#include "common/log.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	log_set_level(LOG_LEVEL_ERROR);
	snprintf(dir, sizeof dir, "/tmp/central-test-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void write_file(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void config_defaults_serve_on_loopback(void **state)
{
	struct central_config c;
	(void)state;
	setenv("STATE_DIRECTORY", "/var/lib/kiosk-central", 1);
	central_config_defaults(&c);
	unsetenv("STATE_DIRECTORY");
	assert_string_equal(c.data_dir, "/var/lib/kiosk-central");
	assert_string_equal(c.kiosk_listen, "127.0.0.1:8443");
	assert_string_equal(c.staff_listen, "127.0.0.1:8080");
	assert_string_equal(c.base_path, "/api/v1");
	assert_int_equal(c.min_n, 10);
}

static void config_keeps_defaults_for_what_is_wrong(void **state)
{
	struct central_config c;
	char path[128];
	(void)state;
	write_file("central.conf", "[central]\n"
				   "kiosk_listen = 0.0.0.0:9443\n"
				   "base_path = /kiosk/api/\n"
				   "staff_listen = nowhere\n"
				   "colour = blue\n"
				   "[results]\n"
				   "min_n = 0\n");
	snprintf(path, sizeof path, "%s/central.conf", dir);
	central_config_defaults(&c);
	assert_true(central_config_load(&c, path));
	assert_string_equal(c.kiosk_listen, "0.0.0.0:9443");
	assert_string_equal(c.base_path, "/api/v1");	   /* a trailing slash is refused */
	assert_string_equal(c.staff_listen, "127.0.0.1:8080"); /* not an address */
	assert_int_equal(c.min_n, 10);
	assert_int_equal(c.nproblems, 4);
	assert_false(central_config_load(&c, "/nonexistent/central.conf"));
}

static void addresses_with_ports(void **state)
{
	char host[64];
	int port;
	(void)state;
	assert_true(central_config_address("[::1]:8443", host, sizeof host, &port));
	assert_string_equal(host, "::1");
	assert_int_equal(port, 8443);
	assert_true(central_config_address("10.0.0.2:443", host, sizeof host, &port));
	assert_false(central_config_address("10.0.0.2", host, sizeof host, &port));
	assert_false(central_config_address("10.0.0.2:99999", host, sizeof host, &port));
	assert_false(central_config_address(":443", host, sizeof host, &port));
}

static void tokens_are_random_and_hashed(void **state)
{
	char a[TOKEN_HEX], b[TOKEN_HEX], h[TOKEN_HEX];
	(void)state;
	assert_true(token_new(a));
	assert_true(token_new(b));
	assert_int_equal(strlen(a), 64);
	assert_string_not_equal(a, b);
	token_sha256_hex("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static struct db *open_db(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/central.db", dir);
	struct db *db = db_open(path);
	assert_non_null(db);
	return db;
}

static void a_token_is_its_kiosks_only(void **state)
{
	struct db *db = open_db();
	char group[64];
	(void)state;
	assert_int_equal(db_kiosk_add(db, "k1", "bib", "hash-1"), DB_OK);
	assert_int_equal(db_kiosk_add(db, "k2", "bib", "hash-2"), DB_OK);
	assert_int_equal(db_kiosk_add(db, "k1", "x", "hash-3"), DB_EXISTS);
	assert_int_equal(db_kiosk_auth(db, "k1", "hash-1", group, sizeof group), DB_AUTH_OK);
	assert_string_equal(group, "bib");
	assert_int_equal(db_kiosk_auth(db, "k1", "hash-2", group, sizeof group), DB_AUTH_OTHER);
	assert_int_equal(db_kiosk_auth(db, "k1", "hash-9", group, sizeof group), DB_AUTH_NONE);
	assert_int_equal(db_kiosk_auth(db, NULL, "hash-2", group, sizeof group), DB_AUTH_OK);
	assert_int_equal(db_kiosk_revoke(db, "k2"), DB_OK);
	assert_int_equal(db_kiosk_auth(db, "k2", "hash-2", group, sizeof group), DB_AUTH_NONE);
	assert_int_equal(db_kiosk_revoke(db, "k9"), DB_NOT_FOUND);
	db_close(db);
}

static int rows;
static void count_row(void *ctx, const char *id, const char *kiosk_id, int64_t at,
		      const char *document)
{
	(void)ctx;
	(void)kiosk_id;
	(void)at;
	(void)document;
	assert_non_null(id);
	rows++;
}

static void publishing_keeps_every_version(void **state)
{
	struct db *db = open_db();
	struct db_bundle b = { 0, "bib", "v1", "\"e1\"", "{\"v\":1}", 0, NULL }, got;
	const char *surveys[] = { "s" }, *assets[] = { "abc" };
	int versions[] = { 1 };
	(void)state;
	assert_int_equal(db_latest(db, "bib", &got), DB_NOT_FOUND);
	assert_int_equal(db_publish(db, &b, surveys, versions, 1, assets, 1), DB_OK);
	b.version = "v2";
	b.body = "{\"v\":2}";
	versions[0] = 2;
	assert_int_equal(db_publish(db, &b, surveys, versions, 1, NULL, 0), DB_OK);
	assert_int_equal(db_latest(db, "bib", &got), DB_OK);
	assert_string_equal(got.version, "v2");
	db_bundle_free(&got);
	/* A response to survey s version 1 is checked against v1, still kept. */
	assert_int_equal(db_bundle_for_survey(db, "bib", "s", 1, &got), DB_OK);
	assert_string_equal(got.body, "{\"v\":1}");
	db_bundle_free(&got);
	assert_int_equal(db_bundle_for_survey(db, "other", "s", 1, &got), DB_NOT_FOUND);
	int64_t seq = 0, first;
	assert_int_equal(db_seq_for_survey(db, "bib", "s", 1, &first), DB_OK);
	assert_int_equal(db_seq_for_survey(db, "bib", "s", 2, &seq), DB_OK);
	assert_true(seq > first);
	assert_int_equal(db_bundle_get(db, "bib", first, &got), DB_OK);
	assert_string_equal(got.body, "{\"v\":1}");
	db_bundle_free(&got);
	assert_int_equal(db_bundle_get(db, "other", first, &got), DB_NOT_FOUND);
	assert_int_equal(db_seq_for_survey(db, "bib", "s", 3, &seq), DB_NOT_FOUND);
	assert_int_equal(db_seq_for_survey(db, "other", "s", 1, &seq), DB_NOT_FOUND);
	assert_true(db_asset_allowed(db, "bib", "abc"));
	assert_false(db_asset_allowed(db, "other", "abc"));
	db_close(db);
}

static void a_response_is_stored_once(void **state)
{
	struct db *db = open_db();
	const char *ids[] = { "id-1", "id-2", "id-1" }, *surveys[] = { "s", "s", "s" };
	const char *docs[] = { "{}", "{}", "{}" };
	int versions[] = { 1, 1, 1 };
	(void)state;
	rows = 0;
	assert_int_equal(db_store_responses(db, "k1", 100, ids, surveys, versions, docs, 3), DB_OK);
	assert_int_equal(db_store_responses(db, "k2", 101, ids, surveys, versions, docs, 2), DB_OK);
	assert_int_equal(db_export(db, NULL, count_row, NULL), DB_OK);
	assert_int_equal(rows, 2);
	rows = 0;
	assert_int_equal(db_export(db, "other", count_row, NULL), DB_OK);
	assert_int_equal(rows, 0);
	db_close(db);
}

static void passwords_are_yescrypt(void **state)
{
	char a[256], b[256];
	(void)state;
	assert_false(staff_auth_hash("eleven char", a, sizeof a));
	assert_true(staff_auth_hash("twelve chars", a, sizeof a));
	assert_true(staff_auth_hash("twelve chars", b, sizeof b));
	assert_memory_equal(a, "$y$", 3);
	assert_string_not_equal(a, b); /* each has its own salt */
	assert_true(staff_auth_check(a, "twelve chars"));
	assert_false(staff_auth_check(a, "twelve chars "));
	assert_false(staff_auth_check(a, ""));
	assert_true(staff_auth_equal("abc", "abc"));
	assert_false(staff_auth_equal("abc", "abd"));
	assert_false(staff_auth_equal("abc", "abcd"));
	assert_false(staff_auth_equal("", "a"));
}

/* The database with a staff user (an editor) with the password "twelve chars". */
static struct db *staff_db(const char *user)
{
	struct db *db = open_db();
	char hash[256];
	assert_true(staff_auth_hash("twelve chars", hash, sizeof hash));
	assert_int_equal(db_staff_add(db, user, "editor", hash), DB_OK);
	return db;
}

static void sessions_end_unused_old_or_back_in_time(void **state)
{
	struct db *db = staff_db("ada");
	struct staff_auth *a = staff_auth_create(db, 300);
	struct db_session s;
	char id[TOKEN_HEX];
	int wait;
	(void)state;
	assert_int_equal(staff_auth_login(a, "ada", "twelve chars", "10.0.0.1", 1000, id, &s, &wait),
			 STAFF_LOGIN_OK);
	assert_string_equal(s.role, "editor");
	assert_true(staff_auth_session(a, id, 1299, &s));  /* used: idle from here */
	assert_true(staff_auth_session(a, id, 1599, &s));
	assert_false(staff_auth_session(a, id, 1900, &s)); /* 301 s unused */
	assert_false(staff_auth_session(a, id, 1901, &s)); /* and gone */
	assert_int_equal(staff_auth_login(a, "ada", "twelve chars", "10.0.0.1", 2000, id, &s, &wait),
			 STAFF_LOGIN_OK);
	for (int64_t t = 2000; t < 2000 + STAFF_SESSION_MAX; t += 250)
		assert_true(staff_auth_session(a, id, t, &s));
	assert_false(staff_auth_session(a, id, 2000 + STAFF_SESSION_MAX + 10, &s));
	assert_int_equal(staff_auth_login(a, "ada", "twelve chars", "10.0.0.1", 90000, id, &s, &wait),
			 STAFF_LOGIN_OK);
	assert_false(staff_auth_session(a, id, 90000 - 3600, &s)); /* the clock went back */
	staff_auth_destroy(a);
	db_close(db);
}

static void logins_are_throttled(void **state)
{
	struct db *db = staff_db("bea");
	struct staff_auth *a = staff_auth_create(db, 300);
	struct db_session s;
	char id[TOKEN_HEX];
	int wait = 0;
	(void)state;
	for (int i = 0; i < STAFF_FAILURES_MAX; i++)
		assert_int_equal(staff_auth_login(a, "bea", "not the one!", "10.0.0.1", 1000 + i, id,
						  &s, &wait),
				 STAFF_LOGIN_WRONG);
	assert_int_equal(staff_auth_login(a, "bea", "twelve chars", "10.0.0.2", 1010, id, &s, &wait),
			 STAFF_LOGIN_THROTTLED);
	assert_int_equal(wait, STAFF_FAILURE_WINDOW - 10);
	assert_int_equal(staff_auth_login(a, "bea", "twelve chars", "10.0.0.2",
					  1000 + STAFF_FAILURE_WINDOW, id, &s, &wait),
			 STAFF_LOGIN_OK);
	staff_auth_destroy(a);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_defaults_serve_on_loopback),
		cmocka_unit_test(config_keeps_defaults_for_what_is_wrong),
		cmocka_unit_test(addresses_with_ports),
		cmocka_unit_test(tokens_are_random_and_hashed),
		cmocka_unit_test(a_token_is_its_kiosks_only),
		cmocka_unit_test(publishing_keeps_every_version),
		cmocka_unit_test(a_response_is_stored_once),
		cmocka_unit_test(passwords_are_yescrypt),
		cmocka_unit_test(sessions_end_unused_old_or_back_in_time),
		cmocka_unit_test(logins_are_throttled),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
