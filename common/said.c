/* SPDX-License-Identifier: EUPL-1.2 */
/* Percentages are whole numbers, rounded half up, of the people who answered
 * the question (skips are not in n). */
#include "said.h"

#include <string.h>

int said_percent(int count, int n)
{
	return n > 0 ? (int)((200LL * count + n) / (2LL * n)) : 0;
}

const struct content_result_question *said_question(const struct content *c, int s, int q,
						    const struct content_result_survey **rs)
{
	for (int i = 0; c->results.present && i < c->results.nsurveys; i++) {
		const struct content_result_survey *r = &c->results.surveys[i];
		if (r->survey != s)
			continue;
		for (int k = 0; k < r->nquestions; k++) {
			if (r->questions[k].question == q) {
				if (rs)
					*rs = r;
				return &r->questions[k];
			}
		}
	}
	return NULL;
}

bool said_for_promise(const struct content *c, const struct content_promise *p, struct said *out)
{
	const struct content_because *b = &p->because;
	int sum = 0, known = 0;

	memset(out, 0, sizeof *out);
	if (!b->present || !(out->rq = said_question(c, b->survey, b->question, &out->rs)))
		return false;
	out->survey = &c->surveys[b->survey];
	out->question = &out->survey->questions[b->question];
	out->options = b->options;
	for (int o = 0; o < out->question->noptions; o++) {
		if (!(b->options & (1u << o)))
			continue;
		if (out->rq->counts[o] == CONTENT_COUNT_HIDDEN) {
			out->at_least = true;
		} else {
			sum += out->rq->counts[o];
			known++;
		}
	}
	out->n = out->rq->n;
	out->percent = said_percent(sum, out->n);
	return known > 0 && sum > 0;
}
