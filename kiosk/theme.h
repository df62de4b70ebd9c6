/* SPDX-License-Identifier: EUPL-1.2 */
/* Colours and sizes. Sizes follow the screen: text grows with the shorter side,
 * every text's capitals are at least THEME_CAP_MM tall at the display's DPI (body
 * text and above THEME_BODY_CAP_MM), and every touch target is at least 48 px and
 * 10 mm. */
#ifndef KIOSK_THEME_H
#define KIOSK_THEME_H

#include "text.h"

#include <SDL2/SDL.h>
#include <stdbool.h>

enum theme_color {
	THEME_BG,
	THEME_SURFACE,
	THEME_TEXT,
	THEME_TEXT_MUTED,
	THEME_HEADER,
	THEME_ON_HEADER,
	THEME_ACCENT,
	THEME_ON_ACCENT,
	THEME_BUTTON,
	THEME_ON_BUTTON,
	THEME_PRESSED,
	THEME_LINE,
	THEME_PLANNED,
	THEME_ON_PLANNED,
	THEME_IN_PROGRESS,
	THEME_ON_IN_PROGRESS,
	THEME_DONE,
	THEME_ON_DONE,
	THEME_PAUSED,
	THEME_ON_PAUSED,
	THEME_CTA, /* the one call to action: "have your say" */
	THEME_ON_CTA,
	THEME_DISABLED,
	THEME_ON_DISABLED,
	THEME_NIGHT, /* the closed screen: dark and still */
	THEME_ON_NIGHT,
	THEME_NIGHT_MUTED,
	THEME_TRACK, /* the empty part of a bar, the dots of the cards not on show */
	THEME_COLOR_COUNT,
};

/* Cap height floors, read at about 50 cm. ISO 9241-3 asks for capitals of
 * at least 16 minutes of arc, 20 to 22 for reading: 2.5 mm is 17', the least for
 * a short label; 3 mm is 21', for text read as sentences. */
#define THEME_CAP_MM	  2.5
#define THEME_BODY_CAP_MM 3.0
/* Noto Sans's cap height in ems (capHeight 714 of 1000 units): a font of n px
 * has capitals of about 0.714 n px. Noto Sans Arabic's alef is as tall at the
 * same size, so the floors hold for Arabic text too. */
#define THEME_CAP_HEIGHT 0.714
/* Large text (EN 301 549 5.1.4): a capital H of at least 0.7 degrees at 50 cm,
 * and every text at least 1.5 times its usual size. */
#define THEME_LARGE_CAP_MM 6.1
#define THEME_LARGE_SCALE  1.5

/* How a visitor asked to see the screen; flags for theme_init. */
enum theme_look {
	THEME_LOOK_PLAIN = 0,
	THEME_LOOK_LARGE = 1 << 0,    /* large text */
	THEME_LOOK_CONTRAST = 1 << 1, /* high contrast */
};

/* The everyday palette, and the high-contrast one (every pair at least 7:1). */
extern const SDL_Color theme_colors[THEME_COLOR_COUNT];
extern const SDL_Color theme_colors_contrast[THEME_COLOR_COUNT];

/* Every pair of text colour on background colour the screens use. */
struct theme_pair {
	enum theme_color text, background;
};
extern const struct theme_pair theme_pairs[];
extern const int theme_pair_count;

struct theme {
	int w, h;
	double dpi;
	bool portrait;
	int target; /* smallest side of a touch target, px */
	int margin; /* space at the screen's edges */
	int gap;    /* space between elements */
	int radius; /* corner radius of cards and buttons */
	int fonts[TEXT_STYLE_COUNT];
	unsigned look;		 /* enum theme_look flags */
	const SDL_Color *colors; /* theme_colors or theme_colors_contrast */
};

/* dpi <= 0 means unknown: 96 is assumed for the millimetre floors. look is a set
 * of enum theme_look flags. */
void theme_init(struct theme *th, int w, int h, double dpi, unsigned look);

/* Pixels of a length in millimetres at the theme's DPI. */
int theme_mm(const struct theme *th, double mm);

/* The smallest font size in pixels whose capitals are at least mm tall. */
int theme_cap_px(const struct theme *th, double mm);

/* WCAG 2 contrast ratio of two opaque colours, 1 to 21. */
double theme_contrast(SDL_Color a, SDL_Color b);

#endif
