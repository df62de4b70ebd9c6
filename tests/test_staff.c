/* SPDX-License-Identifier: EUPL-1.2 */
/* Tests of what staff and the building's hours do to the kiosk: the hidden gesture,
 * the PIN pad with its lock-out, every action of the staff panel, and the closed
 * screen outside opening hours. All by synthetic touch on the real screens. */
#include "helpers.h"
#include "kiosk/speech.h"
#include "kiosk/bundle.h"
#include "common/pin.h"
#include "kiosk/text.h"
#include "common/store.h"
#include "screens/screens.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define PIN "246810"

/* One hash for every test: hashing is slow on purpose. */
static char pin_hash_line[PIN_HASH_MAX];

static int setup(void **state)
{
	(void)state;
	return pin_hash(PIN, pin_hash_line, sizeof pin_hash_line) ? 0 : -1;
}

static struct fixture *staff_fixture(int w, int h, const char *lang)
{
	struct fixture *f = fixture_create(w, h, lang, 0, 0);
	snprintf(f->cfg.pin_hash, sizeof f->cfg.pin_hash, "%s", pin_hash_line);
	return f;
}

/* Holds a finger still at x, y (logical) for ms, then lifts it. */
static void hold(struct fixture *f, int x, int y, uint64_t ms)
{
	fixture_finger(f, SDL_FINGERDOWN, 77, x, y);
	fixture_advance(f, ms);
	fixture_finger(f, SDL_FINGERUP, 77, x, y);
	fixture_step(f);
}

static void gesture(struct fixture *f)
{
	hold(f, 4, 4, APP_LONG_PRESS_MS + 100);
	fixture_advance(f, 500);
	fixture_tap(f, f->app->w - 5, f->app->h - 5);
	fixture_step(f);
}

/* Taps the item with action id on the current screen. */
static void tap_target(struct fixture *f, int id)
{
	fixture_tap_action(f, id);
}

enum { PIN_OK = 3, PIN_DIGIT = 10 }; /* the pad's target ids */

/* Types pin on the pad and presses OK; the check runs on the next frames. */
static void enter_pin(struct fixture *f, const char *pin)
{
	for (const char *p = pin; *p; p++)
		tap_target(f, PIN_DIGIT + (*p - '0'));
	tap_target(f, PIN_OK);
	fixture_advance(f, 200);
}

/* Runs of colour c in row y. */
static int runs_in_row(struct fixture *f, int y, SDL_Color c)
{
	int runs = 0;
	bool in = false;
	for (int x = 0; x < f->app->w; x++) {
		SDL_Color p = fixture_pixel(f, x, y);
		bool is = p.r == c.r && p.g == c.g && p.b == c.b;
		runs += is && !in;
		in = is;
	}
	return runs;
}

/* The dots over the pad, filled and hollow: the row between the bar and the
 * first key with the most of them. */
static void count_dots(struct fixture *f, int *filled, int *hollow)
{
	const struct app_item *one = fixture_item(f, "1");
	const struct app_item *back = fixture_item(f, "Tillbaka");
	int most = -1;

	assert_non_null(one);
	assert_non_null(back);
	for (int y = back->rect.y + back->rect.h + 1; y < one->rect.y; y++) {
		int ink = runs_in_row(f, y, theme_colors[THEME_TEXT]);
		int place = runs_in_row(f, y, theme_colors[THEME_BUTTON]);
		if (ink + place > most) {
			most = ink + place;
			*filled = ink;
			*hollow = place;
		}
	}
}

/* A PIN has 4 to 8 digits: the pad shows a dot per digit typed and a hollow one
 * where the next goes, not a fixed row of eight places. */
static void the_pad_shows_a_dot_per_digit(void **state)
{
	(void)state;
	struct fixture *f = staff_fixture(800, 480, "sv");
	int filled, hollow;

	gesture(f);
	assert_string_equal(fixture_screen(f), "pin");
	count_dots(f, &filled, &hollow);
	assert_int_equal(filled, 0);
	assert_int_equal(hollow, 1);
	for (int k = 1; k <= 5; k++) {
		tap_target(f, PIN_DIGIT + k);
		fixture_step(f);
		count_dots(f, &filled, &hollow);
		assert_int_equal(filled, k);
		assert_int_equal(hollow, 1);
	}
	fixture_destroy(f);
}

static void the_gesture_opens_the_pad_and_nothing_else_does(void **state)
{
	(void)state;
	struct fixture *f = staff_fixture(1280, 800, "sv");

	/* The opposite corner alone, or after a short press, opens nothing. */
	fixture_tap(f, 1275, 795);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	hold(f, 4, 4, 200);
	fixture_tap(f, 1275, 795);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	/* A long press in the wrong corner, or a tap elsewhere first, neither. */
	hold(f, 1275, 4, APP_LONG_PRESS_MS + 100);
	fixture_tap(f, 1275, 795);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	hold(f, 4, 4, APP_LONG_PRESS_MS + 100);
	fixture_tap(f, 640, 690); /* an empty spot between the dots and the buttons */
	fixture_tap(f, 1275, 795);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	/* Too slow. */
	hold(f, 4, 4, APP_LONG_PRESS_MS + 100);
	fixture_advance(f, APP_STAFF_ARM_MS + 100);
	fixture_tap(f, 1275, 795);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");

	gesture(f);
	assert_string_equal(fixture_screen(f), "pin");
	assert_true(fixture_sees(f, "För personal: ange PIN-kod"));
	assert_true(fixture_save(f, "build/test/staff-pin.png"));
	/* Back leaves it. */
	fixture_tap_text(f, "Tillbaka");
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

static void a_visitor_never_opens_the_pad_by_accident(void **state)
{
	(void)state;
	struct fixture *f = staff_fixture(1280, 800, "sv");
	SDL_Rect back;

	/* In a survey: Back held too long (in the top left corner), then Skip or Next
	 * in the bottom right one. The visitor's survey goes on. */
	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	assert_string_equal(fixture_screen(f), "survey");
	assert_true(text_find(f->app->text, "Tillbaka", &back));
	hold(f, back.x + back.w / 2, back.y + back.h / 2, APP_LONG_PRESS_MS + 200);
	fixture_tap(f, 1275, 795);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "survey");
	hold(f, 4, 4, APP_LONG_PRESS_MS + 200);
	fixture_tap(f, 1275, 795);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "survey");
	fixture_destroy(f);

	/* A visitor who chose English: staff still get the pad in the kiosk's own
	 * language. */
	f = staff_fixture(1280, 800, "sv");
	fixture_tap_text(f, "English");
	gesture(f);
	assert_string_equal(fixture_screen(f), "pin");
	assert_true(fixture_sees(f, "För personal: ange PIN-kod"));
	/* OK before four digits is no try at all. */
	tap_target(f, PIN_DIGIT + 1);
	tap_target(f, PIN_OK);
	fixture_advance(f, 200);
	assert_false(fixture_sees(f, "Fel PIN-kod"));
	assert_int_equal(f->app->staff.failures, 0);
	fixture_destroy(f);
}

static void wrong_pins_lock_the_pad_even_across_a_restart(void **state)
{
	(void)state;
	struct fixture *f = staff_fixture(800, 480, "sv");

	gesture(f);
	for (int i = 1; i < APP_PIN_ATTEMPTS; i++) {
		enter_pin(f, "1111");
		assert_string_equal(fixture_screen(f), "pin");
		char note[64];
		snprintf(note, sizeof note, "Fel PIN-kod. %d försök kvar.", APP_PIN_ATTEMPTS - i);
		assert_true(fixture_sees(f, note));
	}
	enter_pin(f, "2222");
	assert_true(fixture_sees(f, "Försök igen om 5 minuter"));
	/* Locked: even the right PIN is not taken. */
	enter_pin(f, PIN);
	assert_string_equal(fixture_screen(f), "pin");
	assert_true(fixture_sees(f, "Försök igen om 5 minuter"));
	fixture_advance(f, 60 * 1000 + 100);
	/* The pad closed itself after a minute; it stays locked when opened again. */
	assert_string_equal(fixture_screen(f), "attract");
	gesture(f);
	assert_true(fixture_sees(f, "Försök igen om 4 minuter"));

	/* A restart (a new app on the same database) does not unlock it. */
	struct app_init init = {
		&f->cfg,	 f->content,	 f->i18n,     SOURCE_DIR "/fonts/fonts.ini",
		f->renderer,	 NULL,		 true,	      f->store,
		&attract_screen, &closed_screen, &pin_screen, NULL
	};
	app_destroy(f->app);
	f->app = app_create(&init);
	assert_non_null(f->app);
	f->app->last_input = f->now;
	fixture_step(f);
	gesture(f);
	assert_true(fixture_sees(f, "Försök igen om 5 minuter"));
	enter_pin(f, PIN);
	assert_string_equal(fixture_screen(f), "pin");

	/* After the lock, a fresh set of tries, and the right PIN opens the panel. */
	fixture_tap_text(f, "Tillbaka");
	for (int i = 0; i < 5; i++) {
		fixture_advance(f, 60 * 1000);
		f->app->last_input = f->now;
	}
	gesture(f);
	assert_false(fixture_sees(f, "Försök igen"));
	/* Five more wrong ones lock it twice as long. */
	for (int i = 0; i < APP_PIN_ATTEMPTS; i++)
		enter_pin(f, "9999");
	assert_true(fixture_sees(f, "Försök igen om 10 minuter"));
	assert_int_equal(app_pin_lock_ms(3 * APP_PIN_ATTEMPTS), 20 * 60000);
	assert_int_equal(app_pin_lock_ms(40 * APP_PIN_ATTEMPTS), APP_PIN_LOCK_MAX_MS);
	fixture_tap_text(f, "Tillbaka");
	for (int i = 0; i < 10; i++) {
		fixture_advance(f, 60 * 1000);
		f->app->last_input = f->now;
	}
	gesture(f);
	assert_false(fixture_sees(f, "Försök igen"));
	enter_pin(f, PIN);
	assert_string_equal(fixture_screen(f), "staff");
	char failures[16];
	assert_true(store_get_status(f->store, "staff_pin_failures", failures, sizeof failures));
	assert_string_equal(failures, "0");
	fixture_destroy(f);
}

static void without_a_pin_the_pad_says_how_to_set_one(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);

	gesture(f);
	assert_string_equal(fixture_screen(f), "pin");
	assert_true(fixture_sees(f, "Ingen PIN-kod är inställd"));
	enter_pin(f, "0000");
	assert_string_equal(fixture_screen(f), "pin");
	/* No PIN at all matches an empty hash. */
	assert_false(pin_check("0000", ""));
	assert_false(pin_check("", pin_hash_line));
	assert_false(pin_check("24681", pin_hash_line));
	assert_true(pin_check(PIN, pin_hash_line));
	fixture_destroy(f);
}

/* Staff work the pad by sight: a visitor's speech ends when it opens, and a key
 * there does not turn it on again. */
static void the_pad_is_worked_by_sight(void **state)
{
	(void)state;
	struct fixture *f = staff_fixture(1280, 800, "sv");
	/* Large text, and keys moving a focus (no voice here, so touches act as
	 * always and the corner hold and tap open the pad). */
	app_set_speech(f->app, true);
	app_set_look(f->app, THEME_LOOK_LARGE);
	fixture_step(f);
	gesture(f);
	assert_string_equal(fixture_screen(f), "pin");
	assert_false(f->app->access.speech);
	assert_int_equal(f->app->access.look, THEME_LOOK_PLAIN);
	fixture_key(f, SDLK_RETURN);
	assert_false(f->app->access.speech);
	enter_pin(f, PIN);
	assert_string_equal(fixture_screen(f), "staff");
	fixture_destroy(f);
}

/* Staff see whether speech works: the program missing, or ready, or off. */
static void the_panel_says_how_speech_is(void **state)
{
	(void)state;
	static const struct {
		const char *program;
		bool on;
		const char *row, *problem;
	} cases[] = {
		{ "/nonexistent/espeak-ng", true, "talprogrammet kan inte startas",
		  "Uppläsningen fungerar inte." },
		{ "true", true, "redo", NULL },
		{ "true", false, "avstängd i kiosk.conf", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fixture *f = staff_fixture(1280, 800, "sv");
		f->cfg.speech = cases[i].on;
		f->app->speech =
			speech_create(&(struct speech_config){ .program = cases[i].program });
		for (int k = 0; k < 200 && speech_poll(f->app->speech); k++)
			usleep(5000);
		gesture(f);
		enter_pin(f, PIN);
		assert_string_equal(fixture_screen(f), "staff");
		assert_true(fixture_sees(f, "Uppläsning"));
		if (!fixture_sees(f, cases[i].row))
			fail_msg("case %zu: no \"%s\"", i, cases[i].row);
		assert_true(cases[i].problem ? fixture_sees(f, cases[i].problem)
					     : !fixture_sees(f, "Uppläsningen fungerar inte"));
		fixture_destroy(f);
	}
}

static void the_panel_shows_the_kiosk_s_health(void **state)
{
	(void)state;
	struct fixture *f = staff_fixture(1280, 800, "sv");
	char when[32];

	snprintf(f->cfg.id, sizeof f->cfg.id, "stadsbiblioteket-1");
	/* kiosk-sync's facts: a success 3 hours ago, an error 10 minutes ago. */
	time_t now = 1795529100; /* 2026-11-24T14:05:00Z, as KIOSK_NOW */
	snprintf(when, sizeof when, "%lld", (long long)(now - 3 * 3600));
	store_set_status(f->store, "last_success", when);
	snprintf(when, sizeof when, "%lld", (long long)(now - 600));
	store_set_status(f->store, "last_error", "upload: HTTP 503");
	store_set_status(f->store, "last_error_at", when);
	/* Two answers waiting, the older from two days ago. */
	struct store_response r = { .survey_id = "trygghet-2026",
				    .survey_version = 1,
				    .content_version = "x",
				    .language = "sv",
				    .submitted = now - 2 * 86400,
				    .complete = true,
				    .duration_s = 30 };
	assert_int_equal(store_submit(f->store, &r, NULL), STORE_OK);
	r.submitted = now - 3600;
	assert_int_equal(store_submit(f->store, &r, NULL), STORE_OK);
	snprintf(f->cfg.problems[0], sizeof f->cfg.problems[0],
		 "/etc/kiosk/kiosk.conf:12: bad value for [display] rotation");
	f->cfg.nproblems = 1;

	gesture(f);
	enter_pin(f, PIN);
	assert_string_equal(fixture_screen(f), "staff");
	assert_true(fixture_sees(f, "stadsbiblioteket-1"));
	assert_true(fixture_sees(f, "0.1.0"));
	assert_true(fixture_sees(f, f->content->version));
	assert_true(fixture_sees(f, "2026-11-24 11:05 (3 tim sedan)"));
	assert_true(fixture_sees(f, "upload: HTTP 503"));
	assert_true(fixture_sees(f, "2, äldsta från"));
	assert_true(fixture_sees(f, "1280×800, 96 dpi, 0°"));
	assert_true(fixture_sees(f, "kiosk.conf:12: bad value for [display] rotation"));
	/* The clock's state as the kernel would give it, both ways. */
	setenv("KIOSK_CLOCK_SYNCED", "0", 1);
	fixture_advance(f, 5100);
	assert_true(fixture_sees(f, "INTE synkroniserad"));
	setenv("KIOSK_CLOCK_SYNCED", "1", 1);
	fixture_advance(f, 5100);
	assert_true(fixture_sees(f, ", synkroniserad"));
	assert_false(fixture_sees(f, "INTE synkroniserad"));
	unsetenv("KIOSK_CLOCK_SYNCED");
	assert_true(fixture_sees(f, " GB") || fixture_sees(f, " MB"));
	assert_true(fixture_save(f, "build/test/staff-panel.png"));

	/* The table follows the database while it is open. */
	store_set_status(f->store, "last_error", "content: asset map.png has the wrong SHA-256");
	fixture_advance(f, 5100);
	assert_true(fixture_sees(f, "asset map.png has the wrong SHA-256"));

	/* It closes itself after a minute without a touch. */
	fixture_advance(f, 60 * 1000);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

static void panel_actions_sync_reload_touch_test_close(void **state)
{
	(void)state;
	struct fixture *f = staff_fixture(800, 480, "sv");
	char path[128];

	gesture(f);
	enter_pin(f, PIN);
	assert_string_equal(fixture_screen(f), "staff");

	/* Sync now leaves the request where kiosk-sync looks for it. */
	snprintf(path, sizeof path, "%s/sync-now", f->dir);
	assert_int_not_equal(access(path, F_OK), 0);
	fixture_tap_text(f, "Synka nu");
	assert_int_equal(access(path, F_OK), 0);
	assert_true(fixture_sees(f, "Synk begärd"));

	/* Reload reads the bundle kiosk-sync made current and says so on the panel;
	 * a broken one leaves the old on show and the panel says why. */
	struct bundle_sources sources = { f->dir, SOURCE_DIR "/config/content.json", NULL };
	struct bundle *bundle = bundle_create(&sources);
	assert_non_null(bundle);
	f->app->host = bundle_app_host(bundle);
	put_synced_bundle(f->dir, "v2", "2026-12-01.1");
	fixture_tap_text(f, "Läs om innehållet");
	fixture_step(f);
	assert_true(fixture_sees(f, "Innehållet lästes om: 2026-12-01.1."));
	assert_string_equal(f->app->content->version, "2026-12-01.1");
	put_synced_bundle(f->dir, "v3", NULL);
	fixture_tap_text(f, "Läs om innehållet");
	fixture_step(f);
	assert_true(fixture_sees(f, "Innehållet kunde inte läsas, det gamla visas"));
	assert_true(fixture_sees(f, "v3/content.json"));
	assert_string_equal(f->app->content->version, "2026-12-01.1");

	/* The touch test draws where each finger lands. */
	fixture_tap_text(f, "Pekskärmstest");
	assert_true(fixture_sees(f, "Rita med fingrarna"));
	SDL_Color bg = fixture_pixel(f, 200, 300);
	fixture_finger(f, SDL_FINGERDOWN, 1, 200, 300);
	fixture_finger(f, SDL_FINGERDOWN, 2, 600, 120);
	fixture_finger(f, SDL_FINGERMOTION, 2, 620, 140);
	fixture_step(f);
	SDL_Color a = fixture_pixel(f, 200, 300), b = fixture_pixel(f, 600, 120),
		  c = fixture_pixel(f, 620, 140), d = fixture_pixel(f, 400, 400);
	assert_true(a.r != bg.r || a.g != bg.g || a.b != bg.b);
	assert_true(b.r != bg.r || b.g != bg.g || b.b != bg.b);
	assert_true(c.r != bg.r || c.g != bg.g || c.b != bg.b);
	assert_true(d.r == bg.r && d.g == bg.g && d.b == bg.b);
	/* Two fingers, two colours. */
	assert_true(a.r != b.r || a.g != b.g || a.b != b.b);
	fixture_finger(f, SDL_FINGERUP, 2, 620, 140);
	fixture_finger(f, SDL_FINGERUP, 1, 200, 300);
	fixture_step(f);
	assert_true(fixture_save(f, "build/test/staff-touch-test.png"));
	fixture_tap_text(f, "Stäng");
	assert_string_equal(fixture_screen(f), "staff");
	assert_true(fixture_sees(f, "Kioskens status"));

	fixture_tap_text(f, "Stäng");
	assert_string_equal(fixture_screen(f), "attract");
	/* The next time it opens afresh, on the table. */
	gesture(f);
	enter_pin(f, PIN);
	assert_true(fixture_sees(f, "Kioskens status"));
	assert_false(fixture_sees(f, "Synk begärd"));
	fixture_destroy(f);
	bundle_destroy(bundle);
}

/* The demo content: Monday to Thursday 10-19, Friday 10-17, Saturday 11-15, Sunday
 * closed. 24 November 2026 is a Tuesday; the tests' time zone is UTC. */
static void closed_outside_opening_hours_and_a_touch_wakes_it(void **state)
{
	(void)state;
	setenv("KIOSK_NOW", "2026-11-24T18:59:00Z", 1);
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);

	assert_string_equal(fixture_screen(f), "attract");
	setenv("KIOSK_NOW", "2026-11-24T19:00:00Z", 1);
	fixture_advance(f, 1000);
	assert_string_equal(fixture_screen(f), "closed");
	assert_true(fixture_sees(f, "Stängt just nu"));
	assert_true(fixture_sees(f, "Vi öppnar igen i morgon klockan 10:00."));
	assert_true(fixture_save(f, "build/test/closed.png"));

	/* Still: once drawn, nothing more until the sentence changes, and the loop
	 * may sleep for long stretches. */
	fixture_step(f);
	for (int minute = 0; minute < 30; minute++) {
		assert_false(f->app->dirty);
		uint64_t next = app_tick(f->app, f->now);
		assert_true(next == 0 || next >= f->now + 1000);
		assert_false(f->app->dirty);
		f->now += 60 * 1000;
	}

	/* A touch brings the promises back for a few minutes. */
	fixture_tap(f, 400, 240);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	assert_true(fixture_sees(f, "Tryck för att läsa mer"));
	fixture_advance(f, APP_WAKE_MS - 5000);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_advance(f, 10000);
	assert_string_equal(fixture_screen(f), "closed");

	/* Friday evening, Saturday evening (Sunday is closed), then the opening. */
	setenv("KIOSK_NOW", "2026-11-27T17:30:00Z", 1);
	fixture_advance(f, 61000);
	assert_true(fixture_sees(f, "Vi öppnar igen i morgon klockan 11:00."));
	setenv("KIOSK_NOW", "2026-11-28T16:00:00Z", 1);
	fixture_advance(f, 61000);
	assert_true(fixture_sees(f, "Vi öppnar igen på måndag klockan 10:00."));
	setenv("KIOSK_NOW", "2026-11-29T12:00:00Z", 1);
	fixture_advance(f, 61000);
	assert_true(fixture_sees(f, "Vi öppnar igen i morgon klockan 10:00."));
	setenv("KIOSK_NOW", "2026-11-30T10:00:00Z", 1);
	fixture_advance(f, 61000);
	assert_string_equal(fixture_screen(f), "attract");

	fixture_destroy(f);
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 1);
}

static void closing_time_never_interrupts_a_visitor(void **state)
{
	(void)state;
	setenv("KIOSK_NOW", "2026-11-24T18:58:00Z", 1);
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);

	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	assert_string_equal(fixture_screen(f), "survey");
	setenv("KIOSK_NOW", "2026-11-24T19:05:00Z", 1);
	fixture_advance(f, 20000);
	assert_string_equal(fixture_screen(f), "survey");
	/* The visitor leaves; after the idle reset the screen goes dark. */
	fixture_advance(f,
			(uint64_t)f->content->idle_timeout_s * 1000 + APP_IDLE_WARNING_MS + 2000);
	assert_string_equal(fixture_screen(f), "closed");
	fixture_destroy(f);
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 1);
}

static void without_opening_hours_the_kiosk_is_always_open(void **state)
{
	(void)state;
	setenv("KIOSK_NOW", "2026-11-29T03:00:00Z", 1); /* a Sunday night */
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);

	fixture_advance(f, 2000);
	assert_string_equal(fixture_screen(f), "closed");
	f->content->has_hours = false;
	fixture_tap(f, 400, 240);
	fixture_advance(f, APP_WAKE_MS + 60000);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 1);
}

static void closed_screen_in_arabic_portrait(void **state)
{
	(void)state;
	setenv("KIOSK_NOW", "2026-11-28T16:00:00Z", 1); /* Saturday after closing */
	struct fixture *f = fixture_create(1080, 1920, "ar", 0, 0);

	fixture_advance(f, 1000);
	assert_string_equal(fixture_screen(f), "closed");
	assert_true(fixture_sees(f, "مغلق الآن"));
	/* Sunday is closed: Monday is the next day with hours. */
	assert_true(fixture_sees(f, "نفتح مجددًا يوم الاثنين الساعة 10:00."));
	assert_true(fixture_save(f, "build/test/closed-ar.png"));
	fixture_destroy(f);
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 1);
}

static void pin_rules_and_config_check(void **state)
{
	(void)state;
	char hash[PIN_HASH_MAX], again[PIN_HASH_MAX];

	assert_false(pin_valid("123"));
	assert_false(pin_valid("123456789"));
	assert_false(pin_valid("12a4"));
	assert_true(pin_valid("1234"));
	assert_false(pin_hash("12", hash, sizeof hash));
	/* Salted: the same PIN hashes differently each time, and both check. */
	assert_true(pin_hash("1234", hash, sizeof hash));
	assert_true(pin_hash("1234", again, sizeof again));
	assert_string_not_equal(hash, again);
	assert_true(pin_check("1234", hash));
	assert_true(pin_check("1234", again));
	assert_false(pin_check("1235", hash));
	assert_true(pin_hash_usable(hash));
	assert_false(pin_hash_usable("1234"));
	assert_false(pin_hash_usable("$1$abc$def"));

	/* A PIN in clear, or a broken hash, is a config problem, not a PIN. */
	char path[] = "/tmp/kiosk-pin-conf-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *out = fdopen(fd, "w");
	fprintf(out, "[staff]\npin_hash = 1234\n");
	fclose(out);
	struct config cfg;
	config_defaults(&cfg, SOURCE_DIR "/config");
	assert_true(config_load(&cfg, path));
	assert_int_equal(cfg.nproblems, 1);
	assert_string_equal(cfg.pin_hash, "");
	out = fopen(path, "w");
	fprintf(out, "[staff]\npin_hash = %s\n", hash);
	fclose(out);
	config_defaults(&cfg, SOURCE_DIR "/config");
	assert_true(config_load(&cfg, path));
	assert_int_equal(cfg.nproblems, 0);
	assert_string_equal(cfg.pin_hash, hash);
	unlink(path);
}

/* The panel's figures with the language's decimal separator. */
static void decimals_the_language_s_way(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	char buf[32];

	app_format_decimal(f->app, 84.27, buf, sizeof buf);
	assert_string_equal(buf, "84,2");
	app_set_language(f->app, "en");
	app_format_decimal(f->app, 84.27, buf, sizeof buf);
	assert_string_equal(buf, "84.2");
	app_set_language(f->app, "ar");
	app_format_decimal(f->app, 3.0, buf, sizeof buf);
	assert_string_equal(buf, "3\u066b0");
	fixture_destroy(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_gesture_opens_the_pad_and_nothing_else_does),
		cmocka_unit_test(the_pad_shows_a_dot_per_digit),
		cmocka_unit_test(a_visitor_never_opens_the_pad_by_accident),
		cmocka_unit_test(wrong_pins_lock_the_pad_even_across_a_restart),
		cmocka_unit_test(without_a_pin_the_pad_says_how_to_set_one),
		cmocka_unit_test(the_pad_is_worked_by_sight),
		cmocka_unit_test(the_panel_says_how_speech_is),
		cmocka_unit_test(the_panel_shows_the_kiosk_s_health),
		cmocka_unit_test(panel_actions_sync_reload_touch_test_close),
		cmocka_unit_test(closed_outside_opening_hours_and_a_touch_wakes_it),
		cmocka_unit_test(closing_time_never_interrupts_a_visitor),
		cmocka_unit_test(without_opening_hours_the_kiosk_is_always_open),
		cmocka_unit_test(decimals_the_language_s_way),
		cmocka_unit_test(closed_screen_in_arabic_portrait),
		cmocka_unit_test(pin_rules_and_config_check),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
