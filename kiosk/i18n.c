/* SPDX-License-Identifier: EUPL-1.2 */
/* String catalogs: one flat INI file per language, read once at start-up into a
 * small array per language. Lookups are linear; catalogs hold a few dozen keys. */
#include "i18n.h"
#include "common/log.h"

#include <dirent.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I18N_LANGS_MAX 16

struct catalog {
	char code[8];
	char **keys, **values;
	int n, cap;
	bool rtl;
};

struct i18n {
	struct catalog cats[I18N_LANGS_MAX];
	int n;
};

static int add_entry(void *user, const char *section, const char *key, const char *value)
{
	struct catalog *cat = user;

	(void)section;
	if (cat->n == cat->cap) {
		int cap = cat->cap ? cat->cap * 2 : 64;
		char **k = realloc(cat->keys, (size_t)cap * sizeof *k);
		if (!k)
			return 0;
		cat->keys = k;
		char **v = realloc(cat->values, (size_t)cap * sizeof *v);
		if (!v)
			return 0;
		cat->values = v;
		cat->cap = cap;
	}
	/* Quotes keep spaces at the ends of a value: list_separator = ", " */
	size_t len = strlen(value);
	if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
		cat->values[cat->n] = strndup(value + 1, len - 2);
	else
		cat->values[cat->n] = strdup(value);
	cat->keys[cat->n] = strdup(key);
	if (!cat->keys[cat->n] || !cat->values[cat->n]) {
		free(cat->keys[cat->n]);
		free(cat->values[cat->n]);
		return 0;
	}
	cat->n++;
	if (!strcmp(key, "direction"))
		cat->rtl = !strcmp(value, "rtl");
	return 1;
}

static const struct catalog *find(const struct i18n *i, const char *lang)
{
	for (int k = 0; k < i->n; k++)
		if (!strcmp(i->cats[k].code, lang))
			return &i->cats[k];
	return NULL;
}

static const char *lookup(const struct catalog *cat, const char *key)
{
	if (!cat)
		return NULL;
	for (int k = 0; k < cat->n; k++)
		if (!strcmp(cat->keys[k], key))
			return cat->values[k];
	return NULL;
}

struct i18n *i18n_create(const char *dir)
{
	struct i18n *i = calloc(1, sizeof *i);
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!i || !d) {
		log_error("cannot read string catalogs in %s", dir);
		free(i);
		if (d)
			closedir(d);
		return NULL;
	}
	while ((e = readdir(d)) && i->n < I18N_LANGS_MAX) {
		size_t len = strlen(e->d_name);
		char path[1024];
		struct catalog *cat = &i->cats[i->n];
		if (len < 6 || len > 8 || strcmp(e->d_name + len - 4, ".ini"))
			continue;
		memcpy(cat->code, e->d_name, len - 4);
		cat->code[len - 4] = '\0';
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		int rc = ini_parse(path, add_entry, cat);
		if (rc != 0)
			log_warn("%s:%d: cannot parse this line", path, rc);
		i->n++;
	}
	closedir(d);
	if (i->n == 0) {
		log_error("no string catalogs in %s", dir);
		free(i);
		return NULL;
	}
	return i;
}

void i18n_destroy(struct i18n *i)
{
	if (!i)
		return;
	for (int k = 0; k < i->n; k++) {
		for (int j = 0; j < i->cats[k].n; j++) {
			free(i->cats[k].keys[j]);
			free(i->cats[k].values[j]);
		}
		free(i->cats[k].keys);
		free(i->cats[k].values);
	}
	free(i);
}

const char *i18n_get(const struct i18n *i, const char *lang, const char *key)
{
	const char *s = lookup(find(i, lang), key);
	if (!s)
		s = lookup(find(i, "en"), key);
	if (!s)
		s = lookup(find(i, "sv"), key);
	return s ? s : key;
}

bool i18n_has(const struct i18n *i, const char *lang)
{
	return find(i, lang) != NULL;
}

bool i18n_rtl(const struct i18n *i, const char *lang)
{
	const struct catalog *cat = find(i, lang);
	return cat && cat->rtl;
}

int i18n_key_count(const struct i18n *i, const char *lang)
{
	const struct catalog *cat = find(i, lang);
	return cat ? cat->n : 0;
}

const char *i18n_key_at(const struct i18n *i, const char *lang, int index)
{
	const struct catalog *cat = find(i, lang);
	return cat && index >= 0 && index < cat->n ? cat->keys[index] : NULL;
}
