/* SPDX-License-Identifier: EUPL-1.2 */
/* The kiosk's side of the central service protocol (HTTPS with libcurl): upload
 * pending responses, fetch a new content bundle and put it in place atomically,
 * and report status. Used by kiosk-sync only; the UI never touches the network. */
#ifndef KIOSK_SYNC_H
#define KIOSK_SYNC_H

#include "common/config.h"
#include "common/store.h"

#include <stdbool.h>

enum sync_result {
	SYNC_OK,
	SYNC_RETRY,  /* the network or the server failed: try again later */
	SYNC_CONFIG, /* 401/403, or a token that cannot be read: a person must act */
	SYNC_BAD,    /* the server sent something unusable (a broken bundle) */
	SYNC_LOCAL,  /* the disk or the database failed */
};

const char *sync_strerror(enum sync_result r);

struct sync;

/* NULL (logged) when libcurl cannot start or there is no [central] url. The
 * store is borrowed and must outlive the sync. */
struct sync *sync_create(const struct config *cfg, struct store *store);
void sync_destroy(struct sync *s);

/* Uploads pending responses in batches of up to PROTOCOL_BATCH, oldest first, marking only
 * what the server's receipt accepts or rejects. *uploaded and *rejected (may be
 * NULL) count them. */
enum sync_result sync_upload(struct sync *s, int *uploaded, int *rejected);

/* Fetches the bundle (conditional on the last ETag), validates it with the UI's
 * parser and, if it is new and valid, makes it data_dir/content/current.
 * *changed (may be NULL) says whether it did. */
enum sync_result sync_content(struct sync *s, bool *changed);

/* Posts the heartbeat. */
enum sync_result sync_status(struct sync *s);

/* Seconds the server asked to wait (Retry-After) in its last answer, or 0. */
long sync_retry_after(const struct sync *s);

/* The last failure, for the log and the status heartbeat; "" when none. */
const char *sync_last_error(const struct sync *s);

/* fn is called before every request (one request takes at most a minute), so a
 * long round can tell systemd's watchdog it is still making progress. NULL for
 * none. */
void sync_on_request(struct sync *s, void (*fn)(void));

#endif
