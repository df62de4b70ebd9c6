/* SPDX-License-Identifier: EUPL-1.2 */
/* What db.c shares with db_staff.c: the connection, its lock and the statement
 * helpers. Not for other modules: they use db.h. */
#ifndef CENTRAL_DB_SQL_H
#define CENTRAL_DB_SQL_H

#include "central/db.h"

#include <pthread.h>
#include <sqlite3.h>

struct db {
	sqlite3 *sql;
	pthread_mutex_t lock;
	struct db *reader; /* the connection for reads; NULL in the reader itself */
};

/* Runs SQL text with no rows; logs and returns false on failure. */
bool db_sql_exec(struct db *db, const char *sql);
/* A statement with its arguments bound in order ("s" text, "i" int64). */
sqlite3_stmt *db_sql_prepare(struct db *db, const char *sql, const char *types, ...);
/* Steps a statement that returns no rows and finalizes it. */
enum db_result db_sql_run(struct db *db, sqlite3_stmt *st);
/* Column i as a malloc'd string ("" for NULL). */
char *db_sql_column(sqlite3_stmt *st, int i);

#endif
