/* SPDX-License-Identifier: EUPL-1.2 */
/* Throttling is kept in memory: a restart forgets it, which costs an attacker a
 * restart of the server for five more guesses. Entries are keyed by "u:USER" and
 * "a:ADDRESS"; when the table is full the oldest window is reused. */
#include "staff_auth.h"

#include "common/log.h"

#include <crypt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THROTTLE_SLOTS 512

struct throttle {
	char key[80];
	int failures;
	int64_t since; /* the window's start */
};

struct staff_auth {
	struct db *db;
	int idle_s;
	/* A hash to check against when the user does not exist, so that an unknown
	 * user takes as long as a wrong password. */
	char dummy[256];
	pthread_mutex_t lock;
	struct throttle slots[THROTTLE_SLOTS];
};

struct staff_auth *staff_auth_create(struct db *db, int idle_s)
{
	struct staff_auth *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	char secret[TOKEN_HEX];
	a->db = db;
	a->idle_s = idle_s;
	pthread_mutex_init(&a->lock, NULL);
	if (!token_new(secret) || !staff_auth_hash(secret, a->dummy, sizeof a->dummy)) {
		staff_auth_destroy(a);
		return NULL;
	}
	return a;
}

void staff_auth_destroy(struct staff_auth *a)
{
	if (!a)
		return;
	pthread_mutex_destroy(&a->lock);
	free(a);
}

int staff_role_rank(const char *role)
{
	if (!role)
		return -1;
	if (!strcmp(role, "viewer"))
		return 0;
	if (!strcmp(role, "editor"))
		return 1;
	if (!strcmp(role, "admin"))
		return 2;
	return -1;
}

bool staff_auth_equal(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	unsigned char diff = na != nb;
	for (size_t i = 0; i < na; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
	return diff == 0;
}

bool staff_auth_hash(const char *password, char *hash, size_t size)
{
	struct crypt_data *cd = calloc(1, sizeof *cd);
	size_t n = strlen(password);
	bool ok = false;

	if (cd && n >= STAFF_PASSWORD_MIN && n <= STAFF_PASSWORD_MAX &&
	    crypt_gensalt_rn("$y$", 0, NULL, 0, cd->setting, sizeof cd->setting)) {
		const char *h = crypt_r(password, cd->setting, cd);
		ok = h && h[0] != '*' && strlen(h) < size;
		if (ok)
			snprintf(hash, size, "%s", h);
	}
	if (cd)
		explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}

bool staff_auth_check(const char *hash, const char *password)
{
	struct crypt_data *cd = calloc(1, sizeof *cd);
	bool ok = false;

	if (cd && strlen(password) <= STAFF_PASSWORD_MAX) {
		const char *h = crypt_r(password, hash, cd);
		ok = h && h[0] != '*' && staff_auth_equal(h, hash);
	}
	if (cd)
		explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}

/* The slot for key, made when absent; the lock is held. */
static struct throttle *slot(struct staff_auth *a, const char *key, int64_t now)
{
	struct throttle *oldest = &a->slots[0];
	for (int i = 0; i < THROTTLE_SLOTS; i++) {
		struct throttle *t = &a->slots[i];
		if (t->key[0] && !strcmp(t->key, key)) {
			if (now - t->since >= STAFF_FAILURE_WINDOW) {
				t->failures = 0;
				t->since = now;
			}
			return t;
		}
		if (!t->key[0] || t->since < oldest->since)
			oldest = t;
	}
	snprintf(oldest->key, sizeof oldest->key, "%s", key);
	oldest->failures = 0;
	oldest->since = now;
	return oldest;
}

/* Seconds still to wait for user or address; 0 when either may try. With fail,
 * counts a failure for both first. */
static int throttled(struct staff_auth *a, const char *user, const char *address, int64_t now,
		     bool fail)
{
	char ku[80], ka[80];
	int wait = 0;

	snprintf(ku, sizeof ku, "u:%s", user);
	snprintf(ka, sizeof ka, "a:%s", address);
	pthread_mutex_lock(&a->lock);
	struct throttle *t[2] = { slot(a, ku, now), slot(a, ka, now) };
	for (int i = 0; i < 2; i++) {
		if (fail)
			t[i]->failures++;
		if (t[i]->failures >= STAFF_FAILURES_MAX) {
			int left = (int)(t[i]->since + STAFF_FAILURE_WINDOW - now);
			wait = left > wait ? left : wait;
		}
	}
	pthread_mutex_unlock(&a->lock);
	return wait;
}

/* A new session for user into id and *s. */
static bool new_session(struct staff_auth *a, const char *user, const char *role, int64_t now,
			char id[TOKEN_HEX], struct db_session *s)
{
	char hash[TOKEN_HEX];

	memset(s, 0, sizeof *s);
	if (!token_new(id) || !token_new(s->csrf))
		return false;
	token_sha256_hex(id, strlen(id), hash);
	snprintf(s->user, sizeof s->user, "%s", user);
	snprintf(s->role, sizeof s->role, "%s", role);
	s->created_at = s->last_seen = now;
	return db_session_add(a->db, hash, user, s->csrf, now) == DB_OK;
}

enum staff_login staff_auth_login(struct staff_auth *a, const char *user, const char *password,
				  const char *address, int64_t now, char id[TOKEN_HEX],
				  struct db_session *s, int *retry_after)
{
	char role[16] = "", hash[256] = "";

	*retry_after = throttled(a, user, address, now, false);
	if (*retry_after > 0)
		return STAFF_LOGIN_THROTTLED;
	enum db_result r = db_staff_get(a->db, user, role, sizeof role, hash, sizeof hash);
	if (r == DB_FAILED)
		return STAFF_LOGIN_FAILED;
	bool ok = staff_auth_check(r == DB_OK ? hash : a->dummy, password) && r == DB_OK;
	if (!ok) {
		log_warn("staff: failed login for %.63s from %s", user, address);
		throttled(a, user, address, now, true);
		return STAFF_LOGIN_WRONG;
	}
	if (!new_session(a, user, role, now, id, s))
		return STAFF_LOGIN_FAILED;
	log_info("staff: %s logged in from %s", user, address);
	return STAFF_LOGIN_OK;
}

static bool well_formed(const char *id)
{
	return id && strlen(id) == TOKEN_HEX - 1 && strspn(id, "0123456789abcdef") == TOKEN_HEX - 1;
}

bool staff_auth_session(struct staff_auth *a, const char *id, int64_t now, struct db_session *s)
{
	char hash[TOKEN_HEX];

	if (!well_formed(id))
		return false;
	token_sha256_hex(id, strlen(id), hash);
	return db_session_get(a->db, hash, now, a->idle_s, STAFF_SESSION_MAX, s) == DB_OK;
}

void staff_auth_logout(struct staff_auth *a, const char *id)
{
	char hash[TOKEN_HEX];

	if (!well_formed(id))
		return;
	token_sha256_hex(id, strlen(id), hash);
	db_session_delete(a->db, hash);
}
