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
	return survey_shown(run, cond) && run->answered[cond] && !run->skipped[cond] &&
	       (run->chosen[cond] & question->show_if_options);
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

bool survey_tap(struct survey_run *run, int o)
{
	int q = run->current;

	if (q < 0 || o < 0 || o >= run->survey->questions[q].noptions)
		return false;
	const struct content_question *question = &run->survey->questions[q];
	if (question->type == CONTENT_QUESTION_MULTI) {
		unsigned bit = 1u << o;
		/* An option with the id "none" excludes the others, and they it. */
		unsigned none = 0;
		for (int k = 0; k < question->noptions; k++)
			if (!strcmp(question->options[k].id, "none"))
				none = 1u << k;
		if (run->chosen[q] & bit)
			run->chosen[q] &= ~bit;
		else if (bit == none)
			run->chosen[q] = bit;
		else if (__builtin_popcount(run->chosen[q] & ~none) < question->max)
			run->chosen[q] = (run->chosen[q] & ~none) | bit;
		run->answered[q] = run->chosen[q] != 0;
		run->skipped[q] = false;
		return false;
	}
	run->chosen[q] = 1u << o;
	run->answered[q] = true;
	run->skipped[q] = false;
	advance(run);
	return true;
}

void survey_next(struct survey_run *run)
{
	int q = run->current;

	if (q < 0)
		return;
	if (!run->chosen[q]) {
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
	run->chosen[q] = 0;
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
		} else if (question->type == CONTENT_QUESTION_MULTI) {
			a->kind = STORE_ANSWER_OPTIONS;
			a->options = &ids[nid];
			for (int o = 0; o < question->noptions; o++)
				if (run->chosen[q] & (1u << o))
					ids[nid++] = question->options[o].id;
			a->noptions = (int)(&ids[nid] - a->options);
		} else {
			a->kind = STORE_ANSWER_OPTION;
			for (int o = 0; o < question->noptions; o++)
				if (run->chosen[q] & (1u << o))
					a->option = question->options[o].id;
		}
	}
	return n;
}
