/* SPDX-License-Identifier: EUPL-1.2 */
/* Builds and checks the response document. The checker trusts nothing: the size
 * is bounded before parsing, every key must be known, every id must name a part
 * of the survey, and a document is either valid as a whole or refused with one
 * short reason. */
#include "response.h"
#include "protocol.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

_Static_assert(PROTOCOL_BATCH * (RESPONSE_MAX + 1) + 32 <= PROTOCOL_BODY_MAX,
	       "a full batch of the largest documents fits a request body");

/* The answer's fields parsed, or NULL when they are not valid fields. */
static json_t *fields_json(const char *fields)
{
	json_t *f = fields ? json_loads(fields, JSON_REJECT_DUPLICATES, NULL) : NULL;

	if (!json_is_object(f) || json_object_size(f) == 0 || json_object_get(f, "q")) {
		json_decref(f);
		return NULL;
	}
	return f;
}

bool response_fields_ok(const char *fields)
{
	json_t *f = fields_json(fields);
	json_decref(f);
	return f != NULL;
}

static json_t *answer_json(const struct response_answer *a)
{
	json_t *fields = fields_json(a->fields);
	json_t *obj = fields ? json_pack("{s:s}", "q", a->question) : NULL;

	if (obj && json_object_update(obj, fields) < 0) {
		json_decref(obj);
		obj = NULL;
	}
	json_decref(fields);
	return obj;
}

char *response_build(const struct response *r)
{
	time_t hour = r->submitted - ((r->submitted % 3600) + 3600) % 3600;
	char submitted[32];
	struct tm tm;

	strftime(submitted, sizeof submitted, "%Y-%m-%dT%H:00Z", gmtime_r(&hour, &tm));
	json_t *answers = json_array();
	for (int i = 0; i < r->nanswers; i++)
		json_array_append_new(answers, answer_json(&r->answers[i]));
	json_t *flags = json_array();
	if (r->flags & RESPONSE_FLAG_FAST)
		json_array_append_new(flags, json_string("fast"));
	json_t *doc = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:b, s:s, s:I, s:o, s:o}", "id",
				r->id, "survey_id", r->survey_id, "survey_version",
				r->survey_version, "content_version", r->content_version,
				"language", r->language, "submitted_hour", submitted,
				"clock_synced", r->clock_synced, "status",
				r->complete ? "complete" : "abandoned", "duration_s",
				((json_int_t)r->duration_s + 2) / 5 * 5, "answers", answers,
				"flags", flags);
	char *text = NULL;
	if (doc && json_array_size(answers) == (size_t)r->nanswers)
		text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return text;
}

/* What a check has found so far. */
struct check {
	const struct content_survey *survey;
	struct question_answer answer[CONTENT_QUESTIONS_MAX];
	bool answered[CONTENT_QUESTIONS_MAX], skipped[CONTENT_QUESTIONS_MAX];
	char *reason;
	size_t size;
};

#if defined(__GNUC__)
static bool refuse(struct check *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
static bool refuse(struct check *k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(k->reason, k->size, fmt, ap);
	va_end(ap);
	return false;
}

static bool is_uuid(const char *s)
{
	for (int i = 0; i < RESPONSE_ID_LEN; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]) || !s[i])
			return false;
	}
	return s[RESPONSE_ID_LEN] == '\0';
}

static bool short_text(json_t *v, size_t max)
{
	return json_is_string(v) && json_string_length(v) >= 1 && json_string_length(v) <= max;
}

static bool is_hour(const char *s)
{
	const char *pattern = "dddd-dd-ddTdd:00Z";
	size_t i = 0;
	for (; s[i] && pattern[i]; i++)
		if (pattern[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pattern[i])
			return false;
	return !s[i] && !pattern[i];
}

static bool check_keys(struct check *k, json_t *root)
{
	static const char *const known[] = {
		"id",	       "survey_id",    "survey_version", "content_version",
		"language",    "submitted_hour", "clock_synced", "status",
		"duration_s",  "answers",      "flags",		 NULL,
	};
	const char *key;
	json_t *v;
	int n = 0;

	json_object_foreach(root, key, v)
	{
		int i = 0;
		while (known[i] && strcmp(known[i], key))
			i++;
		if (!known[i])
			return refuse(k, "unknown field \"%.40s\"", key);
		n++;
	}
	if (n != (int)(sizeof known / sizeof known[0]) - 1)
		return refuse(k, "a field is missing");
	return true;
}

static bool check_survey(struct check *k, json_t *root, const struct content *c)
{
	json_t *id = json_object_get(root, "survey_id");
	json_t *version = json_object_get(root, "survey_version");

	if (!json_is_string(id))
		return refuse(k, "survey_id is not a string");
	for (int i = 0; i < c->nsurveys && !k->survey; i++)
		if (!strcmp(c->surveys[i].id, json_string_value(id)))
			k->survey = &c->surveys[i];
	if (!k->survey)
		return refuse(k, "unknown survey \"%.64s\"", json_string_value(id));
	if (!json_is_integer(version) || json_integer_value(version) != k->survey->version)
		return refuse(k, "survey %s has no such version", k->survey->id);
	return true;
}

static bool check_flags(struct check *k, json_t *flags)
{
	size_t i;
	json_t *v;
	bool fast = false;

	if (!json_is_array(flags))
		return refuse(k, "flags is not a list");
	json_array_foreach(flags, i, v)
	{
		if (!json_is_string(v) || strcmp(json_string_value(v), "fast"))
			return refuse(k, "unknown flag");
		if (fast)
			return refuse(k, "a flag given twice");
		fast = true;
	}
	return true;
}

static bool check_header(struct check *k, json_t *root)
{
	json_t *hour = json_object_get(root, "submitted_hour");
	json_t *status = json_object_get(root, "status");
	json_t *duration = json_object_get(root, "duration_s");

	if (!short_text(json_object_get(root, "content_version"), 64))
		return refuse(k, "content_version is not a version");
	if (!short_text(json_object_get(root, "language"), 16))
		return refuse(k, "language is not a language code");
	if (!json_is_string(hour) || !is_hour(json_string_value(hour)))
		return refuse(k, "submitted_hour is not an hour (YYYY-MM-DDTHH:00Z)");
	if (!json_is_boolean(json_object_get(root, "clock_synced")))
		return refuse(k, "clock_synced is not true or false");
	if (!json_is_string(status) || (strcmp(json_string_value(status), "complete") &&
					strcmp(json_string_value(status), "abandoned")))
		return refuse(k, "status is neither complete nor abandoned");
	if (!json_is_integer(duration) || json_integer_value(duration) < 0 ||
	    json_integer_value(duration) > 86400 || json_integer_value(duration) % 5)
		return refuse(k, "duration_s is not whole seconds rounded to 5");
	return check_flags(k, json_object_get(root, "flags"));
}

static int question_index(const struct content_survey *s, const char *id)
{
	for (int q = 0; id && q < s->nquestions; q++)
		if (!strcmp(s->questions[q].id, id))
			return q;
	return -1;
}

static bool check_answer(struct check *k, json_t *v)
{
	const char *id = json_string_value(json_object_get(v, "q"));
	int q = question_index(k->survey, id);

	if (!json_is_object(v) || !id)
		return refuse(k, "an answer is not {\"q\": ..., ...}");
	if (q < 0)
		return refuse(k, "unknown question \"%.64s\"", id);
	if (k->answered[q])
		return refuse(k, "question %s answered twice", id);
	k->answered[q] = true;
	json_t *skipped = json_object_get(v, "skipped");
	if (skipped) {
		k->skipped[q] = true;
		if (!json_is_true(skipped) || json_object_size(v) != 2)
			return refuse(k, "question %s: skipped must be true, and alone", id);
		return true;
	}
	const struct content_question *question = &k->survey->questions[q];
	const char *why = question->type->from_json(question, v, &k->answer[q]);
	if (why)
		return refuse(k, "question %s: %s", id, why);
	return true;
}

/* Whether question q is shown, given the answers: the survey engine stores only
 * questions shown. */
static bool shown(const struct check *k, int q)
{
	const struct content_question *question = &k->survey->questions[q];
	int cond = question->show_if_question;

	if (cond < 0)
		return true;
	if (!k->answered[cond] || k->skipped[cond] || !shown(k, cond))
		return false;
	const struct content_question *t = &k->survey->questions[cond];
	for (int o = 0; o < t->noptions; o++)
		if ((question->show_if_options & (1u << o)) && t->type->has(t, &k->answer[cond], o))
			return true;
	return false;
}

static bool check_answers(struct check *k, json_t *answers)
{
	size_t i;
	json_t *v;

	if (!json_is_array(answers))
		return refuse(k, "answers is not a list");
	json_array_foreach(answers, i, v)
	{
		if (!check_answer(k, v))
			return false;
	}
	for (int q = 0; q < k->survey->nquestions; q++)
		if (k->answered[q] && !shown(k, q))
			return refuse(k, "question %s is answered but its show_if hides it",
				      k->survey->questions[q].id);
	return true;
}

bool response_validate(const char *text, size_t len, const struct content *c, char *id,
		       char *reason, size_t size)
{
	struct check k = { .reason = reason, .size = size };
	json_error_t error;
	json_t *root = NULL;
	bool ok;

	if (id)
		id[0] = '\0';
	if (len > RESPONSE_MAX)
		ok = refuse(&k, "over %d bytes", RESPONSE_MAX);
	else if (!(root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error)))
		ok = refuse(&k, "not JSON: %.80s", error.text);
	else if (!json_is_object(root))
		ok = refuse(&k, "not an object");
	else if (!json_is_string(json_object_get(root, "id")) ||
		 !is_uuid(json_string_value(json_object_get(root, "id"))))
		ok = refuse(&k, "id is not a lowercase UUID");
	else
		ok = true;
	if (ok && id)
		memcpy(id, json_string_value(json_object_get(root, "id")), RESPONSE_ID_LEN + 1);
	ok = ok && check_keys(&k, root) && check_survey(&k, root, c) && check_header(&k, root) &&
	     check_answers(&k, json_object_get(root, "answers"));
	if (ok && size)
		reason[0] = '\0';
	json_decref(root);
	return ok;
}
