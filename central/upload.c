/* SPDX-License-Identifier: EUPL-1.2 */
/* The upload's outer shape is checked here; each document's own content is
 * response_validate's. */
#include "upload.h"

#include <stdlib.h>
#include <string.h>

void upload_free(struct upload *u)
{
	for (int i = 0; i < u->n; i++)
		free(u->text[i]);
	json_decref(u->root);
	u->n = 0;
	u->root = NULL;
}

unsigned upload_parse(const char *body, size_t len, struct upload *u, const char **why)
{
	json_t *list;

	memset(u, 0, sizeof *u);
	u->root = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(u->root) || !json_is_array(list = json_object_get(u->root, "responses")) ||
	    json_object_size(u->root) != 1) {
		*why = "the body is not {\"responses\": [...]}";
		return 400;
	}
	if (json_array_size(list) > PROTOCOL_BATCH) {
		*why = "over 100 responses in one upload";
		return 413;
	}
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *doc = json_array_get(list, i);
		if (!json_is_object(doc)) {
			*why = "a response is not a JSON object";
			return 400;
		}
		json_t *sv = json_object_get(doc, "survey_version");
		u->text[u->n] = json_dumps(doc, JSON_COMPACT);
		u->survey[u->n] = json_string_value(json_object_get(doc, "survey_id"));
		u->version[u->n] = json_is_integer(sv) && json_integer_value(sv) >= 0 &&
						   json_integer_value(sv) <= 1000000
					   ? (int)json_integer_value(sv)
					   : -1;
		if (!u->text[u->n++]) {
			*why = "out of memory";
			return 500;
		}
	}
	return 0;
}
