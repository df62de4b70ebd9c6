/* SPDX-License-Identifier: EUPL-1.2 */
/* The staff PIN: kept in kiosk.conf only as a salted yescrypt hash, so that a copy
 * of the file does not give the PIN away cheaply. */
#ifndef KIOSK_PIN_H
#define KIOSK_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 8
#define PIN_HASH_MAX   128

/* Whether pin is PIN_MIN_DIGITS to PIN_MAX_DIGITS decimal digits. */
bool pin_valid(const char *pin);

/* A new salted hash of pin into out (PIN_HASH_MAX bytes). False (logged) if pin is
 * not valid or the system has no randomness or no yescrypt. */
bool pin_hash(const char *pin, char *out, size_t size);

/* Whether pin matches hash. An empty or malformed hash matches nothing. */
bool pin_check(const char *pin, const char *hash);

/* Whether hash looks like something pin_hash made (yescrypt, "$y$..."). Inline so
 * that the config reader can check it without linking libcrypt. */
static inline bool pin_hash_usable(const char *hash)
{
	static const char alphabet[] =
		"$./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	size_t n = strlen(hash);
	return n > 3 && n < PIN_HASH_MAX && !strncmp(hash, "$y$", 3) && strspn(hash, alphabet) == n;
}

#endif
