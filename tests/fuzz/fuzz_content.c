/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target for the content bundle parser: any bytes staff (or a hostile
 * server) might publish go through content_load_buffer. A bundle it accepts must
 * hold what the screens rely on: no NULL text in any language, counts within the
 * limits, ids present. */
#include "fuzz.h"
#include "common/content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_text(const struct content *c, const struct content_text *t)
{
	for (int i = 0; i < c->nlanguages; i++)
		FUZZ_CHECK(t->text[i] != NULL);
}

static void check_bundle(const struct content *c)
{
	FUZZ_CHECK(c->version && *c->version);
	FUZZ_CHECK(c->nlanguages >= 1 && c->nlanguages <= CONTENT_LANGS_MAX);
	FUZZ_CHECK(c->npromises >= 0 && c->npromises <= CONTENT_PROMISES_MAX);
	FUZZ_CHECK(c->nlinks >= 0 && c->nlinks <= CONTENT_LINKS_MAX);
	FUZZ_CHECK(c->nsurveys >= 0 && c->nsurveys <= CONTENT_SURVEYS_MAX);
	FUZZ_CHECK(c->nassets >= 0 && c->nassets <= CONTENT_ASSETS_MAX);
	FUZZ_CHECK(c->idle_timeout_s >= 20 && c->idle_timeout_s <= 600);
	check_text(c, &c->title);
	for (int i = 0; i < c->nlanguages; i++)
		FUZZ_CHECK(content_lang_index(c, c->languages[i]) == i);
	for (int i = 0; i < c->npromises; i++) {
		const struct content_promise *p = &c->promises[i];
		FUZZ_CHECK(p->id && *p->id);
		check_text(c, &p->title);
		check_text(c, &p->body);
		FUZZ_CHECK(p->nupdates >= 0 && p->nupdates <= CONTENT_UPDATES_MAX);
		for (int u = 0; u < p->nupdates; u++)
			check_text(c, &p->updates[u].text);
		if (p->has_link) {
			FUZZ_CHECK(p->link.url && strlen(p->link.url) <= CONTENT_URL_MAX);
			check_text(c, &p->link.label);
		}
		FUZZ_CHECK(content_status_name(p->status) != NULL);
	}
	for (int i = 0; i < c->nlinks; i++) {
		FUZZ_CHECK(c->links[i].url && strlen(c->links[i].url) <= CONTENT_URL_MAX);
		check_text(c, &c->links[i].label);
	}
	for (int i = 0; i < c->nsurveys; i++) {
		const struct content_survey *s = &c->surveys[i];
		FUZZ_CHECK(s->nquestions >= 1 && s->nquestions <= CONTENT_QUESTIONS_MAX);
		check_text(c, &s->title);
		check_text(c, &s->intro);
		(void)content_survey_active(s, &s->from);
		for (int q = 0; q < s->nquestions; q++) {
			const struct content_question *qu = &s->questions[q];
			FUZZ_CHECK(qu->noptions >= 2 && qu->noptions <= CONTENT_OPTIONS_MAX);
			FUZZ_CHECK(qu->show_if_question < q);
			check_text(c, &qu->text);
			for (int o = 0; o < qu->noptions; o++)
				FUZZ_CHECK(qu->options[o].id != NULL);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content_diag diag;
	char line[512];
	struct content *c = content_load_buffer((const char *)data, size, &diag);

	FUZZ_CHECK((c != NULL) == (diag.nerrors == 0));
	FUZZ_CHECK(diag.n <= CONTENT_DIAG_MAX);
	for (int i = 0; i < diag.n; i++)
		content_diag_format(&diag, i, line, sizeof line);
	if (c)
		check_bundle(c);
	content_destroy(c);
	return 0;
}
