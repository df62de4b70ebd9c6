/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the response document: what the kiosk builds reads back as valid, and
 * the central service's check refuses, with a reason, everything a confused or
 * hostile client could send, on the demo survey. */
#include "common/content.h"
#include "common/log.h"
#include "common/response.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define UUID "0b7e3c1a-2f4d-4e6a-9c8b-1d2e3f4a5b6c"

static struct content *demo;

static int setup(void **state)
{
	(void)state;
	log_set_level(LOG_LEVEL_ERROR);
	demo = content_load_file(SOURCE_DIR "/config/content.json", NULL);
	return demo ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	content_destroy(demo);
	return 0;
}

static const struct response_answer answers[] = {
	{ "safety-evening", "{\"option\": \"fairly_unsafe\"}" },
	{ "problems", "{\"options\": [\"litter\", \"poor_lighting\"]}" },
	{ "change", "{\"skipped\": true}" },
	{ "what-helps", "{\"option\": \"better_lighting\"}" },
};

static const struct response sample = {
	.id = UUID,
	.survey_id = "trygghet-2026",
	.survey_version = 1,
	.content_version = "2026-11-20.1",
	.language = "sv",
	.submitted = 1795000000 + 1799, /* 2026-11-18T11:36:39Z */
	.clock_synced = true,
	.complete = true,
	.duration_s = 42,
	.answers = answers,
	.nanswers = 4,
	.flags = RESPONSE_FLAG_FAST,
};

static bool valid(const char *doc, char *reason)
{
	char id[RESPONSE_ID_LEN + 1];
	return response_validate(doc, strlen(doc), demo, id, reason, RESPONSE_REASON_MAX);
}

static void a_built_document_is_the_protocols_and_valid(void **state)
{
	char id[RESPONSE_ID_LEN + 1], reason[RESPONSE_REASON_MAX];
	(void)state;

	char *doc = response_build(&sample);
	assert_non_null(doc);
	assert_string_equal(
		doc, "{\"id\":\"" UUID "\",\"survey_id\":\"trygghet-2026\",\"survey_version\":1,"
		     "\"content_version\":\"2026-11-20.1\",\"language\":\"sv\","
		     "\"submitted_hour\":\"2026-11-18T11:00Z\",\"clock_synced\":true,"
		     "\"status\":\"complete\",\"duration_s\":40,\"answers\":["
		     "{\"q\":\"safety-evening\",\"option\":\"fairly_unsafe\"},"
		     "{\"q\":\"problems\",\"options\":[\"litter\",\"poor_lighting\"]},"
		     "{\"q\":\"change\",\"skipped\":true},"
		     "{\"q\":\"what-helps\",\"option\":\"better_lighting\"}],\"flags\":[\"fast\"]}");
	assert_true(response_validate(doc, strlen(doc), demo, id, reason, sizeof reason));
	assert_string_equal(id, UUID);
	assert_string_equal(reason, "");
	free(doc);
}

static void broken_text_is_not_built(void **state)
{
	struct response r = sample;
	struct response_answer a[4];
	static const char *const bad_fields[] = { NULL, "", "[1]", "{}", "{\"q\": \"x\"}",
						  "{\"option\": \"caf\xe9\"}", "{\"option\": " };
	(void)state;
	r.language = "s\xffv";
	assert_null(response_build(&r));
	for (size_t i = 0; i < sizeof bad_fields / sizeof bad_fields[0]; i++) {
		r = sample;
		memcpy(a, answers, sizeof a);
		a[1].fields = bad_fields[i];
		r.answers = a;
		assert_false(response_fields_ok(bad_fields[i]));
		assert_null(response_build(&r));
	}
}

/* The sample document with one substring replaced. */
static char *variant(const char *from, const char *to)
{
	char *doc = response_build(&sample);
	char *at = strstr(doc, from);
	assert_non_null(at);
	size_t size = strlen(doc) - strlen(from) + strlen(to) + 1;
	char *out = malloc(size);
	snprintf(out, size, "%.*s%s%s", (int)(at - doc), doc, to, at + strlen(from));
	free(doc);
	return out;
}

static void every_kind_of_mistake_is_refused_with_its_reason(void **state)
{
	static const struct {
		const char *from, *to, *reason;
	} cases[] = {
		{ "\"trygghet-2026\"", "\"trygghet-1999\"", "unknown survey \"trygghet-1999\"" },
		{ "\"survey_version\":1", "\"survey_version\":2", "survey trygghet-2026 has no such version" },
		{ "\"q\":\"change\"", "\"q\":\"q9\"", "unknown question \"q9\"" },
		{ "\"fairly_unsafe\"", "\"rather_unsafe\"", "question safety-evening: unknown option" },
		{ "\"litter\"", "\"graffiti\"", "question problems: unknown option" },
		{ "\"q\":\"change\"", "\"q\":\"safety-evening\"", "question safety-evening answered twice" },
		{ "\"option\":\"fairly_unsafe\"", "\"option\":\"very_safe\"",
		  "question what-helps is answered but its show_if hides it" },
		{ "\"option\":\"fairly_unsafe\"", "\"skipped\":true",
		  "question what-helps is answered but its show_if hides it" },
		{ "\"poor_lighting\"]", "\"poor_lighting\",\"litter\"]",
		  "question problems: an option given twice" },
		{ "\"poor_lighting\"]", "\"poor_lighting\",\"none\"]",
		  "question problems: \"none\" with other options" },
		{ "\"poor_lighting\"]", "\"poor_lighting\",\"drug_dealing\",\"none\"]",
		  "question problems: too many or no options" },
		{ "[\"litter\",\"poor_lighting\"]", "[]", "question problems: too many or no options" },
		{ "\"option\":\"fairly_unsafe\"", "\"options\":[\"fairly_unsafe\"]",
		  "question safety-evening: give one \"option\"" },
		{ "\"options\":[", "\"option\":[", "question problems: give a list of \"options\"" },
		{ "\"skipped\":true", "\"skipped\":false",
		  "question change: skipped must be true, and alone" },
		{ "\"skipped\":true", "\"skipped\":true,\"option\":\"same\"",
		  "question change: skipped must be true, and alone" },
		{ "\"option\":\"better_lighting\"", "\"option\":\"better_lighting\",\"x\":1",
		  "question what-helps: give one \"option\"" },
		{ "{\"q\":\"change\",\"skipped\":true}", "7", "an answer is not {\"q\": ..., ...}" },
		{ "\"flags\":[\"fast\"]", "\"flags\":[\"fast\",\"fast\"]", "a flag given twice" },
		{ "\"flags\":[\"fast\"]", "\"flags\":[\"slow\"]", "unknown flag" },
		{ "\"flags\":[\"fast\"]", "\"flags\":\"fast\"", "flags is not a list" },
		{ "\"duration_s\":40", "\"duration_s\":42", "duration_s is not whole seconds rounded to 5" },
		{ "\"duration_s\":40", "\"duration_s\":-5", "duration_s is not whole seconds rounded to 5" },
		{ "\"duration_s\":40", "\"duration_s\":\"40\"", "duration_s is not whole seconds rounded to 5" },
		{ "T11:00Z", "T11:17Z", "submitted_hour is not an hour (YYYY-MM-DDTHH:00Z)" },
		{ "\"complete\"", "\"done\"", "status is neither complete nor abandoned" },
		{ "\"clock_synced\":true", "\"clock_synced\":1", "clock_synced is not true or false" },
		{ "\"language\":\"sv\"", "\"language\":\"\"", "language is not a language code" },
		{ "\"content_version\":\"2026-11-20.1\"", "\"content_version\":null",
		  "content_version is not a version" },
		{ "\"survey_id\":\"trygghet-2026\"", "\"survey_id\":5", "survey_id is not a string" },
		{ "\"answers\":[", "\"answers\":{\"a\":[", "not JSON: " },
		{ "\"flags\"", "\"extra\":1,\"flags\"", "unknown field \"extra\"" },
		{ ",\"flags\":[\"fast\"]", "", "a field is missing" },
		{ "\"id\":\"" UUID "\"", "\"id\":\"0B7E3C1A-2F4D-4E6A-9C8B-1D2E3F4A5B6C\"",
		  "id is not a lowercase UUID" },
		{ "\"id\":\"" UUID "\"", "\"id\":\"" UUID "0\"", "id is not a lowercase UUID" },
		{ "\"language\":\"sv\"", "\"language\":\"sv\",\"language\":\"en\"", "not JSON: " },
		{ "\"answers\":[", "\"answers\":{}", "not JSON: " },
	};
	char reason[RESPONSE_REASON_MAX];
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *doc = variant(cases[i].from, cases[i].to);
		bool ok = valid(doc, reason);
		if (ok || strncmp(reason, cases[i].reason, strlen(cases[i].reason)))
			fail_msg("case %zu (%s): \"%s\"", i, cases[i].to, ok ? "accepted" : reason);
		free(doc);
	}
}

static void the_id_of_a_refused_document_is_still_known(void **state)
{
	char id[RESPONSE_ID_LEN + 1], reason[RESPONSE_REASON_MAX];
	(void)state;

	char *doc = variant("\"trygghet-2026\"", "\"nope\"");
	assert_false(response_validate(doc, strlen(doc), demo, id, reason, sizeof reason));
	assert_string_equal(id, UUID);
	free(doc);
	assert_false(response_validate("[]", 2, demo, id, reason, sizeof reason));
	assert_string_equal(id, "");
}

static void hostile_documents_are_refused(void **state)
{
	char reason[RESPONSE_REASON_MAX];
	(void)state;

	/* Deep nesting and huge arrays are over the size limit before any parsing. */
	size_t big = RESPONSE_MAX + 1;
	char *deep = malloc(big + 1);
	memset(deep, '[', big);
	deep[big] = '\0';
	assert_false(valid(deep, reason));
	assert_string_equal(reason, "over 8192 bytes");
	char *wide = malloc(3 * 5000 + 3);
	size_t n = (size_t)sprintf(wide, "[");
	for (int i = 0; i < 5000; i++)
		n += (size_t)sprintf(wide + n, "%s1", i ? "," : "");
	sprintf(wide + n, "]");
	assert_false(valid(wide, reason));
	free(deep);
	free(wide);

	/* Nesting within the limit is only a document of the wrong shape. */
	char *nested = variant("\"flags\":[\"fast\"]", "\"flags\":[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	assert_false(valid(nested, reason));
	assert_string_equal(reason, "unknown flag");
	free(nested);

	/* Invalid UTF-8, a NUL inside a string, and a cut-off document. */
	char *bad = variant("\"sv\"", "\"s\xc3\x28\"");
	assert_false(valid(bad, reason));
	assert_memory_equal(reason, "not JSON", 8);
	free(bad);
	char *nul = variant("\"sv\"", "\"s\\u0000v\"");
	assert_false(valid(nul, reason));
	free(nul);
	char *doc = response_build(&sample);
	assert_false(response_validate(doc, strlen(doc) / 2, demo, NULL, reason, sizeof reason));
	assert_false(response_validate("", 0, demo, NULL, reason, sizeof reason));
	free(doc);

	/* As many answers as fit: a second answer to a question is refused. */
	char *many = variant("{\"q\":\"change\",\"skipped\":true}",
			     "{\"q\":\"change\",\"skipped\":true},{\"q\":\"change\",\"skipped\":true}");
	assert_false(valid(many, reason));
	assert_string_equal(reason, "question change answered twice");
	free(many);
}

static void a_long_reason_is_cut_to_its_buffer(void **state)
{
	char reason[12];
	(void)state;
	char *doc = variant("\"q\":\"change\"", "\"q\":\"a-very-long-question-id\"");
	assert_false(response_validate(doc, strlen(doc), demo, NULL, reason, sizeof reason));
	assert_string_equal(reason, "unknown que");
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_built_document_is_the_protocols_and_valid),
		cmocka_unit_test(broken_text_is_not_built),
		cmocka_unit_test(every_kind_of_mistake_is_refused_with_its_reason),
		cmocka_unit_test(the_id_of_a_refused_document_is_still_known),
		cmocka_unit_test(hostile_documents_are_refused),
		cmocka_unit_test(a_long_reason_is_cut_to_its_buffer),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
