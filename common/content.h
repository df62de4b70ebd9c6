/* SPDX-License-Identifier: EUPL-1.2 */
/* The content bundle: what staff publish (promises, their progress, links, opening
 * hours), parsed from JSON into a typed model and validated so that everything in a
 * loaded bundle can be shown correctly on every screen size and in every language. */
#ifndef KIOSK_CONTENT_H
#define KIOSK_CONTENT_H

#include "question.h"

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

#define CONTENT_FORMAT	     1
#define CONTENT_LANGS_MAX    8
#define CONTENT_PROMISES_MAX 30
#define CONTENT_UPDATES_MAX  20
#define CONTENT_LINKS_MAX    6
#define CONTENT_PARTIES_MAX  6
#define CONTENT_HOURS_MAX    4
#define CONTENT_FILE_MAX     (1024 * 1024)
/* Longest URL, in bytes. With the kiosk's source parameter (at most 32 bytes more,
 * see CONFIG_SOURCE_MAX) it fits a QR code of version 10 at error correction M
 * (213 bytes, 57 modules), which a phone reads from half a metre at the module
 * sizes the screens use. */
#define CONTENT_URL_MAX 180

/* Longest texts, in characters (Unicode code points). */
#define CONTENT_TITLE_MAX    90
#define CONTENT_BODY_MAX     1500
#define CONTENT_AREA_MAX     80
#define CONTENT_UPDATE_MAX   400
#define CONTENT_LABEL_MAX    60
#define CONTENT_QUESTION_MAX 160
#define CONTENT_OPTION_MAX   40
#define CONTENT_INTRO_MAX    200

#define CONTENT_SURVEYS_MAX	5
#define CONTENT_ASSETS_MAX	20
#define CONTENT_ASSET_BYTES_MAX (5 * 1024 * 1024)
#define CONTENT_QUESTIONS_MAX	12
/* Options of one question: seven buttons of at least 10 mm fit beside the question
 * on a 800x480 screen. */
#define CONTENT_OPTIONS_MAX 7

enum content_status {
	CONTENT_STATUS_PLANNED,
	CONTENT_STATUS_IN_PROGRESS,
	CONTENT_STATUS_DONE,
	CONTENT_STATUS_PAUSED,
};

/* A translatable text: text[i] is the text in the bundle's languages[i]. A missing
 * translation holds the first language's text, so no entry is ever NULL. */
struct content_text {
	const char *text[CONTENT_LANGS_MAX];
};

struct content_date {
	int year, month, day;
};

struct content_link {
	const char *id; /* NULL for a promise's own link */
	const char *url;
	struct content_text label;
};

struct content_update {
	struct content_date date;
	struct content_text text;
};

/* The answers that motivated a promise: options of a question of a survey. */
struct content_because {
	bool present;
	int survey, question; /* indexes in the bundle */
	unsigned options;     /* a bit per option index */
};

struct content_promise {
	const char *id;
	struct content_text title, body, area;
	bool has_area;
	const char *parties[CONTENT_PARTIES_MAX]; /* ids, see content_party_ids */
	int nparties;
	struct content_date from, to;
	enum content_status status;
	struct content_update *updates; /* oldest first */
	int nupdates;
	struct content_link link;
	bool has_link;
	struct content_because because;
};

struct content_option {
	const char *id;
	struct content_text label; /* empty for a type's fixed options (yes/no): the
				    * kiosk's own words are used */
};

struct content_question {
	const char *id;
	const struct question_type *type; /* see common/question.h */
	struct content_text text;
	struct content_option options[CONTENT_OPTIONS_MAX];
	int noptions;
	int max; /* how many may be chosen: 1 unless the type has a max */
	/* Shown only if question show_if_question (an earlier one; -1: always shown)
	 * was answered with one of the options in the show_if_options bit set. */
	int show_if_question;
	unsigned show_if_options;
};

struct content_survey {
	const char *id;
	int version;
	struct content_text title, intro;
	struct content_date from, to; /* active on these days, both included */
	int min_duration_s;	      /* faster than this is flagged "fast" */
	struct content_question *questions;
	int nquestions;
	struct content_link followup;
	bool has_followup;
};

/* The smallest count the central service may publish, whatever its min_n. */
#define CONTENT_MIN_N 5
/* An option's count that was below min_n and so not published ("fewer than"). */
#define CONTENT_COUNT_HIDDEN (-1)

/* Published results of a question: how many answered it, and per option index
 * how many chose it (CONTENT_COUNT_HIDDEN when not published). */
struct content_result_question {
	int question; /* index in the survey */
	int n;
	int counts[CONTENT_OPTIONS_MAX];
};

struct content_result_survey {
	int survey; /* index in the bundle */
	int n;	    /* responses counted */
	struct content_date since;
	struct content_result_question questions[CONTENT_QUESTIONS_MAX];
	int nquestions;
};

/* What the group's visitors said, as the central service published it once a
 * day: counts of min_n or more only. */
struct content_results {
	bool present;
	struct content_date as_of;
	int min_n;
	struct content_result_survey surveys[CONTENT_SURVEYS_MAX];
	int nsurveys;
};

/* A file the bundle needs (an image, a map): kiosk-sync fetches it, checks its
 * size and SHA-256, and puts it beside the bundle under its name. */
struct content_asset {
	const char *name;   /* a-z 0-9 . _ -, not starting with a dot */
	const char *url;    /* https://..., or relative to the central service's base URL */
	const char *sha256; /* 64 lowercase hex digits */
	long bytes;
};

/* Opening hours of one weekday, in minutes after midnight, open <= t < close. */
struct content_day {
	struct {
		int open, close;
	} ranges[CONTENT_HOURS_MAX];
	int nranges;
};

struct content {
	const char *version;
	struct content_text title;
	const char *languages[CONTENT_LANGS_MAX];
	int nlanguages;
	int idle_timeout_s;
	bool has_hours;		     /* false: always open */
	struct content_day hours[7]; /* 0 = Monday */
	struct content_promise *promises;
	int npromises;
	struct content_link *links;
	int nlinks;
	struct content_survey *surveys;
	int nsurveys;
	struct content_asset *assets;
	int nassets;
	struct content_results results;
	void *json; /* the parsed document; every string above points into it */
};

#define CONTENT_DIAG_MAX 64

/* What validation found. Errors make a bundle unusable; warnings do not. */
struct content_diag {
	struct {
		bool error;
		char path[128]; /* JSON path, e.g. promises[2].title.ar; or line:column */
		char where[160]; /* the same for people: promise 3 (its-id), title, ar */
		char message[200];
	} items[CONTENT_DIAG_MAX];
	int n, nerrors, nwarnings;
};

/* Parses and validates a bundle. Returns NULL when it has any error; diag (may be
 * NULL) then says what and where. The caller owns the result: content_destroy. */
struct content *content_load_file(const char *path, struct content_diag *diag);
struct content *content_load_buffer(const char *data, size_t len, struct content_diag *diag);
void content_destroy(struct content *c);

/* Index of language code in the bundle, or 0 (its first language) if absent. */
int content_lang_index(const struct content *c, const char *code);

/* Formats item i as "error: PATH: MESSAGE". */
void content_diag_format(const struct content_diag *diag, int i, char *buf, size_t size);

/* Writes every problem of diag to out, one line each as "file: error: path:
 * message", and how many more there were beyond CONTENT_DIAG_MAX. */
void content_diag_print(const struct content_diag *diag, const char *file, FILE *out);

/* The party ids a bundle may use, NULL-terminated. */
extern const char *const content_party_ids[];

const char *content_status_name(enum content_status status);

/* Whether survey s is active on the given day. */
bool content_survey_active(const struct content_survey *s, const struct content_date *day);

#endif
