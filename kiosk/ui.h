/* SPDX-License-Identifier: EUPL-1.2 */
/* Drawing helpers shared by the screens: filled and rounded rectangles, buttons,
 * status chips and arrows, all in theme colours. They only draw, except the
 * header's layout, which registers the header's items. This header only declares
 * struct app, so that app.c may draw its idle warning with these helpers without
 * the two headers including each other. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include "common/content.h"
#include "text.h"
#include "theme.h"

#include <SDL2/SDL.h>
#include <stdbool.h>

struct app;
struct app_item;

void ui_fill(struct app *app, SDL_Rect r, enum theme_color color);
void ui_round_rect(struct app *app, SDL_Rect r, int radius, enum theme_color color);

/* A button item (APP_ROLE_BUTTON) as registered: its label centred (two lines at
 * most), coloured by its state, pressed while a finger holds its action. Items
 * of other roles are left to their screen. */
void ui_item_draw(struct app *app, const struct app_item *item);

/* The face of a button or a card, in color; in high contrast with a light
 * outline, so that it stands out from the black around it. */
void ui_button_face(struct app *app, SDL_Rect r, int radius, enum theme_color color);

/* The accessibility button: an item of role APP_ROLE_LINK (ui_items_draw leaves
 * it) drawn as a button with the symbol of access before its label, in one line;
 * and the width it needs. */
void ui_icon_button_draw(struct app *app, const struct app_item *item);
int ui_icon_button_width(struct app *app, const char *label);

/* Every button item, in the order registered. */
void ui_items_draw(struct app *app);

/* Height a button of width needs for label (two lines at most), never less than
 * the target size. */
int ui_button_height(struct app *app, const char *label, int width);

/* Height a button of width needs to show the whole of label, in as many lines as
 * it takes, never less than the target size. ui_item_draw gives a label the lines
 * its button's height holds, two at least. */
int ui_button_height_whole(struct app *app, const char *label, int width);

/* Width a button needs for label in one line, never less than the target size. */
int ui_button_width(struct app *app, const char *label);

/* The screens for staff keep the plain look's sizes in large text: plain true on
 * entering such a screen, false on leaving it, when the visitor's sizes come back.
 * The theme and the fonts are made again; nothing else changes. */
void ui_staff_sizes(struct app *app, bool plain);

/* Whether every word of str fits a line of text laid out with o, so that none
 * has to be cut in two. */
bool ui_words_fit(struct app *app, const char *str, struct text_opts o);

/* Whether every word of label fits a line of a button of width, so that none
 * has to be cut in two. */
bool ui_button_words_fit(struct app *app, const char *label, int width);

/* A row of n buttons (n at most UI_ROW_MAX) standing on bottom: the first nstart
 * from the start side, the others from the end side, the first of them at the
 * end. Where their labels do not fit in one line each, they share the width
 * equally and take the lines their labels need. Sets *btns[i]; returns the
 * row's top. */
#define UI_ROW_MAX 4
int ui_button_row(struct app *app, int bottom, SDL_Rect *const *btns, const char *const *labels,
		  int n, int nstart);

/* A band that fades from clear into color: towards its bottom edge when down,
 * towards its top edge otherwise. Over text that goes on beyond a window. */
void ui_fade(struct app *app, SDL_Rect r, bool down, enum theme_color color);

/* The thumb of a window of content_h pixels scrolled by scroll, in the space
 * beside view's end side; nothing when the content fits the window. */
void ui_scrollbar(struct app *app, SDL_Rect view, int content_h, int scroll);

/* Sets *scroll to y, kept between 0 and max; whether it changed. */
bool ui_scroll_set(int *scroll, int y, int max);

/* A chevron pointing left or right (mirrored for right-to-left), centred in r. */
void ui_arrow(struct app *app, SDL_Rect r, bool pointing_right, enum theme_color color);

/* A status chip drawn at x, y (its start edge); returns its rectangle. */
SDL_Rect ui_status_chip(struct app *app, int x, int y, enum content_status status, bool measure);

/* The bar at the top of an inner screen: a back button on the start side and the
 * screen's title beside it, in title_lines lines at most (two when 0; the screen
 * sets it before the layout, the last line ends in an ellipsis if the title is
 * longer). ui_header_layout registers the back button with back_id and the title
 * as a heading; title is borrowed as an item's label is. A NULL title leaves the
 * bar with the back button alone. */
struct ui_header {
	SDL_Rect bar, back;
	int title_x, title_w;
	int title_lines;
};

void ui_header_layout(struct app *app, struct ui_header *h, const char *title, int back_id);
/* Draws the bar and the title; the back button is drawn with the screen's items. */
void ui_header_draw(struct app *app, const struct ui_header *h, const char *title);

/* Whether title fits whole in a header's title_lines lines. */
bool ui_header_fits(struct app *app, const struct ui_header *h, const char *title);

/* Makes *qr a QR code for url with the kiosk's source tag, no wider than max_px,
 * and its side in *size; the texture it held before is freed. *qr is NULL when
 * the code cannot be made (logged). The screen owns the texture. */
void ui_qr_make(struct app *app, SDL_Texture **qr, const char *url, int max_px, int *size);

/* Frees *texture (NULL accepted) and sets it to NULL. */
void ui_texture_free(SDL_Texture **texture);

/* Options for text in the current language's direction. */
struct text_opts ui_text(const struct app *app, enum text_style style, enum theme_color color,
			 int width);

#endif
