/* Drawing helpers shared by the screens: filled and rounded rectangles, buttons,
 * status chips and arrows, all in theme colours. They only draw. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include "app.h"

void ui_fill(struct app *app, SDL_Rect r, enum theme_color color);
void ui_round_rect(struct app *app, SDL_Rect r, int radius, enum theme_color color);

enum ui_button_kind {
	UI_BUTTON_PLAIN,
	UI_BUTTON_PRIMARY,
	UI_BUTTON_SELECTED,
	UI_BUTTON_CTA,
	UI_BUTTON_DISABLED,
};

/* A button with its label centred (two lines at most). It looks pressed while a
 * finger holds target id. */
void ui_button(struct app *app, SDL_Rect r, const char *label, int id, enum ui_button_kind kind);

/* Height a button of width needs for label (two lines at most), never less than
 * the target size. */
int ui_button_height(struct app *app, const char *label, int width);

/* Width a button needs for label in one line, never less than the target size. */
int ui_button_width(struct app *app, const char *label);

/* A chevron pointing left or right (mirrored for right-to-left), centred in r. */
void ui_arrow(struct app *app, SDL_Rect r, bool pointing_right, enum theme_color color);

/* A status chip drawn at x, y (its start edge); returns its rectangle. */
SDL_Rect ui_status_chip(struct app *app, int x, int y, enum content_status status, bool measure);

/* The bar at the top of an inner screen: a back button on the start side and the
 * screen's title (two lines at most) beside it. */
struct ui_header {
	SDL_Rect bar, back;
	int title_x, title_w;
};

void ui_header_layout(struct app *app, struct ui_header *h, const char *title);
void ui_header_draw(struct app *app, const struct ui_header *h, const char *title, int back_id);

/* Options for text in the current language's direction. */
struct text_opts ui_text(const struct app *app, enum text_style style, enum theme_color color,
			 int width);

#endif
