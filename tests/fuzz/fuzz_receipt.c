/* SPDX-License-Identifier: EUPL-1.2 */
/* Fuzz target for the upload-receipt parser: whatever the central service (or a
 * captive portal) answers, protocol_receipt_parse only ever names ids of the batch
 * it was given, and the reasons it returns are strings. */
#include "fuzz.h"
#include "common/protocol.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const batch[] = {
	"0b7e3c1a-2f4d-4e6a-9c8b-1d2e3f4a5b6c",
	"1c8f4d2b-3a5e-4f7b-8d9c-2e3f4a5b6c7d",
	"2d9a5e3c-4b6f-4a8c-9eaf-3f4a5b6c7d8e",
	"3e0b6f4d-5c7a-4b9d-afb0-4a5b6c7d8e9f",
};
#define NBATCH (int)(sizeof batch / sizeof batch[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct protocol_receipt r;

	if (!protocol_receipt_parse((const char *)data, size, batch, NBATCH, &r)) {
		FUZZ_CHECK(r.naccepted == 0 && r.nrejected == 0 && !r.json && !r.rejected);
		return 0;
	}
	FUZZ_CHECK(r.naccepted >= 0 && r.naccepted <= PROTOCOL_BATCH);
	for (int i = 0; i < r.naccepted; i++)
		FUZZ_CHECK(r.accepted[i] >= 0 && r.accepted[i] < NBATCH);
	for (int i = 0; i < r.nrejected; i++) {
		FUZZ_CHECK(r.rejected[i].index >= 0 && r.rejected[i].index < NBATCH);
		FUZZ_CHECK(r.rejected[i].reason != NULL);
		(void)strlen(r.rejected[i].reason);
	}
	protocol_receipt_free(&r);
	return 0;
}
