/* SPDX-License-Identifier: EUPL-1.2 */
/* The response document of the central service protocol: one visitor's answers to
 * one survey, as the kiosk stores and uploads it and the central service checks
 * it. Built here for the kiosk's store; validated here, against the survey it
 * names, for the central service. */
#ifndef KIOSK_RESPONSE_H
#define KIOSK_RESPONSE_H

#include "content.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Bytes of one document, at most: a full batch stays under PROTOCOL_BODY_MAX. */
#define RESPONSE_MAX	    8192
#define RESPONSE_ID_LEN	    36 /* a UUID, lowercase */
#define RESPONSE_FLAG_FAST  1u /* completed faster than the survey's plausible minimum */
#define RESPONSE_REASON_MAX 160

/* One answer: the question's id and the answer's own fields as a JSON object, as
 * the question's type writes them (struct question_type's to_json), or
 * {"skipped": true}. The document's answer is {"q": question, ...fields}. */
struct response_answer {
	const char *question;
	const char *fields; /* e.g. {"option":"fairly_safe"} */
};

/* Whether fields is a valid answer's fields: a JSON object, not empty, without
 * "q". */
bool response_fields_ok(const char *fields);

/* A response as the kiosk has it. The document carries less: the hour of
 * submitted (UTC) and duration_s rounded to 5 seconds, so no visitor stands out. */
struct response {
	const char *id;
	const char *survey_id;
	int survey_version;
	const char *content_version;
	const char *language;
	time_t submitted;
	bool clock_synced;
	bool complete; /* false: abandoned part-way */
	int duration_s;
	const struct response_answer *answers;
	int nanswers;
	unsigned flags; /* RESPONSE_FLAG_* */
};

/* The document as compact JSON, keys in the protocol's order; the caller frees
 * it. NULL when out of memory or a string is not UTF-8. A document over
 * RESPONSE_MAX bytes is built but will be refused. */
char *response_build(const struct response *r);

/* Checks a document received from a kiosk against the bundle c it names (the
 * central service keeps every bundle it published): true only when all of it is
 * a valid response to one of c's surveys. Otherwise reason (size bytes, at least
 * RESPONSE_REASON_MAX is enough) says why in a few words, and nothing of it may
 * be stored. id (RESPONSE_ID_LEN + 1 bytes, may be NULL) receives the document's
 * id whenever it has a well-formed one, even when it is refused, else "". */
bool response_validate(const char *text, size_t len, const struct content *c, char *id,
		       char *reason, size_t size);

#endif
