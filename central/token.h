/* SPDX-License-Identifier: EUPL-1.2 */
/* Kiosk bearer tokens: 256 random bits as 64 hex digits, shown once when a kiosk
 * is added; only their SHA-256 is kept. */
#ifndef CENTRAL_TOKEN_H
#define CENTRAL_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_HEX 65 /* 64 hex digits and the NUL */

/* A new token into out (TOKEN_HEX bytes); false when no randomness is to be had. */
bool token_new(char *out);

/* SHA-256 of len bytes of data in lowercase hex into out (TOKEN_HEX bytes). */
void token_sha256_hex(const void *data, size_t len, char *out);

#endif
