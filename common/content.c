/* SPDX-License-Identifier: EUPL-1.2 */
/* Parser and validator for the content bundle. It walks the JSON document with
 * jansson, keeping the JSON path of the value it is looking at, so that every
 * problem can be reported where staff will find it in their file. A bundle is
 * accepted only when nothing in it would show wrongly on the kiosk. */
#include "content.h"

#include <errno.h>
#include <jansson.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const content_party_ids[] = {
	"polis",	"kommun", "region", "raddningstjanst", "bostadsbolag", "naringsliv",
	"foreningsliv", "skola",  NULL,
};

static const char *const status_names[] = {
	[CONTENT_STATUS_PLANNED] = "planned",
	[CONTENT_STATUS_IN_PROGRESS] = "in_progress",
	[CONTENT_STATUS_DONE] = "done",
	[CONTENT_STATUS_PAUSED] = "paused",
};

static const char *const day_keys[8] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };

const char *content_status_name(enum content_status status)
{
	return status_names[status];
}

/* The walker carries the path of the value being checked and the diagnostics. */
struct walker {
	struct content *c;
	struct content_diag *diag;
	char path[128];
	size_t len;
	int nerrors;
	/* Texts without a translation, per language, and where the first is. */
	int missing[CONTENT_LANGS_MAX];
	char first_missing[CONTENT_LANGS_MAX][128];
};

static void report(struct walker *w, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The id of item i of the list named key, where it is known yet, or NULL. */
static const char *item_id(const struct walker *w, const char *key, int i, int survey)
{
	const struct content *c = w->c;
	if (!c)
		return NULL;
	if (!strcmp(key, "promises") && c->promises && i < c->npromises)
		return c->promises[i].id;
	if (!strcmp(key, "surveys") && c->surveys && i < c->nsurveys)
		return c->surveys[i].id;
	if (!strcmp(key, "links") && c->links && i < c->nlinks)
		return c->links[i].id;
	if (!strcmp(key, "questions") && survey >= 0 && survey < c->nsurveys &&
	    c->surveys[survey].questions && i < c->surveys[survey].nquestions)
		return c->surveys[survey].questions[i].id;
	return NULL;
}

/* A JSON path as a person counts: "promises[1].title.en" becomes
 * "promise 2 (resecentrum-kvall), title, en". */
static void human_path(const struct walker *w, char *out, size_t size)
{
	static const char *const singular[][2] = {
		{ "promises", "promise" }, { "surveys", "survey" },   { "links", "link" },
		{ "questions", "question" }, { "options", "option" }, { "updates", "update" },
		{ "assets", "asset" },	   { "ranges", "period" },
	};
	char key[64] = "";
	const char *p = w->path;
	size_t n = 0;
	int survey = -1;

	out[0] = '\0';
	while (*p && n + 1 < size) {
		size_t k = strcspn(p, ".[");
		int index = -1;
		if (k) {
			snprintf(key, sizeof key, "%.*s", (int)k, p);
			p += k;
		}
		if (*p == '[') {
			index = atoi(p + 1);
			p += strcspn(p, "]") + (p[strcspn(p, "]")] ? 1 : 0);
		}
		/* In results, indexes count the published results, not the bundle's lists. */
		bool results = !strncmp(w->path, "results", 7);
		const char *name = key,
			   *id = index >= 0 && !results ? item_id(w, key, index, survey) : NULL;
		for (size_t i = 0; index >= 0 && i < sizeof singular / sizeof singular[0]; i++)
			if (!strcmp(key, singular[i][0]))
				name = singular[i][1];
		if (!strcmp(key, "surveys") && index >= 0)
			survey = index;
		if (index >= 0)
			n += (size_t)snprintf(out + n, size - n, "%s%s %d%s%s%s", n ? ", " : "", name,
					      index + 1, id ? " (" : "", id ? id : "", id ? ")" : "");
		else if (k)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", name);
		if (*p == '.')
			p++;
		if (n >= size)
			break;
	}
}

static void report(struct walker *w, bool error, const char *fmt, ...)
{
	struct content_diag *d = w->diag;
	va_list ap;

	if (error)
		w->nerrors++;
	if (!d)
		return;
	if (error)
		d->nerrors++;
	else
		d->nwarnings++;
	if (d->n >= CONTENT_DIAG_MAX)
		return;
	d->items[d->n].error = error;
	snprintf(d->items[d->n].path, sizeof d->items[0].path, "%s", w->len ? w->path : "(top)");
	if (w->len && strncmp(w->path, "line ", 5))
		human_path(w, d->items[d->n].where, sizeof d->items[0].where);
	else
		snprintf(d->items[d->n].where, sizeof d->items[0].where, "%s",
			 w->len ? w->path : "(top)");
	va_start(ap, fmt);
	vsnprintf(d->items[d->n].message, sizeof d->items[0].message, fmt, ap);
	va_end(ap);
	d->n++;
}

#define error(w, ...)	report(w, true, __VA_ARGS__)
#define warning(w, ...) report(w, false, __VA_ARGS__)

static size_t push_key(struct walker *w, const char *key)
{
	size_t old = w->len;
	int n = snprintf(w->path + w->len, sizeof w->path - w->len, "%s%s", w->len ? "." : "", key);
	if (n > 0)
		w->len = strlen(w->path);
	return old;
}

static size_t push_index(struct walker *w, size_t i)
{
	size_t old = w->len;
	snprintf(w->path + w->len, sizeof w->path - w->len, "[%zu]", i);
	w->len = strlen(w->path);
	return old;
}

static void pop(struct walker *w, size_t old)
{
	w->len = old;
	w->path[old] = '\0';
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "a list";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "a number";
	case JSON_REAL:
		return "a decimal number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true/false";
	case JSON_NULL:
		return "null";
	}
	return "something else";
}

static bool expect(struct walker *w, const json_t *v, json_type type, const char *what)
{
	if (v && json_typeof(v) == type)
		return true;
	if (!v)
		error(w, "missing; expected %s", what);
	else
		error(w, "expected %s, found %s", what, type_name(v));
	return false;
}

/* Looks up a field and pushes its name on the path; pop() afterwards. */
static json_t *field(struct walker *w, json_t *obj, const char *key, size_t *old)
{
	*old = push_key(w, key);
	return json_object_get(obj, key);
}

/* Warns about fields the kiosk does not know, which are usually typing mistakes. */
static void check_fields(struct walker *w, json_t *obj, const char *const *known)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		bool found = false;
		for (const char *const *k = known; *k && !found; k++)
			found = !strcmp(*k, key);
		if (!found) {
			size_t old = push_key(w, key);
			warning(w, "unknown field, ignored");
			pop(w, old);
		}
	}
}

/* Counts code points; jansson has already checked that the string is UTF-8. */
static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Decodes one UTF-8 sequence that jansson has already validated. */
static unsigned long next_cp(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	int n = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	unsigned long cp = n == 1 ? s[0] : s[0] & (0x7F >> n);
	for (int i = 1; i < n && s[i]; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	*p += n;
	return cp;
}

static bool is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == 0xFEFF;
}

static bool blank(const char *s)
{
	while (*s)
		if (!is_space(next_cp(&s)))
			return false;
	return true;
}

/* Characters that would break the screen's layout: C0 and C1 controls (newline
 * where allowed excepted) and the bidirectional embedding and isolate controls,
 * which the kiosk lays out itself. Returns the first one found, or 0. */
static unsigned long bad_char(const char *s, bool allow_newline)
{
	while (*s) {
		unsigned long cp = next_cp(&s);
		if ((cp < 0x20 && !(allow_newline && cp == '\n')) || (cp >= 0x7F && cp <= 0x9F) ||
		    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return cp;
	}
	return 0;
}

static const char *char_name(unsigned long cp)
{
	switch (cp) {
	case '\t':
		return " (a tab)";
	case '\n':
		return " (a line break; not allowed here)";
	case '\r':
		return " (a carriage return)";
	default:
		return cp >= 0x202A ? " (a text direction control)" : "";
	}
}

/* A plain string: present, non-empty, no control characters, at most max chars. */
static const char *string_value(struct walker *w, json_t *v, size_t max, bool multiline)
{
	const char *s;
	unsigned long bad;
	size_t n;

	if (!expect(w, v, JSON_STRING, "a string"))
		return NULL;
	s = json_string_value(v);
	if (blank(s)) {
		error(w, "empty text");
		return NULL;
	}
	if ((bad = bad_char(s, multiline))) {
		error(w, "character U+%04lX is not allowed%s", bad, char_name(bad));
		return NULL;
	}
	if ((n = utf8_length(s)) > max) {
		error(w, "text too long: %zu characters, at most %zu", n, max);
		return NULL;
	}
	return s;
}

static bool parse_text(struct walker *w, json_t *v, size_t max, bool multiline,
		       struct content_text *out)
{
	const struct content *c = w->c;
	const char *key;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_OBJECT, "a text object keyed by language, e.g. {\"sv\": \"...\"}"))
		return false;
	memset(out, 0, sizeof *out);
	json_object_foreach(v, key, item)
	{
		size_t old = push_key(w, key);
		int i;
		for (i = 0; i < c->nlanguages; i++)
			if (!strcmp(c->languages[i], key))
				break;
		if (i == c->nlanguages) {
			warning(w, "language not listed in \"languages\", ignored");
		} else {
			const char *s = string_value(w, item, max, multiline);
			if (s)
				out->text[i] = s;
			else
				ok = false;
		}
		pop(w, old);
	}
	if (!ok)
		return false;
	if (c->nlanguages && !out->text[0]) {
		error(w, "missing translation for \"%s\", the bundle's first language",
		      c->languages[0]);
		return false;
	}
	for (int i = 1; i < c->nlanguages; i++) {
		if (out->text[i])
			continue;
		out->text[i] = out->text[0];
		if (w->missing[i]++ == 0)
			snprintf(w->first_missing[i], sizeof w->first_missing[i], "%s", w->path);
	}
	return true;
}

/* One warning per language with texts missing: the kiosk shows the first
 * language's instead, which is right for a while but worth knowing. */
static void warn_missing(struct walker *w)
{
	char saved[128];
	size_t len = w->len;

	memcpy(saved, w->path, sizeof saved);
	for (int i = 1; i < w->c->nlanguages; i++) {
		if (!w->missing[i])
			continue;
		snprintf(w->path, sizeof w->path, "%s", w->first_missing[i]);
		w->len = strlen(w->path);
		warning(w, "%d text%s without a \"%s\" translation (this is the first); the \"%s\" "
			   "text is shown instead",
			w->missing[i], w->missing[i] == 1 ? "" : "s", w->c->languages[i],
			w->c->languages[0]);
	}
	memcpy(w->path, saved, sizeof saved);
	w->len = len;
}

/* Whether s has the shape of pattern, where 'd' stands for a digit. */
static bool matches(const char *s, const char *pattern)
{
	for (; *pattern; s++, pattern++) {
		if (*pattern == 'd' ? (*s < '0' || *s > '9') : *s != *pattern)
			return false;
	}
	return *s == '\0';
}

static bool parse_date(struct walker *w, json_t *v, struct content_date *out)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *s;
	char extra;
	int y, m, d;

	if (!expect(w, v, JSON_STRING, "a date \"YYYY-MM-DD\""))
		return false;
	s = json_string_value(v);
	if (!matches(s, "dddd-dd-dd") || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) {
		error(w, "\"%s\" is not a date in the form YYYY-MM-DD", s);
		return false;
	}
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 2000 || y > 2100) {
		error(w, "\"%s\": use a year from 2000 to 2100", s);
		return false;
	}
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap)) {
		error(w, "\"%s\" is not a valid calendar date", s);
		return false;
	}
	out->year = y;
	out->month = m;
	out->day = d;
	return true;
}

static int date_cmp(const struct content_date *a, const struct content_date *b)
{
	int x = a->year * 10000 + a->month * 100 + a->day;
	int y = b->year * 10000 + b->month * 100 + b->day;
	return (x > y) - (x < y);
}

/* An identifier: 1 to 64 of a-z, 0-9, '-' and '_'. */
static const char *parse_id(struct walker *w, json_t *v)
{
	const char *s;
	size_t n;

	if (!expect(w, v, JSON_STRING, "an id (a-z, 0-9, - and _)"))
		return NULL;
	s = json_string_value(v);
	n = strlen(s);
	if (n == 0 || n > 64 || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") != n) {
		error(w, "\"%s\" is not an id: use 1 to 64 of a-z, 0-9, - and _", s);
		return NULL;
	}
	return s;
}

static const char *parse_url(struct walker *w, json_t *v)
{
	const char *s;
	size_t n;

	if (!expect(w, v, JSON_STRING, "a URL"))
		return NULL;
	s = json_string_value(v);
	n = strlen(s);
	if (strncmp(s, "https://", 8)) {
		error(w, "a URL must start with https://");
		return NULL;
	}
	if (n > CONTENT_URL_MAX) {
		error(w,
		      "URL too long for a QR code a phone can read from half a metre: %zu "
		      "bytes, at most %d",
		      n, CONTENT_URL_MAX);
		return NULL;
	}
	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= 0x20 || ch >= 0x7f || ch == '"' || ch == '<' || ch == '>') {
			const char *q = p;
			while (((unsigned char)*q & 0xC0) == 0x80 && q > s)
				q--;
			const char *e = q;
			unsigned long cp = next_cp(&e);
			if (cp == ' ')
				error(w, "URL has a space: write it as %%20");
			else
				error(w,
				      "URL has the character '%.*s', which must be percent-encoded "
				      "(write the address as the browser's address bar copies it)",
				      (int)(e - q), q);
			return NULL;
		}
	}
	const char *host = s + 8;
	if (*host == '\0' || *host == '/') {
		error(w, "URL has no host name");
		return NULL;
	}
	return s;
}

static bool parse_link(struct walker *w, json_t *v, bool with_id, struct content_link *out)
{
	static const char *const known_id[] = { "id", "url", "label", NULL };
	static const char *const known[] = { "url", "label", NULL };
	size_t old;
	bool ok = true;

	if (!expect(w, v, JSON_OBJECT, "a link object"))
		return false;
	check_fields(w, v, with_id ? known_id : known);
	memset(out, 0, sizeof *out);
	if (with_id) {
		out->id = parse_id(w, field(w, v, "id", &old));
		ok &= out->id != NULL;
		pop(w, old);
	}
	out->url = parse_url(w, field(w, v, "url", &old));
	ok &= out->url != NULL;
	pop(w, old);
	ok &= parse_text(w, field(w, v, "label", &old), CONTENT_LABEL_MAX, false, &out->label);
	pop(w, old);
	return ok;
}

static bool parse_status(struct walker *w, json_t *v, enum content_status *out)
{
	if (!expect(w, v, JSON_STRING, "a status"))
		return false;
	for (size_t i = 0; i < sizeof status_names / sizeof status_names[0]; i++) {
		if (!strcmp(json_string_value(v), status_names[i])) {
			*out = (enum content_status)i;
			return true;
		}
	}
	error(w, "unknown status \"%s\": use planned, in_progress, done or paused",
	      json_string_value(v));
	return false;
}

static bool parse_parties(struct walker *w, json_t *v, struct content_promise *p)
{
	size_t i;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_ARRAY, "a list of party ids, e.g. [\"polis\", \"kommun\"]"))
		return false;
	if (json_array_size(v) == 0 || json_array_size(v) > CONTENT_PARTIES_MAX) {
		error(w, "give 1 to %d parties", CONTENT_PARTIES_MAX);
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t old = push_index(w, i);
		const char *const *k;
		if (expect(w, item, JSON_STRING, "a party id")) {
			for (k = content_party_ids; *k; k++)
				if (!strcmp(*k, json_string_value(item)))
					break;
			bool twice = false;
			for (int d = 0; *k && d < p->nparties; d++)
				twice |= p->parties[d] == *k;
			if (twice) {
				error(w, "party \"%s\" is listed twice", *k);
				ok = false;
			} else if (*k)
				p->parties[p->nparties++] = *k;
			else {
				error(w,
				      "unknown party \"%s\": use polis, kommun, region, "
				      "raddningstjanst, bostadsbolag, naringsliv, foreningsliv or "
				      "skola",
				      json_string_value(item));
				ok = false;
			}
		} else {
			ok = false;
		}
		pop(w, old);
	}
	return ok;
}

static bool parse_updates(struct walker *w, json_t *v, struct content_promise *p)
{
	static const char *const known[] = { "date", "text", NULL };
	size_t i, old;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_ARRAY, "a list of updates"))
		return false;
	if (json_array_size(v) > CONTENT_UPDATES_MAX) {
		error(w, "too many updates: %zu, at most %d", json_array_size(v),
		      CONTENT_UPDATES_MAX);
		return false;
	}
	p->updates = calloc(json_array_size(v) + 1, sizeof *p->updates);
	if (!p->updates) {
		error(w, "out of memory");
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t at = push_index(w, i);
		struct content_update *u = &p->updates[p->nupdates];
		bool good = expect(w, item, JSON_OBJECT, "an update object");
		if (good) {
			check_fields(w, item, known);
			good &= parse_date(w, field(w, item, "date", &old), &u->date);
			pop(w, old);
			good &= parse_text(w, field(w, item, "text", &old), CONTENT_UPDATE_MAX,
					   true, &u->text);
			pop(w, old);
		}
		if (good)
			p->nupdates++;
		ok &= good;
		pop(w, at);
	}
	/* Staff may list updates in any order; the timeline reads oldest first. */
	for (int a = 1; a < p->nupdates; a++)
		for (int b = a; b > 0 && date_cmp(&p->updates[b - 1].date, &p->updates[b].date) > 0;
		     b--) {
			struct content_update t = p->updates[b];
			p->updates[b] = p->updates[b - 1];
			p->updates[b - 1] = t;
		}
	return ok;
}

static bool parse_promise(struct walker *w, json_t *v, struct content_promise *p)
{
	static const char *const known[] = { "id",	"title",   "body", "parties",
					     "area",	"period",  "status", "updates",
					     "link",	"because", NULL };
	static const char *const known_period[] = { "from", "to", NULL };
	size_t old, old2;
	json_t *f;
	bool ok = true;

	if (!expect(w, v, JSON_OBJECT, "a promise object"))
		return false;
	check_fields(w, v, known);
	p->id = parse_id(w, field(w, v, "id", &old));
	ok &= p->id != NULL;
	pop(w, old);
	ok &= parse_text(w, field(w, v, "title", &old), CONTENT_TITLE_MAX, false, &p->title);
	pop(w, old);
	ok &= parse_text(w, field(w, v, "body", &old), CONTENT_BODY_MAX, true, &p->body);
	pop(w, old);
	ok &= parse_parties(w, field(w, v, "parties", &old), p);
	pop(w, old);
	if ((f = field(w, v, "area", &old))) {
		p->has_area = parse_text(w, f, CONTENT_AREA_MAX, false, &p->area);
		ok &= p->has_area;
	}
	pop(w, old);
	f = field(w, v, "period", &old);
	if (expect(w, f, JSON_OBJECT, "a period {\"from\": \"YYYY-MM-DD\", \"to\": ...}")) {
		bool dates = true;
		check_fields(w, f, known_period);
		dates &= parse_date(w, field(w, f, "from", &old2), &p->from);
		pop(w, old2);
		dates &= parse_date(w, field(w, f, "to", &old2), &p->to);
		pop(w, old2);
		if (dates && date_cmp(&p->from, &p->to) > 0) {
			error(w, "the period ends before it starts");
			dates = false;
		}
		ok &= dates;
	} else {
		ok = false;
	}
	pop(w, old);
	ok &= parse_status(w, field(w, v, "status", &old), &p->status);
	pop(w, old);
	if ((f = field(w, v, "updates", &old)))
		ok &= parse_updates(w, f, p);
	pop(w, old);
	if ((f = field(w, v, "link", &old))) {
		p->has_link = parse_link(w, f, false, &p->link);
		ok &= p->has_link;
	}
	pop(w, old);
	return ok;
}

static bool unique_id(struct walker *w, const char *id, const char *const *ids, int n)
{
	for (int i = 0; i < n; i++) {
		if (ids[i] && id && !strcmp(ids[i], id)) {
			error(w, "id \"%s\" is used twice", id);
			return false;
		}
	}
	return true;
}

static bool parse_promises(struct walker *w, json_t *v)
{
	struct content *c = w->c;
	const char *ids[CONTENT_PROMISES_MAX];
	size_t i;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_ARRAY, "a list of promises"))
		return false;
	if (json_array_size(v) > CONTENT_PROMISES_MAX) {
		error(w, "too many promises: %zu, at most %d", json_array_size(v),
		      CONTENT_PROMISES_MAX);
		return false;
	}
	c->promises = calloc(json_array_size(v) + 1, sizeof *c->promises);
	if (!c->promises) {
		error(w, "out of memory");
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t old = push_index(w, i);
		struct content_promise *p = &c->promises[c->npromises];
		/* Counted even when invalid, so that content_destroy frees its updates. */
		c->npromises++;
		ok &= parse_promise(w, item, p);
		ids[i] = p->id;
		if (p->id) {
			size_t at = push_key(w, "id");
			ok &= unique_id(w, p->id, ids, (int)i);
			pop(w, at);
		}
		pop(w, old);
	}
	return ok;
}

static bool parse_links(struct walker *w, json_t *v)
{
	struct content *c = w->c;
	const char *ids[CONTENT_LINKS_MAX];
	size_t i;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_ARRAY, "a list of links"))
		return false;
	if (json_array_size(v) > CONTENT_LINKS_MAX) {
		error(w, "too many links: %zu, at most %d fit on the links screen",
		      json_array_size(v), CONTENT_LINKS_MAX);
		return false;
	}
	c->links = calloc(json_array_size(v) + 1, sizeof *c->links);
	if (!c->links) {
		error(w, "out of memory");
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t old = push_index(w, i);
		struct content_link *l = &c->links[c->nlinks++];
		ok &= parse_link(w, item, true, l);
		ids[i] = l->id;
		if (l->id) {
			size_t at = push_key(w, "id");
			ok &= unique_id(w, l->id, ids, (int)i);
			pop(w, at);
		}
		pop(w, old);
	}
	return ok;
}

static bool parse_languages(struct walker *w, json_t *v)
{
	struct content *c = w->c;
	size_t i;
	json_t *item;

	if (!expect(w, v, JSON_ARRAY, "a list of language codes, e.g. [\"sv\", \"en\"]"))
		return false;
	if (json_array_size(v) == 0 || json_array_size(v) > CONTENT_LANGS_MAX) {
		error(w, "give 1 to %d languages", CONTENT_LANGS_MAX);
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t old = push_index(w, i);
		const char *s;
		size_t n;
		if (!expect(w, item, JSON_STRING, "a language code")) {
			pop(w, old);
			return false;
		}
		s = json_string_value(item);
		n = strlen(s);
		if (n < 2 || n > 3 || strspn(s, "abcdefghijklmnopqrstuvwxyz") != n) {
			error(w,
			      "\"%s\" is not a language code (two or three small letters, "
			      "e.g. sv, en, ar, ti)",
			      s);
			pop(w, old);
			return false;
		}
		for (int k = 0; k < c->nlanguages; k++) {
			if (!strcmp(c->languages[k], s)) {
				error(w, "language \"%s\" is listed twice", s);
				pop(w, old);
				return false;
			}
		}
		c->languages[c->nlanguages++] = s;
		pop(w, old);
	}
	return true;
}

/* "HH:MM-HH:MM" in minutes; close may be 24:00. */
static bool parse_range(const char *s, int *open, int *close)
{
	int h1, m1, h2, m2;
	char extra;

	if (!matches(s, "dd:dd-dd:dd") ||
	    sscanf(s, "%2d:%2d-%2d:%2d%c", &h1, &m1, &h2, &m2, &extra) != 4)
		return false;
	if (h1 < 0 || h1 > 23 || m1 < 0 || m1 > 59 || h2 < 0 || h2 > 24 || m2 < 0 || m2 > 59 ||
	    (h2 == 24 && m2 != 0))
		return false;
	*open = h1 * 60 + m1;
	*close = h2 * 60 + m2;
	return *open < *close;
}

static bool parse_hours(struct walker *w, json_t *v)
{
	struct content *c = w->c;
	bool ok = true;

	if (!expect(w, v, JSON_OBJECT, "an object with mon, tue, wed, thu, fri, sat and sun"))
		return false;
	check_fields(w, v, day_keys);
	for (int d = 0; d < 7; d++) {
		size_t old;
		json_t *day = field(w, v, day_keys[d], &old);
		size_t i;
		json_t *item;
		if (!expect(w, day, JSON_ARRAY,
			    "a list of times like \"08:00-20:00\" ([] when closed)")) {
			ok = false;
			pop(w, old);
			continue;
		}
		if (json_array_size(day) > CONTENT_HOURS_MAX) {
			error(w, "at most %d opening periods a day", CONTENT_HOURS_MAX);
			ok = false;
			pop(w, old);
			continue;
		}
		json_array_foreach(day, i, item)
		{
			size_t at = push_index(w, i);
			int open = -1, close = -1;
			if (!json_is_string(item) ||
			    !parse_range(json_string_value(item), &open, &close)) {
				if (json_is_string(item) && open >= close && open >= 0)
					error(w,
					      "\"%s\" closes before it opens; a period cannot "
					      "pass midnight (use \"20:00-24:00\" and "
					      "\"00:00-08:00\")",
					      json_string_value(item));
				else
					error(w, "expected opening hours like \"08:00-20:00\"");
				ok = false;
			} else {
				struct content_day *cd = &c->hours[d];
				cd->ranges[cd->nranges].open = open;
				cd->ranges[cd->nranges].close = close;
				cd->nranges++;
			}
			pop(w, at);
		}
		pop(w, old);
	}
	c->has_hours = ok;
	return ok;
}

static bool parse_options(struct walker *w, json_t *v, struct content_question *q)
{
	static const char *const known[] = { "id", "label", NULL };
	size_t i, old;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_ARRAY, "a list of options"))
		return false;
	if (json_array_size(v) < 2 || json_array_size(v) > CONTENT_OPTIONS_MAX) {
		error(w, "%zu options: give 2 to %d, that is what fits on the screen",
		      json_array_size(v), CONTENT_OPTIONS_MAX);
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t at = push_index(w, i);
		struct content_option *o = &q->options[q->noptions];
		bool good = expect(w, item, JSON_OBJECT, "an option {\"id\": ..., \"label\": ...}");
		if (good) {
			check_fields(w, item, known);
			o->id = parse_id(w, field(w, item, "id", &old));
			good &= o->id != NULL;
			pop(w, old);
			for (int k = 0; o->id && k < q->noptions; k++) {
				if (!strcmp(q->options[k].id, o->id)) {
					size_t idp = push_key(w, "id");
					error(w, "option id \"%s\" is used twice", o->id);
					pop(w, idp);
					good = false;
				}
			}
			good &= parse_text(w, field(w, item, "label", &old), CONTENT_OPTION_MAX,
					   false, &o->label);
			pop(w, old);
		}
		if (good)
			q->noptions++;
		ok &= good;
		pop(w, at);
	}
	return ok;
}

static int option_index(const struct content_question *q, const char *id)
{
	for (int i = 0; i < q->noptions; i++)
		if (!strcmp(q->options[i].id, id))
			return i;
	return -1;
}

/* show_if: {"question": id of an earlier question, "options": [its option ids]} */
static bool parse_show_if(struct walker *w, json_t *v, struct content_survey *s,
			  struct content_question *q)
{
	static const char *const known[] = { "question", "options", NULL };
	size_t old, i;
	json_t *f, *item;
	int target = -1;

	if (!expect(w, v, JSON_OBJECT, "{\"question\": ..., \"options\": [...]}"))
		return false;
	check_fields(w, v, known);
	f = field(w, v, "question", &old);
	if (expect(w, f, JSON_STRING, "the id of an earlier question")) {
		for (int k = 0; k < s->nquestions; k++)
			if (!strcmp(s->questions[k].id, json_string_value(f)))
				target = k;
		if (target < 0)
			error(w, "\"%s\" is not an earlier question of this survey",
			      json_string_value(f));
	}
	pop(w, old);
	if (target < 0)
		return false;
	const struct content_question *t = &s->questions[target];
	f = field(w, v, "options", &old);
	bool ok = expect(w, f, JSON_ARRAY, "a list of option ids");
	if (ok && json_array_size(f) == 0) {
		error(w, "give at least one option");
		ok = false;
	}
	json_array_foreach(ok ? f : NULL, i, item)
	{
		size_t at = push_index(w, i);
		int o = json_is_string(item) ? option_index(t, json_string_value(item)) : -1;
		if (o < 0) {
			error(w, "not an option of question \"%s\"", t->id);
			ok = false;
		} else {
			q->show_if_options |= 1u << o;
		}
		pop(w, at);
	}
	pop(w, old);
	q->show_if_question = target;
	return ok;
}

/* The options of a type that lists them, or its fixed ones. */
static bool parse_type_options(struct walker *w, json_t *f, struct content_question *q)
{
	if (q->type->listed_options)
		return parse_options(w, f, q);
	if (f) {
		error(w, "a %s question has no options: the kiosk labels them itself",
		      q->type->name);
		return false;
	}
	for (int i = 0; i < q->type->nfixed; i++)
		q->options[i].id = q->type->fixed[i];
	q->noptions = q->type->nfixed;
	return true;
}

static bool parse_max(struct walker *w, json_t *f, struct content_question *q)
{
	if (!q->type->has_max) {
		if (f)
			error(w, "a %s question has no max", q->type->name);
		return !f;
	}
	if (!f) {
		q->max = q->noptions;
	} else if (!expect(w, f, JSON_INTEGER, "how many options may be chosen")) {
		return false;
	} else if (json_integer_value(f) < 1 || json_integer_value(f) > q->noptions) {
		error(w, "max %lld: use 1 to the number of options (%d)",
		      (long long)json_integer_value(f), q->noptions);
		return false;
	} else {
		q->max = (int)json_integer_value(f);
	}
	return true;
}

static bool parse_question(struct walker *w, json_t *v, struct content_survey *s,
			   struct content_question *q)
{
	static const char *const known[] = {
		"id", "type", "text", "options", "max", "show_if", NULL
	};
	size_t old;
	json_t *f;
	bool ok = true;

	q->show_if_question = -1;
	q->max = 1;
	if (!expect(w, v, JSON_OBJECT, "a question object"))
		return false;
	check_fields(w, v, known);
	q->id = parse_id(w, field(w, v, "id", &old));
	ok &= q->id != NULL;
	for (int k = 0; q->id && k < s->nquestions; k++)
		if (!strcmp(s->questions[k].id, q->id)) {
			error(w, "question id \"%s\" is used twice", q->id);
			ok = false;
		}
	pop(w, old);

	f = field(w, v, "type", &old);
	if (expect(w, f, JSON_STRING, "a question type") &&
	    !(q->type = question_type_find(json_string_value(f))))
		error(w, "unknown question type \"%s\": use %s", json_string_value(f),
		      question_type_names());
	pop(w, old);
	if (!q->type)
		return false;

	ok &= parse_text(w, field(w, v, "text", &old), CONTENT_QUESTION_MAX, false, &q->text);
	pop(w, old);

	f = field(w, v, "options", &old);
	ok &= parse_type_options(w, f, q);
	pop(w, old);

	f = field(w, v, "max", &old);
	ok &= parse_max(w, f, q);
	pop(w, old);

	if ((f = field(w, v, "show_if", &old)))
		ok &= parse_show_if(w, f, s, q);
	pop(w, old);
	return ok;
}

/* active: {"from": date, "to": date}, both days included. */
static bool parse_active(struct walker *w, json_t *f, struct content_survey *s)
{
	static const char *const known[] = { "from", "to", NULL };
	size_t old;
	bool ok = true;

	if (!expect(w, f, JSON_OBJECT, "{\"from\": \"YYYY-MM-DD\", \"to\": ...}"))
		return false;
	check_fields(w, f, known);
	ok &= parse_date(w, field(w, f, "from", &old), &s->from);
	pop(w, old);
	ok &= parse_date(w, field(w, f, "to", &old), &s->to);
	pop(w, old);
	if (ok && date_cmp(&s->from, &s->to) > 0) {
		error(w, "the survey ends before it starts");
		ok = false;
	}
	return ok;
}

/* The questions, in order; parsing stops at the first bad one, since later
 * show_if conditions may refer to it. */
static bool parse_questions(struct walker *w, json_t *f, struct content_survey *s)
{
	size_t i;
	json_t *item;

	if (!expect(w, f, JSON_ARRAY, "a list of questions"))
		return false;
	if (json_array_size(f) == 0 || json_array_size(f) > CONTENT_QUESTIONS_MAX) {
		error(w, "%zu questions: give 1 to %d (a visitor answers in under a minute)",
		      json_array_size(f), CONTENT_QUESTIONS_MAX);
		return false;
	}
	if (!(s->questions = calloc(json_array_size(f), sizeof *s->questions))) {
		error(w, "out of memory");
		return false;
	}
	json_array_foreach(f, i, item)
	{
		size_t at = push_index(w, i);
		bool ok = parse_question(w, item, s, &s->questions[s->nquestions]);
		pop(w, at);
		if (!ok)
			return false;
		s->nquestions++;
	}
	return true;
}

static bool parse_survey(struct walker *w, json_t *v, struct content_survey *s)
{
	static const char *const known[] = { "id",	 "version",	   "title",
					     "intro",	 "active",	   "questions",
					     "followup", "min_duration_s", NULL };
	size_t old;
	json_t *f;
	bool ok = true;

	if (!expect(w, v, JSON_OBJECT, "a survey object"))
		return false;
	check_fields(w, v, known);
	s->id = parse_id(w, field(w, v, "id", &old));
	ok &= s->id != NULL;
	pop(w, old);

	f = field(w, v, "version", &old);
	if (!expect(w, f, JSON_INTEGER, "the survey's version number")) {
		ok = false;
	} else if (json_integer_value(f) < 1 || json_integer_value(f) > 1000000) {
		error(w, "use a version from 1 up");
		ok = false;
	} else {
		s->version = (int)json_integer_value(f);
	}
	pop(w, old);

	ok &= parse_text(w, field(w, v, "title", &old), CONTENT_TITLE_MAX, false, &s->title);
	pop(w, old);
	ok &= parse_text(w, field(w, v, "intro", &old), CONTENT_INTRO_MAX, false, &s->intro);
	pop(w, old);

	ok &= parse_active(w, field(w, v, "active", &old), s);
	pop(w, old);

	s->min_duration_s = 8;
	if ((f = field(w, v, "min_duration_s", &old))) {
		if (!expect(w, f, JSON_INTEGER, "a whole number of seconds") ||
		    json_integer_value(f) < 0 || json_integer_value(f) > 120) {
			if (json_is_integer(f))
				error(w, "use 0 to 120 seconds");
			ok = false;
		} else {
			s->min_duration_s = (int)json_integer_value(f);
		}
	}
	pop(w, old);

	ok &= parse_questions(w, field(w, v, "questions", &old), s);
	pop(w, old);

	if ((f = field(w, v, "followup", &old))) {
		s->has_followup = parse_link(w, f, false, &s->followup);
		ok &= s->has_followup;
	}
	pop(w, old);
	return ok;
}

static bool parse_surveys(struct walker *w, json_t *v)
{
	struct content *c = w->c;
	size_t i;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_ARRAY, "a list of surveys"))
		return false;
	if (json_array_size(v) > CONTENT_SURVEYS_MAX) {
		error(w, "too many surveys: %zu, at most %d", json_array_size(v),
		      CONTENT_SURVEYS_MAX);
		return false;
	}
	c->surveys = calloc(json_array_size(v) + 1, sizeof *c->surveys);
	if (!c->surveys) {
		error(w, "out of memory");
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t old = push_index(w, i);
		struct content_survey *s = &c->surveys[c->nsurveys++];
		ok &= parse_survey(w, item, s);
		for (int k = 0; s->id && k < c->nsurveys - 1; k++) {
			if (c->surveys[k].id && !strcmp(c->surveys[k].id, s->id)) {
				size_t at = push_key(w, "id");
				error(w, "id \"%s\" is used twice", s->id);
				pop(w, at);
				ok = false;
			}
		}
		pop(w, old);
	}
	return ok;
}

static bool parse_asset(struct walker *w, json_t *v, struct content_asset *a)
{
	static const char *const known[] = { "name", "url", "sha256", "bytes", NULL };
	size_t old;
	json_t *f;
	bool ok = true;

	if (!expect(w, v, JSON_OBJECT, "an asset {\"name\", \"url\", \"sha256\", \"bytes\"}"))
		return false;
	check_fields(w, v, known);
	f = field(w, v, "name", &old);
	if (expect(w, f, JSON_STRING, "a file name")) {
		const char *n = json_string_value(f);
		size_t len = strlen(n);
		if (len == 0 || len > 64 || n[0] == '.' ||
		    strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789._-") != len)
			error(w,
			      "\"%s\" is not a file name: use 1 to 64 of a-z, 0-9, '.', '_' "
			      "and '-', not starting with '.'",
			      n);
		else
			a->name = n;
	}
	ok &= a->name != NULL;
	pop(w, old);
	f = field(w, v, "url", &old);
	if (expect(w, f, JSON_STRING, "a URL")) {
		const char *u = json_string_value(f);
		if (!strncmp(u, "http://", 7) || (strstr(u, "://") && strncmp(u, "https://", 8)))
			error(w, "an asset URL is https:// or relative to the central service");
		else if (!*u || strlen(u) > 1000 || strpbrk(u, " \"<>\\"))
			error(w, "not a usable URL");
		else
			a->url = u;
	}
	ok &= a->url != NULL;
	pop(w, old);
	f = field(w, v, "sha256", &old);
	if (expect(w, f, JSON_STRING, "the SHA-256 of the file, 64 hex digits")) {
		const char *h = json_string_value(f);
		if (strlen(h) != 64 || strspn(h, "0123456789abcdef") != 64)
			error(w, "a SHA-256 is 64 lowercase hex digits");
		else
			a->sha256 = h;
	}
	ok &= a->sha256 != NULL;
	pop(w, old);
	f = field(w, v, "bytes", &old);
	if (!expect(w, f, JSON_INTEGER, "the file's size in bytes")) {
		ok = false;
	} else if (json_integer_value(f) < 1 || json_integer_value(f) > CONTENT_ASSET_BYTES_MAX) {
		error(w, "%lld bytes: an asset has 1 to %d bytes", (long long)json_integer_value(f),
		      CONTENT_ASSET_BYTES_MAX);
		ok = false;
	} else {
		a->bytes = (long)json_integer_value(f);
	}
	pop(w, old);
	return ok;
}

static bool parse_assets(struct walker *w, json_t *v)
{
	struct content *c = w->c;
	size_t i;
	json_t *item;
	bool ok = true;

	if (!expect(w, v, JSON_ARRAY, "a list of assets"))
		return false;
	if (json_array_size(v) > CONTENT_ASSETS_MAX) {
		error(w, "too many assets: %zu, at most %d", json_array_size(v),
		      CONTENT_ASSETS_MAX);
		return false;
	}
	if (!(c->assets = calloc(json_array_size(v) + 1, sizeof *c->assets))) {
		error(w, "out of memory");
		return false;
	}
	json_array_foreach(v, i, item)
	{
		size_t old = push_index(w, i);
		struct content_asset *a = &c->assets[c->nassets++];
		ok &= parse_asset(w, item, a);
		for (int k = 0; a->name && k < c->nassets - 1; k++)
			if (c->assets[k].name && !strcmp(c->assets[k].name, a->name)) {
				error(w, "asset \"%s\" is listed twice", a->name);
				ok = false;
			}
		if (a->name && (!strcmp(a->name, "content.json") || !strcmp(a->name, "etag"))) {
			error(w, "\"%s\" is a name the kiosk uses itself", a->name);
			ok = false;
		}
		pop(w, old);
	}
	return ok;
}

static int survey_index(const struct content *c, const char *id)
{
	for (int i = 0; id && i < c->nsurveys; i++)
		if (c->surveys[i].id && !strcmp(c->surveys[i].id, id))
			return i;
	return -1;
}

static int question_index(const struct content_survey *s, const char *id)
{
	for (int i = 0; id && i < s->nquestions; i++)
		if (s->questions[i].id && !strcmp(s->questions[i].id, id))
			return i;
	return -1;
}

/* A published count: a whole number of at most max, and none from 1 to
 * min_n - 1 (null when hidden is allowed). *n is -1 for null. */
static bool parse_count(struct walker *w, json_t *v, int min_n, int max, bool nullable, int *n)
{
	if (nullable && json_is_null(v)) {
		*n = CONTENT_COUNT_HIDDEN;
		return true;
	}
	if (!expect(w, v, JSON_INTEGER, nullable ? "a count or null" : "a count"))
		return false;
	json_int_t k = json_integer_value(v);
	if (k < 0 || k > max) {
		error(w, "count %lld is out of range (0 to %d)", (long long)k, max);
		return false;
	}
	if (k > 0 && k < min_n) {
		error(w, "count %lld is below min_n %d: such a count must not be published",
		      (long long)k, min_n);
		return false;
	}
	*n = (int)k;
	return true;
}

static bool parse_result_options(struct walker *w, json_t *v, int min_n,
				 const struct content_question *q, struct content_result_question *r)
{
	static const char *const known[] = { "id", "n", NULL };
	size_t i, old;
	json_t *item;
	bool ok = true;

	for (int k = 0; k < CONTENT_OPTIONS_MAX; k++)
		r->counts[k] = CONTENT_COUNT_HIDDEN;
	if (!expect(w, v, JSON_ARRAY, "a list of options"))
		return false;
	json_array_foreach(v, i, item)
	{
		size_t at = push_index(w, i);
		int o = -1, n = 0;
		if (expect(w, item, JSON_OBJECT, "an option {\"id\": ..., \"n\": ...}")) {
			check_fields(w, item, known);
			json_t *id = field(w, item, "id", &old);
			if (!json_is_string(id) || (o = option_index(q, json_string_value(id))) < 0) {
				error(w, "not an option of question \"%s\"", q->id);
				ok = false;
			}
			pop(w, old);
			ok &= parse_count(w, field(w, item, "n", &old), min_n, r->n, true, &n);
			pop(w, old);
			if (o >= 0)
				r->counts[o] = n;
		} else {
			ok = false;
		}
		pop(w, at);
	}
	return ok;
}

static bool parse_result_question(struct walker *w, json_t *v, int min_n,
				  const struct content_survey *s, int survey_n,
				  struct content_result_question *r)
{
	static const char *const known[] = { "q", "n", "options", NULL };
	size_t old;
	bool ok = expect(w, v, JSON_OBJECT, "a question's results {\"q\", \"n\", \"options\"}");

	if (!ok)
		return false;
	check_fields(w, v, known);
	json_t *q = field(w, v, "q", &old);
	r->question = json_is_string(q) ? question_index(s, json_string_value(q)) : -1;
	if (r->question < 0) {
		error(w, "not a question of survey \"%s\"", s->id);
		ok = false;
	}
	pop(w, old);
	ok &= parse_count(w, field(w, v, "n", &old), min_n, survey_n, false, &r->n);
	if (ok && r->n == 0) {
		error(w, "a question nobody answered is left out, not published with 0");
		ok = false;
	}
	pop(w, old);
	if (ok)
		ok &= parse_result_options(w, field(w, v, "options", &old), min_n,
					   &s->questions[r->question], r);
	else
		field(w, v, "options", &old);
	pop(w, old);
	return ok;
}

static bool parse_result_survey(struct walker *w, json_t *v, int min_n,
				struct content_result_survey *r)
{
	static const char *const known[] = { "survey_id", "n", "since", "questions", NULL };
	const struct content *c = w->c;
	size_t old, i;
	json_t *item, *f;
	bool ok = expect(w, v, JSON_OBJECT, "a survey's results {\"survey_id\", \"n\", ...}");

	if (!ok)
		return false;
	check_fields(w, v, known);
	f = field(w, v, "survey_id", &old);
	r->survey = json_is_string(f) ? survey_index(c, json_string_value(f)) : -1;
	if (r->survey < 0) {
		error(w, "not a survey of this bundle");
		ok = false;
	}
	pop(w, old);
	ok &= parse_count(w, field(w, v, "n", &old), min_n, 100000000, false, &r->n);
	pop(w, old);
	ok &= parse_date(w, field(w, v, "since", &old), &r->since);
	pop(w, old);
	f = field(w, v, "questions", &old);
	if (ok && expect(w, f, JSON_ARRAY, "a list of questions")) {
		const struct content_survey *s = &c->surveys[r->survey];
		if ((int)json_array_size(f) > s->nquestions) {
			error(w, "more questions than the survey has");
			ok = false;
		}
		json_array_foreach(f, i, item)
		{
			size_t at = push_index(w, i);
			if (ok)
				ok &= parse_result_question(w, item, min_n, s, r->n,
							    &r->questions[r->nquestions++]);
			pop(w, at);
		}
	} else {
		ok = false;
	}
	pop(w, old);
	return ok;
}

/* results: {"as_of": day, "min_n": at least 5, "surveys": [...]}, computed by the
 * central service from the group's answers; no count below min_n. */
static bool parse_results(struct walker *w, json_t *v)
{
	static const char *const known[] = { "as_of", "min_n", "surveys", NULL };
	struct content_results *r = &w->c->results;
	size_t old, i;
	json_t *f, *item;
	bool ok = expect(w, v, JSON_OBJECT, "results {\"as_of\", \"min_n\", \"surveys\"}");

	if (!ok)
		return false;
	check_fields(w, v, known);
	ok &= parse_date(w, field(w, v, "as_of", &old), &r->as_of);
	pop(w, old);
	f = field(w, v, "min_n", &old);
	if (!json_is_integer(f) || json_integer_value(f) < CONTENT_MIN_N ||
	    json_integer_value(f) > 1000000) {
		error(w, "min_n is a whole number of at least %d", CONTENT_MIN_N);
		ok = false;
	} else {
		r->min_n = (int)json_integer_value(f);
	}
	pop(w, old);
	f = field(w, v, "surveys", &old);
	if (ok && expect(w, f, JSON_ARRAY, "a list of surveys")) {
		if (json_array_size(f) > CONTENT_SURVEYS_MAX) {
			error(w, "too many surveys");
			ok = false;
		}
		json_array_foreach(f, i, item)
		{
			size_t at = push_index(w, i);
			if (ok)
				ok &= parse_result_survey(w, item, r->min_n, &r->surveys[r->nsurveys++]);
			pop(w, at);
		}
	} else {
		ok = false;
	}
	pop(w, old);
	r->present = ok;
	return ok;
}

/* because: {"survey", "q", "options": [...]}: the answers that motivated a
 * promise, each named as the bundle's surveys name them. */
static bool parse_because(struct walker *w, json_t *v, struct content_because *b)
{
	static const char *const known[] = { "survey", "q", "options", NULL };
	const struct content *c = w->c;
	size_t old, i;
	json_t *f, *o;
	bool ok = expect(w, v, JSON_OBJECT, "because {\"survey\", \"q\", \"options\"}");

	if (!ok)
		return false;
	check_fields(w, v, known);
	f = field(w, v, "survey", &old);
	b->survey = json_is_string(f) ? survey_index(c, json_string_value(f)) : -1;
	if (b->survey < 0) {
		error(w, "not a survey of this bundle");
		ok = false;
	}
	pop(w, old);
	f = field(w, v, "q", &old);
	b->question = ok && json_is_string(f)
			      ? question_index(&c->surveys[b->survey], json_string_value(f))
			      : -1;
	if (ok && b->question < 0) {
		error(w, "not a question of survey \"%s\"", c->surveys[b->survey].id);
		ok = false;
	}
	pop(w, old);
	f = field(w, v, "options", &old);
	if (ok && expect(w, f, JSON_ARRAY, "a list of option ids") && json_array_size(f) > 0) {
		const struct content_question *q = &c->surveys[b->survey].questions[b->question];
		json_array_foreach(f, i, o)
		{
			size_t at = push_index(w, i);
			int k = json_is_string(o) ? option_index(q, json_string_value(o)) : -1;
			if (k < 0) {
				error(w, "not an option of question \"%s\"", q->id);
				ok = false;
			} else {
				b->options |= 1u << k;
			}
			pop(w, at);
		}
	} else if (ok) {
		if (json_is_array(f))
			error(w, "name at least one option");
		ok = false;
	}
	pop(w, old);
	b->present = ok;
	return ok;
}

/* The promises' "because", once the surveys they name are known. */
static bool parse_becauses(struct walker *w, json_t *promises)
{
	size_t i, old;
	json_t *item, *f;
	bool ok = true;

	json_array_foreach(promises, i, item)
	{
		if ((int)i >= w->c->npromises)
			break;
		size_t at = push_index(w, i);
		if ((f = field(w, item, "because", &old)))
			ok &= parse_because(w, f, &w->c->promises[i].because);
		pop(w, old);
		pop(w, at);
	}
	return ok;
}

bool content_survey_active(const struct content_survey *s, const struct content_date *day)
{
	return date_cmp(&s->from, day) <= 0 && date_cmp(day, &s->to) <= 0;
}

static bool parse_format(struct walker *w, json_t *f)
{
	if (!expect(w, f, JSON_INTEGER, "the format number"))
		return false;
	if (json_integer_value(f) != CONTENT_FORMAT) {
		error(w, "format %lld is not supported; this kiosk reads format %d",
		      (long long)json_integer_value(f), CONTENT_FORMAT);
		return false;
	}
	return true;
}

static bool parse_idle_timeout(struct walker *w, json_t *f, struct content *c)
{
	if (!expect(w, f, JSON_INTEGER, "a whole number of seconds"))
		return false;
	if (json_integer_value(f) < 20 || json_integer_value(f) > 600) {
		error(w, "%lld seconds is out of range: use 20 to 600",
		      (long long)json_integer_value(f));
		return false;
	}
	c->idle_timeout_s = (int)json_integer_value(f);
	return true;
}

static bool parse_bundle(struct walker *w, json_t *root)
{
	static const char *const known[] = {
		"format",	 "version",	   "title",    "languages",
		"opening_hours", "idle_timeout_s", "promises", "links",
		"surveys",	 "assets",	   "results",  NULL
	};
	struct content *c = w->c;
	size_t old;
	json_t *f;
	bool ok = true;

	if (!expect(w, root, JSON_OBJECT, "a JSON object"))
		return false;
	check_fields(w, root, known);

	ok = parse_format(w, field(w, root, "format", &old));
	pop(w, old);
	if (!ok)
		return false;

	f = field(w, root, "version", &old);
	if ((c->version = string_value(w, f, 64, false)) == NULL)
		ok = false;
	pop(w, old);

	/* Languages first: every text is checked against them. */
	if (!parse_languages(w, field(w, root, "languages", &old))) {
		pop(w, old);
		return false;
	}
	pop(w, old);

	ok &= parse_text(w, field(w, root, "title", &old), CONTENT_TITLE_MAX, false, &c->title);
	pop(w, old);

	c->idle_timeout_s = 60;
	if ((f = field(w, root, "idle_timeout_s", &old)))
		ok &= parse_idle_timeout(w, f, c);
	pop(w, old);

	if ((f = field(w, root, "opening_hours", &old)))
		ok &= parse_hours(w, f);
	pop(w, old);

	ok &= parse_promises(w, field(w, root, "promises", &old));
	pop(w, old);

	if ((f = field(w, root, "links", &old)))
		ok &= parse_links(w, f);
	pop(w, old);

	if ((f = field(w, root, "surveys", &old)))
		ok &= parse_surveys(w, f);
	pop(w, old);

	/* Results and promises' "because" name the surveys: after them. */
	if (ok) {
		ok &= parse_becauses(w, field(w, root, "promises", &old));
		pop(w, old);
		if ((f = field(w, root, "results", &old)))
			ok &= parse_results(w, f);
		pop(w, old);
	}

	if ((f = field(w, root, "assets", &old)))
		ok &= parse_assets(w, f);
	pop(w, old);
	return ok;
}

/* What to do about a JSON syntax error, in plain words, from jansson's text. */
static const char *syntax_advice(const char *text)
{
	static const char *const advice[][2] = {
		{ "unexpected token near ']'", "a comma before ']' with nothing after it: remove it" },
		{ "unexpected token near '}'", "a comma before '}' with nothing after it: remove it" },
		{ "string or '}' expected", "a comma before '}', or a key without double quotes" },
		{ "']' expected", "a comma is missing between two items of a list" },
		{ "'}' expected", "a comma is missing between two fields" },
		{ "':' expected", "a colon is missing after a field's name" },
		{ "premature end of input", "the file ends too early: a closing bracket or quote "
					    "is missing" },
		{ "end of file expected", "something comes after the end of the bundle" },
		{ "duplicate object key", "a field is given twice" },
		{ "invalid token", "not JSON here: texts need double quotes" },
		{ "control character", "a line break or tab inside quotes: write \\n" },
	};
	for (size_t i = 0; i < sizeof advice / sizeof advice[0]; i++)
		if (strstr(text, advice[i][0]))
			return advice[i][1];
	return "not valid JSON here";
}

struct content *content_load_buffer(const char *data, size_t len, struct content_diag *diag)
{
	struct walker w = { .diag = diag };
	json_error_t jerr;
	json_t *root;

	if (diag)
		memset(diag, 0, sizeof *diag);
	if (len > CONTENT_FILE_MAX) {
		error(&w, "the bundle is %zu bytes; at most %d are accepted", len,
		      CONTENT_FILE_MAX);
		return NULL;
	}
	/* Windows editors start UTF-8 files with a byte order mark; it means nothing. */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	if (len == 0) {
		error(&w, "the file is empty");
		return NULL;
	}
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		snprintf(w.path, sizeof w.path, "line %d, column %d", jerr.line, jerr.column);
		w.len = strlen(w.path);
		if (strstr(jerr.text, "unable to decode byte"))
			error(&w, "the file is not UTF-8 (%s): save it as UTF-8", jerr.text);
		else if (strstr(jerr.text, "\\u0000"))
			error(&w, "a text contains \\u0000, which cannot be shown");
		else
			error(&w, "%s (%s)", syntax_advice(jerr.text), jerr.text);
		return NULL;
	}
	w.c = calloc(1, sizeof *w.c);
	if (!w.c) {
		json_decref(root);
		error(&w, "out of memory");
		return NULL;
	}
	w.c->json = root;
	if (!parse_bundle(&w, root) || w.nerrors) {
		content_destroy(w.c);
		return NULL;
	}
	warn_missing(&w);
	return w.c;
}

struct content *content_load_file(const char *path, struct content_diag *diag)
{
	struct walker w = { .diag = diag };
	struct content *c;
	FILE *f;
	char *data;
	long size;

	if (diag)
		memset(diag, 0, sizeof *diag);
	f = fopen(path, "rb");
	if (!f) {
		error(&w, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		error(&w, "cannot read %s: not a regular file", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		error(&w, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	if (size > CONTENT_FILE_MAX) {
		fclose(f);
		error(&w, "the bundle is %ld bytes; at most %d are accepted", size,
		      CONTENT_FILE_MAX);
		return NULL;
	}
	data = malloc((size_t)size + 1);
	if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
		free(data);
		fclose(f);
		error(&w, "cannot read %s", path);
		return NULL;
	}
	fclose(f);
	c = content_load_buffer(data, (size_t)size, diag);
	free(data);
	return c;
}

void content_destroy(struct content *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->npromises; i++)
		free(c->promises[i].updates);
	free(c->promises);
	free(c->links);
	for (int i = 0; i < c->nsurveys; i++)
		free(c->surveys[i].questions);
	free(c->surveys);
	free(c->assets);
	json_decref(c->json);
	free(c);
}

int content_lang_index(const struct content *c, const char *code)
{
	for (int i = 0; i < c->nlanguages; i++)
		if (!strcmp(c->languages[i], code))
			return i;
	return 0;
}

void content_diag_format(const struct content_diag *diag, int i, char *buf, size_t size)
{
	const char *where = diag->items[i].where[0] ? diag->items[i].where : diag->items[i].path;
	if (strcmp(where, diag->items[i].path))
		snprintf(buf, size, "%s: %s: %s (at %s)", diag->items[i].error ? "error" : "warning",
			 where, diag->items[i].message, diag->items[i].path);
	else
		snprintf(buf, size, "%s: %s: %s", diag->items[i].error ? "error" : "warning", where,
			 diag->items[i].message);
}

void content_diag_print(const struct content_diag *diag, const char *file, FILE *out)
{
	char line[512];

	for (int i = 0; i < diag->n; i++) {
		content_diag_format(diag, i, line, sizeof line);
		fprintf(out, "%s: %s\n", file, line);
	}
	if (diag->nerrors + diag->nwarnings > diag->n)
		fprintf(out, "%s: ... and %d more\n", file,
			diag->nerrors + diag->nwarnings - diag->n);
}
