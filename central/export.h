/* SPDX-License-Identifier: EUPL-1.2 */
/* What staff take out of kiosk-central on the command line: every stored
 * response (JSON lines, or CSV for a spreadsheet) and the fleet's state. */
#ifndef CENTRAL_EXPORT_H
#define CENTRAL_EXPORT_H

#include "central/db.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

enum export_format { EXPORT_JSONL, EXPORT_CSV };

/* Which responses: each field NULL for all. from and to are days (YYYY-MM-DD,
 * both included) of the hour the response was submitted; status is "complete"
 * or "abandoned"; group is the kiosks' group. */
struct export_filter {
	const char *survey, *group, *language, *status, *from, *to;
};

/* Every stored response that f (may be NULL) lets through to out. jsonl: the
 * document as received plus "kiosk_id" and "received_at" (UTC, ISO 8601), one
 * per line. csv: one row per response, one column per question, in the order
 * the questions first appear; a multi answer's options joined with ";". */
int export_responses(struct db *db, const struct export_filter *f, enum export_format format,
		     FILE *out);

/* The fleet to out: each kiosk's group, last heartbeat and its figures, and
 * "quiet" once three heartbeats of status_interval_s were missed. */
int export_kiosks(struct db *db, int status_interval_s, bool json, FILE *out);

/* What the stored responses (those f lets through) say, for staff: per
 * survey its responses and how many were completed, and per question how many
 * answered it (skips are not counted) and how many chose each option. NULL when
 * the storage fails. */
json_t *export_results(struct db *db, const struct export_filter *f);

#endif
