/* SPDX-License-Identifier: EUPL-1.2 */
/* The results the kiosks show ("what you said"): per group, computed from the
 * answers its kiosks sent before the day as_of began, so that they change once
 * a day and a visitor never sees a bar move with their own answer. No count
 * from 1 to min_n - 1 is ever put in: an option below it is null, a question
 * below it is left out, and a survey left with no question too. */
#ifndef CENTRAL_RESULTS_H
#define CENTRAL_RESULTS_H

#include "central/db.h"
#include "common/content.h"

#include <jansson.h>

/* The bundle's "results" for group as of the day as_of (YYYY-MM-DD, local
 * time), for the surveys of c; NULL when no survey has min_n answers, or when
 * the storage fails (logged). */
json_t *results_compute(struct db *db, const char *group, const struct content *c,
			const char *as_of, int min_n);

/* Today's date (local time, or KIOSK_NOW's) as YYYY-MM-DD into out (11 bytes). */
void results_today(char *out);

#endif
