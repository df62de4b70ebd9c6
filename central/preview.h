/* SPDX-License-Identifier: EUPL-1.2 */
/* Previews for the staff web UI: the kiosk's real screens for a draft, drawn by
 * `kiosk --screenshot` as a child process with a time and a memory limit, and
 * kept by the hash of what was drawn so that the same draft is drawn once. */
#ifndef CENTRAL_PREVIEW_H
#define CENTRAL_PREVIEW_H

#include "central/config.h"

#include <stdbool.h>
#include <stddef.h>

#define PREVIEW_NAME_MAX 64

/* Draws the bundle text (len bytes) in language lang ("sv") at size ("800x480")
 * into data_dir/previews/<name>/, name into name (PREVIEW_NAME_MAX bytes). On
 * failure false, with why in why (a line for staff). */
bool preview_render(const struct central_config *cfg, const char *text, size_t len,
		    const char *lang, const char *size, char *name, char *why, size_t why_size);

/* Whether lang and size are what a preview may be asked for. */
bool preview_args_ok(const char *lang, const char *size);

#endif
