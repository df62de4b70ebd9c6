/* SPDX-License-Identifier: EUPL-1.2 */
/* The staff panel, behind the PIN: the kiosk's health in one table (what it is,
 * what it shows, how its answers are doing, disk, clock, display, problems) and
 * the few actions staff need: sync now, reload content, a touch test, close. */
#include "screens.h"
#include "common/clock.h"
#include "common/log.h"
#include "kiosk/speech.h"
#include "kiosk/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif

#define ROWS	   13
#define REFRESH_MS 5000
#define POINTS_MAX 512

enum { ID_BACK = 1, ID_SYNC, ID_RELOAD, ID_TOUCH, ID_CLOSE, ID_TOUCH_DONE };

static const char *const action_keys[] = { "staff_sync_now", "staff_reload", "staff_touch_test",
					   "staff_close" };

static struct {
	struct ui_header header;
	const char *labels[ROWS];
	char values[ROWS][400];
	int nrows;
	SDL_Rect table, actions[4], result;
	int label_w;
	bool compact;		 /* rows without space between them, where it takes that to fit */
	int row_extra;		 /* space added to each row where the table has room */
	int row_y[ROWS], nshown; /* the rows that fit in the table */
	char result_text[512];
	bool touch_test;
	SDL_Rect touch_done;
	struct {
		int x, y, finger;
	} points[POINTS_MAX];
	int npoints;
	uint64_t refreshed;
	bool reentering; /* switching between the table and the touch test */
} s;

/* "3 min", "5 h", "2 days" for a number of seconds. */
static void format_age(const struct app *app, long long seconds, char *buf, size_t size)
{
	if (seconds < 0)
		seconds = 0;
	if (seconds < 2 * 3600)
		app_format(app, "age_min", (int)(seconds / 60), 0, buf, size);
	else if (seconds < 3 * 86400)
		app_format(app, "age_h", (int)(seconds / 3600), 0, buf, size);
	else
		app_format(app, "age_d", (int)(seconds / 86400), 0, buf, size);
}

static void format_time(time_t t, char *buf, size_t size)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

/* "2026-11-24 14:05 (3 min ago)" for an epoch time kept as text in the status table. */
static bool status_when(const struct app *app, const char *key, time_t now, char *buf, size_t size)
{
	char value[32], when[32], age[48];

	if (!app->store || !store_get_status(app->store, key, value, sizeof value))
		return false;
	time_t t = (time_t)atoll(value);
	format_time(t, when, sizeof when);
	format_age(app, (long long)(now - t), age, sizeof age);
	const char *const names[] = { "time", "age" }, *const values[] = { when, age };
	app_format_vars(app, "staff_when", names, values, 2, buf, size);
	return true;
}

static void add_row(const struct app *app, const char *key, const char *value)
{
	if (s.nrows >= ROWS)
		return;
	s.labels[s.nrows] = app_str(app, key);
	snprintf(s.values[s.nrows], sizeof s.values[0], "%s", value);
	s.nrows++;
}

/* Adds text to buf after a space; nothing for an empty text. */
static void append(char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);
	if (!*text || len + 2 >= size)
		return;
	if (snprintf(buf + len, size - len, "%s%s", len ? " " : "", text) >= (int)(size - len))
		buf[size - 1] = '\0'; /* cut short: the table shows two lines anyway */
}

/* What the kiosk shows and how its syncing goes. */
static void gather_sync(struct app *app, time_t now)
{
	char v[400], a[64], since[32];

	if (app->store && store_get_status(app->store, "content_since", since, sizeof since)) {
		format_age(app, (long long)(now - (time_t)atoll(since)), a, sizeof a);
		const char *const names[] = { "version", "age" };
		const char *const values[] = { app->content->version, a };
		app_format_vars(app, "staff_since", names, values, 2, v, sizeof v);
		add_row(app, "staff_content", v);
	} else {
		add_row(app, "staff_content", app->content->version);
	}

	if (!status_when(app, "last_success", now, v, sizeof v))
		snprintf(v, sizeof v, "%s", app_str(app, "staff_never"));
	add_row(app, "staff_last_sync", v);

	char error[256];
	if (app->store && store_get_status(app->store, "last_error", error, sizeof error) &&
	    status_when(app, "last_error_at", now, a, sizeof a))
		snprintf(v, sizeof v, "%s: %s", a, error);
	else
		snprintf(v, sizeof v, "%s", app_str(app, "staff_none"));
	add_row(app, "staff_last_error", v);
}

/* The answers: waiting, refused, all. */
static void gather_answers(struct app *app, time_t now)
{
	char v[400], a[64], b[64];
	struct store_counts counts;

	if (app->store && store_counts(app->store, &counts) == STORE_OK) {
		snprintf(b, sizeof b, "%d", counts.pending);
		if (counts.pending > 0 && counts.oldest_pending) {
			format_age(app, (long long)(now - counts.oldest_pending), a, sizeof a);
			const char *const names[] = { "count", "age" }, *const values[] = { b, a };
			app_format_vars(app, "staff_oldest", names, values, 2, v, sizeof v);
			add_row(app, "staff_pending", v);
		} else {
			add_row(app, "staff_pending", b);
		}
		snprintf(v, sizeof v, "%d", counts.rejected);
		add_row(app, "staff_rejected", v);
		snprintf(v, sizeof v, "%d", counts.pending + counts.rejected + counts.uploaded);
		add_row(app, "staff_stored", v);
	} else {
		add_row(app, "staff_pending", "-");
		add_row(app, "staff_rejected", "-");
		add_row(app, "staff_stored", "-");
	}
}

/* How speech is, as a key of the string catalogs. */
static const char *speech_key(const struct app *app)
{
	static const char *const keys[] = {
		[SPEECH_READY] = "staff_speech_ready",
		[SPEECH_SPEAKING] = "staff_speech_speaking",
		[SPEECH_MISSING] = "staff_speech_missing",
		[SPEECH_CRASHED] = "staff_speech_crashed",
	};
	if (!app->cfg->speech)
		return "staff_speech_off";
	return keys[speech_status(app->speech)];
}

/* Disk, clock, display and speech. */
static void gather_device(struct app *app, time_t now)
{
	char v[400], c[64];
	struct statvfs fs;
	const struct config *cfg = app->cfg;

	if (statvfs(cfg->data_dir, &fs) == 0) {
		double bytes = (double)fs.f_bavail * (double)fs.f_frsize;
		if (bytes >= 1e9) {
			char n[32];
			app_format_decimal(app, bytes / 1e9, n, sizeof n);
			snprintf(v, sizeof v, "%s GB", n);
		} else {
			snprintf(v, sizeof v, "%.0f MB", bytes / 1e6);
		}
	} else {
		snprintf(v, sizeof v, "%s", strerror(errno));
	}
	add_row(app, "staff_disk", v);

	format_time(now, c, sizeof c);
	const char *const tnames[] = { "time" }, *const tvalues[] = { c };
	app_format_vars(app, store_clock_synced() ? "staff_clock_synced" : "staff_clock_unsynced",
			tnames, tvalues, 1, v, sizeof v);
	add_row(app, "staff_clock", v);

	snprintf(v, sizeof v, "%d×%d, %.0f dpi, %d°", app->w, app->h, app->theme.dpi,
		 app->rotation);
	add_row(app, "staff_display", v);
	add_row(app, "staff_speech", app_str(app, speech_key(app)));
}

/* What needs someone's attention, most serious first. */
static void gather_problems(struct app *app)
{
	const struct config *cfg = app->cfg;
	char v[400], a[64];

	v[0] = '\0';
	if (!app->store)
		append(v, sizeof v, app_str(app, "staff_no_db"));
	else if (app->store_failed)
		append(v, sizeof v, app_str(app, "staff_db_failed"));
	if (app->store && store_note(app->store))
		append(v, sizeof v, store_note(app->store));
	append(v, sizeof v, app_content_problem(app));
	enum speech_status speech = speech_status(app->speech);
	if (cfg->speech && (speech == SPEECH_MISSING || speech == SPEECH_CRASHED))
		append(v, sizeof v, app_str(app, "staff_speech_problem"));
	if (cfg->nproblems)
		append(v, sizeof v, cfg->problems[0]);
	if (cfg->nproblems > 1) {
		snprintf(a, sizeof a, "(+%d)", cfg->nproblems - 1);
		append(v, sizeof v, a);
	}
	add_row(app, "staff_problems", v[0] ? v : app_str(app, "staff_none"));
}

/* Everything the table shows, read afresh. */
static void gather(struct app *app)
{
	const struct config *cfg = app->cfg;
	time_t now = clock_now();

	s.nrows = 0;
	/* What is wrong first: on a small screen the last rows may not fit. */
	add_row(app, "staff_kiosk", cfg->id[0] ? cfg->id : "-");
	gather_problems(app);
	add_row(app, "staff_version", KIOSK_VERSION);
	gather_sync(app, now);
	gather_answers(app, now);
	gather_device(app, now);
	s.refreshed = app->now;
}

/* Whether text has characters of a right-to-left script; with letters, only its
 * letters count: digits and the Arabic decimal and thousands separators do not,
 * "84٫2 GB" is a technical value. */
static bool has_rtl_script(const char *text, bool letters)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p) {
		unsigned c = *p;
		int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (len == 2 && p[1])
			c = (c & 0x1F) << 6 | (p[1] & 0x3F);
		else if (len == 3 && p[1] && p[2])
			c = (c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		bool digit = (c >= 0x0660 && c <= 0x066C) || (c >= 0x06F0 && c <= 0x06F9);
		if (!(letters && digit) &&
		    ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
		     (c >= 0xFE70 && c <= 0xFEFF)))
			return true;
		for (int i = 0; i < len && *p; i++)
			p++;
	}
	return false;
}

/* The table's text: larger in portrait, where there is room (not in large
 * text, which is large enough). */
static enum text_style table_style(const struct app *app)
{
	return app->theme.portrait && !(app->theme.look & THEME_LOOK_LARGE) ? TEXT_BODY
									    : TEXT_SMALL;
}

static struct text_opts label_text(const struct app *app)
{
	struct text_opts o = ui_text(app, table_style(app), THEME_TEXT_MUTED, s.label_w);
	o.max_lines = 2;
	return o;
}

/* The labels' column: as wide as the widest label, half the table at most (a
 * longer label takes two lines). */
static int label_width(struct app *app, int table_w)
{
	struct text_opts o = ui_text(app, table_style(app), THEME_TEXT_MUTED, 0);
	int w = 0;

	for (int i = 0; i < s.nrows; i++) {
		const struct text_block *b = text_layout(app->text, s.labels[i], &o);
		if (b && b->w + app->theme.gap / 2 > w)
			w = b->w + app->theme.gap / 2;
	}
	return w < table_w / 2 ? w : table_w / 2;
}

/* Row i's value, two lines at most. A technical value (a version, a size, the
 * display's "1080×1920, 96 dpi, 0°") is one left-to-right block in every
 * language, so that its figures and units keep their order; in a right-to-left
 * table it stands against its label all the same. */
static struct text_opts value_text(const struct app *app, int i)
{
	struct text_opts o =
		ui_text(app, table_style(app), THEME_TEXT, s.table.w - s.label_w - app->theme.gap);
	o.max_lines = 2;
	if (app->rtl && !has_rtl_script(s.values[i], true)) {
		o.rtl = false;
		o.align = TEXT_ALIGN_END;
	}
	return o;
}

static void row_offsets(struct app *app, int i, int *label_dy, int *value_dy);

/* Height of row i in the table, the label and the value each lowered to the
 * other's baseline. */
static int row_height(struct app *app, int i)
{
	struct text_opts lo = label_text(app);
	struct text_opts vo = value_text(app, i);
	int ldy, vdy;
	row_offsets(app, i, &ldy, &vdy);
	int lh = ldy + text_height(app->text, s.labels[i], &lo);
	int vh = vdy + text_height(app->text, s.values[i], &vo);
	return (lh > vh ? lh : vh) + (s.compact ? 0 : app->theme.gap / 2);
}

/* Whether every row fits the table with space between the rows. */
static bool rows_fit(struct app *app)
{
	int used = 0;
	for (int i = 0; i < s.nrows; i++)
		used += row_height(app, i);
	return used <= s.table.h;
}

/* How far below a one-line text's top its baseline lies, give or take the same
 * amount for every text: a text's lines stand at the ascent of the tallest of
 * its fonts, so a letter with nothing below the line (alef, or a zero), laid out
 * alone in the fonts of the text, is as tall as that ascent and the same room
 * below it. */
static int baseline(struct app *app, const char *text)
{
	struct text_opts o = label_text(app);
	return text_height(app->text, has_rtl_script(text, false) ? "\u0627" : "0", &o);
}

/* Where row i's label and value start below the row's top: their first lines on
 * one baseline, also when one is in Arabic letters and the other in Latin ones,
 * whose fonts stand their lines at different heights. */
static void row_offsets(struct app *app, int i, int *label_dy, int *value_dy)
{
	int lb = baseline(app, s.labels[i]), vb = baseline(app, s.values[i]);
	*label_dy = lb < vb ? vb - lb : 0;
	*value_dy = vb < lb ? lb - vb : 0;
}

static struct text_opts hint_text(const struct app *app)
{
	struct text_opts o =
		ui_text(app, TEXT_BODY, THEME_TEXT_MUTED, app->w - 2 * app->theme.margin);
	o.align = TEXT_ALIGN_CENTER;
	return o;
}

static void touch_test_items(struct app *app)
{
	const struct theme *th = &app->theme;
	int bw = ui_button_width(app, app_str(app, "staff_close"));
	const char *hint = app_str(app, "staff_touch_hint");
	struct text_opts o = hint_text(app);

	s.touch_done =
		app_mirror(app, (SDL_Rect){ app->w - th->margin - bw, th->margin, bw, th->target },
			   (SDL_Rect){ 0, 0, app->w, app->h });
	app_item_add(app, s.touch_done, APP_ROLE_BUTTON, app_str(app, "staff_close"), ID_TOUCH_DONE,
		     APP_ITEM_PRIMARY);
	app_item_add(
		app,
		(SDL_Rect){ th->margin, app->h / 2, o.width, text_height(app->text, hint, &o) },
		APP_ROLE_TEXT, hint, APP_NO_ACTION, 0);
}

/* The header, the rows that fit (label, then value), the actions and their result. */
static void items(struct app *app)
{
	const struct theme *th = &app->theme;
	int value_w = s.table.w - s.label_w - th->gap;
	struct text_opts lo = label_text(app);

	app_items_clear(app);
	if (s.touch_test) {
		touch_test_items(app);
		return;
	}
	ui_header_layout(app, &s.header, app_str(app, "staff_title"), ID_BACK);
	int y = s.table.y;
	for (s.nshown = 0;
	     s.nshown < s.nrows && y + row_height(app, s.nshown) <= s.table.y + s.table.h;
	     s.nshown++) {
		int i = s.nshown, ldy, vdy;
		struct text_opts vo = value_text(app, i);
		row_offsets(app, i, &ldy, &vdy);
		ldy += s.row_extra / 2;
		vdy += s.row_extra / 2;
		SDL_Rect label = { s.table.x, y + ldy, s.label_w,
				   text_height(app->text, s.labels[i], &lo) };
		SDL_Rect value = { s.table.x + s.label_w + th->gap, y + vdy, value_w,
				   text_height(app->text, s.values[i], &vo) };
		app_item_add(app, app_mirror(app, label, s.table), APP_ROLE_TEXT, s.labels[i],
			     APP_NO_ACTION, 0);
		app_item_add(app, app_mirror(app, value, s.table), APP_ROLE_TEXT, s.values[i],
			     APP_NO_ACTION, 0);
		s.row_y[i] = y;
		y += row_height(app, i) + s.row_extra;
	}
	/* The result reads where it stands: above the actions on a small, wide screen. */
	bool result_first = s.result.y < s.actions[0].y;
	if (s.result_text[0] && result_first)
		app_item_add(app, s.result, APP_ROLE_TEXT, s.result_text, APP_NO_ACTION, 0);
	for (int i = 0; i < 4; i++)
		app_item_add(app, s.actions[i], APP_ROLE_BUTTON, app_str(app, action_keys[i]),
			     ID_SYNC + i, i == 3 ? APP_ITEM_PRIMARY : APP_ITEM_PLAIN);
	if (s.result_text[0] && !result_first)
		app_item_add(app, s.result, APP_ROLE_TEXT, s.result_text, APP_NO_ACTION, 0);
}

/* Places the table, the actions and the line for their result, then registers
 * the items. Landscape: actions in a column at the end side; portrait: under the
 * table. */
static void layout(struct app *app)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };

	if (s.touch_test) {
		items(app);
		return;
	}
	SDL_Rect body = { th->margin, s.header.bar.h + th->gap, app->w - 2 * th->margin,
			  app->h - s.header.bar.h - th->gap - th->margin };
	int result_h = text_line_height(app->text, TEXT_SMALL) * 4;
	SDL_Rect table, result, actions[4];
	s.row_extra = 0;
	if (th->portrait) {
		/* The actions at the bottom, within reach, their result above them, and
		 * the rows spread over the rest. */
		int bw = (body.w - th->gap) / 2, bh = th->target;
		for (int i = 0; i < 4; i++) {
			int need = ui_button_height_whole(app, app_str(app, action_keys[i]), bw);
			bh = need > bh ? need : bh;
		}
		int ah = 2 * bh + th->gap, y = body.y + body.h - ah;
		for (int i = 0; i < 4; i++)
			actions[i] = (SDL_Rect){ body.x + (i % 2) * (bw + th->gap),
						 y + (i / 2) * (bh + th->gap), bw, bh };
		result = (SDL_Rect){ body.x, y - th->gap - result_h, body.w, result_h };
		table = (SDL_Rect){ body.x, body.y, body.w, result.y - th->gap - body.y };
		s.table = table;
		s.label_w = label_width(app, table.w);
		s.compact = false;
		int used = 0;
		for (int i = 0; i < s.nrows; i++)
			used += row_height(app, i);
		if (s.nrows && used < table.h)
			s.row_extra = (table.h - used) / s.nrows;
		if (s.row_extra > th->target / 2)
			s.row_extra = th->target / 2;
	} else if (4 * (th->target + th->gap) > body.h) {
		/* A small, wide screen: the actions in one row along the bottom. */
		int result2 = text_line_height(app->text, TEXT_SMALL) * 2;
		int y = body.y + body.h - th->target, bw = (body.w - 3 * th->gap) / 4;
		table = (SDL_Rect){ body.x, body.y, body.w, y - result2 - 2 * th->gap - body.y };
		for (int i = 0; i < 4; i++)
			actions[i] = (SDL_Rect){ body.x + i * (bw + th->gap), y, bw, th->target };
		result = (SDL_Rect){ body.x, y - result2 - th->gap, body.w, result2 };
	} else {
		int aw = body.w * 3 / 10, y = body.y;
		table = (SDL_Rect){ body.x, body.y, body.w - aw - 2 * th->gap, body.h };
		for (int i = 0; i < 4; i++) {
			int bh = ui_button_height_whole(app, app_str(app, action_keys[i]), aw);
			actions[i] = (SDL_Rect){ body.x + body.w - aw, y, aw, bh };
			y += bh + th->gap;
		}
		result = (SDL_Rect){ body.x + body.w - aw, y, aw, body.y + body.h - y };
	}
	s.table = app_mirror(app, table, screen);
	s.label_w = label_width(app, s.table.w);
	s.compact = false;
	s.compact = !rows_fit(app);
	s.result = app_mirror(app, result, screen);
	for (int i = 0; i < 4; i++)
		s.actions[i] = app_mirror(app, actions[i], screen);
	items(app);
}

static void enter(struct app *app)
{
	ui_staff_sizes(app, true);
	ui_header_layout(app, &s.header, app_str(app, "staff_title"), ID_BACK);
	if (!s.touch_test)
		gather(app);
	layout(app);
}

static void leave(struct app *app)
{
	ui_staff_sizes(app, false);
	s.npoints = 0;
	/* Leaving the panel for good: next time it opens on the table, afresh. */
	if (!s.reentering) {
		s.touch_test = false;
		s.result_text[0] = '\0';
	}
	s.reentering = false;
}

/* Leaves a file in the data directory that kiosk-sync looks for between rounds. */
static void ask_for_sync(struct app *app)
{
	char path[CONFIG_PATH_MAX + 16];

	snprintf(path, sizeof path, "%s/sync-now", app->cfg->data_dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0660);
	if (fd < 0) {
		log_warn("staff: cannot ask for a sync through %s: %s", path, strerror(errno));
		snprintf(s.result_text, sizeof s.result_text, "%s",
			 app_str(app, "staff_sync_failed"));
		return;
	}
	close(fd);
	log_info("staff: a sync was asked for");
	snprintf(s.result_text, sizeof s.result_text, "%s", app_str(app, "staff_sync_asked"));
}

static void event(struct app *app, const struct app_event *ev)
{
	if (ev->type == APP_EVENT_TOUCH && s.touch_test) {
		s.points[s.npoints % POINTS_MAX].x = ev->x;
		s.points[s.npoints % POINTS_MAX].y = ev->y;
		s.points[s.npoints % POINTS_MAX].finger = ev->finger;
		s.npoints++;
		app_invalidate(app);
		return;
	}
	if (ev->type == APP_EVENT_NOTICE) {
		/* How the reload went, and the panel's figures after it. */
		snprintf(s.result_text, sizeof s.result_text, "%s", ev->text);
		gather(app);
		layout(app);
		app_invalidate(app);
		return;
	}
	if (ev->type != APP_EVENT_TAP)
		return;
	switch (ev->action) {
	case ID_BACK:
	case ID_CLOSE:
		app_switch(app, &attract_screen);
		break;
	case ID_SYNC:
		ask_for_sync(app);
		items(app);
		app_invalidate(app);
		break;
	case ID_RELOAD:
		/* The content is swapped between frames; a notice says how it went. */
		app_ask_reload(app);
		s.result_text[0] = '\0';
		items(app);
		break;
	case ID_TOUCH:
		s.touch_test = true;
		s.reentering = true;
		app_switch(app, &staff_screen);
		break;
	case ID_TOUCH_DONE:
		s.touch_test = false;
		s.reentering = true;
		app_switch(app, &staff_screen);
		break;
	default:
		break;
	}
}

static uint64_t tick(struct app *app)
{
	if (s.touch_test)
		return 0;
	if (app->now >= s.refreshed + REFRESH_MS) {
		char before[ROWS][400];
		memcpy(before, s.values, sizeof before);
		gather(app);
		if (memcmp(before, s.values, sizeof before)) {
			layout(app);
			app_invalidate(app);
		}
	}
	return s.refreshed + REFRESH_MS;
}

static void render_touch_test(struct app *app)
{
	static const enum theme_color colors[] = { THEME_ACCENT, THEME_ON_DONE, THEME_ON_PLANNED,
						   THEME_DISABLED };
	const struct theme *th = &app->theme;
	int n = s.npoints < POINTS_MAX ? s.npoints : POINTS_MAX, d = th->target / 3;

	for (int i = 0; i < n; i++) {
		SDL_Rect r = { s.points[i].x - d / 2, s.points[i].y - d / 2, d, d };
		ui_fill(app, r, colors[s.points[i].finger % 4]);
	}
	if (s.npoints > 0) {
		/* Cross hairs through the latest point, to check the corners line up. */
		int last = (s.npoints - 1) % POINTS_MAX;
		ui_fill(app, (SDL_Rect){ 0, s.points[last].y, app->w, 1 }, THEME_LINE);
		ui_fill(app, (SDL_Rect){ s.points[last].x, 0, 1, app->h }, THEME_LINE);
	}
	struct text_opts o = hint_text(app);
	text_draw(app->text, app_str(app, "staff_touch_hint"), &o, th->margin, app->h / 2);
	ui_items_draw(app);
}

static void render(struct app *app)
{
	const struct theme *th = &app->theme;

	if (s.touch_test) {
		render_touch_test(app);
		return;
	}
	ui_header_draw(app, &s.header, app_str(app, "staff_title"));
	int value_w = s.table.w - s.label_w - th->gap;
	for (int i = 0; i < s.nshown; i++) {
		struct text_opts lo = label_text(app);
		struct text_opts vo = value_text(app, i);
		int y = s.row_y[i] + s.row_extra / 2, ldy, vdy;
		row_offsets(app, i, &ldy, &vdy);
		if (s.row_extra >= th->gap && i > 0)
			ui_fill(app,
				(SDL_Rect){ s.table.x, s.row_y[i] - th->gap / 4, s.table.w, 1 },
				THEME_LINE);
		SDL_Rect label = app_mirror(app, (SDL_Rect){ s.table.x, y, s.label_w, 1 }, s.table);
		SDL_Rect value = app_mirror(
			app, (SDL_Rect){ s.table.x + s.label_w + th->gap, y, value_w, 1 }, s.table);
		text_draw(app->text, s.labels[i], &lo, label.x, y + ldy);
		text_draw(app->text, s.values[i], &vo, value.x, y + vdy);
	}
	ui_items_draw(app);
	if (s.result_text[0]) {
		struct text_opts o = ui_text(app, TEXT_SMALL, THEME_TEXT, s.result.w);
		o.max_lines = 4;
		text_draw(app->text, s.result_text, &o, s.result.x, s.result.y);
	}
}

const struct screen staff_screen = {
	.name = "staff",
	.enter = enter,
	.leave = leave,
	.event = event,
	.render = render,
	.tick = tick,
	.idle_s = APP_STAFF_IDLE_S,
	.staff = true,
	.all_fingers = true,
};
