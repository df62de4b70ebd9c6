/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of the content bundle parser: every malformed bundle in tests/data/bundles/
 * must be rejected with an error at the JSON path where staff will find the mistake,
 * and valid bundles must come back as the model the screens rely on. */
#include "common/content.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#define BUNDLES_DIR SOURCE_DIR "/tests/data/bundles/"

/* One file per mistake: where the error must be reported, and words its message must
 * contain. Syntax and encoding errors are found by jansson and reported by line and
 * column, since there is no JSON path yet. */
struct bad_bundle {
	const char *file;
	const char *path;
	const char *message;
};

static const struct bad_bundle bad_bundles[] = {
	{ "01-syntax-trailing-comma.json", "line 30, column 37", "unexpected token" },
	{ "02-syntax-missing-comma.json", "line 19, column 12", "'}' expected" },
	{ "03-utf8-latin1-bytes.json", "line 23, column 30", "unable to decode byte 0xe5" },
	{ "05-body-nul-escape.json", "line 27, column 88", "contains \\u0000" },
	{ "06-duplicate-key.json", "line 68, column 14", "duplicate object key" },
	{ "07-empty-file.json", "(top)", "the file is empty" },
	{ "08-top-level-list.json", "(top)", "expected a JSON object, found a list" },
	{ "09-format-wrong.json", "format", "format 2 is not supported" },
	{ "10-format-string.json", "format", "expected the format number, found a string" },
	{ "11-version-missing.json", "version", "missing" },
	{ "12-languages-missing.json", "languages", "missing" },
	{ "13-language-code-bad.json", "languages[1]", "\"English\" is not a language code" },
	{ "14-language-duplicate.json", "languages[3]", "language \"en\" is listed twice" },
	{ "15-languages-empty.json", "languages", "give 1 to 8 languages" },
	{ "16-idle-timeout-range.json", "idle_timeout_s", "5 seconds is out of range" },
	{ "17-promises-not-list.json", "promises", "expected a list of promises, found an object" },
	{ "18-promises-missing.json", "promises", "missing" },
	{ "19-title-missing-first-language.json", "promises[1].title",
	  "missing translation for \"sv\"" },
	{ "20-title-language-uppercase.json", "promises[0].title",
	  "missing translation for \"sv\"" },
	{ "21-text-not-object.json", "promises[0].body", "expected a text object" },
	{ "22-text-empty.json", "promises[0].title.ar", "empty text" },
	{ "23-title-too-long.json", "promises[0].title.sv", "91 characters, at most 90" },
	{ "24-title-too-long-arabic.json", "promises[0].title.ar", "91 characters, at most 90" },
	{ "25-title-line-break.json", "promises[0].title.en", "U+000A is not allowed" },
	{ "26-title-control-char.json", "promises[0].title.sv", "U+0007 is not allowed" },
	{ "27-update-too-long.json", "promises[0].updates[1].text.sv",
	  "401 characters, at most 400" },
	{ "28-update-not-object.json", "promises[0].updates[2]", "expected an update object" },
	{ "29-area-too-long.json", "promises[0].area.en", "86 characters, at most 80" },
	{ "30-status-unknown.json", "promises[0].status", "unknown status \"ongoing\"" },
	{ "31-party-unknown.json", "promises[0].parties[1]", "unknown party \"socialtjanst\"" },
	{ "32-parties-empty.json", "promises[1].parties", "give 1 to 6 parties" },
	{ "33-date-invalid.json", "promises[0].period.to",
	  "\"2026-02-30\" is not a valid calendar date" },
	{ "34-period-reversed.json", "promises[0].period", "ends before it starts" },
	{ "35-date-wrong-form.json", "promises[1].updates[0].date",
	  "\"2026/03/10\" is not a date in the form YYYY-MM-DD" },
	{ "36-period-missing.json", "promises[1].period", "missing" },
	{ "37-promise-id-duplicate.json", "promises[1].id", "id \"trygg-park\" is used twice" },
	{ "38-promise-id-uppercase.json", "promises[0].id", "\"Trygg-Park\" is not an id" },
	{ "39-promises-too-many.json", "promises", "too many promises: 31, at most 30" },
	{ "40-updates-too-many.json", "promises[0].updates", "too many updates: 21, at most 20" },
	{ "41-url-not-https.json", "promises[0].link.url", "must start with https://" },
	{ "42-url-too-long.json", "links[0].url", "201 bytes, at most 180" },
	{ "43-url-space.json", "links[0].url", "URL has a space" },
	{ "44-url-no-host.json", "links[0].url", "no host name" },
	{ "45-link-label-missing.json", "links[0].label", "missing" },
	{ "46-link-id-missing.json", "links[0].id", "missing" },
	{ "47-links-too-many.json", "links", "too many links: 9, at most 6" },
	{ "48-link-id-duplicate.json", "links[1].id", "id \"polisen\" is used twice" },
	{ "49-hours-reversed-range.json", "opening_hours.fri[0]", "closes before it opens" },
	{ "50-hours-missing-day.json", "opening_hours.sun", "missing" },
	{ "51-hours-bad-form.json", "opening_hours.mon[0]", "expected opening hours like" },
	{ "52-hours-too-many-periods.json", "opening_hours.sat",
	  "at most 4 opening periods a day" },
	{ "53-party-twice.json", "promises[0].parties[1]", "party \"polis\" is listed twice" },
	{ "54-date-with-space.json", "promises[0].period.from",
	  "not a date in the form YYYY-MM-DD" },
	{ "55-title-only-nbsp.json", "promises[0].title.sv", "empty text" },
	{ "56-title-direction-override.json", "promises[0].title.ar", "text direction control" },
	{ "57-url-http.json", "promises[0].link.url", "must start with https://" },
	{ "58-hours-with-space.json", "opening_hours.mon[0]", "expected opening hours like" },
	{ "59-asset-hash-form.json", "assets[0].sha256", "64 lowercase hex digits" },
	{ "60-asset-too-big.json", "assets[0].bytes", "an asset has 1 to 5242880 bytes" },
	{ "61-asset-http.json", "assets[0].url", "https:// or relative" },
	{ "62-asset-name-path.json", "assets[0].name", "is not a file name" },
	{ "63-results-count-below-min-n.json", "results.surveys[0].questions[0].options[0].n",
	  "below min_n 10" },
	{ "64-results-min-n-too-small.json", "results.min_n", "at least 5" },
	{ "65-results-option-over-question.json", "results.surveys[0].questions[2].options[1].n",
	  "out of range" },
	{ "66-results-unknown-question.json", "results.surveys[0].questions[1].q",
	  "not a question of survey" },
	{ "67-results-question-over-survey.json", "results.surveys[0].questions[0].n",
	  "out of range" },
	{ "68-because-unknown-option.json", "promises[0].because.options[1]", "not an option" },
	{ "69-because-unknown-survey.json", "promises[0].because.survey", "not a survey" },
	{ "70-results-unknown-survey.json", "results.surveys[0].survey_id", "not a survey" },
};

#define NBAD (sizeof bad_bundles / sizeof bad_bundles[0])

/* A valid bundle in sv, en and ar with one promise. Single quotes stand for double
 * quotes so that the JSON reads as JSON. The first %s is spliced into the top-level
 * object, the second into the promise; each fragment ends with a comma. */
static const char bundle_template[] =
	"{'format': 1, 'version': 'test-1', 'languages': ['sv', 'en', 'ar'],\n"
	" 'title': {'sv': 'Medborgarlöften', 'en': 'Citizen promises', 'ar': 'وعود للمواطنين'},\n"
	" %s\n"
	" 'promises': [{\n"
	"  'id': 'trygg-park', 'parties': ['polis', 'kommun'], 'status': 'in_progress',\n"
	"  'period': {'from': '2026-01-01', 'to': '2026-12-31'},\n"
	"  %s\n"
	"  'body': {'sv': 'Polisen går i parken.', 'en': 'The police walk in the park.',\n"
	"           'ar': 'تتجول الشرطة في الحديقة.'}\n"
	" }]}\n";

#define TITLE "'title': {'sv': 'Tryggare park', 'en': 'A safer park', 'ar': 'حديقة أكثر أمانًا'},"

/* The template filled in, with double quotes; the caller frees it. */
static char *make_bundle(const char *top, const char *promise, size_t *len)
{
	int n = snprintf(NULL, 0, bundle_template, top, promise);
	char *json;

	assert_true(n > 0);
	json = malloc((size_t)n + 1);
	assert_non_null(json);
	snprintf(json, (size_t)n + 1, bundle_template, top, promise);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	*len = (size_t)n;
	return json;
}

static struct content *load_bundle(const char *top, const char *promise, struct content_diag *diag)
{
	size_t len;
	char *json = make_bundle(top, promise, &len);
	struct content *c = content_load_buffer(json, len, diag);
	free(json);
	return c;
}

static void print_diag(const char *what, const struct content_diag *diag)
{
	char line[512];

	print_error("%s: %d errors, %d warnings\n", what, diag->nerrors, diag->nwarnings);
	for (int i = 0; i < diag->n; i++) {
		content_diag_format(diag, i, line, sizeof line);
		print_error("    %s\n", line);
	}
}

static bool has_item(const struct content_diag *diag, bool error, const char *path,
		     const char *message)
{
	for (int i = 0; i < diag->n; i++)
		if (diag->items[i].error == error && !strcmp(diag->items[i].path, path) &&
		    strstr(diag->items[i].message, message))
			return true;
	return false;
}

/* Checks a bundle that must load cleanly, printing what was found if it did not. */
/* Loaded with no error, and no warning but for missing translations. */
static void assert_loaded(const struct content *c, const struct content_diag *diag)
{
	int others = 0;
	for (int i = 0; i < diag->n; i++)
		others += !diag->items[i].error && !strstr(diag->items[i].message, "translation");
	if (!c || diag->nerrors || others)
		print_diag("expected a load", diag);
	assert_non_null(c);
	assert_int_equal(diag->nerrors, 0);
	assert_int_equal(others, 0);
}

static void assert_clean(const struct content *c, const struct content_diag *diag)
{
	if (!c || diag->nerrors || diag->nwarnings)
		print_diag("expected a clean load", diag);
	assert_non_null(c);
	assert_int_equal(diag->nerrors, 0);
	assert_int_equal(diag->nwarnings, 0);
}

/* Every malformed bundle is rejected, with one error where the mistake is. The
 * whole table runs before the test fails, so that one run shows every problem. */
static void test_bad_bundles(void **state)
{
	int failures = 0;

	(void)state;
	for (size_t i = 0; i < NBAD; i++) {
		const struct bad_bundle *b = &bad_bundles[i];
		char path[512];
		struct content_diag diag;
		struct content *c;

		snprintf(path, sizeof path, BUNDLES_DIR "%s", b->file);
		c = content_load_file(path, &diag);
		if (c) {
			print_error("%s: accepted, expected an error at %s\n", b->file, b->path);
			print_diag(b->file, &diag);
			content_destroy(c);
			failures++;
			continue;
		}
		if (!has_item(&diag, true, b->path, b->message)) {
			print_error("%s: no error at \"%s\" containing \"%s\"\n", b->file, b->path,
				    b->message);
			print_diag(b->file, &diag);
			failures++;
			continue;
		}
		/* Each file breaks one thing, and one mistake should read as one error. */
		if (diag.nerrors != 1) {
			print_error("%s: one mistake gave %d errors\n", b->file, diag.nerrors);
			print_diag(b->file, &diag);
			failures++;
		}
		/* Without diagnostics the answer is the same. */
		c = content_load_file(path, NULL);
		if (c) {
			print_error("%s: accepted when diag is NULL\n", b->file);
			content_destroy(c);
			failures++;
		}
	}
	if (failures)
		fail_msg("%d of %zu malformed bundles were not reported as expected", failures,
			 NBAD);
}

/* A bundle added to the directory but not to the table would never be tested. */
static void test_every_bundle_file_is_in_the_table(void **state)
{
	DIR *dir = opendir(BUNDLES_DIR);
	struct dirent *e;
	int missing = 0, files = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name), i;
		if (n < 5 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		files++;
		for (i = 0; i < NBAD && strcmp(bad_bundles[i].file, e->d_name); i++)
			;
		if (i == NBAD) {
			print_error("%s is not in the table of bad_bundles\n", e->d_name);
			missing++;
		}
	}
	closedir(dir);
	assert_int_equal(missing, 0);
	assert_int_equal(files, (int)NBAD);
}

/* Whether hay contains needle, ASCII letters in either case. */
static bool contains_word(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* The demo survey says each thing once: the kiosk's own hint gives a question's
 * limit ("Välj upp till 3"), so the question does not repeat it, and declining
 * is the skip button, so no option offers it again. */
static void test_demo_survey_says_things_once(void **state)
{
	static const char *const limits[] = { "högst", "upp till", "at most", "up to" };
	static const char *const declines[] = { "vill inte", "rather not", "prefer not" };
	struct content_diag diag;
	struct content *c = content_load_file(SOURCE_DIR "/config/content.json", &diag);

	(void)state;
	assert_clean(c, &diag);
	for (int s = 0; s < c->nsurveys; s++)
		for (int q = 0; q < c->surveys[s].nquestions; q++) {
			const struct content_question *qu = &c->surveys[s].questions[q];
			for (int l = 0; l < 2; l++) {
				for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++)
					if (qu->max > 1 && contains_word(qu->text.text[l], limits[k]))
						fail_msg("%s says its limit: %s", qu->id, qu->text.text[l]);
				for (int o = 0; o < qu->noptions; o++)
					for (size_t k = 0; k < sizeof declines / sizeof declines[0]; k++)
						if (contains_word(qu->options[o].label.text[l],
								  declines[k]))
							fail_msg("%s offers to decline: %s", qu->id,
								 qu->options[o].label.text[l]);
			}
		}
	content_destroy(c);
}

static void test_demo_bundle(void **state)
{
	static const char *const langs[] = { "sv", "en", "ar" };
	struct content_diag diag;
	struct content *c = content_load_file(SOURCE_DIR "/config/content.json", &diag);

	(void)state;
	assert_clean(c, &diag);
	assert_int_equal(c->nlanguages, 3);
	for (int l = 0; l < 3; l++)
		assert_string_equal(c->languages[l], langs[l]);
	assert_true(c->npromises >= 5);
	for (int i = 0; i < c->npromises; i++) {
		const struct content_promise *p = &c->promises[i];
		const struct content_text *texts[] = { &p->title, &p->body };
		if (p->nupdates < 2 || !p->has_link)
			print_error("promise %s: %d updates, %s link\n", p->id, p->nupdates,
				    p->has_link ? "a" : "no");
		assert_true(p->nupdates >= 2);
		assert_true(p->has_link);
		assert_non_null(p->link.url);
		/* Real translations, not the first language standing in for the others. */
		for (size_t t = 0; t < 2; t++) {
			for (int l = 0; l < 3; l++) {
				assert_non_null(texts[t]->text[l]);
				assert_true(texts[t]->text[l][0] != '\0');
				for (int k = 0; k < l; k++)
					assert_string_not_equal(texts[t]->text[k],
								texts[t]->text[l]);
			}
		}
	}
	content_destroy(c);
}

/* The demo's results and "because", as the kiosk reads them. */
static void test_results_and_because(void **state)
{
	struct content_diag diag;
	struct content *c = content_load_file(SOURCE_DIR "/config/content.json", &diag);

	(void)state;
	assert_clean(c, &diag);
	assert_true(c->results.present);
	assert_int_equal(c->results.min_n, 10);
	assert_int_equal(c->results.nsurveys, 1);
	const struct content_result_survey *rs = &c->results.surveys[0];
	assert_string_equal(c->surveys[rs->survey].id, "trygghet-2026");
	assert_int_equal(rs->n, 412);
	assert_int_equal(rs->since.year, 2025);
	const struct content_result_question *rq = &rs->questions[0];
	assert_string_equal(c->surveys[0].questions[rq->question].id, "safety-evening");
	assert_int_equal(rq->n, 398);
	assert_int_equal(rq->counts[0], 64);
	assert_int_equal(rq->counts[5], CONTENT_COUNT_HIDDEN); /* published as null */
	const struct content_because *b = &c->promises[0].because;
	assert_true(b->present);
	assert_int_equal(b->survey, 0);
	assert_string_equal(c->surveys[0].questions[b->question].id, "safety-evening");
	assert_int_equal(b->options, (1u << 2) | (1u << 3) | (1u << 4));
	assert_false(c->promises[3].because.present);
	content_destroy(c);
}

/* The README's example bundle is config/example.json, and it checks clean. */
static void test_readme_example(void **state)
{
	struct content_diag diag;
	struct content *c = content_load_file(SOURCE_DIR "/config/example.json", &diag);
	FILE *f = fopen(SOURCE_DIR "/config/example.json", "r");
	FILE *r = fopen(SOURCE_DIR "/README.md", "r");
	static char example[16384], readme[262144];
	(void)state;

	assert_clean(c, &diag);
	assert_int_equal(c->nsurveys, 1);
	assert_true(c->promises[0].because.present);
	content_destroy(c);
	assert_non_null(f);
	assert_non_null(r);
	example[fread(example, 1, sizeof example - 1, f)] = '\0';
	readme[fread(readme, 1, sizeof readme - 1, r)] = '\0';
	fclose(f);
	fclose(r);
	assert_non_null(strstr(readme, example));
}

/* Messages name places as a person counts them, and say what to do. */
static void test_messages_for_people(void **state)
{
	struct content_diag diag;
	char line[512];
	(void)state;

	assert_null(content_load_file(BUNDLES_DIR "23-title-too-long.json", &diag));
	assert_string_equal(diag.items[0].where, "promise 1 (trygg-park), title, sv");
	content_diag_format(&diag, 0, line, sizeof line);
	assert_non_null(strstr(line, "error: promise 1 (trygg-park), title, sv: text too long"));
	assert_non_null(strstr(line, "(at promises[0].title.sv)"));
	assert_null(content_load_file(BUNDLES_DIR "01-syntax-trailing-comma.json", &diag));
	assert_non_null(strstr(diag.items[0].message, "a comma before ']' with nothing after it"));
	assert_null(content_load_file(BUNDLES_DIR "02-syntax-missing-comma.json", &diag));
	assert_non_null(strstr(diag.items[0].message, "a comma is missing"));
}

static void test_missing_translation_falls_back(void **state)
{
	struct content_diag diag;
	struct content *c =
		load_bundle("", "'title': {'sv': 'Tryggare park', 'en': 'A safer park'},", &diag);

	(void)state;
	assert_non_null(c);
	/* Loaded, with one warning that names the language and the first place. */
	assert_int_equal(diag.nerrors, 0);
	assert_int_equal(diag.nwarnings, 1);
	assert_string_equal(diag.items[0].path, "promises[0].title");
	assert_non_null(strstr(diag.items[0].message, "1 text without a \"ar\" translation"));
	assert_int_equal(content_lang_index(c, "ar"), 2);
	assert_string_equal(c->promises[0].title.text[2], "Tryggare park");
	assert_string_equal(c->promises[0].title.text[1], "A safer park");
	/* A language the bundle lacks shows the first language. */
	assert_int_equal(content_lang_index(c, "de"), 0);
	content_destroy(c);
}

static void test_unknown_field_is_a_warning(void **state)
{
	struct content_diag diag;
	struct content *c =
		load_bundle("'promisses': [],", TITLE "'titel': {'sv': 'Trygg park'},", &diag);

	(void)state;
	if (!c || diag.nerrors || diag.nwarnings != 2)
		print_diag("unknown fields", &diag);
	assert_non_null(c);
	assert_int_equal(diag.nerrors, 0);
	assert_int_equal(diag.nwarnings, 2);
	assert_true(has_item(&diag, false, "promisses", "unknown field"));
	assert_true(has_item(&diag, false, "promises[0].titel", "unknown field"));
	assert_int_equal(c->npromises, 1);
	content_destroy(c);
}

static void test_updates_come_back_oldest_first(void **state)
{
	struct content_diag diag;
	struct content *c =
		load_bundle("",
			    TITLE "'updates': [\n"
				  "  {'date': '2026-05-01', 'text': {'sv': 'maj'}},\n"
				  "  {'date': '2025-12-24', 'text': {'sv': 'december'}},\n"
				  "  {'date': '2026-03-15', 'text': {'sv': 'mars'}},\n"
				  "  {'date': '2026-02-01', 'text': {'sv': 'februari'}}],",
			    &diag);
	static const char *const order[] = { "december", "februari", "mars", "maj" };

	(void)state;
	assert_loaded(c, &diag);
	assert_int_equal(c->promises[0].nupdates, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(c->promises[0].updates[i].text.text[0], order[i]);
	assert_int_equal(c->promises[0].updates[0].date.year, 2025);
	assert_int_equal(c->promises[0].updates[0].date.month, 12);
	assert_int_equal(c->promises[0].updates[0].date.day, 24);
	content_destroy(c);
}

static void test_opening_hours_in_minutes(void **state)
{
	struct content_diag diag;
	struct content *c = load_bundle("'opening_hours': {'mon': ['08:30-20:00'], 'tue': [],"
					" 'wed': [], 'thu': [],"
					" 'fri': ['08:30-12:00', '13:00-17:00'],"
					" 'sat': ['00:00-24:00'], 'sun': []},",
					TITLE, &diag);

	(void)state;
	assert_clean(c, &diag);
	assert_true(c->has_hours);
	assert_int_equal(c->hours[0].nranges, 1);
	assert_int_equal(c->hours[0].ranges[0].open, 510);
	assert_int_equal(c->hours[0].ranges[0].close, 1200);
	assert_int_equal(c->hours[1].nranges, 0);
	assert_int_equal(c->hours[4].nranges, 2);
	assert_int_equal(c->hours[4].ranges[1].open, 780);
	assert_int_equal(c->hours[4].ranges[1].close, 1020);
	assert_int_equal(c->hours[5].ranges[0].open, 0);
	assert_int_equal(c->hours[5].ranges[0].close, 1440);
	assert_int_equal(c->hours[6].nranges, 0);
	content_destroy(c);

	c = load_bundle("", TITLE, &diag);
	assert_clean(c, &diag);
	assert_false(c->has_hours);
	assert_int_equal(c->idle_timeout_s, 60);
	content_destroy(c);
}

/* Lengths are in characters, not bytes, and a text exactly at a limit fits. */
static void test_limits_are_inclusive(void **state)
{
	char title[2 * CONTENT_TITLE_MAX + 1] = "", update[CONTENT_UPDATE_MAX + 1] = "";
	char url[CONTENT_URL_MAX + 1], top[512], promise[1024];
	struct content_diag diag;
	struct content *c;

	(void)state;
	for (int i = 0; i < CONTENT_TITLE_MAX; i++)
		strcat(title, "å");
	memset(update, 'x', CONTENT_UPDATE_MAX);
	update[CONTENT_UPDATE_MAX] = '\0';
	snprintf(url, sizeof url, "https://polisen.se/%0*d", CONTENT_URL_MAX - 19, 7);
	assert_int_equal(strlen(url), CONTENT_URL_MAX);
	snprintf(top, sizeof top,
		 "'idle_timeout_s': 600, 'links': [{'id': 'polisen', 'url': '%s',"
		 " 'label': {'sv': 'Polisen'}}],",
		 url);
	snprintf(promise, sizeof promise,
		 "'title': {'sv': '%s'},"
		 " 'updates': [{'date': '2028-02-29', 'text': {'sv': '%s'}}],",
		 title, update);
	c = load_bundle(top, promise, &diag);
	assert_loaded(c, &diag);
	assert_int_equal(c->idle_timeout_s, 600);
	assert_string_equal(c->links[0].url, url);
	assert_string_equal(c->promises[0].title.text[0], title);
	content_destroy(c);
}

static char *padded_bundle(size_t size)
{
	size_t len;
	char *json = make_bundle("", TITLE, &len);
	char *data = malloc(size);

	assert_non_null(data);
	assert_true(len <= size);
	memcpy(data, json, len);
	memset(data + len, ' ', size - len);
	free(json);
	return data;
}

/* A valid bundle padded with spaces: rejected only for its size. */
static void test_buffer_too_large(void **state)
{
	struct content_diag diag;
	char *data = padded_bundle(CONTENT_FILE_MAX + 1);
	struct content *c = content_load_buffer(data, CONTENT_FILE_MAX + 1, &diag);

	(void)state;
	if (c || !has_item(&diag, true, "(top)", "1048577 bytes"))
		print_diag("buffer of CONTENT_FILE_MAX + 1 bytes", &diag);
	assert_null(c);
	assert_true(has_item(&diag, true, "(top)", "1048577 bytes"));

	c = content_load_buffer(data, CONTENT_FILE_MAX, &diag);
	assert_clean(c, &diag);
	content_destroy(c);
	free(data);
}

static void test_file_too_large(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	struct content_diag diag;
	struct content *c;
	char *data = padded_bundle(CONTENT_FILE_MAX + 1);
	FILE *f;
	int fd;

	(void)state;
	snprintf(path, sizeof path, "%s/test_content.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, CONTENT_FILE_MAX + 1, f), CONTENT_FILE_MAX + 1);
	assert_int_equal(fclose(f), 0);
	free(data);

	c = content_load_file(path, &diag);
	unlink(path);
	if (c || !has_item(&diag, true, "(top)", "1048577 bytes"))
		print_diag("file of CONTENT_FILE_MAX + 1 bytes", &diag);
	assert_null(c);
	assert_true(has_item(&diag, true, "(top)", "1048577 bytes"));
}

static void test_byte_order_mark_is_ignored(void **state)
{
	struct content_diag diag;
	struct content *c;

	(void)state;
	c = content_load_file(SOURCE_DIR "/tests/data/good/utf8-bom.json", &diag);
	if (!c)
		print_diag("utf8-bom.json", &diag);
	assert_non_null(c);
	content_destroy(c);
}

static void test_missing_file(void **state)
{
	struct content_diag diag;
	struct content *c = content_load_file(BUNDLES_DIR "no-such-bundle.json", &diag);

	(void)state;
	assert_null(c);
	assert_int_equal(diag.nerrors, 1);
	assert_non_null(strstr(diag.items[0].message, "no-such-bundle.json"));
}

/* More mistakes than the list holds: all are counted, the first ones kept. */
static void test_diag_counts_beyond_capacity(void **state)
{
	char promise[8192] = TITLE "'updates': [";
	char line[512];
	struct content_diag diag;
	struct content *c;

	(void)state;
	for (int i = 0; i < CONTENT_UPDATES_MAX; i++)
		strcat(promise,
		       "{'x': 1, 'date': '2026-13-01', 'text': {'sv': '', 'en': '', 'ar': ''}},");
	promise[strlen(promise) - 1] = ']';
	strcat(promise, ",");
	c = load_bundle("", promise, &diag);
	assert_null(c);
	assert_int_equal(diag.nerrors, 4 * CONTENT_UPDATES_MAX);
	assert_int_equal(diag.nwarnings, CONTENT_UPDATES_MAX);
	assert_int_equal(diag.n, CONTENT_DIAG_MAX);
	content_diag_format(&diag, 0, line, sizeof line);
	assert_string_equal(line, "warning: promise 1 (trygg-park), update 1, x: unknown field, "
				  "ignored (at promises[0].updates[0].x)");
	content_diag_format(&diag, 1, line, sizeof line);
	assert_string_equal(line, "error: promise 1 (trygg-park), update 1, date: \"2026-13-01\" is "
				  "not a valid calendar date (at promises[0].updates[0].date)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_bundles),
		cmocka_unit_test(test_every_bundle_file_is_in_the_table),
		cmocka_unit_test(test_demo_bundle),
		cmocka_unit_test(test_demo_survey_says_things_once),
		cmocka_unit_test(test_results_and_because),
		cmocka_unit_test(test_messages_for_people),
		cmocka_unit_test(test_readme_example),
		cmocka_unit_test(test_missing_translation_falls_back),
		cmocka_unit_test(test_unknown_field_is_a_warning),
		cmocka_unit_test(test_updates_come_back_oldest_first),
		cmocka_unit_test(test_opening_hours_in_minutes),
		cmocka_unit_test(test_limits_are_inclusive),
		cmocka_unit_test(test_buffer_too_large),
		cmocka_unit_test(test_file_too_large),
		cmocka_unit_test(test_byte_order_mark_is_ignored),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_diag_counts_beyond_capacity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
