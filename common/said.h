/* SPDX-License-Identifier: EUPL-1.2 */
/* "You said": what the bundle's published results say about the answers that
 * motivated a promise, ready for a screen to put in words. */
#ifndef KIOSK_SAID_H
#define KIOSK_SAID_H

#include "common/content.h"

#include <stdbool.h>

struct said {
	const struct content_survey *survey;
	const struct content_question *question;
	const struct content_result_survey *rs;
	const struct content_result_question *rq;
	unsigned options; /* the motivating options, a bit per option index */
	int percent;	  /* whole percent of those who answered the question */
	int n;		  /* how many answered it */
	bool at_least;	  /* an option was below min_n and is not counted in percent */
};

/* The published results of question q of survey s, or NULL; *rs (may be NULL)
 * gets the survey's. */
const struct content_result_question *said_question(const struct content *c, int s, int q,
						    const struct content_result_survey **rs);

/* What visitors said about promise p: false when p has no "because" or its
 * question's results are not published, or none of its options has a count. */
bool said_for_promise(const struct content *c, const struct content_promise *p, struct said *out);

/* Whole percent of count in n, rounded half up; 0 when n is 0. */
int said_percent(int count, int n);

#endif
