/* SPDX-License-Identifier: EUPL-1.2 */
/* The question types: single, multi, scale and yesno. All four choose among
 * options, so they share the helpers below; an answer of another kind (a slider,
 * a tap on a map) would be a new entry with its own functions. */
#include "question.h"
#include "content.h"

#include <stdio.h>
#include <string.h>

static int option_index(const struct content_question *q, const char *id)
{
	for (int i = 0; id && i < q->noptions; i++)
		if (!strcmp(q->options[i].id, id))
			return i;
	return -1;
}

static bool has_option(const struct content_question *q, const struct question_answer *a, int o)
{
	for (int i = 0; i < a->n; i++)
		if (a->values[i] == o)
			return true;
	return false;
}

static bool tap_one(const struct content_question *q, struct question_answer *a, int o)
{
	a->n = 1;
	a->values[0] = o;
	return true;
}

static void remove_value(struct question_answer *a, int o)
{
	int k = 0;
	for (int i = 0; i < a->n; i++)
		if (a->values[i] != o)
			a->values[k++] = a->values[i];
	a->n = k;
}

static void insert_value(struct question_answer *a, int o)
{
	int i = a->n++;
	for (; i > 0 && a->values[i - 1] > o; i--)
		a->values[i] = a->values[i - 1];
	a->values[i] = o;
}

/* An option with the id "none" excludes the others, and they it. */
static bool tap_several(const struct content_question *q, struct question_answer *a, int o)
{
	int none = option_index(q, "none");

	if (has_option(q, a, o)) {
		remove_value(a, o);
	} else if (o == none) {
		tap_one(q, a, o);
	} else {
		remove_value(a, none);
		if (a->n < q->max && a->n < QUESTION_VALUES_MAX)
			insert_value(a, o);
	}
	return false;
}

static bool one_to_json(const struct content_question *q, const struct question_answer *a,
			json_t *obj)
{
	return a->n == 1 &&
	       json_object_set_new(obj, "option", json_string(q->options[a->values[0]].id)) == 0;
}

static bool several_to_json(const struct content_question *q, const struct question_answer *a,
			    json_t *obj)
{
	json_t *ids = json_array();
	for (int i = 0; i < a->n; i++)
		json_array_append_new(ids, json_string(q->options[a->values[i]].id));
	return json_array_size(ids) == (size_t)a->n && json_object_set_new(obj, "options", ids) == 0;
}

static const char *one_from_json(const struct content_question *q, json_t *obj,
				 struct question_answer *a)
{
	json_t *v = json_object_get(obj, "option");
	if (json_object_size(obj) != 2 || !v)
		return "give one \"option\"";
	int o = option_index(q, json_string_value(v));
	if (o < 0)
		return "unknown option";
	tap_one(q, a, o);
	return NULL;
}

static const char *several_from_json(const struct content_question *q, json_t *obj,
				     struct question_answer *a)
{
	json_t *v = json_object_get(obj, "options"), *item;
	size_t i;

	if (json_object_size(obj) != 2 || !json_is_array(v))
		return "give a list of \"options\"";
	if (json_array_size(v) < 1 || json_array_size(v) > (size_t)q->max)
		return "too many or no options";
	a->n = 0;
	json_array_foreach(v, i, item)
	{
		int o = option_index(q, json_string_value(item));
		if (o < 0)
			return "unknown option";
		if (has_option(q, a, o))
			return "an option given twice";
		insert_value(a, o);
	}
	int none = option_index(q, "none");
	if (none >= 0 && has_option(q, a, none) && a->n > 1)
		return "\"none\" with other options";
	return NULL;
}

static const char *const yes_no[] = { "yes", "no" };

static const struct question_type types[] = {
	{ .name = "single", .listed_options = true, .tap = tap_one, .has = has_option,
	  .to_json = one_to_json, .from_json = one_from_json },
	{ .name = "multi", .listed_options = true, .has_max = true, .several = true,
	  .tap = tap_several, .has = has_option, .to_json = several_to_json,
	  .from_json = several_from_json },
	{ .name = "scale", .listed_options = true, .tap = tap_one, .has = has_option,
	  .to_json = one_to_json, .from_json = one_from_json },
	{ .name = "yesno", .fixed = yes_no, .nfixed = 2, .tap = tap_one, .has = has_option,
	  .to_json = one_to_json, .from_json = one_from_json },
};

const struct question_type *question_type_find(const char *name)
{
	for (size_t i = 0; name && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(types[i].name, name))
			return &types[i];
	return NULL;
}

const char *question_type_names(void)
{
	static char names[128];
	size_t len = 0;

	if (!names[0])
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
						i ? ", " : "", types[i].name);
	return names;
}
