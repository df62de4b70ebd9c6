/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the survey engine on the demo survey: each question type, show_if,
 * skip, back, progress, and the answers exactly as the store receives them. */
#include "common/content.h"
#include "common/log.h"
#include "common/response.h"
#include "kiosk/survey.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static struct content *demo;
static const struct content_survey *sv;

static int setup(void **state)
{
	(void)state;
	log_set_level(LOG_LEVEL_ERROR);
	demo = content_load_file(SOURCE_DIR "/config/content.json", NULL);
	if (!demo || demo->nsurveys < 1)
		return -1;
	sv = &demo->surveys[0];
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	content_destroy(demo);
	return 0;
}

static int question(const char *id)
{
	for (int q = 0; q < sv->nquestions; q++)
		if (!strcmp(sv->questions[q].id, id))
			return q;
	fail_msg("no question %s", id);
	return -1;
}

static int option(const char *q, const char *id)
{
	const struct content_question *qq = &sv->questions[question(q)];
	for (int o = 0; o < qq->noptions; o++)
		if (!strcmp(qq->options[o].id, id))
			return o;
	fail_msg("no option %s in %s", id, q);
	return -1;
}

static void tap(struct survey_run *run, const char *q, const char *o)
{
	assert_int_equal(run->current, question(q));
	survey_tap(run, option(q, o));
}

static void progress_is(const struct survey_run *run, int pos, int total)
{
	int p, t;
	survey_progress(run, &p, &t);
	assert_int_equal(p, pos);
	assert_int_equal(t, total);
}

static void the_demo_survey_has_every_kind_of_question(void **state)
{
	(void)state;
	bool seen[3] = { false };
	static const char *const names[3] = { "scale", "multi", "single" };
	for (int q = 0; q < sv->nquestions; q++)
		for (int t = 0; t < 3; t++)
			seen[t] |= sv->questions[q].type == question_type_find(names[t]);
	assert_true(seen[0] && seen[1] && seen[2]);
	assert_int_equal(sv->nquestions, 5);
	assert_true(sv->questions[question("what-helps")].show_if_question ==
		    question("safety-evening"));
}

static void a_visitor_who_feels_safe_skips_what_helps(void **state)
{
	(void)state;
	struct survey_run run;
	struct store_answer a[CONTENT_QUESTIONS_MAX];
	char fields[RESPONSE_MAX];

	survey_start(&run, sv, 0);
	progress_is(&run, 1, 4);
	tap(&run, "safety-evening", "fairly_safe");
	progress_is(&run, 2, 4);
	/* Multi: up to three, toggling. */
	tap(&run, "problems", "litter");
	tap(&run, "problems", "poor_lighting");
	tap(&run, "problems", "drug_dealing");
	tap(&run, "problems", "reckless_driving"); /* a fourth is refused */
	tap(&run, "problems", "drug_dealing");	   /* untick */
	assert_int_equal(run.current, question("problems"));
	survey_next(&run);
	tap(&run, "change", "worse");
	tap(&run, "age", "age_65_79");
	assert_int_equal(run.current, -1);

	int n = survey_answers(&run, a, fields, sizeof fields);
	assert_int_equal(n, 4);
	assert_string_equal(a[0].question, "safety-evening");
	assert_string_equal(a[0].fields, "{\"option\":\"fairly_safe\"}");
	assert_string_equal(a[1].question, "problems");
	assert_string_equal(a[1].fields, "{\"options\":[\"litter\",\"poor_lighting\"]}");
	assert_string_equal(a[2].fields, "{\"option\":\"worse\"}");
	assert_string_equal(a[3].question, "age");
	assert_string_equal(a[3].fields, "{\"option\":\"age_65_79\"}");

	/* Room for less than the answers: none, rather than a part. */
	assert_int_equal(survey_answers(&run, a, fields, 40), -1);
}

static void feeling_unsafe_shows_what_helps(void **state)
{
	(void)state;
	struct survey_run run;
	survey_start(&run, sv, 0);
	tap(&run, "safety-evening", "very_unsafe");
	progress_is(&run, 2, 5);
	survey_skip(&run); /* problems */
	tap(&run, "change", "same");
	tap(&run, "what-helps", "better_lighting");
	progress_is(&run, 5, 5);
}

static void none_excludes_the_other_problems(void **state)
{
	(void)state;
	struct survey_run run;
	int q = question("problems");
	survey_start(&run, sv, 0);
	tap(&run, "safety-evening", "very_safe");
	tap(&run, "problems", "litter");
	tap(&run, "problems", "none");
	assert_true(survey_chosen(&run, q, option("problems", "none")));
	assert_false(survey_chosen(&run, q, option("problems", "litter")));
	tap(&run, "problems", "vandalism_graffiti");
	assert_true(survey_chosen(&run, q, option("problems", "vandalism_graffiti")));
	assert_false(survey_chosen(&run, q, option("problems", "none")));
	assert_false(survey_chosen(&run, q, option("problems", "litter")));
}

static void back_keeps_answers_and_drops_hidden_ones(void **state)
{
	(void)state;
	struct survey_run run;
	struct store_answer a[CONTENT_QUESTIONS_MAX];
	char fields[RESPONSE_MAX];

	survey_start(&run, sv, 0);
	assert_false(survey_back(&run));
	tap(&run, "safety-evening", "very_unsafe");
	survey_next(&run); /* nothing chosen: skipped */
	tap(&run, "change", "worse");
	tap(&run, "what-helps", "more_police");
	assert_int_equal(run.current, question("age"));
	/* All the way back to the first question, which still shows its answer. */
	assert_true(survey_back(&run));
	assert_int_equal(run.current, question("what-helps"));
	assert_true(survey_back(&run));
	assert_true(survey_back(&run));
	assert_true(survey_back(&run));
	assert_int_equal(run.current, question("safety-evening"));
	assert_true(survey_chosen(&run, run.current, option("safety-evening", "very_unsafe")));
	assert_false(survey_back(&run));
	/* A new answer hides "what helps": its old answer is not stored. */
	tap(&run, "safety-evening", "very_safe");
	survey_next(&run);
	tap(&run, "change", "worse");
	survey_skip(&run); /* age */
	assert_int_equal(run.current, -1);
	int n = survey_answers(&run, a, fields, sizeof fields);
	assert_int_equal(n, 4);
	assert_string_equal(a[0].fields, "{\"option\":\"very_safe\"}");
	assert_string_equal(a[1].fields, "{\"skipped\":true}");
	assert_string_equal(a[2].question, "change");
	assert_string_equal(a[3].question, "age");
	assert_string_equal(a[3].fields, "{\"skipped\":true}");
}

static void an_untouched_survey_is_not_touched(void **state)
{
	(void)state;
	struct survey_run run;
	survey_start(&run, sv, 0);
	assert_false(survey_touched(&run));
	survey_skip(&run);
	assert_true(survey_touched(&run));
}

static void yes_no_questions_have_yes_and_no(void **state)
{
	(void)state;
	static const char bundle[] =
		"{\"format\": 1, \"version\": \"t\", \"languages\": [\"sv\"],"
		" \"title\": {\"sv\": \"T\"}, \"promises\": [],"
		" \"surveys\": [{\"id\": \"s\", \"version\": 1, \"title\": {\"sv\": \"S\"},"
		" \"intro\": {\"sv\": \"I\"}, \"active\": {\"from\": \"2026-01-01\", \"to\": "
		"\"2026-12-31\"},"
		" \"questions\": [{\"id\": \"walk\", \"type\": \"yesno\", \"text\": {\"sv\": \"Går "
		"du?\"}},"
		" {\"id\": \"why\", \"type\": \"single\", \"text\": {\"sv\": \"Varför?\"},"
		"  \"options\": [{\"id\": \"a\", \"label\": {\"sv\": \"A\"}}, {\"id\": \"b\", "
		"\"label\": {\"sv\": \"B\"}}],"
		"  \"show_if\": {\"question\": \"walk\", \"options\": [\"no\"]}}]}]}";
	struct content *c = content_load_buffer(bundle, sizeof bundle - 1, NULL);
	struct survey_run run;
	struct store_answer a[CONTENT_QUESTIONS_MAX];
	char fields[RESPONSE_MAX];

	assert_non_null(c);
	assert_int_equal(c->surveys[0].questions[0].noptions, 2);
	survey_start(&run, &c->surveys[0], 0);
	survey_tap(&run, 0); /* yes: "why" is not asked */
	assert_int_equal(run.current, -1);
	assert_int_equal(survey_answers(&run, a, fields, sizeof fields), 1);
	assert_string_equal(a[0].fields, "{\"option\":\"yes\"}");
	survey_start(&run, &c->surveys[0], 0);
	survey_tap(&run, 1); /* no */
	assert_int_equal(run.current, 1);
	content_destroy(c);
}

static void active_days_include_both_ends(void **state)
{
	(void)state;
	struct content_date before = { 2025, 12, 31 }, first = { 2026, 1, 1 },
			    last = { 2027, 6, 30 }, after = { 2027, 7, 1 };
	assert_false(content_survey_active(sv, &before));
	assert_true(content_survey_active(sv, &first));
	assert_true(content_survey_active(sv, &last));
	assert_false(content_survey_active(sv, &after));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_demo_survey_has_every_kind_of_question),
		cmocka_unit_test(a_visitor_who_feels_safe_skips_what_helps),
		cmocka_unit_test(feeling_unsafe_shows_what_helps),
		cmocka_unit_test(none_excludes_the_other_problems),
		cmocka_unit_test(back_keeps_answers_and_drops_hidden_ones),
		cmocka_unit_test(an_untouched_survey_is_not_touched),
		cmocka_unit_test(yes_no_questions_have_yes_and_no),
		cmocka_unit_test(active_days_include_both_ends),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
