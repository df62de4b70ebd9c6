/* SPDX-License-Identifier: EUPL-1.2 */
/* The staff side of kiosk-central's storage: users, sessions, drafts and the
 * list of groups. Same connection and lock as db.c. */
#include "central/db_sql.h"
#include "common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs one statement under the lock; DB_NOT_FOUND when it changed no row. */
static enum db_result change(struct db *db, sqlite3_stmt *st)
{
	enum db_result r = db_sql_run(db, st);
	if (r == DB_OK && sqlite3_changes(db->sql) == 0)
		r = DB_NOT_FOUND;
	return r;
}

static void copy_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (out)
		snprintf(out, size, "%s", t ? t : "");
}

/* The first row of st, or why there is none; st is not finalized. */
static enum db_result first_row(struct db *db, sqlite3_stmt *st)
{
	if (!st)
		return DB_FAILED;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE)
		return DB_NOT_FOUND;
	log_error("database: %s", sqlite3_errmsg(db->sql));
	return DB_FAILED;
}

enum db_result db_staff_add(struct db *db, const char *user, const char *role, const char *hash)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_run(db, db_sql_prepare(db, "INSERT INTO staff VALUES(?, ?, ?)",
							 "sss", user, role, hash));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_staff_get(struct db *db, const char *user, char *role, size_t role_size,
			    char *hash, size_t hash_size)
{
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db, "SELECT role, hash FROM staff WHERE user = ?", "s",
					  user);
	enum db_result r = first_row(db, st);
	if (r == DB_OK) {
		copy_text(st, 0, role, role_size);
		copy_text(st, 1, hash, hash_size);
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_staff_set_hash(struct db *db, const char *user, const char *hash)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = change(
		db, db_sql_prepare(db, "UPDATE staff SET hash = ? WHERE user = ?", "ss", hash, user));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_staff_set_role(struct db *db, const char *user, const char *role)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = change(
		db, db_sql_prepare(db, "UPDATE staff SET role = ? WHERE user = ?", "ss", role, user));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_staff_delete(struct db *db, const char *user)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_exec(db, "BEGIN IMMEDIATE") ? DB_OK : DB_FAILED;
	if (r == DB_OK)
		r = db_sql_run(db, db_sql_prepare(db, "DELETE FROM sessions WHERE user = ?", "s", user));
	if (r == DB_OK)
		r = change(db, db_sql_prepare(db, "DELETE FROM staff WHERE user = ?", "s", user));
	if (r == DB_OK && !db_sql_exec(db, "COMMIT"))
		r = DB_FAILED;
	if (r != DB_OK)
		db_sql_exec(db, "ROLLBACK");
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_staff_list(struct db *db, void (*row)(void *ctx, const char *user, const char *role),
			     void *ctx)
{
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db, "SELECT user, role FROM staff ORDER BY user", "");
	int rc = SQLITE_ERROR;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row(ctx, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc == SQLITE_DONE ? DB_OK : DB_FAILED;
}

int db_staff_count(struct db *db, const char *role)
{
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db, "SELECT count(*) FROM staff WHERE role = ?", "s", role);
	int n = first_row(db, st) == DB_OK ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return n;
}

enum db_result db_session_add(struct db *db, const char *hash, const char *user, const char *csrf,
			      int64_t now)
{
	pthread_mutex_lock(&db->lock);
	/* Sessions long over are cleared as new ones come. */
	db_sql_run(db, db_sql_prepare(db, "DELETE FROM sessions WHERE last_seen < ?", "i",
				      now - 7 * 86400));
	enum db_result r = db_sql_run(db, db_sql_prepare(db, "INSERT INTO sessions VALUES(?, ?, ?, ?, ?)",
							 "sssii", hash, user, csrf, now, now));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_session_get(struct db *db, const char *hash, int64_t now, int64_t idle_s,
			      int64_t max_s, struct db_session *s)
{
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db,
					  "SELECT s.user, t.role, s.csrf, s.created_at, s.last_seen"
					  " FROM sessions s JOIN staff t ON t.user = s.user"
					  " WHERE s.hash = ?",
					  "s", hash);
	enum db_result r = first_row(db, st);
	if (r == DB_OK) {
		copy_text(st, 0, s->user, sizeof s->user);
		copy_text(st, 1, s->role, sizeof s->role);
		copy_text(st, 2, s->csrf, sizeof s->csrf);
		s->created_at = sqlite3_column_int64(st, 3);
		s->last_seen = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (r == DB_OK && (now - s->last_seen > idle_s || now - s->created_at > max_s ||
			   now < s->last_seen - 300)) {
		db_sql_run(db, db_sql_prepare(db, "DELETE FROM sessions WHERE hash = ?", "s", hash));
		r = DB_NOT_FOUND;
	} else if (r == DB_OK && now != s->last_seen) {
		/* Not durable on its own: losing a minute of idle time to a crash is fine. */
		r = db_sql_run(db, db_sql_prepare(db, "UPDATE sessions SET last_seen = ? WHERE hash = ?",
						  "is", now, hash));
	}
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_session_delete(struct db *db, const char *hash)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r =
		db_sql_run(db, db_sql_prepare(db, "DELETE FROM sessions WHERE hash = ?", "s", hash));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_session_delete_user(struct db *db, const char *user, const char *keep)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_run(
		db, db_sql_prepare(db, "DELETE FROM sessions WHERE user = ? AND hash != ?", "ss", user,
				   keep ? keep : ""));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_draft_put(struct db *db, const char *group, const char *body, const char *by,
			    int64_t now)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r = db_sql_run(db, db_sql_prepare(db, "INSERT OR REPLACE INTO drafts VALUES(?, ?, ?, ?)",
							 "sssi", group, body, by, now));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_draft_get(struct db *db, const char *group, char **body, char *by,
			    size_t by_size, int64_t *saved_at)
{
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(db, "SELECT body, saved_by, saved_at FROM drafts WHERE grp = ?",
					  "s", group);
	enum db_result r = first_row(db, st);
	*body = NULL;
	if (r == DB_OK) {
		*body = db_sql_column(st, 0);
		copy_text(st, 1, by, by_size);
		*saved_at = sqlite3_column_int64(st, 2);
		if (!*body)
			r = DB_FAILED;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_draft_delete(struct db *db, const char *group)
{
	pthread_mutex_lock(&db->lock);
	enum db_result r =
		db_sql_run(db, db_sql_prepare(db, "DELETE FROM drafts WHERE grp = ?", "s", group));
	pthread_mutex_unlock(&db->lock);
	return r;
}

enum db_result db_groups(struct db *db,
			 void (*row)(void *ctx, const char *group, const char *version,
				     int64_t published_at, bool draft, int nkiosks),
			 void *ctx)
{
	pthread_mutex_lock(&db->lock);
	sqlite3_stmt *st = db_sql_prepare(
		db,
		"WITH g(grp) AS (SELECT grp FROM kiosks UNION SELECT grp FROM bundles"
		" UNION SELECT grp FROM drafts)"
		" SELECT g.grp,"
		" (SELECT version FROM bundles b WHERE b.grp = g.grp ORDER BY seq DESC LIMIT 1),"
		" (SELECT published_at FROM bundles b WHERE b.grp = g.grp ORDER BY seq DESC LIMIT 1),"
		" EXISTS(SELECT 1 FROM drafts d WHERE d.grp = g.grp),"
		" (SELECT count(*) FROM kiosks k WHERE k.grp = g.grp AND NOT k.revoked)"
		" FROM g ORDER BY g.grp",
		"");
	int rc = SQLITE_ERROR;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row(ctx, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 2),
		    sqlite3_column_int(st, 3) != 0, sqlite3_column_int(st, 4));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc == SQLITE_DONE ? DB_OK : DB_FAILED;
}
