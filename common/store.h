/* SPDX-License-Identifier: EUPL-1.2 */
/* Durable local storage of survey responses: one SQLite database in the data
 * directory (WAL, synchronous=FULL), shared by the kiosk, which writes responses,
 * and kiosk-sync, which uploads them. A response whose store_submit returned
 * STORE_OK survives a crash or a power cut. Nothing pending is ever deleted. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define STORE_SCHEMA_VERSION 2
#define STORE_UUID_LEN	     36

enum store_error {
	STORE_OK,
	STORE_ERR_OPEN,	    /* the file or its directory cannot be opened or created */
	STORE_ERR_READONLY, /* the file system or the file is read-only */
	STORE_ERR_FULL,	    /* the disk, or the database's size limit, is full */
	STORE_ERR_CORRUPT,  /* the file is not a database or is damaged */
	STORE_ERR_BUSY,	    /* another process held the database past the timeout */
	STORE_ERR_IO,	    /* any other failure of the disk or of SQLite */
	STORE_ERR_INVALID,  /* the caller passed something that cannot be stored */
};

/* A short English description for the log and the staff panel. */
const char *store_strerror(enum store_error err);

/* One answer: the question's id and the answer's own fields as a JSON object, as
 * the question's type wrote them ({"option":"fairly_safe"}, {"options":[...]}) or
 * {"skipped":true} for "prefer not to answer". The store knows no question type. */
struct store_answer {
	const char *question; /* question id */
	const char *fields;
};

#define STORE_FLAG_FAST 1u /* completed faster than a plausible minimum */

struct store_response {
	const char *survey_id;
	int survey_version;
	const char *content_version;
	const char *language;
	time_t submitted;  /* exact; stored rounded down to the hour (UTC) */
	bool clock_synced; /* see store_clock_synced */
	bool complete;	   /* false: abandoned part-way */
	int duration_s;	   /* exact; stored rounded to the nearest 5 seconds */
	const struct store_answer *answers;
	int nanswers;
	unsigned flags;
};

struct store;

/* Opens or creates the database at path (its directory must exist), sets WAL,
 * synchronous=FULL and a busy timeout, and migrates the schema in place to
 * STORE_SCHEMA_VERSION. A file that is not a database, or is damaged, is moved
 * aside to "<path>.damaged-<UTC time>" (with its -wal and -shm files) and a new
 * database is started; store_note then says so. NULL on failure, with *err set
 * (err may be NULL) and the reason logged once. */
struct store *store_open(const char *path, enum store_error *err);
void store_close(struct store *s);

/* Something staff should know about the last store_open (a damaged file moved
 * aside), or NULL. The string lives as long as s. */
const char *store_note(const struct store *s);

/* SQLite's message for the last failure, for the log. Lives until the next call. */
const char *store_message(const struct store *s);

/* Caps the database at max_bytes (rounded to pages): past it, submits fail with
 * STORE_ERR_FULL instead of filling the disk. Marking and purging may use up to
 * 256 KiB more, so that a full store can still be emptied. 0: no cap. */
enum store_error store_set_limit(struct store *s, long long max_bytes);

/* Stores one response in one BEGIN IMMEDIATE transaction as the JSON document of
 * the central service protocol, with a new random (version 4) UUID from the OS.
 * Returns STORE_OK only after the commit; id (may be NULL) then receives the
 * UUID, NUL-terminated (STORE_UUID_LEN + 1 bytes). */
enum store_error store_submit(struct store *s, const struct store_response *r, char *id);

/* A stored response waiting for upload. */
struct store_row {
	char id[STORE_UUID_LEN + 1];
	char *document; /* the JSON document; freed by store_rows_free */
};

/* Up to max pending responses, oldest first, into rows. Returns how many, or -1
 * on failure. */
int store_pending(struct store *s, struct store_row *rows, int max);
void store_rows_free(struct store_row *rows, int n);

/* Marks responses as accepted by the central service at now. Unknown ids are
 * ignored. */
enum store_error store_mark_uploaded(struct store *s, const char *const *ids, int n, time_t now);

/* Marks one response as rejected by the central service, keeping it and the
 * reason; it is no longer pending. */
enum store_error store_mark_rejected(struct store *s, const char *id, const char *reason);

/* Deletes uploaded responses uploaded before older_than. Never touches pending
 * or rejected ones. Returns how many were deleted, or -1. */
int store_purge_uploaded(struct store *s, time_t older_than);

struct store_counts {
	int pending, rejected, uploaded;
	time_t oldest_pending; /* 0 when nothing is pending */
};

enum store_error store_counts(struct store *s, struct store_counts *counts);

/* Keys of the facts kept for the staff panel: kiosk-sync writes them, the staff
 * screen reads them. Times are Unix seconds in decimal. */
#define STORE_STATUS_LAST_SUCCESS    "last_success"
#define STORE_STATUS_LAST_ERROR	     "last_error"
#define STORE_STATUS_LAST_ERROR_AT   "last_error_at"
#define STORE_STATUS_CONTENT_VERSION "content_version"
#define STORE_STATUS_CONTENT_SINCE   "content_since"
#define STORE_STATUS_PIN_FAILURES    "staff_pin_failures"

/* Facts of the sync side for the staff panel (last success, last error, content
 * version...), kept by key; one autocommitted write each. */
enum store_error store_set_status(struct store *s, const char *key, const char *value);

/* The value of key into value; false when there is none. */
bool store_get_status(struct store *s, const char *key, char *value, size_t size);

/* Whether the kernel says the system clock is synchronised (adjtimex); where a
 * sandbox refuses that call, whether systemd-timesyncd says so. Tests fix the
 * answer with KIOSK_CLOCK_SYNCED=1 or 0, as KIOSK_NOW fixes the time. */
bool store_clock_synced(void);

#endif
