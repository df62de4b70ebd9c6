/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target for kiosk-central's reading of an upload: any body a kiosk (or
 * anyone holding a token) could post to /kiosks/{id}/responses goes through
 * upload_parse, then each document it gives through response_validate against
 * a small survey, as the server does. An upload that is taken holds at most 100
 * documents, each with text, and is answered with one status when it is not. */
#include "fuzz.h"
#include "central/upload.h"
#include "common/content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char bundle[] =
	"{\"format\": 1, \"version\": \"f\", \"languages\": [\"sv\"], \"title\": {\"sv\": \"T\"},"
	" \"promises\": [], \"surveys\": [{\"id\": \"s\", \"version\": 1,"
	" \"title\": {\"sv\": \"S\"}, \"intro\": {\"sv\": \"I\"},"
	" \"active\": {\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}, \"questions\": ["
	" {\"id\": \"a\", \"type\": \"single\", \"text\": {\"sv\": \"A\"}, \"options\": ["
	"  {\"id\": \"p\", \"label\": {\"sv\": \"P\"}}, {\"id\": \"q\", \"label\": {\"sv\": \"Q\"}}]}]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct content *c;
	static struct upload u;
	const char *why = NULL;

	if (!c)
		c = content_load_buffer(bundle, sizeof bundle - 1, NULL);
	FUZZ_CHECK(c != NULL);
	unsigned status = upload_parse((const char *)data, size, &u, &why);
	if (status) {
		FUZZ_CHECK(status == 400 || status == 413 || status == 500);
		FUZZ_CHECK(why && why[0]);
	} else {
		FUZZ_CHECK(u.n >= 0 && u.n <= PROTOCOL_BATCH);
	}
	for (int i = 0; !status && i < u.n; i++) {
		FUZZ_CHECK(u.text[i] != NULL);
		FUZZ_CHECK(u.version[i] >= -1);
		u.ok[i] = response_validate(u.text[i], strlen(u.text[i]), c, u.id[i], u.reason[i],
					    RESPONSE_REASON_MAX);
		FUZZ_CHECK(u.ok[i] ? u.reason[i][0] == '\0' : u.reason[i][0] != '\0');
		FUZZ_CHECK(strlen(u.id[i]) == 0 || strlen(u.id[i]) == RESPONSE_ID_LEN);
	}
	upload_free(&u);
	return 0;
}
