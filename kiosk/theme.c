/* SPDX-License-Identifier: EUPL-1.2 */
/* The kiosk's look: a light, calm palette with dark text (public lobbies are bright)
 * and sizes derived from the screen so that one layout serves 800x480 to 1080x1920. */
#include "theme.h"

#include <math.h>

const SDL_Color theme_colors[THEME_COLOR_COUNT] = {
	[THEME_BG] = { 0xF3, 0xF1, 0xEC, 0xFF },
	[THEME_SURFACE] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_TEXT] = { 0x1B, 0x1F, 0x24, 0xFF },
	[THEME_TEXT_MUTED] = { 0x4A, 0x50, 0x58, 0xFF },
	[THEME_HEADER] = { 0x0F, 0x2A, 0x4A, 0xFF },
	[THEME_ON_HEADER] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_ACCENT] = { 0x0B, 0x57, 0x9C, 0xFF },
	[THEME_ON_ACCENT] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_BUTTON] = { 0xE1, 0xE8, 0xF0, 0xFF },
	[THEME_ON_BUTTON] = { 0x0F, 0x2A, 0x4A, 0xFF },
	[THEME_PRESSED] = { 0xB8, 0xC9, 0xDC, 0xFF },
	[THEME_LINE] = { 0x8A, 0x94, 0xA0, 0xFF },
	[THEME_PLANNED] = { 0xFF, 0xF0, 0xC2, 0xFF },
	[THEME_ON_PLANNED] = { 0x5C, 0x40, 0x00, 0xFF },
	[THEME_IN_PROGRESS] = { 0xD9, 0xE8, 0xFF, 0xFF },
	[THEME_ON_IN_PROGRESS] = { 0x0B, 0x3D, 0x78, 0xFF },
	[THEME_DONE] = { 0xDD, 0xF2, 0xDD, 0xFF },
	[THEME_ON_DONE] = { 0x1C, 0x55, 0x1C, 0xFF },
	[THEME_PAUSED] = { 0xE8, 0xE8, 0xE8, 0xFF },
	[THEME_ON_PAUSED] = { 0x3D, 0x3D, 0x3D, 0xFF },
	[THEME_CTA] = { 0xFF, 0xC8, 0x45, 0xFF },
	[THEME_ON_CTA] = { 0x1B, 0x1F, 0x24, 0xFF },
	[THEME_DISABLED] = { 0x5A, 0x66, 0x75, 0xFF },
	[THEME_ON_DISABLED] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_NIGHT] = { 0x0B, 0x0D, 0x10, 0xFF },
	[THEME_ON_NIGHT] = { 0xC4, 0xC9, 0xD0, 0xFF },
	[THEME_NIGHT_MUTED] = { 0x8A, 0x92, 0x9C, 0xFF },
	[THEME_TRACK] = { 0x8A, 0x94, 0xA0, 0xFF },
};

/* For low vision: white and yellow on black, dark buttons with white words. */
const SDL_Color theme_colors_contrast[THEME_COLOR_COUNT] = {
	[THEME_BG] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_SURFACE] = { 0x12, 0x12, 0x12, 0xFF },
	[THEME_TEXT] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_TEXT_MUTED] = { 0xE6, 0xE6, 0xE6, 0xFF },
	[THEME_HEADER] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_ON_HEADER] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_ACCENT] = { 0xFF, 0xE4, 0x5C, 0xFF },
	[THEME_ON_ACCENT] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_BUTTON] = { 0x00, 0x2B, 0x5C, 0xFF },
	[THEME_ON_BUTTON] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_PRESSED] = { 0x1A, 0x44, 0x80, 0xFF },
	[THEME_LINE] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_PLANNED] = { 0xFF, 0xE4, 0x5C, 0xFF },
	[THEME_ON_PLANNED] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_IN_PROGRESS] = { 0x80, 0xD4, 0xFF, 0xFF },
	[THEME_ON_IN_PROGRESS] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_DONE] = { 0x8C, 0xF0, 0x8C, 0xFF },
	[THEME_ON_DONE] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_PAUSED] = { 0xE0, 0xE0, 0xE0, 0xFF },
	[THEME_ON_PAUSED] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_CTA] = { 0xFF, 0xE4, 0x5C, 0xFF },
	[THEME_ON_CTA] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_DISABLED] = { 0x40, 0x40, 0x40, 0xFF },
	[THEME_ON_DISABLED] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_NIGHT] = { 0x00, 0x00, 0x00, 0xFF },
	[THEME_ON_NIGHT] = { 0xFF, 0xFF, 0xFF, 0xFF },
	[THEME_NIGHT_MUTED] = { 0xC8, 0xC8, 0xC8, 0xFF },
	/* Dark, so that a bar's yellow or white fill and the yellow dot stand out. */
	[THEME_TRACK] = { 0x40, 0x40, 0x40, 0xFF },
};

const struct theme_pair theme_pairs[] = {
	{ THEME_TEXT, THEME_BG },
	{ THEME_TEXT, THEME_SURFACE },
	{ THEME_TEXT_MUTED, THEME_BG },
	{ THEME_TEXT_MUTED, THEME_SURFACE },
	{ THEME_ON_HEADER, THEME_HEADER },
	{ THEME_ON_ACCENT, THEME_ACCENT },
	{ THEME_ON_BUTTON, THEME_BUTTON },
	{ THEME_ON_BUTTON, THEME_PRESSED },
	{ THEME_ON_PLANNED, THEME_PLANNED },
	{ THEME_ON_IN_PROGRESS, THEME_IN_PROGRESS },
	{ THEME_ON_DONE, THEME_DONE },
	{ THEME_ON_PAUSED, THEME_PAUSED },
	{ THEME_ACCENT, THEME_SURFACE },
	{ THEME_ACCENT, THEME_BG },
	{ THEME_ON_CTA, THEME_CTA },
	{ THEME_ON_DISABLED, THEME_DISABLED },
	{ THEME_ON_NIGHT, THEME_NIGHT },
	{ THEME_NIGHT_MUTED, THEME_NIGHT },
	/* A card while a finger holds it. */
	{ THEME_TEXT, THEME_BUTTON },
	{ THEME_TEXT_MUTED, THEME_BUTTON },
	{ THEME_ACCENT, THEME_BUTTON },
};
const int theme_pair_count = sizeof theme_pairs / sizeof theme_pairs[0];

int theme_mm(const struct theme *th, double mm)
{
	return (int)ceil(mm * th->dpi / 25.4);
}

int theme_cap_px(const struct theme *th, double mm)
{
	/* The hinter puts the capitals' top on a whole pixel, up to one below the
	 * outline's, hence the one pixel more. */
	return (int)ceil((mm * th->dpi / 25.4 + 1) / THEME_CAP_HEIGHT);
}

static int at_least(int px, int min)
{
	return px > min ? px : min;
}

/* Large text: every style half as large again, and at least the large floor. */
static void enlarge(struct theme *th)
{
	int floor = theme_cap_px(th, THEME_LARGE_CAP_MM);

	for (int s = 0; s < TEXT_STYLE_COUNT; s++)
		th->fonts[s] = at_least((int)ceil(th->fonts[s] * THEME_LARGE_SCALE), floor);
	th->fonts[TEXT_HEADING] = at_least(th->fonts[TEXT_HEADING], th->fonts[TEXT_BODY] * 9 / 8);
	th->fonts[TEXT_TITLE] = at_least(th->fonts[TEXT_TITLE], th->fonts[TEXT_BODY] * 5 / 4);
	th->target = at_least(th->target, th->fonts[TEXT_BODY] * 2);
}

void theme_init(struct theme *th, int w, int h, double dpi, unsigned look)
{
	int shorter = w < h ? w : h;
	int base, body;

	th->w = w;
	th->h = h;
	th->dpi = dpi > 0 ? dpi : 96;
	th->portrait = h > w;
	/* Text and space follow the screen: a base of 18 px on a 480-line screen,
	 * 40 px on 1080 lines. */
	base = at_least(shorter * 37 / 1000, 18);
	/* Text is never smaller than its floor at the display's DPI. Where the floor
	 * lifts the body text, headings stay a step above it, a smaller step than
	 * the screen's own, so that a small screen keeps room for what it says. */
	body = at_least(base, theme_cap_px(th, THEME_BODY_CAP_MM));
	th->fonts[TEXT_SMALL] = at_least(base * 4 / 5, theme_cap_px(th, THEME_CAP_MM));
	th->fonts[TEXT_BODY] = body;
	th->fonts[TEXT_BOLD] = body;
	th->fonts[TEXT_HEADING] = at_least(base * 5 / 4, body * 9 / 8);
	th->fonts[TEXT_TITLE] = at_least(base * 8 / 5, body * 5 / 4);
	th->target = at_least(at_least(base * 13 / 5, 48), theme_mm(th, 10));
	th->margin = base;
	th->gap = base * 3 / 5;
	th->radius = base / 2;
	th->look = look;
	th->colors = look & THEME_LOOK_CONTRAST ? theme_colors_contrast : theme_colors;
	if (look & THEME_LOOK_LARGE)
		enlarge(th);
}

static double linear(Uint8 c)
{
	double s = c / 255.0;
	return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double theme_contrast(SDL_Color a, SDL_Color b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
