/* SPDX-License-Identifier: EUPL-1.2 */
/* QR code rendering with libqrencode. Codes are drawn into a surface at exactly
 * module_px pixels a module, with the four-module white quiet zone the standard
 * requires, then turned into a texture; they are never scaled afterwards. */
#include "qr.h"
#include "common/log.h"

#include <qrencode.h>
#include <stdio.h>
#include <string.h>

static QRcode *encode(const char *url)
{
	/* 8-bit mode keeps the URL byte for byte; version 0 picks the smallest fit. */
	return QRcode_encodeString8bit(url, 0, QR_ECLEVEL_M);
}

int qr_modules(const char *url)
{
	QRcode *code = encode(url);
	int n;

	if (!code)
		return 0;
	n = code->width + 2 * QR_QUIET_ZONE;
	QRcode_free(code);
	return n;
}

SDL_Texture *qr_create_texture(SDL_Renderer *renderer, const char *url, int max_px, int *size)
{
	QRcode *code = encode(url);
	SDL_Surface *surface;
	SDL_Texture *texture;
	int modules, px;

	if (!code) {
		log_warn("cannot make a QR code for %s", url);
		return NULL;
	}
	modules = code->width + 2 * QR_QUIET_ZONE;
	px = max_px / modules;
	if (px < 2) {
		log_warn("no room for a readable QR code (%d px for %d modules)", max_px, modules);
		QRcode_free(code);
		return NULL;
	}
	surface = SDL_CreateRGBSurfaceWithFormat(0, modules * px, modules * px, 32,
						 SDL_PIXELFORMAT_ARGB8888);
	if (!surface) {
		QRcode_free(code);
		return NULL;
	}
	SDL_FillRect(surface, NULL, SDL_MapRGB(surface->format, 255, 255, 255));
	Uint32 black = SDL_MapRGB(surface->format, 0, 0, 0);
	for (int y = 0; y < code->width; y++) {
		for (int x = 0; x < code->width; x++) {
			if (!(code->data[y * code->width + x] & 1))
				continue;
			SDL_Rect r = { (x + QR_QUIET_ZONE) * px, (y + QR_QUIET_ZONE) * px, px, px };
			SDL_FillRect(surface, &r, black);
		}
	}
	QRcode_free(code);
	texture = SDL_CreateTextureFromSurface(renderer, surface);
	SDL_FreeSurface(surface);
	if (texture)
		*size = modules * px;
	return texture;
}

bool qr_url_with_source(const char *url, const char *source, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *fragment = strchr(url, '#');
	size_t head = fragment ? (size_t)(fragment - url) : strlen(url);
	char escaped[3 * 64 + 1];
	size_t n = 0;

	if (!source || !*source) {
		int len = snprintf(out, size, "%s", url);
		return len >= 0 && (size_t)len < size;
	}
	for (const unsigned char *p = (const unsigned char *)source; *p && n + 4 < sizeof escaped;
	     p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			escaped[n++] = (char)*p;
		} else {
			escaped[n++] = '%';
			escaped[n++] = hex[*p >> 4];
			escaped[n++] = hex[*p & 15];
		}
	}
	escaped[n] = '\0';
	const char *sep = memchr(url, '?', head) ? "&" : "?";
	int len = snprintf(out, size, "%.*s%ssource=%s%s", (int)head, url, sep, escaped,
			   fragment ? fragment : "");
	return len >= 0 && (size_t)len < size;
}
