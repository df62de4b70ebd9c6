/* SPDX-License-Identifier: EUPL-1.2 */
/* Staff PIN hashing with libxcrypt's yescrypt. The cost is chosen so that one check
 * takes a fraction of a second on a Raspberry Pi 4: slow enough to make guessing
 * from a leaked kiosk.conf expensive, quick enough for a person at the pad. */
#include "pin.h"
#include "log.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#define PIN_COST 7 /* yescrypt's log2 cost: about 80 ms on a PC, 0.3 s on a Pi 4 */

bool pin_valid(const char *pin)
{
	size_t n = strlen(pin);

	if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return false;
	return true;
}

bool pin_hash(const char *pin, char *out, size_t size)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *data;
	bool ok = false;

	if (!pin_valid(pin)) {
		log_error("a PIN is %d to %d digits", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
		return false;
	}
	/* A NULL random source makes libxcrypt read the kernel's. */
	if (!crypt_gensalt_rn("$y$", PIN_COST, NULL, 0, salt, sizeof salt)) {
		log_error("cannot make a salt for the PIN (no yescrypt or no randomness)");
		return false;
	}
	if (!(data = calloc(1, sizeof *data)))
		return false;
	const char *h = crypt_r(pin, salt, data);
	if (h && h[0] != '*' && strlen(h) < size && strlen(h) < PIN_HASH_MAX) {
		strcpy(out, h);
		ok = true;
	} else {
		log_error("cannot hash the PIN");
	}
	explicit_bzero(data, sizeof *data);
	free(data);
	return ok;
}

bool pin_check(const char *pin, const char *hash)
{
	struct crypt_data *data;
	bool match = false;

	if (!pin_valid(pin) || !pin_hash_usable(hash))
		return false;
	if (!(data = calloc(1, sizeof *data)))
		return false;
	const char *h = crypt_r(pin, hash, data);
	if (h && h[0] != '*' && strlen(h) == strlen(hash)) {
		/* Compared in full whatever the first difference, as crypt hashes are. */
		unsigned char diff = 0;
		for (size_t i = 0; hash[i]; i++)
			diff |= (unsigned char)(h[i] ^ hash[i]);
		match = diff == 0;
	}
	explicit_bzero(data, sizeof *data);
	free(data);
	return match;
}
