/* SPDX-License-Identifier: EUPL-1.2 */
/* Survey: the intro (anonymous, what the answers are for), then one question per
 * screen with large option buttons, progress, back, "prefer not to answer" and
 * cancel. The answers are stored in one transaction before the thank-you screen
 * shows; a visitor who walks away leaves a part-answered survey marked abandoned. */
#include "screens.h"
#include "common/clock.h"
#include "common/log.h"
#include "common/response.h"
#include "kiosk/ui.h"

#include <stdio.h>
#include <string.h>

enum {
	ID_BACK = 1,
	ID_START,
	ID_SKIP,
	ID_NEXT,
	ID_CANCEL,
	ID_HOME,
	ID_CHOOSE = 100,
	ID_OPTION = 200
};

#define FAILED_RETURN_MS 15000
/* The most buttons in a grid: a question's options, or the surveys to choose from. */
#define GRID_MAX                                                                                   \
	(CONTENT_OPTIONS_MAX > CONTENT_SURVEYS_MAX ? CONTENT_OPTIONS_MAX : CONTENT_SURVEYS_MAX)

static struct {
	struct ui_header header;
	SDL_Rect body;
	SDL_Rect start, skip, next, cancel, home;
	SDL_Rect options[GRID_MAX]; /* each button whole, where the scroll puts it */
	int noptions, first_id;
	/* The window the buttons scroll in when they are more than it holds. */
	SDL_Rect view;
	int content_h, scroll;
	int question_y;	  /* where the question text starts */
	bool intro_small; /* the intro in body text: it has little room */
	char progress[128], hint[128];
	int active[CONTENT_SURVEYS_MAX];
	int nactive;
	uint64_t failed_at;
} s;

static const struct content_survey *survey(const struct app *app)
{
	return &app->content->surveys[app->survey.index];
}

static const struct content_question *question(const struct app *app)
{
	return &survey(app)->questions[app->survey.run.current];
}

static const char *title(const struct app *app)
{
	switch (app->survey.stage) {
	case SURVEY_CHOOSE:
		return app_str(app, "survey_choose");
	case SURVEY_FAILED:
		return app_str(app, "save_failed_title");
	default:
		return app_tr(app, &survey(app)->title);
	}
}

/* Row heights of n buttons in cols columns of width cw, filled row by row, each
 * label whole; returns the total height with gaps. */
static int rows_height(struct app *app, const char *const *labels, int n, int cols, int cw,
		       int *heights)
{
	int rows = (n + cols - 1) / cols, total = 0;

	for (int r = 0; r < rows; r++)
		heights[r] = 0;
	for (int i = 0; i < n; i++) {
		int h = ui_button_height_whole(app, labels[i], cw);
		if (h > heights[i / cols])
			heights[i / cols] = h;
	}
	for (int r = 0; r < rows; r++)
		total += heights[r] + app->theme.gap;
	return total;
}

static int column_width(const struct app *app, SDL_Rect area, int cols)
{
	return (area.w - (cols - 1) * app->theme.gap) / cols;
}

/* Whether every word of the n labels fits a line of a button in cols columns. */
static bool words_fit(struct app *app, SDL_Rect area, const char *const *labels, int n, int cols)
{
	for (int i = 0; i < n; i++)
		if (!ui_button_words_fit(app, labels[i], column_width(app, area, cols)))
			return false;
	return true;
}

/* Whether n buttons fit area's height in cols columns, no word cut in two. */
static bool fits(struct app *app, SDL_Rect area, const char *const *labels, int n, int cols)
{
	int heights[GRID_MAX];
	return rows_height(app, labels, n, cols, column_width(app, area, cols), heights) <=
		       area.h + app->theme.gap &&
	       words_fit(app, area, labels, n, cols);
}

/* The fewest columns, up to three, in which n buttons fit area: one in portrait,
 * where the screen is tall. When none fit, the grid scrolls, in the most columns
 * that cut no word in two. */
static int fewest_columns(struct app *app, SDL_Rect area, const char *const *labels, int n)
{
	int cols = 1;
	if (app->theme.portrait)
		return 1;
	while (cols <= 3 && !fits(app, area, labels, n, cols))
		cols++;
	if (cols <= 3)
		return cols;
	for (cols = 3; cols > 1 && !words_fit(app, area, labels, n, cols); cols--)
		;
	return cols;
}

static int max_scroll(void)
{
	int m = s.content_h - s.view.h;
	return m > 0 ? m : 0;
}

/* Buttons in cols columns inside area, read row by row from the start side, as
 * tall as their whole labels. When they are taller than area together, area is
 * a window they scroll in. Registers each with the part of it the window shows,
 * with actions first_id onwards and states[i]. */
static void grid(struct app *app, SDL_Rect area, const char *const *labels, int n, int cols,
		 int first_id, const unsigned *states)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };
	int heights[GRID_MAX];
	int cw = column_width(app, area, cols);
	int used = rows_height(app, labels, n, cols, cw, heights);
	int rows = (n + cols - 1) / cols;
	/* Buttons grow to share the room, up to twice the target size. */
	int extra = rows ? (area.h - used) / rows : 0;
	if (extra > th->target)
		extra = th->target;
	if (extra < 0)
		extra = 0;
	s.view = area;
	s.content_h = used - th->gap;
	if (s.scroll > max_scroll())
		s.scroll = max_scroll();
	int y = area.y - s.scroll;
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols && r * cols + c < n; c++) {
			int i = r * cols + c;
			SDL_Rect b = { area.x + c * (cw + th->gap), y, cw, heights[r] + extra };
			SDL_Rect shown = { b.x, b.y < area.y ? area.y : area.y + area.h, cw, 0 };
			s.options[i] = app_mirror(app, b, screen);
			SDL_IntersectRect(&b, &area, &shown);
			app_item_add(app, app_mirror(app, shown, screen), APP_ROLE_BUTTON,
				     labels[i], first_id + i, states[i]);
		}
		y += heights[r] + extra + th->gap;
	}
	s.noptions = n;
	s.first_id = first_id;
}

static struct text_opts intro_opts(const struct app *app, bool how)
{
	struct text_opts o = ui_text(app, how || s.intro_small ? TEXT_BODY : TEXT_HEADING,
				     how ? THEME_TEXT_MUTED : THEME_TEXT, s.body.w);
	o.align = TEXT_ALIGN_CENTER;
	return o;
}

/* The space after the intro's first text: less where it has little room. */
static int intro_gap(const struct app *app)
{
	return app->theme.gap * (s.intro_small ? 1 : 2);
}

/* The intro's two texts with the space after each. */
static int intro_height(struct app *app)
{
	struct text_opts a = intro_opts(app, false), b = intro_opts(app, true);
	return text_height(app->text, app_tr(app, &survey(app)->intro), &a) + intro_gap(app) +
	       text_height(app->text, app_str(app, "survey_how"), &b) +
	       app->theme.gap * (s.intro_small ? 1 : 3);
}

static void layout_choose(struct app *app)
{
	const char *labels[CONTENT_SURVEYS_MAX];
	unsigned states[CONTENT_SURVEYS_MAX] = { 0 };

	for (int i = 0; i < s.nactive; i++)
		labels[i] = app_tr(app, &app->content->surveys[s.active[i]].title);
	s.body.h = app->h - s.body.y - app->theme.margin;
	grid(app, s.body, labels, s.nactive, fewest_columns(app, s.body, labels, s.nactive),
	     ID_CHOOSE, states);
}

/* Intro, how it works and the start button, together in the middle. */
static void layout_intro(struct app *app)
{
	const struct theme *th = &app->theme;
	int w = ui_button_width(app, app_str(app, "survey_start")) + 2 * th->margin;
	int h = th->target * 3 / 2, room = app->h - th->margin - s.body.y - th->gap;
	/* Where they do not fit (large text on a small screen), the intro in body
	 * text, closer together, and the button a target tall. */
	s.intro_small = false;
	if (intro_height(app) + h > room) {
		s.intro_small = true;
		h = th->target;
	}
	int group = intro_height(app) + h;
	struct text_opts a = intro_opts(app, false), b = intro_opts(app, true);
	const char *intro = app_tr(app, &survey(app)->intro), *how = app_str(app, "survey_how");

	/* In the middle of what is seen first, where the page is taller. */
	s.question_y = s.body.y + (app->view_h - th->margin - s.body.y - group) / 2;
	if (s.question_y < s.body.y + th->gap)
		s.question_y = s.body.y + th->gap;
	int y = s.question_y, ih = text_height(app->text, intro, &a);
	app_item_add(app, (SDL_Rect){ s.body.x, y, s.body.w, ih }, APP_ROLE_TEXT, intro,
		     APP_NO_ACTION, 0);
	app_item_add(app,
		     (SDL_Rect){ s.body.x, y + ih + intro_gap(app), s.body.w,
				 text_height(app->text, how, &b) },
		     APP_ROLE_TEXT, how, APP_NO_ACTION, 0);
	s.start = (SDL_Rect){ (app->w - w) / 2, s.question_y + intro_height(app), w, h };
	app_item_add(app, s.start, APP_ROLE_BUTTON, app_str(app, "survey_start"), ID_START,
		     APP_ITEM_PRIMARY);
}

static unsigned option_state(const struct app *app, int o)
{
	const struct survey_run *run = &app->survey.run;
	bool chosen = survey_chosen(run, run->current, o);
	return chosen ? APP_ITEM_SELECTED : APP_ITEM_PLAIN;
}

static bool is_scale(const struct content_question *q)
{
	return !strcmp(q->type->name, "scale");
}

/* Where question q's options go: below the progress line, its text and the hint
 * of a question with several choices; above bottom. */
/* The height of a line of small text of width: a line, or in large text the
 * block's own where its script reaches lower or is taller (Arabic). */
static int small_line_height(struct app *app, const char *str, int width)
{
	struct text_opts o = ui_text(app, TEXT_SMALL, THEME_TEXT_MUTED, width);
	int line = text_line_height(app->text, TEXT_SMALL);

	if (!(app->theme.look & THEME_LOOK_LARGE))
		return line;
	int h = text_height(app->text, str, &o);
	return h > line ? h : line;
}

/* The height of the line "choose up to n" above the options of question q. */
static int hint_height(struct app *app, const struct content_question *q)
{
	char hint[sizeof s.hint];

	app_format(app, "choose_up_to", q->max, 0, hint, sizeof hint);
	return small_line_height(app, hint, s.body.w);
}

/* The height of the progress line, "question 2 of 4". */
static int progress_height(struct app *app)
{
	char buf[sizeof s.progress];
	int pos, total;

	survey_progress(&app->survey.run, &pos, &total);
	app_format(app, "progress", pos, total, buf, sizeof buf);
	return small_line_height(app, buf, s.body.w / 2);
}

static SDL_Rect options_area(struct app *app, const struct content_question *q, int bottom)
{
	const struct theme *th = &app->theme;
	int small = progress_height(app);
	struct text_opts qo = ui_text(app, TEXT_HEADING, THEME_TEXT, s.body.w);
	int y = s.body.y + small + th->gap + text_height(app->text, app_tr(app, &q->text), &qo) +
		th->gap;

	if (q->type->several)
		y += hint_height(app, q) + th->gap / 2;
	return (SDL_Rect){ s.body.x, y, s.body.w, bottom - y };
}

static void option_labels(const struct app *app, const struct content_question *q,
			  const char **labels)
{
	for (int o = 0; o < q->noptions; o++)
		labels[o] = app_option_label(app, q, o);
}

/* The columns of the survey's option grids: the most any of its questions but
 * the scales needs, so that the grid keeps its shape from one question to the
 * next. */
static int survey_columns(struct app *app, int bottom)
{
	const struct content_survey *sv = survey(app);
	const char *labels[CONTENT_OPTIONS_MAX];
	int cols = 1;

	for (int i = 0; i < sv->nquestions; i++) {
		const struct content_question *q = &sv->questions[i];
		if (is_scale(q))
			continue;
		option_labels(app, q, labels);
		int c = fewest_columns(app, options_area(app, q, bottom), labels, q->noptions);
		if (c > cols)
			cols = c;
	}
	return cols;
}

/* A scale reads in its order: one column, or one row from the start side when a
 * column does not fit and a row does; a column that scrolls when neither fits. Other questions take
 * the survey's columns where their texts fit them. */
static int question_columns(struct app *app, const struct content_question *q, SDL_Rect area,
			    const char *const *labels, int bottom)
{
	if (is_scale(q))
		return app->theme.portrait || fits(app, area, labels, q->noptions, 1) ||
				       !fits(app, area, labels, q->noptions, q->noptions)
			       ? 1
			       : q->noptions;
	int cols = survey_columns(app, bottom);
	if (!fits(app, area, labels, q->noptions, cols) &&
	    (fits(app, area, labels, q->noptions, fewest_columns(app, area, labels, q->noptions)) ||
	     !words_fit(app, area, labels, q->noptions, cols)))
		cols = fewest_columns(app, area, labels, q->noptions);
	return cols;
}

/* Progress and question text above the options; cancel, skip and next below. */
static void layout_question(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content_question *q = question(app);
	const char *labels[CONTENT_OPTIONS_MAX];
	unsigned states[CONTENT_OPTIONS_MAX];
	SDL_Rect *row[3] = { &s.cancel, &s.skip, &s.next };
	const char *row_labels[3] = { app_str(app, "cancel"), app_str(app, "skip"),
				      app_str(app, "next_question") };
	int bottom = ui_button_row(app, app->h - th->margin, row, row_labels,
				   q->type->several ? 3 : 2, 1) -
		     th->gap;
	int pos, total, small = progress_height(app);

	survey_progress(&app->survey.run, &pos, &total);
	app_format(app, "progress", pos, total, s.progress, sizeof s.progress);
	app_item_add(app,
		     (SDL_Rect){ s.body.x + (app->rtl ? s.body.w / 2 : 0), s.body.y, s.body.w / 2,
				 small },
		     APP_ROLE_TEXT, s.progress, APP_NO_ACTION, 0);
	struct text_opts qo = ui_text(app, TEXT_HEADING, THEME_TEXT, s.body.w);
	s.question_y = s.body.y + small + th->gap;
	int qh = text_height(app->text, app_tr(app, &q->text), &qo);
	app_item_add(app, (SDL_Rect){ s.body.x, s.question_y, s.body.w, qh }, APP_ROLE_HEADING,
		     app_tr(app, &q->text), APP_NO_ACTION, 0);
	if (q->type->several) {
		app_format(app, "choose_up_to", q->max, 0, s.hint, sizeof s.hint);
		app_item_add(app,
			     (SDL_Rect){ s.body.x, s.question_y + qh + th->gap, s.body.w,
					 hint_height(app, q) },
			     APP_ROLE_TEXT, s.hint, APP_NO_ACTION, 0);
	}
	option_labels(app, q, labels);
	for (int o = 0; o < q->noptions; o++)
		states[o] = option_state(app, o);
	SDL_Rect area = options_area(app, q, bottom);
	grid(app, area, labels, q->noptions, question_columns(app, q, area, labels, bottom),
	     ID_OPTION, states);
	app_item_add(app, s.cancel, APP_ROLE_BUTTON, app_str(app, "cancel"), ID_CANCEL, 0);
	if (q->type->several)
		app_item_add(app, s.next, APP_ROLE_BUTTON, row_labels[2], ID_NEXT,
			     APP_ITEM_PRIMARY);
	app_item_add(app, s.skip, APP_ROLE_BUTTON, row_labels[1], ID_SKIP, 0);
}

static void layout_failed(struct app *app)
{
	const struct theme *th = &app->theme;
	int w = ui_button_width(app, app_str(app, "to_start"));
	struct text_opts o = ui_text(app, TEXT_BODY, THEME_TEXT, s.body.w);
	const char *text = app_str(app, "save_failed_text");

	app_item_add(app,
		     (SDL_Rect){ s.body.x, s.body.y + th->gap * 3, s.body.w,
				 text_height(app->text, text, &o) },
		     APP_ROLE_TEXT, text, APP_NO_ACTION, 0);
	s.home =
		(SDL_Rect){ (app->w - w) / 2, app->h - th->margin - th->target * 2, w, th->target };
	app_item_add(app, s.home, APP_ROLE_BUTTON, app_str(app, "to_start"), ID_HOME,
		     APP_ITEM_PRIMARY);
}

static void layout(struct app *app)
{
	const struct theme *th = &app->theme;

	app_items_clear(app);
	ui_header_layout(app, &s.header, title(app), ID_BACK);
	s.body = (SDL_Rect){ th->margin, s.header.bar.h + th->gap, app->w - 2 * th->margin, 0 };
	s.noptions = 0;
	s.view = (SDL_Rect){ 0, 0, 0, 0 };
	s.content_h = 0;
	s.start = s.skip = s.next = s.cancel = s.home = (SDL_Rect){ 0, 0, 0, 0 };
	switch (app->survey.stage) {
	case SURVEY_CHOOSE:
		layout_choose(app);
		break;
	case SURVEY_INTRO:
		layout_intro(app);
		break;
	case SURVEY_QUESTION:
		layout_question(app);
		break;
	case SURVEY_FAILED:
		layout_failed(app);
		break;
	}
}

static void enter(struct app *app)
{
	s.scroll = 0;
	s.nactive = app_active_surveys(app, s.active);
	if (app->survey.fresh) {
		/* A new visitor: choose among the active surveys, or go to the one. */
		app->survey.fresh = false;
		if (s.nactive == 0 || !app_can_store(app)) {
			app_switch(app, &attract_screen);
			return;
		}
		app->survey.stage = s.nactive > 1 ? SURVEY_CHOOSE : SURVEY_INTRO;
		app->survey.index = s.active[0];
	}
	if (app->survey.index >= app->content->nsurveys ||
	    (app->survey.stage == SURVEY_QUESTION && app->survey.run.current < 0)) {
		app_switch(app, &attract_screen);
		return;
	}
	layout(app);
}

/* Stores the run; complete or abandoned. False (logged, surveys closed) on failure. */
static bool store_run(struct app *app, bool complete)
{
	const struct content_survey *sv = survey(app);
	struct store_answer answers[CONTENT_QUESTIONS_MAX];
	char fields[RESPONSE_MAX];
	int nanswers = survey_answers(&app->survey.run, answers, fields, sizeof fields);
	int duration = (int)((app->now - app->survey.run.started_ms) / 1000);
	struct store_response r = {
		.survey_id = sv->id,
		.survey_version = sv->version,
		.content_version = app->content->version,
		.language = app->lang,
		.submitted = clock_now(),
		.clock_synced = store_clock_synced(),
		.complete = complete,
		.duration_s = duration,
		.answers = answers,
		.nanswers = nanswers,
		.flags = complete && duration < sv->min_duration_s ? STORE_FLAG_FAST : 0,
	};
	if (!app_can_store(app) || nanswers < 0)
		return false;
	enum store_error err = store_submit(app->store, &r, NULL);
	if (err == STORE_ERR_INVALID)
		return false; /* this response only: the store has logged why */
	if (err != STORE_OK) {
		log_error("surveys are closed until the kiosk restarts: %s", store_strerror(err));
		app->store_failed = true;
		return false;
	}
	return true;
}

static void abandon(struct app *app)
{
	if (app->survey.stage == SURVEY_QUESTION && survey_touched(&app->survey.run) &&
	    app->cfg->store_abandoned)
		store_run(app, false);
	app->survey.stage = SURVEY_INTRO;
}

/* After an answer: the next question, or the end. */
static void moved_on(struct app *app)
{
	if (app->survey.run.current >= 0) {
		app_switch(app, &survey_screen); /* lay out the next question */
		return;
	}
	if (store_run(app, true)) {
		app->cooldown_until = app->now + (uint64_t)app->cfg->cooldown_s * 1000;
		app_switch(app, &thanks_screen);
	} else {
		/* Never a thank-you for an answer that was not stored. */
		app->survey.stage = SURVEY_FAILED;
		s.failed_at = app->now;
		app_switch(app, &survey_screen);
	}
}

static void tap(struct app *app, int id)
{
	struct survey_run *run = &app->survey.run;

	switch (app->survey.stage) {
	case SURVEY_CHOOSE:
		if (id == ID_BACK) {
			app_switch(app, &attract_screen);
		} else if (id >= ID_CHOOSE && id < ID_CHOOSE + s.nactive) {
			app->survey.index = s.active[id - ID_CHOOSE];
			app->survey.stage = SURVEY_INTRO;
			app_switch(app, &survey_screen);
		}
		break;
	case SURVEY_INTRO:
		if (id == ID_BACK) {
			if (s.nactive > 1) {
				app->survey.stage = SURVEY_CHOOSE;
				app_switch(app, &survey_screen);
			} else {
				app_switch(app, &attract_screen);
			}
		} else if (id == ID_START) {
			survey_start(run, survey(app), app->now);
			app->survey.stage = SURVEY_QUESTION;
			app_switch(app, &survey_screen);
		}
		break;
	case SURVEY_QUESTION:
		if (id == ID_BACK) {
			if (!survey_back(run))
				app->survey.stage = SURVEY_INTRO;
			app_switch(app, &survey_screen);
		} else if (id == ID_CANCEL) {
			abandon(app);
			app_switch(app, &attract_screen);
		} else if (id == ID_SKIP) {
			survey_skip(run);
			moved_on(app);
		} else if (id == ID_NEXT) {
			survey_next(run);
			moved_on(app);
		} else if (id >= ID_OPTION && id < ID_OPTION + s.noptions) {
			if (survey_tap(run, id - ID_OPTION)) {
				moved_on(app);
			} else {
				layout(app); /* the options chosen so far */
				app_invalidate(app);
			}
		}
		break;
	case SURVEY_FAILED:
		if (id == ID_HOME || id == ID_BACK)
			app_switch(app, &attract_screen);
		break;
	}
}

static void scroll_to(struct app *app, int y)
{
	if (ui_scroll_set(&s.scroll, y, max_scroll())) {
		layout(app);
		app_invalidate(app);
	}
}

static bool is_option(int action);

/* Scrolls the option with action id whole into the window. */
static void bring_into_view(struct app *app, int id)
{
	if (!is_option(id) || s.content_h <= s.view.h)
		return;
	SDL_Rect b = s.options[id - s.first_id];
	if (b.y < s.view.y)
		scroll_to(app, s.scroll - (s.view.y - b.y));
	else if (b.y + b.h > s.view.y + s.view.h)
		scroll_to(app, s.scroll + (b.y + b.h - s.view.y - s.view.h));
}

static void event(struct app *app, const struct app_event *ev)
{
	if (ev->type == APP_EVENT_FOCUS)
		bring_into_view(app, ev->action);
	else if (ev->type == APP_EVENT_TAP)
		tap(app, ev->action);
	else if (ev->type == APP_EVENT_DRAG)
		scroll_to(app, s.scroll - ev->dy);
	else if (ev->type == APP_EVENT_IDLE)
		abandon(app);
}

static bool is_option(int action)
{
	return action >= s.first_id && action < s.first_id + s.noptions;
}

/* The option buttons whole, inside their window; where there is more above or
 * below, the buttons fade out at that edge and a bar beside them says how much. */
static void render_options(struct app *app)
{
	int fade = app->theme.target / 2;

	SDL_RenderSetClipRect(app->renderer, &s.view);
	for (int i = 0; i < app->nitems; i++) {
		struct app_item whole = app->items[i];
		if (!is_option(whole.action))
			continue;
		whole.rect = s.options[whole.action - s.first_id];
		ui_item_draw(app, &whole);
	}
	if (s.scroll > 0)
		ui_fade(app, (SDL_Rect){ s.view.x, s.view.y, s.view.w, fade }, false, THEME_BG);
	if (s.scroll < max_scroll())
		ui_fade(app, (SDL_Rect){ s.view.x, s.view.y + s.view.h - fade, s.view.w, fade },
			true, THEME_BG);
	SDL_RenderSetClipRect(app->renderer, NULL);
	ui_scrollbar(app, s.view, s.content_h, s.scroll);
	for (int i = 0; i < app->nitems; i++)
		if (!is_option(app->items[i].action))
			ui_item_draw(app, &app->items[i]);
}

static void render_question(struct app *app)
{
	const struct theme *th = &app->theme;
	const struct content_question *q = question(app);
	int pos, total;

	survey_progress(&app->survey.run, &pos, &total);
	struct text_opts po = ui_text(app, TEXT_SMALL, THEME_TEXT_MUTED, s.body.w / 2);
	text_draw(app->text, s.progress, &po, s.body.x + (app->rtl ? s.body.w / 2 : 0), s.body.y);
	/* A bar of the questions so far, at the end side of the progress line. */
	int bw = s.body.w / 2 - th->gap, bh = th->gap / 2 + 2;
	SDL_Rect bar = { app->rtl ? s.body.x : s.body.x + s.body.w - bw,
			 s.body.y + (text_line_height(app->text, TEXT_SMALL) - bh) / 2, bw, bh };
	ui_round_rect(app, bar, bh / 2, THEME_BUTTON);
	SDL_Rect done = bar;
	done.w = total ? bar.w * pos / total : 0;
	if (app->rtl)
		done.x = bar.x + bar.w - done.w;
	ui_round_rect(app, done, bh / 2, THEME_ACCENT);

	struct text_opts qo = ui_text(app, TEXT_HEADING, THEME_TEXT, s.body.w);
	int y = s.question_y;
	y += text_draw(app->text, app_tr(app, &q->text), &qo, s.body.x, y).h + th->gap;
	if (q->type->several) {
		struct text_opts ho = ui_text(app, TEXT_SMALL, THEME_TEXT_MUTED, s.body.w);
		text_draw(app->text, s.hint, &ho, s.body.x, y);
	}
}

static void render(struct app *app)
{
	const struct theme *th = &app->theme;
	struct text_opts o = ui_text(app, TEXT_HEADING, THEME_TEXT, s.body.w);
	int y = s.body.y + th->gap;

	if (app->survey.stage != SURVEY_CHOOSE && app->survey.index >= app->content->nsurveys)
		return;
	ui_header_draw(app, &s.header, title(app));
	switch (app->survey.stage) {
	case SURVEY_CHOOSE:
		break;
	case SURVEY_INTRO:
		o = intro_opts(app, false);
		y = s.question_y;
		y += text_draw(app->text, app_tr(app, &survey(app)->intro), &o, s.body.x, y).h;
		o = intro_opts(app, true);
		text_draw(app->text, app_str(app, "survey_how"), &o, s.body.x, y + intro_gap(app));
		break;
	case SURVEY_QUESTION:
		render_question(app);
		break;
	case SURVEY_FAILED:
		o = ui_text(app, TEXT_BODY, THEME_TEXT, s.body.w);
		o.align = TEXT_ALIGN_CENTER;
		text_draw(app->text, app_str(app, "save_failed_text"), &o, s.body.x,
			  y + th->gap * 2);
		break;
	}
	render_options(app);
}

static uint64_t tick(struct app *app)
{
	if (app->survey.stage != SURVEY_FAILED)
		return 0;
	return app_home_at(app, s.failed_at + FAILED_RETURN_MS);
}

const struct screen survey_screen = {
	.name = "survey",
	.enter = enter,
	.event = event,
	.render = render,
	.tick = tick,
	.idle_warning = true,
};
