/* SPDX-License-Identifier: EUPL-1.2 */
/* An upload of responses as a kiosk posts it: {"responses": [up to 100
 * objects]}. Parsing takes each document apart from the others, so that each
 * is checked and stored, or refused with a reason, on its own. */
#ifndef CENTRAL_UPLOAD_H
#define CENTRAL_UPLOAD_H

#include "common/protocol.h"
#include "common/response.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct upload {
	int n;
	char *text[PROTOCOL_BATCH];	  /* each document, compact JSON */
	char id[PROTOCOL_BATCH][RESPONSE_ID_LEN + 1];
	const char *survey[PROTOCOL_BATCH]; /* its survey_id, or NULL */
	int version[PROTOCOL_BATCH];	  /* its survey_version, or -1 */
	char reason[PROTOCOL_BATCH][RESPONSE_REASON_MAX];
	bool ok[PROTOCOL_BATCH];
	json_t *root;
};

/* Parses body (len bytes) into u: 0 when it is an upload, else the HTTP status
 * to refuse it with (400, 413, 500) and *why says why. upload_free u either
 * way. */
unsigned upload_parse(const char *body, size_t len, struct upload *u, const char **why);
void upload_free(struct upload *u);

#endif
