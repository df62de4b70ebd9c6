/* SPDX-License-Identifier: EUPL-1.2 */
/* The response store: one SQLite database in WAL mode, written one response per
 * BEGIN IMMEDIATE transaction as the JSON document the central service takes, so
 * that an upload is a copy of what is on disk. A file found damaged at open is
 * moved aside, never deleted, and a new database is started. */
#include "store.h"

#include "log.h"
#include "response.h"

#include <errno.h>
#include <unistd.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/timex.h>

#define BUSY_TIMEOUT_MS 5000

/* Pages kept above the limit for marking and purging, which grow rows and indexes
 * slightly: a full store must still record uploads so that space can be freed. */
#define LIMIT_SLACK_PAGES 64

/* Migration i takes the schema from version i to i + 1; a new database goes
 * through all of them, so the path old kiosks take is the one always tested. */
static const char *const migrations[] = {
	"CREATE TABLE responses(id TEXT PRIMARY KEY, created_at INTEGER NOT NULL,"
	" document TEXT NOT NULL, uploaded_at INTEGER);",

	"ALTER TABLE responses ADD COLUMN rejected_reason TEXT;"
	"CREATE INDEX responses_pending ON responses(uploaded_at, rejected_reason, created_at);"
	"CREATE TABLE status(key TEXT PRIMARY KEY, value TEXT);",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

enum statement {
	SQL_BEGIN,
	SQL_COMMIT,
	SQL_ROLLBACK,
	SQL_INSERT,
	SQL_PENDING,
	SQL_UPLOADED,
	SQL_REJECTED,
	SQL_PURGE,
	SQL_COUNTS,
	SQL_N
};

#define PENDING "uploaded_at IS NULL AND rejected_reason IS NULL"

static const char *const statements[SQL_N] = {
	[SQL_BEGIN] = "BEGIN IMMEDIATE",
	[SQL_COMMIT] = "COMMIT",
	[SQL_ROLLBACK] = "ROLLBACK",
	[SQL_INSERT] = "INSERT INTO responses(id, created_at, document) VALUES(?, ?, ?)",
	[SQL_PENDING] = "SELECT id, document FROM responses WHERE " PENDING
			" ORDER BY created_at, rowid LIMIT ?",
	[SQL_UPLOADED] = "UPDATE responses SET uploaded_at = ? WHERE id = ? AND " PENDING,
	[SQL_REJECTED] = "UPDATE responses SET rejected_reason = ? WHERE id = ? AND " PENDING,
	[SQL_PURGE] = "DELETE FROM responses WHERE uploaded_at < ? AND rejected_reason IS NULL",
	[SQL_COUNTS] = "SELECT coalesce(sum(" PENDING "), 0),"
		       " coalesce(sum(rejected_reason IS NOT NULL), 0),"
		       " coalesce(sum(uploaded_at IS NOT NULL AND rejected_reason IS NULL), 0),"
		       " min(CASE WHEN " PENDING " THEN created_at END) FROM responses",
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[SQL_N];
	long long limit_pages; /* 0: no limit */
	long long default_max_pages;
	struct stat checked; /* the file open_checked looked at */
	char note[4200];     /* empty: nothing to say */
	char message[256];
};

const char *store_strerror(enum store_error err)
{
	static const char *const names[] = {
		[STORE_OK] = "no error",
		[STORE_ERR_OPEN] = "cannot open or create the database file",
		[STORE_ERR_READONLY] = "the database is on a read-only file system or is read-only",
		[STORE_ERR_FULL] = "disk full, or the database reached its size limit",
		[STORE_ERR_CORRUPT] = "the database file is damaged",
		[STORE_ERR_BUSY] = "the database stayed locked by another program",
		[STORE_ERR_IO] = "the database cannot be read or written",
		[STORE_ERR_INVALID] = "the response cannot be stored as given",
	};
	if ((unsigned)err >= sizeof names / sizeof names[0])
		return "unknown error";
	return names[err];
}

static enum store_error classify(int code, int sys_errno)
{
	switch (code & 0xff) {
	case SQLITE_FULL:
		return STORE_ERR_FULL;
	case SQLITE_READONLY:
		return STORE_ERR_READONLY;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return STORE_ERR_CORRUPT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_ERR_BUSY;
	case SQLITE_CANTOPEN:
		if (sys_errno == EROFS || sys_errno == EACCES)
			return STORE_ERR_READONLY;
		return STORE_ERR_OPEN;
	case SQLITE_IOERR:
		if (sys_errno == EROFS)
			return STORE_ERR_READONLY;
		if (sys_errno == ENOSPC)
			return STORE_ERR_FULL;
		return STORE_ERR_IO;
	}
	return STORE_ERR_IO;
}

/* Keeps a message for store_message, on one line. */
static void keep(struct store *s, const char *message)
{
	snprintf(s->message, sizeof s->message, "%s", message);
	for (char *c = s->message; (c = strchr(c, '\n'));)
		*c = ' ';
}

static enum store_error fail_with(struct store *s, enum store_error err, const char *what,
				  const char *message)
{
	keep(s, message);
	log_error("cannot %s %s: %s", what, s->path, s->message);
	return err;
}

/* The same for SQLite's last error; ends the transaction if one is open. */
static enum store_error fail(struct store *s, const char *what)
{
	enum store_error err =
		classify(sqlite3_extended_errcode(s->db), sqlite3_system_errno(s->db));

	fail_with(s, err, what, sqlite3_errmsg(s->db));
	if (s->db && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return err;
}

/* Steps a prepared statement to its end and resets it; a failure is logged and
 * ends the transaction. */
static enum store_error run(struct store *s, enum statement which, const char *what)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	enum store_error err = rc == SQLITE_DONE ? STORE_OK : fail(s, what);
	sqlite3_reset(st);
	return err;
}

/* Runs a statement with no result and no parameters, for setup and migrations. */
static bool exec(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* Runs a pragma or query and reads the first column of its first row as a
 * number, as text, or both (either may be NULL). */
static bool query(struct store *s, const char *sql, long long *num, char *text, size_t size)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && num)
		*num = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW && text)
		snprintf(text, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

/* Opens path and looks for damage: STORE_ERR_CORRUPT means move it aside. The
 * checking connection never checkpoints on close, so a damaged file and its WAL
 * are left exactly as they were found. */
static enum store_error open_checked(struct store *s)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	if (sqlite3_open_v2(s->path, &s->db, flags, NULL) != SQLITE_OK)
		return fail(s, "open database");
	stat(s->path, &s->checked);
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return fail_with(s, STORE_ERR_READONLY, "open database",
				 "the file or its directory is read-only");
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);

	char result[256];
	if (!query(s, "PRAGMA quick_check(1)", NULL, result, sizeof result)) {
		if (classify(sqlite3_extended_errcode(s->db), 0) != STORE_ERR_CORRUPT)
			return fail(s, "check database");
		keep(s, sqlite3_errmsg(s->db));
		return STORE_ERR_CORRUPT;
	}
	if (strcmp(result, "ok") != 0) {
		keep(s, result);
		return STORE_ERR_CORRUPT;
	}
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	return STORE_OK;
}

/* Renames path and its -wal and -shm files to "<path>.damaged-<UTC time>[-n]"
 * plus the same suffixes, never over an existing file. If the file is no longer
 * the one found damaged, another program has already done it. */
static bool move_aside(struct store *s)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char stamp[32], base[4096], from[4200], to[4200];
	struct tm tm;
	struct stat st;
	time_t now = time(NULL);

	if (stat(s->path, &st) != 0 || st.st_ino != s->checked.st_ino ||
	    st.st_dev != s->checked.st_dev)
		return true;
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime_r(&now, &tm));
	snprintf(base, sizeof base, "%s.damaged-%s", s->path, stamp);
	for (int n = 1; lstat(base, &st) == 0; n++)
		snprintf(base, sizeof base, "%s.damaged-%s-%d", s->path, stamp, n);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(from, sizeof from, "%s%s", s->path, suffixes[i]);
		snprintf(to, sizeof to, "%s%s", base, suffixes[i]);
		if (rename(from, to) != 0 && (errno != ENOENT || i == 0)) {
			fail_with(s, STORE_ERR_OPEN, "move aside damaged database",
				  strerror(errno));
			return false;
		}
	}
	log_error("database %s is damaged (%s); moved it to %s and started a new one", s->path,
		  s->message, base);
	snprintf(s->note, sizeof s->note, "damaged database moved aside to %s", base);
	return true;
}

/* Brings the schema to STORE_SCHEMA_VERSION, one step per transaction. The
 * version is read inside the write transaction, so two programs opening the same
 * new database at once run each step once. */
static enum store_error migrate(struct store *s)
{
	long long from = -1;

	for (;;) {
		long long version;
		char sql[64];

		if (!exec(s, "BEGIN IMMEDIATE") ||
		    !query(s, "PRAGMA user_version", &version, NULL, 0))
			return fail(s, "read the schema version of");
		if (version == STORE_SCHEMA_VERSION) {
			if (from == 0)
				log_info("database %s created", s->path);
			else if (from > 0)
				log_info("database %s: schema brought from version %lld to %d", s->path,
					 from, STORE_SCHEMA_VERSION);
			return exec(s, "COMMIT") ? STORE_OK : fail(s, "read the schema version of");
		}
		if (from < 0)
			from = version;
		if (version < 0 || version > STORE_SCHEMA_VERSION) {
			exec(s, "ROLLBACK");
			snprintf(sql, sizeof sql,
				 "schema version %lld is not one this program knows", version);
			return fail_with(s, STORE_ERR_OPEN, "open database", sql);
		}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %lld", version + 1);
		if (!exec(s, migrations[version]) || !exec(s, sql) || !exec(s, "COMMIT"))
			return fail(s, "migrate the schema of");
	}
}

static enum store_error configure(struct store *s)
{
	char mode[16];

	/* Switching a new file to WAL needs the only lock on it; SQLite answers busy
	 * at once, without waiting, while another program opens the same new file. */
	for (int waited = 0; !query(s, "PRAGMA journal_mode = WAL", NULL, mode, sizeof mode);
	     waited += 20) {
		int rc = sqlite3_errcode(s->db);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || waited >= BUSY_TIMEOUT_MS)
			return fail(s, "set up database");
		sqlite3_sleep(20);
	}
	if (!exec(s, "PRAGMA synchronous = FULL"))
		return fail(s, "set up database");
	if (strcmp(mode, "wal") != 0)
		return fail_with(s, STORE_ERR_IO, "set up database", "WAL mode refused");

	enum store_error err = migrate(s);
	if (err != STORE_OK)
		return err;
	for (int i = 0; i < SQL_N; i++)
		if (sqlite3_prepare_v3(s->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &s->stmt[i], NULL) != SQLITE_OK)
			return fail(s, "prepare statements for");
	if (!query(s, "PRAGMA max_page_count", &s->default_max_pages, NULL, 0))
		return fail(s, "set up database");
	return STORE_OK;
}

struct store *store_open(const char *path, enum store_error *err)
{
	struct store *s = calloc(1, sizeof *s);
	enum store_error e = STORE_ERR_IO;

	if (!s || !path || !(s->path = strdup(path))) {
		log_error("cannot open database: %s", path ? "out of memory" : "no path given");
		goto failed;
	}
	e = open_checked(s);
	if (e == STORE_ERR_CORRUPT) {
		sqlite3_close(s->db);
		s->db = NULL;
		if (!move_aside(s)) {
			e = STORE_ERR_OPEN;
			goto failed;
		}
		e = open_checked(s);
		if (e == STORE_ERR_CORRUPT)
			fail_with(s, e, "start a new database at", "the new file is damaged too");
	}
	if (e == STORE_OK)
		e = configure(s);
	if (e == STORE_OK) {
		if (err)
			*err = STORE_OK;
		return s;
	}
failed:
	store_close(s);
	if (err)
		*err = e;
	return NULL;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < SQL_N; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *store_note(const struct store *s)
{
	return s && s->note[0] ? s->note : NULL;
}

const char *store_message(const struct store *s)
{
	return s ? s->message : "";
}

enum store_error store_set_limit(struct store *s, long long max_bytes)
{
	long long page_size, pages;
	char sql[64];

	if (!s || max_bytes < 0)
		return STORE_ERR_INVALID;
	if (!query(s, "PRAGMA page_size", &page_size, NULL, 0) ||
	    !query(s, "PRAGMA page_count", &pages, NULL, 0))
		return fail(s, "set the size limit of");
	s->limit_pages = max_bytes ? (max_bytes + page_size - 1) / page_size : 0;
	if (s->limit_pages > pages)
		pages = s->limit_pages;
	pages = s->limit_pages ? pages + LIMIT_SLACK_PAGES : s->default_max_pages;
	if (pages > s->default_max_pages)
		pages = s->default_max_pages;
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages);
	return query(s, sql, &pages, NULL, 0) ? STORE_OK : fail(s, "set the size limit of");
}

static bool text_ok(const char *text)
{
	json_t *j = text && *text ? json_string(text) : NULL; /* NULL unless UTF-8 */
	json_decref(j);
	return j != NULL;
}

static bool answer_ok(const struct store_answer *a)
{
	return text_ok(a->question) && response_fields_ok(a->fields);
}

/* What makes r impossible to store, or NULL. Ids must be non-empty UTF-8. */
static const char *response_problem(const struct store_response *r)
{
	struct tm tm;

	if (!r)
		return "no response";
	if (!text_ok(r->survey_id) || !text_ok(r->content_version) || !text_ok(r->language))
		return "survey id, content version or language missing or not UTF-8";
	if (r->survey_version < 0 || r->duration_s < 0)
		return "negative survey version or duration";
	if (!gmtime_r(&r->submitted, &tm) || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return "submission time out of range";
	if (r->nanswers < 0 || (r->nanswers > 0 && !r->answers))
		return "answers missing";
	if (r->nanswers > CONTENT_QUESTIONS_MAX)
		return "more answers than a survey has questions";
	for (int i = 0; i < r->nanswers; i++)
		if (!answer_ok(&r->answers[i]))
			return "an answer has a missing, empty or non-UTF-8 id, or fields that are not a JSON object";
	return NULL;
}

/* The response document of the protocol (common/response.h), as compact JSON the
 * caller frees; NULL when out of memory. */
static char *document(const struct store_response *r, const char *id)
{
	struct response_answer answers[CONTENT_QUESTIONS_MAX];

	for (int i = 0; i < r->nanswers; i++) {
		const struct store_answer *a = &r->answers[i];
		answers[i] = (struct response_answer){ a->question, a->fields };
	}
	const struct response doc = {
		.id = id,
		.survey_id = r->survey_id,
		.survey_version = r->survey_version,
		.content_version = r->content_version,
		.language = r->language,
		.submitted = r->submitted,
		.clock_synced = r->clock_synced,
		.complete = r->complete,
		.duration_s = r->duration_s,
		.answers = answers,
		.nanswers = r->nanswers,
		.flags = r->flags & STORE_FLAG_FAST ? RESPONSE_FLAG_FAST : 0,
	};
	return response_build(&doc);
}

static bool new_uuid(char out[STORE_UUID_LEN + 1])
{
	unsigned char b[16];
	size_t got = 0;

	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0 && errno != EINTR)
			return false;
		got += n > 0 ? (size_t)n : 0;
	}
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		p += sprintf(p, "%02x", b[i]);
	}
	return true;
}

enum store_error store_submit(struct store *s, const struct store_response *r, char *id)
{
	const char *what = "store a response in", *problem;
	char uuid[STORE_UUID_LEN + 1];
	long long before = 0, after = 0;

	if (!s)
		return STORE_ERR_INVALID;
	if ((problem = response_problem(r)))
		return fail_with(s, STORE_ERR_INVALID, what, problem);
	if (!new_uuid(uuid))
		return fail_with(s, STORE_ERR_IO, "make a response id for", strerror(errno));
	char *doc = document(r, uuid);
	if (!doc)
		return fail_with(s, STORE_ERR_IO, what, "out of memory");
	if (strlen(doc) > RESPONSE_MAX) {
		free(doc);
		return fail_with(s, STORE_ERR_INVALID, what, "its document is too long to upload");
	}

	sqlite3_stmt *ins = s->stmt[SQL_INSERT];
	sqlite3_bind_text(ins, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 2, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(ins, 3, doc, -1, SQLITE_STATIC);
	enum store_error err = run(s, SQL_BEGIN, what);
	if (err == STORE_OK && s->limit_pages && !query(s, "PRAGMA page_count", &before, NULL, 0))
		err = fail(s, what);
	if (err == STORE_OK)
		err = run(s, SQL_INSERT, what);
	if (err == STORE_OK && s->limit_pages && !query(s, "PRAGMA page_count", &after, NULL, 0))
		err = fail(s, what);
	if (err == STORE_OK && after > before && after > s->limit_pages) {
		run(s, SQL_ROLLBACK, what);
		err = fail_with(s, STORE_ERR_FULL, what, "the database has reached its size limit");
	}
	if (err == STORE_OK)
		err = run(s, SQL_COMMIT, what);
	sqlite3_clear_bindings(ins);
	free(doc);
	if (err == STORE_OK && id)
		memcpy(id, uuid, sizeof uuid);
	return err;
}

int store_pending(struct store *s, struct store_row *rows, int max)
{
	sqlite3_stmt *st;
	int n = 0, rc;

	if (!s || max < 0 || (max > 0 && !rows))
		return -1;
	st = s->stmt[SQL_PENDING];
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *doc = (const char *)sqlite3_column_text(st, 1);
		snprintf(rows[n].id, sizeof rows[n].id, "%s", id ? id : "");
		if (!(rows[n++].document = strdup(doc ? doc : "")))
			break;
	}
	if (rc == SQLITE_ROW)
		fail_with(s, STORE_ERR_IO, "read pending responses from", "out of memory");
	else if (rc != SQLITE_DONE)
		fail(s, "read pending responses from");
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return n;
	store_rows_free(rows, n);
	return -1;
}

void store_rows_free(struct store_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].document);
		rows[i].document = NULL;
	}
}

enum store_error store_mark_uploaded(struct store *s, const char *const *ids, int n, time_t now)
{
	const char *what = "mark responses uploaded in";
	sqlite3_stmt *st;

	if (!s || n < 0 || (n > 0 && !ids))
		return STORE_ERR_INVALID;
	for (int i = 0; i < n; i++)
		if (!ids[i])
			return STORE_ERR_INVALID;
	st = s->stmt[SQL_UPLOADED];
	enum store_error err = run(s, SQL_BEGIN, what);
	for (int i = 0; err == STORE_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
		sqlite3_bind_text(st, 2, ids[i], -1, SQLITE_STATIC);
		err = run(s, SQL_UPLOADED, what);
	}
	sqlite3_clear_bindings(st);
	return err == STORE_OK ? run(s, SQL_COMMIT, what) : err;
}

enum store_error store_mark_rejected(struct store *s, const char *id, const char *reason)
{
	const char *what = "mark a response rejected in";
	sqlite3_stmt *st;

	if (!s || !id || !reason)
		return STORE_ERR_INVALID;
	st = s->stmt[SQL_REJECTED];
	sqlite3_bind_text(st, 1, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	enum store_error err = run(s, SQL_BEGIN, what);
	if (err == STORE_OK)
		err = run(s, SQL_REJECTED, what);
	sqlite3_clear_bindings(st);
	return err == STORE_OK ? run(s, SQL_COMMIT, what) : err;
}

int store_purge_uploaded(struct store *s, time_t older_than)
{
	const char *what = "delete uploaded responses from";
	int n = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s->stmt[SQL_PURGE], 1, (sqlite3_int64)older_than);
	if (run(s, SQL_BEGIN, what) == STORE_OK && run(s, SQL_PURGE, what) == STORE_OK) {
		n = sqlite3_changes(s->db);
		if (run(s, SQL_COMMIT, what) != STORE_OK)
			n = -1;
	}
	return n;
}

enum store_error store_set_status(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st;
	enum store_error err;

	if (!s || !key || !value)
		return STORE_ERR_INVALID;
	if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO status(key, value) VALUES(?, ?)", -1,
			       &st, NULL) != SQLITE_OK)
		return fail(s, "record status in");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	err = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : fail(s, "record status in");
	sqlite3_finalize(st);
	return err;
}

bool store_get_status(struct store *s, const char *key, char *value, size_t size)
{
	sqlite3_stmt *st;
	bool found = false;

	if (!s || !key || size == 0 ||
	    sqlite3_prepare_v2(s->db, "SELECT value FROM status WHERE key = ?", -1, &st, NULL) !=
		    SQLITE_OK)
		return false;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
		snprintf(value, size, "%s", (const char *)sqlite3_column_text(st, 0));
		found = true;
	}
	sqlite3_finalize(st);
	return found;
}

enum store_error store_counts(struct store *s, struct store_counts *counts)
{
	sqlite3_stmt *st;
	enum store_error err = STORE_OK;

	if (!s || !counts)
		return STORE_ERR_INVALID;
	st = s->stmt[SQL_COUNTS];
	if (sqlite3_step(st) == SQLITE_ROW) {
		counts->pending = sqlite3_column_int(st, 0);
		counts->rejected = sqlite3_column_int(st, 1);
		counts->uploaded = sqlite3_column_int(st, 2);
		counts->oldest_pending = (time_t)sqlite3_column_int64(st, 3);
	} else {
		err = fail(s, "count responses in");
	}
	sqlite3_reset(st);
	return err;
}

bool store_clock_synced(void)
{
	struct timex tx = { 0 };
	const char *fixed = getenv("KIOSK_CLOCK_SYNCED");

	if (fixed && (!strcmp(fixed, "0") || !strcmp(fixed, "1")))
		return fixed[0] == '1';
	int state = adjtimex(&tx);

	/* Under systemd's ProtectClock= even this read is refused; then the file
	 * systemd-timesyncd keeps while the clock is synchronised says it. */
	if (state == -1 && errno == EPERM)
		return access("/run/systemd/timesync/synchronized", F_OK) == 0;
	return state != -1 && state != TIME_ERROR && !(tx.status & STA_UNSYNC);
}
