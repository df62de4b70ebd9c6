/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the question types: found by name, how taps change an answer, and an
 * answer written to the response document and read back, for every type. */
#include "common/content.h"
#include "common/question.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static struct content_question make(const char *type, int noptions, int max)
{
	static const char *const ids[] = { "a", "b", "c", "d", "none" };
	struct content_question q = { .id = "q", .type = question_type_find(type), .max = max };
	for (int i = 0; i < noptions; i++)
		q.options[i].id = ids[i];
	q.noptions = noptions;
	return q;
}

static void every_type_is_found_by_its_name(void **state)
{
	static const char *const names[] = { "single", "multi", "scale", "yesno" };
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct question_type *t = question_type_find(names[i]);
		assert_non_null(t);
		assert_string_equal(t->name, names[i]);
		assert_non_null(strstr(question_type_names(), names[i]));
		assert_true(t->tap && t->has && t->to_json && t->from_json);
	}
	assert_null(question_type_find("slider"));
	assert_null(question_type_find(NULL));
	assert_string_equal(question_type_names(), "single, multi, scale, yesno");
}

static void yes_and_no_are_fixed_options(void **state)
{
	const struct question_type *t = question_type_find("yesno");
	(void)state;
	assert_false(t->listed_options);
	assert_int_equal(t->nfixed, 2);
	assert_string_equal(t->fixed[0], "yes");
	assert_string_equal(t->fixed[1], "no");
	assert_true(question_type_find("single")->listed_options);
}

static void one_tap_answers_a_single_choice(void **state)
{
	static const char *const types[] = { "single", "scale", "yesno" };
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct content_question q = make(types[i], 3, 1);
		struct question_answer a = { 0 };
		assert_false(q.type->several);
		assert_true(q.type->tap(&q, &a, 2));
		assert_true(q.type->has(&q, &a, 2));
		assert_true(q.type->tap(&q, &a, 0));
		assert_true(q.type->has(&q, &a, 0));
		assert_false(q.type->has(&q, &a, 2));
	}
}

static void multi_toggles_up_to_max_and_none_stands_alone(void **state)
{
	struct content_question q = make("multi", 5, 2);
	struct question_answer a = { 0 };
	(void)state;

	assert_true(q.type->several);
	assert_false(q.type->tap(&q, &a, 2));
	assert_false(q.type->tap(&q, &a, 0));
	assert_false(q.type->tap(&q, &a, 1)); /* over max: ignored */
	assert_int_equal(a.n, 2);
	assert_int_equal(a.values[0], 0); /* ascending, whatever the order of taps */
	assert_int_equal(a.values[1], 2);
	q.type->tap(&q, &a, 2);
	assert_int_equal(a.n, 1);
	assert_false(q.type->has(&q, &a, 2));
	q.type->tap(&q, &a, 4); /* none */
	assert_int_equal(a.n, 1);
	assert_true(q.type->has(&q, &a, 4));
	q.type->tap(&q, &a, 3);
	assert_int_equal(a.n, 1);
	assert_true(q.type->has(&q, &a, 3));
	assert_false(q.type->has(&q, &a, 4));
}

static json_t *written(const struct content_question *q, const struct question_answer *a)
{
	json_t *obj = json_pack("{s:s}", "q", q->id);
	assert_true(q->type->to_json(q, a, obj));
	return obj;
}

static void answers_read_back_as_written(void **state)
{
	static const char *const types[] = { "single", "multi", "scale", "yesno" };
	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct content_question q = make(types[i], 4, 3);
		struct question_answer a = { 0 }, back = { 0 };
		q.type->tap(&q, &a, 3);
		q.type->tap(&q, &a, 1);
		json_t *obj = written(&q, &a);
		assert_null(q.type->from_json(&q, obj, &back));
		assert_int_equal(back.n, a.n);
		assert_memory_equal(back.values, a.values, (size_t)a.n * sizeof a.values[0]);
		char *text = json_dumps(obj, JSON_COMPACT);
		assert_string_equal(text, q.type->several ? "{\"q\":\"q\",\"options\":[\"b\",\"d\"]}"
							  : "{\"q\":\"q\",\"option\":\"b\"}");
		free(text);
		json_decref(obj);
	}
}

static void a_wrong_answer_is_named(void **state)
{
	static const struct {
		const char *type, *doc, *reason;
	} cases[] = {
		{ "single", "{\"q\":\"q\",\"option\":\"x\"}", "unknown option" },
		{ "single", "{\"q\":\"q\",\"option\":3}", "unknown option" },
		{ "single", "{\"q\":\"q\",\"options\":[\"a\"]}", "give one \"option\"" },
		{ "yesno", "{\"q\":\"q\",\"option\":\"a\",\"more\":1}", "give one \"option\"" },
		{ "multi", "{\"q\":\"q\",\"option\":\"a\"}", "give a list of \"options\"" },
		{ "multi", "{\"q\":\"q\",\"options\":[]}", "too many or no options" },
		{ "multi", "{\"q\":\"q\",\"options\":[\"a\",\"b\",\"c\"]}", "too many or no options" },
		{ "multi", "{\"q\":\"q\",\"options\":[\"a\",\"a\"]}", "an option given twice" },
		{ "multi", "{\"q\":\"q\",\"options\":[\"a\",\"zz\"]}", "unknown option" },
		{ "multi", "{\"q\":\"q\",\"options\":[\"none\",\"a\"]}", "\"none\" with other options" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct content_question q = make(cases[i].type, 5, 2);
		struct question_answer a = { 0 };
		json_t *obj = json_loads(cases[i].doc, 0, NULL);
		const char *why = q.type->from_json(&q, obj, &a);
		if (!why || strcmp(why, cases[i].reason))
			fail_msg("case %zu: %s", i, why ? why : "accepted");
		json_decref(obj);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_type_is_found_by_its_name),
		cmocka_unit_test(yes_and_no_are_fixed_options),
		cmocka_unit_test(one_tap_answers_a_single_choice),
		cmocka_unit_test(multi_toggles_up_to_max_and_none_stands_alone),
		cmocka_unit_test(answers_read_back_as_written),
		cmocka_unit_test(a_wrong_answer_is_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
