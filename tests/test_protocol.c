/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the protocol's fixed parts: endpoint paths, the heartbeat's keys, and
 * the upload receipt as the central service builds it and kiosk-sync reads it. */
#include "common/protocol.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

static const char *const batch[] = { "id-a", "id-b", "id-c" };

static void endpoints_sit_under_the_kiosk(void **state)
{
	char path[64];
	(void)state;
	assert_true(protocol_path(PROTOCOL_CONTENT, "bib-1", path, sizeof path));
	assert_string_equal(path, "/kiosks/bib-1/content");
	assert_true(protocol_path(PROTOCOL_RESPONSES, "bib-1", path, sizeof path));
	assert_string_equal(path, "/kiosks/bib-1/responses");
	assert_true(protocol_path(PROTOCOL_STATUS, "bib-1", path, sizeof path));
	assert_string_equal(path, "/kiosks/bib-1/status");
	assert_false(protocol_path(PROTOCOL_RESPONSES, "bib-1", path, 10));
}

static void every_heartbeat_field_has_a_distinct_key(void **state)
{
	(void)state;
	for (int i = 0; i < PROTOCOL_STATUS_NFIELDS; i++) {
		assert_non_null(protocol_status_fields[i]);
		for (int k = 0; k < i; k++)
			assert_string_not_equal(protocol_status_fields[i], protocol_status_fields[k]);
	}
	assert_string_equal(protocol_status_fields[PROTOCOL_STATUS_PENDING], "pending");
	assert_string_equal(protocol_status_fields[PROTOCOL_STATUS_CLOCK_SYNCED], "clock_synced");
}

static void a_built_receipt_reads_back(void **state)
{
	const int accepted[] = { 2, 0 };
	const struct protocol_rejection rejected[] = { { 1, "unknown question q9" } };
	struct protocol_receipt r;
	(void)state;

	char *body = protocol_receipt_build(batch, accepted, 2, rejected, 1);
	assert_non_null(body);
	assert_string_equal(body, "{\"accepted\":[\"id-c\",\"id-a\"],\"rejected\":"
				  "[{\"id\":\"id-b\",\"reason\":\"unknown question q9\"}]}");
	assert_true(protocol_receipt_parse(body, strlen(body), batch, 3, &r));
	assert_int_equal(r.naccepted, 2);
	assert_int_equal(r.accepted[0], 2);
	assert_int_equal(r.accepted[1], 0);
	assert_int_equal(r.nrejected, 1);
	assert_int_equal(r.rejected[0].index, 1);
	assert_string_equal(r.rejected[0].reason, "unknown question q9");
	protocol_receipt_free(&r);
	free(body);
}

static void a_receipt_without_reasons_or_rejections_reads(void **state)
{
	const struct protocol_rejection rejected[] = { { 0, NULL } };
	struct protocol_receipt r;
	(void)state;

	char *body = protocol_receipt_build(batch, NULL, 0, rejected, 1);
	assert_true(protocol_receipt_parse(body, strlen(body), batch, 3, &r));
	assert_int_equal(r.nrejected, 1);
	assert_string_equal(r.rejected[0].reason, "rejected");
	protocol_receipt_free(&r);
	free(body);

	const char *bare = "{\"accepted\":[\"id-b\"]}";
	assert_true(protocol_receipt_parse(bare, strlen(bare), batch, 3, &r));
	assert_int_equal(r.naccepted, 1);
	assert_int_equal(r.accepted[0], 1);
	assert_int_equal(r.nrejected, 0);
	protocol_receipt_free(&r);

	const char *nameless = "{\"accepted\":[],\"rejected\":[{\"id\":\"id-c\"}]}";
	assert_true(protocol_receipt_parse(nameless, strlen(nameless), batch, 3, &r));
	assert_int_equal(r.nrejected, 1);
	assert_int_equal(r.rejected[0].index, 2);
	assert_string_equal(r.rejected[0].reason, "rejected");
	protocol_receipt_free(&r);
}

static void only_ids_of_the_batch_count(void **state)
{
	const char *body = "{\"accepted\":[\"other\",\"id-a\",7,null,\"id-a\"],"
			   "\"rejected\":[{\"id\":\"nope\"},{\"id\":3},\"id-b\",{\"id\":\"id-c\","
			   "\"reason\":5}]}";
	struct protocol_receipt r;
	(void)state;

	assert_true(protocol_receipt_parse(body, strlen(body), batch, 3, &r));
	assert_int_equal(r.naccepted, 2); /* an id listed twice is there twice */
	assert_int_equal(r.accepted[0], 0);
	assert_int_equal(r.accepted[1], 0);
	assert_int_equal(r.nrejected, 1);
	assert_int_equal(r.rejected[0].index, 2);
	assert_string_equal(r.rejected[0].reason, "rejected");
	protocol_receipt_free(&r);
}

static void what_is_not_a_receipt_is_refused_whole(void **state)
{
	static const char *const bodies[] = {
		"",
		"<html><body>Log in to the guest network</body></html>",
		"[]",
		"{}",
		"{\"accepted\":\"id-a\"}",
		"{\"accepted\":[\"id-a\"],\"rejected\":{}}",
		"{\"accepted\":[\"id-a\"]",
		"null",
	};
	struct protocol_receipt r;
	(void)state;

	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		assert_false(protocol_receipt_parse(bodies[i], strlen(bodies[i]), batch, 3, &r));
		assert_int_equal(r.naccepted, 0);
		assert_int_equal(r.nrejected, 0);
		assert_null(r.json);
		assert_null(r.rejected);
	}
	const char *ok = "{\"accepted\":[]}";
	const char *many[PROTOCOL_BATCH + 1];
	for (int i = 0; i <= PROTOCOL_BATCH; i++)
		many[i] = "x";
	assert_false(protocol_receipt_parse(ok, strlen(ok), many, PROTOCOL_BATCH + 1, &r));
}

static void a_receipt_never_names_more_than_a_batch(void **state)
{
	const char *one[] = { "x" };
	size_t cap = 16 + 6 * (PROTOCOL_BATCH * 3);
	char *body = malloc(cap);
	size_t len = (size_t)sprintf(body, "{\"accepted\":[");
	struct protocol_receipt r;
	(void)state;

	for (int i = 0; i < PROTOCOL_BATCH * 3; i++)
		len += (size_t)sprintf(body + len, "%s\"x\"", i ? "," : "");
	sprintf(body + len, "]}");
	assert_true(protocol_receipt_parse(body, strlen(body), one, 1, &r));
	assert_int_equal(r.naccepted, PROTOCOL_BATCH);
	protocol_receipt_free(&r);
	free(body);
}

static void a_receipt_is_not_built_from_broken_text(void **state)
{
	const char *const bad[] = { "id-\xff" };
	const int accepted[] = { 0 };
	(void)state;
	assert_null(protocol_receipt_build(bad, accepted, 1, NULL, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(endpoints_sit_under_the_kiosk),
		cmocka_unit_test(every_heartbeat_field_has_a_distinct_key),
		cmocka_unit_test(a_built_receipt_reads_back),
		cmocka_unit_test(a_receipt_without_reasons_or_rejections_reads),
		cmocka_unit_test(only_ids_of_the_batch_count),
		cmocka_unit_test(what_is_not_a_receipt_is_refused_whole),
		cmocka_unit_test(a_receipt_never_names_more_than_a_batch),
		cmocka_unit_test(a_receipt_is_not_built_from_broken_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
