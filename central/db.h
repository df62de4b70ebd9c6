/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk-central's storage: kiosks and their token hashes, every bundle ever
 * published per group, the assets each group may fetch, the responses received
 * (each id once) and each kiosk's last heartbeat, and the staff. One SQLite
 * database in WAL mode with synchronous=FULL: a call that changes something
 * returns only after the change is on disk. Safe to call from several threads;
 * calls are serialised. A PostgreSQL backend would implement this same
 * interface. */
#ifndef CENTRAL_DB_H
#define CENTRAL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;

enum db_result {
	DB_OK,
	DB_EXISTS,    /* the name is taken */
	DB_NOT_FOUND, /* no such kiosk, group or bundle */
	DB_FAILED,    /* the disk or SQLite failed (logged) */
};

/* Opens (or creates and migrates) path. NULL (logged) on failure. */
struct db *db_open(const char *path);
void db_close(struct db *db);

/* Kiosks. A token is never stored, only its SHA-256 in hex (token_hash). */
enum db_result db_kiosk_add(struct db *db, const char *id, const char *group,
			    const char *token_hash);
enum db_result db_kiosk_revoke(struct db *db, const char *id);

enum db_auth {
	DB_AUTH_OK,    /* the token is this kiosk's: *group is its group */
	DB_AUTH_NONE,  /* no kiosk has this token, or it was revoked: 401 */
	DB_AUTH_OTHER, /* the token is another kiosk's: 403 */
};
/* id NULL: any kiosk's token will do (assets, which are named by hash). */
enum db_auth db_kiosk_auth(struct db *db, const char *id, const char *token_hash, char *group,
			   size_t size);

/* One published bundle. Strings are the caller's for db_publish, and malloc'd
 * for the caller to free (db_bundle_free) when they come from db. */
struct db_bundle {
	int64_t seq; /* grows with every publish, across groups */
	char *group, *version, *etag, *body;
	int64_t published_at;
	char *by; /* who published it: a staff user, or "" from the command line */
};
void db_bundle_free(struct db_bundle *b);

/* Publishes body (already validated) as group's latest bundle, with the surveys
 * (ids[i], versions[i]) it holds and the SHA-256 of each of its assets, in one
 * transaction. */
enum db_result db_publish(struct db *db, const struct db_bundle *b, const char *const *survey_ids,
			  const int *survey_versions, int nsurveys, const char *const *assets,
			  int nassets);

/* The group's latest bundle into *b: DB_NOT_FOUND when none was published. */
enum db_result db_latest(struct db *db, const char *group, struct db_bundle *b);

/* Bundle seq of group into *b: DB_NOT_FOUND when group has no such bundle. */
enum db_result db_bundle_get(struct db *db, const char *group, int64_t seq, struct db_bundle *b);

/* Calls row for the group's last limit bundles, newest first. */
enum db_result db_history(struct db *db, const char *group, int limit,
			  void (*row)(void *ctx, int64_t seq, const char *version,
				      int64_t published_at, const char *by),
			  void *ctx);

/* The publish number of the latest bundle of group that holds version of
 * survey_id: what db_bundle_for_survey finds, without reading its text. */
enum db_result db_seq_for_survey(struct db *db, const char *group, const char *survey_id,
				 int version, int64_t *seq);

/* The latest bundle of group that holds version of survey_id. */
enum db_result db_bundle_for_survey(struct db *db, const char *group, const char *survey_id,
				    int version, struct db_bundle *b);

/* Whether a bundle published to group names the asset with this SHA-256. */
bool db_asset_allowed(struct db *db, const char *group, const char *sha256);

/* Stores the accepted responses of one upload in one transaction; an id already
 * stored (from this kiosk or another) is left as it is. DB_OK only once the
 * transaction is committed and durable. */
enum db_result db_store_responses(struct db *db, const char *kiosk_id, int64_t received_at,
				  const char *const *ids, const char *const *survey_ids,
				  const int *versions, const char *const *documents, int n);

/* Keeps body as the kiosk's latest heartbeat. */
enum db_result db_status_put(struct db *db, const char *kiosk_id, int64_t received_at,
			     const char *body);

/* Calls row for every stored response (of survey_id only, when not NULL), in the
 * order received. Strings live during the call. */
enum db_result db_export(struct db *db, const char *survey_id,
			 void (*row)(void *ctx, const char *id, const char *kiosk_id,
				     int64_t received_at, const char *document),
			 void *ctx);

/* Calls row for every kiosk, by id; status is NULL and status_at 0 before its
 * first heartbeat. */
enum db_result db_kiosks(struct db *db,
			 void (*row)(void *ctx, const char *id, const char *group, bool revoked,
				     int64_t status_at, const char *status),
			 void *ctx);

/* Staff: a user with a role ("viewer", "editor" or "admin") and a crypt(3)
 * password hash. */
enum db_result db_staff_add(struct db *db, const char *user, const char *role, const char *hash);
/* The user's role and hash (each may be NULL); DB_NOT_FOUND for no such user. */
enum db_result db_staff_get(struct db *db, const char *user, char *role, size_t role_size,
			    char *hash, size_t hash_size);
enum db_result db_staff_set_hash(struct db *db, const char *user, const char *hash);
enum db_result db_staff_set_role(struct db *db, const char *user, const char *role);
/* Removes the user and ends their sessions. */
enum db_result db_staff_delete(struct db *db, const char *user);
enum db_result db_staff_list(struct db *db, void (*row)(void *ctx, const char *user, const char *role),
			     void *ctx);
/* How many users have role. */
int db_staff_count(struct db *db, const char *role);

/* Staff sessions, kept by the SHA-256 of their id. */
struct db_session {
	char user[64], role[16], csrf[65];
	int64_t created_at, last_seen;
};
enum db_result db_session_add(struct db *db, const char *hash, const char *user, const char *csrf,
			      int64_t now);
/* The session into *s, its last_seen moved to now: DB_NOT_FOUND when there is
 * none, or it was idle over idle_s or older than max_s (it is then removed). */
enum db_result db_session_get(struct db *db, const char *hash, int64_t now, int64_t idle_s,
			      int64_t max_s, struct db_session *s);
enum db_result db_session_delete(struct db *db, const char *hash);
/* Ends every session of user but the one with hash keep (may be NULL). */
enum db_result db_session_delete_user(struct db *db, const char *user, const char *keep);

/* Drafts: one per group, the bundle's text as staff last saved it. */
enum db_result db_draft_put(struct db *db, const char *group, const char *body, const char *by,
			    int64_t now);
/* *body (malloc'd) and who saved it when; DB_NOT_FOUND when there is none. */
enum db_result db_draft_get(struct db *db, const char *group, char **body, char *by,
			    size_t by_size, int64_t *saved_at);
enum db_result db_draft_delete(struct db *db, const char *group);

/* Every group that has kiosks, bundles or a draft: its latest version and
 * publish time (NULL, 0 when none), and how many kiosks it has. */
enum db_result db_groups(struct db *db,
			 void (*row)(void *ctx, const char *group, const char *version,
				     int64_t published_at, bool draft, int nkiosks),
			 void *ctx);

#endif
