/* SPDX-License-Identifier: EUPL-1.2 */
/* The survey engine. Answers live in fixed arrays indexed by question; the path
 * of questions shown makes "back" exact even when show_if hides questions, and
 * only questions still shown when the visitor finishes are stored, so a changed
 * early answer never leaves a stale later one behind. */
#include "survey.h"

#include "common/log.h"
#include "common/question.h"

#include <jansson.h>

#include <string.h>

bool survey_shown(const struct survey_run *run, int q)
{
	const struct content_question *question = &run->survey->questions[q];
	int cond = question->show_if_question;

	if (cond < 0)
		return true;
	for (int o = 0; o < run->survey->questions[cond].noptions; o++)
		if ((question->show_if_options & (1u << o)) && survey_chosen(run, cond, o))
			return survey_shown(run, cond);
	return false;
}

bool survey_chosen(const struct survey_run *run, int q, int o)
{
	const struct content_question *question = &run->survey->questions[q];
	return run->answered[q] && !run->skipped[q] &&
	       question->type->has(question, &run->answer[q], o);
}

static int next_shown(const struct survey_run *run, int from)
{
	for (int q = from + 1; q < run->survey->nquestions; q++)
		if (survey_shown(run, q))
			return q;
	return -1;
}

void survey_start(struct survey_run *run, const struct content_survey *survey, uint64_t now_ms)
{
	memset(run, 0, sizeof *run);
	run->survey = survey;
	run->started_ms = now_ms;
	run->current = next_shown(run, -1);
}

static void advance(struct survey_run *run)
{
	if (run->depth < CONTENT_QUESTIONS_MAX)
		run->path[run->depth++] = run->current;
	run->current = next_shown(run, run->current);
}

void survey_set(struct survey_run *run, int q, int o)
{
	const struct content_question *question = &run->survey->questions[q];

	if (!run->answered[q] || run->skipped[q])
		run->answer[q].n = 0;
	question->type->tap(question, &run->answer[q], o);
	run->answered[q] = run->answer[q].n > 0;
	run->skipped[q] = false;
}

bool survey_tap(struct survey_run *run, int o)
{
	int q = run->current;

	if (q < 0 || o < 0 || o >= run->survey->questions[q].noptions)
		return false;
	const struct content_question *question = &run->survey->questions[q];
	if (!run->answered[q] || run->skipped[q])
		run->answer[q].n = 0;
	bool done = question->type->tap(question, &run->answer[q], o);
	run->answered[q] = done || run->answer[q].n > 0;
	run->skipped[q] = false;
	if (done)
		advance(run);
	return done;
}

void survey_next(struct survey_run *run)
{
	int q = run->current;

	if (q < 0)
		return;
	if (run->answer[q].n == 0) {
		run->answered[q] = true;
		run->skipped[q] = true;
	}
	advance(run);
}

void survey_skip(struct survey_run *run)
{
	int q = run->current;

	if (q < 0)
		return;
	run->answer[q].n = 0;
	run->answered[q] = true;
	run->skipped[q] = true;
	advance(run);
}

bool survey_back(struct survey_run *run)
{
	if (run->depth == 0)
		return false;
	run->current = run->path[--run->depth];
	return true;
}

void survey_progress(const struct survey_run *run, int *position, int *total)
{
	int shown = 0, pos = 0;

	for (int q = 0; q < run->survey->nquestions; q++) {
		if (!survey_shown(run, q))
			continue;
		shown++;
		if (q == run->current)
			pos = shown;
	}
	*position = run->current < 0 ? shown : pos;
	*total = shown;
}

bool survey_touched(const struct survey_run *run)
{
	for (int q = 0; q < run->survey->nquestions; q++)
		if (run->answered[q])
			return true;
	return false;
}

/* The fields of the answer to question q, as its type writes them, into buf;
 * the length written, or 0 when it does not fit. */
static size_t answer_fields(const struct survey_run *run, int q, char *buf, size_t size)
{
	const struct content_question *question = &run->survey->questions[q];
	json_t *obj = json_object();
	bool ok = run->skipped[q] ? json_object_set_new(obj, "skipped", json_true()) == 0
				  : question->type->to_json(question, &run->answer[q], obj);
	size_t n = ok ? json_dumpb(obj, buf, size, JSON_COMPACT) : 0;

	json_decref(obj);
	if (n >= size)
		return 0;
	buf[n] = '\0';
	return n;
}

int survey_answers(const struct survey_run *run, struct store_answer *out, char *buf, size_t size)
{
	int n = 0;
	size_t used = 0;

	for (int q = 0; q < run->survey->nquestions; q++) {
		if (!run->answered[q] || !survey_shown(run, q))
			continue;
		size_t len = answer_fields(run, q, buf + used, size - used);
		if (!len) {
			log_error("survey %s: the answers do not fit a response", run->survey->id);
			return -1;
		}
		out[n++] = (struct store_answer){ run->survey->questions[q].id, buf + used };
		used += len + 1;
	}
	return n;
}
