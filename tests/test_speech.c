/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of what a visitor who cannot see the screen hears: every screen's title
 * first, then every text and button in reading order, each in the visitor's
 * language; and of the engine, a real espeak-ng measured with sox, that speaks
 * a screen, survives being killed in the middle and says so in English when a
 * language has no voice. */
#include "helpers.h"
#include "common/wake.h"
#include "kiosk/access.h"
#include "kiosk/speech.h"
#include "kiosk/tone.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/input.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

static const char *const langs[] = { "sv", "en", "ar" };
#define NLANGS (int)(sizeof langs / sizeof langs[0])

static struct speech_utterance seq[SPEECH_UTTERANCES_MAX];

static bool has_words(const struct app_item *it)
{
	return it->label && it->label[0];
}

/* The utterance at or after from that says label, or -1. */
static int find_said(const struct speech_utterance *u, int n, int from, const char *label)
{
	for (int i = from; i < n; i++)
		if (strstr(u[i].text, label))
			return i;
	return -1;
}

static void check_utterance(const struct fixture *f, const struct app_item *it,
			    const struct speech_utterance *u, const char *where)
{
	const struct app *app = f->app;
	bool other_language = false;

	for (int i = 0; i < app->content->nlanguages; i++)
		if (strcmp(app->content->languages[i], app->lang) &&
		    !strcmp(it->label,
			    i18n_get(app->i18n, app->content->languages[i], "language_name")))
			other_language = !strcmp(u->lang, app->content->languages[i]);
	if (!other_language && strcmp(u->lang, app->lang))
		fail_msg("%s: \"%s\" is said in %s, not %s", where, u->text, u->lang, app->lang);
	bool acts = it->action != APP_NO_ACTION || it->role == APP_ROLE_BUTTON ||
		    it->role == APP_ROLE_LINK;
	if (acts && !other_language && !strcmp(u->text, it->label))
		fail_msg("%s: the button \"%s\" is said without its role", where, it->label);
}

/* The title first, then every item with words in reading order, each said in
 * the visitor's language (a language's own button in that language). */
static void check_sequence(struct fixture *f, const char *where)
{
	int nitems, n = speech_sequence(f->app, seq, SPEECH_UTTERANCES_MAX);
	const struct app_item *items = fixture_items(f, &nitems);
	int title = -1, at = 0;

	for (int i = 0; i < nitems && title < 0; i++)
		if (items[i].role == APP_ROLE_HEADING && has_words(&items[i]))
			title = i;
	if (title >= 0) {
		assert_true(n > 0);
		if (strcmp(seq[0].text, items[title].label))
			fail_msg("%s: \"%s\" is said first, not the title \"%s\"", where,
				 seq[0].text, items[title].label);
		check_utterance(f, &items[title], &seq[0], where);
		at = 1;
	}
	for (int i = 0; i < nitems; i++) {
		if (i == title || !has_words(&items[i]))
			continue;
		int said = find_said(seq, n, at, items[i].label);
		if (said < 0)
			fail_msg("%s: \"%s\" is not said after \"%s\"", where, items[i].label,
				 at > 0 ? seq[at - 1].text : "(the start)");
		check_utterance(f, &items[i], &seq[said], where);
		at = said + 1;
	}
	for (int i = 0; i < n; i++)
		if (strchr(seq[i].text, '\n') || strchr(seq[i].text, '\t'))
			fail_msg("%s: \"%s\" is more than one line", where, seq[i].text);
}

static void every_screen_is_said_in_reading_order(void **state)
{
	(void)state;
	for (int l = 0; l < NLANGS; l++) {
		struct fixture *f = fixture_create(1280, 800, langs[l], 0, 0);
		f->app->always_open = true;
		int k;
		for (k = 0; fixture_tour(f, k); k++) {
			char where[96];
			snprintf(where, sizeof where, "%s %s (tour %d)", langs[l],
				 fixture_screen(f), k);
			check_sequence(f, where);
		}
		assert_true(k > 10);
		fixture_destroy(f);
	}
}

/* Numbers and dates are left as written, for the voice to read in the language. */
static void numbers_are_left_as_written(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);

	int k = screens_count + f->app->content->npromises + 3; /* the first question */
	assert_true(fixture_tour(f, k));
	int n = speech_sequence(f->app, seq, SPEECH_UTTERANCES_MAX);
	bool found = find_said(seq, n, 0, "Fråga 1 av ") >= 0;
	fixture_destroy(f);
	if (!found)
		fail_msg("\"Fråga 1 av ...\" is not said as written");
}

/* The engine. */

/* Polls s until it has nothing left to do; fails after limit_ms. Returns the
 * longest a poll took, in ms. */
/* Numbers as the voice is to read them: espeak-ng reads "15–18" as "fifteen
 * eighteen", a Swedish decimal comma as "punkt" and "10:00" as "ten zero zero". */
static void numbers_are_read_as_people_say_them(void **state)
{
	(void)state;
	static const struct {
		const char *lang, *text, *spoken;
	} cases[] = {
		{ "sv", "kl. 15–18", "kl. 15 till 18" },
		{ "sv", "fredag 18 – 23", "fredag 18 till 23" },
		{ "sv", "84,2 %", "84 komma 2 %" },
		{ "sv", "Vi öppnar igen klockan 10:00.", "Vi öppnar igen klockan 10." },
		{ "sv", "kl. 18.00–21.30", "kl. 18 till 21.30" },
		{ "sv", "14:05", "14:05" },
		{ "sv", "2026-11-24", "2026-11-24" },
		{ "sv", "Östra–Västra", "Östra–Västra" },
		{ "en", "84.2 %, 18–23", "84.2 %, 18 to 23" },
		{ "en", "1,200 people", "1,200 people" },
		{ "ar", "١٨–٢٣", "١٨ إلى ٢٣" },
		{ "ar", "18–23", "18 إلى 23" },
	};
	char out[256];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		speech_spoken_form(cases[i].lang, cases[i].text, out, sizeof out);
		if (strcmp(out, cases[i].spoken))
			fail_msg("%s \"%s\": \"%s\", not \"%s\"", cases[i].lang, cases[i].text, out,
				 cases[i].spoken);
	}
	/* Never past the end, whatever the text, nor into the middle of a letter;
	 * the growth the engine allows for always holds it. */
	char small[8];
	speech_spoken_form("sv", "1–2–3–4–5", small, sizeof small);
	assert_true(strlen(small) < sizeof small);
	speech_spoken_form("sv", "ab åäö", small, sizeof small);
	assert_string_equal(small, "ab åä");
	static const char *const worst[][2] = { { "sv", "1,1,1,1,1,1" },
						{ "ar", "1–1–1–1–1" },
						{ "sv", "3,5 av 4,5 och 1,5–2,5" } };
	for (size_t i = 0; i < 3; i++) {
		char full[512], *big = malloc(SPEECH_SPOKEN_GROWTH * strlen(worst[i][1]) + 1);
		speech_spoken_form(worst[i][0], worst[i][1], full, sizeof full);
		speech_spoken_form(worst[i][0], worst[i][1], big,
				   SPEECH_SPOKEN_GROWTH * strlen(worst[i][1]) + 1);
		assert_string_equal(big, full);
		free(big);
	}
}

/* The results' bars are said with their figures, not as a picture. */
static void the_results_are_said_with_their_shares(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	fixture_tap_text(f, "Vad ni har sagt");
	assert_string_equal(fixture_screen(f), "results");
	int n = speech_sequence(f->app, seq, SPEECH_UTTERANCES_MAX);
	bool found = false;
	for (int i = 0; i < n; i++)
		found |= strstr(seq[i].text, "398 har svarat") && strstr(seq[i].text, "32 %") &&
			 strstr(seq[i].text, "färre än 10") &&
			 strstr(seq[i].text, "inte ett slumpmässigt urval");
	assert_true(found);
	fixture_destroy(f);
}

static double run_engine(struct speech *s, int limit_ms)
{
	double longest = 0;

	for (int waited = 0; waited < limit_ms; waited += 10) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		uint64_t again = speech_poll(s);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		longest = ms > longest ? ms : longest;
		if (!again)
			return longest;
		usleep(10000);
	}
	fail_msg("the engine was still busy after %d ms", limit_ms);
	return longest;
}

/* What `sox FILE -n stat` says of field ("RMS     amplitude"), or -1. */
static double sox_stat(const char *wav, const char *field)
{
	char cmd[512], line[256];
	double v = -1;

	snprintf(cmd, sizeof cmd, "sox '%s' -n stat 2>&1", wav);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof line, p))
		if (!strncmp(line, field, strlen(field)))
			sscanf(strchr(line, ':') + 1, "%lf", &v);
	pclose(p);
	return v;
}

#define SPOKEN_RMS_MIN 0.01 /* silence measures 0; espeak-ng's speech about 0.1 */

static void a_real_voice_speaks_a_screen(void **state)
{
	(void)state;
	char wav[] = "/tmp/kiosk-speech-XXXXXX.wav";
	close(mkstemps(wav, 4));
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	f->app->always_open = true;
	app_switch(f->app, &promise_screen);
	fixture_step(f);
	int n = speech_sequence(f->app, seq, SPEECH_UTTERANCES_MAX);
	struct speech *s = speech_create(&(struct speech_config){ .wav = wav });

	speech_say(s, seq, n);
	double longest = run_engine(s, 60000);
	assert_int_equal(speech_status(s), SPEECH_READY);
	double rms = sox_stat(wav, "RMS     amplitude");
	double secs = sox_stat(wav, "Length (seconds)");
	printf("# the promise screen in Swedish: %d utterances, %.1f s of speech, RMS %.3f, "
	       "longest poll %.2f ms\n",
	       n, secs, rms, longest);
	assert_true(rms > SPOKEN_RMS_MIN);
	assert_true(secs > 5);
	assert_true(longest < 50);
	speech_destroy(s);
	fixture_destroy(f);
	unlink(wav);
}

static void every_language_of_the_kiosk_has_a_voice(void **state)
{
	(void)state;
	static const char *const codes[] = { "sv", "en", "ar", "fa" };
	struct speech *s = speech_create(NULL);

	run_engine(s, 10000);
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (!speech_has_voice(s, codes[i]))
			fail_msg("espeak-ng has no voice for %s", codes[i]);
	assert_false(speech_has_voice(s, "zz"));
	speech_destroy(s);
}

static struct speech_utterance said(const char *lang, const char *text)
{
	struct speech_utterance u;
	snprintf(u.lang, sizeof u.lang, "%s", lang);
	snprintf(u.text, sizeof u.text, "%s", text);
	return u;
}

/* A text longer than a pipe holds (72 utterances of about 1000 bytes), so that
 * the engine dies while the kiosk is still feeding it: the writes after its death
 * must fail quietly. */
static int long_speech(struct speech_utterance *u, int max)
{
	static const char sentence[] = "Kommunen byter till starkare belysning längs hela gång- "
				       "och cykelvägen mellan Östra Åsby och centrum, den 14 "
				       "mars 2026. ";
	for (int i = 0; i < max; i++) {
		u[i] = said("sv", "");
		while (strlen(u[i].text) + sizeof sentence < sizeof u[i].text)
			strcat(u[i].text, sentence);
	}
	return max;
}

/* Says u and waits until the engine's process is running; returns its pid. */
static pid_t start_speaking(struct speech *s, const struct speech_utterance *u, int n)
{
	speech_say(s, u, n);
	for (int i = 0; i < 500 && !speech_pid(s); i++) {
		speech_poll(s);
		usleep(2000);
	}
	assert_true(speech_pid(s) > 0);
	return speech_pid(s);
}

static void an_engine_killed_while_speaking_leaves_the_kiosk_unharmed(void **state)
{
	(void)state;
	char wav[] = "/tmp/kiosk-speech-XXXXXX.wav";
	close(mkstemps(wav, 4));
	struct speech *s = speech_create(&(struct speech_config){ .wav = wav });
	int n = long_speech(seq, SPEECH_UTTERANCES_MAX);

	pid_t pid = start_speaking(s, seq, n);
	usleep(100000);
	speech_poll(s);
	assert_int_equal(kill(pid, SIGKILL), 0);
	run_engine(s, 5000);
	assert_int_equal(speech_status(s), SPEECH_CRASHED);
	assert_string_not_equal(speech_status_text(SPEECH_CRASHED), "");

	struct speech_utterance next = said("sv", "Tillbaka, knapp");
	speech_say(s, &next, 1);
	run_engine(s, 10000);
	assert_int_equal(speech_status(s), SPEECH_READY);
	double rms = sox_stat(wav, "RMS     amplitude");
	printf("# after the engine was killed, the next utterance: RMS %.3f\n", rms);
	assert_true(rms > SPOKEN_RMS_MIN);
	speech_destroy(s);
	unlink(wav);
}

static void a_new_screen_interrupts_the_last(void **state)
{
	(void)state;
	struct speech *s = speech_create(&(struct speech_config){ .wav = "/dev/null" });
	int n = long_speech(seq, 8);

	pid_t first = start_speaking(s, seq, n);
	speech_say(s, seq, 1);
	assert_int_not_equal(speech_pid(s), first);
	run_engine(s, 10000);
	/* Reaped: no such process is left, not even a zombie. */
	assert_int_equal(waitpid(first, NULL, WNOHANG), -1);
	assert_int_equal(speech_status(s), SPEECH_READY);
	speech_destroy(s);
}

static void a_missing_engine_leaves_the_screen_working(void **state)
{
	(void)state;
	struct speech *s =
		speech_create(&(struct speech_config){ .program = "/nonexistent/espeak-ng" });

	assert_int_equal(speech_status(s), SPEECH_MISSING);
	speech_say(s, seq, long_speech(seq, 3));
	assert_int_equal(speech_poll(s), 0);
	assert_int_equal(speech_status(s), SPEECH_MISSING);
	speech_destroy(s);
}

/* A stand-in engine that has voices for sv and en only and writes what it was
 * asked to say to a file, "LANG: TEXT". */
static void write_fake_engine(const char *path, const char *log)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f,
		"#!/bin/sh\n"
		"if [ \"$1\" = --voices ]; then\n"
		"  echo 'Pty Language Age/Gender VoiceName File Other Languages'\n"
		"  echo ' 5  en-gb  --/M  English_(Great_Britain)  gmw/en  (en 2)'\n"
		"  echo ' 5  sv  --/M  Swedish  gmq/sv'\n"
		"  exit 0\n"
		"fi\n"
		"printf '%%s: ' \"$2\" >>'%s'\n"
		"tr '\\n' ' ' >>'%s'\n"
		"echo >>'%s'\n",
		log, log, log);
	fclose(f);
	chmod(path, 0755);
}

static void a_language_without_a_voice_says_so_in_english(void **state)
{
	(void)state;
	char dir[] = "/tmp/kiosk-speech-XXXXXX", engine[64], log[64], line[256];
	assert_non_null(mkdtemp(dir));
	snprintf(engine, sizeof engine, "%s/espeak-ng", dir);
	snprintf(log, sizeof log, "%s/said", dir);
	write_fake_engine(engine, log);
	struct speech *s = speech_create(&(struct speech_config){ .program = engine });
	struct speech_utterance u[] = { said("fa", "یک"), said("fa", "دو"), said("sv", "Tre"),
					said("zz", "fyra") };

	speech_say(s, u, 4);
	run_engine(s, 10000);
	FILE *f = fopen(log, "r");
	assert_non_null(f);
	const char *want[] = { "en: There is no voice for Persian.", "sv: Tre",
			       "en: There is no voice for the language zz." };
	for (int i = 0; i < 3; i++) {
		assert_non_null(fgets(line, sizeof line, f));
		if (strncmp(line, want[i], strlen(want[i])))
			fail_msg("said \"%s\", not \"%s\"", line, want[i]);
	}
	assert_null(fgets(line, sizeof line, f));
	fclose(f);
	assert_int_equal(speech_status(s), SPEECH_READY);
	speech_destroy(s);
	unlink(log);
	unlink(engine);
	rmdir(dir);
}

/* The engine is given the spoken form, however much longer it is. */
static void the_engine_hears_the_spoken_form(void **state)
{
	(void)state;
	char dir[] = "/tmp/kiosk-speech-XXXXXX", engine[64], log[64], line[512];
	assert_non_null(mkdtemp(dir));
	snprintf(engine, sizeof engine, "%s/espeak-ng", dir);
	snprintf(log, sizeof log, "%s/said", dir);
	write_fake_engine(engine, log);
	struct speech *s = speech_create(&(struct speech_config){ .program = engine });
	struct speech_utterance u[] = { said("sv", "1,1,1,1,1"), said("sv", "kl. 15–18") };

	speech_say(s, u, 2);
	run_engine(s, 10000);
	FILE *f = fopen(log, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	if (!strstr(line, "1 komma 1 komma 1 komma 1 komma 1") || !strstr(line, "kl. 15 till 18"))
		fail_msg("the engine heard \"%s\"", line);
	speech_destroy(s);
	unlink(log);
	unlink(engine);
	rmdir(dir);
}

/* A kiosk whose speech goes to the stand-in engine, writing to a log. */
struct heard {
	struct fixture *f;
	char dir[32], engine[64], log[64];
};

static void hear_start(struct heard *h, int w, int ht)
{
	snprintf(h->dir, sizeof h->dir, "/tmp/kiosk-heard-XXXXXX");
	assert_non_null(mkdtemp(h->dir));
	snprintf(h->engine, sizeof h->engine, "%s/espeak-ng", h->dir);
	snprintf(h->log, sizeof h->log, "%s/said", h->dir);
	write_fake_engine(h->engine, h->log);
	h->f = fixture_create(w, ht, "sv", 0, 0);
	h->f->app->speech = speech_create(&(struct speech_config){ .program = h->engine });
}

static void hear_end(struct heard *h)
{
	fixture_destroy(h->f);
	unlink(h->log);
	unlink(h->engine);
	rmdir(h->dir);
}

/* Everything said so far, as one string (static). */
static const char *said_all(struct heard *h)
{
	static char buf[65536];
	FILE *f = fopen(h->log, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	return buf;
}

/* Runs the kiosk until the engine has said needle; fails after 10 s. */
static void hear(struct heard *h, const char *needle)
{
	for (int i = 0; i < 1000; i++) {
		h->f->now += 10;
		fixture_step(h->f);
		if (strstr(said_all(h), needle))
			return;
		usleep(10000);
	}
	fail_msg("never said \"%s\"; said:\n%s", needle, said_all(h));
}

static void forget(struct heard *h)
{
	/* Let what is being said finish, then start the log afresh. */
	for (int i = 0; i < 300 && speech_pid(h->f->app->speech); i++) {
		fixture_step(h->f);
		usleep(10000);
	}
	FILE *f = fopen(h->log, "w");
	if (f)
		fclose(f);
}

static void a_key_turns_speech_on_and_the_screen_is_said(void **state)
{
	(void)state;
	struct heard h;
	hear_start(&h, 800, 480);
	assert_false(h.f->app->access.speech);
	fixture_key(h.f, SDLK_a);
	assert_true(h.f->app->access.speech);
	hear(&h, "sv: Uppläsning på.");
	hear(&h, "Tyck till!, knapp");
	/* "Speech on", then how to use it, then the screen's title and items. */
	const char *all = said_all(&h);
	const char *on = strstr(all, "Uppläsning på."), *how = strstr(all, "dubbeltryck");
	const char *button = strstr(all, "Tyck till!, knapp");
	assert_true(on && how && button && on < how && how < button);
	assert_string_equal(fixture_screen(h.f), "attract");
	/* The cards stay: one turning by itself would start the speech over. */
	int promise = h.f->app->promise;
	fixture_advance(h.f, 30000);
	assert_int_equal(h.f->app->promise, promise);
	/* Down speaks the first item, and a ring shows it. */
	forget(&h);
	fixture_key(h.f, SDLK_DOWN);
	assert_int_equal(h.f->app->access.focus, 0);
	hear(&h, "sv: ");
	hear_end(&h);
}

static void a_touch_speaks_and_activates_nothing(void **state)
{
	(void)state;
	struct heard h;
	hear_start(&h, 1280, 800);
	app_set_speech(h.f->app, true);
	hear(&h, "Tyck till!, knapp");
	forget(&h);
	const struct app_item *it = fixture_item(h.f, "Tyck till!");
	assert_non_null(it);
	SDL_Rect r = it->rect;
	fixture_tap(h.f, r.x + r.w / 2, r.y + r.h / 2);
	fixture_advance(h.f, ACCESS_DOUBLE_TAP_MS + 50);
	hear(&h, "sv: Tyck till!, knapp");
	assert_string_equal(fixture_screen(h.f), "attract");
	/* The ring is drawn around it: yellow just outside its edge. */
	int t = h.f->app->theme.target / 14 > 3 ? h.f->app->theme.target / 14 : 3;
	SDL_Color c = fixture_pixel(h.f, r.x - t / 2 - 1, r.y + r.h / 2);
	assert_true(c.r > 200 && c.g > 180 && c.b < 60);
	/* A double tap anywhere activates it. */
	fixture_tap(h.f, 3, 3);
	fixture_tap(h.f, 3, 3);
	fixture_step(h.f);
	assert_string_equal(fixture_screen(h.f), "survey");
	hear_end(&h);
}

/* A finger resting on an item says it, however long it rests, and activates
 * nothing; a quick swipe moves on from there. */
static void a_resting_finger_speaks_and_a_swipe_moves_on(void **state)
{
	(void)state;
	struct heard h;
	hear_start(&h, 1280, 800);
	struct fixture *f = h.f;
	app_set_speech(f->app, true);
	hear(&h, "Tyck till!, knapp");
	forget(&h);
	const struct app_item *it = fixture_item(f, "Tyck till!");
	int x = it->rect.x + it->rect.w / 2, y = it->rect.y + it->rect.h / 2;
	fixture_finger(f, SDL_FINGERDOWN, 90, x, y);
	fixture_advance(f, 1200);
	fixture_finger(f, SDL_FINGERUP, 90, x, y);
	fixture_advance(f, ACCESS_DOUBLE_TAP_MS + 50);
	hear(&h, "sv: Tyck till!, knapp");
	assert_string_equal(fixture_screen(f), "attract");
	int focus = f->app->access.focus;
	assert_string_equal(f->app->items[focus].label, "Tyck till!");
	/* A swipe to the right, begun anywhere, says the next item. */
	fixture_swipe(f, 100, 400, 100 + f->app->theme.target * 2, 400);
	assert_int_equal(f->app->access.focus, focus + 1);
	/* And to the left, back. */
	fixture_swipe(f, 400, 400, 400 - f->app->theme.target * 2, 400);
	assert_int_equal(f->app->access.focus, focus);
	hear_end(&h);
}

static void a_new_key_interrupts_speech_at_once(void **state)
{
	(void)state;
	struct heard h;
	hear_start(&h, 800, 480);
	/* An engine that takes its time over every utterance. */
	FILE *e = fopen(h.engine, "a");
	fprintf(e, "sleep 30\n");
	fclose(e);
	app_set_speech(h.f->app, true);
	fixture_advance(h.f, 50);
	pid_t first = 0;
	for (int i = 0; i < 500 && !first; i++, usleep(2000))
		first = speech_pid(h.f->app->speech), fixture_step(h.f);
	assert_true(first > 0);
	fixture_key(h.f, SDLK_DOWN);
	assert_int_not_equal(speech_pid(h.f->app->speech), first);
	/* The old one is gone, reaped while the kiosk ran on. */
	for (int i = 0; i < 500 && waitpid(first, NULL, WNOHANG) != -1; i++, usleep(2000))
		fixture_step(h.f);
	assert_int_equal(kill(first, 0), -1);
	/* S stops it all. */
	fixture_key(h.f, SDLK_s);
	assert_int_equal(speech_pid(h.f->app->speech), 0);
	hear_end(&h);
}

/* A key pressed again too soon after the same key is a hand that trembles
 * (EN 301 549 5.8): with double_strike_ms it is ignored, another key is not,
 * and without the setting every press counts. */
static int focus_after_keys(int double_strike_ms, const SDL_Keycode *keys, const int *at, int n)
{
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	f->cfg.double_strike_ms = double_strike_ms;
	for (int i = 0; i < n; i++) {
		fixture_advance(f, (uint64_t)at[i]);
		fixture_key(f, keys[i]);
	}
	int focus = f->app->access.focus;
	fixture_destroy(f);
	return focus;
}

static void a_key_struck_twice_in_a_tremble_counts_once(void **state)
{
	(void)state;
	/* The first key turns the mode on; then, once the screen is said, Tab,
	 * Tab 150 ms later, Tab 600 ms after that, and Down at once. */
	static const SDL_Keycode keys[] = { SDLK_a, SDLK_TAB, SDLK_TAB, SDLK_TAB, SDLK_DOWN };
	static const int at[] = { 0, 3000, 150, 600, 50 };
	assert_int_equal(focus_after_keys(500, keys, at, 4), 1);
	assert_int_equal(focus_after_keys(500, keys, at, 5), 2);
	assert_int_equal(focus_after_keys(0, keys, at, 5), 3);
}

static void speech_users_get_three_times_the_time_and_hear_the_warning(void **state)
{
	(void)state;
	struct heard h;
	hear_start(&h, 1280, 800);
	struct fixture *f = h.f;
	uint64_t idle = (uint64_t)f->content->idle_timeout_s * 1000;
	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	app_set_look(f->app, THEME_LOOK_LARGE);
	app_set_speech(f->app, true);
	fixture_step(f);
	f->app->last_input = f->now;
	fixture_advance(f, idle + 1000);
	assert_false(fixture_sees(f, "Är du kvar?"));
	forget(&h);
	fixture_advance(f, 2 * idle);
	assert_true(fixture_sees(f, "Är du kvar?"));
	hear(&h, "Är du kvar?");
	hear(&h, "20 sekunder");
	fixture_advance(f, 10000);
	hear(&h, "10 sekunder");
	fixture_advance(f, 11000);
	/* The visit is over: the next visitor starts with everything off. */
	assert_string_equal(fixture_screen(f), "attract");
	assert_false(f->app->access.speech);
	assert_int_equal(f->app->access.look, THEME_LOOK_PLAIN);
	hear_end(&h);
}

static void finger_hold(struct fixture *f, int x, int y, uint64_t ms)
{
	fixture_finger(f, SDL_FINGERDOWN, 77, x, y);
	fixture_advance(f, ms);
	fixture_finger(f, SDL_FINGERUP, 77, x, y);
	fixture_step(f);
}

/* A kiosk with a voice that says nothing, quickly. */
static struct fixture *voiced(int w, int h)
{
	struct fixture *f = fixture_create(w, h, "sv", 0, 0);
	f->app->speech = speech_create(&(struct speech_config){ .program = "true" });
	return f;
}

static void a_long_hold_turns_speech_on_and_never_opens_the_staff_pad(void **state)
{
	(void)state;
	struct fixture *f = voiced(1280, 800);
	/* The staff gesture still works: a second's hold in the corner, then a tap
	 * in the opposite one. */
	finger_hold(f, 5, 5, 1000);
	assert_false(f->app->access.speech);
	fixture_tap(f, f->app->w - 5, f->app->h - 5);
	assert_string_equal(fixture_screen(f), "pin");
	fixture_destroy(f);

	f = voiced(1280, 800);
	/* Three seconds in the same corner turn speech on instead. */
	finger_hold(f, 5, 5, ACCESS_HOLD_MS + 100);
	assert_true(f->app->access.speech);
	fixture_tap(f, f->app->w - 5, f->app->h - 5);
	fixture_advance(f, 1000);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);

	/* Anywhere else on the home screen too, even on a button, and it presses
	 * nothing. */
	f = voiced(800, 480);
	const struct app_item *it = fixture_item(f, "Tyck till!");
	finger_hold(f, it->rect.x + it->rect.w / 2, it->rect.y + it->rect.h / 2, 3100);
	assert_true(f->app->access.speech);
	assert_string_equal(fixture_screen(f), "attract");
	/* Once on, the corner gesture does nothing: a visitor exploring the screen
	 * never lands on the staff's pad. */
	finger_hold(f, 5, 5, 1500);
	fixture_tap(f, f->app->w - 5, f->app->h - 5);
	fixture_advance(f, 1000);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);

	/* Without a voice there is nothing to hear: the hold does nothing. */
	f = fixture_create(800, 480, "sv", 0, 0);
	finger_hold(f, 400, 240, 3100);
	assert_false(f->app->access.speech);
	fixture_destroy(f);
}

static void a_headset_plugged_in_turns_speech_on(void **state)
{
	(void)state;
	struct heard h;
	hear_start(&h, 800, 480);
	/* The sound cards there at start are the kiosk's own. */
	h.f->app->now = 1000;
	access_audio_added(h.f->app);
	assert_false(h.f->app->access.speech);
	h.f->now = ACCESS_AUDIO_SETTLE_MS + 1000;
	h.f->app->now = h.f->now;
	access_audio_added(h.f->app);
	assert_true(h.f->app->access.speech);
	hear(&h, "Uppläsning på.");
	hear_end(&h);
}

/* The kiosk hears of a headset from its playback device appearing in /dev/snd
 * (here a directory of the test's, at first missing). */
static void a_playback_device_appearing_wakes_the_kiosk(void **state)
{
	(void)state;
	char dir[] = "/tmp/kiosk-snd-XXXXXX", snd[64], path[96];
	assert_non_null(mkdtemp(dir));
	snprintf(snd, sizeof snd, "%s/snd", dir);
	/* The content directory the kiosk watches as well, elsewhere. */
	char content[] = "/tmp/kiosk-content-XXXXXX";
	assert_non_null(mkdtemp(content));
	struct wake *w = wake_create(content);
	assert_non_null(w);
	assert_true(wake_add_sound(w, snd));
	assert_int_equal(mkdir(snd, 0700), 0);
	wake_wait(w, 1000);
	assert_true(wake_take(w) & WAKE_SOUND);
	/* A control device or a microphone is not a headset. */
	static const char *const names[] = { "controlC1", "pcmC1D0c", "pcmC1D0p" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", snd, names[i]);
		FILE *f = fopen(path, "w");
		fclose(f);
		wake_wait(w, 200);
		unsigned why = wake_take(w);
		assert_int_equal(!!(why & WAKE_SOUND), i == 2);
		unlink(path);
	}
	/* The directory goes with the last card and comes back with the next. */
	assert_int_equal(rmdir(snd), 0);
	wake_wait(w, 200);
	wake_take(w);
	assert_int_equal(mkdir(snd, 0700), 0);
	wake_wait(w, 1000);
	assert_true(wake_take(w) & WAKE_SOUND);
	wake_destroy(w);
	rmdir(snd);
	rmdir(dir);
	rmdir(content);
}

/* The tone before the speech, on SDL's disk audio driver: a sound, and not a
 * long one. */
/* A jack that reports a plug (ALSA's jack detection, as an input device's
 * switch): a headphone or a jack plugged in is a headset; pulled out, or another
 * switch or key, is not. */
static void a_plug_in_the_jack_is_a_headset(void **state)
{
	(void)state;
	struct input_event ev[3] = { 0 };
	ev[0] = (struct input_event){ .type = EV_SW, .code = SW_HEADPHONE_INSERT, .value = 1 };
	ev[1] = (struct input_event){ .type = EV_SYN, .code = SYN_REPORT };
	assert_true(wake_jack_plugged(ev, 2 * sizeof ev[0]));
	ev[0].code = SW_JACK_PHYSICAL_INSERT;
	assert_true(wake_jack_plugged(ev, 2 * sizeof ev[0]));
	/* Behind another event. */
	ev[2] = ev[0];
	ev[0] = (struct input_event){ .type = EV_KEY, .code = KEY_A, .value = 1 };
	assert_true(wake_jack_plugged(ev, 3 * sizeof ev[0]));
	/* Pulled out, a microphone alone, a lid, a key, a short read. */
	static const struct input_event no[] = {
		{ .type = EV_SW, .code = SW_HEADPHONE_INSERT, .value = 0 },
		{ .type = EV_SW, .code = SW_MICROPHONE_INSERT, .value = 1 },
		{ .type = EV_SW, .code = SW_LID, .value = 1 },
		{ .type = EV_KEY, .code = SW_HEADPHONE_INSERT, .value = 1 },
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(wake_jack_plugged(&no[i], sizeof no[i]));
	ev[0] = (struct input_event){ .type = EV_SW, .code = SW_HEADPHONE_INSERT, .value = 1 };
	assert_false(wake_jack_plugged(ev, sizeof ev[0] - 1));
	/* A file that is no input device is no jack. */
	char dir[] = "/tmp/kiosk-input-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/event0", dir);
	fclose(fopen(path, "w"));
	struct wake *w = wake_create(dir);
	assert_int_equal(wake_add_jacks(w, dir), 0);
	wake_destroy(w);
	unlink(path);
	rmdir(dir);
}

static void the_tone_sounds(void **state)
{
	(void)state;
	char path[] = "/tmp/kiosk-tone-XXXXXX";
	close(mkstemp(path));
	setenv("SDL_AUDIODRIVER", "disk", 1);
	setenv("SDL_DISKAUDIOFILE", path, 1);
	setenv("SDL_DISKAUDIODELAY", "0", 1);
	struct tone *t = tone_create();
	assert_true(tone_play(t, 0));
	usleep((TONE_MS + 200) * 1000);
	assert_int_equal(tone_poll(t, TONE_MS + 200), 0);
	/* The sound card is let go, and SDL's audio with it. */
	assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
	tone_destroy(t);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	short samples[22050];
	size_t n = fread(samples, sizeof samples[0], 22050, f);
	fclose(f);
	unlink(path);
	int peak = 0;
	for (size_t i = 0; i < n; i++)
		peak = abs(samples[i]) > peak ? abs(samples[i]) : peak;
	printf("# the tone: %zu samples, peak %d\n", n, peak);
	assert_true(peak > 6000);
	assert_true(n >= 22050 * TONE_MS / 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_screen_is_said_in_reading_order),
		cmocka_unit_test(numbers_are_left_as_written),
		cmocka_unit_test(numbers_are_read_as_people_say_them),
		cmocka_unit_test(the_results_are_said_with_their_shares),
		cmocka_unit_test(a_real_voice_speaks_a_screen),
		cmocka_unit_test(every_language_of_the_kiosk_has_a_voice),
		cmocka_unit_test(an_engine_killed_while_speaking_leaves_the_kiosk_unharmed),
		cmocka_unit_test(a_new_screen_interrupts_the_last),
		cmocka_unit_test(a_missing_engine_leaves_the_screen_working),
		cmocka_unit_test(a_language_without_a_voice_says_so_in_english),
		cmocka_unit_test(the_engine_hears_the_spoken_form),
		cmocka_unit_test(a_key_turns_speech_on_and_the_screen_is_said),
		cmocka_unit_test(a_touch_speaks_and_activates_nothing),
		cmocka_unit_test(a_resting_finger_speaks_and_a_swipe_moves_on),
		cmocka_unit_test(a_new_key_interrupts_speech_at_once),
		cmocka_unit_test(speech_users_get_three_times_the_time_and_hear_the_warning),
		cmocka_unit_test(a_long_hold_turns_speech_on_and_never_opens_the_staff_pad),
		cmocka_unit_test(a_headset_plugged_in_turns_speech_on),
		cmocka_unit_test(a_playback_device_appearing_wakes_the_kiosk),
		cmocka_unit_test(the_tone_sounds),
		cmocka_unit_test(a_key_struck_twice_in_a_tremble_counts_once),
		cmocka_unit_test(a_plug_in_the_jack_is_a_headset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
