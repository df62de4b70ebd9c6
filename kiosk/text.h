/* SPDX-License-Identifier: EUPL-1.2 */
/* Text on screen: UTF-8 paragraphs wrapped to a width, each word set in the font of
 * its script (fonts/fonts.ini), shaped by HarfBuzz through SDL_ttf, ordered for
 * left-to-right or right-to-left paragraphs, and kept as textures in a cache so an
 * unchanged frame rasterises no glyphs. */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <SDL2/SDL.h>
#include <stdbool.h>

enum text_style {
	TEXT_SMALL,
	TEXT_BODY,
	TEXT_BOLD,
	TEXT_HEADING,
	TEXT_TITLE,
	TEXT_STYLE_COUNT,
};

enum text_align {
	TEXT_ALIGN_START, /* left in a left-to-right paragraph, right in right-to-left */
	TEXT_ALIGN_CENTER,
	TEXT_ALIGN_END,
};

struct text_opts {
	enum text_style style;
	SDL_Color color;
	int width;     /* wrap width in pixels */
	int max_lines; /* 0: no limit; otherwise the last line ends in an ellipsis */
	enum text_align align;
	bool rtl; /* the paragraph's direction (the language's, not the text's) */
};

struct text_block {
	SDL_Texture *texture; /* NULL for an empty string */
	int w, h;
	int lines;
	int step; /* distance from one line to the next */
	int last; /* the most a last line can take, descenders included */
	bool truncated;
};

struct text_stats {
	unsigned long rasterized; /* runs of glyphs rendered since creation */
	unsigned long hits, misses;
	int entries;
	size_t bytes;
};

struct text;

/* Reads the font table and opens fonts lazily at sizes_px[style]. The Latn script
 * must be present: it also serves digits and punctuation. NULL on failure (logged). */
struct text *text_create(SDL_Renderer *renderer, const char *fonts_ini,
			 const int sizes_px[TEXT_STYLE_COUNT]);
void text_destroy(struct text *t);

/* Lays out and renders s, or finds it in the cache. The block is borrowed: it stays
 * valid until the next text_frame_begin. NULL only if rendering failed (logged). */
const struct text_block *text_layout(struct text *t, const char *s, const struct text_opts *o);

/* Draws s into the box that starts at x, y and is o->width wide, aligned as asked.
 * Returns the rectangle covered (empty if nothing was drawn). */
SDL_Rect text_draw(struct text *t, const char *s, const struct text_opts *o, int x, int y);

/* Draws a block from text_layout with its top left corner at x, y. */
void text_draw_block(struct text *t, const struct text_block *b, int x, int y);

/* Height of s laid out with o. */
int text_height(struct text *t, const char *s, const struct text_opts *o);

/* How many lines of s laid out with o fit in height pixels (all of them if it
 * fits whole): the max_lines to use for a box of that height. */
int text_fit_lines(struct text *t, const char *s, const struct text_opts *o, int height);

/* Height of one line of the style. */
int text_line_height(struct text *t, enum text_style style);

/* Marks the start of a frame: texts not drawn in the last frames may be evicted. */
void text_frame_begin(struct text *t);

/* Whether a text containing needle was drawn since the last text_frame_begin. */
bool text_on_screen(const struct text *t, const char *needle);

/* Like text_on_screen, and where it was drawn (may be NULL). */
bool text_find(const struct text *t, const char *needle, SDL_Rect *where);

struct text_stats text_get_stats(const struct text *t);

/* New sizes for the styles (the screen or the visitor's text size changed): the
 * fonts open again at the new sizes when next used. */
void text_set_sizes(struct text *t, const int sizes_px[TEXT_STYLE_COUNT]);

/* Drops every cached texture (after the renderer lost them, or to free memory). */
void text_flush(struct text *t);

#endif
