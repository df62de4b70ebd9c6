/* SPDX-License-Identifier: EUPL-1.2 */
/* The kiosk API's handlers. Each checks the token first, bounds what it reads,
 * asks the storage once and answers with one status. Parsed bundles are kept in
 * a small cache by publish number, since every upload is checked against the
 * bundle that holds its survey's version. */
#include "kiosk_api.h"

#include "central/results.h"
#include "common/clock.h"
#include "central/token.h"
#include "central/upload.h"
#include "common/content.h"
#include "common/log.h"
#include "common/protocol.h"
#include "common/response.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define CACHE_SIZE	16
#define STATUS_BODY_MAX (64 * 1024)

struct kiosk_api {
	const struct central_config *cfg;
	struct db *db;
	pthread_mutex_t lock; /* the caches */
	struct {
		int64_t seq;
		struct content *content;
	} cache[CACHE_SIZE];
	int next; /* the cache slot to reuse next */
	/* Each group's bundle as served: with the day's results in it. */
	struct {
		char group[128], as_of[11], etag[TOKEN_HEX + 2];
		int64_t seq;
		char *body;
	} served[CACHE_SIZE];
	int next_served;
};

struct kiosk_api *kiosk_api_create(const struct central_config *cfg, struct db *db)
{
	struct kiosk_api *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->cfg = cfg;
	a->db = db;
	pthread_mutex_init(&a->lock, NULL);
	return a;
}

void kiosk_api_destroy(struct kiosk_api *a)
{
	if (!a)
		return;
	for (int i = 0; i < CACHE_SIZE; i++) {
		content_destroy(a->cache[i].content);
		free(a->served[i].body);
	}
	pthread_mutex_destroy(&a->lock);
	free(a);
}

/* Whether the request's bearer token is kiosk id's (id NULL: any kiosk's); the
 * kiosk's group into group. If not, answers 401 or 403 and sets *rc. */
static bool authorised(struct kiosk_api *a, struct server_request *r, const char *id, char *group,
		       size_t size, int *rc)
{
	const char *auth = server_header(r, "Authorization");
	char hash[TOKEN_HEX];

	if (!auth || strncmp(auth, "Bearer ", 7) || strlen(auth + 7) > 512) {
		*rc = server_reply_error(r, 401, "a bearer token is needed");
		return false;
	}
	token_sha256_hex(auth + 7, strlen(auth + 7), hash);
	switch (db_kiosk_auth(a->db, id, hash, group, size)) {
	case DB_AUTH_OK:
		return true;
	case DB_AUTH_OTHER:
		log_warn("kiosk API: a token used for kiosk %s is another kiosk's", id);
		*rc = server_reply_error(r, 403, "this token is not this kiosk's");
		return false;
	case DB_AUTH_NONE:
		break;
	}
	*rc = server_reply_error(r, 401, "unknown or revoked token");
	return false;
}

/* body gzipped into a new buffer (*out, *out_len), or false. */
static bool gzip(const char *body, size_t len, unsigned char **out, size_t *out_len)
{
	z_stream z = { 0 };
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	size_t cap = deflateBound(&z, (uLong)len);
	*out = malloc(cap);
	z.next_in = (Bytef *)body;
	z.avail_in = (uInt)len;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	bool ok = *out && deflate(&z, Z_FINISH) == Z_STREAM_END;
	*out_len = z.total_out;
	deflateEnd(&z);
	if (!ok) {
		free(*out);
		*out = NULL;
	}
	return ok;
}

static const struct content *cached(struct kiosk_api *a, const char *group, int64_t seq);

/* The bundle b with the results of its group as of today, under a version and an
 * ETag of their own (or b as published when no result qualifies): its etag, and
 * into *body (malloc'd) its text unless body is NULL. Kept until the day or the
 * bundle changes. */
static bool with_results(struct kiosk_api *a, const char *group, const struct db_bundle *b,
			 char **body, char *etag)
{
	char today[11], version[96], hash[TOKEN_HEX];
	int k = 0;

	results_today(today);
	pthread_mutex_lock(&a->lock);
	for (; k < CACHE_SIZE; k++)
		if (a->served[k].body && a->served[k].seq == b->seq &&
		    !strcmp(a->served[k].group, group) && !strcmp(a->served[k].as_of, today))
			break;
	if (k == CACHE_SIZE) {
		const struct content *c = cached(a, group, b->seq);
		json_t *results = c ? results_compute(a->db, group, c, today, a->cfg->min_n) : NULL;
		char *text = NULL;
		/* Only results counted here go to kiosks: a published bundle's own are
		 * taken out. */
		if (results || (c && c->results.present)) {
			json_t *root = json_loads(b->body, 0, NULL);
			json_object_del(root, "results");
			if (results) {
				snprintf(version, sizeof version, "%.40s-r%.4s%.2s%.2s", b->version,
					 today, today + 5, today + 8);
				json_object_set_new(root, "version", json_string(version));
				json_object_set(root, "results", results);
			}
			text = root ? json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
			json_decref(root);
		}
		json_decref(results);
		k = a->next_served;
		a->next_served = (k + 1) % CACHE_SIZE;
		free(a->served[k].body);
		a->served[k].body = text ? text : strdup(b->body);
		if (!a->served[k].body) {
			pthread_mutex_unlock(&a->lock);
			return false;
		}
		if (text) {
			token_sha256_hex(text, strlen(text), hash);
			snprintf(a->served[k].etag, sizeof a->served[k].etag, "\"%.32s\"", hash);
		} else {
			snprintf(a->served[k].etag, sizeof a->served[k].etag, "%s", b->etag);
		}
		snprintf(a->served[k].group, sizeof a->served[k].group, "%s", group);
		snprintf(a->served[k].as_of, sizeof a->served[k].as_of, "%s", today);
		a->served[k].seq = b->seq;
	}
	if (body)
		*body = strdup(a->served[k].body);
	snprintf(etag, TOKEN_HEX + 2, "%s", a->served[k].etag);
	pthread_mutex_unlock(&a->lock);
	return !body || *body;
}

static int get_content(void *ctx, struct server_request *r)
{
	struct kiosk_api *a = ctx;
	char group[128];
	struct db_bundle b;
	int rc;

	if (!authorised(a, r, r->arg[0], group, sizeof group, &rc))
		return rc;
	enum db_result found = db_latest(a->db, group, &b);
	if (found != DB_OK)
		return server_reply_error(r, found == DB_NOT_FOUND ? 404 : 500,
					  found == DB_NOT_FOUND ? "nothing published for this group"
								: "storage failed");
	const char *inm = server_header(r, "If-None-Match");
	const char *accept = server_header(r, "Accept-Encoding");
	char tag[TOKEN_HEX + 2], *body = NULL;
	const char *const etag[] = { "ETag", tag, "Vary", "Accept-Encoding", NULL };
	const char *const zipped[] = { "ETag", tag, "Vary", "Accept-Encoding",
				       "Content-Encoding", "gzip", NULL };
	unsigned char *gz = NULL;
	size_t gz_len = 0;
	bool current = with_results(a, group, &b, NULL, tag) && inm && !strcmp(inm, tag);
	if (current)
		rc = server_reply(r, 304, NULL, "", 0, etag);
	else if (!with_results(a, group, &b, &body, tag))
		rc = server_reply_error(r, 500, "out of memory");
	else if (accept && strstr(accept, "gzip") && gzip(body, strlen(body), &gz, &gz_len))
		rc = server_reply(r, 200, "application/json", gz, gz_len, zipped);
	else
		rc = server_reply(r, 200, "application/json", body, strlen(body), etag);
	free(gz);
	free(body);
	db_bundle_free(&b);
	return rc;
}

static bool is_sha256(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static int get_asset(void *ctx, struct server_request *r)
{
	struct kiosk_api *a = ctx;
	char group[128], path[CENTRAL_PATH_MAX + 100];
	int rc;

	if (!authorised(a, r, NULL, group, sizeof group, &rc))
		return rc;
	if (!is_sha256(r->arg[0]) || !db_asset_allowed(a->db, group, r->arg[0]))
		return server_reply_error(r, 404, "no such asset for this kiosk");
	snprintf(path, sizeof path, "%s/assets/%s", a->cfg->data_dir, r->arg[0]);
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n)
		rc = server_reply(r, 200, "application/octet-stream", buf, (size_t)n, NULL);
	else
		rc = server_reply_error(r, 500, "the asset cannot be read");
	if (f)
		fclose(f);
	free(buf);
	return rc;
}

/* The parsed bundle with publish number seq, from the cache or else read and
 * parsed into it; NULL when it cannot be. The cache's lock is held. */
static const struct content *cached(struct kiosk_api *a, const char *group, int64_t seq)
{
	struct db_bundle b;

	for (int i = 0; i < CACHE_SIZE; i++)
		if (a->cache[i].content && a->cache[i].seq == seq)
			return a->cache[i].content;
	if (db_bundle_get(a->db, group, seq, &b) != DB_OK)
		return NULL;
	struct content *c = content_load_buffer(b.body, strlen(b.body), NULL);
	db_bundle_free(&b);
	if (c) {
		int slot = a->next;
		a->next = (a->next + 1) % CACHE_SIZE;
		content_destroy(a->cache[slot].content);
		a->cache[slot].seq = seq;
		a->cache[slot].content = c;
	}
	return c;
}

/* db_seq_for_survey, remembered for the last survey asked: an upload's
 * responses are mostly to one survey. The cache's lock is not held. */
static bool seq_for_survey(struct kiosk_api *a, const char *group, const char *survey_id,
			   int version, int64_t *seq)
{
	static _Thread_local struct {
		char group[128], survey[128];
		int version;
		int64_t seq, at;
	} last;
	int64_t now = (int64_t)time(NULL);

	/* A publish between two uploads may name a newer bundle: kept 1 s at most. */
	if (last.at == now && last.version == version && !strcmp(last.group, group) &&
	    !strcmp(last.survey, survey_id)) {
		*seq = last.seq;
		return true;
	}
	if (db_seq_for_survey(a->db, group, survey_id, version, seq) != DB_OK)
		return false;
	snprintf(last.group, sizeof last.group, "%s", group);
	snprintf(last.survey, sizeof last.survey, "%s", survey_id);
	last.version = version;
	last.seq = *seq;
	last.at = now;
	return true;
}

/* Checks one response document against the bundle of group that holds its
 * survey's version (parsed once, then kept in the cache); reason says why when
 * it is refused. */
static bool check_response(struct kiosk_api *a, const char *group, const char *text, size_t len,
			   const char *survey_id, int version, char *id, char *reason)
{
	int64_t seq;
	bool ok;

	if (!survey_id || !seq_for_survey(a, group, survey_id, version, &seq)) {
		/* Unknown to this group: the validator gives the reason and the id. */
		static const struct content none = { 0 };
		return response_validate(text, len, &none, id, reason, RESPONSE_REASON_MAX);
	}
	pthread_mutex_lock(&a->lock);
	const struct content *c = cached(a, group, seq);
	if (c) {
		ok = response_validate(text, len, c, id, reason, RESPONSE_REASON_MAX);
	} else {
		ok = false;
		snprintf(reason, RESPONSE_REASON_MAX, "the survey's bundle cannot be read");
	}
	pthread_mutex_unlock(&a->lock);
	return ok;
}

/* Stores the accepted responses, durably, then answers with the receipt. */
static int store_and_receipt(struct kiosk_api *a, struct server_request *r, struct upload *b)
{
	const char *ids[PROTOCOL_BATCH] = { 0 }, *docs[PROTOCOL_BATCH], *surveys[PROTOCOL_BATCH];
	int accepted[PROTOCOL_BATCH] = { 0 }, versions[PROTOCOL_BATCH], naccepted = 0,
	    nrejected = 0;
	struct protocol_rejection rejected[PROTOCOL_BATCH] = { 0 };

	for (int i = 0; i < b->n; i++) {
		ids[i] = b->id[i];
		if (!b->ok[i]) {
			rejected[nrejected++] = (struct protocol_rejection){ i, b->reason[i] };
			continue;
		}
		docs[naccepted] = b->text[i];
		surveys[naccepted] = b->survey[i];
		versions[naccepted] = b->version[i];
		accepted[naccepted++] = i;
	}
	const char *stored_ids[PROTOCOL_BATCH];
	for (int i = 0; i < naccepted; i++)
		stored_ids[i] = ids[accepted[i]];
	if (naccepted && db_store_responses(a->db, r->arg[0], (int64_t)clock_now(), stored_ids,
					    surveys, versions, docs, naccepted) != DB_OK)
		return server_reply_error(r, 503, "storage failed; nothing was stored");
	char *receipt = protocol_receipt_build(ids, accepted, naccepted, rejected, nrejected);
	if (!receipt)
		return server_reply_error(r, 500, "out of memory");
	if (nrejected)
		log_info("kiosk %s: %d responses stored, %d refused (first: %s)", r->arg[0],
			 naccepted, nrejected, rejected[0].reason);
	int rc = server_reply_json(r, 200, receipt);
	free(receipt);
	return rc;
}

static int post_responses(void *ctx, struct server_request *r)
{
	struct kiosk_api *a = ctx;
	char group[128];
	struct upload *b = malloc(sizeof *b);
	const char *why = "";
	int rc;

	if (!b)
		return server_reply_error(r, 500, "out of memory");
	if (!authorised(a, r, r->arg[0], group, sizeof group, &rc)) {
		free(b);
		return rc;
	}
	unsigned refused = upload_parse(r->body, r->len, b, &why);
	for (int i = 0; !refused && i < b->n; i++) {
		b->ok[i] = check_response(a, group, b->text[i], strlen(b->text[i]), b->survey[i],
					  b->version[i], b->id[i], b->reason[i]);
		if (!b->id[i][0]) {
			refused = 400;
			why = "a response without a UUID id";
		}
	}
	rc = refused ? server_reply_error(r, refused, why) : store_and_receipt(a, r, b);
	upload_free(b);
	free(b);
	return rc;
}

static int post_status(void *ctx, struct server_request *r)
{
	struct kiosk_api *a = ctx;
	char group[128];
	int rc;

	if (!authorised(a, r, r->arg[0], group, sizeof group, &rc))
		return rc;
	json_t *st = json_loadb(r->body, r->len, JSON_REJECT_DUPLICATES, NULL);
	char *text = json_is_object(st) ? json_dumps(st, JSON_COMPACT) : NULL;
	json_decref(st);
	if (!text)
		return server_reply_error(r, 400, "the status is not a JSON object");
	enum db_result stored = db_status_put(a->db, r->arg[0], (int64_t)clock_now(), text);
	free(text);
	return stored == DB_OK ? server_reply_json(r, 200, "{}")
			       : server_reply_error(r, 500, "storage failed");
}

const struct server_route kiosk_api_routes[] = {
	{ "GET", "/kiosks/{}/content", get_content, 0 },
	{ "POST", "/kiosks/{}/responses", post_responses, PROTOCOL_BODY_MAX },
	{ "POST", "/kiosks/{}/status", post_status, STATUS_BODY_MAX },
	{ "GET", "/assets/{}", get_asset, 0 },
};
const int kiosk_api_nroutes = sizeof kiosk_api_routes / sizeof kiosk_api_routes[0];
