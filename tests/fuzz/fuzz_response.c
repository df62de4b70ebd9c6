/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target for the central service's check of a response document: any bytes
 * a kiosk (or anyone holding a token) could post go through response_validate
 * against a small survey with every question type and a show_if. Whatever it
 * accepts must be under the size limit, with a well-formed id and no reason. */
#include "fuzz.h"
#include "common/content.h"
#include "common/response.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char bundle[] =
	"{\"format\": 1, \"version\": \"f\", \"languages\": [\"sv\"], \"title\": {\"sv\": \"T\"},"
	" \"promises\": [], \"surveys\": [{\"id\": \"s\", \"version\": 1,"
	" \"title\": {\"sv\": \"S\"}, \"intro\": {\"sv\": \"I\"},"
	" \"active\": {\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}, \"questions\": ["
	" {\"id\": \"a\", \"type\": \"scale\", \"text\": {\"sv\": \"A\"}, \"options\": ["
	"  {\"id\": \"good\", \"label\": {\"sv\": \"G\"}}, {\"id\": \"bad\", \"label\": {\"sv\": \"B\"}}]},"
	" {\"id\": \"b\", \"type\": \"multi\", \"text\": {\"sv\": \"B\"}, \"max\": 2, \"options\": ["
	"  {\"id\": \"x\", \"label\": {\"sv\": \"X\"}}, {\"id\": \"y\", \"label\": {\"sv\": \"Y\"}},"
	"  {\"id\": \"z\", \"label\": {\"sv\": \"Z\"}}, {\"id\": \"none\", \"label\": {\"sv\": \"N\"}}]},"
	" {\"id\": \"c\", \"type\": \"yesno\", \"text\": {\"sv\": \"C\"},"
	"  \"show_if\": {\"question\": \"a\", \"options\": [\"bad\"]}},"
	" {\"id\": \"d\", \"type\": \"single\", \"text\": {\"sv\": \"D\"}, \"options\": ["
	"  {\"id\": \"p\", \"label\": {\"sv\": \"P\"}}, {\"id\": \"q\", \"label\": {\"sv\": \"Q\"}}]}]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct content *c;
	char id[RESPONSE_ID_LEN + 1], reason[RESPONSE_REASON_MAX];

	if (!c)
		c = content_load_buffer(bundle, sizeof bundle - 1, NULL);
	FUZZ_CHECK(c != NULL);
	memset(id, 'X', sizeof id);
	bool ok = response_validate((const char *)data, size, c, id, reason, sizeof reason);
	FUZZ_CHECK(memchr(id, '\0', sizeof id) != NULL);
	FUZZ_CHECK(memchr(reason, '\0', sizeof reason) != NULL);
	if (ok) {
		FUZZ_CHECK(size <= RESPONSE_MAX);
		FUZZ_CHECK(strlen(id) == RESPONSE_ID_LEN);
		FUZZ_CHECK(reason[0] == '\0');
	} else {
		FUZZ_CHECK(reason[0] != '\0');
	}
	return 0;
}
