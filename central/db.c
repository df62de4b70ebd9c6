/* SPDX-License-Identifier: EUPL-1.2 */
/* The SQLite side of kiosk-central's storage. One connection, guarded by a
 * mutex, so that a transaction is never interleaved with another thread's
 * statements; WAL and synchronous=FULL make every commit durable before it
 * returns. */
#include "db.h"

#include "central/db_sql.h"
#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_VERSION 2

static const char *const schema =
	"CREATE TABLE kiosks(id TEXT PRIMARY KEY, grp TEXT NOT NULL,"
	" token_hash TEXT NOT NULL UNIQUE, revoked INTEGER NOT NULL DEFAULT 0,"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE bundles(seq INTEGER PRIMARY KEY AUTOINCREMENT, grp TEXT NOT NULL,"
	" version TEXT NOT NULL, etag TEXT NOT NULL, body TEXT NOT NULL,"
	" published_at INTEGER NOT NULL);"
	"CREATE INDEX bundles_grp ON bundles(grp, seq);"
	"CREATE TABLE bundle_surveys(seq INTEGER NOT NULL REFERENCES bundles(seq),"
	" survey_id TEXT NOT NULL, version INTEGER NOT NULL);"
	"CREATE INDEX bundle_surveys_id ON bundle_surveys(survey_id, version);"
	"CREATE TABLE group_assets(grp TEXT NOT NULL, sha256 TEXT NOT NULL,"
	" PRIMARY KEY(grp, sha256));"
	"CREATE TABLE responses(n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
	" kiosk_id TEXT NOT NULL, survey_id TEXT NOT NULL, survey_version INTEGER NOT NULL,"
	" received_at INTEGER NOT NULL, document TEXT NOT NULL);"
	"CREATE INDEX responses_survey ON responses(survey_id, n);"
	"CREATE TABLE status(kiosk_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL,"
	" body TEXT NOT NULL);"
	"CREATE TABLE staff(user TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL);";

/* Version 2: the staff web UI's sessions (ids kept hashed) and drafts, and who
 * published each bundle. */
static const char *const schema_2 =
	"CREATE TABLE sessions(hash TEXT PRIMARY KEY,"
	" user TEXT NOT NULL REFERENCES staff(user) ON DELETE CASCADE, csrf TEXT NOT NULL,"
	" created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL);"
	"CREATE TABLE drafts(grp TEXT PRIMARY KEY, body TEXT NOT NULL, saved_by TEXT NOT NULL,"
	" saved_at INTEGER NOT NULL);"
	"ALTER TABLE bundles ADD COLUMN published_by TEXT NOT NULL DEFAULT '';";

bool db_sql_exec(struct db *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db->sql, sql, NULL, NULL, &err) == SQLITE_OK)
		return true;
	log_error("database: %s", err ? err : sqlite3_errmsg(db->sql));
	sqlite3_free(err);
	return false;
}

static int user_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static bool migrate(struct db *db)
{
	int v = user_version(db);
	if (v == DB_VERSION)
		return true;
	if (v < 0 || v > DB_VERSION) {
		log_error("database: version %d is newer than this kiosk-central knows (%d)", v,
			  DB_VERSION);
		return false;
	}
	if (!db_sql_exec(db, "BEGIN IMMEDIATE") || (v < 1 && !db_sql_exec(db, schema)) ||
	    (v < 2 && !db_sql_exec(db, schema_2)) || !db_sql_exec(db, "PRAGMA user_version = 2") ||
	    !db_sql_exec(db, "COMMIT")) {
		db_sql_exec(db, "ROLLBACK");
		return false;
	}
	if (v == 0)
		log_info("database created");
	else
		log_info("database brought from version %d to %d", v, DB_VERSION);
	return true;
}

/* One connection with its lock; NULL (logged) when the file cannot be opened. */
static struct db *connect(const char *path)
{
	struct db *db = calloc(1, sizeof *db);

	if (!db)
		return NULL;
	pthread_mutex_init(&db->lock, NULL);
	if (sqlite3_open_v2(path, &db->sql,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK) {
		log_error("cannot open the database %s: %s", path,
			  db->sql ? sqlite3_errmsg(db->sql) : "out of memory");
		db_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->sql, 10000);
	return db;
}

struct db *db_open(const char *path)
{
	struct db *db = connect(path);

	if (!db)
		return NULL;
	if (!db_sql_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		      "PRAGMA foreign_keys = ON") ||
	    !migrate(db)) {
		log_error("cannot use the database %s", path);
		db_close(db);
		return NULL;
	}
	/* Reads go through a second connection: in WAL mode they then never wait
	 * for a writer's commit (an upload's fsync) to finish. */
	if (!(db->reader = connect(path)) ||
	    !db_sql_exec(db->reader, "PRAGMA query_only = ON; PRAGMA foreign_keys = ON")) {
		db_close(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	db_close(db->reader);
	sqlite3_close(db->sql);
	pthread_mutex_destroy(&db->lock);
	free(db);
}

/* A statement with its text arguments bound in order ("s" text, "i" int64). */
sqlite3_stmt *db_sql_prepare(struct db *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
		log_error("database: %s", sqlite3_errmsg(db->sql));
		return NULL;
	}
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 's')
			sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
	}
	va_end(ap);
	return st;
}

/* Runs a statement that returns no rows; finalizes it. */
enum db_result db_sql_run(struct db *db, sqlite3_stmt *st)
{
	if (!st)
		return DB_FAILED;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return DB_OK;
	if (rc == SQLITE_CONSTRAINT)
		return DB_EXISTS;
	log_error("database: %s", sqlite3_errmsg(db->sql));
	return DB_FAILED;
}

enum db_result db_kiosk_add(struct db *db, const char *id, const char *group,
			    const char *token_hash)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r =
		db_sql_run(db, db_sql_prepare(db,
				"INSERT INTO kiosks(id, grp, token_hash, created_at)"
				" VALUES(?, ?, ?, strftime('%s','now'))",
				"sss", id, group, token_hash));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_kiosk_revoke(struct db *db, const char *id)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_run(db, db_sql_prepare(db, "UPDATE kiosks SET revoked = 1 WHERE id = ?", "s", id));
	if (r == DB_OK && sqlite3_changes(db->sql) == 0)
		r = DB_NOT_FOUND;
	pthread_mutex_unlock(&db->lock);
	return r;
}

/* The token is 256 random bits: looking its hash up by index tells an attacker
 * nothing a constant-time comparison would hide. */
enum db_auth db_kiosk_auth(struct db *db, const char *id, const char *token_hash, char *group,
			   size_t size)
{
	db = db->reader;
	enum db_auth a = DB_AUTH_NONE;

	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db, "SELECT id, grp FROM kiosks WHERE token_hash = ? AND NOT revoked",
				   "s", token_hash);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		if (id && strcmp((const char *)sqlite3_column_text(st, 0), id)) {
			a = DB_AUTH_OTHER;
		} else {
			snprintf(group, size, "%s", (const char *)sqlite3_column_text(st, 1));
			a = DB_AUTH_OK;
		}
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return a;
}

void db_bundle_free(struct db_bundle *b)
{
	if (!b)
		return;
	free(b->group);
	free(b->version);
	free(b->etag);
	free(b->body);
	free(b->by);
	memset(b, 0, sizeof *b);
}

char *db_sql_column(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return strdup(t ? t : "");
}

/* The first row of a SELECT seq, grp, version, etag, body, published_at,
 * published_by. */
static enum db_result bundle_row(struct db *db, sqlite3_stmt *st, struct db_bundle *b)
{
	memset(b, 0, sizeof *b);
	if (!st)
		return DB_FAILED;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		b->seq = sqlite3_column_int64(st, 0);
		b->group = db_sql_column(st, 1);
		b->version = db_sql_column(st, 2);
		b->etag = db_sql_column(st, 3);
		b->body = db_sql_column(st, 4);
		b->published_at = sqlite3_column_int64(st, 5);
		b->by = db_sql_column(st, 6);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return b->body && b->etag ? DB_OK : DB_FAILED;
	if (rc == SQLITE_DONE)
		return DB_NOT_FOUND;
	log_error("database: %s", sqlite3_errmsg(db->sql));
	return DB_FAILED;
}

#define BUNDLE_COLUMNS                                                                             \
	"SELECT b.seq, b.grp, b.version, b.etag, b.body, b.published_at, b.published_by "

enum db_result db_latest(struct db *db, const char *group, struct db_bundle *b)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	enum db_result r = bundle_row(
		db,
		db_sql_prepare(db, BUNDLE_COLUMNS "FROM bundles b WHERE b.grp = ? ORDER BY b.seq DESC LIMIT 1",
			"s", group),
		b);
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_bundle_get(struct db *db, const char *group, int64_t seq, struct db_bundle *b)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	enum db_result r = bundle_row(
		db,
		db_sql_prepare(db, BUNDLE_COLUMNS "FROM bundles b WHERE b.grp = ? AND b.seq = ?", "si",
			       group, seq),
		b);
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_history(struct db *db, const char *group, int limit,
			  void (*row)(void *ctx, int64_t seq, const char *version,
				      int64_t published_at, const char *by),
			  void *ctx)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db,
					  "SELECT seq, version, published_at, published_by FROM bundles"
					  " WHERE grp = ? ORDER BY seq DESC LIMIT ?",
					  "si", group, (int64_t)limit);
	int rc = SQLITE_ERROR;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc == SQLITE_DONE ? DB_OK : DB_FAILED;
}

enum db_result db_seq_for_survey(struct db *db, const char *group, const char *survey_id,
				 int version, int64_t *seq)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db,
					  "SELECT max(b.seq) FROM bundles b JOIN bundle_surveys s"
					  " ON s.seq = b.seq WHERE b.grp = ? AND s.survey_id = ?"
					  " AND s.version = ?",
					  "ssi", group, survey_id, (int64_t)version);
	enum db_result r = DB_FAILED;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_type(st, 0) == SQLITE_NULL ? DB_NOT_FOUND : DB_OK;
	if (r == DB_OK)
		*seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_bundle_for_survey(struct db *db, const char *group, const char *survey_id,
				    int version, struct db_bundle *b)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	enum db_result r = bundle_row(
		db,
		db_sql_prepare(db,
			BUNDLE_COLUMNS "FROM bundles b JOIN bundle_surveys s ON s.seq = b.seq"
				       " WHERE b.grp = ? AND s.survey_id = ? AND s.version = ?"
				       " ORDER BY b.seq DESC LIMIT 1",
			"ssi", group, survey_id, (int64_t)version),
		b);
	pthread_mutex_unlock(&db->lock);
	return r;
}

static enum db_result publish_rows(struct db *db, const struct db_bundle *b,
				   const char *const *survey_ids, const int *versions, int nsurveys,
				   const char *const *assets, int nassets)
{
	enum db_result r = db_sql_run(db, db_sql_prepare(db,
					   "INSERT INTO bundles(grp, version, etag, body, published_at,"
					   " published_by) VALUES(?, ?, ?, ?, strftime('%s','now'), ?)",
					   "sssss", b->group, b->version, b->etag, b->body,
					   b->by ? b->by : ""));
	int64_t seq = sqlite3_last_insert_rowid(db->sql);
	for (int i = 0; r == DB_OK && i < nsurveys; i++)
		r = db_sql_run(db, db_sql_prepare(db, "INSERT INTO bundle_surveys VALUES(?, ?, ?)", "isi", seq,
				    survey_ids[i], (int64_t)versions[i]));
	for (int i = 0; r == DB_OK && i < nassets; i++)
		r = db_sql_run(db, db_sql_prepare(db, "INSERT OR IGNORE INTO group_assets VALUES(?, ?)", "ss",
				    b->group, assets[i]));
	return r;
}

enum db_result db_publish(struct db *db, const struct db_bundle *b, const char *const *survey_ids,
			  const int *survey_versions, int nsurveys, const char *const *assets,
			  int nassets)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_exec(db, "BEGIN IMMEDIATE") ? DB_OK : DB_FAILED;
	if (r == DB_OK)
		r = publish_rows(db, b, survey_ids, survey_versions, nsurveys, assets, nassets);
	if (r == DB_OK && !db_sql_exec(db, "COMMIT"))
		r = DB_FAILED;
	if (r != DB_OK)
		db_sql_exec(db, "ROLLBACK");
	pthread_mutex_unlock(&db->lock);
	return r;
}

bool db_asset_allowed(struct db *db, const char *group, const char *sha256)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db, "SELECT 1 FROM group_assets WHERE grp = ? AND sha256 = ?",
				   "ss", group, sha256);
	bool ok = st && sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return ok;
}

enum db_result db_store_responses(struct db *db, const char *kiosk_id, int64_t received_at,
				  const char *const *ids, const char *const *survey_ids,
				  const int *versions, const char *const *documents, int n)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_exec(db, "BEGIN IMMEDIATE") ? DB_OK : DB_FAILED;
	/* One statement for the batch, bound again for each row. */
	sqlite3_stmt *st = r == DB_OK ? db_sql_prepare(db,
						       "INSERT OR IGNORE INTO responses(id, kiosk_id,"
						       " survey_id, survey_version, received_at,"
						       " document) VALUES(?, ?, ?, ?, ?, ?)",
						       "")
				      : NULL;
	if (!st)
		r = DB_FAILED;
	for (int i = 0; r == DB_OK && i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, kiosk_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, survey_ids[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, versions[i]);
		sqlite3_bind_int64(st, 5, received_at);
		sqlite3_bind_text(st, 6, documents[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			log_error("database: %s", sqlite3_errmsg(db->sql));
			r = DB_FAILED;
		}
	}
	sqlite3_finalize(st);
	if (r == DB_OK && !db_sql_exec(db, "COMMIT"))
		r = DB_FAILED;
	if (r != DB_OK)
		db_sql_exec(db, "ROLLBACK");
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_status_put(struct db *db, const char *kiosk_id, int64_t received_at,
			     const char *body)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_run(db, db_sql_prepare(db, "INSERT OR REPLACE INTO status VALUES(?, ?, ?)",
					   "sis", kiosk_id, received_at, body));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_export(struct db *db, const char *survey_id,
			 void (*row)(void *ctx, const char *id, const char *kiosk_id,
				     int64_t received_at, const char *document),
			 void *ctx)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st =
		survey_id ? db_sql_prepare(db,
				    "SELECT id, kiosk_id, received_at, document FROM responses"
				    " WHERE survey_id = ? ORDER BY n",
				    "s", survey_id)
			  : db_sql_prepare(db,
				    "SELECT id, kiosk_id, received_at, document FROM responses"
				    " ORDER BY n",
				    "");
	int rc = SQLITE_ERROR;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row(ctx, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc == SQLITE_DONE ? DB_OK : DB_FAILED;
}

enum db_result db_kiosks(struct db *db,
			 void (*row)(void *ctx, const char *id, const char *group, bool revoked,
				     int64_t status_at, const char *status),
			 void *ctx)
{
	db = db->reader;
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db,
				   "SELECT k.id, k.grp, k.revoked, s.received_at, s.body FROM kiosks k"
				   " LEFT JOIN status s ON s.kiosk_id = k.id ORDER BY k.id",
				   "");
	int rc = SQLITE_ERROR;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row(ctx, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2) != 0,
		    sqlite3_column_int64(st, 3), (const char *)sqlite3_column_text(st, 4));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc == SQLITE_DONE ? DB_OK : DB_FAILED;
}
