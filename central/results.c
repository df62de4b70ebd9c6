/* SPDX-License-Identifier: EUPL-1.2 */
/* Counting walks every stored response once: at the sizes the benchmark plans
 * for (5,000 kiosks) that is a few hundred thousand rows once a day per group,
 * and the kiosk API keeps the answer until the day changes. */
#include "results.h"

#include "common/clock.h"
#include "common/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What is counted for one survey of the bundle. */
struct tally_survey {
	int n;
	int64_t first; /* the earliest answer counted, Unix time */
	int qn[CONTENT_QUESTIONS_MAX];
	int counts[CONTENT_QUESTIONS_MAX][CONTENT_OPTIONS_MAX];
};

struct counting {
	const struct content *c;
	const char *group;
	json_t *kiosks; /* the group's kiosk ids */
	int64_t before; /* as_of's midnight */
	struct tally_survey s[CONTENT_SURVEYS_MAX];
};

static void group_kiosk(void *ctx, const char *id, const char *group, bool revoked,
			int64_t status_at, const char *status)
{
	struct counting *k = ctx;
	(void)revoked; /* a revoked kiosk's earlier answers still count */
	if (!strcmp(group, k->group))
		json_object_set_new(k->kiosks, id, json_true());
}

static int find(const char *const *ids, int n, const char *id)
{
	for (int i = 0; id && i < n; i++)
		if (ids[i] && !strcmp(ids[i], id))
			return i;
	return -1;
}

/* One answer {q, option | options | skipped} into survey s's tally. */
static void count_answer(const struct content_survey *s, struct tally_survey *t, json_t *a)
{
	const char *ids[CONTENT_OPTIONS_MAX];
	json_t *chosen = json_object_get(a, "options"), *o;
	size_t i;

	const char *qid = json_string_value(json_object_get(a, "q"));
	int q = -1;
	for (int k = 0; qid && k < s->nquestions; k++)
		if (!strcmp(s->questions[k].id, qid))
			q = k;
	if (q < 0 || json_is_true(json_object_get(a, "skipped")))
		return;
	for (int k = 0; k < s->questions[q].noptions; k++)
		ids[k] = s->questions[q].options[k].id;
	t->qn[q]++;
	if (json_is_string(json_object_get(a, "option"))) {
		int k = find(ids, s->questions[q].noptions, json_string_value(json_object_get(a, "option")));
		if (k >= 0)
			t->counts[q][k]++;
	}
	json_array_foreach(chosen, i, o)
	{
		int k = find(ids, s->questions[q].noptions, json_string_value(o));
		if (k >= 0)
			t->counts[q][k]++;
	}
}

static void count_row(void *ctx, const char *id, const char *kiosk_id, int64_t received_at,
		      const char *document)
{
	struct counting *k = ctx;
	json_t *doc, *a;
	size_t i;

	if (received_at >= k->before || !json_object_get(k->kiosks, kiosk_id))
		return;
	if (!(doc = json_loads(document, 0, NULL)))
		return;
	const char *sid = json_string_value(json_object_get(doc, "survey_id"));
	for (int s = 0; sid && s < k->c->nsurveys; s++) {
		if (strcmp(k->c->surveys[s].id, sid))
			continue;
		struct tally_survey *t = &k->s[s];
		if (!t->n || received_at < t->first)
			t->first = received_at;
		t->n++;
		json_array_foreach(json_object_get(doc, "answers"), i, a)
			count_answer(&k->c->surveys[s], t, a);
	}
	json_decref(doc);
}

static json_t *count_or_null(int n, int min_n)
{
	return n == 0 || n >= min_n ? json_integer(n) : json_null();
}

/* One survey's results, or NULL when none of its questions has min_n answers. */
static json_t *survey_results(const struct content_survey *s, const struct tally_survey *t,
			      int min_n)
{
	char since[16];
	time_t first = (time_t)t->first;
	struct tm tm;
	json_t *questions = json_array();

	for (int q = 0; t->n >= min_n && q < s->nquestions; q++) {
		if (t->qn[q] < min_n)
			continue;
		json_t *options = json_array();
		for (int o = 0; o < s->questions[q].noptions; o++)
			json_array_append_new(options, json_pack("{s:s, s:o}", "id",
								 s->questions[q].options[o].id, "n",
								 count_or_null(t->counts[q][o], min_n)));
		json_array_append_new(questions, json_pack("{s:s, s:i, s:o}", "q", s->questions[q].id,
							   "n", t->qn[q], "options", options));
	}
	if (json_array_size(questions) == 0) {
		json_decref(questions);
		return NULL;
	}
	strftime(since, sizeof since, "%Y-%m-%d", localtime_r(&first, &tm));
	return json_pack("{s:s, s:i, s:s, s:o}", "survey_id", s->id, "n", t->n, "since", since,
			 "questions", questions);
}

static int64_t midnight(const char *day)
{
	struct tm tm = { 0 };
	if (sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

json_t *results_compute(struct db *db, const char *group, const struct content *c,
			const char *as_of, int min_n)
{
	struct counting *k = calloc(1, sizeof *k);
	json_t *surveys = json_array(), *out = NULL;

	if (!k)
		return NULL;
	k->c = c;
	k->kiosks = json_object();
	k->before = midnight(as_of);
	k->group = group;
	bool ok = db_kiosks(db, group_kiosk, k) == DB_OK &&
		  db_export(db, NULL, count_row, k) == DB_OK;
	for (int s = 0; ok && s < c->nsurveys && s < CONTENT_SURVEYS_MAX; s++) {
		json_t *r = survey_results(&c->surveys[s], &k->s[s], min_n);
		if (r)
			json_array_append_new(surveys, r);
	}
	if (ok && json_array_size(surveys) > 0)
		out = json_pack("{s:s, s:i, s:O}", "as_of", as_of, "min_n", min_n, "surveys", surveys);
	json_decref(surveys);
	json_decref(k->kiosks);
	free(k);
	return out;
}

void results_today(char *out)
{
	time_t now = (time_t)clock_now();
	struct tm tm;
	strftime(out, 11, "%Y-%m-%d", localtime_r(&now, &tm));
}
