/* SPDX-License-Identifier: EUPL-1.2 */
/* Load generator for kiosk-central's kiosk API (tests/bench/central.sh runs it):
 * closed-loop request rates per kind on a few keep-alive connections, an open-loop
 * fleet of N simulated kiosks, and a plain SQLite insert of the same answers as the
 * floor that uploads are compared with. Prints one "central ..." line per figure. */
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MAX_KIOSKS 4096
#define BATCH 100
/* One answer as kiosk-sync sends it: the demo survey of config/content.json. */
#define DOC_FMT "{\"id\":\"%s\",\"survey_id\":\"trygghet-2026\",\"survey_version\":1," \
	"\"content_version\":\"2026-11-20.1\",\"language\":\"sv\"," \
	"\"submitted_hour\":\"2026-11-24T14:00Z\",\"clock_synced\":true,\"status\":\"complete\"," \
	"\"duration_s\":40,\"answers\":[{\"q\":\"safety-evening\",\"option\":\"fairly_safe\"}," \
	"{\"q\":\"age\",\"skipped\":true}],\"flags\":[]}"
#define DOC_MAX 512
#define STATUS_BODY "{\"software_version\":\"bench\",\"content_version\":\"2026-11-20.1\"," \
	"\"uptime_s\":3600,\"pending\":0,\"rejected\":0,\"oldest_pending\":null," \
	"\"last_upload\":null,\"last_error\":null,\"disk_free_bytes\":1000000000," \
	"\"clock_synced\":true}"

/* Real intervals of a kiosk (sync, status) and, pessimistically, a full batch of
 * 100 answers every hour; a fleet request is one of these three in their ratio. */
#define SYNC_S 60
#define STATUS_S 300
#define UPLOAD_S 3600
#define PER_HOUR (3600 / SYNC_S + 3600 / STATUS_S + 3600 / UPLOAD_S) /* 73 */

enum kind { KIND_304, KIND_CONTENT200, KIND_STATUS, KIND_UPLOAD100, KIND_N };
static const char *const kind_names[KIND_N] = { "304", "content200", "status", "upload100" };

struct kiosk {
	char id[64];
	char auth[160]; /* the whole Authorization header */
};

struct target {
	const char *base;
	const char *cacert;
	struct kiosk kiosks[MAX_KIOSKS];
	int nkiosks;
	char inm[200]; /* If-None-Match header with the current ETag */
};

struct samples {
	double *ms;
	size_t n, cap;
};

struct buf {
	char *data;
	size_t len, cap;
};

/* What one thread did; summed by the main thread after the join. */
struct worker {
	pthread_t thread;
	int index;
	struct target *t;
	enum kind kind;
	struct samples lat;
	struct samples polls;	 /* fleet: content polls and heartbeats */
	struct samples uploads; /* fleet: batches of answers */
	long errors;
	long accepted; /* answers the receipts accepted */
	uint64_t rng;
};

static struct target target;
static double deadline;
static int nthreads;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this process, so a figure limited by the load generator shows. */
static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void sleep_until(double t)
{
	double d = t - now_s();
	if (d <= 0)
		return;
	struct timespec ts = { (time_t)d, (long)((d - (double)(time_t)d) * 1e9) };
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void samples_add(struct samples *s, double ms)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		double *p = realloc(s->ms, cap * sizeof *p);
		if (!p)
			return;
		s->ms = p;
		s->cap = cap;
	}
	s->ms[s->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The q-quantile of s, which it sorts; 0 when empty. */
static double quantile(struct samples *s, double q)
{
	if (!s->n)
		return 0;
	qsort(s->ms, s->n, sizeof *s->ms, cmp_double);
	size_t i = (size_t)(q * (double)(s->n - 1) + 0.5);
	return s->ms[i];
}

/* splitmix64: each thread its own stream, so UUIDs need no lock. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rng_seed(int index)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
		     ((uint64_t)getpid() << 16) ^ (uint64_t)index * 0x2545f4914f6cdd1dULL;
	rng_next(&s);
	return s;
}

/* A lowercase version-4 UUID, as response_validate wants. */
static void uuid(uint64_t *rng, char out[37])
{
	uint64_t a = rng_next(rng), b = rng_next(rng);
	snprintf(out, 37, "%08x-%04x-4%03x-a%03x-%012llx", (unsigned)(a >> 32),
		 (unsigned)(a >> 16) & 0xffff, (unsigned)a & 0xfff, (unsigned)(b >> 48) & 0xfff,
		 (unsigned long long)(b & 0xffffffffffffULL));
}

static void doc(uint64_t *rng, char out[DOC_MAX])
{
	char id[37];
	uuid(rng, id);
	snprintf(out, DOC_MAX, DOC_FMT, id);
}

/* {"responses":[...]} with BATCH fresh answers, into b (reused between calls). */
static void upload_body(uint64_t *rng, struct buf *b)
{
	if (!b->data) {
		b->cap = BATCH * DOC_MAX + 64;
		b->data = malloc(b->cap);
		if (!b->data) {
			perror("central_load");
			exit(1);
		}
	}
	b->len = (size_t)sprintf(b->data, "{\"responses\":[");
	for (int i = 0; i < BATCH; i++) {
		char d[DOC_MAX];
		doc(rng, d);
		b->len += (size_t)sprintf(b->data + b->len, "%s%s", i ? "," : "", d);
	}
	b->len += (size_t)sprintf(b->data + b->len, "]}");
}

static size_t collect(char *p, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;
	size_t len = size * n;
	if (b->len + len + 1 > b->cap) {
		size_t cap = (b->len + len + 1) * 2;
		char *q = realloc(b->data, cap);
		if (!q)
			return 0;
		b->data = q;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return len;
}

static CURL *handle(const struct target *t, bool fresh)
{
	CURL *c = curl_easy_init();
	if (!c)
		return NULL;
	curl_easy_setopt(c, CURLOPT_CAINFO, t->cacert);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	/* A kiosk's connection never outlives a sync interval (the server closes idle
	 * ones after 30 s), so a fleet request pays for a full handshake. */
	if (fresh) {
		curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
		curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
		curl_easy_setopt(c, CURLOPT_SSL_SESSIONID_CACHE, 0L);
	}
	return c;
}

static long receipt_accepted(const struct buf *b)
{
	json_t *r = json_loadb(b->data ? b->data : "", b->len, 0, NULL);
	long n = (long)json_array_size(json_object_get(r, "accepted"));
	json_decref(r);
	return n;
}

/* One request of kind k as kiosk i; true when the answer was the expected one. */
static bool request(CURL *c, struct worker *w, enum kind k, int i, struct buf *body)
{
	const struct kiosk *ks = &w->t->kiosks[i];
	char url[512];
	const char *path = k == KIND_STATUS ? "status" : k == KIND_UPLOAD100 ? "responses"
									: "content";
	snprintf(url, sizeof url, "%s/kiosks/%s/%s", w->t->base, ks->id, path);
	struct curl_slist *h = curl_slist_append(NULL, ks->auth);
	if (k == KIND_304)
		h = curl_slist_append(h, w->t->inm);
	if (k == KIND_STATUS || k == KIND_UPLOAD100)
		h = curl_slist_append(h, "Content-Type: application/json");
	struct buf in = { 0 };
	if (k == KIND_UPLOAD100)
		upload_body(&w->rng, body);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &in);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
	if (k == KIND_STATUS) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, STATUS_BODY);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(STATUS_BODY));
	} else if (k == KIND_UPLOAD100) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body->len);
	} else {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	long code = 0;
	bool ok = curl_easy_perform(c) == CURLE_OK &&
		  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK &&
		  code == (k == KIND_304 ? 304 : 200);
	if (ok && k == KIND_UPLOAD100)
		w->accepted += receipt_accepted(&in);
	curl_slist_free_all(h);
	free(in.data);
	return ok;
}

/* Closed loop: one keep-alive connection, requests back to back till the deadline,
 * each thread cycling through its own share of the kiosks. */
static void *rate_worker(void *arg)
{
	struct worker *w = arg;
	CURL *c = handle(w->t, false);
	struct buf body = { 0 };
	int i = w->index % w->t->nkiosks;
	while (c && now_s() < deadline) {
		double t0 = now_s();
		if (request(c, w, w->kind, i, &body))
			samples_add(&w->lat, (now_s() - t0) * 1e3);
		else
			w->errors++;
		i = (i + nthreads) % w->t->nkiosks;
	}
	curl_easy_cleanup(c);
	free(body.data);
	return NULL;
}

/* Open loop: event k is due at start + k / rate, whoever takes it, and its latency
 * counts from then, so a server that falls behind is charged for the queue too. */
static atomic_long next_event;
static double fleet_start, fleet_rate;

static enum kind fleet_kind(long k)
{
	long r = k % PER_HOUR;
	if (r == 0)
		return KIND_UPLOAD100;
	return r <= 3600 / STATUS_S ? KIND_STATUS : KIND_304;
}

static void *fleet_worker(void *arg)
{
	struct worker *w = arg;
	struct buf body = { 0 };
	for (;;) {
		long k = atomic_fetch_add(&next_event, 1);
		double due = fleet_start + (double)k / fleet_rate;
		if (due > deadline)
			break;
		sleep_until(due);
		/* Past the grace period the backlog is not sent, only charged. */
		if (now_s() > deadline + 2) {
			samples_add(&w->lat, (now_s() - due) * 1e3);
			w->errors++;
			continue;
		}
		CURL *c = handle(w->t, true);
		enum kind kind = fleet_kind(k);
		if (c && request(c, w, kind, (int)(k % w->t->nkiosks), &body)) {
			double ms = (now_s() - due) * 1e3;
			samples_add(&w->lat, ms);
			samples_add(kind == KIND_UPLOAD100 ? &w->uploads : &w->polls, ms);
		} else {
			w->errors++;
		}
		curl_easy_cleanup(c);
	}
	free(body.data);
	return NULL;
}

/* "ID TOKEN" per line, as central.sh writes them. */
static bool load_kiosks(struct target *t, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "central_load: cannot open %s\n", path);
		return false;
	}
	char id[64], token[96];
	while (t->nkiosks < MAX_KIOSKS && fscanf(f, "%63s %95s", id, token) == 2) {
		struct kiosk *k = &t->kiosks[t->nkiosks++];
		snprintf(k->id, sizeof k->id, "%s", id);
		snprintf(k->auth, sizeof k->auth, "Authorization: Bearer %s", token);
	}
	fclose(f);
	if (!t->nkiosks)
		fprintf(stderr, "central_load: no kiosks in %s\n", path);
	return t->nkiosks > 0;
}

static size_t header_etag(char *p, size_t size, size_t n, void *ctx)
{
	size_t len = size * n;
	if (len > 5 && !strncasecmp(p, "ETag:", 5)) {
		char *v = p + 5;
		while (*v == ' ')
			v++;
		int vlen = (int)(len - (size_t)(v - p));
		while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n'))
			vlen--;
		snprintf(ctx, 200, "If-None-Match: %.*s", vlen, v);
	}
	return len;
}

/* The ETag of the current bundle, from one plain GET, so 304s can be asked for. */
static bool learn_etag(struct target *t)
{
	CURL *c = handle(t, false);
	char url[512];
	snprintf(url, sizeof url, "%s/kiosks/%s/content", t->base, t->kiosks[0].id);
	struct curl_slist *h = curl_slist_append(NULL, t->kiosks[0].auth);
	struct buf in = { 0 };
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &in);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_etag);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t->inm);
	long code = 0;
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(in.data);
	if (rc != CURLE_OK || code != 200 || !t->inm[0]) {
		fprintf(stderr, "central_load: GET %s: %s, HTTP %ld, %s\n", url,
			curl_easy_strerror(rc), code, t->inm[0] ? "with an ETag" : "no ETag");
		return false;
	}
	return true;
}

static void samples_merge(struct samples *into, struct samples *from)
{
	for (size_t j = 0; j < from->n; j++)
		samples_add(into, from->ms[j]);
	free(from->ms);
}

/* Runs n workers of fn, then merges their figures into *all. */
static void run_workers(struct worker *ws, int n, void *(*fn)(void *), struct worker *all)
{
	for (int i = 0; i < n; i++) {
		ws[i].index = i;
		ws[i].t = &target;
		ws[i].rng = rng_seed(i);
		pthread_create(&ws[i].thread, NULL, fn, &ws[i]);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(ws[i].thread, NULL);
		samples_merge(&all->lat, &ws[i].lat);
		samples_merge(&all->polls, &ws[i].polls);
		samples_merge(&all->uploads, &ws[i].uploads);
		all->errors += ws[i].errors;
		all->accepted += ws[i].accepted;
	}
}

static int find_kind(const char *name)
{
	for (int k = 0; k < KIND_N; k++)
		if (!strcmp(name, kind_names[k]))
			return k;
	return -1;
}

/* rate BASE CACERT TOKENS KIND SECONDS [CONNS [LABEL]] */
static int cmd_rate(int argc, char **argv)
{
	int kind = find_kind(argv[5]);
	double secs = atof(argv[6]);
	nthreads = argc > 7 ? atoi(argv[7]) : 4;
	const char *label = argc > 8 ? argv[8] : "central";
	target.base = argv[2];
	target.cacert = argv[3];
	if (kind < 0 || secs <= 0 || nthreads < 1 || nthreads > 64) {
		fprintf(stderr, "central_load: bad kind, seconds or connections\n");
		return 2;
	}
	if (!load_kiosks(&target, argv[4]) || !learn_etag(&target))
		return 1;
	struct worker ws[64] = { 0 }, all = { 0 };
	for (int i = 0; i < nthreads; i++)
		ws[i].kind = (enum kind)kind;
	double t0 = now_s();
	deadline = t0 + secs;
	run_workers(ws, nthreads, rate_worker, &all);
	double elapsed = now_s() - t0;
	double rps = (double)all.lat.n / elapsed;
	printf("central rate server=%s kind=%s conns=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f "
	       "requests=%zu errors=%ld load_cpu_pct=%.0f", label, kind_names[kind], nthreads, rps,
	       quantile(&all.lat, 0.5), quantile(&all.lat, 0.99), all.lat.n, all.errors,
	       100 * cpu_s() / elapsed);
	if (kind == KIND_UPLOAD100)
		printf(" accepted=%ld rows_per_s=%.0f", all.accepted, (double)all.accepted / elapsed);
	printf("\n");
	free(all.lat.ms);
	return all.lat.n && all.errors == 0 ? 0 : 1;
}

/* fleet BASE CACERT TOKENS N SECONDS [WORKERS] */
static int cmd_fleet(int argc, char **argv)
{
	long n = atol(argv[5]);
	double secs = atof(argv[6]);
	nthreads = argc > 7 ? atoi(argv[7]) : 32;
	target.base = argv[2];
	target.cacert = argv[3];
	if (n < 1 || secs <= 0 || nthreads < 1 || nthreads > 64) {
		fprintf(stderr, "central_load: bad kiosks, seconds or workers\n");
		return 2;
	}
	if (!load_kiosks(&target, argv[4]) || !learn_etag(&target))
		return 1;
	struct worker ws[64] = { 0 }, all = { 0 };
	fleet_rate = (double)n * PER_HOUR / 3600.0;
	fleet_start = now_s() + 0.1;
	deadline = fleet_start + secs;
	run_workers(ws, nthreads, fleet_worker, &all);
	double wall = now_s() - fleet_start;
	/* Polls and heartbeats apart: a batch of 100 answers alone takes tens of ms, and
	 * at 1 in 73 requests the uploads would be the overall p99 at any load. */
	printf("central fleet kiosks=%ld rps=%.1f seconds=%.0f requests=%zu p50_ms=%.2f "
	       "p99_ms=%.2f poll_p50_ms=%.2f poll_p99_ms=%.2f uploads=%zu upload_p50_ms=%.2f "
	       "upload_max_ms=%.2f accepted=%ld errors=%ld load_cpu_pct=%.0f\n", n, fleet_rate,
	       secs, all.lat.n,
	       quantile(&all.lat, 0.5), quantile(&all.lat, 0.99), quantile(&all.polls, 0.5),
	       quantile(&all.polls, 0.99), all.uploads.n, quantile(&all.uploads, 0.5),
	       quantile(&all.uploads, 1), all.accepted, all.errors, 100 * cpu_s() / wall);
	free(all.lat.ms);
	free(all.polls.ms);
	free(all.uploads.ms);
	return 0;
}

static bool sql(sqlite3 *db, const char *s)
{
	char *err = NULL;
	if (sqlite3_exec(db, s, NULL, NULL, &err) == SQLITE_OK)
		return true;
	fprintf(stderr, "central_load: %s: %s\n", s, err);
	sqlite3_free(err);
	return false;
}

/* The same table and index as central/db.c, the same pragmas. */
static sqlite3 *floor_open(const char *dir)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/floor.db", dir);
	unlink(path);
	sqlite3 *db = NULL;
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    !sql(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		     "CREATE TABLE responses(n INTEGER PRIMARY KEY AUTOINCREMENT,"
		     " id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, survey_id TEXT NOT NULL,"
		     " survey_version INTEGER NOT NULL, received_at INTEGER NOT NULL,"
		     " document TEXT NOT NULL);"
		     "CREATE INDEX responses_survey ON responses(survey_id, n);")) {
		fprintf(stderr, "central_load: cannot make %s\n", path);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* One transaction of BATCH rows, the way one upload is stored. */
static bool floor_batch(sqlite3 *db, sqlite3_stmt *ins, uint64_t *rng)
{
	if (!sql(db, "BEGIN"))
		return false;
	for (int i = 0; i < BATCH; i++) {
		char id[37], d[DOC_MAX];
		uuid(rng, id);
		snprintf(d, sizeof d, DOC_FMT, id);
		sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, "k1", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, "trygghet-2026", -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 4, 1);
		sqlite3_bind_int64(ins, 5, (sqlite3_int64)time(NULL));
		sqlite3_bind_text(ins, 6, d, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			sqlite3_reset(ins);
			sql(db, "ROLLBACK");
			return false;
		}
		sqlite3_reset(ins);
	}
	return sql(db, "COMMIT");
}

/* insert DIR ROWS */
static int cmd_insert(char **argv)
{
	long rows = atol(argv[3]);
	sqlite3 *db = floor_open(argv[2]);
	sqlite3_stmt *ins = NULL;
	if (!db || rows < BATCH ||
	    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO responses(id, kiosk_id, survey_id,"
				   " survey_version, received_at, document) VALUES(?,?,?,?,?,?)",
				   -1, &ins, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return 1;
	}
	uint64_t rng = rng_seed(0);
	long done = 0;
	double t0 = now_s();
	while (done + BATCH <= rows && floor_batch(db, ins, &rng))
		done += BATCH;
	double elapsed = now_s() - t0;
	printf("central insert rows=%ld batch=%d rows_per_s=%.0f commits_per_s=%.1f\n", done, BATCH,
	       (double)done / elapsed, (double)done / BATCH / elapsed);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	return done == rows - rows % BATCH ? 0 : 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: central_load rate BASE CACERT TOKENS KIND SECONDS [CONNS [LABEL]]\n"
			"       central_load fleet BASE CACERT TOKENS N SECONDS [WORKERS]\n"
			"       central_load insert DIR ROWS\n"
			"KIND: 304 content200 status upload100; TOKENS: lines of \"ID TOKEN\"\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "insert"))
		return cmd_insert(argv);
	if (argc < 7 || (strcmp(argv[1], "rate") && strcmp(argv[1], "fleet")))
		return usage();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = !strcmp(argv[1], "rate") ? cmd_rate(argc, argv) : cmd_fleet(argc, argv);
	curl_global_cleanup();
	return rc;
}
