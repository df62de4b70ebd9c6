/* SPDX-License-Identifier: EUPL-1.2 */
/* The staff PIN pad, opened by the hidden corner gesture. Digits are shown as dots;
 * a wrong PIN says how many tries are left, and after APP_PIN_ATTEMPTS the pad is
 * locked for a while. The PIN is checked against the hash in kiosk.conf only. */
#include "screens.h"
#include "common/log.h"
#include "common/pin.h"
#include "kiosk/ui.h"

#include <string.h>

enum { ID_BACK = 1, ID_ERASE = 2, ID_OK = 3, ID_DIGIT = 10 };

static struct {
	struct ui_header header;
	SDL_Rect keys[12]; /* 1-9, erase, 0, OK */
	SDL_Rect dots, message;
	char entry[PIN_MAX_DIGITS + 1];
	char note[200];
	bool checking; /* OK was pressed: the check runs once "Checking" is on screen */
	int rows, cols;
} s;

static const char *const labels[12] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", NULL, "0", NULL
};

static bool usable(const struct app *app)
{
	return pin_hash_usable(app->cfg->pin_hash);
}

static bool locked(const struct app *app)
{
	return app->staff.locked_until && app->now < app->staff.locked_until;
}

/* What the line under the dots says now. */
static void update_note(struct app *app)
{
	if (!usable(app)) {
		snprintf(s.note, sizeof s.note, "%s", app_str(app, "pin_not_set"));
	} else if (locked(app)) {
		uint64_t left = app->staff.locked_until == UINT64_MAX
					? app_pin_lock_ms(app->staff.failures)
					: app->staff.locked_until - app->now;
		app_format(app, "pin_locked", (int)((left + 59999) / 60000), 0, s.note,
			   sizeof s.note);
	} else if (s.checking) {
		snprintf(s.note, sizeof s.note, "%s", app_str(app, "pin_checking"));
	} else if (app->staff.failures % APP_PIN_ATTEMPTS > 0) {
		app_format(app, "pin_wrong",
			   APP_PIN_ATTEMPTS - app->staff.failures % APP_PIN_ATTEMPTS, 0, s.note,
			   sizeof s.note);
	} else {
		s.note[0] = '\0';
	}
}

static const char *key_label(const struct app *app, int i)
{
	return i == 9 ? app_str(app, "pin_erase") : i == 11 ? app_str(app, "pin_ok") : labels[i];
}

static int key_id(int i)
{
	return i == 9 ? ID_ERASE : i == 11 ? ID_OK : ID_DIGIT + (labels[i][0] - '0');
}

/* The header, the note and the keys, row by row from the start side (the keys
 * themselves are never mirrored). Again whenever the note or the lock changes. */
static void items(struct app *app)
{
	bool off = !usable(app) || locked(app) || s.checking;

	update_note(app);
	app_items_clear(app);
	ui_header_layout(app, &s.header, app_str(app, "pin_title"), ID_BACK);
	if (s.note[0])
		app_item_add(app, s.message, APP_ROLE_TEXT, s.note, APP_NO_ACTION, 0);
	for (int row = 0; row < s.rows; row++)
		for (int k = 0; k < s.cols; k++) {
			int cell = row * s.cols + (app->rtl ? s.cols - 1 - k : k);
			/* In two rows 0 comes before erase: cells 9 and 10 swap. */
			int i = s.cols == 3 ? cell : cell == 9 ? 10 : cell == 10 ? 9 : cell;
			unsigned state = off	   ? APP_ITEM_DISABLED
					 : i == 11 ? APP_ITEM_PRIMARY
						   : APP_ITEM_PLAIN;
			app_item_add(app, s.keys[i], APP_ROLE_BUTTON, key_label(app, i), key_id(i),
				     state);
		}
}

static struct text_opts note_opts(const struct app *app, int width)
{
	struct text_opts o = ui_text(app, TEXT_BODY, THEME_TEXT, width);
	o.align = TEXT_ALIGN_CENTER;
	return o;
}

/* The room for the note: two lines, or what the longest note takes whole. */
static int note_height(struct app *app)
{
	static const char *const keys[] = { "pin_not_set", "pin_locked", "pin_checking",
					    "pin_wrong" };
	struct text_opts o = note_opts(app, app->w - 2 * app->theme.margin);
	int h = text_line_height(app->text, TEXT_BODY) * 2;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		int need = text_height(app->text, app_str(app, keys[i]), &o);
		h = need > h ? need : h;
	}
	return h;
}

static void enter(struct app *app)
{
	ui_staff_sizes(app, true);
	const struct theme *th = &app->theme;

	ui_header_layout(app, &s.header, app_str(app, "pin_title"), ID_BACK);
	int top = s.header.bar.h + th->gap;
	int line = text_line_height(app->text, TEXT_TITLE);
	int note_h = note_height(app);
	/* Keys in what is left, no bigger than a thumb needs: a phone's 3 x 4 where
	 * it fits, else two rows of six (1-6, then 7-9, 0, erase, OK) on small, wide
	 * screens. Digits are never mirrored. */
	int avail = app->h - top - line - note_h - 2 * th->gap - th->margin;
	bool phone = 4 * th->target + 3 * th->gap <= avail;
	int rows = phone ? 4 : 2, cols = phone ? 3 : 6;
	int key_h = (avail - (rows - 1) * th->gap) / rows;
	int widest = (app->w - 2 * th->margin - (cols - 1) * th->gap) / cols;
	/* Keys twice a target tall, or square where the screen is tall enough to
	 * hold more: a portrait screen is filled with its pad, not left empty. */
	int tallest = widest > th->target * 2 ? widest : th->target * 2;
	if (key_h > tallest)
		key_h = tallest;
	if (key_h < th->target)
		key_h = th->target;
	/* Wide enough for "Erase" on one line, where the screen allows. */
	int key_w = key_h * 8 / 5;
	for (int i = 9; i < 12; i += 2)
		if (key_w < ui_button_width(app, key_label(app, i)))
			key_w = ui_button_width(app, key_label(app, i));
	if (key_w > widest)
		key_w = widest;
	int pad_w = cols * key_w + (cols - 1) * th->gap, x0 = (app->w - pad_w) / 2;
	/* The dots, the note and the pad together, centred in the space below the bar. */
	int block = line + note_h + th->gap + rows * key_h + (rows - 1) * th->gap;
	if (app->h - th->margin - top > block)
		top += (app->h - th->margin - top - block) / 2;
	s.dots = (SDL_Rect){ x0, top, pad_w, line };
	s.message = (SDL_Rect){ th->margin, top + line, app->w - 2 * th->margin, note_h };
	int y0 = top + line + note_h + th->gap;
	s.rows = rows;
	s.cols = cols;
	for (int i = 0; i < 12; i++) {
		/* Key i is 1-9, erase, 0, OK; in two rows 0 comes before erase. */
		int cell = phone ? i : i == 9 ? 10 : i == 10 ? 9 : i;
		s.keys[i] = (SDL_Rect){ x0 + cell % cols * (key_w + th->gap),
					y0 + cell / cols * (key_h + th->gap), key_w, key_h };
	}
	items(app);
}

static void leave(struct app *app)
{
	ui_staff_sizes(app, false);
	explicit_bzero(s.entry, sizeof s.entry);
	s.checking = false;
}

static void event(struct app *app, const struct app_event *ev)
{
	if (ev->type != APP_EVENT_TAP)
		return;
	int id = ev->action;
	size_t n = strlen(s.entry);

	if (id == ID_BACK) {
		app_switch(app, &attract_screen);
		return;
	}
	if (!usable(app) || locked(app) || s.checking)
		return;
	if (id >= ID_DIGIT && id < ID_DIGIT + 10 && n < PIN_MAX_DIGITS) {
		s.entry[n] = (char)('0' + id - ID_DIGIT);
		s.entry[n + 1] = '\0';
	} else if (id == ID_ERASE && n > 0) {
		s.entry[n - 1] = '\0';
	} else if (id == ID_OK && n >= PIN_MIN_DIGITS) {
		s.checking = true;
		items(app);
	}
	app_invalidate(app);
}

static uint64_t tick(struct app *app)
{
	/* The slow hash runs after "Checking" was drawn, so the tap shows at once. */
	if (s.checking && !app->dirty) {
		bool right = pin_check(s.entry, app->cfg->pin_hash);
		explicit_bzero(s.entry, sizeof s.entry);
		s.checking = false;
		app_pin_result(app, right);
		if (right) {
			log_info("staff: the panel was opened with the PIN");
			app_switch(app, &staff_screen);
			return 0;
		}
		items(app);
		app_invalidate(app);
	}
	if (s.checking)
		return app->now;
	if (locked(app)) {
		char before[sizeof s.note];
		memcpy(before, s.note, sizeof before);
		update_note(app);
		if (strcmp(before, s.note)) {
			items(app);
			app_invalidate(app);
		}
		uint64_t left = app->staff.locked_until - app->now;
		return app->now + (left % 60000 ? left % 60000 : 60000);
	}
	if (app->staff.locked_until && app->now >= app->staff.locked_until) {
		/* The lock ran out: another set of tries; the count goes on, so the
		 * next lock lasts twice as long. */
		app->staff.locked_until = 0;
		items(app);
		app_invalidate(app);
	}
	return 0;
}

static void render(struct app *app)
{
	size_t n = strlen(s.entry);

	ui_header_draw(app, &s.header, app_str(app, "pin_title"));
	/* One dot per digit typed, in a row centred over the pad, and a hollow one
	 * where the next goes: a PIN has 4 to 8 digits, so no fixed row of places. */
	int d = s.dots.h / 2, step = d * 2;
	size_t shown = n < PIN_MAX_DIGITS ? n + 1 : n;
	int x = s.dots.x + (s.dots.w - (int)shown * step) / 2 + d / 2;
	for (size_t i = 0; i < shown; i++) {
		SDL_Rect dot = { x + (int)i * step, s.dots.y + (s.dots.h - d) / 2, d, d };
		ui_round_rect(app, dot, d / 2, i < n ? THEME_TEXT : THEME_BUTTON);
	}
	struct text_opts o = note_opts(app, s.message.w);
	if (s.note[0])
		text_draw(app->text, s.note, &o, s.message.x, s.message.y);
	ui_items_draw(app);
}

const struct screen pin_screen = {
	.name = "pin",
	.enter = enter,
	.leave = leave,
	.event = event,
	.render = render,
	.tick = tick,
	.idle_s = APP_STAFF_IDLE_S,
	.staff = true,
};
