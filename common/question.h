/* SPDX-License-Identifier: EUPL-1.2 */
/* Question types. Each type is one const table entry: how its questions are
 * written in the bundle, how a tap changes an answer, and how an answer is written
 * to and read from the response document. The content parser, the survey engine
 * and the response validator ask the table; none of them checks a type itself, so
 * a new type is its entry here plus the drawing of its screen. */
#ifndef KIOSK_QUESTION_H
#define KIOSK_QUESTION_H

#include <jansson.h>
#include <stdbool.h>

struct content_question;

#define QUESTION_VALUES_MAX 8

/* One visitor's answer to one question: values whose meaning is the type's (for
 * the types with options, the indexes of the options chosen, ascending). n == 0:
 * nothing chosen yet. */
struct question_answer {
	int n;
	int values[QUESTION_VALUES_MAX];
};

struct question_type {
	const char *name; /* as written in the bundle's "type" */
	/* Whether the bundle lists the question's options; if not, options[] holds
	 * fixed ones (fixed, nfixed) that the kiosk labels in its own words. */
	bool listed_options;
	const char *const *fixed;
	int nfixed;
	/* Whether the bundle may give "max", how many may be chosen (default: all). */
	bool has_max;
	/* Whether the screen waits for "next" (several choices) instead of moving on
	 * at the first tap. */
	bool several;
	/* A tap on option o: changes *a; true when the question is answered and the
	 * survey moves on. */
	bool (*tap)(const struct content_question *q, struct question_answer *a, int o);
	/* Whether option o is part of *a (show_if, and the screen's marks). */
	bool (*has)(const struct content_question *q, const struct question_answer *a, int o);
	/* Adds *a to the answer object of the response document ("option" or
	 * "options"); false when out of memory. */
	bool (*to_json)(const struct content_question *q, const struct question_answer *a,
			json_t *obj);
	/* Reads the answer object's own fields (all but "q") into *a: NULL when they
	 * are a valid answer to q, else why not. */
	const char *(*from_json)(const struct content_question *q, json_t *obj,
				 struct question_answer *a);
};

/* The type named name, or NULL. */
const struct question_type *question_type_find(const char *name);

/* The names of every type, comma-separated, for messages ("single, multi, ..."). */
const char *question_type_names(void);

#endif
