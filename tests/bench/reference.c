/* SPDX-License-Identifier: EUPL-1.2 */
/* The benchmark's reference: the least an SDL2 + SDL2_ttf + libqrencode program
 * can do to show a screen like the kiosk's attract screen. It opens a window, draws
 * a header, one promise card with a QR code and the footer buttons once, logs
 * "reference: first frame" on stderr, and then sleeps until its rotation timer,
 * when it draws the next card. It uses the software renderer without an OpenGL
 * framebuffer, the cheapest choice under X11 without a GPU.
 * usage: reference [WxH] */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <qrencode.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#define ROTATE_MS 9000
#define FONT_DIR  "/usr/share/fonts/truetype/noto/"

static const struct {
	const char *status, *area, *title, *body, *url;
} cards[] = {
	{ "Pågår", "Resecentrum, Åsby centrum",
	  "Polis till fots vid Resecentrum fredag och lördag kväll",
	  "Polisen patrullerar till fots vid Resecentrum varje fredag och lördag kl. 18–23, "
	  "och kommunens trygghetsvärdar finns på plats samma kvällar. Butikerna i huset har "
	  "direktkontakt med patrullen. I trygghetsundersökningen 2025 svarade många att de "
	  "undviker Resecentrum på kvällen.",
	  "https://polisen.asby.example/medborgarloften/resecentrum-kvall" },
	{ "Klart", "Norra parken", "Klotter i Norra parken tas bort inom 24 timmar",
	  "Kommunen tar bort klotter i Norra parken inom ett dygn efter en anmälan, och "
	  "fastighetsägarna runt parken gör detsamma på sina väggar. Parkens belysning ses "
	  "över och buskagen vid gångvägen klipps ned.",
	  "https://www.asby.example/trygghet/medborgarloften/norra-parken" },
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static TTF_Font *font_regular, *font_bold, *font_title, *font_arabic;

static void text(SDL_Renderer *r, TTF_Font *font, const char *s, SDL_Color c, int x, int y,
		 int wrap)
{
	SDL_Surface *surface = wrap ? TTF_RenderUTF8_Blended_Wrapped(font, s, c, (Uint32)wrap)
				    : TTF_RenderUTF8_Blended(font, s, c);
	if (!surface)
		return;
	SDL_Texture *t = SDL_CreateTextureFromSurface(r, surface);
	SDL_Rect dst = { x, y, surface->w, surface->h };
	SDL_RenderCopy(r, t, NULL, &dst);
	SDL_DestroyTexture(t);
	SDL_FreeSurface(surface);
}

static void fill(SDL_Renderer *r, SDL_Color c, int x, int y, int w, int h)
{
	SDL_Rect rect = { x, y, w, h };
	SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
	SDL_RenderFillRect(r, &rect);
}

static void qr(SDL_Renderer *r, const char *url, int x, int y, int size)
{
	QRcode *code = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!code)
		return;
	int module = size / (code->width + 8);
	fill(r, (SDL_Color){ 255, 255, 255, 255 }, x, y, size, size);
	SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
	for (int j = 0; j < code->width; j++)
		for (int i = 0; i < code->width; i++)
			if (code->data[j * code->width + i] & 1) {
				SDL_Rect m = { x + (i + 4) * module, y + (j + 4) * module, module,
					       module };
				SDL_RenderFillRect(r, &m);
			}
	QRcode_free(code);
}

static void draw(SDL_Renderer *r, int w, int h, int card)
{
	const SDL_Color bg = { 242, 240, 235, 255 }, header = { 16, 40, 72, 255 },
			white = { 255, 255, 255, 255 }, ink = { 28, 28, 30, 255 },
			muted = { 80, 80, 84, 255 }, button = { 11, 87, 160, 255 },
			yellow = { 255, 200, 61, 255 };
	int m = w / 48, hh = h / 6;

	fill(r, bg, 0, 0, w, h);
	fill(r, header, 0, 0, w, hh);
	text(r, font_title, "Medborgarlöften i Åsby", white, m, m / 2, 0);
	text(r, font_regular, "Polisen och kommunen lovar – så här går det", white, m, hh * 2 / 3,
	     0);
	fill(r, yellow, w - m - w / 8, hh / 4, w / 8, hh / 2);
	text(r, font_bold, "Tyck till!", ink, w - m - w / 8 + m, hh / 3, 0);

	int cx = 3 * m, cy = hh + m, cw = w - 6 * m, ch = h - hh - 3 * m - h / 8;
	fill(r, white, cx, cy, cw, ch);
	text(r, font_regular, cards[card].status, muted, cx + m, cy + m, 0);
	text(r, font_regular, cards[card].area, muted, cx + 5 * m, cy + m, 0);
	text(r, font_title, cards[card].title, ink, cx + m, cy + 3 * m, cw - ch / 2 - 3 * m);
	text(r, font_regular, cards[card].body, ink, cx + m, cy + 8 * m, cw - ch / 2 - 3 * m);
	qr(r, cards[card].url, cx + cw - ch / 2 - m, cy + m, ch / 2);
	text(r, font_bold, "Tryck för att läsa mer", button, cx + m, cy + ch - 2 * m, 0);

	static const char *const langs[] = { "Svenska", "English", "العربية", "Mer på mobilen" };
	for (int i = 0; i < 4; i++) {
		int bx = i < 3 ? m + i * (w / 8 + m) : w - m - w / 6;
		fill(r, i == 0 || i == 3 ? button : (SDL_Color){ 222, 228, 238, 255 }, bx,
		     h - h / 10, i < 3 ? w / 8 : w / 6, h / 14);
		text(r, i == 2 ? font_arabic : font_bold, langs[i], i == 0 || i == 3 ? white : ink,
		     bx + m / 2, h - h / 10 + m / 3, 0);
	}
	SDL_RenderPresent(r);
}

int main(int argc, char **argv)
{
	int w = 1920, h = 1080;

	if (argc > 1 && sscanf(argv[1], "%dx%d", &w, &h) != 2) {
		fprintf(stderr, "usage: reference [WxH]\n");
		return 2;
	}
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (SDL_Init(SDL_INIT_VIDEO) < 0 || TTF_Init() < 0) {
		fprintf(stderr, "reference: %s\n", SDL_GetError());
		return 1;
	}
	font_regular = TTF_OpenFont(FONT_DIR "NotoSans-Regular.ttf", h * 37 / 1000);
	font_bold = TTF_OpenFont(FONT_DIR "NotoSans-Bold.ttf", h * 37 / 1000);
	font_title = TTF_OpenFont(FONT_DIR "NotoSans-Bold.ttf", h * 60 / 1000);
	font_arabic = TTF_OpenFont(FONT_DIR "NotoSansArabic-Bold.ttf", h * 37 / 1000);
	if (!font_regular || !font_bold || !font_title || !font_arabic) {
		fprintf(stderr, "reference: %s\n", TTF_GetError());
		return 1;
	}
	SDL_Window *window = SDL_CreateWindow("reference", SDL_WINDOWPOS_CENTERED,
					      SDL_WINDOWPOS_CENTERED, w, h, SDL_WINDOW_SHOWN);
	SDL_Renderer *r = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
	if (!r) {
		fprintf(stderr, "reference: %s\n", SDL_GetError());
		return 1;
	}
	int card = 0;
	draw(r, w, h, card);
	fprintf(stderr, "reference: first frame\n");
	Uint64 next = SDL_GetTicks64() + ROTATE_MS;
	while (!stop) {
		Uint64 now = SDL_GetTicks64();
		if (now >= next) {
			card = (card + 1) % (int)(sizeof cards / sizeof cards[0]);
			draw(r, w, h, card);
			next = now + ROTATE_MS;
			continue;
		}
		/* A second at most, so that a signal is noticed promptly, as the kiosk does. */
		SDL_Event ev;
		Uint64 wait = next - now < 1000 ? next - now : 1000;
		if (SDL_WaitEventTimeout(&ev, (int)wait)) {
			if (ev.type == SDL_QUIT)
				break;
			if (ev.type == SDL_WINDOWEVENT &&
			    ev.window.event == SDL_WINDOWEVENT_EXPOSED)
				draw(r, w, h, card);
		}
	}
	SDL_DestroyRenderer(r);
	SDL_DestroyWindow(window);
	TTF_CloseFont(font_regular);
	TTF_CloseFont(font_bold);
	TTF_CloseFont(font_title);
	TTF_CloseFont(font_arabic);
	TTF_Quit();
	SDL_Quit();
	return 0;
}
