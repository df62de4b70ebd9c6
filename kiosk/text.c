/* SPDX-License-Identifier: EUPL-1.2 */
/* Text layout and the text cache.
 *
 * Layout works on pieces of words. GNU FriBiDi resolves the bidi level of every
 * character of a paragraph (kiosk/bidi.c), bracket pairs included; a word is cut
 * into pieces where its script or its level changes, and digits and punctuation
 * form pieces of their own. Lines are filled greedily with measured pieces in
 * logical order; a word wider than the line is cut where it must be, and a
 * paragraph over its line limit ends in an ellipsis. Each line's pieces, and the
 * spaces between them, are then put in visual order by their levels (rule L2),
 * and neighbours in one font and at one level are rendered together as a run:
 * HarfBuzz shapes the run in the direction of its level, which also mirrors
 * brackets in right-to-left runs.
 *
 * The cache keeps one texture per (string, options). Entries carry the frame they
 * were last used in; when the cache is over its budget the least recently used
 * entries that the current frame does not use are freed. Texts that are only
 * measured (text_fit_lines) keep their metrics but not their pixels. */
#include "text.h"
#include "bidi.h"
#include "common/log.h"

#include <SDL2/SDL_ttf.h>
#include <ini.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPTS_MAX	  8
#define CACHE_ENTRIES_MAX 512
#define CACHE_SCREENS	  3    /* the byte budget: this many screenfuls of pixels */
#define NEUTRAL		  (-1) /* punctuation and symbols */
#define DIGITS		  (-2) /* a number: digits, and separators between digits */

struct script {
	char code[5]; /* ISO 15924, e.g. "Arab" */
	char regular[512], bold[512];
	bool rtl;
	double line_height; /* line spacing as a multiple of the size; 0: the font's own */
	TTF_Font *fonts[TEXT_STYLE_COUNT];
};

struct entry {
	uint64_t hash;
	char *s;
	struct text_opts opts;
	struct text_block block;
	unsigned long used; /* frame of last use */
	SDL_Rect drawn;	    /* where it was last drawn */
	size_t bytes;
	bool measured; /* only measured (text_fit_lines): the texture was dropped */
};

struct text {
	SDL_Renderer *renderer;
	int sizes[TEXT_STYLE_COUNT];
	struct script scripts[SCRIPTS_MAX];
	int nscripts;
	struct entry *entries;
	int nentries;
	size_t bytes, budget;
	unsigned long frame;
	struct text_stats stats;
};

/* Unicode blocks of the scripts that need a font other than Latin's. */
static const struct {
	uint32_t first, last;
	const char *script;
} ranges[] = {
	{ 0x0590, 0x05FF, "Hebr" }, { 0x0600, 0x06FF, "Arab" }, { 0x0750, 0x077F, "Arab" },
	{ 0x08A0, 0x08FF, "Arab" }, { 0x1200, 0x139F, "Ethi" }, { 0x2D80, 0x2DDF, "Ethi" },
	{ 0xAB00, 0xAB2F, "Ethi" }, { 0xFB1D, 0xFB4F, "Hebr" }, { 0xFB50, 0xFDFF, "Arab" },
	{ 0xFE70, 0xFEFF, "Arab" },
};

static int font_entry(void *user, const char *section, const char *key, const char *value)
{
	struct text *t = user;
	struct script *sc = NULL;

	for (int i = 0; i < t->nscripts; i++)
		if (!strcmp(t->scripts[i].code, section))
			sc = &t->scripts[i];
	if (!sc) {
		if (t->nscripts == SCRIPTS_MAX || strlen(section) != 4)
			return 0;
		sc = &t->scripts[t->nscripts++];
		memcpy(sc->code, section, 5);
	}
	if (!strcmp(key, "regular"))
		snprintf(sc->regular, sizeof sc->regular, "%s", value);
	else if (!strcmp(key, "bold"))
		snprintf(sc->bold, sizeof sc->bold, "%s", value);
	else if (!strcmp(key, "direction"))
		sc->rtl = !strcmp(value, "rtl");
	else if (!strcmp(key, "line_height"))
		sc->line_height = atof(value);
	else
		return 0;
	return 1;
}

struct text *text_create(SDL_Renderer *renderer, const char *fonts_ini,
			 const int sizes_px[TEXT_STYLE_COUNT])
{
	struct text *t = calloc(1, sizeof *t);
	int rc;

	if (!t)
		return NULL;
	t->renderer = renderer;
	memcpy(t->sizes, sizes_px, sizeof t->sizes);
	/* Enough for the attract screen's cards to come round again without being
	 * rasterised anew, at any screen size; the texts of one screen stay even when
	 * they need more. */
	int w = 1280, h = 800;
	SDL_GetRendererOutputSize(renderer, &w, &h);
	t->budget = (size_t)CACHE_SCREENS * (size_t)w * (size_t)h * 4;
	rc = ini_parse(fonts_ini, font_entry, t);
	if (rc < 0) {
		log_error("cannot read font table %s", fonts_ini);
		free(t);
		return NULL;
	}
	if (rc > 0)
		log_warn("%s:%d: not understood", fonts_ini, rc);
	if (t->nscripts == 0 || strcmp(t->scripts[0].code, "Latn")) {
		log_error("%s: the first section must be [Latn]", fonts_ini);
		free(t);
		return NULL;
	}
	t->entries = calloc(CACHE_ENTRIES_MAX, sizeof *t->entries);
	if (!t->entries || !TTF_WasInit()) {
		if (t->entries)
			log_error("SDL_ttf is not initialised");
		free(t->entries);
		free(t);
		return NULL;
	}
	/* Open the Latin regular font now: a missing font package is a start-up error,
	 * not a blank button later. */
	TTF_Font *probe = TTF_OpenFont(t->scripts[0].regular, 12);
	if (!probe) {
		log_error("cannot open font %s: %s (install fonts-noto-core)",
			  t->scripts[0].regular, TTF_GetError());
		free(t->entries);
		free(t);
		return NULL;
	}
	TTF_CloseFont(probe);
	return t;
}

static void entry_free(struct text *t, struct entry *e)
{
	if (e->block.texture)
		SDL_DestroyTexture(e->block.texture);
	free(e->s);
	t->bytes -= e->bytes;
	memset(e, 0, sizeof *e);
}

void text_flush(struct text *t)
{
	for (int i = 0; i < t->nentries; i++)
		entry_free(t, &t->entries[i]);
	t->nentries = 0;
}

static void close_fonts(struct text *t)
{
	for (int i = 0; i < t->nscripts; i++)
		for (int s = 0; s < TEXT_STYLE_COUNT; s++)
			if (t->scripts[i].fonts[s]) {
				TTF_CloseFont(t->scripts[i].fonts[s]);
				t->scripts[i].fonts[s] = NULL;
			}
}

void text_set_sizes(struct text *t, const int sizes_px[TEXT_STYLE_COUNT])
{
	if (!memcmp(t->sizes, sizes_px, sizeof t->sizes))
		return;
	text_flush(t);
	close_fonts(t);
	memcpy(t->sizes, sizes_px, sizeof t->sizes);
}

void text_destroy(struct text *t)
{
	if (!t)
		return;
	text_flush(t);
	free(t->entries);
	close_fonts(t);
	free(t);
}

static bool is_bold(enum text_style style)
{
	return style == TEXT_BOLD || style == TEXT_HEADING || style == TEXT_TITLE;
}

/* The font of script index sc at a style, opened on first use; falls back to Latin. */
static TTF_Font *font_for(struct text *t, int sc, enum text_style style)
{
	struct script *s = &t->scripts[sc < 0 ? 0 : sc];
	const char *path;

	if (s->fonts[style])
		return s->fonts[style];
	path = is_bold(style) && s->bold[0] ? s->bold : s->regular;
	s->fonts[style] = TTF_OpenFont(path, t->sizes[style]);
	if (!s->fonts[style]) {
		log_warn("cannot open font %s: %s", path, TTF_GetError());
		return sc > 0 ? font_for(t, 0, style) : NULL;
	}
	TTF_SetFontHinting(s->fonts[style], TTF_HINTING_LIGHT);
	TTF_SetFontDirection(s->fonts[style], s->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(s->fonts[style], s->code);
	return s->fonts[style];
}

static uint32_t decode_utf8(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t cp;
	int extra;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0)
		cp = s[0] & 0x1F, extra = 1;
	else if ((s[0] & 0xF0) == 0xE0)
		cp = s[0] & 0x0F, extra = 2;
	else if ((s[0] & 0xF8) == 0xF0)
		cp = s[0] & 0x07, extra = 3;
	else {
		*p += 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= extra; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p += i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*p += extra + 1;
	return cp;
}

/* Script index of a code point: 0 for Latin (and other letters Noto Sans covers),
 * DIGITS for 0-9, NEUTRAL for punctuation and symbols. */
static int script_of(const struct text *t, uint32_t cp)
{
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		if (cp >= ranges[i].first && cp <= ranges[i].last) {
			for (int k = 0; k < t->nscripts; k++)
				if (!strcmp(t->scripts[k].code, ranges[i].script))
					return k;
			return 0;
		}
	}
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return 0;
	if (cp >= '0' && cp <= '9')
		return DIGITS;
	if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF))
		return 0;
	return NEUTRAL;
}

/* A piece of a word in one font and at one bidi level: words split where the
 * script or the level changes, so that "(مركز" is a Latin "(" glued to an Arabic
 * "مركز". */
struct word {
	char *s; /* owned by the layout */
	int script;
	int w;
	uint8_t level;	     /* its embedding level: odd is right to left */
	uint8_t space_level; /* the level of the space before it */
	bool glued;	     /* no space before it */
	bool breakable;	     /* a line may start here */
	bool newline;	     /* starts a new line */
};

struct layout {
	struct text *t;
	const struct text_opts *o;
	struct word *words;
	int nwords, cap;
	int space;
	int step;   /* distance between lines, once composed */
	int ascent; /* of the tallest font used, once composed */
	int bottom; /* the row below the lowest the glyphs cover, once composed */
};

/* Sets the direction HarfBuzz lays a font's glyphs out in: that of the level. */
static TTF_Font *directed(TTF_Font *font, uint8_t level)
{
	if (font)
		TTF_SetFontDirection(font, level & 1 ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	return font;
}

/* Measures piece w as it will be drawn. Each measurement rounds its advances
 * down; one pixel more per piece keeps a line of measured pieces at least as wide
 * as the same line rendered. */
static void measure(struct layout *l, struct word *w)
{
	TTF_Font *font = directed(font_for(l->t, w->script, l->o->style), w->level);
	if (!font || TTF_SizeUTF8(font, w->s, &w->w, NULL) < 0)
		w->w = 0;
	w->w += 1;
}

/* Inserts a copy of piece at index at, taking ownership of s. */
static bool insert_word(struct layout *l, int at, char *s, const struct word *piece)
{
	if (l->nwords == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct word *n = realloc(l->words, (size_t)cap * sizeof *n);
		if (!n) {
			free(s);
			return false;
		}
		l->words = n;
		l->cap = cap;
	}
	memmove(&l->words[at + 1], &l->words[at], (size_t)(l->nwords - at) * sizeof *l->words);
	l->nwords++;
	l->words[at] = *piece;
	l->words[at].s = s;
	measure(l, &l->words[at]);
	return true;
}

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* A paragraph's text as code points, with the byte each starts at (at[n] is the
 * end) and its bidi level. */
struct chars {
	uint32_t *c;
	int *at;
	uint8_t *level;
	int n;
};

static void chars_free(struct chars *cs)
{
	free(cs->c);
	free(cs->at);
	free(cs->level);
}

/* Decodes text and resolves the levels of each of its paragraphs (lines ended by
 * a newline) in the paragraph direction o->rtl. */
static bool chars_read(struct chars *cs, const char *text, bool rtl)
{
	size_t len = strlen(text);
	cs->c = malloc((len + 1) * sizeof *cs->c);
	cs->at = malloc((len + 1) * sizeof *cs->at);
	cs->level = malloc(len + 1);
	cs->n = 0;
	if (!cs->c || !cs->at || !cs->level)
		return false;
	for (const char *p = text; *p;) {
		cs->at[cs->n] = (int)(p - text);
		cs->c[cs->n++] = decode_utf8(&p);
	}
	cs->at[cs->n] = (int)len;
	for (int start = 0, i = 0; i <= cs->n; i++) {
		if (i < cs->n && cs->c[i] != '\n')
			continue;
		int par = bidi_levels(cs->c + start, i - start, rtl ? BIDI_RTL : BIDI_LTR,
				      cs->level + start);
		if (par < 0)
			return false;
		cs->level[i] = (uint8_t)par; /* the newline, or the end */
		start = i + 1;
	}
	return true;
}

/* The class of character i of a word that starts at word: its script, DIGITS or
 * NEUTRAL. A separator between two digits ("08:00", "2.5", "2026-11-24") belongs
 * to the number. */
static int class_at(const struct text *t, const struct chars *cs, int word, int i)
{
	int cls = script_of(t, cs->c[i]);
	if (cls == NEUTRAL && cs->c[i] < 0x80 && strchr(".,:/-", (int)cs->c[i]) && i > word &&
	    is_digit(cs->c[i - 1]) && i + 1 < cs->n && is_digit(cs->c[i + 1]))
		return DIGITS;
	return cls;
}

/* Splits text into pieces: at spaces, at newlines (which start a new line), and
 * inside a word wherever its characters change class or level. */
static bool split_words(struct layout *l, const char *text)
{
	struct chars cs;
	struct word piece = { .newline = false };
	bool ok = chars_read(&cs, text, l->o->rtl);

	for (int i = 0; ok && i < cs.n;) {
		if (is_space(cs.c[i])) {
			piece.newline |= cs.c[i] == '\n';
			piece.space_level = cs.level[i++];
			continue;
		}
		int word = i;
		while (ok && i < cs.n && !is_space(cs.c[i])) {
			int start = i++;
			piece.script = class_at(l->t, &cs, word, start);
			piece.level = cs.level[start];
			while (i < cs.n && !is_space(cs.c[i]) && cs.level[i] == piece.level &&
			       class_at(l->t, &cs, word, i) == piece.script)
				i++;
			piece.glued = start > word;
			piece.breakable = !piece.glued;
			piece.newline &= !piece.glued;
			char *s = strndup(text + cs.at[start], (size_t)(cs.at[i] - cs.at[start]));
			ok = s && insert_word(l, l->nwords, s, &piece);
		}
		piece.newline = false;
	}
	chars_free(&cs);
	return ok;
}

/* Cuts piece i, wider than the line, so that its head fits. */
static bool cut_word(struct layout *l, int i, int width)
{
	TTF_Font *font =
		directed(font_for(l->t, l->words[i].script, l->o->style), l->words[i].level);
	char *s = l->words[i].s;
	int extent, count;

	if (!font || TTF_MeasureUTF8(font, s, width, &extent, &count) < 0 || count <= 0)
		count = 1;
	/* count is in characters: find the byte where the head ends. */
	const char *p = s;
	for (int c = 0; c < count && *p; c++)
		decode_utf8(&p);
	if (*p == '\0')
		return true;
	char *tail = strdup(p);
	if (!tail)
		return false;
	s[p - s] = '\0';
	measure(l, &l->words[i]);
	struct word rest = l->words[i];
	rest.glued = true;
	rest.breakable = true;
	rest.newline = false;
	return insert_word(l, i + 1, tail, &rest);
}

struct line {
	int first, count;
};

static int line_width(const struct layout *l, int first, int count)
{
	int w = 0;
	for (int i = first; i < first + count; i++)
		w += l->words[i].w + (i > first && !l->words[i].glued ? l->space : 0);
	return w;
}

static bool add_line(struct line **lines, int *n, int *cap, int first)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		struct line *g = realloc(*lines, (size_t)*cap * sizeof *g);
		if (!g)
			return false;
		*lines = g;
	}
	(*lines)[*n].first = first;
	(*lines)[*n].count = 0;
	(*n)++;
	return true;
}

/* Fills lines greedily, a whole word at a time. Returns the number of lines, or -1
 * when out of memory. */
static int wrap(struct layout *l, int width, struct line **out)
{
	struct line *lines = NULL;
	int n = 0, cap = 0;

	for (int i = 0; i < l->nwords;) {
		if (l->words[i].w > width && !cut_word(l, i, width))
			goto fail;
		/* The word: this piece and the glued ones after it, up to a break. */
		int end = i + 1;
		while (end < l->nwords && !l->words[end].breakable) {
			if (l->words[end].w > width && !cut_word(l, end, width))
				goto fail;
			end++;
		}
		int word_w = line_width(l, i, end - i);
		struct line *cur = n ? &lines[n - 1] : NULL;
		bool fits = cur && cur->count &&
			    line_width(l, cur->first, cur->count) + l->space + word_w <= width;
		if (!cur || l->words[i].newline || (cur->count && !fits)) {
			if (!add_line(&lines, &n, &cap, i))
				goto fail;
			cur = &lines[n - 1];
		}
		if (cur->count == 0 && word_w > width) {
			/* Pieces of one word that only together overflow: break between them. */
			for (int k = i; k < end; k++) {
				if (cur->count &&
				    line_width(l, cur->first, cur->count + 1) > width) {
					if (!add_line(&lines, &n, &cap, k))
						goto fail;
					cur = &lines[n - 1];
				}
				cur->count++;
			}
		} else {
			cur->count += end - i;
		}
		i = end;
	}
	*out = lines;
	return n;
fail:
	free(lines);
	return -1;
}

/* Headings and centred text wrap into lines of even length: at the narrowest
 * width that keeps their number of lines, so that no line is left with a lone
 * last word. Returns the number of lines, or -1 when out of memory. */
static int balance(struct layout *l, struct line **lines, int nlines)
{
	const struct text_opts *o = l->o;
	int lo = 1, hi = o->width;

	bool heading = o->style == TEXT_HEADING || o->style == TEXT_TITLE;
	if ((!heading && o->align != TEXT_ALIGN_CENTER) || nlines < 2 ||
	    (o->max_lines > 0 && nlines > o->max_lines))
		return nlines;
	/* No narrower than the widest piece, which would have to be cut. */
	for (int i = 0; i < l->nwords; i++)
		if (l->words[i].w > lo)
			lo = l->words[i].w;
	while (lo < hi) {
		struct line *trial = NULL;
		int mid = lo + (hi - lo) / 2;
		int n = wrap(l, mid, &trial);
		free(trial);
		if (n < 0)
			return -1;
		if (n == nlines)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (hi >= o->width)
		return nlines;
	free(*lines);
	*lines = NULL;
	return wrap(l, hi, lines);
}

/* Shortens the last line until it fits with an ellipsis after it. */
static void ellipsize(struct layout *l, struct line *last, int ellipsis_w)
{
	int width = l->o->width;

	while (last->count > 1 && line_width(l, last->first, last->count) + ellipsis_w > width)
		last->count--;
	struct word *w = &l->words[last->first + last->count - 1];
	while (line_width(l, last->first, last->count) + ellipsis_w > width && strlen(w->s) > 1) {
		/* Drop one character at a time from a single over-long piece. */
		size_t len = strlen(w->s);
		do
			len--;
		while (len > 0 && ((unsigned char)w->s[len] & 0xC0) == 0x80);
		w->s[len] = '\0';
		measure(l, w);
	}
}

/* One piece of a line, or the space between two, in visual order. */
struct item {
	int word;  /* index of the piece; -1 for a space */
	int level; /* its bidi level */
};

/* Pieces that sit side by side in visual order and render together: one font,
 * one level, only spaces at that level between them. */
struct run {
	int first, count; /* of the line's items in visual order */
	int script;	  /* a font: never NEUTRAL or DIGITS */
	int level;
	bool gap; /* a space before it */
	SDL_Surface *surface;
};

static bool is_rtl(const struct text *t, int script)
{
	return script >= 0 && t->scripts[script].rtl;
}

/* The items of a line in visual order (rule L2 on the pieces and the spaces
 * between them), into items, which holds 2 * line->count; returns how many, or -1
 * when out of memory. */
static int visual_items(const struct layout *l, const struct line *line, struct item *items)
{
	size_t most = 2 * (size_t)line->count;
	struct item *logical = malloc(most * sizeof *logical);
	uint8_t *levels = calloc(most, 1);
	int *order = malloc(most * sizeof *order);
	int n = 0;

	if (!logical || !levels || !order) {
		n = -1;
		goto out;
	}
	for (int i = line->first; i < line->first + line->count; i++) {
		const struct word *w = &l->words[i];
		if (i > line->first && !w->glued) {
			levels[n] = w->space_level;
			logical[n++] = (struct item){ -1, w->space_level };
		}
		levels[n] = w->level;
		logical[n++] = (struct item){ i, w->level };
	}
	bidi_order(levels, n, order);
	for (int k = 0; k < n; k++)
		items[k] = logical[order[k]];
out:
	free(logical);
	free(levels);
	free(order);
	return n;
}

/* The font of item k: its own script's for letters; numbers and punctuation take
 * that of a left-to-right neighbour at their level (right-to-left fonts may lack
 * them), else Latin's. */
static int item_script(const struct layout *l, const struct item *items, int n, int k)
{
	int sc = l->words[items[k].word].script;
	if (sc >= 0)
		return sc;
	for (int d = -1; d <= 1; d += 2) {
		int j = k + d;
		if (j < 0 || j >= n || items[j].word < 0 || items[j].level != items[k].level)
			continue;
		int other = l->words[items[j].word].script;
		if (other >= 0 && !is_rtl(l->t, other))
			return other;
	}
	return 0;
}

/* Cuts a line's visual items into runs. */
static int make_runs(const struct layout *l, const struct item *items, int n, struct run *runs,
		     int max)
{
	int nruns = 0;
	bool space = false;

	for (int k = 0; k < n; k++) {
		if (items[k].word < 0) {
			space = true;
			continue;
		}
		int sc = item_script(l, items, n, k);
		struct run *last = nruns ? &runs[nruns - 1] : NULL;
		bool joins = last && last->script == sc && last->level == items[k].level &&
			     (!space || items[k - 1].level == items[k].level);
		if (joins) {
			last->count = k + 1 - last->first;
		} else if (nruns < max) {
			runs[nruns++] = (struct run){ .first = k,
						      .count = 1,
						      .script = sc,
						      .level = items[k].level,
						      .gap = space && nruns > 0 };
		}
		space = false;
	}
	return nruns;
}

/* Renders a run: its pieces in logical order, which for a right-to-left run is
 * the visual order reversed; HarfBuzz orders and mirrors the glyphs. */
static SDL_Surface *render_run(struct layout *l, const struct item *items, struct run *run,
			       char *buf, size_t size)
{
	size_t len = 0;
	bool rtl = run->level & 1;

	for (int i = 0; i < run->count; i++) {
		const struct item *it =
			&items[rtl ? run->first + run->count - 1 - i : run->first + i];
		const char *s = it->word < 0 ? " " : l->words[it->word].s;
		size_t wl = strlen(s);
		if (len + wl >= size)
			break;
		memcpy(buf + len, s, wl);
		len += wl;
	}
	buf[len] = '\0';
	if (len == 0)
		return NULL;
	l->t->stats.rasterized++;
	TTF_Font *font = directed(font_for(l->t, run->script, l->o->style), (uint8_t)run->level);
	return font ? TTF_RenderUTF8_Blended(font, buf, l->o->color) : NULL;
}

#define RUNS_MAX 32

/* Line metrics come from every font the block uses, so baselines line up. A
 * script may set its own spacing: Arabic fonts reserve room for stacked marks
 * that ordinary text never uses. Sets l->step and l->ascent; returns the height
 * of one line's glyphs. */
static int block_metrics(struct layout *l)
{
	struct text *t = l->t;
	const struct text_opts *o = l->o;
	int ascent = 0, line_h = 0, height = 0;

	for (int i = 0; i < l->nwords; i++) {
		int sc = l->words[i].script < 0 ? 0 : l->words[i].script;
		TTF_Font *f = font_for(t, sc, o->style);
		double k = t->scripts[sc].line_height;
		int skip = k > 0 ? (int)(k * t->sizes[o->style] + 0.5) : TTF_FontLineSkip(f);
		if (TTF_FontAscent(f) > ascent)
			ascent = TTF_FontAscent(f);
		if (skip > line_h)
			line_h = skip;
		if (TTF_FontHeight(f) > height)
			height = TTF_FontHeight(f);
	}
	l->step = line_h;
	l->ascent = ascent;
	return height;
}

/* How many rows of a rendered run reach down to its lowest covered pixel. */
static int run_depth(SDL_Surface *s)
{
	for (int y = s->h; y > 0; y--) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (y - 1) * s->pitch);
		for (int x = 0; x < s->w; x++)
			if (row[x] & s->format->Amask)
				return y;
	}
	return 0;
}

/* Blits line i's rendered runs into block, left to right in visual order, the
 * line aligned in the block's width, and moves l->bottom down to their glyphs. */
static void blit_line(struct layout *l, SDL_Surface *block, int i, const struct run *runs,
		      int nruns, int line_w)
{
	const struct text_opts *o = l->o;
	int cursor;

	if (o->align == TEXT_ALIGN_CENTER)
		cursor = (block->w - line_w) / 2;
	else if ((o->align == TEXT_ALIGN_START) != o->rtl)
		cursor = 0;
	else
		cursor = block->w - line_w;
	for (int r = 0; r < nruns; r++) {
		SDL_Surface *s = runs[r].surface;
		cursor += runs[r].gap ? l->space : 0;
		if (!s)
			continue;
		TTF_Font *f = font_for(l->t, runs[r].script, o->style);
		SDL_Rect dst = { cursor, i * l->step + l->ascent - TTF_FontAscent(f), s->w, s->h };
		int bottom = dst.y + run_depth(s);
		if (bottom > l->bottom)
			l->bottom = bottom;
		SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
		SDL_BlitSurface(s, NULL, block, &dst);
		cursor += s->w;
	}
}

/* Orders line's pieces, renders its runs into runs and returns the line's width,
 * or -1 when out of memory. */
static int render_line(struct layout *l, const struct line *line, struct run *runs, int *nruns)
{
	char buf[4096];
	struct item *items = malloc(2 * (size_t)line->count * sizeof *items);
	int n = items ? visual_items(l, line, items) : -1;
	int width = 0;

	*nruns = 0;
	if (n < 0) {
		free(items);
		return -1;
	}
	*nruns = make_runs(l, items, n, runs, RUNS_MAX);
	for (int r = 0; r < *nruns; r++) {
		runs[r].surface = render_run(l, items, &runs[r], buf, sizeof buf);
		width += (runs[r].surface ? runs[r].surface->w : 0) + (runs[r].gap ? l->space : 0);
	}
	free(items);
	return width;
}

static SDL_Surface *compose(struct layout *l, struct line *lines, int nlines)
{
	const struct text_opts *o = l->o;
	int width = 1;
	SDL_Surface *block = NULL;
	struct run(*runs)[RUNS_MAX] = calloc((size_t)nlines, sizeof *runs);
	int *nruns = calloc((size_t)nlines, sizeof *nruns);
	int *widths = calloc((size_t)nlines, sizeof *widths);

	if (!runs || !nruns || !widths)
		goto out;
	int height = block_metrics(l);
	/* Render every run first: the block is as wide as the widest rendered line. */
	for (int i = 0; i < nlines; i++) {
		widths[i] = render_line(l, &lines[i], runs[i], &nruns[i]);
		if (widths[i] < 0)
			goto out;
		if (widths[i] > width)
			width = widths[i];
	}
	/* In another byte order than SDL_ttf's runs (ARGB), so that SDL blends them,
	 * and the block onto the screen, with its portable blitter: the one it keeps
	 * for equal formats on x86 (MMX) rounds otherwise than that of other CPUs,
	 * and the same text would come out differently on a Raspberry Pi. */
	block = SDL_CreateRGBSurfaceWithFormat(0, width, (nlines - 1) * l->step + height, 32,
					       SDL_PIXELFORMAT_ABGR8888);
	if (!block)
		goto out;
	/* Transparent, in the text's own colour: lines that overlap (a tall mark over
	 * the line above) then blend without dark fringes. */
	SDL_FillRect(block, NULL,
		     SDL_MapRGBA(block->format, o->color.r, o->color.g, o->color.b, 0));
	for (int i = 0; i < nlines; i++)
		blit_line(l, block, i, runs[i], nruns[i], widths[i]);
out:
	for (int i = 0; runs && nruns && i < nlines; i++)
		for (int r = 0; r < nruns[i]; r++)
			SDL_FreeSurface(runs[i][r].surface);
	free(runs);
	free(nruns);
	free(widths);
	return block;
}

static uint64_t hash_of(const char *s, const struct text_opts *o)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	uint32_t parts[] = {
		(uint32_t)o->style,
		(uint32_t)o->color.r << 24 | o->color.g << 16 | o->color.b << 8 | o->color.a,
		(uint32_t)o->width,
		(uint32_t)o->max_lines,
		(uint32_t)o->align,
		(uint32_t)o->rtl
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		h = (h ^ parts[i]) * 1099511628211ull;
	return h;
}

static bool same_opts(const struct text_opts *a, const struct text_opts *b)
{
	return a->style == b->style && a->width == b->width && a->max_lines == b->max_lines &&
	       a->align == b->align && a->rtl == b->rtl && a->color.r == b->color.r &&
	       a->color.g == b->color.g && a->color.b == b->color.b && a->color.a == b->color.a;
}

static bool render_block(struct text *t, const char *s, const struct text_opts *o,
			 struct text_block *out)
{
	static const char ellipsis[] = "\xE2\x80\xA6";
	struct layout l = { .t = t, .o = o };
	struct line *lines = NULL;
	int nlines;
	bool ok = false;

	memset(out, 0, sizeof *out);
	TTF_SizeUTF8(font_for(t, 0, o->style), " ", &l.space, NULL);
	if (!split_words(&l, s))
		goto out;
	nlines = wrap(&l, o->width > 0 ? o->width : 1 << 20, &lines);
	if (nlines > 0)
		nlines = balance(&l, &lines, nlines);
	if (nlines < 0)
		goto out;
	if (nlines == 0) {
		ok = true;
		goto out;
	}
	if (o->max_lines > 0 && nlines > o->max_lines) {
		struct line *last = &lines[o->max_lines - 1];
		int ew;
		nlines = o->max_lines;
		TTF_SizeUTF8(font_for(t, 0, o->style), ellipsis, &ew, NULL);
		ellipsize(&l, last, ew + 1);
		/* The ellipsis ends the last line, glued to its last piece. */
		char *e = strdup(ellipsis);
		struct word piece = { .script = NEUTRAL, .level = o->rtl, .glued = true };
		if (e && insert_word(&l, last->first + last->count, e, &piece))
			last->count++;
		out->truncated = true;
	}
	SDL_Surface *surface = compose(&l, lines, nlines);
	if (!surface)
		goto out;
	/* Below the last line the block keeps room for descenders, but not the extra
	 * depth some fonts reserve and the text does not use: it ends below the
	 * lowest pixel the glyphs cover as rendered, before any blending. */
	int floor = (nlines - 1) * l.step + l.ascent + t->sizes[o->style] / 4;
	int h = l.bottom > floor ? l.bottom : floor;
	if (h > surface->h)
		h = surface->h;
	SDL_Surface *view = SDL_CreateRGBSurfaceWithFormatFrom(
		surface->pixels, surface->w, h, 32, surface->pitch, surface->format->format);
	out->texture = view ? SDL_CreateTextureFromSurface(t->renderer, view) : NULL;
	SDL_FreeSurface(view);
	out->w = surface->w;
	out->h = h;
	out->last = surface->h - (nlines - 1) * l.step;
	out->lines = nlines;
	out->step = l.step;
	SDL_FreeSurface(surface);
	if (!out->texture)
		goto out;
	SDL_SetTextureBlendMode(out->texture, SDL_BLENDMODE_BLEND);
	ok = true;
out:
	for (int i = 0; i < l.nwords; i++)
		free(l.words[i].s);
	free(lines);
	free(l.words);
	return ok;
}

static void evict(struct text *t)
{
	while (t->nentries > 0 && (t->nentries >= CACHE_ENTRIES_MAX || t->bytes > t->budget)) {
		int oldest = -1;
		for (int i = 0; i < t->nentries; i++)
			if (t->entries[i].used < t->frame &&
			    (oldest < 0 || t->entries[i].used < t->entries[oldest].used))
				oldest = i;
		if (oldest < 0)
			return;
		entry_free(t, &t->entries[oldest]);
		t->entries[oldest] = t->entries[--t->nentries];
		memset(&t->entries[t->nentries], 0, sizeof t->entries[0]);
	}
}

static struct entry *find(struct text *t, const char *s, const struct text_opts *o)
{
	uint64_t h = hash_of(s, o);

	for (int i = 0; i < t->nentries; i++) {
		struct entry *e = &t->entries[i];
		if (e->hash == h && same_opts(&e->opts, o) && !strcmp(e->s, s))
			return e;
	}
	return NULL;
}

const struct text_block *text_layout(struct text *t, const char *s, const struct text_opts *o)
{
	uint64_t h = hash_of(s, o);
	struct entry *e = find(t, s, o);

	if (e && !e->measured) {
		e->used = t->frame;
		t->stats.hits++;
		return &e->block;
	}
	if (e) {
		/* Measured before, now drawn: render it anew. */
		entry_free(t, e);
		*e = t->entries[--t->nentries];
		memset(&t->entries[t->nentries], 0, sizeof t->entries[0]);
	}
	t->stats.misses++;
	evict(t);
	if (t->nentries >= CACHE_ENTRIES_MAX) {
		log_warn("text cache full");
		return NULL;
	}
	e = &t->entries[t->nentries];
	e->s = strdup(s);
	if (!e->s || !render_block(t, s, o, &e->block)) {
		log_warn("cannot render text: %s", TTF_GetError());
		free(e->s);
		memset(e, 0, sizeof *e);
		return NULL;
	}
	e->hash = h;
	e->opts = *o;
	e->used = t->frame;
	e->bytes = (size_t)e->block.w * (size_t)e->block.h * 4;
	t->bytes += e->bytes;
	t->nentries++;
	return &e->block;
}

void text_draw_block(struct text *t, const struct text_block *b, int x, int y)
{
	if (!b || !b->texture)
		return;
	struct entry *e = (struct entry *)((char *)b - offsetof(struct entry, block));
	e->drawn = (SDL_Rect){ x, y, b->w, b->h };
	SDL_RenderCopy(t->renderer, b->texture, NULL, &e->drawn);
}

SDL_Rect text_draw(struct text *t, const char *s, const struct text_opts *o, int x, int y)
{
	const struct text_block *b = text_layout(t, s, o);
	SDL_Rect r = { x, y, 0, 0 };

	if (!b || !b->texture)
		return r;
	r.w = b->w;
	r.h = b->h;
	if (o->align == TEXT_ALIGN_CENTER)
		r.x = x + (o->width - b->w) / 2;
	else if ((o->align == TEXT_ALIGN_END) != o->rtl)
		r.x = x + o->width - b->w;
	text_draw_block(t, b, r.x, r.y);
	return r;
}

int text_height(struct text *t, const char *s, const struct text_opts *o)
{
	const struct text_block *b = text_layout(t, s, o);
	return b ? b->h : 0;
}

int text_fit_lines(struct text *t, const char *s, const struct text_opts *o, int height)
{
	struct text_opts all = *o;
	all.max_lines = 0;
	/* Only the block's metrics are needed: a texture of the whole text, made just
	 * to count its lines, would cost its pixels in memory for as long as it is
	 * cached. */
	struct entry *e = find(t, s, &all);
	const struct text_block *b;
	if (e) {
		e->used = t->frame;
		t->stats.hits++;
		b = &e->block;
	} else if ((b = text_layout(t, s, &all)) != NULL) {
		e = (struct entry *)((char *)b - offsetof(struct entry, block));
		if (e->block.texture)
			SDL_DestroyTexture(e->block.texture);
		e->block.texture = NULL;
		t->bytes -= e->bytes;
		e->bytes = 0;
		e->measured = true;
	}
	if (!b || b->lines == 0 || b->step <= 0)
		return 0;
	if (height < b->last)
		return 0;
	int n = 1 + (height - b->last) / b->step;
	return n < b->lines ? n : b->lines;
}

int text_line_height(struct text *t, enum text_style style)
{
	TTF_Font *f = font_for(t, 0, style);
	return f ? TTF_FontLineSkip(f) : t->sizes[style];
}

void text_frame_begin(struct text *t)
{
	t->frame++;
	for (int i = 0; i < t->nentries; i++)
		t->entries[i].drawn.w = 0;
}

bool text_on_screen(const struct text *t, const char *needle)
{
	return text_find(t, needle, NULL);
}

bool text_find(const struct text *t, const char *needle, SDL_Rect *where)
{
	/* A text that is exactly the needle wins over one that contains it. */
	for (int exact = 1; exact >= 0; exact--) {
		for (int i = 0; i < t->nentries; i++) {
			const struct entry *e = &t->entries[i];
			if (e->used != t->frame || e->drawn.w == 0)
				continue;
			if (exact ? strcmp(e->s, needle) != 0 : strstr(e->s, needle) == NULL)
				continue;
			if (where)
				*where = e->drawn;
			return true;
		}
	}
	return false;
}

struct text_stats text_get_stats(const struct text *t)
{
	struct text_stats s = t->stats;
	s.entries = t->nentries;
	s.bytes = t->bytes;
	return s;
}
