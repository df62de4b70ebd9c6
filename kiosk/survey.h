/* SPDX-License-Identifier: EUPL-1.2 */
/* One visitor's way through a survey: which question is on screen, what was
 * answered or skipped, back, which questions show_if hides, progress, and the
 * answers as the store keeps them. Pure logic: no drawing, no I/O. */
#ifndef KIOSK_SURVEY_H
#define KIOSK_SURVEY_H

#include "common/content.h"
#include "common/store.h"

#include <stdbool.h>
#include <stdint.h>

struct survey_run {
	const struct content_survey *survey; /* borrowed from the content */
	int current;			     /* question on screen; -1 when finished */
	struct question_answer answer[CONTENT_QUESTIONS_MAX]; /* see question_type */
	bool answered[CONTENT_QUESTIONS_MAX];
	bool skipped[CONTENT_QUESTIONS_MAX];
	int path[CONTENT_QUESTIONS_MAX]; /* questions shown before the current one */
	int depth;
	uint64_t started_ms;
};

/* Starts at the first question that is shown. */
void survey_start(struct survey_run *run, const struct content_survey *survey, uint64_t now_ms);

/* Whether question q is shown, given the answers so far. */
bool survey_shown(const struct survey_run *run, int q);

/* Taps option o of the current question, the way its type says: single, scale
 * and yes/no questions take it and move on (returns true); a multi question
 * toggles it, up to its max. */
bool survey_tap(struct survey_run *run, int o);

/* Whether option o of question q is part of its answer (answered, not skipped). */
bool survey_chosen(const struct survey_run *run, int q, int o);

/* Answers question q with option o as a tap would, but stays where it is: for
 * previews that show a question as a visitor reaches it. */
void survey_set(struct survey_run *run, int q, int o);

/* Moves on from the current question: a multi question keeps what is chosen (or
 * counts as skipped when nothing is). */
void survey_next(struct survey_run *run);

/* "Prefer not to answer": the current question is skipped. */
void survey_skip(struct survey_run *run);

/* Back to the previous question shown; false at the first. */
bool survey_back(struct survey_run *run);

/* Position of the current question among those shown (1-based) and how many are
 * shown in all, as far as the answers so far tell. */
void survey_progress(const struct survey_run *run, int *position, int *total);

/* Whether anything was answered (a skip counts): an abandoned survey is stored
 * only then. */
bool survey_touched(const struct survey_run *run);

/* The answers of the questions shown, in order, for the store: into out (room
 * for CONTENT_QUESTIONS_MAX), each answer's fields written by its question's type
 * into buf (RESPONSE_MAX bytes are always enough: no document is larger).
 * Returns how many, or -1 (logged) when buf is too small or out of memory.
 * Question ids borrow from the content, fields from buf. */
int survey_answers(const struct survey_run *run, struct store_answer *out, char *buf, size_t size);

#endif
