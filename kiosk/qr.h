/* SPDX-License-Identifier: EUPL-1.2 */
/* QR codes for links: error correction M, a quiet zone of four modules, and a whole
 * number of pixels per module so that every module is crisp. */
#ifndef KIOSK_QR_H
#define KIOSK_QR_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#define QR_QUIET_ZONE 4

/* Renders url as a QR code no wider than max_px, as large as whole modules allow.
 * Returns NULL (logged) if it cannot be encoded or would get under 2 px a module.
 * The caller owns the texture; *size receives its side in pixels. */
SDL_Texture *qr_create_texture(SDL_Renderer *renderer, const char *url, int max_px, int *size);

/* Side of url's code in modules, quiet zone included; 0 if it cannot be encoded. */
int qr_modules(const char *url);

/* Writes url with "source=<source>" added to its query (before any #fragment) into
 * out. An empty source copies url unchanged. False if out is too small. */
bool qr_url_with_source(const char *url, const char *source, char *out, size_t size);

#endif
