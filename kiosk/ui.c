/* SPDX-License-Identifier: EUPL-1.2 */
/* Drawing helpers. Rounded corners are drawn as rows of rectangles, which the
 * software renderer and GLES2 both do quickly and identically. */
#include "ui.h"
#include "app.h"
#include "qr.h"

#include <limits.h>
#include <math.h>
#include <string.h>

static void set_color(struct app *app, enum theme_color color)
{
	SDL_Color c = app->theme.colors[color];
	SDL_SetRenderDrawColor(app->renderer, c.r, c.g, c.b, c.a);
}

void ui_fill(struct app *app, SDL_Rect r, enum theme_color color)
{
	set_color(app, color);
	SDL_RenderFillRect(app->renderer, &r);
}

void ui_round_rect(struct app *app, SDL_Rect r, int radius, enum theme_color color)
{
	if (radius * 2 > r.h)
		radius = r.h / 2;
	if (radius * 2 > r.w)
		radius = r.w / 2;
	set_color(app, color);
	SDL_Rect mid = { r.x, r.y + radius, r.w, r.h - 2 * radius };
	SDL_RenderFillRect(app->renderer, &mid);
	for (int i = 0; i < radius; i++) {
		double dy = radius - i - 0.5;
		int inset = radius - (int)lround(sqrt((double)radius * radius - dy * dy));
		SDL_Rect top = { r.x + inset, r.y + i, r.w - 2 * inset, 1 };
		SDL_Rect bottom = { r.x + inset, r.y + r.h - 1 - i, r.w - 2 * inset, 1 };
		SDL_RenderFillRect(app->renderer, &top);
		SDL_RenderFillRect(app->renderer, &bottom);
	}
}

void ui_texture_free(SDL_Texture **texture)
{
	if (*texture)
		SDL_DestroyTexture(*texture);
	*texture = NULL;
}

void ui_qr_make(struct app *app, SDL_Texture **qr, const char *url, int max_px, int *size)
{
	char tagged[CONTENT_URL_MAX + 128];

	ui_texture_free(qr);
	qr_url_with_source(url, app->cfg->qr_source, tagged, sizeof tagged);
	*qr = qr_create_texture(app->renderer, tagged, max_px, size);
}

struct text_opts ui_text(const struct app *app, enum text_style style, enum theme_color color,
			 int width)
{
	struct text_opts o = {
		.style = style,
		.color = app->theme.colors[color],
		.width = width,
		.align = TEXT_ALIGN_START,
		.rtl = app->rtl,
	};
	return o;
}

int ui_button_width(struct app *app, const char *label)
{
	struct text_opts o = ui_text(app, TEXT_BOLD, THEME_ON_BUTTON, 0);
	const struct text_block *b = text_layout(app->text, label, &o);
	int w = (b ? b->w : 0) + 2 * app->theme.margin;
	return w < app->theme.target ? app->theme.target : w;
}

void ui_staff_sizes(struct app *app, bool plain)
{
	struct theme *th = &app->theme;
	unsigned look = plain ? app->access.look & ~THEME_LOOK_LARGE : app->access.look;

	if (!(app->access.look & THEME_LOOK_LARGE) || look == th->look)
		return;
	app_theme(app, look);
}

static struct text_opts button_label(const struct app *app, int button_w, enum theme_color fg)
{
	struct text_opts o = ui_text(app, TEXT_BOLD, fg, button_w - app->theme.gap * 2);
	o.align = TEXT_ALIGN_CENTER;
	o.max_lines = 2;
	return o;
}

static int button_height(struct app *app, const char *label, int width, int max_lines)
{
	struct text_opts o = button_label(app, width, THEME_ON_BUTTON);
	o.max_lines = max_lines;
	const struct text_block *b = text_layout(app->text, label, &o);
	/* As tall as ui_item_draw needs to give the label all its lines: the lines'
	 * steps and the last line's room, which may be more than the block's ink. */
	int text_h = b ? b->h : 0;
	if (b && b->lines > 0 && (b->lines - 1) * b->step + b->last > text_h)
		text_h = (b->lines - 1) * b->step + b->last;
	int h = text_h + app->theme.gap;
	return h < app->theme.target ? app->theme.target : h;
}

int ui_button_height(struct app *app, const char *label, int width)
{
	return button_height(app, label, width, 2);
}

int ui_button_height_whole(struct app *app, const char *label, int width)
{
	return button_height(app, label, width, 0);
}

void ui_button_face(struct app *app, SDL_Rect r, int radius, enum theme_color color)
{
	int line = app->theme.gap / 4 > 2 ? app->theme.gap / 4 : 2;

	if (!(app->theme.look & THEME_LOOK_CONTRAST)) {
		ui_round_rect(app, r, radius, color);
		return;
	}
	ui_round_rect(app, r, radius, THEME_LINE);
	ui_round_rect(app, (SDL_Rect){ r.x + line, r.y + line, r.w - 2 * line, r.h - 2 * line },
		      radius - line, color);
}

/* The symbol of access for all, a figure with open arms in a ring, filling the
 * square r. */
static void access_icon(struct app *app, SDL_Rect r, enum theme_color fg, enum theme_color bg)
{
	int d = r.w, line = d / 12 > 1 ? d / 12 : 1;
	int u = d / 8; /* the figure's unit */
	int cx = r.x + d / 2;

	ui_round_rect(app, r, d / 2, fg);
	ui_round_rect(app, (SDL_Rect){ r.x + line, r.y + line, d - 2 * line, d - 2 * line },
		      d / 2 - line, bg);
	ui_round_rect(app, (SDL_Rect){ cx - u / 2 - 1, r.y + u + 1, u + 2, u + 2 }, u, fg);
	ui_fill(app, (SDL_Rect){ cx - 5 * u / 2, r.y + 3 * u - u / 4, 5 * u, u * 3 / 4 }, fg);
	ui_fill(app, (SDL_Rect){ cx - u / 2, r.y + 3 * u, u, 2 * u }, fg);
	ui_fill(app, (SDL_Rect){ cx - u * 3 / 2, r.y + 5 * u - u / 2, u, 2 * u }, fg);
	ui_fill(app, (SDL_Rect){ cx + u / 2, r.y + 5 * u - u / 2, u, 2 * u }, fg);
}

/* The side of the icon of a button of height h. */
static int icon_side(const struct app *app, int h)
{
	int side = app->theme.fonts[TEXT_BOLD] * 5 / 4;
	return side < h - app->theme.gap ? side : h - app->theme.gap;
}

int ui_icon_button_width(struct app *app, const char *label)
{
	return ui_button_width(app, label) + icon_side(app, app->theme.target) + app->theme.gap;
}

/* A button's colours for its state: the face and the label's. */
static void button_colors(const struct app *app, const struct app_item *item, enum theme_color *bg,
			  enum theme_color *fg)
{
	*bg = THEME_BUTTON;
	*fg = THEME_ON_BUTTON;
	if (item->state & APP_ITEM_DISABLED) {
		*bg = THEME_DISABLED;
		*fg = THEME_ON_DISABLED;
	} else if (item->state & (APP_ITEM_PRIMARY | APP_ITEM_SELECTED)) {
		*bg = THEME_ACCENT;
		*fg = THEME_ON_ACCENT;
	} else if (item->state & APP_ITEM_CTA) {
		*bg = THEME_CTA;
		*fg = THEME_ON_CTA;
	}
	if (app->pressed == item->action && item->action != APP_NO_ACTION &&
	    !(item->state & APP_ITEM_DISABLED)) {
		*bg = THEME_PRESSED;
		*fg = THEME_ON_BUTTON;
	}
}

void ui_icon_button_draw(struct app *app, const struct app_item *item)
{
	const struct theme *th = &app->theme;
	enum theme_color bg, fg;
	SDL_Rect r = item->rect;
	int side = icon_side(app, r.h);

	button_colors(app, item, &bg, &fg);
	ui_button_face(app, r, th->radius, bg);
	struct text_opts o = button_label(app, r.w - side - th->gap, fg);
	o.max_lines = 1;
	const struct text_block *b = text_layout(app->text, item->label, &o);
	int w = side + th->gap + (b ? b->w : 0), h = b ? b->h : 0;
	int x = r.x + (r.w - w) / 2;
	SDL_Rect icon = { app->rtl ? x + w - side : x, r.y + (r.h - side) / 2, side, side };
	access_icon(app, icon, fg, bg);
	text_draw_block(app->text, b, app->rtl ? x : x + side + th->gap, r.y + (r.h - h) / 2);
}

void ui_item_draw(struct app *app, const struct app_item *item)
{
	enum theme_color bg, fg;
	SDL_Rect r = item->rect;

	if (item->role != APP_ROLE_BUTTON)
		return;
	button_colors(app, item, &bg, &fg);
	ui_button_face(app, r, app->theme.radius, bg);
	struct text_opts o = button_label(app, r.w, fg);
	int lines = text_fit_lines(app->text, item->label, &o, r.h - app->theme.gap);
	if (lines > o.max_lines)
		o.max_lines = lines;
	int h = text_height(app->text, item->label, &o);
	text_draw(app->text, item->label, &o, r.x + app->theme.gap, r.y + (r.h - h) / 2);
}

bool ui_words_fit(struct app *app, const char *str, struct text_opts o)
{
	char word[256];

	o.max_lines = 0;
	while (*str) {
		size_t n = strcspn(str, " \n");
		if (n > 0 && n < sizeof word) {
			memcpy(word, str, n);
			word[n] = '\0';
			/* A word that takes two lines alone is cut in two. */
			if (text_fit_lines(app->text, word, &o, INT_MAX / 2) > 1)
				return false;
		}
		str += n + (str[n] != '\0');
	}
	return true;
}

bool ui_button_words_fit(struct app *app, const char *label, int width)
{
	return ui_words_fit(app, label, button_label(app, width, THEME_ON_BUTTON));
}

int ui_button_row(struct app *app, int bottom, SDL_Rect *const *btns, const char *const *labels,
		  int n, int nstart)
{
	const struct theme *th = &app->theme;
	SDL_Rect screen = { 0, 0, app->w, app->h };
	int w[UI_ROW_MAX], avail = app->w - 2 * th->margin, total = (n - 1) * th->gap;
	int h = th->target;

	for (int i = 0; i < n; i++) {
		w[i] = ui_button_width(app, labels[i]);
		total += w[i];
	}
	for (int i = 0; i < n && total > avail; i++) {
		w[i] = (avail - (n - 1) * th->gap) / n;
		int need = ui_button_height_whole(app, labels[i], w[i]);
		h = need > h ? need : h;
	}
	int y = bottom - h, x = th->margin;
	for (int i = 0; i < nstart; i++) {
		*btns[i] = app_mirror(app, (SDL_Rect){ x, y, w[i], h }, screen);
		x += w[i] + th->gap;
	}
	x = app->w - th->margin;
	for (int i = nstart; i < n; i++) {
		x -= w[i];
		*btns[i] = app_mirror(app, (SDL_Rect){ x, y, w[i], h }, screen);
		x -= th->gap;
	}
	return y;
}

void ui_fade(struct app *app, SDL_Rect r, bool down, enum theme_color color)
{
	SDL_Color c = app->theme.colors[color];

	SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
	for (int i = 0; i < r.h; i++) {
		int step = down ? i : r.h - 1 - i;
		SDL_SetRenderDrawColor(app->renderer, c.r, c.g, c.b,
				       (Uint8)(255 * (step + 1) / (r.h + 1)));
		SDL_RenderFillRect(app->renderer, &(SDL_Rect){ r.x, r.y + i, r.w, 1 });
	}
	SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_NONE);
}

void ui_scrollbar(struct app *app, SDL_Rect view, int content_h, int scroll)
{
	const struct theme *th = &app->theme;
	int max = content_h - view.h;

	if (max <= 0)
		return;
	int bar_h = view.h * view.h / content_h;
	int bar_y = view.y + (view.h - bar_h) * scroll / max;
	int bx = app->rtl ? view.x - th->gap / 2 - 3 : view.x + view.w + th->gap / 2;
	ui_round_rect(app, (SDL_Rect){ bx, bar_y, 5, bar_h }, 2, THEME_LINE);
}

bool ui_scroll_set(int *scroll, int y, int max)
{
	if (y > max)
		y = max;
	if (y < 0)
		y = 0;
	if (y == *scroll)
		return false;
	*scroll = y;
	return true;
}

void ui_items_draw(struct app *app)
{
	for (int i = 0; i < app->nitems; i++)
		ui_item_draw(app, &app->items[i]);
}

void ui_arrow(struct app *app, SDL_Rect r, bool pointing_right, enum theme_color color)
{
	SDL_Color c = app->theme.colors[color];
	float s = (float)(r.w < r.h ? r.w : r.h) * 0.22f;
	float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2;
	float t = s * 0.45f; /* stroke half-width */
	if (app->rtl)
		pointing_right = !pointing_right;
	float d = pointing_right ? 1.0f : -1.0f;
	/* Two strokes of a chevron, each a quad of two triangles. */
	SDL_FPoint tip = { cx + d * s * 0.5f, cy };
	SDL_FPoint top = { cx - d * s * 0.5f, cy - s };
	SDL_FPoint bot = { cx - d * s * 0.5f, cy + s };
	SDL_Vertex v[12];
	SDL_FPoint pts[12] = {
		{ top.x - d * t, top.y }, { top.x + d * t, top.y }, { tip.x + d * t, tip.y },
		{ top.x - d * t, top.y }, { tip.x + d * t, tip.y }, { tip.x - d * t, tip.y },
		{ bot.x - d * t, bot.y }, { bot.x + d * t, bot.y }, { tip.x + d * t, tip.y },
		{ bot.x - d * t, bot.y }, { tip.x + d * t, tip.y }, { tip.x - d * t, tip.y },
	};
	for (int i = 0; i < 12; i++)
		v[i] = (SDL_Vertex){ pts[i], c, { 0, 0 } };
	SDL_RenderGeometry(app->renderer, NULL, v, 12, NULL, 0);
}

SDL_Rect ui_status_chip(struct app *app, int x, int y, enum content_status status, bool measure)
{
	static const enum theme_color colors[][2] = {
		[CONTENT_STATUS_PLANNED] = { THEME_PLANNED, THEME_ON_PLANNED },
		[CONTENT_STATUS_IN_PROGRESS] = { THEME_IN_PROGRESS, THEME_ON_IN_PROGRESS },
		[CONTENT_STATUS_DONE] = { THEME_DONE, THEME_ON_DONE },
		[CONTENT_STATUS_PAUSED] = { THEME_PAUSED, THEME_ON_PAUSED },
	};
	char key[32];
	const struct theme *th = &app->theme;

	SDL_snprintf(key, sizeof key, "status_%s", content_status_name(status));
	struct text_opts o = ui_text(app, TEXT_BOLD, colors[status][1], 0);
	o.style = TEXT_SMALL;
	const struct text_block *b = text_layout(app->text, app_str(app, key), &o);
	SDL_Rect r = { x, y, (b ? b->w : 0) + 2 * th->gap, (b ? b->h : 0) + th->gap / 2 };
	if (app->rtl)
		r.x = x - r.w;
	if (measure)
		return r;
	ui_round_rect(app, r, r.h / 2, colors[status][0]);
	text_draw_block(app->text, b, r.x + th->gap, r.y + th->gap / 4);
	return r;
}

static struct text_opts header_title(const struct app *app, const struct ui_header *h)
{
	struct text_opts t = ui_text(app, TEXT_HEADING, THEME_ON_HEADER, h->title_w);
	t.max_lines = h->title_lines > 0		   ? h->title_lines
		      : app->theme.look & THEME_LOOK_LARGE ? 3
							   : 2;
	return t;
}

/* The title's place beside the back button, of width back_w. */
static void header_title_place(struct app *app, struct ui_header *h, int back_w)
{
	const struct theme *th = &app->theme;
	h->title_w = app->w - 3 * th->margin - back_w;
	h->title_x = app->rtl ? th->margin : 2 * th->margin + back_w;
}

bool ui_header_fits(struct app *app, const struct ui_header *h, const char *title)
{
	struct ui_header m = *h;
	header_title_place(app, &m, ui_button_width(app, app_str(app, "back")));
	struct text_opts t = header_title(app, &m);
	const struct text_block *b = text_layout(app->text, title, &t);
	return b && !b->truncated && ui_words_fit(app, title, t);
}

void ui_header_layout(struct app *app, struct ui_header *h, const char *title, int back_id)
{
	const struct theme *th = &app->theme;
	int back_w = ui_button_width(app, app_str(app, "back"));

	header_title_place(app, h, back_w);
	struct text_opts t = header_title(app, h);
	int title_h = title ? text_height(app->text, title, &t) : 0;
	int bar_h = title_h + 2 * th->gap;
	if (bar_h < th->target + 2 * th->gap)
		bar_h = th->target + 2 * th->gap;
	h->bar = (SDL_Rect){ 0, 0, app->w, bar_h };
	h->back = app_mirror(app,
			     (SDL_Rect){ th->margin, (bar_h - th->target) / 2, back_w, th->target },
			     (SDL_Rect){ 0, 0, app->w, app->h });
	app_item_add(app, h->back, APP_ROLE_BUTTON, app_str(app, "back"), back_id, APP_ITEM_PLAIN);
	if (title)
		app_item_add(app,
			     (SDL_Rect){ h->title_x, (bar_h - title_h) / 2, h->title_w, title_h },
			     APP_ROLE_HEADING, title, APP_NO_ACTION, 0);
}

void ui_header_draw(struct app *app, const struct ui_header *h, const char *title)
{
	struct text_opts t = header_title(app, h);

	ui_fill(app, h->bar, THEME_HEADER);
	if (title)
		text_draw(app->text, title, &t, h->title_x,
			  (h->bar.h - text_height(app->text, title, &t)) / 2);
}
