/* SPDX-License-Identifier: EUPL-1.2 */
/* Each handler first asks allowed() for a session of its role; allowed()
 * answers 401 or 403 itself. Bodies are JSON objects of bounded size, read with
 * jansson; every answer is JSON built with jansson, so text staff typed is
 * escaped wherever it goes back out. */
#include "staff_api.h"

#include "central/export.h"
#include "central/preview.h"
#include "central/publish.h"
#include "central/results.h"
#include "central/staff_auth.h"
#include "central/token.h"
#include "central/web.h"
#include "common/content.h"
#include "common/log.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SMALL_BODY (16 * 1024)
#define BUNDLE_BODY (4 * 1024 * 1024)
#define ASSET_BODY (16 * 1024 * 1024)
#define COOKIE "kc_session"

enum role { VIEWER, EDITOR, ADMIN };

struct staff_api {
	const struct central_config *cfg;
	struct db *db;
	struct staff_auth *auth;
};

struct staff_api *staff_api_create(const struct central_config *cfg, struct db *db)
{
	struct staff_api *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->cfg = cfg;
	a->db = db;
	if (!(a->auth = staff_auth_create(db, cfg->staff_idle_s))) {
		free(a);
		return NULL;
	}
	return a;
}

void staff_api_destroy(struct staff_api *a)
{
	if (!a)
		return;
	staff_auth_destroy(a->auth);
	free(a);
}

/* Answers with value as JSON (taken) and status. */
static int reply(struct server_request *r, unsigned status, json_t *value)
{
	/* "<\/": staff text never closes a script element, wherever it lands. */
	char *text = value ? json_dumps(value, JSON_COMPACT | JSON_ESCAPE_SLASH) : NULL;
	json_decref(value);
	if (!text)
		return server_reply_error(r, 500, "out of memory");
	int rc = server_reply_json(r, status, text);
	free(text);
	return rc;
}

/* Answers with list when the storage said DB_OK, else with 500. */
static int reply_list(struct server_request *r, enum db_result d, json_t *list)
{
	if (d != DB_OK) {
		json_decref(list);
		return server_reply_error(r, 500, "storage failed");
	}
	return reply(r, 200, list);
}

/* Whether the request has a live session of role need (and, for a change, its
 * CSRF token); else answers 401 or 403 into *rc. */
static bool allowed(struct staff_api *a, struct server_request *r, enum role need,
		    struct db_session *s, int *rc)
{
	const char *id = server_cookie(r, COOKIE), *csrf = server_header(r, "X-CSRF-Token");

	if (!id || !staff_auth_session(a->auth, id, (int64_t)time(NULL), s)) {
		*rc = server_reply_error(r, 401, id ? "the session has ended: log in again"
						    : "log in first");
		return false;
	}
	if (staff_role_rank(s->role) < (int)need) {
		log_warn("staff: %s (%s) was refused %s %s", s->user, s->role, r->method, r->path);
		*rc = server_reply_error(r, 403, "your role may not do this");
		return false;
	}
	if (strcmp(r->method, "GET") && (!csrf || !staff_auth_equal(csrf, s->csrf))) {
		*rc = server_reply_error(r, 403, "the request lacks this session's CSRF token");
		return false;
	}
	return true;
}

/* The body as a JSON object, or NULL after answering 400. */
static json_t *body_object(struct server_request *r, int *rc)
{
	json_t *o = json_loadb(r->body, r->len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		*rc = server_reply_error(r, 400, "the body is not a JSON object");
		return NULL;
	}
	return o;
}

static const char *text_field(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

/* A user or group name: 1 to 63 of A-Z a-z 0-9 . _ -, not starting with a dot. */
static bool good_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n > 0 && n < 64 && s[0] != '.' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static json_t *session_json(const struct staff_api *a, const struct db_session *s)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "user", s->user, "role", s->role, "csrf",
			 s->csrf, "kiosk_listen", a->cfg->kiosk_listen, "base_path",
			 a->cfg->base_path);
}

static int login(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char id[TOKEN_HEX], address[64], cookie[160], retry[16];
	int rc, wait = 0;
	json_t *o = body_object(r, &rc);

	if (!o)
		return rc;
	const char *user = text_field(o, "user"), *password = text_field(o, "password");
	server_client_address(r, address, sizeof address);
	enum staff_login l = user && password && good_name(user)
				     ? staff_auth_login(a->auth, user, password, address,
							(int64_t)time(NULL), id, &s, &wait)
				     : STAFF_LOGIN_WRONG;
	json_decref(o);
	if (l == STAFF_LOGIN_THROTTLED) {
		snprintf(retry, sizeof retry, "%d", wait);
		const char *const h[] = { "Retry-After", retry, NULL };
		const char *msg = "{\"error\":\"too many failed logins: wait and try again\"}";
		return server_reply(r, 429, "application/json", msg, strlen(msg), h);
	}
	if (l != STAFF_LOGIN_OK)
		return server_reply_error(r, l == STAFF_LOGIN_WRONG ? 401 : 500,
					  l == STAFF_LOGIN_WRONG ? "wrong user name or password"
								 : "the login failed; see the log");
	snprintf(cookie, sizeof cookie, COOKIE "=%s; Path=/; HttpOnly; Secure; SameSite=Strict", id);
	explicit_bzero(id, sizeof id);
	json_t *sj = session_json(a, &s);
	char *text = json_dumps(sj, JSON_COMPACT);
	json_decref(sj);
	const char *const h[] = { "Set-Cookie", cookie, NULL };
	rc = text ? server_reply(r, 200, "application/json", text, strlen(text), h)
		  : server_reply_error(r, 500, "out of memory");
	explicit_bzero(cookie, sizeof cookie);
	free(text);
	return rc;
}

static int logout(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	staff_auth_logout(a->auth, server_cookie(r, COOKIE));
	const char *const h[] = { "Set-Cookie",
				  COOKIE "=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
				  NULL };
	return server_reply(r, 200, "application/json", "{}", 2, h);
}

static int session(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	return reply(r, 200, session_json(a, &s));
}

static int password(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char hash[256], now[256];
	int rc;
	json_t *o;

	if (!allowed(a, r, VIEWER, &s, &rc) || !(o = body_object(r, &rc)))
		return rc;
	const char *old = text_field(o, "old"), *new = text_field(o, "new");
	bool ok = old && new && db_staff_get(a->db, s.user, NULL, 0, now, sizeof now) == DB_OK &&
		  staff_auth_check(now, old);
	if (!ok)
		rc = server_reply_error(r, 403, "the present password is wrong");
	else if (!staff_auth_hash(new, hash, sizeof hash))
		rc = server_reply_error(r, 400, "a new password has 12 to 256 characters");
	else if (db_staff_set_hash(a->db, s.user, hash) != DB_OK)
		rc = server_reply_error(r, 500, "storage failed");
	else {
		char id_hash[TOKEN_HEX];
		const char *id = server_cookie(r, COOKIE);
		token_sha256_hex(id, strlen(id), id_hash);
		db_session_delete_user(a->db, s.user, id_hash); /* other browsers log in again */
		log_info("staff: %s changed their password", s.user);
		rc = server_reply_json(r, 200, "{}");
	}
	json_decref(o);
	return rc;
}

static void user_row(void *ctx, const char *user, const char *role)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s}", "user", user, "role", role));
}

static int users(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;

	if (!allowed(a, r, ADMIN, &s, &rc))
		return rc;
	json_t *list = json_array();
	return reply_list(r, db_staff_list(a->db, user_row, list), list);
}

static int user_add(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char hash[256];
	int rc;
	json_t *o;

	if (!allowed(a, r, ADMIN, &s, &rc) || !(o = body_object(r, &rc)))
		return rc;
	const char *user = text_field(o, "user"), *role = text_field(o, "role"),
		   *pw = text_field(o, "password");
	enum db_result d = DB_FAILED;
	if (!good_name(user) || staff_role_rank(role) < 0)
		rc = server_reply_error(r, 400, "a user name of 1 to 63 of A-Z a-z 0-9 . _ - and a "
						"role: viewer, editor or admin");
	else if (!pw || !staff_auth_hash(pw, hash, sizeof hash))
		rc = server_reply_error(r, 400, "a password has 12 to 256 characters");
	else if ((d = db_staff_add(a->db, user, role, hash)) == DB_EXISTS)
		rc = server_reply_error(r, 409, "that user exists already");
	else if (d != DB_OK)
		rc = server_reply_error(r, 500, "storage failed");
	else {
		log_info("staff: %s added the user %s as %s", s.user, user, role);
		rc = reply(r, 200, json_pack("{s:s, s:s}", "user", user, "role", role));
	}
	json_decref(o);
	return rc;
}

/* Whether changing user away from admin would leave no admin. */
static bool last_admin(struct staff_api *a, const char *user)
{
	char role[16] = "";
	return db_staff_get(a->db, user, role, sizeof role, NULL, 0) == DB_OK &&
	       !strcmp(role, "admin") && db_staff_count(a->db, "admin") <= 1;
}

static int user_role(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;
	json_t *o;

	if (!allowed(a, r, ADMIN, &s, &rc) || !(o = body_object(r, &rc)))
		return rc;
	const char *role = text_field(o, "role");
	enum db_result d = DB_FAILED;
	if (staff_role_rank(role) < 0)
		rc = server_reply_error(r, 400, "a role is viewer, editor or admin");
	else if (strcmp(role, "admin") && last_admin(a, r->arg[0]))
		rc = server_reply_error(r, 409, "this is the last admin");
	else if ((d = db_staff_set_role(a->db, r->arg[0], role)) == DB_NOT_FOUND)
		rc = server_reply_error(r, 404, "no such user");
	else if (d != DB_OK)
		rc = server_reply_error(r, 500, "storage failed");
	else {
		log_info("staff: %s made %s %s", s.user, r->arg[0], role);
		rc = server_reply_json(r, 200, "{}");
	}
	json_decref(o);
	return rc;
}

static int user_delete(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;

	if (!allowed(a, r, ADMIN, &s, &rc))
		return rc;
	if (!strcmp(r->arg[0], s.user))
		return server_reply_error(r, 409, "you cannot remove yourself");
	if (last_admin(a, r->arg[0]))
		return server_reply_error(r, 409, "this is the last admin");
	enum db_result d = db_staff_delete(a->db, r->arg[0]);
	if (d != DB_OK)
		return server_reply_error(r, d == DB_NOT_FOUND ? 404 : 500,
					  d == DB_NOT_FOUND ? "no such user" : "storage failed");
	log_info("staff: %s removed the user %s", s.user, r->arg[0]);
	return server_reply_json(r, 200, "{}");
}

static void group_row(void *ctx, const char *group, const char *version, int64_t published_at,
		      bool draft, int nkiosks)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s?, s:I, s:b, s:i}", "group", group,
					     "version", version, "published_at",
					     (json_int_t)published_at, "draft", draft, "kiosks",
					     nkiosks));
}

static int groups(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	json_t *list = json_array();
	return reply_list(r, db_groups(a->db, group_row, list), list);
}

/* What the kiosk's parser says of text, as [{error, path, message}]; the
 * number of errors into *nerrors. */
static json_t *problems(const char *text, size_t len, int *nerrors)
{
	struct content_diag diag;
	json_t *list = json_array();

	content_destroy(content_load_buffer(text, len, &diag));
	for (int i = 0; i < diag.n; i++)
		json_array_append_new(list, json_pack("{s:b, s:s, s:s}", "error", diag.items[i].error,
						      "path", diag.items[i].path, "message",
						      diag.items[i].message));
	*nerrors = diag.nerrors;
	return list;
}

/* The group's draft, else its latest bundle, into *text (malloc'd); *draft says
 * which. DB_NOT_FOUND when the group has neither. */
static enum db_result draft_or_latest(struct staff_api *a, const char *group, char **text,
				      bool *draft, char *by, size_t by_size, int64_t *at)
{
	struct db_bundle b;
	enum db_result d = db_draft_get(a->db, group, text, by, by_size, at);

	*draft = d == DB_OK;
	if (d != DB_NOT_FOUND)
		return d;
	if ((d = db_latest(a->db, group, &b)) == DB_OK) {
		*text = b.body;
		snprintf(by, by_size, "%s", b.by);
		*at = b.published_at;
		b.body = NULL;
	}
	db_bundle_free(&b);
	return d;
}

static int draft_get(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char by[64] = "", *text = NULL;
	int64_t at = 0;
	bool draft;
	int rc, nerrors;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	enum db_result d = draft_or_latest(a, r->arg[0], &text, &draft, by, sizeof by, &at);
	if (d != DB_OK)
		return server_reply_error(r, d == DB_NOT_FOUND ? 404 : 500,
					  d == DB_NOT_FOUND ? "no draft and nothing published"
							    : "storage failed");
	json_t *p = problems(text, strlen(text), &nerrors);
	rc = reply(r, 200, json_pack("{s:s, s:b, s:s, s:I, s:o, s:i}", "bundle", text, "draft",
				     draft, "by", by, "at", (json_int_t)at, "problems", p, "errors",
				     nerrors));
	free(text);
	return rc;
}

static int published(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	struct db_bundle b;
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	enum db_result d = db_latest(a->db, r->arg[0], &b);
	if (d != DB_OK)
		return server_reply_error(r, d == DB_NOT_FOUND ? 404 : 500,
					  d == DB_NOT_FOUND ? "nothing published for this group"
							    : "storage failed");
	rc = reply(r, 200, json_pack("{s:s, s:I, s:s, s:I, s:s}", "bundle", b.body, "seq",
				     (json_int_t)b.seq, "version", b.version, "published_at",
				     (json_int_t)b.published_at, "by", b.by));
	db_bundle_free(&b);
	return rc;
}

/* The results the group's kiosks get today, for the sentence a promise's
 * "because" makes on the kiosk. */
static int public_results(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	struct db_bundle b;
	char today[11];
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	if (db_latest(a->db, r->arg[0], &b) != DB_OK)
		return server_reply_json(r, 200, "{}");
	struct content *c = content_load_buffer(b.body, strlen(b.body), NULL);
	results_today(today);
	json_t *res = c ? results_compute(a->db, r->arg[0], c, today, a->cfg->min_n) : NULL;
	content_destroy(c);
	db_bundle_free(&b);
	return res ? reply(r, 200, res) : server_reply_json(r, 200, "{}");
}

static int draft_put(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc, nerrors;

	if (!allowed(a, r, EDITOR, &s, &rc))
		return rc;
	if (!good_name(r->arg[0]))
		return server_reply_error(r, 400, "a group name is 1 to 63 of A-Z a-z 0-9 . _ -");
	/* Saved even with errors: a draft is work in progress. It must be JSON
	 * text, though, so that it can be shown again. */
	json_t *o = json_loadb(r->body, r->len, 0, NULL);
	json_decref(o);
	if (!o)
		return server_reply_error(r, 400, "the draft is not JSON");
	if (db_draft_put(a->db, r->arg[0], r->body, s.user, (int64_t)time(NULL)) != DB_OK)
		return server_reply_error(r, 500, "storage failed; the draft was not saved");
	json_t *p = problems(r->body, r->len, &nerrors);
	return reply(r, 200, json_pack("{s:o, s:i}", "problems", p, "errors", nerrors));
}

/* Publishes text to group as staff user s; answers with what happened. */
static int publish_as(struct staff_api *a, struct server_request *r, const struct db_session *s,
		      const char *group, const char *text, const char *what, bool *published)
{
	char *out = NULL, *err = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *fo = open_memstream(&out, &out_len), *fe = open_memstream(&err, &err_len);
	struct publish_request p = { what, group, s->user, NULL };
	int rc = 1, nerrors = 0;

	if (fo && fe)
		rc = publish_text(a->cfg, a->db, &p, text, strlen(text), fo, fe);
	if (fo)
		fclose(fo);
	if (fe)
		fclose(fe);
	*published = rc == 0;
	if (out)
		out[strcspn(out, "\n")] = '\0';
	if (rc == 0) {
		log_info("staff: %s %s", s->user, out);
		rc = reply(r, 200, json_pack("{s:s}", "published", out ? out : ""));
	} else {
		json_t *pr = problems(text, strlen(text), &nerrors);
		rc = reply(r, 422, json_pack("{s:s, s:o, s:s}", "error", "nothing was published",
					     "problems", pr, "messages", err ? err : ""));
	}
	free(out);
	free(err);
	return rc;
}

static int publish(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char by[64], *text = NULL;
	int64_t at;
	int rc;
	bool published = false;

	if (!allowed(a, r, EDITOR, &s, &rc))
		return rc;
	enum db_result d = db_draft_get(a->db, r->arg[0], &text, by, sizeof by, &at);
	if (d != DB_OK)
		return server_reply_error(r, d == DB_NOT_FOUND ? 404 : 500,
					  d == DB_NOT_FOUND ? "this group has no draft to publish"
							    : "storage failed");
	rc = publish_as(a, r, &s, r->arg[0], text, "the draft", &published);
	if (published)
		db_draft_delete(a->db, r->arg[0]);
	free(text);
	return rc;
}

static void history_row(void *ctx, int64_t seq, const char *version, int64_t published_at,
			const char *by)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:s}", "seq", (json_int_t)seq,
					     "version", version, "published_at",
					     (json_int_t)published_at, "by", by));
}

static int history(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	json_t *list = json_array();
	return reply_list(r, db_history(a->db, r->arg[0], 100, history_row, list), list);
}

/* The old bundle's text under a new version name, so that kiosks take it as
 * new content and staff see it as a rollback. */
static char *renamed(const struct db_bundle *old, int64_t seq)
{
	json_t *root = json_loads(old->body, 0, NULL);
	char version[96];

	snprintf(version, sizeof version, "%.40s-rollback-%lld", old->version, (long long)seq);
	json_object_set_new(root, "version", json_string(version));
	char *text = root ? json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
	json_decref(root);
	return text;
}

static int rollback(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	struct db_bundle old = { 0 }, latest = { 0 };
	int rc;
	bool published;
	json_t *o;

	if (!allowed(a, r, EDITOR, &s, &rc) || !(o = body_object(r, &rc)))
		return rc;
	json_t *seq = json_object_get(o, "seq");
	enum db_result d = json_is_integer(seq) ? db_bundle_get(a->db, r->arg[0],
								json_integer_value(seq), &old)
						: DB_NOT_FOUND;
	json_decref(o);
	if (d != DB_OK)
		return server_reply_error(r, d == DB_NOT_FOUND ? 404 : 500,
					  d == DB_NOT_FOUND ? "no such bundle in this group"
							    : "storage failed");
	db_latest(a->db, r->arg[0], &latest);
	char *text = renamed(&old, latest.seq + 1);
	rc = text ? publish_as(a, r, &s, r->arg[0], text, "a rollback", &published)
		  : server_reply_error(r, 500, "the old bundle cannot be read");
	free(text);
	db_bundle_free(&old);
	db_bundle_free(&latest);
	return rc;
}

/* What a command of export.c writes, as the body of a reply of type. */
static int reply_stream(struct server_request *r, const char *type, const char *prefix,
			int (*write)(void *ctx, FILE *out), void *ctx)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc = -1;

	if (f) {
		fputs(prefix, f);
		rc = write(ctx, f);
		fclose(f);
	}
	rc = rc == 0 ? server_reply(r, 200, type, text, len, NULL)
		     : server_reply_error(r, 500, "storage failed");
	free(text);
	return rc;
}

struct fleet_args {
	struct staff_api *a;
	struct export_filter f;
	bool csv;
};

static int write_fleet(void *ctx, FILE *out)
{
	struct fleet_args *f = ctx;
	return export_kiosks(f->a->db, f->a->cfg->status_interval_s, true, out);
}

static int kiosks(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	struct fleet_args f = { a, { 0 }, false };
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	return reply_stream(r, "application/json", "", write_fleet, &f);
}

static int kiosk_add(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char token[TOKEN_HEX], hash[TOKEN_HEX];
	int rc;
	json_t *o;

	if (!allowed(a, r, ADMIN, &s, &rc) || !(o = body_object(r, &rc)))
		return rc;
	const char *id = text_field(o, "id"), *group = text_field(o, "group");
	enum db_result d = DB_FAILED;
	if (!good_name(id) || !good_name(group))
		rc = server_reply_error(r, 400, "a kiosk id and a group, each 1 to 63 of A-Z a-z "
						"0-9 . _ -");
	else if (!token_new(token))
		rc = server_reply_error(r, 500, "no randomness for a token");
	else if (token_sha256_hex(token, strlen(token), hash),
		 (d = db_kiosk_add(a->db, id, group, hash)) != DB_OK)
		rc = server_reply_error(r, d == DB_EXISTS ? 409 : 500,
					d == DB_EXISTS ? "a kiosk with this id exists already"
						       : "storage failed");
	else {
		log_info("staff: %s added the kiosk %s to group %s", s.user, id, group);
		rc = reply(r, 200, json_pack("{s:s, s:s, s:s}", "id", id, "group", group, "token",
					     token));
	}
	explicit_bzero(token, sizeof token);
	json_decref(o);
	return rc;
}

static int kiosk_revoke(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc;

	if (!allowed(a, r, ADMIN, &s, &rc))
		return rc;
	enum db_result d = db_kiosk_revoke(a->db, r->arg[0]);
	if (d != DB_OK)
		return server_reply_error(r, d == DB_NOT_FOUND ? 404 : 500,
					  d == DB_NOT_FOUND ? "no such kiosk" : "storage failed");
	log_info("staff: %s revoked the kiosk %s", s.user, r->arg[0]);
	return server_reply_json(r, 200, "{}");
}

/* A query argument; an empty one (a form's empty field) is none. */
static const char *query(struct server_request *r, const char *name)
{
	const char *v = server_query(r, name);
	return v && v[0] ? v : NULL;
}

static bool is_day(const char *s)
{
	return strlen(s) == 10 && strspn(s, "0123456789-") == 10 && s[4] == '-' && s[7] == '-';
}

/* The filter the query asks for (survey, group, language, status, from, to);
 * false after answering 400 when a value is not one. */
static bool query_filter(struct server_request *r, struct export_filter *f, int *rc)
{
	*f = (struct export_filter){ query(r, "survey"), query(r, "group"), query(r, "language"),
				     query(r, "status"), query(r, "from"),   query(r, "to") };
	bool ok = (!f->from || is_day(f->from)) && (!f->to || is_day(f->to)) &&
		  (!f->status || !strcmp(f->status, "complete") || !strcmp(f->status, "abandoned"));
	if (!ok)
		*rc = server_reply_error(r, 400, "from and to are YYYY-MM-DD; status is complete "
						 "or abandoned");
	return ok;
}

static int results(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	struct export_filter f;
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc) || !query_filter(r, &f, &rc))
		return rc;
	json_t *list = export_results(a->db, &f);
	return list ? reply(r, 200, list) : server_reply_error(r, 500, "storage failed");
}

static int write_responses(void *ctx, FILE *out)
{
	struct fleet_args *f = ctx;
	return export_responses(f->a->db, &f->f, f->csv ? EXPORT_CSV : EXPORT_JSONL, out);
}

static int export(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	const char *format = server_query(r, "format");
	struct fleet_args f = { a, { 0 }, format && !strcmp(format, "csv") };
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc) || !query_filter(r, &f.f, &rc))
		return rc;
	if (format && strcmp(format, "csv") && strcmp(format, "jsonl"))
		return server_reply_error(r, 400, "format is csv or jsonl");
	/* Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
	return reply_stream(r, f.csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
			    f.csv ? "\xEF\xBB\xBF" : "", write_responses, &f);
}

static int asset_put(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char sha[TOKEN_HEX], *err = NULL;
	size_t err_len = 0;
	int rc;

	if (!allowed(a, r, EDITOR, &s, &rc))
		return rc;
	if (r->len == 0)
		return server_reply_error(r, 400, "an asset is the body of the request");
	FILE *fe = open_memstream(&err, &err_len);
	bool ok = fe && publish_asset(a->cfg, r->body, r->len, sha, fe);
	if (fe)
		fclose(fe);
	rc = ok ? reply(r, 200, json_pack("{s:s, s:I}", "sha256", sha, "bytes", (json_int_t)r->len))
		: server_reply_error(r, 500, err ? err : "cannot store the asset");
	free(err);
	return rc;
}

/* The PNG files of preview name, sorted. */
static json_t *preview_files(struct staff_api *a, const char *name)
{
	char dir[CENTRAL_PATH_MAX + 100];
	struct dirent **list = NULL;
	json_t *files = json_array();

	snprintf(dir, sizeof dir, "%s/previews/%s/shots", a->cfg->data_dir, name);
	int n = scandir(dir, &list, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(list[i]->d_name);
		if (len > 4 && !strcmp(list[i]->d_name + len - 4, ".png"))
			json_array_append_new(files, json_string(list[i]->d_name));
		free(list[i]);
	}
	free(list);
	return files;
}

/* The draft as the group's kiosks would get it today: its own results (if any)
 * out, the ones counted here in. NULL when text is not a bundle. */
static char *as_served(struct staff_api *a, const char *group, const char *text)
{
	char today[11];
	json_t *root = json_loads(text, 0, NULL);
	struct content *c = content_load_buffer(text, strlen(text), NULL);

	results_today(today);
	json_t *res = c ? results_compute(a->db, group, c, today, a->cfg->min_n) : NULL;
	json_object_del(root, "results");
	if (res)
		json_object_set_new(root, "results", res);
	char *out = root ? json_dumps(root, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
	json_decref(root);
	content_destroy(c);
	return out;
}

static int preview(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char by[64], *text = NULL, *served = NULL, name[PREVIEW_NAME_MAX], why[400];
	int64_t at;
	bool draft;
	int rc;
	json_t *o;

	if (!allowed(a, r, VIEWER, &s, &rc) || !(o = body_object(r, &rc)))
		return rc;
	const char *lang = text_field(o, "lang"), *size = text_field(o, "size");
	enum db_result d = DB_FAILED;
	if (!preview_args_ok(lang, size))
		rc = server_reply_error(r, 400, "lang is a language code and size one of 800x480, "
						"480x800, 1080x1920, 1920x1080");
	else if ((d = draft_or_latest(a, r->arg[0], &text, &draft, by, sizeof by, &at)) != DB_OK)
		rc = server_reply_error(r, d == DB_NOT_FOUND ? 404 : 500,
					d == DB_NOT_FOUND ? "no draft and nothing published"
							  : "storage failed");
	else if (!(served = as_served(a, r->arg[0], text)))
		rc = server_reply_error(r, 422, "the draft is not a bundle");
	else if (!preview_render(a->cfg, served, strlen(served), lang, size, name, why, sizeof why))
		rc = reply(r, 422, json_pack("{s:s}", "error", why));
	else
		rc = reply(r, 200, json_pack("{s:s, s:b, s:o}", "preview", name, "draft", draft,
					     "files", preview_files(a, name)));
	free(served);
	free(text);
	json_decref(o);
	return rc;
}

static int preview_file(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	char path[CENTRAL_PATH_MAX + 300];
	size_t n = strlen(r->arg[1]);
	int rc;

	if (!allowed(a, r, VIEWER, &s, &rc))
		return rc;
	if (n < 5 || strcmp(r->arg[1] + n - 4, ".png"))
		return server_reply_error(r, 404, "no such preview picture");
	snprintf(path, sizeof path, "%s/previews/%s/shots/%s", a->cfg->data_dir, r->arg[0],
		 r->arg[1]);
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && len < (64L << 20) &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1)) &&
	    fread(buf, 1, (size_t)len, f) == (size_t)len)
		rc = server_reply(r, 200, "image/png", buf, (size_t)len, NULL);
	else
		rc = server_reply_error(r, 404, "no such preview picture");
	if (f)
		fclose(f);
	free(buf);
	return rc;
}

/* What the kiosk's parser says of a bundle, without saving it: checking as staff
 * type. */
static int check(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	struct db_session s;
	int rc, nerrors;

	if (!allowed(a, r, EDITOR, &s, &rc))
		return rc;
	json_t *p = problems(r->body, r->len, &nerrors);
	return reply(r, 200, json_pack("{s:o, s:i}", "problems", p, "errors", nerrors));
}

/* The web UI's files need no session: the login page is one of them, and they
 * hold nothing but code. */
static int page(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	return web_serve(a->cfg, r, "index.html", false);
}

static int static_file(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	return web_serve(a->cfg, r, r->arg[0], false);
}

static int chart_js(void *ctx, struct server_request *r)
{
	struct staff_api *a = ctx;
	return web_serve(a->cfg, r, "chart.min.js", true);
}

const struct server_route staff_api_routes[] = {
	{ "GET", "/", page, 0 },
	{ "GET", "/static/{}", static_file, 0 },
	{ "GET", "/lib/chart.min.js", chart_js, 0 },
	{ "POST", "/api/check", check, BUNDLE_BODY },
	{ "POST", "/api/login", login, SMALL_BODY },
	{ "POST", "/api/logout", logout, SMALL_BODY },
	{ "GET", "/api/session", session, 0 },
	{ "POST", "/api/password", password, SMALL_BODY },
	{ "GET", "/api/users", users, 0 },
	{ "POST", "/api/users", user_add, SMALL_BODY },
	{ "POST", "/api/users/{}/role", user_role, SMALL_BODY },
	{ "POST", "/api/users/{}/delete", user_delete, SMALL_BODY },
	{ "GET", "/api/groups", groups, 0 },
	{ "GET", "/api/groups/{}/draft", draft_get, 0 },
	{ "POST", "/api/groups/{}/draft", draft_put, BUNDLE_BODY },
	{ "POST", "/api/groups/{}/publish", publish, SMALL_BODY },
	{ "GET", "/api/groups/{}/history", history, 0 },
	{ "GET", "/api/groups/{}/published", published, 0 },
	{ "GET", "/api/groups/{}/results", public_results, 0 },
	{ "POST", "/api/groups/{}/rollback", rollback, SMALL_BODY },
	{ "POST", "/api/groups/{}/preview", preview, SMALL_BODY },
	{ "GET", "/api/previews/{}/{}", preview_file, 0 },
	{ "GET", "/api/kiosks", kiosks, 0 },
	{ "POST", "/api/kiosks", kiosk_add, SMALL_BODY },
	{ "POST", "/api/kiosks/{}/revoke", kiosk_revoke, SMALL_BODY },
	{ "GET", "/api/results", results, 0 },
	{ "GET", "/api/export", export, 0 },
	{ "POST", "/api/assets", asset_put, ASSET_BODY },
};
const int staff_api_nroutes = sizeof staff_api_routes / sizeof staff_api_routes[0];
