/* SPDX-License-Identifier: EUPL-1.2 */
/* Staff logins: passwords as yescrypt through libxcrypt, failed logins
 * throttled per user and per address, sessions with random ids of which only
 * the SHA-256 is stored, each with its own CSRF token, ended after a time
 * unused. */
#ifndef CENTRAL_STAFF_AUTH_H
#define CENTRAL_STAFF_AUTH_H

#include "central/db.h"
#include "central/token.h"

#include <stdbool.h>
#include <stdint.h>

#define STAFF_PASSWORD_MIN 12
#define STAFF_PASSWORD_MAX 256
#define STAFF_FAILURES_MAX 5	   /* failed logins in the window before a wait */
#define STAFF_FAILURE_WINDOW 900   /* seconds */
#define STAFF_SESSION_MAX (12 * 3600) /* a session ends after this however busy */

struct staff_auth;

struct staff_auth *staff_auth_create(struct db *db, int idle_s);
void staff_auth_destroy(struct staff_auth *a);

enum staff_login {
	STAFF_LOGIN_OK,
	STAFF_LOGIN_WRONG,     /* no such user or a wrong password: the same answer */
	STAFF_LOGIN_THROTTLED, /* too many failures: *retry_after seconds to wait */
	STAFF_LOGIN_FAILED,    /* storage or randomness failed (logged) */
};

/* Checks user's password from address at now. On success a new session: its
 * id (for the cookie) into id and its row into *s. */
enum staff_login staff_auth_login(struct staff_auth *a, const char *user, const char *password,
				  const char *address, int64_t now, char id[TOKEN_HEX],
				  struct db_session *s, int *retry_after);

/* The session with this id, still alive at now, into *s. */
bool staff_auth_session(struct staff_auth *a, const char *id, int64_t now, struct db_session *s);

/* Ends the session with this id. */
void staff_auth_logout(struct staff_auth *a, const char *id);

/* A yescrypt hash of password into hash (size bytes); false when the password
 * is shorter than STAFF_PASSWORD_MIN, longer than STAFF_PASSWORD_MAX or cannot
 * be hashed. */
bool staff_auth_hash(const char *password, char *hash, size_t size);

/* Whether password is the one hash was made from. */
bool staff_auth_check(const char *hash, const char *password);

/* Whether two strings are equal, in a time that does not depend on where they
 * differ. */
bool staff_auth_equal(const char *a, const char *b);

/* 0 viewer, 1 editor, 2 admin; -1 for any other name. */
int staff_role_rank(const char *role);

#endif
