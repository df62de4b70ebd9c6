/* SPDX-License-Identifier: EUPL-1.2 */
/* kiosk-central publish: the bundle must load with content_load_file, the
 * kiosk's own parser, or nothing is published. Each asset is copied into
 * data_dir/assets/<sha256> (written to a temporary name, synced, renamed) and
 * the bundle's URL for it becomes assets/<sha256>, relative to the kiosk API. */
#include "publish.h"

#include "central/token.h"
#include "common/content.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ASSET_MAX (32L * 1024 * 1024)

static char *slurp(const char *path, long *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;

	*len = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (*len = ftell(f)) >= 0 && *len <= ASSET_MAX &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)*len + 1)) &&
	    fread(buf, 1, (size_t)*len, f) == (size_t)*len) {
		buf[*len] = '\0';
	} else {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

/* Writes data to path durably: a temporary file, fsync, rename. */
static bool write_durably(const char *path, const char *data, size_t len)
{
	char tmp[CENTRAL_PATH_MAX + 200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	bool ok = fd >= 0 && write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
	if (fd >= 0 && close(fd) < 0)
		ok = false;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	return ok;
}

bool publish_asset(const struct central_config *cfg, const char *data, size_t len, char *sha256_out,
		   FILE *err)
{
	char dir[CENTRAL_PATH_MAX + 16], stored[CENTRAL_PATH_MAX + 100];

	token_sha256_hex(data, len, sha256_out);
	snprintf(dir, sizeof dir, "%s/assets", cfg->data_dir);
	snprintf(stored, sizeof stored, "%s/%s", dir, sha256_out);
	if (access(stored, R_OK) == 0)
		return true;
	if ((mkdir(dir, 0755) < 0 && errno != EEXIST) || !write_durably(stored, data, len)) {
		fprintf(err, "cannot store the asset in %s: %s", dir, strerror(errno));
		return false;
	}
	return true;
}

/* Checks and stores asset a from assets_dir, unless it is stored already. */
static bool store_asset(const struct central_config *cfg, const struct content_asset *a,
			const char *assets_dir, const char *file, FILE *err)
{
	char stored[CENTRAL_PATH_MAX + 100], src[CENTRAL_PATH_MAX + 300], hex[TOKEN_HEX];
	long len;

	snprintf(stored, sizeof stored, "%s/assets/%s", cfg->data_dir, a->sha256);
	if (access(stored, R_OK) == 0)
		return true;
	if (!assets_dir) {
		fprintf(err, "%s: error: asset %s: not stored yet; give --assets DIR\n", file, a->name);
		return false;
	}
	snprintf(src, sizeof src, "%s/%s", assets_dir, a->name);
	char *data = slurp(src, &len);
	if (!data) {
		fprintf(err, "%s: error: asset %s: cannot read %s\n", file, a->name, src);
		return false;
	}
	token_sha256_hex(data, (size_t)len, hex);
	bool ok = len == a->bytes && !strcmp(hex, a->sha256);
	if (!ok)
		fprintf(err, "%s: error: asset %s: %s is %ld bytes with SHA-256 %.12s..., the bundle says %ld bytes and %.12s...\n",
			file, a->name, src, len, hex, a->bytes, a->sha256);
	else if (!(ok = write_durably(stored, data, (size_t)len)))
		fprintf(err, "%s: error: asset %s: cannot store it in %s: %s\n", file, a->name,
			stored, strerror(errno));
	free(data);
	return ok;
}

/* The bundle's text with each asset's URL pointed at this service; NULL when
 * the text is not what the parser accepted (it always is). */
static char *point_assets(const char *text, long len)
{
	json_t *root = json_loadb(text, (size_t)len, 0, NULL);
	json_t *assets = json_object_get(root, "assets"), *a;
	size_t i;
	char url[100];

	json_array_foreach(assets, i, a)
	{
		snprintf(url, sizeof url, "assets/%s", json_string_value(json_object_get(a, "sha256")));
		json_object_set_new(a, "url", json_string(url));
	}
	char *out = root ? json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
	json_decref(root);
	return out;
}

/* Records the bundle and what it names in the storage. */
static int record(struct db *db, const struct content *c, const char *group, const char *by,
		  char *body, const char *name, FILE *out, FILE *err)
{
	const char *surveys[CONTENT_SURVEYS_MAX], *assets[CONTENT_ASSETS_MAX];
	int versions[CONTENT_SURVEYS_MAX];
	char etag[TOKEN_HEX + 2], hash[TOKEN_HEX];

	for (int i = 0; i < c->nsurveys; i++) {
		surveys[i] = c->surveys[i].id;
		versions[i] = c->surveys[i].version;
	}
	for (int i = 0; i < c->nassets; i++)
		assets[i] = c->assets[i].sha256;
	token_sha256_hex(body, strlen(body), hash);
	snprintf(etag, sizeof etag, "\"%.32s\"", hash);
	struct db_bundle b = { 0, (char *)group, (char *)c->version, etag, body, 0, (char *)by };
	if (db_publish(db, &b, surveys, versions, c->nsurveys, assets, c->nassets) != DB_OK) {
		fprintf(err, "%s: error: the database refused it\n", name);
		return 1;
	}
	if (out)
		fprintf(out, "published %s to group %s: version %s, %d promises, %d surveys, %d assets\n",
			name, group, c->version, c->npromises, c->nsurveys, c->nassets);
	return 0;
}

int publish_text(const struct central_config *cfg, struct db *db, const struct publish_request *p,
		 const char *text, size_t len, FILE *out, FILE *err)
{
	struct content_diag diag;
	char dir[CENTRAL_PATH_MAX + 16];
	int rc = 1;

	struct content *c = content_load_buffer(text, len, &diag);
	content_diag_print(&diag, p->name, err);
	if (!c) {
		fprintf(err, "%s: rejected: %d error%s; nothing was published\n", p->name,
			diag.nerrors, diag.nerrors == 1 ? "" : "s");
		return 1;
	}
	snprintf(dir, sizeof dir, "%s/assets", cfg->data_dir);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		fprintf(err, "%s: error: cannot create %s: %s\n", p->name, dir, strerror(errno));
	bool assets_ok = true;
	for (int i = 0; i < c->nassets; i++)
		assets_ok = store_asset(cfg, &c->assets[i], p->assets_dir, p->name, err) && assets_ok;
	char *body = assets_ok ? point_assets(text, (long)len) : NULL;
	if (body)
		rc = record(db, c, p->group, p->by, body, p->name, out, err);
	free(body);
	content_destroy(c);
	return rc;
}

int publish_bundle(const struct central_config *cfg, struct db *db, const char *file,
		   const char *group, const char *assets_dir, FILE *err)
{
	long len;
	char *text = slurp(file, &len);
	struct publish_request p = { file, group, "", assets_dir };

	if (!text) {
		fprintf(err, "%s: error: cannot read it (or it is over 32 MiB)\n", file);
		return 1;
	}
	int rc = publish_text(cfg, db, &p, text, (size_t)len, stdout, err);
	free(text);
	return rc;
}
