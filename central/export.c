/* SPDX-License-Identifier: EUPL-1.2 */
/* Exports: JSON lines straight from the stored documents; CSV by reading every
 * row once to learn the questions, then writing them as columns; the fleet from
 * the kiosks and their last heartbeats. */
#include "export.h"

#include "common/clock.h"
#include "common/protocol.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void iso_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
}

/* A filter with what it needs to decide: each kiosk's group. */
struct filtering {
	struct export_filter f;
	json_t *groups; /* kiosk id -> group, when f.group is set */
};

static void kiosk_group(void *ctx, const char *id, const char *group, bool revoked,
			int64_t status_at, const char *status)
{
	json_object_set_new(ctx, id, json_string(group));
}

static bool filtering_start(struct db *db, const struct export_filter *f, struct filtering *fl)
{
	static const struct export_filter all = { 0 };
	fl->f = f ? *f : all;
	fl->groups = NULL;
	if (!fl->f.group)
		return true;
	fl->groups = json_object();
	return db_kiosks(db, kiosk_group, fl->groups) == DB_OK;
}

/* Whether the response doc from kiosk_id passes the filter. */
static bool wanted(const struct filtering *fl, const char *kiosk_id, json_t *doc)
{
	const char *lang = json_string_value(json_object_get(doc, "language"));
	const char *status = json_string_value(json_object_get(doc, "status"));
	const char *hour = json_string_value(json_object_get(doc, "submitted_hour"));
	char day[11] = "";

	if (hour)
		snprintf(day, sizeof day, "%s", hour);
	const char *group = json_string_value(json_object_get(fl->groups, kiosk_id));
	if (fl->f.group && (!group || strcmp(fl->f.group, group)))
		return false;
	if (fl->f.language && (!lang || strcmp(lang, fl->f.language)))
		return false;
	if (fl->f.status && (!status || strcmp(status, fl->f.status)))
		return false;
	if (fl->f.from && strcmp(day, fl->f.from) < 0)
		return false;
	return !fl->f.to || strcmp(day, fl->f.to) <= 0;
}

struct gathered {
	struct filtering fl;
	FILE *out;
	enum export_format format;
	json_t *rows;	   /* csv: every document, with kiosk_id and received_at */
	json_t *questions; /* csv: question ids in order of first appearance */
	int n;
};

static void one_row(void *ctx, const char *id, const char *kiosk_id, int64_t received_at,
		    const char *document)
{
	struct gathered *g = ctx;
	char when[32];
	json_t *doc = json_loads(document, 0, NULL);

	if (!doc || !wanted(&g->fl, kiosk_id, doc)) {
		json_decref(doc);
		return;
	}
	iso_time(received_at, when, sizeof when);
	json_object_set_new(doc, "kiosk_id", json_string(kiosk_id));
	json_object_set_new(doc, "received_at", json_string(when));
	g->n++;
	if (g->format == EXPORT_JSONL) {
		char *line = json_dumps(doc, JSON_COMPACT);
		if (line)
			fprintf(g->out, "%s\n", line);
		free(line);
		json_decref(doc);
		return;
	}
	json_t *a;
	size_t i;
	json_array_foreach(json_object_get(doc, "answers"), i, a)
	{
		json_t *q = json_object_get(a, "q"), *known;
		size_t k;
		bool seen = false;
		json_array_foreach(g->questions, k, known) seen |= json_equal(known, q);
		if (!seen && json_is_string(q))
			json_array_append(g->questions, q);
	}
	json_array_append_new(g->rows, doc);
}

/* One CSV field, quoted as RFC 4180 says; a leading = + - @ is neutralised so
 * that a spreadsheet does not take it for a formula. */
static void csv_field(FILE *out, const char *s, bool last)
{
	fputc('"', out);
	if (s && strchr("=+-@", s[0]) && s[0])
		fputc('\'', out);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputs(last ? "\"\r\n" : "\",", out);
}

/* The answer to question q in doc, as a cell: an option, options joined with
 * ";", "skipped", or "" when it was not asked. */
static void answer_cell(json_t *doc, json_t *q, char *buf, size_t size)
{
	json_t *a, *o;
	size_t i, k;

	buf[0] = '\0';
	json_array_foreach(json_object_get(doc, "answers"), i, a)
	{
		if (!json_equal(json_object_get(a, "q"), q))
			continue;
		if (json_is_true(json_object_get(a, "skipped")))
			snprintf(buf, size, "skipped");
		else if (json_is_string(json_object_get(a, "option")))
			snprintf(buf, size, "%s", json_string_value(json_object_get(a, "option")));
		json_array_foreach(json_object_get(a, "options"), k, o)
		{
			size_t n = strlen(buf);
			snprintf(buf + n, size - n, "%s%s", k ? ";" : "", json_string_value(o));
		}
	}
}

static void write_csv(struct gathered *g)
{
	static const char *const head[] = { "id",	    "kiosk_id",	      "received_at",
					    "survey_id",    "survey_version", "content_version",
					    "language",	    "submitted_hour", "status",
					    "duration_s" };
	const int nhead = sizeof head / sizeof head[0];
	size_t nq = json_array_size(g->questions), i, r;
	json_t *doc;
	char cell[1200];

	for (int h = 0; h < nhead; h++)
		csv_field(g->out, head[h], nq == 0 && h == nhead - 1);
	for (i = 0; i < nq; i++)
		csv_field(g->out, json_string_value(json_array_get(g->questions, i)), i == nq - 1);
	json_array_foreach(g->rows, r, doc)
	{
		for (int h = 0; h < nhead; h++) {
			json_t *v = json_object_get(doc, head[h]);
			if (json_is_integer(v))
				snprintf(cell, sizeof cell, "%lld", (long long)json_integer_value(v));
			else
				snprintf(cell, sizeof cell, "%s", json_is_string(v) ? json_string_value(v) : "");
			csv_field(g->out, cell, nq == 0 && h == nhead - 1);
		}
		for (i = 0; i < nq; i++) {
			answer_cell(doc, json_array_get(g->questions, i), cell, sizeof cell);
			csv_field(g->out, cell, i == nq - 1);
		}
	}
}

int export_responses(struct db *db, const struct export_filter *f, enum export_format format,
		     FILE *out)
{
	struct gathered g = { { { 0 }, NULL }, out, format, json_array(), json_array(), 0 };
	enum db_result r = filtering_start(db, f, &g.fl) ? DB_OK : DB_FAILED;
	if (r == DB_OK)
		r = db_export(db, g.fl.f.survey, one_row, &g);

	if (r == DB_OK && format == EXPORT_CSV)
		write_csv(&g);
	json_decref(g.rows);
	json_decref(g.questions);
	json_decref(g.fl.groups);
	fprintf(stderr, "%d response%s exported\n", g.n, g.n == 1 ? "" : "s");
	return r == DB_OK ? 0 : 1;
}

struct fleet {
	FILE *out;
	bool json;
	int interval;
	json_t *list;
};

static void one_kiosk(void *ctx, const char *id, const char *group, bool revoked, int64_t status_at,
		      const char *status)
{
	struct fleet *f = ctx;
	json_t *st = status ? json_loads(status, 0, NULL) : NULL;
	bool quiet = !revoked && (!status_at || clock_now() - status_at > 3 * (int64_t)f->interval);
	char when[32] = "never";

	if (status_at)
		iso_time(status_at, when, sizeof when);
	if (f->json) {
		json_array_append_new(f->list, json_pack("{s:s, s:s, s:b, s:b, s:s?, s:o?}", "id", id,
							 "group", group, "revoked", revoked,
							 "quiet", quiet, "last_heartbeat",
							 status_at ? when : NULL, "status", st));
		return;
	}
	json_t *v = json_object_get(st, protocol_status_fields[PROTOCOL_STATUS_CONTENT_VERSION]);
	json_t *p = json_object_get(st, protocol_status_fields[PROTOCOL_STATUS_PENDING]);
	json_t *e = json_object_get(st, protocol_status_fields[PROTOCOL_STATUS_LAST_ERROR]);
	fprintf(f->out, "%-24s %-16s %-20s %-16s %6lld  %s%s\n", id, group, when,
		json_is_string(v) ? json_string_value(v) : "-",
		json_is_integer(p) ? (long long)json_integer_value(p) : 0LL,
		revoked ? "REVOKED " : quiet ? "QUIET " : "",
		json_is_string(e) ? json_string_value(e) : "");
	json_decref(st);
}

int export_kiosks(struct db *db, int status_interval_s, bool json, FILE *out)
{
	struct fleet f = { out, json, status_interval_s, json_array() };

	if (!json)
		fprintf(out, "%-24s %-16s %-20s %-16s %6s  %s\n", "kiosk", "group", "last heartbeat",
			"content", "queued", "state, last error");
	enum db_result r = db_kiosks(db, one_kiosk, &f);
	if (json) {
		char *text = json_dumps(f.list, JSON_INDENT(2));
		if (text)
			fprintf(out, "%s\n", text);
		free(text);
	}
	json_decref(f.list);
	return r == DB_OK ? 0 : 1;
}

/* Counts one answer of a document into the question's entry of survey. */
static void count_answer(json_t *questions, json_t *a)
{
	const char *q = json_string_value(json_object_get(a, "q"));
	json_t *entry, *counts, *chosen = json_object_get(a, "options"), *one;
	size_t i;

	if (!q || json_is_true(json_object_get(a, "skipped")))
		return;
	if (!(entry = json_object_get(questions, q))) {
		entry = json_pack("{s:s, s:i, s:{}}", "q", q, "n", 0, "counts");
		json_object_set_new(questions, q, entry);
	}
	counts = json_object_get(entry, "counts");
	json_object_set_new(entry, "n", json_integer(json_integer_value(json_object_get(entry, "n")) + 1));
	if (!json_is_array(chosen)) {
		chosen = json_array();
		if ((one = json_object_get(a, "option")) || (one = json_object_get(a, "value")))
			json_array_append(chosen, one);
	} else {
		json_incref(chosen);
	}
	json_array_foreach(chosen, i, one)
	{
		char key[64];
		if (json_is_string(one))
			snprintf(key, sizeof key, "%s", json_string_value(one));
		else if (json_is_integer(one))
			snprintf(key, sizeof key, "%lld", (long long)json_integer_value(one));
		else
			continue;
		json_int_t c = json_integer_value(json_object_get(counts, key));
		json_object_set_new(counts, key, json_integer(c + 1));
	}
	json_decref(chosen);
}

struct tally {
	struct filtering fl;
	json_t *surveys;
};

static void result_row(void *ctx, const char *id, const char *kiosk_id, int64_t received_at,
		       const char *document)
{
	struct tally *t = ctx;
	json_t *surveys = t->surveys, *doc = json_loads(document, 0, NULL), *a;
	const char *sid = json_string_value(json_object_get(doc, "survey_id"));
	size_t i;

	if (!sid || !wanted(&t->fl, kiosk_id, doc)) {
		json_decref(doc);
		return;
	}
	json_t *s = json_object_get(surveys, sid);
	if (!s) {
		s = json_pack("{s:s, s:i, s:i, s:{}}", "survey", sid, "responses", 0, "complete", 0,
			      "questions");
		json_object_set_new(surveys, sid, s);
	}
	json_object_set_new(s, "responses",
			    json_integer(json_integer_value(json_object_get(s, "responses")) + 1));
	const char *status = json_string_value(json_object_get(doc, "status"));
	if (status && !strcmp(status, "complete"))
		json_object_set_new(s, "complete", json_integer(json_integer_value(
								  json_object_get(s, "complete")) + 1));
	json_array_foreach(json_object_get(doc, "answers"), i, a)
		count_answer(json_object_get(s, "questions"), a);
	json_decref(doc);
}

json_t *export_results(struct db *db, const struct export_filter *f)
{
	json_t *surveys = json_object(), *list = json_array(), *s;
	struct tally t = { { { 0 }, NULL }, surveys };
	const char *key;

	bool ok = filtering_start(db, f, &t.fl) && db_export(db, t.fl.f.survey, result_row, &t) == DB_OK;
	json_decref(t.fl.groups);
	if (!ok) {
		json_decref(surveys);
		json_decref(list);
		return NULL;
	}
	/* Questions as a list, in the order they were first answered. */
	json_object_foreach(surveys, key, s)
	{
		json_t *qs = json_array(), *q;
		const char *qk;
		json_object_foreach(json_object_get(s, "questions"), qk, q) json_array_append(qs, q);
		json_object_set_new(s, "questions", qs);
		json_array_append(list, s);
	}
	json_decref(surveys);
	return list;
}
