/* SPDX-License-Identifier: EUPL-1.2 */
/* End-to-end tests of the UI: the real screens on the demo content, driven by
 * synthetic touch events, checked by what text is on screen. */
#include "helpers.h"
#include "kiosk/access.h"
#include "kiosk/speech.h"
#include "common/store.h"
#include "kiosk/text.h"
#include "screens/screens.h"

#include <jansson.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static const char *title(const struct fixture *f, int promise, int lang)
{
	return f->content->promises[promise].title.text[lang];
}

static void open_promise_change_language_go_back(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);

	assert_string_equal(fixture_screen(f), "attract");
	assert_true(fixture_sees(f, title(f, 0, 0)));
	assert_true(fixture_sees(f, "Tryck för att läsa mer"));

	fixture_tap_text(f, "English");
	assert_string_equal(f->app->lang, "en");
	assert_true(fixture_sees(f, title(f, 0, 1)));
	assert_true(fixture_sees(f, "Tap to read more"));
	assert_false(fixture_sees(f, "Tryck för att läsa mer"));

	fixture_tap_text(f, "Tap to read more");
	assert_string_equal(fixture_screen(f), "promise");
	assert_true(fixture_sees(f, title(f, 0, 1)));
	assert_true(fixture_sees(f, "You said"));
	assert_true(fixture_sees(f, "who answered here chose: Fairly unsafe"));
	assert_true(fixture_sees(f, "Done most recently"));
	assert_true(fixture_sees(f, "Read more on your phone"));

	fixture_tap_text(f, "Back");
	assert_string_equal(fixture_screen(f), "attract");
	assert_string_equal(f->app->lang, "en");
	fixture_destroy(f);
}

static void arabic_mirrors_the_layout(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	SDL_Rect sv_back, ar_back;

	fixture_tap_text(f, "Tryck för att läsa mer");
	assert_true(text_find(f->app->text, "Tillbaka", &sv_back));
	fixture_tap_text(f, "Tillbaka");

	fixture_tap_text(f, "العربية");
	assert_true(f->app->rtl);
	assert_true(fixture_sees(f, "وعود الشرطة والبلدية وما تحقق منها"));
	fixture_tap_text(f, "اضغط لقراءة المزيد");
	assert_string_equal(fixture_screen(f), "promise");
	assert_true(text_find(f->app->text, "رجوع", &ar_back));
	/* Back sits at the start side: left in Swedish, right in Arabic. */
	assert_true(sv_back.x + sv_back.w < 1280 / 2);
	assert_true(ar_back.x > 1280 / 2);
	fixture_destroy(f);
}

static void idle_returns_to_attract_in_the_default_language(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	int timeout_ms = f->content->idle_timeout_s * 1000;

	fixture_tap_text(f, "English");
	fixture_tap_text(f, "Tap to read more");
	assert_string_equal(fixture_screen(f), "promise");
	fixture_advance(f, (uint64_t)timeout_ms - 1000);
	assert_string_equal(fixture_screen(f), "promise");
	fixture_advance(f, 1100);
	assert_string_equal(fixture_screen(f), "attract");
	assert_string_equal(f->app->lang, "sv");
	assert_true(fixture_sees(f, "Tryck för att läsa mer"));
	fixture_destroy(f);
}

static void a_lost_release_does_not_stop_the_idle_reset(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	int timeout_ms = f->content->idle_timeout_s * 1000;

	fixture_tap_text(f, "Tryck för att läsa mer");
	assert_string_equal(fixture_screen(f), "promise");
	/* A finger goes down and its "up" never arrives. */
	fixture_finger(f, SDL_FINGERDOWN, 42, 400, 300);
	fixture_advance(f, (uint64_t)timeout_ms + 2000);
	assert_string_equal(fixture_screen(f), "attract");
	/* The next touch works as usual. */
	fixture_tap_text(f, "Tryck för att läsa mer");
	assert_string_equal(fixture_screen(f), "promise");
	fixture_destroy(f);
}

static void touch_postpones_idle(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	int timeout_ms = f->content->idle_timeout_s * 1000;

	fixture_tap_text(f, "Tryck för att läsa mer");
	fixture_advance(f, (uint64_t)timeout_ms - 2000);
	fixture_swipe(f, 300, 400, 300, 200); /* scrolling the text counts as use */
	fixture_advance(f, (uint64_t)timeout_ms - 2000);
	assert_string_equal(fixture_screen(f), "promise");
	fixture_destroy(f);
}

static void promises_rotate_and_swipe(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);

	assert_int_equal(f->app->promise, 0);
	fixture_advance(f, 10000);
	assert_int_equal(f->app->promise, 1);
	assert_true(fixture_sees(f, title(f, 1, 0)));

	fixture_swipe(f, 900, 400, 300, 410); /* towards the start side: next */
	fixture_advance(f, 500);
	assert_int_equal(f->app->promise, 2);
	fixture_swipe(f, 300, 400, 900, 410);
	fixture_advance(f, 500);
	assert_int_equal(f->app->promise, 1);
	/* A vertical drag is no swipe. */
	fixture_swipe(f, 600, 300, 610, 600);
	fixture_advance(f, 500);
	assert_int_equal(f->app->promise, 1);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

static void arrows_move_between_promises(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	int n = f->content->npromises;

	/* The previous arrow sits at the start edge, halfway down. */
	fixture_tap(f, 30, 240);
	fixture_advance(f, 500);
	assert_int_equal(f->app->promise, n - 1);
	fixture_tap(f, 770, 240);
	fixture_advance(f, 500);
	assert_int_equal(f->app->promise, 0);
	fixture_destroy(f);
}

static void links_screen_and_back(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1080, 1920, "sv", 0, 0);

	fixture_tap_text(f, "Mer på mobilen");
	assert_string_equal(fixture_screen(f), "links");
	assert_true(f->content->nlinks > 0);
	for (int i = 0; i < f->content->nlinks; i++)
		assert_true(fixture_sees(f, f->content->links[i].label.text[0]));
	fixture_tap_text(f, "Tillbaka");
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

/* A promise with nothing done yet, and no answers behind it, says so. */
static void a_promise_without_updates(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);

	f->content->promises[0].nupdates = 0;
	f->content->promises[0].because.present = false;
	fixture_tap_text(f, "Tryck för att läsa mer");
	assert_string_equal(fixture_screen(f), "promise");
	assert_true(fixture_sees(f, "Inga uppdateringar ännu."));
	assert_false(fixture_sees(f, "Ni sa"));
	fixture_destroy(f);
}

/* What visitors said, one question at a time, and the promise it led to. */
static void results_screen_and_the_promise_it_led_to(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);

	fixture_tap_text(f, "Vad ni har sagt");
	assert_string_equal(fixture_screen(f), "results");
	assert_true(fixture_sees(f, "Hur trygg eller otrygg"));
	assert_true(fixture_sees(f, "398 har svarat"));
	assert_true(fixture_sees(f, "32 %"));	     /* 126 of 398 */
	assert_true(fixture_sees(f, "färre än 10")); /* a count not published */
	assert_true(fixture_sees(f, "inte ett slumpmässigt urval"));
	fixture_tap_text(f, "Nästa fråga");
	assert_true(fixture_sees(f, "Fråga 2 av 3"));
	assert_true(fixture_sees(f, "371 har svarat"));
	fixture_tap_text(f, "Därför lovade vi");
	assert_string_equal(fixture_screen(f), "promise");
	assert_string_equal(f->content->promises[f->app->promise].id, "norra-parken-klotter");
	fixture_tap_text(f, "Tillbaka");
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

/* One of the screens a visitor may reach: never the PIN pad or the staff panel. */
static void assert_visitor_screen(struct fixture *f)
{
	static const char *const allowed[] = { "attract", "promise", "survey",
					       "links",	  "results", "thanks" };
	bool ok = false;
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		ok |= !strcmp(fixture_screen(f), allowed[i]);
	if (!ok)
		fail_msg("a key reached the %s screen", fixture_screen(f));
}

static void keyboard_and_close_requests_do_not_close_the_kiosk(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	SDL_Keycode keys[] = { SDLK_ESCAPE, SDLK_q, SDLK_F4, SDLK_c, SDLK_TAB, SDLK_RETURN };

	fixture_tap_text(f, "Tryck för att läsa mer");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		SDL_Event ev = { 0 };
		ev.type = SDL_KEYDOWN;
		ev.key.keysym.sym = keys[i];
		ev.key.keysym.mod = KMOD_CTRL | KMOD_ALT;
		app_handle_sdl(f->app, &ev);
		fixture_step(f);
	}
	SDL_Event quit = { .type = SDL_QUIT };
	app_handle_sdl(f->app, &quit);
	fixture_step(f);
	assert_false(f->app->quit);
	/* The first key turned accessibility mode on; Tab and Enter then moved to an
	 * item and activated it, as on a keypad: a visitor's screen, never further. */
	assert_true(f->app->access.speech);
	assert_visitor_screen(f);
	fixture_destroy(f);
}

/* Every way out a visitor might try ("No way out" in the README): none leaves
 * the screen, closes the program or reaches anything behind it. */
static void no_key_combination_or_gesture_leaves_the_kiosk(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	static const struct {
		SDL_Keycode sym;
		Uint16 mod;
	} keys[] = {
		{ SDLK_F4, KMOD_LALT },
		{ SDLK_TAB, KMOD_LALT },
		{ SDLK_TAB, KMOD_LGUI },
		{ SDLK_ESCAPE, 0 },
		{ SDLK_c, KMOD_LCTRL },
		{ SDLK_q, KMOD_LCTRL },
		{ SDLK_w, KMOD_LCTRL },
		{ SDLK_F1, KMOD_LCTRL | KMOD_LALT },
		{ SDLK_F2, KMOD_LCTRL | KMOD_LALT },
		{ SDLK_F7, KMOD_LCTRL | KMOD_LALT },
		{ SDLK_DELETE, KMOD_LCTRL | KMOD_LALT },
		{ SDLK_BACKSPACE, KMOD_LCTRL | KMOD_LALT },
		{ SDLK_LGUI, 0 },
		{ SDLK_MENU, 0 },
		{ SDLK_F11, 0 },
		{ SDLK_SYSREQ, KMOD_LALT },
		{ SDLK_z, KMOD_LCTRL },
		{ SDLK_RETURN, KMOD_LALT },
		{ SDLK_1, 0 },
		{ SDLK_SPACE, 0 },
	};

	fixture_tap_text(f, "Tryck för att läsa mer");
	assert_string_equal(fixture_screen(f), "promise");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		SDL_Event ev = { 0 };
		ev.type = SDL_KEYDOWN;
		ev.key.keysym.sym = keys[i].sym;
		ev.key.keysym.mod = keys[i].mod;
		app_handle_sdl(f->app, &ev);
		ev.type = SDL_KEYUP;
		app_handle_sdl(f->app, &ev);
		SDL_Event text = { .type = SDL_TEXTINPUT };
		snprintf(text.text.text, sizeof text.text.text, "x");
		app_handle_sdl(f->app, &text);
		fixture_step(f);
	}
	/* Window-manager requests and window events. */
	static const Uint8 window_events[] = { SDL_WINDOWEVENT_CLOSE,	 SDL_WINDOWEVENT_MINIMIZED,
					       SDL_WINDOWEVENT_HIDDEN,	 SDL_WINDOWEVENT_FOCUS_LOST,
					       SDL_WINDOWEVENT_RESTORED, SDL_WINDOWEVENT_SHOWN };
	for (size_t i = 0; i < sizeof window_events; i++) {
		SDL_Event ev = { .type = SDL_WINDOWEVENT };
		ev.window.event = window_events[i];
		app_handle_sdl(f->app, &ev);
		fixture_step(f);
	}
	SDL_Event quit = { .type = SDL_QUIT };
	app_handle_sdl(f->app, &quit);
	SDL_Event terminating = { .type = SDL_APP_TERMINATING };
	app_handle_sdl(f->app, &terminating);
	/* Multi-finger gestures SDL recognises, and a four-finger swipe as raw fingers. */
	SDL_Event multi = { .type = SDL_MULTIGESTURE };
	multi.mgesture.numFingers = 4;
	multi.mgesture.dDist = -0.5f;
	app_handle_sdl(f->app, &multi);
	SDL_Event dollar = { .type = SDL_DOLLARGESTURE };
	app_handle_sdl(f->app, &dollar);
	for (int finger = 10; finger < 14; finger++)
		fixture_finger(f, SDL_FINGERDOWN, finger, 300 + finger * 40, 300);
	for (int step = 1; step <= 10; step++)
		for (int finger = 10; finger < 14; finger++)
			fixture_finger(f, SDL_FINGERMOTION, finger, 300 + finger * 40,
				       300 + step * 40);
	for (int finger = 10; finger < 14; finger++)
		fixture_finger(f, SDL_FINGERUP, finger, 300 + finger * 40, 700);
	fixture_step(f);
	/* A right click and a long press. */
	SDL_Event click = { 0 };
	click.type = SDL_MOUSEBUTTONDOWN;
	click.button.button = SDL_BUTTON_RIGHT;
	click.button.x = 640;
	click.button.y = 400;
	app_handle_sdl(f->app, &click);
	click.type = SDL_MOUSEBUTTONUP;
	app_handle_sdl(f->app, &click);
	fixture_finger(f, SDL_FINGERDOWN, 20, 640, 400);
	fixture_advance(f, 3000);
	fixture_finger(f, SDL_FINGERUP, 20, 640, 400);
	fixture_step(f);

	assert_false(f->app->quit);
	assert_visitor_screen(f);
	fixture_destroy(f);
}

static void second_finger_and_emulated_mouse_are_ignored(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	SDL_Rect english;

	assert_true(text_find(f->app->text, "English", &english));
	/* Finger 1 rests on an empty spot; finger 2 taps English meanwhile. */
	fixture_finger(f, SDL_FINGERDOWN, 1, 5, 790);
	fixture_finger(f, SDL_FINGERDOWN, 2, english.x + 5, english.y + 5);
	fixture_finger(f, SDL_FINGERUP, 2, english.x + 5, english.y + 5);
	fixture_finger(f, SDL_FINGERUP, 1, 5, 790);
	fixture_step(f);
	assert_string_equal(f->app->lang, "sv");

	/* The mouse click SDL makes from a touch is not a second tap. */
	SDL_Event ev = { 0 };
	ev.type = SDL_MOUSEBUTTONDOWN;
	ev.button.which = SDL_TOUCH_MOUSEID;
	ev.button.button = SDL_BUTTON_LEFT;
	ev.button.x = english.x + 5;
	ev.button.y = english.y + 5;
	app_handle_sdl(f->app, &ev);
	ev.type = SDL_MOUSEBUTTONUP;
	app_handle_sdl(f->app, &ev);
	fixture_step(f);
	assert_string_equal(f->app->lang, "sv");

	/* A real mouse works. */
	ev.button.which = 0;
	ev.type = SDL_MOUSEBUTTONDOWN;
	app_handle_sdl(f->app, &ev);
	ev.type = SDL_MOUSEBUTTONUP;
	app_handle_sdl(f->app, &ev);
	fixture_step(f);
	assert_string_equal(f->app->lang, "en");
	fixture_destroy(f);
}

static void long_press_and_right_click_open_nothing(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	SDL_Rect card;

	assert_true(text_find(f->app->text, "Tryck för att läsa mer", &card));
	fixture_finger(f, SDL_FINGERDOWN, 7, card.x + 5, card.y + 5);
	fixture_advance(f, 1500);
	fixture_finger(f, SDL_FINGERUP, 7, card.x + 5, card.y + 5);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");

	SDL_Event ev = { 0 };
	ev.type = SDL_MOUSEBUTTONDOWN;
	ev.button.button = SDL_BUTTON_RIGHT;
	ev.button.x = card.x + 5;
	ev.button.y = card.y + 5;
	app_handle_sdl(f->app, &ev);
	ev.type = SDL_MOUSEBUTTONUP;
	app_handle_sdl(f->app, &ev);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

static void rotation_turns_touch_with_the_picture(void **state)
{
	(void)state;
	static const int rotations[] = { 90, 180, 270 };

	for (size_t i = 0; i < 3; i++) {
		int r = rotations[i];
		bool turned = r == 90 || r == 270;
		struct fixture *f =
			fixture_create(turned ? 480 : 800, turned ? 800 : 480, "sv", r, 0);
		assert_int_equal(f->app->w, 800);
		assert_int_equal(f->app->h, 480);
		/* The picture is turned: beside the label, the output shows the button. */
		SDL_Rect label;
		assert_true(text_find(f->app->text, "English", &label));
		SDL_Color c = fixture_pixel(f, label.x - 4, label.y + label.h / 2);
		SDL_Color button = theme_colors[THEME_BUTTON];
		assert_int_equal(c.r, button.r);
		assert_int_equal(c.g, button.g);
		assert_int_equal(c.b, button.b);
		/* Tapping where English appears on the logical screen, sent through the
		 * panel's own coordinates, selects English. */
		fixture_tap_text(f, "English");
		assert_string_equal(f->app->lang, "en");
		fixture_destroy(f);
	}
}

static void unchanged_frames_rasterise_no_glyphs(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1920, 1080, "sv", 0, 0);
	struct text_stats before, after;

	/* Let a slide finish, then draw again with nothing changed. */
	fixture_advance(f, 10000);
	before = text_get_stats(f->app->text);
	app_render(f->app);
	app_render(f->app);
	after = text_get_stats(f->app->text);
	assert_int_equal(after.rasterized, before.rasterized);

	/* A slide between two promises already seen costs nothing either. */
	fixture_advance(f, 60000);
	before = text_get_stats(f->app->text);
	fixture_advance(f, 60000);
	after = text_get_stats(f->app->text);
	assert_int_equal(after.rasterized, before.rasterized);
	fixture_destroy(f);
}

static void sleeps_when_nothing_moves(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);

	/* On the attract screen the next thing due is the rotation, seconds away. */
	uint64_t due = app_tick(f->app, f->now);
	assert_true(due >= f->now + 5000);
	/* On the detail screen with no touch, the only timer is the idle reset. */
	fixture_tap_text(f, "Tryck för att läsa mer");
	due = app_tick(f->app, f->now);
	assert_int_equal(due, f->app->last_input + (uint64_t)f->content->idle_timeout_s * 1000);
	fixture_destroy(f);
}

static int store_counts_pending(struct fixture *f);

/* The label of an option of the demo survey in language lang (0 sv, 1 en, 2 ar). */
static const char *label(const struct fixture *f, const char *q, const char *o, int lang)
{
	const struct content_survey *sv = &f->content->surveys[0];
	for (int i = 0; i < sv->nquestions; i++) {
		if (strcmp(sv->questions[i].id, q))
			continue;
		for (int k = 0; k < sv->questions[i].noptions; k++)
			if (!strcmp(sv->questions[i].options[k].id, o))
				return sv->questions[i].options[k].label.text[lang];
	}
	fail_msg("no option %s/%s", q, o);
	return NULL;
}

/* The stored responses, as parsed JSON documents; the caller decrefs. */
static json_t *stored(struct fixture *f, int *n)
{
	struct store_row rows[16];
	json_t *all = json_array();
	*n = store_pending(f->store, rows, 16);
	assert_true(*n >= 0);
	for (int i = 0; i < *n; i++) {
		json_error_t err;
		json_t *doc = json_loads(rows[i].document, 0, &err);
		assert_non_null(doc);
		json_array_append_new(all, doc);
	}
	store_rows_free(rows, *n);
	return all;
}

static const char *answer_of(json_t *doc, const char *q)
{
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(doc, "answers"), i,
			   a) if (!strcmp(json_string_value(json_object_get(a, "q")),
					  q)) return json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
	return NULL;
}

static void expect_answer(json_t *doc, const char *q, const char *json)
{
	char *got = (char *)answer_of(doc, q);
	if (!got)
		fail_msg("no answer to %s", q);
	if (strcmp(got, json))
		fail_msg("answer to %s: %s, expected %s", q, got, json);
	free(got);
}

/* The label of the item accessibility mode has in focus, "" for none. */
static const char *focused(const struct fixture *f)
{
	int i = f->app->access.focus;
	return i >= 0 && i < f->app->nitems && f->app->items[i].label ? f->app->items[i].label : "";
}

/* Chooses the item labelled label by keypad alone: the down arrow until it is
 * spoken, then Enter. The first key turns accessibility mode on. */
static void choose_by_keys(struct fixture *f, const char *label)
{
	if (!f->app->access.speech)
		fixture_key(f, SDLK_KP_5);
	assert_true(f->app->access.speech);
	for (int i = 0; i <= APP_ITEMS_MAX; i++) {
		if (!strcmp(focused(f), label)) {
			fixture_key(f, SDLK_RETURN);
			return;
		}
		fixture_key(f, SDLK_DOWN);
	}
	fail_msg("the keys never reach \"%s\" on screen %s", label, fixture_screen(f));
}

/* Chooses the item labelled label by explore by touch alone: a touch on it
 * where it shows (else swipes to it), then a double tap elsewhere. */
static void choose_by_explore(struct fixture *f, const char *label)
{
	if (!f->app->access.speech) {
		/* A voice that says nothing, quickly: touches explore only with one. */
		f->app->speech = speech_create(&(struct speech_config){ .program = "true" });
		app_set_speech(f->app, true);
	}
	const struct app_item *it = fixture_item(f, label);
	if (!it)
		fail_msg("no \"%s\" on screen %s", label, fixture_screen(f));
	if (it->rect.h > 0 && it->rect.w > 0) {
		fixture_tap(f, it->rect.x + it->rect.w / 2, it->rect.y + it->rect.h / 2);
		fixture_advance(f, ACCESS_DOUBLE_TAP_MS + 50);
	}
	int sx = f->app->w / 3, sy = f->app->h / 2, reach = f->app->theme.target * 3 / 2;
	for (int i = 0; i <= APP_ITEMS_MAX && strcmp(focused(f), label); i++)
		fixture_swipe(f, sx, sy, sx + reach, sy);
	if (strcmp(focused(f), label))
		fail_msg("exploring never reaches \"%s\" on screen %s", label, fixture_screen(f));
	/* A double tap anywhere, here in a corner, activates what was spoken. */
	fixture_tap(f, 2, f->app->h - 2);
	fixture_tap(f, 2, f->app->h - 2);
	fixture_step(f);
}

static void choose_by_touch(struct fixture *f, const char *label)
{
	fixture_tap_text(f, label);
}

/* Scrolls a page taller than the screen as a visitor does, by dragging in the
 * middle of the screen, until label is in sight whole, and taps it there. */
static int page_drags;

static void choose_by_scrolling(struct fixture *f, const char *label)
{
	const struct app *a = f->app;
	SDL_Rect r;

	for (int tries = 0;; tries++) {
		if (!text_find(a->text, label, &r))
			fail_msg("no \"%s\" on screen %s", label, fixture_screen(f));
		int top = r.y - a->page_scroll;
		if (top >= 0 && top + r.h <= a->view_h)
			break;
		if (tries == 20)
			fail_msg("\"%s\" stays out of sight (at %d of a %d px page, %d px seen "
				 "from %d)",
				 label, r.y, a->h, a->view_h, a->page_scroll);
		int d = top < 0 ? a->view_h / 3 : -a->view_h / 3;
		fixture_swipe_output(f, a->w / 2, a->view_h / 2 - d / 2, a->w / 2,
				     a->view_h / 2 + d / 2);
		page_drags++;
	}
	fixture_tap_output(f, r.x + r.w / 2, r.y - a->page_scroll + r.h / 2);
}

/* The display and look the demo survey is taken at. */
static double survey_dpi;
static unsigned survey_look;

/* Takes the whole demo survey in language lang, choosing with choose, a few
 * seconds a question, and checks the one stored response. */
static void take_the_demo_survey(int w, int h, const char *code, int lang, const char *start,
				 const char *begin, void (*choose)(struct fixture *, const char *))
{
	struct fixture *f = fixture_create(w, h, "sv", 0, survey_dpi);
	int n;

	fixture_set_look(f, survey_look);

	if (lang)
		choose(f, i18n_get(f->i18n, code, "language_name"));
	choose(f, start);
	assert_string_equal(fixture_screen(f), "survey");
	assert_true(fixture_sees(f, f->content->surveys[0].intro.text[lang]));
	choose(f, begin);
	fixture_advance(f, 3000);
	choose(f, label(f, "safety-evening", "fairly_unsafe", lang));
	fixture_advance(f, 3000);
	choose(f, label(f, "problems", "litter", lang));
	choose(f, label(f, "problems", "poor_lighting", lang));
	choose(f, i18n_get(f->i18n, code, "next_question"));
	fixture_advance(f, 3000);
	choose(f, label(f, "change", "worse", lang));
	fixture_advance(f, 3000);
	choose(f, label(f, "what-helps", "better_lighting", lang));
	fixture_advance(f, 3000);
	assert_int_equal(store_counts_pending(f), 0);
	choose(f, i18n_get(f->i18n, code, "skip"));
	/* Stored before the thank-you. */
	assert_string_equal(fixture_screen(f), "thanks");
	assert_true(fixture_sees(f, i18n_get(f->i18n, code, "thanks_title")));

	json_t *docs = stored(f, &n);
	assert_int_equal(n, 1);
	json_t *doc = json_array_get(docs, 0);
	assert_string_equal(json_string_value(json_object_get(doc, "status")), "complete");
	assert_string_equal(json_string_value(json_object_get(doc, "language")), code);
	assert_string_equal(json_string_value(json_object_get(doc, "survey_id")), "trygghet-2026");
	assert_string_equal(json_string_value(json_object_get(doc, "submitted_hour")),
			    "2026-11-24T14:00Z");
	assert_int_equal(json_array_size(json_object_get(doc, "flags")), 0);
	assert_int_equal(json_array_size(json_object_get(doc, "answers")), 5);
	expect_answer(doc, "safety-evening",
		      "{\"option\":\"fairly_unsafe\",\"q\":\"safety-evening\"}");
	expect_answer(doc, "problems",
		      "{\"options\":[\"litter\",\"poor_lighting\"],\"q\":\"problems\"}");
	expect_answer(doc, "change", "{\"option\":\"worse\",\"q\":\"change\"}");
	expect_answer(doc, "what-helps", "{\"option\":\"better_lighting\",\"q\":\"what-helps\"}");
	expect_answer(doc, "age", "{\"q\":\"age\",\"skipped\":true}");
	json_decref(docs);

	/* The thank-you returns to the start by itself. */
	fixture_advance(f, 21000);
	assert_string_equal(fixture_screen(f), "attract");
	fixture_destroy(f);
}

static int store_counts_pending(struct fixture *f)
{
	struct store_counts c;
	assert_int_equal(store_counts(f->store, &c), STORE_OK);
	return c.pending;
}

static void the_demo_survey_by_touch_in_swedish(void **state)
{
	(void)state;
	take_the_demo_survey(800, 480, "sv", 0, "Tyck till!", "Börja", choose_by_touch);
}

static void the_demo_survey_by_touch_in_arabic_portrait(void **state)
{
	(void)state;
	take_the_demo_survey(1080, 1920, "ar", 2, "شارك برأيك", "ابدأ", choose_by_touch);
}

static void the_demo_survey_by_touch_in_swedish_1280x800(void **state)
{
	(void)state;
	take_the_demo_survey(1280, 800, "sv", 0, "Tyck till!", "Börja", choose_by_touch);
}

static void the_demo_survey_by_touch_in_english(void **state)
{
	(void)state;
	take_the_demo_survey(1920, 1080, "en", 1, "Have your say", "Start", choose_by_touch);
}

/* A visitor who cannot see the screen: a keypad only (EN 301 549 5.1.6.1). */
static void the_demo_survey_by_keypad_alone(void **state)
{
	(void)state;
	take_the_demo_survey(800, 480, "sv", 0, "Tyck till!", "Börja", choose_by_keys);
}

static void the_demo_survey_by_keypad_alone_in_arabic(void **state)
{
	(void)state;
	take_the_demo_survey(1080, 1920, "ar", 2, "شارك برأيك", "ابدأ", choose_by_keys);
}

/* And by explore by touch and double taps only, as with a phone's screen reader. */
static void the_demo_survey_by_explore_by_touch(void **state)
{
	(void)state;
	take_the_demo_survey(800, 480, "sv", 0, "Tyck till!", "Börja", choose_by_explore);
}

static void the_demo_survey_by_explore_by_touch_in_english(void **state)
{
	(void)state;
	take_the_demo_survey(1280, 800, "en", 1, "Have your say", "Start", choose_by_explore);
}

/* Large text on the Raspberry Pi's 7-inch display (800x480 at 133 dpi): each
 * screen is a page three times as tall as the display, scrolled by dragging,
 * and the whole survey can be taken that way, in Swedish and in Arabic. */
static void large_text_on_a_small_screen(const char *code, int lang, const char *start,
					 const char *begin)
{
	survey_dpi = 133;
	survey_look = THEME_LOOK_LARGE;
	page_drags = 0;
	take_the_demo_survey(800, 480, code, lang, start, begin, choose_by_scrolling);
	survey_dpi = 0;
	survey_look = THEME_LOOK_PLAIN;
	printf("# %s: %d drags to reach what was chosen\n", code, page_drags);
	assert_true(page_drags > 0);
}

static void the_demo_survey_in_large_text_on_a_small_screen(void **state)
{
	(void)state;
	large_text_on_a_small_screen("sv", 0, "Tyck till!", "Börja");
}

static void the_demo_survey_in_large_text_on_a_small_screen_in_arabic(void **state)
{
	(void)state;
	large_text_on_a_small_screen("ar", 2, "شارك برأيك", "ابدأ");
}

/* The Raspberry Pi's 7-inch display (800x480 at 133 dpi), turned by rotation,
 * in large text. */
static struct fixture *small_display_in_large_text(int rotation)
{
	struct fixture *f = rotation % 180 ? fixture_create(480, 800, "sv", rotation, 133)
					   : fixture_create(800, 480, "sv", rotation, 133);
	fixture_set_look(f, THEME_LOOK_LARGE);
	return f;
}

/* On such a page, keys move the page with the focus: every item they reach is
 * in sight, and the next screen starts at its top. */
static void keys_keep_the_focus_in_sight_on_a_page(void **state)
{
	(void)state;
	struct fixture *f = small_display_in_large_text(0);
	const struct app *a = f->app;
	int moved = 0;

	assert_true(a->h >= 2 * a->view_h);
	choose_by_keys(f, "Tyck till!");
	choose_by_keys(f, "Börja");
	assert_int_equal(a->page_scroll, 0);
	for (int k = 0; k < 2 * a->nitems; k++) {
		int before = a->page_scroll;
		fixture_key(f, SDLK_TAB);
		SDL_Rect r = a->items[a->access.focus].rect;
		if (r.y < a->page_scroll ||
		    r.y + (r.h < a->view_h ? r.h : a->view_h) > a->page_scroll + a->view_h)
			fail_msg("\"%s\" in focus at %d-%d, the screen shows %d-%d",
				 a->items[a->access.focus].label, r.y, r.y + r.h, a->page_scroll,
				 a->page_scroll + a->view_h);
		moved += a->page_scroll != before;
	}
	assert_true(moved >= 2); /* down to the buttons, and back to the top */
	choose_by_keys(f, label(f, "safety-evening", "fairly_unsafe", 0));
	assert_int_equal(a->page_scroll, 0);
	fixture_destroy(f);
}

/* A touch that takes the idle warning away does nothing else: a finger
 * sliding up the page then leaves it where it was. */
static void wiping_the_idle_warning_away_leaves_the_page(void **state)
{
	(void)state;
	struct fixture *f = small_display_in_large_text(0);
	const struct app *a = f->app;

	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	assert_int_equal(a->page_scroll, 0);
	fixture_advance(f, (uint64_t)f->content->idle_timeout_s * 1000 + 500);
	assert_true(fixture_sees(f, "Är du kvar?"));
	fixture_swipe_output(f, 400, 400, 400, 100);
	assert_false(fixture_sees(f, "Är du kvar?"));
	assert_int_equal(a->page_scroll, 0);
	/* The next drag moves it. */
	fixture_swipe_output(f, 400, 400, 400, 100);
	assert_int_equal(a->page_scroll, 300);
	fixture_destroy(f);
}

/* A display turned on its side (rotation 90) scrolls its page the same way: a
 * finger moving up the screen as the visitor sees it, which is sideways on the
 * panel, reads on, and a tap after it lands on what is under the finger; the
 * next screen starts at its top. */
static void a_rotated_page_scrolls_with_the_finger(void **state)
{
	(void)state;
	struct fixture *f = small_display_in_large_text(90);
	const struct app *a = f->app;

	assert_int_equal(a->w, 800);
	assert_int_equal(a->view_h, 480);
	assert_true(a->h > a->view_h);
	/* Up the logical screen from y 400 to 100: on the panel, x from 79 to 379. */
	fixture_swipe_output(f, a->out_w - 1 - 400, 400, a->out_w - 1 - 100, 400);
	int scrolled = a->page_scroll;
	printf("# the page moved %d px for a 300 px drag\n", scrolled);
	assert_true(scrolled > 200 && scrolled <= 300);
	/* The first promise's card, the part of it in sight, tapped where it is
	 * seen: on the panel, x from the logical y on the screen, y from x. */
	const struct app_item *it = fixture_item(f, app_tr(a, &f->content->promises[0].title));
	assert_non_null(it);
	int top = it->rect.y > scrolled ? it->rect.y : scrolled;
	int bottom = it->rect.y + it->rect.h < scrolled + a->view_h ? it->rect.y + it->rect.h
								    : scrolled + a->view_h;
	assert_true(bottom > top);
	fixture_tap_output(f, a->out_w - 1 - ((top + bottom) / 2 - scrolled),
			   it->rect.x + it->rect.w / 2);
	assert_string_equal(fixture_screen(f), "promise");
	assert_int_equal(a->promise, 0);
	assert_int_equal(a->page_scroll, 0);
	fixture_destroy(f);
}

/* Keys move to every option of every question in large text, and an option
 * the window had scrolled out comes into view, whole, when it is spoken. */
static void keys_bring_a_scrolled_option_into_view(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	int scrolled = 0;
	app_set_look(f->app, THEME_LOOK_LARGE);
	fixture_step(f);
	choose_by_keys(f, "Tyck till!");
	choose_by_keys(f, "Börja");
	for (int q = 0; q < 4 && !strcmp(fixture_screen(f), "survey"); q++) {
		fixture_advance(f, 3000);
		for (int k = 0; k < f->app->nitems; k++) {
			const struct app_item *before =
				&f->app->items[(f->app->access.focus + 1) % f->app->nitems];
			bool hidden = before->role == APP_ROLE_BUTTON &&
				      before->rect.h < f->app->theme.target;
			fixture_key(f, SDLK_DOWN);
			const struct app_item *it = &f->app->items[f->app->access.focus];
			if (it->role != APP_ROLE_BUTTON)
				continue;
			if (it->rect.h < f->app->theme.target)
				fail_msg("question %d: \"%s\" in focus but %d px of it on show", q,
					 it->label, it->rect.h);
			scrolled += hidden;
		}
		choose_by_keys(f, i18n_get(f->i18n, "sv", "skip"));
	}
	printf("# options brought into view: %d\n", scrolled);
	assert_true(scrolled > 0);
	fixture_destroy(f);
}

static void a_quick_response_is_kept_and_flagged(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	int n;
	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	for (int i = 0; i < 4; i++)
		fixture_tap_text(f, "Vill inte svara");
	assert_string_equal(fixture_screen(f), "thanks");
	json_t *docs = stored(f, &n);
	assert_int_equal(n, 1);
	json_t *flags = json_object_get(json_array_get(docs, 0), "flags");
	assert_string_equal(json_string_value(json_array_get(flags, 0)), "fast");
	json_decref(docs);
	fixture_destroy(f);
}

static void the_idle_warning_continues_or_resets(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	uint64_t idle = (uint64_t)f->content->idle_timeout_s * 1000;
	int n;

	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	fixture_tap_text(f, label(f, "safety-evening", "very_safe", 0));
	fixture_advance(f, idle - 500);
	assert_false(fixture_sees(f, "Är du kvar?"));
	fixture_advance(f, 1000);
	assert_true(fixture_sees(f, "Är du kvar?"));
	assert_true(fixture_sees(f, "20 sekunder"));
	fixture_advance(f, 5000);
	assert_true(fixture_sees(f, "15 sekunder"));
	/* One tap anywhere, even on an option under the overlay, only continues. */
	SDL_Rect r;
	assert_true(text_find(f->app->text, label(f, "problems", "litter", 0), &r));
	fixture_tap(f, r.x + 2, r.y + 2);
	assert_false(fixture_sees(f, "Är du kvar?"));
	assert_string_equal(fixture_screen(f), "survey");
	assert_int_equal(f->app->survey.run.answer[1].n, 0);

	/* Then nobody: the warning, the countdown, and the reset. */
	fixture_advance(f, idle + 19000);
	assert_string_equal(fixture_screen(f), "survey");
	assert_true(fixture_sees(f, "Är du kvar?"));
	fixture_advance(f, 1500);
	assert_string_equal(fixture_screen(f), "attract");
	json_t *docs = stored(f, &n);
	assert_int_equal(n, 1);
	json_t *doc = json_array_get(docs, 0);
	assert_string_equal(json_string_value(json_object_get(doc, "status")), "abandoned");
	assert_int_equal(json_array_size(json_object_get(doc, "answers")), 1);
	json_decref(docs);

	/* The next visitor starts empty. */
	fixture_advance(f, 6000);
	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	assert_true(fixture_sees(f, "Fråga 1 av 4"));
	assert_int_equal(f->app->survey.run.answer[0].n, 0);
	fixture_destroy(f);
}

static void the_survey_button_rests_after_an_answer(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	for (int i = 0; i < 4; i++) {
		fixture_advance(f, 3000);
		fixture_tap_text(f, "Vill inte svara");
	}
	fixture_tap_text(f, "Till startsidan");
	assert_string_equal(fixture_screen(f), "attract");
	fixture_tap_text(f, "Tyck till!");
	assert_string_equal(fixture_screen(f), "attract");
	fixture_advance(f, (uint64_t)f->cfg.cooldown_s * 1000);
	fixture_tap_text(f, "Tyck till!");
	assert_string_equal(fixture_screen(f), "survey");
	fixture_destroy(f);
}

static void new_content_waits_for_the_next_visitor(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	struct content *fresh = content_load_file(SOURCE_DIR "/config/content.json", NULL);
	assert_non_null(fresh);
	/* Staff renamed the first promise. */
	fresh->promises[0].title.text[0] = "Polis till fots vid Resecentrum alla kvällar";

	assert_true(app_at_safe_point(f->app));
	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	assert_false(app_at_safe_point(f->app));
	fixture_tap_text(f, label(f, "safety-evening", "very_safe", 0));
	fixture_tap_text(f, "Avbryt");
	assert_true(app_at_safe_point(f->app));
	app_set_content(f->app, fresh);
	fixture_step(f);
	assert_true(fixture_sees(f, "alla kvällar"));
	/* A promise on screen that disappears sends the visitor back to attract. */
	f->app->promise = 5;
	app_switch(f->app, &promise_screen);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "promise");
	struct content *shorter = content_load_file(SOURCE_DIR "/config/content.json", NULL);
	shorter->npromises = 3;
	app_set_content(f->app, shorter);
	fixture_step(f);
	assert_string_equal(fixture_screen(f), "attract");
	app_set_content(f->app, f->content);
	fixture_step(f);
	shorter->npromises = 6;
	content_destroy(shorter);
	content_destroy(fresh);
	fixture_destroy(f);
}

static void no_survey_is_offered_outside_its_days(void **state)
{
	(void)state;
	setenv("KIOSK_NOW", "2027-07-01T12:00:00Z", 1);
	struct fixture *f = fixture_create(1280, 800, "sv", 0, 0);
	assert_false(fixture_sees(f, "Tyck till!"));
	assert_true(fixture_sees(f, "Tryck för att läsa mer"));
	fixture_destroy(f);
	setenv("KIOSK_NOW", "2026-01-02T12:00:00Z", 1);
	f = fixture_create(1280, 800, "sv", 0, 0);
	assert_true(fixture_sees(f, "Tyck till!"));
	fixture_destroy(f);
	setenv("KIOSK_NOW", "2026-11-24T14:05:00Z", 1);
}

static void without_a_database_promises_still_show(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	f->app->store = NULL;
	app_switch(f->app, &attract_screen);
	fixture_step(f);
	assert_true(fixture_sees(f, "Enkäten är stängd just nu"));
	fixture_tap_text(f, "Enkäten är stängd just nu");
	assert_string_equal(fixture_screen(f), "attract");
	fixture_tap_text(f, "Tryck för att läsa mer");
	assert_string_equal(fixture_screen(f), "promise");
	fixture_destroy(f);
}

static void a_full_disk_never_gets_a_thank_you(void **state)
{
	(void)state;
	struct fixture *f = fixture_create(800, 480, "sv", 0, 0);
	fixture_tap_text(f, "Tyck till!");
	fixture_tap_text(f, "Börja");
	/* Other answers fill the database to its cap before the visitor finishes. */
	struct store_answer skipped = { "age", "{\"skipped\":true}" };
	struct store_response other = { "trygghet-2026", 1, "v", "sv", 1795000000, true, true, 30,
					&skipped,	 1, 0 };
	int before = 0;
	assert_int_equal(store_set_limit(f->store, 64 * 1024), STORE_OK);
	while (store_submit(f->store, &other, NULL) == STORE_OK)
		before++;
	assert_true(before > 10);
	for (int i = 0; i < 4; i++)
		fixture_tap_text(f, "Vill inte svara");
	assert_string_equal(fixture_screen(f), "survey");
	assert_false(fixture_sees(f, "Tack för dina svar!"));
	assert_true(fixture_sees(f, "Ditt svar kunde inte sparas"));
	/* Nothing stored before is lost. */
	assert_int_equal(store_counts_pending(f), before);
	fixture_advance(f, 16000);
	assert_string_equal(fixture_screen(f), "attract");
	assert_true(fixture_sees(f, "Enkäten är stängd just nu"));
	fixture_destroy(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_promise_change_language_go_back),
		cmocka_unit_test(arabic_mirrors_the_layout),
		cmocka_unit_test(idle_returns_to_attract_in_the_default_language),
		cmocka_unit_test(touch_postpones_idle),
		cmocka_unit_test(a_lost_release_does_not_stop_the_idle_reset),
		cmocka_unit_test(promises_rotate_and_swipe),
		cmocka_unit_test(arrows_move_between_promises),
		cmocka_unit_test(links_screen_and_back),
		cmocka_unit_test(results_screen_and_the_promise_it_led_to),
		cmocka_unit_test(a_promise_without_updates),
		cmocka_unit_test(keyboard_and_close_requests_do_not_close_the_kiosk),
		cmocka_unit_test(no_key_combination_or_gesture_leaves_the_kiosk),
		cmocka_unit_test(second_finger_and_emulated_mouse_are_ignored),
		cmocka_unit_test(long_press_and_right_click_open_nothing),
		cmocka_unit_test(rotation_turns_touch_with_the_picture),
		cmocka_unit_test(unchanged_frames_rasterise_no_glyphs),
		cmocka_unit_test(sleeps_when_nothing_moves),
		cmocka_unit_test(the_demo_survey_by_touch_in_swedish),
		cmocka_unit_test(the_demo_survey_by_touch_in_arabic_portrait),
		cmocka_unit_test(the_demo_survey_by_touch_in_english),
		cmocka_unit_test(the_demo_survey_by_touch_in_swedish_1280x800),
		cmocka_unit_test(the_demo_survey_by_keypad_alone),
		cmocka_unit_test(the_demo_survey_by_keypad_alone_in_arabic),
		cmocka_unit_test(the_demo_survey_by_explore_by_touch),
		cmocka_unit_test(the_demo_survey_by_explore_by_touch_in_english),
		cmocka_unit_test(keys_bring_a_scrolled_option_into_view),
		cmocka_unit_test(a_quick_response_is_kept_and_flagged),
		cmocka_unit_test(the_idle_warning_continues_or_resets),
		cmocka_unit_test(the_survey_button_rests_after_an_answer),
		cmocka_unit_test(new_content_waits_for_the_next_visitor),
		cmocka_unit_test(no_survey_is_offered_outside_its_days),
		cmocka_unit_test(without_a_database_promises_still_show),
		cmocka_unit_test(a_full_disk_never_gets_a_thank_you),
		cmocka_unit_test(the_demo_survey_in_large_text_on_a_small_screen),
		cmocka_unit_test(the_demo_survey_in_large_text_on_a_small_screen_in_arabic),
		cmocka_unit_test(keys_keep_the_focus_in_sight_on_a_page),
		cmocka_unit_test(a_rotated_page_scrolls_with_the_finger),
		cmocka_unit_test(wiping_the_idle_warning_away_leaves_the_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
