/* SPDX-License-Identifier: EUPL-1.2 */
/* Paths, heartbeat keys and the upload receipt of the central service protocol.
 * The receipt parser trusts nothing in the body: it only ever names ids of the
 * batch it was given, so a confused or hostile answer cannot mark other rows. */
#include "protocol.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const endpoints[] = {
	[PROTOCOL_CONTENT] = "content",
	[PROTOCOL_RESPONSES] = "responses",
	[PROTOCOL_STATUS] = "status",
};

const char *const protocol_status_fields[PROTOCOL_STATUS_NFIELDS] = {
	[PROTOCOL_STATUS_SOFTWARE_VERSION] = "software_version",
	[PROTOCOL_STATUS_CONTENT_VERSION] = "content_version",
	[PROTOCOL_STATUS_UPTIME_S] = "uptime_s",
	[PROTOCOL_STATUS_PENDING] = "pending",
	[PROTOCOL_STATUS_REJECTED] = "rejected",
	[PROTOCOL_STATUS_OLDEST_PENDING] = "oldest_pending",
	[PROTOCOL_STATUS_LAST_UPLOAD] = "last_upload",
	[PROTOCOL_STATUS_LAST_ERROR] = "last_error",
	[PROTOCOL_STATUS_DISK_FREE_BYTES] = "disk_free_bytes",
	[PROTOCOL_STATUS_CLOCK_SYNCED] = "clock_synced",
};

bool protocol_path(enum protocol_endpoint e, const char *kiosk_id, char *out, size_t size)
{
	int n = snprintf(out, size, "/kiosks/%s/%s", kiosk_id, endpoints[e]);
	return n > 0 && (size_t)n < size;
}

static int batch_index(const char *const *ids, int n, const char *id, int from)
{
	for (int k = from; id && k < n; k++)
		if (!strcmp(ids[k], id))
			return k;
	return -1;
}

bool protocol_receipt_parse(const char *body, size_t len, const char *const *ids, int n,
			    struct protocol_receipt *r)
{
	json_t *root = json_loadb(body, len, 0, NULL);
	json_t *accepted = json_object_get(root, "accepted");
	json_t *refused = json_object_get(root, "rejected");
	size_t i;
	json_t *v;

	memset(r, 0, sizeof *r);
	if (!json_is_array(accepted) || (refused && !json_is_array(refused)) ||
	    n > PROTOCOL_BATCH) {
		json_decref(root);
		return false;
	}
	if (json_array_size(refused) > 0) {
		r->rejected = calloc(json_array_size(refused), sizeof *r->rejected);
		if (!r->rejected) {
			json_decref(root);
			return false;
		}
	}
	r->json = root;
	json_array_foreach(accepted, i, v)
	{
		for (int k = batch_index(ids, n, json_string_value(v), 0);
		     k >= 0 && r->naccepted < PROTOCOL_BATCH;
		     k = batch_index(ids, n, json_string_value(v), k + 1))
			r->accepted[r->naccepted++] = k;
	}
	json_array_foreach(refused, i, v)
	{
		const char *id = json_string_value(json_object_get(v, "id"));
		const char *why = json_string_value(json_object_get(v, "reason"));
		for (int k = batch_index(ids, n, id, 0);
		     k >= 0 && (size_t)r->nrejected < json_array_size(refused);
		     k = batch_index(ids, n, id, k + 1)) {
			r->rejected[r->nrejected].index = k;
			r->rejected[r->nrejected++].reason = why ? why : "rejected";
		}
	}
	return true;
}

void protocol_receipt_free(struct protocol_receipt *r)
{
	json_decref(r->json);
	free(r->rejected);
	memset(r, 0, sizeof *r);
}

char *protocol_receipt_build(const char *const *ids, const int *accepted, int naccepted,
			     const struct protocol_rejection *rejected, int nrejected)
{
	json_t *acc = json_array(), *rej = json_array();
	json_t *root = json_pack("{s:o, s:o}", "accepted", acc, "rejected", rej);
	bool ok = root != NULL;

	for (int i = 0; ok && i < naccepted; i++)
		ok = json_array_append_new(acc, json_string(ids[accepted[i]])) == 0;
	for (int i = 0; ok && i < nrejected; i++) {
		const char *why = rejected[i].reason ? rejected[i].reason : "rejected";
		json_t *item = json_pack("{s:s, s:s}", "id", ids[rejected[i].index], "reason", why);
		ok = json_array_append_new(rej, item) == 0;
	}
	char *text = ok ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	return text;
}
