/* The survey engine. Answers live in fixed arrays indexed by question; the path
 * of questions shown makes "back" exact even when show_if hides questions, and
 * only questions still shown when the visitor finishes are stored, so a changed
 * early answer never leaves a stale later one behind. */
#include "survey.h"

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

int survey_answers(const struct survey_run *run, struct store_answer *out, const char **ids)
{
	int n = 0, nid = 0;

	for (int q = 0; q < run->survey->nquestions; q++) {
		const struct content_question *question = &run->survey->questions[q];
		if (!run->answered[q] || !survey_shown(run, q))
			continue;
		struct store_answer *a = &out[n++];
		memset(a, 0, sizeof *a);
		a->question = question->id;
		if (run->skipped[q]) {
			a->kind = STORE_ANSWER_SKIPPED;
		} else if (question->type->several) {
			a->kind = STORE_ANSWER_OPTIONS;
			a->options = &ids[nid];
			for (int i = 0; i < run->answer[q].n; i++)
				ids[nid++] = question->options[run->answer[q].values[i]].id;
			a->noptions = run->answer[q].n;
		} else {
			a->kind = STORE_ANSWER_OPTION;
			a->option = question->options[run->answer[q].values[0]].id;
		}
	}
	return n;
}
