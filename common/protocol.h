/* SPDX-License-Identifier: EUPL-1.2 */
/* The central service protocol's fixed parts, named once for both ends: the
 * endpoints under {base}/kiosks/{id}/, the limits of an upload, the receipt that
 * answers it and the fields of the status heartbeat. The response document itself
 * is common/response.h. */
#ifndef KIOSK_PROTOCOL_H
#define KIOSK_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>

#define PROTOCOL_BATCH	  100		  /* responses per upload, at most */
#define PROTOCOL_BODY_MAX (1024 * 1024) /* bytes of a request body, at most */

enum protocol_endpoint {
	PROTOCOL_CONTENT,   /* GET: the bundle, conditional on its ETag */
	PROTOCOL_RESPONSES, /* POST {"responses": [...]}: answered with a receipt */
	PROTOCOL_STATUS,    /* POST: the heartbeat, see protocol_status_fields */
};

/* "/kiosks/<kiosk_id>/<endpoint>" into out, relative to the base URL; false when
 * it does not fit. */
bool protocol_path(enum protocol_endpoint e, const char *kiosk_id, char *out, size_t size);

/* The heartbeat's fields, in the order kiosk-sync writes them. */
enum protocol_status_field {
	PROTOCOL_STATUS_SOFTWARE_VERSION, /* string */
	PROTOCOL_STATUS_CONTENT_VERSION,  /* string, "" when only the configured one */
	PROTOCOL_STATUS_UPTIME_S,	  /* integer */
	PROTOCOL_STATUS_PENDING,	  /* integer: responses waiting for upload */
	PROTOCOL_STATUS_REJECTED,	  /* integer: responses the service refused */
	PROTOCOL_STATUS_OLDEST_PENDING,	  /* integer: Unix time, 0 when none pending */
	PROTOCOL_STATUS_LAST_UPLOAD,	  /* integer: Unix time, 0 when none yet */
	PROTOCOL_STATUS_LAST_ERROR,	  /* string, "" when none */
	PROTOCOL_STATUS_DISK_FREE_BYTES,  /* integer */
	PROTOCOL_STATUS_CLOCK_SYNCED,	  /* boolean */
	PROTOCOL_STATUS_NFIELDS
};

/* Each field's JSON key, indexed by enum protocol_status_field. */
extern const char *const protocol_status_fields[PROTOCOL_STATUS_NFIELDS];

/* One refused response of a receipt. */
struct protocol_rejection {
	int index;	    /* into the batch's ids */
	const char *reason; /* the receipt's reason, or "rejected" */
};

/* What the receipt for one upload says, by index into the batch's ids, in the
 * receipt's order. Ids that are not in the batch are left out; an id listed twice
 * is there twice. */
struct protocol_receipt {
	int accepted[PROTOCOL_BATCH];
	int naccepted;
	struct protocol_rejection *rejected;
	int nrejected;
	void *json; /* the parsed body: the reasons point into it */
};

/* Parses the body of a receipt, {"accepted": [ids], "rejected": [{"id": ...,
 * "reason": ...}]} ("rejected" may be left out), for a batch of n ids (at most
 * PROTOCOL_BATCH). False when the body is not such a receipt; *r then holds
 * nothing. After true the caller frees *r with protocol_receipt_free, and the
 * reasons live until then. */
bool protocol_receipt_parse(const char *body, size_t len, const char *const *ids, int n,
			    struct protocol_receipt *r);
void protocol_receipt_free(struct protocol_receipt *r);

/* The receipt the central service answers an upload with: ids[accepted[i]] for
 * each accepted one, and ids[rejected[i].index] with its reason (NULL: "rejected")
 * for each refused one. Compact JSON the caller frees, or NULL when out of memory
 * or an id or reason is not UTF-8. */
char *protocol_receipt_build(const char *const *ids, const int *accepted, int naccepted,
			     const struct protocol_rejection *rejected, int nrejected);

#endif
