/* SPDX-License-Identifier: EUPL-1.2 */
/* The central service client. Every request goes through http(), which sets the
 * timeouts, TLS verification, client certificate, proxy, bearer token, gzip and
 * User-Agent once. Nothing is marked uploaded, and no content is swapped in, unless
 * the server's answer is exactly what the protocol promises; anything else (an
 * error status, a captive portal's HTML, a cut-off body) changes nothing. */
#include "sync.h"
#include "common/content.h"
#include "common/datadir.h"
#include "common/protocol.h"
#include "common/log.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <strings.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif

#define BATCH	      PROTOCOL_BATCH
#define BODY_MAX      (2 * 1024 * 1024)
#define KEEP_VERSIONS 3

struct sync {
	const struct config *cfg;
	struct store *store;
	CURL *curl;
	char token[512];
	char etag[128];
	char last_error[256];
	long retry_after;
	time_t started, last_upload;
	void (*on_request)(void);
};

struct reply {
	long status;
	char *body;
	size_t len;
	bool too_big;
	char etag[128];
	char type[128];
};

const char *sync_strerror(enum sync_result r)
{
	static const char *const names[] = {
		[SYNC_OK] = "ok",
		[SYNC_RETRY] = "the central service could not be reached or failed",
		[SYNC_CONFIG] = "the central service refused this kiosk: check the token and id",
		[SYNC_BAD] = "the central service sent something unusable",
		[SYNC_LOCAL] = "the disk or the database failed",
	};
	return names[r];
}

static enum sync_result failed(struct sync *s, enum sync_result r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum sync_result failed(struct sync *s, enum sync_result r, const char *fmt, ...)
{
	va_list ap;
	char when[32];

	va_start(ap, fmt);
	vsnprintf(s->last_error, sizeof s->last_error, fmt, ap);
	va_end(ap);
	log_warn("%s", s->last_error);
	/* For the staff panel: what failed last, and when. */
	snprintf(when, sizeof when, "%lld", (long long)time(NULL));
	store_set_status(s->store, STORE_STATUS_LAST_ERROR, s->last_error);
	store_set_status(s->store, STORE_STATUS_LAST_ERROR_AT, when);
	return r;
}

static bool read_token(struct sync *s)
{
	const char *path = s->cfg->token_file;
	struct stat st;
	FILE *f = fopen(path, "r");

	if (!f) {
		log_error("cannot read the token %s: %s", path, strerror(errno));
		return false;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 0077))
		log_warn("the token %s can be read by others (mode %03o): chmod 600 it", path,
			 (unsigned)(st.st_mode & 0777));
	size_t n = fread(s->token, 1, sizeof s->token - 1, f);
	fclose(f);
	s->token[n] = '\0';
	while (n > 0 &&
	       (s->token[n - 1] == '\n' || s->token[n - 1] == '\r' || s->token[n - 1] == ' '))
		s->token[--n] = '\0';
	if (n == 0) {
		log_error("the token %s is empty", path);
		return false;
	}
	return true;
}

/* The ETag of the current bundle lives beside it, so a restart asks for changes
 * only. */
static void etag_path(const struct sync *s, char *path, size_t size)
{
	datadir_content(s->cfg->data_dir, DATADIR_ETAG, path, size);
}

static void load_etag(struct sync *s)
{
	char path[CONFIG_PATH_MAX + 32];
	etag_path(s, path, sizeof path);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(s->etag, sizeof s->etag, f))
		s->etag[0] = '\0';
	s->etag[strcspn(s->etag, "\r\n")] = '\0';
	fclose(f);
}

struct sync *sync_create(const struct config *cfg, struct store *store)
{
	struct sync *s;

	if (!cfg->url[0]) {
		log_error("no [central] url in the config: nothing to sync with");
		return NULL;
	}
	if (!(s = calloc(1, sizeof *s)))
		return NULL;
	s->cfg = cfg;
	s->store = store;
	s->started = time(NULL);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	s->curl = curl_easy_init();
	if (!s->curl) {
		log_error("cannot start libcurl");
		free(s);
		return NULL;
	}
	read_token(s);
	load_etag(s);
	return s;
}

void sync_destroy(struct sync *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->curl);
	curl_global_cleanup();
	free(s);
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
	struct reply *r = user;
	size_t len = size * n;

	if (r->len + len > BODY_MAX) {
		r->too_big = true;
		return 0;
	}
	char *grown = realloc(r->body, r->len + len + 1);
	if (!grown)
		return 0;
	r->body = grown;
	memcpy(r->body + r->len, data, len);
	r->len += len;
	r->body[r->len] = '\0';
	return len;
}

static size_t on_header(char *data, size_t size, size_t n, void *user)
{
	struct reply *r = user;
	size_t len = size * n;
	char line[256];

	if (len >= sizeof line)
		return len;
	memcpy(line, data, len);
	line[len] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (!strncasecmp(line, "etag:", 5))
		snprintf(r->etag, sizeof r->etag, "%s", line + 5 + strspn(line + 5, " "));
	else if (!strncasecmp(line, "content-type:", 13))
		snprintf(r->type, sizeof r->type, "%s", line + 13 + strspn(line + 13, " "));
	return len;
}

/* One request to {url}{path}. Returns SYNC_OK when an answer arrived (any status;
 * see r->status); SYNC_RETRY when none did. The caller frees r->body. */
static enum sync_result http(struct sync *s, const char *method, const char *path, const char *body,
			     const char *if_none_match, struct reply *r)
{
	char url[CONFIG_PATH_MAX + 256], auth[600], ua[160], inm[200];
	struct curl_slist *headers = NULL;
	CURL *c = s->curl;

	memset(r, 0, sizeof *r);
	if (s->on_request)
		s->on_request();
	/* Paths are relative to the base URL; assets may also name a URL of their own. */
	if (!strncmp(path, "https://", 8))
		snprintf(url, sizeof url, "%s", path);
	else
		snprintf(url, sizeof url, "%s%s%s", s->cfg->url, path[0] == '/' ? "" : "/", path);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", s->token);
	snprintf(ua, sizeof ua, "kiosk-sync/%s (%s)", KIOSK_VERSION, s->cfg->id);
	headers = curl_slist_append(headers, auth);
	if (body)
		headers = curl_slist_append(headers, "Content-Type: application/json");
	if (if_none_match && *if_none_match) {
		snprintf(inm, sizeof inm, "If-None-Match: %s", if_none_match);
		headers = curl_slist_append(headers, inm);
	}
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_USERAGENT, ua);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* A stalled server never hangs the loop. */
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 64L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 15L);
	/* TLS is always verified; a CA file or client certificate only adds to it. */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	if (s->cfg->ca_file[0])
		curl_easy_setopt(c, CURLOPT_CAINFO, s->cfg->ca_file);
	if (s->cfg->client_cert[0])
		curl_easy_setopt(c, CURLOPT_SSLCERT, s->cfg->client_cert);
	if (s->cfg->client_key[0])
		curl_easy_setopt(c, CURLOPT_SSLKEY, s->cfg->client_key);
	if (s->cfg->proxy[0])
		curl_easy_setopt(c, CURLOPT_PROXY, s->cfg->proxy);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	if (!strcmp(method, "POST")) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)(body ? strlen(body) : 0));
	}
	char detail[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(headers);
	curl_off_t wait = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &wait);
	s->retry_after = (long)wait;
	if (rc != CURLE_OK) {
		free(r->body);
		r->body = NULL;
		/* curl's own words name the cause (a TLS alert, a certificate) where
		 * its code alone says only "failure when receiving data". */
		return failed(s, SYNC_RETRY, "%s %s: %s%s%s%s", method, path,
			      r->too_big ? "answer too large" : curl_easy_strerror(rc),
			      detail[0] && !r->too_big ? " (" : "", r->too_big ? "" : detail,
			      detail[0] && !r->too_big ? ")" : "");
	}
	return SYNC_OK;
}

/* The result of an answer that is not the one expected. */
static enum sync_result bad_status(struct sync *s, const char *what, const struct reply *r)
{
	if (r->status == 401 || r->status == 403)
		return failed(s, SYNC_CONFIG, "%s: refused (%ld): check token_file and id", what,
			      r->status);
	return failed(s, SYNC_RETRY, "%s: the server answered %ld", what, r->status);
}

static bool is_json(const struct reply *r)
{
	return !strncasecmp(r->type, "application/json", 16);
}

/* The upload's body: the stored documents are JSON already, so the batch is their
 * list. The caller frees it; NULL when out of memory. */
static char *batch_body(const struct store_row *rows, int n)
{
	size_t size = 32;
	for (int i = 0; i < n; i++)
		size += strlen(rows[i].document) + 1;
	char *body = malloc(size);
	if (!body)
		return NULL;
	size_t len = (size_t)sprintf(body, "{\"responses\":[");
	for (int i = 0; i < n; i++)
		len += (size_t)sprintf(body + len, "%s%s", i ? "," : "", rows[i].document);
	sprintf(body + len, "]}");
	return body;
}

/* Marks what the receipt accepted and rejected; *rejected counts the latter. */
static enum sync_result mark(struct sync *s, const char *const *batch,
			     const struct protocol_receipt *receipt, int *rejected)
{
	const char *ids[BATCH];
	enum sync_result result = SYNC_OK;

	for (int k = 0; k < receipt->naccepted; k++)
		ids[k] = batch[receipt->accepted[k]];
	if (store_mark_uploaded(s->store, ids, receipt->naccepted, time(NULL)) != STORE_OK)
		result = failed(s, SYNC_LOCAL, "cannot mark uploaded responses");
	for (int k = 0; k < receipt->nrejected; k++)
		if (store_mark_rejected(s->store, batch[receipt->rejected[k].index],
					receipt->rejected[k].reason) == STORE_OK)
			(*rejected)++;
	return result;
}

enum sync_result sync_upload(struct sync *s, int *uploaded, int *rejected)
{
	struct store_row rows[BATCH];
	char path[256];
	int up = 0, rej = 0;
	enum sync_result result = SYNC_OK;

	protocol_path(PROTOCOL_RESPONSES, s->cfg->id, path, sizeof path);
	for (;;) {
		int n = store_pending(s->store, rows, BATCH);
		if (n < 0) {
			result = failed(s, SYNC_LOCAL, "cannot read pending responses");
			break;
		}
		if (n == 0)
			break;
		char *body = batch_body(rows, n);
		if (!body) {
			store_rows_free(rows, n);
			result = failed(s, SYNC_LOCAL, "out of memory");
			break;
		}

		struct reply r;
		result = http(s, "POST", path, body, NULL, &r);
		free(body);
		if (result == SYNC_OK && r.status != 200)
			result = bad_status(s, "upload", &r);
		/* Only ids of this batch count: a receipt cannot mark anything else. */
		const char *batch[BATCH];
		struct protocol_receipt receipt;
		for (int k = 0; k < n; k++)
			batch[k] = rows[k].id;
		if (result == SYNC_OK &&
		    !(is_json(&r) &&
		      protocol_receipt_parse(r.body ? r.body : "", r.len, batch, n, &receipt)))
			result = failed(s, SYNC_RETRY,
					"upload: the answer is not a receipt (%s); nothing marked",
					r.type[0] ? r.type : "no content type");
		free(r.body);
		if (result != SYNC_OK) {
			store_rows_free(rows, n);
			break;
		}
		int nids = receipt.naccepted, nrej = 0;
		result = mark(s, batch, &receipt, &nrej);
		up += nids;
		rej += nrej;
		protocol_receipt_free(&receipt);
		store_rows_free(rows, n);
		if (nids > 0)
			s->last_upload = time(NULL);
		/* A batch the server neither took nor refused waits for the next round. */
		if (result != SYNC_OK || n < BATCH || nids + nrej == 0)
			break;
	}
	if (result == SYNC_OK) {
		time_t cutoff = time(NULL) - (time_t)s->cfg->retention_days * 86400;
		int purged = store_purge_uploaded(s->store, cutoff);
		if (purged > 0)
			log_info("deleted %d answers uploaded more than %d days ago", purged,
				 s->cfg->retention_days);
	}
	if (uploaded)
		*uploaded = up;
	if (rejected)
		*rejected = rej;
	return result;
}

/* Writes data to path through a temporary file, fsynced before the rename. */
static bool write_file(const char *path, const char *data, size_t len)
{
	char tmp[4 * CONFIG_PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return false;
	bool ok = write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
	ok &= close(fd) == 0;
	return ok && rename(tmp, path) == 0;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* A directory name for a version: its safe characters only. */
static void version_dir(const char *version, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = version; *p && n + 1 < size; p++)
		out[n++] =
			strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_",
			       *p) && *p
				? *p
				: '_';
	out[n] = '\0';
	if (n == 0 || !strcmp(out, ".") || !strcmp(out, ".."))
		snprintf(out, size, "v");
}

/* Removes a version directory: its files, then itself. */
static void remove_version(const char *vdir)
{
	char path[16 * CONFIG_PATH_MAX];
	DIR *d = opendir(vdir);
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof path, "%s/%s", vdir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(vdir);
}

/* Removes all but the newest KEEP_VERSIONS version directories (not current). */
static void prune(const char *dir, const char *current)
{
	struct entry {
		char name[128];
		time_t mtime;
	} list[64];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[16 * CONFIG_PATH_MAX];

	if (!d)
		return;
	while ((e = readdir(d)) && n < 64) {
		struct stat st;
		if (e->d_name[0] == '.' || !strcmp(e->d_name, DATADIR_CURRENT) ||
		    !strcmp(e->d_name, current))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
		    strlen(e->d_name) < sizeof list[n].name) {
			memcpy(list[n].name, e->d_name, strlen(e->d_name) + 1);
			list[n++].mtime = st.st_mtime;
		}
	}
	closedir(d);
	for (int i = 0; i < n; i++) {
		int newer = 0;
		for (int k = 0; k < n; k++)
			newer += list[k].mtime > list[i].mtime ||
				 (list[k].mtime == list[i].mtime &&
				  strcmp(list[k].name, list[i].name) > 0);
		if (newer < KEEP_VERSIONS - 1)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, list[i].name);
		remove_version(path);
	}
}

static void sha256_hex(const char *data, size_t len, char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	hex[0] = '\0';
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL))
		return;
	for (unsigned int i = 0; i < n; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
}

/* Downloads the bundle's assets into vdir; every one must have its size and hash. */
static enum sync_result fetch_assets(struct sync *s, const struct content *c, const char *vdir)
{
	char path[16 * CONFIG_PATH_MAX], hex[2 * EVP_MAX_MD_SIZE + 1];

	for (int i = 0; i < c->nassets; i++) {
		const struct content_asset *a = &c->assets[i];
		struct reply r;
		enum sync_result result = http(s, "GET", a->url, NULL, NULL, &r);
		if (result != SYNC_OK)
			return result;
		if (r.status != 200) {
			free(r.body);
			return bad_status(s, a->name, &r);
		}
		sha256_hex(r.body ? r.body : "", r.len, hex);
		if ((long)r.len != a->bytes || strcmp(hex, a->sha256)) {
			free(r.body);
			return failed(
				s, SYNC_BAD,
				"content: asset %s is %zu bytes with SHA-256 %.12s..., the bundle "
				"says %ld bytes and %.12s...; the old content stays",
				a->name, r.len, hex, a->bytes, a->sha256);
		}
		snprintf(path, sizeof path, "%s/%s", vdir, a->name);
		bool ok = write_file(path, r.body, r.len);
		free(r.body);
		if (!ok)
			return failed(s, SYNC_LOCAL, "content: cannot write %s: %s", path,
				      strerror(errno));
	}
	return SYNC_OK;
}

/* After version name in dir became current: keeps its ETag, drops old versions
 * and records the change for the staff panel. */
static void made_current(struct sync *s, const char *etag, const char *dir, const char *name)
{
	char etag_file[CONFIG_PATH_MAX + 32], now[32];

	snprintf(s->etag, sizeof s->etag, "%s", etag);
	etag_path(s, etag_file, sizeof etag_file);
	if (!write_file(etag_file, s->etag, strlen(s->etag)))
		log_warn("cannot save the content's ETag in %s", etag_file);
	prune(dir, name);
	log_info("content %s is now current", name);
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	store_set_status(s->store, STORE_STATUS_CONTENT_VERSION, name);
	store_set_status(s->store, STORE_STATUS_CONTENT_SINCE, now);
}

enum sync_result sync_content(struct sync *s, bool *changed)
{
	char path[256], dir[CONFIG_PATH_MAX + 16], vdir[CONFIG_PATH_MAX + 300],
		file[CONFIG_PATH_MAX + 400];
	char name[128], link_tmp[CONFIG_PATH_MAX + 32], link[CONFIG_PATH_MAX + 32];
	struct content_diag diag;
	struct reply r;

	if (changed)
		*changed = false;
	protocol_path(PROTOCOL_CONTENT, s->cfg->id, path, sizeof path);
	enum sync_result result = http(s, "GET", path, NULL, s->etag, &r);
	if (result != SYNC_OK)
		return result;
	if (r.status == 304) {
		free(r.body);
		return SYNC_OK;
	}
	if (r.status != 200) {
		free(r.body);
		return bad_status(s, "content", &r);
	}
	struct content *c = content_load_buffer(r.body ? r.body : "", r.len, &diag);
	if (!c) {
		char first[400] = "";
		if (diag.n)
			content_diag_format(&diag, 0, first, sizeof first);
		free(r.body);
		return failed(s, SYNC_BAD,
			      "content: the new bundle is rejected, the old one stays: %s", first);
	}
	version_dir(c->version, name, sizeof name);

	datadir_content(s->cfg->data_dir, NULL, dir, sizeof dir);
	datadir_content(s->cfg->data_dir, name, vdir, sizeof vdir);
	snprintf(file, sizeof file, "%s/%s", vdir, DATADIR_BUNDLE);
	datadir_content(s->cfg->data_dir, DATADIR_CURRENT ".tmp", link_tmp, sizeof link_tmp);
	datadir_content(s->cfg->data_dir, DATADIR_CURRENT, link, sizeof link);
	bool ok = (mkdir(dir, 0755) == 0 || errno == EEXIST) &&
		  (mkdir(vdir, 0755) == 0 || errno == EEXIST);
	if (ok) {
		/* Every asset, checked, before the bundle that needs it. */
		enum sync_result ar = fetch_assets(s, c, vdir);
		if (ar != SYNC_OK) {
			remove_version(vdir);
			content_destroy(c);
			free(r.body);
			return ar;
		}
	}
	content_destroy(c);
	ok = ok && write_file(file, r.body, r.len);
	free(r.body);
	if (ok) {
		sync_dir(vdir);
		/* The swap: a new link beside the old one, renamed over it in one step. */
		unlink(link_tmp);
		ok = symlink(name, link_tmp) == 0 && rename(link_tmp, link) == 0;
		sync_dir(dir);
	}
	if (!ok)
		return failed(s, SYNC_LOCAL, "content: cannot write %s: %s", vdir, strerror(errno));
	made_current(s, r.etag, dir, name);
	if (changed)
		*changed = true;
	return SYNC_OK;
}

enum sync_result sync_status(struct sync *s)
{
	struct store_counts counts = { 0 };
	struct statvfs vfs;
	char path[256], content[CONFIG_PATH_MAX + 64], version[128] = "";
	struct reply r;

	store_counts(s->store, &counts);
	if (datadir_synced_bundle(s->cfg->data_dir, content, sizeof content)) {
		struct content *c = content_load_file(content, NULL);
		if (c)
			snprintf(version, sizeof version, "%s", c->version);
		content_destroy(c);
	}
	unsigned long long free_bytes = 0;
	if (statvfs(s->cfg->data_dir, &vfs) == 0)
		free_bytes = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
	json_t *field[PROTOCOL_STATUS_NFIELDS] = {
		[PROTOCOL_STATUS_SOFTWARE_VERSION] = json_string(KIOSK_VERSION),
		[PROTOCOL_STATUS_CONTENT_VERSION] = json_string(version),
		[PROTOCOL_STATUS_UPTIME_S] = json_integer(time(NULL) - s->started),
		[PROTOCOL_STATUS_PENDING] = json_integer(counts.pending),
		[PROTOCOL_STATUS_REJECTED] = json_integer(counts.rejected),
		[PROTOCOL_STATUS_OLDEST_PENDING] = json_integer(counts.oldest_pending),
		[PROTOCOL_STATUS_LAST_UPLOAD] = json_integer(s->last_upload),
		[PROTOCOL_STATUS_LAST_ERROR] = json_string(s->last_error),
		[PROTOCOL_STATUS_DISK_FREE_BYTES] = json_integer((json_int_t)free_bytes),
		[PROTOCOL_STATUS_CLOCK_SYNCED] = json_boolean(store_clock_synced()),
	};
	json_t *doc = json_object();
	for (int i = 0; i < PROTOCOL_STATUS_NFIELDS; i++)
		json_object_set_new(doc, protocol_status_fields[i], field[i]);
	char *body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	protocol_path(PROTOCOL_STATUS, s->cfg->id, path, sizeof path);
	enum sync_result result = http(s, "POST", path, body, NULL, &r);
	free(body);
	if (result == SYNC_OK && r.status != 200)
		result = bad_status(s, "status", &r);
	free(r.body);
	return result;
}

long sync_retry_after(const struct sync *s)
{
	return s->retry_after;
}

void sync_on_request(struct sync *s, void (*fn)(void))
{
	s->on_request = fn;
}

const char *sync_last_error(const struct sync *s)
{
	return s->last_error;
}
