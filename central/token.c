/* SPDX-License-Identifier: EUPL-1.2 */
/* Tokens and hashes for kiosk-central: getrandom(2) for the secret, OpenSSL's
 * SHA-256 for what is stored and compared. */
#include "token.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <sys/random.h>

static void hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * n] = '\0';
}

bool token_new(char *out)
{
	unsigned char b[32];
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
		return false;
	hex(b, sizeof b, out);
	return true;
}

void token_sha256_hex(const void *data, size_t len, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	hex(md, n > 32 ? 32 : n, out);
}
